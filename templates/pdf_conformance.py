"""What a tagged PDF must say of itself to be the PDF/UA-1 file it claims (issue 14):
the header names PDF 1.7, the version PDF/UA-1 is built on (reportlab writes 1.3), and
the fonts' ToUnicode maps carry no code mapped to U+0000 (reportlab maps every unused
code of a subset to it, which validators reject: no text is U+0000)."""

from __future__ import annotations

import re
from typing import Any

#: PDF/UA-1 (ISO 14289-1) is built on PDF 1.7 (ISO 32000-1).
PDF_HEADER = b"%PDF-1.7"

_NULL_CHAR = re.compile(rb"^\s*<[0-9A-Fa-f]+>\s*<0000>\s*$")
_BFCHAR = re.compile(rb"(\d+)\s+beginbfchar\s*\n(.*?)endbfchar", re.DOTALL)


def without_null_mappings(cmap: bytes) -> bytes:
    """A ToUnicode CMap without its ``<code> <0000>`` entries (each bfchar block's count
    put right; a block left empty goes)."""
    def block(found: re.Match[bytes]) -> bytes:
        lines = [line for line in found.group(2).splitlines()
                 if line.strip() and not _NULL_CHAR.match(line)]
        if not lines:
            return b""
        return b"%d beginbfchar\n%s\nendbfchar" % (len(lines), b"\n".join(lines))
    return _BFCHAR.sub(block, cmap)


def conform(writer: Any) -> None:
    """Make the pypdf ``writer`` a PDF 1.7 file whose ToUnicode maps have no U+0000."""
    writer.pdf_header = PDF_HEADER
    seen: set[int] = set()
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for font in fonts.get_object().values():
            font = font.get_object()
            ref = font.get("/ToUnicode")
            if ref is None or ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            stream = ref.get_object()
            data = stream.get_data()
            cleaned = without_null_mappings(data)
            if cleaned != data:
                stream.set_data(cleaned)  # encoded again with the stream's own filter
