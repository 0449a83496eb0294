"""Backups of the register: on demand (``backup FILE``, File ▸ Back up the register…),
automatically on the first start of each day, and restoring one.

How a consistent copy is taken and put back is the store's (SQLite's online backup API);
what is kept, for how long, and what the clerk is told is here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from governance import audit
from governance.desk import EVERYTHING, Desk, Done
from governance.errors import UserError
from governance.ports import Registers, Store

log = logging.getLogger(__name__)

#: How many days' automatic backups are kept (days the register was used).
KEEP_DAYS = 7
BACKUPS_FOLDER = "backups"


class BackupError(UserError):
    """A backup that cannot be made, or a file that cannot be restored: says why and what
    to do. Nothing has been changed."""


def backup(desk: Desk, destination: Path, name_register: bool = False) -> Done[Path]:
    """Copy the register to ``destination`` (a file, or a folder for a dated file), safely
    while others use it. ``name_register``: the sentence names the register's location
    (``backup`` on the command line says which register it copied), else "the register"
    (the window has only the one open)."""
    dest, copied = desk.store.backup_to(Path(destination))
    which = (desk.store.location or "the register") if name_register else "the register"
    return Done(f"Backed up {which} to {dest} ({copied}).", value=dest)


def _dated(folder: Path, stem: str) -> dict[dt.date, Path]:
    pattern = re.compile(rf"^{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}})\.sqlite$")
    out: dict[dt.date, Path] = {}
    for p in folder.iterdir() if folder.is_dir() else []:
        m = pattern.match(p.name)
        if m:
            try:
                out[dt.date.fromisoformat(m.group(1))] = p
            except ValueError:
                continue
    return out


def automatic_backup(store: Store, folder: Path, today: dt.date, stem: str = "register",
                     keep: int = KEEP_DAYS) -> Path | None:
    """The day's backup, made the first time the register is opened that day
    (``STEM-YYYY-MM-DD.sqlite`` in ``folder``); the newest ``keep`` days' are kept (days
    the register was used: a fortnight's leave does not leave only today's).

    Never stops the app: a failure is logged as a warning and the backups already made are
    left alone. Returns the backup written, or None."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        existing = _dated(folder, stem)
        written = None
        if today not in existing:
            written, _facts = store.backup_to(folder / f"{stem}-{today.isoformat()}.sqlite")
            existing[today] = written
        for day in sorted(existing, reverse=True)[keep:]:
            existing[day].unlink(missing_ok=True)
        return written
    except (UserError, OSError) as exc:
        log.warning("the automatic backup of %s was not made: %s", store.location, exc)
        return None


def restore(registers: Registers, location: str | Path, source: Path) -> Done[Path | None]:
    """Replace the register at ``location`` with the backup ``source`` (refused, with the
    reason, before anything changes when it is not a sound register); the register as it
    was is kept aside. Works on a register too damaged to open."""
    aside, restored = registers.restore(location, Path(source))
    store = registers.open(location)  # brings an older backup's schema up to date
    try:
        with store.transaction():
            audit.record(store, "register", Path(str(location)).name, "restore", None,
                         {"from": str(source), "kept_aside": str(aside) if aside else None,
                          "decisions": restored.decisions})
    finally:
        store.close()
    kept = f" The register as it was is kept in {aside}." if aside else ""
    return Done(f"Restored {location} from {source} ({restored}).{kept}", EVERYTHING, aside)
