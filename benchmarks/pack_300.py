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

from db.sqlite_store import SqliteStore  # noqa: E402
from governance import documents, meetings  # noqa: E402
from governance.desk import Desk  # noqa: E402
from governance.exchange import load_demo  # noqa: E402
from main import make_desk  # noqa: E402
from templates.pack_samples import ASC, sample_paper  # noqa: E402

DATE = dt.date(2024, 1, 18)


def open_desk(path: Path) -> Desk:
    """The register at ``path`` with the ports the app puts around it."""
    return make_desk(SqliteStore.open(path), path)


def build_meeting(desk: Desk, pages: int, papers: int) -> None:
    meetings.create_meeting(desk, ASC, DATE, time="14:00", clerk="Dominic Westhoff",
                            proper_officer="General Counsel", notices=["webcasting"])
    each, extra = divmod(pages, papers)
    for i in range(papers):
        count = each + (1 if i < extra else 0)
        number, _title = meetings.add_item(desk, ASC, DATE, f"Report {i + 1} to the committee",
                                           description="To receive a report.",
                                           before=6 + i).value
        name = f"report-{i + 1:02d}.pdf"
        meetings.attach_papers(desk, ASC, DATE, number,
                               [(name, sample_paper(name, count, f"Report {i + 1}"))])


def time_pack(db: Path, out: Path, runs: int, date: dt.date = DATE
              ) -> tuple[list[float], int, int]:
    times, size, total = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        desk = open_desk(db)
        try:
            pack = documents.write_pack(desk, ASC, date, out).value
        finally:
            desk.close()
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
            desk = open_desk(db)
            try:
                load_demo(desk)
                build_meeting(desk, pages, args.papers)
            finally:
                desk.close()
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
        desk = open_desk(db)
        try:
            load_demo(desk)
        finally:
            desk.close()
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
