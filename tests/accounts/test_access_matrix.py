"""Need-to-know access, checked for every child-facing URL against every role.

The URLs are read from the URL configuration, so a new page that names a child is covered
without anyone remembering to add it here (issue 2, "An access matrix test").
"""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from homeward.audit.models import AuditAction, AuditEntry
from tests.documents.matrix import documents_url_values
from tests.family.matrix import family_url_values
from tests.legal.matrix import legal_url_values
from tests.matching.matrix import matching_url_values
from tests.meetings.matrix import meetings_url_values, page_text
from tests.planning.matrix import planning_url_values
from tests.quality.matrix import quality_url_values
from tests.transitions.matrix import transitions_url_values

# Who may see child_a (allocated to social_worker in team A, reviewed by iro), per the policy in
# homeward/accounts/access.py.
MAY_VIEW = {
    "social_worker": True,
    "colleague": True,  # same team
    "social_worker_other_team": False,
    "team_manager": True,
    "team_manager_other_team": False,
    "iro": True,
    "other_iro": False,
    "permanence_coordinator": True,
    "court_progression_manager": False,
    "panel_administrator": True,
    "family_finder": False,
    "service_manager": True,
    "performance_analyst": True,
    "system_administrator": False,
    # Their need to know is the sign-offs asked of their role; child_a has none.
    "strategic_manager": False,
    "agency_decision_maker": False,
}
# Pages that record on the child's file: not for those who only read (analyst, panel admin).
MAY_CHANGE = {
    **MAY_VIEW,
    "panel_administrator": False,
    "performance_analyst": False,
}

