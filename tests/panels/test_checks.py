"""The start-up check of the early permanence panel's settings (homeward/panels/checks.py): a
bad bank-holiday choice, panel day or cut-off stops the installation, naming the setting and the
value (issue 5 item 4, "configurable"; Dudley quick reference guide, 001_d6c3849112f62e7d.txt,
'Achieving early permanence panel')."""

from __future__ import annotations

import pytest

from homeward.panels.checks import aepp_settings_check


def test_an_unknown_bank_holiday_setting_stops_the_installation_at_start_up(settings) -> None:
    assert aepp_settings_check(None) == []
    settings.HOMEWARD_AEPP_BANK_HOLIDAY = "sometimes"
    (error,) = aepp_settings_check(None)
    assert error.id == "panels.E001" and "'sometimes'; it must be one of" in error.msg
    assert error.msg.startswith("HOMEWARD_AEPP_BANK_HOLIDAY is 'sometimes'")


@pytest.mark.parametrize(
    "variables,error_id,words",
    [
        (
            {"HOMEWARD_AEPP_DAY": "munday"},
            "panels.E002",
            "HOMEWARD_AEPP_DAY is 'munday'; it must be one of: monday, tuesday",
        ),
        (
            {"HOMEWARD_AEPP_CUTOFF_DAY": "saturday"},
            "panels.E003",
            "HOMEWARD_AEPP_CUTOFF_DAY is 'saturday'; it must be one of",
        ),
        (
            {"HOMEWARD_AEPP_CUTOFF_TIME": "5pm"},
            "panels.E004",
            "HOMEWARD_AEPP_CUTOFF_TIME is '5pm'; it must be a time on the 24-hour clock as HH:MM",
        ),
        (
            {"HOMEWARD_AEPP_DAY": "friday", "HOMEWARD_AEPP_CUTOFF_DAY": "friday"},
            "panels.E005",
            "HOMEWARD_AEPP_CUTOFF_DAY is 'friday' and HOMEWARD_AEPP_DAY is 'friday': the "
            "cut-off must fall before the panel",
        ),
        (
            {"HOMEWARD_AEPP_DAY": "wednesday"},
            "panels.E005",
            "HOMEWARD_AEPP_CUTOFF_DAY is not set (so 'wednesday') and HOMEWARD_AEPP_DAY is "
            "'wednesday'",
        ),
    ],
)
def test_a_bad_day_or_cutoff_stops_the_installation_at_start_up(
    settings, variables, error_id, words
) -> None:
    for variable, value in variables.items():
        setattr(settings, variable, value)
    (error,) = aepp_settings_check(None)
    assert error.id == error_id
    assert words in error.msg
    assert error.hint


def test_the_start_up_check_reports_every_bad_setting_and_accepts_good_ones(settings) -> None:
    settings.HOMEWARD_AEPP_DAY = "thursday"
    settings.HOMEWARD_AEPP_CUTOFF_DAY = "monday"
    settings.HOMEWARD_AEPP_CUTOFF_TIME = "12:00"
    assert aepp_settings_check(None) == []
    settings.HOMEWARD_AEPP_DAY = "thorsday"
    settings.HOMEWARD_AEPP_CUTOFF_TIME = "noon"
    errors = aepp_settings_check(None)
    assert [e.id for e in errors] == ["panels.E002", "panels.E004"]
    assert "leave it unset for the default (monday)" in errors[0].hint
    assert "leave it unset for the default (17:00)" in errors[1].hint
