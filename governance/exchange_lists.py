"""What the register keeps beside its decisions and meetings (in its settings), carried by
the interchange's optional keys of issue 15: the statutory notices published
(``statutory_notices``), the Forward Plans published (``forward_plans``) and each
committee's regular and suggested items (``work_programmes``).

:func:`read` gives them to export; :func:`import_lists` adds a file's inside the import's
unit of work. An entry the register holds as the file has it is the same entry; a notice
or plan that the register records otherwise (the same notice for the same meeting, the
same plan's day and period) is refused, as a meeting is; a regular or suggested item of
the same title that differs follows the import's way with existing entries.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from governance import audit, forward_plan, notices, work_programme
from governance.desk import Desk
from governance.interchange import (
    notice_to_dict,
    plan_to_dict,
    regular_item_to_dict,
    suggestion_to_dict,
)
from governance.model import RegisterDocument
from governance.notice import NoticePublication
from governance.plan import PlanPublication
from governance.programme import ProgrammeLists


class ExistingWay(Protocol):
    """The import's way with entries the register already holds (``exchange._Existing``)."""

    same: int

    def differs(self, where: str, label: str, register: dict, file: dict,
                always_refused: str | None = None) -> bool: ...

    def audit(self, entity: str, key: str, before: dict, after: dict) -> None: ...


@dataclass(frozen=True)
class Lists:
    """The register's lists as an export carries them."""

    notices: list[NoticePublication]
    forward_plans: list[PlanPublication]
    work_programmes: list[ProgrammeLists]


def read(desk: Desk) -> Lists:
    """The notices and plans published, in the order recorded, and each committee's
    regular and suggested items (committees in the register's order; those with none
    too: the interchange leaves them out)."""
    return Lists(notices.published(desk), forward_plan.publications(desk), [
        ProgrammeLists(c.name, tuple(work_programme.regular_items(desk, c.name)),
                       tuple(work_programme.suggestions(desk, c.name)))
        for c in desk.store.committees()])


@dataclass
class Added:
    notices: int = 0
    forward_plans: int = 0
    programme_items: int = 0


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _as_recorded(file: dict, register: dict) -> dict:
    """The file's entry, taking the register's ``recorded_by`` where the file gives none."""
    return file | {"recorded_by": register["recorded_by"]} if not file["recorded_by"] else file


def _add_published(desk: Desk, way: ExistingWay, source: str, entries: list, held: list,
                   as_file: Callable[[Any], dict], record: Callable[[Any], dict],
                   key: Callable[[dict], tuple], path: str, label: Callable[[dict], str],
                   entity: str, audit_key: Callable[[dict], str]) -> list[dict]:
    """The records to keep: the register's, then each of ``entries`` it does not hold."""
    kept = [record(p) for p in held]
    by_key = {key(as_file(p)): as_file(p) for p in held}
    added = []
    for i, entry in enumerate(entries):
        if not entry.recorded_by:
            entry = dataclasses.replace(entry, recorded_by=desk.user)
        file = as_file(entry)
        there = by_key.get(key(file))
        if there is not None:
            way.differs(path.format(i), label(file), there, _as_recorded(file, there),
                        always_refused="a publication in the register is recorded once:"
                                       " record a correction in the register itself")
            continue
        by_key[key(file)] = file
        kept.append(record(entry))
        added.append(entry)
        audit.record(desk.store, entity, audit_key(file), source, None, file, desk.user)
    return kept if added else []


def import_lists(desk: Desk, doc: RegisterDocument, way: ExistingWay,
                 source: str = "import") -> Added:
    """Add ``doc``'s notices, plans and work programme items to what the register keeps,
    audited; call inside the import's unit of work."""
    added = Added()
    if doc.notices:
        held_notices = notices.published(desk)
        kept = _add_published(
            desk, way, source, doc.notices, held_notices, notice_to_dict,
            notices.publication_record,
            lambda n: (n["kind"], n["decision"], n["committee"], n["date"]),
            "statutory_notices[{}]",
            lambda n: (f"the {n['kind']} notice for {n['decision']}"
                       + (f" ({n['committee']}, {n['date']})" if n["date"] else "")
                       + " is already recorded"),
            notices.NOTICE_ENTITY, lambda n: n["decision"])
        if kept:
            added.notices = len(kept) - len(held_notices)
            notices.keep_publications(desk, kept)
    if doc.forward_plans:
        held = forward_plan.publications(desk)
        kept = _add_published(
            desk, way, source, doc.forward_plans, held, plan_to_dict,
            forward_plan.publication_record,
            lambda p: (p["published_on"], p["from"], p["to"]), "forward_plans[{}]",
            lambda p: (f"the Forward Plan published on {p['published_on']} for {p['from']}"
                       f" to {p['to']} is already recorded"),
            "forward_plan", lambda p: p["published_on"])
        if kept:
            added.forward_plans = len(kept) - len(held)
            forward_plan.keep_publications(desk, kept)
    for i, lists in enumerate(doc.work_programmes):
        added.programme_items += _import_programme(desk, way, source, i, lists)
    return added


def _merged(way: ExistingWay, where: str, what: str, held: list, entries: tuple,
            as_file: Callable[[Any], dict]) -> tuple[list, list[tuple[Any, Any]]]:
    """``held`` with ``entries`` added or (as ``way`` says) updated by title, and what
    changed: (before or None, after)."""
    out = list(held)
    changed: list[tuple[Any, Any]] = []
    for j, entry in enumerate(entries):
        at = next((k for k, h in enumerate(out) if _same_title(h.title, entry.title)), None)
        if at is None:
            out.append(entry)
            changed.append((None, entry))
        elif way.differs(where.format(j), f"{what} {out[at].title!r} is already kept",
                         as_file(out[at]), as_file(entry)):
            changed.append((out[at], entry))
            out[at] = entry
    return out, changed


def _import_programme(desk: Desk, way: ExistingWay, source: str, i: int,
                      lists: ProgrammeLists) -> int:
    name = lists.committee
    regular, new_regular = _merged(
        way, f"work_programmes[{i}].regular_items[{{}}].title",
        f"{name}'s regular item", work_programme.regular_items(desk, name), lists.regular,
        regular_item_to_dict)
    suggested, new_suggested = _merged(
        way, f"work_programmes[{i}].suggested_items[{{}}].title",
        f"{name}'s suggested item", work_programme.suggestions(desk, name), lists.suggested,
        suggestion_to_dict)
    if not (new_regular or new_suggested):
        return 0
    work_programme.keep_lists(desk, name, regular, suggested)
    for key, as_file, changed in (("regular_item", regular_item_to_dict, new_regular),
                                  ("suggested_item", suggestion_to_dict, new_suggested)):
        for before, after in changed:
            if before is None:
                audit.record(desk.store, "committee", name, source, None,
                             {key: as_file(after)}, desk.user)
            else:
                way.audit("committee", name, {key: as_file(before)}, {key: as_file(after)})
    return sum(before is None for before, _ in [*new_regular, *new_suggested])


def summary_words(added: Added) -> list[str]:
    """What :func:`import_lists` added, in words, only what it added."""
    return [f"{n} {word}{'' if n == 1 else 's'}" for n, word in (
        (added.notices, "published notice"), (added.forward_plans, "published Forward Plan"),
        (added.programme_items, "work programme item")) if n]


__all__ = ["Added", "Lists", "import_lists", "read", "summary_words"]
