"""Rebuild the stored expectations (the deadline ledger) from the events, e.g. after a rules
file changed. ``--child`` for one child (by child ID); ``--council`` checks which council's
rules the installation runs before it starts."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.children.models import Child
from homeward.timescales import ledger


class Command(BaseCommand):
    help = "Recompute every child's stored timescales (the deadline ledger) from their events."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--child", help="only this child (their child ID)")
        parser.add_argument(
            "--council",
            help="the council whose rules to use (must be this installation's HOMEWARD_COUNCIL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        council = options["council"]
        if council and council != settings.HOMEWARD_COUNCIL:
            raise CommandError(
                f"--council {council!r}: this installation runs {settings.HOMEWARD_COUNCIL!r}'s "
                "rules (set HOMEWARD_COUNCIL to change it)"
            )
        if options["child"]:
            pks = list(Child.objects.filter(child_id=options["child"]).values_list("pk", flat=True))
            if not pks:
                raise CommandError(f"--child {options['child']!r}: no child with that child ID")
        else:
            pks = list(Child.objects.order_by("pk").values_list("pk", flat=True))
        started = time.perf_counter()
        written = ledger.recompute(pks, progress=self._bar)
        self.stdout.write("")  # end the progress bar's line
        self.stdout.write(
            f"Recomputed {len(pks)} children: {written} expectations "
            f"in {time.perf_counter() - started:.1f} s ({settings.HOMEWARD_COUNCIL}'s rules)"
        )

    def _bar(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} children",
            ending="",
        )
        self.stdout.flush()
