"""The meeting use cases (``governance.meetings``) against every store: make a meeting
from the standing items, add, move, reorder and remove items, attach and detach papers
(all or nothing), mark exempt, publish against the deadline, record the membership
printed. Each test runs on the in-memory fake and on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import committees, decisions, documents, meetings
from governance.agenda import MeetingError, numbered
from governance.desk import Desk
from governance.model import Membership
from tests.conftest import pdf_bytes
from tests.usecase_fixtures import StoreProbe, everything

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)  # the sample's meeting, published 15 November
DEC = dt.date(2023, 12, 14)  # a new one: its agenda is due by 6 December
AGENDA_DEC = "the agenda of Adult Social Care Cabinet Committee, Thursday 14 December 2023"
REPUBLISH = (" Its agenda was published on Wednesday 15 November 2023: republish it (make the"
             " front sheet again and publish that) so the published agenda shows the change.")


def titles(desk: Desk, date: dt.date = DEC) -> list[str]:
    return [f"{n} {i.title}" for n, i in numbered(meetings.meeting(desk, ASC, date).meeting.items)]


@pytest.fixture
def dec(sample_desk: Desk) -> Desk:
    """The sample with a meeting on 14 December made from the usual standing items."""
    meetings.create_meeting(sample_desk, ASC, DEC, time="10:00", venue="Darent Room",
                            clerk="Richard Smith",
                            proper_officer="General Counsel", notices=["webcasting"])
    return sample_desk


# --- making a meeting ------------------------------------------------------------------------


def test_a_new_meeting_starts_with_the_standing_items(sample_desk: Desk) -> None:
    done = meetings.create_meeting(sample_desk, ASC, DEC, time="10:00", clerk="Richard Smith")
    assert done.message == (
        "Made the meeting of Adult Social Care Cabinet Committee on Thursday 14 December 2023"
        " with 6 standing items; publish its agenda by Wednesday 6 December 2023.")
    assert done.changes.meetings == {(ASC, DEC)}
    assert titles(sample_desk) == [
        "1 Introduction/Webcasting Announcement", "2 Apologies and Substitutes",
        "3 Declarations of Interest by Members in items on the agenda",
        "4 Minutes of the meeting held on 23 November 2023",
        "5 Verbal Updates by Cabinet Member and Corporate Director", "6 Work Programme"]
    details = meetings.meeting(sample_desk, ASC, DEC)
    assert all(i.standing for i in details.meeting.items)
    assert (details.meeting.time, details.clerk.title) == (
        "10:00", "Corporate Director Adult Social Care and Health")
    assert details.publication.status == "unpublished"
    assert details.publication.deadline == dt.date(2023, 12, 6)
    assert meetings.meeting_list(sample_desk) == [(ASC, DEC, None),
                                                  (ASC, NOV, dt.date(2023, 11, 15))]
    assert sample_desk.store.meeting_dates(ASC) == [NOV, DEC]


def test_a_committee_s_own_standing_items_and_a_first_meeting(sample_desk: Desk) -> None:
    committees.set_standing(sample_desk, ASC, ["Apologies and Substitutes",
                                               "Minutes of the meeting held on {previous_meeting}"],
                            ["Work Programme", "Any Other Business"])
    meetings.create_meeting(sample_desk, ASC, dt.date(2023, 10, 12))
    assert titles(sample_desk, dt.date(2023, 10, 12)) == [
        "1 Apologies and Substitutes", "2 Minutes of the previous meeting",
        "3 Work Programme", "4 Any Other Business"]
    bare = meetings.create_meeting(sample_desk, ASC, DEC, with_standing_items=False)
    assert bare.message.endswith("with 0 standing items; publish its agenda by Wednesday"
                                 " 6 December 2023.")


def test_refusals_when_making_a_meeting(sample_desk: Desk) -> None:
    before = everything(sample_desk)
    with pytest.raises(MeetingError, match="already has a meeting on 2023-11-23"):
        meetings.create_meeting(sample_desk, ASC, NOV)
    with pytest.raises(MeetingError, match="no committee called 'Cabinet'"):
        meetings.create_meeting(sample_desk, "Cabinet", DEC)
    with pytest.raises(MeetingError, match="'Nobody' holds none"):
        meetings.create_meeting(sample_desk, ASC, DEC, clerk="Nobody")
    with pytest.raises(MeetingError, match="'25:00' is not a time"):
        meetings.create_meeting(sample_desk, ASC, DEC, time="25:00")
    with pytest.raises(MeetingError, match="has no meeting on 2023-12-14 \\(its meetings:"
                                           " 2023-11-23\\)"):
        meetings.meeting(sample_desk, ASC, DEC)
    assert everything(sample_desk) == before


def test_changing_a_meeting_s_details(dec: Desk) -> None:
    done = meetings.update_meeting(dec, ASC, DEC, venue="Council Chamber", time="")
    assert done.message == (
        "Changed the meeting of Adult Social Care Cabinet Committee on Thursday 14 December"
        " 2023: time from 10:00 to none; venue from Darent Room to Council Chamber.")
    m = meetings.meeting(dec, ASC, DEC).meeting
    assert (m.venue, m.time, m.notices) == ("Council Chamber", None, ["webcasting"])
    same = meetings.update_meeting(dec, ASC, DEC, venue="Council Chamber")
    assert same.message.startswith("Nothing changed") and not same.changes
    meetings.update_meeting(dec, ASC, DEC, notices=["refreshments", "webcasting"])
    assert meetings.latest_details(dec)[ASC] == {
        "clerk": "Richard Smith", "proper_officer": "General Counsel",
        "notices": ["refreshments", "webcasting"]}
    published = meetings.update_meeting(dec, ASC, NOV, venue="Darent Room")
    assert published.message.endswith(REPUBLISH)


# --- items -------------------------------------------------------------------------------------


def test_adding_items_before_the_closing_ones_before_n_at_the_end_and_under_an_item(
        dec: Desk) -> None:
    done = meetings.add_item(dec, ASC, DEC, decision="23/00101")
    assert done.message == (f"Added item 6 to {AGENDA_DEC}: Technology Enabled Care Service."
                            f" 23/00101 now goes to the {ASC} on Thursday 14 December 2023.")
    assert done.value == ("6", "Technology Enabled Care Service")
    item = meetings.meeting(dec, ASC, DEC).meeting.items[5]
    assert (item.decision, item.description) == ("23/00101", (
        "To receive a report and to consider and either endorse or make recommendations to"
        " the Cabinet Member for Adult Social Care and Public Health on the proposed"
        " decision."))
    assert meetings.add_item(dec, ASC, DEC, "Budget", before=2).value == ("2", "Budget")
    assert meetings.add_item(dec, ASC, DEC, "Exempt business", before=None).value == (
        "9", "Exempt business")
    assert meetings.add_item(dec, ASC, DEC, "Part one", parent=7).value == ("7a", "Part one")
    assert meetings.add_item(dec, ASC, DEC, "Part two", parent="7").value == ("7b", "Part two")
    assert titles(dec) == [
        "1 Introduction/Webcasting Announcement", "2 Budget", "3 Apologies and Substitutes",
        "4 Declarations of Interest by Members in items on the agenda",
        "5 Minutes of the meeting held on 23 November 2023",
        "6 Verbal Updates by Cabinet Member and Corporate Director",
        "7 Technology Enabled Care Service", "7a Part one", "7b Part two",
        "8 Work Programme", "9 Exempt business"]
    assert [a.title for a in dec.store.agenda_appearances("23/00101")] == [
        "Technology Enabled Care Service"]
    assert [r.action for r in decisions.audit_trail(dec, "meeting", f"{ASC} 2023-12-14")] == [
        "create", "add_item", "add_item", "add_item", "add_item", "add_item"]


def test_item_refusals(dec: Desk) -> None:
    meetings.add_item(dec, ASC, DEC, "Business")
    meetings.add_item(dec, ASC, DEC, "Sub", parent=6)
    before = everything(dec)
    with pytest.raises(MeetingError, match="needs a title"):
        meetings.add_item(dec, ASC, DEC, "  ")
    with pytest.raises(MeetingError, match="'23/09999' is not a decision in the register"):
        meetings.add_item(dec, ASC, DEC, decision="23/09999")
    with pytest.raises(MeetingError, match="a sub-item has none of its own: put it under"
                                           " item 6"):
        meetings.add_item(dec, ASC, DEC, "Deeper", parent="6a")
    with pytest.raises(MeetingError, match="has no item 12 \\(it has 7 items\\)"):
        meetings.add_item(dec, ASC, DEC, "Nowhere", before=12)
    with pytest.raises(MeetingError, match="'x7' is not an agenda item number"):
        meetings.move_item(dec, ASC, DEC, "x7", 1)
    assert everything(dec) == before


def test_moving_and_reordering(dec: Desk) -> None:
    meetings.add_item(dec, ASC, DEC, "Business")
    meetings.add_item(dec, ASC, DEC, "First", parent=6)
    meetings.add_item(dec, ASC, DEC, "Second", parent=6)
    done = meetings.move_item(dec, ASC, DEC, 6, 2)
    assert done.message == f"Moved item 6 (Business) to item 2 of {AGENDA_DEC}."
    assert done.value == "2"
    assert titles(dec)[1:4] == ["2 Business", "2a First", "2b Second"]
    assert meetings.move_item(dec, ASC, DEC, "2b", "a").value == "2a"
    assert titles(dec)[2:4] == ["2a Second", "2b First"]
    stay = meetings.move_item(dec, ASC, DEC, 1, 1)
    assert stay.message.endswith("nothing moved.") and not stay.changes
    with pytest.raises(MeetingError, match="no place 9 to move to: give an item number from 1"
                                           " to 7"):
        meetings.move_item(dec, ASC, DEC, 1, 9)
    meetings.move_item(dec, ASC, DEC, 2, 6)
    assert titles(dec)[5:8] == ["6 Business", "6a Second", "6b First"]
    meetings.move_item(dec, ASC, DEC, "6b", "6a")
    assert titles(dec)[6:8] == ["6a First", "6b Second"]
    with pytest.raises(MeetingError, match="item 6 of .* has no sub-item place c to move"
                                           " to: give one of 6a to 6b"):
        meetings.move_item(dec, ASC, DEC, "6a", "c")


def test_removing_items_with_and_without_papers(dec: Desk, probe: StoreProbe) -> None:
    meetings.add_item(dec, ASC, DEC, "Business")
    meetings.add_item(dec, ASC, DEC, "Sub", parent=6)
    meetings.attach_papers(dec, ASC, DEC, "6a", [("report.pdf", pdf_bytes("report"))])
    before = everything(dec)
    with pytest.raises(MeetingError) as refused:
        meetings.remove_item(dec, ASC, DEC, 6)
    assert str(refused.value) == (
        f"item 6 of {ASC} 2023-12-14 (Business) has 1 paper (report.pdf): detach them first,"
        " or remove the item with its papers (--with-papers)")
    assert everything(dec) == before
    done = meetings.remove_item(dec, ASC, DEC, 6, with_papers=True)
    assert done.message == (f"Removed item 6 (Business) from {AGENDA_DEC}, with its 1 sub-item"
                            " and 1 paper (report.pdf); item 7 is now 6.")
    assert titles(dec)[-1] == "6 Work Programme"
    assert probe.paper_contents() == set()
    done = meetings.remove_item(dec, ASC, DEC, 1)
    assert done.message == (f"Removed item 1 (Introduction/Webcasting Announcement) from"
                            f" {AGENDA_DEC}; items 2 to 6 are now 1 to 5.")


# --- papers ---------------------------------------------------------------------------------------


def test_attach_keeps_the_content_once_and_detach_drops_it(dec: Desk, probe: StoreProbe) -> None:
    report, appendix = pdf_bytes("report"), pdf_bytes("appendix")
    meetings.add_item(dec, ASC, DEC, "Business")
    done = meetings.attach_papers(dec, ASC, DEC, 6, [("report.pdf", report),
                                                     ("appendix.pdf", appendix)])
    assert done.message == (f"Attached report.pdf and appendix.pdf to item 6 of {AGENDA_DEC}"
                            " (2 pages).")
    assert [p.path for p in done.value] == ["report.pdf", "appendix.pdf"]
    meetings.attach_papers(dec, ASC, DEC, 2, [("same-report.pdf", report)], title="Report again")
    papers = meetings.meeting(dec, ASC, DEC).meeting.items[5].papers
    assert [(p.path, p.content) for p in papers] == [("report.pdf", report),
                                                     ("appendix.pdf", appendix)]
    assert meetings.meeting(dec, ASC, DEC, content=False).meeting.items[5].papers[0].content \
        is None
    assert probe.paper_contents() == {p.sha256 for p in papers}

    done = meetings.remove_paper(dec, ASC, DEC, 6, "report.pdf")
    assert done.message == (f"Removed paper 1 (report.pdf) from item 6 of {AGENDA_DEC}; the"
                            " item has 1 paper left.")
    assert probe.paper_contents() == {p.sha256 for p in papers}  # item 2 has the same file
    meetings.remove_paper(dec, ASC, DEC, 2, 1)
    assert probe.paper_contents() == {papers[1].sha256}
    done = meetings.remove_paper(dec, ASC, DEC, 6, "1")
    assert done.message.endswith("the item has no papers left.")
    assert probe.paper_contents() == set()
    with pytest.raises(MeetingError, match="has no paper 1 \\(it has none\\)"):
        meetings.remove_paper(dec, ASC, DEC, 6, 1)


def test_attach_is_all_or_nothing(dec: Desk, probe: StoreProbe) -> None:
    meetings.add_item(dec, ASC, DEC, "Business")
    before = everything(dec)
    with pytest.raises(MeetingError) as refused:
        meetings.attach_papers(dec, ASC, DEC, 6, [("good.pdf", pdf_bytes("good")),
                                                  ("minutes.docx", b"PK\x03\x04 a Word file")])
    assert str(refused.value).startswith("'minutes.docx' is not a PDF file: it is a ZIP archive")
    assert str(refused.value).endswith("(none of the 2 files was attached)")
    with pytest.raises(MeetingError, match="has no item 12"):
        meetings.attach_papers(dec, ASC, DEC, 12, [("good.pdf", pdf_bytes("good"))])
    with pytest.raises(MeetingError, match="a title names one paper"):
        meetings.attach_papers(dec, ASC, DEC, 6, [("a.pdf", pdf_bytes("a")),
                                                  ("b.pdf", pdf_bytes("b"))], title="Both")
    assert everything(dec) == before
    assert probe.paper_contents() == set()


def test_attach_from_files(dec: Desk, tmp_path) -> None:
    meetings.add_item(dec, ASC, DEC, "Business")
    (tmp_path / "report.pdf").write_bytes(pdf_bytes("from a file"))
    done = meetings.attach_papers(dec, ASC, DEC, 6, [tmp_path / "report.pdf"])
    assert done.value[0].content == pdf_bytes("from a file")
    with pytest.raises(MeetingError, match="'missing.pdf' not found"):
        meetings.attach_papers(dec, ASC, DEC, 6, [tmp_path / "missing.pdf"])


def test_exempt_items_and_papers(dec: Desk) -> None:
    meetings.add_item(dec, ASC, DEC, "Contract award")
    meetings.attach_papers(dec, ASC, DEC, 6, [("report.pdf", pdf_bytes("r")),
                                              ("prices.pdf", pdf_bytes("p"))])
    done = meetings.set_item_exempt(dec, ASC, DEC, 6, 3)
    assert done.message == (f"Item 6 of {AGENDA_DEC}: exempt under paragraph 3 of Part 1 of"
                            " Schedule 12A.")
    done = meetings.set_paper_exempt(dec, ASC, DEC, 6, "prices.pdf", 3)
    assert done.message == (f"Paper prices.pdf of item 6 of {AGENDA_DEC}: exempt under"
                            " paragraph 3 of Part 1 of Schedule 12A.")
    item = meetings.meeting(dec, ASC, DEC).meeting.items[5]
    assert (item.exempt_paragraph, [p.exempt_paragraph for p in item.papers]) == (3, [None, 3])
    assert meetings.set_item_exempt(dec, ASC, DEC, 6, None).message.endswith(": not exempt.")
    with pytest.raises(MeetingError, match="8 is not a paragraph"):
        meetings.set_item_exempt(dec, ASC, DEC, 6, 8)
    public = documents.front_sheet(dec, meetings.meeting(dec, ASC, DEC), public=True)
    assert b"prices" not in public and b"report" in public


# --- publication and the membership printed -----------------------------------------------------


def test_publish_on_time_once(dec: Desk) -> None:
    with pytest.raises(MeetingError, match="that is after today \\(Wednesday 1 November"
                                           " 2023\\)"):
        meetings.publish(dec, ASC, DEC, dt.date(2023, 12, 1))
    dec.clock.day = dt.date(2023, 12, 1)
    done = meetings.publish(dec, ASC, DEC)
    assert done.message == (
        f"Published {AGENDA_DEC}, on Friday 1 December 2023, on time (the deadline is"
        " Wednesday 6 December 2023).")
    details = meetings.meeting(dec, ASC, DEC)
    assert (details.publication.status, details.meeting.published_on) == (
        "on_time", dt.date(2023, 12, 1))
    assert details.membership_recorded
    assert [m.member for m in details.committee.membership] == [
        "Mr A M Ridgers", "Ms L Wright", "Mr D Ross"]
    record = dec.store.meeting(ASC, DEC)
    assert (record.published_late, record.published_by) == (False, "test.clerk")
    with pytest.raises(MeetingError, match="was already published on Friday 1 December 2023:"
                                           " an agenda is published once"):
        meetings.publish(dec, ASC, DEC)
    assert meetings.meeting_list(dec)[0].published_on == dt.date(2023, 12, 1)
    # The agenda keeps the membership it printed when the committee changes.
    committees.remove_member(dec, ASC, "Mr D Ross")
    assert [m.member for m in meetings.meeting(dec, ASC, DEC).committee.membership] == [
        "Mr A M Ridgers", "Ms L Wright", "Mr D Ross"]


def test_late_publication_needs_a_reason(dec: Desk) -> None:
    dec.clock.day = dt.date(2023, 12, 8)
    before = everything(dec)
    with pytest.raises(MeetingError, match="publishing on Friday 8 December 2023 is late: the"
                                           " agenda had to be published by Wednesday 6"
                                           " December 2023"):
        meetings.publish(dec, ASC, DEC)
    assert everything(dec) == before
    done = meetings.publish(dec, ASC, DEC, late_reason="Urgent budget report")
    assert done.message == (
        f"Published {AGENDA_DEC}, on Friday 8 December 2023, after the deadline of Wednesday"
        " 6 December 2023: it is flagged late, with the reason: Urgent budget report.")
    p = meetings.meeting(dec, ASC, DEC).publication
    assert (p.status, p.late_reason) == ("late", "Urgent budget report")
    assert dec.store.meeting(ASC, DEC).meeting.late_reason == "Urgent budget report"
    with pytest.raises(MeetingError, match="an agenda is published once"):
        meetings.publish(dec, ASC, DEC, dt.date(2023, 12, 8), "Another reason")
    meetings.create_meeting(dec, ASC, dt.date(2023, 12, 7))
    with pytest.raises(MeetingError, match="cannot be published on Friday 8 December 2023:"
                                           " the meeting is on Thursday 7 December 2023"):
        meetings.publish(dec, ASC, dt.date(2023, 12, 7), late_reason="Too late")


def test_the_reason_for_an_imported_late_publication_afterwards(
        any_desk: Desk, sample_doc, tmp_path) -> None:
    from tests.usecase_fixtures import import_dict

    sample_doc["meetings"][0]["published_on"] = "2023-11-20"  # the deadline was the 15th
    import_dict(any_desk, sample_doc, tmp_path / "late")
    any_desk.clock.day = dt.date(2023, 11, 21)
    p = meetings.meeting(any_desk, ASC, NOV).publication
    assert (p.status, p.late_reason) == ("late", None)
    with pytest.raises(MeetingError, match="with no reason recorded: to record the reason,"
                                           " give it with the date it was published"
                                           " \\(2023-11-20\\)"):
        meetings.publish(any_desk, ASC, NOV, dt.date(2023, 11, 21), "Late papers")
    done = meetings.publish(any_desk, ASC, NOV, dt.date(2023, 11, 20), "Late papers")
    assert done.message == (
        "Recorded the reason for the late publication of the agenda of Adult Social Care"
        " Cabinet Committee, Thursday 23 November 2023 (published Monday 20 November 2023,"
        " after the deadline of Wednesday 15 November 2023): Late papers.")
    assert done.value.reason_only
    p = meetings.meeting(any_desk, ASC, NOV).publication
    assert (p.status, p.published_on, p.late_reason) == ("late", dt.date(2023, 11, 20),
                                                         "Late papers")
    record = any_desk.store.meeting(ASC, NOV)
    assert (record.published_late, record.published_by) == (True, None)
    with pytest.raises(MeetingError, match="an agenda is published once"):
        meetings.publish(any_desk, ASC, NOV, dt.date(2023, 11, 20), "Again")


def test_recording_the_membership_printed(dec: Desk) -> None:
    done = meetings.record_membership(dec, ASC, DEC, [Membership("Mr D Ross", "chairman")],
                                      seats=1, party_seats={"Labour": 1})
    assert done.message == f"Recorded the membership printed on {AGENDA_DEC}."
    details = meetings.meeting(dec, ASC, DEC)
    assert details.membership_recorded
    assert (details.committee.membership, details.committee.seats,
            details.committee.party_seats) == ([Membership("Mr D Ross", "chairman")], 1,
                                               {"Labour": 1})
    assert dec.store.meeting(ASC, DEC).published_late is False  # details, nothing published
    with pytest.raises(MeetingError, match="'Mr Nobody' is not a member in the register"):
        meetings.record_membership(dec, ASC, DEC, [Membership("Mr Nobody", "member")])
    meetings.record_membership(dec, ASC, DEC)  # the committee's, as it is now
    assert [m.member for m in meetings.meeting(dec, ASC, DEC).committee.membership] == [
        "Mr A M Ridgers", "Ms L Wright", "Mr D Ross"]
    assert decisions.audit_trail(dec, "meeting", f"{ASC} 2023-12-14")[-1].action == \
        "record_membership"


def test_an_imported_published_meeting_keeps_its_membership(sample_desk: Desk) -> None:
    record = sample_desk.store.meeting(ASC, NOV)
    assert record.recorded is not None and record.published_late is False
    assert [m.member for m in record.recorded.membership] == [
        "Mr A M Ridgers", "Ms L Wright", "Mr D Ross"]
    assert meetings.meeting(sample_desk, ASC, NOV).publication.status == "on_time"
    assert meetings.add_item(sample_desk, ASC, NOV, "Late item").message.endswith(REPUBLISH)


def test_the_meetings_listed(sample_desk: Desk) -> None:
    meetings.create_meeting(sample_desk, ASC, dt.date(2024, 1, 18))
    meetings.create_meeting(sample_desk, ASC, dt.date(2023, 9, 1))
    assert [m.date for m in meetings.meeting_list(sample_desk)] == [
        dt.date(2024, 1, 18), NOV, dt.date(2023, 9, 1)]
    assert [m.meeting.date for m in meetings.agendas(sample_desk)] == [
        dt.date(2023, 9, 1), NOV, dt.date(2024, 1, 18)]
    assert [m.date for m in sample_desk.store.meetings()] == [NOV, dt.date(2024, 1, 18),
                                                              dt.date(2023, 9, 1)]
    sept = meetings.meeting(sample_desk, ASC, dt.date(2023, 9, 1)).meeting
    assert sept.items[3].title == "Minutes of the previous meeting"
