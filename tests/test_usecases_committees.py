"""The committee use cases (``governance.committees``) against every store: seats and
party seats, members and their roles (a new Chairman takes over), removing a member,
standing items. Each test runs on the in-memory fake and on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import committees, decisions, meetings
from governance.agenda import DEFAULT_STANDING_ITEMS, StandingItem
from governance.committees import CommitteeError
from governance.desk import Desk
from governance.model import Member, Membership
from tests.usecase_fixtures import everything

ASC = "Adult Social Care Cabinet Committee"


def seats_of(desk: Desk) -> list[tuple[str, str]]:
    return [(m.member, m.role) for m in committees.committee(desk, ASC).membership]


def test_seats_and_party_seats(sample_desk: Desk) -> None:
    done = committees.set_seats(sample_desk, ASC, 5, {"Conservative": 3, "Labour": 2})
    assert done.message == ("Adult Social Care Cabinet Committee now has 5 seats:"
                            " Conservative 3, Labour 2.")
    assert done.changes.committees == {ASC}
    c = committees.committee(sample_desk, ASC)
    assert (c.seats, c.party_seats) == (5, {"Conservative": 3, "Labour": 2})
    assert committees.set_seats(sample_desk, ASC, 4, None).message == (
        "Adult Social Care Cabinet Committee now has 4 seats.")
    assert committees.committee(sample_desk, ASC).party_seats is None
    row = decisions.audit_trail(sample_desk, "committee", ASC)[-1]
    assert (row.action, row.before_json()["seats"], row.after_json()["seats"]) == (
        "set_seats", 5, 4)


def test_seats_that_do_not_add_up_are_refused(sample_desk: Desk) -> None:
    before = everything(sample_desk)
    with pytest.raises(CommitteeError, match="the party seats add up to 4 \\(Conservative 3,"
                                             " Labour 1\\) but Adult Social Care Cabinet"
                                             " Committee has 5 seats"):
        committees.set_seats(sample_desk, ASC, 5, {"Conservative": 3, "Labour": 1})
    with pytest.raises(CommitteeError, match="has 2 seats and 3 members would sit on it"):
        committees.set_seats(sample_desk, ASC, 2, None)
    with pytest.raises(CommitteeError, match="Labour has 0 seats on Adult Social Care Cabinet"
                                             " Committee and 1 members would sit in them"):
        committees.set_seats(sample_desk, ASC, 3, {"Conservative": 3, "Labour": 0})
    with pytest.raises(CommitteeError, match="seats must be 0 or more"):
        committees.set_seats(sample_desk, ASC, -1, None)
    with pytest.raises(CommitteeError, match="no committee called 'Cabinet'"):
        committees.set_seats(sample_desk, "Cabinet", 3, None)
    assert everything(sample_desk) == before


def test_a_new_member_joins_at_the_end_and_is_added_to_the_register(sample_desk: Desk) -> None:
    committees.set_seats(sample_desk, ASC, 4, {"Conservative": 2, "Labour": 1,
                                               "Liberal Democrat": 1})
    done = committees.add_member(sample_desk, ASC, "  Mr  A  New ", party="Liberal Democrat",
                                 honours="OBE")
    assert done.message == "Mr A New now sits on Adult Social Care Cabinet Committee as member."
    assert seats_of(sample_desk)[-1] == ("Mr A New", "member")
    assert committees.members(sample_desk)["Mr A New"] == Member("Mr A New", "Liberal Democrat",
                                                                 "OBE")
    assert [r.action for r in decisions.audit_trail(sample_desk, "member", "Mr A New")] == [
        "add_member"]
    with pytest.raises(CommitteeError, match="'Ms Unknown' is not in the register: give their"
                                             " party"):
        committees.add_member(sample_desk, ASC, "Ms Unknown")
    with pytest.raises(CommitteeError, match="Mr D Ross is recorded as Labour, not Green"):
        committees.add_member(sample_desk, ASC, "Mr D Ross", party="Green")


def test_a_new_chairman_takes_over_and_the_old_one_stays_a_member(sample_desk: Desk) -> None:
    done = committees.add_member(sample_desk, ASC, "Mr D Ross", "chairman")
    assert done.message == ("Mr D Ross is now Chairman of Adult Social Care Cabinet Committee"
                            " (was member); Mr A M Ridgers is no longer Chairman (stays a"
                            " member).")
    assert seats_of(sample_desk) == [("Mr A M Ridgers", "member"),
                                     ("Ms L Wright", "vice_chairman"),
                                     ("Mr D Ross", "chairman")]
    again = committees.add_member(sample_desk, ASC, "Mr D Ross", "chairman")
    assert again.message == ("Mr D Ross is already Chairman of Adult Social Care Cabinet"
                             " Committee.")
    row = decisions.audit_trail(sample_desk, "committee", ASC)[-1]
    assert row.action == "set_role"


def test_a_new_vice_chairman_follows_the_chairman(sample_desk: Desk) -> None:
    committees.remove_member(sample_desk, ASC, "Ms L Wright")
    committees.set_seats(sample_desk, ASC, 3, None)
    done = committees.add_member(sample_desk, ASC, "Mrs V Chair", "vice_chairman",
                                 party="Conservative")
    assert done.message == ("Mrs V Chair now sits on Adult Social Care Cabinet Committee as"
                            " Vice-Chairman.")
    assert seats_of(sample_desk) == [("Mr A M Ridgers", "chairman"),
                                     ("Mrs V Chair", "vice_chairman"), ("Mr D Ross", "member")]


def test_removing_a_member(sample_desk: Desk) -> None:
    done = committees.remove_member(sample_desk, ASC, "Ms L Wright")
    assert done.message == "Ms L Wright no longer sits on Adult Social Care Cabinet Committee."
    assert seats_of(sample_desk) == [("Mr A M Ridgers", "chairman"), ("Mr D Ross", "member")]
    assert "Ms L Wright" in committees.members(sample_desk)  # still a member of the council
    before = everything(sample_desk)
    with pytest.raises(CommitteeError, match="'Ms L Wright' does not sit on Adult Social Care"
                                             " Cabinet Committee \\(members: Mr A M Ridgers,"
                                             " Mr D Ross\\)"):
        committees.remove_member(sample_desk, ASC, "Ms L Wright")
    assert everything(sample_desk) == before


def test_a_full_committee_refuses_another_member(sample_desk: Desk) -> None:
    before = everything(sample_desk)
    with pytest.raises(CommitteeError, match="has 3 seats and 4 members would sit on it"):
        committees.add_member(sample_desk, ASC, "Mr New", party="Conservative")
    # Nothing half done: the new member was not added to the register either.
    assert everything(sample_desk) == before
    assert "Mr New" not in committees.members(sample_desk)


def test_membership_lines_come_from_the_documents_adapter(sample_desk: Desk) -> None:
    c = committees.committee(sample_desk, ASC)
    assert committees.membership_lines(sample_desk, c) == [
        "Membership (3)", "  Conservative: Mr A M Ridgers (chairman)",
        "  Conservative: Ms L Wright (vice_chairman)", "  Labour: Mr D Ross (member)"]


def test_standing_items(sample_desk: Desk) -> None:
    assert meetings.standing_items(sample_desk, ASC) == DEFAULT_STANDING_ITEMS
    done = committees.set_standing(sample_desk, ASC,
                                   ["Apologies and Substitutes",
                                    StandingItem("Petitions", "To receive any petitions.")],
                                   ["  Work Programme "])
    assert done.message == ("Adult Social Care Cabinet Committee's standing items: 2 opening,"
                            " 1 closing; new agendas are made with them.")
    template = meetings.standing_items(sample_desk, ASC)
    assert template.recorded
    assert template.start == (
        StandingItem("Apologies and Substitutes", "To receive apologies for absence and"
                     " notification of any substitutes present."),
        StandingItem("Petitions", "To receive any petitions."))
    assert [i.title for i in template.end] == ["Work Programme"]
    assert template.end[0].description.startswith("To receive a report from General Counsel")
    rows = decisions.audit_trail(sample_desk, "committee", ASC)
    assert (rows[-1].action, rows[-1].before) == ("set_standing_items", None)
    committees.set_standing(sample_desk, ASC, ["Petitions"], [])
    assert meetings.standing_items(sample_desk, ASC).start == (
        StandingItem("Petitions", "To receive any petitions."),)
    assert decisions.audit_trail(sample_desk, "committee", ASC)[-1].before_json() == {
        "start": ["Apologies and Substitutes", "Petitions"], "end": ["Work Programme"]}
    made = meetings.create_meeting(sample_desk, ASC, dt.date(2023, 12, 14)).value
    assert [i.title for i in made.meeting.items] == ["Petitions"]
    with pytest.raises(CommitteeError, match="standing item 1 \\(end\\) has no title"):
        committees.set_standing(sample_desk, ASC, [], ["  "])


def test_a_committee_keeps_at_least_one_standing_item(sample_desk: Desk) -> None:
    """Taking every standing item off is refused, not stored as none (which would read
    back as "none recorded" and bring the usual set back on the next agenda)."""
    committees.set_standing(sample_desk, ASC, ["Petitions"], [])
    with pytest.raises(committees.CommitteeError, match="at least one standing item"):
        committees.set_standing(sample_desk, ASC, [], [])
    template = meetings.standing_items(sample_desk, ASC)
    assert ([i.title for i in template.start], template.end) == (["Petitions"], ())
    made = meetings.create_meeting(sample_desk, ASC, dt.date(2023, 12, 14))
    assert [i.title for i in made.value.meeting.items] == ["Petitions"]


def test_a_committee_s_membership_is_stored_in_order(sample_desk: Desk) -> None:
    committees.remove_member(sample_desk, ASC, "Mr A M Ridgers")
    committees.add_member(sample_desk, ASC, "Mr A M Ridgers", "member")
    stored = sample_desk.store.committees()
    assert stored[0].membership == [Membership("Ms L Wright", "vice_chairman"),
                                    Membership("Mr D Ross", "member"),
                                    Membership("Mr A M Ridgers", "member")]
    stored[0].membership.clear()  # a copy: the register is not changed
    assert len(committees.committee(sample_desk, ASC).membership) == 3
