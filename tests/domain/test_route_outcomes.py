"""Outcomes of the panels and decisions on the routes (issue 15 item 6): the schema each council's
routes file gives them, what recording one must say, and how a result that is not positive keeps
the later steps closed. Sources: Dudley's quick reference guide (DQ, 001) 'Matched to existing
internal carers' and 'Match to IFA' (matching meeting, complex cases chaired by the Fostering
team manager; Fostering Panel; ratified by HOS); Durham's strategy (DU, 002) section 4 (the ADM's
agreement of the match); Devon's Permanence Matters (DV, 004) 'Devon's Permanence Panel' (the
child's voice); Adoption Agencies Regulations 2005 regs 31-33 (check)."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import route_outcomes as o
from homeward.domain import routes as r
from homeward.domain.councils import DEVON_PERMANENCE_MATTERS as DV
from homeward.domain.councils import DUDLEY_QUICK_GUIDE as DQ
from homeward.domain.councils import DURHAM_STRATEGY as DU

TODAY = dt.date(2026, 11, 24)


def day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=30 - n)


# --- The schema, as each council's file gives it -----------------------------------------------


def test_dudleys_matching_meeting_asks_for_the_chair_and_whether_the_case_was_complex() -> None:
    """DQ 'Matched to existing internal carers': a matching meeting (complex cases chaired by
    Fostering team manager)."""
    for key in ("existing_in_house_carers", "ifa_carers"):
        outcome = r.route("dudley", key).step("matching_meeting").outcome
        assert outcome is not None
        assert outcome.complex_case and not outcome.childs_voice
        assert outcome.decided_by == "The chair's name"
        assert [x.value for x in outcome.results] == ["agreed", "not_agreed", "deferred"]
        assert outcome.source.startswith(DQ)


def test_dudleys_panel_recommends_and_the_head_of_service_ratifies_writing_matched() -> None:
    """DQ: "Match recommended and ratified by HOS"; the match is made when ratified, and the
    route ends with the child placed (the PPM rule stops once placed: 003)."""
    route = r.route("dudley", "existing_in_house_carers")
    panel, ratified, placed = (route.step(k) for k in ("fostering_panel", "ratified", "placed"))
    assert panel.outcome is not None and panel.event is None
    assert [x.value for x in panel.outcome.results] == [
        "recommended",
        "not_recommended",
        "deferred",
    ]
    assert ratified.outcome is not None and ratified.event == "matched"
    assert ratified.role == "service_manager"
    assert placed.outcome is None and placed.event == "placed" and placed.after == ("ratified",)


def test_durhams_adm_match_writes_matched_for_the_scorecards_a2() -> None:
    """DU section 4: the ADM agrees the match; A2 reads the match decision as "matched"
    (homeward/domain/measures/scorecard.py MATCH_DECISION)."""
    from homeward.domain.measures.scorecard import MATCH_DECISION

    route = r.route("durham", "adoption_family_finding")
    assert route.step("adm_should_be_placed").event == "adm_decision"
    assert route.step("adoption_panel").outcome is not None
    assert "regs 31-32 (check)" in route.step("adoption_panel").outcome.source
    assert route.step("adm_match").event == MATCH_DECISION
    assert route.step("adm_match").outcome.decided_by == "The agency decision maker's name"
    assert route.step("placed_for_adoption").event == "placed_for_adoption"
    ffa = r.route("durham", "fostering_for_adoption")
    assert ffa.step("placed_with_carers").event == "fostering_for_adoption_placement"
    assert ffa.step("adm_match").event == MATCH_DECISION
    assert route.step("adm_match").outcome.source.startswith(DU)


def test_devons_permanence_panel_records_the_childs_voice() -> None:
    """DV 'Devon's Permanence Panel': it is very important that the voice of the child or young
    person is heard here; the panel confirms the match."""
    for key in ("long_term_fostering", "residential"):
        outcome = r.route("devon", key).step("permanence_panel").outcome
        assert outcome is not None and outcome.childs_voice
        assert outcome.results[0] is o.Result.CONFIRMED
        assert outcome.source.startswith(DV)


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        ('results = ["deferred", "recommended"]', "list the positive result first"),
        ('results = ["liked"]', "'liked' is not a result"),
        ("results = []", "list the results it may give"),
        ('results = ["agreed"]\nwho = "x"', "unknown field 'who'"),
    ],
)
def test_a_bad_outcome_in_a_file_is_named(outcome: str, message: str) -> None:
    text = f"""
[route.x]
title = "X"
option = "long_term_fostering"
carer_types = ["ifa"]
source = "s"

[[route.x.step]]
key = "panel"
title = "Panel"
owner = "Panel"
role = "panel_administrator"
needs = "n"
needs_kind = "decision"
source = "s"

