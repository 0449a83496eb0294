"""Opening an SQLite register: checks before anything is written, WAL, migrations, and
the one write transaction a use case runs in; and which of SQLite's failures are the
register's or the machine's condition (a user error) rather than a fault.

No sentences here: a failure comes out as one of ``governance.errors``' exceptions
carrying what SQLite said, and is worded there."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from db.schema import migrations
from db.sqlite_copy import backup_before_migrating
from governance.backups import BACKUPS_FOLDER
from governance.errors import (
    RegisterBusy,
    RegisterFull,
    RegisterRefused,
    RegisterUnavailable,
    RegisterUnusable,
    StoreError,
)

log = logging.getLogger(__name__)

#: How long a connection waits for another's write lock before SQLite says "busy".
BUSY_TIMEOUT_SECONDS = 30.0

# --- SQLite's result codes -----------------------------------------------------------------
# Only these are the register's or the machine's condition, which the clerk can act on
# (wait, free some disk, restore a backup, check the file). Everything else SQLite says
# (SQLITE_ERROR: "no such column", a syntax error; MISUSE; RANGE; an error raised by the
# sqlite3 module itself, ProgrammingError or InterfaceError, which carries no code) is a
# fault in Decision Desk and is left to surface with its traceback.

BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
FULL_CODES = frozenset({sqlite3.SQLITE_FULL})
DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT})
NOT_A_DATABASE_CODES = frozenset({sqlite3.SQLITE_NOTADB})
#: The machine refusing or failing the file: a disk error, no permission, read-only.
UNAVAILABLE_CODES = frozenset({sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN,
                               sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM,
                               sqlite3.SQLITE_AUTH})
#: A constraint, or a trigger's RAISE(ABORT, ...): the register's own rules said no.
REFUSED_CODES = frozenset({sqlite3.SQLITE_CONSTRAINT})
CONDITION_CODES = (BUSY_CODES | FULL_CODES | DAMAGED_CODES | NOT_A_DATABASE_CODES
                   | UNAVAILABLE_CODES | REFUSED_CODES)


def primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code for ``exc`` (extended codes folded: IOERR_WRITE is
    IOERR); None for an error that is not SQLite's (raised by the module, or by hand)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_condition(exc: BaseException) -> bool:
    """Whether ``exc`` is the register's or the machine's condition, not a fault."""
    return primary_code(exc) in CONDITION_CODES


def is_damage(exc: BaseException) -> bool:
    """Whether SQLite said the file is damaged or not a database."""
    return primary_code(exc) in DAMAGED_CODES | NOT_A_DATABASE_CODES


def backups_folder(path: Path | str | None) -> Path | None:
    """Where the automatic daily backups of the register file at ``path`` are made."""
    return None if path is None else Path(path).parent / BACKUPS_FOLDER


def _existing_backups(path: Path | str | None) -> Path | None:
    folder = backups_folder(path)
    return folder if folder is not None and folder.is_dir() else None


def failure(exc: BaseException, path: Path | str | None, opening: bool = False
            ) -> StoreError | None:
    """The user error for SQLite's failure ``exc`` on the register at ``path`` when it is
    the register's or the machine's condition; None when it is a fault. ``opening``: the
    register was being opened (a file that cannot be opened is not a usable register)."""
    code = primary_code(exc)
    text = str(exc)
    if code in NOT_A_DATABASE_CODES:
        return RegisterUnusable(path, RegisterUnusable.NOT_A_REGISTER, text)
    if code in DAMAGED_CODES:
        return RegisterUnusable(path, RegisterUnusable.DAMAGED, text, _existing_backups(path))
    if code in BUSY_CODES:
        return RegisterBusy(path, text)
    if code in FULL_CODES:
        return RegisterFull(path, text)
    if code in UNAVAILABLE_CODES:
        if opening:
            return RegisterUnusable(path, RegisterUnusable.CANNOT_OPEN, text)
        return RegisterUnavailable(path, text)
    if code in REFUSED_CODES:
        return RegisterRefused(path, text)
    return None


def connect(path: Path | str | None, check: bool = True) -> Database:
    """Open (creating if needed) a register at ``path``; ``None`` is an in-memory register.

    An existing file is checked first (``PRAGMA quick_check``): a damaged register is
    refused (:class:`~governance.errors.RegisterUnusable`, with where its backups are)
    before anything is written to it. ``check`` False skips that for a second connection
    to a register this process has already opened and checked (a background
    operation's). The write lock is taken only when there are migrations to apply, so
    opening a register another process is writing to does not wait for it.
    A register file an older version made (one with a record of its migrations) is
    copied to its backups folder under that lock before it is migrated, so an upgrade
    that goes wrong loses nothing (``db.sqlite_copy.backup_before_migrating``)."""
    existed = path is not None and Path(path).is_file() and Path(path).stat().st_size > 0
    conn = None
    try:
        if path is None:
            conn = sqlite3.connect(":memory:", timeout=BUSY_TIMEOUT_SECONDS,
                                   check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS,
                                   check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if existed and check:
            check_integrity(conn, path)
        if path is not None:
            _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        db = Database(conn)
        if needs_migrating(db):
            with write_transaction(db):
                if (existed and needs_migrating(db)
                        and db[migrations.migrations_table].exists()):
                    backup_before_migrating(Path(str(path)))
                migrations.apply(db)  # looks again under the lock: another may have done it
    except BaseException as exc:
        if conn is not None:
            conn.close()
        said = failure(exc, path, opening=True)
        if said is None:
            raise
        raise said from exc
    return db


def needs_migrating(db: Database) -> bool:
    """Whether the register lacks a migration (or the record of them needs its newer
    shape): read without a lock."""
    table = db[migrations.migrations_table]
    if not table.exists():
        return True
    return table.pks != ["id"] or bool(migrations.pending(db))


def integrity_problems(conn: sqlite3.Connection, full: bool = False) -> list[str]:
    """SQLite's own check of every page and index: [] when the file is sound.
    ``quick_check`` (the default) skips matching indexes to rows; ``full`` does it too.
    A file too damaged to check (or not a database) gives what SQLite said."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(10)")]
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def check_integrity(conn: sqlite3.Connection, path: Path | str | None, full: bool = False) -> None:
    """Raise :class:`~governance.errors.RegisterUnusable` (the file, what SQLite found, where
    the backups are) if the register's file is damaged or not a database. Run when a
    register is opened, before anything is written."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        problems = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(10)")]
    except sqlite3.DatabaseError as exc:
        code = primary_code(exc)
        if code in NOT_A_DATABASE_CODES:
            raise RegisterUnusable(path, RegisterUnusable.NOT_A_REGISTER, str(exc)) from exc
        if code not in DAMAGED_CODES:
            said = failure(exc, path, opening=True)
            if said is None:
                raise
            raise said from exc
        problems = [str(exc)]  # too damaged to check: what SQLite said is the finding
    if problems != ["ok"]:
        raise RegisterUnusable(path, RegisterUnusable.FAILED_CHECK, problems[0],
                               _existing_backups(path), problems)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL. SQLite does not call the busy handler for this pragma, so when
    several processes open a new register at once it fails with "database is locked": retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if primary_code(exc) not in BUSY_CODES or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One use case, one transaction. BEGIN IMMEDIATE takes the write lock at once, so two
    processes never both read-then-write the same rows; nested calls become savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
