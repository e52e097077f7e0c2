"""The certification demo (demo/national_certification.py) on a small world: providers with
their accreditations, certificates on the courses, the OvD-BZ profile requiring an accredited
provider, nobody losing their qualification by it, and the refresher that does not count."""

import datetime as dt

import pytest
from django.utils import timezone

from oranje.demo import national_certification
from oranje.demo.tests.national_context import demo_context
from oranje.readiness.models import Accreditation, Activity, PersonQualification, Provider
from oranje.readiness.selectors import current_requirements
from oranje.readiness.selectors_certification import certificate_lines
from oranje.readiness.services import profile_publish
from oranje.readiness.tests.conftest import OVD_PROFILE, qualify

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiled(world):
    """A national OvD-BZ profile; two officers qualified (courses without provider)."""
    profile_publish(actor=world.admin, function=world.ovd, region=None, requirements=OVD_PROFILE)
    for person in world.officers[:2]:
        qualify(world, person, timezone.localdate())
    return world


def test_the_certification_demo_builds_and_tops_up(profiled):
    before = dict(
        PersonQualification.objects.filter(function=profiled.ovd).values_list(
            "person_id", "qualified_until"
        )
    )
    national_certification.build(demo_context(profiled))
    national_certification.build(demo_context(profiled))

    assert Provider.objects.count() == 4
    assert not Provider.objects.get(name=national_certification.IFV).active
    nipv = Provider.objects.get(name=national_certification.NIPV)
    assert Accreditation.objects.get(provider=nipv, code="BZ-OVD-BASIS").valid_from == dt.date(
        2022, 1, 1
    )
    national = current_requirements([profiled.ovd.pk])[(profiled.ovd.pk, None)]
    assert [r.code for r in national if r.requires_accredited] == ["BZ-OVD-BASIS"]
    # Every course got its provider and number; nobody lost their qualification.
    courses = Activity.objects.filter(code="BZ-OVD-BASIS").exclude(
        external_id=national_certification.SHOWCASE_ID
    )
    assert courses.exists() and not courses.filter(provider__isnull=True).exists()
    assert all(a.certificate_number for a in courses)
    after = dict(
        PersonQualification.objects.filter(function=profiled.ovd).values_list(
            "person_id", "qualified_until"
        )
    )
    assert after == before
    showcase = Activity.objects.get(external_id=national_certification.SHOWCASE_ID)
    line = certificate_lines([showcase], profiled.region.pk, timezone.localdate())[showcase.pk]
    assert line.accredited is False and line.does_not_count
    assert Activity.objects.filter(external_id=national_certification.SHOWCASE_ID).count() == 1
