"""A clerk's day in the window, compressed: open every demo decision in turn, switch
screens and tabs, search the register, many times over. Prints the time per round and
how Python's reference count of None moved (a faulty Qt binding drops references until
the interpreter aborts; see tests/test_qt_binding.py).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/soak_window.py [ROUNDS]
"""

from __future__ import annotations

import datetime as dt
import gc
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from db.sqlite_store import SqliteStore  # noqa: E402
from governance import decisions, exchange  # noqa: E402
from main import make_desk  # noqa: E402
from ui.app import MainWindow  # noqa: E402


def settle(app: QApplication) -> None:
    """What the event loop does between a clerk's clicks: pending events, and the widgets
    Qt deleted later (a table's cell widgets) really deleted. Without a running loop
    (``app.exec()``) processEvents alone never deletes them."""
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    app = QApplication.instance() or QApplication(sys.argv)
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "soak.sqlite"
    desk = make_desk(SqliteStore.open(path), path)
    exchange.load_demo(desk)
    window = MainWindow(desk, today=dt.date(2023, 11, 1),
                        settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    window.show()
    numbers = [s.number for s in decisions.summaries(desk)]
    start_refs = sys.getrefcount(None)
    gc.collect()
    start_objects = len(gc.get_objects())
    times = []
    for r in range(rounds):
        started = time.perf_counter()
        for n in numbers:
            window.open_decision(n)
            for t in range(window.decision_view.tabs.count()):
                window.decision_view.tabs.setCurrentIndex(t)
            settle(app)
        for screen in range(5):
            window.show_screen(screen)
            settle(app)
        window.register_view.search.setText(("care", "strategy", "")[r % 3])
        window.register_view.apply_filter()
        times.append(time.perf_counter() - started)
    drift = sys.getrefcount(None) - start_refs
    gc.collect()
    objects = len(gc.get_objects()) - start_objects
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{rounds} rounds of {len(numbers)} decisions x {window.decision_view.tabs.count()}"
          f" tabs, 5 screens and a search: median {statistics.median(times) * 1000:.0f} ms"
          f" a round; references to None moved by {drift:+d} (start {start_refs});"
          f" Python objects {objects:+d}; peak memory {rss_mb:.0f} MB")
    window.close()
    desk.close()


if __name__ == "__main__":
    main()
