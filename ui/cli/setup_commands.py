"""Setting a council up from nothing, for scripts and for a clerk without an import file:
what the window's Council set-up dialog does.

    python main.py council set [--name NAME] [--key-decision-threshold POUNDS]
    python main.py post add --title T [--holder NAME] [--phone P] [--email E]
    python main.py post edit --title T [--holder NAME] [--phone P] [--email E] [--from D]
    python main.py post show --title T
    python main.py member add --name NAME [--party GROUP] [--honours TEXT]
    python main.py member edit --name NAME [--party GROUP] [--honours TEXT]
    python main.py committee new --name NAME --kind KIND [--seats N] [--clerk NAME]
                                 [--proper-officer POST]
    python main.py meeting schedule --committee NAME --dates D[,D...] [--time HH:MM]
                                    [--venue TEXT]

Every rule and every sentence is ``governance.council``'s: the window says the same.
"""

from __future__ import annotations

import argparse
from typing import Any

from governance import council
from governance.desk import Desk
from governance.meetings import KEEP
from governance.vocab import COMMITTEE_KINDS
from ui.cli.common import CommandError, iso_date, say


def add_commands(sub: Any) -> None:
    p = sub.add_parser("council", help="the council's name and key decision threshold")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    q = what.add_parser("set", help="set the council's name and/or key decision threshold")
    q.add_argument("--name", help="as its documents print it, e.g. Kent County Council")
    q.add_argument("--key-decision-threshold", metavar="POUNDS",
                   help="a key decision is one of more than this, in pounds (\"\" clears it)")
    q.set_defaults(handler=_council_set)

    p = sub.add_parser("post", help="a post and its holder, telephone and e-mail")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, text, handler in (("add", "a new post", _post_add),
                                ("edit", "change a post's holder or contact details"
                                 " (\"\" clears one)", _post_edit)):
        q = what.add_parser(name, help=text)
        q.add_argument("--title", required=True, help="e.g. General Counsel")
        q.add_argument("--holder", metavar="NAME", help="who holds it, e.g. Benjamin Watts")
        q.add_argument("--phone", metavar="P", help="e.g. 03000 416814")
        q.add_argument("--email", metavar="E")
        if name == "edit":
            q.add_argument("--from", dest="on", type=iso_date, metavar="D",
                           help="the day a new holder takes the post (today if not given)")
        q.set_defaults(handler=handler)
    q = what.add_parser("show", help="a post, its holder and who held it before")
    q.add_argument("--title", required=True)
    q.set_defaults(handler=_post_show)

    p = sub.add_parser("member", help="a councillor: party group and honours")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, text, handler in (("add", "a new member", _member_add),
                                ("edit", "change a member's party group or honours (\"\""
                                 " clears one)", _member_edit)):
        q = what.add_parser(name, help=text)
        q.add_argument("--name", required=True, help="as the papers print it, e.g."
                       " 'Mr A M Ridgers'")
        q.add_argument("--party", metavar="GROUP", help="e.g. Conservative")
        q.add_argument("--honours", metavar="TEXT", help="e.g. MBE")
        q.set_defaults(handler=handler)


def add_committee_new(what: Any) -> None:
    """``committee new``: beside the other ``committee`` commands."""
    q = what.add_parser("new", help="a new committee")
    q.add_argument("--name", required=True)
    q.add_argument("--kind", required=True, choices=COMMITTEE_KINDS)
    q.add_argument("--seats", type=int, metavar="N")
    q.add_argument("--clerk", metavar="NAME", help="the clerk its agendas name (Ask for):"
                   " someone who holds a post")
    q.add_argument("--proper-officer", metavar="POST", help="the post that signs its agendas"
                   " off, e.g. General Counsel")
    q.set_defaults(handler=_committee_new)


def add_meeting_schedule(what: Any) -> None:
    """``meeting schedule``: beside the other ``meeting`` commands."""
    q = what.add_parser("schedule", help="a committee's meetings on several dates in one go")
    q.add_argument("--committee", required=True)
    q.add_argument("--dates", required=True, metavar="D[,D...]",
                   help="YYYY-MM-DD, separated by commas")
    q.add_argument("--time", metavar="HH:MM", help="24-hour, e.g. 10:00")
    q.add_argument("--venue", help="where it meets")
    q.set_defaults(handler=_meeting_schedule)


def _given(value: str | None) -> Any:
    return KEEP if value is None else value


def _council_set(desk: Desk, args: argparse.Namespace) -> int:
    if args.name is None and args.key_decision_threshold is None:
        raise CommandError("give --name and/or --key-decision-threshold")
    threshold: Any = KEEP
    if args.key_decision_threshold is not None:
        text = args.key_decision_threshold.replace(",", "").replace("£", "").strip()
        if not text:
            threshold = None
        elif not text.isdigit():
            raise CommandError(f"--key-decision-threshold {args.key_decision_threshold!r}:"
                               " give whole pounds, e.g. 1000000")
        else:
            threshold = int(text)
    say(council.set_council(desk, _given(args.name), threshold))
    return 0


def _post_add(desk: Desk, args: argparse.Namespace) -> int:
    say(council.add_post(desk, args.title, args.holder, args.phone, args.email))
    return 0


def _post_edit(desk: Desk, args: argparse.Namespace) -> int:
    if args.holder is None and args.phone is None and args.email is None:
        raise CommandError("give what changes: --holder, --phone and/or --email")
    say(council.edit_post(desk, args.title, _given(args.holder), _given(args.phone),
                          _given(args.email), on=args.on))
    return 0


def _post_show(desk: Desk, args: argparse.Namespace) -> int:
    history = council.post_history(desk, args.title)
    post = next(p for p in desk.store.posts() if p.title == args.title)
    print(post.title)
    print(f"  Holder: {post.holder or 'none'}")
    print(f"  Telephone: {post.phone or 'none'}")
    print(f"  E-mail: {post.email or 'none'}")
    if history:
        print("  Held by:")
        for h in history:
            print(f"    {h}")
    return 0


def _member_add(desk: Desk, args: argparse.Namespace) -> int:
    say(council.add_member(desk, args.name, args.party, args.honours))
    return 0


def _member_edit(desk: Desk, args: argparse.Namespace) -> int:
    if args.party is None and args.honours is None:
        raise CommandError("give what changes: --party and/or --honours")
    say(council.edit_member(desk, args.name, _given(args.party), _given(args.honours)))
    return 0


def _committee_new(desk: Desk, args: argparse.Namespace) -> int:
    say(council.new_committee(desk, args.name, args.kind, args.seats, args.clerk,
                              args.proper_officer))
    return 0


def _meeting_schedule(desk: Desk, args: argparse.Namespace) -> int:
    dates = council.parse_dates(args.dates)
    say(council.schedule_meetings(desk, args.committee, dates, args.time, args.venue))
    return 0
