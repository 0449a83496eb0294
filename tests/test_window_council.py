"""A new council sets itself up in the window, driven as a clerk would (pytest-qt,
offscreen): the first start on an empty register offers the demo or setting up; Council ▸
Set up your council… takes the council, posts and holders, members, a committee (then
its membership dialog) and a year's meetings; the Meetings screen's tools are unavailable
with nothing to act on and say why beside them; the demo is marked by a banner until the
clerk names their council."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from governance import committees, council, decisions, meetings
from governance.model import Council, Member, Post
from tests.conftest import open_desk
from tests.test_window_meetings import _unnamed
from ui.app import MainWindow
from ui.committee_dialog import CommitteeDialog
from ui.council_dialog import CouncilDialog
from ui.council_setup import DEMO_TEXT

TODAY = dt.date(2027, 3, 1)
ROADS = "Roads Cabinet Committee"


@pytest.fixture
def empty(tmp_path):
    desk = open_desk(tmp_path / "new.sqlite")
    yield desk
    desk.close()


@pytest.fixture
def window(qtbot, empty, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    made = MainWindow(empty, today=TODAY, settings=settings)
    qtbot.addWidget(made)
    made.show()
    return made


def drive(monkeypatch, window: MainWindow, tab: str, *steps) -> CouncilDialog:
    """Open the set-up dialog from the Council menu on ``tab`` and take ``steps`` in it
    (each given the dialog), then Close."""
    seen: list[CouncilDialog] = []

    def exec_(dialog: CouncilDialog) -> int:
        seen.append(dialog)
        for step in steps:
            step(dialog)
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(CouncilDialog, "exec", exec_)
    window.council_set_up.actions[tab].trigger()
    return seen[0]


def type_into(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def set_up_council(qtbot, d: CouncilDialog) -> None:
    d.show_tab("Council")
    type_into(qtbot, d.council_name, "Wessex County Council")
    type_into(qtbot, d.threshold, "500,000")
    d.save_council_button.click()
    d.show_tab("Posts")
    for title, holder, phone, email in (
            ("General Counsel", "Ann Lee", "01234 567890", "ann.lee@wessex.gov.uk"),
            ("Democratic Services Officer", "Bob Kay", "01234 567891",
             "bob.kay@wessex.gov.uk")):
        for edit, text in ((d.post_title, title), (d.post_holder, holder),
                           (d.post_phone, phone), (d.post_email, email)):
            type_into(qtbot, edit, text)
        d.add_post_button.click()
    d.show_tab("Members")
    for name, party, honours in (("Mr C Dee", "Conservative", ""),
                                 ("Mrs E Fox", "Labour", "MBE")):
        type_into(qtbot, d.member_name, name)
        type_into(qtbot, d.member_party, party)
        type_into(qtbot, d.member_honours, honours)
        d.add_member_button.click()
    d.show_tab("Committees")
    type_into(qtbot, d.committee_name, ROADS)
    d.committee_kind.setCurrentIndex(d.committee_kind.findData("cabinet_committee"))
    d.committee_seats.setValue(3)
    d.committee_clerk.setCurrentIndex(d.committee_clerk.findText("Bob Kay"))
    d.committee_officer.setCurrentIndex(d.committee_officer.findText("General Counsel"))
    d.new_committee_button.click()


def test_an_empty_register_offers_the_demo_or_setting_up_and_the_tools_say_why_not(window):
    panel = window.council_set_up
    assert panel.start_panel.isVisible() and not panel.demo_banner.isVisible()
    assert panel.load_demo_button.text() == "Load the &demo register"
    assert panel.set_up_button.text() == "Set up &your council…"
    assert [a.text() for a in window.menuBar().actions()][-2:] == ["&Council", "&Help"]
    window.show_screen(3)
    view = window.meetings_view
    for button in (view.add_item_button, view.publish_button, view.front_sheet_button,
                   view.pack_button, view.add_paper_button, view.new_meeting_button,
                   view.edit_meeting_button):
        assert not button.isEnabled(), button.text()
    assert view.tools_reason.isVisible()
    assert view.tools_reason.text() == ("No meeting to act on: set up a committee first"
                                        " (Council ▸ Committees…), then make its meetings.")
    assert view.new_meeting_reason.text() == ("No committee yet: make one in Council ▸"
                                              " Committees…")


def test_a_council_is_set_up_in_the_window_and_its_meetings_take_items(qtbot, monkeypatch,
                                                                      window, empty):
    opened: list[str] = []

    def membership(dialog: CommitteeDialog) -> int:
        opened.append(dialog.name)
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(CommitteeDialog, "exec", membership)

    def schedule(d: CouncilDialog) -> None:
        d.membership_button.click()
        d.show_tab("Meetings")
        d.schedule_committee.setCurrentIndex(d.schedule_committee.findData(ROADS))
        qtbot.keyClicks(d.schedule_dates, "2027-05-20")
        qtbot.keyClick(d.schedule_dates, Qt.Key.Key_Return)
        qtbot.keyClicks(d.schedule_dates, "2027-07-15, 2027-09-23")
        type_into(qtbot, d.schedule_time, "10:00")
        type_into(qtbot, d.schedule_venue, "Council Chamber")
        d.schedule_button.click()

    dialog = drive(monkeypatch, window, "Council", lambda d: set_up_council(qtbot, d),
                   schedule)
    store = empty.store
    assert store.council() == Council("Wessex County Council", 500_000)
    assert store.posts() == [
        Post("General Counsel", "Ann Lee", "01234 567890", "ann.lee@wessex.gov.uk"),
        Post("Democratic Services Officer", "Bob Kay", "01234 567891",
             "bob.kay@wessex.gov.uk")]
    assert store.members() == [Member("Mr C Dee", "Conservative"),
                               Member("Mrs E Fox", "Labour", "MBE")]
    assert (committees.committee(empty, ROADS).seats, council.committee_officers(
        empty, ROADS)) == (3, council.Officers("Bob Kay", "General Counsel"))
    assert opened == [ROADS]  # Membership… opens the committee dialog on it
    assert store.meeting_dates(ROADS) == [dt.date(2027, 5, 20), dt.date(2027, 7, 15),
                                          dt.date(2027, 9, 23)]
    assert dialog.message.text().startswith(f"Scheduled 3 meetings of {ROADS}: Thursday 20"
                                            " May 2027")
    assert [r.entity for r in decisions.audit_trail(empty)][-3:] == ["meeting"] * 3
    # The window followed every step: the start panel is gone, the meetings are listed,
    # their tools work.
    assert not window.council_set_up.start_panel.isVisible()
    window.show_screen(3)
    view = window.meetings_view
    assert view.meetings.count() == 3
    view.open_meeting(ROADS, dt.date(2027, 5, 20))
    assert view.add_item_button.isEnabled() and view.front_sheet_button.isEnabled()
    assert view.tools_reason.text() == "" and view.new_meeting_reason.text() == ""
    details = meetings.meeting(empty, ROADS, dt.date(2027, 5, 20))
    assert (details.meeting.time, details.meeting.venue, details.clerk.holder,
            details.proper_officer.holder) == ("10:00", "Council Chamber", "Bob Kay",
                                               "Ann Lee")
    assert view.add_item("Pothole strategy")
    assert "Pothole strategy" in view.items_shown()


def test_a_bad_date_schedules_nothing_and_says_which(qtbot, monkeypatch, window, empty):
    def bad(d: CouncilDialog) -> None:
        d.show_tab("Meetings")
        qtbot.keyClicks(d.schedule_dates, "2027-05-20, 2027-02-30")
        d.schedule_button.click()

    dialog = drive(monkeypatch, window, "Council", lambda d: set_up_council(qtbot, d), bad)
    assert dialog.message.text() == ("No meeting scheduled: '2027-02-30' is not a date"
                                     " (YYYY-MM-DD, e.g. 2027-05-20); no meeting was"
                                     " scheduled")
    assert empty.store.meeting_dates(ROADS) == []


def test_a_new_post_holder_is_saved_and_the_post_shows_who_held_it(qtbot, monkeypatch,
                                                                  window, empty):
    def new_holder(d: CouncilDialog) -> None:
        d.show_tab("Posts")
        d.posts.setCurrentRow(-1)
        assert not d.save_post_button.isEnabled()
        assert d.post_reason.text() == "Choose a post on the left to change it."
        d.posts.setCurrentItem(d.posts.findItems("General Counsel — Ann Lee",
                                                 Qt.MatchFlag.MatchExactly)[0])
        assert d.post_title.text() == "General Counsel" and d.post_reason.text() == ""
        type_into(qtbot, d.post_holder, "Dan Gee")
        type_into(qtbot, d.post_email, "dan.gee@wessex.gov.uk")
        d.save_post_button.click()

    empty.clock = lambda: TODAY
    dialog = drive(monkeypatch, window, "Posts", lambda d: set_up_council(qtbot, d),
                   new_holder)
    assert empty.store.posts()[0] == Post("General Counsel", "Dan Gee", "01234 567890",
                                          "dan.gee@wessex.gov.uk")
    assert dialog.message.text().startswith("Changed General Counsel: holder Dan Gee from")
    assert dialog.post_history.text().splitlines()[0] == "Held by:"
    assert [line.split(",")[0] for line in dialog.post_history.text().splitlines()[1:]] == [
        "Ann Lee", "Dan Gee"]


def test_the_demo_is_marked_until_the_clerk_names_their_council(qtbot, monkeypatch, window,
                                                               empty):
    panel = window.council_set_up
    job = panel.load_demo()
    assert job is not None and not panel.start_panel.isVisible()
    qtbot.waitUntil(lambda: panel.demo_job is None, timeout=120_000)
    assert panel.demo_banner.isVisible() and panel.demo_banner.text() == DEMO_TEXT
    assert not panel.start_panel.isVisible()
    assert window.statusBar().currentMessage().startswith("Loaded the demo register")

    def name_it(d: CouncilDialog) -> None:
        assert d.council_name.text() == "Kent County Council"
        type_into(qtbot, d.council_name, "Wessex County Council")
        d.save_council_button.click()

    dialog = drive(monkeypatch, window, "Council", name_it)
    assert dialog.message.text().endswith("the register is no longer marked as the demo.")
    assert not panel.demo_banner.isVisible() and not council.is_demo(empty)


def test_every_control_of_the_set_up_dialog_is_named(qtbot, empty):
    dialog = CouncilDialog(empty)
    qtbot.addWidget(dialog)
    for i in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(i)
        assert _unnamed(dialog.tabs.currentWidget()) == [], dialog.tabs.tabText(i)


def test_the_start_panel_sits_above_the_screens(window):
    panel = window.council_set_up.start_panel
    top_of_screens = window.nav.mapTo(window, window.nav.rect().topLeft()).y()
    assert panel.mapTo(window, panel.rect().bottomLeft()).y() < top_of_screens
    assert window.council_set_up.start_text.text().startswith("This register is empty.")
