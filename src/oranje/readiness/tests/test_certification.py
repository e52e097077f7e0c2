"""Certification: the national list of training providers and their accreditations, the
provider and certificate of a course or exam, and "accredited provider required"."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry
from oranje.readiness import services
from oranje.readiness.constants import ActivityKind, ProviderKind, RequirementKind
from oranje.readiness.evaluation import (
    AccreditationFact,
    ActivityFact,
    RequirementSpec,
    requirement_met_until,
)
from oranje.readiness.imports import activity_import, read_table
from oranje.readiness.models import Activity, PersonQualification, Provider, Requirement
from oranje.readiness.services import certification

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
D = dt.date(2024, 3, 1)

ACCREDITED_PROFILE = [
    {
        "kind": RequirementKind.COURSE,
        "code": "BZ-OVD-BASIS",
        "label": "Opleiding OvD-BZ",
        "requires_accredited": True,
    },
    {"kind": RequirementKind.UPKEEP, "label": "1 oefening per 12 maanden", "min_count": 1},
]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------- the pure evaluation


def _course(day, provider_id=None, expires=None):
    return ActivityFact(
        ActivityKind.COURSE, "BZ-OVD-BASIS", None, day, 0, True, provider_id, expires
    )


SPEC = RequirementSpec(1, RequirementKind.COURSE, "BZ-OVD-BASIS", "Opleiding", valid_months=36)
STRICT = RequirementSpec(
    1, RequirementKind.COURSE, "BZ-OVD-BASIS", "Opleiding", valid_months=36,
    requires_accredited=True,
)  # fmt: skip
TABLE = {7: [AccreditationFact(7, "bz-ovd-basis", dt.date(2023, 1, 1), dt.date(2024, 12, 31))]}


def test_without_the_requirement_any_provider_counts():
    result = requirement_met_until(SPEC, [_course(D, provider_id=99)], 1, TABLE)
    assert result.met_until == dt.date(2027, 2, 28)


def test_an_accredited_provider_on_the_date_counts():
    result = requirement_met_until(STRICT, [_course(D, provider_id=7)], 1, TABLE)
    assert result.met_until == dt.date(2027, 2, 28)
    assert result.unaccredited_on is None


@pytest.mark.parametrize(
    "day, provider_id",
    [
        (D, None),  # no provider recorded
        (D, 99),  # a provider not accredited for the code
        (dt.date(2022, 12, 31), 7),  # before the accreditation began
        (dt.date(2025, 1, 1), 7),  # after it ended
    ],
)
def test_a_result_without_accreditation_on_its_date_does_not_count(day, provider_id):
    result = requirement_met_until(STRICT, [_course(day, provider_id=provider_id)], 1, TABLE)
    assert result.met_until is None
    assert result.unaccredited_on == day


def test_the_certificates_own_earlier_expiry_limits_the_requirement():
    result = requirement_met_until(SPEC, [_course(D, expires=dt.date(2025, 6, 30))], 1, {})
    assert result.met_until == dt.date(2025, 6, 30)
    # A later expiry does not extend the profile's validity.
    result = requirement_met_until(SPEC, [_course(D, expires=dt.date(2030, 1, 1))], 1, {})
    assert result.met_until == dt.date(2027, 2, 28)


def test_a_certificate_expiry_limits_a_requirement_that_does_not_lapse():
    spec = RequirementSpec(1, RequirementKind.COURSE, "BZ-OVD-BASIS", "Opleiding")
    result = requirement_met_until(spec, [_course(D, expires=dt.date(2026, 1, 1))], 1, {})
    assert result.met_until == dt.date(2026, 1, 1)


# ---------------------------------------------------------------- the national list


@pytest.fixture
def nipv(world):
    provider = certification.provider_save(
        actor=world.admin, name="NIPV", kind=ProviderKind.INSTITUTE
    )
    certification.accreditation_save(
        actor=world.admin,
        provider=provider,
        code="bz-ovd-basis",
        valid_from=dt.date(2020, 1, 1),
    )
    return provider


def test_the_national_administrator_keeps_the_list_and_every_change_is_audited(world, nipv):
    assert nipv.accreditations.get().code == "BZ-OVD-BASIS"
    certification.provider_save(
        actor=world.admin, provider=nipv, name="NIPV", kind=ProviderKind.INSTITUTE, note="x"
    )
    certification.provider_set_active(actor=world.admin, provider=nipv, active=False)
    certification.accreditation_delete(actor=world.admin, accreditation=nipv.accreditations.get())
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert [a for a in actions if a.startswith(("provider.", "accreditation."))] == [
        "provider.create",
        "accreditation.create",
        "provider.update",
        "provider.deactivate",
        "accreditation.delete",
    ]


def test_a_regional_coordinator_may_not_change_the_list(world, nipv):
    with pytest.raises(PermissionDenied):
        certification.provider_save(actor=world.coordinator, name="X", kind=ProviderKind.PROVIDER)
    with pytest.raises(PermissionDenied):
        certification.accreditation_save(
            actor=world.coordinator, provider=nipv, code="A", valid_from=TODAY
        )


def test_a_provider_name_is_on_the_list_once(world, nipv):
    with pytest.raises(ValidationError) as exc:
        certification.provider_save(actor=world.admin, name=" nipv ", kind=ProviderKind.PROVIDER)
    assert exc.value.message_dict["name"] == [
        "Naam: er staat al een aanbieder met deze naam op de lijst; wijzig die."
    ]


def test_an_accreditation_that_ends_before_it_starts_is_refused(world, nipv):
    with pytest.raises(ValidationError) as exc:
        certification.accreditation_save(
            actor=world.admin,
            provider=nipv,
            code="PVB-OVD",
            valid_from=dt.date(2024, 5, 1),
            valid_until=dt.date(2024, 4, 30),
        )
    assert exc.value.message_dict["valid_until"] == [
        "Geaccrediteerd tot en met: het einde ligt vóór het begin (1-5-2024); kies een latere datum."
    ]


def test_a_code_is_accredited_once_per_provider(world, nipv):
    with pytest.raises(ValidationError) as exc:
        certification.accreditation_save(
            actor=world.admin, provider=nipv, code="BZ-OVD-BASIS", valid_from=TODAY
        )
    assert "code" in exc.value.message_dict


# ---------------------------------------------------------------- records and the profile


@pytest.fixture
def strict(world, nipv):
    services.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=ACCREDITED_PROFILE
    )
    services.activity_record(
        actor=world.coordinator,
        persons=[world.officers[0]],
        kind=ActivityKind.EXERCISE,
        title="Oefening",
        function=world.ovd,
        completed_on=TODAY - dt.timedelta(days=20),
    )
    return world


def _course_for(world, person, provider, **extra):
    return services.activity_record(
        actor=world.coordinator,
        persons=[person],
        kind=ActivityKind.COURSE,
        title="Opleiding OvD-BZ",
        code="BZ-OVD-BASIS",
        completed_on=TODAY - dt.timedelta(days=100),
        provider=provider,
        **extra,
    )[0]


def test_the_profile_form_stores_accredited_provider_required(strict):
    assert Requirement.objects.get(code="BZ-OVD-BASIS").requires_accredited is True


def test_upkeep_cannot_require_an_accredited_provider(world):
    with pytest.raises(ValidationError) as exc:
        services.profile_publish(
            actor=world.admin,
            function=world.ovd,
            region=None,
            requirements=[
                {
                    "kind": RequirementKind.UPKEEP,
                    "label": "Oefenen",
                    "min_count": 1,
                    "requires_accredited": True,
                }
            ],
        )
    assert "Geaccrediteerde aanbieder vereist:" in exc.value.messages[0]


def test_a_course_without_provider_is_refused_where_the_profile_requires_one(strict):
    with pytest.raises(ValidationError) as exc:
        _course_for(strict, strict.officers[0], None)
    assert exc.value.message_dict["provider"] == [
        "Aanbieder: dit profiel vraagt een geaccrediteerde aanbieder; kies de aanbieder die de "
        "cursus gaf."
    ]


def test_an_accredited_provider_makes_the_course_count(strict, nipv):
    _course_for(strict, strict.officers[0], nipv, certificate_number="NIPV-2026-0042")
    q = PersonQualification.objects.get(person=strict.officers[0], function=strict.ovd)
    assert q.qualified_until is not None and q.qualified_until > TODAY


def test_an_unaccredited_provider_is_accepted_but_does_not_count(strict):
    other = certification.provider_save(
        actor=strict.admin, name="Crisistraining B.V.", kind=ProviderKind.PROVIDER
    )
    activity = _course_for(strict, strict.officers[0], other)
    assert activity.provider == other
    q = PersonQualification.objects.get(person=strict.officers[0], function=strict.ovd)
    assert q.qualified_until is None
    response = client_for(strict.coordinator).get(
        reverse("readiness:passport", args=[strict.officers[0].pk])
    )
    page = response.content.decode()
    assert "Crisistraining B.V." in page
    assert "Telt niet: het profiel vraagt een geaccrediteerde aanbieder." in page
    assert "de aanbieder was op die datum niet geaccrediteerd voor deze code" in page


def test_accrediting_the_provider_afterwards_recomputes_the_people(strict):
    other = certification.provider_save(
        actor=strict.admin, name="Veiligheidsregio-opleidingscentrum", kind=ProviderKind.INSTITUTE
    )
    _course_for(strict, strict.officers[0], other)
    certification.accreditation_save(
        actor=strict.admin, provider=other, code="BZ-OVD-BASIS", valid_from=dt.date(2020, 1, 1)
    )
    q = PersonQualification.objects.get(person=strict.officers[0], function=strict.ovd)
    assert q.qualified_until is not None


def test_the_certificates_expiry_limits_the_stored_qualification(strict, nipv):
    expires = TODAY + dt.timedelta(days=40)
    _course_for(strict, strict.officers[0], nipv, certificate_expires_on=expires)
    q = PersonQualification.objects.get(person=strict.officers[0], function=strict.ovd)
    assert q.qualified_until == expires


def test_a_certificate_that_expires_before_the_course_is_refused(strict, nipv):
    with pytest.raises(ValidationError) as exc:
        _course_for(
            strict, strict.officers[0], nipv, certificate_expires_on=TODAY - dt.timedelta(days=101)
        )
    assert exc.value.message_dict["certificate_expires_on"][0].startswith(
        "Certificaat geldig tot: het certificaat verloopt vóór de datum"
    )


def test_an_exercise_has_no_provider(strict, nipv):
    with pytest.raises(ValidationError) as exc:
        services.activity_record(
            actor=strict.coordinator,
            persons=[strict.officers[0]],
            kind=ActivityKind.EXERCISE,
            title="Oefening",
            completed_on=TODAY,
            provider=nipv,
        )
    assert exc.value.message_dict["provider"][0].startswith("Aanbieder: alleen een cursus")


def test_the_passport_shows_provider_accreditation_and_certificate(strict, nipv):
    _course_for(
        strict,
        strict.officers[0],
        nipv,
        certificate_number="NIPV-2026-0042",
        certificate_expires_on=TODAY + dt.timedelta(days=400),
    )
    page = (
        client_for(strict.viewer)
        .get(reverse("readiness:passport", args=[strict.officers[0].pk]))
        .content.decode()
    )
    assert "NIPV" in page and "geaccrediteerd" in page and "NIPV-2026-0042" in page
    assert "geldig tot en met" in page


# ---------------------------------------------------------------- form, import, API


def test_the_activity_form_records_provider_and_certificate(strict, nipv):
    response = client_for(strict.coordinator).post(
        reverse("readiness:activity_new"),
        {
            "persons": [strict.officers[1].pk],
            "kind": ActivityKind.COURSE,
            "title": "Opleiding OvD-BZ",
            "code": "BZ-OVD-BASIS",
            "completed_on": (TODAY - dt.timedelta(days=3)).isoformat(),
            "hours": "16",
            "passed": "unknown",
            "provider": nipv.pk,
            "certificate_number": "C-1",
            "certificate_expires_on": (TODAY + dt.timedelta(days=700)).isoformat(),
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(person=strict.officers[1], code="BZ-OVD-BASIS")
    assert (activity.provider, activity.certificate_number) == (nipv, "C-1")


def test_the_activity_form_names_the_missing_provider(strict):
    response = client_for(strict.coordinator).post(
        reverse("readiness:activity_new"),
        {
            "persons": [strict.officers[1].pk],
            "kind": ActivityKind.COURSE,
            "title": "Opleiding OvD-BZ",
            "code": "BZ-OVD-BASIS",
            "completed_on": (TODAY - dt.timedelta(days=3)).isoformat(),
            "hours": "16",
            "passed": "unknown",
        },
    )
    assert response.status_code == 200
    assert (
        "Aanbieder: dit profiel vraagt een geaccrediteerde aanbieder" in response.content.decode()
    )


def _import(world, text):
    rows = read_table(io.BytesIO(text.encode()), "cursussen.csv")
    return activity_import(actor=world.coordinator, region=world.region, rows=rows)


def test_the_import_reads_provider_and_certificate(strict, nipv):
    email = strict.officers[1].email
    report = _import(
        strict,
        "email;soort;code;titel;datum;aanbieder;certificaatnummer;certificaat_geldig_tot\n"
        f"{email};cursus;BZ-OVD-BASIS;Opleiding;1-3-2025;nipv;N-7;1-3-2030\n",
    )
    assert report.ok, report.errors
    activity = Activity.objects.get(person=strict.officers[1], code="BZ-OVD-BASIS")
    assert activity.provider == nipv
    assert activity.certificate_number == "N-7"
    assert activity.certificate_expires_on == dt.date(2030, 3, 1)


def test_the_import_names_an_unknown_or_missing_provider(strict):
    email = strict.officers[1].email
    report = _import(
        strict,
        "email;soort;code;titel;datum;aanbieder\n"
        f"{email};cursus;BZ-OVD-BASIS;Opleiding;1-3-2025;Onbekend Instituut\n"
        f"{email};cursus;BZ-OVD-BASIS;Opleiding;1-3-2025;\n",
    )
    assert not report.ok
    messages = [(e.line, e.field, e.message) for e in report.errors]
    assert (
        2,
        "aanbieder",
        "Aanbieder: 'Onbekend Instituut' staat niet op de lijst van opleiders en aanbieders.",
    ) in messages
    assert any(line == 3 and field == "aanbieder" for line, field, _m in messages)
    assert not Activity.objects.filter(person=strict.officers[1]).exists()


def test_the_api_records_and_returns_provider_and_certificate(strict, nipv):
    api = APIClient()
    api.force_authenticate(strict.coordinator)
    response = api.post(
        "/api/v1/activities/",
        {
            "persons": [strict.officers[1].pk],
            "kind": "course",
            "title": "Opleiding",
            "code": "BZ-OVD-BASIS",
            "completed_on": "2025-03-01",
            "provider": nipv.pk,
            "certificate_number": "N-8",
            "certificate_expires_on": "2029-03-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()[0]["provider_name"] == "NIPV"
    assert response.json()[0]["certificate_expires_on"] == "2029-03-01"
    missing = api.post(
        "/api/v1/activities/",
        {
            "persons": [strict.officers[1].pk],
            "kind": "course",
            "title": "Opleiding",
            "code": "BZ-OVD-BASIS",
            "completed_on": "2025-03-01",
        },
        format="json",
    )
    assert missing.status_code == 400
    assert "Aanbieder: dit profiel vraagt" in missing.content.decode()
    unknown = api.post(
        "/api/v1/activities/",
        {
            "persons": [strict.officers[1].pk],
            "kind": "course",
            "title": "Opleiding",
            "code": "BZ-OVD-BASIS",
            "completed_on": "2025-03-01",
            "provider": 999999,
        },
        format="json",
    )
    assert unknown.status_code == 400


def test_the_providers_api_is_read_by_members_and_kept_by_the_national_administrator(world, nipv):
    api = APIClient()
    api.force_authenticate(world.viewer)
    listing = api.get("/api/v1/providers/")
    assert listing.status_code == 200
    assert listing.json()["results"][0]["accreditations"][0]["code"] == "BZ-OVD-BASIS"
    assert api.post("/api/v1/providers/", {"name": "X", "kind": "provider"}).status_code == 403
    api.force_authenticate(world.admin)
    made = api.post("/api/v1/providers/", {"name": "IFV", "kind": "institute"}, format="json")
    assert made.status_code == 201
    provider_id = made.json()["id"]
    accredited = api.post(
        f"/api/v1/providers/{provider_id}/accreditations/",
        {"code": "PVB-OVD", "valid_from": "2020-01-01", "valid_until": "2021-06-30"},
        format="json",
    )
    assert accredited.status_code == 201
    backwards = api.patch(
        f"/api/v1/accreditations/{accredited.json()['id']}/",
        {"valid_until": "2019-01-01"},
        format="json",
    )
    assert backwards.status_code == 400
    assert "Geaccrediteerd tot en met" in backwards.content.decode()
    off = api.patch(f"/api/v1/providers/{provider_id}/", {"active": False}, format="json")
    assert off.status_code == 200 and off.json()["active"] is False


# ---------------------------------------------------------------- pages


def test_the_list_pages_for_members_and_the_keeper(world, nipv):
    viewer = client_for(world.viewer)
    page = viewer.get(reverse("readiness:providers")).content.decode()
    assert "NIPV" in page and "BZ-OVD-BASIS" in page
    assert reverse("readiness:provider_new") not in page
    assert viewer.get(reverse("readiness:provider_new")).status_code == 403
    assert viewer.get(reverse("readiness:provider_detail", args=[nipv.pk])).status_code == 200
    filtered = viewer.get(reverse("readiness:providers") + "?code=PVB-OVD").content.decode()
    assert "Geen aanbieders." in filtered


def test_the_keeper_adds_a_provider_and_an_accreditation_through_the_pages(world):
    admin = client_for(world.admin)
    response = admin.post(
        reverse("readiness:provider_new"),
        {"name": "Regionaal Opleidingscentrum", "kind": "institute"},
    )
    assert response.status_code == 302
    provider = Provider.objects.get(name="Regionaal Opleidingscentrum")
    bad = admin.post(
        reverse("readiness:accreditation_new", args=[provider.pk]),
        {"code": "BZ-OVD-BASIS", "valid_from": "2025-01-01", "valid_until": "2024-01-01"},
    )
    assert bad.status_code == 200
    assert "Geaccrediteerd tot en met: het einde ligt vóór het begin" in bad.content.decode()
    good = admin.post(
        reverse("readiness:accreditation_new", args=[provider.pk]),
        {"code": "BZ-OVD-BASIS", "valid_from": "2025-01-01"},
    )
    assert good.status_code == 302
    admin.post(reverse("readiness:provider_active", args=[provider.pk]), {"active": "0"})
    provider.refresh_from_db()
    assert provider.active is False
    form = client_for(world.coordinator).get(reverse("readiness:activity_new")).content.decode()
    assert "Regionaal Opleidingscentrum" not in form
