"""The persons part's writes: a registration sent twice, consent, merging by hand and
undoing it exactly, dismissing a pair, and the incident checks on every object touched."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry import selectors_persons, services
from oranje.registry.constants import DuplicateState, InquiryStatus, Source, Status, Whereabouts
from oranje.registry.models import ExternalRef, Inquiry, Merge, Person, PossibleDuplicate, Sender
from oranje.registry.services.inquiries import inquiry_create
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _pair(rw: RegistryWorld) -> tuple[Person, Person, PossibleDuplicate]:
    first = register(rw)
    second = register(rw, given="Hans", source=Source.FIELD)
    pair = PossibleDuplicate.objects.get(person=first, other=second)
    return first, second, pair


def test_a_registration_sent_twice_with_one_key_is_written_once(rw: RegistryWorld) -> None:
    data = services.PersonData(given_names="Kees", surname="Jansen")
    status = services.StatusData(status=Status.UNHARMED, whereabouts=Whereabouts.SHELTER)
    a = services.person_register(
        incident=rw.incident, actor=rw.officer, data=data, status=status, client_key="k" * 32
    )
    b = services.person_register(
        incident=rw.incident, actor=rw.officer, data=data, status=status, client_key="k" * 32
    )
    assert a.pk == b.pk and b.replayed and not a.replayed
    assert Person.objects.filter(surname="Jansen").count() == 1
    assert a.history.count() == 1


def test_consent_is_recorded_with_its_time_and_audited(rw: RegistryWorld) -> None:
    person = register(rw)
    services.person_consent(person=person, actor=rw.officer, share=True)
    services.person_consent(person=person, actor=rw.officer, share=False)
    person.refresh_from_db()
    assert person.share_whereabouts is False and person.consent_recorded_at is not None
    assert AuditEntry.objects.filter(action="registry.person_consent").count() == 2
    with pytest.raises(ValidationError):
        services.person_consent(person=person, actor=rw.outsider, share=True)


def test_merge_moves_inquiries_and_refs_and_undo_restores_exactly(rw: RegistryWorld) -> None:
    kept, merged, pair = _pair(rw)
    inquiry = inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    Inquiry.objects.filter(pk=inquiry.pk).update(person=merged, status=InquiryStatus.FOUND)
    later = inquiry_create(
        incident=rw.incident, actor=rw.officer, data=inquiry_data(caller_name="Ander")
    )
    sender = Sender.objects.create(region=rw.world.region, name="Spaarne", kind="hospital")
    ref = ExternalRef.objects.create(
        incident=rw.incident, sender=sender, row_id="R1", person=merged
    )
    before = {p.pk: p.updated_at for p in Person.objects.filter(pk__in=[kept.pk, merged.pk])}

    merge = services.person_merge(kept=kept, merged=merged, actor=rw.officer)

    merged.refresh_from_db()
    pair.refresh_from_db()
    assert merged.merged_into_id == kept.pk
    assert Inquiry.objects.get(pk=inquiry.pk).person_id == kept.pk
    assert ExternalRef.objects.get(pk=ref.pk).person_id == kept.pk
    assert pair.state == DuplicateState.MERGED
    assert merge.reasons == pair.reasons
    for p in Person.objects.filter(pk__in=[kept.pk, merged.pk]):
        assert p.updated_at > before[p.pk]  # the matching index catches up
    # The status history stays with its person; the kept person's page shows both.
    assert merged.history.count() == 1
    assert {line.entry.person_id for line in selectors_persons.person_history(kept)} == {
        kept.pk,
        merged.pk,
    }
    assert not selectors_persons.open_duplicates(rw.incident).exists()
    assert AuditEntry.objects.filter(action="registry.person_merge").count() == 1
    # Linked to the kept person after the merge: stays with it on undo.
    Inquiry.objects.filter(pk=later.pk).update(person=kept)

    services.merge_undo(merge=merge, actor=rw.second_officer)

    merged.refresh_from_db()
    pair.refresh_from_db()
    merge.refresh_from_db()
    assert merged.merged_into_id is None
    assert Inquiry.objects.get(pk=inquiry.pk).person_id == merged.pk
    assert Inquiry.objects.get(pk=later.pk).person_id == kept.pk
    assert ExternalRef.objects.get(pk=ref.pk).person_id == merged.pk
    assert pair.state == DuplicateState.OPEN and pair.decided_at is None
    assert merge.undone_at is not None and merge.undone_by == rw.second_officer
    assert AuditEntry.objects.filter(action="registry.person_merge_undo").count() == 1
    with pytest.raises(ValidationError):
        services.merge_undo(merge=merge, actor=rw.officer)


def test_a_merge_is_refused_across_incidents_twice_or_for_outsiders(rw: RegistryWorld) -> None:
    kept, merged, _ = _pair(rw)
    other_incident = start_incident(rw.world, title="Ander incident")
    stranger = services.person_register(
        incident=other_incident,
        actor=rw.officer,
        data=services.PersonData(given_names="Johannes", prefix="de", surname="Vries"),
        status=services.StatusData(),
    )
    with pytest.raises(ValidationError):
        services.person_merge(kept=kept, merged=stranger, actor=rw.officer)
    with pytest.raises(ValidationError):
        services.person_merge(kept=kept, merged=kept, actor=rw.officer)
    with pytest.raises(ValidationError):
        services.person_merge(kept=kept, merged=merged, actor=rw.outsider)
    services.person_merge(kept=kept, merged=merged, actor=rw.officer)
    with pytest.raises(ValidationError):
        services.person_merge(kept=kept, merged=merged, actor=rw.officer)
    assert Merge.objects.count() == 1


def test_undo_is_refused_while_the_kept_person_is_merged_again(rw: RegistryWorld) -> None:
    kept, merged, _ = _pair(rw)
    third = register(rw, given="Johan")
    first = services.person_merge(kept=kept, merged=merged, actor=rw.officer)
    services.person_merge(kept=third, merged=kept, actor=rw.officer)
    with pytest.raises(ValidationError):
        services.merge_undo(merge=first, actor=rw.officer)


def test_a_dismissed_pair_is_closed_and_not_proposed_again(rw: RegistryWorld) -> None:
    _first, second, pair = _pair(rw)
    services.duplicate_dismiss(duplicate=pair, actor=rw.officer)
    pair.refresh_from_db()
    assert pair.state == DuplicateState.DISMISSED and pair.decided_by == rw.officer
    with pytest.raises(ValidationError):
        services.duplicate_dismiss(duplicate=pair, actor=rw.officer)
    services.person_change(
        person=second,
        actor=rw.officer,
        data=services.PersonData(
            given_names="Hans",
            prefix="de",
            surname="Vries",
            birth_year=1950,
            birth_month=3,
            birth_day=4,
            city="Haarlem",
        ),
    )
    assert PossibleDuplicate.objects.filter(state=DuplicateState.OPEN).count() == 0
    with pytest.raises(ValidationError):
        services.duplicate_dismiss(
            duplicate=PossibleDuplicate.objects.get(pk=pair.pk), actor=rw.outsider
        )
