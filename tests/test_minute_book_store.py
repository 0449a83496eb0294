"""The minute books as the SQLite and PostgreSQL registers keep them (issue 15): one a
meeting, every field read back as saved, listed by committee then date; a draft replaced
as a whole; once approved, frozen by the register itself as a taken record is (no change,
no delete, no replace, its meeting not deleted, not even by a cascade); a book for a
meeting the register does not hold refused; the books carried by ``transfer``, a shared
register's backup and its restore; the reader role never reads them.
The PostgreSQL runs need a server (tests/pg_server.py starts a throwaway one)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from db.postgres_store import PostgresRegisters, PostgresStore
from db.sqlite_store import SqliteStore
from governance import sharing
from governance.desk import Desk
from governance.errors import NotInRegister, RegisterRefused
from governance.minute_book import Approval, Attendee, Declaration, MinuteBook, MinuteEntry
from tests.conftest import ASC
from tests.pg_server import ADMIN
from tests.usecase_fixtures import build_desk, import_dict

GROWTH = "Growth, Economic Development and Communities Cabinet Committee"
SEPTEMBER = dt.date(2023, 9, 13)
NOVEMBER = dt.date(2023, 11, 23)
OCTOBER = dt.date(2023, 10, 10)

#: Every field of a minute book, with text no ASCII-only or trimming store keeps as is.
FULL = MinuteBook(
    committee=ASC, date=SEPTEMBER,
    attendance=(
        Attendee("Mr A M Ridgers", "present", chair=True),
        Attendee("Ms L Wright", "present", vice_chair=True, virtual=True),
        Attendee("Mrs T Dean, MBE", "present", substitute_for="Mr D Ross"),
        Attendee("Mr D Ross", "apologies"),
        Attendee("Mr D Watkins", "also_present"),
        Attendee("Richard Smith", "in_attendance",
                 post="Corporate Director of Adult Social Care and Health"),
    ),
    declarations=(Declaration("7", "Ms L Wright", "Her daughter works at a care home"
                                                  " named in the report — “Oakleigh”."),),
    entries=(
        MinuteEntry("2", text="Apologies had been received from Mr D Ross.\n\n"
                              "Mrs T Dean was present as a substitute."),
        MinuteEntry("7.1", text="Mr Smith introduced the report.",
                    resolved="RESOLVED that the decision be endorsed."),
        MinuteEntry("9", resolved="RESOLVED that the report be noted."),
    ),
    first_number=148, cancelled=None,
    approval=Approval(NOVEMBER, correction="Minute 150: for “£2m” read “£2.5m”.",
                      recorded_at="2023-11-23T15:02:11", recorded_by="dominic.westhoff"),
)
DRAFT = dataclasses.replace(FULL, approval=None)


def _sample(sample_doc: dict[str, Any]) -> dict[str, Any]:
    """The sample register with a second committee and three meetings more."""
    sample_doc["committees"].append(
        {"name": GROWTH, "kind": "cabinet_committee", "seats": 1,
         "membership": [{"member": "Mr D Ross", "role": "chairman"}]})
    for committee, day in ((ASC, SEPTEMBER), (GROWTH, OCTOBER), (GROWTH, SEPTEMBER)):
        sample_doc["meetings"].append({"committee": committee, "date": day.isoformat(),
                                       "items": [{"title": "Apologies and Substitutes",
                                                  "standing": True}]})
    return sample_doc


def _made(kind: str, request: pytest.FixtureRequest, sample_doc: dict[str, Any],
          tmp_path: Path) -> Iterator[Desk]:
    url = request.getfixturevalue("pg_databases").new() if kind == "postgresql" else None
    made = build_desk(kind, tmp_path, url=url)
    import_dict(made, _sample(sample_doc), tmp_path / "sample")
    yield made
    made.close()


@pytest.fixture(params=("sqlite", "postgresql"))
def desk(request: pytest.FixtureRequest, sample_doc: dict[str, Any],
         tmp_path: Path) -> Iterator[Desk]:
    yield from _made(request.param, request, sample_doc, tmp_path)


@pytest.fixture
def sqlite_desk(request: pytest.FixtureRequest, sample_doc: dict[str, Any],
                tmp_path: Path) -> Iterator[Desk]:
    yield from _made("sqlite", request, sample_doc, tmp_path)


@pytest.fixture
def pg_desk(request: pytest.FixtureRequest, sample_doc: dict[str, Any],
            tmp_path: Path) -> Iterator[Desk]:
    yield from _made("postgresql", request, sample_doc, tmp_path)


def _save(desk: Desk, book: MinuteBook) -> None:
    with desk.store.transaction():
        desk.store.save_minute_book(book)


def _reopened(desk: Desk) -> SqliteStore | PostgresStore:
    """Another connection to the same register: what it reads was committed."""
    store = desk.store
    if isinstance(store, PostgresStore):
        return PostgresStore.open(store.url)
    return SqliteStore.open(store.path)


def _approved(desk: Desk) -> None:
    _save(desk, DRAFT)
    _save(desk, FULL)


# --- keeping and reading ------------------------------------------------------------------


def test_a_full_book_reads_back_as_it_was_saved(desk):
    assert desk.store.minute_book(ASC, SEPTEMBER) is None
    _save(desk, FULL)
    other = _reopened(desk)
    try:
        assert other.minute_book(ASC, SEPTEMBER) == FULL
        assert other.minute_book(ASC, SEPTEMBER).state == "approved"
        assert other.minute_books() == [FULL]
    finally:
        other.close()
    # Nothing recorded for a meeting, and a meeting the register does not hold: None.
    assert desk.store.minute_book(ASC, NOVEMBER) is None
    assert desk.store.minute_book(ASC, dt.date(2024, 1, 1)) is None
    assert desk.store.minute_book("No such committee", SEPTEMBER) is None


def test_an_empty_draft_reads_back_empty(desk):
    empty = MinuteBook(GROWTH, OCTOBER)
    _save(desk, empty)
    assert desk.store.minute_book(GROWTH, OCTOBER) == empty
    assert desk.store.minute_book(GROWTH, OCTOBER).state == "draft"
    cancelled = dataclasses.replace(empty, cancelled="The meeting was not quorate.")
    _save(desk, cancelled)
    assert desk.store.minute_book(GROWTH, OCTOBER) == cancelled


def test_the_books_are_listed_by_committee_then_date(desk):
    for committee, day in ((GROWTH, OCTOBER), (ASC, NOVEMBER), (GROWTH, SEPTEMBER),
                           (ASC, SEPTEMBER)):
        _save(desk, MinuteBook(committee, day, first_number=day.month))
    assert [(b.committee, b.date) for b in desk.store.minute_books()] == [
        (ASC, SEPTEMBER), (ASC, NOVEMBER), (GROWTH, SEPTEMBER), (GROWTH, OCTOBER)]
    assert [(b.date, b.first_number) for b in desk.store.minute_books(GROWTH)] == [
        (SEPTEMBER, 9), (OCTOBER, 10)]
    assert desk.store.minute_books("No such committee") == []


def test_a_draft_is_replaced_as_a_whole(desk):
    _save(desk, DRAFT)
    later = MinuteBook(ASC, SEPTEMBER, attendance=(Attendee("Mr A M Ridgers", "present"),),
                       entries=(MinuteEntry("3", text="Nothing was declared."),))
    _save(desk, later)
    assert desk.store.minute_book(ASC, SEPTEMBER) == later
    assert desk.store.minute_books() == [later]


def test_a_book_for_a_meeting_not_in_the_register_is_refused(desk):
    with pytest.raises(NotInRegister) as refused:
        _save(desk, MinuteBook(ASC, dt.date(2024, 1, 1)))
    assert str(refused.value) == f"{ASC} has no meeting on 2024-01-01"
    with pytest.raises(NotInRegister):
        _save(desk, MinuteBook("No such committee", SEPTEMBER))
    assert desk.store.minute_books() == []


# --- approved: frozen by the register itself ----------------------------------------------


def test_approving_a_draft_is_allowed_and_then_saving_over_it_is_refused(desk):
    _save(desk, DRAFT)
    _save(desk, FULL)  # the approval itself
    assert desk.store.minute_book(ASC, SEPTEMBER) == FULL
    for changed in (dataclasses.replace(FULL, cancelled="Not quorate."),
                    dataclasses.replace(FULL, approval=None),
                    dataclasses.replace(FULL, entries=()),
                    dataclasses.replace(FULL, approval=dataclasses.replace(
                        FULL.approval, correction=None))):
        with pytest.raises(RegisterRefused, match="minutes are approved"):
            _save(desk, changed)
    assert desk.store.minute_book(ASC, SEPTEMBER) == FULL


def _sql(desk: Desk, statement: str) -> None:
    """A statement run in the store's own unit of work (what the app would see)."""
    with desk.store.transaction():
        if isinstance(desk.store, PostgresStore):
            desk.store._exec(statement)
        else:
            desk.store.db.execute(statement)


