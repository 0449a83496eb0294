"""The fake store itself: that it keeps its promises (copies in and out, writes only in a
unit of work, all or nothing) and that it answers as the SQLite store does, the same
work done on both and compared, and random listings of the demo register compared."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from db.sqlite_store import SqliteStore
from governance import committees, decisions, exchange, meetings, records
from governance.agenda import numbered
from governance.desk import Desk
from governance.errors import StoreError
from governance.interchange import parse
from governance.model import Member, Post
from governance.ports import SORTS, DecisionFilter, Documents
from governance.vocab import STATUSES
from templates.renderer import Renderer
from tests.conftest import pdf_bytes
from tests.fake_documents import FakeDocuments
from tests.fake_store import FakeStore
from tests.usecase_fixtures import Clock, build_desk, everything

ASC = "Adult Social Care Cabinet Committee"


# --- its promises -----------------------------------------------------------------------------


def test_writes_outside_a_unit_of_work_are_refused() -> None:
    store = FakeStore()
    with pytest.raises(AssertionError, match="transaction"):
        store.add_post(Post("Clerk"))
    with pytest.raises(AssertionError, match="transaction"):
        store.allocate_number(2023)
    with store.transaction():
        store.add_post(Post("Clerk"))
    assert [p.title for p in store.posts()] == ["Clerk"]


def test_what_goes_in_and_comes_out_are_copies() -> None:
    store = FakeStore()
    member = Member("Mr A", "Green")
    with store.transaction():
        store.add_member(member)
    member.party = "Changed after"
    got = store.members()
    got[0].party = "Changed in my hands"
    assert store.members() == [Member("Mr A", "Green")]


def test_all_or_nothing_and_nested_units_join() -> None:
    store = FakeStore()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_post(Post("One"))
        with store.transaction():
            store.add_post(Post("Two"))
        raise RuntimeError
    assert store.posts() == [] and store.rollbacks == 1 and store.commits == 0
    with store.transaction():
        store.add_post(Post("One"))
        with pytest.raises(RuntimeError), store.transaction():
            store.add_post(Post("Two"))
            raise RuntimeError  # caught inside the outer unit: only the inner is undone
    assert [p.title for p in store.posts()] == ["One"] and store.commits == 1


def test_a_clash_is_a_store_error_and_backups_are_refused(tmp_path: Path) -> None:
    store = FakeStore()
    with pytest.raises(StoreError, match="refused the change"), store.transaction():
        store.add_post(Post("One"))
        store.add_post(Post("One"))
    assert store.posts() == []
    with pytest.raises(StoreError, match="the fake store cannot be backed up"):
        store.backup_to(tmp_path)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.posts()


# --- it answers as SQLite does ------------------------------------------------------------------


def _day_of_work(desk: Desk, folder: Path) -> None:
    """A clerk's day: everything the use cases do to a register, in one go."""
    exchange.load_demo(desk)
    c, nov = exchange.DEMO_COMMITTEE, dt.date(2023, 11, 23)
    dec = dt.date(2023, 12, 14)
    committees.set_standing(desk, c, ["Apologies and Substitutes", "Minutes of the meeting"
                                      " held on {previous_meeting}"], ["Work Programme"])
    meetings.create_meeting(desk, c, dec, time="10:00")
    number = decisions.create_decision(desk, "A new decision", decision_maker="Leader").value
    meetings.add_item(desk, c, dec, decision=number.number)
    meetings.add_item(desk, c, dec, "Sub", parent=3)
    meetings.attach_papers(desk, c, dec, "3a", [("a.pdf", pdf_bytes("a")),
                                                ("b.pdf", pdf_bytes("b"))])
    meetings.attach_papers(desk, c, nov, 2, [("a.pdf", pdf_bytes("a"))])
    meetings.move_item(desk, c, dec, 3, 1)
    meetings.remove_paper(desk, c, dec, "1a", "b.pdf")
    meetings.set_paper_exempt(desk, c, dec, "1a", 1, 2)
    meetings.record_membership(desk, c, dec)
    desk.clock.day = dt.date(2023, 12, 8)
    meetings.publish(desk, c, dec, late_reason="Urgent")
    decisions.update_decision(desk, number.number, {"reasons": "Reasons.",
                                                    "key_decision": False})
    decisions.transition(desk, number.number, "withdraw")
    taken = next(d for d in decisions.all_decisions(desk) if d.is_taken)
    decisions.correct(desk, taken.number)
    scan = folder / "scan.pdf"
    scan.write_bytes(pdf_bytes("scan"))
    records.attach_scan(desk, taken.number, scan)
    records.attach_assessment_document(desk, taken.number, "eqia", scan)
    members = committees.committee(desk, c).membership
    committees.add_member(desk, c, members[-1].member, "chairman")
    committees.remove_member(desk, c, members[2].member)


