"""A register shared by a team: moving a register from one store to another, whole; and
what a desktop working on it needs to hear the others (:func:`change_feed`,
:func:`audit_mark`) and to know when its connection to the server is gone
(:func:`connection_lost`).

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
from governance.ports import ChangeFeed, RegisterRows, Registers, SharedRegisters, Store


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


# --- working on a shared register from a desktop ---------------------------------------------


def change_feed(desk: Desk) -> ChangeFeed | None:
    """What other desktops commit to the desk's register, as it happens (a connection of
    its own, for a thread of its own; close it when done); None for a register nobody
    else writes (a file on one desktop). Each batch becomes Changes by
    :func:`governance.desk.changes_from_audit`."""
    return desk.store.change_feed()


def audit_mark(desk: Desk) -> int:
    """Where the register's audit trail stands (its high-water mark): every committed unit
    of work moves it. A desktop reads it before loading its screens and again once its
    feed is listening: a change between the two was committed before the feed could
    hear it."""
    return desk.store.audit_high_water()


#: What a store's sentence says when the server cannot be reached or the connection to
#: it broke (mid-work: "... was lost (...): nothing was changed"; opening: "cannot reach
#: the register at ...").
LOST_WORDS = ("was lost", "cannot reach")


def connection_lost(error: BaseException) -> bool:
    """Whether ``error`` is the register's server being out of reach (stopped,
    restarting, the network down), as opposed to a refusal that trying again will not
    change (no such database, a wrong password, not a register)."""
    return isinstance(error, StoreError) and any(words in str(error) for words in LOST_WORDS)
