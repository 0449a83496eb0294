"""The Forward Plan on the command line:

    python main.py [--db PATH] render forward-plan --from D --to D --format pdf|docx|csv -o FILE
    python main.py [--db PATH] forward-plan expect NUMBER WHEN
    python main.py [--db PATH] forward-plan publish --on D [--from D] [--to D]
                                                   [--late-reason TEXT]

``WHEN`` is a day (``2024-03-14``, ``14 March 2024``) or a month (``2024-03``,
``March 2024``); ``none`` clears it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from governance import forward_plan
from governance.desk import Desk
from ui.cli.common import iso_date, say


def _render_parsers(sub: Any) -> Any:
    """The subcommands of ``render`` (declared by ``record_commands``)."""
    render = sub.choices["render"]
    return next(a for a in render._actions if isinstance(a, argparse._SubParsersAction))


def add_commands(sub: Any) -> None:
    q = _render_parsers(sub).add_parser(
        "forward-plan", help="the Forward Plan (List of Forthcoming Executive Decisions):"
                             " every key decision expected in a period")
    q.add_argument("--from", dest="start", type=iso_date, required=True, metavar="D")
    q.add_argument("--to", dest="end", type=iso_date, required=True, metavar="D")
    q.add_argument("--format", choices=forward_plan.FORMATS, required=True)
    q.add_argument("-o", "--output", type=Path, required=True)
    q.set_defaults(handler=_render)

    p = sub.add_parser("forward-plan", help="a decision's expected date; record the Forward"
                                            " Plan's publication")
    what = p.add_subparsers(dest="what", metavar="ACTION", required=True)
    q = what.add_parser("expect", help="when a decision is expected to be taken: a day or a"
                                       " month ('none' clears it)")
    q.add_argument("number")
    q.add_argument("when", help="2024-03-14, 14 March 2024, 2024-03, March 2024 or none")
    q.set_defaults(handler=_expect)
    q = what.add_parser("publish", help="record the Forward Plan as published: each key"
                                        " decision on it gets the date as its notice date")
    q.add_argument("--on", type=iso_date, required=True, metavar="D")
    q.add_argument("--from", dest="start", type=iso_date, metavar="D",
                   help="the first day the plan covers (default: --on)")
    q.add_argument("--to", dest="end", type=iso_date, metavar="D",
                   help="the last day it covers (default: the last expected date)")
    q.add_argument("--late-reason", metavar="TEXT",
                   help="why it is recorded for a past date (needed then)")
    q.set_defaults(handler=_publish)


def _render(desk: Desk, args: argparse.Namespace) -> int:
    say(forward_plan.write(desk, args.start, args.end, args.format, args.output))
    return 0


def _expect(desk: Desk, args: argparse.Namespace) -> int:
    say(forward_plan.set_expected(desk, args.number, args.when))
    return 0


def _publish(desk: Desk, args: argparse.Namespace) -> int:
    say(forward_plan.publish(desk, args.on, args.start, args.end, args.late_reason))
    return 0
