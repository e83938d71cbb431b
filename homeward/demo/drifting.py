"""Which demo children's work drifts. Most of a council's recorded work is on time; a realistic
minority of children (about one in five) has something overdue, so My work and the drift
dashboard show the difference rather than being all red. The same children drift in every
builder (decided by their child ID, so the demo stays the same from its seed)."""

from __future__ import annotations

import zlib

from homeward.children.models import Child

DRIFTING_SHARE = 0.1


def drifts(child_id: str) -> bool:
    """Whether this child's team drifts (a stable hash of the child ID, not a random stream)."""
    return zlib.crc32(f"drift:{child_id}".encode()) % 1000 < DRIFTING_SHARE * 1000


def drifting_children() -> set[int]:
    """The primary keys of the children whose work drifts."""
    return {pk for pk, child_id in Child.objects.values_list("pk", "child_id") if drifts(child_id)}
