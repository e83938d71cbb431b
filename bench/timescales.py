"""Benchmark: every child's expectations on a demo council of N children, against the floor of
just reading those children's facts and events from the database.

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
    from django.utils import timezone

    from homeward.children.models import Child
    from homeward.oversight.selectors import _load, expectations_for

    today = timezone.localdate()
    children = Child.objects.only(
        "child_id", "first_name", "last_name", "date_of_birth", "expected_date_of_delivery"
    )
    floors, totals = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        by_pk, events = _load(children)
        floors.append(time.perf_counter() - started)
        del by_pk, events
        started = time.perf_counter()
        result = expectations_for(children, today=today)
        totals.append(time.perf_counter() - started)
        expectations = sum(len(found) for _, found in result.values())
        del result
    floor, seconds = min(floors), min(totals)
    print(
        json.dumps(
            {
                "children": children.count(),
                "expectations": expectations,
                "seconds": round(seconds, 2),
                "floor_seconds": round(floor, 2),
                "ratio": round(seconds / floor, 2),
                "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
