"""The rules of practice as plain Python: no Django import, so they are fast and testable."""
