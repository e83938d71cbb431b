"""The Family tab (siblings and family time) and the Voice tab (views, advocacy, complaints,
life story work, memories), and the forms that record on them. Thin: parse, call a selector
or service, render. Every view names a child and goes through ``child_view``: those with access
read, and the people who work the case record (``access.can_change_child``)."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.services import snapshot
from homeward.children.guard import child_view
from homeward.children.models import Child, JourneyEvent, PersonInChildsLife
from homeward.children.services import save_on_record
from homeward.family import selectors, services
from homeward.family.forms import (
    AddSiblingForm,
    AdoptersApproachedForm,
    AdvocacyOfferForm,
    ComplaintForm,
    FamilyTieForm,
    FamilyTimePlanForm,
    FamilyTimeReviewForm,
    FamilyViewForm,
    IroConflictForm,
    LifeStoryWorkForm,
    MemoryItemForm,
    NetworkMemberForm,
    SiblingDecisionForm,
    VoiceEntryForm,
)
from homeward.family.models import (
    AdvocacyOffer,
    Complaint,
    FamilyTie,
    FamilyTimePlan,
    FamilyTimeReview,
    FamilyView,
    FamilyViewOccasion,
    LifeStoryWork,
    MemoryItem,
    NetworkMember,
    SiblingIroConflict,
    SiblingPairDecision,
    VoiceEntry,
)
from homeward.form_page import form_page, require_form

TEMPLATE = "family/form.html"


def _family_url(child: Child, anchor: str = "") -> str:
    return reverse("family:family", args=[child.child_id]) + (f"#{anchor}" if anchor else "")


def _voice_url(child: Child, anchor: str = "") -> str:
    return reverse("family:voice", args=[child.child_id]) + (f"#{anchor}" if anchor else "")


def _page(
    child: Child,
    *,
    title: str,
    back: str,
    back_text: str,
    caption: str = "",
    intro: str = "",
) -> dict[str, Any]:
    """What ``family/form.html`` shows around the form."""
    return {
        "child": child,
        "title": title,
        "back": back,
        "back_text": back_text,
        "caption": caption,
        "intro": intro,
    }


def _save(
    request: HttpRequest,
    child: Child,
    form: Any,
    *,
    before: dict[str, Any] | None,
    title: str,
    done: str,
    back_text: str,
) -> HttpResponse:
    """Validate, save and audit one record (``save_on_record``), then go back to the tab."""
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(child, title=title, back=done, back_text=back_text),
        save=lambda: save_on_record(
            form.save(commit=False), child=child, actor=Actor.from_request(request), before=before
        ),
        success=f"{title}: your changes have been saved",
        done=done,
    )


def _owned(model: type[models.Model], pk: int | None, child: Child) -> Any:
    return get_object_or_404(model, pk=pk, child=child) if pk else None


# The Family tab ------------------------------------------------------------------------------


@require_safe
@child_view()
def family(request: HttpRequest, child: Child) -> HttpResponse:
    return render(
        request,
        "family/family.html",
        {
            "child": child,
            "tab": selectors.family_tab(child, request.user),
            "genogram": selectors.genogram_of(child, request.user),
            "genogram_due": selectors.genogram_due(child),
            "can_change": access.can_change_child(request.user, child),
        },
    )


@require_safe
@child_view()
def sibling_group(request: HttpRequest, child: Child) -> HttpResponse:
    """The sibling group page: every child's plan, who waits on whom, the together-or-apart
    decision's deadline, and a new baby's prompt to approach the adopters of their brothers or
    sisters (issue 18 item 5)."""
    page = selectors.sibling_group_page(child, request.user)
    return render(
        request,
        "family/sibling_group.html",
        {"child": child, "page": page, "can_change": access.can_change_child(request.user, child)},
    )


@require_form
@child_view(access.can_change_child)
def adopters_approached(request: HttpRequest, child: Child) -> HttpResponse:
    """Record the approach to the adopters of the child's brothers or sisters (Dudley strategy,
    'Adoption@Heart'): a journey event on the child's record, audited."""
    event = JourneyEvent(
        child=child,
        kind=selectors.ADOPTERS_APPROACHED,
        source=JourneyEvent.Source.RECORDED,
        recorded_by=request.user,
    )
    form = AdoptersApproachedForm(request.POST or None, instance=event)
    done = reverse("family:sibling-group", args=[child.child_id])
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title="Approach to the adopters of brothers and sisters",
            back=done,
            back_text="Back to the sibling group",
            caption="Brothers and sisters",
            intro="Adoption@Heart approaches the adopters of brothers and sisters who were "
            "adopted about a new baby (Dudley Permanence Strategy, 'Adoption@Heart').",
        ),
        save=lambda: save_on_record(
            form.save(commit=False), child=child, actor=Actor.from_request(request), before=None
        ),
        success="Approach to the adopters: recorded",
        done=done,
    )


