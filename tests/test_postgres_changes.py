"""Officers sharing a register hear each other's changes: a unit of work committed on one
desktop reaches every other desktop listening, as the Changes it made. Needs a
PostgreSQL server (tests/pg_server.py starts a throwaway one)."""

from __future__ import annotations

import datetime as dt

import pytest

from db.postgres_store import PostgresStore
from governance import decisions, exchange, meetings
from governance.desk import EVERYTHING, Changes, Desk, changes_from_audit
from tests.conftest import ASC
from tests.fake_documents import FakeDocuments


@pytest.fixture
def two_desks(pg_databases, sample_doc, write_doc, tmp_path):
    url = pg_databases.new()
    first = Desk(PostgresStore.open(url), FakeDocuments(), user="first.clerk",
                 clock=lambda: dt.date(2023, 12, 1))
    exchange.import_file(first, write_doc(tmp_path / "in", sample_doc))
    second = Desk(PostgresStore.open(url), FakeDocuments(), user="second.clerk",
                  clock=lambda: dt.date(2023, 12, 1))
    yield first, second
    first.close()
    second.close()


def test_a_change_on_one_desktop_reaches_the_other(two_desks):
    first, second = two_desks
    feed = first.store.change_feed()
    try:
        assert feed.poll(0.1) == []
        made = decisions.create_decision(second, "Made on the other desktop").value
        heard = feed.poll(5.0)
        assert heard == [("decision", made.number)]
        assert changes_from_audit(heard) == Changes(decisions=frozenset({made.number}))
        meetings.create_meeting(second, ASC, dt.date(2024, 1, 18))
        assert changes_from_audit(feed.poll(5.0)) == Changes(
            meetings=frozenset({(ASC, dt.date(2024, 1, 18))}))
    finally:
        feed.close()


def test_a_refused_change_is_not_heard(two_desks):
    first, second = two_desks
    feed = first.store.change_feed()
    try:
        with pytest.raises(Exception):  # noqa: B017 - any refusal: nothing committed
            decisions.update_decision(second, "23/00077", {"title": "Changed"})
        assert feed.poll(0.5) == []
    finally:
        feed.close()


def test_what_the_feed_names_becomes_changes():
    assert changes_from_audit([("record_document", "23/00098")]) == Changes(
        decisions=frozenset({"23/00098"}), documents=frozenset({"23/00098"}))
    assert changes_from_audit([("committee", ASC)]) == Changes(committees=frozenset({ASC}))
    assert changes_from_audit([("member", "Mr A")]) == EVERYTHING
    assert changes_from_audit([("*", "*")]) == EVERYTHING
