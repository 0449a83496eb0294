"""Decision Desk: the composition root. Builds the store (an SQLite register) and the
document and signature adapters, hands them to the core, and opens the window or runs a
command: ``python main.py [--db PATH] [COMMAND ...]`` (``--help`` lists the commands).
The only module that knows every layer."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import platformdirs

from db.sqlite_store import SqliteRegisters, SqliteStore
from governance.desk import Desk
from governance.ports import Store
from templates.renderer import Renderer
from templates.signing import PadesSignatures
from ui import app, cli
from ui.cli.common import Launcher
from ui.logs import configure_logging

APP_NAME = "DecisionDesk"


def default_db_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "register.sqlite"


def log_file() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False) / "decision-desk.log"


def make_desk(store: Store, location: Path | None) -> Desk:
    """The ports around a store; background work gets its own store on the same file."""
    reopen = (lambda: SqliteStore.open(location, check=False)) if location is not None \
        else None
    return Desk(store, Renderer(), PadesSignatures(), reopen=reopen)


def launcher() -> Launcher:
    registers = SqliteRegisters()
    return Launcher(registers, make_desk, default_db_path, log_file, app.run_window,
                    app.show_start_up_error, registers.explain)


def main(argv: list[str] | None = None) -> int:
    configure_logging(log_file())
    return cli.run(argv, launcher())


def entry_point() -> None:
    """The ``decision-desk`` command installed with the package."""
    sys.exit(main())


if __name__ == "__main__":
    logging.captureWarnings(True)
    entry_point()
