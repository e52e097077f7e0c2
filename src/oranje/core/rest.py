"""DRF plumbing with Oranje's limits: the JSON parser and the pagination every API list
uses (settings.REST_FRAMEWORK points here). Kept apart from the views so that DRF can import
it while it sets itself up."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import pagination, parsers
from rest_framework.exceptions import ParseError

from oranje.core import params

#: Deeper JSON than this is no request a client of Oranje makes (the deepest is 3).
MAX_JSON_DEPTH = 32
#: The most rows one page of a list holds, and the furthest a client may skip.
MAX_PAGE_SIZE = 1000
MAX_OFFSET = 10_000_000


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with limits: a body of at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes
    and at most MAX_JSON_DEPTH levels of nesting (10,000 nested lists would otherwise
    exhaust the interpreter's recursion limit, or the serializers' later)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(body) > limit:
            raise ParseError(_("The request is larger than %(limit)s bytes.") % {"limit": limit})
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError:
            data = None
            depth = MAX_JSON_DEPTH + 1
        else:
            depth = _depth(data)
        if depth > MAX_JSON_DEPTH:
            raise ParseError(
                _("The JSON is nested more than %(limit)s levels deep.") % {"limit": MAX_JSON_DEPTH}
            )
        return data


def _depth(data: Any) -> int:
    """How deeply lists and objects nest in parsed JSON, without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            if level > MAX_JSON_DEPTH:
                break
            stack.extend((item, level + 1) for item in value)
    return deepest


class Pagination(pagination.LimitOffsetPagination):
    """`limit` (1–1000) and `offset` (0–10,000,000) as bounded whole numbers: a value out of
    range is a 400 naming the parameter, never an overflow in the database."""

    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request: Any) -> int | None:
        return params.optional_int(
            request.query_params,
            self.limit_query_param,
            default=self.default_limit,
            minimum=1,
            maximum=MAX_PAGE_SIZE,
        )

    def get_offset(self, request: Any) -> int:
        found = params.optional_int(
            request.query_params, self.offset_query_param, default=0, maximum=MAX_OFFSET
        )
        return found or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": MAX_PAGE_SIZE},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
