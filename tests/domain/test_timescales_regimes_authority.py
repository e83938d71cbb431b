"""Regimes of issue 13's remaining gaps: worked examples written from the regulation's text (as
SPEC section 2 states it) before the rules, each naming the events, the dates and the source.

CPR 2010 = Care Planning, Placement and Case Review (England) Regulations 2010; AAR 2005 =
Adoption Agencies Regulations 2005; ACA 2002 = Adoption and Children Act 2002; CA 1989 = Children
Act 1989. 2024 is a leap year (13 Jan 2024 + 366 days = 13 Jan 2025).
"""

from __future__ import annotations

import datetime as dt

from homeward.domain.ssda903.journey import EpisodeFacts, derive_events
from homeward.domain.timescales import Event, Status, evaluate, rules_for

D = dt.date
DUDLEY, DURHAM, DEVON = rules_for("dudley"), rules_for("durham"), rules_for("devon")


def ev(kind: str, day: dt.date) -> Event:
    return Event(day, kind)


def of(expectations, rule_id: str):
    return [e for e in expectations if e.rule.id == rule_id]


def rows(expectations, rule_id: str):
    return [(e.occurrence, e.due, e.status) for e in of(expectations, rule_id)]


# (a) CPR 2010 reg 28(3A)/(6): 6-monthly visits "only for a designated long-term foster placement
# of at least a year where the child agrees" (SPEC section 2, 'Social worker visits').

PLACED = D(2024, 1, 8)  # a long-term foster placement; its first year ends 8 Jan 2025
VISITS = [PLACED + dt.timedelta(days=5 + 42 * n) for n in range(10)]  # 13 Jan 2024 .. 25 Jan 2025


def _long_term(*extra: Event) -> list[Event]:
    return [
        ev("became_looked_after", PLACED),
        ev("long_term_placement_agreed", PLACED),
        *(ev("social_worker_visit", d) for d in VISITS),
        *extra,
    ]


def test_a_child_who_agrees_is_visited_6_monthly_after_the_placements_first_year() -> None:
    """The child agreed on 1 Dec 2024 (within the first year). The visit of 14 Dec 2024 is still
    in the first year: the next within 6 weeks (25 Jan 2025). The visit of 25 Jan 2025 is past
    it: the next within 6 months, 25 Jul 2025 (not 3 months, 25 Apr 2025)."""
    assert (VISITS[-2], VISITS[-1]) == (D(2024, 12, 14), D(2025, 1, 25))
    events = _long_term(ev("six_monthly_visits_agreed", D(2024, 12, 1)))
    visits = of(evaluate(DUDLEY, events, today=D(2025, 1, 26)), "visits")
    assert (visits[-2].due, visits[-2].status) == (D(2025, 1, 25), Status.MET_ON_TIME)
    assert (visits[-1].since.date, visits[-1].due, visits[-1].status) == (
        D(2025, 1, 25),
        D(2025, 7, 25),
        Status.UPCOMING,
    )
    assert visits[-1].steps[0].describe() == "6 months"


def test_without_the_childs_agreement_a_long_term_placement_stays_3_monthly() -> None:
    """reg 28(2)(c)(i): after the first year, not more than 3 months: 25 Jan 2025 -> 25 Apr."""
    (last,) = of(evaluate(DUDLEY, _long_term(), today=D(2025, 1, 26)), "visits")[-1:]
    assert last.due == D(2025, 4, 25)


def test_the_childs_agreement_without_a_long_term_placement_changes_nothing() -> None:
    """reg 28(2)(c)(ii): any other placement stays 6-weekly after its first year, whatever the
    child agreed: 25 Jan 2025 -> 8 Mar 2025."""
    events = [
        ev("became_looked_after", PLACED),
        *(ev("social_worker_visit", d) for d in VISITS),
        ev("six_monthly_visits_agreed", D(2024, 12, 1)),
    ]
    last = of(evaluate(DEVON, events, today=D(2025, 1, 26)), "visits")[-1]
    assert last.due == D(2025, 3, 8)


def test_an_agreement_from_an_earlier_placement_does_not_carry_to_a_new_one() -> None:
    """The agreement is about this placement: a child who agreed in 2023 and moved on 8 Jan 2024
    to a new long-term placement is visited 3-monthly after its first year."""
    events = [
        ev("became_looked_after", D(2022, 6, 1)),
        ev("six_monthly_visits_agreed", D(2023, 6, 1)),
        ev("placement_started", PLACED),
        *_long_term()[1:],
    ]
    last = of(evaluate(DURHAM, events, today=D(2025, 1, 26)), "visits")[-1]
    assert last.due == D(2025, 4, 25)


