"""What must hold before a record is signed, from the command line (``sign``) and the use
cases alike: no error ``check`` would report in the record as taken, and a certificate
that is the decision maker's (the holder of the post, or the member named); a member who
signed in person on paper is recorded with the scan instead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from governance import decisions, records
from governance.desk import Desk
from governance.lifecycle import RuleViolation
from main import main
from tests import test_sign_records
from tests.certificates import self_signed_pkcs12
from tests.conftest import open_desk

PASSPHRASE = test_sign_records.PASSPHRASE
#: The demo register in which 23/00098 can be taken (test_sign_records' fixtures).
demo_file = test_sign_records.demo_file
db = test_sign_records.db
#: A consultation text naming a meeting the decision never went to (the committee met on
#: 23 November): check's error, printed as it is on the taken record. (The forward-looking
#: "will be discussed" of the proposed record no longer is: the outcome replaces it.)
WRONG_DAY = ("The proposed decision was discussed at the Adult Social Care Cabinet"
             " Committee on 16 November 2023.")


def certificate(folder: Path, name: str) -> Path:
    path = folder / f"{name.split()[-1].lower()}.p12"
    self_signed_pkcs12(path, PASSPHRASE, name)
    return path


def sign(db: Path, pkcs12: Path, out: Path, number: str = "23/00098") -> int:
    return main(["--db", str(db), "sign", number, "--pkcs12", str(pkcs12),
                 "--passphrase-env", "DD_PASSPHRASE", "-o", str(out)])


def untouched(db: Path, number: str = "23/00098") -> bool:
    reg = open_desk(db)
    try:
        return (decisions.decision(reg, number).status == "considered"
                and records.documents_for(reg, number) == [])
    finally:
        reg.close()


def test_signing_is_refused_while_check_reports_an_error(db, tmp_path, capsys) -> None:
    reg = open_desk(db)
    try:
        decisions.update_decision(reg, "23/00098", {"consultation": WRONG_DAY})
    finally:
        reg.close()
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate(tmp_path, "Dan Watkins"), out) == 1
    err = capsys.readouterr().err
    assert "Cannot take 23/00098: check reports an error: The consultation text says the" \
        " decision went to committee on '16 November 2023'" in err
    assert "put it right in the consultation text (Implications tab) or the committee" \
        " consideration (Committee tab) before it is signed" in err
    assert untouched(db) and not out.exists()


def test_a_certificate_not_the_decision_maker_s_is_refused_naming_both(
        db, tmp_path, capsys) -> None:
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate(tmp_path, "Cllr Test"), out) == 1
    err = capsys.readouterr().err
    assert ("the certificate is in the name of Cllr Test, but 23/00098 is signed by Dan"
            " Watkins, who holds the post of Cabinet Member for Adult Social Care and Public"
            " Health: sign with Dan Watkins's certificate") in err
    assert "attach-scan NUMBER FILE --signed-on-paper" in err
    assert untouched(db) and not out.exists()
    # The holder's certificate, with a form of address, signs.
    assert sign(db, certificate(tmp_path, "Cllr Dan Watkins"), out) == 0
    assert out.exists()


def test_a_record_signed_in_person_on_paper_is_taken_with_its_scan(
        db, tmp_path, capsys) -> None:
    scan = tmp_path / "23-00098-signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% the page the Cabinet Member signed\n%%EOF\n")
    assert main(["--db", str(db), "attach-scan", "23/00098", str(scan),
                 "--signed-on-paper"]) == 0
    assert f"signed on paper by Dan Watkins. Attached {scan}" in capsys.readouterr().out
    reg = open_desk(db)
    try:
        d = decisions.decision(reg, "23/00098")
        assert (d.status, d.signed_by) == ("taken", "Dan Watkins")
        assert [k.kind for k in records.documents_for(reg, "23/00098")] == ["scan"]
    finally:
        reg.close()


def test_taking_is_refused_while_check_reports_an_error(sample_desk: Desk) -> None:
    """On every store: the sample's 23/00098 as taken would name a meeting it never went
    to."""
    sample_desk.clock.day = dt.date(2023, 11, 30)
    decisions.update_decision(sample_desk, "23/00098", {"interests_declared": "None.",
                                                        "consultation": WRONG_DAY})
    with pytest.raises(RuleViolation, match="check reports an error: The consultation text"
                                            " says the decision went to committee on"):
        decisions.transition(sample_desk, "23/00098", "take", on=dt.date(2023, 11, 30))
    assert decisions.decision(sample_desk, "23/00098").status == "proposed"
    decisions.update_decision(sample_desk, "23/00098", {
        "consultation": "The decision was discussed at the Adult Social Care Cabinet"
                        " Committee on 23 November 2023."})
    done = decisions.transition(sample_desk, "23/00098", "take", on=dt.date(2023, 11, 30))
    assert done.value.status == "taken"
