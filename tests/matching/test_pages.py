"""The carers register's pages: who may see and change them (homeward/accounts/access.py), the
audit entry for every page that shows a household, the methods each page handles, the forms'
errors, and a list whose query count does not grow with the register."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.domain import carers as domain
from homeward.matching.models import Carer
from tests.accounts.test_access_matrix import MAY_VIEW
from tests.matching.factories import CarerFactory

# Who may see the register, and who may change it (issue 15 item 1; access.can_see_carers).
MAY_SEE = {
    role: role in {"family_finder", "service_manager", "panel_administrator"}
    or role.startswith("team_manager")
    for role in MAY_VIEW
}
MAY_CHANGE = {role: role in {"family_finder", "service_manager"} for role in MAY_VIEW}
# Pages that show a household (the add form, the import and its template show none).
SHOWS_HOUSEHOLDS = {
    "matching:carers",
    "matching:carer",
    "matching:change-carer",
    "matching:change-status",
}
METHODS = ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "POST")


def register_urls(carer: Carer) -> dict[str, tuple[str, dict[str, bool], set[str]]]:
    """URL name -> (path, who may use it, the methods it handles)."""
    form = {"GET", "HEAD", "POST"}
    page = {"GET", "HEAD"}
    return {
        "matching:carers": ("/carers/", MAY_SEE, page),
        "matching:carer": (f"/carers/{carer.pk}/", MAY_SEE, page),
        "matching:add-carer": ("/carers/add/", MAY_CHANGE, form),
        "matching:change-carer": (f"/carers/{carer.pk}/change/", MAY_CHANGE, form),
        "matching:change-status": (f"/carers/{carer.pk}/status/", MAY_CHANGE, form),
        "matching:import-carers": ("/carers/import/", MAY_CHANGE, form),
        "matching:import-template": ("/carers/import/template.csv", MAY_CHANGE, page),
    }


def test_every_register_url_is_in_the_matrix() -> None:
    from tests.test_urls import URL_PATTERNS

    # The pages about a child are in tests/accounts/test_access_matrix.py.
    # Family finding's pages (branch routes) are a child's, in the child access matrix
    # (tests/accounts/test_access_matrix.py), and the worklist (tests/matching/test_worklist.py).
    ours = {
        name
        for name, pattern in URL_PATTERNS
        if name.startswith("matching:")
        and "child_id" not in pattern.pattern.converters
        and name != "matching:worklist"
    }
    assert ours == set(register_urls(Carer(pk=1)))


@pytest.mark.parametrize(
    "name",
    [
        "matching:carers",
        "matching:carer",
        "matching:add-carer",
        "matching:change-carer",
        "matching:change-status",
        "matching:import-carers",
        "matching:import-template",
    ],
)
def test_access_matrix(client, council, name) -> None:
    """Every role, every method: a 405 naming the methods the page handles, or the role's
    answer (the page, or a 403 audited as a refusal, with no household's details)."""
    carer = CarerFactory(display_name="Dawn and Wayne")
    url, allowed, methods = register_urls(carer)[name]
    for role in sorted(MAY_VIEW):
        user = council.users[role]
        with transaction.atomic():
            client.force_login(user)
            entries = AuditEntry.objects.filter(username=user.username)
            for method in METHODS:
                where = f"{role} {method} {url}"
                before = set(entries.values_list("pk", flat=True))
                response = client.generic(method, url)
                new = entries.exclude(pk__in=before)
                if method not in methods:
                    assert response.status_code == 405, where
                    assert set(response["Allow"].replace(" ", "").split(",")) == methods, where
                    assert not new.exists(), where
                elif allowed[role]:
                    assert response.status_code in {200, 302}, f"{where}: {response.status_code}"
                    if response.status_code == 200 and name in SHOWS_HOUSEHOLDS:
                        assert new.exclude(action=AuditAction.DENIED).exists(), f"{where} unaudited"
                else:
                    assert response.status_code == 403, f"{where} must be refused"
                    assert "Dawn and Wayne" not in response.content.decode(), where
                    assert [e.action for e in new] == [AuditAction.DENIED], where
            transaction.set_rollback(True)


def test_signed_out_visitors_are_sent_to_sign_in(client, council) -> None:
    carer = CarerFactory()
    for url, _, _ in register_urls(carer).values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_family_finder_sees_the_register_and_a_social_worker_does_not(client, council) -> None:
    carer = CarerFactory(display_name="Priya and Imran", area="Kestrel Heath")
    client.force_login(council.users["family_finder"])
    html = client.get("/carers/").content.decode()
    assert "Priya and Imran" in html and "Kestrel Heath" in html
    assert ">Carers</a>" in html  # in the navigation
    client.force_login(council.users["social_worker"])
    response = client.get(f"/carers/{carer.pk}/")
    assert response.status_code == 403
    assert "Priya and Imran" not in response.content.decode()
    assert ">Carers</a>" not in client.get("/").content.decode()


def test_an_unknown_household_is_404_for_those_who_may_see_the_register(client, council) -> None:
    client.force_login(council.users["family_finder"])
    assert client.get("/carers/999999/").status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, summary="No carer 999999").exists()
    # Those who may not see the register are refused before any household is looked up.
    client.force_login(council.users["iro"])
    assert client.get("/carers/999999/").status_code == 403


