"""Recovery codes are kept only as salted hashes (homeward/accounts/models.py,
``RecoveryCodeDevice``; issue 14): whoever reads the database, or a backup of it, cannot sign in
with them. The codes' use at sign-in is in test_two_factor.py."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homeward.accounts import two_factor
from homeward.accounts.models import RecoveryCode, RecoveryCodeDevice
from homeward.audit.models import AuditAction, AuditEntry
from tests.factories import PASSWORD

YOUR_SIGN_IN = reverse("accounts:two-factor")


def every_value_in_the_database() -> str:
    """Every row of every table, as text, and every session decoded (its data is base64, not
    encrypted): what a copy of the database would give away."""
    rows: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows.extend(repr(row) for row in cursor.fetchall())
    rows.extend(repr(session.get_decoded()) for session in Session.objects.all())
    return "\n".join(rows)


def test_the_database_holds_no_recovery_code_as_it_is(council, settings) -> None:
    """Set up through the pages, as a user does; once the codes have been shown, none of them
    is anywhere in the database, in any case, with or without its hyphen or spaces."""
    settings.HOMEWARD_REQUIRE_2FA = True
    user = council.users["social_worker"]
    client = Client()
    client.post(reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD})
    client.get(reverse("accounts:two-factor-set-up"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    confirmed = client.post(reverse("accounts:two-factor-set-up"), {"code": code})
    assert confirmed.status_code == 302
    page = client.get(confirmed["Location"]).content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", page)
    assert len(codes) == 10

    everything = every_value_in_the_database().lower()
    for code in codes:
        assert code.lower() not in everything
    assert not StaticToken.objects.exists()  # django-otp's plaintext store is not used
    # What is stored: PBKDF2-SHA256, each code with its own salt.
    stored = list(RecoveryCode.objects.filter(device__user=user).values_list("hashed", flat=True))
    assert len(stored) == 10 and all(h.startswith("pbkdf2_sha256$100000$") for h in stored)
    assert len({h.split("$")[2] for h in stored}) == 10

    # And the codes still work: one signs in, once.
    client.post(reverse("accounts:sign-out"))
    client.post(reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD})
    used = client.post(reverse("accounts:two-factor-recovery"), {"code": codes[0].upper()})
    assert used.status_code == 302
    assert two_factor.recovery_codes_left(user) == 9
    assert AuditEntry.objects.filter(user=user, action=AuditAction.RECOVERY_CODE_USED).exists()


def test_the_same_code_is_never_stored_the_same_way_twice(db) -> None:
    first, second = RecoveryCode.hash("abcd2345"), RecoveryCode.hash("abcd2345")
    assert first != second and "abcd2345" not in first


@pytest.mark.parametrize("typed", ["abcd2345", "ABCD2345", "abcd 2345", "abcd-2345"])
def test_a_stored_code_matches_as_the_user_may_type_it(typed) -> None:
    assert RecoveryCode(hashed=RecoveryCode.hash("abcd2345")).matches(typed)


@pytest.mark.parametrize("typed", ["abcd2346", "", "abcd234", "abcd23455"])
def test_a_stored_code_matches_nothing_else(typed) -> None:
    assert not RecoveryCode(hashed=RecoveryCode.hash("abcd2345")).matches(typed)


def test_a_wrong_code_slows_the_next_as_django_otps_static_device_did(council) -> None:
    device = RecoveryCodeDevice.objects.create(user=council.users["iro"], name="Recovery codes")
    device.add_codes(["abcd2345"])
    assert device.verify_token("zzzz9999") is False
    assert device.throttling_failure_count == 1
    assert device.verify_token("abcd2345") is False  # within the wait, even the right code
    assert device.codes.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrates_back")
def test_migrating_hashes_the_codes_users_already_have() -> None:
    """accounts 0003: codes made before it (django-otp's static device, in plaintext) keep
    working, now hashed, and the plaintext is gone."""
    from tests.factories import UserFactory

    user = UserFactory(username="sw-before")
    call_command("migrate", "accounts", "0002", verbosity=0)
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    for token in ("abcd2345", "efgh6789"):
        StaticToken.objects.create(device=static, token=token)
    assert "abcd2345" in every_value_in_the_database()  # as it was

    call_command("migrate", verbosity=0)

    assert not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    device = two_factor.recovery_device(user)
    assert device is not None and device.codes.count() == 2
    assert "abcd2345" not in every_value_in_the_database()
    assert device.verify_token("abcd2345") is True
    assert device.verify_token("abcd2345") is False  # once
    assert two_factor.recovery_codes_left(user) == 1
