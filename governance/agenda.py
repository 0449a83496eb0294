"""A meeting's agenda as the rules see it: item numbers (7, 9a), standing items, the
statutory publication deadline, and the meeting with everything its front sheet needs.

Pure Python: the store keeps agendas as positions; numbers are worked out here and never
stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from governance.calendar import agenda_publication_deadline
from governance.errors import UserError
from governance.model import (
    AgendaItem,
    Committee,
    Decision,
    Meeting,
    Member,
    Post,
    RecordedMembership,
)


class MeetingError(UserError):
    """A meeting change the register refuses, saying why and what would do."""


@dataclass(frozen=True)
class StandingItem:
    """An item every agenda of a committee carries. ``{previous_meeting}`` in the title
    or description becomes the date of the committee's previous meeting."""

    title: str
    description: str | None = None


@dataclass(frozen=True)
class StandingTemplate:
    start: tuple[StandingItem, ...]
    end: tuple[StandingItem, ...]
    #: False when the committee has none recorded and Kent's usual set applies.
    recorded: bool = True


#: Kent's usual standing items (the 2019 and 2023 Adult Social Care papers), used for a
#: committee that has no template of its own.
DEFAULT_STANDING_ITEMS = StandingTemplate(
    start=(
        StandingItem("Introduction/Webcasting Announcement"),
        StandingItem("Apologies and Substitutes",
                     "To receive apologies for absence and notification of any substitutes"
                     " present."),
        StandingItem("Declarations of Interest by Members in items on the agenda",
                     "To receive any declarations of interest made by Members in relation to"
                     " any matter on the agenda. Members are reminded to specify the agenda"
                     " item number to which it refers and the nature of the interest being"
                     " declared."),
        StandingItem("Minutes of the meeting held on {previous_meeting}",
                     "To consider and approve the minutes as a correct record."),
        StandingItem("Verbal Updates by Cabinet Member and Corporate Director",
                     "To receive verbal updates from the Cabinet Member and the Corporate"
                     " Director."),
    ),
    end=(
        StandingItem("Work Programme",
                     "To receive a report from General Counsel on the Committee's work"
                     " programme."),
    ),
    recorded=False,
)

#: What a decision item is for, when the clerk gives no description (Kent's words: the
#: committee considers the proposed decision before the decision-maker takes it).
DECISION_ITEM_DESCRIPTION = (
    "To receive a report and to consider and either endorse or make recommendations to"
    " the {decision_maker} on the proposed decision.")


# --- publication ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Publication:
    """The agenda's publication against the statutory deadline (LGA 1972 s100B)."""

    deadline: dt.date
    published_on: dt.date | None = None
    late: bool = False
    late_reason: str | None = None

    @property
    def status(self) -> str:
        if self.published_on is None:
            return "unpublished"
        return "late" if self.late else "on_time"


def day(when: dt.date) -> str:
    """``Thursday 23 November 2023``: how the meeting messages name a day."""
    return f"{when:%A} {when.day} {when:%B %Y}"


def publication_for(
    meeting_date: dt.date, on: dt.date, late_reason: str | None = None,
) -> Publication:
    """The rule: an agenda published by the deadline is on time; after it, only with a
    recorded reason (urgent business), and it is flagged late; never on or after the
    meeting day."""
    deadline = agenda_publication_deadline(meeting_date)
    if on >= meeting_date:
        raise MeetingError(
            f"the agenda cannot be published on {day(on)}: the meeting is on"
            f" {day(meeting_date)}; publish it by {day(deadline)} (5 clear working days"
            " before)")
    if on <= deadline:
        return Publication(deadline, on, False, None)
    reason = (late_reason or "").strip()
    if not reason:
        raise MeetingError(
            f"publishing on {day(on)} is late: the agenda had to be published by"
            f" {day(deadline)} (5 clear working days before the meeting on"
            f" {day(meeting_date)}); give the reason for late publication (the urgent"
            " business) to publish it late")
    return Publication(deadline, on, True, reason)


def clock_time(hhmm: str | None) -> str:
    """``14:00`` -> ``2.00 pm``; ``10:30`` -> ``10.30 am``; ``12:00`` -> ``12.00 pm``."""
    if not hhmm:
        return ""
    hours, minutes = (int(x) for x in hhmm.split(":"))
    suffix = "am" if hours < 12 else "pm"
    return f"{(hours - 1) % 12 + 1}.{minutes:02d} {suffix}"


