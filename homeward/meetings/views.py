"""Pages for a child's meetings: the list with what the timescales expect next, planning,
recording (the chair's form), the meeting's record, its printable agenda or minutes, actions
and the IRO's escalations. Views parse, call a selector or service, and render."""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.accounts.models import Role
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.children.guard import child_view
from homeward.children.models import Child
from homeward.children.templatetags.homeward import govuk_date
from homeward.documents import services as documents
from homeward.domain import meetings as domain
from homeward.domain.councils import readable_source
from homeward.family import selectors as family_selectors
from homeward.form_page import form_page, require_form
from homeward.meetings import selectors, services
from homeward.meetings.forms import (
    ActionFormSet,
    ActionStatusForm,
    CancelMeetingForm,
    MeetingRecordForm,
    NamedAttendeeFormSet,
    PlanMeetingForm,
    ProgressEscalationForm,
    RaiseEscalationForm,
    ToldChildForm,
)
from homeward.meetings.models import Action, Escalation, Meeting
from homeward.pdf import render_pdf
from homeward.timescales import selectors as timescales

ROLE_NAMES = dict(Role.choices)


def _refuse(request: HttpRequest, child: Child, summary: str, message: str) -> NoReturn:
    record(AuditAction.DENIED, request=request, child_id=child.child_id, summary=summary)
    raise PermissionDenied(message)


def _audit_view(request: HttpRequest, child: Child) -> None:
    page = request.resolver_match.url_name if request.resolver_match else "page"
    record(AuditAction.VIEW, request=request, child_id=child.child_id, summary=f"Viewed {page}")


def _meeting(child: Child, meeting_id: int) -> tuple[Meeting, domain.MeetingType]:
    meeting = selectors.meeting_record(child, meeting_id)
    mtype = selectors.type_of(meeting)
    if mtype is None:
        raise Http404("This council does not hold meetings of this type")
    return meeting, mtype


def _elsewhere(key: str) -> domain.MeetingType | None:
    """The council's type ``key`` when another part of Homeward records it (the AEPP, on the
    panel: ``selectors.RECORDED_ELSEWHERE``), else None."""
    if key not in selectors.RECORDED_ELSEWHERE:
        return None
    try:
        return services.meeting_type(key)
    except ValidationError:
        return None  # not a type this council holds: the caller says so as for any other


def _recorded_elsewhere(
    request: HttpRequest, child: Child, mtype: domain.MeetingType
) -> HttpResponse:
    """A type recorded elsewhere is never planned or recorded here: a GET is sent to the page
    that records it, with a message; anything else is refused (audited) and nothing is saved."""
    message = services.recorded_elsewhere_message(mtype)
    if request.method not in ("GET", "HEAD"):
        _refuse(
            request, child, f"Refused: a {mtype.name} planned or recorded as a meeting", message
        )
    messages.info(request, message)
    return redirect(selectors.RECORDED_ELSEWHERE[mtype.key], child.child_id)


@require_safe
@child_view()
def child_meetings(request: HttpRequest, child: Child) -> HttpResponse:
    today = timezone.localdate()
    meetings = selectors.child_meetings(child)
    expectations = selectors.child_expectations(child, today=today)
    planned = [m for m in meetings if m.status == Meeting.Status.PLANNED]
    # A planned meeting the timescales no longer expect (a PPM once the child is placed) is
    # marked with the engine's reason, for the chair to cancel: Homeward never deletes it.
    stale = selectors.no_longer_due(planned, expectations)
    user = request.user
    recordable = [
        t
        for t in selectors.council_types()
        if access.can_record_meeting(user, child, t.recorders, None)
    ]
    return render(
        request,
        "meetings/child_meetings.html",
        {
            "child": child,
            "due": selectors.due_meetings(child, meetings, today=today, expectations=expectations),
            "planned": [(m, stale.get(m.pk)) for m in planned],
            "held": [m for m in meetings if m.status == Meeting.Status.HELD],
            "cancelled": [m for m in meetings if m.status == Meeting.Status.CANCELLED],
            "names": {t.key: t.name for t in selectors.council_types()},
            # One source for the chair shown in the lists and on the meeting's page.
            "chairs": {t.key: t.chair_label for t in selectors.council_types()},
            "recorded_by_others": [
                t.recorded_by for t in selectors.council_types() if t not in recordable
            ]
            if access.can_change_child(user, child)
            else [],
            "escalations": selectors.child_escalations(child, today=today),
            "can_plan": access.can_plan_meeting(user, child),
            "can_record": bool(recordable),
            "can_escalate": access.can_escalate(user, child),
            "today": today,
            "roles": ROLE_NAMES,
        },
    )


