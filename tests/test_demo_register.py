"""The demo register (governance/demo/register.json) is valid interchange and says what
the papers say.

The register was built from the published agenda packs of Kent County Council's Adult Social
Care Cabinet Committee (23 November 2023 and 12 March 2019). These tests pin the facts a clerk
would check against the papers, including the papers' own mistakes, which are kept on purpose
so that the product's consistency checks have something real to find.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).parent.parent
REGISTER = ROOT / "governance" / "demo" / "register.json"
SCHEMA = ROOT / "governance" / "interchange.schema.json"

ASC = "Adult Social Care Cabinet Committee"


@pytest.fixture(scope="module")
def register() -> dict[str, Any]:
    return json.loads(REGISTER.read_text(encoding="utf-8"))


def _decision(register: dict[str, Any], number: str) -> dict[str, Any]:
    (found,) = [d for d in register["decisions"] if d["number"] == number]
    return found


def _meeting(register: dict[str, Any], date: str) -> dict[str, Any]:
    (found,) = [m for m in register["meetings"] if m["committee"] == ASC and m["date"] == date]
    return found


def _committee(register: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in register["committees"] if c["name"] == name]
    return found


def test_file_is_pretty_printed_utf8_with_final_newline(register: dict[str, Any]) -> None:
    text = REGISTER.read_text(encoding="utf-8")
    assert text == json.dumps(register, indent=2, ensure_ascii=False) + "\n"
    assert "£2,892,188" in text


def test_validates_against_interchange_schema_with_format_checking(
    register: dict[str, Any],
) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(register)]
    assert errors == []


def test_references_resolve_within_the_document(register: dict[str, Any]) -> None:
    members = [m["name"] for m in register["members"]]
    committees = [c["name"] for c in register["committees"]]
    numbers = [d["number"] for d in register["decisions"]]
    posts = [p["title"] for p in register["posts"]]
    for names in (members, committees, numbers, posts):
        assert len(names) == len(set(names))

    for committee in register["committees"]:
        for seat in committee.get("membership", []):
            assert seat["member"] in members

    def item_decisions(items: list[dict[str, Any]]) -> list[str]:
        found = []
        for item in items:
            if item.get("decision"):
                found.append(item["decision"])
            found += item_decisions(item.get("items", []))
        return found

    for meeting in register["meetings"]:
        assert meeting["committee"] in committees
        assert "papers" not in json.dumps(meeting["items"])
        for number in item_decisions(meeting["items"]):
            assert number in numbers

    for decision in register["decisions"]:
        for consideration in decision.get("committee_considerations", []):
            assert consideration["committee"] in committees
        for part in decision.get("parts", []):
            if part["verb"] == "DELEGATE":
                assert part["delegation"]["post"] in posts


def test_council_and_threshold(register: dict[str, Any]) -> None:
    assert register["format"] == "decision-register/1"
    assert register["council"] == {
        "name": "Kent County Council",
        "key_decision_threshold_pounds": 1000000,
    }


def test_committee_states_17_seats_but_lists_16_members(register: dict[str, Any]) -> None:
    committee = _committee(register, ASC)
    assert committee["kind"] == "cabinet_committee"
    assert committee["seats"] == 17
    assert committee["party_seats"] == {
        "Conservative": 12,
        "Labour": 2,
        "Liberal Democrat": 1,
        "Green and Independent": 2,
    }
    membership = committee["membership"]
    assert len(membership) == 16
    roles = {seat["member"]: seat["role"] for seat in membership}
    assert roles["Mr A M Ridgers"] == "chairman"
    assert roles["Ms L Wright"] == "vice_chairman"
    assert list(roles.values()).count("member") == 14
    assert {"Mr J Meade", "Ms J Meade", "Jenni Hawkins"} <= roles.keys()

    parties = {m["name"]: m["party"] for m in register["members"]}
    conservatives = [name for name in roles if parties[name] == "Conservative"]
    assert len(conservatives) == 11


def test_members_keep_printed_names_and_honours(register: dict[str, Any]) -> None:
    by_name = {m["name"]: m for m in register["members"]}
    assert by_name["Mr R G Streatfeild, MBE"]["honours"] == "MBE"
    assert by_name["Mr R G Streatfeild, MBE"]["party"] == "Liberal Democrat"
    assert by_name["Mrs T Dean, MBE"]["party"] == "Liberal Democrat"
    assert by_name["Mr S R Campkin"]["party"] == "Green and Independent"
    assert {"Mr D Pascoe", "Mr R A Pascoe", "Mr G Gibbens", "Mr D Watkins"} <= by_name.keys()


def test_2023_meeting_front_sheet(register: dict[str, Any]) -> None:
    meeting = _meeting(register, "2023-11-23")
    assert meeting["time"] == "14:00"
    assert meeting["venue"] == "Council Chamber, Sessions House, County Hall, Maidstone"
    assert meeting["clerk"] == "Dominic Westhoff"
    assert meeting["proper_officer"] == "General Counsel"
    assert meeting["published_on"] == "2023-11-15"
    assert [item["title"] for item in meeting["items"]] == [
        "Introduction/Webcasting Announcement",
        "Apologies and Substitutes",
        "Declarations of Interest by Members in items on the agenda",
        "Minutes of the meeting held on 13 September 2023",
        "Initial Draft Budget 2024-25 and Medium Term Financial Plan 2024-27",
        "Verbal Updates by Cabinet Member and Corporate Director",
        "Adult Social Care Pressures Plan 2023/2024 including Urgent and Emergency Care Grant "
        "Funding",
        "Kent and Medway Integrated Care Strategy",
        "Adult Social Care and Health Performance Q2 2023/2024",
        "Adult Social Care and Health Annual Complaint's Report 2022/2023",
        "Work Programme",
    ]
    standing = [i + 1 for i, item in enumerate(meeting["items"]) if item.get("standing")]
    assert standing == [1, 2, 3, 4, 6, 11]
    assert [item.get("decision") for item in meeting["items"]][6:8] == ["23/00098", "23/00091"]


def test_2019_meeting_front_sheet(register: dict[str, Any]) -> None:
    meeting = _meeting(register, "2019-03-12")
    assert meeting["time"] == "10:00"
    assert meeting["venue"] == "Darent Room - Sessions House"
    assert meeting["clerk"] == "Emma West"
    assert meeting["published_on"] == "2019-03-04"
    assert sorted(meeting["notices"]) == ["refreshments", "webcasting"]
    items = meeting["items"]
    assert len(items) == 15
    assert items[1]["title"] == "Membership"
    assert items[6]["decision"] == "18/00067"
    assert items[6]["title"] == (
        "Proposed Revision of Rates Payable and Charges Levied for Adult Services in 2019-20"
    )
    assert items[7]["decision"] == "19/00011"
    assert items[14]["title"] == "Work Programme 2019/20"
    assert items[14]["description"] == (
        "To receive a report from General Counsel on the Committee’s work programme."
    )


def test_23_00098_proposed_record(register: dict[str, Any]) -> None:
    decision = _decision(register, "23/00098")
    assert decision["title"] == "URGENT AND EMERGENCY CARE SUPPORT FUND"
    assert decision["decision_maker"] == "Cabinet Member for Adult Social Care and Public Health"
    assert decision["key_decision"] is True
    assert decision["status"] == "proposed"
    first, second = decision["parts"]
    assert first["verb"] == "ACCEPT"
    assert first["text"] == (
        "the Urgent and Emergency Care Funding under the terms set out by the Department of "
        "Health and Social Care"
    )
    assert second["verb"] == "DELEGATE"
    assert "to develop plans to deploy the grant funding" in second["text"]
    assert second["delegation"]["post"] == "Corporate Director Adult Social Care and Health"
    assert decision["financial_implications"].startswith(
        "The indicative allocation for Kent County Council (KCC) is £2,892,188."
    )
    assert decision["data_protection_implications"] == (
        "There are no anticipated data implications associated with this decision."
    )
    assert decision["eqia"]["title"] == "Adult Social Care Pressures Plan 22/23"
    assert decision["dpia"]["status"] == "not_required"
    assert decision["report_author"] is not None
    assert "Laura Prentice" in decision["report_author"]
    assert decision["relevant_director"] == "Jim Beale"


def test_23_00098_keeps_the_wrong_committee_date(register: dict[str, Any]) -> None:
    decision = _decision(register, "23/00098")
    assert "Adult Social Care Cabinet Committee on 16 November 2023" in decision["consultation"]
    assert [(c["committee"], c["date"]) for c in decision["committee_considerations"]] == [
        (ASC, "2023-11-23"),
    ]


def test_23_00091_goes_to_four_cabinet_committees_then_cabinet(register: dict[str, Any]) -> None:
    decision = _decision(register, "23/00091")
    assert decision["decision_maker"] == "Cabinet"
    assert _committee(register, "Cabinet")["kind"] == "cabinet"
    dates = {c["committee"]: c["date"] for c in decision["committee_considerations"]}
    assert dates[ASC] == "2023-11-23"
    assert dates["Health Reform and Public Health Cabinet Committee"] == "2023-11-07"
    assert len([c for c in dates if c.endswith("Cabinet Committee")]) == 4
    assert decision["parts"][1]["delegation"]["post"] == "Director of Public Health"
    assert decision["equalities_implications"].startswith(
        "An Equality Impact Assessment for the Integrated Care Strategy is in development"
    )
    assert decision["eqia"]["status"] == "in_progress"
    assert decision["data_protection_implications"] == (
        "A Data Protection Impact Assessment is not required."
    )
    assert decision["alternatives"] == "N/A due to the statutory requirements set out above."
    assert decision["interests_declared"] == "None."


def test_2019_records_keep_their_mistakes(register: dict[str, Any]) -> None:
    rates = _decision(register, "18/00067")
    assert "LIEVIED" in rates["title"]
    assert rates["alternatives"] is None
    assert rates["equalities_implications"] == "None"
    assert rates["key_decision_criteria"] == ["divisions"]
    assert rates["parts"][1]["delegation"]["post"] == (
        "Corporate Director of Adult Social Care and Health"
    )
    mental_health = _decision(register, "19/00011")
    assert mental_health["alternatives"] is None
    sensory = _decision(register, "19/00005")
    delegate = sensory["parts"][1]["text"]
    assert "or other nominated officer, the undertake the necessary actions" in delegate
    assert [c["outcome"] for c in sensory["committee_considerations"]] == ["endorsed"]


def test_every_decision_the_packs_record_is_present(register: dict[str, Any]) -> None:
    expected = (
        "23/00098 23/00091 23/00074 23/00078 22/00097 18/00067 19/00011"
        " 18/00054 19/00005 19/00004 18/00030 18/00041 16/00089 17/00053"
    )
    assert {d["number"] for d in register["decisions"]} == set(expected.split())
    navigation = _decision(register, "18/00041")
    assert navigation["published_on"] == "2018-10-09"
    assert navigation["status"] == "implemented"


def test_post_spelling_variants_are_kept(register: dict[str, Any]) -> None:
    posts = {p["title"]: p for p in register["posts"]}
    assert "Corporate Director Adult Social Care and Health" in posts
    assert "Corporate Director of Adult Social Care and Health" in posts
    assert posts["General Counsel"]["holder"] == "Benjamin Watts"
    assert posts["General Counsel"]["phone"] == "03000 416814"
