"""The Register screen: every decision, searchable as you type, filtered and sorted; the
view as shown can be exported as a CSV file for Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from governance import decisions, listings
from governance.desk import Changes, Desk
from governance.vocab import STATUS_LABELS, STATUSES
from ui.operations import run
from ui.register_model import COLUMNS, DecisionTableModel


class RegisterView(QWidget):
    #: A decision number the user chose to open (Enter or double-click).
    open_decision = Signal(str)
    #: The decision under the cursor changed.
    current_changed = Signal(str)

    def __init__(self, desk: Desk, parent=None):
        super().__init__(parent)
        self.desk = desk
        self.search = QLineEdit(placeholderText="Search decisions: number, title or any text"
                                                " (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the register")
        self.status_filter = self._combo("Filter by status", "All statuses",
                                         [(STATUS_LABELS[s], s) for s in STATUSES])
        self.committee_filter = self._combo("Filter by committee", "All committees", [])
        self.maker_filter = self._combo("Filter by decision maker", "All decision makers", [])
        self.key_filter = self._combo("Filter by key decision", "Key and non-key",
                                      [("Key decisions", True), ("Non-key decisions", False),
                                       ("Key decision not recorded", "unrecorded")])
        self.year_filter = self._combo("Filter by year", "All years", [])
        self._choices_stale = True  # read when the screen is first shown

        self.model = DecisionTableModel(desk, self)
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
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setAccessibleName("Export the decisions shown as CSV")
        self.export_button.setToolTip("Save the decisions shown (with the search, filters and"
                                      " sort order as they are) as a CSV file for Excel")
        self.export_message = QLabel()
        self.export_message.setAccessibleName("Export result")
        self.export_message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)

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
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addWidget(self.export_message, 1)
        footer.addWidget(self.export_button)
        layout.addLayout(footer)

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
        self.export_button.clicked.connect(self.prompt_export_csv)
        # The last page of a search counted only up to the cap: now it is counted.
        self.model.counted.connect(self.update_count)
        self.update_count()

    def _combo(self, name: str, everything: str, entries: list) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        for label, value in entries:
            combo.addItem(label, value)
        return combo

    def reload_choices(self) -> None:
        """The committees, decision makers and years to filter by. They take a look at
        every decision's row: read when the screen is shown (not while the window starts
        on another screen), and again after a change while it is shown."""
        self._choices_stale = False
        choices = decisions.filter_choices(self.desk)
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

    def _choices_changed(self) -> None:
        if self.isVisible():
            self.reload_choices()
        else:
            self._choices_stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._choices_stale:
            self.reload_choices()

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
        self._choices_changed()
        self.model.refresh()
        self.update_count()

    def on_changes(self, changes: Changes) -> None:
        """Changed decisions: the rows shown read again, where the view is (and the
        filters' choices: a new decision maker, a new year)."""
        if changes.everything:
            self.refresh()
        elif changes.decisions:
            current = self.table.currentIndex()
            number = self.model.summary(current.row()).number if current.isValid() else None
            self._choices_changed()
            self.model.refresh_rows()
            self.update_count()
            row = self.model.row_of(number) if number else None
            if row is not None and row != self.table.currentIndex().row():
                self.table.selectRow(row)

    def update_count(self) -> None:
        """How many decisions are shown: a search matching more than the cap says "more
        than 1,000 decisions" (until the table has scrolled to its last row)."""
        model = self.model
        self.count_label.setText(decisions.count_words(
            model.total, model.cap if model.capped else None))

    def numbers_shown(self) -> list[str]:
        return [self.model.summary(r).number for r in range(self.model.rowCount())]

    def _open_index(self, index) -> None:
        if index.isValid():
            self.open_decision.emit(self.model.summary(index.row()).number)

    def _current(self, current, _previous=None) -> None:
        if current.isValid():
            self.current_changed.emit(self.model.summary(current.row()).number)

    # --- export --------------------------------------------------------------------------

    def sort_order(self) -> tuple[str, bool]:
        """The column the table is sorted by and whether descending, as shown."""
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "number"
        return key, header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def export_csv(self, path: Path) -> int | None:
        """Write the decisions shown (search, filters and sort as they are) to ``path`` as
        CSV; returns how many, or None if it could not be written (the reason is shown)."""
        self._debounce.stop()
        if self.model.filter.search != (self.search.text().strip() or None):
            self.apply_filter()  # typed but not yet searched: export what the box says
        key, descending = self.sort_order()
        done = run(lambda: listings.save_register_csv(self.desk, Path(path), self.model.filter,
                                                      key, descending),
                   self.export_message, refused="Not exported: ", say_done=False)
        if done is None:
            return None
        count = done.value
        self.export_message.setText(
            f"Exported {count:,} decision{'s' if count != 1 else ''} to {path}.")
        return count

    def prompt_export_csv(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the decisions shown as CSV",
            str(Path(folder) / "decision-register.csv"), "CSV files (*.csv)")
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".csv")
        self.export_csv(path)
