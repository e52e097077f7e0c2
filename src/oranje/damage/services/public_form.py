"""Switching an incident's public damage form on or off, with the introduction shown above it.

Those who command the incident and the aftercare role of its region decide
(`access.can_manage_form`). An exercise never gets a public form (its form exists only as the
logged-in preview, marked OEFENING); a closed incident's form cannot be opened again.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.text import neutralise_bidi
from oranje.damage.access import can_manage_form
from oranje.damage.constants import INTRO_MAX
from oranje.damage.models import PublicForm
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open

EXERCISE_FORM = gettext_lazy(
    "An exercise has no public damage form. Use the preview to see and try the form."
)
INTRO_TOO_LONG = gettext_lazy("introduction: at most %(max)s characters (this one has %(n)s).")
HAS_NUL = gettext_lazy("%(field)s: a NUL character (code 0) cannot be used.")

_AUDITED = ["is_open", "intro"]


def public_form_update(*, actor: User, incident: Incident, is_open: bool, intro: str) -> PublicForm:
    """Open or close the incident's public damage form and set its introduction."""
    if not can_manage_form(actor, incident):
        raise PermissionDenied
    if incident.is_exercise:
        raise ValidationError(str(EXERCISE_FORM), code="exercise")
    require_open(incident)
    text = neutralise_bidi(str(intro or "")).strip().replace("\r\n", "\n")
    if "\x00" in text:  # PostgreSQL can store no NUL character
        raise ValidationError({"intro": [str(HAS_NUL % {"field": gettext_lazy("introduction")})]})
    if len(text) > INTRO_MAX:
        raise ValidationError({"intro": [str(INTRO_TOO_LONG % {"max": INTRO_MAX, "n": len(text)})]})
    with transaction.atomic():
        form, _created = PublicForm.objects.select_for_update().get_or_create(incident=incident)
        before = snapshot(form, _AUDITED)
        now = timezone.now()
        if is_open and not form.is_open:
            form.opened_at, form.opened_by = now, actor
        elif form.is_open and not is_open:
            form.closed_at, form.closed_by = now, actor
        form.is_open = bool(is_open)
        form.intro = text
        form.save()
        changes = diff(before, snapshot(form, _AUDITED))
        if changes:
            audit_record(
                actor=actor,
                action=AuditAction.DAMAGE_FORM_UPDATE,
                obj=form,
                region=incident.region,
                changes=changes,
            )
    return form
