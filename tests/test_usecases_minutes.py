"""Meeting day and the minutes (issue 15) on every store: attendance, declarations, each
item's minute and resolution kept in the meeting's minute book; the minutes worded from it
as Kent's are (22 January 2019, 13 September 2023); a decision item's resolution and the
committee's outcome one fact; numbering run on from meeting to meeting; approval at the
next meeting, frozen after; a cancelled meeting not minuted; exempt minutes kept out of
the public version."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import council, decisions, documents, meetings, minutes
from governance.desk import Desk
from governance.errors import StoreError, UserError
from governance.minute_book import MinuteBook
from governance.model import Decision, DecisionPart
from tests.conftest import ASC
from tests.usecase_fixtures import everything

SEP, NOV, JAN = dt.date(2023, 9, 13), dt.date(2023, 11, 23), dt.date(2024, 1, 18)
CABINET_MEMBER = "Cabinet Member for Adult Social Care and Public Health"
SMITH = "Richard Smith (Corporate Director of Adult Social Care and Health)"
WESTHOFF = "Dominic Westhoff (Democratic Services Officer)"


@pytest.fixture
def desk(sample_desk: Desk) -> Desk:
    """The sample with Kent's September 2023 meeting before November's (the standing
    items, an exempt item), more members, and the clock after November's meeting."""
    d = sample_desk
    council.add_member(d, "Mr S J G Koowaree", "Liberal Democrat")
    council.add_member(d, "Mrs T Dean", "Liberal Democrat", "MBE")
    council.add_member(d, "Mr D Watkins", "Conservative")
    meetings.create_meeting(d, ASC, SEP, venue="Council Chamber, Sessions House, County"
                            " Hall, Maidstone")
    meetings.add_item(d, ASC, SEP, "Property Security Contract Award", exempt_paragraph=3)
    meetings.add_item(d, ASC, NOV, "Minutes of the meeting held on 13 September 2023",
                      before=2, standing=True)
    meetings.add_item(d, ASC, NOV, "Declarations of Interest by Members in items on the"
                      " agenda", before=2, standing=True)
    d.clock.day = dt.date(2023, 12, 1)
    return d


def _attend_sep(desk: Desk) -> None:
    minutes.set_attendance(
        desk, ASC, SEP, present=["Mr A M Ridgers", "Ms L Wright", "Mr D Ross"],
        substitutes=["Mr S J G Koowaree=Mrs T Dean"], also_present=["Mr D Watkins"],
        in_attendance=[SMITH, WESTHOFF], virtual=["Mr D Ross"])


def test_the_minutes_name_who_came_as_kent_prints_them(desk: Desk) -> None:
    _attend_sep(desk)
    m = minutes.minutes(desk, ASC, SEP)
    assert m.venue == "Council Chamber, Sessions House, County Hall, Maidstone"
    assert m.present == ("Mr A M Ridgers (Chairman)", "Ms L Wright (Vice-Chairman)",
                         "Mr D Ross, MBE (virtual)",
                         "Mrs T Dean, MBE (Substitute for Mr S J G Koowaree)")
    assert m.also_present == ("Mr D Watkins",)
    assert m.in_attendance == (SMITH, WESTHOFF)
    assert m.state == "draft"


def test_the_opening_minutes_are_worded_from_what_was_recorded(desk: Desk) -> None:
    _attend_sep(desk)
    minutes.set_first_number(desk, ASC, SEP, 148)
    m = minutes.minutes(desk, ASC, SEP)
    got = {x.title: (x.number, x.item, x.paragraphs) for x in m.unrestricted}
    assert "Introduction/Webcasting Announcement" not in got
    assert got["Apologies and Substitutes"] == (148, "2", (
        "1. Apologies had been received from Mr Koowaree.",
        "2. Mrs Dean attended as a substitute for Mr Koowaree."))
    assert got["Declarations of Interest by Members in items on the agenda"] == (
        149, "3", ("No declarations of interest were received.",))
    assert [x.number for x in m.unrestricted] == [148, 149, 150, 151, 153]


def test_apologies_alone_are_one_sentence(desk: Desk) -> None:
    minutes.set_attendance(desk, ASC, SEP, present=["Mr A M Ridgers"],
                           apologies=["Ms L Wright", "Mr D Ross", "Mr S J G Koowaree"])
    item = next(i for i in minutes.sheet(desk, ASC, SEP).items if i.item == "2")
    assert item.resolution == ("Apologies had been received from Ms Wright, Mr Ross and"
                               " Mr Koowaree.")


