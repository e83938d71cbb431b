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
- A family finder sees the children allocated to them for family finding; a social worker
  allocated as a child's SGO social worker (the early permanence panel's special guardianship
  outcome, 001 'Outcomes from meeting', or a manager's allocation) sees that child.
- A strategic manager or an agency decision maker sees the children with a sign-off asked of
  their role, awaiting or decided (homeward.domain.sign_offs).
- Nobody else (system administrators) sees any child.

The carers register (``can_see_carers``, ``can_change_carers``) is decided here too.

It is also the one place that says which roles may do what beyond a child's record (the drift
dashboard, the forecasts, the Permanence Monitoring Panel's pack and the Corporate Parenting
Board's report, the panel's lists, the SSDA903 return, the audit log) and who is
offered as staff on a form. Templates ask it through ``capabilities`` (the ``may`` context
processor), never by listing roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.lookups import In
from django.db.models.sql.query import Query
from django.db.models.sql.where import AND

from homeward.accounts.models import Role, Team
from homeward.children.models import Allocation, Child
from homeward.domain import case_audit as case_audit_rules
from homeward.domain import sign_offs as sign_off_rules

# Children to list or count things for: a queryset of them, or their primary keys read already
# (a caseload, ``allocated_children``); ``of_children`` takes either.
Children = QuerySet[Child] | list[int]

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
# Roles whose only need to know is the sign-offs asked of them; they read the child's record and
# record their decision, nothing else on the file.
SIGN_OFF_ONLY_ROLES = frozenset({Role.STRATEGIC_MANAGER, Role.AGENCY_DECISION_MAKER})
READ_ONLY_ROLES = frozenset({Role.PERFORMANCE_ANALYST, Role.PANEL_ADMINISTRATOR})
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
    # The user's teams as a subquery, not a list fetched first: a page that asks for the
    # user's children several times (My work's tabs and counts) pays no query for it.
    team_ids = user.teams.order_by().values("pk")
    if user.role == Role.SOCIAL_WORKER:
        return current & (
            Q(allocations__social_worker=user)
            | Q(allocations__sgo_social_worker=user)
            | Q(allocations__team__in=team_ids)
        )
    if user.role == Role.TEAM_MANAGER:
        return current & Q(allocations__team__in=team_ids)
    if user.role == Role.IRO:
        return current & Q(allocations__iro=user)
    if user.role == Role.FAMILY_FINDER:
        # The children allocated to them for family finding, and nothing else of other children
        # (issue 15: "a family finder sees the children allocated to them").
        return current & Q(allocations__family_finder=user)
    if user.role == Role.COURT_PROGRESSION_MANAGER:
        return Q(events__kind__in=LEGAL_PROCESS_EVENTS)
    if user.role in SIGN_OFF_ONLY_ROLES:
        # The children with a sign-off asked of their role, awaiting or decided (issue 18 item 1).
        return Q(sign_offs__signer_role=user.role)
    return Q(pk__in=[])


def visible_children(user: User) -> QuerySet[Child]:
    """Every child this user may see."""
    scope = _scope(user)
    if scope is None:
        return Child.objects.all()
    # Filter through a subquery so joins on allocations never duplicate rows.
    return Child.objects.filter(pk__in=Child.objects.filter(scope).values("pk"))


def visible_among(user: User, pks: Iterable[int]) -> set[int]:
    """Which of these children (primary keys) ``user`` may see: one query. A page that shows a
    child's brothers and sisters names only these."""
    return set(visible_children(user).filter(pk__in=list(pks)).values_list("pk", flat=True))


def allocated_children(user: User, *, teams: bool) -> Children:
    """The children allocated now to the user's teams (``teams``) or to the user as their social
    worker, of those the user may see: My work's "team" and "mine". One flat subquery on the
    current allocations where the user's need to know already holds every such child (every
    child; a social worker's own and teams' children; a team manager's teams'); the
    need-to-know filter is added only for other roles, so the lists and counts built on these
    children do not nest it.

    "Mine" is a caseload (a social worker holds twenty or thirty children): its children's IDs
    are read once, as a list, so each list and count after it is ``child_id IN (...)`` rather
    than the same subquery compiled and planned again in every one (``of_children``)."""
    current = Allocation.objects.filter(ended_on__isnull=True)
    if teams:
        current = current.filter(team__in=user.teams.order_by().values("pk"))
    else:
        current = current.filter(social_worker=user)
    children = Child.objects.filter(pk__in=current.values("child_id"))
    scope = _scope(user)
    held = scope is None or (
        user.is_active
        and (user.role == Role.SOCIAL_WORKER or (teams and user.role == Role.TEAM_MANAGER))
    )
    if not held:
        children = children.filter(pk__in=Child.objects.filter(scope).values("pk"))
    if not teams:
        return sorted(children.values_list("pk", flat=True))
    return children


