"""The demo's description of population care: the national text, Kennemerland's additions in
two versions and its point of contact; built twice, it adds nothing."""

from __future__ import annotations

import pytest

from oranje.demo import national_description
from oranje.demo.tests.national_context import demo_context
from oranje.organisation.tests.factories import World
from oranje.partners.models import ContactPoint, Description
from oranje.partners.services_description import composed

pytestmark = pytest.mark.django_db


def test_the_demo_builds_kennemerlands_description_and_contact_once(world: World) -> None:
    world.coordinator.first_name, world.coordinator.last_name = "Marieke", "de Graaf"
    world.coordinator.save(update_fields=["first_name", "last_name"])
    national_description.build(demo_context(world))
    national_description.build(demo_context(world))
    versions = list(
        Description.objects.filter(region=world.region).values_list("version", flat=True)
    )
    assert sorted(versions) == [1, 2]
    parts = {p.code: p for p in composed(world.region)}
    assert "Velsen-Noord" in parts["will_do"].addition
    assert parts["what"].national and parts["what"].addition == ""
    contact = ContactPoint.objects.get(region=world.region)
    # The point of contact is the coordinator persona, not a stranger with the same role.
    assert contact.name == "Marieke de Graaf"
    assert contact.phone == "+31237890123"
