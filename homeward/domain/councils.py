"""Council profiles: what each reference council calls its meetings, panels and teams.

One installation runs one profile, chosen with ``HOMEWARD_COUNCIL``. The national (statutory)
rules apply under every profile; a profile only adds the council's own names and, in later
issues, its own timescales. Every name cites the procedure it comes from (seed file and section,
see ``shared/seeds/README.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DUDLEY_STRATEGY = "000_f860603ee99ef2b2.txt"
DUDLEY_QUICK_GUIDE = "001_d6c3849112f62e7d.txt"
DURHAM_STRATEGY = "002_a77630a273fce245.txt"
DUDLEY_CPM_OVERVIEW = "003_82d866961b2f94a8.txt"
DEVON_PERMANENCE_MATTERS = "004_7232501e48845cda.txt"


# What each seed file is, for people reading a citation (shared/seeds/README.md).
SEED_TITLES: dict[str, str] = {
    DUDLEY_STRATEGY: "Dudley Permanence Strategy",
    DUDLEY_QUICK_GUIDE: "Dudley quick reference guide",
    DURHAM_STRATEGY: "Durham Early Permanence Planning Strategy",
    DUDLEY_CPM_OVERVIEW: "Dudley Child Permanence Meetings overview",
    DEVON_PERMANENCE_MATTERS: "Devon Permanence Matters",
}


# What a citation keeps for the code and drops for people: the internal domain specification
# ("SPEC section 5 (1)"), the drafting marker "(check)" (a reading still to be confirmed), and
# "(demo)". The precise citation (seed file, section) stays in the data and the code comments.
_SPEC = re.compile(r"(?:\s*[;,]\s*|\s+and\s+)?\bSPEC section \d+(?:\s*\([^()]*\))?(?:\s*;\s*)?")
_CHECK = (
    (re.compile(r"\s*\(check\)"), ""),
    (re.compile(r"\(check:\s*([^()]*)\)"), r"(\1)"),
    (re.compile(r"(?:,|;|:)\s*check\b(?=\)|$|\.|;)"), ""),
    (re.compile(r"\s*\(demo\)"), ""),
)


def readable_source(source: str) -> str:
    """A citation as people read it: each seed file named as the document it is, without its file
    name ("Dudley quick reference guide, 'Legal Gateway Panel'"), and without the notes kept
    for the team ("SPEC section 5", "(check)", "(demo)"). Idempotent."""
    for file_name, title in SEED_TITLES.items():
        source = re.sub(rf"{re.escape(file_name)}(\s*,)?(?=\s+\S)", f"{title},", source)
        source = source.replace(file_name, title)
    source = _SPEC.sub(
        lambda m: "; " if m.group(0).rstrip().endswith(";") and m.start() else "", source
    )
    for pattern, replacement in _CHECK:
        source = pattern.sub(replacement, source)
    return re.sub(r"\s{2,}", " ", source).strip(" ;,")


@dataclass(frozen=True)
class Named:
    """A name the council uses, with the procedure that uses it."""

    name: str
    source: str


@dataclass(frozen=True)
class CouncilProfile:
    slug: str
    council_name: str
    # The ONS local authority code: the DfE rules compare placement postcodes' authority with it.
    ons_code: str
    permanence_meeting: Named
    panels: tuple[Named, ...]
    casework_teams: tuple[Named, ...]
    # The teams that hold children's cases, before care and in care; the demo numbers them.
    social_work_teams: tuple[Named, ...]
    adoption_agency: Named
    has_early_permanence_panel: bool
    permanence_plan_deadline: Named
    # The strategic oversight of drift, whose pack is /reports/pmp/, and the members' board that
    # reviews the council's performance on permanence, whose report is /reports/cpb/. A name no
    # seed gives is marked "(check)" in its source: confirm it with the council.
    monitoring_panel: Named
    corporate_parenting_board: Named
    notes: tuple[str, ...] = field(default=())


DUDLEY = CouncilProfile(
    slug="dudley",
    council_name="Dudley Metropolitan Borough Council",
    ons_code="E08000027",
    permanence_meeting=Named(
        "Child Permanence Meeting", f"{DUDLEY_CPM_OVERVIEW}; {DUDLEY_STRATEGY} objective 7"
    ),
    panels=(
        Named(
            "Achieving Early Permanence Panel",
            f"{DUDLEY_QUICK_GUIDE} 'Achieving early permanence panel'",
        ),
        Named("Legal Gateway Panel", f"{DUDLEY_QUICK_GUIDE} 'Legal Gateway Panel'"),
        Named("Permanence Monitoring Panel", f"{DUDLEY_STRATEGY} introduction"),
        Named("Fostering Panel", f"{DUDLEY_QUICK_GUIDE} 'Matching'"),
        Named("Access to Resources Panel", f"{DUDLEY_QUICK_GUIDE} 'Match to IFA carers'"),
    ),
    casework_teams=(
        Named("Family Solutions", f"{DUDLEY_STRATEGY} 'Family Solutions'"),
        Named(
            "Children in Care and Care Experienced Young People Service",
            f"{DUDLEY_STRATEGY} 'Children in Care and Care Experienced Young People'",
        ),
        Named("Fostering", f"{DUDLEY_STRATEGY} 'Fostering'"),
        Named(
            "Independent Reviewing Service", f"{DUDLEY_STRATEGY} 'Independent Reviewing Service'"
        ),
    ),
    social_work_teams=(
        Named("Family Solutions", f"{DUDLEY_STRATEGY} 'Family Solutions'"),
        Named(
            "Children in Care",
            f"{DUDLEY_STRATEGY} 'Children in Care and Care Experienced Young People Service'",
        ),
    ),
    adoption_agency=Named("Adoption@Heart", f"{DUDLEY_STRATEGY} 'The Regional Adoption Agency'"),
    has_early_permanence_panel=True,
    permanence_plan_deadline=Named(
        "2nd Child in Care review",
        f"{DUDLEY_STRATEGY} objective 7; 'Independent Reviewing Service'",
    ),
    monitoring_panel=Named("Permanence Monitoring Panel", f"{DUDLEY_STRATEGY} introduction"),
    corporate_parenting_board=Named(
        "Corporate Parenting Board", f"{DUDLEY_STRATEGY} 'Corporate Parenting'"
    ),
)

DURHAM = CouncilProfile(
    slug="durham",
    council_name="Durham County Council",
    ons_code="E06000047",
    permanence_meeting=Named(
        "Early Permanency Planning Meeting",
        f"{DURHAM_STRATEGY} 'Early permanence planning meetings'",
    ),
    panels=(
        Named("Fostering Panel", f"{DURHAM_STRATEGY} 'Referrals to Fostering Panel'"),
        Named("Special Guardianship Panel", f"{DURHAM_STRATEGY} 'Special Guardianship panel'"),
        Named("Agency Decision Maker", f"{DURHAM_STRATEGY} 'Adoption Agency Decision Maker'"),
    ),
    casework_teams=(
        Named("Locality team", f"{DURHAM_STRATEGY} 'locality team'"),
        Named(
            "Kinship Care & Support Team", f"{DURHAM_STRATEGY} 'The Kinship Care & Support Team'"
        ),
        Named("Independent Reviewing Service", f"{DURHAM_STRATEGY} 'Role of the IRO'"),
    ),
    social_work_teams=(Named("Locality team", f"{DURHAM_STRATEGY} 'locality team'"),),
    adoption_agency=Named("Adoption Service", f"{DURHAM_STRATEGY} section 4 'Adoption'"),
    has_early_permanence_panel=False,
    permanence_plan_deadline=Named("4-month review", f"{DURHAM_STRATEGY} 'Looked After Reviews'"),
    # Durham's strategy names no panel that oversees drift across the service (plans in
    # proceedings go to the "strategic case management review panel", 'Case Management Review
    # Protocol') nor a corporate parenting body.
    monitoring_panel=Named(
        "Permanence Monitoring Panel", "(check): no Durham procedure among the seeds names one"
    ),
    corporate_parenting_board=Named(
        "Corporate Parenting Panel", "(check): no Durham procedure among the seeds names one"
    ),
)

DEVON = CouncilProfile(
    slug="devon",
    council_name="Devon County Council",
    ons_code="E10000008",
    permanence_meeting=Named(
        "Permanence Planning Meeting", f"{DEVON_PERMANENCE_MATTERS} 'Permanence Planning Meetings'"
    ),
    panels=(Named("Permanence Panel", f"{DEVON_PERMANENCE_MATTERS} 'Permanence Panel'"),),
    casework_teams=(
        Named("Children's social work team", f"{DEVON_PERMANENCE_MATTERS} 'roles'"),
        Named("Independent Reviewing Service", f"{DEVON_PERMANENCE_MATTERS} 'IRO'"),
    ),
    social_work_teams=(
        Named("Children's social work team", f"{DEVON_PERMANENCE_MATTERS} 'roles'"),
    ),
    adoption_agency=Named("Adopt South West", f"{DEVON_PERMANENCE_MATTERS} principles"),
    has_early_permanence_panel=False,
    permanence_plan_deadline=Named(
        "4-month review", f"{DEVON_PERMANENCE_MATTERS} (IRO ensures a plan at the 4-month review)"
    ),
    # Devon's Permanence Panel "scrutinizes children's Permanence Plans and addresses any delay".
    monitoring_panel=Named("Permanence Panel", f"{DEVON_PERMANENCE_MATTERS} roles (the IRO)"),
    corporate_parenting_board=Named(
        "Corporate Parenting Panel",
        f"(check): {DEVON_PERMANENCE_MATTERS} speaks of corporate parenting but names no board",
    ),
)

PROFILES: dict[str, CouncilProfile] = {p.slug: p for p in (DUDLEY, DURHAM, DEVON)}


class UnknownCouncil(ValueError):
    pass


def profile_for(slug: str) -> CouncilProfile:
    """The profile named by ``HOMEWARD_COUNCIL``; a clear error for anything else."""
    try:
        return PROFILES[slug.strip().lower()]
    except KeyError:
        choices = ", ".join(sorted(PROFILES))
        raise UnknownCouncil(
            f"HOMEWARD_COUNCIL is {slug!r}; it must be one of: {choices}."
        ) from None