def of_children(rows: QuerySet, children: Children, field: str = "child") -> QuerySet:
    """``rows`` (of any model with a ``field`` leading to Child) that belong to ``children``: a
    queryset of them, or their primary keys read already (a caseload: ``allocated_children``).
    Every child (an unfiltered queryset, as ``visible_children`` gives a service manager) adds
    no condition: ``child IN (every child)`` only costs the database a semi-join over the
    council, for nothing."""
    if is_every_child(children):
        return rows
    return rows.filter(**{f"{field}__in": child_pks(children)})


def child_pks(children: Children) -> list[int] | Query | QuerySet:
    """The primary keys of ``children``, to filter by: the list itself, or a subquery. Children
    given as ``pk IN (subquery)`` and nothing else (``visible_children``,
    ``allocated_children``) give that subquery itself: ``child_id IN (SELECT id FROM child
    WHERE id IN (X))`` is ``child_id IN (X)``, and the database plans (and Django compiles)
    one level fewer in every list and count."""
    if isinstance(children, list):
        return children
    where = children.query.where
    if (
        children.model is Child
        and len(where.children) == 1
        and where.connector == AND
        and not where.negated
        and not children.query.is_sliced
    ):
        (lookup,) = where.children
        if (
            isinstance(lookup, In)
            and isinstance(lookup.rhs, Query)
            and getattr(lookup.lhs, "target", None) is Child._meta.pk
        ):
            return lookup.rhs
    return children.values("pk")


def is_every_child(children: Children) -> bool:
    """Whether ``children`` is every child (no filter, no slice)."""
    if isinstance(children, list):
        return False
    return children.model is Child and not children.query.where and not children.query.is_sliced


def can_view_child(user: User, child: Child) -> bool:
    scope = _scope(user)
    if scope is None:
        return True
    return Child.objects.filter(scope, pk=child.pk).exists()


def can_change_child(user: User, child: Child) -> bool:
    """Recording on a child's file: the people who work the case, not those who only read."""
    if user.role in READ_ONLY_ROLES | SIGN_OFF_ONLY_ROLES:
        return False
    return can_view_child(user, child)


def can_allocate(user: User, child: Child) -> bool:
    """Team managers allocate their teams' children; service managers any child."""
    if user.role == Role.SERVICE_MANAGER:
        return True
    return user.role == Role.TEAM_MANAGER and can_view_child(user, child)


# Matching a child (homeward/matching; issue 15 item 4).


def can_decide_match(user: User, child: Child) -> bool:
    """Shortlist, reject or add a carer for the child, and change the child's matching profile:
    those who may record on the child's file (``can_change_child``: the people who work the
    case) and the family finder allocated to the child (``Allocation.family_finder``, current),
    whose need to know ``_scope`` gives them."""
    if can_change_child(user, child):
        return True
    return (
        user.is_authenticated
        and user.role == Role.FAMILY_FINDER
        and child.allocations.filter(ended_on__isnull=True, family_finder=user).exists()
    )


SIGN_OFF_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


def can_sign_off(user: User, child: Child) -> bool:
    """Sign a permanence option off as not viable (DS objective 7; see
    homeward/domain/permanence.py SIGN_OFF_ROLES): team managers for their teams' children,
    service managers (heads of service) for any child."""
    return user.is_authenticated and user.role in SIGN_OFF_ROLES and can_view_child(user, child)


def can_audit_case(user: User, child: Child) -> bool:
    """Record a case audit of the child's permanence planning (issue 18 item 9;
    homeward.domain.case_audit: Dudley strategy 'Quality and Audit'): team managers for their
    teams' children and service managers for any child (check: the seed names no role)."""
    return (
        user.is_authenticated
        and user.role in case_audit_rules.AUDITOR_ROLES
        and can_view_child(user, child)
    )


