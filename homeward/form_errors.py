"""The error summary names each field: ``{{ error|named:field }}`` (``{% load form_errors %}``).

Homeward's own messages already name their field, the GOV.UK way ("Enter the child's first
name", "Date of birth must be a real date"), and are left as written. Django's stock messages do
not ("Enter a valid date.", "Ensure this value has at most 100 characters (it has 120).",
"Select a valid choice. Z9 is not one of the available choices."): beside the field that is
clear, but the summary at the top of the page lists every error together, so there the field's
label goes in front: "Date of birth: enter a valid date."
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.db import models

register = template.Library()


def _stock_messages(field: forms.Field) -> list[Any]:
    """Django's own message templates for ``field``: its class's defaults and its validators'
    (some are lazy plural forms, so they are compared as objects as well as text)."""
    stock: list[Any] = list(models.Field.default_error_messages.values())
    for cls in type(field).__mro__:
        stock.extend(vars(cls).get("default_error_messages", {}).values())
    for validator in field.validators:
        if (message := getattr(type(validator), "message", None)) is not None:
            stock.append(message)
    return stock


def _is_stock(error: str, bound_field: Any) -> bool:
    stock = _stock_messages(bound_field.field)
    for raised in bound_field.errors.as_data():
        for one in raised.error_list:
            text = str(one.message % one.params if one.params else one.message)
            if text == error:
                return any(one.message is m or str(one.message) == str(m) for m in stock)
    return False


@register.filter
def named(error: str, bound_field: Any) -> str:
    label = str(bound_field.label or "").strip()
    if not label or label.lower() in str(error).lower() or not _is_stock(str(error), bound_field):
        return error
    error = str(error)
    return f"{label}: {error[:1].lower()}{error[1:]}"
