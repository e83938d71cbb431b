"""Pages for the Achieving Early Permanence Panel: the panel's list (/panels/aepp/), its PDF,
the weekly admissions report, and on a child's record their panels, the referral form and the
outcome form. Thin: parse, ask ``access``, call a selector or service, render.

Under a council profile without an AEPP (Durham, Devon) every page says so plainly (404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.domain import panels as domain
from homeward.domain.councils import readable_source
from homeward.form_page import form_page, require_form
from homeward.panels import selectors, services
from homeward.panels.forms import (
    AttendanceForm,
    MoveReferralForm,
    OutcomeForm,
    RecruitmentNeedForm,
    ReferralForm,
    SittingHeldForm,
    WithdrawReferralForm,
)
from homeward.panels.models import Panel, Referral
from homeward.pdf import pdf_response

View = Callable[..., HttpResponse]
PICKER_WEEKS_BACK = 12
PICKER_WEEKS_AHEAD = 8
REFER_CHOICES = 4  # the next sittings offered on the referral form


def no_aepp(request: HttpRequest) -> HttpResponse:
    return render(request, "panels/no_aepp.html", status=404)


def needs_aepp(view: View) -> View:
    """Render the "this council does not hold an AEPP" page under a profile without one."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        schedule = selectors.schedule()
        if schedule is None:
            return no_aepp(request)
        return view(request, *args, schedule=schedule, **kwargs)

    return wrapper


def _members_only(request: HttpRequest, what: str) -> None:
    if not access.can_see_aepp(request.user):
        record(AuditAction.DENIED, request=request, summary=f"Refused: {what}")
        raise PermissionDenied(
            "The early permanence panel's lists are for the panel's members: service managers, "
            "the panel administrator, team managers, the court progression manager and the "
            "permanence coordinator."
        )


def _sitting(request: HttpRequest, schedule: domain.PanelSchedule, today: dt.date) -> Any:
    raw = request.GET.get("date", "")
    if not raw:
        return schedule.next_sitting(today)
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise Http404("Not a date") from None
    sitting = schedule.sitting_on(day)
    if sitting is None:
        raise Http404(f"The panel does not sit on {domain.govuk_day(day)}")
    return sitting


def _panel_context(request: HttpRequest, schedule: domain.PanelSchedule) -> dict[str, Any]:
    today = timezone.localdate()
    now = services.current_time()
    sitting = _sitting(request, schedule, today)
    listing = selectors.panel_list(request.user, sitting)
    return {
        "schedule": schedule,
        "sitting": sitting,
        "listing": listing,
        "today": today,
        "cutoff_text": domain.describe_cutoff(sitting.cutoff),
        "cutoff_passed": sitting.is_late(now),
        "day_text": domain.govuk_day(sitting.date),
        "moved_because": domain.why_moved(sitting),
        "source": readable_source(schedule.source),
        "closure_source": readable_source(schedule.closure_source),
    }


@require_safe
@needs_aepp
def aepp(request: HttpRequest, schedule: domain.PanelSchedule) -> HttpResponse:
    """The panel's list: the next sitting (or the one picked), its cut-off, the children
    referred with late ones flagged, and their outcomes."""
    _members_only(request, "early permanence panel list")
    context = _panel_context(request, schedule)
    sitting, today = context["sitting"], context["today"]
    # The weeks around today, and every panel of the last year that had children referred.
    with_referrals = selectors.panel_dates_with_referrals(today)
    choices = {
        s.date: s
        for s in schedule.sittings_between(
            today - dt.timedelta(weeks=PICKER_WEEKS_BACK),
            today + dt.timedelta(weeks=PICKER_WEEKS_AHEAD),
        )
    }
    for day in with_referrals:
        found = schedule.sitting_on(day)
        if found is not None:
            choices.setdefault(day, found)
    choices.setdefault(sitting.date, sitting)
    picker = [(choices[day], day in with_referrals) for day in sorted(choices, reverse=True)]
    listing = context["listing"]
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the early permanence panel list for {context['day_text']} "
        f"({len(listing.referrals)} children)",
    )
    context.update(
        picker=[(s, domain.govuk_day(s.date), has) for s, has in picker],
        previous=schedule.previous_sitting(sitting.date),
        following=schedule.next_sitting(sitting.date + dt.timedelta(days=1)),
        next_sitting=schedule.next_sitting(today),
        # The outcome page checks each child (access.records_aepp_outcomes says why).
        may_record=access.records_aepp_outcomes(request.user),
        sat=sitting.date <= today,
        # Waiting on a day the panel no longer sits: the panel administrator moves them.
        stranded=selectors.stranded_referrals(request.user, schedule),
    )
    return render(request, "panels/aepp.html", context)


