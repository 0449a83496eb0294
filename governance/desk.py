"""What every use case is given, and what every use case gives back.

A :class:`Desk` holds the ports (the store, the documents, the signatures), who is
working and what day it is. The composition root (``main.py``) builds one; the window,
the command line and the tests call the use cases with it.

A mutating use case returns :class:`Done`: the sentence that says what it did (the
window and the command line show the same one) and the :class:`Changes` it made, so a
window refreshes only what they touch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from governance.audit import os_user
from governance.ports import Documents, Signatures, Store

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a use case changed: decisions by number, meetings by (committee, date),
    committees by name (their members and posts included), the files kept for decisions
    by number; ``everything`` after an import, a restore, the demo."""

    decisions: frozenset[str] = frozenset()
    meetings: frozenset[tuple[str, dt.date]] = frozenset()
    committees: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.decisions | other.decisions, self.meetings | other.meetings,
                       self.committees | other.committees, self.documents | other.documents,
                       self.everything or other.everything)

    def __bool__(self) -> bool:
        return bool(self.everything or self.decisions or self.meetings or self.committees
                    or self.documents)

    def touches_decisions(self) -> bool:
        return self.everything or bool(self.decisions)

    def touches_meetings(self) -> bool:
        return self.everything or bool(self.meetings) or bool(self.committees)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)


def changes_from_audit(entities: Iterable[tuple[str, str]]) -> Changes:
    """What another desktop changed, from the audit rows its unit of work wrote (entity,
    key): what a shared register tells the desktops listening. ("*", "*"): everything."""
    found = Changes()
    for entity, key in entities:
        if entity == "*":
            return EVERYTHING
        if entity == "decision":
            found = found | decisions_changed(key)
        elif entity in ("record_document", "assessment_document"):
            found = found | documents_changed(key) | decisions_changed(key)
        elif entity == "meeting":
            committee, _, day = key.rpartition(" ")
            try:
                found = found | meeting_changed(committee, dt.date.fromisoformat(day))
            except ValueError:
                return EVERYTHING
        elif entity == "committee":
            found = found | committee_changed(key)
        else:  # council, posts, members, a restore: what every screen may show
            return EVERYTHING
    return found


def decisions_changed(*numbers: str | Iterable[str]) -> Changes:
    flat: set[str] = set()
    for n in numbers:
        flat.update([n] if isinstance(n, str) else n)
    return Changes(decisions=frozenset(flat))


def meeting_changed(committee: str, date: dt.date) -> Changes:
    return Changes(meetings=frozenset({(committee, date)}))


def committee_changed(name: str) -> Changes:
    return Changes(committees=frozenset({name}))


def documents_changed(number: str) -> Changes:
    return Changes(documents=frozenset({number}))


@dataclass(frozen=True)
class Done(Generic[T]):
    """A use case's result: what to tell the user, what changed, and what it made."""

    message: str
    changes: Changes = NOTHING
    value: T | None = None
    #: Warnings beside the message ("note: ..." on the command line).
    notes: tuple[str, ...] = ()


@dataclass
class Desk:
    """The ports and the context every use case runs in."""

    store: Store
    documents: Documents
    signatures: Signatures | None = None
    user: str = field(default_factory=os_user)
    #: Today's date (tests and the window's "as if" mode set their own).
    clock: Callable[[], dt.date] = dt.date.today
    #: Opens another store on the same register, for work on another thread (a store's
    #: connection belongs to one thread); None: share this one (a register in memory).
    reopen: Callable[[], Store] | None = None

    def today(self) -> dt.date:
        return self.clock()

    def for_worker(self) -> Desk:
        """A desk for a background thread: the same register through its own store.
        Close it when the work is done (:meth:`close_worker`)."""
        if self.reopen is None:
            return self
        return dataclasses.replace(self, store=self.reopen())

    def close_worker(self, worker: Desk) -> None:
        if worker is not self:
            worker.store.close()

    def close(self) -> None:
        self.store.close()
