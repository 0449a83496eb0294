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
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

from db import connection
from db.schema import migrations
from governance.backups import BackupError
from governance.errors import OutputError, StoreError
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


def register_problem(conn: sqlite3.Connection, full: bool = True) -> str | None:
    """Why the database behind ``conn`` is not a sound Decision Desk register this version
    can open, or None."""
    problems = connection.integrity_problems(conn, full=full)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"it is damaged: SQLite's integrity check found \"{problems[0]}\"{more}"
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if migrations.migrations_table not in tables:
            return ("it is an SQLite database but not a Decision Desk register (it has no"
                    " record of Decision Desk's migrations)")
        applied = [r[0] for r in conn.execute(
            f"SELECT name FROM {migrations.migrations_table} WHERE migration_set = ?"
            " ORDER BY rowid", [migrations.name])]
    except sqlite3.DatabaseError as exc:
        return f"it cannot be read ({exc})"
    if not applied:
        return ("it is an SQLite database but not a Decision Desk register (its migrations"
                " are another program's)")
    known = {m.name for m in migrations._migrations}
    newer = [name for name in applied if name not in known]
    if newer:
        return (f"it was made by a newer version of Decision Desk (it has migration"
                f" {newer[0]}, which this version does not know): update Decision Desk first")
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        return f"it is not a complete Decision Desk register (no {missing[0]} table)"
    return None


def facts(conn: sqlite3.Connection, path: Path) -> RegisterFacts:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return RegisterFacts(one("SELECT count(*) FROM decisions"), one("SELECT count(*) FROM audit"),
                         path.stat().st_size if path.exists() else 0)


def _check_file(path: Path) -> None:
    """Refuse, with the reason, a file that cannot be a register before opening it."""
    if not path.exists():
        raise BackupError(f"{path}: no such file")
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the backup file itself")
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(f"{path} cannot be read ({exc.strerror})") from None
    if head != SQLITE_HEADER:
        what = "it is empty" if not head else "it is not an SQLite database"
        raise BackupError(f"{path} is not a Decision Desk register ({what}): nothing was"
                          " restored; give a backup made by `backup` or an automatic one")


# --- backup -----------------------------------------------------------------------------


def _temporary(folder: Path, name: str) -> Path:
    """A temporary file name beside the destination, which ``remove_stale_parts`` clears
    away if this process is killed before renaming it."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder / name}: cannot write here ({exc.strerror})") from None
    os.close(fd)
    return Path(tmp)


def _copy_database(source: sqlite3.Connection, target: Path, like: Path | None = None) -> None:
    """The online backup of ``source`` into the (empty) file ``target``, as one file with
    the permissions of ``like`` (the register: a backup is as private as the register)."""
    if like is not None:
        try:
            os.chmod(target, stat.S_IMODE(like.stat().st_mode))
        except OSError:
            pass
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)  # all pages in one step: one consistent read transaction
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.commit()
    finally:
        dest.close()
    with open(target, "rb+") as f:
        os.fsync(f.fileno())


def backup(db_path: Path, dest: Path) -> tuple[Path, RegisterFacts]:
    """Copy the register at ``db_path`` to ``dest`` (a file, or a folder to put a dated file
    in), safely while other processes use it. Returns the file written and what it holds."""
    db_path, dest = Path(db_path), Path(dest)
    if dest.is_dir():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = dest / f"{db_path.stem}-{stamp}.sqlite"
    if _same_file(dest, db_path) or dest.name in (f"{db_path.name}-wal", f"{db_path.name}-shm"):
        raise BackupError(f"{dest} is the register itself: give another file for the backup")
    if not dest.parent.is_dir():
        raise OutputError(f"{dest.parent}: no such folder (create it first, or give another)")
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
            problem = register_problem(check)
            copied = facts(check, tmp)
        finally:
            check.close()
        if problem:
            raise BackupError(f"the copy of {db_path} failed its check: {problem}. The register"
                              f" itself may be damaged: run `python main.py --db {db_path}"
                              f" audit verify`; nothing was written to {dest}")
        os.replace(tmp, dest)
        fsync_folder(dest.parent)
    except sqlite3.Error as exc:
        if exc.sqlite_errorcode == sqlite3.SQLITE_FULL:  # the copy, the one file written
            raise OutputError(f"{dest}: the backup could not be written (the disk is full);"
                              " nothing was written") from None
        raise StoreError(f"no backup was written to {dest}:"
                               f" {connection.unusable_message(db_path, exc)}") from None
    except OSError as exc:
        raise OutputError(f"{dest}: the backup could not be written ({exc.strerror});"
                          " nothing was written") from None
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
    except sqlite3.Error:
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
        raise OutputError(f"{aside}: the current register could not be kept aside"
                          f" ({exc.strerror}); nothing was restored") from None
    return aside


def restore(db_path: Path, source: Path) -> tuple[Path | None, RegisterFacts]:
    """Replace the register at ``db_path`` with the backup ``source``. Refuses (BackupError)
    a file that is not a sound Decision Desk register, before changing anything. Returns
    where the previous register was kept (None if there was none) and what was restored."""
    db_path, source = Path(db_path), Path(source)
    _check_file(source)
    if db_path.exists() and _same_file(source, db_path):
        raise BackupError(f"{source} is the register itself: give a backup file")
    try:
        src = _connect(source)
    except sqlite3.Error as exc:
        raise BackupError(f"{source} cannot be opened ({exc}): nothing was restored") from None
    try:
        problem = register_problem(src)
        if problem:
            older = " Try an older backup." if problem.startswith("it is damaged") else ""
            raise BackupError(f"{source} cannot be restored: {problem}. Nothing was"
                              f" changed.{older}")
        restored = facts(src, source)
        aside = _keep_aside(db_path) if db_path.exists() and db_path.stat().st_size else None
        _copy_in(src, db_path)
    except sqlite3.Error as exc:
        raise StoreError(f"{db_path} could not be restored from {source}: {exc}."
                               " The register as it was is kept aside") from None
    finally:
        src.close()
    return aside, restored


def _copy_in(src: sqlite3.Connection, db_path: Path) -> None:
    """Copy ``src`` over the register: through SQLite when the current file is sound (so
    other connections see the change), else by replacing the file."""
    dest = None
    try:
        dest = sqlite3.connect(str(db_path), timeout=30)
        if connection.integrity_problems(dest):
            raise sqlite3.DatabaseError("damaged")
        src.backup(dest)
        dest.close()
        return
    except sqlite3.DatabaseError:
        if dest is not None:
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
