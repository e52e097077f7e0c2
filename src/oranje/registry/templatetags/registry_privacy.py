"""`{% read_log_link incident record %}`: for a registry coordinator, a link to who read this
person or inquiry and when; nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from oranje.registry.access import can_coordinate
from oranje.registry.models import Inquiry, Person

register = template.Library()


@register.simple_tag(takes_context=True)
def read_log_link(context: dict[str, Any], incident: Any, record: Any) -> SafeString | str:
    request = context.get("request")
    if request is None or not can_coordinate(request.user, incident.region_id):
        return ""
    if isinstance(record, Person):
        url = reverse("registry:person_read_log", args=[incident.pk, record.pk])
    elif isinstance(record, Inquiry):
        url = reverse("registry:inquiry_read_log", args=[incident.pk, record.pk])
    else:
        return ""
    return format_html('<p class="read-log-link"><a href="{}">{}</a></p>', url, _("Who read this"))
