"""The statutory notices on the Documents screen (issue 15): a notice is one of its
documents about a decision, built, previewed and saved as ``render notice`` writes it;
what cannot be noticed is said in one sentence; a notice has no public version to ask
for (it never carries exempt text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from governance import decisions
from tests.pdf_text import pdf_text


def test_the_documents_screen_builds_previews_and_saves_a_notice(open_window, qtbot,
                                                                 tmp_path: Path) -> None:
    window = open_window(dt.date(2023, 10, 20), screen=4)
    view = window.documents_view
    view.kind.setCurrentIndex(view.kind.findData("notice_private"))
    assert view.number.isVisible() and not view.meeting.isVisible()
    assert not view.public.isEnabled() and not view.public.isChecked()
    view.number.setText("23/00098")
    view.build()
    qtbot.waitUntil(lambda: view.job is None, timeout=20000)
    assert view.result is None
    assert "23/00098 has no exempt paragraph" in view.message.text()
    decisions.update_decision(window.desk, "23/00098", {"exempt_paragraph": 3})
    view.build()
    qtbot.waitUntil(lambda: view.job is None, timeout=20000)
    assert view.result is not None and view.result.startswith(b"%PDF")
    text = " ".join(pdf_text(view.result).split())
    assert "Notice of Intention to Hold Part of a Meeting in Private" in text
    assert "Date of notice: 20 October 2023" in text
    out = tmp_path / "notice.pdf"
    assert view.save_to(out)
    assert view.message.text() == \
        f"Wrote the notice of a private meeting for 23/00098 (PDF) to {out}."
    assert pdf_text(out.read_bytes()) == pdf_text(view.result)
