"""Need-to-know access: the one place that decides which children a member of staff may see.

Every page, download and API that shows a child asks this module, through
``homeward.children.views.child_view`` or the selectors; no view decides access itself.

- A social worker sees the children allocated to them or to one of their teams.
- A team manager sees their teams' children.
- An IRO sees the children they review.
- Service managers, permanence coordinators, panel administrators and performance analysts
  see all children.
- Nobody else (court progression managers, family finders and system administrators until a
  later issue gives them a need to know) sees any child.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from homeward.accounts.models import Role

if TYPE_CHECKING:
    from homeward.accounts.models import User
    from homeward.children.models import Child

ALL_CHILDREN_ROLES = frozenset(
    {
        Role.SERVICE_MANAGER,
        Role.PERMANENCE_COORDINATOR,
        Role.PANEL_ADMINISTRATOR,
        Role.PERFORMANCE_ANALYST,
    }
)
AUDIT_ROLES = frozenset({Role.SERVICE_MANAGER})


def _scope(user: User) -> Q | None:
    """A filter on Child for the user's need to know; None means every child."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.role in ALL_CHILDREN_ROLES:
        return None
    current = Q(allocations__ended_on__isnull=True)
    team_ids = list(user.teams.values_list("pk", flat=True))
    if user.role == Role.SOCIAL_WORKER:
        return current & (Q(allocations__social_worker=user) | Q(allocations__team__in=team_ids))
    if user.role == Role.TEAM_MANAGER:
        return current & Q(allocations__team__in=team_ids)
    if user.role == Role.IRO:
        return current & Q(allocations__iro=user)
    return Q(pk__in=[])


def visible_children(user: User) -> QuerySet[Child]:
    """Every child this user may see."""
    from homeward.children.models import Child

    scope = _scope(user)
    if scope is None:
        return Child.objects.all()
    # Filter through a subquery so joins on allocations never duplicate rows.
    return Child.objects.filter(pk__in=Child.objects.filter(scope).values("pk"))


def can_view_child(user: User, child: Child) -> bool:
    scope = _scope(user)
    if scope is None:
        return True
    from homeward.children.models import Child

    return Child.objects.filter(scope, pk=child.pk).exists()


def can_change_child(user: User, child: Child) -> bool:
    """Recording on a child's file: the people who work the case, not those who only read."""
    if user.role in {Role.PERFORMANCE_ANALYST, Role.PANEL_ADMINISTRATOR}:
        return False
    return can_view_child(user, child)


def can_allocate(user: User, child: Child) -> bool:
    """Team managers allocate their teams' children; service managers any child."""
    if user.role == Role.SERVICE_MANAGER:
        return True
    return user.role == Role.TEAM_MANAGER and can_view_child(user, child)


DRIFT_ROLES = frozenset(
    {
        Role.TEAM_MANAGER,
        Role.SERVICE_MANAGER,
        Role.PERMANENCE_COORDINATOR,
        Role.PERFORMANCE_ANALYST,
    }
)


def can_see_drift(user: User) -> bool:
    """The drift dashboard (the Permanence Monitoring Panel's view, DS introduction): managers,
    permanence coordinators and analysts, each over the children they may see."""
    return user.is_authenticated and user.role in DRIFT_ROLES


RETURN_ROLES = frozenset({Role.PERFORMANCE_ANALYST, Role.SERVICE_MANAGER})


def can_use_ssda903(user: User) -> bool:
    """Import and export the SSDA903 return, and see its data quality: the analysts who make
    the return, and service managers. Both already see every child."""
    return user.is_authenticated and user.role in RETURN_ROLES


def can_search_audit(user: User) -> bool:
    return user.is_authenticated and user.role in AUDIT_ROLES
