"""The persons pages: the list with its filters and search (a fixed number of queries), the
quick registration (a double submit registers once; Dutch errors naming the field), a
person's page with history and read log, a new status, details, consent, double
registrations and merges."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from oranje.organisation.tests.factories import World
from oranje.registry.constants import DuplicateState, ReadKind, Source, Status, Whereabouts
from oranje.registry.models import Merge, Person, PossibleDuplicate, ReadLog
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


@pytest.fixture
def officer(rw: RegistryWorld) -> Client:
    client = Client()
    client.force_login(rw.officer)
    return client


def _base(rw: RegistryWorld) -> str:
    return f"/incidenten/{rw.incident.pk}/registratie/"


FORM = {
    "given_names": "Maria",
    "prefix": "van der",
    "surname": "Berg",
    "name_use": "E",
    "birth": "3-1950",
    "sex": "V",
    "postcode": "2011ab",
    "house_number": "12a",
    "city": "Haarlem",
    "phone": "06 12345678",
    "bsn": "111222333",
    "status": Status.INJURED,
    "whereabouts": Whereabouts.SHELTER,
    "place": "Sporthal Zuid",
    "source": Source.SHELTER,
    "client_key": "a" * 32,
}


def test_registering_parses_the_form_and_a_double_submit_registers_once(
    rw: RegistryWorld, officer: Client
) -> None:
    url = _base(rw) + "personen/nieuw/"
    page = officer.get(url)
    assert page.status_code == 200
    assert b"autofocus" in page.content
    key = re.search(rb'name="client_key" value="([0-9a-f]{32})"', page.content)
    assert key is not None
    first = officer.post(url, FORM)
    second = officer.post(url, FORM)
    assert first.status_code == second.status_code == 302
    person = Person.objects.get(surname="Berg")
    assert (person.prefix, person.bsn) == ("van der", "111222333")
    assert (person.birth_year, person.birth_month, person.birth_day) == (1950, 3, None)
    assert (person.postcode, person.house_number, person.house_addition) == ("2011 AB", 12, "A")
    assert person.phone == "+31612345678"
    assert person.current_status == Status.INJURED and person.current_place == "Sporthal Zuid"
    assert second["Location"].endswith(f"?geregistreerd={person.pk}&opnieuw=1")
    confirmed = officer.get(first["Location"])
    text = confirmed.content.decode()
    assert "Geregistreerd:" in text and f"/personen/{person.pk}/" in text
    assert ReadLog.objects.filter(kind=ReadKind.PERSON, object_id=person.pk).count() == 1
    # The form is empty again, with a new key.
    assert 'value="Berg"' not in text
    assert f'value="{"a" * 32}"' not in text


def test_bad_input_gets_dutch_messages_naming_the_field(rw: RegistryWorld, officer: Client) -> None:
    bad = {**FORM, "birth": "31-2-1950", "bsn": "123456789", "postcode": "12345"}
    response = officer.post(_base(rw) + "personen/nieuw/", bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert "geboortedatum: 31-2-1950 bestaat niet." in text
    assert "BSN: &#x27;123456789&#x27; is geen geldig burgerservicenummer" in text
    assert "postcode: &#x27;12345&#x27; is geen Nederlandse postcode" in text
    nameless = officer.post(
        _base(rw) + "personen/nieuw/", {**FORM, "given_names": "", "surname": ""}
    )
    assert "naam: geef ten minste een voornaam of een achternaam." in nameless.content.decode()
    assert not Person.objects.exists()


def test_the_list_filters_searches_and_pages_in_a_fixed_number_of_queries(
    rw: RegistryWorld, officer: Client
) -> None:
    register(rw, given="Anna", surname="Bakker", prefix="", birth=(1980, 1, 1))
    register(rw, given="Piet", surname="Smit", prefix="", birth=(1970, 2, 2), status="missing")
    url = _base(rw) + "personen/"
    assert "Bakker" in officer.get(url, {"q": "bakk"}).content.decode()
    assert "Smit" not in officer.get(url, {"q": "bakk"}).content.decode()
    missing = officer.get(url, {"status": "missing"}).content.decode()
    assert "Smit" in missing and "Bakker" not in missing
    assert officer.get(url, {"pagina": "999"}).status_code == 200
    assert officer.get(url, {"pagina": "x"}).status_code == 400
    assert officer.get(url, {"status": "nonsense"}).status_code == 200
    with CaptureQueriesContext(connection) as few:
        officer.get(url)
    for i in range(30):
        Person.objects.create(incident=rw.incident, given_names=f"P{i}", surname=f"Naam{i}")
    with CaptureQueriesContext(connection) as many:
        officer.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert ReadLog.objects.filter(kind=ReadKind.LIST, user=rw.officer).exists()


def test_a_person_page_is_read_logged_and_records_status_details_and_consent(
    rw: RegistryWorld, officer: Client
) -> None:
    person = register(rw)
    url = _base(rw) + f"personen/{person.pk}/"
    page = officer.get(url)
    assert page.status_code == 200
    assert ReadLog.objects.filter(kind=ReadKind.PERSON, object_id=person.pk).count() == 1
    assert "Opvang" in page.content.decode() or "opvang" in page.content.decode()
    done = officer.post(
        url + "status/",
        {
            "status": Status.HOSPITALISED,
            "whereabouts": Whereabouts.HOSPITAL,
            "place": "Spaarne Gasthuis",
            "source": Source.HOSPITAL,
        },
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.current_status == Status.HOSPITALISED and person.history.count() == 2
    refused = officer.post(
        url + "status/",
        {"status": Status.HOSPITALISED, "whereabouts": Whereabouts.HOME, "source": Source.FIELD},
    )
    assert refused.status_code == 400
    assert "waar: wie is opgenomen, is in een ziekenhuis." in refused.content.decode()
    edit = officer.post(url + "wijzigen/", {**FORM, "given_names": "Johannes", "surname": "Vries"})
    assert edit.status_code == 302
    person.refresh_from_db()
    assert person.city == "Haarlem" and person.bsn == "111222333"
    assert officer.post(url + "toestemming/", {"toestemming": "ja"}).status_code == 302
    person.refresh_from_db()
    assert person.share_whereabouts is True and person.consent_recorded_at is not None


def test_a_person_of_another_incident_or_region_is_not_found(
    rw: RegistryWorld, officer: Client
) -> None:
    from oranje.incidents.tests.factories import start_incident

    person = register(rw)
    other = start_incident(rw.world, title="Ander")
    assert (
        officer.get(f"/incidenten/{other.pk}/registratie/personen/{person.pk}/").status_code == 404
    )
    outsider = Client()
    outsider.force_login(rw.outsider)
    assert outsider.get(_base(rw) + f"personen/{person.pk}/").status_code == 404
    assert outsider.get(_base(rw) + "personen/").status_code == 404


def test_merging_from_the_duplicates_page_and_undoing_it(
    rw: RegistryWorld, officer: Client
) -> None:
    first = register(rw)
    second = register(rw, given="Hans", source=Source.FIELD)
    pair = PossibleDuplicate.objects.get()
    page = officer.get(_base(rw) + "dubbele-registraties/").content.decode()
    for reason in pair.reasons:
        assert reason in page or reason.replace("'", "&#x27;") in page
    url = _base(rw) + f"dubbele-registraties/{pair.pk}/samenvoegen/"
    assert officer.post(url, {"behouden": "999999"}).status_code == 302
    assert not Merge.objects.exists()
    officer.post(url, {"behouden": str(second.pk)})
    first.refresh_from_db()
    assert first.merged_into_id == second.pk
    # A merged registration is read-only: details and consent go to the kept person.
    merged_page = _base(rw) + f"personen/{first.pk}/"
    assert officer.get(merged_page + "wijzigen/").status_code == 302
    officer.post(merged_page + "toestemming/", {"toestemming": "ja"})
    first.refresh_from_db()
    assert first.share_whereabouts is None
    kept_page = officer.get(_base(rw) + f"personen/{second.pk}/").content.decode()
    assert "uit samengevoegde registratie Johannes de Vries" in kept_page
    assert (
        "Niet dezelfde persoon"
        not in officer.get(_base(rw) + "dubbele-registraties/").content.decode()
    )
    merge = Merge.objects.get()
    assert "Ongedaan maken" in officer.get(_base(rw) + "samenvoegingen/").content.decode()
    officer.post(_base(rw) + f"samenvoegingen/{merge.pk}/ongedaan/")
    first.refresh_from_db()
    assert first.merged_into_id is None
    officer.post(_base(rw) + f"dubbele-registraties/{pair.pk}/niet-dezelfde/")
    pair.refresh_from_db()
    assert pair.state == DuplicateState.DISMISSED


def test_the_front_page_links_to_the_persons_part(rw: RegistryWorld, officer: Client) -> None:
    text = officer.get(_base(rw)).content.decode()
    for label in ("Personen", "Registreren", "Dubbele registraties"):
        assert f">{label}</a>" in text
