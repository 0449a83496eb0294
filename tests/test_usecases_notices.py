"""The statutory notices as use cases (issue 15, SI 2012/2089 regulations 5, 10 and 11), on
every store: the notice made from the decision (the meeting held partly in private, the
Schedule 12A paragraph, the urgency reason naming who agreed), the one-sentence refusals
of what cannot be noticed, and publishing, which records its date on the decision,
audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from governance import decisions, listings, notices
from governance.desk import Desk
from governance.notice import NoticeMeeting
from tests.usecase_fixtures import import_dict

ASC = "Adult Social Care Cabinet Committee"
MEETING = dt.date(2023, 11, 23)
#: 33 clear days before the sample's meeting.
EARLY = dt.date(2023, 10, 20)
AGREED = ("The grant must be accepted by 8 December 2023; Mr A M Ridgers, Chairman of the"
          " Scrutiny Committee, agreed on 4 December 2023 that it could not be deferred.")


def _edit(desk: Desk, number: str, **changes: Any) -> None:
    decisions.update_decision(desk, number, changes)


def test_a_private_notice_names_the_meeting_and_the_paragraph(sample_desk: Desk) -> None:
    _edit(sample_desk, "23/00098", exempt_paragraph=3)
    made = notices.notice(sample_desk, "private", "23/00098")
    assert made.meeting == NoticeMeeting(
        ASC, MEETING, "14:00", "Council Chamber, Sessions House, County Hall, Maidstone")
    assert (made.number, made.title, made.paragraph) == (
        "23/00098", "Urgent and Emergency Care Support Fund", 3)
    assert made.proper_officer == "Ben Watts, General Counsel"
    assert made.dated == dt.date(2023, 11, 1)  # today, until it is published


def test_a_private_notice_for_a_decision_with_nothing_exempt_is_refused(
        sample_desk: Desk) -> None:
    with pytest.raises(notices.NoticeError, match=(
            "^23/00098 has no exempt paragraph \\(and no exempt item or paper at the Adult"
            " Social Care Cabinet Committee on 2023-11-23\\), so there is no reason to hold"
            " any of the meeting in private$")):
        notices.notice(sample_desk, "private", "23/00098")
    with pytest.raises(notices.NoticeError, match="^23/00101 goes to no committee meeting"):
        notices.notice(sample_desk, "private", "23/00101")
    with pytest.raises(notices.NoticeError, match="^a notice is private,"):
        notices.notice(sample_desk, "secret", "23/00098")


def test_publishing_a_private_notice_records_its_date_on_the_decision(
        sample_desk: Desk) -> None:
    sample_desk.clock.day = EARLY
    _edit(sample_desk, "23/00098", exempt_paragraph=3)
    done = notices.publish(sample_desk, "private", "23/00098", EARLY)
    assert done.message == ("Recorded the notice of a private meeting for 23/00098 for the"
                            f" {ASC} on 23 November 2023 as published on 20 October 2023.")
    assert done.notes == ()
    [kept] = notices.published(sample_desk, "23/00098")
    assert (kept.kind, kept.on, kept.committee, kept.date, kept.paragraph,
            kept.recorded_by) == ("private", EARLY, ASC, MEETING, 3, "test.clerk")
    last = decisions.audit_trail(sample_desk, "notice", "23/00098")[-1]
    assert last.action == "publish private"
    assert last.after_json()["on"] == "2023-10-20"
    assert decisions.verify_audit(sample_desk)[1] is None
    # The document printed afterwards carries the publication date.
    sample_desk.clock.day = dt.date(2023, 11, 1)
    assert notices.notice(sample_desk, "private", "23/00098").dated == EARLY
    with pytest.raises(notices.NoticeError, match="already recorded as published on 20"
                                                  " October 2023"):
        notices.publish(sample_desk, "private", "23/00098", dt.date(2023, 11, 1))


def test_the_confirmation_needs_the_28_day_notice_first_and_notes_too_few_days(
        sample_desk: Desk) -> None:
    _edit(sample_desk, "23/00098", exempt_paragraph=3)
    sample_desk.clock.day = dt.date(2023, 11, 20)
    with pytest.raises(notices.NoticeError, match="^no 28-day notice of the private meeting"
                                                  " is recorded for 23/00098"):
        notices.publish(sample_desk, "private-confirmation", "23/00098",
                        dt.date(2023, 11, 20))
    notices.publish(sample_desk, "private", "23/00098", EARLY)
    done = notices.publish(sample_desk, "private-confirmation", "23/00098",
                           dt.date(2023, 11, 20), representations="One, from a resident",
                           response="The prices stay confidential")
    assert done.notes == ("it gives 2 clear days before the meeting, 5 needed",)
    kept = notices.published(sample_desk, "23/00098")[-1]
    assert (kept.representations, kept.response) == ("One, from a resident",
                                                     "The prices stay confidential")
    sample_desk.clock.day = MEETING
    with pytest.raises(notices.NoticeError, match="^the meeting is on 23 November 2023, so a"
                                                  " notice published on 23 November 2023"
                                                  " gives no notice$"):
        notices.publish(sample_desk, "private", "23/00098", MEETING, committee=ASC,
                        date=MEETING)


def test_a_general_exception_notice_becomes_the_notice_date(sample_desk: Desk) -> None:
    sample_desk.clock.day = dt.date(2023, 12, 4)
    _edit(sample_desk, "23/00101", key_decision=True, expected_on="2023-12-11")
    with pytest.raises(notices.NoticeError, match="^23/00101 has no urgency reason, and the"
                                                  " general exception notice must say why"
                                                  " 28 clear days' notice is impracticable"):
        notices.notice(sample_desk, "general-exception", "23/00101")
    _edit(sample_desk, "23/00101", urgency_reason="The grant conditions arrived late.")
    with pytest.raises(notices.NoticeError, match="--informed"):
        notices.publish(sample_desk, "general-exception", "23/00101", dt.date(2023, 12, 4))
    done = notices.publish(sample_desk, "general-exception", "23/00101",
                           dt.date(2023, 12, 4), informed="Mr A M Ridgers")
    d = decisions.decision(sample_desk, "23/00101")
    assert (d.route, d.notice_published_on, d.status) == (
        "general_exception", dt.date(2023, 12, 4), "notice_published")
    assert done.value is not None and done.value.informed == "Mr A M Ridgers"
    assert done.value.reason == "The grant conditions arrived late."
    assert [r.action for r in decisions.audit_trail(sample_desk, ("decision", "notice"),
                                                    "23/00101")[-2:]] == [
        "route", "publish general-exception"]
    assert "key_decision_no_notice" not in [
        p.code for p in listings.decision_problems(sample_desk, "23/00101")]


def test_a_special_urgency_record_must_name_who_agreed(sample_desk: Desk) -> None:
    sample_desk.clock.day = dt.date(2023, 12, 4)
    _edit(sample_desk, "23/00101", key_decision=True,
          urgency_reason="The grant must be accepted by 8 December 2023.")
    with pytest.raises(notices.NoticeError, match=(
            "^23/00101's urgency reason does not name who agreed the decision was urgent and"
            " could not reasonably be deferred")):
        notices.publish(sample_desk, "special-urgency", "23/00101", dt.date(2023, 12, 4))
    assert notices.published(sample_desk) == []
    _edit(sample_desk, "23/00101", urgency_reason=AGREED)
    notices.publish(sample_desk, "special-urgency", "23/00101", dt.date(2023, 12, 4))
    d = decisions.decision(sample_desk, "23/00101")
    assert (d.route, d.notice_published_on) == ("special_urgency", None)
    assert notices.published(sample_desk, "23/00101")[0].reason == AGREED
    with pytest.raises(notices.NoticeError, match="special urgency route, so its notice is"
                                                  " the special urgency record"):
        notices.notice(sample_desk, "general-exception", "23/00101")


def test_what_is_not_a_key_decision_or_is_in_the_future_is_refused(
        sample_desk: Desk) -> None:
    with pytest.raises(notices.NoticeError, match="^23/00077 is not recorded as a key"
                                                  " decision, so it needs no special"
                                                  " urgency record$"):
        notices.notice(sample_desk, "special-urgency", "23/00077")
    _edit(sample_desk, "23/00098", exempt_paragraph=3)
    with pytest.raises(notices.NoticeError, match="is in the future"):
        notices.publish(sample_desk, "private", "23/00098", dt.date(2023, 11, 2))
    with pytest.raises(notices.NoticeError, match="does not go to a meeting of Cabinet"):
        notices.notice(sample_desk, "private", "23/00098", committee="Cabinet")


def test_the_notice_is_written_by_the_documents_port(sample_desk: Desk, tmp_path) -> None:
    _edit(sample_desk, "23/00098", exempt_paragraph=3)
    out = tmp_path / "notice.pdf"
    done = notices.write(sample_desk, "private", "23/00098", "pdf", out)
    assert done.message == f"Wrote the notice of a private meeting for 23/00098 (PDF) to {out}."
    assert out.read_text().splitlines()[2:7] == [
        "private", "23/00098", "Urgent and Emergency Care Support Fund", "paragraph 3",
        f"{ASC} 2023-11-23"]
    with pytest.raises(notices.NoticeError, match="pdf or docx, not 'csv'"):
        notices.render(sample_desk, "private", "23/00098", "csv")


def test_an_exempt_appendix_on_the_agenda_item_gives_the_paragraph(
        any_desk: Desk, sample_doc: dict[str, Any], tmp_path, make_pdf) -> None:
    item = sample_doc["meetings"][0]["items"][1]
    item["papers"] = ["papers/report.pdf", {"path": "papers/appendix.pdf",
                                            "title": "Appendix B", "exempt_paragraph": 5}]
    import_dict(any_desk, sample_doc, tmp_path / "in",
                {"papers/report.pdf": make_pdf("report"),
                 "papers/appendix.pdf": make_pdf("appendix")})
    made = notices.notice(any_desk, "private", "23/00098", committee=ASC, date=MEETING)
    assert (made.paragraph, made.meeting.committee if made.meeting else None) == (5, ASC)
