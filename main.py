"""Decision Desk: the composition root. Builds the store (an SQLite register file, or a
team's shared register on PostgreSQL) and the document and signature adapters, hands them
to the core, and opens the window or runs a command: ``python main.py [--db PATH|URL]
[COMMAND ...]`` (``--help`` lists the commands). The only module that knows every
layer."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import platformdirs

from db.postgres_store import PostgresRegisters, PostgresStore, is_url
from db.sqlite_store import SqliteRegisters, SqliteStore
from governance.desk import Desk
from governance.ports import Registers, Store
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


def make_desk(store: Store, location: str | Path | None) -> Desk:
    """The ports around a store; background work gets its own store on the same
    register (a connection belongs to one thread)."""
    if isinstance(store, PostgresStore):
        def reopen() -> Store:
            return PostgresStore.open(store.url)
    elif location is not None:
        def reopen() -> Store:
            return SqliteStore.open(location, check=False)
    else:
        reopen = None
    return Desk(store, Renderer(), PadesSignatures(), reopen=reopen)


def locate(text: str | None) -> tuple[Registers, str]:
    """Which adapter opens the register ``--db`` names (None: the default register),
    and its location as that adapter names it: a PostgreSQL URL is a team's shared
    register, anything else a register file."""
    if is_url(text):
        return PostgresRegisters(), str(text)
    path = Path(text) if text is not None else default_db_path()
    return SqliteRegisters(), str(path)


def launcher() -> Launcher:
    """What the interfaces are given; the window opens other registers (File ▸ Open
    shared register…) and reconnects to a shared one through it."""
    def run_window(desk: Desk) -> int:
        return app.run_window(desk, made)

    made = Launcher(locate, make_desk, default_db_path, log_file, run_window,
                    app.show_start_up_error, app.show_fault)
    return made


def main(argv: list[str] | None = None) -> int:
    configure_logging(log_file())
    return cli.run(argv, launcher())


def entry_point() -> None:
    """The ``decision-desk`` command installed with the package."""
    sys.exit(main())


if __name__ == "__main__":
    logging.captureWarnings(True)
    entry_point()
