"""The main window. For now: the register, searchable; more screens follow."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.register import Register
from governance.describe import describe_decision
from governance.vocab import STATUS_LABELS, STATUSES
from ui.register_model import DecisionTableModel


class MainWindow(QMainWindow):
    def __init__(self, register: Register):
        super().__init__()
        self.register = register
        where = register.path or "memory"
        self.setWindowTitle(f"Decision Desk — {where}")
        self.resize(1200, 720)

        self.search = QLineEdit(placeholderText="Search decisions (number, title or text)")
        self.search.setAccessibleName("Search the register")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All statuses", "")
        for status in STATUSES:
            self.status_filter.addItem(STATUS_LABELS[status], status)

        self.model = DecisionTableModel(register, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Decisions")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self.detail = QPlainTextEdit(readOnly=True)
        self.detail.setAccessibleName("Decision record")
        self.count_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 300])
        layout = QVBoxLayout()
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.count_label)

        self.search.textChanged.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self.show_current)
        self.update_count()
        if self.model.rowCount():
            self.table.selectRow(0)

    def apply_filter(self) -> None:
        self.model.set_filter(self.search.text().strip(), self.status_filter.currentData())
        self.update_count()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.setPlainText("")

    def update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n} decision{'s' if n != 1 else ''}")

    def show_current(self, current, _previous=None) -> None:
        if not current.isValid():
            return
        number = self.model.summary(current.row()).number
        self.detail.setPlainText(describe_decision(self.register.decision(number)))


def run_window(register: Register) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Decision Desk")
    window = MainWindow(register)
    window.show()
    return app.exec()
