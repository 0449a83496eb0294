"""Meeting day and the minutes (issue 15): what the clerk records at a meeting (who came,
declarations of interest, each item's minute and resolution), the minutes that come of
it, their approval at the committee's next meeting, a meeting cancelled, and the numbers
the minutes take.

What the register keeps is the meeting's :class:`~governance.minute_book.MinuteBook`
(one a meeting, frozen once approved). Everything else the minutes print is worded
here from the register, when they are made:

- PRESENT: the committee's members (and substitutes) present, who chaired first marked
  "(Chairman)" (the committee's Chairman unless the clerk named another), the
  Vice-Chairman "(Vice-Chairman)", a substitute "(Substitute for ...)", honours after the
  name as the register holds them ("Mr R G Streatfeild, MBE"); a member who attended
  remotely "(virtual)" (in England remote attendance is not attendance in law, so the
  minutes say so beside the name rather than leave it out);
- ALSO PRESENT (other members), IN ATTENDANCE ("Name (Post)": officers);
- one minute an agenda item, numbered in agenda order from the meeting's first number
  (an opening announcement, "Introduction/Webcasting", with nothing recorded is not
  minuted); a sub-item's minute is part of its item's;
- where the clerk typed no resolution: the Apologies item from the attendance, the
  Declarations item from the declarations, a decision's item from the committee's
  outcome (kept once, on the decision), the Minutes item from the approval of the
  minutes it is about;
- UNRESTRICTED and EXEMPT minutes by the item's Schedule 12A paragraph (or its
  decision's); the public version leaves the exempt ones out and says which by number and
  paragraph only.

Minute numbers continue from the committee's previous minute book unless the clerk set
the meeting's first number, and restart at 1 when the council says (``set_numbering``):
"municipal_year" starts again at the committee's first minuted meeting of each
municipal year, which the register takes to begin on 1 June, after the annual meeting
English councils hold in May (the same year the Work Programme uses); "never" (the
default) runs on for ever.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from governance import audit, decisions
from governance import text as textrule
from governance.agenda import MeetingDetails, day, numbered, parse_item_ref
from governance.desk import Changes, Desk, Done, meeting_changed
from governance.errors import UserError
from governance.files import atomic_write
from governance.lifecycle import BEFORE_TAKEN
from governance.meetings import attach_papers, remove_paper
from governance.meetings import meeting as meeting_details
from governance.meetings import publish as publish_agenda
from governance.minute_book import (
    NUMBERING_RULES,
    Approval,
    Attendee,
    Declaration,
    Minute,
    MinuteBook,
    MinuteEntry,
    Minutes,
    names_list,
    worded,
    wording_json,
)
from governance.model import AgendaItem, Decision, Member
from governance.resolutions import OUTCOME_WORDS, typed_outcome
from governance.work_programme import programme_year

FORMATS = ("pdf", "docx")
#: The council's rule for restarting minute numbers (one of NUMBERING_RULES).
NUMBERING_SETTING = "minutes.numbering"
#: What the draft minutes attached to a later meeting's agenda said (a digest), by
#: committee and the date of the meeting they are the minutes of: they are made again when
#: the later meeting's pack is built, or its agenda published, only if that has changed.
ATTACHED_SETTING = "minutes.attached:"
#: Titles a name may start with ("Mr S J G Koowaree" is "Mr Koowaree" in a sentence).
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Cllr", "Sir", "Dame", "Lady", "Lord",
          "Rev", "Revd", "Prof")


class MinutesError(UserError):
    """Something about a meeting's minutes the register refuses, saying what and where."""


@dataclass(frozen=True)
class ItemMinute:
    """One agenda item as the Minutes tab shows it."""

    item: str
    title: str
    decision: str | None
    exempt_paragraph: int | None
    text: str | None
    resolved: str | None
    resolution: str | None
    declarations: tuple[Declaration, ...]
    number: int | None


@dataclass(frozen=True)
class MinuteSheet:
    """What the Minutes tab shows for one meeting."""

    committee: str
    date: dt.date
    held: bool
    state: str
    cancelled: str | None
    attendance: tuple[Attendee, ...]
    items: tuple[ItemMinute, ...]
    members: tuple[str, ...]
    approval: Approval | None


# --- words ----------------------------------------------------------------------------------


def _label(committee: str, date: dt.date) -> str:
    """How the audit trail names a meeting (as ``governance.meetings`` does)."""
    return f"{committee} {date.isoformat()}"


def _words(committee: str, date: dt.date) -> str:
    return f"the minutes of {committee}, {day(date)}"


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _sentence(value: str) -> str:
    value = value.strip()
    return value if value.endswith((".", "!", "?")) else value + "."


def short_name(name: str) -> str:
    """``Mr S J G Koowaree`` -> ``Mr Koowaree``; a name with no title stays whole
    ("Ida Linfield"): how the minutes name a member in a sentence."""
    words = name.split(",")[0].split()
    if len(words) > 2 and words[0].rstrip(".") in TITLES:
        return f"{words[0]} {words[-1]}"
    return name


def long_date(date: dt.date) -> str:
    """``6 July 2023``: how a resolution names a meeting."""
    return f"{date.day} {date:%B %Y}"


def _honoured(name: str, members: dict[str, Member]) -> str:
    m = members.get(name)
    if m is None or not m.honours or name.endswith(f", {m.honours}"):
        return name  # the register may hold the honours in the name itself
    return f"{name}, {m.honours}"


