"""The main window: Today, the Register and the Decision screen, with keyboard shortcuts
and the window layout remembered between sessions.

Every change made from any screen reaches the window as the use case's
:class:`~governance.desk.Changes` (each screen's ``changed`` signal), and passes through
:meth:`MainWindow.apply_changes`: each other screen refreshes only what the changes touch
(``changes_applied`` carries them on, for anyone else listening). Quick use cases run
through :func:`ui.operations.run`, slow ones (a backup) as operations in the background.

On a team's shared register (``ui.shared_register``) what other officers commit reaches
:meth:`MainWindow.apply_changes` too, from a listener on its own connection; when the
connection to the server is lost the window says so and reconnects in the background.
File ▸ Open shared register… (and Open register file…) switch the window to another
register, opened by the composition root (the :class:`RegisterOpener` it is given).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
)

from governance import backups, decisions, sharing
from governance.desk import EVERYTHING, Changes, Desk, Done, changes_from_audit
from governance.errors import UserError
from governance.ports import Store
from ui.about_dialog import add_about_action, app_icon
from ui.attendance_dialog import AttendanceDialog
from ui.council_setup import CouncilSetUp
from ui.decision_view import DecisionView
from ui.documents_view import DocumentsView
from ui.logs import log_file_path
from ui.meetings_view import MeetingsView
from ui.operations import (
    CollectionOp,
    Failure,
    Progress,
    as_of,
    explain_failures_with,
    run,
    sentence,
    stop_all,
    unexplain_failures,
    unwatch_refusals,
    watch_refusals,
)
from ui.register_view import RegisterView
from ui.self_check import quit_once_shown
from ui.shared_register import (
    ANOTHER_DESKTOP,
    LOST,
    RECENT,
    RECONNECTED,
    RETRY_SECONDS,
    ChangeListener,
    Reconnector,
    RegisterOpener,
    SharedRegisterDialog,
    StoreInUse,
)
from ui.today_view import TodayView
from ui.tones import dark_palette, is_dark

log = logging.getLogger(__name__)
#: Seconds the closing window waits for work still running in the background.
WAIT_AT_CLOSE = 5.0

SCREENS = ("Today", "Register", "Decision", "Meetings", "Documents")


class MainWindow(QMainWindow):
    #: Every change made from any screen, after the screens have refreshed (Changes).
    changes_applied = Signal(object)

    def __init__(self, desk: Desk, today: dt.date | None = None,
                 settings: QSettings | None = None, registers: RegisterOpener | None = None):
        super().__init__()
        #: The composition root's help to open another register (None: the window stays
        #: on the one it was given; File ▸ Open… are disabled).
        self.registers = registers
        #: The store behind every desk the window and its screens hold.
        self.store_in_use = StoreInUse(desk.store)
        #: The desk the register in use was opened with (its ``reopen`` makes the stores
        #: of background work, and the store that replaces a lost connection).
        self._opened = desk
        #: Stores the window opened itself (the one it was given is its caller's to close).
        self._own_stores: list[Store] = []
        #: The register; with ``today`` given, every use case works as if it were that day.
        self.desk = as_of(dataclasses.replace(
            desk, store=self.store_in_use,
            reopen=self._reopen if desk.reopen is not None else None), today)
        #: Where the register in use is (its file, or its URL: never with a password).
        self.location = decisions.register_location(desk)
        self.settings = settings or QSettings("DecisionDesk", "DecisionDesk")
        #: Other officers' changes: the listener (None: a register nobody else writes, or
        #: the connection is being made again), the reconnecting (None when connected).
        self.listener: ChangeListener | None = None
        self.reconnector: Reconnector | None = None
        #: Seconds between attempts to reach the server again.
        self.retry_seconds = RETRY_SECONDS
        self._mark: int | None = None
        self._shut = False
        self.resize(1280, 800)
        self._begin_listening()  # before the screens read: no change is missed
        self._set_title()

        self.today_view = TodayView(self.desk)
        self.register_view = RegisterView(self.desk)
        self.decision_view = DecisionView(self.desk)
        self.decision_view.modified.connect(self.setWindowModified)
        self.meetings_view = MeetingsView(self.desk)
        self.documents_view = DocumentsView(self.desk)
        self.screens = (self.today_view, self.register_view, self.decision_view,
                        self.meetings_view, self.documents_view)
        self.stack = QStackedWidget()
        for w in self.screens:
            self.stack.addWidget(w)
        self.nav = QListWidget()
        self.nav.setAccessibleName("Screens")
        self.nav.setMinimumWidth(130)
        self.nav.setMaximumWidth(190)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Room around each entry from its size, not a style sheet: a widget with a style
        # sheet keeps the palette it had, so the list stayed light in a window turned dark.
        height = self.nav.fontMetrics().height() + 16
        for i, name in enumerate(SCREENS):
            item = QListWidgetItem(f"  {name}")
            item.setToolTip(f"{name} (Ctrl+{i + 1})")
            item.setSizeHint(QSize(0, height))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([160, 1120])
        self.setCentralWidget(self.splitter)
        self.count_label = QLabel()
        #: The connection to a shared register: lost and reconnecting, or reconnected.
        self.connection_label = QLabel()
        self.connection_label.setAccessibleName("Connection to the shared register")
        self.connection_label.hide()
        self._connection_timer = QTimer(self, singleShot=True, interval=10000)
        self._connection_timer.timeout.connect(self.connection_label.hide)
        #: Long work the window itself runs (a backup): its progress, in the status bar.
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.connection_label)
        self.statusBar().addPermanentWidget(self.count_label)
        #: The backup running in the background (None when none is).
        self.backup_job: CollectionOp | None = None

        self._actions()
        #: The Council menu, the first start on an empty register, the demo banner.
        self.council_set_up = CouncilSetUp(self)
        self.attendance_action = QAction("&Attendance…", self)
        self.attendance_action.triggered.connect(self.prompt_attendance)
        self.council_set_up.menu.addSeparator()
        self.council_set_up.menu.addAction(self.attendance_action)
        self.today_view.open_target.connect(self.open_target)
        self.register_view.open_decision.connect(self.open_decision)
        for screen in (self.decision_view, self.meetings_view):
            screen.changed.connect(
                lambda changes, screen=screen: self.apply_changes(changes, screen))
        self.meetings_view.show_document.connect(self.show_document)
        self.nav.setCurrentRow(0)
        self.update_status()
        self._restore_layout()
        watch_refusals(self._refused)
        if registers is not None:
            explain_failures_with(self._explain)

    # A handle used by scripts and tests.
    @property
    def search(self):
        return self.register_view.search

    def _actions(self) -> None:
        """The menus, and the shortcuts they show: every action the keyboard reaches is
        also in a menu, so it can be found."""
        bar = self.menuBar()
        self.menus = {name: bar.addMenu(name) for name in ("&File", "&Edit", "&Go", "&Help")}

        def add(menu: str, text: str, shortcut, slot) -> QAction:
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            self.menus[menu].addAction(action)
            self.addAction(action)  # the shortcut works with the menu bar hidden too
            return action

        add("&File", "&New decision…", QKeySequence.StandardKey.New, self.prompt_new_decision)
        self.open_shared_action = add("&File", "Open &shared register…", None,
                                      self.prompt_open_shared)
        self.open_file_action = add("&File", "&Open register file…", None,
                                    self.prompt_open_file)
        for action in (self.open_shared_action, self.open_file_action):
            action.setEnabled(self.registers is not None)
        self.menus["&File"].addSeparator()
        add("&File", "&Export the register as CSV…", None,
            self.register_view.prompt_export_csv)
        add("&File", "&Back up the register…", None, self.prompt_backup)
        self.menus["&File"].addSeparator()
        add("&File", "&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.save_action = add("&Edit", "&Save decision", QKeySequence.StandardKey.Save,
                               self.save_decision)
        self.undo_action = add("&Edit", "&Undo saved edit", "Ctrl+Alt+Z",
                               self.decision_view.undo)
        self.redo_action = add("&Edit", "&Redo saved edit", "Ctrl+Alt+Shift+Z",
                               self.decision_view.redo)
        stack = self.decision_view.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.menus["&Edit"].addSeparator()
        add("&Edit", "Search the &register", QKeySequence.StandardKey.Find, self.focus_search)
        for i, name in enumerate(SCREENS):
            add("&Go", name, f"Ctrl+{i + 1}", lambda _=False, i=i: self.show_screen(i))
        self.menus["&Go"].addSeparator()
        add("&Go", "&Next decision", "Ctrl+PgDown", lambda: self.step_decision(1))
        add("&Go", "&Previous decision", "Ctrl+PgUp", lambda: self.step_decision(-1))
        add("&Go", "Re&fresh", QKeySequence.StandardKey.Refresh,
            lambda: self.apply_changes(EVERYTHING))
        add("&Help", "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
            self.show_shortcuts)
        self.about_action = add_about_action(self, self.menus["&Help"])

    def shortcut_list(self) -> list[tuple[str, str]]:
        """(action, keys) for every action with a shortcut, as the menus name them."""
        return [(a.text().replace("&", "").rstrip("…"),
                 a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for menu in self.menus.values() for a in menu.actions()
                if not a.isSeparator() and not a.shortcut().isEmpty()]

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{what}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>"
                       for what, keys in self.shortcut_list())
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def save_decision(self) -> None:
        if self.stack.currentWidget() is self.decision_view and self.decision_view.decision:
            self.decision_view.save()

    def backup_to(self, path: Path, warn: bool = False) -> CollectionOp | None:
        """Back up the open register to ``path`` (the store's online backup) in the
        background, its progress in the status bar; what it did, or why not, is said there
        when it ends (and, with ``warn``, a refusal in a message box too). The operation
        (None: a backup is running already)."""
        if self.backup_job is not None:
            self.statusBar().showMessage("A backup is being made already.", 5000)
            return None

        def back_up(desk: Desk, progress: Progress) -> Done:
            progress(0, f"Backing up the register to {path}…")
            return backups.backup(desk, Path(path))

        def ended() -> None:
            self.backup_job = None
            self.progress.hide()

        def done(made: Done) -> None:
            ended()
            self.statusBar().showMessage(made.message, 15000)

        def failed(failure: Failure) -> None:
            ended()
            message = f"Not backed up: {failure}"
            self.statusBar().showMessage(message, 15000)
            if warn or failure.fault:
                box = QMessageBox.critical if failure.fault else QMessageBox.warning
                box(self, "Back up the register", message)

        def progressed(_percent: int, text: str) -> None:
            if text:
                self.statusBar().showMessage(text)

        self.backup_job = CollectionOp(self, self.desk, back_up, self.apply_changes)
        self.backup_job.success(done).failure(failed).with_progress(progressed)
        self.progress.setRange(0, 0)  # busy: the copy reports no steps
        self.progress.show()
        self.statusBar().showMessage(f"Backing up the register to {path}…")
        return self.backup_job.run_in_background()

    def prompt_backup(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Back up the register",
            str(Path.home() / f"register-{dt.date.today():%Y-%m-%d}.sqlite"),
            "Decision Desk register (*.sqlite)")
        if name:
            self.backup_to(Path(name), warn=True)

    def show_screen(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def focus_search(self) -> None:
        self.show_screen(1)
        self.register_view.search.setFocus()
        self.register_view.search.selectAll()

    def open_decision(self, number: str) -> bool:
        """Show decision ``number`` on the Decision screen (False if the clerk chose to
        stay with unsaved edits, or it is not in the register)."""
        if not self.decision_view.open(number):
            return False
        self.show_screen(2)
        return True

    def show_document(self, request) -> None:
        self.show_screen(4)
        self.documents_view.show_document(request)

    def open_target(self, kind: str, key: str) -> None:
        if kind == "decision":
            self.open_decision(key)
        elif kind == "meeting":
            committee, date = key.split("|")
            self.meetings_view.open_meeting(committee, dt.date.fromisoformat(date))
            self.show_screen(3)
        else:
            self.show_screen(1)
            self.statusBar().showMessage(f"{key}", 5000)

    def step_decision(self, step: int) -> None:
        view = self.register_view
        numbers = view.numbers_shown()
        if not numbers:
            return
        current = self.decision_view.decision.number if self.decision_view.decision else None
        i = numbers.index(current) + step if current in numbers else 0
        i = max(0, min(i, len(numbers) - 1))
        if self.open_decision(numbers[i]):
            view.table.selectRow(i)

    def new_decision(self, title: str) -> str | None:
        """Register a decision and open it; its number (None: refused, and said why)."""
        def said(text: str, refusal: UserError | None) -> None:
            if refusal is not None:
                QMessageBox.warning(self, "New decision", text)
            else:
                self.statusBar().showMessage(text, 10000)

        done = run(lambda: decisions.create_decision(self.desk, title), said,
                   refused="Not registered: ", changed=self.apply_changes,
                   on_done=lambda made: self.open_decision(made.value.number))
        return None if done is None else done.value.number

    def prompt_new_decision(self) -> None:
        title, ok = QInputDialog.getText(self, "New decision", "Title of Decision:")
        if ok and title.strip():
            self.new_decision(title.strip())

    def apply_changes(self, changes: Changes, initiator: object | None = None) -> None:
        """The one way a change reaches the screens: each screen but the one that made it
        (which has shown it already) refreshes what ``changes`` touch; the status bar's
        count follows the decisions. ``initiator`` :data:`ANOTHER_DESKTOP`: another
        officer's change, heard from a shared register (the Decision screen keeps a
        clerk's unsaved edits, and says the record changed under them)."""
        if not changes:
            return
        for screen in self.screens:
            if screen is initiator:
                continue
            if screen is self.decision_view:
                screen.on_changes(changes, remote=initiator is ANOTHER_DESKTOP)
            else:
                screen.on_changes(changes)
        if changes.touches_decisions():
            self.update_status()
        self.changes_applied.emit(changes)

    def update_status(self) -> None:
        n = decisions.count(self.desk)
        self.count_label.setText(f"{n:,} decisions in the register")

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        screen = self.settings.value("window/screen")
        if screen is not None:
            self.show_screen(int(screen))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self.decision_view.may_leave():  # unsaved edits: the clerk chose to stay
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/screen", self.nav.currentRow())
        self.meetings_view.minutes_panel.flush()  # what was being typed, saved
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Stop listening and reconnecting (their threads end), and close the stores the
        window opened itself. Once; the window is closing."""
        if self._shut:
            return
        self._shut = True
        # Work still running in the background is stopped and waited for (a few seconds at
        # most) before the registers it reads are closed under it.
        if not stop_all(WAIT_AT_CLOSE):
            log.warning("background work was still running when the window closed")
        self._stop_listening(wait=True)
        self._stop_reconnecting()
        unwatch_refusals(self._refused)
        unexplain_failures(self._explain)
        for store in self._own_stores:
            try:
                store.close()
            except Exception:  # noqa: BLE001 - closing: nothing more to lose
                log.warning("could not close the register", exc_info=True)
        self._own_stores.clear()

    # --- the register in use: another one opened, other officers' changes, the connection

    @property
    def shared(self) -> bool:
        """Whether the register in use is a team's shared register (others write to it)."""
        return self._shared

    def _set_title(self) -> None:
        what = "shared register " if self._shared else ""
        # [*]: where Qt puts the "*" of unsaved edits (setWindowModified).
        self.setWindowTitle(f"Decision Desk — {what}{self.location}[*]")

    def _reopen(self) -> Store:
        """Another store on the register in use (background work's, a reconnection's)."""
        assert self._opened.reopen is not None
        return self._opened.reopen()

    def _begin_listening(self) -> None:
        """Listen to the register's change feed, if it has one: where the audit trail
        stands is read first, and again once the feed is listening, so a change committed
        in between is not missed."""
        feed = sharing.change_feed(self.desk)
        self._shared = feed is not None
        if feed is None:
            return
        self._mark = sharing.audit_mark(self.desk)
        self.listener = ChangeListener(feed, self)
        self.listener.on("listening", self._listening).on("heard", self._heard)
        self.listener.on("lost", self._listener_lost)
        self.listener.start()

    def _stop_listening(self, wait: bool = False) -> None:
        if self.listener is not None:
            self.listener.stop(wait=2.0 if wait else 0.0)
            self.listener = None

    def _listening(self) -> None:
        mark, self._mark = self._mark, None
        if mark is not None and self.reconnector is None:
            now = run(lambda: sharing.audit_mark(self.desk), lambda *_: None)
            if now is not None and now != mark:  # committed before the feed could hear it
                self.apply_changes(EVERYTHING, ANOTHER_DESKTOP)

    def _heard(self) -> None:
        """Another desktop's units of work: the screens they touch refresh."""
        if self.listener is None or self.reconnector is not None:
            return
        pairs = self.listener.take()
        if pairs:
            self.apply_changes(changes_from_audit(pairs), ANOTHER_DESKTOP)

    def _listener_lost(self) -> None:
        failure = self.listener.failure if self.listener is not None else None
        self.connection_lost(failure)

    def connection_lost(self, failure: BaseException | None = None) -> None:
        """The server cannot be reached: say so, stop listening, and try to reach it
        again every :attr:`retry_seconds` in the background (once reached: the screens
        reload, "Reconnected"). Unsaved edits stay on screen."""
        if self._shut or self.reconnector is not None:
            return
        log.info("the connection to %s was lost: %s", self.location, failure)
        self._stop_listening()
        self._connection_timer.stop()
        self.connection_label.setText(LOST)
        self.connection_label.setToolTip(str(failure) if failure is not None else "")
        self.connection_label.show()
        self.statusBar().showMessage(LOST)
        if self._opened.reopen is None:
            return  # nothing to open it again with (a register in memory)
        self.reconnector = Reconnector(self._reopen, self.retry_seconds, self)
        self.reconnector.on("connected", self._reconnected).start()

    def _stop_reconnecting(self) -> None:
        if self.reconnector is not None:
            self.reconnector.discard()
            self.reconnector = None

    @property
    def reconnecting(self) -> bool:
        return self.reconnector is not None

    def _reconnected(self) -> None:
        reconnector, self.reconnector = self.reconnector, None
        store = reconnector.take() if reconnector is not None else None
        if store is None:
            return
        self._put_behind(store)
        self._begin_listening()
        self.apply_changes(EVERYTHING, ANOTHER_DESKTOP)
        self.connection_label.setText(RECONNECTED)
        self.connection_label.setToolTip(f"Connected again to {self.location}")
        self.connection_label.show()
        self._connection_timer.start()
        self.statusBar().showMessage(f"{RECONNECTED} to {self.location}.", 10000)

    def _put_behind(self, store: Store) -> None:
        """``store`` becomes the register in use; the one before is closed if the window
        opened it."""
        old = self.store_in_use.replace(store)
        self._own_stores.append(store)
        if old in self._own_stores:
            self._own_stores.remove(old)
            try:
                old.close()
            except Exception:  # noqa: BLE001 - a broken connection closes with complaints
                log.debug("closing the store replaced failed", exc_info=True)

    def _refused(self, refusal: UserError) -> None:
        """Every refusal the window is given: the connection to the server lost?"""
        if self._shared and sharing.connection_lost(refusal):
            self.connection_lost(refusal)

    def _explain(self, exc: BaseException) -> UserError | None:
        if self.registers is None:
            return None
        return self.registers.explain(exc, self.location)

    def register_failed(self, exc: BaseException) -> bool:
        """A failure that reached the fault handler: True when it is the register's
        condition (the server gone: reconnecting; another: said in the status bar), not a
        fault."""
        if isinstance(exc, UserError):  # one nobody caught is a fault in the window,
            refusal = exc if sharing.connection_lost(exc) else None  # but the server gone
        else:
            refusal = self._explain(exc)
        if refusal is None:
            return False
        log.info("the register failed: %s", refusal, exc_info=exc)
        if self._shared and sharing.connection_lost(refusal):
            self.connection_lost(refusal)
        else:
            self.statusBar().showMessage(sentence(str(refusal)), 15000)
        return True

    def open_register(self, text: str, shared: bool = False) -> bool:
        """Switch the window to the register ``text`` names (a URL: a shared register; a
        path: a register file), opened through the composition root. Unsaved edits on the
        Decision screen are asked about first; a refusal is said in its one sentence and
        the window stays on the register it had. True if it switched."""
        text = text.strip()
        if self.registers is None or not text:
            return False
        if not self.decision_view.may_leave():
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            desk = self.registers.open_register(text)
        except UserError as exc:
            refusal: UserError | None = exc
        else:
            refusal = None
        finally:
            QGuiApplication.restoreOverrideCursor()
        if refusal is not None:
            said = sentence(refusal.sentence())
            self.statusBar().showMessage(f"Not opened: {said}", 15000)
            QMessageBox.warning(self, "Open shared register" if shared else
                                "Open register file", said)
            return False
        self._switch_to(desk)
        if self._shared:
            self._remember_shared(self.location)
        self.statusBar().showMessage(f"Opened {self._title_words()}.", 10000)
        return True

    def _title_words(self) -> str:
        return f"the shared register {self.location}" if self._shared else self.location

    def _switch_to(self, desk: Desk) -> None:
        """The window on ``desk``'s register: listening stops (and starts again if it is
        shared), the decision on screen is closed, every screen reloads."""
        self._stop_listening(wait=True)
        self._stop_reconnecting()
        self._connection_timer.stop()
        self.connection_label.hide()
        self._put_behind(desk.store)
        self._opened = desk
        self.location = decisions.register_location(desk)
        self.decision_view.close_decision()
        self.meetings_view.forget_meeting()
        self._begin_listening()
        self._set_title()
        self.apply_changes(EVERYTHING)

    def shared_registers_offered(self) -> list[str]:
        """The shared registers opened before, the last first (URLs: never a password)."""
        value = self.settings.value("register/shared", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or [] if str(v)]

    def _remember_shared(self, url: str) -> None:
        offered = [url, *(u for u in self.shared_registers_offered() if u != url)]
        self.settings.setValue("register/shared", offered[:RECENT])

    def shared_register_dialog(self) -> SharedRegisterDialog:
        return SharedRegisterDialog(self.shared_registers_offered(), self)

    def prompt_open_shared(self) -> bool:
        """File ▸ Open shared register…"""
        dialog = self.shared_register_dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.open_register(dialog.url, shared=True)

    def prompt_open_file(self) -> bool:
        """File ▸ Open register file…: back to a register file."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Open register file", str(Path.home()),
            "Decision Desk register (*.sqlite);;All files (*)")
        return bool(name) and self.open_register(name)

    def attendance_dialog(self) -> AttendanceDialog:
        """Council ▸ Attendance…: the statistics of the committee chosen on the Meetings
        screen (or the first), this municipal year."""
        return AttendanceDialog(self.desk, self.meetings_view.membership_committee(), self)

    def prompt_attendance(self) -> None:
        dialog = self.attendance_dialog()
        dialog.exec()
        dialog.deleteLater()


def follow_colour_scheme(app: QApplication) -> None:
    """Follow the system's light or dark setting. Most platforms give Qt a dark palette
    themselves; where the system says dark but the palette stays light (Fusion without a
    platform theme), use :func:`ui.tones.dark_palette`, and drop it when the system
    turns light again. The window's colours follow either way (palette change events)."""
    hints = app.styleHints()
    ours = False

    def apply(_scheme=None) -> None:
        nonlocal ours
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
        if dark and not is_dark(app.palette()) and app.style().name() == "fusion":
            app.setPalette(dark_palette())
            ours = True
        elif not dark and ours:
            app.setPalette(QPalette())
            ours = False

    hints.colorSchemeChanged.connect(apply)
    apply()


def start_up_error(text: str) -> QMessageBox:
    """The message a clerk sees when the window cannot start (the register is damaged,
    locked, or not a register): started from a desktop icon there is no terminal to read
    the command line's message in."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Decision Desk",
                      "Decision Desk cannot open the register.")
    box.setInformativeText(text)
    box.setDetailedText("Nothing has been changed. To put back a backup:\n"
                        "    python main.py restore BACKUP-FILE\n"
                        "(automatic backups are kept in the backups folder beside the"
                        " register).")
    return box


def show_start_up_error(text: str) -> None:
    QApplication.instance() or QApplication(sys.argv)
    start_up_error(text).exec()


def crash_dialog(kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None, parent: QMainWindow | None = None) -> QMessageBox:
    """What the clerk sees when the window meets a fault (a bug, not their doing): what
    happened, where the log with the details is, and the traceback under Details."""
    where = log_file_path()
    box = QMessageBox(QMessageBox.Icon.Critical, "Decision Desk",
                      "Something went wrong: this is a fault in Decision Desk, not something"
                      " you did.", parent=parent)
    box.setInformativeText(
        f"{kind.__name__}: {exc}\n\nThe details are in the log file"
        + (f" {where}" if where else "") + ". Work already saved is safe in the register (a"
        " change is kept whole or not at all): check that the last change shows as you"
        " expect. If it happens again, send the log file to whoever looks after Decision"
        " Desk.")
    box.setDetailedText("".join(traceback.format_exception(kind, exc, tb)))
    return box


def install_fault_handler(parent: QMainWindow | None = None) -> None:
    """Faults in the window (an exception nobody caught, e.g. in a slot) are written to
    the log with their traceback and shown in :func:`crash_dialog`; the window goes on.
    What the register's adapter says is the register's condition (a read meeting a
    shared register's server gone) is not a fault: the window says it, and reconnects."""

    def hook(kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(parent, MainWindow):
            try:
                if parent.register_failed(exc):
                    return
            except Exception:  # noqa: BLE001 - then it is shown as the fault it was
                log.exception("could not tell whether the register failed")
        log.critical("a fault in the window", exc_info=(kind, exc, tb))
        try:
            crash_dialog(kind, exc, tb, parent).exec()
        except Exception:  # noqa: BLE001 - the fault is logged; never loop on the hook
            log.exception("the crash dialog could not be shown")

    sys.excepthook = hook


def application() -> QApplication:
    """The application (made if there is none yet), named, following the system's colour
    scheme."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Decision Desk")
    app.setOrganizationName("DecisionDesk")
    app.setWindowIcon(app_icon())
    follow_colour_scheme(app)
    return app


def start_window(desk: Desk, registers: RegisterOpener | None = None
                 ) -> tuple[QApplication, MainWindow]:
    """The application and its main window, shown (the event loop not yet running). The
    crash handler is in place before the window is built: a fault in a slot while it is
    being built is logged and shown too. ``registers``: the composition root's help to
    open other registers (and to tell a register's failure from a fault)."""
    app = application()
    install_fault_handler()
    window = MainWindow(desk, registers=registers)
    window.show()
    return app, window


def show_fault(exc: BaseException) -> None:
    """The crash dialog for a fault the window's own handler never saw: one that stopped
    the window starting (the command line logs it, prints it, then calls this: started
    from a desktop icon, nobody reads standard error)."""
    QApplication.instance() or QApplication(sys.argv)
    crash_dialog(type(exc), exc, exc.__traceback__).exec()


def run_window(desk: Desk, registers: RegisterOpener | None = None) -> int:
    """Open the window and run it until it closes; the exit code.

    A fault raised while the window is built (:func:`start_window`) goes back to the
    command line (``ui.cli``), which tells a register's failure from a fault, logs and
    prints it, and shows :func:`show_fault` (or, for a refusal, :func:`start_up_error`).
    Once it is built, the crash handler shows faults over the window."""
    app, window = start_window(desk, registers)
    install_fault_handler(window)
    quit_once_shown(app, window)
    try:
        return app.exec()
    finally:
        window.shut_down()
