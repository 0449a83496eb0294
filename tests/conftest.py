"""Shared fixtures: a small but complete interchange document, files and registers."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from db.sqlite_store import SqliteStore
from governance import exchange
from governance.desk import Desk
from main import make_desk

ASC = "Adult Social Care Cabinet Committee"
DIRECTOR = "Corporate Director Adult Social Care and Health"

_SAMPLE: dict[str, Any] = {
    "format": "decision-register/1",
    "council": {"name": "Kent County Council", "key_decision_threshold_pounds": 1000000},
    "posts": [
        {"title": DIRECTOR, "holder": "Richard Smith", "phone": "03000 416838",
         "email": "richard.smith@kent.gov.uk"},
        {"title": "General Counsel", "holder": "Ben Watts", "phone": None, "email": None},
    ],
    "members": [
        {"name": "Mr A M Ridgers", "party": "Conservative", "honours": None},
        {"name": "Ms L Wright", "party": "Conservative", "honours": None},
        {"name": "Mr D Ross", "party": "Labour", "honours": "MBE"},
    ],
    "committees": [
        {"name": ASC, "kind": "cabinet_committee", "seats": 3,
         "party_seats": {"Conservative": 2, "Labour": 1},
         "membership": [{"member": "Mr A M Ridgers", "role": "chairman"},
                        {"member": "Ms L Wright", "role": "vice_chairman"},
                        {"member": "Mr D Ross", "role": "member"}]},
    ],
    "meetings": [
        {"committee": ASC, "date": "2023-11-23", "time": "14:00",
         "venue": "Council Chamber, Sessions House, County Hall, Maidstone",
         "clerk": "Dominic Westhoff", "proper_officer": "General Counsel",
         "published_on": "2023-11-15", "notices": ["webcasting"],
         "items": [
             {"title": "Apologies and Substitutes", "standing": True},
             {"title": "Adult Social Care Pressures Plan 2023/2024",
              "decision": "23/00098",
              "description": "To consider and either endorse or make a recommendation to the"
                             " Cabinet Member on the proposed decision"},
             {"title": "Decisions Taken Outside of the Cabinet Committee Cycle",
              "items": [{"title": "Care Home Beds Framework Extension",
                         "decision": "23/00077"}]},
         ]},
    ],
    "decisions": [
        {"number": "23/00098",
         "title": "Urgent and Emergency Care Support Fund",
         "decision_maker": "Cabinet Member for Adult Social Care and Public Health",
         "key_decision": True,
         "key_decision_criteria": ["expenditure"],
         "parts": [{"verb": "ACCEPT", "text": "the Urgent and Emergency Care Funding under"
                    " the terms set out by the Department of Health and Social Care"}],
         "reasons": "To respond to winter pressures on hospital discharge.",
         "consultation": "The proposed decision was discussed at the Adult Social Care"
                         " Cabinet Committee on 23 November 2023.",
         "alternatives": "None.",
         "eqia": {"status": "completed", "title": "Pressures Plan EqIA"},
         "dpia": {"status": "not_required"},
         "notice_published_on": "2023-10-20",
         "route": "committee",
         "committee_considerations": [
             {"committee": ASC, "date": "2023-11-23", "outcome": "endorsed",
              "recommendations": None}],
         "status": "proposed",
         "report_author": "Laura Prentice",
         "relevant_director": "Jim Beale"},
        {"number": "23/00077",
         "title": "Care Home Beds Framework Extension",
         "decision_maker": "Cabinet Member for Adult Social Care and Public Health",
         "key_decision": False,
         "parts": [{"verb": "EXTEND", "text": "the residential care home beds framework by"
                    " twelve months"}],
         "reasons": "The framework expires before the new one can be procured.",
         "alternatives": "Letting the framework lapse was rejected.",
         "eqia": {"status": "completed", "title": "Framework EqIA",
                  "signed_off_by": "Jim Beale", "signed_off_on": "2023-09-01"},
         "dpia": {"status": "not_required"},
         "route": "outside_cycle",
         "status": "taken",
         "taken_on": "2023-10-02",
         "signed_by": "Clair Bell",
         "published_on": "2023-10-03"},
        {"number": "23/00101",
         "title": "Technology Enabled Care Service",
         "decision_maker": "Cabinet Member for Adult Social Care and Public Health",
         "key_decision": None,
         "parts": [
             {"verb": "APPROVE", "text": "the commissioning of a technology enabled care"
              " service"},
             {"verb": "DELEGATE", "text": f"authority to the {DIRECTOR} to award the"
              " contract",
              "delegation": {"post": DIRECTOR, "scope": "award the contract",
                             "conditions": "within the approved budget"}}],
         "status": "draft"},
    ],
}


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's configuration (house style, Word
    templates, trusted certificates) and data folder (register, automatic backups)."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


@pytest.fixture(autouse=True)
def _own_log_folder(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """``main.main`` (and every ``python main.py`` a test starts) writes its log file in the
    user's log folder (``XDG_STATE_HOME`` on Linux): keep it away from the real user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def _no_modal_questions(request: pytest.FixtureRequest,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Offscreen, a modal question would wait for ever: a window test that fails with
    unsaved edits on screen would hang the run when its window closes. Unsaved edits are
    discarded unless the test asks otherwise (tests of the question patch it themselves)."""
    if "qtbot" not in request.fixturenames:
        return
    from ui.decision_view import DecisionView
    from ui.record_files import RecordFilesPanel

    monkeypatch.setattr(DecisionView, "ask_unsaved", lambda self, number, fields: "discard")
    # Take (sign), Withdraw and Sign… ask first: a test that presses them means it (tests of
    # the question look at the question itself: DecisionView.confirmation).
    monkeypatch.setattr(DecisionView, "confirm", lambda self, action: True)
    monkeypatch.setattr(RecordFilesPanel, "confirm_sign", lambda self: True)


@pytest.fixture
def sample_doc() -> dict[str, Any]:
    """A fresh copy of a small, complete, valid interchange document (change it freely)."""
    return copy.deepcopy(_SAMPLE)


def pdf_bytes(label: str = "") -> bytes:
    """A tiny, valid one-page PDF showing ``label`` (which makes contents differ);
    the same label gives the same bytes."""
    text = label.encode("latin-1", "replace")
    text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 12 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return raw_pdf(objects)


def raw_pdf(objects: list[bytes], version: bytes = b"1.4") -> bytes:
    """A PDF file of ``objects`` (numbered from 1; the first is the catalog), with its
    cross-reference table."""
    out = b"%PDF-" + version + b"\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def _write_doc(
    tmp_path: Path, data: dict[str, Any] | str, papers: dict[str, bytes] | None = None,
    name: str = "register.json",
) -> Path:
    """Write ``data`` (a dict, or raw text) as ``name`` in ``tmp_path`` with ``papers``
    (relative path -> bytes) beside it; returns the JSON file's path."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    for rel, content in (papers or {}).items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return path


