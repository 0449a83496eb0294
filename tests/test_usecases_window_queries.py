"""The queries and use cases the window asks instead of reaching into the store, against
every store: the posts a part may delegate to, the decisions an agenda item may be about
(the same the ``meeting add-item`` command allows), where items and papers fall in the
pack, why a record cannot be signed or a scan attached (the use cases' own refusals),
attaching papers with progress and Cancel, and saving a document already built with
what ``render`` says of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from governance import decisions, documents, meetings, records
from governance.desk import Desk
from governance.documents import DocumentRequest
from governance.errors import Cancelled
from governance.records import SigningError
from tests.conftest import pdf_bytes
from tests.usecase_fixtures import import_dict

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)  # the sample's meeting: 23/00098 and 23/00077 on its agenda
DEC = dt.date(2023, 12, 14)


@pytest.fixture
def dec(sample_desk: Desk) -> Desk:
    meetings.create_meeting(sample_desk, ASC, DEC, time="10:00")
    return sample_desk


# --- what the Decision screen offers ----------------------------------------------------------


def test_the_posts_a_part_may_delegate_to_are_the_registers(sample_desk: Desk) -> None:
    assert decisions.delegation_posts(sample_desk) == [
        "Corporate Director Adult Social Care and Health", "General Counsel"]


def test_the_register_says_where_it_is(sample_desk: Desk) -> None:
    location = decisions.register_location(sample_desk)
    assert location == str(sample_desk.store.location or "memory")


# --- the decisions an agenda item may be about -------------------------------------------------


def test_every_decision_is_offered_for_an_item_those_to_be_taken_first(dec: Desk) -> None:
    offered = meetings.decisions_to_offer(dec, ASC, DEC)
    assert [g.label for g in offered] == ["Still to be taken", "Taken", "Withdrawn"]
    to_take, taken, withdrawn = offered
    assert to_take.decisions == (("23/00098", "Urgent and Emergency Care Support Fund"),
                                 ("23/00101", "Technology Enabled Care Service"))
    assert taken.decisions == (("23/00077", "Care Home Beds Framework Extension"),)
    assert withdrawn.decisions == ()
    assert "Decisions Taken Outside of the Cabinet Committee Cycle" in taken.why
    assert "before the decision-maker takes it" in to_take.why
    # What is offered is what adding an item allows: a taken decision too.
    done = meetings.add_item(dec, ASC, DEC, decision="23/00077")
    assert done.value[1] == "Care Home Beds Framework Extension"


def test_decisions_on_the_agenda_already_are_left_out_and_taken_ones_come_newest_first(
        dec: Desk) -> None:
    offered = meetings.decisions_to_offer(dec, ASC, NOV)
    assert offered[0].decisions == (("23/00101", "Technology Enabled Care Service"),)
    assert offered[1].decisions == ()  # 23/00077 is on the agenda (item 3a)
    assert "already on this agenda are left out" in offered[0].why
    # A withdrawn decision is offered too, in its own group.
    made = decisions.create_decision(dec, "Day Care Review", decision_maker="Cabinet"
                                     " Member for Adult Social Care and Public Health").value
    decisions.transition(dec, made.number, "withdraw")
    [withdrawn] = [g for g in meetings.decisions_to_offer(dec, ASC, DEC)
                   if g.label == "Withdrawn"]
    assert withdrawn.decisions == ((made.number, "Day Care Review"),)


def test_taken_decisions_are_offered_newest_first(any_desk: Desk, sample_doc: dict,
                                                  tmp_path: Path) -> None:
    taken = next(d for d in sample_doc["decisions"] if d["number"] == "23/00077")
    for number, on in (("23/00110", "2023-11-10"), ("22/00031", "2022-05-03")):
        sample_doc["decisions"].append({**taken, "number": number, "title": f"Taken {on}",
                                        "taken_on": on, "published_on": on})
    import_dict(any_desk, sample_doc, tmp_path / "doc")
    meetings.create_meeting(any_desk, ASC, DEC)
    offered = meetings.decisions_to_offer(any_desk, ASC, DEC)[1].decisions
    assert [n for n, _t in offered] == ["23/00110", "23/00077", "22/00031"]


# --- where items and papers fall in the pack ---------------------------------------------------


def test_pack_places_are_keyed_by_item_number_and_paper_position(dec: Desk) -> None:
    meetings.add_item(dec, ASC, DEC, "Accommodation Strategy")
    meetings.attach_papers(dec, ASC, DEC, "6", [("report.pdf", pdf_bytes("report")),
                                                ("scores.pdf", pdf_bytes("scores"))])
    places = documents.pack_places(dec, ASC, DEC)
    details = meetings.meeting(dec, ASC, DEC, content=False)
    assert places.shape == documents.agenda_shape(details)
    assert places.ranges == {"6": (1, 2)}
    assert places.pages == {("6", 1): 1, ("6", 2): 1}


# --- why Sign and Attach scan are not offered ------------------------------------------------


def test_sign_refusal_is_what_signing_refuses_with(sample_desk: Desk, tmp_path: Path) -> None:
    assert records.sign_refusal(sample_desk, "23/00077") is None
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes("signed on paper"))
    records.attach_scan(sample_desk, "23/00077", scan)
    refusal = records.sign_refusal(sample_desk, "23/00077")
    assert refusal is not None and refusal.startswith(
        "23/00077 already has a scan of its paper-signed Record of Decision (attached ")
    with pytest.raises(SigningError) as refused:
        records.refuse_if_signed(sample_desk, "23/00077")
    assert str(refused.value) == refusal


def test_scan_refusal_is_what_attaching_a_scan_refuses_with(sample_desk: Desk,
                                                            tmp_path: Path) -> None:
    assert records.scan_refusal(sample_desk, "23/00077") is None  # taken
    refusal = records.scan_refusal(sample_desk, "23/00098")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes("signed on paper"))
    with pytest.raises(SigningError) as refused:
        records.attach_scan(sample_desk, "23/00098", scan)
    assert str(refused.value) == refusal
    assert refusal.startswith("23/00098 has not been taken: record it as taken")


def test_a_copy_of_a_kept_file_is_saved_with_its_sentence(sample_desk: Desk,
                                                         tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes("signed on paper"))
    kept = records.attach_scan(sample_desk, "23/00077", scan).value
    out = tmp_path / "copy.pdf"
    done = records.save_copy(sample_desk, kept.id, out)
    assert out.read_bytes() == scan.read_bytes()
    assert done.message == ("Saved a copy of the scan of the paper-signed Record of Decision"
                            f" of 23/00077 to {out}.")
    document = tmp_path / "EqIA v1.docx"
    document.write_bytes(b"PK\x03\x04 the assessment")
    attached = records.attach_assessment_document(sample_desk, "23/00098", "eqia",
                                                  document).value
    done = records.save_assessment_copy(sample_desk, attached.id, tmp_path / "eqia.docx")
    assert (tmp_path / "eqia.docx").read_bytes() == document.read_bytes()
    assert done.message.startswith("Saved a copy of EqIA v1.docx, the ")


# --- attaching papers, with progress and Cancel ------------------------------------------------


def test_attaching_reports_each_file_and_cancel_attaches_none(dec: Desk) -> None:
    heard: list[tuple[int, str]] = []
    files = [("a.pdf", pdf_bytes("a")), ("b.pdf", pdf_bytes("b"))]
    with pytest.raises(Cancelled) as cancelled:
        meetings.attach_papers(dec, ASC, DEC, "5", files,
                               progress=lambda p, t: heard.append((p, t)),
                               proceed=lambda: False)
    assert heard == [(0, "Checking a.pdf…"), (50, "Checking b.pdf…")]
    assert str(cancelled.value) == "attaching a.pdf and b.pdf was cancelled: none was attached"
    assert meetings.meeting(dec, ASC, DEC).meeting.items[4].papers == []
    done = meetings.attach_papers(dec, ASC, DEC, "5", files, proceed=lambda: True)
    assert [p.path for p in done.value] == ["a.pdf", "b.pdf"]


# --- saving a document already built -----------------------------------------------------------


def _same(saved, written) -> None:
    assert (saved.message, saved.notes) == (written.message, written.notes)


def test_a_built_front_sheet_is_saved_saying_what_render_says(dec: Desk,
                                                              tmp_path: Path) -> None:
    meetings.set_item_exempt(dec, ASC, NOV, 2, 3)
    for date, public in ((DEC, False), (NOV, False), (NOV, True)):
        request = DocumentRequest("agenda", committee=ASC, date=date, format="pdf",
                                  public=public)
        out = tmp_path / "agenda.docx"  # a suffix that says another format: a note
        saved = documents.save(dec, documents.build(dec, request), out)
        data = out.read_bytes()
        written = documents.write_agenda(dec, ASC, date, "pdf", out, public=public)
        _same(saved, written)
        assert out.read_bytes() == data
    assert any("lists the exempt items" in n for n in
               documents.save(dec, documents.build(dec, DocumentRequest(
                   "agenda", committee=ASC, date=NOV)), tmp_path / "a.pdf").notes)
    assert any("not published yet" in n for n in saved.notes + documents.save(
        dec, documents.build(dec, DocumentRequest("agenda", committee=ASC, date=DEC)),
        tmp_path / "b.pdf").notes)


def test_a_built_pack_is_saved_saying_what_render_says(dec: Desk, tmp_path: Path) -> None:
    meetings.add_item(dec, ASC, DEC, "Accommodation Strategy")
    meetings.attach_papers(dec, ASC, DEC, "6", [("report.pdf", pdf_bytes("report"))])
    meetings.attach_papers(dec, ASC, DEC, "6", [("exempt.pdf", pdf_bytes("exempt"))],
                           exempt_paragraph=3)
    for kind in ("pack", "public_pack"):
        request = DocumentRequest(kind, committee=ASC, date=DEC)
        out = tmp_path / f"{kind}.pdf"
        saved = documents.save(dec, documents.build(dec, request), out)
        written = documents.write_pack(dec, ASC, DEC, out, public=request.is_public)
        _same(saved, written)
    assert "Exempt papers left out (item 6)" in saved.message


def test_a_built_record_is_saved_saying_what_render_says(sample_desk: Desk,
                                                         tmp_path: Path) -> None:
    decisions.update_decision(sample_desk, "23/00101", {"exempt_paragraph": 3})
    for kind, number, public in (("record", "23/00098", False), ("record", "23/00101", True),
                                 ("cover", "23/00077", False)):
        request = DocumentRequest(kind, number=number, format="docx", public=public)
        out = tmp_path / f"{kind}.pdf"
        saved = documents.save(sample_desk, documents.build(sample_desk, request), out)
        data = out.read_bytes()
        written = records.write(sample_desk, kind, number, "docx", out, public=public)
        _same(saved, written)
        assert out.read_bytes() == data
    assert any("its text is withheld" in n for n in documents.save(
        sample_desk, documents.build(sample_desk, DocumentRequest(
            "record", number="23/00101", public=True)), tmp_path / "r.pdf").notes)
