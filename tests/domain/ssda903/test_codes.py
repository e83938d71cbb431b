"""SSDA903 code lists: worked examples against csc-validator-be-903 0.1.17's own rules.

The expected sets below are copied by hand from the validator's rule files (named in each test).
Where the validator itself is installed, the last test also runs its rules over every code.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from homeward.domain.ssda903 import codes
from homeward.domain.ssda903.codes import (
    CODE_LISTS,
    CURRENT_COLLECTION_YEAR,
    PERMANENCE_ROUTES,
    TABLE_COLUMNS,
    codes_for,
    is_valid,
    label,
)

# field -> the 2026-27 set, from the file the lac2026_27 registry runs for that field's rule.
EXPECTED_2026_27: dict[str, set[str]] = {
    "SEX": {"M", "F", "U"},  # lac2024_25/rule_101.py
    "ETHNIC": {  # lac2022_23/rule_103.py
        "WBRI",
        "WIRI",
        "WOTH",
        "WIRT",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    },  # fmt: skip
    "RNE": {"S", "P", "L", "T", "U", "B"},  # lac2022_23/rule_143.py
    "LS": {  # lac2022_23/rule_144.py
        "C1",
        "C2",
        "D1",
        "E1",
        "V2",
        "V3",
        "V4",
        "J1",
        "J2",
        "J3",
        "L1",
        "L2",
        "L3",
    },  # fmt: skip
    "CIN": {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"},  # lac2022_23/rule_145.py
    "PLACE": {  # lac2025_26/rule_146.py
        "A3",
        "A4",
        "A5",
        "A6",
        "K1",
        "K2",
        "K3",
        "P1",
        "P3",
        "R1",
        "R2",
        "R3",
        "R5",
        "S1",
        "T0",
        "T1",
        "T2",
        "T3",
        "T4",
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "Z11",
        "Z12",
        "Z13",
        "Z14",
    },  # fmt: skip
    "PLACE_PROVIDER": {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"},  # lac2025_26/rule_178.py
    "REC": {  # lac2022_23/rule_149.py
        "E11",
        "E12",
        "E2",
        "E3",
        "E4A",
        "E4B",
        "E13",
        "E41",
        "E45",
        "E46",
        "E47",
        "E48",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "E14",
        "E15",
        "E16",
        "E17",
        "X1",
    },  # fmt: skip
    "REASON_PLACE_CHANGE": {  # lac2022_23/rule_1009.py
        "CARPL",
        "CLOSE",
        "ALLEG",
        "STAND",
        "APPRR",
        "CREQB",
        "CREQO",
        "CHILD",
        "LAREQ",
        "PLACE",
        "CUSTOD",
        "OTHER",
    },  # fmt: skip
    "REVIEW_CODE": {"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"},  # rule_167.py
    "SDQ_REASON": {"SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"},  # lac2022_23/rule_196.py
    "IN_TOUCH": {"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"},  # lac2022_23/rule_131.py
    "ACTIV": {  # lac2022_23/rule_132.py
        "F1",
        "P1",
        "F2",
        "P2",
        "F4",
        "P4",
        "F5",
        "P5",
        "G4",
        "G5",
        "G6",
        "0",
    },  # fmt: skip
    "ACCOM": {  # lac2022_23/rule_133.py
        "B1",
        "B2",
        "C1",
        "C2",
        "D1",
        "D2",
        "E1",
        "E2",
        "G1",
        "G2",
        "H1",
        "H2",
        "K1",
        "K2",
        "R1",
        "R2",
        "S2",
        "T1",
        "T2",
        "U1",
        "U2",
        "V1",
        "V2",
        "W1",
        "W2",
        "X2",
        "Y1",
        "Y2",
        "Z1",
        "Z2",
        "0",
    },  # fmt: skip
    "SEX_ADOPTR": {"M1", "F1", "MM", "FF", "MF"},  # lac2022_23/rule_176.py
    "LS_ADOPTR": {"L0", "L11", "L12", "L2", "L3", "L4"},  # lac2022_23/rule_177.py
    "REASON_PLACED_CEASED": {"RD1", "RD2", "RD3", "RD4"},  # lac2022_23/rule_120.py
    "PREV_PERM": {"P1", "P2", "P3", "P4", "Z1"},  # lac2022_23/rule_631.py
    "MISSING": {"M", "A"},  # lac2022_23/rule_1006.py
}


@pytest.mark.parametrize("field", sorted(EXPECTED_2026_27))
def test_2026_27_code_set_matches_the_validator(field: str) -> None:
    assert set(CODE_LISTS[field]) == EXPECTED_2026_27[field]
    assert codes_for(field) == EXPECTED_2026_27[field]
    assert codes_for(field, CURRENT_COLLECTION_YEAR) == EXPECTED_2026_27[field]


def test_every_coded_field_has_an_expected_set() -> None:
    assert set(CODE_LISTS) == set(EXPECTED_2026_27)


def test_a_full_care_order_is_a_valid_legal_status() -> None:
    assert is_valid("LS", "C2")
    assert label("LS", "C2") == "Full care order"
    assert label("LS", "E1") == "Placement order granted"


def test_unknown_and_wrongly_cased_codes_are_invalid() -> None:
    assert not is_valid("LS", "ZZ")
    assert not is_valid("LS", "c2")  # the validator matches exactly
    assert not is_valid("LS", "")
    assert not is_valid("REC", "E1")  # E1 is a legal status, not a reason ceased


def test_sex_was_1_and_2_up_to_2023_24_and_m_f_u_from_2024_25() -> None:
    # lac2022_23/rule_101.py (also run for 2023-24), then lac2024_25/rule_101.py
    for year in (2023, 2024):
        assert codes_for("SEX", year) == {"1", "2"}
        assert is_valid("SEX", "1", year)
        assert not is_valid("SEX", "M", year)
    for year in (2025, 2026, 2027):
        assert codes_for("SEX", year) == {"M", "F", "U"}
        assert not is_valid("SEX", "2", year)
    assert label("SEX", "1") == "Male"
    assert label("SEX", "F") == "Female"


def test_placement_types_by_year() -> None:
    old = {"H5", "P2", "Z1"}
    split_z1 = {"Z11", "Z12", "Z13", "Z14"}
    for year in (2023, 2024):  # lac2022_23/rule_146.py
        assert old <= codes_for("PLACE", year)
        assert not codes_for("PLACE", year) & (split_z1 | {"K3"})
        assert len(codes_for("PLACE", year)) == 27
    # lac2024_25/rule_146.py: K3 (spelt "k3" in the validator's file) joins the 2022-23 set.
    assert codes_for("PLACE", 2025) == codes_for("PLACE", 2023) | {"K3"}
    for year in (2026, 2027):  # lac2025_26/rule_146.py
        assert not codes_for("PLACE", year) & old
        assert split_z1 | {"K3"} <= codes_for("PLACE", year)
    assert is_valid("PLACE", "H5", 2025) and not is_valid("PLACE", "H5")
    assert label("PLACE", "H5").startswith("Semi-independent")


def test_years_outside_the_validator_use_the_nearest_ruleset() -> None:
    assert codes_for("SEX", 2016) == codes_for("SEX", 2023)
    assert codes_for("PLACE", 2031) == codes_for("PLACE", 2027)


def test_fields_that_never_changed_ignore_the_year() -> None:
    assert codes_for("LS", 2023) == codes_for("LS", 2027) == EXPECTED_2026_27["LS"]
    assert codes_for("REC", 2016) == EXPECTED_2026_27["REC"]


def test_permanence_routes_are_reasons_ceased() -> None:
    assert set(PERMANENCE_ROUTES) <= set(codes.REC)
    assert set(PERMANENCE_ROUTES.values()) == {
        "adoption",
        "special guardianship",
        "child arrangements order",
        "return home",
    }
    assert PERMANENCE_ROUTES["E11"] == PERMANENCE_ROUTES["E12"] == "adoption"
    assert {c for c, r in PERMANENCE_ROUTES.items() if r == "special guardianship"} == {
        "E45",
        "E46",
        "E47",
        "E48",
    }
    assert PERMANENCE_ROUTES["E41"] == "child arrangements order"
    assert PERMANENCE_ROUTES["E4A"] == "return home"
    for not_permanence in ("X1", "E2", "E3", "E8", "E9", "E4B", "E13"):
        assert not_permanence not in PERMANENCE_ROUTES


def test_every_code_any_year_accepts_has_a_label() -> None:
    for field in CODE_LISTS:
        every_year = set().union(*(codes_for(field, y) for y in range(2023, 2028)))
        for code in every_year:
            assert label(field, code).strip(), (field, code)


def test_label_refuses_unknown_codes_and_fields() -> None:
    with pytest.raises(KeyError):
        label("LS", "ZZ")
    with pytest.raises(KeyError):
        label("NOT_A_FIELD", "C2")
    with pytest.raises(KeyError):
        is_valid("NOT_A_FIELD", "C2")


def test_table_columns_copy_the_validator_config() -> None:
    assert set(TABLE_COLUMNS) == {
        "Header", "Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1", "PlacedAdoption",
        "PrevPerm", "Missing", "SWEpisodes", "DoLo",
    }  # fmt: skip
    assert TABLE_COLUMNS["Episodes"][:7] == (
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER",
    )  # fmt: skip
    every_column = {c for columns in TABLE_COLUMNS.values() for c in columns}
    assert set(CODE_LISTS) <= every_column


def test_module_imports_only_the_standard_library() -> None:
    source = Path(codes.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= {"__future__", "typing"}


# field -> (rule code, table, other columns the rule needs)
_VALIDATOR_RULES: dict[str, tuple[str, str, dict[str, str]]] = {
    "SEX": ("101", "Header", {}),
    "ETHNIC": ("103", "Header", {}),
    "RNE": ("143", "Episodes", {}),
    "LS": ("144", "Episodes", {}),
    "CIN": ("145", "Episodes", {}),
    "PLACE": ("146", "Episodes", {}),
    "PLACE_PROVIDER": ("178", "Episodes", {"PLACE": "U4"}),
    "REC": ("149", "Episodes", {}),
    "REASON_PLACE_CHANGE": ("1009", "Episodes", {}),
    "REVIEW_CODE": ("167", "Reviews", {"REVIEW": "01/06/2025"}),
    "SDQ_REASON": ("196", "OC2", {}),
    "IN_TOUCH": ("131", "OC3", {}),
    "ACTIV": ("132", "OC3", {}),
    "ACCOM": ("133", "OC3", {}),
    "SEX_ADOPTR": ("176", "AD1", {}),
    "LS_ADOPTR": ("177", "AD1", {}),
    "REASON_PLACED_CEASED": ("120", "PlacedAdoption", {}),
    "PREV_PERM": ("631", "PrevPerm", {}),
    "MISSING": ("1006", "Missing", {}),
}


@pytest.mark.parametrize("year", range(2023, CURRENT_COLLECTION_YEAR + 1))
def test_the_installed_validator_accepts_exactly_these_codes(year: int) -> None:
    """Runs only where csc-validator-be-903 is installed (not a Homeward dependency)."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("lac_validator")
    registry = importlib.import_module(f"lac_validator.rules.lac{year - 1}_{year % 100}").registry
    candidates = sorted(
        {c for d in [*CODE_LISTS.values(), *codes.RETIRED_CODES.values()] for c in d}
        | {"k3", "ZZ", "", "c2", "m"}
    )
    assert set(_VALIDATOR_RULES) == set(CODE_LISTS)
    for field, (rule, table, extra) in _VALIDATOR_RULES.items():
        frame = pd.DataFrame(
            {field: candidates, **{k: [v] * len(candidates) for k, v in extra.items()}}
        )
        rejected = set(registry[rule].func({table: frame})[table])
        accepted = {c for i, c in enumerate(candidates) if i not in rejected}
        expected = set(codes_for(field, year))
        if field == "PLACE" and year == 2025:  # lac2024_25/rule_146.py spells K3 "k3"
            expected = expected - {"K3"} | {"k3"}
        assert accepted == expected, (year, field)


