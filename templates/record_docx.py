"""The Record of Decision and the report cover sheet as Word documents, from Word
templates a clerk can open and restyle.

The templates (``record_template.docx`` and ``cover_template.docx`` beside this module)
are ordinary Word files with placeholders in double braces (``{{ decision_maker }}``)
and loops in ``{%p ... %}`` paragraphs (docxtpl/Jinja). Their look is in their styles:
"Heading 1" for the form's heading, "Heading 2" for each field's label, "Body Text",
"List Bullet", "Record Part" (the lettered parts), "Record Signature", "Cover Line". A
copy in the user configuration folder (``templates/record_template.docx``) overrides
the shipped one. A template that uses a placeholder the register does not fill, has a
broken placeholder, or is not a Word file is refused with a message naming the
placeholder or the file, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from governance.errors import UserError
from governance.files import atomic_write
from templates.docx_properties import set_properties
from templates.record import CoverSheet, DocumentInfo, Para, RecordOfDecision
from templates.style import user_config_dir

HERE = Path(__file__).resolve().parent
TEMPLATE_NAMES = {"record": "record_template.docx", "cover": "cover_template.docx"}
FONT = "Arial"
LANGUAGE = "en-GB"
#: The shipped templates' own date (rebuilding them gives the same properties).
TEMPLATE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

#: The placeholders each template may use (top-level names; loops declare their own).
KNOWN = {
    "record": {"heading", "maker_label", "decision_maker", "number_label", "number",
               "fields", "signature", "council", "taken", "title"},
    "cover": {"council", "lines", "summary_label", "summary", "recommendation_label",
              "recommendation", "parts", "number", "title", "notice"},
}


class TemplateError(UserError):
    """A Word template that cannot be used; the message names the file and what is wrong."""


# --- finding and checking the template ---------------------------------------------------


def template_path(kind: str, config_dir: Path | None = None) -> Path:
    """The user's copy (``<config>/templates/NAME``) if there is one, else the shipped one."""
    name = TEMPLATE_NAMES[kind]
    folder = config_dir if config_dir is not None else user_config_dir()
    own = folder / "templates" / name
    return own if own.is_file() else HERE / name


def _load(path: Path):
    from docxtpl import DocxTemplate

    if not path.is_file():
        raise TemplateError(f"Word template {path} is missing; reinstall Decision Desk or"
                            " put a copy there")
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise zipfile.BadZipFile("no word/document.xml")
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateError(f"Word template {path} is damaged or not a Word (.docx) file"
                            f" ({exc}); restore it from the shipped copy") from None
    except Exception as exc:  # lxml and python-docx raise their own kinds on bad XML
        raise TemplateError(f"Word template {path} is damaged ({type(exc).__name__}:"
                            f" {exc}); restore it from the shipped copy") from None
    return tpl


def check_template(kind: str, path: Path) -> Any:
    """Load the template at ``path`` and check its placeholders; returns it ready to render."""
    import jinja2
    from jinja2 import meta

    tpl = _load(path)
    xml = tpl.patch_xml(tpl.xml_to_string(tpl.docx._element.body))
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _key, part in tpl.get_headers_footers(uri):
            xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(part.blob)))
    try:
        parsed = jinja2.Environment().parse(xml)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"Word template {path} has a broken placeholder:"
                            f" {exc.message}; check the {{{{ }}}} and {{% %}} marks") from None
    unknown = sorted(meta.find_undeclared_variables(parsed) - KNOWN[kind])
    if unknown:
        names = ", ".join(f"{{{{ {u} }}}}" for u in unknown)
        raise TemplateError(
            f"Word template {path} uses unknown placeholder{'s' if len(unknown) > 1 else ''}"
            f" {names}; the {kind} template can use: "
            + ", ".join(sorted(KNOWN[kind])))
    return tpl


def _render(kind: str, tpl: Any, path: Path, context: dict[str, Any]) -> DocxDocument:
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except jinja2.UndefinedError as exc:
        found = re.search(r"has no attribute '([^']+)'", str(exc))
        name = found.group(1) if found else str(exc)
        raise TemplateError(f"Word template {path} uses unknown placeholder {name!r}"
                            f" ({exc.message})") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Word template {path} cannot be filled in: {exc}") from None
    return tpl.docx


# --- what the templates are filled with ---------------------------------------------------


def _para(p: Para) -> dict[str, str]:
    return {"kind": p.kind, "text": p.text, "marker": p.marker, "strong": p.strong,
            "plain": p.plain}


def _word_dots(text: str, count: int) -> str:
    return "." * count if text and set(text) == {"."} else text


def _lines(lines: tuple[str, ...]) -> Any:
    """Text on several lines of one paragraph (a line break each), for ``{{ name }}``."""
    if len(lines) == 1:
        return lines[0]
    from docxtpl import Listing

    return Listing("\n".join(lines))


