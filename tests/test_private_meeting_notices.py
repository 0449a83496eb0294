"""A meeting held partly in private needs its notices (SI 2012/2089 regulation 5): the 28
clear days' notice of the intention to hold that part in private, then the confirmation 5
clear days before, unless the urgency is recorded (regulation 5(6)). ``check`` and the
Today screen say what is missing or late, naming the meeting, the item and the decision
and what to do; Today lists the notices to publish as work. On every store, and in
``check``'s output."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from governance import decisions, exchange, listings, meetings, notices, today
from governance.checks import ERROR, WARNING
from governance.desk import Desk
from main import main

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)
#: 33 clear days before the meeting (28 needed: the last day is 25 October).
EARLY = dt.date(2023, 10, 20)
AGREED = ("The grant must be accepted by 8 December 2023; Mr A M Ridgers, Chairman of the"
          " Scrutiny Committee, agreed on 30 October 2023 that it could not be deferred.")
WHERE = ("Item 2 of the Adult Social Care Cabinet Committee on 23 November 2023 (23/00098)"
         " is exempt under paragraph 3 of Part 1 of Schedule 12A, so that part of the"
         " meeting")
COMMANDS = ('--decision 23/00098 --committee "Adult Social Care Cabinet Committee"'
            " --date 2023-11-23")


def _private(desk: Desk) -> None:
    """Item 2 (23/00098) exempt under paragraph 3."""
    meetings.set_item_exempt(desk, ASC, NOV, 2, 3)


def _found(desk: Desk, on: dt.date) -> list[tuple[str, str, str]]:
    desk.clock.day = on
    return [(p.severity, p.code, p.message) for p in listings.check(desk)
            if p.code.startswith("private_")]


def _one(desk: Desk, on: dt.date, severity: str) -> str:
    """The one problem found on ``on``: a missing notice of ``severity``; its message."""
    [(found, code, message)] = _found(desk, on)
    assert (found, code) == (severity, "private_notice_missing")
    return message


def _work(desk: Desk, on: dt.date) -> list[tuple[str, str, str, dt.date | None, tuple]]:
    desk.clock.day = on
    work = listings.today_sections(desk)
    return [(e.subject, e.title, e.detail, e.due, e.target)
            for e in work.first("private_notice")]


def _publish(desk: Desk, kind: str, on: dt.date) -> None:
    desk.clock.day = on
    notices.publish(desk, kind, "23/00098", on)


def test_notices_in_time_leave_nothing_to_say(sample_desk: Desk) -> None:
    _private(sample_desk)
    _publish(sample_desk, "private", EARLY)
    _publish(sample_desk, "private-confirmation", dt.date(2023, 11, 10))
    for day in (dt.date(2023, 11, 10), dt.date(2023, 11, 20), dt.date(2023, 12, 1)):
        assert _found(sample_desk, day) == []
        assert _work(sample_desk, day) == []


def test_no_notice_with_the_meeting_near_is_an_error_and_work_on_today(
        sample_desk: Desk) -> None:
    _private(sample_desk)
    message = _one(sample_desk, dt.date(2023, 11, 1), ERROR)
    assert message == (
        f"{WHERE} is to be held in private, but no notice of the intention to hold it in"
        " private has been published and the meeting is 22 days away: 28 clear days'"
        " notice (regulation 5(2) of SI 2012/2089) could be given until 25 October 2023."
        " Take the item in public or at a later meeting, or get the chairman of the"
        " overview and scrutiny committee to agree that it is urgent and cannot reasonably"
        " be deferred (regulation 5(6)), record that as the decision's urgency reason, and"
        f" publish the notice at once: render notice --kind private {COMMANDS} --format pdf"
        f" -o FILE, then notice publish --kind private {COMMANDS} --on DATE.")
    # Today: the error among the problems (under the decision), and the work.
    [problem] = [e for e in listings.today_open_problems(sample_desk)
                 if e.subject == "23/00098"]
    assert message in problem.detail
    assert _work(sample_desk, dt.date(2023, 11, 1)) == [(
        "23/00098", f"{ASC}, Thu 23 Nov 2023: item 2 in private",
        "No notice that it will be held in private (paragraph 3), overdue since Wed 25 Oct"
        " 2023: take it in public or later, or record the urgency agreed (regulation 5(6))"
        " and publish the notice at once",
        dt.date(2023, 10, 25), ("meeting", f"{ASC}|2023-11-23"))]


def test_no_notice_with_time_left_is_a_warning_with_the_last_day(sample_desk: Desk) -> None:
    _private(sample_desk)
    assert _one(sample_desk, dt.date(2023, 9, 1), WARNING) == (
        f"{WHERE} is to be held in private; publish the notice of the intention to hold it"
        " in private by 25 October 2023 (28 clear days before, regulation 5(2) of SI"
        f" 2012/2089): render notice --kind private {COMMANDS} --format pdf -o FILE, then"
        f" notice publish --kind private {COMMANDS} --on DATE.")
    assert _work(sample_desk, dt.date(2023, 9, 1)) == []  # not yet: 54 days to go
    [(_, _, detail, due, _)] = _work(sample_desk, dt.date(2023, 10, 1))
    assert (detail, due) == ("Publish the notice that it will be held in private (paragraph"
                             " 3): by Wed 25 Oct 2023 (24 days), 28 clear days before the"
                             " meeting", dt.date(2023, 10, 25))
    # Once the meeting is held, what was missing is history: a warning.
    assert _one(sample_desk, dt.date(2023, 12, 1), WARNING).startswith(
        f"{WHERE} was held in private, but no notice of the intention to hold it in private"
        " is recorded")


def test_an_exempt_decision_makes_its_item_private_too(sample_desk: Desk) -> None:
    decisions.update_decision(sample_desk, "23/00098", {"exempt_paragraph": 3})
    assert [code for _, code, _ in _found(sample_desk, dt.date(2023, 11, 1))] == [
        "private_notice_missing"]


def test_a_late_notice_is_a_warning(sample_desk: Desk) -> None:
    _private(sample_desk)
    _publish(sample_desk, "private", dt.date(2023, 11, 1))
    assert _found(sample_desk, dt.date(2023, 11, 2)) == [(
        WARNING, "private_notice_late",
        f"{WHERE} is to be held in private, but its notice was published on 1 November 2023,"
        " giving 21 clear days where 28 are needed (regulation 5(2) of SI 2012/2089); unless"
        " the chairman of the overview and scrutiny committee agreed that the meeting is"
        " urgent and cannot reasonably be deferred (regulation 5(6): record that as the"
        " decision's urgency reason), take the item in public or at a later meeting.")]


def test_a_missing_confirmation_is_work_then_a_warning(sample_desk: Desk) -> None:
    _private(sample_desk)
    _publish(sample_desk, "private", EARLY)
    assert _found(sample_desk, dt.date(2023, 11, 10)) == []  # not due until 17 November
    [(_, title, detail, due, _)] = _work(sample_desk, dt.date(2023, 11, 10))
    assert (title, detail, due) == (
        f"{ASC}, Thu 23 Nov 2023: item 2 in private",
        "Publish the confirmation that it will be held in private, with any representations"
        " and the response: by Fri 17 Nov 2023 (7 days), 5 clear days before the meeting",
        dt.date(2023, 11, 17))
    assert _found(sample_desk, dt.date(2023, 11, 20)) == [(
        WARNING, "private_confirmation_missing",
        f"{WHERE} is to be held in private; the 28-day notice was published on 20 October"
        " 2023, but the further notice 5 clear days before the meeting, with any"
        " representations received and the response (regulation 5(4)-(5) of SI 2012/2089),"
        " is not recorded (it was due by 17 November 2023): render notice --kind"
        f" private-confirmation {COMMANDS} --format pdf -o FILE, then notice publish --kind"
        f" private-confirmation {COMMANDS} --on DATE.")]
    assert "overdue since Fri 17 Nov 2023" in _work(sample_desk, dt.date(2023, 11, 20))[0][2]
    _publish(sample_desk, "private-confirmation", dt.date(2023, 11, 20))
    assert [code for _, code, _ in _found(sample_desk, dt.date(2023, 11, 21))] == [
        "private_confirmation_late"]
    assert _work(sample_desk, dt.date(2023, 11, 21)) == []


def test_recorded_urgency_needs_no_notice(sample_desk: Desk) -> None:
    _private(sample_desk)
    decisions.update_decision(sample_desk, "23/00098", {"route": "special_urgency",
                                                        "urgency_reason": AGREED})
    assert _found(sample_desk, dt.date(2023, 11, 1)) == []
    assert _work(sample_desk, dt.date(2023, 11, 1)) == []
    # Without a reason the route alone excuses nothing.
    decisions.update_decision(sample_desk, "23/00098", {"urgency_reason": None})
    assert [code for _, code, _ in _found(sample_desk, dt.date(2023, 11, 1))] == [
        "private_notice_missing"]


def test_a_change_to_the_decision_keeps_its_private_notice_problem_on_today(
        sample_desk: Desk) -> None:
    """Today checks a changed decision again: its notice problem stays with the others."""
    _private(sample_desk)
    sample_desk.clock.day = dt.date(2023, 11, 1)
    decisions.update_decision(sample_desk, "23/00098", {"alternatives": "None at all."})
    [entry] = listings.today_problems_of(sample_desk, ["23/00098"])
    assert "no notice of the intention to hold it in private" in entry.detail


@pytest.fixture
def private_register(sample_register: Desk) -> Desk:
    _private(sample_register)
    return sample_register


def test_check_prints_the_warning_for_a_meeting_held_without_notice(
        private_register: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", str(private_register.store.path), "check", "--json"])
    found = [p for p in json.loads(capsys.readouterr().out)
             if p["code"].startswith("private_")]
    assert code == 0
    assert [(p["severity"], p["code"], p["subject"]) for p in found] == [
        ("warning", "private_notice_missing", "23/00098")]
    assert found[0]["message"].startswith(f"{WHERE} was held in private")
    main(["--db", str(private_register.store.path), "check"])
    out = capsys.readouterr().out
    assert f"WARNING 23/00098: {WHERE} was held in private" in out


def test_check_fails_for_a_meeting_near_with_no_notice(
        private_register: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    soon = dt.date.today() + dt.timedelta(days=10)
    meetings.create_meeting(private_register, ASC, soon)
    meetings.add_item(private_register, ASC, soon, decision="23/00101", exempt_paragraph=1)
    code = main(["--db", str(private_register.store.path), "check"])
    out = capsys.readouterr().out
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("ERROR   23/00101: "))
    assert "no notice of the intention to hold it in private has been published and the" \
           " meeting is 10 days away" in line
    assert "notice publish --kind private --decision 23/00101" in line


def test_the_pure_work_gives_what_the_store_backed_today_gives(sample_desk: Desk) -> None:
    _private(sample_desk)
    _publish(sample_desk, "private", EARLY)
    for day in (dt.date(2023, 10, 1), dt.date(2023, 11, 10)):
        sample_desk.clock.day = day
        pure = [e for e in today.work_entries(exchange.document(sample_desk), day)
                if e.section == "private_notice"]
        assert pure == listings.today_sections(sample_desk).first("private_notice")
    assert pure and pure[0].due == dt.date(2023, 11, 17)
