"""A decision's Past and Future Pathway of Paper (issue 14): kept by every store, edited
through the decision's edit use case and in the Decision screen, carried by the
interchange format as optional keys, and printed on the report cover."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from governance import decisions, exchange, records
from governance.desk import Desk
from governance.interchange import InterchangeError, validate
from governance.model import PathwayStep
from governance.pathway import PathwayError, parse_pathway
from tests.test_record_documents import pdf_text

DMT = PathwayStep("Adult Social Care and Health Directorate Management Team",
                  dt.date(2019, 2, 13))
LATER = [PathwayStep("Cabinet", dt.date(2024, 1, 4)), PathwayStep("County Council")]


def test_pathway_is_kept_and_read_back_on_every_store(sample_desk: Desk) -> None:
    done = decisions.update_decision(sample_desk, "23/00098",
                                     {"past_pathway": [DMT], "future_pathway": LATER})
    assert done.value.past_pathway == [DMT]
    again = decisions.decision(sample_desk, "23/00098")
    assert (again.past_pathway, again.future_pathway) == ([DMT], LATER)
    other = decisions.decision(sample_desk, "23/00101")
    assert (other.past_pathway, other.future_pathway) == ([], [])


def test_pathway_goes_out_and_comes_back_in_the_interchange_file(
        sample_desk: Desk, new_desk: Callable[[], Desk], tmp_path: Path) -> None:
    decisions.update_decision(sample_desk, "23/00098",
                              {"past_pathway": [DMT], "future_pathway": LATER})
    text = exchange.export_text(sample_desk)
    data = json.loads(text)
    entry = next(d for d in data["decisions"] if d["number"] == "23/00098")
    assert entry["past_pathway"] == [{"board": DMT.board, "date": "2019-02-13"}]
    assert entry["future_pathway"] == [{"board": "Cabinet", "date": "2024-01-04"},
                                       {"board": "County Council", "date": None}]
    # Optional: a decision without a pathway carries no key, so older files stay as they were.
    assert all("past_pathway" not in d for d in data["decisions"] if d["number"] != "23/00098")
    again = new_desk()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "register.json").write_text(text, encoding="utf-8")
    exchange.import_file(again, tmp_path / "in" / "register.json")
    assert decisions.decision(again, "23/00098").past_pathway == [DMT]
    assert exchange.export_text(again) == text


def test_a_file_without_pathway_keys_is_valid_and_a_bad_step_is_refused(
        sample_doc: dict[str, Any]) -> None:
    validate(sample_doc)
    sample_doc["decisions"][0]["past_pathway"] = [{"board": "Cabinet", "date": "4 Jan"}]
    with pytest.raises(InterchangeError, match="past_pathway"):
        validate(sample_doc)


def test_a_clerk_types_one_board_a_line() -> None:
    assert parse_pathway(
        "Adult Social Care and Health Directorate Management Team – 13 February 2019\n"
        "Children, Young People and Education Cabinet Committee – 21st November 2023\n"
        "Cabinet Member decision") == [
        DMT, PathwayStep("Children, Young People and Education Cabinet Committee",
                         dt.date(2023, 11, 21)), PathwayStep("Cabinet Member decision")]
    with pytest.raises(PathwayError, match="line 2: '31 Febtember 2024' is not a date"):
        parse_pathway("Cabinet\nCabinet – 31 Febtember 2024", "Future Pathway of Paper")


def test_the_decision_screen_edits_the_pathway_and_the_cover_prints_it(open_window) -> None:
    window = open_window(dt.date(2019, 3, 1))
    window.open_decision("18/00067")
    view = window.decision_view
    panel = view.pathway_panel
    panel.edits["past_pathway"].setPlainText(
        "Adult Social Care and Health Directorate Management Team – 13 February 2019")
    assert view.save()
    assert decisions.decision(window.desk, "18/00067").past_pathway == [DMT]
    cover = records.render(window.desk, "cover", "18/00067", "pdf")
    assert "Past Pathway of Paper: Adult Social Care and Health Directorate Management" \
        " Team – 13 February 2019" in " ".join(pdf_text(cover).split())
    panel.edits["future_pathway"].setPlainText("Cabinet – 31 Febtember 2019")
    assert not view.save()
    assert "'31 Febtember 2019' is not a date" in view.banner.text()
    assert decisions.decision(window.desk, "18/00067").future_pathway == []