def test_a_declaration_is_minuted_under_declarations(desk: Desk) -> None:
    done = minutes.declare(desk, ASC, SEP, "6", "Mr D Ross", "a family member worked for"
                           " the NHS")
    assert done.message == ("Recorded Mr D Ross's declaration of interest in item 6 of"
                            f" {ASC}, Wednesday 13 September 2023.")
    sheet = minutes.sheet(desk, ASC, SEP)
    declarations = next(i for i in sheet.items if i.item == "3")
    assert declarations.resolution == (
        "Mr Ross declared an interest in item 6 (Property Security Contract Award): a family"
        " member worked for the NHS.")
    assert [d.member for d in next(i for i in sheet.items if i.item == "6").declarations] \
        == ["Mr D Ross"]
    minutes.remove_declaration(desk, ASC, SEP, "6", "Mr D Ross")
    assert next(i for i in minutes.sheet(desk, ASC, SEP).items
                if i.item == "3").resolution == "No declarations of interest were received."


def test_an_item_minute_is_kept_changed_and_cleared(desk: Desk) -> None:
    minutes.set_minute(desk, ASC, SEP, "5", text="1. Mr Watkins gave a verbal update.\n\n"
                       "2. Members asked questions.", resolved="RESOLVED that the verbal"
                       " updates be noted.")
    m = minutes.minutes(desk, ASC, SEP)
    verbal = next(x for x in m.unrestricted if x.item == "5")
    assert verbal.paragraphs == ("1. Mr Watkins gave a verbal update.",
                                 "2. Members asked questions.",
                                 "3. RESOLVED that the verbal updates be noted.")
    minutes.set_minute(desk, ASC, SEP, "5", text="")
    item = next(i for i in minutes.sheet(desk, ASC, SEP).items if i.item == "5")
    assert (item.text, item.resolved) == (None, "RESOLVED that the verbal updates be noted.")
    trail = decisions.audit_trail(desk, "meeting", f"{ASC} {SEP.isoformat()}")
    assert [r.action for r in trail][-2:] == ["set_minute", "set_minute"]
    assert decisions.verify_audit(desk)[1] is None


def test_a_decision_item_gets_its_resolution_from_the_outcome(desk: Desk) -> None:
    item = next(i for i in minutes.sheet(desk, ASC, NOV).items if i.decision == "23/00098")
    assert item.resolution == (
        f"RESOLVED that the decision proposed to be taken by the {CABINET_MEMBER}, to accept"
        " the Urgent and Emergency Care Funding under the terms set out by the Department"
        " of Health and Social Care, be endorsed.")


def test_a_resolution_typed_records_the_outcome_and_the_outcome_words_it(desk: Desk) -> None:
    meetings.create_meeting(desk, ASC, JAN)
    number = meetings.add_item(desk, ASC, JAN, decision="23/00101").value[0]
    desk.clock.day = JAN
    done = minutes.set_minute(desk, ASC, JAN, number, resolved="endorsed")
    assert "23/00101" in done.changes.decisions
    d = decisions.decision(desk, "23/00101")
    assert [(c.date, c.outcome) for c in d.committee_considerations] == [(JAN, "endorsed")]
    item = next(i for i in minutes.sheet(desk, ASC, JAN).items if i.item == number)
    assert item.resolved is None
    assert item.resolution.split("\n") == [
        f"RESOLVED that the decision proposed to be taken by the {CABINET_MEMBER}, to",
        "a) approve the commissioning of a technology enabled care service; and",
        "b) delegate authority to the Corporate Director Adult Social Care and Health to"
        " award the contract,",
        "be endorsed."]
    # the outcome recorded on the decision is what the item says
    meetings.record_outcome(desk, ASC, JAN, number, "noted")
    item = next(i for i in minutes.sheet(desk, ASC, JAN).items if i.item == number)
    assert item.resolution.endswith("\nbe noted.")
    typed = "RESOLVED that the proposed decision be endorsed, with thanks."
    with pytest.raises(UserError, match="write the committee's outcome"):
        minutes.set_minute(desk, ASC, JAN, number, resolved=typed)
    typed = "RESOLVED that the proposed decision be endorsed."
    minutes.set_minute(desk, ASC, JAN, number, resolved=typed)
    assert decisions.decision(desk, "23/00101").committee_considerations[0].outcome == \
        "endorsed"
    item = next(i for i in minutes.sheet(desk, ASC, JAN).items if i.item == number)
    assert (item.resolved, item.resolution) == (typed, typed)


