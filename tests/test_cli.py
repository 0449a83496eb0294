"""The command line: list, show, check, deadlines, and the real entry point."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main as main_module
from db import connection, sqlite_store
from db.sqlite_store import SqliteStore
from governance import meetings
from governance.exchange import export_text, import_file, load_demo
from main import main
from tests.conftest import open_desk
from ui.logs import configure_logging

ROOT = Path(__file__).resolve().parent.parent
SUMMARY_KEYS = {"number", "title", "status", "decision_maker", "key_decision",
                "exempt_paragraph", "taken_on", "published_on"}


def run(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def numbers(out: str) -> list[str]:
    return [row["number"] for row in json.loads(out)]


# --- list ------------------------------------------------------------------------------


def test_list_prints_a_table_of_every_decision(sample_register, capsys):
    code, out, err = run(capsys, sample_register.store.path, "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Number", "Status", "Key", "Decision", "maker", "Title"]
    rows = {line.split()[0]: line for line in lines[2:5]}
    assert list(rows) == ["23/00077", "23/00098", "23/00101"]
    assert "Taken" in rows["23/00077"] and "Care Home Beds Framework Extension" in rows[
        "23/00077"]
    assert "Proposed" in rows["23/00098"] and " Yes " in rows["23/00098"]
    assert "Draft" in rows["23/00101"]
    assert lines[-1] == "3 decisions."


def test_list_json_gives_the_summary_of_each_decision(sample_register, capsys):
    code, out, _ = run(capsys, sample_register.store.path, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [set(r) for r in rows] == [SUMMARY_KEYS] * 3
    taken = rows[0]
    assert taken == {
        "number": "23/00077", "title": "Care Home Beds Framework Extension",
        "status": "taken",
        "decision_maker": "Cabinet Member for Adult Social Care and Public Health",
        "key_decision": False, "exempt_paragraph": None, "taken_on": "2023-10-02",
        "published_on": "2023-10-03"}
    assert [r["key_decision"] for r in rows] == [False, True, None]


@pytest.mark.parametrize(("search", "expected"), [
    ("Framework", ["23/00077"]),             # a word of the title
    ("Emergency Care", ["23/00098"]),        # every word must match
    ("emergen", ["23/00098"]),               # the last word is a prefix
    ("urgent emergen", ["23/00098"]),
    ("emergen care", []),                    # ... but only the last word
    ("twelve", ["23/00077"]),                # text inside a part, not in the title
    ("commissioning", ["23/00101"]),
    ("award the contr", ["23/00101"]),       # the DELEGATE part
    ("winter pressures", ["23/00098"]),      # the reasons
    ("care", ["23/00077", "23/00098", "23/00101"]),
    ("crocodile", []),
    ("!!!", []),                             # no words at all
])
def test_list_search_is_full_text(sample_register, capsys, search, expected):
    code, out, _ = run(capsys, sample_register.store.path, "list", "--json", "--search", search)
    assert code == 0
    assert numbers(out) == expected


def test_list_search_text_output_says_when_nothing_matches(sample_register, capsys):
    code, out, _ = run(capsys, sample_register.store.path, "list", "--search", "crocodile")
    assert (code, out) == (0, "No decisions match.\n")


def test_list_search_text_output_counts_one_decision(sample_register, capsys):
    code, out, _ = run(capsys, sample_register.store.path, "list", "--search", "twelve")
    assert code == 0
    assert "23/00077" in out and "23/00098" not in out
    assert out.endswith("\n1 decision.\n")


@pytest.mark.parametrize(("status", "expected"), [
    ("taken", ["23/00077"]), ("proposed", ["23/00098"]), ("draft", ["23/00101"]),
    ("withdrawn", []),
])
def test_list_status_filters(sample_register, capsys, status, expected):
    code, out, _ = run(capsys, sample_register.store.path, "list", "--json", "--status", status)
    assert code == 0
    assert numbers(out) == expected


def test_list_status_and_search_together(sample_register, capsys):
    _, out, _ = run(capsys, sample_register.store.path, "list", "--json", "--status", "draft",
                    "--search", "care")
    assert numbers(out) == ["23/00101"]


def test_list_status_outside_the_vocabulary_is_a_usage_error(sample_register, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(sample_register.store.path), "list", "--status", "agreed"])
    assert caught.value.code == 2
    assert "invalid choice: 'agreed'" in capsys.readouterr().err


# --- show ------------------------------------------------------------------------------


def test_show_prints_the_record_with_its_labels(sample_register, capsys):
    code, out, err = run(capsys, sample_register.store.path, "show", "23/00101")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "DECISION NO: 23/00101"
    assert "Title of Decision: Technology Enabled Care Service" in lines
    assert "  a) APPROVE the commissioning of a technology enabled care service" in lines
    assert ("  b) DELEGATE authority to the Corporate Director Adult Social Care and Health"
            " to award the contract") in lines
    assert lines.index("Decision:") < lines.index(
        "  a) APPROVE the commissioning of a technology enabled care service")


def test_show_a_taken_decision(sample_register, capsys):
    _, out, _ = run(capsys, sample_register.store.path, "show", "23/00077")
    assert "Status: Taken" in out
    assert "  a) EXTEND the residential care home beds framework by twelve months" in out
    assert "Taken: 2 October 2023 by Clair Bell" in out
    assert "Published: 3 October 2023" in out


def test_show_json_is_the_interchange_decision(sample_register, sample_doc, capsys):
    code, out, _ = run(capsys, sample_register.store.path, "show", "--json", "23/00098")
    assert code == 0
    shown = json.loads(out)
    exported = json.loads(export_text(sample_register))["decisions"][0]
    assert shown == exported
    assert list(shown) == list(exported)
    given = sample_doc["decisions"][0]
    scalars = [k for k, v in given.items() if not isinstance(v, (dict, list))]
    assert {k: shown[k] for k in scalars} == {k: given[k] for k in scalars}
    assert shown["parts"][0]["text"] == given["parts"][0]["text"]
    assert shown["eqia"]["status"] == "completed"


@pytest.mark.parametrize(("number", "message"), [
    ("23/99999", "show: decision 23/99999 is not in the register\n"),
    ("23-00098", "show: '23-00098' is not a decision number (YY/NNNNN, e.g. 23/00098)\n"),
])
def test_show_an_unknown_number_fails_with_a_message(sample_register, capsys, number, message):
    code, out, err = run(capsys, sample_register.store.path, "show", number)
    assert (code, out, err) == (1, "", message)


# --- check -----------------------------------------------------------------------------


def test_check_json_on_a_clean_register_is_an_empty_list(sample_register, capsys):
    code, out, _ = run(capsys, sample_register.store.path, "check", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_check_json_with_an_error_exits_1(register, sample_doc, write_doc, tmp_path, capsys):
    sample_doc["committees"][0]["seats"] = 4  # the party seats add up to 3
    import_file(register, write_doc(tmp_path / "in", sample_doc))
    code, out, _ = run(capsys, register.store.path, "check", "--json")
    problems = json.loads(out)
    assert code == 1
    assert problems and all(list(p) == ["severity", "code", "subject", "message"]
                            for p in problems)
    assert {"severity": "error", "code": "membership_mismatch",
            "subject": "Adult Social Care Cabinet Committee"} in [
        {k: p[k] for k in ("severity", "code", "subject")} for p in problems]


def test_check_with_only_warnings_exits_0(register, sample_doc, write_doc, tmp_path, capsys):
    sample_doc["decisions"][1]["eqia"] = None  # a taken decision without an EqIA
    import_file(register, write_doc(tmp_path / "in", sample_doc))
    code, out, _ = run(capsys, register.store.path, "check", "--json")
    problems = json.loads(out)
    assert code == 0
    assert [(p["severity"], p["code"], p["subject"]) for p in problems] == [
        ("warning", "taken_without_assessment", "23/00077")]
    code, out, _ = run(capsys, register.store.path, "check")
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 1 warning, 1 in all."
    assert out.startswith("WARNING 23/00077: ")


# --- deadlines -------------------------------------------------------------------------


def test_deadlines_json(capsys, tmp_path):
    db = tmp_path / "unused.sqlite"
    code, out, err = run(capsys, db, "deadlines", "--json", "--meeting-date", "2023-11-23",
                         "--decision-date", "2023-12-20", "--published-on", "2023-12-21")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"agenda_publish_by": "2023-11-15",
                               "key_decision_notice_by": "2023-11-21",
                               "call_in_ends": "2024-01-02"}
    assert not db.exists()  # deadlines need no register


def test_deadlines_json_gives_null_for_dates_not_asked(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path / "r.sqlite", "deadlines", "--json",
                       "--meeting-date", "2023-11-23")
    assert code == 0
    assert json.loads(out) == {"agenda_publish_by": "2023-11-15",
                               "key_decision_notice_by": None, "call_in_ends": None}


def test_deadlines_text(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path / "r.sqlite", "deadlines",
                       "--meeting-date", "2023-11-23", "--published-on", "2023-12-21")
    assert code == 0
    assert ("Meeting Thursday, 23 November 2023: publish the agenda by Wednesday,"
            " 15 November 2023") in out
    assert "call-in period ends Tuesday, 2 January 2024" in out
    assert "Key decision" not in out


def test_deadlines_without_a_date_fails_with_a_message(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path / "r.sqlite", "deadlines", "--json")
    assert (code, out) == (1, "")
    assert err == ("deadlines: give at least one of --meeting-date, --decision-date,"
                   " --published-on\n")


def test_deadlines_with_an_impossible_date_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(tmp_path / "r.sqlite"), "deadlines", "--meeting-date", "2023-02-30"])
    assert caught.value.code == 2
    assert "'2023-02-30' is not a date (YYYY-MM-DD)" in capsys.readouterr().err


# --- the real entry point --------------------------------------------------------------


def test_main_py_runs_as_a_program(sample_register):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(sample_register.store.path), "list", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert numbers(done.stdout) == ["23/00077", "23/00098", "23/00101"]


def test_main_py_exits_1_on_a_refused_command(sample_register):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(sample_register.store.path), "show", "23/99999"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == "show: decision 23/99999 is not in the register\n"


def test_a_mistyped_db_path_is_refused_not_made_into_an_empty_register(tmp_path, capsys):
    typo = tmp_path / "regsiter.sqlite"
    assert main(["--db", str(typo), "list"]) == 1
    assert f"there is no register at {typo}" in capsys.readouterr().err
    assert not typo.exists()
    elsewhere = tmp_path / "no such folder" / "register.sqlite"
    assert main(["--db", str(elsewhere), "import", str(tmp_path / "x.json")]) == 1
    assert f"there is no folder {elsewhere.parent}" in capsys.readouterr().err
    assert not elsewhere.parent.exists()


def test_a_failed_import_into_a_new_register_leaves_no_file(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "decision-register/1", "decisions": [{"number": "x"}]}')
    new = tmp_path / "new.sqlite"
    assert main(["--db", str(new), "import", str(bad)]) == 1
    assert capsys.readouterr().err.strip()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]
    assert main(["--db", str(new), "demo"]) == 0  # a new register is still made on purpose
    assert new.exists()


def test_meeting_new_and_add_item_build_an_agenda_as_the_window_does(tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    desk = open_desk(db)
    try:
        load_demo(desk)
    finally:
        desk.close()
    committee = "Adult Social Care Cabinet Committee"
    assert main(["--db", str(db), "meeting", "new", "--committee", committee, "--date",
                 "2024-01-18", "--time", "10:00"]) == 0
    assert capsys.readouterr().out == (
        f"Made the meeting of {committee} on Thursday 18 January 2024 with 6 standing items;"
        " publish its agenda by Wednesday 10 January 2024.\n")
    assert main(["--db", str(db), "meeting", "add-item", "--committee", committee, "--date",
                 "2024-01-18", "--decision", "23/00091", "--description",
                 "To CONSIDER and ENDORSE the proposed decision"]) == 0
    assert capsys.readouterr().out == (
        f"Added item 6 to the agenda of {committee}, Thursday 18 January 2024: Approval of"
        " the Kent and Medway Integrated Care Strategy. 23/00091 now goes to the"
        f" {committee} on Thursday 18 January 2024.\n")
    desk = open_desk(db)
    try:
        items = meetings.meeting(desk, committee, dt.date(2024, 1, 18)).meeting.items
    finally:
        desk.close()
    assert [i.title for i in items][-2:] == [
        "Approval of the Kent and Medway Integrated Care Strategy", "Work Programme"]
    assert items[-2].decision == "23/00091" and not items[-2].standing
    assert main(["--db", str(db), "meeting", "add-item", "--committee", committee, "--date",
                 "2024-01-18"]) == 1
    assert "give --title, or --decision" in capsys.readouterr().err
    assert main(["--db", str(db), "meeting", "new", "--committee", committee, "--date",
                 "2024-01-18"]) == 1
    assert capsys.readouterr().err.startswith("meeting: ")


def test_a_register_that_fails_while_read_gives_one_line_not_a_fault(
        sample_register, capsys, monkeypatch):
    """SQLite failing outside a unit of work (a read: a disk error, a lock held too long)
    is the register's fault, not Decision Desk's: one line naming the register, exit 1."""
    def failing(self, *args, **kwargs):
        exc = sqlite3.OperationalError("disk I/O error")
        exc.sqlite_errorcode, exc.sqlite_errorname = sqlite3.SQLITE_IOERR, "SQLITE_IOERR"
        raise exc

    monkeypatch.setattr(SqliteStore, "summaries", failing)
    code, out, err = run(capsys, sample_register.store.path, "list")
    assert (code, out) == (1, "")
    assert err == (f"list: the register {sample_register.store.path} could not be used:"
                   " disk I/O error\n")


# --- faults: what SQLite says about a wrong query is a bug, not the register's condition ----


def _assert_fault(code: int, err: str, command: str) -> None:
    """Exit 2, the traceback once, and the log file (named) holding it too."""
    log = main_module.log_file()
    assert code == 2, err
    assert err.count("Traceback (most recent call last)") == 1, err
    assert err.endswith(f"{command}: this is a fault in Decision Desk, not something you did;"
                        f" the details are in {log}. Nothing was changed by the failed"
                        " step.\n")
    written = log.read_text("utf-8")
    assert f"{command} failed with a fault" in written
    assert written.count("Traceback (most recent call last)") >= 1


def test_a_misspelt_column_in_a_read_is_a_fault_with_its_traceback(
        sample_register, capsys, monkeypatch):
    def misspelt(self, where, *args, **kwargs):
        return self._rows("SELECT numbr FROM decisions")

    monkeypatch.setattr(SqliteStore, "summaries", misspelt)
    code, out, err = run(capsys, sample_register.store.path, "list")
    assert out == ""
    _assert_fault(code, err, "list")
    assert "sqlite3.OperationalError: no such column: numbr" in err
    assert "could not be used" not in err


def test_a_misspelt_column_in_a_change_is_a_fault_and_changes_nothing(
        register, sample_doc, write_doc, tmp_path, capsys, monkeypatch):
    def misspelt(self, row):
        self.db.execute("INSERT INTO audit (att) VALUES (?)", [row.at])

    monkeypatch.setattr(SqliteStore, "append_audit", misspelt)
    source = write_doc(tmp_path / "in", sample_doc)
    code, out, err = run(capsys, register.store.path, "import", str(source))
    _assert_fault(code, err, "import")
    assert "table audit has no column named att" in err
    assert register.store.is_empty()  # rolled back


def test_a_trigger_refusing_a_change_is_one_line(
        register, sample_doc, write_doc, tmp_path, capsys):
    register.store.db.execute(
        "CREATE TRIGGER closed BEFORE INSERT ON audit"
        " BEGIN SELECT RAISE(ABORT, 'the audit trail is closed for the test'); END")
    source = write_doc(tmp_path / "in", sample_doc)
    code, out, err = run(capsys, register.store.path, "import", str(source))
    assert (code, out) == (1, "")
    assert err == (f"import: the register {register.store.path} refused the change: the"
                   " audit trail is closed for the test\n")
    assert register.store.is_empty()


def test_a_register_locked_by_another_program_is_one_line(
        register, sample_doc, write_doc, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    source = write_doc(tmp_path / "in", sample_doc)
    holder = sqlite3.connect(register.store.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program writing, for ever
        code, out, err = run(capsys, register.store.path, "import", str(source))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (1, "")
    assert err == (f"import: the register {register.store.path} could not be used:"
                   " database is locked\n")
    assert register.store.is_empty()


def test_a_full_disk_under_the_register_is_one_line(
        register, sample_doc, write_doc, tmp_path, capsys, monkeypatch):
    real_connect = sqlite_store.connect

    def nearly_full(p, check=True):
        db = real_connect(p, check)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    monkeypatch.setattr(sqlite_store, "connect", nearly_full)
    source = write_doc(tmp_path / "in", sample_doc)
    code, out, err = run(capsys, register.store.path, "import", str(source))
    assert (code, out) == (1, "")
    assert err == (f"import: the register {register.store.path} could not be used:"
                   " database or disk is full\n")


def test_a_fault_while_the_window_starts_shows_the_crash_dialog(
        sample_register, capsys, monkeypatch):
    """Started from a desktop icon there is no terminal: a fault before the window's own
    fault handler is installed is shown in the crash dialog too."""
    from PySide6.QtWidgets import QMessageBox

    from ui import cli

    def broken(desk):
        raise RuntimeError("the window could not be built")

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    configure_logging(main_module.log_file())
    launcher = dataclasses.replace(main_module.launcher(), run_window=broken)
    code = cli.run(["--db", str(sample_register.store.path)], launcher)
    out, err = capsys.readouterr()
    _assert_fault(code, err, "window")
    [box] = shown
    assert "this is a fault in Decision Desk" in box.text()
    assert "RuntimeError: the window could not be built" in box.informativeText()
    assert "Traceback" in box.detailedText()
