"""A meeting and its agenda: what the Meetings screen and the ``meeting`` command do.

Make a meeting (its agenda starts with the committee's standing items), change its
details, add, move and remove items, attach and detach papers (each checked first),
mark items and papers exempt, publish the agenda once against the statutory deadline.
Each is one unit of work with its audit row, and returns the sentence that says what it
did, so the window and the command say the same. Items are addressed as the agenda
numbers them: ``7``, or ``9a`` (also ``9(a)``, ``9 a)``) for item 9's first sub-item.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from governance import audit, decisions, text
from governance.agenda import (
    DECISION_ITEM_DESCRIPTION,
    DEFAULT_STANDING_ITEMS,
    MeetingDetails,
    MeetingError,
    MeetingRecord,
    Publication,
    StandingTemplate,
    day,
    decision_numbers,
    item_letters,
    letter_index,
    parse_item_ref,
    publication_for,
    standing_agenda,
    sub_item_place,
)
from governance.calendar import agenda_publication_deadline
from governance.desk import NOTHING, Changes, Desk, Done, decisions_changed, meeting_changed
from governance.errors import Cancelled, NotFound, UserError
from governance.lifecycle import BEFORE_TAKEN
from governance.model import AgendaItem, Committee, Meeting, Membership, Paper, Post
from governance.papers import MAX_PAPER_BYTES
from governance.ports import DecisionFilter, MeetingSummary
from governance.vocab import EXEMPT_PARAGRAPHS, NOTICES, ROLES, TAKEN_STATUSES, TIME_RE

#: A detail :func:`update_meeting` leaves as it is.


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()

#: A meeting's details as a clerk names them.
DETAIL_WORDS = {"time": "time", "venue": "venue", "clerk": "clerk (Ask for)",
                "proper_officer": "Proper Officer", "notices": "notices"}

#: ``add_item(before=CLOSING)``: an item of business goes before the closing standing items.
CLOSING = "closing"


# --- words ------------------------------------------------------------------------------------


def agenda_words(committee: str, date: dt.date) -> str:
    return f"the agenda of {committee}, {day(date)}"


def _label(committee: str, date: dt.date) -> str:
    """How the audit trail names a meeting."""
    return f"{committee} {date.isoformat()}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "none"
    return ", ".join(value) if isinstance(value, list) else str(value)


def republish_note(published_on: dt.date | None) -> str:
    """What a change to an agenda already published adds to its message."""
    if not published_on:
        return ""
    return (f" Its agenda was published on {day(published_on)}: republish it (make the"
            " front sheet again and publish that) so the published agenda shows the change.")


# --- reading ----------------------------------------------------------------------------------


def committee_names(desk: Desk) -> list[str]:
    return sorted(c.name for c in desk.store.committees())


def _committee(desk: Desk, name: str, *, listed: bool = True) -> Committee:
    """The committee called ``name``; if there is none, the error names those there are
    (``listed``: what finding a meeting says; making a meeting and reading a committee's
    standing items have always said only that there is no such committee)."""
    for c in desk.store.committees():
        if c.name == name:
            return c
    if not listed:
        raise MeetingError(f"there is no committee called {name!r} in the register")
    names = ", ".join(committee_names(desk)) or "none"
    raise MeetingError(f"there is no committee called {name!r} in the register"
                       f" (committees: {names})")


def _record(desk: Desk, committee: str, date: dt.date, content: bool = False) -> MeetingRecord:
    found = desk.store.meeting(committee, date, content=content)
    if found is not None:
        return found
    _committee(desk, committee)
    dates = ", ".join(d.isoformat() for d in desk.store.meeting_dates(committee))
    raise MeetingError(f"{committee} has no meeting on {date.isoformat()} (its meetings:"
                       f" {dates or 'none'})")


def meeting_list(desk: Desk) -> list[MeetingSummary]:
    """Every meeting, newest first: what the Meetings and Documents screens list."""
    return desk.store.meeting_list()


def _post_by_holder(posts: Sequence[Post], holder: str | None) -> Post | None:
    if not holder:
        return None
    held = [p for p in posts if p.holder == holder]
    # A post with a telephone first, and the clerk's own (Democratic Services) before others.
    held.sort(key=lambda p: (p.phone is None, "democratic services" not in p.title.lower()))
    return held[0] if held else None


def _post_by_title(posts: Sequence[Post], title: str | None) -> Post | None:
    if not title:
        return None
    for p in posts:
        if p.title == title:
            return p
    return _post_by_holder(posts, title)


def details_of(desk: Desk, record: MeetingRecord) -> MeetingDetails:
    m = record.meeting
    current = _committee(desk, m.committee)
    if record.recorded is not None:
        r = record.recorded
        printed = Committee(current.name, current.kind, r.seats, r.party_seats,
                            list(r.membership))
    else:
        printed = current
    posts = desk.store.posts()
    numbers = decision_numbers(m.items)
    return MeetingDetails(
        m, printed, {x.name: x for x in desk.store.members()},
        _post_by_holder(posts, m.clerk), _post_by_title(posts, m.proper_officer),
        record.publication(), record.recorded is not None,
        desk.store.exempt_paragraphs(numbers) if numbers else {})


def meeting(desk: Desk, committee: str, date: dt.date, *, content: bool = True
            ) -> MeetingDetails:
    """The meeting of ``committee`` on ``date`` with its items, papers (with their content
    unless ``content`` is False), the membership as printed, the clerk's and Proper
    Officer's posts and the publication."""
    return details_of(desk, _record(desk, committee, date, content))


