"""The window over the demo register: the register table, search and the record preview."""

from __future__ import annotations

import pytest

from db.exchange import load_demo
from db.register import Register
from ui.app import MainWindow


@pytest.fixture
def demo_window(qtbot, tmp_path):
    register = Register.open(tmp_path / "demo.sqlite")
    load_demo(register)
    window = MainWindow(register)
    qtbot.addWidget(window)
    window.show()
    yield window
    register.close()


def _numbers(window: MainWindow) -> list[str]:
    model = window.table.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_register_lists_every_demo_decision_with_status_in_words(demo_window):
    numbers = _numbers(demo_window)
    assert len(numbers) == 14
    assert "23/00098" in numbers and "18/00067" in numbers
    model = demo_window.table.model()
    row = numbers.index("23/00098")
    assert model.index(row, 2).data() == "Proposed"
    assert model.index(row, 4).data() == "Yes"
    assert demo_window.count_label.text() == "14 decisions"


def test_search_as_you_type_filters_by_full_text(demo_window, qtbot):
    qtbot.keyClicks(demo_window.search, "emergency ca")
    qtbot.waitUntil(lambda: _numbers(demo_window) == ["23/00098"])
    assert demo_window.count_label.text() == "1 decision"
    assert "DECISION NO: 23/00098" in demo_window.detail.toPlainText()
    assert "a) ACCEPT the Urgent and Emergency Care Funding" in demo_window.detail.toPlainText()


def test_status_filter_and_no_match(demo_window, qtbot):
    index = demo_window.status_filter.findData("implemented")
    demo_window.status_filter.setCurrentIndex(index)
    assert set(_numbers(demo_window)) == {"16/00089", "18/00030", "18/00041"}
    qtbot.keyClicks(demo_window.search, "xyzzy")
    assert _numbers(demo_window) == []
    assert demo_window.detail.toPlainText() == ""
    assert demo_window.count_label.text() == "0 decisions"