@require_form
@needs_aepp
def sitting_held(request: HttpRequest, schedule: domain.PanelSchedule) -> HttpResponse:
    """Record, after the event, that a listed panel sat on another day, with that day."""
    _members_only(request, "record the day an early permanence panel sat")
    if not access.records_aepp_outcomes(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused: record the day a panel sat")
        raise PermissionDenied("Only those who record the panel's outcomes may record this.")
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        raise Http404("Not a date") from None
    panel = Panel.objects.filter(date=day).first()
    if panel is None:
        raise Http404(f"No children were referred to the panel on {domain.govuk_day(day)}")
    form = SittingHeldForm(
        request.POST or None,
        initial={"held_on": panel.held_on, "held_reason": panel.held_reason},
    )

    def save() -> Panel:
        return services.record_sitting_held(
            panel,
            held_on=form.cleaned_data["held_on"],
            reason=form.cleaned_data["held_reason"],
            by=request.user,
            actor=Actor.from_request(request),
        )

    back = f"{reverse('panels:aepp')}?date={panel.date.isoformat()}"
    return form_page(
        request,
        form,
        template="panels/sitting_held.html",
        context={"panel": panel, "back": back},
        save=save,
        success=lambda p: (
            f"The panel listed for {domain.govuk_day(p.date)} is recorded as "
            f"held on {domain.govuk_day(p.sat_on)}"
        ),
        done=back,
    )


@require_safe
@needs_aepp
def aepp_pdf(request: HttpRequest, schedule: domain.PanelSchedule) -> HttpResponse:
    """The panel's list as a PDF for the panel pack (audited as an export)."""
    _members_only(request, "early permanence panel list (PDF)")
    context = _panel_context(request, schedule)
    listing = context["listing"]
    record(
        AuditAction.EXPORT,
        request=request,
        summary=f"Downloaded the early permanence panel list for {context['day_text']} as a PDF "
        f"({len(listing.referrals)} children)",
    )
    context["printed_at"] = timezone.localtime()
    return pdf_response(
        "panels/aepp_pdf.html",
        context,
        filename=f"aepp-{context['sitting'].date.isoformat()}.pdf",
        request=request,
    )


@require_safe
@needs_aepp
def admissions(request: HttpRequest, schedule: domain.PanelSchedule) -> HttpResponse:
    """The weekly admissions report: children looked after in the last 7 days and not yet
    referred (001_d6c3849112f62e7d.txt 'Notification via weekly admissions report')."""
    _members_only(request, "weekly admissions")
    today = timezone.localdate()
    rows = selectors.weekly_admissions(request.user, today)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the weekly admissions report ({len(rows)} children)",
    )
    in_time_for = schedule.first_in_time_for(services.current_time())
    return render(
        request,
        "panels/admissions.html",
        {
            "rows": rows,
            "today": today,
            "since": today - dt.timedelta(days=selectors.ADMISSIONS_DAYS),
            "in_time_for": in_time_for,
            "in_time_for_text": domain.govuk_day(in_time_for.date),
            "cutoff_text": domain.describe_cutoff(in_time_for.cutoff),
            "may_refer": access.refers_to_aepp(request.user),
            "route_source": readable_source(domain.ROUTES[domain.WEEKLY_ADMISSIONS].source),
        },
    )


# -- on a child's record ----------------------------------------------------------------------


def _with_schedule(view: View) -> View:
    """Inside ``child_view``: the child's access is checked first, then the profile."""

    @wraps(view)
    def wrapper(request: HttpRequest, child: Child, *args: Any, **kwargs: Any) -> HttpResponse:
        schedule = selectors.schedule()
        if schedule is None:
            return no_aepp(request)
        return view(request, child, *args, schedule=schedule, **kwargs)

    return wrapper


