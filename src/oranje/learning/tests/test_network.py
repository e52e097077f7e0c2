"""The national network: the directory (a region's coordinator keeps their own region's
lines, the national people every line; Dutch messages naming the field; grouped by role,
filters, former members apart), meetings (planned and held, the minimum warning on the page,
documents checked by content and their download audited, decisions), advisory questions
(owner from the directory, answer needed to mark it answered, overdue marked) and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.learning.models import AdvisoryQuestion, Meeting, MeetingDocument, NetworkMember
from oranje.learning.services import network as services
from oranje.learning.tests.network_helpers import client_for, national_monitor
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_the_directory_is_kept_per_region(world: World) -> None:
    member = services.member_save(
        actor=world.coordinator,
        name="Anna de Vries",
        role="secretary",
        region=world.region,
        organisation="Gemeente Haarlem",
        bodies=["network"],
        email="a.devries@haarlem.nl",
    )
    assert AuditEntry.objects.filter(action="network_member.save", region=world.region).exists()
    with pytest.raises(PermissionDenied):  # another region's line
        services.member_save(
            actor=world.coordinator, name="X", role="secretary", region=world.other_region
        )
    with pytest.raises(PermissionDenied):  # a national line
        services.member_save(actor=world.coordinator, name="X", role="chair")
    with pytest.raises(PermissionDenied):
        services.member_save(
            actor=world.outsider,
            member=member,
            name="Y",
            role="secretary",
            region=world.other_region,
        )
    with pytest.raises(ValidationError) as caught:
        services.member_save(
            actor=world.admin,
            name="",
            role="portfolio",
            email="geen-adres",
            phone="06-abc",
            since=dt.date(2024, 5, 1),
            until=dt.date(2023, 1, 1),
            bodies=["elders"],
        )
    errors = caught.value.message_dict
    assert errors["name"] == ["naam: vul in wie het is."]
    assert errors["portfolio"] == [
        "portefeuille: vul de portefeuille van deze portefeuillehouder in."
    ]
    assert errors["email"] == ["e-mail: vul een e-mailadres in zoals naam@gemeente.nl."]
    assert errors["phone"] == ["telefoon: alleen cijfers, spaties en + - ( )."]
    assert errors["until"] == ["tot: de dag van vertrek ligt voor de dag van begin."]
    assert errors["bodies"] == ["neemt deel aan: kies uit de lijst."]
    with pytest.raises(ValidationError) as caught:
        services.member_save(actor=world.admin, name="Z", role="secretary")
    assert "regio:" in caught.value.message_dict["region"][0]


def test_the_directory_page_groups_and_filters(world: World) -> None:
    admin = world.admin
    services.member_save(actor=admin, name="Carla Voorzitter", role="chair", bodies=["network"])
    services.member_save(
        actor=admin,
        name="Piet Portefeuille",
        role="portfolio",
        portfolio="Nazorg",
        bodies=["portfolio"],
    )
    services.member_save(actor=admin, name="Sam Secretaris", role="secretary", region=world.region)
    services.member_save(
        actor=admin,
        name="Oud Lid",
        role="secretary",
        region=world.other_region,
        since=dt.date(2020, 1, 1),
        until=dt.date(2021, 1, 1),
    )
    viewer = client_for(world.viewer)
    page = viewer.get("/leren/netwerk/").content.decode()
    assert (
        page.index("Carla Voorzitter")
        < page.index("Sam Secretaris")
        < page.index("Piet Portefeuille")
    )
    assert "Nazorg" in page and "Oud Lid" not in page
    assert "Toevoegen aan het overzicht" not in page  # a viewer keeps nothing
    former = viewer.get("/leren/netwerk/", {"vertrokken": "on"}).content.decode()
    assert "Oud Lid" in former and "vertrokken op 1-1-2021" in former
    only = viewer.get("/leren/netwerk/", {"orgaan": "portfolio"}).content.decode()
    assert "Piet Portefeuille" in only and "Carla Voorzitter" not in only
    search = viewer.get("/leren/netwerk/", {"zoek": "nazorg"}).content.decode()
    assert "Piet Portefeuille" in search and "Sam Secretaris" not in search
    # The region's coordinator adds a line of their own region; another region is no choice.
    coordinator = client_for(world.coordinator)
    refused = coordinator.post(
        "/leren/netwerk/nieuw/",
        {"name": "Xander", "role": "secretary", "region": world.other_region.pk},
    )
    assert (
        refused.status_code == 400
        and "Regio: kies er een uit de lijst." in refused.content.decode()
    )
    done = coordinator.post(
        "/leren/netwerk/nieuw/",
        {
            "name": "Xander",
            "role": "coordinator",
            "region": world.region.pk,
            "bodies": ["coordinators"],
        },
    )
    assert done.status_code == 302
    assert NetworkMember.objects.get(name="Xander").bodies == ["coordinators"]


def test_the_directory_api(world: World) -> None:
    client = client_for(world.coordinator)
    created = client.post(
        "/api/v1/learning/network/members/",
        {"name": "Api Lid", "role": "official", "region": "VR12", "bodies": ["network"]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    bad = client.post(
        "/api/v1/learning/network/members/",
        {"name": "Api Lid", "role": "portfolio", "region": "VR12"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "portfolio" in bad.json()
    assert (
        client.patch(
            f"/api/v1/learning/network/members/{pk}/",
            {"region": "VR09"},
            content_type="application/json",
        ).status_code
        == 403
    )
    patched = client.patch(
        f"/api/v1/learning/network/members/{pk}/",
        {"phone": "023 511 5115"},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["phone"] == "023 511 5115"
    listing = client_for(world.viewer).get(
        "/api/v1/learning/network/members/", {"role": "official"}
    )
    assert [m["name"] for m in listing.json()["results"]] == ["Api Lid"]
    assert client.get("/api/v1/learning/network/members/", {"role": "koning"}).status_code == 400
    assert (
        client.get("/api/v1/learning/network/members/", {"former": "misschien"}).status_code == 400
    )


def test_meetings_documents_and_decisions(world: World) -> None:
    nm = national_monitor()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        services.meeting_save(
            actor=nm, body="portfolio", held_on=today + dt.timedelta(days=30), status="held"
        )
    assert caught.value.message_dict["status"] == [
        "status: een bijeenkomst die nog moet komen, kan nog niet gehouden zijn."
    ]
    with pytest.raises(PermissionDenied):
        services.meeting_save(actor=world.coordinator, body="portfolio", held_on=today)
    meeting = services.meeting_save(
        actor=nm, body="portfolio", held_on=today, status="held", theme="Nazorg na de brand"
    )
    client = client_for(nm)
    page = client.get("/leren/netwerk/bijeenkomsten/").content.decode()
    # The sub-menu and the page call them the same: "Bijeenkomsten".
    assert "<h1>Bijeenkomsten van het netwerk" in page and "Vergaderingen" not in page
    assert ">Bijeenkomsten</a>" in page
    assert "De portefeuillehouders kwamen dit jaar 1 keer bijeen; minimaal 4 per jaar" in page
    # A document is known by its content: a program is refused, a PDF kept.
    url = f"/leren/netwerk/bijeenkomsten/{meeting.pk}/documenten/"
    exe = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00 not a document", "application/pdf")
    refused = client.post(url, {"title": "Agenda", "file": exe})
    assert refused.status_code == 400
    assert "alleen PDF" in refused.content.decode() or "bestand:" in refused.content.decode()
    assert not MeetingDocument.objects.exists()
    pdf = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda", "application/pdf")
    assert client.post(url, {"title": "Agenda voorjaar", "file": pdf}).status_code == 302
    document = MeetingDocument.objects.get()
    reader = client_for(world.viewer)
    response = reader.get(f"/leren/netwerk/documenten/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 agenda"  # type: ignore[attr-defined]
    assert 'filename="Agenda voorjaar.pdf"' in response["Content-Disposition"]
    assert AuditEntry.objects.filter(
        action="meeting.document_read", actor=world.viewer, object_id=str(document.pk)
    ).exists()
    # Decisions: only national people record them; an empty one names the field.
    decisions = f"/leren/netwerk/bijeenkomsten/{meeting.pk}/besluiten/"
    assert reader.post(decisions, {"text": "Besluit"}).status_code == 403
    empty = client.post(decisions, {"text": ""})
    assert empty.status_code == 400 and "Besluit: vul dit in." in empty.content.decode()
    assert "Dit veld is vereist." not in empty.content.decode()
    # The meeting form names its fields, and the minutes are "Notulen" (not "Minuten").
    new = client.get("/leren/netwerk/bijeenkomsten/nieuw/").content.decode()
    assert "Notulen" in new and "Minuten" not in new
    empty = client.post("/leren/netwerk/bijeenkomsten/nieuw/", {"body": "portfolio"})
    assert empty.status_code == 400 and "Datum: vul dit in." in empty.content.decode()
    assert "Dit veld is vereist." not in empty.content.decode()
    assert (
        client.post(
            decisions, {"text": "Pools per regio inrichten", "owner": "Voorzitter"}
        ).status_code
        == 302
    )
    detail = reader.get(f"/leren/netwerk/bijeenkomsten/{meeting.pk}/").content.decode()
    assert "Pools per regio inrichten" in detail and "Agenda voorjaar" in detail
    assert "Notulen" in detail and "Minuten" not in detail
    assert "Besluit vastleggen" not in detail  # no forms for a reader
    # The API: the year's overview with the warning, and a decision.
    overview = reader.get("/api/v1/learning/network/meetings/overview/").json()
    portfolio = next(b for b in overview if b["body"] == "portfolio")
    assert portfolio["held"] == 1 and portfolio["behind"] is True
    assert reader.get("/api/v1/learning/network/meetings/", {"year": "1999"}).status_code == 400
    added = client_for(nm).post(
        f"/api/v1/learning/network/meetings/{meeting.pk}/decisions/",
        {"text": "Tweede besluit"},
        content_type="application/json",
    )
    assert added.status_code == 201 and len(added.json()["decisions"]) == 2


def test_advisory_questions(world: World) -> None:
    nm = national_monitor()
    owner = services.member_save(actor=nm, name="Carla Voorzitter", role="chair")
    gone = services.member_save(
        actor=nm, name="Oud Lid", role="chair", since=dt.date(2020, 1, 1), until=dt.date(2021, 1, 1)
    )
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        services.advice_save(
            actor=nm,
            kind="asked",
            title="",
            question="",
            asked_on=today,
            owner=gone,
            status="answered",
            deadline=today - dt.timedelta(days=400),
        )
    errors = caught.value.message_dict
    assert errors["title"] == ["titel: geef de vraag een titel."]
    assert errors["owner"] == ["eigenaar: kies iemand die nu in het netwerk zit."]
    assert errors["answer"] == [
        "antwoord: schrijf het antwoord op voordat u de vraag als beantwoord markeert."
    ]
    assert errors["deadline"] == [
        "deadline: de deadline ligt voor de dag waarop de vraag gesteld is."
    ]
    with pytest.raises(PermissionDenied):
        services.advice_save(
            actor=world.coordinator, kind="asked", title="x", question="x", asked_on=today
        )
    late = services.advice_save(
        actor=nm,
        kind="asked",
        title="Advies over regionale pools",
        question="Hoe richten we pools in?",
        asked_on=today - dt.timedelta(days=60),
        owner=owner,
        deadline=today - dt.timedelta(days=5),
    )
    assert late.owner_name == "Carla Voorzitter"
    services.advice_save(
        actor=nm,
        kind="unasked",
        title="Ongevraagd advies over nazorg",
        question="De nazorg verdient een landelijke lijn.",
        asked_on=today,
        status="answered",
        answer="Overgenomen door het Veiligheidsberaad.",
    )
    answered = AdvisoryQuestion.objects.get(kind="unasked")
    assert answered.answered_on == today
    reader = client_for(world.viewer)
    page = reader.get("/leren/netwerk/adviesvragen/").content.decode()
    assert "Vragen over de deadline: 1." in page and "over de deadline" in page
    # Open questions first, whatever the status codes' alphabet says.
    assert page.index("Advies over regionale pools") < page.index("Ongevraagd advies")
    empty = client_for(nm).post("/leren/netwerk/adviesvragen/nieuw/", {"kind": "asked"})
    assert empty.status_code == 400 and "Titel: vul dit in." in empty.content.decode()
    assert "Dit veld is vereist." not in empty.content.decode()
    only_late = reader.get("/leren/netwerk/adviesvragen/", {"verlopen": "on"}).content.decode()
    assert "Advies over regionale pools" in only_late and "Ongevraagd advies" not in only_late
    detail = reader.get(f"/leren/netwerk/adviesvragen/{late.pk}/").content.decode()
    assert "Carla Voorzitter" in detail and "Nog niet beantwoord." in detail
    # The form: answering without an answer names the field.
    client = client_for(nm)
    form = client.post(
        f"/leren/netwerk/adviesvragen/{late.pk}/bewerken/",
        {
            "kind": "asked",
            "title": late.title,
            "question": late.question,
            "asked_on": late.asked_on.isoformat(),
            "status": "answered",
        },
    )
    assert form.status_code == 400
    assert "antwoord: schrijf het antwoord op" in form.content.decode()
    # The API.
    api = client.patch(
        f"/api/v1/learning/network/advice/{late.pk}/",
        {"status": "answered", "answer": "Drie hoofdpools."},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["overdue"] is False
    assert api.json()["owner"] == owner.pk
    listing = reader.get("/api/v1/learning/network/advice/", {"status": "answered"}).json()
    assert len(listing["results"]) == 2
    assert (
        client.post(
            "/api/v1/learning/network/advice/",
            {
                "kind": "asked",
                "title": "x",
                "question": "y",
                "asked_on": "2026-01-01",
                "owner": 999999,
            },
            content_type="application/json",
        ).status_code
        == 400
    )
    assert not Meeting.objects.exists()