def _meeting_id(day: dt.date) -> str:
    return (f"(SELECT m.id FROM meetings m JOIN committees c ON c.id = m.committee_id"
            f" WHERE c.name = '{ASC}' AND m.date = '{day.isoformat()}')")


CHANGES = {
    "update": f"UPDATE minute_books SET cancelled = 'rewritten'"
              f" WHERE meeting_id = {_meeting_id(SEPTEMBER)}",
    "withdraw the approval": "UPDATE minute_books SET approved_at = NULL, correction = NULL,"
                             " recorded_at = NULL, recorded_by = NULL",
    "delete": "DELETE FROM minute_books",
    "delete the meeting": f"DELETE FROM meetings WHERE id = {_meeting_id(SEPTEMBER)}",
    "move the meeting": f"UPDATE meetings SET date = '2023-09-14'"
                        f" WHERE id = {_meeting_id(SEPTEMBER)}",
    "replace": f"INSERT INTO minute_books (meeting_id) VALUES ({_meeting_id(SEPTEMBER)})"
               " ON CONFLICT (meeting_id) DO UPDATE SET entries = excluded.entries",
}
SQLITE_CHANGES = {
    "insert or replace": f"INSERT OR REPLACE INTO minute_books (meeting_id)"
                         f" VALUES ({_meeting_id(SEPTEMBER)})",
    "update or replace": f"UPDATE OR REPLACE minute_books SET meeting_id ="
                         f" {_meeting_id(SEPTEMBER)} WHERE meeting_id = {_meeting_id(NOVEMBER)}",
    "replace the meeting": f"INSERT OR REPLACE INTO meetings (committee_id, date)"
                           f" SELECT committee_id, date FROM meetings"
                           f" WHERE id = {_meeting_id(SEPTEMBER)}",
    "move a meeting onto it": f"UPDATE OR REPLACE meetings SET date = '{SEPTEMBER}'"
                              f" WHERE id = {_meeting_id(NOVEMBER)}",
}


