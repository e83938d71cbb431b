"""Where people see timescales (issue 4 item 4): everything comes from the engine."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.accounts.access import visible_children
from homeward.audit.models import AuditAction, AuditEntry
from homeward.timescales.selectors import worklist_counts
from tests.factories import AllocationFactory, ChildFactory, JourneyEventFactory
from tests.oversight.helpers import agreed_plan, looked_after, panel_outcome


def test_the_timescales_tab_lists_every_expectation_with_its_reason_and_source(
    client, council
) -> None:
    child = looked_after(council, days_ago=30)
    client.force_login(council.users["social_worker"])
    response = client.get(f"/children/{child.child_id}/timescales/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Achieving Early Permanence Panel" in html  # the demo runs under Dudley's profile
    assert "Overdue 16 days" in html  # due 14 days after becoming looked after, 30 days ago
    assert "because the child became looked after on" in html
    assert "Dudley quick reference guide" in html  # the rule's source, by council and heading
    assert ".txt" not in html
    assert "Care Planning, Placement and Case Review (England) Regulations 2010" in html
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, child_id=child.child_id).exists()


def test_my_work_shows_what_is_overdue_or_due_soon_for_my_children_most_urgent_first(
    client, council
) -> None:
    mine_old = looked_after(council, days_ago=40)
    mine_new = looked_after(council, days_ago=5)
    colleagues = looked_after(council, days_ago=40, worker_key="colleague")
    client.force_login(council.users["social_worker"])
    html = client.get("/my-work/").content.decode()
    assert mine_old.child_id in html and mine_new.child_id in html
    assert colleagues.child_id not in html  # only my children by default
    assert html.index(mine_old.child_id) < html.index(mine_new.child_id)  # overdue first
    html = client.get("/my-work/", {"scope": "team"}).content.decode()
    assert colleagues.child_id in html


def test_a_team_manager_sees_the_team_and_not_other_teams(client, council) -> None:
    ours = looked_after(council, days_ago=40)
    theirs = ChildFactory()
    AllocationFactory(
        child=theirs,
        social_worker=council.users["social_worker_other_team"],
        team=council.team_b,
    )
    JourneyEventFactory(child=theirs, kind="became_looked_after")
    client.force_login(council.users["team_manager"])
    html = client.get("/my-work/").content.decode()
    assert ours.child_id in html and theirs.child_id not in html


def test_my_work_runs_a_fixed_number_of_queries(client, council) -> None:
    client.force_login(council.users["social_worker"])
    looked_after(council, days_ago=40)
    with CaptureQueriesContext(connection) as small:
        client.get("/my-work/")
    for days in range(1, 30, 3):
        looked_after(council, days_ago=days)
    with CaptureQueriesContext(connection) as large:
        client.get("/my-work/")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_drift_dashboard_shows_children_with_overdue_deadlines_first(client, council) -> None:
    drifting = looked_after(council, days_ago=200)  # AEPP, reviews, plan all overdue
    settled = looked_after(council, days_ago=3)
    client.force_login(council.users["service_manager"])
    html = client.get("/drift/").content.decode()
    assert drifting.child_id in html and settled.child_id in html
    assert html.index(drifting.child_id) < html.index(settled.child_id)
    html = client.get("/drift/", {"only": "no_plan"}).content.decode()
    assert drifting.child_id in html and settled.child_id not in html


def test_a_child_who_has_left_care_is_not_on_the_drift_dashboard(client, council) -> None:
    left = looked_after(council, days_ago=200)
    JourneyEventFactory(
        child=left, kind="ceased_looked_after", date=timezone.localdate() - dt.timedelta(days=10)
    )
    client.force_login(council.users["service_manager"])
    assert left.child_id not in client.get("/drift/").content.decode()


def test_drift_downloads_are_csv_and_excel_and_audited(client, council) -> None:
    import io

    from openpyxl import load_workbook

    drifting = looked_after(council, days_ago=200)
    client.force_login(council.users["performance_analyst"])
    response = client.get("/drift/", {"download": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Child ID,Name,Team,Social worker,Legal status,Pathway,Days in care")
    assert any(line.startswith(drifting.child_id + ",") for line in lines)
    response = client.get("/drift/", {"download": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Child ID"
    assert drifting.child_id in [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 2


def test_only_managers_coordinators_and_analysts_see_drift(client, council) -> None:
    for role in ("social_worker", "iro", "family_finder", "system_administrator"):
        client.force_login(council.users[role])
        assert client.get("/drift/").status_code == 403
    client.force_login(council.users["team_manager_other_team"])
    drifting = looked_after(council, days_ago=200)  # in team A
    assert drifting.child_id not in client.get("/drift/").content.decode()


def test_the_drift_dashboard_runs_a_fixed_number_of_queries(client, council) -> None:
    client.force_login(council.users["service_manager"])
    looked_after(council, days_ago=100)
    with CaptureQueriesContext(connection) as small:
        client.get("/drift/")
    for days in range(5, 300, 20):
        looked_after(council, days_ago=days)
    with CaptureQueriesContext(connection) as large:
        client.get("/drift/")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_drift_downloads_cannot_carry_formulas_and_csv_opens_in_excel(client, council) -> None:
    child = looked_after(council, days_ago=200)
    child.first_name = "=HYPERLINK(1)"
    child.save()
    client.force_login(council.users["service_manager"])
    raw = client.get("/drift/", {"download": "csv"}).content
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    assert "'=HYPERLINK(1)" in raw.decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/drift/", {"download": "xlsx"}).content))
    cells = [c for row in book.active.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    # Text, not a formula.
    assert [(c.value.split()[0], c.data_type) for c in cells] == [("'=HYPERLINK(1)", "s")]


def test_a_milestone_shows_on_the_tab_but_is_not_work_due(client, council) -> None:
    """Children Act 1989 s10(5A): foster carers may apply for an order after a year. It is a date
    to act from, shown on the Timescales tab, never "overdue" and never on My work."""
    child = looked_after(council, days_ago=360)
    JourneyEventFactory(
        child=child,
        kind="foster_placement_started",
        date=timezone.localdate() - dt.timedelta(days=360),
    )
    client.force_login(council.users["social_worker"])
    html = client.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert "Foster carers may apply for a child arrangements or special guardianship order" in html
    assert "From " in html
    work = client.get("/my-work/").content.decode()
    assert child.child_id in work  # other deadlines are overdue
    assert "Foster carers may apply" not in work


def test_assessments_and_family_time_reviews_due_are_on_my_work(client, council) -> None:
    """Issue 6: assessments' due dates feed the worklists like any deadline (task_status); DU
    'Family Time': family time is reviewed regularly, so a review due is work due."""
    from tests.family.factories import FamilyTimePlanFactory
    from tests.planning.factories import AssessmentFactory

    today = timezone.localdate()
    child = looked_after(council, days_ago=10)
    AssessmentFactory(child=child, kind="viability", due_on=today - dt.timedelta(days=3))
    AssessmentFactory(child=child, kind="parenting", due_on=today + dt.timedelta(days=60))
    FamilyTimePlanFactory(child=child, review_date=today + dt.timedelta(days=5))
    client.force_login(council.users["social_worker"])
    html = client.get("/my-work/", {"show": "tasks"}).content.decode()
    section = html[html.index('id="assessments"') :]
    assert "Viability assessment due" in section
    assert "Overdue 3 days" in section
    assert "Family time review due" in section and "Due soon" in section
    assert "Parenting assessment" not in section  # due in 60 days: not yet work due
    with CaptureQueriesContext(connection) as small:
        client.get("/my-work/", {"show": "tasks"})
    for _ in range(5):
        other = looked_after(council, days_ago=20)
        AssessmentFactory(child=other, due_on=today - dt.timedelta(days=1))
        FamilyTimePlanFactory(child=other, review_date=today + dt.timedelta(days=2))
    with CaptureQueriesContext(connection) as large:
        client.get("/my-work/", {"show": "tasks"})
    assert len(small.captured_queries) == len(large.captured_queries)


def test_my_work_shows_one_list_at_a_time_with_every_lists_count_in_its_tab(
    client, council
) -> None:
    """A busy worklist shows one list behind tabs (MOJ sub-navigation), each tab with how many
    it holds, so nobody scrolls past two tables to reach the third; the scope is kept."""
    from tests.family.factories import FamilyTimePlanFactory
    from tests.planning.factories import AssessmentFactory

    today = timezone.localdate()
    child = looked_after(council, days_ago=40)
    AssessmentFactory(child=child, kind="viability", due_on=today - dt.timedelta(days=3))
    FamilyTimePlanFactory(child=child, review_date=today + dt.timedelta(days=5))
    client.force_login(council.users["social_worker"])
    html = client.get("/my-work/").content.decode()
    deadlines = html.count("govuk-tag--red") + html.count("govuk-tag--yellow")
    assert deadlines > 0
    assert f'aria-current="page">Deadlines ({deadlines})</a>' in html
    assert "Actions from meetings (0)</a>" in html
    assert "Assessments, reviews and audit actions (2)</a>" in html
    assert "Viability assessment due" not in html  # not the shown list
    tasks = client.get("/my-work/", {"show": "tasks", "scope": "team"}).content.decode()
    assert 'aria-current="page">Assessments, reviews and audit actions (2)</a>' in tasks
    assert "Viability assessment due" in tasks and 'id="deadlines"' not in tasks
    assert 'href="?scope=team&amp;show=deadlines"' in tasks
    assert '<input type="hidden" name="show" value="tasks">' in tasks


def test_drift_by_pathway_from_the_agreed_plan_or_the_panel(client, council) -> None:
    """Issue 4: the drift dashboard "by team and by pathway". The pathway is the agreed plan's
    preferred option (DS objective 7), or before a plan the AEPP's outcome (001 'Outcomes from
    meeting'); a child with neither is "Not yet decided"."""
    planned, paneled, undecided = (looked_after(council, days_ago=d) for d in (200, 100, 50))
    agreed_plan(planned, "long_term_fostering")
    panel_outcome(council, paneled, "adoption")
    client.force_login(council.users["service_manager"])
    html = client.get("/drift/").content.decode()
    by_pathway = html[html.index("By pathway") : html.index('<h2 class="govuk-heading-m">Children')]
    for label in ("Long-term", "Adoption (panel outcome)", "Not yet decided"):
        assert label in by_pathway
    only = client.get("/drift/", {"pathway": "aepp:adoption"}).content.decode()
    children_part = only[only.index('<h2 class="govuk-heading-m">Children') :]
    assert paneled.child_id in children_part
    assert planned.child_id not in children_part and undecided.child_id not in children_part
    csv_text = client.get("/drift/", {"download": "csv"}).content.decode("utf-8-sig")
    assert "Adoption (panel outcome)" in csv_text and "Not yet decided" in csv_text