# Allocating a case: team managers (for their teams' children) and service managers.
MAY_ALLOCATE = {role: role in {"team_manager", "service_manager"} for role in MAY_VIEW}
EXPECTED_BY_URL = {
    "children:record": MAY_VIEW,
    "oversight:timescales": MAY_VIEW,
    "children:allocate": MAY_ALLOCATE,
    # homeward.family: the Family and Voice tabs and a family time plan are read by all with
    # access; their forms (the default, MAY_CHANGE) only by those who work the case.
    "family:family": MAY_VIEW,
    "family:family-time": MAY_VIEW,
    "family:voice": MAY_VIEW,
    "family:sibling-group": MAY_VIEW,  # its form (adopters-approached) is MAY_CHANGE
    "transitions:transitions": MAY_VIEW,  # the move plan's forms are MAY_CHANGE
    "transitions:move-plan": MAY_VIEW,
    "family:genogram": MAY_VIEW,  # its forms (genogram-person, the ties) are MAY_CHANGE
    # homeward.planning: the Plan tab is read by all with access; ruling an option out is
    # signed off by team managers (their teams' children) and service managers only (DS
    # objective 7); its other forms (the default, MAY_CHANGE) by those who work the case.
    "planning:plan": MAY_VIEW,
    "planning:rule-out": {role: role in {"team_manager", "service_manager"} for role in MAY_VIEW},
    # "My plan" for the child (issue 17 item 1): read by all with access; its sections written
    # and the plan shared by the child's social worker (theirs or their team's) and their team
    # manager (access.can_write_my_plan).
    "planning:my-plan": MAY_VIEW,
    "planning:my-plan-section": {
        role: role in {"social_worker", "colleague", "team_manager"} for role in MAY_VIEW
    },
    "planning:my-plan-share": {
        role: role in {"social_worker", "colleague", "team_manager"} for role in MAY_VIEW
    },
    # homeward.meetings: the Meetings tab, a meeting's record and its printable minutes are read
    # by all with access; a meeting is recorded by the role that chairs its type (the matrix's
    # meeting is a permanence planning meeting: the team manager, DM); IRO escalations by the
    # child's IRO or a service manager (DU 'Role of the IRO'). Planning, cancelling and
    # actions (the default, MAY_CHANGE) by those who work the case.
    "meetings:child-meetings": MAY_VIEW,
    "meetings:meeting": MAY_VIEW,
    "meetings:minutes": MAY_VIEW,
    "meetings:record": {role: role == "team_manager" for role in MAY_VIEW},
    "meetings:raise-escalation": {role: role in {"iro", "service_manager"} for role in MAY_VIEW},
    "meetings:escalation": {role: role in {"iro", "service_manager"} for role in MAY_VIEW},
    # homeward.documents: the Documents tab and a document's download are read by all with
    # access, as the record; uploading (the default, MAY_CHANGE) by those who work the case.
    "documents:documents": MAY_VIEW,
    "documents:download": MAY_VIEW,
    # homeward.panels: the child's early permanence panel tab is read by all with access;
    # referring is for those who refer (social worker, team manager, permanence coordinator,
    # court progression manager, service manager: DQ 'Achieving early permanence panel') and
    # may record on the file; the outcome for the panel's members who may record on it.
    "panels:child": MAY_VIEW,
    "panels:refer": {
        role: MAY_CHANGE[role]
        and role not in {"iro", "other_iro", "family_finder", "system_administrator"}
        for role in MAY_VIEW
    },
    # Moving or withdrawing a waiting referral: those who refer, and the panel administrator,
    # who keeps the panel's list (issue 13: a changed panel day must not strand referrals).
    "panels:move": {
        role: (MAY_CHANGE[role] and role not in {"iro", "other_iro", "family_finder"})
        or role == "panel_administrator"
        for role in MAY_VIEW
    },
    "panels:withdraw": {
        role: (MAY_CHANGE[role] and role not in {"iro", "other_iro", "family_finder"})
        or role == "panel_administrator"
        for role in MAY_VIEW
    },
    "panels:outcome": {
        role: MAY_CHANGE[role]
        and role in {"team_manager", "permanence_coordinator", "service_manager"}
        for role in MAY_VIEW
    },
    # homeward.matching (issue 15 item 4): the Matching tab is read by all with access; the
    # profile and decisions (the default, MAY_CHANGE) by those who work the case and the family
    # finder allocated to the child (access.can_decide_match; tests/matching/test_ranking.py).
    "matching:child": MAY_VIEW,
    # homeward.matching, family finding (issue 15 items 2 and 3): the child's route and the safe
    # pen picture are read by all with access; the route is chosen by those who hold the case,
    # the family finder and service managers, not the IRO; a step is recorded only by the role
    # the route names (the matrix's step, the pen picture, by the social worker), and the pen
    # picture is written by the social worker and sent by them or the family finder (who is not
    # allocated to the matrix's child).
    "matching:family-finding": MAY_VIEW,
    "matching:pen-picture-safe": MAY_VIEW,
    "matching:choose-route": {
        role: MAY_CHANGE[role] and role not in {"iro", "other_iro"} for role in MAY_VIEW
    },
    "matching:record-step": {role: role in {"social_worker", "colleague"} for role in MAY_VIEW},
    # Removing a step to correct it (issue 15 item 6): the step's role, as recording it.
    "matching:remove-step": {role: role in {"social_worker", "colleague"} for role in MAY_VIEW},
    "matching:pen-picture": {role: role in {"social_worker", "colleague"} for role in MAY_VIEW},
    "matching:send-pen-picture": {
        role: role in {"social_worker", "colleague"} for role in MAY_VIEW
    },
    # The permanence bundle (issue 15 item 5): its documents kept by the social worker and the
    # family finder (not allocated to the matrix's child); the override by a team or service
    # manager (access.can_work_on_bundle, can_override_bundle).
    "matching:bundle-item": {role: role in {"social_worker", "colleague"} for role in MAY_VIEW},
    "matching:bundle-file": {role: role in {"social_worker", "colleague"} for role in MAY_VIEW},
    "matching:bundle-override": {
        role: role in {"team_manager", "service_manager"} for role in MAY_VIEW
    },
    # Sign-offs (issue 18 item 1): asked for by those who hold and manage the case, the
    # permanence coordinator and the court progression manager (access.can_request_sign_off);
    # decided only by the role it was asked of: the matrix's sign-off is Dudley's placement with
    # parents, asked of the agency decision maker (000 'Specialist Assessments'), whose need to
    # know it gives (tests/planning/matrix.py).
    "planning:request-sign-off": {
        role: MAY_CHANGE[role]
        and role not in {"iro", "other_iro", "family_finder", "system_administrator"}
        for role in MAY_VIEW
    },
    "planning:decide-sign-off": {role: role == "agency_decision_maker" for role in MAY_VIEW},
    # Case audits (issue 18 item 9; Dudley strategy 'Quality and Audit'): read by all with
    # access; recorded by team managers (their teams' children) and service managers (check);
    # an action marked done by those who work the case (the default, MAY_CHANGE).
    "quality:case-audits": MAY_VIEW,
    "quality:add-case-audit": MAY_ALLOCATE,
    # Expectations agreed with placement providers (DS 'Home Linking Team'), edge-of-care
    # interventions and advice on permanence options: read by all with access, recorded by
    # those who work the case (the default, MAY_CHANGE).
    "quality:provider-expectations": MAY_VIEW,
    "quality:edge-of-care": MAY_VIEW,
    "quality:permanence-advice": MAY_VIEW,
    # homeward.legal (issue 18 items 4 and 7): the Legal and After the order tabs are read by
    # all with access; pre-proceedings, court filings and family members' legal consultations
    # recorded by the social worker, managers and the court progression manager (not allocated
    # to the matrix's child: access.can_record_legal_process); support plans and their reviews
    # by the social worker and managers (access.can_record_support_plan).
    "legal:legal": MAY_VIEW,
    "legal:support": MAY_VIEW,
    **{
        f"legal:{name}": {
            role: role in {"social_worker", "colleague", "team_manager", "service_manager"}
            for role in MAY_VIEW
        }
        for name in (
            "add-step",
            "add-filing",
            "change-filing",
            "add-consultation",
            "add-support-plan",
            "add-review",
        )
    },
}


