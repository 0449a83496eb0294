"""A team's shared register on PostgreSQL: what its administrator runs.

    python main.py --db postgresql://ADMIN@HOST/DBNAME init
    python main.py --db postgresql://ADMIN@HOST/DBNAME grant LOGIN --role clerk|reader
    python main.py --db postgresql://USER@HOST/DBNAME transfer FILE.sqlite

Passwords come from libpq's usual places (PGPASSWORD, ~/.pgpass, a service file), never
from the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from governance import sharing
from governance.desk import Desk
from ui.cli.common import CommandError, Place, say


def add_commands(sub: Any) -> None:
    p = sub.add_parser("init", help="make a shared register's schema and its two roles in an"
                       " empty PostgreSQL database (or bring an existing one up to date)")
    p.set_defaults(handler=cmd_init, register=False)
    p = sub.add_parser("grant", help="give a login role the clerk's or the reader's rights on"
                       " a shared register")
    p.add_argument("login", help="the login role on the server, e.g. jsmith")
    p.add_argument("--role", choices=("clerk", "reader"), required=True,
                   help="clerk: everything the app does; reader: reads the register, never"
                        " exempt content")
    p.set_defaults(handler=cmd_grant, register=False)
    p = sub.add_parser("transfer", help="copy a whole register file into an empty shared"
                       " register, and check the copy")
    p.add_argument("file", type=Path, help="the register file (.sqlite) to copy")
    p.set_defaults(handler=cmd_transfer)


def _shared_place(args: argparse.Namespace) -> Place:
    place: Place = args.place
    if not place.named:
        raise CommandError(f"{args.command} works on a shared register: give it with --db"
                           " postgresql://USER@HOST/DBNAME")
    return place


def cmd_init(_desk: Desk | None, args: argparse.Namespace) -> int:
    place = _shared_place(args)
    say(sharing.init(place.registers, place.location))
    return 0


def cmd_grant(_desk: Desk | None, args: argparse.Namespace) -> int:
    place = _shared_place(args)
    say(sharing.grant(place.registers, place.location, args.login, args.role))
    return 0


def cmd_transfer(desk: Desk, args: argparse.Namespace) -> int:
    registers, location = args.locate(str(args.file))
    if not Path(args.file).is_file():
        raise CommandError(f"{args.file}: no such register file")
    source = registers.open(location)
    try:
        say(sharing.transfer(desk, source))
    finally:
        source.close()
    return 0
