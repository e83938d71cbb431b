"""Pages for children: the list, search, the child's record and the forms that change it.
Views are thin: they parse, call a selector or service, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.accounts.models import Team
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children import hooks, selectors, services
from homeward.children.forms import (
    AdmissionForm,
    AllocationForm,
    ChildForm,
    EpisodeForm,
    JourneyEventForm,
    PersonForm,
    RelationshipForm,
    StatutoryVisitForm,
    VisitingArrangementForm,
)
from homeward.children.guard import child_view
from homeward.children.models import (
    Child,
    Episode,
    JourneyEvent,
    JourneyEventKind,
    Person,
    PersonInChildsLife,
)
from homeward.domain.ssda903 import codes
from homeward.form_page import add_service_errors, form_page, require_form

PAGE_SIZE = 50


def _filters(request: HttpRequest) -> selectors.ChildListFilters:
    user = request.user
    default_scope = "mine" if access.has_own_caseload(user) else "all"
    scope = request.GET.get("scope", default_scope)
    if scope not in {"mine", "team", "all"}:
        scope = default_scope
    sort = request.GET.get("sort", "name")
    return selectors.ChildListFilters(
        q=request.GET.get("q", "").strip()[:100],
        scope=scope,
        team=request.GET.get("team", ""),
        legal_status=request.GET.get("legal_status", ""),
        sort=sort if sort in selectors.SORTS else "name",
        descending=request.GET.get("order") == "desc",
    )


@require_safe
def my_children(request: HttpRequest) -> HttpResponse:
    """'My children': every child the user may see, sortable and filterable."""
    filters = _filters(request)
    children = selectors.children_list(request.user, filters)
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    for key in ("sort", "order"):
        sort_query.pop(key, None)
    return render(
        request,
        "children/my_children.html",
        {
            "page": page,
            "filters": filters,
            "teams": Team.objects.all(),
            "legal_statuses": codes.LS,
            "query": query.urlencode(),
            "sort_query": sort_query.urlencode(),
            "today": timezone.localdate(),
            "is_search": bool(filters.q),
            # Anything narrower than every child the user may see: an empty list then says
            # "No children match" and offers them all; otherwise it says why there are none.
            "is_filtered": bool(filters.q or filters.team or filters.legal_status)
            or filters.scope != "all",
            "why_no_children": access.why_no_children(request.user),
        },
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Search by name or child ID; one exact ID match goes straight to the record."""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        exact = access.visible_children(request.user).filter(child_id__iexact=q).first()
        if exact is not None:
            return redirect(exact)
    query = request.GET.copy()
    query["scope"] = "all"
    return redirect(f"/?{query.urlencode()}")


@require_form
def admit(request: HttpRequest) -> HttpResponse:
    """Add a child (or an unborn child) with their first allocation and, if they are looked
    after now, the first episode, which starts the period of care and every clock."""
    user = request.user
    actor = Actor.from_request(request)
    if not access.can_admit_child(user):
        record(AuditAction.DENIED, request=request, summary="Refused: add a child")
        raise PermissionDenied("Only social workers and team managers add children.")
    initial: dict[str, Any] = {"born": "yes"}
    if access.has_own_caseload(user):
        initial["social_worker"] = user.pk
    teams = list(access.admission_teams(user)[:2])
    if len(teams) == 1:
        initial["team"] = teams[0].pk
    form = AdmissionForm(request.POST or None, user=user, initial=initial)

    def save() -> Child:
        data = form.cleaned_data
        episode = None
        if data["looked_after"] == "yes":
            episode = services.FirstEpisode(
                start_date=data["start_date"],
                legal_status=data["legal_status"],
                placement_type=data["placement_type"],
                category_of_need=data["category_of_need"],
            )
        child = Child(
            child_id=data["child_id"].strip(),
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            date_of_birth=data["date_of_birth"],
            expected_date_of_delivery=data["expected_date_of_delivery"],
            sex=data["sex"],
        )
        return services.admit_child(
            services.Admission(
                child=child,
                social_worker=data["social_worker"],
                team=data["team"],
                iro=data["iro"],
                allocated_on=timezone.localdate(),
                episode=episode,
            ),
            actor=actor,
        )

    return form_page(
        request,
        form,
        template="children/admit.html",
        save=save,
        success=lambda child: f"{child.full_name} has been added",
        done=lambda child: child.get_absolute_url(),
    )


