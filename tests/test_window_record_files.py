"""The Decision screen's files: signing in the background (refusals shown, Cancel undoes
everything), scans, verifying, and EqIA/DPIA documents — driven as a clerk would."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from governance import decisions, exchange, records
from governance.desk import Desk
from tests.certificates import self_signed_pkcs12
from tests.conftest import open_desk
from ui.record_files import AssessmentFilesPanel, RecordFilesPanel

NUMBER = "23/00098"
ASC = "Adult Social Care Cabinet Committee"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A self-signed signing certificate for "Dan Watkins" as PKCS#12, and the
    certificate as PEM."""
    path = tmp_path_factory.mktemp("cert") / "dan.p12"
    return path, self_signed_pkcs12(path, PASSPHRASE)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register in one file (copied for each test)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    desk = open_desk(path)
    exchange.load_demo(desk)
    desk.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.close()
    return path


@pytest.fixture
def reg(demo_file: Path, tmp_path: Path):
    path = tmp_path / "register.sqlite"
    shutil.copyfile(demo_file, path)
    desk = open_desk(path)
    yield desk
    desk.close()


#: 23/00098's consultation as the taken record says it.
CONSULTED = ("The proposed decision was discussed at the Adult Social Care Cabinet Committee"
             " on 23 November 2023, which endorsed it.")


def make_takeable(desk: Desk, number: str = NUMBER) -> None:
    """Fill in what the demo's 23/00098 lacks before it can be taken: the interests
    field, the Forward Plan notice and the committee's outcome; and put right what
    ``check`` finds in its consultation text (the papers' wrong date, "will be discussed"),
    which would stop it being signed."""
    decisions.update_decision(desk, number, {"consultation": CONSULTED,
                                             "interests_declared": "None.",
                                             "notice_published_on": dt.date(2023, 10, 2)})
    decisions.transition(desk, number, "record_outcome", committee=ASC,
                         on=dt.date(2023, 11, 23), outcome="endorsed")


def status(desk: Desk) -> str:
    return decisions.decision(desk, NUMBER).status


@pytest.fixture
def panel(qtbot, reg: Desk) -> RecordFilesPanel:
    widget = RecordFilesPanel(reg)
    qtbot.addWidget(widget)
    widget.set_decision(NUMBER)
    return widget


def _sign(qtbot, panel: RecordFilesPanel, p12: Path, passphrase: str, out: Path) -> str:
    panel.sign(p12, passphrase, out)
    assert not panel.sign_button.isEnabled()  # one signing at a time
    qtbot.waitUntil(lambda: panel.job is None, timeout=20000)
    return panel.message.text()


def test_signing_refused_by_a_rule_shows_the_reason_and_keeps_nothing(
    qtbot, panel: RecordFilesPanel, reg: Desk, certificate, tmp_path: Path,
) -> None:
    out = tmp_path / "signed.pdf"
    message = _sign(qtbot, panel, certificate[0], PASSPHRASE, out)
    assert message.startswith(f"Not signed: Cannot take {NUMBER}: ")  # the clerk's words
    assert "RuleViolation" not in message and "(interests)" not in message
    assert "interests" in message.lower()  # the demo's 23/00098 lacks the interests field
    assert not out.exists()
    assert status(reg) == "proposed"
    assert panel.table.rowCount() == 0
    assert panel.sign_button.isEnabled()


def test_a_wrong_passphrase_names_the_file(
    qtbot, panel: RecordFilesPanel, reg: Desk, certificate, tmp_path: Path,
) -> None:
    make_takeable(reg)
    message = _sign(qtbot, panel, certificate[0], "not it", tmp_path / "signed.pdf")
    assert message == (f"Not signed: {certificate[0]}: cannot be opened with the passphrase"
                       " given (wrong passphrase, or not a PKCS#12 file)")
    assert status(reg) != "taken"


def test_sign_in_the_background_then_verify_and_save_a_copy(
    qtbot, panel: RecordFilesPanel, reg: Desk, certificate, tmp_path: Path,
) -> None:
    make_takeable(reg)
    out = tmp_path / "signed.pdf"
    changed: list = []
    panel.changed.connect(changed.append)
    message = _sign(qtbot, panel, certificate[0], PASSPHRASE, out)
    # What signing says, the `sign` command's sentences: taken now, signed, kept.
    assert message.startswith(f"Took {NUMBER} on "), message
    assert "(every rule for taking it holds)" in message
    assert f"Signed the Record of Decision of {NUMBER} as Dan Watkins and wrote it to {out}." \
        in message
    assert [(c.decisions, c.documents) for c in changed] == [({NUMBER}, {NUMBER})]
    assert status(reg) == "taken"  # the panel's own connection wrote; this one sees it
    assert [panel.table.item(0, c).text() for c in (1, 2, 3)] == \
        ["Signed Record of Decision", "signed.pdf", "Dan Watkins"]
    assert panel.verify(out) is True
    assert "OK: the signature is intact and covers the whole file" in panel.message.text()
    assert not panel.sign_button.isEnabled()  # signed once: never a second time
    # The button says why in the words signing would refuse with (governance's rule).
    refusal = records.sign_refusal(reg, NUMBER)
    assert refusal is not None and refusal.startswith(
        f"{NUMBER} already has a signed Record of Decision (kept ")
    assert panel.sign_button.toolTip() == refusal[0].upper() + refusal[1:] + "."
    assert f"matches the signed Record of Decision of {NUMBER}" in panel.message.text()

    panel.table.selectRow(0)
    assert panel.save_button.isEnabled()
    copy = tmp_path / "copy.pdf"
    panel.save_copy(0, copy)
    assert copy.read_bytes() == out.read_bytes()


