"""Rows to domain objects, for both stores: the SQLite register keeps dates as ISO text
and lists as JSON text, PostgreSQL as ``date`` and ``jsonb``; past that they read the same
tables and columns, so the objects are built in one place."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from governance.model import (
    AgendaItem,
    Assessment,
    CommitteeConsideration,
    Decision,
    DecisionPart,
    Delegation,
    Paper,
    PathwayStep,
)
from governance.vocab import DECISION_TEXT_FIELDS


def day(value: str | dt.date | None) -> dt.date | None:
    """A date as either store gives it (ISO text, or a date), or None."""
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def listed(value: str | list | None) -> list:
    """A JSON list as either store gives it (text, or already parsed)."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def flag(value: int | bool | None) -> bool | None:
    return None if value is None else bool(value)


def part(r: dict[str, Any]) -> DecisionPart:
    deleg = (Delegation(r["delegation_post"], r["delegation_scope"],
                        r["delegation_conditions"])
             if r["delegation_post"] is not None else None)
    return DecisionPart(r["verb"], r["text"], deleg)


def consideration(r: dict[str, Any]) -> CommitteeConsideration:
    """A consideration row joined with its committee's name (``committee``)."""
    return CommitteeConsideration(r["committee"], day(r["date"]), r["outcome"],
                                  r["recommendations"])


def _assessment(r: dict[str, Any], prefix: str) -> Assessment | None:
    if r[f"{prefix}_status"] is None:
        return None
    return Assessment(r[f"{prefix}_status"], r[f"{prefix}_title"],
                      r[f"{prefix}_signed_off_by"], day(r[f"{prefix}_signed_off_on"]))


def decisions(rows: Iterable[dict[str, Any]], parts: Iterable[dict[str, Any]],
              considerations: Iterable[dict[str, Any]]) -> list[Decision]:
    """Decision rows with their parts' and considerations' rows (each in position order)."""
    by_number: dict[str, list[DecisionPart]] = {}
    for p in parts:
        by_number.setdefault(p["decision_number"], []).append(part(p))
    considered: dict[str, list[CommitteeConsideration]] = {}
    for c in considerations:
        considered.setdefault(c["decision_number"], []).append(consideration(c))
    return [Decision(
        number=r["number"], title=r["title"], decision_maker=r["decision_maker"],
        key_decision=flag(r["key_decision"]),
        key_decision_criteria=listed(r["key_decision_criteria"]),
        exempt_paragraph=r["exempt_paragraph"], parts=by_number.get(r["number"], []),
        **{f: r[f] for f in DECISION_TEXT_FIELDS},
        eqia=_assessment(r, "eqia"), dpia=_assessment(r, "dpia"),
        notice_published_on=day(r["notice_published_on"]), route=r["route"],
        urgency_reason=r["urgency_reason"],
        committee_considerations=considered.get(r["number"], []),
        status=r["status"], taken_on=day(r["taken_on"]), signed_by=r["signed_by"],
        published_on=day(r["published_on"]), report_author=r["report_author"],
        relevant_director=r["relevant_director"], amends=r["amends"],
        past_pathway=pathway(r.get("past_pathway")),
        future_pathway=pathway(r.get("future_pathway")),
        expected_on=r.get("expected_on"),
        version=r["version"]) for r in rows]


def pathway(value: str | list | None) -> list[PathwayStep]:
    """A pathway column (a JSON list of ``{"board", "date"}``) as its steps."""
    return [PathwayStep(s["board"], day(s.get("date"))) for s in listed(value)]


def pathway_rows(steps: list[PathwayStep]) -> list[dict[str, str | None]]:
    """Steps as a pathway column holds them."""
    return [{"board": s.board, "date": s.date.isoformat() if s.date else None}
            for s in steps]


def paper(r: dict[str, Any]) -> Paper:
    content = r["content"]
    return Paper(r["file_name"], r["title"], r["exempt_paragraph"], r["sha256"],
                 None if content is None else bytes(content))


def item_trees(items: list[dict[str, Any]],
               papers: dict[int, list[Paper]]) -> dict[int, list[AgendaItem]]:
    """Agenda item rows (parents before their sub-items) as each meeting's items, in
    order, with their sub-items and papers: meeting id -> top-level items."""
    built: dict[int, AgendaItem] = {}
    top: dict[int, list[AgendaItem]] = {}
    for i in items:
        item = AgendaItem(i["title"], flag(i["standing"]), i["description"],
                          i["decision_number"], papers.get(i["id"], []), i["exempt_paragraph"])
        built[i["id"]] = item
        if i["parent_id"] is None:
            top.setdefault(i["meeting_id"], []).append(item)
        else:
            built[i["parent_id"]].items.append(item)
    return top
