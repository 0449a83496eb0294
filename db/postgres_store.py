"""The register on a PostgreSQL server, shared by a team: :class:`PostgresStore`
implements :class:`governance.ports.Store` with psycopg 3, and :class:`PostgresRegisters`
opens, initialises, grants, backs up and restores registers by their connection URL.

SQL only, as ``db.sqlite_store``. Reads run in autocommit (each its own snapshot); a use
case's unit of work is one transaction that first takes the register's write lock (an
advisory lock), so writers queue as they do on SQLite and a read-then-write never races.
When a unit of work that changed something commits, the server tells every desktop
listening (``LISTEN desk_changes``) which audit entities changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Json, Jsonb

from db import rows as rows_to
from db.filters import filter_conditions
from db.postgres_minutes import MinuteBooksPg
from db.postgres_schema import CLERK_ROLE, MIGRATIONS, MIGRATIONS_TABLE, READER_ROLE, TABLES
from db.register_file import write_register_file
from db.sqlite_store import SqliteStore
from governance.agenda import (
    MeetingRecord,
    RecordedMembership,
    StandingItem,
    StandingTemplate,
)
from governance.audit import ASSESSMENT_DOCUMENT, RECORD_DOCUMENT, AuditRow, KeptFile
from governance.errors import RegisterRefused, StoreError
from governance.interchange import KnownNames
from governance.model import (
    AgendaItem,
    Assessment,
    AssessmentDocument,
    Committee,
    Council,
    Decision,
    KeptDocument,
    Meeting,
    Member,
    Membership,
    Paper,
    Post,
)
from governance.ports import (
    SUMMARY_COLUMNS,
    AgendaAppearance,
    DecisionFilter,
    DecisionSummary,
    MeetingSummary,
    OpenDecision,
    RegisterFacts,
    RegisterRows,
)
from governance.vocab import DECISION_TEXT_FIELDS

log = logging.getLogger(__name__)

#: The advisory lock every unit of work takes first: one writer at a time.
WRITE_LOCK = 7_436_512_001
#: The channel the server tells listening desktops about changes on.
CHANNEL = "desk_changes"
#: Seconds to wait for a server before giving up, unless the URL or PGCONNECT_TIMEOUT
#: says otherwise (libpq's own default is to wait as long as the network does).
CONNECT_TIMEOUT = 10
SCHEMES = ("postgresql", "postgres")


def is_url(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.split("://", 1)[0] in SCHEMES


def shown(url: str) -> str:
    """The URL as messages print it: never a password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", "@")
    return parts._replace(netloc=netloc).geturl()


def check_url(url: str) -> str:
    """``url`` if it is a libpq URL without a password (passwords come from PGPASSWORD,
    ~/.pgpass or a service file, never the command line or the settings)."""
    parts = urlsplit(url)
    if parts.password is not None:
        raise StoreError(f"{shown(url)}: leave the password out of the URL; put it in"
                         " ~/.pgpass (or PGPASSWORD) instead, where libpq finds it")
    if not parts.path.strip("/") and "dbname" not in parse_qs(parts.query):
        raise StoreError(f"{url}: name the database, e.g."
                         " postgresql://desk@dbserver/register")
    return url


