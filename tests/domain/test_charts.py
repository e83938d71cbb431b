"""The reports' bar charts (homeward/domain/charts.py) as accessible SVG: labelled by a title and
a description, one bar per category, each figure written beside its bar, bars over a threshold
hatched and said to be over (colour is never the only cue: WCAG 2.2 1.4.1)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from homeward.domain import charts

SVG = "{http://www.w3.org/2000/svg}"


def _chart(bars, **kwargs):
    svg = charts.bar_chart(
        bars, title="A1 by quarter", description="The figures", id_prefix="a1", **kwargs
    )
    return ET.fromstring(svg)


def test_title_description_and_one_bar_per_category():
    bars = [
        charts.Bar("Q3 2025-26", 415, "415 days (1 child)"),
        charts.Bar("Q4 2025-26", None, "No child qualifies"),
        charts.Bar("Q1 2026-27", 450, "450 days (2 children)", over=True),
    ]
    root = _chart(bars, threshold=426, threshold_words="Threshold 426 days")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "a1-title a1-desc"
    assert root.find(f"{SVG}title").text == "A1 by quarter"
    assert root.find(f"{SVG}desc").text == "The figures"
    groups = root.findall(f"{SVG}g[@class='hw-bar']")
    assert [g.get("data-label") for g in groups] == ["Q3 2025-26", "Q4 2025-26", "Q1 2026-27"]
    words = ["".join(t.text for t in g.findall(f"{SVG}text")) for g in groups]
    assert "415 days (1 child)" in words[0]
    assert "No child qualifies" in words[1] and groups[1].find(f"{SVG}rect") is None
    # Over the threshold: hatched (a pattern, not only another colour) and said in words.
    assert "(over the threshold)" in words[2]
    assert groups[2].find(f"{SVG}rect").get("fill") == "url(#a1-over)"
    assert groups[0].find(f"{SVG}rect").get("fill") == charts.BAR
    assert root.find(f".//{SVG}pattern[@id='a1-over']") is not None
    threshold = root.find(f"{SVG}g[@class='hw-threshold']")
    assert threshold.find(f"{SVG}text").text == "Threshold 426 days"


def test_every_word_is_escaped():
    root = _chart([charts.Bar("<script>&", 3, "3 children <b>")])
    group = root.find(f"{SVG}g[@class='hw-bar']")
    assert group.get("data-label") == "<script>&"
    assert [t.text for t in group.findall(f"{SVG}text")] == ["<script>&", "3 children <b>"]


def test_percentages_scale_to_100_and_the_description_says_every_figure():
    bars = [charts.Bar("Q1", 50, "50% (1 of 2 children)"), charts.Bar("Q2", 100, "100%")]
    root = _chart(bars, scale_to=100)
    widths = [float(r.get("width")) for r in root.findall(f"{SVG}g/{SVG}rect")]
    assert widths == [charts.BAR_AREA / 2, charts.BAR_AREA]
    assert charts.describe(bars, intro="Placements.") == (
        "Placements. Q1: 50% (1 of 2 children); Q2: 100%."
    )
