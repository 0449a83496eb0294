"""A register shared by a team: moving a register from one store to another, whole.

``transfer`` copies a clerk's register (a file) into an empty shared one: every row, the
papers and kept files with them, the audit trail with its hash chain as it was; then
checks the copy (the chain, every decision against its last audited state, every kept
file against its hash) before it is committed. All or nothing.
"""

from __future__ import annotations

from governance import audit
from governance.decisions import verify_audit
from governance.desk import EVERYTHING, Desk, Done
from governance.errors import StoreError, UserError
from governance.exchange import export_text
from governance.ports import RegisterRows, Registers, SharedRegisters, Store


class TransferError(UserError):
    pass


def _counts(rows: RegisterRows) -> str:
    parts = [(rows.count("decisions"), "decision"), (rows.count("meetings"), "meeting"),
             (rows.count("papers"), "paper"),
             (rows.count("decision_documents") + rows.count("assessment_documents"),
              "kept file"), (rows.count("audit"), "audit row")]
    return ", ".join(f"{n:,} {word}{'s' if n != 1 else ''}" for n, word in parts)


def copy_register(desk: Desk, source: Store) -> RegisterRows:
    """Load everything ``source`` holds into the desk's (empty) store, in the caller's
    unit of work, and check the copy against the source before it is kept."""
    if not desk.store.is_empty():
        raise TransferError(f"{desk.store.location} already holds a register: a register is"
                            " copied only into an empty one (run init on a new database)")
    rows = source.dump()
    desk.store.load(rows)
    target = desk.store
    count, broken, why = audit.verify_chain(target.audit_rows(), target.audit_high_water())
    if broken is not None:
        raise StoreError(f"the copy's audit trail does not verify at row {broken} ({why}):"
                         " nothing was copied")
    if count != rows.count("audit"):
        raise StoreError(f"the copy has {count} audit rows where {source.location} has"
                         f" {rows.count('audit')}: nothing was copied")
    from_desk = Desk(source, desk.documents)
    if export_text(desk) != export_text(from_desk):
        raise StoreError("the copy does not export as the register it was copied from does:"
                         " nothing was copied")
    return rows


def transfer(desk: Desk, source: Store) -> Done[RegisterRows]:
    """``transfer FILE``: the register in ``source`` copied into the desk's empty store,
    whole, checked, all or nothing."""
    with desk.store.transaction():
        rows = copy_register(desk, source)
        checked, broken, why = verify_audit(desk)
        if broken is not None:
            raise StoreError(f"the copy does not verify at audit row {broken} ({why}):"
                             " nothing was copied")
    return Done(f"Transferred {source.location} to {desk.store.location}: {_counts(rows)};"
                f" the audit trail verifies ({checked:,} rows, each linked to the one"
                " before) and every kept file matches its hash.", EVERYTHING, rows)


# --- setting up a shared register (the administrator's commands) ------------------------------

#: What each role ``grant`` gives may do.
ROLE_WORDS = {"clerk": "everything the app does",
              "reader": "reads the register, never exempt content"}


def _shared(registers: Registers, location: str) -> SharedRegisters:
    if not isinstance(registers, SharedRegisters):
        raise TransferError(f"{location} is a register file: init and grant are for a shared"
                            " register (--db postgresql://USER@HOST/DBNAME)")
    return registers


def init(registers: Registers, location: str) -> Done[list[str]]:
    """``init``: the schema and the two group roles in an empty database, or the
    migrations an existing shared register lacks."""
    done = _shared(registers, location).init(location)
    if not done:
        return Done(f"{location} is up to date: nothing to do.", value=done)
    return Done(f"Made the register's schema in {location} ({', '.join(done)}), with the"
                f" roles desk_clerk ({ROLE_WORDS['clerk']}) and desk_reader"
                f" ({ROLE_WORDS['reader']}); give them to logins with grant.", EVERYTHING,
                done)


def grant(registers: Registers, location: str, login: str, role: str) -> Done[str]:
    """``grant LOGIN --role clerk|reader``: a login role becomes a clerk or a reader (and
    stops being the other)."""
    if role not in ROLE_WORDS:
        raise TransferError(f"{role!r} is not a role: clerk or reader")
    group = _shared(registers, location).grant(location, login, role)
    return Done(f"{login} now has {group} on {location}: {ROLE_WORDS[role]}.", value=group)
