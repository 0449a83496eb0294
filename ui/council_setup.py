"""The main window's part in setting a council up: the Council menu (Set up your
council…, and one entry a tab of :class:`~ui.council_dialog.CouncilDialog`), the first
start on an empty register (two ways: load the demo register, or set up your council),
and the banner shown while the register holds the demo.

The register remembers it was loaded with the demo (``load_demo`` marks it); the banner
stays until the clerk names their own council (Council ▸ Set up your council…, or
``council set --name``), which takes the mark off. Loading the demo runs in the
background (its papers are laid out as PDFs) with its progress in the status bar."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from governance import council, exchange
from governance.desk import Changes, Desk, Done
from ui.council_dialog import TABS, CouncilDialog
from ui.operations import CollectionOp, Failure, Progress
from ui.tones import set_tone

log = logging.getLogger(__name__)

EMPTY_TEXT = ("This register is empty. Load the demo register to try Decision Desk on a"
              " real council's papers (Kent County Council's Adult Social Care Cabinet"
              " Committee, marked as demo data), or set up your own council: its name,"
              " posts, members, committees and meetings.")
DEMO_TEXT = ("Demo register: Kent County Council's Adult Social Care Cabinet Committee with"
             " its published papers, to try things on. It is not your council's register:"
             " start your own with a new register, or name your council in Council ▸ Set up"
             " your council… to make this one yours.")
MENU_ENTRIES = {"Council": "Set &up your council…", "Posts": "&Posts and holders…",
                "Members": "&Members…", "Committees": "&Committees…",
                "Meetings": "&Schedule meetings…"}


class CouncilSetUp(QObject):
    """Added to a main window (its ``desk``, ``menuBar``, central widget, status bar,
    ``apply_changes`` and ``changes_applied``): the Council menu, the first-start panel and
    the demo banner above the screens."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window: Any = window
        #: The demo being loaded in the background (None when it is not).
        self.demo_job: CollectionOp | None = None
        self.dialog: CouncilDialog | None = None

        self.start_panel = QFrame()
        self.start_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.start_panel.setAccessibleName("An empty register")
        self.start_text = QLabel(EMPTY_TEXT)
        self.start_text.setWordWrap(True)
        self.load_demo_button = QPushButton("Load the &demo register")
        self.load_demo_button.clicked.connect(self.load_demo)
        self.set_up_button = QPushButton("Set up &your council…")
        self.set_up_button.clicked.connect(lambda: self.prompt("Council"))
        panel = QVBoxLayout(self.start_panel)
        panel.addWidget(self.start_text)
        row = QHBoxLayout()
        row.addWidget(self.load_demo_button)
        row.addWidget(self.set_up_button)
        row.addStretch(1)
        panel.addLayout(row)

        self.demo_banner = QLabel(DEMO_TEXT)
        self.demo_banner.setAccessibleName("Demo register")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.demo_banner.setMargin(6)
        font = self.demo_banner.font()
        font.setBold(True)
        self.demo_banner.setFont(font)

        screens = window.takeCentralWidget()
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start_panel)
        layout.addWidget(self.demo_banner)
        layout.addWidget(screens, 1)
        window.setCentralWidget(holder)

        bar = window.menuBar()
        self.menu = QMenu("&Council", window)
        help_menu = next((a for a in bar.actions() if a.text() == "&Help"), None)
        bar.insertMenu(help_menu, self.menu) if help_menu is not None else \
            bar.addMenu(self.menu)
        self.actions: dict[str, QAction] = {}
        for tab, text in MENU_ENTRIES.items():
            action = QAction(text, window)
            action.triggered.connect(lambda _=False, tab=tab: self.prompt(tab))
            self.menu.addAction(action)
            self.actions[tab] = action
        assert set(MENU_ENTRIES) == set(TABS)
        window.changes_applied.connect(self.update)
        self.update()

    @property
    def desk(self) -> Desk:
        return self.window.desk

    def update(self, _changes: Changes | None = None) -> None:
        """The first-start panel while the register is empty, the banner while it is the
        demo."""
        empty = council.needs_setting_up(self.desk)
        self.start_panel.setVisible(empty and self.demo_job is None)
        demo = council.is_demo(self.desk)
        self.demo_banner.setVisible(demo)
        if demo:
            set_tone(self.demo_banner, "attention")

    # --- the demo ----------------------------------------------------------------------------

    def load_demo(self) -> CollectionOp | None:
        """Load the demo register in the background (it is marked as the demo)."""
        if self.demo_job is not None:
            return None
        status = self.window.statusBar()

        def load(desk: Desk, progress: Progress) -> Done:
            progress(0, "Loading the demo register…")
            return exchange.load_demo(desk)

        def ended() -> None:
            self.demo_job = None
            self.update()

        def done(made: Done) -> None:
            ended()
            status.showMessage(made.message, 15000)

        def failed(failure: Failure) -> None:
            ended()
            status.showMessage(f"The demo register was not loaded: {failure}", 15000)

        self.demo_job = CollectionOp(self.window, self.desk, load, self.window.apply_changes)
        self.demo_job.success(done).failure(failed)
        self.start_panel.hide()
        status.showMessage("Loading the demo register…")
        return self.demo_job.run_in_background()

    # --- setting up ------------------------------------------------------------------------

    def council_dialog(self, tab: str = "Council") -> CouncilDialog:
        """The set-up dialog on ``tab``, its changes reaching every screen as they are
        made."""
        dialog = CouncilDialog(self.desk, self.window, tab)
        dialog.changed.connect(self.window.apply_changes)
        return dialog

    def prompt(self, tab: str = "Council") -> None:
        dialog = self.council_dialog(tab)
        self.dialog = dialog
        dialog.exec()
        self.dialog = None
        dialog.deleteLater()
        self.update()
