"""Papers that carry active content (scripts, programs to start, forms that send data,
embedded files, rich media): taken out when a paper is attached or imported, the clerk
told what from which paper, and none of it in any pack or exported paper, even from a
paper kept before; ordinary web, e-mail and internal links stay. Papers whose structure
would cost unbounded memory or time are refused as damaged, within a time limit."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from governance import documents, exchange, meetings
from governance.model import Paper
from tests.conftest import _SAMPLE, ASC, open_desk, pdf_bytes
from tests.hostile_inputs import import_into
from tests.hostile_papers import COSTLY, KINDS, active_content, hostile_paper, kept_links

MEETING = dt.date(2023, 11, 23)
ROOT = Path(__file__).resolve().parent.parent
#: Only a hang reaches it: refusing each of these takes about a second.
HANG = 120
SAFE_LINKS = ["https://www.kent.gov.uk/", "mailto:democratic.services@kent.gov.uk", "GoTo"]


@pytest.fixture
def desk(tmp_path):
    desk = open_desk(import_into(tmp_path, _SAMPLE))
    yield desk
    desk.close()


def _stored(desk, item: int = 2, index: int = -1) -> Paper:
    return meetings.meeting(desk, ASC, MEETING).meeting.items[item - 1].papers[index]


def test_the_hostile_paper_has_every_kind():
    """The test's own paper: each kind is there before anything is taken out."""
    found = " ".join(active_content(hostile_paper()))
    for words in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "key /AA",
                  "/EmbeddedFiles", "/RichMedia", "/FileAttachment", "/XFA", "URI javascript:"):
        assert words in found


@pytest.mark.parametrize("kind", KINDS)
def test_attaching_takes_each_kind_out_and_says_so(desk, tmp_path, kind):
    (tmp_path / "hostile.pdf").write_bytes(hostile_paper((kind,)))
    done = meetings.attach_papers(desk, ASC, MEETING, 2, [tmp_path / "hostile.pdf"])
    assert "Removed from 'hostile.pdf' what a published paper must not carry: " in done.message
    paper = _stored(desk)
    assert active_content(paper.content) == []
    links = kept_links(paper.content)
    assert links[:3] == SAFE_LINKS and set(links) <= set(SAFE_LINKS)
    assert len(PdfReader(io.BytesIO(paper.content)).pages) == 2


def test_a_clean_paper_is_kept_byte_for_byte(desk, tmp_path):
    (tmp_path / "plain.pdf").write_bytes(pdf_bytes("plain"))
    done = meetings.attach_papers(desk, ASC, MEETING, 2, [tmp_path / "plain.pdf"])
    assert "Removed" not in done.message
    assert _stored(desk).content == pdf_bytes("plain")


def test_no_pack_public_or_full_and_no_export_carries_any(desk, tmp_path):
    (tmp_path / "hostile.pdf").write_bytes(hostile_paper())
    meetings.attach_papers(desk, ASC, MEETING, 2, [tmp_path / "hostile.pdf"])
    details = meetings.meeting(desk, ASC, MEETING)
    for public in (False, True):
        pack = documents.pack(desk, details, public=public).pdf
        assert active_content(pack) == [], public
        assert set(SAFE_LINKS[:2]) <= set(kept_links(pack))
    (tmp_path / "out").mkdir()
    exchange.export_file(desk, tmp_path / "out" / "register.json")
    (exported,) = (tmp_path / "out" / "papers").glob("hostile*.pdf")
    assert active_content(exported.read_bytes()) == []


def test_a_paper_kept_before_brings_none_into_a_pack_or_an_export(desk, tmp_path):
    """A register written before papers were cleaned may hold one as it came."""
    content = hostile_paper()
    m = meetings.meeting(desk, ASC, MEETING).meeting
    m.items[1].papers.append(Paper("old.pdf", "Old paper", None,
                                   hashlib.sha256(content).hexdigest(), content))
    desk.store.save_agenda(ASC, MEETING, m.items)
    assert active_content(_stored(desk).content) != []
    details = meetings.meeting(desk, ASC, MEETING)
    for public in (False, True):
        assert active_content(documents.pack(desk, details, public=public).pdf) == []
    (tmp_path / "out").mkdir()
    done = exchange.export_file(desk, tmp_path / "out" / "register.json")
    assert "Removed from 'old.pdf'" in done.message
    assert active_content((tmp_path / "out" / "papers" / "old.pdf").read_bytes()) == []


def test_import_takes_it_out_and_says_from_which_paper(tmp_path):
    doc = json.loads(json.dumps(_SAMPLE))
    doc["meetings"][0]["items"][1]["papers"] = ["papers/hostile.pdf"]
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "hostile.pdf").write_bytes(hostile_paper())
    (tmp_path / "in.json").write_text(json.dumps(doc), encoding="utf-8")
    desk = open_desk(tmp_path / "register.sqlite")
    try:
        done = exchange.import_file(desk, tmp_path / "in.json")
        assert "Removed from 'hostile.pdf' what a published paper must not carry:" \
            in done.message
        assert "JavaScript action" in done.message and "Launch action" in done.message
        assert active_content(_stored(desk).content) == []
    finally:
        desk.close()


def _two_gigabytes() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize("name", list(COSTLY))
def test_a_paper_that_would_cost_unbounded_memory_or_time_is_refused_as_damaged(
        desk, tmp_path, name):
    """Through the command, in a process of its own with 2 GB of address space: refused,
    not run out of memory (the decompression bomb inflates to 4 GB) or time (the time
    limit fails the test if it hangs)."""
    path = tmp_path / f"{name.replace(' ', '-')}.pdf"
    path.write_bytes(COSTLY[name]())
    done = subprocess.run([sys.executable, "main.py", "--db", str(desk.store.path), "meeting",
                           "attach", "--committee", ASC, "--date", "2023-11-23", "--item",
                           "2", str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=HANG, preexec_fn=_two_gigabytes)
    assert done.returncode != 0
    assert f"{path.name!r} is damaged" in done.stderr
    assert "Traceback" not in done.stderr
    assert meetings.meeting(desk, ASC, MEETING).meeting.items[1].papers == []


def test_the_window_says_what_was_removed_from_which_paper(open_window, qtbot, tmp_path):
    window = open_window(dt.date(2024, 1, 3), screen=3)
    view = window.meetings_view
    assert view.new_meeting(ASC, dt.date(2024, 1, 18), "10:00")
    (tmp_path / "hostile.pdf").write_bytes(hostile_paper(("Launch", "JavaScript link")))
    job = view.attach_files("4", [str(tmp_path / "hostile.pdf")])
    assert job is not None
    qtbot.waitUntil(lambda: view.attach_job is None, timeout=30000)
    assert ("Removed from 'hostile.pdf' what a published paper must not carry: 1 JavaScript"
            " action, 1 Launch action (starts a program).") in view.message.text()
