"""The files a register keeps as evidence, in SQLite (a part of
:class:`db.sqlite_store.SqliteStore`): signed Records of Decision, scans of paper-signed
ones, EqIA and DPIA documents, each with its SHA-256. The rows are append-only: the
schema's triggers refuse UPDATE, DELETE and REPLACE.
"""

from __future__ import annotations

from collections.abc import Iterator

from governance.audit import ASSESSMENT_DOCUMENT, RECORD_DOCUMENT, KeptFile
from governance.model import AssessmentDocument, KeptDocument

_KEPT = ("id", "decision_number", "kind", "sha256", "size", "file_name", "signer",
         "signed_at", "recorded_at", "recorded_by")
_ASSESSMENT = ("id", "decision_number", "assessment", "file_name", "sha256", "size",
               "recorded_at", "recorded_by")


class KeptFilesSql:
    """The kept-file half of the SQLite store: it uses the store's ``db`` and ``_rows``."""

    def kept_documents(self, number: str | None = None, sha256: str | None = None
                       ) -> list[KeptDocument]:
        clauses, params = [], []
        if number is not None:
            clauses.append("decision_number = ?")
            params.append(number)
        if sha256 is not None:
            clauses.append("sha256 = ?")
            params.append(sha256)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [KeptDocument(**r) for r in self._rows(
            f"SELECT {', '.join(_KEPT)} FROM decision_documents {where} ORDER BY id", params)]

    def keep_document(self, document: KeptDocument, content: bytes) -> int:
        d = document
        return self.db.execute(
            "INSERT INTO decision_documents (decision_number, kind, sha256, size, file_name,"
            " signer, signed_at, recorded_at, recorded_by, content) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [d.decision_number, d.kind, d.sha256, d.size, d.file_name, d.signer, d.signed_at,
             d.recorded_at, d.recorded_by, content]).lastrowid

    def kept_document(self, document_id: int) -> tuple[KeptDocument, bytes | None] | None:
        rows = self._rows(f"SELECT {', '.join(_KEPT)}, content FROM decision_documents"
                          " WHERE id = ?", [document_id])
        if not rows:
            return None
        content = rows[0].pop("content")
        return KeptDocument(**rows[0]), content

    def assessment_documents(self, number: str) -> list[AssessmentDocument]:
        return [AssessmentDocument(**r) for r in self._rows(
            f"SELECT {', '.join(_ASSESSMENT)} FROM assessment_documents"
            " WHERE decision_number = ? ORDER BY id", [number])]

    def add_assessment_document(self, document: AssessmentDocument, content: bytes) -> int:
        d = document
        return self.db.execute(
            "INSERT INTO assessment_documents (decision_number, assessment, file_name, sha256,"
            " size, recorded_at, recorded_by, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [d.decision_number, d.assessment, d.file_name, d.sha256, d.size, d.recorded_at,
             d.recorded_by, content]).lastrowid

    def assessment_document(self, document_id: int
                            ) -> tuple[AssessmentDocument, bytes | None] | None:
        rows = self._rows(f"SELECT {', '.join(_ASSESSMENT)}, content FROM assessment_documents"
                          " WHERE id = ?", [document_id])
        if not rows:
            return None
        content = rows[0].pop("content")
        return AssessmentDocument(**rows[0]), content

    def kept_files(self) -> Iterator[KeptFile]:
        for r in self.db.execute("SELECT id, decision_number, kind, file_name, sha256, content"
                                 " FROM decision_documents ORDER BY id"):
            yield KeptFile(RECORD_DOCUMENT, *r)
        for r in self.db.execute("SELECT id, decision_number, assessment, file_name, sha256,"
                                 " content FROM assessment_documents ORDER BY id"):
            yield KeptFile(ASSESSMENT_DOCUMENT, *r)
