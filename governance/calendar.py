"""The statutory calendar: clear days, agenda publication, key decision notice, call-in.

"Clear days" exclude the day of publication (or notice) and the day of the event.
Agenda publication (Local Government Act 1972 s100B) counts clear *working* days:
weekends, England and Wales bank holidays and the council's own closure days do
not count. Key decision notice (2012 Regulations reg 9) counts calendar days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CalendarConfig:
    """A council's calendar settings. Kent's defaults."""

    closure_days: frozenset[dt.date] = field(default_factory=frozenset)
    agenda_clear_working_days: int = 5
    key_decision_notice_clear_days: int = 28
    general_exception_clear_days: int = 5
    call_in_clear_working_days: int = 5


DEFAULT_CONFIG = CalendarConfig()


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday(day: dt.date) -> str | None:
    """The name of the England and Wales bank holiday on ``day``, or None."""
    return _bank_holidays(day.year).get(day)


def non_working_reason(day: dt.date, config: CalendarConfig = DEFAULT_CONFIG) -> str | None:
    """Why ``day`` is not a working day ("Saturday", "Christmas Day", "council closure")."""
    if day.weekday() >= 5:
        return day.strftime("%A")
    name = bank_holiday(day)
    if name:
        return name
    if day in config.closure_days:
        return "council closure day"
    return None


def is_working_day(day: dt.date, config: CalendarConfig = DEFAULT_CONFIG) -> bool:
    return non_working_reason(day, config) is None


def clear_days_between(start: dt.date, end: dt.date) -> int:
    """Calendar days strictly between ``start`` and ``end`` (0 if none)."""
    return max((end - start).days - 1, 0)


def clear_working_days_between(
    start: dt.date, end: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> int:
    """Working days strictly between ``start`` and ``end``."""
    count = 0
    day = start + ONE_DAY
    while day < end:
        if is_working_day(day, config):
            count += 1
        day += ONE_DAY
    return count


def _previous_working_day(day: dt.date, config: CalendarConfig) -> dt.date:
    while not is_working_day(day, config):
        day -= ONE_DAY
    return day


def agenda_publication_deadline(
    meeting_date: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> dt.date:
    """The last working day on which the agenda can be published with the required clear
    working days before the meeting (Thursday 23 November 2023 -> Wednesday 15 November)."""
    needed = config.agenda_clear_working_days
    day = meeting_date
    while needed:
        day -= ONE_DAY
        if is_working_day(day, config):
            needed -= 1
    return _previous_working_day(day - ONE_DAY, config)


def key_decision_notice_deadline(
    decision_date: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> dt.date:
    """The last day a key decision can go on the Forward Plan for a decision on
    ``decision_date``: 28 clear days must lie between the two."""
    return decision_date - dt.timedelta(days=config.key_decision_notice_clear_days + 1)


def earliest_decision_after_notice(
    notice_date: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> dt.date:
    """The first day a key decision can be taken after its Forward Plan notice."""
    return notice_date + dt.timedelta(days=config.key_decision_notice_clear_days + 1)


def general_exception_earliest_decision(
    notice_date: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> dt.date:
    """General exception (reg 10): the first day the decision can be taken after the
    notice to the scrutiny chair, 5 clear days later."""
    return notice_date + dt.timedelta(days=config.general_exception_clear_days + 1)


def call_in_period_end(
    published_on: dt.date, config: CalendarConfig = DEFAULT_CONFIG
) -> dt.date:
    """The last day of the call-in period: the last of the clear working days after
    the record's publication. The decision is effective the day after, unless called in."""
    remaining = config.call_in_clear_working_days
    day = published_on
    while remaining:
        day += ONE_DAY
        if is_working_day(day, config):
            remaining -= 1
    return day


def effective_from(published_on: dt.date, config: CalendarConfig = DEFAULT_CONFIG) -> dt.date:
    return call_in_period_end(published_on, config) + ONE_DAY