# Sign-offs and the steps they agree (issue 18 item 1; homeward.domain.sign_offs): which a
# council requires, and the role that gives each, are the domain's data.

# Who asks for a sign-off: those who hold and manage the case, the permanence coordinator and the
# court progression manager (who brings the legal planning meeting's decision); not the IRO, who
# ratifies, nor those who only read.
SIGN_OFF_REQUESTER_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.PERMANENCE_COORDINATOR,
        Role.COURT_PROGRESSION_MANAGER,
        Role.SERVICE_MANAGER,
    }
)


def can_request_sign_off(user: User, child: Child) -> bool:
    return (
        user.is_authenticated
        and user.role in SIGN_OFF_REQUESTER_ROLES
        and can_change_child(user, child)
    )


def signer_roles() -> frozenset[str]:
    """The roles that give a sign-off under the installation's council (Durham: the strategic
    manager and the IRO; Dudley: the agency decision maker; Devon: none)."""
    return frozenset(k.signer_role for k in sign_off_rules.required(settings.HOMEWARD_COUNCIL))


def gives_sign_offs(user: User) -> bool:
    """The user's role gives one of the installation's council's sign-offs: they have the
    sign-offs worklist (a role the council asks none of would only ever see it empty)."""
    return user.is_authenticated and user.is_active and user.role in signer_roles()


def sees_children(user: User) -> bool:
    """Whether the user's role ever sees a child here: not a system administrator, nor a
    sign-off-only role the installation's council asks no sign-off of. Their menus offer no
    Children or My work."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.SYSTEM_ADMINISTRATOR:
        return False
    if user.role in SIGN_OFF_ONLY_ROLES:
        return user.role in signer_roles()
    return True


# Who sees which children, in the words of the README's demo sign-ins, for a list that is empty
# with no filter set (so people know it is their role's need to know, not a fault).
CHILDREN_SEEN = {
    Role.SOCIAL_WORKER: "the children allocated to you or to your teams",
    Role.TEAM_MANAGER: "your teams' children",
    Role.IRO: "the children you review",
    Role.FAMILY_FINDER: "the children allocated to you for family finding",
    Role.COURT_PROGRESSION_MANAGER: "the children in the legal process",
    Role.STRATEGIC_MANAGER: "the children with a sign-off asked of a strategic manager",
    Role.AGENCY_DECISION_MAKER: "the children with a sign-off asked of an agency decision maker",
}


def why_no_children(user: User) -> str:
    """Why the user's list of children is empty with no filter set."""
    if not sees_children(user):
        if user.role in SIGN_OFF_ONLY_ROLES:
            return (
                f"You see {CHILDREN_SEEN[Role(user.role)]}, and this council's procedures ask "
                "none of your role."
            )
        return "Your role manages staff and teams and sees no child."
    if user.role in CHILDREN_SEEN:
        return f"You see {CHILDREN_SEEN[Role(user.role)]}, and there are none at the moment."
    return "There are no children in Homeward yet."


def may_decide_sign_off(user: User, signer_role: str) -> bool:
    """Whether the user's role is the one a sign-off was asked of (for a child they may see)."""
    return user.is_authenticated and user.is_active and user.role == signer_role


def can_decide_sign_off(user: User, child: Child) -> bool:
    """Record a sign-off's decision: only the role it was asked of, on a child they may see (the
    IRO only as the child's own IRO), and only where one was asked of them."""
    return (
        gives_sign_offs(user)
        and can_view_child(user, child)
        and child.sign_offs.filter(signer_role=user.role).exists()
    )


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


REPORT_ROLES = frozenset({Role.SERVICE_MANAGER, Role.PERFORMANCE_ANALYST})


def can_see_forecasts(user: User) -> bool:
    """The forecasts of national thresholds (issue 16 item 2, ``/reports/forecasts/``): for the
    service managers who must stop the drift and the performance analysts who report it, each
    over the children they may see."""
    return user.is_authenticated and user.role in REPORT_ROLES


def can_see_match_outcomes(user: User) -> bool:
    """The match outcomes report (issue 15 item 8, ``/reports/match-outcomes/``): which routes
    and criteria held, for service managers and performance analysts, over the children they
    may see; its drill-down lists only those children."""
    return user.is_authenticated and user.role in REPORT_ROLES


