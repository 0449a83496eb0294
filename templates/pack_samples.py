"""Stand-in papers for the demo register's meetings, which come without their PDFs.

The demo register holds the 2019 and 2023 Adult Social Care Cabinet Committee agendas
but not the reports. :func:`attach_demo_papers` makes a PDF for each paper with the
page counts of the real packs (so the 2023 pack comes out at the real 282 numbered
pages) and attaches them, which is what the tests, the benchmark and anyone trying the
pack on the demo register use. Every page says which paper and page it is, so a test can
find it in an assembled pack.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from db.demo_history import CLERK_2019, MEMBERSHIP_2019, PARTY_SEATS_2019  # noqa: F401
from templates.agenda_pdf import FONT, FONT_BOLD, register_fonts

ASC = "Adult Social Care Cabinet Committee"
MEETING_2023 = dt.date(2023, 11, 23)
MEETING_2019 = dt.date(2019, 3, 12)

_FILLER = (
    "The Adult Social Care Cabinet Committee is asked to CONSIDER and ENDORSE or make"
    " RECOMMENDATIONS to the Cabinet Member on the proposed decision. The report sets out"
    " the background, the options considered, the financial, legal and equalities"
    " implications and the consultation undertaken with partners and residents across"
    " the twelve districts of Kent."
)


@dataclass(frozen=True)
class SamplePaper:
    item: str
    file_name: str
    title: str | None
    pages: int
    exempt_paragraph: int | None = None
    landscape: bool = False


def marker(file_name: str, page: int, pages: int) -> str:
    """The line each sample page carries: ``minutes-2023-09-13.pdf page 3 of 7``."""
    return f"{file_name} page {page} of {pages}"


def sample_paper(file_name: str, pages: int, heading: str = "",
                 landscape_pages: bool = False, lines_per_page: int = 34) -> bytes:
    """A PDF of ``pages`` A4 pages of report-like text, each marked with
    :func:`marker` (so ``pages`` is checkable in the pack)."""
    register_fonts()
    size = landscape(A4) if landscape_pages else A4
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size, invariant=1, initialFontName=FONT)
    width, height = size
    words = _FILLER.split()
    for page in range(1, pages + 1):
        c.setFont(FONT_BOLD, 13)
        c.drawString(56, height - 64, heading or file_name)
        c.setFont(FONT, 10)
        c.drawString(56, height - 82, marker(file_name, page, pages))
        y = height - 110
        for line in range(lines_per_page):
            start = (page * 7 + line * 11) % len(words)
            text = " ".join((words * 2)[start:start + (17 if landscape_pages else 11)])
            c.drawString(56, y, f"{page}.{line + 1} {text}")
            y -= 15
            if y < 60:
                break
        c.showPage()
    c.save()
    return out.getvalue()


#: The 2023 pack: the real front-sheet ranges are 4: 1-8, 5: 9-86, 7: 87-148,
#: 8: 149-214, 9: 215-242, 10: 243-278, 11: 279-282 (282 numbered pages).
PAPERS_2023 = (
    SamplePaper("4", "minutes-2023-09-13.pdf", "Minutes of 13 September 2023", 7),
    SamplePaper("5", "draft-budget-2024-25.pdf", "Initial Draft Budget 2024-25 and MTFP", 77),
    SamplePaper("7", "report-23-00098.pdf", "Report", 9),
    SamplePaper("7", "prod-23-00098.pdf", "Appendix 1 - Proposed Record of Decision", 3),
    SamplePaper("7", "pressures-plan-2023-24.pdf", "Appendix 2 - Pressures Plan", 33),
    SamplePaper("7", "dhsc-letter.pdf", "Appendix 3 - DHSC letter", 3, landscape=False),
    SamplePaper("7", "uec-proposal-form.pdf", "Appendix 4 - Proposal form", 5,
                landscape=True),
    SamplePaper("7", "eqia-23-00098.pdf", "Appendix 5 - EqIA", 3),
    SamplePaper("8", "ics-strategy.pdf", "Integrated Care Strategy papers", 65),
    SamplePaper("9", "performance-q2.pdf", "Performance Q2 2023/2024", 27),
    SamplePaper("10", "complaints-2022-23.pdf", "Annual Complaints Report", 35),
    SamplePaper("11", "work-programme-2023-24.pdf", "Work Programme 2023/24", 3),
)

#: The 2019 pack (the real one numbered its front sheet as pages 1-6, so its ranges are
#: these plus 6), with item 10's Appendices B and D exempt under paragraph 3.
PAPERS_2019 = (
    SamplePaper("5", "minutes-2019-01-22.pdf", "Minutes of 22 January 2019", 8),
    SamplePaper("6", "verbal-updates.pdf", "Verbal updates", 1),
    SamplePaper("7", "report-18-00067.pdf", "Rates and charges 2019-20", 16),
    SamplePaper("8", "report-19-00011.pdf", "Mental health partnership", 9),
    SamplePaper("9", "care-in-the-home.pdf", "Care and Support in the Home", 18),
    SamplePaper("10", "community-navigation.pdf", "Report and Appendices A, C and E", 15),
    SamplePaper("10", "appendix-b-scores.pdf", "Appendix B", 3, exempt_paragraph=3),
    SamplePaper("10", "appendix-d-prices.pdf", "Appendix D", 2, exempt_paragraph=3),
    SamplePaper("11", "day-opportunities.pdf", "Community Day Opportunities", 8),
    SamplePaper("12", "strategic-delivery-plan.pdf", "Strategic Delivery Plan", 30),
    SamplePaper("13", "risk-management.pdf", "Risk Management", 26),
    SamplePaper("14", "performance-dashboard.pdf", "Performance Dashboard", 26,
                landscape=True),
    SamplePaper("15", "work-programme-2019-20.pdf", "Work Programme 2019/20", 6),
)

#: The membership printed on the 2019 agenda ("Membership (14)" above 15 seats, one of
#: them vacant: the register prints the seats it has, 15).
def attach_demo_papers(register: Any, which: tuple[dt.date, ...] = (MEETING_2023,
                                                                      MEETING_2019)) -> int:
    """Attach the stand-in papers to the demo meetings; for 2019 also record the
    membership its agenda printed and its clerk's post. Returns papers attached."""
    from db import meetings
    from db.demo_history import record_2019_agenda

    count = 0
    for date in which:
        papers = PAPERS_2023 if date == MEETING_2023 else PAPERS_2019
        for p in papers:
            content = sample_paper(p.file_name, p.pages, p.title or "", p.landscape)
            meetings.attach_paper(register, ASC, date, p.item, content, name=p.file_name,
                                  title=p.title, exempt_paragraph=p.exempt_paragraph)
            count += 1
        if date == MEETING_2019:
            record_2019_agenda(register)
    return count


def main(argv: list[str] | None = None) -> int:
    """``python -m templates.pack_samples --db PATH``: attach the stand-in papers to the
    demo meetings of that register, so that ``render pack`` has papers to assemble."""
    import argparse

    from db.register import Register

    parser = argparse.ArgumentParser(prog="python -m templates.pack_samples",
                                     description=main.__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a register with the demo")
    args = parser.parse_args(argv)
    with Register.open(args.db) as register:
        count = attach_demo_papers(register)
    print(f"Attached {count} stand-in papers to the 2023 and 2019 demo meetings.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