@require_form
@child_view(access.can_change_child)
def add_sibling(request: HttpRequest, child: Child) -> HttpResponse:
    """Put a brother or sister who is also in Homeward in the child's sibling group."""
    form = AddSiblingForm(request.POST or None)
    done = _family_url(child, "siblings")

    def save() -> tuple[Child, Any]:
        wanted = form.cleaned_data["sibling_id"].strip()
        sibling = Child.objects.filter(child_id__iexact=wanted).first()
        user = request.user
        if sibling is None or not access.can_view_child(user, sibling):
            # The same words whether the child does not exist or is not the user's to see.
            raise ValidationError(
                {"sibling_id": f"There is no child with the ID {wanted} that you can see"}
            )
        if not access.can_change_child(user, sibling):
            raise ValidationError(
                {
                    "sibling_id": f"You cannot record on {sibling.child_id}'s file: ask their "
                    "team manager"
                }
            )
        group = services.add_to_sibling_group(
            child,
            sibling,
            group_name=form.cleaned_data["group_name"],
            actor=Actor.from_request(request),
        )
        return sibling, group

    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title="Add a brother or sister to the sibling group",
            back=done,
            back_text="Back to family",
            intro="Brothers and sisters who are also looked after (or known to Homeward) share a "
            "sibling group, so that their plans are made together.",
        ),
        save=save,
        success=lambda added: f"{added[0].full_name} is now in the sibling group “{added[1].name}”",
        done=done,
    )


@require_form
@child_view(access.can_change_child)
def sibling_decision(request: HttpRequest, child: Child, sibling_id: str) -> HttpResponse:
    """Record a new together-or-apart decision for the child and one brother or sister."""
    sibling = Child.objects.filter(child_id=sibling_id).first()
    if (
        sibling is None
        or sibling.pk == child.pk
        or not child.sibling_group_id
        or sibling.sibling_group_id != child.sibling_group_id
    ):
        raise Http404("No brother or sister with this ID in the child's sibling group")
    low, high = sorted((child.pk, sibling.pk))
    current = (
        SiblingPairDecision.objects.filter(child_a=low, child_b=high).order_by("-version").first()
    )
    # The form starts from the current decision; saving records a new version, never an edit.
    draft = SiblingPairDecision()
    if current is not None:
        for name in SiblingDecisionForm.Meta.fields:
            setattr(draft, name, getattr(current, name))
    form = SiblingDecisionForm(request.POST or None, instance=draft)
    title = f"Together or apart: {child.full_name} and {sibling.full_name}"
    done = _family_url(child, "siblings")
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title=title,
            back=done,
            back_text="Back to family",
            caption="Brothers and sisters",
            intro=(
                "Each decision is kept: saving records a new decision for the two children and "
                "keeps the earlier ones in their history. It shows on both children's records."
            ),
        ),
        save=lambda: services.record_sibling_decision(
            form.save(commit=False),
            child=child,
            sibling=sibling,
            actor=Actor.from_request(request),
            user=request.user,
        ),
        success="Sibling decision: your decision has been recorded",
        done=done,
    )


