"""The characters the register takes (governance/text.py), wherever text enters: import
(naming the JSON path), every use case the window and the commands call (naming the
field), and before any document is made from text kept before the rule (a sentence
naming the field, never a library's message)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from governance import committees, decisions, exchange, meetings, records
from governance.errors import UserError
from governance.model import Decision
from governance.text import TextError, problem
from main import main
from tests.conftest import _SAMPLE, ASC, open_desk
from tests.hostile_inputs import import_into, refused_import

#: Every kind of character refused in every field: C0 controls but tab and new line,
#: the carriage return, DEL, the non-characters, and the bidirectional controls.
REFUSED_EVERYWHERE = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)] + [
    "\x7f", "\ufffe", "\uffff", *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A))]
#: Invisible characters, refused in titles and names.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff",
             "\u061c", "\u00ad"]
MEETING = dt.date(2023, 11, 23)


def _doc() -> dict:
    return json.loads(json.dumps(_SAMPLE))


def _import(tmp_path: Path, doc: dict) -> str:
    return refused_import(tmp_path, doc)


@pytest.mark.parametrize("ch", REFUSED_EVERYWHERE, ids=lambda c: f"U+{ord(c):04X}")
def test_import_refuses_a_control_or_bidi_character_naming_the_path(tmp_path, ch):
    doc = _doc()
    doc["decisions"][0]["reasons"] = f"To respond{ch} to winter pressures."
    message = _import(tmp_path, doc)
    assert "in.json: decisions[0].reasons: contains " in message
    assert f"U+{ord(ch):04X}" in message and "at character 11" in message


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_import_refuses_an_invisible_character_in_a_title(tmp_path, ch):
    doc = _doc()
    doc["meetings"][0]["items"][1]["title"] = f"Adult Social{ch} Care Pressures Plan"
    message = _import(tmp_path, doc)
    assert "meetings[0].items[1].title: contains an invisible character" in message


def test_tab_new_line_and_any_language_are_taken(tmp_path):
    doc = _doc()
    doc["decisions"][0]["reasons"] = ("Col 1\tCol 2\nNew line. Ünïcödé, עברית, العربية,"
                                      " 中文, emoji 👩‍⚕️ (a joiner in running text).")
    doc["decisions"][0]["title"] = "Cymraeg: Gofal Cymdeithasol Oedolion – £1,000,000"
    (tmp_path / "in.json").write_text(json.dumps(doc), encoding="utf-8")
    desk = open_desk(tmp_path / "ok.sqlite")
    try:
        exchange.import_file(desk, tmp_path / "in.json")
        assert decisions.decision(desk, "23/00098").reasons == doc["decisions"][0]["reasons"]
        for fmt in ("pdf", "docx"):
            assert records.render(desk, "record", "23/00098", fmt)
    finally:
        desk.close()


@pytest.fixture
def desk(tmp_path):
    desk = open_desk(import_into(tmp_path, _doc()))
    yield desk
    desk.close()


@pytest.mark.parametrize(("call", "words"), [
    (lambda d: decisions.update_decision(d, "23/00101", {"reasons": "a\x07b"}),
     "Decision 23/00101: the Reason(s) for decision contains a control character"
     " (U+0007 BEL) at character 2"),
    (lambda d: decisions.update_decision(d, "23/00101", {"title": "Fee \u202etxt.exe"}),
     "Decision 23/00101: the title contains a bidirectional formatting character"
     " (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    (lambda d: decisions.update_decision(d, "23/00101", {"decision_maker": "Cabinet\u200b"
                                                          " Member"}),
     "Decision 23/00101: the decision maker contains an invisible character"
     " (U+200B ZERO WIDTH SPACE)"),
    (lambda d: decisions.create_decision(d, "New\x00 decision"),
     "the title contains a control character (U+0000 NUL)"),
    (lambda d: meetings.create_meeting(d, ASC, dt.date(2024, 1, 9), venue="Hall\x1b"),
     f"The meeting of {ASC}: the venue contains a control character (U+001B ESCAPE)"),
    (lambda d: meetings.update_meeting(d, ASC, MEETING, venue="Hall\r\nCounty"),
     "the venue contains a carriage return (U+000D CARRIAGE RETURN (CR)) at character 5:"
     " line breaks are new lines alone"),
    (lambda d: meetings.add_item(d, ASC, MEETING, "Item\u2066"),
     "The agenda item: the title contains a bidirectional formatting character"),
    (lambda d: meetings.add_item(d, ASC, MEETING, "Item", description="To \x0cnote"),
     "The agenda item: the description contains a control character (U+000C"),
    (lambda d: meetings.publish(d, ASC, MEETING, on=dt.date(2023, 11, 1),
                                late_reason="late\x08"),
     "the late reason contains a control character (U+0008 BACKSPACE)"),
    (lambda d: committees.add_member(d, ASC, "Mr\u200d X Y", party="Labour"),
     "the name contains an invisible character (U+200D ZERO WIDTH JOINER)"),
    (lambda d: committees.set_seats(d, ASC, 3, {"Conservative\x7f": 2, "Labour": 1}),
     "contains a control character (U+007F DELETE)"),
])
def test_every_use_case_refuses_it_naming_the_field(desk, call, words):
    before = decisions.decision(desk, "23/00101")
    with pytest.raises(TextError) as refused:
        call(desk)
    assert words in str(refused.value)
    assert str(refused.value).count(".") <= 3  # one sentence, not a traceback
    assert decisions.decision(desk, "23/00101") == before


def test_attaching_a_paper_whose_title_holds_one_is_refused(desk, tmp_path, make_pdf):
    (tmp_path / "p.pdf").write_bytes(make_pdf("p"))
    with pytest.raises(TextError, match="the title contains a control character"):
        meetings.attach_papers(desk, ASC, MEETING, 2, [tmp_path / "p.pdf"], title="Re\x07port")


def test_a_command_says_one_sentence_naming_the_field(desk, tmp_path, capsys):
    path = str(tmp_path / "register.sqlite")
    desk.close()
    code = main(["--db", path, "meeting", "add-item", "--committee", ASC, "--date",
                 "2023-11-23", "--title", "Bell\x07 item"])
    err = capsys.readouterr().err
    assert code != 0
    assert "the title contains a control character (U+0007 BEL)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_text_kept_before_the_rule_is_named_not_a_library_error(desk, fmt):
    """A register written before the rule may hold such text: the document is refused
    with a sentence naming the field (never python-docx's "All strings must be XML
    compatible")."""
    desk.store.insert_decision(Decision("23/00200", "Old record", reasons="Kept\x07 text"),
                               "someone")
    for kind in ("record", "cover"):
        with pytest.raises(UserError) as refused:
            records.render(desk, kind, "23/00200", fmt)
        assert str(refused.value).startswith(
            "Decision 23/00200: the Reason(s) for decision contains a control character")
        assert "XML" not in str(refused.value)


def test_problem_words():
    assert problem("plain\ttext\nand more") is None
    assert problem("Zero\u200bwidth") is None  # running text may hold a joiner
    assert problem("Zero\u200bwidth", name=True).startswith("contains an invisible")


def test_the_window_says_which_field_and_saves_nothing(open_window, demo_register):
    window = open_window(dt.date(2023, 11, 1))
    view = window.decision_view
    window.open_decision("23/00098")
    before = decisions.decision(demo_register, "23/00098")
    view.text_edits["reasons"].setPlainText("Pasted from a terminal \x1b[31mred\x1b[0m.")
    assert not view.save()
    assert view.banner.text().startswith(
        "Decision 23/00098: the Reason(s) for decision contains a control character"
        " (U+001B ESCAPE) at character 24")
    view.title_edit.setText("Fee \u202etxt.exe")
    assert not view.save()
    assert "the title contains a bidirectional formatting character" in view.banner.text()
    assert decisions.decision(demo_register, "23/00098") == before
