"""Run by tests/ssda903/test_worker_faults.py in its own process, against the database a real
worker (``manage.py db_worker``) uses: the test's own database connection cannot be shared with
another process. Each command prints one JSON object.

    python -m tests.ssda903.worker_harness enqueue FOLDER   # upload a return, queue its import
    python -m tests.ssda903.worker_harness page RUN [--at ISO]  # read the import's page (at ISO)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from time_machine import travel

    from homeward.accounts.models import Role, User
    from homeward.children.models import Child
    from homeward.ssda903 import uploads
    from homeward.ssda903.models import ImportRun
    from homeward.ssda903.tasks import import_uploaded_return

    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["enqueue", "page"])
    parser.add_argument("target")
    parser.add_argument("--at")
    args = parser.parse_args()
    if args.command == "enqueue":
        folder = Path(args.target)
        run = ImportRun.objects.create(source=folder.name, collection_year=2027)
        files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
        uploads.store(run.pk, files)
        import_uploaded_return.enqueue(run.pk)
        print(json.dumps({"run": run.pk, "token": str(run.token)}))
        return
    analyst, _ = User.objects.get_or_create(
        username="harness-analyst", defaults={"role": Role.PERFORMANCE_ANALYST}
    )
    client = Client()
    client.force_login(analyst)
    at = dt.datetime.fromisoformat(args.at) if args.at else None
    if at is not None:
        with travel(at, tick=False):
            page = client.get(f"/ssda903/imports/{args.target}/").content.decode()
    else:
        page = client.get(f"/ssda903/imports/{args.target}/").content.decode()
    run = ImportRun.objects.get(pk=args.target)
    print(
        json.dumps(
            {
                "status": run.status,
                "message": run.message,
                "children": Child.objects.count(),
                "retry_offered": "Import the files again" in page,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
