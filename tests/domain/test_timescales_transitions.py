"""Worked examples for the new deadlines of issue 18 items 5 and 6, each from its source's text.

- Durham 'Sibling Assessment': "Where the plan is adoption, in order to reduce delay, an early
  decision should be taken as to whether it is in the best interests of each child to be placed
  together or separately". No interval is given: Homeward asks for the decision by the next
  Child in Care review after adoption became an option (check). Durham only.
- Pathway planning from 16: the needs assessment within 3 months of the 16th birthday for a
  child looked after then (Care Planning Regulations 2010 reg 42, check; Children Act 1989 Sch 2
  para 19B), and the pathway plan's review at intervals of not more than 6 months (Care Leavers
  (England) Regulations 2010 reg 7, check). Every council.
"""

from __future__ import annotations

import datetime as dt

from homeward.domain.timescales import ChildFacts, Event, Status, evaluate, rules_for

D = dt.date
DUDLEY, DURHAM, DEVON = rules_for("dudley"), rules_for("durham"), rules_for("devon")


def of(rules, rule_id: str, events: list[Event], *, today: dt.date, born: dt.date | None = None):
    facts = ChildFacts(born, None)
    return [e for e in evaluate(rules, events, today=today, child=facts) if e.rule.id == rule_id]


# Together or apart (Durham 'Sibling Assessment') ---------------------------------------------

SIBLING_CARE = [
    Event(D(2026, 1, 5), "became_looked_after"),
    Event(D(2026, 2, 2), "cic_review"),  # the first review, held within 20 working days
]


def test_together_apart_decision_is_due_by_the_next_review_after_adoption_became_an_option() -> (
    None
):
    """Looked after 5 Jan 2026, first review held 2 Feb; adoption becomes an option 16 Feb. The
    next review is the second, due 3 months after the first: 2 May 2026. Due that day."""
    events = [*SIBLING_CARE, Event(D(2026, 2, 16), "adoption_option_added")]
    (due,) = of(DURHAM, "together-apart-decision", events, today=D(2026, 3, 1))
    assert (due.due, due.status) == (D(2026, 5, 2), Status.UPCOMING)
    assert "Sibling Assessment" in due.rule.source


def test_together_apart_decision_met_by_the_decision_and_late_after_the_review() -> None:
    events = [
        *SIBLING_CARE,
        Event(D(2026, 2, 16), "adoption_option_added"),
        Event(D(2026, 5, 6), "together_apart_decided"),
    ]
    (due,) = of(DURHAM, "together-apart-decision", events, today=D(2026, 6, 1))
    assert (due.status, due.days_late) == (Status.MET_LATE, 4)


def test_a_decision_made_earlier_in_the_period_of_care_meets_it() -> None:
    events = [
        *SIBLING_CARE,
        Event(D(2026, 2, 10), "together_apart_decided"),
        Event(D(2026, 2, 16), "adoption_option_added"),
    ]
    (due,) = of(DURHAM, "together-apart-decision", events, today=D(2026, 6, 1))
    assert due.status == Status.MET_ON_TIME


def test_together_apart_decision_is_durhams_rule_only() -> None:
    """Dudley's strategy (objective 9) and Devon's principles value sibling relationships but set
    no timing for the decision."""
    events = [*SIBLING_CARE, Event(D(2026, 2, 16), "adoption_option_added")]
    for rules in (DUDLEY, DEVON):
        assert of(rules, "together-apart-decision", events, today=D(2026, 3, 1)) == []


# Pathway planning (every council) ------------------------------------------------------------

BORN = D(2010, 4, 20)  # 16 on 20 April 2026


def test_pathway_plan_is_due_3_months_after_the_16th_birthday_of_a_child_in_care() -> None:
    """Looked after since 2024; 16 on 20 Apr 2026: the plan is due 20 Jul 2026."""
    events = [Event(D(2024, 9, 2), "became_looked_after")]
    for rules in (DUDLEY, DURHAM, DEVON):
        (due,) = of(rules, "pathway-plan", events, today=D(2026, 7, 10), born=BORN)
        assert (due.due, due.status) == (D(2026, 7, 20), Status.DUE_SOON)
        assert "reg 42" in due.rule.source


def test_pathway_plan_not_due_for_a_child_not_looked_after_at_16() -> None:
    """Adopted at 6 (left care): no pathway plan at 16."""
    events = [Event(D(2015, 1, 5), "became_looked_after"), Event(D(2016, 6, 1), "order_made")]
    events.append(Event(D(2016, 6, 1), "ceased_looked_after"))
    assert of(DUDLEY, "pathway-plan", events, today=D(2026, 7, 10), born=BORN) == []


def test_pathway_plan_agreed_just_before_16_meets_it() -> None:
    events = [
        Event(D(2024, 9, 2), "became_looked_after"),
        Event(D(2026, 4, 1), "pathway_plan_agreed"),
    ]
    (due,) = of(DURHAM, "pathway-plan", events, today=D(2026, 7, 10), born=BORN)
    assert due.status == Status.MET_ON_TIME


def test_pathway_plan_overdue_when_none_agreed() -> None:
    events = [Event(D(2024, 9, 2), "became_looked_after")]
    (due,) = of(DEVON, "pathway-plan", events, today=D(2026, 8, 1), born=BORN)
    assert due.status == Status.OVERDUE


def test_pathway_plan_reviews_every_6_months_from_the_plan() -> None:
    """Agreed 1 Jun 2026: reviewed 20 Nov 2026 (on time, due 1 Dec); the next is due 6 months
    after that review, 20 May 2027."""
    events = [
        Event(D(2024, 9, 2), "became_looked_after"),
        Event(D(2026, 6, 1), "pathway_plan_agreed"),
        Event(D(2026, 11, 20), "pathway_plan_reviewed"),
    ]
    rows = of(DUDLEY, "pathway-plan-review", events, today=D(2026, 12, 1), born=BORN)
    assert [(r.due, r.status) for r in rows] == [
        (D(2026, 12, 1), Status.MET_ON_TIME),
        (D(2027, 5, 20), Status.UPCOMING),
    ]
    assert "Care Leavers (England) Regulations 2010, reg 7" in rows[0].rule.source
