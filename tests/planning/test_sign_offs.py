"""Sign-offs (issue 18 item 1): asked for on the Plan tab, shown as awaiting on the child's
record until the role they are asked of records the decision, and only that role may; the
strategic manager's worklist; every step audited.

Sources: Durham strategy (002_a77630a273fce245.txt) 'Pre-Proceedings/ Care Proceedings' and
'Return home from care'; Dudley strategy (000_f860603ee99ef2b2.txt) 'Specialist Assessments'
(homeward/domain/sign_offs.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child, SignOff
from homeward.planning import services
from tests.factories import AllocationFactory, ChildFactory, TeamFactory, UserFactory
from tests.planning.factories import today

pytestmark = pytest.mark.django_db

AWAITING = "Awaiting strategic manager&#x27;s agreement"


@pytest.fixture
def durham(settings):
    settings.HOMEWARD_COUNCIL = "durham"


def url(child: Child, tail: str = "") -> str:
    return f"/children/{child.child_id}/plan/{tail}"


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def ask(council, kind="proceedings_entry", child=None, by="social_worker") -> SignOff:
    return services.request_sign_off(
        child or council.child_a,
        kind=kind,
        notes="The legal planning meeting found the threshold met",
        by=council.users[by],
        actor=None,
        today=today() - dt.timedelta(days=2),
    )


def test_a_social_worker_asks_and_the_child_shows_the_step_awaiting(
    client, council, durham
) -> None:
    """002 'Pre-Proceedings/ Care Proceedings': the entry into proceedings is not agreed until
    the strategic manager gives agreement; the record says so."""
    client.force_login(council.users["social_worker"])
    form = client.get(url(council.child_a, "sign-offs/ask/")).content.decode()
    assert "Entry into care proceedings (strategic manager)" in form
    assert "Reunification plan (strategic manager)" in form
    assert "Placement with parents" not in form  # Dudley's, not Durham's
    response = client.post(
        url(council.child_a, "sign-offs/ask/"),
        {"kind": "proceedings_entry", "notes": "Threshold met at the legal planning meeting"},
    )
    assert response.status_code == 302
    sign_off = SignOff.objects.get(child=council.child_a)
    assert (sign_off.signer_role, sign_off.requested_by) == (
        "strategic_manager",
        council.users["social_worker"],
    )
    assert sign_off.is_pending
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="sign off")
    assert "Entry into care proceedings" in entry.summary
    record = client.get(council.child_a.get_absolute_url()).content.decode()
    assert AWAITING in record and "Entry into care proceedings" in record
    plan = client.get(url(council.child_a)).content.decode()
    assert AWAITING in plan
    assert "Record the decision" not in plan  # not theirs to record


def test_a_request_names_the_field_when_refused_and_saves_nothing(client, council, durham) -> None:
    client.force_login(council.users["social_worker"])
    response = client.post(url(council.child_a, "sign-offs/ask/"), {"kind": ""})
    assert response.status_code == 200
    assert "Select what needs signing off" in response.content.decode()
    ask(council)
    response = client.post(url(council.child_a, "sign-offs/ask/"), {"kind": "proceedings_entry"})
    assert response.status_code == 200
    assert "already awaiting a decision" in response.content.decode()
    assert SignOff.objects.count() == 1


def test_a_council_asks_only_for_the_sign_offs_its_procedures_require(council) -> None:
    """Dudley (the default profile) requires the ADM's authorisation, not Durham's strategic
    manager: refused by the service whatever is posted."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        ask(council, kind="proceedings_entry")
    assert "kind" in refused.value.message_dict
    assert ask(council, kind="placement_with_parents").signer_role == "agency_decision_maker"


def test_devon_names_no_sign_off(client, council, settings) -> None:
    settings.HOMEWARD_COUNCIL = "devon"
    client.force_login(council.users["social_worker"])
    assert client.get(url(council.child_a, "sign-offs/ask/")).status_code == 404
    plan = client.get(url(council.child_a)).content.decode()
    assert "This council's procedures name no step that needs a sign-off." in plan
    assert "Ask for a sign-off" not in plan


