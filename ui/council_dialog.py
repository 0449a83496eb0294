"""Council ▸ Set up your council…: the council's name and key decision threshold, its posts
and their holders (telephone, e-mail, and who held each before), its members (party group,
honours), its committees (kind, seats, the clerk and the Proper Officer their agendas name,
then Membership… for the seats' allocation, members, roles and standing items) and a
municipal year's meeting dates for a committee in one go.

Each button is one use case of ``governance.council`` (the ``council``, ``post``,
``member``, ``committee new`` and ``meeting schedule`` commands say the same), run through
:func:`ui.operations.run`: what it did, or why not in one sentence, is shown at the foot
of the dialog, and what it changed goes to the window (``changed``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from governance import council, meetings
from governance.desk import NOTHING, Changes, Desk, Done
from governance.errors import UserError
from governance.vocab import COMMITTEE_KINDS
from ui.committee_dialog import CommitteeDialog
from ui.operations import run
from ui.tones import set_tone

TABS = ("Council", "Posts", "Members", "Committees", "Meetings")


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(placeholderText=placeholder)
    edit.setAccessibleName(name)
    return edit


def _list(name: str) -> QListWidget:
    found = QListWidget()
    found.setAccessibleName(name)
    return found


class CouncilDialog(QDialog):
    """Setting the council up, a tab a kind of thing; ``changes`` holds what every step
    changed, ``messages`` what each said."""

    #: What a step changed (Changes), as it is made.
    changed = Signal(object)

    def __init__(self, desk: Desk, parent: QWidget | None = None, tab: str = "Council"):
        super().__init__(parent)
        self.desk = desk
        self.changes: Changes = NOTHING
        self.messages: list[str] = []
        self.setWindowTitle("Set up your council")
        self.resize(860, 620)
        self.tabs = QTabWidget()
        for name, build in zip(TABS, (self._council_tab, self._posts_tab, self._members_tab,
                                      self._committees_tab, self._meetings_tab), strict=True):
            self.tabs.addTab(build(), name)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload()
        self.show_tab(tab)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    # --- the tabs ------------------------------------------------------------------------

    def _council_tab(self) -> QWidget:
        self.council_name = _line("Council's name", "e.g. Kent County Council")
        self.threshold = _line("Key decision threshold in pounds", "e.g. 1000000")
        self.save_council_button = QPushButton("Save council")
        self.save_council_button.clicked.connect(self.save_council)
        page = QWidget()
        form = QFormLayout(page)
        form.addRow("Council's &name:", self.council_name)
        form.addRow("&Key decision threshold (£):", self.threshold)
        hint = QLabel("Every document is headed with the council's name; a decision of more"
                      " than the threshold is a key decision.")
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.save_council_button)
        return page

    def _posts_tab(self) -> QWidget:
        self.posts = _list("Posts")
        self.posts.currentItemChanged.connect(self._post_chosen)
        self.post_title = _line("Post title", "e.g. General Counsel")
        self.post_holder = _line("Holder", "e.g. Benjamin Watts")
        self.post_phone = _line("Telephone", "e.g. 03000 416814")
        self.post_email = _line("E-mail", "e.g. name@council.gov.uk")
        self.holder_from = _line("New holder from", "YYYY-MM-DD (blank: today)")
        self.post_history = QLabel()
        self.post_history.setAccessibleName("Who held the post")
        self.post_history.setWordWrap(True)
        self.add_post_button = QPushButton("Add post")
        self.add_post_button.clicked.connect(self.add_post)
        self.save_post_button = QPushButton("Save post")
        self.save_post_button.setToolTip("Change the chosen post's holder, telephone or"
                                         " e-mail (a new holder: the post keeps who held it)")
        self.save_post_button.clicked.connect(self.save_post)
        self.post_reason = self._reason("Why Save post is unavailable")
        return self._list_and_form(self.posts, [
            ("&Title:", self.post_title), ("&Holder:", self.post_holder),
            ("Tele&phone:", self.post_phone), ("&E-mail:", self.post_email),
            ("New holder &from:", self.holder_from)],
            [self.add_post_button, self.save_post_button, self.post_reason],
            self.post_history)

    def _members_tab(self) -> QWidget:
        self.members = _list("Members")
        self.members.currentItemChanged.connect(self._member_chosen)
        self.member_name = _line("Member's name", "as the papers print it, e.g. Mr A M Ridgers")
        self.member_party = _line("Party group", "e.g. Conservative")
        self.member_honours = _line("Honours", "e.g. MBE")
        self.add_member_button = QPushButton("Add member")
        self.add_member_button.clicked.connect(self.add_member)
        self.save_member_button = QPushButton("Save member")
        self.save_member_button.clicked.connect(self.save_member)
        self.member_reason = self._reason("Why Save member is unavailable")
        return self._list_and_form(self.members, [
            ("&Name:", self.member_name), ("&Party group:", self.member_party),
            ("H&onours:", self.member_honours)],
            [self.add_member_button, self.save_member_button, self.member_reason])

    def _committees_tab(self) -> QWidget:
        self.committees = _list("Committees")
        self.committees.currentItemChanged.connect(self._committee_chosen)
        self.committee_name = _line("Committee's name",
                                    "e.g. Adult Social Care Cabinet Committee")
        self.committee_kind = QComboBox()
        self.committee_kind.setAccessibleName("Kind of committee")
        for kind in COMMITTEE_KINDS:
            self.committee_kind.addItem(council.KIND_WORDS[kind], kind)
        self.committee_seats = QSpinBox()
        self.committee_seats.setAccessibleName("Seats")
        self.committee_seats.setRange(0, 200)
        self.committee_seats.setSpecialValueText("not set")
        self.committee_clerk = QComboBox()
        self.committee_clerk.setAccessibleName("Clerk (Ask for)")
        self.committee_officer = QComboBox()
        self.committee_officer.setAccessibleName("Proper Officer")
        self.new_committee_button = QPushButton("New committee")
        self.new_committee_button.clicked.connect(self.new_committee)
        self.save_officers_button = QPushButton("Save clerk and Proper Officer")
        self.save_officers_button.clicked.connect(self.save_officers)
        self.membership_button = QPushButton("Membership, seats and standing items…")
        self.membership_button.clicked.connect(self.prompt_membership)
        self.committee_reason = self._reason("Why these are unavailable")
        return self._list_and_form(self.committees, [
            ("&Name:", self.committee_name), ("&Kind:", self.committee_kind),
            ("&Seats:", self.committee_seats), ("&Clerk (Ask for):", self.committee_clerk),
            ("&Proper Officer:", self.committee_officer)],
            [self.new_committee_button, self.save_officers_button, self.membership_button,
             self.committee_reason])

    def _meetings_tab(self) -> QWidget:
        self.schedule_committee = QComboBox()
        self.schedule_committee.setAccessibleName("Committee to schedule")
        self.schedule_dates = QPlainTextEdit()
        self.schedule_dates.setAccessibleName("Meeting dates")
        self.schedule_dates.setPlaceholderText("One date a line (or separated by commas),"
                                               " YYYY-MM-DD:\n2027-05-20\n2027-07-15")
        self.schedule_time = _line("Time", "HH:MM, e.g. 10:00")
        self.schedule_venue = _line("Venue", "e.g. Council Chamber, Sessions House")
        self.schedule_button = QPushButton("Schedule meetings")
        self.schedule_button.clicked.connect(self.schedule)
        self.schedule_reason = QLabel()
        self.schedule_reason.setAccessibleName("Why scheduling is unavailable")
        page = QWidget()
        form = QFormLayout(page)
        form.addRow("&Committee:", self.schedule_committee)
        form.addRow("&Dates:", self.schedule_dates)
        form.addRow("&Time:", self.schedule_time)
        form.addRow("&Venue:", self.schedule_venue)
        hint = QLabel("Each meeting starts with the committee's standing items, clerk and"
                      " Proper Officer; one date that cannot be used schedules none.")
        hint.setWordWrap(True)
        form.addRow(hint)
        row = QHBoxLayout()
        row.addWidget(self.schedule_button)
        row.addWidget(self.schedule_reason, 1)
        form.addRow(row)
        return page

    @staticmethod
    def _reason(name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _list_and_form(found: QListWidget, rows: list[tuple[str, QWidget]],
                       buttons: list[QWidget], below: QWidget | None = None) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.addWidget(found, 1)
        right = QVBoxLayout()
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        right.addLayout(form)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b, 1 if isinstance(b, QLabel) else 0)
        right.addLayout(row)
        if below is not None:
            right.addWidget(below)
        right.addStretch(1)
        layout.addLayout(right, 1)
        return page

    # --- reading the register ----------------------------------------------------------------

    def reload(self) -> None:
        """Every tab from the register as it is now."""
        found = council.council(self.desk)
        self.council_name.setText(found.name if found else "")
        self.threshold.setText(str(found.key_decision_threshold_pounds) if found and
                               found.key_decision_threshold_pounds else "")
        posts = meetings.posts(self.desk)
        self._fill(self.posts, [(f"{p.title} — {p.holder or 'no holder'}", p.title)
                                for p in posts], self.post_title.text())
        members = sorted(self.desk.store.members(), key=lambda m: m.name)
        self._fill(self.members, [(f"{m.name} ({m.party or 'no party'})", m.name)
                                  for m in members], self.member_name.text())
        committees = self.desk.store.committees()
        self._fill(self.committees, [(f"{c.name} — {council.KIND_WORDS[c.kind]}", c.name)
                                     for c in committees], self.committee_name.text())
        holders = sorted({p.holder for p in posts if p.holder})
        for combo, choices in ((self.committee_clerk, holders),
                               (self.committee_officer, [p.title for p in posts])):
            kept = combo.currentData()
            combo.clear()
            combo.addItem("none", None)
            for choice in choices:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(max(combo.findData(kept), 0))
        kept = self.schedule_committee.currentData()
        self.schedule_committee.clear()
        for c in committees:
            self.schedule_committee.addItem(c.name, c.name)
        self.schedule_committee.setCurrentIndex(max(self.schedule_committee.findData(kept), 0))
        has = bool(committees)
        self.schedule_button.setEnabled(has)
        self.schedule_reason.setText("" if has else "No committee yet: make one on the"
                                     " Committees tab first.")
        for found, chosen in ((self.posts, self._post_chosen),
                              (self.members, self._member_chosen),
                              (self.committees, self._committee_chosen)):
            chosen(found.currentItem())  # what is chosen, as the register now has it

    def _available(self) -> None:
        """What needs a post, member or committee chosen is usable only with one, and
        says so beside it."""
        for buttons, found, reason, words in (
                ((self.save_post_button,), self.posts, self.post_reason,
                 "Choose a post on the left to change it."),
                ((self.save_member_button,), self.members, self.member_reason,
                 "Choose a member on the left to change them."),
                ((self.save_officers_button, self.membership_button), self.committees,
                 self.committee_reason, "Choose a committee on the left for these.")):
            chosen = found.currentItem() is not None
            for b in buttons:
                b.setEnabled(chosen)
            reason.setText("" if chosen else words)

    @staticmethod
    def _fill(found: QListWidget, rows: list[tuple[str, str]], keep: str) -> None:
        found.blockSignals(True)
        found.clear()
        for text, key in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            found.addItem(item)
            if key == keep:
                found.setCurrentItem(item)
        found.blockSignals(False)

    def _post_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self._available()
        if item is None:
            return
        title = item.data(Qt.ItemDataRole.UserRole)
        post = next(p for p in self.desk.store.posts() if p.title == title)
        self.post_title.setText(post.title)
        self.post_holder.setText(post.holder or "")
        self.post_phone.setText(post.phone or "")
        self.post_email.setText(post.email or "")
        self.holder_from.clear()
        history = council.post_history(self.desk, title)
        self.post_history.setText("Held by:\n" + "\n".join(str(h) for h in history)
                                  if history else "No holder recorded yet.")

    def _member_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self._available()
        if item is None:
            return
        member = next(m for m in self.desk.store.members()
                      if m.name == item.data(Qt.ItemDataRole.UserRole))
        self.member_name.setText(member.name)
        self.member_party.setText(member.party or "")
        self.member_honours.setText(member.honours or "")

    def _committee_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self._available()
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        found = next(c for c in self.desk.store.committees() if c.name == name)
        self.committee_name.setText(found.name)
        self.committee_kind.setCurrentIndex(self.committee_kind.findData(found.kind))
        self.committee_seats.setValue(found.seats or 0)
        officers = council.committee_officers(self.desk, name)
        for combo, value in ((self.committee_clerk, officers.clerk),
                             (self.committee_officer, officers.proper_officer)):
            combo.setCurrentIndex(max(combo.findData(value), 0))

    # --- the steps -------------------------------------------------------------------------

    def _do(self, action: Callable[[], Done], refused: str) -> Done | None:
        def said(text: str, refusal: UserError | None) -> None:
            self.message.setText(text)
            set_tone(self.message, "danger" if refusal is not None else None)

        done = run(action, said, refused=refused, changed=self._changed)
        if done is not None:
            self.messages.append(done.message)
            self.reload()
        return done

    def _changed(self, changes: Changes) -> None:
        self.changes = self.changes | changes
        self.changed.emit(changes)

    @staticmethod
    def _text(edit: QLineEdit) -> str:
        return edit.text().strip()

    def save_council(self) -> Done | None:
        text = self._text(self.threshold).replace(",", "").replace("£", "")
        threshold: Any = None
        if text:
            threshold = int(text) if text.isdigit() else text
        return self._do(lambda: council.set_council(self.desk, self._text(self.council_name),
                                                    threshold), "Not saved: ")

    def add_post(self) -> Done | None:
        return self._do(lambda: council.add_post(
            self.desk, self._text(self.post_title), self._text(self.post_holder),
            self._text(self.post_phone), self._text(self.post_email)), "No post added: ")

    def save_post(self) -> Done | None:
        def change() -> Done:
            text = self._text(self.holder_from)
            on = council.parse_dates(text, "the post was not changed")[0] if text else None
            return council.edit_post(self.desk, self._text(self.post_title),
                                     self._text(self.post_holder),
                                     self._text(self.post_phone),
                                     self._text(self.post_email), on=on)
        return self._do(change, "Not saved: ")

    def add_member(self) -> Done | None:
        return self._do(lambda: council.add_member(
            self.desk, self._text(self.member_name), self._text(self.member_party),
            self._text(self.member_honours)), "No member added: ")

    def save_member(self) -> Done | None:
        return self._do(lambda: council.edit_member(
            self.desk, self._text(self.member_name), self._text(self.member_party),
            self._text(self.member_honours)), "Not saved: ")

    def new_committee(self) -> Done | None:
        done = self._do(lambda: council.new_committee(
            self.desk, self._text(self.committee_name), self.committee_kind.currentData(),
            self.committee_seats.value() or None, self.committee_clerk.currentData(),
            self.committee_officer.currentData()), "No committee made: ")
        if done is not None:
            self._select(self.committees, done.value.name)
        return done

    def save_officers(self) -> Done | None:
        item = self.committees.currentItem()
        if item is None:
            return None
        return self._do(lambda: council.set_committee_officers(
            self.desk, item.data(Qt.ItemDataRole.UserRole),
            self.committee_clerk.currentData() or "",
            self.committee_officer.currentData() or ""), "Not saved: ")

    def membership_dialog(self) -> CommitteeDialog | None:
        item = self.committees.currentItem()
        if item is None:
            return None
        return CommitteeDialog(self.desk, item.data(Qt.ItemDataRole.UserRole), self)

    def prompt_membership(self) -> None:
        dialog = self.membership_dialog()
        if dialog is None:
            return
        dialog.exec()
        if dialog.messages:
            self.message.setText(dialog.messages[-1])
            self.messages.extend(dialog.messages)
        if dialog.changes:
            self._changed(dialog.changes)
        dialog.deleteLater()
        self.reload()

    def schedule(self) -> Done | None:
        committee = self.schedule_committee.currentData()
        if committee is None:
            return None
        return self._do(lambda: council.schedule_meetings(
            self.desk, committee, council.parse_dates(self.schedule_dates.toPlainText()),
            self._text(self.schedule_time), self._text(self.schedule_venue)),
            "No meeting scheduled: ")

    @staticmethod
    def _select(found: QListWidget, key: str) -> None:
        for i in range(found.count()):
            if found.item(i).data(Qt.ItemDataRole.UserRole) == key:
                found.setCurrentRow(i)
                return
