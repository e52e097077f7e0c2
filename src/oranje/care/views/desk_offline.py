"""The desk that works when the hall's wifi does not.

The check-in page (views/desk.py) loads `care/desk-offline.js`, which registers a service
worker for the desk's pages (`balie/sw.js`, scope `balie/`): it keeps the check-in page and
its static files, so the page opens without a connection. A check-in made offline (or whose
post fails) waits in the tablet's IndexedDB under a client-made uuid and is sent to
`balie/verzenden/` when the connection returns: one item or a batch, each parsed by the
form's own `parse_check_in` and checked in by the same service as the form and the API. The
answer says per item: written, already written (the same client key arrived before: a retry
never registers twice), refused (the shelter is full: the message names the nearest shelter
with room) or invalid (field errors). Only written items leave the tablet's queue; refusals
and invalid items stay at the desk as conflicts until the desk resolves them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from oranje.care.access import care_user
from oranje.care.api.checkin import Answer, Outcome, check_in_outcome
from oranje.care.forms_desk import parse_check_in, parse_client_key
from oranje.care.models import Guest, Shelter
from oranje.care.views.desk import desk_shelter
from oranje.registry.services.batch_matching import match_imported

#: The most check-ins one sync request carries (the tablet sends larger queues in parts).
BATCH_MAX = 100
_WORKER = Path(__file__).resolve().parent.parent / "static" / "care" / "desk-sw.js"


def _bad(message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=400)


def _item_answer(request: HttpRequest, shelter: Shelter, item: object) -> dict[str, Any]:
    if not isinstance(item, dict):
        errors = {"item": [_("item: not an object.")]}
        return {"client_key": "", "outcome": Outcome.INVALID, "errors": errors}
    raw_key = item.get("client_key")
    key = raw_key if isinstance(raw_key, str) else ""
    fields = item.get("fields")
    try:
        client_key = parse_client_key(raw_key)
        if not client_key:
            raise ValidationError({"client_key": [_("client key: missing.")]})
        if not isinstance(fields, dict):
            raise ValidationError({"fields": [_("fields: the form's fields are missing.")]})
        household, guests = parse_check_in(fields)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"item": exc.messages}
        return {"client_key": key[:64], "outcome": Outcome.INVALID, "errors": errors}
    actor = care_user(request.user)
    answer: Answer = check_in_outcome(
        shelter, actor, client_key, household, guests, defer_matching=True
    )
    out: dict[str, Any] = {"client_key": client_key, "outcome": answer.outcome}
    if answer.outcome in (Outcome.WRITTEN, Outcome.REPLAYED):
        out["household"] = {
            **answer.body,
            "url": reverse(
                "care:desk_household", args=[shelter.incident_id, shelter.pk, answer.body["id"]]
            ),
        }
    elif answer.outcome == Outcome.FULL:
        out["message"] = answer.body["detail"]
        out["alternative"] = answer.body["alternative"]
    else:
        out["errors"] = answer.body
    return out


@login_required
@require_POST
def sync(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    """Check in what the tablet queued: `{"items": [{"client_key", "fields"}, …]}` or one
    item; answers `{"results": [{"client_key", "outcome", …}, …]}` in the same order."""
    shelter = desk_shelter(request, pk, shelter_pk)
    try:
        body = json.loads(request.body) if request.body else None
    except (ValueError, RecursionError):
        return _bad(_("The body is not JSON."))
    items = body.get("items") if isinstance(body, dict) and "items" in body else [body]
    if body is None:
        items = []
    if not isinstance(items, list) or not items:
        return _bad(_("items: give at least one check-in."))
    if len(items) > BATCH_MAX:
        return _bad(_("items: at most %(max)s check-ins per request.") % {"max": BATCH_MAX})
    results = [_item_answer(request, shelter, item) for item in items]
    # The registry's duplicate check for the batch's new persons at once (the worker's
    # upkeep redoes it should this process stop before).
    written = [r["household"]["id"] for r in results if r["outcome"] == Outcome.WRITTEN]
    persons = Guest.objects.filter(household_id__in=written, person__isnull=False)
    match_imported(shelter.incident_id, list(persons.values_list("person_id", flat=True)))
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_GET
@cache_control(no_cache=True, private=True)
def service_worker(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    """The desk's service worker (a static script; served here so that its scope is the
    shelter's desk pages)."""
    desk_shelter(request, pk, shelter_pk)
    return HttpResponse(_WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")


_BASE = "incidenten/<id:pk>/opvang/<id:shelter_pk>/balie/"

urls: list[URLPattern] = [
    path(f"{_BASE}verzenden/", sync, name="desk_sync"),
    path(f"{_BASE}sw.js", service_worker, name="desk_service_worker"),
]
