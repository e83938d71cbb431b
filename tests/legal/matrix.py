"""URL parameters for homeward.legal's pages in the access matrix
(tests/accounts/test_access_matrix.py), created only when a URL asks for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from homeward.children.models import Child
from homeward.legal.models import CourtFiling, SupportPlan
from tests.planning.factories import today


def legal_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "filing_id" in params:
        values["filing_id"] = CourtFiling.objects.create(
            child=child, kind="statement", due_on=today() + dt.timedelta(days=7)
        ).pk
    if "plan_id" in params:
        values["plan_id"] = SupportPlan.objects.create(
            child=child,
            order_kind="special_guardianship",
            agreed_on=today() - dt.timedelta(days=30),
            services="Therapeutic support",
        ).pk
    return values
