""" "My plan" on a child's record (issue 17 item 1): the reads that gather what the child may be
told, and the writes: a section as the social worker wrote it (or left out), and sharing a
version with the child, which is kept as shared, filed in the documents store as a PDF and
recorded as the journey event "plan shared with the child", all in one transaction.

The wording is ``homeward.domain.my_plan``'s. What the record holds that the child must never
read (addresses, other children, case notes) is gathered here and checked there, on every save
and again when sharing (DU 'Looked After Reviews'; DV 'Guiding Principles')."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from homeward.accounts.actor import Actor
from homeward.accounts.models import User
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import (
    Child,
    Episode,
    JourneyEvent,
    PersonInChildsLife,
    Relationship,
    StatutoryVisit,
)
from homeward.documents.services import store_rendered
from homeward.domain import my_plan as domain
from homeward.family.models import VoiceEntry, WhoseWords
from homeward.meetings.models import Meeting
from homeward.pdf import render_pdf
from homeward.planning import pictures
from homeward.planning.models import MyPlanSection, MyPlanVersion, PermanencePlan

MAX_TEXT = 2000
EVENT = "plan_shared_with_child"
DOCUMENT_TYPE = "my_plan"

# SSDA903 placement types (PLACE) as the child's home: foster carers U4-U6, family or friends
# U1-U3, placed for adoption A3-A6, a parent P1, children's homes K2 and R1, living on their own
# with support P2 and H5.
HOMES = {
    **dict.fromkeys(("U1", "U2", "U3"), "family"),
    **dict.fromkeys(("U4", "U5", "U6"), "foster"),
    **dict.fromkeys(("A3", "A4", "A5", "A6"), "adoptive"),
    "P1": "parent",
    **dict.fromkeys(("K2", "R1"), "childrens_home"),
    **dict.fromkeys(("P2", "H5"), "own"),
}
CARER_RELATIONSHIPS = {
    "parent": (Relationship.MOTHER, Relationship.FATHER),
    "family": (
        Relationship.SPECIAL_GUARDIAN,
        Relationship.FOSTER_CARER,
        Relationship.CONNECTED_PERSON,
    ),
}
DEFAULT_CARERS = (
    Relationship.FOSTER_CARER,
    Relationship.PROSPECTIVE_ADOPTER,
    Relationship.SPECIAL_GUARDIAN,
)
MEETING_KINDS = {"cic_review": "review", "permanence_planning_meeting": "ppm"}


def name_of(child: Child) -> str:
    return child.preferred_name or child.first_name or "you"


def facts(child: Child, today: dt.date) -> domain.PlanFacts | None:
    """What the draft may be written from: first names, roles, dates and the plan's option,
    never an address or a note. None for a child not yet born."""
    if child.date_of_birth is None:
        return None
    episode = (
        Episode.objects.filter(child=child, end_date__isnull=True).order_by("-start_date").first()
    )
    home = HOMES.get(episode.placement_type, "") if episode else ""
    relationships = CARER_RELATIONSHIPS.get(home, DEFAULT_CARERS)
    carers = tuple(
        link.person.first_name
        for link in PersonInChildsLife.objects.filter(
            child=child, relationship__in=relationships, person__is_deceased=False
        ).select_related("person")
    )
    allocation = child.allocations.filter(ended_on__isnull=True).select_related(
        "social_worker", "iro"
    )
    current = allocation.first()
    plan = (
        PermanencePlan.objects.filter(child=child)
        .select_related("preferred_option")
        .order_by("-version")
        .first()
    )
    meetings = tuple(
        domain.Meeting(MEETING_KINDS.get(m.type, "other"), m.planned_on)
        for m in Meeting.objects.filter(
            child=child, status=Meeting.Status.PLANNED, planned_on__gte=today
        ).order_by("planned_on")[:2]
        if m.planned_on is not None
    )
    words = tuple(
        VoiceEntry.objects.filter(child=child, whose_words=WhoseWords.CHILD)
        .order_by("-date", "-pk")
        .values_list("text", flat=True)[:3]
    )
    return domain.PlanFacts(
        name=name_of(child),
        date_of_birth=child.date_of_birth,
        home=home,
        carers=carers,
        social_worker=str(current.social_worker) if current and current.social_worker else "",
        iro=str(current.iro) if current and current.iro else "",
        option=plan.preferred_option.kind if plan else "",
        meetings=meetings,
        own_words=words,
    )


def forbidden(child: Child) -> domain.Forbidden:
    """What the record holds that the child's version must never: the postcodes on their
    episodes (their birth family's home, their placements), the other children on the record
    (their sibling group, and any child who shares a person in their life), and the case notes
    (visits, people's notes, the sibling group's notes, meetings' decisions)."""
    postcodes = {
        p
        for pair in Episode.objects.filter(child=child).values_list(
            "home_postcode", "placement_postcode"
        )
        for p in pair
        if p
    }
    people = PersonInChildsLife.objects.filter(child=child).values("person")
    others = Child.objects.exclude(pk=child.pk).filter(
        Q(people__person__in=people)
        | (Q(sibling_group__isnull=False) & Q(sibling_group=child.sibling_group_id))
    )
    names: set[str] = set()
    for first, preferred, last, child_id in others.values_list(
        "first_name", "preferred_name", "last_name", "child_id"
    ).distinct():
        names.add(child_id)
        for given in (first, preferred):
            if given and last:
                names.add(f"{given} {last}")
    notes = [
        *StatutoryVisit.objects.filter(child=child).values_list("notes", flat=True),
        *PersonInChildsLife.objects.filter(child=child).values_list("person__notes", flat=True),
        *Meeting.objects.filter(child=child).values_list("decisions", flat=True),
    ]
    if child.sibling_group_id:
        notes.append(child.sibling_group.notes)
    return domain.Forbidden(
        addresses=tuple(sorted(postcodes)),
        other_children=tuple(sorted(names)),
        case_notes=tuple(n for n in notes if n),
    )


@dataclass(frozen=True)
class SectionDraft:
    """A section of the draft, as the page shows it."""

    key: str
    heading: str
    icon: str
    about: str
    suggested: str  # from the record today
    saved: MyPlanSection | None

    @property
    def text(self) -> str:
        return self.saved.text if self.saved else self.suggested

    @property
    def checked(self) -> bool:
        return self.saved is not None

    @property
    def left_out(self) -> bool:
        return bool(self.saved and self.saved.left_out)

    @property
    def picture(self) -> str:
        return pictures.svg(self.icon)


def draft_sections(child: Child, today: dt.date) -> tuple[domain.Band | None, list[SectionDraft]]:
    found = facts(child, today)
    if found is None:
        return None, []
    band = domain.band_for(found.date_of_birth, today)
    suggested = domain.draft(found, band)
    saved = {s.section: s for s in child.my_plan_sections.select_related("checked_by")}
    return band, [
        SectionDraft(
            key=s.key,
            heading=s.heading(band),
            icon=s.icon,
            about=s.about,
            suggested=suggested.get(s.key, ""),
            saved=saved.get(s.key),
        )
        for s in domain.SECTIONS
    ]


def versions(child: Child) -> list[MyPlanVersion]:
    return list(
        child.my_plan_versions.select_related("shared_by", "document__child", "child").order_by(
            "-version"
        )
    )


def _refuse_forbidden(text: str, child: Child, field: str) -> None:
    found = domain.problems(text, forbidden(child))
    if found:
        raise ValidationError({field: found})


@transaction.atomic
def save_section(
    child: Child, key: str, *, text: str, left_out: bool, by: User, actor: Actor | None = None
) -> MyPlanSection:
    """The social worker's words for one section, or the section left out. Refused, naming the
    field, when the words are missing, too long or hold what a child's plan never may."""
    if key not in domain.BY_KEY:
        raise ValidationError({"text": "No such section of the plan"})
    text = text.strip()
    if not left_out:
        if not text:
            raise ValidationError(
                {"text": "Enter the words for this section, or choose to leave it out"}
            )
        if len(text) > MAX_TEXT:
            raise ValidationError({"text": f"The section must be {MAX_TEXT} characters or fewer"})
        _refuse_forbidden(text, child, "text")
    section = MyPlanSection.objects.select_for_update().filter(child=child, section=key).first()
    before = snapshot(section) if section else None
    if section is None:
        section = MyPlanSection(child=child, section=key)
    section.text = "" if left_out else text
    section.left_out = left_out
    section.checked_by = by
    section.checked_at = timezone.now()
    section.save()
    heading = domain.BY_KEY[key].headings[domain.Band.EIGHT_TO_12]
    record(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=section,
        summary=f"My plan: {'left out' if left_out else 'wrote'} the section '{heading}'",
        before=before,
        after=snapshot(section),
    )
    return section


def pdf_of(child: Child, version: MyPlanVersion | dict[str, Any]) -> bytes:
    return render_pdf("planning/my_plan_pdf.html", {"child": child, "plan": version})


@transaction.atomic
def share(
    child: Child,
    *,
    shared_on: dt.date | None,
    with_carer: str = "",
    by: User,
    actor: Actor,
) -> MyPlanVersion:
    """Share the plan with the child (and, if named, their carer) as a new version: every
    section must be checked or left out, and none may hold what a child's plan never may. The
    version keeps the words as shared; its PDF is filed on the record; the journey event "plan
    shared with the child" is recorded (recomputing the child's timescales by the ledger's
    signal), all in this transaction."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if shared_on is None:
        errors["shared_on"] = ["Enter the date the plan was shared"]
    elif shared_on > today:
        errors["shared_on"] = ["The date the plan was shared must be today or in the past"]
    elif child.date_of_birth is None or shared_on < child.date_of_birth:
        errors["shared_on"] = ["The date the plan was shared must be after the child was born"]
    if len(with_carer) > 200:
        errors["with_carer"] = ["The carer's name must be 200 characters or fewer"]
    if errors:
        raise ValidationError(errors)
    assert shared_on is not None and child.date_of_birth is not None
    band = domain.band_for(child.date_of_birth, shared_on)
    saved = {s.section: s for s in child.my_plan_sections.all()}
    unchecked = [s.heading(band) for s in domain.SECTIONS if s.key not in saved]
    if unchecked:
        raise ValidationError(
            "Check every section before sharing the plan: change it or leave it out. Not "
            "checked yet: " + ", ".join(unchecked)
        )
    included = [s for s in domain.SECTIONS if not saved[s.key].left_out]
    if not included:
        raise ValidationError("Every section is left out: write at least one before sharing")
    rules = forbidden(child)
    for s in included:
        found = domain.problems(saved[s.key].text, rules)
        if found:
            raise ValidationError(f"{s.heading(band)}: " + "; ".join(found))
    found_in_carer = domain.problems(with_carer, rules)
    if found_in_carer:
        raise ValidationError({"with_carer": found_in_carer})
    sections = [
        {"key": s.key, "heading": s.heading(band), "icon": s.icon, "text": saved[s.key].text}
        for s in included
    ]
    glossary = domain.glossary_for([x["text"] for x in sections], band)
    latest = child.my_plan_versions.order_by("-version").first()
    number = latest.version + 1 if latest else 1
    event = JourneyEvent(
        child=child,
        kind=EVENT,
        date=shared_on,
        notes=f"My plan version {number}, shared with {name_of(child)}"
        + (f" and {with_carer.strip()}" if with_carer.strip() else ""),
        source=JourneyEvent.Source.RECORDED,
        recorded_by=by,
    )
    try:
        event.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            {"shared_on": [m for ms in exc.message_dict.values() for m in ms]}
        ) from exc
    event.save()
    version = MyPlanVersion(
        child=child,
        version=number,
        band=band.value,
        sections=sections,
        glossary=[list(pair) for pair in glossary],
        shared_on=shared_on,
        shared_by=by,
        with_carer=with_carer.strip(),
        journey_event=event,
    )
    version.document = store_rendered(
        actor,
        child,
        pdf_of(child, version),
        DOCUMENT_TYPE,
        f"My plan, version {number} (shared with {version.shared_with})",
        shared_on,
        f"my-plan:{number}",
        filename=f"my-plan-{child.child_id}-v{number}.pdf",
    )
    version.save()
    record(
        AuditAction.CREATE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=version,
        summary=f"Shared My plan version {number} with {version.shared_with} "
        f"({len(sections)} of {len(domain.SECTIONS)} sections)",
        after={"version": number, "band": band.value, "sections": [x["key"] for x in sections]},
    )
    return version


def preview_pdf(child: Child, today: dt.date) -> bytes:
    """The draft as a PDF, with only the sections the worker has checked (and not left out):
    nothing unchecked is ever printed."""
    band, drafts = draft_sections(child, today)
    sections = [
        {"key": d.key, "heading": d.heading, "icon": d.icon, "text": d.saved.text}
        for d in drafts
        if d.saved is not None and not d.saved.left_out
    ]
    glossary = domain.glossary_for([x["text"] for x in sections], band) if band else []
    return pdf_of(
        child,
        {"draft": True, "sections": sections, "glossary": glossary, "band": band},
    )
