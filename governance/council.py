"""Setting a council up from nothing: its name and key decision threshold, its posts and
their holders, its members, its committees (with the clerk and the Proper Officer their
agendas name) and a municipal year's meeting dates in one go. What the window's Council
set-up dialog and the ``council``, ``post``, ``member``, ``committee new`` and ``meeting
schedule`` commands do.

Each change is one unit of work with its audit row, checked as a whole before anything is
kept (a list of dates with one bad date schedules nothing), and refused in one sentence.

A post keeps its history: when its holder changes, the previous holder's time in it ends
the day the new one's begins (``post_history``). Records already taken keep the name of
whoever signed them (it is frozen with the record); documents made afterwards name the
post's holder of the day.

The register remembers it was loaded with the demo (``exchange.DEMO_SETTING``) and the
window shows a banner while it was; setting the council's own name takes the mark off: the
register is the clerk's from then on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from governance import audit
from governance.agenda import MeetingDetails, day
from governance.calendar import agenda_publication_deadline
from governance.committees import CommitteeError, committee, members
from governance.committees import _check as check_make_up  # the seats-per-group rules
from governance.desk import EVERYTHING, Changes, Desk, Done, committee_changed, meeting_changed
from governance.errors import UserError
from governance.exchange import DEMO_SETTING
from governance.meetings import KEEP, create_meeting
from governance.model import Committee, Council, Member, Post
from governance.vocab import COMMITTEE_KINDS, TIME_RE


class SetUpError(UserError):
    """A change to the council's set-up that the register refuses, saying why."""


#: How a committee's kind is named to the clerk.
KIND_WORDS = {"cabinet_committee": "Cabinet Committee", "cabinet": "Cabinet",
              "scrutiny": "Scrutiny Committee", "council": "full Council", "other": "other"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,}[0-9]$")
_HISTORY = "post_history:"
_OFFICERS = "committee_officers:"


def _text(value: str | None) -> str | None:
    return " ".join((value or "").split()) or None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


# --- the demo mark ------------------------------------------------------------------------


def is_demo(desk: Desk) -> bool:
    """Whether the register holds the demo (loaded as such, and not since made the
    clerk's own by naming their council)."""
    return desk.store.setting(DEMO_SETTING) is not None


def needs_setting_up(desk: Desk) -> bool:
    """An empty register: nothing in it yet (the window offers the demo or setting up)."""
    return desk.store.is_empty() and desk.store.council() is None


# --- the council ------------------------------------------------------------------------------


def council(desk: Desk) -> Council | None:
    return desk.store.council()


def set_council(desk: Desk, name: Any = KEEP, key_decision_threshold: Any = KEEP
                ) -> Done[Council]:
    """The council's name (every document is headed with it) and its key decision
    threshold in pounds (None: none recorded). What is not given stays as it is."""
    if name is not KEEP:
        name = _text(name)
        if name is None:
            raise SetUpError("give the council's name as its documents print it, e.g. Kent"
                             " County Council")
    if key_decision_threshold is not KEEP and key_decision_threshold is not None:
        if isinstance(key_decision_threshold, bool) or not isinstance(
                key_decision_threshold, int) or key_decision_threshold <= 0:
            raise SetUpError(f"the key decision threshold is a sum in whole pounds above 0,"
                             f" not {key_decision_threshold!r}")
    with desk.store.transaction():
        before = desk.store.council()
        if before is None and name is KEEP:
            raise SetUpError("the register has no council yet: give its name first")
        after = Council(before.name if name is KEEP else name,
                        (before.key_decision_threshold_pounds if before else None)
                        if key_decision_threshold is KEEP else key_decision_threshold)
        was_demo = is_demo(desk)
        if after == before and not (was_demo and name is not KEEP):
            return Done("Nothing changed: the council already has that name and threshold.",
                        Changes(), after)
        desk.store.set_council(after)
        if name is not KEEP and was_demo:
            desk.store.set_setting(DEMO_SETTING, None)
        audit.record(desk.store, "council", "council", "set",
                     before.__dict__ if before else None,
                     after.__dict__ | ({"demo": False} if was_demo and name is not KEEP
                                       else {}), desk.user)
    threshold = after.key_decision_threshold_pounds
    said = f"The council is {after.name}; "
    said += (f"a key decision is one of more than £{threshold:,}" if threshold
             else "no key decision threshold is recorded")
    if was_demo and name is not KEEP:
        said += "; the register is no longer marked as the demo"
    return Done(said + ".", EVERYTHING, after)


