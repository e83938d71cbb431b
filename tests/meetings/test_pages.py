"""The meetings pages (issue 5 item 6): a child's meetings at /children/<child id>/meetings/,
the chair's record form with its GOV.UK errors, each meeting's record, actions on "My work",
and constant query counts. The test council runs under Dudley's profile."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.meetings import services
from homeward.meetings.models import Action, Meeting
from homeward.meetings.services import ActionIn, AttendeeIn
from homeward.timescales.selectors import for_child
from tests.clock import TODAY
from tests.factories import AllocationFactory, ChildFactory, JourneyEventFactory, UserFactory
from tests.meetings.helpers import management, record_data, record_post


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def url(child, suffix: str = "") -> str:
    return f"/children/{child.child_id}/meetings/{suffix}"


def error_summary(response) -> str:
    html = response.content.decode()
    start = html.find("govuk-error-summary__list")
    found = html[start : html.find("</ul>", start)] if start >= 0 else html[-2000:]
    return " ".join(found.split())


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_meetings_tab_shows_what_the_timescales_expect_and_what_is_planned(
    client, council
) -> None:
    """Dudley: the AEPP within 2 weeks of care (DQ), a Child Permanence Meeting within 6 weeks
    (DS objective 7), the first review within 20 working days (reg 33): all overdue for a child
    looked after 90 days ago with nothing recorded."""
    child = council.child_a
    services.schedule_meeting(child, "ppm", TODAY + days(2), by=council.users["team_manager"])
    client.force_login(council.users["social_worker"])
    response = client.get(url(child))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Meetings</h1>' in html
    assert f'aria-current="page" href="{url(child)}">Meetings</a>' in html
    for name in (
        "Achieving Early Permanence Panel",
        "Child Permanence Meeting",
        "Child in Care review",
    ):
        assert name in html
    assert "Overdue" in html
    assert (TODAY + days(2)).strftime("%B") in html  # the planned PPM, GOV.UK date
    assert "Plan a meeting" in html
    # A social worker does not chair any meeting this child needs... except the network ones.
    assert "Record a meeting that was held" in html
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, child_id=child.child_id, summary="Viewed meetings: child meetings"
    ).exists()


def test_a_team_manager_records_a_ppm_and_its_actions_reach_the_social_workers_my_work(
    client, council
) -> None:
    """Issue 5 item 3: every action has an owner, a due date and a status, appears on the
    owner's "My work" and becomes overdue like any other deadline."""
    child, manager, worker = (
        council.child_a,
        council.users["team_manager"],
        council.users["social_worker"],
    )
    planned = services.schedule_meeting(child, "ppm", TODAY, by=manager)
    client.force_login(manager)
    form = client.get(url(child, f"{planned.pk}/record/")).content.decode()
    assert "Record the Child Permanence Meeting" in form
    assert "Review of the family genogram" not in form  # questions, not the seed's wording
    assert "The family genogram reviewed" in form
    assert "Dudley Child Permanence Meetings overview" in form and ".txt" not in form
    response = client.post(
        url(child, f"{planned.pk}/record/"),
        record_post(
            "ppm",
            held_on=TODAY - days(5),
            chair=manager,
            attended=[manager, worker],
            actions=[
                ("Complete the viability assessment of the aunt", worker, TODAY + days(10)),
                ("Share the genogram with fostering", worker, TODAY - days(1)),
            ],
            others=[
                {
                    "name": "Jo Testwell",
                    "attendee_key": "fostering",
                    "organisation": "",
                    "attended": "attended",
                }
            ],
        ),
    )
    assert response.status_code == 302, error_summary(response)
    meeting = Meeting.objects.get(pk=planned.pk)
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.status == "held" and meeting.actions.count() == 2
    assert meeting.attendance.filter(name="Jo Testwell", attendee_key="fostering").exists()
    follow = client.get(response["Location"])
    assert "Next Child Permanence Meeting planned for" in follow.content.decode()
    page = follow.content.decode()
    assert "What we decided, for Ava" in page
    assert "We want to find out if you can live with your nan." in page

    client.force_login(worker)
    work = client.get("/my-work/", {"show": "actions"}).content.decode()
    section = work[work.index('id="actions"') :]
    assert "Complete the viability assessment of the aunt" in section
    assert "Share the genogram with fostering" in section
    assert "Overdue 1 day" in section
    assert section.index("Share the genogram") < section.index("Complete the viability")


