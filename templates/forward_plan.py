"""The Forward Plan (Kent: the List of Forthcoming Executive Decisions) as tagged PDF, Word
and CSV. The words are the house style's (``forward_plan`` in ``house_style.json``), so a
council can call it its own name and point readers to its own office.

Each entry is a heading (the decision number and title, NEW when it was not on the last
published list) over a two-column table of what regulation 9(2) of SI 2012/2089 requires:
the matter, the decision maker, the date, the committee that considers it first, whether
it is taken in private, the documents and where they can be had. An exempt decision is
its heading and the Schedule 12A paragraph, nothing else.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer

from governance.plan import ForwardPlan, PlanEntry
from templates.agenda_pdf import FONT
from templates.pdf_particulars import council_and_title, particular_styles, particulars
from templates.pdf_tagged import Tagged, Tagger
from templates.record import DocumentInfo
from templates.record_pdf import _render, _styles
from templates.style import long_date
from templates.word_document import add_rows, finished, started


@dataclass(frozen=True)
class EntryBlock:
    heading: str
    new: bool
    #: (label, lines of its value)
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class PlanDocument:
    council: str
    title: str
    period: str
    published: str | None
    introduction: tuple[str, ...]
    entries: tuple[EntryBlock, ...]
    new_mark: str
    footer: str
    info: DocumentInfo


def _maker(e: PlanEntry, words: dict[str, Any]) -> str:
    if e.maker_members:
        return words["body"].format(body=e.decision_maker, members=", ".join(e.maker_members))
    if e.maker_name:
        return words["holder"].format(post=e.decision_maker, name=e.maker_name)
    return e.decision_maker


def _private(e: PlanEntry, words: dict[str, Any]) -> str:
    if e.exempt:
        return words["exempt"].format(paragraph=e.exempt_paragraph)
    if e.private_paragraph is not None:
        return words["private_part"].format(paragraph=e.private_paragraph)
    return words["public"]


def _considerations(e: PlanEntry, words: dict[str, Any]) -> tuple[str, ...]:
    return tuple(words["consideration"].format(committee=c, date=long_date(d))
                 for c, d in e.considerations) or (words["no_committee"],)


def _criteria(e: PlanEntry, style: dict[str, Any]) -> tuple[str, ...]:
    """``Yes``, then each criterion in the cover's short words."""
    words = style["cover"]["key_decision_criteria"]
    return ("Yes", *(words.get(c, c) for c in e.key_criteria))


def _entry(e: PlanEntry, style: dict[str, Any]) -> EntryBlock:
    words = style["forward_plan"]
    labels = words["labels"]
    heading = f"{e.number} – {e.title}"
    if e.exempt:
        return EntryBlock(heading, e.new, ((labels["number"], (e.number,)),
                                           (labels["private"], (_private(e, words),))))
    rows = [
        (labels["number"], (e.number,)),
        (labels["matter"], (e.title,)),
        (labels["proposal"], e.proposal or ("To be drafted",)),
        (labels["key_criteria"], _criteria(e, style)),
        (labels["decision_maker"], (_maker(e, words),)),
        (labels["expected"], (e.expected,)),
        (labels["committee"], _considerations(e, words)),
        (labels["private"], (_private(e, words),)),
        (labels["documents"], e.documents),
        (labels["available"], (words["available"],)),
        (labels["other_documents"], (words["other_documents"],)),
    ]
    return EntryBlock(heading, e.new, tuple(rows))


def plan_document(plan: ForwardPlan, style: dict[str, Any]) -> PlanDocument:
    words = style["forward_plan"]
    council = style["council_name"]
    period = words["period"].format(start=long_date(plan.start), end=long_date(plan.end))
    intro = list(words["introduction"])
    intro.append(words["new_since"].format(date=long_date(plan.last_published))
                 if plan.last_published else words["new_first"])
    published = (words["published"].format(date=long_date(plan.published_on))
                 if plan.published_on else None)
    info = DocumentInfo(f"{words['title']}: {long_date(plan.start)} to {long_date(plan.end)}",
                        council, period, "en-GB", "Forward Plan; key decisions")
    return PlanDocument(council, words["title"], period, published, tuple(intro),
                        tuple(_entry(e, style) for e in plan.entries), words["new_mark"],
                        words["footer"], info)


# --- PDF ---------------------------------------------------------------------------------------


def plan_pdf(doc: PlanDocument) -> bytes:
    s = _styles()
    label, value, entry_heading = particular_styles(s)
    tagger = Tagger()
    root = tagger.root
    story: list[Flowable] = [
        *council_and_title(tagger, s, doc.council, doc.title),
        Tagged(tagger, root.child("P"), Paragraph(f"<b>{escape(doc.period)}</b>", s["body"]))]
    if doc.published:
        story.append(Tagged(tagger, root.child("P"), Paragraph(escape(doc.published),
                                                               s["body"])))
    for para in doc.introduction:
        story.append(Tagged(tagger, root.child("P"), Paragraph(escape(para), s["body"])))
    for entry in doc.entries:
        sect = root.child("Sect")
        mark = f' <font color="#B00000">{escape(doc.new_mark)}</font>' if entry.new else ""
        heading = Tagged(tagger, sect.child("H2"),
                         Paragraph(escape(entry.heading) + mark, entry_heading))
        grid = particulars(tagger, sect.child("Table"), entry.rows, label, value, [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#808080")),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEF1F6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ])
        story += [heading, grid, Spacer(1, 4)]  # the heading is kept with its table
    return _render(story, tagger, doc.info, doc.footer)


# --- Word --------------------------------------------------------------------------------------


def plan_docx(doc: PlanDocument) -> bytes:
    word = started(doc.council, doc.title)
    word.add_paragraph().add_run(doc.period).bold = True
    if doc.published:
        word.add_paragraph(doc.published)
    for para in doc.introduction:
        word.add_paragraph(para)
    for entry in doc.entries:
        heading = word.add_heading(entry.heading, level=2)
        if entry.new:
            heading.add_run(f" {doc.new_mark}")
        add_rows(word, entry.rows)
    return finished(word, doc.footer, doc.info)


# --- CSV ---------------------------------------------------------------------------------------


def plan_csv(plan: ForwardPlan, style: dict[str, Any]) -> bytes:
    """One row a decision for a spreadsheet: UTF-8 with BOM, a header row, CRLF line ends.
    An exempt decision's row has its number, title and paragraph only."""
    words = style["forward_plan"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(words["csv_headers"])
    for e in plan.entries:
        new = words["new_mark"] if e.new else ""
        if e.exempt:
            writer.writerow([e.number, e.title, new, "", "", "", "", "", "",
                             "Private", str(e.exempt_paragraph), "", ""])
            continue
        writer.writerow([
            e.number, e.title, new, e.expected, e.decision_maker,
            ", ".join(e.maker_members) if e.maker_members else e.maker_name or "",
            "; ".join(e.proposal), "; ".join(_criteria(e, style)),
            "; ".join(_considerations(e, words)),
            "Partly private" if e.private_paragraph else "Public",
            str(e.private_paragraph or ""), "; ".join(e.documents), words["available"]])
    return out.getvalue().encode("utf-8-sig")


def forward_plan(plan: ForwardPlan, style: dict[str, Any], fmt: str) -> bytes:
    if fmt == "csv":
        return plan_csv(plan, style)
    document = plan_document(plan, style)
    return plan_pdf(document) if fmt == "pdf" else plan_docx(document)


