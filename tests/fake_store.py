"""An in-memory :class:`governance.ports.Store` in plain Python, for running the use cases
without SQLite.

It keeps the register in dicts and lists and behaves as ``db.sqlite_store.SqliteStore``
does for everything the use cases rely on: the order of every list, decision numbers never
handed out twice, the version check of ``update_decision``, the frozen record, kept files,
standing items, the membership recorded for a meeting, publication details, paper content
kept once by SHA-256 and dropped when no paper refers to it, summaries/count/filter over
:class:`DecisionFilter` (with a word-prefix search standing in for FTS5), considerations,
meetings newest first, audit rows with ids and a high-water mark.

Objects go in and come out as copies: a caller changing what it passed or got back never
changes what is stored. Every write must happen inside :meth:`FakeStore.transaction`
(an ``AssertionError`` otherwise, as SQLite's ``append_audit`` does); a transaction is all
or nothing: the state is copied on entry and put back if the block raises. A nested
transaction joins the outer one, and (as SQLite's savepoints do) a failure inside it that
the outer block catches undoes only what the inner block did.

What the SQLite schema refuses (a name twice, a reference to nothing, a taken record
changed, a late publication without a reason) comes out as ``StoreError``, as it does from
``SqliteStore.transaction``. It cannot be backed up, and it has no file: ``facts().size``
is 0.

Tests that must alter stored data behind the app's back (tampering) reach into
:attr:`FakeStore.state`, as a test of the SQLite store would use raw SQL.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from governance.agenda import MeetingRecord, RecordedMembership, StandingTemplate
from governance.audit import ASSESSMENT_DOCUMENT, RECORD_DOCUMENT, AuditRow, KeptFile
from governance.errors import NotInRegister, StoreError
from governance.interchange import KnownNames
from governance.minute_book import ATTENDANCE_KINDS, MinuteBook
from governance.model import (
    ASSESSMENTS,
    KEPT_KINDS,
    AgendaItem,
    AssessmentDocument,
    Committee,
    Council,
    Decision,
    KeptDocument,
    Meeting,
    Member,
    Membership,
    Paper,
    Post,
)
from governance.ports import (
    SUMMARY_COLUMNS,
    AgendaAppearance,
    DecisionFilter,
    DecisionSummary,
    MeetingSummary,
    OpenDecision,
    RegisterFacts,
)
from governance.vocab import (
    ASSESSMENT_STATUSES,
    COMMITTEE_KINDS,
    DECISION_TEXT_FIELDS,
    OUTCOMES,
    ROLES,
    ROUTES,
    STATUSES,
    TAKEN_STATUSES,
)

#: What the number column's CHECK accepts (``[0-9][0-9]/[0-9]{5}`` and an optional letter).
_NUMBER = re.compile(r"[0-9]{2}/[0-9]{5}[a-z]?")
#: A taken record's fields that cannot change (the schema's FROZEN_COLUMNS).
_FROZEN = ("title", "decision_maker", "key_decision", "key_decision_criteria",
           "exempt_paragraph", *DECISION_TEXT_FIELDS, "taken_on", "signed_by")
#: And what a taken or withdrawn record cannot change either (m004).
_FINAL = (*_FROZEN, "number", "eqia", "dpia", "notice_published_on", "route",
          "urgency_reason", "amends")
_ALLOWED_MEETING_CHANGES = ("time", "venue", "clerk", "proper_officer", "notices")


def _refused(why: str) -> StoreError:
    return StoreError(f"the register in memory refused the change: {why}")


# --- the word-prefix search (what the SQLite store's FTS5 index answers) --------------------


def _tokens(text: str) -> list[str]:
    """Words as FTS5's unicode61 tokenizer (remove_diacritics 2) makes them: runs of
    letters and digits, lower-cased, accents removed."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text)
                    if not unicodedata.combining(ch))
    return re.findall(r"[^\W_]+", plain.lower())


def _phrase_in(phrase: list[str], tokens: list[str], prefix: bool) -> bool:
    n = len(phrase)
    for start in range(len(tokens) - n + 1):
        window = tokens[start:start + n]
        if window[:-1] == phrase[:-1] and (
                window[-1].startswith(phrase[-1]) if prefix else window[-1] == phrase[-1]):
            return True
    return False


