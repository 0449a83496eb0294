"""A committee's Work Programme (issue 15): the paper each meeting notes as its standing
item. Built from the register: the committee's standing items and its regular items (the
months it receives them), each future meeting with its items (its agenda where it has
items of business, otherwise its standing items with the decisions planned for it and
the regular items due that month between them), and the items suggested but not yet
allocated, with who suggested them and when.

Suggested and regular items are kept in the settings, one JSON list a committee (as the
Forward Plan's publications are), each change audited against the committee. A
suggestion counts as allocated once an item of the same title is on one of the
committee's agendas.

What a public paper may not show: an exempt item (or one about an exempt decision) is
shown by its decision's number and title only where the Forward Plan would list it (a
key decision), otherwise as an exempt item with its Schedule 12A paragraph.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from governance import audit, text
from governance.agenda import MeetingError, day
from governance.committees import committee
from governance.desk import Desk, Done, committee_changed
from governance.errors import UserError
from governance.files import atomic_write
from governance.interchange import regular_item_to_dict, suggestion_to_dict
from governance.meetings import attach_papers, remove_paper, standing_items
from governance.model import AgendaItem, Decision, Meeting
from governance.programme import (
    ProgrammeItem,
    ProgrammeMeeting,
    RegularItem,
    Suggestion,
    WorkProgramme,
)

FORMATS = ("pdf", "docx")
SUGGESTED_SETTING = "work_programme.suggested:"
REGULAR_SETTING = "work_programme.regular:"
#: What the programme attached to a meeting said (a digest), by committee and date: it is
#: made again when the meeting's pack is built only if that has changed.
ATTACHED_SETTING = "work_programme.attached:"
#: The month a committee's year starts: the cycle after the annual meeting in May runs to
#: the next May (Kent's 2023/24 programme receives its dashboard "Sep 23 ... May 24").
YEAR_STARTS = 6
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | \
          {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | \
          {"sept": 9}
_CLOSED = ("withdrawn",)


class WorkProgrammeError(UserError):
    """A work programme, suggestion or regular item the register refuses, saying why."""


def _title(value: str | None, what: str) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise WorkProgrammeError(f"give the {what}'s title (--title)")
    text.check(f"the {what}'s title", title)
    return title


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def year_words(first: int) -> str:
    return f"{first}/{(first + 1) % 100:02d}"


def programme_year(on: dt.date) -> int:
    """The first calendar year of the committee year ``on`` falls in."""
    return on.year if on.month >= YEAR_STARTS else on.year - 1


# --- suggested items ------------------------------------------------------------------------


def suggestions(desk: Desk, name: str) -> list[Suggestion]:
    raw = json.loads(desk.store.setting(SUGGESTED_SETTING + name) or "[]")
    return [Suggestion(s["title"], s.get("by"), dt.date.fromisoformat(s["on"])) for s in raw]


#: A suggestion as the settings keep it (as the interchange carries it).
_suggestion_json = suggestion_to_dict


def suggest(desk: Desk, name: str, title: str, by: str | None,
            on: dt.date | None = None) -> Done[Suggestion]:
    """``committee suggest``: an item suggested for the committee's work programme, by whom
    (a Member, or None: "the committee") and when (default today)."""
    title = _title(title, "suggested item")
    by = " ".join((by or "").split()) or None
    if by is not None:
        text.check("who suggested it", by, name=True)
    on = on or desk.today()
    if on > desk.today():
        raise WorkProgrammeError(f"{day(on)} is in the future: record a suggestion on or"
                                 " after the day it was made")
    with desk.store.transaction():
        committee(desk, name)
        kept = suggestions(desk, name)
        if any(_same(s.title, title) for s in kept):
            raise WorkProgrammeError(f"{title!r} is already suggested for {name}'s work"
                                     " programme")
        made = Suggestion(title, by, on)
        _keep(desk, SUGGESTED_SETTING, name, [_suggestion_json(s) for s in [*kept, made]])
        audit.record(desk.store, "committee", name, "suggest_item", None,
                     _suggestion_json(made), desk.user)
    who = f" by {by}" if by else ""
    return Done(f"Suggested {title!r} for {name}'s work programme{who} on {day(on)}.",
                committee_changed(name), made)


def _keep(desk: Desk, setting: str, name: str, rows: Sequence[dict[str, Any]]) -> None:
    desk.store.set_setting(setting + name,
                           json.dumps(list(rows), ensure_ascii=False) if rows else None)


def _take_off(desk: Desk, name: str, title: str, setting: str,
              load: Callable[[Desk, str], Sequence[Any]], row: Callable[[Any], dict],
              action: str, missing: str) -> Any:
    """Take the item called ``title`` off one of the committee's lists, audited."""
    with desk.store.transaction():
        committee(desk, name)
        kept = load(desk, name)
        gone = next((k for k in kept if _same(k.title, title)), None)
        if gone is None:
            raise WorkProgrammeError(missing)
        _keep(desk, setting, name, [row(k) for k in kept if k is not gone])
        audit.record(desk.store, "committee", name, action, row(gone), None, desk.user)
    return gone


