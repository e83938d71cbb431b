"""Presentation helpers shared by every list (homeward/children/templatetags/homeward.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from homeward.children.templatetags.homeward import child_url


@pytest.mark.parametrize("name", ["oversight:timescales", "children:record", "planning:plan"])
@pytest.mark.parametrize("child_id", ["1072547", "T000003", "A 1?#&"])
def test_child_url_is_the_same_address_as_reversing_it(name: str, child_id: str) -> None:
    """The worklists build fifty links a page from a route reversed once: the address must be
    exactly what ``{% url %}`` gives, whatever the child's ID holds."""
    assert child_url(child_id, name) == reverse(name, args=[child_id])
