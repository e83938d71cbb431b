"""Meeting types per council profile (homeward/domain/meetings.py): names, chairs, attendees,
agendas and the journey events recording each creates, as the seeds and SPEC section 4 say."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain import meetings as m
from homeward.domain.calendar import ENGLAND
from homeward.domain.councils import DEVON_PERMANENCE_MATTERS as DV
from homeward.domain.councils import DUDLEY_CPM_OVERVIEW as DM
from homeward.domain.councils import DUDLEY_QUICK_GUIDE as DQ
from homeward.domain.councils import DURHAM_STRATEGY as DU
from homeward.domain.events import JOURNEY_EVENTS

ISSUE_TYPES = {
    "aepp",
    "ppm",
    "cic_review",
    "family_network_meeting",
    "family_group_conference",
    "legal_planning_meeting",
    "legal_gateway_panel",
    "pre_birth_planning",
    "matching_meeting",
    "placement_stability",
    "learning_meeting",
}
# Issue 18 items 4 and 7: the pre-proceedings meeting (PD12A), Durham's locality legal clinic
# and strategic case management review panel (002 'Pre-Proceedings/ Care Proceedings') and its
# Special Guardianship Panel (002 'Planning for Permanence').
ISSUE_18_TYPES = {
    "pre_proceedings_meeting",
    "legal_clinic",
    "case_management_review_panel",
    "special_guardianship_panel",
}


def keys(council: str) -> list[str]:
    return [t.key for t in m.meeting_types(council)]


def test_every_meeting_the_issue_names_is_declared() -> None:
    """Issue 5 item 1: AEPP, PPM, CiC review, family network meeting and FGC, legal planning
    meeting and legal gateway panel, pre-birth planning, matching, placement stability and the
    learning meeting after an unplanned ending."""
    declared = set(keys("dudley")) | set(keys("durham")) | set(keys("devon"))
    assert declared == ISSUE_TYPES | ISSUE_18_TYPES == set(m.TYPE_KEYS)


def test_the_aepp_and_legal_gateway_panel_are_dudleys_only() -> None:
    """SPEC section 1: "the AEPP exists only in Dudley" (DQ 'Achieving early permanence panel');
    the Legal Gateway Panel is DQ's too."""
    assert {"aepp", "legal_gateway_panel"} <= set(keys("dudley"))
    for council in ("durham", "devon"):
        assert not {"aepp", "legal_gateway_panel"} & set(keys(council))
        with pytest.raises(m.UnknownMeetingType):
            m.meeting_type(council, "aepp")


@pytest.mark.parametrize(
    "council,name",
    [
        ("dudley", "Child Permanence Meeting"),
        ("durham", "Early Permanency Planning Meeting"),
        ("devon", "Permanence Planning Meeting"),
    ],
)
def test_the_permanence_meeting_has_the_councils_own_name(council: str, name: str) -> None:
    """SPEC section 1: meeting names (DM; DU 'Early permanence planning meetings'; DV)."""
    assert m.meeting_type(council, "ppm").name == name


def test_dudleys_ppm_is_chaired_by_the_team_manager_with_the_attendees_dm_lists() -> None:
    """DM: "chaired by the Team Manager and attended by the child's social worker, permanence
    advisor, fostering, representative from Adoption@heart and where appropriate
    representatives from the Virtual School, Dudley Lighthouse Links, and the IRO"."""
    ppm = m.meeting_type("dudley", "ppm")
    assert ppm.chair_role == "team_manager" and ppm.recorders == ("team_manager",)
    labels = {a.key: a for a in ppm.attendees}
    assert [a.label for a in ppm.attendees if not a.where_appropriate] == [
        "Team manager (chair)",
        "The child's social worker",
        "Permanence advisor",
        "Fostering",
        "Adoption@Heart",
    ]
    assert {k for k, a in labels.items() if a.where_appropriate} == {
        "virtual_school",
        "emotional_health",
        "iro",
    }
    assert "Lighthouse Links" in labels["emotional_health"].label
    assert all(a.source.startswith(DM) for a in ppm.attendees)


