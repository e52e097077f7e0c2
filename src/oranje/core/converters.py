"""Path converters. `<id:pk>` matches an object id: ASCII digits, 1 to 2^63 - 1. Anything
else (letters, '³', a number the database cannot hold) does not match, so the answer is
404 instead of a 500 from deeper down."""

from __future__ import annotations

from oranje.core.params import MAX_ID


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # Django takes this as "no match"
        return number

    def to_url(self, value: object) -> str:
        return str(int(value))  # type: ignore[call-overload]


#: How drf-spectacular describes the converter in the OpenAPI document.
OPENAPI = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