@require_form
@child_view(access.can_change_child)
def iro_conflict(request: HttpRequest, child: Child) -> HttpResponse:
    """Record (or end) a conflict of interest that explains a different IRO for this child."""
    conflict = SiblingIroConflict.objects.filter(child=child, withdrawn_on__isnull=True).first()
    before = snapshot(conflict) if conflict else None
    if conflict is None:
        conflict = SiblingIroConflict(
            child=child, recorded_on=timezone.localdate(), recorded_by=request.user
        )
    form = IroConflictForm(request.POST or None, instance=conflict)
    if before is None:
        del form.fields["withdrawn_on"]
    return _save(
        request,
        child,
        form,
        before=before,
        title="IRO conflict of interest",
        done=_family_url(child, "siblings"),
        back_text="Back to family",
    )


@require_form
@child_view(access.can_change_child)
def family_time_form(
    request: HttpRequest, child: Child, family_time_id: int | None = None
) -> HttpResponse:
    plan = _owned(FamilyTimePlan, family_time_id, child)
    before = snapshot(plan) if plan else None
    if plan is None:
        plan = FamilyTimePlan(child=child, recorded_by=request.user)
    siblings = (
        list(
            Child.objects.filter(sibling_group=child.sibling_group_id)
            .exclude(pk=child.pk)
            .order_by("date_of_birth", "child_id")
        )
        if child.sibling_group_id
        else []
    )
    seen = access.visible_among(request.user, [s.pk for s in siblings])
    form = FamilyTimePlanForm(
        request.POST or None, instance=plan, child=child, siblings=siblings, seen=seen
    )
    title = "Change the family time plan" if family_time_id else "Add a family time plan"
    done = (
        reverse("family:family-time", args=[child.child_id, family_time_id])
        if family_time_id
        else _family_url(child, "family-time")
    )
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title=title,
            back=done,
            back_text="Back to the plan" if family_time_id else "Back to family",
        ),
        save=lambda: services.save_family_time_plan(
            form.save(commit=False),
            child=child,
            actor=Actor.from_request(request),
            before=before,
            user=request.user,
        ),
        success=f"{title}: your changes have been saved",
        done=done,
    )


@require_safe
@child_view()
def family_time(request: HttpRequest, child: Child, family_time_id: int) -> HttpResponse:
    plan = selectors.family_time_plan(child, family_time_id, request.user)
    if plan is None:
        raise Http404("No family time plan with this ID for this child")
    return render(
        request,
        "family/family_time.html",
        {
            "child": child,
            "plan": plan,
            "detail": selectors.family_time_detail(plan),
            "can_change": access.can_change_child(request.user, child),
        },
    )


@require_form
@child_view(access.can_change_child)
def review_family_time(request: HttpRequest, child: Child, family_time_id: int) -> HttpResponse:
    plan = selectors.family_time_plan(child, family_time_id, request.user)
    if plan is None:
        raise Http404("No family time plan with this ID for this child")
    review = FamilyTimeReview(plan=plan, due_on=plan.review_date, recorded_by=request.user)
    form = FamilyTimeReviewForm(
        request.POST or None, instance=review, initial={"reviewed_on": timezone.localdate()}
    )
    done = reverse("family:family-time", args=[child.child_id, plan.pk])
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title="Review family time",
            back=done,
            back_text="Back to the plan",
            caption=f"Family time with {plan.with_whom}",
        ),
        save=lambda: services.record_family_time_review(
            form.save(commit=False), plan=plan, actor=Actor.from_request(request)
        ),
        success="Review family time: the review has been recorded",
        done=done,
    )


# The Voice tab -------------------------------------------------------------------------------


@require_safe
@child_view()
def voice(request: HttpRequest, child: Child) -> HttpResponse:
    return render(
        request,
        "family/voice.html",
        {
            "child": child,
            "tab": selectors.voice_tab(child),
            "can_change": access.can_change_child(request.user, child),
            "can_escalate": access.can_escalate(request.user, child),
            "today": timezone.localdate(),
        },
    )


