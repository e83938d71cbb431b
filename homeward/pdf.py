"""Printable documents (minutes, panel lists) rendered to PDF with WeasyPrint.

A template is rendered to HTML as for a page, then laid out by WeasyPrint with the print style
sheet ``homeward/static/homeward/print.css``. No network: static files are read from disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

PRINT_CSS = Path(__file__).resolve().parent / "static" / "homeward" / "print.css"


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    from weasyprint import CSS, HTML  # imported late: it loads Pango, which pages do not need

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=str(PRINT_CSS.parent)).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))]
    )


def pdf_response(
    template: str, context: dict[str, Any], *, filename: str, request: HttpRequest | None = None
) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