@pytest.fixture
def write_doc() -> Callable[..., Path]:
    """``write_doc(tmp_path, data, papers={"papers/a.pdf": b"%PDF-1.4..."})`` -> path."""
    return _write_doc


@pytest.fixture
def make_pdf() -> Callable[[str], bytes]:
    return pdf_bytes


def open_desk(path: Path) -> Desk:
    """The register in the SQLite file at ``path`` (made if new), with the ports the app
    puts around it."""
    return make_desk(SqliteStore.open(path), path)


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Desk]:
    """An empty register in a file in ``tmp_path``."""
    desk = open_desk(tmp_path / "register.sqlite")
    try:
        yield desk
    finally:
        desk.close()


@pytest.fixture
def sample_register(
    register: Desk, sample_doc: dict[str, Any], tmp_path: Path,
) -> Desk:
    """The ``register`` fixture with the sample document imported."""
    exchange.import_file(register, _write_doc(tmp_path / "sample", sample_doc))
    return register


@pytest.fixture
def demo_register(tmp_path: Path) -> Iterator[Desk]:
    """The demo register (the Kent papers) as ``demo`` loads it, in a file of its own."""
    desk = open_desk(tmp_path / "demo.sqlite")
    exchange.load_demo(desk)
    yield desk
    desk.close()