def _attendee_words(a: Attendee, members: dict[str, Member]) -> str:
    if a.kind == "in_attendance":
        said = f"{a.name} ({a.post})" if a.post else a.name
    else:
        said = _honoured(a.name, members)
        if a.chair and a.vice_chair:
            said += " (Vice-Chairman, in the Chair)"
        elif a.chair:
            said += " (Chairman)"
        elif a.vice_chair:
            said += " (Vice-Chairman)"
        if a.substitute_for:
            said += f" (Substitute for {a.substitute_for})"
    return said + (" (virtual)" if a.virtual else "")


# --- reading --------------------------------------------------------------------------------


def _details(desk: Desk, committee: str, date: dt.date) -> MeetingDetails:
    return meeting_details(desk, committee, date, content=False)


def book(desk: Desk, committee: str, date: dt.date) -> MinuteBook:
    """The meeting's minute book (an empty draft when nothing is recorded yet)."""
    _details(desk, committee, date)
    return desk.store.minute_book(committee, date) or MinuteBook(committee, date)


def _items(details: MeetingDetails) -> list[tuple[str, AgendaItem, str | None]]:
    """Every item and sub-item with its number, and its parent's number for a sub-item."""
    out = []
    for number, item in numbered(details.meeting.items):
        parent = None if number.isdigit() else re.match(r"\d+", number)[0]
        out.append((number, item, parent))
    return out


def _item_number(details: MeetingDetails, item: str | int) -> str:
    """The agenda's number for the item the clerk named ("7", "9a"), or the refusal."""
    number, letters = parse_item_ref(item)
    wanted = f"{number}{letters or ''}"
    numbers = [n for n, _i, _p in _items(details)]
    if wanted not in numbers:
        m = details.meeting
        raise MinutesError(f"the agenda of {m.committee}, {day(m.date)} has no item {wanted}"
                           f" (its items: {', '.join(numbers) or 'none'})")
    return wanted


def _exempt(item: AgendaItem, details: MeetingDetails) -> int | None:
    if item.exempt_paragraph is not None:
        return item.exempt_paragraph
    return details.exempt_decisions.get(item.decision or "")


def _kind(title: str) -> str | None:
    t = title.lower()
    if t.startswith("apologies"):
        return "apologies"
    if "declaration" in t and "interest" in t:
        return "declarations"
    if t.startswith("minutes of the"):
        return "minutes"
    if t.startswith(("introduction", "webcasting")):
        return "announcement"
    return None


def _numbering_rule(desk: Desk) -> str:
    return desk.store.setting(NUMBERING_SETTING) or "never"


@dataclass
class _Context:
    """What wording one meeting's minutes needs from the register, read once."""

    desk: Desk
    details: MeetingDetails
    book: MinuteBook
    members: dict[str, Member]
    found: dict[str, Decision]

    @property
    def committee(self) -> str:
        return self.details.meeting.committee

    @property
    def date(self) -> dt.date:
        return self.details.meeting.date


def _context(desk: Desk, committee: str, date: dt.date) -> _Context:
    details = _details(desk, committee, date)
    kept = desk.store.minute_book(committee, date) or MinuteBook(committee, date)
    numbers = [i.decision for _n, i, _p in _items(details) if i.decision]
    found = {d.number: d for d in desk.store.decisions(numbers)} if numbers else {}
    return _Context(desk, details, kept, {m.name: m for m in desk.store.members()}, found)


# --- numbering ------------------------------------------------------------------------------


def _own_minute(ctx: _Context, item: AgendaItem, parent: str | None) -> bool:
    """A sub-item is minuted with its item, unless it is exempt and its item is not: then
    it has a minute of its own (in the EXEMPT minutes), after its item's."""
    if parent is None:
        return True
    top = next(i for n, i, _p in _items(ctx.details) if n == parent)
    return _exempt(item, ctx.details) is not None and _exempt(top, ctx.details) is None


def _minuted(ctx: _Context) -> list[tuple[str, AgendaItem]]:
    """The items that get a minute, in agenda order (top-level items, and exempt sub-items
    of items that are not; an opening announcement with nothing recorded is not
    minuted)."""
    if ctx.book.cancelled:
        return []
    recorded = {e.item for e in ctx.book.entries if e.text or e.resolved} | \
        {d.item for d in ctx.book.declarations}
    out = []
    for number, item, parent in _items(ctx.details):
        if not _own_minute(ctx, item, parent):
            continue
        subs = {n for n, _i, p in _items(ctx.details) if p == number}
        if _kind(item.title) == "announcement" and not ({number} | subs) & recorded:
            continue
        out.append((number, item))
    return out


def _first_number(desk: Desk, committee: str, date: dt.date) -> int:
    """The number of the meeting's first minute: as the clerk set it (fixed at approval),
    else following the committee's previous minuted meeting (its first number and how
    many minutes it has), else 1; a new municipal year starts again at 1 when the
    council's rule says so. Counted forward from the last meeting whose number is set."""
    rule = _numbering_rule(desk)
    books = {b.date: b for b in desk.store.minute_books(committee) if b.date <= date}
    minuted = [b for d, b in sorted(books.items())
               if d == date or (b is not None and not b.cancelled)]
    start = max((i for i, b in enumerate(minuted) if b.first_number is not None),
                default=None)
    number, last = (1, None) if start is None else (minuted[start].first_number, None)
    for b in minuted[start or 0:]:
        if b.first_number is not None:
            number = b.first_number
        elif last is not None and rule == "municipal_year" and \
                programme_year(last.date) != programme_year(b.date):
            number = 1
        if b.date == date:
            return number
        number += len(_minuted(_context(desk, committee, b.date)))
        last = b
    if last is not None and rule == "municipal_year" and \
            programme_year(last.date) != programme_year(date):
        return 1
    return number


# --- the resolutions the register words -------------------------------------------------------


