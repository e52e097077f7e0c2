"""The register of shelter locations and the region's care norms: saving with contacts in
calling order, every bad field named in Dutch, who may change what, removal refused for a
location that has been a shelter, and the audit trail without names of people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from oranje.care.access import location_for_user
from oranje.care.models import CareNorms, Location
from oranje.care.services.locations import (
    ContactData,
    LocationData,
    NormsData,
    agreement_state,
    care_norms_save,
    location_delete,
    location_save,
)
from oranje.care.tests.factories import build_care, location, open_shelter
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch() -> None:
    translation.activate("nl")


def _data(**changes: object) -> LocationData:
    base: dict[str, object] = {
        "code": "HLM-01",
        "name": "Sporthal Zuid",
        "kind": "sports_hall",
        "street": "Europaweg",
        "house_number": 2,
        "postcode": "2036 aa",
        "city": "Haarlem",
        "latitude": Decimal("52.365"),
        "longitude": Decimal("4.652"),
        "capacity_day": 400,
        "capacity_night": 250,
        "kitchen": True,
        "showers": True,
        "agreement_until": dt.date(2028, 12, 31),
        "contacts": (
            ContactData(name="Piet Beheer", role="beheerder", phone="06 12345678"),
            ContactData(name="Kees Sleutel", phone="023 5123456", email="kees@example.nl"),
        ),
    }
    base.update(changes)
    return LocationData(**base)  # type: ignore[arg-type]


def test_a_location_is_saved_with_its_contacts_in_calling_order(world: World) -> None:
    saved = location_save(actor=world.haarlem_coordinator, municipality=world.haarlem, data=_data())
    assert saved.postcode == "2036AA"
    assert saved.address_text == "Europaweg 2, 2036 AA Haarlem"
    assert [(c.name, c.phone) for c in saved.contacts.all()] == [
        ("Piet Beheer", "+31612345678"),
        ("Kees Sleutel", "+31235123456"),
    ]
    entry = AuditEntry.objects.get(action="care.location_save")
    assert entry.changes["contacts"] == [0, 2]
    assert "Piet" not in str(entry.changes)  # contacts are people: counted, never named


def test_saving_the_same_data_again_writes_no_audit_entry(world: World) -> None:
    saved = location_save(actor=world.coordinator, municipality=world.haarlem, data=_data())
    location_save(actor=world.coordinator, municipality=world.haarlem, data=_data(), location=saved)
    assert AuditEntry.objects.filter(action="care.location_save").count() == 1
    location_save(
        actor=world.coordinator,
        municipality=world.haarlem,
        data=_data(contacts=(ContactData(name="Kees Sleutel", phone="0235123456"),)),
        location=saved,
    )
    assert [c.name for c in saved.contacts.all()] == ["Kees Sleutel"]
    assert AuditEntry.objects.filter(action="care.location_save").count() == 2


def test_every_bad_field_is_named_in_dutch(world: World) -> None:
    bad = _data(
        name=" ",
        postcode="12345",
        capacity_day=-1,
        latitude=Decimal("123"),
        available=True,
        unavailable_until=dt.date(2027, 1, 1),
        contacts=(ContactData(name="", phone="12"),),
    )
    with pytest.raises(ValidationError) as refused:
        location_save(actor=world.coordinator, municipality=world.haarlem, data=bad)
    errors = refused.value.message_dict
    assert errors["name"] == ["naam: geef de naam van de locatie."]
    assert errors["postcode"][0].startswith("postcode: '12345' is geen Nederlandse postcode")
    assert errors["capacity_day"] == ["capaciteit overdag: moet tussen 0 en 100000 liggen."]
    assert errors["latitude"] == ["breedtegraad: moet tussen -90 en 90 liggen."]
    assert errors["unavailable_until"] == [
        "niet beschikbaar tot: alleen voor een locatie die niet beschikbaar is."
    ]
    assert errors["contact1_name"] == ["contactpersoon 1: geef de naam."]
    assert errors["contact1_phone"] == [
        "telefoon van contactpersoon 1: '12' is geen telefoonnummer."
    ]
    assert not Location.objects.exists()


def test_a_code_is_unique_within_the_municipality(world: World) -> None:
    location_save(actor=world.coordinator, municipality=world.haarlem, data=_data())
    with pytest.raises(ValidationError) as refused:
        location_save(actor=world.coordinator, municipality=world.haarlem, data=_data())
    assert refused.value.message_dict["code"] == [
        "code: Haarlem heeft al een locatie met code HLM-01."
    ]
    location_save(actor=world.coordinator, municipality=world.velsen, data=_data())
    assert Location.objects.count() == 2


def test_a_municipal_coordinator_changes_only_their_own_municipalitys(world: World) -> None:
    with pytest.raises(PermissionDenied):
        location_save(actor=world.haarlem_coordinator, municipality=world.velsen, data=_data())
    for user in (world.viewer, world.functionary, world.outsider):
        with pytest.raises(PermissionDenied):
            location_save(actor=user, municipality=world.haarlem, data=_data())
    cw = build_care(world)
    location_save(actor=cw.coordinator, municipality=world.velsen, data=_data())
    with pytest.raises(PermissionDenied):
        location_save(actor=cw.desk, municipality=world.velsen, data=_data(code="X"))


def test_others_in_the_region_see_a_location_and_outsiders_do_not(world: World) -> None:
    hall = location(world.haarlem)
    assert location_for_user(world.viewer, hall.pk) == hall
    with pytest.raises(PermissionDenied):
        location_for_user(world.viewer, hall.pk, manage=True)
    from django.http import Http404

    with pytest.raises(Http404):
        location_for_user(world.outsider, hall.pk)


def test_a_location_that_was_a_shelter_is_not_removed(world: World) -> None:
    cw = build_care(world)
    hall = location(world.haarlem)
    open_shelter(cw.incident, hall)
    with pytest.raises(ValidationError) as refused:
        location_delete(actor=world.coordinator, location=hall)
    assert refused.value.messages == [
        "Sporthal Zuid kan niet worden verwijderd: de locatie is 1 keer als opvanglocatie "
        "geopend. Zet haar op niet beschikbaar."
    ]
    assert Location.objects.filter(pk=hall.pk).exists()


def test_a_location_is_removed_with_its_contacts_and_an_audit_entry(world: World) -> None:
    saved = location_save(actor=world.coordinator, municipality=world.haarlem, data=_data())
    with pytest.raises(PermissionDenied):
        location_delete(actor=world.viewer, location=saved)
    location_delete(actor=world.haarlem_coordinator, location=saved)
    assert not Location.objects.exists()
    entry = AuditEntry.objects.get(action="care.location_delete")
    assert entry.object_repr == "Sporthal Zuid"


def test_an_agreement_is_flagged_when_expired_or_ending_within_90_days(world: World) -> None:
    hall = location(world.haarlem)
    today = dt.date(2026, 12, 3)
    hall.agreement_until = dt.date(2026, 12, 2)
    assert agreement_state(hall, today) == "expired"
    hall.agreement_until = today + dt.timedelta(days=90)
    assert agreement_state(hall, today) == "ending"
    hall.agreement_until = today + dt.timedelta(days=91)
    assert agreement_state(hall, today) == ""
    hall.agreement_until = None
    assert agreement_state(hall, today) == ""


def test_the_regions_managers_set_the_care_norms(world: World) -> None:
    norms = care_norms_save(
        actor=world.coordinator,
        region=world.region,
        data=NormsData(shelter_hours=4, capacity_percent=15, capacity_max=300, housing_hours=48),
    )
    assert CareNorms.for_region(world.region.pk).capacity_needed(1000) == 150
    assert norms.updated_by == world.coordinator
    assert AuditEntry.objects.get(action="care.norms").changes["shelter_hours"] == [3, 4]
    for user in (world.haarlem_coordinator, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            care_norms_save(
                actor=user,
                region=world.region,
                data=NormsData(
                    shelter_hours=3, capacity_percent=10, capacity_max=200, housing_hours=48
                ),
            )


def test_care_norms_out_of_range_are_refused_in_dutch(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        care_norms_save(
            actor=world.coordinator,
            region=world.region,
            data=NormsData(shelter_hours=0, capacity_percent=101, capacity_max=0, housing_hours=1),
        )
    errors = refused.value.message_dict
    assert errors["capacity_percent"] == ["percentage: moet tussen 1 en 100 liggen."]
    assert set(errors) == {"shelter_hours", "capacity_percent", "capacity_max"}
    assert not CareNorms.objects.exists()
