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
    """Open (creating if needed) a register at ``path``; ``None`` is an in-memory register."""
    try:
        if path is None:
            conn = sqlite3.connect(":memory:", timeout=30, check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        if path is not None:
            _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        db = Database(conn)
        with write_transaction(db):
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable Decision Desk register ({exc})") from None
    return db


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
    return count, None, None
