"""The words the signer reads on a Record of Decision: parts joined without doubled
conjunctions, the committee's outcome in place of what was to happen (never after it), a
decision taken outside the cycle saying so and why, the name of who took it above the
post, an unsigned copy left to sign and date, and members' honours on the front sheet.

The decisions here are the 2019 pack's (18/00067, 19/00011) and ones built for the case:
the rules were worked out on the 2023 pack's 23/00098 and are checked on others."""

from __future__ import annotations

import dataclasses
import datetime as dt

from governance.checks import check_register
from governance.model import (
    AgendaItem,
    Committee,
    CommitteeConsideration,
    Decision,
    DecisionPart,
    Member,
    Membership,
    Paper,
    PathwayStep,
    Post,
    RegisterDocument,
)
from governance.ports import AgendaAppearance, CoverContext
from governance.wording import split_forward
from templates.frontsheet import membership_groups
from templates.record import cover_sheet, lettered_parts, record_of_decision
from templates.style import house_style

ASC = "Adult Social Care Cabinet Committee"
MAKER = "Cabinet Member for Adult Social Care and Public Health"
#: 18/00067's consultation text, as the 2019 pack printed it.
FORWARD_2019 = (
    "The proposed decision will be discussed at the Adult Social Care Cabinet Committee on"
    " 12 March 2019 and the outcome included in the paperwork which the Cabinet Member will"
    " be asked to sign.")


def rates_2019(**changes) -> Decision:
    d = Decision(
        "18/00067", "PROPOSED REVISION OF RATES PAYABLE AND CHARGES LEVIED FOR ADULT SOCIAL"
        " CARE SERVICES IN 2019-20", decision_maker=MAKER, key_decision=True,
        parts=[DecisionPart("APPROVE", "the proposed changes to the rates payable and charges"
                            " levied for adult social care services in 2019-20 as set out"
                            " in sections 2.5.1 to 3.3 of the report; and"),
               DecisionPart("DELEGATE", "authority to the Corporate Director of Adult Social"
                            " Care and Health, or other nominated officer, to undertake the"
                            " necessary actions to implement the decision.")],
        consultation=FORWARD_2019,
        committee_considerations=[CommitteeConsideration(ASC, dt.date(2019, 3, 12))],
        status="proposed")
    return dataclasses.replace(d, **changes)


def taken(d: Decision, outcome: str | None = "endorsed", **changes) -> Decision:
    considerations = [dataclasses.replace(c, outcome=outcome)
                      for c in d.committee_considerations]
    changes = {"signed_by": "Graham Gibbens", **changes}
    return dataclasses.replace(d, status="taken", taken_on=dt.date(2019, 3, 20),
                               committee_considerations=considerations, **changes)


def field_lines(record, key: str) -> list[str]:
    return [p.plain for p in record.field(key).paragraphs]


# --- joining the parts ---------------------------------------------------------------------


def test_a_part_ending_in_and_gets_no_second_conjunction() -> None:
    style = house_style()
    d = rates_2019(parts=[
        DecisionPart("EXTEND", "the contract to 31 March 2022; and"),
        DecisionPart("APPROVE", "the variation and"),
        DecisionPart("AGREE", "the uplift;"),
        DecisionPart("DELEGATE", "authority to the Corporate Director.")])
    lines = [p.plain for p in lettered_parts(d, style)]
    assert lines == ["a) EXTEND the contract to 31 March 2022;",
                     "b) APPROVE the variation;",
                     "c) AGREE the uplift; and",
                     "d) DELEGATE authority to the Corporate Director."]
    assert not any("and; and" in line or "and and" in line for line in lines)


def test_an_or_between_alternatives_stands_and_is_not_doubled() -> None:
    d = rates_2019(parts=[DecisionPart("APPROVE", "option 1; or"),
                          DecisionPart("APPROVE", "option 2 or")])
    assert [p.plain for p in lettered_parts(d, house_style())] == [
        "a) APPROVE option 1; or", "b) APPROVE option 2."]


