"""The interchange format (shared/interchange.md), strictly.

``read_document`` turns a JSON file into a :class:`RegisterDocument` or raises
:class:`InterchangeError` with one line naming the value and its path, e.g.
``decisions[1].eqia.status: 'done' is not one of not_started, screening, ...``.
``to_dict`` is the canonical export: every key, always in the same order, so an
export imported into an empty register exports to the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from governance import text
from governance.errors import UserError
from governance.model import (
    AgendaItem,
    Assessment,
    Committee,
    CommitteeConsideration,
    Council,
    Decision,
    DecisionPart,
    Delegation,
    Meeting,
    Member,
    Membership,
    Paper,
    PathwayStep,
    Post,
    RecordedMembership,
    RegisterDocument,
    exempt_by_decision,
)
from governance.notice import PRIVATE_KINDS, NoticePublication
from governance.papers import PaperError, PaperInfo
from governance.plan import ExpectedDateError, PlanPublication, expected_period
from governance.programme import ProgrammeLists, RegularItem, Suggestion
from governance.vocab import FORMAT

MAX_FILE_BYTES = 200 * 1024 * 1024


class InterchangeError(UserError):
    """A document the register refuses. ``path`` is where in the document (or the file)."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass
class KnownNames:
    """What the register already holds, for references and duplicates."""

    posts: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)
    committees: set[str] = field(default_factory=set)
    decisions: set[str] = field(default_factory=set)
    meetings: set[tuple[str, str]] = field(default_factory=set)


