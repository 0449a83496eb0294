"""Acts undo cannot reverse ask first, saying what will happen, with Cancel the default:
Take (sign), Withdraw and Sign…; a refused signing brings the sign dialog back with what
was typed (never the passphrase); unsaved edits are marked; a message never pushes the
buttons and tabs down; why an action is not offered is shown beside the buttons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from governance import decisions, exchange
from tests.certificates import self_signed_pkcs12
from tests.conftest import open_desk
from tests.test_window_record_files import make_takeable
from ui.decision_view import DecisionView
from ui.record_files import RecordFilesPanel, SignDialog

ORIGINAL_CONFIRM = DecisionView.confirm  # the question itself, before the suite answers it
NUMBER = "23/00098"
PASSPHRASE = "correct horse battery staple"
TODAY = dt.date(2023, 12, 1)
SIGNER = ("Dan Watkins, who holds the post of Cabinet Member for Adult Social Care and Public"
          " Health")


@pytest.fixture
def window(open_window, demo_register):
    make_takeable(demo_register)
    return open_window(TODAY)


def press_enter_on_the_question() -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox), box
    QTest.keyClick(box, Qt.Key.Key_Return)


def test_take_asks_first_saying_what_will_happen_with_cancel_the_default(window) -> None:
    window.open_decision(NUMBER)
    view = window.decision_view
    box = view.confirmation("take")
    assert box.text() == (f"{NUMBER} will be taken and frozen; the record will be signed by"
                          f" {SIGNER}.")
    assert "undo cannot reverse it" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    # Enter on the question is Cancel: nothing is taken.
    QTimer.singleShot(0, press_enter_on_the_question)
    assert ORIGINAL_CONFIRM(view, "take") is False
    withdraw = view.confirmation("withdraw")
    assert withdraw.text() == f"{NUMBER} will be withdrawn and frozen."
    assert withdraw.defaultButton() is withdraw.button(QMessageBox.StandardButton.Cancel)


def test_cancelling_the_question_takes_nothing(window, monkeypatch) -> None:
    monkeypatch.setattr(DecisionView, "confirm", lambda self, action: False)
    window.open_decision(NUMBER)
    view = window.decision_view
    assert view.action_buttons["take"].isEnabled(), view.action_buttons["take"].toolTip()
    view.action_buttons["take"].click()
    assert decisions.decision(window.desk, NUMBER).status == "considered"
    assert view.banner.text() == "Take (sign): cancelled; nothing changed."
    view.action_buttons["withdraw"].click()
    assert decisions.decision(window.desk, NUMBER).status == "considered"


@pytest.fixture
def reg(tmp_path: Path):
    path = tmp_path / "register.sqlite"
    desk = open_desk(path)
    exchange.load_demo(desk)
    make_takeable(desk)
    yield desk
    desk.close()


def test_a_refused_signing_brings_the_dialog_back_with_what_was_typed(
        qtbot, reg, tmp_path, monkeypatch) -> None:
    someone = tmp_path / "test.p12"
    self_signed_pkcs12(someone, PASSPHRASE, "Cllr Test")
    out = tmp_path / "signed.pdf"

    def typed(dialog: SignDialog) -> int:
        dialog.certificate.setText(str(someone))
        dialog.passphrase.setText(PASSPHRASE)
        dialog.output.setText(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignDialog, "exec", typed)
    panel = RecordFilesPanel(reg)
    qtbot.addWidget(panel)
    panel.set_decision(NUMBER)
    question = panel.sign_question()
    assert question.text() == (f"{NUMBER} will be taken and frozen; the record will be signed"
                               f" by {SIGNER}.")
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    panel.prompt_sign()
    qtbot.waitUntil(lambda: panel.job is None, timeout=20000)
    assert panel.message.text().startswith("Not signed: the certificate is in the name of"
                                           " Cllr Test, but 23/00098 is signed by Dan Watkins")
    again = panel.sign_dialog()
    assert (again.certificate.text(), again.output.text(), again.passphrase.text()) == (
        str(someone), str(out), "")
    assert decisions.decision(reg, NUMBER).status == "considered" and not out.exists()


def test_unsaved_edits_are_marked_in_the_title_and_on_save(window) -> None:
    window.open_decision(NUMBER)
    view = window.decision_view
    assert not window.isWindowModified() and view.save_button.text() == "Save"
    view.title_edit.setFocus()
    QTest.keyClicks(view.title_edit, " (revised)")
    assert window.isWindowModified() and view.save_button.text() == "Save*"
    assert view.save()
    assert not window.isWindowModified() and view.save_button.text() == "Save"


def test_a_message_never_pushes_the_buttons_and_tabs_down(window) -> None:
    window.open_decision(NUMBER)
    view = window.decision_view
    QApplication.processEvents()

    def places() -> tuple[int, int]:
        return (view.save_button.mapTo(view, QPoint(0, 0)).y(),
                view.tabs.mapTo(view, QPoint(0, 0)).y())

    before = places()
    view.text_edits["alternatives"].setPlainText("None were considered.")
    assert view.save()
    QApplication.processEvents()
    assert view.banner.isVisible() and view.banner.text() == f"Saved {NUMBER}."
    assert places() == before
    window.open_decision("23/00091")
    QApplication.processEvents()
    assert places() == before


def test_why_an_action_is_not_offered_is_shown_beside_the_buttons(window) -> None:
    number = window.new_decision("Carers Short Breaks Service")
    view = window.decision_view
    assert not view.action_buttons["take"].isEnabled()
    assert view.action_reasons.isVisible()
    assert ("Take (sign): no decision maker is recorded: enter who takes the decision (e.g."
            " the Cabinet Member) (and 5 more)") in view.action_reasons.text().split("\n")
    assert "the EqIA is not recorded" in view.action_reasons.toolTip()  # all of them
    # Only what blocks: not "the decision is draft" for Publish, Call in and the rest.
    assert "the decision is draft" not in view.action_reasons.text()
    assert number


def test_taken_in_the_window_it_is_signed_by_the_holder_and_sign_says_why_not(
        window) -> None:
    window.open_decision(NUMBER)
    view = window.decision_view
    view.action_buttons["take"].click()  # the suite answers the question: OK
    d = decisions.decision(window.desk, NUMBER)
    assert (d.status, d.signed_by) == ("taken", "Dan Watkins")  # the person, not the post
    files = view.record_files
    scan = Path(str(window.desk.store.location)).parent / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed in ink\n%%EOF\n")
    files.attach_scan(scan)
    # Sign… is not offered now, and why is said beside it, not only in its tooltip.
    assert not files.sign_button.isEnabled()
    assert not files.sign_reason.isHidden()
    assert files.sign_reason.text().startswith(
        "Sign: 23/00098 already has a scan of its paper-signed Record of Decision")
