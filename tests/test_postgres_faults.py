"""What goes wrong with a server, and what the clerk is told: the server stops in the
middle of an import or a signing (the work is done whole or not at all, and the message
says the connection was lost); a wrong address, a wrong password, a database without the
register, a register newer than the app (one sentence each, never a traceback). Needs
PostgreSQL: these tests start (and stop) servers of their own."""

from __future__ import annotations

import datetime as dt
import socket
import threading

import psycopg
import pytest

from db import postgres_store
from db.postgres_store import PostgresStore
from governance import decisions, exchange, records
from governance.desk import Desk
from governance.errors import StoreError
from templates.renderer import Renderer
from templates.signing import PadesSignatures
from tests.certificates import self_signed_pkcs12
from tests.pg_server import missing_reason

pytestmark = pytest.mark.skipif(missing_reason() is not None,
                                reason=f"PostgreSQL tests need a server: {missing_reason()}")


def _desk(url: str) -> Desk:
    return Desk(PostgresStore.open(url), Renderer(), PadesSignatures(),
                clock=lambda: dt.date(2023, 12, 1))


def _stop_on(monkeypatch, server, starting: str, after: int) -> None:
    """Stop the server (as a power cut would) when the ``after``-th statement starting
    with ``starting`` is about to run."""
    real = PostgresStore._exec
    seen = {"n": 0}

    def exec_then_stop(self, sql, params=()):
        if sql.startswith(starting):
            seen["n"] += 1
            if seen["n"] == after:
                server.stop("immediate")
        return real(self, sql, params)

    monkeypatch.setattr(PostgresStore, "_exec", exec_then_stop)


def test_the_server_stopping_mid_import_leaves_nothing_half_written(
        pg_own_server, monkeypatch, sample_doc, write_doc, tmp_path):
    sample_doc["decisions"] += [{"number": f"24/{i:05d}", "title": f"Decision {i}"}
                                for i in range(1, 41)]
    path = write_doc(tmp_path / "in", sample_doc)
    desk = _desk(pg_own_server.url("register"))
    _stop_on(monkeypatch, pg_own_server, "INSERT INTO decisions", 20)
    with pytest.raises(StoreError) as lost:
        exchange.import_file(desk, path)
    assert "the connection to the register" in str(lost.value)
    assert "was lost" in str(lost.value) and "nothing was changed" in str(lost.value)
    monkeypatch.undo()
    desk.store.conn.close()
    pg_own_server.start()
    again = _desk(pg_own_server.url("register"))
    try:
        assert again.store.is_empty()
        assert again.store.audit_rows() == []
        exchange.import_file(again, path)  # and it goes in whole once the server is back
        assert decisions.count(again) == 43
        assert decisions.verify_audit(again)[1] is None
    finally:
        again.close()


def test_the_server_stopping_mid_signing_takes_nothing_and_writes_no_file(
        pg_own_server, monkeypatch, sample_doc, write_doc, tmp_path):
    desk = _desk(pg_own_server.url("register"))
    sample_doc["decisions"][0]["interests_declared"] = "None."
    # The certificate is the decision maker's: Clair Bell holds the post.
    sample_doc["posts"].append({"title": "Cabinet Member for Adult Social Care and Public"
                                " Health", "holder": "Clair Bell", "phone": None, "email": None})
    exchange.import_file(desk, write_doc(tmp_path / "in", sample_doc))
    pkcs12 = tmp_path / "signer.p12"
    self_signed_pkcs12(pkcs12, "secret", "Clair Bell")
    signer = records.open_signer(desk, pkcs12, "secret")
    output = tmp_path / "signed.pdf"
    _stop_on(monkeypatch, pg_own_server, "INSERT INTO decision_documents", 1)
    with pytest.raises(StoreError, match="was lost"):
        records.sign_record(desk, "23/00098", signer, output)
    monkeypatch.undo()
    desk.store.conn.close()
    pg_own_server.start()
    again = _desk(pg_own_server.url("register"))
    try:
        assert not decisions.decision(again, "23/00098").is_taken
        assert records.documents_for(again, "23/00098") == []
        assert not output.exists()
        assert list(tmp_path.glob(".signed.pdf.*")) == []
    finally:
        again.close()