def connect(url: str, **options: Any) -> psycopg.Connection:
    """A connection to ``url`` that gives up on an unreachable server after
    CONNECT_TIMEOUT seconds."""
    if "connect_timeout" not in parse_qs(urlsplit(url).query) \
            and "PGCONNECT_TIMEOUT" not in os.environ:
        options["connect_timeout"] = CONNECT_TIMEOUT
    return psycopg.connect(url, **options)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def fts_query(text: str) -> str | None:
    """User text to a tsquery: every word must match, the last as a prefix."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


def unusable(url: str, exc: BaseException) -> StoreError:
    """What to say when the server cannot be used: one sentence, no traceback."""
    text = " ".join(str(exc).split())
    if isinstance(exc, psycopg.OperationalError):
        if "password" in text:
            return StoreError(f"cannot log in to {shown(url)}: {text} (check ~/.pgpass or"
                              " PGPASSWORD)")
        if "does not exist" in text:
            return StoreError(f"{shown(url)}: {text}")
        return StoreError(f"cannot reach the register at {shown(url)}: {text}")
    return StoreError(f"the register at {shown(url)} could not be used: {text}")


class PostgresStore(MinuteBooksPg):
    """A decision register in a PostgreSQL database."""

    def __init__(self, conn: psycopg.Connection, url: str):
        self.conn = conn
        self.url = url
        self.location = shown(url)
        self.path = None
        self._depth = 0
        self._touched: set[tuple[str, str]] = set()

    @classmethod
    def open(cls, url: str, *, schema: bool = True) -> PostgresStore:
        """Connect; with ``schema``, refuse a database without the register's schema, or
        with a newer one than this version knows."""
        check_url(url)
        try:
            conn = connect(url, autocommit=True, row_factory=dict_row,
                           application_name="Decision Desk")
        except psycopg.Error as exc:
            raise unusable(url, exc) from None
        store = cls(conn, url)
        if schema:
            try:
                store.check_schema()
            except psycopg.Error as exc:
                conn.close()
                raise unusable(url, exc) from None
            except BaseException:
                conn.close()
                raise
        return store

    def check_schema(self) -> None:
        applied = self.applied_migrations()
        if applied is None:
            raise StoreError(f"{self.location} has no Decision Desk register: run `python"
                             f" main.py --db {self.location} init` first")
        known = [name for name, _ in MIGRATIONS]
        newer = [n for n in applied if n not in known]
        if newer:
            raise StoreError(f"the register at {self.location} was made by a newer version"
                             f" of Decision Desk (it has {newer[0]}): update Decision Desk")
        missing = [n for n in known if n not in applied]
        if missing:
            raise StoreError(f"the register at {self.location} needs {missing[0]}: ask the"
                             f" administrator to run `python main.py --db {self.location}"
                             " init`, which brings it up to date")

    def applied_migrations(self) -> list[str] | None:
        found = self._one("SELECT to_regclass(%s)", [MIGRATIONS_TABLE])
        if found is None:
            return None
        return [r["name"] for r in self._rows(f"SELECT name FROM {MIGRATIONS_TABLE}"
                                              " ORDER BY id")]

    def close(self) -> None:
        self.conn.close()

    # --- unit of work -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work: it takes the register's write lock first (writers queue);
        nested calls become savepoints. What the server refuses comes out as a
        :class:`StoreError`; a lost connection says so. At commit, listening desktops hear
        which entities changed."""
        outer = self._depth == 0
        try:
            with self.conn.transaction():
                self._depth += 1
                try:
                    if outer:
                        self._touched = set()
                        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
                    yield
                    if outer and self._touched:
                        payload = json.dumps(sorted(self._touched))
                        if len(payload) > 7000:  # NOTIFY's limit is 8000 bytes
                            payload = json.dumps([["*", "*"]])
                        self.conn.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])
                finally:
                    self._depth -= 1
        except psycopg.Error as exc:
            if not outer:
                raise
            log.info("the register %s refused a change", self.location, exc_info=True)
            raise self.refusal(exc) from exc

    def refusal(self, exc: psycopg.Error) -> StoreError:
        text = getattr(getattr(exc, "diag", None), "message_primary", None) or str(exc)
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            return StoreError(f"the register {self.location} refused: {text} (your login"
                              " reads the register; changes need the clerk role)")
        if isinstance(exc, psycopg.errors.IntegrityError):  # as SQLite's triggers say it
            return RegisterRefused(self.location, text)
        if isinstance(exc, psycopg.OperationalError) or self.conn.broken:
            return StoreError(f"the connection to the register {self.location} was lost"
                              f" ({' '.join(text.split())}): nothing was changed; try again"
                              " when the server is back")
        return StoreError(f"the register {self.location} could not be used: {text}")

    def _exec(self, sql: str, params: Iterable[Any] | dict = ()) -> psycopg.Cursor:
        return self.conn.execute(sql, params if isinstance(params, dict) else list(params))

    def _rows(self, sql: str, params: Iterable[Any] | dict = ()) -> list[dict[str, Any]]:
        return self._exec(sql, params).fetchall()

    def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self._exec(sql, params).fetchone()
        return None if row is None else next(iter(row.values()))

    def _id(self, table: str, column: str, value: str) -> int:
        found = self._one(f"SELECT id FROM {table} WHERE {column} = %s", [value])
        if found is None:
            raise StoreError(f"{value!r} is not in the register ({table})")
        return found

    # --- the audit trail --------------------------------------------------------------------

    def last_audit_hash(self) -> str | None:
        return self._one("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")

    def append_audit(self, row: AuditRow) -> None:
        assert self._depth, "audit rows belong to a use case's transaction"
        new_id = self._one("UPDATE audit_high_water SET high = high + 1 RETURNING high")
        self._exec("INSERT INTO audit (id, at, os_user, entity, entity_key, action, before,"
                   " after, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                   [new_id, row.at, row.os_user, row.entity, row.entity_key, row.action,
                    row.before, row.after, row.prev_hash, row.hash])
        self._touched.add((row.entity, row.entity_key))

    def audit_rows(self, entities: Collection[str] | None = None,
                   key: str | None = None) -> list[AuditRow]:
        clauses, params = [], []
        if entities:
            clauses.append("entity = ANY(%s)")
            params.append(list(entities))
        if key:
            clauses.append("entity_key = %s")
            params.append(key)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [AuditRow(**r) for r in self._rows(
            "SELECT id, at, os_user, entity, entity_key, action, before, after, prev_hash,"
            f" hash FROM audit {where} ORDER BY id", params)]

    def audit_high_water(self) -> int:
        return int(self._one("SELECT high FROM audit_high_water") or 0)

    # --- the register as a whole ------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(self._one(f"SELECT EXISTS (SELECT 1 FROM {t})")
                       for t in ("decisions", "committees", "members", "posts"))

    def known_names(self) -> KnownNames:
        return KnownNames(
            posts={r["title"] for r in self._rows("SELECT title FROM posts")},
            members={r["name"] for r in self._rows("SELECT name FROM members")},
            committees={r["name"] for r in self._rows("SELECT name FROM committees")},
            decisions={r["number"] for r in self._rows("SELECT number FROM decisions")},
            meetings={(r["name"], r["date"].isoformat()) for r in self._rows(
                "SELECT c.name, m.date FROM meetings m JOIN committees c"
                " ON c.id = m.committee_id")})

    def facts(self) -> RegisterFacts:
        return RegisterFacts(self._one("SELECT count(*) FROM decisions"),
                             self._one("SELECT count(*) FROM audit"),
                             self._one("SELECT pg_database_size(current_database())"))

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
        self._exec("INSERT INTO settings (key, value) VALUES ('council', %s)"
                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   [json.dumps(value, ensure_ascii=False)])

    def posts(self) -> list[Post]:
        return [Post(r["title"], r["holder"], r["phone"], r["email"])
                for r in self._rows("SELECT * FROM posts ORDER BY id")]

    def add_post(self, post: Post) -> None:
        self._exec("INSERT INTO posts (title, holder, phone, email) VALUES (%s, %s, %s, %s)",
                   [post.title, post.holder, post.phone, post.email])

    def members(self) -> list[Member]:
        return [Member(r["name"], r["party"], r["honours"])
                for r in self._rows("SELECT * FROM members ORDER BY id")]

    def add_member(self, member: Member) -> None:
        self._exec("INSERT INTO members (name, party, honours) VALUES (%s, %s, %s)",
                   [member.name, member.party, member.honours])

    def update_member(self, member: Member) -> None:
        self._exec("UPDATE members SET party = %s, honours = %s WHERE name = %s",
                   [member.party, member.honours, member.name])

    # --- committees --------------------------------------------------------------------------

    def committees(self) -> list[Committee]:
        members: dict[int, list[Membership]] = {}
        for m in self._rows("SELECT ms.committee_id, ms.role, mb.name FROM memberships ms"
                            " JOIN members mb ON mb.id = ms.member_id"
                            " ORDER BY ms.committee_id, ms.position"):
            members.setdefault(m["committee_id"], []).append(Membership(m["name"], m["role"]))
        return [Committee(r["name"], r["kind"], r["seats"], r["party_seats"],
                          members.get(r["id"], []))
                for r in self._rows("SELECT * FROM committees ORDER BY id")]

    def _write_membership(self, cid: int, membership: Sequence[Membership]) -> None:
        ids = {r["name"]: r["id"] for r in self._rows("SELECT id, name FROM members")}
        self._exec("DELETE FROM memberships WHERE committee_id = %s", [cid])
        for position, m in enumerate(membership):
            if m.member not in ids:
                raise StoreError(f"{m.member!r} is not in the register (members)")
            self._exec("INSERT INTO memberships (committee_id, member_id, role, position)"
                       " VALUES (%s, %s, %s, %s)", [cid, ids[m.member], m.role, position])

    def add_committee(self, committee: Committee) -> None:
        c = committee
        cid = self._one("INSERT INTO committees (name, kind, seats, party_seats)"
                        " VALUES (%s, %s, %s, %s) RETURNING id",
                        [c.name, c.kind, c.seats,
                         None if c.party_seats is None else Json(c.party_seats)])
        self._write_membership(cid, c.membership)

    def save_committee(self, committee: Committee) -> None:
        c = committee
        cid = self._id("committees", "name", c.name)
        self._exec("UPDATE committees SET seats = %s, party_seats = %s WHERE id = %s",
                   [c.seats, None if c.party_seats is None else Json(c.party_seats), cid])
        self._write_membership(cid, c.membership)

    def standing_items(self, committee: str) -> StandingTemplate | None:
        rows = self._rows("SELECT s.* FROM standing_items s JOIN committees c"
                          " ON c.id = s.committee_id WHERE c.name = %s"
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
        self._exec("DELETE FROM standing_items WHERE committee_id = %s", [cid])
        for placement, items in (("start", template.start), ("end", template.end)):
            for pos, item in enumerate(items):
                self._exec("INSERT INTO standing_items (committee_id, placement, position,"
                           " title, description) VALUES (%s, %s, %s, %s, %s)",
                           [cid, placement, pos, item.title, item.description])

    # --- decisions ---------------------------------------------------------------------------

    def _decisions_from_rows(self, rows: list[dict[str, Any]]) -> list[Decision]:
        if not rows:
            return []
        numbers = [r["number"] for r in rows]
        parts = self._rows("SELECT * FROM decision_parts WHERE decision_number = ANY(%s)"
                           " ORDER BY decision_number, position", [numbers])
        considerations = self._rows(
            "SELECT cc.*, c.name AS committee FROM committee_considerations cc"
            " JOIN committees c ON c.id = cc.committee_id"
            " WHERE cc.decision_number = ANY(%s)"
            " ORDER BY cc.decision_number, cc.position", [numbers])
        return rows_to.decisions(rows, parts, considerations)

    def decision(self, number: str) -> Decision | None:
        found = self._decisions_from_rows(
            self._rows("SELECT * FROM decisions WHERE number = %s", [number]))
        return found[0] if found else None

    def decisions(self, numbers: Collection[str] | None = None, *,
                  statuses: Collection[str] | None = None,
                  published_since: dt.date | None = None) -> list[Decision]:
        clauses, params = [], []
        if numbers is not None:
            if not numbers:
                return []
            clauses.append("number = ANY(%s)")
            params.append(list(numbers))
        wanted = []
        if statuses is not None:
            wanted.append("status = ANY(%s)")
            params.append(list(statuses))
        if published_since is not None:
            wanted.append("(status = 'published' AND published_on >= %s)")
            params.append(published_since)
        if wanted:
            clauses.append("(" + " OR ".join(wanted) + ")")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._decisions_from_rows(
            self._rows(f"SELECT * FROM decisions {where} ORDER BY id", params))

    def open_decisions(self, statuses: Collection[str], published_since: dt.date,
                       considered_from: dt.date, numbers: Collection[str] | None = None
                       ) -> Iterator[OpenDecision]:
        """One statement: the decisions' own columns, with the earliest of their
        considerations from ``considered_from``."""
        if numbers is not None and not numbers:
            return iter(())
        params: list[Any] = [considered_from, list(statuses), published_since]
        only = ""
        if numbers is not None:
            only = " AND d.number = ANY(%s)"
            params.append(list(numbers))
        rows = self._rows(
            "SELECT d.number, d.title, d.status, d.key_decision, d.route,"
            " d.notice_published_on, d.published_on, d.eqia_status, d.dpia_status, cc.next"
            " FROM decisions d LEFT JOIN (SELECT decision_number, min(date) AS next"
            " FROM committee_considerations WHERE date >= %s GROUP BY decision_number) cc"
            " ON cc.decision_number = d.number"
            " WHERE (d.status = ANY(%s) OR (d.status = 'published' AND d.published_on >= %s))"
            f"{only} ORDER BY d.id", params)
        return (OpenDecision(r["number"], r["title"], r["status"], r["key_decision"],
                             r["route"], r["notice_published_on"], r["published_on"],
                             r["eqia_status"], r["dpia_status"], r["next"]) for r in rows)

    def exempt_paragraphs(self, numbers: Collection[str] | None = None) -> dict[str, int]:
        if numbers is not None and not numbers:
            return {}
        where, params = "", []
        if numbers is not None:
            where, params = " AND number = ANY(%s)", [list(numbers)]
        return {r["number"]: r["exempt_paragraph"] for r in self._rows(
            "SELECT number, exempt_paragraph FROM decisions WHERE exempt_paragraph IS NOT NULL"
            + where, params)}

    def allocate_number(self, year: int) -> str | None:
        yy = year % 100
        prefix = f"{yy:02d}/"
        highest = ("(SELECT coalesce(max(CAST(substr(number, 4, 5) AS integer)), 0)"
                   " FROM decisions WHERE number LIKE %s)")
        seq = self._one(
            f"INSERT INTO number_sequence (year, last) VALUES (%s, {highest} + 1)"
            f" ON CONFLICT (year) DO UPDATE SET last = greatest(number_sequence.last,"
            f" {highest}) + 1 RETURNING last", [yy, prefix + "%", prefix + "%"])
        if seq > 99999:
            return None
        return f"{prefix}{seq:05d}"

    def _decision_row(self, d: Decision) -> dict[str, Any]:
        row: dict[str, Any] = {
            "number": d.number, "title": d.title, "decision_maker": d.decision_maker,
            "key_decision": d.key_decision,
            "key_decision_criteria": Jsonb(list(d.key_decision_criteria)),
            "exempt_paragraph": d.exempt_paragraph,
            **{f: getattr(d, f) for f in DECISION_TEXT_FIELDS},
            "notice_published_on": d.notice_published_on, "route": d.route,
            "urgency_reason": d.urgency_reason, "status": d.status,
            "taken_on": d.taken_on, "signed_by": d.signed_by,
            "published_on": d.published_on, "report_author": d.report_author,
            "relevant_director": d.relevant_director, "amends": d.amends,
            "past_pathway": Jsonb(rows_to.pathway_rows(d.past_pathway)),
            "future_pathway": Jsonb(rows_to.pathway_rows(d.future_pathway)),
            "expected_on": d.expected_on,
        }
        for prefix in ("eqia", "dpia"):
            a: Assessment | None = getattr(d, prefix)
            row[f"{prefix}_status"] = a.status if a else None
            row[f"{prefix}_title"] = a.title if a else None
            row[f"{prefix}_signed_off_by"] = a.signed_off_by if a else None
            row[f"{prefix}_signed_off_on"] = a.signed_off_on if a else None
        return row

    @staticmethod
    def _search_text(d: Decision) -> str:
        return "\n".join([*(f"{p.verb} {p.text}" for p in d.parts),
                          *(getattr(d, f) or "" for f in DECISION_TEXT_FIELDS),
                          d.decision_maker or ""])

    #: The search document: the number and title weigh most.
    _SEARCH = ("setweight(to_tsvector('simple', replace(%(number)s, '/', ' ')), 'A')"
               " || setweight(to_tsvector('desk_english', %(title)s), 'A')"
               " || to_tsvector('desk_english', %(body)s)")

    def _write_parts(self, d: Decision) -> None:
        self._exec("DELETE FROM decision_parts WHERE decision_number = %s", [d.number])
        for i, p in enumerate(d.parts):
            self._exec(
                "INSERT INTO decision_parts (decision_number, position, verb, text,"
                " delegation_post, delegation_scope, delegation_conditions)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [d.number, i, p.verb, p.text,
                 p.delegation.post if p.delegation else None,
                 p.delegation.scope if p.delegation else None,
                 p.delegation.conditions if p.delegation else None])

    def _write_considerations(self, d: Decision) -> None:
        self._exec("DELETE FROM committee_considerations WHERE decision_number = %s",
                   [d.number])
        for i, c in enumerate(d.committee_considerations):
            self._exec(
                "INSERT INTO committee_considerations (decision_number, position,"
                " committee_id, date, outcome, recommendations)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                [d.number, i, self._id("committees", "name", c.committee), c.date,
                 c.outcome, c.recommendations])

    def insert_decision(self, decision: Decision, user: str) -> None:
        d = decision
        row = self._decision_row(d)
        final_status = row["status"]
        row["status"] = "draft"  # parts go in before the status that freezes them
        row["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row["updated_by"] = user
        row["body"] = self._search_text(d)
        columns = [c for c in row if c != "body"]
        self._exec(f"INSERT INTO decisions ({', '.join(columns)}, search) VALUES"
                   f" ({', '.join(f'%({c})s' for c in columns)}, {self._SEARCH})", row)
        self._write_parts(d)
        self._write_considerations(d)
        self._exec("UPDATE decisions SET status = %s WHERE number = %s",
                   [final_status, d.number])

    def update_decision(self, before: Decision, after: Decision, user: str) -> bool:
        row = self._decision_row(after)
        row["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row["updated_by"] = user
        current = self.decision_version(after.number)
        if current != before.version:
            return False
        if before.parts != after.parts:
            self._write_parts(after)
        columns = [c for c in row if c != "number"]
        sets = ", ".join(f"{c} = %({c})s" for c in columns)
        row.update(expected=before.version, body=self._search_text(after))
        cursor = self._exec(
            f"UPDATE decisions SET {sets}, search = {self._SEARCH}, version = version + 1"
            " WHERE number = %(number)s AND version = %(expected)s", row)
        if cursor.rowcount != 1:
            return False
        if before.committee_considerations != after.committee_considerations:
            self._write_considerations(after)
        return True

    def decision_version(self, number: str) -> int | None:
        return self._one("SELECT version FROM decisions WHERE number = %s", [number])

    def _where(self, f: DecisionFilter) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if f.search:
            query = fts_query(f.search)
            if query is None:
                return "WHERE false", []
            clauses.append("d.search @@ to_tsquery('desk_english', %s)")
            params.append(query)
        more, more_params = filter_conditions(f, "%s", bool)
        clauses += more
        params += more_params
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def summaries(self, where: DecisionFilter, sort: str = "number", descending: bool = False,
                  limit: int | None = None, offset: int = 0) -> list[DecisionSummary]:
        clause, params = self._where(where)
        order = sort if sort in SUMMARY_COLUMNS else "number"  # never user text in SQL
        direction = "DESC" if descending else "ASC"
        # Byte order, as SQLite sorts: the same list on either store whatever the locale.
        collate = ' COLLATE "C"' if order in ("number", "title", "status",
                                             "decision_maker") else ""
        # NULLs first going up, as SQLite sorts them (the columns never NULL need not say,
        # and then the byte-ordered indexes serve the sort).
        nulls = "" if order in ("number", "title", "status") else \
            (" NULLS LAST" if descending else " NULLS FIRST")
        then = "" if order == "number" else f', d.number COLLATE "C" {direction}'
        sql = (f"SELECT {', '.join('d.' + c for c in SUMMARY_COLUMNS)} FROM decisions d"
               f" {clause} ORDER BY d.{order}{collate} {direction}{nulls}{then}")
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        return [DecisionSummary(**{**r, "taken_on": _iso(r["taken_on"]),
                                   "published_on": _iso(r["published_on"])})
                for r in self._rows(sql, params)]

    def count(self, where: DecisionFilter, cap: int | None = None) -> int:
        clause, params = self._where(where)
        limit = "" if cap is None else f" LIMIT {int(cap) + 1}"
        return self._one(f"SELECT count(*) FROM (SELECT 1 FROM decisions d {clause}{limit})"
                         " x", params)

    def filter_choices(self) -> dict[str, list[Any]]:
        return {
            "committee": [r["name"] for r in self._rows(
                "SELECT name FROM (SELECT DISTINCT c.name FROM committee_considerations cc"
                ' JOIN committees c ON c.id = cc.committee_id) x ORDER BY name COLLATE "C"')],
            "decision_maker": [r["decision_maker"] for r in self._rows(
                "SELECT decision_maker FROM (SELECT DISTINCT decision_maker FROM decisions"
                " WHERE decision_maker IS NOT NULL) x ORDER BY decision_maker COLLATE \"C\"")],
            "year": [2000 + int(r["yy"]) for r in self._rows(
                "SELECT DISTINCT substr(number, 1, 2) AS yy FROM decisions ORDER BY yy DESC")],
        }

    def considerations(self) -> dict[str, list[tuple[str, dt.date]]]:
        out: dict[str, list[tuple[str, dt.date]]] = {}
        for r in self._rows("SELECT cc.decision_number, c.name, cc.date"
                            " FROM committee_considerations cc JOIN committees c"
                            " ON c.id = cc.committee_id"
                            " ORDER BY cc.decision_number, cc.date, cc.position"):
            out.setdefault(r["decision_number"], []).append((r["name"], r["date"]))
        return out

    # --- meetings ----------------------------------------------------------------------------

    def _meeting_id(self, committee: str, date: dt.date) -> int:
        found = self._one("SELECT m.id FROM meetings m JOIN committees c"
                          " ON c.id = m.committee_id WHERE c.name = %s AND m.date = %s",
                          [committee, date])
        if found is None:
            raise StoreError(f"{committee} has no meeting on {date.isoformat()}")
        return found

    def _papers_of(self, where: str, params: list[Any], content: bool
                   ) -> dict[int, list[Paper]]:
        papers: dict[int, list[Paper]] = {}
        column = "f.content" if content else "NULL::bytea AS content"
        join = " JOIN paper_files f ON f.sha256 = p.sha256" if content else ""
        for p in self._rows(f"SELECT p.*, {column} FROM papers p{join}"
                            f" JOIN agenda_items i ON i.id = p.item_id {where}"
                            " ORDER BY p.item_id, p.position", params):
            papers.setdefault(p["item_id"], []).append(rows_to.paper(p))
        return papers

    def meeting_list(self) -> list[MeetingSummary]:
        return [MeetingSummary(r["name"], r["date"], r["published_on"]) for r in self._rows(
            "SELECT c.name, m.date, m.published_on FROM meetings m JOIN committees c"
            ' ON c.id = m.committee_id ORDER BY m.date DESC, c.name COLLATE "C"')]

    def meeting(self, committee: str, date: dt.date, *, content: bool = True
                ) -> MeetingRecord | None:
        rows = self._rows(
            "SELECT m.*, c.name AS committee, md.published_late, md.late_reason,"
            " md.published_by, md.membership_recorded, md.seats AS recorded_seats,"
            " md.party_seats AS recorded_party_seats, md.meeting_id AS has_details"
            " FROM meetings m JOIN committees c ON c.id = m.committee_id"
            " LEFT JOIN meeting_details md ON md.meeting_id = m.id"
            " WHERE c.name = %s AND m.date = %s", [committee, date])
        if not rows:
            return None
        r = rows[0]
        items = self._rows("SELECT * FROM agenda_items WHERE meeting_id = %s"
                           " ORDER BY parent_id IS NOT NULL, parent_id, position", [r["id"]])
        papers = self._papers_of("WHERE i.meeting_id = %s", [r["id"]], content)
        meeting = Meeting(
            committee=r["committee"], date=r["date"], time=r["time"], venue=r["venue"],
            clerk=r["clerk"], proper_officer=r["proper_officer"],
            published_on=r["published_on"], notices=list(r["notices"]),
            items=rows_to.item_trees(items, papers).get(r["id"], []), late_reason=r["late_reason"])
        recorded = None
        if r["membership_recorded"]:
            recorded = RecordedMembership(
                tuple(Membership(m["name"], m["role"]) for m in self._rows(
                    "SELECT mb.name, mm.role FROM meeting_members mm JOIN members mb"
                    " ON mb.id = mm.member_id WHERE mm.meeting_id = %s ORDER BY mm.position",
                    [r["id"]])),
                r["recorded_seats"], r["recorded_party_seats"])
        return MeetingRecord(
            meeting, None if r["has_details"] is None else bool(r["published_late"]),
            r["published_by"], recorded)

    def meetings(self, committee: str | None = None, *, content: bool = False
                 ) -> list[Meeting]:
        clause, params = ("WHERE c.name = %s", [committee]) if committee else ("", [])
        rows = self._rows("SELECT m.*, c.name AS committee, md.late_reason FROM meetings m"
                          " JOIN committees c ON c.id = m.committee_id LEFT JOIN"
                          " meeting_details md ON md.meeting_id = m.id"
                          f" {clause} ORDER BY m.id", params)
        items = self._rows("SELECT * FROM agenda_items"
                           " ORDER BY meeting_id, parent_id IS NOT NULL, parent_id, position")
        top = rows_to.item_trees(items, self._papers_of("", [], content))
        return [Meeting(
            committee=r["committee"], date=r["date"], time=r["time"], venue=r["venue"],
            clerk=r["clerk"], proper_officer=r["proper_officer"],
            published_on=r["published_on"], notices=list(r["notices"]),
            items=top.get(r["id"], []), late_reason=r["late_reason"]) for r in rows]

    def meeting_dates(self, committee: str) -> list[dt.date]:
        return [r["date"] for r in self._rows(
            "SELECT m.date FROM meetings m JOIN committees c ON c.id = m.committee_id"
            " WHERE c.name = %s ORDER BY m.date", [committee])]

    def _insert_items(self, meeting_id: int, items: Sequence[AgendaItem],
                      parent: int | None) -> int:
        count = 0
        for pos, item in enumerate(items):
            iid = self._one(
                "INSERT INTO agenda_items (meeting_id, parent_id, position, title, standing,"
                " description, decision_number, exempt_paragraph) VALUES"
                " (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                [meeting_id, parent, pos, item.title, item.standing, item.description,
                 item.decision, item.exempt_paragraph])
            for ppos, paper in enumerate(item.papers):
                if paper.content is not None:
                    self._exec("INSERT INTO paper_files (sha256, size, content)"
                               " VALUES (%s, %s, %s) ON CONFLICT (sha256) DO NOTHING",
                               [paper.sha256, len(paper.content), paper.content])
                self._exec("INSERT INTO papers (item_id, position, file_name, title,"
                           " exempt_paragraph, sha256) VALUES (%s, %s, %s, %s, %s, %s)",
                           [iid, ppos, paper.path, paper.title, paper.exempt_paragraph,
                            paper.sha256])
                count += 1
            count += self._insert_items(meeting_id, item.items, iid)
        return count

    def add_meeting(self, meeting: Meeting) -> int:
        m = meeting
        mid = self._one(
            "INSERT INTO meetings (committee_id, date, time, venue, clerk, proper_officer,"
            " published_on, notices) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            [self._id("committees", "name", m.committee), m.date, m.time, m.venue, m.clerk,
             m.proper_officer, m.published_on, Jsonb(list(m.notices))])
        return self._insert_items(mid, m.items, None)

    def update_meeting(self, committee: str, date: dt.date, changes: dict[str, Any]) -> None:
        allowed = ("time", "venue", "clerk", "proper_officer", "notices")
        columns = [k for k in changes if k in allowed]
        if not columns:
            return
        self._exec(f"UPDATE meetings SET {', '.join(f'{k} = %s' for k in columns)}"
                   " WHERE id = %s",
                   [Jsonb(list(changes[k])) if k == "notices" else changes[k]
                    for k in columns] + [self._meeting_id(committee, date)])

    def save_agenda(self, committee: str, date: dt.date, items: Sequence[AgendaItem]) -> None:
        mid = self._meeting_id(committee, date)
        old = [r["sha256"] for r in self._rows(
            "SELECT p.sha256 FROM papers p JOIN agenda_items i ON i.id = p.item_id"
            " WHERE i.meeting_id = %s", [mid])]
        self._exec("DELETE FROM papers WHERE item_id IN"
                   " (SELECT id FROM agenda_items WHERE meeting_id = %s)", [mid])
        self._exec("DELETE FROM agenda_items WHERE meeting_id = %s AND parent_id IS NOT NULL",
                   [mid])
        self._exec("DELETE FROM agenda_items WHERE meeting_id = %s", [mid])
        self._insert_items(mid, items, None)
        for sha in set(old):  # content no paper refers to any more
            self._exec("DELETE FROM paper_files WHERE sha256 = %s AND NOT EXISTS"
                       " (SELECT 1 FROM papers WHERE sha256 = %s)", [sha, sha])

    def _ensure_details(self, meeting_id: int) -> None:
        self._exec("INSERT INTO meeting_details (meeting_id) VALUES (%s)"
                   " ON CONFLICT (meeting_id) DO NOTHING", [meeting_id])

    def set_publication(self, committee: str, date: dt.date, published_on: dt.date,
                        late: bool, late_reason: str | None, published_by: str | None) -> None:
        mid = self._meeting_id(committee, date)
        self._ensure_details(mid)
        self._exec("UPDATE meetings SET published_on = %s WHERE id = %s", [published_on, mid])
        self._exec("UPDATE meeting_details SET published_late = %s, late_reason = %s,"
                   " published_by = coalesce(%s, published_by) WHERE meeting_id = %s",
                   [late, late_reason, published_by, mid])

    def record_membership(self, committee: str, date: dt.date,
                          membership: Sequence[Membership], seats: int | None,
                          party_seats: dict[str, int] | None) -> None:
        mid = self._meeting_id(committee, date)
        ids = {r["name"]: r["id"] for r in self._rows("SELECT id, name FROM members")}
        self._ensure_details(mid)
        self._exec("DELETE FROM meeting_members WHERE meeting_id = %s", [mid])
        for pos, ms in enumerate(membership):
            if ms.member not in ids:
                raise StoreError(f"{ms.member!r} is not in the register (members)")
            self._exec("INSERT INTO meeting_members (meeting_id, member_id, role, position)"
                       " VALUES (%s, %s, %s, %s)", [mid, ids[ms.member], ms.role, pos])
        self._exec("UPDATE meeting_details SET membership_recorded = true, seats = %s,"
                   " party_seats = %s WHERE meeting_id = %s",
                   [seats, None if party_seats is None else Json(party_seats), mid])

    def agenda_appearances(self, number: str) -> list[AgendaAppearance]:
        return [AgendaAppearance(r["name"], r["date"], r["title"], r["description"])
                for r in self._rows(
                    "SELECT c.name, m.date, i.title, i.description FROM agenda_items i"
                    " JOIN meetings m ON m.id = i.meeting_id"
                    " JOIN committees c ON c.id = m.committee_id"
                    " WHERE i.decision_number = %s ORDER BY m.date, i.id", [number])]

    def latest_meeting_details(self) -> dict[str, dict[str, Any]]:
        rows = self._rows("SELECT c.name, m.clerk, m.proper_officer, m.notices FROM"
                          " meetings m JOIN committees c ON c.id = m.committee_id"
                          " ORDER BY m.date")
        return {r["name"]: {"clerk": r["clerk"], "proper_officer": r["proper_officer"],
                            "notices": list(r["notices"])} for r in rows}

    # --- kept files --------------------------------------------------------------------------

    _KEPT = ("id", "decision_number", "kind", "sha256", "size", "file_name", "signer",
             "signed_at", "recorded_at", "recorded_by")
    _ASSESSMENT = ("id", "decision_number", "assessment", "file_name", "sha256", "size",
                   "recorded_at", "recorded_by")

    def kept_documents(self, number: str | None = None, sha256: str | None = None
                       ) -> list[KeptDocument]:
        clauses, params = [], []
        if number is not None:
            clauses.append("decision_number = %s")
            params.append(number)
        if sha256 is not None:
            clauses.append("sha256 = %s")
            params.append(sha256)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [KeptDocument(**r) for r in self._rows(
            f"SELECT {', '.join(self._KEPT)} FROM decision_documents {where} ORDER BY id",
            params)]

    def keep_document(self, document: KeptDocument, content: bytes) -> int:
        d = document
        return self._one(
            "INSERT INTO decision_documents (decision_number, kind, sha256, size, file_name,"
            " signer, signed_at, recorded_at, recorded_by, content) VALUES"
            " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            [d.decision_number, d.kind, d.sha256, d.size, d.file_name, d.signer, d.signed_at,
             d.recorded_at, d.recorded_by, content])

    def kept_document(self, document_id: int) -> tuple[KeptDocument, bytes | None] | None:
        rows = self._rows(f"SELECT {', '.join(self._KEPT)}, content FROM decision_documents"
                          " WHERE id = %s", [document_id])
        if not rows:
            return None
        content = rows[0].pop("content")
        return KeptDocument(**rows[0]), None if content is None else bytes(content)

    def assessment_documents(self, number: str) -> list[AssessmentDocument]:
        return [AssessmentDocument(**r) for r in self._rows(
            f"SELECT {', '.join(self._ASSESSMENT)} FROM assessment_documents"
            " WHERE decision_number = %s ORDER BY id", [number])]

    def add_assessment_document(self, document: AssessmentDocument, content: bytes) -> int:
        d = document
        return self._one(
            "INSERT INTO assessment_documents (decision_number, assessment, file_name, sha256,"
            " size, recorded_at, recorded_by, content) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            [d.decision_number, d.assessment, d.file_name, d.sha256, d.size, d.recorded_at,
             d.recorded_by, content])

    def assessment_document(self, document_id: int
                            ) -> tuple[AssessmentDocument, bytes | None] | None:
        rows = self._rows(f"SELECT {', '.join(self._ASSESSMENT)}, content FROM"
                          " assessment_documents WHERE id = %s", [document_id])
        if not rows:
            return None
        content = rows[0].pop("content")
        return AssessmentDocument(**rows[0]), None if content is None else bytes(content)

    def kept_files(self) -> Iterator[KeptFile]:
        for r in self._rows("SELECT id, decision_number, kind, file_name, sha256, content"
                            " FROM decision_documents ORDER BY id"):
            yield KeptFile(RECORD_DOCUMENT, r["id"], r["decision_number"], r["kind"],
                           r["file_name"], r["sha256"],
                           None if r["content"] is None else bytes(r["content"]))
        for r in self._rows("SELECT id, decision_number, assessment, file_name, sha256,"
                            " content FROM assessment_documents ORDER BY id"):
            yield KeptFile(ASSESSMENT_DOCUMENT, r["id"], r["decision_number"],
                           r["assessment"], r["file_name"], r["sha256"], bytes(r["content"]))

    # --- other desktops' changes -------------------------------------------------------------

    def change_feed(self) -> PostgresChangeFeed:
        return PostgresChangeFeed(self.url)

    # --- the whole register, row for row: transfer, backup, restore --------------------------

    def dump(self) -> RegisterRows:
        """Every table's rows as the SQLite register holds them, read in one snapshot."""
        out: list[tuple[str, list[dict[str, Any]]]] = []
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            for table in TABLES:
                order = {"settings": "key", "paper_files": "sha256", "number_sequence": "year",
                         "meeting_details": "meeting_id",
                         "meeting_members": "meeting_id, position",
                         "minute_books": "meeting_id"}.get(table, "id")
                rows = []
                for r in self._rows(f"SELECT * FROM {table} ORDER BY {order}"):
                    r.pop("search", None)
                    rows.append({k: _to_sqlite(v) for k, v in r.items()})
                out.append((table, rows))
            return RegisterRows(out, self.audit_high_water())

    def load(self, rows: RegisterRows) -> None:
        """Put a register's rows (:meth:`dump` of either store) into this empty one,
        inside the caller's unit of work; ids, the audit trail and its hashes as they
        were."""
        by_table = dict(rows.tables)
        statuses: dict[str, str] = {}
        for table in TABLES:
            given = by_table.get(table, [])
            if table == "decisions":  # parts go in before the status that freezes them
                statuses = {r["number"]: r["status"] for r in given}
                given = [{**r, "status": "draft"} for r in given]
            types = self._column_types(table)
            for r in given:
                values = {k: _from_sqlite(v, types[k]) for k, v in r.items() if k in types}
                self._exec(f"INSERT INTO {table} ({', '.join(values)})"
                           f" VALUES ({', '.join(f'%({c})s' for c in values)})", values)
            if table == "committee_considerations":
                for d in self._decisions_from_rows(self._rows("SELECT * FROM decisions")):
                    self._exec(f"UPDATE decisions SET search = {self._SEARCH},"
                               " status = %(status)s WHERE number = %(number)s",
                               {"number": d.number, "title": d.title,
                                "body": self._search_text(d),
                                "status": statuses[d.number]})
        self._exec("UPDATE audit_high_water SET high = greatest(high, %s,"
                   " (SELECT coalesce(max(id), 0) FROM audit))", [rows.audit_high_water])
        for table in TABLES:  # identities go on after the ids copied in
            if "id" in self._column_types(table) and \
                    self._one("SELECT pg_get_serial_sequence(%s, 'id')", [table]):
                self._exec(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                           f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")
        self._touched.add(("*", "*"))

    def _column_types(self, table: str) -> dict[str, str]:
        return {r["column_name"]: r["data_type"] for r in self._rows(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name = %s", [table])}

    def backup_to(self, destination: Path) -> tuple[Path, RegisterFacts]:
        """The register as a register file (SQLite): a logical backup made from one
        snapshot, which ``restore`` puts back, on this server or any other (and which opens
        on a desktop as an ordinary register)."""
        return write_register_file(self.dump(), Path(destination), "shared-register")

    # --- setting a council up ------------------------------------------------------------

    def update_post(self, post: Post) -> None:
        self._exec("UPDATE posts SET holder = %s, phone = %s, email = %s WHERE title = %s",
                   [post.holder, post.phone, post.email, post.title])

    def setting(self, key: str) -> str | None:
        return self._one("SELECT value FROM settings WHERE key = %s", [key])

    def set_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self._exec("DELETE FROM settings WHERE key = %s", [key])
            return
        self._exec("INSERT INTO settings (key, value) VALUES (%s, %s)"
                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


class PostgresChangeFeed:
    """``LISTEN desk_changes`` on a connection of its own: each unit of work another
    desktop commits arrives as the (entity, key) pairs of the audit rows it wrote."""

    def __init__(self, url: str):
        self.url = url
        self.conn: psycopg.Connection | None = None

    def _connect(self) -> psycopg.Connection:
        if self.conn is None or self.conn.closed or self.conn.broken:
            try:
                self.conn = connect(self.url, autocommit=True)
                self.conn.execute(f"LISTEN {CHANNEL}")
            except psycopg.Error as exc:
                self.conn = None
                raise unusable(self.url, exc) from exc
        return self.conn

    def poll(self, timeout: float) -> list[tuple[str, str]]:
        conn = self._connect()
        found: list[tuple[str, str]] = []
        try:
            for note in conn.notifies(timeout=timeout, stop_after=1):
                found += [tuple(pair) for pair in json.loads(note.payload)]
            # and whatever else has arrived meanwhile, without waiting
            for note in conn.notifies(timeout=0.0):
                found += [tuple(pair) for pair in json.loads(note.payload)]
        except psycopg.Error as exc:
            conn.close()
            self.conn = None
            raise unusable(self.url, exc) from exc
        return found

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _to_sqlite(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _from_sqlite(value: Any, kind: str | None) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "jsonb":
        return Jsonb(json.loads(value))
    if kind == "json":
        return Json(json.loads(value))
    return value


class PostgresRegisters:
    """Registers on PostgreSQL servers, by libpq URL."""

    def open(self, location: str) -> PostgresStore:
        return PostgresStore.open(str(location))

    def exists(self, location: str) -> bool:
        """True: a URL always names a database that exists or does not; ``open`` says
        which, and a shared register is made by ``init``, never by opening it."""
        return True

    def remove(self, location: str) -> None:
        """Nothing to remove: opening a shared register never makes one."""

    def restore(self, location: str, source: Path) -> tuple[Path | None, RegisterFacts]:
        """Put a backup (a register file) into an empty shared register: a shared register
        is never overwritten (the team may be working in it); restore into a new database
        made with ``init``, then point the desktops at it. Nothing is kept aside (None)."""
        source = Path(source)
        if not source.is_file():
            raise StoreError(f"{source}: no such file (give a backup made by `backup`)")
        with tempfile.TemporaryDirectory() as folder:  # the backup itself stays untouched
            copy = Path(folder) / source.name
            shutil.copyfile(source, copy)
            backup = SqliteStore.open(copy)  # checked; an older one's schema brought up
            try:
                rows = backup.dump()
                facts = backup.facts()
            finally:
                backup.close()
        store = PostgresStore.open(location)
        try:
            if not store.is_empty():
                raise StoreError(f"{store.location} already holds a register: a backup is"
                                 " restored into an empty one (create a database, run init,"
                                 " restore into it, then connect the desktops to it)")
            with store.transaction():
                store.load(rows)
        finally:
            store.close()
        return None, facts

    @staticmethod
    def explain(exc: BaseException, location: str | Path | None) -> StoreError | None:
        """The server's or the network's condition, outside a unit of work: a user error;
        a mistake in the SQL (a column that is not there) stays a fault."""
        if isinstance(exc, (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege,
                            psycopg.errors.IntegrityError)):
            return unusable(str(location), exc)
        return None

    def may_create(self, location: str) -> StoreError | None:
        return StoreError(f"a shared register is made with `init`, never by opening it"
                          f" ({shown(location)})")

    def backups_folder(self, location: str) -> Path | None:
        """None: a shared register is backed up with ``backup FILE`` (and the server's own
        backups), not by each desktop that opens it."""
        return None

    def backup_stem(self, location: str) -> str:
        return "shared-register"

    # --- the administrator's commands ---------------------------------------------------------

    def init(self, url: str) -> list[str]:
        """Create the schema and the two group roles in an empty database (or bring an
        existing register's schema up to date); returns the migrations applied."""
        store = PostgresStore.open(url, schema=False)
        try:
            applied = store.applied_migrations()
            if applied is None:
                if store._one("SELECT count(*) FROM information_schema.tables WHERE"
                              " table_schema = 'public'"):
                    raise StoreError(f"{store.location} already holds tables that are not a"
                                     " Decision Desk register: give an empty database")
                store._exec(f"CREATE TABLE {MIGRATIONS_TABLE} (id bigint GENERATED ALWAYS"
                            " AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE,"
                            " applied_at timestamptz NOT NULL DEFAULT now())")
                applied = []
            done = []
            for name, statements in MIGRATIONS:
                if name in applied:
                    continue
                with store.conn.transaction():
                    for sql in statements():
                        store._exec(sql)
                    store._exec(f"INSERT INTO {MIGRATIONS_TABLE} (name) VALUES (%s)", [name])
                done.append(name)
            return done
        except psycopg.Error as exc:
            raise unusable(url, exc) from exc
        finally:
            store.close()

    def grant(self, url: str, login: str, role: str) -> str:
        """Grant ``desk_clerk`` or ``desk_reader`` to the login role ``login``."""
        group = {"clerk": CLERK_ROLE, "reader": READER_ROLE}[role]
        store = PostgresStore.open(url)
        try:
            if not store._one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)",
                              [login]):
                raise StoreError(f"there is no login role {login!r} on the server: create it"
                                 f" first (CREATE ROLE {login} LOGIN)")
            other = READER_ROLE if group == CLERK_ROLE else CLERK_ROLE
            store._exec(sql.SQL("GRANT {} TO {}").format(
                sql.Identifier(group), sql.Identifier(login)))
            store._exec(sql.SQL("REVOKE {} FROM {}").format(
                sql.Identifier(other), sql.Identifier(login)))
            return group
        except psycopg.Error as exc:
            raise unusable(url, exc) from exc
        finally:
            store.close()
