"""The statutory calendar: clear days, agenda publication, key decision notice, call-in.

Every expected date below is worked out by hand in the comment next to it, from the England
and Wales bank holidays (Good Friday 29 March 2024, Easter Monday 1 April 2024, Good Friday
3 April 2026, Easter Monday 6 April 2026, early May bank holiday 4 May 2026, Christmas Day
Friday 25 December 2026, Boxing Day observed Monday 28 December 2026, New Year's Day Friday
1 January 2027).
"""

from __future__ import annotations

import datetime as dt

import pytest

from governance.calendar import (
    DEFAULT_CONFIG,
    CalendarConfig,
    agenda_publication_deadline,
    bank_holiday,
    call_in_period_end,
    clear_days_between,
    clear_working_days_between,
    earliest_decision_after_notice,
    effective_from,
    general_exception_earliest_decision,
    is_working_day,
    key_decision_notice_deadline,
    non_working_reason,
)

D = dt.date
ONE_DAY = dt.timedelta(days=1)

#: Kent's Christmas closure: the three working days between Boxing Day and New Year.
KENT_CLOSURE_2026 = CalendarConfig(
    closure_days=frozenset({D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)}))


# --- clear days --------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2024, 1, 1), D(2024, 1, 1), 0),    # same day
    (D(2024, 1, 1), D(2024, 1, 2), 0),    # next day: nothing strictly between
    (D(2024, 1, 1), D(2024, 1, 3), 1),    # only 2 January
    (D(2024, 1, 1), D(2024, 1, 8), 6),    # 2..7 January
    (D(2023, 11, 21), D(2023, 12, 20), 28),  # 22..30 Nov (9) + 1..19 Dec (19)
    (D(2024, 1, 8), D(2024, 1, 1), 0),    # backwards is never negative
])
def test_clear_days_exclude_both_end_days(start: dt.date, end: dt.date, expected: int) -> None:
    assert clear_days_between(start, end) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    # Mon 13 -> Mon 20 Nov 2023: Tue, Wed, Thu, Fri (the weekend and both Mondays excluded)
    (D(2023, 11, 13), D(2023, 11, 20), 4),
    # Wed 15 -> Thu 23 Nov 2023: Thu 16, Fri 17, Mon 20, Tue 21, Wed 22
    (D(2023, 11, 15), D(2023, 11, 23), 5),
    (D(2023, 11, 16), D(2023, 11, 23), 4),
    # Thu 28 Mar -> Tue 2 Apr 2024: Good Friday, Sat, Sun, Easter Monday: none
    (D(2024, 3, 28), D(2024, 4, 2), 0),
    # Thu 24 Dec 2026 -> Mon 4 Jan 2027: Tue 29, Wed 30, Thu 31 Dec (25, 28 Dec, 1 Jan holidays)
    (D(2026, 12, 24), D(2027, 1, 4), 3),
])
def test_clear_working_days_exclude_end_days_weekends_and_bank_holidays(
    start: dt.date, end: dt.date, expected: int,
) -> None:
    assert clear_working_days_between(start, end) == expected


def test_closure_days_are_not_working_days() -> None:
    # The same span as above with Kent's closure 29-31 December: no working day at all.
    assert clear_working_days_between(D(2026, 12, 24), D(2027, 1, 4), KENT_CLOSURE_2026) == 0
    assert non_working_reason(D(2026, 12, 29), KENT_CLOSURE_2026) == "council closure day"
    assert non_working_reason(D(2026, 12, 29)) is None
    assert is_working_day(D(2026, 12, 29))
    assert not is_working_day(D(2026, 12, 29), KENT_CLOSURE_2026)


def test_non_working_reasons_name_the_day() -> None:
    assert non_working_reason(D(2023, 11, 18)) == "Saturday"
    assert non_working_reason(D(2023, 11, 19)) == "Sunday"
    assert non_working_reason(D(2023, 11, 20)) is None
    assert "Boxing Day" in (bank_holiday(D(2026, 12, 28)) or "")  # observed: 26th is a Saturday
    assert "Boxing Day" in (non_working_reason(D(2026, 12, 28)) or "")
    assert bank_holiday(D(2026, 4, 3)) == "Good Friday"
    assert bank_holiday(D(2026, 12, 24)) is None


# --- agenda publication (LGA 1972 s100B: 5 clear working days) ----------------------------


@pytest.mark.parametrize(("meeting", "deadline"), [
    # The seeds: both packs were published on the last permissible day.
    # Thu 23 Nov 2023: Wed 22, Tue 21, Mon 20, Fri 17, Thu 16 clear -> published Wed 15.
    (D(2023, 11, 23), D(2023, 11, 15)),
    # Tue 12 Mar 2019: Mon 11, Fri 8, Thu 7, Wed 6, Tue 5 clear -> published Mon 4.
    (D(2019, 3, 12), D(2019, 3, 4)),
])
def test_agenda_deadline_matches_the_seed_packs(meeting: dt.date, deadline: dt.date) -> None:
    assert agenda_publication_deadline(meeting) == deadline
    assert clear_working_days_between(deadline, meeting) == 5


