"""Start-up check: the installation's bank-holiday choices for the early permanence panel are
ones Homeward knows (``homeward.domain.panels``), so a typo stops the server with a clear
message instead of failing on the panel's pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from homeward.domain import panels


@register()
def aepp_settings_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    try:
        panels.schedule_for(
            settings.HOMEWARD_COUNCIL,
            when_panel_day_closed=getattr(settings, "HOMEWARD_AEPP_BANK_HOLIDAY", ""),
            when_cutoff_day_closed=getattr(settings, "HOMEWARD_AEPP_CUTOFF_BANK_HOLIDAY", ""),
        )
    except ValueError as exc:
        return [Error(str(exc), id="panels.E001")]
    return []
