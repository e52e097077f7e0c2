"""Probe: four eyes of a warning through the API in every order, writes that touch another
incident's objects, and junk fed to the signal import and the message API — a Dutch 400,
403 or 404, never a 500."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.communication.models import Message, QAItem, Signal
from oranje.communication.tests.messages_helpers import AREA, adviser
from oranje.core.models import User
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

WARNING = {
    "kind": "warning",
    "title": "Houd ramen en deuren dicht",
    "text": "Er komt veel rook vrij bij een brand in Velsen-Noord.",
    "instruction": "Ga naar binnen. Sluit ramen en deuren.",
    "goals": ["inform", "limit_harm"],
    "cap_event": "Brand",
    "area": AREA,
}


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _m(pk: int, suffix: str = "") -> str:
    return f"/api/v1/communication/messages/{pk}/{suffix}"


def test_four_eyes_holds_in_every_order(world: World) -> None:
    incident = start_incident(world)
    anna, bert = adviser(world.region, "anna"), adviser(world.region, "bert")
    a, b = _api(anna), _api(bert)
    pk = a.post(
        f"/api/v1/incidents/{incident.pk}/communication/messages/", WARNING, format="json"
    ).json()["id"]
    # Bert edits, then neither may approve: both wrote a version.
    assert b.patch(_m(pk), {"title": "Ramen dicht"}, format="json").status_code == 200
    assert b.post(_m(pk, "approve/")).status_code == 400
    assert a.post(_m(pk, "approve/")).status_code == 400
    # A third approves; an edit after that takes the approval away again.
    carla = _api(adviser(world.region, "carla"))
    assert carla.post(_m(pk, "approve/")).status_code == 200
    assert b.patch(_m(pk), {"title": "Ramen en deuren dicht"}, format="json").status_code == 200
    assert Message.objects.get(pk=pk).status == "draft"
    assert b.post(_m(pk, "publish/")).status_code == 400
    # Rejected then approved by the rejecter's own edit: still refused.
    assert carla.post(_m(pk, "reject/"), {"reason": "Te lang"}, format="json").status_code == 200
    assert carla.patch(_m(pk), {"title": "Dicht"}, format="json").status_code == 200
    assert carla.post(_m(pk, "approve/")).status_code == 400
    assert Message.objects.get(pk=pk).status == "draft"
    # A follow-up: written by Anna, approvable by Bert only when Anna wrote all of it.
    dave = _api(adviser(world.region, "dave"))
    assert dave.post(_m(pk, "approve/")).status_code == 200
    assert dave.post(_m(pk, "publish/")).status_code == 200
    follow = a.post(_m(pk, "follow-up/"), {"relation": "update"}, format="json").json()["id"]
    assert a.post(_m(follow, "approve/")).status_code == 400
    # A message that was no warning and becomes one by an edit needs the four eyes too.
    pub = a.post(
        f"/api/v1/incidents/{incident.pk}/communication/messages/",
        {**WARNING, "kind": "public"},
        format="json",
    ).json()["id"]
    assert a.post(_m(pub, "approve/")).status_code == 200
    assert a.patch(_m(pub), {"kind": "warning"}, format="json").status_code == 200
    assert a.post(_m(pub, "approve/")).status_code == 400
    assert a.post(_m(pub, "publish/")).status_code == 400


def test_writes_touching_another_incidents_objects_are_refused(world: World) -> None:
    here, there = start_incident(world, title="Hier"), start_incident(world, title="Daar")
    anna = adviser(world.region, "anna")
    api = _api(anna)
    now = timezone.now()
    theirs = Message.objects.create(
        incident=there,
        kind="public",
        title="Daar",
        text="t",
        status="published",
        approved_at=now,
        published_at=now,
    )
    signal = Signal.objects.create(
        incident=here,
        at=now,
        text="Het water is giftig",
        source="phone",
        rumour=True,
        created_by=anna,
    )
    answer = api.patch(
        f"/api/v1/incidents/{here.pk}/signals/{signal.pk}/",
        {"countered_by": theirs.pk},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert Signal.objects.get(pk=signal.pk).countered_by_id is None
    # Another incident's signal, Q&A item or message through this incident's address: 404.
    item = QAItem.objects.create(incident=there, question="V", answer="A")
    assert api.get(f"/api/v1/incidents/{here.pk}/qa/{item.pk}/").status_code == 404
    assert (
        api.patch(
            f"/api/v1/incidents/{here.pk}/qa/{item.pk}/", {"question": "x"}, format="json"
        ).status_code
        == 404
    )
    assert api.post(f"/api/v1/incidents/{here.pk}/qa/{item.pk}/approve/").status_code == 404
    # An exercise's message never reaches a real channel: its mailing sends nothing.
    other = start_incident(world, exercise=True, title="Oefening")
    drill = Message.objects.create(
        incident=other,
        kind="affected",
        title="O",
        text="t",
        status="published",
        approved_at=now,
        published_at=now,
    )
    answer = api.post(_m(drill.pk, "mailings/"), {"channel": "mail"}, format="json")
    assert answer.status_code in (201, 400), answer.content


def _upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _xlsx_claiming(size: int) -> bytes:
    """A zip whose single member claims a huge size (the bytes are few)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<" * 10)
    data = bytearray(out.getvalue())
    return bytes(data)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x00\xff\xfe" * 1000, "junk.csv"),
        (b'\xef\xbb\xbfdatum/tijd;tekst\n01-01-2026 10:00;=HYPERLINK("x")\n', "bom.csv"),
        (b"\xff\xfed\x00a\x00", "utf16.csv"),
        (b"PK\x03\x04" + b"\x00" * 200, "broken.xlsx"),
        (_xlsx_claiming(10**9), "bomb.xlsx"),
        (b"datum/tijd;tekst\n" + b"31-12-9999 23:59;x\n" + b"01-01-0001 00:00;y\n", "far.csv"),
        (b"datum/tijd;tekst\n" + b"nan;x\n" + b"1e400;" + b"y" * 100000 + b"\n", "odd.csv"),
        (b"", "empty.csv"),
        (b"datum/tijd;tekst\n\x00;\x00\n", "nul.csv"),
    ],
)
def test_junk_imports_answer_a_dutch_400(world: World, content: bytes, name: str) -> None:
    incident = start_incident(world)
    answer = _api(world.coordinator).post(
        f"/api/v1/incidents/{incident.pk}/signals/import/",
        {"file": _upload(content, name), "source": "social"},
        format="multipart",
    )
    assert answer.status_code == 400, (answer.status_code, answer.content[:300])
    assert Signal.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"area": [[52.4, 4.6]] * 100000},
        {"area": [[1e308, 1e308], [52.4, 4.6], [52.5, 4.7], [1e308, 1e308]]},
        {"area": [[91, 4.6], [52.4, 4.6], [52.5, 4.7], [91, 4.6]]},
        {"area": [["x", 4.6]]},
        {"area": "52,4"},
        {"title": "x" * 100000},
        {"title": "\x00"},
        {"goals": ["x"] * 1000},
        {"cap_sent": "9999-12-31T23:59:59Z"},
    ],
)
def test_odd_message_input_is_a_400(world: World, changes: dict[str, Any]) -> None:
    incident = start_incident(world)
    answer = _api(world.coordinator).post(
        f"/api/v1/incidents/{incident.pk}/communication/messages/",
        {**WARNING, **changes},
        format="json",
    )
    assert answer.status_code in (201, 400), (answer.status_code, answer.content[:300])
    if answer.status_code == 201 and "title" in changes:
        assert "\x00" not in Message.objects.get().title


def test_nan_in_json_is_a_400(world: World) -> None:
    incident = start_incident(world)
    answer = _api(world.coordinator).post(
        f"/api/v1/incidents/{incident.pk}/communication/messages/",
        data=(
            '{"kind":"warning","title":"t","text":"t","instruction":"i",'
            '"area":[[NaN,4.6],[52.4,Infinity],[52.5,4.7],[NaN,4.6]]}'
        ),
        content_type="application/json",
    )
    assert answer.status_code == 400


def test_dates_far_away_in_the_signal_api_are_a_400(world: World) -> None:
    incident = start_incident(world)
    api = _api(world.coordinator)
    for at in ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T99:00:00Z"):
        answer = api.post(
            f"/api/v1/incidents/{incident.pk}/signals/",
            {"at": at, "text": "Is het water veilig?", "source": "phone"},
            format="json",
        )
        assert answer.status_code == 400, (at, answer.content)
    for query in ("?van=0001-01-01", "?tot=99999-01-01", "?van=%00", "?page=99999999999999"):
        assert api.get(f"/api/v1/incidents/{incident.pk}/signals/{query}").status_code in (
            200,
            400,
            404,
        ), query
    assert dt.datetime  # the window is the core's (core/params.py)
