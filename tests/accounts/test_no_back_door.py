"""Django's admin is no back door, and staff changes are audited with who and why (issue 14).

A system administrator (a superuser in the admin) can neither give themselves another role nor
delete or change case records, decisions, audit entries or imports there; staff, roles, teams
and allocations change only on Homeward's pages, which need a reason, refuse a change to one's
own role or teams, and write the change to the audit log.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from homeward.accounts.models import Role, Team, User
from homeward.audit.models import AuditAction, AuditEntry
from homeward.family.models import SiblingPairDecision
from tests.family.factories import sibling_group

FIRST_PASSWORD = "violet-harbour-ledger-91"  # passes the password policy (accounts/passwords.py)

CASE_APPS = (
    "audit",
    "children",
    "timescales",
    "ssda903",
    "planning",
    "meetings",
    "family",
    "panels",
    "matching",
)
CASE_MODELS = [model for label in CASE_APPS for model in apps.get_app_config(label).get_models()]
# django-axes' lockout records: deleting an attempt is how an administrator unlocks an account
# (the sign-ins themselves are in Homeward's audit log, which nobody can delete).
AXES = {"axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


@pytest.fixture
def superuser(council) -> User:
    user = council.users["system_administrator"]
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_every_model_in_the_admin_is_read_only_even_for_a_superuser(superuser) -> None:
    request = RequestFactory().get("/admin/")
    request.user = superuser
    writable = [
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if model._meta.label_lower not in AXES
        and (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
            or model_admin.get_actions(request)
        )
    ]
    assert writable == []
    assert admin.site.is_registered(User)  # shown, read only: staff change on /accounts/staff/


@pytest.mark.parametrize("model", CASE_MODELS, ids=[m._meta.label for m in CASE_MODELS])
def test_no_case_record_can_be_deleted_or_changed_through_the_admin(admin_client, model) -> None:
    AuditEntry.objects.create(action=AuditAction.VIEW, summary="so that there is one")
    rows = model._default_manager.count()
    row = model._default_manager.first()
    pk = row.pk if row is not None else 1
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}"
    deleted = admin_client.post(f"{base}/{pk}/delete/", {"post": "yes"})
    changed = admin_client.post(f"{base}/{pk}/change/", {})
    bulk = admin_client.post(
        f"{base}/", {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
    )
    # 405: the admin takes no POST there (homeward/admin_site.py), not even at an address it
    # does not have; 403 or 404 behind it, from the admin's own permissions.
    assert deleted.status_code in {403, 404, 405}
    assert changed.status_code in {403, 404, 405}
    assert bulk.status_code in {403, 404, 405}
    assert model._default_manager.count() == rows


def test_a_sibling_group_and_its_decisions_survive_the_admin(admin_client, council) -> None:
    """Deleting a sibling group would cascade through the append-only sibling decisions."""
    group = sibling_group(council.child_a, council.child_a2)
    SiblingPairDecision.objects.create(
        group=group,
        child_a=council.child_a,
        child_b=council.child_a2,
        placed="together",
        decision="together",
    )
    base = f"/admin/children/siblinggroup/{group.pk}"
    page = admin_client.get(f"{base}/change/").content.decode()
    assert f"{base}/delete/" not in page and 'name="_save"' not in page
    assert admin_client.post(f"{base}/delete/", {"post": "yes"}).status_code == 405
    listing = admin_client.post(
        "/admin/children/siblinggroup/",
        {"action": "delete_selected", "_selected_action": [group.pk], "post": "yes"},
    )
    assert "delete_selected" not in listing.content.decode()
    assert admin_client.post(f"{base}/change/", {"name": "Renamed"}).status_code == 405
    group.refresh_from_db()
    assert group.name == "Wrenfold siblings"
    assert SiblingPairDecision.objects.filter(group=group).count() == 1


def test_a_superuser_cannot_give_themselves_a_role_in_the_admin(admin_client, superuser) -> None:
    url = f"/admin/accounts/user/{superuser.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = admin_client.post(
        url, {"username": superuser.username, "role": Role.SERVICE_MANAGER, "is_active": "on"}
    )
    assert response.status_code == 405
    superuser.refresh_from_db()
    assert superuser.role == Role.SYSTEM_ADMINISTRATOR


@pytest.mark.parametrize("model", ["user", "team"])
def test_staff_and_teams_cannot_be_added_or_deleted_in_the_admin(admin_client, council, model):
    target = council.users["social_worker"] if model == "user" else council.team_a
    base = f"/admin/accounts/{model}"
    assert admin_client.post(f"{base}/{target.pk}/delete/", {"post": "yes"}).status_code == 405
    assert admin_client.post(f"{base}/add/", {"username": "x", "name": "x"}).status_code == 405
    assert type(target).objects.filter(pk=target.pk).exists()


def test_an_administrator_still_unlocks_an_account_in_the_admin(admin_client, council) -> None:
    """The one write the admin keeps (homeward/admin_site.py lets it POST): deleting django-axes'
    lockout record."""
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="sw-a", ip_address="192.0.2.1", failures_since_start=5, get_data="", post_data=""
    )
    base = f"/admin/axes/accessattempt/{attempt.pk}"
    assert admin_client.put(f"{base}/delete/").status_code == 405
    response = admin_client.post(f"{base}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_ones_own_password_changed_in_the_admin_is_audited(admin_client, superuser) -> None:
    """Every change of a user is in Homeward's audit log (issue 14), the admin's own password
    form included (homeward/admin_site.py)."""
    superuser.set_password("old-password-for-the-test-1")
    superuser.save()
    admin_client.force_login(superuser)
    new = "quiet-harbour-lantern-74"
    refused = admin_client.post(
        "/admin/password_change/",
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )
    assert refused.status_code == 200  # the form again: nothing changed, nothing audited
    assert not AuditEntry.objects.filter(summary__contains="changed their own password").exists()
    response = admin_client.post(
        "/admin/password_change/",
        {"old_password": "old-password-for-the-test-1", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert superuser.check_password(new)
    entry = AuditEntry.objects.get(
        action=AuditAction.CHANGE, summary__contains="changed their own password"
    )
    assert entry.username == superuser.username
    assert entry.object_type == "user"


# The staff pages (/accounts/staff/).


@pytest.fixture
def sysadmin(client, council):
    client.force_login(council.users["system_administrator"])
    return client


def _entry(**filters) -> AuditEntry:
    return AuditEntry.objects.exclude(action=AuditAction.VIEW).get(**filters)


def test_only_system_administrators_manage_staff(client, council) -> None:
    for name, user in council.users.items():
        client.force_login(user)
        allowed = user.role == Role.SYSTEM_ADMINISTRATOR
        assert client.get("/accounts/staff/").status_code == (200 if allowed else 403), name
        if not allowed:
            role = user.role
            response = client.post(
                f"/accounts/staff/{user.pk}/",
                {"role": Role.SYSTEM_ADMINISTRATOR, "reason": "I would like to manage staff"},
            )
            assert response.status_code == 403
            user.refresh_from_db()
            assert user.role == role


def test_nobody_changes_their_own_role_on_the_staff_page(sysadmin, council) -> None:
    me = council.users["system_administrator"]
    page = sysadmin.get(f"/accounts/staff/{me.pk}/").content.decode()
    assert "You cannot change your own role" in page and 'name="role"' not in page
    response = sysadmin.post(
        f"/accounts/staff/{me.pk}/",
        {"role": Role.SERVICE_MANAGER, "teams": [council.team_a.pk], "reason": "Covering"},
    )
    assert response.status_code == 403
    me.refresh_from_db()
    assert me.role == Role.SYSTEM_ADMINISTRATOR and not me.teams.exists()
    refused = _entry(action=AuditAction.DENIED, object_id=str(me.pk))
    assert refused.username == me.username
    assert (
        sysadmin.post(f"/accounts/staff/{me.pk}/deactivate/", {"reason": "Leaving"}).status_code
        == 403
    )


def test_adding_a_member_of_staff_is_audited_with_who_and_why(sysadmin, council) -> None:
    response = sysadmin.post(
        "/accounts/staff/add/",
        {
            "username": "new-sw",
            "first_name": "Nia",
            "last_name": "Brookfell",
            "email": "nia@example.org",
            "role": Role.SOCIAL_WORKER,
            "teams": [council.team_a.pk],
            "password": FIRST_PASSWORD,
            "reason": "Starter in Children in Care 1, requested by the team manager",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="new-sw")
    assert user.role == Role.SOCIAL_WORKER and list(user.teams.all()) == [council.team_a]
    assert user.check_password(FIRST_PASSWORD) and not user.is_staff and not user.is_superuser
    entry = _entry(action=AuditAction.CREATE, object_id=str(user.pk))
    assert entry.username == "system-administrator"
    assert entry.reason == "Starter in Children in Care 1, requested by the team manager"
    assert entry.after["role"] == "social_worker" and entry.after["teams"] == ["Team A"]
    assert "password" not in entry.after


def test_changing_a_role_and_teams_is_audited_before_and_after(sysadmin, council) -> None:
    worker = council.users["social_worker"]
    response = sysadmin.post(
        f"/accounts/staff/{worker.pk}/",
        {
            "role": Role.TEAM_MANAGER,
            "teams": [council.team_b.pk],
            "reason": "Promoted to manage Team B from 1 December",
        },
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.role == Role.TEAM_MANAGER and list(worker.teams.all()) == [council.team_b]
    entry = _entry(action=AuditAction.CHANGE, object_id=str(worker.pk))
    assert entry.username == "system-administrator"
    assert entry.reason == "Promoted to manage Team B from 1 December"
    assert (entry.before["role"], entry.after["role"]) == ("social_worker", "team_manager")
    assert (entry.before["teams"], entry.after["teams"]) == (["Team A"], ["Team B"])


def test_a_change_without_a_reason_changes_nothing(sysadmin, council) -> None:
    worker = council.users["social_worker"]
    response = sysadmin.post(
        f"/accounts/staff/{worker.pk}/", {"role": Role.SERVICE_MANAGER, "reason": " "}
    )
    assert response.status_code == 200
    assert "Enter the reason for the change" in response.content.decode()
    worker.refresh_from_db()
    assert worker.role == Role.SOCIAL_WORKER and list(worker.teams.all()) == [council.team_a]
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


def test_deactivating_and_reactivating_are_audited(sysadmin, council, client) -> None:
    worker = council.users["colleague"]
    assert (
        sysadmin.post(
            f"/accounts/staff/{worker.pk}/deactivate/",
            {"reason": "Left the council on 20 November"},
        ).status_code
        == 302
    )
    worker.refresh_from_db()
    assert not worker.is_active
    entry = _entry(action=AuditAction.CHANGE, object_id=str(worker.pk))
    assert entry.reason == "Left the council on 20 November"
    assert (entry.before["is_active"], entry.after["is_active"]) == (True, False)
    assert (
        sysadmin.post(
            f"/accounts/staff/{worker.pk}/reactivate/", {"reason": "Returned from secondment"}
        ).status_code
        == 302
    )
    worker.refresh_from_db()
    assert worker.is_active
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_id=str(worker.pk), reason="Returned from secondment"
    ).exists()


def test_adding_a_team_is_audited(sysadmin) -> None:
    response = sysadmin.post(
        "/accounts/staff/teams/add/",
        {"name": "Children in Care 3", "service": "Children in Care", "reason": "Restructure"},
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Children in Care 3")
    entry = _entry(action=AuditAction.CREATE, object_id=str(team.pk))
    assert entry.username == "system-administrator" and entry.reason == "Restructure"
    assert entry.after == {"name": "Children in Care 3", "service": "Children in Care"}


def test_a_duplicate_team_is_refused_on_its_field(sysadmin, council) -> None:
    response = sysadmin.post(
        "/accounts/staff/teams/add/", {"name": "Team A", "service": "", "reason": "Again"}
    )
    assert response.status_code == 200
    assert "Team with this Name already exists" in response.content.decode()
    assert Team.objects.filter(name="Team A").count() == 1


def test_the_staff_list_shows_everyone_with_their_role_and_teams(sysadmin, council) -> None:
    page = sysadmin.get("/accounts/staff/").content.decode()
    assert "sw-a" in page and "Team A" in page and "Independent reviewing officer" in page
    me = council.users["system_administrator"]
    assert f"/accounts/staff/{me.pk}/" not in page  # no link to change oneself
