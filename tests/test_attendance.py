"""Attendance statistics (issue 15): per member, meetings expected, attended, apologies,
substituted, absent without apologies; the substitutes' attendances; over a municipal year
or all years. Cancelled meetings, meetings still to come and meetings held with nothing
recorded are not counted (the last named as such). First the arithmetic on minute books
built by hand, then the use case and the ``attendance`` command on a register."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from governance import attendance, committees, meetings, minutes
from governance.attendance import (
    AttendanceError,
    parse_year,
    tally,
    year_span,
)
from governance.errors import UserError
from governance.minute_book import Attendee, MinuteBook
from governance.model import Membership, RecordedMembership
from main import main

ASC = ASC_DEMO = "Adult Social Care Cabinet Committee"
TODAY = dt.date(2024, 2, 1)
SEP, NOV, DEC, JAN, MAR = (dt.date(2023, 9, 13), dt.date(2023, 11, 23), dt.date(2023, 12, 5),
                           dt.date(2024, 1, 18), dt.date(2024, 3, 14))
MAY_2023 = dt.date(2023, 5, 18)  # the municipal year before

NOW = [Membership("Mrs P T Cole", "chairman"), Membership("Ms D Marsh", "vice_chairman"),
       Membership("Mr S J G Koowaree", "member"), Membership("Mr P J Homewood", "member"),
       Membership("Ida Linfield", "member"), Membership("Mr B Newcomer", "member"),
       Membership("Mrs T Dean, MBE", "substitute")]


def present(name: str, **kw) -> Attendee:
    return Attendee(name, "present", **kw)


def apologies(name: str) -> Attendee:
    return Attendee(name, "apologies")


def book(day: dt.date, *attendance: Attendee, cancelled: str | None = None) -> MinuteBook:
    return MinuteBook(ASC, day, attendance=attendance, cancelled=cancelled)


def row(stats, member: str) -> tuple:
    m = next(m for m in stats.members if m.member == member)
    return (m.role, m.expected, m.attended, m.virtual, m.apologies, m.substituted, m.absent)


@pytest.fixture
def year():
    """2023/24: September and January held and recorded (Kent's January 2019 pattern:
    apologies from Koowaree, Homewood and Linfield, Mrs Dean substituting for Koowaree);
    November held with nothing recorded; December cancelled; March to come; May 2023 in
    the year before. September's agenda printed Mr Pascoe, who has since left, where
    Mr Newcomer now sits."""
    books = {
        MAY_2023: book(MAY_2023, present("Mrs P T Cole", chair=True)),
        SEP: book(SEP, present("Mrs P T Cole", chair=True), present("Ms D Marsh"),
                  present("Mr S J G Koowaree", virtual=True), present("Mr P J Homewood"),
                  apologies("Ida Linfield"), apologies("Mr R A Pascoe"),
                  present("Mrs T Dean, MBE", substitute_for="Mr R A Pascoe"),
                  Attendee("Mr G Gibbens", "also_present"),
                  Attendee("Emma West", "in_attendance", post="Democratic Services Officer")),
        DEC: book(DEC, cancelled="not quorate"),
        JAN: book(JAN, present("Mrs P T Cole", chair=True), present("Ms D Marsh"),
                  apologies("Mr S J G Koowaree"), apologies("Mr P J Homewood"),
                  apologies("Ida Linfield"),
                  present("Mrs T Dean, MBE", substitute_for="Mr S J G Koowaree")),
    }
    september = RecordedMembership(
        (Membership("Mrs P T Cole", "chairman"), Membership("Ms D Marsh", "vice_chairman"),
         Membership("Mr S J G Koowaree", "member"), Membership("Mr P J Homewood", "member"),
         Membership("Ida Linfield", "member"), Membership("Mr R A Pascoe", "member")), 6, None)
    return tally(ASC, [MAY_2023, SEP, NOV, DEC, JAN, MAR], books, NOW, {SEP: september},
                 TODAY, 2023)


def test_a_municipal_year_counts_the_meetings_held_with_attendance_recorded(year):
    assert year.year == "2023/24"
    assert (year.start, year.end) == (dt.date(2023, 6, 1), dt.date(2024, 5, 31))
    assert year.counted == (SEP, JAN)
    assert year.not_recorded == (NOV,)
    assert year.cancelled == ((DEC, "not quorate"),)
    assert year.to_come == (MAR,)
    assert year.notes() == [
        "2 meetings counted: 13 September 2023, 18 January 2024.",
        "Not counted, held but no attendance recorded: 23 November 2023.",
        "Not counted, cancelled: 5 December 2023 (not quorate).",
        "Not counted, still to come: 14 March 2024."]


def test_each_member_expected_attended_apologies_substituted_absent(year):
    #                             role, expected, attended, virtually, apologies, subst., absent
    assert row(year, "Mrs P T Cole") == ("chairman", 2, 2, 0, 0, 0, 0)
    assert row(year, "Ms D Marsh") == ("vice_chairman", 2, 2, 0, 0, 0, 0)
    assert row(year, "Mr S J G Koowaree") == ("member", 2, 1, 1, 1, 1, 0)
    assert row(year, "Mr P J Homewood") == ("member", 2, 1, 0, 1, 0, 0)
    assert row(year, "Ida Linfield") == ("member", 2, 0, 0, 2, 0, 0)
    # On September's printed membership, gone since: counted there only.
    assert row(year, "Mr R A Pascoe") == (None, 1, 0, 0, 1, 1, 0)
    # Not on September's agenda, a member by January: expected once, absent.
    assert row(year, "Mr B Newcomer") == ("member", 1, 0, 0, 0, 0, 1)
    # The committee's order (Chairman first), then those no longer on it; a named
    # substitute, officers and other members present are not members expected.
    assert [m.member for m in year.members] == [
        "Mrs P T Cole", "Ms D Marsh", "Mr S J G Koowaree", "Mr P J Homewood", "Ida Linfield",
        "Mr B Newcomer", "Mr R A Pascoe"]
    cole = year.members[0]
    assert (cole.role_words, cole.percent) == ("Chairman", 100)
    assert (year.members[-1].role_words, year.members[4].percent) == ("No longer a member", 0)


def test_the_substitutes_attendances(year):
    assert [(s.name, s.attended, s.sat_for) for s in year.substitutes] == [
        ("Mrs T Dean, MBE", 2, (("Mr R A Pascoe", 1), ("Mr S J G Koowaree", 1)))]
    assert year.substitutes[0].words == "Mr R A Pascoe (1), Mr S J G Koowaree (1)"


def test_all_years_and_the_json_document():
    books = {MAY_2023: book(MAY_2023, present("Mrs P T Cole", chair=True),
                            apologies("Ms D Marsh")),
             JAN: book(JAN, present("Mrs P T Cole", chair=True), present("Ms D Marsh"))}
    stats = tally(ASC, [MAY_2023, JAN], books, NOW[:2], {}, TODAY)
    assert (stats.year, stats.start, stats.period) == (None, None, "all years")
    assert stats.counted == (MAY_2023, JAN)
    assert stats.as_json() == {
        "committee": ASC, "year": None, "from": None, "to": None, "today": "2024-02-01",
        "meetings": {"counted": ["2023-05-18", "2024-01-18"], "not_recorded": [],
                     "cancelled": [], "to_come": []},
        "members": [
            {"member": "Mrs P T Cole", "role": "chairman", "expected": 2, "attended": 2,
             "virtual": 0, "apologies": 0, "substituted": 0, "absent": 0},
            {"member": "Ms D Marsh", "role": "vice_chairman", "expected": 2, "attended": 1,
             "virtual": 0, "apologies": 1, "substituted": 0, "absent": 0}],
        "substitutes": []}


def test_a_year_with_nothing_counted_still_lists_the_members():
    stats = tally(ASC, [NOV], {}, NOW[:2], {}, TODAY, 2023)
    assert stats.notes()[0] == "0 meetings counted (none held with its attendance recorded)."
    assert [row(stats, m.member) for m in NOW[:2]] == [
        ("chairman", 0, 0, 0, 0, 0, 0), ("vice_chairman", 0, 0, 0, 0, 0, 0)]
    assert stats.members[0].percent is None


def test_years_are_written_as_the_council_writes_them():
    assert parse_year("2023/24") == parse_year("2023/2024") == parse_year("2023-24") == 2023
    assert year_span(2019) == (dt.date(2019, 6, 1), dt.date(2020, 5, 31))
    for wrong in ("2023/25", "23/24", "last year", ""):
        with pytest.raises(AttendanceError, match="write it as 2023/24"):
            parse_year(wrong)


# --- on a register: the use case on every store, the command -------------------------------


def test_the_statistics_read_each_meetings_printed_membership(sample_desk):
    """On every store: members change during a year; a meeting counts the members its
    published agenda printed."""
    desk = sample_desk
    desk.clock.day = dt.date(2024, 2, 1)
    names = [m.member for m in committees.committee(desk, ASC).membership]
    meetings.create_meeting(desk, ASC, JAN)
    meetings.publish(desk, ASC, JAN, dt.date(2024, 1, 9))  # prints the membership then
    minutes.set_attendance(desk, ASC, JAN, present=names[:1], apologies=names[1:2])
    committees.set_seats(desk, ASC, 4, None)
    committees.add_member(desk, ASC, "Mr D Newcomer", party="Conservative")
    stats = attendance.statistics(desk, ASC, "2023/24")
    assert (stats.counted, stats.not_recorded) == ((JAN,), (NOV,))
    assert [(m.member, m.expected, m.attended, m.apologies, m.absent)
            for m in stats.members] == [
        (names[0], 1, 1, 0, 0), (names[1], 1, 0, 1, 0),
        *((name, 1, 0, 0, 1) for name in names[2:]), ("Mr D Newcomer", 0, 0, 0, 0)]
    with pytest.raises(UserError, match="no committee called 'Cabinet Committee X'"):
        attendance.statistics(desk, "Cabinet Committee X")


def test_the_attendance_command_prints_a_table_and_json(demo_register, capsys):
    desk = demo_register
    minutes.set_attendance(desk, ASC_DEMO, NOV, present=["Mr A M Ridgers", "Ms L Wright"],
                           apologies=["Mrs P T Cole"],
                           substitutes=["Mr A Brady=Mr D Watkins"], virtual=["Ms L Wright"])
    where = ["--db", str(desk.store.path)]
    assert main([*where, "attendance", "--committee", ASC_DEMO, "--year", "2023/24"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{ASC_DEMO}: attendance, municipal year 2023/24 (1 June 2023 to 31"
                      " May 2024)")
    assert out[2].split() == ["Member", "Role", "Expected", "Attended", "Virtual",
                              "Apologies", "Substituted", "Absent", "%"]
    assert out[4].split() == ["Mr", "A", "M", "Ridgers", "Chairman", "1", "1", "0", "0", "0",
                              "0", "100%"]
    assert "  Mr D Watkins: 1 meeting, for Mr A Brady (1)" in out
    assert "1 meeting counted: 23 November 2023." in out

    assert main([*where, "attendance", "--committee", ASC_DEMO, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["committee", "year", "from", "to", "today", "meetings",
                              "members", "substitutes"]
    assert document["year"] is None
    assert document["meetings"]["not_recorded"] == ["2019-03-12"]
    wright = next(m for m in document["members"] if m["member"] == "Ms L Wright")
    assert wright == {"member": "Ms L Wright", "role": "vice_chairman", "expected": 1,
                      "attended": 1, "virtual": 1, "apologies": 0, "substituted": 0,
                      "absent": 0}
    assert document["substitutes"] == [
        {"name": "Mr D Watkins", "attended": 1,
         "sat_for": [{"member": "Mr A Brady", "times": 1}]}]

    assert main([*where, "attendance", "--committee", ASC_DEMO, "--year", "2023/25"]) == 1
    assert capsys.readouterr().err == (
        "attendance: '2023/25' is not a municipal year: write it as 2023/24 (the year from"
        " June 2023 to May 2024)\n")
