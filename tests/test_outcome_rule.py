"""No committee outcome before the committee has met: the lifecycle refuses it (the
window and any use case), and ``check`` reports one an import brought in."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from governance import decisions, listings
from governance.errors import UserError
from main import main

ASC = "Adult Social Care Cabinet Committee"
TODAY = dt.date(2023, 11, 20)  # three days before the sample's meeting


def _as_of(desk, day):
    return dataclasses.replace(desk, clock=lambda: day)


def test_the_lifecycle_refuses_an_outcome_for_a_meeting_still_to_come(sample_register):
    desk = _as_of(sample_register, TODAY)
    with pytest.raises(UserError) as refused:
        decisions.transition(desk, "23/00101", "record_outcome", committee=ASC,
                             on=dt.date(2023, 11, 23), outcome="endorsed")
    assert ("the Adult Social Care Cabinet Committee meets on 23 November 2023, after today"
            " (20 November 2023)") in str(refused.value)
    assert decisions.decision(desk, "23/00101").committee_considerations == []


def test_the_command_lines_check_reports_an_imported_outcome_still_to_come(
        tmp_path, sample_doc, write_doc, capsys):
    """An import carries what the other system recorded (it may have been wrong); check
    then says so, as an error."""
    sample_doc["decisions"][0]["committee_considerations"][0]["date"] = "2099-01-01"
    db = tmp_path / "new.sqlite"
    assert main(["--db", str(db), "import", str(write_doc(tmp_path / "in", sample_doc))]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 1
    out = capsys.readouterr().out
    assert ("ERROR   23/00098: An outcome (endorsed) is recorded for the Adult Social Care"
            " Cabinet Committee on 1 January 2099, which has not met yet; record the outcome"
            " once it has met. [outcome_before_meeting]") in out.splitlines()


def test_check_reports_an_outcome_recorded_before_the_meeting(sample_register):
    desk = _as_of(sample_register, TODAY)  # the sample came in when the meeting had met
    found = [p for p in listings.check(desk) if p.code == "outcome_before_meeting"]
    assert [(p.severity, p.subject, p.message) for p in found] == [(
        "error", "23/00098",
        "An outcome (endorsed) is recorded for the Adult Social Care Cabinet Committee on"
        " 23 November 2023, which has not met yet; record the outcome once it has met.")]
    assert not [p for p in listings.check(sample_register)
                if p.code == "outcome_before_meeting"]
