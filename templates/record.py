"""The Record of Decision and the report cover sheet as words, before any layout: what
the Word and PDF renderers print.

One decision gives both documents. The lettered parts ("a) ACCEPT ...; and") are
worded once, by :func:`lettered_parts`, and both the record's "Decision:" and the
cover's "Recommendation(s):" print that same list, so the two can never disagree.
Which form of the record is produced follows the decision's status: before it is taken
the Proposed Record of Decision ("DECISION TO BE TAKEN BY:", "I propose to:", dotted
lines to sign on), once taken the Record of Decision ("DECISION TAKEN BY:",
"I agree to:", who signed and the date it was taken).

The labels, the council's name and the stock phrases come from the house style
(``templates/house_style.json``, overridable in the user configuration folder).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from governance.model import AgendaItem, CommitteeConsideration, Decision, Paper, Post
from governance.ports import CoverContext
from governance.wording import (
    consultation_outcome_replaces,
    outside_cycle,
    part_text,
    split_forward,
)
from templates.style import long_date

#: The record's free-text fields after "Decision:", in the form's order.
TEXT_FIELDS = (
    "reasons", "financial_implications", "legal_implications", "equalities_implications",
    "data_protection_implications", "consultation", "alternatives", "interests_declared",
)


@dataclass(frozen=True)
class Para:
    """One paragraph of a field's value.

    ``kind`` is "text", "bullet" (``marker`` "•") or "part" (a lettered part: ``marker``
    "a)", ``strong`` the upper-case verb printed in bold, ``text`` the rest)."""

    text: str
    kind: str = "text"
    marker: str = ""
    strong: str = ""

    @property
    def plain(self) -> str:
        """The paragraph as one line of text, as a reader (or a text extractor) sees it."""
        body = f"{self.strong} {self.text}" if self.strong else self.text
        return f"{self.marker} {body}" if self.marker else body


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    paragraphs: tuple[Para, ...]


@dataclass(frozen=True)
class DocumentInfo:
    """What goes into the file's properties (Word) or Info dictionary and XMP (PDF)."""

    title: str
    author: str
    subject: str
    language: str
    keywords: str = ""


@dataclass(frozen=True)
class Signature:
    """The signature block: the words over "signed" and over "date"."""

    signed_label: str
    date_label: str
    signature: str
    date: str
    signed: bool
    #: Name, role and date for a digital signature's visible stamp.
    signer_name: str | None = None
    signer_role: str | None = None
    stamp: str | None = None


@dataclass(frozen=True)
class RecordOfDecision:
    number: str
    taken: bool
    heading: str
    maker_label: str
    decision_maker: str
    number_label: str
    fields: tuple[Field, ...]
    signature: Signature
    info: DocumentInfo
    footer: str
    #: Who took the decision, printed above the post (a taken record; None: the post only).
    decision_maker_name: str | None = None

    @property
    def maker_lines(self) -> tuple[str, ...]:
        """The header's decision-maker cell: the name above the post, or the post."""
        name = (self.decision_maker_name or "").strip()
        return (name, self.decision_maker) if name else (self.decision_maker,)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


@dataclass(frozen=True)
class CoverLine:
    key: str
    label: str
    values: tuple[str, ...]
    strong: bool = False


@dataclass(frozen=True)
class CoverSheet:
    number: str
    council: str
    lines: tuple[CoverLine, ...]
    summary_label: str
    summary: tuple[Para, ...]
    recommendation_label: str
    recommendation: str
    parts: tuple[Para, ...]
    info: DocumentInfo
    #: "FOR INFORMATION ONLY" on the report of a decision already taken; else "".
    notice: str = ""

    def line(self, key: str) -> CoverLine:
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)


# --- shared wording ----------------------------------------------------------------------


