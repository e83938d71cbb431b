"""``collectstatic`` without GOV.UK Frontend's and MOJ Frontend's sources (Sass, Nunjucks macros,
their ES-module copies, test fixtures, docs): pages use the built bundles and stylesheets, so
production collects (hashes and compresses) a quarter of the files, in seconds not minutes."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles.management.commands.collectstatic import Command as Collect

SOURCES = ["*.scss", "*.njk", "*.md", "*.html", "*.json", "*.mjs", "*.mjs.map"]


class Command(Collect):
    def set_options(self, **options: Any) -> None:
        super().set_options(**options)
        self.ignore_patterns = [*self.ignore_patterns, *SOURCES]
