"""Attendance statistics on the command line:

    python main.py [--db PATH] attendance --committee NAME [--year 2023/24] [--json]

A table a member a line (meetings expected, attended, virtually, apologies, substituted,
absent without apologies), then the substitutes and which meetings were counted and which
not; ``--json`` gives the same as one JSON document (its keys are in the README).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from governance import attendance
from governance.desk import Desk


def add_commands(sub: Any) -> None:
    q = sub.add_parser("attendance", help="a committee's attendance statistics: per member,"
                                          " meetings expected, attended, apologies,"
                                          " substituted, absent")
    q.add_argument("--committee", required=True, metavar="NAME")
    q.add_argument("--year", metavar="2023/24", help="the municipal year (June to May);"
                                                     " default: every year")
    q.add_argument("--json", action="store_true", help="one JSON document")
    q.set_defaults(handler=_attendance)


def table(stats: attendance.AttendanceStatistics) -> list[str]:
    """The statistics as lines of text: a heading, a row a member, the substitutes, and
    which meetings were counted."""
    headings = ["Member", "Role", *(heading for _key, heading in attendance.COLUMNS), "%"]
    rows = [[m.member, m.role_words, *(str(getattr(m, key)) for key, _h in attendance.COLUMNS),
             "–" if m.percent is None else f"{m.percent}%"] for m in stats.members]
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    out = [f"{stats.committee}: attendance, {stats.period}", "", line(headings),
           "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows] or ["(no members)"]
    if stats.substitutes:
        out += ["", "Substitutes"]
        out += [f"  {s.name}: {s.attended} meeting{'s' if s.attended != 1 else ''}, for"
                f" {s.words}" for s in stats.substitutes]
    out += ["", attendance.KEY, *stats.notes()]
    return out


def _attendance(desk: Desk, args: argparse.Namespace) -> int:
    stats = attendance.statistics(desk, args.committee, args.year)
    if args.json:
        print(json.dumps(stats.as_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(table(stats)))
    return 0
