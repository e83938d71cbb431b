"""Permanence planning for the demo council: for each child in care, the options a team would be
exploring at the child's stage (twin-track in proceedings, adoption after a placement order,
long-term fostering under a care order, a return home under section 20), with their history,
criteria, assessments (some overdue), adoption decisions, and version 1 of the plan wherever the
child's journey already holds a ``permanence_plan_agreed`` event (the plan is linked to that
event, not recorded twice). Children who left care by adoption, special guardianship or a return
home have permanence achieved, linked to the order or return in their journey, and a learning
review where a return home ended and the child came back into care.

Deterministic (its own seeded random numbers) and written with ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from homeward.accounts.models import Role, User
from homeward.children.models import Allocation, Child, JourneyEvent
from homeward.demo.drifting import drifting_children
from homeward.domain import permanence as rules
from homeward.planning.models import (
    AdoptionDecision,
    Assessment,
    CriterionCheck,
    FosterForAdoptionConsideration,
    LearningReview,
    OptionChange,
    PermanenceAchieved,
    PermanenceOption,
    PermanencePlan,
)

S = rules.OptionStatus
DEMO_ADM = "Head of Service (agency decision maker)"

REASONS = {
    ("reunification", S.RULED_OUT): "Parenting assessment negative: the parents could not make "
    "the changes needed within the child's timescales.",
    ("connected_care", S.RULED_OUT): "Viability assessments of the maternal grandparents and an "
    "aunt were negative.",
    ("sgo", S.RULED_OUT): "The carer does not wish to apply for special guardianship now.",
    ("reunification", S.BEING_ASSESSED): "Parenting assessment requested to test whether the "
    "child can return home.",
    ("connected_care", S.BEING_ASSESSED): "Grandmother put herself forward at the family "
    "network meeting; viability assessment requested.",
    ("sgo", S.BEING_ASSESSED): "Foster carers asked about special guardianship.",
}


# What speaks for and against each kind of option, as a worker would write it (synthetic).
GENERIC_WEIGHING = (
    "Meets the child's assessed needs; keeps the child's important relationships.",
    "Depends on support being in place; to be reviewed at the next permanence meeting.",
)
STRENGTHS_AND_RISKS: dict[str, tuple[str, str]] = {
    "reunification": (
        "The child's attachment to their parent; the parent has engaged with the work so far.",
        "Relapse in the parent's drug and alcohol use; the family needs support after return.",
    ),
    "connected_care": (
        "Keeps the child within the family, with contact with brothers and sisters.",
        "The carers' age and health; managing contact with the birth parents.",
    ),
    "sgo": (
        "Legal security with a relative; the child's identity and heritage kept.",
        "The special guardians need a support plan; the parents may contest.",
    ),
    "adoption": (
        "Legal permanence and a family for life, early in the child's life.",
        "Loss of legal ties to the birth family; the wait for a match.",
    ),
    "long_term_fostering": (
        "Stability with carers the child knows; family time continues.",
        "No legal permanence: placement endings remain possible.",
    ),
}


@dataclass
class Journey:
    """What a child's events say about where they are."""

    child: Child
    events: dict[str, list[JourneyEvent]] = field(default_factory=lambda: defaultdict(list))

    def first(self, kind: str) -> JourneyEvent | None:
        return self.events[kind][0] if self.events.get(kind) else None

    def last(self, kind: str) -> JourneyEvent | None:
        return self.events[kind][-1] if self.events.get(kind) else None

    @property
    def in_care(self) -> bool:
        started, ceased = self.last("became_looked_after"), self.last("ceased_looked_after")
        return started is not None and (ceased is None or ceased.date < started.date)


