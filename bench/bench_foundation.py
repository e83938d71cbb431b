"""Benchmark: build the demo council at N children, then time the pages a user meets first.

    .venv/bin/python bench/bench_foundation.py --children 50000

Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set (then it must point
at an empty database). Prints one line per figure; record them in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="homeward-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "homeward.settings"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from homeward.accounts.models import User
    from homeward.children.models import Child

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo", children=args.children, seed=2026, verbosity=0)
    build = time.perf_counter() - started
    print(f"database: {connection.vendor}")
    print(f"children: {Child.objects.count()}")
    print(f"demo build: {build:.1f} s")

    def timed(username: str, url: str) -> tuple[float, int]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm
        samples = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                response = client.get(url)
                samples.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(samples) * 1000, len(ctx.captured_queries)

    child = Child.objects.filter(episodes__isnull=False).order_by("child_id").first()
    assert child is not None
    pages = [
        ("social-worker", "/", "my children (social worker)"),
        ("service-manager", "/?scope=all", "all children, page 1 (service manager)"),
        (
            "service-manager",
            "/?scope=all&sort=social_worker&order=desc",
            "all children sorted by worker",
        ),
        ("service-manager", "/?q=Fernby", "search by surname"),
        ("service-manager", f"/children/{child.child_id}/", "a child's record"),
        ("service-manager", "/audit/", "audit log"),
    ]
    for username, url, label in pages:
        ms, queries = timed(username, url)
        print(f"{label}: median {ms:.0f} ms over {args.repeat}, {queries} queries")


if __name__ == "__main__":
    main()
