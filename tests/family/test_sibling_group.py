"""Issue 18 item 5, brothers and sisters: the together-or-apart decision due when adoption becomes
an option (Durham 'Sibling Assessment'), its factors, the sibling group page (every child's plan,
who waits on whom: Dudley objective 9) and a new baby's prompt to approach the adopters of their
adopted brothers and sisters (Dudley strategy, 'Adoption@Heart').

The council fixture's child_a (Ava) became looked after 90 days before the frozen day (Tuesday 24
November 2026): 26 August 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.planning import services as planning
from homeward.planning.models import PermanenceAchieved, PermanencePlan
from homeward.timescales.models import Expectation
from tests.factories import AllocationFactory, ChildFactory
from tests.family.factories import FamilyTimePlanFactory, sibling_group, today
from tests.planning.factories import PermanenceOptionFactory

D = dt.date


def date_fields(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


@pytest.fixture
def group(council):
    ava = council.child_a
    leo = ChildFactory(first_name="Leo", last_name=ava.last_name)
    AllocationFactory(child=leo, social_worker=council.users["social_worker"], team=council.team_a)
    sibling_group(ava, leo, name="Ashcroft siblings")
    ava.refresh_from_db()
    leo.refresh_from_db()
    return ava, leo


def group_url(child, suffix: str = "") -> str:
    return f"/children/{child.child_id}/family/group/{suffix}"


def decision_url(child, sibling) -> str:
    return f"/children/{child.child_id}/family/siblings/{sibling.child_id}/decision/"


def add_adoption(child, user) -> None:
    planning.add_option(child, kind="adoption", next_step="", reason="Agreed at the CPM", by=user)


def test_adoption_becoming_an_option_starts_the_durham_together_apart_clock(
    group, council, settings
) -> None:
    """Durham 'Sibling Assessment': where the plan is adoption, an early together-or-apart
    decision. Looked after 26 Aug 2026: the first review is due in 20 working days (31 Aug is
    a bank holiday), 24 Sep; adoption becomes an option on 24 Nov, so the next review is the
    second, 3 months after the first: due 24 Dec 2026."""
    settings.HOMEWARD_COUNCIL = "durham"
    ava, _ = group
    add_adoption(ava, council.users["social_worker"])
    event = JourneyEvent.objects.get(child=ava, kind="adoption_option_added")
    assert event.date == today()
    row = Expectation.objects.get(child=ava, rule_id="together-apart-decision")
    assert (row.due, row.state) == (D(2026, 12, 24), "open")


def test_no_together_apart_clock_under_dudley(group, council) -> None:
    """Dudley's strategy sets no timing for the decision (objective 9)."""
    ava, _ = group
    add_adoption(ava, council.users["social_worker"])
    assert not Expectation.objects.filter(child=ava, rule_id="together-apart-decision").exists()


def test_adoption_for_a_child_with_no_brothers_or_sisters_starts_nothing(council) -> None:
    add_adoption(council.child_a2, council.users["colleague"])
    assert not JourneyEvent.objects.filter(kind="adoption_option_added").exists()


def post_decision(sw, ava, leo, **extra):
    data = {
        "placed": "together",
        "decision": "together",
        "reasons": "They are close; their carers can meet both children's needs.",
        "decided_by": "Child Permanence Meeting",
        **date_fields("decided_on", today() - dt.timedelta(days=1)),
    }
    data.update(extra)
    return sw.post(decision_url(ava, leo), data)


def test_where_adoption_is_an_option_the_decision_records_the_factors(
    sw, group, council, settings
) -> None:
    """Durham 'Sibling Assessment': "whether the children have formed an attachment; the health
    needs of each child; and each child's view". Missing, each is named and nothing is saved."""
    settings.HOMEWARD_COUNCIL = "durham"
    ava, leo = group
    add_adoption(ava, council.users["social_worker"])
    response = post_decision(sw, ava, leo)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter whether the children have formed an attachment to each other" in html
    assert "Enter the health needs of each child" in html
    assert "Enter each child&#x27;s view" in html or "Enter each child’s view" in html
    assert not JourneyEvent.objects.filter(kind="together_apart_decided").exists()

    response = post_decision(
        sw,
        ava,
        leo,
        attachment="Leo seeks Ava out for comfort; a strong, secure bond.",
        health_needs="Ava: asthma, managed. Leo: none known.",
        childrens_views="Ava said she wants to live with Leo.",
    )
    assert response.status_code == 302
    decided = JourneyEvent.objects.filter(kind="together_apart_decided")
    assert {e.child_id for e in decided} == {ava.pk, leo.pk}
    row = Expectation.objects.get(child=ava, rule_id="together-apart-decision")
    assert row.state == "met_on_time"


def test_without_adoption_as_an_option_the_factors_are_not_asked_for(sw, group) -> None:
    ava, leo = group
    assert post_decision(sw, ava, leo).status_code == 302


def test_the_sibling_group_page_shows_every_childs_plan_and_who_waits(sw, group, council) -> None:
    """Dudley objective 9: the whole group's permanence must not be held up. Decided together,
    Ava has an agreed plan (adoption) and Leo none: Ava waits on Leo."""
    ava, leo = group
    post_decision(sw, ava, leo)
    option = PermanenceOptionFactory(child=ava, kind="adoption", status="preferred")
    PermanencePlan.objects.create(
        child=ava,
        version=1,
        preferred_option=option,
        legal_route="placement_order",
        support_plan="Adoption support",
        agreed_on=today() - dt.timedelta(days=10),
        agreed_by="Second Child in Care review",
    )
    PermanenceOptionFactory(child=leo, kind="long_term_fostering")
    response = sw.get(group_url(ava))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Every child’s plan" in html
    assert "Adoption" in html and "No agreed plan" in html
    assert f"On {leo.full_name} ({leo.child_id}), to be placed with them" in html
    assert "objective 9" in html
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, child_id=ava.child_id, path=group_url(ava)
    ).exists()


