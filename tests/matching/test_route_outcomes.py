"""Recording the outcomes of panels and decisions on a child's route (issue 15 item 6): each
outcome validated with the field named, a positive one writing the journey event the routes file
names in the same transaction (so the child's stored timescales are recomputed), a negative or
deferred one writing nothing and keeping the later steps closed with the reason shown, removal
taking the event with it, and only the step's role recording it.

Sources: Dudley's quick reference guide (001) 'Matched to existing internal carers' (matching
meeting, complex cases chaired by the Fostering team manager; Fostering Panel; ratified by HOS);
003 (Child Permanence Meetings until permanence is achieved: dudley.toml 'ppm' stops when
placed); Durham's strategy (002) section 4 (the ADM's agreement of the match) and the adoption
scorecard's A2 (SPEC section 2); Devon's Permanence Matters (004) 'Devon's Permanence Panel'."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.domain import route_outcomes as o
from homeward.matching import bundle, routes
from homeward.matching.models import FamilyFinding, RouteStepDone
from homeward.timescales import journeys
from homeward.timescales.models import Expectation, State
from tests.clock import TODAY
from tests.factories import JourneyEventFactory
from tests.matching.routing import actor, date_data, give_family_finder

pytestmark = pytest.mark.django_db

DUDLEY = "existing_in_house_carers"


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _url(child, rest: str = "") -> str:
    return f"/children/{child.child_id}/family-finding/{rest}"


def _on_route(council, route_key: str, done: dict[str, tuple[int, str]]) -> FamilyFinding:
    """The child on ``route_key`` with ``done`` (step key -> (days ago, role)) recorded, and a
    manager's override so a panel needing the bundle may sit."""
    child = council.child_a
    give_family_finder(child, council.users["family_finder"])
    finding = routes.choose_route(
        child, route_key, ago(80), actor=actor(council.users["social_worker"]), today=TODAY
    )
    for key, (days, role) in done.items():
        finding.steps_done.create(step_key=key, done_on=ago(days), by=council.users[role])
    bundle.record_override(
        finding, "Panel date fixed", actor=actor(council.users["team_manager"]), today=TODAY
    )
    return finding


def _before_panel(council) -> FamilyFinding:
    return _on_route(
        council,
        DUDLEY,
        {
            "explore_sgo": (60, "social_worker"),
            "matching_meeting": (50, "family_finder"),
            "panel_date": (40, "family_finder"),
        },
    )


def _record(council, finding, key, role, days_ago, answer=None):
    return routes.record_step(
        finding,
        key,
        ago(days_ago),
        "",
        actor=actor(council.users[role]),
        today=TODAY,
        answer=answer,
    )


RECOMMENDED = o.Answer("recommended", decided_by="Pat Chair")
RATIFIED = o.Answer("ratified", decided_by="Robin Head")


# --- Dudley: panel, ratification, placed --------------------------------------------------------


def test_the_matching_meeting_keeps_its_chair_and_that_the_case_was_complex(council):
    """001 'Matched to existing internal carers': complex cases chaired by the Fostering team
    manager."""
    finding = _on_route(council, DUDLEY, {"explore_sgo": (60, "social_worker")})
    row = _record(
        council,
        finding,
        "matching_meeting",
        "family_finder",
        50,
        o.Answer("agreed", decided_by="Jo Manager", complex_case=True),
    )
    assert (row.result, row.decided_by, row.complex_case) == ("agreed", "Jo Manager", True)
    assert row.event is None  # the meeting writes no journey event
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(row.pk))
    assert "complex case chaired by the Fostering team manager" in entry.summary


def test_ratification_writes_matched_and_placed_stops_the_permanence_meetings(council):
    """001: "Match recommended and ratified by HOS" writes "matched"; placing the child writes
    "placed", which stops dudley.toml's 'ppm' (003: until permanence is achieved)."""
    child = council.child_a
    JourneyEventFactory(child=child, kind="permanence_planning_meeting", date=ago(20))
    assert Expectation.objects.get(child=child, rule_id="ppm").state == State.OPEN
    finding = _before_panel(council)
    _record(council, finding, "fostering_panel", "panel_administrator", 10, RECOMMENDED)
    assert not JourneyEvent.objects.filter(child=child, kind="matched").exists()
    ratified = _record(council, finding, "ratified", "service_manager", 8, RATIFIED)
    assert ratified.event.kind == "matched" and ratified.event.date == ago(8)
    # Matched but not placed: the meetings are still due (the ledger was recomputed).
    assert Expectation.objects.get(child=child, rule_id="ppm").state == State.OPEN
    placed = _record(council, finding, "placed", "social_worker", 5)
    assert placed.event.kind == "placed" and placed.event.date == ago(5)
    stopped = Expectation.objects.get(child=child, rule_id="ppm")
    assert stopped.state == State.NO_LONGER_APPLIES and stopped.stopped_kind == "placed"