def agendas(desk: Desk, committee: str | None = None) -> list[MeetingDetails]:
    """Every meeting (of ``committee``), oldest first, with its agenda and the titles and
    exempt paragraphs of its papers but not their content: enough to list a meeting's
    business (membership, clerk and Proper Officer are not loaded)."""
    if committee is not None and committee not in committee_names(desk):
        names = ", ".join(committee_names(desk)) or "none"
        raise NotFound(f"there is no committee called {committee!r} in the register"
                       f" (committees: {names})")
    committees = {c.name: c for c in desk.store.committees()}
    exempt = desk.store.exempt_paragraphs()
    out = []
    for m in sorted(desk.store.meetings(committee),
                    key=lambda m: (m.date, m.time or "", m.committee)):
        on_agenda = set(decision_numbers(m.items))
        out.append(MeetingDetails(
            m, committees.get(m.committee, Committee(m.committee, "other")), {}, None, None,
            Publication(agenda_publication_deadline(m.date), m.published_on),
            exempt_decisions={n: p for n, p in exempt.items() if n in on_agenda}))
    return out


def standing_items(desk: Desk, committee: str) -> StandingTemplate:
    """The committee's standing-item template, or Kent's usual set if it has none."""
    _committee(desk, committee, listed=False)
    return desk.store.standing_items(committee) or DEFAULT_STANDING_ITEMS


def posts(desk: Desk) -> list[Post]:
    """The register's posts with their holders, by title: whom a meeting's clerk and Proper
    Officer are chosen from."""
    return sorted(desk.store.posts(), key=lambda p: p.title)


def latest_details(desk: Desk) -> dict[str, dict[str, Any]]:
    """Each committee's latest meeting's clerk, Proper Officer and notices: what New
    meeting… offers for that committee's next one."""
    return desk.store.latest_meeting_details()


def closing_items_start(items: Sequence[AgendaItem], template: StandingTemplate) -> int | None:
    """The index of the first of the agenda's closing standing items (Work Programme...: as
    many as the committee's template ends with), before which business goes; None when
    the agenda does not end with them."""
    closing = len(template.end)
    if not closing or len(items) < closing or not all(i.standing for i in items[-closing:]):
        return None
    return len(items) - closing


# --- finding an item and a paper ------------------------------------------------------------


@dataclass
class _Found:
    item: AgendaItem
    siblings: list[AgendaItem]
    index: int
    #: The item's number as printed (7, 9a), and its parent's number for a sub-item.
    number: str
    parent: int | None


def _find(items: list[AgendaItem], ref: int | str, label: str) -> _Found:
    number, letters = parse_item_ref(ref)
    if not 1 <= number <= len(items):
        raise MeetingError(f"the agenda of {label} has no item {number} (it has"
                           f" {len(items)} items)")
    top = items[number - 1]
    if not letters:
        return _Found(top, items, number - 1, str(number), None)
    index = letter_index(letters)
    if not 0 <= index < len(top.items):
        raise MeetingError(f"item {number} of {label} has no sub-item {letters})"
                           f" (it has {len(top.items)})")
    return _Found(top.items[index], top.items, index, f"{number}{item_letters(index)}", number)


def _paper_at(found: _Found, ref: int | str, label: str, item: str | None = None) -> int:
    """The index of one of the item's papers, by its file name or its position from 1;
    a refusal names the item as ``item`` (its number as printed if not given)."""
    papers = found.item.papers
    text = str(ref).strip()
    item = found.number if item is None else item
    named = [i for i, p in enumerate(papers) if p.path == text]
    if len(named) > 1:
        raise MeetingError(f"item {item} of {label} has {len(named)} papers called"
                           f" {text!r} (papers {_and([str(i + 1) for i in named])}): give the"
                           " position of the one you mean")
    if named:
        return named[0]
    if text.isdigit() and 1 <= int(text) <= len(papers):
        return int(text) - 1
    listed = ", ".join(f"{i + 1} {p.path}" for i, p in enumerate(papers))
    shown = text if text.isdigit() else repr(text)
    raise MeetingError(f"item {item} of {label} has no paper {shown}"
                       f" ({'its papers: ' + listed if papers else 'it has none'})")


def _check_paragraph(paragraph: int | None) -> None:
    if paragraph is not None and paragraph not in EXEMPT_PARAGRAPHS:
        raise MeetingError(f"{paragraph!r} is not a paragraph of Part 1 of Schedule 12A"
                           " (1 to 7)")


def _check_time(time: str | None) -> str | None:
    time = _text(time)
    if time is not None and not TIME_RE.match(time):
        raise MeetingError(f"{time!r} is not a time (HH:MM, 24-hour)")
    return time


def _check_notices(notices: Sequence[str]) -> list[str]:
    out: list[str] = []
    for n in notices:
        if n not in NOTICES:
            raise MeetingError(f"{n!r} is not a notice (one of {', '.join(NOTICES)})")
        if n not in out:
            out.append(n)
    return out


def _check_clerk(desk: Desk, clerk: str | None) -> None:
    """The clerk (Ask for) is a person holding a post: the front sheet prints the post's
    telephone and e-mail."""
    if clerk is None:
        return
    holders = sorted({p.holder for p in desk.store.posts() if p.holder})
    if clerk not in holders:
        raise MeetingError(f"the clerk (Ask for) is someone who holds a post in the register,"
                           f" and {clerk!r} holds none (post holders:"
                           f" {', '.join(holders) or 'none'})")


def _check_proper_officer(desk: Desk, title: str | None) -> None:
    if title is None:
        return
    titles = sorted(p.title for p in desk.store.posts())
    if title not in titles:
        raise MeetingError(f"the Proper Officer is a post, and {title!r} is not a post in"
                           f" the register (posts: {', '.join(titles) or 'none'})")


# --- making a meeting, changing its details -----------------------------------------------------


