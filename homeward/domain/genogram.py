"""The genogram: a child's family network drawn with the usual symbols, generations as rows.

Durham starts the family network with a genogram at the first visit and uses it "to assist the
family identify possible carers" (002_a77630a273fce245.txt 'Family Group Conference/ Network
meetings', 'Family or friends Placement'); Dudley's permanence meeting reviews it "to ensure all
friends and family have been explored" (003_82d866961b2f94a8.txt). So beside who is who, each
person carries where exploring them as a carer stands, in Dudley's Connected People's words
(000_f860603ee99ef2b2.txt 'Connected People's Fostering Team': viability assessments, then the
connected person assessment).

``layout`` places people (deterministically: the same people and ties give the same picture);
``render_svg`` draws the layout as an inline SVG with a title, a description and a legend;
``describe`` writes the text equivalent. Plain Python: the family app turns its records into
``Member`` and ``Tie`` values.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from html import escape


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class Exploration(StrEnum):
    """Where exploring someone as a carer for the child stands (DS 'Connected People's
    Fostering Team': "Viability Assessments and Connected person/Family and Friends Assessments
    (Form C)"; DU 'Family or friends Placement')."""

    NOT_EXPLORED = "not_explored"
    VIABILITY = "viability"
    ASSESSMENT = "assessment"
    RULED_OUT = "ruled_out"
    APPROVED = "approved"
    NOT_A_CARER = "not_a_carer"  # the child, or someone no one would explore (a carer already)


EXPLORATION_LABELS: dict[Exploration, str] = {
    Exploration.NOT_EXPLORED: "Not yet explored",
    Exploration.VIABILITY: "Being explored: viability assessment",
    Exploration.ASSESSMENT: "Being explored: connected person assessment (Form C)",
    Exploration.RULED_OUT: "Ruled out as a carer",
    Exploration.APPROVED: "Approved as a connected carer",
    Exploration.NOT_A_CARER: "Not explored as a carer",
}

# The letter drawn beside a potential carer's symbol: a shape cue, never colour alone.
EXPLORATION_MARKS: dict[Exploration, str] = {
    Exploration.VIABILITY: "V",
    Exploration.ASSESSMENT: "A",
    Exploration.RULED_OUT: "R",
    Exploration.APPROVED: "C",
}


class TieKind(StrEnum):
    MARRIED = "married"
    PARTNERS = "partners"
    SEPARATED = "separated"
    DIVORCED = "divorced"
    PARENT = "parent"  # ``a`` is a parent of ``b``
    TWIN = "twin"


PARTNER_KINDS = frozenset({TieKind.MARRIED, TieKind.PARTNERS, TieKind.SEPARATED, TieKind.DIVORCED})
# Earlier relationships are drawn to the left of the person's present one.
_PARTNER_ORDER = {
    TieKind.DIVORCED: 0,
    TieKind.SEPARATED: 1,
    TieKind.PARTNERS: 2,
    TieKind.MARRIED: 3,
}

TIE_WORDS: dict[TieKind, str] = {
    TieKind.MARRIED: "married to",
    TieKind.PARTNERS: "the partner of",
    TieKind.SEPARATED: "separated from",
    TieKind.DIVORCED: "divorced from",
    TieKind.PARENT: "a parent of",
    TieKind.TWIN: "a twin of",
}


@dataclass(frozen=True)
class Member:
    """One person on the genogram. ``key`` is unique; ``generation_hint`` places someone with
    no parent or partner tie (0 the child's generation, -1 their parents', -2 grandparents')."""

    key: str
    name: str
    sex: Sex = Sex.UNKNOWN
    role: str = ""  # how they are related to the child, in words ("Mother")
    born: dt.date | None = None
    deceased: bool = False
    is_child: bool = False
    exploration: Exploration = Exploration.NOT_A_CARER
    household: str = ""  # people with the same (non-blank) household live together
    generation_hint: int | None = None


@dataclass(frozen=True)
class Tie:
    kind: TieKind
    a: str
    b: str


@dataclass(frozen=True)
class Placed:
    member: Member
    x: int
    y: int
    generation: int


@dataclass(frozen=True)
class Union:
    """Two people drawn side by side with a line between them (``kind`` None: the parents of a
    child whose relationship with each other is not recorded), or one parent alone."""

    left: str
    right: str | None
    kind: TieKind | None


@dataclass(frozen=True)
class Descent:
    """Children of one union (or one parent) under its line."""

    union: Union
    children: tuple[str, ...]
    twins: tuple[tuple[str, str], ...] = ()


@dataclass
class Layout:
    placed: dict[str, Placed]
    unions: list[Union]
    descents: list[Descent]
    width: int
    height: int
    households: dict[str, int] = field(default_factory=dict)  # household name -> its number


SPACING = 170  # between two people's centres in a row
ROW = 150  # between two generations
SIZE = 40  # a symbol's width and height
MARGIN = 90


def _sort_key(member: Member) -> tuple[dt.date, str]:
    return (member.born or dt.date.max, member.key)


def _generations(members: dict[str, Member], ties: Sequence[Tie]) -> dict[str, int]:
    """The child at 0; parents one row above their children; partners and twins on one row.
    Someone no tie reaches takes their hint (else the child's row)."""
    links: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for tie in ties:
        step = -1 if tie.kind is TieKind.PARENT else 0
        links[tie.b].append((tie.a, step))
        links[tie.a].append((tie.b, -step))
    generation: dict[str, int] = {}
    ordered = sorted(
        members.values(), key=lambda m: (not m.is_child, m.generation_hint is None, m.key)
    )
    for start in ordered:
        if start.key in generation:
            continue
        generation[start.key] = 0 if start.is_child else (start.generation_hint or 0)
        queue = [start.key]
        while queue:
            key = queue.pop(0)
            for other, step in sorted(links[key]):
                if other in members and other not in generation:
                    generation[other] = generation[key] + step
                    queue.append(other)
    return generation


def _parents(ties: Sequence[Tie], members: dict[str, Member]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for tie in ties:
        if tie.kind is TieKind.PARENT and tie.a in members and tie.b in members:
            found[tie.b].append(tie.a)
    return {child: tuple(sorted(set(ps))[:2]) for child, ps in found.items()}


def _chains(
    row: list[str], partners: dict[str, dict[str, TieKind]], weight: dict[str, float]
) -> list[list[str]]:
    """The row's people in groups of partners (each group side by side): a person with two
    partners between them, the earlier relationship on the left."""
    seen: set[str] = set()
    chains: list[list[str]] = []
    in_row = set(row)
    for start in sorted(row, key=lambda k: (weight[k], k)):
        if start in seen:
            continue
        component = []
        stack = [start]
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            component.append(key)
            stack.extend(sorted(p for p in partners.get(key, {}) if p in in_row and p not in seen))
        if len(component) == 1:
            chains.append(component)
            continue
        degree = {k: len([p for p in partners.get(k, {}) if p in in_row]) for k in component}
        if max(degree.values()) <= 2 and sum(degree.values()) == 2 * (len(component) - 1):
            # A path: walk it from the end that belongs further left.
            ends = sorted((k for k in component if degree[k] == 1), key=lambda k: (weight[k], k))
            order = [ends[0]]
            while len(order) < len(component):
                nxt = [p for p in partners[order[-1]] if p in in_row and p not in order]
                order.append(sorted(nxt)[0])
            chains.append(order)
            continue
        hub = sorted(component, key=lambda k: (-degree[k], weight[k], k))[0]
        others = sorted(
            (k for k in component if k != hub),
            key=lambda k: (_PARTNER_ORDER.get(partners[hub].get(k, TieKind.PARTNERS), 2), k),
        )
        half = len(others) // 2
        chains.append(others[:half] + [hub] + others[half:])
    return chains


def layout(members: Iterable[Member], ties: Iterable[Tie]) -> Layout:
    """Place each person: generations as rows (oldest at the top), partners side by side,
    children under the line of the union they were born to (so half siblings sit under the
    right parents), and the whole deterministic."""
    by_key = {m.key: m for m in members}
    tie_list = sorted(
        {t for t in ties if t.a in by_key and t.b in by_key and t.a != t.b},
        key=lambda t: (t.kind.value, t.a, t.b),
    )
    generation = _generations(by_key, tie_list)
    parents = _parents(tie_list, by_key)
    partners: dict[str, dict[str, TieKind]] = defaultdict(dict)
    for tie in tie_list:
        if tie.kind in PARTNER_KINDS and generation[tie.a] == generation[tie.b]:
            partners[tie.a][tie.b] = tie.kind
            partners[tie.b][tie.a] = tie.kind
    # Parents of a child with no partner tie between them are still drawn side by side.
    for pair in parents.values():
        if len(pair) == 2 and generation[pair[0]] == generation[pair[1]]:
            a, b = pair
            if b not in partners[a]:
                partners[a][b] = partners[b][a] = TieKind.PARTNERS  # placement only
    implied = {
        frozenset(pair)
        for pair in parents.values()
        if len(pair) == 2
        and not any(t.kind in PARTNER_KINDS and {t.a, t.b} == set(pair) for t in tie_list)
    }
    children_of: dict[str, list[str]] = defaultdict(list)
    for child, pair in parents.items():
        for parent in pair:
            children_of[parent].append(child)

    rows: dict[int, list[str]] = defaultdict(list)
    for key in sorted(by_key):
        rows[generation[key]].append(key)
    levels = sorted(rows)
    x: dict[str, float] = {}

    def place_row(level: int, weight: dict[str, float]) -> None:
        chains = _chains(rows[level], partners, weight)
        chains.sort(key=lambda c: (min(weight[k] for k in c), c[0]))
        order = [k for chain in chains for k in chain]
        rows[level] = order
        for i, key in enumerate(order):
            x[key] = float(i)

    def by_parents(level: int) -> dict[str, float]:
        weight: dict[str, float] = {}
        for key in rows[level]:
            ps = [p for p in parents.get(key, ()) if p in x]
            if ps:
                weight[key] = sum(x[p] for p in ps) / len(ps)
        for key in rows[level]:
            if key not in weight:
                near = [weight[p] for p in partners.get(key, {}) if p in weight]
                weight[key] = min(near) if near else 1e6
        # Brothers and sisters in birth order, twins together.
        rank = {k: i for i, k in enumerate(sorted(rows[level], key=lambda k: _sort_key(by_key[k])))}
        return {k: w + rank[k] * 1e-4 for k, w in weight.items()}

    def by_children(level: int) -> dict[str, float]:
        weight: dict[str, float] = {}
        for key in rows[level]:
            kids = [c for c in children_of.get(key, []) if c in x]
            weight[key] = sum(x[c] for c in kids) / len(kids) if kids else x[key]
        return weight

    # One sweep down, one up, one down again (barycentres), from the order of birth.
    for level in levels:
        place_row(level, by_parents(level) if level != levels[0] else {k: 0.0 for k in rows[level]})
    for level in reversed(levels[:-1]):
        place_row(level, by_children(level))
    for level in levels[1:]:
        place_row(level, by_parents(level))

    # Coordinates: each child as near under its parents' line as the row allows; then again,
    # with those at the top of a line (no parents drawn) over their children of the first pass.
    pos: dict[str, int] = {}
    for _sweep in range(2):
        earlier, pos = pos, {}
        for level in levels:
            cursor = MARGIN
            sibships: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for key in rows[level]:
                sibships[parents.get(key, ())].append(key)
            for key in rows[level]:
                pair = parents.get(key, ())
                want = cursor
                kids = [c for c in children_of.get(key, []) if c in earlier]
                if pair and all(p in pos for p in pair):
                    group = sibships[pair]
                    centre = sum(pos[p] for p in pair) / len(pair)
                    want = round(centre + (group.index(key) - (len(group) - 1) / 2) * SPACING)
                elif kids:
                    centre = sum(earlier[c] for c in kids) / len(kids)
                    co = {p for c in kids for p in parents[c] if p != key and p in rows[level]}
                    side = sum(
                        1 if rows[level].index(p) > rows[level].index(key) else -1 for p in co
                    )
                    want = round(
                        centre - (SPACING / 2 if side > 0 else -SPACING / 2 if side < 0 else 0)
                    )
                pos[key] = max(want, cursor)
                cursor = pos[key] + SPACING
    shift = MARGIN - min(pos.values()) if pos else 0
    top = levels[0] if levels else 0
    placed = {
        key: Placed(
            member=by_key[key],
            x=pos[key] + shift,
            y=MARGIN // 2 + (generation[key] - top) * ROW,
            generation=generation[key],
        )
        for key in pos
    }

    unions: list[Union] = []
    seen: set[frozenset[str]] = set()
    for level in levels:
        order = rows[level]
        for i, a in enumerate(order):
            for b in order[i + 1 :]:
                both = frozenset((a, b))
                if b in partners.get(a, {}) and both not in seen:
                    seen.add(both)
                    kind = None if both in implied else partners[a][b]
                    left, right = sorted((a, b), key=lambda k: placed[k].x)
                    unions.append(Union(left, right, kind))
    union_of = {frozenset((u.left, u.right)): u for u in unions if u.right}
    twins = {frozenset((t.a, t.b)) for t in tie_list if t.kind is TieKind.TWIN}
    descents: list[Descent] = []
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for child, pair in sorted(parents.items()):
        groups[pair].append(child)
    for pair, kids in sorted(groups.items()):
        kids.sort(key=lambda k: placed[k].x)
        union = union_of.get(frozenset(pair)) if len(pair) == 2 else None
        if union is None:
            union = Union(pair[0], pair[1] if len(pair) == 2 else None, None)
        pairs = tuple(
            (a, b) for a, b in zip(kids, kids[1:], strict=False) if frozenset((a, b)) in twins
        )
        descents.append(Descent(union, tuple(kids), pairs))

    households = {
        name: i + 1
        for i, name in enumerate(sorted({m.household for m in by_key.values() if m.household}))
    }
    width = max((p.x for p in placed.values()), default=0) + MARGIN
    height = max((p.y for p in placed.values()), default=0) + ROW
    return Layout(placed, unions, descents, max(width, 2 * MARGIN), height, households)


# Drawing --------------------------------------------------------------------------------------

INK = "#0b0c0c"
CHILD_FILL = "#ffdd00"  # the child: also a double outline and the words "This child"
FILLS: dict[Exploration, str] = {
    Exploration.NOT_EXPLORED: "#ffffff",
    Exploration.VIABILITY: "#d2e2f1",
    Exploration.ASSESSMENT: "#bbd4ea",
    Exploration.RULED_OUT: "#f3f2f1",
    Exploration.APPROVED: "#cce2d8",
    Exploration.NOT_A_CARER: "#ffffff",
}


def _attrs(**values: object) -> str:
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value), quote=True)}"'
        for name, value in values.items()
    )