def test_a_deferred_panel_writes_nothing_and_keeps_ratification_closed(council):
    finding = _before_panel(council)
    events = JourneyEvent.objects.count()
    row = _record(
        council,
        finding,
        "fostering_panel",
        "panel_administrator",
        10,
        o.Answer("deferred", decided_by="Pat Chair", reason="Carers' medicals not back"),
    )
    assert row.event is None and JourneyEvent.objects.count() == events
    page = routes.finding_page(
        routes.finding_for(council.child_a), council.users["service_manager"], council.child_a
    )
    ratified = next(r for r in page.rows if r.progress.step.key == "ratified")
    assert not ratified.may_record
    assert ratified.progress.waiting_for == (
        f"Fostering Panel recommends the match: deferred on {ago(10):%-d %B %Y}",
    )
    with pytest.raises(ValidationError) as caught:
        _record(council, finding, "ratified", "service_manager", 5, RATIFIED)
    assert "deferred" in caught.value.message_dict["done_on"][0]


def test_a_not_ratified_match_writes_no_event(council):
    finding = _before_panel(council)
    _record(council, finding, "fostering_panel", "panel_administrator", 10, RECOMMENDED)
    row = _record(
        council,
        finding,
        "ratified",
        "service_manager",
        8,
        o.Answer("not_ratified", decided_by="Robin Head", reason="Support plan not agreed"),
    )
    assert row.event is None and row.reason == "Support plan not agreed"
    assert not JourneyEvent.objects.filter(child=council.child_a, kind="matched").exists()


def test_each_missing_answer_is_refused_naming_its_field(council):
    finding = _before_panel(council)
    with pytest.raises(ValidationError) as caught:
        _record(council, finding, "fostering_panel", "panel_administrator", 10, None)
    assert caught.value.message_dict == {"result": ["Select the outcome"]}
    with pytest.raises(ValidationError) as caught:
        _record(
            council, finding, "fostering_panel", "panel_administrator", 10, o.Answer("deferred")
        )
    assert set(caught.value.message_dict) == {"decided_by", "reason"}
    assert not RouteStepDone.objects.filter(step_key="fostering_panel").exists()


def test_only_the_steps_role_records_the_outcome(council):
    finding = _before_panel(council)
    with pytest.raises(ValidationError, match="recorded by the fostering panel"):
        _record(council, finding, "fostering_panel", "social_worker", 10, RECOMMENDED)
    _record(council, finding, "fostering_panel", "panel_administrator", 10, RECOMMENDED)
    with pytest.raises(ValidationError, match="recorded by the head of service"):
        _record(council, finding, "ratified", "panel_administrator", 8, RATIFIED)


# --- Removing an outcome takes its event with it ------------------------------------------------


def test_removing_the_ratification_removes_matched_and_is_audited(council):
    finding = _before_panel(council)
    _record(council, finding, "fostering_panel", "panel_administrator", 10, RECOMMENDED)
    row = _record(council, finding, "ratified", "service_manager", 8, RATIFIED)
    event_pk = row.event.pk
    routes.remove_step(
        finding, "ratified", "Wrong date", actor=actor(council.users["service_manager"])
    )
    assert not JourneyEvent.objects.filter(pk=event_pk).exists()
    assert not RouteStepDone.objects.filter(pk=row.pk).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(row.pk))
    assert entry.before["result"] == "ratified" and entry.before["event"] == "matched"
    assert "Wrong date" in entry.summary


def test_a_step_with_later_steps_recorded_cannot_be_removed(council):
    finding = _before_panel(council)
    _record(council, finding, "fostering_panel", "panel_administrator", 10, RECOMMENDED)
    _record(council, finding, "ratified", "service_manager", 8, RATIFIED)
    with pytest.raises(ValidationError) as caught:
        routes.remove_step(
            finding, "fostering_panel", "Wrong", actor=actor(council.users["panel_administrator"])
        )
    assert caught.value.message_dict["reason"] == [
        "Remove the later steps first: Match ratified by the Head of Service"
    ]
    with pytest.raises(ValidationError, match="recorded by the head of service"):
        routes.remove_step(
            finding, "ratified", "Wrong", actor=actor(council.users["social_worker"])
        )
    with pytest.raises(ValidationError, match="Enter why the record is removed"):
        routes.remove_step(finding, "ratified", " ", actor=actor(council.users["service_manager"]))


# --- Durham: the ADM's match and the adoption scorecard's A2 ------------------------------------


