"""What the ledger tells the apps above it (they listen; it never imports them)."""

from django.dispatch import Signal

# Sent inside the transaction after ``ledger.recompute`` has replaced the stored rows of some
# children, with ``child_ids``: the children whose facts or events changed (one at a time from
# the forms, many at once from the SSDA903 import, the demo and ``recompute_timescales``).
recomputed = Signal()
