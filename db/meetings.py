"""Meetings and their agendas in the store: one meeting with everything its front sheet
needs, attaching papers (checked first), exempt paragraphs, the order of items,
standing items from each committee's template, and publication against the statutory
deadline.

Every change is one transaction with its audit row. Items are addressed as the agenda
numbers them: ``7`` for the seventh item, ``9a`` (or ``9(a)``, ``9 a)``) for its first
sub-item; the numbers are never stored, only positions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db import store
from governance.calendar import agenda_publication_deadline
from governance.errors import UserError
from governance.model import (
    AgendaItem,
    Committee,
    Decision,
    Meeting,
    Member,
    Membership,
    Paper,
    Post,
)
from governance.papers import MAX_PAPER_BYTES, check_paper
from governance.vocab import EXEMPT_PARAGRAPHS, NOTICES, ROLES, TIME_RE

# --- schema (migration m003_meetings in db/schema.py calls this) ------------------------


def create_meeting_tables(db: Database) -> None:
    roles = "(" + ", ".join(f"'{r}'" for r in ROLES) + ")"
    for sql in (
        # One row per meeting once anything beyond the interchange fields is recorded.
        """CREATE TABLE meeting_details (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            published_late INTEGER NOT NULL DEFAULT 0 CHECK (published_late IN (0, 1)),
            late_reason TEXT,
            published_by TEXT,
            membership_recorded INTEGER NOT NULL DEFAULT 0
                CHECK (membership_recorded IN (0, 1)),
            seats INTEGER CHECK (seats >= 0),
            party_seats TEXT,
            CHECK (published_late = 0 OR length(trim(coalesce(late_reason, ''))) > 0))""",
        # The membership as printed on the meeting's agenda (frozen when it is published).
        f"""CREATE TABLE meeting_members (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            member_id INTEGER NOT NULL REFERENCES members(id),
            role TEXT NOT NULL CHECK (role IN {roles}),
            position INTEGER NOT NULL,
            PRIMARY KEY (meeting_id, member_id))""",
        """CREATE TABLE standing_items (
            id INTEGER PRIMARY KEY,
            committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
            placement TEXT NOT NULL CHECK (placement IN ('start', 'end')),
            position INTEGER NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            description TEXT,
            UNIQUE (committee_id, placement, position))""",
    ):
        db.execute(sql)


# --- domain of this module --------------------------------------------------------------


class MeetingError(UserError):
    """A meeting change the register refuses, saying why and what would do."""


@dataclass(frozen=True)
class StandingItem:
    """An item every agenda of a committee carries. ``{previous_meeting}`` in the title
    or description becomes the date of the committee's previous meeting."""

    title: str
    description: str | None = None


@dataclass(frozen=True)
class StandingTemplate:
    start: tuple[StandingItem, ...]
    end: tuple[StandingItem, ...]
    #: False when the committee has none recorded and Kent's usual set applies.
    recorded: bool = True


#: Kent's usual standing items (the 2019 and 2023 Adult Social Care papers), used for a
#: committee that has no template of its own.
DEFAULT_STANDING_ITEMS = StandingTemplate(
    start=(
        StandingItem("Introduction/Webcasting Announcement"),
        StandingItem("Apologies and Substitutes",
                     "To receive apologies for absence and notification of any substitutes"
                     " present."),
        StandingItem("Declarations of Interest by Members in items on the agenda",
                     "To receive any declarations of interest made by Members in relation to"
                     " any matter on the agenda. Members are reminded to specify the agenda"
                     " item number to which it refers and the nature of the interest being"
                     " declared."),
        StandingItem("Minutes of the meeting held on {previous_meeting}",
                     "To consider and approve the minutes as a correct record."),
        StandingItem("Verbal Updates by Cabinet Member and Corporate Director",
                     "To receive verbal updates from the Cabinet Member and the Corporate"
                     " Director."),
    ),
    end=(
        StandingItem("Work Programme",
                     "To receive a report from General Counsel on the Committee's work"
                     " programme."),
    ),
    recorded=False,
)

#: What a decision item is for, when the clerk gives no description (Kent's words: the
#: committee considers the proposed decision before the decision-maker takes it).
DECISION_ITEM_DESCRIPTION = (
    "To receive a report and to consider and either endorse or make recommendations to"
    " the {decision_maker} on the proposed decision.")


@dataclass(frozen=True)
class Publication:
    """The agenda's publication against the statutory deadline (LGA 1972 s100B)."""

    deadline: dt.date
    published_on: dt.date | None = None
    late: bool = False
    late_reason: str | None = None

    @property
    def status(self) -> str:
        if self.published_on is None:
            return "unpublished"
        return "late" if self.late else "on_time"


@dataclass
class MeetingDetails:
    """One meeting with what its front sheet and pack need."""

    meeting: Meeting
    #: The committee with the membership, seats and party seats as printed on this
    #: meeting's agenda: the recorded snapshot, or the committee as it is now.
    committee: Committee
    members: dict[str, Member]
    clerk: Post | None
    proper_officer: Post | None
    publication: Publication
    membership_recorded: bool = False
    #: Decisions on the agenda whose record is exempt, with their Schedule 12A paragraph
    #: (their numbers stay out of public documents, and so do the papers of their items).
    exempt_decisions: dict[str, int] = field(default_factory=dict)


def publication_for(
    meeting_date: dt.date, on: dt.date, late_reason: str | None = None,
) -> Publication:
    """The rule: an agenda published by the deadline is on time; after it, only with a
    recorded reason (urgent business), and it is flagged late; never on or after the
    meeting day."""
    deadline = agenda_publication_deadline(meeting_date)
    if on >= meeting_date:
        raise MeetingError(
            f"the agenda cannot be published on {_day(on)}: the meeting is on"
            f" {_day(meeting_date)}; publish it by {_day(deadline)} (5 clear working days"
            " before)")
    if on <= deadline:
        return Publication(deadline, on, False, None)
    reason = (late_reason or "").strip()
    if not reason:
        raise MeetingError(
            f"publishing on {_day(on)} is late: the agenda had to be published by"
            f" {_day(deadline)} (5 clear working days before the meeting on"
            f" {_day(meeting_date)}); give the reason for late publication (the urgent"
            " business) to publish it late")
    return Publication(deadline, on, True, reason)


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


# --- reading ---------------------------------------------------------------------------


def _rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row)) for row in cursor]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _meeting_row(db: Database, committee: str, date: dt.date) -> dict[str, Any]:
    rows = _rows(db, "SELECT m.*, c.name AS committee, c.id AS cid FROM meetings m"
                     " JOIN committees c ON c.id = m.committee_id"
                     " WHERE c.name = ? AND m.date = ?", [committee, date.isoformat()])
    if rows:
        return rows[0]
    known = _rows(db, "SELECT c.name FROM committees c WHERE c.name = ?", [committee])
    if not known:
        names = [r["name"] for r in _rows(db, "SELECT name FROM committees ORDER BY name")]
        raise MeetingError(f"there is no committee called {committee!r} in the register"
                           f" (committees: {', '.join(names) or 'none'})")
    dates = [r["date"] for r in _rows(
        db, "SELECT m.date FROM meetings m JOIN committees c ON c.id = m.committee_id"
            " WHERE c.name = ? ORDER BY m.date", [committee])]
    raise MeetingError(f"{committee} has no meeting on {date.isoformat()} (its meetings:"
                       f" {', '.join(dates) or 'none'})")


