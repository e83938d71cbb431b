"""Council profiles (homeward/domain/councils.py): each names its meetings and panels with their
sources, and captures what differs between Dudley, Durham and Devon (shared/domain/SPEC.md
section 1)."""

from __future__ import annotations

import pytest

from homeward.domain.councils import PROFILES, UnknownCouncil, profile_for


@pytest.mark.parametrize("slug", sorted(PROFILES))
def test_every_profile_names_its_meetings_and_panels_with_sources(slug: str) -> None:
    profile = profile_for(slug)
    assert ".txt" in profile.permanence_meeting.source
    for named in (*profile.panels, *profile.casework_teams, *profile.social_work_teams):
        assert ".txt" in named.source, named


def test_profiles_capture_the_councils_differences() -> None:
    # shared/domain/SPEC.md section 1, "Council-specific differences a profile must capture".
    assert profile_for("dudley").permanence_meeting.name == "Child Permanence Meeting"
    assert profile_for("durham").permanence_meeting.name == "Early Permanency Planning Meeting"
    assert profile_for("devon").permanence_meeting.name == "Permanence Planning Meeting"
    assert [p.slug for p in PROFILES.values() if p.has_early_permanence_panel] == ["dudley"]
    assert profile_for("dudley").permanence_plan_deadline.name == "2nd Child in Care review"
    assert profile_for("durham").permanence_plan_deadline.name == "4-month review"
    with pytest.raises(UnknownCouncil):
        profile_for("narnia")


def test_citations_name_the_seed_documents_for_people() -> None:
    from homeward.domain.councils import readable_source

    assert readable_source("001_d6c3849112f62e7d.txt 'Achieving early permanence panel'") == (
        "Dudley quick reference guide, 'Achieving early permanence panel'"
    )


def test_each_council_names_its_monitoring_panel_and_corporate_parenting_board():
    """Issue 16 item 3: the reports take the names from the profile. Dudley's strategy names
    both (000_f860603ee99ef2b2.txt, introduction and 'Corporate Parenting'); Devon's Permanence
    Panel addresses delay (004_7232501e48845cda.txt); a name no seed gives says "(check)"."""
    from homeward.domain.councils import DEVON, DUDLEY, DURHAM

    assert DUDLEY.monitoring_panel.name == "Permanence Monitoring Panel"
    assert DUDLEY.corporate_parenting_board.name == "Corporate Parenting Board"
    assert DEVON.monitoring_panel.name == "Permanence Panel"
    for named in (DURHAM.monitoring_panel, DURHAM.corporate_parenting_board):
        assert named.source.startswith("(check)")
    assert DEVON.corporate_parenting_board.source.startswith("(check)")


def test_citations_shown_to_people_keep_no_file_name_spec_or_drafting_marker() -> None:
    """A newcomer saw "(001_d6c3849112f62e7d.txt)", "regs 15-20 (check)" and "SPEC section 5
    (1)" on pages: the precise citation stays in the data, people read the title and section."""
    from homeward.domain.councils import readable_source

    cited = (
        "001_d6c3849112f62e7d.txt 'Expected Outcomes' (1) and 'Matched to existing internal "
        "carers'; SPEC section 5 (1); Adoption Agencies Regulations 2005 reg 19 (check)"
    )
    assert readable_source(cited) == (
        "Dudley quick reference guide, 'Expected Outcomes' (1) and 'Matched to existing "
        "internal carers'; Adoption Agencies Regulations 2005 reg 19"
    )
    assert readable_source(readable_source(cited)) == readable_source(cited)
    assert readable_source("the chair is not named (check: the strategy is silent)") == (
        "the chair is not named (the strategy is silent)"
    )