def paragraphs(text: str | None) -> tuple[Para, ...]:
    """Free text to paragraphs: blank lines separate paragraphs, a line starting with a
    bullet ("•", "-", "*") is a bullet point."""
    out: list[Para] = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        run: list[str] = []
        for line in lines:
            if line[:1] in "•*" or line.startswith("- "):
                if run:
                    out.append(Para(" ".join(run)))
                    run = []
                out.append(Para(line[1:].strip(), "bullet", "•"))
            else:
                run.append(line)
        if run:
            out.append(Para(" ".join(run)))
    return tuple(out)


def lettered_parts(decision: Decision, style: dict[str, Any]) -> tuple[Para, ...]:
    """"a) ACCEPT ...; and" / "b) DELEGATE ... ." — the one wording of the parts, used by
    the record and by the cover's recommendation alike."""
    words = style["record"]
    n = len(decision.parts)
    out = []
    for i, part in enumerate(decision.parts):
        text, conjunction = part_text(part.text)
        if i == n - 1:
            end = words["part_end"]
        elif i == n - 2:
            # The author's own "or" stands (alternatives); "and" is the house joiner.
            end = f"; {conjunction}" if conjunction == "or" else words["part_joiner"]
        else:
            end = words["part_separator"]
        out.append(Para(text + end, "part", f"{Decision.part_letter(i)})", part.verb.upper()))
    return tuple(out)


def _is_collective(decision_maker: str, style: dict[str, Any]) -> bool:
    names = [n.lower() for n in style["record"]["collective_decision_makers"]]
    return decision_maker.strip().lower() in names


def _outcome_lines(considerations: Sequence[CommitteeConsideration],
                   style: dict[str, Any]) -> list[Para]:
    out = []
    for c in considerations:
        if not c.outcome:
            continue
        template = style["record"]["outcomes"].get(c.outcome)
        if template:
            out.append(Para(template.format(committee=c.committee, date=long_date(c.date),
                                            recommendations=c.recommendations or "")))
    return out


def _route_lines(decision: Decision, style: dict[str, Any]) -> list[Para]:
    """Taken outside the Cabinet Committee cycle (or under urgency): says so, and why."""
    if not outside_cycle(decision):
        return []
    words = style["record"]
    how = words["routes"].get(decision.route or "", "")
    reason = (decision.urgency_reason or "").strip()
    template = words["outside_cycle_taken" if decision.is_taken else "outside_cycle_proposed"]
    out = [Para(template.format(how=how))]
    reasons = paragraphs(reason)
    if reasons:
        first = reasons[0]
        out.append(dataclasses.replace(first, text=words["urgency_reason"].format(
            reason=first.text)) if first.kind == "text" else first)
        out += reasons[1:]
    return out


def _consultation(decision: Decision, style: dict[str, Any]) -> list[Para]:
    """The consultation field: the clerk's text, with the committee's outcome (and how a
    decision outside the cycle was taken) in place of what it said would happen."""
    outcome = _route_lines(decision, style) + _outcome_lines(
        decision.committee_considerations, style)
    text = decision.consultation
    split = split_forward(text) if consultation_outcome_replaces(decision) else None
    if split is None:
        return list(paragraphs(text)) + outcome
    before, after = split
    return [*paragraphs(before), *outcome, *paragraphs(after)]


# --- the Record of Decision --------------------------------------------------------------


