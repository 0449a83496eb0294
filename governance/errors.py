"""The errors a user can act on, all under one root.

Every interface catches :class:`UserError` in one place and shows its message as one
sentence; anything else that escapes a use case is a bug and is reported as one (a
traceback in the log). ``ValueError`` and ``LookupError`` are never used for a user's
mistake: they would hide programming errors behind a friendly message.
"""


class UserError(Exception):
    """Something the user can fix: the message says what was wrong, where, and what to do."""


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
