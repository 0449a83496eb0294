"""Property-based: valid interchange documents, each mutated once (a wrong type, a missing
or unknown key, a huge string, odd Unicode — unpaired surrogates, right-to-left marks,
NUL —, deep nesting, a broken file), imported through the command line.

Whatever the mutation: no traceback; refused with one line naming the file and where in
it (a JSON path, or the line and column of broken JSON) and the register left exactly as
it was; or, when the mutation kept the document valid, imported whole, with the register
sound and its export surviving a round trip.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from governance import decisions, exchange
from governance.exchange import export_text, import_file
from governance.interchange import _path_of
from governance.model import Committee, Decision, RegisterDocument
from main import main
from tests.conftest import _SAMPLE, open_desk

DEEP = "\u0000DEEP\u0000"  # replaced in the JSON text by nesting json.dumps cannot write

#: A path into the document: keys and list indexes.
Path_ = tuple[Any, ...]


def _paths(value: Any, here: Path_ = ()) -> list[Path_]:
    out = [here] if here else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*here, i))
    return out


def _document() -> dict[str, Any]:
    doc = copy.deepcopy(_SAMPLE)
    # Every kind of entry present, so every part of the schema can be hit.
    doc["meetings"][0]["items"][1]["papers"] = []
    doc["decisions"][2]["committee_considerations"] = [
        {"committee": doc["committees"][0]["name"], "date": "2023-11-23",
         "outcome": "noted", "recommendations": None}]
    return doc


def _get(doc: Any, path: Path_) -> Any:
    for k in path:
        doc = doc[k]
    return doc


DOC = _document()
PATHS = _paths(DOC)
STRING_PATHS = [p for p in PATHS if isinstance(_get(DOC, p), str)]
DICT_PATHS = [()] + [p for p in PATHS if isinstance(_get(DOC, p), dict)]

FREE_TEXT = {"title", "holder", "phone", "email", "party", "honours", "venue", "clerk",
             "proper_officer", "description", "decision_maker", "reasons",
             "financial_implications", "legal_implications", "equalities_implications",
             "data_protection_implications", "consultation", "alternatives",
             "interests_declared", "urgency_reason", "signed_by", "report_author",
             "relevant_director", "text", "scope", "conditions", "recommendations"}
FREE_TEXT_PATHS = [p for p in STRING_PATHS if p[-1] in FREE_TEXT]

odd_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(["\ud800", "\udfff",  # halves of a surrogate pair, alone
                         "\u202e", "\u200f", "\u202b", "\u2066",  # right-to-left controls
                         "\u0000", "\ufeff", "\u0301", "\U0001f600", "\u05d0", "\u0627",
                         "\r", "\n", "\\", "\""]),
        st.characters(codec="utf-8"),
    ), max_size=12)

wrong_value = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70), st.floats(), st.booleans(), st.none(),
    st.text(max_size=10), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, Path_, dict[str, Any] | str | bytes]:
    """(kind, path, the mutated document — or its raw text or bytes)."""
    doc = copy.deepcopy(DOC)
    kind = draw(st.sampled_from(["type", "delete", "unknown_key", "huge", "unicode",
                                 "unicode_anywhere", "deep", "duplicate", "text"]))
    if kind == "text":  # the file itself is broken
        text = json.dumps(doc)
        how = draw(st.sampled_from(["truncate", "bytes", "empty", "not_object", "dup_key"]))
        if how == "truncate":
            return kind, (), text[:draw(st.integers(0, len(text) - 1))]
        if how == "bytes":
            cut = draw(st.integers(0, len(text)))
            return kind, (), text[:cut].encode() + draw(st.binary(min_size=1, max_size=8)) + \
                text[cut:].encode()
        if how == "empty":
            return kind, (), ""
        if how == "not_object":
            return kind, (), json.dumps(draw(st.one_of(st.lists(st.integers()), st.text())))
        return kind, (), text[:-1] + ', "format": "decision-register/1"}'
    if kind in ("delete", "unknown_key"):
        path = draw(st.sampled_from(DICT_PATHS))
        target = _get(doc, path)
        if kind == "delete":
            if not target:
                return kind, path, doc
            key = draw(st.sampled_from(sorted(target)))
            del target[key]
        else:
            key = draw(st.one_of(st.text(min_size=1, max_size=12), odd_text.filter(bool)))
            if key in target:
                return kind, path, doc
            target[key] = draw(wrong_value)
        return kind, (*path, key), doc
    if kind == "duplicate":
        lists = [p for p in PATHS if isinstance(_get(doc, p), list) and _get(doc, p)]
        path = draw(st.sampled_from(lists))
        target = _get(doc, path)
        target.append(copy.deepcopy(target[draw(st.integers(0, len(target) - 1))]))
        return kind, path, doc
    path = draw(st.sampled_from(
        FREE_TEXT_PATHS if kind in ("huge", "unicode") else
        STRING_PATHS if kind == "unicode_anywhere" else PATHS))
    parent, key = _get(doc, path[:-1]), path[-1]
    if kind == "type":
        parent[key] = draw(wrong_value)
    elif kind == "huge":
        size = draw(st.sampled_from([10_000, 300_000, 2_000_000]))
        parent[key] = parent[key] + "\u202e" + "x" * size
    elif kind in ("unicode", "unicode_anywhere"):
        parent[key] = draw(odd_text)
    else:  # deep nesting
        parent[key] = DEEP + str(draw(st.sampled_from([50, 900, 5000, 100_000])))
    return kind, path, doc


def _render(doc: dict[str, Any] | str | bytes) -> bytes:
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str):
        return doc.encode("utf-8", "surrogatepass")
    text = json.dumps(doc, ensure_ascii=True)  # surrogates as \ud800 escapes, as JSON allows
    return re.sub(r'"\\u0000DEEP\\u0000(\d+)"',
                  lambda m: "[" * int(m.group(1)) + "]" * int(m.group(1)), text).encode()


KEY = r'(\.?[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\["([^"\\]|\\.)*"\])'
LOCATION = re.compile(rf"^(\(document\)|{KEY}+): \S")
WHOLE_FILE = re.compile(r"^(not valid JSON: .* at line \d+ column \d+|not UTF-8 text \(byte"
                        r" \d+\)|the document must be a JSON object|the key .* appears twice)")


def _related(location: str, path: Path_) -> bool:
    """Is ``location`` (as the message prints it) at ``path``, above it or below it?"""
    printed = _path_of(path) if path else ""
    return location.startswith(printed) or printed.startswith(location)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """A register already holding something else: (file, its export, its audit rows)."""
    path = tmp_path_factory.mktemp("base") / "base.sqlite"
    reg = open_desk(path)
    try:
        exchange.import_document(reg, RegisterDocument(
            committees=[Committee("Scrutiny Committee", "scrutiny")],
            decisions=[Decision(number="21/00001", title="Already in the register")]))
        return path, export_text(reg), len(decisions.audit_trail(reg))
    finally:
        reg.close()


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation=mutations())
def test_a_mutated_document_is_refused_cleanly_or_imported_whole(
        base: tuple[Path, str, int], mutation: tuple[str, Path_, Any]) -> None:
    kind, path, doc = mutation
    base_db, base_text, base_audit = base
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "register.sqlite"
        shutil.copy(base_db, db)
        source = Path(folder) / "mutated.json"
        source.write_bytes(_render(doc))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", str(db), "import", str(source)])  # no exception escapes
        message = err.getvalue()
        event(f"{kind}: {'refused' if code else 'imported'}")
        if code != 0:
            assert code == 1
            assert message.count("\n") == 1, message  # one line
            assert message.startswith(f"import: {source}: "), message
            where = message[len(f"import: {source}: "):]
            assert LOCATION.match(where) or WHOLE_FILE.match(where), message
            if kind in ("type", "delete", "unknown_key") and LOCATION.match(where) \
                    and "is not a" not in where and "appears twice" not in where:
                assert _related(where.split(": ")[0], path), (path, message)
            reg = open_desk(db)  # exactly as it was
            try:
                assert export_text(reg) == base_text
                assert len(decisions.audit_trail(reg)) == base_audit
            finally:
                reg.close()
            return
        assert kind != "deep"  # (a broken file can still be valid: bytes inside a string)
        assert message == ""
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        reg = open_desk(db)
        try:
            assert decisions.verify_audit(reg)[1] is None
            exported = export_text(reg)
            assert exported != base_text
        finally:
            reg.close()
        # The export of what was imported survives a round trip byte for byte.
        again = Path(folder) / "again.json"
        again.write_text(exported, encoding="utf-8")
        empty = open_desk(Path(folder) / "empty.sqlite")
        try:
            import_file(empty, again)
            assert export_text(empty) == exported
        finally:
            empty.close()
