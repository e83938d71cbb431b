"""Load benchmark (issue 16 item 6): many signed-in people using Homeward at once, against the
production server (``make serve``: gunicorn, production settings, PostgreSQL) over HTTP.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward_bench_load_5000
    # 1. A council of 5,000 children in its own database (dropped and built afresh; the demo's
    #    staff are then made ordinary, inactive accounts, since production refuses to start
    #    with demo accounts in its database):
    .venv/bin/python bench/load.py --prepare 5000
    # 2. Serve it as production does, on port 8766:
    DJANGO_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))') \\
        DJANGO_ALLOWED_HOSTS=homeward.test make serve PORT=8766
    # 3. In another shell (the same DATABASE_URL), 50 people for 3 minutes:
    .venv/bin/python bench/load.py --url http://127.0.0.1:8766 --users 50 --seconds 180

Each simulated person is a member of staff of their own (``load-<role>-<n>``, made here in the
same database, with the demo password and an authenticator app, since production asks for a
second factor: Homeward's own sign-in is used, code and all). They sign in, then go from page
to page as their role would (a social worker: My work, their children, a child's record and
tabs; a team manager: the team's worklist and drift; a service manager: drift, the reports),
pausing 1 to 3 seconds between pages as people do. Requests go through the council's proxy as
production expects (``Host`` and ``X-Forwarded-Proto: https``), one keep-alive connection per
person. Signing in is not timed.

Prints p50, p95 and p99 of every page view (and per page), throughput and errors (any status
but 200, or a connection failure). The goal (issue 16): p95 under 300 ms with no errors, with
50 people on this 2-core machine. Exits non-zero on errors.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST_HEADER = "homeward.test"
# Who is in the building at a busy time, out of every 10 people (the demo council's roles; an
# IRO sees only the children they review, which the run's own staff do not, so a permanence
# coordinator stands for the roles that read across the service).
MIX = (
    ("social_worker", 6),
    ("team_manager", 2),
    ("permanence_coordinator", 1),
    ("service_manager", 1),
)
CHILD_TABS = ("", "timescales/", "plan/", "family/", "meetings/", "voice/")
PAGES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "social_worker": ("/", "/my-work/", "child", "child", "child", "/?scope=team"),
    "team_manager": ("/my-work/", "/my-work/?scope=team", "/drift/", "child", "/"),
    "permanence_coordinator": ("/my-work/", "/drift/", "child", "child", "/"),
    "service_manager": (
        "/my-work/",
        "/drift/",
        "/reports/forecasts/",
        "/reports/pmp/",
        "/reports/cpb/",
        "child",
        "/",
    ),
}


@dataclass
class Person:
    username: str
    role: str
    secret: bytes  # the authenticator's key
    cookies: dict[str, str] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)


@dataclass
class Result:
    page: str
    seconds: float
    status: int


def prepare(children: int) -> None:
    """A council of ``children`` built afresh in the database (``homeward_bench_*`` only, as
    bench/pages.py builds it), then its demo staff made inactive ordinary accounts."""
    sys.path.insert(0, str(ROOT / "bench"))
    from pages import build

    build(children, reuse=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    import django

    django.setup()
    from homeward.accounts.models import User

    demoted = User.objects.filter(is_demo=True).update(is_demo=False, is_active=False)
    print(f"{demoted} demo accounts made inactive ordinary accounts")


def make_people(count: int, password: str) -> list[Person]:
    """Staff of their own for the run, in the same database as the server, each with a
    confirmed authenticator; social workers and team managers join the demo's teams (in turn)
    and so see the children allocated there."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from homeward.accounts.models import Role, Team, User

    teams = list(Team.objects.filter(allocations__isnull=False).distinct().order_by("pk"))
    hashed = make_password(password)
    roles = [role for role, n in MIX for _ in range(n)]
    people = []
    for n in range(count):
        role = roles[n % len(roles)]
        user, _ = User.objects.update_or_create(
            username=f"load-{role.replace('_', '-')}-{n}",
            defaults={
                "role": getattr(Role, role.upper()),
                "first_name": "Load",
                "last_name": f"Tester {n}",
                "password": hashed,
                "is_active": True,
            },
        )
        if role in {"social_worker", "team_manager"} and teams:
            user.teams.set([teams[n % len(teams)]])
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        people.append(Person(user.username, role, device.bin_key))
    return people


def totp(secret: bytes) -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(secret).token():06d}"


