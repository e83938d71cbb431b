"""Writes to the carers register, each in one transaction and audited with the values before
and after (homeward/audit/services.py): adding and changing a household with its
needs-acceptance checklist, and a change of its status with the date it took effect.

``problems`` is the one place the register's rules for a person's input live; the forms and the
CSV import (``homeward.matching.importer``) both ask it, so a row refused on the form is refused
in a file with the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child
from homeward.domain import carers as domain
from homeward.domain.calendar import govuk_date
from homeward.matching.models import Carer, CarerNeed, CarerStatusChange


def problems(values: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with a household's details, by field: the rules a database constraint
    cannot word for a person, and those it cannot check (an address in the area)."""
    found: dict[str, str] = {}
    area = str(values.get("area") or "").strip()
    if area:
        why = domain.area_problem(area)
        if why:
            found["area"] = f"Area {why}"
    if (
        values.get("carer_type") in domain.AGENCY_TYPES
        and not str(values.get("agency") or "").strip()
    ):
        found["agency"] = (
            "Enter the agency's name: IFA and voluntary adoption agency carers come through "
            "an agency"
        )
    age_from, age_to = values.get("age_from"), values.get("age_to")
    if age_to is not None and age_to > domain.MAX_AGE:
        found["age_to"] = f"Oldest age approved for must be {domain.MAX_AGE} or less"
    elif age_from is not None and age_to is not None and age_from > age_to:
        found["age_to"] = "Oldest age approved for must be the same as or more than the youngest"
    approved, vacancies = values.get("children_approved"), values.get("vacancies")
    if approved is not None and vacancies is not None and vacancies > approved:
        found["vacancies"] = (
            f"Vacancies must be no more than the number of children approved for ({approved})"
        )
    since = values.get("status_since")
    if isinstance(since, dt.date) and since > timezone.localdate():
        found["status_since"] = "Status since must be today or in the past"
    return found


CONNECTED_FIELD = "connected_to"  # the form's and the CSV's name for the connected children


def child_ids(text: str) -> list[str]:
    """Child IDs written one after another, separated by commas, semicolons or spaces."""
    seen: dict[str, None] = {}
    for part in text.replace(";", ",").replace(",", " ").split():
        seen.setdefault(part.strip(), None)
    return list(seen)


def connected_children(carer_type: str | None, ids: Collection[str]) -> list[Child]:
    """The children a household is connected to, from their child IDs. Only a connected person
    is connected to a particular child (DS 'Connected People's Fostering Team'; Care Planning
    Regulations 2010 reg 24). Raises ValidationError naming the IDs not found (one query)."""
    if not ids:
        return []
    if carer_type != "connected_person":
        raise ValidationError(
            {
                CONNECTED_FIELD: "Only a connected person is connected to a particular child: "
                "leave the children blank, or make the type connected person"
            }
        )
    found = {c.child_id: c for c in Child.objects.filter(child_id__in=list(ids)).only("child_id")}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {
                CONNECTED_FIELD: f"No child with the ID {', '.join(missing)} is on Homeward: give "
                "the child ID shown on the child's record"
            }
        )
    return [found[i] for i in ids]


def _connected_after(carer: Carer) -> list[str]:
    return sorted(carer.connected_children.values_list("child_id", flat=True))


def _set_connected(carer: Carer, children: Collection[Child] | None) -> None:
    if children is not None:
        carer.connected_children.set(list(children))


def _check(carer: Carer) -> None:
    found = problems({f.name: getattr(carer, f.attname) for f in carer._meta.concrete_fields})
    if found:
        raise ValidationError(found)


def _needs_after(carer: Carer) -> dict[str, str]:
    return dict(carer.needs.order_by("need").values_list("need", "level"))


def _set_needs(carer: Carer, needs: Mapping[str, str]) -> None:
    unknown = set(needs) - set(domain.NEED_KEYS)
    missing = set(domain.NEED_KEYS) - set(needs)
    if unknown or missing:
        raise ValidationError(
            f"The checklist must rate every need once (missing {sorted(missing)})"
        )
    existing = {n.need: n for n in carer.needs.all()}
    for need, level in needs.items():
        row = existing.get(need)
        if row is None:
            CarerNeed.objects.create(carer=carer, need=need, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])


