"""Every document the product makes, by kind: what the Documents screen previews and
saves, and what ``render`` writes. One pipeline for each: the Record of Decision and
cover (``governance.records``), a meeting's front sheet and its agenda pack (here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from governance import meetings, minutes, notices, records, text, work_programme
from governance.agenda import MeetingDetails, numbered
from governance.desk import Desk, Done
from governance.errors import UserError
from governance.files import atomic_write
from governance.meetings import meeting
from governance.ports import BuiltPack, PackLayout

#: Documents by kind, as the Documents screen names them.
KINDS = {
    "record": "Record of Decision",
    "cover": "Report cover sheet",
    "agenda": "Agenda front sheet",
    "pack": "Agenda pack",
    "public_pack": "Public agenda pack",
    "notice_private": "Notice of a private meeting (28 days)",
    "notice_private_confirmation": "Private meeting confirmed (5 days)",
    "notice_general_exception": "General exception notice",
    "notice_special_urgency": "Special urgency notice",
    "minutes": "Minutes",
}
#: The statutory notices among them (SI 2012/2089), by ``render notice --kind``.
NOTICE_KINDS = {"notice_private": "private",
                "notice_private_confirmation": "private-confirmation",
                "notice_general_exception": "general-exception",
                "notice_special_urgency": "special-urgency"}
#: The documents about one decision (the Documents screen asks for its number).
DECISION_KINDS = ("record", "cover", *NOTICE_KINDS)


class UnknownDocument(UserError):
    pass


@dataclass(frozen=True)
class DocumentRequest:
    kind: str  # "record", "cover", "agenda", "pack", "public_pack"
    number: str | None = None
    committee: str | None = None
    date: dt.date | None = None
    format: str = "pdf"
    #: The version the public may see (exempt text, items' titles and papers withheld).
    #: The "public_pack" kind is the pack with this set.
    public: bool = False

    @property
    def is_public(self) -> bool:
        return self.public or self.kind == "public_pack"

    @property
    def label(self) -> str:
        when = f"{self.date.day} {self.date:%B %Y}" if self.date else ""
        subject = self.number or f"{self.committee}, {when}"
        name = KINDS.get(self.kind, self.kind)
        if self.public and self.kind != "public_pack":
            name = f"{name} (public)"
        return f"{name} — {subject}"

    @property
    def file_name(self) -> str:
        subject = (self.number or f"{self.committee}-{self.date}").replace("/", "-")
        kind = "public-pack" if self.kind == "public_pack" else self.kind
        if self.public and not kind.startswith("public-"):
            kind = f"public-{kind}"  # the same name however the public pack was asked for
        return f"{kind}-{subject}.{self.format}".replace(" ", "-")


def _day(when: dt.date) -> str:
    return f"{when:%A}, {when.day} {when:%B %Y}"


def _check_text(details: MeetingDetails) -> None:
    """Text kept before the register refused what no document can hold: named."""
    text.check_object(f"the meeting of {details.meeting.committee} on"
                      f" {_day(details.meeting.date)}", details)


def front_sheet(desk: Desk, details: MeetingDetails, fmt: str = "pdf",
                public: bool = False, proceed: Callable[[], bool] | None = None) -> bytes:
    _check_text(details)
    return desk.documents.front_sheet(details, desk.store.council(), fmt, public=public,
                                      proceed=proceed)


def pack(desk: Desk, details: MeetingDetails, public: bool = False,
         progress: Callable[[int, str], None] | None = None,
         proceed: Callable[[], bool] | None = None) -> BuiltPack:
    _check_text(details)
    return desk.documents.pack(details, desk.store.council(), public=public,
                               progress=progress, proceed=proceed)


def pack_layout(desk: Desk, details: MeetingDetails) -> PackLayout | None:
    """Where each item's papers fall in the full pack, and each paper's page count (what
    the front sheet will print); None when a paper cannot be read (building the pack
    says which and why)."""
    try:
        return desk.documents.pack_layout(details, desk.store.council())
    except UserError:
        return None


@dataclass(frozen=True)
class PackPlaces:
    """Where a meeting's items and papers fall in its (full) pack: entry key (an item's
    number; ``7x`` for item 7's exempt papers) -> (first, last) numbered page, and each
    paper's page count by (item number, paper position from 1). ``shape`` is the agenda
    they were worked out for (:func:`agenda_shape`)."""

    ranges: dict[str, tuple[int, int]]
    pages: dict[tuple[str, int], int]
    shape: tuple = ()


def agenda_shape(details: MeetingDetails) -> tuple:
    """The items and their papers (which file, in which place), to tell whether two reads
    of a meeting show the same agenda."""
    return tuple((number, tuple((p.path, p.sha256) for p in item.papers))
                 for number, item in numbered(details.meeting.items))


def pack_places(desk: Desk, committee: str, date: dt.date) -> PackPlaces:
    """The meeting's places in its pack, from its papers' page counts (what the front
    sheet will print): slow, every paper is opened (the window asks in the background).
    A paper that cannot be read leaves them blank (building the pack says why)."""
    details = meetings.meeting(desk, committee, date)
    shape = agenda_shape(details)
    layout = pack_layout(desk, details)
    if layout is None:
        return PackPlaces({}, {}, shape)
    # The layout counts the pages of these Paper objects (by id()).
    pages = {(number, j): layout.paper_pages[id(paper)]
             for number, item in numbered(details.meeting.items)
             for j, paper in enumerate(item.papers, start=1) if id(paper) in layout.paper_pages}
    return PackPlaces(dict(layout.ranges), pages, shape)


@dataclass(frozen=True)
class BuiltDocument:
    """A document built for a request (:func:`build`): its bytes, and what saving it says
    (the meeting it was built from; a pack's pages and papers)."""

    request: DocumentRequest
    data: bytes
    details: MeetingDetails | None = None
    pack: BuiltPack | None = None


def build(desk: Desk, request: DocumentRequest,
          progress: Callable[[int, str], None] | None = None,
          proceed: Callable[[], bool] | None = None) -> BuiltDocument:
    """Build the document the request names (what the Documents screen previews); a
    refusal says why in the clerk's words. ``proceed()`` is asked while it is laid out:
    False (the clerk cancelled) stops it with :class:`~governance.errors.Cancelled`."""
    if request.kind in ("agenda", "pack", "public_pack"):
        if request.committee is None or request.date is None:
            raise UnknownDocument("choose a meeting first")
        details = meeting(desk, request.committee, request.date)
        if request.kind == "agenda":
            return BuiltDocument(request, front_sheet(desk, details, request.format,
                                                      request.is_public, proceed), details)
        built = pack(desk, details, request.is_public, progress, proceed)
        return BuiltDocument(request, built.pdf, details, built)
    if request.kind in ("record", "cover"):
        return BuiltDocument(request, records.render(desk, request.kind, request.number,
                                                     request.format,
                                                     public=request.is_public,
                                                     proceed=proceed))
    if request.kind == "minutes":
        if request.committee is None or request.date is None:
            raise UnknownDocument("choose a meeting first")
        return BuiltDocument(request, minutes.render(desk, request.committee, request.date,
                                                     request.format, public=request.public))
    if request.kind in NOTICE_KINDS:
        return BuiltDocument(request, notices.render(desk, NOTICE_KINDS[request.kind],
                                                     request.number or "", request.format))
    raise UnknownDocument(f"unknown document {request.kind!r}")


def produce(desk: Desk, request: DocumentRequest,
            progress: Callable[[int, str], None] | None = None) -> bytes:
    """Build the document the request names; a refusal says why in the clerk's words."""
    return build(desk, request, progress).data


def save(desk: Desk, built: BuiltDocument, output: Path) -> Done:
    """Write a document already built (:func:`build`) to ``output``, atomically, saying
    what ``render`` says of it: the same sentence and the same notes (an agenda not yet
    published or published late, exempt items listed, a file name ending in another
    format's suffix)."""
    r = built.request
    if r.kind in NOTICE_KINDS:
        return notices.write_built(desk, NOTICE_KINDS[r.kind], r.number or "", r.format,
                                   Path(output), built.data)
    if r.kind == "minutes":
        assert r.committee is not None and r.date is not None
        return minutes.write(desk, r.committee, r.date, r.format, Path(output),
                             public=r.public)
    if r.kind in ("record", "cover"):
        assert r.number is not None
        return records.write_rendered(desk, r.kind, r.number, r.format, Path(output),
                                      built.data, r.is_public)
    assert built.details is not None
    if r.kind == "agenda":
        return _write_front_sheet(desk, built.details, r.format, Path(output), built.data,
                                  r.is_public)
    assert built.pack is not None
    return _write_built_pack(desk, built.details, Path(output), built.pack, r.is_public)


def publication_notes(details: MeetingDetails) -> list[str]:
    """What a front sheet's date says about the publication, for the clerk."""
    p = details.publication
    if p.status == "unpublished":
        return [f"the agenda is not published yet: it is dated with the publication deadline,"
                f" {_day(p.deadline)}"]
    if p.late:
        assert p.published_on is not None
        return [f"the agenda was published late ({_day(p.published_on)}, after the deadline"
                f" of {_day(p.deadline)}): reason recorded: {p.late_reason or 'none'}"]
    return []


def _suffix_note(output: Path, wanted: str) -> list[str]:
    suffix = Path(output).suffix.lower()
    if suffix and suffix != f".{wanted}":
        return [f"{output} ends in {suffix} but holds {wanted.upper()}"]
    return []


def write_agenda(desk: Desk, committee: str, date: dt.date, fmt: str, output: Path,
                 public: bool = False) -> Done[Path]:
    """``render agenda``: the front sheet written atomically to ``output``."""
    details = meeting(desk, committee, date)
    data = front_sheet(desk, details, fmt, public)
    return _write_front_sheet(desk, details, fmt, Path(output), data, public)


def _write_front_sheet(desk: Desk, details: MeetingDetails, fmt: str, output: Path,
                       data: bytes, public: bool) -> Done[Path]:
    notes = publication_notes(details) + _suffix_note(output, fmt)
    atomic_write(Path(output), data)
    if not public and desk.documents.front_sheet_lists_exempt(details, desk.store.council()):
        notes.append("this front sheet lists the exempt items and papers by title (the full"
                     " version); for the public one add --public")
    m = details.meeting
    return Done(f"Wrote the {'public ' if public else ''}agenda front sheet of {m.committee},"
                f" {_day(m.date)} ({fmt.upper()}) to {output}.", value=Path(output),
                notes=tuple(notes))


def write_pack(desk: Desk, committee: str, date: dt.date, output: Path,
               public: bool = False) -> Done[BuiltPack]:
    """``render pack``: the agenda pack written atomically to ``output`` (the Work
    Programme and the draft minutes attached to its agenda made again first, if they have
    changed)."""
    rebuilt = [r for r in (work_programme.rebuild(desk, committee, date),
                           minutes.attach_drafts(desk, committee, date)) if r is not None]
    details = meeting(desk, committee, date)
    built = pack(desk, details, public)
    done = _write_built_pack(desk, details, Path(output), built, public)
    if not rebuilt:
        return done
    changes = rebuilt[0].changes
    for r in rebuilt[1:]:
        changes = changes | r.changes
    return Done("\n".join([*(r.message for r in rebuilt), done.message]), changes,
                done.value, done.notes)


def _write_built_pack(desk: Desk, details: MeetingDetails, output: Path, built: BuiltPack,
                      public: bool) -> Done[BuiltPack]:
    notes = publication_notes(details) + _suffix_note(output, "pdf")
    atomic_write(Path(output), built.pdf)
    m = details.meeting
    kind = "public agenda pack" if public else "agenda pack"
    papers = built.papers
    lines = [f"Wrote the {kind} of {m.committee}, {_day(m.date)} to {output}: front sheet"
             f" {built.front_pages} pages, then {built.numbered_pages} numbered pages from"
             f" {papers} paper{'s' if papers != 1 else ''} ({built.total_pages} pages in"
             " all)."]
    if public and built.withheld_items:
        items = ", ".join(dict.fromkeys(built.withheld_items))
        many = "s" if len(set(built.withheld_items)) > 1 else ""
        lines.append(f"Exempt papers left out (item{many} {items}); the front sheet says"
                     " which.")
    if built.unembedded:
        lines.append("Fonts not embedded in their papers, so a reader shows its own in their"
                     f" place: {'; '.join(built.unembedded)}. Ask the author for a PDF with"
                     " its fonts embedded (Word: Save As PDF, 'ISO 19005-1 compliant').")
    return Done("\n".join(lines), value=built, notes=tuple(notes))
