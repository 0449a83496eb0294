"""The command line: ``python main.py [--db PATH] COMMAND ...``.

Each area's parser sits beside its handlers (``register_commands``, ``meeting_commands``,
``committee_commands``, ``record_commands``); a handler calls use cases only and prints
what they say. Errors are caught here, once: a :class:`UserError` is one line on standard
error (and exit code 1); anything else is a bug, printed with its traceback and written
to the log file, whose path is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import traceback
from pathlib import Path

from governance import backups, exchange
from governance.desk import Desk
from governance.errors import UserError
from ui.cli import committee_commands, meeting_commands, record_commands, register_commands
from ui.cli.common import CommandError, Launcher

log = logging.getLogger(__name__)

#: The commands that may start a new register at a ``--db`` path that does not exist yet
#: (None: the window).
CREATING_COMMANDS = (None, "demo", "import")


def build_parser(default_location: Path | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py", description="Decision Desk: the register of executive decisions.")
    where = f" ({default_location})" if default_location else ""
    parser.add_argument("--db", type=Path, help="register database (default: in the user"
                        f" data folder{where})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in (register_commands, record_commands, meeting_commands, committee_commands):
        area.add_commands(sub)
    return parser


def open_desk(launcher: Launcher, location: Path | None, command: str | None) -> Desk:
    """The register at ``location`` (the default one if None), with the ports around it.
    A ``--db`` path that does not exist is a new register only for the window, ``demo``
    and ``import``, and only in a folder that exists: anything else is a mistyped path,
    and silently making an empty register there would hide the mistake. The default
    register gets the demo when it is first made, and a backup the first time each day."""
    if location is not None:
        if not launcher.registers.exists(location):
            if command not in CREATING_COMMANDS:
                raise CommandError(f"there is no register at {location} (check --db; a new"
                                   " register is made by `demo`, `import` or the window)")
            if not location.parent.is_dir():
                raise CommandError(f"there is no folder {location.parent} for a new register"
                                   f" at {location} (create it first, or check --db)")
        return launcher.make_desk(launcher.registers.open(location), location)
    location = launcher.default_location()
    first_run = not launcher.registers.exists(location)
    desk = launcher.make_desk(launcher.registers.open(location), location)
    if first_run and desk.store.is_empty():
        exchange.load_demo(desk)
        log.info("created %s with the demo register", location)
    backups.automatic_backup(desk.store, location.parent / backups.BACKUPS_FOLDER,
                             dt.date.today(), stem=location.stem)
    return desk


def run(argv: list[str] | None, launcher: Launcher) -> int:
    """Parse ``argv`` and run the command (or the window); the exit code."""
    args = build_parser(launcher.default_location()).parse_args(argv)
    name = args.command or "window"
    window = args.command is None
    try:
        if getattr(args, "register", True) is False:
            if args.command == "restore":  # before opening: it works on a damaged register
                location = args.db or launcher.default_location()
                print(backups.restore(launcher.registers, location, args.file).message)
                return 0
            return args.handler(None, args)
        new = args.db is not None and not launcher.registers.exists(args.db)
        desk = open_desk(launcher, args.db, args.command)
        code = 1
        try:
            code = launcher.run_window(desk) if window else args.handler(desk, args)
            return code
        finally:
            empty = new and code != 0 and desk.store.is_empty()
            desk.close()
            if empty:  # a register this run made, and nothing went into it: leave no file
                launcher.registers.remove(args.db)
    except UserError as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        if window:  # started from a desktop icon, nobody reads standard error
            launcher.show_start_up_error(str(exc))
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:
        said = None
        if launcher.explain is not None:
            said = launcher.explain(exc, args.db or launcher.default_location())
        if said is not None:  # the register failed, not Decision Desk
            log.info("%s: %s", name, said, exc_info=True)  # the details: the log file only
            print(f"{name}: {said}", file=sys.stderr)
            if window:
                launcher.show_start_up_error(said)
            return 1
        where = launcher.log_file()
        log.critical("%s failed with a fault", name, exc_info=True)
        traceback.print_exc()
        print(f"{name}: this is a fault in Decision Desk, not something you did; the"
              f" details are in {where}. Nothing was changed by the failed step.",
              file=sys.stderr)
        return 2
