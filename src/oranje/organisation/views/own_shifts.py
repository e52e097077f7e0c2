"""A functionary's own shifts and their calendar feed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.organisation import selectors, services
from oranje.organisation.calendar import person_calendar
from oranje.organisation.models import Person


@login_required
def my_shifts(request: HttpRequest) -> HttpResponse:
    user = core_access.authenticated(request.user)
    person = Person.objects.filter(user=user).select_related("region").first()
    if request.method == "POST" and person is not None:
        services.person_renew_calendar_token(
            actor=core_access.authenticated(request.user), person=person
        )
        messages.success(
            request, _("A new calendar address was made; the old one no longer works.")
        )
        return redirect("organisation:my_shifts")
    context: dict[str, object] = {"person": person, "nav": "mine"}
    if person is not None:
        since = timezone.now() - dt.timedelta(days=7)
        context["shifts"] = selectors.shifts_of_person(person, since)
        context["given"] = person.handovers_given.select_related(
            "to_person", "shift", "shift__function"
        )[:20]
        context["feed_url"] = request.build_absolute_uri(
            reverse("organisation:calendar_feed", kwargs={"token": person.calendar_token})
        )
    return render(request, "organisation/my_shifts.html", context)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's shifts as iCalendar, behind a secret, revocable address (no login:
    calendar apps cannot log in)."""
    person = Person.objects.filter(calendar_token=token, active=True).first()
    if person is None or len(token) < 32:
        raise Http404
    response = HttpResponse(person_calendar(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="oranje-piket.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
