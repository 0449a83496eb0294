"""The statutory notices of SI 2012/2089 as tagged PDF and Word: the notice of intention
to hold part of a meeting in private (regulation 5(2)), its 5 clear days confirmation
(regulation 5(4)), the general exception notice (regulation 10) and the special urgency
record (regulation 11). The words are the house style's (``notice`` in
``house_style.json``).

Each notice is the council's name, its title and the regulation, what the notice gives
notice of in a sentence, a two-column table of the particulars (the decision by number
and title, the decision maker, when, the meeting, the reasons), the closing paragraphs
and who gives it on which day. A private notice says why by Schedule 12A paragraph; the
exempt content is never a field of a :class:`~governance.notice.Notice`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from governance.notice import Notice
from templates.agenda_pdf import FONT
from templates.pdf_particulars import council_and_title, particular_styles, particulars
from templates.pdf_tagged import Tagged, Tagger
from templates.record import DocumentInfo
from templates.record_pdf import _render, _styles
from templates.style import long_date
from templates.word_document import add_rows, finished, started


@dataclass(frozen=True)
class NoticeDocument:
    council: str
    title: str
    regulation: str
    opening: str
    #: (label, lines of its value)
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    closing: tuple[str, ...]
    signed: tuple[str, ...]
    footer: str
    info: DocumentInfo


def _meeting(n: Notice, words: dict[str, Any]) -> str:
    assert n.meeting is not None
    m = n.meeting
    when = long_date(m.date) + (f" at {m.time}" if m.time else "")
    return words["meeting"].format(committee=m.committee, when=when) + (
        f", {m.venue}" if m.venue else "")


def _maker(n: Notice) -> str:
    return f"{n.decision_maker} ({n.maker_name})" if n.maker_name else n.decision_maker


def _paragraph(n: Notice, words: dict[str, Any]) -> tuple[str, ...]:
    described = words["paragraphs"].get(str(n.paragraph), "")
    return (words["exempt"].format(paragraph=n.paragraph),
            *((f"“{described}”",) if described else ()))


def _rows(n: Notice, words: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    labels = words["labels"]
    rows = [(labels["number"], (n.number,)), (labels["matter"], (n.title,)),
            (labels["decision_maker"], (_maker(n) or words["not_known"],)),
            (labels["expected"], (n.expected or words["not_known"],))]
    if n.meeting is not None:
        rows.append((labels["meeting"], (_meeting(n, words),)))
    if n.paragraph is not None:
        rows.append((labels["private"], _paragraph(n, words)))
    if n.kind == "private-confirmation":
        rows.append((labels["representations"],
                     (n.representations or words["no_representations"],)))
        rows.append((labels["response"], (n.response or words["no_response"],)))
    if n.kind == "general-exception":
        rows.append((labels["impracticable"], (n.reason or "",)))
        rows.append((labels["informed"], (n.informed or words["informed_blank"],)))
        if n.earliest is not None:
            rows.append((labels["earliest"], (long_date(n.earliest),)))
    if n.kind == "special-urgency":
        rows.append((labels["urgency"], (n.reason or "",)))
    return rows


def notice_document_of(n: Notice, style: dict[str, Any]) -> NoticeDocument:
    words = style["notice"]
    kind = words["kinds"][n.kind]
    council = style["council_name"]
    committee = n.meeting.committee if n.meeting else ""
    date = long_date(n.meeting.date) if n.meeting else ""
    opening = kind["opening"].format(number=n.number, committee=committee, date=date,
                                     council=council)
    signed = tuple(line for line in (n.proper_officer or words["proper_officer"],
                                     words["dated"].format(date=long_date(n.dated))
                                     if n.dated else "") if line)
    info = DocumentInfo(f"{kind['title']}: {n.number}", council, kind["regulation"], "en-GB",
                        f"{kind['title']}; SI 2012/2089")
    return NoticeDocument(council, kind["title"], kind["regulation"], opening,
                          tuple(_rows(n, words)), tuple(kind["closing"]), signed,
                          words["footer"].replace("{title}", kind["title"]), info)


# --- PDF ---------------------------------------------------------------------------------------


def notice_pdf(doc: NoticeDocument) -> bytes:
    s = _styles()
    label, value, _heading = particular_styles(s)
    tagger = Tagger()
    root = tagger.root

    def para(text: str, style: ParagraphStyle, tag: str = "P") -> Tagged:
        return Tagged(tagger, root.child(tag), Paragraph(text, style))

    story: list[Flowable] = [
        *council_and_title(tagger, s, doc.council, doc.title),
        para(f"<i>{escape(doc.regulation)}</i>", s["body"]),
        para(escape(doc.opening), s["body"])]
    grid = particulars(tagger, root.child("Table"), doc.rows, label, value, [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#808080")),
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.HexColor("#808080")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])
    story += [Spacer(1, 4), grid, Spacer(1, 10)]
    story += [para(escape(text), s["body"]) for text in doc.closing]
    story.append(Spacer(1, 8))
    story += [para(escape(line), s["sign"]) for line in doc.signed]
    return _render(story, tagger, doc.info, doc.footer)


# --- Word --------------------------------------------------------------------------------------


def notice_docx(doc: NoticeDocument) -> bytes:
    word = started(doc.council, doc.title)
    word.add_paragraph().add_run(doc.regulation).italic = True
    word.add_paragraph(doc.opening)
    add_rows(word, doc.rows)
    for text in (*doc.closing, *doc.signed):
        word.add_paragraph(text)
    return finished(word, doc.footer, doc.info)


def notice_document(n: Notice, style: dict[str, Any], fmt: str) -> bytes:
    document = notice_document_of(n, style)
    return notice_pdf(document) if fmt == "pdf" else notice_docx(document)