def _parts(d: Decision) -> list[str]:
    """The decision's parts as a resolution lists them: verbs in lower case, lettered when
    there are several, each ending as Kent's minutes end them (";", "; and", ",")."""
    parts = [f"{p.verb.lower()} {p.text.strip().rstrip('.;,')}" for p in d.parts]
    if len(parts) == 1:
        return [f"{parts[0]},"]
    out = []
    for i, part in enumerate(parts):
        end = "," if i == len(parts) - 1 else ("; and" if i == len(parts) - 2 else ";")
        out.append(f"{Decision.part_letter(i)}) {part}{end}")
    return out


def _maker(d: Decision) -> str:
    maker = d.decision_maker or "decision maker"
    return maker if maker.lower().startswith("the ") else f"the {maker}"


def outcome_resolution(d: Decision, outcome: str, recommendations: str | None) -> str:
    """The resolution a committee outcome gives a decision's item (minute 127 of 22 January
    2019 is the form): lines joined by newlines, the parts lettered."""
    parts = _parts(d) if d.parts else [f"decide on {d.title.rstrip('.')},"]
    one = len(parts) == 1
    if outcome == "recommendations_made":
        recs = _sentence(recommendations or "")
        return _lines([f"RESOLVED that, on the decision proposed to be taken by"
                       f" {_maker(d)}, to", *parts,
                       f"the following recommendations be made to {_maker(d)}: {recs}"], one)
    if outcome == "deferred":
        return _lines([f"RESOLVED that consideration of the decision proposed to be taken"
                       f" by {_maker(d)}, to", *parts, "be deferred."], one)
    end = {"endorsed": "be endorsed.", "noted": "be noted.",
           "not_endorsed": "not be endorsed."}[outcome]
    return _lines([f"RESOLVED that the decision proposed to be taken by {_maker(d)}, to",
                   *parts, end], one)


def _lines(lines: list[str], one: bool) -> str:
    """One line a part; a decision of one part reads as one sentence."""
    return " ".join(lines) if one else "\n".join(lines)


def _outcome(d: Decision, committee: str, date: dt.date) -> tuple[str, str | None] | None:
    for c in d.committee_considerations:
        if c.committee == committee and c.date == date and c.outcome:
            return c.outcome, c.recommendations
    return None


def _approval_resolution(approved: MinuteBook) -> str:
    when = long_date(approved.date)
    correction = approved.approval.correction if approved.approval else None
    if not correction:
        return (f"RESOLVED that the minutes of the meeting held on {when} were correctly"
                " recorded and a paper copy be signed by the Chairman.")
    return (f"1. {_sentence(correction)}\n2. RESOLVED, subject to the correction, that the"
            f" minutes of the meeting held on {when} were correctly recorded and a paper"
            " copy be signed by the Chairman.")


def _apologies_text(book: MinuteBook) -> str:
    away = [short_name(a.name) for a in book.attendance if a.kind == "apologies"]
    subs = [a for a in book.attendance if a.substitute_for]
    lines = []
    if away:
        lines.append(f"Apologies had been received from {names_list(away)}.")
    lines += [f"{short_name(a.name)} attended as a substitute for"
              f" {short_name(a.substitute_for or '')}." for a in subs]
    if not lines:
        return "There were no apologies or substitutes."
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))


def _declaration_words(d: Declaration, title: str | None, exempt: bool = False) -> str:
    """A declaration as minuted; on an exempt item in the public minutes, by the item's
    number only (its title and the declaration's words may say what is exempt)."""
    if exempt:
        return f"{short_name(d.member)} declared an interest in item {d.item} (an exempt item)."
    about = f"item {d.item}" + (f" ({title})" if title else "")
    return f"{short_name(d.member)} declared an interest in {about}: {_sentence(d.text)}"


def _title(item: AgendaItem) -> str:
    """The item's title as the minutes print it: a decision's with its number first."""
    if item.decision and not item.title.startswith(item.decision):
        return f"{item.decision} - {item.title}"
    return item.title


def _declarations_text(ctx: _Context, public: bool = False) -> str:
    """The Declarations item's minute: each declaration with the item it is about (an
    exempt item by its number only in the public minutes)."""
    titles = {n: i.title for n, i, _p in _items(ctx.details)}
    hidden = {n for n, i, _p in _items(ctx.details)
              if public and _exempt(i, ctx.details) is not None}
    if not ctx.book.declarations:
        return "No declarations of interest were received."
    return "\n".join(_declaration_words(d, titles.get(d.item), d.item in hidden)
                     for d in ctx.book.declarations)


def _about_date(ctx: _Context, item: AgendaItem) -> dt.date | None:
    """The meeting a "Minutes of the meeting held on ..." item is about: the one on the
    date in its title, else the committee's meeting before this one."""
    m = re.search(r"held on (\d{1,2} [A-Za-z]+ \d{4})", item.title)
    when = None
    if m:
        try:
            when = dt.datetime.strptime(m[1], "%d %B %Y").date()
        except ValueError:
            when = None
    if when is None:
        earlier = [d for d in ctx.desk.store.meeting_dates(ctx.committee) if d < ctx.date]
        when = earlier[-1] if earlier else None
    return when


def _about(ctx: _Context, item: AgendaItem) -> MinuteBook | None:
    when = _about_date(ctx, item)
    return ctx.desk.store.minute_book(ctx.committee, when) if when else None


def _entry(book: MinuteBook, number: str) -> MinuteEntry:
    return next((e for e in book.entries if e.item == number), MinuteEntry(number))


