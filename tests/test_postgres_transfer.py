"""A clerk's register moved whole to a shared one (``transfer``), backed up from there as
a register file, and restored into another: every row, paper and kept file, the audit
trail with its hash chain; each copy exports to the same bytes as the original.
Needs a PostgreSQL server (tests/pg_server.py starts a throwaway one)."""

from __future__ import annotations

import pytest

from db.postgres_store import PostgresRegisters, PostgresStore
from db.sqlite_store import SqliteStore
from governance import decisions, exchange, records, sharing
from governance.desk import Desk
from governance.errors import StoreError
from governance.sharing import TransferError
from main import make_desk
from templates.renderer import Renderer
from tests.conftest import pdf_bytes


@pytest.fixture
def clerks_register(demo_register, tmp_path):
    """The demo register with a kept scan and an EqIA document too."""
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes("signed on paper"))
    records.attach_scan(demo_register, "22/00097", scan)
    eqia = tmp_path / "eqia.docx"
    eqia.write_bytes(b"PK\x03\x04 an EqIA")
    records.attach_assessment_document(demo_register, "23/00098", "eqia", eqia)
    return demo_register


def _shared(url: str) -> Desk:
    return Desk(PostgresStore.open(url), Renderer())


def test_transfer_copies_everything_and_the_copy_exports_the_same(clerks_register,
                                                                   pg_databases):
    shared = _shared(pg_databases.new())
    try:
        done = sharing.transfer(shared, clerks_register.store)
        assert done.message.startswith(
            f"Transferred {clerks_register.store.location} to {shared.store.location}:"
            " 14 decisions, 2 meetings, 37 papers, ")
        assert exchange.export_text(shared) == exchange.export_text(clerks_register)
        assert decisions.verify_audit(shared) == decisions.verify_audit(clerks_register)
        assert [r.hash for r in decisions.audit_trail(shared)] == \
            [r.hash for r in decisions.audit_trail(clerks_register)]
        original = records.assessment_documents_for(clerks_register, "23/00098")
        copied = records.assessment_documents_for(shared, "23/00098")
        assert copied == original
        assert records.assessment_document_content(shared, copied[0].id) == \
            b"PK\x03\x04 an EqIA"
        # Work goes on in the shared register: numbers after those copied, the chain on.
        made = decisions.create_decision(shared, "A decision made after the move").value
        assert made.number not in exchange.export_text(clerks_register)
        assert decisions.verify_audit(shared)[1] is None
    finally:
        shared.close()


def test_transfer_goes_only_into_an_empty_register(clerks_register, pg_databases):
    shared = _shared(pg_databases.new())
    try:
        sharing.transfer(shared, clerks_register.store)
        before = exchange.export_text(shared)
        with pytest.raises(TransferError, match="already holds a register"):
            sharing.transfer(shared, clerks_register.store)
        assert exchange.export_text(shared) == before
    finally:
        shared.close()


def test_a_transfer_that_fails_half_way_leaves_the_shared_register_empty(
        clerks_register, pg_databases, monkeypatch):
    shared = _shared(pg_databases.new())
    real = PostgresStore._exec
    calls = {"n": 0}

    def failing(self, sql, params=()):
        if sql.startswith("INSERT INTO papers"):
            calls["n"] += 1
            if calls["n"] == 30:
                raise StoreError("the disk on the server is full")
        return real(self, sql, params)

    monkeypatch.setattr(PostgresStore, "_exec", failing)
    try:
        with pytest.raises(StoreError, match="disk on the server is full"):
            sharing.transfer(shared, clerks_register.store)
        monkeypatch.undo()
        assert shared.store.is_empty()
        assert shared.store.audit_rows() == []
    finally:
        shared.close()


def test_a_backup_of_the_shared_register_is_a_register_file_that_restores(
        clerks_register, pg_databases, tmp_path):
    shared = _shared(pg_databases.new())
    try:
        sharing.transfer(shared, clerks_register.store)
        decisions.create_decision(shared, "Made in the shared register")
        path, facts = shared.store.backup_to(tmp_path)
        assert path.parent == tmp_path and path.suffix == ".sqlite"
        assert facts.decisions == 15
        # The backup opens on a desktop as an ordinary register ...
        copy = make_desk(SqliteStore.open(path), path)
        try:
            assert exchange.export_text(copy) == exchange.export_text(shared)
            assert decisions.verify_audit(copy)[1] is None
        finally:
            copy.close()
        # ... and restores into an empty shared register.
        url = pg_databases.new()
        aside, restored = PostgresRegisters().restore(url, path)
        assert aside is None and restored.decisions == 15
        again = _shared(url)
        try:
            assert exchange.export_text(again) == exchange.export_text(shared)
            assert decisions.verify_audit(again)[1] is None
        finally:
            again.close()
    finally:
        shared.close()
