"""A register written out as a register file (SQLite) from its rows: how a shared
register is backed up. The file is made under a temporary name beside its destination,
checked, and only then renamed into place: whole or absent."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from db.sqlite_backup import facts, register_problem
from db.sqlite_store import SqliteStore
from governance.errors import OutputError, StoreError
from governance.files import fsync_folder, remove_stale_parts
from governance.ports import RegisterFacts, RegisterRows


def write_register_file(rows: RegisterRows, destination: Path,
                        stem: str) -> tuple[Path, RegisterFacts]:
    """Write ``rows`` as a new register file at ``destination`` (a file, or a folder to
    put ``STEM-YYYYMMDD-HHMMSS.sqlite`` in)."""
    dest = Path(destination)
    if dest.is_dir():
        dest = dest / f"{stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite"
    if not dest.parent.is_dir():
        raise OutputError(f"{dest.parent}: no such folder (create it first, or give another)")
    remove_stale_parts(dest.parent)
    tmp = dest.parent / f".{dest.name}.{os.getpid():08d}.part"
    tmp.unlink(missing_ok=True)
    try:
        store = SqliteStore.open(tmp)
        try:
            with store.transaction():
                store.load(rows)
            store.db.execute("PRAGMA journal_mode = DELETE")
        finally:
            store.close()
        conn = sqlite3.connect(tmp)
        try:
            problem = register_problem(conn)
            written = facts(conn, tmp)
        finally:
            conn.close()
        if problem:
            raise StoreError(f"the backup written to {dest} failed its check: {problem};"
                             " nothing was written")
        os.replace(tmp, dest)
        fsync_folder(dest.parent)
    except OSError as exc:
        raise OutputError(f"{dest}: the backup could not be written ({exc.strerror});"
                          " nothing was written") from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
    return dest, written
