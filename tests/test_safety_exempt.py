"""Exempt information (Schedule 12A) never reaches a public output.

One register with an exempt decision, an exempt agenda item (with its own paper), an
exempt sub-item and an exempt appendix on a public item, every text carrying a marker
word. Every output the product makes today is produced and searched (JSON as text, PDFs
as extracted text and raw bytes). Each public output must hold none of the markers; each
non-public counterpart must hold them (so this test can fail: a marker the search could
not see would prove nothing).

The outputs: the public export and pack, ``show``, ``list`` (text, JSON, CSV), ``check``,
the public calendar, the published Record of Decision and report cover (PDF and Word),
the public agenda front sheet, the Forward Plan, the Work Programme, the statutory notices
(private meeting, its confirmation, general exception, special urgency), the public
minutes (PDF and Word, and the minutes use case itself), the Today screen and the
Documents screen's public versions. To add one: append a ``Producer`` to PRODUCERS
with what it must never show, and, for a new kind of document, its full version to
COUNTERPARTS.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from governance import minutes
from governance.desk import Desk
from governance.exchange import import_file
from main import main
from tests.conftest import ASC, open_desk
from tests.fake_documents import FakeDocuments

EXEMPT = "23/00120"

#: The exempt decision's record (reasons, implications, parts, delegation...).
BODY = {"QUOKKABODY", "QUOKKAMONEY", "QUOKKALEGAL", "QUOKKAPART", "QUOKKADELEGATE",
        "QUOKKACONSULT", "QUOKKAALTERNATIVE"}
#: What names exempt matter: the decision's title and number, exempt items' titles and
#: descriptions, exempt papers' titles.
NAMES = {"QUOKKATITLE", EXEMPT, "QUOKKAITEM", "QUOKKAITEMDESC", "QUOKKASUBITEM",
         "QUOKKAAPPENDIXTITLE", "QUOKKAITEMPAPERTITLE"}
#: What is inside exempt papers.
PAPERS = {"QUOKKAAPPENDIXTEXT", "QUOKKAITEMPAPERTEXT"}
#: What the minutes record of exempt business: the minute typed on the exempt item and on
#: the exempt sub-item, and a declaration of interest in the exempt item.
MINUTES = {"QUOKKAMINUTE", "QUOKKASUBMINUTE", "QUOKKADECLARED"}
EVERYTHING = BODY | NAMES | PAPERS | MINUTES


def _document(sample_doc: dict[str, Any]) -> dict[str, Any]:
    doc = sample_doc
    doc["decisions"].append({
        "number": EXEMPT, "title": "Disposal of QUOKKATITLE Farm",
        "decision_maker": "Cabinet Member for Adult Social Care and Public Health",
        "key_decision": True, "key_decision_criteria": ["expenditure"],
        "exempt_paragraph": 3,
        "parts": [{"verb": "AGREE", "text": "the sale to QUOKKAPART Ltd for the sum set out"},
                  {"verb": "DELEGATE", "text": "authority to complete the QUOKKADELEGATE sale",
                   "delegation": {"post": "General Counsel", "scope": "QUOKKADELEGATE terms",
                                  "conditions": None}}],
        "reasons": "The bid of QUOKKABODY is the best consideration reasonably obtainable.",
        "financial_implications": "A receipt of QUOKKAMONEY pounds.",
        "legal_implications": "Section 123 advice: QUOKKALEGAL.",
        "consultation": "The committee discussed QUOKKACONSULT in private.",
        "alternatives": "Holding the land (QUOKKAALTERNATIVE) was rejected.",
        # On its way to the committee without notice or assessments: the Today screen
        # and the calendar have something to say about it.
        "route": "committee",
        # What the general exception and special urgency notices print (not exempt).
        "urgency_reason": "The option lapses; the Chairman of the Scrutiny Committee agreed.",
        "committee_considerations": [{"committee": ASC, "date": "2023-11-23",
                                      "outcome": "endorsed"}],
        "status": "proposed", "expected_on": "2024-01"})
    # On the Forward Plan beside it, with the exempt appendix on its agenda item.
    doc["decisions"][0]["expected_on"] = "2024-01-18"
    items = doc["meetings"][0]["items"]
    items[1]["papers"] = ["papers/report.pdf",
                          {"path": "papers/appendix-b.pdf",
                           "title": "Appendix B QUOKKAAPPENDIXTITLE", "exempt_paragraph": 3}]
    items[2]["items"].append({"title": "QUOKKASUBITEM lease", "exempt_paragraph": 5})
    items.append({"title": "QUOKKAITEM: disposal of land", "decision": EXEMPT,
                  "description": "To consider QUOKKAITEMDESC", "exempt_paragraph": 3,
                  "papers": [{"path": "papers/exempt-report.pdf",
                              "title": "Report QUOKKAITEMPAPERTITLE"}]})
    return doc


def _papers(make_pdf: Callable[[str], bytes]) -> dict[str, bytes]:
    return {"papers/report.pdf": make_pdf("The public report on winter pressures"),
            "papers/appendix-b.pdf": make_pdf("Confidential prices QUOKKAAPPENDIXTEXT"),
            "papers/exempt-report.pdf": make_pdf("Valuation QUOKKAITEMPAPERTEXT")}


@pytest.fixture
def reg(register: Desk, sample_doc, write_doc, make_pdf, tmp_path: Path) -> Desk:
    import_file(register, write_doc(tmp_path / "in", _document(sample_doc),
                                    _papers(make_pdf)))
    return register


# --- reading what an output holds -------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return text + "\n" + data.decode("latin-1")  # and the raw bytes, for uncompressed text


def _docx_text(data: bytes) -> str:
    """A Word file's text as Word shows it (python-docx: body, tables, headers and
    footers), and every XML part of it as stored (properties, comments, anything)."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts += [z.read(name).decode("utf-8", "replace") for name in z.namelist()]
    return "\n".join(parts)


