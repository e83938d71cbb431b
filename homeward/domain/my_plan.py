""" "My plan": the child's own version of their plan, in plain words for their age (issue 17
item 1). Plain Python, no Django: the app gathers the facts, this module words them.

Why: "All children and young people should know their plan and have these shared with them ...
Social worker should develop appropriate ways to communicate the plan to the child which
includes words and pictures, photos, video, profiles of foster carers and family books"
(002_a77630a273fce245.txt, 'Looked After Reviews'); reasons "communicated in a way that is
appropriate to the child's age and understanding" (004_7232501e48845cda.txt, 'Guiding
Principles'); children consulted "sensitively and appropriate to age and understanding" (000_
f860603ee99ef2b2.txt, objective 6).

What the module does:

- ``band_for``: three age bands (under 8, 8 to 12, 13 and over), each with its own wording.
- ``draft``: a suggested text for each section, from facts the app has already reduced to what
  a child may read (first names, roles, dates, the plan's option). The social worker changes
  every section, or leaves it out, before anything is shared.
- ``glossary_for``: the words in the plan a child may not know (PPM, IRO, SGO, placement
  order...), each turned into words for their band.
- ``problems``: what must never reach the child's version, whoever typed it: a full postcode,
  a postcode or address held on the record (the birth family's), another child's name or ID,
  and any case note on the record. Sharing is refused while a section holds one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Final

from homeward.domain.calendar import add_years, govuk_date


class Band(Enum):
    UNDER_8 = "under_8"
    EIGHT_TO_12 = "8_to_12"
    THIRTEEN_PLUS = "13_plus"

    @property
    def label(self) -> str:
        return BAND_LABELS[self]


BAND_LABELS: Final[dict[Band, str]] = {
    Band.UNDER_8: "Under 8",
    Band.EIGHT_TO_12: "8 to 12",
    Band.THIRTEEN_PLUS: "13 and over",
}


def band_for(date_of_birth: dt.date, on: dt.date) -> Band:
    """The child's age band on ``on``: a child is 8 from their eighth birthday, 13 from their
    thirteenth (age as the law counts it)."""
    if on < add_years(date_of_birth, 8):
        return Band.UNDER_8
    if on < add_years(date_of_birth, 13):
        return Band.EIGHT_TO_12
    return Band.THIRTEEN_PLUS


@dataclass(frozen=True)
class Section:
    key: str
    headings: Mapping[Band, str]
    icon: str  # a Tabler icon's name (MIT licence; README 'My plan for the child')
    about: str  # what the section is for, for the worker editing it

    def heading(self, band: Band) -> str:
        return self.headings[band]


def _same(text: str) -> dict[Band, str]:
    return dict.fromkeys(Band, text)


# The sections in the order the child reads them. "You live with", "Your social worker is",
# "What will happen next" and "What you told us" are issue 17's own words.
SECTIONS: Final[tuple[Section, ...]] = (
    Section(
        "home",
        {
            Band.UNDER_8: "Where you live",
            Band.EIGHT_TO_12: "Where you live",
            Band.THIRTEEN_PLUS: "Where you live now",
        },
        "home-heart",
        "Who the child lives with, by first name. Never an address.",
    ),
    Section(
        "people",
        {
            Band.UNDER_8: "People who help you",
            Band.EIGHT_TO_12: "The people who help you",
            Band.THIRTEEN_PLUS: "Who is working with you",
        },
        "users",
        "The social worker and the independent reviewing officer, by name and what they do.",
    ),
    Section(
        "plan",
        {
            Band.UNDER_8: "The plan for you",
            Band.EIGHT_TO_12: "Your plan",
            Band.THIRTEEN_PLUS: "Your plan for the future",
        },
        "route",
        "Where the plan is for the child to grow up, in words they know.",
    ),
    Section(
        "meetings",
        {
            Band.UNDER_8: "Meetings about you",
            Band.EIGHT_TO_12: "Your meetings",
            Band.THIRTEEN_PLUS: "Your meetings and reviews",
        },
        "calendar-event",
        "The next review and planning meetings, and how the child can take part.",
    ),
    Section(
        "next",
        _same("What will happen next"),
        "arrow-right",
        "The next steps, in the order they will happen.",
    ),
    Section(
        "voice",
        _same("What you told us"),
        "message-circle",
        "What the child said, in their own words, and what was done about it.",
    ),
)
SECTION_KEYS: Final[tuple[str, ...]] = tuple(s.key for s in SECTIONS)
BY_KEY: Final[dict[str, Section]] = {s.key: s for s in SECTIONS}


# What the app gathers about the child, already reduced to what a child may read.


@dataclass(frozen=True)
class Meeting:
    kind: str  # "review", "ppm" or "other"
    on: dt.date


@dataclass(frozen=True)
class PlanFacts:
    name: str  # the name the child is called (preferred, else first)
    date_of_birth: dt.date
    home: str = ""  # "foster" | "family" | "parent" | "adoptive" | "childrens_home" | "own" | ""
    carers: tuple[str, ...] = ()  # first names of the people the child lives with
    social_worker: str = ""
    iro: str = ""
    option: str = ""  # the agreed plan's preferred option (homeward.domain.permanence KINDS)
    meetings: tuple[Meeting, ...] = ()  # upcoming, soonest first
    own_words: tuple[str, ...] = ()  # the child's own words, newest first


def _names(names: Iterable[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


HOME_WORDS: Final[dict[str, dict[Band, str]]] = {
    "foster": {
        Band.UNDER_8: "You live with {carers}. They are your {foster_carers}. They look after you "
        "every day.",
        Band.EIGHT_TO_12: "You live with {carers}, your {foster_carers}. They look after you and "
        "help you with school, friends and family time.",
        Band.THIRTEEN_PLUS: "You live with {carers}, your {foster_carers}.",
    },
    "family": {
        Band.UNDER_8: "You live with {carers}. They are part of your family and they look after "
        "you every day.",
        Band.EIGHT_TO_12: "You live with {carers}, who are part of your family or know you well. "
        "They look after you every day.",
        Band.THIRTEEN_PLUS: "You live with {carers}, who are family or friends of your family.",
    },
    "parent": _same("You live with {carers}."),
    "adoptive": {
        Band.UNDER_8: "You live with {carers}. They want to be your family for always.",
        Band.EIGHT_TO_12: "You live with {carers}, who want to be your family for always.",
        Band.THIRTEEN_PLUS: "You live with {carers}, who want to be your family for good.",
    },
    "childrens_home": {
        Band.UNDER_8: "You live in a children's home. Grown-ups there look after you every day.",
        Band.EIGHT_TO_12: "You live in a children's home, where staff look after you every day.",
        Band.THIRTEEN_PLUS: "You live in a children's home. The staff there look after you.",
    },
    "own": _same("You live in your own place, with support from {carers}."),
}

PLAN_WORDS: Final[dict[str, dict[Band, str]]] = {
    "reunification": {
        Band.UNDER_8: "The plan is for you to go back home to live with your family, when it is "
        "safe.",
        Band.EIGHT_TO_12: "The plan is for you to go back to live with your family, when the "
        "grown-ups are sure it is safe.",
        Band.THIRTEEN_PLUS: "The plan is for you to return home to your family, once everyone "
        "agrees it is safe.",
    },
    "connected_care": {
        Band.UNDER_8: "The plan is for you to grow up with people from your family or people "
        "who know you well.",
        Band.EIGHT_TO_12: "The plan is for you to grow up with people from your family or "
        "friends of your family.",
        Band.THIRTEEN_PLUS: "The plan is for you to grow up with family or friends of your family.",
    },
    "sgo": {
        Band.UNDER_8: "The plan is for you to grow up with {carers_or_family}. A judge will say "
        "they can look after you until you are grown up.",
        Band.EIGHT_TO_12: "The plan is for you to grow up with {carers_or_family}. A judge will "
        "make a special guardianship order (SGO), so they can look after you until you are 18.",
        Band.THIRTEEN_PLUS: "The plan is for you to stay with {carers_or_family} under a special "
        "guardianship order (SGO) until you are 18.",
    },
    "cao": {
        Band.UNDER_8: "The plan is for you to grow up with {carers_or_family}. A judge will say "
        "they can look after you.",
        Band.EIGHT_TO_12: "The plan is for you to grow up with {carers_or_family}. A judge will "
        "make a child arrangements order so they can look after you.",
        Band.THIRTEEN_PLUS: "The plan is for you to live with {carers_or_family} under a child "
        "arrangements order.",
    },
    "adoption": {
        Band.UNDER_8: "The plan is for you to be adopted. That means you will have a new family "
        "for always.",
        Band.EIGHT_TO_12: "The plan is for you to be adopted: to grow up in a new family who will "
        "be your family for always.",
        Band.THIRTEEN_PLUS: "The plan is for you to be adopted, so you have a family for life.",
    },
    "foster_for_adoption": {
        Band.UNDER_8: "The plan is for you to live with foster carers who may adopt you and be "
        "your family for always.",
        Band.EIGHT_TO_12: "The plan is for you to live with foster carers who hope to adopt you "
        "and be your family for always.",
        Band.THIRTEEN_PLUS: "The plan is for you to live with foster carers who hope to adopt you.",
    },
    "long_term_fostering": {
        Band.UNDER_8: "The plan is for you to stay with your foster carers and grow up with them.",
        Band.EIGHT_TO_12: "The plan is for you to grow up with foster carers who will look after "
        "you until you are grown up.",
        Band.THIRTEEN_PLUS: "The plan is for you to stay in long-term foster care until you are "
        "18, and to get help when you leave care.",
    },
    "residential": _same(
        "The plan is for you to live in a children's home where staff can help you."
    ),
    "supported_living": _same(
        "The plan is for you to live more on your own, with people to support you."
    ),
    "no_order": _same("The plan is for you to live with your family without a court order."),
}
NO_PLAN_YET: Final[dict[Band, str]] = {
    Band.UNDER_8: "The grown-ups are still working out the best place for you to grow up. We "
    "will tell you when we know.",
    Band.EIGHT_TO_12: "We are still working out where is the best place for you to grow up. We "
    "will tell you as soon as we know, and we want to hear what you think.",
    Band.THIRTEEN_PLUS: "The plan for where you will live in the long term is still being "
    "decided. Your views are part of that decision.",
}

MEETING_WORDS: Final[dict[str, dict[Band, str]]] = {
    "review": {
        Band.UNDER_8: "On {date} there is a meeting about you, called your review.",
        Band.EIGHT_TO_12: "Your next review is on {date}. You can come, or tell us what to say.",
        Band.THIRTEEN_PLUS: "Your next review is on {date}. You can go, chair part of it, or "
        "send your views.",
    },
    "ppm": {
        Band.UNDER_8: "On {date} the grown-ups meet to plan where you will grow up.",
        Band.EIGHT_TO_12: "On {date} there is a permanence planning meeting (PPM) to plan where "
        "you will grow up.",
        Band.THIRTEEN_PLUS: "The next permanence planning meeting (PPM) is on {date}.",
    },
    "other": _same("There is a meeting about you on {date}."),
}

NEXT_WORDS: Final[dict[Band, str]] = {
    Band.UNDER_8: "{worker} will come to see you and talk about this plan with you.",
    Band.EIGHT_TO_12: "{worker} will visit you to talk about this plan. You can ask questions "
    "at any time.",
    Band.THIRTEEN_PLUS: "{worker} will go through this plan with you. If you do not agree with "
    "it, tell them or your IRO, or ask for an advocate.",
}

VOICE_WORDS: Final[dict[Band, str]] = {
    Band.UNDER_8: "You told us:",
    Band.EIGHT_TO_12: "You told us:",
    Band.THIRTEEN_PLUS: "You told us:",
}
NO_VOICE: Final[dict[Band, str]] = {
    Band.UNDER_8: "We want to know what you think. You can tell us, or draw us a picture.",
    Band.EIGHT_TO_12: "We want to know what you think about your plan. You can tell us, write "
    "it down or draw it.",
    Band.THIRTEEN_PLUS: "Your views matter. Tell your social worker or your IRO what you think "
    "of this plan.",
}


def draft(facts: PlanFacts, band: Band) -> dict[str, str]:
    """The suggested words for each section, for the worker to change before anything is
    shared. Built only from ``facts``: no address, no case note, no other child reaches it."""
    carers = _names(facts.carers)
    text: dict[str, str] = {}

    words = HOME_WORDS.get(facts.home)
    if words and (carers or "{carers}" not in words[band]):
        noun = "foster carer" if len(facts.carers) == 1 else "foster carers"
        text["home"] = words[band].format(carers=carers, foster_carers=noun)
    else:
        text["home"] = ""

    people = []
    if facts.social_worker:
        people.append(f"Your social worker is {facts.social_worker}.")
        people.append(
            {
                Band.UNDER_8: "They visit you and make sure you are safe and happy.",
                Band.EIGHT_TO_12: "They visit you, listen to you and make sure the plan happens.",
                Band.THIRTEEN_PLUS: "They are responsible for your plan and for making it happen.",
            }[band]
        )
    if facts.iro:
        people.append(
            {
                Band.UNDER_8: f"{facts.iro} checks that the grown-ups do what they said they "
                "would. They are your IRO.",
                Band.EIGHT_TO_12: f"Your IRO is {facts.iro}. They run your reviews and check "
                "that everyone does what they said they would.",
                Band.THIRTEEN_PLUS: f"Your IRO (independent reviewing officer) is {facts.iro}. "
                "They chair your reviews and can challenge the council for you.",
            }[band]
        )
    text["people"] = " ".join(people)

    plan_words = PLAN_WORDS.get(facts.option)
    text["plan"] = (
        plan_words[band].format(carers_or_family=carers or "people who know you well")
        if plan_words
        else NO_PLAN_YET[band]
    )

    text["meetings"] = " ".join(
        MEETING_WORDS.get(m.kind, MEETING_WORDS["other"])[band].format(date=govuk_date(m.on))
        for m in facts.meetings[:2]
    )

    text["next"] = NEXT_WORDS[band].format(worker=facts.social_worker or "Your social worker")

    said = [w.strip() for w in facts.own_words[:3] if w.strip()]
    text["voice"] = (
        VOICE_WORDS[band] + " " + " ".join(f"“{w}”" for w in said) if said else NO_VOICE[band]
    )
    return text


# The glossary: the words of care planning, turned into words a child knows. Each term lists
# the spellings that bring it into a plan's glossary (matched as whole words, any case).


@dataclass(frozen=True)
class Term:
    term: str
    meanings: Mapping[Band, str]
    spellings: tuple[str, ...] = field(default=())

    def meaning(self, band: Band) -> str:
        return self.meanings[band]


GLOSSARY: Final[tuple[Term, ...]] = (
    Term(
        "Social worker",
        {
            Band.UNDER_8: "A grown-up whose job is to keep you safe and help make your plan.",
            Band.EIGHT_TO_12: "The person whose job is to keep you safe, make your plan and "
            "check it is working.",
            Band.THIRTEEN_PLUS: "The person from the council responsible for your care plan.",
        },
        ("social worker",),
    ),
    Term(
        "IRO",
        {
            Band.UNDER_8: "A grown-up who checks that everyone is looking after you properly.",
            Band.EIGHT_TO_12: "Independent reviewing officer: they run your reviews and check "
            "the council does what it promised.",
            Band.THIRTEEN_PLUS: "Independent reviewing officer: chairs your reviews, checks your "
            "plan is right for you and can challenge the council if it is not.",
        },
        ("iro", "independent reviewing officer"),
    ),
    Term(
        "Review",
        {
            Band.UNDER_8: "A meeting where grown-ups check how you are and if your plan is "
            "still right.",
            Band.EIGHT_TO_12: "A meeting that checks how you are doing and whether your plan is "
            "still right for you. You can go to it.",
            Band.THIRTEEN_PLUS: "A meeting (a Child in Care review) that checks your plan is "
            "still right. You can attend or send your views.",
        },
        ("review", "reviews", "child in care review", "looked after review"),
    ),
    Term(
        "PPM",
        {
            Band.UNDER_8: "A meeting where grown-ups plan where you will grow up.",
            Band.EIGHT_TO_12: "Permanence planning meeting: grown-ups meet to plan where you "
            "will grow up for good.",
            Band.THIRTEEN_PLUS: "Permanence planning meeting: where professionals plan a "
            "long-term home for you.",
        },
        ("ppm", "permanence planning meeting"),
    ),
    Term(
        "Permanence",
        _same("Having a safe, loving home where you can stay while you grow up."),
        ("permanence", "permanent"),
    ),
    Term(
        "Foster carer",
        _same(
            "Someone who looks after children in their home when they cannot live with "
            "their family."
        ),
        ("foster carer", "foster carers", "foster care", "fostering"),
    ),
    Term(
        "SGO",
        {
            Band.UNDER_8: "A judge says someone can look after you until you are grown up.",
            Band.EIGHT_TO_12: "Special guardianship order: a judge says a person, often someone "
            "in your family, can look after you until you are 18.",
            Band.THIRTEEN_PLUS: "Special guardianship order: a court order giving your carer "
            "the right to make most decisions about you until you are 18.",
        },
        ("sgo", "special guardianship", "special guardianship order", "special guardian"),
    ),
    Term(
        "Child arrangements order",
        _same("A judge decides who you live with."),
        ("child arrangements order", "cao"),
    ),
    Term(
        "Care order",
        _same("A judge says the council shares looking after you with your parents."),
        ("care order",),
    ),
    Term(
        "Placement order",
        {
            Band.UNDER_8: "A judge says you can live with a family who will adopt you.",
            Band.EIGHT_TO_12: "A judge says the council can find a family to adopt you.",
            Band.THIRTEEN_PLUS: "A court order that lets the council place you with a family "
            "who want to adopt you.",
        },
        ("placement order",),
    ),
    Term(
        "Adopted",
        _same("When a new family becomes your family for always, by law."),
        ("adopted", "adoption", "adopt"),
    ),
    Term(
        "Family time",
        _same("Time you spend with your family when you do not live with them."),
        ("family time", "contact"),
    ),
    Term(
        "Advocate",
        _same("Someone who helps you say what you want and makes sure you are listened to."),
        ("advocate",),
    ),
    Term(
        "Judge",
        _same("The person in a family court who makes big decisions to keep children safe."),
        ("judge", "court"),
    ),
)


def _has(text: str, words: str) -> bool:
    """Whether ``text`` holds ``words`` as whole words, in any case and with any spacing."""
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    return re.search(rf"(?<![\w-]){pattern}(?![\w-])", text, re.IGNORECASE) is not None


def glossary_for(texts: Iterable[str], band: Band) -> list[tuple[str, str]]:
    """(term, meaning for the band) for each glossary word the texts use, in glossary order."""
    joined = "\n".join(texts)
    return [
        (t.term, t.meaning(band))
        for t in GLOSSARY
        if any(_has(joined, s) for s in (t.spellings or (t.term,)))
    ]


# What never reaches the child's version.

# A full UK postcode (outward and inward code): the council's address data, never a child's
# plan. A district alone ("DY5") is not an address.
FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", re.IGNORECASE)
MIN_NOTE = 12  # a case note shorter than this ("Seen.") is too common a phrase to match


@dataclass(frozen=True)
class Forbidden:
    """What the record holds that the child's version must not: addresses and postcodes (the
    birth family's home and others), other children (name, ID), and case notes (free text
    written for professionals)."""

    addresses: tuple[str, ...] = ()
    other_children: tuple[str, ...] = ()
    case_notes: tuple[str, ...] = ()


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def problems(text: str, forbidden: Forbidden) -> list[str]:
    """Why ``text`` may not be shared with the child (empty: it may). Each message says what to
    take out, without repeating a case note."""
    found: list[str] = []
    seen = _normal(text)
    if FULL_POSTCODE.search(text) or any(
        a.strip() and _normal(a) in seen for a in forbidden.addresses
    ):
        found.append("Take out the address or postcode: a child's plan never holds one")
    for name in forbidden.other_children:
        if name.strip() and _has(text, name):
            found.append(f"Take out {name}: another child's details never go in this plan")
    if any(len(n.strip()) >= MIN_NOTE and _normal(n) in seen for n in forbidden.case_notes):
        found.append(
            "Take out the words copied from a case note: write for the child in your own words"
        )
    return found
