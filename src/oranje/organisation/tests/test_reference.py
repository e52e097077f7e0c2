"""The function catalogue is organisation's reference data, loaded by `oranje load_reference`
through the loader organisation registers with core."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from oranje.core import reference
from oranje.core.models import Municipality
from oranje.core.tests.test_reference import _division_with_merger
from oranje.organisation.catalogue import catalogue_load
from oranje.organisation.models import Function, Person, RegionFunction

pytestmark = pytest.mark.django_db


def test_load_reference_restores_the_catalogue_through_the_registered_loader():
    assert catalogue_load in reference._loaders
    Function.objects.filter(code="OVD-BZ").update(name="iets anders")
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    assert Function.objects.get(code="OVD-BZ").name != "iets anders"
    assert f"{Function.objects.count()} functies" in out.getvalue()


def test_the_function_catalogue_is_loaded_by_the_migrations():
    assert Function.objects.count() == 18
    assert RegionFunction.objects.count() == 25 * 18


def test_a_new_division_ends_merged_municipalities_without_losing_them(tmp_path, world):
    beverwijk = Municipality.objects.get(cbs_code="GM0375")
    person = Person.objects.create(
        region=world.region,
        municipality=beverwijk,
        given_name="A",
        surname="B",
        email="a@b.nl",
        phone="+31612345678",
    )
    call_command(
        "load_reference", division=_division_with_merger(tmp_path), valid_from=dt.date(2027, 1, 1)
    )

    beverwijk.refresh_from_db()
    assert beverwijk.valid_until == dt.date(2026, 12, 31)
    assert [m.name for m in beverwijk.successors.all()] == ["Beverwijk-Heemskerk"]
    assert Municipality.objects.current().count() == 341
    assert Municipality.objects.count() == 343
    person.refresh_from_db()
    assert person.municipality == beverwijk  # history is kept; the coordinator moves people on
