"""Household codes and what a card's QR code holds.

A code is 8 characters from an alphabet without look-alikes, shown as ABCD-EFGH. The QR code
holds `ORANJE-OPVANG:<incident id>:<code>`, with `:OEFENING` added for an exercise, so a desk
can refuse a card of another incident or of an exercise before looking anything up.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from oranje.care.constants import CODE_ALPHABET, CODE_LENGTH, QR_PREFIX
from oranje.care.models import Household
from oranje.incidents.models import Incident

#: The longest text a desk may type or scan into the code field.
CODE_INPUT_MAX = 100


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def show_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def qr_payload(incident_id: int, code: str, *, exercise: bool) -> str:
    tail = ":OEFENING" if exercise else ""
    return f"{QR_PREFIX}:{incident_id}:{code}{tail}"


@dataclass(frozen=True)
class ScannedCode:
    code: str
    #: From a QR code: the incident and exercise marking it names (None when typed).
    incident_id: int | None = None
    exercise: bool | None = None


def parse_code(text: str) -> ScannedCode:
    """A typed code (with or without dash, any case) or a scanned QR payload."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError(_("code: give the code on the household card."))
    if len(raw) > CODE_INPUT_MAX:
        raise ValidationError(_("code: too long for a household code."))
    if raw.upper().startswith(QR_PREFIX + ":"):
        parts = raw.split(":")
        if len(parts) not in (3, 4) or not parts[1].isdigit() or len(parts[1]) > 12:
            raise ValidationError(_("code: this QR code is not an Oranje household card."))
        if len(parts) == 4 and parts[3].upper() != "OEFENING":
            raise ValidationError(_("code: this QR code is not an Oranje household card."))
        return ScannedCode(
            code=_clean(parts[2]), incident_id=int(parts[1]), exercise=len(parts) == 4
        )
    return ScannedCode(code=_clean(raw))


def _clean(text: str) -> str:
    code = text.upper().replace("-", "").replace(" ", "")
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        raise ValidationError(
            _("code: a household code has 8 letters and digits, like %(example)s.")
            % {"example": "K7QM-3XPA"}
        )
    return code


def find_household(incident: Incident, text: str) -> Household:
    """The household of this incident whose card was scanned or typed; a Dutch message
    naming the code field for a card of another incident, of an exercise or unknown."""
    scanned = parse_code(text)
    if scanned.exercise is not None and scanned.exercise != incident.is_exercise:
        raise ValidationError(_exercise_message(incident))
    if scanned.incident_id is not None and scanned.incident_id != incident.pk:
        raise ValidationError(_("code: this card belongs to another incident."))
    household = (
        Household.objects.select_related("shelter__location").filter(code=scanned.code).first()
    )
    if household is None:
        raise ValidationError(_("code: no household has this code."))
    if household.incident_id != incident.pk:
        other = Incident.objects.only("is_exercise").get(pk=household.incident_id)
        if other.is_exercise != incident.is_exercise:
            raise ValidationError(_exercise_message(incident))
        raise ValidationError(_("code: this card belongs to another incident."))
    return household


def _exercise_message(incident: Incident) -> str:
    if incident.is_exercise:
        return _("code: this card belongs to a real incident, not to this exercise.")
    return _("code: this card belongs to an exercise (OEFENING), not to this incident.")
