"""The pen picture (issue 15 item 3): drafted from the record, edited by the social worker, and a
version safe to send to carers with no surname, address, school or birth family names
(homeward/domain/pen_picture.py), recorded when sent and to which group of carers, audited."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Relationship
from homeward.domain import pen_picture as pp
from homeward.family.models import SiblingPairDecision
from homeward.matching import routes
from homeward.matching.models import PenPicture, PenPictureSent
from tests.clock import TODAY
from tests.factories import ChildFactory, PersonFactory, PersonInChildsLifeFactory
from tests.family.factories import FamilyTimePlanFactory, sibling_group
from tests.matching.routing import actor, date_data, give_family_finder

# --- The domain: pure -------------------------------------------------------------------------


def test_the_age_is_a_band_never_a_date() -> None:
    assert [pp.age_band(y) for y in (0, 3, 7, 12, 17, None)] == [
        "under 1",
        "aged 1 to 4",
        "aged 5 to 9",
        "aged 10 to 15",
        "aged 16 or over",
        "age not known",
    ]


def test_the_draft_says_interests_needs_siblings_and_family_time() -> None:
    text = pp.draft(
        pp.Facts(
            "Mira",
            7,
            "I love drawing and football.",
            ("a disability (hearing loss)",),
            (pp.Sibling(4, "brother"),),
            (pp.FamilyTime("their mother", "(direct, 2 times a month)"),),
        )
    )
    assert "Mira is a child aged 5 to 9" in text
    assert "I love drawing and football." in text
    assert "hearing loss" in text
    assert "placed together with a brother aged 1 to 4" in text
    assert "family time with their mother (direct, 2 times a month)" in text


LEAKY = (
    "Mira Quenby lives at 14 Larkspur Road, Brierley Hill DY5 3AB and goes to Hill Top "
    "Primary School. Her mother Dana Quenby and her grandad Orrin Pellow visit. Mira likes school "
    "and St Aldric's C of E Academy's football club."
)


@pytest.mark.parametrize(
    "secret",
    ["Quenby", "Dana", "Orrin", "Pellow", "14 Larkspur Road", "DY5 3AB", "Hill Top", "St Aldric"],
)
def test_the_safe_version_has_no_surname_address_school_or_birth_family_name(secret) -> None:
    safe = pp.safe_version(LEAKY, names=["Quenby", "Dana Quenby", "Orrin Pellow"], keep=["Mira"])
    assert secret.lower() not in safe.text.lower()
    assert "Mira" in safe.text and "likes school" in safe.text
    assert any(secret.split()[0] in item for item in safe.removed)


def test_the_childs_own_first_name_stays_even_if_a_relative_shares_it() -> None:
    safe = pp.safe_version("Mira and her aunt Mira", names=["Mira"], keep=["Mira"])
    assert safe.text == "Mira and her aunt Mira" and not safe.removed


# --- On the record ----------------------------------------------------------------------------


@pytest.fixture
def family(council):
    """The matrix's child with a mother and a grandparent, a brother to be placed with her, a
    foster carer (not birth family), family time, and about me."""
    child = council.child_a
    child.first_name, child.last_name, child.about_me = "Mira", "Quenby", "I like drawing."
    child.disability = "Hearing loss"
    child.save()
    mother = PersonInChildsLifeFactory(
        child=child,
        person=PersonFactory(first_name="Dana", last_name="Quenby"),
        relationship=Relationship.MOTHER,
    )
    PersonInChildsLifeFactory(
        child=child,
        person=PersonFactory(first_name="Orrin", last_name="Pellow"),
        relationship=Relationship.GRANDPARENT,
    )
    PersonInChildsLifeFactory(
        child=child,
        person=PersonFactory(first_name="Tamsin", last_name="Carrow"),
        relationship=Relationship.FOSTER_CARER,
    )
    brother = ChildFactory(
        first_name="Jory",
        last_name="Quenby",
        sex="M",
        date_of_birth=TODAY - dt.timedelta(days=1200),
    )
    group = sibling_group(child, brother, name="Quenby siblings")
    SiblingPairDecision.objects.create(
        group=group, child_a=child, child_b=brother, placed="together", decision="together"
    )
    FamilyTimePlanFactory(child=child, with_person=mother)
    return child


def test_the_draft_comes_from_the_record_without_names(family) -> None:
    text = pp.draft(routes.facts(family, TODAY))
    assert text.startswith("Mira is a child aged")
    assert "I like drawing." in text and "Hearing loss" in text
    assert "placed together with a brother aged 1 to 4" in text
    assert "their mother" in text and "2 times a month" in text
    for secret in ("Quenby", "Dana", "Jory", "Orrin", "Pellow"):
        assert secret not in text


def test_the_forbidden_names_are_the_surname_and_the_birth_family(family) -> None:
    names = routes.forbidden_names(family)
    assert {"Quenby", "Dana", "Orrin", "Pellow", "Jory"} <= set(names)
    assert "Tamsin" not in names  # the foster carer is not birth family


def test_the_social_worker_writes_it_and_the_safe_version_leaves_names_out(client, council, family):
    client.force_login(council.users["social_worker"])
    form = client.get(f"/children/{family.child_id}/family-finding/pen-picture/").content.decode()
    assert "Mira is a child aged" in form  # the draft
    response = client.post(
        f"/children/{family.child_id}/family-finding/pen-picture/", {"text": LEAKY}
    )
    assert response.status_code == 302
    assert PenPicture.objects.get(child=family).text == LEAKY
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, child_id=family.child_id, summary="Pen picture written"
    ).exists()
    page = client.get(f"/children/{family.child_id}/family-finding/pen-picture/safe/")
    safe = page.content.decode().split('id="safe-text">', 1)[1].split("</div>", 1)[0]
    for secret in ("Quenby", "Dana", "Orrin", "Pellow", "Larkspur", "DY5", "Hill Top", "Aldric"):
        assert secret not in safe
    assert "Mira" in safe


def test_only_the_social_worker_edits_it(client, council, family):
    client.force_login(council.users["team_manager"])
    response = client.get(f"/children/{family.child_id}/family-finding/pen-picture/")
    assert response.status_code == 403


def test_sending_records_the_group_the_date_and_the_safe_words(client, council, family):
    routes.save_pen_picture(family, LEAKY, actor=actor(council.users["social_worker"]))
    give_family_finder(family, council.users["family_finder"])
    client.force_login(council.users["family_finder"])
    url = f"/children/{family.child_id}/family-finding/pen-picture/send/"
    response = client.post(url, {"to_group": "all_in_house_foster", **date_data("sent_on", TODAY)})
    assert response.status_code == 302
    sent = PenPictureSent.objects.get()
    assert (sent.to_group, sent.sent_on, sent.by) == (
        "all_in_house_foster",
        TODAY,
        council.users["family_finder"],
    )
    for secret in ("Quenby", "Dana", "Orrin", "Pellow", "Larkspur", "DY5", "Hill Top"):
        assert secret not in sent.safe_text
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, child_id=family.child_id)
    assert "all in-house foster carers" in entry.summary
    page = client.get(f"/children/{family.child_id}/family-finding/pen-picture/safe/")
    assert "All in-house foster carers" in page.content.decode()


def test_sending_needs_a_group_and_a_pen_picture(client, council, family):
    client.force_login(council.users["social_worker"])
    url = f"/children/{family.child_id}/family-finding/pen-picture/send/"
    html = client.post(url, date_data("sent_on", TODAY)).content.decode()
    assert "Select who it was sent to" in html
    html = client.post(url, {"to_group": "all_in_house_foster", **date_data("sent_on", TODAY)})
    assert "Write the pen picture before sending it" in html.content.decode()
    assert not PenPictureSent.objects.exists()
