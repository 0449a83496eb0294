"""The register in one SQLite file: :class:`SqliteStore` implements
:class:`governance.ports.Store` with sqlite-utils. SQL only: the rules, the sentences and
the audit rows' making are the core's; this keeps rows and answers queries.

The store's own triggers (``db.schema``) refuse what the app never does (a taken record
changed, an audit row altered) even to someone with the file and ``sqlite3``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db import connection
from db import rows as rows_to
from db.connection import connect, write_transaction
from db.filters import filter_conditions
from db.sqlite_backup import backup, restore
from db.sqlite_files import KeptFilesSql
from db.sqlite_meetings import MeetingsSql
from db.sqlite_minutes import MinuteBooksSql
from db.sqlite_rows import RowsSql
from governance.agenda import StandingItem, StandingTemplate
from governance.audit import AuditRow
from governance.backups import BackupRefused
from governance.errors import CannotCreate, NotInRegister, StoreError
from governance.interchange import KnownNames
from governance.model import (
    Assessment,
    Committee,
    Council,
    Decision,
    Member,
    Membership,
    Post,
)
from governance.ports import (
    SUMMARY_COLUMNS,
    DecisionFilter,
    DecisionSummary,
    OpenDecision,
    RegisterFacts,
)
from governance.vocab import DECISION_TEXT_FIELDS

log = logging.getLogger(__name__)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def fts_query(text: str) -> str | None:
    """User text to an FTS5 query: every word must match, the last as a prefix."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + \
        f'"{words[-1]}"*'


