"""The Decision screen's "Forward Plan" box (Committee tab): when the decision is expected
to be taken, a day ("14 March 2024") or, when only that is known, a month ("March 2024"),
as the Forward Plan prints it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit

from governance.errors import UserError
from governance.model import Decision
from governance.plan import expected_words, parse_expected

LABEL = "Expected to be taken"


class ExpectedPanel(QGroupBox):
    def __init__(self, parent=None):
        super().__init__("Forward Plan", parent)
        form = QFormLayout(self)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(LABEL)
        self.edit.setPlaceholderText("A day (14 March 2024) or a month (March 2024)")
        self.note = QLabel("A key decision is listed on the Forward Plan for the period that"
                           " holds this date.")
        self.note.setWordWrap(True)
        form.addRow(f"{LABEL}:", self.edit)
        form.addRow("", self.note)
        self._shown: str | None = None

    def show_decision(self, d: Decision) -> None:
        self._shown = d.expected_on
        self.edit.setText(expected_words(d.expected_on))
        self.edit.setReadOnly(d.is_taken or d.status == "withdrawn")

    def values(self) -> dict[str, str | None]:
        """The expected date on screen as the register keeps it; text that cannot be read
        keeps what was shown (saving is refused by :meth:`errors` first)."""
        try:
            return {"expected_on": parse_expected(self.edit.text())}
        except UserError:
            return {"expected_on": self._shown}

    def errors(self) -> list[str]:
        try:
            parse_expected(self.edit.text())
        except UserError as exc:
            return [f"{LABEL}: {exc}"]
        return []
