"""SSDA903 code lists, with plain-English meanings, as the national validator checks them.

The code *sets* are copied from csc-validator-be-903 0.1.17 (data-to-insight), package
``lac_validator``. Each validator year only holds the rules that changed, so the 2026-27 rules
(``rules/lac2026_27``) are the 2025-26 set plus rules 700-710; a comment beside each list names
the file that 2026-27 actually runs. ``collection_year`` follows the validator: the year the
return ends on 31 March, so 2027 is 2026-27 (ruleset ``lac2026_27``).

Where the validator has a message saying what a code means, the label follows it; the rest follow
the DfE SSDA903 guidance, and a comment marks any label that is not certain.
"""

from __future__ import annotations

from typing import Final, Literal

EARLIEST_COLLECTION_YEAR: Final = 2023  # lac2022_23, the oldest ruleset the validator carries
CURRENT_COLLECTION_YEAR: Final = 2027  # lac2026_27

# Columns of each file, as lac_validator/config.py ``column_names``.
TABLE_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
    "OC2": (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": (
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "PlacedAdoption": (
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ),
    # LA_PERM is usually blank in the files and should not be relied on (validator's note).
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
    "DoLo": ("CHILD", "DOB", "DOLO_START", "DOLO_END"),  # deprivation of liberty orders
}

# The file each table is written to, as the DfE's own tools name them.
FILE_NAMES: Final[dict[str, str]] = {
    "Header": "header.csv",
    "Episodes": "episodes.csv",
    "Reviews": "reviews.csv",
    "UASC": "uasc.csv",
    "OC2": "oc2.csv",
    "OC3": "oc3.csv",
    "AD1": "ad1.csv",
    "PlacedAdoption": "placed_for_adoption.csv",
    "PrevPerm": "previous_permanence.csv",
    "Missing": "missing.csv",
}

# --- Header ------------------------------------------------------------------------------------

# lac2024_25/rule_101.py (rule 101; unchanged in 2025-26 and 2026-27). Also the UASC file's SEX.
SEX: dict[str, str] = {
    "M": "Male",
    "F": "Female",
    "U": "Unknown",  # rule 232 warns when sex "has been reported as unknown"
}

# lac2022_23/rule_103.py (rule 103)
ETHNIC: dict[str, str] = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WOTH": "Any other White background",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy/Roma",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}

# --- Episodes ----------------------------------------------------------------------------------

# lac2022_23/rule_143.py (rule 143). Rule 435 treats P and T as "placement changed, legal status
# not"; rule 436 treats U and B as "both changed"; rule 217 wants S, T or U when a child is placed
# for adoption with their current foster carers, so T and U are the same-carer variants.
RNE: dict[str, str] = {
    "S": "Started to be looked after",
    "L": "Change of legal status only",
    "P": "Change of placement and carer(s) only",
    "T": "Change of placement only (same carer(s))",
    "B": "Change of legal status and of placement and carer(s) at the same time",
    "U": "Change of legal status and of placement (same carer(s)) at the same time",
}

# lac2022_23/rule_144.py (rule 144)
LS: dict[str, str] = {
    "C1": "Interim care order",
    "C2": "Full care order",
    "D1": "Freeing order granted",  # freeing orders ended 30 December 2005 (rules 445, 451)
    "E1": "Placement order granted",
    "V2": "Single period of accommodation under section 20",
    "V3": "Short breaks: each episode of care recorded",
    "V4": "Short breaks: the agreement recorded, not each episode",
    "J1": "Remanded to local authority or youth detention accommodation",
    "J2": "In local authority accommodation under PACE 1984",  # rule 364
    "J3": "Youth rehabilitation order with residence or intensive fostering requirement",
    "L1": "Police protection, in local authority accommodation",  # rule 361: 72 hours at most
    "L2": "Emergency protection order",  # rule 362: 21 days at most
    "L3": "Child assessment order, in local authority accommodation",  # rule 363: 7 days at most
}

# lac2022_23/rule_145.py (rule 145)
CIN: dict[str, str] = {
    "N1": "Abuse or neglect",
    "N2": "Child's disability",
    "N3": "Parental illness or disability",
    "N4": "Family in acute stress",
    "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour",
    "N7": "Low income",
    "N8": "Absent parenting",
}

