"""The meeting type files (homeward/domain/rules/meetings/*.toml) and their loader: a file that
cannot be used is refused with the file, the meeting type and the field named, as the rules
files are (convention 7: errors people can act on)."""

from __future__ import annotations

import re

import pytest

from homeward.domain import meetings as m
from homeward.domain.councils import SEED_TITLES, profile_for

# A shared file with one meeting type, small enough to break one field at a time.
SHARED = """
[family_network_meeting]
name = "Family network meeting"
purpose = "Family and friends agree a safety plan."
source = "002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'"
chair_role = "social_worker"
chair_label = "The child's social worker"
chair_source = "002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'"
recorders = ["social_worker"]
event_kind = "family_network_meeting"
event_source = "002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'"

[[family_network_meeting.attendees]]
key = "social_worker"
label = "The child's social worker"
role = "social_worker"
source = "002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'"

[[family_network_meeting.agenda]]
key = "network"
question = "Who is in the family network"
source = "002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'"

[[family_network_meeting.agenda]]
key = "family_solutions"
question = "Alternative care arrangements within the family"

[[family_network_meeting.outcomes]]
key = "safety_plan"
question = "Did the family agree a safety plan?"
choices = { yes = "Yes", no = "No" }
source = "002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'"
"""


def parse(own: str = "", shared: str = SHARED) -> tuple[m.MeetingType, ...]:
    return m.parse_meeting_types(own, council="dudley", file_name="dudley.toml", shared=shared)


def refused(message: str, own: str = "", shared: str = SHARED) -> None:
    with pytest.raises(m.MeetingFileError, match=re.escape(message)):
        parse(own, shared)


def test_the_small_shared_file_reads() -> None:
    (mtype,) = parse()
    assert mtype.name == "Family network meeting"
    assert [a.key for a in mtype.agenda] == ["network"]  # the uncited item is not Dudley's


def test_a_council_citing_a_shared_item_makes_it_part_of_its_agenda() -> None:
    """An agenda item with no shared source applies to the councils that cite it."""
    own = """
[family_network_meeting.agenda.family_solutions]
source = "000_f860603ee99ef2b2.txt 'Family Solutions'"
"""
    (mtype,) = parse(own)
    assert [(a.key, a.source) for a in mtype.agenda] == [
        ("network", "002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'"),
        ("family_solutions", "000_f860603ee99ef2b2.txt 'Family Solutions'"),
    ]


def test_a_council_field_replaces_the_shared_one_and_placeholders_take_its_names() -> None:
    own = """
[family_network_meeting]
name = "Network meeting at {council_name}"
"""
    (mtype,) = parse(own)
    assert mtype.name == "Network meeting at Dudley Metropolitan Borough Council"
    assert mtype.purpose == "Family and friends agree a safety plan."


def test_an_attendees_array_replaces_the_shared_list() -> None:
    own = """
[[family_network_meeting.attendees]]
key = "coordinator"
label = "Family network coordinator"
source = "000_f860603ee99ef2b2.txt 'Family Solutions'"
"""
    (mtype,) = parse(own)
    assert [a.key for a in mtype.attendees] == ["coordinator"]


def test_unknown_role_names_file_type_attendee_and_field() -> None:
    shared = SHARED.replace('role = "social_worker"', 'role = "social_wroker"')
    refused(
        "shared.toml, meeting type 'family_network_meeting', attendee 'social_worker', "
        "field 'role': unknown role 'social_wroker'",
        shared=shared,
    )


def test_unknown_role_among_recorders() -> None:
    own = '[family_network_meeting]\nrecorders = ["chair"]\n'
    refused(
        "dudley.toml (over shared.toml), meeting type 'family_network_meeting', "
        "field 'recorders': unknown role 'chair'",
        own,
    )


def test_unknown_event_kind() -> None:
    own = '[family_network_meeting]\nevent_kind = "network_meeting"\n'
    refused(
        "meeting type 'family_network_meeting', field 'event_kind': unknown event kind "
        "'network_meeting'",
        own,
    )


def test_unknown_event_kind_in_what_an_answer_creates() -> None:
    own = '[family_network_meeting.outcomes.safety_plan]\ncreates = { yes = ["safety"] }\n'
    refused(
        "outcome 'safety_plan', field 'creates': unknown event kind 'safety'",
        own,
    )


def test_an_answer_that_creates_events_must_be_a_choice() -> None:
    own = '[family_network_meeting.outcomes.safety_plan]\ncreates = { maybe = ["referral"] }\n'
    refused("outcome 'safety_plan', field 'creates': 'maybe' is not one of the choices", own)


