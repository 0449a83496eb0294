"""The agenda builder's Outcome… and Paper title…: the committee's outcome recorded on a
meeting's item is the decision's own (its Committee tab shows it, and recording it there
changes the same fact); a paper's title shows on the agenda instead of its file name."""

from __future__ import annotations

import datetime as dt

from governance import decisions, meetings
from main import main
from tests.conftest import open_desk, pdf_bytes

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)


def test_the_outcome_on_the_meeting_is_the_decision_s(open_window) -> None:
    window = open_window(dt.date(2023, 11, 24))
    view = window.meetings_view
    view.open_meeting(ASC, NOV)
    number = next(str(n) for n, i in enumerate(view.items, 1) if i.decision == "23/00098")
    view.tree.setCurrentItem(view._row_of(("item", number)))
    assert view.outcome_button.isEnabled()
    view.tree.setCurrentItem(view._row_of(("item", "1")))  # a standing item: no decision
    assert not view.outcome_button.isEnabled()
    assert view.record_outcome(number, "endorsed")
    assert view.message.text() == (f"Recorded the outcome of item {number} of the agenda of"
                                   f" {ASC}, Thursday 23 November 2023 on 23/00098: endorsed.")
    d = decisions.decision(window.desk, "23/00098")
    assert [(c.committee, c.date, c.outcome) for c in d.committee_considerations] == [
        (ASC, NOV, "endorsed")]
    window.open_decision("23/00098")
    table = window.decision_view.considerations
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == ["Endorsed"]
    # On the Decision screen: the same fact changes, no second one.
    dv = window.decision_view
    dv.outcome_combo.setCurrentIndex(dv.outcome_combo.findData("recommendations_made"))
    dv.recommendations_edit.setPlainText("Review after a year.")
    assert dv.record_consideration()
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == [
        "Recommendations made"]


def test_a_paper_is_given_a_title_in_the_window(open_window, demo_register) -> None:
    window = open_window(dt.date(2023, 11, 1))
    view = window.meetings_view
    day = dt.date(2024, 1, 18)
    assert view.new_meeting(ASC, day, "10:00")
    assert view.add_item("Budget monitoring")
    number = next(str(n) for n, i in enumerate(view.items, 1) if i.title == "Budget monitoring")
    done = meetings.attach_papers(demo_register, ASC, day, number,
                                  [("budget-q3-final-v2.pdf", pdf_bytes("budget"))])
    window.apply_changes(done.changes)
    paper = view._row_of(("paper", number, 1))
    assert paper.text(1) == "budget-q3-final-v2.pdf"
    view.tree.setCurrentItem(paper)
    assert view.paper_title_button.isEnabled()
    assert view.set_paper_title(number, 1, "Revenue budget monitoring, quarter 3")
    assert view._row_of(("paper", number, 1)).text(1) == "Revenue budget monitoring, quarter 3"
    stored = meetings.meeting(demo_register, ASC, day).meeting.items[int(number) - 1].papers[0]
    assert (stored.path, stored.title) == ("budget-q3-final-v2.pdf",
                                           "Revenue budget monitoring, quarter 3")


def test_the_command_line_records_an_outcome_and_a_title(tmp_path, capsys) -> None:
    db = tmp_path / "register.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    capsys.readouterr()
    march = dt.date(2019, 3, 12)
    desk = open_desk(db)
    try:
        items = meetings.meeting(desk, ASC, march).meeting.items
    finally:
        desk.close()
    number = next(str(n) for n, i in enumerate(items, 1) if i.decision == "19/00011")
    assert main(["--db", str(db), "meeting", "outcome", "--committee", ASC, "--date",
                 "2019-03-12", "--item", number, "--outcome", "endorsed"]) == 0
    assert capsys.readouterr().out == (
        f"Recorded the outcome of item {number} of the agenda of {ASC}, Tuesday 12 March 2019"
        " on 19/00011: endorsed.\n")
    paper = next(n for n, i in enumerate(items, 1) if i.papers)
    assert main(["--db", str(db), "meeting", "paper-title", "--committee", ASC, "--date",
                 "2019-03-12", "--item", str(paper), "--paper", "1", "--title",
                 "The report"]) == 0
    desk = open_desk(db)
    try:
        assert [(c.date, c.outcome) for c in decisions.decision(
            desk, "19/00011").committee_considerations] == [(march, "endorsed")]
        got = meetings.meeting(desk, ASC, march).meeting.items[paper - 1].papers[0].title
        assert got == "The report"
    finally:
        desk.close()
