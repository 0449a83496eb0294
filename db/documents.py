"""Records of Decision as files: the signed PDFs and the scans of paper-signed records the
register keeps, each with its SHA-256, and what the documents need to read (posts, the
agendas a decision appears on). All SQL of document production is here.

Each kept file is evidence: rows are append-only (triggers refuse UPDATE and DELETE), and
each one is recorded in the audit trail in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db import store
from governance.errors import UserError
from governance.model import Post

#: What a kept file is: a digitally signed Record of Decision, or the scan of a record
#: signed on paper.
KINDS = ("signed_record", "scan")
#: The assessments a document can be attached to: Equality, Data Protection.
ASSESSMENTS = ("eqia", "dpia")
#: Kinds and assessments in words, for messages and the decision's history.
KIND_WORDS = {"signed_record": "signed Record of Decision",
               "scan": "scan of the paper-signed Record of Decision",
               "eqia": "EqIA document", "dpia": "DPIA document"}
#: Largest assessment document accepted (an EqIA with appendices is a few MB).
MAX_ASSESSMENT_BYTES = 50 * 1024 * 1024
#: The audit trail's entity for kept files (keyed by decision number). Not "decision":
#: those rows hold the record's own snapshot, which the audit check compares.
AUDIT_ENTITY = "record_document"
#: The audit trail's entity for attached EqIA and DPIA documents.
ASSESSMENT_AUDIT_ENTITY = "assessment_document"


class DocumentError(UserError):
    pass


def create_document_tables(db: Database) -> None:
    """The schema (migration m002_documents)."""
    db.execute(
        f"""CREATE TABLE decision_documents (
            id INTEGER PRIMARY KEY,
            decision_number TEXT NOT NULL REFERENCES decisions(number),
            kind TEXT NOT NULL CHECK (kind IN ({", ".join(f"'{k}'" for k in KINDS)})),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            file_name TEXT,
            signer TEXT,
            signed_at TEXT,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            content BLOB)""")
    db.execute("CREATE INDEX decision_documents_sha256 ON decision_documents(sha256)")
    db.execute("CREATE INDEX decision_documents_number ON decision_documents(decision_number)")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER decision_documents_append_only_{event.lower()}
            BEFORE {event} ON decision_documents
            BEGIN SELECT RAISE(ABORT, 'kept Records of Decision cannot be changed'); END""")


def _append_only(db: Database, table: str, message: str) -> None:
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER IF NOT EXISTS {table}_append_only_{event.lower()}
            BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END""")
    # INSERT OR REPLACE deletes the row it collides with without firing DELETE triggers.
    db.execute(
        f"""CREATE TRIGGER IF NOT EXISTS {table}_append_only_replace BEFORE INSERT ON {table}
        WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{message}'); END""")


def create_assessment_document_table(db: Database) -> None:
    """The schema (migration m006_assessment_documents)."""
    db.execute(
        f"""CREATE TABLE assessment_documents (
            id INTEGER PRIMARY KEY,
            decision_number TEXT NOT NULL REFERENCES decisions(number),
            assessment TEXT NOT NULL CHECK (assessment IN
                ({", ".join(f"'{a}'" for a in ASSESSMENTS)})),
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            content BLOB NOT NULL)""")
    db.execute("CREATE INDEX assessment_documents_number"
               " ON assessment_documents(decision_number)")
    _append_only(db, "assessment_documents", "attached assessments cannot be changed")
    _append_only(db, "decision_documents", "kept Records of Decision cannot be changed")


@dataclass(frozen=True)
class KeptDocument:
    """A file the register keeps for a decision (without its bytes)."""

    id: int
    decision_number: str
    kind: str
    sha256: str
    size: int
    file_name: str | None
    signer: str | None
    signed_at: str | None
    recorded_at: str
    recorded_by: str

    @property
    def label(self) -> str:
        return f"{KIND_WORDS[self.kind]} of {self.decision_number}"


_COLUMNS = ("id", "decision_number", "kind", "sha256", "size", "file_name", "signer",
            "signed_at", "recorded_at", "recorded_by")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row)) for row in cursor]


def _on(recorded_at: str) -> str:
    """``23 November 2026``: the day a file was kept, as the papers write dates."""
    day = dt.date.fromisoformat(recorded_at[:10])
    return f"{day.day} {day:%B %Y}"


def _already_kept(what: str, number: str, digest: str, earlier: tuple[Any, ...]) -> str:
    """Why a file is refused: ``earlier`` (words, file name, recorded at, recorded by)
    is the kept file with the same SHA-256."""
    words, name, recorded_at, recorded_by = earlier
    named = f" ({name})" if name else ""
    return (f"{what} is already kept for {number}: its {words}{named}, kept"
            f" {_on(recorded_at)} by {recorded_by}, has the same SHA-256"
            f" ({digest[:16]}…); the same file is not kept twice")