def _ics_text(text: str) -> str:
    """An iCalendar file as a calendar reads it (folded lines joined, TEXT unescaped: a
    marker split by folding would otherwise be missed), and as stored."""
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    unescaped = re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], unfolded)
    return unescaped + "\n" + text


def _file_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return _pdf_text(data)
    if data.startswith(b"PK"):
        return _docx_text(data)
    text = data.decode("utf-8")
    return _ics_text(text) if text.startswith("BEGIN:VCALENDAR") else text


def _run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    assert code in (0, 1), err.getvalue()  # check exits 1 when it finds errors
    assert "Traceback" not in err.getvalue()
    return out.getvalue() + err.getvalue()


@dataclass(frozen=True)
class Producer:
    """An output: ``make(register path, a folder to write in)`` gives all its text."""

    name: str
    make: Callable[[Path, Path], str]
    #: Markers that must never appear in it.
    never: frozenset[str]


def _export(public: bool) -> Callable[[Path, Path], str]:
    def make(db: Path, out: Path) -> str:
        flags = ["--public"] if public else []
        _run("--db", str(db), "export", str(out / "register.json"), *flags)
        return "\n".join(_file_text(p) for p in sorted(out.rglob("*")) if p.is_file())
    return make


def _pack(public: bool) -> Callable[[Path, Path], str]:
    def make(db: Path, out: Path) -> str:
        flags = ["--public"] if public else []
        _run("--db", str(db), "render", "pack", "--committee", ASC, "--date", "2023-11-23",
             "-o", str(out / "pack.pdf"), *flags)
        return _pdf_text((out / "pack.pdf").read_bytes())
    return make


def _show(number: str, *flags: str) -> Callable[[Path, Path], str]:
    return lambda db, out: _run("--db", str(db), "show", number, *flags)


