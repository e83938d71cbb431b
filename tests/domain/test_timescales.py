"""The timescales engine: worked examples, events in and due dates out, each citing its source.

Seeds: 000 Dudley Permanence Strategy, 001 Dudley quick reference guide, 002 Durham Early
Permanence Planning Strategy, 003 Dudley Child Permanence Meetings overview, 004 Devon
Permanence Matters (shared/seeds/). Statute: Care Planning, Placement and Case Review (England)
Regulations 2010 (CPR 2010); Children Act 1989.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain.timescales import (
    ChildFacts,
    Event,
    RuleFileError,
    Status,
    evaluate,
    parse_rules,
    rules_for,
)

D = dt.date
DUDLEY, DURHAM, DEVON = rules_for("dudley"), rules_for("durham"), rules_for("devon")


def ev(kind: str, day: dt.date) -> Event:
    return Event(day, kind)


def find(expectations, rule_id: str, occurrence: int = 1):
    return next(e for e in expectations if e.rule.id == rule_id and e.occurrence == occurrence)


def test_aepp_within_2_weeks_explains_itself() -> None:
    """001 'Legal Gateway Panel': AEPP within 2 weeks of becoming looked after."""
    result = evaluate(DUDLEY, [ev("became_looked_after", D(2026, 2, 28))], today=D(2026, 3, 2))
    aepp = find(result, "aepp")
    assert aepp.due == D(2026, 3, 14)
    assert aepp.status == Status.DUE_SOON
    assert aepp.explanation == (
        "Due 14 Mar 2026 because the child became looked after on 28 Feb 2026 and "
        "Dudley's quick reference guide sets 2 weeks."
    )


def test_aepp_met_late_counts_the_days() -> None:
    result = evaluate(
        DUDLEY,
        [ev("became_looked_after", D(2026, 2, 28)), ev("aepp_held", D(2026, 3, 16))],
        today=D(2026, 4, 1),
    )
    aepp = find(result, "aepp")
    assert (aepp.status, aepp.days_late, aepp.met_by) == (
        Status.MET_LATE,
        2,
        ev("aepp_held", D(2026, 3, 16)),
    )


def test_first_ppm_within_6_weeks_of_the_panel() -> None:
    """001 'Achieving early permanence panel': first PPM within 6 weeks of the panel."""
    result = evaluate(
        DUDLEY,
        [ev("became_looked_after", D(2026, 1, 5)), ev("aepp_held", D(2026, 1, 12))],
        today=D(2026, 3, 1),
    )
    first = find(result, "first-ppm")
    assert first.due == D(2026, 2, 23)
    assert first.status == Status.OVERDUE and first.days_late == 6


def test_ppms_recur_every_6_weeks_until_the_child_is_placed() -> None:
    """000 objective 7, 003: PPMs at least every six weeks until matched and placed."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("permanence_planning_meeting", D(2026, 2, 2)),
        ev("permanence_planning_meeting", D(2026, 3, 16)),  # exactly 6 weeks: on time
        ev("permanence_planning_meeting", D(2026, 5, 4)),  # 7 weeks: late
        ev("placed_for_adoption", D(2026, 5, 20)),
    ]
    ppms = [e for e in evaluate(DUDLEY, events, today=D(2026, 9, 1)) if e.rule.id == "ppm"]
    assert [(e.due, e.status) for e in ppms] == [
        (D(2026, 3, 16), Status.MET_ON_TIME),
        (D(2026, 4, 27), Status.MET_LATE),
        (D(2026, 6, 15), Status.NO_LONGER_APPLIES),  # placed on 20 May: the PPMs stop
    ]
    assert ppms[1].days_late == 7
    assert "It stopped applying when: placed for adoption on 20 May 2026." in ppms[2].explanation


