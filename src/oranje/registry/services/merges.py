"""Double registrations: merging two registrations of one person by hand (never
automatically), undoing a merge exactly, and dismissing a pair that is not one person.

What a merge does (and its undo reverses):

- `merged.merged_into = kept`. The merged registration stays in the database, out of the
  lists, the counts and the matching index; nothing is deleted.
- **Status history stays with its person.** The kept person's page shows its own history and
  that of every registration merged into it, each line marked with where it came from; the
  current state of the kept person is not recomputed from the merged one's entries.
- **Inquiries** whose confirmed person is the merged registration now point at the kept one
  (a relative who was told about "Jan" is told about the same Jan).
- **External refs** (a sender's own row id) move to the kept person, so the sender's next
  delivery updates the kept person instead of registering the merged one again.
- **Candidates** stay as they are: the engine proposes the kept person itself when the open
  inquiries are re-matched after the merge; a candidate for a merged registration can no
  longer be confirmed (services.inquiries).
- The pair (`PossibleDuplicate`) that led to the merge is marked merged; other open pairs of
  the merged registration stay and are hidden while it is merged.

`Merge.moved` lists the ids moved, so that an undo moves back exactly those (and not an
inquiry that was linked to the kept person later).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.registry.access import can_register
from oranje.registry.constants import DuplicateState
from oranje.registry.models import ExternalRef, Inquiry, Merge, Person, PossibleDuplicate
from oranje.registry.services.persons import after_commit, after_person_write


def _require(actor: User, person: Person) -> None:
    if not can_register(actor, person.incident.region_id):
        raise ValidationError(_("You have no registry role in this region."), code="forbidden")


def _pair(kept: Person, merged: Person) -> PossibleDuplicate | None:
    low, high = sorted((kept.pk, merged.pk))
    return PossibleDuplicate.objects.filter(person_id=low, other_id=high).first()


def person_merge(*, kept: Person, merged: Person, actor: User) -> Merge:
    """`merged` is the same person as `kept`: merge it into `kept` (see the module)."""
    _require(actor, kept)
    _require(actor, merged)
    if kept.pk == merged.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    if kept.incident_id != merged.incident_id:
        raise ValidationError(_("Only registrations of the same incident can be merged."))
    with transaction.atomic():
        locked = {
            p.pk: p
            for p in Person.objects.select_for_update()
            .select_related("incident__region")
            .filter(pk__in=[kept.pk, merged.pk])
            .order_by("pk")
        }
        kept, merged = locked[kept.pk], locked[merged.pk]
        for person in (kept, merged):
            if person.merged_into_id is not None:
                raise ValidationError(
                    _("%(name)s was already merged into another registration.")
                    % {"name": person.full_name}
                )
            if person.anonymised_at is not None:
                raise ValidationError(_("An anonymised registration cannot be merged."))
        now = timezone.now()
        inquiries = list(
            Inquiry.objects.filter(person=merged, incident_id=kept.incident_id).values_list(
                "pk", flat=True
            )
        )
        refs = list(
            ExternalRef.objects.filter(person=merged, incident_id=kept.incident_id).values_list(
                "pk", flat=True
            )
        )
        Inquiry.objects.filter(pk__in=inquiries).update(person=kept, updated_at=now)
        ExternalRef.objects.filter(pk__in=refs).update(person=kept)
        pair = _pair(kept, merged)
        if pair is not None:
            PossibleDuplicate.objects.filter(pk=pair.pk).update(
                state=DuplicateState.MERGED, decided_at=now, decided_by=actor
            )
        Person.objects.filter(pk=merged.pk).update(merged_into=kept, updated_at=now)
        Person.objects.filter(pk=kept.pk).update(updated_at=now)
        merged.merged_into, merged.updated_at, kept.updated_at = kept, now, now
        merge = Merge.objects.create(
            incident_id=kept.incident_id,
            kept=kept,
            merged=merged,
            reasons=list(pair.reasons) if pair is not None else [],
            merged_at=now,
            merged_by=actor,
            moved={
                "inquiries": inquiries,
                "refs": refs,
                "duplicate": pair.pk if pair is not None else None,
                "duplicate_state": pair.state if pair is not None else None,
            },
        )
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_MERGE,
            obj=kept,
            region=kept.incident.region,
            changes={"kept": kept.pk, "merged": merged.pk, "inquiries": inquiries, "refs": refs},
        )
        after_commit(lambda: after_person_write(kept))
    return merge


def merge_undo(*, merge: Merge, actor: User) -> Merge:
    """Undo a merge: the merged registration is active again, and what the merge moved to
    the kept person moves back (only that)."""
    with transaction.atomic():
        locked = (
            Merge.objects.select_for_update().select_related("incident__region").get(pk=merge.pk)
        )
        kept = Person.objects.select_for_update().select_related("incident").get(pk=locked.kept_id)
        merged = (
            Person.objects.select_for_update().select_related("incident").get(pk=locked.merged_id)
        )
        _require(actor, kept)
        _require(actor, merged)
        if locked.undone_at is not None:
            raise ValidationError(_("This merge was already undone."))
        if merged.merged_into_id != kept.pk:
            raise ValidationError(_("This merge can no longer be undone."))
        if kept.merged_into_id is not None:
            raise ValidationError(
                _("%(name)s was merged again since; undo that merge first.")
                % {"name": kept.full_name}
            )
        now = timezone.now()
        moved = locked.moved or {}
        inquiries = [int(i) for i in moved.get("inquiries", [])]
        refs = [int(i) for i in moved.get("refs", [])]
        # Only what still points at the kept person moves back (a later change stays).
        Inquiry.objects.filter(pk__in=inquiries, person=kept).update(person=merged, updated_at=now)
        ExternalRef.objects.filter(pk__in=refs, person=kept).update(person=merged)
        duplicate = moved.get("duplicate")
        if duplicate:
            PossibleDuplicate.objects.filter(pk=duplicate, state=DuplicateState.MERGED).update(
                state=moved.get("duplicate_state") or DuplicateState.OPEN,
                decided_at=None,
                decided_by=None,
            )
        Person.objects.filter(pk=merged.pk).update(merged_into=None, updated_at=now)
        Person.objects.filter(pk=kept.pk).update(updated_at=now)
        merged.merged_into = None
        locked.undone_at, locked.undone_by = now, actor
        locked.save(update_fields=["undone_at", "undone_by"])
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_MERGE_UNDO,
            obj=kept,
            region=kept.incident.region,
            changes={"kept": kept.pk, "merged": merged.pk, "inquiries": inquiries, "refs": refs},
        )
        after_commit(lambda: after_person_write(merged))
        after_commit(lambda: after_person_write(kept))
    return locked


def duplicate_dismiss(*, duplicate: PossibleDuplicate, actor: User) -> PossibleDuplicate:
    """The two registrations are not the same person: the pair is closed (and the engine
    does not propose it again: a pair is stored once)."""
    with transaction.atomic():
        locked = (
            PossibleDuplicate.objects.select_for_update()
            .select_related("person__incident__region", "other__incident")
            .get(pk=duplicate.pk)
        )
        _require(actor, locked.person)
        if locked.person.incident_id != locked.incident_id or (
            locked.other.incident_id != locked.incident_id
        ):
            raise ValidationError(_("Only registrations of the same incident can be compared."))
        if locked.state != DuplicateState.OPEN:
            raise ValidationError(_("This pair was already decided."))
        now = timezone.now()
        locked.state, locked.decided_at, locked.decided_by = DuplicateState.DISMISSED, now, actor
        locked.save(update_fields=["state", "decided_at", "decided_by"])
        Person.objects.filter(pk__in=[locked.person_id, locked.other_id]).update(updated_at=now)
        audit_record(
            actor=actor,
            action=AuditAction.DUPLICATE_DISMISS,
            obj=locked.person,
            region=locked.person.incident.region,
            changes={"person": locked.person_id, "other": locked.other_id},
        )
    return locked