def test_words_that_merely_end_in_and_or_or_are_kept() -> None:
    d = rates_2019(parts=[DecisionPart("AGREE", "the grant to Sandor"),
                          DecisionPart("NOTE", "the figures for Thailand")])
    assert [p.plain for p in lettered_parts(d, house_style())] == [
        "a) AGREE the grant to Sandor; and", "b) NOTE the figures for Thailand."]


# --- the consultation field ----------------------------------------------------------------


def test_taken_record_prints_the_outcome_in_place_of_what_was_to_happen() -> None:
    record = record_of_decision(taken(rates_2019()), house_style())
    assert field_lines(record, "consultation") == [
        "The Adult Social Care Cabinet Committee considered the proposed decision on"
        " 12 March 2019 and endorsed it."]


def test_the_outcome_takes_the_place_of_the_sentence_and_the_rest_stays() -> None:
    text = ("Providers were consulted in January 2019. " + FORWARD_2019
            + "\n\nThe Health Overview and Scrutiny Committee was informed.")
    d = taken(rates_2019(consultation=text), outcome="recommendations_made")
    d.committee_considerations[0].recommendations = "review the rates in six months"
    lines = field_lines(record_of_decision(d, house_style()), "consultation")
    assert lines == [
        "Providers were consulted in January 2019.",
        "The Adult Social Care Cabinet Committee considered the proposed decision on"
        " 12 March 2019 and made the following recommendations: review the rates in six"
        " months",
        "The Health Overview and Scrutiny Committee was informed."]


def test_a_list_of_committees_still_to_meet_goes_with_its_sentence() -> None:
    """23/00091's form: "will be considered by the following ... Cabinet Committees:" and a
    bullet per committee; the taken record prints the outcomes instead of the list."""
    text = ("The strategy will be considered by the following Cabinet Committees:\n\n"
            "• Health Reform and Public Health – 7 November\n"
            "• Adult Social Care – 23 November\n\n"
            "Extensive public consultation has taken place.")
    assert split_forward(text) == ("", "Extensive public consultation has taken place.")
    d = taken(rates_2019(consultation=text, committee_considerations=[
        CommitteeConsideration("Health Reform and Public Health Cabinet Committee",
                               dt.date(2023, 11, 7)),
        CommitteeConsideration(ASC, dt.date(2023, 11, 23))]))
    lines = field_lines(record_of_decision(d, house_style()), "consultation")
    assert len(lines) == 3 and lines[-1] == "Extensive public consultation has taken place."
    assert "7 November 2023 and endorsed it" in lines[0]
    assert "23 November 2023 and endorsed it" in lines[1]
    assert not any("will be" in line or line.startswith("•") for line in lines)


def test_proposed_record_keeps_the_sentence_until_every_committee_has_met() -> None:
    waiting = record_of_decision(rates_2019(), house_style())
    assert field_lines(waiting, "consultation") == [FORWARD_2019]


def test_check_agrees_with_the_record_on_forward_words() -> None:
    """``check`` reports a taken record's forward-looking consultation only where the record
    would print it: not when the outcome stands in its place."""
    def codes(d: Decision) -> list[str]:
        return [p.code for p in check_register(RegisterDocument(decisions=[d]))
                if p.code == "taken_text_says_propose"]
    assert codes(taken(rates_2019())) == []
    assert codes(taken(rates_2019(), outcome=None)) == ["taken_text_says_propose"]


# --- outside the cycle, under urgency ------------------------------------------------------


def test_urgent_decision_says_it_was_taken_outside_the_cycle_and_why() -> None:
    reason = ("The grant had to be accepted by 30 November 2019; the Chairman of the"
              " Scrutiny Committee agreed on 25 November 2019 that it could not be deferred.")
    d = taken(rates_2019(route="special_urgency", urgency_reason=reason,
                         committee_considerations=[]))
    lines = field_lines(record_of_decision(d, house_style()), "consultation")
    assert lines[0].startswith("This decision was taken outside the Cabinet Committee cycle"
                               " under the special urgency procedure (regulation 11")
    assert lines[1] == f"Reason for urgency: {reason}"
    assert not any("will be discussed" in line for line in lines)


