"""Import and export of interchange files (``decision-register/1``), and the demo register.

An import is checked whole before anything is written, then written in one unit of
work: all of it, or nothing. An export writes the JSON and its papers so that a failure
(full disk, no permission) leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from governance import audit, exchange_lists
from governance.calendar import agenda_publication_deadline
from governance.decisions import snapshot
from governance.desk import EVERYTHING, Desk, Done
from governance.errors import OutputError, UserError
from governance.files import discard, put_in_place, remove_stale_parts, stage
from governance.interchange import (
    InterchangeError,
    committee_to_dict,
    council_to_dict,
    decision_to_dict,
    dumps,
    iter_papers,
    meeting_to_dict,
    member_to_dict,
    paper_file_names,
    post_to_dict,
    read_document,
    to_dict,
)
from governance.meetings import _record_membership, attach_papers
from governance.minute_book import MinuteBook
from governance.model import (
    Committee,
    Decision,
    Member,
    Membership,
    Paper,
    Post,
    RegisterDocument,
)

#: What an import does with an entry (post, member, committee, the council) that the
#: register already holds with different values: refuse the file (the default), keep the
#: register's values, or make the file's values current.
REFUSE, KEEP_EXISTING, UPDATE = "refuse", "keep-existing", "update"
EXISTING_CHOICES = (REFUSE, KEEP_EXISTING, UPDATE)


@dataclass(frozen=True)
class ImportSummary:
    """What an import added; ``same`` entries were in the register already as they are in
    the file, ``kept`` differed and kept the register's values, ``updated`` differed and
    took the file's."""

    posts: int
    members: int
    committees: int
    meetings: int
    decisions: int
    papers: int
    same: int = 0
    kept: int = 0
    updated: int = 0
    #: The optional keys' entries added (issue 15): said only when there are any.
    lists: exchange_lists.Added = dataclasses.field(default_factory=exchange_lists.Added)

    def __str__(self) -> str:
        text = (f"{self.decisions} decisions, {self.meetings} meetings, {self.committees}"
                f" committees, {self.members} members, {self.posts} posts,"
                f" {self.papers} papers")
        text += "".join(f", {words}" for words in exchange_lists.summary_words(self.lists))
        notes = [f"{n} {what}" for n, what in (
            (self.same, "already in the register as they are in the file"),
            (self.kept, "differing from the file kept as the register has them"),
            (self.updated, "updated to the file's values")) if n]
        return text + (f" ({'; '.join(notes)})" if notes else "")


def document(desk: Desk, content: bool = True, printed: bool = False) -> RegisterDocument:
    """The whole register as domain objects (what export writes and check reads); the
    papers' bytes unless ``content`` is False; with ``printed`` (export), each published
    meeting's printed membership too (a query a meeting: check does not need it)."""
    store = desk.store
    meetings = store.meetings(content=content)
    if printed:
        records = (store.meeting(m.committee, m.date, content=False) for m in meetings)
        meetings = [dataclasses.replace(m, printed_membership=r.recorded if r else None)
                    for m, r in zip(meetings, records, strict=True)]
    lists = exchange_lists.read(desk)
    return RegisterDocument(council=store.council(), posts=store.posts(),
                            members=store.members(), committees=store.committees(),
                            meetings=meetings, decisions=store.decisions(),
                            notices=lists.notices, forward_plans=lists.forward_plans,
                            work_programmes=lists.work_programmes)


def _corrected_first(decisions: list[Decision]) -> list[Decision]:
    """``decisions`` with each one that another amends before it (the register refers to
    the corrected decision); otherwise in the file's order."""
    numbers = {d.number for d in decisions}
    placed: set[str] = set()
    ordered: list[Decision] = []
    waiting = list(decisions)
    while waiting:
        later = []
        for d in waiting:
            if d.amends in numbers and d.amends not in placed:
                later.append(d)
            else:
                ordered.append(d)
                placed.add(d.number)
        if len(later) == len(waiting):  # a cycle: the reading refuses these
            ordered += later
            break
        waiting = later
    return ordered