def test_cancel_undoes_the_taking_and_writes_nothing(
    qtbot, panel: RecordFilesPanel, reg: Desk, certificate, tmp_path: Path,
) -> None:
    make_takeable(reg)
    before = status(reg)
    out = tmp_path / "signed.pdf"
    changed: list = []
    panel.changed.connect(changed.append)
    panel.sign(certificate[0], PASSPHRASE, out)
    job = panel.job
    assert job is not None and panel.cancel_button.isEnabled()
    assert panel.cancel_button.isVisibleTo(panel) and panel.progress.isVisibleTo(panel)
    panel.cancel()
    assert not panel.cancel_button.isVisibleTo(panel)
    assert panel.message.text() == "Signing cancelled: nothing was taken, kept or written."
    assert job.wait(20)
    qtbot.wait(50)  # what the work gave back (a refusal: cancelled) is discarded
    assert panel.message.text() == "Signing cancelled: nothing was taken, kept or written."
    assert changed == []
    assert not out.exists()
    assert status(reg) == before != "taken"
    assert records.documents_for(reg, NUMBER) == []
    assert panel.sign_button.isEnabled() and not panel.cancel_button.isEnabled()


def test_a_scan_is_attached_and_verify_finds_it(
    qtbot, panel: RecordFilesPanel, reg: Desk, tmp_path: Path,
) -> None:
    assert not panel.scan_button.isEnabled()
    assert "not been taken" in panel.scan_button.toolTip()
    refusal = records.scan_refusal(reg, NUMBER)
    assert panel.scan_button.toolTip() == refusal[0].upper() + refusal[1:] + "."
    make_takeable(reg)
    decisions.transition(reg, NUMBER, "take", on=dt.date(2023, 11, 30),
                         signed_by="Dan Watkins")
    panel.set_decision(NUMBER)
    assert panel.scan_button.isEnabled()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 a scan of the record signed on paper")
    panel.attach_scan(scan)
    assert panel.message.text().startswith(f"Attached {scan} to {NUMBER} as the scan of its"
                                           " paper-signed Record of Decision; SHA-256 ")
    assert panel.table.item(0, 1).text() == "Scan (signed on paper)"
    assert panel.verify(scan) is True  # matched by its hash
    assert "scan of the paper-signed Record of Decision of 23/00098" in panel.message.text()
    panel.attach_scan(tmp_path / "missing.pdf")
    assert panel.message.text().startswith("Not attached: ")
    assert "missing.pdf" in panel.message.text()
    assert panel.table.rowCount() == 1


def test_eqia_documents_are_attached_listed_and_opened(
    qtbot, reg: Desk, tmp_path: Path,
) -> None:
    eqia = AssessmentFilesPanel(reg, "eqia")
    dpia = AssessmentFilesPanel(reg, "dpia")
    qtbot.addWidget(eqia)
    qtbot.addWidget(dpia)
    eqia.set_decision(NUMBER)
    dpia.set_decision(NUMBER)
    assert eqia.attach_button.text() == "Attach EqIA document…"
    document = tmp_path / "EqIA v1.docx"
    document.write_bytes(b"PK\x03\x04 the assessment")
    eqia.attach(document)
    dpia.set_decision(NUMBER)
    assert eqia.table.rowCount() == 1 and dpia.table.rowCount() == 0
    assert eqia.table.item(0, 1).text() == "EqIA v1.docx"
    assert not eqia.open_button.isEnabled()
    eqia.table.selectRow(0)
    assert eqia.open_button.isEnabled()
    copy = eqia.selected_copy()
    assert copy is not None and copy.name == "EqIA v1.docx"
    assert copy.read_bytes() == b"PK\x03\x04 the assessment"
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    eqia.attach(empty)
    assert eqia.message.text().endswith("empty.docx: the file is empty")
    assert eqia.table.rowCount() == 1


# --- on the Decision screen ------------------------------------------------------------------


def _history(view) -> list[list[str]]:
    return [[view.history.item(r, c).text() for c in (2, 3)]
            for r in range(view.history.rowCount())]


