"""The Documents screen's Forward Plan (List of Forthcoming Executive Decisions): the period,
the format, Build (in the background, previewed when it is a PDF) and Save as…, which
writes what ``render forward-plan`` writes and says what it says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from governance import forward_plan
from governance.desk import Desk
from ui.operations import Failure, Progress, QueryOp, run
from ui.pdf_preview import PdfPreview

#: How far ahead the period reaches by default (the plan is usually four months).
DEFAULT_DAYS = 120
FORMATS = {"pdf": "PDF", "docx": "Word", "csv": "CSV (spreadsheet)"}


def _date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setAccessibleName(name)
    return edit


def _day(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


class ForwardPlanDialog(QDialog):
    def __init__(self, desk: Desk, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Forward Plan")
        self.desk = desk
        today = desk.today()
        self.start = _date_edit("From", today)
        self.end = _date_edit("To", today + dt.timedelta(days=DEFAULT_DAYS))
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for key, label in FORMATS.items():
            self.format.addItem(label, key)
        self.build_button = QPushButton("&Build")
        self.save_button = QPushButton("&Save as…")
        self.save_button.setEnabled(False)
        self.message = QLabel("Every key decision expected in the period, with what"
                              " regulation 9(2) requires.")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.preview = PdfPreview()
        row = QHBoxLayout()
        for label, w in (("From:", self.start), ("To:", self.end), ("Format:", self.format)):
            text = QLabel(label)
            text.setBuddy(w)
            row.addWidget(text)
            row.addWidget(w)
        row.addWidget(self.build_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)
        self.build_button.clicked.connect(self.build)
        self.save_button.clicked.connect(self.save_as)
        self.job: QueryOp | None = None
        #: What was built last: (from, to, format) and its bytes.
        self.built: tuple[dt.date, dt.date, str] | None = None
        self.data: bytes | None = None
        self.resize(900, 700)

    def build(self) -> None:
        if self.job is not None:
            return
        start, end, fmt = _day(self.start), _day(self.end), self.format.currentData()

        def make(desk: Desk, _progress: Progress) -> bytes:
            return forward_plan.render(desk, start, end, fmt)

        def done(data: bytes) -> None:
            self.job = None
            self.build_button.setEnabled(True)
            self.built, self.data = (start, end, fmt), data
            self.save_button.setEnabled(True)
            if fmt == "pdf":
                pages = self.preview.load(data)
                self.message.setText(f"The Forward Plan: {pages} page{'s' * (pages != 1)}.")
            else:
                self.preview.clear()
                self.message.setText(f"The Forward Plan: a {FORMATS[fmt]} file of"
                                     f" {len(data):,} bytes; save it to open it.")

        def failed(failure: Failure) -> None:
            self.job = None
            self.build_button.setEnabled(True)
            self.built = self.data = None
            self.save_button.setEnabled(False)
            self.preview.clear()
            self.message.setText(f"Could not build the Forward Plan: {failure}")

        self.build_button.setEnabled(False)
        self.message.setText("Building the Forward Plan…")
        self.job = QueryOp(self, self.desk, make, done).failure(failed)
        self.job.run_in_background()

    def save_to(self, path: Path) -> bool:
        """Write the plan built last to ``path``, as ``render forward-plan`` does."""
        if self.built is None:
            return False
        start, end, fmt = self.built
        return run(lambda: forward_plan.write(self.desk, start, end, fmt, Path(path)),
                   self.message, refused="Not saved: ") is not None

    def save_as(self) -> None:
        if self.built is None:
            return
        start, end, fmt = self.built
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the Forward Plan", f"forward-plan-{start}-to-{end}.{fmt}")
        if name:
            self.save_to(Path(name))