def test_each_council_names_its_own_regional_adoption_agency_at_the_ppm() -> None:
    """DS 'The Regional Adoption Agency' (Adoption@Heart); DV (Adopt South West); DU section 4."""
    agencies = {
        c: m.meeting_type(c, "ppm").attendee("regional_adoption_agency").label for c in m.COUNCILS
    }
    assert agencies["dudley"] == "Adoption@Heart"
    assert agencies["devon"].startswith("Adopt South West")
    assert agencies["durham"].startswith("Adoption Service")


def agenda(council: str, key: str) -> dict[str, m.AgendaItem]:
    return {item.key: item for item in m.meeting_type(council, key).agenda}


BRIEF_PPM_ITEMS = [
    "current_future_needs",
    "return_home_or_alternative",
    "connected_carers",
    "placement_type",
    "legal_outcome",
    "contingency_plans",
    "childs_views",
    "assessments",
    "siblings_family_time",
]


def test_devons_ppm_agenda_is_dvs_list_each_cited_to_devon() -> None:
    """DV 'Permanence Planning Meetings': current and future needs; return home or alternative
    home; connected carers' viability; placement type; legal outcome; contingency plans, who
    will do what and when."""
    items = agenda("devon", "ppm")
    for key in BRIEF_PPM_ITEMS:
        assert key in items, key
        assert items[key].source.startswith(DV), (key, items[key].source)
    assert items["contingency_plans"].question.startswith(
        "Whether an appropriate range of contingency plans is in place: who will do what"
    )
    # Devon's document does not ask a PPM to review the genogram; Dudley's and Durham's do.
    assert "genogram" not in items


def test_dudleys_ppm_agenda_adds_the_genogram_and_signing_off_options() -> None:
    """DM: review of the family genogram; DS objective 7: sign off options no longer viable."""
    items = agenda("dudley", "ppm")
    assert set(BRIEF_PPM_ITEMS) | {"genogram", "options_signed_off"} == set(items)
    assert items["genogram"].source.startswith(DM)
    assert items["childs_views"].source.startswith(DM)
    assert "objective 7" in items["options_signed_off"].source


def test_durhams_ppm_agenda_considers_fostering_for_adoption() -> None:
    """DU 'Early permanence planning meetings': where the plan will consider fostering for
    adoption, the adoption team is invited."""
    items = agenda("durham", "ppm")
    assert "fostering_for_adoption" in items and "options_signed_off" not in items
    assert all(item.source.startswith(DU) for item in items.values())


def test_agendas_differ_per_profile_but_share_the_core_keys() -> None:
    """Homeward's rule: the same item key means the same question under every profile, so
    answers compare. The agendas themselves differ as DV 'Permanence Planning Meetings', DM and
    DU 'Early permanence planning meetings' do."""
    sets = {c: set(agenda(c, "ppm")) for c in m.COUNCILS}
    assert sets["dudley"] != sets["durham"] != sets["devon"]
    assert set(BRIEF_PPM_ITEMS) <= sets["dudley"] & sets["durham"] & sets["devon"]


def test_the_cic_review_is_chaired_and_recorded_by_the_iro() -> None:
    """SPEC section 6: the IRO chairs reviews (DS 'Independent Reviewing Service'; DU 'Role of
    the IRO'); Durham calls it a looked after review (DU 'Looked After Reviews')."""
    for council in m.COUNCILS:
        review = m.meeting_type(council, "cic_review")
        assert review.chair_role == "iro" and review.recorders == ("iro",)
    assert m.meeting_type("durham", "cic_review").name == "Looked after review"
    assert m.meeting_type("dudley", "cic_review").name == "Child in Care review"


@pytest.mark.parametrize(
    "council,deadline", [("dudley", "2nd Child in Care review"), ("devon", "4-month review")]
)
def test_the_review_asks_the_iro_about_the_permanence_plan_by_the_councils_deadline(
    council: str, deadline: str
) -> None:
    """DS objective 7 (Dudley: by the 2nd review); DV (Devon: at the 4-month review)."""
    question = {o.key: o for o in m.meeting_type(council, "cic_review").outcomes}
    assert deadline in question["permanence_plan"].hint
    assert question["permanence_plan"].labels == {"yes": "Yes", "no": "No"}


