"""Backups (while another process writes), restore (refusing what is not a sound register,
keeping the current one aside), the daily automatic backups, and the integrity check
when a register is opened."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from db import sqlite_backup as bk
from db.sqlite_store import SqliteRegisters, SqliteStore
from governance import backups as governance_backups
from governance import decisions
from governance.backups import RestoreRefused
from governance.desk import Desk
from governance.errors import RegisterUnusable, StoreError
from governance.exchange import export_text
from main import main
from tests.conftest import open_desk

ROOT = Path(__file__).parent.parent


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _text(path: Path) -> str:
    reg = open_desk(path)
    try:
        return export_text(reg)
    finally:
        reg.close()


def _damage(path: Path) -> None:
    """Overwrite the header of every other b-tree page: what a failing disk does."""
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096, 2):
        data[page * 4096:page * 4096 + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


@pytest.fixture
def db(sample_register: Desk) -> Path:
    assert sample_register.store.path is not None
    sample_register.close()
    return sample_register.store.path


# --- backup while another process writes ------------------------------------------------

WRITER = r"""
import sys, time
from pathlib import Path
from governance import decisions
from tests.conftest import open_desk
reg = open_desk(Path(sys.argv[1]))
end = time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < end:
    d = decisions.create_decision(reg, f"Written during the backup {n}", year=2026).value
    decisions.update_decision(reg, d.number, {"reasons": "x" * 2000})
    n += 1
