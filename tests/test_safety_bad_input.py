"""Bad input and a hostile machine: an output folder that cannot be written, a full disk
(simulated) under an export, a document, a backup and the register itself, a paper that is
not a PDF. Each gives one clear line and changes nothing: no file changed, none left
behind, the register as it was."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import governance.files
from db import connection, sqlite_store
from governance import decisions
from governance.desk import Desk
from governance.errors import (
    RegisterBusy,
    RegisterFull,
    RegisterRefused,
    RegisterUnavailable,
    RegisterUnusable,
)
from governance.exchange import export_file, export_text, import_file
from governance.files import PART_RE
from main import main
from tests.conftest import ASC, open_desk


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (temporary ones too) and a hash of its content."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def with_papers(sample_doc: dict[str, Any], write_doc, make_pdf, register: Desk,
                tmp_path: Path) -> Desk:
    """The sample register with three papers on the 23/00098 item."""
    item = sample_doc["meetings"][0]["items"][1]
    item["papers"] = ["papers/report.pdf", "papers/appendix-a.pdf",
                      {"path": "papers/appendix-b.pdf", "title": "Appendix B",
                       "exempt_paragraph": 3}]
    files = {f"papers/{n}.pdf": make_pdf(n) for n in ("report", "appendix-a", "appendix-b")}
    import_file(register, write_doc(tmp_path / "in", sample_doc, files))
    return register


@pytest.fixture
def earlier_export(with_papers: Desk, tmp_path: Path, make_pdf) -> Path:
    """A folder holding an earlier export whose papers differ from today's."""
    out = tmp_path / "out"
    out.mkdir()
    export_file(with_papers, out / "register.json")
    for name in ("report.pdf", "appendix-a.pdf"):
        (out / "papers" / name).write_bytes(make_pdf(f"last week's {name}"))
    (out / "register.json").write_text("last week's export\n", encoding="utf-8")
    return out


