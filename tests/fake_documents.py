"""A :class:`governance.ports.Documents` that needs neither reportlab nor python-docx: every
document is a short text rendering of what it is about, the same bytes for the same input,
so the use cases can be run (and their documents compared) without the real renderer.
It can be swapped for ``templates.renderer.Renderer`` in any desk.

The bytes start with ``FAKE <kind> <format>``; they are not real PDF or Word files. The
demo's papers are not laid out (:meth:`FakeDocuments.demo_papers` gives none).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from governance.agenda import MeetingDetails, numbered
from governance.minute_book import Minutes, heading, names_list
from governance.model import Committee, Council, Decision, Member
from governance.notice import Notice
from governance.papers import CleanedPaper, PaperInfo, refuse_what_is_not_a_pdf
from governance.plan import ForwardPlan
from governance.ports import (
    BuiltPack,
    CoverContext,
    DemoPaper,
    ListingRow,
    PackLayout,
)
from governance.programme import WorkProgramme
from governance.vocab import STATUS_LABELS, TAKEN_STATUSES

#: What every paper counts as in a fake pack.
PAGES_PER_PAPER = 1


def _bytes(kind: str, fmt: str, lines: Sequence[str]) -> bytes:
    return "\n".join([f"FAKE {kind} {fmt}", *lines, ""]).encode("utf-8")


class FakeDocuments:
    """Deterministic text in place of every document."""

    def __init__(self, name: str = "Council") -> None:
        #: The council name used when the register has none.
        self.default_name = name
        #: What was asked for, in order: (method, subject) (for tests that care).
        self.calls: list[tuple[str, str]] = []

    def council_name(self, council: Council | None) -> str:
        return council.name if council else self.default_name

    # --- Records of Decision and covers ---------------------------------------------------

    def record_heading(self, decision: Decision, council: Council | None) -> str:
        taken = decision.status in TAKEN_STATUSES
        return "RECORD OF DECISION" if taken else "PROPOSED RECORD OF DECISION"

    def _decision_lines(self, d: Decision, public: bool) -> list[str]:
        lines = [f"{d.number}: {d.title}", f"Status: {STATUS_LABELS.get(d.status, d.status)}",
                 f"Decision maker: {d.decision_maker or ''}"]
        if public and d.exempt_paragraph:
            return [*lines, f"Exempt (paragraph {d.exempt_paragraph}): text withheld"]
        lines += [f"{Decision.part_letter(i)}) {p.verb} {p.text}"
                  for i, p in enumerate(d.parts)]
        return [*lines, f"Reasons: {d.reasons or ''}"]

    def record(self, decision: Decision, council: Council | None, fmt: str, *,
               public: bool = False, signer: str | None = None,
               signed_on: dt.date | None = None, signature_field: bool = False,
               holder: str | None = None,
               proceed: Callable[[], bool] | None = None) -> bytes:
        self.calls.append(("record", decision.number))
        lines = [self.council_name(council), self.record_heading(decision, council),
                 *self._decision_lines(decision, public)]
        if signer:
            lines.append(f"Signed: {signer} {signed_on.isoformat() if signed_on else ''}")
        if signature_field:
            lines.append("[signature field]")
        return _bytes("record", fmt, lines)

    def cover(self, decision: Decision, context: CoverContext, council: Council | None,
              fmt: str, *, public: bool = False,
              proceed: Callable[[], bool] | None = None) -> bytes:
        self.calls.append(("cover", decision.number))
        lines = [self.council_name(council), "REPORT COVER",
                 *self._decision_lines(decision, public)]
        lines += [f"Agenda: {a.committee} {a.date.isoformat()} {a.title}" for a in context.agenda]
        lines += [f"From: {p.title} ({p.holder or 'vacant'})" for p in context.posts]
        return _bytes("cover", fmt, lines)

    # --- agendas and packs ------------------------------------------------------------------

    @staticmethod
    def _exempt(details: MeetingDetails, item) -> bool:
        return bool(item.exempt_paragraph
                    or details.exempt_decisions.get(item.decision or ""))

    def _agenda_lines(self, details: MeetingDetails, public: bool) -> list[str]:
        m = details.meeting
        lines = [f"{m.committee} {m.date.isoformat()} {m.time or ''}".rstrip(),
                 f"Venue: {m.venue or ''}",
                 f"Publication: {details.publication.status}"
                 f" (deadline {details.publication.deadline.isoformat()})",
                 f"Membership ({len(details.committee.membership)})"]
        for number, item in numbered(m.items):
            if public and self._exempt(details, item):
                lines.append(f"{number}. [exempt]")
                continue
            lines.append(f"{number}. {item.title}")
            lines += [f"   paper: {p.title or p.path}" for p in item.papers
                      if not (public and p.exempt_paragraph)]
        return lines

    def front_sheet(self, details: MeetingDetails, council: Council | None, fmt: str, *,
                    public: bool = False, proceed: Callable[[], bool] | None = None) -> bytes:
        self.calls.append(("front_sheet", details.meeting.label))
        return _bytes("front_sheet", fmt,
                      [self.council_name(council), *self._agenda_lines(details, public)])

    def front_sheet_lists_exempt(self, details: MeetingDetails,
                                 council: Council | None) -> bool:
        return any(self._exempt(details, item) or any(p.exempt_paragraph for p in item.papers)
                   for _n, item in numbered(details.meeting.items))

    def _papers(self, details: MeetingDetails, public: bool) -> tuple[list, list[str]]:
        kept, withheld = [], []
        for number, item in numbered(details.meeting.items):
            for p in item.papers:
                if public and (self._exempt(details, item) or p.exempt_paragraph):
                    withheld.append(number)
                else:
                    kept.append((number, p))
        return kept, withheld

    def pack(self, details: MeetingDetails, council: Council | None, *, public: bool = False,
             progress: Callable[[int, str], None] | None = None,
             proceed: Callable[[], bool] | None = None) -> BuiltPack:
        self.calls.append(("pack", details.meeting.label))
        if progress is not None:
            progress(5, "Laying out the front sheet and the papers…")
        papers, withheld = self._papers(details, public)
        lines = [self.council_name(council), *self._agenda_lines(details, public)]
        lines += [f"[{number}] {p.path} {p.sha256}" for number, p in papers]
        numbered_pages = len(papers) * PAGES_PER_PAPER
        if progress is not None:
            progress(100, "")
        return BuiltPack(_bytes("pack", "pdf", lines), 1, numbered_pages, 1 + numbered_pages,
                         len(papers), tuple(withheld))

    def pack_layout(self, details: MeetingDetails, council: Council | None) -> PackLayout:
        ranges: dict[str, tuple[int, int]] = {}
        pages: dict[int, int] = {}
        page = 0
        for number, item in numbered(details.meeting.items):
            if not item.papers:
                continue
            first = page + 1
            for p in item.papers:
                pages[id(p)] = PAGES_PER_PAPER
                page += PAGES_PER_PAPER
            ranges[number] = (first, page)
        return PackLayout(ranges, pages)

    def membership_lines(self, committee: Committee, members: dict[str, Member],
                         council: Council | None) -> list[str]:
        seats = committee.seats if committee.seats is not None else len(committee.membership)
        lines = [f"Membership ({seats})"]
        for m in committee.membership:
            party = members[m.member].party if m.member in members else None
            lines.append(f"  {party or 'No party'}: {m.member} ({m.role})")
        return lines

    # --- listings ---------------------------------------------------------------------------

    def register_csv(self, rows: Sequence[ListingRow]) -> bytes:
        out = ["number,title,status,considered"]
        for r in rows:
            s = r.summary
            considered = ";".join(f"{c} {d.isoformat()}" for c, d in r.considerations)
            out.append(f"{s.number},{s.title},{s.status},{considered}")
        return ("\r\n".join(out) + "\r\n").encode("utf-8")

    def calendar(self, agendas: Sequence[MeetingDetails], decisions: Sequence[Decision],
                 council: Council | None, *, public: bool, committee: str | None,
                 now: dt.datetime | None = None) -> tuple[bytes, int]:
        events = [f"MEETING {a.meeting.label}" for a in agendas]
        return _bytes("calendar", "ics", [self.council_name(council), *events]), len(events)

    def check_paper(self, content: bytes, name: str) -> PaperInfo:
        """A paper is sound when it looks like a PDF; its pages are its ``/Type /Page``
        objects (as the tests' tiny PDFs have them), at least one."""
        refuse_what_is_not_a_pdf(content, name)
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", content)) or 1
        return PaperInfo(pages, (595.0, 842.0))

    def demo_papers(self) -> list[DemoPaper]:
        return []

    def clean_paper(self, content: bytes, name: str) -> CleanedPaper:
        """The tests' tiny PDFs carry no active content: kept as they are."""
        return CleanedPaper(content)

    def forward_plan(self, plan: ForwardPlan, council: Council | None, fmt: str) -> bytes:
        """One line an entry: number, title, when, and NEW or the exempt paragraph; an exempt
        entry carries nothing else, as the real plan."""
        lines = [self.council_name(council),
                 f"{plan.start.isoformat()} to {plan.end.isoformat()}"]
        for e in plan.entries:
            what = f"exempt {e.exempt_paragraph}" if e.exempt else \
                f"{e.decision_maker} {e.maker_name or ''} {'; '.join(e.documents)}"
            lines.append(f"{e.number} {e.title} {e.expected}{' NEW' if e.new else ''} {what}")
        return _bytes("forward_plan", fmt, lines)

    def work_programme(self, programme: WorkProgramme, council: Council | None,
                       fmt: str) -> bytes:
        """The standing and regular items, one line a meeting item (number, title, kind),
        then each suggestion not yet allocated."""
        lines = [self.council_name(council), f"{programme.committee} {programme.year}"]
        lines += [f"standing {t}" for t in programme.standing]
        lines += [f"regular {r.title} {r.months}" for r in programme.regular]
        for m in programme.meetings:
            lines.append(f"meeting {m.date.isoformat()}{' agenda' if m.from_agenda else ''}")
            lines += [f"  {i.number} {i.title} {i.kind}{' key' if i.key else ''}"
                      for i in m.items]
        lines += [f"unallocated {s.title} by {s.by} on {s.on.isoformat()}"
                  for s in programme.unallocated]
        data = _bytes("work_programme", fmt, lines)
        return b"%PDF-1.4\n" + data if fmt == "pdf" else data  # attachable as a paper

    def notice(self, notice: Notice, council: Council | None, fmt: str) -> bytes:
        """One line: the kind, number, title, paragraph, meeting and reason."""
        n = notice
        meeting = f"{n.meeting.committee} {n.meeting.date.isoformat()}" if n.meeting else ""
        return _bytes("notice", fmt, [self.council_name(council), n.kind, n.number, n.title,
                                      f"paragraph {n.paragraph}", meeting, n.reason or "",
                                      n.informed or ""])

    def minutes(self, minutes: Minutes, council: Council | None, fmt: str) -> bytes:
        """The heading, PRESENT / ALSO PRESENT / IN ATTENDANCE, then one line a minute
        (number, item, title) with its paragraphs, the withheld sentence and the state."""
        m = minutes
        lines = [self.council_name(council), heading(m), f"state {m.state}",
                 f"PRESENT: {names_list(m.present)}",
                 f"ALSO PRESENT: {names_list(m.also_present)}",
                 f"IN ATTENDANCE: {names_list(m.in_attendance)}"]
        for section, rows in (("UNRESTRICTED ITEMS", m.unrestricted), ("EXEMPT ITEMS", m.exempt)):
            if rows:
                lines.append(section)
            for minute in rows:
                lines.append(f"{minute.number}. {minute.title} (Item. {minute.item})")
                lines += list(minute.paragraphs)
        if m.withheld:
            lines.append(m.withheld)
        if m.approved:
            lines.append(m.approved)
        data = _bytes("minutes", fmt, lines)
        return b"%PDF-1.4\n" + data if fmt == "pdf" else data  # attachable as a paper
