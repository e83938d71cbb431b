"""The SSDA903 (children looked after) return: its code lists and table columns."""