# --- posts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """Someone's time in a post: from (None: before the register knew) to (None: now)."""

    holder: str
    held_from: dt.date | None
    held_to: dt.date | None

    def __str__(self) -> str:
        since = f"from {day(self.held_from)}" if self.held_from else "from before the register"
        until = f" to {day(self.held_to)}" if self.held_to else " (holds it now)"
        return f"{self.holder}, {since}{until}"


def _check_contact(title: str, phone: str | None, email: str | None) -> None:
    if phone is not None and not _PHONE.match(phone):
        raise SetUpError(f"{phone!r} is not a telephone number for {title} (digits and"
                         " spaces, e.g. 03000 416814)")
    if email is not None and not _EMAIL.match(email):
        raise SetUpError(f"{email!r} is not an e-mail address for {title} (e.g."
                         " name@council.gov.uk)")


def _post(desk: Desk, title: str) -> Post:
    found = desk.store.posts()
    for p in found:
        if p.title == title:
            return p
    titles = ", ".join(sorted(p.title for p in found)) or "none"
    raise SetUpError(f"there is no post called {title!r} in the register (posts: {titles})")


def post_history(desk: Desk, title: str) -> list[Holding]:
    """Who has held the post, earliest first (the holder now last)."""
    post = _post(desk, title)
    raw = desk.store.setting(_HISTORY + title)
    rows = json.loads(raw) if raw else []
    out = [Holding(r["holder"], dt.date.fromisoformat(r["from"]) if r["from"] else None,
                   dt.date.fromisoformat(r["to"]) if r["to"] else None) for r in rows]
    if not out and post.holder:
        out.append(Holding(post.holder, None, None))
    return out


def _save_history(desk: Desk, title: str, history: Sequence[Holding]) -> None:
    desk.store.set_setting(_HISTORY + title, json.dumps(
        [{"holder": h.holder, "from": h.held_from.isoformat() if h.held_from else None,
          "to": h.held_to.isoformat() if h.held_to else None} for h in history],
        ensure_ascii=False))


def add_post(desk: Desk, title: str, holder: str | None = None, phone: str | None = None,
             email: str | None = None) -> Done[Post]:
    """A post (``General Counsel``), with its holder, telephone and e-mail if known: the
    front sheet prints them for the clerk (Ask for) and the Proper Officer."""
    title, holder, phone, email = _text(title), _text(holder), _text(phone), _text(email)
    if title is None:
        raise SetUpError("give the post's title as the papers print it, e.g. General Counsel")
    _check_contact(title, phone, email)
    post = Post(title, holder, phone, email)
    with desk.store.transaction():
        if any(p.title == title for p in desk.store.posts()):
            raise SetUpError(f"there is a post called {title!r} already: change it with"
                             " post edit (Save post in the window)")
        desk.store.add_post(post)
        if holder:
            _save_history(desk, title, [Holding(holder, desk.today(), None)])
        audit.record(desk.store, "post", title, "add_post", None, post.__dict__, desk.user)
    held = f", held by {holder}" if holder else ", with no holder recorded yet"
    return Done(f"Added the post {title}{held}.", EVERYTHING, post)


