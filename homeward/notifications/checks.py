"""Start-up checks of the notification settings: a backend Homeward cannot use, or GOV.UK Notify
without its key or a template, stops start-up with an error naming the variable."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def notification_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    backend = settings.NOTIFY_BACKEND
    if backend not in {"console", "notify"}:
        problems.append(
            Error(
                f"HOMEWARD_NOTIFY_BACKEND={backend!r}: use 'console' or 'notify'",
                id="notifications.E001",
            )
        )
    if backend == "notify":
        if not settings.NOTIFY_API_KEY:
            problems.append(
                Error("Set NOTIFY_API_KEY to send through GOV.UK Notify", id="notifications.E002")
            )
        for kind, template_id in settings.NOTIFY_TEMPLATE_IDS.items():
            if not template_id:
                problems.append(
                    Error(
                        f"Set NOTIFY_TEMPLATE_{kind.upper()} to the Notify template's ID",
                        id="notifications.E003",
                    )
                )
    if getattr(settings, "PRODUCTION", False):
        if backend == "console":
            problems.append(
                Warning(
                    "HOMEWARD_NOTIFY_BACKEND is 'console': no email leaves Homeward",
                    id="notifications.W001",
                )
            )
        if "127.0.0.1" in settings.HOMEWARD_ADDRESS or "localhost" in settings.HOMEWARD_ADDRESS:
            problems.append(
                Warning(
                    "Set HOMEWARD_ADDRESS to the address staff reach Homeward at: links in emails "
                    f"start with it (now {settings.HOMEWARD_ADDRESS})",
                    id="notifications.W002",
                )
            )
    return problems
