"""Start-up checks (homeward/accounts/checks.py): production refuses to start while demo users
exist."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from homeward.accounts.checks import demo_users_check, refuse_demo_users_in_production
from homeward.accounts.models import Role, User


def test_production_refuses_to_start_while_demo_users_exist(db, settings) -> None:
    settings.PRODUCTION = True
    refuse_demo_users_in_production()  # none yet: starts
    assert demo_users_check(None, databases=["default"]) == []
    User.objects.create(username="demo-x", role=Role.SOCIAL_WORKER, is_demo=True)
    with pytest.raises(ImproperlyConfigured, match="Demo users exist"):
        refuse_demo_users_in_production()
    assert [e.id for e in demo_users_check(None, databases=["default"])] == ["homeward.E002"]
