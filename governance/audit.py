"""The append-only, hash-chained audit trail: how a row is made and how the chain, the
decisions and the kept files are checked against it.

Each row's hash covers the row and the hash of the row before, so a row changed,
removed or slipped in breaks the chain. The store keeps the rows; the rules are here.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

GENESIS_HASH = "0" * 64

#: The audit entity for kept Records of Decision (signed, or scans), keyed by decision
#: number. Not "decision": those rows hold the record's own snapshot, which is checked.
RECORD_DOCUMENT = "record_document"
#: The audit entity for attached EqIA and DPIA documents.
ASSESSMENT_DOCUMENT = "assessment_document"


@dataclass(frozen=True)
class AuditRow:
    at: str
    os_user: str
    entity: str
    entity_key: str
    action: str
    #: JSON text, or None.
    before: str | None
    after: str | None
    prev_hash: str
    hash: str
    id: int | None = None

    def __getitem__(self, key: str) -> Any:  # rows read like the dicts they were
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def before_json(self) -> dict[str, Any]:
        return json.loads(self.before) if self.before else {}

    def after_json(self) -> dict[str, Any]:
        return json.loads(self.after) if self.after else {}


@dataclass(frozen=True)
class KeptFile:
    """A kept file with its bytes, as the audit check reads it: ``entity`` is the audit
    entity that recorded it (signed records and scans, or assessment documents)."""

    entity: str
    id: int
    decision_number: str
    kind: str
    file_name: str | None
    sha256: str
    content: bytes | None = field(repr=False)


class AuditLog(Protocol):
    """What :func:`record` needs of the store."""

    def last_audit_hash(self) -> str | None: ...
    def append_audit(self, row: AuditRow) -> None: ...


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without passwd)
        return "unknown"


def row_hash(prev_hash: str, at: str, user: str, entity: str, key: str, action: str,
             before: str | None, after: str | None) -> str:
    payload = json.dumps([prev_hash, at, user, entity, key, action, before, after],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(store: AuditLog, entity: str, key: str, action: str, before: Mapping | None,
           after: Mapping | None, user: str | None = None) -> AuditRow:
    """Append a row chained to the one before it. Call inside the use case's transaction,
    so the row and the change commit together."""
    prev = store.last_audit_hash() or GENESIS_HASH
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    who = user or os_user()
    before_text = None if before is None else json.dumps(before, ensure_ascii=False)
    after_text = None if after is None else json.dumps(after, ensure_ascii=False)
    row = AuditRow(at, who, entity, key, action, before_text, after_text, prev,
                   row_hash(prev, at, who, entity, key, action, before_text, after_text))
    store.append_audit(row)
    return row


def verify_chain(rows: Iterable[AuditRow], high_water: int) -> tuple[int, int | None, str | None]:
    """Walk the chain: (rows checked, id of the first broken row or None, why)."""
    prev = GENESIS_HASH
    count = 0
    last_id = 0
    for row in rows:
        count += 1
        if row.prev_hash != prev:
            return count, row.id, "its link to the row before does not match"
        if row_hash(prev, row.at, row.os_user, row.entity, row.entity_key, row.action,
                    row.before, row.after) != row.hash:
            return count, row.id, "its content does not match its hash"
        prev = row.hash
        last_id = row.id or last_id
    if high_water > last_id:
        return count, last_id + 1, (f"rows {last_id + 1} to {high_water} were removed from"
                                    " the end of the trail")
    return count, None, None


def verify_records(rows: Iterable[AuditRow], current: Mapping[str, dict[str, Any]],
                   last_id: int) -> tuple[int | None, str | None]:
    """Each decision (``current``: number -> its snapshot) against the ``after`` of its
    last audit row: a difference was made outside the app. (row id, why) or (None, None)."""
    audited: dict[str, tuple[int, dict[str, Any] | None]] = {}
    for row in rows:
        if row.entity != "decision":
            continue
        try:
            audited.pop(row.entity_key, None)
            audited[row.entity_key] = (row.id or 0,
                                       None if row.after is None else json.loads(row.after))
        except ValueError:
            return row.id, f"its record of decision {row.entity_key} is not readable"
    for number, (row_id, after) in sorted(audited.items(), key=lambda kv: kv[1][0]):
        now = current.get(number)
        if now is None and after is not None:
            return row_id, f"decision {number} has been deleted from the register outside the app"
        if now is not None and after != now:
            fields = [k for k in {**now, **(after or {})} if (after or {}).get(k) != now.get(k)]
            return row_id, (f"decision {number} no longer matches it: {', '.join(fields)}"
                            " changed outside the app")
    extra = sorted(set(current) - set(audited))
    if extra:
        return last_id, f"decision {extra[0]} was added to the register outside the app"
    return None, None


#: Kept files' kinds in words, for messages and the decision's history.
KIND_WORDS = {"signed_record": "signed Record of Decision",
              "scan": "scan of the paper-signed Record of Decision",
              "eqia": "EqIA document", "dpia": "DPIA document"}


def verify_kept_files(rows: Iterable[AuditRow], kept: Iterable[KeptFile],
                      last_id: int) -> tuple[int | None, str | None]:
    """Every kept file against the hash it was kept with and the audit row that recorded
    it: (audit row id, why) for the first that differs (changed, added or deleted outside
    the app), or (None, None)."""
    audited: dict[tuple[str, str, str], list[int]] = {}
    for row in rows:
        if row.entity not in (RECORD_DOCUMENT, ASSESSMENT_DOCUMENT):
            continue
        try:
            facts = json.loads(row.after) if row.after else {}
        except ValueError:
            return row.id, f"its record of a file kept for {row.entity_key} is not readable"
        audited.setdefault((row.entity, row.entity_key, facts.get("sha256", "")),
                           []).append(row.id or 0)
    for f in kept:
        what = f"the {KIND_WORDS[f.kind]} {f.file_name or ''} of {f.decision_number}"
        what = what.replace("  ", " ")
        found = audited.get((f.entity, f.decision_number, f.sha256))
        if not found:
            return last_id, f"{what} was added to the register outside the app"
        row_id = found.pop(0)
        if f.content is not None and hashlib.sha256(f.content).hexdigest() != f.sha256:
            return row_id, (f"{what} no longer matches the SHA-256 it was kept with: its"
                            " content was changed outside the app")
    for (_entity, number, sha256), left in audited.items():
        if left:
            return left[0], (f"a file kept for {number} (SHA-256 {sha256[:16]}…) has been"
                             " deleted from the register outside the app")
    return None, None


#: The council's own clock: the register keeps times in UTC; people read them in this zone.
COUNCIL_TIME_ZONE = "Europe/London"


def _council_zone() -> dt.tzinfo:
    try:
        return ZoneInfo(COUNCIL_TIME_ZONE)
    except ZoneInfoNotFoundError:  # no time zone database (tzdata is a dependency)
        return dt.UTC


def local_time(at: str, seconds: bool = True) -> str:
    """A time the register keeps (ISO 8601, UTC) as the council reads it:
    ``3 Jul 2026 14:05:09 BST`` (Europe/London: GMT in winter, BST in summer)."""
    try:
        when = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    local = when.astimezone(_council_zone())
    clock = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return f"{local.day} {local:%b %Y} {clock} {local.tzname()}"
