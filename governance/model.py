"""The register's domain objects. Pure Python: no Qt, no SQL.

Field names follow the interchange format (shared/interchange.md) so that a
decision read from JSON, from the store or from the window is the same object.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from governance.notice import NoticePublication
from governance.plan import PlanPublication
from governance.programme import ProgrammeLists
from governance.vocab import NUMBER_RE, TAKEN_STATUSES


@dataclass
class Council:
    name: str
    key_decision_threshold_pounds: int | None = None


@dataclass
class Post:
    title: str
    holder: str | None = None
    phone: str | None = None
    email: str | None = None


def holder_of(posts: Iterable[Post], title: str | None) -> str | None:
    """Who holds the post titled ``title`` (spaces around it ignored), if the register
    knows."""
    title = (title or "").strip()
    return next((p.holder for p in posts if p.title == title and p.holder), None)


@dataclass
class Member:
    name: str
    party: str | None = None
    honours: str | None = None


@dataclass
class Membership:
    member: str
    role: str


@dataclass(frozen=True)
class RecordedMembership:
    """The membership printed on a meeting's agenda, recorded when it was published."""

    membership: tuple[Membership, ...]
    seats: int | None
    party_seats: dict[str, int] | None


@dataclass
class Committee:
    name: str
    kind: str
    seats: int | None = None
    party_seats: dict[str, int] | None = None
    membership: list[Membership] = field(default_factory=list)


@dataclass
class Paper:
    """A PDF attached to an agenda item. ``path`` is where it came from or goes to;
    ``content`` holds the bytes once read (the store keeps them, with their hash)."""

    path: str
    title: str | None = None
    exempt_paragraph: int | None = None
    sha256: str | None = None
    content: bytes | None = field(default=None, repr=False, compare=False)


@dataclass
class AgendaItem:
    title: str
    standing: bool | None = None
    description: str | None = None
    decision: str | None = None
    papers: list[Paper] = field(default_factory=list)
    exempt_paragraph: int | None = None
    items: list[AgendaItem] = field(default_factory=list)


def exempt_by_decision(item: AgendaItem, exempt_decisions: Mapping[str, int]) -> AgendaItem:
    """The item as exempt as its decision: an item (or sub-item) considering a decision
    whose record is exempt, but not marked exempt itself, is taken as exempt under the
    decision's paragraph, so its papers never reach a public pack by an oversight
    (``check`` reports the mismatch for the clerk to put right)."""
    subs = [exempt_by_decision(sub, exempt_decisions) for sub in item.items]
    paragraph = item.exempt_paragraph or exempt_decisions.get(item.decision or "")
    if paragraph == item.exempt_paragraph and subs == item.items:
        return item
    return dataclasses.replace(item, exempt_paragraph=paragraph, items=subs)


@dataclass
class Meeting:
    committee: str
    date: dt.date
    time: str | None = None
    venue: str | None = None
    clerk: str | None = None
    proper_officer: str | None = None
    published_on: dt.date | None = None
    notices: list[str] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    #: Why the agenda was published after the statutory deadline.
    late_reason: str | None = None
    #: The membership the published agenda printed (in a document: what an export
    #: carries; the register keeps it with the meeting's publication).
    printed_membership: RecordedMembership | None = None

    @property
    def label(self) -> str:
        return f"{self.committee} {self.date.isoformat()}"


@dataclass
class Delegation:
    post: str
    scope: str | None = None
    conditions: str | None = None


@dataclass
class DecisionPart:
    verb: str
    text: str
    delegation: Delegation | None = None


@dataclass
class Assessment:
    """An Equality (EqIA) or Data Protection (DPIA) Impact Assessment."""

    status: str
    title: str | None = None
    signed_off_by: str | None = None
    signed_off_on: dt.date | None = None


@dataclass
class CommitteeConsideration:
    committee: str
    date: dt.date
    outcome: str | None = None
    recommendations: str | None = None


