"""The early permanence panel's pages: /panels/aepp/ (its list and PDF), the weekly admissions
report, and on a child's record their panels, the referral form and the outcome form.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Legal Gateway Panel /
Notification via weekly admissions report' (the permanency coordinator checks the weekly
admissions report), 'Achieving early permanence panel' (its members; 5pm Wednesday cut-off;
first PPM within 6 weeks), 'Outcomes from meeting'. SPEC section 1: only Dudley holds an AEPP.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.domain import panels as domain
from homeward.panels import selectors, services
from homeward.panels.models import Outcome, Referral
from tests.panels.conftest import (
    DUDLEY,
    after_cutoff,
    at,
    before_cutoff,
    last_sitting,
    today,
)

AEPP = "/panels/aepp/"
ADMISSIONS = "/panels/aepp/admissions/"
PDF = "/panels/aepp/pdf/"
MEMBERS = {
    "service_manager",
    "panel_administrator",
    "team_manager",
    "team_manager_other_team",
    "court_progression_manager",
    "permanence_coordinator",
}


def refer(council, child, sitting, **kwargs):
    arguments = {
        "panel_date": sitting.date,
        "route": "weekly_admissions",
        "is_late": False,
        "late_reason": "",
        "by": council.users["permanence_coordinator"],
        "now": before_cutoff(sitting),
    }
    arguments.update(kwargs)
    return services.refer(child, **arguments)


def next_sitting() -> domain.Sitting:
    return DUDLEY.next_sitting(today())


# -- who sees the lists ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [AEPP, ADMISSIONS, PDF])
@pytest.mark.parametrize(
    "role",
    [
        "social_worker",
        "colleague",
        "team_manager",
        "iro",
        "permanence_coordinator",
        "court_progression_manager",
        "panel_administrator",
        "family_finder",
        "service_manager",
        "performance_analyst",
        "system_administrator",
    ],
)
def test_the_panels_lists_are_for_its_members_only(client, council, role, url) -> None:
    """Need to know: the panel's members (DQ 'Achieving early permanence panel': service
    managers, panel administrator, team managers, court progression manager, permanency
    coordinator) see its lists; everyone else is refused, and the refusal is audited."""
    client.force_login(council.users[role])
    response = client.get(url)
    if role in MEMBERS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert AuditEntry.objects.filter(
            action=AuditAction.DENIED, username=council.users[role].username
        ).exists()


@pytest.mark.parametrize("url", [AEPP, ADMISSIONS, PDF])
def test_signed_out_visitors_are_sent_to_sign_in(client, db, url) -> None:
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize("council_slug", ["durham", "devon"])
def test_councils_without_an_aepp_say_so_plainly(client, council, settings, council_slug) -> None:
    """SPEC section 1: the AEPP exists only in Dudley. Durham and Devon installations show a
    clear page, never an error."""
    settings.HOMEWARD_COUNCIL = council_slug
    client.force_login(council.users["service_manager"])
    child_id = council.child_a.child_id
    for url in (
        AEPP,
        ADMISSIONS,
        PDF,
        reverse("panels:child", args=[child_id]),
        reverse("panels:refer", args=[child_id]),
        reverse("panels:outcome", args=[child_id]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "does not hold an Achieving Early Permanence Panel" in response.content.decode()
    record = client.get(council.child_a.get_absolute_url()).content.decode()
    assert "Early permanence panel" not in record  # no tab, no menu item


def test_dudley_shows_the_panel_in_the_menu_and_on_the_childs_tabs(client, council) -> None:
    client.force_login(council.users["permanence_coordinator"])
    html = client.get(council.child_a.get_absolute_url()).content.decode()
    assert f'href="{AEPP}"' in html
    assert reverse("panels:child", args=[council.child_a.child_id]) in html
    client.force_login(council.users["social_worker"])
    html = client.get(council.child_a.get_absolute_url()).content.decode()
    assert f'href="{AEPP}"' not in html  # not a member: the tab, not the list


# -- the panel's list -----------------------------------------------------------------------------


def test_the_panel_page_shows_the_next_panel_its_cutoff_and_the_children(client, council) -> None:
    sitting = next_sitting()
    refer(council, council.child_a, sitting)
    refer(council, council.child_a2, sitting, route="legal_gateway")
    client.force_login(council.users["permanence_coordinator"])
    html = client.get(AEPP).content.decode()
    assert f"{domain.govuk_day(sitting.date)} (the next panel)" in html
    assert domain.describe_cutoff(sitting.cutoff) in html
    assert council.child_a.list_name in html and council.child_a2.list_name in html
    assert "Weekly admissions report" in html and "Legal Gateway Panel" in html
    assert "Children referred (2)" in html
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert entry.summary.startswith("Viewed the early permanence panel list for")


def test_late_referrals_are_flagged_with_their_reason(client, council) -> None:
    sitting = DUDLEY.next_sitting(today() + dt.timedelta(days=7))
    refer(
        council,
        council.child_a,
        sitting,
        now=after_cutoff(sitting),
        is_late=True,
        late_reason="Emergency placement on Thursday",
    )
    client.force_login(council.users["service_manager"])
    html = client.get(f"{AEPP}?date={sitting.date.isoformat()}").content.decode()
    assert "Late referral" in html and "Emergency placement on Thursday" in html


def test_a_team_manager_sees_their_teams_children_and_a_count_of_the_rest(client, council) -> None:
    """Only children they may see (homeward/accounts/access.py visible_children)."""
    sitting = next_sitting()
    refer(council, council.child_a, sitting)
    refer(council, council.child_b, sitting)
    client.force_login(council.users["team_manager"])
    html = client.get(AEPP).content.decode()
    assert council.child_a.list_name in html
    assert council.child_b.last_name not in html and council.child_b.child_id not in html
    assert "1 other child on this list is not shown" in html


def test_a_moved_panel_says_why(client, council) -> None:
    """Boxing Day 2026 is observed on Monday 28 December: the installation moves the panel to
    Tuesday 29 December (the seeds are silent; see the bank holidays note)."""
    client.force_login(council.users["panel_administrator"])
    html = client.get(f"{AEPP}?date=2026-12-29").content.decode()
    assert "Tuesday 29 December 2026" in html
    assert "Monday 28 December 2026 is a bank holiday (Boxing Day (observed))" in html
    assert "5pm on Wednesday 23 December 2026" in html
    assert "silent on bank holidays" in html
    assert client.get(f"{AEPP}?date=2026-12-28").status_code == 404
    assert client.get(f"{AEPP}?date=not-a-date").status_code == 404


def test_past_panels_show_their_outcomes(client, council) -> None:
    sitting = last_sitting()
    referral = refer(council, council.child_a, sitting)
    services.record_outcome(
        referral,
        pathway="adoption",
        worker=council.users["family_finder"],
        first_ppm_date=sitting.date + dt.timedelta(weeks=4),
        notes="",
        by=council.users["permanence_coordinator"],
    )
    client.force_login(council.users["panel_administrator"])
    html = client.get(f"{AEPP}?date={sitting.date.isoformat()}").content.decode()
    assert "Adoption" in html and "Adoption family finder" in html
    assert "Held" in html
    assert "Change<span" not in html  # the panel administrator reads; members who record change


def test_the_panel_list_as_a_pdf(client, council) -> None:
    """Issue 5 item 7: the panel list as PDF (WeasyPrint), audited as an export."""
    sitting = next_sitting()
    refer(council, council.child_a, sitting)
    client.force_login(council.users["panel_administrator"])
    response = client.get(f"{PDF}?date={sitting.date.isoformat()}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"aepp-{sitting.date.isoformat()}.pdf" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Achieving Early Permanence Panel" in text
    assert council.child_a.full_name in text and council.child_a.child_id in text
    assert domain.describe_cutoff(sitting.cutoff) in text
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert "as a PDF (1 children)" in entry.summary


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_panel_list_query_count_does_not_grow_with_children(client, council, admitted) -> None:
    sitting = next_sitting()
    url = f"{AEPP}?date={sitting.date.isoformat()}"
    client.force_login(council.users["team_manager"])
    for _ in range(2):
        refer(council, admitted(), sitting)
    small = queries_for(client, url)
    for _ in range(15):
        referral = refer(council, admitted(), sitting)
        assert referral.pk
    refer(council, admitted(team=council.team_b), sitting)  # hidden from this manager
    assert queries_for(client, url) == small


# -- the weekly admissions report -----------------------------------------------------------------


def test_weekly_admissions_lists_children_looked_after_in_the_last_7_days_not_yet_referred(
    client, council, admitted
) -> None:
    """DQ 'Notification via weekly admissions report'; issue 5: "a 'weekly admissions' list of
    children who became looked after in the last 7 days and not yet referred"."""
    new = admitted(days_ago=2, first_name="Newly")
    week = admitted(days_ago=7, first_name="Weekold")
    older = admitted(days_ago=8, first_name="Tooold")
    referred = admitted(days_ago=1, first_name="Referred")
    refer(council, referred, DUDLEY.first_in_time_for(at(today(), 0)), now=at(today(), 0))
    left = admitted(days_ago=5, first_name="Wentback")
    JourneyEvent.objects.create(child=left, kind="ceased_looked_after", date=today())
    other_team = admitted(days_ago=3, team=council.team_b, first_name="Otherteam")
    client.force_login(council.users["team_manager"])
    html = client.get(ADMISSIONS).content.decode()
    assert new.child_id in html and week.child_id in html
    for absent in (older, referred, left, other_team):
        assert absent.child_id not in html
    assert "2 children not yet referred" in html
    # The engine's deadline for the panel: within 2 weeks of becoming looked after (SPEC T1).
    due = today() - dt.timedelta(days=2) + dt.timedelta(weeks=2)
    assert f"{due.day} {due:%B %Y}" in html
    assert reverse("panels:refer", args=[new.child_id]) in html
    client.force_login(council.users["permanence_coordinator"])
    html = client.get(ADMISSIONS).content.decode()
    assert other_team.child_id in html
    client.force_login(council.users["panel_administrator"])
    html = client.get(ADMISSIONS).content.decode()
    assert other_team.child_id in html and "?route=weekly_admissions" not in html  # reads only