def test_each_drift_page_holds_its_place_in_the_whole_order(client, council) -> None:
    """A page counts overdue deadlines only for the children who can reach it
    (``selectors.reaching``); its rows must still be exactly its place in the whole order:
    ties on the longest overdue broken by how many are overdue, then by child ID, and the
    children with nothing overdue last."""
    import re

    from homeward.accounts.access import visible_children
    from homeward.children.selectors import with_current_details
    from homeward.oversight import selectors

    for i in range(57):
        looked_after(council, days_ago=25 + (i % 19) * 7)  # three children to each date
    for _ in range(6):
        looked_after(council, days_ago=2)  # nothing overdue yet
    manager = council.users["service_manager"]
    client.force_login(manager)
    whole = [
        child.child_id
        for child in selectors.drift_children(
            with_current_details(visible_children(manager)), today=timezone.localdate()
        )
    ]
    shown = []
    for number in (1, 2):
        html = client.get("/drift/", {"page": number}).content.decode()
        table = html[html.index('aria-label="Children drifting"') :]
        shown += re.findall(r'href="/children/([^/]+)/timescales/"', table)
    assert len(whole) > 50 and shown == whole
    # A filter nobody matches: an empty page, not an error.
    empty = client.get("/drift/", {"team": "No such team"}).content.decode()
    assert "No children looked after match." in empty


