"""The incident tab "Communicatie": the 30-minute norm, the messages with their status, who
communicates at the current scaling, and the way to each part of the room (signals, the
analyses, the Q&A, the public page's preview)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from oranje.communication import selectors
from oranje.communication.access import can_communicate, communication_incident_for_user
from oranje.incidents.norms import milestones
from oranje.incidents.views import incident_context


@login_required
def communication_home(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    norm = next(m for m in milestones(incident) if m.key == "communication.first_message")
    return render(
        request,
        "communication/home.html",
        {
            **incident_context(request, incident, "communication"),
            "messages_list": selectors.message_list(incident),
            "writes": can_communicate(request.user, incident) and incident.is_open,
            "norm": norm,
        },
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/communicatie/", communication_home, name="home"),
]
