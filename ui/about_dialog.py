"""Help ▸ About Decision Desk: which build this is and where it keeps things (the
version, the register in use and its store, the Qt and Python it runs on, the log
folder), as text a clerk can copy into a message to IT. Also the app's icon.

Self-contained: :func:`add_about_action` puts the entry in a window's Help menu."""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from urllib.parse import urlsplit

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.logs import log_file_path
from ui.version import app_version, is_frozen

ICON = Path(__file__).resolve().parent / "icons" / "decision-desk.png"
SHARED_SCHEMES = ("postgresql", "postgres")


def app_icon() -> QIcon:
    """The app's icon (window, task bar); an empty icon if the file is missing."""
    return QIcon(str(ICON)) if ICON.is_file() else QIcon()


def shown_location(location: str) -> str:
    """A register's location as About shows it: never a password, even if one was given."""
    parts = urlsplit(location)
    if parts.scheme in SHARED_SCHEMES and parts.password is not None:
        return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", "@")).geturl()
    return location


def store_in_use(location: str) -> str:
    """Which store keeps the register at ``location``, in a clerk's words."""
    if urlsplit(location).scheme in SHARED_SCHEMES:
        return "PostgreSQL: a team's shared register"
    if location == "memory":
        return "in memory (not kept)"
    return "SQLite: a register file on this computer"


def about_facts(location: str) -> list[tuple[str, str]]:
    """(what, value) for the About box, in the order it shows them."""
    log = log_file_path()
    build = "installed build" if is_frozen() else "from the source"
    return [
        ("Version", f"{app_version()} ({build})"),
        ("Register", shown_location(location)),
        ("Store", store_in_use(location)),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("Python", f"{platform.python_version()} ({sys.platform})"),
        ("Log folder", str(log.parent) if log is not None else "none (no log is written)"),
    ]


def about_text(facts: list[tuple[str, str]]) -> str:
    return "\n".join(f"{what}: {value}" for what, value in facts)


class AboutDialog(QDialog):
    """The facts, selectable, and a button to copy them all."""

    def __init__(self, location: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About Decision Desk")
        self.setWindowIcon(app_icon())
        self.facts = about_facts(location)
        self.setMinimumWidth(560)
        picture = QLabel()
        picture.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<h2>Decision Desk {app_version()}</h2>"
                       "<p>The register of executive decisions.</p>")
        heading = QHBoxLayout()
        heading.addWidget(picture)
        heading.addWidget(title, 1)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for what, value in self.facts:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            label.setAccessibleName(what)
            form.addRow(f"{what}:", label)
            self.values[what] = label
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(about_text(self.facts))


def add_about_action(window: QMainWindow, menu: QMenu) -> QAction:
    """Help ▸ About Decision Desk on ``window`` (whose ``location`` is the register in
    use when the box is opened); the box opened last is ``window.about_dialog``."""
    action = QAction("&About Decision Desk", window)
    action.setMenuRole(QAction.MenuRole.AboutRole)

    def show() -> None:
        previous = getattr(window, "about_dialog", None)
        if previous is not None:
            previous.deleteLater()
        dialog = AboutDialog(getattr(window, "location", "memory"), window)
        window.about_dialog = dialog
        dialog.open()

    action.triggered.connect(show)
    menu.addAction(action)
    return action
