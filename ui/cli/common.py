"""What every command shares: how it is given the register, how it reads a date, how it
prints what a use case said, and how the advice in an error names the commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from governance.desk import Desk, Done
from governance.errors import Advice, StoreError, UserError
from governance.ports import Registers, Store
from ui.version import command_name


class CommandError(UserError):
    """A command given wrongly (options that do not go together, a missing value)."""


class CommandLineAdvice(Advice):
    """What to do next, named as this interface's commands and options."""

    def restore(self, location: str) -> str:
        return (f"restore the most recent backup with `{command_name()} --db {location}"
                " restore BACKUP`")

    def check_file_name(self) -> str:
        return "check the file name given to --db"

    def check_location(self) -> str:
        return "check --db"

    def verify(self, location: str) -> str:
        return f"run `{command_name()} --db {location} audit verify`"

    def backup_sources(self) -> str:
        return "give a backup made by `backup` or an automatic one"


COMMAND_LINE = CommandLineAdvice()


@dataclass
class Launcher:
    """What the composition root hands the interfaces: where a register named by
    ``--db`` is and which adapter opens it, how to put the ports around a store, where
    the default register and the log are, and the window."""

    #: ``--db``'s text (None: the default register) -> the adapter for that kind of
    #: register and the register's location as the adapter names it.
    locate: Callable[[str | None], tuple[Registers, str]]
    make_desk: Callable[[Store, str | None], Desk]
    default_location: Callable[[], str | Path]
    log_file: Callable[[], Path]
    run_window: Callable[[Desk], int]
    show_start_up_error: Callable[[str], None]
    #: The crash dialog, for a fault before the window's own fault handler is installed
    #: (the window failing to start); None: standard error only.
    show_fault: Callable[[BaseException], None] | None = None

    def open_register(self, text: str) -> Desk:
        """The register ``text`` names (a register file's path, or a shared register's
        URL), opened, with the ports around it: what the window's File ▸ Open… switch to.
        Only a register that is there: the window never makes one by opening it."""
        registers, location = self.locate(text)
        if not registers.exists(location):
            raise StoreError(f"there is no register at {location}")
        return self.make_desk(registers.open(location), location)

    def explain(self, exc: BaseException, text: str) -> StoreError | None:
        """The failure ``exc`` of the register ``text`` names (outside a unit of work) as
        the register's condition (a server gone, a disk error), or None: a fault."""
        registers, location = self.locate(text)
        return registers.explain(exc, location)


@dataclass(frozen=True)
class Place:
    """Where a command's register is: the adapter for it, its location, and whether
    ``--db`` named it (else it is the default register). Handlers that work on a
    register they do not open (``restore``) find it as ``args.place``."""

    registers: Registers
    location: str
    named: bool


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def say(done: Done) -> None:
    """A use case's sentence on standard output, its notes on standard error."""
    for note in done.notes:
        print(f"note: {note}", file=sys.stderr)
    print(done.message)


def write_stdout(data: bytes) -> None:
    """Bytes to standard output as they are (no newline translation on Windows)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # standard output replaced by a text stream (tests, IDEs)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def day(when: dt.date) -> str:
    return f"{when:%A} {when.day} {when:%B %Y}"


Handler = Callable[[Desk, argparse.Namespace], int]
