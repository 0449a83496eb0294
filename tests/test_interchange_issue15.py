"""What issue 15 added to the register beside its decisions and meetings, carried by the
interchange as optional keys of ``decision-register/1`` (every store): the statutory
notices published (``statutory_notices``), the Forward Plans published (``forward_plans``)
and each committee's regular and suggested items (``work_programmes``). Export, import
into an empty register and export again gives the same bytes; a file without them stays
valid; a reference that does not fit, or an import that fails half way, leaves the
register as it was."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from governance import decisions, exchange, forward_plan, notices, work_programme
from governance.desk import Desk
from governance.interchange import InterchangeError
from governance.programme import RegularItem, Suggestion
from tests.usecase_fixtures import STORES, build_desk, everything, import_dict

ASC = "Adult Social Care Cabinet Committee"
NOV = dt.date(2023, 11, 23)
EARLY = dt.date(2023, 10, 20)
SCHEMA = Path(__file__).parent.parent / "governance" / "interchange.schema.json"
AGREED = ("The grant must be accepted by 8 December 2023; Mr A M Ridgers, Chairman of the"
          " Scrutiny Committee, agreed on 4 December 2023 that it could not be deferred.")


def _lists(desk: Desk) -> None:
    """A notice of a private meeting and its confirmation, a general exception notice,
    a Forward Plan published, a regular item and two suggestions."""
    desk.clock.day = EARLY
    decisions.update_decision(desk, "23/00098", {"exempt_paragraph": 3})
    notices.publish(desk, "private", "23/00098", EARLY)
    desk.clock.day = dt.date(2023, 11, 10)
    notices.publish(desk, "private-confirmation", "23/00098", dt.date(2023, 11, 10),
                    representations="One, from a resident.", response="Held in private.")
    decisions.update_decision(desk, "23/00101", {"key_decision": True,
                                                 "urgency_reason": AGREED})
    notices.publish(desk, "general-exception", "23/00101", dt.date(2023, 11, 10),
                    informed="Mr A M Ridgers")
    forward_plan.set_expected(desk, "23/00098", "2023-12")
    forward_plan.publish(desk, dt.date(2023, 11, 10))
    work_programme.set_regular_item(desk, ASC, "Performance Dashboard", "Sep,Nov,Mar,May")
    work_programme.suggest(desk, ASC, "Carers' Strategy — ünïcode", "Mr D Ross",
                           dt.date(2023, 9, 5))
    work_programme.suggest(desk, ASC, "Day services review", None, dt.date(2023, 10, 2))


def test_the_lists_are_exported_under_their_keys(sample_desk: Desk) -> None:
    _lists(sample_desk)
    data = json.loads(exchange.export_text(sample_desk))
    assert list(data)[-3:] == ["statutory_notices", "forward_plans", "work_programmes"]
    assert data["statutory_notices"] == [
        {"kind": "private", "decision": "23/00098", "published_on": "2023-10-20",
         "committee": ASC, "date": "2023-11-23", "paragraph": 3, "reason": None,
         "informed": None, "representations": None, "response": None,
         "recorded_by": "test.clerk"},
        {"kind": "private-confirmation", "decision": "23/00098",
         "published_on": "2023-11-10", "committee": ASC, "date": "2023-11-23",
         "paragraph": 3, "reason": None, "informed": None,
         "representations": "One, from a resident.", "response": "Held in private.",
         "recorded_by": "test.clerk"},
        {"kind": "general-exception", "decision": "23/00101", "published_on": "2023-11-10",
         "committee": None, "date": None, "paragraph": None, "reason": AGREED,
         "informed": "Mr A M Ridgers", "representations": None, "response": None,
         "recorded_by": "test.clerk"}]
    assert data["forward_plans"] == [
        {"published_on": "2023-11-10", "from": "2023-11-10", "to": "2023-12-31",
         "decisions": ["23/00098"], "recorded_by": "test.clerk", "late_reason": None}]
    assert data["work_programmes"] == [
        {"committee": ASC,
         "regular_items": [{"title": "Performance Dashboard", "months": [9, 11, 3, 5]}],
         "suggested_items": [
             {"title": "Carers' Strategy — ünïcode", "by": "Mr D Ross", "on": "2023-09-05"},
             {"title": "Day services review", "by": None, "on": "2023-10-02"}]}]
    errors = Draft202012Validator(json.loads(SCHEMA.read_text("utf-8")),
                                  format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(errors.iter_errors(data)) == []


def test_a_register_without_them_exports_no_such_key(sample_desk: Desk) -> None:
    data = json.loads(exchange.export_text(sample_desk))
    assert not {"statutory_notices", "forward_plans", "work_programmes"} & set(data)


def test_export_import_export_gives_the_same_bytes_with_the_lists(
        sample_desk: Desk, new_desk: Callable[[], Desk], tmp_path: Path) -> None:
    _lists(sample_desk)
    text = exchange.export_text(sample_desk)
    public = exchange.export_text(sample_desk, public=True)
    again = new_desk()
    summary = import_dict(again, json.loads(text), tmp_path / "again")
    assert str(summary) == ("3 decisions, 1 meetings, 1 committees, 3 members, 2 posts,"
                            " 0 papers, 3 published notices, 1 published Forward Plan,"
                            " 3 work programme items")
    assert exchange.export_text(again) == text
    assert exchange.export_text(again, public=True) == public
    # What the use cases read back is what was published and kept.
    assert notices.published(again) == notices.published(sample_desk)
    assert forward_plan.publications(again) == forward_plan.publications(sample_desk)
    assert work_programme.regular_items(again, ASC) == [
        RegularItem("Performance Dashboard", (9, 11, 3, 5))]
    assert work_programme.suggestions(again, ASC)[0] == Suggestion(
        "Carers' Strategy — ünïcode", "Mr D Ross", dt.date(2023, 9, 5))
    # Each addition is audited; the chain holds.
    assert [r.action for r in decisions.audit_trail(again, "notice", "23/00098")] == [
        "import", "import"]
    assert decisions.verify_audit(again)[1:] == (None, None)
    # The next Forward Plan in the copy marks as new only what the last one lacked.
    again.clock.day = sample_desk.clock.day
    plan = forward_plan.forward_plan(again, dt.date(2023, 11, 10), dt.date(2023, 12, 31))
    assert [(e.number, e.new) for e in plan.entries] == [("23/00098", False)]


def test_importing_the_same_file_again_changes_nothing(
        sample_desk: Desk, tmp_path: Path) -> None:
    _lists(sample_desk)
    data = json.loads(exchange.export_text(sample_desk))
    before = everything(sample_desk)
    summary = import_dict(sample_desk, data, tmp_path / "twice")
    assert summary.lists == exchange.ImportSummary(0, 0, 0, 0, 0, 0).lists
    assert "published" not in str(summary)
    assert everything(sample_desk)["export"] == before["export"]


def test_the_public_export_leaves_out_what_names_an_exempt_decision(
        sample_desk: Desk, new_desk: Callable[[], Desk], tmp_path: Path) -> None:
    _lists(sample_desk)  # 23/00098's record is exempt (paragraph 3)
    data = json.loads(exchange.export_text(sample_desk, public=True))
    assert "23/00098" not in json.dumps(data)
    assert [n["decision"] for n in data["statutory_notices"]] == ["23/00101"]
    assert data["forward_plans"][0]["decisions"] == []
    import_dict(new_desk(), data, tmp_path / "public")  # and it imports cleanly
    decisions.update_decision(sample_desk, "23/00098", {"exempt_paragraph": None})
    decisions.update_decision(sample_desk, "23/00101", {"exempt_paragraph": 1})
    data = json.loads(exchange.export_text(sample_desk, public=True))
    assert "23/00101" not in json.dumps(data)
    assert [n["kind"] for n in data["statutory_notices"]] == ["private",
                                                              "private-confirmation"]
    assert data["forward_plans"][0]["decisions"] == ["23/00098"]


def _with_lists(sample_doc: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(sample_doc)
    doc["statutory_notices"] = [{"kind": "private", "decision": "23/00098",
                                 "published_on": "2023-10-20", "committee": ASC,
                                 "date": "2023-11-23", "paragraph": 3}]
    doc["forward_plans"] = [{"published_on": "2023-10-20", "from": "2023-10-20",
                             "to": "2023-12-31", "decisions": ["23/00098"]}]
    doc["work_programmes"] = [{"committee": ASC, "regular_items": [
        {"title": "Performance Dashboard", "months": [9, 11]}]}]
    return doc


def test_a_file_with_the_keys_but_no_recorded_by_names_the_importer(
        any_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    import_dict(any_desk, _with_lists(sample_doc), tmp_path / "in")
    [kept] = notices.published(any_desk)
    assert (kept.kind, kept.on, kept.committee, kept.date, kept.recorded_by) == (
        "private", EARLY, ASC, NOV, "test.clerk")
    assert forward_plan.publications(any_desk)[0].numbers == ("23/00098",)
    assert work_programme.regular_items(any_desk, ASC) == [
        RegularItem("Performance Dashboard", (9, 11))]


@pytest.mark.parametrize(("change", "where", "message"), [
    (lambda d: d["statutory_notices"][0].update(decision="23/09999"),
     "statutory_notices[0].decision", "'23/09999' is not a decision in the document"),
    (lambda d: d["statutory_notices"][0].update(kind="secret"),
     "statutory_notices[0].kind", "'secret' is not one of private, private-confirmation"),
    (lambda d: d["statutory_notices"][0].update(committee=None),
     "statutory_notices[0]", "a private notice names the meeting held in private"),
    (lambda d: d["statutory_notices"].append(dict(d["statutory_notices"][0])),
     "statutory_notices[1]", "the private notice for 23/00098 is given twice"),
    (lambda d: d["forward_plans"][0].update(decisions=["23/00098", "24/00001"]),
     "forward_plans[0].decisions[1]", "'24/00001' is not a decision in the document"),
    (lambda d: d["forward_plans"][0].update(to="2023-10-01"),
     "forward_plans[0].to", "'2023-10-01' is before from '2023-10-20'"),
    (lambda d: d["work_programmes"][0].update(committee="Scrutiny"),
     "work_programmes[0].committee", "'Scrutiny' is not a committee in the document"),
    (lambda d: d["work_programmes"][0]["regular_items"][0].update(months=[13]),
     "work_programmes[0].regular_items[0].months[0]", "13 is out of range"),
    (lambda d: d["work_programmes"][0]["regular_items"].append(
        {"title": "performance  dashboard", "months": [1]}),
     "work_programmes[0].regular_items[1].title", "is listed twice"),
    (lambda d: d["work_programmes"][0].update(extra=1),
     "work_programmes[0].extra", "unknown key 'extra'"),
])
def test_what_does_not_fit_is_refused_naming_its_path_and_nothing_changes(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path,
        change: Callable[[dict], None], where: str, message: str) -> None:
    doc = _with_lists(sample_doc)
    doc["decisions"].append({"number": "23/00400", "title": "A decision of the file"})
    change(doc)
    before = everything(sample_desk)
    with pytest.raises(InterchangeError) as refused:
        import_dict(sample_desk, doc, tmp_path / "bad")
    assert refused.value.path.endswith(where)
    assert message in refused.value.message
    assert everything(sample_desk) == before


def test_an_import_that_fails_half_way_leaves_the_register_as_it_was(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    """The file's decision and regular item are written before its notice clashes with the
    one the register records: all of it is undone."""
    _lists(sample_desk)
    before = everything(sample_desk)
    doc = json.loads(before["export"])
    doc["decisions"].append({"number": "23/00400", "title": "A decision of the file"})
    doc["work_programmes"][0]["regular_items"] = [{"title": "Annual Report", "months": [11]}]
    doc["statutory_notices"][0]["published_on"] = "2023-10-19"
    with pytest.raises(InterchangeError) as refused:
        import_dict(sample_desk, doc, tmp_path / "clash")
    assert refused.value.path.endswith("statutory_notices[0]")
    assert ("the private notice for 23/00098 (Adult Social Care Cabinet Committee,"
            " 2023-11-23) is already recorded with published_on '2023-10-20'; the file has"
            " '2023-10-19'") in refused.value.message
    assert everything(sample_desk) == before
    assert work_programme.regular_items(sample_desk, ASC) == [
        RegularItem("Performance Dashboard", (9, 11, 3, 5))]


def test_a_regular_item_that_differs_follows_the_way_with_existing_entries(
        sample_desk: Desk, sample_doc: dict[str, Any], tmp_path: Path) -> None:
    _lists(sample_desk)
    doc = {"format": "decision-register/1", "work_programmes": [
        {"committee": ASC, "regular_items": [{"title": "Performance Dashboard",
                                              "months": [6]}]}]}
    with pytest.raises(InterchangeError, match="--keep-existing"):
        import_dict(sample_desk, doc, tmp_path / "refused")
    path = tmp_path / "update" / "register.json"
    path.parent.mkdir()
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = exchange.import_file(sample_desk, path, existing=exchange.KEEP_EXISTING)
    assert done.value.kept == 1
    assert work_programme.regular_items(sample_desk, ASC)[0].months == (9, 11, 3, 5)
    done = exchange.import_file(sample_desk, path, existing=exchange.UPDATE)
    assert done.value.updated == 1
    assert work_programme.regular_items(sample_desk, ASC)[0].months == (6,)
    last = decisions.audit_trail(sample_desk, "committee", ASC)[-1]
    assert (last.action, last.after_json()) == (
        "import_update", {"regular_item": {"title": "Performance Dashboard", "months": [6]}})


def test_every_store_exports_the_lists_byte_for_byte_the_same(
        sample_doc: dict[str, Any], tmp_path: Path, pg_databases) -> None:
    """The same register built on the fake, SQLite and PostgreSQL exports the same text."""
    texts = {}
    for kind in STORES:
        desk = build_desk(kind, tmp_path, f"{kind}.sqlite",
                          pg_databases.new() if kind == "postgresql" else None)
        try:
            import_dict(desk, sample_doc, tmp_path / kind)
            _lists(desk)
            texts[kind] = exchange.export_text(desk)
        finally:
            desk.close()
    assert "statutory_notices" in texts["sqlite"]
    assert texts["sqlite"] == texts["postgresql"] == texts["fake"]