def _key(entry: Post | Member | Committee) -> str:
    return entry.title if isinstance(entry, Post) else entry.name


def _already(entity: str, key: str) -> str:
    """How a refusal names an entry the register holds: ``the post 'General Counsel'``."""
    named = f"{key!r}" if entity == "member" else f"the {entity} {key!r}"
    return f"{named} is already in the register"


def _committee_json(c: Committee) -> dict:
    return {"name": c.name, "kind": c.kind, "seats": c.seats, "party_seats": c.party_seats,
            "membership": [m.__dict__ for m in c.membership]}


def _show(value: object) -> str:
    text = "not set" if value is None else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _difference(register: object, file: object, path: str = "") -> tuple[str, object, object]:
    """The first place two entries (as the file holds them) differ: its path below the
    entry and both values."""
    if isinstance(register, dict) and isinstance(file, dict):
        for key in register:
            if register[key] != file.get(key):
                return _difference(register[key], file.get(key), f"{path}.{key}")
    elif isinstance(register, list) and isinstance(file, list) and len(register) == len(file):
        for i, (a, b) in enumerate(zip(register, file, strict=True)):
            if a != b:
                return _difference(a, b, f"{path}[{i}]")
    return path, register, file


#: Keys added to the format after its first files: a file that leaves one empty says
#: nothing about it, so it is no difference from what the register holds.
_LATER_KEYS = ("late_reason", "printed_membership", "amends")


def _as_given(register: dict, file: dict) -> tuple[dict, dict]:
    """The two entries to compare: the file's with the register's values where it leaves
    a later key empty (an older file could not carry it)."""
    return register, file | {k: register[k] for k in _LATER_KEYS
                             if k in file and file[k] is None and k in register}


class _Existing:
    """An import's way with entries the register already holds."""

    def __init__(self, desk: Desk, way: str, source: str):
        if way not in EXISTING_CHOICES:
            raise ValueError(f"unknown way with existing entries: {way!r}")
        self.desk, self.way, self.source = desk, way, source
        self.same = self.kept = self.updated = 0

    def differs(self, where: str, label: str, register: dict, file: dict,
                always_refused: str | None = None) -> bool:
        """Whether the file's entry should be written over the register's (counting it);
        refuses the file where the entries differ and that is not allowed."""
        if register == file:
            self.same += 1
            return False
        field, theirs, ours = _difference(register, file)
        said = (f"{label} with {field.lstrip('.')} {_show(theirs)};"
                f" the file has {_show(ours)}")
        if always_refused:
            raise InterchangeError(where, f"{said} ({always_refused})")
        if self.way == REFUSE:
            raise InterchangeError(where, f"{said} (import with --keep-existing to keep the"
                                          " register's values, or --update to make the"
                                          " file's current)")
        if self.way == KEEP_EXISTING:
            self.kept += 1
            return False
        self.updated += 1
        return True

    def audit(self, entity: str, key: str, before: dict, after: dict) -> None:
        audit.record(self.desk.store, entity, key, f"{self.source}_update", before, after,
                     self.desk.user)


