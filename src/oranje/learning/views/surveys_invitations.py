"""A survey's invitations: the address list (audited when read) with the import of the
municipality's file, and the letters (PDF) that give the chosen addresses new codes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors
from oranje.learning import access, nav
from oranje.learning import selectors_surveys as selectors
from oranje.learning.forms_surveys import AddressFileForm, LettersForm
from oranje.learning.models import Invitation, Survey
from oranje.learning.services import surveys_invitations as services
from oranje.learning.surveys_letters import letters_pdf

PAGE = 100
#: The largest address file accepted.
MAX_FILE = 20 * 1024 * 1024


def _page(
    request: HttpRequest,
    survey: Survey,
    form: AddressFileForm,
    report: object = None,
    status: int = 200,
) -> HttpResponse:
    number = params.optional_int(request.GET, "pagina", default=1, minimum=1, maximum=100_000)
    rows = Invitation.objects.filter(survey=survey).order_by("postcode", "street", "pk")
    page = Paginator(rows, PAGE).get_page(number)
    shown = [i for i in page.object_list if i.street]
    services.addresses_read(
        actor=core_access.authenticated(request.user), survey=survey, shown=shown
    )
    return render(
        request,
        "learning/survey_addresses.html",
        {
            "region": survey.region,
            "survey": survey,
            "page": page,
            "form": form,
            "report": report,
            "counts": selectors.counts(survey),
            "letters": LettersForm(),
            **nav.context(request, "surveys"),
        },
        status=status,
    )


@login_required
def addresses(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the address list; POST: import the municipality's file."""
    survey = access.survey_for_user(request.user, pk)
    if request.method != "POST":
        return _page(request, survey, AddressFileForm())
    form = AddressFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, survey, form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_FILE:
        form.add_error("file", _("Address list: the file is larger than 20 MB."))
        return _page(request, survey, form, status=400)
    try:
        report = services.addresses_import(
            actor=core_access.authenticated(request.user),
            survey=survey,
            stream=upload,
            filename=upload.name or "",
        )
    except ValidationError as exc:
        apply_errors(form, exc)
        return _page(request, survey, form, status=400)
    if not report.ok:
        return _page(request, survey, form, report=report, status=400)
    messages.success(
        request,
        _("%(created)s addresses imported, %(skipped)s already on the list.")
        % {"created": report.created, "skipped": report.skipped},
    )
    return redirect("learning:survey_addresses", survey.pk)


@login_required
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: the letters (PDF) for the chosen addresses, each with a new personal code."""
    survey = access.survey_for_user(request.user, pk)
    form = LettersForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            # The new codes are kept only with the letters that carry them: when the PDF
            # is not made (an error, a worker stopped), the old letters' codes stay valid.
            with transaction.atomic():
                pairs, count = services.letters_make(
                    actor=core_access.authenticated(request.user),
                    survey=survey,
                    which=form.cleaned_data["which"],
                )
                document = letters_pdf(survey, pairs)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            response = HttpResponse(document, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="enquete-{survey.pk}-brieven-{count}.pdf"'
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "learning/survey_letters.html",
        {
            "region": survey.region,
            "survey": survey,
            "form": form,
            "counts": selectors.counts(survey),
            **nav.context(request, "surveys"),
        },
        status=400 if form.is_bound else 200,
    )
