"""The Record of Decision and the report cover sheet, read back field by field from the
PDF (PDFium, and pypdf) and the Word file (python-docx), for a proposed and a taken
decision of the demo register; fonts, metadata and tags; templates a clerk has broken."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from governance import decisions, records
from governance.desk import Desk
from governance.exchange import load_demo
from main import main
from templates.record import lettered_parts, paragraphs, record_of_decision
from templates.record_docx import TemplateError, build_record_template
from templates.renderer import Renderer
from templates.style import house_style
from tests.conftest import open_desk
from tests.pdf_text import pdf_text as read_pdf_text

ASC = "Adult Social Care Cabinet Committee"


def norm(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order, whitespace collapsed (PDFium's reading, the same
    on every machine)."""
    return norm(read_pdf_text(data))


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    doc = Document(io.BytesIO(data))
    return [(p.style.name, norm(p.text)) for p in doc.paragraphs if p.text.strip()]


def in_order(text: str, pieces: list[str]) -> None:
    """Every piece occurs in ``text``, each after the one before."""
    at = 0
    for piece in pieces:
        found = text.find(norm(piece), at)
        assert found >= 0, f"{piece!r} missing (or out of order) after position {at}"
        at = found + len(norm(piece))


def build_demo(folder: Path) -> Path:
    """The demo register in ``folder``, in one file (copied for each test)."""
    path = folder / "demo.sqlite"
    reg = open_desk(path)
    try:
        load_demo(reg)
        reg.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        reg.close()
    return path


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path):
    copy = tmp_path / "register.sqlite"
    shutil.copyfile(demo_file, copy)
    reg = open_desk(copy)
    try:
        yield reg
    finally:
        reg.close()


#: 23/00098's consultation as the taken record says it.
CONSULTED = ("The proposed decision was discussed at the Adult Social Care Cabinet Committee"
             " on 23 November 2023, which endorsed it.")


def make_takeable(reg: Desk, number: str = "23/00098") -> None:
    """Fill in what the demo's 23/00098 lacks before it can be taken: the interests
    field, the Forward Plan notice and the committee's outcome; and put right what
    ``check`` finds in its consultation text (the papers' wrong date, "will be discussed"),
    which would stop it being signed."""
    decisions.update_decision(reg, number, {"consultation": CONSULTED,
                                            "interests_declared": "None.",
                                            "notice_published_on": dt.date(2023, 10, 2)})
    decisions.transition(reg, number, "record_outcome", committee=ASC,
                         on=dt.date(2023, 11, 23), outcome="endorsed")


# --- the proposed record ---------------------------------------------------------------------


def test_proposed_record_pdf_reads_back_field_by_field(demo: Desk) -> None:
    d = decisions.decision(demo, "23/00098")
    text = pdf_text(records.render(demo, "record", "23/00098", "pdf"))
    reasons = paragraphs(d.reasons)
    in_order(text, [
        "KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION",
        "DECISION TO BE TAKEN BY:", "DECISION NO:",
        "Cabinet Member for Adult Social Care and Public Health", "23/00098",
        "For publication", "Yes",
        "Key decision:", "YES", "The decision will:", "in excess of £1,000,000",
        "two or more electoral divisions",
        "Title of Decision:", "URGENT AND EMERGENCY CARE SUPPORT FUND",
        "Decision:", "As Cabinet Member for Adult Social Care and Public Health, I propose to:",
        "a) ACCEPT the Urgent and Emergency Care Funding under the terms set out by the"
        " Department of Health and Social Care; and",
        "b) DELEGATE authority to the Corporate Director Adult Social Care and Health to"
        " develop plans to deploy the grant funding",
        "as necessary to implement the decision.",
        "Reason(s) for decision:", reasons[0].text, "Assessment criteria for proposals:",
        reasons[-1].text,
        "Financial Implications:", d.financial_implications,
        "Legal Implications:", d.legal_implications,
        "Equalities implications:", d.equalities_implications,
        "Data Protection implications:", d.data_protection_implications,
        "Cabinet Committee recommendations and other consultation:", d.consultation,
        "Any alternatives considered and rejected:", d.alternatives,
        "Any interest declared when the decision was taken and any dispensation granted by"
        " the Proper Officer:",
        "....", "signed", "date",
    ])
    assert "I agree to" not in text and "DECISION TAKEN BY" not in text


