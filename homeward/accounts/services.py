"""Changes to staff and teams: each one transaction, with the reason, written to the audit log
with who made it (issue 14). Nobody changes their own role or teams, nor deactivates themselves:
another system administrator must, so no one can widen their own need to know.

Django's admin shows users and teams read only (homeward/accounts/admin.py); these are the only
writers, called from the staff pages (homeward/accounts/views.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from homeward.accounts.actor import Actor
from homeward.accounts.models import Team, User
from homeward.audit.models import AuditAction
from homeward.audit.services import record

USER_FIELDS = ("username", "first_name", "last_name", "email", "role", "is_active")


def user_snapshot(user: User) -> dict[str, Any]:
    """What the audit log keeps of a user: never the password hash."""
    values: dict[str, Any] = {field: getattr(user, field) for field in USER_FIELDS}
    values["teams"] = sorted(team.name for team in user.teams.all()) if user.pk else []
    return values


def team_snapshot(team: Team) -> dict[str, Any]:
    return {"name": team.name, "service": team.service}


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for the change"})
    return reason


def _refuse_self(actor: Actor, user: User, what: str) -> None:
    if actor.user is not None and actor.user.pk == user.pk:
        raise PermissionDenied(
            f"You cannot {what} yourself: another system administrator must do it."
        )


@transaction.atomic
def add_user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    teams: Iterable[Team],
    password: str,
    reason: str,
    actor: Actor,
) -> User:
    """A new member of staff, with a first password they are told to change."""
    reason = _reason(reason)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.teams.set(teams)
    record(
        AuditAction.CREATE,
        actor=actor,
        obj=user,
        summary=f"Added {user.username} ({user.get_role_display()})",
        after=user_snapshot(user),
        reason=reason,
    )
    return user


@transaction.atomic
def change_user(user: User, *, role: str, teams: Iterable[Team], reason: str, actor: Actor) -> User:
    """Change a member of staff's role and teams (what they may see), never one's own."""
    _refuse_self(actor, user, "change the role or teams of")
    reason = _reason(reason)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = user_snapshot(user)
    user.role = role
    user.full_clean(exclude=["password"])
    user.save(update_fields=["role"])
    user.teams.set(teams)
    after = user_snapshot(user)
    if after == before:
        raise ValidationError("Nothing has changed: change the role or the teams, or cancel")
    record(
        AuditAction.CHANGE,
        actor=actor,
        obj=user,
        summary=f"Changed {user.username}'s role or teams",
        before=before,
        after=after,
        reason=reason,
    )
    return user


@transaction.atomic
def set_active(user: User, *, active: bool, reason: str, actor: Actor) -> User:
    """Deactivate a member of staff (they can no longer sign in; their history stays), or
    reactivate them."""
    _refuse_self(actor, user, "deactivate or reactivate")
    reason = _reason(reason)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        AuditAction.CHANGE,
        actor=actor,
        obj=user,
        summary=f"{'Reactivated' if active else 'Deactivated'} {user.username}",
        before=before,
        after=user_snapshot(user),
        reason=reason,
    )
    return user


@transaction.atomic
def add_team(*, name: str, service: str, reason: str, actor: Actor) -> Team:
    reason = _reason(reason)
    team = Team(name=name.strip(), service=service.strip())
    team.full_clean()
    team.save()
    record(
        AuditAction.CREATE,
        actor=actor,
        obj=team,
        summary=f"Added the team {team.name}",
        after=team_snapshot(team),
        reason=reason,
    )
    return team
