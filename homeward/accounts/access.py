"""Need-to-know access: the one place that decides which children a member of staff may see.

Every page, download and API that shows a child asks this module, through
``homeward.children.views.child_view`` or the selectors; no view decides access itself.

- A social worker sees the children allocated to them or to one of their teams.
- A team manager sees their teams' children.
- An IRO sees the children they review.
- Service managers, permanence coordinators, panel administrators and performance analysts
  see all children.
- A court progression manager sees the children in the legal process (a legal planning
  meeting's decision, the Public Law Outline, proceedings or an interim care order on their
  journey): on the Legal Gateway route they give the social worker the date of the Achieving
  Early Permanence Panel (001_d6c3849112f62e7d.txt 'Legal Gateway Panel').
- Nobody else (family finders and system administrators until a later issue gives them a need
  to know) sees any child.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from homeward.accounts.models import Role
from homeward.children.models import Child

if TYPE_CHECKING:
    from homeward.accounts.models import User

ALL_CHILDREN_ROLES = frozenset(
    {
        Role.SERVICE_MANAGER,
        Role.PERMANENCE_COORDINATOR,
        Role.PANEL_ADMINISTRATOR,
        Role.PERFORMANCE_ANALYST,
    }
)
AUDIT_ROLES = frozenset({Role.SERVICE_MANAGER})
LEGAL_PROCESS_EVENTS = (
    "legal_planning_meeting",
    "plo_started",
    "proceedings_issued",
    "interim_care_order",
)


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
    if user.role == Role.COURT_PROGRESSION_MANAGER:
        return Q(events__kind__in=LEGAL_PROCESS_EVENTS)
    return Q(pk__in=[])


def visible_children(user: User) -> QuerySet[Child]:
    """Every child this user may see."""
    scope = _scope(user)
    if scope is None:
        return Child.objects.all()
    # Filter through a subquery so joins on allocations never duplicate rows.
    return Child.objects.filter(pk__in=Child.objects.filter(scope).values("pk"))


def can_view_child(user: User, child: Child) -> bool:
    scope = _scope(user)
    if scope is None:
        return True
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


SIGN_OFF_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


def can_sign_off(user: User, child: Child) -> bool:
    """Sign a permanence option off as not viable (DS objective 7; see
    homeward/domain/permanence.py SIGN_OFF_ROLES): team managers for their teams' children,
    service managers (heads of service) for any child."""
    return user.is_authenticated and user.role in SIGN_OFF_ROLES and can_view_child(user, child)


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


# Meetings (homeward/meetings): who plans, who records decisions, who escalates.


def can_plan_meeting(user: User, child: Child) -> bool:
    """Plan or cancel a meeting about a child, and update its actions: the people who work the
    case (as ``can_change_child``)."""
    return can_change_child(user, child)


def can_record_meeting(
    user: User, child: Child, recorders: frozenset[str] | tuple[str, ...], chair_id: int | None
) -> bool:
    """Record a meeting's attendance and decisions: the role that chairs that type of meeting
    (``homeward.domain.meetings.MeetingType.recorders``: a team manager for a permanence planning
    meeting, the IRO for a Child in Care review) or the person named as its chair, among those
    who work the case."""
    if not can_change_child(user, child):
        return False
    return user.role in recorders or (chair_id is not None and chair_id == user.pk)


ESCALATION_ROLES = frozenset({Role.IRO, Role.SERVICE_MANAGER})


def can_escalate(user: User, child: Child) -> bool:
    """Raise, take further and resolve an IRO escalation about a child's plan (DU 'Role of the
    IRO'; DS 'Independent Reviewing Service'): the child's IRO, or a service manager."""
    return user.is_authenticated and user.role in ESCALATION_ROLES and can_view_child(user, child)


def staff_who_can_change(child: Child) -> QuerySet[User]:
    """Active staff who may record on this child's file, as ``can_change_child`` decides it for
    one user: meeting chairs, attendees and action owners are chosen from them."""
    from homeward.accounts.models import User

    q = Q(role__in=ALL_CHILDREN_ROLES - {Role.PERFORMANCE_ANALYST, Role.PANEL_ADMINISTRATOR})
    current = child.allocations.filter(ended_on__isnull=True).first()
    if current is not None:
        if current.social_worker_id:
            q |= Q(pk=current.social_worker_id, role=Role.SOCIAL_WORKER)
        if current.team_id:
            q |= Q(role__in=[Role.SOCIAL_WORKER, Role.TEAM_MANAGER], teams=current.team_id)
        if current.iro_id:
            q |= Q(pk=current.iro_id, role=Role.IRO)
    if child.events.filter(kind__in=LEGAL_PROCESS_EVENTS).exists():
        q |= Q(role=Role.COURT_PROGRESSION_MANAGER)
    return User.objects.filter(is_active=True, pk__in=User.objects.filter(q).values("pk"))


# The Achieving Early Permanence Panel (homeward/panels; Dudley quick reference guide,
# 001_d6c3849112f62e7d.txt 'Achieving early permanence panel').

# Those who sit on or serve the panel: its service managers, panel administrator, team managers,
# court progression manager and permanency coordinator.
AEPP_ROLES = frozenset(
    {
        Role.SERVICE_MANAGER,
        Role.PANEL_ADMINISTRATOR,
        Role.TEAM_MANAGER,
        Role.COURT_PROGRESSION_MANAGER,
        Role.PERMANENCE_COORDINATOR,
    }
)
# Who refers: the social worker ("Social worker to email ... a copy of the referral"), the team
# manager, the permanency coordinator (weekly admissions report), the court progression manager
# (Legal Gateway Panel), and service managers.
AEPP_REFERRER_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.PERMANENCE_COORDINATOR,
        Role.COURT_PROGRESSION_MANAGER,
        Role.SERVICE_MANAGER,
    }
)
# Who records what the panel agreed: its members who may record on a child's file.
AEPP_OUTCOME_ROLES = frozenset(
    {Role.SERVICE_MANAGER, Role.TEAM_MANAGER, Role.PERMANENCE_COORDINATOR}
)


def can_see_aepp(user: User) -> bool:
    """The panel's lists (children referred, weekly admissions): its members, each over the
    children they may see (``visible_children``)."""
    return user.is_authenticated and user.role in AEPP_ROLES


def can_refer_to_aepp(user: User, child: Child) -> bool:
    return (
        user.is_authenticated and user.role in AEPP_REFERRER_ROLES and can_change_child(user, child)
    )


def can_record_aepp_outcome(user: User, child: Child) -> bool:
    return (
        user.is_authenticated and user.role in AEPP_OUTCOME_ROLES and can_change_child(user, child)
    )
