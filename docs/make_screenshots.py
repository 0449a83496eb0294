"""Screenshots of each screen over the demo register, for the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

The demo register is loaded into a temporary database; "today" is 1 November 2023,
three weeks before the 23 November 2023 meeting, so Today has deadlines to show.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from db.exchange import load_demo  # noqa: E402
from db.register import Register  # noqa: E402
from ui.app import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    tmp = Path(tempfile.mkdtemp())
    register = Register.open(tmp / "demo.sqlite")
    load_demo(register)
    settings = QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(register, today=dt.date(2023, 11, 1), settings=settings)
    window.resize(1400, 860)
    window.show()

    def shot(name: str) -> None:
        app.processEvents()
        window.grab().save(str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")

    OUT.mkdir(parents=True, exist_ok=True)
    shot("today")
    window.show_screen(1)
    shot("register")
    window.register_view.search.setText("care strategy")
    window.register_view.apply_filter()
    shot("register-search")
    window.register_view.search.clear()
    window.register_view.apply_filter()
    window.open_decision("23/00098")
    for index, name in enumerate(("decision-record", "decision-parts", "decision-implications",
                                  "decision-assessments", "decision-committee",
                                  "decision-history")):
        window.decision_view.tabs.setCurrentIndex(index)
        shot(name)
    window.meetings_view.open_meeting("Adult Social Care Cabinet Committee",
                                      dt.date(2023, 11, 23))
    window.show_screen(3)
    shot("meetings")
    window.meetings_view.front_sheet_button.click()
    while window.documents_view.job is not None or window.documents_view.preview.page_count < 2:
        app.processEvents()
    window.documents_view.preview.verticalScrollBar().setValue(0)
    shot("documents")
    register.close()


if __name__ == "__main__":
    main()
