"""The permanence bundle in the browser (issue 15 item 5): the demo family finder at 320 pixels
opens a child whose bundle lacks one document, sees that the panel cannot be booked, attaches
the missing file (nothing chosen first: the error summary names the field), and sees the gate
lift with the file listed for download. Every page axe-clean and not scrolling sideways."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.accounts.actor import Actor
from homeward.accounts.models import User
from homeward.demo.documents import tiny_pdf
from homeward.documents.models import Document
from homeward.domain import routes as domain
from homeward.matching import bundle
from homeward.matching.models import FamilyFinding
from tests.e2e.helpers import check_page, follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def _a_bundle_missing_one(finder: User) -> tuple[FamilyFinding, domain.BundleDocument]:
    """A demo child on a route with a bundle, its panel not yet recorded, every document but the
    last received."""
    today = timezone.localdate()
    for finding in FamilyFinding.objects.prefetch_related("steps_done").order_by("pk"):
        route = domain.route(finding.council, finding.route_key)
        panel = next((s for s in route.steps if s.needs_kind is domain.NeedsKind.BUNDLE), None)
        if route.bundle is None or panel is None or panel.key in finding.done():
            continue
        *first, last = route.bundle.documents
        received = bundle.received_of(finding)
        for document in first:
            if document.key not in received:
                bundle.attach_file(
                    finding,
                    document.key,
                    tiny_pdf(f"{document.title} (synthetic)"),
                    filename=f"{document.key}.pdf",
                    dated=today - dt.timedelta(days=1),
                    received=True,
                    actor=Actor.working_as(finder),
                    today=today,
                )
        assert last.key not in bundle.received_of(FamilyFinding.objects.get(pk=finding.pk))
        return finding, last
    raise AssertionError("The demo has no child before the panel on a route with a bundle")


@pytest.mark.e2e
def test_a_family_finder_attaches_the_last_document_and_the_gate_lifts(page: Page, demo) -> None:
    finder = User.objects.get(username="family-finder")
    finding, missing = _a_bundle_missing_one(finder)
    child = finding.child

    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "family-finder")
    visit(page, f"/children/{child.child_id}/family-finding/")
    gate = page.locator("#bundle-gate")
    expect(gate).to_contain_text("The panel cannot be booked until every document is received")
    expect(gate).to_contain_text(missing.title)
    assert_fits(page)

    follow(page, page.get_by_role("link", name=f"Attach a file to {missing.title}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Attach a file: {missing.title}")
    assert_fits(page)
    follow(page, page.get_by_role("button", name="Upload"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the file to upload")
    assert_fits(page)

    pdf = tiny_pdf(f"{missing.title} (synthetic)")
    page.get_by_label("The file").set_input_files(
        {"name": "last.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    follow(page, page.get_by_role("button", name="Upload"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("last.pdf uploaded")
    expect(page.locator("#bundle-gate")).to_contain_text(
        "Every document is received: the panel may be booked"
    )
    card = page.locator(f"#bundle-{missing.key}")
    expect(card).to_contain_text("Received")
    expect(card.get_by_role("link", name="last.pdf")).to_be_visible()
    assert_fits(page)
    check_page(page)

    document = Document.objects.get(child=child, original_filename="last.pdf")
    assert document.type == "permanence_bundle"
    assert bundle.gate_for(FamilyFinding.objects.get(pk=finding.pk)).open