def test_the_drift_list_is_paged(client, council) -> None:
    """50 a page, as the worklists (the council fixture adds three children of its own)."""
    for days in range(51):
        looked_after(council, days_ago=20 + days)
    client.force_login(council.users["service_manager"])
    first = client.get("/drift/").content.decode()
    assert "1 of 2" in first and 'rel="next"' in first
    second = client.get("/drift/", {"page": 2}).content.decode()
    assert "2 of 2" in second


def test_the_timescales_tab_shows_the_childs_actions_assessments_and_reviews(
    client, council
) -> None:
    """Issue 5: actions become overdue like any other deadline; issue 6: assessments' due dates
    feed the engine's views. The child's Timescales tab lists every open one, however far off."""
    from homeward.meetings.models import Action, Meeting
    from tests.family.factories import FamilyTimePlanFactory
    from tests.planning.factories import AssessmentFactory

    today = timezone.localdate()
    child = looked_after(council, days_ago=30)
    meeting = Meeting.objects.create(
        child=child, type="ppm", status="held", planned_on=today, held_on=today
    )
    Action.objects.create(
        meeting=meeting,
        text="Ask the aunt about a viability assessment",
        owner=council.users["social_worker"],
        due_on=today - dt.timedelta(days=2),
    )
    AssessmentFactory(child=child, kind="parenting", due_on=today + dt.timedelta(days=60))
    FamilyTimePlanFactory(child=child, review_date=today + dt.timedelta(days=90))
    client.force_login(council.users["social_worker"])
    html = client.get(f"/children/{child.child_id}/timescales/").content.decode()
    section = html[html.index('id="dated-work"') :]
    assert "Ask the aunt about a viability assessment" in section and "Overdue 2 days" in section
    assert "Parenting assessment due" in section  # 60 days off: still listed on the child's tab
    assert "Family time review due" in section


