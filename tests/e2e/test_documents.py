"""Documents on a child's record in the browser (issue 17 item 5): the social worker uploads a
document at 320 pixels (the error path first), finds it on the Documents tab and downloads it,
and the download is audited. Every page axe-clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.audit.models import AuditAction, AuditEntry
from homeward.demo.documents import tiny_pdf
from homeward.documents.models import Document
from tests.e2e.helpers import check_page, follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.mark.e2e
def test_a_social_worker_uploads_and_downloads_a_document_at_320_pixels(page: Page, demo) -> None:
    child = demo.child
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/documents/")
    expect(page).to_have_title(title(f"Documents – {child.full_name} ({child.child_id})"))
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Upload a document"))
    assert_fits(page)

    # The error path: nothing chosen, the summary names each field.
    follow(page, page.get_by_role("button", name="Upload", exact=True))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the file to upload")
    expect(summary).to_contain_text("Select the type of document")
    assert_fits(page)

    # A file named as a PDF that is not one is refused, saying why.
    page.get_by_label("The file").set_input_files(
        {"name": "order.pdf", "mimeType": "application/pdf", "buffer": b"\x89PNG\r\n\x1a\n0000"}
    )
    page.get_by_role("group", name="What is it?").get_by_label("Court order").check()
    page.get_by_label("Title").fill("Interim care order")
    day = timezone.localdate() - dt.timedelta(days=3)
    group = page.get_by_role("group", name="Date of the document")
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
    follow(page, page.get_by_role("button", name="Upload", exact=True))
    expect(summary).to_contain_text("order.pdf is named as a PDF but its content is a PNG image")

    pdf = tiny_pdf("Interim care order (synthetic)")
    page.get_by_label("The file").set_input_files(
        {"name": "ico.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    follow(page, page.get_by_role("button", name="Upload", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Interim care order uploaded"
    )
    assert_fits(page)
    check_page(page)

    document = Document.objects.get(child=child, original_filename="ico.pdf")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Interim care order (download ico.pdf)").click()
    download = download_info.value
    assert download.suggested_filename == "ico.pdf"
    with open(download.path(), "rb") as f:
        assert f.read() == pdf
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, object_id=str(document.pk), username="social-worker"
    ).exists()
