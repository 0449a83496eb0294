"""Signing a Record of Decision (PAdES) and verifying it: the lifecycle applies, the hash
and the signer go into the register and the audit trail, a tampered byte or anything
added after signing fails, poppler's ``pdfsig`` agrees, and a scan of a paper-signed
record is matched by its hash. The signing certificate is made here (self-signed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from governance import decisions, records
from governance.audit import RECORD_DOCUMENT
from main import main
from templates.signing import PadesSignatures
from tests.certificates import self_signed_pkcs12
from tests.conftest import open_desk
from tests.test_record_documents import build_demo, make_takeable, pdf_text

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A self-signed signing certificate for "Dan Watkins" as PKCS#12, and the
    certificate as PEM (to trust it)."""
    path = tmp_path_factory.mktemp("cert") / "dan.p12"
    return path, self_signed_pkcs12(path, PASSPHRASE)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def db(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo register in which 23/00098 can be taken; an empty user
    configuration folder (no trusted certificates)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DD_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "register.sqlite"
    shutil.copyfile(demo_file, path)
    reg = open_desk(path)
    try:
        make_takeable(reg)
    finally:
        reg.close()
    return path


def sign(db: Path, certificate: tuple[Path, bytes], out: Path, number: str = "23/00098",
         env: str = "DD_PASSPHRASE") -> int:
    return main(["--db", str(db), "sign", number, "--pkcs12", str(certificate[0]),
                 "--passphrase-env", env, "-o", str(out)])


def verify(db: Path, path: Path) -> int:
    return main(["--db", str(db), "verify", str(path)])


def pdfsig(path: Path) -> str | None:
    if not shutil.which("pdfsig"):
        return None
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_sign_takes_the_decision_and_keeps_hash_and_signer(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
) -> None:
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate, out) == 0
    printed = capsys.readouterr().out
    data = out.read_bytes()
    digest = records.sha256_hex(data)
    assert f"SHA-256 {digest}" in printed and "Took 23/00098" in printed
    reg = open_desk(db)
    try:
        d = decisions.decision(reg, "23/00098")
        assert (d.status, d.signed_by, d.taken_on) == ("taken", "Dan Watkins", dt.date.today())
        kept = records.documents_for(reg, "23/00098")
        assert [(k.kind, k.sha256, k.signer) for k in kept] == [
            ("signed_record", digest, "Dan Watkins")]
        assert records.document_content(reg, kept[0].id) == data
        assert decisions.audit_trail(reg, "decision", "23/00098")[-1]["action"] == "take"
        trail = decisions.audit_trail(reg, RECORD_DOCUMENT, "23/00098")
        assert [row["action"] for row in trail] == ["sign"]
        after = json.loads(trail[-1]["after"])
        assert (after["sha256"], after["signer"]) == (digest, "Dan Watkins")
        assert decisions.verify_audit(reg)[1] is None
    finally:
        reg.close()
    text = pdf_text(data)
    assert "KENT COUNTY COUNCIL – RECORD OF DECISION" in text
    assert "Digitally signed by Dan Watkins Cabinet Member for Adult Social Care and Public" \
        " Health" in text
    assert "I agree to:" in text


def test_sign_then_verify_and_pdfsig_agrees(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
) -> None:
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate, out) == 0
    capsys.readouterr()
    assert verify(db, out) == 0
    printed = capsys.readouterr().out
    assert "Signed by: Dan Watkins" in printed
    assert "Signing time: " in printed
    assert "Certificate trusted: no (self-signed certificate" in printed
    assert "Register: matches the signed Record of Decision of 23/00098" in printed
    assert "OK: the signature is intact and covers the whole file" in printed
    report = pdfsig(out)
    if report is None:
        pytest.skip("poppler's pdfsig is not installed (apt-get install poppler-utils)")
    assert "Signature is Valid." in report and "Total document signed" in report
    assert "Signer Certificate Common Name: Dan Watkins" in report


