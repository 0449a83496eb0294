"""The register's use cases: each reads and writes through SQL here, applies the rules
from ``governance`` and runs as one transaction with its audit rows."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db import store
from governance import lifecycle
from governance.interchange import KnownNames, decision_to_dict
from governance.model import (
    AgendaItem,
    Assessment,
    Committee,
    CommitteeConsideration,
    Council,
    Decision,
    DecisionPart,
    Delegation,
    Meeting,
    Member,
    Membership,
    Paper,
    Post,
    RegisterDocument,
)
from governance.vocab import DECISION_TEXT_FIELDS, NUMBER_RE


class NotFoundError(LookupError):
    pass


class StaleEditError(Exception):
    """An edit based on a copy someone else has since changed."""


@dataclass(frozen=True)
class DecisionSummary:
    number: str
    title: str
    status: str
    decision_maker: str | None
    key_decision: bool | None
    exempt_paragraph: int | None
    taken_on: str | None
    published_on: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DecisionFilter:
    """What the register view and ``list`` filter on; None means any."""

    search: str | None = None
    status: str | None = None
    committee: str | None = None
    decision_maker: str | None = None
    #: True, False, or "unrecorded" (the flag never set).
    key_decision: bool | str | None = None
    year: int | None = None


@dataclass(frozen=True)
class ImportSummary:
    posts: int
    members: int
    committees: int
    meetings: int
    decisions: int
    papers: int

    def __str__(self) -> str:
        return (f"{self.decisions} decisions, {self.meetings} meetings, {self.committees}"
                f" committees, {self.members} members, {self.posts} posts,"
                f" {self.papers} papers")


SUMMARY_COLUMNS = ("number", "title", "status", "decision_maker", "key_decision",
                   "exempt_paragraph", "taken_on", "published_on")
#: Sort keys the register view offers, mapped to SQL (never user text in SQL).
SORTS = {c: c for c in SUMMARY_COLUMNS}

_EDITABLE = {
    "title", "decision_maker", "key_decision", "key_decision_criteria", "exempt_paragraph",
    "parts", *DECISION_TEXT_FIELDS, "eqia", "dpia", "notice_published_on", "route",
    "urgency_reason", "report_author", "relevant_director",
}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def fts_query(text: str) -> str | None:
    """User text to an FTS5 query: every word must match, the last as a prefix."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + \
        f'"{words[-1]}"*'