@require_form
@child_view(access.can_plan_meeting)
def plan_meeting(request: HttpRequest, child: Child) -> HttpResponse:
    user = request.user
    elsewhere = _elsewhere(request.POST.get("type", "") or request.GET.get("type", ""))
    if elsewhere is not None:
        return _recorded_elsewhere(request, child, elsewhere)
    initial: dict[str, Any] = {"type": request.GET.get("type", "")}
    try:  # "Plan it" from the due meetings: the engine's due date on a working day (the one
        # before it for a weekend or bank holiday), or the next working day if it has passed
        due = dt.date.fromisoformat(request.GET.get("on", ""))
        initial["planned_on"] = domain.suggested_date(due, today=timezone.localdate())
    except ValueError:
        pass
    form = PlanMeetingForm(
        request.POST or None,
        child=child,
        user=user,
        initial=initial,
    )

    def save() -> Meeting:
        key = form.cleaned_data["type"]
        existing = services.planned_meeting_of_type(child, key)
        if existing is not None:
            raise ValidationError(
                {
                    "type": f"A {selectors.type_name(key)} is already planned for "
                    f"{govuk_date(existing.planned_on)}: change or cancel that one first"
                }
            )
        return services.schedule_meeting(
            child,
            key,
            form.cleaned_data["planned_on"],
            by=user,
            chair=form.cleaned_data["chair"],
            venue=form.cleaned_data["venue"],
            actor=Actor.from_request(request),
        )

    return form_page(
        request,
        form,
        template="meetings/simple_form.html",
        context={
            "child": child,
            "title": "Plan a meeting",
            "lede": "When a meeting is recorded as held, Homeward plans the next one the "
            "timescales expect; plan others here.",
            "button": "Plan the meeting",
            "back": reverse("meetings:child-meetings", args=[child.child_id]),
        },
        save=save,
        success=lambda meeting: f"{selectors.type_name(meeting.type)} planned",
        done=lambda meeting: meeting,
    )


@require_form
@child_view(access.can_change_child, audit_view=False)
def record_new(request: HttpRequest, child: Child) -> HttpResponse:
    """Record a meeting that was not planned in Homeward: first choose its type."""
    user = request.user
    key = request.GET.get("type", "")
    if key:
        try:
            mtype = services.meeting_type(key)
        except ValidationError:
            raise Http404("No such type of meeting") from None
        if key in selectors.RECORDED_ELSEWHERE:
            return _recorded_elsewhere(request, child, mtype)
        return _record(request, child, mtype, None)
    _audit_view(request, child)
    recordable = [
        t
        for t in selectors.council_types()
        if access.can_record_meeting(user, child, t.recorders, None)
    ]
    error = "Select the type of meeting" if "choose" in request.GET else ""
    others = [t.recorded_by for t in selectors.council_types() if t not in recordable]
    return render(
        request,
        "meetings/record_choose.html",
        {"child": child, "types": recordable, "error": error, "recorded_by_others": others},
    )


@require_form
@child_view(access.can_change_child, audit_view=False)
def record_meeting(request: HttpRequest, child: Child, meeting_id: int) -> HttpResponse:
    meeting, mtype = _meeting(child, meeting_id)
    if meeting.status != Meeting.Status.PLANNED:
        return redirect(meeting)  # held or cancelled: its record says so
    if meeting.type in selectors.RECORDED_ELSEWHERE:
        return _recorded_elsewhere(request, child, mtype)
    return _record(request, child, mtype, meeting)


