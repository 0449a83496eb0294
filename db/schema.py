"""Numbered migrations of the register's SQLite schema (sqlite-utils Migrations), declared
(and so applied) in the order of their numbers. Every table's DDL is here.

m002 came after m003 and m004 in the first releases; a register made then has all six
applied, and a new one gets them in number order: each creates only its own tables."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database, Migrations

from governance.model import ASSESSMENTS, KEPT_KINDS
from governance.vocab import (
    ASSESSMENT_STATUSES,
    COMMITTEE_KINDS,
    OUTCOMES,
    ROLES,
    ROUTES,
    STATUSES,
    TAKEN_STATUSES,
)

migrations = Migrations("decision_desk")

#: Every table of a register, parents before children: the order its rows are copied in
#: (the PostgreSQL register has the same tables and columns).
TABLES = ("settings", "posts", "members", "committees", "memberships", "decisions",
          "decision_parts", "committee_considerations", "meetings", "meeting_details",
          "meeting_members", "standing_items", "agenda_items", "paper_files", "papers",
          "number_sequence", "audit", "decision_documents", "assessment_documents",
          "minute_books")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


#: Columns of ``decisions`` that make up the record's text: frozen once taken.
FROZEN_COLUMNS = (
    "title", "decision_maker", "key_decision", "key_decision_criteria", "exempt_paragraph",
    "reasons", "financial_implications", "legal_implications", "equalities_implications",
    "data_protection_implications", "consultation", "alternatives", "interests_declared",
    "taken_on", "signed_by",
)

_TAKEN = _in(TAKEN_STATUSES)


@migrations()
def m001_register(db: Database) -> None:
    statements = [
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)",
        """CREATE TABLE posts (
            id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE,
            holder TEXT, phone TEXT, email TEXT)""",
        """CREATE TABLE members (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, party TEXT, honours TEXT)""",
        f"""CREATE TABLE committees (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN {_in(COMMITTEE_KINDS)}),
            seats INTEGER CHECK (seats >= 0), party_seats TEXT)""",
        f"""CREATE TABLE memberships (
            id INTEGER PRIMARY KEY,
            committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
            member_id INTEGER NOT NULL REFERENCES members(id),
            role TEXT NOT NULL CHECK (role IN {_in(ROLES)}),
            position INTEGER NOT NULL, UNIQUE (committee_id, member_id))""",
        f"""CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE
                CHECK (number GLOB '[0-9][0-9]/[0-9][0-9][0-9][0-9][0-9]'
                       OR number GLOB '[0-9][0-9]/[0-9][0-9][0-9][0-9][0-9][a-z]'),
            title TEXT NOT NULL, decision_maker TEXT, key_decision INTEGER,
            key_decision_criteria TEXT NOT NULL DEFAULT '[]',
            exempt_paragraph INTEGER CHECK (exempt_paragraph BETWEEN 1 AND 7),
            reasons TEXT, financial_implications TEXT, legal_implications TEXT,
            equalities_implications TEXT, data_protection_implications TEXT,
            consultation TEXT, alternatives TEXT, interests_declared TEXT,
            eqia_status TEXT CHECK (eqia_status IN {_in(ASSESSMENT_STATUSES)}),
            eqia_title TEXT, eqia_signed_off_by TEXT, eqia_signed_off_on TEXT,
            dpia_status TEXT CHECK (dpia_status IN {_in(ASSESSMENT_STATUSES)}),
            dpia_title TEXT, dpia_signed_off_by TEXT, dpia_signed_off_on TEXT,
            notice_published_on TEXT,
            route TEXT CHECK (route IN {_in(ROUTES)}), urgency_reason TEXT,
            status TEXT NOT NULL CHECK (status IN {_in(STATUSES)}),
            taken_on TEXT, signed_by TEXT, published_on TEXT,
            report_author TEXT, relevant_director TEXT,
            amends TEXT REFERENCES decisions(number),
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT, updated_by TEXT)""",
        "CREATE INDEX decisions_status ON decisions(status)",
        """CREATE TABLE decision_parts (
            id INTEGER PRIMARY KEY,
            decision_number TEXT NOT NULL REFERENCES decisions(number),
            position INTEGER NOT NULL, verb TEXT NOT NULL, text TEXT NOT NULL,
            delegation_post TEXT, delegation_scope TEXT, delegation_conditions TEXT,
            UNIQUE (decision_number, position))""",
        f"""CREATE TABLE committee_considerations (
            id INTEGER PRIMARY KEY,
            decision_number TEXT NOT NULL REFERENCES decisions(number),
            position INTEGER NOT NULL,
            committee_id INTEGER NOT NULL REFERENCES committees(id),
            date TEXT NOT NULL,
            outcome TEXT CHECK (outcome IN {_in(OUTCOMES)}), recommendations TEXT)""",
        "CREATE INDEX considerations_date ON committee_considerations(date)",
        """CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            committee_id INTEGER NOT NULL REFERENCES committees(id),
            date TEXT NOT NULL, time TEXT, venue TEXT, clerk TEXT, proper_officer TEXT,
            published_on TEXT, notices TEXT NOT NULL DEFAULT '[]',
            UNIQUE (committee_id, date))""",
        """CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES agenda_items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, title TEXT NOT NULL, standing INTEGER,
            description TEXT, decision_number TEXT REFERENCES decisions(number),
            exempt_paragraph INTEGER CHECK (exempt_paragraph BETWEEN 1 AND 7))""",
        """CREATE TABLE paper_files (
            sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, content BLOB NOT NULL)""",
        """CREATE TABLE papers (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, file_name TEXT NOT NULL, title TEXT,
            exempt_paragraph INTEGER CHECK (exempt_paragraph BETWEEN 1 AND 7),
            sha256 TEXT NOT NULL REFERENCES paper_files(sha256))""",
        "CREATE TABLE number_sequence (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, os_user TEXT NOT NULL,
            entity TEXT NOT NULL, entity_key TEXT NOT NULL, action TEXT NOT NULL,
            before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
        "CREATE INDEX audit_entity ON audit(entity, entity_key)",
        """CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE VIRTUAL TABLE decisions_fts USING fts5(
            number, title, body, tokenize = 'unicode61 remove_diacritics 2')""",
        # A taken record is the legal record: its text cannot change, even from outside.
        f"""CREATE TRIGGER decisions_frozen_text BEFORE UPDATE ON decisions
            WHEN OLD.status IN {_TAKEN} AND ("""
        + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_COLUMNS)
        + """)
            BEGIN SELECT RAISE(ABORT, 'decision is taken: its record cannot be changed'); END""",
        f"""CREATE TRIGGER decisions_frozen_status BEFORE UPDATE OF status ON decisions
            WHEN OLD.status IN {_TAKEN} AND NEW.status NOT IN {_TAKEN}
            BEGIN SELECT RAISE(ABORT, 'decision is taken: it cannot go back'); END""",
        f"""CREATE TRIGGER decisions_frozen_delete BEFORE DELETE ON decisions
            WHEN OLD.status IN {_TAKEN}
            BEGIN SELECT RAISE(ABORT, 'decision is taken: its record cannot be deleted'); END""",
    ]
    for table in ("decision_parts",):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            statements.append(
                f"""CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table}
                WHEN (SELECT status FROM decisions WHERE number = {row}.decision_number)
                     IN {_TAKEN}
                BEGIN SELECT RAISE(ABORT, 'decision is taken: its parts cannot change'); END""")
    for sql in statements:
        db.execute(sql)


@migrations()
def m002_documents(db: Database) -> None:
    """Signed Records of Decision and scans of paper-signed ones, kept with their SHA-256
    (append-only)."""
    db.execute(
        f"""CREATE TABLE decision_documents (
            id INTEGER PRIMARY KEY,
            decision_number TEXT NOT NULL REFERENCES decisions(number),
            kind TEXT NOT NULL CHECK (kind IN {_in(KEPT_KINDS)}),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            file_name TEXT,
            signer TEXT,
            signed_at TEXT,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            content BLOB)""")
    db.execute("CREATE INDEX decision_documents_sha256 ON decision_documents(sha256)")
    db.execute("CREATE INDEX decision_documents_number ON decision_documents(decision_number)")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER decision_documents_append_only_{event.lower()}
            BEFORE {event} ON decision_documents
            BEGIN SELECT RAISE(ABORT, 'kept Records of Decision cannot be changed'); END""")