def test_numbers_run_on_and_restart_when_the_council_says(desk: Desk) -> None:
    _attend_sep(desk)
    minutes.set_first_number(desk, ASC, SEP, 148)
    minutes.set_attendance(desk, ASC, NOV, present=["Mr A M Ridgers"])
    nov = minutes.minutes(desk, ASC, NOV)
    # September: 148-153 (items 2-7); November's items 1-5 follow on
    assert [x.number for x in nov.unrestricted] == [154, 155, 156, 157, 158]
    meetings.create_meeting(desk, ASC, dt.date(2024, 7, 10))
    minutes.set_attendance(desk, ASC, dt.date(2024, 7, 10), present=["Mr A M Ridgers"])
    desk.clock.day = dt.date(2024, 7, 10)
    assert minutes.sheet(desk, ASC, dt.date(2024, 7, 10)).items[1].number == 159
    assert minutes.set_numbering(desk, "municipal_year").message == \
        "Minute numbers start again at 1 with each municipal year (from 1 June)."
    assert minutes.sheet(desk, ASC, dt.date(2024, 7, 10)).items[1].number == 1
    assert [x.number for x in minutes.minutes(desk, ASC, NOV).unrestricted][0] == 154
    with pytest.raises(UserError, match="not 'yearly'"):
        minutes.set_numbering(desk, "yearly")


def test_exempt_minutes_are_kept_out_of_the_public_minutes(desk: Desk) -> None:
    minutes.set_first_number(desk, ASC, SEP, 148)
    minutes.set_minute(desk, ASC, SEP, "6", text="The contract was awarded to Acme Locks.",
                       resolved="RESOLVED that the award be noted.")
    minutes.declare(desk, ASC, SEP, "6", "Mr D Ross", "a family member works for a locksmith")
    full = minutes.minutes(desk, ASC, SEP)
    assert [(x.number, x.title, x.exempt_paragraph) for x in full.exempt] == [
        (152, "Property Security Contract Award", 3)]
    assert "item 6 (Property Security Contract Award)" in repr(full.unrestricted)
    public = minutes.minutes(desk, ASC, SEP, public=True)
    assert public.exempt == () and public.public
    assert "152" in public.withheld and "paragraph 3 of Part 1 of Schedule 12A" in \
        public.withheld
    said = repr(public)
    assert "Acme" not in said and "Property Security" not in said
    assert "Mr Ross declared an interest in item 6 (an exempt item)." in said
    assert "locksmith" not in said and "locksmith" in repr(full)
    data = desk.documents.minutes(public, desk.store.council(), "pdf").decode("latin-1")
    assert "Acme" not in data and "Property Security" not in data


def test_minutes_are_approved_at_the_next_meeting_and_frozen(desk: Desk) -> None:
    _attend_sep(desk)
    desk.clock.day = dt.date(2023, 11, 1)
    with pytest.raises(UserError, match="which has not been held yet"):
        minutes.approve(desk, ASC, SEP)
    desk.clock.day = dt.date(2023, 12, 1)
    with pytest.raises(UserError, match="no later meeting of .* 'Minutes of the meeting"
                                        " held on 23 November 2023'"):
        minutes.approve(desk, ASC, NOV)
    done = minutes.approve(desk, ASC, SEP, correction="A Member noted that there was a"
                           " spelling error on page 5")
    assert done.message.startswith(f"Approved the minutes of {ASC}, Wednesday 13 September"
                                   " 2023 as a correct record, subject to the correction,")
    item = next(i for i in minutes.sheet(desk, ASC, NOV).items if i.item == "3")
    assert item.resolution == (
        "1. A Member noted that there was a spelling error on page 5.\n2. RESOLVED, subject"
        " to the correction, that the minutes of the meeting held on 13 September 2023 were"
        " correctly recorded and a paper copy be signed by the Chairman.")
    sep = minutes.sheet(desk, ASC, SEP)
    assert (sep.state, sep.approval.approved_at) == ("approved", NOV)
    assert minutes.minutes(desk, ASC, SEP).approved.startswith(
        "Approved as a correct record at the meeting held on 23 November 2023")
    before = everything(desk)
    for call in (lambda: minutes.approve(desk, ASC, SEP),
                 lambda: minutes.set_minute(desk, ASC, SEP, "5", text="Later."),
                 lambda: minutes.declare(desk, ASC, SEP, "5", "Mr D Ross", "x"),
                 lambda: _attend_sep(desk),
                 lambda: minutes.set_first_number(desk, ASC, SEP, 1)):
        with pytest.raises(UserError, match="approved"):
            call()
    assert everything(desk) == before
    with pytest.raises(StoreError), desk.store.transaction():
        desk.store.save_minute_book(MinuteBook(ASC, SEP))
    assert minutes.book(desk, ASC, SEP).state == "approved"


