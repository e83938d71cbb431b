"""The permanence bundle on a child's route (issue 15 item 5): each document the route's panel
needs (the council's routes file, ``[bundle.*]``) with its owner, a due date set by the family
finder or the social worker, where it stands (not started, in progress, received: with the date
and who) and its files, which are documents on the child's record filed through
``homeward.documents.services.store`` (size and format checked, downloads audited) under the
source ``bundle-item:<id>``.

The step that books the panel (``needs_kind = "bundle"``) is gated by the domain's
``bundle_gate``: every document received, or a team or service manager's recorded reason
(``BundleOverride``, kept and audited). ``homeward.matching.routes.record_step`` asks
``gate_for`` before recording it. Each write is one transaction, audited on the child.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.documents import services as documents
from homeward.documents.models import Document
from homeward.domain import routes as domain
from homeward.domain.calendar import govuk_date
from homeward.domain.documents import PERMANENCE_BUNDLE
from homeward.matching.models import BundleItem, BundleOverride, FamilyFinding, bundle_source

Status = domain.BundleItemStatus


class NoSuchDocument(LookupError):
    """A document key the child's route's bundle does not list."""


def bundle_of(finding: FamilyFinding) -> domain.Bundle | None:
    return domain.route(finding.council, finding.route_key).bundle


def document_of(finding: FamilyFinding, key: str) -> domain.BundleDocument:
    bundle = bundle_of(finding)
    found = next((d for d in bundle.documents if d.key == key), None) if bundle else None
    if found is None:
        raise NoSuchDocument(key)
    return found


def _items(finding: FamilyFinding) -> dict[str, BundleItem]:
    """The finding's items by document key (from ``prefetch_related("bundle_items")`` when the
    caller prefetched them)."""
    return {i.document_key: i for i in finding.bundle_items.all()}


def received_of(finding: FamilyFinding) -> dict[str, dt.date]:
    """Document key -> the date received, for the documents the route's bundle lists (what
    ``homeward.domain.routes.progress`` takes as ``documents``)."""
    bundle = bundle_of(finding)
    keys = {d.key for d in bundle.documents} if bundle else set()
    return {
        key: item.status_on
        for key, item in _items(finding).items()
        if key in keys and item.status == Status.RECEIVED and item.status_on is not None
    }


def override_of(finding: FamilyFinding) -> BundleOverride | None:
    """The manager's override that stands: the latest recorded."""
    found = list(finding.bundle_overrides.all())
    return max(found, key=lambda o: (o.recorded_at, o.pk)) if found else None


def gate_for(finding: FamilyFinding) -> domain.BundleGate:
    override = override_of(finding)
    return domain.bundle_gate(
        domain.route(finding.council, finding.route_key),
        received_of(finding),
        bundle_override=override.reason if override else "",
    )


# --- The page ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleRow:
    document: domain.BundleDocument
    item: BundleItem | None
    status: domain.BundleItemStatus
    files: tuple[Document, ...]
    overdue: bool


@dataclass(frozen=True)
class BundlePage:
    bundle: domain.Bundle
    rows: tuple[BundleRow, ...]
    gate: domain.BundleGate
    override: BundleOverride | None
    overrides: tuple[BundleOverride, ...]
    received: int
    due_date_source: str = domain.DUE_DATE_SOURCE


def bundle_page(finding: FamilyFinding, today: dt.date) -> BundlePage | None:
    """The bundle of the child's route, document by document, with the files of each (one
    query for the files, whatever their number; the items and overrides come prefetched with
    the finding: ``routes.finding_for``)."""
    bundle = bundle_of(finding)
    if bundle is None:
        return None
    items = _items(finding)
    sources = {bundle_source(i.pk): key for key, i in items.items()}
    files: dict[str, list[Document]] = {}
    if sources:
        for document in (
            Document.objects.current()
            .filter(child_id=finding.child_id, source__in=list(sources))
            .order_by("uploaded_at", "pk")
        ):
            files.setdefault(sources[document.source], []).append(document)
    rows = []
    for document in bundle.documents:
        item = items.get(document.key)
        status = Status(item.status) if item else Status.NOT_STARTED
        rows.append(
            BundleRow(
                document=document,
                item=item,
                status=status,
                files=tuple(files.get(document.key, ())),
                overdue=domain.is_overdue(item.due_on if item else None, status, today),
            )
        )
    overrides = tuple(
        sorted(finding.bundle_overrides.all(), key=lambda o: (o.recorded_at, o.pk), reverse=True)
    )
    return BundlePage(
        bundle=bundle,
        rows=tuple(rows),
        gate=gate_for(finding),
        override=overrides[0] if overrides else None,
        overrides=overrides,
        received=sum(r.status is Status.RECEIVED for r in rows),
    )


# --- Writes -----------------------------------------------------------------------------------


