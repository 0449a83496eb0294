"""Copying an SQLite register file with SQLite's online backup API, as one file written
under a temporary name and renamed into place (``db.sqlite_backup`` for ``backup`` and
``restore``); and the copy of a register an older version made, taken before its schema
is brought up to date (``db.connection`` opens registers and migrates them).

No sentences here: a copy that cannot be written is ``governance.backups``'
BackupNotWritten."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from governance.backups import BACKUPS_FOLDER, BackupNotWritten
from governance.files import fsync_folder, remove_stale_parts

log = logging.getLogger(__name__)


def temporary(folder: Path, name: str) -> Path:
    """A temporary file name beside the destination, which ``remove_stale_parts`` clears
    away if this process is killed before renaming it."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise BackupNotWritten(folder / name, BackupNotWritten.CANNOT_WRITE_HERE,
                               exc.strerror) from None
    os.close(fd)
    return Path(tmp)


def copy_database(source: sqlite3.Connection, target: Path, like: Path | None = None) -> None:
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


def backup_before_migrating(db_path: Path) -> Path:
    """Copy a register an older version made aside before its schema is brought up to
    date: ``backups/STEM-before-migrating-YYYYMMDD-HHMMSS.sqlite`` beside it. Called while
    the connection that migrates it holds the write lock (nothing changes it in between;
    WAL lets this reader in). The daily backups' pruning leaves it alone. Refused
    (BackupNotWritten) if it cannot be written: then the register is not migrated
    either."""
    db_path = Path(db_path)
    folder = db_path.parent / BACKUPS_FOLDER
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{db_path.stem}-before-migrating-{stamp}.sqlite"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackupNotWritten(folder, BackupNotWritten.CANNOT_WRITE_HERE, exc.strerror) \
            from None
    remove_stale_parts(folder)
    tmp = temporary(folder, dest.name)
    try:
        source = sqlite3.connect(str(db_path), timeout=30)
        try:
            copy_database(source, tmp, like=db_path)
        finally:
            source.close()
        os.replace(tmp, dest)
        fsync_folder(folder)
    except OSError as exc:
        raise BackupNotWritten(dest, BackupNotWritten.FAILED, exc.strerror) from None
    finally:
        tmp.unlink(missing_ok=True)
    log.info("backed up %s to %s before bringing its schema up to date", db_path, dest)
    return dest
