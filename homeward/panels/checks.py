"""Start-up check: the installation's choices for the early permanence panel's schedule (its
day, its referral cut-off's day and time, and what happens on bank holidays) are ones Homeward
can use (``homeward.domain.panels.schedule_for``), so a typo stops the server with a message
naming the environment variable and its value instead of failing on the panel's pages.

- panels.E001: HOMEWARD_AEPP_BANK_HOLIDAY or HOMEWARD_AEPP_CUTOFF_BANK_HOLIDAY is not a choice;
- panels.E002: HOMEWARD_AEPP_DAY is not monday..friday;
- panels.E003: HOMEWARD_AEPP_CUTOFF_DAY is not monday..friday;
- panels.E004: HOMEWARD_AEPP_CUTOFF_TIME is not HH:MM on the 24-hour clock;
- panels.E005: the cut-off would not fall before the panel (the cut-off day is the panel's).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from homeward.domain import panels
from homeward.panels.selectors import SCHEDULE_SETTINGS, schedule_choices

IDS = {
    "when_panel_day_closed": "panels.E001",
    "when_cutoff_day_closed": "panels.E001",
    "panel_day": "panels.E002",
    "cutoff_day": "panels.E003",
    "cutoff_time": "panels.E004",
}


def _defaults(council: str) -> dict[str, str]:
    """What a blank setting means under the council's profile (Dudley: monday, wednesday,
    17:00, next_working_day, previous_working_day); nothing for a council without an AEPP."""
    schedule = panels.SCHEDULES.get(council)
    if schedule is None:
        return {}
    return {
        "panel_day": panels.WEEKDAY_SETTINGS[schedule.weekday],
        "cutoff_day": panels.WEEKDAY_SETTINGS[schedule.cutoff_weekday],
        "cutoff_time": f"{schedule.cutoff_time:%H:%M}",
        "when_panel_day_closed": schedule.when_panel_day_closed.value,
        "when_cutoff_day_closed": schedule.when_cutoff_day_closed.value,
    }


def _given(keyword: str, choices: dict[str, str], in_force: str) -> str:
    variable = SCHEDULE_SETTINGS[keyword]
    value = choices[keyword]
    if value.strip():
        return f"{variable} is {value!r}"
    return f"{variable} is not set (so {in_force!r})"


@register()
def aepp_settings_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    choices = schedule_choices()
    defaults = _defaults(settings.HOMEWARD_COUNCIL)
    errors = []
    for problem in panels.schedule_errors(settings.HOMEWARD_COUNCIL, **choices):
        if isinstance(problem, panels.CutoffNotBeforePanel):
            errors.append(
                Error(
                    f"{_given('cutoff_day', choices, problem.cutoff_day)} and "
                    f"{_given('panel_day', choices, problem.panel_day)}: {problem.problem}.",
                    hint="Set HOMEWARD_AEPP_CUTOFF_DAY to a day in the week before the panel "
                    "(the default is the Wednesday before a Monday panel).",
                    id="panels.E005",
                )
            )
            continue
        variable = SCHEDULE_SETTINGS[problem.setting]
        default = defaults.get(problem.setting)
        errors.append(
            Error(
                f"{variable} is {problem.value!r}; {problem.problem}.",
                hint=f"Correct {variable}, or leave it unset for the default"
                + (f" ({default})." if default else "."),
                id=IDS[problem.setting],
            )
        )
    return errors
