"""A decision's Past and Future Pathway of Paper as a clerk types it: one board a line,
with its date after a dash ("Adult Social Care and Health Directorate Management Team –
13 February 2019"), as the report cover prints it."""

from __future__ import annotations

import datetime as dt
import re

from governance.errors import UserError
from governance.model import PathwayStep

#: "board – date" (en dash, hyphen or comma before the date).
_LINE = re.compile(r"^(?P<board>.+)(?:\s*[–—]\s*|\s-\s|,\s*)(?P<date>.+)$")
_FORMATS = ("%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y")


class PathwayError(UserError):
    """A pathway line that cannot be read: names the line and what a date looks like."""


def _day(text: str) -> dt.date | None:
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text.strip())
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def parse_pathway(text: str, what: str = "pathway") -> list[PathwayStep]:
    """The steps of ``text``, one a line; a line whose end looks like a date but is not
    one is refused with the line named."""
    steps = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip().lstrip("•*").strip()
        if not line:
            continue
        found = _LINE.match(line)
        if found and re.search(r"\d", found["date"]):
            day = _day(found["date"])
            if day is None:
                raise PathwayError(
                    f"{what}, line {number}: {found['date'].strip()!r} is not a date; write"
                    " the board, a dash and the date, e.g. 'Cabinet – 4 January 2024'")
            steps.append(PathwayStep(found["board"].strip(), day))
        else:
            steps.append(PathwayStep(line))
    return steps


def pathway_text(steps: list[PathwayStep]) -> str:
    """The steps as :func:`parse_pathway` reads them back, one a line."""
    return "\n".join(f"{s.board} – {s.date.day} {s.date:%B %Y}" if s.date else s.board
                     for s in steps)
