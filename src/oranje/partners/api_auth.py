"""API tokens, with the partners room's rule: a partner-only login is a stranger outside the
partners room. The middleware (`partners.middleware`) enforces that for sessions; an API
token is read by Django REST framework inside the view, after the middleware, so the same
rule is applied here: a token of a partner-only login authenticates only for the partners
API (`/api/v1/partners/…`); elsewhere it is refused (403)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from oranje.partners import access

PARTNERS_API = "/api/v1/partners/"


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if access.is_partner_only(user) and not request.path.startswith(PARTNERS_API):
            raise exceptions.PermissionDenied(_("A partner login reads only the partner view."))
        return result
