"""The genogram's layout and drawing (homeward/domain/genogram.py), as worked examples: families
with separations, half siblings, twins and a deceased parent. The SVG is parsed with
xml.etree, never string-matched. Durham starts the family network with a genogram
(002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'); Dudley's permanence
meeting reviews it (003_82d866961b2f94a8.txt)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.domain.genogram import (
    Exploration,
    Layout,
    Member,
    Sex,
    Tie,
    TieKind,
    describe,
    layout,
    not_yet_explored,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
CHILD = Member("child", "Ava Fernby", Sex.FEMALE, "This child", dt.date(2019, 3, 1), is_child=True)
MUM = Member("mum", "Jo Fernby", Sex.FEMALE, "Mother", dt.date(1994, 5, 2), generation_hint=-1)
DAD = Member("dad", "Sam Ashcroft", Sex.MALE, "Father", dt.date(1990, 1, 9), generation_hint=-1)
STEPDAD = Member(
    "lee",
    "Lee Oakhurst",
    Sex.MALE,
    "Step-parent",
    exploration=Exploration.NOT_EXPLORED,
    generation_hint=-1,
)
HALF = Member("kai", "Kai Oakhurst", Sex.MALE, "Half-sibling", dt.date(2022, 7, 7))
NAN = Member(
    "nan",
    "Pat Fernby",
    Sex.FEMALE,
    "Grandparent",
    exploration=Exploration.VIABILITY,
    generation_hint=-2,
)


def parents_of(child: str, *parents: str) -> list[Tie]:
    return [Tie(TieKind.PARENT, p, child) for p in parents]


def draw(plan: Layout) -> ET.Element:
    return ET.fromstring(render_svg(plan, title="Genogram", description="Ava's family"))


def people(svg: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-key", ""): g for g in svg.iter(f"{SVG}g") if g.get("data-key")}


def separated_family() -> tuple[list[Member], list[Tie]]:
    """Ava's parents separated; her mother has a son, Kai, with her new partner."""
    members = [CHILD, MUM, DAD, STEPDAD, HALF, NAN]
    ties = [
        Tie(TieKind.SEPARATED, "mum", "dad"),
        Tie(TieKind.PARTNERS, "mum", "lee"),
        *parents_of("child", "mum", "dad"),
        *parents_of("kai", "mum", "lee"),
        *parents_of("mum", "nan"),
    ]
    return members, ties


def test_generations_are_rows_with_the_oldest_at_the_top() -> None:
    plan = layout(*separated_family())
    y = {key: p.y for key, p in plan.placed.items()}
    assert y["nan"] < y["mum"] == y["dad"] == y["lee"] < y["child"] == y["kai"]
    assert plan.placed["child"].generation == 0 and plan.placed["nan"].generation == -2


def test_a_mother_with_two_partners_sits_between_them_the_earlier_relationship_on_the_left() -> (
    None
):
    plan = layout(*separated_family())
    x = {key: p.x for key, p in plan.placed.items()}
    assert x["dad"] < x["mum"] < x["lee"]
    kinds = {(u.left, u.right): u.kind for u in plan.unions}
    assert kinds == {("dad", "mum"): TieKind.SEPARATED, ("mum", "lee"): TieKind.PARTNERS}


def test_half_siblings_hang_from_the_union_they_were_born_to() -> None:
    plan = layout(*separated_family())
    by_union = {(d.union.left, d.union.right): d.children for d in plan.descents}
    assert by_union[("dad", "mum")] == ("child",)
    assert by_union[("mum", "lee")] == ("kai",)
    assert plan.placed["child"].x < plan.placed["kai"].x