def create_meeting(
    desk: Desk, committee: str, date: dt.date, *, time: str | None = None,
    venue: str | None = None, clerk: str | None = None, proper_officer: str | None = None,
    notices: Sequence[str] = (), with_standing_items: bool = True,
) -> Done[MeetingDetails]:
    """A new meeting whose agenda starts with the committee's standing items (and ends
    with its closing ones); items of business go in between with :func:`add_item`."""
    time, venue = _check_time(time), _text(venue)
    clerk, proper_officer = _text(clerk), _text(proper_officer)
    text.check_fields(f"the meeting of {committee}", {
        "venue": venue, "clerk": clerk, "proper_officer": proper_officer})
    notices = _check_notices(notices)
    store = desk.store
    with store.transaction():
        _committee(desk, committee, listed=False)
        dates = store.meeting_dates(committee)
        if date in dates:
            raise MeetingError(f"{committee} already has a meeting on {date.isoformat()}")
        _check_clerk(desk, clerk)
        _check_proper_officer(desk, proper_officer)
        previous = max((d for d in dates if d < date), default=None)
        template = standing_items(desk, committee) if with_standing_items else \
            StandingTemplate((), ())
        items = standing_agenda(template, previous)
        store.add_meeting(Meeting(committee, date, time, venue, clerk, proper_officer, None,
                                  list(notices), items))
        audit.record(store, "meeting", _label(committee, date), "create", None,
                     {"committee": committee, "date": date.isoformat(), "time": time,
                      "venue": venue, "clerk": clerk, "proper_officer": proper_officer,
                      "notices": list(notices), "standing_items": [i.title for i in items]},
                     desk.user)
    details = meeting(desk, committee, date, content=False)
    count = len(details.meeting.items)
    message = (f"Made the meeting of {committee} on {day(date)} with {count} standing"
               f" item{'s' if count != 1 else ''}; publish its agenda by"
               f" {day(agenda_publication_deadline(date))}.")
    return Done(message, meeting_changed(committee, date), details)


@dataclass(frozen=True)
class MeetingUpdate:
    """What :func:`update_meeting` changed: detail -> (before, after)."""

    committee: str
    date: dt.date
    changes: dict[str, tuple[Any, Any]]
    #: When the agenda had been published (it then wants publishing again).
    published_on: dt.date | None = None

    @property
    def message(self) -> str:
        where = f"the meeting of {self.committee} on {day(self.date)}"
        if not self.changes:
            return f"Nothing changed: {where} already has those details."
        said = "; ".join(f"{DETAIL_WORDS[k]} from {_shown(before)} to {_shown(after)}"
                         for k, (before, after) in self.changes.items())
        return f"Changed {where}: {said}." + republish_note(self.published_on)


def update_meeting(
    desk: Desk, committee: str, date: dt.date, *, time: Any = KEEP, venue: Any = KEEP,
    clerk: Any = KEEP, proper_officer: Any = KEEP, notices: Any = KEEP,
) -> Done[MeetingUpdate]:
    """Change a meeting's time, venue, clerk (a post holder), Proper Officer (a post) or
    notices; what is not given (:data:`KEEP`) stays, and an empty text clears it. A meeting
    whose agenda is published may change too (it is the clerk's agenda): the audit row
    records that it was published, and the message says to republish it."""
    wanted: dict[str, Any] = {}
    if time is not KEEP:
        wanted["time"] = _check_time(time)
    if venue is not KEEP:
        wanted["venue"] = _text(venue)
    if clerk is not KEEP:
        wanted["clerk"] = _text(clerk)
    if proper_officer is not KEEP:
        wanted["proper_officer"] = _text(proper_officer)
    if notices is not KEEP:
        wanted["notices"] = _check_notices(notices)
    text.check_fields(f"the meeting of {committee}", wanted)
    store = desk.store
    with store.transaction():
        m = _record(desk, committee, date).meeting
        changes = {k: (getattr(m, k), v) for k, v in wanted.items() if v != getattr(m, k)}
        if "clerk" in changes:
            _check_clerk(desk, changes["clerk"][1])
        if "proper_officer" in changes:
            _check_proper_officer(desk, changes["proper_officer"][1])
        if changes:
            store.update_meeting(m.committee, date, {k: after for k, (_b, after)
                                                     in changes.items()})
            published = {"agenda_published_on": m.published_on.isoformat()
                         if m.published_on else None}
            audit.record(store, "meeting", _label(m.committee, date), "update_details",
                         {k: before for k, (before, _a) in changes.items()} | published,
                         {k: after for k, (_b, after) in changes.items()} | published,
                         desk.user)
    update = MeetingUpdate(m.committee, date, changes, m.published_on)
    return Done(update.message, meeting_changed(m.committee, date) if changes else NOTHING,
                update)


# --- items --------------------------------------------------------------------------------------


def _to_committee(desk: Desk, number: str, committee: str, date: dt.date) -> str:
    """An item about decision ``number`` on the agenda of ``committee`` on ``date``: the
    decision records that it goes to that committee on that date (one fact, whichever
    screen it was entered on). A decision already taken or withdrawn is reported, not
    changed. What the message adds."""
    d = decisions.decision(desk, number)
    if d.status not in BEFORE_TAKEN or any(
            c.committee == committee and c.date == date for c in d.committee_considerations):
        return ""
    decisions.transition(desk, number, "send_to_committee", committee=committee, on=date)
    return f" {number} now goes to the {committee} on {day(date)}."


