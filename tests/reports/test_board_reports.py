"""The Permanence Monitoring Panel's pack (/reports/pmp/) and the Corporate Parenting Board's
report (/reports/cpb/), issue 16 item 3: who may see them, what they show, the children behind
each figure (need-to-know), the audit, the PDF and Excel downloads, and a query count that does
not grow with the children. The figures themselves are worked through in
tests/domain/measures/test_quarters.py.

The panel's and the board's names come from the council profile (Dudley here: the Permanence
Strategy, 000_f860603ee99ef2b2.txt, introduction and 'Corporate Parenting').
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote, quote_plus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child
from homeward.reports import board
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    EpisodeFactory,
    JourneyEventFactory,
)
from tests.oversight.helpers import agreed_plan, looked_after

PMP = "/reports/pmp/"
CPB = "/reports/cpb/"
ALLOWED = ("service_manager", "performance_analyst", "team_manager")
REFUSED = (
    "social_worker",
    "iro",
    "permanence_coordinator",
    "court_progression_manager",
    "panel_administrator",
    "family_finder",
    "system_administrator",
)


def _on(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _adopted(council, *, team=None) -> Child:
    """Adopted 30 days ago (in this quarter, Q3 2026-27), as the SSDA903 episodes record it
    (REC E11): in care from 500 days ago (C2, foster care), placed for adoption with new carers
    200 days ago (RNE P, E1, A4); a placement order 300 days ago and the match 250 days ago on
    the journey. A1 = 500 - 200 = 300 days; A2 = 300 - 250 = 50 days."""
    child = ChildFactory()
    AllocationFactory(
        child=child, social_worker=council.users["social_worker"], team=team or council.team_a
    )
    EpisodeFactory(
        child=child, start_date=_on(500), end_date=_on(200), legal_status="C2", reason_ceased="X1"
    )
    EpisodeFactory(
        child=child,
        start_date=_on(200),
        end_date=_on(30),
        reason_new_episode="P",
        legal_status="E1",
        placement_type="A4",
        reason_ceased="E11",
    )
    JourneyEventFactory(child=child, kind="placement_order", date=_on(300))
    JourneyEventFactory(child=child, kind="matched", date=_on(250))
    return child


@pytest.mark.parametrize("url", [PMP, CPB, f"{PMP}children/", f"{CPB}children/"])
def test_only_service_managers_analysts_and_team_managers(client, council, url):
    for role in REFUSED:
        client.force_login(council.users[role])
        assert client.get(url).status_code == 403, role
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, summary__startswith="Refused: ")
    for role in ALLOWED:
        client.force_login(council.users[role])
        found = client.get(url, {"measure": "A1", "quarter": "2026-Q3"})
        assert found.status_code == 200, role


def test_the_pack_by_stage_and_reason_with_its_chart_and_audit(client, council):
    drifting = looked_after(council, days_ago=400)  # the reviews and plan long overdue
    planned = looked_after(council, days_ago=3)  # nothing due yet (a visit within a week)
    agreed_plan(planned, "adoption")
    client.force_login(council.users["service_manager"])
    response = client.get(PMP)
    page = _text(response)
    assert "Permanence Monitoring Panel pack" in page
    assert "Dudley Permanence Strategy, introduction" in page
    html = response.content.decode()
    # Every chart: an SVG with a title and a description, its table beside it.
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        root = ET.fromstring(svg)
        assert root.find("{http://www.w3.org/2000/svg}title").text
        assert root.find("{http://www.w3.org/2000/svg}desc").text
    assert 'id="stages-table"' in html and 'id="overdue-table"' in html
    assert "Adoption (agreed plan)" in page or "(agreed plan)" in page
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, summary__startswith="Viewed the Permanence Monitoring Panel pack"
    ).exists()
    # Drill down: the children with a deadline overdue.
    drill = client.get(f"{PMP}children/", {"reason": "deadline"})
    names = _text(drill)
    assert drifting.full_name in names and planned.full_name not in names
    assert f'href="/children/{drifting.child_id}/timescales/"' in drill.content.decode()
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, summary__contains="children behind a figure"
    ).exists()
    nothing = _text(client.get(f"{PMP}children/", {"reason": "none"}))
    assert drifting.full_name not in nothing and planned.full_name in nothing
    # By the longest overdue deadline, as the second table links it.
    worst = next(
        t
        for t, _ in board.overdue_by_deadline(
            board.looked_after(Child.objects.filter(pk=drifting.pk), timezone.localdate())
        )
    )
    assert f"?deadline={quote_plus(worst)}" in html or f"?deadline={quote(worst)}" in html
    by_deadline = _text(client.get(f"{PMP}children/", {"deadline": worst}))
    assert drifting.full_name in by_deadline and f"Longest overdue: {worst}" in by_deadline


def test_a_team_manager_sees_only_their_teams_children(client, council):
    ours = looked_after(council, days_ago=400)
    theirs = looked_after(council, days_ago=400, worker_key="social_worker_other_team")
    theirs.allocations.update(team=council.team_b)
    from homeward.oversight import drift

    drift.refresh([theirs.pk])
    client.force_login(council.users["team_manager"])
    page = _text(client.get(f"{PMP}children/"))
    assert ours.full_name in page and theirs.full_name not in page
    client.force_login(council.users["service_manager"])
    page = _text(client.get(f"{PMP}children/"))
    assert ours.full_name in page and theirs.full_name in page


def test_the_board_report_by_quarter_against_the_thresholds(client, council):
    child = _adopted(council)
    client.force_login(council.users["performance_analyst"])
    response = client.get(CPB)
    page = _text(response)
    assert "Corporate Parenting Board report" in page
    assert "Q1 is April to June" in page  # financial-year quarters, said on the page
    assert "National threshold: 426 days or fewer" in page
    assert "No child qualifies" in page  # quarters with no adoption: never 0
    html = response.content.decode()
    a1 = html[html.index('id="measure-A1"') :]
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", a1, flags=re.S).group(0))
    bars = svg.findall("{http://www.w3.org/2000/svg}g[@class='hw-bar']")
    assert [b.get("data-label") for b in bars] == [
        "Q3 2025-26",
        "Q4 2025-26",
        "Q1 2026-27",
        "Q2 2026-27",
        "Q3 2026-27",
    ]
    table = _text_of(a1[: a1.index("</table>")])
    assert "Q3 2026-27" in table and "300 days" in table and "1 child" in table
    assert 'href="/reports/match-outcomes/"' in html and 'href="/reports/forecasts/"' in html
    drill = client.get(f"{CPB}children/", {"measure": "A1", "quarter": "2026-Q3"})
    assert drill.status_code == 200
    assert child.full_name in _text(drill)
    assert "Entered care" in _text(drill)
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, summary="Viewed the children behind A1 for Q3 2026-27 (1 child)"
    ).exists()
    # No plan past its deadline: a child looked after 400 days, plan due at the second review.
    drifting = looked_after(council, days_ago=400)
    no_plan = _text(client.get(f"{CPB}children/", {"measure": "no-plan", "quarter": "2026-Q3"}))
    assert drifting.full_name in no_plan and "no plan agreed by 24 November 2026" in no_plan
    for bad in ({"measure": "A1", "quarter": "2020-Q1"}, {"measure": "nope", "quarter": "2026-Q3"}):
        assert client.get(f"{CPB}children/", bad).status_code == 404


def _text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_drill_down_lists_only_children_the_user_may_see(client, council, monkeypatch):
    shown = _adopted(council)
    hidden = _adopted(council)
    client.force_login(council.users["service_manager"])
    params = {"measure": "A1", "quarter": "2026-Q3"}
    both = _text(client.get(f"{CPB}children/", params))
    assert shown.full_name in both and hidden.full_name in both
    from homeward.accounts import access

    monkeypatch.setattr(
        access, "visible_children", lambda user: Child.objects.exclude(pk=hidden.pk)
    )
    one = _text(client.get(f"{CPB}children/", params))
    assert shown.full_name in one and hidden.full_name not in one


@pytest.mark.parametrize("url,name", [(PMP, "permanence-monitoring"), (CPB, "corporate-parenting")])
def test_the_pdf_and_the_workbook(client, council, url, name):
    _adopted(council)
    looked_after(council, days_ago=400)
    client.force_login(council.users["service_manager"])
    pdf = client.get(url, {"download": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f'filename="{name}-2026-11-24.pdf"' in pdf["Content-Disposition"]
    xlsx = client.get(url, {"download": "xlsx"})
    assert f'filename="{name}-2026-11-24.xlsx"' in xlsx["Content-Disposition"]
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    sheets = {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}
    if url == CPB:
        rows = sheets["Measures"]
        a1 = [r for r in rows if r[0].startswith("Average time between a child entering care")]
        assert [r[1] for r in a1][:1] == ["Q3 2025-26"]
        now = next(r for r in rows if r[0] == a1[0][0] and r[1] == "Q3 2026-27")
        assert (now[5], now[6], now[7]) == (300, "days", 1)
        assert now[9] == "National threshold: 426 days or fewer"
        assert any(r[4] == "No child qualifies" for r in rows)
        assert sheets["Children"][0] == ["Measure", "Quarter", "Child ID", "What the measure found"]
    else:
        assert sheets["By stage"][0][:2] == ["Stage", "Children"]
        # The one looked after 400 days and the fixture's three (looked after 90 days).
        assert sum(r[1] for r in sheets["By stage"][1:]) == 4
        assert set(sheets) == {"By stage", "Longest overdue", "Exceptions", "Decisions needed"}
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 2


@pytest.mark.parametrize("url", [PMP, CPB, f"{PMP}children/?reason=deadline"])
def test_the_query_count_does_not_grow_with_the_children(
    client, council, url, django_assert_max_num_queries
):
    looked_after(council, days_ago=400)
    _adopted(council)
    client.force_login(council.users["service_manager"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(12):
        child = looked_after(council, days_ago=300 + n)
        agreed_plan(child, "adoption") if n % 3 == 0 else None
        _adopted(council)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_a_team_filter_narrows_both_reports_their_figures_links_and_files(client, council):
    """Issue 16, "a team filter": ``?team=`` (a team's name, as the drift dashboard's) counts only
    the children allocated to that team now; every figure's link, the downloads and the audit
    carry it; a team that does not exist is ignored (every child the user may see)."""
    ours = looked_after(council, days_ago=400)
    theirs = looked_after(council, days_ago=400, worker_key="social_worker_other_team")
    theirs.allocations.update(team=council.team_b)
    from homeward.oversight import drift

    drift.refresh([theirs.pk])
    adopted_b = _adopted(council, team=council.team_b)
    client.force_login(council.users["service_manager"])

    pack = client.get(PMP, {"team": "Team B"})
    html = pack.content.decode()
    assert "Permanence Monitoring Panel pack: Team B" in _text(pack)
    # Theirs and the fixture's child_b (Team B, looked after 90 days).
    assert "2 children looked after in Team B." in _text(pack)
    assert '<option value="Team B" selected>' in html
    # The "Prepare ..." buttons ask for the team's files (homeward/exports).
    assert '<input type="hidden" name="team" value="Team B">' in html
    assert "&amp;team=Team+B" in html  # the drill-down links keep the team
    drill = _text(client.get(f"{PMP}children/", {"reason": "deadline", "team": "Team B"}))
    assert theirs.full_name in drill and ours.full_name not in drill and "Team: Team B" in drill
    assert AuditEntry.objects.filter(
        summary__startswith="Viewed the Permanence Monitoring Panel pack for Team B"
    ).exists()
    # Unknown: ignored, so both are counted.
    everyone = _text(client.get(f"{PMP}children/", {"reason": "deadline", "team": "Team Z"}))
    assert theirs.full_name in everyone and ours.full_name in everyone

    report = client.get(CPB, {"team": "Team A"})
    a1 = report.content.decode()
    a1 = a1[a1.index('id="measure-A1"') :]
    assert "300 days" not in _text_of(a1[: a1.index("</table>")])  # Team B's adoption
    report_b = client.get(CPB, {"team": "Team B"}).content.decode()
    a1_b = report_b[report_b.index('id="measure-A1"') :]
    assert "300 days" in _text_of(a1_b[: a1_b.index("</table>")])
    assert "quarter=2026-Q3&amp;team=Team+B" in report_b
    behind = _text(client.get(f"{CPB}children/", {"measure": "A1", "quarter": "2026-Q3"}))
    assert adopted_b.full_name in behind
    only_a = client.get(
        f"{CPB}children/", {"measure": "A1", "quarter": "2026-Q3", "team": "Team A"}
    )
    assert adopted_b.full_name not in _text(only_a)
    xlsx = client.get(CPB, {"team": "Team B", "download": "xlsx"})
    assert 'filename="corporate-parenting-2026-11-24-team-b.xlsx"' in xlsx["Content-Disposition"]
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT,
        summary__startswith="Downloaded the Corporate Parenting Board report for Team B",
    ).exists()


def test_time_to_permanence_by_route_is_on_the_board_report(client, council):
    """Issue 16 item 1: the adopted child left care by adoption (REC E11) 30 days ago, 500 days
    after entering care: the adoption route's row for this quarter says 470 days."""
    _adopted(council)
    client.force_login(council.users["performance_analyst"])
    html = client.get(CPB).content.decode()
    row = html[html.index('id="measure-ttp-adoption"') :]
    assert "470 days (1 child)" in _text_of(row[: row.index("</table>")])
    assert 'id="measure-ttp-special-guardianship"' in html


