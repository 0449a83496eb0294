"""Import is all or nothing: a bad file gives one clear line naming the value and its path,
and leaves the register exactly as it was."""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from db.sqlite_store import SqliteStore
from governance import decisions, exchange
from governance.desk import Desk
from governance.errors import NotFound, StoreError
from governance.exchange import export_text, import_file
from governance.interchange import InterchangeError
from main import main
from tests.conftest import open_desk

NEW_A, NEW_B = "24/00001", "24/00002"


def _state(register: Desk) -> tuple[str, int, list[str]]:
    """Everything observable: the export, the audit row count and every table row."""
    return (export_text(register), len(decisions.audit_trail(register)),
            list(register.store.db.conn.iterdump()))


def _addition(sample: dict[str, Any]) -> dict[str, Any]:
    """A valid document that adds two decisions, a meeting and a member to a register that
    already holds the sample (referring to the sample's committee, members and decisions)."""
    first, second = copy.deepcopy(sample["decisions"][0]), copy.deepcopy(sample["decisions"][1])
    first["number"], second["number"] = NEW_A, NEW_B
    return {
        "format": "decision-register/1",
        "members": [{"name": "Mrs P Stockell", "party": "Conservative"}],
        "meetings": [{
            "committee": sample["committees"][0]["name"], "date": "2024-01-18",
            "time": "10:00", "notices": ["webcasting"],
            "items": [{"title": "Apologies and Substitutes", "standing": True},
                      {"title": "Pressures Plan", "decision": NEW_A},
                      {"title": "Earlier decision", "decision": "23/00098"}]}],
        "decisions": [first, second],
    }


def _set(doc: dict[str, Any], path: tuple, value: Any) -> None:
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()


@pytest.fixture
def addition(sample_doc: dict[str, Any]) -> dict[str, Any]:
    return _addition(sample_doc)


def _refused(register: Desk, path: Path) -> str:
    """Import ``path``; it must be refused with one line and change nothing."""
    before = _state(register)
    with pytest.raises(InterchangeError) as caught:
        import_file(register, path)
    message = str(caught.value)
    assert "\n" not in message
    assert _state(register) == before
    return message


def test_the_addition_itself_imports(sample_register, addition, write_doc, tmp_path):
    """Every bad case below is this document with one thing wrong."""
    audit = len(decisions.audit_trail(sample_register))
    summary = import_file(sample_register, write_doc(tmp_path / "in", addition)).value
    assert (summary.decisions, summary.meetings, summary.members) == (2, 1, 1)
    assert decisions.decision(sample_register, NEW_A).title == addition["decisions"][0]["title"]
    assert len(decisions.audit_trail(sample_register)) == audit + 4


# --- the file itself -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ('{"format": "decision-register/1",\n  "decisions": [}\n',
     "not valid JSON: Expecting value at line 2 column 17"),
    ('{"format": "decision-register/1"', "not valid JSON"),
    ("", "not valid JSON: Expecting value at line 1 column 1"),
    ('[{"format": "decision-register/1"}]', "must be a JSON object"),
    ('"decision-register/1"', "must be a JSON object"),
    ('{"format": "decision-register/1", "decisions": [{"number": "24/00001",'
     ' "title": "A", "title": "B"}]}', "the key 'title' appears twice in one object"),
    ('{"format": "decision-register/1", "format": "decision-register/1"}',
     "the key 'format' appears twice"),
])
def test_a_file_that_is_not_a_document_is_refused(
    sample_register, write_doc, tmp_path, text, expected,
):
    path = write_doc(tmp_path / "in", text)
    message = _refused(sample_register, path)
    assert message.startswith(f"{path}: ")
    assert expected in message


def test_a_missing_file_is_refused(sample_register, tmp_path):
    missing = tmp_path / "nowhere.json"
    assert _refused(sample_register, missing) == f"{missing}: no such file"


def test_a_file_that_is_not_utf8_is_refused(sample_register, tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "decision-register/1", "council": {"name": "Sévenoaks"}}'
                     .encode("latin-1"))
    assert "not UTF-8" in _refused(sample_register, path)


# --- the schema: keys, vocabularies, forms and types -----------------------------------