def test_viewing_a_household_is_audited_with_who_and_which(client, council) -> None:
    carer = CarerFactory()
    user = council.users["panel_administrator"]
    client.force_login(user)
    client.get(f"/carers/{carer.pk}/")
    client.head(f"/carers/{carer.pk}/")
    views = AuditEntry.objects.filter(
        action=AuditAction.VIEW, username=user.username, object_id=str(carer.pk)
    )
    assert views.count() == 2
    assert views.first().object_type == "carer"
    assert carer.reference in views.first().summary


def test_the_household_page_shows_its_terms_checklist_and_history(client, council) -> None:
    carer = CarerFactory(checklist={"behaviour": "high"}, agency="", siblings_accepted=True)
    client.force_login(council.users["team_manager"])
    html = client.get(f"/carers/{carer.pk}/").content.decode()
    assert "Behavioural needs" in html and "High" in html
    assert "In-house" in html
    assert "Change the details" not in html  # a team manager reads the register only


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_query_count_does_not_grow_with_the_register(client, council) -> None:
    client.force_login(council.users["family_finder"])
    CarerFactory.create_batch(3)
    small = queries_for(client, "/carers/")
    CarerFactory.create_batch(60)  # more than a page
    large = queries_for(client, "/carers/")
    filtered = queries_for(client, "/carers/?vacancy=yes&sort=area&order=desc&page=2")
    assert small == large == filtered


def test_the_household_page_query_count_does_not_grow_with_its_history(client, council) -> None:
    from homeward.accounts.actor import Actor
    from homeward.matching import services

    carer = CarerFactory(status="in_assessment")
    client.force_login(council.users["family_finder"])
    small = queries_for(client, f"/carers/{carer.pk}/")
    actor = Actor.working_as(council.users["family_finder"])
    for status in ("approved", "on_hold", "approved"):
        services.change_status(carer, status=status, on=carer.status_since, reason="", actor=actor)
    assert queries_for(client, f"/carers/{carer.pk}/") == small


def test_the_list_filters_and_sorts(client, council) -> None:
    CarerFactory(reference="R-0001", carer_type="ifa", agency="A", vacancies=0, area="Westerby")
    CarerFactory(reference="R-0002", status="on_hold", vacancies=0, area="Millbrook")
    CarerFactory(reference="R-0003", vacancies=2, area="Oakridge")
    client.force_login(council.users["service_manager"])

    def shown(query: str) -> list[str]:
        html = client.get(f"/carers/?{query}").content.decode()
        return [r for r in ("R-0001", "R-0002", "R-0003") if f">{r}</a>" in html]

    assert shown("carer_type=ifa") == ["R-0001"]
    assert shown("status=on_hold") == ["R-0002"]
    assert shown("area=Oakridge") == ["R-0003"]
    assert shown("vacancy=yes") == ["R-0003"]
    html = client.get("/carers/?sort=area").content.decode()
    assert html.index("R-0002") < html.index("R-0003") < html.index("R-0001")
    assert 'aria-sort="ascending"' in html


def checklist(level: str = "low") -> dict[str, str]:
    return {f"need_{key}": level for key in domain.NEED_KEYS}


ADD = {
    "reference": "R-0300",
    "display_name": "Kofi and Ama",
    "carer_type": "connected_person",
    "status": "in_assessment",
    "status_since_0": "2",
    "status_since_1": "11",
    "status_since_2": "2026",
    "children_approved": "2",
    "age_from": "0",
    "age_to": "10",
    "siblings_accepted": "on",
    "vacancies": "2",
    "area": "Fernby Green",
    **checklist(),
}