def test_approval_without_correction_is_kents_sentence(desk: Desk) -> None:
    minutes.approve(desk, ASC, SEP)
    item = next(i for i in minutes.sheet(desk, ASC, NOV).items if i.item == "3")
    assert item.resolution == ("RESOLVED that the minutes of the meeting held on 13 September"
                               " 2023 were correctly recorded and a paper copy be signed by"
                               " the Chairman.")


def test_a_cancelled_meeting_is_not_minuted(desk: Desk) -> None:
    meetings.create_meeting(desk, ASC, JAN)
    done = minutes.cancel(desk, ASC, JAN, "not quorate")
    assert done.message == (f"Recorded the meeting of {ASC} on Thursday 18 January 2024 as"
                            " cancelled (not quorate): it will not be minuted.")
    desk.clock.day = dt.date(2024, 2, 1)
    with pytest.raises(UserError, match="was cancelled .not quorate.: a cancelled meeting"
                                        " has no minutes"):
        minutes.minutes(desk, ASC, JAN)
    with pytest.raises(UserError, match="already cancelled"):
        minutes.cancel(desk, ASC, JAN, "again")
    with pytest.raises(UserError, match="cancelled"):
        minutes.set_attendance(desk, ASC, JAN, present=["Mr D Ross"])
    assert minutes.sheet(desk, ASC, JAN).cancelled == "not quorate"


@pytest.mark.parametrize(("call", "said"), [
    (lambda d: minutes.minutes(d, ASC, dt.date(2023, 10, 1)),
     "has no meeting on 2023-10-01"),
    (lambda d: minutes.set_attendance(d, ASC, SEP, present=["Mr Nobody"]),
     "'Mr Nobody' .a member present. is not a member in the register"),
    (lambda d: minutes.set_attendance(d, ASC, SEP, present=["Mr D Ross"],
                                      apologies=["Mr D Ross"]),
     "Mr D Ross is given twice .present and apologies."),
    (lambda d: minutes.set_attendance(d, ASC, SEP, substitutes=["Mrs T Dean"]),
     "'Mrs T Dean' is not a substitution: write it ABSENT=PRESENT"),
    (lambda d: minutes.set_attendance(d, ASC, SEP, present=["Mr D Ross"],
                                      virtual=["Ms L Wright"]),
     "Ms L Wright attended virtually, so give them as present"),
    (lambda d: minutes.set_attendance(d, ASC, SEP, present=["Mr D Ross"],
                                      chair="Ms L Wright"),
     "Ms L Wright chaired the meeting, so give them as present"),
    (lambda d: minutes.declare(d, ASC, SEP, "12", "Mr D Ross", "x"),
     "has no item 12 .its items: 1, 2, 3, 4, 5, 6, 7."),
    (lambda d: minutes.declare(d, ASC, SEP, "2", "Mr D Ross", " "),
     "give the declaration's words"),
    (lambda d: minutes.remove_declaration(d, ASC, SEP, "2", "Mr D Ross"),
     "Mr D Ross made no declaration of interest in item 2"),
    (lambda d: minutes.set_first_number(d, ASC, SEP, 0), "a whole number from 1, not 0"),
    (lambda d: minutes.cancel(d, ASC, SEP, ""), "give the reason"),
    (lambda d: minutes.minutes(d, ASC, dt.date(2024, 1, 1)), "no meeting"),
    (lambda d: (meetings.create_meeting(d, ASC, JAN), minutes.approve(d, ASC, JAN)),
     "meets on Thursday 18 January 2024, after today: its minutes are made once it has"
     " met"),
])
def test_what_cannot_be_recorded_is_refused_in_one_sentence(desk: Desk, call,
                                                            said: str) -> None:
    meetings_before = len(desk.store.meeting_list())
    before = everything(desk)
    with pytest.raises(UserError, match=said):
        call(desk)
    if len(desk.store.meeting_list()) == meetings_before:
        assert everything(desk) == before