def record_of_decision(decision: Decision, style: dict[str, Any],
                       signer: str | None = None, public: bool = False,
                       signed_on: dt.date | None = None,
                       holder: str | None = None) -> RecordOfDecision:
    """The (Proposed) Record of Decision of ``decision``: proposed until it is taken.
    ``signer`` names who signs a taken record that has no signer recorded (a record taken
    before the register kept signers, now signed digitally). ``signed_on`` is the day it is
    signed digitally: the date the visible signature stamp states (the record's own date
    stays the day the decision was taken, which may be years earlier). ``public`` gives the
    published version: for an exempt decision, the heading, number, title, decision maker,
    key decision and date, with the rest withheld (Schedule 12A). ``holder`` is who holds
    the decision maker's post in the register: a taken record names who took it above the
    post (who signed it, else the holder), as the real records do.

    Only a record being signed (``signer`` given) prints the signer's name and the date
    on the signature line; any other rendering leaves the dotted lines to sign and date,
    so a printed copy never looks signed when it is not."""
    labels, phrases, words = style["labels"], style["phrases"], style["record"]
    taken = decision.is_taken
    maker = (decision.decision_maker or "").strip()
    signed_by = signer if taken else None
    named = (signer or decision.signed_by or holder) if taken else None
    if _is_collective(maker, style) or (named or "").strip() == maker:
        named = None

    if decision.exempt_paragraph:
        publication = phrases["for_publication_exempt"].format(
            paragraph=decision.exempt_paragraph)
    else:
        publication = phrases["for_publication_yes"]
    if decision.key_decision is None:
        key: list[Para] = [Para(words["key_decision_unknown"])]
    elif decision.key_decision:
        key = [Para(words["key_decision_yes"])]
        criteria = [words["key_decision_criteria"].get(c, c)
                    for c in decision.key_decision_criteria]
        if criteria:
            key.append(Para(words["key_decision_criteria_intro"]))
            key += [Para(c, "bullet", "•") for c in criteria]
    else:
        key = [Para(words["key_decision_no"])]

    if _is_collective(maker, style):
        operative = words["operative_taken_body" if taken else "operative_proposed_body"]
    else:
        operative = labels["operative_taken" if taken else "operative_proposed"]
    decision_paras = [Para(operative.format(decision_maker=maker))] if maker else []
    decision_paras += lettered_parts(decision, style)

    fields = [
        Field("for_publication", labels["for_publication"], (Para(publication),)),
        Field("key_decision", labels["key_decision"], tuple(key)),
        Field("title", labels["title"], (Para(decision.title),)),
        Field("decision", labels["decision"], tuple(decision_paras)),
    ]
    if public and decision.exempt_paragraph:
        withheld = words["public_withheld"].format(paragraph=decision.exempt_paragraph)
        fields[-1] = Field("decision", labels["decision"], (Para(withheld),))
    else:
        for name in TEXT_FIELDS:
            if name == "consultation":
                paras = _consultation(decision, style)
            else:
                paras = list(paragraphs(getattr(decision, name)))
            fields.append(Field(name, labels[name], tuple(paras)))

    line = words["signature_line"]
    if signed_by:
        signature_text = (words["signed_by"].format(name=signed_by, role=maker)
                          if maker else signed_by)
    else:
        signature_text = line
    date_text = (long_date(decision.taken_on) if signed_by and decision.taken_on
                 else line)
    stamp = None
    if signed_by:
        # The stamp is the digital signature's: dated the day it is signed, never the day
        # the decision was taken (a record taken in 2017 and signed today says today).
        stamp = words["signature_stamp"].format(
            name=signed_by, role=maker,
            date=long_date(signed_on) if signed_on else "").strip()
    signature = Signature(labels["signed"], labels["date"], signature_text, date_text,
                          signed=bool(signed_by), signer_name=signed_by,
                          signer_role=maker or None, stamp=stamp)
    council = style["council_name"]
    title = words["title_taken" if taken else "title_proposed"].format(
        number=decision.number, title=decision.title)
    info = DocumentInfo(title=title, author=council,
                        subject=words["subject"].format(number=decision.number,
                                                        council=council),
                        language=words["language"],
                        keywords=f"Record of Decision, {decision.number}")
    return RecordOfDecision(
        number=decision.number, taken=taken,
        heading=labels["record_heading" if taken else "proposed_record_heading"],
        maker_label=labels["decision_taken_by" if taken else "decision_to_be_taken_by"],
        decision_maker=maker, number_label=labels["decision_no"], fields=tuple(fields),
        decision_maker_name=named,
        signature=signature, info=info,
        footer=words["footer"].replace("{page}", "{{page}}").format(number=decision.number))


# --- the report cover sheet --------------------------------------------------------------

