"""The one serializer field for a function of the national catalogue, written as its code
(OVD-BZ; case does not matter). Every room's API reads and writes function codes with it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from oranje.organisation import errors
from oranje.organisation.models import Function

#: Longer than any code in the catalogue; longer input is not looked up.
MAX_CODE_LENGTH = 40


@extend_schema_field({"type": "string", "maxLength": MAX_CODE_LENGTH, "example": "OVD-BZ"})
class FunctionCodeField(serializers.RelatedField):
    """A Function, as its code."""

    def __init__(self, **kwargs: Any) -> None:
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Function.objects.all())
        super().__init__(**kwargs)

    def get_choices(self, cutoff: int | None = None) -> dict[str, str]:
        # The browsable API would list the whole catalogue as options; codes are typed.
        return {}

    def to_internal_value(self, data: Any) -> Function:
        code = data.strip().upper() if isinstance(data, str) else ""
        found = (
            Function.objects.filter(code=code).first()
            # NUL never occurs in a code, and PostgreSQL refuses it in a query.
            if code and len(code) <= MAX_CODE_LENGTH and "\x00" not in code
            else None
        )
        if found is None:
            raise serializers.ValidationError(
                str(
                    errors.UNKNOWN_FUNCTION
                    % {"value": str(data)[:MAX_CODE_LENGTH].replace("\x00", "")}
                )
            )
        return found

    def to_representation(self, value: Any) -> str:
        return str(value.code)