@require_safe
@child_view()
@_with_schedule
def child_panels(
    request: HttpRequest, child: Child, schedule: domain.PanelSchedule
) -> HttpResponse:
    """The child's early permanence panels: referrals, outcomes, and what to do next."""
    today = timezone.localdate()
    referrals = list(selectors.referrals_for_child(child))
    user = request.user
    return render(
        request,
        "panels/child.html",
        {
            "child": child,
            "referrals": referrals,
            "today": today,
            "waiting": next(
                (
                    r
                    for r in referrals
                    if r.panel.date >= today and not hasattr(r, "outcome") and not r.is_withdrawn
                ),
                None,
            ),
            "may_refer": access.can_refer_to_aepp(user, child),
            "may_move": access.can_change_aepp_referral(user, child),
            "may_record": access.can_record_aepp_outcome(user, child),
            "schedule": schedule,
            "source": readable_source(schedule.source),
        },
    )


def _back_to(request: HttpRequest, child: Child) -> tuple[str, str]:
    if request.GET.get("from") == "admissions":
        return reverse("panels:admissions"), "Back to weekly admissions"
    return reverse("panels:child", args=[child.child_id]), "Back to early permanence panel"


@require_form
@child_view(access.can_refer_to_aepp)
@_with_schedule
def refer(request: HttpRequest, child: Child, schedule: domain.PanelSchedule) -> HttpResponse:
    """Put a child on a panel's list; late after the cut-off, with the reason."""
    now = services.current_time()
    today = timezone.localdate(now)
    sittings = schedule.sittings_between(today, today + dt.timedelta(weeks=REFER_CHOICES + 2))[
        :REFER_CHOICES
    ]
    route = request.GET.get("route", "")
    initial = {"route": route} if route in domain.ROUTES else {}
    in_time = schedule.first_in_time_for(now)
    if any(s.date == in_time.date for s in sittings):
        initial["panel"] = in_time.date.isoformat()
    form = ReferralForm(request.POST or None, initial=initial, sittings=sittings, now=now)
    back_url, back_text = _back_to(request, child)
    # Will the next panel a referral made now is in time for meet the 2-week deadline?
    deadline = selectors.aepp_deadline(child, today=today)
    reach = domain.next_reachable(schedule, now, deadline.due) if deadline else None

    def save() -> Referral:
        data = form.cleaned_data
        return services.refer(
            child,
            panel_date=data["panel"],
            route=data["route"],
            is_late=data["is_late"],
            late_reason=data["late_reason"],
            by=request.user,
            actor=Actor.from_request(request),
            now=now,
        )

    def referred(referral: Referral) -> str:
        late = " as a late referral" if referral.is_late else ""
        return (
            f"{child.full_name} is on the list for the panel on "
            f"{domain.govuk_day(referral.panel.date)}{late}"
        )

    return form_page(
        request,
        form,
        template="panels/refer.html",
        context={
            "child": child,
            "title": "Refer to the Achieving Early Permanence Panel",
            "back_url": back_url,
            "back_text": back_text,
            "schedule": schedule,
            "source": readable_source(schedule.source),
            "routes": domain.ROUTES.values(),
            "now": now,
            "deadline": deadline,
            "reach": reach,
        },
        save=save,
        success=referred,
        done=back_url,
    )


def _referral_for(request: HttpRequest, child: Child) -> Referral | None:
    referrals = selectors.referrals_for_child(child)
    raw = request.GET.get("panel", "")
    if not raw:
        return referrals.first()
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise Http404("Not a date") from None
    referral = referrals.filter(panel__date=day).first()
    if referral is None:
        raise Http404(f"{child.full_name} was not referred to the panel on that day")
    return referral


@require_form
@child_view(access.can_record_aepp_outcome)
@_with_schedule
def outcome(request: HttpRequest, child: Child, schedule: domain.PanelSchedule) -> HttpResponse:
    """What the panel agreed for the child: pathway, who is allocated, the first PPM date."""
    today = timezone.localdate()
    referral = _referral_for(request, child)
    context: dict[str, Any] = {
        "child": child,
        "referral": referral,
        "title": "Record the panel's outcome",
        "today": today,
        "pathways": domain.PATHWAYS.values(),
    }
    if referral is None or referral.panel.sat_on > today:
        return render(request, "panels/outcome.html", context)
    existing = getattr(referral, "outcome", None)
    due = selectors.first_ppm_due(child, referral.panel.sat_on)
    hint = (
        f"By {domain.govuk_day(due.due)}: within "
        f"{' then '.join(step.describe() for step in due.steps)} of the panel "
        f"({due.rule.source_name or readable_source(due.rule.source)})."
        if due
        else ""
    )
    initial = (
        {
            "pathway": existing.pathway,
            "worker": existing.worker_id,
            "first_ppm_date": existing.first_ppm_date,
            "notes": existing.notes,
        }
        if existing
        else {}
    )
    form = OutcomeForm(request.POST or None, initial=initial, first_ppm_hint=hint)

    def save() -> None:
        data = form.cleaned_data
        services.record_outcome(
            referral,
            pathway=data["pathway"],
            worker=data["worker"],
            first_ppm_date=data["first_ppm_date"],
            notes=data["notes"],
            by=request.user,
            actor=Actor.from_request(request),
            today=today,
        )

    context["existing"] = existing
    return form_page(
        request,
        form,
        template="panels/outcome.html",
        context=context,
        save=save,
        success=f"The panel's outcome for {child.full_name} has been saved",
        done=f"{reverse('panels:aepp')}?date={referral.panel.date.isoformat()}",
    )


