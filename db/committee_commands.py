"""``committee``: a committee's seats, members and roles, and standing items, for scripts
and for a clerk without an import file.

    python main.py committee show --committee NAME [--json]
    python main.py committee seats --committee NAME --seats N [--party GROUP=N ...]
    python main.py committee member --committee NAME --member NAME [--role ROLE]
                                    [--party GROUP] [--honours TEXT]
    python main.py committee remove-member --committee NAME --member NAME
    python main.py committee standing-items --committee NAME [--start TITLE ...]
                                            [--end TITLE ...]
"""

from __future__ import annotations

import json
from typing import Any

from db import committees
from governance.model import Committee


def _party_seats(pairs: list[str] | None) -> dict[str, int] | None:
    if not pairs:
        return None
    out: dict[str, int] = {}
    for pair in pairs:
        party, eq, number = pair.rpartition("=")
        if not eq or not party.strip() or not number.strip().isdigit():
            raise committees.CommitteeError(f"--party {pair!r}: write GROUP=SEATS, e.g."
                                            " --party Conservative=12")
        if party.strip() in out:
            raise committees.CommitteeError(f"--party names {party.strip()} twice")
        out[party.strip()] = int(number)
    return out


def membership_lines(register: Any, c: Committee) -> list[str]:
    """The committee's make-up as the front sheet prints it ("Membership (17)", then a
    line a party group, with the roles and "and N Vacancies")."""
    from templates.frontsheet import membership_groups
    from templates.style import house_style

    heading, groups = membership_groups(c, committees.members(register),
                                        house_style()["agenda"])
    return [heading, *(f"  {label} {names}" for label, names in groups)]


def cmd_committee(register: Any, args: Any) -> int:
    name = args.committee
    if args.what == "show":
        c = committees.committee(register, name)
        template = committees.standing(register, name)
        if args.json:
            print(json.dumps({
                "name": c.name, "kind": c.kind, "seats": c.seats,
                "party_seats": c.party_seats,
                "membership": [{"member": m.member, "role": m.role} for m in c.membership],
                "standing_items": {"start": [i.title for i in template.start],
                                   "end": [i.title for i in template.end],
                                   "recorded": template.recorded},
            }, indent=2, ensure_ascii=False))
            return 0
        print(c.name)
        for line in membership_lines(register, c):
            print(line)
        subs = [m.member for m in c.membership if m.role == "substitute"]
        if subs:
            print(f"  Substitutes: {', '.join(subs)}")
        source = "" if template.recorded else " (the usual set: none recorded for it)"
        print(f"Standing items{source}:")
        for where, items in (("opening", template.start), ("closing", template.end)):
            for item in items:
                print(f"  {where}: {item.title.replace('{previous_meeting}', '…')}")
        return 0
    if args.what == "seats":
        c, said = committees.set_seats(register, name, args.seats, _party_seats(args.party))
        print(said)
    elif args.what == "member":
        c, said = committees.add_member(register, name, args.member, args.role,
                                        party=args.party, honours=args.honours)
        print(said + ".")
    elif args.what == "remove-member":
        c, said = committees.remove_member(register, name, args.member)
        print(said)
    else:
        if not (args.start or args.end):
            raise committees.CommitteeError("give the opening items (--start TITLE ...)"
                                            " and/or the closing ones (--end TITLE ...)")
        print(committees.set_standing(register, name, args.start or [], args.end or []))
        return 0
    for line in membership_lines(register, c):
        print(line)
    return 0
