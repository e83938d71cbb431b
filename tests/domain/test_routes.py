"""Routes to a permanent home per council (homeward/domain/routes.py, rules/routes/*.toml):
the routes the seeds describe, step order, the permanence bundle, the external-search gate, and
bad files giving errors that name the file, route, step and field.

Seeds (shared/seeds/): DQ 001 Dudley quick reference guide ('Expected Outcomes', 'Matched to
existing internal carers', 'Match to IFA', 'Family Finding Internal/External'); DU 002 Durham
strategy (section 4 'Adoption', 'Fostering for Adoption'); DV 004 Devon Permanence Matters
('Devon's Permanence Panel'); shared/domain/SPEC.md section 5 and T15.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeward.domain import routes as r
from homeward.domain.councils import DEVON_PERMANENCE_MATTERS as DV
from homeward.domain.councils import DUDLEY_QUICK_GUIDE as DQ
from homeward.domain.councils import DURHAM_STRATEGY as DU
from homeward.domain.matching import ROUTE_FITS, CarerType
from homeward.domain.meetings import ROLES

TODAY = dt.date(2026, 11, 24)  # tests/clock.py


def day(n: int) -> dt.date:
    return dt.date(2026, 10, 1) + dt.timedelta(days=n)


def keys(route: r.Route) -> list[str]:
    return [s.key for s in route.steps]


# --- The routes each council's procedures describe -------------------------------------------


def test_dudley_has_the_quick_reference_guides_three_expected_outcomes() -> None:
    """DQ 'Expected Outcomes': 1. matched to existing Dudley foster carers, exploring SGO;
    2. match to IFA carers, exploring SGO and transfer to Dudley; 3. family finding, internal
    carers or external search. All follow a single-track plan of long-term fostering."""
    found = r.routes("dudley")
    assert [x.key for x in found] == ["existing_in_house_carers", "ifa_carers", "family_finding"]
    assert {x.option for x in found} == {"long_term_fostering"}
    assert all(x.source.startswith(f"{DQ} 'Expected Outcomes'") for x in found)
    assert r.route("dudley", "ifa_carers").carer_types == {CarerType.IFA}
    assert r.routes_for_option("dudley", "adoption") == ()


def test_dudleys_in_house_route_in_spec_order() -> None:
    """SPEC section 5 (1): SW explores SGO with carer -> matching meeting -> fostering panel date
    -> permanence bundle -> panel -> match recommended -> ratified by the head of service."""
    route = r.route("dudley", "existing_in_house_carers")
    assert keys(route) == [
        "explore_sgo",
        "matching_meeting",
        "panel_date",
        "fostering_panel",
        "ratified",
        "placed",
    ]
    assert route.step("fostering_panel").needs_kind is r.NeedsKind.BUNDLE
    assert route.step("ratified").role == "service_manager"
    assert "complex cases chaired by" in route.step("matching_meeting").owner.lower()


def test_dudleys_ifa_route_needs_the_fee_request_and_the_signed_off_business_case() -> None:
    """DQ 'Match to IFA': SW asks commissioning for a permanent placement fee reduction; SW
    completes the ARP referral (business case), sends it to the HOS LAC, and the Chief Officer
    signs it off; then the Fostering Panel and the head of service's ratification."""
    route = r.route("dudley", "ifa_carers")
    assert keys(route) == [
        "explore_sgo_and_transfer",
        "matching_meeting",
        "fee_reduction_request",
        "arp_business_case",
        "hos_sign_off",
        "chief_officer_sign_off",
        "panel_date",
        "fostering_panel",
        "ratified",
        "placed",
    ]
    assert route.step("fee_reduction_request").needs == "The commissioning fee request"
    assert route.step("chief_officer_sign_off").owner == "Chief Officer"
    # The panel cannot be scheduled before the Chief Officer has signed the business case off.
    done = {k: day(i) for i, k in enumerate(keys(route)[:5])}
    assert [s.key for s in r.open_steps(route, done)] == ["chief_officer_sign_off"]


