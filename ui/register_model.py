"""A Qt table model over the register's decisions: rows fetched a page at a time, so the
view stays smooth at 50,000 decisions; sorting and filtering run in SQL. A search's
matches are counted up to ``decisions.COUNT_CAP`` ("more than 1,000 decisions": counting
every match of a word common to the whole register is slow); its rows still page in as
the table scrolls, until a page comes back short."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from governance import decisions
from governance.desk import Desk
from governance.ports import DecisionFilter, DecisionSummary
from governance.vocab import STATUS_LABELS, key_decision_words
from ui.tones import status_colour

COLUMNS = (("number", "Number"), ("title", "Title"), ("status", "Status"),
           ("decision_maker", "Decision maker"), ("key_decision", "Key"),
           ("taken_on", "Taken"))

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class DecisionTableModel(QAbstractTableModel):
    #: A search's matches, counted only up to the cap, are all loaded now: counted.
    counted = Signal()

    def __init__(self, desk: Desk, parent=None):
        super().__init__(parent)
        self._desk = desk
        self._filter = DecisionFilter()
        self._sort = ("number", False)
        self._rows: list[DecisionSummary] = []
        self._total = 0
        #: Whether the count stopped at the cap (more matches than it says) and the last
        #: page has not yet come.
        self._capped = False
        self.refresh()

    @property
    def filter(self) -> DecisionFilter:
        return self._filter

    def set_filter(self, search: str | None = None, status: str | None = None,
                   **others) -> None:
        self._filter = DecisionFilter(search=search or None, status=status or None, **others)
        self.refresh()

    def update_filter(self, **changes) -> None:
        self._filter = replace(self._filter, **changes)
        self.refresh()

    @property
    def cap(self) -> int | None:
        """How far the decisions shown are counted: a search's, up to the cap."""
        return decisions.COUNT_CAP if self._filter.search else None

    def _count(self) -> int:
        return decisions.count(self._desk, self._filter, cap=self.cap)

    def _counted(self, total: int, got: int, asked: int) -> None:
        """``total`` as counted; ``got`` rows read of the ``asked`` for."""
        cap = self.cap
        self._capped = cap is not None and total > cap
        self._total = total
        self._read(got, asked)

    def _read(self, got: int, asked: int) -> None:
        """Fewer rows than asked for: every match is loaded, and so counted."""
        if self._capped and got < asked:
            self._capped = False
            self._total = len(self._rows)
            self.counted.emit()

    def refresh(self) -> None:
        """The first page again (after a new search, filter or sort)."""
        total = self._count()  # read first: a read that fails leaves the model as it was
        rows = self._fetch(0)
        self.beginResetModel()
        self._rows = rows
        self._counted(total, len(rows), PAGE)
        self.endResetModel()

    def refresh_rows(self) -> None:
        """The rows loaded so far read again (decisions changed): as many as were loaded,
        so the view keeps its place. Rows whose number stays put are updated in place;
        otherwise (a decision added, or moved by the sort or out of the filter) the
        model is reset."""
        key, descending = self._sort
        total = self._count()
        asked = max(len(self._rows), PAGE)
        rows = decisions.summaries(self._desk, self._filter, sort=key, descending=descending,
                                   limit=asked, offset=0)
        if total == self._total and [r.number for r in rows] == [r.number for r in self._rows]:
            changed = [i for i, (old, new) in enumerate(zip(self._rows, rows)) if old != new]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0),
                                      self.index(max(changed), len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self._counted(total, len(rows), asked)
        self.endResetModel()

    def _fetch(self, offset: int) -> list[DecisionSummary]:
        key, descending = self._sort
        return decisions.summaries(self._desk, self._filter, sort=key,
                                   descending=descending, limit=PAGE, offset=offset)

    @property
    def total(self) -> int:
        """How many decisions match (with :attr:`capped`: more than the cap)."""
        return self._total

    @property
    def capped(self) -> bool:
        """Whether more decisions match than :attr:`total` says (counted up to the cap)."""
        return self._capped

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and (self._capped or len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = self._fetch(len(self._rows))
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows),
                                 len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        self._read(len(more), PAGE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = (COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort:
            return  # the rows are in that order already (the view asks as it is set up)
        self._sort = wanted
        self.refresh()

    def summary(self, row: int) -> DecisionSummary:
        return self._rows[row]

    def row_of(self, number: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.number == number:
                return i
        return None

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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = getattr(row, key)
            if key == "status":
                return STATUS_LABELS[value]
            if key == "key_decision":
                return key_decision_words(value)
            if key == "taken_on" and value:
                day = dt.date.fromisoformat(value[:10])
                return f"{day.day} {day:%b %Y}"
            return value or ""
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return status_colour(row.status)
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return row.title
        return None
