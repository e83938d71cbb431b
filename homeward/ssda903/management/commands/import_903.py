"""manage.py import_903 PATH: import an SSDA903 return (a folder of CSVs, one CSV, or XML), or
returns for several years (a folder with one sub-folder per year, imported oldest first).

The last line of output is one JSON object with the counts; the exit code is 0 only when the
return was imported. Blocking problems are printed as file, row, column and message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.domain.ssda903.reader import ReturnFile
from homeward.ssda903 import progress
from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun
from homeward.ssda903.sources import sources_from_path
from homeward.ssda903.tasks import failure_message, mark_failed
from homeward.ssda903.uploads import discard, tables_folder


class Command(BaseCommand):
    help = "Import an SSDA903 return: a folder of CSV files, one CSV file, or the XML return."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--year",
            type=int,
            help="Collection year (the year the return ends, e.g. 2027 for 2026-27); "
            "by default the year of the latest episode date.",
        )
        parser.add_argument(
            "--no-dfe-rules", action="store_true", help="Skip the DfE data-quality pass."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        years = year_folders(path)
        if years and options["year"]:
            raise CommandError("--year applies to one return: give the folder of that year")
        for folder in years[:-1]:
            # Earlier years first, each its own import; the last one's JSON ends the output.
            self.import_one(folder, options, final=False)
        self.import_one(years[-1] if years else path, options, final=True)

    def import_one(self, path: Path, options: dict[str, Any], *, final: bool) -> None:
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        progress.fail_stale_imports()
        run = ImportRun.objects.create(source=str(path))
        try:
            # An XML return's tables are written in the run's upload folder, removed at the
            # end however the import ends (or by the stale check, if this process is killed).
            sources: list[ReturnFile] = sources_from_path(path, tables_folder(run.pk))
            run = import_return(
                sources,
                run=run,
                collection_year=options["year"],
                dfe_rules=not options["no_dfe_rules"],
                progress=lambda pct, msg: self.stderr.write(f"{pct:3d}% {msg}"),
            )
        except ValueError as exc:
            run.status = ImportRun.Status.BLOCKED
            run.message = str(exc)[:500]
            run.progress = 100
            run.save()
            raise CommandError(str(exc)) from exc
        except Exception as exc:
            mark_failed(run.pk, exc)
            raise CommandError(failure_message(exc)) from exc
        finally:
            discard(run.pk)
            progress.forget(run)
        for problem in run.blocking:
            where = ", ".join(
                part
                for part in (
                    problem["file"],
                    f"row {problem['row']}" if problem["row"] else "",
                    f"column {problem['column']}" if problem["column"] else "",
                )
                if part
            )
            self.stdout.write(f"{where}: {problem['message']}")
        counts = {
            "children": 0,
            "episodes": 0,
            "reviews": 0,
            "blocking": len(run.blocking),
            "dfe_failures": 0,
            **run.counts,
            "status": run.status,
            "collection_year": run.collection_year,
            "import_run": run.pk,
        }
        self.stdout.write(json.dumps(counts))
        if run.status != ImportRun.Status.IMPORTED:
            raise SystemExit(1)
        if not final:
            self.stdout.write(f"Imported {path.name}; going on to the next year.")


def year_folders(path: Path) -> list[Path]:
    """A folder of returns for several collection years: one sub-folder per year (named by the
    year, e.g. 2025/ and 2026/, or 2024-25/), imported oldest first. Empty for a single return."""
    if not path.is_dir() or any(p.suffix.lower() in {".csv", ".xml"} for p in path.iterdir()):
        return []
    return sorted(p for p in path.iterdir() if p.is_dir() and p.name[:4].isdigit())
