"""A message's ways out: the CAP download and the API (audited), the NL-Alert draft with its
cell-broadcast pages, the press release PDF, the text for social media, and the region's Atom
feed of published warnings with each warning's CAP file (no login; never an exercise)."""

from __future__ import annotations

import re
import zlib
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from lxml import etree

from oranje.communication.models import Message
from oranje.communication.services.cap import parse_cap
from oranje.communication.services.exports import cell_broadcast, nl_alert_text, social_text
from oranje.communication.tests.capcheck import assert_valid_cap, warning
from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _base(message: Message) -> str:
    return f"/incidenten/{message.incident_id}/communicatie/berichten/{message.pk}"


def _exports(message: Message) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            action="message.export", object_type="message", object_id=str(message.pk)
        )
    )


def _pdf_text(pdf: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses each page's content stream)."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(raw).decode("cp1252"))
        except zlib.error:
            continue
    return "\n".join(out).replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")


def _assert_rfc4287(feed: Any) -> None:
    """The RFC 4287 rules a feed of ours must keep (section 4.1): exactly one id, title and
    updated in the feed and in every entry; an author for the feed (no entry has its own);
    ids absolute IRIs, unique per entry; dates RFC 3339 with an offset; an entry without
    content has an alternate link; at most one alternate link per type."""
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    assert feed.tag == f"{ATOM}feed"
    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, (element.tag, name)
        assert urlsplit(element.findtext(f"{ATOM}id")).scheme in ("http", "https", "tag", "urn")
        for name in ("updated", "published"):
            for moment in element.findall(f"{ATOM}{name}"):
                assert rfc3339.match(moment.text), moment.text
        alternates = [link.get("type") for link in element.findall(f"{ATOM}link[@rel='alternate']")]
        assert len(alternates) == len(set(alternates))
        for link in element.findall(f"{ATOM}link"):
            assert link.get("href")
        for category in element.findall(f"{ATOM}category"):
            assert category.get("term")
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    for entry in entries:
        assert (
            entry.find(f"{ATOM}content") is not None
            or entry.find(f"{ATOM}link[@rel='alternate']") is not None
        )


# ---------------------------------------------------------------- counting


def test_a_cell_broadcast_page_holds_93_gsm_characters() -> None:
    assert (cell_broadcast("a" * 93).pages, cell_broadcast("a" * 94).pages) == (1, 2)
    full = cell_broadcast("a" * 1395)
    assert (full.length, full.pages, full.fits) == (1395, 15, True)
    assert not cell_broadcast("a" * 1396).fits
    # The extension table (€, [, ]) costs two.
    assert cell_broadcast("€[]").length == 6


def test_one_character_outside_gsm_makes_pages_of_41() -> None:
    count = cell_broadcast("Iedereen wordt geëvacueerd uit de wijk: “ga nu”.")
    assert not count.gsm7
    assert count.outside_gsm == "ë“”"
    assert count.per_page == 41
    assert count.limit == 615
    assert count.pages == 2
    # A character beyond the BMP (an emoji) is two UTF-16 units.
    assert cell_broadcast("Brand 🔥").length == 8


def test_the_nl_alert_text_says_when_what_and_what_to_do(world: World) -> None:
    message = warning(start_incident(world))
    text = nl_alert_text(message)
    assert text.startswith("NL-Alert ")
    assert message.title in text
    assert message.instruction in text
    assert text.endswith("Meer informatie: http://127.0.0.1:8000/publiek/vr12/")
    exercise = nl_alert_text(warning(start_incident(world, exercise=True)))
    assert exercise.startswith("OEFENING\nNL-Alert ")
    assert "publiek" not in exercise


def test_the_social_text_is_the_messages_own_or_made_from_it(world: World) -> None:
    incident = start_incident(world)
    own = social_text(warning(incident, social_text="Rook in Velsen-Noord: ramen dicht."))
    assert (own.text, own.own, own.length) == ("Rook in Velsen-Noord: ramen dicht.", True, 34)
    made = social_text(warning(incident, instruction="Ga naar binnen. " * 30))
    assert not made.own
    assert made.fits and made.length <= 280
    assert made.text.startswith("Houd ramen en deuren gesloten Ga naar binnen.")
    assert made.text.endswith("… http://127.0.0.1:8000/publiek/vr12/")
    exercise = social_text(warning(start_incident(world, exercise=True), social_text="Ramen dicht"))
    assert exercise.text == "OEFENING: Ramen dicht"


# ---------------------------------------------------------------- the pages


def test_the_cap_download_is_a_valid_alert_and_audited(world: World) -> None:
    message = warning(start_incident(world))
    response = _client(world.viewer).get(f"{_base(message)}/cap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/cap+xml; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="cap-vr12-{message.pk}.xml"'
    assert_valid_cap(response.content)
    assert parse_cap(response.content)["identifier"] == f"oranje-VR12-{message.pk}"
    (entry,) = _exports(message)
    assert entry.actor == world.viewer
    assert entry.note == "CAP"


def test_a_message_that_cannot_be_cap_goes_to_the_nl_alert_page_saying_why(world: World) -> None:
    message = warning(start_incident(world), status="draft")
    client = _client(world.coordinator)
    response = client.get(f"{_base(message)}/cap.xml")
    assert response.status_code == 302
    assert response["Location"] == f"{_base(message)}/nl-alert/"
    assert not _exports(message)
    page = client.get(response["Location"]).content.decode()
    assert "pas als CAP geëxporteerd als hij is goedgekeurd" in page
    assert "Download het CAP-bestand" not in page


def test_the_nl_alert_page_shows_the_text_its_pages_and_the_cap(world: World) -> None:
    message = warning(start_incident(world), title="Rook <loods> & meer")
    page = _client(world.viewer).get(f"{_base(message)}/nl-alert/").content.decode()
    assert "Oranje stelt deze tekst en het CAP-bestand op, maar zendt niets uit" in page
    length = cell_broadcast(nl_alert_text(message)).length
    assert f"{length} van 1395 tekens: 3 cell-broadcastpagina('s) van 93 tekens" in page
    # The CAP file shown as text (escaped), with its download link.
    assert "&lt;identifier&gt;oranje-VR12-" in page
    assert "<headline>" not in page
    assert "Rook &amp;lt;loods&amp;gt; &amp;amp; meer" in page
    assert f'href="{_base(message)}/cap.xml" download' in page


def test_the_nl_alert_page_warns_of_characters_outside_gsm(world: World) -> None:
    message = warning(start_incident(world), text="Bewoners worden geëvacueerd.")
    page = _client(world.viewer).get(f"{_base(message)}/nl-alert/").content.decode()
    assert "tekens buiten het GSM-alfabet (ë)" in page
    assert "van 615 tekens" in page


def test_the_press_release_pdf_has_letterhead_text_and_what_to_do(world: World) -> None:
    message = warning(start_incident(world), status="published")
    response = _client(world.viewer).get(f"{_base(message)}/persbericht.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Veiligheidsregio Kennemerland" in text
    assert "PERSBERICHT" in text
    assert message.title in text
    assert "Wat moet u doen?" in text
    assert "Noot voor de redactie" in text
    assert "OEFENING" not in text and "CONCEPT" not in text
    assert _exports(message)[0].note == "persbericht"


def test_an_exercises_press_release_says_oefening_and_a_draft_concept(world: World) -> None:
    message = warning(start_incident(world, exercise=True), status="draft")
    response = _client(world.coordinator).get(f"{_base(message)}/persbericht.pdf")
    assert "OEFENING-persbericht" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "OEFENING" in text
    assert "CONCEPT - niet goedgekeurd, niet versturen" in text
    assert _exports(message)[0].note == "OEFENING — persbericht"


def test_the_social_page_shows_the_text_its_count_and_a_copy_button(world: World) -> None:
    message = warning(start_incident(world), social_text="Rook in Velsen-Noord: ramen dicht.")
    page = _client(world.viewer).get(f"{_base(message)}/sociale-media/").content.decode()
    assert "Rook in Velsen-Noord: ramen dicht.</textarea>" in page
    assert "34 van 280 tekens" in page
    assert 'data-copy="social-text"' in page


def test_another_regions_user_sees_none_of_it(world: World) -> None:
    message = warning(start_incident(world))
    client = _client(world.outsider)
    for part in ("cap.xml", "nl-alert/", "persbericht.pdf", "sociale-media/"):
        assert client.get(f"{_base(message)}/{part}").status_code == 404
    # Nor through another incident's address.
    other = start_incident(world, title="Ander incident")
    path = f"/incidenten/{other.pk}/communicatie/berichten/{message.pk}/cap.xml"
    assert _client(world.viewer).get(path).status_code == 404


# ---------------------------------------------------------------- the API


def test_the_api_gives_the_cap_document(world: World) -> None:
    message = warning(start_incident(world))
    client = _client(world.viewer)
    response = client.get(f"/api/v1/communication/messages/{message.pk}/cap/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/cap+xml")
    assert_valid_cap(response.content)
    assert len(_exports(message)) == 1
    assert (
        _client(world.outsider).get(f"/api/v1/communication/messages/{message.pk}/cap/").status_code
        == 404
    )


def test_the_api_names_the_fields_that_stop_a_cap(world: World) -> None:
    message = warning(start_incident(world), status="draft", instruction="")
    response = _client(world.viewer).get(f"/api/v1/communication/messages/{message.pk}/cap/")
    assert response.status_code == 400
    assert set(response.json()) == {"status", "instruction"}
    assert response.json()["instruction"][0].startswith("Wat te doen:")


def test_the_api_document_describes_the_cap_operation(world: World) -> None:
    schema = _client(world.viewer).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/communication/messages/{id}/cap/"]["get"]
    assert "application/cap+xml" in operation["responses"]["200"]["content"]


# ---------------------------------------------------------------- the feed


def test_the_feed_lists_the_regions_published_warnings_of_real_incidents(world: World) -> None:
    incident = start_incident(world)
    first = warning(incident, status="published", title="Ramen dicht")
    update = warning(
        incident, status="published", relation="update", parent=first, title="Nog steeds dicht"
    )
    warning(incident, status="approved", title="Nog niet gepubliceerd")
    warning(incident, status="published", title="Niet openbaar", on_public_page=False)
    warning(start_incident(world, exercise=True), status="published", title="Oefenwaarschuwing")
    anonymous = Client()
    response = anonymous.get("/publiek/vr12/waarschuwingen.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "public" in response["Cache-Control"] and "max-age=30" in response["Cache-Control"]
    assert "Last-Modified" in response
    feed = etree.fromstring(response.content)
    _assert_rfc4287(feed)
    assert feed.find(f"{ATOM}id").text == "http://127.0.0.1:8000/publiek/vr12/waarschuwingen.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Nog steeds dicht", "Ramen dicht"]
    for entry, message in zip(entries, [update, first], strict=True):
        for name in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link.get("type") == "application/cap+xml"
        href = link.get("href")
        assert href == f"http://127.0.0.1:8000/publiek/vr12/cap/{message.pk}.xml"
        cap_file = anonymous.get(href.removeprefix("http://127.0.0.1:8000"))
        assert cap_file.status_code == 200
        assert "public" in cap_file["Cache-Control"]
        assert_valid_cap(cap_file.content)
        assert parse_cap(cap_file.content)["identifier"] == f"oranje-VR12-{message.pk}"
    assert entries[0].find(f"{ATOM}category").get("term") == "Update"


def test_the_feed_gives_no_cap_of_what_is_not_public(world: World) -> None:
    incident = start_incident(world)
    anonymous = Client()
    approved = warning(incident)
    exercise = warning(start_incident(world, exercise=True), status="published")
    public = warning(incident, status="published", kind="public", title="Publieksinformatie")
    published = warning(incident, status="published")
    for message in (approved, exercise, public):
        assert anonymous.get(f"/publiek/vr12/cap/{message.pk}.xml").status_code == 404
    # Another region's address does not give it either.
    assert anonymous.get(f"/publiek/vr09/cap/{published.pk}.xml").status_code == 404
    assert anonymous.get("/publiek/vr99/waarschuwingen.atom").status_code == 404
    assert anonymous.get(f"/publiek/VR12/cap/{published.pk}.xml").status_code == 200


def test_an_empty_feed_is_still_a_feed(world: World) -> None:
    response = Client().get("/publiek/vr09/waarschuwingen.atom")
    assert response.status_code == 200
    feed = etree.fromstring(response.content)
    _assert_rfc4287(feed)
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.find(f"{ATOM}updated").text


def test_the_message_page_links_to_its_exports(world: World) -> None:
    message = warning(start_incident(world))
    page = _client(world.viewer).get(f"{_base(message)}/").content.decode()
    assert f'href="{_base(message)}/nl-alert/"' in page
    assert f'href="{_base(message)}/cap.xml" download' in page
    assert f'href="{_base(message)}/persbericht.pdf"' in page
    assert f'href="{_base(message)}/sociale-media/"' in page
    draft = warning(message.incident, status="draft", kind="public")
    page = _client(world.viewer).get(f"{_base(draft)}/").content.decode()
    assert "nl-alert/" not in page and "cap.xml" not in page
    assert "gemarkeerd als CONCEPT tot het is goedgekeurd" in page
    # A message to staff goes to no public channel: no export links.
    staff = warning(message.incident, kind="staff")
    page = _client(world.viewer).get(f"{_base(staff)}/").content.decode()
    assert "persbericht.pdf" not in page and "sociale-media/" not in page


def test_the_export_pages_only_read(world: World) -> None:
    message = warning(start_incident(world))
    client = Client(enforce_csrf_checks=False)
    client.force_login(world.coordinator)
    for part in ("cap.xml", "nl-alert/", "persbericht.pdf", "sociale-media/"):
        assert client.post(f"{_base(message)}/{part}").status_code == 405


def test_the_public_cap_is_the_same_document_as_the_download(world: World) -> None:
    message = warning(start_incident(world), status="published")
    public = Client().get(f"/publiek/vr12/cap/{message.pk}.xml").content
    assert public == _client(world.viewer).get(f"{_base(message)}/cap.xml").content


def test_a_poller_that_has_the_feed_gets_304(world: World) -> None:
    warning(start_incident(world), status="published")
    client = Client()
    first = client.get("/publiek/vr12/waarschuwingen.atom")
    again = client.get("/publiek/vr12/waarschuwingen.atom", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert client.head("/publiek/vr12/waarschuwingen.atom").status_code == 200
    assert client.get(f"/publiek/{'x' * 300}/waarschuwingen.atom").status_code == 404
    assert client.get("/publiek/vr%2012/waarschuwingen.atom").status_code == 404
