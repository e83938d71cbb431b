"""Benchmark: the main pages and downloads on a demo council of N children, each against a bare
page (the base layout, same middleware, same signed-in user) timed in the same run.

    .venv/bin/python bench/pages.py --children 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward_bench_pages_5000 \\
        .venv/bin/python bench/pages.py --children 5000

Without ``--reuse`` the database is emptied and the council built afresh (``manage.py migrate``
then ``manage.py demo``, timed): SQLite deletes its file (default: one per size in the temporary
folder); PostgreSQL drops and recreates the database, which must be named ``homeward_bench_*``.
With ``--reuse`` a database that already holds the council is migrated and used as it is.

Requests go through Django's test client in this process (server time, no network), signed in
with the demo password. Each page is requested once to count its SQL queries and bytes, then
``--repeat`` rounds time every page in turn, so the bare page shares the machine's noise. Prints
one table row per page (median, best, queries, bytes, median over the bare page's median) and
exits non-zero if any page answers with an unexpected status. ``--only "my work,drift"`` times
only the pages whose label holds one of those words (and the bare page), while profiling.

The tabs most children have empty (the sibling group, Transitions, Legal, After the order, case
audits) are timed on the child with the most of what each shows (``FULLEST``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = "/bench/bare/"
# Filled in after django.setup(): the product's URLs plus the bare page (ROOT_URLCONF is this
# module while the pages are timed, so product code is untouched).
urlpatterns: list[Any] = []
handler403 = "homeward.errors.forbidden"
handler404 = "homeward.errors.not_found"


@dataclass
class Page:
    label: str
    who: str  # a demo username
    url: str
    queries: int = 0
    size: int = 0
    samples: list[float] = field(default_factory=list)


def _body(response: Any) -> bytes:
    """The whole response, streamed or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def fresh_database(url: str) -> None:
    """Empty the benchmark's database: delete the SQLite file, or drop and recreate the
    PostgreSQL database (only one named homeward_bench_*, so nothing else is ever dropped)."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if config["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{config['NAME']}{suffix}").unlink(missing_ok=True)
        return
    name = config["NAME"]
    if not name.startswith("homeward_bench"):
        sys.exit(f"Refusing to drop {name!r}: the benchmark only rebuilds homeward_bench_* ones.")
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        dbname="postgres",
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    ) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# For each tab that most children have empty: the relation whose rows choose its child.
FULLEST = (
    ("sibling group", "sibling_group__children"),
    ("move plans", "move_plans__tasks"),
    ("court filings", "court_filings"),
    ("support plans", "support_plans__reviews"),
    ("case audits", "case_audits__actions"),
)


def _fullest(model: Any, relation: str) -> tuple[str, int]:
    """The child ID with the most rows through ``relation`` and how many."""
    from django.db.models import Count

    row = (
        model.objects.annotate(n=Count(relation))
        .order_by("-n", "child_id")
        .values_list("child_id", "n")
        .first()
    )
    assert row is not None
    return row[0], row[1]


def _load() -> str:
    """The machine's 1-minute load average: on 2 shared cores, how much the figures are worth."""
    return f"{os.getloadavg()[0]:.1f}"


