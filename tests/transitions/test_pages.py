"""Issue 18 item 6, transitions: the plan for the move into the permanent home (introductions,
dates, who does what, reviewed: Devon Permanence Matters, 'Guiding Principles'), and pathway
planning from 16 with its reviews (Care Leavers (England) Regulations 2010 reg 7, check), the
handover to adult services and later life links (Dudley Permanence Strategy)."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.timescales.models import Expectation
from homeward.transitions.models import MovePlan, MoveTask
from tests.family.factories import today
from tests.transitions.matrix import move_plan_for

D = dt.date
DAY = dt.timedelta(days=1)


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


def url(child, suffix: str = "") -> str:
    return f"/children/{child.child_id}/transitions/{suffix}"


def plan_post(start: dt.date, **extra: str) -> dict[str, str]:
    data = {
        "moving_to": "Mr and Mrs Hartley",
        **date_fields("introductions_start", start),
        **date_fields("introductions_end", start + 9 * DAY),
        **date_fields("move_on", start + 10 * DAY),
        **date_fields("review_on", start + 4 * DAY),
        "explaining_to_child": "With the story book, and photos of the Hartleys' home.",
    }
    data.update(extra)
    return data


def test_planning_the_move_then_who_does_what_then_the_review(sw, council) -> None:
    """Devon 'Guiding Principles': a support plan for the transition, worked out together."""
    ava = council.child_a
    start = today() + 3 * DAY
    response = sw.post(url(ava, "move/add/"), plan_post(start))
    assert response.status_code == 302
    plan = MovePlan.objects.get(child=ava)
    assert response["Location"] == url(ava, f"move/{plan.pk}/")
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, child_id=ava.child_id).exists()

    response = sw.post(
        url(ava, f"move/{plan.pk}/tasks/add/"),
        {
            "what": "First visit with the foster carer",
            "who": "Jo Reed, foster carer",
            **date_fields("by_when", start),
        },
    )
    assert response.status_code == 302
    assert MoveTask.objects.get(plan=plan).who == "Jo Reed, foster carer"

    html = sw.get(url(ava, f"move/{plan.pk}/")).content.decode()
    assert "First visit with the foster carer" in html
    assert "Guiding Principles" in html
    assert "Upcoming" in html or "Due soon" in html

    response = sw.post(
        url(ava, f"move/{plan.pk}/review/"),
        {**date_fields("reviewed_on", today()), "review_notes": "Going well: move as planned."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.reviewed_on == today()
    html = sw.get(url(ava)).content.decode()
    assert "Moving to Mr and Mrs Hartley" in html and "Reviewed" in html


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"move_on": 5}, "The move must be on or after introductions end"),
        ({"review_on": 11}, "The review must be on or before the move"),
        ({"introductions_end": -2}, "The end of introductions must be on or after their start"),
    ],
)
def test_dates_out_of_order_are_refused_and_nothing_saved(
    sw, council, change, field_message
) -> None:
    start = today() + 3 * DAY
    ((field, days),) = change.items()
    response = sw.post(
        url(council.child_a, "move/add/"),
        plan_post(start, **date_fields(field, start + days * DAY)),
    )
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not MovePlan.objects.exists()


def test_each_missing_answer_is_named(sw, council) -> None:
    html = sw.post(url(council.child_a, "move/add/"), {"moving_to": ""}).content.decode()
    for message in (
        "Enter who the child is moving to",
        "Enter the date introductions start",
        "Enter the moving day",
        "Enter how the move is explained to the child",
    ):
        assert message in html


def test_a_review_needs_what_it_decided(sw, council) -> None:
    plan = move_plan_for(council.child_a)
    html = sw.post(
        url(council.child_a, f"move/{plan.pk}/review/"), date_fields("reviewed_on", today())
    ).content.decode()
    assert "Enter what the review decided" in html


def test_a_move_plan_of_another_child_is_not_found(sw, council) -> None:
    plan = move_plan_for(council.child_a2)
    assert sw.get(url(council.child_a, f"move/{plan.pk}/")).status_code == 404


def test_readers_see_the_plan_but_may_not_change_it(client, council) -> None:
    plan = move_plan_for(council.child_a)
    client.force_login(council.users["performance_analyst"])
    html = client.get(url(council.child_a, f"move/{plan.pk}/")).content.decode()
    assert "Moving to Mr and Mrs Hartley" in html and "Change the move plan" not in html
    assert client.post(url(council.child_a, f"move/{plan.pk}/review/"), {}).status_code == 403


def test_the_pathway_plan_deadline_shows_from_16(sw, council) -> None:
    """16 on 1 October 2026 and looked after since 26 August: the pathway plan is due 3 months
    after the 16th birthday, 1 January 2027 (Care Planning Regulations 2010 reg 42, check)."""
    ava = council.child_a
    ava.date_of_birth = D(2010, 10, 1)
    ava.save()
    row = Expectation.objects.get(child=ava, rule_id="pathway-plan")
    assert row.due == D(2027, 1, 1)
    html = sw.get(url(ava)).content.decode()
    assert "Needs assessment and pathway plan from 16" in html
    assert "1 January 2027" in html


def test_dudley_prompts_later_life_links_and_the_handover(sw, council, settings) -> None:
    """Dudley objective 8 (later life links, for young people without family links) and
    'Children in Care and Care Experienced Young People Service' (adult services): at 17, in
    care with no family time plan, both prompts show; not under Devon's profile."""
    ava = council.child_a
    ava.date_of_birth = D(2009, 6, 1)
    ava.save()
    html = sw.get(url(ava)).content.decode()
    assert "encourage a later life link" in html
    assert "handover to adult services" in html
    JourneyEvent.objects.create(
        child=ava, kind="later_life_link_made", date=today(), notes="A volunteer mentor"
    )
    assert "encourage a later life link" not in sw.get(url(ava)).content.decode()
    settings.HOMEWARD_COUNCIL = "devon"
    assert "Plan the handover to adult services" not in sw.get(url(ava)).content.decode()


def test_the_tab_reads_a_fixed_number_of_queries(
    sw, council, django_assert_max_num_queries
) -> None:
    ava = council.child_a
    plan = move_plan_for(ava)
    sw.get(url(ava))
    with django_assert_max_num_queries(40) as small:
        sw.get(url(ava))
    for n in range(5):
        extra = move_plan_for(ava, moving_to=f"Carers {n}")
        for k in range(3):
            MoveTask.objects.create(plan=extra, what=f"Visit {k}", who="SW", by_when=today())
    MoveTask.objects.create(plan=plan, what="Visit", who="SW", by_when=today())
    with django_assert_max_num_queries(len(small.captured_queries)):
        sw.get(url(ava))