def test_recording_creates_the_journey_event_the_lead_named() -> None:
    """Homeward's mapping (homeward/domain/events.py, JOURNEY_EVENTS): PPM ->
    permanence_planning_meeting; CiC review -> cic_review; FNM and FGC ->
    family_network_meeting; AEPP -> aepp_held; matching, stability, learning and pre-birth
    meetings create none. The rules that count these events cite their own sources
    (homeward/domain/rules/*.toml)."""
    expected = {
        "aepp": ("aepp_held",),
        "ppm": ("permanence_planning_meeting",),
        "cic_review": ("cic_review",),
        "family_network_meeting": ("family_network_meeting",),
        "family_group_conference": ("family_network_meeting",),
        "pre_birth_planning": (),
        "matching_meeting": (),
        "placement_stability": (),
        "learning_meeting": (),
    }
    for key, kinds in expected.items():
        assert m.meeting_type("dudley", key).events_for({}) == kinds, key


@pytest.mark.parametrize("key", ["legal_planning_meeting", "legal_gateway_panel"])
def test_a_legal_planning_decision_is_an_event_only_when_the_threshold_is_met(key: str) -> None:
    """DV 'Permanence Planning Meetings': the initial PPM is due within 10 working days of the
    legal planning meeting's decision that the threshold for pre-proceedings or proceedings is
    met; a meeting that finds it not met starts no clock."""
    meeting = m.meeting_type("dudley", key)
    assert meeting.events_for({"threshold": "not_met"}) == ()
    # DS objective 7: the decision to start the PLO also starts Dudley's permanence meeting clock.
    assert meeting.events_for({"threshold": "pre_proceedings"}) == (
        "legal_planning_meeting",
        "plo_started",
    )
    assert meeting.events_for({"threshold": "proceedings"}) == ("legal_planning_meeting",)


def test_a_review_recommending_special_guardianship_also_records_it() -> None:
    """DQ 'Outcomes from meeting - Special Guardianship': the recommendation at the 2nd review
    starts the 5-working-day SGO referral."""
    review = m.meeting_type("dudley", "cic_review")
    assert review.events_for({"special_guardianship": "yes"}) == ("cic_review", "sgo_recommended")
    assert review.events_for({"special_guardianship": "no"}) == ("cic_review",)


def test_outcome_answers_outside_the_choices_are_named() -> None:
    """Homeward's rule (issue 5, "Bad input"): an answer outside a question's choices is refused,
    naming the question. The question is DV 'Permanence Planning Meetings' (the legal planning
    meeting decides whether the threshold is met)."""
    meeting = m.meeting_type("devon", "legal_planning_meeting")
    assert meeting.outcome_errors({"threshold": "pre_proceedings"}) == {}
    errors = meeting.outcome_errors({"threshold": "maybe", "colour": "red"})
    assert errors["threshold"].startswith("Select an answer to: Did the meeting decide")
    assert "no question 'colour'" in errors["colour"]


def test_every_declaration_cites_a_source_and_names_known_events_and_roles() -> None:
    """Homeward's rule (STYLE.md, "Rules are data with a source"): every meeting type, agenda item
    and attendee cites the seed it comes from, and names only known journey events."""
    for council in m.COUNCILS:
        for t in m.meeting_types(council):
            assert t.source and t.chair_source and t.purpose, t.key
            assert t.event_kind is None or t.event_kind in JOURNEY_EVENTS
            for item in t.agenda:
                assert item.source and item.question, (council, t.key, item.key)
            for a in t.attendees:
                assert a.source, (council, t.key, a.key)
            assert len({i.key for i in t.agenda}) == len(t.agenda)


def test_only_meetings_that_may_be_held_before_birth_are_marked_so() -> None:
    """DU 'Pre-birth planning': early permanence planning at a multi-agency meeting in
    pregnancy; a Child in Care review needs a child in care."""
    dudley = {t.key: t for t in m.meeting_types("dudley")}
    assert dudley["pre_birth_planning"].before_birth and dudley["ppm"].before_birth
    assert not dudley["cic_review"].before_birth and not dudley["matching_meeting"].before_birth