def test_dudleys_family_finding_goes_internal_then_external_then_the_ifa_route() -> None:
    """DQ 'Family Finding Internal/External': pen picture to all internal carers; written
    permission from the service manager before an external search; emailed to the Placements
    team, who collate responses; "Now follow 'Match to IFA' process"."""
    route = r.route("dudley", "family_finding")
    assert keys(route) == [
        "pen_picture",
        "sent_to_internal_carers",
        "external_search_permission",
        "permission_to_placements",
        "responses_collated",
    ]
    assert route.continues_with == "ifa_carers"
    assert route.permission_step is route.step("external_search_permission")
    assert route.permission_step.role == "service_manager"
    assert [s.key for s in route.steps if s.external] == [
        "permission_to_placements",
        "responses_collated",
    ]


def test_durhams_adoption_family_finding_starts_from_the_placement_order() -> None:
    """DU section 4 'Adoption': family finding follows the making of a placement order; the
    ADM agrees the match (DU 'Fostering for Adoption'; SPEC A2)."""
    route = r.route("durham", "adoption_family_finding")
    assert route.option == "adoption"
    assert route.step("family_finding").after == ("placement_order",)
    assert DU in route.step("family_finding").source
    assert keys(route).index("placement_order") < keys(route).index("adm_match")
    assert route.carer_types <= ROUTE_FITS["adoption"].carer_types


def test_durhams_fostering_for_adoption_needs_the_adm_before_the_placement() -> None:
    """DU section 4 'Fostering for Adoption': "ADM agreement will be required prior to a child
    being placed with fostering for adoption carers"; the placement becomes an adoptive
    placement following the ADM agreement of the match (SPEC T15)."""
    route = r.route("durham", "fostering_for_adoption")
    assert route.carer_types == {CarerType.FOSTER_FOR_ADOPTION}
    assert route.step("placed_with_carers").after == ("adm_agrees_placement",)
    assert keys(route)[-2:] == ["adm_match", "adoptive_placement"]
    assert route.step("adoptive_placement").event == "placed_for_adoption"
    assert route.step("adoption_team_invited").source.startswith(
        f"{DU} 'Early permanence planning meetings'"
    )


def test_devons_long_term_fostering_and_residential_matches_go_to_its_permanence_panel() -> None:
    """DV 'Devon's Permanence Panel': the forum for considering and confirming matches through
    long-term fostering or long term residential care; the child's voice is heard there."""
    found = {x.key: x for x in r.routes("devon")}
    assert set(found) == {"long_term_fostering", "residential"}
    assert found["residential"].carer_types == {CarerType.RESIDENTIAL}
    for route in found.values():
        assert [s.key for s in route.steps[-2:]] == ["permanence_panel", "placed"]
        assert route.step("permanence_panel").event == "matched"
        assert route.bundle is not None and route.bundle.panel == "Permanence Panel"
        assert "childs_views" in {d.key for d in route.bundle.documents}
        assert route.source.startswith(f"{DV} 'Devon's Permanence Panel'")


@pytest.mark.parametrize("council", r.COUNCILS)
def test_every_route_step_and_document_is_cited_and_owned(council: str) -> None:
    for route in r.routes(council):
        assert route.source.strip() and route.council == council
        for step in route.steps:
            assert step.source.strip() and step.owner.strip() and step.needs.strip(), step
            assert step.role in ROLES
        if route.bundle is not None:
            for document in route.bundle.documents:
                assert document.source.strip() and document.role in ROLES


def test_unknown_routes_and_councils() -> None:
    with pytest.raises(r.UnknownRoute):
        r.route("devon", "family_finding")
    with pytest.raises(ValueError, match="HOMEWARD_COUNCIL"):
        r.routes("narnia")


# --- The permanence bundle ---------------------------------------------------------------------