# (b) CPR 2010 reg 48: short breaks visits. SPEC section 2 ('Short breaks', second row): visits at
# intervals agreed with the IRO and parents; reg 48(3)(c)'s backstop "in any event": the first
# within 3 months of the first placement, then not more than 6 months.


def test_short_breaks_visits_recur_6_monthly_after_the_first() -> None:
    """First short break 1 Jun 2026: a visit by 1 Sep 2026; visited 15 Jul 2026 -> next by
    15 Jan 2027; reg 28(2)'s 1 week and 6 weeks do not apply."""
    events = [
        ev("became_looked_after", D(2026, 6, 1)),
        ev("short_breaks_started", D(2026, 6, 1)),
        ev("social_worker_visit", D(2026, 7, 15)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 7, 16))
    assert rows(result, "short-breaks-visit") == [
        (1, D(2026, 9, 1), Status.MET_ON_TIME),
        (2, D(2027, 1, 15), Status.UPCOMING),
    ]
    assert not of(result, "visits")


# (c) An interim care order that ends without a care order. SPEC is silent; reg 28(4) applies
# "where an interim care order has been made ... and C is living with P", so it stops when the
# order ends; s32's 26 weeks run from the issue to the end of the proceedings, not the order.


def _interim_order_at_home(*extra: Event) -> list[Event]:
    return [
        ev("became_looked_after", D(2026, 3, 2)),
        ev("interim_care_order", D(2026, 3, 2)),
        ev("placed_with_parent", D(2026, 3, 2)),
        ev("social_worker_visit", D(2026, 3, 9)),
        ev("social_worker_visit", D(2026, 3, 16)),
        *extra,
    ]


def test_weekly_visits_under_an_interim_order_stop_when_it_ends_without_a_care_order() -> None:
    """Visited weekly 9 and 16 Mar 2026; the order ended on Fri 20 Mar 2026 (the next weekly
    visit was due 23 Mar): reg 28(4) no longer applies from that day."""
    events = _interim_order_at_home(ev("interim_care_order_ended", D(2026, 3, 20)))
    visits = of(evaluate(DUDLEY, events, today=D(2026, 3, 24)), "visits-parent-interim-care-order")
    assert [(e.due, e.status) for e in visits] == [
        (D(2026, 3, 9), Status.MET_ON_TIME),
        (D(2026, 3, 16), Status.MET_ON_TIME),
        (D(2026, 3, 23), Status.NO_LONGER_APPLIES),
    ]
    assert visits[-1].stopped_by == ev("interim_care_order_ended", D(2026, 3, 20))


def test_proceedings_concluded_end_the_interim_orders_weekly_visits_too() -> None:
    """An interim order does not outlive its proceedings (CA 1989 s38(4)): concluded 20 Mar."""
    events = _interim_order_at_home(ev("proceedings_concluded", D(2026, 3, 20)))
    visits = of(evaluate(DUDLEY, events, today=D(2026, 3, 24)), "visits-parent-interim-care-order")
    assert visits[-1].status == Status.NO_LONGER_APPLIES


def test_the_26_weeks_run_on_after_an_interim_order_lapses() -> None:
    """Issued Mon 2 Mar 2026: 26 weeks beginning with that day end on 30 Aug 2026 (+181 days).
    The interim order ending on 20 Mar does not end the proceedings: still due 30 Aug."""
    events = [
        ev("proceedings_issued", D(2026, 3, 2)),
        *_interim_order_at_home(ev("interim_care_order_ended", D(2026, 3, 20))),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 3, 24))
    assert rows(result, "care-proceedings-26-weeks") == [(1, D(2026, 8, 30), Status.UPCOMING)]


def test_an_interim_order_that_ends_lets_a_later_one_start_the_weekly_visits_again() -> None:
    """Ended 20 Mar; a new interim care order made 6 Apr 2026 while the child still lives with
    the parent: weekly visits again, the first by 13 Apr."""
    events = _interim_order_at_home(
        ev("interim_care_order_ended", D(2026, 3, 20)), ev("interim_care_order", D(2026, 4, 6))
    )
    visits = of(evaluate(DUDLEY, events, today=D(2026, 4, 7)), "visits-parent-interim-care-order")
    assert [(e.anchor.date, e.due, e.status) for e in visits][-1] == (
        D(2026, 4, 6),
        D(2026, 4, 13),
        Status.DUE_SOON,
    )