#: A paper that is the (proposed) Record of Decision: "Appendix A - Proposed Record of
#: Decision" gives the letter "A".
_RECORD_APPENDIX = re.compile(r"^\s*appendix\s+([A-Za-z0-9]+)\b.*\brecord of decision\b",
                              re.IGNORECASE)


def _named(post: Post) -> str:
    return f"{post.holder}, {post.title}" if post.holder else post.title


def _from_lines(decision: Decision, context: CoverContext) -> list[str]:
    """The Cabinet Member and the director, each "name, post" where the register knows
    the holder (the real covers' From:)."""
    by_title = {p.title: p for p in context.posts}
    by_holder: dict[str, Post] = {}
    for p in context.posts:
        if p.holder:
            by_holder.setdefault(p.holder, p)
    out = []
    maker = (decision.decision_maker or "").strip()
    if maker in by_title:
        out.append(_named(by_title[maker]))
    officers = [decision.relevant_director] if decision.relevant_director else [
        n.strip() for n in (decision.report_author or "").split(";") if n.strip()]
    for name in officers:
        if name in by_holder:
            out.append(_named(by_holder[name]))
        elif name in by_title:
            out.append(_named(by_title[name]))
        else:
            out.append(name)
    if not out and maker:
        out.append(maker)
    return list(dict.fromkeys(out))


def _report_meeting(decision: Decision, context: CoverContext
                    ) -> tuple[str, dt.date] | None:
    """The meeting the report goes to: a consideration whose agenda has the decision as an
    item, else any agenda with it as an item, else the first consideration still waiting
    for an outcome, else the latest one."""
    considerations = sorted(decision.committee_considerations, key=lambda c: c.date)
    on_agenda = sorted({(a.committee, a.date) for a in context.agenda}, key=lambda m: m[1])
    for c in considerations:
        if (c.committee, c.date) in on_agenda:
            return c.committee, c.date
    if on_agenda:
        return on_agenda[0]
    for c in considerations:
        if not c.outcome:
            return c.committee, c.date
    return (considerations[-1].committee, considerations[-1].date) if considerations else None


def _papers(item: AgendaItem | None) -> list[Paper]:
    if item is None:
        return []
    return [*item.papers, *(p for sub in item.items for p in _papers(sub))]


def record_appendix(item: AgendaItem | None) -> str | None:
    """The letter of the item's paper that is the (proposed) Record of Decision."""
    for paper in _papers(item):
        found = _RECORD_APPENDIX.match(paper.title or "")
        if found:
            return found.group(1)
    return None


def _classification(decision: Decision, item: AgendaItem | None, words: dict[str, Any]) -> str:
    """"Unrestricted", "Unrestricted - Exempt appendix" (an exempt paper on an open item),
    or "Exempt" (the decision or the item itself)."""
    paragraph = decision.exempt_paragraph or (item.exempt_paragraph if item else None)
    if paragraph:
        return words["exempt"].format(paragraph=paragraph)
    exempt_papers = sorted({p.exempt_paragraph for p in _papers(item) if p.exempt_paragraph})
    if exempt_papers:
        return words["exempt_appendix"].format(
            paragraph=", ".join(str(n) for n in exempt_papers))
    return words["unrestricted"]


def _step(board: str, day: dt.date | None) -> str:
    return f"{board} – {long_date(day)}" if day else board


