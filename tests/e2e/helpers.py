"""Helpers for the browser tests: visiting and checking pages, signing in and out.

Every page a test visits goes through ``check_page``, which runs axe-core (the version pinned
in package.json, from node_modules) and fails on any "serious" or "critical" violation. The
``page`` fixture watches navigations and fails a test that visited a page without checking it,
so a new test cannot forget to.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from urllib.parse import urldefrag

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Locator, Page, Response, expect

from homeward.children.models import Child
from homeward.demo.builder import DEMO_PASSWORD
from homeward.domain.councils import profile_for
from tests.paths import REPOSITORY

AXE_JS = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
AXE = Axe.from_file(AXE_JS)
BLOCKING_IMPACTS = ("critical", "serious")

GOVUK_FOCUS_YELLOW = "rgb(255, 221, 0)"


def title(text: str) -> str:
    """A page's full <title>: "<text> – Homeward – <council name>"."""
    return f"{text} – Homeward – {profile_for(settings.HOMEWARD_COUNCIL).council_name}"


@dataclass
class PageChecks:
    """The documents a page loaded and the ones ``check_page`` checked, by URL."""

    visited: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)

    @classmethod
    def watch(cls, page: Page) -> PageChecks:
        checks = cls()
        _CHECKS[page] = checks
        page.on("load", lambda loaded: checks.visited.append(_without_fragment(loaded.url)))
        return checks

    @classmethod
    def of(cls, page: Page) -> PageChecks | None:
        return _CHECKS.get(page)

    def unchecked(self) -> list[str]:
        return sorted({url for url in self.visited if url not in self.checked})


_CHECKS: weakref.WeakKeyDictionary[Page, PageChecks] = weakref.WeakKeyDictionary()


def _without_fragment(url: str) -> str:
    return urldefrag(url).url


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"      html: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      why:  {summary}")
    return "\n".join(lines)


def check_page(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical violations."""
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    checks = PageChecks.of(page)
    if checks is not None:
        checks.checked.add(_without_fragment(page.url))
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        report = axe_report(blocking)
        print(f"axe-core on {page.url}:\n{report}")
        pytest.fail(f"axe-core found serious or critical violations on {page.url}:\n{report}")


def visit(page: Page, path: str, *, status: int = 200) -> Response:
    """Go to a path on the live server, check the HTTP status, then check the page."""
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path}: expected HTTP {status}, got {response.status}"
    check_page(page)
    return response


def child_id_text(child: Child) -> re.Pattern[str]:
    """The child ID as the identity bar labels it ("Child ID HW000001" or "Child ID: HW000001")."""
    return re.compile(rf"Child ID:?\s+{re.escape(child.child_id)}\b")


def follow(page: Page, target: Locator | str) -> None:
    """Click a link or button (or press a key on the focused one) that loads another page; wait
    for it to load, then check it."""
    with page.expect_navigation():
        if isinstance(target, str):
            page.keyboard.press(target)
        else:
            target.click()
    check_page(page)


def record_sections(page: Page) -> Locator:
    """The sections of a child's record (the MOJ sub navigation, children/_tabs.html). On a small
    screen they are folded into "Sections of the record": opened first, as a person would."""
    folded = page.locator("details.hw-sections:not([open])")
    if folded.count():
        folded.locator("summary").click()
    return page.get_by_role("navigation", name="Child's record")


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    visit(page, "/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    follow(page, page.get_by_role("button", name="Sign in"))


def sign_out(page: Page) -> None:
    follow(page, page.get_by_role("button", name="Sign out"))
    expect(page).to_have_url("/accounts/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Homeward")


def document_scroll_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def wider_than_viewport(page: Page) -> list[str]:
    """Elements that stick out past the right edge of the viewport and widen the document:
    what to fix when a page scrolls sideways. Content of a ``.hw-table-wrap`` (which scrolls on
    its own) counts only if it escapes the wrapper: absolutely positioned with no positioned
    ancestor inside it."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const escapes = (el, wrap) => {
            if (!['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;
            for (let up = el.parentElement; up; up = up.parentElement) {
              if (getComputedStyle(up).position !== 'static') return !wrap.contains(up);
              if (up === wrap) return true;
            }
            return true;
          };
          const out = [];
          for (const el of document.body.querySelectorAll('*')) {
            const wrap = el.parentElement && el.parentElement.closest('.hw-table-wrap');
            if (wrap && !escapes(el, wrap)) continue;
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1) {
              const cls = typeof el.className === 'string' && el.className.trim()
                ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
              out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}`
                       + ` (right edge at ${Math.round(box.right)}px)`);
            }
          }
          return out.slice(0, 20);
        }"""
    )


def focus_is_visible(page: Page) -> bool:
    """Whether the focused element shows the GOV.UK focus state: a yellow background (links,
    buttons) or a thick yellow outline (inputs)."""
    return page.evaluate(
        """(yellow) => {
          const style = getComputedStyle(document.activeElement);
          if (style.backgroundColor === yellow) return true;
          return style.outlineStyle === 'solid' && style.outlineColor === yellow
            && parseFloat(style.outlineWidth) >= 3;
        }""",
        GOVUK_FOCUS_YELLOW,
    )
