"""The kinds of download that can be prepared in the background, each registered by the app that
knows how to build it (in its ``AppConfig.ready()``), keyed by a name such as ``"drift.xlsx"``.
This app never imports those apps: it only calls what they registered."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from homeward.accounts.models import User

Progress = Callable[[int], None]  # percent done, 0-100


@dataclass(frozen=True)
class Built:
    """A finished file: its bytes, the name it is downloaded as, and how many children it holds."""

    content: bytes
    filename: str
    children: int


@dataclass(frozen=True)
class Exporter:
    """One kind of download.

    ``may_ask`` is the access policy's check for the page the download comes from; it is applied
    when the download is asked for and again when it is built (a role may change meanwhile).
    ``parameters`` picks the filters from the page's form (anything else is dropped);
    ``describe`` says what the file holds, for the list of downloads and the audit log;
    ``build`` makes the file over the children the user may see, reporting progress."""

    kind: str
    may_ask: Callable[[User], bool]
    refused: str  # why someone without ``may_ask`` cannot have it
    parameters: Callable[[Mapping[str, str]], dict[str, str]]
    describe: Callable[[dict[str, str]], str]
    build: Callable[[User, dict[str, str], Progress], Built]


_exporters: dict[str, Exporter] = {}


def register(exporter: Exporter) -> None:
    """Called from the building app's ``ready()``; registering a kind again replaces it."""
    _exporters[exporter.kind] = exporter


def exporter_for(kind: str) -> Exporter | None:
    return _exporters.get(kind)


def kinds() -> list[str]:
    return sorted(_exporters)


def unregister(kind: str) -> Any:
    """For tests that register a kind of their own."""
    return _exporters.pop(kind, None)
