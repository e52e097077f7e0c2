"""`/gezond/`: is this instance fit to receive traffic? For load balancers: no login, no
cookie, nothing cached, and only the names of what fails (the details are in the log)."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from oranje.operations.health import failing_checks


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """The whole installation: database, queue, worker, mail."""
    return _answer(failing_checks())


@require_safe
def health_instance(request: HttpRequest) -> JsonResponse:
    """This web instance only (its database): for a balancer's routing, so that a stopped
    worker, which every instance would report alike, does not take the whole site out."""
    return _answer(failing_checks(instance_only=True))


def _answer(failing: list[str]) -> JsonResponse:
    if failing:
        response = JsonResponse({"status": "fail", "failing": failing}, status=503)
    else:
        response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = "no-store"
    # The reason is logged once per failing check (health.py); without this Django adds an
    # ERROR "Service Unavailable" line for every probe of every balancer.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
