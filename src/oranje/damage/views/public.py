"""The public damage form (`/schade/<incident>/`), without login, and its preview for staff.

Works without JavaScript; the optional "use my location" button is `static/damage/locate.js`.
Abuse is held off without any outside service:
- a honeypot field, hidden from people and screen readers — a bot fills it in;
- a signed timestamp in the form: an answer sent faster than `DAMAGE_FORM_MIN_SECONDS`
  after the form was loaded is a bot's;
- a rate limit per client address and per incident (`rate.py`, counted in the database).
A bot gets the same answer page as a person, with a reference that was never stored.

After sending, the browser is redirected (POST/redirect/GET) to the answer page, which shows
the reference from a signed value in its address: only the browser that sent the report gets
it, and nothing else about any report is ever shown on a public page.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

from oranje.damage.access import damage_incident_for_user, public_form_incident
from oranje.damage.constants import (
    CITY_MAX,
    DESCRIPTION_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PHOTO_MAX_BYTES,
    PHOTOS_MAX,
    DamageKind,
    Insured,
)
from oranje.damage.models import PublicForm
from oranje.damage.rate import rate_take
from oranje.damage.services.reports import new_reference, report_check, report_create
from oranje.incidents.models import Incident

#: The signed timestamp in the form is good for this long (a resident may take a while).
TOKEN_MAX_AGE = 24 * 3600
#: The answer page shows the reference for this long after sending.
RECEIVED_MAX_AGE = 3600
TOKEN_SALT = "oranje.damage.form"  # noqa: S105 (a signing salt, no secret)
RECEIVED_SALT = "oranje.damage.received"
#: The honeypot's name: a field no browser fills in by itself.
HONEYPOT = "extra_remarks"
#: A request larger than all photos plus the text is refused before it is read.
BODY_MAX = PHOTOS_MAX * PHOTO_MAX_BYTES + 1024 * 1024

#: The form's fields in the order of the page (the error summary follows it).
FIELDS = (
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "postcode",
    "house",
    "street",
    "city",
    "kind",
    "description",
    "unsafe",
    "insured",
    "photos",
    "point",
    "consent_share",
)
#: Where the error summary's link of a field points (the first radio button of a group).
ANCHORS = {
    "kind": f"f-kind-{DamageKind.HOME}",
    "insured": f"f-insured-{Insured.YES}",
    "point": "f-point",
    "consent_share": "f-consent",
}
TEXT_FIELDS = (
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "postcode",
    "house",
    "street",
    "city",
    "description",
)


def _token(incident: Incident) -> str:
    return signing.dumps({"i": incident.pk, "t": time.time()}, salt=TOKEN_SALT)


def _token_age(value: str, incident: Incident) -> float | None:
    """Seconds since the form was loaded, or None when the token is not this form's."""
    try:
        data = signing.loads(value, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("i") != incident.pk:
        return None
    try:
        return time.time() - float(data["t"])
    except (KeyError, TypeError, ValueError):
        return None


def _to_received(incident: Incident, reference: str) -> HttpResponse:
    """303 to the answer page, the reference signed into its address."""
    signed = signing.dumps({"i": incident.pk, "r": reference}, salt=RECEIVED_SALT)
    url = reverse("damage:public_received", args=[incident.pk])
    response = HttpResponseRedirect(f"{url}?{urlencode({'k': signed})}")
    response.status_code = 303
    return response


def _values(request: HttpRequest) -> dict[str, str]:
    data = request.POST
    values = {name: data.get(name, "")[: DESCRIPTION_MAX + 10] for name in TEXT_FIELDS}
    for name in ("kind", "insured", "unsafe", "latitude", "longitude"):
        values[name] = data.get(name, "")[:40]
    values["consent_share"] = "on" if data.get("consent_share") else ""
    values["client_key"] = data.get("client_key", "")[:64] or uuid.uuid4().hex
    return values


def _fields(values: dict[str, str]) -> dict[str, Any]:
    return {
        "reporter_name": values["reporter_name"],
        "reporter_phone": values["reporter_phone"],
        "reporter_email": values["reporter_email"],
        "postcode": values["postcode"],
        "house": values["house"],
        "street": values["street"],
        "city": values["city"],
        "kind": values["kind"],
        "description": values["description"],
        "unsafe": values["unsafe"] == "yes",
        "insured": values["insured"] or Insured.UNKNOWN,
        "consent_share": values["consent_share"] == "on",
        "point": (values["latitude"], values["longitude"])
        if values["latitude"] or values["longitude"]
        else None,
    }


def _page(
    request: HttpRequest,
    incident: Incident,
    public_form: PublicForm | None,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    problem: str = "",
    token: str = "",
    preview: bool = False,
    status: int = 200,
) -> HttpResponse:
    values = values or {"client_key": uuid.uuid4().hex}
    errors = errors or {}
    summary = [
        (ANCHORS.get(name, f"f-{name}"), message)
        for name in FIELDS
        for message in errors.get(name, [])
    ]
    # The rest (the whole form, the hidden client key) without a field to point at.
    summary += [
        ("", message)
        for name, messages in errors.items()
        if name not in FIELDS
        for message in messages
    ]
    return render(
        request,
        "damage/public/form.html",
        {
            "incident": incident,
            "region": incident.region,
            "is_exercise": incident.is_exercise,
            "public_form": public_form,
            "values": values,
            "errors": errors,
            "summary": summary,
            "problem": problem,
            "token": token or _token(incident),
            "preview": preview,
            "honeypot": HONEYPOT,
            "kinds": DamageKind.choices,
            "insured_choices": Insured.choices,
            "limits": {
                "name": NAME_MAX,
                "email": EMAIL_MAX,
                "city": CITY_MAX,
                "description": DESCRIPTION_MAX,
                "photos": PHOTOS_MAX,
                "photo_mb": PHOTO_MAX_BYTES // 1024 // 1024,
            },
            "action": request.path,
        },
        status=status,
    )


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > BODY_MAX
    except ValueError:
        return True


@never_cache
@ensure_csrf_cookie
def public_form(request: HttpRequest, pk: int) -> HttpResponse:
    incident, form = public_form_incident(pk)
    if request.method != "POST":
        return _page(request, incident, form)
    if _too_large(request):
        return _page(
            request,
            incident,
            form,
            problem=_("Together the photos are too large; send at most %(n)s photos of %(mb)s MB.")
            % {"n": PHOTOS_MAX, "mb": PHOTO_MAX_BYTES // 1024 // 1024},
            status=413,
        )
    values = _values(request)
    token = request.POST.get("token", "")
    age = _token_age(token, incident)
    if age is None:
        return _page(
            request,
            incident,
            form,
            values=values,
            problem=_(
                "The form was open too long or did not come from this page. "
                "Check your answers and send the form again."
            ),
            status=400,
        )
    if request.POST.get(HONEYPOT) or age < settings.DAMAGE_FORM_MIN_SECONDS:
        # A bot: the same answer as a person gets, with a reference that was never stored.
        return _to_received(incident, new_reference())
    if not rate_take(request, incident.pk):
        response = _page(
            request,
            incident,
            form,
            values=values,
            token=token,
            problem=_(
                "Many reports were sent from your connection or for this incident in a "
                "short time. Try again later, or call the municipality."
            ),
            status=429,
        )
        response["Retry-After"] = "600"
        return response
    try:
        report = report_create(
            actor=None,
            incident=incident,
            channel="form",
            client_key=values["client_key"],
            photos=[f for f in request.FILES.getlist("photos") if f.size],
            **_fields(values),
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise Http404 from None  # the form closed meanwhile
        return _page(
            request,
            incident,
            form,
            values=values,
            errors=exc.message_dict,
            token=token,
            status=400,
        )
    return _to_received(incident, report.reference)


@never_cache
def public_received(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer page: the reference of the report this browser just sent."""
    incident = Incident.objects.select_related("region").filter(pk=pk, is_exercise=False).first()
    if incident is None:
        raise Http404
    try:
        data = signing.loads(request.GET.get("k", ""), salt=RECEIVED_SALT, max_age=RECEIVED_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    if not isinstance(data, dict) or data.get("i") != incident.pk:
        raise Http404
    return render(
        request,
        "damage/public/received.html",
        {"incident": incident, "region": incident.region, "reference": str(data.get("r", ""))},
    )


@login_required
@never_cache
def form_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The form as the public sees it, for everyone who sees the incident; for an exercise
    the only form there is (marked OEFENING). Sending it stores nothing: the page shows what
    would have been sent."""
    incident = damage_incident_for_user(request.user, pk)
    public = PublicForm.objects.filter(incident=incident).first()
    if request.method != "POST":
        return _page(request, incident, public, preview=True)
    values = _values(request)
    try:
        report, photos = report_check(
            incident=incident,
            photos=[f for f in request.FILES.getlist("photos") if f.size],
            **_fields(values),
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return _page(
            request, incident, public, values=values, errors=errors, preview=True, status=400
        )
    return render(
        request,
        "damage/public/preview_sent.html",
        {
            "incident": incident,
            "region": incident.region,
            "is_exercise": incident.is_exercise,
            "report": report,
            "photos": photos,
            "preview": True,
        },
    )


urls: list[URLPattern] = [
    path("schade/<id:pk>/", public_form, name="public_form"),
    path("schade/<id:pk>/ontvangen/", public_received, name="public_received"),
    path("incidenten/<id:pk>/schade/formulier/", form_preview, name="form_preview"),
]
