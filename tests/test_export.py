"""Export: canonical and stable byte for byte, papers beside the JSON, a public version
without exempt matter, and no partial files when it cannot be written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from governance.desk import Desk
from governance.errors import OutputError
from governance.exchange import export_file, export_text, import_file
from main import main
from tests.conftest import open_desk

EXEMPT_DECISION = "Disposal of the Sandwich Depot Freehold"
EXEMPT_DECISION_TEXT = "the sale to Bidder Quillfeather for the sum tendered"
EXEMPT_ITEM = "Exempt Tender Evaluation for Homecare Lots"
EXEMPT_ITEM_PAPER = "Tender Scores by Bidder"
EXEMPT_SUB_ITEM = "Exempt Settlement with Provider Marrowby"
EXEMPT_PAPER = "Appendix B Commercial Rates by Provider"
EXEMPT_PAPER_FILE = "appendix-b-rates.pdf"


@pytest.fixture
def with_papers(sample_doc: dict[str, Any], make_pdf) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The sample with papers, including two with the same file name in different folders."""
    items = sample_doc["meetings"][0]["items"]
    items[1]["papers"] = [
        "papers/report.pdf",
        {"path": "papers/appendix-a.pdf", "title": "Appendix A", "exempt_paragraph": None},
        {"path": "annex/report.pdf", "title": "Annex report", "exempt_paragraph": None},
    ]
    items[2]["items"][0]["papers"] = ["papers/record.pdf"]
    papers = {"papers/report.pdf": make_pdf("report"),
              "papers/appendix-a.pdf": make_pdf("appendix a"),
              "annex/report.pdf": make_pdf("a different report"),
              "papers/record.pdf": make_pdf("record")}
    return sample_doc, papers


