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

from collections.abc import Mapping, Sequence
from typing import Any

from governance import audit, text
from governance.agenda import DEFAULT_STANDING_ITEMS, StandingItem, StandingTemplate
from governance.desk import Desk, Done, committee_changed
from governance.errors import UserError
from governance.meetings import standing_items
from governance.model import Committee, Member, Membership
from governance.vocab import ROLES


class CommitteeError(UserError):
    """A change to a committee that would leave it inconsistent, or names nothing known."""


#: Roles that fill a seat (a substitute does not).
SEATED = ("chairman", "vice_chairman", "member")
ROLE_WORDS = {"chairman": "Chairman", "vice_chairman": "Vice-Chairman", "member": "member",
              "substitute": "substitute"}


def committee(desk: Desk, name: str) -> Committee:
    """The committee called ``name``, or :class:`CommitteeError` naming those there are."""
    found = desk.store.committees()
    for c in found:
        if c.name == name:
            return c
    names = ", ".join(c.name for c in found) or "none"
    raise CommitteeError(f"there is no committee called {name!r} in the register"
                         f" (committees: {names})")


def members(desk: Desk) -> dict[str, Member]:
    return {m.name: m for m in sorted(desk.store.members(), key=lambda m: m.name)}


def membership_lines(desk: Desk, c: Committee) -> list[str]:
    """The committee's make-up as the front sheet prints it ("Membership (17)", then a
    line a party group, with the roles and "and N Vacancies")."""
    return desk.documents.membership_lines(c, members(desk), desk.store.council())


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


def _save(desk: Desk, before: Committee, after: Committee, action: str) -> None:
    desk.store.save_committee(after)
    audit.record(desk.store, "committee", after.name, action, _json(before), _json(after),
                 desk.user)


def _json(c: Committee) -> dict[str, Any]:
    return {"seats": c.seats, "party_seats": c.party_seats,
            "membership": [{"member": m.member, "role": m.role} for m in c.membership]}


def set_seats(desk: Desk, name: str, seats: int,
              party_seats: Mapping[str, int] | None) -> Done[Committee]:
    """The committee's seats and, if given, their allocation to party groups (which must
    add up to the seats); ``None`` leaves the seats unallocated."""
    if seats < 0:
        raise CommitteeError(f"seats must be 0 or more, not {seats}")
    text.check_fields(f"committee {name}", {"party_seats": party_seats})
    if party_seats is not None:
        for party, n in party_seats.items():
            if not party.strip() or n < 0:
                raise CommitteeError(f"party seats {party!r}={n}: give a party's name and"
                                     " 0 or more seats")
    with desk.store.transaction():
        before = committee(desk, name)
        after = Committee(before.name, before.kind, seats,
                          None if party_seats is None else dict(party_seats),
                          before.membership)
        _check(after, members(desk))
        _save(desk, before, after, "set_seats")
    said = f"{name} now has {seats} seats"
    if after.party_seats:
        said += ": " + ", ".join(f"{p} {n}" for p, n in after.party_seats.items())
    return Done(said + ".", committee_changed(name), after)