def _waiting_referral(request: HttpRequest, child: Child) -> Referral | None:
    """The referral still waiting for its panel (not withdrawn, no outcome): the one named by
    ``?panel=`` (404 if there is none), else the child's earliest."""
    waiting = selectors.referrals_for_child(child).filter(
        withdrawn_at__isnull=True, outcome__isnull=True
    )
    raw = request.GET.get("panel", "")
    if not raw:
        return waiting.order_by("panel__date").first()
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise Http404("Not a date") from None
    referral = waiting.filter(panel__date=day).first()
    if referral is None:
        raise Http404(f"{child.full_name} has no waiting referral to the panel on that day")
    return referral


def _nothing_waiting(request: HttpRequest, child: Child, title: str) -> HttpResponse:
    back_url, back_text = _change_back(request, child)
    return render(
        request,
        "panels/change_referral.html",
        {"child": child, "title": title, "back_url": back_url, "back_text": back_text},
    )


def _change_back(request: HttpRequest, child: Child) -> tuple[str, str]:
    if request.GET.get("from") == "aepp":
        return reverse("panels:aepp"), "Back to the panel's list"
    return reverse("panels:child", args=[child.child_id]), "Back to early permanence panel"


@require_form
@child_view(access.can_change_aepp_referral)
@_with_schedule
def move(request: HttpRequest, child: Child, schedule: domain.PanelSchedule) -> HttpResponse:
    """Move a waiting referral to another sitting, with the reason (the same people who may
    refer): a changed panel day does not strand the children waiting."""
    referral = _waiting_referral(request, child)
    if referral is None:
        return _nothing_waiting(request, child, "Move the referral to another panel")
    now = services.current_time()
    today = timezone.localdate(now)
    sittings = [
        s
        for s in schedule.sittings_between(today, today + dt.timedelta(weeks=REFER_CHOICES + 2))
        if s.date != referral.panel.date
    ][:REFER_CHOICES]
    form = MoveReferralForm(request.POST or None, sittings=sittings)
    back_url, back_text = _change_back(request, child)
    stranded = schedule.sitting_on(referral.panel.date) is None

    def save() -> Referral:
        return services.move_referral(
            referral,
            panel_date=form.cleaned_data["panel"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            actor=Actor.from_request(request),
            now=now,
        )

    return form_page(
        request,
        form,
        template="panels/change_referral.html",
        context={
            "child": child,
            "referral": referral,
            "title": "Move the referral to another panel",
            "button": "Move the referral",
            "back_url": back_url,
            "back_text": back_text,
            "stranded": stranded,
            "schedule": schedule,
        },
        save=save,
        success=lambda r: (
            f"{child.full_name}'s referral has moved to the panel on "
            f"{domain.govuk_day(r.panel.date)}"
        ),
        done=back_url,
    )


@require_form
@child_view(access.can_change_aepp_referral)
@_with_schedule
def withdraw(request: HttpRequest, child: Child, schedule: domain.PanelSchedule) -> HttpResponse:
    """Take a waiting referral off the panel's list, with the reason."""
    referral = _waiting_referral(request, child)
    if referral is None:
        return _nothing_waiting(request, child, "Withdraw the referral")
    form = WithdrawReferralForm(request.POST or None)
    back_url, back_text = _change_back(request, child)

    def save() -> Referral:
        return services.withdraw_referral(
            referral,
            reason=form.cleaned_data["reason"],
            by=request.user,
            actor=Actor.from_request(request),
        )

    return form_page(
        request,
        form,
        template="panels/change_referral.html",
        context={
            "child": child,
            "referral": referral,
            "title": "Withdraw the referral",
            "button": "Withdraw the referral",
            "back_url": back_url,
            "back_text": back_text,
            "stranded": False,
            "schedule": schedule,
        },
        save=save,
        success=f"{child.full_name}'s referral to the panel on "
        f"{domain.govuk_day(referral.panel.date)} has been withdrawn",
        done=back_url,
    )


# The panel's own records (issue 18 item 8) ----------------------------------------------------


def _panel_on(request: HttpRequest) -> Panel:
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        raise Http404("Not a date") from None
    panel = Panel.objects.filter(date=day).first()
    if panel is None:
        raise Http404(f"No children were referred to the panel on {domain.govuk_day(day)}")
    return panel


def _record_url(panel: Panel) -> str:
    return f"{reverse('panels:sitting-record')}?date={panel.date.isoformat()}"


def _panel_record() -> domain.PanelRecord:
    found = domain.record_for(settings.HOMEWARD_COUNCIL)
    if found is None:  # a council with an AEPP schedule must say who sits on it
        raise Http404("This council's procedure names no panel members")
    return found


def _record_keepers_only(request: HttpRequest, what: str) -> None:
    _members_only(request, what)
    if not access.keeps_aepp_record(request.user):
        record(AuditAction.DENIED, request=request, summary=f"Refused: {what}")
        raise PermissionDenied(
            "The sitting's record is kept by the panel administrator, the permanency "
            "coordinator and service managers."
        )


@require_safe
@needs_aepp
def sitting_record(request: HttpRequest, schedule: domain.PanelSchedule) -> HttpResponse:
    """One sitting's own record: who sat on it, in which places, who sent apologies, the places
    nobody filled, and the recruitment needs it raised. Names no child."""
    _members_only(request, "an early permanence panel sitting's record")
    panel = _panel_on(request)
    panel_record = _panel_record()
    context = selectors.sitting_record(panel, panel_record)
    record(
        AuditAction.VIEW,
        request=request,
        summary=f"Viewed the record of the early permanence panel on "
        f"{domain.govuk_day(panel.sat_on)}",
    )
    return render(
        request,
        "panels/sitting_record.html",
        {
            **context,
            "panel": panel,
            "panel_record": panel_record,
            "seats_source": readable_source(panel_record.seats_source),
            "needs_source": readable_source(panel_record.needs_source),
            "sat": panel.sat_on <= timezone.localdate(),
            "may_keep": access.keeps_aepp_record(request.user),
            "back": f"{reverse('panels:aepp')}?date={panel.date.isoformat()}",
        },
    )


@require_form
@needs_aepp
def add_attendance(request: HttpRequest, schedule: domain.PanelSchedule) -> HttpResponse:
    _record_keepers_only(request, "record who attended an early permanence panel")
    panel = _panel_on(request)
    panel_record = _panel_record()
    form = AttendanceForm(request.POST or None, panel_record=panel_record)
    back = _record_url(panel)
    return form_page(
        request,
        form,
        template="panels/sitting_form.html",
        context={
            "panel": panel,
            "back": back,
            "title": "Record who attended",
            "button": "Save",
        },
        save=lambda: services.record_attendance(
            panel,
            seat=form.cleaned_data["seat"],
            name=form.cleaned_data["name"],
            attended=form.cleaned_data["attended"] == "yes",
            by=request.user,
            actor=Actor.from_request(request),
        ),
        success=lambda row: (
            f"{row.name} is recorded for the panel on {domain.govuk_day(panel.sat_on)}"
        ),
        done=f"{back}#attendance",
    )


@require_form
@needs_aepp
def add_need(request: HttpRequest, schedule: domain.PanelSchedule) -> HttpResponse:
    _record_keepers_only(request, "record a recruitment need an early permanence panel raised")
    panel = _panel_on(request)
    panel_record = _panel_record()
    form = RecruitmentNeedForm(request.POST or None, panel_record=panel_record)
    back = _record_url(panel)
    return form_page(
        request,
        form,
        template="panels/sitting_form.html",
        context={
            "panel": panel,
            "back": back,
            "title": "Record a recruitment need",
            "button": "Save the need",
        },
        save=lambda: services.raise_recruitment_need(
            panel,
            team=form.cleaned_data["team"],
            need=form.cleaned_data["need"],
            children=form.cleaned_data["children"],
            description=form.cleaned_data["description"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        success="The recruitment need is recorded",
        done=f"{back}#needs",
    )
