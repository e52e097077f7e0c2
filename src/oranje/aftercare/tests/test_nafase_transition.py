"""The transition document: facts from the records, versions, editing a draft, approving
(which fixes the version), the pages and the print view."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from oranje.aftercare.constants import DocumentStatus
from oranje.aftercare.models import TransitionDocument
from oranje.aftercare.selectors_transition import facts_display, transition_prefill
from oranje.aftercare.services import transition as services
from oranje.aftercare.tests.helpers import facts_world, officer, start_nafase
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.incidents.services import incident_close
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


def test_facts_hold_the_counts_of_every_room(world: World) -> None:
    incident = start_incident(world)
    facts_world(world, incident)
    facts = transition_prefill(incident)

    report = facts["report"]
    assert report["version"] == 1 and report["status"] == "published"  # published beats newer
    assert report["summary"] == "Brand in zorgcentrum geblust."
    assert report["sections"] == [
        {"process": "shelter", "picture": "40 bewoners in sporthal", "judgement": "", "advice": ""}
    ]
    assert facts["actions"]["open"] == 1 and facts["actions"]["overdue"] == 1
    (action,) = facts["actions"]["listed"]
    assert action["text"] == "Tijdelijke huisvesting regelen" and action["owner"] == "OVD-BZ"
    assert facts["registry"]["persons"] == 1
    assert facts["shelters"] == {
        "open": 1,
        "with_people": 1,
        "present": 7,
        "listed": [{"name": "Sporthal De Feiten", "present": 7, "beds": 60}],
    }
    assert facts["housing"]["needed"] == 1 and facts["housing"]["needed_over"] == 1
    assert facts["housing"]["hours"] == 48
    assert facts["damage"]["total"] == 1 and facts["damage"]["urgent"] == 1
    assert facts["damage"]["unsafe"] == 1
    assert facts["signals"]["contacts"] == 13 and facts["signals"]["open_rumours"] == 1
    assert facts["signals"]["topics"][0] == {"topic": "rook", "contacts": 12}
    # No person's name anywhere in the snapshot.
    assert "Feitsma" not in str(facts) and "Johanna" not in str(facts)
    view = facts_display(facts)
    labels = dict(row for _h, rows in view.groups for row in rows)
    assert labels["Geregistreerde personen"] == "1"
    assert labels["Mensen in de opvang"] == "7"
    assert labels["Schademeldingen"] == "1"


def test_facts_of_an_empty_incident_are_zeros(world: World) -> None:
    incident = start_incident(world)
    facts = transition_prefill(incident)
    assert facts["report"] is None and facts["actions"]["open"] == 0
    assert facts["damage"]["total"] == 0 and facts["shelters"]["present"] == 0
    assert facts_display({"nonsense": 1}).groups  # an odd snapshot shows zeros, no error


def test_versions_edit_approve_and_lock(world: World) -> None:
    incident = start_incident(world)
    facts_world(world, incident)
    start_nafase(world, incident)
    nadia = officer(world.region, "nadia2")

    first = services.transition_create(actor=nadia, incident=incident)
    assert first.number == 1 and first.status == DocumentStatus.DRAFT
    assert first.summary == "Brand in zorgcentrum geblust."  # from the situation report
    assert "Tijdelijke huisvesting regelen (OVD-BZ" in first.open_points
    with pytest.raises(ValidationError):  # one draft at a time
        services.transition_create(actor=nadia, incident=incident)

    services.transition_update(
        actor=nadia,
        doc=first,
        summary="Samenvatting",
        open_points="Huisvesting",
        arrangements="IAC in het wijkcentrum",
        risks="Onrust",
    )
    first.refresh_from_db()
    assert first.arrangements == "IAC in het wijkcentrum"
    with pytest.raises(ValidationError) as too_long:
        services.transition_update(
            actor=nadia, doc=first, summary="x" * 5001, open_points="", arrangements="", risks=""
        )
    assert "summary" in too_long.value.message_dict

    with pytest.raises(PermissionDenied):  # the aftercare officer writes, does not approve
        services.transition_approve(actor=nadia, doc=first)
    approved = services.transition_approve(actor=world.coordinator, doc=first)
    assert approved.status == DocumentStatus.APPROVED and approved.approved_at is not None
    assert approved.approved_by == world.coordinator and approved.approved_by_name
    assert AuditEntry.objects.filter(
        action=AuditAction.TRANSITION_APPROVE, object_id=str(first.pk)
    ).exists()
    line = incident.log.order_by("-number").first()
    assert line is not None and "Overdrachtsdocument versie 1 vastgesteld" in line.text

    for change in (
        lambda: services.transition_update(
            actor=nadia, doc=first, summary="Anders", open_points="", arrangements="", risks=""
        ),
        lambda: services.transition_refresh_facts(actor=nadia, doc=first),
        lambda: services.transition_approve(actor=world.coordinator, doc=first),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert "is vastgesteld en kan niet meer worden gewijzigd" in refused.value.messages[0]

    second = services.transition_create(actor=nadia, incident=incident)
    assert second.number == 2 and second.summary == "Samenvatting"  # from the last version


def test_refresh_takes_the_facts_again(world: World) -> None:
    incident = start_incident(world)
    doc = services.transition_create(actor=world.coordinator, incident=incident)
    assert doc.facts["damage"]["total"] == 0
    facts_world(world, incident)
    doc = services.transition_refresh_facts(actor=world.coordinator, doc=doc)
    assert doc.facts["damage"]["total"] == 1


def test_empty_summary_is_not_approved_and_outsiders_may_not_write(world: World) -> None:
    incident = start_incident(world)
    doc = services.transition_create(actor=world.coordinator, incident=incident)
    with pytest.raises(ValidationError) as refused:
        services.transition_approve(actor=world.coordinator, doc=doc)
    assert "summary" in refused.value.message_dict
    for user in (world.functionary, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.transition_create(actor=user, incident=incident)
    incident_close(actor=world.coordinator, incident=incident)
    with pytest.raises(ValidationError):
        services.transition_refresh_facts(actor=world.coordinator, doc=doc)


# ---------------------------------------------------------------- pages


def test_pages_list_create_edit_approve_print(world: World, client: Client) -> None:
    incident = start_incident(world, exercise=True)
    facts_world(world, incident)
    client.force_login(world.coordinator)
    base = f"/incidenten/{incident.pk}/nafase/overdracht/"
    assert "Nog geen overdrachtsdocument" in client.get(base).content.decode()
    made = client.post(base)
    doc = TransitionDocument.objects.get(incident=incident)
    assert made.status_code == 302 and made["Location"] == f"{base}{doc.pk}/"
    page = client.get(f"{base}{doc.pk}/").content.decode()
    assert "Sporthal De Feiten" in page and "Feitsma" not in page
    bad = client.post(f"{base}{doc.pk}/", {"summary": "x" * 5001})
    assert bad.status_code == 400 and "Samenvatting acute fase" in bad.content.decode()
    saved = client.post(
        f"{base}{doc.pk}/",
        {"summary": "Alles onder controle", "open_points": "", "arrangements": "", "risks": ""},
    )
    assert saved.status_code == 302
    printed = client.get(f"{base}{doc.pk}/print/").content.decode()
    assert "OEFENING" in printed and "CONCEPT" in printed and "Alles onder controle" in printed
    assert client.post(f"{base}{doc.pk}/vaststellen/").status_code == 302
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.APPROVED
    printed = client.get(f"{base}{doc.pk}/print/").content.decode()
    assert "CONCEPT" not in printed and "Vastgesteld" in printed
    # The approved version is not changed through the page either.
    again = client.post(f"{base}{doc.pk}/", {"summary": "Anders"})
    assert again.status_code == 302
    doc.refresh_from_db()
    assert doc.summary == "Alles onder controle"
    home = client.get(f"/incidenten/{incident.pk}/nafase/").content.decode()
    assert "versie 1" in home.lower()


def test_pages_doors(world: World, client: Client) -> None:
    incident = start_incident(world)
    doc = services.transition_create(actor=world.coordinator, incident=incident)
    base = f"/incidenten/{incident.pk}/nafase/overdracht/"
    client.force_login(world.coordinator)
    real = client.get(f"{base}{doc.pk}/print/").content.decode()
    assert "OEFENING" not in real and "CONCEPT" in real
    client.force_login(world.viewer)
    assert client.get(f"{base}{doc.pk}/").status_code == 200
    assert client.post(f"{base}{doc.pk}/", {"summary": "x"}).status_code == 403
    assert client.post(f"{base}{doc.pk}/vaststellen/").status_code == 403
    client.force_login(world.outsider)
    assert client.get(f"{base}{doc.pk}/").status_code == 404
    assert client.get(f"{base}{doc.pk}/print/").status_code == 404
