"""The Family and Voice tabs and their forms: what people see and record, what is refused (with
the message, and nothing saved), and who may change what.

Seeds (shared/seeds/): DS 000 Dudley Permanence Strategy; DU 002 Durham Early Permanence
Planning Strategy; DM 003 Dudley Child Permanence Meetings overview.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from homeward.audit.models import AuditAction, AuditEntry
from homeward.family import selectors
from homeward.family.models import (
    AdvocacyOffer,
    Complaint,
    FamilyTimePlan,
    FamilyTimeReview,
    LifeStoryWork,
    MemoryItem,
    SiblingIroConflict,
    SiblingPairDecision,
    VoiceEntry,
)
from tests.factories import AllocationFactory, ChildFactory
from tests.family.factories import FamilyTimePlanFactory, sibling_group, today

DAY = dt.timedelta(days=1)


def date_fields(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def govuk(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


@pytest.fixture
def siblings(council):
    """child_a (IRO: iro) with a brother reviewed by another IRO and a sister by the same one."""
    ava = council.child_a
    leo = ChildFactory(first_name="Leo", last_name=ava.last_name)
    mia = ChildFactory(first_name="Mia", last_name=ava.last_name)
    AllocationFactory(
        child=leo,
        social_worker=council.users["social_worker"],
        team=council.team_a,
        iro=council.users["other_iro"],
    )
    AllocationFactory(
        child=mia,
        social_worker=council.users["social_worker"],
        team=council.team_a,
        iro=council.users["iro"],
    )
    sibling_group(ava, leo, mia, name="Ashcroft siblings")
    ava.refresh_from_db()
    return ava, leo, mia


def family_url(child, suffix: str = "") -> str:
    return f"/children/{child.child_id}/family/{suffix}"


def voice_url(child, suffix: str = "") -> str:
    return f"/children/{child.child_id}/voice/{suffix}"


# --- Siblings ----------------------------------------------------------------------------------


def test_the_family_tab_warns_when_siblings_have_different_iros(sw, siblings, council) -> None:
    """DS 'Independent Reviewing Service': "Unless there is a conflict of interest, a sibling
    group will have the same Independent Reviewing Officer"."""
    ava, leo, mia = siblings
    html = sw.get(family_url(ava)).content.decode()
    assert "Ashcroft siblings" in html
    assert "These brothers and sisters have different IROs" in html
    assert f"{council.users['other_iro']} reviews {leo.full_name}" in html
    assert "Independent Reviewing Service" in html  # the source, named
    assert "Record a conflict of interest" in html
    assert f"{leo.full_name} ({leo.child_id})" in html and mia.child_id in html


def test_a_recorded_conflict_of_interest_silences_the_warning(sw, siblings) -> None:
    """DS 'Independent Reviewing Service': the same IRO "unless there is a conflict of
    interest": recorded on the brother whose IRO differs, the warning goes."""
    ava, leo, _ = siblings
    response = sw.post(
        family_url(leo, "iro-conflict/"),
        {
            "reason": "The IRO reviewed the father's care as a child.",
            **date_fields("recorded_on", today()),
        },
    )
    assert response.status_code == 302
    assert SiblingIroConflict.objects.get(child=leo).withdrawn_on is None
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, child_id=leo.child_id).exists()
    html = sw.get(family_url(ava)).content.decode()
    assert "different IROs" not in html
    assert "IRO conflict of interest recorded" in sw.get(family_url(leo)).content.decode()


def test_no_warning_under_a_council_whose_procedures_do_not_ask_for_it(
    sw, siblings, settings
) -> None:
    """Only DS asks for one IRO per sibling group; under Durham's profile there is no warning."""
    settings.HOMEWARD_COUNCIL = "durham"
    assert "different IROs" not in sw.get(family_url(siblings[0])).content.decode()


def decision_post(**extra: str) -> dict[str, str]:
    data = {
        "placed": "together",
        "decision": "together",
        "reasons": "They are close; their carers can meet both children's needs.",
        "childrens_views": "Ava said she wants to stay with Leo.",
        "decided_by": "Child Permanence Meeting",
        **date_fields("decided_on", today() - 2 * DAY),
    }
    data.update(extra)
    return data


