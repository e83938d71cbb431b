"""manage.py demo: build the synthetic demo council ("Demo Borough")."""

from __future__ import annotations

import json
import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Child
from homeward.demo.builder import DEMO_PASSWORD, DEMO_SIGN_INS, build
from homeward.domain import sign_offs
from homeward.domain.councils import PROFILES, profile_for

# Roles whose only work in the demo is the sign-offs a council's procedures ask of them.
SIGN_OFF_ONLY_ROLES = (sign_offs.STRATEGIC_MANAGER, sign_offs.AGENCY_DECISION_MAKER)


def sign_in_note(role: str, council: str) -> str:
    """Why a sign-in has nothing to do under this council, and how to run the demo where it has
    (homeward.domain.sign_offs.REQUIREMENTS); "" when it has work here."""
    if role not in SIGN_OFF_ONLY_ROLES:
        return ""
    if any(kind.signer_role == role for kind in sign_offs.required(council)):
        return ""
    elsewhere = [
        slug
        for slug in sorted(PROFILES)
        if any(kind.signer_role == role for kind in sign_offs.required(slug))
    ]
    if not elsewhere:
        return f"nothing to sign off under {council.title()}"
    names = " or ".join(slug.title() for slug in elsewhere)
    return (
        f"nothing to sign off under {council.title()}: the role signs off in {names}'s "
        f"procedures; run HOMEWARD_COUNCIL={elsewhere[0]} make run on a fresh database"
    )


class Command(BaseCommand):
    help = "Build the demo council: staff for every role and synthetic children at every stage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--children", type=int, default=300, help="How many children (default 300)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has children.",
        )
        parser.add_argument("--sign-ins", action="store_true", help="Only print the demo sign-ins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["sign_ins"]:
            self._print_sign_ins()
            return
        if settings.PRODUCTION:
            raise CommandError(
                "The demo council cannot be built in production (HOMEWARD_ENV=production)."
            )
        n = options["children"]
        if n < 1 or n > 200_000:
            raise CommandError(f"--children must be between 1 and 200000, not {n}.")
        if Child.objects.exists() or User.objects.filter(is_demo=True).exists():
            if options["if_empty"]:
                self.stdout.write(
                    "The database already holds children; the demo council was not rebuilt."
                )
                return
            raise CommandError(
                "The database already holds children or demo users. Use an empty database "
                "(for the embedded one: rm var/homeward.sqlite3, then manage.py migrate)."
            )
        profile = profile_for(settings.HOMEWARD_COUNCIL)
        started = time.perf_counter()
        counts = build(profile, n_children=n, seed=options["seed"], today=timezone.localdate())
        counts["seconds"] = round(time.perf_counter() - started, 2)
        # A bulk load, committed: the planner's statistics are refreshed now, and on PostgreSQL
        # the dead rows of the build's rewrites cleared (so counts read only the indexes), not
        # when autovacuum next wakes; the first pages choose the plans they will use afterwards.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(f"Built the demo council for {profile.council_name}.")
        self.stdout.write(json.dumps(counts))

    def _print_sign_ins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Homeward demo sign-ins (password for all: {DEMO_PASSWORD})")
        council = settings.HOMEWARD_COUNCIL
        self.stdout.write(f"The demo runs as {profile_for(council).council_name}.")
        for username, role, *_ in DEMO_SIGN_INS:
            note = sign_in_note(role.value, council)
            self.stdout.write(f"  {username:<24} {role.label}" + (f" ({note})" if note else ""))
        address = os.environ.get("HOMEWARD_ADDRESS", "http://127.0.0.1:8000")
        self.stdout.write(f"Open {address}/accounts/sign-in/ and sign in.")
        self.stdout.write("")
