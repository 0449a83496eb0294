"""Signing a Record of Decision (PAdES, pyHanko) and verifying a signed one.

:func:`sign_record` takes the decision if it is not taken yet (every lifecycle rule
applies), renders the Record of Decision with its visible signature block, signs the
whole file with the signer's PKCS#12 key, keeps the signed file and its SHA-256 in the
register (and the audit trail) and writes it atomically: all of that in one
transaction, so a failure anywhere leaves the decision as it was and no file.

:func:`verify_file` checks a file's signature (intact, covering the whole file, who,
when, whether the certificate chains to a root in the council's trust folder) and finds
the register entry with the same SHA-256; a scan of a paper-signed record has no digital
signature and is matched by its hash alone.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import documents
from db.files import atomic_write
from db.store import write_transaction
from governance.errors import UserError
from templates.style import long_date

log = logging.getLogger(__name__)

#: pyHanko logs a trust failure (e.g. a self-signed certificate) as a warning with a
#: traceback; the verdict says it in one line instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class SigningError(UserError):
    pass


@dataclass(frozen=True)
class SignedRecord:
    number: str
    output: Path
    sha256: str
    signer: str
    signed_at: dt.datetime | None
    took: bool
    taken_on: dt.date | None


def _cn(subject: Any) -> str:
    native = subject.native
    return native.get("common_name") or subject.human_friendly


def load_signer(pkcs12: Path, passphrase_env: str) -> Any:
    """The signer from a PKCS#12 file whose passphrase is in the environment variable
    ``passphrase_env``; every failure names the file or the variable."""
    if passphrase_env not in os.environ:
        raise SigningError(f"the environment variable {passphrase_env} is not set: put the"
                           f" passphrase of {pkcs12} in it")
    return open_signer(pkcs12, os.environ[passphrase_env],
                       f"the passphrase in {passphrase_env}")


def open_signer(pkcs12: Path, passphrase: str, source: str = "the passphrase given") -> Any:
    """The signer from a PKCS#12 file and its passphrase (``source`` says where the
    passphrase came from, for the message when it does not open the file)."""
    from cryptography.hazmat.primitives.serialization import pkcs12 as p12
    from pyhanko.sign import signers

    secret = passphrase.encode("utf-8")
    try:
        data = Path(pkcs12).read_bytes()
    except OSError as exc:
        raise SigningError(f"{pkcs12}: cannot be read ({exc.strerror})") from None
    try:
        key, cert, _ = p12.load_key_and_certificates(data, secret or None)
    except ValueError:
        raise SigningError(f"{pkcs12}: cannot be opened with {source} (wrong passphrase,"
                           " or not a PKCS#12 file)") from None
    if key is None or cert is None:
        raise SigningError(f"{pkcs12}: holds no private key and certificate to sign with")
    now = dt.datetime.now(dt.UTC)
    if cert.not_valid_after_utc < now:
        raise SigningError(f"{pkcs12}: the certificate expired on"
                           f" {long_date(cert.not_valid_after_utc.date())}")
    if cert.not_valid_before_utc > now:
        raise SigningError(f"{pkcs12}: the certificate is valid only from"
                           f" {long_date(cert.not_valid_before_utc.date())}")
    signer = signers.SimpleSigner.load_pkcs12(str(pkcs12), passphrase=secret or None)
    if signer is None:
        raise SigningError(f"{pkcs12}: cannot be used to sign")
    return signer


def sign_pdf(pdf: bytes, signer: Any, field_name: str, reason: str, location: str) -> bytes:
    """Fill the (existing, visible) signature field ``field_name`` of ``pdf``: a PAdES
    baseline signature over the whole file, SHA-256."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.stamp import NoOpStampStyle

    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
        reason=reason, location=location)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    # The appearance is the record's own signature block; keep it as rendered.
    signers.PdfSigner(meta, signer=signer, stamp_style=NoOpStampStyle()).sign_pdf(
        writer, output=out)
    return out.getvalue()


def _refuse_if_signed(register: Any, number: str) -> None:
    """Refuse to sign ``number`` a second time: it already has a kept signed Record of
    Decision, or a scan of one signed on paper."""
    kept = documents.documents_for(register, number)
    if not kept:
        return
    first = kept[0]
    when = long_date(dt.date.fromisoformat(first.recorded_at[:10]))
    if first.kind == "signed_record":
        what = f"a signed Record of Decision (kept {when} by {first.recorded_by}" + (
            f", signed by {first.signer})" if first.signer else ")")
    else:
        what = (f"a scan of its paper-signed Record of Decision (attached {when} by"
                f" {first.recorded_by})")
    raise SigningError(f"{number} already has {what}: it is not signed a second time;"
                       " verify or save a copy of the kept file instead")


