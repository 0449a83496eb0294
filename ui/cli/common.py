"""What every command shares: how it is given the register, how it reads a date, how it
prints what a use case said."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from governance.desk import Desk, Done
from governance.errors import UserError
from governance.ports import Registers, Store


class CommandError(UserError):
    """A command given wrongly (options that do not go together, a missing value)."""


@dataclass
class Launcher:
    """What the composition root hands the interfaces: how to open a register and put
    the ports around it, where the default register and the log are, and the window."""

    registers: Registers
    make_desk: Callable[[Store, Path | None], Desk]
    default_location: Callable[[], Path]
    log_file: Callable[[], Path]
    run_window: Callable[[Desk], int]
    show_start_up_error: Callable[[str], None]
    #: The sentence for an error the register's own machinery raised outside a use case's
    #: unit of work (a read that fails: a disk error, a lock held too long), given the
    #: register's location; None when the error is not the register's (then it is a fault).
    explain: Callable[[BaseException, Path], str | None] | None = None


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
