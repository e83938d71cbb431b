"""Asking for a download, and removing those kept longer than a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils import timezone

from homeward.accounts.models import User
from homeward.exports.models import Export
from homeward.exports.registry import Exporter
from homeward.exports.storage import export_storage
from homeward.exports.tasks import build_export, remove_files

KEPT_FOR = dt.timedelta(days=1)


def ask_for(user: User, exporter: Exporter, form: Mapping[str, str]) -> Export:
    """Record the request (with the page's filters) and queue its building. The caller has
    checked ``exporter.may_ask``; the task checks it again."""
    parameters = exporter.parameters(form)
    export = Export.objects.create(
        requested_by=user,
        kind=exporter.kind,
        title=exporter.describe(parameters)[:300],
        parameters=parameters,
    )
    try:
        build_export.enqueue(export.pk)
    except Exception as exc:
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED,
            progress=100,
            finished_at=timezone.now(),
            message=f"The download could not be started: {exc}"[:500],
        )
        raise
    return export


def prune(now: dt.datetime | None = None) -> int:
    """Remove every export asked for more than a day ago, with its file, and any folder left
    without an export (its export removed). Returns how many exports were removed."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    old = list(Export.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True))
    for export_id in old:
        remove_files(export_id)
    Export.objects.filter(pk__in=old).delete()
    try:
        folders, _ = export_storage.listdir("")
    except FileNotFoundError:
        folders = []
    kept = {str(pk) for pk in Export.objects.values_list("pk", flat=True)}
    for folder in folders:
        if folder.isdigit() and folder not in kept:
            remove_files(int(folder))
    return len(old)
