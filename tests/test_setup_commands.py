"""Setting a council up from nothing by commands only (``council set``, ``post``,
``member``, ``committee new``, ``meeting schedule``), then its scheduled meetings taking
items and papers, publishing and rendering; a new post holder and the documents made
before and after."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from governance import council, decisions, records
from governance.model import Assessment, DecisionPart
from main import main
from tests.conftest import pdf_bytes
from tests.pdf_text import pdf_text
from tests.test_meeting_commands import opened

ROADS = "Roads Cabinet Committee"
CABINET_MEMBER = "Cabinet Member for Roads"
#: The year's meetings: ahead of today, so the first agenda is published on time today.
YEAR = [dt.date.today() + dt.timedelta(days=n) for n in (70, 126, 196)]
MAY = ["--committee", ROADS, "--date", YEAR[0].isoformat()]


def day(when: dt.date) -> str:
    return f"{when:%A} {when.day} {when:%B %Y}"


def run(db: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def ok(db: Path, capsys, *args: str) -> str:
    code, out, err = run(db, capsys, *args)
    assert (code, err) == (0, ""), (args, out, err)
    return out


def text(pdf: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return "\n".join(page.extract_text() for page in reader.pages)


def build(db: Path, capsys) -> None:
    """A council from nothing: every step a command."""
    ok(db, capsys, "council", "set", "--name", "Wessex County Council",
       "--key-decision-threshold", "500,000")
    ok(db, capsys, "post", "add", "--title", "General Counsel", "--holder", "Ann Lee",
       "--phone", "01234 567890", "--email", "ann.lee@wessex.gov.uk")
    ok(db, capsys, "post", "add", "--title", "Democratic Services Officer", "--holder",
       "Bob Kay", "--phone", "01234 567891", "--email", "bob.kay@wessex.gov.uk")
    ok(db, capsys, "post", "add", "--title", CABINET_MEMBER, "--holder", "Mr C Dee")
    ok(db, capsys, "member", "add", "--name", "Mr C Dee", "--party", "Conservative")
    ok(db, capsys, "member", "add", "--name", "Mrs E Fox", "--party", "Labour",
       "--honours", "MBE")
    ok(db, capsys, "committee", "new", "--name", ROADS, "--kind", "cabinet_committee",
       "--seats", "3", "--clerk", "Bob Kay", "--proper-officer", "General Counsel")
    ok(db, capsys, "committee", "seats", "--committee", ROADS, "--seats", "3", "--party",
       "Conservative=2", "--party", "Labour=1")
    ok(db, capsys, "committee", "member", "--committee", ROADS, "--member", "Mr C Dee",
       "--role", "chairman")
    ok(db, capsys, "committee", "member", "--committee", ROADS, "--member", "Mrs E Fox")


def test_a_council_built_from_nothing_by_commands_publishes_and_renders(tmp_path, capsys):
    db = tmp_path / "wessex.sqlite"
    build(db, capsys)
    out = ok(db, capsys, "meeting", "schedule", "--committee", ROADS, "--dates",
             ",".join(d.isoformat() for d in YEAR), "--time", "10:00", "--venue",
             "Council Chamber")
    assert out.startswith(f"Scheduled 3 meetings of {ROADS}: {day(YEAR[0])}, {day(YEAR[1])},"
                          f" {day(YEAR[2])}; the first agenda is to be published by")
    out = ok(db, capsys, "meeting", "add-item", *MAY, "--title", "Pothole strategy")
    assert "Added item 6" in out
    paper = tmp_path / "potholes.pdf"
    paper.write_bytes(pdf_bytes("The pothole strategy"))
    ok(db, capsys, "meeting", "attach", *MAY, "--item", "6", str(paper), "--title",
       "Pothole strategy report")
    assert "Published" in ok(db, capsys, "meeting", "publish", *MAY)
    agenda, pack = tmp_path / "agenda.pdf", tmp_path / "pack.pdf"
    ok(db, capsys, "render", "agenda", *MAY, "--format", "pdf", "-o", str(agenda))
    ok(db, capsys, "render", "pack", *MAY, "-o", str(pack))
    front = text(agenda)
    for words in ("WESSEX COUNTY COUNCIL", ROADS, "Council Chamber", "Bob Kay",
                  "01234 567891", "bob.kay@wessex.gov.uk", "Membership (3)",
                  "Mr C Dee (Chairman)", "Mrs E Fox", "Pothole strategy", "Ann Lee",
                  "General Counsel"):
        assert words.lower() in front.lower(), words
    whole = text(pack)
    assert "The pothole strategy" in whole and "Pothole strategy" in whole
    with opened(db) as desk:
        assert [r.entity for r in decisions.audit_trail(desk)][:8] == [
            "council", "post", "post", "post", "member", "member", "committee", "committee"]


def test_a_register_is_made_only_by_council_set_among_these(tmp_path, capsys):
    db = tmp_path / "new.sqlite"
    code, _, err = run(db, capsys, "post", "add", "--title", "General Counsel")
    assert code == 1
    assert "a new register is made by `demo`, `import`, `council set` or the window" in err
    assert not db.exists()
    code, _, err = run(db, capsys, "council", "set", "--key-decision-threshold", "5")
    assert (code, err) == (1, "council: the register has no council yet: give its name"
                              " first\n")
    assert not db.exists()  # a refused first command leaves no file behind


@pytest.mark.parametrize("args, refusal", [
    (("meeting", "schedule", "--committee", ROADS, "--dates", "2027-05-20,2027-02-30"),
     "meeting: '2027-02-30' is not a date (YYYY-MM-DD, e.g. 2027-05-20); no meeting was"
     " scheduled"),
    (("meeting", "schedule", "--committee", "Planning", "--dates", "2027-05-20"),
     "meeting: there is no committee called 'Planning' in the register (committees:"
     f" {ROADS})"),
    (("post", "edit", "--title", "General Counsel"),
     "post: give what changes: --holder, --phone and/or --email"),
    (("member", "edit", "--name", "Mr Nobody", "--party", "Green"),
     "member: 'Mr Nobody' is not a member in the register (add them with member add)"),
    (("council", "set", "--key-decision-threshold", "a million"),
     "council: --key-decision-threshold 'a million': give whole pounds, e.g. 1000000"),
    (("committee", "new", "--name", ROADS, "--kind", "scrutiny"),
     f"committee: there is a committee called {ROADS!r} already"),
])
def test_refusals_are_one_line_and_change_nothing(tmp_path, capsys, args, refusal):
    db = tmp_path / "wessex.sqlite"
    build(db, capsys)
    with opened(db) as desk:
        before = len(decisions.audit_trail(desk))
    code, out, err = run(db, capsys, *args)
    assert (code, out, err) == (1, "", refusal + "\n")
    with opened(db) as desk:
        assert len(decisions.audit_trail(desk)) == before
        assert desk.store.meeting_dates(ROADS) == []


def test_post_edit_and_show_keep_the_history(tmp_path, capsys):
    db = tmp_path / "wessex.sqlite"
    build(db, capsys)
    today = dt.date.today()
    out = ok(db, capsys, "post", "edit", "--title", "General Counsel", "--holder", "Dan Gee",
             "--email", "dan.gee@wessex.gov.uk")
    assert out.startswith("Changed General Counsel: holder Dan Gee from")
    out = ok(db, capsys, "post", "show", "--title", "General Counsel")
    assert out.splitlines() == [
        "General Counsel", "  Holder: Dan Gee", "  Telephone: 01234 567890",
        "  E-mail: dan.gee@wessex.gov.uk", "  Held by:",
        f"    Ann Lee, from {today:%A} {today.day} {today:%B %Y} to {today:%A} {today.day}"
        f" {today:%B %Y}",
        f"    Dan Gee, from {today:%A} {today.day} {today:%B %Y} (holds it now)"]
    out = ok(db, capsys, "member", "edit", "--name", "Mrs E Fox", "--honours", "OBE")
    assert out == "Changed Mrs E Fox: honours OBE.\n"


def test_documents_after_a_new_holder_name_them_and_a_taken_record_keeps_its_signer(
        tmp_path, capsys):
    db = tmp_path / "wessex.sqlite"
    build(db, capsys)
    ok(db, capsys, "meeting", "schedule", "--committee", ROADS, "--dates", "2023-11-23")
    with opened(db) as desk:
        desk.clock = lambda: dt.date(2023, 12, 1)
        made = []
        for title in ("Pothole strategy", "Bridges plan"):
            d = decisions.create_decision(
                desk, title, year=2023, decision_maker=CABINET_MEMBER, key_decision=False,
                parts=[DecisionPart("APPROVE", f"the {title}")], interests_declared="N/A",
                eqia=Assessment("completed"), dpia=Assessment("not_required"),
                route="committee").value
            decisions.transition(desk, d.number, "record_outcome", committee=ROADS,
                                 on=dt.date(2023, 11, 23), outcome="endorsed")
            made.append(d.number)
        decisions.transition(desk, made[0], "take", on=dt.date(2023, 11, 30))
        desk.clock = dt.date.today
        council.edit_post(desk, CABINET_MEMBER, holder="Mrs G Hale")
        council.edit_post(desk, "General Counsel", holder="Dan Gee")
        taken = " ".join(pdf_text(records.render(desk, "record", made[0], "pdf")).split())
        cover = text(records.render(desk, "cover", made[1], "pdf"))
    # The taken record names who took it above the post (its unsigned copy leaves the
    # signature line to sign), and never the holder who came after.
    assert "DECISION TAKEN BY: DECISION NO: Mr C Dee Cabinet Member for Roads 23/00001" \
        in taken and "Hale" not in taken
    assert "Mrs G Hale, Cabinet Member for Roads" in cover and "Mr C Dee" not in cover
    agenda = tmp_path / "agenda.pdf"
    assert run(db, capsys, "render", "agenda", "--committee", ROADS, "--date", "2023-11-23",
               "--format", "pdf", "-o", str(agenda))[0] == 0
    front = text(agenda)
    assert "Dan Gee" in front and "Ann Lee" not in front


def test_the_demo_command_marks_the_register_as_the_demo(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    ok(db, capsys, "demo")
    with opened(db) as desk:
        assert council.is_demo(desk)
    ok(db, capsys, "council", "set", "--name", "Kent County Council")
    with opened(db) as desk:
        assert not council.is_demo(desk)
