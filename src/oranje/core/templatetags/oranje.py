from django import template

from oranje.core.validation import format_phone, format_postcode

register = template.Library()


@register.filter(name="phone")
def phone(value: str) -> str:
    """A stored E.164 number as a Dutch reader expects it: 06 12345678."""
    return format_phone(value) if value else ""


@register.filter(name="postcode")
def postcode(value: str) -> str:
    """A stored postcode as written in the Netherlands: 2011 AB."""
    return format_postcode(value)