def test_decision_outside_the_cycle_without_urgency_says_so() -> None:
    d = taken(rates_2019(route="outside_cycle", committee_considerations=[]))
    lines = field_lines(record_of_decision(d, house_style()), "consultation")
    assert lines == ["This decision was taken outside the Cabinet Committee cycle."]


# --- who took it, and the signature line ---------------------------------------------------


def test_taken_record_names_who_took_it_above_the_post() -> None:
    record = record_of_decision(taken(rates_2019()), house_style(), holder="Dan Watkins")
    assert record.maker_lines == ("Graham Gibbens", MAKER)
    unsigned = taken(rates_2019(), signed_by=None)
    assert record_of_decision(unsigned, house_style(), holder="Dan Watkins").maker_lines == (
        "Dan Watkins", MAKER)
    assert record_of_decision(rates_2019(), house_style(),
                              holder="Dan Watkins").maker_lines == (MAKER,)
    cabinet = taken(rates_2019(decision_maker="Cabinet"))
    assert record_of_decision(cabinet, house_style()).maker_lines == ("Cabinet",)


def test_unsigned_copy_of_a_taken_record_leaves_the_lines_to_sign_and_date() -> None:
    sig = record_of_decision(taken(rates_2019()), house_style()).signature
    assert set(sig.signature) == {"."} and set(sig.date) == {"."}
    assert not sig.signed
    signing = record_of_decision(taken(rates_2019()), house_style(), signer="Graham Gibbens",
                                 signed_on=dt.date(2019, 3, 20)).signature
    assert signing.signed and signing.signature == f"Graham Gibbens, {MAKER}"
    assert signing.date == "20 March 2019"


# --- honours -------------------------------------------------------------------------------


def test_front_sheet_prints_honours_with_the_name_as_the_2019_pack() -> None:
    """The 2019 front sheet: "Mrs A D Allen, MBE, ..." and "Mrs T Dean, MBE, and Ida
    Linfield"."""
    committee = Committee(ASC, "cabinet_committee", seats=4,
                          party_seats={"Conservative": 2, "Liberal Democrat": 2},
                          membership=[Membership("Mrs P T Cole", "chairman"),
                                      Membership("Mrs A D Allen", "member"),
                                      Membership("Mrs T Dean", "member"),
                                      Membership("Ida Linfield", "member")])
    members = {"Mrs P T Cole": Member("Mrs P T Cole", "Conservative"),
               "Mrs A D Allen": Member("Mrs A D Allen", "Conservative", "MBE"),
               "Mrs T Dean": Member("Mrs T Dean", "Liberal Democrat", "MBE"),
               "Ida Linfield": Member("Ida Linfield", "Liberal Democrat")}
    _heading, groups = membership_groups(committee, members, house_style()["agenda"])
    assert groups == [("Conservative (2):", "Mrs P T Cole (Chairman) and Mrs A D Allen, MBE"),
                      ("Liberal Democrat (2):", "Mrs T Dean, MBE, and Ida Linfield")]


# --- report covers ---------------------------------------------------------------------------


def cover_of(d: Decision, item: AgendaItem | None = None,
             posts: list[Post] | None = None, meeting: dt.date = dt.date(2019, 3, 12)):
    appearance = AgendaAppearance(ASC, meeting, d.title, None)
    items = {(ASC, meeting): item} if item is not None else {}
    context = CoverContext(posts if posts is not None else POSTS_2019, [appearance], items)
    return cover_sheet(d, house_style(), context)


POSTS_2019 = [Post(MAKER, "Graham Gibbens"),
              Post("Corporate Director of Adult Social Care and Health", "Penny Southern")]


