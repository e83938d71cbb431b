"""The second factor at sign-in (homeward/accounts/two_factor.py): setting up an authenticator app
with a real code, wrong and used codes refused, recovery codes that work once, the gate before
every page, and an administrator's reset. Off unless a test turns it on (HOMEWARD_REQUIRE_2FA),
as in the demo; production always has it (tests/test_settings.py)."""

from __future__ import annotations

import datetime as dt
import re
from base64 import b32encode
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.accounts.models import RecoveryCode, RecoveryCodeDevice
from homeward.audit.models import AuditAction, AuditEntry
from tests.clock import NOW
from tests.factories import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
SET_UP = reverse("accounts:two-factor-set-up")
VERIFY = reverse("accounts:two-factor-verify")
RECOVERY = reverse("accounts:two-factor-recovery")
YOUR_SIGN_IN = reverse("accounts:two-factor")


@pytest.fixture
def required(settings) -> None:
    settings.HOMEWARD_REQUIRE_2FA = True


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the user's authenticator app shows now (or ``steps_ahead`` 30-second steps on)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0 - steps_ahead * device.step, device.digits)
    return f"{value:0{device.digits}d}"


def a_wrong_code(device: TOTPDevice) -> str:
    accepted = {code_for(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


def sign_in(client: Client, user) -> None:
    response = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    recovery = RecoveryCodeDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [f"code{n:04d}" for n in range(10)]
    recovery.add_codes(codes)
    return device, codes


def stored_codes(user) -> list[RecoveryCode]:
    return list(RecoveryCode.objects.filter(device__user=user))


def gated_to(response, step: str, next_url: str) -> bool:
    return response.status_code == 302 and response["Location"] == f"{step}?next={quote(next_url)}"


def actions(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(user=user).order_by("pk").values_list("action", flat=True)
    )


def test_by_default_a_password_is_enough(council, client, settings) -> None:
    """The demo and the rest of the suite sign in with a password alone."""
    assert settings.HOMEWARD_REQUIRE_2FA is False
    user = council.users["social_worker"]
    sign_in(client, user)
    record_url = reverse("children:record", args=[council.child_a.child_id])
    assert client.get(record_url).status_code == 200


def test_setting_up_an_authenticator_app_with_a_real_code(
    council, client, required, time_machine
) -> None:
    user = council.users["social_worker"]
    record_url = reverse("children:record", args=[council.child_a.child_id])
    sign_in(client, user)

    response = client.get(record_url)
    assert gated_to(response, SET_UP, record_url)

    page = client.get(response["Location"])
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = b32encode(device.bin_key).decode()
    # The key as text too (for those who cannot scan), in groups of four, and the QR code inline.
    assert " ".join(key[i : i + 4] for i in range(0, len(key), 4)) in html
    assert re.search(r'<svg class="hw-qr" role="img" aria-label="[^"]+"', html)
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    # Refreshing the page keeps the same key (the app may already have it).
    assert client.get(SET_UP).status_code == 200
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(SET_UP, {"code": a_wrong_code(device), "next": record_url})
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()
    assert "Error: Set up an authenticator app" in wrong.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get(record_url).status_code == 302  # still not through

    time_machine.shift(dt.timedelta(seconds=5))  # past the wait after a wrong code
    confirmed = client.post(SET_UP, {"code": code_for(device), "next": record_url})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{YOUR_SIGN_IN}?next={quote(record_url)}"
    device.refresh_from_db()
    assert device.confirmed is True

    # Ten recovery codes, shown once.
    codes_page = client.get(confirmed["Location"]).content.decode()
    shown = set(re.findall(r"<li><code>(\w+)</code></li>", codes_page))
    stored = stored_codes(user)
    assert len(shown) == len(stored) == 10
    # Each code shown is one stored (as its hash), and each stored one was shown.
    assert all(sum(row.matches(code) for row in stored) == 1 for code in shown)
    assert "You will not see them again" in codes_page
    assert not set(re.findall(r"<code>(\w+)</code>", client.get(YOUR_SIGN_IN).content.decode()))

    assert client.get(record_url).status_code == 200
    second_factor = {AuditAction.TWO_FACTOR_FAILED, AuditAction.TWO_FACTOR_SET_UP}
    assert [a for a in actions(user) if a in second_factor] == [
        AuditAction.TWO_FACTOR_FAILED,
        AuditAction.TWO_FACTOR_SET_UP,
    ]


def test_the_gate_refuses_every_page_until_the_code_is_given(council, client, required) -> None:
    user = council.users["social_worker"]
    device, _codes = enrolled(user)
    sign_in(client, user)
    child = council.child_a.child_id
    pages = [
        "/",
        reverse("children:record", args=[child]),
        reverse("children:change", args=[child]),
        reverse("oversight:timescales", args=[child]),
        reverse("oversight:my-work"),
        reverse("audit:log"),
        "/admin/",
        YOUR_SIGN_IN,
    ]
    for url in pages:
        assert gated_to(client.get(url), VERIFY, url), url
    # No replacing the app with only a password.
    assert gated_to(client.get(SET_UP), VERIFY, "/")
    assert gated_to(client.post(SET_UP, {"code": "123456"}), VERIFY, "/")
    # A form posted before the code is refused too, and nothing is written.
    before = council.child_a.first_name
    posted = client.post(reverse("children:change", args=[child]), {"first_name": "Changed"})
    assert posted.status_code == 302 and posted["Location"].startswith(VERIFY)
    council.child_a.refresh_from_db()
    assert council.child_a.first_name == before
    assert not AuditEntry.objects.filter(user=user, child_id=child).exists()
    assert TOTPDevice.objects.filter(user=user).count() == 1

    # The pages on the way in are open.
    assert client.get(VERIFY).status_code == 200
    assert client.get(RECOVERY).status_code == 200

    target = reverse("children:record", args=[child])
    verified = client.post(VERIFY, {"code": code_for(device), "next": target})
    assert verified.status_code == 302 and verified["Location"] == target
    for url in pages:  # through the gate (to the page, or the role's own refusal)
        assert not client.get(url).get("Location", "").startswith(VERIFY), url
    assert client.get(target).status_code == 200
    assert AuditAction.TWO_FACTOR_VERIFIED in actions(user)


def test_signing_out_is_open_before_the_code(council, client, required) -> None:
    user = council.users["social_worker"]
    enrolled(user)
    sign_in(client, user)
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302 and response["Location"] == SIGN_IN
    assert gated_to(client.get("/"), SIGN_IN, "/")


def test_a_wrong_code_is_refused_audited_and_slows_the_next(
    council, client, required, time_machine
) -> None:
    user = council.users["iro"]
    device, _codes = enrolled(user)
    time_machine.move_to(NOW + dt.timedelta(minutes=1), tick=False)  # still, to read the wait
    sign_in(client, user)

    wrong = client.post(VERIFY, {"code": a_wrong_code(device)})
    assert "The code is not right" in wrong.content.decode()
    assert actions(user)[-1] == AuditAction.TWO_FACTOR_FAILED
    # Straight after, even the right code must wait (django-otp's throttle doubles each time).
    waiting = client.post(VERIFY, {"code": code_for(device)})
    assert "before you enter another code" in waiting.content.decode()
    assert client.get("/").status_code == 302

    not_digits = client.post(VERIFY, {"code": "12ab56"})
    assert "The code must be 6 digits" in not_digits.content.decode()

    time_machine.shift(dt.timedelta(seconds=3))
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get("/").status_code == 200

    # The same code cannot be used again (a code seen over a shoulder).
    client.post(reverse("accounts:sign-out"))
    sign_in(client, user)
    again = client.post(VERIFY, {"code": code_for(device)})
    assert "The code is not right, or it has been used" in again.content.decode()


def test_a_recovery_code_works_once(council, client, required) -> None:
    user = council.users["team_manager"]
    _device, codes = enrolled(user)
    sign_in(client, user)

    typed = " ".join([codes[3][:4].upper(), codes[3][4:].upper()])  # as someone might type it
    used = client.post(RECOVERY, {"code": typed, "next": "/my-work/"})
    assert used.status_code == 302 and used["Location"] == "/my-work/"
    assert client.get("/").status_code == 200
    entry = AuditEntry.objects.filter(user=user).latest("pk")
    assert entry.action == AuditAction.RECOVERY_CODE_USED
    assert entry.summary == "Used a recovery code; 9 left"

    client.post(reverse("accounts:sign-out"))
    sign_in(client, user)
    again = client.post(RECOVERY, {"code": codes[3]})
    assert again.status_code == 200
    assert "The recovery code is not right, or it has been used" in again.content.decode()
    assert client.get("/").status_code == 302
    assert len(stored_codes(user)) == 9


def test_new_recovery_codes_replace_the_old_ones(council, client, required, time_machine) -> None:
    user = council.users["team_manager"]
    device, old = enrolled(user)
    sign_in(client, user)
    client.post(VERIFY, {"code": code_for(device)})

    made = client.post(YOUR_SIGN_IN)
    assert made.status_code == 302
    page = client.get(made["Location"]).content.decode()
    shown = re.findall(r"<li><code>(\w+)</code></li>", page)
    assert len(shown) == 10 and not set(shown) & set(old)
    assert AuditAction.RECOVERY_CODES_NEW in actions(user)

    client.post(reverse("accounts:sign-out"))
    sign_in(client, user)
    assert "not right" in client.post(RECOVERY, {"code": old[0]}).content.decode()
    time_machine.shift(dt.timedelta(seconds=3))  # past the wait after a wrong code
    assert client.post(RECOVERY, {"code": shown[0]}).status_code == 302


def test_an_administrator_resets_a_lost_phone(council, client, required) -> None:
    user = council.users["social_worker"]
    device, _codes = enrolled(user)
    sign_in(client, user)
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get("/").status_code == 200

    call_command("reset_2fa", user.username)

    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCodeDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(device__user=user).exists()
    entry = AuditEntry.objects.filter(user=user).latest("pk")
    assert entry.action == AuditAction.TWO_FACTOR_RESET
    assert "manage.py reset_2fa" in entry.summary
    # The open session lost its verification: set up a new app before anything else.
    assert gated_to(client.get("/"), SET_UP, "/")

    with pytest.raises(CommandError, match="No user has the username 'nobody'"):
        call_command("reset_2fa", "nobody")


def test_no_admin_page_shows_a_users_key_or_recovery_codes() -> None:
    for model in (TOTPDevice, StaticDevice, StaticToken, RecoveryCodeDevice, RecoveryCode):
        assert not admin.site.is_registered(model)