def test_drift_counts_overdue_actions_assessments_and_reviews(client, council) -> None:
    """A child whose rules are all met can still drift on an overdue assessment (issue 6: due
    dates feed the engine's views) or an action nobody did (issue 5)."""
    from tests.planning.factories import AssessmentFactory

    today = timezone.localdate()
    child = looked_after(council, days_ago=3)  # nothing statutory overdue yet
    AssessmentFactory(child=child, due_on=today - dt.timedelta(days=4))
    AssessmentFactory(child=child, due_on=today - dt.timedelta(days=1))
    client.force_login(council.users["service_manager"])
    html = client.get("/drift/", {"only": "overdue"}).content.decode()
    assert child.child_id in html and "and 2 actions, assessments or reviews overdue" in html
    csv_text = client.get("/drift/", {"download": "csv"}).content.decode("utf-8-sig")
    header, *lines = csv_text.splitlines()
    assert header.endswith(',"Actions, assessments and reviews overdue"')
    assert next(line for line in lines if line.startswith(child.child_id)).endswith(",2")


def test_drift_puts_the_longest_overdue_first(client, council) -> None:
    """A child a year late on one deadline is drifting more than one a month late on three."""
    long_late = looked_after(council, days_ago=400)
    for kind in ("aepp_held", "care_plan_agreed", "social_worker_visit", "cic_review"):
        JourneyEventFactory(child=long_late, kind=kind, date=timezone.localdate())
    many_late = looked_after(council, days_ago=45)
    client.force_login(council.users["service_manager"])
    html = client.get("/drift/").content.decode()
    children = html[html.index('aria-label="Children drifting"') :]
    assert children.index(long_late.child_id) < children.index(many_late.child_id)


def test_a_recurring_deadline_says_which_time_it_is(client, council) -> None:
    """CPR 2010 reg 33: reviews recur; "Child in Care review (2nd)" reads better than "(2)"."""
    child = looked_after(council, days_ago=60)
    JourneyEventFactory(
        child=child, kind="cic_review", date=timezone.localdate() - dt.timedelta(days=40)
    )
    client.force_login(council.users["social_worker"])
    html = client.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert "Child in Care review (2nd)" in html


def test_a_filtered_drift_download_says_so_in_its_name(client, council) -> None:
    looked_after(council, days_ago=40)
    client.force_login(council.users["service_manager"])
    response = client.get(
        "/drift/", {"team": "Team A", "pathway": "aepp:adoption", "download": "csv"}
    )
    today = timezone.localdate()
    expected = f"drift-{today:%Y-%m-%d}-team-a-aepp-adoption.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_my_work_groups_deadlines_overdue_today_tomorrow_this_week_later(client, council) -> None:
    """Issue 16 item 4: each group a heading with how many it holds in all, its rows under it;
    the groups' counts add up to the list's."""
    overdue = looked_after(council, days_ago=40)
    later = looked_after(council, days_ago=5)
    client.force_login(council.users["social_worker"])
    html = client.get("/my-work/").content.decode()
    keys = ["overdue", "today", "tomorrow", "this_week", "later"]
    shown = [k for k in keys if f'id="due-{k}"' in html]
    assert "overdue" in shown and len(shown) > 1
    starts = [html.index(f'id="due-{k}"') for k in shown]
    assert starts == sorted(starts)  # the groups in order
    # The overdue child's first row is under "Overdue"; the new child has nothing overdue.
    assert starts[0] < html.index(overdue.child_id) < starts[1]
    assert html.index(later.child_id) > starts[1]
    counts = worklist_counts(
        visible_children(council.users["social_worker"]), today=timezone.localdate()
    )
    assert sum(counts.groups.values()) == counts.total
    assert counts.groups["overdue"] == counts.overdue