def _resolution(ctx: _Context, number: str, item: AgendaItem,
                public: bool = False) -> str | None:
    """The resolution that prints: the one typed, else the register's."""
    entry = _entry(ctx.book, number)
    d = ctx.found.get(item.decision or "")
    if d is not None:
        outcome = _outcome(d, ctx.committee, ctx.date)
        if entry.resolved and (outcome is None or typed_outcome(entry.resolved) is None
                               or typed_outcome(entry.resolved)[0] == outcome[0]):
            return entry.resolved
        return outcome_resolution(d, *outcome) if outcome else None
    if entry.resolved:
        return entry.resolved
    kind = _kind(item.title)
    if kind == "apologies":
        return _apologies_text(ctx.book)
    if kind == "declarations":
        return _declarations_text(ctx, public)
    if kind == "minutes":
        about = _about(ctx, item)
        if about is not None and about.approval is not None and \
                about.approval.approved_at == ctx.date:
            return _approval_resolution(about)
    return None


# --- the sheet ---------------------------------------------------------------------------------


def _members(details: MeetingDetails) -> tuple[str, ...]:
    order = {"chairman": 0, "vice_chairman": 1}
    seated = sorted(details.committee.membership, key=lambda m: order.get(m.role, 2))
    return tuple(m.member for m in seated)


def _sheet(ctx: _Context) -> MinuteSheet:
    minuted = dict(_minuted(ctx))
    first = _first_number(ctx.desk, ctx.committee, ctx.date) if minuted else 0
    numbers = {n: first + i for i, n in enumerate(minuted)}
    rows = []
    for number, item, parent in _items(ctx.details):
        entry = _entry(ctx.book, number)
        rows.append(ItemMinute(
            number, _title(item), item.decision, _exempt(item, ctx.details), entry.text,
            entry.resolved, _resolution(ctx, number, item),
            tuple(d for d in ctx.book.declarations if d.item == number),
            numbers.get(number, numbers.get(parent or number))))
    b = ctx.book
    return MinuteSheet(ctx.committee, ctx.date, ctx.date <= ctx.desk.today(), b.state,
                       b.cancelled, b.attendance, tuple(rows), _members(ctx.details),
                       b.approval)


def sheet(desk: Desk, committee: str, date: dt.date) -> MinuteSheet:
    """What the Minutes tab shows for the meeting."""
    return _sheet(_context(desk, committee, date))


# --- recording --------------------------------------------------------------------------------


def _book_json(b: MinuteBook) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return plain(dataclasses.asdict(b))


def _open(desk: Desk, committee: str, date: dt.date, doing: str) -> MinuteBook:
    """The book to change, inside the unit of work: refused once approved or cancelled."""
    kept = book(desk, committee, date)
    if kept.approval is not None:
        raise MinutesError(f"{_words(committee, date)} were approved on"
                           f" {day(kept.approval.approved_at)}: they cannot change ({doing})")
    if kept.cancelled:
        raise MinutesError(f"the meeting of {committee} on {day(date)} was cancelled"
                           f" ({kept.cancelled}): it has no minutes ({doing})")
    return kept


def _save(desk: Desk, before: MinuteBook, after: MinuteBook, action: str) -> None:
    desk.store.save_minute_book(after)
    audit.record(desk.store, "meeting", _label(after.committee, after.date), action,
                 _book_json(before), _book_json(after), desk.user)


def _name(value: str, what: str) -> str:
    name = _clean(value)
    if not name:
        raise MinutesError(f"give {what}'s name")
    textrule.check(what, name, name=True)
    return name


def _member(known: dict[str, Member], value: str, what: str) -> str:
    name = _name(value, what)
    if name in known:
        return name
    near = [n for n in known if short_name(n).casefold() == name.casefold()
            or n.casefold() == name.casefold()]
    if len(near) == 1:
        return near[0]
    raise MinutesError(f"{name!r} ({what}) is not a member in the register (add them with"
                       " `member add`, or give the name as the register spells it)")


def _pair(value: str | tuple[str, str]) -> tuple[str, str]:
    if isinstance(value, str):
        absent, sep, present = value.partition("=")
        if not sep:
            raise MinutesError(f"{value!r} is not a substitution: write it ABSENT=PRESENT"
                               " (the member away, then who sat for them)")
        return absent, present
    return value


def _officer(value: str) -> tuple[str, str | None]:
    m = re.fullmatch(r"\s*(.*?)\s*\(\s*(.+?)\s*\)\s*", value)
    name, post = (m[1], m[2]) if m else (value, None)
    return _name(name, "an officer in attendance"), _clean(post) or None


