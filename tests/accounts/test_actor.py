"""Services take an Actor, not an HttpRequest: the audit entry they write is the one the
request would have written."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record

FIELDS = ("user_id", "username", "action", "child_id", "summary", "method", "path", "ip_address")


def _request(user, **extra):
    request = RequestFactory().post("/children/A1/change/?from=record", **extra)
    request.user = user
    return request


def test_actor_from_request(council, settings):
    settings.HOMEWARD_COUNCIL = "dudley"
    worker = council.users["social_worker"]
    actor = Actor.from_request(_request(worker, REMOTE_ADDR="10.0.0.7"))
    assert actor == Actor(
        user=worker,
        role="social_worker",
        council="dudley",
        address="10.0.0.7",
        method="POST",
        path="/children/A1/change/?from=record",
    )


def test_actor_behind_a_trusted_proxy(council, settings):
    settings.HOMEWARD_TRUST_X_FORWARDED_FOR = True
    request = _request(
        council.users["iro"], REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1"
    )
    assert Actor.from_request(request).address == "203.0.113.9"


def test_anonymous_request_has_no_user(db):
    actor = Actor.from_request(_request(AnonymousUser()))
    assert (actor.user, actor.role) == (None, "")


def test_audit_entry_from_actor_is_the_one_from_the_request(council):
    request = _request(council.users["team_manager"], REMOTE_ADDR="10.0.0.7")
    by_request = record(AuditAction.CHANGE, request=request, child_id="A1", summary="Changed")
    by_actor = record(
        AuditAction.CHANGE, actor=Actor.from_request(request), child_id="A1", summary="Changed"
    )
    assert [getattr(by_actor, f) for f in FIELDS] == [getattr(by_request, f) for f in FIELDS]
    assert by_actor.username == "tm-a"


def test_working_as_outside_a_request(council):
    entry = record(AuditAction.CHANGE, actor=Actor.working_as(council.users["iro"]), summary="x")
    assert (entry.username, entry.method, entry.path, entry.ip_address) == ("iro", "", "", None)
