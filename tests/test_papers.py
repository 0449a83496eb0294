"""A paper that is not a PDF, is encrypted or is damaged is refused when it is attached,
with its name and the reason, and the register is left as it was."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from governance import decisions, meetings
from governance.agenda import MeetingError
from governance.documents import DocumentRequest, produce
from governance.exchange import import_file
from governance.interchange import InterchangeError
from governance.papers import PaperError
from templates.pack_samples import sample_paper
from templates.papers import check_paper
from tests.conftest import load_demo_without_papers

ASC = "Adult Social Care Cabinet Committee"
NOV_2023 = dt.date(2023, 11, 23)


@pytest.fixture(scope="module")
def good() -> bytes:
    return sample_paper("report.pdf", 5)


def _encrypted(content: bytes, user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _corrupted(content: bytes) -> bytes:
    data = bytearray(content)
    middle = len(data) // 2
    data[middle:middle + 400] = b"\x00" * 400
    return bytes(data)


def test_a_good_pdf_passes_with_its_page_count(good):
    info = check_paper(good, "report.pdf")
    assert info.pages == 5
    assert info.first_page_size == pytest.approx((595.28, 841.89), abs=0.01)


@pytest.mark.parametrize("content, reason", [
    (b"PK\x03\x04\x14\x00\x06\x00 word/document.xml", "is not a PDF file: it is a ZIP"
     " archive (a Word .docx, Excel .xlsx or PowerPoint .pptx file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word", "is not a PDF file: it is an old-style"
     " Office document (.doc, .xls or .ppt)"),
    (b"\x89PNG\r\n\x1a\n....", "is not a PDF file: it is a PNG image"),
    (b"Minutes of the meeting held on 13 September 2023", "is not a PDF file"),
    (b"", "is empty (0 bytes)"),
])
def test_what_is_not_a_pdf_is_refused_saying_what_it_is(content, reason):
    with pytest.raises(PaperError) as caught:
        check_paper(content, "Appendix A.pdf")
    assert str(caught.value).startswith(f"'Appendix A.pdf' {reason}")
    assert caught.value.hint


def test_a_pdf_that_needs_a_password_is_refused(good):
    with pytest.raises(PaperError) as caught:
        check_paper(_encrypted(good, "secret", "owner"), "exempt.pdf")
    assert str(caught.value) == ("'exempt.pdf' is encrypted (it needs a password to open): ask"
                                 " its author for a copy without a password")


def test_a_pdf_with_only_an_owner_password_is_refused_too(good):
    with pytest.raises(PaperError) as caught:
        check_paper(_encrypted(good, "", "owner"), "locked.pdf")
    assert "'locked.pdf' is encrypted (it has an owner password" in str(caught.value)


@pytest.mark.parametrize("damage", [
    lambda c: c[: len(c) * 6 // 10],  # cut short, as by an interrupted download
    lambda c: c[:40],  # the header and nothing else
    _corrupted,  # overwritten in the middle
    lambda c: b"%PDF-1.7\n" + b"\x00" * 2000,
], ids=["truncated", "header-only", "corrupted", "zeros"])
def test_a_damaged_pdf_is_refused(good, damage):
    with pytest.raises(PaperError) as caught:
        check_paper(damage(good), "budget.pdf")
    message = str(caught.value)
    assert message.startswith("'budget.pdf' is damaged (it cannot be read: ")
    assert message.endswith("produce the PDF again from the program that made it (Save As or"
                            " Export to PDF, not a copy of the file) and attach that")


# --- attaching ------------------------------------------------------------------------


@pytest.fixture
def demo(register):
    load_demo_without_papers(register)
    return register


def _papers_and_audit(register) -> tuple[list, int]:
    m = meetings.meeting(register, ASC, NOV_2023)
    papers = [(p.path, p.sha256) for item in m.meeting.items for p in item.papers]
    return papers, len(decisions.audit_trail(register))


@pytest.mark.parametrize("make, reason", [
    (lambda good: b"PK\x03\x04 a docx", "is not a PDF file: it is a ZIP archive"),
    (lambda good: _encrypted(good, "pw", "pw"), "is encrypted (it needs a password to open)"),
    (lambda good: good[: len(good) // 2], "is damaged (it cannot be read: "),
], ids=["not-pdf", "encrypted", "damaged"])
def test_attaching_a_bad_paper_is_refused_and_changes_nothing(demo, good, make, reason):
    before = _papers_and_audit(demo)
    with pytest.raises(PaperError) as caught:
        meetings.attach_papers(demo, ASC, NOV_2023, 4, [("Minutes.pdf", make(good))])
    assert str(caught.value).startswith(f"'Minutes.pdf' {reason}")
    assert _papers_and_audit(demo) == before


def test_attaching_a_good_paper_stores_it_with_its_hash(demo, good, tmp_path):
    path = tmp_path / "minutes-2023-09-13.pdf"
    path.write_bytes(good)
    (paper,) = meetings.attach_papers(demo, ASC, NOV_2023, "4", [path], title="Minutes").value
    (stored,) = meetings.meeting(demo, ASC, NOV_2023).meeting.items[3].papers
    assert (stored.path, stored.title, stored.content) == ("minutes-2023-09-13.pdf",
                                                           "Minutes", good)
    assert stored.sha256 == paper.sha256 and len(stored.sha256) == 64
    assert decisions.audit_trail(demo)[-1]["action"] == "attach_paper"


def test_attaching_a_missing_file_names_it(demo, tmp_path):
    with pytest.raises(MeetingError, match=r"'nowhere.pdf' not found"):
        meetings.attach_papers(demo, ASC, NOV_2023, 4, [tmp_path / "nowhere.pdf"])


def test_the_main_window_error_handler_prints_a_paper_error_as_one_line(good):
    from governance.errors import UserError

    with pytest.raises(UserError) as caught:
        check_paper(good[:100], "x.pdf")
    assert "\n" not in str(caught.value)


# --- import -------------------------------------------------------------------------------


@pytest.mark.parametrize("make, reason", [
    (lambda good: _encrypted(good, "pw", "pw"), "is encrypted (it needs a password to open)"),
    (lambda good: good[: len(good) // 2], "is damaged (it cannot be read: "),
], ids=["encrypted", "damaged"])
def test_import_refuses_an_encrypted_or_damaged_paper_by_path(
    register, sample_doc, write_doc, tmp_path: Path, good, make, reason,
):
    sample_doc["meetings"][0]["items"][1]["papers"] = [
        {"path": "papers/appendix-b.pdf", "title": "Appendix B"}]
    path = write_doc(tmp_path / "in", sample_doc, papers={"papers/appendix-b.pdf": make(good)})
    with pytest.raises(InterchangeError) as caught:
        import_file(register, path)
    # The use case names the file as well, as the ``import`` command did.
    assert str(caught.value).startswith(
        f"{path}: meetings[0].items[1].papers[0].path: 'papers/appendix-b.pdf' {reason}")
    assert register.store.is_empty()


# --- damage to what a page refers to ----------------------------------------------------
# pypdf reads with strict=False, so a font, descriptor or font file that is missing or cut
# short is silently replaced (the pack's pages come out in a substitute font): the check
# follows every page's /Resources and /Contents and refuses such a paper.

DAMAGED_HINT = ("produce the PDF again from the program that made it (Save As or Export to"
                " PDF, not a copy of the file) and attach that")


def _target(content: bytes, key: bytes) -> int:
    """The number of the object that the first ``key N 0 R`` in ``content`` refers to."""
    found = re.search(rb"/" + key + rb" (\d+) 0 R", content)
    assert found, key
    return int(found.group(1))


def _unnumbered(content: bytes, number: int) -> bytes:
    """``content`` with object ``number``'s header spoilt (same length): the references to
    it point nowhere."""
    header = b"\n%d 0 obj" % number
    assert content.count(header) == 1
    return content.replace(header, b"\n" + b"x" * len(str(number)) + b" 0 obj")


def _zeroed(content: bytes, start: int, end: int) -> bytes:
    data = bytearray(content)
    data[start:end] = b"\x00" * (end - start)
    return bytes(data)


def _refused(content: bytes, name: str) -> str:
    with pytest.raises(PaperError) as caught:
        check_paper(content, name)
    message = str(caught.value)
    assert message.startswith(f"{name!r} is damaged (")
    assert message.endswith(DAMAGED_HINT)
    return message


@pytest.mark.parametrize("key", [b"FontFile2", b"FontDescriptor"])
def test_a_font_object_that_is_missing_is_refused_naming_page_and_object(good, key):
    number = _target(good, key)
    message = _refused(_unnumbered(good, number), "report.pdf")
    assert f"is damaged (page 1 refers to object {number}, which is missing)" in message


def test_a_font_descriptor_cut_short_by_zeroed_bytes_is_refused(good):
    number = _target(good, b"FontFile2")  # inside the descriptor that refers to the file
    where = good.index(b"/FontFile2 %d 0 R" % number)
    descriptor = good.rindex(b" 0 obj", 0, where)
    descriptor_number = int(good[good.rindex(b"\n", 0, descriptor) + 1:descriptor])
    message = _refused(_zeroed(good, where - 10, where + 30), "report.pdf")
    assert (f"(page 1 refers to object {descriptor_number}, which cannot be read)"
            in message)


def test_a_corrupt_font_file_is_refused(good):
    font_file = good.index(b"stream", good.index(b"/Length1")) + 200
    _refused(_zeroed(good, font_file, font_file + 300), "report.pdf")


def test_page_contents_corrupt_under_ascii85_are_refused(good):
    # reportlab writes page contents as [/ASCII85Decode /FlateDecode]: zeros are white
    # space to ASCII85, so the damage shows only in the compressed data under it.
    contents = good.index(b"stream", good.index(b"/ASCII85Decode /FlateDecode")) + 100
    message = _refused(_zeroed(good, contents, contents + 40), "report.pdf")
    assert "holds corrupt compressed data" in message


def test_the_reviewers_zeroed_front_sheet_is_refused(demo, capsys, caplog):
    sheet = produce(demo, DocumentRequest("agenda", committee=ASC, date=NOV_2023))
    assert check_paper(sheet, "front.pdf").pages >= 1  # sound as made
    before = (logging.getLogger("pypdf").level, logging.getLogger("pypdf").propagate,
              list(logging.getLogger("pypdf").handlers))
    with caplog.at_level(logging.DEBUG):
        message = _refused(_zeroed(sheet, 2000, 6000), "corrupt.pdf")
    assert "refers to object" in message or "corrupt compressed data" in message
    # None of pypdf's own notes ("Object 7 0 not defined.") reached the terminal or the
    # log, and its logger is as it was.
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert "pypdf" not in capsys.readouterr().err
    assert (logging.getLogger("pypdf").level, logging.getLogger("pypdf").propagate,
            list(logging.getLogger("pypdf").handlers)) == before


def test_resources_that_refer_to_themselves_are_followed_once():
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample_paper("loop.pdf", 2))))
    form = DecodedStreamObject()
    form.set_data(b"")
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    ref = writer._add_object(form)
    form[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Me"): ref})})
    for page in writer.pages:
        resources = page["/Resources"]
        resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Loop"): ref})
    out = io.BytesIO()
    writer.write(out)
    assert check_paper(out.getvalue(), "loop.pdf").pages == 2


def test_every_demo_paper_is_sound():
    from templates.demo_papers import demo_papers, paper_pdf

    for paper in demo_papers():
        assert check_paper(paper_pdf(paper), paper.file_name).pages == paper.pages