def _el(tag: str, **values: object) -> str:
    return f"<{tag}{_attrs(**values)}/>"


def _text(
    x: float,
    y: float,
    words: str,
    *,
    size: int = 12,
    weight: str = "normal",
    anchor: str = "middle",
) -> str:
    return (
        "<text"
        + _attrs(x=x, y=y, font_size=size, font_weight=weight, text_anchor=anchor, fill=INK)
        + _attrs(font_family="Arial, sans-serif")
        + f">{escape(words, quote=False)}</text>"
    )


def _symbol(cx: float, cy: float, member: Member, *, scale: float = 1.0) -> list[str]:
    half = SIZE / 2 * scale
    fill = CHILD_FILL if member.is_child else FILLS[member.exploration]
    dash = {"stroke_dasharray": "5 3"} if member.exploration is Exploration.NOT_EXPLORED else {}
    common = {"fill": fill, "stroke": INK, "stroke_width": 2, **dash}

    def outline(h: float, style: dict[str, object]) -> str:
        if member.sex is Sex.MALE:
            return _el("rect", x=cx - h, y=cy - h, width=2 * h, height=2 * h, **style)
        if member.sex is Sex.FEMALE:
            return _el("circle", cx=cx, cy=cy, r=h, **style)
        points = f"{cx},{cy - h} {cx + h},{cy} {cx},{cy + h} {cx - h},{cy}"
        return _el("polygon", points=points, **style)

    parts = [outline(half, common)]
    if member.is_child:
        parts.append(outline(half - 5 * scale, {"fill": "none", "stroke": INK, "stroke_width": 2}))
    if member.deceased:
        d = half * (0.7 if member.sex is Sex.UNKNOWN else 1.0)
        parts.append(
            _el("line", x1=cx - d, y1=cy - d, x2=cx + d, y2=cy + d, stroke=INK, stroke_width=2)
        )
        parts.append(
            _el("line", x1=cx - d, y1=cy + d, x2=cx + d, y2=cy - d, stroke=INK, stroke_width=2)
        )
    mark = EXPLORATION_MARKS.get(member.exploration)
    if mark and not member.is_child and scale == 1.0:
        parts += _badge(cx + half + 2, cy - half - 12, mark)
    return parts


