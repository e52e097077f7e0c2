"""The mailing part on other parts' pages: `{% message_mailing_panel incident message %}` on a
message (per channel the consenting recipients, the send button and the counts) and
`{% incident_mailings incident %}` on the incident's tab. Counts only."""

from __future__ import annotations

from typing import Any

from django import template

from oranje.communication.constants import MessageStatus
from oranje.communication.models import Message
from oranje.communication.services import mailings as service
from oranje.communication.views.mailings import mailing_panel
from oranje.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("communication/_mailing_panel.html", takes_context=True)
def message_mailing_panel(
    context: template.Context, incident: Incident, message: Message
) -> dict[str, Any]:
    return mailing_panel(context["request"].user, incident, message)


@register.inclusion_tag("communication/_message_mailing_section.html", takes_context=True)
def message_mailing_section(context: template.Context) -> dict[str, Any]:
    """The panel under its heading, for the message of the page (`msg` or `message`)."""
    message: Message = context.get("msg") or context["message"]
    return mailing_panel(context["request"].user, context["incident"], message)


@register.inclusion_tag("communication/_incident_mailings.html")
def incident_mailings(incident: Incident) -> dict[str, Any]:
    published = Message.objects.filter(
        incident=incident, status=MessageStatus.PUBLISHED, kind__in=service.MAILING_KINDS
    ).order_by("-published_at", "-pk")
    return {
        "incident": incident,
        "counts": service.recipient_counts(incident),
        "mailings": service.incident_mailings(incident),
        "sendable": list(published[:10]),
    }