def _locked(finding: FamilyFinding, key: str, actor: Actor) -> tuple[BundleItem, bool]:
    """The finding locked (so two people recording on one bundle never interleave) and the
    document's item, made when first touched."""
    finding = FamilyFinding.objects.select_for_update().get(pk=finding.pk)
    document_of(finding, key)
    if actor.user is None or not access.can_work_on_bundle(actor.user, finding.child):
        raise ValidationError(
            {"status": "The bundle's documents are kept by the social worker and family finder"}
        )
    return BundleItem.objects.get_or_create(finding=finding, document_key=key)


def _files(item: BundleItem) -> int:
    return (
        Document.objects.current()
        .filter(child_id=item.finding.child_id, source=item.source)
        .count()
    )


def _state(item: BundleItem) -> dict[str, str]:
    return {
        "document": item.document_key,
        "due_on": str(item.due_on or ""),
        "status": item.status,
        "status_on": str(item.status_on or ""),
        "note": item.note,
    }


@transaction.atomic
def update_item(
    finding: FamilyFinding,
    key: str,
    *,
    status: str,
    status_on: dt.date | None,
    due_on: dt.date | None,
    note: str,
    actor: Actor,
    today: dt.date,
) -> BundleItem:
    """Set a document's due date and status. Refused, naming the field: a status the domain
    refuses (``bundle_item_problems``: received with no file attached, no date, a date to
    come); a due date before family finding started."""
    item, _ = _locked(finding, key, actor)
    document = document_of(item.finding, key)
    errors: dict[str, list[str]] = {}
    for problem in domain.bundle_item_problems(
        document, status, status_on, files=_files(item), today=today
    ):
        errors.setdefault(problem.field, []).append(problem.message)
    started = item.finding.started_on
    if due_on is not None and due_on < started:
        errors.setdefault("due_on", []).append(
            f"The due date must be on or after the day family finding started, "
            f"{govuk_date(started)}"
        )
    if errors:
        raise ValidationError(errors)
    before = _state(item)
    if status == Status.NOT_STARTED:
        status_on = None
    if (status, status_on) != (item.status, item.status_on):
        item.status, item.status_on = status, status_on
        item.status_by = actor.user if status != Status.NOT_STARTED else None
    if due_on != item.due_on:
        item.due_on, item.due_set_by = due_on, actor.user if due_on else None
    item.note = note.strip()
    item.save()
    record(
        AuditAction.CHANGE,
        actor=actor,
        child_id=item.finding.child.child_id,
        obj=item,
        summary=f"{document.title}: {Status(status).label.lower()}"
        + (f" on {govuk_date(status_on)}" if status_on else "")
        + (f", due {govuk_date(due_on)}" if due_on else ""),
        before=before,
        after=_state(item),
    )
    return item


def attach_file(
    finding: FamilyFinding,
    key: str,
    upload: UploadedFile | bytes,
    *,
    dated: dt.date | None,
    received: bool,
    actor: Actor,
    today: dt.date,
    filename: str = "",
) -> Document:
    """File a document of the bundle on the child's record (``documents.services.store``:
    size and format checked, audited) and, if ``received``, mark it received today. All or
    nothing: a refused file leaves no item behind."""
    with transaction.atomic():
        item, _ = _locked(finding, key, actor)
        document = document_of(item.finding, key)
        child = item.finding.child
        filed = documents.store(
            actor,
            child,
            upload,
            PERMANENCE_BUNDLE,
            document.title,
            dated,
            source=item.source,
            filename=filename,
            description=f"{domain.route(item.finding.council, item.finding.route_key).title}: "
            f"{document.title} (permanence bundle)",
        )
        if received and item.status != Status.RECEIVED:
            before = _state(item)
            item.status, item.status_on, item.status_by = Status.RECEIVED, today, actor.user
            item.save()
            record(
                AuditAction.CHANGE,
                actor=actor,
                child_id=child.child_id,
                obj=item,
                summary=f"{document.title}: received on {govuk_date(today)} "
                f"({filed.original_filename})",
                before=before,
                after=_state(item),
            )
        return filed


@transaction.atomic
def record_override(
    finding: FamilyFinding, reason: str, *, actor: Actor, today: dt.date
) -> BundleOverride:
    """A team or service manager records why the panel is booked without every document of
    the bundle. Kept (a later override is added, never changed) and audited."""
    finding = FamilyFinding.objects.select_for_update().get(pk=finding.pk)
    child = finding.child
    if actor.user is None or not access.can_override_bundle(actor.user, child):
        raise ValidationError(
            {"reason": "Only a team manager or service manager may record an override"}
        )
    bundle = bundle_of(finding)
    if bundle is None:
        raise ValidationError({"reason": "The child's route has no bundle"})
    status = domain.bundle_status(bundle, received_of(finding))
    if status.complete:
        raise ValidationError({"reason": "Every document is received: no override is needed"})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the panel goes ahead without every document"})
    override = BundleOverride.objects.create(
        finding=finding, reason=reason, by=actor.user, recorded_on=today
    )
    record(
        AuditAction.CREATE,
        actor=actor,
        child_id=child.child_id,
        obj=override,
        summary=f"{bundle.title}: panel may be booked without "
        + ", ".join(d.title for d in status.missing),
        after={"reason": reason, "missing": [d.key for d in status.missing]},
    )
    return override
