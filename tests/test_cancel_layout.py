"""Cancel stops a document while reportlab is laying it out: the renderers ask the
clerk's ``proceed()`` (passed through the Documents port) before every step of the
layout, and the window's Documents screen and signing pass their Cancel through."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from governance import decisions, documents, meetings, records
from governance.documents import DocumentRequest
from governance.errors import Cancelled
from governance.model import Decision, DecisionPart
from governance.ports import CoverContext
from templates import pdf_tagged
from templates.renderer import Renderer
from tests.certificates import self_signed_pkcs12
from tests.conftest import ASC
from tests.hostile_inputs import words
from tests.test_record_documents import make_takeable


class Stopper:
    """``proceed()`` that says yes ``allowed`` times, then no; counts what it was asked."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked <= self.allowed


def _long_decision() -> Decision:
    return Decision("23/00500", "A long record", "Cabinet Member for Adult Social Care",
                    parts=[DecisionPart("APPROVE", "the plan")], reasons=words(20_000))


def test_the_record_asks_at_every_step_of_its_layout_and_stops_when_told():
    everything = Stopper(10**9)
    Renderer().record(_long_decision(), None, "pdf", proceed=everything)
    assert everything.asked > 40  # each page's part of the Reasons is a step

    stopper = Stopper(20)
    with pytest.raises(Cancelled, match="was cancelled"):
        Renderer().record(_long_decision(), None, "pdf", proceed=stopper)
    assert stopper.asked == 21  # it stopped at the first "no"


def test_the_cover_stops_too():
    stopper = Stopper(5)
    with pytest.raises(Cancelled):
        Renderer().cover(_long_decision(), CoverContext([], []), None, "pdf", proceed=stopper)
    assert stopper.asked == 6


def test_the_documents_screen_cancel_stops_the_layout(open_window, demo_register, qtbot,
                                                      monkeypatch):
    """The build is held inside reportlab's layout until Cancel is clicked; then the very
    next step of the layout raises Cancelled in the worker, and the screen is free."""
    decisions.update_decision(demo_register, "23/00098", {"reasons": words(20_000)})
    in_layout, clicked, raised = threading.Event(), threading.Event(), []
    real = pdf_tagged.stop_if_cancelled

    def held(proceed, what):
        in_layout.set()
        clicked.wait(30)
        try:
            real(proceed, what)
        except Cancelled:
            raised.append(what)
            raise

    monkeypatch.setattr(pdf_tagged, "stop_if_cancelled", held)
    window = open_window(dt.date(2023, 11, 1), screen=4)
    view = window.documents_view
    view.show_document(DocumentRequest("record", number="23/00098"))
    qtbot.waitUntil(in_layout.is_set, timeout=30000)
    job = view.job
    assert view.cancel_button.isEnabled()
    view.cancel_button.click()
    clicked.set()
    assert view.message.text() == "Cancelled." and view.build_button.isEnabled()
    assert job.wait(60)
    assert raised and "Record of Decision" in raised[0]


def test_signing_cancelled_during_the_layout_takes_and_keeps_nothing(demo_register, tmp_path):
    """Cancel while the record to sign is laid out: Cancelled at the next step, the
    decision not taken, nothing kept or written."""
    make_takeable(demo_register)
    decisions.update_decision(demo_register, "23/00098", {"reasons": words(5_000)})
    signer = records.open_signer(demo_register, _certificate(tmp_path), "pass phrase")
    before = decisions.decision(demo_register, "23/00098").status
    stopper = Stopper(10)
    with pytest.raises(Cancelled):
        records.sign_record(demo_register, "23/00098", signer, tmp_path / "signed.pdf",
                            proceed=stopper)
    assert stopper.asked == 11
    assert decisions.decision(demo_register, "23/00098").status == before
    assert records.documents_for(demo_register, "23/00098") == []
    assert not (tmp_path / "signed.pdf").exists()


def _certificate(folder):
    path = folder / "dan.p12"
    self_signed_pkcs12(path, "pass phrase")
    return path


def test_the_pack_stops_in_its_front_sheet_or_between_papers(demo_register):
    details = meetings.meeting(demo_register, ASC, dt.date(2023, 11, 23))
    everything = Stopper(10**9)
    documents.pack(demo_register, details, proceed=everything)
    for allowed in (3, everything.asked - 2):  # in the front sheet; among the papers
        stopper = Stopper(allowed)
        with pytest.raises(Cancelled):
            documents.pack(demo_register, details, proceed=stopper)
        assert stopper.asked == allowed + 1