def remove_suggestion(desk: Desk, name: str, title: str) -> Done[None]:
    """``committee suggest --remove``: take a suggested item off the list."""
    title = _title(title, "suggested item")
    gone = _take_off(desk, name, title, SUGGESTED_SETTING, suggestions,
                     _suggestion_json, "remove_suggested_item",
                     f"{title!r} is not suggested for {name}'s work programme")
    return Done(f"Took {gone.title!r} off {name}'s suggested items.",
                committee_changed(name))


# --- regular items --------------------------------------------------------------------------


def parse_months(value: str | Sequence[str]) -> tuple[int, ...]:
    """``Sep,Nov,Mar,May`` (or full names) as month numbers, in the order given."""
    words = value.split(",") if isinstance(value, str) else list(value)
    months: list[int] = []
    for word in (w.strip().rstrip(".") for w in words):
        if not word:
            continue
        month = _MONTHS.get(word.lower())
        if month is None:
            raise WorkProgrammeError(f"{word!r} is not a month (write them as Sep,Nov,Mar,May)")
        if month in months:
            raise WorkProgrammeError(f"{calendar.month_name[month]} is given twice")
        months.append(month)
    if not months:
        raise WorkProgrammeError("give the months the committee receives the item"
                                 " (--months Sep,Nov,Mar,May)")
    return tuple(months)


def regular_items(desk: Desk, name: str) -> list[RegularItem]:
    raw = json.loads(desk.store.setting(REGULAR_SETTING + name) or "[]")
    return [RegularItem(r["title"], tuple(r["months"])) for r in raw]


#: A regular item as the settings keep it (as the interchange carries it).
_regular_json = regular_item_to_dict


def month_words(months: Sequence[int]) -> str:
    """``in Sep, Nov, Mar, May``; ``every November``."""
    if len(months) == 1:
        return f"every {calendar.month_name[months[0]]}"
    return "in " + ", ".join(calendar.month_abbr[m] for m in months)


def set_regular_item(desk: Desk, name: str, title: str,
                     months: str | Sequence[str]) -> Done[RegularItem]:
    """``committee regular-item``: an item the committee receives in the given months
    (one month: once a year); giving a regular item's title again changes its months."""
    title = _title(title, "regular item")
    made = RegularItem(title, parse_months(months))
    with desk.store.transaction():
        committee(desk, name)
        kept = regular_items(desk, name)
        before = next((r for r in kept if _same(r.title, title)), None)
        after = [made if r is before else r for r in kept] if before else [*kept, made]
        _keep(desk, REGULAR_SETTING, name, [_regular_json(r) for r in after])
        audit.record(desk.store, "committee", name, "set_regular_item",
                     _regular_json(before) if before else None, _regular_json(made),
                     desk.user)
    return Done(f"{name} receives {title!r} {month_words(made.months)}.",
                committee_changed(name), made)


def remove_regular_item(desk: Desk, name: str, title: str) -> Done[None]:
    """``committee regular-item --remove``."""
    title = _title(title, "regular item")
    gone = _take_off(desk, name, title, REGULAR_SETTING, regular_items,
                     _regular_json, "remove_regular_item",
                     f"{title!r} is not one of {name}'s regular items")
    return Done(f"{name} no longer receives {gone.title!r} as a regular item.",
                committee_changed(name))


def keep_lists(desk: Desk, name: str, regular: Sequence[RegularItem],
               suggested: Sequence[Suggestion]) -> None:
    """Keep ``regular`` and ``suggested`` as the committee's lists (an import's)."""
    _keep(desk, REGULAR_SETTING, name, [_regular_json(r) for r in regular])
    _keep(desk, SUGGESTED_SETTING, name, [_suggestion_json(x) for x in suggested])