def _comparable(desk: Desk) -> dict[str, Any]:
    """``everything`` without what depends on the clock and the run (times, hashes)."""
    seen = everything(desk)
    seen["audit"] = [(r[2], r[3], r[4], r[5], r[6]) for r in seen["audit"]]
    seen["kept"] = [(e, i, n, s) for e, i, n, s, _c in seen["kept"]]
    seen["assessments"] = {n: [dataclasses.replace(a, recorded_at="") for a in docs]
                           for n, docs in seen["assessments"].items()}
    store = desk.store
    seen["lists"] = {
        "meeting_list": store.meeting_list(), "latest": store.latest_meeting_details(),
        "considerations": store.considerations(), "choices": store.filter_choices(),
        "exempt": store.exempt_paragraphs(), "known": store.known_names(),
        "appearances": {n: store.agenda_appearances(n) for n in sorted(store.known_names()
                                                                       .decisions)},
        "summaries": store.summaries(DecisionFilter(), "title", True),
        "published_since": [d.number for d in store.decisions(
            statuses=("draft",), published_since=dt.date(2019, 1, 1))],
        "kept_docs": [dataclasses.replace(k, recorded_at="")
                      for k in store.kept_documents()],
        "empty": store.is_empty(),
    }
    return seen


def test_a_day_of_work_leaves_both_stores_the_same(tmp_path: Path) -> None:
    fake = build_desk("fake", tmp_path)
    real = build_desk("sqlite", tmp_path)
    try:
        _day_of_work(fake, tmp_path)
        _day_of_work(real, tmp_path)
        left, right = _comparable(fake), _comparable(real)
        for key in right:
            assert left[key] == right[key], key
        assert decisions.verify_audit(fake)[1:] == decisions.verify_audit(real)[1:] == (
            None, None)
    finally:
        real.close()


@pytest.fixture(scope="module")
def demo_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Desk, Desk, list[str]]:
    folder = tmp_path_factory.mktemp("pair")
    fake, real = build_desk("fake", folder), build_desk("sqlite", folder)
    for desk in (fake, real):
        exchange.load_demo(desk)
        open_one = next(d for d in decisions.all_decisions(desk)
                        if not d.is_taken and d.status != "withdrawn")
        decisions.update_decision(desk, open_one.number,
                                  {"reasons": "Café Zürich naïve co-operation 2023/24"})
    words = sorted({w for d in decisions.all_decisions(real)
                    for w in re.findall(r"\w+", " ".join(
                        [d.number, d.title, d.reasons or "", *(p.text for p in d.parts)]))})
    yield fake, real, words
    real.close()


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_listings_agree(demo_pair: tuple[Desk, Desk, list[str]], data) -> None:
    fake, real, words = demo_pair
    picked = data.draw(st.lists(st.sampled_from(words), max_size=3))
    cut = data.draw(st.integers(min_value=1, max_value=6))
    if picked:
        picked[-1] = picked[-1][:cut]
    search = data.draw(st.sampled_from([" ".join(picked), "-".join(picked), "", "!!", "zzz"]))
    where = DecisionFilter(
        search=search or None,
        status=data.draw(st.sampled_from([None, *STATUSES])),
        committee=data.draw(st.sampled_from([None, ASC, "Cabinet"])),
        key_decision=data.draw(st.sampled_from([None, True, False, "unrecorded"])),
        year=data.draw(st.sampled_from([None, 2019, 2023])))
    sort = data.draw(st.sampled_from(SORTS))
    descending = data.draw(st.booleans())
    limit = data.draw(st.sampled_from([None, 3, 10]))
    offset = data.draw(st.integers(min_value=0, max_value=5)) if limit else 0
    assert fake.store.summaries(where, sort, descending, limit, offset) == \
        real.store.summaries(where, sort, descending, limit, offset)
    assert fake.store.count(where) == real.store.count(where)


def test_the_fake_is_no_sqlite_store() -> None:
    assert not isinstance(FakeStore(), SqliteStore)
    assert FakeStore().location is None


