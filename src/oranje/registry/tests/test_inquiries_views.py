"""The inquiry pages: the intake shows the ranked candidates with the engine's Dutch reasons at
once, a double submit writes one inquiry, bad input is refused naming the field, the queue
polls, every read of an inquiry is logged, and the call form is never offered for the
deceased."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import InquiryStatus, ReadKind, Source, Status, Whereabouts
from oranje.registry.models import CallBack, Inquiry, ReadLog
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

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
    return f"/incidenten/{rw.incident.pk}/registratie/vragen/"


INTAKE = {
    "caller_name": "Marieke de Vries",
    "caller_phone": "06 12345678",
    "caller_relation": "dochter",
    "given_names": "Hans",
    "name_prefix": "de",
    "surname": "Vries",
    "birth": "4-3-1950",
    "sex": "O",
    "postcode": "2011ab",
    "house": "12a",
    "client_key": "k" * 32,
}


def test_saving_an_intake_shows_the_ranked_candidates_with_reasons(
    rw: RegistryWorld, officer: Client
) -> None:
    wanted = register(rw)
    register(rw, given="Pieter", prefix="", surname="Bakker", birth=(1980, 1, 1))
    response = officer.post(_base(rw) + "nieuw/", INTAKE, follow=True)
    assert response.status_code == 200
    inquiry = Inquiry.objects.get()
    assert (inquiry.caller_phone, inquiry.postcode, inquiry.house_number) == (
        "+31612345678",
        "2011 AB",
        12,
    )
    page = response.content.decode()
    assert "Vraag V1 opgeslagen" in page
    first = inquiry.candidates.order_by("-score").first()
    assert first is not None and first.person_id == wanted.pk
    assert first.reasons and all(escape(reason) in page for reason in first.reasons)
    assert "Johannes de Vries" in page and "opvang" in page  # status and where
    assert "Bevestigen" in page and "Niet deze persoon" in page
    # The same form sent again (a double click, a retry) writes nothing new.
    again = officer.post(_base(rw) + "nieuw/", INTAKE)
    assert again.status_code == 302 and Inquiry.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth", "31-2-1950", "geboortedatum"),
        ("postcode", "12345", "postcode"),
        ("caller_phone", "bel me", "telefoon"),
        ("age_estimate", "999", "130"),
        ("surname", "", "achternaam"),
    ],
)
def test_bad_intake_input_is_refused_naming_the_field(
    rw: RegistryWorld, officer: Client, field: str, value: str, message: str
) -> None:
    data = {**INTAKE, field: value}
    if field == "surname":
        data["given_names"] = ""
    response = officer.post(_base(rw) + "nieuw/", data)
    assert response.status_code == 400
    assert message in response.content.decode().lower()
    assert not Inquiry.objects.exists()


def test_the_queue_polls_and_every_inquiry_read_is_logged(
    rw: RegistryWorld, officer: Client
) -> None:
    inquiry = services.inquiry_create(
        incident=rw.incident, actor=rw.officer, data=inquiry_data(is_child=True)
    )
    page = officer.get(_base(rw)).content.decode()
    assert 'hx-get="' + _base(rw) + 'wachtrij/"' in page and "every 10s" in page
    assert "binnen 120 minuten" in page and ">kind<" in page
    rows = officer.get(_base(rw) + "wachtrij/")
    assert rows.status_code == 200 and "V1" in rows.content.decode()
    assert officer.get(f"{_base(rw)}{inquiry.pk}/").status_code == 200
    reads = ReadLog.objects.filter(user=rw.officer)
    assert reads.filter(kind=ReadKind.INQUIRY, object_id=inquiry.pk).count() == 1
    # the page and its poll within five minutes: one read of the queue
    assert reads.filter(kind=ReadKind.LIST).count() == 1


def test_an_inquiry_of_another_incident_is_not_found_under_this_one(
    rw: RegistryWorld, officer: Client
) -> None:
    from oranje.incidents.tests.factories import start_incident

    other = start_incident(rw.world, title="Tweede incident")
    inquiry = services.inquiry_create(incident=other, actor=rw.officer, data=inquiry_data())
    assert officer.get(f"{_base(rw)}{inquiry.pk}/").status_code == 404
    assert officer.get(f"{_base(rw)}99999999999999999999/").status_code == 404


def test_no_call_form_for_the_deceased_and_the_police_buttons(
    rw: RegistryWorld, officer: Client
) -> None:
    register(rw, status=Status.DECEASED, where=Whereabouts.ELSEWHERE, source=Source.POLICE)
    inquiry = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    candidate = inquiry.candidates.get()
    url = f"{_base(rw)}{inquiry.pk}/"
    officer.post(f"{url}kandidaten/{candidate.pk}/bevestigen/")
    page = officer.get(url).content.decode()
    assert "wacht op een tweede medewerker" in page
    assert "Bevestigen als tweede medewerker" not in page  # not for the first officer
    second = Client()
    second.force_login(rw.second_officer)
    assert "Bevestigen als tweede medewerker" in second.get(url).content.decode()
    queue = second.get(_base(rw) + "wachtrij/").content.decode()
    assert "wacht op tweede medewerker" in queue
    second.post(f"{url}kandidaten/{candidate.pk}/bevestigen/")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.POLICE
    page = officer.get(url).content.decode()
    assert "Gesprek vastleggen" not in page and "Politie gevraagd" in page
    assert officer.post(f"{url}terugbellen/", {"outcome": "reached"}).status_code == 400
    assert not CallBack.objects.exists()
    assert "politie nog niet gevraagd" in officer.get(_base(rw)).content.decode()
    officer.post(f"{url}politie/gevraagd/")
    assert "politie gevraagd" in officer.get(_base(rw)).content.decode()
    officer.post(f"{url}politie/bevestigd/")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INFORMED


def test_calling_back_with_consent_informs(rw: RegistryWorld, officer: Client) -> None:
    register(rw)
    inquiry = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    url = f"{_base(rw)}{inquiry.pk}/"
    officer.post(f"{url}kandidaten/{inquiry.candidates.get().pk}/bevestigen/")
    page = officer.get(url).content.decode()
    assert "Nog niet gevraagd" in page and "Gesprek vastleggen" in page
    refused = officer.post(f"{url}terugbellen/", {"outcome": "reached", "phrases": ["in_shelter"]})
    assert refused.status_code == 400 and "vraag de persoon eerst" in refused.content.decode()
    officer.post(f"{url}toestemming/", {"share": "1"})
    done = officer.post(f"{url}terugbellen/", {"outcome": "reached", "phrases": ["in_shelter"]})
    assert done.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INFORMED
    assert officer.post(f"{url}sluiten/", {"reason": "Beantwoord"}).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"outcome": "x", "phrases": ["nope"], "share": "2", "reason": "r" * 3000},
        {
            **INTAKE,
            "birth": "٣-٣-١٩٥٠",
            "age_estimate": "9" * 30,
            "last_seen_at": "31-2-2026 25:00",
        },
        {**INTAKE, "client_key": "k" * 500, "sex": "Q", "house": "0"},
    ],
)
def test_odd_form_input_never_makes_a_server_error(
    rw: RegistryWorld, officer: Client, data: dict[str, object]
) -> None:
    register(rw)
    inquiry = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    one = f"{_base(rw)}{inquiry.pk}/"
    candidate = inquiry.candidates.get().pk
    for url in (
        _base(rw) + "nieuw/",
        one + "terugbellen/",
        one + "toestemming/",
        one + "sluiten/",
        one + "politie/gevraagd/",
        one + "politie/bevestigd/",
        one + "nemen/",
        f"{one}kandidaten/{candidate}/afwijzen/",
        f"{one}kandidaten/{candidate}/bevestigen/",
    ):
        assert officer.post(url, data).status_code < 500, url