# --- the programme --------------------------------------------------------------------------


def _agenda_item(number: str, item: AgendaItem, found: dict[str, Decision]
                 ) -> ProgrammeItem:
    """An agenda item as a public paper may show it: one about a decision with the
    decision's number before its title (as the agenda prints it); an exempt one by its
    decision's number and title only where the Forward Plan lists it (a key decision)."""
    d = found.get(item.decision or "")
    if d is None:
        if item.exempt_paragraph is not None:
            return ProgrammeItem(number, _exempt(item.exempt_paragraph), "agenda")
        return ProgrammeItem(number, item.title, "standing" if item.standing else "agenda")
    paragraph = item.exempt_paragraph if item.exempt_paragraph is not None \
        else d.exempt_paragraph
    if paragraph is None:
        title = item.title if item.title.startswith(d.number) else \
            f"{d.number} - {item.title}"
    elif d.key_decision:
        title = f"{d.number} - {d.title}"
    else:
        return ProgrammeItem(number, _exempt(paragraph), "agenda")
    return ProgrammeItem(number, title, "decision", d.key_decision)


def _taken_up(shown: ProgrammeItem, item: AgendaItem, suggested: list[Suggestion]
              ) -> ProgrammeItem:
    """``shown`` with the suggestion the agenda item takes up (by its title), if any."""
    if shown.kind == "standing":
        return shown
    taken = next((s for s in suggested if _same(s.title, item.title)), None)
    return dataclasses.replace(shown, suggestion=taken) if taken else shown


def _exempt(paragraph: int) -> str:
    return f"Exempt item (paragraph {paragraph} of Schedule 12A)"


def _decision_item(d: Decision) -> tuple[str, str, bool]:
    if d.exempt_paragraph is not None and not d.key_decision:
        return _exempt(d.exempt_paragraph), "agenda", False
    return f"{d.number} - {d.title}", "decision", d.key_decision


def _numbered(rows: Sequence[tuple[str, str, bool]]) -> tuple[ProgrammeItem, ...]:
    return tuple(ProgrammeItem(str(i), t, kind, key)
                 for i, (t, kind, key) in enumerate(rows, start=1))


def _meeting(desk: Desk, m: Meeting, planned: list[Decision], regular: list[RegularItem],
             found: dict[str, Decision], suggested: list[Suggestion]) -> ProgrammeMeeting:
    if any(not i.standing for i in m.items):
        items = tuple(_taken_up(_agenda_item(str(n), i, found), i, suggested)
                      for n, i in enumerate(m.items, start=1))
        return ProgrammeMeeting(m.date, m.time, items, True)
    template = standing_items(desk, m.committee)
    start = [_standing_title(s.title) for s in template.start]
    end = [_standing_title(s.title) for s in template.end]
    if m.items:  # the agenda's standing items as made (its closing ones after the rest)
        titles = [_standing_title(i.title) for i in m.items]
        start, end = titles[:len(titles) - len(end)], titles[len(titles) - len(end):]
    on_agenda = {i.decision for i in m.items if i.decision}
    business = [_decision_item(d) for d in planned if d.number not in on_agenda]
    business += [(r.title, "regular", False) for r in regular if m.date.month in r.months]
    rows = [(t, "standing", False) for t in start] + business + \
        [(t, "standing", False) for t in end]
    return ProgrammeMeeting(m.date, m.time, _numbered(rows), False)


def _standing_title(title: str) -> str:
    """"Minutes of the meeting held on 22 January 2024" is "Minutes" on the programme."""
    return "Minutes" if title.lower().startswith("minutes of the") else title


