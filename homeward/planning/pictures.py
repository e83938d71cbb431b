"""Pictures for the child's plan: icons from Tabler Icons (https://tabler.io/icons, MIT licence,
installed from npm as ``@tabler/icons``; the licence is in node_modules/@tabler/icons/LICENSE
and README 'My plan for the child'), inlined as SVG so the page and the PDF draw them alike.

Durham asks for the plan "in words and pictures" (002_a77630a273fce245.txt, 'Looked After
Reviews'). Each picture sits beside a heading that says the same, so it is decoration to a
screen reader (``aria-hidden``)."""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

ICONS = settings.BASE_DIR / "node_modules" / "@tabler" / "icons" / "icons" / "outline"
NAME = re.compile(r"^[a-z0-9-]+$")


@lru_cache(maxsize=64)
def svg(name: str) -> SafeString:
    """The icon as inline SVG, or an empty string for a name the set does not have (the heading
    still says what the picture would)."""
    if not NAME.match(name):
        return mark_safe("")
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        return mark_safe("")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'\s*class="[^"]*"', "", text)
    text = re.sub(r'\s*(width|height)="24"', "", text)
    text = text.replace(
        "<svg",
        '<svg class="hw-my-plan__picture" aria-hidden="true" focusable="false" '
        'width="48" height="48"',
        1,
    )
    return mark_safe(" ".join(text.split()))  # noqa: S308 - a file of the installed icon set