def test_the_fake_documents_stand_in_for_the_renderer() -> None:
    """Every method of the Documents port, with the Renderer's parameters."""
    wanted = [n for n, v in vars(Documents).items()
              if callable(v) and not n.startswith("_")]
    assert len(wanted) >= 12
    for name in wanted:
        fake = inspect.signature(getattr(FakeDocuments, name))
        real = inspect.signature(getattr(Renderer, name))
        assert list(fake.parameters) == list(real.parameters), name


def test_search_splits_and_folds_words_as_sqlite_does(tmp_path: Path) -> None:
    texts = ["Øresund bridge", "Straße works", "ﬁnance plan", "ÉCOLE café", "naïve Zoë",
             "Ǆemal", "İstanbul", "x_y joined", "½ share", "Ⅻ roman", "日本語 text", "ŁÓDŹ",
             "œuvre", "co-operation 2023/24", "Committee's view"]
    searches = ["oresund", "øresund", "strasse", "straße", "finance", "ﬁnance", "ecole",
                "cafe", "naive", "zoe", "dzemal", "ǆemal", "istanbul", "x", "y", "x_y",
                "share", "½", "xii", "ⅻ", "日本語", "日", "lodz", "łódź", "oeuvre", "œuvre",
                "co operation", "cooperation", "2023", "24", "committee s", "committees",
                "view committee"]
    fake, real = build_desk("fake", tmp_path), build_desk("sqlite", tmp_path)
    try:
        for desk in (fake, real):
            for text in texts:
                decisions.create_decision(desk, text)
        for search in searches:
            where = DecisionFilter(search=search)
            assert [s.title for s in fake.store.summaries(where)] == \
                [s.title for s in real.store.summaries(where)], search
    finally:
        real.close()


_REFS = ["1", "2", "6", "7", "2a", "2b", "x"]


def _agenda_step(desk: Desk, step: tuple) -> str:
    c, day = ASC, dt.date(2023, 12, 14)
    op, ref, arg = step
    try:
        if op == "add":
            return meetings.add_item(desk, c, day, f"Item {arg}",
                                     before=[meetings.CLOSING, None, ref][arg % 3]).message
        if op == "sub":
            return meetings.add_item(desk, c, day, f"Sub {arg}", parent=ref).message
        if op == "move":
            return meetings.move_item(desk, c, day, ref, arg).message
        if op == "remove":
            return meetings.remove_item(desk, c, day, ref, with_papers=bool(arg % 2)).message
        if op == "attach":
            return meetings.attach_papers(desk, c, day, ref, [
                (f"p{arg}.pdf", pdf_bytes(f"paper {arg % 3}"))]).message
        if op == "detach":
            return meetings.remove_paper(desk, c, day, ref, arg % 3 + 1).message
        if op == "exempt":
            return meetings.set_item_exempt(desk, c, day, ref, arg % 8 or None).message
        return meetings.set_paper_exempt(desk, c, day, ref, arg % 2 + 1,
                                         arg % 8 or None).message
    except Exception as exc:  # the same refusal, word for word, from both
        return f"{type(exc).__name__}: {exc}"


def _agenda_seen(desk: Desk) -> tuple:
    record = desk.store.meeting(ASC, dt.date(2023, 12, 14))
    contents = [p.content for _n, i in numbered(record.meeting.items) for p in i.papers]
    if isinstance(desk.store, FakeStore):
        kept = set(desk.store.state.paper_files)
    else:
        kept = {r[0] for r in desk.store.db.execute("SELECT sha256 FROM paper_files")}
    return record, contents, kept


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(
    st.sampled_from(["add", "sub", "move", "remove", "attach", "detach", "exempt",
                     "paper_exempt"]),
    st.sampled_from(_REFS), st.integers(min_value=0, max_value=9)), max_size=16))
def test_random_agenda_work_agrees(sample_doc: dict[str, Any], tmp_path: Path,
                                   steps: list[tuple]) -> None:
    desks = [Desk(FakeStore(), FakeDocuments(), None, "clerk", Clock()),
             Desk(SqliteStore.open(None), FakeDocuments(), None, "clerk", Clock())]
    try:
        for desk in desks:
            exchange.import_document(desk, parse(sample_doc))
            meetings.create_meeting(desk, ASC, dt.date(2023, 12, 14))
        for step in steps:
            said = [_agenda_step(desk, step) for desk in desks]
            event(f"{step[0]} {'refused' if 'Error' in said[0] else 'done'}")
            assert said[0] == said[1], step
            assert _agenda_seen(desks[0]) == _agenda_seen(desks[1]), step
    finally:
        desks[1].close()
