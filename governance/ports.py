"""The interfaces the core needs from the outside world, and the records they pass.

The use cases (``governance.decisions``, ``.meetings``, ``.committees``, ``.records``,
``.exchange``, ``.backups``, ``.listings``) are written against these Protocols only:

- :class:`Store` keeps the register (``db.sqlite_store`` implements it over SQLite; a
  PostgreSQL store sits beside it; the tests have an in-memory fake). It holds data and
  answers queries: no sentences, no rules, no documents.
- :class:`Documents` turns domain objects into document bytes (``templates.renderer``:
  Word and tagged PDF, the agenda pack, CSV, iCalendar, the demo's papers).
- :class:`Signatures` signs and verifies PDFs (``templates.signing``: PAdES, pyHanko).
- :class:`Registers` opens a store at a location, and restores one from a backup (which
  must work on a register too damaged to open).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol, runtime_checkable

from governance.agenda import MeetingDetails, MeetingRecord, StandingTemplate
from governance.audit import AuditRow, KeptFile
from governance.errors import StoreError
from governance.interchange import KnownNames
from governance.minute_book import MinuteBook, Minutes
from governance.model import (
    AgendaItem,
    AssessmentDocument,
    Committee,
    Council,
    Decision,
    KeptDocument,
    Meeting,
    Member,
    Membership,
    Post,
)
from governance.notice import Notice
from governance.papers import CleanedPaper, PaperInfo
from governance.plan import ForwardPlan
from governance.programme import WorkProgramme

# --- what queries ask and answer ------------------------------------------------------------


@dataclass(frozen=True)
class DecisionSummary:
    """A decision as a listing shows it (the Register screen's row, ``list``)."""

    number: str
    title: str
    status: str
    decision_maker: str | None
    key_decision: bool | None
    exempt_paragraph: int | None
    taken_on: str | None
    published_on: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


SUMMARY_COLUMNS = ("number", "title", "status", "decision_maker", "key_decision",
                   "exempt_paragraph", "taken_on", "published_on")
#: What a listing can be sorted by.
SORTS = SUMMARY_COLUMNS


@dataclass(frozen=True)
class DecisionFilter:
    """What the Register screen and ``list`` filter on; None means any."""

    search: str | None = None
    status: str | None = None
    committee: str | None = None
    decision_maker: str | None = None
    #: True, False, or "unrecorded" (the flag never set).
    key_decision: bool | str | None = None
    year: int | None = None


@dataclass(frozen=True)
class ListingRow:
    """One decision as a listing shows it: its summary and where it was considered."""

    summary: DecisionSummary
    #: (committee, date) of each consideration, earliest first.
    considerations: tuple[tuple[str, dt.date], ...] = ()


@dataclass(frozen=True)
class AgendaAppearance:
    """A meeting's agenda item whose subject is a decision: its committee report."""

    committee: str
    date: dt.date
    title: str
    description: str | None


class OpenDecision(NamedTuple):
    """A decision as the Today screen's work needs it, and no more: what
    :meth:`Store.open_decisions` answers (one row a decision, no parts or text)."""

    number: str
    title: str
    status: str
    key_decision: bool | None
    route: str | None
    notice_published_on: dt.date | None
    published_on: dt.date | None
    #: The EqIA's and the DPIA's status; None when none is recorded.
    eqia: str | None
    dpia: str | None
    #: The earliest committee consideration on or after the day asked about.
    next_consideration: dt.date | None


class MeetingSummary(NamedTuple):
    """A meeting as a list names it."""

    committee: str
    date: dt.date
    published_on: dt.date | None


@dataclass(frozen=True)
class RegisterFacts:
    """What a register (or a backup of one) holds, for messages."""

    decisions: int
    audit_rows: int
    size: int

    def __str__(self) -> str:
        return (f"{self.decisions} decision{'s' if self.decisions != 1 else ''},"
                f" {self.audit_rows} audit rows, {_size(self.size)}")


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{int(n)} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


class ChangeFeed(Protocol):
    """What other desktops change in a shared register, as it happens."""

    def poll(self, timeout: float) -> list[tuple[str, str]]:
        """The (audit entity, key) pairs of the units of work committed since the last
        poll, waiting up to ``timeout`` seconds for one; [] if none."""
        ...

    def close(self) -> None: ...


@dataclass
class RegisterRows:
    """A whole register, row for row: every table's rows as the SQLite register holds
    them (dates as ISO text, flags 0/1, lists and maps as JSON text, files as bytes), in
    the order they are loaded, and the audit trail's high-water mark. What moves a
    register between stores (``transfer``, and the backups of a shared register)."""

    tables: list[tuple[str, list[dict[str, Any]]]]
    audit_high_water: int

    def count(self, table: str) -> int:
        return sum(len(rows) for name, rows in self.tables if name == table)


# --- the store ------------------------------------------------------------------------------


class Store(Protocol):
    """The register's data. Every write happens inside :meth:`transaction`; a failure
    inside it leaves the register as it was. Reads outside a transaction see committed
    data. Lookups return None (or an empty list) for what is not there: what that means
    to the user is the use case's to say."""

    #: Where the register is (a file path, or a connection URL without its password),
    #: for messages; None for one in memory.
    location: str | None

    # unit of work
    def transaction(self) -> AbstractContextManager[None]:
        """One unit of work: all or nothing, and it holds the write lock from the start
        (no two writers read-then-write the same rows). Nested calls join it."""
        ...

    def close(self) -> None: ...

    # the audit trail (rows are made by governance.audit; the store keeps them)
    def last_audit_hash(self) -> str | None: ...
    def append_audit(self, row: AuditRow) -> None: ...
    def audit_rows(self, entities: Collection[str] | None = None,
                   key: str | None = None) -> list[AuditRow]: ...
    def audit_high_water(self) -> int:
        """The highest audit row id ever issued (rows cut off the end show here)."""
        ...

    # the register as a whole
    def is_empty(self) -> bool: ...
    def known_names(self) -> KnownNames: ...
    def facts(self) -> RegisterFacts: ...

    # council, posts, members
    def council(self) -> Council | None: ...
    def set_council(self, council: Council) -> None: ...
    def posts(self) -> list[Post]: ...
    def add_post(self, post: Post) -> None: ...
    def members(self) -> list[Member]: ...
    def add_member(self, member: Member) -> None: ...
    def update_member(self, member: Member) -> None: ...

    # committees
    def committees(self) -> list[Committee]: ...
    def add_committee(self, committee: Committee) -> None: ...
    def save_committee(self, committee: Committee) -> None:
        """The committee's seats, party seats and membership, as given."""
        ...

    def standing_items(self, committee: str) -> StandingTemplate | None:
        """The committee's recorded standing items; None when it has none recorded."""
        ...

    def set_standing_items(self, committee: str, template: StandingTemplate) -> None: ...

    # decisions
    def decision(self, number: str) -> Decision | None: ...
    def decisions(self, numbers: Collection[str] | None = None, *,
                  statuses: Collection[str] | None = None,
                  published_since: dt.date | None = None) -> list[Decision]:
        """Decisions in the order they were registered: all, those ``numbers``, those in
        ``statuses``; ``published_since`` adds those published on or after that day."""
        ...

    def open_decisions(self, statuses: Collection[str], published_since: dt.date,
                       considered_from: dt.date, numbers: Collection[str] | None = None
                       ) -> Iterator[OpenDecision]:
        """The decisions in ``statuses`` and those published on or after
        ``published_since`` (of ``numbers``, if given), lean (:class:`OpenDecision`, their
        next consideration the earliest on or after ``considered_from``), in the order
        they were registered: one query, however many there are. An iterator, to be read
        through at once and no more than once: a large register has tens of thousands of
        open decisions, and each need live only while it is looked at."""
        ...

    def exempt_paragraphs(self, numbers: Collection[str] | None = None) -> dict[str, int]:
        """Decision number -> Schedule 12A paragraph, for the exempt ones."""
        ...

    def allocate_number(self, year: int) -> str | None:
        """The next free YY/NNNNN of ``year`` (20YY), never handed out twice; None when
        the year's 99,999 are used up."""
        ...

    def insert_decision(self, decision: Decision, user: str) -> None: ...
    def update_decision(self, before: Decision, after: Decision, user: str) -> bool:
        """Write ``after`` over ``before``; False (and nothing written) when the stored
        decision is no longer at ``before.version``."""
        ...

    def decision_version(self, number: str) -> int | None: ...
    def summaries(self, where: DecisionFilter, sort: str = "number", descending: bool = False,
                  limit: int | None = None, offset: int = 0) -> list[DecisionSummary]: ...
    def count(self, where: DecisionFilter, cap: int | None = None) -> int:
        """How many decisions match; with ``cap``, counting stops past it (``cap + 1``
        means "more than ``cap``")."""
        ...
    def filter_choices(self) -> dict[str, list[Any]]: ...
    def considerations(self) -> dict[str, list[tuple[str, dt.date]]]:
        """Decision number -> (committee, date) of each consideration, earliest first."""
        ...

    # meetings
    def meeting_list(self) -> list[MeetingSummary]:
        """Every meeting, newest first (cheap: for lists)."""
        ...

    def meeting(self, committee: str, date: dt.date, *, content: bool = True
                ) -> MeetingRecord | None:
        """The meeting with its agenda (papers with their bytes unless ``content`` is
        False), its publication details and the membership recorded for it."""
        ...

    def meetings(self, committee: str | None = None, *, content: bool = False
                 ) -> list[Meeting]:
        """Every meeting (of ``committee``), oldest first, with its agenda."""
        ...

    def meeting_dates(self, committee: str) -> list[dt.date]: ...
    def add_meeting(self, meeting: Meeting) -> int:
        """Add a meeting with its items and papers; returns how many papers."""
        ...

    def update_meeting(self, committee: str, date: dt.date, changes: dict[str, Any]) -> None:
        """Change some of time, venue, clerk, proper_officer, notices."""
        ...

    def save_agenda(self, committee: str, date: dt.date, items: Sequence[AgendaItem]) -> None:
        """Replace the meeting's agenda with ``items`` (papers whose ``content`` is None
        keep the bytes stored under their SHA-256); content no paper refers to any more
        goes."""
        ...

    def set_publication(self, committee: str, date: dt.date, published_on: dt.date,
                        late: bool, late_reason: str | None, published_by: str | None) -> None:
        ...

    def record_membership(self, committee: str, date: dt.date,
                          membership: Sequence[Membership], seats: int | None,
                          party_seats: dict[str, int] | None) -> None: ...
    def agenda_appearances(self, number: str) -> list[AgendaAppearance]: ...
    def latest_meeting_details(self) -> dict[str, dict[str, Any]]:
        """Committee -> its latest meeting's clerk, proper_officer and notices."""
        ...

    # kept files: signed records, scans, EqIA and DPIA documents (append-only)
    def kept_documents(self, number: str | None = None, sha256: str | None = None
                       ) -> list[KeptDocument]: ...
    def keep_document(self, document: KeptDocument, content: bytes) -> int: ...
    def kept_document(self, document_id: int) -> tuple[KeptDocument, bytes | None] | None: ...
    def assessment_documents(self, number: str) -> list[AssessmentDocument]: ...
    def add_assessment_document(self, document: AssessmentDocument, content: bytes) -> int: ...
    def assessment_document(self, document_id: int
                            ) -> tuple[AssessmentDocument, bytes | None] | None: ...
    def kept_files(self) -> Iterator[KeptFile]:
        """Every kept file with its bytes, in the order kept (for ``audit verify``)."""
        ...

    def change_feed(self) -> ChangeFeed | None:
        """A feed of other desktops' changes (a connection of its own, for a thread of
        its own); None where nobody else writes (a register file on one desktop)."""
        ...

    # the whole register, row for row
    def dump(self) -> RegisterRows:
        """Every row, read in one snapshot."""
        ...

    def load(self, rows: RegisterRows) -> None:
        """Put ``rows`` into this empty register, ids, audit trail and hashes as they were,
        inside the caller's unit of work."""
        ...

    # backups
    def backup_to(self, destination: Path) -> tuple[Path, RegisterFacts]:
        """A consistent copy of the whole register, written whole or not at all, to
        ``destination`` (a file, or a folder to put a dated file in): where it went and
        what it holds."""
        ...

    # setting a council up (posts change hands, a committee's officers, the demo mark)
    def update_post(self, post: Post) -> None:
        """The holder, telephone and e-mail of the post titled ``post.title``."""
        ...

    def setting(self, key: str) -> str | None:
        """A register setting's text (kept with the register, copied with it); None when
        it is not set."""
        ...

    def set_setting(self, key: str, value: str | None) -> None:
        """Set a register setting (None: remove it)."""
        ...

    # the minute books (governance.minute_book; issue 15)
    def minute_book(self, committee: str, date: dt.date) -> MinuteBook | None:
        """The meeting's minute book; None when nothing has been recorded for it (or the
        register has no such meeting)."""
        ...

    def minute_books(self, committee: str | None = None) -> list[MinuteBook]:
        """Every minute book kept (of one committee's meetings), by committee then date."""
        ...

    def save_minute_book(self, book: MinuteBook) -> None:
        """Keep the meeting's minute book in place of the one kept before (its committee
        and date name the meeting: :class:`~governance.errors.NotInRegister` when the
        register has no such meeting). An approved book is frozen by the register itself,
        as a taken record is: saving over it, or deleting its meeting, is refused
        (:class:`~governance.errors.RegisterRefused`)."""
        ...


class Registers(Protocol):
    """Opening registers and restoring them: what needs a register's location rather
    than an open store."""

    def open(self, location: str | Path | None) -> Store: ...
    def exists(self, location: str | Path) -> bool: ...
    def remove(self, location: str | Path) -> None:
        """Delete a register this run made and put nothing in."""
        ...

    def restore(self, location: str | Path, source: Path) -> tuple[Path | None, RegisterFacts]:
        """Replace the register with the backup ``source``; returns where the register
        as it was is kept aside (None if there was none) and what was restored."""
        ...

    def explain(self, exc: BaseException, location: str | Path | None) -> StoreError | None:
        """The user error for a failure of the store's own machinery outside a unit of
        work (a read meeting a disk error or a lock held too long); None when ``exc`` is
        not the register's or the machine's condition (then it is a fault in Decision
        Desk, shown with its traceback)."""
        ...

    def may_create(self, location: str) -> StoreError | None:
        """Why a new register cannot be made at ``location`` (e.g. no such folder), or
        None when it can."""
        ...

    def backups_folder(self, location: str) -> Path | None:
        """Where the automatic daily backups of the register at ``location`` go; None
        when it has none (a register on a server is backed up there)."""
        ...

    def backup_stem(self, location: str) -> str:
        """The start of the names of its automatic backups (``STEM-YYYY-MM-DD``)."""
        ...


@runtime_checkable
class SharedRegisters(Registers, Protocol):
    """Registers on a database server shared by a team: set up by its administrator."""

    def init(self, location: str) -> list[str]:
        """Make the schema and the roles in an empty database (or apply what an existing
        register lacks); the migrations applied."""
        ...

    def grant(self, location: str, login: str, role: str) -> str:
        """Give the login role ``login`` the clerk's or the reader's group role; its name."""
        ...


# --- documents ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverContext:
    """What a report cover needs besides the decision: the posts (From: names the
    holders) and the agenda items it is the report for."""

    posts: list[Post]
    agenda: list[AgendaAppearance]
    #: The agenda item (with its papers' titles and exemptions, no bytes) on each meeting
    #: of ``agenda``: where the cover finds the appendix letter and the exempt papers.
    items: dict[tuple[str, dt.date], AgendaItem] = field(default_factory=dict)


@dataclass(frozen=True)
class BuiltPack:
    """An agenda pack, and what the message about it says."""

    pdf: bytes
    front_pages: int
    numbered_pages: int
    total_pages: int
    papers: int
    #: Numbers of the items whose exempt papers were left out (public pack).
    withheld_items: tuple[str, ...] = ()
    #: Papers whose fonts are not in their files: "item 5, Minutes (Helvetica)".
    unembedded: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackLayout:
    """Where papers fall in a pack: entry key (an item's number; ``7x`` for item 7's
    exempt papers) -> (first, last) numbered page; and each paper's page count, keyed by
    the ``id()`` of the Paper object in the details it was worked out from."""

    ranges: dict[str, tuple[int, int]]
    paper_pages: dict[int, int]


@dataclass(frozen=True)
class DemoPaper:
    """A paper of the demo register, laid out: where it goes and its bytes."""

    committee: str
    meeting: dt.date
    item: str
    file_name: str
    title: str
    exempt_paragraph: int | None
    content: bytes = field(repr=False)


class Documents(Protocol):
    """Domain objects in, document bytes out. ``council`` is the register's (its name
    heads every document); the renderer's house style supplies the rest."""

    def council_name(self, council: Council | None) -> str: ...
    def record(self, decision: Decision, council: Council | None, fmt: str, *,
               public: bool = False, signer: str | None = None,
               signed_on: dt.date | None = None, signature_field: bool = False,
               holder: str | None = None,
               proceed: Callable[[], bool] | None = None) -> bytes:
        """The (Proposed) Record of Decision as "pdf" or "docx". ``holder``: who holds the
        decision maker's post (a taken record names who took it). Long documents ask
        ``proceed()`` as they are laid out (as :meth:`cover`, :meth:`front_sheet` and
        :meth:`pack` do): False stops them with :class:`~governance.errors.Cancelled`."""
        ...

    def record_heading(self, decision: Decision, council: Council | None) -> str: ...
    def cover(self, decision: Decision, context: CoverContext, council: Council | None,
              fmt: str, *, public: bool = False,
              proceed: Callable[[], bool] | None = None) -> bytes: ...
    def front_sheet(self, details: MeetingDetails, council: Council | None, fmt: str, *,
                    public: bool = False, proceed: Callable[[], bool] | None = None) -> bytes:
        """A meeting's agenda front sheet."""
        ...

    def front_sheet_lists_exempt(self, details: MeetingDetails,
                                 council: Council | None) -> bool: ...
    def pack(self, details: MeetingDetails, council: Council | None, *, public: bool = False,
             progress: Callable[[int, str], None] | None = None,
             proceed: Callable[[], bool] | None = None) -> BuiltPack: ...
    def pack_layout(self, details: MeetingDetails, council: Council | None) -> PackLayout:
        """Where each item's papers fall in the full pack (a UserError when a paper
        cannot be read)."""
        ...
    def membership_lines(self, committee: Committee, members: dict[str, Member],
                         council: Council | None) -> list[str]: ...
    def register_csv(self, rows: Sequence[ListingRow]) -> bytes: ...
    def calendar(self, agendas: Sequence[MeetingDetails], decisions: Sequence[Decision],
                 council: Council | None, *, public: bool, committee: str | None,
                 now: dt.datetime | None = None) -> tuple[bytes, int]: ...
    def check_paper(self, content: bytes, name: str) -> PaperInfo:
        """The paper's page count and size, or :class:`~governance.papers.PaperError` if
        it is not a PDF, is encrypted or is damaged."""
        ...

    def demo_papers(self) -> list[DemoPaper]: ...
    def clean_paper(self, content: bytes, name: str) -> CleanedPaper:
        """The paper (which has passed :meth:`check_paper`) without its active content:
        scripts, actions that start programs or send data, triggers, embedded files, rich
        media; ordinary web, e-mail and internal links stay. A paper nested too deep to
        copy safely is a :class:`~governance.papers.PaperError` (damaged)."""
        ...

    def forward_plan(self, plan: ForwardPlan, council: Council | None, fmt: str) -> bytes:
        """The Forward Plan as ``pdf`` (tagged), ``docx`` or ``csv`` bytes."""
        ...

    def work_programme(self, programme: WorkProgramme, council: Council | None,
                       fmt: str) -> bytes:
        """A committee's Work Programme as ``pdf`` (tagged) or ``docx`` bytes."""
        ...

    def notice(self, notice: Notice, council: Council | None, fmt: str) -> bytes:
        """A statutory notice (SI 2012/2089 regulations 5, 10, 11) as ``pdf`` (tagged) or
        ``docx`` bytes."""
        ...

    def minutes(self, minutes: Minutes, council: Council | None, fmt: str) -> bytes:
        """A meeting's minutes (governance.minute_book.Minutes) as ``pdf`` (tagged, fonts
        embedded) or ``docx`` bytes, laid out as Kent's published minutes are."""
        ...


# --- signatures -----------------------------------------------------------------------------


class Signer(Protocol):
    """A key and certificate to sign with; ``name`` is the certificate's common name."""

    name: str


@dataclass
class SignatureCheck:
    """What a file's digital signature says, before the register is consulted."""

    signatures: int = 0
    ok: bool = False
    reason: str = ""
    signer: str | None = None
    signer_dn: str | None = None
    signing_time: dt.datetime | None = None
    trusted: bool | None = None
    trust_note: str | None = None
    #: The file could not be read as a PDF at all (the reason says why).
    unreadable: bool = False


class Signatures(Protocol):
    def open_signer(self, pkcs12: Path, passphrase: str, source: str) -> Signer:
        """The signer in a PKCS#12 file; every failure names the file (a UserError)."""
        ...

    def sign(self, pdf: bytes, signer: Signer, reason: str,
             location: str) -> tuple[bytes, dt.datetime | None]:
        """Fill the visible signature field of a record rendered with one (a PAdES
        signature over the whole file); the signed bytes and the signing time the
        signature states."""
        ...

    def check(self, data: bytes) -> SignatureCheck: ...
    def trust_folder(self) -> Path: ...