def record_context(record: RecordOfDecision) -> dict[str, Any]:
    sig = record.signature
    return {
        "heading": record.heading, "maker_label": record.maker_label,
        "decision_maker": _lines(record.maker_lines), "number_label": record.number_label,
        "number": record.number, "taken": record.taken, "title": record.info.title,
        "council": record.info.author,
        "fields": [{"key": f.key, "label": f.label,
                    "paragraphs": [_para(p) for p in f.paragraphs]} for f in record.fields],
        "signature": {"signature": _word_dots(sig.signature, 60),
                      "date": _word_dots(sig.date, 36),
                      "signed_label": sig.signed_label, "date_label": sig.date_label},
    }


def _caps_bold(text: str) -> Any:
    """The committee's verbs in capitals in bold, as the papers print them."""
    from docxtpl import RichText

    rich = RichText()
    for piece in re.split(r"(\b[A-Z]{3,}\b)", text):
        if piece:
            rich.add(piece, bold=bool(re.fullmatch(r"[A-Z]{3,}", piece)))
    return rich


def cover_context(cover: CoverSheet) -> dict[str, Any]:
    return {
        "council": cover.council, "number": cover.number, "title": cover.info.title,
        "lines": [{"key": line.key, "label": line.label, "strong": line.strong,
                   "first": line.values[0] if line.values else "",
                   "more": list(line.values[1:])} for line in cover.lines],
        "summary_label": cover.summary_label,
        "summary": [_para(p) for p in cover.summary],
        "recommendation_label": cover.recommendation_label,
        "recommendation": _caps_bold(cover.recommendation),
        "parts": [_para(p) for p in cover.parts],
        "notice": cover.notice,
    }


def _finish(doc: DocxDocument, info: DocumentInfo) -> bytes:
    set_properties(doc, title=info.title, author=info.author, subject=info.subject,
                   language=info.language, keywords=info.keywords)
    set_language(doc, info.language)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def set_language(doc: DocxDocument, language: str) -> None:
    """The document's language (proofing and screen readers): docDefaults' run properties."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def record_docx(record: RecordOfDecision, config_dir: Path | None = None,
                template: Path | None = None) -> bytes:
    """The record as .docx bytes, from the record template."""
    path = template or template_path("record", config_dir)
    tpl = check_template("record", path)
    return _finish(_render("record", tpl, path, record_context(record)), record.info)


def cover_docx(cover: CoverSheet, config_dir: Path | None = None,
               template: Path | None = None) -> bytes:
    """The cover sheet as .docx bytes, from the cover template."""
    path = template or template_path("cover", config_dir)
    tpl = check_template("cover", path)
    return _finish(_render("cover", tpl, path, cover_context(cover)), cover.info)


# --- building the shipped templates --------------------------------------------------------


def _style(doc: DocxDocument, name: str, *, size: float = 11, bold: bool = False,
           align: str = "left", left: float = 0, hanging: float = 0, before: float = 0,
           after: float = 6, base: str = "Normal", keep_next: bool = False,
           tabs: tuple[float, ...] = ()) -> None:
    styles = {s.name: s for s in doc.styles}
    style = styles.get(name) or doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != base:
        style.base_style = doc.styles[base]
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    fmt.left_indent = Cm(left)
    fmt.first_line_indent = Cm(-hanging) if hanging else None
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_next
    for tab in tabs:
        fmt.tab_stops.add_tab_stop(Cm(tab), WD_TAB_ALIGNMENT.LEFT)
    # The heading styles' theme fonts would otherwise win over the name set above.
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), FONT)


def _base_document() -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.9)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _style(doc, "Normal", after=0)
    _style(doc, "Heading 1", size=13, bold=True, align="center", after=12, keep_next=True)
    _style(doc, "Heading 2", size=11, bold=True, before=8, after=3, keep_next=True)
    _style(doc, "Body Text", after=6)
    _style(doc, "List Bullet", base="List Bullet", after=3)
    _style(doc, "Record Part", left=0.9, hanging=0.9, after=5, tabs=(0.9,))
    _style(doc, "Record Signature", size=10.5, after=0, tabs=(10.5,))
    _style(doc, "Record Signature Label", size=10.5, after=0, tabs=(10.5,))
    _style(doc, "Cover Council", size=12, bold=True, align="right", after=14)
    _style(doc, "Cover Notice", size=12, bold=True, align="center", after=12)
    _style(doc, "Cover Line", left=5.2, hanging=5.2, after=7, tabs=(5.2,))
    _style(doc, "Cover Line More", left=5.2, after=7)
    set_language(doc, LANGUAGE)
    return doc


def _p(doc: DocxDocument, style: str, *runs: tuple[str, bool]) -> None:
    para = doc.add_paragraph(style=style)
    for text, bold in runs:
        para.add_run(text).bold = bold or None


def _paragraph_loop(doc: DocxDocument, items: str) -> None:
    """The Jinja paragraphs that print a field's paragraphs, bullets and lettered parts."""
    _p(doc, "Normal", (f"{{%p for p in {items} %}}", False))
    _p(doc, "Normal", ('{%p if p.kind == "part" %}', False))
    _p(doc, "Record Part", ("{{ p.marker }}\t", True), ("{{ p.strong }}", True),
       (" {{ p.text }}", False))
    _p(doc, "Normal", ('{%p elif p.kind == "bullet" %}', False))
    _p(doc, "List Bullet", ("{{ p.text }}", False))
    _p(doc, "Normal", ("{%p else %}", False))
    _p(doc, "Body Text", ("{{ p.text }}", False))
    _p(doc, "Normal", ("{%p endif %}", False))
    _p(doc, "Normal", ("{%p endfor %}", False))


