"""Meetings and their agendas in SQLite (a part of :class:`db.sqlite_store.SqliteStore`).

An agenda is stored as item rows with positions (the numbers 7, 9a are the core's to
work out) and papers that refer to their content by SHA-256, so the same file attached
twice is kept once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from db import rows as rows_to
from db.rows import item_trees
from governance.agenda import MeetingRecord, RecordedMembership
from governance.errors import NotInRegister
from governance.model import AgendaItem, Meeting, Membership, Paper
from governance.ports import AgendaAppearance, MeetingSummary


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class MeetingsSql:
    """The meeting half of the SQLite store: it uses the store's ``db``, ``_rows``,
    ``_one`` and ``_id``."""

    def _meeting_id(self, committee: str, date: dt.date) -> int:
        found = self._one("SELECT m.id FROM meetings m JOIN committees c"
                          " ON c.id = m.committee_id WHERE c.name = ? AND m.date = ?",
                          [committee, date.isoformat()])
        if found is None:
            raise NotInRegister("meetings", (committee, date))
        return found

    def _papers_of(self, where: str, params: list[Any], content: bool
                   ) -> dict[int, list[Paper]]:
        papers: dict[int, list[Paper]] = {}
        column = "f.content" if content else "NULL AS content"
        join = " JOIN paper_files f ON f.sha256 = p.sha256" if content else ""
        for p in self._rows(f"SELECT p.*, {column} FROM papers p{join}"
                            f" JOIN agenda_items i ON i.id = p.item_id {where}"
                            " ORDER BY p.item_id, p.position", params):
            papers.setdefault(p["item_id"], []).append(rows_to.paper(p))
        return papers

    def meeting_list(self) -> list[MeetingSummary]:
        return [MeetingSummary(r["name"], _date(r["date"]), _date(r["published_on"]))
                for r in self._rows(
                    "SELECT c.name, m.date, m.published_on FROM meetings m JOIN committees c"
                    " ON c.id = m.committee_id ORDER BY m.date DESC, c.name")]

    def meeting(self, committee: str, date: dt.date, *, content: bool = True
                ) -> MeetingRecord | None:
        rows = self._rows(
            "SELECT m.*, c.name AS committee, md.published_late, md.late_reason,"
            " md.published_by, md.membership_recorded, md.seats AS recorded_seats,"
            " md.party_seats AS recorded_party_seats, md.meeting_id AS has_details"
            " FROM meetings m JOIN committees c ON c.id = m.committee_id"
            " LEFT JOIN meeting_details md ON md.meeting_id = m.id"
            " WHERE c.name = ? AND m.date = ?", [committee, date.isoformat()])
        if not rows:
            return None
        r = rows[0]
        items = self._rows("SELECT * FROM agenda_items WHERE meeting_id = ?"
                           " ORDER BY parent_id IS NOT NULL, parent_id, position", [r["id"]])
        papers = self._papers_of("WHERE i.meeting_id = ?", [r["id"]], content)
        meeting = Meeting(
            committee=r["committee"], date=_date(r["date"]), time=r["time"], venue=r["venue"],
            clerk=r["clerk"], proper_officer=r["proper_officer"],
            published_on=_date(r["published_on"]), notices=json.loads(r["notices"]),
            items=item_trees(items, papers).get(r["id"], []), late_reason=r["late_reason"])
        recorded = None
        if r["membership_recorded"]:
            recorded = RecordedMembership(
                tuple(Membership(m["name"], m["role"]) for m in self._rows(
                    "SELECT mb.name, mm.role FROM meeting_members mm JOIN members mb"
                    " ON mb.id = mm.member_id WHERE mm.meeting_id = ? ORDER BY mm.position",
                    [r["id"]])),
                r["recorded_seats"],
                json.loads(r["recorded_party_seats"]) if r["recorded_party_seats"] else None)
        return MeetingRecord(
            meeting, None if r["has_details"] is None else bool(r["published_late"]),
            r["published_by"], recorded)

    def meetings(self, committee: str | None = None, *, content: bool = False
                 ) -> list[Meeting]:
        clause, params = ("WHERE c.name = ?", [committee]) if committee else ("", [])
        rows = self._rows("SELECT m.*, c.name AS committee, md.late_reason FROM meetings m"
                          " JOIN committees c ON c.id = m.committee_id LEFT JOIN"
                          " meeting_details md ON md.meeting_id = m.id"
                          f" {clause} ORDER BY m.id", params)
        items = self._rows("SELECT * FROM agenda_items"
                           " ORDER BY meeting_id, parent_id IS NOT NULL, parent_id, position")
        papers = self._papers_of("", [], content)
        top = item_trees(items, papers)
        return [Meeting(
            committee=r["committee"], date=_date(r["date"]), time=r["time"], venue=r["venue"],
            clerk=r["clerk"], proper_officer=r["proper_officer"],
            published_on=_date(r["published_on"]), notices=json.loads(r["notices"]),
            items=top.get(r["id"], []), late_reason=r["late_reason"]) for r in rows]

    def meeting_dates(self, committee: str) -> list[dt.date]:
        return [_date(r["date"]) for r in self._rows(
            "SELECT m.date FROM meetings m JOIN committees c ON c.id = m.committee_id"
            " WHERE c.name = ? ORDER BY m.date", [committee])]

    def _insert_items(self, meeting_id: int, items: Sequence[AgendaItem],
                      parent: int | None) -> int:
        count = 0
        for pos, item in enumerate(items):
            iid = self.db.execute(
                "INSERT INTO agenda_items (meeting_id, parent_id, position, title, standing,"
                " description, decision_number, exempt_paragraph) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?)",
                [meeting_id, parent, pos, item.title,
                 None if item.standing is None else int(item.standing), item.description,
                 item.decision, item.exempt_paragraph]).lastrowid
            for ppos, paper in enumerate(item.papers):
                if paper.content is not None:
                    self.db.execute(
                        "INSERT INTO paper_files (sha256, size, content) VALUES (?, ?, ?)"
                        " ON CONFLICT (sha256) DO NOTHING",
                        [paper.sha256, len(paper.content), paper.content])
                self.db.execute(
                    "INSERT INTO papers (item_id, position, file_name, title,"
                    " exempt_paragraph, sha256) VALUES (?, ?, ?, ?, ?, ?)",
                    [iid, ppos, paper.path, paper.title, paper.exempt_paragraph,
                     paper.sha256])
                count += 1
            count += self._insert_items(meeting_id, item.items, iid)
        return count

    def add_meeting(self, meeting: Meeting) -> int:
        m = meeting
        mid = self.db.execute(
            "INSERT INTO meetings (committee_id, date, time, venue, clerk, proper_officer,"
            " published_on, notices) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [self._id("committees", "name", m.committee), m.date.isoformat(), m.time, m.venue,
             m.clerk, m.proper_officer, m.published_on.isoformat() if m.published_on else None,
             json.dumps(list(m.notices))]).lastrowid
        return self._insert_items(mid, m.items, None)

    def update_meeting(self, committee: str, date: dt.date, changes: dict[str, Any]) -> None:
        allowed = ("time", "venue", "clerk", "proper_officer", "notices")
        columns = [k for k in changes if k in allowed]
        if not columns:
            return
        self.db.execute(f"UPDATE meetings SET {', '.join(f'{k} = ?' for k in columns)}"
                        " WHERE id = ?",
                        [json.dumps(changes[k]) if k == "notices" else changes[k]
                         for k in columns] + [self._meeting_id(committee, date)])

    def save_agenda(self, committee: str, date: dt.date, items: Sequence[AgendaItem]) -> None:
        mid = self._meeting_id(committee, date)
        old = [r["sha256"] for r in self._rows(
            "SELECT p.sha256 FROM papers p JOIN agenda_items i ON i.id = p.item_id"
            " WHERE i.meeting_id = ?", [mid])]
        self.db.execute("DELETE FROM papers WHERE item_id IN"
                        " (SELECT id FROM agenda_items WHERE meeting_id = ?)", [mid])
        self.db.execute("DELETE FROM agenda_items WHERE meeting_id = ? AND parent_id IS NOT"
                        " NULL", [mid])
        self.db.execute("DELETE FROM agenda_items WHERE meeting_id = ?", [mid])
        self._insert_items(mid, items, None)
        for sha in set(old):  # content no paper refers to any more
            self.db.execute("DELETE FROM paper_files WHERE sha256 = ? AND NOT EXISTS"
                            " (SELECT 1 FROM papers WHERE sha256 = ?)", [sha, sha])

    def _ensure_details(self, meeting_id: int) -> None:
        self.db.execute("INSERT INTO meeting_details (meeting_id) VALUES (?)"
                        " ON CONFLICT (meeting_id) DO NOTHING", [meeting_id])

    def set_publication(self, committee: str, date: dt.date, published_on: dt.date,
                        late: bool, late_reason: str | None, published_by: str | None) -> None:
        mid = self._meeting_id(committee, date)
        self._ensure_details(mid)
        self.db.execute("UPDATE meetings SET published_on = ? WHERE id = ?",
                        [published_on.isoformat(), mid])
        self.db.execute("UPDATE meeting_details SET published_late = ?, late_reason = ?,"
                        " published_by = coalesce(?, published_by) WHERE meeting_id = ?",
                        [int(late), late_reason, published_by, mid])

    def record_membership(self, committee: str, date: dt.date,
                          membership: Sequence[Membership], seats: int | None,
                          party_seats: dict[str, int] | None) -> None:
        mid = self._meeting_id(committee, date)
        ids = {r["name"]: r["id"] for r in self._rows("SELECT id, name FROM members")}
        self._ensure_details(mid)
        self.db.execute("DELETE FROM meeting_members WHERE meeting_id = ?", [mid])
        for pos, ms in enumerate(membership):
            if ms.member not in ids:
                raise NotInRegister("members", ms.member)
            self.db.execute("INSERT INTO meeting_members (meeting_id, member_id, role,"
                            " position) VALUES (?, ?, ?, ?)",
                            [mid, ids[ms.member], ms.role, pos])
        self.db.execute("UPDATE meeting_details SET membership_recorded = 1, seats = ?,"
                        " party_seats = ? WHERE meeting_id = ?",
                        [seats, None if party_seats is None
                         else json.dumps(party_seats, ensure_ascii=False), mid])

    def agenda_appearances(self, number: str) -> list[AgendaAppearance]:
        return [AgendaAppearance(r["name"], dt.date.fromisoformat(r["date"]), r["title"],
                                 r["description"])
                for r in self._rows(
                    "SELECT c.name, m.date, i.title, i.description FROM agenda_items i"
                    " JOIN meetings m ON m.id = i.meeting_id"
                    " JOIN committees c ON c.id = m.committee_id"
                    " WHERE i.decision_number = ? ORDER BY m.date, i.id", [number])]

    def latest_meeting_details(self) -> dict[str, dict[str, Any]]:
        rows = self._rows("SELECT c.name, m.clerk, m.proper_officer, m.notices FROM"
                          " meetings m JOIN committees c ON c.id = m.committee_id"
                          " ORDER BY m.date")
        return {r["name"]: {"clerk": r["clerk"], "proper_officer": r["proper_officer"],
                            "notices": json.loads(r["notices"])} for r in rows}