@pytest.mark.parametrize(("path", "value", "where", "expected"), [
    (("colour",), "red", "colour", "unknown key 'colour'"),
    (("decisions", 1, "eqia", "colour"), "red", "decisions[1].eqia.colour",
     "unknown key 'colour'"),
    (("meetings", 0, "items", 1, "speaker"), "x", "meetings[0].items[1].speaker",
     "unknown key 'speaker'"),
    (("decisions", 1, "eqia", "status"), "done", "decisions[1].eqia.status",
     "'done' is not one of not_started, screening, not_required, in_progress, completed,"
     " signed_off"),
    (("decisions", 0, "dpia", "status"), "finished", "decisions[0].dpia.status",
     "'finished' is not one of not_started"),
    (("decisions", 0, "route"), "fast_track", "decisions[0].route",
     "'fast_track' is not one of committee, outside_cycle, general_exception,"
     " special_urgency"),
    (("decisions", 0, "committee_considerations", 0, "outcome"), "approved",
     "decisions[0].committee_considerations[0].outcome",
     "'approved' is not one of endorsed, recommendations_made, noted"),
    (("decisions", 0, "status"), "agreed", "decisions[0].status",
     "'agreed' is not one of draft, notice_published"),
    (("decisions", 0, "key_decision_criteria"), ["expenditure", "money"],
     "decisions[0].key_decision_criteria[1]", "'money' is not one of expenditure, divisions"),
    (("meetings", 0, "notices"), ["webcasting", "coffee"], "meetings[0].notices[1]",
     "'coffee' is not one of webcasting, remote_attendance"),
    (("decisions", 0, "number"), "23-00098", "decisions[0].number",
     "'23-00098' is not a decision number"),
    (("decisions", 0, "number"), "2023/98", "decisions[0].number",
     "'2023/98' is not a decision number"),
    (("decisions", 0, "notice_published_on"), "2023-02-30",
     "decisions[0].notice_published_on", "'2023-02-30' is not a real date"),
    (("meetings", 0, "date"), "2024-02-30", "meetings[0].date",
     "'2024-02-30' is not a real date"),
    (("decisions", 0, "committee_considerations", 0, "date"), "23/11/2023",
     "decisions[0].committee_considerations[0].date", "'23/11/2023' is not"),
    (("meetings", 0, "time"), "25:00", "meetings[0].time", "'25:00' is not a time (HH:MM"),
    (("meetings", 0, "time"), "2pm", "meetings[0].time", "'2pm' is not a time"),
    (("decisions", 0, "parts", 0, "verb"), "accept", "decisions[0].parts[0].verb",
     "'accept' is not an upper-case verb"),
    (("decisions", 0, "exempt_paragraph"), 8, "decisions[0].exempt_paragraph",
     "8 is out of range (maximum 7)"),
    (("meetings", 0, "items", 1, "exempt_paragraph"), 0,
     "meetings[0].items[1].exempt_paragraph", "0 is out of range (minimum 1)"),
    (("decisions", 1, "title"), _DELETE, "decisions[1].title", "is required but missing"),
    (("decisions", 0, "parts", 0, "delegation"), {"scope": "all of it"},
     "decisions[0].parts[0].delegation.post", "is required but missing"),
    (("decisions", 0, "key_decision"), "yes", "decisions[0].key_decision",
     "'yes' should be boolean or null"),
    (("decisions", 0, "parts"), "ACCEPT the funding", "decisions[0].parts",
     "should be array"),
    (("members", 0, "name"), "", "members[0].name", "must not be empty"),
    (("format",), "decision-register/2", "format", "is not 'decision-register/1'"),
])
def test_a_value_the_format_does_not_allow_is_refused_naming_it_and_its_path(
    sample_register, addition, write_doc, tmp_path, path, value, where, expected,
):
    _set(addition, path, value)
    doc = write_doc(tmp_path / "in", addition)
    message = _refused(sample_register, doc)
    assert message.startswith(f"{doc}: {where}: ")
    assert expected in message


@pytest.mark.parametrize(("path", "value", "where", "expected"), [
    (("committees", 0, "kind"), "board", "committees[0].kind",
     "'board' is not one of cabinet_committee, cabinet, scrutiny, council, other"),
    (("committees", 0, "membership", 0, "role"), "chair", "committees[0].membership[0].role",
     "'chair' is not one of chairman, vice_chairman, member, substitute"),
    (("committees", 0, "seats"), "3", "committees[0].seats", "'3' should be integer or null"),
    (("committees", 0, "seats"), True, "committees[0].seats", "True should be integer"),
    (("council", "key_decision_threshold_pounds"), -1,
     "council.key_decision_threshold_pounds", "-1 is out of range (minimum 0)"),
])
def test_committee_and_council_values_are_checked(
    register, sample_doc, write_doc, tmp_path, path, value, where, expected,
):
    import_file(register, write_doc(tmp_path / "other", {
        "format": "decision-register/1", "members": [{"name": "Mr Already Here"}]}))
    _set(sample_doc, path, value)
    doc = write_doc(tmp_path / "in", sample_doc)
    message = _refused(register, doc)
    assert message.startswith(f"{doc}: {where}: ")
    assert expected in message


