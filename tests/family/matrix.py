"""URL parameters for homeward.family's pages in the access matrix
(tests/accounts/test_access_matrix.py): objects on the matrix's child, created only when a URL asks
for them."""

from __future__ import annotations

from typing import Any

from homeward.children.models import Child, Relationship
from homeward.family.models import (
    Complaint,
    FamilyTie,
    FamilyView,
    FamilyViewOccasion,
    MemoryItem,
    TieKind,
)
from tests.factories import ChildFactory, PersonInChildsLifeFactory
from tests.family.factories import (
    AdvocacyOfferFactory,
    FamilyTimePlanFactory,
    VoiceEntryFactory,
    sibling_group,
    today,
)


def family_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "sibling_id" in params:
        sibling = ChildFactory(last_name=child.last_name)
        sibling_group(child, sibling)
        values["sibling_id"] = sibling.child_id
    if "family_time_id" in params:
        values["family_time_id"] = FamilyTimePlanFactory(child=child).pk
    if "voice_entry_id" in params:
        values["voice_entry_id"] = VoiceEntryFactory(child=child).pk
    if "family_view_id" in params:
        values["family_view_id"] = FamilyView.objects.create(
            child=child,
            person=child.people.first(),
            date=today(),
            occasion=FamilyViewOccasion.OTHER,
            text="I want to be told about the plan.",
        ).pk
    if "advocacy_id" in params:
        values["advocacy_id"] = AdvocacyOfferFactory(child=child).pk
    if "complaint_id" in params:
        values["complaint_id"] = Complaint.objects.create(
            child=child, received_on=today(), made_by="child", subject="Not told about a move"
        ).pk
    if "tie_id" in params:
        link = PersonInChildsLifeFactory(child=child, relationship=Relationship.GRANDPARENT)
        values["tie_id"] = FamilyTie.objects.create(
            child=child, person=link.person, kind=TieKind.PARENT
        ).pk
    if "memory_id" in params:
        values["memory_id"] = MemoryItem.objects.create(
            child=child, description="First school photo", received_on=today(), where_kept="Box"
        ).pk
    return values
