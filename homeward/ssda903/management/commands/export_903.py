"""manage.py export_903 --year YYYY OUTDIR: write the SSDA903 return for a collection year."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.ssda903.exporter import write_folder


class Command(BaseCommand):
    help = "Write one CSV per SSDA903 table for the collection year ending 31 March YYYY."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="e.g. 2027 for 2026-27")
        parser.add_argument("outdir", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is not a collection year (e.g. 2027 for 2026-27)")
        outdir: Path = options["outdir"]
        if outdir.exists() and not outdir.is_dir():
            raise CommandError(f"{outdir} is a file, not a folder")
        counts = write_folder(year, outdir)
        record(
            AuditAction.EXPORT,
            username="manage.py",
            summary=f"Exported the SSDA903 return for {year - 1}-{str(year)[2:]} to {outdir}",
            after=counts,
        )
        self.stdout.write(json.dumps({"year": year, "folder": str(outdir), **counts}))
