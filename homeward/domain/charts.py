"""Bar charts as accessible inline SVG, for the reports (issue 16 item 3): a ``<title>`` and a
``<desc>`` the chart is labelled by, each bar's figure written beside it in words, and bars over
a threshold hatched and said to be over, so colour is never the only cue (WCAG 2.2 1.4.1). The
data table sits next to every chart on the page; the chart adds nothing the table does not say.
Plain Python: no charting library and no script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

WIDTH: Final = 500
LEFT: Final = 8  # where the bars start; each category's label is written above its bar
BAR_AREA: Final = 200  # the longest bar
ROW: Final = 50
BAR_HEIGHT: Final = 20
TOP: Final = 8
INK: Final = "#0b0c0c"
BAR: Final = "#1d70b8"  # GOV.UK blue: 4.5:1 or more against white
MUTED: Final = "#505a5f"


@dataclass(frozen=True)
class Bar:
    """One bar: its category (a quarter, a stage), its value (``None`` where no child
    qualifies: no bar is drawn, the words say so) and the words written beside it."""

    label: str
    value: int | None
    words: str
    over: bool = False  # beyond the threshold: hatched, and the words say so


def _text(x: float, y: float, words: str, *, anchor: str = "start", weight: str = "normal") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="13" font-family="Arial, sans-serif" fill="{INK}"'
        f' text-anchor="{anchor}" font-weight="{weight}">{escape(words, quote=False)}</text>'
    )


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    id_prefix: str,
    threshold: int | None = None,
    threshold_words: str = "",
    scale_to: int | None = None,
) -> str:
    """Horizontal bars, one per category in the order given, each labelled with its words.
    ``threshold`` draws a dashed line labelled ``threshold_words``; ``scale_to`` fixes the
    scale's top (100 for percentages), otherwise the largest value or the threshold."""
    values = [b.value for b in bars if b.value is not None]
    top = scale_to or max([*values, threshold or 0, 1])
    height = TOP + ROW * max(len(bars), 1) + (ROW if threshold is not None else 8)
    pattern_id = f"{id_prefix}-over"
    # Where the threshold line stands: words start beyond it, so it never runs through them.
    line_x = LEFT + BAR_AREA * threshold / top if threshold is not None else None
    body: list[str] = []
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        words = bar.words + (" (over the threshold)" if bar.over else "")
        body.append(f'<g class="hw-bar" data-label="{escape(bar.label, quote=True)}">')
        body.append(f"<title>{escape(f'{bar.label}: {words}', quote=False)}</title>")
        body.append(_text(LEFT, y + 14, bar.label, weight="bold"))
        y += 20
        length = 0.0
        if bar.value is not None:
            length = max(BAR_AREA * bar.value / top, 2 if bar.value else 0)
            fill = f"url(#{pattern_id})" if bar.over else BAR
            body.append(
                f'<rect x="{LEFT}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}"'
                f' fill="{fill}" stroke="{INK}" stroke-width="1"/>'
            )
        start = max(LEFT + length, line_x or 0) + 6
        body.append(_text(start, y + BAR_HEIGHT - 5, words))
        body.append("</g>")
    if line_x is not None:
        # Dashed through each bar's band only (not through the categories' names above them).
        bottom = TOP + ROW * len(bars)
        segments = "".join(
            f'<line x1="{line_x:.1f}" y1="{TOP + i * ROW + 16}" x2="{line_x:.1f}"'
            f' y2="{TOP + i * ROW + 20 + BAR_HEIGHT + 4}" stroke="{INK}" stroke-width="2"'
            ' stroke-dasharray="6 4"/>'
            for i in range(len(bars))
        )
        body.append(
            f'<g class="hw-threshold">{segments}'
            + _text(line_x, bottom + 18, threshold_words, anchor="middle", weight="bold")
            + "</g>"
        )
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="100%" role="img" class="hw-chart"'
        f' aria-labelledby="{escape(title_id, quote=True)} {escape(desc_id, quote=True)}">'
        f'<title id="{escape(title_id, quote=True)}">{escape(title, quote=False)}</title>'
        f'<desc id="{escape(desc_id, quote=True)}">{escape(description, quote=False)}</desc>'
        f'<defs><pattern id="{escape(pattern_id, quote=True)}" patternUnits="userSpaceOnUse"'
        f' width="8" height="8"><rect width="8" height="8" fill="#ffffff"/>'
        f'<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="{INK}" stroke-width="2"/>'
        f"</pattern></defs>"
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg>"
    )


def describe(bars: Sequence[Bar], *, intro: str) -> str:
    """The chart's description in words: ``intro``, then every bar's label and words."""
    parts = [f"{b.label}: {b.words}{' (over the threshold)' if b.over else ''}" for b in bars]
    return f"{intro} " + "; ".join(parts) + "." if parts else intro
