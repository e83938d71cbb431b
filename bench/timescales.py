"""Benchmark: the timescales engine run for every child of a demo council of N children (as
``manage.py recompute_timescales`` does, without writing), against the floor of just reading
those children's facts and events from the database.

    .venv/bin/python bench/timescales.py --children 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward_bench_ts \\
        .venv/bin/python bench/timescales.py --children 50000

Builds the demo council in a child process the first time (a SQLite file per size in the
temporary folder, reused after), so this process's peak memory is the computation's own. The
last line printed is one JSON object: children, seconds, floor_seconds, ratio, peak_mib.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault(
        "DATABASE_URL",
        f"sqlite:///{tempfile.gettempdir()}/homeward-bench-timescales-{args.children}.sqlite3",
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "homeward.settings"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], check=True)
    built = subprocess.run(
        [*manage, "demo", "--children", str(args.children), "--if-empty"],
        check=True,
        capture_output=True,
        text=True,
    )
    print(built.stdout.strip().splitlines()[-1])

    import django

    django.setup()
    from homeward.children.models import Child, JourneyEvent
    from homeward.domain.timescales import ChildFacts, Event
    from homeward.timescales import ledger

    floors, totals = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        facts, events = _load(Child, JourneyEvent, ChildFacts, Event)
        floors.append(time.perf_counter() - started)
        del facts, events
        started = time.perf_counter()
        facts, events = _load(Child, JourneyEvent, ChildFacts, Event)
        expectations = sum(
            len(ledger.evaluate(child, events.get(pk, []))) for pk, child in facts.items()
        )
        totals.append(time.perf_counter() - started)
        del facts, events
    floor, seconds = min(floors), min(totals)
    print(
        json.dumps(
            {
                "children": len(Child.objects.all()),
                "expectations": expectations,
                "seconds": round(seconds, 2),
                "floor_seconds": round(floor, 2),
                "ratio": round(seconds / floor, 2),
                "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


def _load(child_model, event_model, facts_type, event_type):  # type: ignore[no-untyped-def]
    """Every child's facts and events, as the ledger reads them (the floor)."""
    facts = {
        pk: facts_type(born, due)
        for pk, born, due in child_model.objects.order_by().values_list(
            "pk", "date_of_birth", "expected_date_of_delivery"
        )
    }
    events: dict[int, list] = {}
    for child_id, day, kind in event_model.objects.order_by().values_list(
        "child_id", "date", "kind"
    ):
        events.setdefault(child_id, []).append(event_type(day, kind))
    return facts, events


if __name__ == "__main__":
    main()
