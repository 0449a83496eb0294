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


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


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
        form = QFormLayout()
        form.addRow("&Outcome:", self.outcome)
        form.addRow("&Recommendations:", self.recommendations)
        note = QLabel(f"What the {meeting} decided on {decision}: recorded on the decision"
                      " itself, as its Committee tab records it.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Record"))

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
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        note = QLabel(f"The title the agenda pack's bookmark and the Meetings screen show for"
                      f" {file_name} (empty: its file name).")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "OK"))
