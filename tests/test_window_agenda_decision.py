"""The agenda and the decision are one fact, in the window: the Committee tab offers the
committee's next meeting's date (not today's), sending a decision there puts it on that
meeting's agenda, and an item taken off the agenda is gone from the decision's tab."""

from __future__ import annotations

import datetime as dt

from governance import decisions, meetings

ASC = "Adult Social Care Cabinet Committee"
JAN = dt.date(2024, 1, 18)


def considerations(view) -> list[tuple[str, str, str]]:
    table = view.considerations
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def test_the_committee_tab_offers_the_meeting_s_date_and_sends_it_there(open_window) -> None:
    window = open_window(dt.date(2023, 11, 24))
    assert window.meetings_view.new_meeting(ASC, JAN, "10:00")
    number = window.new_decision("Carers Short Breaks Service")
    view = window.decision_view
    view.tabs.setCurrentIndex(4)
    assert view.outcome_committee.currentText() == ASC
    assert view.outcome_date.value() == JAN  # the committee's next meeting, not today
    view.outcome_combo.setCurrentIndex(view.outcome_combo.findData(None))
    assert view.record_consideration()
    assert considerations(view) == [(ASC, "18 January 2024", "(to be considered)")]
    agenda = meetings.meeting(window.desk, ASC, JAN).meeting.items
    assert [i.decision for i in agenda if i.decision] == [number]
    # Off the agenda on the Meetings screen: off the decision's Committee tab.
    item = next(n for n, i in enumerate(agenda, 1) if i.decision == number)
    assert window.meetings_view.remove_item(str(item))
    window.open_decision(number)
    assert considerations(view) == []
    assert decisions.decision(window.desk, number).status == "draft"
