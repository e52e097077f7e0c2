"""The partners room's pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oranje.core.models import Region
from oranje.partners import access


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A partner's start page: the regions they may see."""
    regions = Region.objects.filter(pk__in=access.partner_regions(request.user)).order_by("code")
    if not regions:
        raise PermissionDenied
    return render(request, "partners/home.html", {"regions": regions, "nav": "partners"})
