"""The Achieving Early Permanence Panel's own records (issue 18 item 8), pure rules.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Achieving early permanence
panel': "Panel representation will comprise of Service Manager Fostering & Adoption, Service
Manager Children in Care and Care Leavers, Panel Administrator, Team Manager Fostering, Team
Manager SGO, Court Progression Manager, Team Manager Adoption, Permanency coordinator"; Dudley
Permanence Strategy (000_f860603ee99ef2b2.txt) 'Fostering Recruitment, Assessment and Training'
(the team "contributes to the Achieving Early Permanence Panel to identify specific recruitment
needs") and 'Adoption@Heart'.
"""

from __future__ import annotations

import datetime as dt

from homeward.domain import panels

D = dt.date
DUDLEY = panels.RECORDS["dudley"]


def test_dudleys_panel_names_eight_places() -> None:
    assert [s.label for s in DUDLEY.seats] == [
        "Service Manager Fostering & Adoption",
        "Service Manager Children in Care and Care Leavers",
        "Panel Administrator",
        "Team Manager Fostering",
        "Team Manager SGO",
        "Court Progression Manager",
        "Team Manager Adoption",
        "Permanency coordinator",
    ]
    assert "001_d6c3849112f62e7d.txt 'Achieving early permanence panel'" in DUDLEY.seats_source
    assert "000_f860603ee99ef2b2.txt" in DUDLEY.needs_source
    assert {t.key for t in DUDLEY.teams} == {"fostering", "adoption"}


def test_only_dudley_holds_the_panel() -> None:
    assert panels.record_for("durham") is None and panels.record_for("devon") is None


def test_the_places_nobody_who_attended_filled() -> None:
    """Six attended; the Team Manager SGO sent apologies and the Court Progression Manager was
    not recorded at all: both places are unfilled. Someone attending as "other" fills none."""
    attended = {
        "sm_fostering_adoption",
        "sm_children_in_care",
        "panel_administrator",
        "tm_fostering",
        "tm_adoption",
        "permanency_coordinator",
        "other",
    }
    assert [s.label for s in DUDLEY.unfilled(attended)] == [
        "Team Manager SGO",
        "Court Progression Manager",
    ]
    assert DUDLEY.seat_label("tm_sgo") == "Team Manager SGO"
    assert DUDLEY.seat_label("other").startswith("Someone else")


def test_the_sufficiency_report_sums_by_team_and_need() -> None:
    """Worked example. Sibling groups raised for fostering on 2 November (2 children) and 16
    November (3 children); Foster to Adopt for adoption on 9 November (1) and 23 November (1);
    long-term fostering on 23 November (1). Sums: siblings 2 raised, 5 children, last 16
    November; foster to adopt 2 raised, 2 children, last 23 November; long-term 1 raised, 1
    child. Most children first, then the most recently raised."""
    counts = panels.sufficiency(
        [
            ("fostering", "siblings", 2, D(2026, 11, 2)),
            ("adoption", "foster_to_adopt", 1, D(2026, 11, 9)),
            ("fostering", "siblings", 3, D(2026, 11, 16)),
            ("adoption", "foster_to_adopt", 1, D(2026, 11, 23)),
            ("fostering", "long_term", 1, D(2026, 11, 23)),
        ]
    )
    assert counts == [
        panels.NeedCount("fostering", "siblings", 2, 5, D(2026, 11, 16)),
        panels.NeedCount("adoption", "foster_to_adopt", 2, 2, D(2026, 11, 23)),
        panels.NeedCount("fostering", "long_term", 1, 1, D(2026, 11, 23)),
    ]
    assert panels.sufficiency([]) == []