[route.x.step.outcome]
{outcome}
decided_by = "The chair's name"
source = "s"
"""
    with pytest.raises(r.RouteFileError) as caught:
        r.parse_routes(text, council="dudley", file_name="test.toml")
    assert "test.toml, route 'x', step 'panel', outcome" in str(caught.value)
    assert message in str(caught.value)


def test_an_event_that_is_not_a_journey_event_is_refused() -> None:
    text = """
[route.x]
title = "X"
option = "long_term_fostering"
carer_types = ["ifa"]
source = "s"

[[route.x.step]]
key = "placed"
title = "Placed"
owner = "SW"
role = "social_worker"
needs = "n"
needs_kind = "decision"
event = "moved_in"
source = "s"
"""
    with pytest.raises(r.RouteFileError, match="field 'event': 'moved_in' is not a journey"):
        r.parse_routes(text, council="dudley", file_name="test.toml")


# --- What recording an outcome must say --------------------------------------------------------

MEETING = r.route("dudley", "existing_in_house_carers").step("matching_meeting").outcome
PANEL = r.route("devon", "long_term_fostering").step("permanence_panel").outcome


def test_a_positive_outcome_needs_the_name_only() -> None:
    assert o.problems(MEETING, o.Answer("agreed", "Sam Chair", complex_case=False)) == []


def test_each_missing_answer_is_named_by_its_field() -> None:
    found = o.problems(MEETING, o.Answer("deferred"))
    assert [p.field for p in found] == ["decided_by", "reason", "complex_case"]
    assert found[0].message == "Enter the chair's name"
    assert found[1].message == "Enter why the outcome was deferred"
    assert o.problems(MEETING, o.Answer("")) == [("result", "Select the outcome")]
    assert o.problems(MEETING, o.Answer("ratified", "X", complex_case=True))[0].field == "result"


def test_the_childs_voice_or_why_not_but_not_both() -> None:
    """DV 'Devon's Permanence Panel': the child's words as given, or the reason none was
    recorded."""
    assert o.problems(PANEL, o.Answer("confirmed", "C", childs_voice="I want to stay")) == []
    assert o.problems(PANEL, o.Answer("confirmed", "C", no_voice_reason="Aged 2")) == []
    neither = o.problems(PANEL, o.Answer("confirmed", "C"))
    assert [p.field for p in neither] == ["childs_voice"]
    both = o.problems(PANEL, o.Answer("confirmed", "C", childs_voice="yes", no_voice_reason="no"))
    assert "not both" in both[0].message


def test_the_summary_says_the_complex_case_and_the_reason() -> None:
    text = o.summary(MEETING, o.Answer("deferred", "Kim", reason="Carer unwell", complex_case=True))
    assert text == (
        "Deferred (the chair's name: Kim); a complex case chaired by the Fostering team "
        "manager; why: Carer unwell"
    )


# --- A result that is not positive keeps the later steps closed --------------------------------

ROUTE = r.route("dudley", "existing_in_house_carers")
BEFORE_PANEL = {"explore_sgo": day(1), "matching_meeting": day(2), "panel_date": day(3)}


def test_a_deferred_panel_keeps_ratification_closed_with_the_reason() -> None:
    done = {**BEFORE_PANEL, "fostering_panel": day(4)}
    steps = {
        p.step.key: p for p in r.progress(ROUTE, done, results={"fostering_panel": "deferred"})
    }
    panel, ratified = steps["fostering_panel"], steps["ratified"]
    assert panel.state is r.StepState.DONE and not panel.positive
    assert panel.explanation == "Deferred on 29 October 2026"
    assert ratified.state is r.StepState.WAITING
    assert ratified.waiting_for == (
        "Fostering Panel recommends the match: deferred on 29 October 2026",
    )
    recommended = r.progress(ROUTE, done, results={"fostering_panel": "recommended"})
    assert {p.step.key: p.state for p in recommended}["ratified"] is r.StepState.OPEN


def test_a_step_after_a_negative_outcome_cannot_be_done() -> None:
    done = {**BEFORE_PANEL, "fostering_panel": day(4), "ratified": day(5)}
    problems = r.done_problems(ROUTE, done, TODAY, results={"fostering_panel": "not_recommended"})
    assert problems == [
        (
            "ratified",
            "Match ratified by the Head of Service cannot be done: Fostering Panel recommends "
            "the match: not recommended",
        )
    ]
    assert r.done_problems(ROUTE, done, TODAY, results={"fostering_panel": "recommended"}) == []


def test_later_steps_are_every_step_after_one_directly_or_not() -> None:
    assert [s.key for s in r.later_steps(ROUTE, "fostering_panel")] == ["ratified", "placed"]
    assert r.later_steps(ROUTE, "placed") == ()
