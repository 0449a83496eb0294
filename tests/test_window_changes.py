"""One way for changes through the window: each use case's Changes pass through
``MainWindow.apply_changes`` and each screen refreshes only what they touch; at start-up
nothing that loads every decision or runs every check runs on the GUI thread; the rules
a screen once kept to itself are the core's, in the core's words (pytest-qt,
offscreen)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from governance import decisions, listings, meetings
from governance.desk import Changes, committee_changed, decisions_changed
from governance.lifecycle import RuleViolation
from governance.model import Decision
from ui.app import MainWindow

TODAY = dt.date(2023, 11, 1)
ASC = "Adult Social Care Cabinet Committee"


class Calls:
    """How often each spied method ran."""

    def __init__(self, monkeypatch, **methods) -> None:
        self.counts = dict.fromkeys(methods, 0)
        for name, (owner, attribute) in methods.items():
            original = getattr(owner, attribute)

            def spy(*args, _name=name, _original=original, **kwargs):
                self.counts[_name] += 1
                return _original(*args, **kwargs)
            monkeypatch.setattr(owner, attribute, spy)

    def __getitem__(self, name: str) -> int:
        return self.counts[name]

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)


@pytest.fixture
def window(open_window):
    return open_window(TODAY)


@pytest.fixture
def calls(window, monkeypatch) -> Calls:
    return Calls(monkeypatch, register_reset=(window.register_view.model, "refresh"),
                 register_rows=(window.register_view.model, "refresh_rows"),
                 today=(window.today_view, "refresh"),
                 meetings=(window.meetings_view, "refresh"),
                 documents=(window.documents_view, "reload_meetings"),
                 decision=(window.decision_view, "open"))


def applied(window) -> list[Changes]:
    seen: list[Changes] = []
    window.changes_applied.connect(seen.append)
    return seen


def test_a_saved_decision_refreshes_its_row_and_today_but_not_the_meetings(window, calls):
    seen = applied(window)
    window.open_decision("23/00091")
    view = window.register_view
    calls.reset()
    window.decision_view.title_edit.setText("Kent and Medway Integrated Care Strategy 2024")
    assert window.decision_view.save()
    assert seen == [decisions_changed("23/00091")]
    row = view.numbers_shown().index("23/00091")
    assert view.model.index(row, 1).data() == "Kent and Medway Integrated Care Strategy 2024"
    assert (calls["register_rows"], calls["register_reset"], calls["today"]) == (1, 0, 1)
    assert (calls["meetings"], calls["documents"]) == (0, 0)
    assert calls["decision"] == 0  # the screen that saved shows it already


def test_a_new_decision_is_counted_and_listed(window):
    seen = applied(window)
    number = window.new_decision("Carers Short Breaks Service")
    assert seen == [decisions_changed(number)]
    assert window.count_label.text() == "15 decisions in the register"
    assert number in window.register_view.numbers_shown()
    assert window.register_view.count_label.text() == "15 decisions"
    assert window.statusBar().currentMessage() == f"Registered {number}: Carers Short Breaks" \
                                                 " Service."


def test_a_new_meeting_reaches_the_documents_list_but_not_the_register(window, calls):
    seen = applied(window)
    calls.reset()
    assert window.meetings_view.new_meeting(ASC, dt.date(2024, 1, 18), "10:00")
    assert seen == [Changes(meetings=frozenset({(ASC, dt.date(2024, 1, 18))}))]
    assert window.documents_view.select_meeting(ASC, dt.date(2024, 1, 18))
    assert (calls["documents"], calls["today"]) == (1, 1)  # Today lists agendas due
    assert (calls["register_rows"], calls["register_reset"], calls["decision"]) == (0, 0, 0)


def test_the_decision_on_screen_follows_a_change_made_elsewhere(window, demo_register):
    window.open_decision("23/00098")
    view = window.decision_view
    decisions.update_decision(demo_register, "23/00098", {"alternatives": "None."})
    window.apply_changes(decisions_changed("23/00098"))
    assert view.text_edits["alternatives"].toPlainText() == "None."
    # Unsaved edits stay on screen; saving them then says who changed what meanwhile.
    view.text_edits["reasons"].setPlainText("A reason not yet saved.")
    decisions.update_decision(demo_register, "23/00098", {"alternatives": "Nothing else."})
    window.apply_changes(decisions_changed("23/00098"))
    assert view.text_edits["reasons"].toPlainText() == "A reason not yet saved."
    assert not view.save() and "was changed by" in view.banner.text()


def test_a_committee_change_reaches_meetings_and_documents_only(window, calls):
    calls.reset()
    window.apply_changes(committee_changed(ASC))
    assert (calls["meetings"], calls["documents"], calls["today"]) == (1, 1, 1)
    assert (calls["register_rows"], calls["register_reset"], calls["decision"]) == (0, 0, 0)


def test_refresh_refreshes_everything(window, calls):
    window.open_decision("23/00098")
    calls.reset()
    refresh = next(a for m in window.menus.values() for a in m.actions()
                   if a.text() == "Re&fresh")
    refresh.trigger()
    assert calls["register_reset"] == 1 and calls["today"] == 1
    assert calls["meetings"] == 1 and calls["documents"] == 1 and calls["decision"] == 1


# --- start-up ----------------------------------------------------------------------------


def test_start_up_asks_the_store_for_open_work_only(qtbot, demo_register, tmp_path,
                                                     monkeypatch):
    """Nothing that loads every decision or checks the whole register runs on the GUI
    thread while the window starts: the consistency check is the background's."""
    from PySide6.QtCore import QSettings

    main = threading.main_thread()
    loads: list[tuple[str, bool]] = []
    store = demo_register.store
    original = store.decisions

    def decisions_asked(numbers=None, *, statuses=None, published_since=None):
        loads.append((threading.current_thread().name, numbers is None and statuses is None))
        return original(numbers, statuses=statuses, published_since=published_since)

    monkeypatch.setattr(store, "decisions", decisions_asked)
    checked: list[str] = []
    real_problems = listings.today_open_problems

    def problems(desk, progress=None):
        checked.append(threading.current_thread().name)
        return real_problems(desk, progress)

    monkeypatch.setattr(listings, "today_open_problems", problems)
    whole: list[str] = []
    monkeypatch.setattr(listings, "today_problems",
                        lambda *a, **k: whole.append("asked") or [])
    opened: list[tuple[str, bool]] = []  # (thread, with the papers' bytes)
    real_meeting = meetings.meeting

    def meeting_read(desk, committee, date, *, content=True):
        opened.append((threading.current_thread().name, content))
        return real_meeting(desk, committee, date, content=content)

    monkeypatch.setattr(meetings, "meeting", meeting_read)
    window = MainWindow(demo_register, today=TODAY,
                        settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert not [who for who, every in loads if every]  # no call for every decision
    assert window.today_view.problems_pending
    assert "Consistency problems (checking the register…)" in [
        window.today_view.tree.topLevelItem(i).text(0)
        for i in range(window.today_view.tree.topLevelItemCount())]
    qtbot.waitUntil(lambda: not window.today_view.problems_pending, timeout=20000)
    assert checked and main.name not in checked
    assert window.today_view.count("problem") == 1
    assert whole == []  # the whole register is checked only when the clerk asks
    # The Meetings screen reads its meeting once shown: on the GUI thread without the
    # papers' bytes; every paper, for the pages, in the background.
    assert opened == []
    window.show_screen(3)
    assert [(who, content) for who, content in opened if who == main.name] == [
        (main.name, False)]
    assert window.meetings_view.heading.text() == f"{ASC} — Thursday 23 November 2023"
    qtbot.waitUntil(lambda: not window.meetings_view.places_pending, timeout=20000)
    assert opened[0] == (main.name, False)
    assert len(opened) == 2 and opened[1][0] != main.name and opened[1][1] is True


# --- the rules are the core's ------------------------------------------------------------


def test_an_unfit_record_is_refused_in_the_words_saving_refuses_with(window, demo_register):
    """The screen checks before saving (``decisions.edit_breaches``) and says what saving
    itself would say: the use case's refusal, for any interface."""
    number = "23/00091"
    parts = decisions.decision(demo_register, number).parts
    window.open_decision(number)
    view = window.decision_view
    view.title_edit.setText("  ")
    view.add_part("approve it", "")
    assert not view.save()
    letter = Decision.part_letter(len(parts))
    assert view.banner.text() == (
        f"Cannot save {number}: the title is empty: give the decision a title; part"
        f" {letter}): the verb 'APPROVE IT' is not one upper-case word: write it as e.g."
        f" APPROVE; part {letter}): the text is empty: write what the part decides")
    with pytest.raises(RuleViolation) as refused:
        decisions.update_decision(demo_register, number,
                                  {"title": "", "parts": view.parts_from_table()})
    assert str(refused.value) == view.banner.text()
    assert decisions.decision(demo_register, number).title.strip()


def test_the_publish_button_goes_by_the_publication_rule(window):
    view = window.meetings_view
    view.open_meeting(ASC, dt.date(2023, 11, 23))  # published on 15 November
    details = meetings.meeting(window.desk, ASC, dt.date(2023, 11, 23), content=False)
    refusal = meetings.publish_refusal(details.meeting, details.publication, TODAY, TODAY)
    assert refusal is not None and not view.publish_button.isEnabled()
    assert view.publish_button.toolTip() == refusal[0].upper() + refusal[1:] + "."
    assert view.publish_button.toolTip().endswith(", was already published on Wednesday 15"
                                                  " November 2023: an agenda is published"
                                                  " once.")
