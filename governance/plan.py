"""The Forward Plan's own terms (SI 2012/2089 regulation 9): when a decision is expected
to be taken, a day or a month, as a clerk types it and as the register keeps it
(``2024-03-14`` or ``2024-03``), and the plan itself, entry by entry, as the document
adapters print it. Pure: no store, no desk."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from governance.errors import UserError

#: How the register keeps an expected date: a day, or a month when only that is known.
EXPECTED_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?$")
_DAY_FORMATS = ("%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d")
_MONTH_FORMATS = ("%B %Y", "%b %Y", "%m/%Y", "%Y-%m")
#: Words that clear the expected date.
NONE_WORDS = ("", "none", "-", "not known")


class ExpectedDateError(UserError):
    """An expected date that is neither a day nor a month."""


def parse_expected(text: str | None) -> str | None:
    """``text`` (``14 March 2024``, ``2024-03-14``, ``March 2024``, ``2024-03`` ...) as the
    register keeps it, ``YYYY-MM-DD`` or ``YYYY-MM``; None for nothing or ``none``."""
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", (text or "").strip())
    if cleaned.lower() in NONE_WORDS:
        return None
    for formats, shape in ((_DAY_FORMATS, "%Y-%m-%d"), (_MONTH_FORMATS, "%Y-%m")):
        for fmt in formats:
            try:
                return dt.datetime.strptime(cleaned, fmt).strftime(shape)
            except ValueError:
                continue
    raise ExpectedDateError(
        f"{text!r} is not a date or a month the decision can be expected in; write a day"
        " (14 March 2024 or 2024-03-14) or a month (March 2024 or 2024-03)")


def expected_period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of an expected date as the register keeps it (the same day
    twice for a day)."""
    m = EXPECTED_RE.match(value)
    if m is None:
        raise ExpectedDateError(f"{value!r} is not an expected date (YYYY-MM-DD or YYYY-MM)")
    year, month = int(m["year"]), int(m["month"])
    try:
        if m["day"]:
            day = dt.date(year, month, int(m["day"]))
            return day, day
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError as exc:
        raise ExpectedDateError(f"{value!r} is not a real day or month") from exc


def expected_words(value: str | None) -> str:
    """``14 March 2024`` for a day, ``March 2024`` for a month, "" for none."""
    if not value:
        return ""
    first, last = expected_period(value)
    return f"{first.day} {first:%B %Y}" if first == last else f"{first:%B %Y}"


def expected_within(value: str | None, start: dt.date, end: dt.date) -> bool:
    """Whether a decision expected on ``value`` may be taken between ``start`` and ``end``
    (a month counts when any of its days is in the period)."""
    if not value:
        return False
    first, last = expected_period(value)
    return first <= end and last >= start


@dataclass(frozen=True)
class PlanEntry:
    """One key decision on the Forward Plan. An exempt one carries its number, title and
    paragraph only (every other field is empty)."""

    number: str
    title: str
    exempt_paragraph: int | None
    #: The date or period the decision is expected to be taken in, in words.
    expected: str
    #: The proposed decision, part by part ("APPROVE the ..."), when it is drafted.
    proposal: tuple[str, ...] = ()
    decision_maker: str = ""
    #: The holder of the decision maker's post, or the body's members.
    maker_name: str | None = None
    maker_members: tuple[str, ...] = ()
    key_criteria: tuple[str, ...] = ()
    #: The documents to be submitted to the decision maker.
    documents: tuple[str, ...] = ()
    #: The committees that consider it first, and when.
    considerations: tuple[tuple[str, dt.date], ...] = ()
    #: Part of the decision (an appendix) is exempt although the decision is not.
    private_paragraph: int | None = None
    #: Not on the last published plan.
    new: bool = False

    @property
    def exempt(self) -> bool:
        return self.exempt_paragraph is not None


@dataclass(frozen=True)
class ForwardPlan:
    start: dt.date
    end: dt.date
    entries: tuple[PlanEntry, ...]
    #: When the last plan was published (what "new" is measured against), if ever.
    last_published: dt.date | None = None
    #: The date the plan is (to be) published on, printed on it.
    published_on: dt.date | None = None


@dataclass(frozen=True)
class PlanPublication:
    """A published Forward Plan: when, the period it covered, what was on it."""

    on: dt.date
    start: dt.date
    end: dt.date
    numbers: tuple[str, ...]
    recorded_by: str
    late_reason: str | None = None
