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

import argparse
import json
from typing import Any

from governance import committees, meetings
from governance.desk import Desk
from governance.model import Committee
from governance.vocab import ROLES
from ui.cli.common import CommandError, say
from ui.cli.setup_commands import add_committee_new


def add_commands(sub: Any) -> None:
    p = sub.add_parser("committee", help="a committee's seats, members and roles, standing"
                       " items")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    def committee_parser(name: str, text: str, handler: Any) -> argparse.ArgumentParser:
        q = what.add_parser(name, help=text)
        q.add_argument("--committee", required=True)
        q.set_defaults(handler=handler)
        return q

    q = committee_parser("show", "the membership as the front sheet prints it, and the"
                         " standing items", _show)
    q.add_argument("--json", action="store_true")
    q = committee_parser("seats", "the number of seats and their allocation to groups",
                         _seats)
    q.add_argument("--seats", type=int, required=True)
    q.add_argument("--party", action="append", metavar="GROUP=N",
                   help="a party group's seats (repeat for each); they must add up")
    q = committee_parser("member", "seat a member, or change a member's role", _member)
    q.add_argument("--member", required=True, metavar="NAME",
                   help="as the papers print it, e.g. 'Mr A M Ridgers'")
    q.add_argument("--role", choices=ROLES, default="member")
    q.add_argument("--party", metavar="GROUP", help="for a member not yet in the register")
    q.add_argument("--honours", metavar="TEXT", help="e.g. MBE (a new member)")
    q = committee_parser("remove-member", "take a member off the committee", _remove)
    q.add_argument("--member", required=True, metavar="NAME")
    q = committee_parser("standing-items", "the items that open and close each new agenda",
                         _standing)
    q.add_argument("--start", action="append", metavar="TITLE",
                   help="an opening item (repeat, in order)")
    q.add_argument("--end", action="append", metavar="TITLE",
                   help="a closing item (repeat, in order)")
    add_committee_new(what)


def _party_seats(pairs: list[str] | None) -> dict[str, int] | None:
    if not pairs:
        return None
    out: dict[str, int] = {}
    for pair in pairs:
        party, eq, number = pair.rpartition("=")
        if not eq or not party.strip() or not number.strip().isdigit():
            raise CommandError(f"--party {pair!r}: write GROUP=SEATS, e.g."
                               " --party Conservative=12")
        if party.strip() in out:
            raise CommandError(f"--party names {party.strip()} twice")
        out[party.strip()] = int(number)
    return out


def _membership(desk: Desk, c: Committee) -> None:
    for line in committees.membership_lines(desk, c):
        print(line)


def _show(desk: Desk, args: argparse.Namespace) -> int:
    name = args.committee
    c = committees.committee(desk, name)
    template = meetings.standing_items(desk, name)
    if args.json:
        print(json.dumps({
            "name": c.name, "kind": c.kind, "seats": c.seats, "party_seats": c.party_seats,
            "membership": [{"member": m.member, "role": m.role} for m in c.membership],
            "standing_items": {"start": [i.title for i in template.start],
                               "end": [i.title for i in template.end],
                               "recorded": template.recorded},
        }, indent=2, ensure_ascii=False))
        return 0
    print(c.name)
    _membership(desk, c)
    subs = [m.member for m in c.membership if m.role == "substitute"]
    if subs:
        print(f"  Substitutes: {', '.join(subs)}")
    source = "" if template.recorded else " (the usual set: none recorded for it)"
    print(f"Standing items{source}:")
    for where, items in (("opening", template.start), ("closing", template.end)):
        for item in items:
            print(f"  {where}: {item.title.replace('{previous_meeting}', '…')}")
    return 0


def _seats(desk: Desk, args: argparse.Namespace) -> int:
    done = committees.set_seats(desk, args.committee, args.seats, _party_seats(args.party))
    say(done)
    _membership(desk, done.value)
    return 0


def _member(desk: Desk, args: argparse.Namespace) -> int:
    done = committees.add_member(desk, args.committee, args.member, args.role,
                                 party=args.party, honours=args.honours)
    say(done)
    _membership(desk, done.value)
    return 0


def _remove(desk: Desk, args: argparse.Namespace) -> int:
    done = committees.remove_member(desk, args.committee, args.member)
    say(done)
    _membership(desk, done.value)
    return 0


def _standing(desk: Desk, args: argparse.Namespace) -> int:
    if not (args.start or args.end):
        raise CommandError("give the opening items (--start TITLE ...) and/or the closing"
                           " ones (--end TITLE ...)")
    say(committees.set_standing(desk, args.committee, args.start or [], args.end or []))
    return 0