def test_escalation_runs_informal_then_formal_stages_then_cafcass() -> None:
    """DU 'Role of the IRO': informal and formal resolution on one continuum; Children Act 1989
    s25B(3): the IRO may refer the case to Cafcass."""
    assert m.FIRST_STAGES == ("informal", "formal_1")
    assert m.next_stage("informal") == "formal_1"
    assert m.next_stage("formal_3") == "cafcass"
    assert m.next_stage("cafcass") is None
    assert "s25B(3)" in m.ESCALATION_SOURCE


def test_the_aepp_declares_the_panel_and_its_outcomes_for_the_panels_app() -> None:
    """DQ 'Achieving early permanence panel': the members; 'Outcomes from meeting': fostering,
    adoption, special guardianship."""
    aepp = m.meeting_type("dudley", "aepp")
    assert aepp.event_kind == "aepp_held"
    assert {"sm_fostering", "panel_administrator", "court_progression_manager"} <= {
        a.key for a in aepp.attendees
    }
    route = aepp.outcomes[0]
    assert {"fostering", "adoption", "special_guardianship"} <= set(route.labels)
    assert route.source.startswith(DQ)


# Issue 13 item 10: meetings and panels are proposed only on working days; a suggested date that
# falls on a weekend or an England and Wales bank holiday moves to the working day before the
# deadline (bank holidays from `holidays`, subdivision ENG, with substitute days: SPEC section 2).

TODAY = _dt.date(2026, 11, 24)  # the suite's frozen Tuesday


@pytest.mark.parametrize(
    ("due", "proposed"),
    [
        # Friday 25 December 2026 is Christmas Day: the working day before is Thursday 24th.
        (_dt.date(2026, 12, 25), _dt.date(2026, 12, 24)),
        # Boxing Day 2026 is a Saturday; its substitute bank holiday is Monday 28 December.
        (_dt.date(2026, 12, 26), _dt.date(2026, 12, 24)),
        (_dt.date(2026, 12, 27), _dt.date(2026, 12, 24)),
        (_dt.date(2026, 12, 28), _dt.date(2026, 12, 24)),
        # Tuesday 29 December 2026 is a working day: proposed on the deadline itself.
        (_dt.date(2026, 12, 29), _dt.date(2026, 12, 29)),
        # A Sunday deadline moves to the Friday: Sunday 6 December 2026 -> Friday 4 December.
        (_dt.date(2026, 12, 6), _dt.date(2026, 12, 4)),
        # Easter Monday 29 March 2027 and Good Friday 26 March: back to Thursday 25 March 2027.
        (_dt.date(2027, 3, 29), _dt.date(2027, 3, 25)),
    ],
)
def test_suggested_date_is_the_working_day_before_the_deadline(
    due: _dt.date, proposed: _dt.date
) -> None:
    """A due date on a weekend or bank holiday gives the working day before (issue 13 item 10)."""
    assert m.suggested_date(due, today=TODAY) == proposed


def test_a_deadline_already_passed_gives_the_first_working_day_from_today() -> None:
    """Due Saturday 21 November 2026, today Tuesday 24 November: proposed today (late anyway)."""
    assert m.suggested_date(_dt.date(2026, 11, 21), today=TODAY) == TODAY
    # Today Saturday 26 December 2026 and the deadline passed: Tuesday 29 December.
    assert m.suggested_date(_dt.date(2026, 12, 20), today=_dt.date(2026, 12, 26)) == _dt.date(
        2026, 12, 29
    )


@given(st.dates(min_value=TODAY, max_value=_dt.date(2030, 12, 31)))
def test_a_suggested_date_is_a_working_day_never_after_a_future_deadline(due: _dt.date) -> None:
    proposed = m.suggested_date(due, today=TODAY)
    assert ENGLAND.is_working_day(proposed)
    if ENGLAND.previous_working_day_on_or_before(due) >= TODAY:
        assert TODAY <= proposed <= due
        assert (due - proposed).days < 7  # the nearest working day, not a week early


def test_without_today_a_past_deadline_still_moves_only_off_a_non_working_day() -> None:
    """Planned from the record of an earlier meeting: Monday 31 August 2026 (summer bank
    holiday) gives Friday 28 August, however long ago."""
    assert m.suggested_date(_dt.date(2026, 8, 31)) == _dt.date(2026, 8, 28)