class Register:
    """A decision register in one SQLite file (or in memory, for tests)."""

    def __init__(self, db: Database, path: Path | None = None):
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | str | None) -> Register:
        return cls(store.connect(path), Path(path) if path is not None else None)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------------

    def _rows(self, sql: str, params: Iterable[Any] | dict = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        return [dict(zip(keys, row)) for row in cursor]

    def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.db.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def is_empty(self) -> bool:
        return not any(self._one(f"SELECT count(*) FROM {t}")
                       for t in ("decisions", "committees", "members", "posts"))

    def known_names(self) -> KnownNames:
        return KnownNames(
            posts={r["title"] for r in self._rows("SELECT title FROM posts")},
            members={r["name"] for r in self._rows("SELECT name FROM members")},
            committees={r["name"] for r in self._rows("SELECT name FROM committees")},
            decisions={r["number"] for r in self._rows("SELECT number FROM decisions")},
            meetings={(r["name"], r["date"]) for r in self._rows(
                "SELECT c.name, m.date FROM meetings m JOIN committees c"
                " ON c.id = m.committee_id")},
        )

    def council(self) -> Council | None:
        raw = self._one("SELECT value FROM settings WHERE key = 'council'")
        if raw is None:
            return None
        data = json.loads(raw)
        return Council(data["name"], data.get("key_decision_threshold_pounds"))

    def _decisions_from_rows(self, rows: list[dict[str, Any]]) -> list[Decision]:
        if not rows:
            return []
        numbers = [r["number"] for r in rows]
        marks = ",".join("?" * len(numbers)) if len(numbers) < 900 else None
        where = f"WHERE decision_number IN ({marks})" if marks else ""
        params = numbers if marks else []
        parts: dict[str, list[DecisionPart]] = {}
        for p in self._rows(f"SELECT * FROM decision_parts {where}"
                            " ORDER BY decision_number, position", params):
            deleg = (Delegation(p["delegation_post"], p["delegation_scope"],
                                p["delegation_conditions"])
                     if p["delegation_post"] is not None else None)
            parts.setdefault(p["decision_number"], []).append(
                DecisionPart(p["verb"], p["text"], deleg))
        considerations: dict[str, list[CommitteeConsideration]] = {}
        cc_where = where.replace("decision_number", "cc.decision_number")
        for c in self._rows(
                "SELECT cc.*, c.name AS committee FROM committee_considerations cc"
                f" JOIN committees c ON c.id = cc.committee_id {cc_where}"
                " ORDER BY cc.decision_number, cc.position", params):
            considerations.setdefault(c["decision_number"], []).append(
                CommitteeConsideration(c["committee"], _date(c["date"]), c["outcome"],
                                       c["recommendations"]))

        def assessment(r: dict, prefix: str) -> Assessment | None:
            if r[f"{prefix}_status"] is None:
                return None
            return Assessment(r[f"{prefix}_status"], r[f"{prefix}_title"],
                              r[f"{prefix}_signed_off_by"], _date(r[f"{prefix}_signed_off_on"]))

        out = []
        for r in rows:
            out.append(Decision(
                number=r["number"], title=r["title"], decision_maker=r["decision_maker"],
                key_decision=None if r["key_decision"] is None else bool(r["key_decision"]),
                key_decision_criteria=json.loads(r["key_decision_criteria"]),
                exempt_paragraph=r["exempt_paragraph"], parts=parts.get(r["number"], []),
                **{f: r[f] for f in DECISION_TEXT_FIELDS},
                eqia=assessment(r, "eqia"), dpia=assessment(r, "dpia"),
                notice_published_on=_date(r["notice_published_on"]), route=r["route"],
                urgency_reason=r["urgency_reason"],
                committee_considerations=considerations.get(r["number"], []),
                status=r["status"], taken_on=_date(r["taken_on"]), signed_by=r["signed_by"],
                published_on=_date(r["published_on"]), report_author=r["report_author"],
                relevant_director=r["relevant_director"], amends=r["amends"],
                version=r["version"]))
        return out

    def decision(self, number: str) -> Decision:
        rows = self._rows("SELECT * FROM decisions WHERE number = ?", [number])
        if not rows:
            raise NotFoundError(f"decision {number} is not in the register")
        return self._decisions_from_rows(rows)[0]

    def all_decisions(self) -> list[Decision]:
        return self._decisions_from_rows(self._rows("SELECT * FROM decisions ORDER BY id"))

    def _where(self, f: DecisionFilter) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if f.search:
            query = fts_query(f.search)
            if query is None:
                return "WHERE 0", []
            clauses.append("d.id IN (SELECT rowid FROM decisions_fts"
                           " WHERE decisions_fts MATCH ?)")
            params.append(query)
        if f.status:
            clauses.append("d.status = ?")
            params.append(f.status)
        if f.committee:
            clauses.append("d.number IN (SELECT cc.decision_number FROM"
                           " committee_considerations cc JOIN committees c"
                           " ON c.id = cc.committee_id WHERE c.name = ?)")
            params.append(f.committee)
        if f.decision_maker:
            clauses.append("d.decision_maker = ?")
            params.append(f.decision_maker)
        if f.key_decision == "unrecorded":
            clauses.append("d.key_decision IS NULL")
        elif f.key_decision is not None:
            clauses.append("d.key_decision = ?")
            params.append(int(f.key_decision))
        if f.year:
            clauses.append("substr(d.number, 1, 2) = ?")
            params.append(f"{f.year % 100:02d}")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def summaries(
        self, search: str | None = None, status: str | None = None,
        limit: int | None = None, offset: int = 0, sort: str = "number",
        descending: bool = False, *, where: DecisionFilter | None = None,
    ) -> list[DecisionSummary]:
        """Decisions matching the filter (``search``/``status`` or a whole ``where``),
        sorted, a page at a time."""
        f = where or DecisionFilter(search=search, status=status)
        clause, params = self._where(f)
        order = SORTS.get(sort, "number")
        direction = "DESC" if descending else "ASC"
        sql = (f"SELECT {', '.join('d.' + c for c in SUMMARY_COLUMNS)} FROM decisions d"
               f" {clause} ORDER BY d.{order} {direction}, d.number {direction}")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [DecisionSummary(**{**r, "key_decision": None if r["key_decision"] is None
                                   else bool(r["key_decision"])})
                for r in self._rows(sql, params)]

    def count(self, search: str | None = None, status: str | None = None, *,
              where: DecisionFilter | None = None) -> int:
        f = where or DecisionFilter(search=search, status=status)
        if f.search and f == DecisionFilter(search=f.search):
            query = fts_query(f.search)
            if query is None:
                return 0
            return self._one("SELECT count(*) FROM decisions_fts WHERE decisions_fts MATCH ?",
                             [query])
        clause, params = self._where(f)
        return self._one(f"SELECT count(*) FROM decisions d {clause}", params)

    def filter_choices(self) -> dict[str, list[Any]]:
        """Values the register view's filters offer."""
        return {
            "committee": [r["name"] for r in self._rows(
                "SELECT DISTINCT c.name FROM committee_considerations cc JOIN committees c"
                " ON c.id = cc.committee_id ORDER BY c.name")],
            "decision_maker": [r["decision_maker"] for r in self._rows(
                "SELECT DISTINCT decision_maker FROM decisions WHERE decision_maker IS NOT NULL"
                " ORDER BY decision_maker")],
            "year": [2000 + int(r["yy"]) for r in self._rows(
                "SELECT DISTINCT substr(number, 1, 2) AS yy FROM decisions ORDER BY yy DESC")],
        }

    def _papers(self, item_ids: list[int]) -> dict[int, list[Paper]]:
        out: dict[int, list[Paper]] = {}
        for p in self._rows("SELECT p.*, f.content FROM papers p JOIN paper_files f"
                            " ON f.sha256 = p.sha256 ORDER BY p.item_id, p.position"):
            if p["item_id"] in item_ids:
                out.setdefault(p["item_id"], []).append(Paper(
                    p["file_name"], p["title"], p["exempt_paragraph"], p["sha256"],
                    p["content"]))
        return out

    def meetings(self) -> list[Meeting]:
        rows = self._rows("SELECT m.*, c.name AS committee, md.late_reason FROM meetings m"
                          " JOIN committees c ON c.id = m.committee_id LEFT JOIN"
                          " meeting_details md ON md.meeting_id = m.id ORDER BY m.id")
        items = self._rows("SELECT * FROM agenda_items ORDER BY meeting_id, parent_id,"
                           " position")
        papers = self._papers([i["id"] for i in items])
        by_parent: dict[tuple[int, int | None], list[AgendaItem]] = {}
        built: dict[int, AgendaItem] = {}
        for i in items:
            built[i["id"]] = AgendaItem(
                i["title"], None if i["standing"] is None else bool(i["standing"]),
                i["description"], i["decision_number"], papers.get(i["id"], []),
                i["exempt_paragraph"])
        for i in items:
            by_parent.setdefault((i["meeting_id"], i["parent_id"]), []).append(built[i["id"]])
            if i["parent_id"] is not None:
                built[i["parent_id"]].items.append(built[i["id"]])
        return [Meeting(
            committee=r["committee"], date=_date(r["date"]), time=r["time"], venue=r["venue"],
            clerk=r["clerk"], proper_officer=r["proper_officer"],
            published_on=_date(r["published_on"]), notices=json.loads(r["notices"]),
            items=by_parent.get((r["id"], None), []), late_reason=r["late_reason"])
            for r in rows]

    def meeting_list(self) -> list[tuple[str, dt.date, dt.date | None]]:
        """(committee, date, published_on) of every meeting, newest first: cheap, for lists."""
        return [(r["name"], _date(r["date"]), _date(r["published_on"])) for r in self._rows(
            "SELECT c.name, m.date, m.published_on FROM meetings m JOIN committees c"
            " ON c.id = m.committee_id ORDER BY m.date DESC, c.name")]

    def committees(self) -> list[Committee]:
        members: dict[int, list[Membership]] = {}
        for m in self._rows("SELECT ms.committee_id, ms.role, mb.name FROM memberships ms"
                            " JOIN members mb ON mb.id = ms.member_id"
                            " ORDER BY ms.committee_id, ms.position"):
            members.setdefault(m["committee_id"], []).append(Membership(m["name"], m["role"]))
        return [Committee(r["name"], r["kind"], r["seats"],
                          json.loads(r["party_seats"]) if r["party_seats"] else None,
                          members.get(r["id"], []))
                for r in self._rows("SELECT * FROM committees ORDER BY id")]

    def document(self) -> RegisterDocument:
        """The whole register as domain objects (what export writes and check reads)."""
        return RegisterDocument(
            council=self.council(),
            posts=[Post(r["title"], r["holder"], r["phone"], r["email"])
                   for r in self._rows("SELECT * FROM posts ORDER BY id")],
            members=[Member(r["name"], r["party"], r["honours"])
                     for r in self._rows("SELECT * FROM members ORDER BY id")],
            committees=self.committees(),
            meetings=self.meetings(),
            decisions=self.all_decisions(),
        )

    def audit_trail(self, entity: str | tuple[str, ...] | None = None,
                    key: str | None = None) -> list[dict]:
        """The audit rows, oldest first, of ``entity`` (one kind, or any of several)."""
        clauses: list[str] = []
        params: list[Any] = []
        if entity:
            kinds = (entity,) if isinstance(entity, str) else entity
            clauses.append(f"entity IN ({', '.join('?' for _ in kinds)})")
            params.extend(kinds)
        if key:
            clauses.append("entity_key = ?")
            params.append(key)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._rows(f"SELECT * FROM audit {where} ORDER BY id", params)

    def verify_audit(self) -> tuple[int, int | None, str | None]:
        """The chain (each row linked to the one before), then each decision against its
        last audited state, then each kept file against its hash and the row that recorded
        it: (rows, id of the first broken row or None, why)."""
        rows, broken, why = store.verify_audit_chain(self.db)
        if broken is None:
            broken, why = store.verify_records(
                self.db, {d.number: _snapshot(d) for d in self.all_decisions()})
        if broken is None:
            from db.documents import verify_kept_files

            broken, why = verify_kept_files(self.db)
        return rows, broken, why

    # --- writing -----------------------------------------------------------------------

    def _id(self, table: str, column: str, value: str) -> int:
        found = self._one(f"SELECT id FROM {table} WHERE {column} = ?", [value])
        if found is None:
            raise NotFoundError(f"{value!r} is not in the register ({table})")
        return found

    def _index_text(self, d: Decision) -> None:
        body = "\n".join([*(f"{p.verb} {p.text}" for p in d.parts),
                          *(getattr(d, f) or "" for f in DECISION_TEXT_FIELDS),
                          d.decision_maker or ""])
        # The index row shares the decision's rowid, so searches join on integers.
        rowid = self._one("SELECT id FROM decisions WHERE number = ?", [d.number])
        self.db.execute("DELETE FROM decisions_fts WHERE rowid = ?", [rowid])
        self.db.execute("INSERT INTO decisions_fts (rowid, number, title, body)"
                        " VALUES (?, ?, ?, ?)", [rowid, d.number, d.title, body])

    def _decision_row(self, d: Decision) -> dict[str, Any]:
        row: dict[str, Any] = {
            "number": d.number, "title": d.title, "decision_maker": d.decision_maker,
            "key_decision": None if d.key_decision is None else int(d.key_decision),
            "key_decision_criteria": json.dumps(d.key_decision_criteria),
            "exempt_paragraph": d.exempt_paragraph,
            **{f: getattr(d, f) for f in DECISION_TEXT_FIELDS},
            "notice_published_on": _iso(d.notice_published_on), "route": d.route,
            "urgency_reason": d.urgency_reason, "status": d.status,
            "taken_on": _iso(d.taken_on), "signed_by": d.signed_by,
            "published_on": _iso(d.published_on), "report_author": d.report_author,
            "relevant_director": d.relevant_director, "amends": d.amends,
        }
        for prefix in ("eqia", "dpia"):
            a: Assessment | None = getattr(d, prefix)
            row[f"{prefix}_status"] = a.status if a else None
            row[f"{prefix}_title"] = a.title if a else None
            row[f"{prefix}_signed_off_by"] = a.signed_off_by if a else None
            row[f"{prefix}_signed_off_on"] = _iso(a.signed_off_on) if a else None
        return row

    def _write_parts(self, d: Decision) -> None:
        self.db.execute("DELETE FROM decision_parts WHERE decision_number = ?", [d.number])
        for i, p in enumerate(d.parts):
            self.db.execute(
                "INSERT INTO decision_parts (decision_number, position, verb, text,"
                " delegation_post, delegation_scope, delegation_conditions)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [d.number, i, p.verb, p.text,
                 p.delegation.post if p.delegation else None,
                 p.delegation.scope if p.delegation else None,
                 p.delegation.conditions if p.delegation else None])

    def _write_considerations(self, d: Decision) -> None:
        self.db.execute("DELETE FROM committee_considerations WHERE decision_number = ?",
                        [d.number])
        for i, c in enumerate(d.committee_considerations):
            self.db.execute(
                "INSERT INTO committee_considerations (decision_number, position,"
                " committee_id, date, outcome, recommendations) VALUES (?, ?, ?, ?, ?, ?)",
                [d.number, i, self._id("committees", "name", c.committee), _iso(c.date),
                 c.outcome, c.recommendations])

    def _insert_decision(self, d: Decision, action: str, user: str | None = None) -> None:
        row = self._decision_row(d)
        final_status = row["status"]
        # Parts go in before the status that freezes them.
        row["status"] = "draft"
        row["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row["updated_by"] = user or store.os_user()
        cols = ", ".join(row)
        self.db.execute(f"INSERT INTO decisions ({cols}) VALUES"
                        f" ({', '.join(':' + c for c in row)})", row)
        self._write_parts(d)
        self._write_considerations(d)
        self.db.execute("UPDATE decisions SET status = ? WHERE number = ?",
                        [final_status, d.number])
        self._index_text(d)
        store.audit(self.db, "decision", d.number, action, None, _snapshot(d), user)

    def _update_decision(self, before: Decision, after: Decision, action: str) -> Decision:
        row = self._decision_row(after)
        row.pop("number")
        row["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row["updated_by"] = store.os_user()
        sets = ", ".join(f"{c} = :{c}" for c in row)
        row.update(number=after.number, expected=before.version)
        if before.parts != after.parts:
            self._write_parts(after)
        cursor = self.db.execute(
            f"UPDATE decisions SET {sets}, version = version + 1"
            " WHERE number = :number AND version = :expected", row)
        if cursor.rowcount != 1:
            raise StaleEditError(self._stale_message(after.number, before.version))
        if before.committee_considerations != after.committee_considerations:
            self._write_considerations(after)
        self._index_text(after)
        store.audit(self.db, "decision", after.number, action, _snapshot(before),
                    _snapshot(after))
        return self.decision(after.number)

    def _stale_message(self, number: str, version: int) -> str:
        """Who changed the decision since ``version`` was loaded, what and when."""
        current = self._one("SELECT version FROM decisions WHERE number = ?", [number]) or 0
        missed = max(current - version, 1)
        rows = self._rows("SELECT * FROM audit WHERE entity = 'decision' AND entity_key = ?"
                          " ORDER BY id DESC LIMIT ?", [number, missed])
        if not rows:
            return f"{number} was changed by someone else; reload it and make the change again"
        changes = []
        for row in reversed(rows):
            before = json.loads(row["before"]) if row["before"] else {}
            after = json.loads(row["after"]) if row["after"] else {}
            changed = [k for k in after if before.get(k) != after.get(k)] or ["the record"]
            changes.append(f"{row['os_user']} at {row['at'][:19].replace('T', ' ')} UTC"
                           f" ({row['action']}: {', '.join(changed)})")
        return (f"{number} was changed by {'; then by '.join(changes)} after you opened it;"
                " reload it and make your change again")

    def allocate_number(self, year: int | None = None) -> str:
        """The next free YY/NNNNN for ``year``, atomically (one statement under the write lock)."""
        yy = (year or dt.date.today().year) % 100
        with store.write_transaction(self.db):
            return self._allocate(yy)

    def _allocate(self, yy: int) -> str:
        prefix = f"{yy:02d}/"
        highest = ("(SELECT coalesce(max(CAST(substr(number, 4, 5) AS INTEGER)), 0)"
                   " FROM decisions WHERE number LIKE ? || '%')")
        seq = self._one(
            f"INSERT INTO number_sequence (year, last) VALUES (?, {highest} + 1)"
            f" ON CONFLICT (year) DO UPDATE SET last = max(last, {highest}) + 1"
            " RETURNING last", [yy, prefix, prefix])
        if seq > 99999:
            raise ValueError(f"no decision numbers left for 20{yy:02d}")
        return f"{prefix}{seq:05d}"

    def create_decision(self, title: str, year: int | None = None, **fields: Any) -> Decision:
        """Register a new expected decision under the next number (status draft)."""
        if not title.strip():
            raise ValueError("a decision needs a title")
        with store.write_transaction(self.db):
            number = self._allocate((year or dt.date.today().year) % 100)
            d = Decision(number=number, title=title.strip(), **fields)
            self._insert_decision(d, "create")
        return self.decision(number)

    def update_decision(
        self, number: str, changes: dict[str, Any], expected_version: int | None = None,
    ) -> Decision:
        """Edit a decision's record. Refused once taken, and refused when based on a stale
        copy (``expected_version`` is the version the editor loaded)."""
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))} directly; status,"
                             " dates and signatures change through the lifecycle actions")
        with store.write_transaction(self.db):
            before = self.decision(number)
            if expected_version is not None and before.version != expected_version:
                raise StaleEditError(self._stale_message(number, expected_version))
            lifecycle.ensure_editable(before)
            after = _replace(before, changes)
            return self._update_decision(before, after, "edit")

    def transition(
        self, number: str, action: str, expected_version: int | None = None, **kwargs: Any,
    ) -> Decision:
        """Apply a lifecycle action (``take``, ``publish``, ``withdraw`` ...)."""
        fn = lifecycle.TRANSITIONS.get(action)
        if fn is None:
            raise ValueError(f"unknown action {action!r}: one of"
                             f" {', '.join(lifecycle.TRANSITIONS)}")
        with store.write_transaction(self.db):
            before = self.decision(number)
            if expected_version is not None and before.version != expected_version:
                raise StaleEditError(self._stale_message(number, expected_version))
            after = fn(before, **kwargs)
            return self._update_decision(before, after, action)

    def correct(self, number: str, year: int | None = None) -> Decision:
        """Start a correction of a taken decision: a new draft that amends it."""
        with store.write_transaction(self.db):
            original = self.decision(number)
            new_number = self._allocate((year or dt.date.today().year) % 100)
            self._insert_decision(lifecycle.correction_of(original, new_number), "correct")
        return self.decision(new_number)

    def import_document(self, doc: RegisterDocument, source: str = "import") -> ImportSummary:
        """Add everything in ``doc`` in one transaction: all of it, or nothing."""
        papers = 0
        with store.write_transaction(self.db):
            if doc.council is not None:
                before = self.council()
                value = {"name": doc.council.name, "key_decision_threshold_pounds":
                         doc.council.key_decision_threshold_pounds}
                self.db.execute("INSERT INTO settings (key, value) VALUES ('council', ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                [json.dumps(value, ensure_ascii=False)])
                store.audit(self.db, "council", doc.council.name, source,
                            before.__dict__ if before else None, value)
            for p in doc.posts:
                self.db.execute("INSERT INTO posts (title, holder, phone, email)"
                                " VALUES (?, ?, ?, ?)", [p.title, p.holder, p.phone, p.email])
                store.audit(self.db, "post", p.title, source, None, p.__dict__)
            for m in doc.members:
                self.db.execute("INSERT INTO members (name, party, honours) VALUES (?, ?, ?)",
                                [m.name, m.party, m.honours])
                store.audit(self.db, "member", m.name, source, None, m.__dict__)
            for c in doc.committees:
                cid = self.db.execute(
                    "INSERT INTO committees (name, kind, seats, party_seats) VALUES"
                    " (?, ?, ?, ?)", [c.name, c.kind, c.seats, None if c.party_seats is None
                                      else json.dumps(c.party_seats, ensure_ascii=False)]
                ).lastrowid
                for i, ms in enumerate(c.membership):
                    self.db.execute(
                        "INSERT INTO memberships (committee_id, member_id, role, position)"
                        " VALUES (?, ?, ?, ?)",
                        [cid, self._id("members", "name", ms.member), ms.role, i])
                store.audit(self.db, "committee", c.name, source, None, _committee_json(c))
            # Decisions before meetings: agenda items refer to them.
            for d in doc.decisions:
                self._insert_decision(d, source)
            for m in doc.meetings:
                papers += self._insert_meeting(m, source)
            if any(m.published_on for m in doc.meetings):
                from db.meetings import record_membership

                for m in doc.meetings:
                    if m.published_on:  # a published agenda keeps the membership it had
                        record_membership(self, m.committee, m.date, audit=False)
        return ImportSummary(len(doc.posts), len(doc.members), len(doc.committees),
                             len(doc.meetings), len(doc.decisions), papers)

    def _insert_meeting(self, m: Meeting, source: str) -> int:
        mid = self.db.execute(
            "INSERT INTO meetings (committee_id, date, time, venue, clerk, proper_officer,"
            " published_on, notices) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [self._id("committees", "name", m.committee), _iso(m.date), m.time, m.venue,
             m.clerk, m.proper_officer, _iso(m.published_on), json.dumps(m.notices)]
        ).lastrowid
        count = 0

        def add(items: list[AgendaItem], parent: int | None) -> None:
            nonlocal count
            for pos, item in enumerate(items):
                iid = self.db.execute(
                    "INSERT INTO agenda_items (meeting_id, parent_id, position, title, standing,"
                    " description, decision_number, exempt_paragraph) VALUES"
                    " (?, ?, ?, ?, ?, ?, ?, ?)",
                    [mid, parent, pos, item.title,
                     None if item.standing is None else int(item.standing), item.description,
                     item.decision, item.exempt_paragraph]).lastrowid
                for ppos, paper in enumerate(item.papers):
                    self.db.execute(
                        "INSERT INTO paper_files (sha256, size, content) VALUES (?, ?, ?)"
                        " ON CONFLICT (sha256) DO NOTHING",
                        [paper.sha256, len(paper.content or b""), paper.content])
                    self.db.execute(
                        "INSERT INTO papers (item_id, position, file_name, title,"
                        " exempt_paragraph, sha256) VALUES (?, ?, ?, ?, ?, ?)",
                        [iid, ppos, paper.path, paper.title, paper.exempt_paragraph,
                         paper.sha256])
                    count += 1
                add(item.items, iid)

        add(m.items, None)
        store.audit(self.db, "meeting", m.label, source, None,
                    {"committee": m.committee, "date": _iso(m.date),
                     "items": len(m.items)})
        return count


def _committee_json(c: Committee) -> dict[str, Any]:
    return {"name": c.name, "kind": c.kind, "seats": c.seats, "party_seats": c.party_seats,
            "membership": [m.__dict__ for m in c.membership]}


def _snapshot(d: Decision) -> dict[str, Any]:
    data = decision_to_dict(d)
    data["amends"] = d.amends
    return data


def _replace(d: Decision, changes: dict[str, Any]) -> Decision:
    import copy

    new = copy.deepcopy(d)
    for key, value in changes.items():
        setattr(new, key, value)
    return new


def is_sqlite_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error)


def valid_number(number: str) -> bool:
    return bool(NUMBER_RE.match(number))
