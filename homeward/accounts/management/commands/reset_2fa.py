"""manage.py reset_2fa USERNAME: remove a user's authenticator app and recovery codes (a lost
phone), audited. At their next page they set up a new app."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.accounts import two_factor
from homeward.accounts.models import User


class Command(BaseCommand):
    help = "Reset a user's second factor: they set up a new authenticator app at their next page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"No user has the username {username!r}.") from exc
        removed = two_factor.reset(user, by="an administrator (manage.py reset_2fa)")
        if removed:
            self.stdout.write(
                f"Reset {username}'s second factor: they will set up a new authenticator app "
                "at their next sign-in."
            )
        else:
            self.stdout.write(f"{username} had no second factor set up; nothing to reset.")
