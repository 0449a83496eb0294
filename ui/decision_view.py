"""The Decision screen: one decision's record, parts, implications, assessments,
committee consideration and history, with the lifecycle actions as buttons that are
disabled, with the reason in the tooltip, when a rule forbids them."""

from __future__ import annotations

import copy
import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from governance import audit, decisions, listings, meetings, records
from governance.checks import Problem
from governance.desk import Changes, Desk, Done
from governance.errors import StaleEdit, UserError
from governance.lifecycle import (
    ACTION_LABELS,
    RuleBreach,
    RuleViolation,
    action_refusals,
    take,
)
from governance.model import Assessment, Decision, DecisionPart, Delegation
from governance.vocab import (
    ASSESSMENT_STATUSES,
    COMMON_VERBS,
    DECISION_TEXT_FIELDS,
    OUTCOMES,
    ROUTES,
    STATUS_LABELS,
    TEXT_FIELD_LABELS,
)
from ui.date_field import DateField
from ui.expected_panel import ExpectedPanel
from ui.operations import as_of, run
from ui.pathway_panel import PathwayPanel
from ui.record_files import AssessmentFilesPanel, RecordFilesPanel
from ui.tones import SEVERITY_TONES, STATUS_TONES, badge_colours, refresh_tones, set_tone

#: Which field a check's problem is shown beside.
PROBLEM_FIELDS = {
    "consultation_date_mismatch": "consultation",
    "eqia_text_mismatch": "equalities_implications",
    "alternatives_blank": "alternatives",
    "taken_text_says_propose": "consultation",
    "key_decision_no_notice": "notice",
    "key_decision_notice_late": "notice",
    "urgency_not_recorded": "urgency_reason",
    "urgency_agreement_not_named": "urgency_reason",
    "unknown_delegation_post": "parts",
    "delegate_without_delegation": "parts",
    "part_placeholder": "parts",
    "taken_without_assessment": "assessments",
}


class SavedEdit(QUndoCommand):
    """One saved edit of a decision; undo writes the old values back (audited as an edit),
    redo the new ones. The first redo is the save itself, already done."""

    def __init__(self, view: DecisionView, number: str, before: dict, after: dict):
        super().__init__(f"edit {number} ({', '.join(k.replace('_', ' ') for k in after)})")
        self.view, self.number, self.before, self.after = view, number, before, after
        self.first = True
        #: Set by DecisionView when it has already applied the change (so that a refusal
        #: is shown as a message, not raised inside Qt), for undo()/redo() to skip.
        self.done = False

    def _apply(self, values: dict) -> Done:
        desk = self.view.desk
        d = decisions.decision(desk, self.number)
        done = decisions.update_decision(desk, self.number, values, expected_version=d.version)
        self.view._show(done.value)
        self.view.changed.emit(done.changes)
        return done

    def undo(self) -> None:
        if self.done:
            self.done = False
            return
        self._apply(self.before)

    def redo(self) -> None:
        if self.first or self.done:
            self.first = self.done = False
            return
        self._apply(self.after)


PART_COLUMNS = ["", "Verb", "Text", "Delegated to (post)", "Scope", "Conditions"]


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


#: The actions undo cannot reverse: each asks first.
IRREVERSIBLE = ("take", "withdraw")
#: The audit entities a decision's History tab shows (all keyed by decision number).
HISTORY_ENTITIES = ("decision", audit.RECORD_DOCUMENT, audit.ASSESSMENT_DOCUMENT)
#: Audit actions whose name does not read well with its underscores made spaces.
HISTORY_ACTIONS = {"attach_eqia": "attach EqIA", "attach_dpia": "attach DPIA",
                   "sign": "sign (PAdES)", "attach_scan": "attach scan"}


def _history_what(row: audit.AuditRow) -> str:
    """One audit row in words: the fields an edit changed, or the file a signature or
    attachment kept (with the start of its SHA-256, as `verify` prints it)."""
    before, after = row.before_json(), row.after_json()
    if row.entity == "decision":
        changed = [k.replace("_", " ") for k in after if before.get(k) != after.get(k)]
        return "created" if not before else (", ".join(changed) or "no change")
    kind = audit.KIND_WORDS.get(after.get("document"), after.get("document", "file"))
    bits = [f"{kind} {after.get('file_name') or ''}".strip()]
    if after.get("signer"):
        bits.append(f"signed by {after['signer']}")
    if after.get("sha256"):
        bits.append(f"SHA-256 {after['sha256'][:16]}…")
    return "; ".join(bits)