def _details_row(db: Database, meeting_id: int) -> dict[str, Any] | None:
    rows = _rows(db, "SELECT * FROM meeting_details WHERE meeting_id = ?", [meeting_id])
    return rows[0] if rows else None


def _items(db: Database, meeting_id: int) -> list[AgendaItem]:
    items = _rows(db, "SELECT * FROM agenda_items WHERE meeting_id = ?"
                      " ORDER BY parent_id IS NOT NULL, parent_id, position", [meeting_id])
    papers: dict[int, list[Paper]] = {}
    for p in _rows(db, "SELECT p.*, f.content FROM papers p JOIN paper_files f"
                       " ON f.sha256 = p.sha256 JOIN agenda_items i ON i.id = p.item_id"
                       " WHERE i.meeting_id = ? ORDER BY p.item_id, p.position", [meeting_id]):
        papers.setdefault(p["item_id"], []).append(Paper(
            p["file_name"], p["title"], p["exempt_paragraph"], p["sha256"], p["content"]))
    return item_trees(items, papers).get(meeting_id, [])


def item_trees(items: list[dict[str, Any]],
               papers: dict[int, list[Paper]]) -> dict[int, list[AgendaItem]]:
    """Agenda item rows (parents before their sub-items) as each meeting's items, in
    order, with their sub-items and papers: meeting id -> top-level items."""
    built: dict[int, AgendaItem] = {}
    top: dict[int, list[AgendaItem]] = {}
    for i in items:
        item = AgendaItem(i["title"], None if i["standing"] is None else bool(i["standing"]),
                          i["description"], i["decision_number"], papers.get(i["id"], []),
                          i["exempt_paragraph"])
        built[i["id"]] = item
        if i["parent_id"] is None:
            top.setdefault(i["meeting_id"], []).append(item)
        else:
            built[i["parent_id"]].items.append(item)
    return top


def _committee(db: Database, cid: int) -> Committee:
    row = _rows(db, "SELECT * FROM committees WHERE id = ?", [cid])[0]
    membership = [Membership(r["name"], r["role"]) for r in _rows(
        db, "SELECT mb.name, ms.role FROM memberships ms JOIN members mb"
            " ON mb.id = ms.member_id WHERE ms.committee_id = ? ORDER BY ms.position", [cid])]
    return Committee(row["name"], row["kind"], row["seats"],
                     json.loads(row["party_seats"]) if row["party_seats"] else None,
                     membership)


def _post_by_holder(db: Database, holder: str | None) -> Post | None:
    if not holder:
        return None
    rows = _rows(db, "SELECT * FROM posts WHERE holder = ? ORDER BY (phone IS NULL),"
                     " (title NOT LIKE '%Democratic Services%'), id", [holder])
    return Post(rows[0]["title"], rows[0]["holder"], rows[0]["phone"], rows[0]["email"]) \
        if rows else None


def _post_by_title(db: Database, title: str | None) -> Post | None:
    if not title:
        return None
    rows = _rows(db, "SELECT * FROM posts WHERE title = ?", [title])
    if rows:
        return Post(rows[0]["title"], rows[0]["holder"], rows[0]["phone"], rows[0]["email"])
    return _post_by_holder(db, title)


def meeting(register: Any, committee: str, date: dt.date) -> MeetingDetails:
    """The meeting of ``committee`` on ``date`` with its items, papers (with their
    content), the membership as printed, the clerk's and proper officer's posts and the
    publication."""
    db: Database = register.db
    row = _meeting_row(db, committee, date)
    details = _details_row(db, row["id"])
    current = _committee(db, row["cid"])
    recorded = bool(details and details["membership_recorded"])
    if recorded:
        assert details is not None
        printed = Committee(
            current.name, current.kind, details["seats"],
            json.loads(details["party_seats"]) if details["party_seats"] else None,
            [Membership(r["name"], r["role"]) for r in _rows(
                db, "SELECT mb.name, mm.role FROM meeting_members mm JOIN members mb"
                    " ON mb.id = mm.member_id WHERE mm.meeting_id = ? ORDER BY mm.position",
                [row["id"]])])
    else:
        printed = current
    items = _items(db, row["id"])
    m = Meeting(committee=row["committee"], date=_date(row["date"]), time=row["time"],
                venue=row["venue"], clerk=row["clerk"], proper_officer=row["proper_officer"],
                published_on=_date(row["published_on"]), notices=json.loads(row["notices"]),
                items=items)
    publication = _publication(m.date, m.published_on, details)
    members = {r["name"]: Member(r["name"], r["party"], r["honours"])
               for r in _rows(db, "SELECT * FROM members")}
    numbers = [n for n in decision_numbers(items)]
    exempt: dict[str, int] = {}
    if numbers:
        marks = ",".join("?" * len(numbers))
        exempt = {r["number"]: r["exempt_paragraph"] for r in _rows(
            db, f"SELECT number, exempt_paragraph FROM decisions WHERE number IN ({marks})"
                " AND exempt_paragraph IS NOT NULL", numbers)}
    return MeetingDetails(m, printed, members, _post_by_holder(db, m.clerk),
                          _post_by_title(db, m.proper_officer), publication, recorded, exempt)


def _publication(date: dt.date, published_on: dt.date | None,
                 details: dict[str, Any] | None) -> Publication:
    deadline = agenda_publication_deadline(date)
    if published_on is None:
        return Publication(deadline)
    if details is not None and details["published_late"]:
        return Publication(deadline, published_on, True, details["late_reason"])
    # Imported meetings carry only the date: late if it is after the deadline.
    return Publication(deadline, published_on, published_on > deadline,
                       details["late_reason"] if details else None)


def decision_numbers(items: list[AgendaItem]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item.decision:
            out.append(item.decision)
        out.extend(decision_numbers(item.items))
    return out


def standing_items(register: Any, committee: str) -> StandingTemplate:
    """The committee's standing-item template, or Kent's usual set if it has none."""
    db: Database = register.db
    cid = _committee_id(db, committee)
    rows = _rows(db, "SELECT * FROM standing_items WHERE committee_id = ?"
                     " ORDER BY placement DESC, position", [cid])
    if not rows:
        return DEFAULT_STANDING_ITEMS
    start = tuple(StandingItem(r["title"], r["description"]) for r in rows
                  if r["placement"] == "start")
    end = tuple(StandingItem(r["title"], r["description"]) for r in rows
                if r["placement"] == "end")
    return StandingTemplate(start, end, True)


# --- writing ---------------------------------------------------------------------------


def _committee_id(db: Database, committee: str) -> int:
    rows = _rows(db, "SELECT id FROM committees WHERE name = ?", [committee])
    if not rows:
        raise MeetingError(f"there is no committee called {committee!r} in the register")
    return rows[0]["id"]


_ITEM_REF = re.compile(r"^\s*(\d+)\s*(?:\(?\s*([a-z]+)\s*\)?)?\s*$")


def _letter_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - ord("a") + 1)
    return index - 1


