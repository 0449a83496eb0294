"""The Meetings screen's two questions: a new meeting (committee, date, time, venue) and
a new agenda item (title, the decision it is about, what the committee is asked to do).
Each dialog only gathers the answers; MeetingsView does the work."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def _form(dialog: QDialog, intro: str, rows: list[tuple[str, QWidget]]) -> QDialogButtonBox:
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
    return buttons


class NewMeetingDialog(QDialog):
    def __init__(self, committees: list[str], today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        self.committee = QComboBox()
        self.committee.addItems(committees)
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.time = QLineEdit("10:00")
        self.venue = QLineEdit("Council Chamber, Sessions House, County Hall, Maidstone")
        self.venue.setCursorPosition(0)  # show where it starts
        self.setMinimumWidth(520)
        _form(self, "The agenda starts with the committee's standing items.",
              [("&Committee:", self.committee), ("&Date:", self.date),
               ("&Time (24-hour):", self.time), ("&Venue:", self.venue)])

    def answers(self) -> tuple[str, dt.date, str, str]:
        d = self.date.date()
        return (self.committee.currentText(), dt.date(d.year(), d.month(), d.day()),
                self.time.text().strip(), self.venue.text().strip())


class AddItemDialog(QDialog):
    def __init__(self, decisions: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add an agenda item")
        self.decision = QComboBox()
        self.decision.addItem("(not about a decision)", None)
        for number, title in decisions:
            self.decision.addItem(f"{number} — {title}", number)
        self.item_title = QLineEdit()
        self.item_title.setPlaceholderText("the report's title (the decision's if left empty)")
        self.description = QLineEdit()
        self.description.setPlaceholderText("e.g. To CONSIDER and ENDORSE or make"
                                            " RECOMMENDATIONS on the proposed decision")
        _form(self, "The item goes before the closing standing items (e.g. Work Programme).",
              [("&Decision:", self.decision), ("&Title:", self.item_title),
               ("De&scription:", self.description)])

    def answers(self) -> tuple[str, str | None, str | None]:
        return (self.item_title.text().strip(), self.decision.currentData(),
                self.description.text().strip() or None)
