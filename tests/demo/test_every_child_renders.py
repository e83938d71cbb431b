"""Issue 17's "done when": under each of the three councils, the plan written for the child
("My plan", its page and A4 PDF, and every shared version) and the genogram (an inline SVG that
parses, with its title and description) render for every demo child without errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Child
from homeward.demo.builder import build
from homeward.domain.councils import profile_for

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("slug", ["dudley", "durham", "devon"])
def test_my_plan_and_the_genogram_render_for_every_demo_child(db, client, settings, slug) -> None:
    settings.HOMEWARD_COUNCIL = slug
    build(profile_for(slug), n_children=24, seed=2026, today=timezone.localdate())
    client.force_login(User.objects.get(username="service-manager"))
    children = list(Child.objects.order_by("pk"))
    assert children
    pdfs = 0
    for child in children:
        base = f"/children/{child.child_id}"
        assert client.get(f"{base}/my-plan/").status_code == 200, child.child_id
        pdf = client.get(f"{base}/my-plan/", {"download": "pdf"})
        if child.date_of_birth is None:  # unborn: a plan is written once the child is born
            assert pdf.status_code == 404
        else:
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), child.child_id
            pdfs += 1
        for version in child.my_plan_versions.all():
            shared = client.get(f"{base}/my-plan/", {"download": "pdf", "version": version.version})
            assert shared.content.startswith(b"%PDF"), (child.child_id, version.version)
        page = client.get(f"{base}/family/genogram/", {"print": "1"})
        assert page.status_code == 200, child.child_id
        html = page.content.decode()
        svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
        root = ET.fromstring(svg)
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert pdfs >= len(children) // 2