def _badge(x: float, y: float, mark: str) -> list[str]:
    """A potential carer's letter in a box (V, A, R, C: see the key)."""
    box = _el("rect", x=x, y=y, width=16, height=16, fill="#ffffff", stroke=INK, stroke_width=1.5)
    return [box, _text(x + 8, y + 12.5, mark, size=12, weight="bold")]


def _partner_line(x1: float, x2: float, y: float, kind: TieKind | None) -> list[str]:
    parts = []
    if kind is TieKind.MARRIED:
        parts.append(_el("line", x1=x1, y1=y - 3, x2=x2, y2=y - 3, stroke=INK, stroke_width=2))
        parts.append(_el("line", x1=x1, y1=y + 3, x2=x2, y2=y + 3, stroke=INK, stroke_width=2))
    elif kind is None:
        parts.append(
            _el(
                "line", x1=x1, y1=y, x2=x2, y2=y, stroke=INK, stroke_width=2, stroke_dasharray="2 4"
            )
        )
    else:
        parts.append(_el("line", x1=x1, y1=y, x2=x2, y2=y, stroke=INK, stroke_width=2))
    slashes = {TieKind.SEPARATED: 1, TieKind.DIVORCED: 2}.get(kind) if kind else None
    mid = (x1 + x2) / 2
    for i in range(slashes or 0):
        off = (i - ((slashes or 1) - 1) / 2) * 8
        parts.append(
            _el(
                "line",
                x1=mid + off - 5,
                y1=y + 9,
                x2=mid + off + 5,
                y2=y - 9,
                stroke=INK,
                stroke_width=2,
            )
        )
    return parts