def child_url_patterns() -> list[tuple[str, list[str], object]]:
    """(namespaced name, URL parameter names, view) for every URL with a <child_id>."""
    found: list[tuple[str, list[str], object]] = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or ""
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(pattern, URLPattern):
                params = list(pattern.pattern.converters)
                if "child_id" in params:
                    found.append((f"{namespace}{pattern.name}", params, pattern.callback))

    walk(get_resolver().url_patterns)
    return found


CHILD_URLS = child_url_patterns()


def url_for(name: str, params: list[str], council) -> str:
    child = council.child_a
    values = {
        "child_id": child.child_id,
        "episode_id": child.episodes.first().pk,
        "event_id": child.events.first().pk,
        "link_id": child.people.first().pk,
    }
    values.update(family_url_values(child, params))  # homeward.family's records, on demand
    values.update(planning_url_values(child, params))  # homeward.planning's, likewise
    values.update(meetings_url_values(child, params))  # homeward.meetings', likewise
    values.update(documents_url_values(child, params))  # homeward.documents', likewise
    values.update(matching_url_values(child, params))  # family finding's route, likewise
    values.update(quality_url_values(child, params))  # homeward.quality's case audits, likewise
    values.update(transitions_url_values(child, params))  # a move plan, likewise
    values.update(legal_url_values(child, params))  # homeward.legal's, likewise
    missing = [p for p in params if p not in values]
    assert not missing, f"{name}: teach the access matrix test the URL parameter(s) {missing}"
    return reverse(name, kwargs={p: values[p] for p in params})


def test_the_url_configuration_has_child_pages() -> None:
    names = {name for name, _, _ in CHILD_URLS}
    assert {"children:record", "children:add-event", "children:change-person"} <= names