class Browser:
    """One person's keep-alive connection, with their cookies (kept by hand: production marks
    them Secure, and the run speaks plain HTTP behind a pretend proxy)."""

    def __init__(self, base: str, person: Person) -> None:
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.person = person
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        headers = {
            "Host": HOST_HEADER,
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.person.cookies.items()),
            "Referer": f"https://{HOST_HEADER}{path}",
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.person.cookies.get("csrftoken", "")
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.person.cookies[name.strip()] = rest.split(";", 1)[0]
        location = urllib.parse.urlsplit(response.getheader("Location") or "")
        return (
            response.status,
            location.path + (f"?{location.query}" if location.query else ""),
            text,
        )

    def sign_in(self, password: str) -> None:
        _, _, page = self.request("GET", "/accounts/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        status, where, _ = self.request(
            "POST",
            "/accounts/sign-in/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.person.username,
                "password": password,
            },
        )
        if status != 302:
            raise RuntimeError(f"{self.person.username}: sign-in answered {status}")
        # Production asks for the second factor on the first page after the password.
        status, where, _ = self.request("GET", where or "/")
        if status == 302 and "two-factor" in where:
            _, _, page = self.request("GET", where)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            status, where, _ = self.request(
                "POST",
                where,
                {
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                    "code": totp(self.person.secret),
                },
            )
            if status != 302 or "two-factor" in where:
                raise RuntimeError(f"{self.person.username}: the second factor was refused")
        # The children this person may open: their team's (first page), or anyone's.
        _, _, page = self.request(
            "GET", "/?scope=team" if self.person.role in {"social_worker", "team_manager"} else "/"
        )
        self.person.children = sorted(set(re.findall(r'href="/children/([^/"]+)/"', page)))


def walk(
    browser: Browser,
    until: float,
    results: list[Result],
    lock: threading.Lock,
    rng: random.Random,
) -> None:
    pages = PAGES_BY_ROLE[browser.person.role]
    while time.monotonic() < until:
        page = rng.choice(pages)
        if page == "child":
            if not browser.person.children:
                continue
            child = rng.choice(browser.person.children)
            tab = rng.choice(CHILD_TABS)
            path, label = f"/children/{child}/{tab}", f"child {tab or 'record'}"
        else:
            path, label = page, page
        started = time.perf_counter()
        try:
            status, _, _ = browser.request("GET", path)
        except (http.client.HTTPException, OSError):
            status = 0
        elapsed = time.perf_counter() - started
        with lock:
            results.append(Result(label, elapsed, status))
        time.sleep(rng.uniform(1.0, 3.0))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8766")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="PATH",
        help="leave this page out of every walk (to see what one slow page costs the others)",
    )
    parser.add_argument(
        "--prepare", type=int, metavar="N", help="build a council of N children first, and stop"
    )
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare)
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    import django

    django.setup()
    from homeward.demo.builder import DEMO_PASSWORD

    for role, pages in PAGES_BY_ROLE.items():
        PAGES_BY_ROLE[role] = tuple(p for p in pages if p not in args.without)
    people = make_people(args.users, DEMO_PASSWORD)
    browsers = [Browser(args.url, person) for person in people]
    # Second factors are single-use per 30 seconds for a device; each person has their own.
    for browser in browsers:
        browser.sign_in(DEMO_PASSWORD)
    print(f"{len(browsers)} people signed in; walking for {args.seconds} s", flush=True)
    results: list[Result] = []
    lock = threading.Lock()
    until = time.monotonic() + args.seconds
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=walk, args=(b, until, results, lock, random.Random(args.seed + i)), daemon=True
        )
        for i, b in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
        time.sleep(2.0 / len(threads))  # spread the first requests over two seconds
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    ok = [r.seconds * 1000 for r in results if r.status == 200]
    errors = [r for r in results if r.status != 200]
    print(f"\n{len(results)} page views in {took:.0f} s: {len(results) / took:.1f} a second")
    print(
        f"errors: {len(errors)}"
        + (f" ({sorted({(e.page, e.status) for e in errors})[:10]})" if errors else "")
    )
    print("\n| page | views | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|")
    by_page: dict[str, list[float]] = defaultdict(list)
    for r in results:
        if r.status == 200:
            by_page[r.page].append(r.seconds * 1000)
    for page, values in sorted(by_page.items()):
        print(
            f"| {page} | {len(values)} | {statistics.median(values):.0f} | "
            f"{percentile(values, 95):.0f} | {percentile(values, 99):.0f} |"
        )
    print(
        f"| **every page** | {len(ok)} | {statistics.median(ok):.0f} | {percentile(ok, 95):.0f} | "
        f"{percentile(ok, 99):.0f} |"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