# --- the meeting as stored, and as its documents need it ------------------------------------


@dataclass
class MeetingRecord:
    """A meeting as the store holds it: the meeting and its agenda (``meeting.late_reason``
    included), and what the interchange format does not carry."""

    meeting: Meeting
    #: True/False once publication details are recorded; None when there are none
    #: (an imported meeting carries only the day it was published).
    published_late: bool | None = None
    published_by: str | None = None
    recorded: RecordedMembership | None = None

    def publication(self) -> Publication:
        m = self.meeting
        deadline = agenda_publication_deadline(m.date)
        if m.published_on is None:
            return Publication(deadline)
        if self.published_late:
            return Publication(deadline, m.published_on, True, m.late_reason)
        # Imported meetings carry only the date: late if it is after the deadline.
        return Publication(deadline, m.published_on, m.published_on > deadline,
                           m.late_reason)


@dataclass
class MeetingDetails:
    """One meeting with what its front sheet and pack need."""

    meeting: Meeting
    #: The committee with the membership, seats and party seats as printed on this
    #: meeting's agenda: the recorded snapshot, or the committee as it is now.
    committee: Committee
    members: dict[str, Member]
    clerk: Post | None
    proper_officer: Post | None
    publication: Publication
    membership_recorded: bool = False
    #: Decisions on the agenda whose record is exempt, with their Schedule 12A paragraph
    #: (their numbers stay out of public documents, and so do the papers of their items).
    exempt_decisions: dict[str, int] = field(default_factory=dict)


# --- item numbers ---------------------------------------------------------------------------

_ITEM_REF = re.compile(r"^\s*(\d+)\s*(?:\(?\s*([a-z]+)\s*\)?)?\s*$")


def item_letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa (the inverse of :func:`letter_index`): sub-items are
    lettered as a decision's parts are."""
    return Decision.part_letter(index)


def letter_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - ord("a") + 1)
    return index - 1


def parse_item_ref(ref: int | str) -> tuple[int, str | None]:
    """``7`` -> (7, None); ``9a``, ``9(a)``, ``9 a)`` -> (9, "a")."""
    m = _ITEM_REF.match(str(ref).lower())
    if not m:
        raise MeetingError(f"{ref!r} is not an agenda item number (e.g. 7, or 9a for the"
                           " first sub-item of item 9)")
    return int(m[1]), m[2]


def sub_item_place(text: str, parent: int) -> str | None:
    """The letters of a sub-item place written as ``b``, ``(b)`` or ``9b`` (under item
    ``parent``), or None."""
    m = _ITEM_REF.match(text)
    if m and m[2] and int(m[1]) == parent:
        return m[2]
    if m is None and re.fullmatch(r"\(?\s*[a-z]+\s*\)?", text):
        return text.strip("() ")
    return None


def numbered(items: Sequence[AgendaItem], prefix: str = "") -> Iterator[tuple[str, AgendaItem]]:
    """Every item and sub-item with its number as the agenda prints it."""
    for i, item in enumerate(items):
        number = f"{prefix}{item_letters(i)}" if prefix else str(i + 1)
        yield number, item
        if not prefix:
            yield from numbered(item.items, number)


def decision_numbers(items: Sequence[AgendaItem]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item.decision:
            out.append(item.decision)
        out.extend(decision_numbers(item.items))
    return out


def previous_meeting_words(previous: dt.date | None) -> str:
    return f"{previous.day} {previous:%B %Y}" if previous else "the previous meeting"


def standing_agenda(template: StandingTemplate, previous: dt.date | None) -> list[AgendaItem]:
    """A new agenda's items from the committee's standing items, the previous meeting's
    date filled in (or "Minutes of the previous meeting" for a committee's first)."""
    text = previous_meeting_words(previous)
    items = []
    for item in [*template.start, *template.end]:
        title = item.title
        if previous is None:
            title = re.sub(r"(?i)\bminutes of the meeting held on \{previous_meeting\}",
                           "Minutes of the previous meeting", title)
        title = title.replace("{previous_meeting}", text)
        desc = item.description.replace("{previous_meeting}", text) \
            if item.description else None
        items.append(AgendaItem(title, True, desc))
    return items
