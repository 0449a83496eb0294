"""``list --csv`` and ``calendar``: the register as a spreadsheet and as a calendar.

    python main.py [--db PATH] list --csv [--search TEXT] [--status S] [-o FILE]
    python main.py [--db PATH] calendar FILE|- [--public] [--committee NAME]

Files are written atomically (:func:`db.files.atomic_write`): a folder that cannot be
written to gives one line naming the file, and no partial file.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from db.files import atomic_write
from db.outputs import agendas, listing
from db.register import DecisionFilter, Register
from templates.calendar_ics import calendar_events, calendar_name, ics_bytes
from templates.register_csv import register_csv
from templates.style import house_style


def write_stdout(data: bytes) -> None:
    """Bytes to standard output as they are (no newline translation on Windows)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # standard output replaced by a text stream (tests, IDEs)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def register_csv_bytes(register: Register, where: DecisionFilter | None = None,
                       sort: str = "number", descending: bool = False) -> tuple[bytes, int]:
    """The decisions matching ``where`` as CSV, and how many there are."""
    rows = listing(register, where, sort, descending)
    return register_csv(rows), len(rows)


def save_register_csv(register: Register, path: Path, where: DecisionFilter | None = None,
                      sort: str = "number", descending: bool = False) -> int:
    """Write the decisions matching ``where`` to ``path`` as CSV (atomically); returns
    how many were written."""
    data, count = register_csv_bytes(register, where, sort, descending)
    atomic_write(Path(path), data)
    return count


def list_csv(register: Register, args: Any) -> int:
    where = DecisionFilter(search=args.search or None, status=args.status or None)
    if args.output is None:
        data, _ = register_csv_bytes(register, where)
        write_stdout(data)
        return 0
    count = save_register_csv(register, args.output, where)
    print(f"Wrote {count} decision{'s' if count != 1 else ''} to {args.output} (CSV).")
    return 0


def calendar_bytes(register: Register, public: bool = False, committee: str | None = None,
                   now: dt.datetime | None = None,
                   config_dir: Path | None = None) -> tuple[bytes, int]:
    """The register's calendar as iCalendar bytes, and how many events it holds."""
    style = house_style(config_dir)
    council = register.council()
    name = council.name if council else style["council_name"]
    events = calendar_events(agendas(register, committee), register.all_decisions(), style,
                             name, public=public, committee=committee)
    return ics_bytes(events, calendar_name(style, name, public, committee), now), len(events)


def cmd_calendar(register: Register, args: Any) -> int:
    data, count = calendar_bytes(register, public=args.public, committee=args.committee)
    if args.file == "-":
        write_stdout(data)
        return 0
    path = Path(args.file)
    if path.suffix.lower() not in (".ics", ".ical", ".ifb", ".icalendar"):
        print(f"note: {path} does not end in .ics; calendars open files ending in .ics",
              file=sys.stderr)
    atomic_write(path, data)
    what = "public calendar" if args.public else "calendar"
    print(f"Wrote the {what} ({count} event{'s' if count != 1 else ''}) to {path}.")
    return 0
