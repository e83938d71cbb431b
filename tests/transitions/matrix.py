"""URL parameters for homeward.transitions' pages in the access matrix
(tests/accounts/test_access_matrix.py): a move plan on the matrix's child, made on demand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from homeward.children.models import Child
from homeward.transitions.models import MovePlan
from tests.family.factories import today


def move_plan_for(child: Child, **overrides: Any) -> MovePlan:
    start = today() + dt.timedelta(days=7)
    values: dict[str, Any] = {
        "child": child,
        "moving_to": "Mr and Mrs Hartley",
        "introductions_start": start,
        "introductions_end": start + dt.timedelta(days=10),
        "move_on": start + dt.timedelta(days=11),
        "review_on": start + dt.timedelta(days=5),
        "explaining_to_child": "With the story book made with her foster carer.",
    }
    values.update(overrides)
    return MovePlan.objects.create(**values)


def transitions_url_values(child: Child, params: list[str]) -> dict[str, Any]:
    if "move_plan_id" in params:
        return {"move_plan_id": move_plan_for(child).pk}
    return {}
