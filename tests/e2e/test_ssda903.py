"""The SSDA903 return: an analyst uploads the return's files, the background worker imports them
while the run page polls for progress (htmx), and the result, its blocking problems and the
DfE data-quality failures are shown, down to the notice on a child's record."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, expect

from homeward.ssda903.models import DataQualityFailure, ImportRun
from tests.e2e.helpers import check_page, follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
    "PL_POST,URN\n"
)
CHILD_ID = "E2E1"
FINISHED_WITHIN = 10_000  # ms: htmx polls every 2 s


# The demo's own import of its synthetic return (homeward/demo/builder.py): listed, not this test's.
DEMO_RUN = "Demo Borough's synthetic return"


@pytest.fixture(autouse=True)
def _uploads_in_tmp_path(settings, tmp_path: Path) -> None:
    settings.UPLOAD_ROOT = tmp_path / "uploads"


def write_return(folder: Path, *, ethnic: str = "WBRI", legal_status: str = "C1") -> list[Path]:
    """A one-child return (header.csv and episodes.csv) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    header = folder / "header.csv"
    header.write_text(f"{HEADER}{CHILD_ID},F,01/01/2015,{ethnic},,,\n")
    episodes = folder / "episodes.csv"
    episodes.write_text(f"{EPISODES}{CHILD_ID},01/06/2026,S,{legal_status},N1,U4,PR1,,,,,,\n")
    return [header, episodes]