def _numbered(formset: Any, fields: dict[str, str]) -> None:
    """Label each row's fields with its number, so every label says which row it belongs to."""
    for i, form in enumerate(formset.forms, start=1):
        for name, label in fields.items():
            form.fields[name].label = label.format(n=i)


def _bump(data: Any, prefix: str) -> Any:
    data = data.copy()
    total = f"{prefix}-TOTAL_FORMS"
    count = data.get(total, "0")
    if count.isdigit():
        data[total] = str(min(int(count) + 1, 30))
    return data


def _record(
    request: HttpRequest, child: Child, mtype: domain.MeetingType, meeting: Meeting | None
) -> HttpResponse:
    user = request.user
    chair_id = meeting.chair_id if meeting is not None else None
    if not access.can_record_meeting(user, child, mtype.recorders, chair_id):
        who = " or ".join(ROLE_NAMES.get(r, r).lower() for r in mtype.recorders)
        _refuse(
            request,
            child,
            f"Refused: recording a {mtype.name}",
            f"A {mtype.name} is recorded by the {who} who works with the child, or the person "
            "named as its chair.",
        )
    today = timezone.localdate()
    staff = access.meeting_staff(child, user)
    initial: dict[str, Any] = {}
    if meeting is not None and meeting.planned_on and meeting.planned_on <= today:
        initial["held_on"] = meeting.planned_on
    if meeting is not None and meeting.chair_id:
        initial["chair"] = meeting.chair_id
    elif user.role == mtype.chair_role:
        initial["chair"] = user.pk
    if meeting is not None and meeting.venue:
        initial["venue"] = meeting.venue
    data = request.POST if request.method == "POST" else None
    adding = data is not None and ("add_action" in data or "add_attendee" in data)
    if data is not None and "add_action" in data:
        data = _bump(data, "actions")
    if data is not None and "add_attendee" in data:
        data = _bump(data, "others")
    form = MeetingRecordForm(data, child=child, user=user, mtype=mtype, initial=initial)
    others = NamedAttendeeFormSet(data, prefix="others", form_kwargs={"mtype": mtype})
    actions = ActionFormSet(data, prefix="actions", form_kwargs={"staff": staff})
    _numbered(
        others,
        {
            "name": "Other attendee {n}: full name",
            "attendee_key": "Other attendee {n}: attending as",
            "organisation": "Other attendee {n}: role or organisation (if not listed)",
            "attended": "Other attendee {n}: attendance",
        },
    )
    _numbered(
        actions,
        {"text": "Action {n}", "owner": "Who will do action {n}", "due_on": "Action {n} due by"},
    )
    if adding:
        for f in (form, *others.forms, *actions.forms):
            f.helper.form_show_errors = False
    elif data is None:
        _audit_view(request, child)

    def save() -> services.Recorded:
        return services.record_meeting(
            child,
            mtype.key,
            _record_data(form, others, actions, mtype),
            by=user,
            meeting=meeting,
            actor=Actor.from_request(request),
        )

    def recorded(result: services.Recorded) -> str:
        message = f"{mtype.name} recorded"
        for planned in result.planned_next:
            message += (
                f". Next {selectors.type_name(planned.type)} planned for "
                f"{govuk_date(planned.planned_on)}"
            )
        for gone in result.no_longer_due:
            message += (
                f". The {selectors.type_name(gone.meeting.type)} planned for "
                f"{govuk_date(gone.meeting.planned_on)} is no longer due by the "
                f"timescales: {gone.reason}. Cancel it from the Meetings tab"
            )
        return message

    def context() -> dict[str, Any]:
        all_forms = [form, *others.forms, *actions.forms]
        has_errors = not adding and (
            any(f.errors for f in all_forms)
            or bool(others.non_form_errors())
            or bool(actions.non_form_errors())
        )
        # Recording one not planned here while one of the same type is: it may be that one.
        planned_instead = (
            list(
                Meeting.objects.filter(
                    child=child, type=mtype.key, status=Meeting.Status.PLANNED
                ).order_by("planned_on")[:3]
            )
            if meeting is None
            else []
        )
        return {
            "child": child,
            "mtype": mtype,
            "meeting": meeting,
            "planned_instead": planned_instead,
            "others": others,
            "actions": actions,
            "forms": all_forms,
            "has_errors": has_errors,
            "has_people": form.fields["people_attended"].queryset.exists(),
            "roles": ROLE_NAMES,
            "today": today,
        }

    return form_page(
        request,
        form,
        also=[others, actions],
        posted=data is not None and not adding,
        template="meetings/record.html",
        context=context,
        save=save,
        on_error=lambda exc: _record_errors_onto(
            exc, form, [f for f in actions.forms if f.is_filled]
        ),
        success=recorded,
        done=lambda result: result.meeting,
    )