def _refused(desk: Desk, statement: str) -> None:
    _approved(desk)
    _save(desk, MinuteBook(ASC, NOVEMBER))  # a draft beside it
    with pytest.raises(RegisterRefused, match="minutes are approved"):
        _sql(desk, statement)
    assert desk.store.minute_books() == [FULL, MinuteBook(ASC, NOVEMBER)]
    assert SEPTEMBER in desk.store.meeting_dates(ASC)


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_to_an_approved_book_is_refused_by_the_register(desk, change):
    _refused(desk, CHANGES[change])


@pytest.mark.parametrize("change", SQLITE_CHANGES)
def test_sqlites_conflict_clauses_do_not_get_round_the_freeze(sqlite_desk, change):
    """INSERT OR REPLACE and UPDATE OR REPLACE delete the row they collide with without
    firing its DELETE trigger (as db.schema's m005 closes for taken records)."""
    _refused(sqlite_desk, SQLITE_CHANGES[change])


def test_a_draft_changes_and_goes_with_its_meeting(desk):
    """The freeze is the approval's: a draft's row and meeting change as any other."""
    _save(desk, DRAFT)
    _sql(desk, CHANGES["update"])
    assert desk.store.minute_book(ASC, SEPTEMBER).cancelled == "rewritten"
    _sql(desk, CHANGES["move the meeting"])
    assert desk.store.minute_book(ASC, dt.date(2023, 9, 14)).entries == DRAFT.entries
    _sql(desk, f"DELETE FROM meetings WHERE id = {_meeting_id(dt.date(2023, 9, 14))}")
    assert desk.store.minute_books() == []


def _owner_connection(desk: Desk):
    """The register's owner (PostgreSQL), or a plain sqlite3 connection with foreign keys
    enforced: someone with the database and its own client, past the app."""
    store = desk.store
    if isinstance(store, PostgresStore):
        return psycopg.connect(store.url.replace("//clerk@", f"//{ADMIN}@"))
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def test_a_cascade_from_deleting_the_meeting_is_refused_too(desk):
    """Even with the meeting's own guard out of the way, the cascade from the meeting to
    its approved book is refused by the book's."""
    _approved(desk)
    refused = psycopg.errors.IntegrityError if isinstance(desk.store, PostgresStore) \
        else sqlite3.IntegrityError
    conn = _owner_connection(desk)
    try:
        if isinstance(desk.store, PostgresStore):
            conn.execute("ALTER TABLE meetings DISABLE TRIGGER meetings_minutes_frozen")
        else:
            conn.execute("BEGIN")
            conn.execute("DROP TRIGGER meetings_minutes_frozen_delete")
        with pytest.raises(refused, match="minutes are approved: their record is final"):
            conn.execute(CHANGES["delete the meeting"])
        conn.rollback()
    finally:
        conn.close()
    assert desk.store.minute_books() == [FULL]


