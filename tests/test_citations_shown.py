"""Citations shown to people read as a document's title and section: never a seed's file name
(with its hash), the internal SPEC, or the drafting marker "(check)". The pages a newcomer found
them on (meetings, panel, PMP, CPB, family finding, a sign-off's decision, the child's tabs) are
reached by following links from the landing pages of the demo council, as several roles."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.demo.builder import build
from homeward.domain.councils import profile_for

HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/accounts/", "/admin/", "/exports/", "/audit/")
NOT_SHOWN = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|\(check\)|\bSPEC section|\bcheck\)")
START = (
    "/",
    "/my-work/",
    "/reports/pmp/",
    "/reports/cpb/",
    "/panels/aepp/",
    "/planning/sign-offs/",
)
PAGES_PER_ROLE = 400
PER_SHAPE = 2  # pages of one shape (/children/N/meetings/N/) visited, so the crawl covers many


def _visible(html: str) -> str:
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("slug", ["dudley", "durham"])
def test_no_page_shows_a_file_name_spec_or_check(db, client, settings, slug) -> None:
    settings.HOMEWARD_COUNCIL = slug
    build(profile_for(slug), n_children=16, seed=2026, today=timezone.localdate())
    found: dict[str, str] = {}
    opened: set[str] = set()
    for username in ("social-worker", "service-manager", "agency-decision-maker", "family-finder"):
        client.force_login(User.objects.get(username=username))
        queue, seen = deque(START), set(START)
        shapes: dict[str, int] = {}
        visited = 0
        while queue and visited < PAGES_PER_ROLE:
            path = queue.popleft()
            response = client.get(path)
            visited += 1
            opened.add(re.sub(r"\d+", "N", path.split("?")[0]))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            if match := NOT_SHOWN.search(_visible(html)):
                text = _visible(html)
                found.setdefault(path, text[max(0, match.start() - 80) : match.end() + 20])
            for link in HREF.findall(html):
                link = link.replace("&amp;", "&")
                shape = re.sub(r"\d+", "N", link)
                if link in seen or link.startswith(SKIP) or "download" in link:
                    continue
                if shapes.get(shape, 0) < PER_SHAPE:
                    shapes[shape] = shapes.get(shape, 0) + 1
                    seen.add(link)
                    queue.append(link)
    assert {"/children/N/meetings/N/", "/children/N/family-finding/", "/reports/pmp/"} <= opened
    assert found == {}, "\n".join(f"{p}: ...{t}" for p, t in found.items())
