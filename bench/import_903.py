"""Benchmark: import a synthetic SSDA903 return of N children, and time the DfE validator on it.

    .venv/bin/python bench/import_903.py --children 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward_bench .venv/bin/python \\
        bench/import_903.py --children 50000

The import's own work (read, check, write: the children are in the tracker) is timed apart from
the DfE data-quality pass, and the validator (csc-validator-be-903) is timed alone on the same
files. The import and the validator each run in their own process, so each peak resident memory
(peak_mib, validator_peak_mib) is that work's alone. Uses an empty database: a fresh SQLite file
in a temporary folder unless DATABASE_URL is set (then the database must be empty).

The last line printed is one JSON object: children, import_seconds, validator_seconds, ratio
(import / validator), the same in CPU seconds (cpu_ratio: steadier when other work shares the
machine), peak_mib and more. The import timed is everything a user waits for before the run
says "Imported" (with ``dfe_rules=False``: the DfE pass is the validator's time, timed apart):
the check, every table, the journey events, and the ledger, drift facts and forecasts stored
in the same transaction.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "homeward.settings"
    import django

    django.setup()


def child_import(folder: Path, year: int) -> None:
    """In its own process, so its peak resident memory is the import's alone."""
    setup_django(folder.parent)
    from django.core.management import call_command

    from homeward.children.models import Child
    from homeward.ssda903.importer import import_return
    from homeward.ssda903.models import ImportRun
    from homeward.ssda903.sources import sources_from_path

    call_command("migrate", verbosity=0)
    cpu = time.process_time()
    started = time.perf_counter()
    run = import_return(
        sources_from_path(folder, folder.parent / "xml-tables"),
        run=ImportRun.objects.create(source=str(folder)),
        collection_year=year,
        dfe_rules=False,
    )
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    assert run.status == ImportRun.Status.IMPORTED, run.blocking[:5]
    print(
        json.dumps(
            {"seconds": seconds, "cpu": cpu, "children": Child.objects.count(), "rss": _rss()}
        )
    )


def child_validate(folder: Path, year: int) -> None:
    from homeward.domain.ssda903.synthetic import LOCAL_AUTHORITY
    from homeward.ssda903 import dfe

    cpu = time.process_time()
    started = time.perf_counter()
    failures = dfe.validate_csv_folder(folder, year, local_authority=LOCAL_AUTHORITY)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "failures": len(failures), "rss": _rss()}))


def _rss() -> float:
    """This process's peak resident memory in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured(*args: str) -> tuple[dict[str, float], float]:
    """Run this script in a child process; its JSON answer and its own peak resident MiB."""
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(done.stderr)
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return answer, answer["rss"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=5_000)
    parser.add_argument("--year", type=int, default=2027)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--import-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--validate-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        child_import(args.import_only, args.year)
        return
    if args.validate_only:
        child_validate(args.validate_only, args.year)
        return

    from homeward.domain.ssda903.synthetic import generate, write_csv

    tmp = Path(tempfile.mkdtemp(prefix="homeward-bench-903-"))
    started = time.perf_counter()
    tables = generate(args.children, seed=args.seed, collection_year=args.year)
    folder = tmp / "return"
    write_csv(tables, folder)
    generate_seconds = time.perf_counter() - started
    rows = {table: len(table_rows) for table, table_rows in tables.items()}
    del tables
    size_mib = sum(p.stat().st_size for p in folder.iterdir()) / 2**20

    validated, validator_rss = measured("--validate-only", str(folder), "--year", str(args.year))
    imported, import_rss = measured("--import-only", str(folder), "--year", str(args.year))
    database = os.environ.get("DATABASE_URL", "sqlite").split(":")[0]
    result = {
        "children": rows["Header"],
        "episodes": rows["Episodes"],
        "reviews": rows["Reviews"],
        "database": database,
        "files_mib": round(size_mib, 1),
        "generate_seconds": round(generate_seconds, 2),
        "import_seconds": round(imported["seconds"], 2),
        "validator_seconds": round(validated["seconds"], 2),
        "ratio": round(imported["seconds"] / validated["seconds"], 3),
        # The same in CPU seconds (this process's own, user and system): on a machine shared
        # with other work, what each took of the processor, whatever else was running.
        "import_cpu_seconds": round(imported["cpu"], 2),
        "validator_cpu_seconds": round(validated["cpu"], 2),
        "cpu_ratio": round(imported["cpu"] / validated["cpu"], 3),
        "peak_mib": round(import_rss),
        "validator_peak_mib": round(validator_rss),
        "dfe_failures": validated["failures"],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
