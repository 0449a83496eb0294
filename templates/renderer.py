"""The document adapter: :class:`Renderer` implements :class:`governance.ports.Documents`.
Domain objects in, bytes out, in the council's house style; no store, no transactions.

``config_dir`` is the user configuration folder (``house_style.json`` overrides, the
clerk's own Word templates); None: the user's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from governance.agenda import MeetingDetails
from governance.minute_book import Minutes
from governance.model import Committee, Council, Decision, Member
from governance.notice import Notice
from governance.papers import CleanedPaper, PaperInfo
from governance.plan import ForwardPlan
from governance.ports import (
    BuiltPack,
    CoverContext,
    DemoPaper,
    ListingRow,
    PackLayout,
)
from governance.programme import WorkProgramme
from templates import demo_papers
from templates.agenda_docx import front_sheet_docx
from templates.agenda_pdf import front_sheet_pdf
from templates.calendar_ics import calendar_events, calendar_name, ics_bytes
from templates.forward_plan import forward_plan
from templates.frontsheet import front_sheet, membership_groups, plan_agenda
from templates.minutes import minutes_document
from templates.notice import notice_document
from templates.pack import build_pack, lay_out
from templates.papers import check_paper, clean_paper
from templates.record import cover_sheet, record_of_decision
from templates.record_docx import cover_docx, record_docx
from templates.record_pdf import cover_pdf, record_pdf
from templates.register_csv import register_csv
from templates.style import house_style_for
from templates.work_programme import work_programme


class Renderer:
    """Every document, as Word or tagged PDF bytes (packs, CSV and iCalendar too)."""

    def __init__(self, config_dir: Path | None = None):
        self.config_dir = config_dir

    def style(self, council: Council | None) -> dict[str, Any]:
        return house_style_for(council, self.config_dir)

    def council_name(self, council: Council | None) -> str:
        return self.style(council)["council_name"]

    # --- Records of Decision and covers -------------------------------------------------------

    def record(self, decision: Decision, council: Council | None, fmt: str, *,
               public: bool = False, signer: str | None = None,
               signed_on: dt.date | None = None, signature_field: bool = False,
               holder: str | None = None,
               proceed: Callable[[], bool] | None = None) -> bytes:
        record = record_of_decision(decision, self.style(council), signer=signer,
                                    public=public, signed_on=signed_on, holder=holder)
        if fmt == "pdf":
            return record_pdf(record, with_signature_field=signature_field, proceed=proceed)
        return record_docx(record, self.config_dir)

    def record_heading(self, decision: Decision, council: Council | None) -> str:
        return record_of_decision(decision, self.style(council)).heading

    def cover(self, decision: Decision, context: CoverContext, council: Council | None,
              fmt: str, *, public: bool = False,
              proceed: Callable[[], bool] | None = None) -> bytes:
        cover = cover_sheet(decision, self.style(council), context, public=public)
        if fmt == "pdf":
            return cover_pdf(cover, proceed)
        return cover_docx(cover, self.config_dir)

    # --- agendas and packs --------------------------------------------------------------------

    def front_sheet(self, details: MeetingDetails, council: Council | None, fmt: str, *,
                    public: bool = False, proceed: Callable[[], bool] | None = None) -> bytes:
        style = self.style(council)
        plan = plan_agenda(details, public=public, style=style)
        sheet = front_sheet(details, plan, lay_out(plan, style).ranges, style)
        return front_sheet_docx(sheet) if fmt == "docx" else front_sheet_pdf(sheet,
                                                                             proceed=proceed)

    def front_sheet_lists_exempt(self, details: MeetingDetails,
                                 council: Council | None) -> bool:
        return bool(plan_agenda(details, public=False, style=self.style(council)).exempt)

    def pack(self, details: MeetingDetails, council: Council | None, *, public: bool = False,
             progress: Callable[[int, str], None] | None = None,
             proceed: Callable[[], bool] | None = None) -> BuiltPack:
        if progress is not None:
            progress(5, "Laying out the front sheet and the papers…")
        built = build_pack(details, public=public, style=self.style(council), proceed=proceed)
        if progress is not None:
            progress(100, "")
        return BuiltPack(built.pdf, built.front_pages, built.numbered_pages,
                         built.total_pages, sum(not d.stand_in for d in built.documents),
                         tuple(e.number for e in built.plan.exempt),
                         tuple(built.unembedded))

    def pack_layout(self, details: MeetingDetails, council: Council | None) -> PackLayout:
        style = self.style(council)
        layout = lay_out(plan_agenda(details, style=style), style)
        return PackLayout(dict(layout.ranges), {
            id(paper): doc.pages for (_entry, paper, _reader), doc
            in zip(layout.readers, layout.documents, strict=True)})

    def membership_lines(self, committee: Committee, members: dict[str, Member],
                         council: Council | None) -> list[str]:
        heading, groups = membership_groups(committee, members,
                                            self.style(council)["agenda"])
        return [heading, *(f"  {label} {names}" for label, names in groups)]

    # --- listings -----------------------------------------------------------------------------

    def register_csv(self, rows: Sequence[ListingRow]) -> bytes:
        return register_csv(rows)

    def calendar(self, agendas: Sequence[MeetingDetails], decisions: Sequence[Decision],
                 council: Council | None, *, public: bool, committee: str | None,
                 now: dt.datetime | None = None) -> tuple[bytes, int]:
        style = self.style(council)
        name = style["council_name"]
        events = calendar_events(agendas, decisions, style, name, public=public,
                                 committee=committee)
        return ics_bytes(events, calendar_name(style, name, public, committee), now), \
            len(events)

    def check_paper(self, content: bytes, name: str) -> PaperInfo:
        return check_paper(content, name)

    def demo_papers(self) -> list[DemoPaper]:
        return demo_papers.laid_out()

    def clean_paper(self, content: bytes, name: str) -> CleanedPaper:
        return clean_paper(content, name)

    # --- the Forward Plan ---------------------------------------------------------------------

    def forward_plan(self, plan: ForwardPlan, council: Council | None, fmt: str) -> bytes:
        return forward_plan(plan, self.style(council), fmt)

    # --- the Work Programme -------------------------------------------------------------------

    def work_programme(self, programme: WorkProgramme, council: Council | None,
                       fmt: str) -> bytes:
        return work_programme(programme, self.style(council), fmt)

    # --- the statutory notices ----------------------------------------------------------------

    def notice(self, notice: Notice, council: Council | None, fmt: str) -> bytes:
        return notice_document(notice, self.style(council), fmt)

    # --- the minutes ----------------------------------------------------------------------------

    def minutes(self, minutes: Minutes, council: Council | None, fmt: str) -> bytes:
        return minutes_document(minutes, self.style(council), fmt)
