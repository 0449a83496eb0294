"""The Meetings screen's Minutes tab and Council ▸ Attendance…, driven as a clerk would
(pytest-qt, offscreen, over the demo register): a minute typed is saved when the clerk
moves on (or pauses), with "Saved" on the message line; attendance ticked is kept as the
``meeting attendance`` command keeps it; a decision item's outcome is the decision's;
approval asks first and leaves the tab read-only; a cancelled meeting and one not yet held
say so; the minutes open in the Documents screen; the statistics dialog shows the figures.
What the tab saved is read back through the use cases."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from governance import attendance, decisions, minutes
from tests.pdf_text import pdf_text
from ui.minutes_panel import APOLOGIES, PRESENT, VIRTUAL, ApproveMinutesDialog, CancelMeetingDialog

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)
JAN = dt.date(2024, 1, 18)
TODAY = dt.date(2024, 1, 20)


@pytest.fixture
def window(open_window):
    return open_window(TODAY, screen=3)


def minutes_tab(window, qtbot, date: dt.date = NOV):
    """The Minutes tab of the meeting on ``date``, shown."""
    view = window.meetings_view
    view.open_meeting(ASC, date)
    # The agenda's pages are counted in the background when a meeting opens: let that end
    # first (the tests below are about the minutes).
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    view.tabs.setCurrentWidget(view.minutes_panel)
    panel = view.minutes_panel
    assert panel.current == (ASC, date) and panel.sheet is not None
    return panel


def choose_item(panel, number: str) -> None:
    rows = [panel.items.item(i) for i in range(panel.items.count())]
    panel.items.setCurrentItem(next(r for r in rows if r.text().endswith(f"(Item {number})")
                                    or f"(Item {number})" in r.text()))
    assert panel.shown_item == number


def saved(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.saver.busy, timeout=20000)


def answer(monkeypatch, dialog: type[QDialog], fill, accept: bool = True) -> list:
    """Answer the dialog when shown: fill its fields, then OK (or Cancel); returns a list
    that records each time it was shown."""
    shown: list = []

    def exec_(self) -> int:
        shown.append(self)
        fill(self)
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected
    monkeypatch.setattr(dialog, "exec", exec_)
    return shown


def item_of(window, number: str, date: dt.date = NOV) -> minutes.ItemMinute:
    return item_of_desk(window.desk, number, date)


def item_of_desk(desk, number: str, date: dt.date = NOV) -> minutes.ItemMinute:
    sheet = minutes.sheet(desk, ASC, date)
    return next(it for it in sheet.items if it.item == number)


def test_a_minute_typed_is_saved_when_the_clerk_moves_on(window, qtbot):
    panel = minutes_tab(window, qtbot)
    choose_item(panel, "9")
    panel.text.setFocus()
    qtbot.keyClicks(panel.text, "Ms Smith introduced the quarterly report.")
    assert item_of(window, "9").text is None  # not yet: the clerk is still typing
    panel.resolved.setFocus()  # moves on: saved now, in the background
    assert panel.saver.busy
    saved(qtbot, panel)
    assert item_of(window, "9").text == "Ms Smith introduced the quarterly report."
    assert panel.message.text() == ("Saved. Recorded the minute of item 9 of Adult Social"
                                    " Care Cabinet Committee, Thursday 23 November 2023.")
    # The resolution too, and choosing another item saves what was typed first.
    qtbot.keyClicks(panel.resolved, "RESOLVED that the report be noted.")
    choose_item(panel, "10")
    saved(qtbot, panel)
    assert item_of(window, "9").resolved == "RESOLVED that the report be noted."
    assert panel.resolved.toPlainText() == ""  # item 10's, empty
    choose_item(panel, "9")
    assert panel.text.toPlainText() == "Ms Smith introduced the quarterly report."
    assert panel.prints.text() == "Prints as: RESOLVED that the report be noted."


def test_a_pause_in_typing_saves_without_leaving_the_field(window, qtbot):
    panel = minutes_tab(window, qtbot)
    choose_item(panel, "6")
    panel.text.setFocus()
    qtbot.keyClicks(panel.text, "The Cabinet Member gave a verbal update.")
    qtbot.waitUntil(lambda: item_of(window, "6").text is not None, timeout=20000)
    saved(qtbot, panel)
    assert item_of(window, "6").text == "The Cabinet Member gave a verbal update."
    assert panel.message.text().startswith("Saved.")
    assert panel.text.hasFocus() and panel.text.toPlainText().endswith("verbal update.")


def test_opening_another_meeting_saves_to_the_one_typed_for(window, qtbot):
    panel = minutes_tab(window, qtbot)
    choose_item(panel, "9")
    panel.text.setFocus()
    qtbot.keyClicks(panel.text, "Typed for November.")
    panel.tick("Mr A M Ridgers", PRESENT)  # a save under way: the minute's waits its turn
    assert panel.saver.job is not None
    window.meetings_view.open_meeting(ASC, dt.date(2019, 3, 12))
    assert panel.current == (ASC, dt.date(2019, 3, 12))
    qtbot.waitUntil(lambda: not window.meetings_view.places_pending, timeout=20000)
    saved(qtbot, panel)
    assert item_of(window, "9").text == "Typed for November."
    assert item_of(window, "9", dt.date(2019, 3, 12)).text is None
    assert panel.text.toPlainText() == ""
    assert panel.message.text() == ("Saved. Recorded the minute of item 9 of Adult Social"
                                    " Care Cabinet Committee, Thursday 23 November 2023.")


def test_closing_the_window_saves_what_was_being_typed(window, qtbot):
    panel = minutes_tab(window, qtbot)
    choose_item(panel, "10")
    panel.text.setFocus()
    qtbot.keyClicks(panel.text, "The annual report was noted.")
    desk = window.desk
    window.close()  # straight away, in the middle of typing
    assert item_of_desk(desk, "10").text == "The annual report was noted."


def test_ticking_attendance_keeps_it_as_the_command_does(window, qtbot):
    panel = minutes_tab(window, qtbot)
    panel.tick("Mr A M Ridgers", PRESENT)
    panel.tick("Ms L Wright", PRESENT)
    panel.tick("Mr D Ross", VIRTUAL)  # virtually means present
    panel.tick("Mrs P T Cole", APOLOGIES)
    panel.substitute_name.setEditText("Mr D Watkins")
    panel.substitute_for.setCurrentText("Mr A Brady")
    panel.add_substitute_button.click()
    panel.in_attendance.setFocus()
    qtbot.keyClicks(panel.in_attendance, "Richard Smith (Corporate Director of Adult Social"
                                         " Care and Health)")
    qtbot.keyClick(panel.in_attendance, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.in_attendance, "Emma West (Democratic Services Officer) (virtual)")
    panel.also_present.setFocus()
    qtbot.keyClicks(panel.also_present, "Mr G Gibbens (virtual)")
    panel.members.setFocus()
    saved(qtbot, panel)
    assert panel.message.text() == (
        "Saved. Recorded the attendance at Adult Social Care Cabinet Committee, Thursday 23"
        " November 2023: 4 present, 2 apologies, 1 also present, 2 in attendance.")
    m = minutes.minutes(window.desk, ASC, NOV)
    assert m.present == ("Mr A M Ridgers (Chairman)", "Ms L Wright (Vice-Chairman)",
                         "Mr D Ross (virtual)", "Mr D Watkins (Substitute for Mr A Brady)")
    assert m.in_attendance == ("Richard Smith (Corporate Director of Adult Social Care and"
                               " Health)", "Emma West (Democratic Services Officer) (virtual)")
    assert m.also_present == ("Mr G Gibbens (virtual)",)
    assert panel.also_present.toPlainText() == "Mr G Gibbens (virtual)"
    # The tab shows it as kept: the Chairman marked, Mr Brady's apologies ticked for him.
    assert panel.members.item(0, 0).text() == "Mr A M Ridgers (Chairman)"
    assert panel.chair.currentText() == "Mr A M Ridgers"
    rows = {panel.members.item(r, 0).data(256): r for r in range(panel.members.rowCount())}
    assert panel.members.item(rows["Mr A Brady"], APOLOGIES).checkState().value == 2
    assert panel.substitutes.item(0).text() == "Mr D Watkins for Mr A Brady"


def test_attendance_refused_keeps_the_ticks_until_put_right(window, qtbot):
    panel = minutes_tab(window, qtbot)
    panel.tick("Mr A M Ridgers", PRESENT)
    panel.also_present.setFocus()
    qtbot.keyClicks(panel.also_present, "Mr Nobody")
    panel.members.setFocus()
    saved(qtbot, panel)
    assert panel.message.text() == (
        "Not saved: 'Mr Nobody' (a member also present) is not a member in the register (add"
        " them with `member add`, or give the name as the register spells it).")
    panel.tick("Ms L Wright", PRESENT)  # the clerk goes on: the ticks stay as ticked
    saved(qtbot, panel)
    rows = {panel.members.item(r, 0).data(256): r for r in range(panel.members.rowCount())}
    assert all(panel.members.item(rows[name], PRESENT).checkState() == Qt.CheckState.Checked
               for name in ("Mr A M Ridgers", "Ms L Wright"))
    assert panel.also_present.toPlainText() == "Mr Nobody"
    assert [a.name for a in minutes.book(window.desk, ASC, NOV).attendance] == [
        "Mr A M Ridgers"]  # as saved before the refusal
    panel.also_present.setFocus()
    panel.also_present.selectAll()
    qtbot.keyClicks(panel.also_present, "Mr D Watkins")
    panel.members.setFocus()
    saved(qtbot, panel)
    assert panel.message.text().startswith("Saved. Recorded the attendance")
    assert [(a.name, a.kind) for a in minutes.book(window.desk, ASC, NOV).attendance] == [
        ("Mr A M Ridgers", "present"), ("Ms L Wright", "present"),
        ("Mr D Watkins", "also_present")]


def test_a_decision_items_outcome_is_the_decisions(window, qtbot):
    panel = minutes_tab(window, qtbot)
    choose_item(panel, "7")
    assert panel.outcome.isVisibleTo(panel) and "About decision 23/00098" in \
        panel.item_note.text()
    panel.outcome.setCurrentIndex(panel.outcome.findData("endorsed"))
    panel.outcome.activated.emit(panel.outcome.currentIndex())
    saved(qtbot, panel)
    d = decisions.decision(window.desk, "23/00098")
    assert [(c.date, c.outcome) for c in d.committee_considerations
            if c.committee == ASC] == [(NOV, "endorsed")]
    assert panel.prints.text().startswith(
        "Prints as: RESOLVED that the decision proposed to be taken by the Cabinet Member"
        " for Adult Social Care and Public Health, to")
    assert panel.prints.text().endswith("be endorsed.")
    choose_item(panel, "9")  # not about a decision: no outcome to choose
    assert not panel.outcome.isVisibleTo(panel)


def test_an_outcome_recorded_elsewhere_shows_when_the_tab_is_back(window, qtbot):
    panel = minutes_tab(window, qtbot)
    choose_item(panel, "7")
    window.show_screen(2)  # the Decision screen, where the outcome is recorded
    done = decisions.transition(window.desk, "23/00098", "record_outcome", committee=ASC,
                                on=NOV, outcome="noted")
    window.apply_changes(done.changes, window.decision_view)
    window.show_screen(3)
    assert panel.shown_item == "7"
    assert panel.prints.text().endswith("be noted.")


def test_a_declaration_of_interest_on_an_item(window, qtbot):
    panel = minutes_tab(window, qtbot)
    choose_item(panel, "8")
    panel.declaring.setCurrentText("Mr D Ross")
    panel.declaration_text.setText("His daughter works for an NHS trust.")
    panel.declare_button.click()
    saved(qtbot, panel)
    assert [(d.member, d.text) for d in item_of(window, "8").declarations] == [
        ("Mr D Ross", "His daughter works for an NHS trust.")]
    assert (panel.declarations.item(0, 0).text(), panel.declarations.item(0, 1).text()) == (
        "Mr D Ross", "His daughter works for an NHS trust.")
    panel.declarations.selectRow(0)
    panel.remove_declaration_button.click()
    saved(qtbot, panel)
    assert item_of(window, "8").declarations == ()
    assert panel.declarations.rowCount() == 0


def test_approving_asks_first_then_the_minutes_are_read_only(window, qtbot, monkeypatch):
    view = window.meetings_view
    assert view.new_meeting(ASC, JAN, "10:00")  # its agenda: "Minutes of the meeting held on
    panel = minutes_tab(window, qtbot)                # 23 November 2023"
    panel.tick("Mr A M Ridgers", PRESENT)
    saved(qtbot, panel)
    # Asked, and the clerk says no: nothing approved.
    asked = answer(monkeypatch, ApproveMinutesDialog, lambda d: None, accept=False)
    panel.approve_button.click()
    assert len(asked) == 1 and minutes.book(window.desk, ASC, NOV).approval is None
    assert not panel.text.isReadOnly()

    def fill(dialog: ApproveMinutesDialog) -> None:
        dialog.correction.setPlainText("Mr Ross's name added to those present.")
    asked = answer(monkeypatch, ApproveMinutesDialog, fill)
    panel.approve_button.click()
    assert len(asked) == 1
    approval = minutes.book(window.desk, ASC, NOV).approval
    assert (approval.approved_at, approval.correction) == (
        JAN, "Mr Ross's name added to those present.")
    assert panel.message.text().startswith("Approved the minutes of Adult Social Care Cabinet"
                                           " Committee, Thursday 23 November 2023")
    assert panel.state.text().startswith(
        "Approved as a correct record at the meeting of the Adult Social Care Cabinet"
        " Committee held on Thursday 18 January 2024, subject to this correction: Mr Ross's"
        " name added to those present.")
    assert panel.text.isReadOnly() and panel.resolved.isReadOnly()
    assert not panel.members.isEnabled() and not panel.declare_button.isEnabled()
    assert not panel.approve_button.isEnabled()
    assert panel.actions_reason.text() == "Approved: minutes are approved once."
    assert panel.items_reason.text() == "The minutes are approved and frozen: read only."
    assert panel.minutes_button.isEnabled()  # they can still be read and printed


def test_a_meeting_not_yet_held_prepares_attendance_only(window, qtbot):
    view = window.meetings_view
    assert view.new_meeting(ASC, dt.date(2024, 3, 14), "10:00")
    panel = minutes_tab(window, qtbot, dt.date(2024, 3, 14))
    assert panel.state.text().startswith("This meeting has not been held yet (Thursday 14"
                                         " March 2024): you can prepare its attendance")
    assert panel.text.isReadOnly() and not panel.declare_button.isEnabled()
    assert not panel.approve_button.isEnabled()
    assert not panel.minutes_button.isEnabled()
    assert panel.documents_reason.text() == ("The minutes are made once the meeting has been"
                                             " held.")
    panel.tick("Mrs P T Cole", APOLOGIES)
    saved(qtbot, panel)
    assert [(a.name, a.kind) for a in minutes.book(window.desk, ASC,
                                                   dt.date(2024, 3, 14)).attendance] == [
        ("Mrs P T Cole", "apologies")]


def test_cancelling_a_meeting_asks_why_and_says_so(window, qtbot, monkeypatch):
    view = window.meetings_view
    assert view.new_meeting(ASC, dt.date(2024, 3, 14), "10:00")
    panel = minutes_tab(window, qtbot, dt.date(2024, 3, 14))
    assert panel.cancel_button.isEnabled()

    def fill(dialog: CancelMeetingDialog) -> None:
        assert not dialog.ok.isEnabled()  # no reason, no cancelling
        dialog.reason.setText("no business to transact")
    answer(monkeypatch, CancelMeetingDialog, fill)
    panel.cancel_button.click()
    assert minutes.book(window.desk, ASC, dt.date(2024, 3, 14)).cancelled == \
        "no business to transact"
    assert panel.state.text() == ("Cancelled: no business to transact. A cancelled meeting"
                                  " is not minuted.")
    assert not panel.members.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.documents_reason.text() == "A cancelled meeting has no minutes."
    listed = [view.meetings.item(i).text() for i in range(view.meetings.count())]
    assert "14 March 2024 (cancelled: no business to transact)\n" + ASC in listed


def test_the_minutes_buttons_open_the_documents_screen(window, qtbot):
    panel = minutes_tab(window, qtbot)
    documents = window.documents_view
    panel.public_button.click()
    assert window.stack.currentWidget() is documents
    request = documents.current_request()
    assert (request.kind, request.committee, request.date, request.public) == (
        "minutes", ASC, NOV, True)
    qtbot.waitUntil(lambda: documents.job is None, timeout=30000)


def test_the_minutes_are_built_and_saved_from_the_documents_screen(window, qtbot, tmp_path):
    panel = minutes_tab(window, qtbot)
    panel.tick("Mr A M Ridgers", PRESENT)
    saved(qtbot, panel)
    panel.minutes_button.click()
    documents = window.documents_view
    qtbot.waitUntil(lambda: documents.job is None, timeout=30000)
    assert documents.message.text().startswith(f"Minutes — {ASC}, 23 November 2023: ")
    assert "PRESENT: Mr A M Ridgers (Chairman)" in pdf_text(documents.result)
    assert documents.save_to(tmp_path / "minutes.pdf")
    assert documents.message.text().startswith(
        f"Wrote the draft minutes of {ASC}, Thursday 23 November 2023 (PDF, ")
    assert "PRESENT: Mr A M Ridgers (Chairman)" in pdf_text(
        (tmp_path / "minutes.pdf").read_bytes())


def test_the_attendance_dialog_shows_the_figures(window, qtbot):
    minutes.set_attendance(window.desk, ASC, NOV, present=["Mr A M Ridgers", "Ms L Wright"],
                           apologies=["Mrs P T Cole"],
                           substitutes=["Mr A Brady=Mr D Watkins"])
    window.meetings_view.open_meeting(ASC, NOV)
    qtbot.waitUntil(lambda: not window.meetings_view.places_pending, timeout=20000)
    dialog = window.attendance_dialog()
    assert dialog.committee.currentText() == ASC
    assert dialog.year.currentText() == "2023/24"
    assert [dialog.year.itemText(i) for i in range(dialog.year.count())] == [
        "2023/24", "2018/19", "All years"]
    assert dialog.heading.text() == (f"{ASC}: municipal year 2023/24 (1 June 2023 to 31 May"
                                     " 2024)")
    rows = {row[0]: row[1:] for row in dialog.rows()}
    #                           role, expected, attended, virtual, apologies, subst., absent, %
    assert rows["Mr A M Ridgers"] == ["Chairman", "1", "1", "0", "0", "0", "0", "100%"]
    assert rows["Mrs P T Cole"] == ["Member", "1", "0", "0", "1", "0", "0", "0%"]
    assert rows["Mr A Brady"] == ["Member", "1", "0", "0", "1", "1", "0", "0%"]
    assert rows["Mr D Ross"] == ["Member", "1", "0", "0", "0", "0", "1", "0%"]
    assert dialog.substitutes.text() == "Substitutes: Mr D Watkins, 1 meeting (for Mr A Brady (1))."
    assert "1 meeting counted: 23 November 2023." in dialog.notes.text()
    dialog.choose(ASC, "2018/19")  # March 2019: held, nothing recorded
    assert all(row[2] == "0" for row in dialog.rows())
    assert "Not counted, held but no attendance recorded: 12 March 2019." in \
        dialog.notes.text()
    assert attendance.statistics(window.desk, ASC, "2018/19").not_recorded == (
        dt.date(2019, 3, 12),)
