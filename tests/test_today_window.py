"""The Today screen over open work (pytest-qt, offscreen): at start-up no check runs over
a decision already taken; the whole register is checked when the clerk asks (with its
progress and Cancel), and its errors fill the problems' section, which says so; a
section shows its first entries and "and N more: show all"; a change to a decision
updates its entries in place, the same as working everything out again."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QSettings

from governance import checks, decisions, listings, meetings, notices
from governance.desk import decisions_changed
from governance.model import Assessment, Decision, DecisionPart
from governance.vocab import TAKEN_STATUSES
from ui.app import MainWindow
from ui.today_view import MORE, TARGET_ROLE, TodayView

TODAY = dt.date(2023, 11, 1)
#: A key decision taken without a Forward Plan notice: an error only ``check`` over the
#: whole register sees.
TAKEN = "22/00501"


def _add(desk, number: str, status: str, title: str, taken_on: dt.date | None = None,
         key: bool = True) -> None:
    with desk.store.transaction():
        desk.store.insert_decision(Decision(
            number=number, title=title, decision_maker="Cabinet Member for Adult Social Care",
            key_decision=key, parts=[DecisionPart("APPROVE", f"the {title.lower()}")],
            eqia=Assessment("completed"), dpia=Assessment("not_required"), status=status,
            taken_on=taken_on), "test")


@pytest.fixture
def register(demo_register):
    _add(demo_register, TAKEN, "taken", "Day Care Transport Contract", dt.date(2022, 6, 1))
    return demo_register


@pytest.fixture
def make_window(qtbot, register, tmp_path):
    def make() -> MainWindow:
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(register, today=TODAY, settings=settings)
        qtbot.addWidget(window)
        window.show()
        return window
    return make


def _texts(view: TodayView) -> list[str]:
    return [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]


def _section(view: TodayView, key: str):
    return next(view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())
                if view.tree.topLevelItem(i).data(0, TARGET_ROLE) == key)


def _shown(view: TodayView, key: str) -> list[str]:
    top = _section(view, key)
    return [top.child(i).text(1) or top.child(i).text(0) for i in range(top.childCount())]


def test_no_check_runs_over_a_taken_decision_at_start_up(make_window, register, qtbot,
                                                         monkeypatch) -> None:
    statuses = {d.number: d.status for d in decisions.all_decisions(register)}
    checked: list[str] = []
    real = checks.check_decision

    def spy(decision, *args, **kwargs):
        checked.append(decision.number)
        return real(decision, *args, **kwargs)

    monkeypatch.setattr(checks, "check_decision", spy)
    window = make_window()
    view = window.today_view
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    assert checked  # the open decisions were checked
    assert [n for n in checked if statuses[n] in TAKEN_STATUSES] == []
    assert TAKEN not in checked
    assert [e.subject for e in view.problems] == ["23/00098"]
    assert "Consistency problems (1)" in _texts(view)
    # A change to the taken decision's neighbours checks them again, never it.
    decisions.update_decision(register, "23/00091", {"alternatives": "None."})
    window.apply_changes(decisions_changed("23/00091", TAKEN))
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    assert TAKEN not in checked and "23/00091" in checked


def test_the_whole_register_is_checked_when_the_clerk_asks(make_window, qtbot) -> None:
    view = make_window().today_view
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    assert TAKEN not in {e.subject for e in view.problems}
    assert view.check_button.isEnabled() and view.check_button.accessibleName()
    progress: list[int] = []
    view.progress.valueChanged.connect(progress.append)
    view.check_button.click()
    assert view.whole_check is not None and view.progress.isVisibleTo(view)
    assert view.cancel_button.isEnabled() and not view.check_button.isEnabled()
    assert "Consistency problems (1) (checking the whole register…)" in _texts(view)
    qtbot.waitUntil(lambda: view.whole_check is None, timeout=20000)
    assert progress  # it said how far it had gone
    assert not view.progress.isVisibleTo(view) and view.check_button.isEnabled()
    problem = next(e for e in view.problems if e.subject == TAKEN)
    assert problem.title == "Day Care Transport Contract"
    assert problem.detail.startswith("Key decision taken (taken on 1 June 2022) with no"
                                     " Forward Plan notice recorded")
    # The same sentences as check's errors.
    errors = [p for p in listings.check(view.desk) if p.severity == "error"]
    assert sorted((e.subject, e.detail) for e in view.problems) == sorted(
        (p.subject, p.message) for p in errors)
    assert "Consistency problems in the whole register (2)" in _texts(view)
    assert view.message.text() == ("Checked the whole register, decisions already taken"
                                   " included: 2 errors.")
    assert TAKEN in _shown(view, "problem")


def test_cancelling_the_whole_check_keeps_the_problems_of_what_is_open(
        make_window, qtbot, monkeypatch) -> None:
    view = make_window().today_view
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    release = threading.Event()
    real = listings.today_problems

    def slow(desk, progress=None):
        release.wait(10)
        return real(desk, progress)

    monkeypatch.setattr(listings, "today_problems", slow)
    view.check_whole_register()
    job = view.whole_check
    view.cancel_button.click()
    release.set()
    assert view.whole_check is None and view.message.text().startswith("Cancelled")
    job.wait(10)
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    assert [e.subject for e in view.problems] == ["23/00098"]
    assert "Consistency problems (1)" in _texts(view)


def test_a_section_shows_its_first_entries_and_the_rest_on_asking(
        qtbot, register, tmp_path, monkeypatch) -> None:
    for i in range(8):
        _add(register, f"22/{600 + i:05d}", "proposed", f"Proposal {i}")
    monkeypatch.setattr(TodayView, "first_shown", 3)
    window = MainWindow(register, today=TODAY,
                        settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    view = window.today_view
    view.show_history(True)  # the demo's 2018/19 decisions too
    total = view.count("awaiting_signature")
    assert total >= 10
    top = _section(view, "awaiting_signature")
    assert top.text(0) == f"Decisions waiting for signature ({total})"
    assert top.childCount() == 4
    more = top.child(3)
    assert more.data(0, TARGET_ROLE) == [MORE, "awaiting_signature"] or \
        more.data(0, TARGET_ROLE) == (MORE, "awaiting_signature")
    assert more.text(0) == f"and {total - 3} more: show all"
    shown = [top.child(i).text(2) for i in range(3)]
    assert all("\n" in t and t.split("\n")[1] for t in shown)  # each says if it can be signed
    # The first rows are the section's real first rows: due date (none), then number.
    every = [e for e in listings.today_work(view.desk) if e.section == "awaiting_signature"]
    assert _shown(view, "awaiting_signature")[:3] == [e.subject for e in every[:3]]
    view._activated(more)
    qtbot.waitUntil(lambda: "awaiting_signature" not in view.filling, timeout=20000)
    assert top.childCount() == total
    assert [top.child(i).text(1) for i in range(total)] == [e.subject for e in every]
    assert [top.child(i).toolTip(2) for i in range(total)] == [e.detail for e in every]
    # Sections whose entries are whole show them at once.
    notices = _section(view, "notice_window")
    if view.count("notice_window") > 3:
        view._activated(notices.child(notices.childCount() - 1))
        assert notices.childCount() == view.count("notice_window")


def test_a_change_updates_today_in_place(make_window, register, qtbot, monkeypatch) -> None:
    window = make_window()
    view = window.today_view
    view.show_history(True)  # the demo's 2018/19 decisions too
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    recomputed: list[str] = []
    monkeypatch.setattr(listings, "today_sections",
                        lambda *a, **k: recomputed.append("all") or None)
    asked: list[object] = []
    real = register.store.open_decisions

    def lean(*args, **kwargs):
        asked.append(kwargs.get("numbers"))
        return real(*args, **kwargs)

    monkeypatch.setattr(register.store, "open_decisions", lean)
    before = _section(view, "notice_window").child(0)
    # 23/00091 goes on the Forward Plan: it leaves the notices' section.
    assert "23/00091" in _shown(view, "notice_window")
    done = decisions.transition(register, "23/00091", "publish_notice", on=TODAY)
    window.apply_changes(done.changes)
    assert recomputed == [] and asked == [frozenset({"23/00091"})]
    assert "23/00091" not in _shown(view, "notice_window")
    assert view.count("notice_window") == 3
    assert _section(view, "notice_window").text(0) == (
        "Key decisions: Forward Plan notice window closing (3)")
    assert before is _section(view, "notice_window").child(0) or before.text(1) == "23/00091"
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    monkeypatch.undo()
    fresh = listings.today_work(view.desk)
    assert [e for e in view.entries if e.section != "problem"] == fresh


def test_a_change_made_while_the_whole_register_is_checked_is_in_its_answer(
        make_window, register, qtbot, monkeypatch) -> None:
    view = make_window().today_view
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    release = threading.Event()
    real = listings.today_problems

    def read_then_wait(desk, progress=None):
        found = real(desk, progress)  # the register as it was
        release.wait(10)
        return found

    monkeypatch.setattr(listings, "today_problems", read_then_wait)
    view.check_whole_register()
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=20000)
    done = decisions.update_decision(register, "23/00098", {"consultation": None})
    view.on_changes(done.changes)  # the window's apply_changes does the same
    assert view.problems_pending
    release.set()
    qtbot.waitUntil(lambda: not view.problems_pending, timeout=20000)
    assert [e.subject for e in view.problems] == [TAKEN]
    assert "Consistency problems in the whole register (1)" in _texts(view)


def test_today_lists_the_notices_of_a_meeting_in_private_as_work(make_window, register,
                                                                  qtbot) -> None:
    committee, day = "Adult Social Care Cabinet Committee", dt.date(2023, 11, 23)
    meetings.set_item_exempt(register, committee, day, 7, 3)
    window = make_window()
    view = window.today_view
    title = "Meetings in private: notices to publish (28 and 5 clear days)"
    assert f"{title} (1)" in _texts(view)
    [entry] = view.work.first("private_notice")
    assert (entry.subject, entry.title, entry.due) == (
        "23/00098", f"{committee}, Thu 23 Nov 2023: item 7 in private", dt.date(2023, 10, 25))
    assert entry.detail.startswith("No notice that it will be held in private (paragraph 3)")
    # Publishing the notice turns the work into the confirmation still to come.
    done = notices.publish(register, "private", "23/00098", dt.date(2023, 10, 20),
                           committee=committee, date=day)
    window.apply_changes(done.changes)
    [entry] = view.work.first("private_notice")
    assert entry.due == dt.date(2023, 11, 17)
    assert entry.detail.startswith("Publish the confirmation that it will be held in private")
    assert f"{title} (1)" in _texts(view)
