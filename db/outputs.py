"""What the register's listings and calendar read from the store (all their SQL): the
register's decisions with the committees that considered them (``list --csv``, the
Register screen's "Export CSV…"), and every meeting's agenda without the papers' content
(``calendar``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from db.meetings import MeetingDetails, Publication, decision_numbers, item_trees
from db.register import DecisionFilter, DecisionSummary, NotFoundError, Register
from governance.calendar import agenda_publication_deadline
from governance.model import Committee, Meeting, Paper


@dataclass(frozen=True)
class ListingRow:
    """One decision as a listing shows it: its summary and where it was considered."""

    summary: DecisionSummary
    #: (committee, date) of each consideration, earliest first.
    considerations: tuple[tuple[str, dt.date], ...] = ()


def _rows(register: Register, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = register.db.execute(sql, list(params))
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row)) for row in cursor]


def listing(register: Register, where: DecisionFilter | None = None, sort: str = "number",
            descending: bool = False) -> list[ListingRow]:
    """Every decision matching ``where`` (all of them if None), in the order given: what
    the Register screen shows, whole rather than a page at a time."""
    summaries = register.summaries(where=where or DecisionFilter(), sort=sort,
                                   descending=descending)
    wanted = {s.number for s in summaries}
    considered: dict[str, list[tuple[str, dt.date]]] = {}
    for r in _rows(register, "SELECT cc.decision_number, c.name, cc.date"
                             " FROM committee_considerations cc JOIN committees c"
                             " ON c.id = cc.committee_id"
                             " ORDER BY cc.decision_number, cc.date, cc.position"):
        if r["decision_number"] in wanted:
            considered.setdefault(r["decision_number"], []).append(
                (r["name"], dt.date.fromisoformat(r["date"])))
    return [ListingRow(s, tuple(considered.get(s.number, ()))) for s in summaries]


def committee_names(register: Register) -> list[str]:
    return [r["name"] for r in _rows(register, "SELECT name FROM committees ORDER BY name")]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def agendas(register: Register, committee: str | None = None) -> list[MeetingDetails]:
    """Every meeting (of ``committee``, if given), oldest first, with its agenda items and
    the titles and exempt paragraphs of its papers, but not their content: enough to list
    a meeting's business (membership, clerk and proper officer are not loaded)."""
    if committee is not None and committee not in committee_names(register):
        names = ", ".join(committee_names(register)) or "none"
        raise NotFoundError(f"there is no committee called {committee!r} in the register"
                            f" (committees: {names})")
    committees = {c.name: c for c in register.committees()}
    clause, params = ("WHERE c.name = ?", [committee]) if committee else ("", [])
    meetings = _rows(register, "SELECT m.*, c.name AS committee FROM meetings m JOIN"
                               f" committees c ON c.id = m.committee_id {clause}"
                               " ORDER BY m.date, m.time, c.name", params)
    items = _rows(register, "SELECT * FROM agenda_items"
                            " ORDER BY meeting_id, parent_id IS NOT NULL, parent_id, position")
    papers: dict[int, list[Paper]] = {}
    for p in _rows(register, "SELECT item_id, file_name, title, exempt_paragraph, sha256"
                             " FROM papers ORDER BY item_id, position"):
        papers.setdefault(p["item_id"], []).append(Paper(
            p["file_name"], p["title"], p["exempt_paragraph"], p["sha256"]))
    exempt = {r["number"]: r["exempt_paragraph"] for r in _rows(
        register, "SELECT number, exempt_paragraph FROM decisions"
                  " WHERE exempt_paragraph IS NOT NULL")}
    top = item_trees(items, papers)
    out = []
    for r in meetings:
        m = Meeting(committee=r["committee"], date=dt.date.fromisoformat(r["date"]),
                    time=r["time"], venue=r["venue"], clerk=r["clerk"],
                    proper_officer=r["proper_officer"], published_on=_date(r["published_on"]),
                    items=top.get(r["id"], []))
        on_agenda = set(decision_numbers(m.items))
        out.append(MeetingDetails(
            meeting=m,
            committee=committees.get(m.committee, Committee(m.committee, "other")),
            members={}, clerk=None, proper_officer=None,
            publication=Publication(agenda_publication_deadline(m.date), m.published_on),
            exempt_decisions={n: p for n, p in exempt.items() if n in on_agenda}))
    return out