# The Permanence Monitoring Panel's pack and the Corporate Parenting Board's report (issue 16
# item 3): the service managers who take them to the panel and the board and the analysts who
# prepare them; team managers too, as on the drift dashboard, over their teams' children only.
BOARD_REPORT_ROLES = REPORT_ROLES | {Role.TEAM_MANAGER}


def can_see_board_reports(user: User) -> bool:
    """``/reports/pmp/`` and ``/reports/cpb/``, their downloads and the children behind each
    figure, each over the children the user may see (``visible_children``)."""
    return user.is_authenticated and user.role in BOARD_REPORT_ROLES


RETURN_ROLES = frozenset({Role.PERFORMANCE_ANALYST, Role.SERVICE_MANAGER})


def can_use_ssda903(user: User) -> bool:
    """Import and export the SSDA903 return, and see its data quality: the analysts who make
    the return, and service managers. Both already see every child."""
    return user.is_authenticated and user.role in RETURN_ROLES


def can_search_audit(user: User) -> bool:
    return user.is_authenticated and user.role in AUDIT_ROLES


# Meetings (homeward/meetings): who plans, who records decisions, who escalates.


# Notifications (issue 18 item 3): everyone reads the outbox of their own messages; system
# administrators, who keep the service running, and service managers read every message (no
# message names a child: homeward.domain.notifications).
NOTIFICATION_OVERSIGHT_ROLES = frozenset({Role.SYSTEM_ADMINISTRATOR, Role.SERVICE_MANAGER})


def can_see_every_notification(user: User) -> bool:
    return user.is_authenticated and user.role in NOTIFICATION_OVERSIGHT_ROLES


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


def may_escalate(user: User) -> bool:
    """Whether the user's role raises IRO escalations at all (``can_escalate`` asks about one
    child): only they can have escalations of their own."""
    return user.is_authenticated and user.role in ESCALATION_ROLES


def can_escalate(user: User, child: Child) -> bool:
    """Raise, take further and resolve an IRO escalation about a child's plan (DU 'Role of the
    IRO'; DS 'Independent Reviewing Service'): the child's IRO, or a service manager."""
    return may_escalate(user) and can_view_child(user, child)


def staff_who_can_change(child: Child) -> QuerySet[User]:
    """Active staff who may record on this child's file, as ``can_change_child`` decides it for
    one user: meeting chairs, attendees and action owners are chosen from them."""
    from homeward.accounts.models import User

    q = Q(role__in=ALL_CHILDREN_ROLES - {Role.PERFORMANCE_ANALYST, Role.PANEL_ADMINISTRATOR})
    current = child.allocations.filter(ended_on__isnull=True).first()
    if current is not None:
        for worker_id in (current.social_worker_id, current.sgo_social_worker_id):
            if worker_id:
                q |= Q(pk=worker_id, role=Role.SOCIAL_WORKER)
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


def refers_to_aepp(user: User) -> bool:
    """The user's role refers children to the panel (for a child: ``can_refer_to_aepp``)."""
    return user.is_authenticated and user.role in AEPP_REFERRER_ROLES


def records_aepp_outcomes(user: User) -> bool:
    """The user's role records the panel's outcomes (for a child: ``can_record_aepp_outcome``).
    On the panel's list every child shown is one the user may see, and for these roles
    ``can_change_child`` adds nothing more, so the role decides the link."""
    return user.is_authenticated and user.role in AEPP_OUTCOME_ROLES


def can_refer_to_aepp(user: User, child: Child) -> bool:
    return refers_to_aepp(user) and can_change_child(user, child)


def can_change_aepp_referral(user: User, child: Child) -> bool:
    """Moving a waiting referral to another panel, or withdrawing it: those who may refer the
    child, and the panel administrator, who keeps the panel's list (a changed panel day leaves
    referrals on a day it no longer sits for them to move)."""
    if user.is_authenticated and user.role == Role.PANEL_ADMINISTRATOR:
        return can_view_child(user, child)
    return can_refer_to_aepp(user, child)


def can_record_aepp_outcome(user: User, child: Child) -> bool:
    return records_aepp_outcomes(user) and can_change_child(user, child)


