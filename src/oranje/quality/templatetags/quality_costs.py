"""Money and hours in Dutch format on the cost pages: `{{ amount|euro }}`, `{{ hours|nl }}`."""

from __future__ import annotations

from decimal import Decimal

from django import template

from oranje.quality.costs import format_euro, format_number

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    return format_euro(amount)


@register.filter
def nl(value: Decimal | int | float | None, places: int = 2) -> str:
    return format_number(value, places)