# --- references and duplicates ----------------------------------------------------------


@pytest.mark.parametrize(("path", "value", "where", "expected"), [
    (("decisions", 0, "committee_considerations", 0, "committee"), "Planning Committee",
     "decisions[0].committee_considerations[0].committee",
     "'Planning Committee' is not a committee in the document or the register"),
    (("meetings", 0, "committee"), "Planning Committee", "meetings[0].committee",
     "'Planning Committee' is not a committee"),
    (("meetings", 0, "items", 1, "decision"), "23/09999", "meetings[0].items[1].decision",
     "'23/09999' is not a decision in the document or the register"),
    (("decisions", 1, "number"), NEW_A, "decisions[1].number",
     f"'{NEW_A}' appears twice in the document"),
    (("decisions", 1, "number"), "23/00098", "decisions[1].number",
     "'23/00098' is already in the register"),
    (("members", 0), {"name": "Mr A M Ridgers", "party": "Labour"}, "members[0].name",
     "'Mr A M Ridgers' is already in the register with party 'Conservative'; the file has"
     " 'Labour' (import with --keep-existing"),
    (("meetings", 0, "date"), "2023-11-23", "meetings[0].date",
     "already has a meeting on 2023-11-23"),
])
def test_a_reference_or_duplicate_that_does_not_fit_is_refused(
    sample_register, addition, write_doc, tmp_path, path, value, where, expected,
):
    _set(addition, path, value)
    doc = write_doc(tmp_path / "in", addition)
    message = _refused(sample_register, doc)
    assert message.startswith(f"{doc}: {where}: ")
    assert expected in message


def test_a_member_not_in_the_document_or_register_is_refused(
    register, sample_doc, write_doc, tmp_path,
):
    import_file(register, write_doc(tmp_path / "other", {
        "format": "decision-register/1", "members": [{"name": "Mr Already Here"}]}))
    sample_doc["committees"][0]["membership"][2]["member"] = "Mr Nobody"
    doc = write_doc(tmp_path / "in", sample_doc)
    message = _refused(register, doc)
    assert message == (f"{doc}: committees[0].membership[2].member: 'Mr Nobody' is not a"
                       " member in the document or the register")


def test_references_to_what_the_register_already_holds_are_accepted(
    sample_register, write_doc, tmp_path,
):
    doc = {"format": "decision-register/1",
           "committees": [{"name": "Scrutiny Committee", "kind": "scrutiny",
                           "membership": [{"member": "Mr D Ross", "role": "chairman"}]}],
           "meetings": [{"committee": "Adult Social Care Cabinet Committee",
                         "date": "2024-03-01",
                         "items": [{"title": "Fund", "decision": "23/00098"}]}]}
    import_file(sample_register, write_doc(tmp_path / "in", doc))
    committees = {c.name: c for c in sample_register.store.committees()}
    assert [m.member for m in committees["Scrutiny Committee"].membership] == ["Mr D Ross"]
    meeting = [m for m in sample_register.store.meetings(content=True)
               if m.date.isoformat() == "2024-03-01"]
    assert meeting[0].items[0].decision == "23/00098"


# --- papers -------------------------------------------------------------------------------


def test_a_missing_paper_is_refused(sample_register, addition, write_doc, tmp_path):
    addition["meetings"][0]["items"][1]["papers"] = ["papers/report.pdf"]
    doc = write_doc(tmp_path / "in", addition)
    message = _refused(sample_register, doc)
    assert message.startswith(f"{doc}: meetings[0].items[1].papers[0].path:"
                              " 'papers/report.pdf' not found")


