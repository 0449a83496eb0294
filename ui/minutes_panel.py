"""The Meetings screen's Minutes tab: what the clerk records during the meeting, saved as
they go (issue 15). Who is present (ticked from the committee's members; who chaired),
apologies, substitutes (who for whom), also present, in attendance (officers with their
posts), virtual attendance; for each agenda item the minute's text, its resolution (on an
item about a proposed decision, the committee's outcome: the same fact as the Agenda tab's
Outcome…) and declarations of interest. Then Approve minutes… (frozen once approved), Cancel
meeting…, and the minutes as a document (full or public) in the Documents screen.

Every change is a ``governance.minutes`` use case, the same as the ``meeting attendance``,
``meeting minute``, ``meeting declare`` ... commands. A text is saved when the clerk leaves
its field or stops typing for a moment; a tick at once. Saves run off the GUI thread, one
after another (a later save of the same field replaces one still waiting), and the message
line says "Saved" with what the use case said; there is no Save button to forget."""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from governance import committees, minutes
from governance.desk import Changes, Desk, Done
from governance.documents import DocumentRequest
from governance.minute_book import Attendee
from governance.vocab import OUTCOMES
from ui.agenda_dialogs import _lay_out as lay_out
from ui.operations import CollectionOp, Failure, run, sentence, show_failure
from ui.tones import set_tone

log = logging.getLogger(__name__)

#: How long after the last key press a text is saved (milliseconds).
PAUSE_MS = 1500
PRESENT, APOLOGIES, VIRTUAL = 1, 2, 3
#: How the Also present and In attendance boxes mark a person who attended remotely.
VIRTUAL_MARK = " (virtual)"
TEXT_PROMPT = "What was said and done (paragraphs separated by a blank line)"
ALSO_PROMPT = "Other members present, one a line (add \"(virtual)\" for remote attendance)"
OFFICERS_PROMPT = ("Officers, one a line: Name (Post), and \"(virtual)\" after for remote"
                   " attendance")


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _label(name: str | None = None, bold: bool = False) -> QLabel:
    """A label that wraps (a sentence of the tab's), named for a screen reader."""
    label = QLabel()
    label.setWordWrap(True)
    if name:
        label.setAccessibleName(name)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class NoteEdit(QPlainTextEdit):
    """A text box that says when the clerk leaves it."""

    left = Signal()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.left.emit()


class Saver(QObject):
    """Runs saves in the background one after another: ``save(key, action)`` queues
    ``action(desk) -> Done``; a save of the same key still waiting is replaced."""

    def __init__(self, parent: QWidget, desk: Callable[[], Desk],
                 saved: Callable[[Any, Done], None], failed: Callable[[Any, Failure], None],
                 changed: Callable[[Changes], None]):
        super().__init__(parent)
        self._parent = parent
        self._desk = desk
        self._saved, self._failed, self._changed = saved, failed, changed
        self.waiting: dict[Hashable, Callable[[Desk], Done]] = {}
        self.job: CollectionOp | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None or bool(self.waiting)

    def save(self, key: Hashable, action: Callable[[Desk], Done]) -> None:
        self.waiting.pop(key, None)
        self.waiting[key] = action
        self._next()

    def _next(self) -> None:
        if self.job is not None or not self.waiting:
            return
        key = next(iter(self.waiting))
        action = self.waiting.pop(key)
        job = CollectionOp(self._parent, self._desk(), lambda desk, _progress: action(desk),
                           self._changed)
        job.success(lambda done: self._ended(job, key, done, None))
        job.failure(lambda failure: self._ended(job, key, None, failure))
        self.job = job
        job.run_in_background()

    def _ended(self, job: CollectionOp, key: Hashable, done: Done | None,
               failure: Failure | None) -> None:
        if job is self.job:
            self.job = None
        if done is not None:
            self._saved(key, done)
        elif failure is not None:
            self._failed(key, failure)
        self._next()

    def forget(self) -> None:
        """Another meeting opened: what waits is for the one left (it was saved as the
        clerk left each field, so only a save already running is still to come)."""
        self.waiting.clear()


class ApproveMinutesDialog(QDialog):
    """Asks before the minutes are approved (and frozen), with any correction agreed."""

    def __init__(self, committee: str, date: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Approve minutes")
        self.correction = QPlainTextEdit()
        self.correction.setAccessibleName("Correction agreed")
        self.correction.setPlaceholderText("None")
        self.correction.setMaximumHeight(90)
        self.setMinimumWidth(560)
        lay_out(self, f"Approve the minutes of the {committee} held on {_day(date)} as a"
                      " correct record, as resolved at the committee's next meeting (the one"
                      " whose agenda has them under \"Minutes of the meeting held on ...\")."
                      "\n\nOnce approved the minutes are frozen: nobody can change them, here"
                      " or on the command line. A correction agreed at the meeting is"
                      " recorded with the approval.",
                [("&Correction agreed:", self.correction)], "Approve and freeze")

    def answers(self) -> str | None:
        return self.correction.toPlainText().strip() or None


class CancelMeetingDialog(QDialog):
    """Why the meeting is cancelled (cancelled meetings are not minuted, and are not
    counted in the attendance statistics)."""

    def __init__(self, committee: str, date: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Cancel meeting")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("e.g. no business to transact")
        self.setMinimumWidth(520)
        lay_out(self, f"Cancel the meeting of the {committee} on {_day(date)}? It is not"
                      " minuted and not counted in the attendance statistics.",
                [("&Reason:", self.reason)], "Cancel the meeting")
        buttons = self.findChild(QDialogButtonBox)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Keep it")
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))

    def answers(self) -> str:
        return self.reason.text().strip()


