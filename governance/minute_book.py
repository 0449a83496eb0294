"""The minutes of a meeting (issue 15): what the clerk records on the day (the register's
minute book, one a meeting) and the document the minutes are (what the document adapters
print). Pure: no store, no desk.

Kent's minutes (13 September 2023; 22 January 2019) are the layout:

    MINUTES of a meeting of the Adult Social Care Cabinet Committee held at Council
    Chamber, Sessions House, County Hall, Maidstone on Wednesday, 13th September, 2023.
    PRESENT: Mr A M Ridgers (Chairman), Mrs P T Cole, ... and Mr A Kennedy
    ALSO PRESENT: Mr D Watkins
    IN ATTENDANCE: Richard Smith (Corporate Director of Adult Social Care and Health) and ...
    UNRESTRICTED ITEMS
    148. Apologies and Substitutes
    (Item. 2)
    Apologies had been received from ...

Minute numbers run on across a committee's meetings (123-133 in January 2019, 148-159 in
September 2023) and restart when the council says (each municipal year, or never).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

#: How a person attended: a member of the committee (or a substitute) present; a member
#: who sent apologies; another member present (ALSO PRESENT); an officer (IN ATTENDANCE).
ATTENDANCE_KINDS = ("present", "apologies", "also_present", "in_attendance")
#: When minute numbers start again at 1 (a council setting): at the first meeting of
#: each municipal year (from the annual meeting), or never.
NUMBERING_RULES = ("municipal_year", "never")
#: What a minute book is, as the register keeps it.
BOOK_STATES = ("draft", "approved")


@dataclass(frozen=True)
class Attendee:
    """One person at (or sending apologies to) a meeting."""

    name: str
    kind: str
    #: Chaired the meeting ("(Chairman)" after the name).
    chair: bool = False
    #: The Vice-Chairman ("(Vice-Chairman)").
    vice_chair: bool = False
    #: A substitute: the member of the committee they sat for.
    substitute_for: str | None = None
    #: An officer's post, printed in brackets after the name.
    post: str | None = None
    #: Attended virtually (remote attendance).
    virtual: bool = False


@dataclass(frozen=True)
class Declaration:
    """A member's declaration of interest in an item of the agenda."""

    #: The agenda item's number as the agenda prints it ("7", "7.1").
    item: str
    member: str
    text: str


@dataclass(frozen=True)
class MinuteEntry:
    """What the clerk recorded against one agenda item: the minute's text (paragraphs
    separated by blank lines, as typed) and its resolution."""

    item: str
    text: str | None = None
    resolved: str | None = None


@dataclass(frozen=True)
class Approval:
    """The minutes approved as a correct record: at which meeting of the committee, with
    any correction agreed there, when and by whom it was recorded."""

    approved_at: dt.date
    correction: str | None = None
    recorded_at: str | None = None
    recorded_by: str | None = None


@dataclass(frozen=True)
class MinuteBook:
    """A meeting's minute book as the register keeps it. Frozen once approved: the store
    refuses any change to an approved book, as it does to a taken record."""

    committee: str
    date: dt.date
    attendance: tuple[Attendee, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    entries: tuple[MinuteEntry, ...] = ()
    #: The number of the meeting's first minute when the clerk set it (the first meeting
    #: minuted in the register, or to follow a paper minute book); fixed at approval.
    first_number: int | None = None
    #: Why the meeting was cancelled; None for a meeting that was (or will be) held.
    cancelled: str | None = None
    approval: Approval | None = None
    #: The minutes as approved, worded once at approval (JSON text of the full and the
    #: public :class:`Minutes`: :func:`wording_json`): what they print ever after, whatever
    #: later changes to the agenda, the venue or a member's name; None for a draft.
    wording: str | None = None

    @property
    def state(self) -> str:
        return "approved" if self.approval is not None else "draft"


# --- the document ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Minute:
    """One minute as printed: its number, the agenda item it records, the item's title
    (with its decision number, "23/00074 - Property Security ..."), its paragraphs as
    they are to be printed (the clerk's text, declarations, then the resolution)."""

    number: int
    item: str
    title: str
    paragraphs: tuple[str, ...] = ()
    exempt_paragraph: int | None = None


@dataclass(frozen=True)
class Minutes:
    """The minutes of one meeting, ready to print. Names come already worded
    ("Mr A M Ridgers (Chairman)", "Mrs T Dean, MBE (Substitute for Mr S J G Koowaree)",
    "Richard Smith (Corporate Director of Adult Social Care and Health)")."""

    committee: str
    date: dt.date
    venue: str | None
    present: tuple[str, ...] = ()
    also_present: tuple[str, ...] = ()
    in_attendance: tuple[str, ...] = ()
    unrestricted: tuple[Minute, ...] = ()
    #: Empty in the public version (the exempt minutes are left out).
    exempt: tuple[Minute, ...] = ()
    #: The public version's sentence saying which minutes were left out and why; None
    #: when nothing was left out.
    withheld: str | None = None
    public: bool = False
    #: "draft" until approved, then "approved".
    state: str = "draft"
    #: The approval as the minutes print it, when approved ("Approved as a correct record
    #: at the meeting held on 23 November 2023, subject to ...").
    approved: str | None = None
    notes: tuple[str, ...] = field(default=())


def wording_json(full: Minutes, public: Minutes) -> str:
    """The approved minutes (full and public) as the minute book keeps them."""
    def plain(m: Minutes) -> dict[str, Any]:
        d = dataclasses.asdict(m)
        d["date"] = m.date.isoformat()
        return d

    return json.dumps({"full": plain(full), "public": plain(public)}, ensure_ascii=False,
                      sort_keys=True)


def worded(wording: str, public: bool) -> Minutes:
    """The approved minutes kept by :func:`wording_json` (the public version, or the
    full)."""
    d = dict(json.loads(wording)["public" if public else "full"])
    d["date"] = dt.date.fromisoformat(d["date"])
    for key in ("unrestricted", "exempt"):
        d[key] = tuple(Minute(**{**m, "paragraphs": tuple(m["paragraphs"])}) for m in d[key])
    for key in ("present", "also_present", "in_attendance", "notes"):
        d[key] = tuple(d[key])
    return Minutes(**d)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ..."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def minutes_day(day: dt.date) -> str:
    """``Wednesday, 13th September, 2023``: how the minutes write the meeting's day."""
    return f"{day:%A}, {ordinal(day.day)} {day:%B}, {day.year}"


def heading(minutes: Minutes) -> str:
    """The minutes' opening sentence."""
    where = f" held at {minutes.venue}" if minutes.venue else " held"
    return (f"MINUTES of a meeting of the {minutes.committee}{where} on"
            f" {minutes_day(minutes.date)}.")


def names_list(names: tuple[str, ...] | list[str]) -> str:
    """``A, B and C`` (Kent joins the PRESENT list so)."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


__all__ = ["ATTENDANCE_KINDS", "Approval", "Attendee", "BOOK_STATES", "Declaration",
           "Minute", "MinuteBook", "MinuteEntry", "Minutes", "NUMBERING_RULES", "heading",
           "minutes_day", "names_list", "ordinal", "worded", "wording_json"]
