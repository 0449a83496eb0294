"""The register as a spreadsheet (``list --csv``, the Register screen's "Export CSV…"),
as a calendar (``calendar``) and as a published record (``render record --public``),
checked by what Excel, a calendar program and the public would see."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from governance.desk import Desk
from governance.exchange import import_file
from main import main
from tests.conftest import ASC, open_desk

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Decision No", "Title", "Status", "Key decision", "Decision maker", "Committee",
          "Considered on", "Date taken", "Published", "Call-in ends", "Exempt"]
#: A title that needs quoting in CSV and escaping in iCalendar, long enough to be folded,
#: with characters Excel garbles without a byte-order mark.
AWKWARD = ('Café "Plus" service, phase 2; £1,250,000 for Ashford\\Swale – résumé of'
           ' the naïve options ☕ and more words to make it long')


def run(capsys: pytest.CaptureFixture[str], db: Path | None, *args: str
        ) -> tuple[int, str, str]:
    code = main([*(["--db", str(db)] if db else []), *args])
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == HEADER
    return [dict(zip(HEADER, row)) for row in rows[1:]]


def with_exempt(doc: dict[str, Any]) -> dict[str, Any]:
    """The sample with an exempt key decision on the agenda as an exempt item."""
    doc["decisions"].append({
        "number": "23/00120", "title": "Disposal of Home Farm",
        "decision_maker": "Cabinet Member for Adult Social Care and Public Health",
        "key_decision": True, "key_decision_criteria": ["expenditure"],
        "exempt_paragraph": 3,
        "parts": [{"verb": "AGREE", "text": "the sale to the preferred bidder"}],
        "reasons": "The secret best bid.", "route": "committee",
        "committee_considerations": [{"committee": ASC, "date": "2023-11-23"}],
        "status": "for_committee"})
    doc["meetings"][0]["items"].append({"title": "Home Farm: disposal of land",
                                        "decision": "23/00120", "exempt_paragraph": 3})
    return doc


@pytest.fixture
def exempt_register(register: Desk, sample_doc, write_doc, tmp_path: Path) -> Desk:
    import_file(register, write_doc(tmp_path / "in", with_exempt(sample_doc)))
    return register


# --- CSV ------------------------------------------------------------------------------


def test_list_csv_has_a_clerks_columns_in_words(sample_register, capsys):
    code, out, err = run(capsys, sample_register.store.path, "list", "--csv")
    assert (code, err) == (0, "")
    rows = {r["Decision No"]: r for r in csv_rows(out)}
    assert list(rows) == ["23/00077", "23/00098", "23/00101"]
    assert rows["23/00077"] == {
        "Decision No": "23/00077", "Title": "Care Home Beds Framework Extension",
        "Status": "Taken", "Key decision": "No",
        "Decision maker": "Cabinet Member for Adult Social Care and Public Health",
        "Committee": "", "Considered on": "", "Date taken": "2023-10-02",
        "Published": "2023-10-03", "Call-in ends": "2023-10-10", "Exempt": ""}
    assert rows["23/00098"]["Status"] == "Proposed"
    assert rows["23/00098"]["Key decision"] == "Yes"
    assert rows["23/00098"]["Committee"] == ASC
    assert rows["23/00098"]["Considered on"] == "2023-11-23"
    assert rows["23/00098"]["Call-in ends"] == ""
    assert rows["23/00101"]["Key decision"] == ""  # not recorded
    assert rows["23/00101"]["Status"] == "Draft"


def test_list_csv_call_in_end_is_the_deadlines_commands(sample_register, capsys):
    _, out, _ = run(capsys, None, "deadlines", "--published-on", "2023-10-03", "--json")
    _, csv_out, _ = run(capsys, sample_register.store.path, "list", "--csv", "--status", "taken")
    assert csv_rows(csv_out)[0]["Call-in ends"] in out


@pytest.mark.parametrize("flags, expected", [
    (["--status", "taken"], ["23/00077"]),
    (["--search", "winter"], ["23/00098"]),
    (["--search", "framework", "--status", "draft"], []),
    (["--status", "withdrawn"], []),
])
def test_list_csv_takes_the_lists_filters(sample_register, capsys, flags, expected):
    code, out, _ = run(capsys, sample_register.store.path, "list", "--csv", *flags)
    assert code == 0
    assert [r["Decision No"] for r in csv_rows(out)] == expected


def test_list_csv_file_is_utf8_with_bom_crlf_and_rfc4180_quoting(
        register, sample_doc, write_doc, tmp_path, capsys):
    sample_doc["decisions"][1]["title"] = AWKWARD
    sample_doc["decisions"][1]["decision_maker"] = "Leader of the Council,\nMr R Gough"
    import_file(register, write_doc(tmp_path / "in", sample_doc))
    target = tmp_path / "register.csv"
    code, out, err = run(capsys, register.store.path, "list", "--csv", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"Wrote 3 decisions to {target} (CSV).\n"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    quoted_title = '"' + AWKWARD.replace('"', '""') + '"'
    assert quoted_title.encode("utf-8") in data
    assert b'"Leader of the Council,\nMr R Gough"' in data
    rows = {r["Decision No"]: r for r in csv_rows(data.decode("utf-8"))}
    assert rows["23/00077"]["Title"] == AWKWARD
    assert rows["23/00077"]["Decision maker"] == "Leader of the Council,\nMr R Gough"
    # Excel's own reading: the header line ends with CRLF, not a bare LF.
    assert data.split(b"\r\n")[0].decode("utf-8-sig") == ",".join(HEADER)


def test_list_csv_to_standard_output_is_the_files_bytes(sample_register, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    db = str(sample_register.store.path)
    piped = subprocess.run([sys.executable, "main.py", "--db", db, "list", "--csv"],
                           cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert piped.returncode == 0
    target = tmp_path / "out.csv"
    subprocess.run([sys.executable, "main.py", "--db", db, "list", "--csv", "-o", str(target)],
                   cwd=ROOT, env=env, capture_output=True, timeout=120, check=True)
    assert piped.stdout == target.read_bytes()
    assert piped.stdout.startswith(b"\xef\xbb\xbfDecision No,")


def test_list_csv_names_an_exempt_decision_but_not_its_text(exempt_register, capsys):
    _, out, _ = run(capsys, exempt_register.store.path, "list", "--csv")
    rows = {r["Decision No"]: r for r in csv_rows(out)}
    assert rows["23/00120"]["Title"] == "Disposal of Home Farm"
    assert rows["23/00120"]["Exempt"] == "Paragraph 3"
    assert rows["23/00098"]["Exempt"] == ""
    assert "secret" not in out and "preferred bidder" not in out


def test_list_csv_to_a_folder_that_cannot_be_written_says_so_and_leaves_nothing(
        sample_register, tmp_path, capsys):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    for target in (tmp_path / "missing" / "out.csv", not_a_folder / "out.csv"):
        code, out, err = run(capsys, sample_register.store.path, "list", "--csv", "-o", str(target))
        assert code == 1
        assert out == ""
        assert err.count("\n") == 1 and err.startswith(f"list: {target}: ")
        assert "Traceback" not in err
    assert not (tmp_path / "missing").exists()
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".part", ".csv"))]


def test_list_csv_keeps_an_existing_file_when_the_write_fails(sample_register, tmp_path,
                                                               capsys):
    target = tmp_path / "folder.csv"
    target.mkdir()  # a folder where the file should go: the rename fails
    code, _, err = run(capsys, sample_register.store.path, "list", "--csv", "-o", str(target))
    assert code == 1 and err.startswith(f"list: {target}: ")
    assert target.is_dir() and not list(target.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("flags, message", [
    (["--csv", "--json"], "list: choose one of --csv and --json\n"),
    (["-o", "x.csv"], "list: -o FILE writes the CSV: add --csv\n"),
])
def test_list_csv_option_mistakes_are_explained(sample_register, capsys, flags, message):
    code, out, err = run(capsys, sample_register.store.path, "list", *flags)
    assert (code, out, err) == (1, "", message)


# --- the Register screen's Export CSV… --------------------------------------------------


@pytest.fixture
def register_view(qtbot, sample_register):
    from ui.register_view import RegisterView

    view = RegisterView(sample_register)
    qtbot.addWidget(view)
    view.show()
    return view


def test_export_button_is_labelled_for_everyone(register_view):
    button = register_view.export_button
    assert button.text() == "Export CSV…"
    assert button.accessibleName() == "Export the decisions shown as CSV"
    assert "CSV" in button.toolTip() and "Excel" in button.toolTip()
    assert button.isVisible() and button.isEnabled()


def test_export_writes_the_filtered_view_in_its_sort_order(register_view, tmp_path, qtbot):
    from PySide6.QtCore import Qt

    view = register_view
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    target = tmp_path / "all.csv"
    assert view.export_csv(target) == 3
    assert [r["Decision No"] for r in csv_rows(target.read_text("utf-8"))] == \
        view.numbers_shown() == ["23/00101", "23/00098", "23/00077"]
    assert view.export_message.text() == f"Exported 3 decisions to {target}."

    view.status_filter.setCurrentIndex(view.status_filter.findData("taken"))
    assert view.numbers_shown() == ["23/00077"]
    taken = tmp_path / "taken.csv"
    assert view.export_csv(taken) == 1
    assert [r["Decision No"] for r in csv_rows(taken.read_text("utf-8"))] == ["23/00077"]


def test_export_takes_what_the_search_box_says_even_mid_typing(register_view, tmp_path,
                                                               qtbot):
    view = register_view
    qtbot.keyClicks(view.search, "winter")  # the search runs after a pause; export now
    target = tmp_path / "search.csv"
    assert view.export_csv(target) == 1
    assert [r["Decision No"] for r in csv_rows(target.read_text("utf-8"))] == ["23/00098"]
    assert view.numbers_shown() == ["23/00098"]


def test_export_button_asks_where_then_writes(register_view, tmp_path, monkeypatch, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def choose(parent, caption, folder, filters):
        asked.append(caption)
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    qtbot.mouseClick(register_view.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["Export the decisions shown as CSV"]
    written = tmp_path / "chosen.csv"
    assert len(csv_rows(written.read_text("utf-8"))) == 3


def test_export_button_cancelled_writes_nothing(register_view, tmp_path, monkeypatch, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: ("", "")))
    qtbot.mouseClick(register_view.export_button, Qt.MouseButton.LeftButton)
    assert register_view.export_message.text() == ""


def test_export_to_a_folder_that_cannot_be_written_says_so(register_view, tmp_path):
    target = tmp_path / "missing" / "out.csv"
    assert register_view.export_csv(target) is None
    assert register_view.export_message.text().startswith(f"Not exported: {target}: ")
    assert not target.parent.exists()


# --- the calendar -----------------------------------------------------------------------


def unfold(data: bytes) -> list[str]:
    """Content lines as a calendar program reads them (RFC 5545 3.1)."""
    text = data.decode("utf-8")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


def events(data: bytes) -> dict[str, dict[str, str]]:
    """UID -> {property (with its parameters, e.g. "DTSTART;VALUE=DATE"): value}."""
    out: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in unfold(data):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            assert current["UID"] not in out, "UIDs must be unique"
            out[current["UID"]] = current
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = unescape(value) if name.split(";")[0] in (
                "SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES") else value
    return out


def by_summary(evs: dict[str, dict[str, str]], start: str) -> dict[str, str]:
    found = [e for e in evs.values() if e["SUMMARY"].startswith(start)]
    assert len(found) == 1, [e["SUMMARY"] for e in evs.values()]
    return found[0]


def calendar(capsys, db: Path, tmp_path: Path, *flags: str, name: str = "c.ics") -> bytes:
    target = tmp_path / name
    code, out, err = run(capsys, db, "calendar", str(target), *flags)
    assert (code, err) == (0, ""), err
    assert out.startswith(f"Wrote the {'public ' if '--public' in flags else ''}calendar (")
    return target.read_bytes()


def test_calendar_is_well_formed_icalendar(sample_register, tmp_path, capsys):
    data = calendar(capsys, sample_register.store.path, tmp_path)
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
    lines = unfold(data)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(events(data))
    for event in events(data).values():
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Europe/London" in lines


def test_calendar_meeting_at_its_local_time_with_venue_and_agenda(sample_register, tmp_path,
                                                                  capsys):
    evs = events(calendar(capsys, sample_register.store.path, tmp_path))
    meeting = by_summary(evs, ASC)
    assert meeting["DTSTART;TZID=Europe/London"] == "20231123T140000"
    assert meeting["DTEND;TZID=Europe/London"] > "20231123T140000"
    assert meeting["LOCATION"] == "Council Chamber, Sessions House, County Hall, Maidstone"
    assert meeting["TRANSP"] == "OPAQUE"
    agenda = meeting["DESCRIPTION"].split("\n")
    assert "Agenda published on Wednesday, 15 November 2023." in agenda
    assert agenda[agenda.index("Agenda:") + 1:] == [
        "1 Apologies and Substitutes",
        "2 23/00098 - Adult Social Care Pressures Plan 2023/2024",
        "3 Decisions Taken Outside of the Cabinet Committee Cycle",
        "    a) 23/00077 - Care Home Beds Framework Extension",
    ]


def test_calendar_deadlines_are_all_day_on_the_statutory_dates(sample_register, tmp_path,
                                                               capsys):
    evs = events(calendar(capsys, sample_register.store.path, tmp_path))
    _, out, _ = run(capsys, None, "deadlines", "--meeting-date", "2023-11-23",
                    "--decision-date", "2023-11-23", "--published-on", "2023-10-03", "--json")
    assert '"agenda_publish_by": "2023-11-15"' in out
    assert '"key_decision_notice_by": "2023-10-25"' in out
    assert '"call_in_ends": "2023-10-10"' in out

    agenda = by_summary(evs, "Agenda publication deadline")
    assert agenda["SUMMARY"] == f"Agenda publication deadline: {ASC}, 23 November 2023"
    assert agenda["DTSTART;VALUE=DATE"] == "20231115"
    assert agenda["DTEND;VALUE=DATE"] == "20231116"
    assert agenda["TRANSP"] == "TRANSPARENT"

    notice = by_summary(evs, "Forward Plan notice deadline")
    assert notice["SUMMARY"] == ("Forward Plan notice deadline: 23/00098 Urgent and Emergency"
                                 " Care Support Fund")
    assert notice["DTSTART;VALUE=DATE"] == "20231025"
    assert "Thursday, 23 November 2023" in notice["DESCRIPTION"]
    assert "Notice published on the Forward Plan on Friday, 20 October 2023." in \
        notice["DESCRIPTION"]

    call_in = by_summary(evs, "Call-in period ends")
    assert call_in["SUMMARY"] == "Call-in period ends: 23/00077 Care Home Beds Framework" \
        " Extension"
    assert call_in["DTSTART;VALUE=DATE"] == "20231010"
    assert "effective from Wednesday, 11 October 2023 unless called in" in \
        call_in["DESCRIPTION"]
    # Non-key and draft decisions have no notice; unpublished ones no call-in.
    assert len(evs) == 4


def test_calendar_folds_and_escapes_and_reads_back_exactly(
        register, sample_doc, write_doc, tmp_path, capsys):
    sample_doc["decisions"][1]["title"] = AWKWARD  # 23/00077: published, so a call-in event
    sample_doc["meetings"][0]["venue"] = "Room 1; Sessions House\\Annexe, Maidstone"
    import_file(register, write_doc(tmp_path / "in", sample_doc))
    data = calendar(capsys, register.store.path, tmp_path)
    unfolded = "\n".join(unfold(data))
    assert "Room 1\\; Sessions House\\\\Annexe\\, Maidstone" in unfolded
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    for line in data.split(b"\r\n"):
        line.decode("utf-8")  # folding never splits a character
    evs = events(data)
    assert by_summary(evs, "Call-in period ends")["SUMMARY"] == \
        f"Call-in period ends: 23/00077 {AWKWARD}"
    assert by_summary(evs, ASC)["LOCATION"] == "Room 1; Sessions House\\Annexe, Maidstone"


@pytest.mark.parametrize("prefix", range(70, 76))
def test_folding_counts_octets_and_keeps_characters_whole(prefix):
    from templates.calendar_ics import fold

    line = "SUMMARY:" + "x" * (prefix - 8) + "☕é£" * 40
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(physical) <= 75 for physical in folded)
    assert all(physical.startswith(b" ") for physical in folded[1:])
    assert [p.decode("utf-8") for p in folded]  # each line whole UTF-8
    assert b"".join([folded[0], *(p[1:] for p in folded[1:])]).decode("utf-8") == line
    assert len(folded[0]) >= 73  # lines are filled, not broken early


def test_calendar_uids_are_stable_so_a_new_file_updates_events(
        sample_register, sample_doc, write_doc, register, tmp_path, capsys):
    first = calendar(capsys, sample_register.store.path, tmp_path, name="1.ics")
    again = calendar(capsys, sample_register.store.path, tmp_path, name="2.ics")
    assert set(events(first)) == set(events(again))
    strip = lambda data: re.sub(rb"DTSTAMP:\S+", b"", data)  # noqa: E731
    assert strip(first) == strip(again)
    # The same register elsewhere (a new meeting time): the same events, updated.
    moved = open_desk(tmp_path / "moved.sqlite")
    try:
        sample_doc["meetings"][0]["time"] = "10:30"
        import_file(moved, write_doc(tmp_path / "moved-in", sample_doc))
        assert moved.store.path is not None
        later = events(calendar(capsys, moved.store.path, tmp_path, name="3.ics"))
    finally:
        moved.close()
    assert set(later) == set(events(first))
    assert by_summary(later, ASC)["DTSTART;TZID=Europe/London"] == "20231123T103000"
    assert all(uid.endswith("@kent-county-council.decision-desk") for uid in later)


def test_calendar_meeting_without_a_time_is_all_day(register, sample_doc, write_doc,
                                                    tmp_path, capsys):
    sample_doc["meetings"][0]["time"] = None
    import_file(register, write_doc(tmp_path / "in", sample_doc))
    data = calendar(capsys, register.store.path, tmp_path)
    meeting = by_summary(events(data), ASC)
    assert meeting["DTSTART;VALUE=DATE"] == "20231123"
    assert b"BEGIN:VTIMEZONE" not in data  # no timed event, no time zone needed


def test_calendar_public_leaves_out_exempt_matter(exempt_register, tmp_path, capsys):
    full = calendar(capsys, exempt_register.store.path, tmp_path, name="full.ics")
    public = calendar(capsys, exempt_register.store.path, tmp_path, "--public", name="public.ics")
    full_text, public_text = "\n".join(unfold(full)), "\n".join(unfold(public))
    # The clerk's calendar: the exempt decision's notice and the item by name.
    assert "notice-23-00120@kent-county-council.decision-desk" in events(full)
    assert "Home Farm" in full_text and "23/00120" in full_text
    # The public one: neither, but the meeting, its public items and other deadlines.
    assert "Home Farm" not in public_text and "23/00120" not in public_text
    evs = events(public)
    assert set(evs) == set(events(full)) - {"notice-23-00120@kent-county-council.decision-desk"}
    agenda = by_summary(evs, ASC)["DESCRIPTION"].split("\n")
    assert "2 23/00098 - Adult Social Care Pressures Plan 2023/2024" in agenda
    # As on the front sheet: the motion takes the number after the last open item.
    assert agenda[-4:] == ["4 Motion to Exclude the Press and Public for Exempt Business", "",
                           "EXEMPT ITEMS",
                           "5 Exempt item: its title and papers are withheld from the public"]
    assert "X-WR-CALNAME:Kent County Council: committee meetings and decision deadlines" \
        " (public)" in unfold(public)


def test_calendar_for_one_committee(exempt_register, sample_doc, tmp_path, capsys):
    only = events(calendar(capsys, exempt_register.store.path, tmp_path, "--committee", ASC))
    assert ASC in {e["SUMMARY"] for e in only.values()}
    assert "notice-23-00098@kent-county-council.decision-desk" in only
    # 23/00077 went outside the committee cycle: no consideration by the committee.
    assert "call-in-23-00077@kent-county-council.decision-desk" not in only
    code, out, err = run(capsys, exempt_register.store.path, "calendar", str(tmp_path / "x.ics"),
                         "--committee", "Cabinet")
    assert (code, out) == (1, "")
    assert err == ("calendar: there is no committee called 'Cabinet' in the register"
                   f" (committees: {ASC})\n")
    assert not (tmp_path / "x.ics").exists()


def test_calendar_to_standard_output(sample_register, tmp_path, capsys):
    code, out, err = run(capsys, sample_register.store.path, "calendar", "-")
    assert (code, err) == (0, "")
    assert out.startswith("BEGIN:VCALENDAR\r\n")
    file = calendar(capsys, sample_register.store.path, tmp_path)
    assert set(events(out.encode())) == set(events(file))


def test_calendar_to_a_folder_that_cannot_be_written(sample_register, tmp_path, capsys):
    target = tmp_path / "missing" / "c.ics"
    code, out, err = run(capsys, sample_register.store.path, "calendar", str(target))
    assert (code, out) == (1, "")
    assert err.startswith(f"calendar: {target}: ") and err.count("\n") == 1


# --- the published Record of Decision -----------------------------------------------------


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(path).pages)


def test_published_record_of_an_exempt_decision_withholds_its_text(exempt_register,
                                                                   tmp_path, capsys):
    target = tmp_path / "public.pdf"
    code, out, err = run(capsys, exempt_register.store.path, "render", "record", "23/00120",
                         "--format", "pdf", "-o", str(target), "--public")
    assert code == 0
    assert out == (f"Wrote the public Proposed Record of Decision of 23/00120 (PDF) to"
                   f" {target}.\n")
    assert "its text is withheld" in err
    text = pdf_text(target)
    for kept in ("KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION", "23/00120",
                 "Disposal of Home Farm", "Cabinet Member for Adult Social Care and Public",
                 "Key decision:", "YES"):
        assert kept in text
    assert ("The information in this record is exempt under paragraph 3 of Part 1 of"
            " Schedule 12A to the Local Government Act 1972 and is withheld from"
            " publication.") in text
    for withheld in ("preferred bidder", "secret", "Reason(s) for decision:",
                     "Financial Implications:"):
        assert withheld not in text


def test_published_record_of_an_open_decision_is_the_record(exempt_register, tmp_path,
                                                            capsys):
    run(capsys, exempt_register.store.path, "render", "record", "23/00098", "--format", "pdf",
        "-o", str(tmp_path / "full.pdf"))
    run(capsys, exempt_register.store.path, "render", "record", "23/00098", "--format", "pdf",
        "-o", str(tmp_path / "public.pdf"), "--public")
    assert pdf_text(tmp_path / "public.pdf") == pdf_text(tmp_path / "full.pdf")
    assert "winter pressures" in pdf_text(tmp_path / "public.pdf")


def test_house_style_words_the_withheld_statement(exempt_register, tmp_path, capsys,
                                                  monkeypatch):
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "DecisionDesk"
    config.mkdir(parents=True)
    (config / "house_style.json").write_text(
        '{"cover": {"public_withheld": "Withheld: paragraph {paragraph} applies."}}',
        encoding="utf-8")
    from templates.style import _load

    _load.cache_clear()
    try:
        target = tmp_path / "cover.pdf"
        code, _, _ = run(capsys, exempt_register.store.path, "render", "cover", "23/00120",
                         "--format", "pdf", "-o", str(target), "--public")
        assert code == 0
        text = pdf_text(target)
        assert "Withheld: paragraph 3 applies." in text
        assert "preferred bidder" not in text
    finally:
        _load.cache_clear()


def test_dates_in_the_csv_are_iso_for_excel(sample_register, capsys):
    _, out, _ = run(capsys, sample_register.store.path, "list", "--csv", "--status", "taken")
    row = csv_rows(out)[0]
    for column in ("Date taken", "Published", "Call-in ends"):
        dt.date.fromisoformat(row[column])
