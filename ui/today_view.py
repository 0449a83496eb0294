"""The Today screen: what needs the clerk now, grouped, counted and dated.

The work (agendas due, notices, signatures, assessment gaps, call-in periods) comes from
the store's open work only (``listings.today_sections``: one lean query), at once. Each
section shows its count and its first entries (``today.FIRST_SHOWN``), due date then
subject, with a row "and N more: show all" that fills in the rest when the clerk asks
(whether each decision waiting for signature is ready to sign is worked out for the
rows shown, the rest in the background then).

The consistency problems come from ``check``'s checks over what is still open (the
decisions in progress, the committees' membership, the meetings still to come): worked
out in the background, they fill their section when they arrive. The check over the
whole register, closed decisions included (what ``check`` reports), runs only when the
clerk asks ("Check the whole register", with its progress and Cancel).

A change to a few decisions, meetings or committees updates their entries in place
(``TodayWork.replace``) and the rows that show them: nothing is worked out again for
the rest of the register."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from governance import listings
from governance.desk import EVERYTHING, Changes, Desk
from governance.today import FIRST_SHOWN, SECTIONS, WORK_SECTIONS, TodayEntry, TodayWork
from ui.operations import Failure, Progress, QueryOp, as_of
from ui.tones import tone_colour

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2
#: What a "show all" row opens: ("more", section).
MORE = "more"
#: The sections a change to decisions touches (the agendas come from the meetings; the
#: notices of meetings in private from both, made again whole: see ``refresh``).
DECISION_SECTIONS = tuple(s for s in WORK_SECTIONS if s not in ("agenda_due", "private_notice"))


class TodayView(QWidget):
    #: ("decision", number) / ("meeting", "Committee|date") / ("committee", name)
    open_target = Signal(str, str)
    #: How many entries a section shows before its "and N more: show all" row.
    first_shown = FIRST_SHOWN

    def __init__(self, desk: Desk, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.desk = as_of(desk, today)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.check_button = QPushButton("Check the &whole register")
        self.check_button.setAccessibleName("Check the whole register")
        self.check_button.setToolTip(
            "Run every check over every decision, those already taken included (what"
            " check reports); its errors then fill Consistency problems")
        self.check_button.clicked.connect(self.check_whole_register)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the check")
        self.cancel_button.setEnabled(False)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_whole_check)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
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
        #: Whether decisions registered before last year (work gone cold) are shown.
        self.history = False
        self.history_check = QCheckBox()
        self.history_check.setAccessibleName("Show older work")
        self.history_check.toggled.connect(self.show_history)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress, 1)
        actions.addStretch(0)
        actions.addWidget(self.history_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)
        #: How many of each section's entries are shown (None: all of them).
        self.limits: dict[str, int | None] = dict.fromkeys(SECTIONS, self.first_shown)
        #: The entries each section shows, in order (its rows but the "more" row).
        self._rows: dict[str, list[TodayEntry]] = {}
        #: What each section's rows were last made from (its version, limit, filling).
        self._synced: dict[str, tuple] = {}
        self._synced_work = 0
        #: The check over what is open, running in the background (None when none is).
        self.check: QueryOp | None = None
        #: The check over the whole register the clerk asked for (None when none is).
        self.whole_check: QueryOp | None = None
        #: The check of the decisions and committees changed (None when none runs).
        self.recheck: QueryOp | None = None
        #: What the problems' section covers: "open" (what is open) or "whole".
        self.problem_scope = "open"
        #: Sections whose other entries are being worked out for "show all".
        self.filling: dict[str, QueryOp] = {}
        self._starting = False
        self.check_failure: Failure | None = None
        #: Changes made while a check ran: its answer is of the register before them.
        self._pending = Changes()
        self._danger = QBrush()
        #: The entries by section: the work, and the consistency problems found so far.
        self.work: TodayWork = listings.today_sections(self.desk, self.first_shown,
                                                       self.history)
        self._count_history()
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
        """Every entry, section by section (those waiting for signature beyond the rows
        shown have no detail yet: ``complete`` is False)."""
        return self.work.entries()

    @property
    def problems(self) -> list[TodayEntry]:
        return self.work.first("problem")

    @property
    def problems_pending(self) -> bool:
        """The consistency check has not reported yet (its section says so)."""
        return (self.check is not None or self.whole_check is not None
                or self.recheck is not None or self._starting)

    def count(self, section: str) -> int:
        return self.work.count(section)

    # --- changes --------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Decisions, meetings and committees make the work and the problems."""
        if changes.touches_decisions() or changes.touches_meetings():
            self.refresh(changes)

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """What ``changes`` touch again: everything (the work at once, the problems
        again in the background: those found last stay on screen until then), or the
        entries of the decisions, meetings and committees changed, in place (their
        problems checked again in the background)."""
        if changes.everything:
            self._reload()
            return
        if changes.decisions:
            numbers = changes.decisions
            self.work.replace({("decision", n) for n in numbers},
                              listings.today_work_of(self.desk, numbers, self.history),
                              DECISION_SECTIONS)
        if changes.meetings or changes.committees:
            self.work.set_section("agenda_due", listings.today_agendas(self.desk))
        if changes.decisions or changes.meetings or changes.committees:
            self.work.set_section("private_notice", listings.today_private_notices(self.desk))
        self._complete_shown()
        for section in WORK_SECTIONS:
            self._sync(section)
        if changes.decisions or changes.committees:
            self._recheck(changes)

    def _reload(self) -> None:
        for job in (self.check, self.whole_check, self.recheck, *self.filling.values()):
            if job is not None:
                job.cancel()
        self.whole_check = self.recheck = None
        self.filling.clear()
        self._whole_finished()
        self.message.setText(
            "The problems of the whole register were found before this refresh: check the"
            " whole register again for them." if self.problem_scope == "whole" else "")
        self.problem_scope = "open"
        self.limits = dict.fromkeys(SECTIONS, self.first_shown)
        problems = self.work.first("problem")
        self.work = listings.today_sections(self.desk, self.first_shown, self.history)
        self.work.set_section("problem", problems)
        self._count_history()
        self._show()
        self._check()

    def show_history(self, shown: bool) -> None:
        """Show (or leave out) the work of decisions registered before last year."""
        if shown != self.history:
            self.history = shown
            self.history_check.setChecked(shown)
            self._reload()

    def _count_history(self) -> None:
        if self.history:  # shown: the count stays as it was when they were left out
            return
        year = self.today.year - 1
        hidden = self.work.history_left_out
        self.history_check.setText(f"Show older work ({hidden:,} decision"
                                   f"{'s' if hidden != 1 else ''} registered before {year})")
        self.history_check.setToolTip(
            "Decisions still open but registered before last year are history: their work"
            " is left out of Today unless shown here (the Register lists them all)")

    def _complete_shown(self) -> None:
        """Entries come into view as others leave it: their details, now (a few)."""
        for section in WORK_SECTIONS:
            limit = self.limits[section]
            if limit is not None and section not in self.filling:
                wanting = self.work.incomplete(section, limit)
                if wanting:
                    self.work.update(listings.complete_entries(self.desk, wanting))

    # --- the consistency problems -----------------------------------------------------------

    def _first_check(self) -> None:
        if self._starting:  # not already started by a refresh
            self._check()

    def _check(self) -> None:
        """The problems of what is open, all again, in the background."""
        self._starting = False
        for job in (self.check, self.recheck):
            if job is not None:
                job.cancel()
        self.recheck = None

        def problems(desk: Desk, progress: Progress) -> list[TodayEntry]:
            return listings.today_open_problems(desk, progress)

        self.check_failure = None
        self._pending = Changes()
        self.check = QueryOp(self, self.desk, problems, self._checked).failure(
            self._check_failed)
        self.check.run_in_background()
        self._show_problems_heading()

    def _checked(self, problems: list[TodayEntry]) -> None:
        """The check's problems, into their own section (the rest stays as it is, with
        whatever the clerk has selected)."""
        self.check = None
        self._problems_arrived(problems)

    def _problems_arrived(self, problems: list[TodayEntry]) -> None:
        self.check_failure = None
        was_empty = not self._rows.get("problem")
        self.work.set_section("problem", problems)
        self._sync("problem")
        top = self._section("problem")
        if top is not None and was_empty:
            top.setExpanded(bool(self._rows["problem"]))
        self._after_check()

    def _after_check(self) -> None:
        """Changes made while a check ran (its answer is of the register before them):
        their problems now."""
        pending, self._pending = self._pending, Changes()
        if pending:
            self._recheck(pending)
        self._show_problems_heading()

    def _check_failed(self, failure: Failure) -> None:
        self.check = self.recheck = None
        self.check_failure = failure
        self._pending = Changes()
        self._show_problems_heading()

    def _recheck(self, changes: Changes) -> None:
        """The problems of the decisions and committees changed, checked again in the
        background and put in place of theirs (only those still open unless the section
        covers the whole register). A check already running over what is open starts
        again (it covers them); one over the whole register, or another of these, takes
        them when it is done."""
        if self.check is not None or self._starting:
            self._check()
            return
        if self.whole_check is not None or self.recheck is not None:
            self._pending = self._pending | changes
            self._show_problems_heading()
            return
        numbers, committees = changes.decisions, bool(changes.committees)
        whole = self.problem_scope == "whole"

        def problems(desk: Desk, _progress: Progress
                     ) -> tuple[list[TodayEntry], list[TodayEntry] | None]:
            return (listings.today_problems_of(desk, numbers, whole),
                    listings.today_committee_problems(desk) if committees else None)

        def arrived(found: tuple[list[TodayEntry], list[TodayEntry] | None]) -> None:
            self.recheck = None
            self.check_failure = None
            of_decisions, of_committees = found
            self.work.replace({("decision", n) for n in numbers}, of_decisions,
                              ("problem",))
            if of_committees is not None:
                before = {t for t in self.work.targets("problem") if t[0] == "committee"}
                self.work.replace(before | {e.target for e in of_committees}, of_committees,
                                  ("problem",))
            self._sync("problem")
            self._after_check()

        self.recheck = QueryOp(self, self.desk, problems, arrived).failure(
            self._check_failed)
        self.recheck.run_in_background()
        self._show_problems_heading()

    def check_whole_register(self) -> None:
        """Every check over every decision, those already taken included (``check``):
        in the background, with its progress and Cancel; its errors then fill the
        problems' section, which says they cover the whole register."""
        if self.whole_check is not None:
            return
        for job in (self.check, self.recheck):  # this one covers what they would find
            if job is not None:
                job.cancel()
        self.check = self.recheck = None
        self._starting = False
        self.check_failure = None
        self._pending = Changes()

        def whole(desk: Desk, progress: Progress) -> list[TodayEntry]:
            return listings.today_problems(desk, progress)

        self.whole_check = QueryOp(self, self.desk, whole, self._whole_checked).failure(
            self._whole_failed).with_progress(self._whole_progress)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.check_button.setEnabled(False)
        self.message.setText("Checking the whole register…")
        self.whole_check.run_in_background()
        self._show_problems_heading()

    def cancel_whole_check(self) -> None:
        if self.whole_check is None:
            return
        self.whole_check.cancel()
        self.whole_check = None
        self._whole_finished()
        if self.problem_scope == "open":
            self.message.setText("Cancelled: the problems shown are those of what is still"
                                 " open.")
            self._check()  # what the whole check stood in for
        else:
            self.message.setText("Cancelled: the problems shown are those the last check"
                                 " of the whole register found.")
            self._after_check()

    def _whole_progress(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        if text:
            self.message.setText(text)

    def _whole_checked(self, problems: list[TodayEntry]) -> None:
        self.whole_check = None
        self._whole_finished()
        self.problem_scope = "whole"
        self.limits["problem"] = self.first_shown
        self._problems_arrived(problems)
        n = self.work.count("problem")
        self.message.setText(
            f"Checked the whole register, decisions already taken included: {n:,}"
            f" error{'s' if n != 1 else ''}.")

    def _whole_failed(self, failure: Failure) -> None:
        self.whole_check = None
        self._whole_finished()
        self.message.setText(f"The whole register could not be checked: {failure}")
        if self.problem_scope == "open":
            self._check()  # what the whole check stood in for
        else:
            self._after_check()

    def _whole_finished(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.cancel_button.setEnabled(False)
        self.check_button.setEnabled(True)

    # --- showing all of a section -------------------------------------------------------------

    def show_all(self, section: str) -> None:
        """Every entry of ``section``: those whose details are still to be worked out are
        worked out in the background first (the "more" row says so meanwhile)."""
        if section in self.filling or self.limits[section] is None:
            return
        wanting = self.work.incomplete(section)
        if not wanting:
            self.limits[section] = None
            self._sync(section)
            return

        def complete(desk: Desk, progress: Progress) -> list[TodayEntry]:
            return listings.complete_entries(desk, wanting, progress)

        def done(entries: list[TodayEntry]) -> None:
            self.filling.pop(section, None)
            self.work.update(entries)
            self._complete_shown()  # any that came in by a change meanwhile
            self.limits[section] = None
            self._sync(section)

        def failed(failure: Failure) -> None:
            self.filling.pop(section, None)
            self.message.setText(f"Could not show them all: {failure}")
            self._sync(section)

        self.filling[section] = QueryOp(self, self.desk, complete, done).failure(
            failed).with_progress(self._filling_progress(section))
        self.filling[section].run_in_background()
        self._sync(section)

    def _filling_progress(self, section: str) -> Callable[[int, str], None]:
        def report(percent: int, _text: str) -> None:
            more = self._more_row(section)
            if more is not None:
                more.setText(0, self._more_text(section) + f" {percent}%")
        return report

    # --- the tree ------------------------------------------------------------------------------

    def _section(self, key: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, TARGET_ROLE) == key:
                return self.tree.topLevelItem(i)
        return None

    def _show(self) -> None:
        today = self.today
        self.heading.setText(f"Today — {today:%A} {today.day} {today:%B %Y}")
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._rows = {}
        self._synced = {}
        self._synced_work = id(self.work)
        self._danger = QBrush(tone_colour("danger", self.palette()))
        bold = QFont()
        bold.setBold(True)
        for section in SECTIONS:
            top = QTreeWidgetItem()
            top.setFont(0, bold)
            top.setData(0, TARGET_ROLE, section)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            self._sync(section)
            top.setExpanded(bool(self._rows[section]) and section != "awaiting_signature"
                            or section == "agenda_due")
        self._show_problems_heading()
        self.tree.setUpdatesEnabled(True)

    def _sync(self, section: str) -> None:
        """The section's rows to what it now holds: rows of entries gone are taken out,
        rows of entries come are put in their places; the others stay as they are (with
        whatever the clerk has selected). A section that has not changed is left alone."""
        top = self._section(section)
        if top is None:
            return
        limit = self.limits[section]
        seen = (self.work.versions[section], limit, section in self.filling)
        if self._synced.get(section) == seen and id(self.work) == self._synced_work:
            return
        self._synced[section] = seen
        want = self.work.first(section, limit)
        have = self._rows.get(section, [])
        more = self._more_row(section)
        if more is not None:
            top.removeChild(more)
        self._rows[section] = self._change_rows(top, have, want) if have != want else have
        rest = self.work.count(section) - len(want)
        if rest > 0:
            more = QTreeWidgetItem()
            more.setData(0, TARGET_ROLE, (MORE, section))
            top.addChild(more)
            more.setFirstColumnSpanned(True)
            text = self._more_text(section)
            more.setText(0, text)
            more.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
            more.setToolTip(0, "Show every entry of this section")
        if section != "problem":
            title = SECTIONS[section]
            count = self.work.count(section)
            top.setText(0, f"{title} ({count:,})")
            top.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}: {count:,}")

    def _change_rows(self, top: QTreeWidgetItem, have: list[TodayEntry],
                     want: list[TodayEntry]) -> list[TodayEntry]:
        """Take out the rows of ``have`` that ``want`` lacks, put in those it adds (both
        in the section's order; equal entries show the same)."""
        remaining = Counter(want)
        gone = []
        for i, e in enumerate(have):
            if remaining[e] > 0:
                remaining[e] -= 1
            else:
                gone.append(i)
        for i in reversed(gone):
            top.takeChild(i)
        dropped = set(gone)
        kept = [e for i, e in enumerate(have) if i not in dropped]
        today = self.today
        i = j = 0
        while i < len(want):
            if j < len(kept) and want[i] == kept[j]:
                i += 1
                j += 1
                continue
            start = i
            while i < len(want) and not (j < len(kept) and want[i] == kept[j]):
                i += 1
            top.insertChildren(start, [self._row(e, today) for e in want[start:i]])
        if j != len(kept):  # not in the same order after all: the rows anew
            top.takeChildren()
            top.addChildren([self._row(e, today) for e in want])
        return want

    def _more_row(self, section: str) -> QTreeWidgetItem | None:
        top = self._section(section)
        if top is None or not top.childCount():
            return None
        last = top.child(top.childCount() - 1)
        target = last.data(0, TARGET_ROLE)
        return last if isinstance(target, tuple | list) and target[0] == MORE else None

    def _more_text(self, section: str) -> str:
        rest = self.work.count(section) - len(self._rows.get(section, []))
        if section in self.filling:
            return f"and {rest:,} more: working out whether each is ready to sign…"
        return f"and {rest:,} more: show all"

    def _row(self, e: TodayEntry, today: dt.date) -> QTreeWidgetItem:
        when = "" if e.due is None else f"{e.due:%a} {e.due.day} {e.due:%b %Y}"
        child = QTreeWidgetItem(["", e.subject, f"{e.title}\n{e.detail}", when])
        child.setToolTip(2, e.detail)
        child.setData(0, TARGET_ROLE, e.target)
        if e.due is not None and e.due < today:
            child.setData(0, OVERDUE_ROLE, True)
            child.setForeground(3, self._danger)
        return child

    def _show_problems_heading(self, starting: bool = False) -> None:
        """The problems' section says what it covers, and when it is still being worked
        out, or could not be."""
        if starting:
            self._starting = True
        top = self._section("problem")
        if top is None:
            return
        title = SECTIONS["problem"]
        whole = self.problem_scope == "whole"
        n = self.work.count("problem")
        if whole:
            title = f"{title} in the whole register"
        if self.check_failure is not None:
            text = spoken = f"{title}: the check could not be run ({self.check_failure})"
        elif self.whole_check is not None:
            text = f"{title} ({n:,}) (checking the whole register…)"
            spoken = f"{title}: {n:,} (checking the whole register…)"
        elif self.problems_pending and not n:
            text, spoken = f"{title} (checking the register…)", f"{title}: checking"
        else:
            again = " (checking again…)" if self.problems_pending else ""
            text = f"{title} ({n:,}){again}"
            spoken = f"{title}: {n:,}{again}"
        top.setText(0, text)
        top.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
        top.setToolTip(0, "Every check over the whole register, decisions already taken"
                          " included" if whole else
                          "The checks over the decisions still open, the committees and the"
                          " meetings still to come; Check the whole register for the rest")

    def _paint_overdue(self) -> None:
        """Overdue dates in the palette's danger colour (worked out again on a change)."""
        self._danger = QBrush(tone_colour("danger", self.palette()))  # the tree's is not yet new
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if child.data(0, OVERDUE_ROLE):
                    child.setForeground(3, self._danger)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_overdue()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if isinstance(target, tuple | list) and len(target) == 2:
            if target[0] == MORE:
                self.show_all(target[1])
            else:
                self.open_target.emit(*target)
