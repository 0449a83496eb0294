"""How fast is `list --search` at 50,000 decisions? Prints figures; asserts nothing.

Builds a register of 50,000 decisions at ``--db`` (titles and text varied from the demo
register's real wording; with the demo's council, committees and meetings, so the
window has something to show beside them), then times full-text searches inside the
process: the query the `list --search` command and the window's search box run.

    .venv/bin/python benchmarks/search_50k.py [--decisions N] [--db PATH] [--build-only]
            [--make-up original|realistic]

The decisions' make-up (``--make-up``):

- ``original`` (the default; the issue's benchmark, as this script has always built
  it): each decision's status drawn at random from draft, proposed, taken, published
  and implemented, so about two in five (some 20,000) are still open; none records a
  notice, taken or published date.
- ``realistic``: a register grown over the years: the decisions of past years taken,
  published, implemented or withdrawn with their dates; only the latest 400 still in
  progress (draft to proposed), as in a council's real register.

``benchmarks/window_start.py`` opens the window over it.
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

from db.postgres_store import PostgresStore  # noqa: E402
from db.sqlite_store import SqliteStore  # noqa: E402
from governance import audit, decisions, exchange, sharing  # noqa: E402
from governance.desk import Desk  # noqa: E402
from governance.model import Assessment, Decision, DecisionPart, Delegation  # noqa: E402
from governance.ports import DecisionFilter  # noqa: E402
from main import make_desk  # noqa: E402
from templates.renderer import Renderer  # noqa: E402

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
#: Decisions in progress in the realistic make-up (a large council has a few hundred
#: at a time).
OPEN_WORK = 400
#: The original make-up's statuses, drawn at random for every decision.
ORIGINAL_STATUSES = ["draft", "proposed", "taken", "published", "implemented"]
MAKE_UPS = ("original", "realistic")


def build(desk: Desk, n: int, seed: int = 1, make_up: str = "original") -> None:
    """``n`` decisions of the make-up named (see the module's note), each with its audit
    row, in one unit of work."""
    if make_up == "realistic":
        build_realistic(desk, n, seed)
    else:
        build_original(desk, n, seed)


def build_original(desk: Desk, n: int, seed: int = 1) -> None:
    """``n`` decisions as the original benchmark made them (the same random draws in the
    same order, so the same decisions for a seed): spread over 2010 to 2026, numbered
    YY/NNNNN from 00001 up (clear of the demo's own numbers), each with a status drawn at
    random from :data:`ORIGINAL_STATUSES`."""
    rnd = random.Random(seed)
    store = desk.store
    span = LAST_YEAR - FIRST_YEAR + 1
    with store.transaction():
        for i in range(n):
            year = FIRST_YEAR + i * span // n
            subject = rnd.choice(SUBJECTS)
            area = rnd.choice(AREAS)
            d = Decision(
                number=f"{year:02d}/{i % 99999 + 1:05d}",
                title=f"{subject} - {area} {2000 + year}",
                decision_maker="Cabinet Member for Adult Social Care and Public Health",
                key_decision=rnd.random() < 0.4,
                parts=[DecisionPart(rnd.choice(VERBS), f"the {subject.lower()} in {area} for"
                                    f" {rnd.randint(1, 5)} years at £{rnd.randint(1, 900)},000"),
                       DecisionPart("DELEGATE", "authority to the Corporate Director Adult Social"
                                    " Care and Health to take relevant actions",
                                    Delegation("Corporate Director Adult Social Care and Health"))],
                reasons=f"The current arrangements for {subject.lower()} in {area} end shortly.",
                financial_implications=f"The cost is £{rnd.randint(100, 9000)},000 a year.",
                eqia=Assessment("completed"), dpia=Assessment("not_required"),
                status=rnd.choice(ORIGINAL_STATUSES),
            )
            store.insert_decision(d, "benchmark")
            audit.record(store, "decision", d.number, "create", None, decisions.snapshot(d),
                         "benchmark")


def build_realistic(desk: Desk, n: int, seed: int = 1, open_work: int = OPEN_WORK) -> None:
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


def make_register(path: Path, n: int, make_up: str = "original") -> Desk:
    """The register at ``path`` with at least ``n`` decisions (the demo's among them),
    those added of the make-up named."""
    desk = open_register(path)
    if desk.store.is_empty():
        exchange.load_demo(desk)
    have = decisions.count(desk)
    if have < n:
        t0 = time.perf_counter()
        build(desk, n - have, make_up=make_up)
        desk.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"built {decisions.count(desk):,} decisions in {time.perf_counter() - t0:.1f} s")
    return desk


QUERIES = ["care", "learning disab", "Thanet", "supported living", "carers dover",
           "technology enabled care services", "charging polic", "14/00", "xyzzy",
           "authority"]  # the last matches (nearly) every decision


def time_queries(desk: Desk, runs: int = 15) -> dict[str, tuple[str, float, float]]:
    """Each query as the Register screen runs it: the first 200 rows and the count of
    matches up to 1,000 ("more than 1,000" beyond). query -> (matches, median, max ms)."""
    out = {}
    for q in QUERIES:
        times, n = [], 0
        where = DecisionFilter(search=q)
        for _ in range(runs):
            t0 = time.perf_counter()
            decisions.summaries(desk, where, limit=200)
            n = decisions.count(desk, where, cap=decisions.COUNT_CAP)
            times.append((time.perf_counter() - t0) * 1000)
        shown = f"> {decisions.COUNT_CAP:,}" if n > decisions.COUNT_CAP else f"{n:,}"
        out[q] = (shown, statistics.median(times), max(times))
    return out


def shared_register(url: str, source: Desk) -> Desk:
    """The shared register at ``url`` (an empty one made with ``init``), with the
    register file's decisions transferred into it the first time."""
    desk = Desk(PostgresStore.open(url), Renderer())
    if desk.store.is_empty():
        t0 = time.perf_counter()
        sharing.transfer(desk, source.store)
        print(f"transferred {decisions.count(desk):,} decisions to {url} in"
              f" {time.perf_counter() - t0:.1f} s")
    # The planner's statistics, as autovacuum would gather them a minute after a load.
    desk.store.conn.execute("ANALYZE")
    return desk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--store", metavar="URL", help="also a shared register on PostgreSQL"
                        " (an empty one made with init: the register file is transferred"
                        " into it), timed side by side")
    parser.add_argument("--build-only", action="store_true",
                        help="make the register and stop (no searches)")
    parser.add_argument("--make-up", choices=MAKE_UPS, default="original",
                        help="the decisions' statuses and dates: original (the default,"
                        " the issue's benchmark: a random status each, some 40%% open) or"
                        " realistic (only the latest 400 open)")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    desk = make_register(path, args.decisions, args.make_up)
    if args.build_only:
        desk.close()
        return
    stores = {"SQLite": desk}
    if args.store:
        stores["PostgreSQL"] = shared_register(args.store, desk)
    results = {name: time_queries(d) for name, d in stores.items()}
    header = f"{'query':34}" + "".join(f" {name + ' matches':>19} {'median ms':>9} {'max ms':>7}"
                                       for name in stores)
    print(header)
    for q in QUERIES:
        print(f"{q:34}" + "".join(f" {results[name][q][0]:>19} {results[name][q][1]:9.2f}"
                                  f" {results[name][q][2]:7.2f}" for name in stores))
    for name, d in stores.items():
        medians = [m for _n, m, _x in results[name].values()]
        print(f"{name}: median of medians {statistics.median(medians):.2f} ms, worst median"
              f" {max(medians):.2f} ms ({decisions.count(d):,} decisions; first 200 rows +"
              f" matches counted to {decisions.COUNT_CAP:,})")
        d.close()


if __name__ == "__main__":
    main()