def test_only_the_strategic_manager_records_the_decision(client, council, durham) -> None:
    """Until the sign-off is recorded the step shows as awaiting it, and only that role can
    record it: others get 403 (or 404 without the need to know) and no link."""
    sign_off = ask(council)
    decide = url(council.child_a, f"sign-offs/{sign_off.pk}/decide/")
    for role, status in [
        ("social_worker", 403),
        ("team_manager", 403),
        ("service_manager", 403),
        ("iro", 403),
        ("agency_decision_maker", 404),  # nothing asked of them: no need to know the child
        ("social_worker_other_team", 404),
    ]:
        client.force_login(council.users[role])
        assert client.get(decide).status_code == status, role
        assert client.post(decide, {"agreed": "yes"}).status_code == status, role
        if status == 403:
            assert "Record the decision" not in client.get(url(council.child_a)).content.decode()
    assert SignOff.objects.get().is_pending
    denied = AuditEntry.objects.filter(action=AuditAction.DENIED, child_id=council.child_a.child_id)
    assert denied.filter(summary__contains="only the role a sign-off is asked of").exists()

    manager = council.users["strategic_manager"]
    client.force_login(manager)
    plan = client.get(url(council.child_a)).content.decode()
    assert "Record the decision" in plan
    response = client.post(decide, {"agreed": "yes", **date_fields("decided_on", today())})
    assert response.status_code == 302
    sign_off.refresh_from_db()
    assert (sign_off.agreed, sign_off.decided_by, sign_off.decided_on) == (True, manager, today())
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_type="sign off")
    assert entry.username == manager.username and "Agreed" in entry.summary
    assert entry.before["agreed"] is None and entry.after["agreed"] is True
    record = client.get(council.child_a.get_absolute_url()).content.decode()
    assert AWAITING not in record
    assert "Agreed on" in client.get(url(council.child_a)).content.decode()
    # Decided once: the form refuses a second decision.
    again = client.post(
        decide, {"agreed": "no", "reason": "x", **date_fields("decided_on", today())}
    )
    assert again.status_code == 200 and "already been decided" in again.content.decode()


def test_not_agreed_needs_a_reason_and_leaves_the_step_not_agreed(client, council, durham) -> None:
    sign_off = ask(council, kind="reunification_plan")
    client.force_login(council.users["strategic_manager"])
    decide = url(council.child_a, f"sign-offs/{sign_off.pk}/decide/")
    response = client.post(decide, {"agreed": "no", **date_fields("decided_on", today())})
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Enter why the reunification plan is not agreed" in html
    assert SignOff.objects.get().is_pending
    future = client.post(
        decide, {"agreed": "yes", **date_fields("decided_on", today() + dt.timedelta(days=1))}
    )
    assert "must be today or in the past" in future.content.decode()
    response = client.post(
        decide,
        {
            "agreed": "no",
            "reason": "Support for the family is not in place yet",
            **date_fields("decided_on", today()),
        },
    )
    assert response.status_code == 302
    plan = client.get(url(council.child_a)).content.decode()
    assert "Not agreed on" in plan and "Support for the family is not in place yet" in plan
    # A new request may follow a "not agreed".
    assert ask(council, kind="reunification_plan").is_pending


def test_the_childs_iro_ratifies_a_return_home_at_the_looked_after_review(
    client, council, durham
) -> None:
    """002 'Return home from care': ratified at the looked-after review, which the child's IRO
    chairs; another IRO has no need to know the child."""
    sign_off = ask(council, kind="return_home_ratified")
    decide = url(council.child_a, f"sign-offs/{sign_off.pk}/decide/")
    client.force_login(council.users["other_iro"])
    assert client.get(decide).status_code == 404
    client.force_login(council.users["strategic_manager"])
    assert client.get(decide).status_code == 404  # not asked of them
    client.force_login(council.users["iro"])
    record = client.get(council.child_a.get_absolute_url()).content.decode()
    assert "Awaiting ratification at the looked-after review" in record
    response = client.post(decide, {"agreed": "yes", **date_fields("decided_on", today())})
    assert response.status_code == 302
    assert "Ratified on" in client.get(url(council.child_a)).content.decode()


def test_the_agency_decision_maker_authorises_a_placement_with_parents(client, council) -> None:
    """000 'Specialist Assessments' (Dudley, the default profile)."""
    sign_off = ask(council, kind="placement_with_parents")
    adm = council.users["agency_decision_maker"]
    client.force_login(adm)
    record = client.get(council.child_a.get_absolute_url()).content.decode()
    assert "Awaiting agency decision maker&#x27;s authorisation" in record
    decide = url(council.child_a, f"sign-offs/{sign_off.pk}/decide/")
    form = client.get(decide).content.decode()
    assert "Is the placement with parents under a care order authorised?" in form
    assert "Specialist Assessments" in form
    response = client.post(decide, {"agreed": "yes", **date_fields("decided_on", today())})
    assert response.status_code == 302
    assert SignOff.objects.get().agreed is True