def _header_row(row: Any) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def build_record_template(path: Path | None = None) -> bytes:
    """The shipped record template (the heading, the header table with its header row,
    the fields, the signature block). Written to ``path`` when given."""
    doc = _base_document()
    _p(doc, "Heading 1", ("{{ heading }}", False))
    table = doc.add_table(rows=2, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _header_row(table.rows[0])
    texts = [["{{ maker_label }}", "{{ number_label }}"], ["{{ decision_maker }}", "{{ number }}"]]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.width = Cm(10.5 if c == 0 else 6.5)
            para = cell.paragraphs[0]
            para.style = doc.styles["Normal"]
            para.paragraph_format.space_before = Pt(4)
            para.paragraph_format.space_after = Pt(4)
            para.add_run(texts[r][c]).bold = True
    _p(doc, "Normal", ("{%p for f in fields %}", False))
    _p(doc, "Heading 2", ("{{ f.label }}", False))
    _paragraph_loop(doc, "f.paragraphs")
    _p(doc, "Normal", ("{%p endfor %}", False))
    spacer = doc.add_paragraph(style="Normal")
    spacer.paragraph_format.space_before = Pt(24)
    _p(doc, "Record Signature", ("{{ signature.signature }}\t{{ signature.date }}", False))
    _p(doc, "Record Signature Label",
       ("{{ signature.signed_label }}\t{{ signature.date_label }}", False))
    return _save_template(doc, path)


def build_cover_template(path: Path | None = None) -> bytes:
    """The shipped cover template: the council, the From/To/Subject/... lines, the Summary
    and the Recommendation(s) with the lettered parts."""
    doc = _base_document()
    _p(doc, "Cover Council", ("{{ council }}", False))
    _p(doc, "Normal", ("{%p if notice %}", False))
    _p(doc, "Cover Notice", ("{{ notice }}", False))
    _p(doc, "Normal", ("{%p endif %}", False))
    _p(doc, "Normal", ("{%p for line in lines %}", False))
    _p(doc, "Normal", ("{%p if line.strong %}", False))
    _p(doc, "Cover Line", ("{{ line.label }}\t", True), ("{{ line.first }}", True))
    _p(doc, "Normal", ("{%p else %}", False))
    _p(doc, "Cover Line", ("{{ line.label }}\t", True), ("{{ line.first }}", False))
    _p(doc, "Normal", ("{%p endif %}", False))
    _p(doc, "Normal", ("{%p for more in line.more %}", False))
    _p(doc, "Cover Line More", ("{{ more }}", False))
    _p(doc, "Normal", ("{%p endfor %}", False))
    _p(doc, "Normal", ("{%p endfor %}", False))
    _p(doc, "Heading 2", ("{{ summary_label }}", False))
    _paragraph_loop(doc, "summary")
    _p(doc, "Heading 2", ("{{ recommendation_label }}", False))
    _p(doc, "Body Text", ("{{r recommendation }}", False))
    _paragraph_loop(doc, "parts")
    return _save_template(doc, path)


def _save_template(doc: DocxDocument, path: Path | None) -> bytes:
    set_properties(doc, title="", author="Decision Desk", subject="", language=LANGUAGE,
                   made=TEMPLATE_DATE)
    out = io.BytesIO()
    doc.save(out)
    data = out.getvalue()
    if path is not None:
        atomic_write(path, data)
    return data


def build_templates(folder: Path = HERE) -> None:
    """(Re)write the shipped templates: ``python -m templates.record_docx``."""
    build_record_template(folder / TEMPLATE_NAMES["record"])
    build_cover_template(folder / TEMPLATE_NAMES["cover"])


if __name__ == "__main__":
    build_templates()
