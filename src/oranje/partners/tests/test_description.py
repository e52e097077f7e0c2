"""The description of population care (national text, regional additions, versions), the
regional point of contact, and who may read and write them."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from oranje.core.models import AuditEntry, User
from oranje.organisation.tests.factories import World
from oranje.partners.constants import PartnerKind
from oranje.partners.models import ContactPoint, Description, PartnerAccess
from oranje.partners.services_description import (
    composed,
    contact_point_save,
    description_publish,
)

pytestmark = pytest.mark.django_db

ADDITION = {"will_do": "In Kennemerland opent bevolkingszorg binnen 2 uur de sporthal."}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _partner(world: World, region=None) -> User:  # type: ignore[no-untyped-def]
    user = User.objects.create_user(username="politie-vr12", password="x")
    PartnerAccess.objects.create(
        user=user,
        region=region or world.region,
        kind=PartnerKind.POLICE,
        organisation="Politie Noord-Holland",
    )
    return user


def test_the_national_text_exists_as_version_one_with_every_part(world: World) -> None:
    national = Description.objects.get(region__isnull=True, version=1)
    for part in ("what", "boundary", "will_do", "will_not_do"):
        assert len(getattr(national, part)) > 200
    assert "verminderd zelfredzamen" in national.what
    assert "burgemeester" in national.boundary


def test_a_regional_addition_is_a_new_version_shown_under_the_national_text(world: World) -> None:
    row = description_publish(
        actor=world.coordinator, region=world.region, texts=ADDITION, note="Opvang sneller"
    )
    assert row.version == 1 and row.region == world.region
    parts = {p.code: p for p in composed(world.region)}
    assert parts["will_do"].addition == ADDITION["will_do"]
    assert "bevolkingszorg" in parts["will_do"].national
    assert parts["what"].addition == ""
    again = description_publish(
        actor=world.coordinator,
        region=world.region,
        texts={**ADDITION, "what": "Ook de eilanden."},
        note="Eilanden",
    )
    assert again.version == 2
    assert Description.objects.filter(region=world.region).count() == 2
    entry = AuditEntry.objects.get(action="description.regional_publish", object_id=str(again.pk))
    assert entry.changes["parts"] == ["what"]
    # The other region still shows the national text alone.
    assert all(p.addition == "" for p in composed(world.other_region))


def test_a_version_must_say_what_changed(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        description_publish(actor=world.coordinator, region=world.region, texts=ADDITION, note=" ")
    assert caught.value.message_dict["note"] == [
        "Wat is er veranderd: zeg in één regel wat er nieuw is in deze versie."
    ]


def test_an_unchanged_text_is_not_a_new_version(world: World) -> None:
    description_publish(actor=world.coordinator, region=world.region, texts=ADDITION, note="A")
    with pytest.raises(ValidationError) as caught:
        description_publish(actor=world.coordinator, region=world.region, texts=ADDITION, note="B")
    assert "Niets veranderd" in caught.value.messages[0]


def test_the_national_text_is_for_national_administrators_and_complete(world: World) -> None:
    current = Description.objects.get(region__isnull=True, version=1)
    texts = {p: getattr(current, p) for p in ("what", "boundary", "will_do", "will_not_do")}
    with pytest.raises(PermissionDenied):
        description_publish(
            actor=world.coordinator, region=None, texts={**texts, "what": "X"}, note="x"
        )
    with pytest.raises(ValidationError) as caught:
        description_publish(actor=world.admin, region=None, texts={**texts, "what": ""}, note="x")
    assert caught.value.message_dict["what"][0].startswith("Wat bevolkingszorg is:")
    row = description_publish(
        actor=world.admin, region=None, texts={**texts, "what": "Nieuw"}, note="Korter"
    )
    assert row.version == 2 and row.region is None
    assert composed(world.region)[0].national == "Nieuw"


def test_a_part_longer_than_the_limit_is_refused_naming_the_part(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        description_publish(
            actor=world.coordinator, region=world.region, texts={"what": "x" * 8001}, note="x"
        )
    assert caught.value.message_dict["what"][0].startswith("Wat bevolkingszorg is: hoogstens")


def test_only_the_regions_managers_write_its_additions(world: World) -> None:
    for user in (world.viewer, world.functionary, world.outsider):
        with pytest.raises(PermissionDenied):
            description_publish(actor=user, region=world.region, texts=ADDITION, note="x")
    assert _client(world.viewer).get("/bevolkingszorg/VR12/aanvullen/").status_code == 403
    assert _client(world.outsider).get("/bevolkingszorg/VR12/aanvullen/").status_code == 404


def test_the_edit_page_publishes_and_shows_the_region_its_addition(world: World) -> None:
    client = _client(world.coordinator)
    form = client.get("/bevolkingszorg/VR12/aanvullen/")
    assert form.status_code == 200
    response = client.post(
        "/bevolkingszorg/VR12/aanvullen/", {**ADDITION, "note": "Opvang sneller"}
    )
    assert response.status_code == 302
    page = _client(world.viewer).get("/bevolkingszorg/VR12/").content.decode()
    assert "In Kennemerland opent bevolkingszorg binnen 2 uur de sporthal." in page
    assert "Aanvulling van Kennemerland" in page
    history = _client(world.viewer).get("/bevolkingszorg/VR12/versies/").content.decode()
    assert "Opvang sneller" in history and "Landelijke tekst, eerste versie." in history


def test_the_edit_page_says_in_dutch_what_is_missing(world: World) -> None:
    response = _client(world.coordinator).post("/bevolkingszorg/VR12/aanvullen/", ADDITION)
    assert response.status_code == 400
    assert "Wat is er veranderd: zeg in één regel" in response.content.decode()


def test_outsiders_do_not_see_the_regions_description(world: World) -> None:
    assert _client(world.outsider).get("/bevolkingszorg/VR12/").status_code == 404
    assert _client(world.outsider).get("/bevolkingszorg/VR09/").status_code == 200


def test_the_point_of_contact_checks_phone_and_email_in_dutch(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        contact_point_save(
            actor=world.coordinator,
            region=world.region,
            name="",
            role="",
            phone="12",
            email="geen-adres",
        )
    errors = caught.value.message_dict
    assert errors["name"] == ["Naam: vul in wie het aanspreekpunt is."]
    assert errors["phone"][0].startswith("Telefoon: ")
    assert errors["email"][0].startswith("E-mail: 'geen-adres'")


def test_the_point_of_contact_is_stored_normalised_and_audited(world: World) -> None:
    cp = contact_point_save(
        actor=world.coordinator,
        region=world.region,
        name="Anne de Wit",
        role="Regionaal coördinator bevolkingszorg",
        phone="023 515 9500",
        email="bz@vrk.nl",
    )
    assert cp.phone == "+31235159500"
    assert AuditEntry.objects.filter(action="contact_point.save", object_id=str(cp.pk)).exists()
    with pytest.raises(PermissionDenied):
        contact_point_save(
            actor=world.viewer,
            region=world.region,
            name="X",
            role="",
            phone="0612345678",
            email="x@vrk.nl",
        )


def test_the_point_of_contact_shows_on_the_on_call_page_and_the_description(world: World) -> None:
    ContactPoint.objects.create(
        region=world.region, name="Anne de Wit", phone="+31235159500", email="bz@vrk.nl"
    )
    client = _client(world.coordinator)
    for url in ("/piket/nu/", "/bevolkingszorg/VR12/"):
        page = client.get(url).content.decode()
        assert "Anne de Wit" in page and "bz@vrk.nl" in page, url
    assert "/bevolkingszorg/VR12/" in client.get("/piket/nu/").content.decode()


def test_the_contact_point_page_refuses_a_bad_phone_naming_the_field(world: World) -> None:
    client = _client(world.coordinator)
    response = client.post(
        "/bevolkingszorg/VR12/aanspreekpunt/",
        {"name": "Anne", "phone": "abc", "email": "bz@vrk.nl"},
    )
    assert response.status_code == 400
    assert "Telefoon: " in response.content.decode()
    assert not ContactPoint.objects.exists()
    ok = client.post(
        "/bevolkingszorg/VR12/aanspreekpunt/",
        {"name": "Anne", "phone": "0612345678", "email": "bz@vrk.nl"},
    )
    assert ok.status_code == 302
    assert ContactPoint.objects.get(region=world.region).phone == "+31612345678"


def test_a_partner_reads_its_regions_description_and_the_read_is_audited(world: World) -> None:
    partner = _partner(world)
    ContactPoint.objects.create(
        region=world.region, name="Anne de Wit", phone="+31235159500", email="bz@vrk.nl"
    )
    client = _client(partner)
    page = client.get("/bevolkingszorg/VR12/")
    assert page.status_code == 200 and "Anne de Wit" in page.content.decode()
    assert AuditEntry.objects.filter(action="description.partner_read", actor=partner).exists()
    assert client.get("/bevolkingszorg/VR09/").status_code == 404
    assert client.get("/bevolkingszorg/VR12/aanvullen/").status_code == 404
    assert client.get("/bevolkingszorg/VR12/aanspreekpunt/").status_code == 404


def test_the_api_gives_the_description_and_takes_a_new_version(world: World) -> None:
    client = _client(world.coordinator)
    got = client.get("/api/v1/regions/VR12/population-care-description/")
    assert got.status_code == 200
    assert got.json()["national_version"] == 1
    assert [p["code"] for p in got.json()["parts"]] == [
        "what",
        "boundary",
        "will_do",
        "will_not_do",
    ]
    put = client.put(
        "/api/v1/regions/VR12/population-care-description/",
        data=json.dumps({**ADDITION, "note": "Opvang sneller"}),
        content_type="application/json",
    )
    assert put.status_code == 201 and put.json()["version"] == 1
    empty_note = client.put(
        "/api/v1/regions/VR12/population-care-description/",
        data=json.dumps({**ADDITION, "note": ""}),
        content_type="application/json",
    )
    assert empty_note.status_code == 400 and "note" in empty_note.json()
    viewer = _client(world.viewer).put(
        "/api/v1/regions/VR12/population-care-description/",
        data=json.dumps({**ADDITION, "note": "x"}),
        content_type="application/json",
    )
    assert viewer.status_code == 403


def test_the_api_sets_the_point_of_contact_with_dutch_errors(world: World) -> None:
    client = _client(world.coordinator)
    bad = client.put(
        "/api/v1/regions/VR12/contact-point/",
        data=json.dumps({"name": "Anne", "phone": "12", "email": "bz@vrk.nl"}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["phone"][0].startswith("Telefoon: ")
    assert client.get("/api/v1/regions/VR12/contact-point/").status_code == 404
    good = client.put(
        "/api/v1/regions/VR12/contact-point/",
        data=json.dumps({"name": "Anne", "phone": "0612345678", "email": "bz@vrk.nl"}),
        content_type="application/json",
    )
    assert good.status_code == 200 and good.json()["phone"] == "+31612345678"


def test_a_partner_reads_the_versions_without_a_person_and_the_read_is_audited(
    world: World,
) -> None:
    world.coordinator.first_name, world.coordinator.last_name = "Jolanda", "Verbeek"
    world.coordinator.save()
    description_publish(
        actor=world.coordinator, region=world.region, texts=ADDITION, note="Opvang sneller"
    )
    partner = _partner(world)
    before = AuditEntry.objects.filter(actor=partner, action="description.partner_read").count()
    page = _client(partner).get("/bevolkingszorg/VR12/versies/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Opvang sneller" in body
    assert "Jolanda" not in body and "Verbeek" not in body
    assert "De regio" in body and "Landelijk" in body
    assert (
        AuditEntry.objects.filter(actor=partner, action="description.partner_read").count()
        == before + 1
    )
    # The region's staff still see who published, and their read is no partner read.
    staff = _client(world.viewer).get("/bevolkingszorg/VR12/versies/").content.decode()
    assert "Jolanda Verbeek" in staff
    assert not AuditEntry.objects.filter(
        actor=world.viewer, action="description.partner_read"
    ).exists()


def test_dash_lines_of_a_part_show_as_a_bulleted_list(world: World) -> None:
    description_publish(
        actor=world.coordinator,
        region=world.region,
        texts={**ADDITION, "will_do": "Wij regelen:\n- opvang\n- <b>verwanten</b>"},
        note="Lijst",
    )
    page = _client(world.coordinator).get("/bevolkingszorg/VR12/").content.decode()
    assert "<ul><li>opvang</li><li>&lt;b&gt;verwanten&lt;/b&gt;</li></ul>" in page
    assert "- opvang" not in page
