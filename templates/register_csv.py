"""The register as a CSV file a clerk opens in Excel: one row a decision, the columns the
Register screen and the Forward Plan use, statuses in words.

UTF-8 with a byte-order mark (so Excel reads £ and accented names correctly), CRLF line
ends and RFC 4180 quoting (the csv module). Dates are ISO (2023-11-23), which Excel
recognises as dates and sorts. It is a listing: an exempt decision's number and title
appear, as on the Forward Plan, but never the text of its record.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from governance.calendar import call_in_period_end
from governance.ports import ListingRow
from governance.vocab import STATUS_LABELS

COLUMNS = ("Decision No", "Title", "Status", "Key decision", "Decision maker", "Committee",
           "Considered on", "Date taken", "Published", "Call-in ends", "Exempt")


def _key(value: bool | None) -> str:
    return "" if value is None else "Yes" if value else "No"


def csv_row(row: ListingRow) -> list[str]:
    s = row.summary
    published = s.published_on
    call_in = call_in_period_end(dt.date.fromisoformat(published)).isoformat() if published else ""
    return [
        s.number, s.title, STATUS_LABELS.get(s.status, s.status), _key(s.key_decision),
        s.decision_maker or "",
        "; ".join(committee for committee, _ in row.considerations),
        "; ".join(day.isoformat() for _, day in row.considerations),
        s.taken_on or "", published or "", call_in,
        f"Paragraph {s.exempt_paragraph}" if s.exempt_paragraph else "",
    ]


def register_csv(rows: Iterable[ListingRow]) -> bytes:
    """The rows as CSV bytes: UTF-8 with BOM, a header row, CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(csv_row(row))
    return out.getvalue().encode("utf-8-sig")