def import_document(desk: Desk, doc: RegisterDocument, source: str = "import",
                    existing: str = REFUSE) -> ImportSummary:
    """Add everything in ``doc`` in one unit of work: all of it, or nothing. An entry the
    register already holds as the file has it is the same entry (nothing is written); one
    that differs is dealt with as ``existing`` says (decisions and meetings must be the
    same, whatever it says)."""
    store = desk.store
    way = _Existing(desk, existing, source)
    added = dict.fromkeys(("posts", "members", "committees", "meetings", "decisions",
                           "papers"), 0)
    with store.transaction():
        if doc.council is not None:
            before = store.council()
            after = council_to_dict(doc.council)
            if before is None or way.differs("council", "the register's council is there",
                                             council_to_dict(before), after):
                store.set_council(doc.council)
                audit.record(store, "council", doc.council.name, source,
                             before.__dict__ if before else None, doc.council.__dict__,
                             desk.user)
        for entity, path, entries, held, as_file, as_audit, add, update in (
                ("post", "posts[{}].title", doc.posts, store.posts(), post_to_dict,
                 vars, store.add_post, store.update_post),
                ("member", "members[{}].name", doc.members, store.members(), member_to_dict,
                 vars, store.add_member, store.update_member),
                ("committee", "committees[{}].name", doc.committees, store.committees(),
                 committee_to_dict, _committee_json, store.add_committee,
                 store.save_committee)):
            by_key = {_key(e): e for e in held}
            for i, entry in enumerate(entries):
                key = _key(entry)
                if key not in by_key:
                    add(entry)
                    audit.record(store, entity, key, source, None, as_audit(entry),
                                 desk.user)
                    added[f"{entity}s"] += 1
                elif way.differs(path.format(i), _already(entity, key),
                                 as_file(by_key[key]), as_file(entry)):
                    update(entry)
                    way.audit(entity, key, as_audit(by_key[key]), as_audit(entry))
        # Decisions before meetings: agenda items refer to them.
        held = {d.number: d for d in store.decisions([d.number for d in doc.decisions])}
        index = {id(d): i for i, d in enumerate(doc.decisions)}
        for d in _corrected_first(doc.decisions):
            i = index[id(d)]
            if d.number not in held:
                store.insert_decision(d, desk.user)
                audit.record(store, "decision", d.number, source, None, snapshot(d),
                             desk.user)
                added["decisions"] += 1
            else:
                way.differs(f"decisions[{i}].number", f"{d.number!r} is already in the register",
                            *_as_given(decision_to_dict(held[d.number]), decision_to_dict(d)),
                            always_refused="a decision's number names one decision: a"
                                           " different one needs a number of its own")
        new_meetings = []
        for i, m in enumerate(doc.meetings):
            record = store.meeting(m.committee, m.date, content=False)
            if record is None:
                added["papers"] += store.add_meeting(m)
                audit.record(store, "meeting", f"{m.committee} {m.date.isoformat()}", source,
                             None, {"committee": m.committee, "date": m.date.isoformat(),
                                    "items": len(m.items)}, desk.user)
                added["meetings"] += 1
                new_meetings.append(m)
            else:
                way.differs(f"meetings[{i}].date",
                            f"{m.committee} already has a meeting on {m.date.isoformat()}",
                            *_as_given(meeting_to_dict(dataclasses.replace(
                                record.meeting, printed_membership=record.recorded)),
                                meeting_to_dict(m)),
                            always_refused="a meeting in the register is changed in the"
                                           " register, not by importing it again")
        in_file = {c.name: c for c in doc.committees}
        for m in new_meetings:
            if not m.published_on:
                continue
            if m.late_reason:
                store.set_publication(
                    m.committee, m.date, m.published_on,
                    m.published_on > agenda_publication_deadline(m.date), m.late_reason, None)
            # A published agenda keeps the membership it printed: as the file records it,
            # else the file's committee as the file has it (its own year's membership),
            # whatever the register keeps as current.
            printed = m.printed_membership or in_file.get(m.committee)
            _record_membership(desk, m.committee, m.date,
                               printed.membership if printed else None,
                               printed.seats if printed else None,
                               printed.party_seats if printed else None, False)
        lists = exchange_lists.import_lists(desk, doc, way, source)
    return ImportSummary(**added, same=way.same, kept=way.kept, updated=way.updated,
                         lists=lists)


