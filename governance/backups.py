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
from governance.errors import (
    PLAIN,
    Advice,
    OutputError,
    RegisterUnusable,
    StoreError,
    UserError,
    WordedError,
)
from governance.ports import Registers, Store

log = logging.getLogger(__name__)

#: How many days' automatic backups are kept (days the register was used).
KEEP_DAYS = 7
BACKUPS_FOLDER = "backups"


class BackupError(UserError):
    """A backup that cannot be made, or a file that cannot be restored: says why and what
    to do. Nothing has been changed."""


# --- what the store reports about backups and restores, worded here -----------------------


class BackupRefused(WordedError, BackupError):
    """A backup of ``register`` to ``destination`` refused. ``kind``:

    - ``the_register``: the destination is the register itself;
    - ``in_memory``: a register in memory has no file to copy;
    - ``failed_check``: the copy failed its check (``problem``: what is wrong with it), so
      the register itself may be damaged."""

    THE_REGISTER = "the_register"
    IN_MEMORY = "in_memory"
    FAILED_CHECK = "failed_check"

    def __init__(self, register: str | Path | None, destination: Path | None, kind: str,
                 problem: RegisterUnusable | None = None):
        super().__init__(register, destination, kind, problem)
        self.register = register
        self.destination = destination
        self.kind = kind
        self.problem = problem

    def sentence(self, advice: Advice | None = None) -> str:
        advice = advice or PLAIN
        if self.kind == self.THE_REGISTER:
            return f"{self.destination} is the register itself: give another file for the backup"
        if self.kind == self.IN_MEMORY:
            return "an in-memory register cannot be backed up"
        why = self.problem.why() if self.problem is not None else "it is damaged"
        return (f"the copy of {self.register} failed its check: {why}. The register itself"
                f" may be damaged: {advice.verify(str(self.register))}; nothing was written"
                f" to {self.destination}")


class BackupNotWritten(WordedError, OutputError):
    """A file a backup or a restore writes that could not be written (``path``).
    ``kind``: ``no_folder`` (``path`` is the missing folder), ``cannot_write_here``,
    ``disk_full``, ``failed``, ``not_kept_aside`` (the current register's copy, before
    a restore); ``detail``: what the system said."""

    NO_FOLDER = "no_folder"
    CANNOT_WRITE_HERE = "cannot_write_here"
    DISK_FULL = "disk_full"
    FAILED = "failed"
    NOT_KEPT_ASIDE = "not_kept_aside"

    def __init__(self, path: Path, kind: str, detail: str | None = None):
        super().__init__(path, kind, detail)
        self.path = path
        self.kind = kind
        self.detail = detail

    def sentence(self, advice: Advice | None = None) -> str:
        p = self.path
        if self.kind == self.NO_FOLDER:
            return f"{p}: no such folder (create it first, or give another)"
        if self.kind == self.CANNOT_WRITE_HERE:
            return f"{p}: cannot write here ({self.detail})"
        if self.kind == self.DISK_FULL:
            return f"{p}: the backup could not be written (the disk is full); nothing was written"
        if self.kind == self.NOT_KEPT_ASIDE:
            return (f"{p}: the current register could not be kept aside ({self.detail});"
                    " nothing was restored")
        return f"{p}: the backup could not be written ({self.detail}); nothing was written"


class BackupFailed(WordedError, StoreError):
    """The register failed while it was being copied to ``destination`` (``cause``: its
    condition: damaged, locked, a disk error). Nothing was written."""

    def __init__(self, destination: Path, cause: StoreError):
        super().__init__(destination, cause)
        self.destination = destination
        self.cause = cause

    def sentence(self, advice: Advice | None = None) -> str:
        return f"no backup was written to {self.destination}: {self.cause.sentence(advice)}"


class RestoreRefused(WordedError, BackupError):
    """A file that cannot be restored (``source``), refused before anything changed.
    ``kind``: ``missing``, ``folder``, ``unreadable`` (``detail``: why), ``empty``,
    ``not_sqlite``, ``the_register``, ``cannot_open`` (``detail``: what the database
    said), ``unsound`` (``problem``: what is wrong with it)."""

    MISSING = "missing"
    FOLDER = "folder"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    NOT_SQLITE = "not_sqlite"
    THE_REGISTER = "the_register"
    CANNOT_OPEN = "cannot_open"
    UNSOUND = "unsound"

    def __init__(self, source: Path, kind: str, detail: str | None = None,
                 problem: RegisterUnusable | None = None):
        super().__init__(source, kind, detail, problem)
        self.source = source
        self.kind = kind
        self.detail = detail
        self.problem = problem

    def sentence(self, advice: Advice | None = None) -> str:
        advice = advice or PLAIN
        s = self.source
        if self.kind == self.MISSING:
            return f"{s}: no such file"
        if self.kind == self.FOLDER:
            return f"{s} is a folder: give the backup file itself"
        if self.kind == self.UNREADABLE:
            return f"{s} cannot be read ({self.detail})"
        if self.kind in (self.EMPTY, self.NOT_SQLITE):
            what = "it is empty" if self.kind == self.EMPTY else "it is not an SQLite database"
            return (f"{s} is not a Decision Desk register ({what}): nothing was restored;"
                    f" {advice.backup_sources()}")
        if self.kind == self.THE_REGISTER:
            return f"{s} is the register itself: give a backup file"
        if self.kind == self.CANNOT_OPEN:
            return f"{s} cannot be opened ({self.detail}): nothing was restored"
        problem = self.problem
        why = problem.why() if problem is not None else "it is not a sound register"
        older = " Try an older backup." if problem is not None and problem.is_damage else ""
        return f"{s} cannot be restored: {why}. Nothing was changed.{older}"


class RestoreFailed(WordedError, StoreError):
    """Restoring ``source`` over the register at ``location`` failed part-way (``detail``:
    what the database said); the register as it was is kept aside."""

    def __init__(self, location: str | Path, source: Path, detail: str):
        super().__init__(location, source, detail)
        self.location = location
        self.source = source
        self.detail = detail

    def sentence(self, advice: Advice | None = None) -> str:
        return (f"{self.location} could not be restored from {self.source}: {self.detail}."
                " The register as it was is kept aside")


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


def daily_backup(registers: Registers, location: str, store: Store,
                 today: dt.date) -> Path | None:
    """The day's automatic backup of the register at ``location`` (open as ``store``),
    where its adapter keeps them; None if one was made already today or the register has
    no such backups (one on a server is backed up there)."""
    folder = registers.backups_folder(location)
    if folder is None:
        return None
    return automatic_backup(store, folder, today, stem=registers.backup_stem(location))


def restore(registers: Registers, location: str | Path, source: Path) -> Done[Path | None]:
    """Replace the register at ``location`` with the backup ``source`` (refused, with the
    reason, before anything changes when it is not a sound register); the register as it
    was is kept aside. Works on a register too damaged to open."""
    aside, restored = registers.restore(location, Path(source))
    store = registers.open(location)  # brings an older backup's schema up to date
    try:
        with store.transaction():
            audit.record(store, "register", registers.backup_stem(str(location)), "restore",
                         None,
                         {"from": str(source), "kept_aside": str(aside) if aside else None,
                          "decisions": restored.decisions})
    finally:
        store.close()
    kept = f" The register as it was is kept in {aside}." if aside else ""
    return Done(f"Restored {location} from {source} ({restored}).{kept}", EVERYTHING, aside)