def test_a_tampered_byte_fails_verification(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
) -> None:
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate, out) == 0
    data = bytearray(out.read_bytes())
    # A byte of the first page's content, inside the signed range.
    at = data.index(b"stream", 2000) + 40
    data[at] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    capsys.readouterr()
    assert verify(db, tampered) == 1
    captured = capsys.readouterr()
    assert "FAILED: tampered" in captured.err
    assert "no entry in this register has this file's SHA-256" in captured.out
    report = pdfsig(tampered)
    if report is None:
        pytest.skip("poppler's pdfsig is not installed (apt-get install poppler-utils)")
    assert "Signature is Valid." not in report
    assert "Digest Mismatch" in report


def test_something_added_after_signing_fails_as_partly_signed(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
) -> None:
    from pyhanko.pdf_utils.generic import NameObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    out = tmp_path / "signed.pdf"
    assert sign(db, certificate, out) == 0
    writer = IncrementalPdfFileWriter(io.BytesIO(out.read_bytes()))
    writer.root["/PageMode"] = NameObject("/UseOutlines")
    writer.update_root()
    extended = io.BytesIO()
    writer.write(extended)
    later = tmp_path / "later.pdf"
    later.write_bytes(extended.getvalue())
    capsys.readouterr()
    assert verify(db, later) == 1
    assert "FAILED: partly signed" in capsys.readouterr().err
    report = pdfsig(later)
    if report is None:
        pytest.skip("poppler's pdfsig is not installed (apt-get install poppler-utils)")
    assert "Not total document signed" in report


def test_an_unsigned_record_fails(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "record.pdf"
    assert main(["--db", str(db), "render", "record", "23/00098", "--format", "pdf",
                 "-o", str(out)]) == 0
    capsys.readouterr()
    assert verify(db, out) == 1
    assert "FAILED: the file is not signed" in capsys.readouterr().err


def test_signing_refused_by_the_lifecycle_changes_nothing(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
) -> None:
    """23/00091's EqIA is still in development: it cannot be taken, so nothing is signed."""
    out = tmp_path / "signed.pdf"
    reg = open_desk(db)
    try:
        before = len(decisions.audit_trail(reg))
    finally:
        reg.close()
    assert sign(db, certificate, out, number="23/00091") == 1
    assert "the EqIA is in progress" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
    reg = open_desk(db)
    try:
        assert decisions.decision(reg, "23/00091").status == "proposed"
        assert records.documents_for(reg, "23/00091") == []
        assert len(decisions.audit_trail(reg)) == before
    finally:
        reg.close()


def test_signing_problems_name_the_file_or_variable(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate, out, env="NO_SUCH_VARIABLE") == 1
    assert "NO_SUCH_VARIABLE is not set" in capsys.readouterr().err
    monkeypatch.setenv("WRONG", "not the passphrase")
    assert sign(db, certificate, out, env="WRONG") == 1
    err = capsys.readouterr().err
    assert str(certificate[0]) in err and "wrong passphrase" in err
    reg = open_desk(db)
    try:
        assert decisions.decision(reg, "23/00098").status == "considered"
    finally:
        reg.close()
    assert not out.exists()
    assert sign(db, certificate, tmp_path / "no" / "such" / "folder.pdf") == 1
    assert "cannot write here" in capsys.readouterr().err
    reg = open_desk(db)
    try:
        assert decisions.decision(reg, "23/00098").status == "considered", \
            "rolled back with the file"
    finally:
        reg.close()


def test_trusted_when_the_council_root_is_in_the_trust_folder(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path,
) -> None:
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate, out) == 0
    config = tmp_path / "trusting"
    (config / "trust").mkdir(parents=True)
    (config / "trust" / "council-root.pem").write_bytes(certificate[1])
    reg = open_desk(db)
    try:
        verdict = records.verify_file(
            dataclasses.replace(reg, signatures=PadesSignatures(config)), out)
    finally:
        reg.close()
    assert verdict.ok and verdict.trusted and verdict.signer == "Dan Watkins"


