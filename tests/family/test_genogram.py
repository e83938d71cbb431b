"""The genogram on the Family tab: the records it is drawn from (people, relationships, where
exploring each as a carer stands), the forms that record them, who may see and change them, the
audit, and the demo's genograms.

Seeds: DU 002 'Family Group Conference/ Network meetings' (the genogram starts the family
network), 'Family or friends Placement' (genograms identify possible carers); DM 003 (the
permanence meeting reviews the genogram); DS 000 'Connected People's Fostering Team' (viability
and connected person assessments).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child, Person, PersonInChildsLife, Relationship
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.family import selectors
from homeward.family.models import CarerExploration, FamilyTie, NetworkMember, TieKind
from homeward.meetings.models import Meeting
from tests.factories import ChildFactory, PersonInChildsLifeFactory
from tests.family.factories import sibling_group

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


@pytest.fixture
def family(council):
    """child_a's mother (from the council), father, a grandparent and the mother's new partner's
    son, a half brother."""
    child = council.child_a
    mother = child.people.get(relationship=Relationship.MOTHER)
    father = PersonInChildsLifeFactory(
        child=child, relationship=Relationship.FATHER, person__first_name="Sam"
    )
    nan = PersonInChildsLifeFactory(
        child=child, relationship=Relationship.GRANDPARENT, person__first_name="Pat"
    )
    half = PersonInChildsLifeFactory(
        child=child, relationship=Relationship.HALF_SIBLING, person__first_name="Kai"
    )
    carer = PersonInChildsLifeFactory(
        child=child, relationship=Relationship.FOSTER_CARER, person__first_name="Fosterer"
    )
    return child, mother, father, nan, half, carer


def url(child: Child, suffix: str = "") -> str:
    return f"/children/{child.child_id}/family/{suffix}"


def svg_of(response) -> ET.Element:
    html = response.content.decode()
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return ET.fromstring(html[start:end])


def test_the_family_tab_draws_the_genogram_with_its_words_and_the_count(sw, family) -> None:
    child, mother, father, nan, half, carer = family
    response = sw.get(url(child))
    assert response.status_code == 200
    svg = svg_of(response)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    keys = {g.get("data-key") for g in svg.iter(f"{SVG}g") if g.get("data-key")}
    # The foster carer is on the record, not the genogram.
    assert keys == {"child", *(f"p{link.person_id}" for link in (mother, father, nan, half))}
    page = response.content.decode()
    # The grandparent is the only one of them to explore as a carer, and no one has yet.
    assert response.context["genogram"].not_yet_explored == 1
    assert "not yet explored as a carer" in page
    assert f"{mother.person.full_name} is a parent of {child.full_name}." in page


def test_a_social_worker_records_a_separation_and_a_half_brothers_parent(sw, family) -> None:
    child, mother, father, nan, half, carer = family
    response = sw.post(
        url(child, "genogram/relationships/add/"),
        {"person": mother.person_id, "kind": TieKind.SEPARATED, "other": father.person_id},
    )
    assert response.status_code == 302
    sw.post(
        url(child, "genogram/relationships/add/"),
        {"person": mother.person_id, "kind": TieKind.PARENT, "other": half.person_id},
    )
    assert FamilyTie.objects.filter(child=child).count() == 2
    plan = selectors.genogram_of(child)
    assert f"{mother.person.full_name} is separated from {father.person.full_name}." in plan.lines
    entry = AuditEntry.objects.filter(action=AuditAction.CREATE, child_id=child.child_id).last()
    assert entry is not None and "family relationship" in entry.summary
    # Drawn: the half brother hangs from his mother alone, the child from both parents.
    svg = svg_of(sw.get(url(child)))
    assert len([g for g in svg.iter(f"{SVG}g") if g.get("data-key")]) == 5


def test_a_relationship_refused_names_the_field_and_saves_nothing(sw, family) -> None:
    child, mother, father, nan, half, carer = family
    response = sw.post(
        url(child, "genogram/relationships/add/"),
        {"person": mother.person_id, "kind": TieKind.MARRIED, "other": ""},
    )
    assert response.status_code == 200
    assert "the child cannot be a partner" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    # Someone outside the child's network cannot be chosen.
    stranger = Person.objects.create(first_name="Stray", last_name="Nobody")
    response = sw.post(
        url(child, "genogram/relationships/add/"),
        {"person": stranger.pk, "kind": TieKind.PARENT, "other": ""},
    )
    assert response.status_code == 200
    assert not FamilyTie.objects.exists()


def test_the_same_partners_cannot_be_recorded_twice(sw, family) -> None:
    child, mother, father, *_ = family
    FamilyTie.objects.create(
        child=child, person=mother.person, other=father.person, kind=TieKind.MARRIED
    )
    response = sw.post(
        url(child, "genogram/relationships/add/"),
        {"person": father.person_id, "kind": TieKind.DIVORCED, "other": mother.person_id},
    )
    assert response.status_code == 200
    assert "already on the genogram" in response.content.decode()
    assert FamilyTie.objects.count() == 1


def test_where_exploring_a_grandparent_stands_is_recorded_and_audited(sw, family) -> None:
    child, mother, father, nan, half, carer = family
    page = url(child, f"genogram/people/{nan.pk}/")
    assert sw.get(page).status_code == 200
    response = sw.post(
        page,
        {
            "sex": "female",
            "exploration": CarerExploration.VIABILITY,
            "household": "Nan’s bungalow",
            "deceased": "",
        },
    )
    assert response.status_code == 302
    entry = NetworkMember.objects.get(link=nan)
    assert entry.exploration == CarerExploration.VIABILITY and entry.household == "Nan’s bungalow"
    assert selectors.genogram_of(child).not_yet_explored == 0
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, child_id=child.child_id, summary__contains="genogram entry"
    ).exists()


def test_recording_a_death_is_kept_on_the_person_and_audited(sw, family) -> None:
    child, mother, father, *_ = family
    sw.post(
        url(child, f"genogram/people/{father.pk}/"),
        {"sex": "male", "exploration": CarerExploration.NOT_A_CARER, "deceased": "on"},
    )
    father.person.refresh_from_db()
    assert father.person.is_deceased
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, child_id=child.child_id, summary__contains="person"
    ).exists()
    svg = svg_of(sw.get(url(child)))
    (dad,) = [g for g in svg.iter(f"{SVG}g") if g.get("data-key") == f"p{father.person_id}"]
    assert len(dad.findall(f"{SVG}line")) == 2  # the cross


def test_a_relationship_is_removed_and_the_removal_audited(sw, family) -> None:
    child, mother, father, *_ = family
    tie = FamilyTie.objects.create(
        child=child, person=mother.person, other=father.person, kind=TieKind.DIVORCED
    )
    page = url(child, f"genogram/relationships/{tie.pk}/remove/")
    assert sw.get(page).status_code == 200
    assert sw.post(page).status_code == 302
    assert not FamilyTie.objects.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, child_id=child.child_id, summary__contains="Removed"
    ).exists()


def test_another_childs_records_are_not_found_through_this_child(sw, council, family) -> None:
    child = family[0]
    other_link = council.child_b.people.first()
    tie = FamilyTie.objects.create(
        child=council.child_b, person=other_link.person, kind=TieKind.PARENT
    )
    assert sw.get(url(child, f"genogram/people/{other_link.pk}/")).status_code == 404
    assert sw.get(url(child, f"genogram/relationships/{tie.pk}/remove/")).status_code == 404


def test_those_who_may_see_read_and_only_those_who_work_the_case_change(client, council, family):
    child = family[0]
    client.force_login(council.users["performance_analyst"])
    assert client.get(url(child, "genogram/")).status_code == 200
    assert client.get(url(child, "genogram/relationships/add/")).status_code == 403
    page = client.get(url(child, "genogram/")).content.decode()
    assert "Add a relationship" not in page
    client.force_login(council.users["social_worker_other_team"])
    assert client.get(url(child, "genogram/")).status_code == 404
    viewed = AuditEntry.objects.filter(
        action=AuditAction.VIEW, child_id=child.child_id, summary="Viewed family: genogram"
    )
    assert viewed.exists()


def test_the_printable_genogram_has_the_picture_and_words_and_no_forms(sw, family) -> None:
    child = family[0]
    response = sw.get(url(child, "genogram/") + "?print=1")
    page = response.content.decode()
    assert response.status_code == 200
    assert svg_of(response).get("role") == "img"
    assert "The genogram in words" in page
    assert "Add a relationship" not in page


def test_the_genogram_page_query_count_does_not_grow(sw, family) -> None:
    child = family[0]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert sw.get(url(child, "genogram/")).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for _ in range(6):
        link = PersonInChildsLifeFactory(child=child, relationship=Relationship.AUNT_UNCLE)
        NetworkMember.objects.create(link=link, exploration=CarerExploration.RULED_OUT)
        FamilyTie.objects.create(child=child, person=link.person, kind=TieKind.PARENT)
    assert count() == small


@pytest.mark.parametrize("council_name", ["dudley", "durham", "devon"])
def test_every_demo_child_with_a_family_network_has_a_genogram_that_makes_sense(
    db, council_name
) -> None:
    build(profile_for(council_name), n_children=120, seed=2026, today=timezone.localdate())
    for tie in FamilyTie.objects.all():
        tie.full_clean()
    for entry in NetworkMember.objects.all():
        entry.full_clean()
    children = Child.objects.filter(pk__in=PersonInChildsLife.objects.values("child"))
    assert children.exists()
    kinds = set(FamilyTie.objects.values_list("kind", flat=True))
    assert {TieKind.SEPARATED, TieKind.PARENT} <= kinds
    assert NetworkMember.objects.filter(
        exploration=CarerExploration.VIABILITY,
        link__relationship=Relationship.GRANDPARENT,
    ).exists()
    assert Person.objects.filter(is_deceased=True, children__isnull=False).exists()
    for child in children:
        plan = selectors.genogram_of(child)
        ET.fromstring(plan.svg)  # drawn without error, and well-formed
        assert plan.lines


def test_the_permanence_meetings_genogram_question_links_to_it_with_the_count(sw, family) -> None:
    """DM 003: the meeting reviews the genogram "to ensure all friends and family have been
    explored"; its agenda links to the genogram and says how many are not yet explored."""
    child = family[0]
    meeting = Meeting.objects.create(
        child=child, type="ppm", status="planned", planned_on=timezone.localdate()
    )
    html = sw.get(f"/children/{child.child_id}/meetings/{meeting.pk}/").content.decode()
    assert f'href="/children/{child.child_id}/family/genogram/"' in html
    assert "(1 not yet explored as a carer)" in html


