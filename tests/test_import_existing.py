"""Importing into a register that already holds data (every store): a council exports
meeting by meeting or year by year and loads its archive after its current year. An entry
the register holds as the file has it is the same entry; one that differs is refused by
default naming the entry, the field and both values, kept with --keep-existing (the file's
own meetings keep the membership they printed) or made current with --update (audited).
Decisions and meetings with the same key must be the same. All or nothing, as always."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from governance import exchange
from governance.desk import Desk
from governance.interchange import InterchangeError
from main import main
from tests.conftest import ASC, DIRECTOR, pdf_bytes
from tests.usecase_fixtures import everything


def _write(folder: Path, data: dict[str, Any], papers: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "register.json"
    path.write_text(exchange.dumps(data), encoding="utf-8")
    for rel, content in (papers or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    return path


def _archive(sample_doc: dict[str, Any]) -> dict[str, Any]:
    """The same council's earlier year: the same posts, members and committee, but the
    director's post had another holder and the committee another membership, with a
    published meeting of its own and a decision of that year."""
    doc = copy.deepcopy(sample_doc)
    doc["posts"][0] = doc["posts"][0] | {"holder": "Anne Tidmarsh"}
    doc["members"].append({"name": "Mrs P Stockell", "party": "Conservative", "honours": None})
    doc["committees"][0]["membership"] = [
        {"member": "Mrs P Stockell", "role": "chairman"},
        {"member": "Ms L Wright", "role": "vice_chairman"},
        {"member": "Mr D Ross", "role": "member"}]
    doc["meetings"] = [{
        "committee": ASC, "date": "2017-07-20", "time": "10:00", "venue": "Darent Room",
        "clerk": "Theresa Grayell", "proper_officer": "General Counsel",
        "published_on": "2017-07-12", "notices": [],
        "items": [{"title": "Apologies and Substitutes", "standing": True},
                  {"title": "Care Home Beds Framework Extension", "decision": "17/00050"}]}]
    doc["decisions"] = [{"number": "17/00050", "title": "Care Home Beds Framework Extension",
                         "status": "draft"}]
    return doc


def test_importing_the_same_file_again_changes_nothing_and_says_so(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    before = everything(sample_desk)
    path = _write(tmp_path / "again", sample_doc)
    done = exchange.import_file(sample_desk, path)
    assert done.message == (
        f"Imported 0 decisions, 0 meetings, 0 committees, 0 members, 0 posts, 0 papers"
        f" (11 already in the register as they are in the file) from {path}.")
    assert everything(sample_desk) == before


def test_an_export_imports_again_into_the_register_it_came_from(
        sample_desk: Desk, tmp_path: Path) -> None:
    """Papers included: a paper is the same paper by its content, whatever its file name."""
    exchange.import_file(sample_desk, _write(tmp_path / "with-paper", {
        "format": "decision-register/1",
        "meetings": [{"committee": ASC, "date": "2024-01-18", "items": [
            {"title": "Pressures", "decision": "23/00098",
             "papers": [{"path": "papers/report.pdf", "title": "Report"}]}]}]},
        {"papers/report.pdf": pdf_bytes("report")}))
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "register.json"
    exchange.export_file(sample_desk, out)
    before = everything(sample_desk)
    summary = exchange.import_file(sample_desk, out).value
    assert (summary.decisions, summary.meetings, summary.papers, summary.same) == (0, 0, 0, 12)
    assert everything(sample_desk) == before


def test_an_entry_that_differs_is_refused_naming_entry_field_and_both_values(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    before = everything(sample_desk)
    path = _write(tmp_path / "archive", _archive(sample_doc))
    with pytest.raises(InterchangeError) as refused:
        exchange.import_file(sample_desk, path)
    assert str(refused.value) == (
        f"{path}: posts[0].title: the post {DIRECTOR!r} is already in the register with holder"
        " 'Richard Smith'; the file has 'Anne Tidmarsh' (import with --keep-existing to keep"
        " the register's values, or --update to make the file's current)")
    assert everything(sample_desk) == before

    same_posts = _archive(sample_doc) | {"posts": sample_doc["posts"]}
    path = _write(tmp_path / "archive-2", same_posts)
    with pytest.raises(InterchangeError) as refused:
        exchange.import_file(sample_desk, path)
    assert str(refused.value).startswith(
        f"{path}: committees[0].name: the committee {ASC!r} is already in the register with"
        " membership[0].member 'Mr A M Ridgers'; the file has 'Mrs P Stockell' (")
    assert everything(sample_desk) == before


def test_keep_existing_keeps_the_registers_values_and_the_files_meetings_their_own(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    store = sample_desk.store
    path = _write(tmp_path / "archive", _archive(sample_doc))
    done = exchange.import_file(sample_desk, path, existing=exchange.KEEP_EXISTING)
    assert done.message == (
        "Imported 1 decisions, 1 meetings, 0 committees, 1 members, 0 posts, 0 papers"
        " (5 already in the register as they are in the file; 2 differing from the file"
        f" kept as the register has them) from {path}.")
    assert store.posts()[0].holder == "Richard Smith"
    current = {c.name: c for c in store.committees()}[ASC]
    assert current.membership[0].member == "Mr A M Ridgers"
    # The 2017 agenda, rebuilt later, still shows the 2017 membership.
    recorded = store.meeting(ASC, dt.date(2017, 7, 20)).recorded
    assert [m.member for m in recorded.membership] == [
        "Mrs P Stockell", "Ms L Wright", "Mr D Ross"]


def test_update_makes_the_files_values_current_and_audits_them(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    store = sample_desk.store
    rows = len(store.audit_rows())
    archive = _archive(sample_doc)
    done = exchange.import_file(sample_desk, _write(tmp_path / "archive", archive),
                                existing=exchange.UPDATE)
    assert "2 updated to the file's values" in done.message
    assert store.posts()[0].holder == "Anne Tidmarsh"
    current = {c.name: c for c in store.committees()}[ASC]
    assert current.membership[0].member == "Mrs P Stockell"
    updates = [r for r in store.audit_rows()[rows:] if r.action == "import_update"]
    assert [(r.entity, r.entity_key) for r in updates] == [("post", DIRECTOR),
                                                           ("committee", ASC)]
    assert '"Richard Smith"' in updates[0].before and '"Anne Tidmarsh"' in updates[0].after


@pytest.mark.parametrize("existing", exchange.EXISTING_CHOICES)
def test_a_decision_or_meeting_that_differs_is_refused_whatever_the_choice(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path, existing: str) -> None:
    before = everything(sample_desk)
    changed = copy.deepcopy(sample_doc)
    changed["decisions"][1]["reasons"] = "Another reason."
    path = _write(tmp_path / "decision", changed)
    with pytest.raises(InterchangeError) as refused:
        exchange.import_file(sample_desk, path, existing=existing)
    assert str(refused.value) == (
        f"{path}: decisions[1].number: '23/00077' is already in the register with reasons"
        " 'The framework expires before the new one can be procured.'; the file has"
        " 'Another reason.' (a decision's number names one decision: a different one needs a"
        " number of its own)")

    changed = copy.deepcopy(sample_doc)
    changed["meetings"][0]["items"][1]["title"] = "Pressures Plan"
    path = _write(tmp_path / "meeting", changed)
    with pytest.raises(InterchangeError) as refused:
        exchange.import_file(sample_desk, path, existing=existing)
    assert str(refused.value) == (
        f"{path}: meetings[0].date: {ASC} already has a meeting on 2023-11-23 with"
        " items[1].title 'Adult Social Care Pressures Plan 2023/2024'; the file has"
        " 'Pressures Plan' (a meeting in the register is changed in the register, not by"
        " importing it again)")
    assert everything(sample_desk) == before


def test_a_dangling_reference_still_names_the_number_in_a_file_sharing_entries(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    archive = _archive(sample_doc)
    archive["meetings"][0]["items"][1]["decision"] = "17/09999"
    path = _write(tmp_path / "dangling", archive)
    before = everything(sample_desk)
    with pytest.raises(InterchangeError) as refused:
        exchange.import_file(sample_desk, path, existing=exchange.UPDATE)
    assert str(refused.value) == (f"{path}: meetings[0].items[1].decision: '17/09999' is not"
                                  " a decision in the document or the register")
    assert everything(sample_desk) == before


def test_the_import_command_takes_keep_existing_or_update_never_both(
        tmp_path: Path, sample_doc: dict[str, Any], capsys: pytest.CaptureFixture) -> None:
    db = str(tmp_path / "register.sqlite")
    first = _write(tmp_path / "current", sample_doc)
    archive = _write(tmp_path / "archive", _archive(sample_doc))
    assert main(["--db", db, "import", str(first)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import", str(archive)]) == 1
    assert "import with --keep-existing" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", db, "import", "--keep-existing", "--update", str(archive)])
    assert "not allowed with argument" in capsys.readouterr().err
    assert main(["--db", db, "import", "--keep-existing", str(archive)]) == 0
    assert "2 differing from the file kept as the register has them" in capsys.readouterr().out
    assert main(["--db", db, "export", "-"]) == 0
    assert '"holder": "Richard Smith"' in capsys.readouterr().out
