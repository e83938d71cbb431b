"""Refuse the passwords an attacker would try first against a council's children's services.

Beside Django's validators (at least 12 characters, not one of 20,000 common passwords, not all
digits, not like the username: ``AUTH_PASSWORD_VALIDATORS``), ``ThemedPasswordValidator``
refuses a password containing:

- a word of the installation's council name (from its profile, ``HOMEWARD_COUNCIL``: "Dudley",
  "Durham", "Devon", "County", ...);
- a word of the service (``SERVICE_WORDS``: "homeward", "children", "password", "welcome", ...);
- a season or month with a year ("Summer2026", "january25", "2024-winter").

Letters written as digits or symbols count as the letters ("P@ssw0rd", "H0meward"), and so do
capitals and separators ("Home-Ward"). The source: NIST SP 800-63B section 5.1.1.2 (compare a
new password against commonly-used and context-specific words, "such as the name of the
service"); NCSC "Password administration for system owners" (block the most common passwords).
The lists are data: add a word here, and tests/accounts/test_passwords.py shows what it refuses.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from homeward.domain.councils import profile_for

SERVICE_WORDS = (
    "homeward",
    "children",
    "childrens",
    "password",
    "welcome",
    "letmein",
    "council",
    "socialwork",
    "fostering",
    "adoption",
    "permanence",
    "qwerty",
)
SEASONS = ("spring", "summer", "autumn", "winter")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Digits and symbols people write for letters; "1" may be an i or an l, so both are tried.
LOOKALIKES = ({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"},)
LOOKALIKES += ({**LOOKALIKES[0], "1": "l"},)
MIN_COUNCIL_WORD = 4  # "Dudley Metropolitan Borough Council": not "of", "and"

_WHEN = "|".join(SEASONS + MONTHS)
SEASON_AND_YEAR = re.compile(rf"(?:{_WHEN})(?:19|20)?\d\d|(?:19|20)?\d\d(?:{_WHEN})")


def council_words() -> tuple[str, ...]:
    """The words of the installation's council name, and its profile's name."""
    profile = profile_for(settings.HOMEWARD_COUNCIL)
    words = re.findall(r"[a-z]+", profile.council_name.lower())
    return tuple(dict.fromkeys([profile.slug, *(w for w in words if len(w) >= MIN_COUNCIL_WORD)]))


def _readings(password: str) -> list[str]:
    """The password as letters only, each way its digits and symbols may be read."""
    lowered = password.lower()
    return [re.sub(r"[^a-z]", "", "".join(m.get(c, c) for c in lowered)) for m in LOOKALIKES]


class ThemedPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        readings = _readings(password)
        for word in (*council_words(), *SERVICE_WORDS):
            if any(word in reading for reading in readings):
                raise ValidationError(
                    f"Your password must not contain the word \u201c{word}\u201d: it is one of the "
                    "first an attacker would try here",
                    code="password_themed",
                    params={"word": word},
                )
        if SEASON_AND_YEAR.search(re.sub(r"[^a-z0-9]", "", password.lower())):
            raise ValidationError(
                "Your password must not be a season or month with a year, like Summer2026",
                code="password_season",
            )

    def get_help_text(self) -> str:
        return (
            "Your password must not contain the council's name, words about the service (such "
            "as \u201chomeward\u201d or \u201cchildren\u201d), or a season or month with a year."
        )