# lac2025_26/rule_146.py (rule 146; unchanged in 2026-27). Earlier years: PLACE_RETIRED below.
PLACE: dict[str, str] = {
    "A3": "Placed for adoption with consent, with current foster carer(s)",
    "A4": "Placed for adoption with consent, not with current foster carer(s)",
    "A5": "Placed for adoption under a placement order, with current foster carer(s)",
    "A6": "Placed for adoption under a placement order, not with current foster carer(s)",
    "K1": "Secure children's home",
    "K2": "Children's home (Children's Homes Regulations)",
    # Replaced H5 (rule 503D lets H5 become K3 across years); rule 371 (2024-25) calls it
    # "supported accommodation not subject to children's homes regulations".
    "K3": "Supported accommodation",
    "P1": "Placed with own parent(s) or other person(s) with parental responsibility",
    "P3": "Residential employment",
    "R1": "Residential care home",
    "R2": "NHS/health trust or other establishment providing medical or nursing care",
    "R3": "Family centre or mother and baby unit",
    "R5": "Young offender institution or prison",
    "S1": "Residential school (not dual-registered as a children's home)",
    "T0": "Temporary move (all types)",
    "T1": "Temporary period in hospital",
    "T2": "Temporary absence of the child on holiday",
    "T3": "Temporary accommodation while usual foster carer(s) on holiday",
    "T4": "Temporary accommodation of 7 days or less, for any other reason",
    "U1": "Foster placement with relative(s) or friend(s): long-term fostering",
    "U2": "Foster placement with relative(s) or friend(s) who are approved adopters: "
    "fostering for adoption or concurrent planning",
    "U3": "Foster placement with relative(s) or friend(s): not long-term or fostering for adoption",
    "U4": "Foster placement with other foster carer(s): long-term fostering",
    "U5": "Foster placement with other foster carer(s) who are approved adopters: "
    "fostering for adoption or concurrent planning",
    "U6": "Foster placement with other foster carer(s): not long-term or fostering for adoption",
    # Z11-Z14 split the old Z1 "Other placements" from 2025-26 (rule 503D lets Z1 become any of
    # them). NOT SURE of each one's DfE wording: the validator gives none. Rule 709 expects a
    # child under a deprivation of liberty order to be in K2, Z12 or Z13.
    "Z11": "Other placement (type Z11)",
    "Z12": "Other placement (type Z12)",
    "Z13": "Other placement (type Z13)",
    "Z14": "Other placement (type Z14)",
}

# lac2025_26/rule_178.py (rule 178). Not recorded for T0-T3 or Z11-Z14 placements (rule 213).
PLACE_PROVIDER: dict[str, str] = {
    "PR0": "Parent(s) or other person(s) with parental responsibility",  # only with P1 (rule 550)
    "PR1": "Own local authority provision",
    "PR2": "Other local authority provision",
    "PR3": "Other public provision (for example the NHS)",
    "PR4": "Private provision",
    "PR5": "Voluntary or third sector provision",
}

# lac2022_23/rule_149.py (rule 149)
REC: dict[str, str] = {
    "E11": "Adopted: application for an adoption order unopposed",
    "E12": "Adopted: consent dispensed with by the court",
    "E2": "Died",
    "E3": "Care taken over by another local authority in the UK",
    "E4A": "Returned home to parent(s) or others with parental responsibility, as part of the "
    "care plan",
    "E4B": "Returned home to parent(s) or others with parental responsibility, not as part of "
    "the care plan",
    "E13": "Left care to live with parent(s), relative(s) or others without parental "
    "responsibility",
    "E41": "Residence order or child arrangements order (who the child lives with) granted",
    "E45": "Special guardianship order to former foster carer(s) who are relatives or friends",
    "E46": "Special guardianship order to former foster carer(s) who are not relatives or friends",
    "E47": "Special guardianship order to carer(s), not former foster carers, who are relatives "
    "or friends",
    "E48": "Special guardianship order to carer(s), not former foster carers, who are not "
    "relatives or friends",
    "E5": "Moved into independent living with formal advice and support",
    "E6": "Moved into independent living without formal advice and support",
    "E7": "Transferred to residential care funded by adult social care",
    "E8": "Care ended for any other reason",
    "E9": "Sentenced to custody",
    "E14": "Accommodation on remand ended",
    "E15": "Age assessment found the child to be 18 or over",
    "E16": "Child moved abroad",
    "E17": "Aged 18 or over and stayed with current carers (for example staying put)",
    "X1": "Episode ended and a new one began the same day",
}

