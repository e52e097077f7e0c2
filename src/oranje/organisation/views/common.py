"""What the organisation pages share: whether the user manages the current region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from oranje.core import access as core_access
from oranje.core.views import current_region
from oranje.organisation.forms import ImportForm


def _manages(request: HttpRequest) -> bool:
    region = current_region(request)
    return core_access.can_manage_anything(request.user, region.pk)


def _require_manager(request: HttpRequest) -> None:
    core_access.require(_manages(request))


def import_page(
    request: HttpRequest,
    read: Callable[..., Any],
    run: Callable[..., Any],
    *,
    done: Callable[[int], str],
    then: str,
    template: str,
    nav: str,
) -> HttpResponse:
    """The page of a spreadsheet import (roster, people): the file read by `read`, then `run`
    (all rows or none) with its report; on success a message and on to `then`. For the
    region's managers."""
    region = current_region(request)
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read(upload, upload.name)
        except ValidationError as exc:
            file_error = exc.messages[0]
        else:
            report = run(
                actor=core_access.authenticated(request.user),
                region=region,
                rows=rows,
                filename=upload.name,
            )
            if report.ok:
                messages.success(request, done(report.created))
                return redirect(then)
    return render(
        request,
        template,
        {"form": form, "report": report, "file_error": file_error, "nav": nav},
    )