@dataclass
class Writer:
    """Rows to bulk-create, kept in order so foreign keys resolve."""

    today: dt.date
    rng: random.Random
    drifting: set[int] = field(default_factory=set)  # children whose work drifts (.drifting)
    options: list[PermanenceOption] = field(default_factory=list)
    changes: list[tuple[PermanenceOption, OptionChange]] = field(default_factory=list)
    criteria: list[tuple[PermanenceOption, CriterionCheck]] = field(default_factory=list)
    assessments: list[tuple[PermanenceOption | None, Assessment]] = field(default_factory=list)
    plans: list[tuple[PermanencePlan, PermanenceOption, list[PermanenceOption]]] = field(
        default_factory=list
    )
    decisions: list[AdoptionDecision] = field(default_factory=list)
    ffa: list[FosterForAdoptionConsideration] = field(default_factory=list)
    achieved: list[tuple[PermanenceAchieved, PermanenceOption]] = field(default_factory=list)
    endings: list[tuple[PermanenceAchieved, LearningReview]] = field(default_factory=list)
    events: list[JourneyEvent] = field(default_factory=list)

    def at(self, day: dt.date, step: int) -> dt.datetime:
        """A working-day time; later steps of one history later in the day, so the order holds
        when two fall on the same date."""
        day = min(day, self.today)
        minute = step * 10 + self.rng.randint(0, 9)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9 + minute // 60, minute % 60)))

    def option(
        self,
        child: Child,
        kind: str,
        history: list[tuple[S, dt.date, User | None, User | None]],
        next_step: str = "",
    ) -> PermanenceOption:
        """An option and its history: (status, day, by, signed off by), oldest first."""
        option = PermanenceOption(child=child, kind=kind, status=history[-1][0].value)
        option.next_step = next_step
        # Strengths and risks (DV 'Guiding Principles'), weighed once an option has been
        # assessed; one still being explored shows them as still needed.
        if history[-1][0] in {S.VIABLE, S.PREFERRED, S.CONTINGENCY, S.RULED_OUT}:
            option.strengths, option.risks = STRENGTHS_AND_RISKS.get(kind, GENERIC_WEIGHING)
        self.options.append(option)
        previous = ""
        for step, (status, day, by, signer) in enumerate(history):
            reason = (
                REASONS.get((kind, status))
                or {
                    S.TO_EXPLORE: "A realistic option raised at the first permanence meeting.",
                    S.BEING_ASSESSED: "Assessment requested.",
                    S.VIABLE: "Assessment completed: the option can meet the child's needs.",
                    S.PREFERRED: "Permanence plan agreed.",
                    S.CONTINGENCY: "Kept open beside the preferred plan (twin-track planning).",
                    S.RULED_OUT: "Assessed as not viable; signed off at the permanence meeting.",
                }[status]
            )
            self.changes.append(
                (
                    option,
                    OptionChange(
                        from_status=previous,
                        to_status=status.value,
                        reason=reason,
                        by=by,
                        signed_off_by=signer if status == S.RULED_OUT else None,
                        at=self.at(day, step),
                    ),
                )
            )
            previous = status.value
        return option

    def plan(
        self,
        child: Child,
        version: int,
        preferred: PermanenceOption,
        contingencies: list[PermanenceOption],
        route: str,
        event: JourneyEvent,
        by: User | None,
    ) -> None:
        """A version of the plan, agreed on the day of its journey event."""
        plan = PermanencePlan(
            child=child,
            version=version,
            legal_route=route,
            support_plan="Support for the child and carers, family time and life story work, "
            "reviewed at each Child in Care review.",
            agreed_on=event.date,
            agreed_by="Child in Care review",
            recorded_by=by,
            journey_event=event,
        )
        self.plans.append((plan, preferred, contingencies))

    def criteria_for(self, option: PermanenceOption, answers: list[tuple[str, str]]) -> None:
        for criterion, (met, evidence) in zip(
            rules.criteria_for(option.kind), answers, strict=False
        ):
            self.criteria.append(
                (option, CriterionCheck(criterion=criterion.key, met=met, evidence=evidence))
            )

    def assessment(
        self,
        child: Child,
        option: PermanenceOption | None,
        kind: str,
        assessor: str,
        requested: dt.date,
        weeks: int,
        *,
        done: bool,
        outcome: str = "",
        summary: str = "",
    ) -> None:
        requested = min(requested, self.today)
        due = requested + dt.timedelta(weeks=weeks)
        if not done and due < self.today and child.pk not in self.drifting:
            # A team that keeps to time: an assessment still being written is not yet due.
            due = self.today + dt.timedelta(days=7 + child.pk % 28)
        completed = None
        if done:
            completed = min(self.today, due + dt.timedelta(days=self.rng.randint(-10, 12)))
            completed = max(completed, requested)
        self.assessments.append(
            (
                option,
                Assessment(
                    child=child,
                    kind=kind,
                    assessor=assessor,
                    requested_on=requested,
                    due_on=due,
                    completed_on=completed,
                    outcome=outcome if completed else "",
                    outcome_summary=summary if completed else "",
                ),
            )
        )

    def write(self) -> dict[str, int]:
        PermanenceOption.objects.bulk_create(self.options, batch_size=5000)
        for option, change in self.changes:
            change.option = option
        OptionChange.objects.bulk_create([c for _, c in self.changes], batch_size=5000)
        for option, check in self.criteria:
            check.option = option
        CriterionCheck.objects.bulk_create([c for _, c in self.criteria], batch_size=5000)
        for option, assessment in self.assessments:
            assessment.option = option
        Assessment.objects.bulk_create([a for _, a in self.assessments], batch_size=5000)
        JourneyEvent.objects.bulk_create(self.events, batch_size=5000)
        AdoptionDecision.objects.bulk_create(self.decisions, batch_size=5000)
        FosterForAdoptionConsideration.objects.bulk_create(self.ffa, batch_size=5000)
        for plan, preferred, _ in self.plans:
            plan.preferred_option = preferred
        PermanencePlan.objects.bulk_create([p for p, _, _ in self.plans], batch_size=5000)
        Through = PermanencePlan.contingencies.through
        Through.objects.bulk_create(
            [
                Through(permanenceplan_id=plan.pk, permanenceoption_id=option.pk)
                for plan, _, contingencies in self.plans
                for option in contingencies
            ],
            batch_size=5000,
        )
        for achieved, option in self.achieved:
            achieved.option = option
        PermanenceAchieved.objects.bulk_create([a for a, _ in self.achieved], batch_size=5000)
        for achieved, review in self.endings:
            review.achieved = achieved
        LearningReview.objects.bulk_create([r for _, r in self.endings], batch_size=5000)
        return {
            "permanence_options": len(self.options),
            "permanence_plans": len(self.plans),
            "assessments": len(self.assessments),
            "permanence_achieved": len(self.achieved),
        }


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


