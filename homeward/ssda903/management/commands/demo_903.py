"""manage.py demo_903 --children N [--seed S] [--year 2027] OUTDIR: a synthetic SSDA903 return.

Writes the ten CSV files of a return that the DfE's rules accept (see
``homeward.domain.ssda903.synthetic``) and prints one line per file with its row count. The
return is Leeds' (ONS code E08000035): give that code to the DfE validator as the local
authority, as the DfE's own tool does, or the rules that compare placements with the authority
(241, 1015) report the supported accommodation and own-provision placements.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.domain.ssda903 import synthetic


class Command(BaseCommand):
    help = "Write a synthetic SSDA903 return (ten CSV files) that passes the DfE's rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, required=True, help="children in the Header")
        parser.add_argument("--seed", type=int, default=2026, help="the same seed, the same data")
        parser.add_argument(
            "--year", type=int, default=2027, help="collection year, e.g. 2027 for 2026-27"
        )
        parser.add_argument("outdir", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        children: int = options["children"]
        year: int = options["year"]
        outdir: Path = options["outdir"]
        if children < 1:
            raise CommandError("--children must be at least 1")
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year} is not a collection year (e.g. 2027 for 2026-27)")
        if outdir.exists() and not outdir.is_dir():
            raise CommandError(f"{outdir} is a file, not a folder")
        tables = synthetic.generate(children, seed=options["seed"], collection_year=year)
        paths = synthetic.write_csv(tables, outdir)
        for table, path in zip(synthetic.TABLES, paths, strict=True):
            self.stdout.write(f"{path}: {len(tables[table])} rows")