@require_form
@child_view(access.can_change_child)
def voice_entry_form(
    request: HttpRequest, child: Child, voice_entry_id: int | None = None
) -> HttpResponse:
    entry = _owned(VoiceEntry, voice_entry_id, child)
    before = snapshot(entry) if entry else None
    entry = entry or VoiceEntry(child=child, recorded_by=request.user)
    return _save(
        request,
        child,
        VoiceEntryForm(request.POST or None, instance=entry),
        before=before,
        title="Change views, wishes and feelings"
        if voice_entry_id
        else "Add views, wishes and feelings",
        done=_voice_url(child, "views"),
        back_text="Back to voice",
    )


@require_form
@child_view(access.can_change_child)
def family_view_form(
    request: HttpRequest, child: Child, family_view_id: int | None = None
) -> HttpResponse:
    """The views of a parent, family member or carer, kept beside the child's (issue 18 item 2;
    DV 'What we will do'; DU 'Looked After Reviews')."""
    entry = _owned(FamilyView, family_view_id, child)
    before = snapshot(entry) if entry else None
    entry = entry or FamilyView(child=child, recorded_by=request.user)
    initial = {}
    if family_view_id is None:
        # From a meeting's page ("Add the family's views"): that meeting, already chosen.
        meeting = request.GET.get("meeting", "")
        if meeting.isdigit():
            initial = {"occasion": FamilyViewOccasion.MEETING, "meeting": int(meeting)}
    return _save(
        request,
        child,
        FamilyViewForm(request.POST or None, instance=entry, child=child, initial=initial),
        before=before,
        title="Change the family’s views" if family_view_id else "Add the family’s views",
        done=_voice_url(child, "family-views"),
        back_text="Back to voice",
    )


@require_form
@child_view(access.can_change_child)
def advocacy_form(
    request: HttpRequest, child: Child, advocacy_id: int | None = None
) -> HttpResponse:
    offer = _owned(AdvocacyOffer, advocacy_id, child)
    before = snapshot(offer) if offer else None
    offer = offer or AdvocacyOffer(
        child=child,
        recorded_by=request.user,
        offered_by=str(request.user),
    )
    return _save(
        request,
        child,
        AdvocacyOfferForm(request.POST or None, instance=offer),
        before=before,
        title="Change an advocacy offer" if advocacy_id else "Record an offer of advocacy",
        done=_voice_url(child, "advocacy"),
        back_text="Back to voice",
    )


@require_form
@child_view(access.can_change_child)
def complaint_form(
    request: HttpRequest, child: Child, complaint_id: int | None = None
) -> HttpResponse:
    complaint = _owned(Complaint, complaint_id, child)
    before = snapshot(complaint) if complaint else None
    complaint = complaint or Complaint(child=child, recorded_by=request.user)
    return _save(
        request,
        child,
        ComplaintForm(request.POST or None, instance=complaint),
        before=before,
        title="Change a complaint" if complaint_id else "Record a complaint",
        done=_voice_url(child, "complaints"),
        back_text="Back to voice",
    )


@require_form
@child_view(access.can_change_child)
def life_story_form(request: HttpRequest, child: Child) -> HttpResponse:
    work = LifeStoryWork.objects.filter(child=child).first()
    before = snapshot(work) if work else None
    if work is None:
        work = LifeStoryWork(child=child, updated_on=timezone.localdate())
    work.recorded_by = request.user
    return _save(
        request,
        child,
        LifeStoryWorkForm(request.POST or None, instance=work),
        before=before,
        title="Life story work",
        done=_voice_url(child, "life-story"),
        back_text="Back to voice",
    )


@require_form
@child_view(access.can_change_child)
def memory_item_form(
    request: HttpRequest, child: Child, memory_id: int | None = None
) -> HttpResponse:
    item = _owned(MemoryItem, memory_id, child)
    before = snapshot(item) if item else None
    item = item or MemoryItem(child=child, recorded_by=request.user)
    return _save(
        request,
        child,
        MemoryItemForm(request.POST or None, instance=item),
        before=before,
        title="Change a memory item" if memory_id else "Add to the memory record",
        done=_voice_url(child, "memories"),
        back_text="Back to voice",
    )


