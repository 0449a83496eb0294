"""The meetings' minute books in SQLite (a part of :class:`db.sqlite_store.SqliteStore`):
one ``minute_books`` row a meeting (``db.schema`` m013), frozen by the register's
triggers once approved."""

from __future__ import annotations

import datetime as dt

from db import rows as rows_to
from governance.minute_book import MinuteBook


class MinuteBooksSql:
    """Uses the store's ``db``, ``_rows`` and ``_meeting_id`` (NotInRegister for a meeting
    the register does not hold)."""

    def minute_book(self, committee: str, date: dt.date) -> MinuteBook | None:
        query, params = rows_to.minute_books_query("?", committee, date.isoformat())
        found = self._rows(query, params)
        return rows_to.minute_book(found[0]) if found else None

    def minute_books(self, committee: str | None = None) -> list[MinuteBook]:
        query, params = rows_to.minute_books_query("?", committee, None)
        return [rows_to.minute_book(r) for r in self._rows(query, params)]

    def save_minute_book(self, book: MinuteBook) -> None:
        values = rows_to.minute_book_values(book)
        if values["approved_at"] is not None:
            values["approved_at"] = values["approved_at"].isoformat()
        self.db.execute(rows_to.save_minute_book_sql("?"),
                        [self._meeting_id(book.committee, book.date),
                         *(values[c] for c in rows_to.MINUTE_BOOK_COLUMNS)])