# How a review held in Homeward is coded (REVIEW_CODE), worked from the codes' meanings before the
# mapping: PN1-PN4 say the child attended (spoke for themselves; an advocate spoke; conveyed views
# non-verbally; did not convey them), PN5-PN7 that they did not (briefed an advocate; conveyed
# views by another means; not conveyed). PN0 (under 4) is decided by age, not by the answer.
PARTICIPATION_BY_ANSWER = {
    "attended": "PN1",
    "attended_advocate": "PN2",
    "attended_non_verbal": "PN3",
    "attended_silent": "PN4",
    "advocate": "PN5",  # the child did not come and briefed an advocate
    "social_worker": "PN6",
    "iro": "PN6",
    "own_words": "PN6",
    "carer": "PN6",
    "observed": "PN6",  # not at the meeting: an observer conveyed it (was PN3, "attended")
    "": "PN7",
}


def test_every_answer_to_how_views_were_gathered_has_its_participation_code() -> None:
    from homeward.domain.meetings import VIEWS_GATHERED

    assert set(codes.REVIEW_CODE_FOR_VIEWS) == {key for key, _ in VIEWS_GATHERED} | {""}
    assert codes.REVIEW_CODE_FOR_VIEWS == PARTICIPATION_BY_ANSWER
    # Every code a review over 4 can have is reachable from some answer, and each is valid.
    assert set(PARTICIPATION_BY_ANSWER.values()) == set(codes.REVIEW_CODE) - {"PN0"}


def test_an_answer_says_whether_the_child_came_as_its_code_does() -> None:
    """The answer's wording and the code agree on attendance: "came to the meeting" is PN1-PN4,
    "did not come" PN5-PN7 (the mistake this replaces: "observed" coded as attending)."""
    from homeward.domain.meetings import VIEWS_GATHERED

    for key, wording in VIEWS_GATHERED:
        attended = codes.REVIEW_CODE_FOR_VIEWS[key] in {"PN1", "PN2", "PN3", "PN4"}
        assert ("came to the meeting" in wording) == attended, key
        assert ("did not come" in wording) == (not attended), key
