"""``render record|cover``, ``sign``, ``verify`` and ``attach-scan``: the handlers main.py
looks up, and :func:`render_bytes` for the window's Documents screen.

    python main.py [--db PATH] render record NUMBER --format pdf|docx -o FILE [--public]
    python main.py [--db PATH] render cover NUMBER --format pdf|docx -o FILE [--public]
    python main.py [--db PATH] sign NUMBER --pkcs12 FILE --passphrase-env VAR -o FILE
    python main.py [--db PATH] verify FILE
    python main.py [--db PATH] attach-scan NUMBER FILE
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from db import documents
from db.files import atomic_write
from governance.errors import UserError
from governance.vocab import NUMBER_RE
from templates.style import long_date


class RecordError(UserError):
    pass


def _decision(register: Any, number: str) -> Any:
    from db.register import NotFoundError

    if not NUMBER_RE.match(number):
        raise RecordError(f"{number!r} is not a decision number (YY/NNNNN, e.g. 23/00098)")
    try:
        return register.decision(number)
    except NotFoundError as exc:
        raise RecordError(str(exc)) from None


def render_bytes(register: Any, kind: str, number: str | None, fmt: str,
                 config_dir: Path | None = None, public: bool = False) -> bytes:
    """The Record of Decision (``kind`` "record") or the report cover sheet ("cover") of
    decision ``number`` as PDF or Word (``fmt`` "pdf"/"docx") bytes. ``public`` gives the
    published version (an exempt decision's text withheld)."""
    from templates.record import CoverContext, cover_sheet, record_of_decision
    from templates.style import house_style_for

    if not number:
        raise RecordError("choose a decision first")
    if fmt not in ("pdf", "docx"):
        raise RecordError(f"unknown format {fmt!r}: pdf or docx")
    decision = _decision(register, number)
    style = house_style_for(register, config_dir)
    if kind == "record":
        record = record_of_decision(decision, style, public=public)
        if fmt == "pdf":
            from templates.record_pdf import record_pdf

            return record_pdf(record)
        from templates.record_docx import record_docx

        return record_docx(record, config_dir)
    if kind == "cover":
        context = CoverContext(
            posts=documents.posts(register),
            agenda=[(a.committee, a.date, a.title, a.description)
                    for a in documents.agenda_appearances(register, number)])
        cover = cover_sheet(decision, style, context, public=public)
        if fmt == "pdf":
            from templates.record_pdf import cover_pdf

            return cover_pdf(cover)
        from templates.record_docx import cover_docx

        return cover_docx(cover, config_dir)
    raise RecordError(f"unknown document {kind!r}: record or cover")


def _note(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


def cmd_render(register: Any, args: Any) -> int:
    public = getattr(args, "public", False)
    data = render_bytes(register, args.what, args.number, args.format, public=public)
    suffix = args.output.suffix.lower()
    if suffix and suffix != f".{args.format}":
        _note(f"{args.output} ends in {suffix} but holds {args.format.upper()}")
    atomic_write(args.output, data)
    decision = register.decision(args.number)
    if args.what == "record":
        what = "Record of Decision" if decision.is_taken else "Proposed Record of Decision"
    else:
        what = "report cover sheet"
    if public:
        what = f"public {what}"
    print(f"Wrote the {what} of {args.number} ({args.format.upper()}) to {args.output}.")
    if public and decision.exempt_paragraph:
        _note(f"{args.number} is exempt (paragraph {decision.exempt_paragraph} of Part 1 of"
              " Schedule 12A): its text is withheld in this version")
    return 0


def cmd_sign(register: Any, args: Any) -> int:
    from templates.signing import sign_record

    _decision(register, args.number)
    result = sign_record(register, args.number, args.pkcs12, args.passphrase_env, args.output)
    if result.took:
        print(f"Took {result.number} on {long_date(result.taken_on)} (every rule for taking"
              " it holds).")
    print(f"Signed the Record of Decision of {result.number} as {result.signer} and wrote"
          f" it to {result.output}.")
    print(f"SHA-256 {result.sha256} is kept in the register and the audit trail.")
    return 0


def cmd_verify(register: Any, args: Any) -> int:
    from templates.signing import verify_file

    verdict = verify_file(register, args.file)
    lines = verdict.lines()
    print("\n".join(lines[:-1]))
    print(lines[-1], file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1


def cmd_attach_scan(register: Any, args: Any) -> int:
    from templates.signing import attach_scan

    _decision(register, args.number)
    kept = attach_scan(register, args.number, args.file)
    print(f"Attached {args.file} to {args.number} as the scan of its paper-signed Record of"
          f" Decision; SHA-256 {kept.sha256} is kept in the register and the audit trail.")
    return 0