def _locate_item(db: Database, committee: str, date: dt.date,
                 item: int | str) -> tuple[str, dict[str, Any]]:
    """The meeting's label ("Committee, date") and the agenda item's row."""
    _mrow, label, irow = _find_item(db, committee, date, item)
    return label, irow


def _find_item(db: Database, committee: str, date: dt.date, item: int | str
               ) -> tuple[dict[str, Any], str, dict[str, Any]]:
    mrow = _meeting_row(db, committee, date)
    label = _label(mrow["committee"], date)
    return mrow, label, _item_row(db, mrow["id"], item, label)


def _item_row(db: Database, meeting_id: int, ref: int | str, label: str) -> dict[str, Any]:
    m = _ITEM_REF.match(str(ref).lower())
    if not m:
        raise MeetingError(f"{ref!r} is not an agenda item number (e.g. 7, or 9a for the"
                           " first sub-item of item 9)")
    number, letters = int(m[1]), m[2]
    top = _rows(db, "SELECT * FROM agenda_items WHERE meeting_id = ? AND parent_id IS NULL"
                    " ORDER BY position", [meeting_id])
    if not 1 <= number <= len(top):
        raise MeetingError(f"the agenda of {label} has no item {number} (it has"
                           f" {len(top)} items)")
    row = top[number - 1]
    if letters:
        subs = _rows(db, "SELECT * FROM agenda_items WHERE parent_id = ? ORDER BY position",
                     [row["id"]])
        index = _letter_index(letters)
        if not 0 <= index < len(subs):
            raise MeetingError(f"item {number} of {label} has no sub-item {letters})"
                               f" (it has {len(subs)})")
        row = subs[index]
    return row


def _check_paragraph(paragraph: int | None) -> None:
    if paragraph is not None and paragraph not in EXEMPT_PARAGRAPHS:
        raise MeetingError(f"{paragraph!r} is not a paragraph of Part 1 of Schedule 12A"
                           " (1 to 7)")


def _label(committee: str, date: dt.date) -> str:
    return f"{committee} {date.isoformat()}"


def attach_paper(
    register: Any, committee: str, date: dt.date, item: int | str,
    source: Path | str | bytes, *, name: str | None = None, title: str | None = None,
    exempt_paragraph: int | None = None,
) -> Paper:
    """Attach a PDF (a file, or its bytes with ``name``) after the item's other papers.
    A file that is not a PDF, is encrypted or is damaged is refused with its name and the
    reason (:class:`governance.papers.PaperError`)."""
    if isinstance(source, bytes):
        content, name = source, name or "paper.pdf"
    else:
        name, content = _read_paper(Path(source), name)
    _check_paragraph(exempt_paragraph)
    check_paper(content, name)
    db: Database = register.db
    with store.write_transaction(db):
        label, irow = _locate_item(db, committee, date, item)
        return _insert_paper(db, label, irow, str(item), name, content, title,
                             exempt_paragraph)


def _read_paper(path: Path, name: str | None = None) -> tuple[str, bytes]:
    """The file's name (``name`` if given) and its bytes, or why it cannot be read."""
    name = name or path.name
    try:
        if path.stat().st_size > MAX_PAPER_BYTES:
            raise MeetingError(f"{name!r} is larger than 200 MB: split it or reduce"
                               " its images, then attach it again")
        return name, path.read_bytes()
    except FileNotFoundError:
        raise MeetingError(f"{name!r} not found (looked for {path})") from None
    except IsADirectoryError:
        raise MeetingError(f"{name!r} is a folder, not a PDF file") from None
    except OSError as exc:
        raise MeetingError(f"{name!r} cannot be read: {exc.strerror}") from None


def _insert_paper(
    db: Database, label: str, irow: dict[str, Any], item: str, name: str, content: bytes,
    title: str | None, exempt_paragraph: int | None,
) -> Paper:
    """Store a checked paper after the item's others, with its audit row (inside the use
    case's transaction)."""
    sha = hashlib.sha256(content).hexdigest()
    db.execute("INSERT INTO paper_files (sha256, size, content) VALUES (?, ?, ?)"
               " ON CONFLICT (sha256) DO NOTHING", [sha, len(content), content])
    position = _rows(db, "SELECT coalesce(max(position) + 1, 0) AS n FROM papers"
                         " WHERE item_id = ?", [irow["id"]])[0]["n"]
    db.execute("INSERT INTO papers (item_id, position, file_name, title,"
               " exempt_paragraph, sha256) VALUES (?, ?, ?, ?, ?, ?)",
               [irow["id"], position, name, title, exempt_paragraph, sha])
    store.audit(db, "meeting", label, "attach_paper", None,
                {"item": str(item), "file_name": name, "title": title,
                 "exempt_paragraph": exempt_paragraph, "sha256": sha,
                 "size": len(content)})
    return Paper(name, title, exempt_paragraph, sha, content)


def set_item_exempt(
    register: Any, committee: str, date: dt.date, item: int | str, paragraph: int | None,
) -> None:
    """Mark an item exempt under ``paragraph`` of Part 1 of Schedule 12A (None: not
    exempt). An exempt item and its papers never reach a public document."""
    _check_paragraph(paragraph)
    db: Database = register.db
    with store.write_transaction(db):
        label, irow = _locate_item(db, committee, date, item)
        db.execute("UPDATE agenda_items SET exempt_paragraph = ? WHERE id = ?",
                   [paragraph, irow["id"]])
        store.audit(db, "meeting", label, "set_item_exempt",
                    {"item": str(item), "exempt_paragraph": irow["exempt_paragraph"]},
                    {"item": str(item), "exempt_paragraph": paragraph})


def set_paper_exempt(
    register: Any, committee: str, date: dt.date, item: int | str, paper: int | str,
    paragraph: int | None,
) -> None:
    """Mark one of the item's papers (its position from 1, or its file name) exempt
    under ``paragraph``."""
    _check_paragraph(paragraph)
    db: Database = register.db
    with store.write_transaction(db):
        label, irow = _locate_item(db, committee, date, item)
        row, _index = _paper_row(db, irow, item, paper, label)
        db.execute("UPDATE papers SET exempt_paragraph = ? WHERE id = ?",
                   [paragraph, row["id"]])
        store.audit(db, "meeting", label, "set_paper_exempt",
                    {"item": str(item), "paper": row["file_name"],
                     "exempt_paragraph": row["exempt_paragraph"]},
                    {"item": str(item), "paper": row["file_name"],
                     "exempt_paragraph": paragraph})


