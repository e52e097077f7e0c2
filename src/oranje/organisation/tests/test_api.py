import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from oranje.organisation.models import OnCallShift
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(days=7)


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def shift_body(world, person, start, end):
    return {
        "pool": world.ovd_pool.pk,
        "function": "OVD-BZ",
        "person": person.pk,
        "kind": "hard",
        "starts_at": start.isoformat(),
        "ends_at": end.isoformat(),
    }


def test_lists_are_scoped_to_what_the_user_may_see(world):
    ours = {
        p["email"] for p in api(world.viewer).get("/api/v1/persons/?limit=500").json()["results"]
    }
    theirs = {
        p["email"] for p in api(world.outsider).get("/api/v1/persons/?limit=500").json()["results"]
    }
    assert world.officers[0].email in ours and world.officers[0].email not in theirs
    assert [r["code"] for r in api(world.outsider).get("/api/v1/regions/").json()["results"]] == [
        "VR09"
    ]
    assert api(world.outsider).get(f"/api/v1/persons/{world.officers[0].pk}/").status_code == 404


def test_a_coordinator_creates_a_shift_and_an_overlap_answers_400_with_field_errors(world, monday):
    client = api(world.coordinator)
    created = client.post(
        "/api/v1/shifts/",
        shift_body(world, world.officers[0], monday, monday + WEEK),
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["function"] == "OVD-BZ"
    clash = client.post(
        "/api/v1/shifts/",
        shift_body(world, world.officers[0], monday + dt.timedelta(days=1), monday + WEEK),
        format="json",
    )
    assert clash.status_code == 400
    assert "starts_at" in clash.json()
    backwards = client.post(
        "/api/v1/shifts/",
        shift_body(world, world.officers[1], monday, monday - WEEK),
        format="json",
    )
    assert backwards.json() == {"ends_at": ["Het einde moet na het begin liggen."]}


def test_malformed_input_answers_400_never_500(world):
    client = api(world.coordinator)
    bad = client.post(
        "/api/v1/shifts/",
        {
            "pool": "x",
            "function": "NOPE",
            "person": 1,
            "kind": "lauw",
            "starts_at": "morgen",
            "ends_at": "",
        },
        format="json",
    )
    assert bad.status_code == 400
    assert {"pool", "kind", "starts_at", "ends_at"} <= set(bad.json())
    person = client.post(
        "/api/v1/persons/",
        {"region": "VR12", "given_name": "A", "surname": "B", "email": "a@b.nl", "phone": "123"},
        format="json",
    )
    assert person.status_code == 400 and "phone" in person.json()


def test_viewers_may_not_write_and_outsiders_do_not_see_the_pool(world, monday):
    body = shift_body(world, world.officers[0], monday, monday + WEEK)
    assert api(world.viewer).post("/api/v1/shifts/", body, format="json").status_code == 403
    assert api(world.outsider).post("/api/v1/shifts/", body, format="json").status_code == 404
    assert api().get("/api/v1/shifts/").status_code in (401, 403)
    assert OnCallShift.objects.count() == 0


def test_handover_through_the_api(world, monday):
    shift = make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    response = api(world.functionary).post(
        f"/api/v1/shifts/{shift.pk}/handover/", {"to_person": world.officers[2].pk}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["person"] == world.officers[2].pk


def test_on_call_now_and_gaps_endpoints(world, monday):
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    now = api(world.viewer).get(
        f"/api/v1/regions/VR12/on-call-now/?at={(monday + dt.timedelta(hours=1)).isoformat().replace('+', '%2B')}"
    )
    assert now.status_code == 200
    assert now.json()[0]["hard"][0]["name"] == "Test Visser"
    gaps = api(world.viewer).get("/api/v1/regions/VR12/gaps/?weeks=4")
    assert gaps.status_code == 200 and all(g["function"] == "OVD-BZ" for g in gaps.json())
    assert api(world.viewer).get("/api/v1/regions/VR12/gaps/?weeks=99").status_code == 400
    assert api(world.outsider).get("/api/v1/regions/VR12/on-call-now/").status_code == 404


def test_roster_import_endpoint_reports_bad_rows(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "r.csv",
        b"email,functie,pool,soort,begin,einde\nx@y.nl,OVD-BZ,P,hard,1-1-2027 08:00,2-1-2027 08:00\n",
    )
    response = api(world.coordinator).post(
        "/api/v1/shifts/import/?region=VR12", {"file": upload}, format="multipart"
    )
    assert response.status_code == 400
    assert [e["line"] for e in response.json()["errors"]] == [2, 2]


def test_token_authentication_for_machine_clients(world):
    token = Token.objects.create(user=world.viewer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/pools/").status_code == 200


def test_the_openapi_document_and_browser_are_served_locally(world, client):
    client.force_login(world.viewer)
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert "/api/v1/shifts/" in schema.json()["paths"]
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "unpkg" not in docs
