"""Opening an SQLite register: checks before anything is written, WAL, migrations, and
the one write transaction a use case runs in."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from db.schema import migrations
from governance.errors import StoreError

log = logging.getLogger(__name__)

def connect(path: Path | str | None, check: bool = True) -> Database:
    """Open (creating if needed) a register at ``path``; ``None`` is an in-memory register.

    An existing file is checked first (``PRAGMA quick_check``): a damaged register is
    refused with a :class:`StoreError` saying how to restore a backup, before anything
    is written to it. ``check`` False skips that for a second connection to a register
    this process has already opened and checked (a background operation's)."""
    existed = path is not None and Path(path).is_file() and Path(path).stat().st_size > 0
    try:
        if path is None:
            conn = sqlite3.connect(":memory:", timeout=30, check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        if existed and check:
            try:
                check_integrity(conn, path)
            except StoreError:
                conn.close()
                raise
        if path is not None:
            _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        db = Database(conn)
        with write_transaction(db):
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(unusable_message(path, exc)) from None
    return db


#: What SQLite says about a file that is not a database at all.
_NOT_A_DATABASE = ("file is not a database", "file is encrypted")
#: What it says about a database whose pages are damaged.
_DAMAGED = ("malformed", "corrupt")


def restore_advice(path: Path | str | None) -> str:
    """What to do about a register that cannot be used: restore a backup (and where)."""
    where = ""
    if path is not None:
        backups = Path(path).parent / "backups"
        if backups.is_dir():
            where = f" (the automatic daily backups are in {backups})"
    return (f"restore the most recent backup with `python main.py --db {path} restore"
            f" BACKUP`{where}; the damaged file is kept aside, not deleted")


def unusable_message(path: Path | str | None, exc: BaseException) -> str:
    text = str(exc)
    if any(m in text for m in _NOT_A_DATABASE):
        return (f"{path} is not a Decision Desk register (it is not an SQLite database):"
                " check the file name given to --db")
    if any(m in text for m in _DAMAGED):
        return f"{path} is damaged ({text}): {restore_advice(path)}"
    return f"{path}: not a usable Decision Desk register ({text})"


def integrity_problems(conn: sqlite3.Connection, full: bool = False) -> list[str]:
    """SQLite's own check of every page and index: [] when the file is sound.
    ``quick_check`` (the default) skips matching indexes to rows; ``full`` does it too."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(10)")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def check_integrity(conn: sqlite3.Connection, path: Path | str | None, full: bool = False) -> None:
    """Raise :class:`StoreError` naming the file, what SQLite found and what to do, if the
    register's file is damaged. Run when a register is opened, before anything is written."""
    problems = integrity_problems(conn, full)
    if not problems:
        return
    if any(m in problems[0] for m in _NOT_A_DATABASE):
        raise StoreError(unusable_message(path, sqlite3.DatabaseError(problems[0])))
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    raise StoreError(f"{path} is damaged: SQLite's integrity check found \"{problems[0]}\""
                     f"{more}. Nothing has been changed. To carry on, {restore_advice(path)}")


def _use_wal(conn: sqlite3.Connection, timeout: float = 30.0) -> None:
    """Switch the file to WAL. SQLite does not call the busy handler for this pragma, so when
    several processes open a new register at once it fails with "database is locked": retry."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
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