def build(children: int, reuse: bool) -> None:
    """Migrate and build the demo council in child processes, timing each step."""
    if not reuse:
        fresh_database(os.environ["DATABASE_URL"])
    manage = [sys.executable, str(ROOT / "manage.py")]
    started = time.perf_counter()
    subprocess.run([*manage, "migrate", "--verbosity", "0"], check=True)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    built = subprocess.run(
        [*manage, "demo", "--children", str(children), "--if-empty"],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    last = built.stdout.strip().splitlines()[-1]
    if last.startswith("{"):
        print(f"demo build (manage.py demo --children {children}): {seconds:.1f} s")
        print(f"demo counts: {last}")
    else:
        print(f"demo build: reused ({last})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument(
        "--reuse", action="store_true", help="use the council already in the database"
    )
    parser.add_argument(
        "--only",
        default="",
        help="time only the pages whose label contains one of these comma-separated words "
        "(and the bare page)",
    )
    args = parser.parse_args()
    os.environ.setdefault(
        "DATABASE_URL",
        f"sqlite:///{tempfile.gettempdir()}/homeward-bench-pages-{args.children}.sqlite3",
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "homeward.settings"
    # As served: no debug cursor recording every query (queries are counted on their own).
    os.environ.setdefault("DJANGO_DEBUG", "0")
    build(args.children, args.reuse)

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.http import HttpRequest, HttpResponse
    from django.template import engines
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import include, path

    from homeward.accounts.models import User
    from homeward.children.models import Allocation, Child, JourneyEvent
    from homeward.demo.builder import DEMO_PASSWORD

    layout = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}Bare{% endblock %}'
        '{% block content %}<h1 class="govuk-heading-l">Bare</h1>{% endblock %}'
    )

    def bare(request: HttpRequest) -> HttpResponse:
        """The floor every page pays: middleware, session, user, and the base layout."""
        return HttpResponse(layout.render({}, request))

    urlpatterns.extend([path(BARE[1:], bare), path("", include("homeward.urls"))])

    total = Child.objects.count()
    if total != args.children:
        sys.exit(
            f"The database holds {total} children, not {args.children}: "
            "run without --reuse to rebuild it."
        )
    # The child with the most meetings: a full record, not an empty one.
    child = (
        Child.objects.annotate(n=Count("meetings"))
        .order_by("-n", "child_id")
        .values_list("child_id", "n")
        .first()
    )
    assert child is not None
    child_id, meetings = child
    events = JourneyEvent.objects.filter(child__child_id=child_id).count()
    worker = User.objects.get(username="social-worker")
    caseload = Allocation.objects.filter(social_worker=worker, ended_on__isnull=True).count()
    print(f"database: {connection.vendor}, {total} children; load average {_load()}")
    print(f"child: {child_id} ({meetings} meetings, {events} journey events)")
    print(f"social-worker's open allocations: {caseload}")
    # The tabs that are empty for most children are timed on the child with the most of what
    # they show (the first by child ID when none has any): a full page, not an empty one.
    fullest = {name: _fullest(Child, relation) for name, relation in FULLEST}
    for name, (fullest_id, n) in fullest.items():
        print(f"{name}: child {fullest_id} ({n} through {dict(FULLEST)[name]})")

    sm = "service-manager"
    record = f"/children/{child_id}"
    from django.utils import timezone

    from homeward.domain.measures.quarters import Quarter

    this_quarter = Quarter.of(timezone.localdate()).key
    pages = [
        Page("bare page (base layout)", sm, BARE),
        Page("My work (service manager, all)", sm, "/my-work/"),
        Page("My work (social worker, mine)", "social-worker", "/my-work/"),
        Page("drift dashboard, page 1", sm, "/drift/"),
        Page("drift CSV download", sm, "/drift/?download=csv"),
        Page("drift Excel download", sm, "/drift/?download=xlsx"),
        Page("forecasts, page 1", sm, "/reports/forecasts/"),
        Page("forecasts CSV download (streamed)", sm, "/reports/forecasts/?download=csv"),
        Page("permanence monitoring panel pack", sm, "/reports/pmp/"),
        Page("corporate parenting board report", sm, "/reports/cpb/"),
        Page(
            "board report: children behind a figure",
            sm,
            "/reports/cpb/children/?measure=placements-3-plus&quarter=" + this_quarter,
        ),
        Page("board report Excel download", sm, "/reports/cpb/?download=xlsx"),
        Page("children list, page 1", sm, "/"),
        Page("children (social worker, mine)", "social-worker", "/"),
        Page("children, search by surname", sm, "/?scope=all&q=Fernby"),
        Page("child's record", sm, f"{record}/"),
        Page("child: Timescales tab", sm, f"{record}/timescales/"),
        Page("child: Plan tab", sm, f"{record}/plan/"),
        Page("child: Meetings tab", sm, f"{record}/meetings/"),
        Page("child: Family tab", sm, f"{record}/family/"),
        Page("child: Voice tab", sm, f"{record}/voice/"),
        Page("child: early permanence panel tab", sm, f"{record}/early-permanence-panel/"),
        Page("child: Documents tab", sm, f"{record}/documents/"),
        Page("child: Matching tab", sm, f"{record}/matching/"),
        Page(
            "child: sibling group page",
            sm,
            f"/children/{fullest['sibling group'][0]}/family/group/",
        ),
        Page(
            "child: Transitions tab",
            sm,
            f"/children/{fullest['move plans'][0]}/transitions/",
        ),
        Page(
            "child: Legal tab (court progression)",
            "court-progression",
            f"/children/{fullest['court filings'][0]}/legal/",
        ),
        Page(
            "child: After the order tab",
            sm,
            f"/children/{fullest['support plans'][0]}/support/",
        ),
        Page(
            "child: case audits",
            sm,
            f"/children/{fullest['case audits'][0]}/case-audits/",
        ),
        Page("My work (team manager, team)", "team-manager", "/my-work/"),
        Page("sign-offs worklist (strategic manager)", "strategic-manager", "/sign-offs/"),
        Page("family finding worklist", "family-finder", "/family-finding/"),
        Page("carers register", "family-finder", "/carers/"),
        Page("sufficiency report (family finder)", "family-finder", "/reports/sufficiency/"),
        Page("match outcomes report", sm, "/reports/match-outcomes/"),
        Page("notifications (service manager, every)", sm, "/notifications/"),
        Page("notifications (social worker, own)", "social-worker", "/notifications/"),
        Page("AEPP panel page", sm, "/panels/aepp/"),
        Page("AEPP admissions", sm, "/panels/aepp/admissions/"),
        Page("SSDA903 return", sm, "/ssda903/"),
        Page("SSDA903 data quality", sm, "/ssda903/data-quality/"),
        Page("audit log, page 1", sm, "/audit/"),
    ]

    if args.only:
        wanted = [w.strip().lower() for w in args.only.split(",") if w.strip()]
        pages = [pages[0], *(p for p in pages[1:] if any(w in p.label.lower() for w in wanted))]

    failures = []
    with override_settings(ROOT_URLCONF=__name__):
        clients = {}
        for who in {p.who for p in pages}:
            client = clients[who] = Client()
            signed_in = client.post(
                "/accounts/sign-in/", {"username": who, "password": DEMO_PASSWORD}
            )
            if signed_in.status_code != 302:
                sys.exit(f"{who} could not sign in ({signed_in.status_code})")

        # Once each, untimed: the first request warms caches; count its queries and bytes.
        for page in pages:
            with CaptureQueriesContext(connection) as ctx:
                response = clients[page.who].get(page.url)
            page.queries, page.size = len(ctx.captured_queries), len(_body(response))
            if response.status_code != 200:
                failures.append(f"{page.label} {page.url}: {response.status_code}")
        for _ in range(args.repeat):
            for page in pages:
                client = clients[page.who]
                started = time.perf_counter()
                response = client.get(page.url)
                _body(response)  # a streamed download is timed to its last byte
                page.samples.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    failures.append(f"{page.label} {page.url}: {response.status_code}")

    print(f"load average after: {_load()}")
    base, base_best = statistics.median(pages[0].samples), min(pages[0].samples)
    print(
        f"\n{args.repeat} rounds; x bare: a page's median over the bare page's median "
        f"({base:.1f} ms), and best over best ({base_best:.1f} ms)\n"
    )
    print("| page | median ms | best ms | queries | bytes | x bare (median) | x bare (best) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for page in pages:
        median, best = statistics.median(page.samples), min(page.samples)
        print(
            f"| {page.label} | {median:.1f} | {best:.1f} | {page.queries} | {page.size:,} "
            f"| {median / base:.1f} | {best / base_best:.1f} |"
        )
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "children": total,
                "bare_ms": round(base, 1),
                "median_ms": {p.label: round(statistics.median(p.samples), 1) for p in pages},
            }
        )
    )
    if failures:
        sys.exit("Unexpected status: " + "; ".join(sorted(set(failures))))


if __name__ == "__main__":
    main()