def edit_post(desk: Desk, title: str, holder: Any = KEEP, phone: Any = KEEP,
              email: Any = KEEP, on: dt.date | None = None) -> Done[Post]:
    """Change a post's holder, telephone or e-mail (an empty text clears one). A new holder
    takes the post ``on`` that day (today if not given): the previous holder's time in it
    ends then, and the post keeps both."""
    title = _text(title) or ""
    with desk.store.transaction():
        before = _post(desk, title)
        after = Post(title, before.holder if holder is KEEP else _text(holder),
                     before.phone if phone is KEEP else _text(phone),
                     before.email if email is KEEP else _text(email))
        _check_contact(title, after.phone if phone is not KEEP else None,
                       after.email if email is not KEEP else None)
        if after == before:
            return Done(f"Nothing changed: {title} already has those details.", Changes(),
                        after)
        when = on or desk.today()
        notes: list[str] = []
        if after.holder != before.holder:
            if when > desk.today():
                raise SetUpError(f"record a new holder of {title} on the day they take the"
                                 f" post, not before ({day(when)} is still to come)")
            history = post_history(desk, title)
            current = history[-1] if history and history[-1].held_to is None else None
            if current is not None and current.held_from and when < current.held_from:
                raise SetUpError(f"{current.holder} has held {title} since"
                                 f" {day(current.held_from)}: a new holder takes it on or"
                                 " after that day")
            if current is not None:
                history[-1] = Holding(current.holder, current.held_from, when)
            if after.holder:
                history.append(Holding(after.holder, when, None))
            _save_history(desk, title, history)
            if before.holder:
                notes.append(f"{before.holder} held it until {day(when)}")
        desk.store.update_post(after)
        audit.record(desk.store, "post", title, "edit_post", before.__dict__,
                     after.__dict__ | ({"holder_from": when.isoformat()}
                                       if after.holder != before.holder else {}), desk.user)
    changed = [f"{word} {getattr(after, key) or 'none'}" for key, word in
               (("holder", "holder"), ("phone", "telephone"), ("email", "e-mail"))
               if getattr(after, key) != getattr(before, key)]
    if after.holder != before.holder and after.holder:
        changed[0] += f" from {day(when)}"
    return Done("; ".join([f"Changed {title}: {', '.join(changed)}", *notes]) + ".",
                EVERYTHING, after)


# --- members ----------------------------------------------------------------------------------


def add_member(desk: Desk, name: str, party: str | None = None,
               honours: str | None = None) -> Done[Member]:
    """A councillor, as the papers print them (``Mr A M Ridgers``), with their party group
    and any honours (``MBE``)."""
    name, party, honours = _text(name), _text(party), _text(honours)
    if name is None:
        raise SetUpError("give the member's name as the papers print it, e.g. Mr A M Ridgers")
    member = Member(name, party, honours)
    with desk.store.transaction():
        if name in members(desk):
            raise SetUpError(f"{name} is in the register already: change them with member"
                             " edit (Save member in the window)")
        desk.store.add_member(member)
        audit.record(desk.store, "member", name, "add_member", None, member.__dict__,
                     desk.user)
    group = f" ({party})" if party else " (no party group recorded)"
    return Done(f"Added the member {name}{group}.", EVERYTHING, member)


def edit_member(desk: Desk, name: str, party: Any = KEEP, honours: Any = KEEP
                ) -> Done[Member]:
    """Change a member's party group or honours (an empty text clears one); refused when a
    committee they sit on has no seats for their new group."""
    name = _text(name) or ""
    with desk.store.transaction():
        known = members(desk)
        if name not in known:
            raise SetUpError(f"{name!r} is not a member in the register (add them with"
                             " member add)")
        before = known[name]
        after = Member(name, before.party if party is KEEP else _text(party),
                       before.honours if honours is KEEP else _text(honours))
        if after == before:
            return Done(f"Nothing changed: {name} already has those details.", Changes(),
                        after)
        known = {**known, name: after}
        touched = Changes()
        for c in desk.store.committees():
            if any(m.member == name for m in c.membership):
                try:
                    check_make_up(c, known)
                except CommitteeError as exc:
                    raise SetUpError(f"{name} cannot change group: {exc}") from None
                touched = touched | committee_changed(c.name)
        desk.store.update_member(after)
        audit.record(desk.store, "member", name, "edit_member", before.__dict__,
                     after.__dict__, desk.user)
    changed = [f"{word} {getattr(after, key) or 'none'}" for key, word in
               (("party", "party group"), ("honours", "honours"))
               if getattr(after, key) != getattr(before, key)]
    return Done(f"Changed {name}: {', '.join(changed)}.", EVERYTHING, after)


