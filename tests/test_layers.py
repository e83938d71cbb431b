"""How Homeward is built (README): layers point one way, checked by import-linter's contract in
pyproject.toml; these tests add what the contract cannot see."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "homeward"
ENGINE = re.compile(r"\b(evaluate|rules_for)\(")


def modules(*, excluding: tuple[str, ...] = ()) -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        and not any(path.relative_to(PACKAGE).parts[0] == name for name in excluding)
    ]


def test_no_page_or_selector_outside_the_timescales_app_runs_the_engine() -> None:
    """Deadlines are stored and read with SQL (issue 12): only homeward/timescales runs the
    pure engine (homeward/domain), for the ledger and for a "what if"."""
    callers = [
        str(path.relative_to(PACKAGE))
        for path in modules(excluding=("domain", "timescales"))
        if ENGINE.search(path.read_text())
    ]
    assert callers == []


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "homeward" and len(parts) > 1 else ""


def test_no_function_imports_another_app() -> None:
    """An import hidden in a function is how a lower layer used to reach up (import-linter
    cannot tell): across apps, imports are at module level, except in ``AppConfig.ready()``,
    where Django wants them."""
    hidden = []
    for path in modules():
        here = _app("homeward." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name == "ready":
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    there = _app(inner.module)
                    if there and there != here:
                        hidden.append(f"{path.relative_to(PACKAGE)}:{inner.lineno} {inner.module}")
    assert hidden == []


def test_no_app_pretends_another_may_be_missing() -> None:
    """Every app is installed: no ``apps.is_installed`` checks between Homeward's own apps."""
    assert [p.name for p in modules() if "is_installed(" in p.read_text()] == []
