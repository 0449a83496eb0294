"""The agenda and the decision are one fact, on every store: putting a decision on a
meeting's agenda records that it goes to that committee on that date; taking the item off
takes that away; sending it to a committee that meets that day puts it on the agenda; the
outcome recorded on the meeting's item is the decision's own (one stored fact)."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import decisions, listings, meetings
from governance.agenda import MeetingError
from governance.desk import Desk
from governance.model import CommitteeConsideration
from tests.usecase_fixtures import import_dict

ASC = "Adult Social Care Cabinet Committee"
DEC = dt.date(2023, 12, 14)


@pytest.fixture
def dec(sample_desk: Desk) -> Desk:
    meetings.create_meeting(sample_desk, ASC, DEC, time="10:00")
    return sample_desk


def considered(desk: Desk, number: str) -> list[tuple[str, dt.date, str | None]]:
    return [(c.committee, c.date, c.outcome)
            for c in decisions.decision(desk, number).committee_considerations]


def test_adding_a_decision_to_the_agenda_records_that_it_goes_there(dec: Desk) -> None:
    assert considered(dec, "23/00101") == []
    done = meetings.add_item(dec, ASC, DEC, decision="23/00101")
    assert considered(dec, "23/00101") == [(ASC, DEC, None)]
    d = decisions.decision(dec, "23/00101")
    assert d.status == "for_committee"
    assert "23/00101" in done.changes.decisions
    assert decisions.audit_trail(dec, "decision", "23/00101")[-1].action == "send_to_committee"
    # Today counts from the meeting: the decision's next consideration is the meeting's day.
    dec.clock.day = dt.date(2023, 12, 1)
    rows = {r.number: r for r in dec.store.open_decisions(("for_committee",),
                                                           dt.date(2023, 11, 1), dec.today())}
    assert rows["23/00101"].next_consideration == DEC


def test_taking_the_item_off_takes_the_consideration_away(dec: Desk) -> None:
    meetings.add_item(dec, ASC, DEC, decision="23/00101")
    number = meetings.meeting(dec, ASC, DEC).meeting.items.index(
        next(i for i in meetings.meeting(dec, ASC, DEC).meeting.items
             if i.decision == "23/00101")) + 1
    moved = meetings.move_item(dec, ASC, DEC, number, 2)  # a move keeps the committee and day
    assert considered(dec, "23/00101") == [(ASC, DEC, None)]
    done = meetings.remove_item(dec, ASC, DEC, moved.value)
    assert done.message.endswith(
        f"23/00101 no longer goes to the {ASC} on Thursday 14 December 2023.")
    assert considered(dec, "23/00101") == []
    assert decisions.decision(dec, "23/00101").status == "draft"
    assert "23/00101" in done.changes.decisions


def test_an_outcome_recorded_stays_when_the_item_goes(dec: Desk) -> None:
    """23/00098 was considered on 23 November (endorsed): the sample's agenda item goes,
    the committee's outcome stays on the decision."""
    nov = dt.date(2023, 11, 23)
    dec.clock.day = dt.date(2023, 12, 1)
    meetings.remove_item(dec, ASC, nov, 2)
    assert considered(dec, "23/00098") == [(ASC, nov, "endorsed")]


def test_a_taken_decision_on_an_agenda_is_reported_not_changed(dec: Desk) -> None:
    before = decisions.decision(dec, "23/00077")
    done = meetings.add_item(dec, ASC, DEC, decision="23/00077")
    assert decisions.decision(dec, "23/00077") == before
    assert "goes to" not in done.message


def test_sending_to_a_committee_that_meets_that_day_puts_it_on_the_agenda(dec: Desk) -> None:
    done = meetings.send_to_committee(dec, "23/00101", ASC, DEC)
    items = meetings.meeting(dec, ASC, DEC).meeting.items
    assert [i.decision for i in items if i.decision] == ["23/00101"]
    assert considered(dec, "23/00101") == [(ASC, DEC, None)]
    assert done.value.status == "for_committee"
    again = meetings.send_to_committee(dec, "23/00101", ASC, DEC)  # not twice on the agenda
    assert [i.decision for i in meetings.meeting(dec, ASC, DEC).meeting.items
            if i.decision] == ["23/00101"]
    assert again.value.committee_considerations == [CommitteeConsideration(ASC, DEC)]
    # No meeting that day: the decision alone records it.
    meetings.send_to_committee(dec, "23/00101", ASC, dt.date(2024, 1, 18))
    assert considered(dec, "23/00101")[-1] == (ASC, dt.date(2024, 1, 18), None)


def test_the_outcome_on_the_meeting_is_the_decision_s(dec: Desk) -> None:
    meetings.add_item(dec, ASC, DEC, decision="23/00101")
    item = next(n for n, i in enumerate(meetings.meeting(dec, ASC, DEC).meeting.items, 1)
                if i.decision == "23/00101")
    with pytest.raises(decisions.RuleViolation, match="after today"):
        meetings.record_outcome(dec, ASC, DEC, item, "endorsed")
    dec.clock.day = dt.date(2023, 12, 15)
    done = meetings.record_outcome(dec, ASC, DEC, item, "endorsed")
    assert done.message == (f"Recorded the outcome of item {item} of the agenda of {ASC},"
                            " Thursday 14 December 2023 on 23/00101: endorsed.")
    assert considered(dec, "23/00101") == [(ASC, DEC, "endorsed")]
    assert decisions.decision(dec, "23/00101").status == "considered"
    # Recorded again on the Decision screen: the same fact, not a second one.
    decisions.transition(dec, "23/00101", "record_outcome", committee=ASC, on=DEC,
                         outcome="recommendations_made", recommendations="Add a review.")
    assert considered(dec, "23/00101") == [(ASC, DEC, "recommendations_made")]
    with pytest.raises(MeetingError, match="is not about a decision"):
        meetings.record_outcome(dec, ASC, DEC, 1, "noted")


def test_the_next_meeting_is_what_the_committee_tab_offers(dec: Desk) -> None:
    assert meetings.next_meeting_date(dec, ASC, dt.date(2023, 11, 24)) == DEC
    assert meetings.next_meeting_date(dec, ASC, dt.date(2023, 12, 15)) is None
    assert listings.decision_problems(dec, "23/00101") == []


def test_check_reports_an_item_its_decision_does_not_record(dec: Desk, sample_doc,
                                                            new_desk, tmp_path) -> None:
    """An imported register may put a decision on an agenda without the decision saying
    it goes there: check reports it (the use cases keep the two as one)."""
    sample_doc["decisions"][0]["committee_considerations"] = []
    other = new_desk()
    import_dict(other, sample_doc, tmp_path / "in")
    found = [p for p in listings.check(other) if p.code == "agenda_item_not_on_decision"]
    assert [(p.subject, p.message) for p in found] == [(
        f"{ASC}, 23 November 2023",
        f"Item 2 is about 23/00098, but 23/00098 does not record that it goes to the {ASC}"
        " on 23 November 2023; send it there on its Committee tab (or take the item off the"
        " agenda).")]
    assert [p for p in listings.check(dec) if p.code == "agenda_item_not_on_decision"] == []
