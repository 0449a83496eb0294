"""The files a decision keeps, on the Decision screen: its signed Records of Decision and
scans of paper-signed ones (sign, attach a scan, verify a file, save a copy), and its EqIA
and DPIA documents (attach, open).

Signing runs in the background (a PKCS#12 file is opened, the decision taken if it is
not yet, the record rendered, signed and kept) on its own connection to the register
(:class:`ui.operations.CollectionOp`), with a progress bar and Cancel: cancelling before
the record is kept undoes everything. Every change is the use case's (``governance.records``)
and its sentence is what the panel says; ``changed`` carries the Changes to the window.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from governance import audit, decisions, records
from governance.desk import Desk, Done
from governance.model import AssessmentDocument, KeptDocument
from ui.operations import CollectionOp, Failure, Progress, run, sentence


def _when(iso: str | None) -> str:
    """``2026-11-23T01:23:50+00:00`` as ``23 Nov 2026 01:23 GMT`` (the council's time)."""
    return audit.local_time(iso, seconds=False) if iso else ""


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    return table


def _fill(table: QTableWidget, rows: list[list[str]], tips: list[str]) -> None:
    table.setRowCount(0)
    for values, tip in zip(rows, tips, strict=True):
        r = table.rowCount()
        table.insertRow(r)
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(tip)
            table.setItem(r, col, item)
    for col in range(table.columnCount() - 1):  # the last one stretches to the edge
        table.resizeColumnToContents(col)


def _temporary_copy(message: QLabel, name: str,
                    save: Callable[[Path], Done[Path]]) -> Path | None:
    """A kept file written to a new temporary folder under its own name (by ``save``, the
    use case that saves a copy), to open it; None, with the reason in ``message``, when it
    cannot be handed out (e.g. altered)."""
    path = Path(tempfile.mkdtemp(prefix="decision-desk-")) / name
    done = run(lambda: save(path), message, refused="Not opened: ", say_done=False)
    return None if done is None else path


def _open(path: Path | None) -> None:
    if path is not None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.rstrip("…"))
    button.setToolTip(tip)
    return button


class SignDialog(QDialog):
    """The certificate (PKCS#12), its passphrase and where to save the signed record."""

    def __init__(self, number: str, suggested: Path, parent: QWidget | None = None,
                 certificate: str = ""):
        super().__init__(parent)
        self.setWindowTitle(f"Sign the Record of Decision of {number}")
        self.certificate = QLineEdit(certificate)
        self.certificate.setAccessibleName("Signing certificate (PKCS#12 file)")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.output = QLineEdit(str(suggested))
        self.output.setAccessibleName("Save the signed record as")
        browse_cert = _button("Browse…", "Choose the signer's .p12 or .pfx file")
        browse_cert.clicked.connect(self._choose_certificate)
        browse_out = _button("Browse…", "Choose where to save the signed PDF")
        browse_out.clicked.connect(self._choose_output)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.certificate, 1)
        cert_row.addWidget(browse_cert)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse_out)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for text, field, row in (("&Certificate:", self.certificate, cert_row),
                                 ("&Passphrase:", self.passphrase, self.passphrase),
                                 ("&Save as:", self.output, out_row)):
            label = QLabel(text)
            label.setBuddy(field)  # Alt+letter moves there, and the & is not shown
            self.labels[text.replace("&", "").rstrip(":")] = label
            form.addRow(label, row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText("Sign")
        for field in (self.certificate, self.output):
            field.textChanged.connect(self._ready)
        self._ready()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Signing takes the decision if it is not yet taken: every"
                                " rule for taking it must hold."))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _ready(self) -> None:
        """Sign is offered once a certificate and a file to save are given."""
        missing = [what for what, field in (("the certificate", self.certificate),
                                            ("where to save", self.output))
                   if not field.text().strip()]
        self.sign_button.setEnabled(not missing)
        self.sign_button.setToolTip(f"Give {' and '.join(missing)} first" if missing else
                                    "Take the decision if need be, then sign")

    def _choose_certificate(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Signing certificate", "",
                                              "PKCS#12 (*.p12 *.pfx);;All files (*)")
        if name:
            self.certificate.setText(name)

    def _choose_output(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the signed record",
                                              self.output.text(), "PDF (*.pdf)")
        if name:
            self.output.setText(name)


