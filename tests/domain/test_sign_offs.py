"""Which sign-offs each council requires, who gives them, and what a decision needs: worked
examples citing the procedures (homeward/domain/sign_offs.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import sign_offs as rules
from homeward.domain.councils import PROFILES

D = dt.date
ASKED = D(2026, 12, 1)
TODAY = D(2026, 12, 7)


def test_durham_requires_the_strategic_manager_for_proceedings_and_reunification() -> None:
    """002 'Pre-Proceedings/ Care Proceedings': "The strategic manager will be required to give
    agreement for all entries into care proceedings"; 'Return home from care': "All
    reunification plans will need to be presented and agreed by the strategic manager" and "The
    return home trajectory will need to be ratified at the child/ young persons looked after
    review"."""
    durham = {k.slug: k for k in rules.required("durham")}
    assert set(durham) == {"proceedings_entry", "reunification_plan", "return_home_ratified"}
    assert durham["proceedings_entry"].signer_role == rules.STRATEGIC_MANAGER
    assert durham["reunification_plan"].signer_role == rules.STRATEGIC_MANAGER
    assert durham["return_home_ratified"].signer_role == rules.IRO
    assert durham["proceedings_entry"].awaiting == "Awaiting strategic manager's agreement"
    assert "'Pre-Proceedings/ Care Proceedings'" in durham["proceedings_entry"].source
    assert "'Return home from care'" in durham["reunification_plan"].source


def test_dudley_requires_the_agency_decision_makers_authorisation_of_placement_with_parents():
    """000 'Specialist Assessments': "Where children remain home under an Interim or Full Care
    Order, the Placement with Parents Regulations must be followed with appropriate
    authorisation by the agency decision maker"."""
    (kind,) = rules.required("dudley")
    assert kind.slug == "placement_with_parents"
    assert kind.signer_role == rules.AGENCY_DECISION_MAKER
    assert kind.awaiting == "Awaiting agency decision maker's authorisation"
    assert "'Specialist Assessments'" in kind.source and "Part 4" in kind.source


def test_devon_names_no_sign_off_and_an_unknown_profile_requires_none() -> None:
    assert rules.required("devon") == ()
    assert rules.required("nowhere") == ()


def test_every_profile_has_a_row_and_every_kind_cites_a_source() -> None:
    assert set(rules.REQUIREMENTS) == set(PROFILES)
    for kind in rules.KINDS.values():
        assert kind.source and kind.signer_title and kind.awaiting.startswith("Awaiting")
    assert {
        rules.STRATEGIC_MANAGER,
        rules.AGENCY_DECISION_MAKER,
        rules.IRO,
    } == rules.SIGNER_ROLES


def test_status_is_awaiting_until_decided_then_the_kinds_own_word() -> None:
    kind = rules.PLACEMENT_WITH_PARENTS
    assert rules.status(None, kind) == "Awaiting agency decision maker's authorisation"
    assert rules.status(True, kind) == "Authorised"
    assert rules.status(False, kind) == "Not authorised"
    assert rules.status(True, rules.RETURN_HOME_RATIFIED) == "Ratified"


def test_a_request_must_be_one_the_council_requires_and_not_already_awaiting() -> None:
    assert rules.request_problems("durham", "proceedings_entry", set()) == {}
    assert rules.request_problems("dudley", "proceedings_entry", set()) == {
        "kind": "Select a sign-off this council's procedures require"
    }
    assert "kind" in rules.request_problems("durham", "made_up", set())
    problem = rules.request_problems("durham", "proceedings_entry", {"proceedings_entry"})
    assert problem["kind"] == (
        "Entry into care proceedings is already awaiting a decision: awaiting strategic "
        "manager's agreement first"
    )
    # Another kind may be asked for while one waits.
    assert rules.request_problems("durham", "reunification_plan", {"proceedings_entry"}) == {}


def decide(**overrides):
    arguments = {
        "agreed": True,
        "reason": "",
        "decided_on": TODAY,
        "requested_on": ASKED,
        "today": TODAY,
    }
    arguments.update(overrides)
    return rules.decision_problems(rules.PROCEEDINGS_ENTRY, **arguments)


def test_an_agreement_dated_between_the_request_and_today_needs_no_reason() -> None:
    assert decide() == {}
    assert decide(decided_on=ASKED) == {}


def test_not_agreed_needs_the_reason() -> None:
    assert decide(agreed=False) == {
        "reason": "Enter why the entry into care proceedings is not agreed"
    }
    assert decide(agreed=False, reason="Pre-proceedings first: the family network meeting") == {}


@pytest.mark.parametrize(
    "decided_on,message",
    [
        (None, "Enter the date of the decision"),
        (TODAY + dt.timedelta(days=1), "The date of the decision must be today or in the past"),
        (
            ASKED - dt.timedelta(days=1),
            "The date of the decision must be on or after the date it was asked for "
            "(1 December 2026)",
        ),
    ],
)
def test_the_decision_is_dated_between_the_request_and_today(decided_on, message) -> None:
    assert decide(decided_on=decided_on) == {"decided_on": message}


def test_a_decision_says_yes_or_no() -> None:
    assert decide(agreed=None) == {
        "agreed": "Select whether the entry into care proceedings is agreed"
    }
