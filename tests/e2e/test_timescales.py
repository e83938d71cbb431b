"""Timescales where people work: "My work" worklists, a child's Timescales tab and the drift
dashboard, with who may see what, the downloads and reflow at 320 pixels."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from homeward.accounts import access
from homeward.accounts.models import User
from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child
from homeward.oversight import selectors
from homeward.oversight.downloads import DRIFT_COLUMNS
from homeward.oversight.views import WORKLIST_PAGE
from homeward.timescales.models import Expectation
from tests.e2e.conftest import Demo
from tests.e2e.helpers import (
    check_page,
    focus_is_visible,
    follow,
    record_sections,
    sign_in,
    title,
    visit,
)
from tests.e2e.test_layout import WIDTH, assert_fits
from tests.e2e.test_ssda903 import run_worker

# "14 March 2026", as the GOV.UK style guide writes dates (never "14/03/2026" or "14 Mar").
GOVUK_DATE = re.compile(
    r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{4}$"
)
STATUS = re.compile(
    r"^(Overdue( \d+ days?)?|Due soon|Upcoming|Met on time|Met \d+ days? late"
    r"|No longer applies)$"
)


def menu(page: Page) -> Locator:
    """The service navigation."""
    return page.get_by_role("navigation", name="Menu")


def tabs(page: Page) -> Locator:
    """The sections of a child's record, opened if folded (a small screen)."""
    return record_sections(page)


def tab_to(page: Page, target: Locator, *, presses: int = 30) -> None:
    """Press Tab until ``target`` has focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{target} never took focus in {presses} presses of Tab")


def line_count(element: Locator) -> int:
    """How many lines an element's text takes."""
    return int(
        element.evaluate(
            """el => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        }"""
        )
    )


def font_size(element: Locator) -> float:
    return float(element.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))


def open_items(user: User, **allocated: object) -> list[Expectation]:
    """What "My work" should list: the stored worklist over the children in scope."""
    children = access.visible_children(user).filter(allocations__ended_on__isnull=True, **allocated)
    return list(selectors.worklist(children, today=timezone.localdate()))


def child_ids(table: Locator) -> list[str]:
    """The child IDs in the first column of a worklist or the drift table, top to bottom."""
    return table.locator("tbody tr td:first-child .govuk-body-s").all_inner_texts()


