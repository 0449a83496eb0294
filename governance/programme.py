"""A committee's Work Programme as its paper shows it (Kent's "ADULT SOCIAL CARE CABINET
COMMITTEE WORK PROGRAMME 2023/24"): the items it receives at every meeting or on a
cycle, each future meeting's items, and the items suggested but not yet allocated to a
meeting. Plain values: made by :mod:`governance.work_programme`, written by the
document adapter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: What an item on a meeting's list is: a standing item, an item of the agenda, a decision
#: planned for the meeting, a regular item due that month.
ITEM_KINDS = ("standing", "agenda", "decision", "regular")


@dataclass(frozen=True)
class Suggestion:
    """An item a Member (or the committee) suggested, not yet on an agenda."""

    title: str
    by: str | None
    on: dt.date


@dataclass(frozen=True)
class RegularItem:
    """An item the committee receives in given months ("Performance Dashboard": Sep, Nov,
    Mar, May); one month is once a year ("Annually (November)")."""

    title: str
    months: tuple[int, ...]


@dataclass(frozen=True)
class ProgrammeItem:
    number: str
    title: str
    kind: str
    #: A decision planned for the meeting that is a key decision.
    key: bool = False
    #: The suggestion an item of the agenda takes up (its title's), if any.
    suggestion: Suggestion | None = None


@dataclass(frozen=True)
class ProgrammeMeeting:
    date: dt.date
    time: str | None
    items: tuple[ProgrammeItem, ...]
    #: True when the items are the meeting's agenda (it has items of business).
    from_agenda: bool


@dataclass(frozen=True)
class WorkProgramme:
    committee: str
    #: The municipal year it covers, "2023/24".
    year: str
    #: The first calendar year of that municipal year (months on the cycle are dated by it).
    first_year: int
    updated_on: dt.date
    standing: tuple[str, ...]
    regular: tuple[RegularItem, ...]
    meetings: tuple[ProgrammeMeeting, ...]
    unallocated: tuple[Suggestion, ...]


@dataclass(frozen=True)
class ProgrammeLists:
    """What a committee's work programme keeps beside its meetings: its regular items and
    the items suggested for it (allocated or not), in the order they were recorded."""

    committee: str
    regular: tuple[RegularItem, ...] = ()
    suggested: tuple[Suggestion, ...] = ()