def test_cover_on_an_agenda_is_addressed_to_the_committee_from_member_and_director() -> None:
    """The 2019 cover of 18/00067: From the Cabinet Member and the director (name, post),
    To the committee and its date, Decision No before Subject; the committee is asked to
    make recommendations to the Cabinet Member (never the Cabinet Member to himself)."""
    d = rates_2019(committee_considerations=[],
                   relevant_director="Corporate Director of Adult Social Care and Health")
    item = AgendaItem(d.title, decision=d.number, papers=[
        Paper("report.pdf", "Report"),
        Paper("prod.pdf", "Appendix A - Proposed Record of Decision")])
    cover = cover_of(d, item)
    assert cover.line("from").values == (
        f"Graham Gibbens, {MAKER}",
        "Penny Southern, Corporate Director of Adult Social Care and Health")
    assert cover.line("to").values == (f"{ASC} – 12 March 2019",)
    keys = [line.key for line in cover.lines]
    assert keys.index("to") < keys.index("decision_no") < keys.index("subject")
    assert cover.recommendation == (
        f"The {ASC} is asked to CONSIDER and ENDORSE or make RECOMMENDATIONS to the {MAKER}"
        " on the proposed decision attached as Appendix A to:")
    assert cover.notice == ""
    assert cover.line("classification").values == ("Unrestricted",)


def test_taken_decision_on_an_agenda_is_reported_for_information() -> None:
    d = taken(rates_2019(route="outside_cycle", committee_considerations=[]))
    item = AgendaItem(d.title, decision=d.number,
                      papers=[Paper("rod.pdf", "Appendix B - Record of Decision")])
    cover = cover_of(d, item, meeting=dt.date(2019, 5, 21))
    assert cover.notice == "FOR INFORMATION ONLY"
    assert cover.recommendation == (
        f"The {ASC} is asked to NOTE that the {MAKER} has taken decision 18/00067 attached"
        " as Appendix B to:")
    assert "ENDORSE" not in cover.recommendation
    assert "Cabinet Member decision" not in cover.line("future_pathway").values[0]


def test_classification_names_an_exempt_appendix_or_an_exempt_item() -> None:
    """The 2019 Community Navigation cover: "Unrestricted - Exempt Appendix (B and D)"."""
    d = rates_2019(committee_considerations=[])
    open_item = AgendaItem(d.title, decision=d.number, papers=[
        Paper("report.pdf", "Report and Appendices A, C and E"),
        Paper("b.pdf", "Appendix B", exempt_paragraph=3),
        Paper("d.pdf", "Appendix D", exempt_paragraph=3)])
    assert cover_of(d, open_item).line("classification").values[0].startswith(
        "Unrestricted - Exempt appendix")
    exempt_item = dataclasses.replace(open_item, exempt_paragraph=3)
    assert cover_of(d, exempt_item).line("classification").values[0].startswith("Exempt")


def test_recorded_pathways_print_on_the_cover() -> None:
    """18/00067's cover: "Past Pathway of Paper: Adult Social Care and Health Directorate
    Management Team – 13 February 2019" / "Future Pathway of Paper: Cabinet Member
    decision"."""
    d = rates_2019(committee_considerations=[], past_pathway=[PathwayStep(
        "Adult Social Care and Health Directorate Management Team", dt.date(2019, 2, 13))])
    cover = cover_of(d, AgendaItem(d.title, decision=d.number))
    assert cover.line("past_pathway").label == "Past Pathway of Paper:"
    assert cover.line("past_pathway").values == (
        "Adult Social Care and Health Directorate Management Team – 13 February 2019",)
    assert cover.line("future_pathway").values == ("Cabinet Member decision",)
    later = dataclasses.replace(d, future_pathway=[PathwayStep("Cabinet", dt.date(2019, 4, 1)),
                                                   PathwayStep("County Council")])
    assert cover_of(later, AgendaItem(d.title, decision=d.number)).line(
        "future_pathway").values == ("Cabinet – 1 April 2019; County Council",)


def test_check_asks_for_who_agreed_the_urgency_the_record_prints() -> None:
    def codes(reason: str) -> list[str]:
        d = taken(rates_2019(route="special_urgency", urgency_reason=reason,
                             committee_considerations=[]))
        return [p.code for p in check_register(RegisterDocument(decisions=[d]))
                if p.code.startswith("urgency")]
    assert codes("The grant had to be accepted by 30 November 2019.") == [
        "urgency_agreement_not_named"]
    assert codes("The grant had to be accepted by 30 November 2019; the Chairman of the"
                 " Scrutiny Committee agreed it could not be deferred.") == []
