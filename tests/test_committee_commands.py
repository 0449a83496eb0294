"""``committee``: seats and their party allocation, members and roles, standing items;
every change checked as a whole, refused with one line and nothing changed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from governance import decisions, meetings
from main import main
from tests.conftest import load_demo_without_papers

ASC = "Adult Social Care Cabinet Committee"
DECEMBER = dt.date(2026, 12, 15)


@pytest.fixture
def demo(register):
    load_demo_without_papers(register)
    return register


def run(register, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(register.store.path), "committee", *args])
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(register) -> tuple:
    return (register.store.committees(), len(decisions.audit_trail(register)),
            [r["name"] for r in register.store.db.query("SELECT name FROM members ORDER BY id")])


def test_show_prints_the_membership_as_the_front_sheet_does(demo, capsys):
    code, out, err = run(demo, capsys, "show", "--committee", ASC)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [
        ASC, "Membership (17)",
        "  Conservative (12): Mr A M Ridgers (Chairman), Mrs P T Cole, Mr N J Collor,"
        " Ms S Hamilton, Mr J Meade, Mr D Ross, Mr T L Shonk, Ms L Wright (Vice-Chairman),"
        " Mrs L Game, Mrs L Parfitt-Reid, Mr A Kennedy and 1 Vacancy"]
    assert "Standing items (the usual set: none recorded for it):" in lines
    assert "  opening: Minutes of the meeting held on …" in lines
    code, out, _ = run(demo, capsys, "show", "--committee", ASC, "--json")
    data = json.loads(out)
    assert (data["seats"], data["party_seats"]["Conservative"]) == (17, 12)
    assert data["membership"][0] == {"member": "Mr A M Ridgers", "role": "chairman"}


def test_a_new_member_fills_the_vacancy_and_the_next_agenda_prints_them(demo, capsys):
    code, out, err = run(demo, capsys, "member", "--committee", ASC, "--member",
                         "Mr P Cooper", "--party", "Conservative")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Mr P Cooper now sits on {ASC} as member."
    assert out.splitlines()[2].endswith("Mrs L Parfitt-Reid, Mr A Kennedy and Mr P Cooper")
    assert [(r["entity"], r["action"]) for r in decisions.audit_trail(demo)[-2:]] == [
        ("member", "add_member"), ("committee", "add_member")]
    meetings.create_meeting(demo, ASC, DECEMBER)
    printed = meetings.meeting(demo, ASC, DECEMBER).committee.membership
    assert printed[-1].member == "Mr P Cooper"
    # The published 2023 agenda keeps the membership it had.
    assert "Mr P Cooper" not in [
        m.member for m in meetings.meeting(demo, ASC, dt.date(2023, 11, 23))
        .committee.membership]


def test_a_new_vice_chairman_takes_the_role_and_the_old_one_stays_a_member(demo, capsys):
    code, out, err = run(demo, capsys, "member", "--committee", ASC, "--member",
                         "Mrs P T Cole", "--role", "vice_chairman")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        f"Mrs P T Cole is now Vice-Chairman of {ASC} (was member); Ms L Wright is no longer"
        " Vice-Chairman (stays a member).")
    roles = {m.member: m.role for m in demo.store.committees()[0].membership}
    assert (roles["Mrs P T Cole"], roles["Ms L Wright"]) == ("vice_chairman", "member")
    # Her place in the list is kept, as the papers print it.
    assert [m.member for m in demo.store.committees()[0].membership][:2] == [
        "Mr A M Ridgers", "Mrs P T Cole"]


@pytest.mark.parametrize("args, said", [
    (["seats", "--seats", "18", "--party", "Conservative=12", "--party", "Labour=2"],
     "committee: the party seats add up to 14 (Conservative 12, Labour 2) but"
     f" {ASC} has 18 seats\n"),
    (["seats", "--seats", "12", "--party", "Conservative=12"],
     f"committee: {ASC} has 12 seats and 16 members would sit on it; remove a member first,"
     " or add seats\n"),
    (["seats", "--seats", "17", "--party", "Conservative"],
     "committee: --party 'Conservative': write GROUP=SEATS, e.g. --party Conservative=12\n"),
    (["member", "--member", "Mr Q Smith", "--party", "Labour"],
     f"committee: Labour has 2 seats on {ASC} and 3 members would sit in them\n"),
    (["member", "--member", "Mr Q Smith"],
     "committee: 'Mr Q Smith' is not in the register: give their party to add them, or"
     " check the spelling\n"),
    (["member", "--member", "Ms J Meade", "--party", "Conservative"],
     "committee: Ms J Meade is recorded as Labour, not Conservative\n"),
    (["remove-member", "--member", "Mr Q Smith"], None),
    (["standing-items"], "committee: give the opening items (--start TITLE ...) and/or the"
                         " closing ones (--end TITLE ...)\n"),
])
def test_a_change_that_does_not_add_up_is_refused_and_changes_nothing(demo, capsys, args,
                                                                      said):
    before = snapshot(demo)
    code, out, err = run(demo, capsys, args[0], "--committee", ASC, *args[1:])
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    if said:
        assert err == said
    else:
        assert err.startswith(f"committee: 'Mr Q Smith' does not sit on {ASC} (members:")
    assert snapshot(demo) == before


def test_an_unknown_committee_is_named_with_those_there_are(demo, capsys):
    code, out, err = run(demo, capsys, "show", "--committee", "Adult Social Care")
    assert code == 1
    assert err.startswith("committee: there is no committee called 'Adult Social Care' in"
                          f" the register (committees: {ASC}, ")


def test_seats_removal_and_standing_items_shape_the_next_agenda(demo, capsys):
    assert run(demo, capsys, "seats", "--committee", ASC, "--seats", "18", "--party",
               "Conservative=13", "--party", "Labour=2", "--party", "Liberal Democrat=1",
               "--party", "Green and Independent=2")[0] == 0
    code, out, _ = run(demo, capsys, "remove-member", "--committee", ASC, "--member",
                       "Mr N J Collor")
    assert out.splitlines()[0] == f"Mr N J Collor no longer sits on {ASC}."
    assert out.splitlines()[1:3] == [
        "Membership (18)",
        "  Conservative (13): Mr A M Ridgers (Chairman), Mrs P T Cole, Ms S Hamilton,"
        " Mr J Meade, Mr D Ross, Mr T L Shonk, Ms L Wright (Vice-Chairman), Mrs L Game,"
        " Mrs L Parfitt-Reid, Mr A Kennedy and 3 Vacancies"]
    code, out, _ = run(demo, capsys, "standing-items", "--committee", ASC,
                       "--start", "Apologies and Substitutes", "--start",
                       "Declarations of Interest by Members in items on the agenda",
                       "--end", "Work Programme")
    assert out == f"{ASC}'s standing items: 2 opening, 1 closing; new agendas are made with" \
                  " them.\n"
    details = meetings.create_meeting(demo, ASC, DECEMBER).value
    assert [i.title for i in details.meeting.items] == [
        "Apologies and Substitutes",
        "Declarations of Interest by Members in items on the agenda", "Work Programme"]
    assert meetings.meeting(demo, ASC, DECEMBER).committee.seats == 18
    actions = [r["action"] for r in decisions.audit_trail(demo)[-4:]]
    assert actions[:3] == ["set_seats", "remove_member", "set_standing_items"]


def test_standing_items_given_by_title_keep_their_descriptions(demo, capsys):
    run(demo, capsys, "standing-items", "--committee", ASC, "--start",
        "Apologies and Substitutes", "--start", "Petitions", "--end", "Work Programme")
    template = meetings.standing_items(demo, ASC)
    assert [(i.title, i.description) for i in template.start] == [
        ("Apologies and Substitutes",
         "To receive apologies for absence and notification of any substitutes present."),
        ("Petitions", None)]
    assert template.end[0].description == (
        "To receive a report from General Counsel on the Committee's work programme.")