def test_minutes_are_made_once_the_meeting_is_held(desk: Desk) -> None:
    desk.clock.day = dt.date(2023, 11, 1)
    with pytest.raises(UserError, match="meets on Thursday 23 November 2023, after today"):
        minutes.minutes(desk, ASC, NOV)
    assert minutes.sheet(desk, ASC, NOV).held is False


def test_the_sheet_lists_the_members_chairman_first(desk: Desk) -> None:
    sheet = minutes.sheet(desk, ASC, SEP)
    assert sheet.members == ("Mr A M Ridgers", "Ms L Wright", "Mr D Ross")
    assert (sheet.state, sheet.held, sheet.cancelled) == ("draft", True, None)
    assert [(i.item, i.number) for i in sheet.items] == [
        ("1", None), ("2", 1), ("3", 2), ("4", 3), ("5", 4), ("6", 5), ("7", 6)]


def test_an_outcome_recorded_elsewhere_replaces_a_resolution_that_says_another(
        desk: Desk) -> None:
    typed = "RESOLVED that the proposed decision be endorsed."
    minutes.set_minute(desk, ASC, NOV, "4", resolved=typed)
    decisions.transition(desk, "23/00098", "record_outcome", committee=ASC, on=NOV,
                         outcome="deferred")
    item = next(i for i in minutes.sheet(desk, ASC, NOV).items if i.item == "4")
    assert item.resolved is None
    assert item.resolution.startswith("RESOLVED that consideration of the decision proposed"
                                      " to be taken by the Cabinet Member")
    assert item.resolution.endswith(", be deferred.")


def test_the_outcome_cannot_change_once_the_minutes_are_approved(desk: Desk) -> None:
    meetings.create_meeting(desk, ASC, JAN)
    desk.clock.day = dt.date(2024, 2, 1)
    minutes.approve(desk, ASC, NOV)
    with pytest.raises(UserError, match="were approved on Thursday 18 January 2024: the"
                                        " committee's outcome on 23/00098 is part of them"):
        meetings.record_outcome(desk, ASC, NOV, "4", "noted")
    assert decisions.decision(desk, "23/00098").committee_considerations[0].outcome == \
        "endorsed"


def test_a_taken_decisions_item_keeps_the_resolution_typed(desk: Desk) -> None:
    typed = "RESOLVED that the decision taken outside the cycle be noted."
    minutes.set_minute(desk, ASC, NOV, "5a", resolved=typed)
    item = next(i for i in minutes.sheet(desk, ASC, NOV).items if i.item == "5a")
    assert (item.resolution, item.number) == (typed, 5)
    assert decisions.decision(desk, "23/00077").status == "taken"
    m = minutes.minutes(desk, ASC, NOV)
    assert m.unrestricted[-1].paragraphs == (
        "a) 23/00077 - Care Home Beds Framework Extension", typed)


def test_an_exempt_sub_item_has_its_own_exempt_minute(desk: Desk) -> None:
    meetings.add_item(desk, ASC, NOV, "Lease of QUOKKA House", parent="5",
                      exempt_paragraph=5)
    minutes.set_minute(desk, ASC, NOV, "5b", text="The lease went to QUOKKA Ltd.")
    minutes.set_minute(desk, ASC, NOV, "5a", resolved="RESOLVED that it be noted.")
    full = minutes.minutes(desk, ASC, NOV)
    assert [(x.number, x.item) for x in full.unrestricted][-1] == (5, "5")
    assert [(x.number, x.item, x.title, x.paragraphs) for x in full.exempt] == [
        (6, "5b", "Lease of QUOKKA House", ("The lease went to QUOKKA Ltd.",))]
    public = minutes.minutes(desk, ASC, NOV, public=True)
    assert "QUOKKA" not in repr(public) and "minute 6 (exempt under paragraph 5" in \
        public.withheld
    assert [(i.item, i.number) for i in minutes.sheet(desk, ASC, NOV).items][-3:] == [
        ("5", 5), ("5a", 5), ("5b", 6)]


def _papers(desk: Desk, date: dt.date, item: str) -> list[tuple[str, str | None, int | None]]:
    found = meetings.meeting(desk, ASC, date, content=False).meeting
    return [(p.path, p.title, p.exempt_paragraph) for p in found.items[int(item) - 1].papers]


