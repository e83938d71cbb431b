"""A child's pen picture for family finding (issue 15 item 3), and the version safe to send to
carers. Plain Python, no Django.

``draft(facts)`` writes a first version from the record: the child's first name, an age band
(never the date of birth), their interests in their own words ("about me"), their needs in plain
words, brothers and sisters to be placed with them (by age, never by name) and their family time
(who with by relationship, how often). The social worker then edits it.

``safe_version(text, names=...)`` is what may leave the council: issue 15 item 3 says no
surname, no address, no school and no birth family names. It takes out every name it is given
(the child's surname and the birth family's first and last names, whole words, any case), any UK
postcode, anything that looks like a street address and any school's name, and says what it took
out, so the worker can see why a sentence reads oddly. It cannot know a name it is not given:
the worker reads the safe version before it is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

REMOVED: Final = "[removed]"
SOURCE: Final = (
    "Issue 15 item 3: a pen picture generated from the record and edited by the social worker, "
    "with a version safe to send to carers (no surname, no address, no school, no birth family "
    "names); 001_d6c3849112f62e7d.txt 'Family Finding Internal/External' (pen picture sent to "
    "in-house carers)"
)

# The age groups of the Department for Education's 'Children looked after in England'
# statistics (under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over): a band, never a date of birth.
AGE_BANDS: Final = ((1, "under 1"), (5, "aged 1 to 4"), (10, "aged 5 to 9"), (16, "aged 10 to 15"))
AGE_BAND_SOURCE: Final = "DfE 'Children looked after in England' statistics age groups (check)"

# A UK postcode, full or the outward part followed by the inward part (DY5 3AB, dy53ab).
_POSTCODE: Final = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# A street address: a house number and a street ("12 Acacia Road", "4a Mill Lane").
_STREET_WORDS: Final = (
    "road|street|st|avenue|ave|lane|close|drive|way|crescent|place|grove|court|gardens|terrace|"
    "walk|row|hill|view|rise|mews|square|park"
)
_ADDRESS: Final = re.compile(
    rf"\b\d+[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\s+){{1,3}}(?:{_STREET_WORDS})\b\.?", re.IGNORECASE
)
# A school's name: capitalised words before School, Academy, College, Primary... ("Hill Top
# Primary School", "St Mary's C of E Academy"); the word "school" alone is kept.
_SCHOOL_WORDS: Final = "school|academy|college|primary|nursery|infants|juniors|high"
_SCHOOL: Final = re.compile(
    rf"\b(?:[A-Z][\w'.-]*\s+(?:(?:of|the|and|C|E|&)\s+)*)+(?:(?i:{_SCHOOL_WORDS})\b\s*)+",
)


def age_band(years: int | None) -> str:
    if years is None:
        return "age not known"
    for below, band in AGE_BANDS:
        if years < below:
            return band
    return "aged 16 or over"


@dataclass(frozen=True)
class Sibling:
    """A brother or sister to be placed with the child: by age and sex, never by name."""

    years: int | None
    word: str = "brother or sister"  # "brother", "sister"


@dataclass(frozen=True)
class FamilyTime:
    """Family time in plain words: with whom by relationship ("their mother"), how often."""

    with_whom: str
    how_often: str


@dataclass(frozen=True)
class Facts:
    first_name: str
    years: int | None
    about_me: str = ""
    needs: tuple[str, ...] = ()  # plain words: "a disability: hearing loss", "speaks Polish"
    siblings_together: tuple[Sibling, ...] = ()
    family_time: tuple[FamilyTime, ...] = ()


def _sibling(s: Sibling) -> str:
    return f"a {s.word} {age_band(s.years)}" if s.years is not None else f"a {s.word}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def draft(facts: Facts) -> str:
    """A first pen picture from the record, for the social worker to edit."""
    name = facts.first_name
    paragraphs = [f"{name} is a child {age_band(facts.years)} looking for a family."]
    if facts.about_me.strip():
        paragraphs.append(f"In {name}'s own words: {facts.about_me.strip()}")
    if facts.needs:
        paragraphs.append(
            f"{name} needs a family who can meet these needs: {_join(list(facts.needs))}."
        )
    if facts.siblings_together:
        who = _join([_sibling(s) for s in facts.siblings_together])
        paragraphs.append(f"{name} is to be placed together with {who}.")
    if facts.family_time:
        times = _join([f"{t.with_whom} {t.how_often}" for t in facts.family_time])
        paragraphs.append(
            f"{name} has family time with {times}, so the family will need to live within "
            "reach of it."
        )
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class SafeText:
    text: str
    removed: tuple[str, ...]  # what was taken out, in words ("a surname or family name: ...")


def _words(names: Iterable[str]) -> list[str]:
    """Each name, and each word of a name of several words, longest first, no blanks."""
    found: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        found.add(name)
        found.update(w for w in re.split(r"[\s-]+", name) if len(w) > 1)
    return sorted(found, key=lambda w: (-len(w), w))


def safe_version(text: str, *, names: Iterable[str], keep: Iterable[str] = ()) -> SafeText:
    """The text with every name in ``names`` (the child's surname, the birth family's names),
    postcodes, street addresses and school names replaced by "[removed]". A name in ``keep``
    (the child's own first name) stays even if a relative shares it."""
    kept = {k.strip().lower() for k in keep if k.strip()}
    removed: list[str] = []

    def take(pattern: re.Pattern[str], what: str, value: str) -> str:
        def swap(match: re.Match[str]) -> str:
            removed.append(f"{what}: {match.group(0).strip()}")
            return REMOVED + (" " if match.group(0).endswith(" ") else "")

        return pattern.sub(swap, value)

    text = take(_ADDRESS, "an address", text)
    text = take(_POSTCODE, "a postcode", text)
    text = take(_SCHOOL, "a school", text)
    for name in _words(names):
        if name.lower() in kept:
            continue
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])", re.IGNORECASE)
        text = take(pattern, "a name", text)
    return SafeText(text, tuple(removed))


def leaks(text: str, *, names: Iterable[str], keep: Iterable[str] = ()) -> list[str]:
    """What in ``text`` the safe version would take out (empty: safe to send)."""
    return list(safe_version(text, names=names, keep=keep).removed)
