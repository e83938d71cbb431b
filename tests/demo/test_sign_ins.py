"""The sign-in list `make run` prints (``manage.py demo --sign-ins``): a sign-in whose only work is
another council's sign-offs says so, and how to run the demo as that council, rather than
offering an empty account silently."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


def sign_ins() -> dict[str, str]:
    out = StringIO()
    call_command("demo", sign_ins=True, stdout=out)
    return {line.split()[0]: line for line in out.getvalue().splitlines() if line.startswith("  ")}


@pytest.mark.parametrize(
    ("council", "idle", "busy", "where"),
    [
        ("dudley", "strategic-manager", "agency-decision-maker", "durham"),
        ("durham", "agency-decision-maker", "strategic-manager", "dudley"),
    ],
)
def test_a_sign_in_with_nothing_to_do_under_the_council_says_where_it_has(
    settings, council, idle, busy, where
) -> None:
    """Durham's procedures ask the strategic manager to agree entries into proceedings and
    reunification plans; Dudley's ask the agency decision maker to authorise a placement with
    parents (homeward.domain.sign_offs.REQUIREMENTS)."""
    settings.HOMEWARD_COUNCIL = council
    lines = sign_ins()
    assert f"HOMEWARD_COUNCIL={where} make run" in lines[idle]
    assert "nothing to sign off" in lines[idle]
    assert "nothing" not in lines[busy]
    assert "nothing" not in lines["social-worker"]


def test_under_devon_neither_signer_has_anything_to_sign_off(settings) -> None:
    settings.HOMEWARD_COUNCIL = "devon"
    lines = sign_ins()
    assert "HOMEWARD_COUNCIL=durham" in lines["strategic-manager"]
    assert "HOMEWARD_COUNCIL=dudley" in lines["agency-decision-maker"]
