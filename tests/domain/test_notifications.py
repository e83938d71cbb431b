"""The notification rules as worked examples (homeward/domain/notifications.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.domain import notifications as rules

D = dt.date


def test_weekly_admissions_invites_the_social_worker_and_team_manager() -> None:
    """001 'Notification via weekly admissions report': the permanency coordinator "email[s] SW
    and team manager inviting them to attend"; on the Legal Gateway route the court progression
    manager gives the social worker the date."""
    assert rules.AEPP_INVITEES["weekly_admissions"] == ("social_worker", "team_manager")
    assert rules.AEPP_INVITEES["legal_gateway"] == ("social_worker",)
    assert "001_d6c3849112f62e7d.txt" in rules.TEMPLATES[rules.AEPP_INVITATION].source


def test_a_daily_digest_goes_every_day_and_looks_one_day_ahead() -> None:
    tuesday = D(2026, 11, 24)
    assert rules.digest_due_on("daily", tuesday)
    assert rules.digest_until("daily", tuesday) == D(2026, 11, 25)


def test_a_weekly_digest_goes_on_mondays_and_covers_the_next_seven_days() -> None:
    """Monday 30 November 2026: due; Tuesday 24 November: not; it covers up to 7 December."""
    assert rules.digest_due_on("weekly", D(2026, 11, 30))
    assert not rules.digest_due_on("weekly", D(2026, 11, 24))
    assert rules.digest_until("weekly", D(2026, 11, 30)) == D(2026, 12, 7)


def test_no_digest_is_never_due() -> None:
    assert not rules.digest_due_on("none", D(2026, 11, 30))


def test_a_template_is_filled_as_notify_fills_it() -> None:
    subject, body = rules.render(
        rules.AEPP_INVITATION,
        {"first_name": "Sam", "panel_date": "Monday 7 December 2026", "link": "https://x/go/1/"},
    )
    assert subject == "Invitation: Achieving Early Permanence Panel on Monday 7 December 2026"
    assert body.startswith("Dear Sam,") and body.endswith("https://x/go/1/")


def test_a_missing_value_is_refused() -> None:
    with pytest.raises(KeyError, match="panel_date"):
        rules.render(rules.AEPP_INVITATION, {"first_name": "Sam", "link": "x"})


@pytest.mark.parametrize("key", sorted(rules.TEMPLATES))
def test_no_template_has_a_place_for_a_childs_details(key: str) -> None:
    """Emails carry a link and no child's details (issue 18 item 3)."""
    fields = set(rules.TEMPLATES[key].fields)
    assert "link" in fields and "first_name" in fields
    assert not {f for f in fields if "child" in f or f in {"name", "dob", "surname"}}
    assert rules.TEMPLATES[key].source