@dataclass
class PathwayStep:
    """A board or meeting a committee report goes to, before or after the committee it is
    addressed to ("Adult Social Care and Health Directorate Management Team – 13 February
    2019"): the cover's Past and Future Pathway of Paper."""

    board: str
    date: dt.date | None = None


@dataclass
class Decision:
    number: str
    title: str
    decision_maker: str | None = None
    key_decision: bool | None = None
    key_decision_criteria: list[str] = field(default_factory=list)
    exempt_paragraph: int | None = None
    parts: list[DecisionPart] = field(default_factory=list)
    reasons: str | None = None
    financial_implications: str | None = None
    legal_implications: str | None = None
    equalities_implications: str | None = None
    data_protection_implications: str | None = None
    consultation: str | None = None
    alternatives: str | None = None
    interests_declared: str | None = None
    eqia: Assessment | None = None
    dpia: Assessment | None = None
    notice_published_on: dt.date | None = None
    route: str | None = None
    urgency_reason: str | None = None
    committee_considerations: list[CommitteeConsideration] = field(default_factory=list)
    status: str = "draft"
    taken_on: dt.date | None = None
    signed_by: str | None = None
    published_on: dt.date | None = None
    report_author: str | None = None
    relevant_director: str | None = None
    #: The decision this one corrects (not part of interchange format v1).
    amends: str | None = None
    #: Where the report went before the committee, and goes after (the cover's pathway).
    past_pathway: list[PathwayStep] = field(default_factory=list)
    future_pathway: list[PathwayStep] = field(default_factory=list)
    #: When the decision is expected to be taken: a day ("2024-03-14") or, when only the
    #: month is known, the month ("2024-03"), as the Forward Plan prints it.
    expected_on: str | None = None
    #: Store revision, for refusing edits made from a stale copy.
    version: int = 0

    @property
    def is_taken(self) -> bool:
        return self.status in TAKEN_STATUSES

    @property
    def year(self) -> int:
        m = NUMBER_RE.match(self.number)
        return 2000 + int(m["year"]) if m else 0

    @staticmethod
    def part_letter(index: int) -> str:
        """Parts are lettered a), b), c) ... in order; the letter is never stored."""
        letters = ""
        index += 1
        while index:
            index, rem = divmod(index - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters


@dataclass
class RegisterDocument:
    """Everything a register holds: what an interchange file carries in or out."""

    council: Council | None = None
    posts: list[Post] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    committees: list[Committee] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    #: Optional keys of the format (issue 15): the statutory notices published, the
    #: Forward Plans published, each committee's regular and suggested items.
    notices: list[NoticePublication] = field(default_factory=list)
    forward_plans: list[PlanPublication] = field(default_factory=list)
    work_programmes: list[ProgrammeLists] = field(default_factory=list)


#: What a kept file is: a digitally signed Record of Decision, or the scan of a record
#: signed on paper.
KEPT_KINDS = ("signed_record", "scan")
#: The assessments a document can be attached to: Equality, Data Protection.
ASSESSMENTS = ("eqia", "dpia")


@dataclass(frozen=True)
class KeptDocument:
    """A file the register keeps for a decision as evidence (without its bytes): the
    signed Record of Decision, or the scan of one signed on paper."""

    id: int
    decision_number: str
    kind: str
    sha256: str
    size: int
    file_name: str | None
    signer: str | None
    signed_at: str | None
    recorded_at: str
    recorded_by: str

    @property
    def label(self) -> str:
        words = {"signed_record": "signed Record of Decision",
                 "scan": "scan of the paper-signed Record of Decision"}
        return f"{words[self.kind]} of {self.decision_number}"


@dataclass(frozen=True)
class AssessmentDocument:
    """An EqIA or DPIA document attached to a decision (without its bytes)."""

    id: int
    decision_number: str
    assessment: str
    file_name: str
    sha256: str
    size: int
    recorded_at: str
    recorded_by: str
