"""Plain-text description of a decision, for the command line and the window's preview."""

from __future__ import annotations

import datetime as dt

from governance.model import Decision
from governance.vocab import STATUS_LABELS, TEXT_FIELD_LABELS


def _long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "—"


def describe_decision(d: Decision) -> str:
    """A decision as a clerk reads it: the record's labels, in the record's order."""
    key = "NO" if d.key_decision is False else "Not recorded"
    if d.key_decision:
        key = "YES" + (f" ({', '.join(d.key_decision_criteria)})"
                       if d.key_decision_criteria else "")
    lines = [
        f"DECISION NO: {d.number}",
        f"Status: {STATUS_LABELS[d.status]}",
        f"For publication: {'Yes' if not d.exempt_paragraph else f'No - exempt under paragraph {d.exempt_paragraph} of Part 1 of Schedule 12A'}",  # noqa: E501
        f"Key decision: {key}",
        f"Title of Decision: {d.title}",
        f"Decision maker: {d.decision_maker or '—'}",
        "Decision:",
        *(f"  {d.part_letter(i)}) {p.verb} {p.text}" for i, p in enumerate(d.parts)),
    ]
    for field, label in TEXT_FIELD_LABELS.items():
        lines.append(f"{label}: {getattr(d, field) or '—'}")
    for name, assessment in (("EqIA", d.eqia), ("DPIA", d.dpia)):
        lines.append(f"{name}: {assessment.status.replace('_', ' ') if assessment else '—'}")
    lines.append(f"Forward Plan notice: {_long_date(d.notice_published_on)}")
    for c in d.committee_considerations:
        outcome = c.outcome.replace("_", " ") if c.outcome else "outcome not recorded"
        lines.append(f"Considered: {c.committee}, {_long_date(c.date)}: {outcome}")
    if d.taken_on:
        lines.append(f"Taken: {_long_date(d.taken_on)} by {d.signed_by or d.decision_maker}")
    if d.published_on:
        lines.append(f"Published: {_long_date(d.published_on)}")
    if d.amends:
        lines.append(f"Amends: {d.amends}")
    return "\n".join(lines)