@migrations()
def m003_meetings(db: Database) -> None:
    """Agenda publication (late reason and flag), the membership as printed on a meeting's
    agenda, and each committee's standing items."""
    roles = _in(ROLES)
    for sql in (
        # One row per meeting once anything beyond the interchange fields is recorded.
        """CREATE TABLE meeting_details (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            published_late INTEGER NOT NULL DEFAULT 0 CHECK (published_late IN (0, 1)),
            late_reason TEXT,
            published_by TEXT,
            membership_recorded INTEGER NOT NULL DEFAULT 0
                CHECK (membership_recorded IN (0, 1)),
            seats INTEGER CHECK (seats >= 0),
            party_seats TEXT,
            CHECK (published_late = 0 OR length(trim(coalesce(late_reason, ''))) > 0))""",
        # The membership as printed on the meeting's agenda (frozen when it is published).
        f"""CREATE TABLE meeting_members (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            member_id INTEGER NOT NULL REFERENCES members(id),
            role TEXT NOT NULL CHECK (role IN {roles}),
            position INTEGER NOT NULL,
            PRIMARY KEY (meeting_id, member_id))""",
        """CREATE TABLE standing_items (
            id INTEGER PRIMARY KEY,
            committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
            placement TEXT NOT NULL CHECK (placement IN ('start', 'end')),
            position INTEGER NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            description TEXT,
            UNIQUE (committee_id, placement, position))""",
    ):
        db.execute(sql)


