"""Backups of the register: on demand, automatically at start-up, and restoring one.

    python main.py [--db PATH] backup FILE     a copy, safe while the app (or anyone) writes
    python main.py [--db PATH] restore FILE    the current register is kept aside first

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
import re
import shutil
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db import store
from db.files import OutputError, fsync_folder, remove_stale_parts
from db.schema import migrations
from governance.errors import UserError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables every Decision Desk register has had since its first migration.
REQUIRED_TABLES = ("decisions", "decision_parts", "audit", "meetings", "agenda_items",
                   "papers", "paper_files")
#: How many days' automatic backups are kept.
KEEP_DAYS = 7
BACKUPS_FOLDER = "backups"


class BackupError(UserError):
    """A backup that cannot be made, or a file that cannot be restored: says why and what
    to do. Nothing has been changed."""


@dataclass(frozen=True)
class RegisterFacts:
    """What a register file holds, for the messages."""

    decisions: int
    audit_rows: int
    size: int

    def __str__(self) -> str:
        return (f"{self.decisions} decision{'s' if self.decisions != 1 else ''},"
                f" {self.audit_rows} audit rows, {_size(self.size)}")


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"


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
    problems = store.integrity_problems(conn, full=full)
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
        raise store.StoreError(f"no backup was written to {dest}:"
                               f" {store.unusable_message(db_path, exc)}") from None
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
        sound = not store.integrity_problems(conn)
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
        raise store.StoreError(f"{db_path} could not be restored from {source}: {exc}."
                               " The register as it was is kept aside") from None
    finally:
        src.close()
    # Bring an older backup's schema up to date and say in the trail what happened.
    db = store.connect(db_path)
    try:
        with store.write_transaction(db):
            store.audit(db, "register", db_path.name, "restore", None,
                        {"from": str(source), "kept_aside": str(aside) if aside else None,
                         "decisions": restored.decisions})
    finally:
        db.close()
    return aside, restored


def _copy_in(src: sqlite3.Connection, db_path: Path) -> None:
    """Copy ``src`` over the register: through SQLite when the current file is sound (so
    other connections see the change), else by replacing the file."""
    dest = None
    try:
        dest = sqlite3.connect(str(db_path), timeout=30)
        if store.integrity_problems(dest):
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


# --- automatic backups ------------------------------------------------------------------


def _dated(backups_dir: Path, stem: str) -> dict[dt.date, Path]:
    pattern = re.compile(rf"^{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.sqlite$")
    out: dict[dt.date, Path] = {}
    for p in backups_dir.iterdir() if backups_dir.is_dir() else []:
        m = pattern.match(p.name)
        if m:
            try:
                out[dt.date.fromisoformat(m.group(1))] = p
            except ValueError:
                continue
    return out


def automatic_backup(
    db_path: Path, backups_dir: Path, today: dt.date, keep: int = KEEP_DAYS,
) -> Path | None:
    """The day's backup of the register, made the first time it is opened that day
    (``STEM-YYYY-MM-DD.sqlite`` in ``backups_dir``); the newest ``keep`` days' are kept
    (days the register was used: a fortnight's leave does not leave only today's).

    Never stops the app: a failure is logged as a warning and the backups already made are
    left alone. Returns the backup written, or None."""
    db_path, backups_dir = Path(db_path), Path(backups_dir)
    try:
        if not db_path.is_file() or db_path.stat().st_size == 0:
            return None
        backups_dir.mkdir(parents=True, exist_ok=True)
        existing = _dated(backups_dir, db_path.stem)
        written = None
        if today not in existing:
            written, _ = backup(db_path, backups_dir / f"{db_path.stem}-{today.isoformat()}.sqlite")
            existing[today] = written
        for day in sorted(existing, reverse=True)[keep:]:
            existing[day].unlink(missing_ok=True)
        return written
    except (UserError, OSError, sqlite3.Error, store.StoreError) as exc:
        log.warning("the automatic backup of %s was not made: %s", db_path, exc)
        return None


# --- the commands -----------------------------------------------------------------------


def cmd_backup(register: Any, args: Any) -> int:
    if register.path is None:
        raise BackupError("an in-memory register cannot be backed up")
    dest, copied = backup(register.path, args.file)
    print(f"Backed up {register.path} to {dest} ({copied}).")
    return 0


def cmd_restore(register: Any, args: Any) -> int:
    path = register.path
    if path is None:
        raise BackupError("an in-memory register cannot be restored into")
    register.close()  # this process lets go of the file; others see the restored register
    return restore_command(path, args.file)


def restore_command(db_path: Path, source: Path) -> int:
    """``restore`` without opening the register first: it works on a damaged one too."""
    aside, restored = restore(Path(db_path), Path(source))
    kept = f" The register as it was is kept in {aside}." if aside else ""
    print(f"Restored {db_path} from {source} ({restored}).{kept}")
    return 0