def test_scan_of_a_paper_signed_record_is_matched_by_hash(
    db: Path, tmp_path: Path, capsys,
) -> None:
    scan = tmp_path / "22-00097-signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scanned page would be here\n%%EOF\n")
    assert main(["--db", str(db), "attach-scan", "22/00097", str(scan)]) == 0
    digest = records.sha256_hex(scan.read_bytes())
    assert digest in capsys.readouterr().out
    assert verify(db, scan) == 0
    printed = capsys.readouterr().out
    assert "scan of the paper-signed Record of Decision of 22/00097" in printed
    assert "OK: no digital signature" in printed
    jpeg = tmp_path / "other.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0 not the attached scan")
    assert verify(db, jpeg) == 1
    assert "not signed" in capsys.readouterr().err
    # A decision not yet taken has no paper-signed record to attach.
    assert main(["--db", str(db), "attach-scan", "23/00091", str(scan)]) == 1
    assert "23/00091 has not been taken" in capsys.readouterr().err
    # A file that is no scan (a Word file, say) is refused with its name.
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK\x03\x04 minutes")
    assert main(["--db", str(db), "attach-scan", "22/00097", str(notes)]) == 1
    assert capsys.readouterr().err.strip().endswith(
        f"{notes}: is not a scan (a PDF, TIFF, PNG or JPEG file)")
    reg = open_desk(db)
    try:
        assert decisions.audit_trail(reg, RECORD_DOCUMENT, "22/00097")[-1]["action"] == \
            "attach_scan"
        assert decisions.verify_audit(reg)[1] is None
    finally:
        reg.close()


def test_a_decision_taken_long_ago_is_signed_with_the_day_it_is_signed(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
) -> None:
    """17/00053 was taken on 21 July 2017: the record keeps that date, the visible
    signature states the day it is signed (as the PAdES signing time does)."""
    from templates.style import long_date

    out = tmp_path / "17-00053.pdf"
    before = dt.date.today()
    assert sign(db, certificate, out, number="17/00053") == 0
    days = {long_date(before), long_date(dt.date.today())}
    assert "Took" not in capsys.readouterr().out
    text = pdf_text(out.read_bytes())
    stamp = "Digitally signed by Dan Watkins Cabinet member "
    assert any(f"{stamp}{day}" in text for day in days), text
    assert f"{stamp}21 July 2017" not in text
    assert "Dan Watkins, Cabinet member 21 July 2017 signed date" in text
    reg = open_desk(db)
    try:
        d = decisions.decision(reg, "17/00053")
        assert (d.status, d.taken_on, d.signed_by) == ("taken", dt.date(2017, 7, 21),
                                                       None)
    finally:
        reg.close()


def test_a_record_already_signed_or_scanned_is_not_signed_again(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path, capsys,
) -> None:
    first = tmp_path / "17-00053.pdf"
    assert sign(db, certificate, first, number="17/00053") == 0
    capsys.readouterr()
    reg = open_desk(db)
    try:
        before = len(decisions.audit_trail(reg))
    finally:
        reg.close()
    again = tmp_path / "again.pdf"
    assert sign(db, certificate, again, number="17/00053") == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "17/00053 already has a signed Record of Decision (kept " in err
    assert "signed by Dan Watkins" in err and "not signed a second time" in err
    # A record signed on paper and attached as a scan is not signed digitally on top.
    scan = tmp_path / "22-00097-signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scanned page would be here\n%%EOF\n")
    assert main(["--db", str(db), "attach-scan", "22/00097", str(scan)]) == 0
    capsys.readouterr()
    assert sign(db, certificate, again, number="22/00097") == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "22/00097 already has a scan of its paper-signed Record of Decision" in err
    assert not again.exists() and list(tmp_path.glob("*.part")) == []
    reg = open_desk(db)
    try:
        assert [d.kind for d in records.documents_for(reg, "17/00053")] == ["signed_record"]
        assert [d.kind for d in records.documents_for(reg, "22/00097")] == ["scan"]
        assert len(decisions.audit_trail(reg)) == before + 1  # the scan's row, nothing more
        assert decisions.decision(reg, "22/00097").signed_by is None
        assert decisions.verify_audit(reg)[1] is None
    finally:
        reg.close()


