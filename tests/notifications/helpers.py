"""Backends for the tests: one that records what it sends, one that always fails."""

from __future__ import annotations

from dataclasses import dataclass, field

from homeward.notifications.backends import SendFailed


@dataclass
class RecordingBackend:
    sent: list[dict] = field(default_factory=list)

    def template_id(self, kind: str) -> str:
        return f"template-{kind}"

    def send(self, *, kind, email_address, personalisation, reference) -> str:
        self.sent.append({"kind": kind, "to": email_address, "personalisation": personalisation})
        return f"notify-{len(self.sent)}"


class FailingBackend(RecordingBackend):
    def send(self, *, kind, email_address, personalisation, reference) -> str:
        raise SendFailed("GOV.UK Notify refused it (400): Can't send to this recipient")


def give_emails(council) -> None:
    for user in council.users.values():
        user.email = f"{user.username}@council.example"
        user.save(update_fields=["email"])
