"""Setting a council up from nothing (``governance.council``), on every store: the council,
posts and their holders (with their history), members, committees with their clerk and
Proper Officer, a year's meetings in one go; each checked whole, refused in one sentence
with nothing changed, and audited."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import committees, council, decisions, exchange, meetings
from governance.desk import Desk
from governance.model import Assessment, Council, DecisionPart, Member, Post

ROADS = "Roads Cabinet Committee"
CABINET_MEMBER = "Cabinet Member for Roads"
MAY, JULY, SEPTEMBER = dt.date(2027, 5, 20), dt.date(2027, 7, 15), dt.date(2027, 9, 23)


def trail(desk: Desk) -> list[tuple[str, str, str]]:
    return [(r.entity, r.entity_key, r.action) for r in decisions.audit_trail(desk)]


def set_up(desk: Desk) -> Desk:
    council.set_council(desk, "Wessex County Council", 500_000)
    council.add_post(desk, "General Counsel", "Ann Lee", "01234 567890", "ann.lee@wessex.gov.uk")
    council.add_post(desk, "Democratic Services Officer", "Bob Kay", "01234 567891",
                     "bob.kay@wessex.gov.uk")
    council.add_post(desk, CABINET_MEMBER, "Mr C Dee")
    council.add_member(desk, "Mr C Dee", "Conservative")
    council.add_member(desk, "Mrs E Fox", "Labour", "MBE")
    council.new_committee(desk, ROADS, "cabinet_committee", 3, "Bob Kay", "General Counsel")
    return desk


def test_a_council_is_set_up_from_nothing_and_every_step_is_audited(any_desk):
    desk = set_up(any_desk)
    assert desk.store.council() == Council("Wessex County Council", 500_000)
    assert desk.store.posts()[0] == Post("General Counsel", "Ann Lee", "01234 567890",
                                         "ann.lee@wessex.gov.uk")
    assert desk.store.members() == [Member("Mr C Dee", "Conservative"),
                                    Member("Mrs E Fox", "Labour", "MBE")]
    made = committees.committee(desk, ROADS)
    assert (made.kind, made.seats, made.membership) == ("cabinet_committee", 3, [])
    assert council.committee_officers(desk, ROADS) == council.Officers("Bob Kay",
                                                                       "General Counsel")
    assert trail(desk) == [
        ("council", "council", "set"), ("post", "General Counsel", "add_post"),
        ("post", "Democratic Services Officer", "add_post"),
        ("post", CABINET_MEMBER, "add_post"), ("member", "Mr C Dee", "add_member"),
        ("member", "Mrs E Fox", "add_member"), ("committee", ROADS, "new_committee")]


def test_a_year_of_meetings_is_scheduled_in_one_go_with_the_committees_officers(any_desk):
    desk = set_up(any_desk)
    done = council.schedule_meetings(desk, ROADS, [JULY, MAY, SEPTEMBER], "10:00",
                                     "Council Chamber")
    assert done.message == (
        f"Scheduled 3 meetings of {ROADS}: Thursday 20 May 2027, Thursday 15 July 2027,"
        " Thursday 23 September 2027; the first agenda is to be published by Wednesday 12"
        " May 2027.")
    assert desk.store.meeting_dates(ROADS) == [MAY, JULY, SEPTEMBER]
    details = meetings.meeting(desk, ROADS, JULY)
    assert (details.meeting.time, details.meeting.venue) == ("10:00", "Council Chamber")
    assert (details.clerk.holder, details.proper_officer.holder) == (
        "Bob Kay", "Ann Lee")
    assert details.meeting.items[-1].title == "Work Programme"
    # A scheduled meeting takes items like any other.
    meetings.add_item(desk, ROADS, MAY, title="Pothole strategy")
    assert "Pothole strategy" in [i.title for i in meetings.meeting(desk, ROADS, MAY)
                                  .meeting.items]


@pytest.mark.parametrize("dates, time, refusal", [
    ([MAY, JULY, MAY], None, "Thursday 20 May 2027 is given twice; no meeting was scheduled"),
    ([MAY], "25:00", "'25:00' is not a time (HH:MM, 24-hour); no meeting was scheduled"),
    ([], None, "give the meetings' dates, e.g. 2027-05-20,2027-07-15"),
])
def test_a_date_list_that_is_wrong_anywhere_schedules_nothing(any_desk, dates, time, refusal):
    desk = set_up(any_desk)
    before = trail(desk)
    with pytest.raises(council.SetUpError) as caught:
        council.schedule_meetings(desk, ROADS, dates, time)
    assert str(caught.value) == refusal
    assert (desk.store.meeting_dates(ROADS), trail(desk)) == ([], before)


def test_one_date_already_taken_schedules_none_of_the_others(any_desk):
    desk = set_up(any_desk)
    council.schedule_meetings(desk, ROADS, [JULY])
    with pytest.raises(council.SetUpError, match=f"{ROADS} already has a meeting on Thursday"
                       " 15 July 2027; no meeting was scheduled"):
        council.schedule_meetings(desk, ROADS, [MAY, JULY, SEPTEMBER])
    assert desk.store.meeting_dates(ROADS) == [JULY]


def test_parse_dates_names_the_bad_one():
    assert council.parse_dates("2027-05-20, 2027-07-15") == [MAY, JULY]
    with pytest.raises(council.SetUpError, match="'2027-02-31' is not a date"):
        council.parse_dates("2027-05-20,2027-02-31")


@pytest.mark.parametrize("call, refusal", [
    (lambda d: council.add_post(d, "General Counsel"),
     "there is a post called 'General Counsel' already: change it with post edit (Save post"
     " in the window)"),
    (lambda d: council.add_post(d, "Head of Roads", email="roads at wessex"),
     "'roads at wessex' is not an e-mail address for Head of Roads (e.g."
     " name@council.gov.uk)"),
    (lambda d: council.add_post(d, "Head of Roads", phone="ring me"),
     "'ring me' is not a telephone number for Head of Roads (digits and spaces, e.g. 03000"
     " 416814)"),
    (lambda d: council.add_member(d, "Mr C Dee"),
     "Mr C Dee is in the register already: change them with member edit (Save member in the"
     " window)"),
    (lambda d: council.new_committee(d, ROADS, "cabinet_committee"),
     f"there is a committee called {ROADS!r} already"),
    (lambda d: council.new_committee(d, "Scrutiny", "jury"),
     "'jury' is not a kind of committee (one of cabinet_committee, cabinet, scrutiny,"
     " council, other)"),
    (lambda d: council.new_committee(d, "Scrutiny", "scrutiny", clerk="Nobody"),
     "the clerk (Ask for) is someone who holds a post in the register, and 'Nobody' holds"
     " none (post holders: Ann Lee, Bob Kay, Mr C Dee): add their post first"),
    (lambda d: council.new_committee(d, "Scrutiny", "scrutiny", proper_officer="Mayor"),
     "the Proper Officer is a post, and 'Mayor' is not a post in the register (posts:"
     f" {CABINET_MEMBER}, Democratic Services Officer, General Counsel)"),
    (lambda d: council.set_council(d, key_decision_threshold=-5),
     "the key decision threshold is a sum in whole pounds above 0, not -5"),
    (lambda d: council.edit_post(d, "Mayor", holder="X"),
     "there is no post called 'Mayor' in the register (posts: Cabinet Member for Roads,"
     " Democratic Services Officer, General Counsel)"),
])
def test_each_refusal_is_one_sentence_and_changes_nothing(any_desk, call, refusal):
    desk = set_up(any_desk)
    before = (trail(desk), desk.store.posts(), desk.store.members(),
              desk.store.committees(), desk.store.council())
    with pytest.raises(council.SetUpError) as caught:
        call(desk)
    assert str(caught.value) == refusal
    assert (trail(desk), desk.store.posts(), desk.store.members(),
            desk.store.committees(), desk.store.council()) == before


def test_a_member_cannot_change_group_out_of_the_seats_they_sit_in(any_desk):
    desk = set_up(any_desk)
    committees.set_seats(desk, ROADS, 3, {"Conservative": 2, "Labour": 1})
    committees.add_member(desk, ROADS, "Mr C Dee", "chairman")
    with pytest.raises(council.SetUpError, match="Mr C Dee cannot change group: Mr C Dee"
                       r" \(Green\) cannot sit on Roads Cabinet Committee"):
        council.edit_member(desk, "Mr C Dee", party="Green")
    done = council.edit_member(desk, "Mrs E Fox", honours="")
    assert done.message == "Changed Mrs E Fox: honours none."
    assert committees.members(desk)["Mrs E Fox"] == Member("Mrs E Fox", "Labour", None)


def test_a_new_post_holder_keeps_the_history_and_new_agendas_print_them(any_desk):
    desk = set_up(any_desk)
    council.schedule_meetings(desk, ROADS, [MAY])
    desk.clock.day = dt.date(2023, 11, 25)
    done = council.edit_post(desk, "General Counsel", holder="Dan Gee",
                             email="dan.gee@wessex.gov.uk", on=dt.date(2023, 11, 20))
    assert done.message == ("Changed General Counsel: holder Dan Gee from Monday 20 November"
                            " 2023, e-mail dan.gee@wessex.gov.uk; Ann Lee held it until"
                            " Monday 20 November 2023.")
    assert [str(h) for h in council.post_history(desk, "General Counsel")] == [
        "Ann Lee, from Wednesday 1 November 2023 to Monday 20 November 2023",
        "Dan Gee, from Monday 20 November 2023 (holds it now)"]
    history = council.post_history(desk, "General Counsel")
    assert [(h.holder, h.held_to) for h in history] == [
        ("Ann Lee", dt.date(2023, 11, 20)), ("Dan Gee", None)]
    assert meetings.meeting(desk, ROADS, MAY).proper_officer.holder == "Dan Gee"
    assert trail(desk)[-1][1:] == ("General Counsel", "edit_post")


def test_a_new_holder_cannot_start_before_the_one_they_follow(any_desk):
    desk = set_up(any_desk)
    council.edit_post(desk, "General Counsel", holder="Dan Gee", on=dt.date(2023, 11, 1))
    with pytest.raises(council.SetUpError, match="record a new holder of General Counsel on"
                       " the day they take the post, not before"):
        council.edit_post(desk, "General Counsel", holder="Eve Ash", on=dt.date(2023, 11, 2))
    with pytest.raises(council.SetUpError, match="Dan Gee has held General Counsel since"
                       " Wednesday 1 November 2023: a new holder takes it on or after that"
                       " day"):
        council.edit_post(desk, "General Counsel", holder="Eve Ash", on=dt.date(2023, 6, 1))
    assert [h.holder for h in council.post_history(desk, "General Counsel")] == [
        "Ann Lee", "Dan Gee"]


def test_a_taken_record_keeps_the_holder_who_signed_it(any_desk):
    desk = set_up(any_desk)
    council.schedule_meetings(desk, ROADS, [dt.date(2023, 11, 23)])
    d = decisions.create_decision(
        desk, "Pothole strategy", year=2023, decision_maker=CABINET_MEMBER,
        key_decision=False, parts=[DecisionPart("APPROVE", "the Pothole Strategy")],
        interests_declared="N/A", eqia=Assessment("completed"),
        dpia=Assessment("not_required"), route="committee").value
    decisions.transition(desk, d.number, "record_outcome", committee=ROADS,
                         on=dt.date(2023, 11, 23), outcome="endorsed",
                         today=dt.date(2023, 11, 24))
    desk.clock = lambda: dt.date(2023, 11, 30)  # signed the day it is taken, after the meeting
    taken = decisions.transition(desk, d.number, "take", on=dt.date(2023, 11, 30)).value
    assert taken.signed_by == "Mr C Dee"
    council.edit_post(desk, CABINET_MEMBER, holder="Mrs G Hale")
    assert decisions.decision(desk, d.number).signed_by == "Mr C Dee"
    assert next(p for p in desk.store.posts() if p.title == CABINET_MEMBER).holder == \
        "Mrs G Hale"


def test_the_demo_mark_goes_when_the_council_is_named(any_desk):
    desk = any_desk
    assert council.needs_setting_up(desk)
    exchange.load_demo(desk)
    assert council.is_demo(desk) and not council.needs_setting_up(desk)
    council.set_council(desk, key_decision_threshold=2_000_000)
    assert council.is_demo(desk)  # the threshold alone does not make it the clerk's own
    done = council.set_council(desk, "Wessex County Council")
    assert not council.is_demo(desk)
    assert done.message == ("The council is Wessex County Council; a key decision is one of"
                            " more than £2,000,000; the register is no longer marked as the"
                            " demo.")


def test_new_meeting_offers_the_committees_own_clerk_and_proper_officer(any_desk):
    desk = set_up(any_desk)
    assert council.meeting_defaults(desk)[ROADS] == {
        "notices": [], "clerk": "Bob Kay", "proper_officer": "General Counsel"}
    council.set_committee_officers(desk, ROADS, clerk="Ann Lee")
    council.schedule_meetings(desk, ROADS, [MAY])
    assert meetings.meeting(desk, ROADS, MAY).meeting.clerk == "Ann Lee"
    assert council.meeting_defaults(desk)[ROADS]["clerk"] == "Ann Lee"