def test_separated_is_one_slash_and_divorced_two() -> None:
    members, ties = separated_family()
    separated = draw(layout(members, ties))
    divorced = draw(layout(members, [Tie(TieKind.DIVORCED, "mum", "dad"), *ties[1:]]))

    # Slashes are the only lines between people that are neither level nor upright.
    def slashes(svg: ET.Element) -> int:
        (lines,) = [g for g in svg.iter(f"{SVG}g") if g.get("data-part") == "lines"]
        return sum(
            1
            for line in lines.iter(f"{SVG}line")
            if line.get("x1") != line.get("x2") and line.get("y1") != line.get("y2")
        )

    assert slashes(separated) == 1
    assert slashes(divorced) == 2


def test_married_is_a_double_line() -> None:
    plan = layout([CHILD, MUM, DAD], [Tie(TieKind.MARRIED, "mum", "dad")])
    assert plan.unions[0].kind is TieKind.MARRIED
    svg = draw(plan)
    top = plan.placed["mum"].y
    lines = [
        line
        for line in svg.iter(f"{SVG}line")
        if line.get("y1") == line.get("y2") and abs(float(line.get("y1", 0)) - top) <= 3
    ]
    assert len(lines) == 2


def test_twins_share_one_point_on_the_line_from_their_parents() -> None:
    twin = Member("tia", "Tia Fernby", Sex.FEMALE, "Sibling", CHILD.born)
    ties = [
        Tie(TieKind.MARRIED, "mum", "dad"),
        *parents_of("child", "mum", "dad"),
        *parents_of("tia", "mum", "dad"),
        Tie(TieKind.TWIN, "child", "tia"),
    ]
    plan = layout([CHILD, twin, MUM, DAD], ties)
    (descent,) = plan.descents
    assert set(descent.children) == {"child", "tia"}
    assert descent.twins in ((("child", "tia"),), (("tia", "child"),))
    svg = draw(plan)
    point = (plan.placed["child"].x + plan.placed["tia"].x) / 2
    starts = [
        line
        for line in svg.iter(f"{SVG}line")
        if float(line.get("x1", 0)) == point
        and (line.get("x2") in {str(plan.placed["child"].x), str(plan.placed["tia"].x)})
    ]
    assert len(starts) == 2


def test_a_deceased_parent_is_crossed_through_and_said_to_have_died() -> None:
    dead_dad = Member("dad", "Sam Ashcroft", Sex.MALE, "Father", deceased=True)
    members = [CHILD, MUM, dead_dad]
    ties = [Tie(TieKind.MARRIED, "mum", "dad"), *parents_of("child", "mum", "dad")]
    svg = draw(layout(members, ties))
    dad = people(svg)["dad"]
    assert len(dad.findall(f"{SVG}rect")) == 1  # a square: male
    assert len(dad.findall(f"{SVG}line")) == 2  # the cross
    assert "died" in (dad.findtext(f"{SVG}title") or "")
    assert len(people(svg)["mum"].findall(f"{SVG}line")) == 0
    assert "Sam Ashcroft: Father, died." in describe(members, ties)


def test_symbols_by_sex_and_the_child_with_a_double_outline() -> None:
    other = Member("alex", "Alex Fernby", Sex.UNKNOWN, "Aunt or uncle", generation_hint=-1)
    svg = draw(layout([CHILD, MUM, DAD, other], parents_of("child", "mum", "dad")))
    shapes = people(svg)
    assert shapes["dad"].find(f"{SVG}rect") is not None
    assert shapes["mum"].find(f"{SVG}circle") is not None
    assert shapes["alex"].find(f"{SVG}polygon") is not None
    assert len(shapes["child"].findall(f"{SVG}circle")) == 2
    texts = [t.text for t in shapes["child"].iter(f"{SVG}text")]
    assert "This child, b. 2019" in texts


def test_not_yet_explored_is_dashed_and_a_carer_being_assessed_is_lettered() -> None:
    members, ties = separated_family()
    shapes = people(draw(layout(members, ties)))
    lee = shapes["lee"].find(f"{SVG}rect")
    assert lee is not None and lee.get("stroke-dasharray")
    nan_letters = [t.text for t in shapes["nan"].iter(f"{SVG}text")]
    assert "V" in nan_letters  # viability assessment: a letter, not only a colour
    assert not_yet_explored(members) == 1