@require_safe
@child_view()
def child_record(request: HttpRequest, child: Child) -> HttpResponse:
    child = selectors.child_record(child)
    return render(
        request,
        "children/record.html",
        {
            "child": child,
            "allocation": selectors.current_allocation(child),
            "timeline": selectors.timeline(child),
            "looked_after_on": selectors.became_looked_after_on(child),
            "can_change": access.can_change_child(request.user, child),
            "can_allocate": access.can_allocate(request.user, child),
            "awaiting_sign_offs": selectors.awaiting_sign_offs(child),
            "today": timezone.localdate(),
            **hooks.record_context(child),  # what higher apps add (the DfE notice)
        },
    )


def _save_form(
    request: HttpRequest,
    child: Child,
    form: Any,
    *,
    before: dict[str, Any] | None,
    title: str,
) -> HttpResponse:
    return form_page(
        request,
        form,
        template="children/form.html",
        context={"child": child, "title": title},
        save=lambda: services.save_on_record(
            form.save(commit=False), child=child, actor=Actor.from_request(request), before=before
        ),
        success=f"{title}: your changes have been saved",
        done=child.get_absolute_url(),
    )


@require_form
@child_view(access.can_change_child)
def change_child(request: HttpRequest, child: Child) -> HttpResponse:
    before = snapshot(child)
    form = ChildForm(request.POST or None, instance=child)
    return _save_form(request, child, form, before=before, title="Change details")


@require_form
@child_view(access.can_change_child)
def episode_form(request: HttpRequest, child: Child, episode_id: int | None = None) -> HttpResponse:
    episode = (
        get_object_or_404(Episode, pk=episode_id, child=child)
        if episode_id
        else Episode(child=child)
    )
    before = snapshot(episode) if episode_id else None
    form = EpisodeForm(request.POST or None, instance=episode)
    title = (
        "Change legal or placement episode" if episode_id else "Add a legal or placement episode"
    )
    return _save_form(request, child, form, before=before, title=title)


@require_form
@child_view(access.can_change_child)
def event_form(request: HttpRequest, child: Child, event_id: int | None = None) -> HttpResponse:
    event = (
        get_object_or_404(JourneyEvent, pk=event_id, child=child)
        if event_id
        else JourneyEvent(child=child, recorded_by=request.user)
    )
    owner = selectors.event_owners([event_id]).get(event_id) if event_id else None
    if owner:
        # Made by a meeting, a plan or a panel outcome: changed there, or the two would disagree.
        messages.error(
            request,
            f"This {event.get_kind_display().lower()} was recorded with the {owner}: change it "
            f"there, so the {owner} and the timescales agree.",
        )
        return redirect(f"{child.get_absolute_url()}#timeline")
    before = snapshot(event) if event_id else None
    # "?kind=genogram_completed": a page that asks for an event (the genogram's) names it.
    kind = request.GET.get("kind", "")
    initial = {"kind": kind} if not event_id and kind in JourneyEventKind.values else None
    form = JourneyEventForm(request.POST or None, instance=event, initial=initial)
    title = "Change journey event" if event_id else "Add a journey event"
    return _save_form(request, child, form, before=before, title=title)


