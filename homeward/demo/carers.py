"""The demo council's carers register (``manage.py demo``; issue 15 item 9): about 40
synthetic households across every type of carer and every status, with their approval terms,
needs-acceptance checklists and status histories.

Called once by ``homeward.demo.builder.build``. Deterministic from the demo's seed and
``today``. Every name and area is invented: household first names only (as the register shows
them), and localities that are nowhere in particular.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import cycle

from homeward.accounts.models import User
from homeward.children.models import Child
from homeward.domain import carers as domain
from homeward.matching.models import Carer, CarerNeed, CarerStatusChange

N_CARERS = 40
# Household first names (common given names; no surnames on the register).
ADULT_FIRST_NAMES = (
    "Claire",
    "Lee",
    "Dawn",
    "Wayne",
    "Kelly",
    "Darren",
    "Gemma",
    "Craig",
    "Sarah",
    "Mark",
    "Nicola",
    "Emma",
    "Priya",
    "Imran",
    "Aisha",
    "Tomasz",
    "Kofi",
    "Ama",
    "Rhys",
    "Bethan",
)
AREAS = (
    "Ashcroft Vale",
    "Fernby Green",
    "Northmoor",
    "Kestrel Heath",
    "Millbrook",
    "Oakridge",
    "Westerby",
    "Lanton Cross",
)
AGENCIES = {
    "ifa": ("Brightpath Fostering (demo)", "Harbour Lights Foster Care (demo)"),
    "voluntary_adoption_agency": ("Evergreen Adoption Society (demo)",),
}
LANGUAGES = ("English", "English, Punjabi", "English, Polish", "English, Urdu", "English, Welsh")
RELIGIONS = ("", "Christian", "Muslim", "Sikh", "No religion", "Hindu")
ETHNICITIES = (
    "White British",
    "Asian British (Pakistani)",
    "Black British (Caribbean)",
    "Mixed (White and Black African)",
    "White (Polish)",
    "Asian British (Indian)",
)
# Each type's usual terms: (children approved, youngest, oldest, short term, long term).
TERMS = {
    "in_house_foster_carer": (3, 0, 18, True, True),
    "connected_person": (2, 0, 18, True, True),
    "foster_for_adoption": (1, 0, 2, True, False),
    "approved_adopter": (2, 0, 8, False, True),
    "ifa": (2, 5, 18, True, True),
    "voluntary_adoption_agency": (1, 0, 6, False, True),
    "residential": (4, 11, 18, True, True),
}
# What a household is culturally competent with and the religions it supports besides its own
# (issue 15 item 8's register gaps; DS objective 5): synthetic, chosen on a stream of their own so
# the rest of the register is as before.
COMPETENT = ("", "", "Caribbean, Black British (Caribbean)", "Polish, White (Polish)", "Roma")
SUPPORTED = ("", "", "Muslim", "Sikh, Hindu", "Christian")
CONNECTED_PER_CARER = 1  # a connected person is assessed for one child of the demo council

REASONS = {
    "approved": "Approved at fostering panel",
    "on_hold": "On hold while the household moves home",
    "resigned": "Resigned: retiring from fostering",
    "in_assessment": "Form F assessment started",
}


def build(*, seed: int, today: dt.date) -> dict[str, int]:
    """The register's households; none if the register already has some (a council's own)."""
    if Carer.objects.exists():
        return {"carers": 0}
    rng = random.Random(seed * 4099 + 15)  # its own stream: the rest of the demo is unchanged
    family_finder = User.objects.filter(username="family-finder").first()
    types = cycle([key for key, _ in domain.CARER_TYPES])
    # Most households approved; every status appears for every few types.
    statuses = cycle(["approved", "approved", "in_assessment", "approved", "on_hold", "resigned"])
    carers: list[Carer] = []
    for i in range(N_CARERS):
        carer_type, status = next(types), next(statuses)
        approved, youngest, oldest, short, long = TERMS[carer_type]
        reference = f"R-{i + 1:04d}"
        if rng.random() < 0.3:
            display = f"Carers {reference}"
        elif rng.random() < 0.5:
            display = rng.choice(ADULT_FIRST_NAMES)
        else:
            first, second = rng.sample(ADULT_FIRST_NAMES, 2)
            display = f"{first} and {second}"
        vacancies = rng.randint(0, approved) if status == "approved" else 0
        carers.append(
            Carer(
                reference=reference,
                display_name=display,
                carer_type=carer_type,
                agency=rng.choice(AGENCIES[carer_type]) if carer_type in AGENCIES else "",
                status=status,
                status_since=today - dt.timedelta(days=rng.randint(20, 900)),
                children_approved=approved,
                age_from=youngest,
                age_to=oldest,
                siblings_accepted=approved > 1 and rng.random() < 0.6,
                short_term=short,
                long_term=long,
                disability=rng.random() < 0.3,
                vacancies=vacancies,
                languages=rng.choice(LANGUAGES),
                religion=rng.choice(RELIGIONS),
                ethnicity=rng.choice(ETHNICITIES),
                culture="",
                area=rng.choice(AREAS),
            )
        )
    gaps = random.Random(seed * 4099 + 16)
    for carer in carers:
        carer.culturally_competent = gaps.choice(COMPETENT)
        carer.religions_supported = gaps.choice(SUPPORTED)
    Carer.objects.bulk_create(carers)
    children = list(Child.objects.order_by("child_id").values_list("pk", flat=True))
    if children:
        links = Carer.connected_children.through
        links.objects.bulk_create(
            links(carer_id=carer.pk, child_id=gaps.choice(children))
            for carer in Carer.objects.filter(carer_type="connected_person").order_by("reference")
        )
    needs: list[CarerNeed] = []
    history: list[CarerStatusChange] = []
    for carer in Carer.objects.order_by("reference"):
        for key in domain.NEED_KEYS:
            level = rng.choices(["low", "medium", "high"], weights=[3, 4, 2])[0]
            needs.append(CarerNeed(carer=carer, need=key, level=level))
        if carer.status != "in_assessment":
            started = carer.status_since - dt.timedelta(days=rng.randint(120, 400))
            history.append(
                CarerStatusChange(
                    carer=carer,
                    status="in_assessment",
                    on=started,
                    reason=REASONS["in_assessment"],
                    recorded_by=family_finder,
                )
            )
        history.append(
            CarerStatusChange(
                carer=carer,
                status=carer.status,
                on=carer.status_since,
                reason=REASONS[carer.status],
                recorded_by=family_finder,
            )
        )
    CarerNeed.objects.bulk_create(needs)
    CarerStatusChange.objects.bulk_create(history)
    return {"carers": len(carers)}
