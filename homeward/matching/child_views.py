"""The Matching tab on a child's record (issue 15 item 4): the child's matching profile, the
carers register ranked for the child with every criterion's outcome and reason, and the
worker's decisions. Thin: parse, ask ``access`` (through ``children.guard.child_view``: the
child's record's need-to-know, 404 for a child not the user's, every view audited), call a
selector or service, render.

Who may change the profile and decide: ``access.can_decide_match`` (those who record on the
child's file, and the family finder allocated to the child)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.domain import matching
from homeward.form_page import form_page, require_form
from homeward.matching import candidates, decisions, outcomes, profiles
from homeward.matching.models import Carer, Match, MatchDecision, MatchingProfile, MatchOutcome
from homeward.matching.outcome_forms import MatchForm, OutcomeForm
from homeward.matching.profile_forms import DecisionForm, MatchingProfileForm

# A form about a child: the same page as the Family tab's forms (identity bar, caption, intro).
TEMPLATE = "family/form.html"


def _tab_url(child: Child, anchor: str = "") -> str:
    return reverse("matching:child", args=[child.child_id]) + (f"#{anchor}" if anchor else "")


@require_safe
@child_view()
def child_matching(request: HttpRequest, child: Child) -> HttpResponse:
    tab = candidates.matching_tab(child, timezone.localdate())
    return render(
        request,
        "matching/child_matching.html",
        {
            "child": child,
            "tab": tab,
            "can_decide": access.can_decide_match(request.user, child),
            "outcomes": matching.Outcome,
            "matches": outcomes.matches_of(child),
        },
    )


@require_form
@child_view(access.can_decide_match)
def child_profile(request: HttpRequest, child: Child) -> HttpResponse:
    profile = MatchingProfile.objects.filter(child=child).first() or MatchingProfile(child=child)
    adding = profile.pk is None
    form = MatchingProfileForm(
        request.POST or None,
        instance=profile,
        sibling_group_size=profiles.sibling_group_size(child),
    )

    def save() -> MatchingProfile:
        return decisions.save_profile(form.save(commit=False), actor=Actor.from_request(request))

    title = "Add the matching profile" if adding else "Change the matching profile"
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context={
            "child": child,
            "title": title,
            "back": _tab_url(child),
            "back_text": "Back to matching",
            "caption": "Matching",
            "intro": "What matching needs beyond the child's record. Never an address: areas only.",
        },
        save=save,
        done=_tab_url(child),
        success="Matching profile saved",
    )


@require_form
@child_view(access.can_decide_match)
def child_decision(request: HttpRequest, child: Child) -> HttpResponse:
    initial: dict[str, Any] = {}
    wanted = request.GET.get("carer", "")
    if wanted.isdigit():
        initial["carer"] = int(wanted)
    if request.GET.get("decision") in MatchDecision.Decision.values:
        initial["decision"] = request.GET["decision"]
    form = DecisionForm(request.POST or None, initial=initial)

    def save() -> MatchDecision:
        carer: Carer = form.cleaned_data["carer"]
        return decisions.record_decision(
            child,
            carer,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            actor=Actor.from_request(request),
        )

    return form_page(
        request,
        form,
        template=TEMPLATE,
        context={
            "child": child,
            "title": "Record a matching decision",
            "back": _tab_url(child),
            "back_text": "Back to matching",
            "caption": "Matching",
            "intro": "A later decision on the same carer replaces this one; both are kept.",
        },
        save=save,
        done=lambda made: _tab_url(child, f"carer-{made.carer.reference}"),
        success=lambda made: (
            f"{made.get_decision_display()}: {made.carer.display_name} ({made.carer.reference})"
        ),
    )


@require_form
@child_view(access.can_decide_match)
def child_match(request: HttpRequest, child: Child) -> HttpResponse:
    form = MatchForm(request.POST or None, child=child)

    def save() -> Match:
        return outcomes.record_match(
            child,
            form.cleaned_data["carer"],
            matched_on=form.cleaned_data["matched_on"],
            actor=Actor.from_request(request),
        )

    return form_page(
        request,
        form,
        template=TEMPLATE,
        context={
            "child": child,
            "title": "Record a match",
            "back": _tab_url(child, "matches"),
            "back_text": "Back to matching",
            "caption": "Matching",
            "intro": "The child matched with a shortlisted carer. The ranking's reasons for that "
            "carer are kept as they are today, for learning from how the match goes.",
        },
        save=save,
        done=_tab_url(child, "matches"),
        success=lambda made: f"Match recorded: {made.carer.display_name} ({made.carer.reference})",
    )


@require_form
@child_view(access.can_decide_match)
def child_match_outcome(request: HttpRequest, child: Child, match_id: int) -> HttpResponse:
    match = get_object_or_404(Match.objects.select_related("carer"), pk=match_id, child=child)
    form = OutcomeForm(request.POST or None)

    def save() -> MatchOutcome:
        return outcomes.record_outcome(
            match,
            kind=form.cleaned_data["kind"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
            actor=Actor.from_request(request),
        )

    return form_page(
        request,
        form,
        template=TEMPLATE,
        context={
            "child": child,
            "title": f"How the match with {match.carer.display_name} went",
            "back": _tab_url(child, "matches"),
            "back_text": "Back to matching",
            "caption": f"Matching: {match.carer.reference}",
            "intro": "Outcomes are for learning which routes and criteria held. They never "
            "change the ranking.",
        },
        save=save,
        done=_tab_url(child, "matches"),
        success=lambda made: f"{made.get_kind_display()} recorded",
    )