class SqliteStore(MeetingsSql, KeptFilesSql, RowsSql, MinuteBooksSql):
    """A decision register in one SQLite file (or in memory, for tests)."""

    def __init__(self, db: Database, path: Path | None = None):
        self.db = db
        self.path = path
        self.location = str(path) if path is not None else None

    @classmethod
    def open(cls, path: Path | str | None, check: bool = True) -> SqliteStore:
        """The register at ``path``, checked for damage first unless ``check`` is False
        (another connection to a register this process has open and has checked)."""
        return cls(connect(path, check), Path(path) if path is not None else None)

    def close(self) -> None:
        self.db.close()

    # --- unit of work ---------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE (the write lock at once); nested calls become savepoints. What
        SQLite reports as the register's or the machine's condition (a trigger, a
        constraint, a lock held too long, a full disk, a disk error) comes out as a
        :class:`StoreError` naming the register; anything else SQLite says (no such
        column, a syntax error, misuse) is a fault and goes on as it is. Either way the
        change is rolled back."""
        outer = not self.db.conn.in_transaction
        try:
            with write_transaction(self.db):
                yield
        except sqlite3.Error as exc:
            if not outer:  # an inner savepoint: the outer unit of work says it
                raise
            if self.db.conn.in_transaction:  # COMMIT itself failed (busy, disk full)
                self.db.conn.execute("ROLLBACK")
            refused = self.refusal(exc)
            if refused is None:
                raise
            # The user is told in one sentence; the details go to the log file only
            # (INFO: below the console's WARNING, so no traceback under a command's line).
            log.info("the register %s refused a change", self.location, exc_info=True)
            raise refused from exc

    def refusal(self, exc: BaseException) -> StoreError | None:
        """The user error for SQLite's ``exc`` on this register, or None for a fault."""
        return connection.failure(exc, self.path)

    def _rows(self, sql: str, params: Iterable[Any] | dict = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params if isinstance(params, dict) else list(params))
        keys = [d[0] for d in cursor.description]
        return [dict(zip(keys, row)) for row in cursor]

    def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.db.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def _id(self, table: str, column: str, value: str) -> int:
        found = self._one(f"SELECT id FROM {table} WHERE {column} = ?", [value])
        if found is None:
            raise NotInRegister(table, value)
        return found

    # --- the audit trail --------------------------------------------------------------------

    def last_audit_hash(self) -> str | None:
        return self._one("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")

    def append_audit(self, row: AuditRow) -> None:
        assert self.db.conn.in_transaction, "audit rows belong to a use case's transaction"
        self.db.execute(
            "INSERT INTO audit (at, os_user, entity, entity_key, action, before, after,"
            " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row.at, row.os_user, row.entity, row.entity_key, row.action, row.before,
             row.after, row.prev_hash, row.hash])

    def audit_rows(self, entities: Collection[str] | None = None,
                   key: str | None = None) -> list[AuditRow]:
        clauses: list[str] = []
        params: list[Any] = []
        if entities:
            clauses.append(f"entity IN ({', '.join('?' for _ in entities)})")
            params.extend(entities)
        if key:
            clauses.append("entity_key = ?")
            params.append(key)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [AuditRow(**r) for r in self._rows(
            "SELECT id, at, os_user, entity, entity_key, action, before, after, prev_hash,"
            f" hash FROM audit {where} ORDER BY id", params)]

    def audit_high_water(self) -> int:
        # AUTOINCREMENT remembers the highest id ever used.
        seq = self._one("SELECT seq FROM sqlite_sequence WHERE name = 'audit'")
        return int(seq or 0)

    # --- the register as a whole ------------------------------------------------------------

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

    def facts(self) -> RegisterFacts:
        size = self.path.stat().st_size if self.path is not None and self.path.exists() else 0
        return RegisterFacts(self._one("SELECT count(*) FROM decisions"),
                             self._one("SELECT count(*) FROM audit"), size)

    # --- council, posts, members -------------------------------------------------------------

    def council(self) -> Council | None:
        raw = self._one("SELECT value FROM settings WHERE key = 'council'")
        if raw is None:
            return None
        data = json.loads(raw)
        return Council(data["name"], data.get("key_decision_threshold_pounds"))

    def set_council(self, council: Council) -> None:
        value = {"name": council.name,
                 "key_decision_threshold_pounds": council.key_decision_threshold_pounds}
        self.db.execute("INSERT INTO settings (key, value) VALUES ('council', ?)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        [json.dumps(value, ensure_ascii=False)])

    def posts(self) -> list[Post]:
        return [Post(r["title"], r["holder"], r["phone"], r["email"])
                for r in self._rows("SELECT * FROM posts ORDER BY id")]

    def add_post(self, post: Post) -> None:
        self.db.execute("INSERT INTO posts (title, holder, phone, email) VALUES (?, ?, ?, ?)",
                        [post.title, post.holder, post.phone, post.email])

    def members(self) -> list[Member]:
        return [Member(r["name"], r["party"], r["honours"])
                for r in self._rows("SELECT * FROM members ORDER BY id")]

    def add_member(self, member: Member) -> None:
        self.db.execute("INSERT INTO members (name, party, honours) VALUES (?, ?, ?)",
                        [member.name, member.party, member.honours])

    def update_member(self, member: Member) -> None:
        self.db.execute("UPDATE members SET party = ?, honours = ? WHERE name = ?",
                        [member.party, member.honours, member.name])

    # --- committees --------------------------------------------------------------------------

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

    def _write_membership(self, cid: int, membership: Sequence[Membership]) -> None:
        ids = {r["name"]: r["id"] for r in self._rows("SELECT id, name FROM members")}
        self.db.execute("DELETE FROM memberships WHERE committee_id = ?", [cid])
        for position, m in enumerate(membership):
            if m.member not in ids:
                raise NotInRegister("members", m.member)
            self.db.execute("INSERT INTO memberships (committee_id, member_id, role, position)"
                            " VALUES (?, ?, ?, ?)", [cid, ids[m.member], m.role, position])

    def add_committee(self, committee: Committee) -> None:
        c = committee
        cid = self.db.execute(
            "INSERT INTO committees (name, kind, seats, party_seats) VALUES (?, ?, ?, ?)",
            [c.name, c.kind, c.seats, None if c.party_seats is None
             else json.dumps(c.party_seats, ensure_ascii=False)]).lastrowid
        self._write_membership(cid, c.membership)

    def save_committee(self, committee: Committee) -> None:
        c = committee
        cid = self._id("committees", "name", c.name)
        self.db.execute("UPDATE committees SET seats = ?, party_seats = ? WHERE id = ?",
                        [c.seats, None if c.party_seats is None
                         else json.dumps(c.party_seats, ensure_ascii=False), cid])
        self._write_membership(cid, c.membership)

    def standing_items(self, committee: str) -> StandingTemplate | None:
        rows = self._rows("SELECT s.* FROM standing_items s JOIN committees c"
                          " ON c.id = s.committee_id WHERE c.name = ?"
                          " ORDER BY s.placement DESC, s.position", [committee])
        if not rows:
            return None
        return StandingTemplate(
            tuple(StandingItem(r["title"], r["description"]) for r in rows
                  if r["placement"] == "start"),
            tuple(StandingItem(r["title"], r["description"]) for r in rows
                  if r["placement"] == "end"), True)

    def set_standing_items(self, committee: str, template: StandingTemplate) -> None:
        cid = self._id("committees", "name", committee)
        self.db.execute("DELETE FROM standing_items WHERE committee_id = ?", [cid])
        for placement, items in (("start", template.start), ("end", template.end)):
            for pos, item in enumerate(items):
                self.db.execute("INSERT INTO standing_items (committee_id, placement,"
                                " position, title, description) VALUES (?, ?, ?, ?, ?)",
                                [cid, placement, pos, item.title, item.description])

    # --- decisions ---------------------------------------------------------------------------

    def _decisions_from_rows(self, rows: list[dict[str, Any]]) -> list[Decision]:
        if not rows:
            return []
        numbers = [r["number"] for r in rows]
        marks = ",".join("?" * len(numbers)) if len(numbers) < 900 else None
        where = f"WHERE decision_number IN ({marks})" if marks else ""
        params = numbers if marks else []
        parts = self._rows(f"SELECT * FROM decision_parts {where}"
                           " ORDER BY decision_number, position", params)
        cc_where = where.replace("decision_number", "cc.decision_number")
        considerations = self._rows(
            "SELECT cc.*, c.name AS committee FROM committee_considerations cc"
            f" JOIN committees c ON c.id = cc.committee_id {cc_where}"
            " ORDER BY cc.decision_number, cc.position", params)
        return rows_to.decisions(rows, parts, considerations)

    def decision(self, number: str) -> Decision | None:
        found = self._decisions_from_rows(
            self._rows("SELECT * FROM decisions WHERE number = ?", [number]))
        return found[0] if found else None

    def decisions(self, numbers: Collection[str] | None = None, *,
                  statuses: Collection[str] | None = None,
                  published_since: dt.date | None = None) -> list[Decision]:
        clauses, params = [], []
        if numbers is not None:
            if not numbers:
                return []
            clauses.append(f"number IN ({','.join('?' * len(numbers))})")
            params.extend(numbers)
        wanted = []
        if statuses is not None:
            wanted.append(f"status IN ({','.join('?' * len(statuses))})" if statuses else "0")
            params.extend(statuses)
        if published_since is not None:
            wanted.append("(status = 'published' AND published_on >= ?)")
            params.append(published_since.isoformat())
        if wanted:
            clauses.append("(" + " OR ".join(wanted) + ")")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._decisions_from_rows(
            self._rows(f"SELECT * FROM decisions {where} ORDER BY id", params))

    def open_decisions(self, statuses: Collection[str], published_since: dt.date,
                       considered_from: dt.date, numbers: Collection[str] | None = None
                       ) -> Iterator[OpenDecision]:
        """One statement: the decisions' own columns, with the earliest of their
        considerations from ``considered_from`` (those come by the date index), row by
        row from the cursor."""
        if numbers is not None and not numbers:
            return iter(())
        marks = ",".join("?" * len(statuses))
        # The status index finds a few hundred open decisions among many at once; when a
        # good part of the register is open, reading the table through is quicker than
        # looking each row up (the unary + keeps SQLite off the index).
        status = "d.status"
        if numbers is None and statuses:
            open_rows = self._one(f"SELECT count(*) FROM decisions WHERE status IN ({marks})",
                                  list(statuses))
            if open_rows * 4 > (self._one("SELECT max(id) FROM decisions") or 0):
                status = "+d.status"
        params: list[Any] = [considered_from.isoformat(), *statuses,
                             published_since.isoformat()]
        wanted = f"{status} IN ({marks})" if statuses else "0"
        only = ""
        if numbers is not None:
            only = f" AND d.number IN ({','.join('?' * len(numbers))})"
            params.extend(numbers)
        cursor = self.db.execute(
            "SELECT d.number, d.title, d.status, d.key_decision, d.route,"
            " d.notice_published_on, d.published_on, d.eqia_status, d.dpia_status, cc.next"
            " FROM decisions d LEFT JOIN (SELECT decision_number, min(date) AS next"
            " FROM committee_considerations WHERE date >= ? GROUP BY decision_number) cc"
            " ON cc.decision_number = d.number"
            f" WHERE ({wanted} OR ({status} = 'published' AND d.published_on >= ?)){only}"
            " ORDER BY d.id", params)
        day = dt.date.fromisoformat
        return (OpenDecision(number, title, status, None if key is None else bool(key),
                             route, day(notice) if notice else None,
                             day(published) if published else None,
                             eqia, dpia, day(upcoming) if upcoming else None)
                for (number, title, status, key, route, notice, published, eqia, dpia,
                     upcoming) in cursor)

    def exempt_paragraphs(self, numbers: Collection[str] | None = None) -> dict[str, int]:
        if numbers is not None and not numbers:
            return {}
        where, params = "", []
        if numbers is not None:
            where = f" AND number IN ({','.join('?' * len(numbers))})"
            params = list(numbers)
        return {r["number"]: r["exempt_paragraph"] for r in self._rows(
            "SELECT number, exempt_paragraph FROM decisions WHERE exempt_paragraph IS NOT NULL"
            + where, params)}

    def allocate_number(self, year: int) -> str | None:
        """One statement under the write lock: never the same number twice."""
        yy = year % 100
        prefix = f"{yy:02d}/"
        highest = ("(SELECT coalesce(max(CAST(substr(number, 4, 5) AS INTEGER)), 0)"
                   " FROM decisions WHERE number LIKE ? || '%')")
        seq = self._one(
            f"INSERT INTO number_sequence (year, last) VALUES (?, {highest} + 1)"
            f" ON CONFLICT (year) DO UPDATE SET last = max(last, {highest}) + 1"
            " RETURNING last", [yy, prefix, prefix])
        if seq > 99999:
            return None
        return f"{prefix}{seq:05d}"

    def _decision_row(self, d: Decision) -> dict[str, Any]:
        row: dict[str, Any] = {
            "number": d.number, "title": d.title, "decision_maker": d.decision_maker,
            "key_decision": None if d.key_decision is None else int(d.key_decision),
            "key_decision_criteria": json.dumps(d.key_decision_criteria),
            "exempt_paragraph": d.exempt_paragraph,
            **{f: getattr(d, f) for f in DECISION_TEXT_FIELDS},
            "notice_published_on": iso(d.notice_published_on), "route": d.route,
            "urgency_reason": d.urgency_reason, "status": d.status,
            "taken_on": iso(d.taken_on), "signed_by": d.signed_by,
            "published_on": iso(d.published_on), "report_author": d.report_author,
            "relevant_director": d.relevant_director, "amends": d.amends,
            "past_pathway": json.dumps(rows_to.pathway_rows(d.past_pathway)),
            "future_pathway": json.dumps(rows_to.pathway_rows(d.future_pathway)),
            "expected_on": d.expected_on,
        }
        for prefix in ("eqia", "dpia"):
            a: Assessment | None = getattr(d, prefix)
            row[f"{prefix}_status"] = a.status if a else None
            row[f"{prefix}_title"] = a.title if a else None
            row[f"{prefix}_signed_off_by"] = a.signed_off_by if a else None
            row[f"{prefix}_signed_off_on"] = iso(a.signed_off_on) if a else None
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
                [d.number, i, self._id("committees", "name", c.committee), iso(c.date),
                 c.outcome, c.recommendations])

    def _index_text(self, d: Decision) -> None:
        body = "\n".join([*(f"{p.verb} {p.text}" for p in d.parts),
                          *(getattr(d, f) or "" for f in DECISION_TEXT_FIELDS),
                          d.decision_maker or ""])
        # The index row shares the decision's rowid, so searches join on integers.
        rowid = self._one("SELECT id FROM decisions WHERE number = ?", [d.number])
        self.db.execute("DELETE FROM decisions_fts WHERE rowid = ?", [rowid])
        self.db.execute("INSERT INTO decisions_fts (rowid, number, title, body)"
                        " VALUES (?, ?, ?, ?)", [rowid, d.number, d.title, body])

    def insert_decision(self, decision: Decision, user: str) -> None:
        d = decision
        row = self._decision_row(d)
        final_status = row["status"]
        # Parts go in before the status that freezes them.
        row["status"] = "draft"
        row["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row["updated_by"] = user
        self.db.execute(f"INSERT INTO decisions ({', '.join(row)}) VALUES"
                        f" ({', '.join(':' + c for c in row)})", row)
        self._write_parts(d)
        self._write_considerations(d)
        self.db.execute("UPDATE decisions SET status = ? WHERE number = ?",
                        [final_status, d.number])
        self._index_text(d)

    def update_decision(self, before: Decision, after: Decision, user: str) -> bool:
        row = self._decision_row(after)
        row.pop("number")
        row["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row["updated_by"] = user
        sets = ", ".join(f"{c} = :{c}" for c in row)
        row.update(number=after.number, expected=before.version)
        current = self.decision_version(after.number)
        if current != before.version:
            return False
        if before.parts != after.parts:
            self._write_parts(after)
        cursor = self.db.execute(
            f"UPDATE decisions SET {sets}, version = version + 1"
            " WHERE number = :number AND version = :expected", row)
        if cursor.rowcount != 1:
            return False
        if before.committee_considerations != after.committee_considerations:
            self._write_considerations(after)
        self._index_text(after)
        return True

    def decision_version(self, number: str) -> int | None:
        return self._one("SELECT version FROM decisions WHERE number = ?", [number])

    def _where(self, f: DecisionFilter) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if f.search:
            query = fts_query(f.search)
            if query is None:
                return "WHERE 0", []
            clauses.append("d.id IN (SELECT rowid FROM decisions_fts"
                           " WHERE decisions_fts MATCH ?)")
            params.append(query)
        more, more_params = filter_conditions(f, "?", int)
        clauses += more
        params += more_params
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def summaries(self, where: DecisionFilter, sort: str = "number", descending: bool = False,
                  limit: int | None = None, offset: int = 0) -> list[DecisionSummary]:
        clause, params = self._where(where)
        order = sort if sort in SUMMARY_COLUMNS else "number"  # never user text in SQL
        direction = "DESC" if descending else "ASC"
        sql = (f"SELECT {', '.join('d.' + c for c in SUMMARY_COLUMNS)} FROM decisions d"
               f" {clause} ORDER BY d.{order} {direction}, d.number {direction}")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [DecisionSummary(**{**r, "key_decision": None if r["key_decision"] is None
                                   else bool(r["key_decision"])})
                for r in self._rows(sql, params)]

    def count(self, where: DecisionFilter, cap: int | None = None) -> int:
        f = where
        limit = "" if cap is None else f" LIMIT {int(cap) + 1}"
        if f.search and f == DecisionFilter(search=f.search):
            query = fts_query(f.search)
            if query is None:
                return 0
            return self._one("SELECT count(*) FROM (SELECT 1 FROM decisions_fts WHERE"
                             f" decisions_fts MATCH ?{limit})", [query])
        clause, params = self._where(f)
        return self._one(f"SELECT count(*) FROM (SELECT 1 FROM decisions d {clause}{limit})",
                         params)

    def filter_choices(self) -> dict[str, list[Any]]:
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

    def considerations(self) -> dict[str, list[tuple[str, dt.date]]]:
        out: dict[str, list[tuple[str, dt.date]]] = {}
        for r in self._rows("SELECT cc.decision_number, c.name, cc.date"
                            " FROM committee_considerations cc JOIN committees c"
                            " ON c.id = cc.committee_id"
                            " ORDER BY cc.decision_number, cc.date, cc.position"):
            out.setdefault(r["decision_number"], []).append(
                (r["name"], dt.date.fromisoformat(r["date"])))
        return out

    def change_feed(self) -> None:
        """None: a register file is one clerk's; nobody else's changes arrive."""
        return None

    # --- backups ---------------------------------------------------------------------------

    def backup_to(self, destination: Path) -> tuple[Path, RegisterFacts]:
        if self.path is None:
            raise BackupRefused(None, destination, BackupRefused.IN_MEMORY)
        return backup(self.path, destination)


    # --- setting a council up ------------------------------------------------------------

    def update_post(self, post: Post) -> None:
        self.db.execute("UPDATE posts SET holder = ?, phone = ?, email = ? WHERE title = ?",
                        [post.holder, post.phone, post.email, post.title])

    def setting(self, key: str) -> str | None:
        return self._one("SELECT value FROM settings WHERE key = ?", [key])

    def set_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            return
        self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])