# lac2022_23/rule_1009.py (rule 1009)
REASON_PLACE_CHANGE: dict[str, str] = {
    "CARPL": "Change to, or carrying out of, the care plan",
    "CLOSE": "Carer resigned or provision closed",
    "ALLEG": "Allegation (section 47 enquiry)",
    "STAND": "Concerns about standards of care",
    "APPRR": "Carer's approval removed",
    "CREQB": "Carer asked for the placement to end because of the child's behaviour",
    "CREQO": "Carer asked for the placement to end for another reason",
    "CHILD": "Child asked for the placement to end",
    "LAREQ": "Responsible or area authority asked for the placement to end",
    "PLACE": "Change in the status of the placement only",
    "CUSTOD": "Child went into custody",  # rule 234: "admitted to custody"
    "OTHER": "Other reason",
}

# --- Reviews -----------------------------------------------------------------------------------

# lac2022_23/rule_167.py (rule 167): how the child took part in their review.
REVIEW_CODE: dict[str, str] = {
    "PN0": "Child under 4 at the time of the review",  # rules 440, 441
    "PN1": "Child attended and spoke for themselves",
    "PN2": "Child attended and an advocate spoke for them",
    "PN3": "Child attended and conveyed their views non-verbally",
    "PN4": "Child attended but did not convey their views",
    "PN5": "Child did not attend but briefed an advocate to speak for them",
    "PN6": "Child did not attend but conveyed their views by another means",
    "PN7": "Child did not attend and their views were not conveyed",
}
# A review held in Homeward: its REVIEW_CODE from how the child's views were gathered (the
# meeting's ``views_gathered``, homeward.domain.meetings.VIEWS_GATHERED); a child under 4 on the
# day is PN0 whatever was recorded (rules 440, 441). The codes split on two questions: did the
# child attend (PN1-PN4) or not (PN5-PN7), and how did their views reach the review. Attending:
# spoke for themselves PN1, an advocate spoke PN2, conveyed non-verbally PN3, did not convey them
# PN4. Not attending: briefed an advocate PN5, conveyed them by another means (talking with the
# social worker or IRO before, their own words or drawings, their carer, what was observed of a
# child too young to say, passed on by the person who saw it) PN6, not conveyed PN7. (Until this
# was split, "observed" exported PN3, which says the child attended, and an advocate always PN5.)
REVIEW_CODE_FOR_VIEWS: dict[str, str] = {
    "attended": "PN1",
    "attended_advocate": "PN2",
    "attended_non_verbal": "PN3",
    "attended_silent": "PN4",
    "advocate": "PN5",
    "social_worker": "PN6",
    "iro": "PN6",
    "own_words": "PN6",
    "carer": "PN6",
    "observed": "PN6",
    "": "PN7",  # nothing recorded of the child's views
}

# --- OC2 ---------------------------------------------------------------------------------------

# lac2022_23/rule_196.py (rule 196). Rule 157 confirms SDQ1 is the age reason; NOT SURE of the
# wording of SDQ4 and SDQ5.
SDQ_REASON: dict[str, str] = {
    "SDQ1": "Child's age outside 4 to 16 at the date of the assessment",
    "SDQ2": "Carer refused to complete and return the questionnaire",
    "SDQ3": "Not possible because of the severity of the child's disability",
    "SDQ4": "Other reason",
    "SDQ5": "Child or young person refused to allow a questionnaire to be completed",
}

# --- OC3 (care leavers) ------------------------------------------------------------------------

# lac2022_23/rule_131.py (rule 131)
IN_TOUCH: dict[str, str] = {
    "YES": "In touch",
    "NO": "Not in touch",
    "DIED": "Young person has died",
    "REFU": "Young person refuses contact",
    "NREQ": "Young person no longer wants services",
    "RHOM": "Returned home to parent(s) or others with parental responsibility for 6 months or "
    "more",  # rule 344
}

# lac2022_23/rule_132.py (rule 132). NOT SURE which of F4/P4 and F5/P5 is the apprenticeship pair,
# nor of the order of the G4-G6 reasons.
ACTIV: dict[str, str] = {
    "F1": "Full-time in higher education",
    "P1": "Part-time in higher education",
    "F2": "Full-time in education other than higher education",
    "P2": "Part-time in education other than higher education",
    "F4": "Full-time apprenticeship",
    "P4": "Part-time apprenticeship",
    "F5": "Full-time training or employment (not an apprenticeship)",
    "P5": "Part-time training or employment (not an apprenticeship)",
    "G4": "Not in education, training or employment: illness or disability",
    "G5": "Not in education, training or employment: other reasons",
    "G6": "Not in education, training or employment: pregnancy or parenting",
    "0": "Not applicable (died, returned home, or not in touch)",  # rules 344, 345
}

