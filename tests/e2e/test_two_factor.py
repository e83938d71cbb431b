"""The second factor in a browser at 320 pixels: setting up an authenticator app (QR code and
key as text), the recovery codes shown once, then signing in again with a recovery code. Every
page axe-clean and no wider than the screen."""

from __future__ import annotations

from base64 import b32encode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from homeward.accounts.models import Role
from tests.e2e.helpers import follow, sign_in, title, wider_than_viewport
from tests.factories import PASSWORD, UserFactory


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.mark.e2e
def test_setting_up_and_signing_in_with_a_recovery_code_at_320px(page: Page, settings) -> None:
    settings.HOMEWARD_REQUIRE_2FA = True
    user = UserFactory(username="sam-worker", role=Role.SOCIAL_WORKER)
    page.set_viewport_size({"width": 320, "height": 800})

    sign_in(page, user.username, PASSWORD)
    expect(page).to_have_title(title("Set up an authenticator app"))
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = b32encode(device.bin_key).decode()
    expect(page.locator(".hw-secret")).to_have_text(
        " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    )
    assert wider_than_viewport(page) == []
    # No menu before the second factor, only a way out.
    expect(page.get_by_role("navigation", name="Menu")).to_have_count(0)

    code = page.get_by_label("Code from your authenticator app")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    code.fill(code_for(device))
    follow(page, page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    codes = page.locator(".hw-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert wider_than_viewport(page) == []
    page.get_by_role("button", name="I have saved my recovery codes").focus()
    follow(page, "Enter")
    expect(page).to_have_url("/")

    page.get_by_role("button", name="Menu").click()  # the menu folds away at 320 pixels
    follow(page, page.get_by_role("button", name="Sign out"))
    sign_in(page, user.username, PASSWORD)
    expect(page).to_have_title(title("Enter the code from your authenticator app"))
    follow(page, page.get_by_role("link", name="use a recovery code"))
    expect(page).to_have_title(title("Enter a recovery code"))
    page.get_by_label("Recovery code").fill(codes[0])
    follow(page, page.get_by_role("button", name="Continue"))
    expect(page).to_have_url("/")