def test_first_review_within_20_working_days_over_christmas() -> None:
    """CPR 2010 reg 33(2)(a); Christmas 2026 with Boxing Day observed on Monday 28 December."""
    result = evaluate(DUDLEY, [ev("became_looked_after", D(2026, 12, 14))], today=D(2026, 12, 20))
    review = find(result, "cic-review")
    assert review.due == D(2027, 1, 14)
    assert review.status == Status.UPCOMING
    assert review.rule.source.startswith("Care Planning, Placement and Case Review")


def test_reviews_then_3_months_then_6_monthly() -> None:
    """CPR 2010 reg 33(2)(b), (c): second within 3 months of the first, then 6-monthly; months
    clamp at month ends (first review on 31 January: second due 30 April... here 30 April)."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("cic_review", D(2026, 1, 30)),
        ev("cic_review", D(2026, 4, 30)),
        ev("cic_review", D(2026, 10, 29)),
    ]
    reviews = [
        e for e in evaluate(DUDLEY, events, today=D(2026, 11, 1)) if e.rule.id == "cic-review"
    ]
    assert [(e.due, e.status) for e in reviews] == [
        (D(2026, 2, 2), Status.MET_ON_TIME),
        (D(2026, 4, 30), Status.MET_ON_TIME),
        (D(2026, 10, 30), Status.MET_ON_TIME),
        (D(2027, 4, 29), Status.UPCOMING),
    ]


def test_a_leap_year_month_end() -> None:
    """CPR 2010 reg 33(2)(b): a first review on 30 November 2027 puts the second on 29 Feb 2028."""
    events = [ev("became_looked_after", D(2027, 11, 2)), ev("cic_review", D(2027, 11, 30))]
    second = find(evaluate(DUDLEY, events, today=D(2027, 12, 1)), "cic-review", 2)
    assert second.due == D(2028, 2, 29)


def test_a_child_who_leaves_care_midway() -> None:
    """Rules stop when the child ceases to be looked after; history stays as it was."""
    events = [
        ev("became_looked_after", D(2026, 1, 5)),
        ev("cic_review", D(2026, 1, 29)),
        ev("ceased_looked_after", D(2026, 3, 1)),
    ]
    result = evaluate(DUDLEY, events, today=D(2026, 9, 1))
    assert find(result, "cic-review").status == Status.MET_ON_TIME
    second = find(result, "cic-review", 2)
    assert second.status == Status.NO_LONGER_APPLIES and second.days_late == 0
    aepp = find(result, "aepp")  # due 19 Jan, never held, child left 1 Mar: 41 days overdue then
    assert aepp.status == Status.NO_LONGER_APPLIES and aepp.days_late == 41
    assert not [e for e in result if e.status.is_open]


def test_a_second_period_of_care_starts_the_clocks_again() -> None:
    events = [
        ev("became_looked_after", D(2025, 1, 6)),
        ev("ceased_looked_after", D(2025, 3, 3)),
        ev("became_looked_after", D(2026, 6, 1)),
    ]
    aepps = [e for e in evaluate(DUDLEY, events, today=D(2026, 6, 5)) if e.rule.id == "aepp"]
    assert [(e.anchor.date, e.due, e.status) for e in aepps] == [
        (D(2025, 1, 6), D(2025, 1, 20), Status.NO_LONGER_APPLIES),
        (D(2026, 6, 1), D(2026, 6, 15), Status.DUE_SOON),
    ]


def test_the_permanence_plan_is_due_at_the_second_review_for_every_council() -> None:
    """Dudley: "by their second Child in Care Review" (Permanence Strategy, objective 7); Durham:
    the final plan at the 4-month review ('Looked After Reviews'); Devon: the IRO ensures a plan
    at the 4-month Child in Care Review ('What we will do'). The 4-month review is the second
    (CPR 2010 reg 33(1) and (2)): became looked after Mon 2 Mar 2026, first review due 20 working
    days later on 30 Mar, second 3 months after it on 30 Jun 2026."""
    events = [ev("became_looked_after", D(2026, 3, 2))]
    today = D(2026, 3, 3)
    for rules in (DUDLEY, DURHAM, DEVON):
        assert find(evaluate(rules, events, today=today), "permanence-plan").due == D(2026, 6, 30)
    devon = find(evaluate(DEVON, events, today=today), "permanence-plan")
    assert devon.rule.responsible == "iro"
    assert devon.explanation.startswith(
        "Due 30 Jun 2026: the second “Child in Care review”, due on 30 Jun 2026 and not yet held;"
    )


def test_devon_initial_ppm_within_10_working_days_of_the_legal_planning_meeting() -> None:
    """004 'Permanence Planning Meetings'; Easter 2027 (26 and 29 March) is skipped."""
    result = evaluate(DEVON, [ev("legal_planning_meeting", D(2027, 3, 22))], today=D(2027, 3, 23))
    assert find(result, "initial-ppm").due == D(2027, 4, 7)


def test_durham_family_network_meeting_within_15_days_of_referral() -> None:
    """002 'Family Group Conference/ Network meetings'."""
    result = evaluate(
        DURHAM,
        [ev("referral", D(2026, 5, 1)), ev("family_network_meeting", D(2026, 5, 15))],
        today=D(2026, 6, 1),
    )
    fnm = find(result, "family-network-meeting")
    assert fnm.due == D(2026, 5, 16) and fnm.status == Status.MET_ON_TIME


def test_durham_pre_birth_timescales_count_back_from_the_expected_date() -> None:
    """002 'Pre-birth planning': assessment by 28 weeks, finalised at 29, statements to the
    parents' solicitors 7 weeks before the expected date of delivery."""
    unborn = ChildFacts(expected_date_of_delivery=D(2027, 6, 30))
    result = evaluate(
        DURHAM,
        [
            ev("pre_birth_referral", D(2026, 12, 20)),
            ev("pre_birth_assessment_completed", D(2027, 4, 9)),
            ev("removal_at_birth_planned", D(2027, 4, 9)),
        ],
        today=D(2027, 4, 10),
        child=unborn,
    )
    assessment = find(result, "pre-birth-assessment")
    assert (assessment.due, assessment.status, assessment.days_late) == (
        D(2027, 4, 7),
        Status.MET_LATE,
        2,
    )
    assert find(result, "pre-birth-assessment-finalised").due == D(2027, 4, 14)
    statements = find(result, "statements-to-solicitors")
    assert statements.due == D(2027, 5, 12) and statements.status == Status.UPCOMING
    assert "because the expected date of delivery is 30 Jun 2027" in statements.explanation


