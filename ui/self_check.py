"""A check that the window starts, for the installed build's test and for timing the
start-up: with ``DECISION_DESK_QUIT_AFTER_START`` set in the environment, once the window
is shown and its start-up work in the background (Today's checks) has finished, it says
so on standard output (with its title) and quits. Not a user's option: it is in no help
text."""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.operations import any_running

QUIT_AFTER_START = "DECISION_DESK_QUIT_AFTER_START"
#: How often to look whether the start-up work has finished.
POLL_MS = 20


def quit_once_shown(app: QApplication, window: QWidget) -> None:
    if not os.environ.get(QUIT_AFTER_START):
        return

    def report_and_quit() -> None:
        if any_running():
            QTimer.singleShot(POLL_MS, report_and_quit)
            return
        # The title as its bar shows it: Qt's "[*]" is where an unsaved edit's mark goes.
        shown = window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")
        print(f"shown: {shown}" if window.isVisible() else "not shown", flush=True)
        app.quit()

    QTimer.singleShot(0, report_and_quit)
