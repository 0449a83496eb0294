"""Rows to domain objects, for both stores: the SQLite register keeps dates as ISO text
and lists as JSON text, PostgreSQL as ``date`` and ``jsonb``; past that they read the same
tables and columns, so the objects are built in one place."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from governance.minute_book import Approval, Attendee, Declaration, MinuteBook, MinuteEntry
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


# --- minute books (issue 15) ------------------------------------------------------------------

#: The columns of ``minute_books`` besides ``meeting_id``, in the order they are written.
MINUTE_BOOK_COLUMNS = ("attendance", "declarations", "entries", "first_number", "cancelled",
                       "approved_at", "correction", "recorded_at", "recorded_by")


def _json_text(values: tuple) -> str:
    """A tuple of dataclasses as the JSON text both registers keep (the same bytes)."""
    return json.dumps([dataclasses.asdict(v) for v in values], ensure_ascii=False)


def _built(cls: type, value: str | list | None) -> tuple:
    """A JSON list column as ``cls`` objects (keys ``cls`` does not know are left out;
    fields a row lacks take their defaults)."""
    known = {f.name for f in dataclasses.fields(cls)}
    return tuple(cls(**{k: v for k, v in d.items() if k in known}) for d in listed(value))


def minute_book_values(book: MinuteBook) -> dict[str, Any]:
    """A minute book as its row's columns (``approved_at`` a date: each store writes it
    as it keeps dates)."""
    a = book.approval
    return {"attendance": _json_text(book.attendance),
            "declarations": _json_text(book.declarations),
            "entries": _json_text(book.entries),
            "first_number": book.first_number, "cancelled": book.cancelled,
            "approved_at": a.approved_at if a else None,
            "correction": a.correction if a else None,
            "recorded_at": a.recorded_at if a else None,
            "recorded_by": a.recorded_by if a else None}


def minute_book(r: dict[str, Any]) -> MinuteBook:
    """A ``minute_books`` row joined with its meeting's ``committee`` (name) and ``date``."""
    approval = (Approval(day(r["approved_at"]), r["correction"], r["recorded_at"],
                         r["recorded_by"]) if r["approved_at"] is not None else None)
    return MinuteBook(
        committee=r["committee"], date=day(r["date"]),
        attendance=_built(Attendee, r["attendance"]),
        declarations=_built(Declaration, r["declarations"]),
        entries=_built(MinuteEntry, r["entries"]),
        first_number=r["first_number"], cancelled=r["cancelled"], approval=approval)


def minute_books_query(mark: str, committee: str | None, date: dt.date | str | None,
                       collate: str = "") -> tuple[str, list[Any]]:
    """The SELECT of minute books (of one committee, of one meeting) by committee then date,
    with ``mark`` the store's placeholder and ``collate`` its byte-order collation."""
    where, params = [], []
    if committee is not None:
        where.append(f"c.name = {mark}")
        params.append(committee)
    if date is not None:
        where.append(f"m.date = {mark}")
        params.append(date)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return (f"SELECT b.*, c.name AS committee, m.date FROM minute_books b"
            f" JOIN meetings m ON m.id = b.meeting_id JOIN committees c ON c.id = m.committee_id"
            f"{clause} ORDER BY c.name{collate}, m.date", params)


def save_minute_book_sql(mark: str) -> str:
    """The upsert of a minute book's row (``meeting_id`` first, then
    :data:`MINUTE_BOOK_COLUMNS`): an approved row's triggers refuse it."""
    columns = ("meeting_id", *MINUTE_BOOK_COLUMNS)
    return (f"INSERT INTO minute_books ({', '.join(columns)})"
            f" VALUES ({', '.join([mark] * len(columns))}) ON CONFLICT (meeting_id) DO UPDATE"
            f" SET {', '.join(f'{c} = excluded.{c}' for c in MINUTE_BOOK_COLUMNS)}")