def _matches(search: str, columns: Sequence[str]) -> bool:
    """Every word of ``search`` is a word of one of ``columns``, the last as a prefix
    (``db.sqlite_store.fts_query``)."""
    words = re.findall(r"\w+", search)
    tokenized = [_tokens(c) for c in columns]
    for i, word in enumerate(words):
        phrase = _tokens(word)
        if not phrase:
            continue
        last = i == len(words) - 1
        if not any(_phrase_in(phrase, toks, last) for toks in tokenized):
            return False
    return True


def _search_columns(d: Decision) -> tuple[str, str, str]:
    body = "\n".join([*(f"{p.verb} {p.text}" for p in d.parts),
                      *(getattr(d, f) or "" for f in DECISION_TEXT_FIELDS),
                      d.decision_maker or ""])
    return d.number, d.title, body


# --- the state --------------------------------------------------------------------------------


@dataclass
class _Item:
    """An agenda item as stored: positions, never numbers; papers by SHA-256."""

    id: int
    title: str
    standing: bool | None
    description: str | None
    decision: str | None
    exempt_paragraph: int | None
    papers: list[dict[str, Any]] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Meeting:
    id: int
    committee: str
    date: dt.date
    time: str | None
    venue: str | None
    clerk: str | None
    proper_officer: str | None
    published_on: dt.date | None
    notices: list[str]
    items: list[_Item]
    #: The meeting_details row: None until publication or membership is recorded.
    details: dict[str, Any] | None = None
    recorded_members: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class State:
    """Everything the register holds. Tests that tamper reach in here."""

    council: Council | None = None
    posts: list[Post] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    #: name -> (kind, seats, party_seats, [(member, role)]), in the order added.
    committees: dict[str, dict[str, Any]] = field(default_factory=dict)
    standing: dict[str, StandingTemplate] = field(default_factory=dict)
    #: number -> Decision (with its version), in the order registered.
    decisions: dict[str, Decision] = field(default_factory=dict)
    #: YY -> the last number handed out (number_sequence).
    sequences: dict[int, int] = field(default_factory=dict)
    meetings: list[_Meeting] = field(default_factory=list)
    paper_files: dict[str, bytes] = field(default_factory=dict)
    kept: list[tuple[KeptDocument, bytes | None]] = field(default_factory=list)
    assessments: list[tuple[AssessmentDocument, bytes]] = field(default_factory=list)
    audit: list[AuditRow] = field(default_factory=list)
    #: The highest audit id ever issued (sqlite_sequence), meeting and item ids issued.
    audit_seq: int = 0
    meeting_seq: int = 0
    item_seq: int = 0
    #: The settings table beyond the council: key -> text.
    settings: dict[str, str] = field(default_factory=dict)
    #: The minute books: (committee, date) -> the meeting's book (issue 15).
    minute_books: dict[tuple[str, dt.date], MinuteBook] = field(default_factory=dict)