# The events that say where a child's journey is (the rest, visits and reviews, are not read).
JOURNEY_KINDS = (
    "became_looked_after",
    "ceased_looked_after",
    "plo_started",
    "interim_care_order",
    "care_order",
    "placement_order",
    "adm_decision",
    "placed_for_adoption",
    "permanence_plan_agreed",
    "order_made",
    "returned_home",
)


def build(*, seed: int, today: dt.date) -> dict[str, int]:
    """Planning records for every demo child in care, and permanence for those who reached it."""
    rng = random.Random(seed * 131 + 6)
    writer = Writer(today=today, rng=rng, drifting=drifting_children())
    journeys: dict[int, Journey] = {}
    children = Child.objects.in_bulk()
    events = JourneyEvent.objects.filter(kind__in=JOURNEY_KINDS).only(
        "child_id", "kind", "date", "notes"
    )
    for event in events.order_by("child_id", "date", "pk"):
        journey = journeys.get(event.child_id)
        if journey is None:
            journey = journeys[event.child_id] = Journey(children[event.child_id])
        journey.events[event.kind].append(event)
    workers = dict(
        Allocation.objects.filter(ended_on__isnull=True).values_list("child_id", "social_worker")
    )
    teams = dict(Allocation.objects.filter(ended_on__isnull=True).values_list("child_id", "team"))
    users = {u.pk: u for u in User.objects.filter(is_demo=True)}
    managers: dict[int, User] = {}
    for manager in User.objects.filter(is_demo=True, role=Role.TEAM_MANAGER).prefetch_related(
        "teams"
    ):
        for team in manager.teams.all():
            managers.setdefault(team.pk, manager)
    head = User.objects.filter(is_demo=True, role=Role.SERVICE_MANAGER).first()
    for child_pk, journey in sorted(journeys.items()):
        worker = users.get(workers.get(child_pk) or 0)
        signer = managers.get(teams.get(child_pk) or 0, head)
        if journey.in_care:
            _in_care(writer, journey, worker, signer)
        elif journey.first("became_looked_after"):
            _achieved(writer, journey, worker, signer)
        elif journey.first("plo_started"):
            _edge_of_care(writer, journey, worker)
    return writer.write()


def _young(child: Child, on: dt.date) -> bool:
    return child.date_of_birth is not None and (child.age_on(on) or 0) < 5


