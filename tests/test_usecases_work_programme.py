"""A committee's Work Programme (issue 15) on every store: suggested and regular items kept
in the register and audited against the committee, refused in one sentence; the programme
built from the register: the standing and regular items, each future meeting's items (its
agenda where it has items of business, otherwise its standing items with the decisions
planned for it and the regular items due that month), and the suggestions not yet on an
agenda, with who suggested them and when."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import decisions, documents, meetings, work_programme
from governance.desk import Desk
from governance.errors import UserError
from governance.programme import RegularItem, Suggestion
from tests.conftest import ASC

JAN, MAR = dt.date(2024, 1, 18), dt.date(2024, 3, 13)


def _trail(desk: Desk) -> list[tuple[str, dict | None, dict | None]]:
    return [(r.action, r.before_json(), r.after_json())
            for r in decisions.audit_trail(desk, "committee", ASC)]


def test_suggested_items_are_kept_audited_and_taken_off(sample_desk: Desk) -> None:
    done = work_programme.suggest(sample_desk, ASC, "Down Syndrome  Act 2022", "Mr D Ross",
                                  dt.date(2021, 12, 1))
    assert done.message == ("Suggested 'Down Syndrome Act 2022' for Adult Social Care"
                            " Cabinet Committee's work programme by Mr D Ross on Wednesday"
                            " 1 December 2021.")
    work_programme.suggest(sample_desk, ASC, "Carers' Short Breaks", None)
    assert work_programme.suggestions(sample_desk, ASC) == [
        Suggestion("Down Syndrome Act 2022", "Mr D Ross", dt.date(2021, 12, 1)),
        Suggestion("Carers' Short Breaks", None, dt.date(2023, 11, 1))]
    gone = work_programme.remove_suggestion(sample_desk, ASC, "down syndrome act 2022")
    assert gone.message == ("Took 'Down Syndrome Act 2022' off Adult Social Care Cabinet"
                            " Committee's suggested items.")
    assert [s.title for s in work_programme.suggestions(sample_desk, ASC)] == \
        ["Carers' Short Breaks"]
    assert [a for a, _b, _c in _trail(sample_desk)][-3:] == \
        ["suggest_item", "suggest_item", "remove_suggested_item"]
    assert _trail(sample_desk)[-3][2] == {"title": "Down Syndrome Act 2022", "by": "Mr D Ross",
                                         "on": "2021-12-01"}
    assert decisions.verify_audit(sample_desk)[1] is None


@pytest.mark.parametrize(("call", "said"), [
    (lambda d: work_programme.suggest(d, "No Such Committee", "X", None),
     "No Such Committee"),
    (lambda d: work_programme.suggest(d, ASC, "  ", None), "give the suggested item's title"),
    (lambda d: work_programme.suggest(d, ASC, "X", None, dt.date(2024, 1, 1)),
     "is in the future"),
    (lambda d: work_programme.remove_suggestion(d, ASC, "Nothing"),
     "'Nothing' is not suggested for Adult Social Care Cabinet Committee's work programme"),
    (lambda d: work_programme.set_regular_item(d, ASC, "Dashboard", "Sep,Smarch"),
     "'Smarch' is not a month"),
    (lambda d: work_programme.set_regular_item(d, ASC, "Dashboard", "Sep,September"),
     "September is given twice"),
    (lambda d: work_programme.remove_regular_item(d, ASC, "Dashboard"),
     "'Dashboard' is not one of Adult Social Care Cabinet Committee's regular items"),
])
def test_what_cannot_be_kept_is_refused_in_one_sentence(sample_desk: Desk, call,
                                                        said: str) -> None:
    before = len(_trail(sample_desk))
    with pytest.raises(UserError, match=said):
        call(sample_desk)
    assert len(_trail(sample_desk)) == before


def test_a_suggestion_is_made_once(sample_desk: Desk) -> None:
    work_programme.suggest(sample_desk, ASC, "Down Syndrome Act 2022", "Mr D Ross")
    with pytest.raises(UserError, match="'DOWN SYNDROME ACT 2022' is already suggested"):
        work_programme.suggest(sample_desk, ASC, "DOWN SYNDROME ACT 2022", None)


def test_regular_items_are_kept_changed_and_removed(sample_desk: Desk) -> None:
    done = work_programme.set_regular_item(sample_desk, ASC, "Performance Dashboard",
                                           "Sep, Nov, March, May")
    assert done.message == ("Adult Social Care Cabinet Committee receives 'Performance"
                            " Dashboard' in Sep, Nov, Mar, May.")
    once = work_programme.set_regular_item(sample_desk, ASC, "Annual Complaints Report",
                                           "November")
    assert once.message.endswith("'Annual Complaints Report' every November.")
    work_programme.set_regular_item(sample_desk, ASC, "performance dashboard", "Jan,Mar")
    assert work_programme.regular_items(sample_desk, ASC) == [
        RegularItem("performance dashboard", (1, 3)),
        RegularItem("Annual Complaints Report", (11,))]
    work_programme.remove_regular_item(sample_desk, ASC, "Annual Complaints Report")
    assert [r.title for r in work_programme.regular_items(sample_desk, ASC)] == \
        ["performance dashboard"]
    trail = _trail(sample_desk)
    assert trail[-2] == ("set_regular_item", {"title": "Performance Dashboard",
                                             "months": [9, 11, 3, 5]},
                        {"title": "performance dashboard", "months": [1, 3]})
    assert trail[-1][0] == "remove_regular_item"


def test_the_programme_from_agendas_plans_and_regular_items(sample_desk: Desk) -> None:
    desk = sample_desk
    work_programme.set_regular_item(desk, ASC, "Performance Dashboard", "Sep,Nov,Mar,May")
    work_programme.set_regular_item(desk, ASC, "Risk Management", "March")
    work_programme.suggest(desk, ASC, "Down Syndrome Act 2022", "Mr D Ross",
                           dt.date(2021, 12, 1))
    work_programme.suggest(desk, ASC, "Social Prescribing Update", None)
    # 23/00101 goes to the March meeting before it is made: planned, not on an agenda.
    meetings.send_to_committee(desk, "23/00101", ASC, MAR)
    meetings.create_meeting(desk, ASC, JAN, time="14:00")
    meetings.create_meeting(desk, ASC, MAR, time="14:00")
    # The January agenda gets an item of business: the suggestion it takes is allocated.
    meetings.add_item(desk, ASC, JAN, title="Social Prescribing Update",
                      before=meetings.CLOSING)

    p = work_programme.work_programme(desk, ASC)
    assert (p.year, p.first_year, p.updated_on) == ("2023/24", 2023, dt.date(2023, 11, 1))
    assert p.standing[3:] == ("Minutes", "Verbal Updates by Cabinet Member and Corporate"
                              " Director", "Work Programme")
    assert [r.title for r in p.regular] == ["Performance Dashboard", "Risk Management"]
    assert [m.date for m in p.meetings] == [dt.date(2023, 11, 23), JAN, MAR]
    nov, jan, mar = p.meetings
    assert nov.from_agenda and [(i.number, i.title, i.kind, i.key) for i in nov.items] == [
        ("1", "Apologies and Substitutes", "standing", False),
        ("2", "23/00098 - Adult Social Care Pressures Plan 2023/2024", "decision", True),
        ("3", "Decisions Taken Outside of the Cabinet Committee Cycle", "agenda", False)]
    assert jan.from_agenda and [i.title for i in jan.items][4:] == [
        "Verbal Updates by Cabinet Member and Corporate Director",
        "Social Prescribing Update", "Work Programme"]
    assert not mar.from_agenda and mar.time == "14:00"
    assert [(i.number, i.title, i.kind) for i in mar.items][3:] == [
        ("4", "Minutes", "standing"),
        ("5", "Verbal Updates by Cabinet Member and Corporate Director", "standing"),
        ("6", "23/00101 - Technology Enabled Care Service", "decision"),
        ("7", "Performance Dashboard", "regular"), ("8", "Risk Management", "regular"),
        ("9", "Work Programme", "standing")]
    assert p.unallocated == (Suggestion("Down Syndrome Act 2022", "Mr D Ross",
                                        dt.date(2021, 12, 1)),)
    # Meetings before the day asked for are left out.
    later = work_programme.work_programme(desk, ASC, dt.date(2023, 12, 1))
    assert [m.date for m in later.meetings] == [JAN, MAR]


def test_an_exempt_item_shows_only_what_the_forward_plan_would(sample_desk: Desk) -> None:
    desk = sample_desk
    decisions.update_decision(desk, "23/00101", {"exempt_paragraph": 3})
    meetings.send_to_committee(desk, "23/00101", ASC, MAR)
    meetings.create_meeting(desk, ASC, MAR)
    meetings.set_item_exempt(desk, ASC, dt.date(2023, 11, 23), 3, 5)
    nov, mar = work_programme.work_programme(desk, ASC).meetings
    assert nov.items[2].title == "Exempt item (paragraph 5 of Schedule 12A)"
    # Not a key decision: not on the Forward Plan, so not named here either.
    assert "Exempt item (paragraph 3 of Schedule 12A)" in [i.title for i in mar.items]
    assert not any("Technology" in i.title for i in mar.items)
    decisions.update_decision(desk, "23/00101", {"key_decision": True,
                                                 "key_decision_criteria": ["expenditure"]})
    mar = work_programme.work_programme(desk, ASC).meetings[1]
    assert "23/00101 - Technology Enabled Care Service" in [i.title for i in mar.items]


def test_the_programme_is_rendered_and_refused_for_an_unknown_format(
        sample_desk: Desk, tmp_path) -> None:
    out = tmp_path / "wp.docx"
    done = work_programme.write(sample_desk, ASC, "docx", out)
    assert done.message == (f"Wrote Adult Social Care Cabinet Committee's Work Programme"
                            f" 2023/24 (DOCX, 1 meeting, 0 not yet allocated) to {out}.")
    assert out.read_bytes().startswith(b"FAKE work_programme docx")
    with pytest.raises(UserError, match="a work programme is written as pdf, docx, not 'csv'"):
        work_programme.render(sample_desk, ASC, "csv")


def test_the_programme_is_attached_to_an_item_in_one_step_and_replaced_when_made_again(
        sample_desk: Desk) -> None:
    desk = sample_desk
    meetings.create_meeting(desk, ASC, JAN)
    nov = dt.date(2023, 11, 23)
    meetings.add_item(desk, ASC, nov, title="Work Programme")
    done = work_programme.attach(desk, ASC, nov, 4)
    assert done.message.startswith("Attached work-programme-2023-11-23.pdf to item 4 of the"
                                   " agenda of Adult Social Care Cabinet Committee, Thursday"
                                   " 23 November 2023 (1 page).")
    paper = meetings.meeting(desk, ASC, nov).meeting.items[3].papers[0]
    assert (paper.path, paper.title) == ("work-programme-2023-11-23.pdf",
                                         "Work Programme 2023/24")
    # The programme for the meeting covers the meetings after it.
    assert b"meeting 2024-01-18" in paper.content and b"meeting 2023-11-23" not in \
        paper.content
    work_programme.suggest(desk, ASC, "Down Syndrome Act 2022", "Mr D Ross")
    again = work_programme.attach(desk, ASC, nov, 4)
    assert again.message.startswith("Took off the Work Programme attached before. Attached"
                                    " work-programme-2023-11-23.pdf to item 4")
    papers = meetings.meeting(desk, ASC, nov).meeting.items[3].papers
    assert len(papers) == 1 and b"unallocated Down Syndrome Act 2022" in papers[0].content
    trail = [r.action for r in decisions.audit_trail(desk, "meeting", f"{ASC} 2023-11-23")]
    assert trail[-3:] == ["attach_paper", "remove_paper", "attach_paper"]


def test_the_attached_programme_is_made_again_when_the_pack_is_built_if_it_changed(
        sample_desk: Desk, tmp_path) -> None:
    desk = sample_desk
    meetings.create_meeting(desk, ASC, JAN)
    meetings.create_meeting(desk, ASC, MAR)
    assert work_programme.rebuild(desk, ASC, JAN) is None  # none attached
    work_programme.attach(desk, ASC, JAN, 6)
    assert work_programme.rebuild(desk, ASC, JAN) is None  # as it was
    work_programme.suggest(desk, ASC, "Down Syndrome Act 2022", "Mr D Ross")
    done = documents.write_pack(desk, ASC, JAN, tmp_path / "pack.pdf")
    assert done.message.startswith("Made the Work Programme on item 6 of the agenda again:"
                                   " it had changed since it was attached.\nWrote the agenda"
                                   " pack of Adult Social Care Cabinet Committee")
    papers = meetings.meeting(desk, ASC, JAN).meeting.items[5].papers
    assert len(papers) == 1 and b"unallocated Down Syndrome Act 2022" in papers[0].content
    assert work_programme.rebuild(desk, ASC, JAN) is None
    again = documents.write_pack(desk, ASC, JAN, tmp_path / "pack.pdf")
    assert again.message.startswith("Wrote the agenda pack")
    # A meeting already held keeps the programme it had.
    work_programme.attach(desk, ASC, MAR, 6)
    work_programme.suggest(desk, ASC, "Carers' Short Breaks", None)
    desk.clock.day = dt.date(2024, 3, 14)
    assert work_programme.rebuild(desk, ASC, MAR) is None
