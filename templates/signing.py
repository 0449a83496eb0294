"""Signing a Record of Decision (PAdES, pyHanko) and checking a signed file's signature:
the :class:`governance.ports.Signatures` the core signs and verifies through.

Whether a decision may be signed, what is kept and what the clerk is told are the
core's (``governance.records``); this opens the PKCS#12 file, fills the record's
visible signature field and says what a file's signature holds.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509
from cryptography.hazmat.primitives.serialization import pkcs12 as p12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import NoOpStampStyle
from pyhanko_certvalidator import ValidationContext

from governance.ports import SignatureCheck
from governance.records import SigningError
from templates.record_pdf import SIGNATURE_FIELD
from templates.style import long_date, user_config_dir

log = logging.getLogger(__name__)

#: pyHanko logs a trust failure (e.g. a self-signed certificate) as a warning with a
#: traceback; the verdict says it in one line instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def _cn(subject: Any) -> str:
    native = subject.native
    return native.get("common_name") or subject.human_friendly


@dataclass(frozen=True)
class Pkcs12Signer:
    """A key and certificate from a PKCS#12 file; ``name`` is the certificate's common
    name, as the record's signature block prints it."""

    name: str
    signer: Any


def _byte_ranges(signature: Any) -> list[tuple[int, int]]:
    ranges = list(signature.sig_object["/ByteRange"])
    return [(int(ranges[i]), int(ranges[i + 1])) for i in range(0, len(ranges), 2)]


class PadesSignatures:
    """PAdES signatures with pyHanko. ``config_dir`` holds ``trust/``: the certificates
    the council trusts (its own signing CA), in PEM or DER."""

    def __init__(self, config_dir: Path | None = None):
        self.config_dir = config_dir

    def trust_folder(self) -> Path:
        return (self.config_dir if self.config_dir is not None else user_config_dir()) \
            / "trust"

    def open_signer(self, pkcs12: Path, passphrase: str,
                    source: str = "the passphrase given") -> Pkcs12Signer:
        """The signer from a PKCS#12 file and its passphrase (``source`` says where the
        passphrase came from, for the message when it does not open the file)."""
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
            raise SigningError(f"{pkcs12}: holds no private key and certificate to sign"
                               " with")
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
        return Pkcs12Signer(_cn(signer.signing_cert.subject), signer)

    def sign(self, pdf: bytes, signer: Pkcs12Signer, reason: str,
             location: str) -> tuple[bytes, dt.datetime | None]:
        """Fill the record's (existing, visible) signature field: a PAdES baseline
        signature over the whole file, SHA-256."""
        meta = signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD, md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES, reason=reason, location=location)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        out = io.BytesIO()
        # The appearance is the record's own signature block; keep it as rendered.
        signers.PdfSigner(meta, signer=signer.signer, stamp_style=NoOpStampStyle()).sign_pdf(
            writer, output=out)
        signed = out.getvalue()
        embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
        return signed, (embedded[0].self_reported_timestamp if embedded else None)

    def _trust_roots(self) -> list[Any]:
        """The certificates the council trusts: ``<config>/trust/*.pem|crt|cer``."""
        folder = self.trust_folder()
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

    def check(self, data: bytes) -> SignatureCheck:
        """What the file's last signature says: intact, covering the whole file, who,
        when, and whether the certificate chains to a root in the trust folder."""
        out = SignatureCheck()
        try:
            signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
        except (PdfReadError, ValueError, KeyError, IndexError) as exc:
            return SignatureCheck(reason=f"the file cannot be read as a PDF ({exc})",
                                  unreadable=True)
        out.signatures = len(signatures)
        if not signatures:
            return out
        # Trusted means: chains to a certificate the council has put in its trust folder
        # (its own signing CA). The system's web (TLS) roots are no list of document
        # signers.
        context = ValidationContext(trust_roots=self._trust_roots(), allow_fetching=False)
        last = signatures[-1]
        try:
            status = validate_pdf_signature(last, context)
        except (SignatureValidationError, ValueError, KeyError) as exc:
            out.reason = f"the signature cannot be checked ({exc})"
            return out
        cert = status.signing_cert
        out.signer = _cn(cert.subject)
        out.signer_dn = cert.subject.human_friendly
        out.signing_time = status.signer_reported_dt
        out.trusted = bool(status.trusted)
        if not status.trusted:
            self_signed = cert.self_signed != "no"
            out.trust_note = ("self-signed certificate" if self_signed else
                              "the issuer is not among the trusted certificates")
            out.trust_note += ("; to trust it, put the council's root certificate in"
                               f" {self.trust_folder()}")
        if not status.intact:
            out.reason = ("tampered: the signed content has changed since it was signed"
                          " (its digest does not match the signature)")
        elif not status.valid:
            out.reason = "the signature does not match the signer's certificate"
        elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            signed_len = sum(length for _, length in _byte_ranges(last))
            out.reason = (f"partly signed: the signature covers {signed_len} of"
                          f" {len(data)} bytes; something was added after signing")
        else:
            earlier = len(signatures) - 1
            out.ok = True
            out.reason = ("the signature is intact and covers the whole file"
                          + (f" ({earlier} earlier signature(s) also present)"
                             if earlier else ""))
        return out
