"""Reads for the carers register. The list runs a fixed number of queries however many
households there are (tests/matching/test_pages.py asserts it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from homeward.matching.models import Carer, CarerStatusChange

SORTS = {
    "reference": ("reference",),
    "name": ("display_name", "reference"),
    "type": ("carer_type", "reference"),
    "status": ("status", "reference"),
    "area": ("area", "reference"),
    "vacancies": ("vacancies", "reference"),
}


@dataclass(frozen=True)
class CarerListFilters:
    carer_type: str = ""
    status: str = ""
    area: str = ""
    vacancy: bool = False  # only households with a vacancy
    sort: str = "reference"
    descending: bool = False


def carers_list(filters: CarerListFilters) -> QuerySet[Carer]:
    qs = Carer.objects.all()
    if filters.carer_type:
        qs = qs.filter(carer_type=filters.carer_type)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.area:
        qs = qs.filter(area=filters.area)
    if filters.vacancy:
        qs = qs.filter(vacancies__gt=0)
    order = SORTS.get(filters.sort, SORTS["reference"])
    if filters.descending:
        order = tuple(f"-{field}" for field in order)
    return qs.order_by(*order, "pk")


def areas() -> list[str]:
    """The areas on the register, for the filter (one query)."""
    return list(Carer.objects.order_by("area").values_list("area", flat=True).distinct())


def carer_detail(carer_id: int) -> Carer | None:
    """The household with its checklist and status history, in a fixed number of queries."""
    return (
        Carer.objects.prefetch_related(
            "needs",
            Prefetch(
                "status_changes",
                queryset=CarerStatusChange.objects.select_related("recorded_by"),
            ),
        )
        .filter(pk=carer_id)
        .first()
    )