def _record_data(
    form: MeetingRecordForm, others: Any, actions: Any, mtype: domain.MeetingType
) -> services.MeetingRecord:
    """What the chair recorded, as the service takes it."""
    return services.MeetingRecord(
        held_on=form.cleaned_data["held_on"],
        chair=form.cleaned_data["chair"],
        venue=form.cleaned_data["venue"],
        childs_views=form.cleaned_data["childs_views"],
        views_gathered=form.cleaned_data["views_gathered"],
        decisions=form.cleaned_data["decisions"],
        summary_for_child=form.cleaned_data["summary_for_child"],
        summary_for_parents=form.cleaned_data["summary_for_parents"],
        attendees=_attendees(form, others),
        answers={i.key: form.cleaned_data[f"answer_{i.key}"] for i in mtype.agenda_asked},
        outcomes={
            o.key: form.cleaned_data[f"outcome_{o.key}"]
            for o in mtype.outcomes
            if form.cleaned_data[f"outcome_{o.key}"]
        },
        actions=[
            services.ActionIn(
                f.cleaned_data["text"], f.cleaned_data["owner"], f.cleaned_data["due_on"]
            )
            for f in actions.forms
            if f.is_filled
        ],
    )


def _attendees(form: MeetingRecordForm, others: Any) -> list[services.AttendeeIn]:
    keys = {a.role: a.key for a in form.mtype.attendees if a.role}
    data = form.cleaned_data
    rows: list[services.AttendeeIn] = []
    for attended, field in ((True, "staff_attended"), (False, "staff_apologies")):
        rows += [
            services.AttendeeIn(attended, user=u, attendee_key=keys.get(u.role, ""))
            for u in data.get(field) or []
        ]
    for attended, field in ((True, "people_attended"), (False, "people_apologies")):
        rows += [services.AttendeeIn(attended, person=p) for p in data.get(field) or []]
    for other in others.forms:
        if other.is_filled:
            rows.append(
                services.AttendeeIn(
                    other.cleaned_data.get("attended", "attended") != "apologies",
                    name=other.cleaned_data["name"],
                    attendee_key=other.cleaned_data["attendee_key"],
                    organisation=other.cleaned_data["organisation"],
                )
            )
    return rows


def _record_errors_onto(exc: ValidationError, form: Any, actions: list[Any]) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, errors in exc.message_dict.items():
        if key.startswith("action_"):
            _, index, field = key.split("_", 2)
            actions[int(index)].add_error(field, errors)
        elif key == "attendees":
            form.add_error("staff_attended", errors)
        elif key in form.fields:
            form.add_error(key, errors)
        else:
            form.add_error(None, errors)