def test_dudleys_fostering_panel_bundle_is_the_guides_list() -> None:
    """DQ / SPEC section 5: matching meeting report (permanency worker); Fostering Permanency
    Assessment Report (SW); Foster Home Review, Form F assessment, DBS and medicals, risk
    assessment, references, motivation questionnaire (permanency worker)."""
    bundle = r.route("dudley", "existing_in_house_carers").bundle
    assert bundle is not None and bundle is r.route("dudley", "ifa_carers").bundle
    assert [(d.title, d.role) for d in bundle.documents] == [
        ("Matching meeting report", "family_finder"),
        ("Fostering Permanency Assessment Report", "social_worker"),
        ("Foster Home Review", "family_finder"),
        ("Form F assessment", "family_finder"),
        ("DBS checks and medicals", "family_finder"),
        ("Risk assessment", "family_finder"),
        ("References", "family_finder"),
        ("Motivation questionnaire", "family_finder"),
    ]


def test_the_adoption_bundle_holds_the_two_reports() -> None:
    """Issue 15 item 5: adoption: Child Permanence Report, Adoption Placement Report."""
    bundle = r.route("durham", "adoption_family_finding").bundle
    assert bundle is not None
    assert [d.title for d in bundle.documents] == [
        "Child Permanence Report",
        "Adoption Placement Report",
    ]


def test_a_bundle_is_complete_only_with_every_document() -> None:
    bundle = r.route("durham", "adoption_family_finding").bundle
    assert bundle is not None
    partial = r.bundle_status(bundle, {"child_permanence_report": day(3)})
    assert not partial.complete
    assert [d.key for d in partial.missing] == ["adoption_placement_report"]
    assert [(d.key, on) for d, on in partial.received] == [("child_permanence_report", day(3))]
    whole = r.bundle_status(
        bundle, {"child_permanence_report": day(3), "adoption_placement_report": day(9)}
    )
    assert whole.complete and not whole.missing
    with pytest.raises(r.ProgressError, match="has no document 'form_f'"):
        r.bundle_status(bundle, {"form_f": day(1)})


def test_the_panel_step_waits_for_the_bundle_unless_a_manager_says_why() -> None:
    """Issue 15 item 5: panel cannot be booked until the bundle is complete, unless a manager
    records why."""
    route = r.route("dudley", "existing_in_house_carers")
    done = {"explore_sgo": day(1), "matching_meeting": day(5), "panel_date": day(6)}
    state = {p.step.key: p for p in r.progress(route, done, documents={"references": day(2)})}
    panel = state["fostering_panel"]
    assert panel.state is r.StepState.WAITING
    assert panel.explanation.startswith(
        "Waiting for: Permanence bundle for the Fostering Panel (Matching meeting report, "
        "Fostering Permanency Assessment Report, "
    )
    assert "References" not in panel.explanation
    every = {d.key: day(3) for d in route.bundle.documents} if route.bundle else {}
    assert [s.key for s in r.open_steps(route, done, documents=every)] == ["fostering_panel"]
    overridden = r.open_steps(route, done, bundle_override="Panel chair agreed: reports tabled")
    assert [s.key for s in overridden] == ["fostering_panel"]


# --- Step order --------------------------------------------------------------------------------


def test_only_the_first_step_is_open_at_the_start() -> None:
    route = r.route("dudley", "existing_in_house_carers")
    assert [s.key for s in r.open_steps(route, {})] == ["explore_sgo"]
    states = r.progress(route, {})
    assert states[1].state is r.StepState.WAITING
    assert states[1].waiting_for == ("Explore special guardianship with the carers",)


def test_a_done_step_shows_its_date_and_opens_the_next() -> None:
    route = r.route("dudley", "existing_in_house_carers")
    states = r.progress(route, {"explore_sgo": dt.date(2026, 11, 2)})
    assert states[0].state is r.StepState.DONE
    assert states[0].explanation == "Done on 2 November 2026"
    assert states[1].state is r.StepState.OPEN
    assert states[1].explanation == "Ready to do: needs the matching meeting's record"


