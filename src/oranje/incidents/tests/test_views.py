"""Pages of the incident room, through the test client: who may see and do
what, and the main flows as a browser without JavaScript would do them."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.incidents import services
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

PAGES = [
    "incidents:logbook",
    "alerting:alert_board",
    "alerting:alert_board_rows",
    "incidents:incident_scale",
    "incidents:decisions",
    "incidents:checklists",
    "incidents:reports",
    "incidents:handover",
    "alerting:incident_times",
    "incidents:logbook_since",
]


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("page", PAGES)
def test_every_incident_page_is_readable_in_the_region_and_hidden_outside(
    world: World, page: str
) -> None:
    incident = start_incident(world)
    url = reverse(page, args=[incident.pk])
    assert client_for(world.viewer).get(url).status_code == 200
    assert client_for(world.haarlem_coordinator).get(url).status_code == 200
    assert client_for(world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_a_viewer_reads_but_cannot_write(world: World) -> None:
    incident = start_incident(world)
    viewer = client_for(world.viewer)
    page = viewer.get(reverse("incidents:logbook", args=[incident.pk])).content.decode()
    assert "Toevoegen aan logboek" not in page
    response = viewer.post(reverse("incidents:log_entry_new", args=[incident.pk]), {"text": "x"})
    assert response.status_code == 403
    assert viewer.get(reverse("incidents:incident_new")).status_code == 403
    assert viewer.get(reverse("incidents:incident_close", args=[incident.pk])).status_code == 403


def test_starting_an_incident_through_the_form(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(
        reverse("incidents:incident_new"),
        {
            "title": "Gasstoring Velsen-Noord",
            "kind": "utility_outage",
            "is_exercise": "on",
            "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "municipality": world.velsen.pk,
            "location_text": "Velsen-Noord",
            "point": "52.4700, 4.6300",
            "area": "52.47, 4.62\n52.48, 4.64\n52.46, 4.65",
        },
    )
    assert response.status_code == 302
    incident = world.region.incidents.get()
    assert incident.is_exercise and incident.area[0] == incident.area[-1]
    page = client.get(reverse("incidents:logbook", args=[incident.pk])).content.decode()
    assert "OEFENING" in page


def test_a_bad_point_is_named_in_dutch(world: World) -> None:
    response = client_for(world.coordinator).post(
        reverse("incidents:incident_new"),
        {
            "title": "x",
            "kind": "fire",
            "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "municipality": world.velsen.pk,
            "point": "40.0, 4.6",
            "area": "52.47, 4.62\nhier",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "40.0, 4.6 ligt buiten Nederland." in page
    assert "regel 2 is &#x27;hier&#x27;" in page


def test_scaling_with_nobody_on_call_says_so_at_once(world: World) -> None:
    incident = start_incident(world)
    response = client_for(world.coordinator).post(
        reverse("incidents:incident_scale", args=[incident.pk]),
        {"mode": "grip", "grip_level": "1", "decided_by": "Leider CoPI", "reason": "Gaslek"},
        follow=True,
    )
    page = response.content.decode()
    assert "Niemand heeft hard piket voor OVD-BZ in Velsen" in page


def test_quick_entry_through_htmx_answers_with_an_empty_form_and_the_poll_brings_the_line(
    world: World,
) -> None:
    incident = start_incident(world)
    client = client_for(world.functionary)
    response = client.post(
        reverse("incidents:log_entry_new", args=[incident.pk]),
        {"text": "Stank van gas in de Lange Nieuwstraat", "process": "surroundings"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and response["HX-Trigger"] == "log-saved"
    assert "Regel #2 opgeslagen." in response.content.decode()
    since = client.get(
        reverse("incidents:logbook_since", args=[incident.pk]) + "?na=1"
    ).content.decode()
    assert "Stank van gas" in since and 'na=2"' in since
    empty = client.post(
        reverse("incidents:log_entry_new", args=[incident.pk]), {"text": ""}, HTTP_HX_REQUEST="true"
    )
    assert "Dit veld is vereist." in empty.content.decode()


def test_the_situation_report_prints_as_pdf_and_json_marked_as_exercise(world: World) -> None:
    incident = start_incident(world, exercise=True)
    report = services.report_draft(actor=world.coordinator, incident=incident)
    client = client_for(world.viewer)
    pdf = client.get(reverse("incidents:report_pdf", args=[incident.pk, report.version]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "OEFENING" in pdf["Content-Disposition"]
    data = client.get(reverse("incidents:report_json", args=[incident.pk, report.version])).json()
    assert data["marking"] == "OEFENING" and data["version"] == 1
    assert {s["process"] for s in data["sections"]} >= {"communication", "shelter"}


def test_decisions_actions_and_checklists_through_the_pages(world: World) -> None:
    incident = start_incident(world)
    client = client_for(world.coordinator)
    bad = client.post(
        reverse("incidents:decisions", args=[incident.pk]),
        {"d-team": "", "d-decided_by": "Burgemeester", "d-text": "Informatiepunt"},
    )
    assert bad.status_code == 400 and "kies het team" in bad.content.decode()
    client.post(
        reverse("incidents:decisions", args=[incident.pk]),
        {"d-team": "gbt", "d-decided_by": "Burgemeester", "d-text": "Informatiepunt"},
    )
    client.post(
        reverse("incidents:decisions", args=[incident.pk]),
        {
            "a-text": "Bewonersbrief",
            "a-owner_function": world.ovd.pk,
            "a-deadline": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    page = client.get(reverse("incidents:decisions", args=[incident.pk])).content.decode()
    assert "Informatiepunt" in page and "over de deadline" in page
    item = services.checklist_items(world.region, world.ovd)[0]
    client.post(reverse("incidents:checklist_tick", args=[incident.pk, item.pk]))
    assert incident.ticks.filter(item=item, undone_at__isnull=True).exists()


def test_exercises_are_kept_apart_in_the_list(world: World) -> None:
    start_incident(world, title="Echte brand")
    start_incident(world, exercise=True, title="Oefenbrand")
    client = client_for(world.viewer)
    real, running = (
        client.get(reverse("incidents:incidents")).content.decode().split('id="running-exercises"')
    )
    assert "Echte brand" in real and "Oefenbrand" not in real
    assert "Oefenbrand" in running  # a running exercise is shown, in its own marked section
    drills = client.get(reverse("incidents:incidents") + "?oefeningen=1").content.decode()
    assert "Oefenbrand" in drills and "Echte brand" not in drills
    assert (
        "Echte brand"
        not in client_for(world.outsider).get(reverse("incidents:incidents")).content.decode()
    )


def test_a_logbook_line_shows_its_time_author_function_tags_correction_and_attachment(
    world: World,
) -> None:
    """Every part of a line, escaped, on the page and in the live update alike."""
    from oranje.incidents.constants import EntryKind
    from oranje.incidents.models import LogEntry

    incident = start_incident(world)
    at = timezone.localtime().replace(hour=3, minute=7, second=0, microsecond=0)
    LogEntry.objects.create(
        incident=incident,
        number=2,
        at=at,
        author_name="Jan <b>",
        function=world.ovd,
        team="copi",
        process="communication",
        kind=EntryKind.DECISION,
        text="Eerste\r\nregel & <script>",
        attachment="logbook/2026/01/kaart.pdf",
        attachment_name="kaart <1>.pdf",
    )
    LogEntry.objects.create(
        incident=incident,
        number=3,
        at=at,
        author_name="Piet",
        kind=EntryKind.NOTE,
        text="Bedoeld: tweede regel",
        corrects=incident.log.get(number=2),
    )
    client = client_for(world.viewer)
    page = client.get(reverse("incidents:logbook", args=[incident.pk])).content.decode()
    since = client.get(
        reverse("incidents:logbook_since", args=[incident.pk]) + "?na=1"
    ).content.decode()
    stamp = f'<time datetime="{at.isoformat()}">03:07</time>'
    two = (
        f'<li class="entry k-decision" id="e2" value="2"><span class="num">#2</span> {stamp} '
        '<span class="who">Jan &lt;b&gt; · OVD-BZ</span> <span class="tag">COPI</span> '
        '<span class="tag p">crisiscommunicatie</span> <span class="tag k">besluit</span>'
        "<p>Eerste<br>regel &amp; &lt;script&gt; "
        f'<a href="/incidenten/{incident.pk}/logboek/2/bijlage/">📎 kaart &lt;1&gt;.pdf</a>'
        ' <a href="#e3" class="corrected">(gecorrigeerd in #3)</a></p></li>'
    )
    three = (
        f'<li class="entry k-note" id="e3" value="3"><span class="num">#3</span> {stamp} '
        '<span class="who">Piet</span><p><a href="#e2" class="corr">Correctie op #2:</a> '
        "Bedoeld: tweede regel</p></li>"
    )
    for html in (page, since):
        assert two in html and three in html
        assert html.index(three) < html.index(two)  # newest first
    assert "(3)" in page  # the count in the heading


TAB_TITLES = {
    "incidents:logbook": "Logboek",
    "alerting:alert_board": "Alarmering",
    "incidents:incident_scale": "Opschaling",
    "incidents:decisions": "Besluiten en acties",
    "incidents:checklists": "Checklists",
    "incidents:reports": "Situatierapport",
    "incidents:handover": "Aflossing",
    "alerting:incident_times": "Tijden",
    "incidents:incident_close": "Afsluiten",
    "incidents:briefing": "Verzamelpunt",
}


def test_every_incident_tab_has_its_own_title_starting_with_the_tab(world: World) -> None:
    import re

    incident = start_incident(world, exercise=True, title="Gasstoring Velsen-Noord")
    client = client_for(world.coordinator)
    titles = {}
    for page, tab in TAB_TITLES.items():
        response = client.get(reverse(page, args=[incident.pk]), HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200, page
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        assert title.startswith(f"{tab}") and "Gasstoring Velsen-Noord · Oranje" in title, title
        assert title.endswith("OEFENING"), "an exercise says so in the title too"
        titles[page] = title
    assert len(set(titles.values())) == len(titles)


def test_the_start_form_offers_map_buttons_only_with_a_map(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.coordinator)
    map_words = ["Klik zet het punt", "Klik breidt het gebied uit", "Gebied wissen"]
    map_words += ["of klik op de kaart", "of teken op de kaart", "leaflet.js"]

    settings.MAP_TILE_URL = ""
    page = client.get(reverse("incidents:incident_new")).content.decode()
    assert not [w for w in map_words if w in page]
    assert "Breedtegraad, lengtegraad, bijv. 52.4602, 4.6266." in page

    settings.MAP_TILE_URL = "https://tiles.example.nl/{z}/{x}/{y}.png"
    page = client.get(reverse("incidents:incident_new")).content.decode()
    assert [w for w in map_words if w in page] == map_words