def work_programme(desk: Desk, name: str, start: dt.date | None = None) -> WorkProgramme:
    """The committee's work programme: its meetings from ``start`` (default today)."""
    committee(desk, name)
    start = start or desk.today()
    template = standing_items(desk, name)
    regular = regular_items(desk, name)
    suggested = suggestions(desk, name)
    meetings = [m for m in desk.store.meetings(name) if m.date >= start]
    decisions = [d for d in desk.store.decisions() if d.status not in _CLOSED]
    found = {d.number: d for d in decisions}
    rows = []
    for m in meetings:
        planned = sorted((d for d in decisions if not d.is_taken and any(
            c.committee == name and c.date == m.date for c in d.committee_considerations)),
            key=lambda d: d.number)
        rows.append(_meeting(desk, m, planned, regular, found, suggested))
    titles = [i.title for m in desk.store.meetings(name) for i in m.items]
    unallocated = tuple(s for s in suggested if not any(_same(s.title, t) for t in titles))
    standing = tuple(dict.fromkeys(
        _standing_title(s.title) for s in [*template.start, *template.end]))
    first = programme_year(start)
    return WorkProgramme(name, year_words(first), first, desk.today(), standing,
                         tuple(regular), tuple(rows), unallocated)


def render(desk: Desk, name: str, fmt: str, start: dt.date | None = None) -> bytes:
    return _rendered(desk, name, fmt, start)[1]


def _rendered(desk: Desk, name: str, fmt: str, start: dt.date | None
              ) -> tuple[WorkProgramme, bytes]:
    if fmt not in FORMATS:
        raise WorkProgrammeError(f"a work programme is written as {', '.join(FORMATS)},"
                                 f" not {fmt!r}")
    programme = work_programme(desk, name, start)
    return programme, desk.documents.work_programme(programme, desk.store.council(), fmt)


def write(desk: Desk, name: str, fmt: str, output: Path,
          start: dt.date | None = None) -> Done[Path]:
    """``render work-programme``: the programme written atomically to ``output``."""
    programme, data = _rendered(desk, name, fmt, start)
    atomic_write(Path(output), data)
    count = len(programme.meetings)
    return Done(f"Wrote {name}'s Work Programme {programme.year} ({fmt.upper()},"
                f" {count} meeting{'s' if count != 1 else ''},"
                f" {len(programme.unallocated)} not yet allocated) to {output}.",
                value=Path(output))


def _file_name(date: dt.date) -> str:
    return f"work-programme-{date.isoformat()}.pdf"


def _digest(programme: WorkProgramme) -> str:
    """What the programme says (not the day it was made), as a digest."""
    said = dataclasses.replace(programme, updated_on=dt.date.min)
    return hashlib.sha256(repr(said).encode("utf-8")).hexdigest()


def attach(desk: Desk, name: str, date: dt.date, item: int | str) -> Done[Any]:
    """``meeting attach-work-programme``: the programme as it stands for the meeting (the
    committee's meetings after it) made and attached to item ``item`` of its agenda as its
    paper, in one step."""
    programme, data = _rendered(desk, name, "pdf", date + dt.timedelta(days=1))
    file_name = _file_name(date)
    with desk.store.transaction():
        desk.store.set_setting(f"{ATTACHED_SETTING}{name} {date.isoformat()}",
                               _digest(programme))
        try:  # made again: the new one takes the place of the one attached before
            remove_paper(desk, name, date, item, file_name)
            again = True
        except MeetingError:
            again = False
        done = attach_papers(desk, name, date, item, [(file_name, data)],
                             title=f"Work Programme {programme.year}")
    if not again:
        return done
    return Done(f"Took off the Work Programme attached before. {done.message}",
                done.changes, done.value, done.notes)


def rebuild(desk: Desk, name: str, date: dt.date) -> Done[Any] | None:
    """When the meeting's pack is built: the Work Programme attached to its agenda made
    again if what it says has changed since (None when nothing was done: none attached, the
    meeting is past, or the programme is as it was)."""
    if date < desk.today():
        return None
    found = desk.store.meeting(name, date, content=False)
    if found is None:
        return None
    item = next((str(n) for n, i in enumerate(found.meeting.items, start=1)
                 if any(p.path == _file_name(date) for p in i.papers)), None)
    if item is None:
        return None
    programme = work_programme(desk, name, date + dt.timedelta(days=1))
    if desk.store.setting(f"{ATTACHED_SETTING}{name} {date.isoformat()}") == \
            _digest(programme):
        return None
    done = attach(desk, name, date, item)
    return Done(f"Made the Work Programme on item {item} of the agenda again: it had changed"
                " since it was attached.", done.changes, done.value, done.notes)


__all__ = ["FORMATS", "WorkProgrammeError", "attach", "parse_months", "rebuild",
           "regular_items",
           "remove_regular_item", "remove_suggestion", "render", "set_regular_item",
           "suggest", "suggestions", "work_programme", "write"]
