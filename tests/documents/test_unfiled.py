"""Files no document names (a caller's transaction rolled back around ``store``): listed and
removed by ``manage.py unfiled_documents``, an hour after they were written."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from homeward.accounts.actor import Actor
from homeward.documents import services
from homeward.documents.models import Document
from tests.clock import NOW

PDF = b"%PDF-1.4\n% a tiny synthetic document\n%%EOF\n"


class RolledBack(Exception):
    pass


def test_a_file_left_by_a_callers_rollback_is_found_and_removed_after_an_hour(
    council, _documents_in_a_temporary_folder
) -> None:
    actor = Actor.working_as(council.users["social_worker"])
    kept = services.store(
        actor, council.child_a, PDF, "report", "Kept", NOW.date(), filename="k.pdf"
    )
    with pytest.raises(RolledBack), transaction.atomic():
        services.store(actor, council.child_a, PDF, "report", "Lost", NOW.date(), filename="l.pdf")
        raise RolledBack  # the caller's own work failed after the document was stored
    assert list(Document.objects.all()) == [kept]
    assert services.unfiled() == []  # too new: an upload may still be committing
    files = [p for p in Path(_documents_in_a_temporary_folder).rglob("*") if p.is_file()]
    two_hours_ago = (NOW - dt.timedelta(hours=2)).timestamp()
    for path in files:
        os.utime(path, (two_hours_ago, two_hours_ago))
    (left,) = services.unfiled()
    out = io.StringIO()
    call_command("unfiled_documents", "--delete", stdout=out)
    assert f"removed {left}" in out.getvalue()
    files = [p for p in Path(_documents_in_a_temporary_folder).rglob("*") if p.is_file()]
    assert files == [Path(_documents_in_a_temporary_folder) / kept.file.name]
