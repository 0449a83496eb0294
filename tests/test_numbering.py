"""Decision numbers: YY/NNNNN, in sequence per year, after any imported number, never the
same number twice, even with several processes allocating against one file at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance import decisions, exchange
from governance.desk import Desk
from governance.errors import StoreError
from governance.model import Decision, RegisterDocument
from tests.conftest import open_desk

ROOT = Path(__file__).parent.parent


@pytest.fixture
def reg() -> Iterator[Desk]:
    register = open_desk(None)
    yield register
    register.close()


def _import(reg: Desk, *numbers: str) -> None:
    exchange.import_document(reg, RegisterDocument(
        decisions=[Decision(number=n, title=f"Imported {n}") for n in numbers]))


def test_numbers_start_at_one_and_go_up_by_one(reg: Desk) -> None:
    assert decisions.allocate_number(reg, 2024) == "24/00001"
    assert decisions.allocate_number(reg, 2024) == "24/00002"
    assert decisions.create_decision(reg, "Third", year=2024).value.number == "24/00003"


def test_each_year_has_its_own_sequence(reg: Desk) -> None:
    assert decisions.allocate_number(reg, 2023) == "23/00001"
    assert decisions.allocate_number(reg, 2024) == "24/00001"
    assert decisions.allocate_number(reg, 2023) == "23/00002"
    assert decisions.allocate_number(reg, 2100) == "00/00001"


def test_allocation_continues_after_the_highest_imported_number(reg: Desk) -> None:
    _import(reg, "23/00091", "23/00098", "23/00012", "24/00003")
    assert decisions.allocate_number(reg, 2023) == "23/00099"
    assert decisions.create_decision(reg, "Next", year=2023).value.number == "23/00100"
    assert decisions.allocate_number(reg, 2024) == "24/00004"


def test_an_import_after_allocation_moves_the_sequence_on(reg: Desk) -> None:
    assert decisions.allocate_number(reg, 2023) == "23/00001"
    _import(reg, "23/00098")
    assert decisions.allocate_number(reg, 2023) == "23/00099"


def test_suffixed_numbers_are_accepted_on_import(reg: Desk) -> None:
    _import(reg, "17/00030b", "17/00030")
    assert decisions.decision(reg, "17/00030b").title == "Imported 17/00030b"
    assert decisions.allocate_number(reg, 2017) == "17/00031"


@pytest.mark.parametrize("number", ["17/30", "2017/00030", "17/00030B", "17-00030", "17/000300"])
def test_malformed_numbers_are_refused_on_import(reg: Desk, number: str) -> None:
    with pytest.raises(StoreError) as caught:
        _import(reg, number)
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert decisions.all_decisions(reg) == []


def test_a_failed_import_leaves_the_sequence_alone(reg: Desk) -> None:
    with pytest.raises(StoreError) as caught:
        _import(reg, "23/00098", "23/0099")  # the second is malformed: nothing goes in
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert decisions.all_decisions(reg) == []
    assert decisions.allocate_number(reg, 2023) == "23/00001"


WORKER = """
import sys, time
from pathlib import Path
from governance import decisions
from tests.conftest import open_desk
path, here, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
def wait(name):
    while not (here / name).exists():
        time.sleep(0.0005)
wait("open")
reg = open_desk(Path(path))
(here / f"ready{sys.argv[4]}").touch()
wait("go")
numbers = []
for _ in range(count):
    numbers.append(decisions.allocate_number(reg, 2024))
    time.sleep(0.002)  # a breath between allocations, so that the processes interleave
reg.close()
print(" ".join(numbers))
"""


def _wait_for(paths: list[Path], workers: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + 30
    while not all(p.exists() for p in paths):
        assert time.monotonic() < deadline, "the workers did not get ready"
        dead = [w for w in workers if w.poll() is not None]
        assert not dead, dead[0].communicate()[1]
        time.sleep(0.005)


def test_processes_allocating_at_once_never_share_a_number(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    processes, per_process = 4, 50
    workers = [subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), str(tmp_path), str(per_process), str(i)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(processes)]
    try:
        time.sleep(0.3)
        (tmp_path / "open").touch()  # all create the new register file at the same moment
        _wait_for([tmp_path / f"ready{i}" for i in range(processes)], workers)
        (tmp_path / "go").touch()  # then all allocate at once
        results = [w.communicate(timeout=60) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait()
    for worker, (_, err) in zip(workers, results):
        assert worker.returncode == 0, err
    each = [out.split() for out, _ in results]
    assert [len(numbers) for numbers in each] == [per_process] * processes
    for numbers in each:  # each process saw its own numbers rise
        assert numbers == sorted(numbers)
    # The processes really did run at once: their numbers interleave.
    assert any(numbers[-1] != f"24/{int(numbers[0][3:]) + per_process - 1:05d}"
               for numbers in each)
    union = sorted(n for numbers in each for n in numbers)
    assert union == [f"24/{i:05d}" for i in range(1, processes * per_process + 1)]
    reg = open_desk(path)
    try:
        assert decisions.allocate_number(reg, 2024) == f"24/{processes * per_process + 1:05d}"
    finally:
        reg.close()



def test_opening_a_new_register_waits_for_another_process_creating_it(tmp_path: Path) -> None:
    """While one process holds the write lock on a new file (creating the register), another
    opening it must wait, not fail with "database is locked" (SQLite does not call the busy
    handler for the switch to WAL)."""
    path = tmp_path / "register.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE other_process (x)")
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.execute, ["COMMIT"])
    release.start()
    try:
        started = time.monotonic()
        reg = open_desk(path)
        try:
            assert time.monotonic() - started >= 0.2  # it did wait for the lock
            assert decisions.allocate_number(reg, 2024) == "24/00001"
        finally:
            reg.close()
    finally:
        release.join()
        other.close()
