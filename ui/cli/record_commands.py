"""Documents: ``render``, ``sign``, ``verify`` and ``attach-scan``.

    python main.py [--db PATH] render record NUMBER --format pdf|docx -o FILE [--public]
    python main.py [--db PATH] render cover NUMBER --format pdf|docx -o FILE [--public]
    python main.py [--db PATH] render agenda --committee NAME --date D --format pdf|docx
                                             -o FILE [--public]
    python main.py [--db PATH] render pack --committee NAME --date D [--public] -o FILE
    python main.py [--db PATH] sign NUMBER --pkcs12 FILE --passphrase-env VAR -o FILE
    python main.py [--db PATH] verify FILE
    python main.py [--db PATH] attach-scan NUMBER FILE [--signed-on-paper]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from governance import decisions, documents, records
from governance.desk import Desk
from ui.cli.common import iso_date, say


def add_commands(sub: Any) -> None:
    p = sub.add_parser("render", help="produce a document from the register")
    what = p.add_subparsers(dest="what", metavar="DOCUMENT", required=True)
    for name, text in (("record", "the (Proposed) Record of Decision"),
                       ("cover", "the committee report's cover sheet")):
        q = what.add_parser(name, help=text)
        q.add_argument("number")
        q.add_argument("--format", choices=("pdf", "docx"), required=True)
        q.add_argument("-o", "--output", type=Path, required=True)
        q.add_argument("--public", action="store_true",
                       help="the published version: an exempt decision's text withheld")
        q.set_defaults(handler=_render_record)
    q = what.add_parser("agenda", help="a meeting's agenda front sheet")
    q.add_argument("--committee", required=True)
    q.add_argument("--date", type=iso_date, required=True)
    q.add_argument("--format", choices=("pdf", "docx"), required=True)
    q.add_argument("-o", "--output", type=Path, required=True)
    q.add_argument("--public", action="store_true",
                   help="the public front sheet (the public pack's): exempt items' titles"
                        " and exempt papers withheld")
    q.set_defaults(handler=_render_agenda)
    q = what.add_parser("pack", help="a meeting's agenda pack: front sheet and every paper")
    q.add_argument("--committee", required=True)
    q.add_argument("--date", type=iso_date, required=True)
    q.add_argument("--public", action="store_true", help="leave exempt papers out")
    q.add_argument("-o", "--output", type=Path, required=True)
    q.set_defaults(handler=_render_pack)

    p = sub.add_parser("sign", help="take a decision and sign its Record of Decision (PAdES)")
    p.add_argument("number")
    p.add_argument("--pkcs12", type=Path, required=True, help="the signer's PKCS#12 file")
    p.add_argument("--passphrase-env", required=True, metavar="VAR",
                   help="environment variable holding the PKCS#12 passphrase")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(handler=_sign)
    p = sub.add_parser("verify", help="verify a signed Record of Decision")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=_verify)
    p = sub.add_parser("attach-scan", help="attach the scanned paper-signed record")
    p.add_argument("number")
    p.add_argument("file", type=Path)
    p.add_argument("--signed-on-paper", action="store_true",
                   help="the decision maker signed this record in person on paper today:"
                        " take the decision (every rule applies) and keep the scan")
    p.set_defaults(handler=_attach_scan)


def _render_record(desk: Desk, args: argparse.Namespace) -> int:
    decisions.checked_number(args.number)
    say(records.write(desk, args.what, args.number, args.format, args.output,
                      public=args.public))
    return 0


def _render_agenda(desk: Desk, args: argparse.Namespace) -> int:
    say(documents.write_agenda(desk, args.committee, args.date, args.format, args.output,
                               public=args.public))
    return 0


def _render_pack(desk: Desk, args: argparse.Namespace) -> int:
    say(documents.write_pack(desk, args.committee, args.date, args.output, public=args.public))
    return 0


def _sign(desk: Desk, args: argparse.Namespace) -> int:
    decisions.decision(desk, decisions.checked_number(args.number))
    records.refuse_if_signed(desk, args.number)  # before asking for the certificate
    signer = records.load_signer(desk, args.pkcs12, args.passphrase_env)
    say(records.sign_record(desk, args.number, signer, args.output))
    return 0


def _verify(desk: Desk, args: argparse.Namespace) -> int:
    verdict = records.verify_file(desk, args.file)
    lines = verdict.lines()
    print("\n".join(lines[:-1]))
    print(lines[-1], file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1


def _attach_scan(desk: Desk, args: argparse.Namespace) -> int:
    decisions.decision(desk, decisions.checked_number(args.number))
    say(records.attach_scan(desk, args.number, args.file, args.signed_on_paper))
    return 0