def test_a_paper_that_is_not_a_pdf_is_refused(
    sample_register, addition, write_doc, tmp_path, make_pdf,
):
    addition["meetings"][0]["items"][1]["papers"] = [
        "papers/report.pdf", {"path": "papers/appendix.pdf", "title": "Appendix A"}]
    path = write_doc(tmp_path / "in", addition, papers={
        "papers/report.pdf": make_pdf("report"),
        "papers/appendix.pdf": b"PK\x03\x04 this is a zip file"})
    assert _refused(sample_register, path) == (
        f"{path}: meetings[0].items[1].papers[1].path: 'papers/appendix.pdf' is not a PDF"
        " file: it is"
        " a ZIP archive (a Word .docx, Excel .xlsx or PowerPoint .pptx file is one): save it"
        " as PDF (File > Save As > PDF) and attach that")


def test_a_paper_that_is_a_folder_is_refused(sample_register, addition, write_doc, tmp_path):
    addition["meetings"][0]["items"][1]["papers"] = ["papers"]
    path = write_doc(tmp_path / "in", addition)
    (path.parent / "papers").mkdir()
    assert "is a folder" in _refused(sample_register, path)


def test_papers_are_stored_with_the_import(
    sample_register, addition, write_doc, tmp_path, make_pdf,
):
    addition["meetings"][0]["items"][1]["papers"] = [
        {"path": "papers/report.pdf", "title": "Report", "exempt_paragraph": None}]
    summary = import_file(sample_register, write_doc(tmp_path / "in", addition, papers={
        "papers/report.pdf": make_pdf("report")})).value
    assert summary.papers == 1
    meeting = [m for m in sample_register.store.meetings(content=True)
               if m.date.isoformat() == "2024-01-18"][0]
    (paper,) = meeting.items[1].papers
    assert (paper.path, paper.title, paper.content) == ("report.pdf", "Report",
                                                        make_pdf("report"))


# --- failures at the very end roll everything back --------------------------------------


def test_a_collision_on_the_last_decision_rolls_back_everything(
    sample_register, addition, write_doc, tmp_path, monkeypatch,
):
    """The checks are told the register is empty, so the clash is only found by SQL when
    the last decision goes in, after everything else in the file has been written."""
    addition["decisions"][-1]["number"] = "23/00101"
    path = write_doc(tmp_path / "in", addition)
    real = sample_register.store.known_names()
    real.decisions.discard("23/00101")
    monkeypatch.setattr(sample_register.store, "known_names", lambda: real)
    held = sample_register.store.decisions
    monkeypatch.setattr(sample_register.store, "decisions", lambda numbers=None, **kw: [
        d for d in held(numbers, **kw) if d.number != "23/00101"])
    before = _state(sample_register)
    with pytest.raises(StoreError) as caught:
        import_file(sample_register, path)
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert _state(sample_register) == before
    assert "Mrs P Stockell" not in {m.name for m in exchange.document(sample_register).members}
    with pytest.raises(NotFound):
        decisions.decision(sample_register, NEW_A)


def test_a_failure_on_the_last_meeting_rolls_back_everything(
    register, sample_doc, write_doc, tmp_path, monkeypatch,
):
    import_file(register, write_doc(tmp_path / "first", {
        "format": "decision-register/1", "members": [{"name": "Mr Already Here"}]}))
    second = copy.deepcopy(sample_doc["meetings"][0])
    second["date"] = "2024-01-18"
    sample_doc["meetings"].append(second)
    path = write_doc(tmp_path / "in", sample_doc)
    real = SqliteStore.add_meeting
    seen: list[str] = []

    def failing(self: SqliteStore, meeting: Any) -> int:
        seen.append(meeting.date.isoformat())
        if meeting.date.isoformat() == "2024-01-18":
            exc = sqlite3.OperationalError("disk I/O error")  # as SQLite raises it
            exc.sqlite_errorcode, exc.sqlite_errorname = sqlite3.SQLITE_IOERR, "SQLITE_IOERR"
            raise exc
        return real(self, meeting)

    monkeypatch.setattr(SqliteStore, "add_meeting", failing)
    before = _state(register)
    with pytest.raises(StoreError) as caught:
        import_file(register, path)
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    assert "disk I/O error" in str(caught.value)
    assert seen == ["2023-11-23", "2024-01-18"]  # the first meeting had been written
    assert _state(register) == before
    assert register.store.meetings(content=True) == [] and decisions.all_decisions(register) == []
    assert register.store.council() is None
    assert [m.name for m in exchange.document(register).members] == ["Mr Already Here"]


