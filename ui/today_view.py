"""The Today screen: what needs the clerk now, grouped, counted and dated."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.register import Register
from governance.today import SECTIONS, TodayEntry, today_entries
from ui.tones import tone_colour

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2


class TodayView(QWidget):
    #: ("decision", number) / ("meeting", "Committee|date") / ("committee", name)
    open_target = Signal(str, str)

    def __init__(self, register: Register, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.register = register
        self.today = today
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("What needs doing")
        self.tree.setHeaderLabels(["", "Subject", "What", "When"])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 24)
        self.tree.setColumnWidth(1, 110)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(3, 150)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        self.entries: list[TodayEntry] = []
        self.refresh()

    def refresh(self) -> None:
        today = self.today or dt.date.today()
        self.entries = today_entries(self.register.document(), today)
        self.heading.setText(f"Today — {today:%A} {today.day} {today:%B %Y}")
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        for section, title in SECTIONS.items():
            entries = [e for e in self.entries if e.section == section]
            top = QTreeWidgetItem([f"{title} ({len(entries)})"])
            top.setFont(0, bold)
            top.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}: {len(entries)}")
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for e in entries:
                when = "" if e.due is None else f"{e.due:%a} {e.due.day} {e.due:%b %Y}"
                child = QTreeWidgetItem(["", e.subject, f"{e.title}\n{e.detail}", when])
                child.setToolTip(2, e.detail)
                child.setData(0, TARGET_ROLE, e.target)
                if e.due is not None and e.due < today:
                    child.setData(0, OVERDUE_ROLE, True)
                top.addChild(child)
            top.setExpanded(bool(entries) and section != "awaiting_signature"
                             or section == "agenda_due")
        self._paint_overdue()

    def _paint_overdue(self) -> None:
        """Overdue dates in the palette's danger colour (worked out again on a change)."""
        brush = QBrush(tone_colour("danger", self.palette()))  # the tree's is not yet new
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if child.data(0, OVERDUE_ROLE):
                    child.setForeground(3, brush)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_overdue()

    def count(self, section: str) -> int:
        return sum(1 for e in self.entries if e.section == section)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if target:
            self.open_target.emit(*target)