@pytest.fixture
def open_window(qtbot, demo_register, tmp_path):
    """Make the main window over the demo register as if ``today`` were that day, shown
    (on screen ``screen``, if given), with settings of its own."""
    from PySide6.QtCore import QSettings

    from ui.app import MainWindow

    def make(today, screen: int | None = None):
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(demo_register, today=today, settings=settings)
        qtbot.addWidget(window)
        window.show()
        if screen is not None:
            window.show_screen(screen)
        return window

    return make


class _NoDemoPapers:
    """The document adapter of a desk, but with no demo papers to attach."""

    def __init__(self, documents: Any):
        self._documents = documents

    def demo_papers(self) -> list:
        return []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._documents, name)


def load_demo_without_papers(desk: Desk) -> exchange.ImportSummary | None:
    """The demo register's decisions, meetings, committees and people, without the papers
    of its two meetings (what ``db.exchange.load_demo`` loaded before the papers were
    attached by ``demo``): for tests that attach papers of their own."""
    import dataclasses

    return exchange.load_demo(
        dataclasses.replace(desk, documents=_NoDemoPapers(desk.documents))).value


# --- the use-case suite (tests/test_usecases_*.py): a Desk over each store -----------------
# store_kind, any_desk, sample_desk, new_desk, probe: see tests/usecase_fixtures.py.
from tests.usecase_fixtures import (  # noqa: E402, F401
    any_desk,
    new_desk,
    probe,
    sample_desk,
    store_kind,
)

# --- PostgreSQL: a throwaway server for the session, an empty register per test ----------


class PgDatabases:
    """Empty registers on the session's server: each a database made from a template
    that ``init`` set up once; the tests connect as ``clerk`` (a login in desk_clerk)."""

    def __init__(self, server) -> None:
        self.server = server
        self.made: list[str] = []

    def new(self, user: str = "clerk") -> str:
        import psycopg

        name = f"register_{len(self.made)}_{id(self)}"
        with psycopg.connect(self.server.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name} TEMPLATE desk_template")
        self.made.append(name)
        return self.server.url(name, user)

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.server.url(), autocommit=True) as admin:
            for name in self.made:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (skipped, saying why, where there is none)."""
    from tests.pg_server import missing_reason, throwaway_server

    reason = missing_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests need a server: {reason}")
    import psycopg

    from db.postgres_store import PostgresRegisters

    with throwaway_server() as server:
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE desk_template")
        PostgresRegisters().init(server.url("desk_template"))
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute("CREATE ROLE clerk LOGIN IN ROLE desk_clerk")
            admin.execute("CREATE ROLE reader LOGIN IN ROLE desk_reader")
        yield server


@pytest.fixture
def pg_databases(pg_server):
    made = PgDatabases(pg_server)
    yield made
    made.drop()


@pytest.fixture
def pg_own_server():
    """A server of the test's own with an initialised, empty register in database
    ``register``, for tests that stop and start it (commits reach the disk)."""
    from tests.pg_server import missing_reason, throwaway_server

    reason = missing_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests need a server: {reason}")
    import psycopg

    from db.postgres_store import PostgresRegisters

    with throwaway_server(fast=False) as made:
        with psycopg.connect(made.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE register")
        PostgresRegisters().init(made.url("register"))
        yield made


@pytest.fixture(scope="module")
def demo_without_papers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """The demo register without its papers, in a file of its own for the module (for the
    documents' own tests: records, covers, front sheets)."""
    desk = open_desk(tmp_path_factory.mktemp("demo-without-papers") / "register.sqlite")
    load_demo_without_papers(desk)
    yield desk
    desk.close()