def test_brothers_and_sisters_with_their_own_records_are_drawn_under_their_shared_mother(
    council, family
) -> None:
    child, mother, *_ = family
    brother = ChildFactory(first_name="Leo", last_name=child.last_name, sex="1")
    PersonInChildsLife.objects.create(
        child=brother, person=mother.person, relationship=Relationship.MOTHER
    )
    sibling_group(child, brother)
    child.refresh_from_db()
    plan = selectors.genogram_of(child, council.users["service_manager"])
    assert f"{mother.person.full_name} is a parent of {brother.full_name}." in plan.lines
    # Without a viewer who may see him (a count of who is not yet explored), he is not named.
    unnamed = selectors.genogram_of(child, draw=False)
    assert f"{mother.person.full_name} is a parent of A brother or sister." in unnamed.lines
    assert not any(brother.full_name in line for line in unnamed.lines)
    svg = ET.fromstring(plan.svg)
    (leo,) = [g for g in svg.iter(f"{SVG}g") if g.get("data-key") == f"c{brother.pk}"]
    assert leo.find(f"{SVG}rect") is not None  # a boy: a square (1, the code before 2024-25)


@pytest.mark.parametrize(("code", "shape"), [("M", "rect"), ("F", "circle"), ("U", "polygon")])
def test_a_child_is_drawn_as_their_recorded_sex(council, family, code, shape) -> None:
    """Regression: only the retired codes 1 and 2 were read, so every child recorded with
    today's SSDA903 codes (M, F) was drawn as of unknown sex."""
    child = family[0]
    sister = ChildFactory(first_name="Mia", last_name=child.last_name, sex=code)
    sibling_group(child, sister)
    child.refresh_from_db()
    svg = ET.fromstring(selectors.genogram_of(child, council.users["service_manager"]).svg)
    (drawn,) = [g for g in svg.iter(f"{SVG}g") if g.get("data-key") == f"c{sister.pk}"]
    assert drawn.find(f"{SVG}{shape}") is not None, code
