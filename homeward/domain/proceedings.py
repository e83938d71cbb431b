"""Care proceedings: the 26 weeks of the Children Act 1989 s32 and what the court may add.

The deadline itself is a rule (``rules/statutory.toml``, ``care-proceedings-26-weeks``) run by
the engine; what lives here is the limit a form checks before an extension is recorded.
"""

from __future__ import annotations

from typing import Final

# s32(8): each separate extension ends no more than eight weeks after the later of the end of the
# 26 weeks and the end of the most recent extension.
MAX_EXTENSION_WEEKS: Final = 8