class MinutesPanel(QWidget):
    #: A document to show in the Documents screen.
    show_document = Signal(object)
    #: The register was changed from this tab: the use case's Changes.
    changed = Signal(object)
    #: The meeting (committee, date) was cancelled from this tab: the list marks it.
    cancelled = Signal(str, object)

    def __init__(self, desk: Callable[[], Desk], parent: QWidget | None = None):
        super().__init__(parent)
        #: The screen's desk (as of the screen's today), asked each time.
        self._desk = desk
        self.current: tuple[str, dt.date] | None = None
        self.sheet: minutes.MinuteSheet | None = None
        #: Texts typed and queued (or not yet) for saving, by (item, field): what the
        #: fields show until the register has them.
        self.typed: dict[tuple[str, str], str] = {}
        self._filling = False
        #: Set when the window closes (:meth:`flush`): no save starts after.
        self.closed = False
        #: Whether the attendance shown differs from the register's (a save waiting, or
        #: refused): the tab keeps the clerk's ticks until it is saved.
        self.attendance_unsaved = False
        #: Whether the meeting shown changed while the tab was hidden (read when shown).
        self._stale = False
        #: The item whose minute the fields show (None: none).
        self.shown_item: str | None = None
        self.saver = Saver(self, desk, self._saved, self._not_saved, self.changed.emit)

        # --- the state and the meeting's actions --------------------------------------------
        self.state = _label("State of the minutes", bold=True)
        self.approve_button = QPushButton("&Approve minutes…")
        self.approve_button.setToolTip("Approved as a correct record at the committee's next"
                                       " meeting: then frozen")
        self.cancel_button = QPushButton("Cancel meeting…")
        self.cancel_button.setToolTip("The meeting will not take place (or did not)")
        self.actions_reason = _label("Why approving or cancelling is unavailable")
        self.minutes_button = QPushButton("Minutes (PDF)")
        self.minutes_button.setToolTip("The minutes as they print, in the Documents screen")
        self.public_button = QPushButton("Public minutes")
        self.public_button.setToolTip("The minutes the public may see: exempt minutes left"
                                      " out")
        self.documents_reason = _label("Why the minutes cannot be shown")

        # --- attendance -------------------------------------------------------------------
        self.members = QTableWidget(0, 4)
        self.members.setAccessibleName("Members of the committee")
        self.members.setHorizontalHeaderLabels(["Member", "Present", "Apologies", "Virtual"])
        header = self.members.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (PRESENT, APOLOGIES, VIRTUAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.members.verticalHeader().hide()
        self.members.verticalHeader().setDefaultSectionSize(
            self.members.fontMetrics().height() + 6)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chair = QComboBox()
        self.chair.setAccessibleName("Chairman of the meeting")
        self.substitutes = QListWidget()
        self.substitutes.setAccessibleName("Substitutes")
        lines = self.fontMetrics().height()
        self.substitutes.setMaximumHeight(3 * lines + 8)
        self.substitute_name = QComboBox()
        self.substitute_name.setEditable(True)
        self.substitute_name.setAccessibleName("Substitute")
        self.substitute_name.lineEdit().setPlaceholderText("Substitute (a member)")
        self.substitute_for = QComboBox()
        self.substitute_for.setAccessibleName("Sitting for")
        self.substitute_virtual = QCheckBox("Attended virtually")
        self.add_substitute_button = QPushButton("Add substitute")
        self.add_substitute_button.setToolTip("The substitute sits for the member chosen")
        self.remove_substitute_button = QPushButton("Remove substitute")
        self.also_present = NoteEdit()
        self.also_present.setAccessibleName("Also present")
        self.also_present.setPlaceholderText(ALSO_PROMPT)
        self.also_present.setMaximumHeight(2 * lines + 12)
        self.in_attendance = NoteEdit()
        self.in_attendance.setAccessibleName("In attendance")
        self.in_attendance.setPlaceholderText(OFFICERS_PROMPT)
        self.in_attendance.setMaximumHeight(3 * lines + 12)

        # --- the items --------------------------------------------------------------------
        self.items = QListWidget()
        self.items.setAccessibleName("Agenda items")
        self.items.setWordWrap(True)
        self.item_heading = _label(bold=True)
        self.item_note = _label("About the item")
        self.text = NoteEdit()
        self.text.setAccessibleName("Minute")
        self.text.setPlaceholderText(TEXT_PROMPT)
        self.resolved = NoteEdit()
        self.resolved.setAccessibleName("Resolution")
        self.resolved.setMaximumHeight(3 * lines + 12)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("The committee's outcome")
        self.outcome.addItem("Record the committee's outcome…", None)
        for o in OUTCOMES:
            self.outcome.addItem(o.replace("_", " ").capitalize()
                                 + ("…" if o == "recommendations_made" else ""), o)
        self.outcome.setToolTip("The outcome on the decision (the resolution is worded from"
                                " it): the same as the Agenda tab's Outcome…")
        self.prints = _label("The resolution as it prints")
        self.prints.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prints.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        #: The resolution as it prints can run long (a decision's parts): it scrolls.
        self.prints_area = QScrollArea()
        self.prints_area.setAccessibleName("The resolution as it prints")
        self.prints_area.setWidget(self.prints)
        self.prints_area.setWidgetResizable(True)
        self.prints_area.setFrameShape(QFrame.Shape.NoFrame)
        self.prints_area.setMaximumHeight(3 * lines + 6)
        self.prints_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.declarations = QTableWidget(0, 2)
        self.declarations.setAccessibleName("Declarations of interest")
        self.declarations.setHorizontalHeaderLabels(["Member", "Interest declared"])
        self.declarations.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.declarations.verticalHeader().hide()
        self.declarations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.declarations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.declarations.setMaximumHeight(4 * lines + 12)
        self.declaring = QComboBox()
        self.declaring.setEditable(True)
        self.declaring.setAccessibleName("Member declaring")
        self.declaration_text = QLineEdit(placeholderText="The interest, e.g. a relative works"
                                                         " for a provider")
        self.declaration_text.setAccessibleName("Interest")
        self.declare_button = QPushButton("&Declare")
        self.remove_declaration_button = QPushButton("Remove")
        self.items_reason = _label("Why the minutes cannot be typed")
        self.message = _label("Message")

        self._lay_out()
        self.pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self.pause.timeout.connect(lambda: self.save_typing(pause=True))
        for edit in (self.text, self.resolved, self.also_present, self.in_attendance):
            edit.textChanged.connect(self._typing)
            edit.left.connect(self.save_typing)
        self.members.itemChanged.connect(self._ticked)
        self.chair.activated.connect(lambda _i: self.save_attendance())
        self.add_substitute_button.clicked.connect(self.add_substitute)
        self.remove_substitute_button.clicked.connect(self.remove_substitute)
        self.items.currentItemChanged.connect(self._item_chosen)
        self.outcome.activated.connect(self._outcome_chosen)
        self.declare_button.clicked.connect(self.declare)
        self.remove_declaration_button.clicked.connect(self.remove_declaration)
        self.approve_button.clicked.connect(self.prompt_approve)
        self.cancel_button.clicked.connect(self.prompt_cancel)
        self.minutes_button.clicked.connect(lambda: self._document(False))
        self.public_button.clicked.connect(lambda: self._document(True))
        self.clear()

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        for w in (self.approve_button, self.cancel_button):
            actions.addWidget(w)
        actions.addWidget(self.actions_reason, 1)
        actions.addStretch(1)
        actions.addWidget(self.documents_reason, 1)
        for w in (self.minutes_button, self.public_button):
            actions.addWidget(w)

        people = QGroupBox("Attendance")
        form = QVBoxLayout(people)
        form.addWidget(self.members, 1)
        chair_row = QHBoxLayout()
        chair_label = QLabel("C&haired by:")
        chair_label.setBuddy(self.chair)
        chair_row.addWidget(chair_label)
        chair_row.addWidget(self.chair, 1)
        form.addLayout(chair_row)
        form.addWidget(QLabel("Substitutes (who sat for whom):"))
        form.addWidget(self.substitutes)
        add_row = QHBoxLayout()
        add_row.addWidget(self.substitute_name, 1)
        add_row.addWidget(QLabel("for"))
        add_row.addWidget(self.substitute_for, 1)
        form.addLayout(add_row)
        add_buttons = QHBoxLayout()
        add_buttons.addWidget(self.substitute_virtual)
        add_buttons.addStretch(1)
        add_buttons.addWidget(self.add_substitute_button)
        add_buttons.addWidget(self.remove_substitute_button)
        form.addLayout(add_buttons)
        for text, field in (("Al&so present:", self.also_present),
                            ("&In attendance (officers):", self.in_attendance)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addWidget(label)
            form.addWidget(field)

        editor = QWidget()
        item_layout = QVBoxLayout(editor)
        item_layout.setContentsMargins(0, 0, 0, 0)
        item_layout.addWidget(self.item_heading)
        item_layout.addWidget(self.item_note)
        text_label = QLabel("Minute &text:")
        text_label.setBuddy(self.text)
        item_layout.addWidget(text_label)
        item_layout.addWidget(self.text, 1)
        resolved_label = QLabel("&Resolution:")
        resolved_label.setBuddy(self.resolved)
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(resolved_label)
        outcome_row.addStretch(1)
        outcome_row.addWidget(self.outcome)
        item_layout.addLayout(outcome_row)
        item_layout.addWidget(self.resolved)
        item_layout.addWidget(self.prints_area)
        item_layout.addWidget(QLabel("Declarations of interest in this item:"))
        item_layout.addWidget(self.declarations)
        declare_row = QHBoxLayout()
        declare_row.addWidget(self.declaring, 2)
        declare_row.addWidget(self.declaration_text, 3)
        declare_row.addWidget(self.declare_button)
        declare_row.addWidget(self.remove_declaration_button)
        item_layout.addLayout(declare_row)
        business = QGroupBox("The minutes, item by item")
        business_layout = QVBoxLayout(business)
        business_split = QSplitter(Qt.Orientation.Vertical)
        business_split.addWidget(self.items)
        business_split.addWidget(editor)
        business_split.setSizes([110, 530])
        business_layout.addWidget(self.items_reason)
        business_layout.addWidget(business_split, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(people)
        split.addWidget(business)
        split.setSizes([360, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(actions)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

    # --- which meeting ------------------------------------------------------------------

    @property
    def desk(self) -> Desk:
        return self._desk()

    def clear(self) -> None:
        """No meeting: nothing to record, and every action unavailable."""
        self.pause.stop()
        self.saver.forget()
        self.current = None
        self.sheet = None
        self._stale = False
        self.typed = {}
        self.attendance_unsaved = False
        self._filling = True
        for w in (self.members, self.declarations):
            w.setRowCount(0)
        for w in (self.items, self.substitutes):
            w.clear()
        for w in (self.chair, self.substitute_for, self.declaring, self.substitute_name):
            w.clear()
        for w in (self.also_present, self.in_attendance, self.text, self.resolved):
            w.clear()
        for w in (self.state, self.item_heading, self.item_note, self.prints, self.message,
                  self.actions_reason, self.documents_reason):
            w.clear()
        self._filling = False
        self.items_reason.setText("No meeting chosen.")
        self._available()

    def show_meeting(self, committee: str, date: dt.date) -> None:
        """The meeting's minutes as the register has them (what was being typed for the
        meeting shown before is saved first)."""
        if self.current != (committee, date):
            self.save_typing()  # saved for the meeting it was typed for
            self.typed = {}
            self.attendance_unsaved = False
            self.message.clear()
        self.current = (committee, date)
        if self.isVisible():
            self.reload()
        else:  # read when the tab is shown: opening a meeting on the Agenda tab reads less
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Shown again (its tab, or the Meetings screen): read again, as a decision's
        outcome recorded on the Decision screen, say, changes what an item resolves."""
        super().showEvent(event)
        if self._stale or self.current is not None:
            self.reload()

    def reload(self) -> None:
        """The sheet read again; what is being typed (not yet saved) stays as typed."""
        self._stale = False
        if self.current is None:
            return
        sheet = run(lambda: minutes.sheet(self.desk, *self.current), self._said,
                    say_done=False)
        if sheet is None:
            return
        keep = self.items.currentItem().data(Qt.ItemDataRole.UserRole) \
            if self.items.currentItem() is not None else None
        self.sheet = sheet
        self._filling = True
        try:
            self._fill_state(sheet)
            if not self.attendance_unsaved:  # else the clerk's, as they left it
                self._fill_attendance(sheet)
            self._fill_items(sheet, keep)
        finally:
            self._filling = False
        self._available()

    # --- filling the fields -------------------------------------------------------------

    def _fill_state(self, sheet: minutes.MinuteSheet) -> None:
        if sheet.cancelled:
            text, tone = f"Cancelled: {sheet.cancelled}. A cancelled meeting is not minuted.", \
                "attention"
        elif sheet.approval is not None:
            a = sheet.approval
            correction = f", subject to this correction: {a.correction.rstrip('. ')}" \
                if a.correction else ""
            recorded = ""
            if a.recorded_at:
                try:
                    on = dt.date.fromisoformat(a.recorded_at[:10])
                    recorded = f" Recorded on {on.day} {on:%B %Y}"
                except ValueError:
                    recorded = f" Recorded {a.recorded_at}"
                recorded += f" by {a.recorded_by}." if a.recorded_by else "."
            text, tone = (f"Approved as a correct record at the meeting of the"
                          f" {sheet.committee} held on {_day(a.approved_at)}{correction}."
                          f"{recorded} The minutes are frozen: they cannot be changed."), \
                "done"
        elif not sheet.held:
            text, tone = (f"This meeting has not been held yet ({_day(sheet.date)}): you can"
                          " prepare its attendance now; the minutes are typed on the day."), \
                "progress"
        else:
            text, tone = ("Draft minutes: saved as you type. Approve them once the committee's"
                          " next meeting has agreed they are a correct record."), None
        self.state.setText(text)
        set_tone(self.state, tone)

    def _fill_attendance(self, sheet: minutes.MinuteSheet) -> None:
        by_name = {a.name: a for a in sheet.attendance}
        names = list(sheet.members) + [
            a.name for a in sheet.attendance if a.kind in ("present", "apologies")
            and a.substitute_for is None and a.name not in sheet.members]
        self.members.setRowCount(len(names))
        for row, name in enumerate(names):
            a = by_name.get(name)
            chair = " (Chairman)" if a is not None and a.chair else ""
            cell = QTableWidgetItem(f"{name}{chair}")
            cell.setData(Qt.ItemDataRole.UserRole, name)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.members.setItem(row, 0, cell)
            here = a is not None and a.kind == "present" and a.substitute_for is None
            for column, on in ((PRESENT, here),
                               (APOLOGIES, a is not None and a.kind == "apologies"),
                               (VIRTUAL, here and a is not None and a.virtual)):
                tick = QTableWidgetItem()
                tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                tick.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                tick.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{name}: {self.members.horizontalHeaderItem(column).text()}")
                self.members.setItem(row, column, tick)
        self.substitutes.clear()
        for a in sheet.attendance:
            if a.substitute_for is not None:
                virtual = " (virtually)" if a.virtual else ""
                item = QListWidgetItem(f"{a.name} for {a.substitute_for}{virtual}")
                item.setData(Qt.ItemDataRole.UserRole, a)
                self.substitutes.addItem(item)
        sitting_for, substitute = (self.substitute_for.currentText(),
                                   self.substitute_name.currentText())
        self.substitute_for.clear()
        self.substitute_for.addItems(list(sheet.members))
        self.substitute_for.setCurrentIndex(max(self.substitute_for.findText(sitting_for), 0))
        self.substitute_name.clear()
        self.substitute_name.addItems([name for name in committees.members(self.desk)
                                       if name not in sheet.members])
        self.substitute_name.setCurrentIndex(-1)
        self.substitute_name.setEditText(substitute)  # being chosen: kept
        self._fill_chair(sheet.attendance)
        for field, kind, words in ((self.also_present, "also_present", self._also_words),
                                   (self.in_attendance, "in_attendance", self._officer_words)):
            key = ("", kind)
            if key not in self.typed:
                field.setPlainText("\n".join(words(a) for a in sheet.attendance
                                             if a.kind == kind))

    @staticmethod
    def _also_words(a: Attendee) -> str:
        return a.name + (VIRTUAL_MARK if a.virtual else "")

    @staticmethod
    def _officer_words(a: Attendee) -> str:
        return (f"{a.name} ({a.post})" if a.post else a.name) + \
            (VIRTUAL_MARK if a.virtual else "")

    def _fill_chair(self, attendance: tuple[Attendee, ...] | list[Attendee]) -> None:
        """Who may be marked as chairing: those present (members and substitutes)."""
        chosen = next((a.name for a in attendance if a.chair), None)
        present = [a.name for a in attendance if a.kind == "present"]
        self.chair.clear()
        self.chair.addItem("(the committee's Chairman)", None)
        for name in present:
            self.chair.addItem(name, name)
        self.chair.setCurrentIndex(max(self.chair.findData(chosen), 0))

    def _fill_items(self, sheet: minutes.MinuteSheet, keep: str | None) -> None:
        self.items.blockSignals(True)
        self.items.clear()
        for it in sheet.items:
            sub = not it.item.isdigit()
            number = "      " if sub else f"{it.number}. " if it.number is not None else ""
            exempt = " — exempt" if it.exempt_paragraph else ""
            typed = "" if (it.text or it.resolution or it.declarations or sheet.cancelled
                           or sheet.approval) else " (nothing yet)"
            row = QListWidgetItem(f"{number}{it.title} (Item {it.item}){exempt}{typed}")
            row.setData(Qt.ItemDataRole.UserRole, it.item)
            self.items.addItem(row)
        numbers = [it.item for it in sheet.items]
        if numbers:
            self.items.setCurrentRow(numbers.index(keep) if keep in numbers else 0)
        self.items.blockSignals(False)
        self._show_item(keep if keep in numbers else numbers[0] if numbers else None)
        declaring = self.declaring.currentText()
        self.declaring.clear()
        self.declaring.addItems(list(sheet.members))
        self.declaring.setCurrentIndex(-1)
        self.declaring.setEditText(declaring)  # being chosen: kept

    def item(self, number: str | None) -> minutes.ItemMinute | None:
        if self.sheet is None or number is None:
            return None
        return next((it for it in self.sheet.items if it.item == number), None)

    @property
    def current_item(self) -> str | None:
        row = self.items.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row is not None else None

    def _item_chosen(self, row: QListWidgetItem | None, _previous=None) -> None:
        self.save_typing()
        self._show_item(row.data(Qt.ItemDataRole.UserRole) if row is not None else None)
        self._available()

    def _show_item(self, number: str | None) -> None:
        it = self.item(number)
        self.shown_item = it.item if it is not None else None
        was = self._filling
        self._filling = True
        try:
            if it is None:
                for w in (self.item_heading, self.item_note, self.prints):
                    w.clear()
                self.text.clear()
                self.resolved.clear()
                self.declarations.setRowCount(0)
                return
            minute = f"Minute {it.number}: " if it.number is not None else ""
            self.item_heading.setText(f"{minute}{it.title} (Item {it.item})")
            notes = []
            if it.decision:
                notes.append(f"About decision {it.decision}: its resolution is the"
                             " committee's outcome on it (as the Agenda tab's Outcome…"
                             " records it).")
            if it.exempt_paragraph:
                notes.append(f"Exempt (paragraph {it.exempt_paragraph} of Schedule 12A):"
                             " left out of the public minutes.")
            self.item_note.setText(" ".join(notes))
            self.item_note.setVisible(bool(notes))
            self.text.setPlainText(self.typed.get((it.item, "text"), it.text or ""))
            self.resolved.setPlainText(self.typed.get((it.item, "resolved"), it.resolved or ""))
            self.resolved.setPlaceholderText(
                "endorsed, noted, not endorsed, deferred, or 'recommendations made: ...'"
                " (or the resolution in full)" if it.decision else
                it.resolution or "RESOLVED that ... (what the committee resolved)")
            self.outcome.setVisible(bool(it.decision))
            self.outcome.setCurrentIndex(0)
            self.prints.setText(f"Prints as: {it.resolution}" if it.resolution else
                                "No resolution prints for this item yet.")
            self.declarations.setRowCount(len(it.declarations))
            for row, d in enumerate(it.declarations):
                self.declarations.setItem(row, 0, QTableWidgetItem(d.member))
                self.declarations.setItem(row, 1, QTableWidgetItem(d.text))
        finally:
            self._filling = was

    # --- what may be done ---------------------------------------------------------------

    def _available(self) -> None:
        """Each control enabled when its act is open, else disabled with the reason on
        the label beside it."""
        s = self.sheet
        open_ = s is not None and s.approval is None and not s.cancelled
        attendance = open_
        minutes_typed = open_ and s is not None and s.held and self.current_item is not None
        for w in (self.members, self.chair, self.substitute_name, self.substitute_for,
                  self.substitute_virtual, self.add_substitute_button,
                  self.remove_substitute_button, self.also_present, self.in_attendance):
            w.setEnabled(attendance)
        for w in (self.text, self.resolved):
            w.setReadOnly(not minutes_typed)
        # A prompt to type in a box that cannot be typed in reads as if it could: none.
        for w, prompt in ((self.text, TEXT_PROMPT), (self.also_present, ALSO_PROMPT),
                          (self.in_attendance, OFFICERS_PROMPT)):
            w.setPlaceholderText(prompt if not w.isReadOnly() and (
                w is self.text or attendance) else "")
        if not minutes_typed:
            self.resolved.setPlaceholderText("")
        for w in (self.declaring, self.declaration_text, self.declare_button,
                  self.remove_declaration_button, self.outcome):
            w.setEnabled(minutes_typed)
        if s is None:
            reason = "No meeting chosen."
        elif s.cancelled:
            reason = "The meeting was cancelled: there are no minutes to type."
        elif s.approval is not None:
            reason = "The minutes are approved and frozen: read only."
        elif not s.held:
            reason = "Not held yet: the minutes are typed on the day (attendance can be" \
                     " prepared now)."
        elif not s.items:
            reason = "The agenda has no items to minute."
        else:
            reason = ""
        self.items_reason.setText(reason)
        self.items_reason.setVisible(bool(reason))
        self.approve_button.setEnabled(bool(open_ and s is not None and s.held))
        recorded = s is not None and bool(s.attendance or any(
            it.text or it.resolved or it.declarations for it in s.items))
        self.cancel_button.setEnabled(open_ and not recorded)
        self.actions_reason.setText(
            "" if s is None or (open_ and s.held and not recorded) else
            "Approved: minutes are approved once." if s.approval is not None else
            "Cancelled: nothing to approve." if s.cancelled else
            "Approve once the meeting has been held." if not s.held and not recorded else
            "Approve once the meeting has been held; it is not cancelled: attendance is"
            " recorded." if not s.held else
            "Not cancelled: attendance or minutes are recorded, so it was held.")
        documents = s is not None and s.held and not s.cancelled
        self.minutes_button.setEnabled(documents)
        self.public_button.setEnabled(documents)
        self.documents_reason.setText(
            "" if s is None or documents else
            "A cancelled meeting has no minutes." if s.cancelled else
            "The minutes are made once the meeting has been held.")
        self.documents_reason.setVisible(bool(self.documents_reason.text()))
        self.actions_reason.setVisible(bool(self.actions_reason.text()))

    # --- saving as the clerk goes -------------------------------------------------------

    def _typing(self) -> None:
        if self._filling or self.current is None:
            return
        self._note_typed()
        self.pause.start()

    def _note_typed(self) -> None:
        """What the fields hold now, where it differs from the register."""
        it = self.item(self.shown_item)
        if it is not None and not self.text.isReadOnly():
            for field, edit, stored in (("text", self.text, it.text),
                                        ("resolved", self.resolved, it.resolved)):
                value = edit.toPlainText()
                if value != (stored or "") or (it.item, field) in self.typed:
                    self.typed[(it.item, field)] = value
        if self.sheet is not None and self.also_present.isEnabled():
            for kind, edit, words in (("also_present", self.also_present, self._also_words),
                                      ("in_attendance", self.in_attendance,
                                       self._officer_words)):
                stored = [words(a) for a in self.sheet.attendance if a.kind == kind]
                if _lines(edit.toPlainText()) != stored:
                    self.typed[("", kind)] = edit.toPlainText()

    def save_typing(self, pause: bool = False) -> None:
        """Save what was typed and not yet saved (on leaving a field, after a pause, on
        choosing another item or meeting). After a pause a decision item's resolution
        waits for the clerk to leave it: half typed, it states no outcome yet."""
        self.pause.stop()
        if self._filling or self.current is None or self.sheet is None:
            return
        self._note_typed()
        committee, date = self.current
        attendance_typed = False
        for (number, field), value in list(self.typed.items()):
            if number == "":
                attendance_typed = True
                continue
            it = self.item(number)
            if it is not None and value == (getattr(it, field) or ""):
                del self.typed[(number, field)]
                continue
            if pause and field == "resolved" and it is not None and it.decision:
                continue
            text = value.strip()
            self._save(f"{number}:{field}", lambda desk, number=number, field=field,
                            text=text: minutes.set_minute(desk, committee, date, number,
                                                          **{field: text}))
        if attendance_typed:
            self.save_attendance()

    def attendance_now(self) -> dict:
        """The attendance as the tab shows it, in ``set_attendance``'s terms."""
        present, apologies, virtual = [], [], []
        for row in range(self.members.rowCount()):
            name = self.members.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if self.members.item(row, PRESENT).checkState() == Qt.CheckState.Checked:
                present.append(name)
                if self.members.item(row, VIRTUAL).checkState() == Qt.CheckState.Checked:
                    virtual.append(name)
            elif self.members.item(row, APOLOGIES).checkState() == Qt.CheckState.Checked:
                apologies.append(name)
        substitutes = []
        for i in range(self.substitutes.count()):
            a: Attendee = self.substitutes.item(i).data(Qt.ItemDataRole.UserRole)
            substitutes.append((a.substitute_for, a.name))
            if a.virtual:
                virtual.append(a.name)
        others: dict[str, list[str]] = {}
        for kind, edit in (("also_present", self.also_present),
                           ("in_attendance", self.in_attendance)):
            others[kind] = []
            for line in _lines(edit.toPlainText()):
                remote = line.casefold().endswith(VIRTUAL_MARK.casefold())
                line = line[:-len(VIRTUAL_MARK)].strip() if remote else line
                others[kind].append(line)
                if remote:  # an officer by name, without the post in brackets
                    virtual.append(re.sub(r"\s*\(.*\)\s*$", "", line)
                                   if kind == "in_attendance" else line)
        return {"present": present, "apologies": apologies, "substitutes": substitutes,
                **others, "virtual": virtual, "chair": self.chair.currentData()}

    def save_attendance(self) -> None:
        if self._filling or self.current is None or self.sheet is None:
            return
        committee, date = self.current
        given = self.attendance_now()
        self.attendance_unsaved = True
        self._save("attendance", lambda desk: minutes.set_attendance(
            desk, committee, date, **given))

    def _ticked(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() == 0:
            return
        row = cell.row()
        on = cell.checkState() == Qt.CheckState.Checked
        self._filling = True
        try:  # present and apologies exclude each other; virtual means present
            if on and cell.column() == PRESENT:
                self.members.item(row, APOLOGIES).setCheckState(Qt.CheckState.Unchecked)
            elif on and cell.column() == APOLOGIES:
                for column in (PRESENT, VIRTUAL):
                    self.members.item(row, column).setCheckState(Qt.CheckState.Unchecked)
            elif on and cell.column() == VIRTUAL:
                self.members.item(row, PRESENT).setCheckState(Qt.CheckState.Checked)
                self.members.item(row, APOLOGIES).setCheckState(Qt.CheckState.Unchecked)
            elif not on and cell.column() == PRESENT:
                self.members.item(row, VIRTUAL).setCheckState(Qt.CheckState.Unchecked)
        finally:
            self._filling = False
        self._refill_chair()
        self.save_attendance()

    def _refill_chair(self) -> None:
        given = self.attendance_now()
        chosen = given["chair"]
        present = given["present"] + [name for _absent, name in given["substitutes"]]
        self.chair.clear()
        self.chair.addItem("(the committee's Chairman)", None)
        for name in present:
            self.chair.addItem(name, name)
        self.chair.setCurrentIndex(max(self.chair.findData(chosen), 0))

    def tick(self, member: str, column: int, on: bool = True) -> None:
        """Tick (or untick) ``member``'s Present, Apologies or Virtual box, as a click does."""
        for row in range(self.members.rowCount()):
            if self.members.item(row, 0).data(Qt.ItemDataRole.UserRole) == member:
                self.members.item(row, column).setCheckState(
                    Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise KeyError(member)

    def add_substitute(self) -> None:
        name = self.substitute_name.currentText().strip()
        member = self.substitute_for.currentText()
        if not name or not member:
            self._say("Type the substitute's name and choose the member they sit for.",
                      error=True)
            return
        item = QListWidgetItem(f"{name} for {member}"
                               + (" (virtually)" if self.substitute_virtual.isChecked() else ""))
        item.setData(Qt.ItemDataRole.UserRole, Attendee(
            name, "present", substitute_for=member, virtual=self.substitute_virtual.isChecked()))
        self.substitutes.addItem(item)
        self.substitute_name.setCurrentIndex(-1)
        self.substitute_name.setEditText("")
        self.substitute_virtual.setChecked(False)
        self._refill_chair()
        self.save_attendance()

    def remove_substitute(self) -> None:
        row = self.substitutes.currentRow()
        if row < 0:
            self._say("Choose the substitute to remove first.", error=True)
            return
        self.substitutes.takeItem(row)
        self._refill_chair()
        self.save_attendance()

    def declare(self) -> None:
        number = self.current_item
        member = self.declaring.currentText().strip()
        text = self.declaration_text.text().strip()
        if self.current is None or number is None or not member or not text:
            self._say("Choose the member and type the interest they declared.", error=True)
            return
        committee, date = self.current
        self.declaration_text.clear()
        self._save(f"{number}:declare:{member}", lambda desk: minutes.declare(
            desk, committee, date, number, member, text))

    def remove_declaration(self) -> None:
        number = self.current_item
        row = self.declarations.currentRow()
        if self.current is None or number is None or row < 0:
            self._say("Choose the declaration to remove first.", error=True)
            return
        member = self.declarations.item(row, 0).text()
        committee, date = self.current
        self._save(f"{number}:declare:{member}", lambda desk: minutes.remove_declaration(
            desk, committee, date, number, member))

    def _outcome_chosen(self, _index: int) -> None:
        """An outcome chosen for a decision item: recorded (on the decision too), the
        resolution worded from it; recommendations are typed in the resolution."""
        outcome = self.outcome.currentData()
        number = self.shown_item
        if outcome is None or number is None or self.current is None:
            return
        self.outcome.setCurrentIndex(0)
        if outcome == "recommendations_made":
            self.resolved.setPlainText("recommendations made: ")
            self.resolved.setFocus()
            self.resolved.moveCursor(QTextCursor.MoveOperation.End)
            return
        committee, date = self.current
        words = outcome.replace("_", " ")
        self.typed.pop((number, "resolved"), None)
        self._save(f"{number}:resolved", lambda desk: minutes.set_minute(
            desk, committee, date, number, resolved=words))

    def _save(self, name: str, action: Callable[[Desk], Done]) -> None:
        """Queue a save for the meeting shown (``name``: what it saves, e.g. "7:text")."""
        if not self.closed:
            self.saver.save((self.current, name), action)

    def _saved(self, key: tuple, done: Done) -> None:
        """A save came back: say so; the sheet again (what prints, numbers, declarations),
        keeping what is still being typed."""
        meeting, key = key
        if meeting != self.current:  # saved as the clerk moved to another meeting
            self._say(f"Saved. {done.message}")
            return
        number, _, field = key.partition(":")
        if field in ("text", "resolved"):
            it = self.item(number)
            typed = self.typed.get((number, field))
            if typed is not None and it is not None:
                self.typed.pop((number, field), None)  # the register has it (or newer waits)
        elif key == "attendance":
            self.attendance_unsaved = "attendance" in {
                name for meeting, name in self.saver.waiting if meeting == self.current}
            self.typed.pop(("", "also_present"), None)
            self.typed.pop(("", "in_attendance"), None)
        self._say(f"Saved. {done.message}")
        if not self.saver.busy:
            self._reload_keeping_focus()

    def _reload_keeping_focus(self) -> None:
        """The sheet read again; a field being typed in keeps what it holds."""
        focus = self.focusWidget()
        held = {w: w.toPlainText() for w in (self.text, self.resolved, self.also_present,
                                              self.in_attendance) if w is focus}
        self.reload()
        for w, text in held.items():
            if w.toPlainText() != text:
                self._filling = True
                cursor = w.textCursor().position()
                w.setPlainText(text)
                c = w.textCursor()
                c.setPosition(min(cursor, len(text)))
                w.setTextCursor(c)
                self._filling = False
                self._note_typed()

    def _not_saved(self, key: tuple, failure: Failure) -> None:
        self._say(f"Not saved: {sentence(str(failure))}", error=True)
        if failure.fault and self.isVisible():  # never a box over a window gone
            show_failure(self, failure)
        if key[0] == self.current:
            self.reload()

    # --- approving, cancelling, the documents -------------------------------------------

    def approve(self, correction: str | None = None) -> bool:
        """Approve the minutes (after saving what was typed)."""
        if self.current is None:
            return False
        self.save_typing()
        committee, date = self.current
        return self._now(lambda: minutes.approve(self.desk, committee, date,
                                                 correction=correction))

    @staticmethod
    def _asked(dialog: ApproveMinutesDialog | CancelMeetingDialog) -> tuple[bool, Any]:
        """Whether the clerk said OK, and what they answered."""
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        answers = dialog.answers()
        dialog.deleteLater()
        return accepted, answers

    def prompt_approve(self) -> None:
        if self.current is not None:
            accepted, correction = self._asked(ApproveMinutesDialog(*self.current, self))
            if accepted:
                self.approve(correction)

    def cancel_meeting(self, reason: str) -> bool:
        if self.current is None:
            return False
        committee, date = self.current
        if not self._now(lambda: minutes.cancel(self.desk, committee, date, reason)):
            return False
        self.cancelled.emit(committee, date)
        return True

    def prompt_cancel(self) -> None:
        if self.current is not None:
            accepted, reason = self._asked(CancelMeetingDialog(*self.current, self))
            if accepted and reason:
                self.cancel_meeting(reason)

    def _now(self, action: Callable[[], Done]) -> bool:
        """An act the clerk asked for by a button (approve, cancel): once every save has
        landed, on the GUI thread, said in the message line, the tab read again."""
        self.wait_for_saves()
        done = run(action, self._said, changed=self.changed.emit)
        self.reload()
        return done is not None

    def flush(self, timeout: float = 10) -> None:
        """Save what is being typed and wait for every save; nothing more is saved after
        (the window closing: its register is about to be closed)."""
        self.save_typing()
        self.wait_for_saves(timeout)
        self.closed = True

    def wait_for_saves(self, timeout: float = 30) -> None:
        """Let the saves queued land (approving after them, never before)."""
        deadline = time.monotonic() + timeout
        while self.saver.busy and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    def _document(self, public: bool) -> None:
        if self.current is not None:
            committee, date = self.current
            self.show_document.emit(DocumentRequest("minutes", committee=committee, date=date,
                                                    public=public))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        set_tone(self.message, "danger" if error else None)

    def _said(self, text: str, refusal) -> None:
        self._say(text, error=refusal is not None)
