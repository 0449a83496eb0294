"""Import and export of interchange files, and the demo register."""

from __future__ import annotations

import contextlib
import dataclasses
from importlib import resources
from pathlib import Path

from db.files import OutputError, discard, put_in_place, remove_stale_parts, stage
from db.register import ImportSummary, Register
from db.store import write_transaction
from governance.interchange import (
    dumps,
    iter_papers,
    paper_file_names,
    read_document,
    to_dict,
)


def import_file(register: Register, path: Path) -> ImportSummary:
    """Check the whole file first, then add it in one transaction: all or nothing.

    The check against what the register holds runs inside the same write transaction as
    the insert, so another writer cannot add a clashing name between the two."""
    with write_transaction(register.db):
        doc = read_document(Path(path), register.known_names())
        return register.import_document(doc, source="import")


def export_text(register: Register, public: bool = False) -> str:
    return dumps(to_dict(register.document(), public=public))


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


def export_file(register: Register, path: Path, public: bool = False) -> int:
    """Write the JSON and its papers (in ``papers/`` beside it). Returns papers written."""
    path = Path(path)
    doc = register.document()
    data = to_dict(doc, public=public)
    names = paper_file_names(doc, public)
    papers = [p for m in doc.meetings for p in iter_papers(m.items, public)]
    folder = path.parent / "papers"
    # What an export killed mid-write (power cut, task manager) left behind.
    remove_stale_parts(path.parent if str(path.parent) else Path("."))
    remove_stale_parts(folder)
    # Every file is written to a temporary name first; only when all are on disk are they
    # renamed into place. A failure while writing (full disk, no permission) changes nothing.
    staged: list[tuple[Path, Path]] = []  # (temporary file, where it goes)
    made_folder = False
    try:
        if papers:
            if not folder.is_dir():
                try:
                    folder.mkdir()
                except OSError as exc:
                    raise OutputError(f"{folder}: cannot write here ({exc.strerror})") from None
                made_folder = True
            targets: set[str] = set()  # papers with the same content share a file
            for paper in papers:
                if names[id(paper)] not in targets:
                    targets.add(names[id(paper)])
                    target = folder / names[id(paper)]
                    staged.append((stage(target, paper.content or b""), target))
        staged.append((stage(path, dumps(data).encode("utf-8")), path))
    except OutputError:
        for tmp, _ in staged:
            discard(tmp)
        if made_folder:
            _remove_empty(folder)
        raise
    # Papers first, the JSON that names them last. A rename that fails (the target is a
    # folder, say) takes back the papers this export added.
    new = [target for _, target in staged if not target.exists()]
    for i, (tmp, target) in enumerate(staged):
        try:
            put_in_place(tmp, target)
        except OutputError:
            for rest, _ in staged[i + 1:]:
                discard(rest)
            for added in new:
                if added != target:
                    discard(added)
            if made_folder:
                _remove_empty(folder)
            raise
    return len(papers)


def load_demo(register: Register) -> ImportSummary:
    """The demo register: the 2019 and 2023 Adult Social Care Cabinet Committee papers."""
    with resources.as_file(resources.files("db").joinpath("demo/register.json")) as path:
        doc = read_document(path, register.known_names())
    summary = register.import_document(doc, source="demo")
    from db.demo_history import record_2019_agenda

    record_2019_agenda(register)  # what the 2019 agenda printed that the format lacks
    posts = register.db.execute("SELECT count(*) FROM posts").fetchone()[0]
    return dataclasses.replace(summary, posts=posts)  # the 2019 clerk's post as well
