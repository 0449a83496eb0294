"""EqIA and DPIA documents attached to a decision: kept with their hash, audited,
append-only (even to SQL outside the app), and refused with a reason when unusable."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from governance import audit, decisions, records
from governance.desk import Desk
from governance.records import DocumentError

NUMBER = "23/00098"


@pytest.fixture
def eqia(tmp_path: Path) -> Path:
    path = tmp_path / "EqIA - UEC support fund.docx"
    path.write_bytes(b"PK\x03\x04 an equality impact assessment")
    return path


def test_attached_documents_are_kept_with_their_hash_and_audited(
    sample_register: Desk, eqia: Path, tmp_path: Path,
) -> None:
    dpia = tmp_path / "dpia.pdf"
    dpia.write_bytes(b"%PDF-1.7 screening")
    first = records.attach_assessment_document(sample_register, NUMBER, "eqia", eqia).value
    records.attach_assessment_document(sample_register, NUMBER, "dpia", dpia)
    eqia.write_bytes(b"PK\x03\x04 version 2, after consultation")
    second = records.attach_assessment_document(sample_register, NUMBER, "eqia", eqia).value

    kept = records.assessment_documents_for(sample_register, NUMBER)
    assert [(d.assessment, d.file_name) for d in kept] == [
        ("eqia", "EqIA - UEC support fund.docx"), ("dpia", "dpia.pdf"),
        ("eqia", "EqIA - UEC support fund.docx")]
    assert kept[2].sha256 == hashlib.sha256(eqia.read_bytes()).hexdigest()
    assert records.assessment_document_content(sample_register, first.id) == \
        b"PK\x03\x04 an equality impact assessment"
    assert records.assessment_document_content(sample_register, second.id) == \
        eqia.read_bytes()
    trail = decisions.audit_trail(sample_register, "assessment_document", NUMBER)
    assert [r["action"] for r in trail] == ["attach_eqia", "attach_dpia", "attach_eqia"]
    store = sample_register.store
    assert audit.verify_chain(store.audit_rows(), store.audit_high_water())[1] is None
    both = decisions.audit_trail(sample_register, ("decision", "assessment_document"), NUMBER)
    assert [r["entity"] for r in both] == ["decision"] + ["assessment_document"] * 3


@pytest.mark.parametrize("sql", [
    "UPDATE assessment_documents SET content = x'00'",
    "DELETE FROM assessment_documents",
    "INSERT OR REPLACE INTO assessment_documents SELECT * FROM assessment_documents",
    "INSERT OR REPLACE INTO decision_documents (id, decision_number, kind, sha256, size,"
    " recorded_at, recorded_by) SELECT id, decision_number, 'scan', sha256, 1, recorded_at,"
    " recorded_by FROM decision_documents",
])
def test_kept_documents_cannot_be_changed_by_sql_outside_the_app(
    sample_register: Desk, eqia: Path, sql: str,
) -> None:
    records.attach_assessment_document(sample_register, NUMBER, "eqia", eqia)
    records.keep_document(sample_register, NUMBER, "scan", b"%PDF scan", file_name="s.pdf")
    assert sample_register.store.path is not None
    conn = sqlite3.connect(sample_register.store.path)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        conn.execute(sql)
    conn.close()
    assert records.assessment_document_content(
        sample_register, records.assessment_documents_for(sample_register, NUMBER)[0].id
    ) == eqia.read_bytes()
    assert records.documents_for(sample_register, NUMBER)[0].size == len(b"%PDF scan")


def test_unusable_files_are_refused_with_the_reason_and_nothing_kept(
    sample_register: Desk, tmp_path: Path, eqia: Path,
) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    cases = [
        (NUMBER, "eqia", tmp_path / "missing.docx", "missing.docx: cannot be read"),
        (NUMBER, "eqia", empty, "empty.docx: the file is empty"),
        (NUMBER, "eqia", tmp_path, "is a folder, not a document"),
        (NUMBER, "hra", eqia, "'hra' is not an assessment"),
        ("99/99999", "eqia", eqia, "no decision 99/99999 in the register"),
    ]
    for number, which, path, message in cases:
        with pytest.raises(DocumentError, match=message):
            records.attach_assessment_document(sample_register, number, which, path)
    assert records.assessment_documents_for(sample_register, NUMBER) == []
    assert decisions.audit_trail(sample_register, "assessment_document", NUMBER) == []


def test_the_same_document_attached_twice_to_an_assessment_is_refused(
    sample_register: Desk, eqia: Path, tmp_path: Path,
) -> None:
    kept = records.attach_assessment_document(sample_register, NUMBER, "eqia", eqia).value
    before = len(decisions.audit_trail(sample_register))
    copy = tmp_path / "EqIA copy.docx"
    copy.write_bytes(eqia.read_bytes())
    digest = hashlib.sha256(eqia.read_bytes()).hexdigest()
    for path in (eqia, copy):
        with pytest.raises(DocumentError) as refused:
            records.attach_assessment_document(sample_register, NUMBER, "eqia", path)
        assert str(refused.value) == (
            f"{path} is already kept for {NUMBER}: its EqIA document ({eqia.name}), kept"
            f" {_day(kept.recorded_at)} by {kept.recorded_by}, has the same SHA-256"
            f" ({digest[:16]}…); the same file is not kept twice")
    assert len(records.assessment_documents_for(sample_register, NUMBER)) == 1
    assert len(decisions.audit_trail(sample_register)) == before
    # One file may serve as both assessments (a combined EqIA and DPIA).
    records.attach_assessment_document(sample_register, NUMBER, "dpia", eqia)
    assert [d.assessment for d in records.assessment_documents_for(
        sample_register, NUMBER)] == ["eqia", "dpia"]


def _day(recorded_at: str) -> str:
    import datetime as dt

    day = dt.date.fromisoformat(recorded_at[:10])
    return f"{day.day} {day:%B %Y}"