def test_drift_shows_reviews_with_no_record_of_the_childs_views_in_constant_queries(
    client, council
) -> None:
    """Issue 17 (the child's voice kept whole): a looked after review or permanence planning
    meeting in the child's journey with no record of the child's views shows on the drift row
    until views are recorded for that day (homeward.family.selectors.views_gaps)."""
    from homeward.family.models import VoiceEntry

    client.force_login(council.users["service_manager"])
    child = looked_after(council, days_ago=200)
    today = timezone.localdate()
    JourneyEventFactory(child=child, kind="cic_review", date=today - dt.timedelta(days=180))
    with CaptureQueriesContext(connection) as small:
        page = client.get("/drift/").content.decode()
    assert "1 review or meeting with no record of the child’s views" in page
    for days in range(20, 200, 30):
        other = looked_after(council, days_ago=days + 10)
        JourneyEventFactory(child=other, kind="cic_review", date=today - dt.timedelta(days=days))
        JourneyEventFactory(
            child=other, kind="permanence_planning_meeting", date=today - dt.timedelta(days=days)
        )
    with CaptureQueriesContext(connection) as large:
        page = client.get("/drift/").content.decode()
    assert len(small.captured_queries) == len(large.captured_queries)
    assert "2 reviews or meetings with no record of the child’s views" in page

    VoiceEntry.objects.create(
        child=child,
        date=today - dt.timedelta(days=180),
        how_gathered="review",
        whose_words="child",
        text="I want to stay here.",
    )
    page = client.get("/drift/").content.decode()
    assert "1 review or meeting with no record" not in page


def test_a_team_managers_my_work_runs_a_fixed_number_of_queries_in_every_list(
    client, council
) -> None:
    """The team's children are one subquery on current allocations (``allocated_children``):
    each list and count costs the same however many children the team holds."""
    client.force_login(council.users["team_manager"])
    looked_after(council, days_ago=40)
    small = {}
    for show in ("deadlines", "actions", "tasks"):
        with CaptureQueriesContext(connection) as ctx:
            client.get("/my-work/", {"show": show})
        small[show] = len(ctx.captured_queries)
    for days in range(1, 30, 3):
        looked_after(council, days_ago=days, worker_key="colleague")
    for show in ("deadlines", "actions", "tasks"):
        with CaptureQueriesContext(connection) as ctx:
            client.get("/my-work/", {"show": show})
        assert len(ctx.captured_queries) == small[show], show


def test_my_works_mine_and_team_keep_to_the_need_to_know(client, council) -> None:
    """ "Mine" is the user's current allocations as social worker and "team" their teams': for a
    role whose need to know does not already hold them (an IRO allocated as social worker, a
    team manager's own cases outside their teams), only those they may see."""
    from homeward.accounts.access import allocated_children

    sw = council.users["social_worker"]
    AllocationFactory(
        child=ChildFactory(), social_worker=sw, team=council.team_a, ended_on=timezone.localdate()
    )
    # "Mine" is a caseload: its children's primary keys, read once.
    assert allocated_children(sw, teams=False) == [council.child_a.pk]
    assert set(allocated_children(sw, teams=True)) == {council.child_a, council.child_a2}
    manager = council.users["team_manager"]
    outside = ChildFactory()
    AllocationFactory(child=outside, social_worker=manager, team=council.team_b)
    assert set(allocated_children(manager, teams=True)) == {council.child_a, council.child_a2}
    assert allocated_children(manager, teams=False) == []  # team B's: not theirs to see
    iro = council.users["iro"]
    AllocationFactory(child=ChildFactory(), social_worker=iro, team=council.team_b, iro=None)
    assert allocated_children(iro, teams=False) == []  # they review none of it
    client.force_login(manager)
    html = client.get("/my-work/", {"scope": "mine", "show": "deadlines"}).content.decode()
    assert outside.child_id not in html