@pytest.mark.parametrize("name,params,view", CHILD_URLS, ids=[n for n, _, _ in CHILD_URLS])
def test_every_child_page_goes_through_the_guard(name, params, view) -> None:
    assert getattr(view, "is_child_view", False), f"{name} is not wrapped in child_view"


METHODS = ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "POST")


def refusal(role: str) -> int:
    """A role with no need to know the child gets what an unknown child ID gets (404: the URL
    does not say the child exists); one who may see the child but not do this, a 403."""
    return 403 if MAY_VIEW[role] else 404


@pytest.mark.parametrize("name,params,view", CHILD_URLS, ids=[n for n, _, _ in CHILD_URLS])
def test_access_matrix(client, council, name, params, view) -> None:
    """Every role, every method (issue 14): either a 405 naming the methods the page handles, or
    the need-to-know answer GET gets, with an audit entry whenever the child's details go back
    (a view, a download, the form again after a POST) and for every refusal. Each role's requests
    run in a savepoint rolled back after, so a POST that saves cannot change the next role's
    answer; POST goes last for the same reason."""
    url = url_for(name, params, council)
    child = council.child_a
    expected = EXPECTED_BY_URL.get(name, MAY_CHANGE)
    for role in sorted(MAY_VIEW):
        user = council.users[role]
        with transaction.atomic():
            client.force_login(user)
            entries = AuditEntry.objects.filter(child_id=child.child_id, username=user.username)
            for method in METHODS:  # POST last: it may save
                where = f"{role} {method} {url}"
                before = set(entries.values_list("pk", flat=True))
                response = client.generic(method, url)
                new = entries.exclude(pk__in=before)
                if response.status_code == 405:
                    allowed = {m.strip() for m in response["Allow"].split(",")}
                    assert method not in allowed and "GET" in allowed, where
                    assert child.last_name not in response.content.decode(), where
                    assert not new.exists(), where
                    assert method not in {"GET", "HEAD"}, f"{where}: a page answers GET and HEAD"
                elif expected[role]:
                    assert response.status_code in {200, 302}, f"{where}: {response.status_code}"
                    if response.status_code == 200:
                        if method != "HEAD":
                            assert child.last_name in page_text(response), where
                        assert new.exclude(action=AuditAction.DENIED).exists(), f"{where} unaudited"
                    else:  # a POST that saved: audited by its service, or went elsewhere
                        assert method == "POST", where
                else:
                    assert response.status_code == refusal(role), f"{where} must be refused"
                    assert child.last_name not in response.content.decode(), where
                    assert [e.action for e in new] == [AuditAction.DENIED], where
            transaction.set_rollback(True)


