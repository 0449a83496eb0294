"""The command line: ``python main.py [--db PATH] COMMAND ...``.

Each area's parser sits beside its handlers (``register_commands``, ``meeting_commands``,
``committee_commands``, ``record_commands``); a handler calls use cases only and prints
what they say. ``--db`` is text: the launcher says which adapter's register it names.

Errors are caught here, once: a :class:`UserError` is one line on standard error (its
sentence, with the advice worded as this interface's commands) and exit code 1; so is
a failure of the register's own machinery the adapter recognises as its condition
(``Registers.explain``: locked, a disk error, a full disk). Anything else is a bug:
its traceback once on standard error and in the log file, whose path is given, and
exit code 2; if the window was starting, the crash dialog as well.
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
from ui.cli import (
    attendance_commands,
    committee_commands,
    forward_plan_commands,
    meeting_commands,
    minutes_commands,
    notice_commands,
    record_commands,
    register_commands,
    setup_commands,
    shared_commands,
    work_programme_commands,
)
from ui.cli.common import COMMAND_LINE, CommandError, Launcher, Place
from ui.logs import FILE_ONLY
from ui.version import app_version, command_name

log = logging.getLogger(__name__)

#: The commands that may start a new register at a ``--db`` location where there is none
#: yet (None: the window; ``council set``: setting a new council up from nothing).
CREATING_COMMANDS = (None, "demo", "import", "council")


def build_parser(default_location: str | Path | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=command_name(), description="Decision Desk: the register of executive decisions.")
    where = f" ({default_location})" if default_location else ""
    parser.add_argument("--db", metavar="PATH|URL", help="the register: a file (default: in"
                        f" the user data folder{where}), or a team's shared register,"
                        " postgresql://USER@HOST/DBNAME")
    parser.add_argument("--version", action="version",
                        version=f"Decision Desk {app_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in (register_commands, record_commands, meeting_commands, committee_commands,
                 shared_commands, setup_commands):
        area.add_commands(sub)
    forward_plan_commands.add_commands(sub)  # after record_commands: adds to ``render``
    work_programme_commands.add_commands(sub)  # adds to ``render``, ``committee``, ``meeting``
    notice_commands.add_commands(sub)  # after record_commands: adds to ``render``
    minutes_commands.add_commands(sub)  # adds to ``render``, ``meeting``, ``council set``
    attendance_commands.add_commands(sub)
    return parser


def open_desk(launcher: Launcher, place: Place, command: str | None) -> Desk:
    """The register at ``place``, with the ports around it. A ``--db`` location where
    there is no register is a new register only for the window, ``demo`` and ``import``,
    and only where its adapter can make one (a file's folder must exist): anything else
    is a mistyped location, and silently making an empty register there would hide the
    mistake. The default register gets the demo when it is first made, and a backup the
    first time each day."""
    registers, location = place.registers, place.location
    if place.named:
        if not registers.exists(location):
            if command not in CREATING_COMMANDS:
                raise CommandError(f"there is no register at {location} (check --db; a new"
                                   " register is made by `demo`, `import`, `council set`"
                                   " or the window)")
            refused = registers.may_create(location)
            if refused is not None:
                raise refused
        return launcher.make_desk(registers.open(location), location)
    first_run = not registers.exists(location)
    desk = launcher.make_desk(registers.open(location), location)
    if first_run and desk.store.is_empty():
        exchange.load_demo(desk)
        log.info("created %s with the demo register", location)
    backups.daily_backup(registers, location, desk.store, dt.date.today())
    return desk


def run(argv: list[str] | None, launcher: Launcher) -> int:
    """Parse ``argv`` and run the command (or the window); the exit code."""
    args = build_parser(launcher.default_location()).parse_args(argv)
    name = args.command or "window"
    window = args.command is None
    place: Place | None = None
    try:
        registers, location = launcher.locate(args.db)
        place = args.place = Place(registers, location, named=args.db is not None)
        args.locate = launcher.locate
        if getattr(args, "register", True) is False:  # deadlines; restore (works on a
            return args.handler(None, args)           # register too damaged to open)
        return _with_register(launcher, place, args)
    except UserError as exc:
        return _refused(launcher, name, exc, window)
    except BrokenPipeError:
        return 0
    except Exception as exc:
        failure = place.registers.explain(exc, place.location) if place is not None else None
        if failure is None:
            return _fault(launcher, name, exc, window)
        # The register failed, not Decision Desk: the details go to the log file only.
        log.info("%s: %s", name, failure, exc_info=True)
        return _refused(launcher, name, failure, window)


def _with_register(launcher: Launcher, place: Place, args: argparse.Namespace) -> int:
    """Open the register, run the command (or the window) on it, close it."""
    new = place.named and not place.registers.exists(place.location)
    desk = open_desk(launcher, place, args.command)
    code = 1
    try:
        code = launcher.run_window(desk) if args.command is None else args.handler(desk, args)
        return code
    finally:
        empty = new and code != 0 and desk.store.is_empty()
        desk.close()
        if empty:  # a register this run made, and nothing went into it: leave no file
            place.registers.remove(place.location)


def _refused(launcher: Launcher, name: str, exc: UserError, window: bool) -> int:
    """Something the clerk can act on: one line on standard error, exit code 1."""
    print(f"{name}: {exc.sentence(COMMAND_LINE)}", file=sys.stderr)
    if window:  # started from a desktop icon, nobody reads standard error
        launcher.show_start_up_error(exc.sentence())
    return 1


def _fault(launcher: Launcher, name: str, exc: BaseException, window: bool) -> int:
    """A bug: its traceback once on standard error and in the log file, whose path is
    given; the window's crash dialog too when the window was starting. Exit code 2."""
    where = launcher.log_file()
    log.critical("%s failed with a fault", name, exc_info=exc, extra=FILE_ONLY)
    traceback.print_exception(exc)
    print(f"{name}: this is a fault in Decision Desk, not something you did; the"
          f" details are in {where}. Nothing was changed by the failed step.",
          file=sys.stderr)
    if window and launcher.show_fault is not None:  # no terminal to read the above in
        try:
            launcher.show_fault(exc)
        except Exception:  # noqa: BLE001 - the fault is reported; never fail on the dialog
            log.exception("the crash dialog could not be shown")
    return 2