class FullDisk:
    """``os.fdopen`` in governance.files, giving files whose writes fail with ENOSPC once
    ``allowed`` files have been written."""

    def __init__(self, allowed: int):
        self.allowed = allowed
        self.opened = 0
        self.real = os.fdopen

    def __call__(self, fd: int, *args: Any, **kwargs: Any) -> Any:
        f = self.real(fd, *args, **kwargs)
        self.opened += 1
        if self.opened <= self.allowed:
            return f

        class Full:
            def __enter__(self_inner) -> Any:
                return self_inner

            def __exit__(self_inner, *exc: object) -> None:
                f.close()

            def write(self_inner, data: bytes) -> int:
                f.write(data[: len(data) // 2])  # some of it reaches the disk, then no more
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def __getattr__(self_inner, name: str) -> Any:
                return getattr(f, name)

        return Full()


@pytest.mark.parametrize("allowed", [0, 1, 2, 3])
def test_a_full_disk_during_an_export_changes_nothing(
        with_papers: Desk, earlier_export: Path, capsys, monkeypatch, allowed: int) -> None:
    """The disk fills after ``allowed`` of the four files (three papers, then the JSON)."""
    before = _tree(earlier_export)
    monkeypatch.setattr(governance.files.os, "fdopen", FullDisk(allowed))
    code = main(["--db", str(with_papers.store.path), "export",
                 str(earlier_export / "register.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"export: {earlier_export}") and "No space left on device" in err
    assert _tree(earlier_export) == before  # not one byte changed, no .part left


def test_a_full_disk_during_a_public_export_to_a_new_folder_leaves_no_folder(
        with_papers: Desk, tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "public"
    out.mkdir()
    monkeypatch.setattr(governance.files.os, "fdopen", FullDisk(1))
    assert main(["--db", str(with_papers.store.path), "export", "--public",
                 str(out / "public.json")]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert list(out.iterdir()) == []


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """``folder`` and the folders in it refuse new files: by their permissions, or, where
    those do not bind (root writes anywhere), by refusing the temporary file every output
    starts as there, as a read-only folder would."""
    folders = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
    with pytest.MonkeyPatch.context() as mp:
        if os.name == "posix" and os.geteuid() != 0:
            for f in folders:
                f.chmod(0o555)
        else:
            real = tempfile.mkstemp

            def refuse(*args: Any, dir: str | None = None, **kwargs: Any) -> Any:
                if dir is not None and Path(dir).is_relative_to(folder):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
                return real(*args, dir=dir, **kwargs)

            mp.setattr(tempfile, "mkstemp", refuse)
        try:
            yield
        finally:
            for f in folders:
                f.chmod(0o755)


@contextlib.contextmanager
def full_disk(allowed: int = 0) -> Iterator[None]:
    """The disk is full: after ``allowed`` files for those written through governance.files (see
    :class:`FullDisk`), at once for SQLite writing a temporary file (a backup being made),
    which then reports "database or disk is full"."""
    real_connect = sqlite3.connect

    def nearly_full(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(database, *args, **kwargs)
        if PART_RE.match(Path(str(database)).name):
            conn.execute("PRAGMA max_page_count = 1")
        return conn

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(governance.files.os, "fdopen", FullDisk(allowed))
        mp.setattr(sqlite3, "connect", nearly_full)
        yield


def test_an_unwritable_output_folder_gives_one_line_and_changes_nothing(
        with_papers: Desk, earlier_export: Path, capsys) -> None:
    before = _tree(earlier_export)
    with unwritable(earlier_export):
        code = main(["--db", str(with_papers.store.path), "export",
                     str(earlier_export / "register.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Permission denied" in err
    assert str(earlier_export) in err
    assert _tree(earlier_export) == before


def test_a_full_disk_under_the_register_refuses_the_import_and_changes_nothing(
        sample_doc: dict[str, Any], write_doc, tmp_path: Path, capsys, monkeypatch) -> None:
    """SQLite reports a full disk ("database or disk is full") when the file cannot grow:
    a page limit on the connection simulates it."""
    path = tmp_path / "register.sqlite"
    reg = open_desk(path)
    try:
        before = export_text(reg)
    finally:
        reg.close()
    real_connect = sqlite_store.connect

    def nearly_full(p: Any, check: bool = True) -> Any:
        db = real_connect(p, check)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 2}")
        return db

    monkeypatch.setattr(sqlite_store, "connect", nearly_full)
    sample_doc["decisions"] += [{"number": f"24/{i:05d}", "title": f"Decision {i}",
                                 "reasons": "Because. " * 200} for i in range(1, 51)]
    source = write_doc(tmp_path / "in", sample_doc)
    code = main(["--db", str(path), "import", str(source)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and "full" in err
    monkeypatch.undo()
    reg = open_desk(path)
    try:
        assert export_text(reg) == before
        assert decisions.audit_trail(reg) == []
        import_file(reg, source)  # with room again, the same file imports
        assert len(decisions.all_decisions(reg)) == 53
    finally:
        reg.close()


@pytest.mark.parametrize("content, said", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "is not a PDF file: it is a PNG image"),
    (b"PK\x03\x04" + b"\x00" * 64, "is not a PDF file: it is a ZIP archive"),
    (b"Minutes of the meeting held on ...", "is not a PDF file"),
    (b"%PDF-1.4\n%%EOF\n", "is damaged"),
    (b"", "is empty (0 bytes)"),
])
def test_a_paper_that_is_not_a_pdf_is_refused_and_nothing_is_imported(
        sample_doc: dict[str, Any], write_doc, register: Desk, tmp_path: Path, capsys,
        content: bytes, said: str) -> None:
    sample_doc["meetings"][0]["items"][1]["papers"] = ["papers/report.pdf"]
    source = write_doc(tmp_path / "in", sample_doc, {"papers/report.pdf": content})
    before = export_text(register)
    code = main(["--db", str(register.store.path), "import", str(source)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{source}: meetings[0].items[1].papers[0].path: 'papers/report.pdf'" in err
    assert said in err
    assert export_text(register) == before
    assert decisions.audit_trail(register) == []


@dataclass(frozen=True)
class Output:
    """A command that writes one document (or a backup) to ``file_name``."""

    file_name: str
    argv: Callable[[Path], list[str]]
    older: bytes  # what an earlier run left at the output path

    def __str__(self) -> str:
        return self.file_name


def _render(*what: str) -> Callable[[Path], list[str]]:
    return lambda out: ["render", *what, "-o", str(out)]


_MEETING = ("--committee", ASC, "--date", "2023-11-23")
OUTPUTS = [
    Output("record.pdf", _render("record", "23/00098", "--format", "pdf"), b"%PDF-1.7 last week"),
    Output("record.docx", _render("record", "23/00098", "--format", "docx"), b"PK last week"),
    Output("cover.pdf", _render("cover", "23/00098", "--format", "pdf"), b"%PDF-1.7 last week"),
    Output("cover.docx", _render("cover", "23/00098", "--format", "docx"), b"PK last week"),
    Output("agenda.pdf", _render("agenda", *_MEETING, "--format", "pdf"), b"%PDF-1.7 last week"),
    Output("agenda.docx", _render("agenda", *_MEETING, "--format", "docx"), b"PK last week"),
    Output("pack.pdf", _render("pack", *_MEETING), b"%PDF-1.7 last week's pack"),
    Output("register.sqlite", lambda out: ["backup", str(out)], b"SQLite format 3\x00 last week"),
]
#: What each failure says (the operating system's words; SQLite's for a backup).
FAULTS = {"unwritable": ("Permission denied",),
          "full-disk": ("No space left on device", "the disk is full")}


@pytest.mark.parametrize("older", [False, True], ids=["new-file", "older-file"])
@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("output", OUTPUTS, ids=str)
def test_a_document_that_cannot_be_written_gives_one_line_and_changes_nothing(
        with_papers: Desk, tmp_path: Path, capsys, output: Output, fault: str,
        older: bool) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    target = folder / output.file_name
    if older:
        target.write_bytes(output.older)
    before, register = _tree(folder), export_text(with_papers)
    with unwritable(folder) if fault == "unwritable" else full_disk():
        code = main(["--db", str(with_papers.store.path), *output.argv(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert str(target) in err, err
    assert any(reason in err for reason in FAULTS[fault]), err
    assert str(with_papers.store.path) not in err  # the register is not to blame
    assert _tree(folder) == before  # the older file as it was; nothing new, no .part left
    assert export_text(with_papers) == register
    # Nothing else was wrong: with the folder writable and room on the disk it is written.
    assert main(["--db", str(with_papers.store.path), *output.argv(target)]) == 0
    assert target.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04", b"SQLi")
    assert {p.name for p in folder.iterdir()} == {output.file_name}


# --- which of SQLite's failures are the register's condition -----------------------------------


def _sqlite_error(kind: type[sqlite3.Error], code: int | None, text: str) -> sqlite3.Error:
    exc = kind(text)
    if code is not None:  # as SQLite raises it; the module's own errors carry no code
        exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize("kind, code, text, expected", [
    (sqlite3.OperationalError, sqlite3.SQLITE_BUSY, "database is locked", RegisterBusy),
    (sqlite3.OperationalError, sqlite3.SQLITE_LOCKED, "database table is locked", RegisterBusy),
    (sqlite3.OperationalError, sqlite3.SQLITE_FULL, "database or disk is full", RegisterFull),
    (sqlite3.OperationalError, sqlite3.SQLITE_IOERR_WRITE, "disk I/O error",
     RegisterUnavailable),
    (sqlite3.OperationalError, sqlite3.SQLITE_READONLY,
     "attempt to write a readonly database", RegisterUnavailable),
    (sqlite3.DatabaseError, sqlite3.SQLITE_CORRUPT, "database disk image is malformed",
     RegisterUnusable),
    (sqlite3.DatabaseError, sqlite3.SQLITE_NOTADB, "file is not a database", RegisterUnusable),
    (sqlite3.IntegrityError, sqlite3.SQLITE_CONSTRAINT_TRIGGER, "a taken record is frozen",
     RegisterRefused),
    (sqlite3.IntegrityError, sqlite3.SQLITE_CONSTRAINT_UNIQUE,
     "UNIQUE constraint failed: decisions.number", RegisterRefused),
    # Faults: what SQLite says about a wrong query, misuse, the module's own errors.
    (sqlite3.OperationalError, sqlite3.SQLITE_ERROR, "no such column: numbr", None),
    (sqlite3.OperationalError, sqlite3.SQLITE_ERROR, 'near "SELEC": syntax error', None),
    (sqlite3.InterfaceError, sqlite3.SQLITE_MISUSE, "bad parameter or other API misuse", None),
    (sqlite3.ProgrammingError, None, "Cannot operate on a closed database.", None),
    (sqlite3.InterfaceError, None, "Error binding parameter 1", None),
    (sqlite3.OperationalError, None, "disk I/O error", None),  # raised by hand: no code
])
def test_only_the_registers_or_the_machines_condition_is_a_refusal(
        tmp_path: Path, kind: type[sqlite3.Error], code: int | None, text: str,
        expected: type | None) -> None:
    failure = connection.failure(_sqlite_error(kind, code, text), tmp_path / "r.sqlite")
    if expected is None:
        assert failure is None
    else:
        assert type(failure) is expected
        assert failure.detail == text and str(tmp_path / "r.sqlite") in str(failure)


def test_a_register_that_cannot_be_opened_is_not_usable(tmp_path: Path) -> None:
    exc = _sqlite_error(sqlite3.OperationalError, sqlite3.SQLITE_CANTOPEN,
                        "unable to open database file")
    failure = connection.failure(exc, tmp_path / "r.sqlite", opening=True)
    assert isinstance(failure, RegisterUnusable)
    assert str(failure) == (f"{tmp_path / 'r.sqlite'}: not a usable Decision Desk register"
                            " (unable to open database file)")

