"""Two officers, one register: two processes (each its own OS user name) on one file.

An edit based on a copy the other officer has since changed is refused, naming who changed
what and when; nothing either officer saved is lost; under real contention every saved
edit and every new number is there afterwards and the audit chain is unbroken.
(Numbers allocated at once by several processes: tests/test_numbering.py.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from governance import decisions
from governance.desk import Desk
from tests.conftest import open_desk

ROOT = Path(__file__).parent.parent

#: One officer's app: reads commands (JSON lines) and answers each with a JSON line.
OFFICER = r"""
import json, sys, time
from pathlib import Path
from governance import decisions
from governance.errors import StaleEdit
from tests.conftest import open_desk
reg = open_desk(Path(sys.argv[1]))
for line in sys.stdin:
    cmd = json.loads(line)
    try:
        if cmd["do"] == "load":
            d = decisions.decision(reg, cmd["number"])
            out = {"version": d.version, "title": d.title, "reasons": d.reasons,
                   "alternatives": d.alternatives}
        elif cmd["do"] == "edit":
            d = decisions.update_decision(reg, cmd["number"], cmd["changes"],
                                          expected_version=cmd["version"]).value
            out = {"version": d.version}
        elif cmd["do"] == "race":  # edit a field N times, reloading whenever refused
            saved = refused = 0
            while saved < cmd["times"]:
                d = decisions.decision(reg, cmd["number"])
                value = f"{cmd['prefix']} {saved}"
                time.sleep(cmd["think"])  # the officer types: the other may save meanwhile
                try:
                    decisions.update_decision(reg, cmd["number"], {cmd["field"]: value},
                                              expected_version=d.version)
                    saved += 1
                except StaleEdit:
                    refused += 1
                created = decisions.create_decision(reg, f"{cmd['prefix']} new {saved}",
                                                    year=2025).value
            out = {"saved": saved, "refused": refused, "last_number": created.number}
        else:
            out = {"error": "unknown command"}
    except StaleEdit as exc:
        out = {"stale": str(exc)}
    print(json.dumps(out), flush=True)
reg.close()
"""


class Officer:
    def __init__(self, db: Path, user: str):
        env = {**os.environ, "LOGNAME": user, "USER": user, "LNAME": user, "USERNAME": user}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", OFFICER, str(db)], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def send(self, **cmd: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    def answer(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read() if self.proc.stderr else "the officer's app died"
        return json.loads(line)

    def ask(self, **cmd: Any) -> dict[str, Any]:
        self.send(**cmd)
        return self.answer()

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def officers(sample_register: Desk):
    assert sample_register.store.path is not None
    path = sample_register.store.path
    sample_register.close()
    a, b = Officer(path, "officer.anne"), Officer(path, "officer.bilal")
    try:
        yield path, a, b
    finally:
        a.close()
        b.close()


def test_an_edit_from_a_stale_copy_is_refused_naming_who_changed_what_and_when(officers):
    path, anne, bilal = officers
    number = "23/00101"
    anne_copy = anne.ask(do="load", number=number)
    bilal_copy = bilal.ask(do="load", number=number)
    assert anne_copy["version"] == bilal_copy["version"]

    saved = anne.ask(do="edit", number=number, version=anne_copy["version"],
                     changes={"reasons": "Anne's reasons"})
    assert saved["version"] == anne_copy["version"] + 1

    refused = bilal.ask(do="edit", number=number, version=bilal_copy["version"],
                        changes={"title": "Bilal's title"})
    message = refused["stale"]
    assert "officer.anne" in message  # who
    assert "reasons" in message  # what
    # when, in the council's time (the register keeps UTC)
    assert re.search(r"\d{1,2} \w{3} \d{4} \d{2}:\d{2}:\d{2} (GMT|BST)", message)
    assert "reload" in message  # and what to do

    reloaded = bilal.ask(do="load", number=number)
    assert reloaded["reasons"] == "Anne's reasons"  # the reload shows Anne's edit
    bilal.ask(do="edit", number=number, version=reloaded["version"],
              changes={"title": "Bilal's title"})
    anne.close()
    bilal.close()

    reg = open_desk(path)
    try:
        d = decisions.decision(reg, number)
        assert (d.reasons, d.title) == ("Anne's reasons", "Bilal's title")  # both kept
        trail = decisions.audit_trail(reg, "decision", number)
        assert [(r["os_user"], r["action"]) for r in trail[-2:]] == [
            ("officer.anne", "edit"), ("officer.bilal", "edit")]
        assert decisions.verify_audit(reg)[1] is None
    finally:
        reg.close()


def test_two_officers_editing_at_once_lose_nothing(officers):
    """Both edit the same decision as fast as they can (reloading when refused) and create
    decisions in between: every saved edit is in the trail, every number is unique, the
    chain is whole."""
    path, anne, bilal = officers
    times = 40
    anne.send(do="race", number="23/00098", field="reasons", prefix="anne", times=times,
               think=0.004)
    bilal.send(do="race", number="23/00098", field="alternatives", prefix="bilal",
               times=times, think=0.004)
    a, b = anne.answer(), bilal.answer()
    assert a["saved"] == b["saved"] == times
    anne.close()
    bilal.close()
    reg = open_desk(path)
    try:
        d = decisions.decision(reg, "23/00098")
        assert (d.reasons, d.alternatives) == (f"anne {times - 1}", f"bilal {times - 1}")
        edits = [r for r in decisions.audit_trail(reg, "decision", "23/00098")
                 if r["action"] == "edit"]
        assert len(edits) == 2 * times
        assert {r["os_user"] for r in edits} == {"officer.anne", "officer.bilal"}
        # Each saved edit changed exactly what its officer meant, on top of the other's.
        for row in edits:
            before, after = json.loads(row["before"]), json.loads(row["after"])
            changed = {k for k in after if before[k] != after[k]}
            assert changed == ({"reasons"} if row["os_user"] == "officer.anne"
                               else {"alternatives"})
        created = [s.number for s in decisions.summaries(reg) if s.number.startswith("25/")]
        attempts = 2 * times + a["refused"] + b["refused"]  # one new decision per attempt
        assert sorted(created) == [f"25/{i:05d}" for i in range(1, attempts + 1)]
        assert d.version == 1 + 2 * times
        rows, broken, why = decisions.verify_audit(reg)
        assert broken is None, why
    finally:
        reg.close()
    print(f"\ncontention: anne refused {a['refused']} times, bilal {b['refused']} times")
    assert a["refused"] + b["refused"] > 0  # they really did get in each other's way