def test_recording_a_decision_shows_on_both_childrens_family_tabs(sw, siblings) -> None:
    """DU 'Sibling Assessment': for each pair, whether together or apart, and why."""
    ava, leo, _ = siblings
    response = sw.post(family_url(ava, f"siblings/{leo.child_id}/decision/"), decision_post())
    assert response.status_code == 302
    assert response["Location"] == family_url(ava) + "#siblings"
    recorded = SiblingPairDecision.objects.get()
    assert (recorded.decision, recorded.version) == ("together", 1)
    for child in (ava, leo):
        html = sw.get(family_url(child)).content.decode()
        assert "Place together" in html
        assert "their carers can meet both children" in html
        assert govuk(today() - 2 * DAY) in html


def test_a_second_decision_keeps_the_first_in_the_history(sw, siblings) -> None:
    """Homeward's rule: decisions are versioned; DS objective 9: apart, they spend time together."""
    ava, leo, _ = siblings
    url = family_url(ava, f"siblings/{leo.child_id}/decision/")
    sw.post(url, decision_post())
    assert "Place together" in sw.get(url).content.decode()  # the form starts from the current one
    apart = decision_post(
        placed="apart",
        decision="apart",
        assessed_by="Sibling assessor",
        reasons="Leo needs one-to-one care for now; weekly family time together.",
        **date_fields("assessment_on", today() - DAY),
        **date_fields("decided_on", today()),
    )
    assert sw.post(url, apart).status_code == 302
    assert list(
        SiblingPairDecision.objects.order_by("version").values_list("decision", flat=True)
    ) == ["together", "apart"]
    html = sw.get(family_url(ava)).content.decode()
    assert "Earlier decisions (1)" in html
    # Apart with no family time between them (DS objective 9, DU 'Sibling Assessment').
    assert "They live apart and there is no family time plan between them." in html


