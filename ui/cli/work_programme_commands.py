"""A committee's Work Programme on the command line:

    python main.py [--db PATH] render work-programme --committee NAME --format pdf|docx
                                                    [--from D] -o FILE
    python main.py [--db PATH] committee suggest --committee NAME --title TITLE
                                                 [--by NAME] [--on D]
    python main.py [--db PATH] committee suggest --committee NAME --title TITLE --remove
    python main.py [--db PATH] committee regular-item --committee NAME --title TITLE
                                                      --months Sep,Nov,Mar,May
    python main.py [--db PATH] committee regular-item --committee NAME --title TITLE --remove
    python main.py [--db PATH] meeting attach-work-programme --committee NAME --date D
                                                            --item N

``render work-programme`` adds to ``render`` (declared by ``record_commands``), ``suggest``
and ``regular-item`` to ``committee``, ``attach-work-programme`` to ``meeting``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from governance import work_programme
from governance.desk import Desk
from ui.cli.common import CommandError, iso_date, say


def _subparsers(sub: Any, command: str) -> Any:
    """The subcommands of an existing command (``render``, ``committee``, ``meeting``)."""
    parser = sub.choices[command]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def add_commands(sub: Any) -> None:
    q = _subparsers(sub, "render").add_parser(
        "work-programme", help="a committee's Work Programme: standing and regular items,"
                               " each future meeting's items, items not yet allocated")
    q.add_argument("--committee", required=True)
    q.add_argument("--format", choices=work_programme.FORMATS, required=True)
    q.add_argument("--from", dest="start", type=iso_date, metavar="D",
                   help="the first meeting day it covers (default: today)")
    q.add_argument("-o", "--output", type=Path, required=True)
    q.set_defaults(handler=_render)

    committee = _subparsers(sub, "committee")
    q = committee.add_parser("suggest", help="an item suggested for the committee's work"
                                             " programme, by whom and when (--remove: take"
                                             " it off)")
    q.add_argument("--committee", required=True)
    q.add_argument("--title", required=True)
    q.add_argument("--by", metavar="NAME", help="who suggested it, e.g. 'Mr Ross' (none:"
                                                " the committee)")
    q.add_argument("--on", type=iso_date, metavar="D", help="when (default: today)")
    q.add_argument("--remove", action="store_true", help="take the suggestion off the list")
    q.set_defaults(handler=_suggest)
    q = committee.add_parser("regular-item", help="an item the committee receives in given"
                                                  " months (--remove: no longer)")
    q.add_argument("--committee", required=True)
    q.add_argument("--title", required=True)
    q.add_argument("--months", metavar="MONTHS", help="e.g. Sep,Nov,Mar,May (one month: once"
                                                      " a year)")
    q.add_argument("--remove", action="store_true", help="no longer a regular item")
    q.set_defaults(handler=_regular)

    q = _subparsers(sub, "meeting").add_parser(
        "attach-work-programme", help="make the committee's Work Programme and attach it to"
                                      " an item of the meeting's agenda as its paper")
    q.add_argument("--committee", required=True)
    q.add_argument("--date", type=iso_date, required=True, metavar="D")
    q.add_argument("--item", required=True, metavar="N")
    q.set_defaults(handler=_attach)


def _render(desk: Desk, args: argparse.Namespace) -> int:
    say(work_programme.write(desk, args.committee, args.format, args.output, args.start))
    return 0


def _suggest(desk: Desk, args: argparse.Namespace) -> int:
    if args.remove:
        if args.by or args.on:
            raise CommandError("--remove takes the suggestion off: give only --committee"
                               " and --title with it")
        say(work_programme.remove_suggestion(desk, args.committee, args.title))
    else:
        say(work_programme.suggest(desk, args.committee, args.title, args.by, args.on))
    return 0


def _regular(desk: Desk, args: argparse.Namespace) -> int:
    if args.remove == bool(args.months):
        raise CommandError("give --months (when the committee receives it) or --remove")
    if args.remove:
        say(work_programme.remove_regular_item(desk, args.committee, args.title))
    else:
        say(work_programme.set_regular_item(desk, args.committee, args.title, args.months))
    return 0


def _attach(desk: Desk, args: argparse.Namespace) -> int:
    say(work_programme.attach(desk, args.committee, args.date, args.item))
    return 0
