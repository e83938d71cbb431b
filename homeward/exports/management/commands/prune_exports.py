"""``manage.py prune_exports``: remove downloads asked for more than a day ago, with their files
(the list of downloads does it too, each time it is opened). Run it daily from cron or a timer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from homeward.exports.services import prune


class Command(BaseCommand):
    help = "Remove prepared downloads older than a day, with their files."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = prune()
        self.stdout.write(f"Removed {removed} download{'' if removed == 1 else 's'}.")
