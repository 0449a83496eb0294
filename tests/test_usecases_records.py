"""The record use cases (``governance.records``) against every store: the Record of
Decision and cover rendered through the documents port, the scan of a paper-signed
record kept with its SHA-256, EqIA and DPIA documents attached, and a kept file altered
in the store refused when read. (Signing is left to tests/test_sign_records.py.)"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from governance import decisions, records
from governance.desk import Desk
from governance.records import DocumentError, SigningError
from tests.conftest import pdf_bytes
from tests.usecase_fixtures import USER, StoreProbe, everything

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "signed-23-00077.pdf"
    path.write_bytes(pdf_bytes("signed on paper"))
    return path


def test_records_and_covers_go_through_the_documents_port(sample_desk: Desk) -> None:
    record = records.render(sample_desk, "record", "23/00098", "pdf")
    assert record.startswith(b"FAKE record pdf\nKent County Council\nPROPOSED RECORD OF"
                             b" DECISION\n23/00098: Urgent and Emergency Care Support Fund")
    assert records.render(sample_desk, "record", "23/00077", "docx").splitlines()[2] == \
        b"RECORD OF DECISION"
    cover = records.render(sample_desk, "cover", "23/00098", "pdf").decode()
    assert ("Agenda: Adult Social Care Cabinet Committee 2023-11-23 Adult Social Care"
            " Pressures Plan 2023/2024") in cover
    assert "From: General Counsel (Ben Watts)" in cover
    decisions.update_decision(sample_desk, "23/00101", {"exempt_paragraph": 3})
    public = records.render(sample_desk, "record", "23/00101", "pdf", public=True)
    assert b"text withheld" in public and b"APPROVE" not in public
    with pytest.raises(DocumentError, match="unknown format 'odt'"):
        records.render(sample_desk, "record", "23/00098", "odt")
    with pytest.raises(decisions.NotFound):
        records.render(sample_desk, "record", "23/00999", "pdf")


def test_write_a_record(sample_desk: Desk, tmp_path: Path) -> None:
    decisions.update_decision(sample_desk, "23/00101", {"exempt_paragraph": 3})
    done = records.write(sample_desk, "record", "23/00101", "pdf", tmp_path / "r.docx",
                         public=True)
    assert done.message == (f"Wrote the public Proposed Record of Decision of 23/00101 (PDF) to"
                            f" {tmp_path / 'r.docx'}.")
    assert done.notes == (f"{tmp_path / 'r.docx'} ends in .docx but holds PDF",
                          "23/00101 is exempt (paragraph 3 of Part 1 of Schedule 12A): its"
                          " text is withheld in this version")
    assert (tmp_path / "r.docx").read_bytes().startswith(b"FAKE record pdf")


def test_keep_the_scan_of_a_paper_signed_record(sample_desk: Desk, scan: Path) -> None:
    done = records.attach_scan(sample_desk, "23/00077", scan)
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert done.message == (
        f"Attached {scan} to 23/00077 as the scan of its paper-signed Record of Decision;"
        f" SHA-256 {digest} is kept in the register and the audit trail.")
    assert done.changes.documents == {"23/00077"}
    kept = records.documents_for(sample_desk, "23/00077")
    assert [(k.id, k.kind, k.file_name, k.sha256, k.size, k.signer, k.recorded_by)
            for k in kept] == [(1, "scan", scan.name, digest, len(scan.read_bytes()),
                                "Clair Bell", USER)]
    assert records.document_content(sample_desk, kept[0].id) == scan.read_bytes()
    assert records.documents_with_hash(sample_desk, digest) == kept
    assert records.documents_for(sample_desk, "23/00098") == []
    row = decisions.audit_trail(sample_desk, "record_document", "23/00077")[-1]
    assert (row.action, row.after_json()["sha256"]) == ("attach_scan", digest)
    assert decisions.verify_audit(sample_desk)[1:] == (None, None)
    # A record with a kept file is not signed again.
    with pytest.raises(SigningError, match="23/00077 already has a scan of its paper-signed"
                                           " Record of Decision"):
        records.refuse_if_signed(sample_desk, "23/00077")


def test_the_same_scan_is_not_kept_twice(sample_desk: Desk, scan: Path, tmp_path: Path) -> None:
    records.attach_scan(sample_desk, "23/00077", scan)
    before = everything(sample_desk)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(scan.read_bytes())
    with pytest.raises(DocumentError) as refused:
        records.attach_scan(sample_desk, "23/00077", copy)
    text = str(refused.value)
    assert text.startswith("copy.pdf is already kept for 23/00077: its scan of the"
                           f" paper-signed Record of Decision ({scan.name}), kept ")
    assert text.endswith("the same file is not kept twice")
    assert everything(sample_desk) == before


def test_scans_that_are_refused(sample_desk: Desk, scan: Path, tmp_path: Path) -> None:
    before = everything(sample_desk)
    with pytest.raises(SigningError, match="23/00098 has not been taken: record it as taken"):
        records.attach_scan(sample_desk, "23/00098", scan)
    word = tmp_path / "scan.docx"
    word.write_bytes(b"PK\x03\x04 word")
    with pytest.raises(SigningError, match="is not a scan \\(a PDF, TIFF, PNG or JPEG file\\)"):
        records.attach_scan(sample_desk, "23/00077", word)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(SigningError, match="the file is empty"):
        records.attach_scan(sample_desk, "23/00077", empty)
    with pytest.raises(SigningError, match="cannot be read"):
        records.attach_scan(sample_desk, "23/00077", tmp_path / "missing.pdf")
    with pytest.raises(decisions.NotFound):
        records.attach_scan(sample_desk, "23/00999", scan)
    assert everything(sample_desk) == before
    image = tmp_path / "scan.png"
    image.write_bytes(PNG)
    assert records.attach_scan(sample_desk, "23/00077", image).value.kind == "scan"


def test_assessment_documents(sample_desk: Desk, tmp_path: Path) -> None:
    v1, v2, dpia = tmp_path / "EqIA v1.pdf", tmp_path / "EqIA v2.pdf", tmp_path / "DPIA.pdf"
    v1.write_bytes(pdf_bytes("eqia one"))
    v2.write_bytes(pdf_bytes("eqia two"))
    dpia.write_bytes(pdf_bytes("eqia one"))  # the same bytes as v1, for the other assessment
    done = records.attach_assessment_document(sample_desk, "23/00098", "eqia", v1)
    assert done.message == "Attached EqIA v1.pdf to 23/00098 as its EqIA document."
    records.attach_assessment_document(sample_desk, "23/00098", "eqia", v2)
    records.attach_assessment_document(sample_desk, "23/00098", "dpia", dpia)
    kept = records.assessment_documents_for(sample_desk, "23/00098")
    assert [(k.id, k.assessment, k.file_name) for k in kept] == [
        (1, "eqia", "EqIA v1.pdf"), (2, "eqia", "EqIA v2.pdf"), (3, "dpia", "DPIA.pdf")]
    assert records.assessment_document_content(sample_desk, 2) == v2.read_bytes()
    assert records.assessment_documents_for(sample_desk, "23/00077") == []
    assert [r.action for r in decisions.audit_trail(sample_desk, "assessment_document")] == [
        "attach_eqia", "attach_eqia", "attach_dpia"]
    before = everything(sample_desk)
    with pytest.raises(DocumentError, match="is already kept for 23/00098: its EqIA document"
                                            " \\(EqIA v1.pdf\\)"):
        records.attach_assessment_document(sample_desk, "23/00098", "eqia", v1)
    with pytest.raises(DocumentError, match="'pia' is not an assessment"):
        records.attach_assessment_document(sample_desk, "23/00098", "pia", v1)
    with pytest.raises(DocumentError, match="no decision 23/00999 in the register"):
        records.attach_assessment_document(sample_desk, "23/00999", "eqia", v1)
    with pytest.raises(DocumentError, match="no attached assessment document 9"):
        records.assessment_document_content(sample_desk, 9)
    assert everything(sample_desk) == before
    assert decisions.verify_audit(sample_desk)[1:] == (None, None)


def test_a_kept_file_altered_in_the_store_is_refused_when_read(
        sample_desk: Desk, scan: Path, tmp_path: Path, probe: StoreProbe) -> None:
    kept = records.attach_scan(sample_desk, "23/00077", scan).value
    eqia = tmp_path / "EqIA.pdf"
    eqia.write_bytes(pdf_bytes("eqia"))
    assessment = records.attach_assessment_document(sample_desk, "23/00098", "eqia",
                                                    eqia).value
    probe.alter_kept(kept.id, pdf_bytes("forged"))
    with pytest.raises(DocumentError) as refused:
        records.document_content(sample_desk, kept.id)
    assert str(refused.value) == (
        "the kept copy of the scan of the paper-signed Record of Decision of 23/00077 no"
        f" longer matches the SHA-256 it was kept with ({kept.sha256[:16]}…): it was altered"
        " outside the app. Run `audit verify`, and restore the register from a backup")
    rows = decisions.audit_trail(sample_desk)
    scan_row = next(r.id for r in rows if r.action == "attach_scan")
    assert decisions.verify_audit(sample_desk) == (
        len(rows), scan_row, f"the scan of the paper-signed Record of Decision {scan.name} of"
                             " 23/00077 no longer matches the SHA-256 it was kept with: its"
                             " content was changed outside the app")
    probe.alter_assessment(assessment.id, b"%PDF-1.4 forged")
    with pytest.raises(DocumentError, match="the kept copy of the EqIA document EqIA.pdf of"
                                            " 23/00098 no longer matches"):
        records.assessment_document_content(sample_desk, assessment.id)
    with pytest.raises(DocumentError, match="no kept document 7"):
        records.document_content(sample_desk, 7)
