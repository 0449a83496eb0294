"""The shared register's two roles, as the database itself enforces them: ``desk_reader``
reads the register but never exempt content, by any query; ``desk_clerk`` does what the
app does; neither can alter the audit trail or a kept file, nor change a taken record.
Needs a PostgreSQL server (tests/pg_server.py starts a throwaway one)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import psycopg
import pytest
from psycopg.rows import dict_row

from db.postgres_store import PostgresStore
from governance import decisions, exchange, meetings, records
from governance.desk import Desk
from governance.errors import StoreError
from templates.renderer import Renderer
from tests.conftest import ASC, pdf_bytes

MARKERS = ("EXEMPT-REASONS-7Q", "EXEMPT-PART-7Q", "EXEMPT-ITEM-7Q", "EXEMPT-PAPER-7Q",
           "EXEMPT-SUBITEM-7Q", "EXEMPT-SCAN-7Q")
MEETING = dt.date(2023, 11, 23)


@pytest.fixture
def shared(pg_databases, sample_doc, write_doc, tmp_path):
    """A shared register with exempt content in every place it can be: an exempt
    decision's text and parts, an exempt item and its paper, an exempt paper on an open
    item, an item about the exempt decision, and a scan kept for it."""
    url = pg_databases.new()
    sample_doc["decisions"][2]["exempt_paragraph"] = 3  # 23/00101
    sample_doc["decisions"][2]["reasons"] = f"The bids ({MARKERS[0]})."
    sample_doc["decisions"][2]["parts"][0]["text"] += f" {MARKERS[1]}"
    sample_doc["decisions"][1]["exempt_paragraph"] = 3  # 23/00077, taken
    desk = Desk(PostgresStore.open(url), Renderer(), clock=lambda: dt.date(2023, 11, 30))
    exchange.import_file(desk, write_doc(tmp_path / "in", sample_doc))
    meetings.add_item(desk, ASC, MEETING, f"Disposal of the depot ({MARKERS[2]})",
                      exempt_paragraph=3, before=None)
    meetings.attach_papers(desk, ASC, MEETING, 4, [("bids.pdf", pdf_bytes(MARKERS[3]))],
                           title=f"Bids {MARKERS[3]}")
    meetings.attach_papers(desk, ASC, MEETING, 2, [("legal.pdf", pdf_bytes(MARKERS[3]
                                                                           + " legal"))],
                           title="Legal advice", exempt_paragraph=5)
    meetings.attach_papers(desk, ASC, MEETING, 2, [("report.pdf", pdf_bytes("public"))],
                           title="Report")
    meetings.add_item(desk, ASC, MEETING, f"About 23/00101 ({MARKERS[4]})",
                      decision="23/00101", parent=3)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes(MARKERS[5]))
    records.attach_scan(desk, "23/00077", scan)
    yield desk, url
    desk.close()


def _readable(conn: psycopg.Connection) -> list[str]:
    return [r["table_name"] for r in conn.execute(
        "SELECT DISTINCT table_name FROM information_schema.table_privileges"
        " WHERE grantee IN (SELECT rolname FROM pg_roles WHERE pg_has_role(current_user,"
        " oid, 'member')) AND privilege_type = 'SELECT' AND table_schema = 'public'"
        " ORDER BY table_name").fetchall()]


def _everything(conn: psycopg.Connection, tables: list[str]) -> str:
    text = []
    for table in tables:
        for row in conn.execute(f"SELECT * FROM {table}").fetchall():
            for value in row.values():
                if isinstance(value, (bytes, memoryview)):
                    value = bytes(value).decode("latin-1")
                text.append(str(value))
    return "\n".join(text)


def test_the_reader_reads_no_exempt_content_by_any_query(shared):
    desk, url = shared
    # The markers are there, for the clerk: the test can fail.
    with psycopg.connect(url, row_factory=dict_row) as clerk:
        everything = _everything(clerk, _readable(clerk))
    assert all(marker in everything for marker in MARKERS)

    with psycopg.connect(url.replace("//clerk@", "//reader@"), row_factory=dict_row) as reader:
        tables = _readable(reader)
        assert {"decisions", "agenda_items", "papers", "paper_files", "decision_listing",
                "decision_documents"} <= set(tables)
        assert "audit" not in tables  # before/after snapshots hold exempt text
        seen = _everything(reader, tables)
        for marker in MARKERS:
            assert marker not in seen
        # The listing rows stay visible, as on the public Forward Plan: number and title.
        listing = {r["number"]: r["title"] for r in reader.execute(
            "SELECT number, title FROM decision_listing").fetchall()}
        assert listing["23/00101"] == "Technology Enabled Care Service"
        assert {r["number"] for r in reader.execute(
            "SELECT number FROM decisions").fetchall()} == {"23/00098"}
        assert reader.execute("SELECT count(*) AS n FROM paper_files").fetchone()["n"] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("SELECT * FROM audit")


def test_the_reader_changes_nothing(shared):
    desk, url = shared
    reader = dataclasses.replace(desk, store=PostgresStore.open(
        url.replace("//clerk@", "//reader@")))
    try:
        with pytest.raises(StoreError, match="changes need the clerk role"):
            decisions.create_decision(reader, "Something new")
    finally:
        reader.close()
    assert decisions.count(desk) == 3


@pytest.mark.parametrize("statement", [
    "UPDATE audit SET action = 'forged'",
    "DELETE FROM audit",
    "TRUNCATE audit",
    "UPDATE decision_documents SET content = '\\x00'",
    "DELETE FROM decision_documents",
    "UPDATE decisions SET reasons = 'rewritten' WHERE number = '23/00077'",
    "DELETE FROM decisions WHERE number = '23/00077'",
    "UPDATE decisions SET status = 'draft' WHERE number = '23/00077'",
    "DELETE FROM decision_parts WHERE decision_number = '23/00077'",
    "UPDATE audit_high_water SET high = 0",
])
@pytest.mark.parametrize("who", ["clerk", "desk_admin"])
def test_the_database_refuses_what_the_app_never_does(shared, statement, who):
    """A clerk's login, and even the register's owner (whom privileges do not stop): the
    triggers refuse. (The clerk may not even try to change the audit trail.)"""
    _desk, url = shared
    refused = (psycopg.errors.IntegrityError, psycopg.errors.InsufficientPrivilege) \
        if who == "clerk" else psycopg.errors.IntegrityError
    with psycopg.connect(url.replace("//clerk@", f"//{who}@")) as conn, \
            pytest.raises(refused):
        conn.execute(statement)


def test_the_audit_chain_and_kept_files_verify(shared):
    desk, _url = shared
    rows, broken, why = decisions.verify_audit(desk)
    assert (broken, why) == (None, None) and rows > 10
    kept = records.documents_for(desk, "23/00077")
    assert [d.kind for d in kept] == ["scan"]
    content = records.document_content(desk, kept[0].id)
    assert hashlib.sha256(content).hexdigest() == kept[0].sha256