@require_safe
@child_view()
def meeting_page(request: HttpRequest, child: Child, meeting_id: int) -> HttpResponse:
    today = timezone.localdate()
    meeting, mtype = _meeting(child, meeting_id)
    user = request.user
    attendance = list(meeting.attendance.all())
    return render(
        request,
        "meetings/meeting.html",
        {
            "child": child,
            "meeting": meeting,
            "mtype": mtype,
            **_minutes_context(meeting, mtype, today),
            "attended": [a for a in attendance if a.attended],
            "apologies": [a for a in attendance if not a.attended],
            "permanence_plan": _permanence_plan(child, meeting, mtype, today),
            "no_longer_due": _no_longer_due(child, meeting, today),
            "genogram_not_explored": _genogram_not_explored(child, mtype),
            # The parents', family's and carers' views recorded for this meeting, beside the
            # child's (issue 18 item 2; Devon 'What we will do').
            "family_views": family_selectors.family_views(child, meeting=meeting),
            "can_change": access.can_change_child(user, child),
            "can_record": meeting.status == Meeting.Status.PLANNED
            and meeting.type not in selectors.RECORDED_ELSEWHERE
            and access.can_record_meeting(user, child, mtype.recorders, meeting.chair_id),
            "can_plan": access.can_plan_meeting(user, child),
            "can_escalate": access.can_escalate(user, child),
            "roles": ROLE_NAMES,
            "today": today,
        },
    )


def _genogram_not_explored(child: Child, mtype: domain.MeetingType) -> int | None:
    """For a meeting whose agenda reviews the genogram (DM: "to ensure all friends and family
    have been explored"): how many relatives and friends are not yet explored as carers."""
    if not any(item.key == "genogram" for item in mtype.agenda):
        return None
    return family_selectors.genogram_of(child, draw=False).not_yet_explored


def _no_longer_due(child: Child, meeting: Meeting, today: dt.date) -> selectors.NoLongerDue | None:
    """For a planned meeting the timescales no longer expect: the engine's reason."""
    if meeting.status != Meeting.Status.PLANNED:
        return None
    expectations = selectors.child_expectations(child, today=today)
    return selectors.no_longer_due([meeting], expectations).get(meeting.pk)


def _minutes_context(meeting: Meeting, mtype: domain.MeetingType, today: Any) -> dict[str, Any]:
    return {
        "agenda": selectors.agenda_rows(meeting, mtype),
        "outcomes": selectors.outcome_rows(meeting, mtype),
        "actions": selectors.meeting_actions(meeting, today=today),
        "views_gathered": dict(domain.VIEWS_GATHERED).get(meeting.views_gathered, ""),
        "escalations": [selectors.escalation_item(e, today) for e in meeting.escalations.all()],
        "type_source": readable_source(mtype.source),
        "plain_summaries": domain.plain_summaries(settings.HOMEWARD_COUNCIL),
    }


def _permanence_plan(
    child: Child, meeting: Meeting, mtype: domain.MeetingType, today: Any
) -> dict[str, Any] | None:
    """For a Child in Care review: the IRO's answer beside the engine's permanence-plan
    deadline (stored), so a plan missing at (or after) its deadline prompts an escalation."""
    if mtype.key != "cic_review" or meeting.status != Meeting.Status.HELD:
        return None
    plans = [
        e
        for e in selectors.child_expectations(child, today=today)
        if e.rule_id == timescales.PLAN_RULE
    ]
    latest = plans[-1] if plans else None
    answer = meeting.outcomes.get("permanence_plan", "")
    late = (
        answer == "no"
        and latest is not None
        and latest.met_by is None
        and meeting.held_on is not None
        and latest.due <= meeting.held_on
    )
    claimed = (
        selectors.plan_claimed_while_overdue(Meeting.objects.filter(pk=meeting.pk))
        .values_list("plan_due", flat=True)
        .first()
        if answer == "yes"
        else None
    )
    return {
        "expectation": latest,
        "answer": answer,
        "missing_at_deadline": late,
        # The review records a plan in place that the timescales do not have: its deadline had
        # passed with no plan recorded as agreed (issue 13 item 14c).
        "claimed_while_overdue": claimed,
    }


