"""A taken decision's record cannot be changed or removed by SQL outside the app, and what
gets past the triggers (a forger who drops them first) is reported by `audit verify`.

tests/test_lifecycle.py already covers plain UPDATE/DELETE/INSERT of a taken decision, its
parts and its considerations; this file covers the ways round them: SQL's REPLACE conflict
clauses (which delete the colliding row without firing its DELETE trigger), moving a part or
consideration onto a taken decision, changing its row id, and dropping the triggers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from governance import decisions
from governance.desk import Desk
from governance.exchange import export_text
from main import main

ROOT = Path(__file__).parent.parent
TAKEN = "23/00077"  # taken in the sample document, one part
WITH_CONSIDERATION = "23/00098"  # proposed, with a committee consideration: taken below
DRAFT = "23/00101"  # draft, two parts


@pytest.fixture
def reg(sample_register: Desk) -> Desk:
    decisions.update_decision(sample_register, WITH_CONSIDERATION, {"interests_declared": "N/A"})
    decisions.transition(sample_register, WITH_CONSIDERATION, "take", on=dt.date(2023, 11, 30))
    return sample_register


WAYS_ROUND = {
    "replace the decision by number":
        f"INSERT OR REPLACE INTO decisions (number, title, status)"
        f" VALUES ('{TAKEN}', 'Forged', 'draft')",
    "replace the decision by row id":
        f"REPLACE INTO decisions (id, number, title, status) SELECT id, '23/09999', 'Forged',"
        f" 'draft' FROM decisions WHERE number = '{TAKEN}'",
    "rename a draft onto the taken number":
        f"UPDATE OR REPLACE decisions SET number = '{TAKEN}' WHERE number = '{DRAFT}'",
    "renumber the taken row":
        f"UPDATE decisions SET id = 999 WHERE number = '{TAKEN}'",
    "change a part's verb":
        f"UPDATE decision_parts SET verb = 'REJECT' WHERE decision_number = '{TAKEN}'",
    "move a draft's part onto the taken decision":
        f"UPDATE decision_parts SET decision_number = '{TAKEN}', position = 7"
        f" WHERE decision_number = '{DRAFT}' AND position = 0",
    "replace a taken part by row id":
        f"REPLACE INTO decision_parts (id, decision_number, position, verb, text)"
        f" SELECT id, '{DRAFT}', 9, 'NOTE', 'Forged' FROM decision_parts"
        f" WHERE decision_number = '{TAKEN}'",
    "replace a taken part by (number, position)":
        f"REPLACE INTO decision_parts (decision_number, position, verb, text)"
        f" VALUES ('{TAKEN}', 0, 'NOTE', 'Forged')",
    "give a draft's part the taken part's row id":
        f"UPDATE OR REPLACE decision_parts SET id = (SELECT min(id) FROM decision_parts"
        f" WHERE decision_number = '{TAKEN}') WHERE decision_number = '{DRAFT}'"
        f" AND position = 0",
    "move a consideration onto the taken decision":
        f"UPDATE committee_considerations SET decision_number = '{WITH_CONSIDERATION}'"
        f" WHERE decision_number = '{DRAFT}'",
    "replace a taken consideration by row id":
        f"REPLACE INTO committee_considerations (id, decision_number, position, committee_id,"
        f" date) SELECT id, '{DRAFT}', 0, committee_id, '2024-01-01' FROM"
        f" committee_considerations WHERE decision_number = '{WITH_CONSIDERATION}'",
    "replace an audit row":
        "REPLACE INTO audit (id, at, os_user, entity, entity_key, action, prev_hash, hash)"
        " SELECT id, at, 'forger', entity, entity_key, action, prev_hash, hash FROM audit"
        " WHERE id = 3",
}


@pytest.mark.parametrize("way", list(WAYS_ROUND))
def test_no_way_round_the_freeze(reg: Desk, way: str) -> None:
    assert reg.store.path is not None
    raw = sqlite3.connect(reg.store.path, timeout=10)
    try:
        with raw:  # a consideration of the draft's own, to move (adding it is allowed)
            raw.execute("INSERT INTO committee_considerations (decision_number, position,"
                        " committee_id, date) VALUES (?, 0, 1, '2024-01-01')", [DRAFT])
        before = export_text(reg)
        with pytest.raises(sqlite3.DatabaseError, match="taken|append-only|final"):
            raw.execute(WAYS_ROUND[way])
        raw.rollback()
    finally:
        raw.close()
    for number in (TAKEN, WITH_CONSIDERATION):
        assert decisions.decision(reg, number).status == "taken"
    assert export_text(reg) == before
    assert decisions.verify_audit(reg)[2] in (
        None, f"decision {DRAFT} no longer matches it: committee_considerations changed"
        " outside the app")


def test_the_same_statements_still_work_on_drafts(reg: Desk) -> None:
    """The guards stop only what touches a taken record: a draft can still be changed."""
    assert reg.store.path is not None
    raw = sqlite3.connect(reg.store.path, timeout=10)
    try:
        with raw:
            raw.execute(f"UPDATE decision_parts SET verb = 'AGREE' WHERE decision_number ="
                        f" '{DRAFT}'")
            raw.execute(f"REPLACE INTO decision_parts (decision_number, position, verb, text)"
                        f" VALUES ('{DRAFT}', 0, 'NOTE', 'Replaced')")
            raw.execute(f"UPDATE decisions SET title = 'Renamed draft' WHERE number ="
                        f" '{DRAFT}'")
    finally:
        raw.close()
    assert decisions.decision(reg, DRAFT).title == "Renamed draft"
    assert decisions.decision(reg, DRAFT).parts[0].text == "Replaced"


def _forge(path: Path, *statements: str) -> None:
    """What a forger does: drop every trigger, then edit."""
    raw = sqlite3.connect(path, timeout=10)
    try:
        with raw:
            for (name,) in raw.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                raw.execute(f"DROP TRIGGER {name}")
            for sql in statements:
                raw.execute(sql)
    finally:
        raw.close()


def _verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(path), "audit", "verify"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("statements, number, said", [
    ([f"UPDATE decisions SET title = 'Forged' WHERE number = '{TAKEN}'"], TAKEN, "title"),
    ([f"UPDATE decision_parts SET text = 'forged words' WHERE decision_number = '{TAKEN}'"],
     TAKEN, "parts"),
    ([f"UPDATE decisions SET status = 'draft' WHERE number = '{TAKEN}'",
      f"DELETE FROM decision_parts WHERE decision_number = '{TAKEN}'",
      f"DELETE FROM decisions WHERE number = '{TAKEN}'"], TAKEN, "deleted"),
    ([f"UPDATE committee_considerations SET outcome = 'not_endorsed' WHERE"
      f" decision_number = '{WITH_CONSIDERATION}'"], WITH_CONSIDERATION,
     "committee_considerations"),
    (["INSERT INTO decisions (number, title, status) VALUES ('23/00555', 'Slipped in',"
      " 'taken')"], "23/00555", "added"),
])
def test_a_forger_who_drops_the_triggers_is_caught_by_audit_verify(
        reg: Desk, capsys: pytest.CaptureFixture[str], statements: list[str],
        number: str, said: str) -> None:
    assert reg.store.path is not None
    assert _verify(reg.store.path, capsys)[0] == 0
    _forge(reg.store.path, *statements)
    code, text = _verify(reg.store.path, capsys)
    assert code == 1
    assert "broken at row" in text and number in text and said in text


def test_audit_verify_through_the_real_command_line(reg: Desk) -> None:
    assert reg.store.path is not None
    _forge(reg.store.path, f"UPDATE decisions SET reasons = 'Forged' WHERE number = '{TAKEN}'")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(reg.store.path),
                           "audit", "verify"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert f"decision {TAKEN} no longer matches it: reasons changed outside the app" in \
        done.stderr
    assert "Traceback" not in done.stderr
