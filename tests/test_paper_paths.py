"""Where papers are read from and written to: an interchange file's paper path never
leads out of the JSON file's folder (``..``, a symbolic link to elsewhere), and the
files ``export`` writes stay inside ``papers/`` whatever the stored name holds."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest

from governance import exchange, meetings
from governance.model import Paper
from tests.conftest import _SAMPLE, ASC, open_desk, pdf_bytes
from tests.hostile_inputs import import_into, refused_import

MEETING = dt.date(2023, 11, 23)


def _doc(paper_path: str) -> dict:
    doc = json.loads(json.dumps(_SAMPLE))
    doc["meetings"][0]["items"][1]["papers"] = [paper_path]
    return doc


def _import(folder: Path, paper_path: str) -> str:
    return refused_import(folder, _doc(paper_path))


@pytest.mark.parametrize("rel", ["../outside.pdf", "papers/../../outside.pdf",
                                 "..\\outside.pdf", "papers/../../../tmp/outside.pdf"])
def test_a_path_that_climbs_out_of_the_folder_is_refused(tmp_path, rel):
    folder = tmp_path / "export"
    (folder / "papers").mkdir(parents=True)
    (tmp_path / "outside.pdf").write_bytes(pdf_bytes("outside"))
    message = _import(folder, rel)
    assert f"meetings[0].items[1].papers[0].path: {rel!r} leads out of the JSON file's" \
           " folder" in message


def test_a_symbolic_link_to_outside_is_refused(tmp_path):
    folder = tmp_path / "export"
    (folder / "papers").mkdir(parents=True)
    (tmp_path / "secret.pdf").write_bytes(pdf_bytes("secret"))
    os.symlink(tmp_path / "secret.pdf", folder / "papers" / "report.pdf")
    os.symlink(tmp_path, folder / "papers" / "up")
    assert "leads out of the JSON file's folder" in _import(folder, "papers/report.pdf")
    assert "leads out of the JSON file's folder" in _import(folder, "papers/up/secret.pdf")


def test_a_symbolic_link_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "real.pdf").write_bytes(pdf_bytes("real"))
    os.symlink(tmp_path / "papers" / "real.pdf", tmp_path / "papers" / "link.pdf")
    desk = open_desk(import_into(tmp_path, _doc("papers/link.pdf")))
    try:
        assert meetings.meeting(desk, ASC, MEETING).meeting.items[1].papers[0].content \
            == pdf_bytes("real")
    finally:
        desk.close()


@pytest.mark.parametrize("stored", [
    "../../outside.pdf", "..\\..\\outside.pdf", "..", ".", "", "/etc/cron.d/x.pdf",
    "C:\\Windows\\System32\\x.pdf", "CON", "nul.pdf", "a\x07b.pdf", "x" * 400 + ".pdf",
    "report\u202efdp.exe", " . ", "papers/../../x.pdf"])
def test_export_writes_every_paper_inside_papers(tmp_path, stored):
    desk = open_desk(import_into(tmp_path, _SAMPLE))
    try:
        content = pdf_bytes(stored)
        m = meetings.meeting(desk, ASC, MEETING).meeting
        m.items[1].papers.append(Paper(stored, None, None,
                                       hashlib.sha256(content).hexdigest(), content))
        desk.store.save_agenda(ASC, MEETING, m.items)
        out = tmp_path / "deep" / "out"
        out.mkdir(parents=True)
        exchange.export_file(desk, out / "register.json")
    finally:
        desk.close()
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes() == content]
    assert len(written) == 1
    assert written[0].parent == out / "papers"
    name = json.loads((out / "register.json").read_text("utf-8"))[
        "meetings"][0]["items"][1]["papers"][0]
    name = name if isinstance(name, str) else name["path"]
    assert (out / name).resolve() == written[0].resolve()