@pytest.mark.parametrize(("meeting", "deadline"), [
    # Thu 4 Apr 2024 (after Easter): Wed 3, Tue 2 clear; Mon 1 (Easter Monday), Sun, Sat,
    # Fri 29 Mar (Good Friday) skipped; Thu 28, Wed 27, Tue 26 clear -> published Mon 25 Mar.
    # (Without the two holidays it would be Wed 27 March.)
    (D(2024, 4, 4), D(2024, 3, 25)),
    # Tue 7 Apr 2026 (after Easter): Mon 6 (Easter Monday), Sun, Sat, Fri 3 (Good Friday)
    # skipped; Thu 2, Wed 1, Tue 31 Mar, Mon 30, Fri 27 clear -> published Thu 26 Mar.
    (D(2026, 4, 7), D(2026, 3, 26)),
    # Thu 7 May 2026 (early May bank holiday Mon 4): Wed 6, Tue 5 clear; Mon 4 skipped;
    # Fri 1, Thu 30 Apr, Wed 29 Apr clear -> published Tue 28 Apr.
    (D(2026, 5, 7), D(2026, 4, 28)),
    # Thu 31 Dec 2026: Wed 30, Tue 29 clear; Mon 28 (Boxing Day observed), Sun 27, Sat 26,
    # Fri 25 (Christmas) skipped; Thu 24, Wed 23, Tue 22 clear -> published Mon 21 Dec.
    # (Were the observed Boxing Day missed, it would be Tue 22 December.)
    (D(2026, 12, 31), D(2026, 12, 21)),
    # Tue 5 Jan 2027, across the year end: Mon 4 clear; Sun 3, Sat 2, Fri 1 (New Year)
    # skipped; Thu 31, Wed 30, Tue 29 clear; Mon 28 .. Fri 25 skipped; Thu 24 clear
    # -> published Wed 23 Dec 2026.
    (D(2027, 1, 5), D(2026, 12, 23)),
])
def test_agenda_deadline_over_bank_holidays(meeting: dt.date, deadline: dt.date) -> None:
    assert agenda_publication_deadline(meeting) == deadline


@pytest.mark.parametrize(("meeting", "default", "with_closure"), [
    # Tue 5 Jan 2027 with Kent's closure on 29, 30, 31 Dec: Mon 4 clear; 1 Jan .. 25 Dec
    # skipped (holidays, weekend, closure); Thu 24, Wed 23, Tue 22, Mon 21 clear
    # -> published Fri 18 Dec 2026 instead of Wed 23 Dec.
    (D(2027, 1, 5), D(2026, 12, 23), D(2026, 12, 18)),
    # Thu 7 Jan 2027: Wed 6, Tue 5, Mon 4 clear; 1 Jan .. 25 Dec skipped; Thu 24, Wed 23
    # clear -> Tue 22 Dec (without the closure: Wed 6, Tue 5, Mon 4, Thu 31, Wed 30 clear
    # -> Tue 29 Dec).
    (D(2027, 1, 7), D(2026, 12, 29), D(2026, 12, 22)),
])
def test_council_closure_days_move_the_agenda_deadline(
    meeting: dt.date, default: dt.date, with_closure: dt.date,
) -> None:
    assert agenda_publication_deadline(meeting) == default
    assert agenda_publication_deadline(meeting, KENT_CLOSURE_2026) == with_closure


def test_closure_on_the_publication_day_itself_moves_it_earlier() -> None:
    # Meeting Thu 23 Nov 2023 needs Thu 16 .. Wed 22 clear; if the council were closed on
    # Wed 15 Nov the agenda has to go out on Tue 14 Nov.
    closed = CalendarConfig(closure_days=frozenset({D(2023, 11, 15)}))
    assert agenda_publication_deadline(D(2023, 11, 23), closed) == D(2023, 11, 14)


def test_agenda_deadline_is_the_last_working_day_with_enough_clear_days() -> None:
    """For every weekday meeting over nine years: the deadline is a working day with at least
    5 clear working days before the meeting, and no later working day has them."""
    day, end = D(2019, 1, 1), D(2027, 12, 31)
    while day <= end:
        if is_working_day(day, KENT_CLOSURE_2026):
            deadline = agenda_publication_deadline(day, KENT_CLOSURE_2026)
            assert is_working_day(deadline, KENT_CLOSURE_2026), day
            assert clear_working_days_between(deadline, day, KENT_CLOSURE_2026) >= 5, day
            later = deadline + ONE_DAY
            while not is_working_day(later, KENT_CLOSURE_2026):
                later += ONE_DAY
            assert clear_working_days_between(later, day, KENT_CLOSURE_2026) < 5, day
        day += ONE_DAY


