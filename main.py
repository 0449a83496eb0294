"""Decision Desk: the window, or a command.

    python main.py [--db PATH]                 the window
    python main.py [--db PATH] COMMAND ...     see --help
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sqlite3
import sys
from pathlib import Path

APP_NAME = "DecisionDesk"


def default_db_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "register.sqlite"


def _user_error():
    from governance.errors import UserError

    return UserError


class CommandError(Exception):
    """A command failed for a reason the user can act on; printed without a traceback."""

#: Commands whose handlers live beside the code they drive ("module:function").
#: Each handler is ``handler(register, args) -> int``.
EXTERNAL_HANDLERS = {
    ("committee", "show"): "db.committee_commands:cmd_committee",
    ("committee", "seats"): "db.committee_commands:cmd_committee",
    ("committee", "member"): "db.committee_commands:cmd_committee",
    ("committee", "remove-member"): "db.committee_commands:cmd_committee",
    ("committee", "standing-items"): "db.committee_commands:cmd_committee",
    ("render", "record"): "templates.record_commands:cmd_render",
    ("render", "cover"): "templates.record_commands:cmd_render",
    ("render", "agenda"): "templates.agenda_commands:cmd_render",
    ("render", "pack"): "templates.agenda_commands:cmd_render",
    ("sign", None): "templates.record_commands:cmd_sign",
    ("verify", None): "templates.record_commands:cmd_verify",
    ("attach-scan", None): "templates.record_commands:cmd_attach_scan",
    ("backup", None): "db.backup:cmd_backup",
    ("restore", None): "db.backup:cmd_restore",
    ("calendar", None): "templates.output_commands:cmd_calendar",
    ("meeting", "new"): "db.meeting_commands:cmd_meeting",
    ("meeting", "edit"): "db.meeting_commands:cmd_meeting",
    ("meeting", "show"): "db.meeting_commands:cmd_meeting",
    ("meeting", "add-item"): "db.meeting_commands:cmd_meeting",
    ("meeting", "attach"): "db.meeting_commands:cmd_meeting",
    ("meeting", "detach"): "db.meeting_commands:cmd_meeting",
    ("meeting", "remove-item"): "db.meeting_commands:cmd_meeting",
    ("meeting", "exempt"): "db.meeting_commands:cmd_meeting",
    ("meeting", "move"): "db.meeting_commands:cmd_meeting",
    ("meeting", "publish"): "db.meeting_commands:cmd_meeting",
}


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    from governance.vocab import STATUSES

    parser = argparse.ArgumentParser(
        prog="python main.py", description="Decision Desk: the register of executive decisions.")
    parser.add_argument("--db", type=Path, help="register database (default: in the user data"
                        f" folder, {default_db_path()})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("demo", help="load the demo register (2019 and 2023 Kent papers)")
    p = sub.add_parser("import", help="import an interchange JSON file, all or nothing")
    p.add_argument("file", type=Path)
    p = sub.add_parser("export", help="export the register as interchange JSON")
    p.add_argument("file", help="output file, or - for standard output")
    p.add_argument("--public", action="store_true", help="leave out everything exempt")
    p = sub.add_parser("list", help="list decisions")
    p.add_argument("--search", help="full-text search of titles and record text")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", action="store_true",
                   help="CSV for Excel (UTF-8), to standard output or to -o FILE")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="with --csv: write the CSV to FILE")
    p = sub.add_parser("show", help="show one decision")
    p.add_argument("number")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("check", help="report inconsistencies in the register")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("render", help="produce a document from the register")
    what = p.add_subparsers(dest="what", metavar="DOCUMENT", required=True)
    for name, text in (("record", "the (Proposed) Record of Decision"),
                       ("cover", "the committee report's cover sheet")):
        q = what.add_parser(name, help=text)
        q.add_argument("number")
        q.add_argument("--format", choices=("pdf", "docx"), required=True)
        q.add_argument("-o", "--output", type=Path, required=True)
        q.add_argument("--public", action="store_true",
                       help="the published version: an exempt decision's text withheld")
    q = what.add_parser("agenda", help="a meeting's agenda front sheet")
    q.add_argument("--committee", required=True)
    q.add_argument("--date", type=_iso_date, required=True)
    q.add_argument("--format", choices=("pdf", "docx"), required=True)
    q.add_argument("-o", "--output", type=Path, required=True)
    q.add_argument("--public", action="store_true",
                   help="the public front sheet (the public pack's): exempt items' titles"
                        " and exempt papers withheld")
    q = what.add_parser("pack", help="a meeting's agenda pack: front sheet and every paper")
    q.add_argument("--committee", required=True)
    q.add_argument("--date", type=_iso_date, required=True)
    q.add_argument("--public", action="store_true", help="leave exempt papers out")
    q.add_argument("-o", "--output", type=Path, required=True)

    p = sub.add_parser("sign", help="take a decision and sign its Record of Decision (PAdES)")
    p.add_argument("number")
    p.add_argument("--pkcs12", type=Path, required=True, help="the signer's PKCS#12 file")
    p.add_argument("--passphrase-env", required=True, metavar="VAR",
                   help="environment variable holding the PKCS#12 passphrase")
    p.add_argument("-o", "--output", type=Path, required=True)
    p = sub.add_parser("verify", help="verify a signed Record of Decision")
    p.add_argument("file", type=Path)
    p = sub.add_parser("attach-scan", help="attach the scanned paper-signed record")
    p.add_argument("number")
    p.add_argument("file", type=Path)

    p = sub.add_parser("audit", help="the audit trail")
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit.add_parser("verify", help="check the audit trail's hash chain")
    p = sub.add_parser("backup", help="copy the register to FILE (safe while the app runs)")
    p.add_argument("file", type=Path)
    p = sub.add_parser("restore", help="replace the register with a backup (the current one"
                       " is kept aside)")
    p.add_argument("file", type=Path)

    p = sub.add_parser("calendar", help="meetings and statutory deadlines as an iCalendar"
                       " (.ics) file")
    p.add_argument("file", help="output file (.ics), or - for standard output")
    p.add_argument("--public", action="store_true",
                   help="leave out exempt items, exempt papers and exempt decisions")
    p.add_argument("--committee", metavar="NAME", help="only this committee's meetings and"
                   " the decisions it considers")

    from governance.vocab import NOTICES

    p = sub.add_parser("meeting", help="a meeting and its agenda: what the Meetings screen"
                       " does")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    def meeting_parser(name: str, text: str, item: bool = False) -> argparse.ArgumentParser:
        q = what.add_parser(name, help=text)
        q.add_argument("--committee", required=True)
        q.add_argument("--date", type=_iso_date, required=True, help="the meeting's date")
        if item:
            q.add_argument("--item", required=True, metavar="N",
                           help="the item's number on the agenda: 7, or 9a for a sub-item")
        return q

    def details(q: argparse.ArgumentParser, editing: bool) -> None:
        empty = " (\"\" clears it)" if editing else ""
        q.add_argument("--time", metavar="HH:MM", help=f"24-hour, e.g. 10:00{empty}")
        q.add_argument("--venue", help=f"where it meets{empty}")
        q.add_argument("--clerk", metavar="NAME", help="the clerk (Ask for): someone who holds"
                       f" a post in the register{empty}")
        q.add_argument("--proper-officer", metavar="POST", help="the Proper Officer's post"
                       f" title, e.g. General Counsel{empty}")
        kinds = ", ".join(NOTICES)
        notices = q.add_mutually_exclusive_group() if editing else q
        notices.add_argument("--notice", action="append", metavar="KIND",
                             help=f"a notice on the front sheet (repeat for more): one of"
                                  f" {kinds}" + ("; replaces the notices" if editing else ""))
        if editing:
            notices.add_argument("--no-notices", action="store_true",
                                 help="take every notice off")

    q = meeting_parser("new", "a meeting whose agenda starts with the committee's standing"
                       " items")
    details(q, editing=False)
    q = meeting_parser("edit", "change a meeting's time, venue, clerk, Proper Officer or"
                       " notices")
    details(q, editing=True)
    q = meeting_parser("show", "the meeting's details, items, papers and publication")
    q.add_argument("--json", action="store_true")
    q = meeting_parser("add-item", "an item of business, before the closing standing items")
    q.add_argument("--title", help="the report's title (a decision's own if not given)")
    q.add_argument("--decision", metavar="NUMBER", help="the decision the item is about")
    q.add_argument("--description", help="what the committee is asked to do")
    q.add_argument("--parent", metavar="N", help="make it a sub-item of item N (Na, Nb, ...)")
    q = meeting_parser("attach", "attach PDF papers to an item, all or nothing", item=True)
    q.add_argument("files", nargs="+", type=Path, metavar="FILE")
    q.add_argument("--title", help="the paper's title (one file only)")
    q.add_argument("--exempt-paragraph", type=int, metavar="P",
                   help="exempt under paragraph P (1 to 7) of Part 1 of Schedule 12A")
    q = meeting_parser("detach", "take a paper off an item", item=True)
    q.add_argument("--paper", required=True, metavar="FILE_NAME_OR_POSITION",
                   help="the paper's file name, or its position on the item (1, 2, ...)")
    q = meeting_parser("remove-item", "take an item off the agenda; the items after it are"
                       " numbered up", item=True)
    q.add_argument("--with-papers", action="store_true",
                   help="remove the item's papers with it (else an item with papers stays)")
    q = meeting_parser("exempt", "mark an item or one of its papers exempt, or not",
                       item=True)
    q.add_argument("--paper", metavar="FILE_NAME_OR_POSITION",
                   help="one of the item's papers rather than the item")
    choice = q.add_mutually_exclusive_group(required=True)
    choice.add_argument("--paragraph", type=int, metavar="P",
                        help="the paragraph (1 to 7) of Part 1 of Schedule 12A")
    choice.add_argument("--none", action="store_true", help="not exempt")
    q = meeting_parser("move", "move an item to another place on the agenda", item=True)
    q.add_argument("--to", required=True, metavar="M",
                   help="its new number (for a sub-item: a letter, or 9b)")
    q = meeting_parser("publish", "publish the agenda (once), against the statutory deadline")
    q.add_argument("--on", type=_iso_date, metavar="D", help="the day it is published"
                   " (default: today)")
    q.add_argument("--late-reason", metavar="TEXT", help="why it is published after the"
                   " deadline (the urgent business)")

    from governance.vocab import ROLES

    p = sub.add_parser("committee", help="a committee's seats, members and roles, standing"
                       " items")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    def committee_parser(name: str, text: str) -> argparse.ArgumentParser:
        q = what.add_parser(name, help=text)
        q.add_argument("--committee", required=True)
        return q

    q = committee_parser("show", "the membership as the front sheet prints it, and the"
                         " standing items")
    q.add_argument("--json", action="store_true")
    q = committee_parser("seats", "the number of seats and their allocation to groups")
    q.add_argument("--seats", type=int, required=True)
    q.add_argument("--party", action="append", metavar="GROUP=N",
                   help="a party group's seats (repeat for each); they must add up")
    q = committee_parser("member", "seat a member, or change a member's role")
    q.add_argument("--member", required=True, metavar="NAME",
                   help="as the papers print it, e.g. 'Mr A M Ridgers'")
    q.add_argument("--role", choices=ROLES, default="member")
    q.add_argument("--party", metavar="GROUP", help="for a member not yet in the register")
    q.add_argument("--honours", metavar="TEXT", help="e.g. MBE (a new member)")
    q = committee_parser("remove-member", "take a member off the committee")
    q.add_argument("--member", required=True, metavar="NAME")
    q = committee_parser("standing-items", "the items that open and close each new agenda")
    q.add_argument("--start", action="append", metavar="TITLE",
                   help="an opening item (repeat, in order)")
    q.add_argument("--end", action="append", metavar="TITLE",
                   help="a closing item (repeat, in order)")

    p = sub.add_parser("deadlines", help="statutory deadlines for the dates given")
    p.add_argument("--meeting-date", type=_iso_date, help="date of a meeting")
    p.add_argument("--decision-date", type=_iso_date, help="date a key decision is to be taken")
    p.add_argument("--published-on", type=_iso_date, help="date a decision was published")
    p.add_argument("--json", action="store_true")
    return parser


#: The commands that may start a new register at a ``--db`` path that does not exist yet
#: (None: the window).
CREATING_COMMANDS = (None, "demo", "import")


def open_register(path: Path | None, command: str | None = None):
    """Open the register; the default one gets the demo register when first created. A
    ``--db`` path that does not exist is a new register only for the window, ``demo`` and
    ``import``, and only in a folder that exists: anything else is a mistyped path, and
    silently making an empty register there would hide the mistake."""
    from db.register import Register
    from templates.demo_papers import load_demo

    if path is not None:
        if not path.exists():
            if command not in CREATING_COMMANDS:
                raise CommandError(f"there is no register at {path} (check --db; a new"
                                   " register is made by `demo`, `import` or the window)")
            if not path.parent.is_dir():
                raise CommandError(f"there is no folder {path.parent} for a new register at"
                                   f" {path} (create it first, or check --db)")
        return Register.open(path)
    path = default_db_path()
    first_run = not path.exists()
    register = Register.open(path)
    if first_run and register.is_empty():
        load_demo(register)
        logging.getLogger(__name__).info("created %s with the demo register", path)
    from db.backup import automatic_backup

    automatic_backup(path, path.parent / "backups", dt.date.today())
    return register


# --- commands --------------------------------------------------------------------------


def cmd_demo(register, args) -> int:
    from templates.demo_papers import load_demo

    if not register.is_empty():
        raise CommandError("the register is not empty: the demo register loads only into an"
                           " empty one (use --db NEW.sqlite for a separate register)")
    summary = load_demo(register)
    print(f"Loaded the demo register: {summary}.")
    return 0


def cmd_import(register, args) -> int:
    from db.exchange import import_file
    from governance.interchange import InterchangeError

    try:
        summary = import_file(register, args.file)
    except InterchangeError as exc:
        # Errors inside the document name only their path in it; say which file too.
        if exc.path == str(args.file):
            raise
        where = f"{args.file}: {exc.path}" if exc.path else str(args.file)
        raise InterchangeError(where, exc.message) from None
    print(f"Imported {summary} from {args.file}.")
    return 0


def cmd_export(register, args) -> int:
    from db.exchange import export_file, export_text

    if args.file == "-":
        sys.stdout.write(export_text(register, public=args.public))
        return 0
    papers = export_file(register, Path(args.file), public=args.public)
    extra = f" and {papers} papers in {Path(args.file).parent / 'papers'}" if papers else ""
    print(f"Exported the register{' (public)' if args.public else ''} to {args.file}{extra}.")
    return 0


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    widths[-1] = min(widths[-1], 70)
    line = lambda r: "  ".join(str(x)[:w].ljust(w) for x, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def cmd_list(register, args) -> int:
    from governance.vocab import STATUS_LABELS, key_decision_words

    if args.csv and args.json:
        raise CommandError("choose one of --csv and --json")
    if args.output is not None and not args.csv:
        raise CommandError("-o FILE writes the CSV: add --csv")
    if args.csv:
        from templates.output_commands import list_csv

        return list_csv(register, args)
    rows = register.summaries(search=args.search, status=args.status)
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


def cmd_show(register, args) -> int:
    from db.register import NotFoundError
    from governance.interchange import decision_to_dict
    from governance.vocab import NUMBER_RE

    if not NUMBER_RE.match(args.number):
        raise CommandError(f"{args.number!r} is not a decision number (YY/NNNNN, e.g. 23/00098)")
    try:
        d = register.decision(args.number)
    except NotFoundError as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        print(json.dumps(decision_to_dict(d), indent=2, ensure_ascii=False))
    else:
        from governance.describe import describe_decision

        print(describe_decision(d))
    return 0


def cmd_check(register, args) -> int:
    from governance.checks import check_register

    problems = check_register(register.document(), today=dt.date.today())
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


def cmd_deadlines(args) -> int:
    from governance import calendar

    out = {
        "agenda_publish_by": calendar.agenda_publication_deadline(args.meeting_date)
        if args.meeting_date else None,
        "key_decision_notice_by": calendar.key_decision_notice_deadline(args.decision_date)
        if args.decision_date else None,
        "call_in_ends": calendar.call_in_period_end(args.published_on)
        if args.published_on else None,
    }
    if not any([args.meeting_date, args.decision_date, args.published_on]):
        raise CommandError("give at least one of --meeting-date, --decision-date,"
                           " --published-on")
    if args.json:
        print(json.dumps({k: v.isoformat() if v else None for k, v in out.items()}, indent=2))
        return 0
    fmt = lambda d: f"{d:%A}, {d.day} {d:%B %Y}"  # noqa: E731
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


def cmd_audit(register, args) -> int:
    rows, broken, why = register.verify_audit()
    if broken is None:
        print(f"The audit trail is intact: {rows} rows, each linked to the one before.")
        return 0
    print(f"The audit trail is broken at row {broken}: {why}.", file=sys.stderr)
    return 1


def external_handler(args):
    import importlib

    key = (args.command, getattr(args, "what", None))
    spec = EXTERNAL_HANDLERS.get(key) or EXTERNAL_HANDLERS.get((args.command, None))
    if spec is None:
        return None
    module, function = spec.split(":")
    try:
        return getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError):
        raise CommandError(f"'{args.command}' is not available in this version") from None


COMMANDS = {
    "audit": cmd_audit,
    "demo": cmd_demo, "import": cmd_import, "export": cmd_export, "list": cmd_list,
    "show": cmd_show, "check": cmd_check,
}


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    from db.files import OutputError
    from db.register import NotFoundError, StaleEditError
    from db.store import StoreError
    from governance.interchange import InterchangeError
    from governance.lifecycle import RuleViolation

    name = args.command or "window"
    try:
        if args.command == "deadlines":
            return cmd_deadlines(args)
        if args.command == "restore":
            # Before opening: restore must work on a register too damaged to open.
            from db.backup import restore_command

            return restore_command(args.db or default_db_path(), args.file)
        new = args.db is not None and not args.db.exists()
        register = open_register(args.db, args.command)
        code = 1
        try:
            if args.command is None:
                from ui.app import run_window

                code = run_window(register)
                return code
            handler = COMMANDS.get(args.command) or external_handler(args)
            code = handler(register, args)
            return code
        finally:
            empty = new and code != 0 and register.is_empty()
            register.close()
            if empty:  # a register this run made, and nothing went into it: leave no file
                _remove_register(args.db)
    except (CommandError, _user_error(), InterchangeError, RuleViolation, StaleEditError,
            NotFoundError, OutputError, StoreError) as exc:
        return _failed(name, str(exc), window=args.command is None)
    except BrokenPipeError:
        return 0
    except sqlite3.Error as exc:
        where = args.db or default_db_path()
        return _failed(name, f"the register {where} could not be used: {exc}",
                       window=args.command is None)


def _remove_register(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)


def _failed(name: str, message: str, window: bool) -> int:
    """Say why on standard error; for the window, in a message box as well (started from
    a desktop icon, nobody reads standard error)."""
    print(f"{name}: {message}", file=sys.stderr)
    if window:
        try:
            from ui.app import show_start_up_error
        except ImportError:  # no Qt at all: standard error has said it
            return 1
        show_start_up_error(message)
    return 1


def entry_point() -> None:
    """The ``decision-desk`` command installed with the package."""
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
