"""Records of Decision as documents and as evidence: render the (Proposed) Record of
Decision and the report cover, sign the record (PAdES), verify a signed file, keep the
scan of a record signed on paper, and attach EqIA and DPIA documents.

Signing is one unit of work: take the decision if it is not taken yet (every lifecycle
rule applies), render the record with its visible signature block, sign it, keep the
signed file and its SHA-256 (and the audit row), write the file: a failure anywhere,
or Cancel, leaves the decision as it was and no file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from governance import audit, text
from governance.audit import ASSESSMENT_DOCUMENT, KIND_WORDS, RECORD_DOCUMENT
from governance.decisions import checked_number, decision, transition
from governance.desk import Desk, Done, decisions_changed, documents_changed
from governance.errors import Cancelled, UserError
from governance.files import atomic_write
from governance.model import (
    ASSESSMENTS,
    KEPT_KINDS,
    AgendaItem,
    AssessmentDocument,
    Decision,
    KeptDocument,
    holder_of,
)
from governance.ports import CoverContext, SignatureCheck, Signer

#: Largest assessment document accepted (an EqIA with appendices is a few MB).
MAX_ASSESSMENT_BYTES = 50 * 1024 * 1024
#: Image files a scan may be, by how they begin.
IMAGES = ((b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"\x89PNG\r\n\x1a\n", "PNG"),
          (b"\xff\xd8\xff", "JPEG"))
#: How a scan's file begins: PDF, or one of the image kinds.
SCAN_SIGNATURES = (b"%PDF-", *(start for start, _kind in IMAGES))
FORMATS = ("pdf", "docx")


class DocumentError(UserError):
    """A document that cannot be made, kept or handed out: says why."""


class SigningError(UserError):
    pass


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _on(recorded_at: str) -> str:
    """``23 November 2026``: the day a file was kept, as the papers write dates."""
    return long_date(dt.date.fromisoformat(recorded_at[:10]))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --- rendering ------------------------------------------------------------------------------


def _decision_for(desk: Desk, number: str | None) -> Decision:
    if not number:
        raise DocumentError("choose a decision first")
    return decision(desk, checked_number(number))


def _item_for(items: list[AgendaItem], number: str) -> AgendaItem | None:
    for item in items:
        if item.decision == number:
            return item
        found = _item_for(item.items, number)
        if found is not None:
            return found
    return None


def cover_context(desk: Desk, number: str) -> CoverContext:
    """The posts, the agenda items that are the decision's report, and each item itself
    (papers without their bytes): what the cover needs besides the decision."""
    appearances = desk.store.agenda_appearances(number)
    items: dict[tuple[str, dt.date], AgendaItem] = {}
    for a in appearances:
        record = desk.store.meeting(a.committee, a.date, content=False)
        item = _item_for(record.meeting.items, number) if record else None
        if item is not None:
            items[(a.committee, a.date)] = item
    return CoverContext(desk.store.posts(), appearances, items)


def post_holder(desk: Desk, d: Decision) -> str | None:
    """Who holds the post that takes decision ``d``, if the register knows."""
    return holder_of(desk.store.posts(), d.decision_maker)


def render(desk: Desk, kind: str, number: str | None, fmt: str, public: bool = False,
           proceed: Callable[[], bool] | None = None) -> bytes:
    """The Record of Decision (``kind`` "record") or the report cover ("cover") of
    decision ``number`` as PDF or Word bytes. ``public`` gives the published version (an
    exempt decision's text withheld). ``proceed()`` is asked as it is laid out: False
    (the clerk cancelled) stops it with :class:`~governance.errors.Cancelled`."""
    if fmt not in FORMATS:
        raise DocumentError(f"unknown format {fmt!r}: pdf or docx")
    if kind not in ("record", "cover"):
        raise DocumentError(f"unknown document {kind!r}: record or cover")
    d = _decision_for(desk, number)
    council = desk.store.council()
    # Text kept before the register refused what no document can hold: named, not a
    # renderer's own message.
    text.check_object(f"decision {d.number}", d)
    if kind == "record":
        return desk.documents.record(d, council, fmt, public=public,
                                     holder=post_holder(desk, d), proceed=proceed)
    context = cover_context(desk, d.number)
    text.check_object(f"the cover of {d.number}", context)
    return desk.documents.cover(d, context, council, fmt, public=public, proceed=proceed)


def write(desk: Desk, kind: str, number: str, fmt: str, output: Path,
          public: bool = False) -> Done[Path]:
    """``render record|cover``: the document written atomically to ``output``."""
    data = render(desk, kind, number, fmt, public)
    return write_rendered(desk, kind, number, fmt, output, data, public)


def write_rendered(desk: Desk, kind: str, number: str, fmt: str, output: Path, data: bytes,
                   public: bool = False) -> Done[Path]:
    """A Record of Decision or cover already rendered (:func:`render`: the Documents
    screen's preview) written atomically to ``output``, with what :func:`write` says."""
    d = decision(desk, number)
    notes = []
    suffix = Path(output).suffix.lower()
    if suffix and suffix != f".{fmt}":
        notes.append(f"{output} ends in {suffix} but holds {fmt.upper()}")
    atomic_write(Path(output), data)
    if kind == "record":
        what = "Record of Decision" if d.is_taken else "Proposed Record of Decision"
    else:
        what = "report cover sheet"
    if public:
        what = f"public {what}"
        if d.exempt_paragraph:
            notes.append(f"{number} is exempt (paragraph {d.exempt_paragraph} of Part 1 of"
                         " Schedule 12A): its text is withheld in this version")
    return Done(f"Wrote the {what} of {number} ({fmt.upper()}) to {output}.",
                value=Path(output), notes=tuple(notes))


# --- kept files -------------------------------------------------------------------------------


def _already_kept(what: str, number: str, digest: str, words: str, name: str | None,
                  recorded_at: str, recorded_by: str) -> str:
    """Why a file is refused: a kept file of ``number`` has the same SHA-256."""
    named = f" ({name})" if name else ""
    return (f"{what} is already kept for {number}: its {words}{named}, kept"
            f" {_on(recorded_at)} by {recorded_by}, has the same SHA-256"
            f" ({digest[:16]}…); the same file is not kept twice")


def keep_document(desk: Desk, number: str, kind: str, data: bytes, *,
                  file_name: str | None = None, signer: str | None = None,
                  signed_at: dt.datetime | None = None) -> KeptDocument:
    """Keep ``data`` for decision ``number`` with its hash, and audit it. Joins the
    caller's unit of work when there is one (signing: take, sign, keep, all or nothing).
    A file already kept for ``number`` (the same SHA-256) is refused."""
    if kind not in KEPT_KINDS:
        raise DocumentError(f"unknown kind of kept file {kind!r}: one of"
                            f" {', '.join(KEPT_KINDS)}")
    digest = sha256_hex(data)
    store = desk.store
    with store.transaction():
        same = store.kept_documents(number, digest)
        if same:
            s = same[0]
            raise DocumentError(_already_kept(file_name or "this file", number, digest,
                                              KIND_WORDS[s.kind], s.file_name, s.recorded_at,
                                              s.recorded_by))
        doc = KeptDocument(0, number, kind, digest, len(data), file_name, signer,
                           signed_at.isoformat(timespec="seconds") if signed_at else None,
                           _now(), desk.user)
        new_id = store.keep_document(doc, data)
        audit.record(store, RECORD_DOCUMENT, number,
                     "sign" if kind == "signed_record" else "attach_scan", None,
                     {"document": kind, "sha256": digest, "size": len(data),
                      "file_name": file_name, "signer": signer, "signed_at": doc.signed_at},
                     desk.user)
    return dataclasses.replace(doc, id=new_id)


def documents_for(desk: Desk, number: str) -> list[KeptDocument]:
    """The files kept for decision ``number``, oldest first."""
    return desk.store.kept_documents(number)


def documents_with_hash(desk: Desk, digest: str) -> list[KeptDocument]:
    return desk.store.kept_documents(sha256=digest)


def _checked(content: bytes | None, sha256: str, what: str) -> bytes:
    """``content`` if it still has the SHA-256 it was kept with; never hand out a file
    altered in the database behind the app's back."""
    if content is None:
        raise DocumentError(f"the {what} is recorded by its hash only: no copy is kept")
    if hashlib.sha256(content).hexdigest() != sha256:
        raise DocumentError(f"the kept copy of the {what} no longer matches the SHA-256 it"
                            f" was kept with ({sha256[:16]}…): it was altered outside the app."
                            " Run `audit verify`, and restore the register from a backup")
    return content


def document_content(desk: Desk, document_id: int) -> bytes:
    found = desk.store.kept_document(document_id)
    if found is None:
        raise DocumentError(f"no kept document {document_id}")
    doc, content = found
    return _checked(content, doc.sha256, f"{KIND_WORDS[doc.kind]} of {doc.decision_number}")


def save_copy(desk: Desk, document_id: int, output: Path) -> Done[Path]:
    """A copy of a kept file (a signed record, a scan) written atomically to ``output``;
    refused, with the reason, when the kept copy no longer matches its SHA-256."""
    found = desk.store.kept_document(document_id)
    if found is None:
        raise DocumentError(f"no kept document {document_id}")
    doc, content = found
    atomic_write(Path(output), _checked(content, doc.sha256,
                                        f"{KIND_WORDS[doc.kind]} of {doc.decision_number}"))
    return Done(f"Saved a copy of the {doc.label} to {output}.", value=Path(output))


def _read(path: Path, limit: int | None = None, what: str = "file") -> bytes:
    try:
        size = path.stat().st_size
        if limit is not None and size > limit:
            raise DocumentError(f"{path}: {size // (1024 * 1024)} MB is larger than the"
                                f" {limit // (1024 * 1024)} MB an {what} document may be")
        data = path.read_bytes()
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a document") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data:
        raise DocumentError(f"{path}: the file is empty")
    return data


def _not_taken_for_scan(number: str) -> str:
    return (f"{number} has not been taken: record it as taken (Take (sign) in the window)"
            " before attaching the paper-signed record")


def scan_refusal(desk: Desk, number: str) -> str | None:
    """Why no scan of a paper-signed record can be attached to ``number`` now (the rule
    :func:`attach_scan` refuses by), or None: the decision has not been taken."""
    return None if decision(desk, number).is_taken else _not_taken_for_scan(number)


def attach_scan(desk: Desk, number: str, path: Path,
                signed_on_paper: bool = False) -> Done[KeptDocument]:
    """Keep the scan of a record signed on paper, with its SHA-256. ``signed_on_paper``:
    the decision maker signed it in person today, and the decision not yet taken is taken
    (every rule applies) in the same unit of work, signed by the post's holder."""
    checked_number(number)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data:
        raise SigningError(f"{path}: the file is empty")
    if not data.startswith(SCAN_SIGNATURES):
        raise SigningError(f"{path}: is not a scan (a PDF, TIFF, PNG or JPEG file)")
    took = ""
    with desk.store.transaction():
        d = decision(desk, number)
        if not d.is_taken and signed_on_paper:
            person = decision_maker_signer(desk, d).person
            d = transition(desk, number, "take", on=desk.today(),
                           signed_by=person or d.decision_maker).value
            took = (f"Took {number} on {long_date(desk.today())}, signed on paper by"
                    f" {d.signed_by}. ")
        if not d.is_taken:
            raise SigningError(_not_taken_for_scan(number))
        kept = keep_document(desk, number, "scan", data, file_name=Path(path).name,
                             signer=d.signed_by)
    return Done(f"{took}Attached {path} to {number} as the scan of its paper-signed Record of"
                f" Decision; SHA-256 {kept.sha256} is kept in the register and the audit"
                " trail.", documents_changed(number) | decisions_changed(number), kept)


def attach_assessment_document(desk: Desk, number: str, assessment: str,
                               path: Path) -> Done[AssessmentDocument]:
    """Keep the file at ``path`` as decision ``number``'s EqIA or DPIA document, with its
    hash, in one audited transaction. A newer version is attached beside the older; the
    same file (the same SHA-256) as one already attached to that assessment is refused."""
    if assessment not in ASSESSMENTS:
        raise DocumentError(f"{assessment!r} is not an assessment: one of"
                            f" {', '.join(ASSESSMENTS)}")
    path = Path(path)
    data = _read(path, MAX_ASSESSMENT_BYTES, assessment.upper())
    digest = sha256_hex(data)
    store = desk.store
    with store.transaction():
        if store.decision(number) is None:
            raise DocumentError(f"no decision {number} in the register")
        same = [d for d in store.assessment_documents(number)
                if d.assessment == assessment and d.sha256 == digest]
        if same:
            s = same[0]
            raise DocumentError(_already_kept(str(path), number, digest,
                                              KIND_WORDS[assessment], s.file_name,
                                              s.recorded_at, s.recorded_by))
        doc = AssessmentDocument(0, number, assessment, path.name, digest, len(data), _now(),
                                 desk.user)
        new_id = store.add_assessment_document(doc, data)
        audit.record(store, ASSESSMENT_DOCUMENT, number, f"attach_{assessment}", None,
                     {"document": assessment, "file_name": path.name, "sha256": digest,
                      "size": len(data)}, desk.user)
    kept = dataclasses.replace(doc, id=new_id)
    return Done(f"Attached {path.name} to {number} as its {KIND_WORDS[assessment]}.",
                documents_changed(number), kept)


def assessment_documents_for(desk: Desk, number: str) -> list[AssessmentDocument]:
    """Decision ``number``'s EqIA and DPIA documents, oldest first."""
    return desk.store.assessment_documents(number)


def save_assessment_copy(desk: Desk, document_id: int, output: Path) -> Done[Path]:
    """A copy of an attached EqIA or DPIA document written atomically to ``output``."""
    found = desk.store.assessment_document(document_id)
    if found is None:
        raise DocumentError(f"no attached assessment document {document_id}")
    doc, content = found
    atomic_write(Path(output), _checked(
        content, doc.sha256,
        f"{KIND_WORDS[doc.assessment]} {doc.file_name} of {doc.decision_number}"))
    return Done(f"Saved a copy of {doc.file_name}, the {KIND_WORDS[doc.assessment]} of"
                f" {doc.decision_number}, to {output}.", value=Path(output))


def assessment_document_content(desk: Desk, document_id: int) -> bytes:
    found = desk.store.assessment_document(document_id)
    if found is None:
        raise DocumentError(f"no attached assessment document {document_id}")
    doc, content = found
    return _checked(content, doc.sha256,
                    f"{KIND_WORDS[doc.assessment]} {doc.file_name} of {doc.decision_number}")


# --- signing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedRecord:
    number: str
    output: Path
    sha256: str
    signer: str
    signed_at: dt.datetime | None
    took: bool
    taken_on: dt.date | None


def _signatures(desk: Desk):
    if desk.signatures is None:
        raise SigningError("this copy of Decision Desk cannot sign or verify records")
    return desk.signatures


def load_signer(desk: Desk, pkcs12: Path, passphrase_env: str) -> Signer:
    """The signer from a PKCS#12 file whose passphrase is in the environment variable
    ``passphrase_env``; every failure names the file or the variable."""
    if passphrase_env not in os.environ:
        raise SigningError(f"the environment variable {passphrase_env} is not set: put the"
                           f" passphrase of {pkcs12} in it")
    return _signatures(desk).open_signer(pkcs12, os.environ[passphrase_env],
                                         f"the passphrase in {passphrase_env}")


def open_signer(desk: Desk, pkcs12: Path, passphrase: str) -> Signer:
    return _signatures(desk).open_signer(pkcs12, passphrase, "the passphrase given")


def refuse_if_signed(desk: Desk, number: str) -> None:
    """Refuse to sign ``number`` a second time: it already has a kept signed Record of
    Decision, or a scan of one signed on paper (:func:`sign_refusal`)."""
    refusal = sign_refusal(desk, number)
    if refusal is not None:
        raise SigningError(refusal)


def sign_refusal(desk: Desk, number: str) -> str | None:
    """Why ``number``'s record cannot be signed (:func:`sign_record` refuses with it before
    the certificate is used), or None: a signed Record of Decision, or the scan of one
    signed on paper, is kept already, and a record is signed once."""
    kept = desk.store.kept_documents(number)
    if not kept:
        return None
    first = kept[0]
    when = _on(first.recorded_at)
    if first.kind == "signed_record":
        what = f"a signed Record of Decision (kept {when} by {first.recorded_by}" + (
            f", signed by {first.signer})" if first.signer else ")")
    else:
        what = (f"a scan of its paper-signed Record of Decision (attached {when} by"
                f" {first.recorded_by})")
    return (f"{number} already has {what}: it is not signed a second time; verify or save"
            " a copy of the kept file instead")


#: Forms of address a certificate's name or a member's name may carry (Cllr Dan Watkins,
#: Mr D Watkins): not part of whom the name names.
_ADDRESS = re.compile(r"^(?:cllr|councillor|mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|rt hon|"
                      r"the)\s+")


def _person(name: str) -> str:
    """A name as compared: without a form of address, case, dots and spacing."""
    words = " ".join(name.replace(".", " ").replace(",", " ").split()).casefold()
    while (shorter := _ADDRESS.sub("", words)) != words:
        words = shorter
    return words


@dataclass(frozen=True)
class DecisionMakerSigner:
    """Who signs decision ``number``'s record: the holder of the decision maker's post,
    or the member named as the decision maker (None when the register does not say)."""

    decision_maker: str | None
    person: str | None
    #: "post" (``person`` holds it), "member" (the decision maker is a member), or None.
    kind: str | None

    @property
    def words(self) -> str:
        if self.kind == "post":
            return f"{self.person}, who holds the post of {self.decision_maker}"
        if self.kind == "member":
            return f"{self.person}, the member who takes it"
        return f"the decision maker ({self.decision_maker or 'none recorded'})"


def decision_maker_signer(desk: Desk, d: Decision) -> DecisionMakerSigner:
    """Who is to sign ``d``'s record: the holder of its decision maker's post, else the
    member it names."""
    maker = (d.decision_maker or "").strip()
    if maker:
        for post in desk.store.posts():
            if post.title.strip().casefold() == maker.casefold() and post.holder:
                return DecisionMakerSigner(maker, post.holder, "post")
        for member in desk.store.members():
            if _person(member.name) == _person(maker):
                return DecisionMakerSigner(maker, member.name, "member")
    return DecisionMakerSigner(maker or None, None, None)


def certificate_refusal(desk: Desk, d: Decision, certificate_name: str) -> str | None:
    """Why a certificate in ``certificate_name``'s name may not sign ``d``'s record, or
    None: it belongs to the decision maker (the post's holder, or the member named). A
    member who signed in person on paper is recorded instead: Take (sign), then attach
    the scan of the paper-signed record."""
    who = decision_maker_signer(desk, d)
    paper = ("; if the decision maker signed the record in person on paper, attach the scan"
             " of it as signed on paper instead (attach-scan NUMBER FILE --signed-on-paper; in"
             " the window, Take (sign) and then Attach scan…)")
    if who.person is None:
        return (f"{d.number} is taken by {who.decision_maker or 'no decision maker'}, and the"
                f" register has no holder of that post nor a member of that name, so the"
                f" certificate ({certificate_name}) cannot be checked against the decision"
                f" maker: record who holds the post (post edit), then sign" + paper)
    if _person(certificate_name) != _person(who.person):
        return (f"the certificate is in the name of {certificate_name}, but {d.number} is"
                f" signed by {who.words}: sign with {who.person}'s certificate" + paper)
    return None


def sign_record(desk: Desk, number: str, signer: Signer, output: Path,
                today: dt.date | None = None,
                proceed: Callable[[], bool] | None = None) -> Done[SignedRecord]:
    """Take (if needed), render, sign, keep and write the Record of Decision of
    ``number``. ``today`` (default: the desk's) is the day a decision not yet taken is
    taken on, and the date the visible signature states. A record is signed once.
    ``proceed()`` is asked just before anything is kept or written: False (the clerk
    cancelled) undoes the taking too."""
    checked_number(number)
    decision(desk, number)
    refuse_if_signed(desk, number)  # before the certificate is used
    signatures = _signatures(desk)
    today = today or desk.today()
    council = desk.store.council()
    with desk.store.transaction():
        d = decision(desk, number)
        refuse_if_signed(desk, number)  # again, in the unit of work that would keep it
        took = False
        if not d.is_taken:
            d = transition(desk, number, "take", on=today, signed_by=signer.name).value
            took = True
            refusal = certificate_refusal(desk, d, signer.name)  # undoes the taking
            if refusal:
                raise SigningError(refusal)
        elif d.signed_by and d.signed_by != signer.name:
            raise SigningError(
                f"{number} was taken and signed by {d.signed_by}: sign with"
                f" {d.signed_by}'s certificate, not {signer.name}'s")
        text.check_object(f"decision {d.number}", d)
        pdf = desk.documents.record(d, council, "pdf", signer=signer.name, signed_on=today,
                                    signature_field=True, holder=post_holder(desk, d),
                                    proceed=proceed)
        heading = desk.documents.record_heading(d, council)
        signed, signed_at = signatures.sign(pdf, signer, reason=f"{heading.title()} {number}",
                                            location=desk.documents.council_name(council))
        if proceed is not None and not proceed():
            raise Cancelled(f"signing {number} was cancelled: nothing was taken, kept or"
                            " written")
        kept = keep_document(desk, number, "signed_record", signed,
                             file_name=Path(output).name, signer=signer.name,
                             signed_at=signed_at)
        atomic_write(Path(output), signed)
    result = SignedRecord(number, Path(output), kept.sha256, signer.name, signed_at, took,
                          d.taken_on)
    lines = []
    if took:
        lines.append(f"Took {number} on {long_date(today)} (every rule for taking it"
                     " holds).")
    lines.append(f"Signed the Record of Decision of {number} as {signer.name} and wrote it"
                 f" to {output}.")
    lines.append(f"SHA-256 {kept.sha256} is kept in the register and the audit trail.")
    return Done("\n".join(lines), decisions_changed(number) | documents_changed(number),
                result)


# --- verifying ----------------------------------------------------------------------------------


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
    matches: list[KeptDocument] = field(default_factory=list)
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
                out.append(f"Register: matches the {m.label} (kept {_on(m.recorded_at)} by"
                           f" {m.recorded_by}" + (f", signed by {m.signer}" if m.signer
                                                  else "") + ")")
        else:
            out.append("Register: no entry in this register has this file's SHA-256")
        out.append(("OK: " if self.ok else "FAILED: ") + self.reason)
        return out


def _not_a_pdf(data: bytes) -> str:
    """Why a file that is not a PDF fails: a signed Record of Decision is always a PDF."""
    if not data:
        return "the file is empty: it is not a PDF, so it is not signed"
    for start, kind in IMAGES:
        if data.startswith(start):
            return (f"the file is not a PDF but a {kind} image, so it is not signed; nor is"
                    " it a scan kept in this register (no scan has its SHA-256)")
    return ("the file is not a PDF, so it is not signed (a signed Record of Decision is a"
            " PDF file)")


def verify_file(desk: Desk, path: Path) -> Verdict:
    """Check the signature of the file at ``path`` and find it in the register."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: cannot be read ({exc.strerror})") from None
    digest = sha256_hex(data)
    matches = desk.store.kept_documents(sha256=digest)
    verdict = Verdict(Path(path), digest, False, "", matches=matches)
    scans = [m for m in matches if m.kind == "scan"]
    is_pdf = data.startswith(b"%PDF") or b"%PDF-" in data[:1024]
    check = _signatures(desk).check(data) if is_pdf else SignatureCheck()
    if check.unreadable and not scans:
        verdict.reason = check.reason
        return verdict
    verdict.signatures = 0 if check.unreadable else check.signatures
    if not verdict.signatures:
        if scans:
            verdict.ok = True
            verdict.reason = (f"no digital signature: this is the scan of the paper-signed"
                              f" Record of Decision of {scans[0].decision_number}, attached"
                              f" {_on(scans[0].recorded_at)}; its SHA-256 matches")
        elif is_pdf:
            verdict.reason = "the file is not signed: it has no digital signature"
        else:
            verdict.reason = _not_a_pdf(data)
        return verdict
    for name in ("ok", "reason", "signer", "signer_dn", "signing_time", "trusted",
                 "trust_note"):
        setattr(verdict, name, getattr(check, name))
    return verdict


def verify(desk: Desk, path: Path) -> Done[Verdict]:
    verdict = verify_file(desk, path)
    return Done("\n".join(verdict.lines()), value=verdict)
