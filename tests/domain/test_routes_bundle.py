"""The permanence bundle's documents one by one (homeward/domain/routes.py; issue 15 item 5):
their statuses, when one is overdue, and the gate on the step that needs the bundle (every
document received, or a manager's reason)."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import routes as r

TODAY = dt.date(2026, 11, 24)
ADOPTION = r.route("durham", "adoption_family_finding")
CPR, APR = ADOPTION.bundle.documents


def test_not_started_needs_nothing() -> None:
    assert r.bundle_item_problems(CPR, "not_started", None, files=0, today=TODAY) == []


def test_in_progress_needs_the_date_work_started_not_a_date_to_come() -> None:
    assert r.bundle_item_problems(CPR, "in_progress", None, files=0, today=TODAY) == [
        r.Problem("status_on", "Enter the date work started")
    ]
    tomorrow = TODAY + dt.timedelta(days=1)
    assert r.bundle_item_problems(CPR, "in_progress", tomorrow, files=0, today=TODAY) == [
        r.Problem("status_on", "The date must be today or earlier")
    ]


def test_received_needs_its_date_and_its_file() -> None:
    """The panel reads the file: a document is received once it is on the record."""
    assert r.bundle_item_problems(APR, "received", None, files=0, today=TODAY) == [
        r.Problem("status_on", "Enter the date received"),
        r.Problem(
            "status", "Attach the file first: Adoption Placement Report is received with its file"
        ),
    ]
    assert r.bundle_item_problems(APR, "received", TODAY, files=1, today=TODAY) == []


def test_an_unknown_status_is_refused() -> None:
    assert r.bundle_item_problems(CPR, "lost", TODAY, files=1, today=TODAY) == [
        r.Problem("status", "Select the status")
    ]


@pytest.mark.parametrize(
    "due_days,status,overdue",
    [
        (-1, "in_progress", True),
        (-1, "not_started", True),
        (-1, "received", False),
        (0, "in_progress", False),  # due today is not yet overdue
        (None, "not_started", False),  # no due date set: no procedure sets one
    ],
)
def test_overdue_is_past_the_due_date_and_not_received(due_days, status, overdue) -> None:
    due = TODAY + dt.timedelta(days=due_days) if due_days is not None else None
    assert r.is_overdue(due, status, TODAY) is overdue


def test_the_gate_is_closed_until_every_document_is_received() -> None:
    gate = r.bundle_gate(ADOPTION, {"child_permanence_report": TODAY})
    assert not gate.open and gate.missing == (APR,)
    assert gate.reason == (
        "The panel cannot be booked until every document is received (Adoption Placement "
        "Report not yet)"
    )
    both = {"child_permanence_report": TODAY, "adoption_placement_report": TODAY}
    assert r.bundle_gate(ADOPTION, both).open


def test_a_managers_reason_opens_the_gate_and_is_kept_in_the_reason() -> None:
    gate = r.bundle_gate(ADOPTION, {}, bundle_override="  Panel adviser has the reports  ")
    assert gate.open and gate.overridden and gate.missing == (CPR, APR)
    assert gate.reason.endswith(": Panel adviser has the reports")
    assert not r.bundle_gate(ADOPTION, {}, bundle_override="   ").open


def test_every_route_with_a_bundle_step_is_gated_the_same_way() -> None:
    for council in r.COUNCILS:
        for route in r.routes(council):
            if route.bundle is None:
                continue
            assert not r.bundle_gate(route, {}).open
            done = {d.key: TODAY for d in route.bundle.documents}
            assert r.bundle_gate(route, done).open


def test_the_durham_adoption_reports_cite_the_2005_regulations() -> None:
    assert "reg 17" in CPR.source and "reg 31" in APR.source
    assert all("Adoption Agencies Regulations 2005" in d.source for d in (CPR, APR))
    assert all("(check)" in d.source for d in (CPR, APR))