class DecisionView(QWidget):
    #: Emitted after anything about a decision was changed from this screen: the
    #: use case's Changes (the decision, a correction, a kept file).
    changed = Signal(object)
    #: Whether the decision on screen has edits not yet saved (the window's title marks it).
    modified = Signal(bool)

    def __init__(self, desk: Desk, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        #: The register; with ``today`` given, as if it were that day.
        self.desk = as_of(desk, today)
        self.decision: Decision | None = None
        #: The version of the decision on screen the register holds, as far as this
        #: screen has heard (a change made here, or one the clerk was told of).
        self._known_version: int | None = None
        self._loading = False
        self._building = False  # a part's row is being made
        self._post_titles: list[str] | None = None

        self.heading = QLabel("No decision open")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.status_badge = QLabel()
        self.status_badge.setAccessibleName("Status")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Message")
        self.banner.hide()
        self.reload_button = QPushButton("Reload")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)

        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the changes (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.clicked.connect(self.reload)
        self.action_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.revert_button)
        actions.addSpacing(16)
        for action, label in ACTION_LABELS.items():
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, a=action: self.run_action(a))
            self.action_buttons[action] = button
            actions.addWidget(button)
        self.correct_button = QPushButton("Correct…")
        self.correct_button.setToolTip("Start a new decision that amends this taken record")
        self.correct_button.clicked.connect(self.start_correction)
        actions.addWidget(self.correct_button)
        actions.addStretch(1)

        self.problem_labels: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Decision")
        self.tabs.addTab(self._record_tab(), "&Record")
        self.tabs.addTab(self._parts_tab(), "&Parts and delegations")
        self.tabs.addTab(self._text_tab(), "&Implications")
        self.tabs.addTab(self._assessment_tab(), "&EqIA and DPIA")
        self.tabs.addTab(self._committee_tab(), "&Committee")
        self.record_files = RecordFilesPanel(self.desk)
        self.record_files.changed.connect(self._files_changed)
        self.tabs.addTab(self.record_files, "&Signed records")
        self.tabs.addTab(self._history_tab(), "&History")

        # Why the actions that are not offered are not: beside them, not only in tooltips,
        # in a space of its own (two lines) so that the tabs never move.
        self.action_reasons = QLabel()
        self.action_reasons.setAccessibleName("Why actions are not available")
        self.action_reasons.setAlignment(Qt.AlignmentFlag.AlignTop
                                         | Qt.AlignmentFlag.AlignLeft)
        self.action_reasons.setFixedHeight(self.action_reasons.fontMetrics().lineSpacing() * 2
                                           + 4)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status_badge)
        # What an action or a save said: the status line at the foot of the screen, so a
        # message coming or going never pushes the buttons and tabs down.
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.action_reasons)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(banner_row)
        self.undo_stack = QUndoStack(self)
        self._watch_edits()
        self.setEnabled(False)

    def _watch_edits(self) -> None:
        """Every field of the record tells :meth:`_edited` when the clerk changes it."""
        for w in (self.title_edit, self.maker_edit, self.urgency_edit, self.author_edit,
                  self.director_edit):
            w.textEdited.connect(self._edited)
        for edit in self.text_edits.values():
            edit.textChanged.connect(self._edited)
        for box in (self.key_check, self.expenditure_check, self.divisions_check):
            box.toggled.connect(self._edited)
        for combo in (self.exempt_combo, self.route_combo):
            combo.currentIndexChanged.connect(self._edited)
        for field in self.date_fields():
            field.dateChanged.connect(self._edited)
            field.line.textEdited.connect(self._edited)
        for group in self.assessment_widgets.values():
            group["status"].currentIndexChanged.connect(self._edited)
            group["title"].textEdited.connect(self._edited)
            group["by"].textEdited.connect(self._edited)
        self.parts_table.itemChanged.connect(self._edited)
        self.parts_table.model().rowsRemoved.connect(self._edited)

    def _edited(self, *_args) -> None:
        """Mark unsaved edits: the Save button says so, and the window's title (``*``)."""
        if self._loading or self._building or self.decision is None:
            return
        self._mark_modified(bool(self.unsaved()))

    def _mark_modified(self, modified: bool) -> None:
        self.save_button.setText("Save*" if modified else "Save")
        self.save_button.setAccessibleName("Save (unsaved changes)" if modified else "Save")
        self.modified.emit(modified)

    def confirmation(self, action: str) -> QMessageBox:
        """The question Take (sign) and Withdraw ask first: what will happen, and that it
        cannot be undone; Cancel unless the clerk says OK."""
        d = self.decision
        assert d is not None
        if action == "take":
            who = records.decision_maker_signer(self.desk, d)
            text = (f"{d.number} will be taken and frozen; the record will be signed by"
                    f" {who.words}.")
            more = (f"It is taken on {self.today.day} {self.today:%B %Y}. Its text cannot"
                    " change afterwards, and undo cannot reverse it: a correction is a new"
                    " decision. Sign it digitally on the Signed records tab instead, or attach"
                    " the scan of the paper-signed record there once it is taken.")
        else:
            text = f"{d.number} will be withdrawn and frozen."
            more = ("It can be neither taken nor edited afterwards, and undo cannot reverse"
                    " it.")
        box = QMessageBox(QMessageBox.Icon.Warning, ACTION_LABELS[action], text, parent=self)
        box.setInformativeText(more)
        box.setStandardButtons(QMessageBox.StandardButton.Ok
                               | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(
            "Take" if action == "take" else "Withdraw")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return box

    def confirm(self, action: str) -> bool:
        """Ask before an act undo cannot reverse (:meth:`confirmation`)."""
        box = self.confirmation(action)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Ok

    # --- building the tabs -------------------------------------------------------------

    def _problem_label(self, key: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setAccessibleName(f"Problems: {key.replace('_', ' ')}")
        label.hide()
        self.problem_labels[key] = label
        return label

    def _record_tab(self) -> QWidget:
        self.number_label = QLabel()
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title of Decision")
        self.maker_edit = QLineEdit()
        self.maker_edit.setAccessibleName("Decision maker")
        self.maker_edit.setPlaceholderText("e.g. Cabinet Member for Adult Social Care and"
                                           " Public Health")
        self.key_check = QCheckBox("Key decision")
        self.expenditure_check = QCheckBox("Expenditure or savings above the threshold")
        self.divisions_check = QCheckBox("Significant in two or more electoral divisions")
        self.exempt_combo = QComboBox()
        self.exempt_combo.setAccessibleName("For publication")
        self.exempt_combo.addItem("Yes — for publication", None)
        for n in range(1, 8):
            self.exempt_combo.addItem(f"No — exempt, paragraph {n} of Schedule 12A", n)
        self.route_combo = QComboBox()
        self.route_combo.setAccessibleName("Route")
        self.route_combo.addItem("Committee (normal)", None)
        for route in ROUTES[1:]:
            self.route_combo.addItem(_words(route), route)
        self.urgency_edit = QLineEdit()
        self.urgency_edit.setAccessibleName("Urgency: agreement recorded")
        self.urgency_edit.setPlaceholderText("Who agreed the urgency, when, and why")
        self.notice_date = DateField("Forward Plan notice published on", optional=True)
        self.author_edit = QLineEdit()
        self.author_edit.setAccessibleName("Report author")
        self.director_edit = QLineEdit()
        self.director_edit.setAccessibleName("Relevant director")
        self.dates_label = QLabel()
        self.dates_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow("DECISION NO:", self.number_label)
        form.addRow("Title of Decision:", self.title_edit)
        form.addRow("Decision maker:", self.maker_edit)
        criteria = QVBoxLayout()
        for w in (self.key_check, self.expenditure_check, self.divisions_check):
            criteria.addWidget(w)
        form.addRow("Key decision:", criteria)
        form.addRow("For publication:", self.exempt_combo)
        form.addRow("Route:", self.route_combo)
        form.addRow("Urgency agreement:", self.urgency_edit)
        form.addRow("", self._problem_label("urgency_reason"))
        form.addRow("Forward Plan notice:", self.notice_date)
        form.addRow("", self._problem_label("notice"))
        form.addRow("Report author:", self.author_edit)
        form.addRow("Relevant director:", self.director_edit)
        form.addRow("Taken and published:", self.dates_label)
        page = QWidget()
        page.setLayout(form)
        self.key_check.toggled.connect(self._key_toggled)
        return page

    def _parts_tab(self) -> QWidget:
        self.parts_table = QTableWidget(0, len(PART_COLUMNS))
        self.parts_table.setAccessibleName("Decision parts")
        self.parts_table.setHorizontalHeaderLabels(PART_COLUMNS)
        self.parts_table.horizontalHeader().setStretchLastSection(True)
        self.parts_table.setColumnWidth(0, 30)
        self.parts_table.setColumnWidth(1, 120)
        self.parts_table.setColumnWidth(2, 420)
        self.parts_table.setColumnWidth(3, 260)
        self.parts_table.setColumnWidth(4, 260)
        self.parts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.parts_table.verticalHeader().hide()
        self.parts_table.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_part_button = QPushButton("Add part")
        self.add_delegation_button = QPushButton("Add delegation")
        self.remove_part_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        for b in (self.add_part_button, self.add_delegation_button, self.remove_part_button,
                  self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.add_part_button.clicked.connect(lambda: self.add_part("APPROVE", ""))
        self.add_delegation_button.clicked.connect(self._add_delegation)
        self.remove_part_button.clicked.connect(self.remove_part)
        self.up_button.clicked.connect(lambda: self.move_part(-1))
        self.down_button.clicked.connect(lambda: self.move_part(1))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Lettered parts a), b), c) … in order; each starts with an"
                                " upper-case verb. A DELEGATE part names the post."))
        layout.addWidget(self.parts_table, 1)
        layout.addWidget(self._problem_label("parts"))
        layout.addLayout(buttons)
        return page

    def _text_tab(self) -> QWidget:
        self.text_edits: dict[str, QPlainTextEdit] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for field in DECISION_TEXT_FIELDS:
            edit = QPlainTextEdit()
            edit.setAccessibleName(TEXT_FIELD_LABELS[field])
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            if field == "interests_declared":
                edit.setPlaceholderText("N/A if none")
            self.text_edits[field] = edit
            form.addRow(TEXT_FIELD_LABELS[field] + ":", edit)
            form.addRow(self._problem_label(field))
        scroll = QScrollArea()
        scroll.setAccessibleName("Implications")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _assessment_tab(self) -> QWidget:
        self.assessment_widgets: dict[str, dict[str, QWidget]] = {}
        self.assessment_files: dict[str, AssessmentFilesPanel] = {}
        page = QWidget()
        layout = QVBoxLayout(page)
        for key, title in (("eqia", "Equality Impact Assessment (EqIA)"),
                           ("dpia", "Data Protection Impact Assessment (DPIA)")):
            status = QComboBox()
            status.setAccessibleName(f"{key.upper()} status")
            status.addItem("Not recorded", None)
            for s in ASSESSMENT_STATUSES:
                status.addItem(_words(s), s)
            name = QLineEdit()
            name.setAccessibleName(f"{key.upper()} title")
            by = QLineEdit()
            by.setAccessibleName(f"{key.upper()} signed off by")
            on = DateField(f"{key.upper()} signed off on", optional=True)
            form = QFormLayout()
            form.addRow(QLabel(f"<b>{title}</b>"))
            form.addRow("Status:", status)
            form.addRow("Title:", name)
            form.addRow("Signed off by:", by)
            form.addRow("Signed off on:", on)
            layout.addLayout(form)
            files = AssessmentFilesPanel(self.desk, key)
            files.changed.connect(self._files_changed)
            layout.addWidget(files)
            layout.addSpacing(12)
            self.assessment_files[key] = files
            self.assessment_widgets[key] = {"status": status, "title": name, "by": by,
                                            "on": on}
        layout.addWidget(self._problem_label("assessments"))
        layout.addWidget(self._problem_label("equalities_implications_dup"))
        layout.addStretch(1)
        return page

    def _committee_tab(self) -> QWidget:
        self.considerations = QTableWidget(0, 4)
        self.considerations.setAccessibleName("Committee considerations")
        self.considerations.setHorizontalHeaderLabels(
            ["Committee", "Date", "Outcome", "Recommendations"])
        self.considerations.horizontalHeader().setStretchLastSection(True)
        self.considerations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.considerations.verticalHeader().hide()
        self.considerations.setColumnWidth(0, 320)
        self.outcome_committee = QComboBox()
        self.outcome_committee.setAccessibleName("Committee")
        self.outcome_date = DateField("Meeting date")
        self.outcome_combo = QComboBox()
        self.outcome_combo.setAccessibleName("Outcome")
        self.outcome_combo.addItem("(to be considered)", None)
        for o in OUTCOMES:
            self.outcome_combo.addItem(_words(o), o)
        self.recommendations_edit = QPlainTextEdit()
        self.recommendations_edit.setAccessibleName("Committee recommendations")
        self.recommendations_edit.setMaximumHeight(80)
        self.record_outcome_button = QPushButton("Record")
        self.record_outcome_button.setToolTip("Send to this committee, or record its outcome")
        self.record_outcome_button.clicked.connect(self.record_consideration)
        self.considerations.currentCellChanged.connect(self._pick_consideration)
        self.outcome_committee.textActivated.connect(self._committee_chosen)
        form = QFormLayout()
        form.addRow("Committee:", self.outcome_committee)
        form.addRow("Date:", self.outcome_date)
        form.addRow("Outcome:", self.outcome_combo)
        form.addRow("Recommendations:", self.recommendations_edit)
        row = QHBoxLayout()
        row.addWidget(self.record_outcome_button)
        row.addStretch(1)
        form.addRow("", row)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.considerations, 1)
        layout.addLayout(form)
        self.pathway_panel = PathwayPanel()
        layout.addWidget(self.pathway_panel)
        self.expected_panel = ExpectedPanel()
        layout.addWidget(self.expected_panel)
        return page

    def _history_tab(self) -> QWidget:
        self.history = QTableWidget(0, 4)
        self.history.setAccessibleName("History")
        self.history.setHorizontalHeaderLabels(["When (UK time)", "Who", "Action", "What changed"])
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.setColumnWidth(0, self.history.fontMetrics().horizontalAdvance(
            "30 Sep 2026 23:59:59 BST") + 16)  # one line: the council's time and zone
        self.history.setColumnWidth(2, 130)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.history)
        return page

    # --- colours -----------------------------------------------------------------------

    def _paint_badge(self) -> None:
        if self.decision is None:
            return
        fill, text = badge_colours(STATUS_TONES[self.decision.status], self.palette())
        self.status_badge.setStyleSheet(
            f"QLabel {{ background: {fill.name()}; color: {text.name()}; border-radius: 4px;"
            " padding: 3px 10px; font-weight: bold; }")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """Status and problem colours follow the palette (light, dark, high contrast)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            refresh_tones(self)
            self._paint_badge()

    # --- loading -----------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self.desk.today()

    def open(self, number: str, ask: bool = True) -> bool:
        """Show decision ``number``. Unsaved edits on screen are not dropped silently: the
        clerk is asked to save, discard or stay (False: stayed, or not found)."""
        if ask and not self.may_leave():
            return False
        # Not in the register (any more), or not a number: said on the banner.
        decision = run(lambda: decisions.decision(self.desk, number), self._said)
        if decision is None:
            return False
        if self.decision is None or decision.number != self.decision.number:
            self.undo_stack.clear()  # undo acts on the decision on screen only
            self.banner.hide()
            self.reload_button.hide()
        self._show(decision)
        return True

    def unsaved(self) -> dict[str, object]:
        """The edits on screen not yet saved (none for a frozen or withdrawn record)."""
        d = self.decision
        if d is None or d.is_taken or d.status == "withdrawn":
            return {}
        return self.changes()

    def ask_unsaved(self, number: str, fields: list[str]) -> str:
        """"save", "discard" or "cancel": what to do with unsaved edits."""
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                          f"Save the changes to {number}?", parent=self)
        box.setInformativeText("Changed: " + ", ".join(fields) + ".")
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(
                    QMessageBox.StandardButton(answer), "cancel")

    def may_leave(self) -> bool:
        """True when the decision on screen may be left: no unsaved edits, or the clerk
        saved (successfully) or discarded them."""
        edits = self.unsaved()
        if not edits or self.decision is None:
            return True
        answer = self.ask_unsaved(self.decision.number,
                                  [k.replace("_", " ") for k in edits])
        if answer == "save":
            return self.save()
        return answer == "discard"

    def reload(self) -> None:
        if self.decision is not None:
            self.open(self.decision.number, ask=False)
            self.banner.hide()
            self.reload_button.hide()

    def _show(self, d: Decision) -> None:
        self._loading = True
        self.decision = d
        self._known_version = d.version
        self._post_titles = decisions.delegation_posts(self.desk)
        self.setEnabled(True)
        self.heading.setText(f"{d.number} — {d.title}")
        self.status_badge.setText(STATUS_LABELS[d.status])
        self._paint_badge()
        self.number_label.setText(d.number + (f"   (amends {d.amends})" if d.amends else ""))
        self.title_edit.setText(d.title)
        self.maker_edit.setText(d.decision_maker or "")
        self.key_check.setChecked(bool(d.key_decision))
        self.expenditure_check.setChecked("expenditure" in d.key_decision_criteria)
        self.divisions_check.setChecked("divisions" in d.key_decision_criteria)
        self._key_toggled(bool(d.key_decision))
        self.exempt_combo.setCurrentIndex(max(self.exempt_combo.findData(d.exempt_paragraph), 0))
        self.route_combo.setCurrentIndex(max(self.route_combo.findData(d.route), 0))
        self.urgency_edit.setText(d.urgency_reason or "")
        self.notice_date.set_value(d.notice_published_on)
        self.author_edit.setText(d.report_author or "")
        self.director_edit.setText(d.relevant_director or "")
        bits = []
        if d.taken_on:
            bits.append(f"Taken {d.taken_on.day} {d.taken_on:%B %Y}"
                        f" by {d.signed_by or d.decision_maker or '—'}")
        if d.published_on:
            bits.append(f"published {d.published_on.day} {d.published_on:%B %Y}")
        self.dates_label.setText("; ".join(bits) or "Not yet taken")
        self.parts_table.setRowCount(0)
        for p in d.parts:
            self.add_part(p.verb, p.text, p.delegation)
        self.parts_table.resizeRowsToContents()
        for field, edit in self.text_edits.items():
            edit.setPlainText(getattr(d, field) or "")
        for key in ("eqia", "dpia"):
            a: Assessment | None = getattr(d, key)
            w = self.assessment_widgets[key]
            w["status"].setCurrentIndex(max(w["status"].findData(a.status if a else None), 0))
            w["title"].setText(a.title or "" if a else "")
            w["by"].setText(a.signed_off_by or "" if a else "")
            w["on"].set_value(a.signed_off_on if a else None)
        self._show_considerations(d)
        self.pathway_panel.show_decision(d)
        self.expected_panel.show_decision(d)
        self._show_history(d)
        self.record_files.set_decision(d.number)
        for files in self.assessment_files.values():
            files.set_decision(d.number)
        frozen = d.is_taken or d.status == "withdrawn"
        for w in (self.title_edit, self.maker_edit, self.urgency_edit, self.author_edit,
                  self.director_edit, *self.text_edits.values()):
            w.setReadOnly(frozen)
        for w in (self.key_check, self.expenditure_check, self.divisions_check,
                  self.exempt_combo, self.route_combo, self.notice_date, self.parts_table,
                  self.add_part_button, self.add_delegation_button, self.remove_part_button,
                  self.up_button, self.down_button, self.save_button, self.revert_button,
                  *(x for group in self.assessment_widgets.values() for x in group.values())):
            w.setEnabled(not frozen)
        if frozen:
            self.undo_stack.clear()  # saved edits of a frozen record cannot be undone
            why = ("The record is taken: its text is frozen. Use Correct… to start a decision"
                   " that amends it." if d.is_taken else "The decision was withdrawn.")
            self.save_button.setToolTip(why)
        else:
            self.save_button.setToolTip("Save the changes (Ctrl+S)")
        self.correct_button.setVisible(d.is_taken)
        self._update_actions(d)
        self._show_problems(listings.decision_problems(self.desk, d.number))
        self._loading = False
        self._mark_modified(False)

    def _show_considerations(self, d: Decision) -> None:
        self.considerations.setRowCount(0)
        for c in d.committee_considerations:
            r = self.considerations.rowCount()
            self.considerations.insertRow(r)
            values = [c.committee, f"{c.date.day} {c.date:%B %Y}",
                      _words(c.outcome) if c.outcome else "(to be considered)",
                      c.recommendations or ""]
            for col, v in enumerate(values):
                self.considerations.setItem(r, col, QTableWidgetItem(v))
        for col in (1, 2):  # a date and an outcome read on one line
            self.considerations.resizeColumnToContents(col)
        self.considerations.resizeRowsToContents()
        committees = meetings.committee_names(self.desk)
        self.outcome_committee.clear()
        self.outcome_committee.addItems(committees)
        if d.committee_considerations:
            last = d.committee_considerations[-1]
            self.outcome_committee.setCurrentText(last.committee)
            self.outcome_date.setDate(QDate(last.date.year, last.date.month, last.date.day))
        else:
            self._committee_chosen()

    def _committee_chosen(self, *_args) -> None:
        """The date offered is the chosen committee's next meeting (today if it has none
        to come): the day the decision would go on its agenda."""
        day = meetings.next_meeting_date(self.desk, self.outcome_committee.currentText(),
                                         self.today) or self.today
        self.outcome_date.setDate(QDate(day.year, day.month, day.day))


    def _pick_consideration(self, row: int, *_: int) -> None:
        if self.decision is None or not 0 <= row < len(self.decision.committee_considerations):
            return
        c = self.decision.committee_considerations[row]
        self.outcome_committee.setCurrentText(c.committee)
        self.outcome_date.setDate(QDate(c.date.year, c.date.month, c.date.day))
        self.outcome_combo.setCurrentIndex(max(self.outcome_combo.findData(c.outcome), 0))
        self.recommendations_edit.setPlainText(c.recommendations or "")

    def _show_history(self, d: Decision) -> None:
        """The decision's edits and lifecycle, with its signatures, scans and assessment
        documents among them, newest first."""
        rows = decisions.audit_trail(self.desk, HISTORY_ENTITIES, d.number)
        self.history.setRowCount(0)
        for row in reversed(rows):
            r = self.history.rowCount()
            self.history.insertRow(r)
            for col, v in enumerate([audit.local_time(row.at), row.os_user,
                                     HISTORY_ACTIONS.get(row.action,
                                                         row.action.replace("_", " ")),
                                     _history_what(row)]):
                self.history.setItem(r, col, QTableWidgetItem(v))

    def _files_changed(self, changes: Changes) -> None:
        """A record was signed (perhaps taking the decision), a scan or an assessment
        document attached: show the decision as it now is and tell the window."""
        self._refresh(changes)
        self.changed.emit(changes)

    def on_changes(self, changes: Changes, remote: bool = False) -> None:
        """A change made elsewhere (another screen, the window's Refresh; ``remote``:
        another officer, on a shared register)."""
        self._refresh(changes, remote)

    def _refresh(self, changes: Changes, remote: bool = False) -> None:
        """The decision on screen again if ``changes`` touch it: all of it, unless the
        clerk has edits not yet saved, which stay on screen (saving them then says who
        changed what meanwhile); its kept files and history either way. Another officer's
        change to the record under unsaved edits is said on the banner, with Reload."""
        d = self.decision
        if d is None:
            return
        record = changes.everything or d.number in changes.decisions
        files = record or d.number in changes.documents
        if not files:
            return
        if self.unsaved():
            self.record_files.set_decision(d.number)
            for panel in self.assessment_files.values():
                panel.set_decision(d.number)
            self._show_history(d)
            if record:
                self._changed_under_edits(remote)
        else:
            self.open(d.number, ask=False)

    def _changed_under_edits(self, remote: bool) -> None:
        """The record on screen has unsaved edits and may have changed in the register:
        if another officer changed it (a version this screen has not heard of), say so,
        offering Reload (their version; these edits dropped). The window's own changes
        coming back from the shared register are not news."""
        d = self.decision
        assert d is not None
        stored = run(lambda: decisions.decision(self.desk, d.number), lambda *_: None)
        if stored is None or stored.version in (d.version, self._known_version):
            return
        self._known_version = stored.version
        if remote:
            self.show_message(
                f"{d.number} was changed by another officer since you opened it: Reload to"
                " see their changes (your edits not yet saved here are then dropped), or"
                " Save to be told what they changed.", "warning", offer_reload=True)

    def close_decision(self) -> None:
        """No decision on screen (another register opened): the form emptied."""
        self.undo_stack.clear()
        self.decision = None
        self._known_version = None
        self.banner.hide()
        self.reload_button.hide()
        self.heading.setText("No decision open")
        self.status_badge.clear()
        self.status_badge.setStyleSheet("")
        for w in (self.number_label, self.dates_label):
            w.clear()
        for w in (self.title_edit, self.maker_edit, self.urgency_edit, self.author_edit,
                  self.director_edit, self.recommendations_edit, *self.text_edits.values()):
            w.clear()
        for table in (self.parts_table, self.considerations, self.history):
            table.setRowCount(0)
        for label in self.problem_labels.values():
            label.clear()
            label.hide()
        self.record_files.set_decision(None)
        for panel in self.assessment_files.values():
            panel.set_decision(None)
        self._post_titles = None
        self.action_reasons.clear()
        self._mark_modified(False)
        self.setEnabled(False)

    def _update_actions(self, d: Decision) -> None:
        refusals = action_refusals(d, self.today)
        if refusals["take"] is None:  # and not while check reports an error in it as taken
            breaches = decisions.check_breaches(self.desk, take(d, self.today))
            refusals["take"] = "\n".join(f"• {b}" for b in breaches) or None
        blocking = {a: r.split("\n") for a, r in refusals.items()
                    if r and not r.startswith("• the decision is ")}
        self.action_reasons.setText("\n".join(
            f"{ACTION_LABELS[a]}: {why[0].lstrip('• ')}"
            + (f" (and {len(why) - 1} more)" if len(why) > 1 else "")
            for a, why in blocking.items()))
        self.action_reasons.setToolTip("\n\n".join(
            f"{ACTION_LABELS[a]}:\n" + "\n".join(why) for a, why in blocking.items()))
        set_tone(self.action_reasons, "attention" if blocking else None)
        for action, button in self.action_buttons.items():
            reason = refusals[action]
            button.setEnabled(reason is None)
            day = f"{self.today.day} {self.today:%B %Y}"
            tip = f"{ACTION_LABELS[action]} ({day})" if reason is None else reason
            if action == "take":
                tip += ". To sign the record with a certificate, use Signed records ▸ Sign…"
            button.setToolTip(tip)
        self.record_outcome_button.setEnabled(not (d.is_taken or d.status == "withdrawn"))

    def _show_problems(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[Problem]] = {}
        for p in problems:
            by_field.setdefault(PROBLEM_FIELDS.get(p.code, ""), []).append(p)
        for key, label in self.problem_labels.items():
            found = by_field.get(key, [])
            if not found:
                label.hide()
                label.clear()
                continue
            worst = min(found, key=lambda p: ("error", "warning", "info").index(p.severity))
            label.setText("\n".join(f"{p.severity.capitalize()}: {p.message}" for p in found))
            set_tone(label, SEVERITY_TONES[worst.severity])
            label.show()

    # --- editing -----------------------------------------------------------------------

    def _key_toggled(self, on: bool) -> None:
        for w in (self.expenditure_check, self.divisions_check):
            w.setEnabled(on and not (self.decision and self.decision.is_taken))

    def add_part(self, verb: str, text: str, delegation: Delegation | None = None) -> int:
        building, self._building = self._building, True  # no row read while half made
        try:
            return self._add_part(verb, text, delegation)
        finally:
            self._building = building
            self._edited()

    def _add_part(self, verb: str, text: str, delegation: Delegation | None) -> int:
        r = self.parts_table.rowCount()
        self.parts_table.insertRow(r)
        verb_combo = QComboBox()
        verb_combo.setEditable(True)
        verb_combo.setAccessibleName(f"Verb of part {r + 1}")
        verb_combo.addItems(COMMON_VERBS)
        verb_combo.setCurrentText(verb)
        self.parts_table.setCellWidget(r, 1, verb_combo)
        self.parts_table.setItem(r, 2, QTableWidgetItem(text))
        post_combo = QComboBox()
        post_combo.setEditable(True)
        post_combo.setAccessibleName(f"Post delegated to in part {r + 1}")
        post_combo.addItem("")
        if self._post_titles is None:
            self._post_titles = decisions.delegation_posts(self.desk)
        post_combo.addItems(self._post_titles)
        post_combo.setCurrentText(delegation.post if delegation else "")
        post_combo.lineEdit().setCursorPosition(0)  # a long post shows its start, not its end
        post_combo.setToolTip(post_combo.currentText())
        post_combo.textActivated.connect(
            lambda post, combo=post_combo: self._post_chosen(combo, post))
        self.parts_table.setCellWidget(r, 3, post_combo)
        for combo in (verb_combo, post_combo):
            combo.currentTextChanged.connect(self._edited)
        self.parts_table.setItem(r, 4, QTableWidgetItem(delegation.scope or "" if delegation
                                                        else ""))
        self.parts_table.setItem(r, 5, QTableWidgetItem(
            delegation.conditions or "" if delegation else ""))
        self._reletter()
        return r

    def _post_chosen(self, combo: QComboBox, post: str) -> None:
        """A post chosen for a delegation fills the stock text's gap: "authority to the …
        to take relevant actions" becomes "authority to the Corporate Director ...". """
        combo.setToolTip(post)
        for r in range(self.parts_table.rowCount()):
            if self.parts_table.cellWidget(r, 3) is combo:
                item = self.parts_table.item(r, 2)
                if post and item is not None and "…" in item.text():
                    item.setText(item.text().replace("…", post, 1))
                return

    def _add_delegation(self) -> None:
        self.add_part("DELEGATE", "authority to the … to take relevant actions, including but"
                      " not limited to entering into and finalising the terms of relevant"
                      " contracts or other legal agreements, as necessary to implement the"
                      " decision")

    def _reletter(self) -> None:
        for r in range(self.parts_table.rowCount()):
            item = QTableWidgetItem(Decision.part_letter(r) + ")")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.parts_table.setItem(r, 0, item)

    def remove_part(self) -> None:
        r = self.parts_table.currentRow()
        if r >= 0:
            self.parts_table.removeRow(r)
            self._reletter()

    def _row_values(self, r: int) -> tuple[str, str, str, str, str]:
        verb = self.parts_table.cellWidget(r, 1).currentText().strip()
        post = self.parts_table.cellWidget(r, 3).currentText().strip()
        cell = lambda c: (self.parts_table.item(r, c).text() if self.parts_table.item(r, c)  # noqa: E731
                          else "").strip()
        return verb, cell(2), post, cell(4), cell(5)

    def move_part(self, step: int) -> None:
        r = self.parts_table.currentRow()
        target = r + step
        if r < 0 or not 0 <= target < self.parts_table.rowCount():
            return
        parts = self.parts_from_table()
        parts[r], parts[target] = parts[target], parts[r]
        self.parts_table.setRowCount(0)
        for p in parts:
            self.add_part(p.verb, p.text, p.delegation)
        self.parts_table.setCurrentCell(target, 2)

    def parts_from_table(self) -> list[DecisionPart]:
        parts = []
        for r in range(self.parts_table.rowCount()):
            verb, text, post, scope, conditions = self._row_values(r)
            deleg = Delegation(post, scope or None, conditions or None) if post else None
            parts.append(DecisionPart(verb.upper(), text, deleg))
        return parts

    def changes(self) -> dict[str, object]:
        """What the clerk changed on screen, as the store's field names."""
        d = self.decision
        assert d is not None
        criteria = [c for c, box in (("expenditure", self.expenditure_check),
                                     ("divisions", self.divisions_check))
                    if box.isChecked() and self.key_check.isChecked()]
        values: dict[str, object] = {
            "title": self.title_edit.text().strip(),
            "decision_maker": self.maker_edit.text().strip() or None,
            "key_decision": self.key_check.isChecked() if (
                d.key_decision is not None or self.key_check.isChecked()) else None,
            "key_decision_criteria": criteria,
            "exempt_paragraph": self.exempt_combo.currentData(),
            # "Committee (normal)" stands for both an unset route and "committee".
            "route": self.route_combo.currentData() or (
                d.route if d.route == ROUTES[0] else None),
            "urgency_reason": self.urgency_edit.text().strip() or None,
            "notice_published_on": self.notice_date.value(),
            "report_author": self.author_edit.text().strip() or None,
            "relevant_director": self.director_edit.text().strip() or None,
            "parts": self.parts_from_table(),
        }
        for field, edit in self.text_edits.items():
            values[field] = edit.toPlainText().strip() or None
        values.update(self.pathway_panel.values())
        values.update(self.expected_panel.values())
        for key in ("eqia", "dpia"):
            w = self.assessment_widgets[key]
            status = w["status"].currentData()
            values[key] = None if status is None else Assessment(
                status, w["title"].text().strip() or None, w["by"].text().strip() or None,
                w["on"].value())
        return {k: v for k, v in values.items() if getattr(d, k) != v}

    def validation_errors(self) -> list[str]:
        """Why the record on screen could not be saved, before trying: the rules every
        edit is held to (``decisions.edit_breaches``), in the words saving would refuse
        with (the same the command line gives)."""
        d = self.decision
        if d is None:
            return []
        candidate = copy.deepcopy(d)
        candidate.title = self.title_edit.text().strip()
        candidate.parts = self.parts_from_table()
        breaches = decisions.edit_breaches(candidate)
        breaches += [RuleBreach(field.line.accessibleName(), field.problem() or "",
                                "type the date again, or choose it from the calendar")
                     for field in self.date_fields() if field.problem()]
        errors = [str(RuleViolation("save", d.number, breaches))] if breaches else []
        return errors + self.pathway_panel.errors() + self.expected_panel.errors()

    def date_fields(self) -> list[DateField]:
        """The record's date fields (saved with it)."""
        return [self.notice_date, *(w["on"] for w in self.assessment_widgets.values())]

    def save(self) -> bool:
        if self.decision is None or self.decision.is_taken:
            return False
        errors = self.validation_errors()
        if errors:
            self.show_message(" ".join(errors), "error")
            return False
        changes = self.changes()
        if not changes:
            self.show_message("Nothing to save.", "info")
            return True
        before = {k: getattr(self.decision, k) for k in changes}

        def saved(done: Done) -> None:
            self._show(done.value)
            self.undo_stack.push(SavedEdit(self, done.value.number, before, changes))

        return run(lambda: decisions.update_decision(
            self.desk, self.decision.number, changes, expected_version=self.decision.version),
            self._said, changed=self.changed.emit, on_done=saved) is not None

    def run_action(self, action: str, **kwargs) -> bool:
        if self.decision is None:
            return False
        if self.changes() and not self.save():
            return False
        if action in IRREVERSIBLE and not self.confirm(action):
            self.show_message(f"{ACTION_LABELS[action]}: cancelled; nothing changed.", "info")
            return False
        args: dict[str, object] = dict(kwargs)
        if action in ("publish_notice", "publish", "call_in"):
            args.setdefault("on", self.today)
        if action == "take":  # on paper, by the holder of the decision maker's post
            args.setdefault("on", self.today)
            person = records.decision_maker_signer(self.desk, self.decision).person
            if person:
                args.setdefault("signed_by", person)
        if action == "make_effective":
            args.setdefault("today", self.today)
        return self._transition(action, **args)

    def _transition(self, action: str, **kwargs) -> bool:
        assert self.decision is not None
        number, version = self.decision.number, self.decision.version
        return self._run(lambda: decisions.transition(self.desk, number, action,
                                                      expected_version=version, **kwargs))

    def _run(self, action, on_done=None) -> bool:
        """Run a use case that changes the decision (:func:`ui.operations.run`): show the
        decision it made and say what it did on the banner (or why it was refused: a
        stale copy with Reload), and tell the window."""
        def show(done: Done) -> None:
            self._show(done.value)
            if on_done is not None:
                on_done(done)
        return run(action, self._said, changed=self.changed.emit, on_done=show) is not None

    def _said(self, text: str, refusal: UserError | None) -> None:
        """Where a use case's outcome is shown: the banner (a stale copy offers Reload)."""
        self.show_message(text, "info" if refusal is None else "error",
                          offer_reload=isinstance(refusal, StaleEdit))

    def record_consideration(self) -> bool:
        if self.decision is None:
            return False
        on = self.outcome_date.value()
        if on is None or self.outcome_date.problem():
            why = self.outcome_date.problem() or "no meeting date is given"
            self.show_message(f"Not recorded: {why}.", "error")
            return False
        committee = self.outcome_committee.currentText()
        outcome = self.outcome_combo.currentData()
        recommendations = self.recommendations_edit.toPlainText().strip() or None
        if self.changes() and not self.save():
            return False
        if outcome is None:  # on the agenda of that day's meeting too, if there is one
            number, version = self.decision.number, self.decision.version
            return self._run(lambda: meetings.send_to_committee(
                self.desk, number, committee, on, expected_version=version))
        # Not before the meeting: the lifecycle refuses it (as it does from anywhere).
        return self._transition("record_outcome", committee=committee, on=on, outcome=outcome,
                                recommendations=recommendations)

    def start_correction(self) -> None:
        if self.decision is None or not self.decision.is_taken:
            return
        answer = QMessageBox.question(
            self, "Correct a taken decision",
            f"{self.decision.number} is taken and cannot change. Start a new decision that"
            " amends it, with its text copied?")
        if answer == QMessageBox.StandardButton.Yes:
            number = self.decision.number
            # Undo acts on the decision on screen only.
            self._run(lambda: decisions.correct(self.desk, number),
                      on_done=lambda _done: self.undo_stack.clear())

    def _step_edit(self, undo: bool) -> None:
        """Apply the saved edit's before (undo) or after (redo) values here, where a refusal
        (the record since taken, another officer's change) is a message on screen; then
        move the undo stack."""
        stack = self.undo_stack
        index = stack.index() - 1 if undo else stack.index()
        if not 0 <= index < stack.count():
            return
        command = stack.command(index)
        word = "undo" if undo else "redo"
        if run(lambda: command._apply(command.before if undo else command.after),
               self._said, refused=f"Cannot {word}: ", say_done=False) is None:
            return
        command.done = True
        if undo:
            stack.undo()
        else:
            stack.redo()
        self.show_message(f"{'Undid' if undo else 'Redid'} the {command.text()}.", "info")

    def undo(self) -> None:
        """Undo the last saved edit of the decision on screen, unless it has since been
        taken (a message says why)."""
        self._step_edit(undo=True)

    def redo(self) -> None:
        self._step_edit(undo=False)

    def show_message(self, text: str, severity: str = "info", offer_reload: bool = False) -> None:
        self.banner.setText(text)
        set_tone(self.banner, SEVERITY_TONES.get(severity))
        self.banner.show()
        self.reload_button.setVisible(offer_reload)