@migrations()
def m004_frozen_record(db: Database) -> None:
    """Close the gaps in m001's freeze: a taken (or withdrawn) record's number, notice,
    route, assessments and committee consideration cannot change from outside the app
    either."""
    closed = _in((*TAKEN_STATUSES, "withdrawn"))
    more = ("number", "eqia_status", "eqia_title", "eqia_signed_off_by", "eqia_signed_off_on",
            "dpia_status", "dpia_title", "dpia_signed_off_by", "dpia_signed_off_on",
            "notice_published_on", "route", "urgency_reason", "amends")
    db.execute(
        f"""CREATE TRIGGER decisions_frozen_more BEFORE UPDATE ON decisions
        WHEN OLD.status IN {closed} AND ("""
        + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in (*FROZEN_COLUMNS, *more))
        + """)
        BEGIN SELECT RAISE(ABORT, 'decision is taken or withdrawn: its record is final');
        END""")
    db.execute(
        """CREATE TRIGGER decisions_withdrawn_final BEFORE UPDATE OF status ON decisions
        WHEN OLD.status = 'withdrawn' AND NEW.status IS NOT 'withdrawn'
        BEGIN SELECT RAISE(ABORT, 'a withdrawn decision stays withdrawn'); END""")
    for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
        db.execute(
            f"""CREATE TRIGGER considerations_frozen_{event.lower()} BEFORE {event}
            ON committee_considerations
            WHEN (SELECT status FROM decisions WHERE number = {row}.decision_number)
                 IN {_TAKEN}
            BEGIN SELECT RAISE(ABORT, 'decision is taken: its consideration cannot change'); END""")
    db.execute(
        """CREATE TRIGGER decision_parts_withdrawn BEFORE UPDATE ON decision_parts
        WHEN (SELECT status FROM decisions WHERE number = OLD.decision_number) = 'withdrawn'
        BEGIN SELECT RAISE(ABORT, 'decision is withdrawn: its parts cannot change'); END""")