def set_attendance(desk: Desk, committee: str, date: dt.date, *,
                   present: Iterable[str] = (), apologies: Iterable[str] = (),
                   substitutes: Iterable[str | tuple[str, str]] = (),
                   also_present: Iterable[str] = (), in_attendance: Iterable[str] = (),
                   virtual: Iterable[str] = (), chair: str | None = None) -> Done[MinuteBook]:
    """Who came (replacing the attendance recorded before, as a whole): members present,
    apologies, substitutes ("ABSENT=PRESENT": the substitute is present, the member they sat
    for sent apologies), other members also present, officers in attendance ("NAME
    (POST)"), who attended virtually; who chaired (default: the committee's Chairman, when
    present)."""
    with desk.store.transaction():
        details = _details(desk, committee, date)
        before = _open(desk, committee, date, "attendance")
        known = {m.name: m for m in desk.store.members()}
        roles = {m.member: m.role for m in details.committee.membership}
        people: list[Attendee] = []
        seen: dict[str, str] = {}

        def add(a: Attendee, what: str) -> None:
            if a.name in seen:
                raise MinutesError(f"{a.name} is given twice ({seen[a.name]} and {what}):"
                                   " give each person once")
            seen[a.name] = what
            people.append(a)

        subs = [_pair(s) for s in substitutes]
        for name in present:
            add(Attendee(_member(known, name, "a member present"), "present"), "present")
        for absent, sub in subs:
            add(Attendee(_member(known, sub, "a substitute"), "present",
                         substitute_for=_member(known, absent, "the member substituted")),
                "a substitute")
        sat_for = [a.substitute_for for a in people if a.substitute_for]
        away = [_member(known, n, "a member sending apologies") for n in apologies]
        for name in away + [n for n in sat_for if n not in away]:
            add(Attendee(name, "apologies"), "apologies")
        for name in also_present:
            add(Attendee(_member(known, name, "a member also present"), "also_present"),
                "also present")
        for value in in_attendance:
            name, post = _officer(value)
            add(Attendee(name, "in_attendance", post=post), "in attendance")
        chaired = _member(known, chair, "who chaired") if chair else next(
            (a.name for a in people if a.kind == "present"
             and roles.get(a.name) == "chairman"), None)
        if chaired is not None and seen.get(chaired) not in ("present", "a substitute"):
            raise MinutesError(f"{chaired} chaired the meeting, so give them as present")
        remote = set()
        for name in virtual:
            name = _clean(name)
            found = next((a.name for a in people if a.name.casefold() == name.casefold()
                          or short_name(a.name).casefold() == name.casefold()), None)
            if found is None or seen[found] == "apologies":
                raise MinutesError(f"{name} attended virtually, so give them as present,"
                                   " also present or in attendance too")
            remote.add(found)
        people = [dataclasses.replace(
            a, chair=a.name == chaired, virtual=a.name in remote,
            vice_chair=a.kind == "present" and roles.get(a.name) == "vice_chairman")
            for a in people]
        order = {"present": 0, "apologies": 1, "also_present": 2, "in_attendance": 3}
        people.sort(key=lambda a: (order[a.kind], not a.chair, not a.vice_chair))
        after = dataclasses.replace(before, attendance=tuple(people))
        _save(desk, before, after, "set_attendance")
    counts = [f"{sum(a.kind == k for a in people)} {w}" for k, w in (
        ("present", "present"), ("apologies", "apologies"), ("also_present", "also present"),
        ("in_attendance", "in attendance"))]
    return Done(f"Recorded the attendance at {committee}, {day(date)}: {', '.join(counts)}.",
                meeting_changed(committee, date), after)


def _declaring(desk: Desk, committee: str, date: dt.date, item: str | int, member: str
               ) -> tuple[MeetingDetails, str, MinuteBook, str]:
    """The meeting, the item's number, the book and the member a declaration is about."""
    details = _details(desk, committee, date)
    number = _item_number(details, item)
    before = _open(desk, committee, date, "a declaration of interest")
    name = _member({m.name: m for m in desk.store.members()}, member, "the member declaring")
    return details, number, before, name


def declare(desk: Desk, committee: str, date: dt.date, item: str | int, member: str,
            text: str) -> Done[MinuteBook]:
    """A member's declaration of interest in an item (a second one by the same member on
    the same item takes the place of the first)."""
    declared = (text or "").strip()
    if not declared:
        raise MinutesError("give the declaration's words (--text): what the member declared")
    _check_words("the declaration", declared)
    with desk.store.transaction():
        details, number, before, name = _declaring(desk, committee, date, item, member)
        made = Declaration(number, name, declared)
        kept = [d for d in before.declarations if not (d.item == number and d.member == name)]
        order = [n for n, _i, _p in _items(details)]
        declared = sorted([*kept, made], key=lambda d: order.index(d.item)
                          if d.item in order else len(order))
        after = dataclasses.replace(before, declarations=tuple(declared))
        _save(desk, before, after, "declare")
    return Done(f"Recorded {name}'s declaration of interest in item {number} of"
                f" {committee}, {day(date)}.", meeting_changed(committee, date), after)


def remove_declaration(desk: Desk, committee: str, date: dt.date, item: str | int,
                       member: str) -> Done[MinuteBook]:
    with desk.store.transaction():
        _meeting, number, before, name = _declaring(desk, committee, date, item, member)
        kept = tuple(d for d in before.declarations
                     if not (d.item == number and d.member == name))
        if len(kept) == len(before.declarations):
            raise MinutesError(f"{name} made no declaration of interest in item {number} of"
                               f" {committee}, {day(date)}")
        after = dataclasses.replace(before, declarations=kept)
        _save(desk, before, after, "remove_declaration")
    return Done(f"Took {name}'s declaration of interest in item {number} off {committee},"
                f" {day(date)}.", meeting_changed(committee, date), after)


