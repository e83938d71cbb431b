"""Helpers for the family finding tests: dates as the GOV.UK date input posts them, and the
matrix's child with a family finder allocated."""

from __future__ import annotations

import datetime as dt

from homeward.accounts.actor import Actor
from homeward.accounts.models import User


def date_data(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def actor(user: User) -> Actor:
    return Actor(user=user, role=user.role, council="dudley")


def give_family_finder(child, user: User) -> None:
    child.allocations.filter(ended_on__isnull=True).update(family_finder=user)
