"""How long does the window take to start? From the process's start (as the kernel
records it) until the window is up with Today's and the Register's first rows, the
screen it opens on painted: what a clerk waits for after double-clicking the icon.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window_start.py --db PATH|URL
        prints, last, ``window ready in S s`` (a register file, or a team's shared register:
        postgresql://USER@HOST/DBNAME)
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window_start.py --db A --db B \\
            [--runs 5]
        starts the window over each register --runs times (after one run each to warm the
        caches), each in a process of its own, alternately, and prints their medians
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window_start.py --compare \\
            [--folder DIR] [--decisions 50000] [--runs 5]
        makes (or reuses) the demo register and a 50,000-decision one in DIR
        (benchmarks/search_50k.py), starts the window over each --runs times, each in a
        process of its own, alternately, and prints both medians and their ratio.

The window starts as ``python main.py --db PATH|URL`` starts it (the same command-line
path, ``ui.app.start_window`` with main.py's launcher as its opener of registers; on a
shared register the window listens for other officers' changes too); the consistency
check that Today runs in the background is timed too (it arrives after the window is
ready).
"""

from __future__ import annotations

import os
import sys
import time


def since_process_start() -> float:
    """Seconds since the kernel started this process (Linux: /proc/self/stat's start
    time in clock ticks since boot, against CLOCK_BOOTTIME)."""
    fields = open("/proc/self/stat").read().rsplit(")", 1)[1].split()
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return time.clock_gettime(time.CLOCK_BOOTTIME) - started


import argparse  # noqa: E402
import dataclasses  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
READY = "window ready in "


def measure(location: str) -> int:
    """Start the window over ``location`` (a file's path or a shared register's URL) the
    way ``main.py --db PATH|URL`` does; print when it is ready (last), and when the
    background check arrived."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject, QTimer

    import main as composition
    from governance.today import WORK_SECTIONS
    from ui import app, cli
    from ui.logs import configure_logging

    lines: list[str] = []

    class Painted(QObject):
        seen = False

        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                Painted.seen = True
            return False

    def run_window(desk) -> int:
        qt, window = app.start_window(desk, composed)
        watch = Painted()  # whichever of the two the window opens on (its last screen)
        window.today_view.tree.viewport().installEventFilter(watch)
        window.register_view.table.viewport().installEventFilter(watch)
        ready: list[float] = []

        def check() -> None:
            today, register = window.today_view, window.register_view
            rows = register.model.rowCount() or register.model.total == 0  # (an empty one)
            if not ready and Painted.seen and today.tree.topLevelItemCount() and rows:
                ready.append(since_process_start())
                work = sum(today.count(s) for s in WORK_SECTIONS)
                rows_shown = sum(top.childCount() for top in (
                    today.tree.topLevelItem(i) for i in range(today.tree.topLevelItemCount())))
                lines.append(f"at ready: {work:,} entries of work on Today ({rows_shown} rows"
                             f" shown), {register.model.rowCount()} rows loaded of"
                             f" {register.model.total:,} in the Register")
                lines.append(f"ready at {time.time():.3f} (wall clock)")
            if ready and not today.problems_pending:
                lines.append(f"consistency problems ({len(today.problems)}) arrived"
                             f" {since_process_start():.2f} s after the start")
                if window.shared:
                    listener = window.listener
                    listening = listener is not None and listener.listening.is_set()
                    lines.append(f"listening to the shared register's changes: {listening}")
                qt.quit()
                return
            QTimer.singleShot(1, check)

        QTimer.singleShot(0, check)
        qt.exec()
        window.close()
        lines.append(f"{READY}{ready[0]:.2f} s")
        return 0

    configure_logging(composition.log_file())
    # main.py's own launcher, with the window started and timed here.
    composed = composition.launcher()
    launcher = dataclasses.replace(composed, run_window=run_window)
    code = cli.run(["--db", location], launcher)
    print("\n".join(lines))
    return code


def _one_run(location: str | Path) -> tuple[float, float]:
    """(seconds the child measured, seconds from just before it was spawned until it
    was ready, by the wall clock)."""
    spawned = time.time()
    out = subprocess.run([sys.executable, __file__, "--db", str(location)], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout.splitlines()
    ready_at = next(float(line.split()[2]) for line in out if line.startswith("ready at "))
    return float(out[-1].removeprefix(READY).split()[0]), ready_at - spawned


def compare(folder: Path, decisions: int, runs: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    demo, big = folder / "demo.sqlite", folder / f"{decisions // 1000}k.sqlite"
    if not demo.exists():
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(demo), "demo"],
                       check=True, cwd=ROOT, capture_output=True)
    if not big.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "search_50k.py"), "--db",
                        str(big), "--decisions", str(decisions), "--build-only"],
                       check=True, cwd=ROOT)
    _one_run(demo)  # warm the file cache and the imports' bytecode
    _one_run(big)
    times: dict[Path, list[tuple[float, float]]] = {demo: [], big: []}
    for _ in range(runs):
        for path in (demo, big):
            times[path].append(_one_run(path))
    medians = {}
    for path, label in ((demo, "demo register"), (big, f"{decisions:,}-decision register")):
        own = [t for t, _ in times[path]]
        wall = [w for _, w in times[path]]
        medians[path] = statistics.median(own)
        print(f"{label} ({path.stat().st_size / 2**20:.0f} MB): median {medians[path]:.2f} s"
              f" from process start [{', '.join(f'{t:.2f}' for t in own)}];"
              f" from spawning, by the wall clock: median {statistics.median(wall):.2f} s")
    print(f"ratio {medians[big] / medians[demo]:.2f} ({decisions:,} decisions / demo)")


def side_by_side(locations: list[str], runs: int) -> None:
    """Each register's start-up, ``runs`` times each, alternately: the medians."""
    for location in locations:
        _one_run(location)  # warm the caches and the imports' bytecode
    times: dict[str, list[tuple[float, float]]] = {loc: [] for loc in locations}
    for _ in range(runs):
        for location in locations:
            times[location].append(_one_run(location))
    for location in locations:
        own = [t for t, _ in times[location]]
        wall = [w for _, w in times[location]]
        print(f"{location}: median {statistics.median(own):.2f} s from process start"
              f" [{', '.join(f'{t:.2f}' for t in own)}]; from spawning, by the wall clock:"
              f" median {statistics.median(wall):.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", metavar="PATH|URL",
                        help="the register to start the window over: a file, or a shared"
                             " register's URL (again: another, side by side with --runs)")
    parser.add_argument("--compare", action="store_true",
                        help="the demo register against a large one, --runs times each")
    parser.add_argument("--folder", type=Path, help="where the registers for --compare are"
                        " (made if missing; default: a new temporary folder)")
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=None,
                        help="how many starts of each (default: 5 with --compare; with --db,"
                             " one start measured in this process)")
    args = parser.parse_args()
    if args.compare:
        compare(args.folder or Path(tempfile.mkdtemp()), args.decisions, args.runs or 5)
        return 0
    if not args.db:
        parser.error("give --db PATH|URL, or --compare")
    if args.runs is not None or len(args.db) > 1:
        side_by_side(args.db, args.runs or 5)
        return 0
    return measure(args.db[0])


if __name__ == "__main__":
    sys.exit(main())
