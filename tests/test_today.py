"""The Today screen's work and problems, from the core (``governance.today``,
``governance.listings``): worked out from the store's lean rows of open decisions, the
same as from whole decisions; sections whose first entries are complete and the rest
completed when asked; a change to a few decisions taken in place, the same as working
everything out again; the problems of what is open never checking a decision already
taken, and the whole register's the same sentences as ``check``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from governance import checks, decisions, exchange, listings, today
from governance.desk import Desk
from governance.errors import Cancelled
from governance.model import Assessment, Decision, DecisionPart, RegisterDocument
from governance.vocab import TAKEN_STATUSES
from tests.usecase_fixtures import build_desk

DAYS = (dt.date(2018, 2, 1), dt.date(2019, 3, 1), dt.date(2023, 10, 4), dt.date(2023, 11, 1),
        dt.date(2023, 11, 10), dt.date(2024, 1, 1))


def _open_doc(desk: Desk) -> RegisterDocument:
    """What the work was worked out from before the lean rows: whole decisions."""
    day = desk.today()
    store = desk.store
    return RegisterDocument(
        meetings=listings.upcoming_meetings(desk),
        decisions=store.decisions(statuses=today.OPEN_STATUSES,
                                  published_since=today.published_since(day)))


def _insert(desk: Desk, n: int, status: str, start: int = 1, key: bool = True,
            taken_on: dt.date | None = None) -> list[str]:
    """``n`` decisions of ``status`` straight into the store (as the benchmark makes
    them): key decisions with no Forward Plan notice, their assessments done."""
    numbers = []
    with desk.store.transaction():
        for i in range(start, start + n):
            d = Decision(number=f"22/{i:05d}", title=f"Bulk decision {i:03d}",
                         decision_maker="Cabinet Member for Adult Social Care",
                         key_decision=key, parts=[DecisionPart("APPROVE", f"thing {i}")],
                         eqia=Assessment("completed"), dpia=Assessment("not_required"),
                         status=status, taken_on=taken_on)
            desk.store.insert_decision(d, "test")
            numbers.append(d.number)
    return numbers


@pytest.fixture(scope="module")
def demo_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Desk, Desk]:
    folder = tmp_path_factory.mktemp("today")
    fake, real = build_desk("fake", folder), build_desk("sqlite", folder)
    for desk in (fake, real):
        exchange.load_demo(desk)
    yield fake, real
    real.close()


@pytest.mark.parametrize("day", DAYS)
def test_the_lean_rows_are_the_whole_decisions_and_agree_across_stores(
        demo_pair: tuple[Desk, Desk], day: dt.date) -> None:
    fake, real = demo_pair
    since = today.published_since(day)
    rows = {}
    for desk in demo_pair:
        rows[id(desk)] = list(desk.store.open_decisions(today.OPEN_STATUSES, since, day))
        whole = desk.store.decisions(statuses=today.OPEN_STATUSES, published_since=since)
        assert rows[id(desk)] == [today.open_decision(d, day) for d in whole]
    assert rows[id(fake)] == rows[id(real)]
    assert rows[id(real)]
    some = [r.number for r in rows[id(real)][:3]] + ["16/00089"]  # and one taken long ago
    for desk in demo_pair:
        assert list(desk.store.open_decisions(today.OPEN_STATUSES, since, day, numbers=some)
                    ) == rows[id(real)][:3]
        assert list(desk.store.open_decisions(today.OPEN_STATUSES, since, day,
                                              numbers=[])) == []


@pytest.mark.parametrize("day", DAYS)
def test_the_work_is_what_whole_decisions_give(demo_pair: tuple[Desk, Desk],
                                               day: dt.date) -> None:
    for desk in demo_pair:
        desk = dataclasses.replace(desk, clock=lambda day=day: day)
        work = listings.today_work(desk)
        assert work == today.work_entries(_open_doc(desk), day)
        assert all(e.complete for e in work)
        assert listings.today_sections(desk).entries() == work  # the demo's are few


def test_the_first_entries_of_a_section_are_complete_and_the_rest_on_asking(
        any_desk: Desk) -> None:
    desk = any_desk
    exchange.load_demo(desk)
    _insert(desk, 12, "proposed")
    work = listings.today_sections(desk, first=5)
    every = listings.today_work(desk)
    assert work.count("awaiting_signature") == len(
        [e for e in every if e.section == "awaiting_signature"]) > 12
    waiting = work.first("awaiting_signature")
    assert all(e.complete for e in waiting[:5])
    assert not any(e.complete or e.detail for e in waiting[5:])
    # The rest, as the "show all" row asks for them, a few at a time.
    reports: list[int] = []

    class Progress:
        cancelled = False

        def __call__(self, percent: int, text: str = "") -> None:
            reports.append(percent)

    listings.COMPLETE_BATCH, batch = 4, listings.COMPLETE_BATCH
    try:
        done = listings.complete_entries(desk, waiting, Progress())
    finally:
        listings.COMPLETE_BATCH = batch
    assert done == [e for e in every if e.section == "awaiting_signature"]
    assert done[5].detail.startswith("Cannot be signed yet: the interests field is empty")
    assert len(reports) == -(-len(waiting[5:]) // 4)  # one report a batch
    work.update(done)
    assert work.entries() == every
    Progress.cancelled = True
    with pytest.raises(Cancelled):
        listings.complete_entries(desk, waiting, Progress())


def test_a_change_to_a_few_decisions_is_taken_in_place(tmp_path: Path) -> None:
    """Random edits to open decisions; after each, their entries replaced in place are
    what working everything out again gives."""
    desk = build_desk("fake", tmp_path)
    exchange.load_demo(desk)
    numbers = _insert(desk, 30, "proposed") + _insert(desk, 10, "draft", start=100)
    numbers += [d.number for d in decisions.all_decisions(desk)
                if d.status in today.OPEN_STATUSES]
    work = listings.today_sections(desk, first=None)
    rnd = random.Random(7)
    for _ in range(60):
        n = rnd.choice(numbers)
        d = decisions.decision(desk, n)
        if d.status not in today.OPEN_STATUSES:
            continue
        choice = rnd.randrange(4)
        if choice == 0:
            changes = {"key_decision": not d.key_decision}
        elif choice == 1:
            changes = {"eqia": rnd.choice([None, Assessment("in_progress"),
                                           Assessment("completed")])}
        elif choice == 2:
            changes = {"route": rnd.choice(["committee", "special_urgency",
                                            "general_exception"]),
                       "urgency_reason": "Agreed by the chairman."}
        else:
            changes = {"interests_declared": rnd.choice([None, "N/A"])}
        done = decisions.update_decision(desk, n, changes)
        changed = done.changes.decisions
        work.replace({("decision", c) for c in changed},
                     listings.today_work_of(desk, changed),
                     [s for s in today.WORK_SECTIONS if s != "agenda_due"])
        assert work.entries() == listings.today_work(desk), changes
    assert work.versions["awaiting_signature"] > 0


def test_the_problems_of_what_is_open_never_check_a_taken_decision(
        demo_pair: tuple[Desk, Desk], monkeypatch: pytest.MonkeyPatch) -> None:
    _fake, desk = demo_pair
    desk = dataclasses.replace(desk, clock=lambda: dt.date(2023, 11, 1))
    seen: list[str] = []
    real = checks.check_decision

    def spy(decision, *args, **kwargs):
        seen.append(decision.status)
        return real(decision, *args, **kwargs)

    monkeypatch.setattr(checks, "check_decision", spy)
    found = listings.today_open_problems(desk)
    assert seen and not [s for s in seen if s in TAKEN_STATUSES or s == "withdrawn"]
    assert [(e.subject, e.section) for e in found] == [("23/00098", "problem")]
    seen.clear()
    listings.today_problems(desk)  # the whole register: every decision
    assert len(seen) == len(decisions.all_decisions(desk))


def test_the_whole_register_s_problems_are_check_s_errors_in_its_words(
        tmp_path: Path) -> None:
    desk = build_desk("sqlite", tmp_path)
    try:
        exchange.load_demo(desk)
        [taken] = _insert(desk, 1, "taken", taken_on=dt.date(2022, 6, 1))
        errors = [p for p in listings.check(desk) if p.severity == "error"]
        assert taken in {p.subject for p in errors}
        whole = listings.today_problems(desk)
        assert sorted((e.subject, e.detail) for e in whole) == sorted(
            (p.subject, p.message) for p in errors)
        assert next(e for e in whole if e.subject == taken).title == "Bulk decision 001"
        assert taken not in {e.subject for e in listings.today_open_problems(desk)}
        assert listings.today_problems_of(desk, [taken]) == []
        assert [e.subject for e in listings.today_problems_of(desk, [taken], whole=True)
                ] == [taken]

        class Stop:
            cancelled = True

            def __call__(self, percent: int, text: str = "") -> None:
                pass

        with pytest.raises(Cancelled):
            listings.today_problems(desk, Stop())
    finally:
        desk.close()


def test_the_sections_keep_their_order_as_entries_come_and_go() -> None:
    day = dt.date(2023, 11, 1)

    def entry(subject: str, due: dt.date | None, section: str = "notice_window"
              ) -> today.TodayEntry:
        return today.TodayEntry(section, subject, "t", "d", due, ("decision", subject))

    work = today.TodayWork([entry("23/00002", day), entry("23/00001", None),
                            entry("23/00003", day - dt.timedelta(days=1))])
    assert [e.subject for e in work.first("notice_window")] == [
        "23/00003", "23/00002", "23/00001"]
    work.replace({("decision", "23/00003")}, [entry("23/00003", day + dt.timedelta(days=9))],
                 ("notice_window",))
    work.replace({("decision", "23/00004")}, [entry("23/00004", day)], ("notice_window",))
    assert [e.subject for e in work.first("notice_window")] == [
        "23/00002", "23/00004", "23/00003", "23/00001"]
    assert work.count("notice_window") == 4 and work.first("notice_window", 1)[0].due == day
    work.replace({("decision", "23/00002")}, [], ("notice_window",))
    assert [e.subject for e in work.first("notice_window")] == [
        "23/00004", "23/00003", "23/00001"]