class RecordFilesPanel(QWidget):
    """A decision's signed records and scans, with Sign, Attach scan, Verify, Save copy."""

    #: A record was signed or a scan kept: the use case's Changes.
    changed = Signal(object)
    HEADERS = ["Kept", "What", "File", "Signed by", "SHA-256"]

    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.number: str | None = None
        self.kept: list[KeptDocument] = []
        #: What the clerk typed in the sign dialog (certificate, where to save), kept while
        #: signing is refused so the dialog comes back with it (never the passphrase).
        self.typed: tuple[str, str] | None = None
        #: The signing running in the background (None when none is).
        self.job: CollectionOp | None = None
        self.table = _table("Signed records and scans", self.HEADERS)
        self.sign_button = _button("Sign…", "Take the decision if need be, then sign its"
                                   " Record of Decision with a certificate (PAdES)")
        self.scan_button = _button("Attach scan…", "Keep the scan of a record signed on"
                                   " paper; its SHA-256 is kept")
        self.verify_button = _button("Verify a file…", "Check a signed record's signature"
                                     " and find it in the register")
        self.save_button = _button("Save a copy…", "Save the selected kept file")
        self.open_button = _button("Open", "Open the selected kept file in the system's"
                                   " viewer (a copy; the kept file cannot change)")
        self.cancel_button = _button("Cancel", "Stop signing; nothing is taken or kept")
        self.cancel_button.setEnabled(False)
        self.cancel_button.hide()  # shown, with the progress bar, while signing
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Signing progress")
        self.progress.hide()
        self.message = QLabel()
        self.message.setAccessibleName("Signing message")
        self.message.setWordWrap(True)
        self.sign_reason = QLabel()  # why Sign… is not offered, beside it
        self.sign_reason.setAccessibleName("Why Sign is not available")
        self.sign_reason.setWordWrap(True)
        self.sign_reason.hide()
        self.sign_button.clicked.connect(self.prompt_sign)
        self.scan_button.clicked.connect(self.prompt_scan)
        self.verify_button.clicked.connect(self.prompt_verify)
        self.save_button.clicked.connect(self.prompt_save)
        self.open_button.clicked.connect(self.open_selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.cancel_button.clicked.connect(self.cancel)
        self.table.itemSelectionChanged.connect(self._selection)
        buttons = QHBoxLayout()
        for b in (self.sign_button, self.scan_button, self.verify_button, self.open_button,
                  self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Signed Records of Decision and scans of paper-signed ones,"
                                " each kept with its SHA-256:"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.sign_reason)
        layout.addLayout(running)
        layout.addWidget(self.message)
        self._selection()

    # --- showing ----------------------------------------------------------------------

    def set_decision(self, number: str | None) -> None:
        """Show ``number``'s kept files, and what may be done with them."""
        if number != self.number:
            self.message.clear()
        self.number = number
        self.kept = records.documents_for(self.desk, number) if number else []
        _fill(self.table, [[_when(k.recorded_at), "Signed Record of Decision"
                            if k.kind == "signed_record" else "Scan (signed on paper)",
                            k.file_name or "", k.signer or "", k.sha256[:16] + "…"]
                           for k in self.kept],
              [f"SHA-256 {k.sha256}; kept by {k.recorded_by}" for k in self.kept])
        busy = self.job is not None
        # Sign and Attach scan are offered when the use case would not refuse; otherwise
        # the tooltip gives the refusal, in the use case's words.
        sign_refusal = records.sign_refusal(self.desk, number) if number else None
        self.sign_button.setEnabled(number is not None and not busy and sign_refusal is None)
        self.sign_button.setToolTip(
            "Take the decision if need be, then sign its Record of Decision with a"
            " certificate (PAdES)" if sign_refusal is None else sentence(sign_refusal))
        self.sign_reason.setText("" if sign_refusal is None or not number
                                 else f"Sign: {sentence(sign_refusal)}")
        self.sign_reason.setVisible(bool(self.sign_reason.text()))
        scan_refusal = records.scan_refusal(self.desk, number) if number else None
        self.scan_button.setEnabled(number is not None and not busy and scan_refusal is None)
        self.scan_button.setToolTip(
            "Keep the scan of a record signed on paper; its SHA-256 is kept"
            if scan_refusal is None else sentence(scan_refusal))
        self._selection()

    def _selection(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.save_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    # --- signing ------------------------------------------------------------------------

    def suggested_name(self) -> Path:
        assert self.number is not None
        return Path.home() / f"Record of Decision {self.number.replace('/', '-')}.pdf"

    def sign_dialog(self) -> SignDialog:
        """The sign dialog, with what was typed in it before if signing was refused."""
        assert self.number is not None
        certificate, output = self.typed or ("", str(self.suggested_name()))
        return SignDialog(self.number, Path(output), self, certificate=certificate)

    def sign_question(self) -> QMessageBox:
        """What signing will do, asked first: Cancel unless the clerk says Sign."""
        assert self.number is not None
        d = decisions.decision(self.desk, self.number)
        who = records.decision_maker_signer(self.desk, d)
        text = (f"{d.number} will be taken and frozen; the record will be signed by"
                f" {who.words}." if not d.is_taken else
                f"The Record of Decision of {d.number} will be signed and kept; a record is"
                " signed once.")
        box = QMessageBox(QMessageBox.Icon.Warning, "Sign the Record of Decision", text,
                          parent=self)
        box.setInformativeText("Undo cannot reverse it: a correction is a new decision.")
        box.setStandardButtons(QMessageBox.StandardButton.Ok
                               | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText("Sign")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return box

    def confirm_sign(self) -> bool:
        box = self.sign_question()
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Ok

    def prompt_sign(self) -> None:
        if self.number is None:
            return
        dialog = self.sign_dialog()
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return
        self.typed = (dialog.certificate.text(), dialog.output.text())
        if self.confirm_sign():
            self.sign(Path(dialog.certificate.text()), dialog.passphrase.text(),
                      Path(dialog.output.text()))

    def sign(self, pkcs12: Path, passphrase: str, output: Path,
             today: dt.date | None = None) -> None:
        """Sign in the background; ``changed`` is emitted when the record is kept."""
        if self.number is None or self.job is not None:
            return
        number = self.number

        def sign(desk: Desk, progress: Progress) -> Done:
            progress(10, "Opening the certificate…")
            signer = records.open_signer(desk, pkcs12, passphrase)
            progress(40, f"Taking {number} and signing its Record of Decision…")
            return records.sign_record(desk, number, signer, output, today=today,
                                       proceed=progress.proceed)

        self.job = CollectionOp(self, self.desk, sign, self.changed.emit)
        self.job.success(self._signed).failure(self._failed).with_progress(self._progress)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.sign_button.setEnabled(False)
        self.scan_button.setEnabled(False)
        self.message.setText(f"Signing the Record of Decision of {number}…")
        self.job.run_in_background()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self._finish()
            self.message.setText("Signing cancelled: nothing was taken, kept or written.")

    def _finish(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.cancel_button.setEnabled(False)
        self.set_decision(self.number)

    def _progress(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        if text:
            self.message.setText(text)

    def _signed(self, done: Done) -> None:
        """Signed (the window was told of the Changes first): say what signing did."""
        self.typed = None
        self._finish()
        self.message.setText(done.message.replace("\n", " "))

    def _failed(self, failure: Failure) -> None:
        self._finish()
        self.message.setText(f"Not signed: {failure}")

    # --- scans, verifying, copies -------------------------------------------------------

    def prompt_scan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Scan of the signed record", "",
                                              "PDF or image (*.pdf *.png *.jpg *.tif *.tiff)"
                                              ";;All files (*)")
        if name:
            self.attach_scan(Path(name))

    def attach_scan(self, path: Path) -> None:
        if self.number is None:
            return
        number = self.number
        run(lambda: records.attach_scan(self.desk, number, path), self.message,
            refused="Not attached: ", changed=self.changed.emit,
            on_done=lambda _done: self.set_decision(number))

    def prompt_verify(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Verify a signed record", "",
                                              "PDF (*.pdf);;All files (*)")
        if name:
            self.verify(Path(name))

    def verify(self, path: Path) -> bool:
        """Show what ``verify`` would print for ``path``; True when it holds."""
        done = run(lambda: records.verify(self.desk, path), self.message,
                   refused=f"Cannot verify {path}: ")
        return done is not None and done.value.ok

    def prompt_save(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        kept = self.kept[rows[0].row()]
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy", kept.file_name or "")
        if name:
            self.save_copy(rows[0].row(), Path(name))

    def save_copy(self, row: int, path: Path) -> None:
        kept = self.kept[row]
        run(lambda: records.save_copy(self.desk, kept.id, path), self.message,
            refused="Not saved: ")

    def selected_copy(self) -> Path | None:
        """The selected kept file written to a temporary folder (to open it); None, with
        the reason shown, if there is none or it cannot be handed out."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        kept = self.kept[rows[0].row()]
        return _temporary_copy(self.message,
                               kept.file_name or f"{kept.decision_number.replace('/', '-')}.pdf",
                               lambda path: records.save_copy(self.desk, kept.id, path))

    def open_selected(self) -> None:
        _open(self.selected_copy())


class AssessmentFilesPanel(QWidget):
    """The EqIA's (or DPIA's) attached documents: attach a new version, open one."""

    #: A document was attached: the use case's Changes.
    changed = Signal(object)

    def __init__(self, desk: Desk, assessment: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.assessment = assessment
        self.number: str | None = None
        self.files: list[AssessmentDocument] = []
        what = {"eqia": "EqIA", "dpia": "DPIA"}.get(assessment, assessment.upper())
        self.table = _table(f"{what} documents", ["Attached", "File", "By", "SHA-256"])
        self.table.setMaximumHeight(110)
        self.attach_button = _button(f"Attach {what} document…",
                                     f"Keep the {what} (Word or PDF) with this decision;"
                                     " a newer version is kept beside the older")
        self.open_button = _button(f"Open {what} document", "Open the selected document")
        self.message = QLabel()
        self.message.setAccessibleName(f"{what} documents message")
        self.message.setWordWrap(True)
        self.attach_button.clicked.connect(self.prompt_attach)
        self.open_button.clicked.connect(self.open_selected)
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        row = QHBoxLayout()
        row.addWidget(self.attach_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._selection()

    def set_decision(self, number: str | None) -> None:
        if number != self.number:
            self.message.clear()
        self.number = number
        self.files = [f for f in (records.assessment_documents_for(self.desk, number)
                                  if number else []) if f.assessment == self.assessment]
        _fill(self.table, [[_when(f.recorded_at), f.file_name, f.recorded_by,
                            f.sha256[:16] + "…"] for f in self.files],
              [f"SHA-256 {f.sha256}; {f.size:,} bytes" for f in self.files])
        self.attach_button.setEnabled(number is not None)
        self._selection()

    def _selection(self) -> None:
        self.open_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def prompt_attach(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, f"{self.assessment.upper()} document", "",
            "Documents (*.docx *.doc *.pdf *.odt);;All files (*)")
        if name:
            self.attach(Path(name))

    def attach(self, path: Path) -> None:
        if self.number is None:
            return
        number = self.number
        run(lambda: records.attach_assessment_document(self.desk, number, self.assessment,
                                                       path),
            self.message, refused="Not attached: ", changed=self.changed.emit,
            on_done=lambda _done: self.set_decision(number))

    def selected_copy(self) -> Path | None:
        """The selected document written to a temporary folder (to open it)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        chosen = self.files[rows[0].row()]
        return _temporary_copy(
            self.message, chosen.file_name,
            lambda path: records.save_assessment_copy(self.desk, chosen.id, path))

    def open_selected(self) -> None:
        _open(self.selected_copy())