def _off_committee(desk: Desk, numbers: Sequence[str], committee: str, date: dt.date,
                   still: Sequence[str]) -> tuple[str, list[str]]:
    """Items about ``numbers`` taken off the agenda (none of them still on it: ``still``):
    each decision's consideration still to come at that meeting goes too. What the
    message adds, and the decisions changed."""
    said, changed = [], []
    for number in dict.fromkeys(numbers):
        if number in still:
            continue
        d = desk.store.decision(number)
        if d is None or d.status not in BEFORE_TAKEN or not any(
                c.committee == committee and c.date == date and not c.outcome
                for c in d.committee_considerations):
            continue
        decisions.transition(desk, number, "take_off_agenda", committee=committee, on=date)
        said.append(number)
        changed.append(number)
    if not said:
        return "", changed
    return (f" {_and(said)} no longer {'goes' if len(said) == 1 else 'go'} to the"
            f" {committee} on {day(date)}."), changed


def _item_changes(committee: str, date: dt.date, numbers: Sequence[str]) -> Changes:
    return meeting_changed(committee, date) | (decisions_changed(numbers) if numbers
                                               else NOTHING)


def add_item(
    desk: Desk, committee: str, date: dt.date, title: str | None = None, *,
    decision: str | None = None, description: str | None = None,
    parent: int | str | None = None, before: int | str | None = CLOSING,
    standing: bool | None = None, exempt_paragraph: int | None = None,
) -> Done[tuple[str, str]]:
    """Add an item of business: by default before the closing standing items (Work
    Programme...), or before item ``before``, or (``before=None``) at the end; with
    ``parent``, a sub-item after that item's others (9a, 9b...), or before its sub-item
    ``before`` (9b). A decision item with no title takes the decision's, and with no
    description says what the committee is to do with it. The result's value is (its
    number, its title)."""
    title = (title or "").strip()
    text.check_fields("the agenda item", {"title": title, "description": description})
    store = desk.store
    with store.transaction():
        if decision:
            d = store.decision(decision)
            if d is None:
                raise MeetingError(f"{decision!r} is not a decision in the register")
            title = title or d.title
            if description is None:
                description = DECISION_ITEM_DESCRIPTION.format(
                    decision_maker=d.decision_maker or "decision-maker")
        if not title:
            raise MeetingError("an agenda item needs a title")
        _check_paragraph(exempt_paragraph)
        record = _record(desk, committee, date)
        m = record.meeting
        label = _label(m.committee, date)
        item = AgendaItem(title, standing, description, decision or None, [],
                          exempt_paragraph)
        if parent:
            found = _find(m.items, parent, label)
            if found.parent is not None:
                raise MeetingError(f"item {parent} of {label} is a sub-item, and a sub-item"
                                   f" has none of its own: put it under item {found.parent}")
            subs = found.item.items
            if before is None or before == CLOSING:
                position = len(subs)
            else:
                target = _find(m.items, before, label)
                if target.siblings is not subs:
                    raise MeetingError(f"item {before} is not among the items this one joins")
                position = target.index
            subs.insert(position, item)
            number = f"{found.number}{item_letters(position)}"
        else:
            if before == CLOSING:
                at = closing_items_start(m.items, standing_items(desk, m.committee))
                position = len(m.items) if at is None else at
            elif before is None:
                position = len(m.items)
            else:
                target = _find(m.items, before, label)
                if target.parent is not None:
                    raise MeetingError(f"item {before} is not among the items this one joins")
                position = target.index
            m.items.insert(position, item)
            number = str(position + 1)
        store.save_agenda(m.committee, date, m.items)
        audit.record(store, "meeting", label, "add_item", None,
                     {"item": number, "title": title, "decision": decision,
                      "exempt_paragraph": exempt_paragraph}, desk.user)
        goes = _to_committee(desk, decision, m.committee, date) if decision else ""
    return Done(f"Added item {number} to {agenda_words(m.committee, date)}: {title}."
                + goes + republish_note(m.published_on),
                _item_changes(m.committee, date, [decision] if goes else []), (number, title))


def _place(to: int | str, count: int, label: str, parent: int | None) -> int:
    """``to`` as a 0-based place among ``count`` items (or a parent's sub-items)."""
    text = str(to).strip().lower()
    if parent is None:
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text) - 1
        raise MeetingError(f"the agenda of {label} has no place {text or repr(to)} to move"
                           f" to: give an item number from 1 to {count}")
    letters = sub_item_place(text, parent)
    if letters and 0 <= letter_index(letters) < count:
        return letter_index(letters)
    last = item_letters(count - 1)
    raise MeetingError(f"item {parent} of {label} has no sub-item place {text or repr(to)}"
                       f" to move to: give one of {parent}a to {parent}{last}")


def move_item(desk: Desk, committee: str, date: dt.date, item: int | str,
              to: int | str) -> Done[str]:
    """Move an item to another place on the agenda (a sub-item among its item's
    sub-items); the items between close up. What dragging an item in the window does."""
    store = desk.store
    with store.transaction():
        m = _record(desk, committee, date).meeting
        label = _label(m.committee, date)
        found = _find(m.items, item, label)
        dest = _place(to, len(found.siblings), label, found.parent)
        name = (str(dest + 1) if found.parent is None
                else f"{found.parent}{item_letters(dest)}")
        if dest == found.index:
            return Done(f"Item {found.number} ({found.item.title}) is already there on"
                        f" {agenda_words(m.committee, date)}: nothing moved.",
                        value=found.number)
        before = [i.title for i in found.siblings]
        found.siblings.insert(dest, found.siblings.pop(found.index))
        store.save_agenda(m.committee, date, m.items)
        audit.record(store, "meeting", label, "reorder_items", {"items": before},
                     {"items": [i.title for i in found.siblings]}, desk.user)
    return Done(f"Moved item {found.number} ({found.item.title}) to item {name} of"
                f" {agenda_words(m.committee, date)}." + republish_note(m.published_on),
                meeting_changed(m.committee, date), name)


