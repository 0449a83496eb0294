"""Dialogs of the agenda builder about one item: the committee's outcome for the decision
an item considers (the same act as on the Decision screen's Committee tab), and a
paper's title."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from governance.vocab import OUTCOMES


def _lay_out(dialog: QDialog, note: str, rows: list[tuple[str, QWidget]], ok: str) -> None:
    """The note, the fields (each labelled, its label leading to it) and OK/Cancel."""
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    text = QLabel(note)
    text.setWordWrap(True)
    layout = QVBoxLayout(dialog)
    for part in (text, form, buttons):
        (layout.addLayout if isinstance(part, QFormLayout) else layout.addWidget)(part)


class OutcomeDialog(QDialog):
    """The committee's outcome for the decision item ``number`` considers."""

    def __init__(self, number: str, decision: str, meeting: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Outcome of item {number}")
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Outcome")
        for o in OUTCOMES:
            self.outcome.addItem(o.replace("_", " ").capitalize(), o)
        self.recommendations = QPlainTextEdit()
        self.recommendations.setAccessibleName("Recommendations")
        self.recommendations.setMaximumHeight(90)
        _lay_out(self, f"What the {meeting} decided on {decision}: recorded on the decision"
                       " itself, as its Committee tab records it.",
                 [("&Outcome:", self.outcome), ("&Recommendations:", self.recommendations)],
                 "Record")

    def answers(self) -> tuple[str, str | None]:
        return (self.outcome.currentData(),
                self.recommendations.toPlainText().strip() or None)


class PaperTitleDialog(QDialog):
    """A paper's title (empty: shown by its file name)."""

    def __init__(self, file_name: str, title: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Paper title")
        self.title = QLineEdit(title or "")
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText(file_name)
        self.setMinimumWidth(520)
        _lay_out(self, f"The title the agenda pack's bookmark and the Meetings screen show"
                       f" for {file_name} (empty: its file name).", [("&Title:", self.title)],
                 "OK")