@pytest.mark.parametrize("change", ["update", "delete", "delete the meeting"])
def test_the_owner_cannot_change_an_approved_book_either(desk, change):
    """Whoever connects (PostgreSQL's owner, whom privileges do not stop; a plain sqlite3
    connection, foreign keys off as sqlite3 starts): the triggers refuse."""
    _approved(desk)
    refused = psycopg.errors.IntegrityError if isinstance(desk.store, PostgresStore) \
        else sqlite3.IntegrityError
    if isinstance(desk.store, PostgresStore):
        conn = _owner_connection(desk)
    else:
        conn = sqlite3.connect(desk.store.path)
    try:
        with pytest.raises(refused, match="minutes are approved"):
            conn.execute(CHANGES[change])
        conn.rollback()
    finally:
        conn.close()
    assert desk.store.minute_books() == [FULL]


def test_truncating_approved_books_is_refused(pg_desk):
    desk = pg_desk
    _approved(desk)
    conn = _owner_connection(desk)
    try:
        for statement in ("TRUNCATE minute_books", "TRUNCATE meetings CASCADE"):
            with pytest.raises(psycopg.errors.IntegrityError, match="minutes are approved"):
                conn.execute(statement)
            conn.rollback()
    finally:
        conn.close()
    assert desk.store.minute_books() == [FULL]


@pytest.mark.parametrize("column, value", [
    ("attendance", "'{}'"), ("entries", "'not json'"), ("first_number", "0"),
    ("cancelled", "'  '"), ("correction", "'without an approval'")])
def test_the_register_refuses_a_malformed_book(desk, column, value):
    with pytest.raises(RegisterRefused):
        _sql(desk, f"INSERT INTO minute_books (meeting_id, {column})"
                   f" VALUES ({_meeting_id(NOVEMBER)}, {value})")
    assert desk.store.minute_books() == []


# --- the books travel with the register ---------------------------------------------------


def _books_rows(store: SqliteStore | PostgresStore) -> list[dict[str, Any]]:
    return dict(store.dump().tables)["minute_books"]


def test_transfer_backup_and_restore_carry_the_books(sample_doc, tmp_path, pg_databases):
    clerks = build_desk("sqlite", tmp_path)
    import_dict(clerks, _sample(sample_doc), tmp_path / "sample")
    _approved(clerks)
    _save(clerks, MinuteBook(GROWTH, OCTOBER, attendance=(Attendee("Mr D Ross", "present",
                                                                   chair=True),)))
    books = clerks.store.minute_books()
    rows = _books_rows(clerks.store)
    assert len(rows) == 2
    shared = build_desk("postgresql", tmp_path, url=pg_databases.new())
    restored = None
    try:
        sharing.transfer(shared, clerks.store)
        assert shared.store.minute_books() == books
        # Row for row the same (dates as ISO text, lists as JSON text) on both stores.
        assert _books_rows(shared.store) == rows
        path, _facts = shared.store.backup_to(tmp_path)
        copy = SqliteStore.open(path)
        try:
            assert copy.minute_books() == books
            assert _books_rows(copy) == rows
        finally:
            copy.close()
        url = pg_databases.new()
        PostgresRegisters().restore(url, path)
        restored = build_desk("postgresql", tmp_path, url=url)
        assert restored.store.minute_books() == books
        # Still frozen where it arrived.
        with pytest.raises(RegisterRefused, match="minutes are approved"):
            _save(restored, dataclasses.replace(FULL, entries=()))
        with pytest.raises(RegisterRefused, match="minutes are approved"):
            _sql(restored, CHANGES["delete the meeting"])
    finally:
        shared.close()
        if restored is not None:
            restored.close()
        clerks.close()


def test_only_the_clerk_role_keeps_the_books(pg_desk):
    desk = pg_desk
    _save(desk, DRAFT)
    url = desk.store.url
    with psycopg.connect(url) as clerk:
        assert clerk.execute("SELECT count(*) FROM minute_books").fetchone()[0] == 1
    with psycopg.connect(url.replace("//clerk@", "//reader@")) as reader, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute("SELECT * FROM minute_books")


def test_a_shared_register_made_before_the_minute_books_gets_them_from_init(
        pg_server, monkeypatch):
    """``init`` brings a register an earlier version made up to date: m009 alone, its
    grants as a new register's (m002's grants are those of m002's own tables)."""
    import db.postgres_store as postgres_store

    name = f"older_{id(monkeypatch)}"
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        earlier = tuple(m for m in postgres_store.MIGRATIONS if m[0] != "m009_minute_books")
        monkeypatch.setattr(postgres_store, "MIGRATIONS", earlier)
        PostgresRegisters().init(pg_server.url(name))
        monkeypatch.undo()
        assert PostgresRegisters().init(pg_server.url(name)) == ["m009_minute_books"]
        with psycopg.connect(pg_server.url(name, "clerk")) as clerk:
            assert clerk.execute("SELECT count(*) FROM minute_books").fetchone()[0] == 0
        with psycopg.connect(pg_server.url(name, "reader")) as reader, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("SELECT * FROM minute_books")
    finally:
        with psycopg.connect(pg_server.url(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
