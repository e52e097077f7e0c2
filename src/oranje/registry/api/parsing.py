"""What the registry's input serializers share: the Dutch parsers of registry/validation.py
run field by field, every error collected under its field (a 400 names them all at once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

from oranje.registry import validation


class FieldParser:
    """`parse(name, fn, *args)`: fn's value, or None with its messages under `name`."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def __call__(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DjangoValidationError as exc:
            self.errors[name] = exc.messages
            return None


def parse_person_fields(attrs: dict[str, Any], parse: FieldParser) -> tuple[Any, Any]:
    """Birth, house number, postcode and phone of a person (registered or sought): postcode
    and phone replaced in `attrs` by their normal form; returns (birth, (number, addition))."""
    birth = parse("birth", validation.parse_birth, attrs["birth"], field=str(_("date of birth")))
    house = parse("house", validation.parse_house, attrs["house"])
    attrs["postcode"] = parse("postcode", validation.parse_postcode, attrs["postcode"])
    attrs["phone"] = parse("phone", validation.parse_phone, attrs["phone"])
    return birth, house
