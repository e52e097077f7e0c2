"""The 30-minute norm in the incident header counts down in the browser: the server gives the
running milestone its deadline and its words before and after it (incidents/norms.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.communication.models import Message
from oranje.incidents.models import Incident
from oranje.incidents.norms import header_badges
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _first_message_badge(incident: Incident):  # type: ignore[no-untyped-def]
    return next(b for b in header_badges(incident) if "publieksbericht" in b.text)


def test_a_running_norm_carries_its_deadline_and_its_words_for_the_countdown(
    world: World,
) -> None:
    incident = start_incident(world)  # started 10 minutes ago
    badge = _first_message_badge(incident)
    assert badge.deadline == incident.started_at + dt.timedelta(minutes=30)
    assert badge.text == "eerste publieksbericht: nog 20 min tot de norm"
    assert badge.left == "eerste publieksbericht: nog {t} tot de norm"
    assert badge.over == "eerste publieksbericht: norm van 30 min overschreden met {t}"
    assert badge.tone == "hard"


def test_an_exceeded_norm_still_counts_on(world: World) -> None:
    incident = start_incident(world)
    Incident.objects.filter(pk=incident.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=45)
    )
    incident.refresh_from_db()
    badge = _first_message_badge(incident)
    assert badge.text == "eerste publieksbericht: norm van 30 min overschreden met 15 min"
    assert badge.tone == "bad" and badge.deadline is not None


def test_a_met_norm_says_how_long_it_took_and_that_it_was_met(world: World) -> None:
    incident = start_incident(world)
    at = incident.started_at + dt.timedelta(minutes=22)
    Message.objects.create(
        incident=incident,
        kind="public",
        title="Gaslek",
        text="Er is een gaslek.",
        status="published",
        approved_at=at,
        published_at=at,
    )
    badge = next(b for b in header_badges(incident) if "ublieksbericht" in b.text)
    assert badge.text == "Eerste publieksbericht na 22 min (norm 30 min): gehaald"
    assert badge.deadline is None and badge.tone == "ok"


def test_a_late_first_message_is_marked_missed_in_words(world: World) -> None:
    incident = start_incident(world)
    Incident.objects.filter(pk=incident.pk).update(
        started_at=timezone.now() - dt.timedelta(hours=1)
    )
    incident.refresh_from_db()
    at = incident.started_at + dt.timedelta(minutes=41)
    Message.objects.create(
        incident=incident,
        kind="warning",
        title="Ramen dicht",
        text="Rook.",
        instruction="Ramen dicht.",
        status="published",
        approved_at=at,
        published_at=at,
    )
    badge = next(b for b in header_badges(incident) if "ublieksbericht" in b.text)
    assert badge.text == "Eerste publieksbericht na 41 min (norm 30 min): niet gehaald"
    assert badge.tone == "bad"


def test_the_header_renders_the_countdown_with_a_quiet_live_region(world: World) -> None:
    incident = start_incident(world)
    client = Client()
    client.force_login(world.viewer)
    html = client.get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    deadline = int((incident.started_at + dt.timedelta(minutes=30)).timestamp())
    assert f'data-deadline="{deadline}"' in html
    assert 'data-left="eerste publieksbericht: nog {t} tot de norm"' in html
    assert 'data-fmt-hm="%(hours)s u %(minutes)s min"' in html
    assert 'aria-live="polite"' in html
    assert "incidents/countdown.js" in html
