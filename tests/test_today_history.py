"""What Today and check say about work gone by: each decision once in the problems, the
work of decisions registered before last year left out until asked for, a meeting held
without a publication recorded kept on Today and reported by check; and the posts a part
may delegate to, each once."""

from __future__ import annotations

import dataclasses
import datetime as dt

from governance import decisions, listings, today
from governance.checks import ERROR, Problem
from governance.desk import Desk

ASC = "Adult Social Care Cabinet Committee"


def as_of(desk: Desk, day: dt.date) -> Desk:
    return dataclasses.replace(desk, clock=lambda: day)


def test_a_decision_with_two_errors_is_one_problem_entry() -> None:
    found = today.entries_for_problems(
        [Problem(ERROR, "b_code", "23/00098", "Second."),
         Problem(ERROR, "a_code", "23/00098", "First."),
         Problem(ERROR, "a_code", "23/00091", "Other.")],
        {"23/00098": "Fund", "23/00091": "Strategy"})
    assert [(e.subject, e.detail) for e in found] == [("23/00091", "Other."),
                                                      ("23/00098", "First. Second.")]


def test_older_work_is_left_out_unless_asked_for(demo_register: Desk) -> None:
    desk = as_of(demo_register, dt.date(2023, 11, 1))
    shown = {e.subject for e in listings.today_sections(desk, history=False).entries()
             if e.target[0] == "decision"}
    every = {e.subject for e in listings.today_sections(desk).entries()
             if e.target[0] == "decision"}
    assert every - shown == {"18/00054", "18/00067", "19/00004", "19/00005", "19/00011"}
    assert all(today.decision_year(n) >= 2022 for n in shown)
    assert listings.today_sections(desk, history=False).history_left_out == 5
    assert {e.subject for e in listings.today_work_of(desk, ["18/00067"], history=False)
            } == set()


def test_a_meeting_held_without_its_agenda_published_stays_and_check_reports_it(
        demo_register: Desk) -> None:
    demo_register.store.db.execute("UPDATE meetings SET published_on = NULL")
    demo_register.store.db.conn.commit()
    desk = as_of(demo_register, dt.date(2023, 12, 1))  # after the 23 November meeting
    entries = [e for e in listings.today_sections(desk).entries() if e.section == "agenda_due"]
    held = next(e for e in entries if e.target == ("meeting", f"{ASC}|2023-11-23"))
    assert held.detail == ("The meeting was on Thu 23 Nov 2023 and its agenda is not"
                           " recorded as published (due by Wed 15 Nov 2023): record the day"
                           " it was")
    assert held.overdue
    reported = [p for p in listings.check(desk) if p.code == "agenda_never_published"]
    assert [p.subject for p in reported] == [f"{ASC}, 12 March 2019", f"{ASC}, 23 November 2023"]
    assert reported[1].message.startswith("The meeting was on 23 November 2023 but its agenda"
                                          " is not recorded as published")


def test_the_posts_a_part_may_delegate_to_are_each_listed_once(demo_register: Desk) -> None:
    posts = decisions.delegation_posts(demo_register)
    directors = [p for p in posts if "Corporate Director" in p]
    # "Corporate Director Adult Social Care and Health", "... of ..." and "..., ...": one post.
    assert directors == ["Corporate Director Adult Social Care and Health"]
    assert len(posts) == len(set(posts))
