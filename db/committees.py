"""A committee's make-up: its seats and their allocation to party groups, its members
with their roles (Chairman, Vice-Chairman), and its standing agenda items. What the
front sheet's "Membership (17)" block and every new agenda are made from.

Each change is one transaction with an audit row, and is checked as a whole before it
is kept: party seats that do not add up to the seats, more members than seats (or than
a party has seats), a second Chairman, are refused with what is wrong and nothing
changed. Agendas already published keep the membership they printed (it is recorded
with the meeting when the agenda is published).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlite_utils import Database

from db import store
from db.meetings import (
    DEFAULT_STANDING_ITEMS,
    MeetingError,
    StandingItem,
    set_standing_items,
    standing_items,
)
from governance.errors import UserError
from governance.model import Committee, Member, Membership
from governance.vocab import ROLES


class CommitteeError(UserError):
    """A change to a committee that would leave it inconsistent, or names nothing known."""


#: Roles that fill a seat (a substitute does not).
SEATED = ("chairman", "vice_chairman", "member")
ROLE_WORDS = {"chairman": "Chairman", "vice_chairman": "Vice-Chairman", "member": "member",
              "substitute": "substitute"}


def _rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query(sql, params)]


def committee(register: Any, name: str) -> Committee:
    """The committee called ``name``, or :class:`CommitteeError` naming those there are."""
    for c in register.committees():
        if c.name == name:
            return c
    names = ", ".join(c.name for c in register.committees()) or "none"
    raise CommitteeError(f"there is no committee called {name!r} in the register"
                         f" (committees: {names})")


def members(register: Any) -> dict[str, Member]:
    return {r["name"]: Member(r["name"], r["party"], r["honours"])
            for r in _rows(register.db, "SELECT * FROM members ORDER BY name")}


def _check(c: Committee, known: Mapping[str, Member]) -> None:
    """Refuse a make-up that does not add up (the rules :func:`check` reports on an
    imported register, enforced here because this is a clerk's change being made)."""
    seated = [m for m in c.membership if m.role in SEATED]
    for role in ("chairman", "vice_chairman"):
        holders = [m.member for m in c.membership if m.role == role]
        if len(holders) > 1:
            raise CommitteeError(f"{c.name} would have {len(holders)} {ROLE_WORDS[role]}s"
                                 f" ({' and '.join(holders)}); a committee has one")
    if c.party_seats is not None:
        total = sum(c.party_seats.values())
        if c.seats is not None and total != c.seats:
            shares = ", ".join(f"{p} {n}" for p, n in c.party_seats.items())
            raise CommitteeError(f"the party seats add up to {total} ({shares}) but"
                                 f" {c.name} has {c.seats} seats")
    if c.seats is not None and len(seated) > c.seats:
        raise CommitteeError(f"{c.name} has {c.seats} seats and {len(seated)} members would"
                             " sit on it; remove a member first, or add seats")
    if c.party_seats is not None:
        for party, seats in c.party_seats.items():
            count = sum(1 for m in seated if known[m.member].party == party)
            if count > seats:
                raise CommitteeError(f"{party} has {seats} seat{'s' if seats != 1 else ''}"
                                     f" on {c.name} and {count} members would sit in them")
        for m in seated:
            party = known[m.member].party
            if party not in c.party_seats:
                raise CommitteeError(f"{m.member} ({party or 'no party recorded'}) cannot sit"
                                     f" on {c.name}: {party or 'the member'} has no seats there"
                                     f" (seats: {', '.join(c.party_seats)})")


def _save(register: Any, before: Committee, after: Committee, action: str) -> None:
    db: Database = register.db
    known = members(register)
    _check(after, known)
    with store.write_transaction(db):
        cid = db.execute("SELECT id FROM committees WHERE name = ?", [after.name]).fetchone()[0]
        db.execute("UPDATE committees SET seats = ?, party_seats = ? WHERE id = ?",
                   [after.seats, None if after.party_seats is None
                    else json.dumps(after.party_seats, ensure_ascii=False), cid])
        db.execute("DELETE FROM memberships WHERE committee_id = ?", [cid])
        ids = {r["name"]: r["id"] for r in _rows(db, "SELECT id, name FROM members")}
        for position, m in enumerate(after.membership):
            db.execute("INSERT INTO memberships (committee_id, member_id, role, position)"
                       " VALUES (?, ?, ?, ?)", [cid, ids[m.member], m.role, position])
        store.audit(db, "committee", after.name, action, _json(before), _json(after))


def _json(c: Committee) -> dict[str, Any]:
    return {"seats": c.seats, "party_seats": c.party_seats,
            "membership": [{"member": m.member, "role": m.role} for m in c.membership]}


def set_seats(register: Any, name: str, seats: int,
              party_seats: Mapping[str, int] | None) -> tuple[Committee, str]:
    """The committee's seats and, if given, their allocation to party groups (which must
    add up to the seats); ``None`` leaves the seats unallocated. Returns the committee
    and the sentence that says what changed (the window and the command say the same)."""
    if seats < 0:
        raise CommitteeError(f"seats must be 0 or more, not {seats}")
    if party_seats is not None:
        for party, n in party_seats.items():
            if not party.strip() or n < 0:
                raise CommitteeError(f"party seats {party!r}={n}: give a party's name and"
                                     " 0 or more seats")
    before = committee(register, name)
    after = Committee(before.name, before.kind, seats,
                      None if party_seats is None else dict(party_seats), before.membership)
    _save(register, before, after, "set_seats")
    said = f"{name} now has {seats} seats"
    if after.party_seats:
        said += ": " + ", ".join(f"{p} {n}" for p, n in after.party_seats.items())
    return after, said + "."


def add_member(register: Any, name: str, member: str, role: str = "member", *,
               party: str | None = None, honours: str | None = None) -> tuple[Committee, str]:
    """Seat ``member`` on the committee with ``role`` (or change their role). A member not
    yet in the register is added with ``party``. A new Chairman or Vice-Chairman takes the
    role from whoever held it, who stays on as a member; the message says so."""
    if role not in ROLES:
        raise CommitteeError(f"role {role!r} is not one of {', '.join(ROLES)}")
    member = " ".join(member.split())
    if not member:
        raise CommitteeError("give the member's name as the papers print it, e.g. Mr A M"
                             " Ridgers")
    before = committee(register, name)
    known = members(register)
    new_member = member not in known
    if new_member and not party:
        raise CommitteeError(f"{member!r} is not in the register: give their party to add"
                             " them, or check the spelling")
    give_party = not new_member and party and known[member].party is None
    if not new_member and party and known[member].party not in (None, party):
        raise CommitteeError(f"{member} is recorded as {known[member].party}, not {party}")
    notes: list[str] = []
    membership = []
    for m in before.membership:
        if m.member == member:
            m = Membership(member, role)  # a change of role keeps the member's place
        elif role in ("chairman", "vice_chairman") and m.role == role:
            notes.append(f"{m.member} is no longer {ROLE_WORDS[role]} (stays a member)")
            m = Membership(m.member, "member")
        membership.append(m)
    was = next((m.role for m in before.membership if m.member == member), None)
    if was is None:
        # A new Chairman heads the list and a new Vice-Chairman follows the Chairman, as
        # the papers print them; anyone else joins at the end.
        at = {"chairman": 0, "vice_chairman": 1 if membership and membership[0].role
              == "chairman" else 0}.get(role, len(membership))
        membership.insert(at, Membership(member, role))
    after = Committee(before.name, before.kind, before.seats, before.party_seats, membership)
    if new_member or give_party:
        old = known.get(member)
        known = {**known, member: Member(member, party, honours or (old and old.honours))}
        _check(after, known)
        with store.write_transaction(register.db):
            if new_member:
                register.db.execute("INSERT INTO members (name, party, honours)"
                                    " VALUES (?, ?, ?)", [member, party, honours])
            else:  # a member the register knew without a party: now recorded
                register.db.execute("UPDATE members SET party = ? WHERE name = ?",
                                    [party, member])
            store.audit(register.db, "member", member, "add_member" if new_member
                        else "set_party", None if new_member else old.__dict__,
                        known[member].__dict__)
            _save(register, before, after, "add_member" if was is None else "set_role")
    else:
        _save(register, before, after, "add_member" if was is None else "set_role")
    if was is None:
        said = f"{member} now sits on {name} as {ROLE_WORDS[role]}"
    elif was == role:
        said = f"{member} is already {ROLE_WORDS[role]} of {name}"
    else:
        said = f"{member} is now {ROLE_WORDS[role]} of {name} (was {ROLE_WORDS[was]})"
    return after, "; ".join([said, *notes])


def remove_member(register: Any, name: str, member: str) -> tuple[Committee, str]:
    before = committee(register, name)
    if member not in {m.member for m in before.membership}:
        on = ", ".join(m.member for m in before.membership) or "nobody"
        raise CommitteeError(f"{member!r} does not sit on {name} (members: {on})")
    after = Committee(before.name, before.kind, before.seats, before.party_seats,
                      [m for m in before.membership if m.member != member])
    _save(register, before, after, "remove_member")
    return after, f"{member} no longer sits on {name}."


def set_standing(register: Any, name: str, start: Sequence[str | StandingItem],
                 end: Sequence[str | StandingItem]) -> str:
    """The committee's standing items: ``start`` open each new agenda, ``end`` close it.
    An item given by its title alone keeps the description it has now (or the usual
    one: "To receive apologies for absence ..."). Returns the sentence that says so."""
    current = standing(register, name)
    known = {i.title: i for i in (*DEFAULT_STANDING_ITEMS.start, *DEFAULT_STANDING_ITEMS.end,
                                  *current.start, *current.end)}

    def items(given: Sequence[str | StandingItem]) -> list[StandingItem]:
        return [g if isinstance(g, StandingItem) else known.get(g.strip(), StandingItem(g))
                for g in given]

    opening, closing = items(start), items(end)
    try:
        set_standing_items(register, name, opening, closing)
    except MeetingError as exc:
        raise CommitteeError(str(exc)) from None
    return (f"{name}'s standing items: {len(opening)} opening, {len(closing)} closing; new"
            " agendas are made with them.")


def standing(register: Any, name: str):
    committee(register, name)
    return standing_items(register, name)