def test_proposed_record_word_reads_back_field_by_field(demo: Desk) -> None:
    d = decisions.decision(demo, "23/00098")
    data = records.render(demo, "record", "23/00098", "docx")
    paras = docx_paragraphs(data)
    assert paras[0] == ("Heading 1", "KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION")
    labels = [text for style, text in paras if style == "Heading 2"]
    assert labels == [
        "For publication", "Key decision:", "Title of Decision:", "Decision:",
        "Reason(s) for decision:", "Financial Implications:", "Legal Implications:",
        "Equalities implications:", "Data Protection implications:",
        "Cabinet Committee recommendations and other consultation:",
        "Any alternatives considered and rejected:",
        "Any interest declared when the decision was taken and any dispensation granted by"
        " the Proper Officer:"]
    after = {label: [] for label in labels}
    current = None
    for style, text in paras:
        if style == "Heading 2":
            current = text
        elif current:
            after[current].append((style, text))
    assert after["For publication"] == [("Body Text", "Yes")]
    assert after["Key decision:"][0] == ("Body Text", "YES")
    assert [s for s, _ in after["Key decision:"][2:]] == ["List Bullet", "List Bullet"]
    assert after["Title of Decision:"] == [("Body Text", "URGENT AND EMERGENCY CARE SUPPORT FUND")]
    assert after["Decision:"][0] == (
        "Body Text", "As Cabinet Member for Adult Social Care and Public Health, I propose to:")
    assert [t for s, t in after["Decision:"][1:]] == [norm(p.plain)
                                                      for p in lettered_parts(d, house_style())]
    assert after["Financial Implications:"] == [("Body Text", d.financial_implications)]
    assert after["Data Protection implications:"] == [
        ("Body Text", d.data_protection_implications)]
    assert ("List Bullet", "Are deliverable over the winter 2023/24 period") in \
        after["Reason(s) for decision:"]
    signature = after[labels[-1]]
    assert signature[0][0] == "Record Signature" and set(signature[0][1]) <= {".", " "}
    assert signature[1] == ("Record Signature Label", "signed date")

    doc = Document(io.BytesIO(data))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["DECISION TO BE TAKEN BY:", "DECISION NO:"]
    assert [c.text for c in table.rows[1].cells] == [d.decision_maker, "23/00098"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    props = doc.core_properties
    assert props.title == "Proposed Record of Decision 23/00098: URGENT AND EMERGENCY CARE" \
        " SUPPORT FUND"
    assert props.author == "Kent County Council"
    assert props.language == "en-GB"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


# --- the taken record -------------------------------------------------------------------------


def test_taken_record_of_the_demo_register(demo: Desk) -> None:
    """22/00097 is taken in the demo register (by Cabinet, a body: "Cabinet agrees to:")."""
    text = pdf_text(records.render(demo, "record", "22/00097", "pdf"))
    in_order(text, ["KENT COUNTY COUNCIL – RECORD OF DECISION", "DECISION TAKEN BY:",
                    "DECISION NO:", "Cabinet", "22/00097", "Title of Decision:",
                    "Interim Integrated Care Strategy", "Decision:", "Cabinet agrees to:"])
    assert "PROPOSED" not in text and "TO BE TAKEN" not in text
    paras = docx_paragraphs(records.render(demo, "record", "22/00097", "docx"))
    assert paras[0] == ("Heading 1", "KENT COUNTY COUNCIL – RECORD OF DECISION")
    assert ("Body Text", "Cabinet agrees to:") in paras


def test_record_taken_through_the_lifecycle_names_who_took_it_and_leaves_lines_to_sign(
        demo: Desk) -> None:
    """Issue 14: the taken record names who took it above the post, and a copy that is not
    being signed leaves the dotted lines to sign and date (never the name as if signed)."""
    make_takeable(demo)
    decisions.transition(demo, "23/00098", "take", on=dt.date(2023, 12, 1),
                         signed_by="Dan Watkins")
    text = pdf_text(records.render(demo, "record", "23/00098", "pdf"))
    in_order(text, [
        "KENT COUNTY COUNCIL – RECORD OF DECISION", "DECISION TAKEN BY:", "DECISION NO:",
        "Dan Watkins", "Cabinet Member for Adult Social Care and Public Health", "23/00098",
        "As Cabinet Member for Adult Social Care and Public Health, I agree to:",
        "a) ACCEPT", "b) DELEGATE",
        "Cabinet Committee recommendations and other consultation:",
        "The Adult Social Care Cabinet Committee considered the proposed decision on"
        " 23 November 2023 and endorsed it.",
        "Any interest declared", "None.", ".....", "signed", "date"])
    assert "I propose to" not in text and "will be discussed" not in text
    assert "Dan Watkins, Cabinet Member" not in text
    data = records.render(demo, "record", "23/00098", "docx")
    signature = [t for s, t in docx_paragraphs(data) if s == "Record Signature"]
    assert len(signature) == 1 and set(signature[0]) <= {".", " "}
    cell = Document(io.BytesIO(data)).tables[0].rows[1].cells[0].text
    assert cell == "Dan Watkins\nCabinet Member for Adult Social Care and Public Health"


# --- the cover sheet ----------------------------------------------------------------------------


def test_cover_sheet_fields(demo: Desk) -> None:
    text = pdf_text(records.render(demo, "cover", "23/00098", "pdf"))
    in_order(text, [
        "KENT COUNTY COUNCIL",
        "From:", "Dan Watkins, Cabinet Member for Adult Social Care and Public Health",
        "Jim Beale, Director East Kent, Adult Social Care and Health",
        "To:", "Adult Social Care Cabinet Committee – 23 November 2023",
        "Decision No:", "23/00098",  # before Subject:, as the 2019 covers print it
        "Subject:", "URGENT AND EMERGENCY CARE SUPPORT FUND",
        "Key decision:", "Yes (expenditure or savings in excess of £1,000,000; affects two"
        " or more electoral divisions)",
        "Classification:", "Unrestricted",
        "Past Pathway of Paper:", "None",
        "Future Pathway of Paper:", "Cabinet Member decision",
        "Electoral Division:", "All",
        "Summary:", "In July 2023 the Department of Health and Social Care",
        "Recommendation(s):",
        "The Adult Social Care Cabinet Committee is asked to CONSIDER and ENDORSE or make"
        " RECOMMENDATIONS to the Cabinet Member for Adult Social Care and Public Health on"
        " the proposed decision attached as Appendix 1 to:",
        "a) ACCEPT", "b) DELEGATE"])


def test_cover_of_a_decision_on_four_committees_names_the_pathways(demo: Desk) -> None:
    """23/00091 went to four Cabinet Committees; the report on the register's agenda is the
    Adult Social Care one (23 November): the other three come before it, the Integrated
    Care Partnership and Cabinet's decision after."""
    paras = docx_paragraphs(records.render(demo, "cover", "23/00091", "docx"))
    lines = {text.split(":")[0]: text for style, text in paras if style == "Cover Line"}
    assert lines["To"] == "To: Adult Social Care Cabinet Committee – 23 November 2023"
    assert lines["From"] == "From: Dr Anjan Ghosh, Director of Public Health"
    assert "Health Reform and Public Health Cabinet Committee – 7 November 2023" in \
        lines["Past Pathway of Paper"]
    assert "Children, Young People and Education Cabinet Committee – 21 November 2023" in \
        lines["Past Pathway of Paper"]
    assert lines["Future Pathway of Paper"] == (
        "Future Pathway of Paper: Kent and Medway Integrated Care Partnership – 7 December"
        " 2023; Cabinet decision")


def test_cover_recommendation_equals_the_record_parts(demo: Desk) -> None:
    """One wording of the parts: the cover's recommendation and the record's decision are
    the same lines, in Word and in PDF."""
    for number in ("23/00098", "23/00091", "18/00067", "19/00011"):
        record = docx_paragraphs(records.render(demo, "record", number, "docx"))
        cover = docx_paragraphs(records.render(demo, "cover", number, "docx"))
        record_parts = [t for s, t in record if s == "Record Part"]
        cover_parts = [t for s, t in cover if s == "Record Part"]
        assert record_parts and record_parts == cover_parts, number
        pdf_record = pdf_text(records.render(demo, "record", number, "pdf"))
        pdf_cover = pdf_text(records.render(demo, "cover", number, "pdf"))
        for line in record_parts:
            assert line in pdf_record and line in pdf_cover, (number, line)


# --- the PDF as a file: fonts, metadata, tags ---------------------------------------------------


def test_pdf_fonts_embedded_and_accessibility_metadata(demo: Desk) -> None:
    for kind in ("record", "cover"):
        data = records.render(demo, kind, "23/00098", "pdf")
        reader = PdfReader(io.BytesIO(data))
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                fonts[font["/BaseFont"]] = font
        assert fonts, kind
        for name, font in fonts.items():
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{name} is not embedded in the {kind}"
            assert "LiberationSans" in name
        assert "/ToUnicode" in next(iter(fonts.values()))
        info = reader.metadata
        assert info.title.endswith("URGENT AND EMERGENCY CARE SUPPORT FUND")
        assert info.author == "Kent County Council" and info.subject
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and info.title in xmp
        tree = root["/StructTreeRoot"].get_object()
        document = tree["/K"].get_object()
        roles = [k.get_object()["/S"] for k in document["/K"]]
        assert roles[:2] == (["/H1", "/Table"] if kind == "record" else ["/H1", "/P"])
        if shutil.which("pdffonts"):
            listing = subprocess.run(["pdffonts", "-"], input=data, capture_output=True)
            if listing.returncode == 0:
                rows = listing.stdout.decode().splitlines()[2:]
                assert rows and all(" yes yes yes " in r for r in rows), listing.stdout


def test_pdf_text_is_in_reading_order_for_a_text_extractor(demo: Desk) -> None:
    """pypdf (not poppler) reads the labels in the form's order too."""
    data = records.render(demo, "record", "23/00098", "pdf")
    text = norm("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    in_order(text, ["PROPOSED RECORD OF DECISION", "Key decision:", "Title of Decision:",
                    "Decision:", "Reason(s) for decision:", "Financial Implications:",
                    "Any alternatives considered and rejected:", "signed", "date"])