@require_safe
@child_view(audit_view=False)
def minutes(request: HttpRequest, child: Child, meeting_id: int) -> HttpResponse:
    """The printable minutes of a held meeting (its agenda, for one still planned), with the
    summary written for the child on its own page."""
    today = timezone.localdate()
    meeting, mtype = _meeting(child, meeting_id)
    if meeting.status == Meeting.Status.CANCELLED:
        raise Http404("This meeting was cancelled")
    attendance = list(meeting.attendance.all())
    what = "minutes" if meeting.status == Meeting.Status.HELD else "agenda"
    record(
        AuditAction.EXPORT,
        request=request,
        child_id=child.child_id,
        obj=meeting,
        summary=f"Printed the {what} of the {mtype.name} ({meeting.date})",
    )
    pdf = render_pdf(
        "meetings/minutes_pdf.html",
        {
            "child": child,
            "meeting": meeting,
            "mtype": mtype,
            "what": what,
            **_minutes_context(meeting, mtype, today),
            "attended": [a for a in attendance if a.attended],
            "apologies": [a for a in attendance if not a.attended],
            "roles": ROLE_NAMES,
            "printed_on": today,
        },
        request,
    )
    filename = f"{what}-{mtype.key}-{child.child_id}-{meeting.date:%Y-%m-%d}.pdf"
    if meeting.status == Meeting.Status.HELD:
        _file_minutes(request, child, meeting, mtype, pdf, filename)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _file_minutes(
    request: HttpRequest,
    child: Child,
    meeting: Meeting,
    mtype: domain.MeetingType,
    pdf: bytes,
    filename: str,
) -> None:
    """The minutes of a held meeting are filed on the child's Documents tab the first time they
    are printed, and again (the new copy replacing the old) after the record is changed, so the
    record has one list of documents (issue 17 item 5)."""
    source = f"meeting:{meeting.pk}"
    filed = documents.latest_for(source)
    if filed is not None and (
        meeting.recorded_at is None or filed.uploaded_at >= meeting.recorded_at
    ):
        return
    documents.store_rendered(
        Actor.from_request(request),
        child,
        pdf,
        "minutes",
        f"Minutes of the {mtype.name}",
        meeting.date,
        source,
        filename=filename,
        supersedes=filed,
    )


