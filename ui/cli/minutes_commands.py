"""Meeting day and the minutes on the command line (issue 15):

    python main.py [--db PATH] meeting declare --committee NAME --date D --item N
                                               --member NAME --text TEXT
    python main.py [--db PATH] meeting minute --committee NAME --date D --item N
                                              [--text TEXT] [--resolved TEXT]
    python main.py [--db PATH] meeting approve-minutes --committee NAME --date D
                                                       [--correction TEXT]
    python main.py [--db PATH] meeting cancel --committee NAME --date D --reason TEXT
    python main.py [--db PATH] meeting minute-numbers --committee NAME --date D --first N
    python main.py [--db PATH] council set ... --minute-numbers municipal_year|never
    python main.py [--db PATH] render minutes --committee NAME --date D --format pdf|docx
                                              [--public] -o FILE

``render minutes`` adds to ``render`` (declared by ``record_commands``), the others to
``meeting``, and ``--minute-numbers`` to ``council set`` (``setup_commands``).
(``meeting attendance`` is the attendance module's.)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from governance import minutes
from governance.desk import Desk
from governance.minute_book import NUMBERING_RULES
from ui.cli.common import CommandError, Handler, iso_date, say
from ui.cli.work_programme_commands import _subparsers


def add_commands(sub: Any) -> None:
    q = _subparsers(sub, "render").add_parser(
        "minutes", help="a meeting's minutes: PRESENT, ALSO PRESENT, IN ATTENDANCE, then"
                        " each minute numbered, UNRESTRICTED and EXEMPT")
    _meeting(q)
    q.add_argument("--format", choices=minutes.FORMATS, required=True)
    q.add_argument("--public", action="store_true",
                   help="the public minutes: the exempt minutes left out, and said so")
    q.add_argument("-o", "--output", type=Path, required=True)
    q.set_defaults(handler=_render)

    meeting = _subparsers(sub, "meeting")
    q = meeting.add_parser("declare", help="a member's declaration of interest in an item")
    _meeting(q, item=True)
    q.add_argument("--member", required=True, metavar="NAME")
    q.add_argument("--text", required=True, help="what the member declared")
    q.set_defaults(handler=_declare)

    q = meeting.add_parser("minute", help="an item's minute and its resolution (on a"
                                          " proposed decision's item: the committee's"
                                          " outcome)")
    _meeting(q, item=True)
    q.add_argument("--text", help="the minute, paragraphs separated by blank lines"
                                  " (\"\" clears it)")
    q.add_argument("--resolved", metavar="TEXT",
                   help="the resolution (\"\" clears it); on a proposed decision's item an"
                        " outcome (endorsed, noted, not endorsed, deferred, 'recommendations"
                        " made: TEXT') or a resolution ending 'be endorsed.' ...")
    q.set_defaults(handler=_minute)

    q = meeting.add_parser("approve-minutes", help="the meeting's minutes approved as a"
                                                   " correct record at the committee's next"
                                                   " meeting")
    _meeting(q)
    q.add_argument("--correction", metavar="TEXT",
                   help="a correction agreed at the meeting that approved them")
    q.set_defaults(handler=_approve)

    q = meeting.add_parser("cancel", help="the meeting did not take place: it is not"
                                          " minuted")
    _meeting(q)
    q.add_argument("--reason", required=True, metavar="TEXT")
    q.set_defaults(handler=_cancel)

    q = meeting.add_parser("minute-numbers", help="the number of the meeting's first minute"
                                                  " (later meetings follow on)")
    _meeting(q)
    q.add_argument("--first", type=int, required=True, metavar="N")
    q.set_defaults(handler=_numbers)

    council_set = _subparsers(sub, "council").choices["set"]
    council_set.add_argument("--minute-numbers", choices=NUMBERING_RULES,
                             help="when minute numbers start again at 1: each municipal"
                                  " year (from 1 June, after the annual meeting) or never")
    council_set.set_defaults(handler=_with_numbering(council_set.get_default("handler")))


def _meeting(q: argparse.ArgumentParser, item: bool = False) -> None:
    q.add_argument("--committee", required=True)
    q.add_argument("--date", type=iso_date, required=True, metavar="D",
                   help="the meeting's date")
    if item:
        q.add_argument("--item", required=True, metavar="N",
                       help="the item's number on the agenda: 7, or 9a for a sub-item")


def _render(desk: Desk, args: argparse.Namespace) -> int:
    say(minutes.write(desk, args.committee, args.date, args.format, args.output,
                      public=args.public))
    return 0


def _declare(desk: Desk, args: argparse.Namespace) -> int:
    say(minutes.declare(desk, args.committee, args.date, args.item, args.member, args.text))
    return 0


def _minute(desk: Desk, args: argparse.Namespace) -> int:
    if args.text is None and args.resolved is None:
        raise CommandError("give the minute (--text) and/or the resolution (--resolved)")
    say(minutes.set_minute(desk, args.committee, args.date, args.item, text=args.text,
                           resolved=args.resolved))
    return 0


def _approve(desk: Desk, args: argparse.Namespace) -> int:
    say(minutes.approve(desk, args.committee, args.date, correction=args.correction))
    return 0


def _cancel(desk: Desk, args: argparse.Namespace) -> int:
    say(minutes.cancel(desk, args.committee, args.date, args.reason))
    return 0


def _numbers(desk: Desk, args: argparse.Namespace) -> int:
    say(minutes.set_first_number(desk, args.committee, args.date, args.first))
    return 0


def _with_numbering(council_set: Handler) -> Handler:
    """``council set``'s handler, taking ``--minute-numbers`` too (alone, or with the name
    and threshold)."""

    def handler(desk: Desk, args: argparse.Namespace) -> int:
        if args.minute_numbers is None:
            return council_set(desk, args)
        if args.name is not None or args.key_decision_threshold is not None:
            council_set(desk, args)
        say(minutes.set_numbering(desk, args.minute_numbers))
        return 0

    return handler
