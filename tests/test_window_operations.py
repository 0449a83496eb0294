"""Background work and faults in the window: an operation runs on a worker thread with a
desk of its own and delivers on the GUI thread; a refusal is shown as it is, a fault is
logged with its traceback and shown as a fault; Cancel discards the result; a fault
nobody caught shows the crash dialog with the log file's path (pytest-qt, offscreen)."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from governance import decisions
from governance.desk import Changes, Desk, Done, decisions_changed
from governance.errors import UserError
from ui import logs
from ui.app import crash_dialog, install_fault_handler
from ui.operations import CollectionOp, Failure, Progress, QueryOp


class Outcome:
    """What an operation delivered, and on which thread."""

    def __init__(self) -> None:
        self.values: list = []
        self.failures: list[Failure] = []
        self.progress: list[tuple[int, str]] = []
        self.threads: set[str] = set()

    def success(self, value) -> None:
        self.threads.add(threading.current_thread().name)
        self.values.append(value)

    def failure(self, failure: Failure) -> None:
        self.threads.add(threading.current_thread().name)
        self.failures.append(failure)

    def report(self, percent: int, text: str) -> None:
        self.threads.add(threading.current_thread().name)
        self.progress.append((percent, text))

    @property
    def arrived(self) -> bool:
        return bool(self.values or self.failures)


def test_a_query_runs_on_a_worker_with_its_own_desk_and_delivers_on_the_gui_thread(
        qtbot, sample_register: Desk):
    seen: dict = {}

    def count(desk: Desk, progress: Progress) -> int:
        seen["thread"] = threading.current_thread().name
        seen["store"] = desk.store
        progress(50, "Counting…")
        return decisions.count(desk)

    out = Outcome()
    op = QueryOp(None, sample_register, count, out.success).failure(out.failure)
    op.with_progress(out.report).run_in_background()
    assert op.running and not out.arrived  # delivered through the event loop only
    qtbot.waitUntil(lambda: out.arrived, timeout=10000)
    assert out.values == [3] and not op.running
    assert seen["thread"].startswith("decision-desk-") and seen["thread"] != "MainThread"
    assert seen["store"] is not sample_register.store  # a connection of its own
    assert out.progress == [(50, "Counting…")]
    assert out.threads == {threading.main_thread().name}


def test_a_refusal_is_shown_as_it_is(qtbot, sample_register: Desk):
    def refuse(desk: Desk, progress: Progress) -> None:
        raise UserError("23/99999 is not in the register")

    out = Outcome()
    QueryOp(None, sample_register, refuse, out.success).failure(out.failure) \
        .run_in_background()
    qtbot.waitUntil(lambda: out.arrived, timeout=10000)
    assert out.failures == [Failure("23/99999 is not in the register", fault=False)]


def test_a_fault_is_logged_with_its_traceback_and_shown_as_a_fault(
        qtbot, sample_register: Desk, caplog):
    def broken(desk: Desk, progress: Progress) -> None:
        raise KeyError("status")

    out = Outcome()
    with caplog.at_level(logging.ERROR, logger="ui.operations"):
        QueryOp(None, sample_register, broken, out.success).failure(out.failure) \
            .run_in_background()
        qtbot.waitUntil(lambda: out.arrived, timeout=10000)
    [failure] = out.failures
    assert failure.fault
    assert failure.message.startswith("this is a fault in Decision Desk, not something you"
                                      " did (KeyError: 'status')")
    [record] = [r for r in caplog.records if r.name == "ui.operations"]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "broken" in caplog.text and "Traceback" in caplog.text


def test_a_failure_nobody_handles_is_shown_in_a_message_box(qtbot, sample_register, monkeypatch):
    shown: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(("warning", a[2])))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(("critical", a[2])))

    def refuse(desk: Desk, progress: Progress) -> None:
        raise UserError("the agenda cannot be published on a day still to come")

    op = QueryOp(None, sample_register, refuse).run_in_background()
    qtbot.waitUntil(lambda: not op.running, timeout=10000)
    assert shown == [("warning", "The agenda cannot be published on a day still to come")]


def test_cancel_discards_what_the_work_gives_back(qtbot, sample_register: Desk):
    go_on = threading.Event()
    asked: list[bool] = []

    def slow(desk: Desk, progress: Progress) -> int:
        go_on.wait(10)
        asked.append(progress.proceed())
        progress(90, "nearly")
        return 1

    out = Outcome()
    op = QueryOp(None, sample_register, slow, out.success).failure(out.failure)
    op.with_progress(out.report).run_in_background()
    op.cancel()
    go_on.set()
    assert op.wait(10)
    qtbot.wait(50)
    assert asked == [False]  # the work could tell, and stop before keeping anything
    assert not out.arrived and out.progress == [] and not op.running


def test_a_change_in_the_background_hands_its_changes_on_before_success(
        qtbot, sample_register: Desk):
    order: list = []

    def edit(desk: Desk, progress: Progress) -> Done:
        return decisions.update_decision(desk, "23/00101", {"alternatives": "None."})

    op = CollectionOp(None, sample_register, edit, lambda c: order.append(("changed", c)))
    op.success(lambda done: order.append(("success", done.message))).run_in_background()
    qtbot.waitUntil(lambda: len(order) == 2, timeout=10000)
    assert order == [("changed", decisions_changed("23/00101")),
                     ("success", "Saved 23/00101.")]
    assert decisions.decision(sample_register, "23/00101").alternatives == "None."
    assert isinstance(order[0][1], Changes)


# --- the crash dialog --------------------------------------------------------------------


@pytest.fixture
def log_file(tmp_path: Path):
    """The window's log configured to a file of this test's (put back afterwards)."""
    root = logging.getLogger()
    level = root.level
    path = tmp_path / "logs" / "decision-desk.log"
    logs.configure_logging(path)
    yield path
    for handler in list(root.handlers):
        if getattr(handler, "decision_desk_handler", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.qt_no_exception_capture
def test_a_fault_in_the_window_is_logged_and_shown_in_the_crash_dialog(
        qtbot, log_file: Path, monkeypatch):
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    install_fault_handler()
    try:
        {}["missing key"]  # a bug, as a slot would meet it
    except KeyError:
        sys.excepthook(*sys.exc_info())

    [box] = shown
    assert box.icon() == QMessageBox.Icon.Critical
    assert "fault in Decision Desk, not something you did" in box.text()
    assert "KeyError: 'missing key'" in box.informativeText()
    assert str(log_file) in box.informativeText()
    assert "Traceback (most recent call last)" in box.detailedText()
    written = log_file.read_text("utf-8")
    assert "CRITICAL ui.app: a fault in the window" in written
    assert "Traceback (most recent call last)" in written
    assert 'KeyError: \'missing key\'' in written
    assert "test_a_fault_in_the_window_is_logged" in written  # where it happened


def test_the_crash_dialog_names_the_log_file_in_use(qtbot, log_file: Path):
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        box = crash_dialog(RuntimeError, exc, exc.__traceback__)
    assert logs.log_file_path() == log_file
    assert f"The details are in the log file {log_file}." in box.informativeText()
    assert "RuntimeError: boom" in box.detailedText()


def test_a_change_kept_before_the_cancel_was_seen_is_still_delivered(
        qtbot, sample_register: Desk):
    """Cancel stops a change only if it comes in time; one made all the same happened,
    and the window must show it."""
    kept = threading.Event()
    order: list = []

    def edit(desk: Desk, progress: Progress) -> Done:
        done = decisions.update_decision(desk, "23/00101", {"alternatives": "None."})
        kept.set()
        return done

    op = CollectionOp(None, sample_register, edit, lambda c: order.append(("changed", c)))
    op.success(lambda done: order.append(("success", done.message))).run_in_background()
    assert kept.wait(10)
    op.cancel()
    qtbot.waitUntil(lambda: len(order) == 2, timeout=10000)
    assert order == [("changed", decisions_changed("23/00101")),
                     ("success", "Saved 23/00101.")]


# --- quick use cases: one way to run them ------------------------------------------------


def test_run_shows_a_refusal_where_the_clerk_acted_and_returns_none(qtbot):
    from PySide6.QtWidgets import QLabel

    from ui.operations import run

    label = QLabel("before")
    qtbot.addWidget(label)
    changed: list = []

    def refuse() -> Done:
        raise UserError("23/99999 is not in the register")

    assert run(refuse, label, refused="Not attached: ", changed=changed.append,
               on_done=changed.append) is None
    assert label.text() == "Not attached: 23/99999 is not in the register"
    assert changed == []
    said: list = []
    assert run(refuse, lambda text, refusal: said.append((text, type(refusal)))) is None
    assert said == [("23/99999 is not in the register", UserError)]


def test_run_hands_the_changes_on_then_says_the_sentence_and_its_notes(qtbot):
    from PySide6.QtWidgets import QLabel

    from ui.operations import run

    label = QLabel()
    qtbot.addWidget(label)
    order: list = []
    done = Done("Wrote the agenda front sheet.", decisions_changed("23/00101"),
                value=7, notes=("the agenda is not published yet",))

    def said(text, refusal) -> None:
        order.append(("said", text, refusal))

    assert run(lambda: done, said, changed=lambda c: order.append(("changed", c)),
               on_done=lambda d: order.append(("done", d.value))) is done
    assert order == [("changed", decisions_changed("23/00101")),
                     ("said", "Wrote the agenda front sheet.\nNote: The agenda is not"
                      " published yet.", None),
                     ("done", 7)]
    # Not a Done (a read): nothing said, the value handed on and returned.
    assert run(lambda: 3, label, on_done=order.append) == 3 and order[-1] == 3
    assert label.text() == ""


def test_run_leaves_a_fault_to_the_crash_handler(qtbot):
    from PySide6.QtWidgets import QLabel

    from ui.operations import run

    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(KeyError):
        run(lambda: {}["status"], label)
    assert label.text() == ""


@pytest.mark.qt_no_exception_capture
def test_a_fault_while_the_window_is_built_is_shown_in_the_crash_dialog(
        qtbot, monkeypatch, tmp_path: Path, sample_register: Desk, capsys):
    """Started from a desktop icon nobody reads standard error: a fault that stops the
    window being built is logged, printed and shown in the crash dialog (the command
    line's one handler, given ``ui.app.show_fault``), and the exit code says a fault."""
    from main import main
    from ui import app as window_app

    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        return QMessageBox.StandardButton.Ok

    def broken(self, *args, **kwargs) -> None:
        raise RuntimeError("the Today screen could not be laid out")

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    monkeypatch.setattr(window_app.MainWindow, "__init__", broken)
    assert main(["--db", str(sample_register.store.path)]) == 2
    [box] = shown
    assert box.icon() == QMessageBox.Icon.Critical
    assert "fault in Decision Desk, not something you did" in box.text()
    assert "RuntimeError: the Today screen could not be laid out" in box.informativeText()
    assert "Traceback (most recent call last)" in box.detailedText()
    assert "the Today screen could not be laid out" in capsys.readouterr().err
    # The window's own handler was in place before it was built (a fault in a slot).
    assert sys.excepthook is not sys.__excepthook__


def test_building_the_window_leaves_a_failure_to_the_command_line(
        qtbot, monkeypatch, sample_register: Desk):
    from ui import app as window_app

    def refused(self, *args, **kwargs) -> None:
        raise UserError("the register is locked by another program")

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(window_app.MainWindow, "__init__", refused)
    with pytest.raises(UserError):
        window_app.run_window(sample_register)


def test_closing_the_window_while_work_runs_waits_for_it_and_logs_no_fault(
        open_window, caplog):
    """The clerk closes the window a moment after starting it: the work still running in
    the background is cancelled and waited for before the register closes under it, and
    what it meets after the cancel is no fault (nothing logged as one, nothing raised on its
    thread)."""
    window = open_window(dt.date(2023, 12, 1))
    started, raised = threading.Event(), []

    def slow(desk: Desk, progress: Progress) -> int:
        started.set()
        for _ in range(50):  # a long check, asking as it goes
            progress(1, "checking")
            threading.Event().wait(0.01)
        raise RuntimeError("the register was closed under the work")

    hook = threading.excepthook
    threading.excepthook = lambda args: raised.append(args.exc_value)
    try:
        op = QueryOp(window, window.desk, slow).run_in_background()
        assert started.wait(5)
        with caplog.at_level(logging.INFO):
            window.close()
        assert op.thread is not None and not op.thread.is_alive()
    finally:
        threading.excepthook = hook
    assert raised == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
