"""The living dossier's pages: search with filters and marked words, paging, an entry with
its versions, comments and links, a new entry (prefilled from a work session or a finding),
a new version, a comment; Dutch messages on the field; members read, contributors write."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import Membership, User
from oranje.incidents.tests.factories import start_incident
from oranje.learning.models import Entry, Evaluation, Finding, WorkSession
from oranje.learning.services import dossier as services
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import monitor

pytestmark = pytest.mark.django_db

LIST = "/leren/dossier/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def qm(world: World) -> User:
    return monitor(world.region)


def _entry(qm: User, world: World, title: str, text: str, **kw: object) -> Entry:
    kw.setdefault("theme", "on_call")
    kw.setdefault("kind", "practice")
    return services.entry_create(
        actor=qm,
        region=world.region,
        title=title,
        text=text,
        **kw,  # type: ignore[arg-type]
    )


def test_search_marks_words_filters_and_pages(qm: User, world: World) -> None:
    _entry(qm, world, "Zacht piket", "Van harde naar zachte piketten.")
    _entry(qm, world, "Bedankje na de inzet", "Een kaart van de burgemeester.", theme="pools")
    viewer = _client(world.viewer)  # every member reads the dossier
    page = viewer.get(LIST, {"q": "piketten"}).content.decode()
    assert "1 item gevonden." in page and "<mark>piketten</mark>" in page
    assert "Tip: zet woorden tussen aanhalingstekens" in page and "“of”" in page
    none = viewer.get(LIST, {"q": "onvindbaarwoord"}).content.decode()
    assert "Geen items gevonden." in none and "beste treffer" not in none
    assert "Bedankje" not in page
    assert "Nieuw dossieritem" not in page  # a viewer does not write
    by_theme = viewer.get(LIST, {"thema": "pools"}).content.decode()
    assert "Bedankje na de inzet" in by_theme and "Zacht piket" not in by_theme
    bad = viewer.get(LIST, {"thema": "?", "regio": "9" * 30, "pagina": "x"})
    assert bad.status_code == 400 and "Thema: kies er een uit de lijst." in bad.content.decode()
    for n in range(21):
        _entry(qm, world, f"Opvangles {n}", "Opvang in de sporthal.")
    first = viewer.get(LIST, {"q": "sporthal"}).content.decode()
    assert "21 items gevonden" in first and "pagina=2" in first
    second = viewer.get(LIST, {"q": "sporthal", "pagina": "2"}).content.decode()
    assert second.count('<li class="card">') == 1


def test_new_entry_empty_names_fields_then_saves(qm: User, world: World) -> None:
    client = _client(qm)
    page = client.get("/leren/dossier/nieuw/").content.decode()
    # Theme, kind and status start at "— kies —", never silently at the first choice.
    for name in ("theme", "kind", "status"):
        select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        assert '<option value="" selected>— kies —</option>' in select
        assert select.count("selected") == 1
    response = client.post("/leren/dossier/nieuw/", {"region": world.region.pk})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Thema: kies een thema." in page and "Soort: kies een soort." in page
    assert "Status: kies een status." in page and "Dit veld is vereist." not in page
    response = client.post(
        "/leren/dossier/nieuw/",
        {"region": world.region.pk, "theme": "on_call", "kind": "practice", "status": "proposal"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Titel: geef het item een korte titel." in page
    assert "Tekst: schrijf de vraag, praktijk of het voorstel op." in page
    response = client.post(
        "/leren/dossier/nieuw/",
        {
            "region": world.region.pk,
            "theme": "on_call",
            "kind": "practice",
            "status": "proposal",
            "title": "Onaangekondigde oproep",
            "text": "Met een taak van een uur.",
        },
    )
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/leren/dossier/{entry.pk}/"
    # A viewer may not write: 403.
    assert _client(world.viewer).get("/leren/dossier/nieuw/").status_code == 403


def test_new_entry_prefilled_from_session_and_finding(qm: User, world: World) -> None:
    session = WorkSession.objects.create(
        title="Werksessie 2015", held_on=timezone.localdate(), host_region=world.region
    )
    WorkSession.objects.create(
        title="Werksessie elders", held_on=timezone.localdate(), host_region=world.other_region
    )
    evaluation = Evaluation.objects.create(
        region=world.region,
        incident=start_incident(world),
        title="Evaluatie gasstoring",
        methods=["debrief"],
    )
    finding = Finding.objects.create(
        evaluation=evaluation, process="communication", kind="improve", text="Bericht te laat."
    )
    client = _client(qm)
    page = client.get("/leren/dossier/nieuw/", {"werksessie": session.pk}).content.decode()
    assert "Werksessie 2015" in page and f'value="{session.pk}" selected' in page
    assert "Werksessie elders" not in page  # only sessions of the writer's regions
    page = client.get("/leren/dossier/nieuw/", {"bevinding": finding.pk}).content.decode()
    assert "Bericht te laat." in page
    response = client.post(
        f"/leren/dossier/nieuw/?bevinding={finding.pk}",
        {
            "region": world.region.pk,
            "theme": "communication",
            "kind": "proposal",
            "status": "proposal",
            "title": "Eerste bericht binnen 30 minuten",
            "text": "Bericht te laat.",
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert list(entry.findings.all()) == [finding]
    # Another region's monitor may not start from this finding.
    other = _client(monitor(world.other_region, username="utrecht"))
    assert other.get("/leren/dossier/nieuw/", {"bevinding": finding.pk}).status_code == 404
    assert client.get("/leren/dossier/nieuw/", {"bevinding": "x"}).status_code == 400


def test_entry_page_versions_comments_and_links(qm: User, world: World) -> None:
    entry = _entry(qm, world, "Zacht piket", "Van hard naar zacht.")
    utrecht = monitor(world.other_region, username="utrecht")
    client = _client(utrecht)
    response = client.post(
        f"/leren/dossier/{entry.pk}/nieuwe-versie/",
        {
            "region": world.other_region.pk,
            "title": "Zacht piket",
            "text": "Van hard naar zacht, met een uurtaak.",
            "status": "tried",
            "note": "Uurtaak",
        },
    )
    assert response.status_code == 302
    response = client.post(f"/leren/dossier/{entry.pk}/reactie/", {"text": ""})
    assert response.status_code == 400
    assert "Reactie: schrijf uw reactie." in response.content.decode()
    client.post(f"/leren/dossier/{entry.pk}/reactie/", {"text": "Werkt bij ons ook."})
    page = _client(world.viewer).get(f"/leren/dossier/{entry.pk}/").content.decode()
    assert "Werkt bij ons ook." in page and "Uurtaak" in page and "Kim Kwaliteit, Utrecht" in page
    assert "Verfijnen: schrijf" not in page  # a viewer comments but does not write versions
    evaluation = Evaluation.objects.create(
        region=world.region, incident=start_incident(world), title="Evaluatie X", methods=[]
    )
    mine = _client(qm)
    assert (
        mine.post(f"/leren/dossier/{entry.pk}/koppelen/", {"evaluation": evaluation.pk}).status_code
        == 302
    )
    assert "Evaluatie X" in mine.get(f"/leren/dossier/{entry.pk}/").content.decode()
    # Utrecht cannot link Kennemerland's evaluation, and sees it only as counted.
    refused = client.post(f"/leren/dossier/{entry.pk}/koppelen/", {"evaluation": evaluation.pk})
    assert refused.status_code == 400
    page = client.get(f"/leren/dossier/{entry.pk}/").content.decode()
    assert "Evaluatie X" not in page and "Ook gekoppeld: 1" in page
    # Every member of any region reads it; an account without any membership does not.
    assert _client(world.outsider).get(f"/leren/dossier/{entry.pk}/").status_code == 200
    nobody = User.objects.create_user(username="nobody", password="x" * 20)
    assert _client(nobody).get(f"/leren/dossier/{entry.pk}/").status_code == 404


def test_any_member_comments_under_their_membership(qm: User, world: World) -> None:
    entry = _entry(qm, world, "Zacht piket", "Van hard naar zacht.")
    url = f"/leren/dossier/{entry.pk}/reactie/"
    # A viewer of one region: no choice, the page says under what, and why no new version.
    viewer = _client(world.viewer)
    page = viewer.get(f"/leren/dossier/{entry.pk}/").content.decode()
    assert "Reactie plaatsen" in page and 'name="region"' not in page
    assert 'id="comment-as"' in page and "Kennemerland." in page
    assert 'id="why-no-version"' in page
    # A forged region is ignored: the only membership counts.
    answer = viewer.post(url, {"region": world.other_region.pk, "text": "Bij ons ook."})
    assert answer.status_code == 302
    # A national member comments as "landelijk", not for a region.
    national = monitor(None, username="landelijk")
    national.first_name, national.last_name = "Bram", "de Wit"
    national.save()
    assert _client(national).post(url, {"text": "Landelijk beeld."}).status_code == 302
    # With several memberships, the region is asked and must be one of them.
    both = User.objects.create_user(username="both", password="x" * 20)
    Membership.objects.create(user=both, role=Role.VIEWER, region=world.region)
    Membership.objects.create(user=both, role=Role.VIEWER, region=world.other_region)
    client = _client(both)
    assert 'name="region"' in client.get(f"/leren/dossier/{entry.pk}/").content.decode()
    refused = client.post(url, {"region": "landelijk", "text": "x"})
    assert refused.status_code == 400
    assert "Regio: kies een regio waarvan u lid bent." in refused.content.decode()
    assert (
        client.post(url, {"region": world.other_region.pk, "text": "Utrecht."}).status_code == 302
    )
    got = [(c.text, c.region_id) for c in entry.comments.order_by("pk")]
    assert got == [
        ("Bij ons ook.", world.region.pk),
        ("Landelijk beeld.", None),
        ("Utrecht.", world.other_region.pk),
    ]
    page = viewer.get(f"/leren/dossier/{entry.pk}/").content.decode()
    assert "Bram de Wit, landelijk" in page


def test_entry_text_and_comments_keep_their_line_breaks(qm: User, world: World) -> None:
    entry = _entry(qm, world, "Zacht piket", "Eerste regel.\nTweede regel.\n\nNieuwe alinea.")
    services.entry_comment(actor=qm, entry=entry, region=world.region, text="Ja.\nEn nee.")
    page = _client(qm).get(f"/leren/dossier/{entry.pk}/").content.decode()
    assert "<p>Eerste regel.<br>Tweede regel.</p>\n\n<p>Nieuwe alinea.</p>" in page
    assert "<p>Ja.<br>En nee.</p>" in page
    assert "style=" not in page.split("<main", 1)[-1]


def test_new_version_form_offers_only_the_regions_work_sessions(qm: User, world: World) -> None:
    entry = _entry(qm, world, "Zacht piket", "Van hard naar zacht.")
    day = timezone.localdate()
    utrecht = monitor(world.other_region, username="utrecht")
    theirs = WorkSession.objects.create(title="Sessie Utrecht", held_on=day)
    theirs.regions.set([world.other_region])
    hosted = WorkSession.objects.create(
        title="Sessie Kennemerland", held_on=day, host_region=world.region
    )
    client = _client(utrecht)
    url = f"/leren/dossier/{entry.pk}/nieuwe-versie/"
    page = client.get(url).content.decode()
    select = page.split('name="work_session"', 1)[1].split("</select>", 1)[0]
    assert "Sessie Utrecht" in select and "Sessie Kennemerland" not in select
    assert '<option value="" selected>— geen —</option>' in select
    fields = {
        "region": world.other_region.pk,
        "title": "Zacht piket",
        "text": "Van hard naar zacht, ook in Utrecht.",
        "status": "tried",
        "note": "Utrecht doet mee",
    }
    refused = client.post(url, {**fields, "work_session": hosted.pk})
    assert refused.status_code == 400
    assert (
        "Werksessie: kies een werksessie die uw regio organiseert of waaraan zij deelneemt."
        in refused.content.decode()
    )
    no_note = client.post(url, {**fields, "note": " ", "work_session": theirs.pk})
    assert no_note.status_code == 400
    assert (
        "Wat is er veranderd: zeg in een paar woorden wat deze versie verandert."
        in no_note.content.decode()
    )
    assert Entry.objects.get(pk=entry.pk).version == 1
    saved = client.post(url, {**fields, "work_session": theirs.pk})
    assert saved.status_code == 302
    assert entry.versions.get(number=2).work_session == theirs
    page = client.get(f"/leren/dossier/{entry.pk}/").content.decode()
    versions = page.split('id="versions-table"', 1)[1]
    assert f'href="/leren/werksessies/{theirs.pk}/">Sessie Utrecht</a>' in versions
