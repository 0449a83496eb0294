"""A team at once on one shared register, each officer a process of their own: 20 clients
allocating numbers never share one; two clerks editing one decision: the stale save is
refused naming who changed what; a reader reads while a clerk writes. Needs a PostgreSQL
server (tests/pg_server.py starts a throwaway one)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.postgres_store import PostgresStore
from governance import decisions, exchange
from governance.desk import Desk
from governance.errors import StaleEdit
from tests.fake_documents import FakeDocuments

ROOT = Path(__file__).resolve().parent.parent

ALLOCATOR = """
import sys, time
from pathlib import Path
from db.postgres_store import PostgresStore
from governance import decisions
from governance.desk import Desk
from tests.fake_documents import FakeDocuments
url, here, count, me = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
desk = Desk(PostgresStore.open(url), FakeDocuments(), user=f"clerk{me}")
(here / f"ready{me}").touch()
while not (here / "go").exists():
    time.sleep(0.001)
numbers = [decisions.create_decision(desk, f"Decision of clerk {me}", year=2024).value.number
           for _ in range(count)]
desk.close()
print(" ".join(numbers))
"""


def _start(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_twenty_clients_registering_at_once_never_share_a_number(pg_databases, tmp_path):
    url = pg_databases.new()
    clients, each = 20, 10
    workers = [_start(ALLOCATOR, url, str(tmp_path), str(each), str(i)) for i in range(clients)]
    try:
        deadline = time.monotonic() + 60
        while not all((tmp_path / f"ready{i}").exists() for i in range(clients)):
            assert time.monotonic() < deadline, "the clients did not get ready"
            dead = [w for w in workers if w.poll() is not None]
            assert not dead, dead[0].communicate()[1]
            time.sleep(0.01)
        (tmp_path / "go").touch()
        results = [w.communicate(timeout=120) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait()
    for worker, (_, err) in zip(workers, results):
        assert worker.returncode == 0, err
    numbers = [n for out, _ in results for n in out.split()]
    assert len(numbers) == clients * each
    assert sorted(numbers) == [f"24/{i:05d}" for i in range(1, clients * each + 1)]
    desk = Desk(PostgresStore.open(url), FakeDocuments())
    try:
        assert decisions.count(desk) == clients * each
        assert decisions.verify_audit(desk)[1] is None  # 200 writers, one unbroken chain
    finally:
        desk.close()


EDITOR = """
import sys
from db.postgres_store import PostgresStore
from governance import decisions
from governance.desk import Desk
from tests.fake_documents import FakeDocuments
url, number, version = sys.argv[1], sys.argv[2], int(sys.argv[3])
desk = Desk(PostgresStore.open(url), FakeDocuments(), user="second.clerk")
print(decisions.update_decision(desk, number, {"reasons": "Second's reasons"},
                                expected_version=version).message)
desk.close()
"""


def test_a_stale_save_is_refused_naming_who_changed_what(pg_databases, sample_doc,
                                                         write_doc, tmp_path):
    """Two officers open one decision; the second (another process, another desktop)
    saves first; the first's save from the copy now stale is refused naming who changed
    what and when, and changes nothing."""
    url = pg_databases.new()
    first = Desk(PostgresStore.open(url), FakeDocuments(), user="first.clerk",
                 clock=lambda: dt.date(2023, 12, 1))
    try:
        exchange.import_file(first, write_doc(tmp_path / "in", sample_doc))
        opened = decisions.decision(first, "23/00101")  # both officers open it ...
        second = _start(EDITOR, url, "23/00101", str(opened.version))
        out, err = second.communicate(timeout=60)
        assert (second.returncode, out.strip()) == (0, "Saved 23/00101."), err
        with pytest.raises(StaleEdit) as refused:  # ... the first saves from a stale copy
            decisions.update_decision(first, "23/00101", {"title": "First's title"},
                                      expected_version=opened.version)
        message = str(refused.value)
        assert message.startswith("23/00101 was changed by second.clerk at ")
        assert "(edit: reasons) after you opened it; reload it and make your change again" \
            in message
        assert decisions.decision(first, "23/00101").reasons == "Second's reasons"
        assert decisions.decision(first, "23/00101").title == "Technology Enabled Care Service"
    finally:
        first.close()


READER = """
import sys, time
from db.postgres_store import PostgresStore
from governance import decisions
from governance.desk import Desk
from tests.fake_documents import FakeDocuments
from pathlib import Path
url, seconds, ready = sys.argv[1], float(sys.argv[2]), Path(sys.argv[3])
desk = Desk(PostgresStore.open(url), FakeDocuments())
decisions.count(desk)
ready.touch()
seen, end = [], time.monotonic() + seconds
while time.monotonic() < end:
    seen.append(decisions.count(desk))
desk.close()
print(len(seen), min(seen), max(seen))
"""


def test_a_reader_reads_while_a_clerk_writes(pg_databases, sample_doc, write_doc, tmp_path):
    url = pg_databases.new()
    clerk = Desk(PostgresStore.open(url), FakeDocuments(), clock=lambda: dt.date(2023, 12, 1))
    try:
        exchange.import_file(clerk, write_doc(tmp_path / "in", sample_doc))
        ready = tmp_path / "reading"
        reader = _start(READER, url.replace("//clerk@", "//reader@"), "3.0", str(ready))
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert time.monotonic() < deadline and reader.poll() is None, \
                reader.communicate()[1]
            time.sleep(0.01)
        for i in range(20):
            decisions.create_decision(clerk, f"Written while read {i}", year=2024)
            time.sleep(0.02)
        out, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, err
        reads, fewest, most = (int(x) for x in out.split())
        assert reads > 20  # it kept reading, never blocked by the writer
        # The reader never sees the exempt-free register shrink, and sees the new ones.
        assert 3 <= fewest <= most <= 23 and most > fewest
    finally:
        clerk.close()
