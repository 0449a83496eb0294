"""The audit trail's hash chain, attacked the way a forger would: straight in the SQLite
file, dropping the append-only triggers first. `audit verify` names the first broken row
and exits 1."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from governance import audit, decisions, records
from governance.desk import Desk
from main import main
from tests.conftest import open_desk

ROOT = Path(__file__).parent.parent


def _raw(path: Path, *statements: str, drop_triggers: bool = True) -> None:
    raw = sqlite3.connect(path, timeout=10)
    try:
        with raw:
            if drop_triggers:
                raw.execute("DROP TRIGGER audit_append_only_update")
                raw.execute("DROP TRIGGER audit_append_only_delete")
            for sql in statements:
                raw.execute(sql)
    finally:
        raw.close()


def _verify(path: Path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "audit",
                           "verify"], cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def path(sample_register: Desk) -> Path:
    assert sample_register.store.path is not None
    decisions.update_decision(sample_register, "23/00101", {"reasons": "First reasons"})
    decisions.update_decision(sample_register, "23/00101", {"reasons": "Second reasons"})
    assert len(decisions.audit_trail(sample_register)) == 13
    sample_register.close()
    return sample_register.store.path


def test_an_intact_trail_verifies(path: Path) -> None:
    code, text = _verify(path)
    assert code == 0
    assert "intact: 13 rows" in text


def test_editing_a_row_is_caught_at_that_row(path: Path) -> None:
    forged = json.dumps({"reasons": "Forged reasons"})
    _raw(path, f"UPDATE audit SET after = '{forged}' WHERE id = 12")
    code, text = _verify(path)
    assert code == 1
    assert "broken at row 12: its content does not match its hash" in text


@pytest.mark.parametrize("column, value", [
    ("os_user", "someone.else"), ("at", "2020-01-01T00:00:00.000000+00:00"),
    ("action", "withdraw"), ("entity_key", "23/00098"), ("before", "{}"),
])
def test_editing_any_column_is_caught(path: Path, column: str, value: str) -> None:
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_append_only_update")
    raw.execute(f"UPDATE audit SET {column} = ? WHERE id = 7", [value])
    raw.commit()
    raw.close()
    reg = open_desk(path)
    try:
        assert decisions.verify_audit(reg)[1:] == (7, "its content does not match its hash")
    finally:
        reg.close()


def test_a_forger_who_also_rehashes_the_row_is_caught_at_the_next(path: Path) -> None:
    """Recomputing the edited row's hash makes the row itself consistent, but the next row
    still carries the old hash as its link."""
    raw = sqlite3.connect(path)
    raw.row_factory = sqlite3.Row
    row = dict(raw.execute("SELECT * FROM audit WHERE id = 5").fetchone())
    raw.close()
    row["os_user"] = "someone.else"
    new_hash = audit.row_hash(row["prev_hash"], row["at"], row["os_user"], row["entity"],
                              row["entity_key"], row["action"], row["before"], row["after"])
    _raw(path, f"UPDATE audit SET os_user = 'someone.else', hash = '{new_hash}' WHERE id = 5")
    code, text = _verify(path)
    assert code == 1
    assert "broken at row 6: its link to the row before does not match" in text


def test_deleting_a_row_in_the_middle_is_caught(path: Path) -> None:
    _raw(path, "DELETE FROM audit WHERE id = 6")
    code, text = _verify(path)
    assert code == 1
    assert "broken at row 7: its link to the row before does not match" in text


def test_deleting_rows_at_the_end_is_caught(path: Path) -> None:
    """No later row links to the last ones; SQLite remembers the highest id it gave out."""
    _raw(path, "DELETE FROM audit WHERE id >= 12")
    code, text = _verify(path)
    assert code == 1
    assert "broken at row 12: rows 12 to 13 were removed from the end" in text


def test_deleting_the_last_edit_shows_as_a_record_that_does_not_match(path: Path) -> None:
    """Even with the id counter reset too, the decision no longer matches its last row."""
    _raw(path, "DELETE FROM audit WHERE id = 13",
         "UPDATE sqlite_sequence SET seq = 12 WHERE name = 'audit'")
    code, text = _verify(path)
    assert code == 1
    assert "broken at row 12: decision 23/00101 no longer matches it: reasons" in text


def test_without_dropping_the_triggers_the_trail_cannot_be_edited(path: Path) -> None:
    for sql in ("UPDATE audit SET os_user = 'x' WHERE id = 3", "DELETE FROM audit WHERE id = 3",
                "REPLACE INTO audit (id, at, os_user, entity, entity_key, action, prev_hash,"
                " hash) SELECT id, at, 'x', entity, entity_key, action, prev_hash, hash FROM"
                " audit WHERE id = 3"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            _raw(path, sql, drop_triggers=False)
    assert _verify(path)[0] == 0


def test_verify_in_process_gives_the_same_answer(path: Path, capsys) -> None:
    _raw(path, "UPDATE audit SET action = 'edited' WHERE id = 2")
    assert main(["--db", str(path), "audit", "verify"]) == 1
    assert "broken at row 2" in capsys.readouterr().err


# --- kept files: signed records, scans, EqIA and DPIA documents -------------------------


@pytest.fixture
def with_files(sample_register: Desk, tmp_path: Path) -> Path:
    """The sample register with a scan of 23/00077's paper-signed record and an EqIA
    document for 23/00098, each kept with its hash and audited."""
    records.keep_document(sample_register, "23/00077", "scan", b"%PDF-1.4 the signed scan",
                          file_name="23-00077 signed.pdf")
    eqia = tmp_path / "EqIA v2.pdf"
    eqia.write_bytes(b"%PDF-1.4 the equality impact assessment")
    records.attach_assessment_document(sample_register, "23/00098", "eqia", eqia)
    assert sample_register.store.path is not None
    sample_register.close()
    return sample_register.store.path


def test_kept_files_verify_when_untouched(with_files: Path) -> None:
    code, text = _verify(with_files)
    assert (code, text.strip()) == (0, "The audit trail is intact: 13 rows, each linked to the"
                                       " one before.")


def _drop(table: str) -> str:
    return f"DROP TRIGGER {table}_append_only_update"


def test_a_kept_file_changed_in_the_database_is_caught_and_not_handed_out(
        with_files: Path) -> None:
    _raw(with_files, _drop("assessment_documents"),
         "UPDATE assessment_documents SET content = X'255044462d312e3420666f72676564'",
         drop_triggers=False)
    code, text = _verify(with_files)
    assert code == 1
    assert ("The audit trail is broken at row 13: the EqIA document EqIA v2.pdf of 23/00098"
            " no longer matches the SHA-256 it was kept with: its content was changed"
            " outside the app.") in text
    reg = open_desk(with_files)
    try:
        kept = records.assessment_documents_for(reg, "23/00098")[0]
        with pytest.raises(records.DocumentError, match="no longer matches the SHA-256"):
            records.assessment_document_content(reg, kept.id)
    finally:
        reg.close()


def test_a_kept_file_deleted_or_slipped_in_is_caught(with_files: Path, tmp_path: Path) -> None:
    import shutil

    other = tmp_path / "other.sqlite"
    shutil.copyfile(with_files, other)
    _raw(with_files, "DROP TRIGGER decision_documents_append_only_delete",
         "DELETE FROM decision_documents", drop_triggers=False)
    code, text = _verify(with_files)
    assert code == 1
    assert "at row 12: a file kept for 23/00077 (SHA-256 " in text
    assert "has been deleted from the register outside the app" in text
    _raw(other, "INSERT INTO decision_documents (decision_number, kind, sha256, size,"
                " file_name, recorded_at, recorded_by, content) SELECT decision_number, kind,"
                " sha256, size, 'copy.pdf', recorded_at, recorded_by, content FROM"
                " decision_documents", drop_triggers=False)
    code, text = _verify(other)
    assert code == 1
    assert ("the scan of the paper-signed Record of Decision copy.pdf of 23/00077 was added"
            " to the register outside the app") in text