def _in_care(writer: Writer, journey: Journey, sw: User | None, tm: User | None) -> None:
    child, rng, today = journey.child, writer.rng, writer.today
    started = journey.last("became_looked_after")
    assert started is not None
    begin = started.date
    agreed = journey.last("permanence_plan_agreed")
    agreed_on = agreed.date if agreed and agreed.date >= begin else None
    plan_day = agreed_on or min(today, begin + days(90))
    if (today - begin).days < 45 and agreed_on is None:
        _early_days(writer, journey, sw, begin)
        return
    if journey.last("placement_order") or journey.last("placed_for_adoption"):
        track = "adoption"
    elif journey.last("care_order"):
        track = "long_term"
    elif journey.last("interim_care_order"):
        track = "proceedings"
    else:
        track = "section_20"
    early = begin + days(rng.randint(5, 20))
    assessed = begin + days(rng.randint(21, 40))
    decided = min(begin + days(rng.randint(45, 80)), plan_day)
    preferred: PermanenceOption | None = None
    contingencies: list[PermanenceOption] = []
    route = ""

    def ruled_out(kind: str) -> PermanenceOption:
        return writer.option(
            child,
            kind,
            [
                (S.TO_EXPLORE, early, sw, None),
                (S.BEING_ASSESSED, assessed, sw, None),
                (S.RULED_OUT, decided, tm, tm),
            ],
        )

    if track == "adoption":
        adm = journey.last("adm_decision")
        adm_day = adm.date if adm else max(begin, plan_day - days(20))
        if adm is None:
            adm = JourneyEvent(
                child=child, kind="adm_decision", date=adm_day, notes=DEMO_ADM, recorded_by=sw
            )
            writer.events.append(adm)
        connected = ruled_out("connected_care")
        writer.assessment(
            child,
            connected,
            "viability",
            "Connected People's Fostering Team",
            begin + days(14),
            4,
            done=True,
            outcome="does_not_support",
        )
        if agreed is not None and agreed_on is not None and adm_day > agreed_on:
            # The plan came before the agency decision: first a return home with adoption as
            # the contingency; then the return home ruled out, the ADM's decision, and
            # version 2 with adoption (never adoption before the decision: DU section 4).
            change_day = agreed_on + (adm_day - agreed_on) / 2
            second = min(today, adm_day + days(rng.randint(7, 20)))
            reunification = writer.option(
                child,
                "reunification",
                [
                    (S.TO_EXPLORE, early, sw, None),
                    (S.BEING_ASSESSED, assessed, sw, None),
                    (S.VIABLE, decided, sw, None),
                    (S.PREFERRED, agreed_on, sw, None),
                    (S.RULED_OUT, change_day, tm, tm),
                ],
            )
            adoption = writer.option(
                child,
                "adoption",
                [
                    (S.TO_EXPLORE, early, sw, None),
                    (S.CONTINGENCY, agreed_on, sw, None),
                    (S.VIABLE, change_day, sw, None),
                    (S.PREFERRED, second, sw, None),
                ],
                next_step="Family finding with the regional adoption agency",
            )
            writer.plan(child, 1, reunification, [adoption], "placement_with_parents", agreed, sw)
            event = JourneyEvent(
                child=child,
                kind="permanence_plan_agreed",
                date=second,
                notes="Version 2: Adoption",
                recorded_by=sw,
            )
            writer.events.append(event)
            writer.plan(child, 2, adoption, [], "adoption_order", event, sw)
        else:
            reunification = ruled_out("reunification")
            adoption = writer.option(
                child,
                "adoption",
                [(S.TO_EXPLORE, early, sw, None), (S.VIABLE, decided, sw, None)]
                + ([(S.PREFERRED, plan_day, sw, None)] if agreed_on else []),
                next_step="Family finding with the regional adoption agency",
            )
            if agreed is not None and agreed_on is not None:
                writer.plan(child, 1, adoption, [], "adoption_order", agreed, sw)
        writer.assessment(
            child,
            reunification,
            "parenting",
            "Independent social worker",
            begin + days(10),
            12,
            done=True,
            outcome="does_not_support",
            summary="Parents unable to make and sustain the changes needed.",
        )
        writer.criteria_for(
            adoption,
            [
                ("yes", "Needs a family for life; no one in the network can offer it."),
                ("yes", "Parents cannot share parental responsibility to meet the child's needs."),
                ("yes", "Life story work planned to keep a healthy understanding of the past."),
                ("unknown", "Too young to say.") if _young(child, today) else ("no", "Unsure."),
            ],
        )
        writer.decisions.append(
            AdoptionDecision(
                child=child,
                nothing_else_will_do="Every realistic option was assessed: a return home and "
                "the family network were ruled out on evidence. Only adoption can give the "
                "child a family for life.",
                adm_name=DEMO_ADM,
                adm_decided_on=adm_day,
                adm_outcome=AdoptionDecision.AdmOutcome.SHOULD_BE_PLACED,
                journey_event=adm,
                recorded_by=sw,
            )
        )
        writer.ffa.append(
            FosterForAdoptionConsideration(
                child=child,
                considered_on=max(begin, adm_day - days(14)),
                connected_carer_considered="Maternal grandparents and an aunt: viability "
                "negative, so not approved as foster parents.",
                decision="foster_for_adoption" if _young(child, today) else "neither",
                reasons="Considered at the permanence meeting.",
                recorded_by=sw,
            )
        )
        return
    elif track == "long_term":
        ruled_out("reunification")
        kinds = ["sgo"] if rng.random() < 0.4 else []
        final = S.PREFERRED if agreed_on else S.VIABLE
        fostering = writer.option(
            child,
            "long_term_fostering",
            [
                (S.TO_EXPLORE, early, sw, None),
                (S.BEING_ASSESSED, assessed, sw, None),
                (S.VIABLE, decided, sw, None),
            ]
            + ([(S.PREFERRED, plan_day, sw, None)] if final == S.PREFERRED else []),
            next_step="Matching meeting, then the Fostering Panel",
        )
        writer.criteria_for(
            fostering,
            [
                ("yes", "Settled with carers; sees mother monthly."),
                ("yes", "Strong identity with the birth family."),
                ("yes", "Developmental progress needs continuing oversight."),
                ("no", "Parents not able to share parental responsibility yet."),
            ],
        )
        writer.assessment(
            child,
            fostering,
            "fostering_permanency_report",
            "Allocated social worker",
            assessed,
            8,
            done=rng.random() < 0.7,
            outcome="supports",
        )
        for kind in kinds:
            sgo = writer.option(
                child,
                kind,
                [(S.TO_EXPLORE, early, sw, None), (S.BEING_ASSESSED, assessed, sw, None)]
                + ([(S.CONTINGENCY, plan_day, sw, None)] if agreed_on else []),
                next_step="Special guardianship assessment of the foster carers",
            )
            contingencies.append(sgo)
            writer.assessment(
                child, sgo, "special_guardianship", "SGO team", assessed, 12, done=False
            )
        preferred, route = (fostering if final == S.PREFERRED else None), "care_order"
    elif track == "proceedings":
        reunification = writer.option(
            child,
            "reunification",
            [(S.TO_EXPLORE, early, sw, None), (S.BEING_ASSESSED, assessed, sw, None)]
            + (
                [(S.VIABLE, decided, sw, None), (S.PREFERRED, plan_day, sw, None)]
                if agreed_on
                else []
            ),
            next_step="Parenting assessment and drug and alcohol testing",
        )
        writer.assessment(
            child, reunification, "parenting", "Independent social worker", assessed, 12, done=False
        )
        writer.assessment(
            child,
            reunification,
            "drug_and_alcohol",
            "Commissioned testing service",
            assessed,
            6,
            done=rng.random() < 0.5,
            outcome="inconclusive",
        )
        connected = writer.option(
            child,
            "connected_care",
            [(S.TO_EXPLORE, early, sw, None), (S.BEING_ASSESSED, assessed, sw, None)]
            + ([(S.CONTINGENCY, plan_day, sw, None)] if agreed_on else []),
            next_step="Form C assessment of the grandmother",
        )
        writer.assessment(
            child,
            connected,
            "viability",
            "Connected People's Fostering Team",
            early,
            4,
            done=True,
            outcome="supports",
            summary="Grandmother could care for the child; Form C next.",
        )
        writer.assessment(
            child,
            connected,
            "connected_person",
            "Connected People's Fostering Team",
            assessed,
            16,
            done=False,
        )
        alternative = "adoption" if _young(child, today) else "long_term_fostering"
        # An alternative still to explore is kept in view, not yet a contingency.
        writer.option(child, alternative, [(S.TO_EXPLORE, early, sw, None)])
        if agreed_on:
            contingencies.append(connected)
        preferred, route = (reunification if agreed_on else None), "placement_with_parents"
    else:
        reunification = writer.option(
            child,
            "reunification",
            [(S.TO_EXPLORE, early, sw, None), (S.VIABLE, assessed, sw, None)]
            + ([(S.PREFERRED, plan_day, sw, None)] if agreed_on else []),
            next_step="Family network meeting to plan the return home",
        )
        no_order = writer.option(
            child,
            "no_order",
            [(S.TO_EXPLORE, early, sw, None)]
            + ([(S.CONTINGENCY, plan_day, sw, None)] if agreed_on else []),
            next_step="Family group conference",
        )
        if agreed_on:
            contingencies.append(no_order)
        preferred, route = (reunification if agreed_on else None), "no_order"
    if preferred is not None and agreed is not None:
        writer.plan(child, 1, preferred, contingencies, route, agreed, sw)


