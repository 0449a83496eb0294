"""The statutory notices on the command line (issue 15, SI 2012/2089 regulations 5, 10 and
11): ``render notice`` in tagged PDF (read back with PDFium) and Word (python-docx), and
``notice publish`` / ``notice list`` with their one-sentence refusals, on the sample
register with an exempt decision and an urgent one."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from governance import decisions, notices
from tests.conftest import ASC
from tests.pdf_text import pdf_text
from tests.test_meeting_commands import opened
from tests.test_setup_commands import ok as _ok
from tests.test_setup_commands import run as _run

AGREED = ("The grant must be accepted by 8 December 2023; Mr A M Ridgers, Chairman of the"
          " Scrutiny Committee, agreed on 4 December 2023 that it could not be deferred.")


@pytest.fixture
def db(tmp_path: Path, capsys, sample_doc: dict[str, Any],
       write_doc: Callable[..., Path]) -> Path:
    """The sample: 23/00098 exempt under paragraph 3 (its record's reasons are exempt
    text), 23/00101 a key decision that cannot wait, with who agreed."""
    by = {d["number"]: d for d in sample_doc["decisions"]}
    by["23/00098"].update(exempt_paragraph=3, expected_on="2023-11-30",
                          reasons="The bidder SECRETBIDDER offered the most.")
    by["23/00101"].update(key_decision=True, urgency_reason=AGREED, expected_on="2023-12-08")
    path = tmp_path / "register.sqlite"
    _ok(path, capsys, "import", str(write_doc(tmp_path / "in", sample_doc)))
    return path


def _render(db: Path, capsys, tmp_path: Path, kind: str, number: str, fmt: str,
            *more: str) -> Path:
    out = tmp_path / f"{kind}.{fmt}"
    said = _ok(db, capsys, "render", "notice", "--kind", kind, "--decision", number,
               "--format", fmt, "-o", str(out), *more)
    assert said.startswith("Wrote the ") and said.endswith(f" to {out}.\n")
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_private_notice_says_why_by_paragraph_and_nothing_exempt(
        db: Path, capsys, tmp_path: Path) -> None:
    text = _flat(pdf_text(_render(db, capsys, tmp_path, "private", "23/00098", "pdf",
                                  "--dated", "2023-10-20").read_bytes()))
    for words in ("Kent County Council",
                  "Notice of Intention to Hold Part of a Meeting in Private",
                  "Regulation 5(2) of The Local Authorities (Executive Arrangements)",
                  f"part of the meeting of the {ASC} on 23 November 2023 is intended to be"
                  " held in private, while decision 23/00098 is considered",
                  "Decision No: 23/00098",
                  "Matter to be decided: Urgent and Emergency Care Support Fund",
                  "Decision maker: Cabinet Member for Adult Social Care and Public Health",
                  "Date of decision: 30 November 2023",
                  f"Meeting: {ASC}, 23 November 2023 at 14:00, Council Chamber",
                  "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
                  "Information relating to the financial or business affairs of any"
                  " particular person",
                  "Anyone may make representations",
                  "Ben Watts, General Counsel", "Date of notice: 20 October 2023"):
        assert words in text, words
    assert "SECRETBIDDER" not in text and "ACCEPT" not in text


def test_the_confirmation_in_word_gives_the_representations_and_the_response(
        db: Path, capsys, tmp_path: Path) -> None:
    _ok(db, capsys, "notice", "publish", "--kind", "private", "--decision", "23/00098",
        "--on", "2023-10-20")
    said = _ok(db, capsys, "notice", "publish", "--kind", "private-confirmation",
               "--decision", "23/00098", "--on", "2023-11-16",
               "--representations", "One, from the Kent Messenger",
               "--response", "The bids stay confidential until the contract is signed")
    assert said == ("Recorded the confirmation of a private meeting for 23/00098 for the"
                    f" {ASC} on 23 November 2023 as published on 16 November 2023.\n")
    word = Document(io.BytesIO(_render(db, capsys, tmp_path, "private-confirmation",
                                       "23/00098", "docx").read_bytes()))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[:2] == ["Kent County Council",
                              "Confirmation that Part of a Meeting will be Held in Private"]
    rows = {r.cells[0].text: r.cells[1].text for r in word.tables[0].rows}
    assert rows["Representations received:"] == "One, from the Kent Messenger"
    assert rows["Response to the representations:"] == \
        "The bids stay confidential until the contract is signed"
    assert rows["Reasons for holding it in private:"].startswith(
        "The item is likely to involve the disclosure of exempt information as defined in"
        " paragraph 3")
    assert "Date of notice: 16 November 2023" in paragraphs
    assert word.core_properties.title == \
        "Confirmation that Part of a Meeting will be Held in Private: 23/00098"
    everything = "\n".join(paragraphs + list(rows.values()))
    assert "SECRETBIDDER" not in everything
    shown = _ok(db, capsys, "show", "23/00098").splitlines()
    assert shown[-2:] == [
        f"Notice published: notice of a private meeting for the {ASC} on 23 November 2023,"
        " 20 October 2023",
        f"Notice published: confirmation of a private meeting for the {ASC} on 23 November"
        " 2023, 16 November 2023"]
    listed = _ok(db, capsys, "notice", "list", "--decision", "23/00098")
    assert listed.splitlines() == [
        f"2023-10-20  23/00098  private ({ASC} 2023-11-23)  by {_user(db)}",
        f"2023-11-16  23/00098  private-confirmation ({ASC} 2023-11-23)  by {_user(db)}"]


def _user(db: Path) -> str:
    with opened(db) as desk:
        return desk.user


def test_the_special_urgency_record_names_who_agreed_and_sets_the_route(
        db: Path, capsys, tmp_path: Path) -> None:
    said = _ok(db, capsys, "notice", "publish", "--kind", "special-urgency", "--decision",
               "23/00101", "--on", "2023-12-04")
    assert said == ("Recorded the special urgency record for 23/00101 as published on"
                    " 4 December 2023.\n")
    text = _flat(pdf_text(_render(db, capsys, tmp_path, "special-urgency", "23/00101",
                                  "pdf").read_bytes()))
    assert "Special Urgency Notice" in text and "Regulation 11 of The Local Authorities" in text
    assert f"and who agreed: {AGREED}" in text
    assert "Date of notice: 4 December 2023" in text
    with opened(db) as desk:
        assert decisions.decision(desk, "23/00101").route == "special_urgency"
        assert notices.published(desk, "23/00101")[0].reason == AGREED


def test_the_general_exception_notice_names_who_was_informed(
        db: Path, capsys, tmp_path: Path) -> None:
    code, out, err = _run(db, capsys, "notice", "publish", "--kind", "general-exception",
                          "--decision", "23/00101", "--on", "2023-12-01")
    assert (code, out) == (1, "")
    assert "name who was informed (--informed)" in err and "Traceback" not in err
    _ok(db, capsys, "notice", "publish", "--kind", "general-exception", "--decision",
        "23/00101", "--on", "2023-12-01", "--informed", "Mr A M Ridgers, Chairman of the"
        " Scrutiny Committee")
    text = _flat(pdf_text(_render(db, capsys, tmp_path, "general-exception", "23/00101",
                                  "pdf").read_bytes()))
    assert "General Exception Notice" in text
    assert f"Why 28 clear days' notice is impracticable: {AGREED}" in text
    assert "Informed in writing: Mr A M Ridgers, Chairman of the Scrutiny Committee" in text
    assert "Not to be taken before: 7 December 2023" in text  # 5 clear days after
    with opened(db) as desk:
        d = decisions.decision(desk, "23/00101")
        assert (d.route, d.notice_published_on.isoformat()) == ("general_exception",
                                                                 "2023-12-01")


@pytest.mark.parametrize(("args", "says"), [
    (("--kind", "private", "--decision", "23/00101"),
     "23/00101 goes to no committee meeting, so no meeting is to be held in private"),
    (("--kind", "special-urgency", "--decision", "23/00098"),
     "23/00098 has no urgency reason, and the special urgency record must say why the"
     " decision is urgent"),
    (("--kind", "general-exception", "--decision", "23/00077"),
     "23/00077 is not recorded as a key decision, so it needs no general exception notice"),
])
def test_what_cannot_be_noticed_is_refused_in_one_sentence(
        db: Path, capsys, tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    code, out, err = _run(db, capsys, "render", "notice", *args, "--format", "pdf", "-o",
                          str(tmp_path / "n.pdf"))
    assert (code, out) == (1, "")
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "n.pdf").exists()
