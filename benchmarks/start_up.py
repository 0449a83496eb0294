"""Start-up time: the frozen app (``make dist``) next to ``python main.py`` (``make run``),
measured the same way: the wall time of a whole process, the median of several runs, for
``--version`` and for the window (started offscreen on the demo register, quitting once it
is shown and its start-up work is done: ``DECISION_DESK_QUIT_AFTER_START``).

    python benchmarks/start_up.py [--frozen dist/decision-desk] [--runs 7]

Prints figures (wall time, and processor time, which a busy machine disturbs less);
asserts nothing. Unix only (it reads the processor time with ``resource``)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(command: list[str], env: dict[str, str], runs: int
          ) -> tuple[float, float, list[float]]:
    """The median wall time, the median processor time (user and system: steadier on a
    busy machine) and each run's wall time."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), cpu_seconds()
        subprocess.run(command, env=env, check=True, capture_output=True, cwd=env["HOME"])
        walls.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus), walls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / "decision-desk")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    executable = args.frozen / ("decision-desk.exe" if sys.platform == "win32"
                                else "decision-desk")
    if not executable.is_file():
        print(f"No frozen app at {args.frozen}: `make dist` first.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "LANG": "C.UTF-8",
               "QT_QPA_PLATFORM": "offscreen"}
        register = str(Path(home) / "register.sqlite")
        subprocess.run([str(executable), "--db", register, "demo"], env=env, check=True,
                       capture_output=True)
        window = {**env, "DECISION_DESK_QUIT_AFTER_START": "1"}
        source = [sys.executable, str(ROOT / "main.py")]
        rows = [
            ("frozen --version", [str(executable), "--version"], env),
            ("python main.py --version", [*source, "--version"], env),
            ("frozen window shown", [str(executable), "--db", register], window),
            ("python main.py window shown", [*source, "--db", register], window),
        ]
        timed(rows[0][1], env, 1)  # the first run reads the files from disk
        print(f"{'median of ' + str(args.runs):<30} {'wall s':>7} {'cpu s':>6}   wall per run (s)")
        for name, command, run_env in rows:
            wall, cpu, walls = timed(command, run_env, args.runs)
            print(f"{name:<30} {wall:7.2f} {cpu:6.2f}   {' '.join(f'{t:.2f}' for t in walls)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