def test_the_record_form_names_every_problem_and_saves_nothing(client, council) -> None:
    """Bad input (issue 5): held in the future, an action with no owner or no due date, an
    attendee who is not a user or a named person, an agenda item with no answer; each refused
    with a message saying what and where, in the GOV.UK error summary."""
    child, manager = council.child_a, council.users["team_manager"]
    client.force_login(manager)
    before = (Meeting.objects.count(), Action.objects.count(), JourneyEvent.objects.count())
    response = client.post(
        url(child, "record/?type=ppm"),
        record_post(
            "ppm",
            held_on=TODAY + days(1),
            chair=manager,
            attended=[manager],
            actions=[("Book the venue", None, TODAY), ("Write to the school", manager, None)],
            others=[{"name": "", "attendee_key": "virtual_school", "attended": "attended"}],
            blank_answers=("genogram",),
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Record the Child Permanence Meeting" in html
    assert "There is a problem" in html
    for message in ("Enter the attendee&#x27;s full name: an attendee must be a member of staff",):
        assert message in html
    assert (Meeting.objects.count(), Action.objects.count(), JourneyEvent.objects.count()) == before
    # The named attendee fixed, the service's own checks follow, each on its field.
    response = client.post(
        url(child, "record/?type=ppm"),
        record_post(
            "ppm",
            held_on=TODAY + days(1),
            chair=manager,
            attended=[manager],
            actions=[("Book the venue", None, TODAY), ("Write to the school", manager, None)],
            blank_answers=("genogram",),
        ),
    )
    html = response.content.decode()
    assert "The date the meeting was held must be today or in the past" in html
    assert 'href="#id_actions-0-owner">Select who will do it</a>' in html
    assert 'href="#id_actions-1-due_on_0">Enter the date it is due by</a>' in html
    assert "Enter what the meeting said about: The family genogram reviewed" in html
    assert 'href="#id_held_on_0"' in html
    assert (Meeting.objects.count(), Action.objects.count(), JourneyEvent.objects.count()) == before


def test_an_empty_record_form_asks_for_each_thing_it_needs(client, council) -> None:
    """Issue 5 item 3: date held, attendance, the child's views and how they were gathered,
    decisions; DS objective 6: children understand decisions (the summary for the child). The
    GOV.UK error summary links to the first radio or checkbox of a group (Homeward's rule)."""
    child, manager = council.child_a, council.users["team_manager"]
    client.force_login(manager)
    html = client.post(
        url(child, "record/?type=ppm"), {**management("others", 2), **management("actions", 3)}
    ).content.decode()
    for message in (
        "Enter the date the meeting was held",
        "Select who chaired the meeting",
        "Record who attended the meeting",
        "Select how the child&#x27;s views were gathered",
        "Enter the decisions the meeting made",
        "Write what was decided in words the child will understand",
    ):
        assert message in html, message
    assert 'href="#id_views_gathered_1"' in html  # radios: the first one takes focus
    assert 'href="#id_staff_attended_1"' in html  # checkboxes likewise


def test_ticking_someone_as_both_attending_and_sending_apologies_is_refused(
    client, council
) -> None:
    """Homeward's rule: attendance is one answer per person."""
    child, manager = council.child_a, council.users["team_manager"]
    client.force_login(manager)
    data = record_post("ppm", held_on=TODAY, chair=manager, attended=[manager])
    data["staff_apologies"] = [str(manager.pk)]
    html = client.post(url(child, "record/?type=ppm"), data).content.decode()
    assert "ticked as both attending and sending apologies; choose one" in html
    assert not Meeting.objects.exists()


def test_add_another_action_keeps_what_was_typed_without_showing_errors(client, council) -> None:
    """Homeward's rule: adding a row is not a submission, so nothing is checked or saved."""
    child, manager = council.child_a, council.users["team_manager"]
    client.force_login(manager)
    data = record_post(
        "ppm", held_on=None, chair=manager, actions=[("Arrange family time", manager, None)]
    )
    data["add_action"] = "1"
    html = client.post(url(child, "record/?type=ppm"), data).content.decode()
    assert "There is a problem" not in html and "govuk-error-message" not in html
    assert 'name="actions-3-text"' in html  # a fourth row
    assert 'value="Arrange family time"' in html
    assert not Meeting.objects.exists()


def test_a_social_worker_cannot_record_a_ppm_the_team_manager_chairs(client, council) -> None:
    """DM: the Team Manager chairs the Child Permanence Meeting and records its decisions."""
    child, worker = council.child_a, council.users["social_worker"]
    client.force_login(worker)
    response = client.post(
        url(child, "record/?type=ppm"), record_post("ppm", held_on=TODAY, chair=worker)
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, username=worker.username, summary__contains="Child Permanence"
    ).exists()
    # ...but records a family network meeting, which the social worker convenes (DU).
    response = client.post(
        url(child, "record/?type=family_network_meeting"),
        record_post("family_network_meeting", held_on=TODAY, chair=worker, attended=[worker]),
    )
    assert response.status_code == 302
    assert child.events.filter(kind="family_network_meeting", date=TODAY).exists()


def test_only_the_iro_records_a_review(client, council) -> None:
    """DS 'Independent Reviewing Service' and DU 'Role of the IRO': the IRO reviews the child's
    plan and escalates; so the IRO, not the team manager, records the review and is offered an
    escalation from it."""
    child = council.child_a
    client.force_login(council.users["team_manager"])
    assert client.get(url(child, "record/?type=cic_review")).status_code == 403
    client.force_login(council.users["iro"])
    response = client.post(
        url(child, "record/?type=cic_review"),
        record_post(
            "cic_review",
            held_on=TODAY,
            chair=council.users["iro"],
            attended=[council.users["iro"]],
            outcomes={"permanence_plan": "no", "special_guardianship": "no"},
        ),
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Is a written permanence plan in place as part of the care plan?" in page
    assert "Raise an escalation from this review" in page
    review = child.meetings.get(type="cic_review", status="held")
    respond = TODAY + days(10)
    client.post(
        f"/children/{child.child_id}/escalations/raise/?meeting={review.pk}",
        {
            "stage": "informal",
            "issue": "No written permanence plan at the review",
            **{f"raised_on_{i}": v for i, v in enumerate((TODAY.day, TODAY.month, TODAY.year))},
            **{
                f"respond_by_{i}": v
                for i, v in enumerate((respond.day, respond.month, respond.year))
            },
        },
    )
    escalation = child.escalations.get()
    page = client.get(response["Location"]).content.decode()
    assert "Raise an escalation from this review" not in page  # raised once, then followed
    assert f"/children/{child.child_id}/escalations/{escalation.pk}/" in page


def test_the_person_named_as_chair_may_record_whatever_their_role(client, council) -> None:
    """Homeward's rule (access.can_record_meeting): the person named as a meeting's chair records
    it, among those who work the case."""
    child, coordinator = council.child_a, council.users["permanence_coordinator"]
    planned = services.schedule_meeting(
        child, "ppm", TODAY, by=council.users["team_manager"], chair=coordinator
    )
    client.force_login(coordinator)
    assert client.get(url(child, f"{planned.pk}/record/")).status_code == 200


def test_choosing_a_type_lists_only_the_meetings_the_user_records(client, council) -> None:
    """DS 'Independent Reviewing Service': the IRO records reviews; DM: the team manager chairs
    the Child Permanence Meeting. Each user is offered only what they record."""
    client.force_login(council.users["iro"])
    html = client.get(url(council.child_a, "record/")).content.decode()
    offered = re.findall(r'govuk-radios__label" for="type-\d+">([^<]+)</label>', html)
    assert "Child in Care review" in offered and "Child Permanence Meeting" not in offered
    # ...and says who records those it leaves out.
    assert "A Child Permanence Meeting is recorded by its chair, the team manager." in html
    html = client.get(url(council.child_a, "record/?choose=1")).content.decode()
    assert "Select the type of meeting" in html and "Error:" in html


def test_planning_a_meeting_refuses_a_past_date_and_a_second_of_the_same_type(
    client, council
) -> None:
    """Homeward's rules: a meeting is planned for today or later, and a child has one next
    meeting of each type."""
    child, worker = council.child_a, council.users["social_worker"]
    client.force_login(worker)
    day = TODAY + days(7)
    post = {
        "type": "ppm",
        "planned_on_0": day.day,
        "planned_on_1": day.month,
        "planned_on_2": day.year,
    }
    response = client.post(url(child, "plan/"), post)
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert (
        meeting.status == "planned" and meeting.planned_on == day and meeting.created_by == worker
    )
    html = client.post(url(child, "plan/"), post).content.decode()
    assert "A Child Permanence Meeting is already planned for" in html
    past = TODAY - days(1)
    html = client.post(
        url(child, "plan/"),
        {
            "type": "cic_review",
            "planned_on_0": past.day,
            "planned_on_1": past.month,
            "planned_on_2": past.year,
        },
    ).content.decode()
    assert "The date of the meeting must be today or in the future" in html
    assert Meeting.objects.count() == 1


def test_an_action_is_marked_done_from_the_meeting_page(client, council) -> None:
    """Issue 5 item 3: every action has a status; Homeward's rule: it is done on a real date, not
    in the future, and then leaves "My work"."""
    child, manager, worker = (
        council.child_a,
        council.users["team_manager"],
        council.users["social_worker"],
    )
    result = services.record_meeting(
        child,
        "ppm",
        record_data(manager, held_on=TODAY - days(3), actions=[ActionIn("Visit", worker, TODAY)]),
        by=manager,
    )
    action = result.meeting.actions.get()
    client.force_login(worker)
    path = url(child, f"{result.meeting.pk}/actions/{action.pk}/")
    tomorrow = TODAY + days(1)
    html = client.post(
        path,
        {
            "status": "done",
            "done_on_0": tomorrow.day,
            "done_on_1": tomorrow.month,
            "done_on_2": tomorrow.year,
        },
    ).content.decode()
    assert "The date it was done must be today or in the past" in html
    response = client.post(
        path,
        {
            "status": "done",
            "done_on_0": TODAY.day,
            "done_on_1": TODAY.month,
            "done_on_2": TODAY.year,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.done_on == TODAY
    work = client.get("/my-work/", {"show": "actions"}).content.decode()
    assert "No open actions from meetings." in work


def test_an_iro_escalates_informally_then_formally_until_resolved(client, council) -> None:
    """Issue 5 item 5; DU 'Role of the IRO': informal then formal resolution, tracked until
    resolved; the IRO sees their open escalations on My work."""
    child, iro = council.child_a, council.users["iro"]
    client.force_login(iro)
    respond = TODAY + days(10)
    response = client.post(
        f"/children/{child.child_id}/escalations/raise/",
        {
            "stage": "informal",
            "issue": "No written permanence plan at the second review",
            "raised_on_0": TODAY.day,
            "raised_on_1": TODAY.month,
            "raised_on_2": TODAY.year,
            "respond_by_0": respond.day,
            "respond_by_1": respond.month,
            "respond_by_2": respond.year,
        },
    )
    assert response.status_code == 302
    informal = child.escalations.get()
    work = client.get("/my-work/").content.decode()
    assert "Your open escalations" in work and "informal resolution" in work
    path = f"/children/{child.child_id}/escalations/{informal.pk}/"
    html = client.post(
        path, {"resolve": "further", "on_0": TODAY.day, "on_1": TODAY.month, "on_2": TODAY.year}
    ).content.decode()
    assert "Enter why it is taken further" in html
    assert "Enter the date a response is due by" in html
    client.post(
        path,
        {
            "resolve": "further",
            "on_0": TODAY.day,
            "on_1": TODAY.month,
            "on_2": TODAY.year,
            "outcome": "No response from the team manager",
            "respond_by_0": respond.day,
            "respond_by_1": respond.month,
            "respond_by_2": respond.year,
        },
    )
    formal = child.escalations.get(resolved_on__isnull=True)
    assert formal.stage == "formal_1" and formal.previous == informal
    informal.refresh_from_db()
    assert informal.outcome.startswith("Taken to Formal stage 1")
    client.post(
        f"/children/{child.child_id}/escalations/{informal.pk}/",
        {
            "resolve": "resolved",
            "on_0": TODAY.day,
            "on_1": TODAY.month,
            "on_2": TODAY.year,
            "outcome": "Plan agreed",
        },
    )
    formal.refresh_from_db()
    assert formal.resolved_on == TODAY and formal.outcome == "Plan agreed"
    assert "Your open escalations" not in client.get("/my-work/").content.decode()
    # Social workers cannot raise one.
    client.force_login(council.users["social_worker"])
    assert client.get(f"/children/{child.child_id}/escalations/raise/").status_code == 403


@pytest.fixture
def devon(settings):
    settings.HOMEWARD_COUNCIL = "devon"


@pytest.mark.usefixtures("devon")
def test_under_devons_profile_the_form_asks_devons_questions(client, council) -> None:
    """DV 'Permanence Planning Meetings': Devon's own meeting name and agenda."""
    client.force_login(council.users["team_manager"])
    html = client.get(url(council.child_a, "record/?type=ppm")).content.decode()
    assert "Record the Permanence Planning Meeting" in html
    assert "where an alternative to a return home is considered" in html
    assert "Devon Permanence Matters" in html and "004_7232501e48845cda" not in html
    assert "The family genogram reviewed" not in html
    assert client.get(url(council.child_a, "record/?type=aepp")).status_code == 404


def more_meetings(council, child, n: int) -> None:
    manager, worker = council.users["team_manager"], council.users["social_worker"]
    for i in range(n):
        services.record_meeting(
            child,
            "ppm",
            record_data(
                manager,
                held_on=TODAY - days(80 - i),
                attendees=[AttendeeIn(True, user=manager), AttendeeIn(False, user=worker)],
                actions=[ActionIn(f"Action {i}", worker, TODAY + days(i))],
            ),
            by=manager,
        )
        Meeting.objects.filter(child=child, status="planned").delete()


def test_meetings_pages_run_a_fixed_number_of_queries(client, council) -> None:
    """Homeward's rule (tests/children/test_query_counts.py): list pages run a fixed number of
    queries."""
    child = council.child_a
    client.force_login(council.users["team_manager"])
    more_meetings(council, child, 1)
    meeting = Meeting.objects.filter(child=child).first()
    small = (queries(client, url(child)), queries(client, meeting.get_absolute_url()))
    more_meetings(council, child, 6)
    for extra in range(5):
        Action.objects.create(
            meeting=meeting,
            text=f"Extra {extra}",
            owner=council.users["social_worker"],
            due_on=TODAY,
        )
    large = (queries(client, url(child)), queries(client, meeting.get_absolute_url()))
    assert small == large


def test_my_work_runs_a_fixed_number_of_queries_however_many_actions(client, council) -> None:
    """Homeward's rule (tests/children/test_query_counts.py): list pages run a fixed number of
    queries."""
    worker = council.users["social_worker"]
    client.force_login(worker)
    more_meetings(council, council.child_a, 1)
    lists = ("/my-work/?show=deadlines", "/my-work/?show=actions", "/my-work/?show=tasks")
    small = [queries(client, url) for url in lists]
    for _ in range(4):
        child = ChildFactory()
        AllocationFactory(child=child, social_worker=worker, team=council.team_a)
        JourneyEventFactory(child=child)
        more_meetings(council, child, 2)
    large = [queries(client, url) for url in lists]
    assert small == large


def test_my_work_shows_only_actions_on_children_the_user_may_see(client, council) -> None:
    """Homeward's rule (need-to-know, homeward/accounts/access.py): an action names the child, so
    it is shown only to those who may still see the child."""
    worker = council.users["social_worker"]
    more_meetings(council, council.child_a, 1)
    # The allocation moves to another team: the worker no longer sees the child or its action.
    allocation = council.child_a.allocations.get(ended_on__isnull=True)
    allocation.ended_on = TODAY
    allocation.save()
    AllocationFactory(
        child=council.child_a, social_worker=UserFactory(), team=council.team_b, started_on=TODAY
    )
    client.force_login(worker)
    work = client.get("/my-work/", {"show": "actions"}).content.decode()
    assert "No open actions from meetings." in work


def test_plan_it_from_the_due_meetings_prefills_the_type_and_the_engines_date(
    client, council
) -> None:
    """Reg 33(2)(a): the first review within 20 working days of becoming looked after. The
    Meetings tab links to planning it with the engine's date (today, if that has passed)."""
    child = council.child_a
    client.force_login(council.users["iro"])
    html = client.get(url(child)).content.decode()
    assert f"{url(child, 'plan/')}?type=cic_review&amp;on=" in html
    later = TODAY + days(9)
    form = client.get(url(child, f"plan/?type=cic_review&on={later.isoformat()}")).content.decode()
    assert '<option value="cic_review" selected>' in form
    assert f'name="planned_on_0" value="{later.day}"' in form
    form = client.get(url(child, "plan/?type=cic_review&on=2020-01-01")).content.decode()
    assert f'name="planned_on_0" value="{TODAY.day}"' in form
    # Issue 13 item 10: due on Saturday 26 December 2026 (Boxing Day; the substitute bank
    # holiday is Monday 28th), so the date offered is the working day before, Thursday 24th.
    form = client.get(url(child, "plan/?type=cic_review&on=2026-12-26")).content.decode()
    assert 'name="planned_on_0" value="24"' in form and 'name="planned_on_1" value="12"' in form


def test_the_aepp_is_recorded_on_the_panel_not_as_a_meeting(client, council) -> None:
    """001 'Achieving early permanence panel': the panel has one record (homeward/panels), so the
    meetings pages link an AEPP that is due to the panel instead of offering to plan one."""
    import datetime as dt

    from tests.factories import JourneyEventFactory

    JourneyEventFactory(
        child=council.child_a,
        kind="became_looked_after",
        date=timezone.localdate() - dt.timedelta(days=3),
    )
    client.force_login(council.users["team_manager"])
    html = client.get(f"/children/{council.child_a.child_id}/meetings/").content.decode()
    assert f"/children/{council.child_a.child_id}/early-permanence-panel/" in html
    assert "type=aepp" not in html
    plan = client.get(f"/children/{council.child_a.child_id}/meetings/plan/")
    assert plan.status_code == 200 and 'value="ppm"' in plan.content.decode()
    assert 'value="aepp"' not in plan.content.decode()


def test_the_aepp_cannot_be_planned_or_recorded_as_a_meeting_by_its_url(client, council) -> None:
    """DQ 'Achieving early permanence panel': the AEPP's referral, late flag and outcome are
    recorded on the panel (homeward/panels), so it has one record; Homeward's rule
    (selectors.RECORDED_ELSEWHERE) is that no meeting page plans or records it. A GET is sent
    to the child's panel page with a message; a POST is refused, audited, and saves nothing."""
    child, coordinator = council.child_a, council.users["permanence_coordinator"]
    panel = f"/children/{child.child_id}/early-permanence-panel/"
    client.force_login(coordinator)  # the AEPP's recorder: may record every other meeting

    def counts() -> tuple[int, ...]:
        return (Meeting.objects.count(), Action.objects.count(), JourneyEvent.objects.count())

    before = counts()
    for path in (url(child, "record/?type=aepp"), url(child, "plan/?type=aepp")):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, panel), path
    page = client.get(url(child, "record/?type=aepp"), follow=True).content.decode()
    assert '<h1 class="govuk-heading-l">Early permanence panel</h1>' in page
    assert "The Achieving Early Permanence Panel is not planned or recorded as a meeting" in page

    post = record_post("aepp", held_on=TODAY, chair=coordinator, attended=[coordinator])
    assert client.post(url(child, "record/?type=aepp"), post).status_code == 403
    day = TODAY + days(3)
    plan = {"type": "aepp", "planned_on_0": day.day, "planned_on_1": day.month}
    assert client.post(url(child, "plan/"), {**plan, "planned_on_2": day.year}).status_code == 403
    assert counts() == before, "nothing may be saved"
    assert not child.events.filter(kind="aepp_held").exists()
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.DENIED,
            username=coordinator.username,
            summary__contains="Achieving Early Permanence Panel planned or recorded as a meeting",
        ).count()
        == 2
    )

    # One planned before this rule (an old row): not recorded here either; it can be cancelled.
    old = Meeting.objects.create(child=child, type="aepp", status="planned", planned_on=TODAY)
    response = client.get(url(child, f"{old.pk}/record/"))
    assert (response.status_code, response["Location"]) == (302, panel)
    assert client.post(url(child, f"{old.pk}/record/"), post).status_code == 403
    old.refresh_from_db()
    assert old.status == "planned" and not old.attendance.exists()
    assert "Record the meeting" not in client.get(old.get_absolute_url()).content.decode()


def test_a_ppm_no_longer_due_once_the_child_is_placed_is_marked_for_the_chair_to_cancel(
    client, council
) -> None:
    """DS objective 7: permanence reviewed every six weeks "until the child is matched and
    placed" (DM: "until permanence is achieved"); the engine's PPM rule stops at "placed".
    Homeward's rule: the PPM
    planned before the placement is not deleted; recording a meeting and the Meetings tab say it
    is no longer due, with the engine's reason, and the chair cancels it."""
    child, manager = council.child_a, council.users["team_manager"]
    first = services.record_meeting(
        child, "ppm", record_data(manager, held_on=TODAY - days(30)), by=manager
    )
    (next_ppm,) = first.planned_next
    placed_on = TODAY - days(3)
    JourneyEvent.objects.create(child=child, kind="matched", date=placed_on - days(7))
    JourneyEvent.objects.create(child=child, kind="placed", date=placed_on)
    placed = f"placed with permanent carers on {placed_on.day} {placed_on:%B %Y}"

    client.force_login(manager)
    response = client.post(
        url(child, "record/?type=ppm"),
        record_post("ppm", held_on=placed_on, chair=manager, attended=[manager]),
    )
    assert response.status_code == 302, error_summary(response)
    html = client.get(response["Location"]).content.decode()
    assert (
        f"The Child Permanence Meeting planned for {next_ppm.planned_on.day} "
        f"{next_ppm.planned_on:%B %Y} is no longer due by the timescales" in html
    )
    assert placed in html

    html = client.get(url(child)).content.decode()
    planned = html[html.index('id="planned"') : html.index('id="held"')]
    assert "No longer due by the timescales" in planned
    assert "Child Permanence Meeting at least every 6 weeks: it stopped applying when" in planned
    assert placed in planned
    cancel = url(child, f"{next_ppm.pk}/cancel/")
    assert f'href="{cancel}">Cancel it' in planned
    page = client.get(next_ppm.get_absolute_url()).content.decode()
    assert "No longer due by the timescales:" in page

    form = client.get(cancel).content.decode()
    assert "No longer due by the timescales: Child Permanence Meeting at least every" in form
    response = client.post(cancel, {"because": f"No longer due: {placed}"})
    assert response.status_code == 302
    next_ppm.refresh_from_db()
    assert next_ppm.status == "cancelled" and placed in next_ppm.cancelled_because
    html = client.get(url(child)).content.decode()
    assert "No longer due by the timescales" not in html and "No meeting is planned." in html


def test_the_iro_is_prompted_to_escalate_a_permanence_plan_missing_at_its_deadline(
    client, council
) -> None:
    """DS objective 7 and 'Independent Reviewing Service': a written permanence plan by the 2nd
    Child in Care review, which the IRO checks; DU 'Role of the IRO': the IRO escalates (SPEC
    T6). The deadline is the engine's (rule "permanence-plan"). A review held on or after it
    that records no plan prompts the IRO to escalate; one held the day before does not."""
    child, iro = council.child_a, council.users["iro"]
    for event in JourneyEvent.objects.filter(child=child, kind="became_looked_after"):
        event.date = TODAY - days(200)
        event.save()  # the ledger follows a saved event (an update() would bypass it)
    found = for_child(child, today=TODAY)
    (plan,) = [e for e in found if e.rule_id == "permanence-plan"]
    assert plan.met_by is None and plan.due < TODAY
    client.force_login(iro)
    prompt = "The IRO recorded no written permanence plan at a review on or after its deadline."

    def review_page(held_on: dt.date) -> str:
        response = client.post(
            url(child, "record/?type=cic_review"),
            record_post(
                "cic_review",
                held_on=held_on,
                chair=iro,
                attended=[iro],
                outcomes={"permanence_plan": "no", "special_guardianship": "no"},
            ),
        )
        assert response.status_code == 302, error_summary(response)
        return " ".join(client.get(response["Location"]).content.decode().split())

    before = review_page(plan.due - days(1))
    assert "Written permanence plan by the 2nd Child in Care review: due" in before
    assert prompt not in before
    on_the_day = review_page(plan.due)
    assert prompt in on_the_day and "Raise an escalation if it is not resolved." in on_the_day
    review = Meeting.objects.filter(child=child, type="cic_review", held_on=plan.due).get()
    escalate = f"/children/{child.child_id}/escalations/raise/?meeting={review.pk}"
    assert f'href="{escalate}">Raise an escalation from this review</a>' in on_the_day
    assert prompt in review_page(TODAY)  # after the deadline, still missing


def test_recording_an_unplanned_meeting_points_to_the_one_already_planned(client, council) -> None:
    """Homeward's rule (a newcomer's try): recording a meeting "not planned here" while one of
    the same type is planned would leave the planned one behind, so the page offers it."""
    import datetime as dt

    from homeward.meetings.models import Meeting

    child = council.child_a
    planned = Meeting.objects.create(
        child=child,
        type="ppm",
        status="planned",
        planned_on=timezone.localdate() + dt.timedelta(days=3),
    )
    client.force_login(council.users["team_manager"])
    html = client.get(f"/children/{child.child_id}/meetings/record/?type=ppm").content.decode()
    assert f"/children/{child.child_id}/meetings/{planned.pk}/record/" in html
    assert "record the planned meeting" in html
    planned_page = client.get(f"/children/{child.child_id}/meetings/{planned.pk}/record/")
    assert 'id="planned-instead"' not in planned_page.content.decode()


@pytest.mark.parametrize(
    "other,field,message",
    [
        (
            {"name": "Virtual School", "attendee_key": "", "attended": "attended"},
            "name",
            "is an agency or role, not a person",
        ),
        (
            {"name": "Jo Testwell", "attendee_key": "", "attended": "attended"},
            "attendee_key",
            "Select what Jo Testwell attended as",
        ),
    ],
)
def test_a_named_professional_needs_a_persons_name_and_an_agency(
    client, council, other, field, message
) -> None:
    """Issue 13: the agency is chosen from the procedure's list (Virtual School, Dudley
    Lighthouse Links: Dudley Child Permanence Meetings overview), the name typed is a person's."""
    child, manager = council.child_a, council.users["team_manager"]
    client.force_login(manager)
    response = client.post(
        url(child, "record/?type=ppm"),
        record_post("ppm", held_on=TODAY, chair=manager, attended=[manager], others=[other]),
    )
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'-{field}">' in html
    assert not Meeting.objects.exists()


def test_a_social_worker_is_told_who_records_the_meetings_they_cannot(client, council) -> None:
    """A newcomer found "Record a meeting that was held" offering six types, without the Child
    Permanence Meeting or the Child in Care review, and the planned meeting's page with no way
    to record it, neither saying why. The chairs come from the meeting types' data (DM: the
    team manager chairs the Child Permanence Meeting; the IRO chairs the review)."""
    child = council.child_a
    meeting = services.schedule_meeting(
        child, "ppm", TODAY + days(2), by=council.users["team_manager"]
    )
    client.force_login(council.users["social_worker"])
    tab = unescape(client.get(url(child)).content.decode())
    assert "A Child Permanence Meeting is recorded by its chair, the team manager." in tab
    assert (
        "A Child in Care review is recorded by its chair, the child's independent reviewing "
        "officer." in tab
    )
    chosen = unescape(client.get(url(child, "record/")).content.decode())
    assert "A Child Permanence Meeting is recorded by its chair, the team manager." in chosen
    page = unescape(client.get(meeting.get_absolute_url()).content.decode())
    assert "Record the meeting" not in page
    assert "A Child Permanence Meeting is recorded by its chair, the team manager." in page


def test_the_planned_list_and_the_meetings_page_show_the_same_chair(client, council) -> None:
    meeting = services.schedule_meeting(
        council.child_a, "ppm", TODAY + days(2), by=council.users["team_manager"]
    )
    client.force_login(council.users["social_worker"])
    tab = client.get(url(council.child_a)).content.decode()
    planned = tab[tab.index('id="planned"') : tab.index('id="held"')]
    assert "Not decided" not in planned
    assert '<td class="govuk-table__cell">Team manager</td>' in planned
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'Chair</dt><dd class="govuk-summary-list__value">Team manager</dd>' in page


def test_the_record_form_asks_for_the_childs_views_once(client, council) -> None:
    """The PPM's agenda lists "The child's views, wishes and feelings" (DM), and every record
    asks "<name>'s views, wishes and feelings": a newcomer was asked both, both required. The
    record's own field answers the agenda item, which the record and its minutes still show."""
    child, manager = council.child_a, council.users["team_manager"]
    planned = services.schedule_meeting(child, "ppm", TODAY, by=manager)
    client.force_login(manager)
    form = unescape(client.get(url(child, f"{planned.pk}/record/")).content.decode())
    assert len(re.findall(r"<label[^>]*>\s*[^<]*views, wishes and feelings", form)) == 1
    post = record_post("ppm", held_on=TODAY - days(5), chair=manager, attended=[manager])
    post.pop("answer_childs_views")
    response = client.post(url(child, f"{planned.pk}/record/"), post)
    assert response.status_code == 302, error_summary(response)
    planned.refresh_from_db()
    assert planned.answers.get(item="childs_views").answer == post["childs_views"]


@pytest.mark.parametrize(
    ("slug", "cited", "not_cited"),
    [
        ("dudley", "Dudley Permanence Strategy", ("Durham", "Devon")),
        ("durham", "Durham Early Permanence Planning Strategy", ("Dudley", "Devon")),
    ],
)
def test_the_summaries_for_the_child_and_parents_cite_only_the_councils_own_sources(
    client, council, settings, slug, cited, not_cited
) -> None:
    settings.HOMEWARD_COUNCIL = slug
    child, manager = council.child_a, council.users["team_manager"]
    planned = services.schedule_meeting(child, "ppm", TODAY, by=manager)
    client.force_login(manager)
    form = unescape(client.get(url(child, f"{planned.pk}/record/")).content.decode())
    for label in ("What we decided, written for the parents", "What we decided, written for"):
        hint = form[form.index(label) :][:900]
        hint = hint[: hint.index("</textarea>")]
        assert cited in hint and not any(c in hint for c in not_cited), hint
    post = record_post("ppm", held_on=TODAY - days(5), chair=manager, attended=[manager])
    assert client.post(url(child, f"{planned.pk}/record/"), post).status_code == 302
    page = unescape(client.get(planned.get_absolute_url()).content.decode())
    for_parents = page[page.index('id="for-parents"') :][:1500]
    for_parents = for_parents[: for_parents.index("</div>")]
    assert cited in for_parents and not any(c in for_parents for c in not_cited), for_parents