def test_pre_birth_rules_do_not_apply_once_the_child_is_born() -> None:
    born = ChildFacts(date_of_birth=D(2027, 6, 28), expected_date_of_delivery=D(2027, 6, 30))
    assert not [
        e for e in evaluate(DURHAM, [], today=D(2027, 7, 1), child=born) if "pre-birth" in e.rule.id
    ]


def test_sgo_referral_within_5_working_days_of_the_review() -> None:
    """001 'Special Guardianship': SGO referral within 5 working days; 31 Aug 2026 is a bank
    holiday."""
    result = evaluate(DUDLEY, [ev("sgo_recommended", D(2026, 8, 28))], today=D(2026, 9, 1))
    assert find(result, "sgo-referral").due == D(2026, 9, 7)


def test_care_proceedings_within_26_weeks_beginning_with_issue() -> None:
    """Children Act 1989 s32(1)(a): issued 1 March 2026, due by 29 August 2026."""
    result = evaluate(DUDLEY, [ev("proceedings_issued", D(2026, 3, 1))], today=D(2026, 9, 1))
    proceedings = find(result, "care-proceedings-26-weeks")
    assert proceedings.due == D(2026, 8, 29) and proceedings.status == Status.OVERDUE
    assert proceedings.days_late == 3


@pytest.mark.parametrize(
    "text,message",
    [
        (
            '[[rule]]\nid="x"\ntitle="X"\nstarts="nonsense"\ndue={days=1}\nsatisfied_by="cic_review"\n'
            'responsible="iro"\nsource="s"',
            "x.toml, rule x, field 'starts': unknown event 'nonsense'",
        ),
        (
            '[[rule]]\nid="x"\ntitle="X"\nstarts="referral"\ndue={fortnights=1}\nsatisfied_by="cic_review"\n'
            'responsible="iro"\nsource="s"',
            "x.toml, rule x, field 'due': unknown unit 'fortnights'",
        ),
        (
            '[[rule]]\nid="x"\ntitle="X"\nstarts="referral"\ndue={days=-3}\nsatisfied_by="cic_review"\n'
            'responsible="iro"\nsource="s"',
            "field 'due': days must be a whole number",
        ),
        (
            '[[rule]]\nid="x"\ntitle="X"\nstarts="referral"\ndue={days=3}\nsatisfied_by="cic_review"\n'
            'responsible="iro"',
            "x.toml, rule x: missing field 'source'",
        ),
        (
            '[[rule]]\nid="x"\ntitle="X"\nstarts="referral"\ndue={days=3}\nsatisfied_by="cic_review"\n'
            'responsible="judge"\nsource="s"',
            "field 'responsible': unknown role 'judge'",
        ),
        (
            '[[rule]]\nid="x"\ntitle="X"\nstarts="referral"\ndue={days=3}\nsatisfied_by="cic_review"\n'
            'responsible="iro"\nsource="s"\nlater=[{from={months=12}, when="referral", '
            'recurs={months=6}, unless="cic_review"}]',
            "x.toml, rule x, field 'later': give from, when and recurs (and also, if needed)",
        ),
        (
            '[[rule]]\nid="x"\ntitle="X"\nstarts="referral"\ndue={days=3}\nsatisfied_by="cic_review"\n'
            'responsible="iro"\nsource="s"\nlater={from={months=12}, when="referral", '
            'recurs={months=6}, also="agreed"}',
            "x.toml, rule x, field 'later.also': unknown event 'agreed'",
        ),
    ],
)
def test_a_bad_rules_file_fails_to_load_naming_the_rule_and_field(text: str, message: str) -> None:
    with pytest.raises(RuleFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_rules(text, profile="x", file_name="x.toml")


def test_every_rule_in_every_profile_cites_a_source() -> None:
    for council in ("dudley", "durham", "devon"):
        for rule in rules_for(council):
            # Seeds by council and heading, never by file name.
            assert ".txt" not in rule.source
            assert rule.source and (
                rule.source.startswith(("Dudley", "Durham", "Devon"))
                or "Act" in rule.source
                or "Regulations" in rule.source
                or "guidance" in rule.source
            )


START = D(2026, 1, 5)


@given(
    meetings=st.lists(st.integers(1, 400), min_size=1, max_size=12, unique=True),
    extra=st.integers(1, 400),
)
def test_adding_events_never_moves_an_earlier_deadline_earlier(
    meetings: list[int], extra: int
) -> None:
    events = [ev("became_looked_after", START)] + [
        ev("permanence_planning_meeting", START + dt.timedelta(days=d)) for d in sorted(meetings)
    ]
    today = START + dt.timedelta(days=500)
    # A deadline set at another rule's occurrence (the plan at the second review) rightly moves
    # earlier when that review is held early: only the deadlines counted from events are kept.
    before = {
        (e.rule.id, e.occurrence): e.due
        for e in evaluate(DUDLEY, events, today=today)
        if e.rule.due_at is None
    }
    more = events + [ev("cic_review", START + dt.timedelta(days=extra))]
    after = {(e.rule.id, e.occurrence): e.due for e in evaluate(DUDLEY, more, today=today)}
    for key, due in before.items():
        if key in after:
            assert after[key] >= due


@given(st.lists(st.integers(1, 300), min_size=2, max_size=10, unique=True))
def test_recurring_meetings_are_never_due_more_than_6_weeks_after_the_last(days: list[int]) -> None:
    events = [ev("permanence_planning_meeting", START + dt.timedelta(days=d)) for d in days]
    ppms = [
        e
        for e in evaluate(DUDLEY, events, today=START + dt.timedelta(days=400))
        if e.rule.id == "ppm"
    ]
    for expectation in ppms:
        since = expectation.anchor if expectation.occurrence == 1 else None
        if since is not None:
            assert expectation.due - since.date == dt.timedelta(weeks=6)
    for earlier, later in zip(ppms, ppms[1:], strict=False):
        assert earlier.met_by is not None
        assert later.due - earlier.met_by.date == dt.timedelta(weeks=6)


def test_durham_early_ppm_before_the_first_review() -> None:
    """002 'Early permanence planning meetings': before the first looked after review (20
    working days; May Day 2026 is Monday 4 May)."""
    result = evaluate(DURHAM, [ev("became_looked_after", D(2026, 4, 20))], today=D(2026, 4, 21))
    assert find(result, "early-ppm").due == D(2026, 5, 19)


def test_visits_restart_with_each_placement() -> None:
    """CPR 2010 reg 28(2)(a)-(b): within one week of the start of any placement, then at
    intervals of not more than 6 weeks; a new placement starts its own clock."""
    events = [
        ev("placement_started", D(2026, 1, 5)),
        ev("social_worker_visit", D(2026, 2, 10)),
        ev("placement_started", D(2026, 3, 2)),
    ]
    visits = [e for e in evaluate(DUDLEY, events, today=D(2026, 3, 3)) if e.rule.id == "visits"]
    assert [(e.anchor.date, e.due, e.status) for e in visits] == [
        (D(2026, 1, 5), D(2026, 1, 12), Status.MET_LATE),
        (D(2026, 1, 5), D(2026, 3, 24), Status.NO_LONGER_APPLIES),
        (D(2026, 3, 2), D(2026, 3, 9), Status.DUE_SOON),
    ]


def test_care_plan_within_10_working_days_over_easter() -> None:
    """CPR 2010 reg 4(2): the care plan within 10 working days of the first placement; Good
    Friday 3 April and Easter Monday 6 April 2026 are skipped."""
    result = evaluate(
        DUDLEY,
        [ev("became_looked_after", D(2026, 3, 30)), ev("care_plan_agreed", D(2026, 4, 15))],
        today=D(2026, 4, 20),
    )
    care_plan = find(result, "care-plan")
    assert care_plan.due == D(2026, 4, 15) and care_plan.status == Status.MET_ON_TIME


def test_a_visit_within_a_week_of_each_new_placement() -> None:
    """CPR 2010 reg 28(2): a visit within 1 week of the start of any placement; each placement
    starts its own clock."""
    events = [
        ev("became_looked_after", D(2026, 5, 4)),
        ev("social_worker_visit", D(2026, 5, 12)),  # 8 days: a day late
        ev("placement_started", D(2026, 6, 1)),
    ]
    visits = [
        e
        for e in evaluate(DUDLEY, events, today=D(2026, 6, 3))
        if e.rule.id == "visits" and e.occurrence == 1
    ]
    assert [(e.anchor.kind, e.due, e.status, e.days_late) for e in visits] == [
        ("became_looked_after", D(2026, 5, 11), Status.MET_LATE, 1),
        ("placement_started", D(2026, 6, 8), Status.DUE_SOON, 0),
    ]


def test_devon_ppms_every_6_weeks() -> None:
    """004 'Permanence Planning Meetings': at least every 6 weeks."""
    events = [ev("permanence_planning_meeting", D(2026, 9, 7))]
    ppm = find(evaluate(DEVON, events, today=D(2026, 9, 8)), "ppm")
    assert ppm.due == D(2026, 10, 19) and ppm.rule.source.startswith("Devon Permanence Matters")
