"""The Register screen: every decision, searchable as you type, filtered and sorted."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.register import Register
from governance.vocab import STATUS_LABELS, STATUSES
from ui.register_model import DecisionTableModel


class RegisterView(QWidget):
    #: A decision number the user chose to open (Enter or double-click).
    open_decision = Signal(str)
    #: The decision under the cursor changed.
    current_changed = Signal(str)

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.search = QLineEdit(placeholderText="Search decisions: number, title or any text"
                                                " (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the register")
        self.status_filter = self._combo("Filter by status", "All statuses",
                                         [(STATUS_LABELS[s], s) for s in STATUSES])
        self.committee_filter = self._combo("Filter by committee", "All committees", [])
        self.maker_filter = self._combo("Filter by decision maker", "All decision makers", [])
        self.key_filter = self._combo("Filter by key decision", "Key and non-key",
                                      [("Key decisions", True), ("Non-key decisions", False)])
        self.year_filter = self._combo("Filter by year", "All years", [])
        self.reload_choices()

        self.model = DecisionTableModel(register, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Decisions")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 90), (2, 170), (3, 300), (4, 50), (5, 95)):
            self.table.setColumnWidth(col, width)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of decisions shown")

        filters = QHBoxLayout()
        self.search.setMinimumWidth(320)
        filters.addWidget(self.search, 3)
        for combo in (self.status_filter, self.committee_filter, self.maker_filter,
                      self.key_filter, self.year_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        # Search as you type, without a query per keystroke when typing fast.
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filter)
        for combo in (self.status_filter, self.committee_filter, self.maker_filter,
                      self.key_filter, self.year_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._current)
        self.update_count()

    def _combo(self, name: str, everything: str, entries: list) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        for label, value in entries:
            combo.addItem(label, value)
        return combo

    def reload_choices(self) -> None:
        choices = self.register.filter_choices()
        for combo, key in ((self.committee_filter, "committee"),
                           (self.maker_filter, "decision_maker"), (self.year_filter, "year")):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in choices[key]:
                combo.addItem(str(value), value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(
            search=self.search.text().strip(), status=self.status_filter.currentData(),
            committee=self.committee_filter.currentData(),
            decision_maker=self.maker_filter.currentData(),
            key_decision=self.key_filter.currentData(), year=self.year_filter.currentData())
        self.update_count()
        if self.model.rowCount():
            self.table.selectRow(0)

    def refresh(self) -> None:
        self.reload_choices()
        self.model.refresh()
        self.update_count()

    def update_count(self) -> None:
        n = self.model.total
        self.count_label.setText(f"{n:,} decision{'s' if n != 1 else ''}")

    def numbers_shown(self) -> list[str]:
        return [self.model.summary(r).number for r in range(self.model.rowCount())]

    def _open_index(self, index) -> None:
        if index.isValid():
            self.open_decision.emit(self.model.summary(index.row()).number)

    def _current(self, current, _previous=None) -> None:
        if current.isValid():
            self.current_changed.emit(self.model.summary(current.row()).number)
