"""Council ▸ Attendance…: a committee's attendance statistics (``governance.attendance``,
what the ``attendance`` command prints) as a table, for one municipal year or all years:
per member, the meetings expected, attended, virtually, apologies, substituted and absent;
then the substitutes and which meetings were counted and which not, and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from governance import attendance, meetings
from governance.attendance import AttendanceStatistics
from governance.desk import Desk
from ui.operations import run
from ui.tones import set_tone

Index = QModelIndex | QPersistentModelIndex
ALL_YEARS = "All years"


class AttendanceModel(QAbstractTableModel):
    """A row a member: name, role, the figures, the percentage attended."""

    HEADINGS = ("Member", "Role", *(heading for _key, heading in attendance.COLUMNS),
                "Attended %")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.stats: AttendanceStatistics | None = None

    def show(self, stats: AttendanceStatistics | None) -> None:
        self.beginResetModel()
        self.stats = stats
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.stats is None else len(self.stats.members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADINGS[section]
        return None

    def text(self, row: int, column: int) -> str:
        assert self.stats is not None
        m = self.stats.members[row]
        if column == 0:
            return m.member
        if column == 1:
            return m.role_words
        if column == len(self.HEADINGS) - 1:
            return "–" if m.percent is None else f"{m.percent}%"
        return str(getattr(m, attendance.COLUMNS[column - 2][0]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.stats is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AttendanceDialog(QDialog):
    """The statistics of the committee and year chosen, read again when either changes."""

    def __init__(self, desk: Desk, committee: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Attendance")
        self.committee = QComboBox()
        self.committee.setAccessibleName("Committee")
        self.committee.addItems(meetings.committee_names(desk))
        if committee is not None:
            self.committee.setCurrentIndex(max(self.committee.findText(committee), 0))
        self.year = QComboBox()
        self.year.setAccessibleName("Municipal year")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.model = AttendanceModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Attendance of each member")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.substitutes = QLabel()
        self.substitutes.setAccessibleName("Substitutes")
        self.substitutes.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setAccessibleName("Meetings counted")
        self.notes.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)

        choices = QHBoxLayout()
        for text, field in (("Co&mmittee:", self.committee), ("Municipal &year:", self.year)):
            label = QLabel(text)
            label.setBuddy(field)
            choices.addWidget(label)
            choices.addWidget(field, 1 if field is self.committee else 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        for w in (self.substitutes, self.notes, self.message):
            layout.addWidget(w)
        layout.addWidget(buttons)
        self.resize(980, 640)

        self.committee.currentIndexChanged.connect(self._committee_chosen)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self._committee_chosen()

    def _committee_chosen(self, *_args) -> None:
        """The years the committee met in (the current one first), then its figures."""
        name = self.committee.currentText()
        self.year.blockSignals(True)
        self.year.clear()
        if name:
            current = attendance.current_year(self.desk.today())
            for year in attendance.years(self.desk, name):
                self.year.addItem(year, year)
            self.year.addItem(ALL_YEARS, None)
            self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.refresh()

    def choose(self, committee: str, year: str | None) -> None:
        """Show ``committee``'s figures for ``year`` ("2023/24"; None: all years)."""
        self.committee.setCurrentIndex(self.committee.findText(committee))
        self.year.setCurrentIndex(self.year.findData(year) if year else
                                  self.year.findText(ALL_YEARS))

    def refresh(self) -> None:
        name = self.committee.currentText()
        stats = run(lambda: attendance.statistics(self.desk, name, self.year.currentData()),
                    self._said) if name else None
        self.model.show(stats)
        if stats is None:
            self.heading.setText("" if name else "No committee yet: make one in Council ▸"
                                                 " Committees….")
            self.substitutes.clear()
            self.notes.clear()
            return
        self.message.clear()
        self.heading.setText(f"{stats.committee}: {stats.period}")
        self.substitutes.setText(
            "Substitutes: " + "; ".join(
                f"{s.name}, {s.attended} meeting{'s' if s.attended != 1 else ''} (for"
                f" {s.words})" for s in stats.substitutes) + "."
            if stats.substitutes else "No substitutes sat at the meetings counted.")
        self.notes.setText("\n".join([attendance.KEY, *stats.notes()]))

    def _said(self, text: str, refusal) -> None:
        self.message.setText(text)
        set_tone(self.message, "danger" if refusal is not None else None)

    def rows(self) -> list[list[str]]:
        """The table as shown (tests, and a quick look)."""
        return [[self.model.text(r, c) for c in range(self.model.columnCount())]
                for r in range(self.model.rowCount())]