def test_what_cannot_be_opened_is_said_in_one_sentence(pg_own_server, tmp_path):
    nowhere = pg_own_server.url("register").replace(str(pg_own_server.socket_dir), str(tmp_path))
    with pytest.raises(StoreError) as no_server:
        PostgresStore.open(nowhere)
    assert str(no_server.value).startswith(f"cannot reach the register at {nowhere}: ")

    with pytest.raises(StoreError) as no_database:
        PostgresStore.open(pg_own_server.url("no_such_database"))
    assert 'database "no_such_database" does not exist' in str(no_database.value)

    with psycopg.connect(pg_own_server.url(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE empty")
    with pytest.raises(StoreError) as empty:
        PostgresStore.open(pg_own_server.url("empty"))
    assert str(empty.value) == (
        f"{pg_own_server.url('empty')} has no Decision Desk register: run `python main.py --db"
        f" {pg_own_server.url('empty')} init` first")

    with psycopg.connect(pg_own_server.url("register"), autocommit=True) as admin:
        admin.execute("INSERT INTO desk_migrations (name) VALUES ('m999_from_the_future')")
    with pytest.raises(StoreError) as newer:
        PostgresStore.open(pg_own_server.url("register"))
    assert str(newer.value) == (
        f"the register at {pg_own_server.url('register')} was made by a newer version of Decision"
        " Desk (it has m999_from_the_future): update Decision Desk")

    with pytest.raises(StoreError, match="leave the password out of the URL"):
        PostgresStore.open(pg_own_server.url("register").replace("desk_admin@",
                                                          "desk_admin:secret@"))


def test_a_wrong_password_says_where_passwords_come_from(pg_own_server, monkeypatch):
    hba = pg_own_server.folder / "data" / "pg_hba.conf"
    lines = hba.read_text().splitlines()
    with psycopg.connect(pg_own_server.url(), autocommit=True) as admin:
        admin.execute("CREATE ROLE officer LOGIN PASSWORD 'right' IN ROLE desk_reader")
    pg_own_server.run_as_owner("sh", "-c", f"printf 'local all officer scram-sha-256\\n%s\\n' "
                        f"\"$(cat {hba})\" > {hba}.new && mv {hba}.new {hba}")
    assert len(hba.read_text().splitlines()) == len(lines) + 1
    pg_own_server.run_as_owner(pg_own_server.bindir / "pg_ctl", "-D",
                               pg_own_server.folder / "data", "reload")
    monkeypatch.setenv("PGPASSWORD", "wrong")
    with pytest.raises(StoreError) as refused:
        PostgresStore.open(pg_own_server.url("register", "officer"))
    assert str(refused.value).startswith(
        f"cannot log in to {pg_own_server.url('register', 'officer')}: ")
    assert str(refused.value).endswith("(check ~/.pgpass or PGPASSWORD)")
    monkeypatch.setenv("PGPASSWORD", "right")
    PostgresStore.open(pg_own_server.url("register", "officer")).close()


def test_a_server_that_never_answers_is_given_up_on(monkeypatch):
    """A host that takes the connection and never speaks (a firewall, a hung server):
    libpq on its own would wait for ever; the store gives up after its timeout."""
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    monkeypatch.setattr(postgres_store, "CONNECT_TIMEOUT", 1)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    url = f"postgresql://clerk@127.0.0.1:{silent.getsockname()[1]}/register"
    outcome: list[BaseException] = []

    def open_it() -> None:
        try:
            PostgresStore.open(url)
        except BaseException as exc:  # noqa: BLE001 - the test reports what it was
            outcome.append(exc)

    opening = threading.Thread(target=open_it, daemon=True)
    opening.start()
    opening.join(timeout=30)
    silent.close()
    assert not opening.is_alive(), "still waiting for a server that never answers"
    assert len(outcome) == 1 and isinstance(outcome[0], StoreError)
    assert str(outcome[0]).startswith(f"cannot reach the register at {url}: ")