def test_signing_from_the_decision_screen_takes_it_and_shows_the_signature_in_history(
    qtbot, reg: Desk, certificate, tmp_path: Path,
) -> None:
    from ui.decision_view import DecisionView

    make_takeable(reg)
    view = DecisionView(reg, today=dt.date(2023, 11, 30))
    qtbot.addWidget(view)
    view.open(NUMBER)
    tabs = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert tabs[-2:] == ["&Signed records", "&History"]
    view.tabs.setCurrentWidget(view.record_files)
    assert view.status_badge.text() == "Considered by committee"
    changed: list = []
    view.changed.connect(changed.append)
    message = _sign(qtbot, view.record_files, certificate[0], PASSPHRASE, tmp_path / "signed.pdf")
    assert message.startswith(f"Took {NUMBER} on 30 November 2023"), message
    assert f"Signed the Record of Decision of {NUMBER} as Dan Watkins" in message
    assert [c.decisions for c in changed] == [{NUMBER}]
    # The screen shows the decision as it now is: taken, its text frozen, its history with
    # the taking and the signature.
    assert view.status_badge.text() == "Taken"
    assert not view.title_edit.isEnabled() or view.title_edit.isReadOnly()
    assert not view.action_buttons["take"].isEnabled()
    action, what = _history(view)[0]
    assert action == "sign (PAdES)"
    assert what.startswith("signed Record of Decision signed.pdf; signed by Dan Watkins;"
                           " SHA-256 ")
    digest = records.documents_for(reg, NUMBER)[0].sha256
    assert digest[:16] in what
    assert "take" in [a for a, _ in _history(view)]


def test_an_eqia_document_attached_on_the_assessments_tab_is_listed_and_in_history(
    qtbot, reg: Desk, tmp_path: Path,
) -> None:
    from ui.decision_view import DecisionView

    view = DecisionView(reg, today=dt.date(2023, 11, 1))
    qtbot.addWidget(view)
    view.open(NUMBER)
    view.title_edit.setText("An edit not yet saved")
    document = tmp_path / "EqIA 23-00098.pdf"
    document.write_bytes(b"%PDF-1.4 the equality impact assessment")
    view.assessment_files["eqia"].attach(document)
    assert view.assessment_files["eqia"].table.item(0, 1).text() == "EqIA 23-00098.pdf"
    assert view.assessment_files["dpia"].table.rowCount() == 0
    assert _history(view)[0][0] == "attach EqIA"
    assert _history(view)[0][1].startswith("EqIA document EqIA 23-00098.pdf; SHA-256 ")
    assert view.title_edit.text() == "An edit not yet saved"  # the clerk's edit is kept


def test_the_sign_dialog_labels_its_fields_and_waits_for_a_certificate(qtbot) -> None:
    from ui.record_files import SignDialog

    dialog = SignDialog(NUMBER, Path("/home/clerk/Record of Decision 23-00098.pdf"))
    qtbot.addWidget(dialog)
    assert {name: label.text() for name, label in dialog.labels.items()} == {
        "Certificate": "&Certificate:", "Passphrase": "&Passphrase:", "Save as": "&Save as:"}
    assert dialog.labels["Certificate"].buddy() is dialog.certificate
    assert dialog.labels["Save as"].buddy() is dialog.output
    assert not dialog.sign_button.isEnabled()
    assert dialog.sign_button.toolTip() == "Give the certificate first"
    dialog.certificate.setText("/home/clerk/dan.p12")
    assert dialog.sign_button.isEnabled()
    dialog.output.clear()
    assert not dialog.sign_button.isEnabled()
    assert dialog.sign_button.toolTip() == "Give where to save first"


def test_a_kept_record_opens_as_a_copy_and_an_altered_one_is_refused(
    qtbot, panel: RecordFilesPanel, reg: Desk, tmp_path: Path,
) -> None:
    import sqlite3

    make_takeable(reg)
    decisions.transition(reg, NUMBER, "take", on=dt.date(2023, 11, 30),
                         signed_by="Dan Watkins")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 a scan of the record signed on paper")
    panel.set_decision(NUMBER)
    panel.attach_scan(scan)
    assert not panel.open_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.open_button.isEnabled()
    copy = panel.selected_copy()
    assert copy is not None and copy.name == "scan.pdf"
    assert copy.read_bytes() == scan.read_bytes()
    # Altered behind the app's back (the append-only trigger dropped first): refused.
    raw = sqlite3.connect(reg.store.path)
    with raw:
        raw.execute("DROP TRIGGER decision_documents_append_only_update")
        raw.execute("UPDATE decision_documents SET content = X'00'")
    raw.close()
    assert panel.selected_copy() is None
    assert panel.message.text().startswith("Not opened: the kept copy of the scan of the"
                                           " paper-signed Record of Decision of 23/00098 no"
                                           " longer matches the SHA-256")
