"""The IAC's pages: the case list and its filters, opening a case (with a prefill), the case
page and its small forms, the open follow-ups (overdue marked), the print (OEFENING for an
exercise), the figures for everyone who sees the incident, and the read log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.aftercare.models import IacCase, IacContact, IacFollowUp, IacReferral
from oranje.aftercare.services import iac_work as work
from oranje.aftercare.tests.iac_helpers import damage_report, iac_officer, open_case
from oranje.core.models import AuditEntry, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _base(incident: Incident) -> str:
    return f"/incidenten/{incident.pk}/nafase/iac/"


@pytest.fixture
def setup(world: World) -> tuple[World, User, Incident, Client]:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    return world, officer, incident, _client(officer)


def test_the_list_filters_and_is_audited_once(setup: tuple[World, User, Incident, Client]) -> None:
    _world, officer, incident, client = setup
    open_case(officer, incident, household_name="Fam. Jansen", themes=["housing"])
    slow = open_case(
        officer,
        incident,
        household_name="Fam. De Vries",
        postcode="2011 AB",
        limited_mobility=True,
        themes=["finance"],
    )
    IacFollowUp.objects.create(
        case=slow, due_on=timezone.localdate() - dt.timedelta(days=1), text="Bellen"
    )
    base = _base(incident)
    AuditEntry.objects.all().delete()
    page = client.get(base).content.decode()
    assert "Fam. Jansen" in page and "Fam. De Vries" in page
    assert AuditEntry.objects.filter(action="iac.read").count() == 1
    for query, shown, hidden in [
        ("?theme=finance", "De Vries", "Jansen"),
        ("?limited_mobility=on", "De Vries", "Jansen"),
        ("?overdue=on", "De Vries", "Jansen"),
        ("?q=2011ab", "De Vries", "Jansen"),
        ("?q=jans", "Jansen", "De Vries"),
        ("?q=1", "Jansen", "De Vries"),
    ]:
        text = client.get(base + query).content.decode()
        assert shown in text and hidden not in text, query
    # A bad filter value is shown on the form, never a 500.
    assert client.get(base + "?status=weg&pagina=abc").status_code == 400


def test_only_the_iac_sees_cases_everyone_sees_figures(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident)
    base = _base(incident)
    for user in (world.coordinator, world.viewer):
        client = _client(user)
        assert client.get(base).status_code == 403
        assert client.get(f"{base}{case.pk}/").status_code == 403
        figures = client.get(f"{base}cijfers/")
        assert figures.status_code == 200
        assert "Jansen" not in figures.content.decode()
        home = client.get(f"/incidenten/{incident.pk}/nafase/").content.decode()
        assert "Dossiers: 1" in home and f"{base}cijfers/" in home and f'"{base}"' not in home
    outsider = _client(world.outsider)
    assert outsider.get(f"{base}cijfers/").status_code == 404
    assert outsider.get(f"{base}{case.pk}/").status_code == 404
    home = _client(officer).get(f"/incidenten/{incident.pk}/nafase/").content.decode()
    assert f'href="{base}"' in home


def test_opening_a_case_with_a_damage_report_prefill(
    setup: tuple[World, User, Incident, Client],
) -> None:
    _world, _officer, incident, client = setup
    report = damage_report(incident)
    form = client.get(f"{_base(incident)}nieuw/?schade={report.pk}").content.decode()
    assert "P. Smit" in form and report.reference in form
    response = client.post(
        f"{_base(incident)}nieuw/",
        {
            "household_name": "P. Smit",
            "phone": "0611112222",
            "postcode": "1951EF",
            "house": "3",
            "themes": ["finance"],
            "limited_mobility": "on",
            "damage_report_ids": str(report.pk),
        },
    )
    case = IacCase.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{case.pk}/")
    assert list(case.damage_reports.all()) == [report]
    assert case.limited_mobility
    # The registry person field is not there for an IAC officer without a registry role.
    assert 'name="person"' not in form


def test_a_bad_case_names_the_field(setup: tuple[World, User, Incident, Client]) -> None:
    world, _officer, incident, client = setup
    response = client.post(f"{_base(incident)}nieuw/", {"household_name": "X", "postcode": "99999"})
    assert response.status_code == 400
    assert "is geen Nederlandse postcode" in response.content.decode()
    # A prefill from another incident's report is refused with a message, not linked.
    other = damage_report(start_incident(world, title="Ander"))
    page = client.get(f"{_base(incident)}nieuw/?schade={other.pk}")
    assert page.status_code == 400 and other.reference not in page.content.decode()


def test_the_case_page_and_its_forms(setup: tuple[World, User, Incident, Client]) -> None:
    _world, officer, incident, client = setup
    case = open_case(officer, incident, limited_mobility=True)
    url = f"{_base(incident)}{case.pk}/"
    assert (
        client.post(
            url + "contact/", {"kind": "home_visit", "summary": "Keukentafelgesprek"}
        ).status_code
        == 302
    )
    due = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    assert (
        client.post(
            url + "vervolg/", {"due_on": due, "text": "Terugbellen", "assigned_to": officer.pk}
        ).status_code
        == 302
    )
    assert (
        client.post(url + "verwijzing/", {"to": "insurer", "organisation": "Achmea"}).status_code
        == 302
    )
    assert (
        client.post(url + "vraag/", {"theme": "finance", "text": "Wie betaalt?"}).status_code == 302
    )
    bad = client.post(url + "contact/", {"kind": "home_visit", "summary": ""})
    assert bad.status_code == 400
    AuditEntry.objects.filter(action="iac.read").delete()
    page = client.get(url).content.decode()
    assert "Huisbezoek" in page and "Keukentafelgesprek" in page
    assert "beperkt mobiel" in page.lower()
    assert "Achmea" in page and "Terugbellen" in page and "Wie betaalt?" in page
    assert AuditEntry.objects.filter(action="iac.read", object_id=str(case.pk)).count() == 1
    assert IacContact.objects.get().kind == "home_visit"
    assert IacReferral.objects.get().organisation == "Achmea"
    refused = client.post(url + "sluiten/", {"note": "Klaar"})
    assert refused.status_code == 400 and "vervolgacties" in refused.content.decode()
    closed = client.post(url + "sluiten/", {"note": "Klaar", "follow_ups_done": "on"})
    assert closed.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    assert client.post(url + "heropenen/", {"note": "Belde terug"}).status_code == 302


def test_follow_ups_by_due_date_with_overdue_marked(
    setup: tuple[World, User, Incident, Client],
) -> None:
    _world, officer, incident, client = setup
    case = open_case(officer, incident)
    today = timezone.localdate()
    IacFollowUp.objects.create(case=case, due_on=today - dt.timedelta(days=2), text="Te laat")
    work.follow_up_add(
        actor=officer,
        case=case,
        due_on=today + dt.timedelta(days=5),
        text="Later",
        assigned_to=officer,
    )
    page = client.get(f"{_base(incident)}vervolg/").content.decode()
    assert page.index("Te laat") < page.index("Later")
    assert page.count('class="tag bad"') == 1
    mine = client.get(f"{_base(incident)}vervolg/?mijn=1").content.decode()
    assert "Later" in mine and "Te laat" not in mine
    case_page = client.get(f"{_base(incident)}{case.pk}/").content.decode()
    assert 'class="overdue"' in case_page


def test_the_print_of_an_exercise_says_oefening(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world, exercise=True)
    case = open_case(officer, incident)
    page = _client(officer).get(f"{_base(incident)}{case.pk}/print/").content.decode()
    assert "OEFENING" in page and "Fam. Jansen" in page


def test_the_figures_page_is_a_table(setup: tuple[World, User, Incident, Client]) -> None:
    world, officer, incident, _unused = setup
    open_case(officer, incident)
    page = _client(world.viewer).get(f"{_base(incident)}cijfers/").content.decode()
    assert "<caption>" in page and "Nieuwe dossiers" in page


def test_a_damage_report_is_linked_by_its_reference(
    setup: tuple[World, User, Incident, Client],
) -> None:
    world, officer, incident, client = setup
    case = open_case(officer, incident)
    own = damage_report(incident)
    foreign = damage_report(start_incident(world, title="Ander"))
    url = f"{_base(incident)}{case.pk}/schade/"
    refused = client.post(url, {"reference": foreign.reference})
    assert refused.status_code == 400 and "geen schademelding" in refused.content.decode()
    assert client.post(url, {"reference": own.reference.lower()}).status_code == 302
    assert list(case.damage_reports.all()) == [own]
    page = client.get(f"{_base(incident)}{case.pk}/").content.decode()
    assert f"/schade/meldingen/{own.pk}/" in page