def import_file(desk: Desk, path: Path, existing: str = REFUSE) -> Done[ImportSummary]:
    """Check the whole file first, then add it in one unit of work: all or nothing. The
    check against what the register holds runs inside the same unit of work as the
    writing, so another writer cannot add a clashing name between the two."""
    try:
        with desk.store.transaction():
            doc = read_document(Path(path), desk.store.known_names(),
                                desk.documents.check_paper)
            # What a published paper must not carry is taken out before it is kept.
            removals = _clean_papers(desk, [p for m in doc.meetings
                                            for p in iter_papers(m.items)])
            summary = import_document(desk, doc, source="import", existing=existing)
    except InterchangeError as exc:
        # Errors inside the document name only their path in it; say which file too.
        if exc.path == str(path):
            raise
        where = f"{path}: {exc.path}" if exc.path else str(path)
        raise InterchangeError(where, exc.message) from None
    notes = "".join(f"\n{note}" for note in removals)
    return Done(f"Imported {summary} from {path}.{notes}", EVERYTHING, summary)


def export_text(desk: Desk, public: bool = False) -> str:
    return dumps(to_dict(document(desk, printed=True), public=public))


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


def export_file(desk: Desk, path: Path, public: bool = False) -> Done[int]:
    """Write the JSON and its papers (in ``papers/`` beside it); the value is how many
    papers were written."""
    path = Path(path)
    doc = document(desk, printed=True)
    papers = [p for m in doc.meetings for p in iter_papers(m.items, public)]
    removals = _clean_papers(desk, papers)
    data = to_dict(doc, public=public)
    names = paper_file_names(doc, public)
    folder = path.parent / "papers"
    # What an export killed mid-write (power cut, task manager) left behind.
    remove_stale_parts(path.parent if str(path.parent) else Path("."))
    remove_stale_parts(folder)
    # Every file is written to a temporary name first; only when all are on disk are they
    # renamed into place. A failure while writing (full disk, no permission) changes nothing.
    staged: list[tuple[Path, Path]] = []  # (temporary file, where it goes)
    made_folder = False
    try:
        if papers:
            if not folder.is_dir():
                try:
                    folder.mkdir()
                except OSError as exc:
                    raise OutputError(f"{folder}: cannot write here ({exc.strerror})") from None
                made_folder = True
            targets: set[str] = set()  # papers with the same content share a file
            for paper in papers:
                if names[id(paper)] not in targets:
                    targets.add(names[id(paper)])
                    target = folder / names[id(paper)]
                    if target.parent != folder:  # pragma: no cover - safe_file_name's bug
                        raise AssertionError(f"{target} is not in {folder}")
                    staged.append((stage(target, paper.content or b""), target))
        staged.append((stage(path, dumps(data).encode("utf-8")), path))
    except OutputError:
        for tmp, _ in staged:
            discard(tmp)
        if made_folder:
            _remove_empty(folder)
        raise
    # Papers first, the JSON that names them last. A rename that fails (the target is a
    # folder, say) takes back the papers this export added.
    new = [target for _, target in staged if not target.exists()]
    for i, (tmp, target) in enumerate(staged):
        try:
            put_in_place(tmp, target)
        except OutputError:
            for rest, _ in staged[i + 1:]:
                discard(rest)
            for added in new:
                if added != target:
                    discard(added)
            if made_folder:
                _remove_empty(folder)
            raise
    extra = f" and {len(papers)} papers in {folder}" if papers else ""
    notes = "".join(f"\n{note}" for note in removals)
    return Done(f"Exported the register{' (public)' if public else ''} to {path}{extra}."
                f"{notes}", value=len(papers))


def _clean_papers(desk: Desk, papers: list[Paper]) -> list[str]:
    """Take active content out of papers the register kept before it took it out on
    attaching (the file written carries none); what was removed from which."""
    notes = []
    for paper in papers:
        if paper.content:
            cleaned = desk.documents.clean_paper(paper.content, paper.path)
            if cleaned.removed:
                paper.content = cleaned.content
                paper.sha256 = hashlib.sha256(cleaned.content).hexdigest()
                notes.append(cleaned.removal_note(paper.path))
    return notes


