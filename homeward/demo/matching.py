"""The demo council's matching (``manage.py demo``; issue 15 items 4 and 9): a few children
with a matching profile, so the Matching tab ranks the demo's 40 carers for them, and one
shortlisted carer. The children are those the panel allocated to the demo family finder, made
up to ``N_PROFILES`` from children in care (who are then allocated to the family finder too,
so the family finder has them to work).

Called once by ``homeward.demo.builder.build``, after the carers register. Deterministic from
the demo's seed. Needs, areas and culture are invented and synthetic.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Allocation, Child
from homeward.demo.carers import AREAS
from homeward.domain import matching
from homeward.domain import routes as route_rules
from homeward.matching import candidates
from homeward.matching.models import MatchDecision, MatchingProfile, current_council

N_PROFILES = 4
# The options the demo's children are matched for, in turn: each with a route where the
# council's file has one for it.
OPTIONS = ("long_term_fostering", "adoption", "long_term_fostering", "foster_for_adoption")


def _children(family_finder: User) -> list[Child]:
    allocated = list(
        Child.objects.filter(
            allocations__ended_on__isnull=True, allocations__family_finder=family_finder
        )
        .exclude(date_of_birth__isnull=True)
        .order_by("child_id")[:N_PROFILES]
    )
    if len(allocated) < N_PROFILES:
        more = list(
            Child.objects.filter(
                allocations__ended_on__isnull=True,
                episodes__end_date__isnull=True,
                date_of_birth__isnull=False,
            )
            .exclude(pk__in=[c.pk for c in allocated])
            .distinct()
            .order_by("child_id")[: N_PROFILES - len(allocated)]
        )
        Allocation.objects.filter(child__in=more, ended_on__isnull=True).update(
            family_finder=family_finder
        )
        allocated += more
    return allocated


def build(*, seed: int, today: dt.date) -> dict[str, int]:
    family_finder = User.objects.filter(username="family-finder").first()
    if family_finder is None or MatchingProfile.objects.exists():
        return {"matching_profiles": 0}
    rng = random.Random(seed * 7919 + 154)  # its own stream: the rest of the demo is unchanged
    council = current_council()
    made = 0
    children = _children(family_finder)
    for n, child in enumerate(children):
        option = OPTIONS[n % len(OPTIONS)]
        routes = route_rules.routes_for_option(council, option)
        needs = {
            need.key: rng.choice(["low", "medium", "high"])
            for need in rng.sample(matching.NEEDS, k=3)
        }
        family_time = n % 2 == 0
        MatchingProfile.objects.create(
            child=child,
            option=option,
            route=routes[0].key if routes else "",
            needs=needs,
            siblings_together=child.sibling_group_id is not None,
            avoid_areas=rng.choice(AREAS),
            family_time_areas="\n".join(rng.sample(AREAS, k=4)) if family_time else "",
            updated_by=family_finder,
        )
        made += 1
    # The family finder has started: on the first child with carers who pass every hard
    # constraint, the first of them is on the shortlist.
    for child in children:
        tab = candidates.matching_tab(child, today)
        if tab.eligible:
            MatchDecision.objects.create(
                child=child,
                carer=tab.eligible[0].carer,
                decision=MatchDecision.Decision.SHORTLIST,
                by=family_finder,
                at=timezone.now(),
            )
            break
    return {"matching_profiles": made}
