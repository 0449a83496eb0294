"""Opening a register database, transactions and the append-only, hash-chained audit trail."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.schema import migrations

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64


class StoreError(Exception):
    """The database cannot be used (not a register, damaged, locked)."""


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name on this machine (e.g. a container without passwd)
        return "unknown"


def connect(path: Path | str | None) -> Database:
    """Open (creating if needed) a register at ``path``; ``None`` is an in-memory register.

    An existing file is checked first (``PRAGMA quick_check``): a damaged register is
    refused with a :class:`StoreError` saying how to restore a backup, before anything
    is written to it."""
    existed = path is not None and Path(path).is_file() and Path(path).stat().st_size > 0
    try:
        if path is None:
            conn = sqlite3.connect(":memory:", timeout=30, check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        if existed:
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


def _row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    payload = json.dumps(
        [prev_hash, row["at"], row["os_user"], row["entity"], row["entity_key"],
         row["action"], row["before"], row["after"]],
        ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def audit(
    db: Database, entity: str, key: str, action: str,
    before: dict | None, after: dict | None, user: str | None = None,
) -> None:
    """Append an audit row chained to the one before it. Call inside the use case's
    transaction so the row and the change commit together."""
    assert db.conn.in_transaction, "audit rows belong to a use case's transaction"
    last = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    row = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "os_user": user or os_user(),
        "entity": entity,
        "entity_key": key,
        "action": action,
        "before": None if before is None else json.dumps(before, ensure_ascii=False),
        "after": None if after is None else json.dumps(after, ensure_ascii=False),
    }
    prev = last[0] if last else GENESIS_HASH
    row["prev_hash"] = prev
    row["hash"] = _row_hash(prev, row)
    db.execute(
        "INSERT INTO audit (at, os_user, entity, entity_key, action, before, after,"
        " prev_hash, hash) VALUES (:at, :os_user, :entity, :entity_key, :action, :before,"
        " :after, :prev_hash, :hash)", row)


def verify_audit_chain(db: Database) -> tuple[int, int | None, str | None]:
    """Walk the chain: (rows checked, id of the first broken row or None, why)."""
    prev = GENESIS_HASH
    count = 0
    last_id = 0
    cursor = db.execute("SELECT id, at, os_user, entity, entity_key, action, before, after,"
                        " prev_hash, hash FROM audit ORDER BY id")
    keys = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(keys, values))
        count += 1
        if row["prev_hash"] != prev:
            return count, row["id"], "its link to the row before does not match"
        if _row_hash(prev, row) != row["hash"]:
            return count, row["id"], "its content does not match its hash"
        prev = row["hash"]
        last_id = row["id"]
    # AUTOINCREMENT remembers the highest id ever used: rows cut off the end show there.
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    if seq is not None and seq[0] > last_id:
        return count, last_id + 1, (f"rows {last_id + 1} to {seq[0]} were removed from the end"
                                    " of the trail")
    return count, None, None


def verify_records(
    db: Database, current: dict[str, dict[str, Any]],
) -> tuple[int | None, str | None]:
    """Compare each decision (``current``: number -> the snapshot the audit rows hold) with
    the ``after`` of its last audit row: a difference was made outside the app, past the
    triggers. Returns (audit row id, why) for the first difference, or (None, None)."""
    cursor = db.execute("SELECT entity_key, after, max(id) FROM audit WHERE entity = 'decision'"
                        " GROUP BY entity_key ORDER BY max(id)")
    audited: dict[str, tuple[int, dict[str, Any] | None]] = {}
    for key, after, row_id in cursor:
        try:
            audited[key] = (row_id, None if after is None else json.loads(after))
        except ValueError:
            return row_id, f"its record of decision {key} is not readable"
    for number, (row_id, after) in audited.items():
        now = current.get(number)
        if now is None and after is not None:
            return row_id, f"decision {number} has been deleted from the register outside the app"
        if now is not None and after != now:
            fields = [k for k in {**now, **(after or {})} if (after or {}).get(k) != now.get(k)]
            return row_id, (f"decision {number} no longer matches it: {', '.join(fields)}"
                            " changed outside the app")
    extra = sorted(set(current) - set(audited))
    if extra:
        last = db.execute("SELECT max(id) FROM audit").fetchone()[0] or 0
        return last, f"decision {extra[0]} was added to the register outside the app"
    return None, None
