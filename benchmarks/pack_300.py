"""How fast is `render pack`? A 300-page pack from 12 papers (target: under 3 seconds),
and how the time grows with the number of pages. Prints figures; asserts nothing.

Builds a register from the demo register with a meeting of 12 report items, each with a
paper of report-like text (25 pages each for 300 pages; odd page counts are padded), then
times, inside the process, what the command does: read the meeting and its papers from
the register, count, write the front sheet, assemble, stamp, bookmark and write the PDF.

    .venv/bin/python benchmarks/pack_300.py [--pages 300] [--papers 12] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import meetings  # noqa: E402
from db.exchange import load_demo  # noqa: E402
from db.files import atomic_write  # noqa: E402
from db.register import Register  # noqa: E402
from templates import demo_papers  # noqa: E402
from templates.pack import build_pack  # noqa: E402
from templates.pack_samples import ASC, sample_paper  # noqa: E402

DATE = dt.date(2024, 1, 18)


def build_meeting(register: Register, pages: int, papers: int) -> None:
    meetings.create_meeting(register, ASC, DATE, time="14:00", clerk="Dominic Westhoff",
                            proper_officer="General Counsel", notices=["webcasting"])
    each, extra = divmod(pages, papers)
    for i in range(papers):
        count = each + (1 if i < extra else 0)
        number = meetings.add_item(register, ASC, DATE, f"Report {i + 1} to the committee",
                                   description="To receive a report.", before=6 + i)
        name = f"report-{i + 1:02d}.pdf"
        meetings.attach_paper(register, ASC, DATE, number,
                              sample_paper(name, count, f"Report {i + 1}"), name=name)


def time_pack(db: Path, out: Path, runs: int, date: dt.date = DATE
              ) -> tuple[list[float], int, int]:
    times, size, total = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        with Register.open(db) as register:
            details = meetings.meeting(register, ASC, date)
            pack = build_pack(details)
            atomic_write(out, pack.pdf)
        times.append(time.perf_counter() - start)
        size, total = len(pack.pdf), pack.total_pages
    return times, size, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--papers", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--growth", default="75,150,300,600,1200",
                        help="page counts for the growth table (empty for none)")
    args = parser.parse_args()
    sizes = [args.pages] + [int(x) for x in args.growth.split(",") if x.strip()
                            and int(x) != args.pages]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for pages in sizes:
            db = Path(folder) / f"bench-{pages}.sqlite"
            with Register.open(db) as register:
                load_demo(register)
                build_meeting(register, pages, args.papers)
            times, size, total = time_pack(db, Path(folder) / "pack.pdf", args.runs)
            rows.append((pages, statistics.median(times), min(times), size, total))
            if pages == args.pages:
                verdict = "under" if statistics.median(times) < 3 else "OVER"
                print(f"{args.papers} papers, {pages} pages of papers ({total} pages in the"
                      f" pack): median {statistics.median(times):.3f} s, best"
                      f" {min(times):.3f} s over {args.runs} runs; {verdict} the 3 s target;"
                      f" {size / 1e6:.1f} MB")
        # The demo's own 2023 pack: the real papers' text on the real page counts.
        db = Path(folder) / "demo.sqlite"
        with Register.open(db) as register:
            demo_papers.load_demo(register)
        times, size, total = time_pack(db, Path(folder) / "demo-pack.pdf", args.runs,
                                       dt.date(2023, 11, 23))
        print(f"The demo's 23 November 2023 pack ({total} pages, its real papers): median"
              f" {statistics.median(times):.3f} s, best {min(times):.3f} s;"
              f" {size / 1e6:.1f} MB")
    if len(rows) > 1:
        print("\npages  pack pages  median s  best s  ms/page   MB")
        for pages, median, best, size, total in sorted(rows):
            print(f"{pages:5d}  {total:10d}  {median:8.3f}  {best:6.3f}"
                  f"  {1000 * median / total:7.2f}  {size / 1e6:4.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
