"""The region's agreements on who communicates: per scaling level or team
(`constants.AGREEMENT_SCOPES`) and kind of message, the region, the municipality or both.

The matrix is saved whole, in one transaction: every cell that changed is written (an empty
cell removes the agreement) and listed in one audit entry. `incident_agreements` answers the
incident's question "who communicates what now?" from its current scaling."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.communication.access import can_manage_agreements
from oranje.communication.constants import (
    AGREEMENT_SCOPES,
    NOTE_MAX,
    Communicator,
    MessageKind,
)
from oranje.communication.models import Agreement
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region
from oranje.incidents.constants import ScalingMode
from oranje.incidents.models import Incident
from oranje.incidents.selectors import current_step

SCOPE_KEYS: list[str] = [key for key, _label in AGREEMENT_SCOPES]
SCOPE_LABELS: dict[str, str] = {key: str(label) for key, label in AGREEMENT_SCOPES}


@dataclass(frozen=True)
class Cell:
    """One cell of the matrix: who communicates ("" for no agreement) and a note."""

    communicator: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return str(Communicator(self.communicator).label) if self.communicator else ""


Matrix = dict[tuple[str, str], Cell]


def agreement_matrix(region_id: int) -> Matrix:
    """The region's agreements by (scope, kind); cells without one are left out."""
    return {
        (a.scope, a.kind): Cell(a.communicator, a.note)
        for a in Agreement.objects.filter(region_id=region_id)
    }


def _problems(cells: Matrix) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for (scope, kind), cell in cells.items():
        name = f"{scope}.{kind}"
        if scope not in SCOPE_KEYS:
            errors.setdefault(name, []).append(
                _("level or team: '%(value)s' is not one of %(allowed)s.")
                % {"value": scope[:20], "allowed": ", ".join(SCOPE_KEYS)}
            )
        elif kind not in MessageKind.values:
            errors.setdefault(name, []).append(
                _("kind of message: '%(value)s' is not one of %(allowed)s.")
                % {"value": kind[:20], "allowed": ", ".join(MessageKind.values)}
            )
        if cell.communicator and cell.communicator not in Communicator.values:
            errors.setdefault(name, []).append(
                _("who communicates: choose region, municipality or both.")
            )
        if len(cell.note) > NOTE_MAX:
            errors.setdefault(name, []).append(
                _("note: at most %(max)s characters.") % {"max": NOTE_MAX}
            )
        if cell.note.strip() and not cell.communicator:
            errors.setdefault(name, []).append(
                _("who communicates: choose who, or leave the note empty.")
            )
    return errors


def agreements_save(*, actor: AnyUser, region: Region, cells: Matrix) -> list[dict[str, str]]:
    """Replace the region's matrix with `cells` (a missing or empty cell: no agreement).
    Returns the changed cells, as audited. Only `can_manage_agreements` (403)."""
    user = core_access.authenticated(actor)
    core_access.require(can_manage_agreements(user, region.pk))
    errors = _problems(cells)
    if errors:
        raise ValidationError(errors)
    wanted = {
        key: Cell(cell.communicator, cell.note.strip())
        for key, cell in cells.items()
        if cell.communicator
    }
    with transaction.atomic():
        # The region's row first: two saves of one matrix follow each other, never mix.
        Region.objects.select_for_update().filter(pk=region.pk).first()
        existing = {(a.scope, a.kind): a for a in Agreement.objects.filter(region=region)}
        now = timezone.now()
        changed: list[dict[str, str]] = []
        for key in sorted(set(existing) | set(wanted)):
            old = existing.get(key)
            before = Cell(old.communicator, old.note) if old else Cell()
            after = wanted.get(key, Cell())
            if before == after:
                continue
            changed.append(
                {
                    "cell": f"{key[0]}.{key[1]}",
                    "from": before.communicator,
                    "to": after.communicator,
                    **({"note": after.note} if before.note != after.note else {}),
                }
            )
            if old is None:
                Agreement.objects.create(
                    region=region,
                    scope=key[0],
                    kind=key[1],
                    communicator=after.communicator,
                    note=after.note,
                    updated_at=now,
                    updated_by=user,
                )
            elif not after.communicator:
                old.delete()
            else:
                old.communicator, old.note = after.communicator, after.note
                old.updated_at, old.updated_by = now, user
                old.save(update_fields=["communicator", "note", "updated_at", "updated_by"])
        if changed:
            audit_record(
                actor=user,
                action=AuditAction.AGREEMENT_UPDATE,
                obj=region,
                region=region,
                changes={"cells": changed},
            )
    return changed


@dataclass(frozen=True)
class IncidentAgreements:
    """Who communicates each kind of message at the incident's current scaling."""

    #: The matrix rows that apply: ("grip2", "GRIP 2"), or the activated teams.
    scopes: list[tuple[str, str]]
    #: Per kind (in MessageKind order): (kind label, [(scope label, cell)] of the scopes).
    kinds: list[tuple[str, list[tuple[str, Cell | None]]]]
    #: Why no row applies ("" when some do).
    none_reason: str = ""
    #: As `kinds`, keyed by the kind's value ("public", ...).
    kinds_by_value: list[tuple[str, list[tuple[str, Cell | None]]]] = field(default_factory=list)


def incident_scopes(incident: Incident) -> tuple[list[str], str]:
    """The matrix rows for the incident's current scaling: "gripN" for a GRIP level, the
    activated teams that have a row for flexible scaling; with the reason when none."""
    step = current_step(incident)
    if step is None:
        return [], _("The incident has not been scaled: no agreement applies yet.")
    if step.mode == ScalingMode.GRIP:
        key = f"grip{step.grip_level}"
        if key not in SCOPE_KEYS:
            return [], _("GRIP 0: routine, no agreement applies.")
        return [key], ""
    teams = [t for t in (step.teams or []) if t in SCOPE_KEYS]
    if not teams:
        return [], _("None of the activated teams has agreements.")
    return sorted(teams, key=SCOPE_KEYS.index), ""


def incident_agreements(incident: Incident) -> IncidentAgreements:
    """Who communicates what at the incident's current scaling ("so nobody has to ask")."""
    scopes, reason = incident_scopes(incident)
    matrix = agreement_matrix(incident.region_id) if scopes else {}
    by_value = [
        (str(kind), [(SCOPE_LABELS[s], matrix.get((s, str(kind)))) for s in scopes])
        for kind in MessageKind.values
    ]
    labels = dict(MessageKind.choices)
    return IncidentAgreements(
        scopes=[(s, SCOPE_LABELS[s]) for s in scopes],
        kinds=[(str(labels[kind]), cells) for kind, cells in by_value],
        none_reason=reason,
        kinds_by_value=by_value,
    )
