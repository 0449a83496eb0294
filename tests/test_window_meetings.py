"""The Meetings screen driven as a clerk would: a meeting's clerk, Proper Officer and
notices (new and edited), sub-items, removing a paper or an item (asked first), moving
sub-items and publishing with the day and, when late, the reason. The window says what
the ``meeting`` command prints (pytest-qt, offscreen; the dialogs are answered by filling
their real fields)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from governance import decisions, documents, meetings
from governance.agenda import MeetingDetails
from main import main
from tests.conftest import pdf_bytes
from ui.meeting_dialogs import AddItemDialog, NewMeetingDialog, PublishDialog

ASC = "Adult Social Care Cabinet Committee"
NOV_2023 = dt.date(2023, 11, 23)
JAN_2024 = dt.date(2024, 1, 18)
AGENDA_2024 = f"the agenda of {ASC}, Thursday 18 January 2024"
#: What publishing says first: the previous meeting's draft minutes went on the agenda.
DRAFT_MINUTES = "The draft minutes of 23 November 2023 attached to item 4 as its paper.\n"
TODAY = dt.date(2024, 1, 3)


@pytest.fixture
def window(open_window):
    return open_window(TODAY, screen=3)


@pytest.fixture
def view(window):
    """The Meetings screen on a meeting of its own: 18 January 2024, six standing items."""
    view = window.meetings_view
    assert view.new_meeting(ASC, JAN_2024, "10:00")
    return view


def answer(monkeypatch, dialog: type[QDialog], fill: Callable[[QDialog], object],
           accept: bool = True) -> None:
    """Answer the dialog when it is shown: fill its fields, then OK (or Cancel)."""
    def exec_(self) -> int:
        fill(self)
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected
    monkeypatch.setattr(dialog, "exec", exec_)


@pytest.fixture
def questions(monkeypatch) -> list:
    """Every QMessageBox question asked, as (title, text, details); answer with
    ``questions.reply``."""
    asked: list = []

    class Asked(list):
        reply = QMessageBox.StandardButton.Yes

    asked = Asked()

    def exec_(box: QMessageBox) -> int:
        asked.append((box.windowTitle(), box.text(), box.informativeText()))
        return asked.reply
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def papers(tmp_path: Path, *names: str) -> list[str]:
    out = []
    for name in names:
        (tmp_path / name).write_bytes(pdf_bytes(name))
        out.append(str(tmp_path / name))
    return out


def attach(qtbot, view, item: str, paths: list[str]) -> None:
    """Attach the files to the item as dropping them does: in the background, the progress
    shown meanwhile; back when it has ended."""
    job = view.attach_files(item, paths)
    assert job is not None and view.attach_job is job
    assert view.progress.isVisibleTo(view) and view.cancel_button.isVisibleTo(view)
    qtbot.waitUntil(lambda: view.attach_job is None, timeout=20000)
    assert not view.progress.isVisibleTo(view)


def stored(window, date: dt.date = JAN_2024) -> MeetingDetails:
    return meetings.meeting(window.desk, ASC, date)


def command(capsys, window, *args: str) -> tuple[int, str, str]:
    """The same thing done by ``meeting ...`` on the window's register."""
    code = main(["--db", str(window.desk.store.path), "meeting", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- the meeting's details ---------------------------------------------------------------


def test_new_meeting_asks_for_the_clerk_proper_officer_and_notices(window, monkeypatch):
    view = window.meetings_view
    seen: dict = {}

    def fill(dialog: NewMeetingDialog) -> None:
        # The committee's latest meeting's clerk and Proper Officer are offered.
        seen["asc"] = (dialog.committee.currentText(), dialog.clerk.currentData(),
                       dialog.proper_officer.currentData())
        dialog.committee.setCurrentText("Cabinet")  # no meetings yet: nobody offered
        seen["cabinet"] = (dialog.clerk.currentData(), dialog.proper_officer.currentData())
        seen["clerks"] = [dialog.clerk.itemText(i) for i in range(dialog.clerk.count())]
        dialog.date.setDate(QDate(2024, 3, 14))
        dialog.time.setText("14:00")
        dialog.clerk.setCurrentIndex(dialog.clerk.findData("Dominic Westhoff"))
        dialog.proper_officer.setCurrentIndex(dialog.proper_officer.findData("General Counsel"))
        dialog.notices["webcasting"].setChecked(True)
        dialog.notices["refreshments"].setChecked(True)

    answer(monkeypatch, NewMeetingDialog, fill)
    view.new_meeting_button.click()
    assert seen["asc"] == (ASC, "Dominic Westhoff", "General Counsel")
    assert seen["cabinet"] == (None, None)
    assert seen["clerks"][0] == "(none)"
    assert "Dominic Westhoff — Democratic Services Officer" in seen["clerks"]
    assert view.heading.text() == "Cabinet — Thursday 14 March 2024"
    assert view.where.text() == (
        "at 2.00 pm; Council Chamber, Sessions House, County Hall, Maidstone; Ask for: Dominic"
        " Westhoff; Proper Officer: Benjamin Watts, General Counsel; Notices: webcasting,"
        " refreshments")
    m = meetings.meeting(window.desk, "Cabinet", dt.date(2024, 3, 14)).meeting
    assert (m.clerk, m.proper_officer, m.notices) == (
        "Dominic Westhoff", "General Counsel", ["webcasting", "refreshments"])


def test_edit_meeting_details_opens_filled_in_and_says_what_the_command_says(
        window, monkeypatch):
    view = window.meetings_view
    view.open_meeting(ASC, NOV_2023)
    seen: list = []

    def fill(dialog: NewMeetingDialog) -> None:
        seen.append((dialog.windowTitle(), dialog.committee.currentText(),
                     dialog.committee.isEnabled(), dialog.date.date(), dialog.time.text(),
                     dialog.clerk.currentData(), dialog.proper_officer.currentData(),
                     [k for k, box in dialog.notices.items() if box.isChecked()]))
        dialog.proper_officer.setCurrentIndex(
            dialog.proper_officer.findData("Director of Public Health"))
        dialog.notices["remote_attendance"].setChecked(True)

    answer(monkeypatch, NewMeetingDialog, fill)
    view.edit_meeting_button.click()
    assert seen == [("Edit meeting details", ASC, False, QDate(2023, 11, 23), "14:00",
                     "Dominic Westhoff", "General Counsel", [])]
    assert view.message.text() == (
        f"Changed the meeting of {ASC} on Thursday 23 November 2023: Proper Officer from"
        " General Counsel to Director of Public Health; notices from none to"
        " remote_attendance. Its agenda was published on Wednesday 15 November 2023:"
        " republish it (make the front sheet again and publish that) so the published agenda"
        " shows the change.")
    assert "Proper Officer: Dr Anjan Ghosh, Director of Public Health" in view.where.text()
    assert "Notices: remote attendance" in view.where.text()
    row = decisions.audit_trail(window.desk, "meeting")[-1]
    assert row.action == "update_details"


def test_cancelling_the_details_changes_nothing(window, monkeypatch):
    view = window.meetings_view
    view.open_meeting(ASC, NOV_2023)
    rows = len(decisions.audit_trail(window.desk))
    answer(monkeypatch, NewMeetingDialog,
           lambda d: d.clerk.setCurrentIndex(0), accept=False)
    view.edit_meeting_button.click()
    assert len(decisions.audit_trail(window.desk)) == rows
    assert stored(window, NOV_2023).meeting.clerk == "Dominic Westhoff"


# --- items and papers --------------------------------------------------------------------


def test_a_sub_item_is_added_under_an_item_and_moved_with_the_buttons(view, monkeypatch):
    assert view.add_item("Decisions Taken Outside of the Cabinet Committee Cycle")
    offered: list = []

    def under_six(title: str):
        def fill(dialog: AddItemDialog) -> None:
            offered.append([dialog.under.itemText(i) for i in range(dialog.under.count())])
            dialog.item_title.setText(title)
            dialog.under.setCurrentIndex(dialog.under.findData("6"))
        return fill

    for title in ("S75 Variation", "Beds Framework"):
        answer(monkeypatch, AddItemDialog, under_six(title))
        view.add_item_button.click()
    assert offered[0][6] == "6 — Decisions Taken Outside of the Cabinet Committee Cycle"
    assert view.message.text() == f"Added item 6b to {AGENDA_2024}: Beds Framework."
    item = view.tree.topLevelItem(5)
    assert [(item.child(i).text(0), item.child(i).text(1)) for i in range(2)] == [
        ("a)", "S75 Variation"), ("b)", "Beds Framework")]
    assert view.items_shown()[-1] == "Work Programme"

    view.tree.setCurrentItem(item.child(1))
    view.up_button.click()
    assert view.message.text() == f"Moved item 6b (Beds Framework) to item 6a of {AGENDA_2024}."
    item = view.tree.topLevelItem(5)
    assert [item.child(i).text(1) for i in range(2)] == ["Beds Framework", "S75 Variation"]
    assert view.tree.currentItem().text(1) == "Beds Framework"
    assert [s.title for s in stored(view).meeting.items[5].items] == [
        "Beds Framework", "S75 Variation"]


def test_moving_an_item_says_what_the_move_command_says(view, capsys, window):
    assert view.add_item("Accommodation Strategy")
    view.tree.setCurrentItem(view.tree.topLevelItem(5))
    view.down_button.click()
    assert view.message.text() == (f"Moved item 6 (Accommodation Strategy) to item 7 of"
                                   f" {AGENDA_2024}.")
    assert view.items_shown()[-2:] == ["Work Programme", "Accommodation Strategy"]
    code, out, _err = command(capsys, window, "move", "--committee", ASC, "--date",
                              "2024-01-18", "--item", "7", "--to", "6")
    assert out == f"Moved item 7 (Accommodation Strategy) to item 6 of {AGENDA_2024}.\n"


def test_removing_a_paper_or_an_item_asks_first(view, questions, qtbot, tmp_path):
    assert view.add_item("Accommodation Strategy")
    attach(qtbot, view, "6", papers(tmp_path, "report.pdf", "scores.pdf"))
    assert view.message.text() == (f"Attached report.pdf and scores.pdf to item 6 of"
                                   f" {AGENDA_2024} (2 pages).")
    item = view.tree.topLevelItem(5)
    assert not view.remove_item_button.isEnabled() and not view.remove_paper_button.isEnabled()
    view.tree.setCurrentItem(item.child(1))
    assert view.remove_paper_button.isEnabled() and not view.remove_item_button.isEnabled()

    questions.reply = QMessageBox.StandardButton.No
    view.remove_paper_button.click()
    assert questions[-1] == ("Remove paper", "Remove paper 2, scores.pdf, from item 6?",
                             "The file itself is not touched; the item's other papers close"
                             " up.")
    assert [p.path for p in stored(view).meeting.items[5].papers] == ["report.pdf",
                                                                      "scores.pdf"]
    questions.reply = QMessageBox.StandardButton.Yes
    view.remove_paper_button.click()
    assert view.message.text() == (f"Removed paper 2 (scores.pdf) from item 6 of {AGENDA_2024};"
                                   " the item has 1 paper left.")
    # The pages are counted in the background: shown when they arrive.
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    assert view.tree.topLevelItem(5).text(3) == "1 paper, pages 1–2"
    assert [p.path for p in stored(view).meeting.items[5].papers] == ["report.pdf"]

    # The keyboard: Delete on the selected item.
    view.tree.setCurrentItem(view.tree.topLevelItem(5))
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Delete)
    assert questions[-1] == ("Remove item", "Remove item 6, Accommodation Strategy, from the"
                                            " agenda?",
                             "Its 1 paper (report.pdf) is removed with it. The items after it"
                             " are numbered up.")
    assert view.message.text() == (f"Removed item 6 (Accommodation Strategy) from {AGENDA_2024},"
                                   " with 1 paper (report.pdf); item 7 is now 6.")
    assert view.items_shown()[-2:] == ["Verbal Updates by Cabinet Member and Corporate Director",
                                       "Work Programme"]
    assert len(stored(view).meeting.items) == 6


def test_attaching_several_files_is_all_or_nothing_in_the_window_too(view, qtbot, tmp_path):
    good = papers(tmp_path, "report.pdf")
    (tmp_path / "notes.pdf").write_text("not a pdf at all")
    attach(qtbot, view, "4", [*good, str(tmp_path / "notes.pdf")])
    assert view.message.text() == ("'notes.pdf' is not a PDF file: attach the PDF version of"
                                   " the paper (none of the 2 files was attached)")
    assert stored(view).meeting.items[3].papers == []
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    assert view.tree.topLevelItem(3).text(3) == ""


def test_attaching_checks_the_papers_off_the_gui_thread_and_cancel_attaches_none(
        view, qtbot, tmp_path, monkeypatch):
    """Each paper is read and checked (every page) on a worker, file by file in the
    progress; Cancel before it is kept attaches none, and says so."""
    go, threads = threading.Event(), []
    real = view.desk.documents.check_paper

    def held(content, name):
        threads.append(threading.current_thread())
        assert go.wait(20)
        return real(content, name)
    monkeypatch.setattr(view.desk.documents, "check_paper", held)
    job = view.attach_files("4", papers(tmp_path, "report.pdf", "scores.pdf"))
    assert job is not None and view.cancel_button.isVisibleTo(view)
    qtbot.waitUntil(lambda: view.message.text() == "Checking report.pdf…", timeout=20000)
    assert view.attach_files("4", papers(tmp_path, "other.pdf")) is None  # one at a time
    assert view.message.text() == "Papers are being attached already: wait for them, or cancel."
    view.cancel_button.click()
    assert view.message.text() == "Attaching cancelled: none of the papers was attached."
    assert not view.progress.isVisibleTo(view) and view.attach_job is None
    go.set()
    assert job.wait(20)
    qtbot.wait(50)  # what the work gave back (a refusal: cancelled) is discarded
    assert view.message.text() == "Attaching cancelled: none of the papers was attached."
    assert threads and threading.main_thread() not in threads
    assert stored(view).meeting.items[3].papers == []
    assert not [r for r in decisions.audit_trail(view.desk, "meeting")
                if r.action == "attach_paper" and r.entity_key.endswith("2024-01-18")]


# --- the decisions an item may be about --------------------------------------------------


def test_add_item_offers_taken_decisions_too_as_the_command_allows(view, monkeypatch,
                                                                   capsys, window):
    """Decisions still to be taken first; taken (and withdrawn) ones behind a switch, as
    "Decisions Taken Outside of the Cabinet Committee Cycle" items need: the window allows
    what `meeting add-item` allows (governance.meetings.decisions_to_offer)."""
    offered = meetings.decisions_to_offer(view.desk, ASC, JAN_2024)
    to_take, taken = offered[0].decisions, offered[1].decisions
    assert to_take and taken
    chosen = taken[0]
    seen: dict = {}

    def fill(dialog: AddItemDialog) -> None:
        def listed() -> list:
            return [dialog.decision.itemData(i) for i in range(1, dialog.decision.count())]
        seen["before"] = listed()
        assert dialog.show_all.isEnabled()
        dialog.show_all.setChecked(True)
        seen["after"] = listed()
        seen["headings"] = [dialog.decision.itemText(i) for i in range(dialog.decision.count())
                            if dialog.decision.itemText(i).startswith("—")]
        dialog.decision.setCurrentIndex(dialog.decision.findData(chosen[0]))
        seen["tip"] = dialog.decision.itemData(dialog.decision.currentIndex(),
                                               Qt.ItemDataRole.ToolTipRole)

    answer(monkeypatch, AddItemDialog, fill)
    view.add_item_button.click()
    assert seen["before"] == [n for n, _t in to_take]
    assert [n for n in seen["after"] if n is not None] == [
        n for group in offered for n, _t in group.decisions]
    assert seen["headings"] == [f"— {g.label} —" for g in offered if g.decisions]
    assert seen["headings"][:2] == ["— Still to be taken —", "— Taken —"]
    assert "Decisions Taken Outside of the Cabinet Committee Cycle" in seen["tip"]
    assert view.message.text() == f"Added item 6 to {AGENDA_2024}: {chosen[1]}."
    assert stored(view).meeting.items[5].decision == chosen[0]
    # The command takes the next taken decision the same way.
    code, out, _err = command(capsys, window, "add-item", "--committee", ASC, "--date",
                              "2024-01-18", "--decision", taken[1][0])
    assert code == 0 and out.startswith(f"Added item 7 to {AGENDA_2024}: {taken[1][1]}.")


# --- the places in the pack --------------------------------------------------------------


class HeldLayout:
    """``documents.pack_layout`` spied on: on which thread each call ran, and held until
    ``release`` (so the test can act while the pages are still being counted)."""

    def __init__(self, monkeypatch) -> None:
        self.threads: list[threading.Thread] = []
        self.go = threading.Event()
        real = documents.pack_layout

        def held(desk, details):
            self.threads.append(threading.current_thread())
            assert self.go.wait(20)
            return real(desk, details)
        monkeypatch.setattr(documents, "pack_layout", held)

    def release(self) -> None:
        self.go.set()


def places(view) -> dict[tuple, str]:
    return {row.data(0, Qt.ItemDataRole.UserRole + 1): row.text(3) for row in view._rows()}


def test_opening_a_meeting_opens_no_paper_on_the_gui_thread(window, qtbot, monkeypatch):
    """The meeting's details and agenda show at once, read without the papers' bytes; the
    pages are counted on a worker and filled in where they belong, the clerk's selection
    and folded items left as they were."""
    view = window.meetings_view
    view.open_meeting(ASC, dt.date(2019, 3, 12))
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    held = HeldLayout(monkeypatch)
    read: list[tuple[threading.Thread, bool]] = []
    store = window.desk.store
    real_meeting = store.meeting

    def meeting(committee, date, content=False):
        read.append((threading.current_thread(), content))
        return real_meeting(committee, date, content=content)
    monkeypatch.setattr(store, "meeting", meeting)

    view.open_meeting(ASC, NOV_2023)
    assert view.heading.text() == f"{ASC} — Thursday 23 November 2023"
    assert read == [(threading.main_thread(), False)]  # no paper's bytes read here
    assert view.places_pending
    assert view.tree.toolTip() == "Counting the papers' pages…"
    item4, item7 = view.tree.topLevelItem(3), view.tree.topLevelItem(6)
    # No numbers until they are counted: the papers are there, their pages not yet.
    assert (item4.text(3), item4.child(0).text(3)) == ("1 paper", "minutes-2023-09-13.pdf")
    assert item7.text(3) == "6 papers"
    # The clerk goes on meanwhile: a paper chosen, an item folded.
    view.tree.setCurrentItem(item7.child(2))
    item4.setExpanded(False)

    held.release()
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    assert held.threads and threading.main_thread() not in held.threads
    # The same rows, filled in: not a new tree.
    assert view.tree.topLevelItem(3) is item4 and view.tree.topLevelItem(6) is item7
    assert item4.text(3) == "1 paper, pages 1–8"
    assert item4.child(0).text(3) == "minutes-2023-09-13.pdf, 8 pages"
    assert item7.text(3) == "6 papers, pages 87–148"
    assert item7.child(0).text(3) == "report-23-00098.pdf, 10 pages"
    assert item7.child(2).text(3) == "pressures-plan-2023-24.pdf, 23 pages"
    assert view.tree.topLevelItem(10).text(3) == "1 paper, pages 279–282"
    assert view.tree.currentItem() is item7.child(2)
    assert not item4.isExpanded() and item7.isExpanded()
    assert view.tree.toolTip() == ""


def test_pages_counted_for_a_meeting_no_longer_shown_are_dropped(window, qtbot, monkeypatch):
    """Another meeting opened, or the agenda changed, while the pages were counted: the
    places that arrive are the newest load's, never the earlier one's."""
    view = window.meetings_view
    view.open_meeting(ASC, dt.date(2019, 3, 12))
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    held = HeldLayout(monkeypatch)
    view.open_meeting(ASC, NOV_2023)
    first = view.places_job
    view.open_meeting(ASC, dt.date(2019, 3, 12))
    second = view.places_job
    assert first is not None and second is not None and second is not first
    held.release()
    assert first.wait(20) and second.wait(20)
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    qtbot.wait(50)  # the earlier one's delivery, had it not been dropped
    assert view.heading.text() == f"{ASC} — Tuesday 12 March 2019"
    shown = places(view)
    assert shown[("item", "5")] == "1 paper, pages 1–8"
    assert shown[("item", "10")] == "3 papers, pages 55–74, exempt papers: pages 171–176"
    assert shown[("paper", "10", 2)] == "appendix-b-scores.pdf, 3 pages"

    # The agenda changes while its pages are counted: the places are the changed agenda's.
    view.open_meeting(ASC, NOV_2023)
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    before = places(view)
    held.go.clear()
    view.open_meeting(ASC, dt.date(2019, 3, 12))
    view.open_meeting(ASC, NOV_2023)
    assert view.places_pending
    assert view.set_exempt(("paper", "7", 6), 3)  # the EqIA goes to the exempt papers
    held.release()
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    qtbot.wait(50)
    shown = places(view)
    # The EqIA's 12 pages leave a two-page stand-in at its place.
    assert shown[("item", "7")] == "6 papers, pages 87–138, exempt papers: pages 273–284"
    assert shown[("paper", "7", 6)] == before[("paper", "7", 6)] == "eqia-23-00098.pdf, 12 pages"
    assert shown[("item", "11")] == "1 paper, pages 269–272"  # 12 pages out, 2 of stand-in in


# --- publication -------------------------------------------------------------------------


def test_publish_asks_the_day_and_when_late_the_reason_as_the_command_does(
        view, monkeypatch, capsys, window):
    view.today_override = dt.date(2024, 1, 12)
    view.load()
    assert view.publish_button.isEnabled() and view.publish_button.text() == "&Publish…"
    seen: list = []

    def late(reason: str):
        def fill(dialog: PublishDialog) -> None:
            seen.append((dialog.on.date(), dialog.form.isRowVisible(dialog.reason),
                         dialog.status.text()))
            dialog.reason.setText(reason)
        return fill

    answer(monkeypatch, PublishDialog, late(""))
    view.publish_button.click()
    assert seen[-1] == (QDate(2024, 1, 12), True, "Friday 12 January 2024 is after the"
                        " deadline: the agenda is published late, and only with the reason.")
    code, _out, err = command(capsys, window, "publish", "--committee", ASC, "--date",
                              "2024-01-18", "--on", "2024-01-12")
    assert code == 1 and view.message.text() == err.removeprefix("meeting: ").rstrip("\n")
    assert view.message.text().startswith("publishing on Friday 12 January 2024 is late: the"
                                          " agenda had to be published by Wednesday 10"
                                          " January 2024")
    assert stored(view).publication.published_on is None

    answer(monkeypatch, PublishDialog, late("Grant conditions confirmed on 11 January"))
    view.publish_button.click()
    assert view.message.text() == (
        f"{DRAFT_MINUTES}Published {AGENDA_2024}, on Friday 12 January 2024, after the"
        " deadline of Wednesday"
        " 10 January 2024: it is flagged late, with the reason: Grant conditions confirmed on"
        " 11 January.")
    assert view.publication.text() == ("Published Friday 12 January 2024 (deadline Wednesday"
                                       " 10 January 2024) — late: Grant conditions confirmed"
                                       " on 11 January.")
    assert not view.publish_button.isEnabled()  # published once
    code, _out, err = command(capsys, window, "publish", "--committee", ASC, "--date",
                              "2024-01-18", "--on", "2024-01-12", "--late-reason", "x")
    assert err == (f"meeting: {AGENDA_2024}, was already published on Friday 12 January 2024:"
                   " an agenda is published once\n")
    # The button says why, in the same words (the rule is governance.meetings').
    refusal = err.removeprefix("meeting: ").rstrip("\n")
    assert view.publish_button.toolTip() == refusal[0].upper() + refusal[1:] + "."


def test_publishing_on_time_needs_no_reason(view, monkeypatch):
    view.today_override = dt.date(2024, 1, 9)
    view.load()

    def fill(dialog: PublishDialog) -> None:
        assert not dialog.form.isRowVisible(dialog.reason)
        assert dialog.status.text() == "Tuesday 9 January 2024 is on time."

    answer(monkeypatch, PublishDialog, fill)
    view.publish_button.click()
    assert view.message.text() == (f"{DRAFT_MINUTES}Published {AGENDA_2024}, on Tuesday 9"
                                   " January 2024, on time (the deadline is Wednesday 10"
                                   " January 2024).")
    assert stored(view).publication.status == "on_time"


def test_publishing_from_the_window_attaches_the_draft_minutes(view, monkeypatch):
    """Publish… is ``meeting publish``: the previous meeting's draft minutes go on the
    "Minutes of the meeting held on ..." item as its paper first."""
    view.today_override = dt.date(2024, 1, 9)
    view.load()
    answer(monkeypatch, PublishDialog, lambda dialog: None)
    view.publish_button.click()
    assert view.message.text().startswith("The draft minutes of 23 November 2023 attached to"
                                          " item 4 as its paper.")
    item = stored(view).meeting.items[3]
    assert item.title == "Minutes of the meeting held on 23 November 2023"
    assert [p.path for p in item.papers] == ["minutes-2023-11-23.pdf"]
    assert stored(view).publication.status == "on_time"


def test_a_late_publication_with_no_reason_gets_its_reason_from_publish(view, monkeypatch):
    view.desk.store.db.execute("UPDATE meetings SET published_on = '2024-01-12' WHERE date ="
                               " '2024-01-18'")
    view.desk.store.db.conn.commit()
    view.today_override = dt.date(2024, 1, 15)
    view.load()
    assert view.publish_button.isEnabled()
    seen: list = []

    def fill(dialog: PublishDialog) -> None:
        seen.append((dialog.windowTitle(), dialog.on.isEnabled(), dialog.on.date()))
        dialog.reason.setText("Grant conditions")

    answer(monkeypatch, PublishDialog, fill)
    view.publish_button.click()
    assert seen == [("Record the reason for late publication", False, QDate(2024, 1, 12))]
    assert view.message.text() == (
        f"{DRAFT_MINUTES}Recorded the reason for the late publication of {AGENDA_2024}"
        " (published Friday 12"
        " January 2024, after the deadline of Wednesday 10 January 2024): Grant conditions.")
    assert stored(view).publication.late_reason == "Grant conditions"
    assert not view.publish_button.isEnabled()


# --- reaching it all by keyboard and screen reader ---------------------------------------


def _unnamed(root: QWidget) -> list[str]:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QListView,
    )

    buddies = {label.buddy() for label in root.findChildren(QLabel)} - {None}
    out = []
    for w in root.findChildren(QWidget):
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(w, QLabel):
            continue
        parent = w.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox) or (
                isinstance(w, QListView) and isinstance(parent.parentWidget(), QComboBox)):
            continue  # a combo box's pop-up list, a spin box's line edit: named by it
        if not (w.accessibleName() or w in buddies
                or (isinstance(w, QAbstractButton) and w.text())):
            out.append(f"{type(w).__name__}")
    return out


def test_every_new_control_is_named_and_reached_by_the_keyboard(view):
    for button in (view.edit_meeting_button, view.publish_button, view.remove_item_button,
                   view.remove_paper_button):
        assert "&" in button.text(), button.text()  # an Alt+letter route
        assert button.focusPolicy() != Qt.FocusPolicy.NoFocus
    dialogs = [NewMeetingDialog(["Cabinet"], TODAY, view, posts=meetings.posts(view.desk)),
               NewMeetingDialog([], TODAY, view, posts=meetings.posts(view.desk),
                                meeting=stored(view).meeting),
               AddItemDialog([], view, items=[("1", "Apologies")]),
               PublishDialog(JAN_2024, dt.date(2024, 1, 10), TODAY, "", view)]
    for dialog in dialogs:
        assert _unnamed(dialog) == [], dialog.windowTitle()
    new = dialogs[0]
    assert (new.clerk.accessibleName(), new.proper_officer.accessibleName()) == (
        "Clerk (Ask for)", "Proper Officer")
    assert [box.text().replace("&", "") for box in new.notices.values()][0] == \
        "Webcasting (the meeting may be filmed)"
    for dialog in dialogs:
        dialog.deleteLater()