LEGEND_ROW = 26


def _legend(top: float) -> tuple[list[str], float]:
    parts = [_text(MARGIN / 3, top, "Key", size=14, weight="bold", anchor="start")]
    y = top + LEGEND_ROW
    entries: list[tuple[Member | TieKind | None, str]] = [
        (Member("k1", "", Sex.MALE), "Male"),
        (Member("k2", "", Sex.FEMALE), "Female"),
        (Member("k3", "", Sex.UNKNOWN), "Another gender, or not known"),
        (Member("k4", "", Sex.FEMALE, is_child=True), "This child (double outline)"),
        (Member("k5", "", Sex.MALE, deceased=True), "Died (a cross)"),
        (
            Member("k6", "", Sex.FEMALE, exploration=Exploration.NOT_EXPLORED),
            "Dashed outline: not yet explored as a carer",
        ),
    ]
    entries += [
        (Member(f"k{mark}", "", Sex.UNKNOWN, exploration=e), f"{mark}: {EXPLORATION_LABELS[e]}")
        for e, mark in EXPLORATION_MARKS.items()
    ]
    entries += [
        (TieKind.MARRIED, "Married (double line)"),
        (TieKind.PARTNERS, "Partners (single line)"),
        (TieKind.SEPARATED, "Separated (one slash)"),
        (TieKind.DIVORCED, "Divorced (two slashes)"),
        (None, "Parents whose relationship is not recorded (dotted line)"),
    ]
    x0 = MARGIN / 3
    for sample, words in entries:
        if isinstance(sample, Member):
            mark = EXPLORATION_MARKS.get(sample.exploration)
            if mark:
                parts += _badge(x0 + 4, y - 13, mark)
            else:
                parts += _symbol(x0 + 12, y - 4, sample, scale=0.45)
        else:
            parts += _partner_line(x0, x0 + 28, y - 4, sample)
        parts.append(_text(x0 + 44, y, words, size=12, anchor="start"))
        y += LEGEND_ROW
    return parts, y


