"""A Qt table model over the register's decisions (rows fetched from the store)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from db.register import DecisionSummary, Register
from governance.vocab import STATUS_LABELS

COLUMNS = (("number", "Number"), ("title", "Title"), ("status", "Status"),
           ("decision_maker", "Decision maker"), ("key_decision", "Key"),
           ("taken_on", "Taken"))

STATUS_COLOURS = {
    "draft": "#6b6b6b", "notice_published": "#1f5fa8", "for_committee": "#1f5fa8",
    "considered": "#1f5fa8", "proposed": "#8a5a00", "taken": "#1c7c3c",
    "published": "#1c7c3c", "called_in": "#b3261e", "effective": "#1c7c3c",
    "implemented": "#3d3d3d", "withdrawn": "#6b6b6b",
}

Index = QModelIndex | QPersistentModelIndex


class DecisionTableModel(QAbstractTableModel):
    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self._register = register
        self._search: str | None = None
        self._status: str | None = None
        self._rows: list[DecisionSummary] = []
        self.refresh()

    def set_filter(self, search: str | None = None, status: str | None = None) -> None:
        self._search, self._status = (search or None), (status or None)
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self._register.summaries(search=self._search, status=self._status)
        self.endResetModel()

    def summary(self, row: int) -> DecisionSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, key)
            if key == "status":
                return STATUS_LABELS[value]
            if key == "key_decision":
                return "Yes" if value else "No"
            return value or ""
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QColor(STATUS_COLOURS[row.status])
        return None
