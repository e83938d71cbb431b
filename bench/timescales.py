"""Benchmark: the timescales engine as ``manage.py recompute_timescales`` runs it for every
child of a demo council of N children, without the writes, against an honest floor.

    .venv/bin/python bench/timescales.py --children 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward_bench_engine_50000 \\
        .venv/bin/python bench/timescales.py --children 50000

The floor reads exactly the rows the engine needs, as tuples, and does nothing else: every
child's facts (pk, date of birth, expected date of delivery) and every journey event (child,
date, kind, weeks), two queries with no ORDER BY and no join. The timed side is what
``recompute`` does before it deletes and inserts: every child's pk in order, then chunk by chunk
(``ledger.evaluated``, the code ``recompute`` runs) the children's rows locked and read, their
events read and grouped, and the engine run for each child; and, as a second figure, that plus
building the rows it would store. Each round starts with the engine's memos emptied, as a new
process finds them. Both sides run with the cycle collector paused, as ``recompute`` does.

Builds the demo council in a child process the first time (a SQLite file per size in the
temporary folder, reused after), so this process's peak memory is the computation's own. The
last line printed is one JSON object: wall and CPU seconds (the best of ``--repeat`` rounds)
of the floor, the engine and the engine with its rows, and their ratios to the floor.
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
from collections.abc import Iterator
from contextlib import contextmanager
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
    from django.db import transaction

    from homeward.children.models import Child, JourneyEvent
    from homeward.timescales import ledger

    # Wall-clock seconds, and this process's CPU seconds (steadier when other work shares the
    # machine's two cores); the best of the rounds for each.
    figures: dict[str, list[tuple[float, float]]] = {"floor": [], "engine": [], "rows": []}
    for _ in range(args.repeat):
        with ledger.bulk.without_cycle_collection(), _timed(figures["floor"]):
            rows = _floor(Child, JourneyEvent)
        del rows
        _forget()
        with _timed(figures["engine"]):
            expectations = _engine(ledger, Child, transaction, build_rows=False)
        _forget()
        with _timed(figures["rows"]):
            _engine(ledger, Child, transaction, build_rows=True)
    best = {name: (min(w for w, _ in f), min(c for _, c in f)) for name, f in figures.items()}
    (floor, floor_cpu), (seconds, cpu), (building, building_cpu) = (
        best["floor"],
        best["engine"],
        best["rows"],
    )
    print(
        json.dumps(
            {
                "children": Child.objects.count(),
                "events": JourneyEvent.objects.count(),
                "expectations": expectations,
                "floor_seconds": round(floor, 2),
                "seconds": round(seconds, 2),
                "ratio": round(seconds / floor, 2),
                "floor_cpu": round(floor_cpu, 2),
                "cpu": round(cpu, 2),
                "cpu_ratio": round(cpu / floor_cpu, 2),
                "with_rows_seconds": round(building, 2),
                "with_rows_ratio": round(building / floor, 2),
                "with_rows_cpu_ratio": round(building_cpu / floor_cpu, 2),
                "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


def _forget() -> None:
    """Empty what the engine remembers between children (the rules read from their files, date
    sums, date labels), so that every round pays for it as ``recompute_timescales`` does in
    a new process, and the best round is not just the one that found it all remembered."""
    from homeward.domain import calendar, timescales

    timescales.rules_for.cache_clear()
    timescales._PLANS.clear()
    timescales._fmt.cache_clear()
    timescales._sixteenth.cache_clear()
    calendar.add_months.cache_clear()
    calendar.WorkingCalendar.add_working_days.cache_clear()
    calendar._bank_holidays.cache_clear()


@contextmanager
def _timed(into: list[tuple[float, float]]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    into.append((time.perf_counter() - wall, time.process_time() - cpu))


def _floor(child_model, event_model):  # type: ignore[no-untyped-def]
    """The floor: the rows the engine needs, read once as tuples and nothing else. Every
    child's facts (pk, date of birth, expected date of delivery) and every journey event
    (child, date, kind, weeks), with no ORDER BY and no join."""
    children = list(
        child_model.objects.order_by().values_list(
            "pk", "date_of_birth", "expected_date_of_delivery"
        )
    )
    events = list(event_model.objects.order_by().values_list("child_id", "date", "kind", "weeks"))
    return children, events


def _engine(ledger, child_model, transaction, *, build_rows):  # type: ignore[no-untyped-def]
    """What ``manage.py recompute_timescales`` does, without the writes: every child's pk in
    order, then chunk by chunk the children's rows locked and read with their events, and the
    engine run for each child (``ledger.evaluated``, the code ``recompute`` runs). With
    ``build_rows``, also the rows it would store (``expectation_values``, ``summary_values``,
    as tuples), but not the DELETE and INSERT. In a transaction that is rolled back, with the
    cycle collector paused, as ``recompute`` does."""
    expectations = 0
    with transaction.atomic(), ledger.bulk.without_cycle_collection():
        ids = list(child_model.objects.order_by("pk").values_list("pk", flat=True))
        for chunk in ledger._chunks(ids):
            rows, summaries = [], []
            shared = ledger._Shared()
            for pk, timeline, found in ledger.evaluated(chunk):
                expectations += len(found)
                if build_rows:
                    rows.extend(
                        ledger.expectation_values(pk, i, e, shared) for i, e in enumerate(found)
                    )
                    summaries.append(ledger.summary_values(pk, timeline, found))
        transaction.set_rollback(True)
    return expectations


if __name__ == "__main__":
    main()