def sign_record(
    register: Any, number: str, pkcs12: Path | None, passphrase_env: str | None,
    output: Path, today: dt.date | None = None, style: dict[str, Any] | None = None,
    signer: Any = None, proceed: Any = None,
) -> SignedRecord:
    """Take (if needed), render, sign, keep and write the Record of Decision of ``number``,
    signing with ``signer`` (see ``open_signer``) or the PKCS#12 file and the passphrase
    in the environment variable ``passphrase_env``. ``today`` (default: the computer's
    date) is the day a decision not yet taken is taken on, and the date the visible
    signature states. A decision that already has a kept signed record, or a scan of its
    paper-signed one, is refused: a record is signed once. ``proceed()`` is asked just
    before anything is kept or written: False (the clerk cancelled) undoes the taking
    too."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from templates.record import record_of_decision
    from templates.record_pdf import SIGNATURE_FIELD, record_pdf
    from templates.style import house_style_for

    _refuse_if_signed(register, number)  # before asking for the certificate
    if signer is None:
        if pkcs12 is None or passphrase_env is None:
            raise ValueError("a signer, or a PKCS#12 file and passphrase variable, is needed")
        signer = load_signer(pkcs12, passphrase_env)
    name = _cn(signer.signing_cert.subject)
    style = style or house_style_for(register)
    today = today or dt.date.today()
    with write_transaction(register.db):
        decision = register.decision(number)
        _refuse_if_signed(register, number)  # again, in the transaction that would keep it
        took = False
        if not decision.is_taken:
            decision = register.transition(number, "take", on=today, signed_by=name)
            took = True
        elif decision.signed_by and decision.signed_by != name:
            raise SigningError(
                f"{number} was taken and signed by {decision.signed_by}: sign with"
                f" {decision.signed_by}'s certificate, not {name}'s")
        record = record_of_decision(decision, style, signer=name, signed_on=today)
        pdf = record_pdf(record, with_signature_field=True)
        signed = sign_pdf(pdf, signer, SIGNATURE_FIELD,
                          reason=f"{record.heading.title()} {number}",
                          location=style["council_name"])
        if proceed is not None and not proceed():
            raise SigningError(f"signing {number} was cancelled: nothing was taken, kept or"
                               " written")
        embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
        signed_at = embedded[0].self_reported_timestamp if embedded else None
        kept = documents.keep_document(register, number, "signed_record", signed,
                                       file_name=Path(output).name, signer=name,
                                       signed_at=signed_at)
        atomic_write(Path(output), signed)
    return SignedRecord(number, Path(output), kept.sha256, name, signed_at, took,
                        decision.taken_on)


# --- verifying -----------------------------------------------------------------------------


@dataclass
class Verdict:
    """What :func:`verify_file` found. ``ok`` decides the exit code."""

    path: Path
    sha256: str
    ok: bool
    reason: str
    signer: str | None = None
    signer_dn: str | None = None
    signing_time: dt.datetime | None = None
    trusted: bool | None = None
    trust_note: str | None = None
    matches: list[documents.KeptDocument] = field(default_factory=list)
    signatures: int = 0

    def lines(self) -> list[str]:
        out = [f"File: {self.path}", f"SHA-256: {self.sha256}"]
        if self.signatures:
            out.append(f"Signed by: {self.signer}" + (f" ({self.signer_dn})"
                                                       if self.signer_dn else ""))
            if self.signing_time:
                when = self.signing_time.astimezone(dt.UTC)
                out.append(f"Signing time: {when:%A}, {when.day} {when:%B %Y} at"
                           f" {when:%H:%M:%S} UTC (as stated by the signer)")
            trust = "yes" if self.trusted else "no"
            out.append(f"Certificate trusted: {trust}"
                       + (f" ({self.trust_note})" if self.trust_note else ""))
        if self.matches:
            for m in self.matches:
                when = long_date(dt.date.fromisoformat(m.recorded_at[:10]))
                out.append(f"Register: matches the {m.label} (kept {when} by"
                           f" {m.recorded_by}" + (f", signed by {m.signer}" if m.signer
                                                  else "") + ")")
        else:
            out.append("Register: no entry in this register has this file's SHA-256")
        out.append(("OK: " if self.ok else "FAILED: ") + self.reason)
        return out


def trust_folder(config_dir: Path | None = None) -> Path:
    from templates.style import user_config_dir

    return (config_dir if config_dir is not None else user_config_dir()) / "trust"


def _trust_roots(config_dir: Path | None) -> list[Any]:
    """The certificates the council trusts: ``<config>/trust/*.pem|crt|cer``."""
    from asn1crypto import pem, x509

    folder = trust_folder(config_dir)
    roots = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".pem", ".crt", ".cer"):
                continue
            data = path.read_bytes()
            try:
                if pem.detect(data):
                    roots += [x509.Certificate.load(der) for _, _, der in pem.unarmor(
                        data, multiple=True)]
                else:
                    roots.append(x509.Certificate.load(data))
            except ValueError:
                log.warning("%s: not a certificate; ignored", path)
    return roots


def verify_file(register: Any, path: Path, config_dir: Path | None = None) -> Verdict:
    """Check the signature of the file at ``path`` and find it in the register."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: cannot be read ({exc.strerror})") from None
    digest = documents.sha256_hex(data)
    matches = documents.documents_with_hash(register, digest)
    verdict = Verdict(Path(path), digest, False, "", matches=matches)
    scans = [m for m in matches if m.kind == "scan"]
    is_pdf = data.startswith(b"%PDF") or b"%PDF-" in data[:1024]
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures \
            if is_pdf else []
    except (PdfReadError, ValueError, KeyError, IndexError) as exc:
        if scans:
            signatures = []
        else:
            verdict.reason = f"the file cannot be read as a PDF ({exc})"
            return verdict
    verdict.signatures = len(signatures)
    if not signatures:
        if scans:
            verdict.ok = True
            verdict.reason = (f"no digital signature: this is the scan of the paper-signed"
                              f" Record of Decision of {scans[0].decision_number}, attached"
                              f" {long_date(dt.date.fromisoformat(scans[0].recorded_at[:10]))};"
                              " its SHA-256 matches")
        elif is_pdf:
            verdict.reason = "the file is not signed: it has no digital signature"
        else:
            verdict.reason = _not_a_pdf(data)
        return verdict
    # Trusted means: chains to a certificate the council has put in its trust folder
    # (its own signing CA). The system's web (TLS) roots are no list of document signers.
    context = ValidationContext(trust_roots=_trust_roots(config_dir), allow_fetching=False)
    last = signatures[-1]
    try:
        status = validate_pdf_signature(last, context)
    except (SignatureValidationError, ValueError, KeyError) as exc:
        verdict.reason = f"the signature cannot be checked ({exc})"
        return verdict
    cert = status.signing_cert
    verdict.signer = _cn(cert.subject)
    verdict.signer_dn = cert.subject.human_friendly
    verdict.signing_time = status.signer_reported_dt
    verdict.trusted = bool(status.trusted)
    if not status.trusted:
        self_signed = cert.self_signed != "no"
        verdict.trust_note = ("self-signed certificate" if self_signed else
                              "the issuer is not among the trusted certificates")
        verdict.trust_note += ("; to trust it, put the council's root certificate in"
                               f" {trust_folder(config_dir)}")
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        verdict.reason = ("tampered: the signed content has changed since it was signed"
                          " (its digest does not match the signature)")
    elif not status.valid:
        verdict.reason = "the signature does not match the signer's certificate"
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        signed_len = sum(length for _, length in _byte_ranges(last))
        verdict.reason = (f"partly signed: the signature covers {signed_len} of"
                          f" {len(data)} bytes; something was added after signing")
    else:
        earlier = [s for s in signatures[:-1]]
        verdict.ok = True
        verdict.reason = ("the signature is intact and covers the whole file"
                          + (f" ({len(earlier)} earlier signature(s) also present)"
                             if earlier else ""))
    return verdict


#: Image files a scan may be, by how they begin.
_IMAGES = ((b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"\x89PNG\r\n\x1a\n", "PNG"),
           (b"\xff\xd8\xff", "JPEG"))


def _not_a_pdf(data: bytes) -> str:
    """Why a file that is not a PDF fails: a signed Record of Decision is always a PDF."""
    if not data:
        return "the file is empty: it is not a PDF, so it is not signed"
    for start, kind in _IMAGES:
        if data.startswith(start):
            return (f"the file is not a PDF but a {kind} image, so it is not signed; nor is"
                    " it a scan kept in this register (no scan has its SHA-256)")
    return ("the file is not a PDF, so it is not signed (a signed Record of Decision is a"
            " PDF file)")


def _byte_ranges(signature: Any) -> list[tuple[int, int]]:
    ranges = list(signature.sig_object["/ByteRange"])
    return [(int(ranges[i]), int(ranges[i + 1])) for i in range(0, len(ranges), 2)]


#: How a scan's file begins: PDF, or one of the image kinds.
SCAN_SIGNATURES = (b"%PDF-", *(start for start, _kind in _IMAGES))


def attach_scan(register: Any, number: str, path: Path) -> documents.KeptDocument:
    """Keep the scan of a record signed on paper, with its SHA-256."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data:
        raise SigningError(f"{path}: the file is empty")
    if not data.startswith(SCAN_SIGNATURES):
        raise SigningError(f"{path}: is not a scan (a PDF, TIFF, PNG or JPEG file)")
    with write_transaction(register.db):
        decision = register.decision(number)
        if not decision.is_taken:
            raise SigningError(
                f"{number} has not been taken: record it as taken (Take (sign) in the"
                " window) before attaching the paper-signed record")
        return documents.keep_document(register, number, "scan", data,
                                       file_name=Path(path).name, signer=decision.signed_by)