# --- committees -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Officers:
    """Who a committee's agendas name: the clerk (Ask for: a post holder) and the Proper
    Officer (a post). What a meeting scheduled for it starts with."""

    clerk: str | None = None
    proper_officer: str | None = None


def committee_officers(desk: Desk, name: str) -> Officers:
    """The committee's clerk and Proper Officer as recorded for it; where none are, those of
    its latest meeting."""
    raw = desk.store.setting(_OFFICERS + name)
    if raw:
        data = json.loads(raw)
        return Officers(data.get("clerk"), data.get("proper_officer"))
    latest = desk.store.latest_meeting_details().get(name, {})
    return Officers(latest.get("clerk"), latest.get("proper_officer"))


def _check_officers(desk: Desk, clerk: str | None, proper_officer: str | None) -> None:
    posts = desk.store.posts()
    if clerk is not None:
        holders = sorted({p.holder for p in posts if p.holder})
        if clerk not in holders:
            raise SetUpError(f"the clerk (Ask for) is someone who holds a post in the register,"
                             f" and {clerk!r} holds none (post holders:"
                             f" {', '.join(holders) or 'none'}): add their post first")
    if proper_officer is not None:
        titles = sorted(p.title for p in posts)
        if proper_officer not in titles:
            raise SetUpError(f"the Proper Officer is a post, and {proper_officer!r} is not a"
                             f" post in the register (posts: {', '.join(titles) or 'none'})")


def _save_officers(desk: Desk, name: str, officers: Officers) -> None:
    desk.store.set_setting(_OFFICERS + name, json.dumps(
        {"clerk": officers.clerk, "proper_officer": officers.proper_officer},
        ensure_ascii=False))


def new_committee(desk: Desk, name: str, kind: str, seats: int | None = None,
                  clerk: str | None = None, proper_officer: str | None = None
                  ) -> Done[Committee]:
    """A committee of ``kind`` (cabinet_committee, cabinet, scrutiny, council, other), with
    its seats if known, and the clerk and Proper Officer its agendas name. Its members,
    their roles, the seats' allocation to groups and its standing items are set after
    (``committee member``, ``seats``, ``standing-items``; Membership… in the window)."""
    name, clerk, proper_officer = _text(name), _text(clerk), _text(proper_officer)
    if name is None:
        raise SetUpError("give the committee's name as its agendas print it, e.g. Adult Social"
                         " Care Cabinet Committee")
    if kind not in COMMITTEE_KINDS:
        raise SetUpError(f"{kind!r} is not a kind of committee (one of"
                         f" {', '.join(COMMITTEE_KINDS)})")
    if seats is not None and seats < 1:
        raise SetUpError(f"a committee has 1 seat or more, not {seats}")
    made = Committee(name, kind, seats)
    with desk.store.transaction():
        if any(c.name == name for c in desk.store.committees()):
            raise SetUpError(f"there is a committee called {name!r} already")
        _check_officers(desk, clerk, proper_officer)
        desk.store.add_committee(made)
        if clerk or proper_officer:
            _save_officers(desk, name, Officers(clerk, proper_officer))
        audit.record(desk.store, "committee", name, "new_committee", None,
                     {"kind": kind, "seats": seats, "clerk": clerk,
                      "proper_officer": proper_officer}, desk.user)
    said = f"Made the committee {name} ({KIND_WORDS[kind]}"
    said += f", {_plural(seats, 'seat')})" if seats else ")"
    said += "; seat its members and set its standing items next."
    return Done(said, committee_changed(name), made)


