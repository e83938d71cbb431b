"""Invented names for the demo council: given names by sex, so a child recorded "Female" or a
mother is never called Louie or Marek (and the genogram draws each person with the sex their
name reads as), and family surnames apart from foster carers' surnames, so a carer never reads
as a relative. Surnames are made-up place-like compounds: no real child or family is described.
"""

from __future__ import annotations

import random

CHILD_FEMALE = (
    "Ava", "Mia", "Isla", "Lily", "Freya", "Ella", "Grace", "Ruby", "Evie", "Poppy", "Daisy",
    "Rosie", "Willow", "Maya", "Aria", "Zara", "Hana", "Amara", "Zofia", "Ama", "Anaya", "Layla",
    "Chloe", "Niamh",
)  # fmt: skip
CHILD_MALE = (
    "Noah", "Leo", "Oscar", "Arlo", "Theo", "Jack", "Harry", "Alfie", "Finley", "Jacob",
    "Reuben", "Ezra", "Louie", "Roman", "Ollie", "Kai", "Yusuf", "Tomasz", "Kofi", "Ravi",
    "Bilal", "Ethan", "Mason",
)  # fmt: skip
ADULT_FEMALE = (
    "Claire", "Dawn", "Kelly", "Gemma", "Leanne", "Sarah", "Nicola", "Emma", "Stacey",
    "Joanne", "Michelle", "Donna", "Farah", "Agnieszka", "Abena",
)  # fmt: skip
ADULT_MALE = (
    "Lee", "Wayne", "Darren", "Craig", "Paul", "Mark", "Gary", "Dean", "Carl", "Shaun", "Adeel",
    "Marek", "Kwame",
)  # fmt: skip

FEMALE, MALE = "F", "M"  # SSDA903 SEX codes (homeward.domain.ssda903.codes.SEX)
_SEX_OF = {
    **{name: FEMALE for name in CHILD_FEMALE + ADULT_FEMALE},
    **{name: MALE for name in CHILD_MALE + ADULT_MALE},
}

# Family surnames: children, parents and relatives.
SURNAME_STARTS = (
    "Ash", "Birch", "Cold", "Elm", "Fern", "Glen", "Hazel", "Kings", "Marl", "Oak", "Pen", "Red",
    "Stone", "Thorn", "West", "Wil",
)  # fmt: skip
SURNAME_ENDS = (
    "brook", "by", "croft", "dale", "field", "ford", "ham", "ley", "more", "ton", "well", "wood",
)  # fmt: skip
# Foster carers' surnames: other beginnings and endings, so none is a family's surname.
CARER_SURNAME_STARTS = (
    "Alder", "Brack", "Cran", "Dun", "Ever", "Fal", "Gor", "Hal", "Lang", "Mor", "Nor", "Rav",
)  # fmt: skip
CARER_SURNAME_ENDS = ("bury", "combe", "hurst", "leigh", "mere", "stow", "wick", "worth")


def first_name(rng: random.Random, sex: str, *, adult: bool) -> str:
    """A given name for the sex (SSDA903 code); either list when the sex is not known."""
    female, male = (ADULT_FEMALE, ADULT_MALE) if adult else (CHILD_FEMALE, CHILD_MALE)
    if sex == FEMALE:
        return rng.choice(female)
    if sex == MALE:
        return rng.choice(male)
    return rng.choice(female + male)


def sex_of(name: str) -> str:
    """The sex (SSDA903 code) a demo given name reads as; "" for a name not from these lists."""
    return _SEX_OF.get(name, "")


def surname(rng: random.Random) -> str:
    return rng.choice(SURNAME_STARTS) + rng.choice(SURNAME_ENDS)


def carer_surname(rng: random.Random) -> str:
    return rng.choice(CARER_SURNAME_STARTS) + rng.choice(CARER_SURNAME_ENDS)
