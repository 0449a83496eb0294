"""The meetings' minute books on PostgreSQL (a part of
:class:`db.postgres_store.PostgresStore`): one ``minute_books`` row a meeting
(``db.postgres_schema`` m009), frozen by the register's triggers once approved."""

from __future__ import annotations

import datetime as dt

from db import rows as rows_to
from governance.errors import NotInRegister
from governance.minute_book import MinuteBook


class MinuteBooksPg:
    """Uses the store's ``_rows``, ``_one`` and ``_exec``."""

    def minute_book(self, committee: str, date: dt.date) -> MinuteBook | None:
        query, params = rows_to.minute_books_query("%s", committee, date, ' COLLATE "C"')
        found = self._rows(query, params)
        return rows_to.minute_book(found[0]) if found else None

    def minute_books(self, committee: str | None = None) -> list[MinuteBook]:
        query, params = rows_to.minute_books_query("%s", committee, None, ' COLLATE "C"')
        return [rows_to.minute_book(r) for r in self._rows(query, params)]

    def save_minute_book(self, book: MinuteBook) -> None:
        meeting = self._one("SELECT m.id FROM meetings m JOIN committees c"
                            " ON c.id = m.committee_id WHERE c.name = %s AND m.date = %s",
                            [book.committee, book.date])
        if meeting is None:
            raise NotInRegister("meetings", (book.committee, book.date))
        values = rows_to.minute_book_values(book)
        self._exec(rows_to.save_minute_book_sql("%s"),
                   [meeting, *(values[c] for c in rows_to.MINUTE_BOOK_COLUMNS)])
