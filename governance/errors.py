"""The errors a user can act on, all under one root, and the one place they are worded.

Every interface catches :class:`UserError` in one place and shows it as one sentence
(:meth:`UserError.sentence`); anything else that escapes a use case is a bug and is
reported as one (a traceback in the log). ``ValueError`` and ``LookupError`` are never
used for a user's mistake: they would hide programming errors behind a friendly message.

The store adapters write no sentences: they raise the small exceptions below carrying
what happened (where, what kind, what the database said) and the sentence is built here,
so every interface says the same thing. What the clerk is to *do* about it sometimes
names the interface's own controls (a command, a menu): those phrases are
:class:`Advice`'s, which an interface may word in its own terms; ``str(exc)`` uses the
plain wording every interface can show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path


class Advice:
    """What to do next, in the interface's terms. These are the plain words, naming no
    command and no menu; the command line (``ui.cli``) words them as its commands."""

    def restore(self, location: str) -> str:
        """How to put a backup back over the register at ``location``."""
        return "restore the most recent backup"

    def check_file_name(self) -> str:
        """What to check when the file opened as the register is not one."""
        return "check the register's file name"

    def check_location(self) -> str:
        """What to check when a new register cannot be made where it was asked for."""
        return "check the register's location"

    def verify(self, location: str) -> str:
        """How to check the register at ``location`` for damage."""
        return "verify its audit trail"

    def backup_sources(self) -> str:
        """Which files can be restored."""
        return "give a backup Decision Desk made, or an automatic one"


#: The plain wording: what ``str()`` of an error says.
PLAIN = Advice()


class UserError(Exception):
    """Something the user can fix: the message says what was wrong, where, and what to do."""

    def sentence(self, advice: Advice | None = None) -> str:
        """The one sentence to show, its advice worded by ``advice`` (plain if None)."""
        return str(self)


class WordedError(UserError):
    """An error carrying data, worded by :meth:`sentence`; ``str()`` is the plain wording."""

    def sentence(self, advice: Advice | None = None) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.sentence(PLAIN)


class NotFound(UserError):
    """A decision, meeting, committee or document the register does not hold."""


class StaleEdit(UserError):
    """An edit based on a copy that someone else has changed since it was read."""


class StoreError(UserError):
    """The register cannot be used: not a register, damaged, locked, or the database
    refused a change (its own rules, past the app's, said no)."""


class OutputError(UserError):
    """A file that could not be written (no permission, no such folder, full disk);
    nothing was left half-written."""


class Cancelled(UserError):
    """The user cancelled long work; nothing was kept."""


# --- the register's own condition ------------------------------------------------------------


def where(location: str | Path | None) -> str:
    """The register's location as a sentence names it."""
    return str(location) if location is not None else "in memory"


class RegisterUnusable(WordedError, StoreError):
    """The register (or a file offered as one) cannot be used at all. ``kind`` says why:

    - ``not_a_register``: not an SQLite database (a text file, a file given by mistake);
    - ``damaged``: the database said its file is damaged (``detail``: what it said);
    - ``failed_check``: the database's integrity check found ``problems``;
    - ``cannot_open``: it could not be opened (``detail``: no permission, no such folder);
    - ``foreign``: a database, but not a Decision Desk register (no record of migrations);
    - ``other_program``: a database whose migrations are another program's;
    - ``newer``: made by a newer version (``detail``: the migration this one does not know);
    - ``incomplete``: a register missing a table (``detail``: the table);
    - ``unreadable``: its catalogue could not be read (``detail``: what the database said).

    ``backups_folder``: where the automatic daily backups are, when there are some."""

    NOT_A_REGISTER = "not_a_register"
    DAMAGED = "damaged"
    FAILED_CHECK = "failed_check"
    CANNOT_OPEN = "cannot_open"
    FOREIGN = "foreign"
    OTHER_PROGRAM = "other_program"
    NEWER = "newer"
    INCOMPLETE = "incomplete"
    UNREADABLE = "unreadable"

    def __init__(self, location: str | Path | None, kind: str, detail: str = "",
                 backups_folder: Path | None = None, problems: Sequence[str] = ()):
        super().__init__(location, kind, detail, backups_folder, tuple(problems))
        self.location = location
        self.kind = kind
        self.detail = detail
        self.backups_folder = backups_folder
        self.problems = tuple(problems)

    @property
    def is_damage(self) -> bool:
        return self.kind in (self.DAMAGED, self.FAILED_CHECK)

    def why(self) -> str:
        """What is wrong with the file, as a clause ("it is damaged: ..."): what a
        refusal to back up or restore it says."""
        if self.kind == self.NOT_A_REGISTER:
            return "it is not an SQLite database"
        if self.kind == self.DAMAGED:
            return f"it is damaged ({self.detail})"
        if self.kind == self.FAILED_CHECK:
            return f"it is damaged: {self._found()}"
        if self.kind == self.FOREIGN:
            return ("it is an SQLite database but not a Decision Desk register (it has no"
                    " record of Decision Desk's migrations)")
        if self.kind == self.OTHER_PROGRAM:
            return ("it is an SQLite database but not a Decision Desk register (its"
                    " migrations are another program's)")
        if self.kind == self.NEWER:
            return (f"it was made by a newer version of Decision Desk (it has migration"
                    f" {self.detail}, which this version does not know): update Decision"
                    " Desk first")
        if self.kind == self.INCOMPLETE:
            return f"it is not a complete Decision Desk register (no {self.detail} table)"
        return f"it cannot be read ({self.detail})"

    def _found(self) -> str:
        problems = self.problems or (self.detail,)
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        return f"SQLite's integrity check found \"{problems[0]}\"{more}"

    def restore_advice(self, advice: Advice) -> str:
        """Restore a backup (how, in the interface's terms; and where the backups are)."""
        folder = (f" (the automatic daily backups are in {self.backups_folder})"
                  if self.backups_folder is not None else "")
        return (f"{advice.restore(where(self.location))}{folder}; the damaged file is kept"
                " aside, not deleted")

    def sentence(self, advice: Advice | None = None) -> str:
        advice = advice or PLAIN
        at = where(self.location)
        if self.kind == self.NOT_A_REGISTER:
            return (f"{at} is not a Decision Desk register (it is not an SQLite database):"
                    f" {advice.check_file_name()}")
        if self.kind == self.DAMAGED:
            return f"{at} is damaged ({self.detail}): {self.restore_advice(advice)}"
        if self.kind == self.FAILED_CHECK:
            return (f"{at} is damaged: {self._found()}. Nothing has been changed. To carry"
                    f" on, {self.restore_advice(advice)}")
        if self.kind == self.CANNOT_OPEN:
            return f"{at}: not a usable Decision Desk register ({self.detail})"
        return f"{at} cannot be used: {self.why()}"


class RegisterRefused(WordedError, StoreError):
    """The register's own rules (a constraint, a trigger) refused a change the app made:
    ``detail`` is what the database said. The change was rolled back."""

    def __init__(self, location: str | Path | None, detail: str):
        super().__init__(location, detail)
        self.location = location
        self.detail = detail

    def sentence(self, advice: Advice | None = None) -> str:
        return f"the register {where(self.location)} refused the change: {self.detail}"


class RegisterUnavailable(WordedError, StoreError):
    """The machine under the register failed it (a disk error, no permission to write,
    a read-only file): ``detail`` is what the database said. Nothing was changed."""

    def __init__(self, location: str | Path | None, detail: str):
        super().__init__(location, detail)
        self.location = location
        self.detail = detail

    def sentence(self, advice: Advice | None = None) -> str:
        return f"the register {where(self.location)} could not be used: {self.detail}"


class RegisterBusy(RegisterUnavailable):
    """Another program held the register (its write lock) for longer than the app waits."""


class RegisterFull(RegisterUnavailable):
    """The disk under the register is full (or the register reached its size limit)."""


class CannotCreate(WordedError, StoreError):
    """A new register cannot be made at ``location``: the ``folder`` it would go in does
    not exist (a mistyped location is more likely than a wish for new folders)."""

    def __init__(self, location: str | Path, folder: str | Path):
        super().__init__(location, folder)
        self.location = location
        self.folder = folder

    def sentence(self, advice: Advice | None = None) -> str:
        advice = advice or PLAIN
        return (f"there is no folder {self.folder} for a new register at {self.location}"
                f" (create it first, or {advice.check_location()})")


class NotInRegister(WordedError, StoreError):
    """A change named a row the store does not hold (``table``, ``key``): the use cases
    check first, so this is the store's backstop. ``key`` is the name, or for a meeting
    its (committee, date)."""

    def __init__(self, table: str, key: object):
        super().__init__(table, key)
        self.table = table
        self.key = key

    def sentence(self, advice: Advice | None = None) -> str:
        if self.table == "meetings" and isinstance(self.key, tuple):
            committee, day = self.key
            when = day.isoformat() if isinstance(day, dt.date) else day
            return f"{committee} has no meeting on {when}"
        return f"{self.key!r} is not in the register ({self.table})"
