"""Journey events read off a child's SSDA903 history: the dated facts the timescales run on.

The return says when a child started to be looked after (a new period of care), each change of
legal status, placements for adoption, the adoption decision and match (AD1, PlacedAdoption), each
Child in Care review held (Reviews), and when and why each period of care ended (REC: the
permanence route). Plain Python, deterministic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homeward.domain.ssda903 import codes

# A change into one of these legal statuses is an event in the journey (SSDA903 LS codes).
LEGAL_STATUS_EVENTS = {
    "C1": "interim_care_order",
    "C2": "care_order",
    "E1": "placement_order",
}
# An interim care order (C1) is followed by a care order (C2) or a placement order (E1), or goes
# on (C1 again, a new placement); any other legal status in the same period means it ended
# without one (regulation 28(4)'s weekly visits then stop).
INTERIM_CARE_ORDER = "C1"
AFTER_INTERIM_ORDER = frozenset({"C1", "C2", "E1"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
# Placed with local authority foster carers (SSDA903 PLACE U1-U6: U1-U3 connected persons, U4-U6
# other foster carers); the year a foster parent needs before applying for an order runs from here.
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
# Long-term fostering (U1, U4): a placement intended to last until the child is 18, so visits may
# be 3-monthly after its first year (CPR 2010 reg 28(2)(c)(i)).
LONG_TERM_PLACEMENTS = frozenset({"U1", "U4"})
# Foster carers who are approved adopters, fostering for adoption (U2, U5): the 10 weeks before
# they may apply for an adoption order run from the day the child moved in (ACA 2002 s42(2)).
FOSTERING_FOR_ADOPTION = frozenset({"U2", "U5"})
# Placed for adoption with the current foster carers (A3, A5): the child does not move.
WITH_CURRENT_CARERS = frozenset({"A3", "A5"})
# Placed with a parent or another person with parental responsibility (P1): weekly visits until
# the first review (CPR 2010 reg 28(3)).
WITH_PARENT = frozenset({"P1"})
# Short breaks (V3, V4): reg 48's timetable replaces the care regime.
SHORT_BREAKS = frozenset({"V3", "V4"})
# Reasons for a new episode that mean a new placement began (SSDA903 RNE: P, T, B, U).
PLACEMENT_CHANGES = frozenset({"P", "T", "B", "U"})
ORDER_ROUTES = frozenset({"adoption", "special guardianship", "child arrangements order"})


@dataclass(frozen=True)
class EpisodeFacts:
    start: dt.date  # DECOM
    end: dt.date | None  # DEC
    reason_new_episode: str  # RNE
    legal_status: str  # LS
    placement_type: str  # PLACE
    reason_ceased: str  # REC


@dataclass(frozen=True, order=True)
class DerivedEvent:
    date: dt.date
    kind: str
    notes: str = ""


def derive_events(
    episodes: list[EpisodeFacts],
    *,
    adoption_decisions: tuple[dt.date, ...] = (),
    matched_on: dt.date | None = None,
    reviews: tuple[dt.date, ...] = (),
) -> list[DerivedEvent]:
    """Every journey event the return implies, oldest first, without duplicates."""
    events: set[DerivedEvent] = set()
    previous: EpisodeFacts | None = None
    ordered = sorted(episodes, key=lambda e: e.start)
    for index, episode in enumerate(ordered):
        # A period of care that ends and starts again on the same day is one period (SSDA903
        # guidance: a change of legal status or placement, not a new period of care).
        new_period = previous is None or previous.end is None or previous.end != episode.start
        if new_period:
            events.add(DerivedEvent(episode.start, "became_looked_after"))
            if episode.legal_status == "V2":  # accommodated under s20: outside the legal process
                events.add(DerivedEvent(episode.start, "accommodated_s20", "Legal status V2"))
            if episode.legal_status in SHORT_BREAKS:
                events.add(
                    DerivedEvent(
                        episode.start,
                        "short_breaks_started",
                        f"Legal status {episode.legal_status}",
                    )
                )
        status_changed = (
            new_period or previous is None or previous.legal_status != episode.legal_status
        )
        if status_changed and episode.legal_status in LEGAL_STATUS_EVENTS:
            events.add(DerivedEvent(episode.start, LEGAL_STATUS_EVENTS[episode.legal_status]))
        if (
            not new_period
            and previous is not None
            and previous.legal_status == INTERIM_CARE_ORDER
            and episode.legal_status not in AFTER_INTERIM_ORDER
        ):
            # The interim care order ended without a care or placement order (e.g. C1 then V2).
            events.add(
                DerivedEvent(
                    episode.start,
                    "interim_care_order_ended",
                    f"Legal status C1 to {episode.legal_status}",
                )
            )
        placement_began = new_period or episode.reason_new_episode in PLACEMENT_CHANGES
        # Placed for adoption with the foster carers the child already lives with: no move.
        stays = (
            previous is not None
            and episode.placement_type in WITH_CURRENT_CARERS
            and previous.placement_type in FOSTERING_FOR_ADOPTION | FOSTER_PLACEMENTS
        )
        if not new_period and episode.reason_new_episode in PLACEMENT_CHANGES and not stays:
            events.add(DerivedEvent(episode.start, "placement_started"))
        place = episode.placement_type
        if placement_began and not stays:
            if place in FOSTER_PLACEMENTS:
                events.add(DerivedEvent(episode.start, "foster_placement_started", place))
            if place in LONG_TERM_PLACEMENTS:
                events.add(DerivedEvent(episode.start, "long_term_placement_agreed", place))
            if place in FOSTERING_FOR_ADOPTION:
                events.add(DerivedEvent(episode.start, "fostering_for_adoption_placement", place))
            if place in WITH_PARENT:
                events.add(DerivedEvent(episode.start, "placed_with_parent", place))
        was_adoptive = (
            previous is not None
            and not new_period
            and (previous.placement_type in ADOPTION_PLACEMENTS)
        )
        if episode.placement_type in ADOPTION_PLACEMENTS and not was_adoptive:
            events.add(DerivedEvent(episode.start, "placed_for_adoption"))
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        continues = following is not None and following.start == episode.end
        if (
            episode.end is not None
            and episode.reason_ceased
            and episode.reason_ceased != "X1"
            and not continues
        ):
            rec = episode.reason_ceased
            meaning = codes.REC.get(rec, "")
            events.add(DerivedEvent(episode.end, "ceased_looked_after", f"{rec}: {meaning}"))
            route = codes.PERMANENCE_ROUTES.get(rec)
            if route is not None and route in ORDER_ROUTES:
                events.add(DerivedEvent(episode.end, "order_made", f"{route.capitalize()} ({rec})"))
            elif route == "return home":
                events.add(DerivedEvent(episode.end, "returned_home", f"{rec}: {meaning}"))
        previous = episode
    for decided in adoption_decisions:
        events.add(DerivedEvent(decided, "adm_decision", "Should be placed for adoption"))
    for held in reviews:  # the Reviews table: each Child in Care review held
        events.add(DerivedEvent(held, "cic_review"))
    if matched_on is not None:
        events.add(DerivedEvent(matched_on, "matched", "Matched with prospective adopters"))
    return sorted(events)
