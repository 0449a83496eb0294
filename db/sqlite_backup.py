"""Backing up and restoring an SQLite register file (the store's half of ``backup`` and
``restore``; when and where backups are made is ``governance.backups``').

A backup is taken with SQLite's online backup API in one step, inside one read
transaction: in WAL mode writers carry on meanwhile and the copy is the register as it
was at one moment. The copy is written beside its destination under a temporary name,
checked (``integrity_check``, a Decision Desk register) and only then renamed into place,
so a backup file is whole or absent. It is a single file (rollback journal, not WAL).

A restore refuses anything that is not a sound Decision Desk register this version can
open, before it touches the current one; then keeps the current register aside as
``NAME.before-restore-YYYYMMDD-HHMMSS`` and copies the backup in with the same API, so
other processes with the register open see the restored register, not a stale file.

No sentences here: refusals are ``governance.backups``' exceptions carrying the paths and
what was found, worded there. Only what SQLite reports as the register's or the
machine's condition (``db.connection.failure``) becomes a refusal; anything else is a
fault and surfaces with its traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from db import connection
from db.schema import migrations
from db.sqlite_copy import copy_database as _copy_database
from db.sqlite_copy import temporary as _temporary
from governance.backups import (
    BackupFailed,
    BackupNotWritten,
    BackupRefused,
    RestoreFailed,
    RestoreRefused,
)
from governance.errors import RegisterUnusable
from governance.files import fsync_folder, remove_stale_parts
from governance.ports import RegisterFacts

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables every Decision Desk register has had since its first migration.
REQUIRED_TABLES = ("decisions", "decision_parts", "audit", "meetings", "agenda_items",
                   "papers", "paper_files")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _connect(path: Path) -> sqlite3.Connection:
    """A plain connection: it only reads (a WAL file needs its -shm, so not mode=ro)."""
    return sqlite3.connect(str(path), timeout=30)


# --- what a register file is ------------------------------------------------------------


def register_problem(conn: sqlite3.Connection, full: bool = True,
                     location: Path | str | None = None) -> RegisterUnusable | None:
    """Why the database behind ``conn`` (at ``location``) is not a sound Decision Desk
    register this version can open, or None."""
    problems = connection.integrity_problems(conn, full=full)
    if problems:
        return RegisterUnusable(location, RegisterUnusable.FAILED_CHECK, problems[0],
                                problems=problems)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if migrations.migrations_table not in tables:
            return RegisterUnusable(location, RegisterUnusable.FOREIGN)
        applied = [r[0] for r in conn.execute(
            f"SELECT name FROM {migrations.migrations_table} WHERE migration_set = ?"
            " ORDER BY rowid", [migrations.name])]
    except sqlite3.DatabaseError as exc:
        # Another program's file may have a table of that name in another shape: what
        # SQLite says about reading it is a finding about the file, not a fault.
        return RegisterUnusable(location, RegisterUnusable.UNREADABLE, str(exc))
    if not applied:
        return RegisterUnusable(location, RegisterUnusable.OTHER_PROGRAM)
    known = {m.name for m in migrations._migrations}
    newer = [name for name in applied if name not in known]
    if newer:
        return RegisterUnusable(location, RegisterUnusable.NEWER, newer[0])
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        return RegisterUnusable(location, RegisterUnusable.INCOMPLETE, missing[0])
    return None


def facts(conn: sqlite3.Connection, path: Path) -> RegisterFacts:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return RegisterFacts(one("SELECT count(*) FROM decisions"), one("SELECT count(*) FROM audit"),
                         path.stat().st_size if path.exists() else 0)


def _check_file(path: Path) -> None:
    """Refuse, with the reason, a file that cannot be a register before opening it."""
    if not path.exists():
        raise RestoreRefused(path, RestoreRefused.MISSING)
    if path.is_dir():
        raise RestoreRefused(path, RestoreRefused.FOLDER)
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise RestoreRefused(path, RestoreRefused.UNREADABLE, exc.strerror) from None
    if head != SQLITE_HEADER:
        raise RestoreRefused(path, RestoreRefused.NOT_SQLITE if head else RestoreRefused.EMPTY)


# --- backup -----------------------------------------------------------------------------


def backup(db_path: Path, dest: Path) -> tuple[Path, RegisterFacts]:
    """Copy the register at ``db_path`` to ``dest`` (a file, or a folder to put a dated file
    in), safely while other processes use it. Returns the file written and what it holds."""
    db_path, dest = Path(db_path), Path(dest)
    if dest.is_dir():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = dest / f"{db_path.stem}-{stamp}.sqlite"
    if _same_file(dest, db_path) or dest.name in (f"{db_path.name}-wal", f"{db_path.name}-shm"):
        raise BackupRefused(db_path, dest, BackupRefused.THE_REGISTER)
    if not dest.parent.is_dir():
        raise BackupNotWritten(dest.parent, BackupNotWritten.NO_FOLDER)
    remove_stale_parts(dest.parent)
    tmp = _temporary(dest.parent, dest.name)
    try:
        source = _connect(db_path)
        try:
            _copy_database(source, tmp, like=db_path)
        finally:
            source.close()
        check = _connect(tmp)
        try:
            problem = register_problem(check, location=tmp)
            if problem:
                raise BackupRefused(db_path, dest, BackupRefused.FAILED_CHECK, problem)
            copied = facts(check, tmp)
        finally:
            check.close()
        os.replace(tmp, dest)
        fsync_folder(dest.parent)
    except sqlite3.Error as exc:
        if connection.primary_code(exc) in connection.FULL_CODES:  # the copy: the one file written
            raise BackupNotWritten(dest, BackupNotWritten.DISK_FULL) from None
        said = connection.failure(exc, db_path, opening=True)
        if said is None:
            raise
        raise BackupFailed(dest, said) from exc
    except OSError as exc:
        raise BackupNotWritten(dest, BackupNotWritten.FAILED, exc.strerror) from None
    finally:
        tmp.unlink(missing_ok=True)
    return dest, copied


# --- restore ----------------------------------------------------------------------------


def aside_name(db_path: Path, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{n}")
    return aside


def _keep_aside(db_path: Path) -> Path:
    """Copy the current register aside: an online backup if it is sound (it may be in use),
    its files exactly as they are if it is damaged."""
    aside = aside_name(db_path)
    conn = None
    try:
        conn = _connect(db_path)
        sound = not connection.integrity_problems(conn)
    except sqlite3.DatabaseError as exc:
        if not connection.is_damage(exc):
            raise
        sound = False
    finally:
        if conn is not None:
            conn.close()
    if sound:
        backup(db_path, aside)
        return aside
    try:
        shutil.copy2(db_path, aside)
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            shutil.copy2(wal, Path(f"{aside}-wal"))
    except OSError as exc:
        raise BackupNotWritten(aside, BackupNotWritten.NOT_KEPT_ASIDE, exc.strerror) from None
    return aside


def restore(db_path: Path, source: Path) -> tuple[Path | None, RegisterFacts]:
    """Replace the register at ``db_path`` with the backup ``source``. Refuses (BackupError)
    a file that is not a sound Decision Desk register, before changing anything. Returns
    where the previous register was kept (None if there was none) and what was restored."""
    db_path, source = Path(db_path), Path(source)
    _check_file(source)
    if db_path.exists() and _same_file(source, db_path):
        raise RestoreRefused(source, RestoreRefused.THE_REGISTER)
    try:
        src = _connect(source)
    except sqlite3.Error as exc:
        if not connection.is_condition(exc):
            raise
        raise RestoreRefused(source, RestoreRefused.CANNOT_OPEN, str(exc)) from None
    try:
        problem = register_problem(src, location=source)
        if problem:
            raise RestoreRefused(source, RestoreRefused.UNSOUND, problem=problem)
        restored = facts(src, source)
        aside = _keep_aside(db_path) if db_path.exists() and db_path.stat().st_size else None
        _copy_in(src, db_path)
    except sqlite3.Error as exc:
        if not connection.is_condition(exc):
            raise
        raise RestoreFailed(db_path, source, str(exc)) from exc
    except OSError as exc:
        raise RestoreFailed(db_path, source, exc.strerror or str(exc)) from exc
    finally:
        src.close()
    return aside, restored


def _copy_in(src: sqlite3.Connection, db_path: Path) -> None:
    """Copy ``src`` over the register: through SQLite when the current file is sound (so
    other connections see the change), else by replacing the file."""
    dest = sqlite3.connect(str(db_path), timeout=connection.BUSY_TIMEOUT_SECONDS)
    try:
        sound = not connection.integrity_problems(dest)
        if sound:
            src.backup(dest)
            return
    except sqlite3.DatabaseError as exc:
        if not connection.is_damage(exc):
            raise
    finally:
        dest.close()
    tmp = _temporary(db_path.parent, db_path.name)
    try:
        _copy_database(src, tmp, like=db_path)
        for extra in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            extra.unlink(missing_ok=True)  # the damaged file's log must not be replayed
        os.replace(tmp, db_path)
        fsync_folder(db_path.parent)
    finally:
        tmp.unlink(missing_ok=True)
