"""A date field a clerk types into as text, or picks from a calendar.

Qt's QDateEdit edits a date a section at a time: typing "14 January 2027" over a selected
"3 December 2026" gave 3 January 2027, "31 February 2027" became 3 February, and an
empty ("not set") field took the typing after its "not set". This field is a line of
text: what is typed is read whole when the clerk leaves the field (or presses Enter),
and is either the date typed or refused beside the field, in words, keeping the last
good date until it is put right. It reads "14 January 2027", "14 Jan 2027",
"14/01/2027" (day first, as in England), "14-01-2027", "14.01.2027" and "2027-01-14".
An optional field may be left empty ("not set"). The calendar opens at the field's date,
or at this month when it is empty.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ui.tones import set_tone

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", re.IGNORECASE)


class DateError(ValueError):
    """Text that is not a date: the message says why, in words."""


def shown(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` names (None for no text), or :class:`DateError` saying why it is
    not one."""
    text = _WEEKDAY.sub("", " ".join(text.split()))
    if not text:
        return None
    if m := _WORDS.match(text):
        day, month_word, year = int(m[1]), m[2].lower(), int(m[3])
        month = MONTHS.get(month_word)
        if month is None:
            raise DateError(f"{m[2]!r} is not a month")
    elif m := _DAY_FIRST.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise DateError(f"{text!r} is not a date: type it as 14 January 2027 or 14/01/2027")
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} is not a date: there is no month {month}")
    if not 1900 <= year <= 2999:
        raise DateError(f"{text!r} is not a date this register keeps (the year {year})")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"{text!r} is not a date: {calendar.month_name[month]} {year} has"
                        f" {last} days")
    return dt.date(year, month, day)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QWidget):
    """A date typed as text (read when the clerk leaves the field) or chosen from a
    calendar; ``optional`` lets it be empty ("not set"). A typed text that is not a date
    is refused beside the field (:meth:`problem`), and the field keeps its last date."""

    #: The date changed (a null QDate when an optional field was emptied).
    dateChanged = Signal(QDate)  # noqa: N815 (QDateEdit's name, which this replaces)

    def __init__(self, name: str, day: dt.date | QDate | None = None, *,
                 optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional = optional
        self._value: dt.date | None = None
        self._problem: str | None = None
        self.line = QLineEdit()
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance(
            "30 September 2027") + 24)
        self.line.setPlaceholderText("not set" if optional else "e.g. 14 January 2027")
        self.line.setToolTip("Type a date (14 January 2027, or 14/01/2027), or choose one"
                             " from the calendar")
        self.button = QToolButton()
        self.button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.button.setToolTip("Choose the date from a calendar")
        self.button.clicked.connect(self.show_calendar)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addWidget(self.error, 1)
        self.setFocusProxy(self.line)
        self.setAccessibleName(name)
        self.line.editingFinished.connect(self.read_text)
        if isinstance(day, QDate):
            self.setDate(day)
        else:
            self.set_value(day)

    # --- the value ---------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date (None: not set). Text typed but not yet read is read first."""
        self.read_text()
        return self._value

    def set_value(self, day: dt.date | None) -> None:
        changed = day != self._value
        self._value = day
        self.line.setText(shown(day) if day else "")
        self._refuse(None)
        if changed:
            self.dateChanged.emit(_qdate(day) if day else QDate())

    def date(self) -> QDate:
        """As QDateEdit gives it (a null QDate when not set)."""
        day = self.value()
        return _qdate(day) if day else QDate()

    def setDate(self, day: QDate) -> None:  # noqa: N802 (QDateEdit's name)
        self.set_value(dt.date(day.year(), day.month(), day.day())
                       if day.isValid() else None)

    def problem(self) -> str | None:
        """Why the text typed is not taken (None when it is the date shown)."""
        self.read_text()
        return self._problem

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        """The name is the text field's (what a screen reader announces)."""
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.button.setAccessibleName(f"{name}: calendar")
        self.error.setAccessibleName(f"{name}: problem")

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt's name)
        self.line.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    # --- reading what was typed --------------------------------------------------------

    def read_text(self) -> None:
        """Read the text typed: the date it names, or the refusal beside the field."""
        text = self.line.text()
        if self._value is not None and text == shown(self._value) or (
                self._value is None and not text.strip()):
            if self._problem is not None:
                self._refuse(None)
            return
        try:
            day = parse_date(text)
        except DateError as exc:
            self._refuse(str(exc))
            return
        if day is None and not self.optional:
            self._refuse("a date is needed here")
            return
        self.set_value(day)

    def _refuse(self, problem: str | None) -> None:
        self._problem = problem
        self.error.setText(problem or "")
        self.error.setVisible(problem is not None)
        set_tone(self.error, "danger" if problem else None)

    # --- the calendar ------------------------------------------------------------------

    def show_calendar(self) -> QCalendarWidget:
        """The calendar below the field, at its date, or at this month when it has none
        (never January 1900)."""
        self.read_text()
        menu = QMenu(self)
        cal = QCalendarWidget()
        cal.setAccessibleName("Calendar")
        cal.setGridVisible(True)
        cal.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        day = self._value or dt.date.today()
        cal.setSelectedDate(_qdate(day))
        cal.setCurrentPage(day.year, day.month)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(cal)
        menu.addAction(holder)
        cal.clicked.connect(lambda d: (self.setDate(d), menu.close()))
        cal.activated.connect(lambda d: (self.setDate(d), menu.close()))
        self.calendar = cal
        menu.popup(self.line.mapToGlobal(QPoint(0, self.line.height())))
        return cal
