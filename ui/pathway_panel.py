"""The Decision screen's "Pathway of paper" box (Committee tab): where the report went
before the committee (Past Pathway of Paper) and goes after it (Future Pathway), one
board a line with its date ("Adult Social Care and Health Directorate Management Team –
13 February 2019"), as the report cover prints them."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QPlainTextEdit

from governance.errors import UserError
from governance.model import Decision, PathwayStep
from governance.pathway import parse_pathway, pathway_text

#: The decision's fields this panel edits, with the words a clerk sees.
FIELDS = {"past_pathway": "Past Pathway of Paper", "future_pathway": "Future Pathway of Paper"}


class PathwayPanel(QGroupBox):
    def __init__(self, parent=None):
        super().__init__("Pathway of paper (printed on the report cover)", parent)
        self.edits: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(self)
        for key, label in FIELDS.items():
            edit = QPlainTextEdit()
            edit.setAccessibleName(label)
            edit.setPlaceholderText("One board a line, e.g. Adult Social Care and Health"
                                    " Directorate Management Team – 13 February 2019")
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(64)
            self.edits[key] = edit
            form.addRow(f"{label}:", edit)
        self._shown: dict[str, list[PathwayStep]] = {key: [] for key in FIELDS}

    def show_decision(self, d: Decision) -> None:
        frozen = d.is_taken or d.status == "withdrawn"
        for key, edit in self.edits.items():
            self._shown[key] = list(getattr(d, key))
            edit.setPlainText(pathway_text(getattr(d, key)))
            edit.setReadOnly(frozen)

    def values(self) -> dict[str, list[PathwayStep]]:
        """The steps on screen; a box that cannot be read keeps what was shown (saving is
        refused by :meth:`errors` first)."""
        out = {}
        for key, edit in self.edits.items():
            try:
                out[key] = parse_pathway(edit.toPlainText(), FIELDS[key])
            except UserError:
                out[key] = self._shown[key]
        return out

    def errors(self) -> list[str]:
        out = []
        for key, edit in self.edits.items():
            try:
                parse_pathway(edit.toPlainText(), FIELDS[key])
            except UserError as exc:
                out.append(str(exc))
        return out
