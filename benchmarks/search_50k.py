"""How fast is `list --search` at 50,000 decisions? Prints figures; asserts nothing.

Builds a register of 50,000 decisions at ``--db`` (titles and text varied from the demo
register's real wording; with the demo's council, committees and meetings, so the
window has something to show beside them), then times full-text searches inside the
process: the query the `list --search` command and the window's search box run.

    .venv/bin/python benchmarks/search_50k.py [--decisions N] [--db PATH] [--build-only]

A register grows over the years: the decisions of past years are taken, published,
implemented or withdrawn; only the latest few hundred are still in progress (draft to
proposed), as in a council's real register. ``benchmarks/window_start.py`` opens the window over it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.sqlite_store import SqliteStore  # noqa: E402
from governance import audit, decisions, exchange  # noqa: E402
from governance.desk import Desk  # noqa: E402
from governance.model import Assessment, Decision, DecisionPart, Delegation  # noqa: E402
from governance.ports import DecisionFilter  # noqa: E402
from main import make_desk  # noqa: E402

SUBJECTS = [
    "Urgent and Emergency Care Support Fund", "Kent and Medway Integrated Care Strategy",
    "Community Day Services for people with a learning disability", "Home Care Services",
    "Care and Support in the Home", "Technology Enabled Care Services",
    "Supported Living Framework", "Carers Support Services", "Older Persons Residential Care",
    "Mental Health Supported Accommodation", "Shared Lives scheme", "Sensory Services",
    "Adult Social Care Charging Policy", "Discharge to Assess", "Extra Care Housing",
]
VERBS = ["APPROVE", "AGREE", "ACCEPT", "EXTEND", "NOTE", "IMPLEMENT"]
AREAS = ["Ashford", "Canterbury", "Dartford", "Dover", "Folkestone", "Gravesham", "Maidstone",
         "Sevenoaks", "Swale", "Thanet", "Tonbridge", "Tunbridge Wells", "East Kent",
         "West Kent", "North Kent"]
#: The years the register spans (20YY); the demo's own decisions are 16/ to 23/.
FIRST_YEAR, LAST_YEAR = 10, 26
PAST = ["taken", "published", "implemented", "implemented", "implemented", "withdrawn"]
CURRENT = ["draft", "draft", "proposed", "notice_published", "for_committee"]
#: Decisions in progress (a large council has a few hundred at a time).
OPEN_WORK = 400


def build(desk: Desk, n: int, seed: int = 1, open_work: int = OPEN_WORK) -> None:
    """``n`` decisions spread over the years, each with its audit row (as the app would
    write them), in one unit of work. Numbers from 90000 up, clear of the demo's (up to
    9,999 a year: 170,000 in all). The last ``open_work`` are still in progress; the rest
    were taken (a key decision after its Forward Plan notice, but one in 5,000 without:
    ``check`` has a few errors to report, as a real register would)."""
    rnd = random.Random(seed)
    store = desk.store
    span = LAST_YEAR - FIRST_YEAR + 1
    with store.transaction():
        for i in range(n):
            year = FIRST_YEAR + i * span // n
            subject = rnd.choice(SUBJECTS)
            area = rnd.choice(AREAS)
            status = rnd.choice(CURRENT if i >= n - open_work else PAST)
            taken = dt.date(2000 + year, 1 + i % 12, 1 + i % 28)
            done = status in ("taken", "published", "implemented")
            key = rnd.random() < 0.4
            d = Decision(
                number=f"{year:02d}/{90000 + i % 9999:05d}",
                title=f"{subject} - {area} {2000 + year}",
                decision_maker="Cabinet Member for Adult Social Care and Public Health",
                key_decision=key,
                parts=[DecisionPart(rnd.choice(VERBS), f"the {subject.lower()} in {area} for"
                                    f" {rnd.randint(1, 5)} years at £{rnd.randint(1, 900)},000"),
                       DecisionPart("DELEGATE", "authority to the Corporate Director Adult Social"
                                    " Care and Health to take relevant actions",
                                    Delegation("Corporate Director Adult Social Care and Health"))],
                reasons=f"The current arrangements for {subject.lower()} in {area} end shortly.",
                alternatives=f"Ending {subject.lower()} in {area} was considered and rejected.",
                financial_implications=f"The cost is £{rnd.randint(100, 9000)},000 a year.",
                eqia=Assessment("completed"), dpia=Assessment("not_required"),
                notice_published_on=taken - dt.timedelta(days=40)
                if key and (done or rnd.random() < 0.5) and i % 5000 != 17 else None,
                status=status,
                taken_on=taken if done else None,
                signed_by="Clair Bell" if done else None,
                published_on=taken + dt.timedelta(days=1)
                if status in ("published", "implemented") else None,
            )
            store.insert_decision(d, "benchmark")
            audit.record(store, "decision", d.number, "create", None, decisions.snapshot(d),
                         "benchmark")


def open_register(path: Path) -> Desk:
    return make_desk(SqliteStore.open(path), path)


def make_register(path: Path, n: int) -> Desk:
    """The register at ``path`` with at least ``n`` decisions besides the demo's."""
    desk = open_register(path)
    if desk.store.is_empty():
        exchange.load_demo(desk)
    have = decisions.count(desk)
    if have < n:
        t0 = time.perf_counter()
        build(desk, n - have)
        desk.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"built {decisions.count(desk):,} decisions in {time.perf_counter() - t0:.1f} s")
    return desk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--build-only", action="store_true",
                        help="make the register and stop (no searches)")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    desk = make_register(path, args.decisions)
    if args.build_only:
        desk.close()
        return
    queries = ["care", "learning disab", "Thanet", "supported living", "carers dover",
               "technology enabled care services", "charging polic", "14/00", "xyzzy"]
    print(f"{'query':36} {'matches':>8} {'median ms':>10} {'max ms':>8}")
    medians = []
    for q in queries:
        times, n = [], 0
        where = DecisionFilter(search=q)
        for _ in range(15):
            t0 = time.perf_counter()
            rows = decisions.summaries(desk, where, limit=200)
            n = decisions.count(desk, where)
            times.append((time.perf_counter() - t0) * 1000)
        medians.append(statistics.median(times))
        print(f"{q:36} {n:8,} {statistics.median(times):10.2f} {max(times):8.2f}")
        assert rows is not None
    print(f"median of medians: {statistics.median(medians):.2f} ms (first 200 rows + total count,"
          f" {decisions.count(desk):,} decisions)")
    desk.close()


if __name__ == "__main__":
    main()
