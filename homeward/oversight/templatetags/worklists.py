"""Rows of the worklists (deadlines, actions and other dated work, drift), rendered in Python:
My work shows fifty deadlines a page and a template's per-cell tags cost more than the rest of
the page together. Each row is the same
GOV.UK table markup the template would write, with every value escaped (``format_html``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from homeward.children.templatetags.homeward import child_url, govuk_date, status_tag

register = template.Library()


@register.simple_tag
def deadline_row(e: Any, roles: dict[str, str]) -> SafeString:
    """One stored deadline (``Expectation`` read ``as_of`` a day) as a My work table row: the
    child (a link to their Timescales tab), what, due, status and who is responsible."""
    child = e.child
    return format_html(
        '<tr class="govuk-table__row">'
        '<td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a><br>'
        '<span class="govuk-body-s">{}</span></td>'
        '<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell hw-nowrap">{}</td>'
        '<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        child_url(child.child_id, "oversight:timescales"),
        child.list_name,
        child.child_id,
        e.title,
        govuk_date(e.due),
        status_tag(e),
        roles.get(e.responsible, e.responsible),
    )


@register.simple_tag
def task_row(t: Any, one_child: bool = False) -> SafeString:
    """One action, assessment or family time review (``selectors.DatedTask``) as a table row:
    the child (on My work) or what is due (on a child's own page, ``one_child``) as the link to
    where the work is done, then what, due and status."""
    if one_child:
        first = format_html(
            '<td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a><br>'
            '<span class="govuk-body-s">{}</span></td>',
            t.url,
            t.what,
            t.detail,
        )
    else:
        first = format_html(
            '<td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a><br>'
            '<span class="govuk-body-s">{}</span></td>'
            '<td class="govuk-table__cell">{}<br><span class="govuk-body-s">{}</span></td>',
            t.url,
            t.child.list_name,
            t.child.child_id,
            t.what,
            t.detail,
        )
    return format_html(
        '<tr class="govuk-table__row">{}<td class="govuk-table__cell hw-nowrap">{}</td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        first,
        govuk_date(t.due),
        status_tag(t),
    )


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


@register.simple_tag
def drift_row(r: Any) -> SafeString:
    """One child on the drift dashboard (``selectors.DriftRow``) as a table row: the child, team,
    pathway, days in care, what is overdue (the longest overdue and how late), and the permanence
    plan (agreed on a date, or its status and due date)."""
    child = r.child
    if r.overdue:
        overdue = format_html(
            '<strong class="govuk-tag govuk-tag--red">{} overdue</strong><br>'
            '<span class="govuk-body-s">{}, {} days late</span>',
            r.overdue,
            r.worst_title,
            r.worst_days_late,
        )
    else:
        overdue = "None"
    if r.overdue_tasks:
        s = _plural(r.overdue_tasks)
        overdue = format_html(
            '{}<br><span class="govuk-body-s">and {} action{}, assessment{} or review{} '
            "overdue</span>",
            overdue,
            r.overdue_tasks,
            s,
            s,
            s,
        )
    if r.views_gaps:
        overdue = format_html(
            '{}<br><span class="govuk-body-s">{} review{} or meeting{} with no record of the '
            "child’s views</span>",
            overdue,
            r.views_gaps,
            _plural(r.views_gaps),
            _plural(r.views_gaps),
        )
    plan = r.permanence_plan
    if plan is None:
        plan_cell = ""
    elif plan.met_on:
        plan_cell = format_html("Agreed {}", govuk_date(plan.met_on))
    else:
        plan_cell = format_html(
            '{}<br><span class="govuk-body-s">due {}</span>', status_tag(plan), govuk_date(plan.due)
        )
    return format_html(
        '<tr class="govuk-table__row">'
        '<td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a><br>'
        '<span class="govuk-body-s">{}</span></td>'
        '<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
        '<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        child_url(child.child_id, "oversight:timescales"),
        child.list_name,
        child.child_id,
        child.drift_team or "",
        r.pathway[1],
        r.days_in_care,
        overdue,
        plan_cell,
    )
