"""The Qt binding keeps Python's reference counts straight. PySide6 6.12.0 on Python 3.11
dropped one reference to None for every void Qt call (``label.setText(...)``): the
interpreter aborted ("Fatal Python error: none_dealloc") after some 100,000 calls, a
morning's work in the window. pyproject.toml pins a release without the fault; this test
stops an upgrade that brings it back."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

#: Few enough that the faulty binding fails here rather than aborting the test run.
CALLS = 1_000


def test_void_qt_calls_do_not_drop_references_to_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(str(i % 10))
        label.setEnabled(bool(i % 2))
    lost = before - sys.getrefcount(None)
    # Other code may take or give back a few references meanwhile; the fault lost 2 a turn.
    assert lost < 100, f"{lost} references to None lost over {2 * CALLS} void Qt calls"
    assert label.text() == str((CALLS - 1) % 10)
