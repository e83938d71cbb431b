"""Send today's digests of what falls due to those who chose one (run daily, e.g. at 7am by cron
or the scheduler that runs Homeward's other jobs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from homeward.notifications.digests import send_digests
from homeward.notifications.models import Message


class Command(BaseCommand):
    help = "Send today's digests of what falls due (each person's choice: daily or weekly)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="The day to send for, YYYY-MM-DD (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r} is not YYYY-MM-DD") from None
        messages = send_digests(today)
        failed = [m for m in messages if Message.objects.get(pk=m.pk).status == "failed"]
        self.stdout.write(f"{len(messages)} digests, {len(failed)} failed (see /notifications/)")