def set_minute(desk: Desk, committee: str, date: dt.date, item: str | int, *,
               text: str | None = None, resolved: str | None = None) -> Done[MinuteBook]:
    """An item's minute text and resolution (None leaves a field as it is, "" clears it).
    On an item about a proposed decision the resolution records the committee's outcome
    on the decision (the same act as recording it there): an outcome word or a resolution
    whose outcome is clear; what prints is the resolution typed (an outcome word: the
    register's wording of it)."""
    with desk.store.transaction():
        details = _details(desk, committee, date)
        number = _item_number(details, item)
        before = _open(desk, committee, date, f"item {number}")
        agenda_item = next(i for n, i, _p in _items(details) if n == number)
        entry = _entry(before, number)
        new_text = entry.text if text is None else (text.strip() or None)
        new_resolved = entry.resolved if resolved is None else (resolved.strip() or None)
        _check_words(f"item {number}'s minute", new_text)
        _check_words(f"item {number}'s resolution", new_resolved)
        changes: Changes = meeting_changed(committee, date)
        said = ""
        considered = desk.store.decision(agenda_item.decision) \
            if agenda_item.decision else None
        if resolved and considered is not None and considered.status in BEFORE_TAKEN:
            outcome = typed_outcome(resolved)
            if outcome is None:
                raise MinutesError(
                    f"item {number} is about decision {agenda_item.decision}: write the"
                    " committee's outcome (endorsed, noted, not endorsed, deferred, or"
                    " 'recommendations made: THE RECOMMENDATIONS'), or a resolution that"
                    " ends 'be endorsed.', 'not be endorsed.', 'be noted.' or 'be"
                    " deferred.'")
            if outcome[0] == "recommendations_made" and not outcome[1]:
                raise MinutesError("write the recommendations after the outcome:"
                                   " 'recommendations made: THE RECOMMENDATIONS'")
            done = decisions.transition(desk, agenda_item.decision, "record_outcome",
                                        committee=committee, on=date, outcome=outcome[0],
                                        recommendations=outcome[1])
            changes = changes | done.changes
            before = book(desk, committee, date)  # as recording the outcome left it
            said = f" The committee's outcome on {agenda_item.decision}:" \
                   f" {outcome[0].replace('_', ' ')}."
            if _clean(resolved).split(":")[0].lower() in OUTCOME_WORDS:
                new_resolved = None  # the register words it from the outcome
        entries = [e for e in before.entries if e.item != number]
        if new_text or new_resolved:
            entries.append(MinuteEntry(number, new_text, new_resolved))
        order = [n for n, _i, _p in _items(details)]
        entries.sort(key=lambda e: order.index(e.item) if e.item in order else len(order))
        after = dataclasses.replace(before, entries=tuple(entries))
        if after != before:
            _save(desk, before, after, "set_minute")
    return Done(f"Recorded the minute of item {number} of {committee}, {day(date)}.{said}",
                changes, after)


def _check_words(what: str, value: str | None) -> None:
    if value is None:
        return
    for paragraph in value.split("\n"):
        textrule.check(what, paragraph)


# --- approval, cancellation, numbering -------------------------------------------------------


def _approving_meeting(desk: Desk, committee: str, date: dt.date) -> tuple[dt.date, str] | None:
    """The committee's later meeting whose "Minutes of the meeting held on ..." item is
    about the meeting on ``date``, and that item's number."""
    for later in desk.store.meeting_dates(committee):
        if later <= date:
            continue
        ctx = _context(desk, committee, later)
        for number, item, parent in _items(ctx.details):
            if parent is None and _kind(item.title) == "minutes" and \
                    _about_date(ctx, item) == date:
                return later, number
    return None


def approve(desk: Desk, committee: str, date: dt.date, *,
            correction: str | None = None) -> Done[MinuteBook]:
    """The minutes of the meeting on ``date`` approved as a correct record (with the
    correction agreed, if any) at the committee's later meeting whose "Minutes of the
    meeting held on ..." item is about them, once that meeting has been held. Approved
    minutes are frozen, and that item's resolution says so."""
    correction = (correction or "").strip() or None
    _check_words("the correction", correction)
    with desk.store.transaction():
        ctx = _context(desk, committee, date)
        if ctx.book.approval is not None:
            raise MinutesError(f"{_words(committee, date)} were already approved at the"
                               f" meeting held on {long_date(ctx.book.approval.approved_at)}")
        _refuse_unheld(ctx)
        found = _approving_meeting(desk, committee, date)
        if found is None:
            raise MinutesError(
                f"no later meeting of {committee} has an item 'Minutes of the meeting held"
                f" on {long_date(date)}' on its agenda: the minutes are approved at the"
                " meeting whose agenda has that item")
        later, item = found
        if later > desk.today():
            raise MinutesError(
                f"{_words(committee, date)} are approved at the meeting of"
                f" {day(later)} (item {item}), which has not been held yet")
        first = _first_number(desk, committee, date)
        approval = Approval(later, correction,
                            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), desk.user)
        after = dataclasses.replace(ctx.book, approval=approval, first_number=first)
        # Worded once, as approved: what the minutes print from now on.
        approved = dataclasses.replace(ctx, book=after)
        after = dataclasses.replace(after, wording=wording_json(
            _document(approved, False), _document(approved, True)))
        _save(desk, ctx.book, after, "approve_minutes")
    subject = ", subject to the correction," if correction else ""
    return Done(f"Approved {_words(committee, date)} as a correct record{subject} at the"
                f" meeting of {day(later)} (item {item}): they can no longer change.",
                meeting_changed(committee, date) | meeting_changed(committee, later), after)


def cancel(desk: Desk, committee: str, date: dt.date, reason: str) -> Done[MinuteBook]:
    """The meeting did not take place: it is not minuted (and its minute numbers go to the
    next meeting)."""
    reason = _clean(reason)
    if not reason:
        raise MinutesError("give the reason the meeting was cancelled (--reason)")
    _check_words("the reason", reason)
    with desk.store.transaction():
        before = book(desk, committee, date)
        if before.cancelled:
            raise MinutesError(f"the meeting of {committee} on {day(date)} is already"
                               f" cancelled ({before.cancelled})")
        before = _open(desk, committee, date, "cancelling the meeting")
        if before.attendance or before.declarations or before.entries:
            raise MinutesError(f"the meeting of {committee} on {day(date)} has attendance or"
                               " minutes recorded: a meeting that was held is not cancelled")
        after = dataclasses.replace(before, cancelled=reason)
        _save(desk, before, after, "cancel")
    return Done(f"Recorded the meeting of {committee} on {day(date)} as cancelled"
                f" ({reason}): it will not be minuted.", meeting_changed(committee, date),
                after)


def set_first_number(desk: Desk, committee: str, date: dt.date,
                     number: int) -> Done[MinuteBook]:
    """The number of the meeting's first minute (the first meeting minuted in the
    register, or to follow a paper minute book); later meetings follow on from it."""
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise MinutesError(f"a minute number is a whole number from 1, not {number!r}")
    with desk.store.transaction():
        before = _open(desk, committee, date, "the first minute number")
        after = dataclasses.replace(before, first_number=number)
        if after != before:
            _save(desk, before, after, "set_first_number")
    return Done(f"The minutes of {committee}, {day(date)} are numbered from {number}.",
                Changes(committees=frozenset({committee})) | meeting_changed(committee, date),
                after)


