"""The base of every error a user can act on: printed as one line, never a traceback."""


class UserError(Exception):
    """Something the user can fix: the message says what was wrong, where, and what to do."""
