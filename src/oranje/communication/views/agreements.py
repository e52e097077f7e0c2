"""The region's agreements on who communicates (`communicatie/afspraken/`): the matrix of
levels and teams by kind of message, read by everyone in the region and printable; changed
in one form by the region's managers and its communication role."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from oranje.communication.access import can_manage_agreements
from oranje.communication.constants import MessageKind
from oranje.communication.forms_agreements import AgreementsForm
from oranje.communication.models import Agreement
from oranje.communication.services.agreements import (
    SCOPE_LABELS,
    agreement_matrix,
    agreements_save,
)
from oranje.core.views import current_region


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    manages = can_manage_agreements(request.user, region.pk)
    if request.method == "POST" and not manages:
        raise PermissionDenied
    matrix = agreement_matrix(region.pk)
    form = (
        AgreementsForm(request.POST if request.method == "POST" else None, matrix=matrix)
        if manages
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            changed = agreements_save(actor=request.user, region=region, cells=form.cells())
        except ValidationError as exc:
            for cell, problems in exc.message_dict.items():
                form.add_error(form.field_of(cell), problems)
        else:
            messages.success(
                request,
                _("The agreements are saved (%(n)s cells changed).") % {"n": len(changed)}
                if changed
                else _("Nothing changed."),
            )
            return redirect("communication:agreements")
    scopes = list(SCOPE_LABELS.items())
    table = [
        (label, [matrix.get((key, kind)) for kind in MessageKind.values]) for key, label in scopes
    ]
    last = Agreement.objects.filter(region=region).order_by("-updated_at").first()
    return render(
        request,
        "communication/agreements.html",
        {
            "nav": "communication_agreements",
            "region": region,
            "kinds": MessageKind.choices,
            "table": table,
            "form": form,
            "form_rows": form.rows(scopes) if form is not None else [],
            "manages": manages,
            "last": last,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


urls: list[URLPattern] = [
    path("communicatie/afspraken/", agreements, name="agreements"),
]
