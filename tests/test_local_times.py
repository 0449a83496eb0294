"""Times are kept in UTC and shown in the council's time (Europe/London): in a decision's
History and in the refusal of an edit made from a stale copy."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import audit, decisions
from governance.errors import StaleEdit


def test_a_kept_time_reads_in_the_council_s_time() -> None:
    assert audit.local_time("2026-07-03T13:05:09+00:00") == "3 Jul 2026 14:05:09 BST"
    assert audit.local_time("2026-12-03T13:05:09.123456+00:00") == "3 Dec 2026 13:05:09 GMT"
    assert audit.local_time("2026-03-29T00:59:59+00:00", seconds=False) == \
        "29 Mar 2026 00:59 GMT"
    assert audit.local_time("2026-03-29T01:00:00+00:00") == "29 Mar 2026 02:00:00 BST"


def test_a_stale_edit_names_when_in_the_council_s_time(sample_desk) -> None:
    d = decisions.decision(sample_desk, "23/00101")
    decisions.update_decision(sample_desk, "23/00101", {"reasons": "New reasons."})
    row = decisions.audit_trail(sample_desk, "decision", "23/00101")[-1]
    with pytest.raises(StaleEdit) as refused:
        decisions.update_decision(sample_desk, "23/00101", {"title": "Mine"},
                                  expected_version=d.version)
    assert f"test.clerk at {audit.local_time(row.at)} (edit: reasons)" in str(refused.value)
    assert " UTC" not in str(refused.value)


def test_history_shows_the_council_s_time(open_window) -> None:
    window = open_window(dt.date(2023, 11, 1))
    window.open_decision("23/00098")
    view = window.decision_view
    view.text_edits["alternatives"].setPlainText("None were considered.")
    assert view.save()
    row = decisions.audit_trail(window.desk, "decision", "23/00098")[-1]
    assert view.history.horizontalHeaderItem(0).text() == "When (UK time)"
    assert view.history.item(0, 0).text() == audit.local_time(row.at)
    assert view.history.item(0, 0).text().endswith((" GMT", " BST"))