def test_a_strategic_manager_sees_only_the_children_with_a_sign_off_asked_of_them(
    client, council, durham
) -> None:
    """Need-to-know: a pending or past sign-off request of theirs, and nothing else; they read
    the record but do not record on the file."""
    manager = council.users["strategic_manager"]
    client.force_login(manager)
    assert client.get(council.child_a.get_absolute_url()).status_code == 404
    ask(council)
    assert client.get(council.child_a.get_absolute_url()).status_code == 200
    assert client.get(council.child_b.get_absolute_url()).status_code == 404
    listed = client.get("/?scope=all").content.decode()
    assert council.child_a.child_id in listed and council.child_b.child_id not in listed
    # They read; they do not record on the file.
    assert client.get(f"/children/{council.child_a.child_id}/events/add/").status_code == 403
    assert client.get(url(council.child_a, "sign-offs/ask/")).status_code == 403


def test_the_worklist_lists_what_awaits_the_role_in_constant_queries(
    client, council, durham
) -> None:
    manager = council.users["strategic_manager"]
    ask(council)
    ask(council, kind="return_home_ratified")  # the IRO's, not the strategic manager's
    client.force_login(manager)
    html = client.get("/sign-offs/").content.decode()
    assert council.child_a.child_id in html and "Entry into care proceedings" in html
    assert "Return home trajectory" not in html
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, summary__startswith="Viewed the sign-offs worklist"
    ).exists()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sign-offs/").status_code == 200
        return len(captured)

    first = queries()
    team = TeamFactory(name="Team C")
    worker = UserFactory(username="sw-c", role="social_worker", teams=[team])
    for n in range(4):
        child = ChildFactory(first_name=f"Extra{n}")
        AllocationFactory(child=child, social_worker=worker, team=team)
        sign_off = services.request_sign_off(
            child, kind="reunification_plan", notes="", by=worker, actor=None
        )
        if n % 2:
            services.decide_sign_off(
                sign_off, agreed=True, reason="", decided_on=today(), by=manager, actor=None
            )
    assert queries() == first
    html = client.get("/sign-offs/").content.decode()
    assert "Extra3" in html and "Agreed on" in html


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "service_manager", "analyst"])
def test_the_worklist_is_for_those_who_give_sign_offs(client, council, role) -> None:
    user = council.users.get(role) or council.users["performance_analyst"]
    client.force_login(user)
    assert client.get("/sign-offs/").status_code == 403
    assert 'href="/sign-offs/"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "slug,givers",
    [
        ("durham", {"strategic_manager", "iro"}),
        ("dudley", {"agency_decision_maker"}),
        ("devon", set()),
    ],
)
def test_the_menu_offers_the_worklist_to_those_the_council_asks_sign_offs_of(
    client, council, settings, slug, givers
) -> None:
    """Only the roles the installation's council asks a sign-off of: under Dudley an IRO's
    worklist would always be empty (a newcomer's try of the demo)."""
    settings.HOMEWARD_COUNCIL = slug
    for role in ("strategic_manager", "agency_decision_maker", "iro"):
        client.force_login(council.users[role])
        offered = 'href="/sign-offs/"' in client.get("/").content.decode()
        assert offered == (role in givers), role


@pytest.mark.parametrize("slug,asked", [("durham", True), ("dudley", False)])
def test_agreeing_a_reunification_plan_asks_for_the_strategic_managers_agreement(
    client, council, settings, slug, asked
) -> None:
    """002 'Return home from care': "All reunification plans will need to be presented and
    agreed by the strategic manager": under Durham the agreed plan awaits it (asked for in the
    same transaction as the plan); Dudley's procedures do not ask for it."""
    from tests.planning.test_services import add, agree, looked_after, move

    settings.HOMEWARD_COUNCIL = slug
    looked_after(council)
    sw = council.users["social_worker"]
    add(council, "connected_care")
    reunification = council.child_a.permanence_options.get(kind="reunification")
    move(reunification, "viable", sw)
    agree(council, reunification, [], legal_route="no_order")
    sign_offs = SignOff.objects.filter(child=council.child_a, kind="reunification_plan")
    assert sign_offs.exists() == asked
    client.force_login(sw)
    plan = client.get(url(council.child_a)).content.decode()
    card = plan.split('id="agreed-plan"', 1)[1].split("</h3>", 1)[0]
    assert (AWAITING in card) == asked
    if asked:
        # A second version while one awaits does not ask twice.
        agree(council, reunification, [], legal_route="no_order")
        assert sign_offs.count() == 1
        assert "Permanence plan version 1" in sign_offs.get().notes
