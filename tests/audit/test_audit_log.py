"""The audit log: append-only, complete, and searchable by a service manager (issue 2 item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.audit.models import AppendOnly, AuditAction, AuditEntry
from homeward.audit.services import record
from tests.factories import PASSWORD


def test_viewing_a_childs_record_is_audited_with_who_what_and_address(client, council) -> None:
    client.force_login(council.users["social_worker"])
    client.get(council.child_a.get_absolute_url(), REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert entry.username == "sw-a"
    assert entry.child_id == council.child_a.child_id
    assert entry.ip_address == "10.1.2.3"
    assert entry.path == council.child_a.get_absolute_url()
    assert entry.at <= timezone.now()


def test_sign_in_failed_sign_in_and_sign_out_are_audited(client, council) -> None:
    client.post("/accounts/sign-in/", {"username": "sw-a", "password": "wrong"})
    client.post("/accounts/sign-in/", {"username": "sw-a", "password": PASSWORD})
    client.post("/accounts/sign-out/")
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "username"))
    assert actions == [
        (AuditAction.SIGN_IN_FAILED, "sw-a"),
        (AuditAction.SIGN_IN, "sw-a"),
        (AuditAction.SIGN_OUT, "sw-a"),
    ]


def test_an_audit_entry_cannot_be_changed_or_deleted_through_the_app(db) -> None:
    entry = record(AuditAction.VIEW, username="someone", child_id="C1")
    entry.summary = "tampered"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="tampered")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's"
)
def test_postgresql_refuses_raw_updates_and_deletes_of_the_audit_log(db) -> None:
    entry = record(AuditAction.VIEW, username="someone", child_id="C1")
    for sql in (
        "UPDATE audit_auditentry SET summary = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_offers_no_way_to_edit_the_audit_log() -> None:
    from django.contrib import admin

    assert AuditEntry not in admin.site._registry


@pytest.mark.parametrize(
    "role", ["social_worker", "team_manager", "iro", "performance_analyst", "system_administrator"]
)
def test_only_service_managers_may_search_the_audit_log(client, council, role) -> None:
    client.force_login(council.users[role])
    assert client.get("/audit/").status_code == 403


def test_a_service_manager_searches_by_child_user_and_date(client, council) -> None:
    record(AuditAction.VIEW, username="sw-a", child_id=council.child_a.child_id, summary="one")
    record(AuditAction.VIEW, username="sw-b", child_id=council.child_b.child_id, summary="two")
    client.force_login(council.users["service_manager"])
    html = client.get("/audit/", {"child_id": council.child_a.child_id}).content.decode()
    assert "sw-a" in html and "sw-b" not in html
    html = client.get("/audit/", {"username": "sw-b"}).content.decode()
    assert council.child_b.child_id in html and council.child_a.child_id not in html
    today = timezone.localdate()
    html = client.get(
        "/audit/", {"from": (today + dt.timedelta(days=1)).isoformat()}
    ).content.decode()
    assert "0 entries" in html
    html = client.get("/audit/", {"from": "2026-02-31"}).content.decode()
    assert "From date must be a real date" in html
    html = client.get("/audit/", {"from": "2026-03-02", "to": "2026-03-01"}).content.decode()
    assert "To date must be the same as or after the from date" in html


def test_the_audit_log_says_which_page_and_why_refused_in_words(client, council) -> None:
    """The audit log is read by people: "Viewed meetings: child meetings", "Refused: no need to
    know this child", not URL names and function names."""
    from homeward.audit.models import AuditAction, AuditEntry

    client.force_login(council.users["social_worker"])
    client.get(f"/children/{council.child_a.child_id}/meetings/")
    client.get(f"/children/{council.child_b.child_id}/")
    viewed = AuditEntry.objects.filter(action=AuditAction.VIEW).first()
    refused = AuditEntry.objects.filter(action=AuditAction.DENIED).first()
    assert viewed is not None and viewed.summary == "Viewed meetings: child meetings"
    assert refused is not None and refused.summary == "Refused: no need to know this child"


def test_the_audit_page_query_count_does_not_grow_with_entries(client, council) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/audit/").status_code == 200
        return len(ctx.captured_queries)

    client.force_login(council.users["service_manager"])
    record(AuditAction.VIEW, username="x")
    small = queries()
    for _ in range(30):
        record(AuditAction.VIEW, username="x")
    assert queries() == small


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for SQLite")
def test_granting_an_app_role_on_sqlite_says_roles_are_postgresqls(db) -> None:
    with pytest.raises(CommandError, match="PostgreSQL's: this database is sqlite"):
        call_command("grant_app_role", role="homeward_app")
