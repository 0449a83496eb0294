"""Committee membership: a committee's seats and their allocation to party groups, its
members and their roles, and its standing items, shown and changed as the ``committee``
command does, through the same ``governance.committees`` use cases. Each change is made
when it is asked for (its own audited transaction); one that does not add up is refused
with the reason and nothing changed. Below, the membership block as the front sheet of the next
agenda prints it, so the clerk sees each change land. Agendas already published keep the
membership they printed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from governance import committees, meetings
from governance.agenda import StandingItem
from governance.desk import NOTHING, Changes, Desk, Done
from governance.model import Committee, Member
from governance.vocab import ROLES
from ui.operations import run
from ui.tones import set_tone

log = logging.getLogger(__name__)

#: A role as the dialog shows it: the words the sentences use, with a capital.
ROLE_LABELS = {role: word[0].upper() + word[1:] for role, word in committees.ROLE_WORDS.items()}
assert tuple(ROLE_LABELS) == ROLES

Index = QModelIndex | QPersistentModelIndex


class MembersModel(QAbstractTableModel):
    """The committee's members in the order the papers print them: name, party, role."""

    HEADERS = ("Name", "Party", "Role")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, str]] = []  # name, party, role key

    def show(self, committee: Committee, known: Mapping[str, Member]) -> None:
        self.beginResetModel()
        self.rows = [(m.member, (known[m.member].party if m.member in known else None)
                      or "(no party recorded)", m.role) for m in committee.membership]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        name, party, key = self.rows[index.row()]
        return (name, party, ROLE_LABELS[key])[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class AddMemberDialog(QDialog):
    """Who joins the committee, and as what. A member the register knows keeps the party
    it records; someone new needs a party group to be added with."""

    def __init__(self, known: Mapping[str, Member], seated: set[str], parties: list[str],
                 committee: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.known = known
        self.setWindowTitle("Add a member")
        self.setMinimumWidth(480)
        self.member = QComboBox()
        self.member.setEditable(True)
        self.member.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for name in sorted(n for n in known if n not in seated):
            party = known[name].party
            self.member.addItem(f"{name} ({party})" if party else name, name)
        self.member.setCurrentIndex(-1)
        self.member.lineEdit().setPlaceholderText("as the papers print it, e.g. Mr A M Ridgers")
        self.party = QComboBox()
        self.party.setEditable(True)
        self.party.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.party.addItems(parties)
        self.party.setCurrentIndex(-1)
        self.party.lineEdit().setPlaceholderText("the party group, for someone not in the"
                                                 " register")
        self.role = QComboBox()
        for key, words in ROLE_LABELS.items():
            self.role.addItem(words, key)
        self.role.setCurrentIndex(self.role.findData("member"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        for text, field in (("&Member:", self.member), ("&Party group:", self.party),
                            ("&Role:", self.role)):
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(label, field)
        form.addRow(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        intro = QLabel(f"Seat a member on {committee}. A new Chairman or Vice-Chairman takes"
                       " the role from whoever holds it, who stays on as a member.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.member.currentTextChanged.connect(self._named)
        self._named("")

    def name(self) -> str:
        """The name typed or chosen (a choice shows the party after the name)."""
        index = self.member.findText(self.member.currentText())
        if index >= 0 and self.member.itemData(index):
            return self.member.itemData(index)
        return " ".join(self.member.currentText().split())

    def _named(self, _text: str) -> None:
        member = self.known.get(self.name())
        if member is not None and member.party:
            self.party.setCurrentText(member.party)
            self.party.setEnabled(False)
            self.note.setText(f"{member.name} is in the register as {member.party}.")
        else:
            if not self.party.isEnabled():  # the party shown was the one recorded
                self.party.setCurrentIndex(-1)
                self.party.setEnabled(True)
            if member is not None:
                self.note.setText(f"{member.name} is in the register with no party recorded:"
                                  " give one to record it.")
            else:
                self.note.setText("Someone not in the register is added to it with the party"
                                  " group given.")

    def answers(self) -> tuple[str, str | None, str]:
        """(member, party — only for someone new or with none recorded, role)."""
        member = self.known.get(self.name())
        party = None if member is not None and member.party else \
            (self.party.currentText().strip() or None)
        return self.name(), party, self.role.currentData()


class CommitteeDialog(QDialog):
    """One committee's make-up, changed one step at a time. ``messages`` holds what each
    change did, in order, and ``changes`` what they changed, for the screen that opened
    the dialog."""

    def __init__(self, desk: Desk, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.name = name
        self.messages: list[str] = []
        self.changes = NOTHING
        self.committee = committees.committee(desk, name)
        self.setWindowTitle(f"Committee membership — {name}")
        self.resize(980, 760)

        # Members and roles.
        self.members_model = MembersModel(self)
        self.members = QTableView()
        self.members.setModel(self.members_model)
        self.members.setAccessibleName("Members")
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setTabKeyNavigation(False)
        self.members.verticalHeader().setVisible(False)
        header = self.members.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.add_member_button = QPushButton("&Add member…")
        self.add_member_button.setToolTip("Seat a member on the committee (someone not in the"
                                          " register is added with their party group)")
        self.role = QComboBox()
        self.role.setAccessibleName("Role of the selected member")
        for key, words in ROLE_LABELS.items():
            self.role.addItem(words, key)
        role_label = QLabel("Ro&le:")
        role_label.setBuddy(self.role)
        self.change_role_button = QPushButton("C&hange role")
        self.change_role_button.setToolTip("Give the selected member the role chosen; a new"
                                           " Chairman or Vice-Chairman takes it from whoever"
                                           " holds it")
        self.remove_member_button = QPushButton("&Remove member…")
        self.remove_member_button.setToolTip("Take the selected member off the committee")
        members_label = QLabel("&Members (in the order the papers print them):")
        members_label.setBuddy(self.members)
        member_tools = QHBoxLayout()
        for w in (self.add_member_button, role_label, self.role, self.change_role_button,
                  self.remove_member_button):
            member_tools.addWidget(w)
        member_tools.addStretch(1)
        members_box = QGroupBox("Members and roles")
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(members_label)
        members_layout.addWidget(self.members, 1)
        members_layout.addLayout(member_tools)

        # Seats and their allocation.
        self.seats = QSpinBox()
        self.seats.setRange(0, 999)
        self.seats.setAccessibleName("Seats")
        seats_label = QLabel("&Seats:")
        seats_label.setBuddy(self.seats)
        self.allocation = QTableWidget(0, 2)
        self.allocation.setAccessibleName("Seats by party group")
        self.allocation.setHorizontalHeaderLabels(["Group", "Seats"])
        self.allocation.verticalHeader().setVisible(False)
        self.allocation.setTabKeyNavigation(False)
        self.allocation.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.allocation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        a_header = self.allocation.horizontalHeader()
        a_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        a_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        allocation_label = QLabel("Seats by party &group (none: not allocated):")
        allocation_label.setBuddy(self.allocation)
        allocation_label.setWordWrap(True)
        self.add_group_button = QPushButton("Add &party")
        self.add_group_button.setToolTip("A row for a party group: type its name and seats")
        self.remove_group_button = QPushButton("Remove part&y")
        self.remove_group_button.setToolTip("Take the selected party group's row away")
        self.allocated = QLabel()
        self.allocated.setAccessibleName("Seats allocated")
        self.allocated.setWordWrap(True)
        self.save_seats_button = QPushButton("Sa&ve seats")
        self.save_seats_button.setToolTip("Record the seats and their allocation (checked as a"
                                          " whole: the groups' seats must add up)")
        seats_row = QHBoxLayout()
        seats_row.addWidget(seats_label)
        seats_row.addWidget(self.seats)
        seats_row.addStretch(1)
        group_tools = QHBoxLayout()
        group_tools.addWidget(self.add_group_button)
        group_tools.addWidget(self.remove_group_button)
        group_tools.addStretch(1)
        seats_box = QGroupBox("Seats")
        seats_layout = QVBoxLayout(seats_box)
        seats_layout.addLayout(seats_row)
        seats_layout.addWidget(allocation_label)
        seats_layout.addWidget(self.allocation, 1)
        seats_layout.addLayout(group_tools)
        seats_layout.addWidget(self.allocated)
        seats_layout.addWidget(self.save_seats_button, 0, Qt.AlignmentFlag.AlignRight)

        make_up = QWidget()
        make_up_layout = QHBoxLayout(make_up)
        make_up_layout.addWidget(members_box, 3)
        make_up_layout.addWidget(seats_box, 2)

        # Standing items.
        standing = QWidget()
        self.standing_note = QLabel()
        self.standing_note.setWordWrap(True)
        grid = QGridLayout()
        self.opening, opening_box = self._standing_list("opening", "&Opening items")
        self.closing, closing_box = self._standing_list("closing", "Clos&ing items")
        grid.addWidget(opening_box, 0, 0)
        grid.addWidget(closing_box, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        standing_layout = QVBoxLayout(standing)
        standing_layout.addWidget(self.standing_note)
        standing_layout.addLayout(grid, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(make_up, "Mem&bers and seats")
        self.tabs.addTab(standing, "S&tanding items")
        self.tabs.setAccessibleName("Members and seats, or standing items")
        self.tabs.tabBar().setAccessibleName("Members and seats, or standing items")

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Membership as the front sheet prints it")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        preview_box = QGroupBox("Membership, as the next agenda's front sheet prints it")
        QVBoxLayout(preview_box).addWidget(self.preview)

        intro = QLabel("Each change is made as you make it and recorded in the audit trail;"
                       " a change that does not add up is refused and nothing is changed."
                       " Agendas already published keep the membership they printed.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(preview_box)
        layout.addWidget(buttons)

        self.members.selectionModel().selectionChanged.connect(self._member_chosen)
        self.role.currentIndexChanged.connect(self._update_buttons)
        self.add_member_button.clicked.connect(self.prompt_add_member)
        self.change_role_button.clicked.connect(self.change_role)
        self.remove_member_button.clicked.connect(self.prompt_remove_member)
        self.add_group_button.clicked.connect(self.add_group)
        self.remove_group_button.clicked.connect(self.remove_group)
        self.save_seats_button.clicked.connect(self.save_seats)
        self.seats.valueChanged.connect(self._seats_edited)
        self.allocation.itemChanged.connect(self._seats_edited)
        self.allocation.currentCellChanged.connect(self._update_buttons)

        self._show_members()
        self._show_seats()
        self._show_standing()

    # --- what is shown ---------------------------------------------------------------

    def _show_members(self, keep: str | None = None) -> None:
        self.members_model.show(self.committee, committees.members(self.desk))
        names = [row[0] for row in self.members_model.rows]
        if keep in names:
            self.members.selectRow(names.index(keep))
        self.preview.setText("\n".join(committees.membership_lines(self.desk, self.committee)))
        self._update_buttons()

    def _show_seats(self) -> None:
        c = self.committee
        self.seats.blockSignals(True)
        self.seats.setValue(c.seats or 0)
        self.seats.blockSignals(False)
        self.allocation.blockSignals(True)
        self.allocation.setRowCount(0)
        for party, n in (c.party_seats or {}).items():
            self._add_group_row(party, n)
        self.allocation.blockSignals(False)
        self._seats_edited()

    def _add_group_row(self, party: str, seats: int) -> int:
        row = self.allocation.rowCount()
        self.allocation.insertRow(row)
        self.allocation.setItem(row, 0, QTableWidgetItem(party))
        number = QTableWidgetItem()
        number.setData(Qt.ItemDataRole.EditRole, seats)
        self.allocation.setItem(row, 1, number)
        return row

    def allocation_shown(self) -> list[tuple[str, int]]:
        """The allocation as it stands in the table (saved or not)."""
        out = []
        for row in range(self.allocation.rowCount()):
            party, number = self.allocation.item(row, 0), self.allocation.item(row, 1)
            out.append((party.text().strip() if party else "",
                        int(number.data(Qt.ItemDataRole.EditRole) or 0) if number else 0))
        return out

    def seats_edited(self) -> bool:
        """Whether the seats or their allocation differ from what is recorded."""
        shown = self.allocation_shown()
        recorded = list((self.committee.party_seats or {}).items())
        return self.seats.value() != (self.committee.seats or 0) or shown != recorded

    def _seats_edited(self, *_args) -> None:
        shown = self.allocation_shown()
        if shown:
            total = sum(n for _party, n in shown)
            self.allocated.setText(f"The groups have {total} of the {self.seats.value()}"
                                   " seats" + ("." if total == self.seats.value()
                                               else ": they must add up to the seats."))
            set_tone(self.allocated, None if total == self.seats.value() else "attention")
        else:
            self.allocated.setText("The seats are not allocated to party groups.")
            set_tone(self.allocated, None)
        self._update_buttons()

    def _show_standing(self) -> None:
        template = meetings.standing_items(self.desk, self.name)
        self.standing = template
        for widget, items in ((self.opening, template.start), (self.closing, template.end)):
            widget.clear()
            widget.addItems([i.title for i in items])
        self.standing_note.setText(
            "New agendas of the committee open and close with these items; agendas already"
            " made keep theirs. {previous_meeting} becomes the date of the previous meeting."
            + ("" if template.recorded else " None are recorded for this committee, so these"
               " are the usual set; a change records them as its own."))

    def _update_buttons(self, *_args) -> None:
        member = self.selected_member()
        self.change_role_button.setEnabled(member is not None and self._role_of(member)
                                           != self.role.currentData())
        self.remove_member_button.setEnabled(member is not None)
        self.role.setEnabled(member is not None)
        self.remove_group_button.setEnabled(self.allocation.currentRow() >= 0)
        self.save_seats_button.setEnabled(self.seats_edited())

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        set_tone(self.message, "danger" if error else None)

    def _change(self, action: Callable[[], Done], keep: str | None = None) -> bool:
        """Make one change through ``governance.committees`` and show the sentence saying
        what it did, or the refusal (nothing changed)."""
        keep = keep or self.selected_member()

        def changed(changes: Changes) -> None:
            self.changes = self.changes | changes

        def done(made: Done) -> None:
            log.info("%s", made.message)
            if isinstance(made.value, Committee):
                self.committee = made.value
                self._show_members(keep)
            self.messages.append(made.message)

        return run(action, lambda text, refusal: self._say(text, error=refusal is not None),
                   changed=changed, on_done=done) is not None

    # --- members and roles -----------------------------------------------------------

    def selected_member(self) -> str | None:
        rows = self.members.selectionModel().selectedRows()
        return self.members_model.rows[rows[0].row()][0] if rows else None

    def _role_of(self, member: str) -> str | None:
        return next((m.role for m in self.committee.membership if m.member == member), None)

    def _member_chosen(self, *_args) -> None:
        member = self.selected_member()
        if member is not None:
            self.role.blockSignals(True)
            self.role.setCurrentIndex(self.role.findData(self._role_of(member)))
            self.role.blockSignals(False)
        self._update_buttons()

    def add_member(self, member: str, role: str = "member", party: str | None = None) -> bool:
        return self._change(lambda: committees.add_member(self.desk, self.name, member, role,
                                                          party=party),
                            keep=" ".join(member.split()))

    def prompt_add_member(self) -> None:
        known = committees.members(self.desk)
        parties = sorted({m.party for m in known.values() if m.party}
                         | set(self.committee.party_seats or {}))
        dialog = AddMemberDialog(known, {m.member for m in self.committee.membership},
                                 parties, self.name, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        member, party, role = dialog.answers()
        dialog.deleteLater()
        if accepted:
            self.add_member(member, role, party)

    def change_role(self) -> bool:
        member = self.selected_member()
        if member is None:
            self._say("Choose the member whose role changes first.", error=True)
            return False
        return self.add_member(member, self.role.currentData())

    def prompt_remove_member(self) -> None:
        member = self.selected_member()
        if member is None:
            self._say("Choose the member to remove first.", error=True)
            return
        reply = QMessageBox.question(
            self, "Remove member",
            f"Remove {member} ({ROLE_LABELS[self._role_of(member) or 'member']}) from"
            f" {self.name}? Agendas already published keep the membership they printed.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if reply == QMessageBox.StandardButton.Yes:
            self.remove_member(member)

    def remove_member(self, member: str) -> bool:
        return self._change(lambda: committees.remove_member(self.desk, self.name, member))

    # --- seats -------------------------------------------------------------------------

    def add_group(self) -> None:
        row = self._add_group_row("", 0)
        self.allocation.setCurrentCell(row, 0)
        self.allocation.editItem(self.allocation.item(row, 0))
        self._seats_edited()

    def remove_group(self) -> None:
        row = self.allocation.currentRow()
        if row >= 0:
            self.allocation.removeRow(row)
            self._seats_edited()

    def save_seats(self) -> bool:
        """Record the seats and the allocation shown (none: unallocated)."""
        shown = self.allocation_shown()
        named = [party for party, _n in shown]
        twice = next((p for p in named if p and named.count(p) > 1), None)
        if twice:
            self._say(f"the party groups name {twice} twice: give each group one row",
                      error=True)
            return False

        if not self._change(lambda: committees.set_seats(self.desk, self.name,
                                                         self.seats.value(),
                                                         dict(shown) if shown else None)):
            return False
        self._show_seats()
        return True

    # --- standing items ----------------------------------------------------------------

    def _standing_list(self, where: str, title: str) -> tuple[QListWidget, QGroupBox]:
        items = QListWidget()
        items.setWordWrap(True)
        items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        items.setAccessibleName(title.replace("&", ""))
        label = QLabel(f"{title}:")
        label.setBuddy(items)
        new = QLineEdit()
        new.setAccessibleName(f"New {where} item")
        new.setPlaceholderText(f"a new {where} item's title")
        add = QPushButton("Add")
        add.setAccessibleName(f"Add {where} item")
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove {where} item")
        up = QPushButton("Move up")
        up.setAccessibleName(f"Move {where} item up")
        down = QPushButton("Move down")
        down.setAccessibleName(f"Move {where} item down")
        box = QGroupBox()
        layout = QGridLayout(box)
        layout.addWidget(label, 0, 0, 1, 2)
        layout.addWidget(items, 1, 0, 4, 1)
        layout.addWidget(remove, 1, 1)
        layout.addWidget(up, 2, 1)
        layout.addWidget(down, 3, 1)
        layout.setRowStretch(4, 1)
        layout.addWidget(new, 5, 0)
        layout.addWidget(add, 5, 1)
        add.clicked.connect(lambda: self.add_standing(where, new.text()) and new.clear())
        new.returnPressed.connect(add.click)
        remove.clicked.connect(lambda: self.remove_standing(where, items.currentRow()))
        up.clicked.connect(lambda: self.move_standing(where, items.currentRow(), -1))
        down.clicked.connect(lambda: self.move_standing(where, items.currentRow(), 1))
        setattr(self, f"{where}_title", new)
        setattr(self, f"{where}_add", add)
        setattr(self, f"{where}_remove", remove)
        setattr(self, f"{where}_up", up)
        setattr(self, f"{where}_down", down)
        return items, box

    def _standing_of(self, where: str) -> list[StandingItem]:
        return list(self.standing.start if where == "opening" else self.standing.end)

    def _save_standing(self, where: str, items: list[StandingItem], select: int) -> bool:
        """Record the standing items with ``where``'s changed to ``items`` (each keeps its
        description: "To receive apologies for absence ...")."""
        start = items if where == "opening" else list(self.standing.start)
        end = items if where == "closing" else list(self.standing.end)

        if not self._change(lambda: committees.set_standing(self.desk, self.name, start, end)):
            return False
        self._show_standing()
        widget = self.opening if where == "opening" else self.closing
        widget.setCurrentRow(min(select, widget.count() - 1))
        return True

    def add_standing(self, where: str, title: str) -> bool:
        items = self._standing_of(where)
        return self._save_standing(where, [*items, StandingItem(title.strip())], len(items))

    def remove_standing(self, where: str, row: int) -> bool:
        items = self._standing_of(where)
        if not 0 <= row < len(items):
            self._say(f"Choose the {where} item to remove first.", error=True)
            return False
        del items[row]
        return self._save_standing(where, items, row)

    def move_standing(self, where: str, row: int, step: int) -> bool:
        items = self._standing_of(where)
        if not (0 <= row < len(items) and 0 <= row + step < len(items)):
            return False
        items[row], items[row + step] = items[row + step], items[row]
        return self._save_standing(where, items, row + step)

    # --- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Close; seats edited but not saved are asked about first."""
        if self.seats_edited() and QMessageBox.question(
                self, "Seats not saved", "The seats you changed are not saved. Close and"
                " leave them as they were?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        super().reject()
