"""The Meetings screen: each committee's meetings, and the agenda builder: the meeting's
details (clerk, Proper Officer, notices), items in order (drag to reorder, sub-items),
papers added by dropping PDF files on an item, removing an item or a paper, exempt
toggles, and publication against the deadline in view. Every change is a
``governance.meetings`` use case; the screen shows the sentence it returns, which the
``meeting`` command prints too, and ``changed`` carries its Changes to the window.

Opening a meeting reads it without its papers' bytes; where its items and papers fall in
the pack (which means opening every paper to count its pages) is worked out in the
background and filled into the agenda when it arrives. Attaching papers (each is read and
checked, every page) runs in the background too, with progress and Cancel."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from governance import council, documents, meetings, minutes
from governance.agenda import (
    MeetingDetails,
    clock_time,
    item_letters,
    letter_index,
    parse_item_ref,
)
from governance.desk import Changes, Desk, Done
from governance.documents import DocumentRequest, PackPlaces, agenda_shape
from governance.errors import UserError
from governance.model import AgendaItem, Paper
from ui.agenda_dialogs import OutcomeDialog, PaperTitleDialog
from ui.committee_dialog import CommitteeDialog
from ui.meeting_dialogs import NOTICE_WORDS, AddItemDialog, NewMeetingDialog, PublishDialog
from ui.minutes_panel import MinutesPanel
from ui.operations import (
    CollectionOp,
    Failure,
    Progress,
    QueryOp,
    as_of,
    run,
    sentence,
    show_failure,
)
from ui.tones import refresh_tones, set_tone

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # ("item", number) or ("paper", number, index)
PUBLISH_TIP = ("Publish the agenda: the day (today unless you say otherwise) and, after the"
               " deadline, the reason")
INTERNAL_MIME = "application/x-qabstractitemmodeldatalist"
COUNTING_TIP = "Counting the papers' pages…"

log = logging.getLogger(__name__)


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class AgendaTree(QTreeWidget):
    """Items as rows, papers under them. Dropping PDF files on an item attaches them;
    dragging an item between others moves it. The window acts on the two signals."""

    files_dropped = Signal(str, list)        # item number ("7", "9a"), file paths
    item_moved = Signal(int, int)            # from position, to position (top level, 0-based)

    def __init__(self):
        super().__init__()
        self.setAccessibleName("Agenda items")
        self.setHeaderLabels(["No.", "Item", "Exempt", "Pages / file"])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 60)
        self.setColumnWidth(2, 90)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() or event.mimeData().hasFormat(INTERNAL_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        event.acceptProposedAction()

    def _top_level_at(self, pos) -> QTreeWidgetItem | None:
        item = self.itemAt(pos)
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        target = self.itemAt(pos)
        mime = event.mimeData()
        if mime.hasUrls():
            paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            kind = target.data(0, KIND_ROLE) if target else None
            if kind and paths:
                self.files_dropped.emit(kind[1], paths)
                event.acceptProposedAction()
            else:
                event.ignore()
            return
        moving = self.currentItem()
        top = self._top_level_at(pos)
        if moving is None or moving.parent() is not None or top is None:
            event.ignore()
            return
        source = self.indexOfTopLevelItem(moving)
        dest = self.indexOfTopLevelItem(top)
        if dest != source:
            self.item_moved.emit(source, dest)
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()


class MeetingsView(QWidget):
    #: A document to show in the Documents screen.
    show_document = Signal(object)
    #: A meeting or committee was changed from this screen: the use case's Changes.
    changed = Signal(object)

    def __init__(self, desk: Desk, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self._desk = desk
        #: The register; with ``today`` given (or :attr:`today_override` set), as if it
        #: were that day.
        self.desk = as_of(desk, today)
        self.current: tuple[str, dt.date] | None = None
        self.items: list = []  # the open meeting's agenda items, as loaded
        self.details: MeetingDetails | None = None  # the open meeting, as loaded
        #: Where the open meeting's items and papers fall in the pack; None while they are
        #: being worked out (:attr:`places_job`) or when there is no meeting.
        self.places: PackPlaces | None = None
        #: The background work counting the open meeting's pages (None when none is).
        self.places_job: QueryOp | None = None
        #: The papers being attached in the background (None when none are).
        self.attach_job: CollectionOp | None = None
        self._loads = 0  # each load's number: places for an older one are discarded
        self._shown: dict[tuple, AgendaItem | Paper] = {}  # each row's item or paper

        self.meetings = QListWidget()
        self.meetings.setAccessibleName("Meetings")
        self.meetings.setWordWrap(True)
        self.meetings.setSpacing(2)
        self.meetings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.publication = QLabel()
        self.publication.setAccessibleName("Publication")
        self.publication.setWordWrap(True)
        self.late_reason = QLineEdit(placeholderText="Reason for late publication (urgent"
                                                     " business), if after the deadline")
        self.late_reason.setAccessibleName("Reason for late publication")
        self.publish_button = QPushButton("&Publish…")
        self.publish_button.setToolTip(PUBLISH_TIP)
        self.edit_meeting_button = QPushButton("Edit meeting &details…")
        self.edit_meeting_button.setToolTip("Time, venue, the clerk (Ask for), the Proper"
                                            " Officer and the notices on the front sheet")
        self.tree = AgendaTree()
        self.exempt = QComboBox()
        self.exempt.setAccessibleName("Exempt paragraph of the selected item or paper")
        self.exempt.addItem("Not exempt", None)
        for n in range(1, 8):
            self.exempt.addItem(f"Exempt — paragraph {n}", n)
        self.new_meeting_button = QPushButton("New meeting…")
        self.new_meeting_button.setToolTip("A meeting of a committee; its agenda starts with"
                                           " the committee's standing items")
        self.add_item_button = QPushButton("Add item…")
        self.add_item_button.setToolTip("An item before the closing standing items, or a"
                                        " sub-item under an item")
        self.membership_button = QPushButton("Committee mem&bership…")
        self.membership_button.setAccessibleName("Committee membership")
        self.membership_button.setToolTip("The seats, members and roles, and standing items of"
                                          " the committee chosen above, or of the selected"
                                          " meeting's committee")
        self.add_paper_button = QPushButton("Add paper…")
        self.remove_item_button = QPushButton("&Remove item…")
        self.remove_item_button.setToolTip("Take the selected item off the agenda (Delete)")
        self.remove_paper_button = QPushButton("Remo&ve paper…")
        self.remove_paper_button.setToolTip("Take the selected paper off its item (Delete)")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.outcome_button = QPushButton("O&utcome…")
        self.outcome_button.setToolTip("The committee's outcome for the decision the selected"
                                       " item considers (recorded on the decision)")
        self.outcome_button.setEnabled(False)
        self.paper_title_button = QPushButton("Paper &title…")
        self.paper_title_button.setToolTip("Give the selected paper a title: the pack's"
                                           " bookmark shows it")
        self.paper_title_button.setEnabled(False)
        self.front_sheet_button = QPushButton("Front sheet")
        self.pack_button = QPushButton("Agenda pack")
        self.public_pack_button = QPushButton("Public pack")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        #: Why the meeting tools are unavailable (no meeting, no committee), beside them.
        self.tools_reason = QLabel()
        self.tools_reason.setAccessibleName("Why the meeting tools are unavailable")
        self.tools_reason.setWordWrap(True)
        self.new_meeting_reason = QLabel()
        self.new_meeting_reason.setAccessibleName("Why New meeting is unavailable")
        self.new_meeting_reason.setWordWrap(True)
        self.publish_reason = QLabel()
        self.publish_reason.setAccessibleName("Why Publish is unavailable")
        self.publish_reason.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Attaching progress")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel attaching")
        self.cancel_button.setToolTip("Stop attaching: none of the papers is attached")
        self.cancel_button.hide()

        publish_row = QHBoxLayout()
        publish_row.addWidget(self.publication, 2)
        publish_row.addWidget(self.late_reason, 2)
        publish_row.addWidget(self.publish_button)
        publish_row.addWidget(self.publish_reason, 1)
        exempt_label = QLabel("Exempt:")
        exempt_label.setBuddy(self.exempt)
        tools = QHBoxLayout()
        for w in (self.add_item_button, self.add_paper_button, self.remove_item_button,
                  self.remove_paper_button, self.up_button, self.down_button,
                  self.outcome_button, self.paper_title_button, exempt_label, self.exempt):
            tools.addWidget(w)
        tools.addStretch(1)
        documents = QHBoxLayout()
        documents.addStretch(1)
        for w in (self.front_sheet_button, self.pack_button, self.public_pack_button):
            documents.addWidget(w)
        where_row = QHBoxLayout()
        where_row.addWidget(self.where, 1)
        where_row.addWidget(self.edit_meeting_button)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addLayout(where_row)
        layout.addLayout(publish_row)
        layout.addWidget(self.tree, 1)
        layout.addLayout(tools)
        layout.addWidget(self.tools_reason)
        layout.addLayout(documents)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        layout.addLayout(running)
        layout.addWidget(self.message)
        # The meetings of one committee, or of all: a list per committee.
        self.committee_filter = QComboBox()
        self.committee_filter.setAccessibleName("Committee")
        filter_label = QLabel("Co&mmittee:")
        filter_label.setBuddy(self.committee_filter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(filter_label)
        left_layout.addWidget(self.committee_filter)
        left_layout.addWidget(self.meetings, 1)
        left_layout.addWidget(self.new_meeting_button)
        left_layout.addWidget(self.new_meeting_reason)
        left_layout.addWidget(self.membership_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        # The meeting's agenda and its minutes, under its name (the Minutes tab: issue 15).
        self.minutes_panel = MinutesPanel(lambda: self.desk)
        self.minutes_panel.show_document.connect(self.show_document)
        self.minutes_panel.changed.connect(self.changed)
        self.minutes_panel.cancelled.connect(lambda _c, _d: self.refresh())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("The meeting's agenda and minutes")
        self.tabs.addTab(right, "Agenda")
        self.tabs.addTab(self.minutes_panel, "Minutes")
        meeting = QWidget()
        meeting_layout = QVBoxLayout(meeting)
        meeting_layout.setContentsMargins(0, 0, 0, 0)
        meeting_layout.addWidget(self.heading)
        meeting_layout.addWidget(self.tabs, 1)
        splitter.addWidget(meeting)
        splitter.setSizes([260, 1040])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

        self.meetings.currentItemChanged.connect(self._meeting_chosen)
        self.committee_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree.files_dropped.connect(self.attach_files)
        self.tree.item_moved.connect(self.move_item)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.exempt.activated.connect(self._exempt_chosen)
        self.add_paper_button.clicked.connect(self._choose_papers)
        self.add_item_button.clicked.connect(self.prompt_add_item)
        self.new_meeting_button.clicked.connect(self.prompt_new_meeting)
        self.membership_button.clicked.connect(self.prompt_committee_membership)
        self.committee_filter.currentIndexChanged.connect(self._membership_available)
        self.meetings.currentItemChanged.connect(self._membership_available)
        self.up_button.clicked.connect(lambda: self._step(-1))
        self.down_button.clicked.connect(lambda: self._step(1))
        self.publish_button.clicked.connect(self.prompt_publish)
        self.edit_meeting_button.clicked.connect(self.prompt_edit_meeting)
        self.remove_item_button.clicked.connect(self.prompt_remove_item)
        self.remove_paper_button.clicked.connect(self.prompt_remove_paper)
        self.outcome_button.clicked.connect(self.prompt_outcome)
        self.paper_title_button.clicked.connect(self.prompt_paper_title)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.prompt_remove_selected)
        self.cancel_button.clicked.connect(self.cancel_attaching)
        self.front_sheet_button.clicked.connect(lambda: self._document("agenda"))
        self.pack_button.clicked.connect(lambda: self._document("pack"))
        self.public_pack_button.clicked.connect(lambda: self._document("public_pack"))
        # The meeting chosen is loaded (its papers' pages counted in the background) when
        # the screen is first shown, or a meeting opened: not while the window starts.
        self._deferred = True
        self.refresh()
        self._deferred = False
        self._membership_available()
        self._tools_available()

    @property
    def today(self) -> dt.date:
        return self.desk.today()

    @property
    def today_override(self) -> dt.date | None:
        return None if self.desk is self._desk else self.desk.today()

    @today_override.setter
    def today_override(self, day: dt.date | None) -> None:
        """Work as if today were ``day`` (None: the desk's own today)."""
        self.desk = as_of(self._desk, day)

    def forget_meeting(self) -> None:
        """No meeting open (another register opened): the list is read again by the
        refresh that follows, which opens its first meeting, if it has one."""
        self._loads += 1  # places still being counted are for the meeting forgotten
        if self.places_job is not None:
            self.places_job.cancel()
            self.places_job = None
        self.current = None
        self.details = None
        self.items = []
        self.places = None
        self._shown = {}
        self.tree.clear()
        for label in (self.heading, self.where, self.publication, self.message):
            label.clear()
        self.late_reason.clear()
        self.minutes_panel.clear()
        self.publish_button.setEnabled(False)
        self.committee_filter.blockSignals(True)
        self.committee_filter.setCurrentIndex(0)
        self.committee_filter.blockSignals(False)
        self._selection_changed(None)
        self._tools_available()

    def on_changes(self, changes: Changes) -> None:
        """A meeting or committee changed elsewhere (or everything): the list and the open
        meeting again."""
        if changes.touches_meetings():
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            refresh_tones(self)

    def _fill_committees(self, listed: list[tuple[str, dt.date, dt.date | None]]) -> None:
        """Every committee of the register with its count of meetings (one with none yet
        can be chosen, to make its first meeting or set its membership); keeps the
        choice."""
        chosen = self.committee_filter.currentData()
        counts: dict[str, int] = {name: 0 for name in meetings.committee_names(self.desk)}
        for committee, _date, _published in listed:
            counts[committee] = counts.get(committee, 0) + 1
        self.committee_filter.blockSignals(True)
        self.committee_filter.clear()
        self.committee_filter.addItem(f"All committees ({len(listed)})", None)
        for name in sorted(counts):
            self.committee_filter.addItem(f"{name} ({counts[name]})", name)
        self.committee_filter.setCurrentIndex(max(self.committee_filter.findData(chosen), 0))
        self.committee_filter.blockSignals(False)

    def refresh(self) -> None:
        keep = self.current
        everything = meetings.meeting_list(self.desk)
        self._fill_committees(everything)
        only = self.committee_filter.currentData()
        self.meetings.blockSignals(True)
        self.meetings.clear()
        cancelled = minutes.cancelled_meetings(self.desk)
        for committee, date, published in everything:
            if only is not None and committee != only:
                continue
            mark = "" if published else " (agenda not published)"
            if (committee, date) in cancelled:
                mark = f" (cancelled: {cancelled[committee, date]})"
            item = QListWidgetItem(f"{date.day} {date:%B %Y}{mark}\n{committee}")
            item.setToolTip(f"{committee}, {_day(date)}{mark}")
            item.setData(Qt.ItemDataRole.UserRole, (committee, date))
            self.meetings.addItem(item)
        self.meetings.blockSignals(False)
        if self.meetings.count():
            rows = [self.meetings.item(i).data(Qt.ItemDataRole.UserRole)
                    for i in range(self.meetings.count())]
            row = rows.index(keep) if keep in rows else 0
            if row == self.meetings.currentRow():  # the same row: no signal, so load here
                self._meeting_chosen(self.meetings.item(row))
            else:
                self.meetings.setCurrentRow(row)
        self._tools_available()

    def open_meeting(self, committee: str, date: dt.date) -> None:
        if self.committee_filter.currentData() not in (None, committee):
            self.committee_filter.setCurrentIndex(0)  # all committees: it is listed
        for i in range(self.meetings.count()):
            if self.meetings.item(i).data(Qt.ItemDataRole.UserRole) == (committee, date):
                self.meetings.setCurrentRow(i)
                self.ensure_loaded()
                return

    def _meeting_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.current = item.data(Qt.ItemDataRole.UserRole)
        if not self._deferred:
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """The meeting chosen, loaded if it is not yet."""
        shown = self.details.meeting if self.details is not None else None
        if self.current is not None and (shown is None
                                         or (shown.committee, shown.date) != self.current):
            self.load()

    @property
    def places_pending(self) -> bool:
        """Whether the open meeting's pack places are still being worked out."""
        return self.places_job is not None

    def load(self) -> None:
        """The chosen meeting, without its papers' bytes: its details and agenda at once,
        its places in the pack when the background has counted the pages."""
        if self.current is None:
            return
        details = meetings.meeting(self.desk, *self.current, content=False)
        self.details = details
        self.items = details.meeting.items  # as shown: what the item tools consult
        m = details.meeting
        self.heading.setText(f"{m.committee} — {_day(m.date)}")
        officer = details.proper_officer
        bits = [b for b in (m.time and f"at {clock_time(m.time)}", m.venue, m.clerk and
                            f"Ask for: {m.clerk}", m.proper_officer and "Proper Officer: "
                            + (f"{officer.holder}, {officer.title}" if officer and
                               officer.holder else m.proper_officer),
                            "Notices: " + (", ".join(NOTICE_WORDS[n] for n in m.notices)
                                           or "none")) if b]
        self.where.setText("; ".join(bits))
        p = details.publication
        deadline = p.deadline
        if p.published_on is None:
            days = (deadline - self.today).days
            when = ("overdue" if days < 0 else "today" if days == 0 else f"in {days} days")
            self.publication.setText(f"Publish by {_day(deadline)} ({when}).")
            set_tone(self.publication, "danger" if days < 0 else None)
        else:
            late = f" — late: {p.late_reason}" if p.late else " — on time"
            self.publication.setText(f"Published {_day(p.published_on)} (deadline"
                                     f" {_day(deadline)}){late}.")
            set_tone(self.publication, "attention" if p.late else None)
        refusal = meetings.publish_refusal(m, p, self.today, self.today)
        self.publish_button.setEnabled(refusal is None)
        self.publish_button.setToolTip(PUBLISH_TIP if refusal is None else sentence(refusal))
        self.publish_reason.setText(
            "" if refusal is None else "Published: an agenda is published once."
            if p.published_on is not None else sentence(refusal))
        self.late_reason.setVisible(p.published_on is None and self.today > deadline)
        self.tree.clear()
        self._shown = {}
        self._count_pages(details)
        for i, item in enumerate(m.items):
            self._add_item(None, str(i + 1), item)
        self.tree.expandAll()
        self._selection_changed(None)
        self.minutes_panel.show_meeting(m.committee, m.date)

    # --- the places in the pack, counted in the background ------------------------------

    def _count_pages(self, details: MeetingDetails) -> None:
        """Start working out where each item and paper of the meeting just loaded falls in
        the pack; places for an earlier load, still coming, are dropped."""
        self._loads += 1
        load, key, shape = self._loads, self.current, agenda_shape(details)
        if self.places_job is not None:
            self.places_job.cancel()
            self.places_job = None
        if not any(papers for _number, papers in shape):
            self.places = PackPlaces({}, {}, shape)  # nothing to count
            self._show_pending()
            return
        self.places = None

        def work(desk: Desk, _progress: Progress) -> PackPlaces:
            assert key is not None
            return documents.pack_places(desk, *key)

        def arrived(places: PackPlaces) -> None:
            if load != self._loads:
                return  # another meeting was opened, or this one loaded again, meanwhile
            self.places_job = None
            if places.shape != shape:
                # Changed elsewhere between the two reads: no places rather than wrong ones.
                log.info("the agenda of %s changed while its pages were counted", key)
                places = PackPlaces({}, {}, shape)
            self.places = places
            self._fill_places()

        def failed(failure: Failure) -> None:
            if load != self._loads:
                return
            self.places_job = None
            self.places = PackPlaces({}, {}, shape)  # blank, as for an unreadable paper
            self._show_pending()
            if failure.fault:
                show_failure(self, failure)

        self.places_job = QueryOp(self, self.desk, work, arrived).failure(failed)
        self._show_pending()
        self.places_job.run_in_background()

    def _show_pending(self) -> None:
        self.tree.setToolTip(COUNTING_TIP if self.places_pending else "")
        self.tree.headerItem().setToolTip(3, COUNTING_TIP if self.places_pending else "")

    def _fill_places(self) -> None:
        """The places, into the rows as they stand: the tree is not rebuilt, so what is
        selected and expanded stays."""
        for row in self._rows():
            kind = row.data(0, KIND_ROLE)
            shown = self._shown.get(kind)
            if isinstance(shown, AgendaItem):
                row.setText(3, self._item_places(kind[1], shown))
            elif isinstance(shown, Paper):
                row.setText(3, self._paper_places(kind[1], kind[2], shown))
        self._show_pending()

    def _item_places(self, number: str, item: AgendaItem) -> str:
        """The item's papers and, once counted, where they fall in the pack."""
        pages = f"{len(item.papers)} paper{'s' if len(item.papers) != 1 else ''}" \
            if item.papers else ""
        ranges = self.places.ranges if self.places is not None else {}
        for key, words in ((number, "pages"), (f"{number}x", "exempt papers: pages")):
            if key in ranges:
                first, last = ranges[key]
                pages += f", {words} {first}–{last}"
        return pages

    def _paper_places(self, number: str, position: int, paper: Paper) -> str:
        """The paper's file and, once counted, its pages."""
        count = self.places.pages.get((number, position)) if self.places is not None else None
        return f"{paper.path}, {count} page{'s' if count != 1 else ''}" if count \
            else paper.path

    def _add_item(self, parent: QTreeWidgetItem | None, number: str, item: AgendaItem) -> None:
        title = f"{item.decision} - {item.title}" if item.decision else item.title
        exempt = f"para. {item.exempt_paragraph}" if item.exempt_paragraph else ""
        label = number if parent is None else f"{number[-1]})"
        row = QTreeWidgetItem([label, title, exempt, self._item_places(number, item)])
        row.setData(0, KIND_ROLE, ("item", number))
        self._shown[("item", number)] = item
        row.setToolTip(1, item.description or title)
        if parent is None:
            self.tree.addTopLevelItem(row)
        else:
            parent.addChild(row)
        for j, paper in enumerate(item.papers):
            shown = paper.title or paper.path
            exempt = f"para. {paper.exempt_paragraph}" if paper.exempt_paragraph else ""
            child = QTreeWidgetItem(["", shown, exempt,
                                     self._paper_places(number, j + 1, paper)])
            child.setIcon(1, self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
            child.setData(0, KIND_ROLE, ("paper", number, j + 1))
            self._shown[("paper", number, j + 1)] = paper
            row.addChild(child)
        for k, sub in enumerate(item.items):
            self._add_item(row, f"{number}{item_letters(k)}", sub)

    def items_shown(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(1) for i in range(self.tree.topLevelItemCount())]

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        set_tone(self.message, "danger" if error else None)

    def _said(self, text: str, refusal: UserError | None) -> None:
        """Where a use case's outcome is shown (:func:`ui.operations.run`)."""
        self._say(text, error=refusal is not None)

    def _do(self, action: Callable[[], Done], refused: str = "") -> Done | None:
        """Run a use case (:func:`ui.operations.run`); show the sentence it returns (or
        its refusal), the meeting as it now is, and tell the window what changed. None
        when it was refused."""
        return run(action, self._said, refused=refused, changed=self._changed)

    def _changed(self, changes: Changes) -> None:
        """This screen made ``changes``: the list (a meeting's publication shows there)
        and the open meeting again, then the window is told."""
        if changes.touches_meetings():
            self.refresh()
        if changes:
            self.changed.emit(changes)

    def ask(self, title: str, text: str, details: str = "") -> bool:
        """A yes/no question (No unless the clerk says Yes)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setInformativeText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Yes
                               | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def attach_files(self, item: str, paths: list[str]) -> CollectionOp | None:
        """Attach the files to the item, all or nothing, in the background (each file is
        read and every page checked): the progress below the agenda, with Cancel. The
        operation, which says what it did when it ends (None: one is running already)."""
        assert self.current is not None
        if self.attach_job is not None:
            self._say("Papers are being attached already: wait for them, or cancel.",
                      error=True)
            return None
        key, files = self.current, [Path(p) for p in paths]

        def attach(desk: Desk, progress: Progress) -> Done:
            return meetings.attach_papers(desk, *key, item, files, progress=progress,
                                          proceed=progress.proceed)

        job = CollectionOp(self, self.desk, attach, self._changed)
        job.success(lambda done: self._attached(job, done))
        job.failure(lambda failure: self._not_attached(job, failure))
        job.with_progress(self._attaching)
        self.attach_job = job
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.add_paper_button.setEnabled(False)
        count = len(files)
        self._say(f"Attaching {count} paper{'s' if count != 1 else ''} to item {item}…")
        return job.run_in_background()

    def _attaching(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        if text:
            self._say(text)

    def _attach_ended(self, job: CollectionOp | None) -> None:
        if job is not self.attach_job:
            return  # an earlier one, cancelled: another may be running now
        self.attach_job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.add_paper_button.setEnabled(True)

    def _attached(self, job: CollectionOp, done: Done) -> None:
        """Attached (the screen and the window were given the Changes first); also when
        the clerk cancelled too late to stop it: it happened, so it is said."""
        self._attach_ended(job)
        self._say(done.message)

    def _not_attached(self, job: CollectionOp, failure: Failure) -> None:
        self._attach_ended(job)
        self._say(str(failure), error=True)
        if failure.fault:
            show_failure(self, failure)

    def cancel_attaching(self) -> None:
        if self.attach_job is not None:
            self.attach_job.cancel()
            self._attach_ended(self.attach_job)
            self._say("Attaching cancelled: none of the papers was attached.")

    def move_item(self, source: int, dest: int) -> bool:
        """Move the top-level item at ``source`` to ``dest`` (0-based), as dragging does."""
        assert self.current is not None
        return self._do(lambda: meetings.move_item(self.desk, *self.current,
                                                   source + 1, dest + 1)) is not None

    def _step(self, step: int) -> None:
        row = self.tree.currentItem()
        if row is None or row.data(0, KIND_ROLE)[0] != "item":
            return
        parent = row.parent()
        if parent is None:
            source = self.tree.indexOfTopLevelItem(row)
            dest = source + step
            if 0 <= dest < self.tree.topLevelItemCount() and self.move_item(source, dest):
                self.tree.setCurrentItem(self.tree.topLevelItem(dest))
            return
        subs = [parent.child(i) for i in range(parent.childCount())
                if parent.child(i).data(0, KIND_ROLE)[0] == "item"]
        source = subs.index(row)
        dest = source + step
        top = parent.data(0, KIND_ROLE)[1]
        if 0 <= dest < len(subs) and self._do(lambda: meetings.move_item(
                self.desk, *self.current, row.data(0, KIND_ROLE)[1],
                f"{top}{item_letters(dest)}")):
            self.tree.setCurrentItem(self._row_of(("item", f"{top}{item_letters(dest)}")))

    def _row_of(self, kind: tuple) -> QTreeWidgetItem | None:
        found = [r for r in self._rows() if r.data(0, KIND_ROLE) == kind]
        return found[0] if found else None

    def _rows(self) -> list[QTreeWidgetItem]:
        rows: list[QTreeWidgetItem] = []

        def walk(row: QTreeWidgetItem) -> None:
            rows.append(row)
            for i in range(row.childCount()):
                walk(row.child(i))
        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return rows

    def _tools_available(self) -> None:
        """The meeting's tools act on the meeting chosen: with none (no meeting yet, or
        none of the committee chosen) they are unavailable, and the reason is shown beside
        them; New meeting… needs a committee to make it for."""
        committees = self.committee_filter.count() > 1
        chosen = self.current is not None and self.meetings.count() > 0
        for w in (self.add_item_button, self.add_paper_button, self.up_button,
                  self.down_button, self.exempt, self.front_sheet_button, self.pack_button,
                  self.public_pack_button, self.edit_meeting_button):
            w.setEnabled(chosen)
        if not chosen:
            for w in (self.publish_button, self.remove_item_button, self.remove_paper_button):
                w.setEnabled(False)
            self.publish_reason.clear()
            self.late_reason.hide()
        self.new_meeting_button.setEnabled(committees)
        self.new_meeting_reason.setText("" if committees else
                                        "No committee yet: make one in Council ▸ Committees…")
        self.tools_reason.setText(
            "" if chosen else "No meeting to act on: make one with New meeting… first."
            if committees else "No meeting to act on: set up a committee first (Council ▸"
            " Committees…), then make its meetings.")

    def _selection_changed(self, row: QTreeWidgetItem | None, _previous=None) -> None:
        kind = row.data(0, KIND_ROLE) if row is not None else None
        self.remove_item_button.setEnabled(bool(kind) and kind[0] == "item")
        self.remove_paper_button.setEnabled(bool(kind) and kind[0] == "paper")
        self.paper_title_button.setEnabled(bool(kind) and kind[0] == "paper")
        about = self._shown.get(kind) if kind and kind[0] == "item" else None
        self.outcome_button.setEnabled(bool(about and about.decision))
        if row is None:
            return
        text = row.text(2)
        paragraph = int(text.split()[-1]) if text else None
        self.exempt.setCurrentIndex(max(self.exempt.findData(paragraph), 0))

    def _exempt_chosen(self) -> None:
        row = self.tree.currentItem()
        if row is None or self.current is None:
            return
        self.set_exempt(row.data(0, KIND_ROLE), self.exempt.currentData())

    def set_exempt(self, kind: tuple, paragraph: int | None) -> bool:
        assert self.current is not None
        if kind[0] == "item":
            done = self._do(lambda: meetings.set_item_exempt(
                self.desk, *self.current, kind[1], paragraph))
            if done and paragraph and self._before_unrestricted(str(kind[1])):
                self._say(f"{done.message} It comes before unrestricted items, but the front"
                          " sheet lists exempt items after them, under EXEMPT ITEMS, where the"
                          " press and public are excluded: move it below them (Move down) so"
                          " the numbers run in order.")
            return done is not None
        return self._do(lambda: meetings.set_paper_exempt(
            self.desk, *self.current, kind[1], kind[2], paragraph)) is not None

    # --- removing items and papers -------------------------------------------------------

    def _item(self, number: str) -> AgendaItem:
        """The loaded item numbered ``number`` (7, or 9a), as the agenda numbers it."""
        top, letters = parse_item_ref(number)
        item = self.items[top - 1]
        return item.items[letter_index(letters)] if letters else item

    def prompt_remove_selected(self) -> None:
        """Delete: remove the selected item or paper (after asking)."""
        row = self.tree.currentItem()
        if row is None:
            return
        if row.data(0, KIND_ROLE)[0] == "paper":
            self.prompt_remove_paper()
        else:
            self.prompt_remove_item()

    def prompt_remove_item(self) -> None:
        row = self.tree.currentItem()
        if self.current is None or row is None or row.data(0, KIND_ROLE)[0] != "item":
            self._say("Choose the item to remove first.", error=True)
            return
        number = row.data(0, KIND_ROLE)[1]
        item = self._item(number)
        papers = [p.path for p in item.papers] + [p.path for sub in item.items
                                                  for p in sub.papers]
        details = []
        if item.items:
            details.append(f"Its {len(item.items)} sub-item{'s' if len(item.items) != 1 else ''}"
                           " go with it.")
        if papers:
            details.append(f"Its {len(papers)} paper{'s' if len(papers) != 1 else ''}"
                           f" ({', '.join(papers)}) {'are' if len(papers) != 1 else 'is'}"
                           " removed with it.")
        details.append("The items after it are numbered up.")
        if self.ask("Remove item", f"Remove item {number}, {item.title}, from the agenda?",
                    " ".join(details)):
            self.remove_item(number, with_papers=True)

    def remove_item(self, number: str, with_papers: bool = False) -> bool:
        assert self.current is not None
        return self._do(lambda: meetings.remove_item(self.desk, *self.current, number,
                                                     with_papers=with_papers)) is not None

    def prompt_remove_paper(self) -> None:
        row = self.tree.currentItem()
        if self.current is None or row is None or row.data(0, KIND_ROLE)[0] != "paper":
            self._say("Choose the paper to remove first.", error=True)
            return
        _kind, number, position = row.data(0, KIND_ROLE)
        paper = self._item(number).papers[position - 1]
        if self.ask("Remove paper", f"Remove paper {position}, {paper.path}, from item"
                    f" {number}?", "The file itself is not touched; the item's other papers"
                    " close up."):
            self.remove_paper(number, position)

    def remove_paper(self, number: str, position: int | str) -> bool:
        assert self.current is not None
        return self._do(lambda: meetings.remove_paper(self.desk, *self.current,
                                                      number, position)) is not None

    # --- new meetings, their details and items -------------------------------------------

    def new_meeting(self, committee: str, date: dt.date, time: str | None = None,
                    venue: str | None = None, clerk: str | None = None,
                    proper_officer: str | None = None, notices: list[str] | None = None
                    ) -> bool:
        """Create the meeting (its agenda the committee's standing items) and open it."""
        def made(_done: Done) -> None:
            self.current = (committee, date)  # the list, refreshed, opens it
            self.refresh()
            self.open_meeting(committee, date)  # shows every committee if need be

        return run(lambda: meetings.create_meeting(
            self.desk, committee, date, time=time or None, venue=venue or None,
            clerk=clerk or None, proper_officer=proper_officer or None,
            notices=notices or ()), self._said, refused="No meeting made: ",
            changed=self.changed.emit, on_done=made) is not None

    def prompt_new_meeting(self) -> None:
        dialog = NewMeetingDialog(meetings.committee_names(self.desk), self.today,
                                  self, posts=meetings.posts(self.desk),
                                  latest=council.meeting_defaults(self.desk))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.new_meeting(**dialog.answers())

    def membership_committee(self) -> str | None:
        """The committee chosen in the Committee filter, or else the selected meeting's."""
        item = self.meetings.currentItem()
        return self.committee_filter.currentData() or (
            item.data(Qt.ItemDataRole.UserRole)[0] if item is not None else None)

    def _membership_available(self, *_args) -> None:
        self.membership_button.setEnabled(self.membership_committee() is not None)

    def prompt_committee_membership(self) -> None:
        """The committee's seats, members and standing items; each change is made in the
        dialog. After it closes the screen reloads: an agenda not yet published prints the
        new membership, a published one the membership it was published with."""
        committee = self.membership_committee()
        if committee is None:
            return
        dialog = CommitteeDialog(self.desk, committee, self)
        dialog.exec()
        said, changes = dialog.messages, dialog.changes
        dialog.deleteLater()
        if said:
            self.refresh()
            self._say(said[-1] if len(said) == 1 else
                      f"{len(said)} changes to {committee}; the last: {said[-1]}")
        if changes:
            self.changed.emit(changes)

    def edit_meeting(self, **details) -> bool:
        """Change the open meeting's details (time, venue, clerk, proper_officer,
        notices); what is not given stays."""
        if self.current is None:
            self._say("Choose a meeting first.", error=True)
            return False
        return self._do(lambda: meetings.update_meeting(self.desk, *self.current,
                                                        **details)) is not None

    def prompt_edit_meeting(self) -> None:
        if self.current is None or self.details is None:
            return
        dialog = NewMeetingDialog([], self.today, self, posts=meetings.posts(self.desk),
                                  meeting=self.details.meeting)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        answers = dialog.answers()
        dialog.deleteLater()
        if accepted:
            self.edit_meeting(**{k: answers[k] for k in ("time", "venue", "clerk",
                                                         "proper_officer", "notices")})

    def add_item(self, title: str, decision: str | None = None,
                 description: str | None = None, parent: str | None = None) -> bool:
        """Add an item before the closing standing items (or, under ``parent``, its next
        sub-item); a decision item without a title takes the decision's."""
        if self.current is None:
            self._say("Choose a meeting first.", error=True)
            return False
        return self._do(lambda: meetings.add_item(
            self.desk, *self.current, title, decision=decision, description=description,
            parent=parent)) is not None

    def prompt_add_item(self) -> None:
        if self.current is None:
            return
        # Any decision may be an item's subject (as from `meeting add-item`): those still
        # to be taken first, taken and withdrawn ones behind a switch.
        dialog = AddItemDialog(meetings.decisions_to_offer(self.desk, *self.current), self,
                               items=[(str(i + 1), item.title)
                                      for i, item in enumerate(self.items)])
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        answers = dialog.answers()
        dialog.deleteLater()
        if accepted:
            self.add_item(*answers)

    # --- an item's outcome, a paper's title ---------------------------------------------------

    def record_outcome(self, number: str, outcome: str,
                       recommendations: str | None = None) -> bool:
        """The committee's outcome for the decision item ``number`` considers: the same use
        case and the same stored fact as the Decision screen's Committee tab."""
        assert self.current is not None
        return self._do(lambda: meetings.record_outcome(
            self.desk, *self.current, number, outcome, recommendations)) is not None

    def prompt_outcome(self) -> None:
        row = self.tree.currentItem()
        kind = row.data(0, KIND_ROLE) if row is not None else None
        item = self._shown.get(kind) if kind and kind[0] == "item" else None
        if self.current is None or item is None or not item.decision:
            return
        dialog = OutcomeDialog(kind[1], item.decision, self.current[0], self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        answers = dialog.answers()
        dialog.deleteLater()
        if accepted:
            self.record_outcome(kind[1], *answers)

    def set_paper_title(self, number: str, position: int, title: str) -> bool:
        assert self.current is not None
        return self._do(lambda: meetings.set_paper_title(
            self.desk, *self.current, number, position, title)) is not None

    def prompt_paper_title(self) -> None:
        row = self.tree.currentItem()
        kind = row.data(0, KIND_ROLE) if row is not None else None
        if self.current is None or not kind or kind[0] != "paper":
            return
        paper = self._shown[kind]
        dialog = PaperTitleDialog(paper.path, paper.title, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        title = dialog.title.text()
        dialog.deleteLater()
        if accepted:
            self.set_paper_title(kind[1], kind[2], title)

    def _before_unrestricted(self, number: str) -> bool:
        """Whether top-level item ``number`` has an unrestricted item after it."""
        if self.current is None or not number.isdigit():
            return False
        return any(not item.exempt_paragraph for item in self.items[int(number):])

    def _choose_papers(self) -> None:
        row = self.tree.currentItem()
        if row is None:
            self._say("Choose the item the paper belongs to first.", error=True)
            return
        paths, _ = QFileDialog.getOpenFileNames(self, "Add papers", "", "PDF files (*.pdf)")
        if paths:
            self.attach_files(row.data(0, KIND_ROLE)[1], paths)

    # --- publication -----------------------------------------------------------------------

    def _reason_missing(self) -> bool:
        """Whether the open meeting's agenda was published late with no reason recorded
        (Publish… then records the reason)."""
        p = self.details.publication if self.details else None
        return bool(p and p.published_on and p.late and not p.late_reason)

    def prompt_publish(self) -> None:
        if self.current is None or self.details is None:
            return
        p = self.details.publication
        dialog = PublishDialog(self.current[1], p.deadline, self.today,
                               self.late_reason.text().strip(), self,
                               published_on=p.published_on if self._reason_missing() else None)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        on, reason = dialog.answers()
        dialog.deleteLater()
        if accepted:
            self.publish(on, reason or "")

    def publish(self, on: dt.date, reason: str | None = None) -> bool:
        """Publish the agenda on ``on`` with ``reason`` (if late); without one, the reason
        typed beside the deadline."""
        assert self.current is not None
        if reason is None:
            reason = self.late_reason.text()
        return self._do(lambda: minutes.publish(self.desk, *self.current, on,
                                                 reason.strip() or None)) is not None

    def _document(self, kind: str) -> None:
        if self.current is not None:
            committee, date = self.current
            self.show_document.emit(DocumentRequest(kind, committee=committee, date=date))