# The sitting's own record (issue 18 item 8): who attended and the recruitment needs it raised.
# Kept by the panel administrator, the permanency coordinator and the service managers who sit
# on it (001 'Achieving early permanence panel' lists them all among the panel's
# representation); the procedure does not say who writes the record (check). The record names
# no child, so it asks no need to know.
AEPP_RECORD_KEEPER_ROLES = frozenset(
    {Role.PANEL_ADMINISTRATOR, Role.PERMANENCE_COORDINATOR, Role.SERVICE_MANAGER}
)
# The sufficiency report of those needs: for the fostering and adoption recruitment teams
# (000 'Fostering Recruitment, Assessment and Training', 'Adoption@Heart'), whom Homeward knows
# as family finders (the "Fostering Family Finder" and "Adoption Family Finder" of 001
# 'Outcomes from meeting'), and the service managers who lead them and the Sufficiency
# Strategy (the "Service Manager Fostering & Adoption" on the panel). It names no child.
SUFFICIENCY_ROLES = frozenset({Role.FAMILY_FINDER, Role.SERVICE_MANAGER})


def keeps_aepp_record(user: User) -> bool:
    """Records a sitting's attendance and the recruitment needs it raised."""
    return user.is_authenticated and user.role in AEPP_RECORD_KEEPER_ROLES


def can_see_sufficiency(user: User) -> bool:
    """The recruitment needs the panel raised, summed for the recruitment teams."""
    return user.is_authenticated and user.role in SUFFICIENCY_ROLES


AEPP_WORKER_ROLES = frozenset({Role.FAMILY_FINDER, Role.SOCIAL_WORKER})