def _written(*args: str, name: str) -> Callable[[Path, Path], str]:
    """A command that writes ``-o``/FILE ``name`` in the output folder: the file's text and
    what the command printed."""
    def make(db: Path, out: Path) -> str:
        printed = _run("--db", str(db), *[str(out / name) if a == "{out}" else a for a in args])
        return _file_text(out / name) + "\n" + printed
    return make


def _calendar(*flags: str) -> Callable[[Path, Path], str]:
    return _written("calendar", "{out}", *flags, name="calendar.ics")


def _document_of(what: str, fmt: str, *flags: str) -> Callable[[Path, Path], str]:
    return _written("render", what, EXEMPT, "--format", fmt, "-o", "{out}", *flags,
                    name=f"{what}.{fmt}")


#: A day the Today screen has something to say about the exempt decision (Forward Plan
#: notice due, waiting for signature, assessments missing).
TODAY = dt.date(2023, 10, 4)


def _today_view(db: Path, out: Path) -> str:
    """Every text the Today screen shows or gives a screen reader: the heading and, for
    every entry, each column's text, tooltip and accessible text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.today_view import TodayView

    app = QApplication.instance() or QApplication([])
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.WhatsThisRole,
             Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole)
    register = open_desk(db)
    try:
        view = TodayView(register, today=TODAY)
        view.show()
        deadline = time.monotonic() + 30  # the consistency problems arrive from a thread
        while view.problems_pending and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        assert not view.problems_pending, "the Today screen's check never reported"
        app.processEvents()
        texts = [view.heading.text(), view.tree.accessibleName()]
        tree = view.tree
        pending = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while pending:
            item = pending.pop()
            pending += [item.child(i) for i in range(item.childCount())]
            texts += [str(item.data(c, role)) for c in range(tree.columnCount())
                      for role in roles if item.data(c, role) is not None]
        view.close()
        view.deleteLater()
    finally:
        register.close()
    return "\n".join(texts)


def _documents_screen(kind: str, fmt: str, public: bool = True) -> Callable[[Path, Path], str]:
    """The Documents screen's build of ``kind`` (for the exempt decision, or the meeting),
    with its Public version box ticked or not: the document's text and the screen's
    message."""
    def make(db: Path, out: Path) -> str:
        import time

        from PySide6.QtWidgets import QApplication

        from ui.documents_view import DocumentsView

        app = QApplication.instance() or QApplication([])
        register = open_desk(db)
        try:
            view = DocumentsView(register)
            view.kind.setCurrentIndex(view.kind.findData(kind))
            view.number.setText(EXEMPT)
            assert view.select_meeting(ASC, dt.date(2023, 11, 23))
            view.format.setCurrentIndex(view.format.findData(fmt))
            view.public.setChecked(public)
            view.build()
            deadline = time.monotonic() + 30
            while view.job is not None and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.01)
            assert view.result is not None, view.message.text()
            text = _pdf_text(view.result) if fmt == "pdf" else _docx_text(view.result)
            texts = [text, view.message.text(), view.request.file_name]
            view.close()
            view.deleteLater()
        finally:
            register.close()
        return "\n".join(texts)
    return make


def _agenda(fmt: str, *flags: str) -> Callable[[Path, Path], str]:
    return _written("render", "agenda", "--committee", ASC, "--date", "2023-11-23",
                    "--format", fmt, "-o", "{out}", *flags, name=f"agenda.{fmt}")


def _forward_plan(fmt: str) -> Callable[[Path, Path], str]:
    return _written("render", "forward-plan", "--from", "2023-12-01", "--to", "2024-03-31",
                    "--format", fmt, "-o", "{out}", name=f"forward-plan.{fmt}")


def _work_programme(fmt: str) -> Callable[[Path, Path], str]:
    return _written("render", "work-programme", "--committee", ASC, "--from", "2023-11-01",
                    "--format", fmt, "-o", "{out}", name=f"work-programme.{fmt}")


def _notice(kind: str, fmt: str) -> Callable[[Path, Path], str]:
    return _written("render", "notice", "--kind", kind, "--decision", EXEMPT, "--format",
                    fmt, "-o", "{out}", name=f"notice-{kind}.{fmt}")


def _minuted(db: Path) -> None:
    """The meeting of 23 November 2023 minuted: the exempt item (4, about the exempt
    decision, whose endorsement the register words from its parts), the exempt sub-item
    (3b) and a declaration of interest in the exempt item."""
    meeting = ["--committee", ASC, "--date", "2023-11-23"]
    _run("--db", str(db), "meeting", "minute", *meeting, "--item", "4", "--text",
         "The valuer explained QUOKKAMINUTE.")
    _run("--db", str(db), "meeting", "minute", *meeting, "--item", "3b", "--text",
         "The lease to QUOKKASUBMINUTE was agreed.")
    _run("--db", str(db), "meeting", "declare", *meeting, "--item", "4", "--member",
         "Mr D Ross", "--text", "a friend bid for QUOKKADECLARED farm")


def _minutes(fmt: str, public: bool) -> Callable[[Path, Path], str]:
    """``render minutes`` (the document adapter: Renderer.minutes, templates/minutes.py)."""
    def make(db: Path, out: Path) -> str:
        _minuted(db)
        return _written("render", "minutes", "--committee", ASC, "--date", "2023-11-23",
                        "--format", fmt, "-o", "{out}", *(["--public"] if public else []),
                        name=f"minutes.{fmt}")(db, out)
    return make


def _minutes_use_case(public: bool) -> Callable[[Path, Path], str]:
    """The minutes as the use case makes them (every word of the document, before any
    renderer) and as the stand-in documents print them."""
    def make(db: Path, out: Path) -> str:
        _minuted(db)
        register = open_desk(db)
        try:
            made = minutes.minutes(register, ASC, dt.date(2023, 11, 23), public=public)
            printed = FakeDocuments().minutes(made, register.store.council(), "docx")
        finally:
            register.close()
        return repr(made) + "\n" + printed.decode("utf-8")
    return make


NOTICES = [(kind, fmt) for kind in ("private", "private-confirmation", "general-exception",
                                    "special-urgency") for fmt in ("pdf", "docx")]
PUBLIC = frozenset(EVERYTHING)
#: The Forward Plan lists an exempt decision by number, title and paragraph only: nothing
#: of its record, its agenda item or any exempt paper.
FORWARD_PLAN = frozenset(EVERYTHING - {EXEMPT, "QUOKKATITLE"})
#: Listings for the clerk name the register's exempt decisions (as the Forward Plan
#: does) but never carry their text or their papers.
LISTING = frozenset(BODY | PAPERS)

PRODUCERS: list[Producer] = [
    Producer("export --public (JSON and papers/)", _export(public=True), PUBLIC),
    Producer("export - --public (standard output)",
             lambda db, out: _run("--db", str(db), "export", "-", "--public"), PUBLIC),
    Producer("render pack --public", _pack(public=True), PUBLIC),
    *[Producer(f"show {n}{' --json' if j else ''}", _show(n, *(["--json"] if j else [])),
               PUBLIC)
      for n in ("23/00098", "23/00077", "23/00101") for j in (False, True)],
    Producer("list --json", lambda db, out: _run("--db", str(db), "list", "--json"), LISTING),
    Producer("list", lambda db, out: _run("--db", str(db), "list"), LISTING),
    Producer("list --search QUOKKAMONEY --json",
             lambda db, out: _run("--db", str(db), "list", "--search", "QUOKKAMONEY",
                                  "--json"), LISTING),
    Producer("check --json", lambda db, out: _run("--db", str(db), "check", "--json"),
             LISTING),
    Producer("check", lambda db, out: _run("--db", str(db), "check"), LISTING),
    Producer("list --csv", lambda db, out: _run("--db", str(db), "list", "--csv"), LISTING),
    Producer("list --csv -o FILE", _written("list", "--csv", "-o", "{out}",
                                            name="register.csv"), LISTING),
    Producer("list --csv --search QUOKKAMONEY",
             lambda db, out: _run("--db", str(db), "list", "--csv", "--search",
                                  "QUOKKAMONEY"), LISTING),
    Producer("calendar FILE --public", _calendar("--public"), PUBLIC),
    Producer("calendar - --public",
             lambda db, out: _ics_text(_run("--db", str(db), "calendar", "-", "--public")),
             PUBLIC),
    Producer("calendar FILE --public --committee",
             _calendar("--public", "--committee", ASC), PUBLIC),
    # The published record and cover of an exempt decision keep its number and title.
    *[Producer(f"render {what} {EXEMPT} --format {fmt} --public",
               _document_of(what, fmt, "--public"), LISTING)
      for what in ("record", "cover") for fmt in ("pdf", "docx")],
    Producer("the Today screen", _today_view, LISTING),
    *[Producer(f"render agenda --format {fmt} --public", _agenda(fmt, "--public"), PUBLIC)
      for fmt in ("pdf", "docx")],
    *[Producer(f"render forward-plan --format {fmt}", _forward_plan(fmt), FORWARD_PLAN)
      for fmt in ("pdf", "docx", "csv")],
    # The Work Programme names an exempt item's key decision as the Forward Plan does.
    *[Producer(f"render work-programme --format {fmt}", _work_programme(fmt), FORWARD_PLAN)
      for fmt in ("pdf", "docx")],
    # A notice names the decision and says why it is private by paragraph, as the plan.
    *[Producer(f"render notice --kind {kind} --format {fmt}", _notice(kind, fmt),
               FORWARD_PLAN) for kind, fmt in NOTICES],
    # The public minutes leave the exempt minutes out, naming them by number only.
    *[Producer(f"render minutes --format {fmt} --public", _minutes(fmt, public=True),
               PUBLIC) for fmt in ("pdf", "docx")],
    Producer("the public minutes (use case)", _minutes_use_case(public=True), PUBLIC),
    *[Producer(f"the Documents screen: {what} ({fmt})", _documents_screen(what, fmt),
               FORWARD_PLAN)
      for what, fmt in (("notice_private", "pdf"), ("notice_special_urgency", "docx"))],
    # The Documents screen with Public version ticked: the same rules as the commands.
    *[Producer(f"the Documents screen: public {what} ({fmt})",
               _documents_screen(what, fmt), LISTING)
      for what, fmt in (("record", "pdf"), ("record", "docx"), ("cover", "pdf"))],
    *[Producer(f"the Documents screen: public {what} ({fmt})",
               _documents_screen(what, fmt), PUBLIC)
      for what, fmt in (("agenda", "pdf"), ("agenda", "docx"), ("pack", "pdf"),
                        ("public_pack", "pdf"))],
]

#: The full versions: they must show the markers (else the search above proves nothing).
COUNTERPARTS: list[tuple[str, Callable[[Path, Path], str], frozenset[str]]] = [
    # (The interchange does not carry the minute books.)
    ("export (full)", _export(public=False), frozenset(EVERYTHING - MINUTES)),
    ("render pack (full)", _pack(public=False),
     frozenset(PAPERS | {"QUOKKAITEM", "QUOKKAAPPENDIXTITLE", "QUOKKASUBITEM"})),
    (f"show {EXEMPT} --json", _show(EXEMPT, "--json"), frozenset(BODY | {"QUOKKATITLE"})),
    (f"show {EXEMPT}", _show(EXEMPT), frozenset(BODY | {"QUOKKATITLE"})),
    ("calendar (full)", _calendar(),
     frozenset({EXEMPT, "QUOKKATITLE", "QUOKKAITEM", "QUOKKASUBITEM", "QUOKKAAPPENDIXTITLE"})),
    *[(f"render {what} {EXEMPT} --format {fmt}", _document_of(what, fmt),
       frozenset(BODY | {"QUOKKATITLE"} if what == "record" else
                 {"QUOKKATITLE", "QUOKKAPART", "QUOKKADELEGATE", "QUOKKAITEMDESC"}))
      for what in ("record", "cover") for fmt in ("pdf", "docx")],
    *[(f"render agenda --format {fmt}", _agenda(fmt),
       frozenset({"QUOKKAITEM", "QUOKKAITEMDESC", "QUOKKASUBITEM", "QUOKKAAPPENDIXTITLE"}))
      for fmt in ("pdf", "docx")],
    ("the Documents screen: record (pdf)", _documents_screen("record", "pdf", public=False),
     frozenset(BODY)),
    ("the Documents screen: pack (pdf)", _documents_screen("pack", "pdf", public=False),
     frozenset(PAPERS | {"QUOKKAITEM", "QUOKKAITEMDESC"})),
    # The Forward Plan lists the exempt decision (by number and title), so its absence of
    # everything else above means something.
    *[(f"render forward-plan --format {fmt} (its exempt entry)", _forward_plan(fmt),
       frozenset({EXEMPT, "QUOKKATITLE"})) for fmt in ("pdf", "docx", "csv")],
    *[(f"render work-programme --format {fmt} (its exempt item)", _work_programme(fmt),
       frozenset({EXEMPT, "QUOKKATITLE"})) for fmt in ("pdf", "docx")],
    *[(f"render notice --kind {kind} --format {fmt} (names the exempt decision)",
       _notice(kind, fmt), frozenset({EXEMPT, "QUOKKATITLE"})) for kind, fmt in NOTICES],
    # The full minutes print the exempt minutes (the decision's parts in the resolution).
    *[(f"render minutes --format {fmt} (its exempt minutes)", _minutes(fmt, public=False),
       frozenset(MINUTES | {EXEMPT, "QUOKKAITEM", "QUOKKASUBITEM", "QUOKKAPART"}))
      for fmt in ("pdf", "docx")],
    ("the full minutes (use case)", _minutes_use_case(public=False),
     frozenset(MINUTES | {EXEMPT, "QUOKKAITEM", "QUOKKASUBITEM", "QUOKKAPART"})),
    # The search finds the exempt decision on the Today screen (by title), so its absence
    # of body text above means something.
    ("the Today screen", _today_view, frozenset({EXEMPT, "QUOKKATITLE"})),
]


@pytest.mark.parametrize("producer", PRODUCERS, ids=[p.name for p in PRODUCERS])
def test_no_public_output_carries_exempt_text(reg: Desk, tmp_path: Path,
                                             producer: Producer) -> None:
    assert reg.store.path is not None
    out = tmp_path / "out"
    out.mkdir()
    text = producer.make(reg.store.path, out)
    assert text.strip(), f"{producer.name} produced nothing to search"
    leaked = sorted(m for m in producer.never if m in text)
    assert leaked == [], f"{producer.name} shows exempt matter: {leaked}"


@pytest.mark.parametrize("name, make, markers", COUNTERPARTS,
                         ids=[c[0] for c in COUNTERPARTS])
def test_the_full_outputs_do_carry_it(reg: Desk, tmp_path: Path, name: str,
                                      make: Callable[[Path, Path], str],
                                      markers: frozenset[str]) -> None:
    assert reg.store.path is not None
    out = tmp_path / "out"
    out.mkdir()
    text = make(reg.store.path, out)
    missing = sorted(m for m in markers if m not in text)
    assert missing == [], f"{name} should show (and the search should find) {missing}"


def test_every_marker_is_looked_for_somewhere() -> None:
    shown = set().union(*(markers for _, _, markers in COUNTERPARTS))
    assert shown == EVERYTHING
