"""The use-case suite's fixtures: a :class:`Desk` over each store (the in-memory
:class:`FakeStore`, and :class:`SqliteStore` in a file in ``tmp_path``), with the same
documents adapter (:class:`FakeDocuments`), a fixed clock and a fixed user.

``tests/conftest.py`` imports the fixtures from here, so every test module can ask for:

- ``store_kind``: "fake" or "sqlite" (a test asking for ``any_desk`` runs once with each).
  With "fake", ``sqlite3.connect`` refuses: the fake's run never opens a connection.
- ``any_desk``: an empty register; ``sample_desk``: the sample document imported.
- ``new_desk``: makes another empty register of the same kind (``new_desk()``).
- ``probe``: :class:`StoreProbe`, what a test needs to reach past the port (a stored
  paper's content, tampering behind the app's back), for either store.

The clock is a :class:`Clock`: ``desk.clock.day = dt.date(...)`` changes today.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from db.postgres_store import PostgresStore
from db.sqlite_store import SqliteStore
from governance import exchange, records
from governance.desk import Desk
from tests.fake_documents import FakeDocuments
from tests.fake_store import FakeStore
from tests.pg_server import ADMIN

STORES = ("fake", "sqlite", "postgresql")
#: The day the suite's desks think it is: before the sample's meeting (23 November 2023).
TODAY = dt.date(2023, 11, 1)
USER = "test.clerk"


class Clock:
    """A settable today."""

    def __init__(self, day: dt.date = TODAY) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def build_desk(kind: str, folder: Path, name: str = "register.sqlite",
               url: str | None = None) -> Desk:
    """An empty register of ``kind`` with the suite's documents, clock and user (for
    "postgresql", at ``url``: an empty register database)."""
    if kind == "fake":
        return Desk(FakeStore(), FakeDocuments(), None, USER, Clock())
    if kind == "postgresql":
        assert url is not None
        return Desk(PostgresStore.open(url), FakeDocuments(), None, USER, Clock(),
                    reopen=lambda: PostgresStore.open(url))
    if kind == "sqlite":
        path = folder / name
        return Desk(SqliteStore.open(path), FakeDocuments(), None, USER, Clock(),
                    reopen=lambda: SqliteStore.open(path))
    raise ValueError(kind)


def import_dict(desk: Desk, data: dict[str, Any], folder: Path,
                papers: dict[str, bytes] | None = None) -> exchange.ImportSummary:
    """Import the interchange document ``data`` (with ``papers``: relative path -> bytes)
    through a file, as ``import`` does."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "register.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for rel, content in (papers or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    return exchange.import_file(desk, path).value


@pytest.fixture(params=STORES)
def store_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "fake":
        def refuse(*args: Any, **kwargs: Any) -> None:
            raise AssertionError("the fake store's run opened an SQLite connection")

        monkeypatch.setattr(sqlite3, "connect", refuse)
    return request.param


@pytest.fixture
def new_desk(store_kind: str, tmp_path: Path,
             request: pytest.FixtureRequest) -> Iterator[Callable[[], Desk]]:
    made: list[Desk] = []
    databases = request.getfixturevalue("pg_databases") if store_kind == "postgresql" \
        else None

    def make() -> Desk:
        url = databases.new() if databases is not None else None
        desk = build_desk(store_kind, tmp_path, f"register-{len(made)}.sqlite", url)
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.close()


@pytest.fixture
def any_desk(new_desk: Callable[[], Desk]) -> Desk:
    return new_desk()


@pytest.fixture
def sample_desk(any_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> Desk:
    import_dict(any_desk, sample_doc, tmp_path / "sample")
    return any_desk


@pytest.fixture
def probe(any_desk: Desk) -> StoreProbe:
    return StoreProbe(any_desk)


# --- reaching past the port ----------------------------------------------------------------


@dataclasses.dataclass
class StoreProbe:
    """What a test does behind the app's back, for either store."""

    desk: Desk

    @property
    def fake(self) -> FakeStore | None:
        return self.desk.store if isinstance(self.desk.store, FakeStore) else None

    def _raw(self, *statements: tuple[str, list[Any]]) -> None:
        store = self.desk.store
        if isinstance(store, PostgresStore):  # as the server's superuser, triggers off
            admin = psycopg.connect(store.url.replace("//clerk@", f"//{ADMIN}@"),
                                    autocommit=True)
            try:
                with admin.transaction():
                    admin.execute("SET LOCAL session_replication_role = replica")
                    for sql, params in statements:
                        if not sql.startswith("DROP TRIGGER"):
                            admin.execute(sql.replace("?", "%s"), params)
            finally:
                admin.close()
            return
        assert isinstance(store, SqliteStore) and store.path is not None
        raw = sqlite3.connect(store.path, timeout=10)
        try:
            with raw:
                for sql, params in statements:
                    raw.execute(sql, params)
        finally:
            raw.close()

    def paper_contents(self) -> set[str]:
        """The SHA-256 of every paper content the store keeps."""
        if self.fake:
            return set(self.fake.state.paper_files)
        if isinstance(self.desk.store, PostgresStore):
            return {r["sha256"] for r in self.desk.store._rows("SELECT sha256 FROM paper_files")}
        return {r[0] for r in self.desk.store.db.execute("SELECT sha256 FROM paper_files")}

    def tamper_audit(self, row_id: int, column: str, value: str) -> None:
        """Change a column of a stored audit row."""
        if self.fake:
            rows = self.fake.state.audit
            at = next(i for i, r in enumerate(rows) if r.id == row_id)
            rows[at] = dataclasses.replace(rows[at], **{column: value})
            return
        self._raw(("DROP TRIGGER audit_append_only_update", []),
                  (f"UPDATE audit SET {column} = ? WHERE id = ?", [value, row_id]))

    def cut_audit_end(self, count: int) -> None:
        """Remove the last ``count`` audit rows."""
        if self.fake:
            del self.fake.state.audit[-count:]
            return
        self._raw(("DROP TRIGGER audit_append_only_delete", []),
                  ("DELETE FROM audit WHERE id > (SELECT max(id) FROM audit) - ?", [count]))

    def alter_kept(self, document_id: int, content: bytes) -> None:
        """Overwrite a kept Record of Decision's (or scan's) bytes."""
        if self.fake:
            kept = self.fake.state.kept
            at = next(i for i, (d, _c) in enumerate(kept) if d.id == document_id)
            kept[at] = (kept[at][0], content)
            return
        self._raw(("DROP TRIGGER decision_documents_append_only_update", []),
                  ("UPDATE decision_documents SET content = ? WHERE id = ?",
                   [content, document_id]))

    def alter_assessment(self, document_id: int, content: bytes) -> None:
        if self.fake:
            kept = self.fake.state.assessments
            at = next(i for i, (d, _c) in enumerate(kept) if d.id == document_id)
            kept[at] = (kept[at][0], content)
            return
        self._raw(("DROP TRIGGER assessment_documents_append_only_update", []),
                  ("UPDATE assessment_documents SET content = ? WHERE id = ?",
                   [content, document_id]))

    def change_decision_outside(self, number: str, title: str) -> None:
        """Change a (not taken) decision's title without an audit row."""
        if self.fake:
            self.fake.state.decisions[number].title = title
            return
        self._raw(("UPDATE decisions SET title = ? WHERE number = ?", [title, number]))


def everything(desk: Desk) -> dict[str, Any]:
    """The whole register as the port shows it: to compare before and after a refusal."""
    store = desk.store
    names = store.known_names()
    numbers = sorted(names.decisions)
    return {
        "export": exchange.export_text(desk),
        "audit": [dataclasses.astuple(r) for r in store.audit_rows()],
        "high_water": store.audit_high_water(),
        "meetings": [store.meeting(m.committee, m.date) for m in store.meeting_list()],
        "standing": {c: store.standing_items(c) for c in sorted(names.committees)},
        "kept": [(r.entity, r.id, r.decision_number, r.sha256, r.content)
                 for r in store.kept_files()],
        "assessments": {n: records.assessment_documents_for(desk, n) for n in numbers},
        "versions": {n: store.decision_version(n) for n in numbers},
        "facts": (store.facts().decisions, store.facts().audit_rows),
    }
