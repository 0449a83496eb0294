"""Meeting day and the minutes on the command line (issue 15), on the demo register (Kent's
meeting of 23 November 2023): ``meeting declare``, ``meeting minute`` (a proposed
decision's resolution records the committee's outcome), ``meeting minute-numbers``,
``meeting approve-minutes`` at the next meeting, ``meeting cancel``, ``council set
--minute-numbers`` and ``render minutes`` with its refusals; what a user reads."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from docx import Document

from tests.pdf_text import pdf_text
from tests.test_setup_commands import ok, run

ASC = "Adult Social Care Cabinet Committee"
NOV = "2023-11-23"
JAN = "2024-01-18"
LATER = (dt.date.today() + dt.timedelta(days=60)).isoformat()


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "register.sqlite"
    ok(path, capsys, "demo")
    return path


def fails(db: Path, capsys, *args: str) -> str:
    code, out, err = run(db, capsys, *args)
    assert (code, out) == (1, ""), (args, out, err)
    assert "Traceback" not in err
    return err


def test_a_declaration_and_a_minute_are_recorded(db: Path, capsys) -> None:
    said = ok(db, capsys, "meeting", "declare", "--committee", ASC, "--date", NOV, "--item",
              "7", "--member", "Mr T L Shonk", "--text", "a family member worked for the NHS")
    assert said == ("Recorded Mr T L Shonk's declaration of interest in item 7 of"
                    f" {ASC}, Thursday 23 November 2023.\n")
    said = ok(db, capsys, "meeting", "minute", "--committee", ASC, "--date", NOV, "--item",
              "6", "--text", "Mr Watkins gave a verbal update.", "--resolved",
              "RESOLVED that the verbal updates be noted.")
    assert said == f"Recorded the minute of item 6 of {ASC}, Thursday 23 November 2023.\n"


def test_a_decisions_resolution_records_the_committees_outcome(db: Path, capsys) -> None:
    said = ok(db, capsys, "meeting", "minute", "--committee", ASC, "--date", NOV, "--item",
              "7", "--resolved", "endorsed")
    assert said.endswith("The committee's outcome on 23/00098: endorsed.\n")
    shown = json.loads(ok(db, capsys, "show", "23/00098", "--json"))
    assert [(c["date"], c["outcome"]) for c in shown["committee_considerations"]] == [
        (NOV, "endorsed")]
    assert shown["status"] == "considered"
    err = fails(db, capsys, "meeting", "minute", "--committee", ASC, "--date", NOV,
                "--item", "8", "--resolved", "We discussed it at length.")
    assert "item 8 is about decision 23/00091: write the committee's outcome" in err


def test_minutes_are_numbered_approved_once_and_frozen(db: Path, capsys) -> None:
    assert ok(db, capsys, "meeting", "minute-numbers", "--committee", ASC, "--date", NOV,
              "--first", "160") == (f"The minutes of {ASC}, Thursday 23 November 2023 are"
                                    " numbered from 160.\n")
    err = fails(db, capsys, "meeting", "approve-minutes", "--committee", ASC, "--date", NOV)
    assert "no later meeting of Adult Social Care Cabinet Committee has an item 'Minutes" \
           " of the meeting held on 23 November 2023'" in err
    ok(db, capsys, "meeting", "new", "--committee", ASC, "--date", JAN)
    said = ok(db, capsys, "meeting", "approve-minutes", "--committee", ASC, "--date", NOV,
              "--correction", "A Member noted a spelling error on page 5")
    assert said == (f"Approved the minutes of {ASC}, Thursday 23 November 2023 as a correct"
                    " record, subject to the correction, at the meeting of Thursday 18"
                    " January 2024 (item 4): they can no longer change.\n")
    err = fails(db, capsys, "meeting", "approve-minutes", "--committee", ASC, "--date", NOV)
    assert "were already approved at the meeting held on 18 January 2024" in err
    err = fails(db, capsys, "meeting", "minute", "--committee", ASC, "--date", NOV, "--item",
                "6", "--text", "Too late.")
    assert "were approved on Thursday 18 January 2024: they cannot change" in err


def test_the_command_says_what_it_needs(db: Path, capsys) -> None:
    err = fails(db, capsys, "meeting", "minute", "--committee", ASC, "--date", NOV, "--item",
                "6")
    assert "give the minute (--text) and/or the resolution (--resolved)" in err
    err = fails(db, capsys, "meeting", "declare", "--committee", ASC, "--date", NOV,
                "--item", "40", "--member", "Mr D Ross", "--text", "x")
    assert "has no item 40 (its items: 1, 2, 3" in err


def test_a_meeting_cancelled_or_not_yet_held_has_no_minutes(db: Path, capsys,
                                                           tmp_path: Path) -> None:
    ok(db, capsys, "meeting", "new", "--committee", ASC, "--date", LATER)
    out = str(tmp_path / "m.pdf")
    err = fails(db, capsys, "render", "minutes", "--committee", ASC, "--date", LATER,
                "--format", "pdf", "-o", out)
    assert "after today: its minutes are made once it has met" in err
    said = ok(db, capsys, "meeting", "cancel", "--committee", ASC, "--date", LATER,
              "--reason", "not quorate")
    assert said.endswith("as cancelled (not quorate): it will not be minuted.\n")
    err = fails(db, capsys, "render", "minutes", "--committee", ASC, "--date", LATER,
                "--format", "pdf", "-o", out)
    assert "was cancelled (not quorate): a cancelled meeting has no minutes" in err
    assert not Path(out).exists()


def test_the_council_says_when_minute_numbers_restart(db: Path, capsys) -> None:
    assert ok(db, capsys, "council", "set", "--minute-numbers", "municipal_year") == (
        "Minute numbers start again at 1 with each municipal year (from 1 June).\n")
    said = ok(db, capsys, "council", "set", "--name", "Kent County Council",
              "--minute-numbers", "never")
    assert said.endswith("Minute numbers run on from meeting to meeting.\n")
    with pytest.raises(SystemExit):
        run(db, capsys, "council", "set", "--minute-numbers", "yearly")
    assert "invalid choice: 'yearly'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_render_minutes_reads_as_kents(db: Path, capsys, tmp_path: Path, fmt: str) -> None:
    ok(db, capsys, "meeting", "minute-numbers", "--committee", ASC, "--date", NOV,
       "--first", "160")
    ok(db, capsys, "meeting", "minute", "--committee", ASC, "--date", NOV, "--item", "7",
       "--resolved", "endorsed")
    out = tmp_path / f"minutes.{fmt}"
    said = ok(db, capsys, "render", "minutes", "--committee", ASC, "--date", NOV,
              "--format", fmt, "-o", str(out))
    assert said.startswith(f"Wrote the draft minutes of {ASC}, Thursday 23 November 2023"
                           f" ({fmt.upper()}, ")
    data = out.read_bytes()
    if fmt == "pdf":
        text = " ".join(pdf_text(data).split())
    else:
        text = " ".join(" ".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
                        .split())
    for expected in (f"MINUTES of a meeting of the {ASC} held at Council Chamber, Sessions"
                     " House, County Hall, Maidstone on Thursday, 23rd November, 2023.",
                     "UNRESTRICTED ITEMS", "160. Apologies and Substitutes",
                     "No declarations of interest were received.",
                     "RESOLVED that the decision proposed to be taken by the"):
        assert expected in text
    assert text.index("160. Apologies") < text.index("161. Declarations")


def test_attendance_is_recorded_and_printed_under_present(db: Path, capsys,
                                                          tmp_path: Path) -> None:
    said = ok(db, capsys, "meeting", "attendance", "--committee", ASC, "--date", NOV,
              "--present", "Mr A M Ridgers", "--present", "Ms L Wright",
              "--apologies", "Mrs L Parfitt-Reid", "--substitute", "Mr J Meade=Mr Cole",
              "--also-present", "Mr D Watkins", "--in-attendance",
              "Richard Smith (Corporate Director of Adult Social Care and Health)",
              "--virtual", "Ms L Wright")
    assert said == (f"Recorded the attendance at {ASC}, Thursday 23 November 2023: 3 present,"
                    " 2 apologies, 1 also present, 1 in attendance.\n")
    out = tmp_path / "minutes.pdf"
    ok(db, capsys, "render", "minutes", "--committee", ASC, "--date", NOV, "--format", "pdf",
       "-o", str(out))
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert ("PRESENT: Mr A M Ridgers (Chairman), Ms L Wright (Vice-Chairman) (virtual) and"
            " Mr Cole (Substitute for Mr J Meade)") in text
    assert "ALSO PRESENT: Mr D Watkins" in text
    assert ("IN ATTENDANCE: Richard Smith (Corporate Director of Adult Social Care and"
            " Health)") in text
    assert "Apologies had been received from Mrs Parfitt-Reid and Mr Meade" in text


def test_attendance_naming_no_one_the_register_knows_is_refused(db: Path, capsys,
                                                               tmp_path: Path) -> None:
    err = fails(db, capsys, "meeting", "attendance", "--committee", ASC, "--date", NOV,
                "--present", "Mr A M Ridgers", "--present", "Nobody Here")
    assert "'Nobody Here' (a member present) is not a member in the register" in err
    err = fails(db, capsys, "meeting", "attendance", "--committee", ASC, "--date", NOV,
                "--substitute", "Mr J Meade")
    assert "is not a substitution: write it ABSENT=PRESENT" in err
    # nothing was recorded by the refused commands: the minutes name no one present
    out = tmp_path / "minutes.pdf"
    ok(db, capsys, "render", "minutes", "--committee", ASC, "--date", NOV, "--format", "pdf",
       "-o", str(out))
    text = pdf_text(out.read_bytes())
    assert "PRESENT" not in text and "Ridgers" not in text


def test_the_demos_minutes_follow_kents_numbers(db: Path, capsys, tmp_path: Path) -> None:
    """Kent's minutes of 13 September 2023 end at 159: the demo's next meeting's begin at
    160 (and March 2019's at 134, after January's 123-133)."""
    said = ok(db, capsys, "render", "minutes", "--committee", ASC, "--date", NOV, "--format",
              "pdf", "-o", str(tmp_path / "nov.pdf"))
    assert ", minutes 160-" in said
    said = ok(db, capsys, "render", "minutes", "--committee", ASC, "--date", "2019-03-12",
              "--format", "pdf", "-o", str(tmp_path / "mar.pdf"))
    assert ", minutes 134-" in said
