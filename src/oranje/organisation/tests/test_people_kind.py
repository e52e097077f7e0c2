"""Key-function holders and civil servants without a path (issue 17, part "people")."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.organisation import services
from oranje.organisation.constants import OnCallKind, PersonKind
from oranje.organisation.imports import read_table, roster_import
from oranje.organisation.models import OnCallShift, Person, PersonKindChange
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(days=7)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def civil(person: Person) -> Person:
    Person.objects.filter(pk=person.pk).update(kind=PersonKind.CIVIL)
    person.refresh_from_db()
    return person


def test_a_new_person_is_a_key_function_holder_unless_chosen_otherwise(world):
    key = services.person_create(
        actor=world.coordinator,
        region=world.region,
        given_name="Kees",
        surname="Sleutel",
        email="kees@example.nl",
        phone="0612345678",
    )
    other = services.person_create(
        actor=world.coordinator,
        region=world.region,
        given_name="Anna",
        surname="Ambtenaar",
        email="anna@example.nl",
        phone="0612345679",
        kind=PersonKind.CIVIL,
    )
    assert key.kind == PersonKind.KEY
    assert other.kind == PersonKind.CIVIL
    entry = AuditEntry.objects.filter(action="person.create", object_id=str(other.pk)).get()
    assert entry.changes["kind"] == [None, "civil"]


def test_a_civil_servant_cannot_be_put_on_hard_on_call(world, monday):
    person = civil(world.officers[1])
    with pytest.raises(ValidationError) as exc:
        services.shift_create(
            actor=world.coordinator,
            pool=world.ovd_pool,
            function=world.ovd,
            person=person,
            kind=OnCallKind.HARD,
            starts_at=monday,
            ends_at=monday + WEEK,
        )
    assert "kind" in exc.value.message_dict
    assert exc.value.message_dict["kind"][0].startswith("Soort piket:")
    assert not OnCallShift.objects.filter(person=person).exists()


def test_a_civil_servant_may_be_on_soft_on_call(world, monday):
    person = civil(world.officers[1])
    shift = services.shift_create(
        actor=world.coordinator,
        pool=world.ovd_pool,
        function=world.ovd,
        person=person,
        kind=OnCallKind.SOFT,
        starts_at=monday,
        ends_at=monday + WEEK,
    )
    assert shift.kind == OnCallKind.SOFT


def test_a_hard_shift_cannot_be_handed_over_to_a_civil_servant(world, monday):
    shift = make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    person = civil(world.officers[1])
    with pytest.raises(ValidationError) as exc:
        services.shift_hand_over(actor=world.coordinator, shift=shift, to_person=person)
    assert "Soort piket" in " ".join(exc.value.messages)


def test_the_override_reason_does_not_put_a_civil_servant_on_hard_on_call(world, monday):
    person = civil(world.officers[1])
    with pytest.raises(ValidationError):
        services.shift_create(
            actor=world.coordinator,
            pool=world.ovd_pool,
            function=world.ovd,
            person=person,
            kind=OnCallKind.HARD,
            starts_at=monday,
            ends_at=monday + WEEK,
            override_reason="Er is niemand anders",
        )


def test_the_roster_import_refuses_a_civil_servant_on_hard_on_call_by_row(world, monday):
    person = civil(world.officers[1])
    start = monday.strftime("%Y-%m-%d %H:%M")
    end = (monday + WEEK).strftime("%Y-%m-%d %H:%M")
    text = (
        "email;functie;pool;soort;begin;einde\n"
        f"{person.email};OVD-BZ;{world.ovd_pool.name};hard;{start};{end}\n"
    )
    rows = read_table(io.BytesIO(text.encode()), "rooster.csv")
    report = roster_import(actor=world.coordinator, region=world.region, rows=rows)
    assert not report.ok
    assert [(e.line, e.field) for e in report.errors] == [(2, "soort")]
    assert "ambtenaar zonder" in report.errors[0].message
    assert not OnCallShift.objects.filter(person=person).exists()


def test_the_shift_form_names_the_field(world, monday):
    person = civil(world.officers[1])
    response = client_for(world.coordinator).post(
        reverse("organisation:shift_new"),
        {
            "pool": world.ovd_pool.pk,
            "function": world.ovd.pk,
            "person": person.pk,
            "kind": "hard",
            "starts_at": monday.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (monday + WEEK).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200
    assert "Soort piket:" in response.content.decode()
    assert not OnCallShift.objects.filter(person=person).exists()


def test_moving_a_person_keeps_history_and_is_audited(world):
    person = world.officers[2]
    services.person_change_kind(
        actor=world.coordinator,
        person=person,
        to_kind=PersonKind.CIVIL,
        reason="Stopt met het opleidingstraject",
    )
    person.refresh_from_db()
    assert person.kind == PersonKind.CIVIL
    change = PersonKindChange.objects.get(person=person)
    assert (change.from_kind, change.to_kind, change.by) == ("key", "civil", world.coordinator)
    assert change.reason == "Stopt met het opleidingstraject"
    entry = AuditEntry.objects.get(action="person.kind_change")
    assert entry.changes == {"kind": ["key", "civil"]}
    assert entry.note == "Stopt met het opleidingstraject"


def test_moving_needs_a_reason(world):
    with pytest.raises(ValidationError) as exc:
        services.person_change_kind(
            actor=world.coordinator, person=world.officers[2], to_kind="civil", reason="  "
        )
    assert exc.value.message_dict["reason"][0].startswith("Reden:")


def test_moving_to_the_same_kind_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.person_change_kind(
            actor=world.coordinator, person=world.officers[2], to_kind="key", reason="x"
        )
    assert exc.value.message_dict["to_kind"][0].startswith("Soort:")


def test_someone_still_on_hard_on_call_cannot_become_a_civil_servant(world, monday):
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    with pytest.raises(ValidationError) as exc:
        services.person_change_kind(
            actor=world.coordinator, person=world.officers[0], to_kind="civil", reason="weg"
        )
    assert "nog op hard piket" in exc.value.message_dict["to_kind"][0]
    assert not PersonKindChange.objects.exists()


def test_only_a_manager_of_the_person_may_move_them(world):
    for user in (world.viewer, world.functionary, world.haarlem_coordinator, world.outsider):
        with pytest.raises(PermissionDenied):
            services.person_change_kind(
                actor=user, person=world.officers[2], to_kind="civil", reason="x"
            )


def test_the_move_page_moves_and_shows_the_history(world):
    person = world.officers[2]
    client = client_for(world.coordinator)
    url = reverse("organisation:person_kind", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"to_kind": "civil", "reason": "Alleen nog achtervang"})
    assert response.status_code == 302
    page = client.get(reverse("organisation:person_detail", args=[person.pk])).content.decode()
    assert "Alleen nog achtervang" in page


def test_the_move_page_names_a_missing_reason(world):
    url = reverse("organisation:person_kind", args=[world.officers[2].pk])
    response = client_for(world.coordinator).post(url, {"to_kind": "civil", "reason": ""})
    assert response.status_code == 200
    world.officers[2].refresh_from_db()
    assert world.officers[2].kind == PersonKind.KEY


def test_the_move_page_is_404_outside_the_region_and_403_for_readers(world):
    url = reverse("organisation:person_kind", args=[world.officers[2].pk])
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.viewer).get(url).status_code == 403


def test_the_edit_form_does_not_change_the_kind(world):
    person = world.contacts[0]
    client = client_for(world.coordinator)
    client.post(
        reverse("organisation:person_edit", args=[person.pk]),
        {
            "given_name": person.given_name,
            "surname": person.surname,
            "email": person.email,
            "phone": "0612345678",
            "municipality": person.municipality_id,
            "functions": [world.cpg.pk],
            "active": "on",
            "kind": "civil",
        },
    )
    person.refresh_from_db()
    assert person.kind == PersonKind.KEY


def test_the_people_list_filters_and_counts_each_kind(world):
    civil(world.contacts[1])
    client = client_for(world.viewer)
    page = client.get(reverse("organisation:people")).content.decode()
    # 3 officers + 2 contacts in VR12, one of them a civil servant.
    assert "Sleutelfunctionaris: <strong>4</strong>" in page
    assert "Ambtenaar zonder opleidingstraject: <strong>1</strong>" in page
    only = client.get(reverse("organisation:people") + "?soort=civil")
    assert [p.pk for p in only.context["people"]] == [world.contacts[1].pk]


def test_the_api_creates_lists_and_moves_by_kind(world):
    client = client_for(world.coordinator)
    created = client.post(
        "/api/v1/persons/",
        {
            "region": "VR12",
            "given_name": "Piet",
            "surname": "Ambtenaar",
            "email": "piet@example.nl",
            "phone": "0612345670",
            "kind": "civil",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["kind"] == "civil"
    listed = client.get("/api/v1/persons/?region=VR12&kind=civil").json()
    assert [p["email"] for p in listed["results"]] == ["piet@example.nl"]
    assert client.get("/api/v1/persons/?kind=nonsense").status_code == 400
    pk = created.json()["id"]
    refused = client.patch(
        f"/api/v1/persons/{pk}/", {"kind": "key"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "kind" in refused.json()
    no_reason = client.post(
        f"/api/v1/persons/{pk}/kind/", {"kind": "key"}, content_type="application/json"
    )
    assert no_reason.status_code == 400
    moved = client.post(
        f"/api/v1/persons/{pk}/kind/",
        {"kind": "key", "reason": "Start opleiding OvD-BZ"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["kind"] == "key"


def test_the_api_refuses_a_civil_servant_on_hard_on_call(world, monday):
    person = civil(world.officers[1])
    response = client_for(world.coordinator).post(
        "/api/v1/shifts/",
        {
            "pool": world.ovd_pool.pk,
            "function": "OVD-BZ",
            "person": person.pk,
            "kind": "hard",
            "starts_at": monday.isoformat(),
            "ends_at": (monday + WEEK).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["kind"][0].startswith("Soort piket:")


def test_an_empty_reason_on_the_move_page_names_the_field(world):
    url = reverse("organisation:person_kind", args=[world.officers[2].pk])
    response = client_for(world.coordinator).post(url, {"to_kind": "civil", "reason": ""})
    assert response.context["form"].errors["reason"] == [
        "Reden: geef aan waarom de persoon overgaat (ten hoogste 255 tekens)."
    ]


@pytest.mark.parametrize(
    ("shifts", "words"), [(1, "(1 dienst); draag die dienst"), (2, "(2 diensten); draag die")]
)
def test_the_refusal_counts_the_shifts_ahead_in_proper_dutch(world, monday, shifts, words):
    for week in range(shifts):
        make_shift(world.ovd_pool, world.ovd, world.officers[0], monday + dt.timedelta(weeks=week))
    with pytest.raises(ValidationError) as exc:
        services.person_change_kind(
            actor=world.coordinator, person=world.officers[0], to_kind="civil", reason="weg"
        )
    assert words in exc.value.message_dict["to_kind"][0]
