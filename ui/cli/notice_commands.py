"""The statutory notices (SI 2012/2089 regulations 5, 10 and 11) on the command line:

    python main.py [--db PATH] render notice --kind KIND --decision NUMBER
                                             --format pdf|docx -o FILE [DETAILS]
    python main.py [--db PATH] notice publish --kind KIND --decision NUMBER --on D [DETAILS]
    python main.py [--db PATH] notice list [--decision NUMBER]

``KIND`` is private, private-confirmation, general-exception or special-urgency. DETAILS:
``--committee NAME --date D`` (the meeting held partly in private; default the decision's
next committee meeting), ``--informed NAME`` (general exception: who was informed in
writing; needed to publish), ``--representations TEXT --response TEXT`` (the
confirmation), ``--dated D`` (render: the date printed; default the publication date, or
today).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from governance import notices
from governance.desk import Desk
from governance.notice import KINDS
from ui.cli.common import iso_date, say
from ui.cli.forward_plan_commands import _render_parsers


def _details(q: argparse.ArgumentParser) -> None:
    q.add_argument("--kind", choices=KINDS, required=True)
    q.add_argument("--decision", dest="number", required=True, metavar="NUMBER")
    q.add_argument("--committee", metavar="NAME",
                   help="the meeting held partly in private (default: the next one)")
    q.add_argument("--date", type=iso_date, metavar="D", help="that meeting's date")
    q.add_argument("--informed", metavar="NAME", help="general exception: who was informed"
                   " in writing (the chairman of the overview and scrutiny committee)")
    q.add_argument("--representations", metavar="TEXT",
                   help="confirmation: representations received about meeting in private")
    q.add_argument("--response", metavar="TEXT", help="confirmation: the response to them")


def add_commands(sub: Any) -> None:
    q = _render_parsers(sub).add_parser(
        "notice", help="a statutory notice: a private meeting (28 days, and the 5 days"
                       " confirmation), general exception or special urgency")
    _details(q)
    q.add_argument("--dated", type=iso_date, metavar="D",
                   help="the date printed on it (default: its publication, or today)")
    q.add_argument("--format", choices=notices.FORMATS, required=True)
    q.add_argument("-o", "--output", type=Path, required=True)
    q.set_defaults(handler=_render)

    p = sub.add_parser("notice", help="record a statutory notice's publication; list them")
    what = p.add_subparsers(dest="what", metavar="ACTION", required=True)
    q = what.add_parser("publish", help="record the notice as published on a day (audited"
                                        " on the decision)")
    _details(q)
    q.add_argument("--on", type=iso_date, required=True, metavar="D")
    q.set_defaults(handler=_publish)
    q = what.add_parser("list", help="the notices published, oldest first")
    q.add_argument("--decision", dest="number", metavar="NUMBER")
    q.set_defaults(handler=_list)


def _options(args: argparse.Namespace) -> dict[str, Any]:
    return {"committee": args.committee, "date": args.date, "informed": args.informed,
            "representations": args.representations, "response": args.response}


def _render(desk: Desk, args: argparse.Namespace) -> int:
    say(notices.write(desk, args.kind, args.number, args.format, args.output,
                      dated=args.dated, **_options(args)))
    return 0


def _publish(desk: Desk, args: argparse.Namespace) -> int:
    say(notices.publish(desk, args.kind, args.number, args.on, **_options(args)))
    return 0


def _list(desk: Desk, args: argparse.Namespace) -> int:
    done = notices.published(desk, args.number)
    for p in done:
        meeting = f" ({p.committee} {p.date.isoformat()})" if p.committee and p.date else ""
        print(f"{p.on.isoformat()}  {p.number}  {p.kind}{meeting}  by {p.recorded_by}")
    if not done:
        print("No notice is recorded as published" + (f" for {args.number}."
                                                      if args.number else "."))
    return 0