ACHIEVED_ROUTES = {
    # The order_made event's notes start with the SSDA903 permanence route (journey.py).
    "Adoption": ("adoption", "adoption_order"),
    "Special guardianship": ("sgo", "special_guardianship_order"),
    "Child arrangements order": ("cao", "child_arrangements_order"),
}


def _early_days(writer: Writer, journey: Journey, sw: User | None, begin: dt.date) -> None:
    """In care for weeks only: options raised at the first meeting, assessments requested."""
    child = journey.child
    home = writer.option(
        child,
        "reunification",
        [(S.TO_EXPLORE, begin, sw, None), (S.BEING_ASSESSED, begin + days(7), sw, None)],
        next_step="Parenting assessment",
    )
    writer.assessment(
        child, home, "parenting", "Allocated social worker", begin + days(7), 10, done=False
    )
    network = writer.option(
        child,
        "connected_care",
        [(S.TO_EXPLORE, begin, sw, None)],
        next_step="Family network meeting; genogram with the family",
    )
    writer.assessment(
        child,
        network,
        "viability",
        "Connected People's Fostering Team",
        begin + days(3),
        4,
        done=False,
    )


def _edge_of_care(writer: Writer, journey: Journey, sw: User | None) -> None:
    """Permanence starts in the first conversation (DS objective 1): in pre-proceedings, a
    return home is assessed and the family network explored before any care."""
    child, started = journey.child, journey.first("plo_started")
    assert started is not None
    home = writer.option(
        child,
        "reunification",
        [(S.TO_EXPLORE, started.date, sw, None), (S.BEING_ASSESSED, started.date, sw, None)],
        next_step="Parenting assessment under the Public Law Outline",
    )
    writer.assessment(
        child, home, "parenting", "Allocated social worker", started.date, 8, done=False
    )
    writer.option(
        child,
        "connected_care",
        [(S.TO_EXPLORE, started.date, sw, None)],
        next_step="Family network meeting to explore the wider family",
    )


