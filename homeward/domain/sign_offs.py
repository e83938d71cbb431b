"""Sign-offs: the steps a council's procedures say only a named role may agree, and who that is.

Which sign-offs a council requires is data, one row per profile (``REQUIREMENTS``), each kind with
the procedure that requires it; code asks for the council's kinds, never for the council.

- Durham: the strategic manager agrees every entry into care proceedings (002 'Pre-Proceedings/
  Care Proceedings') and every reunification plan; the return home trajectory is ratified at the
  child's looked-after review, which the IRO chairs (002 'Return home from care').
- Dudley: a placement with parents of a child under an interim or full care order is authorised
  by the agency decision maker (000 'Specialist Assessments'; the Care Planning, Placement and
  Case Review (England) Regulations 2010 Part 4, regs 15-20 (check)).
- Devon: its procedure names no such sign-off.

A step awaiting its sign-off is not agreed: it shows as awaiting until the role records the
decision, and a "not agreed" (with the reason) leaves it not agreed until a new request is agreed.
No seed gives a time within which a sign-off must be given, so a sign-off sets no deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from homeward.domain.councils import DUDLEY_STRATEGY, DURHAM_STRATEGY

# Role values (homeward.accounts.models.Role): the domain names them, the accounts app owns them.
STRATEGIC_MANAGER: Final = "strategic_manager"
AGENCY_DECISION_MAKER: Final = "agency_decision_maker"
IRO: Final = "iro"


@dataclass(frozen=True)
class SignOffKind:
    """One kind of sign-off: the step it agrees, the role that gives it and where it comes from."""

    slug: str
    step: str  # what is agreed, as a sentence starts: "Entry into care proceedings"
    signer_role: str
    signer_title: str  # "strategic manager"
    awaiting: str  # what the child's page says until it is recorded
    agreed: str  # the word for a yes: "Agreed", "Authorised", "Ratified"
    not_agreed: str  # and for a no
    source: str


PROCEEDINGS_ENTRY = SignOffKind(
    slug="proceedings_entry",
    step="Entry into care proceedings",
    signer_role=STRATEGIC_MANAGER,
    signer_title="strategic manager",
    awaiting="Awaiting strategic manager's agreement",
    agreed="Agreed",
    not_agreed="Not agreed",
    source=f"{DURHAM_STRATEGY} 'Pre-Proceedings/ Care Proceedings' (\"The strategic manager will "
    'be required to give agreement for all entries into care proceedings")',
)
REUNIFICATION_PLAN = SignOffKind(
    slug="reunification_plan",
    step="Reunification plan",
    signer_role=STRATEGIC_MANAGER,
    signer_title="strategic manager",
    awaiting="Awaiting strategic manager's agreement",
    agreed="Agreed",
    not_agreed="Not agreed",
    source=f"{DURHAM_STRATEGY} 'Return home from care' (\"All reunification plans will need to "
    'be presented and agreed by the strategic manager")',
)
RETURN_HOME_RATIFIED = SignOffKind(
    slug="return_home_ratified",
    step="Return home trajectory",
    signer_role=IRO,
    signer_title="child's independent reviewing officer, at the looked-after review",
    awaiting="Awaiting ratification at the looked-after review",
    agreed="Ratified",
    not_agreed="Not ratified",
    source=f"{DURHAM_STRATEGY} 'Return home from care' (\"The return home trajectory will need "
    'to be ratified at the child/ young persons looked after review"); the IRO chairs the '
    "review (Care Planning, Placement and Case Review (England) Regulations 2010 reg 36 (check))",
)
PLACEMENT_WITH_PARENTS = SignOffKind(
    slug="placement_with_parents",
    step="Placement with parents under a care order",
    signer_role=AGENCY_DECISION_MAKER,
    signer_title="agency decision maker",
    awaiting="Awaiting agency decision maker's authorisation",
    agreed="Authorised",
    not_agreed="Not authorised",
    source=f"{DUDLEY_STRATEGY} 'Specialist Assessments' (\"the Placement with Parents "
    "Regulations must be followed with appropriate authorisation by the agency decision "
    'maker"); Care Planning, Placement and Case Review (England) Regulations 2010 Part 4, '
    "regs 15-20 (check)",
)

KINDS: Final[dict[str, SignOffKind]] = {
    k.slug: k
    for k in (PROCEEDINGS_ENTRY, REUNIFICATION_PLAN, RETURN_HOME_RATIFIED, PLACEMENT_WITH_PARENTS)
}

# The sign-offs each council profile requires (homeward.domain.councils.PROFILES' slugs).
REQUIREMENTS: Final[dict[str, tuple[SignOffKind, ...]]] = {
    "durham": (PROCEEDINGS_ENTRY, REUNIFICATION_PLAN, RETURN_HOME_RATIFIED),
    "dudley": (PLACEMENT_WITH_PARENTS,),
    "devon": (),
}

# Every role that gives a sign-off under some council.
SIGNER_ROLES: Final = frozenset(k.signer_role for k in KINDS.values())


def required(council: str) -> tuple[SignOffKind, ...]:
    """The sign-offs the council's procedures require (none for a profile with no row)."""
    return REQUIREMENTS.get(council, ())


def kind_of(slug: str) -> SignOffKind | None:
    return KINDS.get(slug)


def status(agreed: bool | None, kind: SignOffKind) -> str:
    """What a sign-off's row says: the awaiting text, or the kind's word for the decision."""
    if agreed is None:
        return kind.awaiting
    return kind.agreed if agreed else kind.not_agreed


def request_problems(council: str, slug: str, pending: set[str]) -> dict[str, str]:
    """Why a request for a sign-off of ``slug`` cannot be made for a child with sign-offs of
    ``pending`` kinds awaiting a decision: the council does not require it, or one is waiting."""
    kind = kind_of(slug)
    if kind is None or kind not in required(council):
        return {"kind": "Select a sign-off this council's procedures require"}
    if slug in pending:
        return {
            "kind": f"{kind.step} is already awaiting a decision: "
            f"{kind.awaiting[0].lower()}{kind.awaiting[1:]} first"
        }
    return {}


def decision_problems(
    kind: SignOffKind,
    *,
    agreed: bool | None,
    reason: str,
    decided_on: dt.date | None,
    requested_on: dt.date,
    today: dt.date,
) -> dict[str, str]:
    """Why a decision cannot be recorded: it must say yes or no, a no needs its reason, and it is
    dated between the request and today."""
    problems: dict[str, str] = {}
    if agreed is None:
        problems["agreed"] = f"Select whether the {kind.step.lower()} is {kind.agreed.lower()}"
    elif not agreed and not reason.strip():
        problems["reason"] = f"Enter why the {kind.step.lower()} is {kind.not_agreed.lower()}"
    if decided_on is None:
        problems["decided_on"] = "Enter the date of the decision"
    elif decided_on > today:
        problems["decided_on"] = "The date of the decision must be today or in the past"
    elif decided_on < requested_on:
        problems["decided_on"] = (
            "The date of the decision must be on or after the date it was asked for "
            f"({requested_on.day} {requested_on:%B %Y})"
        )
    return problems