@pytest.fixture
def with_exempt(sample_doc: dict[str, Any], make_pdf) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The sample plus an exempt decision, an exempt item, an exempt sub-item and an exempt
    paper, each beside public matter of the same kind."""
    sample_doc["decisions"].append({
        "number": "23/00120", "title": EXEMPT_DECISION, "exempt_paragraph": 3,
        "parts": [{"verb": "AGREE", "text": EXEMPT_DECISION_TEXT}], "status": "proposed"})
    items = sample_doc["meetings"][0]["items"]
    items[1]["papers"] = [
        "papers/report.pdf",
        {"path": f"papers/{EXEMPT_PAPER_FILE}", "title": EXEMPT_PAPER, "exempt_paragraph": 3}]
    items[2]["items"].append({"title": EXEMPT_SUB_ITEM, "exempt_paragraph": 2})
    items.append({"title": "Property disposal (public summary)", "decision": "23/00120"})
    items.append({"title": EXEMPT_ITEM, "exempt_paragraph": 3,
                  "papers": [{"path": "papers/scores.pdf", "title": EXEMPT_ITEM_PAPER}]})
    papers = {"papers/report.pdf": make_pdf("report"),
              f"papers/{EXEMPT_PAPER_FILE}": make_pdf("rates"),
              "papers/scores.pdf": make_pdf("scores")}
    return sample_doc, papers


def _fresh(tmp_path: Path, name: str) -> Desk:
    return open_desk(tmp_path / f"{name}.sqlite")


# --- round trip ---------------------------------------------------------------------


def test_export_import_export_is_byte_identical(sample_doc, write_doc, tmp_path):
    first, second = _fresh(tmp_path, "first"), _fresh(tmp_path, "second")
    import_file(first, write_doc(tmp_path / "in", sample_doc))
    a, b = tmp_path / "a" / "export.json", tmp_path / "b" / "export.json"
    a.parent.mkdir()
    b.parent.mkdir()
    assert export_file(first, a).value == 0
    import_file(second, a)
    export_file(second, b)
    assert a.read_bytes() == b.read_bytes()
    assert not (a.parent / "papers").exists()
    # ... and says what the sample says, with every key present.
    exported = json.loads(a.read_text(encoding="utf-8"))
    assert [d["number"] for d in exported["decisions"]] == ["23/00098", "23/00077", "23/00101"]
    assert exported["committees"][0]["party_seats"] == {"Conservative": 2, "Labour": 1}
    assert exported["decisions"][1]["eqia"]["signed_off_on"] == "2023-09-01"
    assert exported["decisions"][2]["parts"][1]["delegation"]["conditions"] == (
        "within the approved budget")
    assert exported["meetings"][0]["items"][2]["items"][0]["decision"] == "23/00077"
    assert exported["decisions"][0]["interests_declared"] is None
    first.close()
    second.close()


def test_round_trip_with_papers_writes_them_beside_the_json(with_papers, write_doc, tmp_path):
    doc, papers = with_papers
    first, second = _fresh(tmp_path, "first"), _fresh(tmp_path, "second")
    import_file(first, write_doc(tmp_path / "in", doc, papers=papers))
    a, b = tmp_path / "a" / "export.json", tmp_path / "b" / "export.json"
    a.parent.mkdir()
    b.parent.mkdir()
    assert export_file(first, a).value == 4
    import_file(second, a)
    assert export_file(second, b).value == 4
    assert a.read_bytes() == b.read_bytes()

    exported = json.loads(a.read_text(encoding="utf-8"))
    item = exported["meetings"][0]["items"][1]
    assert [p["path"] for p in item["papers"]] == [
        "papers/report.pdf", "papers/appendix-a.pdf", "papers/report-2.pdf"]
    assert [p["title"] for p in item["papers"]] == [None, "Appendix A", "Annex report"]
    assert exported["meetings"][0]["items"][2]["items"][0]["papers"][0]["path"] == (
        "papers/record.pdf")
    expected = {"report.pdf": papers["papers/report.pdf"],
                "appendix-a.pdf": papers["papers/appendix-a.pdf"],
                "report-2.pdf": papers["annex/report.pdf"],
                "record.pdf": papers["papers/record.pdf"]}
    for folder in (a.parent / "papers", b.parent / "papers"):
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == expected
    first.close()
    second.close()


def test_export_text_is_what_export_file_writes(sample_register, tmp_path):
    out = tmp_path / "out.json"
    export_file(sample_register, out)
    assert out.read_text(encoding="utf-8") == export_text(sample_register)
    assert export_text(sample_register).endswith("}\n")


# --- the command line -----------------------------------------------------------------


def test_export_to_dash_prints_the_json_on_stdout(sample_register, capsys, tmp_path):
    code = main(["--db", str(sample_register.store.path), "export", "-"])
    out = capsys.readouterr().out
    assert code == 0
    assert out == export_text(sample_register)
    assert json.loads(out)["format"] == "decision-register/1"
    assert not (tmp_path / "-").exists()


def test_export_command_writes_the_file_and_says_so(sample_register, capsys, tmp_path):
    out = tmp_path / "export.json"
    assert main(["--db", str(sample_register.store.path), "export", str(out)]) == 0
    assert capsys.readouterr().out == f"Exported the register to {out}.\n"
    assert out.read_text(encoding="utf-8") == export_text(sample_register)


# --- public export ----------------------------------------------------------------------

_SECRETS = (EXEMPT_DECISION, EXEMPT_DECISION_TEXT, EXEMPT_ITEM, EXEMPT_ITEM_PAPER,
            EXEMPT_SUB_ITEM, EXEMPT_PAPER, EXEMPT_PAPER_FILE, "scores.pdf", "23/00120")


def test_public_export_leaves_out_exempt_matter(with_exempt, write_doc, register, tmp_path):
    doc, papers = with_exempt
    import_file(register, write_doc(tmp_path / "in", doc, papers=papers))
    full, public = export_text(register), export_text(register, public=True)
    for secret in _SECRETS:
        assert secret in full
        assert secret not in public
    data = json.loads(public)
    assert [d["number"] for d in data["decisions"]] == ["23/00098", "23/00077", "23/00101"]
    items = data["meetings"][0]["items"]
    # "Property disposal" is not marked exempt, but its decision 23/00120 is: the item is
    # as exempt as its decision, and is left out with it.
    assert [i["title"] for i in items] == [
        "Apologies and Substitutes", "Adult Social Care Pressures Plan 2023/2024",
        "Decisions Taken Outside of the Cabinet Committee Cycle"]
    assert [p["path"] for p in items[1]["papers"]] == ["papers/report.pdf"]
    assert [s["title"] for s in items[2]["items"]] == ["Care Home Beds Framework Extension"]
    # the public matter is all still there
    assert json.loads(full)["meetings"][0]["items"][3]["decision"] == "23/00120"


def test_public_export_file_writes_only_public_papers_and_imports_cleanly(
    with_exempt, write_doc, register, tmp_path,
):
    doc, papers = with_exempt
    import_file(register, write_doc(tmp_path / "in", doc, papers=papers))
    out = tmp_path / "public" / "register.json"
    out.parent.mkdir()
    assert export_file(register, out, public=True).value == 1
    assert [p.name for p in (out.parent / "papers").iterdir()] == ["report.pdf"]
    text = out.read_text(encoding="utf-8")
    assert all(secret not in text for secret in _SECRETS)

    elsewhere = _fresh(tmp_path, "public")
    summary = import_file(elsewhere, out).value
    assert (summary.decisions, summary.papers) == (3, 1)
    assert export_text(elsewhere) == text
    elsewhere.close()


def test_public_export_on_the_command_line(with_exempt, write_doc, register, tmp_path, capsys):
    doc, papers = with_exempt
    import_file(register, write_doc(tmp_path / "in", doc, papers=papers))
    out = tmp_path / "public.json"
    assert main(["--db", str(register.store.path), "export", "--public", str(out)]) == 0
    assert "(public)" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == export_text(register, public=True)
    assert main(["--db", str(register.store.path), "export", "--public", "-"]) == 0
    assert capsys.readouterr().out == export_text(register, public=True)


# --- cannot be written ------------------------------------------------------------------


def _files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("papers", [False, True])
def test_export_into_a_folder_that_does_not_exist_fails_cleanly(
    request, sample_doc, write_doc, register, tmp_path, capsys, papers,
):
    doc, files = request.getfixturevalue("with_papers") if papers else (sample_doc, {})
    import_file(register, write_doc(tmp_path / "in", doc, papers=files))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "missing" / "export.json"
    with pytest.raises(OutputError, match="missing"):
        export_file(register, target)
    assert _files_under(out_dir) == []

    code = main(["--db", str(register.store.path), "export", str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("export: ") and str(out_dir / "missing") in err
    assert err.count("\n") == 1
    assert _files_under(out_dir) == []


@pytest.mark.parametrize("papers", [False, True])
def test_export_onto_a_folder_leaves_nothing_behind(
    request, sample_doc, write_doc, register, tmp_path, capsys, papers,
):
    """The target is a folder (the JSON cannot be renamed into place): no paper, no .part."""
    doc, files = request.getfixturevalue("with_papers") if papers else (sample_doc, {})
    import_file(register, write_doc(tmp_path / "in", doc, papers=files))
    out_dir = tmp_path / "out"
    (out_dir / "export.json").mkdir(parents=True)
    code = main(["--db", str(register.store.path), "export", str(out_dir / "export.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith(f"export: {out_dir / 'export.json'}: ")
    assert _files_under(out_dir) == ["export.json"]


def test_export_under_a_file_fails_cleanly(sample_register, tmp_path, capsys):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["--db", str(sample_register.store.path), "export", str(blocker / "export.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and err.startswith("export: ")
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("register"))\
        == ["notes.txt", "sample"]


def test_a_failed_export_keeps_the_previous_file(sample_register, tmp_path, monkeypatch):
    """Writing goes through a temporary file: a failure mid-write leaves the old export."""
    import os

    out = tmp_path / "export.json"
    out.write_text("previous export\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        export_file(sample_register, out)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