def reorder_items(
    register: Any, committee: str, date: dt.date, order: Sequence[int | str],
    parent: int | str | None = None,
) -> None:
    """Put the items in a new order: ``order`` lists every current item number once
    (``[1, 2, 3, 4, 6, 5, ...]``); with ``parent``, the sub-items of that item."""
    db: Database = register.db
    with store.write_transaction(db):
        mrow = _meeting_row(db, committee, date)
        label = _label(mrow["committee"], date)
        if parent is None:
            rows = _rows(db, "SELECT id, title FROM agenda_items WHERE meeting_id = ?"
                             " AND parent_id IS NULL ORDER BY position", [mrow["id"]])
            names = [str(i + 1) for i in range(len(rows))]
            wanted = [str(x).strip() for x in order]
        else:
            prow = _item_row(db, mrow["id"], parent, label)
            rows = _rows(db, "SELECT id, title FROM agenda_items WHERE parent_id = ?"
                             " ORDER BY position", [prow["id"]])
            names = [chr(ord("a") + i) for i in range(len(rows))]
            wanted = [str(x).strip().strip("()").lower() for x in order]
        if sorted(wanted) != sorted(names):
            raise MeetingError(
                f"the new order must list each of the {len(names)} items once"
                f" ({', '.join(names)}); got {', '.join(wanted) or 'nothing'}")
        by_name = dict(zip(names, rows))
        # Two steps so the positions never collide mid-way.
        for pos, key in enumerate(wanted):
            db.execute("UPDATE agenda_items SET position = ? WHERE id = ?",
                       [-1 - pos, by_name[key]["id"]])
        db.execute("UPDATE agenda_items SET position = -1 - position WHERE position < 0")
        store.audit(db, "meeting", label, "reorder_items",
                    {"items": [r["title"] for r in rows]},
                    {"items": [by_name[k]["title"] for k in wanted]})


def add_item(
    register: Any, committee: str, date: dt.date, title: str, *,
    description: str | None = None, decision: str | None = None,
    standing: bool | None = None, exempt_paragraph: int | None = None,
    parent: int | str | None = None, before: int | str | None = None,
) -> str:
    """Add an item (at the end, or before item ``before``); returns its number."""
    if not title.strip():
        raise MeetingError("an agenda item needs a title")
    _check_paragraph(exempt_paragraph)
    db: Database = register.db
    with store.write_transaction(db):
        mrow = _meeting_row(db, committee, date)
        label = _label(mrow["committee"], date)
        if decision is not None and not _rows(
                db, "SELECT 1 FROM decisions WHERE number = ?", [decision]):
            raise MeetingError(f"{decision!r} is not a decision in the register")
        parent_id = None
        if parent:
            prow = _item_row(db, mrow["id"], parent, label)
            if prow["parent_id"] is not None:
                top = _item_number(db, mrow["id"], prow["parent_id"])
                raise MeetingError(f"item {parent} of {label} is a sub-item, and a sub-item"
                                   f" has none of its own: put it under item {top}")
            parent_id = prow["id"]
        siblings = _rows(db, "SELECT id, position FROM agenda_items WHERE meeting_id = ?"
                             " AND parent_id IS ? ORDER BY position", [mrow["id"], parent_id])
        position = len(siblings)
        if before is not None:
            target = _item_row(db, mrow["id"], before, label)
            if target["parent_id"] != parent_id:
                raise MeetingError(f"item {before} is not among the items this one joins")
            position = [s["id"] for s in siblings].index(target["id"])
            for s in reversed(siblings[position:]):
                db.execute("UPDATE agenda_items SET position = position + 1 WHERE id = ?",
                           [s["id"]])
        db.execute("INSERT INTO agenda_items (meeting_id, parent_id, position, title,"
                   " standing, description, decision_number, exempt_paragraph)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [mrow["id"], parent_id, position, title.strip(),
                    None if standing is None else int(standing), description, decision,
                    exempt_paragraph])
        if parent_id is None:
            number = str(position + 1)
        else:
            number = f"{_item_number(db, mrow['id'], parent_id)}{item_letters(position)}"
        store.audit(db, "meeting", label, "add_item", None,
                    {"item": number, "title": title.strip(), "decision": decision,
                     "exempt_paragraph": exempt_paragraph})
    return number


def closing_items_start(register: Any, committee: str, date: dt.date) -> str | None:
    """The number of the first of the agenda's closing standing items (Work Programme...:
    as many as the committee's template ends with), before which business goes; None
    when the agenda does not end with them."""
    closing = len(standing_items(register, committee).end)
    mrow = _meeting_row(register.db, committee, date)
    standing = [r["standing"] for r in _rows(  # the top-level items only, no papers
        register.db, "SELECT standing FROM agenda_items WHERE meeting_id = ? AND parent_id"
                     " IS NULL ORDER BY position", [mrow["id"]])]
    if not closing or len(standing) < closing or not all(standing[-closing:]):
        return None
    return str(len(standing) - closing + 1)


def add_business_item(
    register: Any, committee: str, date: dt.date, title: str | None, *,
    decision: str | None = None, description: str | None = None,
    parent: int | str | None = None,
) -> tuple[str, str]:
    """An item of business, before the closing standing items (or, with ``parent``, a
    sub-item after that item's others: 9a, 9b...); a decision item with no title takes the
    decision's, and with no description says what the committee is to do with it.
    Returns (its number, its title)."""
    title = (title or "").strip()
    if decision:
        row = _rows(register.db, "SELECT title, decision_maker FROM decisions"
                                 " WHERE number = ?", [decision])
        if not row:
            raise MeetingError(f"{decision!r} is not a decision in the register")
        title = title or row[0]["title"]
        if description is None:
            description = DECISION_ITEM_DESCRIPTION.format(
                decision_maker=row[0]["decision_maker"] or "decision-maker")
    if parent is not None:
        number = add_item(register, committee, date, title, description=description,
                          decision=decision, parent=parent)
    else:
        number = add_item(register, committee, date, title, description=description,
                          decision=decision,
                          before=closing_items_start(register, committee, date))
    return number, title


def _item_number(db: Database, meeting_id: int, item_id: int) -> int:
    top = [r["id"] for r in _rows(db, "SELECT id FROM agenda_items WHERE meeting_id = ? AND"
                                      " parent_id IS NULL ORDER BY position", [meeting_id])]
    return top.index(item_id) + 1


