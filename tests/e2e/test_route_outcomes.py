"""Every route of every council walked end to end in the browser (issue 15 item 6), on the demo
council at 320 pixels: the route chosen, the pen picture written, a carer shortlisted, the
bundle's last document attached, and every step recorded by the role its routes file names
(the service manager's permission, the panels with their outcomes, the agency decision maker,
the Head of Service's ratification, the child placed), each outcome writing the journey event
its file names. Every page is checked with axe-core and must not scroll sideways.

The routes files are the source of each step (homeward/domain/rules/routes/<council>.toml, each
step citing its seed); the council is the installation's setting, so each council's routes are
walked with its setting on."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.accounts.actor import Actor
from homeward.accounts.models import User
from homeward.children.models import Allocation, JourneyEvent
from homeward.demo.documents import tiny_pdf
from homeward.domain import route_outcomes
from homeward.domain import routes as domain
from homeward.domain.permanence import OptionStatus
from homeward.matching import bundle
from homeward.matching.models import Carer, FamilyFinding, MatchDecision, MatchingProfile
from homeward.planning.models import PermanenceOption
from homeward.timescales import journeys
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits

USERNAMES = {
    "social_worker": "social-worker",
    "family_finder": "family-finder",
    "service_manager": "service-manager",
    "panel_administrator": "panel-admin",
    "team_manager": "team-manager",
}
EVERY_ROUTE = [(c, r.key) for c in domain.COUNCILS for r in domain.routes(c)]


def _the_child(route: domain.Route):
    """A demo child under 17 looked after now, of the demo social worker (in the team manager's
    team), allocated to the demo family finder, taken off any route and with every option ruled
    out (so every route is offered), with a matching profile for the route."""
    worker = User.objects.get(username="social-worker")
    finder = User.objects.get(username="family-finder")
    today = timezone.localdate()
    allocation = (
        Allocation.objects.filter(ended_on__isnull=True, social_worker=worker)
        .select_related("child")
        .filter(
            child__date_of_birth__gt=today - dt.timedelta(days=365 * 17),
            child__episodes__end_date__isnull=True,  # looked after now
            child__episodes__start_date__lt=today - dt.timedelta(days=30),
        )
        .order_by("child__child_id")
        .first()
    )
    assert allocation is not None
    Allocation.objects.filter(pk=allocation.pk).update(family_finder=finder)
    child = allocation.child
    FamilyFinding.objects.filter(child=child).delete()
    MatchingProfile.objects.filter(child=child).delete()
    # Every option ruled out, so every route of the council is offered (routes.route_choices).
    PermanenceOption.objects.filter(child=child).update(status=OptionStatus.RULED_OUT.value)
    # The register is the installation's council's: the demo's carers, under this council.
    Carer.objects.update(council=route.council)
    MatchingProfile.objects.create(child=child, option=route.option, route=route.key)
    if route.option in ("adoption", "foster_for_adoption"):
        JourneyEvent.objects.create(
            child=child, kind="placement_order", date=today - dt.timedelta(days=10)
        )
    return child


def _as(page: Page, who: list[str], role: str) -> None:
    """Signed in as the demo user of ``role`` (signing the last one out)."""
    username = USERNAMES[role]
    if who and who[-1] == username:
        return
    if who:
        page.context.clear_cookies()  # a new session: the next person at the keyboard
    sign_in(page, username)
    who.append(username)


def _all_but_one_document(finding: FamilyFinding, route: domain.Route) -> domain.BundleDocument:
    """Every document of the bundle received but the last (filed as the family finder would),
    which the walk attaches in the browser."""
    assert route.bundle is not None
    *first, last = route.bundle.documents
    finder = User.objects.get(username="family-finder")
    today = timezone.localdate()
    for document in first:
        bundle.attach_file(
            finding,
            document.key,
            tiny_pdf(f"{document.title} (synthetic)"),
            filename=f"{document.key}.pdf",
            dated=today,
            received=True,
            actor=Actor.working_as(finder),
            today=today,
        )
    return last


def _answer(page: Page, step: domain.Step) -> None:
    outcome = step.outcome
    assert outcome is not None
    page.get_by_role("radio", name=outcome.results[0].label, exact=True).check()
    page.get_by_label(outcome.decided_by, exact=True).fill("Sam Synthetic")
    if outcome.complex_case:
        page.get_by_role(
            "group", name="Was this a complex case chaired by the Fostering team manager?"
        ).get_by_label("Yes", exact=True).check()
    if outcome.childs_voice:
        page.get_by_label("The child's views on the match, in their own words").fill(
            "I want to stay where I am"
        )


@pytest.mark.e2e
@pytest.mark.parametrize(("council", "route_key"), EVERY_ROUTE)
def test_every_route_walked_end_to_end(page: Page, demo, settings, council, route_key) -> None:
    settings.HOMEWARD_COUNCIL = council
    route = domain.route(council, route_key)
    child = _the_child(route)
    tab = f"/children/{child.child_id}/family-finding/"
    page.set_viewport_size({"width": WIDTH, "height": 800})
    who: list[str] = []

    _as(page, who, "social_worker")
    visit(page, tab)
    follow(page, page.get_by_role("link", name="Choose the route"))
    page.get_by_role("radio", name=route.title, exact=True).check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Route chosen")
    assert_fits(page)
    finding = FamilyFinding.objects.get(child=child)

    shortlisted = False
    for step in route.steps:
        if step.key == "pen_picture":
            _as(page, who, "social_worker")
            visit(page, tab)
            follow(page, page.get_by_role("link", name="Write the pen picture"))
            follow(page, page.get_by_role("button", name="Save"))
            expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
        if step.outcome is not None and not shortlisted:
            _as(page, who, "family_finder")
            visit(page, f"/children/{child.child_id}/matching/")
            # Shortlist the first carer the ranking puts first, or add one it excluded (why
            # is then required) where no carer passes every hard constraint.
            follow(page, page.get_by_role("link", name=re.compile(r"^(Shortlist|Add) ")).first)
            if page.get_by_label("Reason").count():
                page.get_by_label("Reason").fill("The family finder knows the household well")
            follow(page, page.get_by_role("button", name="Save"))
            assert MatchDecision.objects.filter(child=child, decision__in=("shortlist", "add"))
            shortlisted = True
        if step.needs_kind is domain.NeedsKind.BUNDLE:
            last = _all_but_one_document(finding, route)
            _as(page, who, "family_finder")
            visit(page, tab)
            follow(page, page.get_by_role("link", name=f"Attach a file to {last.title}"))
            page.get_by_label("The file").set_input_files(
                {"name": "last.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf("Last")}
            )
            follow(page, page.get_by_role("button", name="Upload"))
            expect(page.locator("#bundle-gate")).to_contain_text("the panel may be booked")

        _as(page, who, step.role)
        visit(page, tab)
        follow(page, page.locator(f'a[href$="/steps/{step.key}/"]'))
        assert_fits(page)
        if step.outcome is not None:
            _answer(page, step)
        follow(page, page.get_by_role("button", name="Save"))
        banner = page.locator(".govuk-notification-banner")
        expect(banner).to_contain_text(step.title)
        if step.event is not None:
            assert JourneyEvent.objects.filter(
                child=child, kind=step.event, date=timezone.localdate()
            ).exists(), (route.key, step.key, step.event)

    assert_fits(page)
    done = FamilyFinding.objects.get(pk=finding.pk)
    assert set(done.done()) == {s.key for s in route.steps}
    assert all(route_outcomes.is_positive(r) for r in done.results().values())
    if route.option == "adoption":  # the scorecard's A2 stops at the ADM's match
        visit(page, f"/children/{child.child_id}/timescales/")
        expect(page.locator("#adoption-scorecard")).to_be_visible()
        card = journeys.scorecard(child, today=timezone.localdate())
        assert card is not None and card.a2.days == 10  # placement order 10 days before the match
        assert_fits(page)