def test_the_return_says_an_interim_order_ended_when_c1_gives_way_to_another_status() -> None:
    """SSDA903: C1 then V2 in the same period (a change of legal status, RNE L) is the interim
    order ending without a care order; C1 then C2 or E1 is an order, not an ending."""
    lapsed = [
        EpisodeFacts(D(2026, 3, 2), D(2026, 3, 20), "S", "C1", "P1", "X1"),
        EpisodeFacts(D(2026, 3, 20), None, "L", "V2", "P1", ""),
    ]
    derived = [(e.date, e.kind, e.notes) for e in derive_events(lapsed)]
    assert (D(2026, 3, 20), "interim_care_order_ended", "Legal status C1 to V2") in derived
    for order in ("C2", "E1"):
        followed = [lapsed[0], EpisodeFacts(D(2026, 3, 20), None, "L", order, "P1", "")]
        assert "interim_care_order_ended" not in {e.kind for e in derive_events(followed)}
    # A new period of care after the interim order's period ended is not an ending of it.
    apart = [
        EpisodeFacts(D(2026, 3, 2), D(2026, 3, 20), "S", "C1", "P1", "E4A"),
        EpisodeFacts(D(2026, 6, 1), None, "S", "V2", "U4", ""),
    ]
    assert "interim_care_order_ended" not in {e.kind for e in derive_events(apart)}
    events = [Event(e.date, e.kind) for e in derive_events(lapsed)]
    visits = of(evaluate(DUDLEY, events, today=D(2026, 3, 24)), "visits-parent-interim-care-order")
    assert visits[-1].status == Status.NO_LONGER_APPLIES


# (d) AAR 2005 reg 36(1): "not more than 3 months after the date on which the agency first has
# authority to place"; the authority is consent under s19 or a placement order (ACA 2002 s18(2)).


def test_consent_to_placement_starts_the_authorised_but_not_placed_reviews() -> None:
    """Consent given Mon 2 Mar 2026 -> review by 2 Jun 2026; held 28 May -> next by 28 Nov."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("placement_consent_given", D(2026, 3, 2)),
        ev("cic_review", D(2026, 5, 28)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 6, 1))
    assert rows(result, "authorised-for-adoption-review") == [
        (1, D(2026, 6, 2), Status.MET_ON_TIME),
        (2, D(2026, 11, 28), Status.UPCOMING),
    ]


def test_a_placement_order_after_consent_restarts_nothing() -> None:
    """The agency first had authority on 2 Mar (consent); a placement order on 1 May 2026 does
    not move the review to 1 Aug: still by 2 Jun."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("placement_consent_given", D(2026, 3, 2)),
        ev("placement_order", D(2026, 5, 1)),
    ]
    assert rows(
        evaluate(DUDLEY, events, today=D(2026, 5, 2)), "authorised-for-adoption-review"
    ) == [(1, D(2026, 6, 2), Status.UPCOMING)]


def test_consent_recorded_after_a_placement_order_restarts_nothing() -> None:
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("placement_order", D(2026, 3, 2)),
        ev("placement_consent_given", D(2026, 4, 20)),
    ]
    assert rows(
        evaluate(DURHAM, events, today=D(2026, 4, 21)), "authorised-for-adoption-review"
    ) == [(1, D(2026, 6, 2), Status.UPCOMING)]


def test_consent_at_a_month_end_clamps_and_placement_for_adoption_stops_it() -> None:
    """Consent Mon 30 Nov 2026: 3 months later is 28 Feb 2027 (no 30 Feb). Placed for adoption
    on 15 Jan 2027: reg 36(2)-(4) take over and this review no longer applies."""
    events = [
        ev("became_looked_after", D(2026, 6, 1)),
        ev("placement_consent_given", D(2026, 11, 30)),
    ]
    assert rows(
        evaluate(DEVON, events, today=D(2026, 12, 1)), "authorised-for-adoption-review"
    ) == [(1, D(2027, 2, 28), Status.UPCOMING)]
    placed = [*events, ev("placed_for_adoption", D(2027, 1, 15))]
    result = evaluate(DEVON, placed, today=D(2027, 1, 16))
    assert rows(result, "authorised-for-adoption-review")[-1][2] == Status.NO_LONGER_APPLIES
    assert rows(result, "adoption-review") == [(1, D(2027, 2, 12), Status.UPCOMING)]