# --- the demo register ------------------------------------------------------------------------

#: What the demo's 2019 meeting printed that the interchange format does not carry: the
#: committee's membership as it stood on 12 March 2019 (the committee's own list is
#: today's), and the 2019 clerk's post with her telephone.
DEMO_COMMITTEE = "Adult Social Care Cabinet Committee"
MEETING_2019 = dt.date(2019, 3, 12)
#: As printed on the 12 March 2019 agenda ("Membership (14)", 15 seats listed).
MEMBERSHIP_2019 = (
    ("Mrs P T Cole", "chairman"), ("Mrs C Bell", "vice_chairman"),
    ("Mr D L Brazier", "member"), ("Ms D Marsh", "member"), ("Mrs A D Allen, MBE", "member"),
    ("Mrs P M Beresford", "member"), ("Mrs S Chandler", "member"),
    ("Ms S Hamilton", "member"), ("Mr P J Homewood", "member"), ("Mrs L Hurst", "member"),
    ("Mr D D Monk", "member"), ("Mrs T Dean, MBE", "member"), ("Ida Linfield", "member"),
    ("Dr L Sullivan", "member"),
)
PARTY_SEATS_2019 = {"Conservative": 12, "Liberal Democrat": 2, "Labour": 1}
#: The 2019 clerk's post, which the 2023 register lacks (her telephone is on the agenda).
CLERK_2019 = ("Democratic Services Officer (Adult Social Care Cabinet Committee, 2019)",
              "Emma West", "03000 412421")


class DemoError(UserError):
    pass


def _record_2019_agenda(desk: Desk) -> None:
    """Record the 2019 meeting's printed membership and its clerk's post."""
    title, holder, phone = CLERK_2019
    if not any(p.holder == holder for p in desk.store.posts()):
        import_document(desk, RegisterDocument(posts=[Post(title, holder, phone)]),
                        source="demo")
    _record_membership(desk, DEMO_COMMITTEE, MEETING_2019,
                       [Membership(n, r) for n, r in MEMBERSHIP_2019], 15,
                       dict(PARTY_SEATS_2019), True)


#: Where Kent's minute numbers stood at the demo's meetings: 22 January 2019 was minutes
#: 123-133, 13 September 2023 minutes 148-159 (the minutes printed in the two packs).
DEMO_FIRST_MINUTES = ((MEETING_2019, 134), (dt.date(2023, 11, 23), 160))

#: The register setting that marks a register loaded with the demo (the window shows a
#: banner while it is set; setting the council's own name takes it off).
DEMO_SETTING = "demo"


def load_demo(desk: Desk) -> Done[ImportSummary]:
    """The demo register, into an empty one: the Adult Social Care Cabinet Committee's
    2019 and 2023 meetings with their decisions, people and papers, all or nothing."""
    if not desk.store.is_empty():
        raise DemoError("the register is not empty: the demo register loads only into an"
                        " empty one (use --db NEW.sqlite for a separate register)")
    papers = desk.documents.demo_papers()  # laid out before the write lock is taken
    with resources.as_file(resources.files("governance").joinpath("demo/register.json")) \
            as path:
        doc = read_document(path, None, desk.documents.check_paper)
    with desk.store.transaction():
        summary = import_document(desk, doc, source="demo")
        _record_2019_agenda(desk)
        desk.store.set_setting(DEMO_SETTING, "loaded")
        for date, first in DEMO_FIRST_MINUTES:
            desk.store.save_minute_book(MinuteBook(DEMO_COMMITTEE, date, first_number=first))
        for paper in papers:
            attach_papers(desk, paper.committee, paper.meeting, paper.item,
                          [(paper.file_name, paper.content)], title=paper.title,
                          exempt_paragraph=paper.exempt_paragraph)
    summary = dataclasses.replace(summary, posts=len(desk.store.posts()), papers=len(papers))
    return Done(f"Loaded the demo register: {summary}.", EVERYTHING, summary)
