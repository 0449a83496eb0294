"""Render 100 Records of Decision to PDF and to Word, and convert the same Word files to
PDF with LibreOffice in the same run (what a clerk does today): per-record times and
the ratio.

    .venv/bin/python benchmarks/render_records.py [--count 100] [--cold 5]

LibreOffice (``soffice``, e.g. ``apt-get install libreoffice-writer-nogui``) is needed
only for the comparison; without it the two renderers are still timed. It is measured
twice: one ``soffice --convert-to pdf`` run over all the Word files (start-up shared),
and ``--cold`` separate runs of one file each (a clerk converting one record).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.sqlite_store import SqliteStore  # noqa: E402
from governance import decisions, records  # noqa: E402
from governance.exchange import load_demo  # noqa: E402
from main import make_desk  # noqa: E402


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--cold", type=int, default=5,
                        help="single-file LibreOffice conversions to time (0: none)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dd-bench-"))
    try:
        path = work / "register.sqlite"
        register = make_desk(SqliteStore.open(path), path)
        load_demo(register)
        numbers = [d.number for d in decisions.all_decisions(register) if d.parts]
        chosen = [numbers[i % len(numbers)] for i in range(args.count)]
        # Warm up (font loading, imports) so that the figures are per record, not per run.
        records.render(register, "record", chosen[0], "pdf")
        records.render(register, "record", chosen[0], "docx")

        pdf_times, docx_times = [], []
        (work / "docx").mkdir()
        for i, number in enumerate(chosen):
            seconds, _ = _timed(lambda n=number: records.render(register, "record", n, "pdf"))
            pdf_times.append(seconds)
            seconds, data = _timed(lambda n=number: records.render(register, "record", n,
                                                                   "docx"))
            docx_times.append(seconds)
            (work / "docx" / f"record-{i:03d}.docx").write_bytes(data)
        register.close()

        def row(name: str, times: list[float]) -> str:
            return (f"{name:44} {statistics.mean(times) * 1000:8.1f} ms/record"
                    f"  (median {statistics.median(times) * 1000:.1f}, total"
                    f" {sum(times):.2f} s)")

        print(f"{args.count} Records of Decision ({len(set(chosen))} demo decisions in turn)")
        print(row("Decision Desk, PDF (reportlab, tagged)", pdf_times))
        print(row("Decision Desk, Word (docxtpl)", docx_times))
        ours = statistics.mean(pdf_times)

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            print("LibreOffice is not installed (soffice not found): no comparison.")
            return 0
        files = sorted((work / "docx").glob("*.docx"))
        profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
        subprocess.run([soffice, profile, "--headless", "--terminate_after_init"],
                       capture_output=True, timeout=300)  # first start creates the profile
        seconds, done = _timed(lambda: subprocess.run(
            [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
             str(work / "lo-batch"), *map(str, files)], capture_output=True, timeout=1800))
        converted = len(list((work / "lo-batch").glob("*.pdf")))
        batch = seconds / max(converted, 1)
        print(f"{'LibreOffice, same Word files, one batch run':44} {batch * 1000:8.1f}"
              f" ms/record  ({converted} converted in {seconds:.2f} s)")
        cold = []
        for path in files[:args.cold]:
            seconds, _ = _timed(lambda p=path: subprocess.run(
                [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
                 str(work / "lo-cold"), str(p)], capture_output=True, timeout=300))
            cold.append(seconds)
        if cold:
            print(row(f"LibreOffice, one file per run ({len(cold)} runs)", cold))
        print(f"Ratio, LibreOffice batch / Decision Desk PDF: {batch / ours:.1f}x")
        if cold:
            print(f"Ratio, LibreOffice one file / Decision Desk PDF:"
                  f" {statistics.mean(cold) / ours:.1f}x")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