def _pathways(decision: Decision, meeting: tuple[str, dt.date] | None,
              words: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Past and Future Pathway of Paper: the boards the decision records, with the other
    committees it goes to before and after this one (each once)."""
    considerations = sorted(decision.committee_considerations, key=lambda c: c.date)
    past = [_step(s.board, s.date) for s in decision.past_pathway]
    future = [_step(s.board, s.date) for s in decision.future_pathway]
    if meeting is not None:
        for c in considerations:
            if (c.committee, c.date) == meeting:
                continue
            line = _step(c.committee, c.date)
            target = past if c.date < meeting[1] else future
            if line not in past and line not in future:
                target.append(line)
    maker = (decision.decision_maker or "").strip()
    if not decision.is_taken and maker and not decision.future_pathway:
        short = "Cabinet Member" if maker.lower().startswith("cabinet member") else maker
        future.append(words["decision_pathway"].format(decision_maker=short))
    return past, future


def cover_sheet(decision: Decision, style: dict[str, Any],
                context: CoverContext | None = None, public: bool = False) -> CoverSheet:
    """The committee report's cover sheet for ``decision``: addressed to the committee
    whose agenda has it (and that meeting's date), from the Cabinet Member and the
    director. A decision already taken is reported FOR INFORMATION ONLY, the committee
    asked to NOTE it. ``public`` gives the published version: for an exempt decision, its
    summary and recommendation are withheld."""
    context = context or CoverContext([], [])
    words = style["cover"]
    maker = (decision.decision_maker or "").strip()
    meeting = _report_meeting(decision, context)
    item = context.items.get(meeting) if meeting is not None else None
    if meeting is not None:
        to = words["to_line"].format(committee=meeting[0], date=long_date(meeting[1]))
        committee = meeting[0]
    else:
        to = maker
        committee = maker
    if decision.key_decision is None:
        key = words["key_decision_unknown"]
    elif decision.key_decision:
        criteria = [words["key_decision_criteria"].get(c, c)
                    for c in decision.key_decision_criteria]
        key = words["key_decision_yes"] + (f" ({'; '.join(criteria)})" if criteria else "")
    else:
        key = words["key_decision_no"]
    past, future = _pathways(decision, meeting, words)
    summary_text = None
    if meeting is not None:
        for a in context.agenda:
            if (a.committee, a.date) == meeting and a.description:
                summary_text = a.description
    if not summary_text:
        reasons = paragraphs(decision.reasons)
        summary_text = reasons[0].text if reasons else ""
    lines = (
        CoverLine("from", words["from"], tuple(_from_lines(decision, context))),
        CoverLine("to", words["to"], (to,)),
        CoverLine("decision_no", words["decision_no"], (decision.number,)),
        CoverLine("subject", words["subject"], (decision.title,), strong=True),
        CoverLine("key_decision", words["key_decision"], (key,)),
        CoverLine("classification", words["classification"],
                  (_classification(decision, item, words),)),
        CoverLine("past_pathway", words["past_pathway"], ("; ".join(past) or words["none"],)),
        CoverLine("future_pathway", words["future_pathway"],
                  ("; ".join(future) or words["none"],)),
        CoverLine("electoral_division", words["electoral_division"],
                  (words["electoral_division_default"],)),
    )
    council = style["council_name"]
    info = DocumentInfo(
        title=words["title"].format(committee=committee, subject=decision.title),
        author=council, subject=words["document_subject"].format(number=decision.number),
        language=style["record"]["language"], keywords=f"Report, {decision.number}")
    summary = paragraphs(summary_text)
    letter = record_appendix(item)
    appendix = words["appendix"].format(letter=letter) if letter else ""
    for_information = meeting is not None and decision.is_taken and (
        decision.taken_on is None or decision.taken_on <= meeting[1])
    if meeting is None:
        template = words["recommendation_to_decision_maker"]
    elif for_information:
        template = words["recommendation_note_taken"]
    else:
        template = words["recommendation"]
    recommendation = template.format(committee=committee, decision_maker=maker,
                                     appendix=appendix, number=decision.number)
    parts = lettered_parts(decision, style)
    if public and decision.exempt_paragraph:
        withheld = words["public_withheld"].format(paragraph=decision.exempt_paragraph)
        summary, recommendation, parts = (Para(withheld),), withheld, ()
    return CoverSheet(
        number=decision.number, council=style["council_name_upper"], lines=lines,
        summary_label=words["summary"], summary=summary,
        recommendation_label=words["recommendations"], recommendation=recommendation,
        parts=parts, info=info,
        notice=words["for_information"] if for_information else "")
