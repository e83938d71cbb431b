"""The carers register's fixed vocabulary: the kinds of carer, their statuses and the needs a
household says it can accept, each at a level (low, medium, high). Plain Python, defined once:
the register's models, forms, CSV import and the matching domain all read these tuples.

Sources: issue 15 "Matching and family finding", item 1 (carer types, approval terms, status,
area never a full address); shared/domain/SPEC.md section 5 (carer types: short-term,
long-term, connected, adopters, foster-for-adoption, IFA, residential; identity, ethnicity,
culture, religion, disability and language needs, from Dudley's Permanence Strategy,
000_f860603ee99ef2b2.txt objective 5). The needs-acceptance checklist, one row per need rated
low / medium / high, follows Link Maker's needs-acceptance checklist, the peer issue 15 names.
"""

from __future__ import annotations

import re
from typing import Final

from homeward.domain import matching

# (key, label): the kinds of household on the register.
CARER_TYPES: Final[tuple[tuple[str, str], ...]] = (
    ("in_house_foster_carer", "In-house foster carer"),
    ("connected_person", "Connected person"),
    ("foster_for_adoption", "Foster for adoption"),
    ("approved_adopter", "Approved adopter"),
    ("ifa", "Independent fostering agency (IFA)"),
    ("voluntary_adoption_agency", "Voluntary adoption agency"),
    ("residential", "Residential"),
)
# Carers provided by an agency rather than the council: the register names the agency.
AGENCY_TYPES: Final = frozenset({"ifa", "voluntary_adoption_agency"})

STATUSES: Final[tuple[tuple[str, str], ...]] = (
    ("in_assessment", "In assessment"),
    ("approved", "Approved"),
    ("on_hold", "On hold"),
    ("resigned", "Resigned"),
)

LEVELS: Final[tuple[tuple[str, str], ...]] = (
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
)
LEVEL_RANK: Final[dict[str, int]] = {key: rank for rank, (key, _) in enumerate(LEVELS, start=1)}

# The needs-acceptance checklist (Link Maker's, issue 15): for each, the highest level of that
# need the household can accept. The needs are the matching rules' (``matching.NEEDS``, each with
# its source), so a child's needs and a household's checklist use the same keys.
NEEDS: Final[tuple[tuple[str, str], ...]] = tuple(
    (need.key, need.label[0].upper() + need.label[1:]) for need in matching.NEEDS
)
NEED_KEYS: Final = tuple(key for key, _ in NEEDS)

MAX_AGE: Final = 18  # approval terms are for children: up to their 18th birthday

# A full postcode (unit), e.g. "DY1 1AA": the register holds the district ("DY1") at most.
_FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
# A house number or flat before a word ("12 Acacia Avenue", "Flat 3"): an address, not an area.
_HOUSE_NUMBER = re.compile(r"(^|[\s,])(\d+[A-Z]?\s+[A-Z]|(flat|apartment)\s*\d)", re.IGNORECASE)


def label(choices: tuple[tuple[str, str], ...], key: str) -> str:
    """The label of ``key`` in one of the tuples above. Raises KeyError."""
    return dict(choices)[key]


def key_for(choices: tuple[tuple[str, str], ...], value: str) -> str | None:
    """The key a person meant: the key itself or its label, in any case and spacing
    ("IFA", "In-house foster carer", "in_house_foster_carer"); None if neither."""
    wanted = " ".join(value.replace("_", " ").split()).casefold()
    for key, text in choices:
        if wanted in {key.replace("_", " ").casefold(), " ".join(text.split()).casefold()}:
            return key
    return None


def area_problem(value: str) -> str | None:
    """Why ``value`` cannot be a carer's area: the register shows a locality or a postcode
    district, never a full address (issue 15 item 1: "never a full address on matching
    pages"). None when it is fine."""
    if _FULL_POSTCODE.search(value):
        return "must be a locality or postcode district (such as DY1), not a full postcode"
    if _HOUSE_NUMBER.search(value):
        return "must be a locality or postcode district, not an address"
    return None
