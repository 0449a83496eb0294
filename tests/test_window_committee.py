"""Committee membership from the Meetings screen, driven as a clerk would: seats and their
allocation (a mismatch refused, nothing changed), adding a member, a new Vice-Chairman,
removing a member (asked first), standing items, and the front sheet's membership block
previewed after each change. The dialog says what the ``committee`` command prints
(pytest-qt, offscreen; the dialog opened from its button is driven through its widgets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from governance import committees, decisions, meetings
from governance.committees import membership_lines
from governance.model import Membership
from tests.test_window_meetings import _unnamed, answer
from ui.committee_dialog import AddMemberDialog, CommitteeDialog
from ui.meetings_view import MeetingsView
from ui.tones import _TONED

ASC = "Adult Social Care Cabinet Committee"
TODAY = dt.date(2024, 1, 3)
JAN_2024 = dt.date(2024, 1, 18)
CONSERVATIVES = ("  Conservative (12): Mr A M Ridgers (Chairman), Mrs P T Cole, Mr N J Collor,"
                 " Ms S Hamilton, Mr J Meade, Mr D Ross, Mr T L Shonk, Ms L Wright"
                 " (Vice-Chairman), Mrs L Game, Mrs L Parfitt-Reid, Mr A Kennedy")


@pytest.fixture
def window(open_window):
    return open_window(TODAY, screen=3)


@pytest.fixture
def view(window) -> MeetingsView:
    return window.meetings_view


def in_dialog(monkeypatch, view: MeetingsView, *steps: Callable[[CommitteeDialog], object]
              ) -> list:
    """Open the dialog with the button and take ``steps`` in it, then Close; returns what
    each step gave."""
    seen: list = []

    def exec_(dialog: CommitteeDialog) -> int:
        for step in steps:
            seen.append(step(dialog))
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(CommitteeDialog, "exec", exec_)
    view.membership_button.click()
    return seen


@pytest.fixture
def questions(monkeypatch) -> list:
    """Every QMessageBox.question asked, as (title, text); answer with ``questions.reply``."""
    class Asked(list):
        reply = QMessageBox.StandardButton.Yes

    asked = Asked()

    def question(_parent, title, text, *_args) -> QMessageBox.StandardButton:
        asked.append((title, text))
        return asked.reply
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def members_shown(dialog: CommitteeDialog) -> list[tuple[str, str, str]]:
    model = dialog.members.model()
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def choose_member(dialog: CommitteeDialog, name: str) -> None:
    dialog.members.selectRow([row[0] for row in members_shown(dialog)].index(name))


def preview(dialog: CommitteeDialog) -> list[str]:
    return dialog.preview.text().split("\n")


def asc(view: MeetingsView):
    return committees.committee(view.desk, ASC)


def is_error(label) -> bool:
    return _TONED.get(label) == "danger"


# --- opening it ----------------------------------------------------------------------------


def test_the_button_opens_the_chosen_committee_with_its_members_and_preview(view,
                                                                            monkeypatch):
    button = view.membership_button
    assert "&" in button.text() and button.accessibleName() == "Committee membership"
    assert view.committee_filter.currentData() is None  # all committees: the meeting's
    assert button.isEnabled() and view.membership_committee() == ASC

    def look(dialog: CommitteeDialog) -> tuple:
        return (dialog.windowTitle(), members_shown(dialog)[:2], len(members_shown(dialog)),
                dialog.seats.value(), dialog.allocation_shown(), preview(dialog),
                dialog.allocated.text())

    [(title, first, count, seats, allocation, lines, allocated)] = in_dialog(
        monkeypatch, view, look)
    assert title == f"Committee membership — {ASC}"
    assert first == [("Mr A M Ridgers", "Conservative", "Chairman"),
                     ("Mrs P T Cole", "Conservative", "Member")]
    assert count == 16
    assert (seats, allocation) == (17, [("Conservative", 12), ("Labour", 2),
                                        ("Liberal Democrat", 1), ("Green and Independent", 2)])
    assert allocated == "The groups have 17 of the 17 seats."
    assert lines == membership_lines(view.desk, asc(view))
    assert lines[:2] == ["Membership (17)", CONSERVATIVES + " and 1 Vacancy"]
    assert view.message.text() == ""  # nothing changed: nothing said

    view.committee_filter.setCurrentIndex(view.committee_filter.findData(ASC))
    assert button.isEnabled() and view.membership_committee() == ASC


def test_without_a_committee_or_a_meeting_there_is_nothing_to_open(qtbot, register):
    view = MeetingsView(register, today=TODAY)
    qtbot.addWidget(view)
    assert view.membership_committee() is None
    assert not view.membership_button.isEnabled()


# --- seats -----------------------------------------------------------------------------


def test_seats_that_do_not_add_up_are_refused_and_nothing_changes(view, monkeypatch):
    before = (view.desk.store.committees(), len(decisions.audit_trail(view.desk)))

    def eighteen_seats(dialog: CommitteeDialog) -> tuple:
        dialog.seats.setValue(18)
        said = dialog.allocated.text()
        dialog.save_seats_button.click()
        return said, dialog.message.text(), is_error(dialog.message), preview(dialog)[0]

    def an_independent_seat(dialog: CommitteeDialog) -> tuple:
        dialog.add_group_button.click()
        row = dialog.allocation.rowCount() - 1
        dialog.allocation.item(row, 0).setText("Independent")
        dialog.allocation.item(row, 1).setData(Qt.ItemDataRole.EditRole, 1)
        dialog.save_seats_button.click()
        return (dialog.message.text(), is_error(dialog.message), preview(dialog),
                dialog.save_seats_button.isEnabled())

    refused, saved = in_dialog(monkeypatch, view, eighteen_seats, an_independent_seat)
    assert refused == (
        "The groups have 17 of the 18 seats: they must add up to the seats.",
        "the party seats add up to 17 (Conservative 12, Labour 2, Liberal Democrat 1, Green"
        f" and Independent 2) but {ASC} has 18 seats", True, "Membership (17)")
    message, error, lines, unsaved = saved
    assert message == (f"{ASC} now has 18 seats: Conservative 12, Labour 2, Liberal Democrat"
                       " 1, Green and Independent 2, Independent 1.")
    assert not error and not unsaved
    assert (lines[0], lines[-1]) == ("Membership (18)", "  Independent (1): 1 Vacancy")
    c = asc(view)
    assert (c.seats, c.party_seats["Independent"]) == (18, 1)
    assert c.membership == before[0][0].membership
    assert len(decisions.audit_trail(view.desk)) == before[1] + 1
    assert view.message.text() == message  # the screen says it after Close


def test_a_refused_allocation_leaves_the_register_as_it_was(view, monkeypatch):
    before = view.desk.store.committees()

    def too_few_seats(dialog: CommitteeDialog) -> str:
        dialog.seats.setValue(12)
        for row in range(1, dialog.allocation.rowCount()):
            dialog.allocation.item(row, 1).setData(Qt.ItemDataRole.EditRole, 0)
        dialog.save_seats_button.click()
        return dialog.message.text()

    assert in_dialog(monkeypatch, view, too_few_seats) == [
        f"{ASC} has 12 seats and 16 members would sit on it; remove a member first, or add"
        " seats"]
    assert view.desk.store.committees() == before


# --- members and roles -------------------------------------------------------------------


def test_adding_a_member_fills_the_vacancy(view, monkeypatch):
    offered: list = []

    def fill(dialog: AddMemberDialog) -> None:
        dialog.member.setCurrentText("Jenni Hawkins")  # not offered: she already sits
        offered.append(dialog.member.findText("Jenni Hawkins (Green and Independent)"))
        dialog.member.setCurrentText("Mr P Cooper")
        dialog.party.setCurrentText("Conservative")

    answer(monkeypatch, AddMemberDialog, fill)

    def add(dialog: CommitteeDialog) -> tuple:
        dialog.add_member_button.click()
        return (dialog.message.text(), members_shown(dialog)[-1], preview(dialog)[1],
                dialog.selected_member())

    [(message, last, conservatives, selected)] = in_dialog(monkeypatch, view, add)
    assert offered == [-1]
    assert message == f"Mr P Cooper now sits on {ASC} as member."
    assert last == ("Mr P Cooper", "Conservative", "Member") and selected == "Mr P Cooper"
    assert conservatives == CONSERVATIVES + " and Mr P Cooper"
    assert asc(view).membership[-1] == Membership("Mr P Cooper", "member")
    assert committees.members(view.desk)["Mr P Cooper"].party == "Conservative"


def test_a_known_member_keeps_their_party_and_someone_new_needs_one(view, monkeypatch):
    parties: list = []

    def fill(dialog: AddMemberDialog) -> None:
        dialog.member.setCurrentText("Mr Q Smith")
        parties.append((dialog.party.isEnabled(), dialog.note.text()))
        known = next(dialog.member.itemText(i) for i in range(dialog.member.count()))
        dialog.member.setCurrentText(known)
        parties.append((dialog.party.isEnabled(), dialog.party.currentText(), dialog.name()))
        dialog.member.setCurrentText("Mr Q Smith")

    answer(monkeypatch, AddMemberDialog, fill)
    before = view.desk.store.committees()
    [said] = in_dialog(monkeypatch, view, lambda d: (d.add_member_button.click(),
                                                     d.message.text(), is_error(d.message)))
    assert parties[0] == (True, "Someone not in the register is added to it with the party"
                                " group given.")
    enabled, party, name = parties[1]
    assert not enabled and committees.members(view.desk)[name].party == party
    assert said[1:] == ("'Mr Q Smith' is not in the register: give their party to add"
                        " them, or check the spelling", True)
    assert view.desk.store.committees() == before


def test_a_new_vice_chairman_takes_the_role_and_the_old_one_stays_a_member(view,
                                                                          monkeypatch):
    def make_cole_vice_chairman(dialog: CommitteeDialog) -> tuple:
        choose_member(dialog, "Mrs P T Cole")
        was = (dialog.role.currentText(), dialog.change_role_button.isEnabled())
        dialog.role.setCurrentIndex(dialog.role.findText("Vice-Chairman"))
        dialog.change_role_button.click()
        shown = dict((name, role) for name, _party, role in members_shown(dialog))
        return (was, dialog.message.text(), preview(dialog)[1],
                (shown["Mrs P T Cole"], shown["Ms L Wright"]),
                dialog.change_role_button.isEnabled())

    [(was, message, conservatives, roles, again)] = in_dialog(monkeypatch, view,
                                                              make_cole_vice_chairman)
    assert was == ("Member", False)  # her own role: nothing to change
    assert message == (f"Mrs P T Cole is now Vice-Chairman of {ASC} (was member); Ms L Wright"
                       " is no longer Vice-Chairman (stays a member).")
    assert conservatives.startswith("  Conservative (12): Mr A M Ridgers (Chairman), Mrs P T"
                                    " Cole (Vice-Chairman), Mr N J Collor,")
    assert "Ms L Wright, Mrs L Game" in conservatives
    assert roles == ("Vice-Chairman", "Member") and not again
    held = {m.member: m.role for m in asc(view).membership}
    assert (held["Mrs P T Cole"], held["Ms L Wright"]) == ("vice_chairman", "member")


def test_removing_a_member_is_asked_first(view, monkeypatch, questions):
    before = view.desk.store.committees()

    def remove(dialog: CommitteeDialog) -> tuple:
        choose_member(dialog, "Mr N J Collor")
        dialog.remove_member_button.click()
        return dialog.message.text(), len(members_shown(dialog)), preview(dialog)[1]

    questions.reply = QMessageBox.StandardButton.No
    assert in_dialog(monkeypatch, view, remove) == [("", 16, CONSERVATIVES + " and 1 Vacancy")]
    assert questions == [("Remove member", f"Remove Mr N J Collor (Member) from {ASC}? Agendas"
                          " already published keep the membership they printed.")]
    assert view.desk.store.committees() == before

    questions.reply = QMessageBox.StandardButton.Yes
    [(message, count, conservatives)] = in_dialog(monkeypatch, view, remove)
    assert message == f"Mr N J Collor no longer sits on {ASC}."
    assert count == 15
    assert conservatives == CONSERVATIVES.replace(" Mr N J Collor,", "") + " and 2 Vacancies"
    assert "Mr N J Collor" not in [m.member for m in asc(view).membership]


def test_an_unpublished_agenda_prints_the_change_and_a_published_one_keeps_its_own(
        view, monkeypatch):
    assert view.new_meeting(ASC, JAN_2024, "10:00")
    answer(monkeypatch, AddMemberDialog, lambda d: (d.member.setCurrentText("Mr P Cooper"),
                                                    d.party.setCurrentText("Conservative")))
    in_dialog(monkeypatch, view, lambda d: d.add_member_button.click(),
              lambda d: d.remove_member("Mr N J Collor"))
    assert view.current == (ASC, JAN_2024)  # the screen reloaded on the same meeting
    assert view.message.text() == (f"2 changes to {ASC}; the last: Mr N J Collor no longer"
                                   f" sits on {ASC}.")
    printed = [m.member for m in meetings.meeting(view.desk, ASC, JAN_2024)
               .committee.membership]
    assert "Mr P Cooper" in printed and "Mr N J Collor" not in printed
    published = [m.member for m in meetings.meeting(view.desk, ASC, dt.date(2023, 11, 23))
                 .committee.membership]
    assert "Mr P Cooper" not in published and "Mr N J Collor" in published


# --- standing items ----------------------------------------------------------------------


def test_standing_items_are_added_moved_and_removed_keeping_their_descriptions(view,
                                                                              monkeypatch):
    def edit(dialog: CommitteeDialog) -> tuple:
        dialog.tabs.setCurrentIndex(1)
        dialog.opening_title.setText("Petitions")
        dialog.opening_add.click()
        added = (dialog.message.text(), dialog.opening_title.text())
        dialog.opening_up.click()  # Petitions is chosen: it goes above Verbal Updates
        dialog.closing.setCurrentRow(0)
        dialog.closing_remove.click()
        return added, [dialog.opening.item(i).text() for i in range(dialog.opening.count())]

    [(added, opening)] = in_dialog(monkeypatch, view, edit)
    assert added == (f"{ASC}'s standing items: 6 opening, 1 closing; new agendas are made"
                     " with them.", "")
    assert opening[-2:] == ["Petitions", "Verbal Updates by Cabinet Member and Corporate"
                                         " Director"]
    template = meetings.standing_items(view.desk, ASC)
    assert template.recorded and template.end == ()
    assert [i.title for i in template.start][-2:] == opening[-2:]
    assert template.start[1].description == ("To receive apologies for absence and"
                                             " notification of any substitutes present.")
    assert view.message.text().startswith("3 changes to")


# --- closing, keyboard and screen reader -------------------------------------------------


def test_closing_with_seats_not_saved_asks_first(view, questions):
    dialog = CommitteeDialog(view.desk, ASC, view)
    dialog.show()
    dialog.reject()
    assert questions == [] and not dialog.isVisible()
    dialog.show()
    dialog.seats.setValue(20)
    questions.reply = QMessageBox.StandardButton.No
    dialog.reject()
    assert questions[-1][0] == "Seats not saved" and dialog.isVisible()
    questions.reply = QMessageBox.StandardButton.Yes
    dialog.reject()
    assert not dialog.isVisible() and asc(view).seats == 17
    dialog.deleteLater()


def test_every_control_is_named_and_reached_by_the_keyboard(view):
    dialog = CommitteeDialog(view.desk, ASC, view)
    add = AddMemberDialog(committees.members(view.desk), set(), ["Conservative"], ASC,
                          view)
    for d in (dialog, add):
        assert _unnamed(d) == [], d.windowTitle()
    for button in (dialog.add_member_button, dialog.change_role_button,
                   dialog.remove_member_button, dialog.save_seats_button,
                   dialog.add_group_button, dialog.remove_group_button):
        assert "&" in button.text(), button.text()
        assert button.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert dialog.preview.accessibleName() == "Membership as the front sheet prints it"
    dialog.deleteLater()
    add.deleteLater()