# --- reading ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    text = resources.files("governance").joinpath("interchange.schema.json").read_text("utf-8")
    schema = json.loads(text)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _path_of(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        elif _PLAIN_KEY.fullmatch(str(p)):
            out += f".{p}" if out else str(p)
        else:  # a key of the file's own ("Liberal Democrat", "a.b: c"): quoted, escaped
            out += f"[{json.dumps(p)}]"
    return out or "(document)"


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else json.dumps(value)[:60]
    return text if len(text) <= 80 else text[:77] + "..."


def _schema_message(error: ValidationError) -> tuple[str, str]:
    path = list(error.absolute_path)
    v, value = error.validator, error.instance
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        key = extra[0] if extra else "?"
        return _path_of([*path, key]), f"unknown key {key!r} (allowed: {', '.join(allowed)})"
    if v == "required":
        missing = [k for k in error.validator_value if k not in value]
        return _path_of([*path, missing[0] if missing else "?"]), "is required but missing"
    if v == "enum":
        choices = ", ".join("null" if c is None else str(c) for c in error.validator_value)
        return _path_of(path), f"{_show(value)} is not one of {choices}"
    if v == "const":
        return _path_of(path), f"{_show(value)} is not {error.validator_value!r}"
    if v == "format":
        return _path_of(path), f"{_show(value)} is not a real date (YYYY-MM-DD)"
    if v == "pattern":
        last = path[-1] if path else ""
        what = {
            "number": "a decision number (YY/NNNNN, e.g. 23/00098 or 17/00030b)",
            "decision": "a decision number (YY/NNNNN, e.g. 23/00098 or 17/00030b)",
            "time": "a time (HH:MM, 24-hour)",
            "verb": "an upper-case verb (e.g. APPROVE)",
            "date": "a date (YYYY-MM-DD)",
        }.get(str(last), f"of the form {error.validator_value}")
        return _path_of(path), f"{_show(value)} is not {what}"
    if v == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        return _path_of(path), f"{_show(value)} should be {want}"
    if v == "minLength":
        return _path_of(path), "must not be empty"
    if v in ("minimum", "maximum"):
        return _path_of(path), f"{_show(value)} is out of range ({v} {error.validator_value})"
    if v == "uniqueItems":
        return _path_of(path), f"{_show(value)} repeats a value"
    if v == "anyOf":
        return _path_of(path), f"{_show(value)} is not a valid value here"
    return _path_of(path), error.message


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InterchangeError("", f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def loads(text: str, source: str = "document") -> dict[str, Any]:
    """Parse JSON text, refusing duplicate keys; errors name the line and column."""
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise InterchangeError(source, f"not valid JSON: {exc.msg} at line {exc.lineno}"
                                       f" column {exc.colno}") from None
    except RecursionError:
        line, column, depth = _deepest(text)
        raise InterchangeError(source, f"not valid JSON: nested too deeply ({depth} levels)"
                                       f" at line {line} column {column}") from None
    except InterchangeError as exc:
        raise InterchangeError(source, exc.message) from None
    if not isinstance(data, dict):
        raise InterchangeError(source, "the document must be a JSON object with a 'format' key")
    _check_storable(data)
    return data


#: SQLite's INTEGER is 64-bit: a larger whole number cannot be stored.
_INT_RANGE = (-(2**63), 2**63 - 1)


def _check_storable(data: dict[str, Any]) -> None:
    """Refuse what valid JSON can hold but the register cannot: text with an unpaired
    surrogate (``"\\ud800"`` is not a character, so it cannot be written as UTF-8) and
    whole numbers beyond 64 bits. Walks without recursion: nesting depth is no limit."""
    stack: list[tuple[list[Any], Any]] = [([], data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            _check_text(path, value)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
                raise InterchangeError(_path_of(path), f"{_show(value)} is too large a number")
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                _check_text([*path, key], key)
                stack.append(([*path, key], item))
        elif isinstance(value, list):
            stack.extend(([*path, i], item) for i, item in reversed(list(enumerate(value))))


def _check_text(path: list[Any], value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InterchangeError(
            _path_of(path), f"contains {value[exc.start]!r}, half of a UTF-16 surrogate pair,"
            " which is not a character: correct the text in the file") from None
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    found = text.problem(value, name=key in text.NAME_KEYS)
    if found is not None:
        raise InterchangeError(_path_of(path), found)


def _deepest(text: str) -> tuple[int, int, int]:
    """(line, column, depth) of the most deeply nested bracket in JSON text."""
    depth = best = 0
    at = 0
    in_string = escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > best:
                best, at = depth, i
        elif ch in "]}":
            depth -= 1
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1, best


def validate(data: dict[str, Any]) -> None:
    """Schema check: raises InterchangeError for the most relevant problem."""
    try:
        error = best_match(_validator().iter_errors(data))
    except RecursionError:
        raise InterchangeError("(document)", "nested too deeply") from None
    if error is not None:
        raise InterchangeError(*_schema_message(error))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _assessment(data: dict | None) -> Assessment | None:
    if data is None:
        return None
    return Assessment(data["status"], data.get("title"), data.get("signed_off_by"),
                      _date(data.get("signed_off_on")))


def _decision(d: dict[str, Any]) -> Decision:
    parts = []
    for p in d.get("parts") or []:
        deleg = p.get("delegation")
        parts.append(DecisionPart(p["verb"], p["text"], Delegation(
            deleg["post"], deleg.get("scope"), deleg.get("conditions")) if deleg else None))
    return Decision(
        number=d["number"], title=d["title"], decision_maker=d.get("decision_maker"),
        key_decision=d.get("key_decision"),
        key_decision_criteria=list(d.get("key_decision_criteria") or []),
        exempt_paragraph=d.get("exempt_paragraph"), parts=parts,
        reasons=d.get("reasons"), financial_implications=d.get("financial_implications"),
        legal_implications=d.get("legal_implications"),
        equalities_implications=d.get("equalities_implications"),
        data_protection_implications=d.get("data_protection_implications"),
        consultation=d.get("consultation"), alternatives=d.get("alternatives"),
        interests_declared=d.get("interests_declared"),
        eqia=_assessment(d.get("eqia")), dpia=_assessment(d.get("dpia")),
        notice_published_on=_date(d.get("notice_published_on")), route=d.get("route"),
        urgency_reason=d.get("urgency_reason"),
        committee_considerations=[
            CommitteeConsideration(c["committee"], _date(c["date"]), c.get("outcome"),
                                   c.get("recommendations"))
            for c in d.get("committee_considerations") or []],
        status=d.get("status") or "draft", taken_on=_date(d.get("taken_on")),
        signed_by=d.get("signed_by"), published_on=_date(d.get("published_on")),
        report_author=d.get("report_author"), relevant_director=d.get("relevant_director"),
        past_pathway=_pathway(d.get("past_pathway")),
        future_pathway=_pathway(d.get("future_pathway")),
        amends=d.get("amends"),
        expected_on=d.get("expected_on"),
    )


def _pathway(steps: list[dict[str, Any]] | None) -> list[PathwayStep]:
    return [PathwayStep(s["board"], _date(s.get("date"))) for s in steps or []]


def _printed(d: dict[str, Any] | None) -> RecordedMembership | None:
    if d is None:
        return None
    return RecordedMembership(tuple(Membership(m["member"], m["role"]) for m in d["membership"]),
                              d.get("seats"), d.get("party_seats"))


PaperReader = Callable[[str, str], Paper]
#: Reads a paper's bytes and says whether it is a sound PDF (``Documents.check_paper``).
PaperCheck = Callable[[bytes, str], PaperInfo]
def paper_reader(base_dir: Path, check_paper: PaperCheck) -> PaperReader:
    """Reads a paper's PDF relative to the JSON file, refusing what ``check_paper`` says
    is not a sound PDF, and a path that leads out of the JSON file's folder (``..``, or a
    symbolic link to somewhere else)."""

    def read(rel: str, where: str) -> Paper:
        pure = PurePosixPath(rel.replace("\\", "/"))
        if pure.is_absolute() or Path(rel).is_absolute() or ":" in rel:
            raise InterchangeError(where, f"{rel!r} must be a path relative to the JSON file")
        full = base_dir / Path(*pure.parts)
        if ".." in pure.parts or not _inside(full, base_dir):
            raise InterchangeError(where, f"{rel!r} leads out of the JSON file's folder:"
                                          " papers must be in that folder or below it")
        try:
            if full.stat().st_size > MAX_FILE_BYTES:
                raise InterchangeError(where, f"{rel!r} is larger than 200 MB")
            content = full.read_bytes()
        except FileNotFoundError:
            raise InterchangeError(where, f"{rel!r} not found (looked for {full})") from None
        except IsADirectoryError:
            raise InterchangeError(where, f"{rel!r} is a folder, not a PDF file") from None
        except OSError as exc:
            raise InterchangeError(where, f"{rel!r} cannot be read: {exc.strerror}") from None
        try:
            check_paper(content, rel)
        except PaperError as exc:
            raise InterchangeError(where, str(exc)) from None
        return Paper(path=pure.name, content=content,
                     sha256=hashlib.sha256(content).hexdigest())

    return read


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, every symbolic link on the way followed, is in ``folder``."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def _item(d: dict[str, Any], where: str, read_paper: PaperReader) -> AgendaItem:
    papers = []
    for i, p in enumerate(d.get("papers") or []):
        spec = {"path": p} if isinstance(p, str) else p
        paper = read_paper(spec["path"], f"{where}.papers[{i}].path")
        paper.title, paper.exempt_paragraph = spec.get("title"), spec.get("exempt_paragraph")
        papers.append(paper)
    return AgendaItem(
        title=d["title"], standing=d.get("standing"), description=d.get("description"),
        decision=d.get("decision"), papers=papers, exempt_paragraph=d.get("exempt_paragraph"),
        items=[_item(sub, f"{where}.items[{j}]", read_paper)
               for j, sub in enumerate(d.get("items") or [])],
    )


def _check_references(data: dict[str, Any], known: KnownNames) -> None:
    def names(key: str, name_key: str, existing: set) -> set:
        seen: set = set()
        for i, entry in enumerate(data.get(key) or []):
            name = entry[name_key]
            where = f"{key}[{i}].{name_key}"
            if name in seen:
                raise InterchangeError(where, f"{name!r} appears twice in the document")
            seen.add(name)
        return seen | existing

    names("posts", "title", known.posts)
    members = names("members", "name", known.members)
    committees = names("committees", "name", known.committees)
    decisions = names("decisions", "number", known.decisions)

    for i, c in enumerate(data.get("committees") or []):
        seen_members: set[str] = set()
        for j, m in enumerate(c.get("membership") or []):
            where = f"committees[{i}].membership[{j}].member"
            if m["member"] not in members:
                raise InterchangeError(where, f"{m['member']!r} is not a member in the"
                                              " document or the register")
            if m["member"] in seen_members:
                raise InterchangeError(where, f"{m['member']!r} is listed twice")
            seen_members.add(m["member"])

    meetings_seen: set[tuple[str, str]] = set()
    for i, m in enumerate(data.get("meetings") or []):
        if m["committee"] not in committees:
            raise InterchangeError(f"meetings[{i}].committee", f"{m['committee']!r} is not a"
                                   " committee in the document or the register")
        key = (m["committee"], m["date"])
        if key in meetings_seen:
            raise InterchangeError(f"meetings[{i}].date", f"{m['committee']} has two"
                                   f" meetings on {m['date']} in the document")
        meetings_seen.add(key)

        def walk(items: list, where: str) -> None:
            for j, item in enumerate(items or []):
                w = f"{where}[{j}]"
                ref = item.get("decision")
                if ref is not None and ref not in decisions:
                    raise InterchangeError(f"{w}.decision", f"{ref!r} is not a decision in the"
                                           " document or the register")
                walk(item.get("items") or [], f"{w}.items")

        walk(m.get("items") or [], f"meetings[{i}].items")
        printed = m.get("printed_membership") or {}
        for j, ms in enumerate(printed.get("membership") or []):
            if ms["member"] not in members:
                raise InterchangeError(
                    f"meetings[{i}].printed_membership.membership[{j}].member",
                    f"{ms['member']!r} is not a member in the document or the register")

    amends = {d["number"]: d.get("amends") for d in data.get("decisions") or []}

    for i, d in enumerate(data.get("decisions") or []):
        for j, c in enumerate(d.get("committee_considerations") or []):
            if c["committee"] not in committees:
                raise InterchangeError(
                    f"decisions[{i}].committee_considerations[{j}].committee",
                    f"{c['committee']!r} is not a committee in the document or the register")
        corrected = d.get("amends")
        if corrected is not None:
            if corrected not in decisions:
                raise InterchangeError(f"decisions[{i}].amends", f"{corrected!r} is not a"
                                       " decision in the document or the register")
            seen = {d["number"]}
            while corrected is not None:
                if corrected in seen:
                    raise InterchangeError(f"decisions[{i}].amends", f"{d['number']!r} would"
                                           " amend itself through the decisions it amends")
                seen.add(corrected)
                corrected = amends.get(corrected)
        if d.get("expected_on"):
            try:
                expected_period(d["expected_on"])
            except ExpectedDateError:
                raise InterchangeError(f"decisions[{i}].expected_on", f"{d['expected_on']!r}"
                                       " is not a real day or month") from None
        if d.get("key_decision") is False and d.get("key_decision_criteria"):
            raise InterchangeError(f"decisions[{i}].key_decision_criteria",
                                   "criteria are given but key_decision is false")
        if d.get("status") in ("taken", "published", "called_in", "effective", "implemented"):
            pub, taken = d.get("published_on"), d.get("taken_on")
            if pub and taken and pub < taken:
                raise InterchangeError(f"decisions[{i}].published_on",
                                       f"{pub!r} is before taken_on {taken!r}")
    _check_publications(data, decisions, committees)


def _check_publications(data: dict[str, Any], decisions: set, committees: set) -> None:
    """The optional keys of issue 15: what they name is in the document or the register,
    and none is given twice."""
    seen: set[tuple] = set()
    for i, n in enumerate(data.get("statutory_notices") or []):
        where = f"statutory_notices[{i}]"
        if n["decision"] not in decisions:
            raise InterchangeError(f"{where}.decision", f"{n['decision']!r} is not a decision"
                                   " in the document or the register")
        if n.get("committee") is not None and n["committee"] not in committees:
            raise InterchangeError(f"{where}.committee", f"{n['committee']!r} is not a"
                                   " committee in the document or the register")
        if n["kind"] in PRIVATE_KINDS and not (n.get("committee") and n.get("date")):
            raise InterchangeError(where, f"a {n['kind']} notice names the meeting held in"
                                   " private: give its committee and date")
        key = (n["kind"], n["decision"], n.get("committee"), n.get("date"))
        if key in seen:
            raise InterchangeError(where, f"the {n['kind']} notice for {n['decision']} is"
                                   " given twice")
        seen.add(key)
    for i, p in enumerate(data.get("forward_plans") or []):
        where = f"forward_plans[{i}]"
        if p["to"] < p["from"]:
            raise InterchangeError(f"{where}.to", f"{p['to']!r} is before from {p['from']!r}")
        for j, number in enumerate(p["decisions"]):
            if number not in decisions:
                raise InterchangeError(f"{where}.decisions[{j}]", f"{number!r} is not a"
                                       " decision in the document or the register")
        key = (p["published_on"], p["from"], p["to"])
        if key in seen:
            raise InterchangeError(where, f"the Forward Plan published on"
                                   f" {p['published_on']} is given twice")
        seen.add(key)
    for i, w in enumerate(data.get("work_programmes") or []):
        where = f"work_programmes[{i}]"
        if w["committee"] not in committees:
            raise InterchangeError(f"{where}.committee", f"{w['committee']!r} is not a"
                                   " committee in the document or the register")
        if ("programme", w["committee"]) in seen:
            raise InterchangeError(f"{where}.committee", f"{w['committee']!r} has two work"
                                   " programme entries in the document")
        seen.add(("programme", w["committee"]))
        for key in ("regular_items", "suggested_items"):
            titles: set[str] = set()
            for j, item in enumerate(w.get(key) or []):
                title = " ".join(item["title"].split()).casefold()
                if title in titles:
                    raise InterchangeError(f"{where}.{key}[{j}].title", f"{item['title']!r}"
                                           " is listed twice")
                titles.add(title)


def parse(
    data: dict[str, Any], read_paper: PaperReader | None = None,
    known: KnownNames | None = None,
) -> RegisterDocument:
    """Validate a decoded interchange document and build the domain objects."""
    validate(data)
    _check_references(data, known or KnownNames())

    def no_papers(rel: str, where: str) -> Paper:
        raise InterchangeError(where, "papers can only be imported from a file")

    read = read_paper or no_papers
    council = data.get("council")
    return RegisterDocument(
        council=Council(council["name"], council.get("key_decision_threshold_pounds"))
        if council else None,
        posts=[Post(p["title"], p.get("holder"), p.get("phone"), p.get("email"))
               for p in data.get("posts") or []],
        members=[Member(m["name"], m.get("party"), m.get("honours"))
                 for m in data.get("members") or []],
        committees=[Committee(
            c["name"], c["kind"], c.get("seats"),
            dict(c["party_seats"]) if c.get("party_seats") is not None else None,
            [Membership(m["member"], m["role"]) for m in c.get("membership") or []])
            for c in data.get("committees") or []],
        meetings=[Meeting(
            committee=m["committee"], date=_date(m["date"]), time=m.get("time"),
            venue=m.get("venue"), clerk=m.get("clerk"), proper_officer=m.get("proper_officer"),
            published_on=_date(m.get("published_on")), notices=list(m.get("notices") or []),
            items=[_item(it, f"meetings[{i}].items[{j}]", read)
                   for j, it in enumerate(m.get("items") or [])],
            late_reason=m.get("late_reason"),
            printed_membership=_printed(m.get("printed_membership")))
            for i, m in enumerate(data.get("meetings") or [])],
        decisions=[_decision(d) for d in data.get("decisions") or []],
        notices=[_notice(n) for n in data.get("statutory_notices") or []],
        forward_plans=[_plan(p) for p in data.get("forward_plans") or []],
        work_programmes=[_programme(w) for w in data.get("work_programmes") or []],
    )


def _notice(n: dict[str, Any]) -> NoticePublication:
    return NoticePublication(
        n["kind"], n["decision"], dt.date.fromisoformat(n["published_on"]),
        n.get("recorded_by") or "", n.get("committee"), _date(n.get("date")),
        n.get("paragraph"), n.get("reason"), n.get("informed"), n.get("representations"),
        n.get("response"))


def _plan(p: dict[str, Any]) -> PlanPublication:
    return PlanPublication(dt.date.fromisoformat(p["published_on"]),
                           dt.date.fromisoformat(p["from"]), dt.date.fromisoformat(p["to"]),
                           tuple(p["decisions"]), p.get("recorded_by") or "",
                           p.get("late_reason"))


def _programme(w: dict[str, Any]) -> ProgrammeLists:
    return ProgrammeLists(
        w["committee"],
        tuple(RegularItem(r["title"], tuple(r["months"])) for r in w.get("regular_items") or []),
        tuple(Suggestion(s["title"], s.get("by"), dt.date.fromisoformat(s["on"]))
              for s in w.get("suggested_items") or []))


def read_document(path: Path, known: KnownNames | None,
                  check_paper: PaperCheck) -> RegisterDocument:
    """Read, check and build a document from a file; papers are read beside it and
    checked with ``check_paper``."""
    source = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InterchangeError(source, "the file is larger than 200 MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InterchangeError(source, "no such file") from None
    except IsADirectoryError:
        raise InterchangeError(source, "is a folder, not a JSON file") from None
    except OSError as exc:
        raise InterchangeError(source, f"cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(source, f"not UTF-8 text (byte {exc.start})") from None
    data = loads(text, source)
    return parse(data, paper_reader(path.parent, check_paper), known)


# --- writing ---------------------------------------------------------------------------


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _assessment_dict(a: Assessment | None) -> dict | None:
    if a is None:
        return None
    return {"status": a.status, "title": a.title, "signed_off_by": a.signed_off_by,
            "signed_off_on": _iso(a.signed_off_on)}


def decision_to_dict(d: Decision) -> dict[str, Any]:
    return {
        "number": d.number,
        "title": d.title,
        "decision_maker": d.decision_maker,
        "key_decision": d.key_decision,
        "key_decision_criteria": list(d.key_decision_criteria),
        "exempt_paragraph": d.exempt_paragraph,
        "parts": [{"verb": p.verb, "text": p.text, "delegation": None if p.delegation is None
                   else {"post": p.delegation.post, "scope": p.delegation.scope,
                         "conditions": p.delegation.conditions}} for p in d.parts],
        "reasons": d.reasons,
        "financial_implications": d.financial_implications,
        "legal_implications": d.legal_implications,
        "equalities_implications": d.equalities_implications,
        "data_protection_implications": d.data_protection_implications,
        "consultation": d.consultation,
        "alternatives": d.alternatives,
        "interests_declared": d.interests_declared,
        "eqia": _assessment_dict(d.eqia),
        "dpia": _assessment_dict(d.dpia),
        "notice_published_on": _iso(d.notice_published_on),
        "route": d.route,
        "urgency_reason": d.urgency_reason,
        "committee_considerations": [
            {"committee": c.committee, "date": _iso(c.date), "outcome": c.outcome,
             "recommendations": c.recommendations} for c in d.committee_considerations],
        "status": d.status,
        "taken_on": _iso(d.taken_on),
        "signed_by": d.signed_by,
        "published_on": _iso(d.published_on),
        "report_author": d.report_author,
        "relevant_director": d.relevant_director,
        "amends": d.amends,
        # Optional keys (not in files written before them): only when there is a value.
        **{key: [{"board": s.board, "date": _iso(s.date)} for s in steps]
           for key, steps in (("past_pathway", d.past_pathway),
                              ("future_pathway", d.future_pathway)) if steps},
        **({"expected_on": d.expected_on} if d.expected_on else {}),
    }


def _item_dict(item: AgendaItem, public: bool, hidden: Mapping[str, int],
               names: dict[int, str]) -> dict:
    return {
        "title": item.title,
        "standing": item.standing,
        "description": item.description,
        "decision": None if item.decision in hidden else item.decision,
        "papers": [{"path": f"papers/{names[id(p)]}", "title": p.title,
                    "exempt_paragraph": p.exempt_paragraph}
                   for p in item.papers if not (public and p.exempt_paragraph)],
        "exempt_paragraph": item.exempt_paragraph,
        "items": [_item_dict(sub, public, hidden, names) for sub in item.items
                  if not (public and sub.exempt_paragraph)],
    }


def iter_papers(items: Iterable[AgendaItem], public: bool = False) -> Iterable[Paper]:
    """Every paper under ``items``; with ``public``, none that is or sits in exempt matter."""
    for item in items:
        if public and item.exempt_paragraph:
            continue
        yield from (p for p in item.papers if not (public and p.exempt_paragraph))
        yield from iter_papers(item.items, public)


#: Characters no file name may hold on Windows (or anywhere: the separators), and the
#: names Windows keeps for devices.
_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')
_DEVICE_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def safe_file_name(stored: str) -> str:
    """A file name for a paper that stays in the folder it is written to on any system,
    whatever the stored name holds: its last part (after any ``/`` or ``\\``), without
    characters a file name cannot hold, no dots or spaces at either end, not a device
    name, at most 150 characters; "paper.pdf" when nothing is left. A plain name is
    kept as it is."""
    name = stored.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_IN_NAMES.sub("_", name).strip(" .")
    if _DEVICE_NAMES.match(name):
        name = f"paper-{name}"
    if len(name) > 150:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:150 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 \
            else name[:150]
    return name or "paper.pdf"


def paper_file_names(doc: RegisterDocument, public: bool = False) -> dict[int, str]:
    """A unique file name in ``papers/`` for each paper (by object id), stable across a
    round trip: a name is kept unless another paper with different content has it. The
    names are safe (:func:`safe_file_name`): a file never lands outside ``papers/``."""
    taken: dict[str, str | None] = {}
    out: dict[int, str] = {}
    for meeting in doc.meetings:
        for paper in iter_papers(meeting.items, public):
            name = safe_file_name(paper.path)
            stem, dot, ext = name.rpartition(".")
            stem, ext = (stem, f".{ext}") if dot else (name, "")
            candidate, n = name, 1
            while candidate in taken and taken[candidate] != paper.sha256:
                n += 1
                candidate = f"{stem}-{n}{ext}"
            taken[candidate] = paper.sha256
            out[id(paper)] = candidate
    return out


def to_dict(doc: RegisterDocument, public: bool = False) -> dict[str, Any]:
    """The canonical export. ``public`` leaves out exempt decisions, items and papers."""
    hidden = {d.number: d.exempt_paragraph for d in doc.decisions
              if public and d.exempt_paragraph}
    if hidden:  # an item on an exempt decision is as exempt as the decision
        doc = dataclasses.replace(doc, meetings=[
            dataclasses.replace(m, items=[exempt_by_decision(it, hidden) for it in m.items])
            for m in doc.meetings])
    names = paper_file_names(doc, public)
    return {
        "format": FORMAT,
        "council": None if doc.council is None else council_to_dict(doc.council),
        "posts": [post_to_dict(p) for p in doc.posts],
        "members": [member_to_dict(m) for m in doc.members],
        "committees": [committee_to_dict(c) for c in doc.committees],
        "meetings": [meeting_to_dict(m, names, public, hidden) for m in doc.meetings],
        "decisions": [decision_to_dict(d) | ({"amends": None} if d.amends in hidden else {})
                      for d in doc.decisions if d.number not in hidden],
        **_publications_dict(doc, hidden),
    }


def _publications_dict(doc: RegisterDocument, hidden: Mapping[str, int]) -> dict[str, Any]:
    """The optional keys of issue 15, each only when it has an entry; a public export
    leaves out what names an exempt decision it leaves out."""
    notices = [notice_to_dict(n) for n in doc.notices if n.number not in hidden]
    plans = [plan_to_dict(dataclasses.replace(
        p, numbers=tuple(n for n in p.numbers if n not in hidden))) for p in doc.forward_plans]
    programmes = [programme_to_dict(w) for w in doc.work_programmes
                  if w.regular or w.suggested]
    return {key: value for key, value in (("statutory_notices", notices),
                                          ("forward_plans", plans),
                                          ("work_programmes", programmes)) if value}


def notice_to_dict(n: NoticePublication) -> dict[str, Any]:
    return {"kind": n.kind, "decision": n.number, "published_on": n.on.isoformat(),
            "committee": n.committee, "date": _iso(n.date), "paragraph": n.paragraph,
            "reason": n.reason, "informed": n.informed, "representations": n.representations,
            "response": n.response, "recorded_by": n.recorded_by}


def plan_to_dict(p: PlanPublication) -> dict[str, Any]:
    return {"published_on": p.on.isoformat(), "from": p.start.isoformat(),
            "to": p.end.isoformat(), "decisions": list(p.numbers),
            "recorded_by": p.recorded_by, "late_reason": p.late_reason}


def programme_to_dict(w: ProgrammeLists) -> dict[str, Any]:
    return {"committee": w.committee,
            "regular_items": [regular_item_to_dict(r) for r in w.regular],
            "suggested_items": [suggestion_to_dict(s) for s in w.suggested]}


def regular_item_to_dict(r: RegularItem) -> dict[str, Any]:
    return {"title": r.title, "months": list(r.months)}


def suggestion_to_dict(s: Suggestion) -> dict[str, Any]:
    return {"title": s.title, "by": s.by, "on": s.on.isoformat()}


# One entry each, as the file holds it (an import compares entries in these terms).


def council_to_dict(c: Council) -> dict[str, Any]:
    return {"name": c.name, "key_decision_threshold_pounds": c.key_decision_threshold_pounds}


def post_to_dict(p: Post) -> dict[str, Any]:
    return {"title": p.title, "holder": p.holder, "phone": p.phone, "email": p.email}


def member_to_dict(m: Member) -> dict[str, Any]:
    return {"name": m.name, "party": m.party, "honours": m.honours}


def committee_to_dict(c: Committee) -> dict[str, Any]:
    return {"name": c.name, "kind": c.kind, "seats": c.seats,
            "party_seats": None if c.party_seats is None else dict(c.party_seats),
            "membership": [{"member": m.member, "role": m.role} for m in c.membership]}


def meeting_to_dict(m: Meeting, names: dict[int, str] | None = None, public: bool = False,
                    hidden: Mapping[str, int] | None = None) -> dict[str, Any]:
    """A meeting's entry; without ``names`` a paper is named by its SHA-256 (what it is,
    whatever the file calls it)."""
    hidden = hidden or {}
    if names is None:
        names = {id(p): p.sha256 for p in iter_papers(m.items)}
    return {
        "committee": m.committee, "date": _iso(m.date), "time": m.time, "venue": m.venue,
        "clerk": m.clerk, "proper_officer": m.proper_officer,
        "published_on": _iso(m.published_on), "notices": list(m.notices),
        "items": [_item_dict(it, public, hidden, names) for it in m.items
                  if not (public and it.exempt_paragraph)],
        "late_reason": m.late_reason,
        "printed_membership": None if m.printed_membership is None else {
            "seats": m.printed_membership.seats,
            "party_seats": None if m.printed_membership.party_seats is None
            else dict(m.printed_membership.party_seats),
            "membership": [{"member": x.member, "role": x.role}
                           for x in m.printed_membership.membership]}}


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
