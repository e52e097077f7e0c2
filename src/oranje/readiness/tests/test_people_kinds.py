"""Readiness treats key-function holders and civil servants without a path apart
(issue 17, part "people")."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Person, RegionFunction
from oranje.readiness import selectors, services
from oranje.readiness.constants import ReadinessStatus, RequirementKind
from oranje.readiness.tasks import send_lapse_reminders
from oranje.readiness.tests.conftest import qualify

pytestmark = pytest.mark.django_db


def civil(person: Person) -> Person:
    Person.objects.filter(pk=person.pk).update(kind=PersonKind.CIVIL)
    person.refresh_from_db()
    return person


def test_the_matrix_counts_key_function_holders_and_lists_civil_servants_apart(profiled):
    RegionFunction.objects.filter(region=profiled.region, function=profiled.ovd).update(
        min_qualified=2
    )
    civil(profiled.officers[1])  # qualified, but now without a path
    civil(profiled.officers[2])  # never qualified
    result = selectors.matrix(profiled.region, dt.date.today(), function_codes=["OVD-BZ"])
    column = result.columns[0]
    assert (column.qualified, column.without_path, column.minimum) == (1, 2, 2)
    assert column.short
    assert [p for p, _cells in result.rows] == [profiled.officers[0]]
    assert {p.pk for p, _cells in result.civil_rows} == {
        profiled.officers[1].pk,
        profiled.officers[2].pk,
    }
    assert all(cells == [selectors.WITHOUT_PATH] for _p, cells in result.civil_rows)
    assert ReadinessStatus.NOT_QUALIFIED not in [
        c for _p, cells in result.civil_rows for c in cells
    ]


def test_the_matrix_page_shows_civil_servants_as_without_a_path(profiled):
    civil(profiled.officers[2])
    client = Client()
    client.force_login(profiled.viewer)
    page = client.get(reverse("readiness:readiness")).content.decode()
    assert "Ambtenaren zonder opleidingstraject" in page or "zonder traject" in page
    head, _sep, apart = page.partition('id="zonder-traject"')
    assert profiled.officers[2].sort_name in apart
    assert profiled.officers[2].sort_name not in head


def test_national_counts_count_key_function_holders_and_civil_servants_apart(profiled):
    civil(profiled.officers[1])
    civil(profiled.officers[2])
    rows = {r["function__code"]: r for r in selectors.national_counts(dt.date.today())}
    ovd = rows["OVD-BZ"]
    # officers[0] is qualified and a key-function holder; [1] is qualified but civil now.
    assert ovd["qualified"] + ovd["lapsing"] == 1
    assert ovd["without_path"] == 2


def test_the_api_gives_the_kind_and_the_count_apart(profiled):
    civil(profiled.officers[2])
    client = Client()
    client.force_login(profiled.coordinator)
    matrix = client.get("/api/v1/regions/VR12/readiness/").json()
    rows = {r["person"]: r for r in matrix["rows"]}
    assert rows[profiled.officers[2].pk]["kind"] == "civil"
    assert rows[profiled.officers[2].pk]["status"]["OVD-BZ"] == "without_path"
    assert rows[profiled.officers[0].pk]["kind"] == "key"
    ovd = next(c for c in matrix["columns"] if c["function"] == "OVD-BZ")
    assert ovd["without_path"] == 1
    national = {r["function"]: r for r in client.get("/api/v1/readiness/national/").json()}
    assert national["OVD-BZ"]["without_path"] == 1


def test_lapse_reminders_go_to_key_function_holders_only(world):
    today = dt.date.today()
    services.profile_publish(
        actor=world.admin,
        function=world.ovd,
        region=None,
        requirements=[
            {"kind": RequirementKind.UPKEEP, "label": "2 oefeningen per 12 maanden", "min_count": 2}
        ],
    )
    qualify(world, world.officers[0], today, exercise_age_days=300)
    qualify(world, world.officers[1], today, exercise_age_days=300)
    civil(world.officers[1])
    assert send_lapse_reminders.call(today.isoformat()) == 1
    assert world.officers[0].email in mail.outbox[0].to
    assert all(world.officers[1].email not in m.to for m in mail.outbox)
