"""Long texts: the Record of Decision (PDF and Word) with 1,000, 5,000 and 20,000 words in
its Reasons field, and the front sheet and pack of a meeting with a 200-item agenda;
seconds (median of the runs) and pages for each, and seconds per 1,000 words (per item),
which stays level when time grows linearly with the text.

    .venv/bin/python benchmarks/long_texts.py [--runs 3] [--words 1000,5000,20000]
                                              [--items 50,100,200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from governance import documents, meetings, records  # noqa: E402
from governance.desk import Desk  # noqa: E402
from governance.exchange import import_file  # noqa: E402
from tests.conftest import _SAMPLE, open_desk  # noqa: E402
from tests.hostile_inputs import agenda_of, words  # noqa: E402

ASC = "Adult Social Care Cabinet Committee"


def _register(folder: Path, name: str, doc: dict) -> Desk:
    (folder / f"{name}.json").write_text(json.dumps(doc), encoding="utf-8")
    desk = open_desk(folder / f"{name}.sqlite")
    import_file(desk, folder / f"{name}.json")
    return desk


def _median(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", default="1000,5000,20000")
    parser.add_argument("--items", default="50,100,200")
    args = parser.parse_args()
    counts = [int(x) for x in args.words.split(",") if x.strip()]
    items = [int(x) for x in args.items.split(",") if x.strip()]

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("Reasons  record PDF s  pages  s/1000 words  record Word s  s/1000 words")
        for count in counts:
            doc = dict(_SAMPLE, decisions=[dict(_SAMPLE["decisions"][0],
                                                reasons=words(count))] + _SAMPLE["decisions"][1:])
            desk = _register(folder, f"words-{count}", doc)
            try:
                records.render(desk, "record", "23/00098", "pdf")  # fonts, imports
                pdf_s, pdf = _median(lambda d=desk: records.render(d, "record", "23/00098",
                                                                   "pdf"), args.runs)
                docx_s, _ = _median(lambda d=desk: records.render(d, "record", "23/00098",
                                                                  "docx"), args.runs)
            finally:
                desk.close()
            print(f"{count:7,d}  {pdf_s:12.3f}  {_pages(pdf):5d}  {1000 * pdf_s / count:12.4f}"
                  f"  {docx_s:13.3f}  {1000 * docx_s / count:12.4f}")

        print("\nagenda items  front sheet s  pages  pack s  pack pages  s/item (pack)")
        for count in items:
            desk = _register(folder, f"items-{count}", agenda_of(count, _SAMPLE))
            try:
                details = meetings.meeting(desk, ASC, _date())
                front_s, front = _median(lambda d=desk, m=details: documents.front_sheet(
                    d, m, "pdf"), args.runs)
                pack_s, pack = _median(lambda d=desk, m=details: documents.pack(d, m),
                                       args.runs)
            finally:
                desk.close()
            print(f"{count:12d}  {front_s:13.3f}  {_pages(front):5d}  {pack_s:6.3f}"
                  f"  {pack.total_pages:10d}  {pack_s / count:13.4f}")
    return 0


def _date() -> dt.date:
    return dt.date.fromisoformat(_SAMPLE["meetings"][0]["date"])


if __name__ == "__main__":
    sys.exit(main())