def set_standing_items(
    register: Any, committee: str, start: Sequence[StandingItem],
    end: Sequence[StandingItem] = (),
) -> None:
    """Record the committee's standing items: ``start`` open every agenda, ``end`` close
    it (before any exempt items)."""
    db: Database = register.db
    with store.write_transaction(db):
        cid = _committee_id(db, committee)
        before = standing_items(register, committee)
        db.execute("DELETE FROM standing_items WHERE committee_id = ?", [cid])
        for placement, items in (("start", start), ("end", end)):
            for pos, item in enumerate(items):
                if not item.title.strip():
                    raise MeetingError(f"standing item {pos + 1} ({placement}) has no title")
                db.execute("INSERT INTO standing_items (committee_id, placement, position,"
                           " title, description) VALUES (?, ?, ?, ?, ?)",
                           [cid, placement, pos, item.title.strip(), item.description])
        store.audit(db, "committee", committee, "set_standing_items",
                    {"start": [i.title for i in before.start],
                     "end": [i.title for i in before.end]} if before.recorded else None,
                    {"start": [i.title for i in start], "end": [i.title for i in end]})


def create_meeting(
    register: Any, committee: str, date: dt.date, *, time: str | None = None,
    venue: str | None = None, clerk: str | None = None, proper_officer: str | None = None,
    notices: Sequence[str] = (), with_standing_items: bool = True,
) -> MeetingDetails:
    """A new meeting whose agenda starts with the committee's standing items (and ends
    with its closing ones); other items go in between with :func:`add_item`."""
    time, venue = _check_time(time), _text(venue)
    clerk, proper_officer = _text(clerk), _text(proper_officer)
    notices = _check_notices(notices)
    db: Database = register.db
    with store.write_transaction(db):
        cid = _committee_id(db, committee)
        if _rows(db, "SELECT 1 FROM meetings WHERE committee_id = ? AND date = ?",
                 [cid, date.isoformat()]):
            raise MeetingError(f"{committee} already has a meeting on {date.isoformat()}")
        _check_clerk(db, clerk)
        _check_proper_officer(db, proper_officer)
        previous = _rows(db, "SELECT max(date) AS d FROM meetings WHERE committee_id = ?"
                             " AND date < ?", [cid, date.isoformat()])[0]["d"]
        prev_text = (f"{_date(previous).day} {_date(previous):%B %Y}" if previous
                     else "the previous meeting")
        mid = db.execute(
            "INSERT INTO meetings (committee_id, date, time, venue, clerk, proper_officer,"
            " notices) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [cid, date.isoformat(), time, venue, clerk, proper_officer,
             json.dumps(list(notices))]).lastrowid
        template = standing_items(register, committee) if with_standing_items else \
            StandingTemplate((), ())
        titles = []
        for pos, item in enumerate([*template.start, *template.end]):
            title = item.title
            if previous is None:
                title = re.sub(r"(?i)\bminutes of the meeting held on \{previous_meeting\}",
                               "Minutes of the previous meeting", title)
            title = title.replace("{previous_meeting}", prev_text)
            desc = item.description.replace("{previous_meeting}", prev_text) \
                if item.description else None
            db.execute("INSERT INTO agenda_items (meeting_id, parent_id, position, title,"
                       " standing, description) VALUES (?, NULL, ?, ?, 1, ?)",
                       [mid, pos, title, desc])
            titles.append(title)
        store.audit(db, "meeting", _label(committee, date), "create", None,
                    {"committee": committee, "date": date.isoformat(), "time": time,
                     "venue": venue, "clerk": clerk, "proper_officer": proper_officer,
                     "notices": list(notices), "standing_items": titles})
    return meeting(register, committee, date)


def record_membership(
    register: Any, committee: str, date: dt.date,
    membership: Sequence[Membership] | None = None, *, seats: int | None = None,
    party_seats: dict[str, int] | None = None, audit: bool = True,
) -> None:
    """Record the membership printed on the meeting's agenda: ``membership`` as given
    (for a past meeting), or the committee's as it is now. Publishing the agenda records
    it if it has not been; so does importing a published one (whose import row is its
    audit: ``audit`` False)."""
    db: Database = register.db
    with store.write_transaction(db):
        mrow = _meeting_row(db, committee, date)
        _record_membership(db, mrow, membership, seats, party_seats, audit)


def _record_membership(
    db: Database, mrow: dict[str, Any], membership: Sequence[Membership] | None,
    seats: int | None, party_seats: dict[str, int] | None, audit: bool = True,
) -> None:
    current = _committee(db, mrow["cid"])
    if membership is None:
        membership = current.membership
        seats = current.seats if seats is None else seats
        party_seats = current.party_seats if party_seats is None else party_seats
    members = {r["name"]: r["id"] for r in _rows(db, "SELECT id, name FROM members")}
    for ms in membership:
        if ms.member not in members:
            raise MeetingError(f"{ms.member!r} is not a member in the register")
        if ms.role not in ROLES:
            raise MeetingError(f"{ms.role!r} is not a role (one of {', '.join(ROLES)})")
    _ensure_details(db, mrow["id"])
    db.execute("DELETE FROM meeting_members WHERE meeting_id = ?", [mrow["id"]])
    for pos, ms in enumerate(membership):
        db.execute("INSERT INTO meeting_members (meeting_id, member_id, role, position)"
                   " VALUES (?, ?, ?, ?)", [mrow["id"], members[ms.member], ms.role, pos])
    db.execute("UPDATE meeting_details SET membership_recorded = 1, seats = ?,"
               " party_seats = ? WHERE meeting_id = ?",
               [seats, None if party_seats is None else json.dumps(party_seats,
                                                                   ensure_ascii=False),
                mrow["id"]])
    if audit:
        store.audit(db, "meeting", _label(mrow["committee"], _date(mrow["date"])),
                    "record_membership", None,
                    {"seats": seats, "party_seats": party_seats,
                     "membership": [{"member": m.member, "role": m.role}
                                    for m in membership]})


def _ensure_details(db: Database, meeting_id: int) -> None:
    db.execute("INSERT INTO meeting_details (meeting_id) VALUES (?)"
               " ON CONFLICT (meeting_id) DO NOTHING", [meeting_id])


def publish_agenda(
    register: Any, committee: str, date: dt.date, on: dt.date,
    late_reason: str | None = None,
) -> Publication:
    """Publish the agenda on ``on``. By the statutory deadline it is recorded as on time;
    after it, it needs ``late_reason`` (the urgent business) and is flagged late. The
    membership printed on the agenda is recorded then, if it has not been."""
    db: Database = register.db
    with store.write_transaction(db):
        mrow = _meeting_row(db, committee, date)
        publication = publication_for(date, on, late_reason)
        details = _details_row(db, mrow["id"])
        before = {"published_on": mrow["published_on"],
                  "late": bool(details and details["published_late"]),
                  "late_reason": details["late_reason"] if details else None}
        _ensure_details(db, mrow["id"])
        db.execute("UPDATE meetings SET published_on = ? WHERE id = ?",
                   [on.isoformat(), mrow["id"]])
        db.execute("UPDATE meeting_details SET published_late = ?, late_reason = ?,"
                   " published_by = ? WHERE meeting_id = ?",
                   [int(publication.late), publication.late_reason, store.os_user(),
                    mrow["id"]])
        if not (details and details["membership_recorded"]):
            _record_membership(db, mrow, None, None, None)
        store.audit(db, "meeting", _label(mrow["committee"], date), "publish_agenda", before,
                    {"published_on": on.isoformat(), "deadline":
                     publication.deadline.isoformat(), "late": publication.late,
                     "late_reason": publication.late_reason})
    return publication


