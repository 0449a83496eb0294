"""The main window: Today, the Register and the Decision screen, with keyboard shortcuts
and the window layout remembered between sessions.

Every change made from any screen reaches the window as the use case's
:class:`~governance.desk.Changes` (each screen's ``changed`` signal), and passes through
:meth:`MainWindow.apply_changes`: each other screen refreshes only what the changes touch
(``changes_applied`` carries them on, for anyone else listening). Quick use cases run
through :func:`ui.operations.run`, slow ones (a backup) as operations in the background."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
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

from governance import backups, decisions
from governance.desk import EVERYTHING, Changes, Desk, Done
from governance.errors import UserError
from ui.decision_view import DecisionView
from ui.documents_view import DocumentsView
from ui.logs import log_file_path
from ui.meetings_view import MeetingsView
from ui.operations import CollectionOp, Failure, Progress, as_of, run
from ui.register_view import RegisterView
from ui.today_view import TodayView
from ui.tones import dark_palette, is_dark

log = logging.getLogger(__name__)

SCREENS = ("Today", "Register", "Decision", "Meetings", "Documents")


class MainWindow(QMainWindow):
    #: Every change made from any screen, after the screens have refreshed (Changes).
    changes_applied = Signal(object)

    def __init__(self, desk: Desk, today: dt.date | None = None,
                 settings: QSettings | None = None):
        super().__init__()
        #: The register; with ``today`` given, every use case works as if it were that day.
        self.desk = as_of(desk, today)
        self.settings = settings or QSettings("DecisionDesk", "DecisionDesk")
        self.setWindowTitle(f"Decision Desk — {decisions.register_location(desk)}")
        self.resize(1280, 800)

        self.today_view = TodayView(self.desk)
        self.register_view = RegisterView(self.desk)
        self.decision_view = DecisionView(self.desk)
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
        #: Long work the window itself runs (a backup): its progress, in the status bar.
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.count_label)
        #: The backup running in the background (None when none is).
        self.backup_job: CollectionOp | None = None

        self._actions()
        self.today_view.open_target.connect(self.open_target)
        self.register_view.open_decision.connect(self.open_decision)
        for screen in (self.decision_view, self.meetings_view):
            screen.changed.connect(
                lambda changes, screen=screen: self.apply_changes(changes, screen))
        self.meetings_view.show_document.connect(self.show_document)
        self.nav.setCurrentRow(0)
        self.update_status()
        self._restore_layout()

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
        count follows the decisions."""
        if not changes:
            return
        for screen in self.screens:
            if screen is not initiator:
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
        super().closeEvent(event)


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
    the log with their traceback and shown in :func:`crash_dialog`; the window goes on."""

    def hook(kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
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
    follow_colour_scheme(app)
    return app


def start_window(desk: Desk) -> tuple[QApplication, MainWindow]:
    """The application and its main window, shown (the event loop not yet running). The
    crash handler is in place before the window is built: a fault in a slot while it is
    being built is logged and shown too."""
    app = application()
    install_fault_handler()
    window = MainWindow(desk)
    window.show()
    return app, window


def show_fault(exc: BaseException) -> None:
    """The crash dialog for a fault the window's own handler never saw: one that stopped
    the window starting (the command line logs it, prints it, then calls this: started
    from a desktop icon, nobody reads standard error)."""
    QApplication.instance() or QApplication(sys.argv)
    crash_dialog(type(exc), exc, exc.__traceback__).exec()


def run_window(desk: Desk) -> int:
    """Open the window and run it until it closes; the exit code.

    A fault raised while the window is built (:func:`start_window`) goes back to the
    command line (``ui.cli``), which tells a register's failure from a fault, logs and
    prints it, and shows :func:`show_fault` (or, for a refusal, :func:`start_up_error`).
    Once it is built, the crash handler shows faults over the window."""
    app, window = start_window(desk)
    install_fault_handler(window)
    return app.exec()