# --- templates a clerk has changed ---------------------------------------------------------------


def _user_template(config: Path, data: bytes, name: str = "record_template.docx") -> Path:
    folder = config / "DecisionDesk" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def _docx_with_text(extra: str) -> bytes:
    doc = Document(io.BytesIO(build_record_template()))
    doc.add_paragraph(extra)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("content, message", [
    (_docx_with_text("Signed for the Mayor: {{ mayor_name }}"), "{{ mayor_name }}"),
    (_docx_with_text("{{ f.label"), "broken placeholder"),
    (b"PK\x03\x04 this is not a Word file", "damaged or not a Word (.docx) file"),
])
def test_broken_template_is_refused_and_nothing_is_written(
    demo: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys,
    content: bytes, message: str,
) -> None:
    config = tmp_path / "config"
    template = _user_template(config, content)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    out = tmp_path / "out" / "record.docx"
    out.parent.mkdir()
    demo.close()
    code = main(["--db", str(tmp_path / "register.sqlite"), "render", "record", "23/00098",
                 "--format", "docx", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and str(template) in err, err
    assert list(out.parent.iterdir()) == []


def test_unknown_attribute_in_a_loop_is_named(demo: Desk, tmp_path: Path) -> None:
    doc = Document(io.BytesIO(build_record_template()))
    for p in doc.paragraphs:
        if p.text == "{{ f.label }}":
            p.runs[0].text = "{{ f.caption }}"
    out = io.BytesIO()
    doc.save(out)
    own = _user_template(tmp_path / "cfg", out.getvalue())
    with pytest.raises(TemplateError, match="unknown placeholder 'caption'"):
        own_desk = dataclasses.replace(demo, documents=Renderer(own.parent.parent))
        records.render(own_desk, "record", "23/00098", "docx")


def test_restyled_user_template_overrides_the_shipped_one(demo: Desk,
                                                          tmp_path: Path) -> None:
    doc = Document(io.BytesIO(build_record_template()))
    doc.styles["Heading 2"].font.size = doc.styles["Heading 1"].font.size
    doc.paragraphs[0].insert_paragraph_before("OFFICIAL", style="Normal")
    out = io.BytesIO()
    doc.save(out)
    own = _user_template(tmp_path / "cfg", out.getvalue())
    own_desk = dataclasses.replace(demo, documents=Renderer(own.parent.parent))
    paras = docx_paragraphs(records.render(own_desk, "record", "23/00098", "docx"))
    assert paras[0] == ("Normal", "OFFICIAL")
    assert paras[1] == ("Heading 1", "KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION")


def test_shipped_templates_match_their_builder() -> None:
    """The .docx files in templates/ are what record_docx builds (rebuild with
    ``python -m templates.record_docx`` after changing the builder)."""
    from templates.record_docx import HERE, build_cover_template

    for name, build in (("record_template.docx", build_record_template),
                        ("cover_template.docx", build_cover_template)):
        shipped = Document(str(HERE / name))
        built = Document(io.BytesIO(build()))
        assert [(p.style.name, p.text) for p in shipped.paragraphs] == \
            [(p.style.name, p.text) for p in built.paragraphs], name


def test_house_style_override_changes_the_council_words(demo: Desk,
                                                        tmp_path: Path) -> None:
    (tmp_path / "house_style.json").write_text(
        '{"labels": {"proposed_record_heading": "MEDWAY COUNCIL – PROPOSED RECORD OF'
        ' DECISION"}}', encoding="utf-8")
    record = record_of_decision(decisions.decision(demo, "23/00098"), house_style(tmp_path))
    assert record.heading.startswith("MEDWAY COUNCIL")
    own_desk = dataclasses.replace(demo, documents=Renderer(tmp_path))
    text = pdf_text(records.render(own_desk, "record", "23/00098", "pdf"))
    assert text.startswith("MEDWAY COUNCIL – PROPOSED RECORD OF DECISION")


def test_render_refuses_an_unknown_decision_and_writes_nothing(tmp_path: Path, capsys,
                                                               demo_file: Path) -> None:
    db = tmp_path / "r.sqlite"
    shutil.copyfile(demo_file, db)
    out = tmp_path / "x.pdf"
    assert main(["--db", str(db), "render", "cover", "23/99999", "--format", "pdf",
                 "-o", str(out)]) == 1
    assert "23/99999 is not in the register" in capsys.readouterr().err
    assert not out.exists()
    assert main(["--db", str(db), "render", "record", "23/00098", "--format", "pdf",
                 "-o", str(tmp_path / "missing" / "x.pdf")]) == 1
    assert "cannot write here" in capsys.readouterr().err
    assert main(["--db", str(db), "render", "record", "23/00098", "--format", "pdf",
                 "-o", str(out)]) == 0
    assert re.match(rb"%PDF-1\.\d", out.read_bytes())


def test_exempt_decision_says_so_on_record_and_cover(demo: Desk) -> None:
    decisions.update_decision(demo, "19/00011", {"exempt_paragraph": 3})
    record = pdf_text(records.render(demo, "record", "19/00011", "pdf"))
    in_order(record, ["For publication", "No – exempt under paragraph 3 of Part 1 of"
                      " Schedule 12A to the Local Government Act 1972", "Key decision:"])
    cover = docx_paragraphs(records.render(demo, "cover", "19/00011", "docx"))
    assert ("Cover Line", "Classification: Exempt – paragraph 3 of Part 1 of Schedule 12A to"
            " the Local Government Act 1972") in cover