@require_form
@child_view(access.can_change_child)
def person_form(request: HttpRequest, child: Child, link_id: int | None = None) -> HttpResponse:
    if link_id:
        link = get_object_or_404(
            PersonInChildsLife.objects.select_related("person"), pk=link_id, child=child
        )
        person = link.person
        before_link, before_person = snapshot(link), snapshot(person)
    else:
        person, link = Person(), PersonInChildsLife(child=child)
        before_link = before_person = None
    person_form = PersonForm(request.POST or None, instance=person, prefix="person")
    link_form = RelationshipForm(request.POST or None, instance=link, prefix="link")
    title = f"Change {person.full_name}" if link_id else "Add a person in the child's life"

    @transaction.atomic
    def save() -> None:
        services.save_person_in_childs_life(
            link_form.save(commit=False),
            person_form.save(commit=False),
            child=child,
            actor=Actor.from_request(request),
            before_link=before_link,
            before_person=before_person,
        )

    return form_page(
        request,
        person_form,
        also=[link_form],
        template="children/person_form.html",
        context={
            "child": child,
            "person_form": person_form,
            "link_form": link_form,
            "title": title,
        },
        save=save,
        on_error=lambda exc: add_service_errors(link_form, exc),
        success=f"{title}: your changes have been saved",
        done=child.get_absolute_url(),
    )


@require_form
@child_view(access.can_allocate)
def allocate(request: HttpRequest, child: Child) -> HttpResponse:
    current = selectors.current_allocation(selectors.child_record(child))
    initial = {"started_on": timezone.localdate()}
    if current:
        initial.update(
            social_worker=current.social_worker,
            team=current.team,
            iro=current.iro,
            family_finder=current.family_finder,
            sgo_social_worker=current.sgo_social_worker,
        )
    form = AllocationForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        template="children/form.html",
        context={"child": child, "title": "Change allocation"},
        save=lambda: services.allocate(
            child,
            social_worker=form.cleaned_data["social_worker"],
            team=form.cleaned_data["team"],
            iro=form.cleaned_data["iro"],
            family_finder=form.cleaned_data["family_finder"],
            sgo_social_worker=form.cleaned_data["sgo_social_worker"],
            on=form.cleaned_data["started_on"],
            actor=Actor.from_request(request),
            reason=form.cleaned_data["reason"],
        ),
        success="Change allocation: your changes have been saved",
        done=child.get_absolute_url(),
    )


def _timescales_url(child: Child) -> str:
    """The child's Timescales tab, where visits are due (named, not imported: a higher app)."""
    return reverse("oversight:timescales", args=[child.child_id])


@require_form
@child_view(access.can_change_child)
def visit_form(request: HttpRequest, child: Child) -> HttpResponse:
    """Record a statutory visit (reg 28): it meets the visit due and sets the next."""
    form = StatutoryVisitForm(request.POST or None)
    return form_page(
        request,
        form,
        template="children/form.html",
        context={
            "child": child,
            "title": "Record a statutory visit",
            "back": _timescales_url(child),
        },
        save=lambda: services.record_visit(
            child,
            visited_on=form.cleaned_data["visited_on"],
            seen_alone=form.cleaned_data["seen_alone"],
            notes=form.cleaned_data["notes"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        success="Statutory visit recorded: the next visit is due from it",
        done=_timescales_url(child),
    )


@require_form
@child_view(access.can_change_child)
def visiting_arrangement(request: HttpRequest, child: Child) -> HttpResponse:
    """State a visiting regime the SSDA903 return does not say (reg 28(3)-(5), 28(3A))."""
    form = VisitingArrangementForm(
        request.POST or None, instance=JourneyEvent(child=child, recorded_by=request.user)
    )
    return form_page(
        request,
        form,
        template="children/form.html",
        context={
            "child": child,
            "title": "Record how often the child must be visited",
            "back": _timescales_url(child),
        },
        save=lambda: services.save_on_record(
            form.save(commit=False), child=child, actor=Actor.from_request(request), before=None
        ),
        success="Visiting arrangement recorded",
        done=_timescales_url(child),
    )
