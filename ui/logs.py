"""Where Decision Desk writes what it did and what went wrong: warnings to standard
error, everything from INFO up (faults with their tracebacks) to a log file in the
user's log folder, which a fault's message names.

A record logged with ``extra=FILE_ONLY`` goes to the log file only: the command line
logs a fault's traceback that way and prints it to standard error itself, once."""

from __future__ import annotations

import logging
from pathlib import Path

_OURS = "decision_desk_handler"
#: ``extra=`` for a record the log file is to have but not standard error.
FILE_ONLY = {"file_only": True}
#: The log file :func:`configure_logging` set up (None until then, or when its folder
#: could not be made).
_log_file: Path | None = None


def log_file_path() -> Path | None:
    """The log file in use: where a fault's message sends the clerk."""
    return _log_file


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "file_only", False)


def configure_logging(log_file: Path) -> None:
    """Set up the two handlers once per process (again: replaces them)."""
    global _log_file
    _log_file = None
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console.addFilter(_not_file_only)
    setattr(console, _OURS, True)
    root.addHandler(console)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        to_file = logging.FileHandler(log_file, encoding="utf-8", delay=True)
    except OSError:  # no log folder: standard error still says what matters
        return
    to_file.setLevel(logging.INFO)
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    setattr(to_file, _OURS, True)
    root.addHandler(to_file)
    _log_file = log_file