def test_the_pack_page_lists_the_first_of_each_list_and_says_how_many_more(
    client, council, monkeypatch
):
    """A council's pack can hold hundreds of thresholds passed (476 at 5,000 children): the page
    lists the furthest over and the soonest due, says how many more there are and where to see
    them; the PDF and the workbook list every one."""
    from homeward.reports import board_views

    monkeypatch.setattr(board_views, "PACK_ROWS_SHOWN", 1)
    further = looked_after(council, days_ago=460)  # A1 (426 days) over by 34
    JourneyEventFactory(child=further, kind="placement_order", date=_on(100))
    nearer = looked_after(council, days_ago=430)  # over by 4
    JourneyEventFactory(child=nearer, kind="placement_order", date=_on(100))
    client.force_login(council.users["service_manager"])
    response = client.get(PMP)
    page = _text(response)
    exceptions = page[page.index("National thresholds passed (2)") :]
    assert further.full_name in exceptions.split("Decisions needed")[0]
    assert nearer.full_name not in exceptions.split("Decisions needed")[0]
    assert "These are the 1 furthest over of 2." in page
    assert 'href="/reports/forecasts/?show=breached"' in response.content.decode()
    # A team manager may not open the forecasts page: no link to it, the downloads named.
    client.force_login(council.users["team_manager"])
    page = _text(client.get(PMP))
    assert "These are the 1 furthest over of 2." in page
    assert "/reports/forecasts/" not in client.get(PMP).content.decode()
    assert "The pack's PDF and Excel workbook list every one." in page
