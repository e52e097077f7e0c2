"""What the organisation pages share: whether the user manages the current region."""

from __future__ import annotations

from django.http import HttpRequest

from oranje.core import access as core_access
from oranje.core.views import current_region


def _manages(request: HttpRequest) -> bool:
    region = current_region(request)
    return core_access.can_manage_anything(request.user, region.pk)


def _require_manager(request: HttpRequest) -> None:
    core_access.require(_manages(request))
