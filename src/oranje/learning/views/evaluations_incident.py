"""From an incident's page to its evaluation: the "Evaluatie" tab of the incident opens the
evaluation the user may work on (the newest, when there are more), or a new one for the
incident when there is none yet."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from oranje.incidents.access import incident_for_user
from oranje.learning import access
from oranje.learning import selectors_evaluations as selectors
from oranje.learning.models import Evaluation


@login_required
def incident_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    region = access.evaluation_region_for_user(request.user, incident.region)
    for evaluation in Evaluation.objects.filter(incident=incident).order_by("-created_at", "-pk"):
        if access.can_evaluate(request.user, evaluation):
            return redirect("learning:evaluation", evaluation.pk)
    if not selectors.evaluable_incidents(request.user, region).filter(pk=incident.pk).exists():
        raise PermissionDenied
    query = urlencode({"incident": incident.pk})
    return redirect(f"{reverse('learning:evaluation_new')}?{query}")
