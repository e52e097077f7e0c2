"""The partner view: published information of the partner's own region only, no drafts, no
person data, exercises apart, partner reads audited, and the partner-only menu."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.partners.models import PartnerAccess
from oranje.partners.tests.factories import PartnerWorld, build_partner_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def pw(world: World) -> PartnerWorld:
    return build_partner_world(world.region, world.other_region, world.velsen)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _view(pw: PartnerWorld) -> str:
    response = _client(pw.partner).get(reverse("partners:region", args=["VR12"]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_partner_lands_on_the_partner_view_of_their_region(pw: PartnerWorld) -> None:
    client = _client(pw.partner)
    home = client.get(reverse("core:home"))
    assert home["Location"] == reverse("partners:home")
    start = client.get(home["Location"])
    assert start["Location"] == reverse("partners:region", args=["VR12"])


def test_a_login_without_membership_or_partner_access_is_refused(world: World) -> None:
    from oranje.core.models import User

    nobody = User.objects.create_user(username="niemand", password="test-pass-123")
    client = _client(nobody)
    assert client.get(reverse("partners:home")).status_code == 403


def test_it_shows_the_newest_published_report_and_never_a_draft(pw: PartnerWorld) -> None:
    page = _view(pw)
    assert "Gasstoring Velsen-Noord" in page
    report = _client(pw.partner).get(reverse("partners:report", args=["VR12", pw.real.pk]))
    text = report.content.decode()
    assert "Tweede beeld" in text
    assert "Eerste beeld" not in text
    assert "Concept derde beeld" not in text


def test_an_incident_with_only_a_draft_report_has_no_partner_report(
    pw: PartnerWorld, world: World
) -> None:
    from oranje.incidents.constants import ReportStatus
    from oranje.partners.tests.factories import make_incident, report

    draft_only = make_incident(world.region, world.velsen, "Alleen concept")
    report(draft_only, 1, ReportStatus.APPROVED, "Goedgekeurd, niet gepubliceerd")
    url = reverse("partners:report", args=["VR12", draft_only.pk])
    assert _client(pw.partner).get(url).status_code == 404
    assert "Alleen concept" not in _view(pw)


def test_published_messages_for_the_public_and_partners_only(pw: PartnerWorld) -> None:
    page = _view(pw)
    assert "Geen gas in Velsen-Noord" in page
    assert "Voor partners: informatiepunt" in page
    assert "Concept bewonersbrief" not in page
    assert "Aan getroffenen: vergoeding" not in page


def test_open_shelters_as_figures_without_guests(pw: PartnerWorld) -> None:
    page = _view(pw)
    assert "Sporthal De Kooi" in page
    assert ">14<" in page and ">120<" in page
    assert "Buurthuis De Stek" not in page  # closed
    assert "Jansen" not in page and "ABCD-EFGH" not in page


def test_scaling_history_of_real_incidents_without_who_decided(pw: PartnerWorld) -> None:
    page = _view(pw)
    assert "Welzijn van 1.300 huishoudens" in page
    assert "Oefenstap" not in page
    assert "Piet Pietersen" not in page


def test_exercises_are_apart_and_marked(pw: PartnerWorld) -> None:
    page = _view(pw)
    assert "OEFENING Oefening dijkdoorbraak" in page
    report = _client(pw.partner).get(reverse("partners:report", args=["VR12", pw.exercise.pk]))
    assert report.status_code == 200
    assert report.content.decode().count("OEFENING") >= 2


def test_another_regions_view_and_report_are_not_found(pw: PartnerWorld) -> None:
    client = _client(pw.partner)
    assert client.get(reverse("partners:region", args=["VR09"])).status_code == 404
    url = reverse("partners:report", args=["VR12", pw.other_region.pk])
    assert client.get(url).status_code == 404
    url = reverse("partners:report", args=["VR09", pw.other_region.pk])
    assert client.get(url).status_code == 404


def test_a_region_code_with_extra_characters_is_not_found(pw: PartnerWorld) -> None:
    response = _client(pw.partner).get("/partners/VR12X/")
    assert response.status_code == 404


def test_a_revoked_partner_sees_nothing(pw: PartnerWorld) -> None:
    from django.utils import timezone

    PartnerAccess.objects.filter(user=pw.partner).update(revoked_at=timezone.now())
    client = _client(pw.partner)
    assert client.get(reverse("partners:region", args=["VR12"])).status_code == 404


def test_a_partners_reads_are_audited_and_a_members_are_not(pw: PartnerWorld, world: World) -> None:
    _view(pw)
    _client(pw.partner).get(reverse("partners:report", args=["VR12", pw.real.pk]))
    entries = AuditEntry.objects.filter(actor=pw.partner, region=world.region)
    assert set(entries.values_list("action", flat=True)) == {
        AuditAction.PARTNER_VIEW_READ,
        AuditAction.PARTNER_REPORT_READ,
    }
    staff = _client(world.viewer)
    assert staff.get(reverse("partners:region", args=["VR12"])).status_code == 200
    assert not AuditEntry.objects.filter(actor=world.viewer).exists()


def test_a_partner_sees_the_reduced_menu(pw: PartnerWorld) -> None:
    page = _view(pw)
    assert reverse("organisation:people") not in page
    assert reverse("incidents:incidents") not in page
    assert reverse("partners:region", args=["VR12"]) in page


def test_staff_see_the_full_menu_and_managers_the_partner_logins(world: World) -> None:
    page = _client(world.coordinator).get(reverse("incidents:incidents")).content.decode()
    assert reverse("organisation:people") in page
    assert reverse("partners:logins", args=["VR12"]) in page
    page = _client(world.viewer).get(reverse("incidents:incidents")).content.decode()
    assert reverse("partners:logins", args=["VR12"]) not in page


def test_a_partner_is_refused_by_staff_pages(pw: PartnerWorld) -> None:
    client = _client(pw.partner)
    for name in ["incidents:incidents", "organisation:people", "organisation:oncall_now"]:
        assert client.get(reverse(name)).status_code == 403
    assert client.get(f"/incidenten/{pw.real.pk}/").status_code == 404


def test_outside_the_partners_room_a_partner_is_a_stranger(pw: PartnerWorld) -> None:
    """Pages that answer any logged-in user (own shifts, the national readiness counts, the
    API's catalogue) refuse a partner; the public page opens as for anyone."""
    client = _client(pw.partner)
    for path in ["/mijn-diensten/", "/vakbekwaamheid/landelijk/", "/mijn-alarmeringen/"]:
        assert client.get(path).status_code == 403, path
    for path in ["/api/v1/persons/", "/api/v1/readiness/national/", "/api/v1/incidents/"]:
        assert client.get(path).status_code == 403, path
    assert client.get("/publiek/VR12/").status_code == 200
    assert client.get(reverse("core:two_factor")).status_code == 200


def test_staff_with_a_partner_access_keep_their_staff_pages(world: World) -> None:
    from oranje.partners.constants import PartnerKind

    PartnerAccess.objects.create(
        user=world.viewer, region=world.region, kind=PartnerKind.OTHER, organisation="Ook partner"
    )
    assert _client(world.viewer).get("/mijn-diensten/").status_code == 200


def test_it_links_the_description_and_shows_the_point_of_contact(
    pw: PartnerWorld, world: World
) -> None:
    from oranje.partners.models import ContactPoint

    ContactPoint.objects.create(
        region=world.region,
        name="Marieke de Graaf",
        role="regionaal coördinator bevolkingszorg",
        phone="+31235159500",
        email="bevolkingszorg@vrk.example.nl",
    )
    page = _view(pw)
    assert reverse("partners:description", args=["VR12"]) in page
    assert "bevolkingszorg@vrk.example.nl" in page
    client = _client(pw.partner)
    assert client.get(reverse("partners:description", args=["VR12"])).status_code == 200


def test_a_real_report_links_its_edxl_sitrep_and_an_exercise_does_not(pw: PartnerWorld) -> None:
    client = _client(pw.partner)
    real = client.get(reverse("partners:report", args=["VR12", pw.real.pk])).content.decode()
    edxl = reverse("partners:report_edxl", args=["VR12", pw.real.pk, 2])
    assert edxl in real
    assert client.get(edxl).status_code == 200
    drill = client.get(reverse("partners:report", args=["VR12", pw.exercise.pk]))
    assert "edxl" not in drill.content.decode()


def test_the_point_of_contacts_phone_reads_dutch_and_dials_e164(
    pw: PartnerWorld, world: World
) -> None:
    from oranje.partners.models import ContactPoint

    ContactPoint.objects.create(
        region=world.region, name="Anne", phone="+31237890123", email="bz@vrk.example.nl"
    )
    page = _view(pw)
    assert '<a class="phone" href="tel:+31237890123">023 789 0123</a>' in page


def test_a_messages_instruction_has_no_colon_after_the_question(pw: PartnerWorld) -> None:
    from oranje.communication.models import Message

    Message.objects.filter(title="Geen gas in Velsen-Noord").update(instruction="Blijf binnen.")
    page = _view(pw)
    assert "<strong>Wat moet u doen?</strong> Blijf binnen." in page
    assert "?:" not in page