def add_member(desk: Desk, name: str, member: str, role: str = "member", *,
               party: str | None = None, honours: str | None = None) -> Done[Committee]:
    """Seat ``member`` on the committee with ``role`` (or change their role). A member not
    yet in the register is added with ``party``. A new Chairman or Vice-Chairman takes the
    role from whoever held it, who stays on as a member; the message says so."""
    if role not in ROLES:
        raise CommitteeError(f"role {role!r} is not one of {', '.join(ROLES)}")
    member = " ".join(member.split())
    if not member:
        raise CommitteeError("give the member's name as the papers print it, e.g. Mr A M"
                             " Ridgers")
    with desk.store.transaction():
        before = committee(desk, name)
        known = members(desk)
        new_member = member not in known
        if new_member:
            text.check_fields(f"the new member {member!r}",
                              {"name": member, "party": party, "honours": honours})
        elif party:
            text.check_fields(f"member {member}", {"party": party})
        if new_member and not party:
            raise CommitteeError(f"{member!r} is not in the register: give their party to"
                                 " add them, or check the spelling")
        give_party = not new_member and party and known[member].party is None
        if not new_member and party and known[member].party not in (None, party):
            raise CommitteeError(f"{member} is recorded as {known[member].party}, not"
                                 f" {party}")
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
            # A new Chairman heads the list and a new Vice-Chairman follows the Chairman,
            # as the papers print them; anyone else joins at the end.
            at = {"chairman": 0, "vice_chairman": 1 if membership and membership[0].role
                  == "chairman" else 0}.get(role, len(membership))
            membership.insert(at, Membership(member, role))
        after = Committee(before.name, before.kind, before.seats, before.party_seats,
                          membership)
        if new_member or give_party:
            old = known.get(member)
            known = {**known, member: Member(member, party, honours or (old and old.honours))}
        _check(after, known)
        if new_member:
            desk.store.add_member(known[member])
        elif give_party:  # a member the register knew without a party: now recorded
            desk.store.update_member(Member(member, party, old.honours if old else None))
        if new_member or give_party:
            audit.record(desk.store, "member", member, "add_member" if new_member
                         else "set_party", None if new_member else old.__dict__,
                         known[member].__dict__, desk.user)
        _save(desk, before, after, "add_member" if was is None else "set_role")
    if was is None:
        said = f"{member} now sits on {name} as {ROLE_WORDS[role]}"
    elif was == role:
        said = f"{member} is already {ROLE_WORDS[role]} of {name}"
    else:
        said = f"{member} is now {ROLE_WORDS[role]} of {name} (was {ROLE_WORDS[was]})"
    return Done("; ".join([said, *notes]) + ".", committee_changed(name), after)


def remove_member(desk: Desk, name: str, member: str) -> Done[Committee]:
    with desk.store.transaction():
        before = committee(desk, name)
        if member not in {m.member for m in before.membership}:
            on = ", ".join(m.member for m in before.membership) or "nobody"
            raise CommitteeError(f"{member!r} does not sit on {name} (members: {on})")
        after = Committee(before.name, before.kind, before.seats, before.party_seats,
                          [m for m in before.membership if m.member != member])
        _check(after, members(desk))
        _save(desk, before, after, "remove_member")
    return Done(f"{member} no longer sits on {name}.", committee_changed(name), after)


def set_standing(desk: Desk, name: str, start: Sequence[str | StandingItem],
                 end: Sequence[str | StandingItem]) -> Done[StandingTemplate]:
    """The committee's standing items: ``start`` open each new agenda, ``end`` close it
    (before any exempt items). An item given by its title alone keeps the description it
    has now (or the usual one: "To receive apologies for absence ...")."""
    with desk.store.transaction():
        committee(desk, name)
        current = standing_items(desk, name)
        known = {i.title: i for i in (*DEFAULT_STANDING_ITEMS.start,
                                      *DEFAULT_STANDING_ITEMS.end, *current.start,
                                      *current.end)}

        def items(given: Sequence[str | StandingItem], placement: str
                  ) -> tuple[StandingItem, ...]:
            out = []
            for pos, g in enumerate(given):
                item = g if isinstance(g, StandingItem) else known.get(g.strip(),
                                                                     StandingItem(g))
                if not item.title.strip():
                    raise CommitteeError(f"standing item {pos + 1} ({placement}) has no"
                                         " title")
                out.append(StandingItem(item.title.strip(), item.description))
            return tuple(out)

        template = StandingTemplate(items(start, "start"), items(end, "end"), True)
        text.check_fields(f"{name}'s standing items", {"opening": template.start,
                                                       "closing": template.end})
        if not (template.start or template.end):
            raise CommitteeError(
                f"{name}'s agendas need at least one standing item (Apologies and"
                " Substitutes, Declarations of Interest ...): give the items they open or"
                " close with")
        desk.store.set_standing_items(name, template)
        audit.record(desk.store, "committee", name, "set_standing_items",
                     {"start": [i.title for i in current.start],
                      "end": [i.title for i in current.end]} if current.recorded else None,
                     {"start": [i.title for i in template.start],
                      "end": [i.title for i in template.end]}, desk.user)
    return Done(f"{name}'s standing items: {len(template.start)} opening,"
                f" {len(template.end)} closing; new agendas are made with them.",
                committee_changed(name), template)
