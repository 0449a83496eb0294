"""A register an older version made is backed up before its schema is brought up to date
(an upgrade replaces the app, never the clerk's data): the copy is the register as it
was, in the backups folder beside it; a current or new register is not copied; and a
register whose backup cannot be written is not migrated."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from db.schema import migrations
from db.sqlite_store import SqliteStore
from governance.backups import BackupNotWritten
from main import main
from tests.test_migrations import CURRENT_ORDER, RELEASED_ORDER, _released_register, _schema

OLDER = RELEASED_ORDER[:4]  # before m005 and m006 were written


def applied(path: Path) -> list[str]:
    db = Database(path)
    try:
        return [m.name for m in migrations.applied(db)]
    finally:
        db.close()


def test_an_older_register_is_backed_up_as_it_was_before_it_is_migrated(tmp_path):
    older = tmp_path / "register.sqlite"
    _released_register(older, OLDER)
    as_it_was = _schema(older)

    SqliteStore.open(older).close()

    copies = sorted((tmp_path / "backups").iterdir())
    assert [c.name.startswith("register-before-migrating-") and c.suffix == ".sqlite"
            for c in copies] == [True]
    assert applied(copies[0]) == list(OLDER)
    assert _schema(copies[0]) == as_it_was
    assert applied(older) == list(CURRENT_ORDER)  # and the register itself is up to date


def test_the_first_command_on_an_older_register_backs_it_up_then_works(tmp_path, capsys):
    older = tmp_path / "register.sqlite"
    _released_register(older, OLDER)
    assert main(["--db", str(older), "list"]) == 0
    capsys.readouterr()
    copies = list((tmp_path / "backups").glob("register-before-migrating-*.sqlite"))
    assert len(copies) == 1 and applied(copies[0]) == list(OLDER)
    assert main(["--db", str(older), "list"]) == 0  # up to date now: no second copy
    assert list((tmp_path / "backups").iterdir()) == copies


def test_a_current_or_new_register_is_not_copied(tmp_path):
    new = tmp_path / "register.sqlite"
    SqliteStore.open(new).close()  # new: nothing to keep
    SqliteStore.open(new).close()  # current: nothing to migrate
    assert not (tmp_path / "backups").exists()


def test_a_register_whose_backup_cannot_be_written_is_left_as_it_was(tmp_path):
    older = tmp_path / "register.sqlite"
    _released_register(older, OLDER)
    (tmp_path / "backups").write_text("not a folder")
    with pytest.raises(BackupNotWritten, match="cannot write here"):
        SqliteStore.open(older)
    assert applied(older) == list(OLDER)