@migrations()
def m005_frozen_against_replace(db: Database) -> None:
    """Close the ways round the freeze that SQL's conflict clauses open: ``INSERT OR
    REPLACE``/``UPDATE OR REPLACE`` delete the row they collide with without firing its
    DELETE trigger, and a part or consideration could be moved onto a taken decision by
    changing its ``decision_number``. The audit trail gets the same guard against REPLACE."""
    closed = _in((*TAKEN_STATUSES, "withdrawn"))
    db.execute(
        f"""CREATE TRIGGER decisions_frozen_replace_insert BEFORE INSERT ON decisions
        WHEN EXISTS (SELECT 1 FROM decisions WHERE (number = NEW.number OR id = NEW.id)
                     AND status IN {closed})
        BEGIN SELECT RAISE(ABORT, 'decision is taken or withdrawn: its record is final');
        END""")
    db.execute(
        f"""CREATE TRIGGER decisions_frozen_replace_update BEFORE UPDATE ON decisions
        WHEN (OLD.status IN {closed} AND NEW.id IS NOT OLD.id)
          OR EXISTS (SELECT 1 FROM decisions WHERE (number = NEW.number OR id = NEW.id)
                     AND id IS NOT OLD.id AND status IN {closed})
        BEGIN SELECT RAISE(ABORT, 'decision is taken or withdrawn: its record is final');
        END""")
    for table, what, unique in (
            ("decision_parts", "parts", " OR (x.decision_number = NEW.decision_number"
                                        " AND x.position = NEW.position)"),
            ("committee_considerations", "consideration", "")):
        collides = (f"EXISTS (SELECT 1 FROM {table} x JOIN decisions d"
                    f" ON d.number = x.decision_number WHERE (x.id = NEW.id{unique})"
                    " {extra} AND d.status IN " + _TAKEN + ")")
        db.execute(
            f"""CREATE TRIGGER {table}_frozen_replace_insert BEFORE INSERT ON {table}
            WHEN {collides.format(extra="")}
            BEGIN SELECT RAISE(ABORT, 'decision is taken: its {what} cannot change'); END""")
        db.execute(
            f"""CREATE TRIGGER {table}_frozen_move_in BEFORE UPDATE ON {table}
            WHEN (SELECT status FROM decisions WHERE number = NEW.decision_number) IN {_TAKEN}
              OR {collides.format(extra="AND x.id IS NOT OLD.id")}
            BEGIN SELECT RAISE(ABORT, 'decision is taken: its {what} cannot change'); END""")
    db.execute(
        """CREATE TRIGGER audit_append_only_replace BEFORE INSERT ON audit
        WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""")


@migrations()
def m006_assessment_documents(db: Database) -> None:
    """The EqIA and DPIA documents attached to a decision, kept with their SHA-256
    (append-only: a newer version is a new row); and the REPLACE guard m005 gave the audit
    trail, for the kept Records of Decision too."""
    db.execute(
        f"""CREATE TABLE assessment_documents (
            id INTEGER PRIMARY KEY,
            decision_number TEXT NOT NULL REFERENCES decisions(number),
            assessment TEXT NOT NULL CHECK (assessment IN {_in(ASSESSMENTS)}),
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            content BLOB NOT NULL)""")
    db.execute("CREATE INDEX assessment_documents_number"
               " ON assessment_documents(decision_number)")
    _append_only(db, "assessment_documents", "attached assessments cannot be changed")
    _append_only(db, "decision_documents", "kept Records of Decision cannot be changed")


def _append_only(db: Database, table: str, message: str) -> None:
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER IF NOT EXISTS {table}_append_only_{event.lower()}
            BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END""")
    # INSERT OR REPLACE deletes the row it collides with without firing DELETE triggers.
    db.execute(
        f"""CREATE TRIGGER IF NOT EXISTS {table}_append_only_replace BEFORE INSERT ON {table}
        WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{message}'); END"""
    )