def test_a_second_signing_is_refused_inside_the_transaction_too(
    db: Path, certificate: tuple[Path, bytes], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another officer's signature kept between the first look and the transaction (two
    officers on one register) still refuses this one, and undoes the taking."""
    reg = open_desk(db)
    try:
        signer = records.load_signer(reg, certificate[0], "DD_PASSPHRASE")
        looked: list[str] = []
        real = records.refuse_if_signed

        def first_look_misses(register, number):
            if not looked:  # the look before the certificate: nothing kept yet
                looked.append(number)
                records.keep_document(register, number, "signed_record", b"%PDF other",
                                        file_name="other.pdf", signer="Dan Watkins")
                return None
            return real(register, number)

        monkeypatch.setattr(records, "refuse_if_signed", first_look_misses)
        with pytest.raises(records.SigningError, match="already has a signed Record"):
            records.sign_record(reg, "23/00098", signer, tmp_path / "s.pdf")
        assert decisions.decision(reg, "23/00098").status == "considered"
        assert len(records.documents_for(reg, "23/00098")) == 1
    finally:
        reg.close()
    assert not (tmp_path / "s.pdf").exists()


def test_the_same_scan_attached_twice_is_refused(db: Path, tmp_path: Path, capsys) -> None:
    scan = tmp_path / "22-00097-signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scanned page would be here\n%%EOF\n")
    assert main(["--db", str(db), "attach-scan", "22/00097", str(scan)]) == 0
    capsys.readouterr()
    reg = open_desk(db)
    try:
        before = len(decisions.audit_trail(reg))
    finally:
        reg.close()
    renamed = tmp_path / "copy of the scan.pdf"
    renamed.write_bytes(scan.read_bytes())
    for path in (scan, renamed):
        assert main(["--db", str(db), "attach-scan", "22/00097", str(path)]) == 1
        err = capsys.readouterr().err.strip()
        assert "\n" not in err
        assert f"{path.name} is already kept for 22/00097: its scan of the paper-signed" \
            f" Record of Decision ({scan.name}), kept " in err
        assert f"has the same SHA-256 ({records.sha256_hex(scan.read_bytes())[:16]}" in err
    reg = open_desk(db)
    try:
        assert len(records.documents_for(reg, "22/00097")) == 1
        assert len(decisions.audit_trail(reg)) == before
    finally:
        reg.close()
    # Another scan (a better one) of the same record is still kept beside the first.
    better = tmp_path / "rescanned.pdf"
    better.write_bytes(b"%PDF-1.4\n% scanned again at 300 dpi\n%%EOF\n")
    assert main(["--db", str(db), "attach-scan", "22/00097", str(better)]) == 0


def test_a_file_that_is_not_a_pdf_is_said_to_be_not_a_pdf(
    db: Path, tmp_path: Path, capsys,
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Record of Decision 23/00098, signed by Dan Watkins\n")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n a photograph of the signed page")
    expected = {
        notes: "FAILED: the file is not a PDF, so it is not signed (a signed Record of"
               " Decision is a PDF file)",
        empty: "FAILED: the file is empty: it is not a PDF, so it is not signed",
        photo: "FAILED: the file is not a PDF but a PNG image, so it is not signed; nor is it"
               " a scan kept in this register (no scan has its SHA-256)",
    }
    for path, verdict in expected.items():
        assert verify(db, path) == 1
        assert capsys.readouterr().err.strip() == verdict