@pytest.mark.parametrize("name,params,view", CHILD_URLS, ids=[n for n, _, _ in CHILD_URLS])
def test_signed_out_visitors_are_sent_to_sign_in(client, council, name, params, view) -> None:
    response = client.get(url_for(name, params, council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


FORM_URLS = [u for u in CHILD_URLS if u[0] not in {"children:record", "oversight:timescales"}]


@pytest.mark.parametrize("name,params,view", FORM_URLS, ids=[n for n, _, _ in FORM_URLS])
def test_posting_to_a_child_page_without_access_is_refused_and_saves_nothing(
    client, council, name, params, view
) -> None:
    client.force_login(council.users["social_worker_other_team"])
    events = council.child_a.events.count()
    response = client.post(url_for(name, params, council), {"kind": "matched", "date_0": "1"})
    assert response.status_code in {404, 405}  # not for them; or a page that only shows
    assert council.child_a.events.count() == events


def test_an_unknown_child_id_is_404_and_audited(client, council) -> None:
    client.force_login(council.users["service_manager"])
    response = client.get("/children/NOSUCH/")
    assert response.status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, child_id="NOSUCH").exists()


LIST_EXPECTED = {
    "social_worker": {"child_a", "child_a2"},
    "colleague": {"child_a", "child_a2"},
    "social_worker_other_team": {"child_b"},
    "team_manager": {"child_a", "child_a2"},
    "team_manager_other_team": {"child_b"},
    "iro": {"child_a"},
    "other_iro": {"child_b"},
    "permanence_coordinator": {"child_a", "child_a2", "child_b"},
    "court_progression_manager": set(),
    "panel_administrator": {"child_a", "child_a2", "child_b"},
    "family_finder": set(),
    "service_manager": {"child_a", "child_a2", "child_b"},
    "performance_analyst": {"child_a", "child_a2", "child_b"},
    "system_administrator": set(),
    "strategic_manager": set(),
    "agency_decision_maker": set(),
}


@pytest.mark.parametrize("role", sorted(LIST_EXPECTED))
def test_the_children_list_shows_exactly_the_children_a_role_may_see(client, council, role) -> None:
    client.force_login(council.users[role])
    html = client.get("/?scope=all").content.decode()
    for key in ("child_a", "child_a2", "child_b"):
        child = getattr(council, key)
        assert (child.child_id in html) == (key in LIST_EXPECTED[role]), f"{role} / {key}"


@pytest.mark.parametrize("role", sorted(LIST_EXPECTED))
def test_search_never_finds_a_child_the_user_may_not_see(client, council, role) -> None:
    client.force_login(council.users[role])
    response = client.get("/search/", {"q": council.child_b.child_id}, follow=True)
    html = response.content.decode()
    assert (council.child_b.last_name in html) == ("child_b" in LIST_EXPECTED[role])


def test_an_ended_allocation_no_longer_gives_access(client, council) -> None:
    from django.utils import timezone

    allocation = council.child_a.allocations.get(ended_on__isnull=True)
    allocation.ended_on = timezone.localdate()
    allocation.save()
    client.force_login(council.users["social_worker"])
    assert client.get(council.child_a.get_absolute_url()).status_code == 404


def test_a_court_progression_manager_sees_the_children_in_the_legal_process(
    client, council
) -> None:
    """001 'Legal Gateway Panel': the court progression manager gives the social worker the date
    of the Achieving Early Permanence Panel, so they need to know the children in the legal
    process, and only those."""
    from tests.factories import JourneyEventFactory

    JourneyEventFactory(child=council.child_b, kind="plo_started")
    manager = council.users["court_progression_manager"]
    client.force_login(manager)
    html = client.get("/").content.decode()
    assert council.child_b.child_id in html
    assert council.child_a.child_id not in html
    assert client.get(f"/children/{council.child_b.child_id}/").status_code == 200
    assert client.get(f"/children/{council.child_a.child_id}/").status_code == 404


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def without_csrf_token(response) -> str:
    """The page, its CSRF token aside: Django masks the token afresh on every response, so two
    answers to the very same request differ there and nowhere else."""
    return CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())


@pytest.mark.parametrize(
    "role",
    ["social_worker_other_team", "other_iro", "court_progression_manager", "family_finder"],
)
@pytest.mark.parametrize(
    "name", ["children:record", "oversight:timescales", "planning:plan", "children:add-event"]
)
def test_a_child_not_yours_gets_the_same_answer_as_no_such_child(client, council, role, name):
    """A URL must not reveal that a child exists: the status and the page are the same for a
    child ID nobody has and for a child the user has no need to know; both are audited."""
    client.force_login(council.users[role])
    mine = reverse(name, args=[council.child_a.child_id])
    nobodys = reverse(name, args=["NOSUCH1"])
    not_yours, no_such = client.get(mine), client.get(nobodys)
    assert not_yours.status_code == no_such.status_code == 404
    assert without_csrf_token(not_yours) == without_csrf_token(no_such)
    assert council.child_a.child_id not in not_yours.content.decode()
    denied = AuditEntry.objects.filter(
        action=AuditAction.DENIED, username=council.users[role].username
    )
    assert set(denied.values_list("child_id", flat=True)) == {council.child_a.child_id, "NOSUCH1"}
