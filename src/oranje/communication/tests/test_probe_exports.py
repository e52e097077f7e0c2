"""Probe: what a user typed, odd characters included, in the press release, the CAP file,
the NL-Alert and social-media texts and the SVG chart: always an answer, never a 500, and the
XML always well-formed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from oranje.communication.models import Message, Signal
from oranje.communication.tests.messages_helpers import AREA, adviser
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

# No NUL: forms and the API refuse it (Django's ProhibitNullCharactersValidator) and
# PostgreSQL cannot store it, so no row holds one.
ODD = "Kop \x01\x0b\x1b[31m \ufffe\uffff 🔥 \u202e <svg onload=alert(1)> & ]]> \x81"


def _client(world: World) -> Client:
    client = Client()
    client.force_login(adviser(world.region, "anna"))
    return client


def test_odd_characters_and_long_words_in_every_export(world: World) -> None:
    incident = start_incident(world, title=ODD[:100])
    now = timezone.now()
    odd = ODD
    message = Message.objects.create(
        incident=incident,
        kind="warning",
        title=odd,
        text=("W" * 5000 + " ") * 3 + odd,
        instruction=odd,
        social_text=odd,
        cap_event=odd[:50],
        area=AREA,
        status="approved",
        approved_at=now,
        cap_sent=now,
    )
    client = _client(world)
    base = f"/incidenten/{incident.pk}/communicatie/berichten/{message.pk}/"
    pdf = client.get(base + "persbericht.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    cap = client.get(base + "cap.xml")
    assert cap.status_code == 200
    etree.fromstring(cap.content)
    for suffix in ("nl-alert/", "sociale-media/", ""):
        page = client.get(base + suffix)
        assert page.status_code == 200, suffix
        assert b"<svg onload" not in page.content


def test_odd_signal_topics_keep_the_svg_chart_well_formed(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "bert")
    for topic in ("Water \x01\x0b giftig?", "<script>x</script>", "a\"b'c&d", "\ufffe"):
        Signal.objects.create(
            incident=incident,
            at=incident.started_at,
            text="Is het water veilig?",
            topic=topic,
            source="phone",
            created_by=anna,
        )
    client = _client(world)
    base = f"/incidenten/{incident.pk}/communicatie/signalen/"
    for per in ("topic", "goal"):
        svg = client.get(base + f"grafiek.svg?per={per}")
        assert svg.status_code == 200
        etree.fromstring(svg.content)
    page = client.get(base + "grafieken/")
    assert page.status_code == 200
    assert b"<script>x</script>" not in page.content


def test_a_warning_of_nothing_but_control_characters_still_makes_a_valid_cap(
    world: World,
) -> None:
    from oranje.communication.services.cap import cap_alert, validate_cap

    incident = start_incident(world)
    now = timezone.now()
    message = Message.objects.create(
        incident=incident,
        kind="warning",
        title="\x01",
        text="\x02\x0b",
        instruction="\x03",
        cap_event="\x04",
        area_desc="\x05",
        audience="\x06",
        area=AREA,
        status="approved",
        approved_at=now,
        cap_sent=now,
    )
    document = cap_alert(message, web="https://example.org/\x07")
    assert validate_cap(document) == []


def test_a_non_character_typed_into_a_topic_through_the_api_keeps_the_svg_well_formed(
    world: World,
) -> None:
    """The signal services take control characters out of a topic, not U+FFFE/U+FFFF, which
    XML cannot carry either."""
    from rest_framework.test import APIClient

    incident = start_incident(world)
    api = APIClient()
    api.force_login(world.coordinator)
    answer = api.post(
        f"/api/v1/incidents/{incident.pk}/signals/",
        {
            "at": incident.started_at.isoformat(),
            "text": "Vraag",
            "topic": "water\ufffe",
            "source": "phone",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    svg = _client(world).get(f"/incidenten/{incident.pk}/communicatie/signalen/grafiek.svg")
    assert svg.status_code == 200
    etree.fromstring(svg.content)
