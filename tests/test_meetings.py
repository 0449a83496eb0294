"""Meetings in the store: publication against the statutory deadline, standing items
from the committee's template, the order of items, exempt paragraphs, the membership as
printed, and the clerk's and proper officer's details."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import pytest

from governance import committees, decisions, meetings
from governance.agenda import MeetingError, StandingItem
from governance.calendar import agenda_publication_deadline
from governance.model import Membership
from tests.conftest import load_demo_without_papers

ASC = "Adult Social Care Cabinet Committee"
NOV_2023 = dt.date(2023, 11, 23)
MAR_2019 = dt.date(2019, 3, 12)


@pytest.fixture
def demo(register):
    load_demo_without_papers(register)
    return register


def _titles(register, date: dt.date) -> list[str]:
    return [i.title for i in meetings.meeting(register, ASC, date).meeting.items]


# --- publication ---------------------------------------------------------------------


def test_the_demo_meetings_were_published_on_their_deadlines(demo):
    for date, published in ((NOV_2023, dt.date(2023, 11, 15)), (MAR_2019, dt.date(2019, 3, 4))):
        pub = meetings.meeting(demo, ASC, date).publication
        assert (pub.deadline, pub.published_on, pub.late, pub.status) == (
            published, published, False, "on_time")


def _unpublished(desk, date: dt.date) -> None:
    """The meeting as if its agenda had not been published (an agenda is published once)."""
    desk.store.db.execute("UPDATE meetings SET published_on = NULL WHERE date = ?",
                          [date.isoformat()])


def test_publishing_on_time_records_the_date(demo):
    _unpublished(demo, NOV_2023)
    pub = meetings.publish(demo, ASC, NOV_2023, dt.date(2023, 11, 14)).value.publication
    assert (pub.status, pub.published_on, pub.late_reason) == ("on_time",
                                                               dt.date(2023, 11, 14), None)
    stored = meetings.meeting(demo, ASC, NOV_2023)
    assert stored.meeting.published_on == dt.date(2023, 11, 14)
    assert stored.publication.status == "on_time"
    row = decisions.audit_trail(demo, "meeting")[-1]
    assert (row["action"], row["entity_key"]) == ("publish_agenda", f"{ASC} 2023-11-23")


def test_publishing_late_without_a_reason_is_refused(demo):
    _unpublished(demo, NOV_2023)
    with pytest.raises(MeetingError) as caught:
        meetings.publish(demo, ASC, NOV_2023, dt.date(2023, 11, 16))
    assert str(caught.value) == (
        "publishing on Thursday 16 November 2023 is late: the agenda had to be published by"
        " Wednesday 15 November 2023 (5 clear working days before the meeting on Thursday 23"
        " November 2023); give the reason for late publication (the urgent business) to"
        " publish it late")
    assert meetings.meeting(demo, ASC, NOV_2023).meeting.published_on is None


def test_publishing_late_with_a_reason_is_recorded_and_flagged(demo):
    reason = "The Pressures Plan grant conditions were only confirmed on 15 November"
    _unpublished(demo, NOV_2023)
    pub = meetings.publish(demo, ASC, NOV_2023, dt.date(2023, 11, 17),
                           f"  {reason} ").value.publication
    assert (pub.late, pub.late_reason, pub.status) == (True, reason, "late")
    stored = meetings.meeting(demo, ASC, NOV_2023).publication
    assert (stored.late, stored.late_reason, stored.published_on) == (
        True, reason, dt.date(2023, 11, 17))
    after = decisions.audit_trail(demo, "meeting")[-1]
    assert '"late": true' in after["after"] and reason in after["after"]


def test_the_deadline_comes_from_the_statutory_calendar(demo):
    """Meeting Tuesday 7 January 2025: the Christmas and New Year bank holidays move the
    deadline back into December."""
    meetings.create_meeting(demo, ASC, dt.date(2025, 1, 7), time="10:00")
    deadline = agenda_publication_deadline(dt.date(2025, 1, 7))
    assert deadline == dt.date(2024, 12, 27)
    with pytest.raises(MeetingError, match="Friday 27 December 2024"):
        meetings.publish(demo, ASC, dt.date(2025, 1, 7), dt.date(2024, 12, 30))
    assert meetings.publish(demo, ASC, dt.date(2025, 1, 7),
                            deadline).value.publication.late is False


def test_an_agenda_cannot_be_published_on_the_day_of_the_meeting(demo):
    _unpublished(demo, NOV_2023)
    with pytest.raises(MeetingError, match="the meeting is on Thursday 23 November 2023"):
        meetings.publish(demo, ASC, NOV_2023, NOV_2023, "urgent")


def test_the_store_itself_refuses_a_late_flag_without_a_reason(demo):
    _unpublished(demo, NOV_2023)
    meetings.publish(demo, ASC, NOV_2023, dt.date(2023, 11, 15))
    with pytest.raises(sqlite3.IntegrityError):
        demo.store.db.execute("UPDATE meeting_details SET published_late = 1, late_reason = ' '")


# --- membership as printed --------------------------------------------------------------


def test_publishing_records_the_membership_it_printed(demo):
    december = dt.date(2026, 12, 15)
    meetings.create_meeting(demo, ASC, december)
    assert meetings.meeting(demo, ASC, december).membership_recorded is False
    demo.clock = lambda: dt.date(2026, 12, 4)
    meetings.publish(demo, ASC, december, dt.date(2026, 12, 4))
    stored = meetings.meeting(demo, ASC, december)
    assert stored.membership_recorded
    assert stored.committee.membership[0] == Membership("Mr A M Ridgers", "chairman")
    assert (stored.committee.seats, len(stored.committee.membership)) == (17, 16)


def test_an_imported_published_agenda_keeps_the_membership_it_came_with(demo):
    """The 2023 agenda came in published: a later change to the committee (a new
    Chairman) does not rewrite it; an agenda still to be published follows the change."""
    assert meetings.meeting(demo, ASC, NOV_2023).membership_recorded
    demo.store.db.execute("UPDATE memberships SET role = 'member' WHERE role = 'chairman'")
    demo.store.db.execute("UPDATE memberships SET role = 'chairman' WHERE member_id ="
                          " (SELECT id FROM members WHERE name = 'Mrs P T Cole')")
    assert meetings.meeting(demo, ASC, NOV_2023).committee.membership[0] == Membership(
        "Mr A M Ridgers", "chairman")
    meetings.create_meeting(demo, ASC, dt.date(2026, 12, 15))
    chair = [m for m in meetings.meeting(demo, ASC, dt.date(2026, 12, 15)).committee.membership
             if m.role == "chairman"]
    assert chair == [Membership("Mrs P T Cole", "chairman")]


def test_a_past_meetings_membership_can_be_recorded_and_publishing_keeps_it(demo):
    meetings.record_membership(demo, ASC, MAR_2019, [Membership("Mrs P T Cole", "chairman"),
                                                     Membership("Mrs C Bell", "vice_chairman")],
                               seats=15, party_seats={"Conservative": 12})
    _unpublished(demo, MAR_2019)
    meetings.publish(demo, ASC, MAR_2019, dt.date(2019, 3, 4))
    committee = meetings.meeting(demo, ASC, MAR_2019).committee
    assert [m.member for m in committee.membership] == ["Mrs P T Cole", "Mrs C Bell"]
    assert (committee.seats, committee.party_seats) == (15, {"Conservative": 12})
    # The committee itself is unchanged.
    assert meetings.meeting(demo, ASC, NOV_2023).committee.membership[0].member == \
        "Mr A M Ridgers"


def test_an_unknown_member_cannot_be_recorded(demo):
    with pytest.raises(MeetingError, match="'Mr X' is not a member in the register"):
        meetings.record_membership(demo, ASC, MAR_2019, [Membership("Mr X", "member")])


# --- clerk and proper officer -----------------------------------------------------------


def test_the_clerk_and_proper_officer_come_from_their_posts(demo):
    details = meetings.meeting(demo, ASC, NOV_2023)
    assert (details.clerk.holder, details.clerk.phone, details.clerk.email) == (
        "Dominic Westhoff", "03000 412188", "dominic.westhoff@kent.gov.uk")
    assert (details.proper_officer.holder, details.proper_officer.title,
            details.proper_officer.phone) == ("Benjamin Watts", "General Counsel",
                                              "03000 416814")
    # The 2019 clerk's post, as her agenda printed it (recorded with the demo register).
    clerk_2019 = meetings.meeting(demo, ASC, MAR_2019).clerk
    assert (clerk_2019.holder, clerk_2019.phone) == ("Emma West", "03000 412421")


def test_a_past_meeting_prints_the_membership_of_its_day_not_todays(demo):
    past = meetings.meeting(demo, ASC, MAR_2019)
    assert past.membership_recorded
    assert (past.committee.membership[0].member, past.committee.membership[0].role) == \
        ("Mrs P T Cole", "chairman")
    assert len(past.committee.membership) == 14 and past.committee.seats == 15
    now = meetings.meeting(demo, ASC, NOV_2023).committee.membership
    assert (now[0].member, now[0].role) == ("Mr A M Ridgers", "chairman")


def test_an_unknown_meeting_names_what_there_is(demo):
    with pytest.raises(MeetingError) as caught:
        meetings.meeting(demo, ASC, dt.date(2023, 11, 24))
    assert str(caught.value) == (f"{ASC} has no meeting on 2023-11-24 (its meetings:"
                                 " 2019-03-12, 2023-11-23)")
    with pytest.raises(MeetingError, match="no committee called 'Adult Care'"):
        meetings.meeting(demo, "Adult Care", NOV_2023)


# --- standing items ---------------------------------------------------------------------


def test_a_new_meeting_opens_and_closes_with_the_usual_standing_items(demo):
    meetings.create_meeting(demo, ASC, dt.date(2024, 1, 18), time="14:00",
                            clerk="Dominic Westhoff", proper_officer="General Counsel",
                            notices=["webcasting"])
    details = meetings.meeting(demo, ASC, dt.date(2024, 1, 18))
    assert [(i.title, i.standing) for i in details.meeting.items] == [
        ("Introduction/Webcasting Announcement", True),
        ("Apologies and Substitutes", True),
        ("Declarations of Interest by Members in items on the agenda", True),
        ("Minutes of the meeting held on 23 November 2023", True),
        ("Verbal Updates by Cabinet Member and Corporate Director", True),
        ("Work Programme", True)]
    assert details.meeting.items[3].description == \
        "To consider and approve the minutes as a correct record."
    assert details.meeting.notices == ["webcasting"]


def test_a_committees_own_template_is_used(demo):
    committee = "Cabinet"
    committees.set_standing(
        demo, committee,
        [StandingItem("Apologies"), StandingItem("Minutes of {previous_meeting}",
                                                 "Minutes of {previous_meeting} to sign")],
        [StandingItem("Forthcoming Executive Decisions")])
    assert meetings.standing_items(demo, committee).recorded
    meetings.create_meeting(demo, committee, dt.date(2024, 2, 1))
    meetings.create_meeting(demo, committee, dt.date(2024, 3, 7))
    assert _titles_of(demo, committee, dt.date(2024, 2, 1)) == [
        "Apologies", "Minutes of the previous meeting", "Forthcoming Executive Decisions"]
    march = meetings.meeting(demo, committee, dt.date(2024, 3, 7)).meeting
    assert [i.title for i in march.items] == [
        "Apologies", "Minutes of 1 February 2024", "Forthcoming Executive Decisions"]
    assert march.items[1].description == "Minutes of 1 February 2024 to sign"
    # Other committees keep Kent's usual set.
    assert not meetings.standing_items(demo, ASC).recorded


def _titles_of(register, committee: str, date: dt.date) -> list[str]:
    return [i.title for i in meetings.meeting(register, committee, date).meeting.items]


def test_a_meeting_cannot_be_created_twice(demo):
    with pytest.raises(MeetingError, match="already has a meeting on 2023-11-23"):
        meetings.create_meeting(demo, ASC, NOV_2023)


# --- items ------------------------------------------------------------------------------


def test_items_are_added_before_the_closing_standing_items_and_reordered(demo):
    date = dt.date(2024, 1, 18)
    meetings.create_meeting(demo, ASC, date)
    number, _title = meetings.add_item(demo, ASC, date, "Accommodation Strategy Refresh",
                                       before=6, description="To receive a report").value
    assert number == "6"
    assert _titles(demo, date)[5:] == ["Accommodation Strategy Refresh", "Work Programme"]
    meetings.move_item(demo, ASC, date, 6, 5)
    assert _titles(demo, date)[4:] == ["Accommodation Strategy Refresh",
                                       "Verbal Updates by Cabinet Member and Corporate"
                                       " Director", "Work Programme"]
    assert decisions.audit_trail(demo, "meeting")[-1]["action"] == "reorder_items"


def test_a_move_to_no_place_on_the_agenda_is_refused(demo):
    with pytest.raises(MeetingError, match="has no place 12 to move to: give an item number"
                                           " from 1 to 11"):
        meetings.move_item(demo, ASC, NOV_2023, 1, 12)
    assert _titles(demo, NOV_2023)[0] == "Introduction/Webcasting Announcement"


def test_sub_items_are_addressed_by_letter(demo):
    item, _title = meetings.add_item(demo, ASC, NOV_2023, "Decisions Taken Outside of the"
                                     " Cabinet Committee Cycle", before=11).value
    assert item == "11"
    assert meetings.add_item(demo, ASC, NOV_2023, "S75 Variation", parent=11).value[0] == "11a"
    assert meetings.add_item(demo, ASC, NOV_2023, "Beds Framework",
                             parent="11").value[0] == "11b"
    meetings.move_item(demo, ASC, NOV_2023, "11b", "a")
    meetings.set_item_exempt(demo, ASC, NOV_2023, "11(b)", 3)
    sub = meetings.meeting(demo, ASC, NOV_2023).meeting.items[10].items
    assert [(s.title, s.exempt_paragraph) for s in sub] == [("Beds Framework", None),
                                                            ("S75 Variation", 3)]


@pytest.mark.parametrize("paragraph, message", [
    (8, "8 is not a paragraph of Part 1 of Schedule 12A (1 to 7)"),
    (0, "0 is not a paragraph of Part 1 of Schedule 12A (1 to 7)"),
])
def test_exempt_paragraphs_are_those_of_schedule_12a(demo, paragraph, message):
    with pytest.raises(MeetingError, match=re.escape(message)):
        meetings.set_item_exempt(demo, ASC, NOV_2023, 5, paragraph)


def test_an_item_that_does_not_exist_is_named(demo):
    with pytest.raises(MeetingError, match="has no item 12 \\(it has 11 items\\)"):
        meetings.set_item_exempt(demo, ASC, NOV_2023, 12, 3)
    with pytest.raises(MeetingError, match="'7x7' is not an agenda item number"):
        meetings.set_item_exempt(demo, ASC, NOV_2023, "7x7", 3)


def test_a_paper_can_be_made_exempt_and_public_again(demo, make_pdf):
    meetings.attach_papers(demo, ASC, NOV_2023, 7, [("report.pdf", make_pdf("report"))])
    meetings.attach_papers(demo, ASC, NOV_2023, 7, [("scores.pdf", make_pdf("scores"))])
    meetings.set_paper_exempt(demo, ASC, NOV_2023, 7, 2, 3)
    papers = meetings.meeting(demo, ASC, NOV_2023).meeting.items[6].papers
    assert [(p.path, p.exempt_paragraph) for p in papers] == [("report.pdf", None),
                                                              ("scores.pdf", 3)]
    meetings.set_paper_exempt(demo, ASC, NOV_2023, 7, 2, None)
    assert meetings.meeting(demo, ASC, NOV_2023).meeting.items[6].papers[1].exempt_paragraph \
        is None
    with pytest.raises(MeetingError, match="has no paper 3"):
        meetings.set_paper_exempt(demo, ASC, NOV_2023, 7, 3, 3)


def test_a_decision_item_says_what_the_committee_is_to_do_unless_told(demo):
    december = dt.date(2026, 12, 15)
    meetings.create_meeting(demo, ASC, december)
    number, title = meetings.add_item(demo, ASC, december, None, decision="23/00098").value
    number2, _ = meetings.add_item(demo, ASC, december, "Care home fees",
                                   decision="23/00091",
                                   description="To receive a report on fees.").value
    items = meetings.meeting(demo, ASC, december).meeting.items
    added = {item.decision: item for item in items if item.decision}
    assert added["23/00098"].title == title
    assert added["23/00098"].description == (
        "To receive a report and to consider and either endorse or make recommendations to"
        " the Cabinet Member for Adult Social Care and Public Health on the proposed"
        " decision.")
    assert added["23/00091"].description == "To receive a report on fees."


def test_a_sub_item_may_go_before_another_of_its_items_sub_items(demo):
    meetings.add_item(demo, ASC, NOV_2023, "Outside the cycle", before=11)
    meetings.add_item(demo, ASC, NOV_2023, "First", parent=11)
    meetings.add_item(demo, ASC, NOV_2023, "Third", parent=11)
    assert meetings.add_item(demo, ASC, NOV_2023, "Second", parent=11,
                             before="11b").value == ("11b", "Second")
    assert [s.title for s in meetings.meeting(demo, ASC, NOV_2023).meeting.items[10].items] \
        == ["First", "Second", "Third"]
    with pytest.raises(MeetingError, match="item 7 is not among the items this one joins"):
        meetings.add_item(demo, ASC, NOV_2023, "Fourth", parent=11, before=7)
