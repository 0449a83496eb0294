"""How fast is `list --search` at 50,000 decisions? Prints figures; asserts nothing.

Builds a register of 50,000 decisions (titles and text varied from the demo
register's real wording), then times full-text searches inside the process:
the query the `list --search` command and the window's search box run.

    .venv/bin/python benchmarks/search_50k.py [--decisions N] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import store  # noqa: E402
from db.register import Register  # noqa: E402
from governance.model import Assessment, Decision, DecisionPart, Delegation  # noqa: E402

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


def build(register: Register, n: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    db = register.db
    with store.write_transaction(db):
        for i in range(n):
            year = 10 + i * 17 // n
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
                status=rnd.choice(["draft", "proposed", "taken", "published", "implemented"]),
            )
            register._insert_decision(d, "benchmark", user="benchmark")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    register = Register.open(path)
    if register.count() < args.decisions:
        t0 = time.perf_counter()
        build(register, args.decisions - register.count())
        print(f"built {register.count():,} decisions in {time.perf_counter() - t0:.1f} s")
    queries = ["care", "learning disab", "Thanet", "supported living", "carers dover",
               "technology enabled care services", "charging polic", "14/00", "xyzzy"]
    print(f"{'query':36} {'matches':>8} {'median ms':>10} {'max ms':>8}")
    medians = []
    for q in queries:
        times, n = [], 0
        for _ in range(15):
            t0 = time.perf_counter()
            rows = register.summaries(search=q, limit=200)
            n = register.count(search=q)
            times.append((time.perf_counter() - t0) * 1000)
        medians.append(statistics.median(times))
        print(f"{q:36} {n:8,} {statistics.median(times):10.2f} {max(times):8.2f}")
        assert rows is not None
    print(f"median of medians: {statistics.median(medians):.2f} ms (first 200 rows + total count,"
          f" {register.count():,} decisions)")
    register.close()


if __name__ == "__main__":
    main()
