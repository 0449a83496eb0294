"""Screenshots of each screen over the demo register, for the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

The demo register is loaded into a temporary database; "today" is 1 November 2023,
three weeks before the 23 November 2023 meeting, so Today has deadlines to show. Every
screen is shot on the light palette; the main ones again on a dark palette
(``NAME-dark.png``).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from db.sqlite_store import SqliteStore  # noqa: E402
from governance import exchange, minutes  # noqa: E402
from governance.desk import Desk  # noqa: E402
from main import make_desk  # noqa: E402
from tests.certificates import self_signed_pkcs12  # noqa: E402
from ui.app import MainWindow  # noqa: E402
from ui.attendance_dialog import AttendanceDialog  # noqa: E402
from ui.tones import dark_palette  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)


def _window(app: QApplication, tmp: Path, name: str) -> tuple[Desk, MainWindow]:
    path = tmp / f"{name}.sqlite"
    desk = make_desk(SqliteStore.open(path), path)
    exchange.load_demo(desk)
    settings = QSettings(str(tmp / f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(desk, today=dt.date(2023, 11, 1), settings=settings)
    window.resize(1400, 860)
    window.show()
    _wait(app, lambda: not window.today_view.problems_pending)
    return desk, window


def _wait(app: QApplication, done, timeout: float = 60) -> None:
    """Run the event loop until ``done()`` (background work has reported)."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def screens(app: QApplication, window: MainWindow, suffix: str, every_tab: bool) -> None:
    """Today, the register (and a search), the decision's tabs, a meeting and a
    document, each saved as ``NAME{suffix}.png``."""

    def shot(name: str) -> None:
        _settle(app)
        path = OUT / f"{name}{suffix}.png"
        window.grab().save(str(path), "PNG", 0)
        print(path)

    shot("today")
    window.show_screen(1)
    shot("register")
    if every_tab:
        window.register_view.search.setText("care strategy")
        window.register_view.apply_filter()
        shot("register-search")
        window.register_view.search.clear()
        window.register_view.apply_filter()
    window.open_decision("23/00098")
    view = window.decision_view
    if every_tab:  # an EqIA document kept with the decision (a stand-in file)
        eqia = Path(tempfile.mkdtemp()) / "EqIA - Urgent and Emergency Care Support Fund.pdf"
        eqia.write_bytes(b"%PDF-1.4 stand-in for the assessment")
        view.assessment_files["eqia"].attach(eqia)
    tabs = {"decision-record": view.tabs.widget(0), "decision-parts": view.tabs.widget(1),
            "decision-implications": view.tabs.widget(2),
            "decision-assessments": view.tabs.widget(3),
            "decision-committee": view.tabs.widget(4),
            "decision-history": view.tabs.widget(6)}
    for name, tab in list(tabs.items()) if every_tab else list(tabs.items())[:1]:
        view.tabs.setCurrentWidget(tab)
        shot(name)
    if every_tab:  # a taken decision signed from its Signed records tab
        window.open_decision("17/00053")
        view.tabs.setCurrentWidget(view.record_files)
        folder = Path(tempfile.mkdtemp())
        self_signed_pkcs12(folder / "dan.p12", "demo passphrase")
        view.record_files.sign(folder / "dan.p12", "demo passphrase",
                               folder / "Record of Decision 17-00053.pdf")
        _wait(app, lambda: view.record_files.job is None)
        shot("decision-signed")
    view.tabs.setCurrentIndex(0)
    window.meetings_view.open_meeting("Adult Social Care Cabinet Committee",
                                      dt.date(2023, 11, 23))
    window.show_screen(3)
    _wait(app, lambda: not window.meetings_view.places_pending)
    shot("meetings")
    if every_tab:
        minutes_screens(app, window, shot)
    window.meetings_view.front_sheet_button.click()
    documents = window.documents_view
    _wait(app, lambda: documents.job is None and documents.preview.page_count >= 3)
    _settle(app)
    # The front sheet's first page is a title page: show the second, with the items.
    second = documents.preview.widget().findChildren(QLabel)[1]
    documents.preview.verticalScrollBar().setValue(second.y() - 12)
    shot("documents")


def minutes_screens(app: QApplication, window: MainWindow, shot) -> None:
    """The Minutes tab on the meeting day (23 November 2023), the attendance recorded as
    Kent minuted its September 2023 meeting, an item's minute being typed; then Council ▸
    Attendance… for 2023/24 (``attendance.png``)."""
    view = window.meetings_view
    view.today_override = NOV  # the clerk types as the meeting goes
    desk = view.desk
    minutes.set_attendance(
        desk, ASC, NOV,
        present=["Mr A M Ridgers", "Mrs P T Cole", "Ms S Hamilton", "Ms J Meade", "Mr D Ross",
                 "Mr T L Shonk", "Mr R G Streatfeild, MBE", "Ms L Wright", "Mr A Brady",
                 "Mrs L Game", "Jenni Hawkins", "Mr A Kennedy"],
        substitutes=["Mr J Meade=Mr Cole", "Mrs L Parfitt-Reid=Mr Dendor"],
        also_present=["Mr D Watkins"], virtual=["Jenni Hawkins"],
        in_attendance=["Richard Smith (Corporate Director of Adult Social Care and Health)",
                       "Dominic Westhoff (Democratic Services Officer)"])
    minutes.declare(desk, ASC, NOV, "7", "Mr D Ross", "His daughter works for a care"
                    " provider in Kent.")
    minutes.set_minute(desk, ASC, NOV, "7", text=(
        "1. Mr Smith introduced the report, which set out the pressures on adult social care"
        " over the winter and the plan to meet them.\n\n2. In response to comments and"
        " questions from Members, it was said that the funding would be spent by March."),
        resolved="endorsed")
    view.open_meeting(ASC, NOV)
    view.tabs.setCurrentWidget(view.minutes_panel)
    panel = view.minutes_panel
    panel.items.setCurrentRow(next(i for i in range(panel.items.count())
                                   if "(Item 7)" in panel.items.item(i).text()))
    shot("meetings-minutes")
    view.tabs.setCurrentIndex(0)
    dialog = AttendanceDialog(desk, ASC, window)
    dialog.show()
    _settle(app)
    path = OUT / "attendance.png"
    dialog.grab().save(str(path), "PNG", 0)
    print(path)
    dialog.close()
    view.today_override = None


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    tmp = Path(tempfile.mkdtemp())
    OUT.mkdir(parents=True, exist_ok=True)
    for suffix, palette, every_tab in (("", QPalette(), True), ("-dark", dark_palette(), False)):
        app.setPalette(palette)
        _settle(app)
        desk, window = _window(app, tmp, f"demo{suffix}")
        screens(app, window, suffix, every_tab)
        window.close()
        desk.close()


if __name__ == "__main__":
    main()
