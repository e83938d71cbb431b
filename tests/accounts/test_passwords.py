"""The password policy (issue 14): Django's validators with at least 12 characters, and
homeward.accounts.passwords refusing what an attacker would try first against this council's
children's services (NIST SP 800-63B 5.1.1.2: context-specific words, such as the service's
name)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from homeward.accounts.passwords import SERVICE_WORDS
from homeward.demo.builder import DEMO_PASSWORD
from tests.factories import UserFactory


def refusal(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.mark.parametrize(
    "password",
    ["amber-kestrel-lantern", "Correct horse battery staple", "tidal-oboe-quartz-91"],
)
def test_a_long_password_with_nothing_themed_passes(password) -> None:
    assert refusal(password) == []


def test_the_demo_password_passes_the_policy() -> None:
    assert refusal(DEMO_PASSWORD) == []


def test_eleven_characters_are_too_few_and_twelve_enough() -> None:
    assert "at least 12 characters" in " ".join(refusal("kestrel-lan"))
    assert refusal("kestrel-lant") == []


@pytest.mark.parametrize("password", ["qwertyqwerty", "temppassword", "qazwsxedcrfv"])
def test_a_common_password_is_refused(password) -> None:
    assert any("too common" in message for message in refusal(password))


def test_all_digits_are_refused() -> None:
    assert any("entirely numeric" in m for m in refusal("907364518273"))


@pytest.mark.parametrize(
    "password,word",
    [
        ("homeward-demo", "homeward"),  # the demo's old password
        ("H0m3-Ward-kestrel", "homeward"),  # digits for letters, capitals, separators
        ("our-children-first", "children"),
        ("P@ssw0rd-kestrel", "password"),
        ("Welcome-kestrel-1", "welcome"),
        ("lantern-counc1l-oboe", "council"),  # 1 read as l
        ("kestrel-fostering-9", "fostering"),
    ],
)
def test_a_password_with_a_service_word_is_refused_naming_it(password, word) -> None:
    assert word in SERVICE_WORDS
    messages = refusal(password)
    assert messages == [
        f"Your password must not contain the word \u201c{word}\u201d: it is one of the first an "
        "attacker would try here"
    ]


@pytest.mark.parametrize(
    "council,password,word",
    [
        ("dudley", "Dudley-kestrel-lantern", "dudley"),
        ("dudley", "metropolitan-kestrel", "metropolitan"),
        ("durham", "kestrel-DURHAM-lantern", "durham"),
        ("devon", "d3von-kestrel-lantern", "devon"),
        ("devon", "lantern-county-kestrel", "county"),
    ],
)
def test_the_councils_name_is_refused_under_its_profile(settings, council, password, word) -> None:
    settings.HOMEWARD_COUNCIL = council
    assert f"\u201c{word}\u201d" in " ".join(refusal(password))


def test_another_councils_name_is_not_this_councils_theme(settings) -> None:
    settings.HOMEWARD_COUNCIL = "devon"
    assert refusal("Dudley-kestrel-lantern") == []


@pytest.mark.parametrize(
    "password", ["Summer2026!kestrel", "kestrel-winter-25", "2024Autumn-lantern", "kestrelMay2026"]
)
def test_a_season_or_month_with_a_year_is_refused(password) -> None:
    assert refusal(password) == [
        "Your password must not be a season or month with a year, like Summer2026"
    ]


def test_a_season_without_a_year_is_allowed() -> None:
    assert refusal("summer-kestrel-lantern") == []


@pytest.mark.django_db
def test_a_password_like_the_username_is_refused() -> None:
    user = UserFactory(username="kestrel.lantern", first_name="Kestrel", last_name="Lantern")
    assert any("too similar" in m for m in refusal("kestrel.lantern1", user))
