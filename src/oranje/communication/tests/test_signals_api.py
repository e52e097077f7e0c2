"""The signals' API: list with filters, create, change (and counter), delete, the tally, the
import of a file with its row errors, the counts and the charts' figures."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.communication.models import Message, Signal
from oranje.core.models import AuditEntry, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _base(incident: Incident) -> str:
    return f"/api/v1/incidents/{incident.pk}/signals/"


def _signal(incident: Incident, **kw: object) -> Signal:
    values: dict[str, object] = {
        "source": "phone",
        "text": "Is de rook giftig?",
        "topic": "rook",
        "goal": "limit_harm",
        "at": timezone.now() - dt.timedelta(minutes=5),
    }
    values.update(kw)
    return Signal.objects.create(incident=incident, **values)


def test_a_signal_is_created_read_and_listed(world: World) -> None:
    incident = start_incident(world)
    client = _api(world.functionary)
    response = client.post(
        _base(incident),
        {"source": "social", "text": "Stinkt het bij jullie ook?", "topic": "Geur", "count": 4},
        format="json",
    )
    assert response.status_code == 201, response.data
    body = response.json()
    assert (body["topic"], body["count"], body["goal"]) == ("geur", 4, "")
    listed = _api(world.viewer).get(_base(incident) + "?source=social").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == body["id"]
    assert _api(world.viewer).get(_base(incident) + "?source=phone").json()["count"] == 0
    one = _api(world.viewer).get(f"{_base(incident)}{body['id']}/")
    assert one.status_code == 200


def test_bad_input_and_bad_filters_are_400_naming_the_field(world: World) -> None:
    incident = start_incident(world)
    client = _api(world.functionary)
    response = client.post(
        _base(incident),
        {"source": "pigeon", "text": "x" * 1001, "count": 0, "at": "1999-01-01T10:00"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.data) == {"source", "text", "count", "at"}
    late = client.post(
        _base(incident),
        {"source": "phone", "text": "x", "at": (timezone.now() + dt.timedelta(days=1)).isoformat()},
        format="json",
    )
    assert late.status_code == 400 and "toekomst" in late.data["at"][0]
    assert client.get(_base(incident) + "?rumour=maybe").status_code == 400
    assert client.get(_base(incident) + "?start=gisteren").status_code == 400


def test_a_viewer_may_read_but_not_write_and_an_outsider_sees_nothing(world: World) -> None:
    incident = start_incident(world)
    signal = _signal(incident)
    viewer = _api(world.viewer)
    assert viewer.post(_base(incident), {"source": "phone", "text": "x"}).status_code == 403
    assert viewer.patch(f"{_base(incident)}{signal.pk}/", {"count": 2}).status_code == 403
    assert viewer.delete(f"{_base(incident)}{signal.pk}/").status_code == 403
    outsider = _api(world.outsider)
    assert outsider.get(_base(incident)).status_code == 404
    assert outsider.get(f"{_base(incident)}{signal.pk}/").status_code == 404


def test_patch_changes_and_counters_then_delete_removes(world: World) -> None:
    incident = start_incident(world)
    signal = _signal(incident, rumour=True)
    message = Message.objects.create(
        incident=incident,
        kind="public",
        title="Geen gevaar",
        text="Er is geen gevaar.",
        status="published",
        approved_at=timezone.now(),
        published_at=timezone.now(),
    )
    client = _api(world.functionary)
    url = f"{_base(incident)}{signal.pk}/"
    response = client.patch(url, {"count": 7, "countered_by": message.pk}, format="json")
    assert response.status_code == 200, response.data
    assert (response.data["count"], response.data["countered_by"]) == (7, message.pk)
    other = start_incident(world, title="Ander")
    elsewhere = Message.objects.create(
        incident=other,
        kind="public",
        title="X",
        text="x",
        status="published",
        approved_at=timezone.now(),
        published_at=timezone.now(),
    )
    refused = client.patch(url, {"countered_by": elsewhere.pk}, format="json")
    assert refused.status_code == 400
    assert refused.data["countered_by"] == ["bericht: geen bericht van dit incident."]
    assert client.patch(url, {"countered_by": None}, format="json").data["countered_by"] is None
    assert client.delete(url).status_code == 204
    assert not Signal.objects.filter(pk=signal.pk).exists()
    assert AuditEntry.objects.filter(action="signal.delete", object_id=str(signal.pk)).exists()


def test_a_tally_is_recorded_once(world: World) -> None:
    incident = start_incident(world)
    end = timezone.now()
    body = {
        "start": (end - dt.timedelta(hours=1)).isoformat(),
        "end": end.isoformat(),
        "lines": [{"topic": "rook giftig?", "count": 12}, {"topic": "school", "count": 3}],
    }
    client = _api(world.functionary)
    response = client.post(_base(incident) + "tally/", body, format="json")
    assert response.status_code == 201, response.data
    assert (response.data["rows"], response.data["contacts"]) == (2, 15)
    again = client.post(_base(incident) + "tally/", body, format="json")
    assert again.status_code == 400
    assert Signal.objects.filter(incident=incident).count() == 2


def test_the_import_answers_every_bad_row_or_the_batch(world: World) -> None:
    incident = start_incident(world)
    at = timezone.localtime(incident.started_at + dt.timedelta(minutes=2))
    client = _api(world.functionary)
    bad = io.BytesIO(f"datum/tijd;tekst;aantal\n{at:%d-%m-%Y %H:%M};;0\nx;Hoi;1\n".encode())
    bad.name = "bad.csv"
    response = client.post(_base(incident) + "import/", {"file": bad}, format="multipart")
    assert response.status_code == 400
    assert [(e["line"], e["field"]) for e in response.json()["errors"]] == [
        (2, "tekst"),
        (2, "aantal"),
        (3, "datum/tijd"),
    ]
    good = io.BytesIO(f"datum/tijd;tekst;platform\n{at:%d-%m-%Y %H:%M};Hoi;TikTok\n".encode())
    good.name = "good.csv"
    response = client.post(_base(incident) + "import/", {"file": good}, format="multipart")
    assert response.status_code == 201, response.data
    assert response.data["rows"] == 1
    pdf = io.BytesIO(b"%PDF-1.4\x00\x01binary")
    pdf.name = "x.pdf"
    refused = client.post(_base(incident) + "import/", {"file": pdf}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.data


def test_counts_and_volume_give_the_charts_figures(world: World) -> None:
    incident = start_incident(world)
    _signal(incident, count=12)
    _signal(incident, topic="school", goal="inform", rumour=True, count=3)
    client = _api(world.viewer)
    counts = client.get(_base(incident) + "counts/").json()
    assert (counts["contacts"], counts["open_rumours"]) == (15, 1)
    assert counts["by_topic"][0] == {"key": "rook", "label": "rook", "contacts": 12}
    volume = client.get(_base(incident) + "volume/?per=goal").json()
    assert volume["per"] == "goal" and volume["bucket"] == "hour"
    assert {s["key"]: s["total"] for s in volume["series"]} == {"limit_harm": 12, "inform": 3}
    assert len(volume["buckets"]) == len(volume["series"][0]["values"])
    assert client.get(_base(incident) + "volume/?per=mood").status_code == 400
