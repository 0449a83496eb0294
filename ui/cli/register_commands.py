"""The register as a whole: demo, import, export, list, show, check, deadlines, audit,
backup, restore, calendar.

    python main.py [--db PATH] demo
    python main.py [--db PATH] import FILE
    python main.py [--db PATH] export FILE|- [--public]
    python main.py [--db PATH] list [--search TEXT] [--status S] [--json] [--csv [-o FILE]]
    python main.py [--db PATH] show NUMBER [--json]
    python main.py [--db PATH] check [--json]
    python main.py deadlines [--meeting-date D] [--decision-date D] [--published-on D] [--json]
    python main.py [--db PATH] audit verify
    python main.py [--db PATH] backup FILE
    python main.py [--db PATH] restore FILE
    python main.py [--db PATH] calendar FILE|- [--public] [--committee NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from governance import backups, calendar, decisions, exchange, listings, notices
from governance.describe import describe_decision
from governance.desk import Desk
from governance.interchange import decision_to_dict
from governance.ports import DecisionFilter
from governance.vocab import STATUS_LABELS, STATUSES, key_decision_words
from ui.cli.common import CommandError, Place, iso_date, say, write_stdout


def add_commands(sub: Any) -> None:
    p = sub.add_parser("demo", help="load the demo register (2019 and 2023 Kent papers)")
    p.set_defaults(handler=cmd_demo)
    p = sub.add_parser("import", help="import an interchange JSON file, all or nothing")
    p.add_argument("file", type=Path)
    way = p.add_mutually_exclusive_group()
    way.add_argument("--keep-existing", dest="existing", action="store_const",
                     const=exchange.KEEP_EXISTING, default=exchange.REFUSE,
                     help="where a post, member, committee or the council differs from the"
                          " register's, keep the register's values")
    way.add_argument("--update", dest="existing", action="store_const",
                     const=exchange.UPDATE,
                     help="where a post, member, committee or the council differs from the"
                          " register's, make the file's values current (audited)")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("export", help="export the register as interchange JSON")
    p.add_argument("file", help="output file, or - for standard output")
    p.add_argument("--public", action="store_true", help="leave out everything exempt")
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser("list", help="list decisions")
    p.add_argument("--search", help="full-text search of titles and record text")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", action="store_true",
                   help="CSV for Excel (UTF-8), to standard output or to -o FILE")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="with --csv: write the CSV to FILE")
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("show", help="show one decision")
    p.add_argument("number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
    p = sub.add_parser("check", help="report inconsistencies in the register")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser("deadlines", help="statutory deadlines for the dates given")
    p.add_argument("--meeting-date", type=iso_date, help="date of a meeting")
    p.add_argument("--decision-date", type=iso_date,
                   help="date a key decision is to be taken")
    p.add_argument("--published-on", type=iso_date, help="date a decision was published")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_deadlines, register=False)
    p = sub.add_parser("audit", help="the audit trail")
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    q = audit.add_parser("verify", help="check the audit trail's hash chain")
    q.set_defaults(handler=cmd_audit)
    p = sub.add_parser("backup", help="copy the register to FILE (safe while the app runs)")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="replace the register with a backup (the current one"
                       " is kept aside)")
    p.add_argument("file", type=Path)
    # register=False: it is not opened first, so a register too damaged to open can be
    # restored; the handler finds where it is as ``args.place``.
    p.set_defaults(handler=cmd_restore, register=False)
    p = sub.add_parser("calendar", help="meetings and statutory deadlines as an iCalendar"
                       " (.ics) file")
    p.add_argument("file", help="output file (.ics), or - for standard output")
    p.add_argument("--public", action="store_true",
                   help="leave out exempt items, exempt papers and exempt decisions")
    p.add_argument("--committee", metavar="NAME", help="only this committee's meetings and"
                   " the decisions it considers")
    p.set_defaults(handler=cmd_calendar)


def cmd_demo(desk: Desk, args: argparse.Namespace) -> int:
    say(exchange.load_demo(desk))
    return 0


def cmd_import(desk: Desk, args: argparse.Namespace) -> int:
    say(exchange.import_file(desk, args.file, existing=args.existing))
    return 0


def cmd_export(desk: Desk, args: argparse.Namespace) -> int:
    if args.file == "-":
        sys.stdout.write(exchange.export_text(desk, public=args.public))
        return 0
    say(exchange.export_file(desk, Path(args.file), public=args.public))
    return 0


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    widths[-1] = min(widths[-1], 70)

    def line(r: list[str]) -> str:
        return "  ".join(str(x)[:w].ljust(w) for x, w in zip(r, widths)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def cmd_list(desk: Desk, args: argparse.Namespace) -> int:
    if args.csv and args.json:
        raise CommandError("choose one of --csv and --json")
    if args.output is not None and not args.csv:
        raise CommandError("-o FILE writes the CSV: add --csv")
    where = DecisionFilter(search=args.search or None, status=args.status or None)
    if args.csv:
        if args.output is None:
            write_stdout(listings.register_csv(desk, where)[0])
        else:
            say(listings.save_register_csv(desk, args.output, where))
        return 0
    rows = decisions.summaries(desk, where)
    if args.json:
        print(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No decisions match.")
        return 0
    print(_table([[r.number, STATUS_LABELS[r.status], key_decision_words(r.key_decision),
                   r.decision_maker or "", r.title] for r in rows],
                 ["Number", "Status", "Key", "Decision maker", "Title"]))
    print(f"\n{len(rows)} decision{'s' if len(rows) != 1 else ''}.")
    return 0


def cmd_show(desk: Desk, args: argparse.Namespace) -> int:
    d = decisions.decision(desk, decisions.checked_number(args.number))
    if args.json:
        print(json.dumps(decision_to_dict(d), indent=2, ensure_ascii=False))
    else:
        print(describe_decision(d))
        for line in notices.published_lines(desk, d.number):
            print(line)
    return 0


def cmd_check(desk: Desk, args: argparse.Namespace) -> int:
    problems = listings.check(desk)
    if args.json:
        print(json.dumps([p.to_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        for p in problems:
            print(f"{p.severity.upper():7} {p.subject}: {p.message} [{p.code}]")
        errors = sum(p.severity == "error" for p in problems)
        warnings = sum(p.severity == "warning" for p in problems)
        print(f"{errors} error{'s' if errors != 1 else ''}, {warnings}"
              f" warning{'s' if warnings != 1 else ''}, {len(problems)} in all.")
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_deadlines(_desk: Desk | None, args: argparse.Namespace) -> int:
    if not any([args.meeting_date, args.decision_date, args.published_on]):
        raise CommandError("give at least one of --meeting-date, --decision-date,"
                           " --published-on")
    out = {
        "agenda_publish_by": calendar.agenda_publication_deadline(args.meeting_date)
        if args.meeting_date else None,
        "key_decision_notice_by": calendar.key_decision_notice_deadline(args.decision_date)
        if args.decision_date else None,
        "call_in_ends": calendar.call_in_period_end(args.published_on)
        if args.published_on else None,
    }
    if args.json:
        print(json.dumps({k: v.isoformat() if v else None for k, v in out.items()}, indent=2))
        return 0

    def fmt(d: Any) -> str:
        return f"{d:%A}, {d.day} {d:%B %Y}"

    if args.meeting_date:
        print(f"Meeting {fmt(args.meeting_date)}: publish the agenda by"
              f" {fmt(out['agenda_publish_by'])} (5 clear working days).")
    if args.decision_date:
        print(f"Key decision on {fmt(args.decision_date)}: notice on the Forward Plan by"
              f" {fmt(out['key_decision_notice_by'])} (28 clear days).")
    if args.published_on:
        print(f"Published {fmt(args.published_on)}: call-in period ends"
              f" {fmt(out['call_in_ends'])}; effective from"
              f" {fmt(calendar.effective_from(args.published_on))} unless called in.")
    return 0


def cmd_audit(desk: Desk, args: argparse.Namespace) -> int:
    rows, broken, why = decisions.verify_audit(desk)
    if broken is None:
        print(f"The audit trail is intact: {rows} rows, each linked to the one before.")
        return 0
    print(f"The audit trail is broken at row {broken}: {why}.", file=sys.stderr)
    return 1


def cmd_backup(desk: Desk, args: argparse.Namespace) -> int:
    say(backups.backup(desk, args.file, name_register=True))
    return 0


def cmd_restore(_desk: Desk | None, args: argparse.Namespace) -> int:
    place: Place = args.place
    say(backups.restore(place.registers, place.location, args.file))
    return 0


def cmd_calendar(desk: Desk, args: argparse.Namespace) -> int:
    if args.file == "-":
        write_stdout(listings.calendar(desk, public=args.public, committee=args.committee)[0])
        return 0
    say(listings.write_calendar(desk, Path(args.file), public=args.public,
                                committee=args.committee))
    return 0
