"""Where a message goes: GOV.UK Notify in production, the console (the log) for ``make run`` and
the tests. Chosen by ``HOMEWARD_NOTIFY_BACKEND`` (settings.NOTIFY_BACKEND): ``console`` or
``notify``. A backend sends one email or raises ``SendFailed`` saying why."""

from __future__ import annotations

import logging
import uuid
from typing import Protocol

from django.conf import settings

from homeward.domain import notifications as rules

logger = logging.getLogger("homeward.notifications")


class SendFailed(Exception):
    """The message was not sent; the text says why, for the outbox."""


class Backend(Protocol):
    def template_id(self, kind: str) -> str: ...

    def send(
        self, *, kind: str, email_address: str, personalisation: dict[str, str], reference: str
    ) -> str:
        """Send; return the provider's id for the message."""
        ...


class ConsoleBackend:
    """Writes each email (subject and body as Notify would fill them) to the log and stdout's
    ``homeward.notifications`` logger: nothing leaves the machine."""

    def template_id(self, kind: str) -> str:
        return kind

    def send(
        self, *, kind: str, email_address: str, personalisation: dict[str, str], reference: str
    ) -> str:
        subject, body = rules.render(kind, personalisation)
        logger.warning("Email to %s: %s\n%s", email_address, subject, body)
        return f"console-{uuid.uuid4()}"


class NotifyBackend:
    """GOV.UK Notify (notifications-python-client), with the API key and one template ID per
    kind of message from the environment (README "Configuration")."""

    def __init__(self, api_key: str, template_ids: dict[str, str]) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key)
        self.template_ids = template_ids

    def template_id(self, kind: str) -> str:
        return self.template_ids.get(kind, "")

    def send(
        self, *, kind: str, email_address: str, personalisation: dict[str, str], reference: str
    ) -> str:
        from notifications_python_client.errors import APIError

        template_id = self.template_id(kind)
        if not template_id:
            raise SendFailed(f"No Notify template ID is set for {kind} (NOTIFY_TEMPLATE_IDS)")
        try:
            response = self.client.send_email_notification(
                email_address=email_address,
                template_id=template_id,
                personalisation=personalisation,
                reference=reference,
            )
        except APIError as exc:
            raise SendFailed(
                f"GOV.UK Notify refused it ({exc.status_code}): {exc.message}"
            ) from exc
        except Exception as exc:  # the network: a timeout, a refused connection
            raise SendFailed(f"GOV.UK Notify could not be reached: {exc}") from exc
        return str(response.get("id", ""))


def backend() -> Backend:
    if settings.NOTIFY_BACKEND == "notify":
        return NotifyBackend(settings.NOTIFY_API_KEY, settings.NOTIFY_TEMPLATE_IDS)
    return ConsoleBackend()
