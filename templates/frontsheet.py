"""The agenda front sheet as words, before any layout: what the Word and PDF renderers
print, and what the pack's page ranges are worked out for.

:func:`plan_agenda` decides what goes where: every item under UNRESTRICTED ITEMS in
agenda order with its papers, an exempt paper's place held by a stand-in page ("Document
is Restricted"); then, when there is exempt business, the numbered motion to exclude the
press and public; under EXEMPT ITEMS every exempt item and the exempt papers of the
others. The pack follows the same order (unrestricted, then exempt) and both packs carry
the stand-ins, so every page is numbered the same in the public and in the full pack.
:func:`front_sheet` fills in the words, with the page ranges the pack found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from governance.agenda import MeetingDetails, clock_time
from governance.model import (
    AgendaItem,
    Committee,
    Decision,
    Member,
    Paper,
    exempt_by_decision,
)
from templates.style import cover_date, day_date, house_style


@dataclass(frozen=True)
class StandIn:
    """The place of an exempt paper in its item, in both packs: one page saying under which
    paragraphs of Schedule 12A the document is restricted (the paper itself is in the full
    pack's exempt section). It carries nothing of the paper, not even its title."""

    paragraphs: tuple[int, ...]


@dataclass
class AgendaEntry:
    """A line of the front sheet under UNRESTRICTED or EXEMPT ITEMS, and the papers the
    pack carries for it."""

    key: str
    number: str
    title: str
    description: str | None = None
    papers: list[Paper | StandIn] = field(default_factory=list)
    sub: bool = False
    exempt: bool = False
    #: Schedule 12A paragraphs of what this entry holds (exempt entries).
    paragraphs: tuple[int, ...] = ()
    #: Exempt papers of this item left out of the public pack (public front sheet note).
    withheld: int = 0
    withheld_paragraphs: tuple[int, ...] = ()
    #: The agenda item its papers belong to, as stamped on their first page.
    item: str = ""
    #: The exempt papers of an item the rest of which is unrestricted (not a whole item).
    held_papers: int = 0


@dataclass
class AgendaPlan:
    unrestricted: list[AgendaEntry]
    exempt: list[AgendaEntry]
    public: bool
    #: The number of the motion to exclude the press and public (when there is exempt
    #: business): the one after the last unrestricted item.
    motion_number: str | None = None

    @property
    def paragraphs(self) -> tuple[int, ...]:
        return tuple(sorted({p for e in self.exempt for p in e.paragraphs}))

    @property
    def has_exempt(self) -> bool:
        return bool(self.exempt)

    def pack_entries(self) -> list[AgendaEntry]:
        """The entries whose papers go into the pack, in pack order."""
        return self.unrestricted + ([] if self.public else self.exempt)


def _letter(index: int) -> str:
    return Decision.part_letter(index)


def _all_papers(item: AgendaItem) -> list[Paper]:
    out = list(item.papers)
    for sub in item.items:
        out.extend(_all_papers(sub))
    return out


def _paragraphs(item: AgendaItem) -> set[int]:
    found = {item.exempt_paragraph} if item.exempt_paragraph else set()
    found |= {p.exempt_paragraph for p in item.papers if p.exempt_paragraph}
    for sub in item.items:
        found |= _paragraphs(sub)
    return found


def _standins(papers: list[Paper]) -> list[Paper | StandIn]:
    """``papers`` with each exempt one replaced by its stand-in. (A wholly exempt item or
    sub-item has no place among the public pages: its papers are only at the end.)"""
    return [StandIn((p.exempt_paragraph,)) if p.exempt_paragraph else p for p in papers]


def _paper_label(paper: Paper) -> str:
    if paper.title:
        return paper.title
    stem = paper.path.rsplit("/", 1)[-1]
    return stem[:-4] if stem.lower().endswith(".pdf") else stem


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def item_title(item: AgendaItem, public: bool, exempt_decisions: Mapping[str, int]) -> str:
    """``23/00098 - Adult Social Care Pressures Plan ...``: the decision number first, as
    the papers print it (not in a public document when the decision itself is exempt)."""
    if item.decision and not (public and item.decision in exempt_decisions):
        return f"{item.decision} - {item.title}"
    return item.title


def _exempt_labels(labels: list[str]) -> str:
    """``Appendix B and Appendix D``, each once, without a leading "Exempt" (the title
    says it once: never "Exempt Exempt appendix")."""
    def bare(label: str) -> str:
        found = re.match(r"(?i)([a-z]\) )?exempt\s+(\S.*)", label)
        return f"{found.group(1) or ''}{found.group(2)}" if found else label

    return _join([bare(label) for label in dict.fromkeys(labels)])


def plan_agenda(details: MeetingDetails, public: bool = False,
                style: Mapping[str, Any] | None = None) -> AgendaPlan:
    words = (style or house_style())["agenda"]
    exempt_decisions = details.exempt_decisions
    unrestricted: list[AgendaEntry] = []
    exempt: list[AgendaEntry] = []
    items = [exempt_by_decision(item, exempt_decisions) for item in details.meeting.items]
    # The motion to exclude the press and public comes after the last unrestricted item,
    # numbered; an exempt item at or after its place is numbered after it.
    last_open = max((n for n, item in enumerate(items, 1) if not item.exempt_paragraph),
                    default=0)
    has_exempt = any(item.exempt_paragraph or _paragraphs(item) for item in items)
    motion = last_open + 1 if has_exempt else None
    for n, item in enumerate(items, 1):
        number = str(n)
        title = item_title(item, public, exempt_decisions)
        if item.exempt_paragraph:
            printed = str(n + 1 if motion is not None and n >= motion else n)
            paras = tuple(sorted(_paragraphs(item)))
            exempt.append(AgendaEntry(
                key=f"{n}", number=printed,
                title=words["withheld_item_title"] if public else title,
                description=None if public else item.description,
                papers=[] if public else list(_all_papers(item)), exempt=True,
                paragraphs=paras, item=printed))
            continue
        held_labels: list[str] = []
        held_papers: list[Paper] = []
        held_paras: set[int] = set()
        whole_subs = 0  # wholly exempt sub-items: exempt business, not appendices
        # What the public front sheet says is withheld, line by line: the item's own
        # exempt papers and wholly exempt sub-items on its line, a sub-item's exempt
        # papers on the sub-item's.
        own_held: list[Paper] = []
        for p in item.papers:
            if p.exempt_paragraph:
                held_labels.append(_paper_label(p))
                own_held.append(p)
                held_papers.append(p)
        entry = AgendaEntry(key=number, number=number, title=title,
                            description=item.description, papers=_standins(item.papers),
                            item=number)
        subs: list[AgendaEntry] = []
        for j, sub in enumerate(item.items):
            letter = _letter(j)
            if sub.exempt_paragraph:
                held_labels.append(f"{letter}) {item_title(sub, public, exempt_decisions)}")
                whole_subs += 1
                own_held.extend(_all_papers(sub))
                held_papers.extend(_all_papers(sub))
                held_paras |= _paragraphs(sub)
                continue
            sub_held = [p for p in _all_papers(sub) if p.exempt_paragraph]
            held_labels += [f"{letter}) {_paper_label(p)}" for p in sub_held]
            held_papers += sub_held
            sub_paras = tuple(sorted({p.exempt_paragraph for p in sub_held
                                      if p.exempt_paragraph}))
            subs.append(AgendaEntry(
                key=f"{n}{letter}", number=f"{letter})",
                title=item_title(sub, public, exempt_decisions), description=sub.description,
                papers=_standins(_all_papers(sub)), sub=True,
                withheld=len(sub_held) if public else 0,
                withheld_paragraphs=sub_paras if public else (), item=f"{n}({letter})"))
        held_paras |= {p.exempt_paragraph for p in held_papers if p.exempt_paragraph}
        paras = tuple(sorted(held_paras))
        own_paras = tuple(sorted({p.exempt_paragraph for p in own_held if p.exempt_paragraph}
                                 | {q for sub in item.items if sub.exempt_paragraph
                                    for q in _paragraphs(sub)}))
        if public:
            entry.withheld, entry.withheld_paragraphs = len(own_held), own_paras
        unrestricted.append(entry)
        unrestricted.extend(subs)
        if held_labels:
            if not public:
                entry_title = words["exempt_papers_title"].format(
                    title=title, papers=_exempt_labels(held_labels))
            elif held_papers:
                entry_title = words["withheld_papers_title"].format(
                    title=title, count=len(held_papers))
            else:
                entry_title = f"{title} – {words['withheld_item_title']}"
            exempt.append(AgendaEntry(
                key=f"{n}x", number=number, title=entry_title,
                papers=[] if public else list(held_papers), exempt=True, paragraphs=paras,
                item=number, held_papers=0 if whole_subs else len(held_papers)))
    return AgendaPlan(unrestricted, exempt, public,
                      None if motion is None else str(motion))


# --- the words --------------------------------------------------------------------------


@dataclass
class ItemLine:
    number: str
    title: str
    pages: str = ""
    description: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sub: bool = False

    @property
    def heading(self) -> str:
        return " ".join(x for x in (self.number, self.title, self.pages) if x)


@dataclass
class Notice:
    heading: str
    paragraphs: list[str]


@dataclass
class FrontSheet:
    council: str
    committee: str
    cover_date: str
    time: str
    venue: str
    heading: str
    when: str
    ask_for: str
    telephone: str
    email: str
    membership: str
    groups: list[tuple[str, str]]
    header_notices: list[str]
    notices: list[Notice]
    unrestricted_heading: str
    unrestricted_notice: str
    unrestricted: list[ItemLine]
    motion_heading: str | None
    motion: str | None
    exempt_heading: str
    exempt_notice: str
    exempt: list[ItemLine]
    officer: list[str]
    date: str
    late_note: str | None
    background: str
    public: bool = False

    def lines(self) -> list[str]:
        """The front sheet's text in reading order, one paragraph a line (as the seed
        notes quote it): what tests compare and what a screen reader would follow."""
        out = [self.committee, self.cover_date, self.time, self.venue, self.heading,
               self.committee, self.when, self.venue]
        out += [x for x in (self.ask_for, self.telephone, self.email) if x]
        out += self.header_notices
        out.append(self.membership)
        out += [f"{label} {names}" for label, names in self.groups]
        for notice in self.notices:
            out += ([notice.heading] if notice.heading else []) + notice.paragraphs
        out += [self.unrestricted_heading, self.unrestricted_notice]
        for line in self.unrestricted:
            out += [line.heading, *line.description, *line.notes]
        if self.motion:
            out += [x for x in (self.motion_heading, self.motion) if x]
        out += [self.exempt_heading, self.exempt_notice]
        for line in self.exempt:
            out += [line.heading, *line.description, *line.notes]
        out += self.officer
        out.append(self.date)
        if self.late_note:
            out.append(self.late_note)
        out.append(self.background)
        return [x for x in out if x]


def _paragraph_list(paragraphs: tuple[int, ...]) -> str:
    return _join([str(p) for p in paragraphs])


def _with_paragraphs(template: str, paragraphs: tuple[int, ...], **extra: Any) -> str:
    text = template
    if len(paragraphs) > 1:
        text = text.replace("paragraph {paragraphs}", "paragraphs {paragraphs}")
    return text.format(paragraphs=_paragraph_list(paragraphs), **extra)


def with_honours(name: str, member: Member | None) -> str:
    """``Mrs A D Allen, MBE``: the name as the papers print it, with the member's honours."""
    honours = (member.honours or "").strip() if member else ""
    if not honours or name.rstrip().endswith(honours):
        return name  # none, or the name as registered already carries them
    return f"{name}, {honours}"


def _join_names(names: list[str]) -> str:
    """``A, B and C``; ``Mrs T Dean, MBE, and Ida Linfield``: a comma before "and" when the
    name before it already holds one (its honours), as the papers print it."""
    if len(names) <= 1:
        return "".join(names)
    joined = ", ".join(names[:-1])
    return joined + (", and " if "," in names[-2] else " and ") + names[-1]


def membership_groups(
    committee: Committee, members: Mapping[str, Member], words: Mapping[str, Any],
) -> tuple[str, list[tuple[str, str]]]:
    """``Membership (17)`` and the party groups: ``("Conservative (12):", "Mr A M Ridgers
    (Chairman), ... and 1 Vacancy")``. Seats come from the committee's party seats; a
    group with fewer members listed than seats ends with its vacancies."""
    listed = [m for m in committee.membership if m.role != "substitute"]
    by_party: dict[str, list[str]] = {}
    for m in listed:
        member = members.get(m.member)
        party = (member.party if member else None) or words["no_group"]
        role = words["roles"].get(m.role)
        name = with_honours(m.member, member)
        by_party.setdefault(party, []).append(f"{name} {role}" if role else name)
    seats_by_party = dict(committee.party_seats or {})
    order = list(seats_by_party) + [p for p in by_party if p not in seats_by_party]
    groups = []
    for party in order:
        names = by_party.get(party, [])
        seats = seats_by_party.get(party, len(names))
        vacant = seats - len(names)
        if vacant > 0:
            names = [*names, words["vacancy" if vacant == 1 else "vacancies"].format(
                count=vacant)]
        groups.append((words["group"].format(party=party, seats=seats), _join_names(names)))
    total = committee.seats or sum(seats_by_party.values()) or len(listed)
    unassigned = total - max(sum(seats_by_party.values()), len(listed))
    if unassigned > 0 and committee.seats:
        groups.append((words["unallocated_group"].format(seats=unassigned),
                       words["vacancy" if unassigned == 1 else "vacancies"]
                       .format(count=unassigned)))
    return words["membership"].format(seats=total), groups


def _pages(words: Mapping[str, Any], span: tuple[int, int] | None) -> str:
    if not span:
        return ""
    first, last = span
    return (words["page"] if first == last else words["pages"]).format(first=first,
                                                                        last=last)


def _description(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _exempt_notice(plan: AgendaPlan, phrases: Mapping[str, Any]) -> str:
    """``(At the time of preparing the agenda there was an exempt appendix relating to
    item 10. ...)``: what exempt business there is."""
    words = phrases["exempt_business"]
    what, count = [], 0
    for entry in plan.exempt:
        if entry.held_papers:
            many = entry.held_papers > 1
            what.append(words["appendices" if many else "appendix"].format(item=entry.item))
            count += entry.held_papers
        else:
            what.append(words["item"].format(item=entry.item))
            count += 1
    return phrases["exempt_items_listed"].format(verb="were" if count > 1 else "was",
                                                 what=_join(what))


def front_sheet(
    details: MeetingDetails, plan: AgendaPlan, pages: Mapping[str, tuple[int, int]],
    style: Mapping[str, Any] | None = None,
) -> FrontSheet:
    """The front sheet's words; ``pages`` maps an entry's key to its first and last page
    in the pack (an entry with no papers has none)."""
    style = style or house_style()
    words, phrases = style["agenda"], style["phrases"]
    m = details.meeting
    clerk, officer = details.clerk, details.proper_officer
    membership, groups = membership_groups(details.committee, details.members, words)
    header_notices, notices = [], []
    for key in m.notices:
        text = phrases["notices"].get(key)
        if not text:
            continue
        if key == "refreshments":
            header_notices.append(text)
            continue
        paragraphs = [text] + ([words["webcasting_consent"]] if key == "webcasting" else [])
        notices.append(Notice(words["notice_headings"].get(key, ""), paragraphs))

    def line(entry: AgendaEntry) -> ItemLine:
        notes = []
        if entry.exempt:
            notes.append(_with_paragraphs(words["exempt_paragraph_note"], entry.paragraphs))
        if entry.withheld:
            notes.append(_with_paragraphs(words["withheld_papers"], entry.withheld_paragraphs,
                                          count=entry.withheld))
        return ItemLine(entry.number, entry.title, _pages(words, pages.get(entry.key)),
                        _description(entry.description), notes, entry.sub)

    paragraphs = plan.paragraphs
    publication = details.publication
    published = publication.published_on or publication.deadline
    late_note = None
    if publication.late:
        late_note = words["late_publication"].format(
            published=day_date(published), deadline=day_date(publication.deadline),
            reason=publication.late_reason or "not recorded")
    officer_lines = []
    if officer is not None:
        officer_lines = [x for x in (officer.holder, officer.title, officer.phone) if x]
    elif m.proper_officer:
        officer_lines = [m.proper_officer]
    when = day_date(m.date) + (f" at {clock_time(m.time)}" if m.time else "")
    return FrontSheet(
        council=style["council_name"],
        committee=m.committee.upper(),
        cover_date=cover_date(m.date),
        time=clock_time(m.time),
        venue=m.venue or "",
        heading=words["heading"],
        when=when,
        ask_for=f"{words['ask_for']} {m.clerk}" if m.clerk else "",
        telephone=f"{words['telephone']} {clerk.phone}" if clerk and clerk.phone else "",
        email=clerk.email if clerk and clerk.email else "",
        membership=membership,
        groups=groups,
        header_notices=header_notices,
        notices=notices,
        unrestricted_heading=words["unrestricted_heading"],
        unrestricted_notice=phrases["unrestricted_items"],
        unrestricted=[line(e) for e in plan.unrestricted],
        motion_heading=f"{plan.motion_number} {words['motion_heading']}"
        if paragraphs and plan.motion_number else words["motion_heading"] if paragraphs
        else None,
        motion=_with_paragraphs(phrases["exclusion_motion"], paragraphs)
        if paragraphs else None,
        exempt_heading=words["exempt_heading"],
        exempt_notice=_exempt_notice(plan, phrases) if plan.has_exempt
        else phrases["no_exempt_items"],
        exempt=[line(e) for e in plan.exempt],
        officer=officer_lines,
        date=day_date(published),
        late_note=late_note,
        background=phrases["background_documents"],
        public=plan.public,
    )


def front_sheet_title(sheet: FrontSheet) -> str:
    """``Adult Social Care Cabinet Committee, Thursday, 23 November 2023 at 2.00 pm:
    agenda``: the document title of the front sheet, Word and PDF alike (what a viewer
    shows in its title bar)."""
    return f"{sheet.committee.title()}, {sheet.when}: agenda"
