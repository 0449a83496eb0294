"""Every document the product makes, by kind, as bytes: what the window's Documents
screen previews and saves. The command line's ``render`` uses the same builders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from governance.errors import UserError


class UnknownDocument(UserError):
    pass


@dataclass(frozen=True)
class DocumentRequest:
    kind: str  # "record", "cover", "agenda", "pack", "public_pack"
    number: str | None = None
    committee: str | None = None
    date: dt.date | None = None
    format: str = "pdf"
    #: The version the public may see (exempt text, items' titles and papers withheld).
    #: The "public_pack" kind is the pack with this set.
    public: bool = False

    @property
    def is_public(self) -> bool:
        return self.public or self.kind == "public_pack"

    @property
    def label(self) -> str:
        names = {"record": "Record of Decision", "cover": "Report cover sheet",
                 "agenda": "Agenda front sheet", "pack": "Agenda pack",
                 "public_pack": "Public agenda pack"}
        when = f"{self.date.day} {self.date:%B %Y}" if self.date else ""
        subject = self.number or f"{self.committee}, {when}"
        name = names.get(self.kind, self.kind)
        if self.public and self.kind != "public_pack":
            name = f"{name} (public)"
        return f"{name} — {subject}"

    @property
    def file_name(self) -> str:
        subject = (self.number or f"{self.committee}-{self.date}").replace("/", "-")
        kind = "public-pack" if self.kind == "public_pack" else self.kind
        if self.public and not kind.startswith("public-"):
            kind = f"public-{kind}"  # the same name however the public pack was asked for
        return f"{kind}-{subject}.{self.format}".replace(" ", "-")


KINDS = {
    "record": "Record of Decision",
    "cover": "Report cover sheet",
    "agenda": "Agenda front sheet",
    "pack": "Agenda pack",
    "public_pack": "Public agenda pack",
}


def produce(register: Any, request: DocumentRequest) -> bytes:
    """Build the document; raises UserError subclasses with a message for the clerk."""
    if request.kind in ("agenda", "pack", "public_pack"):
        from db.meetings import meeting
        from templates.style import house_style_for

        if request.committee is None or request.date is None:
            raise UnknownDocument("choose a meeting first")
        details = meeting(register, request.committee, request.date)
        style = house_style_for(register)
        if request.kind in ("pack", "public_pack"):
            from templates.pack import build_pack

            return build_pack(details, public=request.is_public, style=style).pdf
        from templates.frontsheet import front_sheet, plan_agenda
        from templates.pack import lay_out

        plan = plan_agenda(details, public=request.is_public, style=style)
        sheet = front_sheet(details, plan, lay_out(plan).ranges, style)
        if request.format == "docx":
            from templates.agenda_docx import front_sheet_docx

            return front_sheet_docx(sheet)
        from templates.agenda_pdf import front_sheet_pdf

        return front_sheet_pdf(sheet)
    if request.kind in ("record", "cover"):
        try:
            from templates import record_commands
        except ImportError:
            raise UnknownDocument("Records of Decision are not available in this version")\
                from None
        build = getattr(record_commands, "render_bytes", None)
        if build is None:
            raise UnknownDocument("Records of Decision are not available in this version")
        return build(register, request.kind, request.number, request.format,
                     public=request.is_public)
    raise UnknownDocument(f"unknown document {request.kind!r}")
