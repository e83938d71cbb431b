"""The Voice tab's life story section shows the life story book and the later life letter due to
the adopters within 10 working days of the adoption ceremony (AAR 2005 reg 35; statutory guidance
on adoption, chapter 5: statutory.toml ``life-story-book`` and ``later-life-letter``), read from
the ledger, with links that record each as given. Clock: Tuesday 24 November 2026."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from django.urls import reverse

from homeward.timescales.models import Expectation
from tests.factories import JourneyEventFactory
from tests.family.test_pages import date_fields

CEREMONY = dt.date(2026, 11, 6)  # a Friday; the tenth working day after is Friday 20 November


def section(response) -> str:
    html = response.content.decode()
    found = re.search(r'id="after-the-adoption-ceremony"(.*?)<h2', html, re.S)
    assert found, "no life story deadlines on the page"
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))))


def test_the_voice_tab_shows_both_due_dates_until_each_is_recorded(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["social_worker"])
    voice = reverse("family:voice", args=[child.child_id])
    assert 'id="after-the-adoption-ceremony"' not in client.get(voice).content.decode()

    JourneyEventFactory(child=child, kind="adoption_ceremony", date=CEREMONY)
    words = section(client.get(voice))
    assert "Life story book given to the adopters by 20 November 2026" in words
    assert "Later life letter given to the adopters by 20 November 2026" in words
    assert words.count("Overdue") == 2
    assert "Adoption Agencies Regulations 2005, reg 35" in words
    add = reverse("children:add-event", args=[child.child_id])
    page = client.get(voice).content.decode()
    assert f'href="{add}?kind=life_story_book_given"' in page
    assert f'href="{add}?kind=later_life_letter_given"' in page

    response = client.post(
        add, {"kind": "life_story_book_given", **date_fields("date", dt.date(2026, 11, 19))}
    )
    assert response.status_code == 302
    (book,) = Expectation.objects.filter(child=child, rule_id="life-story-book")
    assert (book.state, book.met_on) == ("met_on_time", dt.date(2026, 11, 19))
    words = section(client.get(voice))
    assert "given on 19 November 2026" in words
    page = client.get(voice).content.decode()
    assert "?kind=life_story_book_given" not in page
    assert "?kind=later_life_letter_given" in page


def test_who_may_only_read_the_record_sees_the_dates_without_the_links(client, council) -> None:
    child = council.child_a
    JourneyEventFactory(child=child, kind="adoption_ceremony", date=CEREMONY)
    client.force_login(council.users["performance_analyst"])
    response = client.get(reverse("family:voice", args=[child.child_id]))
    assert "by 20 November 2026" in section(response)
    assert "?kind=life_story_book_given" not in response.content.decode()
