"""Presentation of permanence planning: status tags, criteria answers, legal routes."""

from __future__ import annotations

from django import template

from homeward.domain import permanence as rules
from homeward.planning import pictures

register = template.Library()

TAG_CLASSES = {
    "to_explore": "govuk-tag--yellow",
    "being_assessed": "govuk-tag--blue",
    "viable": "govuk-tag--turquoise",
    "preferred": "govuk-tag--green",
    "contingency": "govuk-tag--purple",
    "ruled_out": "govuk-tag--grey",
}


@register.filter
def option_tag(status: str) -> str:
    """The GOV.UK tag colour for an option's status."""
    return TAG_CLASSES.get(status, "govuk-tag--grey")


@register.filter
def status_label(status: str) -> str:
    try:
        return rules.OptionStatus(status).label
    except ValueError:
        return status or "Added"


@register.filter
def met_label(met: str) -> str:
    return rules.Met(met).label


@register.filter
def route_label(route: str) -> str:
    found = rules.ROUTES.get(route)
    return found.label if found else route


@register.filter
def picture(icon: str) -> str:
    """A picture for a section of the child's plan (homeward.planning.pictures)."""
    return pictures.svg(icon)
