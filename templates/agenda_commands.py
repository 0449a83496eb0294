"""``render agenda`` and ``render pack``: the handler main.py looks up.

    python main.py render agenda --committee NAME --date D --format pdf|docx -o FILE [--public]
    python main.py render pack --committee NAME --date D [--public] -o FILE
"""

from __future__ import annotations

import sys
from typing import Any

from db.files import atomic_write
from db.meetings import MeetingDetails, meeting
from templates.style import day_date, house_style_for


def _notes(details: MeetingDetails) -> list[str]:
    publication = details.publication
    if publication.status == "unpublished":
        return [f"the agenda is not published yet: it is dated with the publication deadline,"
                f" {day_date(publication.deadline)}"]
    if publication.late:
        return [f"the agenda was published late ({day_date(publication.published_on)}, after"
                f" the deadline of {day_date(publication.deadline)}): reason recorded:"
                f" {publication.late_reason or 'none'}"]
    return []


def _warn(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


def _suffix_check(args: Any, wanted: str) -> None:
    suffix = args.output.suffix.lower()
    if suffix and suffix != f".{wanted}":
        _warn(f"{args.output} ends in {suffix} but holds {wanted.upper()}")


def cmd_render(register: Any, args: Any) -> int:
    details = meeting(register, args.committee, args.date)
    for note in _notes(details):
        _warn(note)
    when = day_date(details.meeting.date)
    name = f"{details.meeting.committee}, {when}"
    style = house_style_for(register)
    if args.what == "pack":
        from templates.pack import build_pack

        _suffix_check(args, "pdf")
        pack = build_pack(details, public=args.public, style=style)
        atomic_write(args.output, pack.pdf)
        kind = "public agenda pack" if args.public else "agenda pack"
        papers = len(pack.documents)
        print(f"Wrote the {kind} of {name} to {args.output}: front sheet {pack.front_pages}"
              f" pages, then {pack.numbered_pages} numbered pages from {papers}"
              f" paper{'s' if papers != 1 else ''} ({pack.total_pages} pages in all).")
        withheld = [e.number for e in pack.plan.exempt]
        if args.public and withheld:
            items = ", ".join(dict.fromkeys(withheld))
            print(f"Exempt papers left out (item{'s' if len(set(withheld)) > 1 else ''} {items});"
                  " the front sheet says which.")
        return 0

    from templates.frontsheet import front_sheet, plan_agenda
    from templates.pack import lay_out

    public = getattr(args, "public", False)
    plan = plan_agenda(details, public=public, style=style)
    sheet = front_sheet(details, plan, lay_out(plan).ranges, style)
    if args.format == "docx":
        from templates.agenda_docx import front_sheet_docx

        _suffix_check(args, "docx")
        data = front_sheet_docx(sheet)
    else:
        from templates.agenda_pdf import front_sheet_pdf

        _suffix_check(args, "pdf")
        data = front_sheet_pdf(sheet)
    atomic_write(args.output, data)
    print(f"Wrote the {'public ' if public else ''}agenda front sheet of {name}"
          f" ({args.format.upper()}) to {args.output}.")
    if plan.exempt and not public:
        _warn("this front sheet lists the exempt items and papers by title (the full"
              " version); for the public one add --public")
    return 0
