"""The Meetings screen's questions: a meeting's details (new, or edited: committee, date,
time, venue, clerk, Proper Officer, notices), a new agenda item (title, the decision it is
about, what the committee is asked to do, the item it comes under) and the agenda's
publication (the day, and the reason when it is late). Each dialog only gathers the
answers; MeetingsView does the work, and governance.meetings applies the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from governance.meetings import Offered
from governance.model import Meeting, Post
from governance.vocab import NOTICES
from ui.date_field import DateField
from ui.operations import sentence

#: The notices a front sheet can carry, as the dialog offers them (each with its key).
NOTICE_LABELS = {
    "webcasting": "&Webcasting (the meeting may be filmed)",
    "remote_attendance": "&Remote attendance (the public may watch remotely)",
    "non_member_questions": "&Questions from Members who are not on the committee",
    "refreshments": "Re&freshments before the meeting",
}
assert tuple(NOTICE_LABELS) == NOTICES
#: The same, briefly (the Meetings screen's summary of a meeting).
NOTICE_WORDS = {"webcasting": "webcasting", "remote_attendance": "remote attendance",
                "non_member_questions": "questions from non-members",
                "refreshments": "refreshments"}


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(edit: DateField) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _form(dialog: QDialog, intro: str, rows: list[tuple[str, QWidget]]
          ) -> tuple[QDialogButtonBox, QFormLayout, QLabel]:
    form = QFormLayout()
    for text, field in rows:
        label = QLabel(text)
        label.setBuddy(field)
        field.setAccessibleName(text.replace("&", "").rstrip(":"))
        form.addRow(label, field)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    note = QLabel(intro)
    note.setWordWrap(True)
    layout.addWidget(note)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons, form, note


def _choose(combo: QComboBox, value: str | None, shown: str | None = None) -> None:
    """Choose ``value`` in the combo, adding it (as recorded, not from the register) if
    it is not among the choices, so an edit never changes it unasked."""
    if value is None:
        combo.setCurrentIndex(0)  # (none)
        return
    index = combo.findData(value)
    if index < 0:
        combo.addItem(shown or f"{value} (as recorded)", value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class NewMeetingDialog(QDialog):
    """A new meeting's details, or (given ``meeting``) a meeting's details to change: its
    committee and date stay. A new meeting starts with the clerk, Proper Officer and
    notices of the committee's ``latest`` meeting."""

    def __init__(self, committees: list[str], today: dt.date, parent: QWidget | None = None,
                 posts: list[Post] | None = None, meeting: Meeting | None = None,
                 latest: dict[str, dict[str, Any]] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit meeting details" if meeting else "New meeting")
        self.committee = QComboBox()
        self.committee.addItems(committees)
        self.date = DateField("Date", today)
        self.time = QLineEdit("10:00")
        self.venue = QLineEdit("Council Chamber, Sessions House, County Hall, Maidstone")
        self.venue.setCursorPosition(0)  # show where it starts
        self.clerk = QComboBox()
        self.clerk.addItem("(none)", None)
        self.proper_officer = QComboBox()
        self.proper_officer.addItem("(none)", None)
        holders: set[str] = set()
        for post in sorted(posts or [], key=lambda p: (p.holder or "", p.title)):
            if post.holder and post.holder not in holders:
                holders.add(post.holder)
                self.clerk.addItem(f"{post.holder} — {post.title}", post.holder)
        for post in posts or []:
            self.proper_officer.addItem(
                f"{post.title} — {post.holder}" if post.holder else post.title, post.title)
        notices = QWidget()
        column = QVBoxLayout(notices)
        column.setContentsMargins(0, 0, 0, 0)
        self.notices: dict[str, QCheckBox] = {}
        for key, text in NOTICE_LABELS.items():
            box = QCheckBox(text)
            self.notices[key] = box
            column.addWidget(box)
        self.setMinimumWidth(560)
        intro = ("The front sheet prints these: the clerk's telephone and e-mail (Ask for),"
                 " the Proper Officer's sign-off and the notices."
                 if meeting else "The agenda starts with the committee's standing items.")
        _buttons, form, _note = _form(
            self, intro,
            [("&Committee:", self.committee), ("&Date:", self.date),
             ("&Time (24-hour):", self.time), ("&Venue:", self.venue),
             ("C&lerk (Ask for):", self.clerk), ("&Proper Officer:", self.proper_officer),
             ("N&otices:", notices)])
        # The notices' label leads to the first box; the boxes name themselves.
        form.labelForField(notices).setBuddy(self.notices["webcasting"])
        self.latest = latest or {}
        if meeting is None:
            self.committee.currentTextChanged.connect(self._committee_chosen)
            self._committee_chosen(self.committee.currentText())
        else:
            self.committee.clear()
            self.committee.addItem(meeting.committee)
            self.committee.setEnabled(False)
            self.date.setDate(_qdate(meeting.date))
            self.date.setEnabled(False)
            self.time.setText(meeting.time or "")
            self.venue.setText(meeting.venue or "")
            self.venue.setCursorPosition(0)
            self._show_people(meeting.clerk, meeting.proper_officer, meeting.notices)

    def _show_people(self, clerk: str | None, proper_officer: str | None,
                     notices: list[str]) -> None:
        _choose(self.clerk, clerk)
        _choose(self.proper_officer, proper_officer)
        for key, box in self.notices.items():
            box.setChecked(key in notices)

    def _committee_chosen(self, committee: str) -> None:
        latest = self.latest.get(committee, {})
        self._show_people(latest.get("clerk"), latest.get("proper_officer"),
                          latest.get("notices", []))

    def accept(self) -> None:
        """Not while the date typed is refused (the reason is beside it)."""
        if self.date.problem() is None:
            super().accept()

    def answers(self) -> dict[str, Any]:
        return {
            "committee": self.committee.currentText(), "date": _date(self.date),
            "time": self.time.text().strip(), "venue": self.venue.text().strip(),
            "clerk": self.clerk.currentData(),
            "proper_officer": self.proper_officer.currentData(),
            "notices": [key for key, box in self.notices.items() if box.isChecked()],
        }


class AddItemDialog(QDialog):
    """A new agenda item. The decisions it may be about are ``governance.meetings``'
    (:func:`~governance.meetings.decisions_to_offer`): those still to be taken first;
    taken and withdrawn ones (reported to the committee, as under "Decisions Taken
    Outside of the Cabinet Committee Cycle") behind a switch, each group headed and
    saying why it is offered."""

    def __init__(self, offered: Sequence[Offered], parent: QWidget | None = None,
                 items: list[tuple[str, str]] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add an agenda item")
        self.offered = list(offered)
        self.decision = QComboBox()
        later = self.offered[1:]
        self.show_all = QCheckBox("Show &taken and withdrawn decisions too")
        self.show_all.setToolTip("\n".join(sentence(f"{g.label}: {g.why}") for g in later)
                                 or "No other decisions")
        self.show_all.setEnabled(any(g.decisions for g in later))
        self.show_all.toggled.connect(self._fill_decisions)
        self._fill_decisions()
        self.item_title = QLineEdit()
        self.item_title.setPlaceholderText("the report's title (the decision's if left empty)")
        self.description = QLineEdit()
        self.description.setPlaceholderText("for a decision, if left empty: To receive a"
                                            " report and to consider and either endorse…")
        self.under = QComboBox()
        self.under.addItem("(none: an item of its own, before the closing standing items)",
                           None)
        for number, title in items or []:
            self.under.addItem(f"{number} — {title}", number)
        _buttons, form, _note = _form(
            self, "The item goes before the closing standing items (e.g. Work Programme);"
                  " under an item, it is that item's next sub-item (a), b), ...).",
            [("&Decision:", self.decision), ("&Title:", self.item_title),
             ("De&scription:", self.description), ("&Under item:", self.under)])
        form.insertRow(1, "", self.show_all)

    def _fill_decisions(self, *_args) -> None:
        """The decisions offered: the first group, or (the switch on) every group, each
        under its heading (not choosable; its tooltip says why it is offered). The
        decision chosen stays chosen if it is still offered."""
        chosen = self.decision.currentData()
        self.decision.clear()
        self.decision.addItem("(not about a decision)", None)
        groups = self.offered if self.show_all.isChecked() else self.offered[:1]
        for group in groups:
            if not group.decisions:
                continue
            if self.show_all.isChecked():
                self.decision.addItem(f"— {group.label} —", None)
                heading = self.decision.model().item(self.decision.count() - 1)
                heading.setEnabled(False)
                heading.setToolTip(sentence(group.why))
            for number, title in group.decisions:
                self.decision.addItem(f"{number} — {title}", number)
                self.decision.setItemData(self.decision.count() - 1, sentence(group.why),
                                          Qt.ItemDataRole.ToolTipRole)
        self.decision.setCurrentIndex(max(self.decision.findData(chosen), 0)
                                      if chosen is not None else 0)

    def answers(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.item_title.text().strip(), self.decision.currentData(),
                self.description.text().strip() or None, self.under.currentData())


class PublishDialog(QDialog):
    """The day the agenda is published (today unless said otherwise) and, after the
    statutory deadline, the reason. With ``published_on`` (an agenda published late with
    no reason recorded) only the reason is asked."""

    def __init__(self, meeting_date: dt.date, deadline: dt.date, today: dt.date,
                 reason: str = "", parent: QWidget | None = None,
                 published_on: dt.date | None = None):
        super().__init__(parent)
        self.deadline = deadline
        self.setWindowTitle("Record the reason for late publication" if published_on
                            else "Publish the agenda")
        self.on = DateField("Publication date", published_on or today)
        self.on.setEnabled(published_on is None)
        self.reason = QLineEdit(reason)
        self.reason.setPlaceholderText("the urgent business that could not wait")
        self.setMinimumWidth(560)
        intro = (f"The meeting is on {_day(meeting_date)}; its agenda had to be published by"
                 f" {_day(deadline)} (5 clear working days before).")
        _buttons, self.form, _note = _form(
            self, intro, [("Publication &date:", self.on),
                          ("&Reason for late publication:", self.reason)])
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.form.addRow(self.status)
        self.on.dateChanged.connect(self._dated)
        self._dated()

    def accept(self) -> None:
        """Not while the date typed is refused (the reason is beside it)."""
        if self.on.problem() is None:
            super().accept()

    def late(self) -> bool:
        return _date(self.on) > self.deadline

    def _dated(self, *_args) -> None:
        late = self.late()
        self.form.setRowVisible(self.reason, late)
        self.status.setText(
            f"{_day(_date(self.on))} is after the deadline: the agenda is published late,"
            " and only with the reason." if late else
            f"{_day(_date(self.on))} is on time.")

    def answers(self) -> tuple[dt.date, str | None]:
        return _date(self.on), (self.reason.text().strip() or None) if self.late() else None