def test_the_draft_minutes_are_the_next_meetings_paper(desk: Desk, tmp_path) -> None:
    desk.clock.day = dt.date(2023, 11, 1)
    assert minutes.attach_drafts(desk, ASC, NOV) is None  # nothing minuted yet
    _attend_sep(desk)
    done = documents.write_pack(desk, ASC, NOV, tmp_path / "pack.pdf")
    assert done.message.startswith("The draft minutes of 13 September 2023 attached to item"
                                   " 3 as its paper.\n")
    both = [("minutes-2023-09-13.pdf", "Minutes of 13 September 2023", None),
            ("minutes-2023-09-13-exempt.pdf", "Exempt minutes of 13 September 2023", 3)]
    assert _papers(desk, NOV, "3") == both  # the public minutes, and the exempt ones
    assert minutes.attach_drafts(desk, ASC, NOV) is None  # unchanged: not made again
    minutes.set_minute(desk, ASC, SEP, "6", text="The award went to Acme Locks.")
    done = minutes.attach_drafts(desk, ASC, NOV)
    assert done.message == ("The draft minutes of 13 September 2023 made again (they had"
                            " changed since they were attached) and attached to item 3 as"
                            " its paper.")
    assert _papers(desk, NOV, "3") == both
    found = meetings.meeting(desk, ASC, NOV).meeting.items[2].papers
    assert b"Acme" not in found[0].content and b"Acme" in found[1].content


def test_approved_minutes_stay_as_attached(desk: Desk) -> None:
    _attend_sep(desk)
    desk.clock.day = dt.date(2023, 11, 1)
    minutes.attach_drafts(desk, ASC, NOV)
    desk.clock.day = dt.date(2023, 12, 1)
    minutes.approve(desk, ASC, SEP)
    desk.clock.day = dt.date(2023, 11, 1)
    assert minutes.attach_drafts(desk, ASC, NOV) is None
    before = meetings.meeting(desk, ASC, NOV).meeting.items[2].papers
    minutes.attach_drafts(desk, ASC, NOV)
    assert meetings.meeting(desk, ASC, NOV).meeting.items[2].papers == before
    assert [p for p, _t, _e in _papers(desk, NOV, "3")] == [
        "minutes-2023-09-13.pdf", "minutes-2023-09-13-exempt.pdf"]


def test_publishing_the_agenda_attaches_the_draft_minutes(desk: Desk) -> None:
    minutes.set_attendance(desk, ASC, NOV, present=["Mr A M Ridgers"])
    meetings.create_meeting(desk, ASC, JAN)
    done = minutes.publish(desk, ASC, JAN)
    assert done.message.startswith("The draft minutes of 23 November 2023 attached to item"
                                   " 4 as its paper.\n")
    assert _papers(desk, JAN, "4") == [("minutes-2023-11-23.pdf",
                                        "Minutes of 23 November 2023", None)]
    assert meetings.meeting(desk, ASC, JAN).meeting.published_on == desk.today()


def test_each_outcome_has_its_form_of_resolution() -> None:
    d = Decision("23/00101", "Technology Enabled Care Service",
                 decision_maker=CABINET_MEMBER,
                 parts=[DecisionPart("APPROVE", "the service."),
                        DecisionPart("DELEGATE", "authority to award the contract")])
    head = f"RESOLVED that the decision proposed to be taken by the {CABINET_MEMBER}, to"
    parts = ["a) approve the service; and", "b) delegate authority to award the contract,"]
    assert minutes.outcome_resolution(d, "noted", None).split("\n") == \
        [head, *parts, "be noted."]
    assert minutes.outcome_resolution(d, "not_endorsed", None).split("\n") == \
        [head, *parts, "not be endorsed."]
    assert minutes.outcome_resolution(d, "deferred", None).split("\n") == [
        f"RESOLVED that consideration of the decision proposed to be taken by the"
        f" {CABINET_MEMBER}, to", *parts, "be deferred."]
    assert minutes.outcome_resolution(d, "recommendations_made", "that it starts in May"
                                      ).split("\n") == [
        f"RESOLVED that, on the decision proposed to be taken by the {CABINET_MEMBER}, to",
        *parts, f"the following recommendations be made to the {CABINET_MEMBER}: that it"
        " starts in May."]
    bare = Decision("23/00102", "Day Services")
    assert minutes.outcome_resolution(bare, "endorsed", None) == (
        "RESOLVED that the decision proposed to be taken by the decision maker, to decide on"
        " Day Services, be endorsed.")
