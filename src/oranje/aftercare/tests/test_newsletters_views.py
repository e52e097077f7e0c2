"""The newsletter pages: the list with who receives it now, a new draft, editing it, sending
after a confirmation, the delivery counts refreshing while the worker sends, the printed
letters (one A4 page per household, OEFENING on every page of an exercise, CONCEPT on a
draft's preview, audited), the aftercare tab's slot, and the doors (IAC only)."""

from __future__ import annotations

import re
import zlib

import pytest
from django.test import Client

from oranje.aftercare.delivery import deliver_items
from oranje.aftercare.letters import WINDOW_H, WINDOW_W, WINDOW_X, WINDOW_Y
from oranje.aftercare.models import Newsletter, NewsletterItem
from oranje.aftercare.services.newsletters import newsletter_send
from oranje.aftercare.tests.newsletter_helpers import cases, draft, iac_officer
from oranje.core.models import AuditEntry, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def iac(world: World) -> User:
    return iac_officer(world.region)


@pytest.fixture
def incident(world: World) -> Incident:
    return start_incident(world, title="Brand Velsen-Noord")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _base(incident: Incident) -> str:
    return f"/incidenten/{incident.pk}/nafase/nieuwsbrieven/"


def _pages(pdf: bytes) -> list[str]:
    """The text drawn on each page (fpdf2 compresses each page's content stream)."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text = zlib.decompress(raw).decode("cp1252")
        except zlib.error:
            continue
        out.append(text.replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\"))
    return out


def test_the_iac_writes_edits_and_sends_a_newsletter_and_follows_its_delivery(
    incident: Incident, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    cases(incident, 2)
    cases(incident, 1, email=False, prefix="brief")
    cases(incident, 1, email=False, address=False, prefix="weg")
    client = _client(iac)
    page = client.get(_base(incident)).content.decode()
    assert "Nieuwsbrieven aan getroffen huishoudens" in page
    assert re.search(r"Per e-mail</th><td>2<", page)
    assert re.search(r"Als brief \(geen e-mailadres\)</th><td>1<", page)
    assert "Vraag de onbereikbare huishoudens" in page

    empty = client.post(f"{_base(incident)}nieuw/", {"subject": "", "body": ""})
    assert empty.status_code == 400
    assert "Dit veld is vereist." in empty.content.decode()
    long = client.post(f"{_base(incident)}nieuw/", {"subject": "x" * 201, "body": "tekst"})
    assert long.status_code == 400 and not Newsletter.objects.exists()
    made = client.post(
        f"{_base(incident)}nieuw/", {"subject": "Stand van zaken", "body": "Beste bewoners,"}
    )
    letter = Newsletter.objects.get()
    assert made.status_code == 302 and made["Location"] == f"{_base(incident)}{letter.pk}/"

    detail = client.get(made["Location"]).content.decode()
    assert 'name="subject"' in detail and "Versturen…" in detail
    assert "Voorbeeld van de brieven (pdf, 1)" in detail
    edited = client.post(
        made["Location"], {"subject": "Stand van zaken week 2", "body": "Beste bewoners, nieuw."}
    )
    assert edited.status_code == 302
    letter.refresh_from_db()
    assert letter.subject == "Stand van zaken week 2"

    confirm = client.get(f"{_base(incident)}{letter.pk}/versturen/").content.decode()
    assert "De nieuwsbrief versturen?" in confirm
    assert re.search(r"<dt>Per e-mail</dt><dd>2</dd>", confirm)
    assert re.search(r"<dt>Onbereikbaar</dt><dd>1</dd>", confirm)
    with django_capture_on_commit_callbacks(execute=False):
        sent = client.post(f"{_base(incident)}{letter.pk}/versturen/", follow=True)
    page = sent.content.decode()
    assert "De nieuwsbrief gaat per e-mail naar 2 huishoudens; 1 krijgen een brief." in page
    assert 'hx-get="' in page and "bezig met verzenden" in page  # refreshes while busy
    assert 'name="subject"' not in page  # a sent newsletter is not edited
    assert "Brieven afdrukken (pdf, 1)" in page

    again = client.post(f"{_base(incident)}{letter.pk}/versturen/")
    assert again.status_code == 400 and "al verzonden" in again.content.decode()
    changed = client.post(f"{_base(incident)}{letter.pk}/", {"subject": "x", "body": "y"})
    assert changed.status_code == 302
    letter.refresh_from_db()
    assert letter.subject == "Stand van zaken week 2"

    deliver_items(list(NewsletterItem.objects.values_list("pk", flat=True)))
    panel = client.get(f"{_base(incident)}{letter.pk}/stand/").content.decode()
    assert "hx-get" not in panel and "afgerond" in panel
    cells = re.findall(r"<td>(.*?)</td>", panel)
    assert cells[:5] == ["0", "2", "0", "0", "1"]  # queued, sent, failed, not sent, letters

    listing = client.get(_base(incident)).content.decode()
    assert "Stand van zaken week 2" in listing
    tab = client.get(f"/incidenten/{incident.pk}/nafase/").content.decode()
    assert "verstuurd" in tab and "2 per e-mail, 1 per brief" in tab
    assert f'href="{_base(incident)}nieuw/"' in tab


def test_others_who_see_the_incident_get_403_and_see_counts_only(
    world: World, incident: Incident, iac: User
) -> None:
    letter = draft(incident)
    paths = [
        _base(incident),
        f"{_base(incident)}nieuw/",
        f"{_base(incident)}{letter.pk}/",
        f"{_base(incident)}{letter.pk}/stand/",
        f"{_base(incident)}{letter.pk}/versturen/",
        f"{_base(incident)}{letter.pk}/brieven.pdf",
    ]
    for user, status in (
        (world.coordinator, 403),
        (world.viewer, 403),
        (world.outsider, 404),
        (iac_officer(world.other_region, "iac-utrecht"), 404),
    ):
        client = _client(user)
        assert [client.get(p).status_code for p in paths] == [status] * len(paths), user
    tab = _client(world.viewer).get(f"/incidenten/{incident.pk}/nafase/").content.decode()
    assert "Nieuwsbrieven verstuurd aan de huishoudens die dat wilden: 0." in tab
    assert letter.subject not in tab
    # Another incident's newsletter is not found under this one.
    other = start_incident(world, title="Elders")
    assert (
        _client(iac).get(f"/incidenten/{other.pk}/nafase/nieuwsbrieven/{letter.pk}/").status_code
        == 404
    )


def test_the_letters_one_a4_page_per_household_with_the_address_in_the_window(
    incident: Incident, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    cases(incident, 2)  # by e-mail: no letter
    households = cases(incident, 3, email=False, prefix="brief")
    letter = draft(incident)
    client = _client(iac)
    preview = client.get(f"{_base(incident)}{letter.pk}/brieven.pdf")
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    assert "concept-" in preview["Content-Disposition"]
    pages = _pages(preview.content)
    assert len(pages) == 3 and all("CONCEPT - niet versturen" in p for p in pages)

    with django_capture_on_commit_callbacks(execute=False):
        newsletter_send(actor=iac, newsletter=letter)
    response = client.get(f"{_base(incident)}{letter.pk}/brieven.pdf")
    assert response.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", response.content)) == 3
    pages = _pages(response.content)
    assert len(pages) == 3
    for page, case in zip(
        pages, sorted(households, key=lambda c: c.house_number or 0), strict=True
    ):
        assert case.household_name in page
        number = f"{case.house_number}{case.house_addition}"
        assert f"Wijkerstraatweg {number}" in page
        assert "1951 AB  VELSEN-NOORD" in page
        assert "Gemeente Velsen" in page and "Met vriendelijke groet," in page
        assert f"IAC-dossier {case.number}" in page  # the reference
        assert letter.subject in page and "één vraag" in page
        assert "OEFENING" not in page and "CONCEPT" not in page
    # The address block sits in the envelope's window (fpdf2 writes y from the bottom).
    first = pages[0]
    at = re.search(r"BT ([\d.]+) ([\d.]+) Td \(" + re.escape(households[0].household_name), first)
    assert at is not None
    x_mm, y_mm = float(at.group(1)) / 72 * 25.4, 297 - float(at.group(2)) / 72 * 25.4
    assert WINDOW_X <= x_mm <= WINDOW_X + WINDOW_W
    assert WINDOW_Y <= y_mm <= WINDOW_Y + WINDOW_H
    entries = AuditEntry.objects.filter(action="newsletter.letters").order_by("pk")
    assert [e.changes for e in entries] == [
        {"letters": 3, "draft": True, "exercise": False},
        {"letters": 3, "draft": False, "exercise": False},
    ]


def test_an_exercises_letters_say_oefening_on_every_page_and_nothing_is_sent(
    world: World, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    exercise = start_incident(world, exercise=True, title="Oefening gaslek")
    cases(exercise, 1)
    cases(exercise, 2, email=False, prefix="brief")
    letter = draft(exercise)
    letter.body = "\n\n".join(["Een lange alinea met veel woorden over de schade. " * 12] * 8)
    letter.save()
    client = _client(iac)
    page = client.get(f"{_base(exercise)}{letter.pk}/").content.decode()
    assert "OEFENING: een nieuwsbrief wordt vastgelegd" in page
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = client.post(f"{_base(exercise)}{letter.pk}/versturen/", follow=True)
    assert callbacks == []
    page = sent.content.decode()
    assert "OEFENING: de nieuwsbrief is vastgelegd voor 3 huishoudens" in page
    assert "elk huishouden is vastgelegd als niet verzonden" in page
    assert set(NewsletterItem.objects.values_list("status", flat=True)) == {"not_sent"}
    response = client.get(f"{_base(exercise)}{letter.pk}/brieven.pdf")
    assert 'filename="OEFENING-' in response["Content-Disposition"]
    pages = _pages(response.content)
    assert len(pages) > 2  # a long letter runs over
    assert all("OEFENING" in p for p in pages)
    assert any("blad 2" in p for p in pages)
    assert AuditEntry.objects.get(action="newsletter.letters").note == "OEFENING"
