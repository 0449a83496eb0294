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

from governance import audit
from governance.decisions import snapshot
from governance.desk import EVERYTHING, Desk, Done
from governance.errors import OutputError, UserError
from governance.files import discard, put_in_place, remove_stale_parts, stage
from governance.interchange import (
    InterchangeError,
    dumps,
    iter_papers,
    paper_file_names,
    read_document,
    to_dict,
)
from governance.meetings import _record_membership, attach_papers
from governance.model import Committee, Membership, Paper, Post, RegisterDocument


@dataclass(frozen=True)
class ImportSummary:
    posts: int
    members: int
    committees: int
    meetings: int
    decisions: int
    papers: int

    def __str__(self) -> str:
        return (f"{self.decisions} decisions, {self.meetings} meetings, {self.committees}"
                f" committees, {self.members} members, {self.posts} posts,"
                f" {self.papers} papers")


def document(desk: Desk, content: bool = True) -> RegisterDocument:
    """The whole register as domain objects (what export writes and check reads); the
    papers' bytes unless ``content`` is False."""
    store = desk.store
    return RegisterDocument(council=store.council(), posts=store.posts(),
                            members=store.members(), committees=store.committees(),
                            meetings=store.meetings(content=content),
                            decisions=store.decisions())


def _committee_json(c: Committee) -> dict:
    return {"name": c.name, "kind": c.kind, "seats": c.seats, "party_seats": c.party_seats,
            "membership": [m.__dict__ for m in c.membership]}


def import_document(desk: Desk, doc: RegisterDocument, source: str = "import") -> ImportSummary:
    """Add everything in ``doc`` in one unit of work: all of it, or nothing."""
    store = desk.store
    papers = 0
    with store.transaction():
        if doc.council is not None:
            before = store.council()
            store.set_council(doc.council)
            audit.record(store, "council", doc.council.name, source,
                         before.__dict__ if before else None, doc.council.__dict__, desk.user)
        for p in doc.posts:
            store.add_post(p)
            audit.record(store, "post", p.title, source, None, p.__dict__, desk.user)
        for m in doc.members:
            store.add_member(m)
            audit.record(store, "member", m.name, source, None, m.__dict__, desk.user)
        for c in doc.committees:
            store.add_committee(c)
            audit.record(store, "committee", c.name, source, None, _committee_json(c),
                         desk.user)
        # Decisions before meetings: agenda items refer to them.
        for d in doc.decisions:
            store.insert_decision(d, desk.user)
            audit.record(store, "decision", d.number, source, None, snapshot(d), desk.user)
        for m in doc.meetings:
            papers += store.add_meeting(m)
            audit.record(store, "meeting", f"{m.committee} {m.date.isoformat()}", source,
                         None, {"committee": m.committee, "date": m.date.isoformat(),
                                "items": len(m.items)}, desk.user)
        for m in doc.meetings:
            if m.published_on:  # a published agenda keeps the membership it had
                _record_membership(desk, m.committee, m.date, None, None, None, False)
    return ImportSummary(len(doc.posts), len(doc.members), len(doc.committees),
                         len(doc.meetings), len(doc.decisions), papers)


def import_file(desk: Desk, path: Path) -> Done[ImportSummary]:
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
            summary = import_document(desk, doc, source="import")
    except InterchangeError as exc:
        # Errors inside the document name only their path in it; say which file too.
        if exc.path == str(path):
            raise
        where = f"{path}: {exc.path}" if exc.path else str(path)
        raise InterchangeError(where, exc.message) from None
    notes = "".join(f"\n{note}" for note in removals)
    return Done(f"Imported {summary} from {path}.{notes}", EVERYTHING, summary)


def export_text(desk: Desk, public: bool = False) -> str:
    return dumps(to_dict(document(desk), public=public))


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


def export_file(desk: Desk, path: Path, public: bool = False) -> Done[int]:
    """Write the JSON and its papers (in ``papers/`` beside it); the value is how many
    papers were written."""
    path = Path(path)
    doc = document(desk)
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
        for paper in papers:
            attach_papers(desk, paper.committee, paper.meeting, paper.item,
                          [(paper.file_name, paper.content)], title=paper.title,
                          exempt_paragraph=paper.exempt_paragraph)
    summary = dataclasses.replace(summary, posts=len(desk.store.posts()), papers=len(papers))
    return Done(f"Loaded the demo register: {summary}.", EVERYTHING, summary)