# lac2022_23/rule_133.py (rule 133). The letter is the kind of accommodation; 1 means suitable and
# 2 not suitable. S (no fixed abode) and X (custody) are only ever 2. NOT SURE of R.
ACCOM: dict[str, str] = {
    "B1": "With parents or relatives: suitable",
    "B2": "With parents or relatives: not suitable",
    "C1": "Community home or other residential care (for example NHS): suitable",
    "C2": "Community home or other residential care (for example NHS): not suitable",
    "D1": "Semi-independent, transitional accommodation: suitable",
    "D2": "Semi-independent, transitional accommodation: not suitable",
    "E1": "Supported lodgings: suitable",
    "E2": "Supported lodgings: not suitable",
    "G1": "Gone abroad: suitable",
    "G2": "Gone abroad: not suitable",
    "H1": "Deported: suitable",
    "H2": "Deported: not suitable",
    "K1": "Ordinary lodgings without formal support: suitable",
    "K2": "Ordinary lodgings without formal support: not suitable",
    "R1": "Residence not known: suitable",
    "R2": "Residence not known: not suitable",
    "S2": "No fixed abode or homeless: not suitable",
    "T1": "Foyer or similar supported accommodation: suitable",
    "T2": "Foyer or similar supported accommodation: not suitable",
    "U1": "Independent living (for example own flat or tenancy): suitable",
    "U2": "Independent living (for example own flat or tenancy): not suitable",
    "V1": "Emergency accommodation (for example night shelter or hostel): suitable",
    "V2": "Emergency accommodation (for example night shelter or hostel): not suitable",
    "W1": "Bed and breakfast: suitable",
    "W2": "Bed and breakfast: not suitable",
    "X2": "In custody: not suitable",
    "Y1": "Other accommodation: suitable",
    "Y2": "Other accommodation: not suitable",
    "Z1": "With former foster carer(s): suitable",  # rule 3001
    "Z2": "With former foster carer(s): not suitable",
    "0": "Not applicable (died, returned home, or not in touch)",  # rules 344, 345
}

# --- AD1 (adoptions) ---------------------------------------------------------------------------

# lac2022_23/rule_176.py (rule 176); meanings from rule 511.
SEX_ADOPTR: dict[str, str] = {
    "M1": "Single male adopter",
    "F1": "Single female adopter",
    "MM": "Couple, both male",
    "FF": "Couple, both female",
    "MF": "Couple, male and female",
}

# lac2022_23/rule_177.py (rule 177). The sexes follow rules 514, 517-520 and 524; "married",
# "civil partners" and "unmarried" are from the DfE guidance (L3/L4 "unmarried": fairly sure).
LS_ADOPTR: dict[str, str] = {
    "L0": "Single adopter",
    "L11": "Married couple, different sex",
    "L12": "Married couple, same sex",
    "L2": "Civil partners",
    "L3": "Unmarried couple, different sex",
    "L4": "Unmarried couple, same sex",
}

# --- PlacedAdoption ----------------------------------------------------------------------------

# lac2022_23/rule_120.py (rule 120): why the decision to place for adoption was reversed.
REASON_PLACED_CEASED: dict[str, str] = {
    "RD1": "The child's needs changed after the decision",
    "RD2": "The court did not make a placement order",
    "RD3": "Prospective adopters could not be found",
    "RD4": "Any other reason",
}

# --- PrevPerm ----------------------------------------------------------------------------------

# lac2022_23/rule_631.py (rule 631). NOT SURE of P4's and Z1's exact wording; rule 635 confirms Z1
# carries no order date or authority.
PREV_PERM: dict[str, str] = {
    "P1": "Adoption",
    "P2": "Special guardianship order",
    "P3": "Residence order or child arrangements order (who the child lives with)",
    "P4": "Previous permanence order, type not known",
    "Z1": "No previous permanence order, or not known",
}

# --- Missing -----------------------------------------------------------------------------------

# lac2022_23/rule_1006.py (rule 1006)
MISSING: dict[str, str] = {
    "M": "Missing",
    "A": "Away from placement without authorisation",
}

# Every coded field, by column name, with its 2026-27 code list.
CODE_LISTS: Final[dict[str, dict[str, str]]] = {
    "SEX": SEX,
    "ETHNIC": ETHNIC,
    "RNE": RNE,
    "LS": LS,
    "CIN": CIN,
    "PLACE": PLACE,
    "PLACE_PROVIDER": PLACE_PROVIDER,
    "REC": REC,
    "REASON_PLACE_CHANGE": REASON_PLACE_CHANGE,
    "REVIEW_CODE": REVIEW_CODE,
    "SDQ_REASON": SDQ_REASON,
    "IN_TOUCH": IN_TOUCH,
    "ACTIV": ACTIV,
    "ACCOM": ACCOM,
    "SEX_ADOPTR": SEX_ADOPTR,
    "LS_ADOPTR": LS_ADOPTR,
    "REASON_PLACED_CEASED": REASON_PLACED_CEASED,
    "PREV_PERM": PREV_PERM,
    "MISSING": MISSING,
}

