"""Typing into the window's date fields, as a clerk does (pytest-qt, QTest.keyClicks):
the date typed, or a refusal beside the field; an empty ("not set") field takes a typed
date; the calendar of an empty field opens at this month."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from governance import decisions
from ui.date_field import DateField
from ui.meeting_dialogs import NewMeetingDialog

TODAY = dt.date(2023, 11, 1)


@pytest.fixture
def window(open_window):
    return open_window(TODAY)


def type_over(field: DateField, text: str, enter: bool = True) -> None:
    """Select what the field shows, type ``text`` over it and press Enter."""
    field.line.setFocus()
    field.line.selectAll()
    QTest.keyClicks(field.line, text)
    if enter:
        QTest.keyClick(field.line, Qt.Key.Key_Return)


def test_typing_a_date_over_a_selected_one_gives_the_date_typed(qtbot) -> None:
    field = DateField("Date", dt.date(2026, 12, 3))
    qtbot.addWidget(field)
    field.show()
    assert field.line.text() == "3 December 2026"
    type_over(field, "14 January 2027")
    assert field.value() == dt.date(2027, 1, 14)
    assert field.date() == QDate(2027, 1, 14)
    assert field.line.text() == "14 January 2027"
    type_over(field, "14/01/2027")  # day first, as in England
    assert field.value() == dt.date(2027, 1, 14) and field.problem() is None
    type_over(field, "2 Feb 2027")
    assert field.value() == dt.date(2027, 2, 2)


def test_a_date_that_does_not_exist_is_refused_beside_the_field(qtbot) -> None:
    field = DateField("Date", dt.date(2026, 12, 3))
    qtbot.addWidget(field)
    field.show()
    type_over(field, "31 February 2027")
    assert field.value() == dt.date(2026, 12, 3)  # not 3 February: the last good date
    assert field.line.text() == "31 February 2027"  # what was typed stays to be put right
    assert field.error.isVisible()
    assert field.error.text() == "'31 February 2027' is not a date: February 2027 has 28 days"
    type_over(field, "31/13/2027")
    assert field.error.text() == "'31/13/2027' is not a date: there is no month 13"
    type_over(field, "3 December 2026")
    assert not field.error.isVisible() and field.problem() is None


def test_an_empty_field_takes_a_typed_date_and_saving_stores_it(window) -> None:
    window.open_decision("23/00098")
    view = window.decision_view
    field = view.assessment_widgets["eqia"]["on"]
    assert field.value() is None and field.line.text() == ""
    assert field.line.placeholderText() == "not set"
    type_over(field, "15 January 2027")
    assert field.line.text() == "15 January 2027"  # not "not set15January2027"
    assert view.save()
    assert decisions.decision(window.desk, "23/00098").eqia.signed_off_on == dt.date(2027, 1, 15)
    field.line.selectAll()
    QTest.keyClick(field.line, Qt.Key.Key_Delete)  # emptied again: not set
    QTest.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() is None and field.problem() is None


def test_a_refused_date_stops_the_save_and_says_why(window) -> None:
    window.open_decision("23/00098")
    view = window.decision_view
    type_over(view.notice_date, "30 February 2024")
    assert not view.save()
    assert "'30 February 2024' is not a date: February 2024 has 29 days" in view.banner.text()
    assert decisions.decision(window.desk, "23/00098").notice_published_on != dt.date(2024, 2, 1)


def test_the_calendar_of_an_empty_field_opens_at_this_month(qtbot) -> None:
    field = DateField("Date", optional=True)
    qtbot.addWidget(field)
    field.show()
    calendar = field.show_calendar()
    today = dt.date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    calendar.clicked.emit(QDate(2027, 3, 4))
    assert field.value() == dt.date(2027, 3, 4)
    assert field.show_calendar().monthShown() == 3  # at the field's date once it has one


def test_the_new_meeting_dialog_takes_a_typed_date(qtbot) -> None:
    dialog = NewMeetingDialog(["Adult Social Care Cabinet Committee"], TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    type_over(dialog.date, "14 March 2024", enter=False)
    assert dialog.answers()["date"] == dt.date(2024, 3, 14)
    type_over(dialog.date, "31 April 2024", enter=False)
    dialog.accept()  # refused: the dialog stays open with the reason beside the date
    assert dialog.isVisible() and dialog.date.error.isVisible()