# --- the meeting's details, papers and items removed, moves, publication once -----------
# What the Meetings screen and the ``meeting`` command both do: each returns what happened
# with the sentence that says so, so the window and the command say the same.


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: A detail :func:`update_meeting` leaves as it is.
KEEP: Any = _Keep()

#: A meeting's details as a clerk names them.
DETAIL_WORDS = {"time": "time", "venue": "venue", "clerk": "clerk (Ask for)",
                "proper_officer": "Proper Officer", "notices": "notices"}


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _check_time(time: str | None) -> str | None:
    time = _text(time)
    if time is not None and not TIME_RE.match(time):
        raise MeetingError(f"{time!r} is not a time (HH:MM, 24-hour)")
    return time


def _check_notices(notices: Sequence[str]) -> list[str]:
    out: list[str] = []
    for n in notices:
        if n not in NOTICES:
            raise MeetingError(f"{n!r} is not a notice (one of {', '.join(NOTICES)})")
        if n not in out:
            out.append(n)
    return out


def _check_clerk(db: Database, clerk: str | None) -> None:
    """The clerk (Ask for) is a person holding a post: the front sheet prints the post's
    telephone and e-mail."""
    if clerk is None:
        return
    holders = [r["holder"] for r in _rows(db, "SELECT DISTINCT holder FROM posts WHERE"
                                              " holder IS NOT NULL ORDER BY holder")]
    if clerk not in holders:
        raise MeetingError(f"the clerk (Ask for) is someone who holds a post in the register,"
                           f" and {clerk!r} holds none (post holders:"
                           f" {', '.join(holders) or 'none'})")


def _check_proper_officer(db: Database, title: str | None) -> None:
    if title is None:
        return
    titles = [r["title"] for r in _rows(db, "SELECT title FROM posts ORDER BY title")]
    if title not in titles:
        raise MeetingError(f"the Proper Officer is a post, and {title!r} is not a post in"
                           f" the register (posts: {', '.join(titles) or 'none'})")


def posts(register: Any) -> list[Post]:
    """The register's posts with their holders, by title: whom a meeting's clerk and Proper
    Officer are chosen from."""
    return [Post(r["title"], r["holder"], r["phone"], r["email"])
            for r in _rows(register.db, "SELECT * FROM posts ORDER BY title")]


def latest_details(register: Any) -> dict[str, dict[str, Any]]:
    """Each committee's latest meeting's clerk, Proper Officer and notices: what the
    window's New meeting… offers for that committee's next one."""
    rows = _rows(register.db, "SELECT c.name, m.clerk, m.proper_officer, m.notices FROM"
                              " meetings m JOIN committees c ON c.id = m.committee_id"
                              " ORDER BY m.date")
    return {r["name"]: {"clerk": r["clerk"], "proper_officer": r["proper_officer"],
                        "notices": json.loads(r["notices"])} for r in rows}


def _agenda(committee: str, date: dt.date) -> str:
    return f"the agenda of {committee}, {_day(date)}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def item_letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa (the inverse of :func:`_letter_index`): sub-items are
    lettered as a decision's parts are."""
    return Decision.part_letter(index)


def _item_at(db: Database, committee: str, date: dt.date, item: int | str
             ) -> tuple[dict[str, Any], str, dict[str, Any], str]:
    """The meeting's row, its audit label, the item's row and its number as printed."""
    mrow, label, irow = _find_item(db, committee, date, item)
    return mrow, label, irow, _number(db, mrow["id"], irow)


def _number(db: Database, meeting_id: int, row: dict[str, Any]) -> str:
    """The item's number as the agenda prints it: 7, or 9a for a sub-item."""
    if row["parent_id"] is None:
        return str(_item_number(db, meeting_id, row["id"]))
    subs = [r["id"] for r in _rows(db, "SELECT id FROM agenda_items WHERE parent_id = ?"
                                       " ORDER BY position", [row["parent_id"]])]
    letters = item_letters(subs.index(row["id"]))
    return f"{_item_number(db, meeting_id, row['parent_id'])}{letters}"


def _paper_row(db: Database, irow: dict[str, Any], item: int | str, ref: int | str,
               label: str) -> tuple[dict[str, Any], int]:
    """One of the item's papers, by its file name or its position from 1: (row,
    position)."""
    papers = _rows(db, "SELECT * FROM papers WHERE item_id = ? ORDER BY position",
                   [irow["id"]])
    text = str(ref).strip()
    named = [i for i, p in enumerate(papers) if p["file_name"] == text]
    if len(named) > 1:
        raise MeetingError(f"item {item} of {label} has {len(named)} papers called {text!r}"
                           f" (papers {_and([str(i + 1) for i in named])}): give the"
                           " position of the one you mean")
    if named:
        return papers[named[0]], named[0] + 1
    if text.isdigit() and 1 <= int(text) <= len(papers):
        return papers[int(text) - 1], int(text)
    listed = ", ".join(f"{i + 1} {p['file_name']}" for i, p in enumerate(papers))
    shown = text if text.isdigit() else repr(text)
    raise MeetingError(f"item {item} of {label} has no paper {shown}"
                       f" ({'its papers: ' + listed if papers else 'it has none'})")


def _drop_unused_content(db: Database, shas: Sequence[str]) -> None:
    """Remove paper content no paper refers to any more (another item's, another
    meeting's copy of the same file keeps it)."""
    for sha in set(shas):
        db.execute("DELETE FROM paper_files WHERE sha256 = ? AND NOT EXISTS"
                   " (SELECT 1 FROM papers WHERE sha256 = ?)", [sha, sha])


@dataclass(frozen=True)
class MeetingUpdate:
    """What :func:`update_meeting` changed: detail -> (before, after)."""

    committee: str
    date: dt.date
    changes: dict[str, tuple[Any, Any]]
    #: When the agenda had been published (it then wants publishing again).
    published_on: dt.date | None = None

    @property
    def message(self) -> str:
        where = f"the meeting of {self.committee} on {_day(self.date)}"
        if not self.changes:
            return f"Nothing changed: {where} already has those details."
        said = "; ".join(f"{DETAIL_WORDS[k]} from {_shown(before)} to {_shown(after)}"
                         for k, (before, after) in self.changes.items())
        return f"Changed {where}: {said}." + republish_note(self.published_on)


def republish_note(published_on: dt.date | str | None) -> str:
    """What a change to an agenda already published adds to its message."""
    if not published_on:
        return ""
    day = published_on if isinstance(published_on, dt.date) else _date(published_on)
    return (f" Its agenda was published on {_day(day)}: republish it (make the front sheet"
            " again and publish that) so the published agenda shows the change.")


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "none"
    return ", ".join(value) if isinstance(value, list) else str(value)