def test_title_desc_and_a_legend_label_the_picture() -> None:
    svg = draw(layout(*separated_family()))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    words = {t.text for t in svg.iter(f"{SVG}text")}
    assert {"Key", "Separated (one slash)", "Divorced (two slashes)"} <= words
    assert "V: Being explored: viability assessment" in words


def test_every_word_is_escaped() -> None:
    nasty = Member(
        "x", '</text><script>alert("x")</script> & Co', Sex.MALE, "Friend <b>", household="<Flat>"
    )
    members = [CHILD, nasty]
    text = render_svg(
        layout(members, []), title="A & B <title>", description="</desc><svg onload=x>"
    )
    svg = ET.fromstring(text)  # well-formed: nothing broke out of its element
    assert svg.findtext(f"{SVG}title") == "A & B <title>"
    assert svg.findtext(f"{SVG}desc") == "</desc><svg onload=x>"
    assert not list(svg.iter(f"{SVG}script"))
    assert '</text><script>alert("x")</script> & Co' in {t.text for t in svg.iter(f"{SVG}text")}


def test_households_are_numbered_and_said_in_words() -> None:
    mum = Member("mum", "Jo Fernby", Sex.FEMALE, "Mother", household="Mum's flat")
    lee = Member("lee", "Lee Oakhurst", Sex.MALE, "Step-parent", household="Mum's flat")
    plan = layout([CHILD, mum, lee], [Tie(TieKind.PARTNERS, "mum", "lee")])
    assert plan.households == {"Mum's flat": 1}
    words = {t.text for t in draw(plan).iter(f"{SVG}text")}
    assert "H1: live together (Mum's flat)" in words
    assert "Jo Fernby and Lee Oakhurst live together (Mum's flat)." in describe(
        [CHILD, mum, lee], []
    )


def test_the_words_name_each_relationship() -> None:
    lines = describe(*separated_family())
    assert "Jo Fernby is separated from Sam Ashcroft." in lines
    assert "Lee Oakhurst is a parent of Kai Oakhurst." in lines
    assert lines[0].startswith("Ava Fernby: this child")


def test_a_child_alone_is_drawn() -> None:
    svg = draw(layout([CHILD], []))
    assert set(people(svg)) == {"child"}


KEYS = [f"k{i}" for i in range(8)]


@st.composite
def families(draw_: st.DrawFn) -> tuple[list[Member], list[Tie]]:
    members = [CHILD] + [
        Member(
            key,
            f"Person {key}",
            draw_(st.sampled_from(list(Sex))),
            deceased=draw_(st.booleans()),
            exploration=draw_(st.sampled_from(list(Exploration))),
            generation_hint=draw_(st.sampled_from([None, -2, -1, 0])),
        )
        for key in KEYS[: draw_(st.integers(0, len(KEYS)))]
    ]
    keys = [m.key for m in members]
    ties = draw_(
        st.lists(
            st.builds(
                Tie, st.sampled_from(list(TieKind)), st.sampled_from(keys), st.sampled_from(keys)
            ),
            max_size=12,
        )
    )
    return members, ties


@settings(max_examples=150, deadline=None)
@given(families())
def test_any_family_is_drawn_the_same_way_twice_and_parses(family) -> None:
    members, ties = family
    first = render_svg(layout(members, ties), title="t", description="d")
    again = render_svg(
        layout(list(reversed(members)), list(reversed(ties))), title="t", description="d"
    )
    assert first == again  # deterministic, whatever order the records come in
    svg = ET.fromstring(first)
    assert set(people(svg)) == {m.key for m in members}
    spots = [(p.x, p.y) for p in layout(members, ties).placed.values()]
    assert len(spots) == len(set(spots))  # no one drawn on top of anyone else
