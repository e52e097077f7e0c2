"""The signals' pages: quick entry and the filtered list, a signal's page, the tally, the
import with its report, the rumours, the charts (inline and as SVG), the tab's summary and
the situation report's figures."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from defusedxml import ElementTree
from django.test import Client
from django.utils import timezone

from oranje.communication.hooks_signals import signal_figures
from oranje.communication.models import Message, Signal
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(incident: Incident, rest: str = "") -> str:
    return f"/incidenten/{incident.pk}/communicatie/signalen/{rest}"


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


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_information_line_records_a_signal_from_the_quick_entry(world: World) -> None:
    incident = start_incident(world)
    client = _client(world.functionary)
    page = client.get(_url(incident))
    assert page.status_code == 200
    assert 'id="quick-entry"' in page.content.decode()
    response = client.post(
        _url(incident),
        {
            "text": "Mag mijn kind naar school?",
            "topic": "School",
            "source": "phone",
            "goal": "inform",
            "sentiment": "neutral",
            "count": "1",
        },
    )
    assert response.status_code == 302
    signal = Signal.objects.get(incident=incident)
    assert (signal.topic, signal.created_by) == ("school", world.functionary)
    assert abs(signal.at - timezone.now()) < dt.timedelta(minutes=1)
    page = client.get(_url(incident)).content.decode()
    assert "Mag mijn kind naar school?" in page
    assert "Signaal vastgelegd." in page


def test_bad_quick_entry_names_the_field(world: World) -> None:
    incident = start_incident(world)
    response = _client(world.functionary).post(
        _url(incident),
        {"text": "", "source": "phone", "sentiment": "neutral", "count": "0"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit veld is vereist." in body
    assert "id_count_error" in body
    assert not Signal.objects.exists()


def test_a_viewer_reads_but_may_not_record_and_an_outsider_sees_nothing(world: World) -> None:
    incident = start_incident(world)
    _signal(incident)
    viewer = _client(world.viewer)
    page = viewer.get(_url(incident))
    assert page.status_code == 200
    assert 'id="quick-entry"' not in page.content.decode()
    assert viewer.post(_url(incident), {"text": "x"}).status_code == 403
    assert _client(world.outsider).get(_url(incident)).status_code == 404


def test_the_list_filters_and_pages(world: World) -> None:
    incident = start_incident(world)
    for i in range(55):
        _signal(incident, text=f"vraag {i}", at=timezone.now() - dt.timedelta(minutes=i + 1))
    _signal(incident, text="Een gerucht", rumour=True, topic="co", source="social")
    client = _client(world.viewer)
    body = client.get(_url(incident) + "?rumour=open").content.decode()
    assert "Een gerucht" in body and "vraag 3<" not in body
    body = client.get(_url(incident) + "?topic=ROOK&pagina=2").content.decode()
    assert "pagina 2 van 2" in body
    assert "topic=ROOK&amp;pagina=1" in body
    bad = client.get(_url(incident) + "?source=pigeon&start=gisteren")
    assert bad.status_code == 200  # a bad filter is named and left out
    assert "Een gerucht" in bad.content.decode()


def test_a_signal_is_changed_and_removed_on_its_page(world: World) -> None:
    incident = start_incident(world)
    signal = _signal(incident)
    client = _client(world.functionary)
    assert client.get(_url(incident, f"{signal.pk}/")).status_code == 200
    response = client.post(
        _url(incident, f"{signal.pk}/"),
        {
            "text": "Is de rook echt giftig?",
            "topic": "rook",
            "source": "phone",
            "goal": "limit_harm",
            "sentiment": "negative",
            "count": "3",
            "at": _local(signal.at),
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert (signal.count, signal.sentiment) == (3, "negative")
    assert client.post(_url(incident, f"{signal.pk}/verwijderen/")).status_code == 302
    assert not Signal.objects.filter(pk=signal.pk).exists()
    other = start_incident(world, title="Ander")
    elsewhere = _signal(other)
    assert client.get(_url(incident, f"{elsewhere.pk}/")).status_code == 404


def test_the_tally_form_records_every_filled_line(world: World) -> None:
    incident = start_incident(world)
    end = timezone.now()
    data = {
        "start": _local(end - dt.timedelta(hours=1)),
        "end": _local(end),
        "source": "phone",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "50",
        "lines-0-topic": "rook giftig?",
        "lines-0-count": "12",
        "lines-0-goal": "limit_harm",
        "lines-1-topic": "school",
        "lines-1-count": "3",
        "lines-2-topic": "",
        "lines-2-count": "",
    }
    client = _client(world.functionary)
    assert client.get(_url(incident, "turven/")).status_code == 200
    response = client.post(_url(incident, "turven/"), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert sorted(Signal.objects.values_list("topic", "count")) == [
        ("rook giftig?", 12),
        ("school", 3),
    ]
    again = client.post(_url(incident, "turven/"), data)
    assert again.status_code == 400
    assert again.content.decode().count("al ingevoerd") == 1
    zero = client.post(_url(incident, "turven/"), {**data, "end": data["start"]})
    assert zero.content.decode().count("tot: het einde van de periode moet na het begin") == 1
    data["lines-1-count"] = ""
    missing = client.post(_url(incident, "turven/"), {**data, "lines-0-count": "13"})
    assert "Geef het aantal contacten" in missing.content.decode()


def test_the_import_page_lists_every_bad_row_then_imports(world: World) -> None:
    incident = start_incident(world)
    at = timezone.localtime(incident.started_at + dt.timedelta(minutes=2))
    client = _client(world.functionary)
    assert client.get(_url(incident, "import/")).status_code == 200
    bad = f"datum/tijd;platform;tekst\n{at:%d-%m-%Y %H:%M};duif;Hallo\nmorgen;x;Hoi\n"
    response = client.post(
        _url(incident, "import/"),
        {"file": io.BytesIO(bad.encode()), "source": "social"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Niets geïmporteerd: 2 problemen." in body
    assert "<td>2</td><td>platform</td>" in body and "<td>3</td><td>datum/tijd</td>" in body
    good = f"datum/tijd;platform;tekst\n{at:%d-%m-%Y %H:%M};x;Hallo\n"
    upload = io.BytesIO(good.encode())
    upload.name = "export.csv"
    assert (
        client.post(_url(incident, "import/"), {"file": upload, "source": "social"}).status_code
        == 302
    )
    assert Signal.objects.get(incident=incident).source == "social"
    upload = io.BytesIO(good.encode())
    upload.name = "export.csv"
    again = client.post(_url(incident, "import/"), {"file": upload, "source": "social"})
    assert "al geïmporteerd" in again.content.decode()
    template = client.get(_url(incident, "import/sjabloon.csv"))
    assert template.content.decode("utf-8-sig").startswith("datum/tijd;bron;tekst")


def test_a_rumour_is_linked_to_its_counter_message_on_the_rumours_page(world: World) -> None:
    incident = start_incident(world)
    rumour = _signal(incident, rumour=True, text="Koolmonoxide in de wijk!")
    message = Message.objects.create(
        incident=incident,
        kind="public",
        title="Geen koolmonoxide",
        text="Er is geen gevaar.",
        status="published",
        approved_at=timezone.now(),
        published_at=timezone.now(),
    )
    client = _client(world.functionary)
    page = client.get(_url(incident, "geruchten/")).content.decode()
    assert "Koolmonoxide in de wijk!" in page and "Geen koolmonoxide" in page
    response = client.post(_url(incident, f"{rumour.pk}/weerleggen/"), {"message": message.pk})
    assert response.status_code == 302
    rumour.refresh_from_db()
    assert rumour.countered_by == message
    draft = Message.objects.create(incident=incident, kind="public", title="C", text="c")
    client.post(_url(incident, f"{rumour.pk}/weerleggen/"), {"message": draft.pk})
    rumour.refresh_from_db()
    assert rumour.countered_by == message  # a draft is not offered, nor accepted


def test_the_charts_page_shows_both_charts_with_their_tables(world: World) -> None:
    incident = start_incident(world)
    _signal(incident, count=4)
    _signal(incident, topic="school", goal="inform", count=2)
    body = _client(world.viewer).get(_url(incident, "grafieken/")).content.decode()
    assert body.count("<svg") == 2
    assert "Signalen per onderwerp" in body and "Signalen per doel" in body
    assert '<th scope="col" class="num">schadebeperking</th>' in body


def test_the_chart_svg_is_a_titled_cacheable_image(world: World) -> None:
    incident = start_incident(world, exercise=True)
    _signal(incident, count=4)
    client = _client(world.viewer)
    response = client.get(_url(incident, "grafiek.svg?per=goal"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age=10" in response["Cache-Control"]
    root = ElementTree.fromstring(response.content)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Signalen per doel"  # type: ignore[union-attr]
    assert "4 contacten" in root.find(f"{ns}desc").text  # type: ignore[union-attr,operator]
    assert b"OEFENING" in response.content
    assert client.get(_url(incident, "grafiek.svg?per=mood")).status_code == 400
    assert _client(world.outsider).get(_url(incident, "grafiek.svg")).status_code == 404


def test_the_tab_and_the_situation_report_show_the_counts(world: World) -> None:
    incident = start_incident(world)
    body = _client(world.viewer).get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert "Nog geen signalen vastgelegd." in body
    assert signal_figures(incident) == []
    _signal(incident, count=12)
    _signal(incident, rumour=True, topic="co", text="CO!")
    body = _client(world.viewer).get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert "13 contacten" in body and "rook (12)" in body
    assert "1 gerucht nog niet weerlegd" in body
    figures = {f.label: f.value for f in signal_figures(incident)}
    assert figures["Signalen van het publiek"] == "13 contacten (13 in het afgelopen uur)"
    assert figures["Meest gevraagde onderwerpen"] == "rook (12), co (1)"
    assert figures["Geruchten nog niet weerlegd"] == "1 van 1"
