"""The tagged PDFs are the PDF/UA-1 files they claim to be (issue 14): the header says PDF
1.7 (what PDF/UA-1 is built on), no ToUnicode map sends a code to U+0000, and an
independent validator (page, a PDF/UA and PDF/A checker with Python bindings) finds no
rule broken on a Record of Decision (proposed, taken, signed), a report cover and a
front sheet (full and public)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from governance import meetings, records
from governance.desk import Desk
from templates.pack_samples import ASC, MEETING_2019, MEETING_2023
from templates.pdf_conformance import without_null_mappings
from templates.renderer import Renderer
from tests.test_sign_records import certificate, db, demo_file, sign  # noqa: F401 (fixtures)

KINDS = ["record (proposed)", "record (taken)", "cover", "front sheet",
         "front sheet (public)"]


@pytest.fixture(scope="module")
def demo(demo_without_papers: Desk) -> Desk:
    return demo_without_papers


def render(desk: Desk, kind: str) -> bytes:
    if kind == "record (proposed)":
        return records.render(desk, "record", "23/00098", "pdf")
    if kind == "record (taken)":
        return records.render(desk, "record", "22/00097", "pdf")
    if kind == "cover":
        return records.render(desk, "cover", "23/00091", "pdf")
    public = kind == "front sheet (public)"
    date = MEETING_2019 if public else MEETING_2023
    return Renderer().front_sheet(meetings.meeting(desk, ASC, date), None, "pdf",
                                  public=public)


def to_unicode_maps(data: bytes) -> list[bytes]:
    maps, seen = [], set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            ref = font.get_object().get("/ToUnicode")  # the reference, unresolved
            if ref.idnum not in seen:
                seen.add(ref.idnum)
                maps.append(ref.get_object().get_data())
    return maps


@pytest.mark.parametrize("kind", KINDS)
def test_header_says_pdf_1_7_and_no_code_maps_to_u0000(demo: Desk, kind: str) -> None:
    data = render(demo, kind)
    assert data.startswith(b"%PDF-1.7\n")
    maps = to_unicode_maps(data)
    assert maps
    for cmap in maps:
        assert not re.search(rb"<[0-9A-Fa-f]+>\s*<0000>", cmap)
        count, = re.findall(rb"(\d+) beginbfchar", cmap)
        entries = re.search(rb"beginbfchar\s*\n(.*?)endbfchar", cmap, re.DOTALL).group(1)
        assert int(count) == len(entries.strip().splitlines())
    text = PdfReader(io.BytesIO(data)).pages[-1].extract_text()
    assert text.strip() and "\x00" not in text


def test_null_mappings_go_and_the_counts_follow() -> None:
    cmap = (b"3 beginbfchar\n<00> <0000>\n<01> <2013>\n<02> <0000>\nendbfchar\n"
            b"1 beginbfchar\n<03> <0000>\nendbfchar\nendcmap")
    assert without_null_mappings(cmap) == (b"1 beginbfchar\n<01> <2013>\nendbfchar\n"
                                           b"\nendcmap")


def _validator():
    return pytest.importorskip(
        "page", reason="the page PDF/UA validator (pip install page-validation) is not"
                       " installed")


def _broken(report) -> list[str]:
    return sorted({f"{f.rule_id}: {f.message}" for f in report.failures})


@pytest.mark.parametrize("kind", KINDS)
def test_an_independent_validator_finds_no_pdf_ua_rule_broken(demo: Desk, kind: str) -> None:
    page = _validator()
    report = page.validate_pdf_bytes(render(demo, kind), profile="ua1")
    assert report.document.version == "1.7"
    assert _broken(report) == [] and report.is_compliant
    assert report.rules.total > 100 and report.rules.failed == 0


def test_the_signed_record_passes_the_validator_too(db: Path,  # noqa: F811
                                                    certificate,  # noqa: F811
                                                    tmp_path: Path) -> None:
    page = _validator()
    out = tmp_path / "signed.pdf"
    assert sign(db, certificate, out) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-1.7")
    report = page.validate_pdf_bytes(data, profile="ua1")
    assert _broken(report) == [] and report.is_compliant
