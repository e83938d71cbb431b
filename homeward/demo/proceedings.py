"""Care proceedings in the demo: the issue dates an SSDA903 return does not hold, so that the
demo council has clocks running for the forecasts (issue 16 item 2) and the 26 weeks are counted
from the issue day (Children Act 1989 s32(1)(a); SPEC.md section 2), not estimated.

- A child looked after on an interim care order whose proceedings have no final order yet: the
  proceedings were issued on or before the first interim care order, which is made only in
  proceedings already issued (s38(1); rules/statutory.toml "care-proceedings-26-weeks-estimated").
- A third of the children at the edge of care in the Public Law Outline for a month or more:
  pre-proceedings did not divert proceedings, which were issued since.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from homeward.children.models import JourneyEvent

ISSUED = "proceedings_issued"
ICO = "interim_care_order"
# What ends a set of proceedings (homeward.domain.measures.proceedings.FINAL), and a child who
# ceased to be looked after after the order.
ENDS = frozenset(
    {"proceedings_concluded", "care_order", "placement_order", "order_made", "ceased_looked_after"}
)
DEMO_ISSUED_BEFORE_ICO = "Application issued (demo: before the first interim care order, s38(1))"
DEMO_ISSUED_AFTER_PLO = "Application issued (demo: pre-proceedings did not divert proceedings)"


def build(*, seed: int, today: dt.date) -> int:
    """Record the issue of care proceedings for the demo's children described above; returns
    how many were recorded. A random generator of its own keeps the rest of the demo the same
    for its seed."""
    rng = random.Random(seed * 104729 + 16)
    timeline: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for child, day, kind in (
        JourneyEvent.objects.filter(
            kind__in=[ICO, ISSUED, "plo_started", "became_looked_after", *ENDS]
        )
        .order_by("child", "date", "pk")
        .values_list("child", "date", "kind")
    ):
        timeline[child].append((day, kind))
    issued: list[JourneyEvent] = []
    for child, events in timeline.items():
        kinds = {kind for _, kind in events}
        if ISSUED in kinds:
            continue
        if ICO in kinds:
            first_ico: dt.date | None = None
            for day, kind in events:
                if kind == ICO and first_ico is None:
                    first_ico = day
                elif kind in ENDS:
                    first_ico = None  # those proceedings ended; a later order starts new ones
            if first_ico is not None:
                day = first_ico - dt.timedelta(days=rng.randint(0, 7))
                issued.append(_issued(child, day, DEMO_ISSUED_BEFORE_ICO))
        elif "plo_started" in kinds and "became_looked_after" not in kinds:
            plo = max(day for day, kind in events if kind == "plo_started")
            since = (today - plo).days
            if since >= 30 and rng.random() < 1 / 3:
                day = plo + dt.timedelta(days=rng.randint(21, since - 1))
                issued.append(_issued(child, day, DEMO_ISSUED_AFTER_PLO))
    JourneyEvent.objects.bulk_create(issued, batch_size=5000)
    return len(issued)


def _issued(child: int, day: dt.date, notes: str) -> JourneyEvent:
    return JourneyEvent(child_id=child, kind=ISSUED, date=day, notes=notes)