def aepp_workers() -> QuerySet[User]:
    """Who the panel's outcome may allocate: a family finder (fostering or adoption) or a
    social worker (special guardianship); the pathway says which (domain.panels.PATHWAYS)."""
    from homeward.accounts.models import User

    return User.objects.filter(role__in=AEPP_WORKER_ROLES, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


# Allocation and the staff offered on forms.


def case_holders() -> QuerySet[User]:
    """Who may be allocated a child's case as their social worker."""
    from homeward.accounts.models import User

    return User.objects.filter(role=Role.SOCIAL_WORKER, is_active=True)


def family_finders() -> QuerySet[User]:
    """Who may be allocated a child for family finding."""
    from homeward.accounts.models import User

    return User.objects.filter(role=Role.FAMILY_FINDER, is_active=True)


def reviewing_officers() -> QuerySet[User]:
    """Who may be allocated a child as their independent reviewing officer."""
    from homeward.accounts.models import User

    return User.objects.filter(role=Role.IRO, is_active=True)


def meeting_staff(child: Child, user: User) -> QuerySet[User]:
    """The staff offered as chair, attendee or action owner: the people who work this child's
    case (the allocated social worker and IRO, the team's managers, service managers and
    permanence coordinators) and whoever is recording, among those who may record on the file.
    Colleagues beyond these can be recorded as named attendees."""
    from homeward.accounts.models import User

    current = child.allocations.filter(ended_on__isnull=True).first()
    q = Q(pk=user.pk) | Q(role__in=[Role.SERVICE_MANAGER, Role.PERMANENCE_COORDINATOR])
    if current is not None:
        q |= Q(
            pk__in=[
                pk
                for pk in (current.social_worker_id, current.sgo_social_worker_id, current.iro_id)
                if pk
            ]
        )
        if current.team_id:
            q |= Q(role=Role.TEAM_MANAGER, teams=current.team_id)
    staff = staff_who_can_change(child)
    return staff.filter(pk__in=User.objects.filter(q).values("pk")).order_by(
        "last_name", "first_name"
    )


# Lists of children: whose caseload the user works from.


def chairs_reviews(user: User) -> bool:
    """Independent reviewing officers chair looked-after reviews (and check what they record)."""
    return user.is_authenticated and user.role == Role.IRO


def has_own_caseload(user: User) -> bool:
    """Social workers hold cases: their lists start from "my children" (allocated to me)."""
    return user.is_authenticated and user.role == Role.SOCIAL_WORKER


def works_in_teams(user: User) -> bool:
    """Social workers and team managers choose between their own teams' children and all they
    may see."""
    return user.is_authenticated and user.role in {Role.SOCIAL_WORKER, Role.TEAM_MANAGER}


@dataclass(frozen=True)
class Capabilities:
    """What the signed-in user may do, as templates ask it (``{% if may.see_drift %}``)."""

    see_drift: bool = False
    see_forecasts: bool = False
    see_match_outcomes: bool = False
    see_board_reports: bool = False
    see_aepp: bool = False
    use_ssda903: bool = False
    search_audit: bool = False
    refer_to_aepp: bool = False
    record_aepp_outcomes: bool = False
    has_own_caseload: bool = False
    works_in_teams: bool = False
    admit_children: bool = False
    manage_staff: bool = False
    see_carers: bool = False
    change_carers: bool = False
    see_family_finding: bool = False
    see_sign_offs: bool = False
    keep_aepp_record: bool = False
    see_sufficiency: bool = False
    see_children: bool = False


def capabilities(user: User) -> Capabilities:
    return Capabilities(
        see_drift=can_see_drift(user),
        see_forecasts=can_see_forecasts(user),
        see_match_outcomes=can_see_match_outcomes(user),
        see_board_reports=can_see_board_reports(user),
        see_aepp=can_see_aepp(user),
        use_ssda903=can_use_ssda903(user),
        search_audit=can_search_audit(user),
        refer_to_aepp=refers_to_aepp(user),
        record_aepp_outcomes=records_aepp_outcomes(user),
        has_own_caseload=has_own_caseload(user),
        works_in_teams=works_in_teams(user),
        admit_children=can_admit_child(user),
        manage_staff=can_manage_staff(user),
        see_carers=can_see_carers(user),
        change_carers=can_change_carers(user),
        see_family_finding=can_see_family_finding_worklist(user),
        see_sign_offs=gives_sign_offs(user),
        keep_aepp_record=keeps_aepp_record(user),
        see_sufficiency=can_see_sufficiency(user),
        see_children=sees_children(user),
    )


# Admission: adding a child in Homeward (issue 13 item 8), not only by the SSDA903 import.

ADMISSION_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


def can_admit_child(user: User) -> bool:
    """Add a child (or an unborn child) and their first allocation and episode: social workers
    and team managers, who hold and manage the cases."""
    return user.is_authenticated and user.role in ADMISSION_ROLES


def admission_teams(user: User) -> QuerySet[Team]:
    """The teams a child added by this user may be allocated to: their own, so that they keep
    the need to know the child they have just added."""
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(members=user).order_by("name")


# Staff: who may add users, change their role and teams, and deactivate them (issue 14). Never
# their own role or teams (homeward/accounts/services.py refuses it), and only on Homeward's
# pages, which ask why and audit it: Django's admin is read only.

STAFF_MANAGER_ROLES = frozenset({Role.SYSTEM_ADMINISTRATOR})


def can_manage_staff(user: User) -> bool:
    """System administrators keep the staff list (README: reference data, no children)."""
    return user.is_authenticated and user.is_active and user.role in STAFF_MANAGER_ROLES


# The carers register (homeward/matching; issue 15 item 1): households who foster or adopt. No
# child is on it, but it is personal data about families, so it is need-to-know and audited
# like a child's record.

# Who looks for a family for a child or oversees it: family finders, service managers (heads of
# service, who ratify matches: 001_d6c3849112f62e7d.txt 'Expected Outcomes'), team managers
# (fostering and adoption team managers chair matching meetings, same) and the panel
# administrator, who prepares the fostering and matching panels' papers.
CARERS_REGISTER_ROLES = frozenset(
    {Role.FAMILY_FINDER, Role.SERVICE_MANAGER, Role.TEAM_MANAGER, Role.PANEL_ADMINISTRATOR}
)
# Who keeps it: family finders and service managers.
CARERS_REGISTER_EDITOR_ROLES = frozenset({Role.FAMILY_FINDER, Role.SERVICE_MANAGER})


def can_see_carers(user: User) -> bool:
    """The carers register and each household on it."""
    return user.is_authenticated and user.is_active and user.role in CARERS_REGISTER_ROLES


def can_change_carers(user: User) -> bool:
    """Add, change and import households, and record a change of their status."""
    return user.is_authenticated and user.is_active and user.role in CARERS_REGISTER_EDITOR_ROLES


# Family finding (homeward/matching; issue 15 items 2, 3 and 7; branch routes): the child's
# route to a permanent home, its steps, the pen picture, and the family finder's worklist.

# The worklist (/family-finding/): family finders see the children allocated to them for family
# finding; service managers, who oversee it, every child with a family finder.
FAMILY_FINDING_WORKLIST_ROLES = frozenset({Role.FAMILY_FINDER, Role.SERVICE_MANAGER})
# Who chooses (or changes) the child's route: those who hold and manage the case and the family
# finder allocated to it, and service managers; not the IRO, who reviews the plan.
ROUTE_CHOOSER_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.FAMILY_FINDER,
        Role.PERMANENCE_COORDINATOR,
        Role.SERVICE_MANAGER,
    }
)
# The pen picture is the social worker's (issue 15 item 3: "edited by the social worker"); the
# safe version is sent to carers by the family finder or the social worker (001 'Family Finding
# Internal/External').
PEN_PICTURE_WRITER_ROLES = frozenset({Role.SOCIAL_WORKER})
PEN_PICTURE_SENDER_ROLES = frozenset({Role.FAMILY_FINDER, Role.SOCIAL_WORKER})