def update_meeting(
    register: Any, committee: str, date: dt.date, *, time: Any = KEEP, venue: Any = KEEP,
    clerk: Any = KEEP, proper_officer: Any = KEEP, notices: Any = KEEP,
) -> MeetingUpdate:
    """Change a meeting's time, venue, clerk (a post holder), Proper Officer (a post) or
    notices; what is not given (:data:`KEEP`) stays, and an empty text clears it. A meeting
    whose agenda is published may change too (it is the clerk's agenda): the audit row
    records that it was published, and the message says to republish it."""
    wanted: dict[str, Any] = {}
    if time is not KEEP:
        wanted["time"] = _check_time(time)
    if venue is not KEEP:
        wanted["venue"] = _text(venue)
    if clerk is not KEEP:
        wanted["clerk"] = _text(clerk)
    if proper_officer is not KEEP:
        wanted["proper_officer"] = _text(proper_officer)
    if notices is not KEEP:
        wanted["notices"] = _check_notices(notices)
    db: Database = register.db
    with store.write_transaction(db):
        mrow = _meeting_row(db, committee, date)
        current = {k: json.loads(mrow[k]) if k == "notices" else mrow[k] for k in wanted}
        changes = {k: (current[k], v) for k, v in wanted.items() if v != current[k]}
        if "clerk" in changes:
            _check_clerk(db, changes["clerk"][1])
        if "proper_officer" in changes:
            _check_proper_officer(db, changes["proper_officer"][1])
        if changes:
            db.execute(f"UPDATE meetings SET {', '.join(f'{k} = ?' for k in changes)}"
                       " WHERE id = ?",
                       [json.dumps(after) if k == "notices" else after
                        for k, (_before, after) in changes.items()] + [mrow["id"]])
            published = {"agenda_published_on": mrow["published_on"]}
            store.audit(db, "meeting", _label(mrow["committee"], date), "update_details",
                        {k: before for k, (before, _after) in changes.items()} | published,
                        {k: after for k, (_before, after) in changes.items()} | published)
    return MeetingUpdate(mrow["committee"], date, changes, _date(mrow["published_on"]))


@dataclass(frozen=True)
class AgendaChange:
    """A change to an agenda's papers or items, and the sentence that says what it did."""

    message: str
    #: The item's number after the change (None when it is gone).
    item: str | None = None


def attach_papers(
    register: Any, committee: str, date: dt.date, item: int | str,
    sources: Sequence[Path | str], *, title: str | None = None,
    exempt_paragraph: int | None = None,
) -> AgendaChange:
    """Attach PDF files to an item, after its other papers, all or nothing: every file is
    read and checked first, and one that is not a PDF, is encrypted or is damaged is
    refused with its name and the reason, and none is attached."""
    if not sources:
        raise MeetingError("give the PDF files to attach")
    title = _text(title)
    if title is not None and len(sources) > 1:
        raise MeetingError(f"a title names one paper: attach the {len(sources)} files one at"
                           " a time to give each its title")
    _check_paragraph(exempt_paragraph)
    checked: list[tuple[str, bytes, int]] = []
    for source in sources:
        try:
            name, content = _read_paper(Path(source))
            checked.append((name, content, check_paper(content, name).pages))
        except UserError as exc:
            if len(sources) == 1:
                raise
            raise MeetingError(f"{exc} (none of the {len(sources)} files was attached)"
                               ) from None
    db: Database = register.db
    with store.write_transaction(db):
        mrow, label, irow, number = _item_at(db, committee, date, item)
        for name, content, _pages in checked:
            _insert_paper(db, label, irow, number, name, content, title, exempt_paragraph)
    pages = sum(p for _n, _c, p in checked)
    return AgendaChange(
        f"Attached {_and([n for n, _c, _p in checked])} to item {number} of"
        f" {_agenda(mrow['committee'], date)} ({_plural(pages, 'page')})."
        + republish_note(mrow["published_on"]), number)


def remove_paper(
    register: Any, committee: str, date: dt.date, item: int | str, paper: int | str,
) -> AgendaChange:
    """Take a paper (its file name, or its position from 1) off an item; the item's other
    papers close up. Its content goes too, unless another paper is the same file."""
    db: Database = register.db
    with store.write_transaction(db):
        mrow, label, irow, number = _item_at(db, committee, date, item)
        prow, position = _paper_row(db, irow, number, paper, label)
        db.execute("DELETE FROM papers WHERE id = ?", [prow["id"]])
        db.execute("UPDATE papers SET position = position - 1 WHERE item_id = ?"
                   " AND position > ?", [irow["id"], prow["position"]])
        _drop_unused_content(db, [prow["sha256"]])
        left = _rows(db, "SELECT count(*) AS n FROM papers WHERE item_id = ?",
                     [irow["id"]])[0]["n"]
        store.audit(db, "meeting", label, "remove_paper",
                    {"item": number, "paper": position, "file_name": prow["file_name"],
                     "title": prow["title"], "exempt_paragraph": prow["exempt_paragraph"],
                     "sha256": prow["sha256"]}, None)
    rest = f"{_plural(left, 'paper')} left" if left else "no papers left"
    return AgendaChange(f"Removed paper {position} ({prow['file_name']}) from item {number} of"
                        f" {_agenda(mrow['committee'], date)}; the item has {rest}."
                        + republish_note(mrow["published_on"]), number)


