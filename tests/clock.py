"""The instant every test runs at (tests/conftest.py travels there with time-machine), so no test
depends on the day it is run.

Tuesday 24 November 2026, 10:00 in London: a working day in term time, before the 5pm cut-off
on Wednesday for Monday 30 November's early permanence panel, and with Christmas and the Boxing
Day substitute bank holiday (Monday 28 December 2026) a few weeks ahead.
"""

import datetime as dt
from zoneinfo import ZoneInfo

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/London"))
TODAY = NOW.date()