reg.close()
print(n)
"""


def test_backups_taken_while_another_process_writes_are_whole_and_consistent(
        db: Path, tmp_path: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "3"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    counts = []
    try:
        time.sleep(0.4)
        for i in range(4):
            done = _cli("--db", str(db), "backup", str(tmp_path / f"b{i}.sqlite"))
            assert done.returncode == 0, done.stderr
            assert f"to {tmp_path / f'b{i}.sqlite'}" in done.stdout
            time.sleep(0.2)
        out, err = writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err  # the writer was never refused nor stopped
    written = int(out)
    for i in range(4):
        copy = tmp_path / f"b{i}.sqlite"
        conn = sqlite3.connect(copy)
        try:
            assert bk.register_problem(conn) is None
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            held = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
        finally:
            conn.close()
        assert not Path(f"{copy}-wal").exists()
        reg = open_desk(copy)
        try:
            rows, broken, why = decisions.verify_audit(reg)
            assert broken is None, why  # every decision matches its audit rows: one moment
        finally:
            reg.close()
        counts.append(held)
    assert counts == sorted(counts) and counts[0] < counts[-1], counts  # writes went on
    assert 3 <= counts[0] and counts[-1] <= 3 + written
    print(f"\n{written} decisions written meanwhile; the backups hold {counts}")


def test_backup_into_a_folder_names_the_file_by_date(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    done = _cli("--db", str(db), "backup", str(folder))
    assert done.returncode == 0, done.stderr
    [made] = list(folder.iterdir())
    assert re.fullmatch(r"register-\d{8}-\d{6}\.sqlite", made.name)
    assert _text(made) == _text(db)


@pytest.mark.parametrize("where, said", [
    ("register.sqlite", "is the register itself"),
    ("missing/b.sqlite", "no such folder"),
])
def test_backup_refuses_a_bad_destination(db: Path, where: str, said: str) -> None:
    before = db.read_bytes()
    done = _cli("--db", str(db), "backup", str(db.parent / where))
    assert done.returncode == 1 and said in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before


# --- restore ------------------------------------------------------------------------------


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE addresses (street TEXT)")
    conn.commit()
    conn.close()
    return path


def _newer(db: Path, path: Path) -> Path:
    bk.backup(db, path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('decision_desk', 'm999_from_the_future', '2099-01-01')")
    conn.commit()
    conn.close()
    return path


def _damaged(db: Path, path: Path) -> Path:
    bk.backup(db, path)
    _damage(path)
    return path


def _file(content: bytes) -> Callable[[Path, Path], Path]:
    def make(db: Path, path: Path) -> Path:
        path.write_bytes(content)
        return path
    return make


REFUSED = {
    "a text file": (_file(b"not a register"),
                    "is not a Decision Desk register (it is not an SQLite database)"),
    "an empty file": (_file(b""), "(it is empty)"),
    "an interchange file": (_file(b'{"format": "decision-register/1"}'),
                            "it is not an SQLite database"),
    "another program's database": (lambda db, p: _foreign(p),
                                   "an SQLite database but not a Decision Desk register"),
    "a damaged register": (_damaged, "it is damaged: SQLite's integrity check found"),
    "a newer version's register": (_newer, "newer version of Decision Desk"),
    "no file at all": (lambda db, p: p, "no such file"),
    "the register itself": (lambda db, p: db, "is the register itself"),
}


@pytest.mark.parametrize("what", list(REFUSED))
def test_restore_refuses_what_is_not_a_sound_register(db: Path, tmp_path: Path,
                                                      what: str) -> None:
    make, said = REFUSED[what]
    source = make(db, tmp_path / "candidate.sqlite")
    before = _text(db)
    files = sorted(p.name for p in db.parent.iterdir())
    done = _cli("--db", str(db), "restore", str(source))
    assert done.returncode == 1
    assert said in done.stderr and str(source) in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert _text(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == files  # nothing set aside


def test_restore_keeps_the_current_register_aside_then_restores(db: Path,
                                                               tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    bk.backup(db, saved)
    backed_up = _text(db)
    reg = open_desk(db)
    try:
        decisions.update_decision(reg, "23/00101", {"title": "Changed after the backup"})
    finally:
        reg.close()
    changed = _text(db)
    done = _cli("--db", str(db), "restore", str(saved))
    assert done.returncode == 0, done.stderr
    [aside] = [p for p in db.parent.iterdir() if ".before-restore-" in p.name]
    assert re.fullmatch(r"register\.sqlite\.before-restore-\d{8}-\d{6}", aside.name)
    assert str(aside) in done.stdout
    assert _text(aside) == changed  # nothing is lost: the replaced register is kept
    assert _text(db) == backed_up
    reg = open_desk(db)
    try:
        last = decisions.audit_trail(reg)[-1]
        assert (last["entity"], last["action"]) == ("register", "restore")
        assert str(saved) in last["after"]
        assert decisions.verify_audit(reg)[1] is None
    finally:
        reg.close()


def test_a_process_with_the_register_open_sees_the_restored_one(db: Path,
                                                                tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    bk.backup(db, saved)
    other = open_desk(db)  # the app, open in another window
    try:
        decisions.update_decision(other, "23/00101", {"title": "Changed after the backup"})
        assert _cli("--db", str(db), "restore", str(saved)).returncode == 0
        assert decisions.decision(other, "23/00101").title == "Technology Enabled Care Service"
        decisions.update_decision(other, "23/00101", {"title": "Edited after the restore"})
    finally:
        other.close()
    again = open_desk(db)
    try:
        assert decisions.decision(again, "23/00101").title == "Edited after the restore"
    finally:
        again.close()


def test_a_damaged_register_is_refused_at_start_up_and_can_be_restored(
        db: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    bk.backup(db, saved)
    expected = _text(db)
    _damage(db)
    damaged = db.read_bytes()
    done = _cli("--db", str(db), "list")
    assert done.returncode == 1
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1
    assert str(db) in message and "is damaged" in message and "restore" in message
    assert db.read_bytes() == damaged  # nothing was written to it
    with pytest.raises(StoreError, match="is damaged"):
        SqliteStore.open(db)
    # `restore` on a damaged register: main.py must call this without opening it first.
    done = governance_backups.restore(SqliteRegisters(), db, saved)
    [aside] = [p for p in db.parent.iterdir() if ".before-restore-" in p.name]
    assert done.message.startswith(f"Restored {db} from {saved} (")
    assert done.message.endswith(f" The register as it was is kept in {aside}.")
    assert aside.read_bytes() == damaged  # kept exactly as it was, for whoever looks at it
    assert _text(db) == expected
    assert _cli("--db", str(db), "audit", "verify").returncode == 0


def test_the_restore_command_works_on_a_register_too_damaged_to_open(
        db: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    bk.backup(db, saved)
    expected = _text(db)
    _damage(db)
    damaged = db.read_bytes()
    done = _cli("--db", str(db), "restore", str(saved))
    assert done.returncode == 0, done.stderr
    [aside] = [p for p in db.parent.iterdir() if ".before-restore-" in p.name]
    assert done.stdout.startswith(f"Restored {db} from {saved} (")
    assert done.stdout.endswith(f" The register as it was is kept in {aside}.\n")
    assert aside.read_bytes() == damaged
    assert _text(db) == expected


def test_what_to_do_about_a_damaged_register_names_a_command_only_on_the_command_line(
        db: Path, tmp_path: Path) -> None:
    """The store raises what it found; the sentence is the core's, and only the command
    line's says which command to run."""
    (db.parent / "backups").mkdir()
    _damage(db)
    done = _cli("--db", str(db), "list")
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith(f"list: {db} is damaged: SQLite's integrity check found \"")
    assert line.endswith(
        f". Nothing has been changed. To carry on, restore the most recent backup with"
        f" `python main.py --db {db} restore BACKUP` (the automatic daily backups are in"
        f" {db.parent / 'backups'}); the damaged file is kept aside, not deleted")
    with pytest.raises(RegisterUnusable) as caught:
        SqliteStore.open(db)
    assert caught.value.kind == RegisterUnusable.FAILED_CHECK
    assert caught.value.backups_folder == db.parent / "backups"
    plain = str(caught.value)
    assert "python main.py" not in plain and "--db" not in plain
    assert plain.endswith("To carry on, restore the most recent backup (the automatic daily"
                          f" backups are in {db.parent / 'backups'}); the damaged file is"
                          " kept aside, not deleted")