def remove_item(
    register: Any, committee: str, date: dt.date, item: int | str, *,
    with_papers: bool = False,
) -> AgendaChange:
    """Take an item (with its sub-items) off the agenda; the items after it are numbered
    up. An item with papers (its own or its sub-items') is removed only ``with_papers``."""
    db: Database = register.db
    with store.write_transaction(db):
        mrow, label, irow, number = _item_at(db, committee, date, item)
        subs = _rows(db, "SELECT * FROM agenda_items WHERE parent_id = ? ORDER BY position",
                     [irow["id"]])
        ids = [irow["id"]] + [s["id"] for s in subs]
        marks = ",".join("?" * len(ids))
        papers = _rows(db, f"SELECT * FROM papers WHERE item_id IN ({marks})"
                           " ORDER BY item_id, position", ids)
        if papers and not with_papers:
            raise MeetingError(
                f"item {number} of {label} ({irow['title']}) has"
                f" {_plural(len(papers), 'paper')} ({_and([p['file_name'] for p in papers])}):"
                " detach them first, or remove the item with its papers (--with-papers)")
        siblings = _rows(db, "SELECT id FROM agenda_items WHERE meeting_id = ? AND"
                             " parent_id IS ? ORDER BY position",
                         [mrow["id"], irow["parent_id"]])
        index = [s["id"] for s in siblings].index(irow["id"])
        later = len(siblings) - index - 1
        parent = None if irow["parent_id"] is None else \
            _item_number(db, mrow["id"], irow["parent_id"])
        db.execute(f"DELETE FROM papers WHERE item_id IN ({marks})", ids)
        db.execute("DELETE FROM agenda_items WHERE parent_id = ?", [irow["id"]])
        db.execute("DELETE FROM agenda_items WHERE id = ?", [irow["id"]])
        for s in siblings[index + 1:]:
            db.execute("UPDATE agenda_items SET position = position - 1 WHERE id = ?",
                       [s["id"]])
        _drop_unused_content(db, [p["sha256"] for p in papers])
        store.audit(db, "meeting", label, "remove_item",
                    {"item": number, "title": irow["title"],
                     "decision": irow["decision_number"], "standing": irow["standing"],
                     "exempt_paragraph": irow["exempt_paragraph"],
                     "sub_items": [s["title"] for s in subs],
                     "papers": [{"file_name": p["file_name"], "sha256": p["sha256"]}
                                for p in papers]}, None)
    parts = [f"Removed item {number} ({irow['title']}) from"
             f" {_agenda(mrow['committee'], date)}"]
    if subs:
        parts.append(f", with its {_plural(len(subs), 'sub-item')}")
    if papers:
        parts.append(f"{' and' if subs else ', with'} {_plural(len(papers), 'paper')}"
                     f" ({_and([p['file_name'] for p in papers])})")
    if later:
        def name(i: int) -> str:
            return str(i + 1) if parent is None else f"{parent}{item_letters(i)}"
        what = "item" if irow["parent_id"] is None else "sub-item"
        if later == 1:
            parts.append(f"; {what} {name(index + 1)} is now {name(index)}")
        else:
            parts.append(f"; {what}s {name(index + 1)} to {name(len(siblings) - 1)} are now"
                         f" {name(index)} to {name(len(siblings) - 2)}")
    return AgendaChange("".join(parts) + "." + republish_note(mrow["published_on"]))


def _place(to: int | str, count: int, label: str, parent: int | None) -> int:
    """``to`` as a 0-based place among ``count`` items (or a parent's sub-items)."""
    text = str(to).strip().lower()
    if parent is None:
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text) - 1
        raise MeetingError(f"the agenda of {label} has no place {text or repr(to)} to move"
                           f" to: give an item number from 1 to {count}")
    m = _ITEM_REF.match(text)
    letters = m[2] if m and m[2] and int(m[1]) == parent else None
    if m is None and re.fullmatch(r"\(?\s*[a-z]+\s*\)?", text):
        letters = text.strip("() ")
    if letters and 0 <= _letter_index(letters) < count:
        return _letter_index(letters)
    last = item_letters(count - 1)
    raise MeetingError(f"item {parent} of {label} has no sub-item place {text or repr(to)}"
                       f" to move to: give one of {parent}a to {parent}{last}")


def move_item(
    register: Any, committee: str, date: dt.date, item: int | str, to: int | str,
) -> AgendaChange:
    """Move an item to another place on the agenda (a sub-item among its item's
    sub-items); the items between close up. What dragging an item in the window does."""
    db: Database = register.db
    with store.write_transaction(db):
        mrow, label, irow, number = _item_at(db, committee, date, item)
        parent = None if irow["parent_id"] is None else \
            _item_number(db, mrow["id"], irow["parent_id"])
        siblings = [r["id"] for r in _rows(
            db, "SELECT id FROM agenda_items WHERE meeting_id = ? AND parent_id IS ?"
                " ORDER BY position", [mrow["id"], irow["parent_id"]])]
        source = siblings.index(irow["id"])
        dest = _place(to, len(siblings), label, parent)
        names = [str(i + 1) if parent is None else item_letters(i)
                 for i in range(len(siblings))]
        if dest == source:
            return AgendaChange(f"Item {number} ({irow['title']}) is already there on"
                                f" {_agenda(mrow['committee'], date)}: nothing moved.", number)
        order = list(names)
        order.insert(dest, order.pop(source))
        reorder_items(register, committee, date, order, parent=parent)
    moved = names[dest] if parent is None else f"{parent}{names[dest]}"
    return AgendaChange(f"Moved item {number} ({irow['title']}) to item {moved} of"
                        f" {_agenda(mrow['committee'], date)}."
                        + republish_note(mrow["published_on"]), moved)


@dataclass(frozen=True)
class Published:
    """An agenda's publication as :func:`publish` recorded it."""

    committee: str
    date: dt.date
    publication: Publication
    #: Only the reason for an earlier late publication was recorded.
    reason_only: bool = False

    @property
    def message(self) -> str:
        p = self.publication
        assert p.published_on is not None
        agenda = _agenda(self.committee, self.date)
        if self.reason_only:
            return (f"Recorded the reason for the late publication of {agenda} (published"
                    f" {_day(p.published_on)}, after the deadline of {_day(p.deadline)}):"
                    f" {p.late_reason}.")
        if p.late:
            return (f"Published {agenda}, on {_day(p.published_on)}, after the deadline of"
                    f" {_day(p.deadline)}: it is flagged late, with the reason:"
                    f" {p.late_reason}.")
        return (f"Published {agenda}, on {_day(p.published_on)}, on time (the deadline is"
                f" {_day(p.deadline)}).")


def publish(
    register: Any, committee: str, date: dt.date, on: dt.date,
    late_reason: str | None = None, *, today: dt.date | None = None,
) -> Published:
    """Publish the agenda on ``on`` (not a day still to come), once: what the window's
    Publish… and ``meeting publish`` do. The statutory rule is :func:`publication_for`'s.
    An agenda already published is refused, except to record the reason for a late
    publication that has none (given with the date it was published)."""
    today = today or dt.date.today()
    if on > today:
        raise MeetingError(f"the agenda cannot be published on {_day(on)}: that is after"
                           f" today ({_day(today)})")
    reason = _text(late_reason)
    db: Database = register.db
    with store.write_transaction(db):
        mrow = _meeting_row(db, committee, date)
        agenda = _agenda(mrow["committee"], date)
        published = _date(mrow["published_on"])
        if published is None:
            publication = publish_agenda(register, committee, date, on, reason)
            return Published(mrow["committee"], date, publication)
        current = _publication(date, published, _details_row(db, mrow["id"]))
        if not (current.late and not current.late_reason):
            raise MeetingError(f"{agenda}, was already published on {_day(published)}: an"
                               " agenda is published once")
        if on != published or not reason:
            raise MeetingError(
                f"{agenda}, was already published on {_day(published)}, after the deadline"
                f" of {_day(current.deadline)}, with no reason recorded: to record the"
                f" reason, give it with the date it was published ({published.isoformat()})")
        _ensure_details(db, mrow["id"])
        db.execute("UPDATE meeting_details SET published_late = 1, late_reason = ?"
                   " WHERE meeting_id = ?", [reason, mrow["id"]])
        store.audit(db, "meeting", _label(mrow["committee"], date), "record_late_reason",
                    {"published_on": published.isoformat(), "late_reason": None},
                    {"published_on": published.isoformat(), "late": True,
                     "late_reason": reason})
    return Published(mrow["committee"], date,
                     Publication(current.deadline, published, True, reason), True)
