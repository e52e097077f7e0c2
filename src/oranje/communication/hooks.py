"""How the communication room joins the incident room: the 30-minute norm (factual
information to those involved within 30 minutes of the start, DOMAIN.md §6) as a milestone
— the header counts down to it and Tijden records when it was met or missed."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from oranje.communication import selectors
from oranje.communication.constants import FIRST_MESSAGE_MINUTES
from oranje.incidents.hooks import Milestone
from oranje.incidents.hooks import registry as incident_hooks
from oranje.incidents.models import Incident

#: The key of the norm's milestone (the API's times list names it).
FIRST_MESSAGE = "communication.first_message"


def first_message_milestones(incident: Incident) -> list[Milestone]:
    return [
        Milestone(
            key=FIRST_MESSAGE,
            label=_("First public message"),
            short=_("first public message"),
            start=incident.started_at,
            norm=dt.timedelta(minutes=FIRST_MESSAGE_MINUTES),
            at=selectors.first_public_at(incident),
        )
    ]


def register() -> None:
    from oranje.communication import hooks_analyses, hooks_signals, public

    public.register()

    incident_hooks.milestones.append(first_message_milestones)
    hooks_analyses.register()
    hooks_signals.register()