def test_steps_done_out_of_order_are_problems_naming_the_step() -> None:
    route = r.route("dudley", "existing_in_house_carers")
    problems = r.done_problems(
        route, {"explore_sgo": day(10), "matching_meeting": day(4), "ratified": day(20)}, TODAY
    )
    assert problems == [
        (
            "matching_meeting",
            "Matching meeting held (5 October 2026) cannot be before Explore special "
            "guardianship with the carers (11 October 2026)",
        ),
        (
            "ratified",
            "Match ratified by the Head of Service cannot be done before: Fostering Panel "
            "recommends the match",
        ),
    ]
    future = r.done_problems(route, {"explore_sgo": TODAY + dt.timedelta(days=1)}, TODAY)
    assert future == [
        (
            "explore_sgo",
            "Explore special guardianship with the carers: the date must be today or earlier",
        )
    ]


def test_a_step_the_route_does_not_have_is_refused() -> None:
    route = r.route("devon", "residential")
    with pytest.raises(r.ProgressError, match="has no step 'ratified'"):
        r.open_steps(route, {"ratified": day(1)})


@given(st.sampled_from([x for c in r.COUNCILS for x in r.routes(c)]), st.data())
def test_any_steps_done_in_the_listed_order_leave_the_next_open(
    route: r.Route, data: st.DataObject
) -> None:
    """Doing steps in the listed order never breaks a rule, and then the first undone step is
    open: the file lists each step after those it follows."""
    n = data.draw(st.integers(0, len(route.steps)))
    done = {step.key: day(i) for i, step in enumerate(route.steps[:n])}
    assert r.done_problems(route, done, TODAY) == []
    opened = r.open_steps(route, done, bundle_override="testing the order")
    if n < len(route.steps):
        assert route.steps[n] in opened
    for step in opened:
        assert set(step.after) <= set(done)


# --- The external-search gate --------------------------------------------------------------


def test_external_search_needs_the_service_managers_written_permission() -> None:
    """DQ 'Family Finding Internal/External': "SW will require written permission to search
    externally from Service Manager before an external search can commence"."""
    route = r.route("dudley", "family_finding")
    internal = {"pen_picture": day(1), "sent_to_internal_carers": day(2)}
    gate = r.external_search(route, internal)
    assert not gate.allowed
    assert gate.reason == "Not yet: record the service manager's written permission first"
    assert gate.source == r.EXTERNAL_SEARCH_SOURCE and DQ in gate.source
    assert [s.key for s in r.open_steps(route, internal)] == ["external_search_permission"]
    permitted = internal | {"external_search_permission": dt.date(2026, 11, 3)}
    assert r.external_search_allowed(route, permitted)
    assert r.external_search(route, permitted).reason == (
        "The service manager's written permission recorded on 3 November 2026"
    )
    assert [s.key for s in r.open_steps(route, permitted)] == ["permission_to_placements"]


def test_an_external_step_recorded_before_the_permission_is_a_problem() -> None:
    route = r.route("dudley", "family_finding")
    done = {
        "pen_picture": day(1),
        "sent_to_internal_carers": day(2),
        "external_search_permission": day(9),
        "permission_to_placements": day(5),
    }
    assert [p.field for p in r.done_problems(route, done, TODAY)] == ["permission_to_placements"]


def test_routes_without_an_external_search_never_allow_one() -> None:
    gate = r.external_search(r.route("devon", "long_term_fostering"), {})
    assert not gate.allowed and "has no external search" in gate.reason


# --- Bad files: clear errors naming the file, route, step and field ---------------------------

GOOD = """
[bundle.panel]
title = "Bundle"
panel = "Fostering Panel"
source = "001 'x'"

[[bundle.panel.document]]
key = "report"
title = "Report"
owner = "Social worker"
role = "social_worker"
source = "001 'x'"

[route.one]
title = "One"
option = "long_term_fostering"
carer_types = ["ifa"]
bundle = "panel"
source = "001 'x'"

[[route.one.step]]
key = "first"
title = "First"
owner = "Social worker"
role = "social_worker"
after = []
needs = "A record"
needs_kind = "decision"
source = "001 'x'"

[[route.one.step]]
key = "second"
title = "Second"
owner = "Panel"
role = "panel_administrator"
after = ["first"]
needs = "The bundle"
needs_kind = "bundle"
source = "001 'x'"
"""