def _label_lines(member: Member) -> list[str]:
    lines = [member.name]
    life = []
    if member.born:
        life.append(f"b. {member.born.year}")
    if member.deceased:
        life.append("died")
    role = "This child" if member.is_child else member.role
    second = ", ".join(x for x in [role, *life] if x)
    if second:
        lines.append(second)
    return lines


def render_svg(plan: Layout, *, title: str, description: str, id_prefix: str = "genogram") -> str:
    """The genogram as an inline SVG (``role="img"``, labelled by its ``<title>`` and
    ``<desc>``). Every word is escaped; the symbols carry their meaning in shape, outline,
    marks and letters, so colour is never the only cue."""
    body: list[str] = ['<g data-part="lines">']
    half = SIZE / 2
    for union in plan.unions:
        left = plan.placed[union.left]
        if union.right is None:
            continue
        right = plan.placed[union.right]
        body += _partner_line(left.x + half, right.x - half, left.y, union.kind)
    for descent in plan.descents:
        left = plan.placed[descent.union.left]
        if descent.union.right is not None:
            right = plan.placed[descent.union.right]
            top_x: float = (left.x + right.x) / 2
            top_y: float = left.y
        else:
            # From under the parent's name, so the line never runs through it.
            top_x, top_y = left.x, left.y + half + 40
        kids = [plan.placed[k] for k in descent.children]
        bar_y = min(k.y for k in kids) - half - 25
        twin_of = {}
        for a, b in descent.twins:
            twin_of[a] = twin_of[b] = (plan.placed[a].x + plan.placed[b].x) / 2
        drops = [twin_of.get(k.member.key, k.x) for k in kids]
        lo, hi = min([top_x, *drops]), max([top_x, *drops])
        body.append(_el("line", x1=top_x, y1=top_y, x2=top_x, y2=bar_y, stroke=INK, stroke_width=2))
        body.append(_el("line", x1=lo, y1=bar_y, x2=hi, y2=bar_y, stroke=INK, stroke_width=2))
        for kid, drop in zip(kids, drops, strict=True):
            body.append(
                _el(
                    "line", x1=drop, y1=bar_y, x2=kid.x, y2=kid.y - half, stroke=INK, stroke_width=2
                )
            )
    body.append("</g>")
    for key in sorted(plan.placed, key=lambda k: (plan.placed[k].y, plan.placed[k].x)):
        p = plan.placed[key]
        member = p.member
        body.append(f'<g data-key="{escape(key, quote=True)}">')
        body.append(f"<title>{escape(_person_summary(member), quote=False)}</title>")
        body += _symbol(p.x, p.y, member)
        for i, line in enumerate(_label_lines(member)):
            weight = "bold" if member.is_child and i == 0 else "normal"
            body.append(_text(p.x, p.y + half + 16 + i * 15, line, weight=weight))
        if member.household:
            body.append(
                _text(
                    p.x - half - 4,
                    p.y + half,
                    f"H{plan.households[member.household]}",
                    size=11,
                    weight="bold",
                    anchor="end",
                )
            )
        body.append("</g>")
    legend, bottom = _legend(plan.height)
    for name, number in plan.households.items():
        legend.append(
            _text(MARGIN / 3, bottom, f"H{number}: live together ({name})", anchor="start")
        )
        bottom += LEGEND_ROW
    width = max(plan.width, 520)
    height = bottom
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        + _attrs(width=width, height=height, role="img", class_="hw-genogram")
        + _attrs(aria_labelledby=f"{title_id} {desc_id}")
        + ">"
        + f'<title id="{escape(title_id, quote=True)}">{escape(title, quote=False)}</title>'
        + f'<desc id="{escape(desc_id, quote=True)}">{escape(description, quote=False)}</desc>'
        + _el("rect", x=0, y=0, width=width, height=height, fill="#ffffff")
        + "".join(body)
        + '<g data-part="key">'
        + "".join(legend)
        + "</g>"
        + "</svg>"
    )


