"""A register row for row, in SQLite (a part of :class:`db.sqlite_store.SqliteStore`):
what ``transfer`` copies to a shared register, and what a shared register's backup is
written as (a register file)."""

from __future__ import annotations

from typing import Any

from db.schema import TABLES
from governance.ports import RegisterRows

#: How each table's rows are ordered (id where it has one).
ORDER = {"settings": "key", "paper_files": "sha256", "number_sequence": "year",
         "meeting_details": "meeting_id", "meeting_members": "meeting_id, position",
         "minute_books": "meeting_id"}


class RowsSql:
    """Uses the store's ``db``, ``_rows``, ``_one`` and ``_index_text``."""

    def dump(self) -> RegisterRows:
        """Every row, read in one snapshot (one read transaction)."""
        tables: list[tuple[str, list[dict[str, Any]]]] = []
        mine = not self.db.conn.in_transaction
        if mine:  # a read transaction: one snapshot, while others write (WAL)
            self.db.execute("BEGIN")
        try:
            for table in TABLES:
                tables.append((table, self._rows(
                    f"SELECT * FROM {table} ORDER BY {ORDER.get(table, 'id')}")))
            high = self.audit_high_water()
        finally:
            if mine:
                self.db.execute("COMMIT")
        return RegisterRows(tables, high)

    def load(self, rows: RegisterRows) -> None:
        by_table = dict(rows.tables)
        statuses: dict[str, str] = {}
        for table in TABLES:
            given = by_table.get(table, [])
            if table == "decisions":  # parts go in before the status that freezes them
                statuses = {r["number"]: r["status"] for r in given}
                given = [{**r, "status": "draft"} for r in given]
            columns = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            for r in given:
                values = {k: v for k, v in r.items() if k in columns}
                self.db.execute(f"INSERT INTO {table} ({', '.join(values)})"
                                f" VALUES ({', '.join(':' + c for c in values)})", values)
            if table == "committee_considerations":
                for number, status in statuses.items():
                    self.db.execute("UPDATE decisions SET status = ? WHERE number = ?",
                                    [status, number])
                for d in self.decisions():
                    self._index_text(d)
        self.db.execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'audit', 0"
                        " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence"
                        " WHERE name = 'audit')")
        self.db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'audit'",
                        [rows.audit_high_water])
