"""Attendance at a committee's meetings (issue 15): for each member, the meetings they were
expected at, attended (virtually among them), sent apologies to, had a substitute sit for
them at, and missed with no apologies and no substitute; and how often each substitute sat,
for whom. Over one municipal year ("2023/24": the meetings from 1 June 2023 to 31 May 2024)
or every year. What ``attendance`` prints and the window's Attendance… dialog shows.

Counted: the meetings held (on or before today), not cancelled, whose attendance is
recorded in their minute book. A meeting held with no attendance recorded is named as such
and counted as nobody's absence; a cancelled meeting and one still to come are not counted.

Who was expected at a meeting: the members its published agenda printed (the membership
recorded with the meeting: members change during a year), else the committee's members now,
with the Chairman, Vice-Chairman and members (not its named substitutes) expected; and
anyone the minutes record as present or sending apologies as a member (not as a substitute),
or as the member a substitute sat for.

:func:`tally` is the arithmetic on values given (no store); :func:`statistics` reads the
register and calls it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from governance.committees import ROLE_WORDS, SEATED, committee
from governance.desk import Desk
from governance.errors import UserError
from governance.minute_book import MinuteBook
from governance.model import Membership, RecordedMembership
from governance.work_programme import YEAR_STARTS, programme_year, year_words

#: The figures for each member, in the order the table shows them: (key, heading).
COLUMNS = (("expected", "Expected"), ("attended", "Attended"), ("virtual", "Virtual"),
           ("apologies", "Apologies"), ("substituted", "Substituted"), ("absent", "Absent"))
#: What the columns count, in a sentence (under the table).
KEY = ("Expected: meetings counted while on the committee; Virtual: of those attended, remotely;"
       " Substituted: someone sat for them; Absent: no apologies and no substitute.")
_YEAR = re.compile(r"\s*(\d{4})\s*(?:[/-]\s*(\d{2}|\d{4}))?\s*")


class AttendanceError(UserError):
    """Attendance statistics asked for wrongly (a year not written as one)."""


@dataclass(frozen=True)
class MemberAttendance:
    """One member's figures over the meetings counted. ``apologies`` and ``substituted``
    overlap (a member who sent apologies usually has a substitute); ``absent`` counts the
    meetings missed with neither."""

    member: str
    #: Their role on the committee now ("chairman", "vice_chairman", "member",
    #: "substitute"); None when they are no longer on it.
    role: str | None
    expected: int = 0
    attended: int = 0
    #: Of those attended, how many virtually (remote attendance).
    virtual: int = 0
    apologies: int = 0
    substituted: int = 0
    absent: int = 0

    @property
    def role_words(self) -> str:
        words = ROLE_WORDS[self.role] if self.role else "no longer a member"
        return words[:1].upper() + words[1:]

    @property
    def percent(self) -> int | None:
        """Meetings attended as a percentage of those expected (None: none expected)."""
        return round(100 * self.attended / self.expected) if self.expected else None


@dataclass(frozen=True)
class SubstituteAttendance:
    """Someone who sat for a member: how many meetings, and for whom how often."""

    name: str
    attended: int
    #: (member, times), most often first.
    sat_for: tuple[tuple[str, int], ...]

    @property
    def words(self) -> str:
        return ", ".join(f"{member} ({times})" for member, times in self.sat_for)


@dataclass(frozen=True)
class AttendanceStatistics:
    committee: str
    #: The municipal year ("2023/24"); None: every year.
    year: str | None
    #: Its first and last days (None: every year).
    start: dt.date | None
    end: dt.date | None
    today: dt.date
    #: The meetings counted, oldest first.
    counted: tuple[dt.date, ...]
    #: Held, not cancelled, with no attendance recorded: not counted.
    not_recorded: tuple[dt.date, ...]
    #: Cancelled, with the reason: not counted.
    cancelled: tuple[tuple[dt.date, str], ...]
    #: Still to come: not counted.
    to_come: tuple[dt.date, ...]
    members: tuple[MemberAttendance, ...]
    substitutes: tuple[SubstituteAttendance, ...]

    @property
    def period(self) -> str:
        """What the figures cover, in words."""
        if self.year is None or self.start is None or self.end is None:
            return "all years"
        return f"municipal year {self.year} ({_day(self.start)} to {_day(self.end)})"

    def notes(self) -> list[str]:
        """The meetings counted and those not, a sentence each."""
        n = len(self.counted)
        said = [f"{n} meeting{'s' if n != 1 else ''} counted"
                + (f": {', '.join(_day(d) for d in self.counted)}." if n else
                   " (none held with its attendance recorded).")]
        if self.not_recorded:
            said.append("Not counted, held but no attendance recorded: "
                        + ", ".join(_day(d) for d in self.not_recorded) + ".")
        if self.cancelled:
            said.append("Not counted, cancelled: "
                        + "; ".join(f"{_day(d)} ({reason})" for d, reason in self.cancelled)
                        + ".")
        if self.to_come:
            said.append("Not counted, still to come: "
                        + ", ".join(_day(d) for d in self.to_come) + ".")
        return said

    def as_json(self) -> dict:
        """The ``attendance --json`` document (its keys are listed in the README)."""
        return {
            "committee": self.committee,
            "year": self.year,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "today": self.today.isoformat(),
            "meetings": {
                "counted": [d.isoformat() for d in self.counted],
                "not_recorded": [d.isoformat() for d in self.not_recorded],
                "cancelled": [{"date": d.isoformat(), "reason": reason}
                              for d, reason in self.cancelled],
                "to_come": [d.isoformat() for d in self.to_come],
            },
            "members": [{"member": m.member, "role": m.role,
                         **{key: getattr(m, key) for key, _heading in COLUMNS}}
                        for m in self.members],
            "substitutes": [{"name": s.name, "attended": s.attended,
                             "sat_for": [{"member": member, "times": times}
                                         for member, times in s.sat_for]}
                            for s in self.substitutes],
        }


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def year_span(first: int) -> tuple[dt.date, dt.date]:
    """The first and last days of the municipal year that starts in ``first``."""
    return (dt.date(first, YEAR_STARTS, 1),
            dt.date(first + 1, YEAR_STARTS, 1) - dt.timedelta(days=1))


def parse_year(text: str) -> int:
    """``2023/24`` (or ``2023/2024``, ``2023-24``, ``2023``) -> 2023."""
    found = _YEAR.fullmatch(text or "")
    if found:
        first, second = int(found[1]), found[2]
        if second is None or int(second) in ((first + 1) % 100, first + 1):
            return first
    raise AttendanceError(f"{text!r} is not a municipal year: write it as 2023/24 (the"
                          f" year from June 2023 to May 2024)")


def current_year(today: dt.date) -> str:
    """The municipal year ``today`` falls in, as ``2023/24``."""
    return year_words(programme_year(today))


def years(desk: Desk, committee_name: str) -> list[str]:
    """The municipal years the committee has meetings in ("2023/24"), latest first, with
    the year today falls in among them."""
    firsts = {programme_year(day) for day in desk.store.meeting_dates(committee_name)}
    firsts.add(programme_year(desk.today()))
    return [year_words(first) for first in sorted(firsts, reverse=True)]


def tally(committee_name: str, dates: Sequence[dt.date], books: Mapping[dt.date, MinuteBook],
          membership: Sequence[Membership], printed: Mapping[dt.date, RecordedMembership],
          today: dt.date, year: int | None = None) -> AttendanceStatistics:
    """The figures over the committee's meetings on ``dates`` (within the municipal year
    starting in ``year``, or all), from their minute books (``books``, by date), the
    membership each published agenda printed (``printed``, by date; else ``membership``,
    the committee's now)."""
    start, end = year_span(year) if year is not None else (None, None)
    counted: list[dt.date] = []
    not_recorded: list[dt.date] = []
    cancelled: list[tuple[dt.date, str]] = []
    to_come: list[dt.date] = []
    figures: dict[str, Counter] = {}
    order = [m.member for m in membership]
    sat: dict[str, Counter] = {}
    for day in sorted(set(dates)):
        if start is not None and end is not None and not start <= day <= end:
            continue
        book = books.get(day)
        if book is not None and book.cancelled is not None:
            cancelled.append((day, book.cancelled))
            continue
        if day > today:
            to_come.append(day)
            continue
        if book is None or not book.attendance:
            not_recorded.append(day)
            continue
        counted.append(day)
        seats = printed[day].membership if day in printed else membership
        present = {a.name: a for a in book.attendance
                   if a.kind == "present" and a.substitute_for is None}
        apologies = {a.name for a in book.attendance if a.kind == "apologies"}
        substituted: set[str] = set()
        for a in book.attendance:
            if a.kind == "present" and a.substitute_for is not None:
                substituted.add(a.substitute_for)
                sat.setdefault(a.name, Counter())[a.substitute_for] += 1
        expected = [m.member for m in seats if m.role in SEATED]
        expected += [name for name in (*present, *sorted(apologies), *sorted(substituted))
                     if name not in expected]
        for name in expected:
            if name not in order:
                order.append(name)
            counts = figures.setdefault(name, Counter())
            counts["expected"] += 1
            if name in present:
                counts["attended"] += 1
                counts["virtual"] += present[name].virtual
                continue
            counts["apologies"] += name in apologies
            counts["substituted"] += name in substituted
            counts["absent"] += name not in apologies and name not in substituted
    roles = {m.member: m.role for m in membership}
    members = tuple(MemberAttendance(name, roles.get(name),
                                     **{key: figures.get(name, Counter())[key]
                                        for key, _heading in COLUMNS})
                    for name in order if name in figures or roles.get(name) in SEATED)
    substitutes = tuple(
        SubstituteAttendance(name, sum(c.values()),
                             tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))))
        for name, c in sorted(sat.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))
    return AttendanceStatistics(committee_name, year_words(year) if year is not None else None,
                                start, end, today, tuple(counted), tuple(not_recorded),
                                tuple(cancelled), tuple(to_come), members, substitutes)


def statistics(desk: Desk, committee_name: str, year: str | int | None = None
               ) -> AttendanceStatistics:
    """``attendance``: the committee's attendance statistics over the municipal year
    ``year`` ("2023/24"), or every year (None)."""
    c = committee(desk, committee_name)
    first = year if isinstance(year, int) or year is None else parse_year(year)
    today = desk.today()
    dates = desk.store.meeting_dates(c.name)
    books = {b.date: b for b in desk.store.minute_books(c.name)}
    printed: dict[dt.date, RecordedMembership] = {}
    for day in dates:
        book = books.get(day)
        if (day <= today and book is not None and book.attendance and book.cancelled is None
                and (first is None or year_span(first)[0] <= day <= year_span(first)[1])):
            record = desk.store.meeting(c.name, day, content=False)
            if record is not None and record.recorded is not None:
                printed[day] = record.recorded
    return tally(c.name, dates, books, c.membership, printed, today, first)


__all__ = ["AttendanceError", "AttendanceStatistics", "COLUMNS", "KEY", "MemberAttendance",
           "SubstituteAttendance", "current_year", "parse_year", "statistics", "tally",
           "year_span", "years"]