def can_see_family_finding_worklist(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role in FAMILY_FINDING_WORKLIST_ROLES


def sees_every_family_finding(user: User) -> bool:
    """Service managers see every child with a family finder on the worklist."""
    return user.is_authenticated and user.role == Role.SERVICE_MANAGER


def can_choose_route(user: User, child: Child) -> bool:
    return user.role in ROUTE_CHOOSER_ROLES and can_change_child(user, child)


def can_record_route_step(user: User, child: Child, step_role: str) -> bool:
    """A step of a route is recorded only by the role the route file names for it
    (``homeward.domain.routes.Step.role``: the service manager's written permission by a service
    manager, the panel's decision by the panel administrator...), on a child they may see."""
    return user.is_authenticated and user.role == step_role and can_view_child(user, child)


def can_write_pen_picture(user: User, child: Child) -> bool:
    return user.role in PEN_PICTURE_WRITER_ROLES and can_change_child(user, child)


def can_send_pen_picture(user: User, child: Child) -> bool:
    return user.role in PEN_PICTURE_SENDER_ROLES and can_change_child(user, child)


# The permanence bundle (issue 15 item 5): its documents are owned by the social worker and the
# family finder (the routes files' [bundle.*] roles), who set their due dates, their status and
# attach their files; a team manager or service manager alone may record why the panel is booked
# without every document.
BUNDLE_WORKER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.FAMILY_FINDER})
BUNDLE_OVERRIDE_ROLES = frozenset({Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


def can_work_on_bundle(user: User, child: Child) -> bool:
    return user.role in BUNDLE_WORKER_ROLES and can_change_child(user, child)


def can_override_bundle(user: User, child: Child) -> bool:
    return user.role in BUNDLE_OVERRIDE_ROLES and can_change_child(user, child)


# "My plan" for the child (issue 17 item 1): read by all who may see the child; its sections
# written and the plan shared with the child by the child's social worker (theirs or their
# team's) and their team manager, who know the child (DU 'Looked After Reviews': "Social workers
# should involve children and young in the development of their plans").
MY_PLAN_WRITER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})


def can_write_my_plan(user: User, child: Child) -> bool:
    return (
        user.is_authenticated
        and user.role in MY_PLAN_WRITER_ROLES
        and can_change_child(user, child)
    )


# The legal process and support after permanence (homeward/legal; issue 18 items 4 and 7).

# Pre-proceedings steps, court filing dates and family members' legal consultations: the case's
# social worker and managers, and the court progression manager, who tracks the legal process
# (001 'Legal Gateway Panel'). Not the IRO, family finder or permanence coordinator: they read.
LEGAL_PROCESS_ROLES = frozenset(
    {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.COURT_PROGRESSION_MANAGER}
)
# Support plans after an order, their reviews and (Durham) welfare checks: the child's social
# worker (an SGO social worker included) and the managers (000 'Connected People's Fostering
# Team'; 002 'Family or friends Placement').
SUPPORT_PLAN_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER})


def can_record_legal_process(user: User, child: Child) -> bool:
    return (
        user.is_authenticated and user.role in LEGAL_PROCESS_ROLES and can_change_child(user, child)
    )


def can_record_support_plan(user: User, child: Child) -> bool:
    return (
        user.is_authenticated and user.role in SUPPORT_PLAN_ROLES and can_change_child(user, child)
    )
