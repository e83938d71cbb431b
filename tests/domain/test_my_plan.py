"""The child's own plan in words for their age (homeward.domain.my_plan; issue 17 item 1): the
three bands, the wording of each band, the glossary, and what never reaches the child's version
(DU 'Looked After Reviews': "words and pictures"; DV 'Guiding Principles': "appropriate to the
child's age and understanding")."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import my_plan as m

TODAY = dt.date(2026, 12, 7)


def facts(born: dt.date, **kwargs: object) -> m.PlanFacts:
    values: dict[str, object] = {
        "name": "Ava",
        "date_of_birth": born,
        "home": "foster",
        "carers": ("Sam", "Lee"),
        "social_worker": "Jo Hartley",
        "iro": "Pat Kingsmere",
        "option": "sgo",
        "meetings": (
            m.Meeting("review", dt.date(2027, 1, 5)),
            m.Meeting("ppm", dt.date(2027, 1, 19)),
        ),
        "own_words": ("I like living with Sam and Lee",),
    }
    values.update(kwargs)
    return m.PlanFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "born,band",
    [
        (dt.date(2018, 12, 8), m.Band.UNDER_8),  # 8 tomorrow
        (dt.date(2018, 12, 7), m.Band.EIGHT_TO_12),  # 8 today
        (dt.date(2013, 12, 8), m.Band.EIGHT_TO_12),  # 13 tomorrow
        (dt.date(2013, 12, 7), m.Band.THIRTEEN_PLUS),  # 13 today
        (dt.date(2009, 1, 1), m.Band.THIRTEEN_PLUS),
        (dt.date(2026, 6, 1), m.Band.UNDER_8),
    ],
)
def test_the_band_turns_on_the_eighth_and_thirteenth_birthdays(born, band) -> None:
    assert m.band_for(born, TODAY) is band


def test_a_child_born_on_29_february_is_8_on_28_february_in_a_common_year() -> None:
    assert m.band_for(dt.date(2016, 2, 29), dt.date(2024, 2, 28)) is m.Band.UNDER_8
    assert m.band_for(dt.date(2016, 2, 29), dt.date(2024, 2, 29)) is m.Band.EIGHT_TO_12
    assert m.band_for(dt.date(2015, 2, 28), dt.date(2023, 2, 28)) is m.Band.EIGHT_TO_12


def test_under_8_the_plan_speaks_of_grown_ups_and_a_judge_not_orders() -> None:
    text = m.draft(facts(dt.date(2021, 3, 1)), m.Band.UNDER_8)
    assert text["home"].startswith("You live with Sam and Lee.")
    assert text["people"].startswith("Your social worker is Jo Hartley.")
    assert "A judge will say they can look after you" in text["plan"]
    assert "SGO" not in " ".join(text.values())
    assert text["meetings"].startswith("On 5 January 2027 there is a meeting about you")
    assert text["next"].startswith("Jo Hartley will come to see you")
    assert text["voice"] == "You told us: “I like living with Sam and Lee”"


def test_8_to_12_the_plan_names_the_order_and_explains_it() -> None:
    text = m.draft(facts(dt.date(2016, 3, 1)), m.Band.EIGHT_TO_12)
    assert "special guardianship order (SGO)" in text["plan"]
    assert "Your IRO is Pat Kingsmere" in text["people"]
    assert "permanence planning meeting (PPM)" in text["meetings"]
    assert "You can ask questions" in text["next"]


def test_13_and_over_the_plan_speaks_to_a_young_person_and_names_their_rights() -> None:
    text = m.draft(facts(dt.date(2011, 3, 1)), m.Band.THIRTEEN_PLUS)
    assert text["home"] == "You live with Sam and Lee, your foster carers."
    assert "independent reviewing officer" in text["people"]
    assert "until you are 18" in text["plan"]
    assert "ask for an advocate" in text["next"]


def test_without_a_plan_or_words_the_draft_says_so_in_the_bands_words() -> None:
    for band in m.Band:
        text = m.draft(facts(dt.date(2016, 3, 1), option="", own_words=(), meetings=()), band)
        assert text["plan"] == m.NO_PLAN_YET[band]
        assert text["voice"] == m.NO_VOICE[band]
        assert text["meetings"] == ""


def test_each_band_has_its_own_headings() -> None:
    home = m.BY_KEY["home"]
    assert home.heading(m.Band.THIRTEEN_PLUS) == "Where you live now"
    assert m.BY_KEY["people"].heading(m.Band.UNDER_8) == "People who help you"
    assert {s.key for s in m.SECTIONS} == {"home", "people", "plan", "meetings", "next", "voice"}


def test_the_glossary_lists_the_words_the_plan_uses_in_words_for_the_band() -> None:
    texts = [
        "Your IRO runs your review.",
        "The plan is a special guardianship order (SGO).",
        "A placement order was made. Your next PPM is soon.",
    ]
    young = dict(m.glossary_for(texts, m.Band.UNDER_8))
    assert set(young) == {"IRO", "Review", "PPM", "SGO", "Placement order"}
    assert young["SGO"] == "A judge says someone can look after you until you are grown up."
    older = dict(m.glossary_for(texts, m.Band.THIRTEEN_PLUS))
    assert older["IRO"].startswith("Independent reviewing officer")
    assert older["Placement order"].startswith("A court order")


def test_the_glossary_matches_whole_words_only() -> None:
    assert m.glossary_for(["Irony is not an IRO-free word: hiroshi"], m.Band.UNDER_8) == []
    assert m.glossary_for(["no words here"], m.Band.EIGHT_TO_12) == []


RECORD = m.Forbidden(
    addresses=("LS6 2AB", "DY5 1XY"),
    other_children=("Tom Fernby", "T000123"),
    case_notes=("Mother disclosed that the home was unsafe on 3 March.",),
)


@pytest.mark.parametrize(
    "text,why",
    [
        ("You used to live at LS6 2AB.", "address"),
        ("Your mum lives at 14 Elm Road, dy5 1xy.", "address"),
        ("A postcode it has never seen: B15 2TT.", "address"),
        ("You will see tom   fernby on Saturdays.", "another child"),
        ("Child T000123 lives nearby.", "another child"),
        ("mother disclosed that the home was unsafe on 3 March.", "case note"),
    ],
)
def test_forbidden_content_is_found_wherever_it_was_written(text, why) -> None:
    found = m.problems(text, RECORD)
    assert len(found) == 1
    assert {"address": "postcode", "another child": "another child", "case note": "case note"}[
        why
    ] in found[0]


def test_a_district_or_the_childs_own_words_are_not_forbidden() -> None:
    assert m.problems("You live near DY5 with Sam and Lee. Tom is your brother.", RECORD) == []


def test_the_draft_never_holds_what_the_record_holds_for_professionals() -> None:
    """Even when the record holds an address, another child and case notes, the draft is built
    from ``PlanFacts`` alone, which has no place for them: nothing forbidden reaches it."""
    for band in m.Band:
        for text in m.draft(facts(dt.date(2016, 3, 1)), band).values():
            assert m.problems(text, RECORD) == []


def test_one_carer_is_your_foster_carer_two_are_your_foster_carers() -> None:
    one = m.draft(facts(dt.date(2011, 3, 1), carers=("Sam",)), m.Band.THIRTEEN_PLUS)
    assert one["home"] == "You live with Sam, your foster carer."
    three = m.draft(facts(dt.date(2020, 3, 1), carers=("Sam", "Lee", "Kit")), m.Band.UNDER_8)
    assert three["home"].startswith("You live with Sam, Lee and Kit. They are your foster carers.")