@migrations()
def m009_pathway(db: Database) -> None:
    """A decision's Past and Future Pathway of Paper (the report cover's boards and dates
    before and after the committee): JSON lists of ``{"board", "date"}``."""
    for column in ("past_pathway", "future_pathway"):
        db.execute(f"ALTER TABLE decisions ADD COLUMN {column} TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m011_expected_on(db: Database) -> None:
    """When a decision is expected to be taken: ``YYYY-MM-DD``, or ``YYYY-MM`` when only
    the month is known (the Forward Plan's date or period)."""
    db.execute("ALTER TABLE decisions ADD COLUMN expected_on TEXT")


#: A meeting's minute book is approved (frozen) when its ``approved_at`` is set.
_APPROVED_BOOK = ("EXISTS (SELECT 1 FROM minute_books b WHERE b.meeting_id = {row}"
                  " AND b.approved_at IS NOT NULL)")


def _json_list(column: str) -> str:
    return (f"{column} TEXT NOT NULL DEFAULT '[]'"
            f" CHECK (json_valid({column}) AND json_type({column}) = 'array')")


def minute_books_ddl(key: str, day: str, json_list: Callable[[str], str]) -> str:
    """``minute_books`` as both registers make it (SQLite's m013, PostgreSQL's m009), with
    the store's type of ``meetings.id`` (``key``), of ``approved_at`` (``day``) and its
    column of a JSON list."""
    return f"""CREATE TABLE minute_books (
        meeting_id {key} PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        {json_list("attendance")},
        {json_list("declarations")},
        {json_list("entries")},
        first_number integer CHECK (first_number >= 1),
        cancelled text CHECK (cancelled IS NULL OR length(trim(cancelled)) > 0),
        approved_at {day},
        correction text,
        recorded_at text,
        recorded_by text,
        CHECK (approved_at IS NOT NULL
               OR (correction IS NULL AND recorded_at IS NULL AND recorded_by IS NULL)))"""


@migrations()
def m013_minute_books(db: Database) -> None:
    """Each meeting's minute book (issue 15): attendance, declarations of interest and the
    minute of each item (JSON lists), the first minute number when the clerk set it, why
    the meeting was cancelled, and the approval. An approved book is frozen as a taken
    record is: its row cannot be changed, deleted or replaced, and its meeting cannot be
    deleted, moved or replaced."""
    final = "minutes are approved: their record is final"
    db.execute(minute_books_ddl(
        "INTEGER", "TEXT CHECK (approved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')",
        _json_list))
    for name, timing, when in (
            ("minute_books_frozen_update", "BEFORE UPDATE ON minute_books",
             "OLD.approved_at IS NOT NULL"),
            ("minute_books_frozen_delete", "BEFORE DELETE ON minute_books",
             "OLD.approved_at IS NOT NULL"),
            # INSERT OR REPLACE deletes the row it collides with without firing DELETE
            # triggers; UPDATE OR REPLACE could move a draft onto an approved book.
            ("minute_books_frozen_replace", "BEFORE INSERT ON minute_books",
             _APPROVED_BOOK.format(row="NEW.meeting_id")),
            ("minute_books_frozen_move_in", "BEFORE UPDATE ON minute_books",
             f"NEW.meeting_id IS NOT OLD.meeting_id"
             f" AND {_APPROVED_BOOK.format(row='NEW.meeting_id')}")):
        db.execute(f"""CREATE TRIGGER {name} {timing} WHEN {when}
            BEGIN SELECT RAISE(ABORT, '{final}'); END""")
    # The meeting the approved minutes are of stays as it is: not deleted (with or without
    # foreign keys enforced), not given another committee, date or id, not replaced.
    collides = ("EXISTS (SELECT 1 FROM meetings x JOIN minute_books b ON b.meeting_id = x.id"
                " WHERE (x.id = NEW.id OR (x.committee_id = NEW.committee_id"
                " AND x.date = NEW.date)){extra} AND b.approved_at IS NOT NULL)")
    meeting = "minutes are approved: their meeting cannot change"
    for name, timing, when in (
            ("meetings_minutes_frozen_delete", "BEFORE DELETE ON meetings",
             _APPROVED_BOOK.format(row="OLD.id")),
            ("meetings_minutes_frozen_update", "BEFORE UPDATE ON meetings",
             f"((NEW.id IS NOT OLD.id OR NEW.committee_id IS NOT OLD.committee_id"
             f" OR NEW.date IS NOT OLD.date) AND {_APPROVED_BOOK.format(row='OLD.id')})"
             f" OR {collides.format(extra=' AND x.id IS NOT OLD.id')}"),
            ("meetings_minutes_frozen_replace", "BEFORE INSERT ON meetings",
             collides.format(extra=""))):
        db.execute(f"""CREATE TRIGGER {name} {timing} WHEN {when}
            BEGIN SELECT RAISE(ABORT, '{meeting}'); END""")