def remove_item(desk: Desk, committee: str, date: dt.date, item: int | str, *,
                with_papers: bool = False) -> Done[None]:
    """Take an item (with its sub-items) off the agenda; the items after it are numbered
    up. An item with papers (its own or its sub-items') is removed only ``with_papers``."""
    store = desk.store
    with store.transaction():
        m = _record(desk, committee, date).meeting
        label = _label(m.committee, date)
        found = _find(m.items, item, label)
        target = found.item
        papers = [*target.papers, *(p for sub in target.items for p in sub.papers)]
        if papers and not with_papers:
            raise MeetingError(
                f"item {found.number} of {label} ({target.title}) has"
                f" {_plural(len(papers), 'paper')} ({_and([p.path for p in papers])}):"
                " detach them first, or remove the item with its papers (--with-papers)")
        later = len(found.siblings) - found.index - 1
        found.siblings.pop(found.index)
        store.save_agenda(m.committee, date, m.items)
        audit.record(store, "meeting", label, "remove_item",
                     {"item": found.number, "title": target.title,
                      "decision": target.decision,
                      "standing": None if target.standing is None else int(target.standing),
                      "exempt_paragraph": target.exempt_paragraph,
                      "sub_items": [s.title for s in target.items],
                      "papers": [{"file_name": p.path, "sha256": p.sha256} for p in papers]},
                     None, desk.user)
        gone, changed = _off_committee(
            desk, decision_numbers([target]), m.committee, date, decision_numbers(m.items))
    parts = [f"Removed item {found.number} ({target.title}) from"
             f" {agenda_words(m.committee, date)}"]
    if target.items:
        parts.append(f", with its {_plural(len(target.items), 'sub-item')}")
    if papers:
        parts.append(f"{' and' if target.items else ', with'}"
                     f" {_plural(len(papers), 'paper')} ({_and([p.path for p in papers])})")
    if later:
        def name(i: int) -> str:
            return str(i + 1) if found.parent is None else f"{found.parent}{item_letters(i)}"
        what = "item" if found.parent is None else "sub-item"
        index, total = found.index, found.index + later + 1
        if later == 1:
            parts.append(f"; {what} {name(index + 1)} is now {name(index)}")
        else:
            parts.append(f"; {what}s {name(index + 1)} to {name(total - 1)} are now"
                         f" {name(index)} to {name(total - 2)}")
    return Done("".join(parts) + "." + gone + republish_note(m.published_on),
                _item_changes(m.committee, date, changed))


def set_item_exempt(desk: Desk, committee: str, date: dt.date, item: int | str,
                    paragraph: int | None) -> Done[None]:
    """Mark an item exempt under ``paragraph`` of Part 1 of Schedule 12A (None: not
    exempt). An exempt item and its papers never reach a public document."""
    _check_paragraph(paragraph)
    store = desk.store
    with store.transaction():
        m = _record(desk, committee, date).meeting
        label = _label(m.committee, date)
        found = _find(m.items, item, label)
        before = found.item.exempt_paragraph
        found.item.exempt_paragraph = paragraph
        store.save_agenda(m.committee, date, m.items)
        # The item as the clerk gave it (9(a) stays 9(a)), in the row and the sentence.
        audit.record(store, "meeting", label, "set_item_exempt",
                     {"item": str(item), "exempt_paragraph": before},
                     {"item": str(item), "exempt_paragraph": paragraph}, desk.user)
    return Done(f"Item {item} of {agenda_words(m.committee, date)}:"
                f" {_exempt_words(paragraph)}." + republish_note(m.published_on),
                meeting_changed(m.committee, date))


def _paper_in(desk: Desk, committee: str, date: dt.date, item: int | str, paper: int | str
              ) -> tuple[Meeting, str, _Found, int]:
    """The meeting, its label, the item and the index of the paper named (its position
    from 1, or its file name; a refusal names the item as the clerk gave it)."""
    m = _record(desk, committee, date).meeting
    label = _label(m.committee, date)
    found = _find(m.items, item, label)
    return m, label, found, _paper_at(found, paper, label, str(item))


def _exempt_words(paragraph: int | None) -> str:
    return (f"exempt under paragraph {paragraph} of Part 1 of Schedule 12A" if paragraph
            else "not exempt")


def set_paper_exempt(desk: Desk, committee: str, date: dt.date, item: int | str,
                     paper: int | str, paragraph: int | None) -> Done[None]:
    """Mark one of the item's papers (its position from 1, or its file name) exempt
    under ``paragraph``."""
    _check_paragraph(paragraph)
    store = desk.store
    with store.transaction():
        m, label, found, index = _paper_in(desk, committee, date, item, paper)
        was = found.item.papers[index]
        found.item.papers[index] = replace(was, exempt_paragraph=paragraph)
        store.save_agenda(m.committee, date, m.items)
        audit.record(store, "meeting", label, "set_paper_exempt",
                     {"item": str(item), "paper": was.path,
                      "exempt_paragraph": was.exempt_paragraph},
                     {"item": str(item), "paper": was.path, "exempt_paragraph": paragraph},
                     desk.user)
    return Done(f"Paper {paper} of item {item} of {agenda_words(m.committee, date)}:"
                f" {_exempt_words(paragraph)}." + republish_note(m.published_on),
                meeting_changed(m.committee, date))


# --- papers ---------------------------------------------------------------------------------------

#: A paper to attach: a file, or (file name, bytes).
PaperSource = Path | str | tuple[str, bytes]


