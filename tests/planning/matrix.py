"""URL parameters for homeward.planning's pages in the access matrix
(tests/accounts/test_access_matrix.py): records on the matrix's child, created only when a URL asks
for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from homeward.children.models import Child, SignOff
from homeward.planning.models import CareProceedings, PermanenceAchieved
from tests.planning.factories import AssessmentFactory, PermanenceOptionFactory, today


def planning_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if {"option_id", "achieved_id"} & set(params):
        option = child.permanence_options.filter(kind="sgo").first() or PermanenceOptionFactory(
            child=child, kind="sgo", status="viable"
        )
        values["option_id"] = option.pk
        if "achieved_id" in params:
            values["achieved_id"] = PermanenceAchieved.objects.create(
                child=child,
                option=option,
                legal_route="special_guardianship_order",
                achieved_on=today(),
            ).pk
    if "assessment_id" in params:
        values["assessment_id"] = AssessmentFactory(child=child).pk
    if "section" in params:  # "My plan" (issue 17 item 1): a section of the child's plan
        values["section"] = "home"
    if "proceedings_id" in params:
        values["proceedings_id"] = CareProceedings.objects.create(
            child=child, issued_on=today() - dt.timedelta(days=30)
        ).pk
    if "sign_off_id" in params:
        # Dudley's (the default profile's) sign-off: the agency decision maker's authorisation of
        # a placement with parents, asked for by the child's social worker.
        values["sign_off_id"] = SignOff.objects.create(
            child=child,
            kind="placement_with_parents",
            signer_role="agency_decision_maker",
            requested_by=child.allocations.get(ended_on__isnull=True).social_worker,
            requested_on=today(),
        ).pk
    return values