def test_placing_apart_without_the_assessment_is_refused_and_nothing_saved(sw, siblings) -> None:
    """DU 'Sibling Assessment': a together and apart assessment must inform the decision."""
    ava, leo, _ = siblings
    response = sw.post(
        family_url(ava, f"siblings/{leo.child_id}/decision/"),
        decision_post(placed="apart", decision="apart"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_assessment_on_0"' in html
    assert "a decision to place brothers and sisters apart must be informed by one" in html
    assert not SiblingPairDecision.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_a_decision_needs_an_answer_to_each_question(sw, siblings) -> None:
    """DU 'Sibling Assessment': where they live now and the decision (or not decided yet)."""
    ava, leo, _ = siblings
    html = sw.post(
        family_url(ava, f"siblings/{leo.child_id}/decision/"), {"reasons": ""}
    ).content.decode()
    assert 'href="#id_placed_1">Select whether they live together now' in html
    assert 'href="#id_decision_1">Select the decision, or that it is not decided yet' in html


def test_a_decision_for_a_child_outside_the_group_is_not_found(sw, siblings, council) -> None:
    """Homeward's safety rule: a pair decision is reached only for two children in one group."""
    ava = siblings[0]
    stranger = council.child_a2
    assert sw.get(family_url(ava, f"siblings/{stranger.child_id}/decision/")).status_code == 404
    assert sw.get(family_url(ava, f"siblings/{ava.child_id}/decision/")).status_code == 404


def test_a_child_in_no_group_is_told_so(sw, council) -> None:
    """Homeward's rule: the Family tab says when no sibling group is recorded for the child."""
    html = sw.get(family_url(council.child_a)).content.decode()
    assert "Not in a sibling group in Homeward" in html


# --- Family time -------------------------------------------------------------------------------


def plan_post(with_whom: str, **extra: str) -> dict[str, str]:
    data = {
        "with_whom": with_whom,
        "kind": "direct",
        "times": "2",
        "per": "month",
        "pattern": "",
        "supervision": "supervised",
        "supervised_by": "Family time worker",
        "venue": "Brookside family centre",
        "childs_view": "I want longer visits.",
        **date_fields("agreed_on", today() - 8 * DAY),
        **date_fields("start_date", today() - 5 * DAY),
        **date_fields("review_date", today() + 90 * DAY),
    }
    data.update(extra)
    return data


def test_adding_a_family_time_plan_records_who_how_often_and_the_childs_view(sw, council) -> None:
    """DU 'Family Time': "how contact will take place, who with, where and how frequently";
    DM: the permanence meeting considers the family time plan."""
    child = council.child_a
    mother = child.people.get()
    response = sw.post(family_url(child, "time/add/"), plan_post(f"person:{mother.pk}"))
    assert response.status_code == 302
    plan = FamilyTimePlan.objects.get(child=child)
    assert (plan.with_person, plan.frequency, plan.supervised_by) == (
        mother,
        "Twice a month",
        "Family time worker",
    )
    assert plan.recorded_by == council.users["social_worker"]
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="family time plan")
    assert entry.child_id == child.child_id and entry.after["times"] == 2
    html = sw.get(family_url(child)).content.decode()
    assert f"With {mother.person.full_name} (Mother)" in html
    assert "Twice a month" in html and "I want longer visits." in html
    assert govuk(today() + 90 * DAY) in html and "Upcoming" in html


def test_a_family_time_plan_with_no_frequency_is_refused_and_nothing_saved(sw, council) -> None:
    """Issue 6 bad input; DU 'Family Time': the agreement says how frequently."""
    child = council.child_a
    mother = child.people.get()
    response = sw.post(
        family_url(child, "time/add/"),
        plan_post(f"person:{mother.pk}", times="", per="", pattern=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Error: Add a family time plan" in html
    assert (
        'href="#id_times">Enter how often family time happens: a number of times and a period '
        "(for example, 2 times a month), or describe the pattern</a>"
    ) in html
    assert not FamilyTimePlan.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


@pytest.mark.parametrize(
    "extra,field,message",
    [
        ({"with_whom": ""}, "with_whom", "Select who the family time is with"),
        ({"kind": ""}, "kind_1", "Select whether family time is direct or indirect"),
        ({"times": "two"}, "times", "The number of times must be a number"),
        ({"per": ""}, "per", "Select the period"),
        ({"supervised_by": ""}, "supervised_by", "Enter who supervises the family time"),
        ({"venue": ""}, "venue", "Enter where direct family time takes place"),
    ],
)
def test_family_time_plan_bad_input_names_the_field(sw, council, extra, field, message) -> None:
    """DU 'Family Time': "how ..., who with, where and how frequently"; errors name the field."""
    child = council.child_a
    data = plan_post(f"person:{child.people.get().pk}")
    data.update(extra)
    html = sw.post(family_url(child, "time/add/"), data).content.decode()
    assert f'href="#id_{field}">{message}' in html
    assert not FamilyTimePlan.objects.exists()


def test_family_time_with_a_brother_or_sister_in_the_group(sw, siblings) -> None:
    """DU 'Sibling Assessment': "sibling family time should be promoted and maintained"."""
    ava, leo, _ = siblings
    form = sw.get(family_url(ava, "time/add/")).content.decode()
    assert f"sibling:{leo.pk}" in form
    data = plan_post(
        f"sibling:{leo.pk}",
        kind="indirect",
        venue="",
        supervision="unsupervised",
        supervised_by="",
        times="",
        per="",
        pattern="Video calls on Sundays",
    )
    assert sw.post(family_url(ava, "time/add/"), data).status_code == 302
    plan = FamilyTimePlan.objects.get()
    assert plan.with_sibling == leo and plan.frequency == "Video calls on Sundays"


def test_someone_elses_person_cannot_be_chosen(sw, council) -> None:
    """Homeward's safety rule: family time is with this child's own people, never another's."""
    other_link = council.child_b.people.get()
    html = sw.post(
        family_url(council.child_a, "time/add/"), plan_post(f"person:{other_link.pk}")
    ).content.decode()
    assert "Select a valid choice" in html
    assert not FamilyTimePlan.objects.exists()


def test_an_overdue_review_shows_as_overdue_and_a_review_moves_it_on(sw, council) -> None:
    """DU 'Family Time': reviewed regularly. The review date is a dated task (the engine's
    task_status): overdue once past; the review records the date it answered."""
    child = council.child_a
    plan = FamilyTimePlanFactory(
        child=child, start_date=today() - 100 * DAY, review_date=today() - 3 * DAY
    )
    tab = sw.get(family_url(child)).content.decode()
    assert "Overdue 3 days" in tab
    url = family_url(child, f"time/{plan.pk}/review/")
    response = sw.post(
        url,
        {
            **date_fields("reviewed_on", today()),
            "how_it_went": "Warm, settled visits.",
            "childs_view": "I like the centre.",
            "outcome": "continue",
            "changes": "",
            **date_fields("next_review_on", today() + 60 * DAY),
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.review_date == today() + 60 * DAY
    detail = sw.get(family_url(child, f"time/{plan.pk}/")).content.decode()
    assert f"Review on {govuk(today())}" in detail
    assert "3 days late" in detail
    assert "Warm, settled visits." in detail


def test_a_review_with_no_next_date_is_refused(sw, council) -> None:
    """DU 'Family Time': "reviewed regularly", so a review sets the next date; nothing saved."""
    child = council.child_a
    plan = FamilyTimePlanFactory(child=child)
    before = plan.review_date
    html = sw.post(
        family_url(child, f"time/{plan.pk}/review/"),
        {**date_fields("reviewed_on", today()), "outcome": "continue"},
    ).content.decode()
    assert 'href="#id_next_review_on_0">Enter the date of the next review' in html
    plan.refresh_from_db()
    assert plan.review_date == before and not FamilyTimeReview.objects.exists()


def test_a_looked_after_child_without_a_plan_is_flagged(sw, council) -> None:
    """DU 'Family Time': negotiated before placement. child_a's episode is open."""
    html = sw.get(family_url(council.child_a)).content.decode()
    assert "There is no current family time plan for this child." in html
    FamilyTimePlanFactory(child=council.child_a)
    assert "no current family time plan" not in sw.get(family_url(council.child_a)).content.decode()


def test_another_childs_plan_is_not_found_through_this_child(sw, council) -> None:
    """Homeward's safety rule: a plan is reached only through its own child's record."""
    plan = FamilyTimePlanFactory(child=council.child_b)
    for suffix in ("", "change/", "review/"):
        assert sw.get(family_url(council.child_a, f"time/{plan.pk}/{suffix}")).status_code == 404


def test_changing_a_plan_is_audited_with_before_and_after(sw, council) -> None:
    """Homeward's rule: every change is audited with before and after (homeward/audit)."""
    child = council.child_a
    plan = FamilyTimePlanFactory(child=child)
    data = plan_post(f"person:{plan.with_person_id}", times="1", per="week")
    data.update(date_fields("start_date", plan.start_date))
    assert sw.post(family_url(child, f"time/{plan.pk}/change/"), data).status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_type="family time plan")
    assert (entry.before["per"], entry.after["per"]) == ("month", "week")


def test_people_who_only_read_see_no_change_links(client, council, siblings) -> None:
    """Homeward's rule: read-only roles see no change links (homeward/accounts/access.py)."""
    client.force_login(council.users["performance_analyst"])
    ava = siblings[0]
    FamilyTimePlanFactory(child=ava)
    html = client.get(family_url(ava)).content.decode()
    assert "Record a decision" not in html and "Add a family time plan" not in html
    assert client.get(family_url(ava, "time/add/")).status_code == 403
    voice = client.get(voice_url(ava)).content.decode()
    assert "Add views, wishes and feelings" not in voice


# --- The Plan tab's family sections ------------------------------------------------------------


def test_the_plan_sections_fragment_summarises_siblings_and_family_time(siblings, council) -> None:
    """DM: the Child Permanence Meeting considers "sibling relationships and family time plan";
    the Plan tab shows both in summary with links to the Family tab."""
    ava, leo, _ = siblings
    FamilyTimePlanFactory(child=ava, review_date=today() + 5 * DAY)
    request = RequestFactory().get("/")
    request.user = council.users["social_worker"]
    context = {"child": ava, **selectors.plan_sections(ava, request.user)}
    html = render_to_string("family/_plan_sections.html", context, request=request)
    assert "Brothers and sisters" in html and leo.full_name in html
    assert "No decision recorded" in html
    assert "Direct, twice a month, supervised" in html
    assert "Due soon" in html
    assert f"/children/{ava.child_id}/family/" in html
    assert "different IROs" in html


# --- The child's voice -------------------------------------------------------------------------


def test_views_wishes_and_feelings_in_the_childs_own_words(sw, council) -> None:
    """DS objective 6: children's voices influence our actions; DM: the meeting identifies the
    child's views, wishes and feelings."""
    child = council.child_a
    response = sw.post(
        voice_url(child, "views/add/"),
        {
            **date_fields("date", today() - DAY),
            "how_gathered": "direct_work",
            "whose_words": "child",
            "topic": "family_time",
            "text": "I want to see Nan every week.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == voice_url(child) + "#views"
    entry = VoiceEntry.objects.get()
    assert entry.recorded_by == council.users["social_worker"]
    html = sw.get(voice_url(child)).content.decode()
    assert "I want to see Nan every week." in html
    assert f"In {child.full_name}’s own words" in html
    assert "Direct work: family time" in html


def test_views_recorded_by_someone_else_must_say_who(sw, council) -> None:
    """DS objective 6 (their voices influence our actions): someone else's account says whose."""
    html = sw.post(
        voice_url(council.child_a, "views/add/"),
        {
            **date_fields("date", today()),
            "how_gathered": "visit",
            "whose_words": "recorded",
            "text": "Happy at school",
        },
    ).content.decode()
    assert 'href="#id_words_of">Enter who recorded or observed the child&#x27;s views' in html
    assert not VoiceEntry.objects.exists()


def test_an_offer_of_an_advocate_and_an_independent_visitor(sw, council) -> None:
    """DU 'Child/ Young Person Participation': the opportunity for an advocate and an independent
    visitor, with the discussion recorded; DS objective 6: access to advocacy."""
    child = council.child_a
    before = sw.get(voice_url(child)).content.decode()
    assert "No offer of an advocate is recorded." in before
    assert "No offer of an independent visitor is recorded." in before
    for service, taken_up, provider in (
        ("advocate", "yes", "Children's Rights and Participation Team"),
        ("independent_visitor", "pending", ""),
    ):
        response = sw.post(
            voice_url(child, "advocacy/add/"),
            {
                "service": service,
                **date_fields("offered_on", today() - 3 * DAY),
                "offered_by": "Test Worker",
                "discussion": "Explained the role with the leaflet; they asked questions.",
                "taken_up": taken_up,
                "provider": provider,
            },
        )
        assert response.status_code == 302
    html = sw.get(voice_url(child)).content.decode()
    assert (
        "No offer of an advocate" not in html and "No offer of an independent visitor" not in html
    )
    assert "Children&#x27;s Rights and Participation Team" in html
    assert AdvocacyOffer.objects.count() == 2


def test_taking_up_an_offer_needs_the_advocate(sw, council) -> None:
    """DU 'Child/ Young Person Participation'; Homeward's rule: an offer taken up names who."""
    html = sw.post(
        voice_url(council.child_a, "advocacy/add/"),
        {
            "service": "advocate",
            **date_fields("offered_on", today()),
            "offered_by": "Test Worker",
            "discussion": "Explained.",
            "taken_up": "yes",
            "provider": "",
        },
    ).content.decode()
    assert 'href="#id_provider">Enter who the advocate or independent visitor is' in html
    assert not AdvocacyOffer.objects.exists()


def test_a_complaint_is_recorded_and_closed_with_what_we_did(sw, council) -> None:
    """DS objective 6: children know how to complain and give feedback "that we will act on"."""
    child = council.child_a
    add = {
        **date_fields("received_on", today() - 10 * DAY),
        "made_by": "child",
        "subject": "Not told about the move",
        "outcome": "",
        "action_taken": "",
    }
    assert sw.post(voice_url(child, "complaints/add/"), add).status_code == 302
    complaint = Complaint.objects.get()
    assert "Open" in sw.get(voice_url(child)).content.decode()
    closed = {
        **add,
        "outcome": "upheld",
        "action_taken": "Moves are now explained a week ahead.",
        **date_fields("closed_on", today()),
    }
    assert (
        sw.post(voice_url(child, f"complaints/{complaint.pk}/change/"), closed).status_code == 302
    )
    complaint.refresh_from_db()
    assert complaint.outcome == "upheld" and complaint.closed_on == today()
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_type="complaint")
    assert entry.before["outcome"] == "" and entry.after["outcome"] == "upheld"


def test_life_story_work_status_and_the_memory_record(sw, council) -> None:
    """DU 'Life story work'; DS objective 6: "keeping their memories recorded for them"."""
    child = council.child_a
    assert "Life story work has not started." in sw.get(voice_url(child)).content.decode()
    bad = sw.post(
        voice_url(child, "life-story/"),
        {"status": "in_progress", "worker": "", **date_fields("updated_on", today())},
    )
    assert 'href="#id_worker">Enter who is doing the life story work' in bad.content.decode()
    assert not LifeStoryWork.objects.exists()
    good = {
        "status": "in_progress",
        "worker": "Life story worker",
        "format": "Digital story",
        **date_fields("updated_on", today()),
    }
    assert sw.post(voice_url(child, "life-story/"), good).status_code == 302
    assert (
        sw.post(voice_url(child, "life-story/"), {**good, "status": "complete"}).status_code == 302
    )
    assert LifeStoryWork.objects.get().status == "complete"
    item = {
        "description": "First school photograph",
        **date_fields("received_on", today() - DAY),
        "given_by": "Nan",
        "where_kept": "Memory box at the foster home",
    }
    assert sw.post(voice_url(child, "memories/add/"), item).status_code == 302
    html = sw.get(voice_url(child)).content.decode()
    assert "First school photograph" in html and "Memory box at the foster home" in html
    assert "Complete" in html
    assert MemoryItem.objects.get().recorded_by == council.users["social_worker"]


def test_another_childs_voice_entry_is_not_found_through_this_child(sw, council) -> None:
    """Homeward's safety rule: a voice entry is reached only through its own child's record."""
    entry = VoiceEntry.objects.create(
        child=council.child_b, date=today(), how_gathered="visit", whose_words="child", text="x"
    )
    assert sw.get(voice_url(council.child_a, f"views/{entry.pk}/change/")).status_code == 404


def test_tabs_link_to_family_and_voice(sw, council) -> None:
    """Issue 6 parts 5 to 7: the child's record has Family and Voice tabs."""
    html = sw.get(council.child_a.get_absolute_url()).content.decode()
    assert f'href="/children/{council.child_a.child_id}/family/">Family</a>' in html
    assert f'href="/children/{council.child_a.child_id}/voice/">Voice</a>' in html
    tab = sw.get(voice_url(council.child_a)).content.decode()
    assert f'aria-current="page" href="/children/{council.child_a.child_id}/voice/"' in tab


def test_a_social_worker_puts_two_children_in_one_sibling_group(client, council) -> None:
    """DS objective 9 and DU 'Sibling Assessment': each child is considered on their own and as
    part of a sibling group, so Homeward needs them in one group; both files record the change."""
    from homeward.audit.models import AuditAction, AuditEntry

    child, sibling = council.child_a, council.child_a2
    client.force_login(council.users["social_worker"])
    url = f"/children/{child.child_id}/family/siblings/add/"
    response = client.post(url, {"sibling_id": sibling.child_id})
    assert "Enter a working name for the new group" in response.content.decode()
    child.refresh_from_db()
    assert child.sibling_group_id is None  # nothing saved
    response = client.post(url, {"sibling_id": sibling.child_id, "group_name": "Brackenridge"})
    assert response.status_code == 302
    child.refresh_from_db()
    sibling.refresh_from_db()
    assert child.sibling_group_id == sibling.sibling_group_id is not None
    for c in (child, sibling):
        assert AuditEntry.objects.filter(
            action=AuditAction.CHANGE, child_id=c.child_id, summary__contains="Brackenridge"
        ).exists()
    html = client.get(f"/children/{child.child_id}/family/").content.decode()
    assert sibling.full_name in html


def test_a_child_the_user_cannot_see_cannot_be_added_and_is_not_revealed(client, council) -> None:
    """Homeward's safety rule (need-to-know): a child you cannot see is not added or revealed."""
    client.force_login(council.users["social_worker"])
    url = f"/children/{council.child_a.child_id}/family/siblings/add/"
    other = client.post(url, {"sibling_id": council.child_b.child_id, "group_name": "X"})
    missing = client.post(url, {"sibling_id": "NOSUCH", "group_name": "X"})
    assert f"There is no child with the ID {council.child_b.child_id} that you can see" in (
        other.content.decode()
    )
    assert "There is no child with the ID NOSUCH that you can see" in missing.content.decode()
    council.child_b.refresh_from_db()
    assert council.child_b.sibling_group_id is None
