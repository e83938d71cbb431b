"""Presentation helpers: GOV.UK date style, ages, SSDA903 labels."""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe

from homeward.domain import calendar, councils, events
from homeward.domain.ssda903 import codes

register = template.Library()


@register.filter
def govuk_date(value: dt.date | dt.datetime | None) -> str:
    """'14 March 2026', as the GOV.UK style guide writes dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{calendar.govuk_date(value.date())} at {value:%H:%M}"
    return calendar.govuk_date(value)


@register.filter
def age(child: Any) -> str:
    today = timezone.localdate()
    if child.date_of_birth is None:
        if child.expected_date_of_delivery:
            return f"Unborn (due {govuk_date(child.expected_date_of_delivery)})"
        return "Unborn"
    years = child.age_on(today)
    if years == 0:
        months = (
            (today.year - child.date_of_birth.year) * 12 + today.month - child.date_of_birth.month
        )
        if today.day < child.date_of_birth.day:
            months -= 1
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{years} year{'s' if years != 1 else ''}"


@register.filter
def ssda903(code: str, field: str) -> str:
    """The plain-English meaning of an SSDA903 code, e.g. 'C2' with 'LS' -> 'Full care order'."""
    if not code:
        return ""
    try:
        return codes.label(field, code)
    except KeyError:
        return "Not a recognised SSDA903 code"


@register.simple_tag(takes_context=True)
def sort_link(context: Any, key: str) -> dict[str, str]:
    """aria-sort state and the URL to sort a column, for a server-side sortable table."""
    filters = context["filters"]
    base = context.get("sort_query", "")
    current = filters.sort == key
    descending = current and not filters.descending
    href = f"?{base}&sort={key}" if base else f"?sort={key}"
    if descending:
        href += "&order=desc"
    aria = "none"
    if current:
        aria = "descending" if filters.descending else "ascending"
    return {"href": href, "aria": aria}


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)


@register.filter
def readable_source(source: str) -> str:
    """Seed file names in a citation shown with the document's title."""
    return councils.readable_source(source)


# A deadline's status as a GOV.UK tag: colour and words for each of the engine's statuses
# (homeward.domain.timescales.Status), written once for every list that shows one.
STATUS_TAG_COLOURS = {
    "overdue": "red",
    "due_soon": "yellow",
    "upcoming": "blue",
    "met_on_time": "green",
    "met_late": "orange",
    "reached": "turquoise",
    "missed": "pink",
    "no_longer_applies": "grey",
}
STATUS_TAG_WORDS = {
    "due_soon": "Due soon",
    "upcoming": "Upcoming",
    "met_on_time": "Met on time",
    "reached": "Reached",
    "missed": "Missed",
}


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


@register.filter
def status_tag(e: Any) -> str:
    """``{{ e|status_tag }}`` for anything with a ``status`` and ``days_late``: "Overdue 3 days"
    in red, "Met 2 days late" in orange... (a filter, not an include: lists show hundreds)."""
    status = str(e.status)
    late = e.days_late
    if status == "overdue":
        words = f"Overdue {_days(late)}" if late else "Overdue"
    elif status == "met_late":
        words = f"Met {_days(late)} late"
    else:
        words = STATUS_TAG_WORDS.get(status, "No longer applies")
    colour = STATUS_TAG_COLOURS.get(status, "grey")
    # The words are this module's own and numbers: escaped all the same, but without
    # ``format_html``'s per-argument machinery (worklists call this for every row).
    return mark_safe(f'<strong class="govuk-tag govuk-tag--{colour}">{html.escape(words)}</strong>')


@register.filter
def event_label(kind: str) -> str:
    """A journey event kind as people read it: "Placement started"."""
    return events.label(kind)


_CHILD_ID = "child-id-placeholder"


@lru_cache(maxsize=64)
def _child_route(name: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(name, args=[_CHILD_ID]).partition(_CHILD_ID)
    return before, after


@register.filter
def child_url(child_id: str, name: str) -> str:
    """The address of one of a child's pages (``{{ id|child_url:"oversight:timescales" }}``):
    the same as ``{% url name id %}``, but the route is reversed once per page name and then
    only the child's ID changes (worklists show fifty children a page)."""
    before, after = _child_route(name, get_script_prefix())
    # Quoted as ``reverse`` quotes (RFC 3986's sub-delimiters kept); a slash is never in an ID.
    return f"{before}{quote(str(child_id), safe=RFC3986_SUBDELIMS + '~:@')}{after}"
