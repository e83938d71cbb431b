"""URL parameters for homeward.quality's pages in the access matrix
(tests/accounts/test_access_matrix.py): a case audit with one open action on the matrix's child,
created only when a URL asks for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from homeward.children.models import Child
from homeward.quality.models import CaseAudit, CaseAuditAction
from tests.clock import TODAY


def quality_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "action_id" in params:
        worker = child.allocations.get(ended_on__isnull=True).social_worker
        audit = CaseAudit.objects.create(
            child=child,
            audited_on=TODAY - dt.timedelta(days=7),
            auditor=worker,
            answers={},
            grade="requires_improvement",
        )
        values["action_id"] = CaseAuditAction.objects.create(
            audit=audit, child=child, text="Update the genogram", owner=worker, due_on=TODAY
        ).pk
    return values
