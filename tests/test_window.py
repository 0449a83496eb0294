"""The window driven as a clerk would: Today, the register, and a decision from creation
to signature (pytest-qt, offscreen)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PySide6.QtCore import QDate, QSettings, Qt

from governance import decisions, meetings
from governance.lifecycle import RuleViolation
from tests.conftest import open_desk
from ui.app import MainWindow
from ui.operations import as_of

TODAY = dt.date(2023, 11, 1)


@pytest.fixture
def window(open_window):
    return open_window(TODAY)


def _numbers(window: MainWindow) -> list[str]:
    return window.register_view.numbers_shown()


def test_register_lists_every_demo_decision_with_status_in_words(window):
    numbers = _numbers(window)
    assert len(numbers) == 14
    model = window.register_view.model
    row = numbers.index("23/00098")
    assert model.index(row, 2).data() == "Proposed"
    assert model.index(row, 4).data() == "Yes"
    assert window.register_view.count_label.text() == "14 decisions"


def test_search_as_you_type_filters_by_full_text(window, qtbot):
    window.focus_search()
    assert window.stack.currentWidget() is window.register_view
    qtbot.keyClicks(window.register_view.search, "emergency ca")
    qtbot.waitUntil(lambda: _numbers(window) == ["23/00098"])
    assert window.register_view.count_label.text() == "1 decision"


def test_filters_status_year_and_key(window):
    view = window.register_view
    # The committees, decision makers and years come from every decision's row: read when
    # the screen is shown, not while the window starts on Today.
    assert view.year_filter.count() == 1
    window.show_screen(1)
    assert [view.year_filter.itemText(i) for i in range(view.year_filter.count())] == [
        "All years", "2023", "2022", "2019", "2018", "2017", "2016"]
    view.status_filter.setCurrentIndex(view.status_filter.findData("implemented"))
    assert set(_numbers(window)) == {"16/00089", "18/00030", "18/00041"}
    view.status_filter.setCurrentIndex(0)
    view.year_filter.setCurrentIndex(view.year_filter.findData(2019))
    assert set(_numbers(window)) == {"19/00004", "19/00005", "19/00011"}
    view.key_filter.setCurrentIndex(view.key_filter.findData(True))
    assert _numbers(window) == ["19/00011"]
    qtbot_text = "xyzzy"
    view.search.setText(qtbot_text)
    view.apply_filter()
    assert _numbers(window) == [] and view.count_label.text() == "0 decisions"


def test_an_unrecorded_key_decision_flag_is_never_shown_as_no(window, demo_register, capsys):
    from main import main

    view = window.register_view
    flags = {d.number: d.key_decision for d in decisions.all_decisions(demo_register)}
    unrecorded = {n for n, k in flags.items() if k is None}
    non_key = {n for n, k in flags.items() if k is False}
    assert unrecorded  # the demo has no decision recorded as non-key
    numbers = _numbers(window)
    shown = {n: view.model.index(numbers.index(n), 4).data() for n in numbers}
    assert {n for n, v in shown.items() if v == "Not recorded"} == unrecorded
    assert {n for n, v in shown.items() if v == "No"} == non_key
    view.key_filter.setCurrentIndex(view.key_filter.findData(False))
    assert set(_numbers(window)) == non_key
    view.key_filter.setCurrentIndex(view.key_filter.findData("unrecorded"))
    assert set(_numbers(window)) == unrecorded
    some = sorted(unrecorded)[0]
    assert main(["--db", str(demo_register.store.path), "show", some]) == 0
    assert "Key decision: Not recorded" in capsys.readouterr().out


def test_sorting_by_a_column_sorts_in_the_store(window):
    view = window.register_view
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _numbers(window)[0] == "23/00098"
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _numbers(window)[0] == "16/00089"


def test_today_lists_the_deadlines_and_opens_the_decision(window, qtbot):
    today = window.today_view
    # The consistency problems need `check` over the whole register: they arrive from the
    # background.
    qtbot.waitUntil(lambda: not today.problems_pending, timeout=20000)
    # Decisions registered before last year are history, left out until asked for.
    assert today.count("notice_window") == 2
    assert today.history_check.text() == "Show older work (5 decisions registered before 2022)"
    today.history_check.click()
    qtbot.waitUntil(lambda: not today.problems_pending, timeout=20000)
    # Two with a committee ahead; two proposed in 2018/19 whose committee has met and that
    # still have no notice (they can never be taken as they stand).
    assert today.count("notice_window") == 4
    stale = {e.subject: e.detail for e in today.entries if e.section == "notice_window"
             and e.detail.startswith("No notice on the Forward Plan")}
    assert sorted(stale) == ["18/00067", "19/00011"]
    assert "cannot be taken until 28 clear days after the notice (published today: from" \
        " Thu 30 Nov 2023)" in stale["19/00011"]  # 2 to 29 November: 28 clear days
    entry = next(e for e in today.entries if e.subject == "23/00098"
                 and e.section == "notice_window")
    assert entry.due == dt.date(2023, 10, 25)  # 28 clear days before 23 November 2023
    assert "overdue" in entry.detail
    texts = [today.tree.topLevelItem(i).text(0) for i in range(today.tree.topLevelItemCount())]
    assert "Key decisions: Forward Plan notice window closing (4)" in texts
    assert "Consistency problems (1)" in texts
    [problem] = [e for e in today.entries if e.section == "problem"]
    assert (problem.subject, problem.title) == ("23/00098",
                                                "URGENT AND EMERGENCY CARE SUPPORT FUND")
    assert problem.detail.startswith("The consultation text says the decision went to")
    today.open_target.emit("decision", "23/00098")
    assert window.stack.currentWidget() is window.decision_view
    assert window.decision_view.heading.text().startswith("23/00098")


def test_today_lists_an_agenda_due_for_publication(qtbot, demo_register, tmp_path):
    settings = QSettings(str(tmp_path / "ui2.ini"), QSettings.Format.IniFormat)
    # Before the 2023 agenda was published: a register where it is still unpublished.
    demo_register.store.db.execute("UPDATE meetings SET published_on = NULL")
    demo_register.store.db.conn.commit()
    w = MainWindow(demo_register, today=dt.date(2023, 11, 10), settings=settings)
    qtbot.addWidget(w)
    entry = next(e for e in w.today_view.entries if e.section == "agenda_due"
                 and e.title == "Agenda for Thu 23 Nov 2023")
    assert entry.due == dt.date(2023, 11, 15)
    assert entry.detail == "Publish by Wed 15 Nov 2023 (5 days)"


def test_clerk_takes_a_decision_from_creation_to_signature(window, qtbot):
    number = window.new_decision("Carers Short Breaks Service")
    view = window.decision_view
    assert window.stack.currentWidget() is view
    assert view.heading.text() == f"{number} — Carers Short Breaks Service"
    assert number in _numbers(window)

    view.maker_edit.setText("Cabinet Member for Adult Social Care and Public Health")
    view.add_part("APPROVE", "the award of the Carers Short Breaks contract")
    view._add_delegation()
    post = view.parts_table.cellWidget(1, 3)
    post.setCurrentText("Corporate Director Adult Social Care and Health")
    view.parts_table.item(1, 2).setText(
        "authority to the Corporate Director Adult Social Care and Health to take relevant"
        " actions to implement the decision")
    view.text_edits["interests_declared"].setPlainText("N/A")
    assert view.save()
    saved = decisions.decision(window.desk, number)
    assert [p.verb for p in saved.parts] == ["APPROVE", "DELEGATE"]
    assert saved.parts[1].delegation.post == "Corporate Director Adult Social Care and Health"
    assert view.parts_table.item(1, 0).text() == "b)"

    # Try to sign: the EqIA and DPIA are missing, so the button says why not.
    take = view.action_buttons["take"]
    assert not take.isEnabled()
    assert "the EqIA is not recorded" in take.toolTip()
    assert "the DPIA is not recorded" in take.toolTip()
    assert "no committee consideration with an outcome" in take.toolTip()
    assert not view.run_action("take")
    assert "Cannot take" in view.banner.text() and "EqIA" in view.banner.text()
    assert decisions.decision(window.desk, number).status == "draft"

    eqia = view.assessment_widgets["eqia"]["status"]
    eqia.setCurrentIndex(eqia.findData("completed"))
    dpia = view.assessment_widgets["dpia"]["status"]
    dpia.setCurrentIndex(dpia.findData("not_required"))
    view.outcome_committee.setCurrentText("Adult Social Care Cabinet Committee")
    view.outcome_date.setDate(QDate(2023, 10, 20))
    view.outcome_combo.setCurrentIndex(view.outcome_combo.findData("endorsed"))
    assert view.record_consideration()
    d = decisions.decision(window.desk, number)
    assert d.status == "considered"
    assert d.eqia.status == "completed" and d.dpia.status == "not_required"
    assert view.considerations.item(0, 2).text() == "Endorsed"

    assert take.isEnabled(), take.toolTip()
    view.action_buttons["take"].click()
    d = decisions.decision(window.desk, number)
    assert d.status == "taken" and d.taken_on == TODAY
    assert view.status_badge.text().strip() == "Taken"
    assert view.title_edit.isReadOnly() and not view.save_button.isEnabled()
    assert not view.action_buttons["withdraw"].isEnabled()
    history = [view.history.item(r, 2).text() for r in range(view.history.rowCount())]
    assert history[:3] == ["take", "record outcome", "edit"]


def test_stale_copy_is_refused_with_who_changed_it_and_reload(window, demo_register):
    view = window.decision_view
    window.open_decision("23/00098")
    # Someone else saves a change after this window loaded the decision.
    decisions.update_decision(demo_register, "23/00098", {"alternatives": "None"})
    view.text_edits["reasons"].setPlainText("A new reason.")
    assert not view.save()
    assert "was changed by" in view.banner.text() and "alternatives" in view.banner.text()
    assert view.reload_button.isVisible()
    view.reload_button.click()
    assert view.text_edits["alternatives"].toPlainText() == "None"
    assert decisions.decision(window.desk, "23/00098").alternatives == "None"


def test_opening_a_decision_shows_no_unsaved_change(window, demo_register):
    """Every demo decision, opened and left alone, is as the register holds it (a route of
    "committee" once read as an edit, so signing refreshed nothing)."""
    routes = set()
    for d in decisions.all_decisions(demo_register):
        window.open_decision(d.number)
        routes.add(d.route)
        assert window.decision_view.changes() == {}, d.number
    assert "committee" in routes


def test_every_control_the_keyboard_reaches_has_a_name(window):
    """A screen reader announces each control: an accessible name, a visible label whose
    buddy it is, or a button's text. (Combo boxes' pop-up lists and line edits are named
    through their combo box.)"""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QListView,
        QTabBar,
        QWidget,
    )

    window.open_decision("23/00098")
    window.meetings_view.open_meeting("Adult Social Care Cabinet Committee",
                                      dt.date(2023, 11, 23))
    buddies = {label.buddy() for label in window.findChildren(QLabel)} - {None}
    unnamed = []
    reached = 0
    for w in window.findChildren(QWidget):
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(w, QLabel | QTabBar):
            continue
        parent = w.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox) or (
                isinstance(w, QListView) and isinstance(parent.parentWidget(), QComboBox)):
            continue
        reached += 1
        if not (w.accessibleName() or w in buddies
                or (isinstance(w, QAbstractButton) and w.text())):
            unnamed.append(f"{type(w).__name__} in {type(parent).__name__}")
    assert reached > 60
    assert unnamed == []


def test_problems_show_beside_their_field(window):
    window.open_decision("23/00098")
    label = window.decision_view.problem_labels["consultation"]
    assert not label.isHidden()
    assert "16 November 2023" in label.text()


def test_layout_is_remembered(qtbot, demo_register, tmp_path):
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = MainWindow(demo_register, today=TODAY, settings=settings)
    qtbot.addWidget(first)
    first.show_screen(1)
    first.close()
    second = MainWindow(demo_register, today=TODAY, settings=settings)
    qtbot.addWidget(second)
    assert second.stack.currentWidget() is second.register_view


def test_the_stock_delegation_gap_is_filled_by_the_post_and_blocks_signing_until_then(window):
    number = window.new_decision("Carers Short Breaks Service")
    view = window.decision_view
    view._add_delegation()
    text = view.parts_table.item(0, 2)
    assert text.text().startswith("authority to the … to take relevant actions")
    assert view.save()
    take = view.action_buttons["take"]
    assert "part a) still has the gap '…' of the stock text" in take.toolTip()
    assert "part a) delegates to no post" in take.toolTip()
    label = view.problem_labels["parts"]
    assert not label.isHidden() and "still has the gap" in label.text()
    post = view.parts_table.cellWidget(0, 3)  # the table was built again on saving
    text = view.parts_table.item(0, 2)
    post.textActivated.emit("Corporate Director Adult Social Care and Health")
    assert text.text().startswith("authority to the Corporate Director Adult Social Care and"
                                  " Health to take relevant actions")
    post.setCurrentText("Corporate Director Adult Social Care and Health")
    assert view.save()
    assert "gap" not in view.action_buttons["take"].toolTip()
    assert "delegates to no post" not in view.action_buttons["take"].toolTip()
    saved = decisions.decision(window.desk, number)
    assert "…" not in saved.parts[0].text


def test_undo_and_redo_a_saved_edit(window):
    window.open_decision("23/00098")
    view = window.decision_view

    def alternatives() -> str:
        return decisions.decision(window.desk, "23/00098").alternatives

    view.text_edits["alternatives"].setPlainText("None were considered.")
    assert view.save()
    assert alternatives() == "None were considered."
    window.undo_action.trigger()
    assert alternatives().startswith("The alternative was")
    assert view.text_edits["alternatives"].toPlainText().startswith("The alternative was")
    window.redo_action.trigger()
    assert alternatives() == "None were considered."
    actions = [r.action for r in decisions.audit_trail(window.desk, "decision", "23/00098")]
    assert actions[-3:] == ["edit", "edit", "edit"]
    assert view.banner.text() == "Redid the edit 23/00098 (alternatives)."


def test_undo_acts_only_on_the_decision_on_screen_and_never_on_a_taken_one(window):
    view = window.decision_view
    window.open_decision("23/00078")
    view.maker_edit.setText("Cabinet Member for Adult Social Care and Public Health")
    assert view.save()
    assert window.undo_action.isEnabled()
    window.open_decision("16/00089")
    assert not window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert decisions.decision(window.desk, "23/00078").decision_maker == \
        "Cabinet Member for Adult Social Care and Public Health"
    assert view.decision.number == "16/00089"
    # An edit saved, then the record taken behind the screen's back: a message, not Qt's.
    window.open_decision("23/00098")
    view.text_edits["alternatives"].setPlainText("None were considered.")
    assert view.save()
    desk = as_of(window.desk, dt.date(2023, 11, 30))
    decisions.update_decision(desk, "23/00098", {
        "interests_declared": "None.", "notice_published_on": dt.date(2023, 10, 2),
        # The papers' consultation text says "will be discussed ... on 16 November": check
        # reports it, and a record is not taken while it does.
        "consultation": "The proposed decision was discussed at the Adult Social Care Cabinet"
                        " Committee on 23 November 2023, which endorsed it."})
    decisions.transition(desk, "23/00098", "record_outcome", committee=ASC,
                         on=dt.date(2023, 11, 23), outcome="endorsed")
    decisions.transition(desk, "23/00098", "take", on=dt.date(2023, 11, 30),
                         signed_by="Dan Watkins")
    view.undo()
    assert view.banner.text().startswith("Cannot undo: ")
    assert "frozen" in view.banner.text() and "Python" not in view.banner.text()
    assert decisions.decision(desk, "23/00098").alternatives == "None were considered."


def test_unsaved_edits_are_not_dropped_when_leaving_a_decision(window, monkeypatch):
    view = window.decision_view
    asked: list[tuple[str, list[str]]] = []
    answers: list[str] = []

    def ask(number, fields):
        asked.append((number, fields))
        return answers.pop(0)

    monkeypatch.setattr(view, "ask_unsaved", ask)
    window.open_decision("23/00091")
    view.title_edit.setText("Kent and Medway Integrated Care Strategy (revised)")
    answers.append("cancel")
    assert not window.open_decision("23/00098")  # stays, the edit still on screen
    assert asked == [("23/00091", ["title"])]
    assert view.decision.number == "23/00091"
    assert view.title_edit.text() == "Kent and Medway Integrated Care Strategy (revised)"
    answers.append("cancel")
    window.step_decision(1)
    assert view.decision.number == "23/00091"
    answers.append("save")
    assert window.open_decision("23/00098")
    assert decisions.decision(window.desk, "23/00091").title == \
        "Kent and Medway Integrated Care Strategy (revised)"
    view.title_edit.setText("Thrown away")
    answers.append("discard")
    assert window.open_decision("23/00091")
    assert decisions.decision(window.desk, "23/00098").title == \
        "URGENT AND EMERGENCY CARE SUPPORT FUND"
    assert answers == [] and len(asked) == 4


# --- meetings and documents ----------------------------------------------------------

ASC = "Adult Social Care Cabinet Committee"


def _pdf(path, text: str, pages: int = 1):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(pages):
        c.drawString(72, 720, f"{text} page {i + 1}")
        c.showPage()
    c.save()
    return path


def test_agenda_builder_reorders_by_dragging_and_attaches_dropped_papers(
        window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window.show_screen(3)
    view = window.meetings_view
    view.open_meeting(ASC, dt.date(2023, 11, 23))
    tree = view.tree
    assert view.items_shown()[:3] == ["Introduction/Webcasting Announcement",
                                      "Apologies and Substitutes",
                                      "Declarations of Interest by Members in items on the"
                                      " agenda"]
    assert "Published Wednesday 15 November 2023" in view.publication.text()

    # Drag item 11 (Work Programme) onto item 10's place.
    tree.setCurrentItem(tree.topLevelItem(10))
    target = tree.visualItemRect(tree.topLevelItem(9)).center()
    mime = tree.mimeData([tree.topLevelItem(10)])
    drop = QDropEvent(QPointF(target), Qt.DropAction.MoveAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(drop)
    assert view.items_shown()[9:] == ["Work Programme",
                                      "Adult Social Care and Health Annual Complaint's Report"
                                      " 2022/2023"]
    def meeting(*args):
        return meetings.meeting(window.desk, *args)

    stored = meeting(ASC, dt.date(2023, 11, 23)).meeting.items
    assert stored[9].title == "Work Programme"

    # Drop a PDF file from the file manager onto item 7 (23/00098), which has the report
    # and its five appendices already: it goes in after them.
    paper = _pdf(tmp_path / "appendix-6-grant-letter.pdf", "Grant letter", pages=3)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(paper))])
    target = tree.visualItemRect(tree.topLevelItem(6)).center()
    tree.dropEvent(QDropEvent(QPointF(target), Qt.DropAction.CopyAction, files,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    # Each paper is read and checked (every page) in the background.
    assert view.attach_job is not None and view.progress.isVisibleTo(view)
    qtbot.waitUntil(lambda: view.attach_job is None, timeout=20000)
    assert not view.progress.isVisibleTo(view)
    assert "Attached appendix-6-grant-letter.pdf to item 7" in view.message.text()
    item7 = tree.topLevelItem(6)
    # Where it all falls in the pack (counted in the background): the new 3-page paper
    # (and its blank page) moves the end of item 7 from page 148 to 152.
    qtbot.waitUntil(lambda: not view.places_pending, timeout=20000)
    assert item7.text(3) == "7 papers, pages 87–152"
    assert item7.child(6).text(3) == "appendix-6-grant-letter.pdf, 3 pages"
    assert item7.child(0).text(3) == "report-23-00098.pdf, 10 pages"
    stored = meeting(ASC, dt.date(2023, 11, 23)).meeting.items
    assert [p.path for p in stored[6].papers][-2:] == ["eqia-23-00098.pdf",
                                                       "appendix-6-grant-letter.pdf"]

    # A file that is not a PDF is refused with its name and changes nothing.
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf at all")
    view.attach_files("7", [str(bad)])
    qtbot.waitUntil(lambda: view.attach_job is None, timeout=20000)
    assert "notes.pdf" in view.message.text()
    assert not view.message.text().startswith("Attached")
    stored = meeting(ASC, dt.date(2023, 11, 23)).meeting.items
    assert len(stored[6].papers) == 7

    # Mark the new paper exempt (paragraph 3).
    assert view.set_exempt(("paper", "7", 7), 3)
    stored = meeting(ASC, dt.date(2023, 11, 23)).meeting.items
    assert stored[6].papers[6].exempt_paragraph == 3
    assert tree.topLevelItem(6).child(6).text(2) == "para. 3"
    assert tree.topLevelItem(6).child(0).text(2) == ""


def test_an_outcome_cannot_be_recorded_for_a_meeting_still_to_come(window, demo_register):
    window.open_decision("23/00098")  # today is 1 November 2023; the committee meets on 23rd
    view = window.decision_view
    view.outcome_committee.setCurrentText(ASC)
    view.outcome_date.setDate(QDate(2023, 11, 23))
    view.outcome_combo.setCurrentIndex(view.outcome_combo.findData("endorsed"))
    assert not view.record_consideration()
    # The lifecycle's rule, in its words: the same from the window and from anywhere else.
    said = (f"Cannot record the outcome for 23/00098: the {ASC} meets on 23 November 2023,"
            " after today (1 November 2023): record its outcome once it has met; to put the"
            " decision on its agenda, send it to the committee (to be considered)")
    assert view.banner.text() == said
    d = decisions.decision(window.desk, "23/00098")
    assert [c.outcome for c in d.committee_considerations] == [None]
    with pytest.raises(RuleViolation) as refused:
        decisions.transition(as_of(demo_register, TODAY), "23/00098", "record_outcome",
                             committee=ASC, on=dt.date(2023, 11, 23), outcome="endorsed")
    assert str(refused.value) == said


def test_an_item_made_exempt_before_unrestricted_ones_is_pointed_out(window, capsys):
    from main import main

    view = window.meetings_view
    view.open_meeting(ASC, dt.date(2023, 11, 23))
    assert view.set_exempt(("item", "7"), 3)
    assert view.message.text().startswith(
        f"Item 7 of the agenda of {ASC}, Thursday 23 November 2023: exempt under paragraph"
        " 3 of Part 1 of Schedule 12A.")
    assert "It comes before unrestricted items" in view.message.text()
    assert "move it below them" in view.message.text()
    assert view.set_exempt(("item", "11"), 3)  # the last item: nothing to say
    assert view.message.text() == (
        f"Item 11 of the agenda of {ASC}, Thursday 23 November 2023: exempt under paragraph"
        " 3 of Part 1 of Schedule 12A. Its agenda was published on Wednesday 15 November"
        " 2023: republish it (make the front sheet again and publish that) so the published"
        " agenda shows the change.")
    # The `meeting exempt` command says the same of the same change.
    assert main(["--db", str(window.desk.store.path), "meeting", "exempt", "--committee",
                 ASC, "--date", "2023-11-23", "--item", "11", "--paragraph", "3"]) == 0
    assert capsys.readouterr().out == view.message.text() + "\n"


def test_publication_deadline_in_view_and_late_needs_a_reason(window, demo_register):
    demo_register.store.db.execute("UPDATE meetings SET published_on = NULL")
    demo_register.store.db.conn.commit()
    view = window.meetings_view
    view.today_override = dt.date(2023, 11, 17)
    view.refresh()
    view.open_meeting(ASC, dt.date(2023, 11, 23))
    assert view.where.text().startswith("at 2.00 pm; Council Chamber, Sessions House")
    assert view.publication.text() == "Publish by Wednesday 15 November 2023 (overdue)."
    assert view.late_reason.isVisibleTo(view)
    assert not view.publish(dt.date(2023, 11, 17))
    assert "late" in view.message.text() and "reason" in view.message.text()
    view.late_reason.setText("Urgent grant deadline set by DHSC")
    assert view.publish(dt.date(2023, 11, 17))
    assert "late: Urgent grant deadline set by DHSC" in view.publication.text()


def test_documents_screen_builds_and_previews_the_front_sheet(window, qtbot, tmp_path,
                                                              capsys):
    view = window.documents_view
    window.meetings_view.open_meeting(ASC, dt.date(2023, 11, 23))
    window.meetings_view.front_sheet_button.click()
    assert window.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
    assert view.result.startswith(b"%PDF")
    qtbot.waitUntil(lambda: view.preview.page_count == 3, timeout=20000)
    assert "Agenda front sheet" in view.message.text()
    out = tmp_path / "agenda.pdf"
    assert view.save_to(out)
    assert out.read_bytes() == view.result
    # What `render agenda` says of the same document (governance's sentence).
    assert view.message.text() == (f"Wrote the agenda front sheet of {ASC}, Thursday, 23"
                                   f" November 2023 (PDF) to {out}.")
    # With the notes the command gives beside it: here a file name that says Word.
    word = tmp_path / "agenda.docx"
    assert view.save_to(word)
    assert view.message.text() == (f"Wrote the agenda front sheet of {ASC}, Thursday, 23"
                                   f" November 2023 (PDF) to {word}.\nNote: {word} ends in"
                                   " .docx but holds PDF.")
    from main import main
    assert main(["--db", str(window.desk.store.path), "render", "agenda", "--committee", ASC,
                 "--date", "2023-11-23", "--format", "pdf", "-o", str(word)]) == 0
    said = capsys.readouterr()
    assert said.out == (f"Wrote the agenda front sheet of {ASC}, Thursday, 23 November 2023"
                        f" (PDF) to {word}.\n")
    assert said.err == f"note: {word} ends in .docx but holds PDF\n"
    # A folder that does not exist: said, and no earlier "Saved" left standing.
    assert not view.save_to(tmp_path / "no such folder" / "agenda.pdf")
    assert view.message.text().startswith("Not saved: ")
    assert "no such folder" in view.message.text()
    # A build that fails leaves nothing to save: not the front sheet built before.
    view.kind.setCurrentIndex(view.kind.findData("record"))
    view.number.setText("rubbish")
    view.build()
    qtbot.waitUntil(lambda: view.job is None, timeout=20000)
    assert view.message.text().startswith("Could not build the document: ")
    assert view.result is None
    assert not view.save_button.isEnabled() and not view.open_button.isEnabled()


def test_documents_screen_builds_the_meeting_asked_for_and_its_public_version(
        window, qtbot):
    """The 2019 meeting's front sheet from the Meetings screen is the 2019 one (the list
    holds the 2023 meeting first), and Public version gives the public front sheet."""
    from pypdf import PdfReader

    view = window.documents_view
    assert view.meeting.itemData(0)[1] != dt.date(2019, 3, 12)
    window.meetings_view.open_meeting(ASC, dt.date(2019, 3, 12))
    window.meetings_view.front_sheet_button.click()
    qtbot.waitUntil(lambda: view.job is None and view.result is not None, timeout=20000)
    assert view.request.date == dt.date(2019, 3, 12)
    first = PdfReader(io.BytesIO(view.result)).pages[0].extract_text()
    assert "Tuesday, 12th March, 2019" in first and "2023" not in first
    assert not view.public.isChecked()
    view.public.setChecked(True)
    view.build()
    qtbot.waitUntil(lambda: view.job is None, timeout=20000)
    assert view.request.public and view.request.date == dt.date(2019, 3, 12)
    assert view.message.text().startswith("Agenda front sheet (public) — ")
    assert view.request.file_name.startswith("public-agenda-")
    assert view.request.label == f"Agenda front sheet (public) — {ASC}, 12 March 2019"
    view.kind.setCurrentIndex(view.kind.findData("public_pack"))
    assert view.public.isChecked() and not view.public.isEnabled()


def test_menus_hold_every_shortcut_and_save_saves_the_open_decision(window, demo_register):
    menus = [m.title().replace("&", "") for m in window.menus.values()]
    assert menus == ["File", "Edit", "Go", "Help"]
    shortcuts = dict(window.shortcut_list())
    assert shortcuts["New decision"] == "Ctrl+N"
    assert shortcuts["Save decision"] == "Ctrl+S"
    assert shortcuts["Search the register"] == "Ctrl+F"
    assert shortcuts["Next decision"] == "Ctrl+PgDown"
    assert shortcuts["Decision"] == "Ctrl+3"
    window.open_decision("23/00098")
    window.decision_view.author_edit.setText("Sydney Hill")
    window.save_action.trigger()
    assert decisions.decision(demo_register, "23/00098").report_author == "Sydney Hill"
    assert window.decision_view.changes() == {}


def test_back_up_from_the_window(window, demo_register, tmp_path, qtbot):
    def back_up(path) -> str:
        """Back up in the background (progress in the status bar); what it says at the end."""
        job = window.backup_to(path)
        assert job is not None and window.progress.isVisibleTo(window)
        qtbot.waitUntil(lambda: window.backup_job is None, timeout=20000)
        assert not window.progress.isVisibleTo(window)
        return window.statusBar().currentMessage()

    message = back_up(tmp_path / "copy.sqlite")
    assert message.startswith(f"Backed up the register to {tmp_path / 'copy.sqlite'} (14 decisions")
    copy = open_desk(tmp_path / "copy.sqlite")
    try:
        assert decisions.count(copy) == 14
    finally:
        copy.close()
    message = back_up(tmp_path / "no such folder" / "copy.sqlite")
    assert message.startswith("Not backed up: ")
    assert "no such folder" in message
    assert not (tmp_path / "no such folder").exists()
    assert window.statusBar().currentMessage() == message


def test_meetings_are_listed_per_committee(window, demo_register):
    meetings.create_meeting(demo_register, "Cabinet", dt.date(2023, 12, 4), time="10:00")
    view = window.meetings_view
    view.refresh()

    def listed() -> list[str]:
        return [view.meetings.item(i).text().replace("\n", " — ")
                for i in range(view.meetings.count())]

    choices = [view.committee_filter.itemText(i) for i in range(view.committee_filter.count())]
    # Every committee, a committee with no meeting yet as well (to make its first).
    assert choices[:4] == ["All committees (3)", f"{ASC} (2)",
                           "Adult Social Care and Health Cabinet Committee (0)", "Cabinet (1)"]
    assert len(choices) == 1 + len(demo_register.store.committees())
    assert len(listed()) == 3
    view.committee_filter.setCurrentIndex(view.committee_filter.findData("Cabinet"))
    assert listed() == ["4 December 2023 (agenda not published) — Cabinet"]
    assert view.heading.text() == "Cabinet — Monday 4 December 2023"
    # Opening another committee's meeting (from Today, say) shows every committee again.
    view.open_meeting(ASC, dt.date(2019, 3, 12))
    assert view.committee_filter.currentData() is None and len(listed()) == 3
    assert view.heading.text() == f"{ASC} — Tuesday 12 March 2019"


def test_a_meeting_is_made_and_an_item_added_from_the_window(window, demo_register):
    view = window.meetings_view
    assert view.new_meeting(ASC, dt.date(2024, 1, 18), "10:00", "Darent Room - Sessions House")
    assert view.heading.text() == f"{ASC} — Thursday 18 January 2024"
    assert view.message.text().startswith(f"Made the meeting of {ASC} on Thursday 18 January"
                                          " 2024")

    def titles() -> list[str]:
        return [view.tree.topLevelItem(i).text(1) for i in range(view.tree.topLevelItemCount())]

    standing = titles()
    assert standing[-1] == "Work Programme"
    assert view.add_item("", decision="23/00091",
                         description="To CONSIDER and ENDORSE the proposed decision")
    after = titles()
    # Before the closing standing item, titled as the decision when no title was given.
    assert after[:-1] == standing[:-1] + ["23/00091 - Approval of the Kent and Medway"
                                          " Integrated Care Strategy"]
    assert after[-1] == "Work Programme"
    assert view.message.text() == (f"Added item {len(after) - 1} to the agenda of {ASC},"
                                   " Thursday 18 January 2024: Approval of the Kent and"
                                   " Medway Integrated Care Strategy. 23/00091 now goes to"
                                   f" the {ASC} on Thursday 18 January 2024.")
    # The decision records it: its Committee tab shows the meeting.
    window.open_decision("23/00091")
    table = window.decision_view.considerations
    shown = [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text())
             for r in range(table.rowCount())]
    assert shown[-1] == (ASC, "18 January 2024", "(to be considered)")
    assert not view.add_item("", decision=None)
    assert view.message.text() == "an agenda item needs a title"
    assert not view.new_meeting(ASC, dt.date(2024, 1, 18))  # the same meeting twice
    assert view.message.text().startswith("No meeting made: ")
