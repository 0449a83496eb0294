"""Migrations run in the order of their numbers, and a register made by an earlier
release (which declared them m001, m003, m004, m002, m005, m006 and applied them in that
order) opens with nothing to do, or with only what it lacks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db import connection
from db.schema import migrations
from db.sqlite_store import SqliteStore
from governance import decisions, exchange
from governance.errors import RegisterBusy
from tests.conftest import open_desk

#: The order the first releases declared (and so applied) their migrations in.
RELEASED_ORDER = ("m001_register", "m003_meetings", "m004_frozen_record", "m002_documents",
                  "m005_frozen_against_replace", "m006_assessment_documents")
#: Declared since, in number order: what a register of those releases gets on opening.
LATER = ("m009_pathway", "m011_expected_on", "m013_minute_books")
#: Every migration, in the order a register of the first releases ends up applying them.
CURRENT_ORDER = RELEASED_ORDER + LATER


def _schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return {(name, " ".join(sql.split())) for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            " AND name NOT LIKE '_sqlite_migrations%'")}
    finally:
        conn.close()


def _released_register(path: Path, names: tuple[str, ...]) -> None:
    """A register as an earlier release left it: ``names`` applied in that order."""
    by_name = {m.name: m for m in migrations._migrations}
    db = Database(path)
    migrations.ensure_migrations_table(db)
    for name in names:
        with db.atomic():
            by_name[name].fn(db)
            migrations._record_applied(db, name)
    db.close()


def test_migrations_are_declared_in_the_order_of_their_numbers():
    names = [m.name for m in migrations._migrations]
    assert names == sorted(names)
    # Numbers are reserved per branch, so a register may skip one (m009 before m007 is
    # merged): each is m + three digits, used once, in increasing order, m001 first.
    numbers = [int(n[1:4]) for n in names]
    assert all(n[0] == "m" and n[1:4].isdigit() and n[4] == "_" for n in names)
    assert numbers[0] == 1 and numbers == sorted(set(numbers))


def test_a_new_register_gets_every_migration_in_number_order(tmp_path):
    SqliteStore.open(tmp_path / "new.sqlite").close()
    db = Database(tmp_path / "new.sqlite")
    assert [m.name for m in migrations.applied(db)] == sorted(CURRENT_ORDER)
    db.close()


def test_a_register_of_the_last_release_opens_with_nothing_to_migrate(tmp_path):
    old = tmp_path / "old.sqlite"
    _released_register(old, CURRENT_ORDER)
    SqliteStore.open(tmp_path / "new.sqlite").close()
    assert _schema(old) == _schema(tmp_path / "new.sqlite")

    desk = open_desk(old)
    try:
        db = Database(old)
        assert [m.name for m in migrations.applied(db)] == list(CURRENT_ORDER)
        db.close()
        made = decisions.create_decision(desk, "Care home fees 2027-28", year=2026).value
        assert made.number == "26/00001"
        assert decisions.verify_audit(desk)[1] is None
    finally:
        desk.close()


def test_an_older_register_gets_only_the_migrations_it_lacks(tmp_path, sample_doc, write_doc):
    old = tmp_path / "older.sqlite"
    _released_register(old, RELEASED_ORDER[:4])  # before m005 and m006 were written
    desk = open_desk(old)
    try:
        exchange.import_file(desk, write_doc(tmp_path / "in", sample_doc))
        db = Database(old)
        assert [m.name for m in migrations.applied(db)] == list(CURRENT_ORDER)
        db.close()
        # m006's table is there and works: the trail of a kept file verifies.
        assert decisions.decision(desk, "23/00077").is_taken
        assert decisions.verify_audit(desk)[1] is None
    finally:
        desk.close()
    SqliteStore.open(tmp_path / "new.sqlite").close()
    assert _schema(old) == _schema(tmp_path / "new.sqlite")


def test_opening_a_register_takes_the_write_lock_only_to_migrate(tmp_path, monkeypatch):
    """A background read reopening the register while another program writes must not
    wait for its write lock: the migrations are looked for first, and the lock is taken
    only when there are some to apply."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)  # fail fast if it waits
    current = tmp_path / "current.sqlite"
    SqliteStore.open(current).close()
    older = tmp_path / "older.sqlite"
    _released_register(older, RELEASED_ORDER[:4])
    conn = sqlite3.connect(older)
    conn.execute("PRAGMA journal_mode = WAL")  # as the app leaves it
    conn.close()
    holders = [sqlite3.connect(p, isolation_level=None) for p in (current, older)]
    try:
        for holder in holders:
            holder.execute("BEGIN IMMEDIATE")  # another program writing
        for check in (True, False):
            store = SqliteStore.open(current, check=check)
            try:
                assert store.is_empty()
            finally:
                store.close()
        with pytest.raises(RegisterBusy, match="database is locked"):
            SqliteStore.open(older)  # it has migrations to apply: it needs the lock
    finally:
        for holder in holders:
            holder.execute("ROLLBACK")
            holder.close()
    SqliteStore.open(older).close()
    db = Database(older)
    assert [m.name for m in migrations.applied(db)] == list(CURRENT_ORDER)
    db.close()