# Words ----------------------------------------------------------------------------------------


def _person_summary(member: Member) -> str:
    bits = ["this child" if member.is_child else (member.role or "in the family network")]
    if member.born:
        bits.append(f"born {member.born.year}")
    if member.deceased:
        bits.append("died")
    if not member.is_child and member.exploration is not Exploration.NOT_A_CARER:
        bits.append(EXPLORATION_LABELS[member.exploration].lower())
    return f"{member.name}: " + ", ".join(bits)


def describe(members: Iterable[Member], ties: Iterable[Tie]) -> list[str]:
    """The text equivalent: a sentence per person, then one per relationship, then who lives
    together, in a fixed order."""
    by_key = {m.key: m for m in members}
    ordered = sorted(by_key.values(), key=lambda m: (not m.is_child, m.name, m.key))
    lines = [_person_summary(m) + "." for m in ordered]
    for tie in sorted(
        {t for t in ties if t.a in by_key and t.b in by_key and t.a != t.b},
        key=lambda t: (by_key[t.a].name, t.kind.value, by_key[t.b].name),
    ):
        lines.append(f"{by_key[tie.a].name} is {TIE_WORDS[tie.kind]} {by_key[tie.b].name}.")
    homes: dict[str, list[str]] = defaultdict(list)
    for m in ordered:
        if m.household:
            homes[m.household].append(m.name)
    for name in sorted(homes):
        people = homes[name]
        if len(people) > 1:
            lines.append(f"{', '.join(people[:-1])} and {people[-1]} live together ({name}).")
        else:
            lines.append(f"{people[0]} lives at {name}.")
    return lines


def not_yet_explored(members: Iterable[Member]) -> int:
    """How many people in the network no one has yet explored as a carer (DM: "all friends
    and family have been explored")."""
    return sum(1 for m in members if not m.is_child and m.exploration is Exploration.NOT_EXPLORED)
