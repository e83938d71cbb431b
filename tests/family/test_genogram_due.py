"""When the genogram is due, on the Family tab and the genogram page, from the ledger. Durham:
"the completion of a genogram ... should be completed at the initial visit following the
referral"; "a family network meeting should take place within 15 days from the initial referral"
(002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'; durham.toml rules
``genogram`` and ``family-network-meeting``). Dudley's and Devon's documents set the genogram no
date, so their pages say nothing of one. Dates worked by hand from those sentences; the clock is
frozen at Tuesday 24 November 2026 (tests/clock.py)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from homeward.timescales.models import Expectation
from tests.factories import JourneyEventFactory
from tests.family.test_pages import date_fields

REFERRAL = dt.date(2026, 11, 2)
# Within 15 days from the referral: Tuesday 17 November 2026.
NETWORK_MEETING_DUE = dt.date(2026, 11, 17)
INITIAL_VISIT = dt.date(2026, 11, 9)  # the genogram is due that day


def inset(response) -> str:
    """The words of the "when the genogram is due" box, or "" when the page has none."""
    html = response.content.decode()
    found = re.search(r'<div class="govuk-inset-text" id="genogram-due">(.*?)</div>', html, re.S)
    if not found:
        return ""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))).strip()


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


def pages(child) -> list[str]:
    return [
        reverse("family:family", args=[child.child_id]),
        reverse("family:genogram", args=[child.child_id]),
    ]


def test_durham_before_the_initial_visit_the_genogram_comes_before_the_network_meeting(
    sw, council, settings
) -> None:
    settings.HOMEWARD_COUNCIL = "durham"
    child = council.child_a
    JourneyEventFactory(child=child, kind="referral", date=REFERRAL)
    for url in pages(child):
        words = inset(sw.get(url))
        assert "Genogram completed at the initial visit" in words
        assert "No initial visit is recorded yet" in words
        assert "family network meeting, due by 17 November 2026" in words
        assert "Overdue" in words  # the meeting's date has passed (24 November)
        assert "Family Group Conference/ Network meetings" in words  # the source, cited


def test_durham_the_genogram_is_due_at_the_initial_visit_until_recorded_as_completed(
    sw, council, settings
) -> None:
    settings.HOMEWARD_COUNCIL = "durham"
    child = council.child_a
    JourneyEventFactory(child=child, kind="referral", date=REFERRAL)
    JourneyEventFactory(child=child, kind="initial_visit", date=INITIAL_VISIT)
    family = reverse("family:family", args=[child.child_id])
    words = inset(sw.get(family))
    assert "due on 9 November 2026, the initial visit" in words
    assert "Overdue" in words
    link = reverse("children:add-event", args=[child.child_id]) + "?kind=genogram_completed"
    assert f'href="{link}"' in sw.get(family).content.decode()

    # The link opens the event form with the genogram's kind chosen.
    form = sw.get(link).content.decode()
    assert re.search(r'<option value="genogram_completed"[^>]*selected', form)

    response = sw.post(
        reverse("children:add-event", args=[child.child_id]),
        {"kind": "genogram_completed", **date_fields("date", INITIAL_VISIT), "notes": ""},
    )
    assert response.status_code == 302
    (row,) = Expectation.objects.filter(child=child, rule_id="genogram")
    assert (row.state, row.met_on) == ("met_on_time", INITIAL_VISIT)
    words = inset(sw.get(family))
    assert "Completed on 9 November 2026" in words
    assert "Record the genogram as completed" not in words


def test_a_late_genogram_shows_as_met_late(sw, council, settings) -> None:
    settings.HOMEWARD_COUNCIL = "durham"
    child = council.child_a
    JourneyEventFactory(child=child, kind="initial_visit", date=INITIAL_VISIT)
    JourneyEventFactory(child=child, kind="genogram_completed", date=dt.date(2026, 11, 12))
    (row,) = Expectation.objects.filter(child=child, rule_id="genogram")
    assert (row.state, row.late_by) == ("met_late", 3)
    assert "Completed on 12 November 2026" in inset(
        sw.get(reverse("family:genogram", args=[child.child_id]))
    )


@pytest.mark.parametrize("profile", ["dudley", "devon"])
def test_councils_that_set_the_genogram_no_date_show_none(sw, council, settings, profile) -> None:
    settings.HOMEWARD_COUNCIL = profile
    child = council.child_a
    JourneyEventFactory(child=child, kind="referral", date=REFERRAL)
    JourneyEventFactory(child=child, kind="initial_visit", date=INITIAL_VISIT)
    for url in pages(child):
        response = sw.get(url)
        assert response.status_code == 200
        assert inset(response) == ""


def test_only_people_who_may_change_the_record_are_offered_the_link(client, council, settings):
    settings.HOMEWARD_COUNCIL = "durham"
    child = council.child_a
    JourneyEventFactory(child=child, kind="initial_visit", date=INITIAL_VISIT)
    client.force_login(council.users["performance_analyst"])  # may read the record, not change it
    words = inset(client.get(reverse("family:family", args=[child.child_id])))
    assert "due on 9 November 2026" in words
    assert "Record the genogram as completed" not in words


def test_an_unknown_kind_in_the_link_chooses_nothing(sw, council) -> None:
    url = reverse("children:add-event", args=[council.child_a.child_id]) + "?kind=nonsense"
    assert (
        "selected"
        not in re.sub(
            r'<option value=""[^>]*>', "", sw.get(url).content.decode().split("<select", 1)[1]
        ).split("</select>", 1)[0]
    )