def _read_paper(path: Path) -> tuple[str, bytes]:
    """The file's name and its bytes, or why it cannot be read."""
    name = path.name
    try:
        if path.stat().st_size > MAX_PAPER_BYTES:
            raise MeetingError(f"{name!r} is larger than 200 MB: split it or reduce"
                               " its images, then attach it again")
        return name, path.read_bytes()
    except FileNotFoundError:
        raise MeetingError(f"{name!r} not found (looked for {path})") from None
    except IsADirectoryError:
        raise MeetingError(f"{name!r} is a folder, not a PDF file") from None
    except OSError as exc:
        raise MeetingError(f"{name!r} cannot be read: {exc.strerror}") from None


def attach_papers(
    desk: Desk, committee: str, date: dt.date, item: int | str,
    sources: Sequence[PaperSource], *, title: str | None = None,
    exempt_paragraph: int | None = None,
    progress: Callable[[int, str], None] | None = None,
    proceed: Callable[[], bool] | None = None,
) -> Done[list[Paper]]:
    """Attach PDF files to an item, after its other papers, all or nothing: every file is
    read and checked first, and one that is not a PDF, is encrypted or is damaged is
    refused with its name and the reason, and none is attached. ``progress(percent,
    text)`` hears of each file as it is checked; ``proceed()`` is asked before anything
    is kept: False (the clerk cancelled) attaches none."""
    if not sources:
        raise MeetingError("give the PDF files to attach")
    title = _text(title)
    if title is not None and len(sources) > 1:
        raise MeetingError(f"a title names one paper: attach the {len(sources)} files one at"
                           " a time to give each its title")
    _check_paragraph(exempt_paragraph)
    checked: list[tuple[Paper, int]] = []
    removals: list[str] = []  # what active content was taken out of which paper
    for i, source in enumerate(sources):
        if progress is not None:
            shown = source[0] if isinstance(source, tuple) else Path(source).name
            progress(100 * i // len(sources), f"Checking {shown}…")
        try:
            if isinstance(source, tuple):
                name, content = source
            else:
                name, content = _read_paper(Path(source))
            text.check_fields(f"the paper {name!r}", {"file_name": name, "title": title})
            pages = desk.documents.check_paper(content, name).pages
            cleaned = desk.documents.clean_paper(content, name)
            content = cleaned.content
            if cleaned.removed:
                removals.append(cleaned.removal_note(name))
        except UserError as exc:
            if len(sources) == 1:
                raise
            raise MeetingError(f"{exc} (none of the {len(sources)} files was attached)"
                               ) from None
        checked.append((Paper(name, title, exempt_paragraph,
                              hashlib.sha256(content).hexdigest(), content), pages))
    if proceed is not None and not proceed():
        raise Cancelled(f"attaching {_and([p.path for p, _n in checked])} was cancelled:"
                        " none was attached")
    store = desk.store
    with store.transaction():
        m = _record(desk, committee, date).meeting
        label = _label(m.committee, date)
        found = _find(m.items, item, label)
        for paper, _pages in checked:
            found.item.papers.append(paper)
        store.save_agenda(m.committee, date, m.items)
        for paper, _pages in checked:
            audit.record(store, "meeting", label, "attach_paper", None,
                         {"item": found.number, "file_name": paper.path, "title": title,
                          "exempt_paragraph": exempt_paragraph, "sha256": paper.sha256,
                          "size": len(paper.content or b"")}
                         | ({"active_content_removed": removals} if removals else {}),
                         desk.user)
    pages = sum(p for _paper, p in checked)
    return Done(f"Attached {_and([p.path for p, _n in checked])} to item {found.number} of"
                f" {agenda_words(m.committee, date)} ({_plural(pages, 'page')})."
                + "".join(f" {note}" for note in removals)
                + republish_note(m.published_on), meeting_changed(m.committee, date),
                [p for p, _n in checked])


def remove_paper(desk: Desk, committee: str, date: dt.date, item: int | str,
                 paper: int | str) -> Done[None]:
    """Take a paper (its file name, or its position from 1) off an item; the item's other
    papers close up. Its content goes too, unless another paper is the same file."""
    store = desk.store
    with store.transaction():
        m = _record(desk, committee, date).meeting
        label = _label(m.committee, date)
        found = _find(m.items, item, label)
        index = _paper_at(found, paper, label)
        gone = found.item.papers.pop(index)
        store.save_agenda(m.committee, date, m.items)
        audit.record(store, "meeting", label, "remove_paper",
                     {"item": found.number, "paper": index + 1, "file_name": gone.path,
                      "title": gone.title, "exempt_paragraph": gone.exempt_paragraph,
                      "sha256": gone.sha256}, None, desk.user)
    left = len(found.item.papers)
    rest = f"{_plural(left, 'paper')} left" if left else "no papers left"
    return Done(f"Removed paper {index + 1} ({gone.path}) from item {found.number} of"
                f" {agenda_words(m.committee, date)}; the item has {rest}."
                + republish_note(m.published_on), meeting_changed(m.committee, date))


# --- membership as printed, publication -------------------------------------------------------


def _record_membership(desk: Desk, committee: str, date: dt.date,
                       membership: Sequence[Membership] | None, seats: int | None,
                       party_seats: dict[str, int] | None, audited: bool) -> None:
    if membership is None:
        current = _committee(desk, committee)
        membership = current.membership
        seats = current.seats if seats is None else seats
        party_seats = current.party_seats if party_seats is None else party_seats
    known = {m.name for m in desk.store.members()}
    for ms in membership:
        if ms.member not in known:
            raise MeetingError(f"{ms.member!r} is not a member in the register")
        if ms.role not in ROLES:
            raise MeetingError(f"{ms.role!r} is not a role (one of {', '.join(ROLES)})")
    desk.store.record_membership(committee, date, membership, seats, party_seats)
    if audited:
        audit.record(desk.store, "meeting", _label(committee, date), "record_membership",
                     None, {"seats": seats, "party_seats": party_seats,
                            "membership": [{"member": m.member, "role": m.role}
                                           for m in membership]}, desk.user)


def record_membership(
    desk: Desk, committee: str, date: dt.date,
    membership: Sequence[Membership] | None = None, *, seats: int | None = None,
    party_seats: dict[str, int] | None = None, audited: bool = True,
) -> Done[None]:
    """Record the membership printed on the meeting's agenda: ``membership`` as given
    (for a past meeting), or the committee's as it is now. Publishing the agenda records
    it if it has not been; so does importing a published one (whose import row is its
    audit: ``audited`` False)."""
    with desk.store.transaction():
        m = _record(desk, committee, date).meeting
        _record_membership(desk, m.committee, date, membership, seats, party_seats, audited)
    return Done(f"Recorded the membership printed on {agenda_words(m.committee, date)}.",
                meeting_changed(m.committee, date))


@dataclass(frozen=True)
class Published:
    """An agenda's publication as :func:`publish` recorded it."""

    committee: str
    date: dt.date
    publication: Publication
    #: Only the reason for an earlier late publication was recorded.
    reason_only: bool = False

    @property
    def message(self) -> str:
        p = self.publication
        assert p.published_on is not None
        agenda = agenda_words(self.committee, self.date)
        if self.reason_only:
            return (f"Recorded the reason for the late publication of {agenda} (published"
                    f" {day(p.published_on)}, after the deadline of {day(p.deadline)}):"
                    f" {p.late_reason}.")
        if p.late:
            return (f"Published {agenda}, on {day(p.published_on)}, after the deadline of"
                    f" {day(p.deadline)}: it is flagged late, with the reason:"
                    f" {p.late_reason}.")
        return (f"Published {agenda}, on {day(p.published_on)}, on time (the deadline is"
                f" {day(p.deadline)}).")


def _after_today(on: dt.date, today: dt.date) -> str:
    return f"the agenda cannot be published on {day(on)}: that is after today ({day(today)})"


def publish_refusal(m: Meeting, publication: Publication, on: dt.date,
                    today: dt.date) -> str | None:
    """Why the agenda cannot be published on ``on`` now, or None: what the window's
    Publish… button and the command both go by. Never on a day still to come, nor on or
    after the meeting day; an agenda is published once, but a late one published with no
    reason may have its reason recorded afterwards."""
    if on > today:
        return _after_today(on, today)
    if publication.published_on is None:
        if on >= m.date:
            return (f"the agenda cannot be published on {day(on)}: the meeting is on"
                    f" {day(m.date)}; publish it by {day(publication.deadline)} (5 clear"
                    " working days before)")
        return None
    if publication.late and not publication.late_reason:
        return None
    return (f"{agenda_words(m.committee, m.date)}, was already published on"
            f" {day(publication.published_on)}: an agenda is published once")


def publish(desk: Desk, committee: str, date: dt.date, on: dt.date | None = None,
            late_reason: str | None = None) -> Done[Published]:
    """Publish the agenda on ``on`` (today if not given; never a day still to come), once.
    By the statutory deadline (5 clear working days before the meeting) it is on time;
    after it, only with ``late_reason`` (the urgent business), and it is flagged late. The
    membership printed on the agenda is recorded then, if it has not been. An agenda
    already published is refused, except to record the reason for a late publication that
    has none (given with the date it was published)."""
    today = desk.today()
    on = on or today
    if on > today:  # before anything is looked up, as it always was
        raise MeetingError(_after_today(on, today))
    reason = _text(late_reason)
    text.check_fields(f"the publication of {committee}'s agenda", {"late_reason": reason})
    store = desk.store
    with store.transaction():
        record = _record(desk, committee, date)
        m = record.meeting
        current = record.publication()
        refusal = publish_refusal(m, current, on, today)
        if refusal:
            raise MeetingError(refusal)
        if current.published_on is None:
            publication = publication_for(date, on, reason)
            store.set_publication(m.committee, date, on, publication.late,
                                  publication.late_reason, desk.user)
            if record.recorded is None:
                _record_membership(desk, m.committee, date, None, None, None, True)
            audit.record(store, "meeting", _label(m.committee, date), "publish_agenda",
                         {"published_on": None, "late": bool(record.published_late),
                          "late_reason": m.late_reason},
                         {"published_on": on.isoformat(),
                          "deadline": publication.deadline.isoformat(),
                          "late": publication.late, "late_reason": publication.late_reason},
                         desk.user)
            done = Published(m.committee, date, publication)
        else:
            published = current.published_on
            if on != published or not reason:
                raise MeetingError(
                    f"{agenda_words(m.committee, date)}, was already published on"
                    f" {day(published)}, after the deadline of {day(current.deadline)}, with"
                    " no reason recorded: to record the reason, give it with the date it was"
                    f" published ({published.isoformat()})")
            store.set_publication(m.committee, date, published, True, reason, None)
            audit.record(store, "meeting", _label(m.committee, date), "record_late_reason",
                         {"published_on": published.isoformat(), "late_reason": None},
                         {"published_on": published.isoformat(), "late": True,
                          "late_reason": reason}, desk.user)
            done = Published(m.committee, date,
                             Publication(current.deadline, published, True, reason), True)
    return Done(done.message, meeting_changed(m.committee, date), done)


# --- what the agenda's members and papers are ----------------------------------------------------


def paper_pages(desk: Desk, paper: Paper) -> int | None:
    """How many pages a stored paper has (None when it cannot be read)."""
    if paper.content is None:
        return None
    try:
        return desk.documents.check_paper(paper.content, paper.path).pages
    except UserError:
        return None


# --- what an agenda item may be about ---------------------------------------------------------


@dataclass(frozen=True)
class Offered:
    """Decisions offered for an agenda item, as one group: what the group is, why it is
    offered, and the decisions (number and title, in the order to offer them)."""

    label: str
    why: str
    decisions: tuple[tuple[str, str], ...]


def decisions_to_offer(desk: Desk, committee: str, date: dt.date) -> list[Offered]:
    """The decisions an item of the meeting's agenda may be about, in three groups: those
    still to be taken (the committee considers them before the decision-maker takes them),
    those already taken (reported to it, as under "Decisions Taken Outside of the Cabinet
    Committee Cycle"), newest first, and those withdrawn. :func:`add_item` takes any
    decision in the register, from the window and from ``meeting add-item`` alike: the
    groups only order the choice. Those already on this meeting's agenda are left out."""
    details = meeting(desk, committee, date, content=False)
    on_agenda = set(decision_numbers(details.meeting.items))
    rows = [s for s in desk.store.summaries(DecisionFilter(), "number", False, None, 0)
            if s.number not in on_agenda]
    taken = sorted((s for s in rows if s.status in TAKEN_STATUSES),
                   key=lambda s: (s.taken_on or "", s.number), reverse=True)

    def pairs(summaries) -> tuple[tuple[str, str], ...]:
        return tuple((s.number, s.title) for s in summaries)

    left_out = (" (those already on this agenda are left out)" if on_agenda else "")
    return [
        Offered("Still to be taken", "decisions not yet taken: the committee considers a"
                " decision before the decision-maker takes it" + left_out,
                pairs(s for s in rows if s.status in BEFORE_TAKEN)),
        Offered("Taken", "decisions already taken, newest first: reported to the committee"
                " after they were taken, as under Decisions Taken Outside of the Cabinet"
                " Committee Cycle" + left_out, pairs(taken)),
        Offered("Withdrawn", "decisions withdrawn before they were taken" + left_out,
                pairs(s for s in rows if s.status == "withdrawn")),
    ]


# --- the agenda and the decision: one fact ------------------------------------------------------


def send_to_committee(desk: Desk, number: str, committee: str, date: dt.date,
                      expected_version: int | None = None) -> Done[Any]:
    """Decision ``number`` goes to ``committee`` on ``date`` (the Decision screen's
    Committee tab): if that committee has a meeting that day, the decision goes on its
    agenda as an item of business (as Add item… does, which records the same), otherwise
    only the decision records it. The value is the decision as it now is."""
    with desk.store.transaction():
        d = decisions.decision(desk, number)
        found = desk.store.meeting(committee, date, content=False)
        stale = expected_version is not None and d.version != expected_version
        if stale or found is None or number in decision_numbers(found.meeting.items):
            # A stale copy is refused there, saying who changed what.
            return decisions.transition(desk, number, "send_to_committee", expected_version,
                                        committee=committee, on=date)
        added = add_item(desk, committee, date, decision=number)
    return Done(added.message, added.changes | decisions_changed(number),
                decisions.decision(desk, number))


def record_outcome(desk: Desk, committee: str, date: dt.date, item: int | str,
                   outcome: str, recommendations: str | None = None) -> Done[Any]:
    """The committee's outcome for the decision an item of its agenda considers: the same
    act as recording it on the Decision screen (``transition(record_outcome)``), kept once,
    on the decision. The value is the decision as it now is."""
    found = _find(_record(desk, committee, date).meeting.items, item,
                  _label(committee, date))
    number = found.item.decision
    if not number:
        raise MeetingError(f"item {found.number} of {_label(committee, date)}"
                           f" ({found.item.title}) is not about a decision: an outcome is"
                           " recorded for a decision's item")
    done = decisions.transition(desk, number, "record_outcome", committee=committee,
                                on=date, outcome=outcome, recommendations=recommendations)
    return Done(f"Recorded the outcome of item {found.number} of"
                f" {agenda_words(committee, date)} on {number}:"
                f" {outcome.replace('_', ' ')}.",
                done.changes | meeting_changed(committee, date), done.value)


def next_meeting_date(desk: Desk, committee: str, after: dt.date) -> dt.date | None:
    """The committee's first meeting on or after ``after`` (None if none is made): the date
    the Decision screen's Committee tab offers."""
    if not committee:
        return None
    return min((d for d in desk.store.meeting_dates(committee) if d >= after), default=None)


def set_paper_title(desk: Desk, committee: str, date: dt.date, item: int | str,
                    paper: int | str, title: str | None) -> Done[None]:
    """Give one of the item's papers (its position from 1, or its file name) a title: the
    pack's bookmark and the Meetings screen show it instead of the file's name (an empty
    title goes back to the file's name)."""
    title = _text(title)
    store = desk.store
    with store.transaction():
        m, label, found, index = _paper_in(desk, committee, date, item, paper)
        was = found.item.papers[index]
        if was.title == title:
            return Done(f"Paper {index + 1} of item {found.number} already has that title.")
        found.item.papers[index] = replace(was, title=title)
        store.save_agenda(m.committee, date, m.items)
        audit.record(store, "meeting", label, "set_paper_title",
                     {"item": found.number, "paper": was.path, "title": was.title},
                     {"item": found.number, "paper": was.path, "title": title}, desk.user)
    named = f"titled {title!r}" if title else f"shown by its file name ({was.path})"
    return Done(f"Paper {index + 1} of item {found.number} of"
                f" {agenda_words(m.committee, date)} is {named}."
                + republish_note(m.published_on), meeting_changed(m.committee, date))