def numbering(desk: Desk) -> str:
    """The council's rule for restarting minute numbers (one of NUMBERING_RULES)."""
    return _numbering_rule(desk)


def set_numbering(desk: Desk, rule: str) -> Done[str]:
    """``council set --minute-numbers``: minute numbers start again at 1 each municipal
    year (from 1 June, after the annual meeting in May) or never."""
    if rule not in NUMBERING_RULES:
        raise MinutesError(f"minute numbers restart {' or '.join(NUMBERING_RULES)},"
                           f" not {rule!r}")
    with desk.store.transaction():
        before = _numbering_rule(desk)
        if before != rule:
            desk.store.set_setting(NUMBERING_SETTING, rule)
            audit.record(desk.store, "council", "minute numbering", "set_minute_numbers",
                         {"rule": before}, {"rule": rule}, desk.user)
    said = ("start again at 1 with each municipal year (from 1 June)"
            if rule == "municipal_year" else "run on from meeting to meeting")
    return Done(f"Minute numbers {said}.", Changes(everything=True), rule)


# --- the minutes --------------------------------------------------------------------------------


def _paragraphs(value: str | None) -> list[str]:
    if not value:
        return []
    out = []
    for block in re.split(r"\n\s*\n", value.strip()):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return out


def _minute(ctx: _Context, number: int, item_no: str, item: AgendaItem,
            declarations_item: bool, public: bool) -> Minute:
    paragraphs: list[str] = []
    subs = [(n, i) for n, i, p in _items(ctx.details)
            if p == item_no and not _own_minute(ctx, i, p)]
    for n, it in [(item_no, item), *subs]:
        entry = _entry(ctx.book, n)
        resolution = _resolution(ctx, n, it, public)
        declared = [] if declarations_item else [
            _declaration_words(d, None) for d in ctx.book.declarations if d.item == n]
        body = _paragraphs(entry.text) + declared
        if n != item_no and (body or resolution):
            paragraphs.append(f"{n[len(item_no):]}) {_title(it)}")
        if resolution:
            lines = resolution.split("\n")
            numbered_text = [p for p in body if re.match(r"\d+\.\s", p)]
            if numbered_text and not re.match(r"\d+\.\s", lines[0]):
                lines[0] = f"{len(numbered_text) + 1}. {lines[0]}"
            body += lines
        paragraphs += body
    paragraph = _exempt(item, ctx.details)
    return Minute(number, item_no, _title(item), tuple(paragraphs), paragraph)


def _withheld(exempt: Sequence[Minute]) -> str | None:
    if not exempt:
        return None
    by_paragraph: dict[int, list[int]] = {}
    for m in exempt:
        by_paragraph.setdefault(m.exempt_paragraph or 0, []).append(m.number)
    parts = []
    for paragraph, numbers in by_paragraph.items():
        many = "s" if len(numbers) > 1 else ""
        parts.append(f"minute{many} {names_list([str(n) for n in numbers])} (exempt under"
                     f" paragraph {paragraph} of Part 1 of Schedule 12A to the Local"
                     " Government Act 1972)")
    return (f"The public version of these minutes leaves out {'; '.join(parts)}: the"
            " press and public were excluded for that business.")


def _refuse_unheld(ctx: _Context) -> None:
    if ctx.book.cancelled:
        raise MinutesError(f"the meeting of {ctx.committee} on {day(ctx.date)} was cancelled"
                           f" ({ctx.book.cancelled}): a cancelled meeting has no minutes")
    if ctx.date > ctx.desk.today():
        raise MinutesError(f"{ctx.committee} meets on {day(ctx.date)}, after today: its"
                           " minutes are made once it has met")


def _approved_words(b: MinuteBook) -> str | None:
    if b.approval is None:
        return None
    said = (f"Approved as a correct record at the meeting held on"
            f" {long_date(b.approval.approved_at)}")
    if b.approval.correction:
        said += f", subject to the correction: {_sentence(b.approval.correction)}"
    return said if said.endswith(".") else said + "."


def _document(ctx: _Context, public: bool) -> Minutes:
    b = ctx.book
    if b.wording is not None:  # approved: as worded then
        return worded(b.wording, public)
    members = ctx.members

    def listed(kind: str) -> tuple[str, ...]:
        return tuple(_attendee_words(a, members) for a in b.attendance if a.kind == kind)

    minuted = _minuted(ctx)
    first = _first_number(ctx.desk, ctx.committee, ctx.date) if minuted else 0
    has_declarations = any(_kind(i.title) == "declarations" for _n, i in minuted)
    made = [_minute(ctx, first + k, n, i, has_declarations, public)
            for k, (n, i) in enumerate(minuted)]
    unrestricted = tuple(m for m in made if m.exempt_paragraph is None)
    exempt = tuple(m for m in made if m.exempt_paragraph is not None)
    return Minutes(ctx.committee, ctx.date, ctx.details.meeting.venue,
                   listed("present"), listed("also_present"), listed("in_attendance"),
                   unrestricted, () if public else exempt,
                   _withheld(exempt) if public else None, public, b.state,
                   _approved_words(b))


def minutes(desk: Desk, committee: str, date: dt.date, *, public: bool = False) -> Minutes:
    """The meeting's minutes as they print (``public``: the exempt minutes left out, and
    said so). Refused for a meeting not yet held, and for one cancelled."""
    ctx = _context(desk, committee, date)
    _refuse_unheld(ctx)
    return _document(ctx, public)


