"""URL parameters for family finding's pages in the access matrix
(tests/accounts/test_access_matrix.py): the matrix's child on Dudley's family finding route, made
only when a URL asks for a step; on the in-house carers route, with the Fostering Panel's bundle,
when it asks for a bundle or one of its documents; a match with a carer when it asks for a match."""

from __future__ import annotations

from typing import Any

from homeward.children.models import Child
from homeward.matching.models import FamilyFinding, Match
from tests.clock import TODAY
from tests.matching.factories import CarerFactory

# The matrix's step: the pen picture, which the social worker records (dudley.toml), recorded
# done so the page removing it has a record.
MATRIX_ROUTE, MATRIX_STEP = "family_finding", "pen_picture"
# The bundle's pages: a route with the Fostering Panel's bundle, and one of its documents.
BUNDLE_ROUTE, BUNDLE, BUNDLE_DOCUMENT = "existing_in_house_carers", "fostering_panel", "form_f"


def matching_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "step_key" in params:
        allocation = child.allocations.filter(ended_on__isnull=True).first()
        finding, _ = FamilyFinding.objects.get_or_create(
            child=child,
            defaults={
                "council": "dudley",
                "route_key": MATRIX_ROUTE,
                "started_on": TODAY,
                "started_by": allocation.social_worker,
            },
        )
        # Recorded, so the page that removes it (to correct it) has something to remove; the
        # page that records it still shows (a second record is refused when sent).
        finding.steps_done.get_or_create(
            step_key=MATRIX_STEP, defaults={"done_on": TODAY, "by": allocation.social_worker}
        )
        values["step_key"] = MATRIX_STEP
    if "document_key" in params or "bundle_key" in params:
        allocation = child.allocations.filter(ended_on__isnull=True).first()
        FamilyFinding.objects.get_or_create(
            child=child,
            defaults={
                "council": "dudley",
                "route_key": BUNDLE_ROUTE,
                "started_on": TODAY,
                "started_by": allocation.social_worker,
            },
        )
        values["document_key"], values["bundle_key"] = BUNDLE_DOCUMENT, BUNDLE
    if "match_id" in params:
        allocation = child.allocations.filter(ended_on__isnull=True).first()
        match, _ = Match.objects.get_or_create(
            child=child,
            carer=CarerFactory(long_term=True),
            defaults={
                "matched_on": TODAY,
                "option": "long_term_fostering",
                "by": allocation.social_worker,
                "recorded_at": child.created_at,
            },
        )
        values["match_id"] = match.pk
    return values