def test_agenda_clear_working_days_are_configurable() -> None:
    # Meeting Thu 23 Nov 2023 with 3 clear working days: Wed 22, Tue 21, Mon 20 -> Fri 17.
    assert agenda_publication_deadline(
        D(2023, 11, 23), CalendarConfig(agenda_clear_working_days=3)) == D(2023, 11, 17)


# --- key decision notice (2012 Regulations reg 9: 28 clear days) ---------------------------


def test_key_decision_notice_needs_28_clear_days() -> None:
    # Decision Wed 20 Dec 2023: 28 clear days are 22 Nov .. 19 Dec, so notice by Tue 21 Nov.
    assert key_decision_notice_deadline(D(2023, 12, 20)) == D(2023, 11, 21)
    assert earliest_decision_after_notice(D(2023, 11, 21)) == D(2023, 12, 20)
    assert clear_days_between(D(2023, 11, 21), D(2023, 12, 20)) == 28
    # A day later leaves only 27 and the decision moves a day later too.
    assert earliest_decision_after_notice(D(2023, 11, 22)) == D(2023, 12, 21)


def test_key_decision_notice_counts_calendar_days_through_christmas() -> None:
    # Decision Wed 10 Jan 2024: 28 clear days are 13 Dec .. 9 Jan (19 + 9, holidays and
    # weekends included), so notice by Tue 12 Dec 2023.
    assert key_decision_notice_deadline(D(2024, 1, 10)) == D(2023, 12, 12)
    assert key_decision_notice_deadline(D(2027, 1, 5), KENT_CLOSURE_2026) == D(2026, 12, 7)


def test_notice_deadline_and_earliest_decision_are_inverse() -> None:
    day = D(2023, 1, 1)
    for _ in range(400):
        notice = key_decision_notice_deadline(day)
        assert earliest_decision_after_notice(notice) == day
        assert clear_days_between(notice, day) == DEFAULT_CONFIG.key_decision_notice_clear_days
        day += ONE_DAY


# --- general exception (reg 10: 5 clear days) ---------------------------------------------


@pytest.mark.parametrize(("notice", "earliest"), [
    # Mon 4 Mar 2024: clear days Tue 5 .. Sat 9 -> earliest Sun 10 Mar (calendar days).
    (D(2024, 3, 4), D(2024, 3, 10)),
    # Thu 28 Mar 2024: clear days 29, 30, 31 Mar, 1, 2 Apr (Easter counts) -> Wed 3 Apr.
    (D(2024, 3, 28), D(2024, 4, 3)),
])
def test_general_exception_needs_5_clear_days(notice: dt.date, earliest: dt.date) -> None:
    assert general_exception_earliest_decision(notice) == earliest
    assert clear_days_between(notice, earliest) == 5
    assert clear_days_between(notice, earliest - ONE_DAY) == 4


# --- call-in (5 clear working days after publication) -------------------------------------


@pytest.mark.parametrize(("published", "config", "ends", "effective"), [
    # Published Mon 27 Nov 2023: Tue 28, Wed 29, Thu 30, Fri 1, Mon 4 Dec -> ends Mon 4 Dec,
    # effective Tue 5 Dec.
    (D(2023, 11, 27), DEFAULT_CONFIG, D(2023, 12, 4), D(2023, 12, 5)),
    # Published Thu 28 Mar 2024: Good Friday, weekend, Easter Monday skipped; Tue 2, Wed 3,
    # Thu 4, Fri 5 Apr, Mon 8 Apr -> ends Mon 8 Apr, effective Tue 9 Apr.
    (D(2024, 3, 28), DEFAULT_CONFIG, D(2024, 4, 8), D(2024, 4, 9)),
    # Published Fri 18 Dec 2026: Mon 21, Tue 22, Wed 23, Thu 24; Fri 25 .. Mon 28 skipped;
    # Tue 29 Dec -> ends Tue 29 Dec, effective Wed 30 Dec.
    (D(2026, 12, 18), DEFAULT_CONFIG, D(2026, 12, 29), D(2026, 12, 30)),
    # The same with Kent's closure: after Thu 24 nothing until Mon 4 Jan 2027 -> ends Mon 4
    # Jan, effective Tue 5 Jan.
    (D(2026, 12, 18), KENT_CLOSURE_2026, D(2027, 1, 4), D(2027, 1, 5)),
])
def test_call_in_period_over_bank_holidays(
    published: dt.date, config: CalendarConfig, ends: dt.date, effective: dt.date,
) -> None:
    assert call_in_period_end(published, config) == ends
    assert effective_from(published, config) == effective
    assert clear_working_days_between(published, effective, config) == 5


def test_seed_decision_was_implemented_after_its_call_in_period() -> None:
    # 18/00041: published Tue 9 Oct 2018, implemented 9 Nov 2018. Period Wed 10 .. Tue 16 Oct.
    assert call_in_period_end(D(2018, 10, 9)) == D(2018, 10, 16)
    assert effective_from(D(2018, 10, 9)) <= D(2018, 11, 9)