def test_the_register_is_usable_after_a_rolled_back_import(
    sample_register, addition, write_doc, tmp_path,
):
    bad = copy.deepcopy(addition)
    bad["decisions"][1]["eqia"]["status"] = "done"
    with pytest.raises(InterchangeError):
        import_file(sample_register, write_doc(tmp_path / "bad", bad))
    import_file(sample_register, write_doc(tmp_path / "good", addition))
    assert decisions.decision(sample_register, NEW_B).status == "taken"
    assert decisions.verify_audit(sample_register) == (
        len(decisions.audit_trail(sample_register)), None, None)


# --- history as it was ------------------------------------------------------------------


def test_a_taken_decision_without_an_eqia_imports_as_taken(
    sample_register, addition, write_doc, tmp_path,
):
    taken = addition["decisions"][1]
    taken["eqia"] = None
    del taken["dpia"]
    import_file(sample_register, write_doc(tmp_path / "in", addition))
    decision = decisions.decision(sample_register, NEW_B)
    assert decision.status == "taken"
    assert decision.eqia is None and decision.dpia is None
    assert decision.taken_on.isoformat() == taken["taken_on"]
    assert decision.published_on.isoformat() == taken["published_on"]
    assert [p.verb for p in decision.parts] == ["EXTEND"]


# --- the command line -------------------------------------------------------------------


Mutator = Callable[[dict[str, Any]], None]


@pytest.mark.parametrize(("mutate", "where", "expected"), [
    (lambda d: _set(d, ("decisions", 1, "eqia", "status"), "done"),
     "decisions[1].eqia.status", "'done' is not one of not_started"),
    (lambda d: _set(d, ("decisions", 1, "number"), "23/00098"),
     "decisions[1].number", "'23/00098' is already in the register"),
    (lambda d: _set(d, ("meetings", 0, "items", 1, "papers"), ["papers/x.pdf"]),
     "meetings[0].items[1].papers[0].path", "'papers/x.pdf' not found"),
])
def test_the_import_command_prints_one_line_naming_file_path_and_value(
    sample_register, addition, write_doc, tmp_path, capsys, mutate, where, expected,
):
    mutate(addition)
    bad = write_doc(tmp_path / "in", addition)
    before = _state(sample_register)
    code = main(["--db", str(sample_register.store.path), "import", str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith(f"import: {bad}: {where}: ")
    assert expected in err
    assert _state(sample_register) == before


def test_the_import_command_reports_bad_json_with_line_and_column(
    sample_register, write_doc, tmp_path, capsys,
):
    bad = write_doc(tmp_path / "in", '{"format": "decision-register/1",}')
    code = main(["--db", str(sample_register.store.path), "import", str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith(f"import: {bad}: not valid JSON: ")
    assert "line 1 column 34" in err


def test_the_import_command_imports_a_good_file(
    sample_register, addition, write_doc, tmp_path, capsys,
):
    good = write_doc(tmp_path / "in", addition)
    assert main(["--db", str(sample_register.store.path), "import", str(good)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 2 decisions, 1 meetings")
    assert decisions.decision(sample_register, NEW_A).title == addition["decisions"][0]["title"]


def test_no_other_writer_can_slip_in_between_the_checks_and_the_insert(
    sample_register, addition, write_doc, tmp_path, monkeypatch,
):
    """A second clerk importing a clashing decision while this import is being checked
    must wait: otherwise this import fails with a raw SQL error instead of a message."""
    import governance.exchange

    clash = write_doc(tmp_path / "clash", {"format": "decision-register/1", "decisions": [
        {"number": NEW_B, "title": "Someone else's decision"}]})
    other = open_desk(sample_register.store.path)
    other.store.db.conn.execute("PRAGMA busy_timeout = 100")
    outcome: list[str] = []
    real = governance.exchange.read_document

    def read_then_race(path: Path, known: Any, check_paper: Any) -> Any:
        doc = real(path, known, check_paper)
        if path == clash:  # the other clerk's own import
            return doc
        try:
            import_file(other, clash)
            outcome.append("other writer got in")
        except StoreError as exc:
            assert isinstance(exc.__cause__, sqlite3.OperationalError)
            assert str(exc).endswith(f"could not be used: {exc.__cause__}")
            outcome.append(str(exc.__cause__))
        return doc

    monkeypatch.setattr(governance.exchange, "read_document", read_then_race)
    try:
        import_file(sample_register, write_doc(tmp_path / "in", addition))
    finally:
        other.close()
    assert outcome == ["database is locked"]
    assert decisions.decision(sample_register, NEW_B).title == addition["decisions"][1]["title"]