# --- Codes earlier years used --------------------------------------------------------------------

# lac2022_23/rule_101.py: sex was 1/2 up to 2023-24; M/F/U from 2024-25 (lac2024_25/rule_101.py).
SEX_RETIRED: dict[str, str] = {"1": "Male", "2": "Female"}

# In lac2022_23/rule_146.py to lac2024_25/rule_146.py, gone from lac2025_26/rule_146.py.
PLACE_RETIRED: dict[str, str] = {
    "H5": "Semi-independent living not subject to Children's Homes Regulations",
    # lac2023_24/rule_217t.py also flagged P2 episodes still open or ending after 28 Oct 2023.
    "P2": "Independent living (for example flat, lodgings, bedsit, B&B or with friends)",
    "Z1": "Other placement",
}

RETIRED_CODES: Final[dict[str, dict[str, str]]] = {"SEX": SEX_RETIRED, "PLACE": PLACE_RETIRED}

_PLACE_2023 = frozenset(PLACE) - {"K3", "Z11", "Z12", "Z13", "Z14"} | frozenset(PLACE_RETIRED)

# Fields whose code set changed, as (first collection year, codes) in date order. Every other
# field has had the same set in every ruleset the validator carries (2022-23 to 2026-27).
CODES_BY_YEAR: Final[dict[str, tuple[tuple[int, frozenset[str]], ...]]] = {
    "SEX": (
        (2023, frozenset(SEX_RETIRED)),  # lac2022_23 and lac2023_24 rule 101
        (2025, frozenset(SEX)),  # lac2024_25/rule_101.py
    ),
    "PLACE": (
        (2023, _PLACE_2023),  # lac2022_23/rule_146.py, also run for 2023-24
        # lac2024_25/rule_146.py adds supported accommodation. The file spells it "k3" (lower
        # case), which the validator then rejects as typed; this module takes the DfE "K3".
        (2025, _PLACE_2023 | {"K3"}),
        (2026, frozenset(PLACE)),  # lac2025_26/rule_146.py: H5, P2, Z1 go; Z11-Z14 come
    ),
}

PermanenceRoute = Literal[
    "adoption", "special guardianship", "child arrangements order", "return home"
]

# Reasons an episode ceased (REC) that mean the child left care to permanence. Not included:
# E4B (returned home, but not as part of the care plan) and E13 (to family or friends without
# parental responsibility); count those separately where a report needs every exit to family.
PERMANENCE_ROUTES: Final[dict[str, PermanenceRoute]] = {
    "E11": "adoption",
    "E12": "adoption",
    "E45": "special guardianship",
    "E46": "special guardianship",
    "E47": "special guardianship",
    "E48": "special guardianship",
    "E41": "child arrangements order",
    "E4A": "return home",
}


def codes_for(field: str, collection_year: int | None = None) -> frozenset[str]:
    """The codes the validator accepts in ``field`` for a collection year (default 2026-27).

    ``collection_year`` is the year the return ends (2027 for 2026-27). Years before 2023 use the
    2022-23 lists, the oldest the validator has; years after 2027 use the 2026-27 lists.
    Raises ``KeyError`` for a field with no code list.
    """
    current = CODE_LISTS[field]
    if collection_year is None or field not in CODES_BY_YEAR:
        return frozenset(current)
    year = min(max(collection_year, EARLIEST_COLLECTION_YEAR), CURRENT_COLLECTION_YEAR)
    codes = frozenset(current)
    for first_year, year_codes in CODES_BY_YEAR[field]:
        if first_year <= year:
            codes = year_codes
    return codes


def is_valid(field: str, code: str, collection_year: int | None = None) -> bool:
    """Whether ``code`` is an accepted value of ``field``; exact match, as the validator does."""
    return code in codes_for(field, collection_year)


def label(field: str, code: str) -> str:
    """The plain-English meaning of a code, including codes earlier years used.

    Raises ``KeyError`` for an unknown field or code.
    """
    if code in CODE_LISTS[field]:
        return CODE_LISTS[field][code]
    retired = RETIRED_CODES.get(field, {})
    if code in retired:
        return retired[code]
    raise KeyError(f"{code!r} is not an SSDA903 {field} code")