def _summary(verb: str, carer: Carer) -> str:
    return f"{verb} carer {carer.reference} ({carer.display_name})"


@transaction.atomic
def add_carer(
    carer: Carer,
    needs: Mapping[str, str],
    *,
    actor: Actor,
    connected: Collection[Child] | None = None,
) -> Carer:
    """A new household, its checklist, the children a connected person is connected to, and
    its first status (the start of its history)."""
    _check(carer)
    if Carer.objects.filter(council=carer.council, reference=carer.reference).exists():
        raise ValidationError(
            {"reference": f"A carer with reference {carer.reference} is already on the register"}
        )
    carer.save()
    _set_needs(carer, needs)
    _set_connected(carer, connected)
    CarerStatusChange.objects.create(
        carer=carer, status=carer.status, on=carer.status_since, recorded_by=actor.user
    )
    record(
        AuditAction.CREATE,
        actor=actor,
        obj=carer,
        summary=_summary("Added", carer),
        after={
            **snapshot(carer),
            "needs": _needs_after(carer),
            CONNECTED_FIELD: _connected_after(carer),
        },
    )
    return carer


@transaction.atomic
def change_carer(
    carer: Carer,
    needs: Mapping[str, str],
    *,
    actor: Actor,
    connected: Collection[Child] | None = None,
) -> Carer:
    """Save changes to a household's details, checklist and connected children (None: left as
    they are; its status changes through ``change_status``, which keeps the history)."""
    stored = Carer.objects.select_for_update().get(pk=carer.pk)
    before = {
        **snapshot(stored),
        "needs": _needs_after(stored),
        CONNECTED_FIELD: _connected_after(stored),
    }
    if connected is None and carer.carer_type != "connected_person":
        connected = []  # no longer a connected person: no longer connected to a child
    carer.status, carer.status_since = stored.status, stored.status_since
    _check(carer)
    clash = Carer.objects.filter(council=carer.council, reference=carer.reference).exclude(
        pk=carer.pk
    )
    if clash.exists():
        raise ValidationError(
            {"reference": f"A carer with reference {carer.reference} is already on the register"}
        )
    carer.save()
    _set_needs(carer, needs)
    _set_connected(carer, connected)
    after = {
        **snapshot(carer),
        "needs": _needs_after(carer),
        CONNECTED_FIELD: _connected_after(carer),
    }
    record(
        AuditAction.CHANGE,
        actor=actor,
        obj=carer,
        summary=_summary("Changed", carer),
        before=before,
        after=after,
    )
    return carer


@transaction.atomic
def change_status(
    carer: Carer, *, status: str, on: dt.date, reason: str, actor: Actor
) -> CarerStatusChange:
    """The household's status from ``on``: approved, on hold, resigned..."""
    stored = Carer.objects.select_for_update().get(pk=carer.pk)
    if on > timezone.localdate():
        raise ValidationError({"on": "The date must be today or in the past"})
    if on < stored.status_since:
        raise ValidationError(
            {
                "on": "The date must be on or after the current status's date "
                f"({govuk_date(stored.status_since)})"
            }
        )
    if status == stored.status:
        raise ValidationError(
            {
                "status": f"The carer is already {stored.get_status_display().lower()}: "
                "choose another status"
            }
        )
    before = snapshot(stored)
    stored.status, stored.status_since = status, on
    stored.save(update_fields=["status", "status_since", "updated_at"])
    change = CarerStatusChange.objects.create(
        carer=stored, status=status, on=on, reason=reason, recorded_by=actor.user
    )
    record(
        AuditAction.CHANGE,
        actor=actor,
        obj=stored,
        summary=_summary(f"Status {stored.get_status_display().lower()} for", stored),
        before={"status": before["status"], "status_since": before["status_since"]},
        after={"status": status, "status_since": on.isoformat()},
        reason=reason,
    )
    return change