def test_a_restore_refusal_names_the_backup_command_only_on_the_command_line(
        db: Path, tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Sir or Madam")
    done = _cli("--db", str(db), "restore", str(letter))
    assert done.stderr == (f"restore: {letter} is not a Decision Desk register (it is not an"
                           " SQLite database): nothing was restored; give a backup made by"
                           " `backup` or an automatic one\n")
    with pytest.raises(RestoreRefused) as caught:
        governance_backups.restore(SqliteRegisters(), db, letter)
    assert str(caught.value) == (f"{letter} is not a Decision Desk register (it is not an"
                                 " SQLite database): nothing was restored; give a backup"
                                 " Decision Desk made, or an automatic one")


def test_a_file_that_is_not_a_register_is_refused_at_start_up(tmp_path: Path, capsys) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear Sir or Madam, " * 100)
    assert main(["--db", str(path), "list"]) == 1
    err = capsys.readouterr().err
    assert err == (f"list: {path} is not a Decision Desk register (it is not an SQLite"
                   " database): check the file name given to --db\n")
    assert path.read_text() == "Dear Sir or Madam, " * 100


# --- automatic backups ----------------------------------------------------------------------


def _automatic(store: SqliteStore, backups: Path, today: dt.date) -> Path | None:
    """The day's automatic backup, as the app makes it when it opens the register."""
    return governance_backups.automatic_backup(store, backups, today, stem="register")


def test_automatic_backups_one_a_day_the_last_seven_days_kept(db: Path, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    start = dt.date(2024, 3, 1)
    for day in range(10):
        today = start + dt.timedelta(days=day)
        reg = open_desk(db)
        try:
            decisions.update_decision(reg, "23/00101", {"reasons": f"as on {today}"})
            made = _automatic(reg.store, backups, today)
            assert made == backups / f"register-{today}.sqlite"
            assert _automatic(reg.store, backups, today) is None  # once a day
        finally:
            reg.close()
    kept = sorted(p.name for p in backups.iterdir())
    assert kept == [f"register-{start + dt.timedelta(days=d)}.sqlite" for d in range(3, 10)]
    for name in kept:
        day = name[len("register-"):-len(".sqlite")]
        reg = open_desk(backups / name)
        try:
            assert decisions.decision(reg, "23/00101").reasons == f"as on {day}"
        finally:
            reg.close()


def test_after_a_long_absence_the_last_seven_backups_are_still_there(
        db: Path, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    days = [dt.date(2024, 7, d) for d in (1, 2, 3, 4, 5, 8, 9)]
    store = SqliteStore.open(db)
    try:
        for day in days:
            _automatic(store, backups, day)
        _automatic(store, backups, dt.date(2024, 8, 19))  # back from three weeks' leave
    finally:
        store.close()
    kept = sorted(p.name for p in backups.iterdir())
    assert kept == [f"register-{d}.sqlite" for d in [*days[1:], dt.date(2024, 8, 19)]]


def test_an_automatic_backup_never_replaces_good_ones_with_a_damaged_copy(
        db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    backups = tmp_path / "backups"
    store = SqliteStore.open(db)  # the app opened it before the disk failed
    try:
        for d in range(1, 8):
            _automatic(store, backups, dt.date(2024, 5, d))
        before = sorted(backups.iterdir())
        _damage(db)
        with caplog.at_level(logging.WARNING):
            assert _automatic(store, backups, dt.date(2024, 5, 8)) is None
    finally:
        store.close()
    assert "automatic backup" in caplog.text and "damaged" in caplog.text
    assert sorted(backups.iterdir()) == before  # none rotated away, no part left
    nowhere = SqliteStore.open(None)  # a register with no file to copy
    try:
        assert _automatic(nowhere, backups, dt.date(2024, 5, 9)) is None
    finally:
        nowhere.close()
    assert sorted(backups.iterdir()) == before


def test_a_backup_is_as_private_as_the_register(db: Path, tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("needs POSIX file permissions (os.name is not posix here)")
    db.chmod(0o600)
    made, _ = bk.backup(db, tmp_path / "b.sqlite")
    assert made.stat().st_mode & 0o777 == 0o600


def test_the_window_shows_why_it_cannot_start(tmp_path: Path, monkeypatch, capsys) -> None:
    """Started from a desktop icon there is no terminal: the reason is shown in a box."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    path = tmp_path / "letter.txt"
    path.write_text("Dear Sir or Madam, " * 100)
    assert main(["--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path} is not a Decision Desk register" in err
    [box] = shown
    assert box.text() == "Decision Desk cannot open the register."
    assert f"{path} is not a Decision Desk register" in box.informativeText()
    assert "python main.py restore BACKUP-FILE" in box.detailedText()
    assert box.icon() == QMessageBox.Icon.Critical
    assert path.read_text() == "Dear Sir or Madam, " * 100
