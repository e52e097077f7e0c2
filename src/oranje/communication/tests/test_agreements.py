"""The region's agreements on who communicates: the matrix page (read by everyone in the
region, changed in one form by its managers and communication role, audited per changed
cell), the API, and the incident's tab showing what applies at its current scaling."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from oranje.communication.constants import MessageKind
from oranje.communication.models import Agreement
from oranje.communication.services.agreements import (
    SCOPE_KEYS,
    Cell,
    agreements_save,
    incident_agreements,
)
from oranje.core.constants import Role
from oranje.core.models import AuditEntry, Membership, User
from oranje.incidents import services as incident_services
from oranje.incidents.constants import ScalingMode
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def comm(world: World) -> User:
    user = User.objects.create_user(username="woordvoerder", password="x")
    Membership.objects.create(user=user, role=Role.COMMUNICATION, region=world.region)
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**cells: str) -> dict[str, str]:
    """A whole form: the given cells ("grip1__public__who": "region"), the rest empty."""
    whole = {f"{scope}__{kind}__who": "" for scope in SCOPE_KEYS for kind in MessageKind.values}
    return {**whole, **cells}


def test_the_communication_role_saves_the_matrix_in_one_go_audited(
    world: World, comm: User
) -> None:
    client = _client(comm)
    page = client.get("/communicatie/afspraken/")
    assert page.status_code == 200
    assert "Afspraken over wie communiceert" in page.content.decode()
    response = client.post(
        "/communicatie/afspraken/",
        _form(
            grip1__public__who="municipality",
            grip1__public__note="Via de gemeentelijke woordvoerder",
            grip3__press__who="region",
            rot__warning__who="both",
        ),
    )
    assert response.status_code == 302
    stored = {(a.scope, a.kind): a.communicator for a in Agreement.objects.all()}
    assert stored == {
        ("grip1", "public"): "municipality",
        ("grip3", "press"): "region",
        ("rot", "warning"): "both",
    }
    entry = AuditEntry.objects.get(action="agreement.update")
    assert {c["cell"] for c in entry.changes["cells"]} == {
        "grip1.public",
        "grip3.press",
        "rot.warning",
    }

    # Changing one cell and emptying another: one entry naming just those two.
    response = client.post(
        "/communicatie/afspraken/",
        _form(
            grip1__public__who="municipality",
            grip1__public__note="Via de gemeentelijke woordvoerder",
            grip3__press__who="both",
        ),
    )
    assert response.status_code == 302
    latest = AuditEntry.objects.filter(action="agreement.update").order_by("-pk").first()
    assert latest is not None
    assert latest.changes["cells"] == [
        {"cell": "grip3.press", "from": "region", "to": "both"},
        {"cell": "rot.warning", "from": "both", "to": ""},
    ]
    assert not Agreement.objects.filter(scope="rot").exists()
    shown = client.get("/communicatie/afspraken/").content.decode()
    assert "Via de gemeentelijke woordvoerder" in shown and "beide" in shown


def test_others_read_the_matrix_but_may_not_change_it(world: World) -> None:
    client = _client(world.viewer)
    page = client.get("/communicatie/afspraken/")
    assert page.status_code == 200
    assert "Afspraken wijzigen" not in page.content.decode()
    assert (
        client.post("/communicatie/afspraken/", {"grip1__public__who": "region"}).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        agreements_save(
            actor=world.viewer, region=world.region, cells={("grip1", "public"): Cell("region")}
        )
    assert not Agreement.objects.exists()


def test_bad_input_is_refused_naming_the_cell_and_nothing_is_kept(world: World, comm: User) -> None:
    client = _client(comm)
    response = client.post(
        "/communicatie/afspraken/",
        _form(
            grip1__public__who="region", grip2__press__who="the mayor", grip2__staff__note="x" * 201
        ),
    )
    assert response.status_code == 400
    assert not Agreement.objects.exists()
    with pytest.raises(ValidationError) as caught:
        agreements_save(
            actor=comm,
            region=world.region,
            cells={
                ("grip9", "public"): Cell("region"),
                ("grip1", "staff"): Cell("", "Alleen een notitie"),
            },
        )
    errors = caught.value.message_dict
    assert "grip9" in errors["grip9.public"][0]
    assert errors["grip1.staff"] == ["wie communiceert: kies wie, of laat de notitie leeg."]


def test_the_api_reads_and_replaces_the_matrix(world: World, comm: User) -> None:
    api = APIClient()
    api.force_login(comm)
    url = f"/api/v1/regions/{world.region.code}/communication-agreements/"
    body = {
        "agreements": [
            {"scope": "grip2", "kind": "warning", "communicator": "region"},
            {
                "scope": "copi",
                "kind": "public",
                "communicator": "municipality",
                "note": "Ter plaatse",
            },
        ]
    }
    put = api.put(url, body, format="json")
    assert put.status_code == 200
    assert put.json()["agreements"] == [
        {"scope": "grip2", "kind": "warning", "communicator": "region", "note": ""},
        {"scope": "copi", "kind": "public", "communicator": "municipality", "note": "Ter plaatse"},
    ]
    twice = {"agreements": [body["agreements"][0], body["agreements"][0]]}
    assert api.put(url, twice, format="json").status_code == 400
    wrong = {"agreements": [{"scope": "grip7", "kind": "warning", "communicator": "region"}]}
    assert api.put(url, wrong, format="json").status_code == 400
    assert Agreement.objects.count() == 2

    viewer = APIClient()
    viewer.force_login(world.viewer)
    assert viewer.get(url).json()["region"] == "VR12"
    assert viewer.put(url, body, format="json").status_code == 403
    outsider = APIClient()
    outsider.force_login(world.outsider)
    assert outsider.get(url).status_code == 404


def test_the_incident_shows_who_communicates_at_its_current_scaling(
    world: World, comm: User
) -> None:
    agreements_save(
        actor=comm,
        region=world.region,
        cells={
            ("grip1", "public"): Cell("municipality", "Gemeente Haarlem"),
            ("grip2", "public"): Cell("region"),
            ("rot", "press"): Cell("region"),
            ("gbt", "press"): Cell("both"),
        },
    )
    incident = start_incident(world)
    assert incident_agreements(incident).scopes == []
    scale(world, incident, 1)
    now = incident_agreements(incident)
    assert now.scopes == [("grip1", "GRIP 1")]
    public = dict(now.kinds)["publieksinformatie"]
    assert public == [("GRIP 1", Cell("municipality", "Gemeente Haarlem"))]
    page = _client(world.viewer).get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert "Wie communiceert nu" in page and "Gemeente Haarlem" in page

    incident_services.incident_scale(
        actor=world.coordinator,
        incident=incident,
        mode=ScalingMode.FLEXIBLE,
        grip_level=None,
        teams=("gbt", "rot", "tbz"),
        reason="Flexibel opgeschaald",
        decided_by="Burgemeester",
    )
    now = incident_agreements(incident)
    assert [key for key, _label in now.scopes] == ["rot", "gbt"]  # tbz has no row
    press = dict(now.kinds)["persbericht"]
    assert [cell.communicator if cell else None for _scope, cell in press] == ["region", "both"]


def test_the_editor_line_says_who_communicates_a_kind(world: World, comm: User) -> None:
    from django.template import Context, Template

    agreements_save(
        actor=comm, region=world.region, cells={("grip2", "press"): Cell("region", "Via de VR")}
    )
    incident = start_incident(world)
    line = Template("{% load communication_agreements %}{% agreement_line incident kind %}")
    assert line.render(Context({"incident": incident, "kind": "press"})).strip() == ""
    scale(world, incident, 2)
    press = line.render(Context({"incident": incident, "kind": "press"}))
    assert "GRIP 2: <strong>regio</strong> (Via de VR)" in press
    staff = line.render(Context({"incident": incident, "kind": "staff"}))
    assert "GRIP 2: geen afspraak" in staff


def test_the_message_editor_says_who_communicates_the_kind(world: World, comm: User) -> None:
    agreements_save(
        actor=comm,
        region=world.region,
        cells={("grip2", "public"): Cell("municipality", "Gemeente Velsen")},
    )
    incident = start_incident(world)
    scale(world, incident, 2)
    new = _client(comm).get(f"/incidenten/{incident.pk}/communicatie/berichten/nieuw/")
    assert "GRIP 2: <strong>gemeente</strong> (Gemeente Velsen)" in new.content.decode()
