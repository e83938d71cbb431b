"""Rows of the worklists (deadlines, actions and other dated work, drift), rendered in Python:
My work shows fifty deadlines a page and a template's per-cell tags cost more than the rest of
the page together. Each row is the same GOV.UK table markup the template would write, with
every value escaped (``_e``, as ``conditional_escape``: a safe string as it is, anything else
HTML-escaped). A table's rows are one tag (``deadline_rows``, ``task_rows``, ``drift_rows``), so
the template engine resolves one node per table, not one per row; and the rows are f-strings,
not ``format_html``, whose per-argument machinery cost more than the markup."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from homeward.children.templatetags.homeward import child_url, govuk_date, status_tag

register = template.Library()


def _e(value: Any) -> str:
    """``value`` escaped for HTML, as ``conditional_escape`` does it (a safe string as it is)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _deadline_row(e: Any, roles: dict[str, str]) -> str:
    """One stored deadline (``Expectation`` read ``as_of`` a day) as a My work table row: the
    child (a link to their Timescales tab), what, due, status and who is responsible."""
    child = e.child
    return (
        '<tr class="govuk-table__row">'
        f'<td class="govuk-table__cell"><a class="govuk-link" href="'
        f'{_e(child_url(child.child_id, "oversight:timescales"))}">{_e(child.list_name)}</a><br>'
        f'<span class="govuk-body-s">{_e(child.child_id)}</span></td>'
        f'<td class="govuk-table__cell">{_e(e.title)}</td>'
        f'<td class="govuk-table__cell hw-nowrap">{_e(govuk_date(e.due))}</td>'
        f'<td class="govuk-table__cell">{status_tag(e)}</td>'
        f'<td class="govuk-table__cell">{_e(roles.get(e.responsible, e.responsible))}</td></tr>'
    )


@register.simple_tag
def deadline_rows(rows: Iterable[Any], roles: dict[str, str]) -> SafeString:
    """``_deadline_row`` for each of ``rows``, one after the other."""
    return mark_safe("".join(_deadline_row(e, roles) for e in rows))


def _task_row(t: Any, one_child: bool) -> str:
    """One action, assessment or family time review (``selectors.DatedTask``) as a table row:
    the child (on My work) or what is due (on a child's own page, ``one_child``) as the link to
    where the work is done, then what, due and status."""
    if one_child:
        first = (
            f'<td class="govuk-table__cell"><a class="govuk-link" href="{_e(t.url)}">'
            f"{_e(t.what)}</a><br>"
            f'<span class="govuk-body-s">{_e(t.detail)}</span></td>'
        )
    else:
        first = (
            f'<td class="govuk-table__cell"><a class="govuk-link" href="{_e(t.url)}">'
            f"{_e(t.child.list_name)}</a><br>"
            f'<span class="govuk-body-s">{_e(t.child.child_id)}</span></td>'
            f'<td class="govuk-table__cell">{_e(t.what)}<br>'
            f'<span class="govuk-body-s">{_e(t.detail)}</span></td>'
        )
    return (
        f'<tr class="govuk-table__row">{first}'
        f'<td class="govuk-table__cell hw-nowrap">{_e(govuk_date(t.due))}</td>'
        f'<td class="govuk-table__cell">{status_tag(t)}</td></tr>'
    )


@register.simple_tag
def task_rows(tasks: Iterable[Any], one_child: bool = False) -> SafeString:
    """``_task_row`` for each of ``tasks``, one after the other."""
    return mark_safe("".join(_task_row(t, one_child) for t in tasks))


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def _drift_row(r: Any) -> str:
    """One child on the drift dashboard (``selectors.DriftRow``) as a table row: the child, team,
    pathway, days in care, what is overdue (the longest overdue and how late), and the permanence
    plan (agreed on a date, or its status and due date)."""
    child = r.child
    if r.overdue:
        overdue = (
            f'<strong class="govuk-tag govuk-tag--red">{_e(r.overdue)} overdue</strong><br>'
            f'<span class="govuk-body-s">{_e(r.worst_title)}, {_e(r.worst_days_late)} days late'
            "</span>"
        )
    else:
        overdue = "None"
    if r.overdue_tasks:
        s = _plural(r.overdue_tasks)
        overdue = (
            f'{overdue}<br><span class="govuk-body-s">and {_e(r.overdue_tasks)} action{s}, '
            f"assessment{s} or review{s} overdue</span>"
        )
    if r.views_gaps:
        s = _plural(r.views_gaps)
        overdue = (
            f'{overdue}<br><span class="govuk-body-s">{_e(r.views_gaps)} review{s} or '
            f"meeting{s} with no record of the child’s views</span>"
        )
    plan = r.permanence_plan
    if plan is None:
        plan_cell = ""
    elif plan.met_on:
        plan_cell = f"Agreed {_e(govuk_date(plan.met_on))}"
    else:
        plan_cell = (
            f'{status_tag(plan)}<br><span class="govuk-body-s">due {_e(govuk_date(plan.due))}'
            "</span>"
        )
    return (
        '<tr class="govuk-table__row">'
        f'<td class="govuk-table__cell"><a class="govuk-link" href="'
        f'{_e(child_url(child.child_id, "oversight:timescales"))}">{_e(child.list_name)}</a><br>'
        f'<span class="govuk-body-s">{_e(child.child_id)}</span></td>'
        f'<td class="govuk-table__cell">{_e(child.drift_team or "")}</td>'
        f'<td class="govuk-table__cell">{_e(r.pathway[1])}</td>'
        f'<td class="govuk-table__cell govuk-table__cell--numeric">{_e(r.days_in_care)}</td>'
        f'<td class="govuk-table__cell">{overdue}</td>'
        f'<td class="govuk-table__cell">{plan_cell}</td></tr>'
    )


@register.simple_tag
def drift_rows(rows: Iterable[Any]) -> SafeString:
    """``_drift_row`` for each of ``rows``, one after the other."""
    return mark_safe("".join(_drift_row(r) for r in rows))