def keep_document(
    register: Any, number: str, kind: str, data: bytes, *, file_name: str | None = None,
    signer: str | None = None, signed_at: dt.datetime | None = None,
) -> KeptDocument:
    """Keep ``data`` for decision ``number`` with its hash, and audit it. Runs in the
    caller's transaction when there is one (signing: take, sign, keep, all or nothing).
    A file already kept for ``number`` (the same SHA-256) is refused."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    db: Database = register.db
    digest = sha256_hex(data)
    with store.write_transaction(db):
        same = db.execute("SELECT kind, file_name, recorded_at, recorded_by FROM"
                          " decision_documents WHERE decision_number = ? AND sha256 = ?"
                          " ORDER BY id LIMIT 1", [number, digest]).fetchone()
        if same is not None:
            raise DocumentError(_already_kept(file_name or "this file", number, digest,
                                              (KIND_WORDS[same[0]], *same[1:])))
        row = {
            "decision_number": number, "kind": kind, "sha256": digest, "size": len(data),
            "file_name": file_name, "signer": signer,
            "signed_at": signed_at.isoformat(timespec="seconds") if signed_at else None,
            "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "recorded_by": store.os_user(), "content": data,
        }
        new_id = db.execute(
            "INSERT INTO decision_documents (decision_number, kind, sha256, size, file_name,"
            " signer, signed_at, recorded_at, recorded_by, content) VALUES (:decision_number,"
            " :kind, :sha256, :size, :file_name, :signer, :signed_at, :recorded_at,"
            " :recorded_by, :content)", row).lastrowid
        store.audit(db, AUDIT_ENTITY, number, "sign" if kind == "signed_record" else "attach_scan",
                    None, {"document": kind, "sha256": digest, "size": len(data),
                           "file_name": file_name, "signer": signer,
                           "signed_at": row["signed_at"]})
    return KeptDocument(new_id, number, kind, digest, len(data), file_name, signer,
                        row["signed_at"], row["recorded_at"], row["recorded_by"])


def documents_with_hash(register: Any, digest: str) -> list[KeptDocument]:
    """Every kept file whose SHA-256 is ``digest``, oldest first."""
    return [KeptDocument(**r) for r in _rows(
        register.db, f"SELECT {', '.join(_COLUMNS)} FROM decision_documents WHERE sha256 = ?"
        " ORDER BY id", [digest])]


def documents_for(register: Any, number: str) -> list[KeptDocument]:
    """The files kept for decision ``number``, oldest first."""
    return [KeptDocument(**r) for r in _rows(
        register.db, f"SELECT {', '.join(_COLUMNS)} FROM decision_documents"
        " WHERE decision_number = ? ORDER BY id", [number])]


def _checked(content: bytes | None, sha256: str, what: str) -> bytes:
    """``content`` if it still has the SHA-256 it was kept with; never hand out a file
    altered in the database behind the app's back."""
    if content is None:
        raise DocumentError(f"the {what} is recorded by its hash only: no copy is kept")
    if hashlib.sha256(content).hexdigest() != sha256:
        raise DocumentError(f"the kept copy of the {what} no longer matches the SHA-256 it"
                            f" was kept with ({sha256[:16]}…): it was altered outside the app."
                            " Run `audit verify`, and restore the register from a backup")
    return content


