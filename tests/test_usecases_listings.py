"""The reading use cases (``governance.listings``, ``governance.documents``) and backups
against every store: the listing and its CSV, ``check``, the Today screen's work, the
calendar, the documents a meeting makes, and a backup (which the fake refuses)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from governance import backups, documents, listings, meetings
from governance.desk import Desk
from governance.documents import DocumentRequest
from governance.errors import StoreError
from governance.ports import DecisionFilter
from tests.conftest import pdf_bytes

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)


def test_the_listing_and_its_csv(sample_desk: Desk, tmp_path: Path) -> None:
    rows = listings.listing(sample_desk, DecisionFilter(search="care"), "number", True)
    assert [(r.summary.number, r.considerations) for r in rows] == [
        ("23/00101", ()), ("23/00098", ((ASC, NOV),)), ("23/00077", ())]
    done = listings.save_register_csv(sample_desk, tmp_path / "register.csv",
                                      DecisionFilter(status="taken"))
    assert done.message == f"Wrote 1 decision to {tmp_path / 'register.csv'} (CSV)."
    assert (tmp_path / "register.csv").read_bytes() == (
        b"number,title,status,considered\r\n"
        b"23/00077,Care Home Beds Framework Extension,taken,\r\n")


def test_check_and_today(sample_desk: Desk) -> None:
    # On the suite's day (1 November) the committee of 23 November has not met, and the
    # sample records its outcome: the one thing check finds.
    assert [(p.code, p.subject) for p in listings.check(sample_desk)] == [
        ("outcome_before_meeting", "23/00098")]
    sample_desk.clock.day = dt.date(2023, 11, 24)
    assert listings.check(sample_desk) == []
    assert listings.today_problems(sample_desk) == []
    work = listings.today_work(sample_desk)
    assert [(e.section, e.subject) for e in work] == [("awaiting_signature", "23/00098")]
    assert work[0].detail.startswith("Cannot be signed yet: the interests field is empty")
    meetings.create_meeting(sample_desk, ASC, dt.date(2023, 12, 14))
    sample_desk.clock.day = dt.date(2023, 12, 1)
    due = [e for e in listings.today_work(sample_desk) if e.section == "agenda_due"]
    assert [(e.subject, e.title, e.due) for e in due] == [
        (ASC, "Agenda for Thu 14 Dec 2023", dt.date(2023, 12, 6))]


def test_the_calendar(sample_desk: Desk, tmp_path: Path) -> None:
    meetings.create_meeting(sample_desk, ASC, dt.date(2023, 12, 14))
    data, count = listings.calendar(sample_desk)
    assert count == 2
    assert data.splitlines()[2:] == [
        b"MEETING Adult Social Care Cabinet Committee 2023-11-23",
        b"MEETING Adult Social Care Cabinet Committee 2023-12-14"]
    done = listings.write_calendar(sample_desk, tmp_path / "meetings.txt")
    assert done.message == f"Wrote the calendar (2 events) to {tmp_path / 'meetings.txt'}."
    assert done.notes == (f"{tmp_path / 'meetings.txt'} does not end in .ics; calendars open"
                          " files ending in .ics",)


def test_a_meeting_s_documents(sample_desk: Desk, tmp_path: Path) -> None:
    meetings.attach_papers(sample_desk, ASC, NOV, 2, [("report.pdf", pdf_bytes("report"))])
    meetings.attach_papers(sample_desk, ASC, NOV, "3a", [("secret.pdf", pdf_bytes("s"))],
                           exempt_paragraph=3)
    sheet = documents.produce(sample_desk, DocumentRequest("agenda", committee=ASC, date=NOV))
    assert sheet.splitlines()[:5] == [
        b"FAKE front_sheet pdf", b"Kent County Council",
        b"Adult Social Care Cabinet Committee 2023-11-23 14:00",
        b"Venue: Council Chamber, Sessions House, County Hall, Maidstone",
        b"Publication: on_time (deadline 2023-11-15)"]
    done = documents.write_pack(sample_desk, ASC, NOV, tmp_path / "pack.pdf", public=True)
    assert done.message == (
        f"Wrote the public agenda pack of {ASC}, Thursday, 23 November 2023 to"
        f" {tmp_path / 'pack.pdf'}: front sheet 1 pages, then 1 numbered pages from 1 paper"
        " (2 pages in all).\nExempt papers left out (item 3a); the front sheet says which.")
    layout = documents.pack_layout(sample_desk, meetings.meeting(sample_desk, ASC, NOV))
    assert layout.ranges == {"2": (1, 1), "3a": (2, 2)}
    done = documents.write_agenda(sample_desk, ASC, NOV, "pdf", tmp_path / "agenda.pdf")
    assert done.notes == ("this front sheet lists the exempt items and papers by title (the"
                          " full version); for the public one add --public",)
    with pytest.raises(documents.UnknownDocument, match="choose a meeting first"):
        documents.produce(sample_desk, DocumentRequest("pack"))


def test_a_backup(sample_desk: Desk, store_kind: str, tmp_path: Path) -> None:
    if store_kind == "fake":
        with pytest.raises(StoreError, match="the fake store cannot be backed up"):
            backups.backup(sample_desk, tmp_path / "backup.sqlite")
        return
    done = backups.backup(sample_desk, tmp_path / "backup.sqlite")
    assert done.value == tmp_path / "backup.sqlite" and done.value.exists()
    assert "(3 decisions, 11 audit rows, " in done.message
