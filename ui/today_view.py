"""The Today screen: what needs the clerk now, grouped, counted and dated.

The work (agendas due, notices, signatures, assessment gaps, call-in periods) comes from
the store's open work only (``listings.today_work``), at once. The consistency problems
need ``check`` over the whole register: they are worked out in the background and fill
their section when they arrive."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from governance import listings
from governance.desk import Changes, Desk
from governance.today import SECTIONS, TodayEntry
from ui.operations import Failure, QueryOp, as_of
from ui.tones import tone_colour

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2


class TodayView(QWidget):
    #: ("decision", number) / ("meeting", "Committee|date") / ("committee", name)
    open_target = Signal(str, str)

    def __init__(self, desk: Desk, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.desk = as_of(desk, today)
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
        #: What needs doing, and the consistency problems found so far.
        self.work: list[TodayEntry] = []
        self.problems: list[TodayEntry] = []
        #: The consistency check running in the background (None when none is).
        self.check: QueryOp | None = None
        self._starting = False
        self.check_failure: Failure | None = None
        self.work = listings.today_work(self.desk)
        self._show()
        # The check starts on the event loop's first turn: the window is up and painted
        # before a worker thread competes with it for the interpreter.
        self._show_problems_heading(starting=True)
        QTimer.singleShot(0, self, self._first_check)

    @property
    def today(self) -> dt.date:
        return self.desk.today()

    @property
    def entries(self) -> list[TodayEntry]:
        return self.work + self.problems

    @property
    def problems_pending(self) -> bool:
        """The consistency check has not reported yet (its section says so)."""
        return self.check is not None or self._starting

    def refresh(self) -> None:
        """The work again at once; the consistency problems again in the background (those
        found last stay on screen until then)."""
        self.work = listings.today_work(self.desk)
        self._show()
        self._check()

    def on_changes(self, changes: Changes) -> None:
        """Decisions, meetings and committees make the work and the problems."""
        if changes.touches_decisions() or changes.touches_meetings():
            self.refresh()

    def _first_check(self) -> None:
        if self._starting:  # not already started by a refresh
            self._check()

    def _check(self) -> None:
        self._starting = False
        if self.check is not None:
            self.check.cancel()

        def problems(desk: Desk, _progress) -> list[TodayEntry]:
            return listings.today_problems(desk)

        self.check_failure = None
        self.check = QueryOp(self, self.desk, problems, self._checked).failure(
            self._check_failed)
        self.check.run_in_background()
        self._show_problems_heading()

    def _checked(self, problems: list[TodayEntry]) -> None:
        """The check's problems, into their own section (the rest stays as it is, with
        whatever the clerk has selected)."""
        self.check = None
        self.problems = problems
        top = self._section("problem")
        if top is None:
            self._show()
            return
        top.takeChildren()
        top.addChildren([self._row(e, self.today) for e in problems])
        top.setExpanded(bool(problems))
        self._show_problems_heading()

    def _section(self, key: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, TARGET_ROLE) == key:
                return self.tree.topLevelItem(i)
        return None

    def _check_failed(self, failure: Failure) -> None:
        self.check = None
        self.check_failure = failure
        self._show_problems_heading()

    def _show(self) -> None:
        today = self.today
        self.heading.setText(f"Today — {today:%A} {today.day} {today:%B %Y}")
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        entries = self.entries
        for section, title in SECTIONS.items():
            shown = [e for e in entries if e.section == section]
            top = QTreeWidgetItem([f"{title} ({len(shown)})"])
            top.setFont(0, bold)
            top.setData(0, TARGET_ROLE, section)
            top.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}: {len(shown)}")
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            top.addChildren([self._row(e, today) for e in shown])
            top.setExpanded(bool(shown) and section != "awaiting_signature"
                            or section == "agenda_due")
        self._show_problems_heading()
        self.tree.setUpdatesEnabled(True)
        self._paint_overdue()

    @staticmethod
    def _row(e: TodayEntry, today: dt.date) -> QTreeWidgetItem:
        when = "" if e.due is None else f"{e.due:%a} {e.due.day} {e.due:%b %Y}"
        child = QTreeWidgetItem(["", e.subject, f"{e.title}\n{e.detail}", when])
        child.setToolTip(2, e.detail)
        child.setData(0, TARGET_ROLE, e.target)
        if e.due is not None and e.due < today:
            child.setData(0, OVERDUE_ROLE, True)
        return child

    def _show_problems_heading(self, starting: bool = False) -> None:
        """The problems' section says when it is still being worked out, or could not be."""
        if starting:
            self._starting = True
        top = self._section("problem")
        if top is not None:
            title = SECTIONS["problem"]
            if self.check_failure is not None:
                text = spoken = f"{title}: the check could not be run ({self.check_failure})"
            elif self.problems_pending and not self.problems:
                text, spoken = f"{title} (checking the register…)", f"{title}: checking"
            else:
                again = " (checking again…)" if self.problems_pending else ""
                text = f"{title} ({len(self.problems)}){again}"
                spoken = f"{title}: {len(self.problems)}{again}"
            top.setText(0, text)
            top.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)

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
        if isinstance(target, tuple | list) and len(target) == 2:
            self.open_target.emit(*target)