def test_the_adms_match_is_the_a2_match_decision(council, settings):
    """A2 runs from the placement order to the match decision (SPEC section 2; DfE help text
    for A2): the ADM's agreement of the match (002 section 4) writes "matched" on its date."""
    settings.HOMEWARD_COUNCIL = "durham"
    child = council.child_a
    JourneyEventFactory(child=child, kind="placement_order", date=ago(70))
    finding = _on_route(
        council,
        "adoption_family_finding",
        {
            "adm_should_be_placed": (75, "social_worker"),
            "placement_order": (70, "social_worker"),
            "family_finding": (60, "family_finder"),
            "adopters_identified": (40, "family_finder"),
        },
    )
    _record(council, finding, "adoption_panel", "panel_administrator", 30, RECOMMENDED)
    with pytest.raises(ValidationError) as caught:
        _record(council, finding, "adm_match", "social_worker", 20, o.Answer("agreed"))
    assert caught.value.message_dict == {"decided_by": ["Enter the agency decision maker's name"]}
    matched = _record(
        council, finding, "adm_match", "social_worker", 20, o.Answer("agreed", "Alex Decider")
    )
    assert matched.event.kind == "matched"
    placed = _record(council, finding, "placed_for_adoption", "social_worker", 10)
    assert placed.event.kind == "placed_for_adoption"
    card = journeys.scorecard(child, today=TODAY)
    assert card is not None
    assert (card.a2.days, card.a2.start, card.a2.end) == (50, ago(70), ago(20))


# --- Devon: the Permanence Panel hears the child's voice ----------------------------------------


def test_devons_panel_needs_the_childs_voice_or_why_not(council, settings):
    settings.HOMEWARD_COUNCIL = "devon"
    finding = _on_route(
        council,
        "long_term_fostering",
        {
            "placement_type_agreed": (60, "team_manager"),
            "carers_identified": (40, "social_worker"),
        },
    )
    with pytest.raises(ValidationError) as caught:
        _record(
            council,
            finding,
            "permanence_panel",
            "panel_administrator",
            10,
            o.Answer("confirmed", "C"),
        )
    assert list(caught.value.message_dict) == ["childs_voice"]
    row = _record(
        council,
        finding,
        "permanence_panel",
        "panel_administrator",
        10,
        o.Answer("confirmed", "Chris Chair", childs_voice="I want to stay with Mel and Sam"),
    )
    assert row.childs_voice == "I want to stay with Mel and Sam" and row.event.kind == "matched"


# --- The pages ----------------------------------------------------------------------------------


def test_the_panel_page_asks_the_outcome_and_shows_errors_by_field(client, council):
    _before_panel(council)
    client.force_login(council.users["panel_administrator"])
    response = client.post(
        _url(council.child_a, "steps/fostering_panel/"),
        {**date_data("done_on", ago(10)), "result": "not_recommended"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter the panel chair&#x27;s name" in html
    assert "Enter why the outcome was not recommended" in html
    response = client.post(
        _url(council.child_a, "steps/fostering_panel/"),
        {
            **date_data("done_on", ago(10)),
            "result": "not_recommended",
            "decided_by": "Pat Chair",
            "reason": "Carers not ready",
        },
    )
    assert response.status_code == 302
    page = client.get(_url(council.child_a)).content.decode()
    assert "Not recommended" in page and "Carers not ready" in page


def test_the_remove_page_is_for_the_steps_role_only(client, council):
    finding = _before_panel(council)
    _record(council, finding, "fostering_panel", "panel_administrator", 10, RECOMMENDED)
    client.force_login(council.users["social_worker"])
    assert client.get(_url(council.child_a, "steps/fostering_panel/remove/")).status_code == 403
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, summary__contains="Fostering Panel"
    ).exists()
    client.force_login(council.users["panel_administrator"])
    assert client.get(_url(council.child_a, "steps/fostering_panel/remove/")).status_code == 200
    response = client.post(
        _url(council.child_a, "steps/fostering_panel/remove/"), {"reason": "Wrong panel"}
    )
    assert response.status_code == 302
    assert not RouteStepDone.objects.filter(step_key="fostering_panel").exists()


def test_a_child_not_yours_is_a_404_on_the_outcome_pages(client, council):
    _before_panel(council)
    client.force_login(council.users["social_worker_other_team"])
    for rest in ("steps/fostering_panel/", "steps/panel_date/remove/"):
        assert client.get(_url(council.child_a, rest)).status_code == 404


def test_the_childs_voice_at_devons_panel_reaches_the_voice_tab(client, council, settings):
    """Issue 17 item 3: the views a panel recorded (Devon's Permanence Panel records the child's
    voice) are on the Voice tab's timeline, in the child's own words, with the panel and day."""
    settings.HOMEWARD_COUNCIL = "devon"
    finding = _on_route(
        council,
        "long_term_fostering",
        {
            "placement_type_agreed": (60, "team_manager"),
            "carers_identified": (40, "social_worker"),
        },
    )
    _record(
        council,
        finding,
        "permanence_panel",
        "panel_administrator",
        10,
        o.Answer("confirmed", "Chris Chair", childs_voice="I want to stay with Mel and Sam"),
    )
    client.force_login(council.users["social_worker"])
    page = client.get(f"/children/{council.child_a.child_id}/voice/").content.decode()
    assert "“I want to stay with Mel and Sam”" in page
    assert "Permanence Panel" in page
    assert "recorded by" in page and "with the panel’s outcome" in page
