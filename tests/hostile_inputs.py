"""Inputs a real register meets sooner or later, built for the tests and the benchmarks:
text of any length in any field, and the means to render every document of a register in
a process of its own, so that a renderer that never finishes fails a test (at its time
limit) instead of hanging the run.

    python -m tests.hostile_inputs REGISTER OUTDIR   # renders everything, prints pages
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from db.sqlite_store import SqliteStore
from governance import decisions, documents, exchange, meetings, records
from governance.interchange import InterchangeError
from main import make_desk
from tests.conftest import open_desk

ROOT = Path(__file__).resolve().parent.parent

_WORDS = ("the council will commission additional care capacity across every district"
          " so that people leaving hospital are supported at home within two days of"
          " being medically fit and the budget is monitored monthly by the directorate"
          ).split()

#: The interchange keys whose values are free text (names included): what a clerk types.
FREE_TEXT = frozenset({
    "name", "title", "holder", "phone", "email", "party", "honours", "venue", "clerk",
    "proper_officer", "description", "text", "scope", "conditions", "reasons",
    "financial_implications", "legal_implications", "equalities_implications",
    "data_protection_implications", "consultation", "alternatives", "interests_declared",
    "signed_off_by", "recommendations", "urgency_reason", "signed_by", "report_author",
    "relevant_director", "decision_maker", "post", "member", "committee"})


def words(count: int, paragraph_every: int = 0) -> str:
    """``count`` words of plain English, in sentences of twelve words; with
    ``paragraph_every``, a new paragraph (a blank line) after so many words."""
    out: list[str] = []
    for i in range(count):
        word = _WORDS[i % len(_WORDS)]
        out.append(word.capitalize() if i % 12 == 0 else word)
        if i % 12 == 11 or i == count - 1:
            out[-1] += "."
        if paragraph_every and i % paragraph_every == paragraph_every - 1 and i < count - 1:
            out[-1] += "\n\n"
    return " ".join(out).replace("\n\n ", "\n\n")


def lengthen(doc: dict[str, Any], count: int) -> dict[str, Any]:
    """``doc`` with every free-text value (and every party group's name) made ``count``
    words longer, the same value always the same way (references still hold)."""
    made: dict[str, str] = {}

    def long(text: str) -> str:
        if text not in made:
            made[text] = f"{text} {words(count)}"
        return made[text]

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == "party_seats" and isinstance(item, dict):
                    out[key] = {long(k): v for k, v in item.items()}
                elif key in FREE_TEXT and isinstance(item, str):
                    out[key] = long(item)
                else:
                    out[key] = walk(item)
            return out
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(copy.deepcopy(doc))


def agenda_of(items: int, doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` whose first meeting's agenda has ``items`` more items, each described."""
    doc = copy.deepcopy(doc)
    agenda = doc["meetings"][0]["items"]
    for i in range(items):
        agenda.append({"title": f"Item of business {i + 1}: {words(12)}",
                       "description": words(40)})
    return doc


def import_into(folder: Path, doc: dict[str, Any], name: str = "register.sqlite") -> Path:
    """A new register file in ``folder`` with the interchange document ``doc`` imported
    (written as ``in.json`` there, its papers beside it); the register's path."""
    (folder / "in.json").write_text(json.dumps(doc), encoding="utf-8")
    desk = open_desk(folder / name)
    try:
        exchange.import_file(desk, folder / "in.json")
    finally:
        desk.close()
    return folder / name


def refused_import(folder: Path, doc: dict[str, Any]) -> str:
    """What importing ``doc`` into a new register in ``folder`` is refused with (it must
    be, leaving the register empty)."""
    (folder / "in.json").write_text(json.dumps(doc), encoding="utf-8")
    desk = open_desk(folder / "refused.sqlite")
    try:
        try:
            exchange.import_file(desk, folder / "in.json")
        except InterchangeError as exc:
            assert desk.store.is_empty()
            return str(exc)
        raise AssertionError("the import was not refused")
    finally:
        desk.close()


def render_everything(register: Path, out: Path) -> dict[str, int]:
    """Every document the register can make, written into ``out``: for each decision its
    record (PDF and Word, full and public) and cover (PDF and Word); for each meeting its
    front sheet (PDF and Word) and pack (full and public). Returns each file's name and
    its page count (Word: 0)."""
    desk = make_desk(SqliteStore.open(register), register)
    pages: dict[str, int] = {}
    try:
        for d in decisions.all_decisions(desk):
            stem = d.number.replace("/", "-")
            for kind in ("record", "cover"):
                for fmt in ("pdf", "docx"):
                    for public in (False, True) if kind == "record" else (False,):
                        name = f"{kind}-{stem}{'-public' if public else ''}.{fmt}"
                        data = records.render(desk, kind, d.number, fmt, public=public)
                        (out / name).write_bytes(data)
                        pages[name] = (len(PdfReader(io.BytesIO(data)).pages)
                                       if fmt == "pdf" else 0)
        for m in meetings.meeting_list(desk):
            details = meetings.meeting(desk, m.committee, m.date)
            stem = m.date.isoformat()
            for fmt in ("pdf", "docx"):
                data = documents.front_sheet(desk, details, fmt)
                (out / f"front-{stem}.{fmt}").write_bytes(data)
                pages[f"front-{stem}.{fmt}"] = (len(PdfReader(io.BytesIO(data)).pages)
                                                if fmt == "pdf" else 0)
            for public in (False, True):
                built = documents.pack(desk, details, public=public)
                name = f"pack-{stem}{'-public' if public else ''}.pdf"
                (out / name).write_bytes(built.pdf)
                pages[name] = built.total_pages
    finally:
        desk.close()
    return pages


def render_in_process(register: Path, out: Path, timeout: float) -> dict[str, int]:
    """:func:`render_everything` in a process of its own, ended (and the test failed with
    :class:`subprocess.TimeoutExpired`) if it has not finished within ``timeout`` seconds."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "tests.hostile_inputs", str(register),
                           str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"rendering failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


if __name__ == "__main__":
    start = time.perf_counter()
    result = render_everything(Path(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps(result))
    print(f"{time.perf_counter() - start:.2f}", file=sys.stderr)