class SqliteRegisters:
    """Registers as SQLite files: :class:`governance.ports.Registers`."""

    @staticmethod
    def explain(exc: BaseException, location: str | Path | None) -> StoreError | None:
        """The user error when SQLite fails outside a use case's unit of work (a read: a
        disk error, a lock held too long, a damaged page); None for a fault (anything
        not SQLite's, and what SQLite says about a wrong query)."""
        return connection.failure(exc, location)

    def open(self, location: str | Path | None) -> SqliteStore:
        return SqliteStore.open(location)

    def exists(self, location: str | Path) -> bool:
        return Path(location).exists()

    def may_create(self, location: str | Path) -> StoreError | None:
        """A new register file needs its folder: a missing one is more likely a mistyped
        location than a wish for new folders."""
        folder = Path(location).parent
        return None if folder.is_dir() else CannotCreate(location, folder)

    def backups_folder(self, location: str | Path) -> Path | None:
        return connection.backups_folder(location)

    def backup_stem(self, location: str | Path) -> str:
        return Path(location).stem

    def remove(self, location: str | Path) -> None:
        path = Path(location)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"),
                         Path(f"{path}-journal")):
            leftover.unlink(missing_ok=True)

    def restore(self, location: str | Path, source: Path) -> tuple[Path | None, RegisterFacts]:
        return restore(Path(location), Path(source))