def test_adding_a_household_saves_it_with_its_checklist_and_audits_it(client, council) -> None:
    client.force_login(council.users["family_finder"])
    response = client.post("/carers/add/", ADD)
    carer = Carer.objects.get(reference="R-0300")
    assert response.status_code == 302 and response["Location"] == f"/carers/{carer.pk}/"
    assert carer.siblings_accepted and carer.status_since.isoformat() == "2026-11-02"
    assert set(carer.needs.values_list("level", flat=True)) == {"low"}
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(carer.pk))
    assert created.after["needs"]["behaviour"] == "low"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"reference": ""}, "Enter the reference"),
        ({"carer_type": ""}, "Select the type of carer"),
        ({"area": "DY5 3AB"}, "Area must be a locality or postcode district"),
        ({"age_from": "12", "age_to": "3"}, "the same as or more than the youngest"),
        ({"vacancies": "5"}, "Vacancies must be no more than"),
        ({"carer_type": "ifa"}, "Enter the agency&#x27;s name"),
        ({"need_behaviour": ""}, "Select the level of behavioural needs"),
        ({"status_since_1": "13"}, "Status since must be a real date"),
    ],
)
def test_the_add_form_names_each_field_in_error(client, council, changes, message) -> None:
    client.force_login(council.users["service_manager"])
    response = client.post("/carers/add/", {**ADD, **changes})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert not Carer.objects.exists()


def test_a_reference_already_on_the_register_is_refused_on_the_form(client, council) -> None:
    CarerFactory(reference="R-0300")
    client.force_login(council.users["family_finder"])
    html = client.post("/carers/add/", ADD).content.decode()
    assert "A carer with reference R-0300 is already on the register" in html


def test_changing_a_household_keeps_its_status_and_audits_before_and_after(client, council):
    carer = CarerFactory(status="on_hold", vacancies=0)
    client.force_login(council.users["family_finder"])
    data = {k: v for k, v in ADD.items() if not k.startswith("status")}
    data |= {"reference": carer.reference, "need_behaviour": "high"}
    response = client.post(f"/carers/{carer.pk}/change/", data)
    assert response.status_code == 302
    carer.refresh_from_db()
    assert carer.status == "on_hold" and carer.display_name == "Kofi and Ama"
    assert carer.needs.get(need="behaviour").level == "high"
    change = AuditEntry.objects.get(action=AuditAction.CHANGE, object_id=str(carer.pk))
    assert change.before["needs"]["behaviour"] == "medium"
    assert change.after["needs"]["behaviour"] == "high"


def test_the_form_again_after_a_refused_change_is_audited_as_a_view(client, council) -> None:
    carer = CarerFactory()
    client.force_login(council.users["family_finder"])
    response = client.post(f"/carers/{carer.pk}/change/", {"reference": ""})
    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW,
        object_id=str(carer.pk),
        summary__endswith="(the form again, not saved)",
    ).exists()


def test_a_change_of_status_is_dated_kept_in_the_history_and_audited(client, council) -> None:
    carer = CarerFactory(status="in_assessment")
    client.force_login(council.users["service_manager"])
    response = client.post(
        f"/carers/{carer.pk}/status/",
        {"status": "approved", "on_0": "20", "on_1": "11", "on_2": "2026", "reason": "Panel"},
    )
    assert response.status_code == 302
    carer.refresh_from_db()
    assert carer.status == "approved" and carer.status_since.isoformat() == "2026-11-20"
    assert carer.status_changes.get().reason == "Panel"
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_id=str(carer.pk))
    assert entry.before["status"] == "in_assessment" and entry.after["status"] == "approved"
    assert entry.reason == "Panel"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"status": "in_assessment", "on_0": "20", "on_1": "11", "on_2": "2026"}, "already"),
        ({"status": "approved", "on_0": "1", "on_1": "1", "on_2": "2027"}, "today or in the past"),
        ({"status": "approved", "on_0": "1", "on_1": "1", "on_2": "2020"}, "on or after"),
        ({"on_0": "20", "on_1": "11", "on_2": "2026"}, "Select the new status"),
    ],
)
def test_a_change_of_status_is_refused_with_a_reason(client, council, data, message) -> None:
    carer = CarerFactory(status="in_assessment")
    client.force_login(council.users["family_finder"])
    html = client.post(f"/carers/{carer.pk}/status/", data).content.decode()
    assert "There is a problem" in html and message in html
    carer.refresh_from_db()
    assert carer.status == "in_assessment" and not carer.status_changes.exists()