def _sibling_in_another_team(child, council):
    """Zara, in the child's sibling group, allocated to team B: the team A social worker may
    not see her."""
    hidden = ChildFactory(first_name="Zara", last_name="Unseen")
    AllocationFactory(
        child=hidden, social_worker=council.users["social_worker_other_team"], team=council.team_b
    )
    hidden.sibling_group_id = child.sibling_group_id
    hidden.save()
    return hidden


def test_a_brother_or_sister_the_user_may_not_see_is_not_revealed(sw, group, council) -> None:
    ava, _ = group
    hidden = _sibling_in_another_team(ava, council)
    html = sw.get(group_url(ava)).content.decode()
    assert "A brother or sister" in html
    assert "Zara" not in html and hidden.child_id not in html
    # Nor on the Family tab (its genogram, its warning that the group's IROs differ), the
    # genogram's own page or the Plan tab.
    for tab in ("family", "family/genogram", "plan"):
        html = sw.get(f"/children/{ava.child_id}/{tab}/").content.decode()
        assert "A brother or sister" in html, tab
        assert "Zara" not in html and hidden.child_id not in html, tab


def test_family_time_with_a_brother_or_sister_the_user_may_not_see_does_not_name_them(
    sw, group, council, client
) -> None:
    """Need-to-know: a family time plan with a sibling in another team's care names them only
    to those who may see them, on every page that shows the plan and in its form's choices."""
    ava, _ = group
    hidden = _sibling_in_another_team(ava, council)
    plan = FamilyTimePlanFactory(child=ava, with_sibling=hidden, with_person=None)
    base = f"/children/{ava.child_id}/family"
    for url in (
        f"{base}/",
        f"/children/{ava.child_id}/plan/",
        f"{base}/time/{plan.pk}/",
        f"{base}/time/{plan.pk}/review/",
        f"{base}/time/{plan.pk}/change/",
        f"{base}/time/add/",
    ):
        response = sw.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "Zara" not in html and hidden.child_id not in html, url
        assert "brother or sister" in html, url
    # Whoever may see both children sees the name.
    client.force_login(council.users["service_manager"])
    assert (
        "Zara Unseen (brother or sister)" in client.get(f"{base}/time/{plan.pk}/").content.decode()
    )


def test_the_page_reads_a_fixed_number_of_queries(
    sw, group, council, django_assert_max_num_queries
) -> None:
    ava, _ = group
    sw.get(group_url(ava))  # warm the session
    with django_assert_max_num_queries(30) as small:
        sw.get(group_url(ava))
    for n in range(6):
        more = ChildFactory(first_name=f"Kit{n}", last_name=ava.last_name)
        AllocationFactory(
            child=more, social_worker=council.users["social_worker"], team=council.team_a
        )
        more.sibling_group_id = ava.sibling_group_id
        more.save()
        PermanenceOptionFactory(child=more, kind="adoption")
    with django_assert_max_num_queries(len(small.captured_queries)):
        sw.get(group_url(ava))


@pytest.fixture
def baby_with_adopted_brother(council):
    """A baby born 3 months ago, whose brother was adopted last year."""
    baby = council.child_a
    baby.date_of_birth = today() - dt.timedelta(days=90)
    baby.save()
    brother = ChildFactory(first_name="Sam", last_name=baby.last_name)
    sibling_group(baby, brother, name="Ashcroft siblings")
    option = PermanenceOptionFactory(child=brother, kind="adoption", status="preferred")
    PermanenceAchieved.objects.create(
        child=brother, option=option, legal_route="adoption_order", achieved_on=D(2025, 6, 2)
    )
    baby.refresh_from_db()
    return baby, brother


def test_a_new_baby_prompts_an_approach_to_the_adopters_under_dudley(
    sw, baby_with_adopted_brother
) -> None:
    """Dudley strategy, 'Adoption@Heart': "Adoption@heart will approach adopters for new babies
    where siblings have already been adopted." Recorded, the prompt gives way to the record."""
    baby, brother = baby_with_adopted_brother
    html = sw.get(group_url(baby)).content.decode()
    assert f"{brother.full_name} was adopted: approach their adopters about this baby." in html
    assert "Adoption@Heart" in html
    response = sw.post(
        group_url(baby, "adopters-approached/"),
        {**date_fields("date", today()), "notes": "They would like to be considered."},
    )
    assert response.status_code == 302
    html = sw.get(group_url(baby)).content.decode()
    assert "approach their adopters" not in html
    assert "They would like to be considered." in html


def test_the_approach_needs_its_date(sw, baby_with_adopted_brother) -> None:
    baby, _ = baby_with_adopted_brother
    response = sw.post(group_url(baby, "adopters-approached/"), {"notes": "Phoned"})
    assert "Enter the date the adopters were approached" in response.content.decode()
    assert not JourneyEvent.objects.filter(kind="adopters_approached").exists()


def test_no_prompt_under_durham(sw, baby_with_adopted_brother, settings) -> None:
    settings.HOMEWARD_COUNCIL = "durham"
    baby, _ = baby_with_adopted_brother
    assert "approach their adopters" not in sw.get(group_url(baby)).content.decode()


def test_those_who_only_read_may_not_record_the_approach(
    client, council, baby_with_adopted_brother
) -> None:
    baby, _ = baby_with_adopted_brother
    client.force_login(council.users["performance_analyst"])
    assert client.get(group_url(baby)).status_code == 200
    assert "Record the approach" not in client.get(group_url(baby)).content.decode()
    assert client.post(group_url(baby, "adopters-approached/"), {}).status_code == 403