class FakeStore:
    """The register in memory: :class:`governance.ports.Store` without a database."""

    location: str | None = None

    def __init__(self) -> None:
        self.state = State()
        self._depth = 0
        self._closed = False
        #: How many transactions were committed and rolled back (for tests).
        self.commits = 0
        self.rollbacks = 0

    # --- unit of work -------------------------------------------------------------------

    @property
    def _s(self) -> State:
        if self._closed:
            raise StoreError("the register in memory is closed")
        return self.state

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        saved = copy.deepcopy(self._s)
        self._depth += 1
        try:
            yield
        except BaseException:
            self.state = saved
            if self._depth == 1:
                self.rollbacks += 1
            raise
        else:
            if self._depth == 1:
                self.commits += 1
        finally:
            self._depth -= 1

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def _writing(self) -> State:
        assert self._depth > 0, "writes belong to a use case's transaction"
        return self._s

    def close(self) -> None:
        self._closed = True

    # --- the audit trail ------------------------------------------------------------------

    def last_audit_hash(self) -> str | None:
        rows = self._s.audit
        return rows[-1].hash if rows else None

    def append_audit(self, row: AuditRow) -> None:
        assert self._depth > 0, "audit rows belong to a use case's transaction"
        s = self._s
        s.audit_seq += 1
        s.audit.append(dataclasses.replace(row, id=s.audit_seq))

    def audit_rows(self, entities: Collection[str] | None = None,
                   key: str | None = None) -> list[AuditRow]:
        return [r for r in self._s.audit
                if (not entities or r.entity in entities) and (not key or r.entity_key == key)]

    def audit_high_water(self) -> int:
        return self._s.audit_seq

    # --- the register as a whole ----------------------------------------------------------

    def is_empty(self) -> bool:
        s = self._s
        return not (s.decisions or s.committees or s.members or s.posts)

    def known_names(self) -> KnownNames:
        s = self._s
        return KnownNames(
            posts={p.title for p in s.posts}, members={m.name for m in s.members},
            committees=set(s.committees), decisions=set(s.decisions),
            meetings={(m.committee, m.date.isoformat()) for m in s.meetings})

    def facts(self) -> RegisterFacts:
        return RegisterFacts(len(self._s.decisions), len(self._s.audit), 0)

    # --- council, posts, members ----------------------------------------------------------

    def council(self) -> Council | None:
        return copy.deepcopy(self._s.council)

    def set_council(self, council: Council) -> None:
        self._writing().council = Council(council.name, council.key_decision_threshold_pounds)

    def posts(self) -> list[Post]:
        return copy.deepcopy(self._s.posts)

    def add_post(self, post: Post) -> None:
        s = self._writing()
        if any(p.title == post.title for p in s.posts):
            raise _refused(f"UNIQUE constraint failed: posts.title ({post.title!r})")
        s.posts.append(Post(post.title, post.holder, post.phone, post.email))

    def members(self) -> list[Member]:
        return copy.deepcopy(self._s.members)

    def add_member(self, member: Member) -> None:
        s = self._writing()
        if any(m.name == member.name for m in s.members):
            raise _refused(f"UNIQUE constraint failed: members.name ({member.name!r})")
        s.members.append(Member(member.name, member.party, member.honours))

    def update_member(self, member: Member) -> None:
        for m in self._writing().members:
            if m.name == member.name:
                m.party, m.honours = member.party, member.honours

    # --- committees -------------------------------------------------------------------------

    def committees(self) -> list[Committee]:
        return [Committee(name, c["kind"], c["seats"], copy.deepcopy(c["party_seats"]),
                          [Membership(m, r) for m, r in c["membership"]])
                for name, c in self._s.committees.items()]

    def _membership(self, name: str, membership: Sequence[Membership]) -> list[tuple[str, str]]:
        known = {m.name for m in self._s.members}
        out: list[tuple[str, str]] = []
        for m in membership:
            if m.member not in known:
                raise StoreError(f"{m.member!r} is not in the register (members)")
            if m.role not in ROLES:
                raise _refused(f"CHECK constraint failed: role ({m.role!r})")
            if any(x == m.member for x, _ in out):
                raise _refused(f"UNIQUE constraint failed: {m.member!r} twice on {name}")
            out.append((m.member, m.role))
        return out

    def _committee_row(self, name: str) -> dict[str, Any]:
        found = self._s.committees.get(name)
        if found is None:
            raise StoreError(f"{name!r} is not in the register (committees)")
        return found

    @staticmethod
    def _check_seats(c: Committee) -> None:
        if c.seats is not None and c.seats < 0:
            raise _refused("CHECK constraint failed: seats >= 0")

    def add_committee(self, committee: Committee) -> None:
        s = self._writing()
        c = committee
        if c.name in s.committees:
            raise _refused(f"UNIQUE constraint failed: committees.name ({c.name!r})")
        if c.kind not in COMMITTEE_KINDS:
            raise _refused(f"CHECK constraint failed: kind ({c.kind!r})")
        self._check_seats(c)
        s.committees[c.name] = {"kind": c.kind, "seats": c.seats,
                                "party_seats": copy.deepcopy(c.party_seats),
                                "membership": self._membership(c.name, c.membership)}

    def save_committee(self, committee: Committee) -> None:
        self._writing()
        c = committee
        row = self._committee_row(c.name)
        self._check_seats(c)
        membership = self._membership(c.name, c.membership)
        row.update(seats=c.seats, party_seats=copy.deepcopy(c.party_seats),
                   membership=membership)

    def standing_items(self, committee: str) -> StandingTemplate | None:
        found = self._s.standing.get(committee)
        if found is None or not (found.start or found.end):  # no rows: none recorded
            return None
        return StandingTemplate(found.start, found.end, True)

    def set_standing_items(self, committee: str, template: StandingTemplate) -> None:
        s = self._writing()
        self._committee_row(committee)
        for item in (*template.start, *template.end):
            if not item.title.strip():
                raise _refused("CHECK constraint failed: a standing item's title is empty")
        s.standing[committee] = StandingTemplate(tuple(template.start), tuple(template.end),
                                                 True)

    # --- decisions ----------------------------------------------------------------------------

    def decision(self, number: str) -> Decision | None:
        return copy.deepcopy(self._s.decisions.get(number))

    def decisions(self, numbers: Collection[str] | None = None, *,
                  statuses: Collection[str] | None = None,
                  published_since: dt.date | None = None) -> list[Decision]:
        out = []
        for d in self._s.decisions.values():
            if numbers is not None and d.number not in numbers:
                continue
            if statuses is not None or published_since is not None:
                wanted = statuses is not None and d.status in statuses
                if published_since is not None and d.status == "published" and \
                        d.published_on is not None and d.published_on >= published_since:
                    wanted = True
                if not wanted:
                    continue
            out.append(copy.deepcopy(d))
        return out

    def open_decisions(self, statuses: Collection[str], published_since: dt.date,
                       considered_from: dt.date, numbers: Collection[str] | None = None
                       ) -> Iterator[OpenDecision]:
        out = []
        for d in self._s.decisions.values():
            if numbers is not None and d.number not in numbers:
                continue
            if d.status not in statuses and not (
                    d.status == "published" and d.published_on is not None
                    and d.published_on >= published_since):
                continue
            upcoming = [c.date for c in d.committee_considerations if c.date >= considered_from]
            out.append(OpenDecision(
                d.number, d.title, d.status, d.key_decision, d.route, d.notice_published_on,
                d.published_on, d.eqia.status if d.eqia else None,
                d.dpia.status if d.dpia else None, min(upcoming) if upcoming else None))
        return iter(out)

    def exempt_paragraphs(self, numbers: Collection[str] | None = None) -> dict[str, int]:
        return {d.number: d.exempt_paragraph for d in self._s.decisions.values()
                if d.exempt_paragraph is not None and (numbers is None or d.number in numbers)}

    def allocate_number(self, year: int) -> str | None:
        s = self._writing()
        yy = year % 100
        prefix = f"{yy:02d}/"
        highest = max((int(n[3:8]) for n in s.decisions if n.startswith(prefix)), default=0)
        last = max(s.sequences.get(yy, 0), highest) + 1
        s.sequences[yy] = last
        if last > 99999:
            return None
        return f"{prefix}{last:05d}"

    def _checked(self, d: Decision) -> Decision:
        """``d`` as the store keeps it (a copy, its values as SQLite gives them back),
        after the checks the schema makes."""
        s = self._s
        if not _NUMBER.fullmatch(d.number or ""):
            raise _refused(f"CHECK constraint failed: number ({d.number!r})")
        if d.status not in STATUSES:
            raise _refused(f"CHECK constraint failed: status ({d.status!r})")
        if d.route is not None and d.route not in ROUTES:
            raise _refused(f"CHECK constraint failed: route ({d.route!r})")
        if d.exempt_paragraph is not None and not 1 <= d.exempt_paragraph <= 7:
            raise _refused(f"CHECK constraint failed: exempt_paragraph ({d.exempt_paragraph})")
        for a in (d.eqia, d.dpia):
            if a is not None and a.status is not None and a.status not in ASSESSMENT_STATUSES:
                raise _refused(f"CHECK constraint failed: assessment status ({a.status!r})")
        if d.amends is not None and d.amends not in s.decisions:
            raise _refused("FOREIGN KEY constraint failed (amends)")
        for c in d.committee_considerations:
            if c.committee not in s.committees:
                raise StoreError(f"{c.committee!r} is not in the register (committees)")
            if c.outcome is not None and c.outcome not in OUTCOMES:
                raise _refused(f"CHECK constraint failed: outcome ({c.outcome!r})")
        kept = copy.deepcopy(d)
        kept.key_decision = None if d.key_decision is None else bool(d.key_decision)
        kept.key_decision_criteria = list(d.key_decision_criteria)
        # What the columns cannot hold comes back as SQLite gives it: a delegation with no
        # post is no delegation, an assessment with no status none.
        for p in kept.parts:
            if p.delegation is not None and p.delegation.post is None:
                p.delegation = None
        for name in ("eqia", "dpia"):
            if getattr(kept, name) is not None and getattr(kept, name).status is None:
                setattr(kept, name, None)
        return kept

    def insert_decision(self, decision: Decision, user: str) -> None:
        s = self._writing()
        kept = self._checked(decision)
        if kept.number in s.decisions:
            raise _refused(f"UNIQUE constraint failed: decisions.number ({kept.number})")
        kept.version = 1
        s.decisions[kept.number] = kept

    def update_decision(self, before: Decision, after: Decision, user: str) -> bool:
        s = self._writing()
        current = s.decisions.get(after.number)
        if current is None or current.version != before.version:
            return False
        kept = self._checked(after)
        self._refuse_frozen(current, kept)
        kept.version = current.version + 1
        s.decisions[after.number] = kept
        return True

    @staticmethod
    def _refuse_frozen(old: Decision, new: Decision) -> None:
        """The schema's triggers: a taken record's text, parts and consideration are
        final, it cannot go back; a withdrawn one stays withdrawn, as it is."""
        if old.status in TAKEN_STATUSES:
            if any(getattr(old, f) != getattr(new, f) for f in _FINAL):
                raise _refused("decision is taken or withdrawn: its record is final")
            if new.status not in TAKEN_STATUSES:
                raise _refused("decision is taken: it cannot go back")
            if old.parts != new.parts:
                raise _refused("decision is taken: its parts cannot change")
            if old.committee_considerations != new.committee_considerations:
                raise _refused("decision is taken: its consideration cannot change")
        elif old.status == "withdrawn":
            if any(getattr(old, f) != getattr(new, f) for f in _FINAL):
                raise _refused("decision is taken or withdrawn: its record is final")
            if new.status != "withdrawn":
                raise _refused("a withdrawn decision stays withdrawn")

    def decision_version(self, number: str) -> int | None:
        d = self._s.decisions.get(number)
        return None if d is None else d.version

    def _where(self, f: DecisionFilter) -> list[Decision]:
        s = self._s
        if f.search and not any(_tokens(w) for w in re.findall(r"\w+", f.search)):
            return []  # no words: nothing matches (``WHERE 0``)
        out = []
        for d in s.decisions.values():
            if f.search and not _matches(f.search, _search_columns(d)):
                continue
            if f.status and d.status != f.status:
                continue
            if f.committee and not any(c.committee == f.committee
                                       for c in d.committee_considerations):
                continue
            if f.decision_maker and d.decision_maker != f.decision_maker:
                continue
            if f.key_decision == "unrecorded":
                if d.key_decision is not None:
                    continue
            elif f.key_decision is not None and d.key_decision != bool(f.key_decision):
                continue
            if f.year and d.number[:2] != f"{f.year % 100:02d}":
                continue
            out.append(d)
        return out

    @staticmethod
    def _summary(d: Decision) -> DecisionSummary:
        return DecisionSummary(
            d.number, d.title, d.status, d.decision_maker, d.key_decision, d.exempt_paragraph,
            d.taken_on.isoformat() if d.taken_on else None,
            d.published_on.isoformat() if d.published_on else None)

    def summaries(self, where: DecisionFilter, sort: str = "number", descending: bool = False,
                  limit: int | None = None, offset: int = 0) -> list[DecisionSummary]:
        order = sort if sort in SUMMARY_COLUMNS else "number"
        rows = [self._summary(d) for d in self._where(where)]

        def key(r: DecisionSummary) -> tuple:
            value = getattr(r, order)
            # SQLite: NULL sorts first ascending (last descending); then by number.
            return (value is not None, value if value is not None else 0, r.number)

        rows.sort(key=key, reverse=descending)
        if limit is not None:
            rows = rows[offset:offset + limit] if limit >= 0 else rows[offset:]
        return rows

    def count(self, where: DecisionFilter, cap: int | None = None) -> int:
        found = len(self._where(where))
        return found if cap is None else min(found, cap + 1)

    def filter_choices(self) -> dict[str, list[Any]]:
        ds = self._s.decisions.values()
        return {
            "committee": sorted({c.committee for d in ds for c in d.committee_considerations}),
            "decision_maker": sorted({d.decision_maker for d in ds
                                      if d.decision_maker is not None}),
            "year": [2000 + int(yy) for yy in sorted({d.number[:2] for d in ds},
                                                     reverse=True)],
        }

    def considerations(self) -> dict[str, list[tuple[str, dt.date]]]:
        out: dict[str, list[tuple[str, dt.date]]] = {}
        for number in sorted(self._s.decisions):
            d = self._s.decisions[number]
            ordered = sorted(enumerate(d.committee_considerations),
                             key=lambda pc: (pc[1].date, pc[0]))
            for _pos, c in ordered:
                out.setdefault(number, []).append((c.committee, c.date))
        return out

    # --- meetings ---------------------------------------------------------------------------

    def _find_meeting(self, committee: str, date: dt.date) -> _Meeting | None:
        for m in self._s.meetings:
            if m.committee == committee and m.date == date:
                return m
        return None

    def _meeting_row(self, committee: str, date: dt.date) -> _Meeting:
        found = self._find_meeting(committee, date)
        if found is None:
            raise StoreError(f"{committee} has no meeting on {date.isoformat()}")
        return found

    def _agenda(self, items: list[_Item], content: bool) -> list[AgendaItem]:
        files = self._s.paper_files
        return [AgendaItem(
            i.title, i.standing, i.description, i.decision,
            [Paper(p["file_name"], p["title"], p["exempt_paragraph"], p["sha256"],
                   files[p["sha256"]] if content else None) for p in i.papers],
            i.exempt_paragraph, self._agenda(i.items, content)) for i in items]

    def _as_meeting(self, m: _Meeting, content: bool) -> Meeting:
        return Meeting(committee=m.committee, date=m.date, time=m.time, venue=m.venue,
                       clerk=m.clerk, proper_officer=m.proper_officer,
                       published_on=m.published_on, notices=list(m.notices),
                       items=self._agenda(m.items, content),
                       late_reason=m.details["late_reason"] if m.details else None)

    def meeting_list(self) -> list[MeetingSummary]:
        rows = sorted(self._s.meetings, key=lambda m: m.committee)
        rows.sort(key=lambda m: m.date, reverse=True)
        return [MeetingSummary(m.committee, m.date, m.published_on) for m in rows]

    def meeting(self, committee: str, date: dt.date, *, content: bool = True
                ) -> MeetingRecord | None:
        m = self._find_meeting(committee, date)
        if m is None:
            return None
        d = m.details
        recorded = None
        if d is not None and d["membership_recorded"]:
            recorded = RecordedMembership(
                tuple(Membership(n, r) for n, r in m.recorded_members), d["seats"],
                copy.deepcopy(d["party_seats"]))
        return MeetingRecord(self._as_meeting(m, content),
                             None if d is None else bool(d["published_late"]),
                             None if d is None else d["published_by"], recorded)

    def meetings(self, committee: str | None = None, *, content: bool = False
                 ) -> list[Meeting]:
        return [self._as_meeting(m, content) for m in self._s.meetings
                if not committee or m.committee == committee]

    def meeting_dates(self, committee: str) -> list[dt.date]:
        return sorted(m.date for m in self._s.meetings if m.committee == committee)

    def _items(self, items: Sequence[AgendaItem]) -> tuple[list[_Item], int]:
        """Agenda items as stored (new ids, in the order SQLite would give them), and how
        many papers; paper content is kept once under its SHA-256."""
        s = self._s
        out: list[_Item] = []
        count = 0
        for item in items:
            if item.decision is not None and item.decision not in s.decisions:
                raise _refused(f"FOREIGN KEY constraint failed (agenda item decision"
                               f" {item.decision!r})")
            if item.exempt_paragraph is not None and not 1 <= item.exempt_paragraph <= 7:
                raise _refused("CHECK constraint failed: exempt_paragraph")
            s.item_seq += 1
            stored = _Item(s.item_seq, item.title,
                           None if item.standing is None else bool(item.standing),
                           item.description, item.decision, item.exempt_paragraph)
            for paper in item.papers:
                if paper.sha256 is None:
                    raise _refused("NOT NULL constraint failed: papers.sha256")
                if paper.content is not None:
                    s.paper_files.setdefault(paper.sha256, bytes(paper.content))
                if paper.sha256 not in s.paper_files:
                    raise _refused("FOREIGN KEY constraint failed (a paper's content)")
                if paper.exempt_paragraph is not None and not 1 <= paper.exempt_paragraph <= 7:
                    raise _refused("CHECK constraint failed: exempt_paragraph")
                stored.papers.append({"file_name": paper.path, "title": paper.title,
                                      "exempt_paragraph": paper.exempt_paragraph,
                                      "sha256": paper.sha256})
                count += 1
            stored.items, more = self._items(item.items)
            count += more
            out.append(stored)
        return out, count

    def add_meeting(self, meeting: Meeting) -> int:
        s = self._writing()
        m = meeting
        self._committee_row(m.committee)
        if self._find_meeting(m.committee, m.date) is not None:
            raise _refused(f"UNIQUE constraint failed: meetings ({m.committee},"
                           f" {m.date.isoformat()})")
        s.meeting_seq += 1
        items, papers = self._items(m.items)
        s.meetings.append(_Meeting(s.meeting_seq, m.committee, m.date, m.time, m.venue,
                                   m.clerk, m.proper_officer, m.published_on,
                                   list(m.notices), items))
        return papers

    def update_meeting(self, committee: str, date: dt.date, changes: dict[str, Any]) -> None:
        self._writing()
        columns = [k for k in changes if k in _ALLOWED_MEETING_CHANGES]
        if not columns:
            return
        m = self._meeting_row(committee, date)
        for k in columns:
            setattr(m, k, list(changes[k]) if k == "notices" else changes[k])

    @staticmethod
    def _shas(items: list[_Item]) -> list[str]:
        return [sha for i in items for sha in
                [p["sha256"] for p in i.papers] + FakeStore._shas(i.items)]

    def save_agenda(self, committee: str, date: dt.date, items: Sequence[AgendaItem]) -> None:
        s = self._writing()
        m = self._meeting_row(committee, date)
        old = set(self._shas(m.items))
        m.items = []
        m.items, _count = self._items(items)
        referred = {sha for x in s.meetings for sha in self._shas(x.items)}
        for sha in old - referred:  # content no paper refers to any more
            del s.paper_files[sha]

    @staticmethod
    def _details(m: _Meeting) -> dict[str, Any]:
        if m.details is None:
            m.details = {"published_late": False, "late_reason": None, "published_by": None,
                         "membership_recorded": False, "seats": None, "party_seats": None}
        return m.details

    def set_publication(self, committee: str, date: dt.date, published_on: dt.date,
                        late: bool, late_reason: str | None, published_by: str | None) -> None:
        self._writing()
        m = self._meeting_row(committee, date)
        if late and not (late_reason or "").strip():
            raise _refused("CHECK constraint failed: a late publication needs its reason")
        d = self._details(m)
        m.published_on = published_on
        d.update(published_late=bool(late), late_reason=late_reason,
                 published_by=published_by if published_by is not None else d["published_by"])

    def record_membership(self, committee: str, date: dt.date,
                          membership: Sequence[Membership], seats: int | None,
                          party_seats: dict[str, int] | None) -> None:
        self._writing()
        m = self._meeting_row(committee, date)
        recorded = self._membership(f"{committee} {date.isoformat()}", membership)
        if seats is not None and seats < 0:
            raise _refused("CHECK constraint failed: seats >= 0")
        d = self._details(m)
        m.recorded_members = recorded
        d.update(membership_recorded=True, seats=seats,
                 party_seats=copy.deepcopy(party_seats))

    def agenda_appearances(self, number: str) -> list[AgendaAppearance]:
        found: list[tuple[dt.date, int, AgendaAppearance]] = []

        def walk(m: _Meeting, items: list[_Item]) -> None:
            for i in items:
                if i.decision == number:
                    found.append((m.date, i.id, AgendaAppearance(m.committee, m.date, i.title,
                                                                 i.description)))
                walk(m, i.items)

        for m in self._s.meetings:
            walk(m, m.items)
        return [a for _d, _i, a in sorted(found, key=lambda x: (x[0], x[1]))]

    def latest_meeting_details(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for m in sorted(self._s.meetings, key=lambda m: m.date):
            out[m.committee] = {"clerk": m.clerk, "proper_officer": m.proper_officer,
                                "notices": list(m.notices)}
        return out

    # --- kept files (append-only) -----------------------------------------------------------

    def kept_documents(self, number: str | None = None, sha256: str | None = None
                       ) -> list[KeptDocument]:
        return [d for d, _c in self._s.kept
                if (number is None or d.decision_number == number)
                and (sha256 is None or d.sha256 == sha256)]

    def _check_kept(self, number: str, sha256: str) -> None:
        if number not in self._s.decisions:
            raise _refused(f"FOREIGN KEY constraint failed (decision {number!r})")
        if len(sha256) != 64:
            raise _refused("CHECK constraint failed: length(sha256) = 64")

    def keep_document(self, document: KeptDocument, content: bytes) -> int:
        s = self._writing()
        d = document
        if d.kind not in KEPT_KINDS:
            raise _refused(f"CHECK constraint failed: kind ({d.kind!r})")
        self._check_kept(d.decision_number, d.sha256)
        new_id = len(s.kept) + 1
        s.kept.append((dataclasses.replace(d, id=new_id), None if content is None
                       else bytes(content)))
        return new_id

    def kept_document(self, document_id: int) -> tuple[KeptDocument, bytes | None] | None:
        for d, content in self._s.kept:
            if d.id == document_id:
                return d, content
        return None

    def assessment_documents(self, number: str) -> list[AssessmentDocument]:
        return [d for d, _c in self._s.assessments if d.decision_number == number]

    def add_assessment_document(self, document: AssessmentDocument, content: bytes) -> int:
        s = self._writing()
        d = document
        if d.assessment not in ASSESSMENTS:
            raise _refused(f"CHECK constraint failed: assessment ({d.assessment!r})")
        if content is None:
            raise _refused("NOT NULL constraint failed: assessment_documents.content")
        self._check_kept(d.decision_number, d.sha256)
        new_id = len(s.assessments) + 1
        s.assessments.append((dataclasses.replace(d, id=new_id), bytes(content)))
        return new_id

    def assessment_document(self, document_id: int
                            ) -> tuple[AssessmentDocument, bytes | None] | None:
        for d, content in self._s.assessments:
            if d.id == document_id:
                return d, content
        return None

    def kept_files(self) -> Iterator[KeptFile]:
        for d, content in list(self._s.kept):
            yield KeptFile(RECORD_DOCUMENT, d.id, d.decision_number, d.kind, d.file_name,
                           d.sha256, content)
        for a, content in list(self._s.assessments):
            yield KeptFile(ASSESSMENT_DOCUMENT, a.id, a.decision_number, a.assessment,
                           a.file_name, a.sha256, content)

    # --- backups ------------------------------------------------------------------------------

    def change_feed(self) -> None:
        return None

    def dump(self) -> Any:
        raise StoreError("the fake store has no rows to copy")

    def load(self, rows: Any) -> None:
        raise StoreError("the fake store takes no rows")

    def backup_to(self, destination: Path) -> tuple[Path, RegisterFacts]:
        raise StoreError("the fake store cannot be backed up")

    # --- setting a council up ---------------------------------------------------------------

    def update_post(self, post: Post) -> None:
        for p in self._writing().posts:
            if p.title == post.title:
                p.holder, p.phone, p.email = post.holder, post.phone, post.email

    def setting(self, key: str) -> str | None:
        return self._s.settings.get(key)

    def set_setting(self, key: str, value: str | None) -> None:
        settings = self._writing().settings
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value


    # --- the minute books (issue 15) ----------------------------------------------------------

    def minute_book(self, committee: str, date: dt.date) -> MinuteBook | None:
        return copy.deepcopy(self._s.minute_books.get((committee, date)))

    def minute_books(self, committee: str | None = None) -> list[MinuteBook]:
        books = sorted(self._s.minute_books.values(), key=lambda b: (b.committee, b.date))
        return [copy.deepcopy(b) for b in books if committee is None or b.committee == committee]

    def save_minute_book(self, book: MinuteBook) -> None:
        """As the schema does: the meeting must exist, an approved book is frozen (refused
        as a change to a taken record is), and its rows pass the CHECKs."""
        s = self._writing()
        key = (book.committee, book.date)
        if self._find_meeting(*key) is None:
            raise NotInRegister("meetings", key)
        kept = s.minute_books.get(key)
        if kept is not None and kept.approval is not None:
            raise _refused("the minute book is approved: its minutes are final")
        for a in book.attendance:
            if a.kind not in ATTENDANCE_KINDS:
                raise _refused(f"CHECK constraint failed: attendance kind ({a.kind!r})")
            if not a.name.strip():
                raise _refused("CHECK constraint failed: an attendee's name is empty")
        names = [(a.name, a.kind) for a in book.attendance]
        if len(set(names)) != len(names):
            raise _refused("UNIQUE constraint failed: minute_attendance (a name twice)")
        items = [e.item for e in book.entries]
        if len(set(items)) != len(items):
            raise _refused("UNIQUE constraint failed: minute_entries (an item twice)")
        if book.first_number is not None and book.first_number < 1:
            raise _refused("CHECK constraint failed: first_number >= 1")
        s.minute_books[key] = copy.deepcopy(book)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