@require_form
@child_view(access.can_plan_meeting)
def cancel_meeting(request: HttpRequest, child: Child, meeting_id: int) -> HttpResponse:
    meeting, mtype = _meeting(child, meeting_id)
    if meeting.status != Meeting.Status.PLANNED:
        return redirect(meeting)  # held or cancelled: its record says so
    initial = {}
    if request.method != "POST":
        stale = selectors.no_longer_due(
            [meeting], selectors.child_expectations(child, today=timezone.localdate())
        )
        if meeting.pk in stale:
            initial["because"] = f"No longer due by the timescales: {stale[meeting.pk].reason}"
    form = CancelMeetingForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        template="meetings/simple_form.html",
        context={
            "child": child,
            "title": f"Cancel the {mtype.name} planned for {govuk_date(meeting.planned_on)}",
            "button": "Cancel the meeting",
            "back": meeting.get_absolute_url(),
        },
        save=lambda: services.cancel_meeting(
            meeting,
            because=form.cleaned_data["because"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        success=f"{mtype.name} cancelled",
        done=reverse("meetings:child-meetings", args=[child.child_id]),
    )


@require_form
@child_view(access.can_plan_meeting)
def action_status(
    request: HttpRequest, child: Child, meeting_id: int, action_id: int
) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.select_related("meeting", "owner"),
        pk=action_id,
        meeting_id=meeting_id,
        meeting__child=child,
    )
    today = timezone.localdate()
    form = ActionStatusForm(
        request.POST or None,
        initial={"status": action.status, "done_on": action.done_on or today},
    )
    return form_page(
        request,
        form,
        template="meetings/simple_form.html",
        context={
            "child": child,
            "title": "Update an action",
            "lede": f"{action.text} — {action.owner}, due by {govuk_date(action.due_on)}",
            "button": "Save",
            "back": action.meeting.get_absolute_url(),
        },
        save=lambda: services.update_action(
            action,
            status=form.cleaned_data["status"],
            done_on=form.cleaned_data["done_on"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        success=f"Action updated: {action.text}",
        done=action.meeting,
    )


@require_form
@child_view(access.can_escalate)
def raise_escalation(request: HttpRequest, child: Child) -> HttpResponse:
    meeting = None
    meeting_id = request.GET.get("meeting", "")
    if meeting_id.isdigit():
        meeting = Meeting.objects.filter(pk=int(meeting_id), child=child).first()
    today = timezone.localdate()
    form = RaiseEscalationForm(
        request.POST or None, initial={"raised_on": today, "stage": "informal"}
    )
    back = (
        meeting.get_absolute_url()
        if meeting
        else reverse("meetings:child-meetings", args=[child.child_id])
    )
    return form_page(
        request,
        form,
        template="meetings/simple_form.html",
        context={
            "child": child,
            "title": "Raise an escalation",
            "lede": "An IRO's challenge to the child's plan, tracked until it is resolved. "
            f"Source: {readable_source(domain.ESCALATION_SOURCE)}.",
            "button": "Raise the escalation",
            "back": back,
        },
        save=lambda: services.raise_escalation(
            child,
            stage=form.cleaned_data["stage"],
            issue=form.cleaned_data["issue"],
            raised_on=form.cleaned_data["raised_on"],
            respond_by=form.cleaned_data["respond_by"],
            by=request.user,
            meeting=meeting,
            actor=Actor.from_request(request),
        ),
        success="Escalation raised",
        done=back,
    )


@require_form
@child_view(access.can_escalate)
def escalation(request: HttpRequest, child: Child, escalation_id: int) -> HttpResponse:
    current = get_object_or_404(
        Escalation.objects.select_related("raised_by", "meeting"), pk=escalation_id, child=child
    )
    today = timezone.localdate()
    chain = [current]
    while chain[0].previous_id:
        chain.insert(0, Escalation.objects.select_related("raised_by").get(pk=chain[0].previous_id))
    later = Escalation.objects.filter(previous=chain[-1]).first()
    while later is not None:
        chain.append(later)
        later = Escalation.objects.filter(previous=later).first()
    latest = chain[-1]
    context = {
        "child": child,
        "chain": [selectors.escalation_item(e, today) for e in chain],
        "latest": latest,
        "today": today,
    }
    done = reverse("meetings:child-meetings", args=[child.child_id])
    if not latest.is_open:
        # Resolved: what the IRO told the child was done on their behalf (DU 'Role of the IRO').
        told = ToldChildForm(
            request.POST or None,
            initial={
                "told_child_on": latest.told_child_on or today,
                "told_child": latest.told_child,
            },
        )
        return form_page(
            request,
            told,
            template="meetings/escalation.html",
            context=context,
            save=lambda: services.record_told_child(
                latest,
                on=told.cleaned_data["told_child_on"],
                told=told.cleaned_data["told_child"],
                by=request.user,
                actor=Actor.from_request(request),
            ),
            success="Escalation updated: what the child was told is recorded",
            done=done,
        )
    form = ProgressEscalationForm(request.POST or None, initial={"on": today})
    return form_page(
        request,
        form,
        posted=request.method == "POST" and latest.is_open,
        template="meetings/escalation.html",
        context=context,
        save=lambda: services.progress_escalation(
            latest,
            resolve=form.cleaned_data["resolve"] == "resolved",
            on=form.cleaned_data["on"],
            outcome=form.cleaned_data["outcome"],
            respond_by=form.cleaned_data["respond_by"],
            by=request.user,
            actor=Actor.from_request(request),
        ),
        fallback="resolve",
        success="Escalation updated",
        done=done,
    )
