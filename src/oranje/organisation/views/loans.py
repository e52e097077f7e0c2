"""Pages of loans across regions: both regions' list (lent out, borrowed), lending a person,
ending a loan early."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region
from oranje.core.views import apply_errors, current_region
from oranje.organisation import qualification
from oranje.organisation.access_loans import loan_for_user
from oranje.organisation.forms_loans import LoanEndForm, LoanForm
from oranje.organisation.models import Loan
from oranje.organisation.selectors_loans import (
    LoanRow,
    loan_functions,
    loans_of_region,
    running_at,
)
from oranje.organisation.services.loans import loan_create, loan_end


def national_status(until: dt.date | None, today: dt.date) -> str:
    """ "qualified", "lapsed" or "not_qualified" by the national profile."""
    if until is None:
        return "not_qualified"
    return "qualified" if until >= today else "lapsed"


def _borrowed_qualification(rows: list[LoanRow], today: dt.date) -> dict[int, list[tuple]]:
    """Per borrowed loan: (function, status, until) by the national profile."""
    pairs = {(r.loan.person_id, f.pk) for r in rows for f in loan_functions(r.loan)}
    until = qualification.national_qualified_until(pairs)
    return {
        r.loan.pk: [
            (
                f,
                national_status(until[(r.loan.person_id, f.pk)], today),
                until[(r.loan.person_id, f.pk)],
            )
            for f in loan_functions(r.loan)
        ]
        for r in rows
    }


def current_loans(region: Region, now: dt.datetime) -> tuple[list[Loan], list[Loan]]:
    """(borrowed now, lent out now) for the on-call view."""
    qs = (
        Loan.objects.filter(running_at(now))
        .select_related("person", "from_region", "to_region")
        .prefetch_related("functions")
        .order_by("person__surname")
    )
    return list(qs.filter(to_region=region)), list(qs.filter(from_region=region))


def audit_lent_in_read(request: HttpRequest, region: Region, shown: list[Loan]) -> None:
    """Another region's people (name, phone, functions) shown during their loan: audited."""
    with transaction.atomic():
        audit_record(
            actor=core_access.authenticated(request.user),
            action=AuditAction.LOAN_READ,
            object_type="loan",
            region=region,
            changes={"loans": [None, sorted(loan.pk for loan in shown)]},
        )


@login_required
def loans(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    now = timezone.now()
    lent_out, borrowed = loans_of_region(region, now)
    today = timezone.localdate()
    qualified = _borrowed_qualification(borrowed, today)
    if any(r.open for r in borrowed):
        audit_lent_in_read(request, region, [r.loan for r in borrowed if r.open])
    manages_region = core_access.can_manage_region(request.user, region.pk)
    return render(
        request,
        "organisation/loans.html",
        {
            "lent_out": lent_out,
            "borrowed": [(r, qualified[r.loan.pk]) for r in borrowed],
            "manages_region": manages_region,
            "nav": "loans",
        },
    )


@login_required
def loan_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    form = LoanForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            loan = loan_create(
                actor=core_access.authenticated(request.user),
                from_region=region,
                person=data["person"],
                to_region=data["to_region"],
                functions=list(data["functions"]),
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s is lent to %(region)s.")
                % {"person": loan.person, "region": loan.to_region.name},
            )
            return redirect("organisation:loans")
    return render(request, "organisation/loan_form.html", {"form": form, "nav": "loans"})


@login_required
@require_POST
def loan_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    loan = loan_for_user(request.user, pk, manage=True)
    form = LoanEndForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        loan_end(actor=core_access.authenticated(request.user), loan=loan, reason=reason)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The loan of %(person)s has ended.") % {"person": loan.person})
    return redirect("organisation:loans")