def test_weekly_admissions_query_count_does_not_grow(client, council, admitted) -> None:
    client.force_login(council.users["permanence_coordinator"])
    for days_ago in range(3):
        admitted(days_ago=days_ago)
    small = queries_for(client, ADMISSIONS)
    for n in range(30):
        admitted(days_ago=n % 8)
    assert queries_for(client, ADMISSIONS) == small


# -- on the child's record ------------------------------------------------------------------------


def test_the_childs_tab_shows_their_panels_and_how_to_refer(client, council) -> None:
    client.force_login(council.users["social_worker"])
    url = reverse("panels:child", args=[council.child_a.child_id])
    html = client.get(url).content.decode()
    assert "has not been referred to the panel" in html
    assert reverse("panels:refer", args=[council.child_a.child_id]) in html
    sitting = next_sitting()
    refer(council, council.child_a, sitting)
    html = client.get(url).content.decode()
    assert "is on the list for the panel on" in html
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, child_id=council.child_a.child_id
    ).exists()


def test_a_social_worker_refers_their_child_from_the_record(client, council, clock) -> None:
    """DQ: the social worker sends the referral by 5pm on the Wednesday."""
    clock(at(dt.date(2026, 12, 1), 10))  # a Tuesday: Monday 7 December's cut-off is tomorrow
    client.force_login(council.users["social_worker"])
    url = reverse("panels:refer", args=[council.child_a.child_id])
    html = client.get(url).content.decode()
    assert "Monday 7 December 2026: referrals by 5pm on Wednesday 2 December 2026" in html
    response = client.post(url, {"panel": "2026-12-07", "route": "legal_gateway"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.referred_by == council.users["social_worker"] and not referral.is_late


def test_a_late_referral_without_the_flag_is_refused_on_the_form(client, council, clock) -> None:
    """Issue 5 "Bad input": refused with a clear message, nothing saved."""
    clock(at(dt.date(2026, 12, 3), 9))  # Thursday: Monday 7 December's cut-off has passed
    client.force_login(council.users["permanence_coordinator"])
    url = reverse("panels:refer", args=[council.child_a.child_id]) + "?from=admissions"
    html = client.get(url).content.decode()
    assert "(cut-off passed: a late referral)" in html
    response = client.post(url, {"panel": "2026-12-07", "route": "weekly_admissions"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The cut-off for the panel on Monday 7 December 2026 was 5pm on Wednesday" in html
    assert "<title>Error:" in html
    assert Referral.objects.count() == 0
    response = client.post(
        url,
        {"panel": "2026-12-07", "route": "weekly_admissions", "is_late": "on"},
    )
    assert "Enter why the referral is late" in response.content.decode()
    response = client.post(
        url,
        {
            "panel": "2026-12-07",
            "route": "weekly_admissions",
            "is_late": "on",
            "late_reason": "Admitted on Wednesday evening",
        },
    )
    assert response.status_code == 302 and response["Location"] == ADMISSIONS
    assert Referral.objects.get().is_late


def test_the_referral_form_names_a_missing_answer(client, council, clock) -> None:
    clock(at(dt.date(2026, 12, 1), 10))
    client.force_login(council.users["permanence_coordinator"])
    url = reverse("panels:refer", args=[council.child_a.child_id])
    html = client.post(url, {"panel": "2026-12-07"}).content.decode()
    assert "Select how the child was referred" in html
    html = client.post(url, {"panel": "2026-12-08", "route": "legal_gateway"}).content.decode()
    assert "Select a valid choice" in html
    assert Referral.objects.count() == 0


def test_recording_the_outcome_on_the_form(client, council) -> None:
    sitting = last_sitting()
    refer(council, council.child_a, sitting)
    client.force_login(council.users["team_manager"])
    url = reverse("panels:outcome", args=[council.child_a.child_id])
    due = sitting.date + dt.timedelta(weeks=6)
    html = client.get(url).content.decode()
    assert f"By {domain.govuk_day(due)}: within 6 weeks of the panel" in html
    late = due + dt.timedelta(days=3)
    form = {
        "pathway": "fostering",
        "worker": council.users["family_finder"].pk,
        "first_ppm_date_0": late.day,
        "first_ppm_date_1": late.month,
        "first_ppm_date_2": late.year,
        "notes": "Fostering family finder to start this week.",
    }
    html = client.post(url, form).content.decode()
    assert "There is a problem" in html and "must be within 6 weeks of the panel" in html
    assert Outcome.objects.count() == 0
    assert not JourneyEvent.objects.filter(kind="aepp_held").exists()
    ok = due - dt.timedelta(days=7)
    form.update(first_ppm_date_0=ok.day, first_ppm_date_1=ok.month, first_ppm_date_2=ok.year)
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"] == f"{AEPP}?date={sitting.date.isoformat()}"
    outcome = Outcome.objects.get()
    assert outcome.first_ppm_date == ok and outcome.journey_event.kind == "aepp_held"


def test_the_outcome_form_waits_for_the_panel_and_for_a_referral(client, council) -> None:
    client.force_login(council.users["service_manager"])
    url = reverse("panels:outcome", args=[council.child_a.child_id])
    assert "has not been referred" in client.get(url).content.decode()
    upcoming = DUDLEY.next_sitting(today() + dt.timedelta(days=1))
    refer(council, council.child_a, upcoming)
    html = client.get(url).content.decode()
    assert "has not sat yet" in html and "Save outcome" not in html
    response = client.post(url, {"pathway": "fostering"})
    assert response.status_code == 200 and Outcome.objects.count() == 0
    assert client.get(f"{url}?panel=2020-01-06").status_code == 404


def test_an_outcome_can_be_changed_from_its_own_values(client, council) -> None:
    sitting = last_sitting()
    referral = refer(council, council.child_a, sitting)
    first_ppm = sitting.date + dt.timedelta(weeks=3)
    services.record_outcome(
        referral,
        pathway="special_guardianship",
        worker=council.users["colleague"],
        first_ppm_date=first_ppm,
        notes="Paternal aunt to be assessed.",
        by=council.users["service_manager"],
    )
    client.force_login(council.users["service_manager"])
    url = reverse("panels:outcome", args=[council.child_a.child_id])
    html = client.get(f"{url}?panel={sitting.date.isoformat()}").content.decode()
    assert re.search(r'value="special_guardianship"\s+checked', html)
    assert "Special guardianship: SGO social worker allocated" in html
    assert f'value="{first_ppm.year}"' in html and "Paternal aunt to be assessed." in html
    response = client.post(
        f"{url}?panel={sitting.date.isoformat()}",
        {
            "pathway": "adoption",
            "worker": council.users["family_finder"].pk,
            "first_ppm_date_0": first_ppm.day,
            "first_ppm_date_1": first_ppm.month,
            "first_ppm_date_2": first_ppm.year,
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.pathway == "adoption" and outcome.notes == ""
    assert JourneyEvent.objects.filter(child=council.child_a, kind="aepp_held").count() == 1


# -- an installation's own day and cut-off ----------------------------------------------------
# Issue 5 item 4: "a panel every Monday (configurable day), a referral cut-off at 5pm on the
# Wednesday before (configurable)"; Dudley's own are in 001_d6c3849112f62e7d.txt.


@pytest.fixture
def thursdays(settings):
    """An installation whose panel sits on Thursdays, referrals by midday on the Monday before."""
    settings.HOMEWARD_AEPP_DAY = "thursday"
    settings.HOMEWARD_AEPP_CUTOFF_DAY = "monday"
    settings.HOMEWARD_AEPP_CUTOFF_TIME = "12:00"


def test_a_thursday_panel_shows_its_own_dates_and_monday_midday_cutoff(
    client, council, thursdays
) -> None:
    client.force_login(council.users["panel_administrator"])
    html = client.get(f"{AEPP}?date=2026-12-03").content.decode()
    assert "Thursday 3 December 2026" in html
    assert "midday on Monday 30 November 2026" in html  # GOV.UK style: "midday", not "12pm"
    assert "Every Thursday; referrals by midday on the Monday before." in html
    assert "This installation&#x27;s own panel day and cut-off" in html
    assert "5pm on Wednesday 2 December 2026" not in html  # the council's own, not in force
    assert client.get(f"{AEPP}?date=2026-12-07").status_code == 404  # a Monday: no panel
    html = client.get(AEPP).content.decode()
    upcoming = selectors.schedule()
    assert upcoming is not None
    assert f"{domain.govuk_day(upcoming.next_sitting(today()).date)} (the next panel)" in html
    assert upcoming.next_sitting(today()).regular_date.weekday() == 3  # a Thursday
    pdf = client.get(f"{PDF}?date=2026-12-03")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "midday on Monday 30 November 2026" in text


def test_a_thursday_panel_enforces_its_monday_midday_cutoff(
    client, council, clock, thursdays
) -> None:
    """In time at midday on the Monday itself ("no later than"); late a minute after, and then
    refused without the late flag, nothing saved."""
    clock(at(dt.date(2026, 11, 30), 12))
    client.force_login(council.users["permanence_coordinator"])
    url = reverse("panels:refer", args=[council.child_a.child_id])
    html = client.get(url).content.decode()
    assert "Thursday 3 December 2026: referrals by midday on Monday 30 November 2026" in html
    assert "Every Thursday; referrals by midday on the Monday before" in html
    assert "(cut-off passed" not in html.split("Thursday 10 December 2026")[0]
    response = client.post(url, {"panel": "2026-12-03", "route": "legal_gateway"})
    assert response.status_code == 302
    assert not Referral.objects.get(child=council.child_a).is_late

    clock(at(dt.date(2026, 11, 30), 12, 1))
    url = reverse("panels:refer", args=[council.child_a2.child_id])
    html = client.get(url).content.decode()
    assert (
        "Thursday 3 December 2026: referrals by midday on Monday 30 November 2026 "
        "(cut-off passed: a late referral)"
    ) in html
    html = client.post(url, {"panel": "2026-12-03", "route": "legal_gateway"}).content.decode()
    assert "There is a problem" in html
    assert (
        "The cut-off for the panel on Thursday 3 December 2026 was midday on Monday "
        "30 November 2026"
    ) in html
    html = client.post(url, {"panel": "2026-12-07", "route": "legal_gateway"}).content.decode()
    assert "Select a valid choice" in html  # Monday is not a panel day here
    assert not Referral.objects.filter(child=council.child_a2).exists()
    response = client.post(url, {"panel": "2026-12-10", "route": "legal_gateway"})
    assert response.status_code == 302
    referral = Referral.objects.get(child=council.child_a2)
    assert referral.panel.date == dt.date(2026, 12, 10) and not referral.is_late


def test_the_weekly_admissions_report_names_the_thursday_panel_in_time(
    client, council, clock, thursdays
) -> None:
    clock(at(dt.date(2026, 11, 30), 12, 1))
    client.force_login(council.users["permanence_coordinator"])
    html = client.get(ADMISSIONS).content.decode()
    assert (
        "in time for the panel on <strong>Thursday 10 December 2026</strong> (referrals by "
        "midday on Monday 7 December 2026)"
    ) in html


def test_the_referral_page_says_whether_the_next_panel_meets_the_2_week_deadline(
    client, council, clock
) -> None:
    """Issue 13 item 10. Became looked after Monday 23 November 2026: the panel is due within 2
    weeks, by Monday 7 December (DQ 'Legal Gateway Panel / Notification via weekly admissions
    report'). On Tuesday 1 December the panel of 7 December is still in time (cut-off 5pm on
    Wednesday 2 December): within the deadline. On Thursday 3 December the next panel in time
    sits on 14 December, 7 days after it."""
    child = council.child_a
    for event in JourneyEvent.objects.filter(child=child, kind="became_looked_after"):
        event.date = dt.date(2026, 11, 23)
        event.save()
    client.force_login(council.users["social_worker"])
    url = reverse("panels:refer", args=[child.child_id])
    clock(at(dt.date(2026, 12, 1), 10))
    html = " ".join(client.get(url).content.decode().split())
    assert "The panel is due by 7 December 2026" in html
    assert "considered at the panel on 7 December 2026, within that deadline" in html
    clock(at(dt.date(2026, 12, 3), 9))
    html = " ".join(client.get(url).content.decode().split())
    assert "sits on 14 December 2026, 7 days after the deadline" in html
