"""The checks that catch inconsistent papers: each fires on the bad case, not on the fix."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from governance.checks import (
    CODES,
    EQIA_DONE_PHRASES,
    EQIA_NOT_DONE_PHRASES,
    Problem,
    check_decision,
    check_register,
)
from governance.model import (
    AgendaItem,
    Assessment,
    Committee,
    CommitteeConsideration,
    Decision,
    DecisionPart,
    Delegation,
    Meeting,
    Member,
    Membership,
    Post,
    RegisterDocument,
)

ASC = "Adult Social Care Cabinet Committee"
DIRECTOR = "Corporate Director of Adult Social Care and Health"
CONSULTATION_23_00098 = (
    "The proposed decision will be discussed at the Adult Social Care Cabinet Committee on "
    "16 November 2023 and the outcome included in the paperwork which the Cabinet Member "
    "will be asked to sign."
)


def clean_decision(**changes: object) -> Decision:
    """A proposed key decision with nothing wrong in it."""
    decision = Decision(
        number="23/00098",
        title="Urgent and Emergency Care Support Fund",
        decision_maker="Cabinet Member for Adult Social Care and Public Health",
        key_decision=True,
        key_decision_criteria=["expenditure"],
        parts=[
            DecisionPart("ACCEPT", "the Urgent and Emergency Care Funding"),
            DecisionPart(
                "DELEGATE",
                f"authority to the {DIRECTOR} to develop plans to deploy the grant funding",
                Delegation(post=DIRECTOR, scope="develop plans to deploy the grant funding"),
            ),
        ],
        reasons="To respond to winter pressures.",
        equalities_implications=(
            "A full equality impact assessment has been undertaken as is included within the "
            "Adult Social Care Pressures Plan 2023/2024."
        ),
        consultation=(
            "The proposed decision will be discussed at the Adult Social Care Cabinet Committee "
            "on 23 November 2023 and the outcome included in the paperwork which the Cabinet "
            "Member will be asked to sign."
        ),
        alternatives="Not accepting the grant was considered and rejected.",
        eqia=Assessment("completed"),
        dpia=Assessment("not_required"),
        notice_published_on=dt.date(2023, 10, 20),
        route="committee",
        committee_considerations=[
            CommitteeConsideration(ASC, dt.date(2023, 11, 23), outcome="endorsed")
        ],
        status="proposed",
    )
    return replace(decision, **changes)


def taken_decision(**changes: object) -> Decision:
    """The same decision once signed, with its text in the past tense."""
    base = clean_decision(
        status="taken",
        taken_on=dt.date(2023, 11, 28),
        consultation=(
            "The proposed decision was discussed at the Adult Social Care Cabinet Committee "
            "on 23 November 2023, which endorsed it."
        ),
    )
    return replace(base, **changes)


def doc_with(*decisions: Decision, committees: list[Committee] | None = None,
             members: list[Member] | None = None) -> RegisterDocument:
    return RegisterDocument(
        posts=[Post(DIRECTOR, holder="Richard Smith")],
        members=members or [],
        committees=committees or [],
        decisions=list(decisions),
    )


def problems_for(decision: Decision, today: dt.date | None = None) -> list[Problem]:
    return check_register(doc_with(decision), today=today)


def with_code(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def the_one(problems: list[Problem], code: str) -> Problem:
    found = with_code(problems, code)
    assert len(found) == 1, problems
    return found[0]


# ------------------------------------------------------------------ the clean cases


def test_clean_proposed_and_taken_decisions_have_no_problems() -> None:
    assert problems_for(clean_decision()) == []
    assert problems_for(taken_decision()) == []


def test_problem_to_json_has_exactly_the_four_keys() -> None:
    problem = Problem("error", "membership_mismatch", ASC, "Something is wrong.")
    data = problem.to_json()
    assert list(data) == ["severity", "code", "subject", "message"]
    assert data == {"severity": "error", "code": "membership_mismatch", "subject": ASC,
                    "message": "Something is wrong."}
    assert json.loads(json.dumps(data)) == data


def test_every_problem_uses_a_listed_code_and_severity() -> None:
    bad = taken_decision(
        consultation=CONSULTATION_23_00098, notice_published_on=None, alternatives=None,
        eqia=None, parts=[DecisionPart("DELEGATE", "authority to someone")],
    )
    problems = problems_for(bad)
    assert problems
    for p in problems:
        assert p.code in CODES
        assert p.severity in CODES[p.code]
        assert p.message.endswith((".", "?"))


# ------------------------------------------------------- 1 consultation_date_mismatch


def test_consultation_date_mismatch_real_case_23_00098() -> None:
    problem = the_one(problems_for(clean_decision(consultation=CONSULTATION_23_00098)),
                      "consultation_date_mismatch")
    assert problem.severity == "error"
    assert problem.subject == "23/00098"
    assert "16 November 2023" in problem.message
    assert f"{ASC} on 23 November 2023" in problem.message


@pytest.mark.parametrize("written", [
    "16 November 2023", "16th November 2023", "Thursday, 16 November 2023",
    "16/11/2023", "16th November, 2023",
])
def test_consultation_date_formats(written: str) -> None:
    text = f"Discussed at the Adult Social Care Cabinet Committee on {written}."
    problem = the_one(problems_for(clean_decision(consultation=text)),
                      "consultation_date_mismatch")
    assert written.removeprefix("Thursday, ") in problem.message
    right = text.replace("16", "23")
    assert with_code(problems_for(clean_decision(consultation=right)),
                     "consultation_date_mismatch") == []


def test_consultation_date_not_fired_without_consideration_or_date() -> None:
    no_consideration = clean_decision(consultation=CONSULTATION_23_00098,
                                      committee_considerations=[])
    assert with_code(problems_for(no_consideration), "consultation_date_mismatch") == []
    no_date = clean_decision(consultation="The proposed decision will be discussed at the "
                                          "Adult Social Care Cabinet Committee.")
    assert with_code(problems_for(no_date), "consultation_date_mismatch") == []


def test_consultation_date_matches_any_of_several_considerations() -> None:
    decision = clean_decision(
        consultation=CONSULTATION_23_00098,
        committee_considerations=[
            CommitteeConsideration("Health Reform and Public Health Cabinet Committee",
                                   dt.date(2023, 11, 7)),
            CommitteeConsideration(ASC, dt.date(2023, 11, 16)),
        ],
    )
    assert with_code(problems_for(decision), "consultation_date_mismatch") == []


def test_consultation_date_ignores_dates_that_are_not_meetings() -> None:
    text = ("Following the DHSC letter of 8 September 2023, the proposed decision was "
            "discussed at the Adult Social Care Cabinet Committee on 23 November 2023.")
    assert with_code(problems_for(clean_decision(consultation=text)),
                     "consultation_date_mismatch") == []


# ----------------------------------------------------------------- 2 membership


PARTIES = {"Conservative": 12, "Labour": 2, "Liberal Democrat": 1, "Green and Independent": 2}


def asc_membership(conservatives: int = 11) -> tuple[list[Member], list[Membership]]:
    counts = {"Conservative": conservatives, "Labour": 2, "Liberal Democrat": 1,
              "Green and Independent": 2}
    members: list[Member] = []
    for party, n in counts.items():
        members += [Member(f"{party} member {i}", party) for i in range(n)]
    roles = [Membership(m.name, "chairman" if i == 0 else "vice_chairman" if i == 1 else "member")
             for i, m in enumerate(members)]
    members.append(Member("Mr S Substitute", "Conservative"))
    roles.append(Membership("Mr S Substitute", "substitute"))
    return members, roles


def membership_problems(seats: int | None, party_seats: dict[str, int] | None,
                        conservatives: int = 11) -> list[Problem]:
    members, roles = asc_membership(conservatives)
    committee = Committee(ASC, "cabinet_committee", seats=seats, party_seats=party_seats,
                          membership=roles)
    return check_register(doc_with(committees=[committee], members=members))


def test_membership_17_over_16_names_is_a_conservative_vacancy() -> None:
    problems = membership_problems(17, PARTIES)
    problem = the_one(problems, "vacancy")
    assert problem.severity == "info"
    assert problem.subject == ASC
    assert problem.message.startswith("17 seats, 16 members listed: 1 Conservative vacancy")
    assert "'and 1 Vacancy'" in problem.message
    assert with_code(problems, "membership_mismatch") == []


def test_membership_full_committee_has_no_problems() -> None:
    assert membership_problems(17, PARTIES, conservatives=12) == []


def test_membership_party_seats_not_adding_up_is_an_error() -> None:
    problems = membership_problems(17, {**PARTIES, "Conservative": 11})
    problem = the_one(problems, "membership_mismatch")
    assert problem.severity == "error"
    assert problem.subject == ASC
    assert "add up to 16" in problem.message and "17 seats" in problem.message
    assert with_code(problems, "vacancy") == []


def test_membership_too_many_of_a_party() -> None:
    problems = membership_problems(17, {**PARTIES, "Conservative": 10, "Labour": 4},
                                   conservatives=11)
    messages = [p.message for p in with_code(problems, "membership_mismatch")]
    assert any("11 Conservative members listed but Conservative has 10 seats" in m
               for m in messages)


def test_membership_party_without_seats() -> None:
    members, roles = asc_membership(12)
    members.append(Member("Mr R Reform", "Reform UK"))
    roles.append(Membership("Mr R Reform", "member"))
    committee = Committee(ASC, "cabinet_committee", seats=18,
                          party_seats={**PARTIES, "Conservative": 13}, membership=roles)
    problems = check_register(doc_with(committees=[committee], members=members))
    problem = the_one(problems, "membership_mismatch")
    assert "Mr R Reform (Reform UK)" in problem.message


def test_membership_more_listed_than_seats() -> None:
    problems = membership_problems(15, None)
    problem = the_one(problems, "membership_mismatch")
    assert "16 members are listed but the committee has 15 seats" in problem.message


def test_membership_without_party_seats_counts_vacancies() -> None:
    problem = the_one(membership_problems(17, None), "vacancy")
    assert problem.message.startswith("17 seats, 16 members listed: 1 vacancy;")
    assert membership_problems(16, None) == []


def test_membership_without_seats_is_not_checked() -> None:
    assert membership_problems(None, PARTIES) == []


# ----------------------------------------------------------- 3 key decision notice


def test_key_decision_no_notice_warns_before_it_is_taken() -> None:
    problem = the_one(problems_for(clean_decision(notice_published_on=None)),
                      "key_decision_no_notice")
    assert problem.severity == "warning"
    assert problem.subject == "23/00098"
    assert "28 clear days" in problem.message


def test_key_decision_no_notice_is_an_error_once_taken() -> None:
    problem = the_one(problems_for(taken_decision(notice_published_on=None)),
                      "key_decision_no_notice")
    assert problem.severity == "error"
    assert "28 November 2023" in problem.message


def test_key_decision_no_notice_not_for_withdrawn_non_key_or_special_urgency() -> None:
    for decision in (
        clean_decision(notice_published_on=None, status="withdrawn"),
        clean_decision(notice_published_on=None, key_decision=False),
        taken_decision(notice_published_on=None, route="special_urgency",
                       urgency_reason="Grant conditions required acceptance by 30 November."),
    ):
        assert with_code(problems_for(decision), "key_decision_no_notice") == [], decision


def test_key_decision_no_notice_says_how_close_the_committee_is() -> None:
    decision = clean_decision(notice_published_on=None)
    problem = the_one(problems_for(decision, today=dt.date(2023, 11, 13)),
                      "key_decision_no_notice")
    assert "23 November 2023, 10 days from today" in problem.message
    far = the_one(problems_for(decision, today=dt.date(2023, 9, 1)), "key_decision_no_notice")
    assert "from today" not in far.message


def test_special_urgency_needs_a_reason() -> None:
    bad = taken_decision(notice_published_on=None, route="special_urgency", urgency_reason=" ")
    problem = the_one(problems_for(bad), "urgency_not_recorded")
    assert problem.severity == "error"
    assert "urgency reason" in problem.message
    good = replace(bad, urgency_reason="Funding had to be accepted by 30 November 2023;"
                   " the Chairman of the Scrutiny Committee agreed it could not be deferred.")
    assert problems_for(good) == []
    # Issue 14: the record prints the reason as its urgency; it must say who agreed.
    unnamed = replace(bad, urgency_reason="Funding had to be accepted by 30 November 2023.")
    assert the_one(problems_for(unnamed), "urgency_agreement_not_named").severity == \
        "warning"


def test_key_decision_notice_late() -> None:
    late = taken_decision(notice_published_on=dt.date(2023, 11, 1))
    problem = the_one(problems_for(late), "key_decision_notice_late")
    assert problem.severity == "error"
    assert "notice published 1 November 2023, decision taken 28 November 2023" in problem.message
    assert "26 clear days" in problem.message
    # 28 clear days exactly: 30 October to 28 November.
    on_time = taken_decision(notice_published_on=dt.date(2023, 10, 30))
    assert with_code(problems_for(on_time), "key_decision_notice_late") == []
    one_short = taken_decision(notice_published_on=dt.date(2023, 10, 31))
    assert with_code(problems_for(one_short), "key_decision_notice_late") != []


def test_general_exception_needs_five_clear_days() -> None:
    ok = taken_decision(notice_published_on=dt.date(2023, 11, 22), route="general_exception")
    assert with_code(problems_for(ok), "key_decision_notice_late") == []
    short = taken_decision(notice_published_on=dt.date(2023, 11, 23), route="general_exception")
    problem = the_one(problems_for(short), "key_decision_notice_late")
    assert "General exception needs 5 clear days" in problem.message


def test_special_urgency_with_reason_is_not_late() -> None:
    decision = taken_decision(notice_published_on=dt.date(2023, 11, 27),
                              route="special_urgency", urgency_reason="Grant deadline.")
    assert with_code(problems_for(decision), "key_decision_notice_late") == []


def test_untaken_decision_is_not_checked_for_late_notice() -> None:
    # Two days before its committee (whose outcome is not in yet), notice given a day ago.
    decision = clean_decision(notice_published_on=dt.date(2023, 11, 20),
                              committee_considerations=[
                                  CommitteeConsideration(ASC, dt.date(2023, 11, 23))])
    assert problems_for(decision, today=dt.date(2023, 11, 21)) == []


def test_an_outcome_recorded_before_the_committee_meets_is_an_error() -> None:
    problem = the_one(problems_for(clean_decision(), today=dt.date(2023, 11, 21)),
                      "outcome_before_meeting")
    assert (problem.severity, problem.message) == (
        "error", "An outcome (endorsed) is recorded for the Adult Social Care Cabinet"
        " Committee on 23 November 2023, which has not met yet; record the outcome once it"
        " has met.")
    assert with_code(problems_for(clean_decision(), today=dt.date(2023, 11, 23)),
                     "outcome_before_meeting") == []


# ----------------------------------------------------------------- 4 eqia_text_mismatch


def test_eqia_text_says_not_done_but_status_completed() -> None:
    decision = clean_decision(equalities_implications="An EQIA has not been completed.")
    problem = the_one(problems_for(decision), "eqia_text_mismatch")
    assert problem.severity == "warning"
    assert "'has not been completed'" in problem.message
    assert "completed" in problem.message
    fixed = replace(decision, eqia=Assessment("in_progress"))
    assert with_code(problems_for(fixed), "eqia_text_mismatch") == []


def test_eqia_text_says_done_but_status_screening() -> None:
    decision = clean_decision(
        equalities_implications="An equality impact assessment has been undertaken and IS "
                                "ATTACHED as Appendix D.",
        eqia=Assessment("screening"),
    )
    problem = the_one(problems_for(decision), "eqia_text_mismatch")
    assert "'has been undertaken'" in problem.message
    assert "screening" in problem.message
    fixed = replace(decision, eqia=Assessment("signed_off"))
    assert with_code(problems_for(fixed), "eqia_text_mismatch") == []


def test_eqia_text_says_full_assessment_but_status_not_required() -> None:
    decision = clean_decision(eqia=Assessment("not_required"))
    problem = the_one(problems_for(decision), "eqia_text_mismatch")
    assert "'full equality impact assessment has been'" in problem.message.lower()
    fixed = replace(decision, equalities_implications="There are no equality implications "
                                                      "associated with this decision.")
    assert with_code(problems_for(fixed), "eqia_text_mismatch") == []


def test_eqia_text_with_no_status_recorded() -> None:
    decision = clean_decision(eqia=None)
    problem = the_one(problems_for(decision), "eqia_text_mismatch")
    assert "no EqIA status is recorded" in problem.message


@pytest.mark.parametrize("phrase", EQIA_NOT_DONE_PHRASES)
def test_each_not_done_phrase_contradicts_completed(phrase: str) -> None:
    decision = clean_decision(equalities_implications=f"The EqIA: {phrase.upper()} now.")
    assert with_code(problems_for(decision), "eqia_text_mismatch") != []


@pytest.mark.parametrize("phrase", EQIA_DONE_PHRASES)
def test_each_done_phrase_contradicts_in_progress(phrase: str) -> None:
    decision = clean_decision(equalities_implications=f"The EqIA: {phrase} now.",
                              eqia=Assessment("in_progress"))
    assert with_code(problems_for(decision), "eqia_text_mismatch") != []


# ----------------------------------------------------------- 5 taken_without_assessment


def test_taken_without_assessment() -> None:
    decision = taken_decision(eqia=Assessment("in_progress"), dpia=None,
                              equalities_implications="An EqIA is being developed.")
    found = with_code(problems_for(decision), "taken_without_assessment")
    assert [p.severity for p in found] == ["warning", "warning"]
    messages = " | ".join(p.message for p in found)
    assert "EqIA is in_progress" in messages
    assert "DPIA is not recorded" in messages
    assert with_code(problems_for(taken_decision()), "taken_without_assessment") == []


def test_proposed_decision_without_assessment_is_not_flagged() -> None:
    decision = clean_decision(eqia=None, dpia=None, equalities_implications=None)
    assert with_code(problems_for(decision), "taken_without_assessment") == []


# ----------------------------------------------------------- 6 taken_text_says_propose


def test_taken_record_still_says_proposed_decision_will_be_discussed() -> None:
    decision = taken_decision(consultation=CONSULTATION_23_00098,
                              committee_considerations=[
                                  CommitteeConsideration(ASC, dt.date(2023, 11, 16))])
    problem = the_one(problems_for(decision), "taken_text_says_propose")
    assert problem.severity == "error"
    assert problem.subject == "23/00098"
    assert "the consultation text still says 'proposed decision will'" in problem.message


def test_taken_record_part_says_i_propose() -> None:
    decision = taken_decision(parts=[DecisionPart("AGREE", "I propose to accept the grant")])
    problem = the_one(problems_for(decision), "taken_text_says_propose")
    assert "part a) still says 'I propose'" in problem.message
    fixed = taken_decision(parts=[DecisionPart("AGREE", "to accept the grant")])
    assert with_code(problems_for(fixed), "taken_text_says_propose") == []


def test_proposed_record_may_say_propose() -> None:
    decision = clean_decision(consultation=CONSULTATION_23_00098.replace("16", "23"),
                              reasons="I propose to accept the grant.")
    assert with_code(problems_for(decision), "taken_text_says_propose") == []


# ----------------------------------------------------------- 7 unknown_delegation_post


def test_unknown_delegation_post_suggests_the_near_title() -> None:
    post = "Corporate Director Adult Social Care and Health"
    decision = clean_decision(parts=[DecisionPart("DELEGATE", "authority", Delegation(post))])
    problem = the_one(problems_for(decision), "unknown_delegation_post")
    assert problem.severity == "warning"
    assert f"'{post}'" in problem.message
    assert f"did you mean '{DIRECTOR}'?" in problem.message


def test_unknown_delegation_post_without_a_near_title() -> None:
    decision = clean_decision(parts=[
        DecisionPart("DELEGATE", "authority", Delegation("Director of Highways"))])
    problem = the_one(problems_for(decision), "unknown_delegation_post")
    assert "did you mean" not in problem.message
    assert "'Director of Highways'" in problem.message


# ------------------------------------------------------- 8 delegate_without_delegation


def test_delegate_without_delegation() -> None:
    decision = clean_decision(parts=[
        DecisionPart("ACCEPT", "the grant"), DecisionPart("DELEGATE", "authority to ...")])
    problem = the_one(problems_for(decision), "delegate_without_delegation")
    assert problem.severity == "warning"
    assert problem.message.startswith("Part b) says DELEGATE")
    assert with_code(problems_for(clean_decision()), "delegate_without_delegation") == []


# ---------------------------------------------------------------- 9 alternatives_blank


@pytest.mark.parametrize("status", ["proposed", "taken", "published"])
def test_alternatives_blank(status: str) -> None:
    base = clean_decision() if status == "proposed" else taken_decision(status=status)
    problem = the_one(problems_for(replace(base, alternatives="  ")), "alternatives_blank")
    assert problem.severity == "info"
    assert problem.subject == "23/00098"
    assert "alternatives" in problem.message
    assert with_code(problems_for(base), "alternatives_blank") == []


def test_draft_without_alternatives_is_fine() -> None:
    decision = clean_decision(status="draft", alternatives=None)
    assert with_code(problems_for(decision), "alternatives_blank") == []


# --------------------------------------------------------------------------- order


def test_output_sorted_by_subject_code_message() -> None:
    members, roles = asc_membership(11)
    committee = Committee(ASC, "cabinet_committee", seats=17, party_seats=PARTIES,
                          membership=roles)
    second = clean_decision(number="23/00091", notice_published_on=None, alternatives=None)
    first = taken_decision(consultation=CONSULTATION_23_00098, eqia=None, dpia=None,
                           equalities_implications=None)
    doc = doc_with(second, first, committees=[committee], members=members)
    problems = check_register(doc)
    keys = [(p.subject, p.code, p.message) for p in problems]
    assert keys == sorted(keys)
    assert [p.subject for p in problems][0] == "23/00091"
    assert {p.subject for p in problems} == {"23/00091", "23/00098", ASC}
    assert check_register(doc) == problems
    assert check_decision(first, doc) == [p for p in problems if p.subject == "23/00098"]


# ------------------------------------------------------------------------ meetings


def _meeting(published_on: dt.date | None, late_reason: str | None = None,
             exempt_item: bool = False) -> Meeting:
    return Meeting(ASC, dt.date(2023, 11, 23), published_on=published_on,
                   late_reason=late_reason, items=[
                       AgendaItem("Apologies and Substitutes", standing=True),
                       AgendaItem("Decisions Taken Outside of the Cabinet Committee Cycle",
                                  items=[AgendaItem("Property disposal", decision="23/00120",
                                                    exempt_paragraph=3 if exempt_item
                                                    else None)])])


def test_an_item_on_an_exempt_decision_not_marked_exempt_is_a_warning() -> None:
    exempt = Decision("23/00120", "Disposal of land", exempt_paragraph=3)
    problems = check_register(replace(doc_with(exempt), meetings=[_meeting(None)]))
    problem = the_one(problems, "exempt_decision_open_item")
    assert problem.severity == "warning"
    assert problem.subject == f"{ASC}, 23 November 2023"
    assert problem.message.startswith(
        "Item 2 a) considers 23/00120, whose record is exempt (paragraph 3 of Part 1 of"
        " Schedule 12A), but the item is not marked exempt")
    fixed = check_register(replace(doc_with(exempt), meetings=[_meeting(None, None, True)]))
    assert with_code(fixed, "exempt_decision_open_item") == []


@pytest.mark.parametrize("published_on, reason, warned", [
    (dt.date(2023, 11, 15), None, False),  # the deadline itself: on time
    (dt.date(2023, 11, 16), None, True),
    (dt.date(2023, 11, 16), "Urgent business: the grant conditions arrived on 15 November",
     False),
    (None, None, False),
])
def test_an_agenda_published_late_needs_a_recorded_reason(published_on, reason, warned):
    problems = check_register(replace(doc_with(), meetings=[_meeting(published_on, reason)]))
    found = with_code(problems, "agenda_late_without_reason")
    assert bool(found) == warned
    if warned:
        assert found[0].message.startswith(
            "The agenda was published on 16 November 2023, after the statutory deadline of"
            " 15 November 2023, and no reason is recorded")


def test_an_exempt_item_before_public_business_is_a_warning() -> None:
    meeting = Meeting(ASC, dt.date(2023, 11, 23), items=[
        AgendaItem("Apologies and Substitutes", standing=True),
        AgendaItem("Disposal of the Sandwich Depot", exempt_paragraph=3),
        AgendaItem("Performance Q2"), AgendaItem("Work Programme", standing=True)])
    problem = the_one(check_register(replace(doc_with(), meetings=[meeting])),
                      "exempt_item_before_open_items")
    assert problem.message.startswith(
        "Item 2 is exempt but items 3 and 4 come after it in public")
    meeting.items.append(meeting.items.pop(1))  # moved to the end: nothing to say
    assert with_code(check_register(replace(doc_with(), meetings=[meeting])),
                     "exempt_item_before_open_items") == []