def set_committee_officers(desk: Desk, name: str, clerk: Any = KEEP,
                           proper_officer: Any = KEEP) -> Done[Officers]:
    """The clerk (a post holder) and the Proper Officer (a post) that the committee's new
    meetings name; an empty text clears one. Meetings already made keep theirs."""
    with desk.store.transaction():
        committee(desk, name)
        before = committee_officers(desk, name)
        after = Officers(before.clerk if clerk is KEEP else _text(clerk),
                         before.proper_officer if proper_officer is KEEP
                         else _text(proper_officer))
        if after == before:
            return Done(f"Nothing changed: {name} already has that clerk and Proper Officer.",
                        Changes(), after)
        _check_officers(desk, after.clerk, after.proper_officer)
        _save_officers(desk, name, after)
        audit.record(desk.store, "committee", name, "set_officers", before.__dict__,
                     after.__dict__, desk.user)
    return Done(f"{name}'s new meetings will name {after.clerk or 'no clerk'} (Ask for) and"
                f" {after.proper_officer or 'no Proper Officer'}.", committee_changed(name),
                after)


# --- a year's meetings ----------------------------------------------------------------------


def parse_dates(text: str, unchanged: str = "no meeting was scheduled") -> list[dt.date]:
    """``2027-05-20, 2027-07-15`` (commas, spaces or lines between): the dates, or a
    refusal naming the first that is not one (and saying ``unchanged``)."""
    out = []
    for word in re.split(r"[\s,;]+", text.strip()):
        if not word:
            continue
        try:
            out.append(dt.date.fromisoformat(word))
        except ValueError:
            raise SetUpError(f"{word!r} is not a date (YYYY-MM-DD, e.g. 2027-05-20);"
                             f" {unchanged}") from None
    return out


def schedule_meetings(desk: Desk, committee_name: str, dates: Sequence[dt.date],
                      time: str | None = None, venue: str | None = None
                      ) -> Done[list[MeetingDetails]]:
    """A meeting of the committee on each of ``dates`` (a municipal year's, in one go), at
    ``time`` in ``venue``, each with the committee's standing items, clerk and Proper
    Officer: all of them, or none when one cannot be made."""
    time = _text(time)
    if not dates:
        raise SetUpError("give the meetings' dates, e.g. 2027-05-20,2027-07-15")
    if time is not None and not TIME_RE.match(time):
        raise SetUpError(f"{time!r} is not a time (HH:MM, 24-hour); no meeting was scheduled")
    twice = sorted({d for d in dates if list(dates).count(d) > 1})
    if twice:
        raise SetUpError(f"{day(twice[0])} is given twice; no meeting was scheduled")
    ordered = sorted(dates)
    made: list[MeetingDetails] = []
    with desk.store.transaction():
        committee(desk, committee_name)
        taken = set(desk.store.meeting_dates(committee_name)) & set(ordered)
        if taken:
            first = min(taken)
            raise SetUpError(f"{committee_name} already has a meeting on {day(first)}; no"
                             " meeting was scheduled")
        officers = committee_officers(desk, committee_name)
        changes = Changes()
        for when in ordered:
            done = create_meeting(desk, committee_name, when, time=time, venue=venue,
                                  clerk=officers.clerk,
                                  proper_officer=officers.proper_officer)
            made.append(done.value)
            changes = changes | meeting_changed(committee_name, when)
    listed = ", ".join(day(d) for d in ordered)
    said = (f"Scheduled {_plural(len(ordered), 'meeting')} of {committee_name}: {listed};"
            f" the first agenda is to be published by"
            f" {day(agenda_publication_deadline(ordered[0]))}.")
    return Done(said, changes | committee_changed(committee_name), made)


def meeting_defaults(desk: Desk) -> dict[str, dict[str, Any]]:
    """Each committee's clerk, Proper Officer and notices for its next meeting: its latest
    meeting's, the clerk and Proper Officer recorded for the committee taking precedence
    (what New meeting… offers)."""
    out = {name: dict(found) for name, found in desk.store.latest_meeting_details().items()}
    for c in desk.store.committees():
        raw = desk.store.setting(_OFFICERS + c.name)
        if raw:
            data = json.loads(raw)
            out.setdefault(c.name, {"notices": []}).update(
                clerk=data.get("clerk"), proper_officer=data.get("proper_officer"))
    return out