def _achieved(writer: Writer, journey: Journey, sw: User | None, tm: User | None) -> None:
    """Permanence reached by an order or a return home in the child's journey."""
    child = journey.child
    for kind_event in ("order_made", "returned_home"):
        event = journey.last(kind_event)
        if event is None:
            continue
        if kind_event == "returned_home":
            kind, route = "reunification", "no_order"
        else:
            found = next(
                (v for prefix, v in ACHIEVED_ROUTES.items() if event.notes.startswith(prefix)),
                None,
            )
            if found is None:
                continue
            kind, route = found
        started = journey.first("became_looked_after")
        begin = started.date if started and started.date <= event.date else event.date
        option = writer.option(
            child,
            kind,
            [
                (S.TO_EXPLORE, begin, sw, None),
                (S.VIABLE, begin + (event.date - begin) / 2, sw, None),
                (S.PREFERRED, event.date, sw, None),
            ],
        )
        achieved = PermanenceAchieved(
            child=child,
            legal_route=route,
            achieved_on=event.date,
            journey_event=event,
            recorded_by=sw,
        )
        writer.achieved.append((achieved, option))
        back = [e for e in journey.events.get("became_looked_after", []) if e.date > event.date]
        if back:
            writer.endings.append(
                (
                    achieved,
                    LearningReview(
                        ended_on=back[0].date,
                        what_happened="The return home broke down and the child came back "
                        "into care.",
                        review_held_on=min(writer.today, back[0].date + days(28)),
                        learning="Support for the family ended too soon after the return home.",
                        recorded_by=tm,
                    ),
                )
            )
        return