def document_content(register: Any, document_id: int) -> bytes:
    row = register.db.execute("SELECT content, sha256, kind, decision_number FROM"
                              " decision_documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise DocumentError(f"no kept document {document_id}")
    content, sha256, kind, number = row
    return _checked(content, sha256, f"{KIND_WORDS[kind]} of {number}")


def posts(register: Any) -> list[Post]:
    """Every post with its holder (the cover's From: line names them)."""
    return [Post(r["title"], r["holder"], r["phone"], r["email"]) for r in _rows(
        register.db, "SELECT title, holder, phone, email FROM posts ORDER BY id", [])]


@dataclass(frozen=True)
class AgendaAppearance:
    """A meeting's agenda item for a decision: the committee report it is the subject of."""

    committee: str
    date: dt.date
    title: str
    description: str | None


def agenda_appearances(register: Any, number: str) -> list[AgendaAppearance]:
    """The agenda items (at any depth) whose subject is decision ``number``, by date."""
    return [AgendaAppearance(r["name"], dt.date.fromisoformat(r["date"]), r["title"],
                             r["description"])
            for r in _rows(
                register.db,
                "SELECT c.name, m.date, i.title, i.description FROM agenda_items i"
                " JOIN meetings m ON m.id = i.meeting_id"
                " JOIN committees c ON c.id = m.committee_id"
                " WHERE i.decision_number = ? ORDER BY m.date, i.id", [number])]


# --- EqIA and DPIA documents ---------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentDocument:
    """An EqIA or DPIA document attached to a decision (without its bytes)."""

    id: int
    decision_number: str
    assessment: str
    file_name: str
    sha256: str
    size: int
    recorded_at: str
    recorded_by: str


_ASSESSMENT_COLUMNS = ("id", "decision_number", "assessment", "file_name", "sha256", "size",
                       "recorded_at", "recorded_by")


def attach_assessment_document(register: Any, number: str, assessment: str,
                               path: Path) -> AssessmentDocument:
    """Keep the file at ``path`` as decision ``number``'s EqIA or DPIA document, with its
    hash, in one audited transaction. A newer version is attached beside the older; the
    same file (the same SHA-256) as one already attached to that assessment is refused."""
    if assessment not in ASSESSMENTS:
        raise DocumentError(f"{assessment!r} is not an assessment: one of"
                            f" {', '.join(ASSESSMENTS)}")
    path = Path(path)
    what = assessment.upper()
    try:
        size = path.stat().st_size
        if size > MAX_ASSESSMENT_BYTES:
            raise DocumentError(f"{path}: {size // (1024 * 1024)} MB is larger than the"
                                f" {MAX_ASSESSMENT_BYTES // (1024 * 1024)} MB an {what}"
                                " document may be")
        data = path.read_bytes()
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a document") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data:
        raise DocumentError(f"{path}: the file is empty")
    db: Database = register.db
    digest = sha256_hex(data)
    with store.write_transaction(db):
        if db.execute("SELECT 1 FROM decisions WHERE number = ?", [number]).fetchone() is None:
            raise DocumentError(f"no decision {number} in the register")
        same = db.execute("SELECT file_name, recorded_at, recorded_by FROM"
                          " assessment_documents WHERE decision_number = ? AND assessment = ?"
                          " AND sha256 = ? ORDER BY id LIMIT 1",
                          [number, assessment, digest]).fetchone()
        if same is not None:
            raise DocumentError(_already_kept(str(path), number, digest,
                                              (KIND_WORDS[assessment], *same)))
        row = {"decision_number": number, "assessment": assessment, "file_name": path.name,
               "sha256": digest, "size": len(data),
               "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               "recorded_by": store.os_user()}
        new_id = db.execute(
            "INSERT INTO assessment_documents (decision_number, assessment, file_name, sha256,"
            " size, recorded_at, recorded_by, content) VALUES (:decision_number, :assessment,"
            " :file_name, :sha256, :size, :recorded_at, :recorded_by, :content)",
            {**row, "content": data}).lastrowid
        store.audit(db, ASSESSMENT_AUDIT_ENTITY, number, f"attach_{assessment}", None,
                    {"document": assessment, "file_name": path.name, "sha256": digest,
                     "size": len(data)})
    return AssessmentDocument(new_id, **row)


def assessment_documents_for(register: Any, number: str) -> list[AssessmentDocument]:
    """Decision ``number``'s EqIA and DPIA documents, oldest first."""
    return [AssessmentDocument(**r) for r in _rows(
        register.db, f"SELECT {', '.join(_ASSESSMENT_COLUMNS)} FROM assessment_documents"
        " WHERE decision_number = ? ORDER BY id", [number])]


def assessment_document_content(register: Any, document_id: int) -> bytes:
    row = register.db.execute("SELECT content, sha256, assessment, decision_number, file_name"
                              " FROM assessment_documents WHERE id = ?",
                              [document_id]).fetchone()
    if row is None:
        raise DocumentError(f"no attached assessment document {document_id}")
    content, sha256, assessment, number, name = row
    return _checked(content, sha256, f"{KIND_WORDS[assessment]} {name} of {number}")


def verify_kept_files(db: Database) -> tuple[int | None, str | None]:
    """Every kept file (signed records, scans, EqIA and DPIA documents) against the hash it
    was kept with and the audit row that recorded it: (audit row id, why) for the first
    that differs (changed, added or deleted outside the app), or (None, None)."""
    audited: dict[tuple[str, str, str], list[int]] = {}
    for row_id, entity, key, after in db.execute(
            "SELECT id, entity, entity_key, after FROM audit WHERE entity IN (?, ?) ORDER BY id",
            [AUDIT_ENTITY, ASSESSMENT_AUDIT_ENTITY]):
        try:
            facts = json.loads(after) if after else {}
        except ValueError:
            return row_id, f"its record of a file kept for {key} is not readable"
        audited.setdefault((entity, key, facts.get("sha256", "")), []).append(row_id)
    last = db.execute("SELECT max(id) FROM audit").fetchone()[0] or 0
    kept = [(AUDIT_ENTITY, *r) for r in db.execute(
        "SELECT id, decision_number, kind, file_name, sha256, content FROM decision_documents"
        " ORDER BY id")]
    kept += [(ASSESSMENT_AUDIT_ENTITY, *r) for r in db.execute(
        "SELECT id, decision_number, assessment, file_name, sha256, content FROM"
        " assessment_documents ORDER BY id")]
    for entity, _id, number, kind, name, sha256, content in kept:
        what = f"the {KIND_WORDS[kind]} {name or ''} of {number}".replace("  ", " ")
        rows = audited.get((entity, number, sha256))
        if not rows:
            return last, f"{what} was added to the register outside the app"
        row_id = rows.pop(0)
        if content is not None and hashlib.sha256(content).hexdigest() != sha256:
            return row_id, (f"{what} no longer matches the SHA-256 it was kept with: its"
                            " content was changed outside the app")
    for (_entity, number, sha256), rows in audited.items():
        if rows:
            return rows[0], (f"a file kept for {number} (SHA-256 {sha256[:16]}…) has been"
                             " deleted from the register outside the app")
    return None, None