def run_worker() -> None:
    """Run the queued tasks in this process, as ``manage.py db_worker`` would."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def upload(page: Page, username: str, files: list[Path]) -> None:
    """Sign in, open the return from the service navigation and upload the files."""
    sign_in(page, username)
    follow(page, page.get_by_role("link", name="SSDA903 return"))
    expect(page).to_have_url("/ssda903/")
    expect(page.get_by_role("heading", level=1)).to_have_text("SSDA903 return")
    page.get_by_label("The return's files").set_input_files(files)
    follow(page, page.get_by_role("button", name="Import", exact=True))


def console_errors(page: Page) -> list[str]:
    """Errors the page logs from now on (Content Security Policy violations are among them)."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_analyst_imports_a_return_and_the_run_page_shows_the_result_without_a_reload(
    page: Page, tmp_path: Path
) -> None:
    errors = console_errors(page)
    htmx = []
    page.on("response", lambda r: htmx.append(r.status) if "/htmx/" in r.url else None)

    upload(page, "analyst", write_return(tmp_path / "return"))

    run = ImportRun.objects.exclude(source__startswith=DEMO_RUN).get()
    expect(page).to_have_url(f"/ssda903/imports/{run.pk}/")
    expect(page).to_have_title(title("Import of header.csv, episodes.csv"))
    status = page.locator("#run-status")
    expect(status.locator(".govuk-tag")).to_have_text("Waiting to start")
    progress = page.get_by_label("Progress")
    expect(progress).to_have_js_property("max", 100)
    expect(status).to_have_attribute("hx-trigger", "every 2s")
    assert htmx == [200], htmx
    assert page.evaluate("typeof htmx") == "object"
    announcement = page.locator("#run-announcement")
    expect(announcement).to_have_attribute("aria-live", "polite")
    expect(announcement).to_be_empty()
    page.evaluate("window.notReloaded = true")
    announcement.evaluate("element => { element.stayed = true }")

    run_worker()

    expect(status.locator(".govuk-tag")).to_have_text("Imported", timeout=FINISHED_WITHIN)
    assert page.evaluate("window.notReloaded") is True  # htmx swapped it in: no reload
    # The live region was in the page all along (one swapped in is not announced).
    expect(announcement).to_have_text("The import has finished. Imported")
    assert announcement.evaluate("element => element.stayed") is True
    expect(status.locator("p").first).to_have_text("Imported")  # once, not "Imported Imported"
    expect(progress).to_have_count(0)
    expect(status).not_to_have_attribute("hx-trigger", re.compile("."))  # polling stops
    summary = status.locator(".govuk-summary-list")
    expect(summary.locator(".govuk-summary-list__row", has_text="Children")).to_contain_text(
        "1 (1 new)"
    )
    expect(summary.locator(".govuk-summary-list__row", has_text="Episodes")).to_contain_text("1")
    check_page(page)
    assert errors == [], errors
    run.refresh_from_db()
    assert run.status == ImportRun.Status.IMPORTED, run.message


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_a_return_with_a_blocking_problem_lists_it_and_offers_every_problem_as_csv(
    page: Page, tmp_path: Path
) -> None:
    upload(page, "analyst", write_return(tmp_path / "return", legal_status="Q9"))
    run_worker()

    status = page.locator("#run-status")
    expect(status.locator(".govuk-tag")).to_have_text("Not imported", timeout=FINISHED_WITHIN)
    check_page(page)
    expect(page.locator("#run-announcement")).to_have_text(
        "The import has finished. Not imported 1 problem(s) to fix; nothing was imported"
    )
    expect(page.get_by_role("heading", level=2, name="1 problem to fix")).to_be_visible()
    problems = page.get_by_role("region", name="Problems")
    cells = problems.locator("tbody tr").first.locator("td")
    expect(cells).to_have_text(["episodes.csv", "2", "LS", "LS 'Q9' is not an SSDA903 code"])

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download every problem as CSV").click()
    download = download_info.value
    run = ImportRun.objects.exclude(source__startswith=DEMO_RUN).get()
    assert download.suggested_filename == f"import-{run.pk}-problems.csv"
    with open(download.path(), newline="", encoding="utf-8") as f:
        assert list(csv.reader(f)) == [
            ["file", "row", "column", "message"],
            ["episodes.csv", "2", "LS", "LS 'Q9' is not an SSDA903 code"],
        ]


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_importing_without_choosing_files_shows_the_error_summary(page: Page) -> None:
    sign_in(page, "analyst")
    visit(page, "/ssda903/")
    follow(page, page.get_by_role("button", name="Import", exact=True))

    expect(page).to_have_url("/ssda903/")
    expect(page).to_have_title(title("Error: SSDA903 return"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    link = summary.locator(".govuk-error-summary__list a")
    expect(link).to_have_text(["Choose the return's CSV files or its XML file"])
    files = page.get_by_label("The return's files")
    expect(files).to_have_attribute("aria-describedby", re.compile("error"))
    link.click()
    expect(files).to_be_focused()
    assert not ImportRun.objects.exclude(source__startswith=DEMO_RUN).exists()


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_service_manager_follows_a_dfe_rule_to_the_notice_on_a_childs_record(
    page: Page, tmp_path: Path
) -> None:
    upload(page, "service-manager", write_return(tmp_path / "return", ethnic="XXXX"))
    run_worker()
    expect(page.locator("#run-status .govuk-tag")).to_have_text("Imported", timeout=FINISHED_WITHIN)
    check_page(page)

    follow(page, page.get_by_role("link", name="Back to the SSDA903 return"))
    follow(page, page.get_by_role("link", name=re.compile("^Data quality")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Data quality")
    follow(page, page.get_by_role("link", name="103", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Data quality: rule 103")
    row = page.get_by_role("region", name="Children failing rule 103").locator("tbody tr")
    expect(row.locator("td")).to_have_text([CHILD_ID, "Header", "2", "ETHNIC", re.compile(".")])
    follow(page, page.get_by_role("link", name=CHILD_ID, exact=True))

    expect(page).to_have_url(f"/children/{CHILD_ID}/")
    failing = DataQualityFailure.objects.filter(child_id=CHILD_ID).count()
    assert failing > 1  # the rest of this return is thin too: no UPN, postcodes or URN
    banner = page.get_by_role("region", name="Data quality")
    expect(banner).to_contain_text(f"fails {failing} DfE rule checks")
    banner.get_by_text("What the DfE will query").click()
    expect(banner.get_by_role("listitem").filter(has_text="Rule 103")).to_be_visible()


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_the_return_fits_320_pixels(page: Page, tmp_path: Path) -> None:
    upload(page, "analyst", write_return(tmp_path / "return", legal_status="Q9"))
    page.set_viewport_size({"width": WIDTH, "height": 800})
    run_worker()
    expect(page.locator("#run-status .govuk-tag")).to_have_text(
        "Not imported", timeout=FINISHED_WITHIN
    )
    check_page(page)
    assert_fits(page)

    visit(page, "/ssda903/")
    expect(page.get_by_role("region", name="Recent imports")).to_be_visible()
    assert_fits(page)


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_files_over_the_upload_limit_are_refused_with_the_error_on_the_form(
    page: Page, tmp_path: Path, settings
) -> None:
    settings.HOMEWARD_MAX_UPLOAD_MB = 0.05
    big = tmp_path / "header.csv"
    big.write_text(HEADER + f"{CHILD_ID},F,01/01/2015,WBRI,,,\n" * 4000)  # about 120 KB
    sign_in(page, "analyst")
    visit(page, "/ssda903/")
    page.get_by_label("The return's files").set_input_files([big])
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Import", exact=True).click()
    assert navigation.value.status == 413
    check_page(page)
    expect(page).to_have_title(title("Error: SSDA903 return"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    link = summary.locator(".govuk-error-summary__list a")
    expect(link).to_have_text(
        [re.compile(r"^The selected files must be smaller than 0\.05 MB in all \(these are 0\.1")]
    )
    link.click()
    expect(page.get_by_label("The return's files")).to_be_focused()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    assert_fits(page)
    assert not ImportRun.objects.exclude(source__startswith=DEMO_RUN).exists()


@pytest.mark.e2e
@pytest.mark.usefixtures("demo")
def test_an_import_whose_worker_died_ends_failed_and_offers_to_import_again(
    page: Page, time_machine
) -> None:
    run = ImportRun.objects.create(
        source="header.csv, episodes.csv", status=ImportRun.Status.WRITING, progress=30
    )
    time_machine.shift(dt.timedelta(minutes=6))  # not heard from since
    sign_in(page, "analyst")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, f"/ssda903/imports/{run.pk}/")
    status = page.locator("#run-status")
    expect(status.locator(".govuk-tag")).to_have_text("Failed")
    expect(status).to_contain_text("nothing was heard from the worker running it for 5 minutes")
    assert_fits(page)
    again = page.get_by_role("button", name="Import the files again")
    again.focus()
    follow(page, "Enter")  # by keyboard
    expect(page).to_have_url("/ssda903/#id_files")
    expect(page.get_by_role("heading", level=1)).to_have_text("SSDA903 return")
