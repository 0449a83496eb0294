"""The Documents screen: build any generated document in the background (a
:class:`ui.operations.QueryOp` on its own connection to the register), preview it inside
the app, then save it (``governance.documents.save``: what ``render`` says of the same
document, with its notes) or open it in the system's viewer."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from governance import documents, meetings
from governance.desk import Changes, Desk
from governance.documents import (
    DECISION_KINDS,
    KINDS,
    NOTICE_KINDS,
    BuiltDocument,
    DocumentRequest,
)
from ui.forward_plan_dialog import ForwardPlanDialog
from ui.operations import Failure, Progress, QueryOp, run
from ui.pdf_preview import PdfPreview


class DocumentsView(QWidget):
    #: Emitted when a document has been built (its request).
    built = Signal(object)

    def __init__(self, desk: Desk, parent=None):
        super().__init__(parent)
        self.desk = desk
        self.kind = QComboBox()
        self.kind.setAccessibleName("Document")
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.number = QLineEdit(placeholderText="Decision number, e.g. 23/00098")
        self.number.setAccessibleName("Decision number")
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting")
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Word", "docx")
        self.public = QCheckBox("&Public version")
        self.public.setAccessibleName("Public version")
        self.public.setToolTip("What the public may see: an exempt decision's text, exempt"
                               " items' titles and exempt papers withheld")
        self.build_button = QPushButton("&Build")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.save_button = QPushButton("&Save as…")
        self.open_button = QPushButton("&Open externally")
        self.save_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.preview = PdfPreview()

        # Visible labels, each the buddy of its control: Qt gives a screen reader a
        # combo box's label through the buddy (on Linux its name is its current value).
        self.kind_label = self._label("Document:", self.kind)
        self.number_label = self._label("Decision:", self.number)
        self.meeting_label = self._label("Meeting:", self.meeting)
        self.format_label = self._label("Format:", self.format)
        # Two rows: what to build, then what to do with it (one row did not fit a
        # 1366-pixel laptop screen).
        row = QHBoxLayout()
        for w in (self.kind_label, self.kind, self.number_label, self.number,
                  self.meeting_label, self.meeting, self.format_label, self.format,
                  self.public):
            row.addWidget(w)
        row.addStretch(1)
        actions = QHBoxLayout()
        for w in (self.build_button, self.cancel_button, self.save_button, self.open_button):
            actions.addWidget(w)
        actions.addStretch(1)
        self.plan_button = QPushButton("Forward &Plan…")
        self.plan_button.setToolTip("The List of Forthcoming Executive Decisions for a period")
        self.plan_button.clicked.connect(self.open_forward_plan)
        actions.addWidget(self.plan_button)
        self.plan_dialog: ForwardPlanDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.build_button.clicked.connect(self.build)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_externally)
        #: The build running in the background (None when none is).
        self.job: QueryOp | None = None
        self.result: bytes | None = None
        self.request: DocumentRequest | None = None
        #: The document built last (what Save as… and Open externally write).
        self.built_document: BuiltDocument | None = None
        self.reload_meetings()
        self._kind_changed()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def reload_meetings(self) -> None:
        """The meetings to choose from, again (the one chosen stays chosen)."""
        chosen = self.meeting.currentData()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for committee, date, _published in meetings.meeting_list(self.desk):
            self.meeting.addItem(f"{committee} — {date.day} {date:%B %Y}", (committee, date))
        self.meeting.blockSignals(False)
        if chosen is not None:
            self.select_meeting(*chosen)

    def on_changes(self, changes: Changes) -> None:
        """A meeting made (or a committee changed): the list of meetings again."""
        if changes.touches_meetings():
            self.reload_meetings()

    def select_meeting(self, committee: str, date: dt.date | None) -> bool:
        """Choose the meeting; False if it is not in the list. (Not ``findData``: Qt
        cannot compare a Python tuple held as item data, so it found none.)"""
        for i in range(self.meeting.count()):
            if self.meeting.itemData(i) == (committee, date):
                self.meeting.setCurrentIndex(i)
                return True
        return False

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        about_decision = kind in DECISION_KINDS
        for w in (self.number, self.number_label):
            w.setVisible(about_decision)
        for w in (self.meeting, self.meeting_label):
            w.setVisible(not about_decision)
        self.format.setEnabled(kind in (*DECISION_KINDS, "agenda", "minutes"))
        if kind in ("pack", "public_pack"):
            self.format.setCurrentIndex(0)
        if kind == "public_pack":
            self.public.setChecked(True)
        if kind in NOTICE_KINDS:  # a notice is published as it is: no exempt text in it
            self.public.setChecked(False)
        self.public.setEnabled(kind != "public_pack" and kind not in NOTICE_KINDS)

    def current_request(self) -> DocumentRequest:
        kind = self.kind.currentData()
        if kind in DECISION_KINDS:
            return DocumentRequest(kind, number=self.number.text().strip(),
                                   format=self.format.currentData(),
                                   public=self.public.isChecked())
        committee, date = self.meeting.currentData() or (None, None)
        return DocumentRequest(kind, committee=committee, date=date,
                               format=self.format.currentData(),
                               public=self.public.isChecked())

    def show_document(self, request: DocumentRequest) -> None:
        """Select ``request`` on screen and build it."""
        self.kind.setCurrentIndex(self.kind.findData(request.kind))
        if request.number:
            self.number.setText(request.number)
        if request.committee:
            self.select_meeting(request.committee, request.date)
        self.format.setCurrentIndex(max(self.format.findData(request.format), 0))
        self.public.setChecked(request.is_public)
        self.build()

    def build(self) -> None:
        if self.job is not None:
            return
        request = self.current_request()

        def build(desk: Desk, progress: Progress) -> BuiltDocument:
            progress(10, f"Building {request.label}…")
            built = documents.build(desk, request, progress, progress.proceed)
            progress(90, "Opening the preview…")
            return built

        self.job = QueryOp(self, self.desk, build, self._done).failure(
            self._failed).with_progress(self._progress)
        self.progress.setValue(0)
        self.progress.show()
        self.build_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.message.setText(f"Building {request.label}…")
        self.job.run_in_background()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self._finish()
            self.message.setText("Cancelled.")

    def _finish(self) -> None:
        self.job = None
        self.progress.hide()
        self.build_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _progress(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        if text:
            self.message.setText(text)

    def _done(self, built: BuiltDocument) -> None:
        request, data = built.request, built.data
        self._finish()
        self.built_document, self.request, self.result = built, request, data
        self.save_button.setEnabled(True)
        self.open_button.setEnabled(True)
        if request.format == "pdf":
            total = self.preview.load(data)
            self.message.setText(f"{request.label}: {total} page{'s' if total != 1 else ''}.")
        else:
            self.preview.clear()
            self.message.setText(f"{request.label}: a Word file of {len(data):,} bytes; open"
                                 " it externally to see it.")
        self.built.emit(request)

    def _failed(self, failure: Failure) -> None:
        self._finish()
        # Nothing to save or open: not the document built before, under this one's name.
        self.result = self.request = self.built_document = None
        self.save_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.preview.clear()
        self.message.setText(f"Could not build the document: {failure}")

    def save_to(self, path: Path) -> bool:
        """Write the built document to ``path`` (atomically); the message says what
        ``render`` says of it (with its notes), or why it was not saved."""
        built = self.built_document
        if built is None:
            return False
        return run(lambda: documents.save(self.desk, built, Path(path)), self.message,
                   refused="Not saved: ") is not None

    def save_as(self) -> None:
        if self.result is None or self.request is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save the document", self.request.file_name)
        if name:
            self.save_to(Path(name))

    def open_externally(self) -> None:
        built = self.built_document
        if built is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="decision-desk-"))
        path = folder / built.request.file_name
        if run(lambda: documents.save(self.desk, built, path), self.message,
               refused="Not opened: ", say_done=False) is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def open_forward_plan(self) -> ForwardPlanDialog:
        """The Forward Plan's own window (period, format, build, preview, save)."""
        if self.plan_dialog is None:
            self.plan_dialog = ForwardPlanDialog(self.desk, self)
        self.plan_dialog.show()
        self.plan_dialog.raise_()
        return self.plan_dialog