# The genogram --------------------------------------------------------------------------------


def _genogram_url(child: Child, anchor: str = "") -> str:
    return reverse("family:genogram", args=[child.child_id]) + (f"#{anchor}" if anchor else "")


@require_safe
@child_view()
def genogram(request: HttpRequest, child: Child) -> HttpResponse:
    """The genogram with who is on it and their relationships; ``?print=1`` the picture and
    its words alone, to print (DU 'Family Group Conference/ Network meetings')."""
    printing = request.GET.get("print") == "1"
    return render(
        request,
        "family/genogram_print.html" if printing else "family/genogram.html",
        {
            "child": child,
            "genogram": selectors.genogram_of(child, request.user),
            "genogram_due": None if printing else selectors.genogram_due(child),
            "can_change": access.can_change_child(request.user, child) and not printing,
            "today": timezone.localdate(),
        },
    )


@require_form
@child_view(access.can_change_child)
def genogram_person(request: HttpRequest, child: Child, link_id: int) -> HttpResponse:
    """How one person in the child's life is drawn, and where exploring them as a carer
    stands."""
    link = get_object_or_404(
        PersonInChildsLife.objects.select_related("person"), pk=link_id, child=child
    )
    entry = NetworkMember.objects.filter(link=link).first()
    before = snapshot(entry) if entry else None
    if entry is None:
        member = selectors.network_row(link).member
        entry = NetworkMember(link=link, sex=member.sex.value, exploration=member.exploration.value)
    entry.recorded_by = request.user
    form = NetworkMemberForm(request.POST or None, instance=entry, deceased=link.person.is_deceased)
    done = _genogram_url(child, "people")
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title=f"{link.person.full_name} on the genogram",
            back=done,
            back_text="Back to the genogram",
            caption=link.get_relationship_display(),
        ),
        save=lambda: services.save_network_member(
            form.save(commit=False),
            deceased=form.cleaned_data["deceased"],
            child=child,
            actor=Actor.from_request(request),
            before=before,
        ),
        success=f"{link.person.full_name}: your changes to the genogram have been saved",
        done=done,
    )


@require_form
@child_view(access.can_change_child)
def add_family_tie(request: HttpRequest, child: Child) -> HttpResponse:
    """A relationship between two people of the network, or one of them and the child."""
    people = [row.link.person for row in selectors.genogram_of(child, draw=False).rows]
    form = FamilyTieForm(
        request.POST or None,
        instance=FamilyTie(child=child, recorded_by=request.user),
        child=child,
        people=people,
    )
    done = _genogram_url(child, "relationships")
    return form_page(
        request,
        form,
        template=TEMPLATE,
        context=_page(
            child,
            title="Add a relationship to the genogram",
            back=done,
            back_text="Back to the genogram",
            intro="Partners (married, partners, separated or divorced), a parent and their "
            "child, or twins. The genogram is drawn from these.",
        ),
        save=lambda: services.add_family_tie(
            form.save(commit=False), child=child, actor=Actor.from_request(request)
        ),
        success=lambda tie: f"Added to the genogram: {tie}",
        done=done,
    )


@require_form
@child_view(access.can_change_child)
def remove_family_tie(request: HttpRequest, child: Child, tie_id: int) -> HttpResponse:
    tie = get_object_or_404(
        FamilyTie.objects.select_related("person", "other"), pk=tie_id, child=child
    )
    form = forms.Form(request.POST if request.method == "POST" else None)
    form.helper = FormHelper()
    form.helper.form_tag = False
    done = _genogram_url(child, "relationships")
    return form_page(
        request,
        form,
        template="family/remove_tie.html",
        context=_page(
            child,
            title="Remove this relationship from the genogram",
            back=done,
            back_text="Back to the genogram",
            intro=str(tie),
        ),
        save=lambda: services.remove_family_tie(
            tie, child=child, actor=Actor.from_request(request)
        ),
        success="The relationship has been removed from the genogram",
        done=done,
    )