@pytest.mark.e2e
def test_social_worker_follows_my_work_to_a_childs_timescales_and_tabs_to_the_record(
    page: Page, demo: Demo
) -> None:
    expected = open_items(demo.social_worker, allocations__social_worker=demo.social_worker)
    assert expected, "the demo should give the social worker something due"
    overdue = sum(1 for item in expected if item.status == "overdue")

    sign_in(page, "social-worker")
    follow(page, menu(page).get_by_role("link", name="My work"))

    expect(page).to_have_url("/my-work/")
    expect(page).to_have_title(title("My work"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(menu(page).get_by_role("link", name="My work")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("radio", name="My children")).to_be_checked()
    for label in ("My children", "My teams"):  # GOV.UK Frontend's small inline radios wrap
        assert line_count(page.locator("label", has_text=label)) == 1, f"{label!r} wraps"
    expect(page.get_by_role("status")).to_have_text(f"{overdue} overdue, {len(expected)} in all.")
    # The deadlines, grouped Overdue / Today / Tomorrow / This week / Later: a table per group,
    # in that order, each a region named by its heading.
    work = page.locator("#deadlines ~ .hw-table-wrap")
    assert child_ids(work) == [item.child.child_id for item in expected][:WORKLIST_PAGE]
    statuses = work.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert all(STATUS.match(s) for s in statuses), statuses
    urgency = [0 if s.startswith("Overdue") else 1 for s in statuses]
    assert urgency == sorted(urgency), "overdue first, then what is due soon"
    for due in work.locator("tbody tr td:nth-child(3)").all_inner_texts()[:10]:
        assert GOVUK_DATE.match(due), due

    first: Child = expected[0].child
    follow(page, work.get_by_role("link", name=first.list_name).first)

    expect(page).to_have_url(f"/children/{first.child_id}/timescales/")
    expect(page).to_have_title(title(f"Timescales – {first.full_name} ({first.child_id})"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Timescales")
    expect(tabs(page).get_by_role("link", name="Timescales")).to_have_attribute(
        "aria-current", "page"
    )
    expect(tabs(page).get_by_role("link", name="Record")).not_to_have_attribute(
        "aria-current", re.compile(".")
    )
    table = page.get_by_role("region", name="Timescales")
    rows = table.locator("tbody tr")
    expect(rows.first).to_be_visible()
    first_row = rows.first.locator("td")
    most_urgent = expected[0]
    what = most_urgent.title
    expect(first_row.nth(0)).to_have_text(
        f"{what} ({most_urgent.occurrence})" if most_urgent.occurrence > 1 else what
    )
    expect(first_row.nth(1)).to_have_text(GOVUK_DATE)
    expect(first_row.nth(2).locator(".govuk-tag")).to_have_text(STATUS)
    why = first_row.nth(4)
    expect(why.locator("p").first).to_have_text(re.compile(r"^Due \d{1,2} \w+ \d{4}( because |: )"))
    expect(why.locator("p").nth(1)).to_have_text(re.compile(r"^Source: \S"))
    # The source is the smaller print, never larger than the explanation.
    assert font_size(why.locator("p").nth(1)) <= font_size(why.locator("p").first)
    for due in table.locator("tbody tr td:nth-child(2)").all_inner_texts():
        assert GOVUK_DATE.match(due), due

    record = tabs(page).get_by_role("link", name="Record")
    tab_to(page, record)
    assert focus_is_visible(page), "the Record tab's focus state cannot be seen"
    follow(page, "Enter")
    expect(page).to_have_url(f"/children/{first.child_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(first.full_name)
    expect(record).to_have_attribute("aria-current", "page")
    timescales = tabs(page).get_by_role("link", name="Timescales")
    expect(timescales).not_to_have_attribute("aria-current", re.compile("."))

    tab_to(page, timescales)
    assert focus_is_visible(page), "the Timescales tab's focus state cannot be seen"
    follow(page, "Enter")
    expect(page).to_have_url(f"/children/{first.child_id}/timescales/")
    expect(timescales).to_have_attribute("aria-current", "page")
    expect(record).not_to_have_attribute("aria-current", re.compile("."))


@pytest.mark.e2e
def test_team_managers_work_is_their_teams_children(page: Page, demo: Demo) -> None:
    manager = User.objects.get(username="team-manager")
    expected = open_items(manager, allocations__team__in=manager.teams.all())
    theirs = open_items(demo.other_team_social_worker)
    assert expected and theirs

    sign_in(page, "team-manager")
    follow(page, menu(page).get_by_role("link", name="My work"))

    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("main")).to_contain_text("for your teams' children")
    expect(page.get_by_role("radio")).to_have_count(0)  # one scope only: no choice to offer
    shown = child_ids(page.locator("#deadlines ~ .hw-table-wrap"))
    assert shown == [item.child.child_id for item in expected][:WORKLIST_PAGE]
    workers = {
        item.child.allocations.get(ended_on__isnull=True).social_worker.username
        for item in expected
    }
    assert "social-worker" in workers and len(workers) > 1, workers  # not just one caseload
    assert not set(shown) & {item.child.child_id for item in theirs}, "another team's children"


@pytest.mark.e2e
def test_service_manager_filters_drift_and_downloads_it(page: Page, demo: Demo) -> None:
    sign_in(page, "service-manager")
    follow(page, menu(page).get_by_role("link", name="Drift"))
    expect(page).to_have_url("/drift/")
    expect(page).to_have_title(title("Drift"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Drift")
    expect(menu(page).get_by_role("link", name="Drift")).to_have_attribute("aria-current", "page")

    page.get_by_label("Show").select_option(label="Only children with something overdue")
    follow(page, page.get_by_role("button", name="Apply filters"))

    expect(page).to_have_url(re.compile(r"/drift/\?.*only=overdue"))
    expect(page.get_by_label("Show")).to_have_value("overdue")
    children = page.get_by_role("region", name="Children drifting")
    rows = children.locator("tbody tr")
    expect(rows.first).to_be_visible()
    count = rows.count()
    assert count <= 100  # a page at a time
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^\d+ child(ren)?, the most drifting first\.$")
    )
    # Every child shown has a rule overdue, or an action, assessment or review overdue.
    overdue = rows.locator(
        "td:nth-child(5)", has_text=re.compile(r"\d+ overdue|or reviews? overdue")
    )
    expect(overdue).to_have_count(count)

    # Downloads are prepared in the background (homeward/exports): the button queues one and
    # opens its progress page, which checks by itself until the file is ready.
    shown = child_ids(children)
    filtered = page.url
    follow(page, page.get_by_role("button", name="Prepare a CSV download"))
    expect(page).to_have_url(re.compile(r"/exports/\d+/$"))
    expect(page.locator("#export-status")).to_contain_text("Status: Waiting to start")
    run_worker()
    ready = page.get_by_role("button", name=re.compile(r"^Download drift-.*\.csv$"))
    expect(ready).to_be_visible(timeout=10_000)
    expect(page.locator("#export-announcement")).to_have_text("Your download is ready.")
    check_page(page)
    with page.expect_download() as csv_download:
        ready.click()
    download = csv_download.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    with open(download.path(), newline="", encoding="utf-8-sig") as f:
        text = f.read()
    assert text.splitlines()[0].startswith("Child ID"), text[:200]
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == list(DRIFT_COLUMNS)
    assert [line[0] for line in lines[1:]] == shown  # every row, in order
    assert all(int(line[6]) > 0 for line in lines[1:]), "the filter carries into the download"

    visit(page, filtered)
    follow(page, page.get_by_role("button", name="Prepare an Excel download"))
    run_worker()
    visit(page, "/exports/")  # Your downloads: both, newest first, each with its link
    expect(page).to_have_title(title("Your downloads"))
    listed = page.get_by_role("region", name="Your downloads").locator("tbody tr")
    expect(listed).to_have_count(2)
    expect(listed.first).to_contain_text("Excel workbook")
    expect(listed.first).to_contain_text("Ready")
    with page.expect_download() as xlsx_download:
        listed.first.get_by_role("link", name=re.compile("^Download")).click()
    download = xlsx_download.value
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    sheet = load_workbook(io.BytesIO(download.path().read_bytes()), read_only=True)["Drift"]
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == list(DRIFT_COLUMNS)
    assert len(table) == count + 1
    page.set_viewport_size({"width": WIDTH, "height": 800})
    assert_fits(page)

    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT, username="service-manager")
    assert exports.count() == 2


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_a_social_worker_cannot_see_drift(page: Page) -> None:
    sign_in(page, "social-worker")
    expect(menu(page).get_by_role("link", name="Drift")).to_have_count(0)

    visit(page, "/drift/", status=403)

    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.get_by_role("main")).to_contain_text("The drift dashboard is for managers")
    expect(page.get_by_role("region", name="Children drifting")).to_have_count(0)
    refusal = AuditEntry.objects.filter(action=AuditAction.DENIED, username="social-worker")
    assert refusal.filter(summary="Refused: drift dashboard").count() == 1


@pytest.mark.e2e
def test_my_work_timescales_and_drift_fit_320_pixels(page: Page, demo: Demo) -> None:
    sign_in(page, "team-manager")
    page.set_viewport_size({"width": WIDTH, "height": 800})

    visit(page, "/my-work/")
    expect(
        page.get_by_role(
            "region", name=re.compile(r"^(Overdue|Today|Tomorrow|This week|Later)")
        ).first
    ).to_be_visible()
    assert_fits(page)

    visit(page, f"/children/{demo.child.child_id}/timescales/")
    expect(page.get_by_role("region", name="Timescales")).to_be_visible()
    assert_fits(page)
    # The identity bar wraps here; MOJ's justified container must not spread the name out.
    details = page.locator(".moj-identity-bar__details")
    assert details.evaluate("el => getComputedStyle(el).textAlign") in {"left", "start"}

    visit(page, "/drift/")
    expect(page.get_by_role("region", name="Children drifting")).to_be_visible()
    assert_fits(page)


def test_the_adoption_scorecard_on_a_childs_timescales_fits_320_pixels(
    page: Page, demo: Demo
) -> None:
    """A child waiting after a placement order: the A2 clock runs on their Timescales tab (issue
    15 item 6), axe-clean and readable at 320 px."""
    from datetime import timedelta

    from homeward.children.models import JourneyEvent

    JourneyEvent.objects.create(
        child=demo.child,
        kind="placement_order",
        date=timezone.localdate() - timedelta(days=90),
        source=JourneyEvent.Source.RECORDED,
    )
    sign_in(page, "service-manager")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, f"/children/{demo.child.child_id}/timescales/")
    expect(page.get_by_role("heading", name="Adoption scorecard")).to_be_visible()
    expect(page.get_by_text("A2: 31 days left")).to_be_visible()
    expect(page.get_by_role("region", name="Adoption scorecard")).to_be_visible()
    assert_fits(page)