def test_missing_name() -> None:
    shared = SHARED.replace('name = "Family network meeting"\n', "")
    refused(
        "shared.toml, meeting type 'family_network_meeting': missing field 'name'", shared=shared
    )


def test_missing_source_of_an_attendee() -> None:
    own = """
[[family_network_meeting.attendees]]
key = "parents"
label = "Parents"
"""
    refused(
        "dudley.toml (over shared.toml), meeting type 'family_network_meeting', "
        "attendee 'parents': missing field 'source'",
        own,
    )


def test_an_outcome_needs_its_source() -> None:
    shared = SHARED.replace(
        'choices = { yes = "Yes", no = "No" }\nsource = "002_a77630a273fce245.txt '
        "'Family Group Conference/ Network meetings'\"\n",
        'choices = { yes = "Yes", no = "No" }\n',
    )
    refused("outcome 'safety_plan': missing field 'source'", shared=shared)


def test_a_type_needs_an_agenda_item_with_a_source() -> None:
    shared = SHARED.replace(
        'question = "Who is in the family network"\nsource = "002_a77630a273fce245.txt '
        "'Family Group Conference/ Network meetings'\"\n",
        'question = "Who is in the family network"\n',
    )
    refused(
        "meeting type 'family_network_meeting', field 'agenda': no agenda item has a source",
        shared=shared,
    )


def test_a_misspelt_field() -> None:
    own = '[family_network_meeting]\nchiar_label = "Chair"\n'
    refused("meeting type 'family_network_meeting': unknown field 'chiar_label'", own)


def test_unknown_meeting_type() -> None:
    own = '[network_meeting]\nname = "Network meeting"\n'
    refused("dudley.toml, meeting type 'network_meeting': unknown meeting type", own)


def test_changing_an_item_the_shared_type_does_not_have() -> None:
    own = '[family_network_meeting.agenda.genogram]\nsource = "000_f860603ee99ef2b2.txt"\n'
    refused(
        "meeting type 'family_network_meeting', agenda item 'genogram': the shared type has no "
        "such agenda item to change",
        own,
    )


def test_based_on_a_type_the_shared_file_does_not_hold() -> None:
    own = '[legal_gateway_panel]\nbased_on = "legal_planning_meeting"\n'
    refused(
        "dudley.toml, meeting type 'legal_gateway_panel', field 'based_on': "
        "'legal_planning_meeting' is not a type in shared.toml",
        own,
    )


def test_unknown_placeholder() -> None:
    own = '[family_network_meeting]\nname = "{permanence_meting}"\n'
    refused(
        "meeting type 'family_network_meeting', field 'name': unknown placeholder "
        "{permanence_meting}",
        own,
    )


def test_an_event_recorded_before_birth_must_be_one_that_can_be() -> None:
    own = '[family_network_meeting]\nevent_kind = "placed"\nbefore_birth = true\n'
    refused("field 'before_birth': 'placed' cannot be recorded before birth", own)


def test_not_valid_toml() -> None:
    refused("dudley.toml: not valid TOML", "[family_network_meeting\n")


# The real files.


@pytest.mark.parametrize("council", m.COUNCILS)
def test_every_item_cites_a_seed_file_or_statute(council: str) -> None:
    """Every agenda item, attendee and outcome keeps its citation."""
    cited = (*SEED_TITLES, "Regulations", "Act")
    for mtype in m.meeting_types(council):
        items = (*mtype.agenda, *mtype.attendees, *mtype.outcomes)
        for source in (mtype.source, mtype.chair_source, *(i.source for i in items)):
            assert any(c in source for c in cited), (council, mtype.key, source)


@pytest.mark.parametrize("council", m.COUNCILS)
def test_the_early_permanence_panel_is_held_where_the_profile_has_one(council: str) -> None:
    held = any(t.key == "aepp" for t in m.meeting_types(council))
    assert held == profile_for(council).has_early_permanence_panel


def test_the_files_are_installed_with_the_package() -> None:
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["homeward.domain"]
    assert "rules/meetings/*.toml" in patterns
    assert {p.name for p in m.MEETINGS_DIR.glob("*.toml")} == {
        "shared.toml",
        *(f"{c}.toml" for c in m.COUNCILS),
    }


def test_a_role_that_is_not_text() -> None:
    own = "[family_network_meeting]\nchair_role = 3\n"
    refused("meeting type 'family_network_meeting', field 'chair_role': unknown role 3", own)