def render(desk: Desk, committee: str, date: dt.date, fmt: str, *,
           public: bool = False) -> bytes:
    if fmt not in FORMATS:
        raise MinutesError(f"minutes are written as {' or '.join(FORMATS)}, not {fmt!r}")
    return desk.documents.minutes(minutes(desk, committee, date, public=public),
                                  desk.store.council(), fmt)


def write(desk: Desk, committee: str, date: dt.date, fmt: str, output: Path, *,
          public: bool = False) -> Done[Path]:
    """``render minutes``: the minutes written atomically to ``output``."""
    document = minutes(desk, committee, date, public=public)
    if fmt not in FORMATS:
        raise MinutesError(f"minutes are written as {' or '.join(FORMATS)}, not {fmt!r}")
    data = desk.documents.minutes(document, desk.store.council(), fmt)
    atomic_write(Path(output), data)
    count = len(document.unrestricted) + len(document.exempt)
    numbers = [m.number for m in (*document.unrestricted, *document.exempt)]
    span = f", minutes {min(numbers)}-{max(numbers)}" if numbers else ""
    notes = (document.withheld,) if document.withheld else ()
    return Done(f"Wrote the {'public ' if public else ''}{document.state} minutes of"
                f" {committee}, {day(date)} ({fmt.upper()}, {count}"
                f" minute{'s' if count != 1 else ''}{span}) to {output}.",
                value=Path(output), notes=notes)



def cancelled_meetings(desk: Desk) -> dict[tuple[str, dt.date], str]:
    """Each cancelled meeting (committee, date), with why: what the meetings list marks."""
    return {(b.committee, b.date): b.cancelled for b in desk.store.minute_books()
            if b.cancelled}


# --- the draft minutes as the next meeting's paper ----------------------------------------------


def _paper_names(about: dt.date) -> tuple[str, str]:
    return f"minutes-{about.isoformat()}.pdf", f"minutes-{about.isoformat()}-exempt.pdf"


def _digest(*documents: Minutes) -> str:
    return hashlib.sha256(repr(documents).encode("utf-8")).hexdigest()


def _attach_one(desk: Desk, committee: str, date: dt.date, number: str, item: AgendaItem,
                about: dt.date) -> str | None:
    earlier = desk.store.minute_book(committee, about)
    if earlier is None or earlier.approval is not None or earlier.cancelled \
            or about > desk.today():
        return None  # nothing minuted yet, or approved (that version stays), or no meeting
    key = f"{ATTACHED_SETTING}{committee} {about.isoformat()}"
    made = desk.store.setting(key)
    public_name, exempt_name = _paper_names(about)
    attached = [p.path for p in item.papers if p.path in (public_name, exempt_name)]
    if attached and made is None:
        return None  # the clerk's own paper of that name
    public = minutes(desk, committee, about, public=True)
    full = minutes(desk, committee, about)
    digest = _digest(public, full)
    if attached and made == digest:
        return None
    council = desk.store.council()
    when = long_date(about)
    with desk.store.transaction():
        desk.store.set_setting(key, digest)
        for name in attached:
            remove_paper(desk, committee, date, number, name)
        attach_papers(desk, committee, date, number,
                      [(public_name, desk.documents.minutes(public, council, "pdf"))],
                      title=f"Minutes of {when}")
        if full.exempt:
            paragraph = min(m.exempt_paragraph or 1 for m in full.exempt)
            attach_papers(desk, committee, date, number,
                          [(exempt_name, desk.documents.minutes(full, council, "pdf"))],
                          title=f"Exempt minutes of {when}", exempt_paragraph=paragraph)
    again = "made again (they had changed since they were attached) and attached" \
        if attached else "attached"
    return f"The draft minutes of {when} {again} to item {number} as its paper."


def attach_drafts(desk: Desk, committee: str, date: dt.date) -> Done[None] | None:
    """The draft minutes each "Minutes of the meeting held on ..." item of the meeting's
    agenda is about, made and attached to that item as its paper: the public minutes, and
    the full minutes as an exempt paper when some are exempt. Made again only if they have
    changed since; never once those minutes are approved (the version attached stays), nor
    over a paper of the same name the clerk attached. None when nothing was done (and for a
    meeting already past)."""
    if date < desk.today():
        return None
    ctx = _context(desk, committee, date)
    said = [s for number, item, parent in _items(ctx.details)
            if parent is None and _kind(item.title) == "minutes"
            and (about := _about_date(ctx, item)) is not None
            for s in [_attach_one(desk, committee, date, number, item, about)] if s]
    if not said:
        return None
    return Done(" ".join(said), meeting_changed(committee, date))


def publish(desk: Desk, committee: str, date: dt.date, on: dt.date | None = None,
            late_reason: str | None = None) -> Done[Any]:
    """``meeting publish``: the draft minutes attached to the agenda first (as its pack
    would have them), then the agenda published, in one unit of work."""
    with desk.store.transaction():
        attached = attach_drafts(desk, committee, date)
        done = publish_agenda(desk, committee, date, on, late_reason)
    if attached is None:
        return done
    return Done(f"{attached.message}\n{done.message}", done.changes | attached.changes,
                done.value, done.notes)


__all__ = ["ATTACHED_SETTING", "FORMATS", "ItemMinute", "MinuteSheet", "MinutesError",
           "NUMBERING_RULES", "NUMBERING_SETTING", "approve", "attach_drafts", "book",
           "cancel", "cancelled_meetings", "declare", "long_date", "minutes", "numbering",
           "outcome_resolution",
           "publish", "remove_declaration", "render", "set_attendance", "set_first_number",
           "set_minute", "set_numbering", "sheet", "short_name", "write"]