def parse(text: str) -> tuple[r.Route, ...]:
    return r.parse_routes(text, council="dudley", file_name="dudley.toml")


def test_a_good_file_parses() -> None:
    (one,) = parse(GOOD)
    assert keys(one) == ["first", "second"] and one.bundle is not None


@pytest.mark.parametrize(
    "old,new,message",
    [
        ('option = "long_term_fostering"', 'option = "reunification"', "route 'one': 'reunif"),
        ('carer_types = ["ifa"]', 'carer_types = ["adopter"]', "unknown carer type 'adopter'"),
        (
            'carer_types = ["ifa"]',
            'carer_types = ["residential"]',
            "'residential' cannot be a home by 'long_term_fostering'",
        ),
        ('bundle = "panel"', 'bundle = "missing"', "field 'bundle': no [bundle.missing]"),
        ('after = ["first"]', 'after = ["third"]', "step 'second', field 'after': 'third' is not"),
        ('after = ["first"]', 'after = ["second"]', "a step cannot come after itself"),
        (
            'role = "panel_administrator"',
            'role = "chief_officer"',
            "step 'second', field 'role': unknown role 'chief_officer'",
        ),
        ('needs_kind = "bundle"', 'needs_kind = "form"', "field 'needs_kind': 'form' is not"),
        ('title = "Second"', 'titel = "Second"', "step 'second': unknown field 'titel'"),
        ('key = "second"', 'key = "first"', "step 'first': key used twice"),
        ('needs = "A record"', 'needs = ""', "step 'first', field 'needs': must not be empty"),
        ('needs = "A record"', "needs = 3", "field 'needs': give text in quotes"),
        ('key = "report"', 'key = "report"\nrole2 = 1', "document 'report': unknown field"),
        ("[route.one]", "[rout.one]", "dudley.toml: unknown table 'rout'"),
        ('title = "One"', 'title = "One', "dudley.toml: not valid TOML"),
    ],
)
def test_a_bad_file_names_the_place_of_the_fault(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(r.RouteFileError, match=message.replace("[", r"\[")):
        parse(GOOD.replace(old, new, 1))


def test_a_bundle_step_needs_a_bundle() -> None:
    with pytest.raises(r.RouteFileError, match="step 'second', field 'needs': the step needs a"):
        parse(GOOD.replace('bundle = "panel"\n', ""))


def test_an_external_step_must_follow_the_permission() -> None:
    external = GOOD.replace('needs_kind = "bundle"', 'needs_kind = "bundle"\nexternal = true')
    with pytest.raises(r.RouteFileError, match="an external step needs a permission step first"):
        parse(external)
    permitted = external.replace(
        'needs_kind = "decision"', 'needs_kind = "permission"\npermission = true'
    )
    (one,) = parse(permitted)
    assert one.permission_step is not None and one.permission_step.key == "first"


def test_continues_with_must_name_a_route_in_the_file() -> None:
    with pytest.raises(r.RouteFileError, match="field 'continues_with': 'elsewhere' is not"):
        parse(GOOD.replace('bundle = "panel"', 'bundle = "panel"\ncontinues_with = "elsewhere"'))


def test_the_shipped_files_are_read_at_import() -> None:
    """A bad shipped file stops the start-up (routes._check runs on import)."""
    for council in r.COUNCILS:
        assert (r.ROUTES_DIR / f"{council}.toml").exists()
        assert r.routes(council)
    assert ROUTE_FITS  # the routes' options are the options matching serves


@pytest.mark.parametrize("council", r.COUNCILS)
def test_every_route_gives_matching_its_plan(council: str) -> None:
    """A child on a route is matched with that route's carer types only."""
    for route in r.routes(council):
        plan = route.plan()
        assert plan.option == route.option and plan.types_wanted == route.carer_types
        assert plan.route_title == route.title and plan.route_source == route.source
