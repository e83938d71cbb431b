"""manage.py unfiled_documents [--delete]: stored files no document names (a caller's
transaction rolled back after ``documents.services.store`` wrote the file), older than an hour;
listed, and removed with ``--delete``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from homeward.documents.services import unfiled
from homeward.documents.storage import document_storage


class Command(BaseCommand):
    help = "List (or --delete) stored document files that no document on a record names."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--delete", action="store_true", help="remove them")

    def handle(self, *args: Any, **options: Any) -> None:
        names = unfiled()
        for name in names:
            if options["delete"]:
                document_storage.delete(name)
            self.stdout.write(("removed " if options["delete"] else "") + name)
        self.stdout.write(f"{len(names)} unfiled file{'s' if len(names) != 1 else ''}")
