"""The patterns pages and API: recurring patterns and those seen once apart, the filters, a
pattern's findings with region, incident or exercise and year, the evaluation linked only
where the user may open it, "Group again", and who may look at all; a pattern its norm links
across processes names each and is found under each."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.core.models import User
from oranje.learning.models import Pattern
from oranje.learning.services.patterns import patterns_compute
from oranje.learning.tests.patterns_world import (
    Recurring,
    evaluation,
    finding,
    monitor,
    recurring,
)
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import norm_sets

pytestmark = pytest.mark.django_db

LIST = "/leren/patronen/"
API = "/api/v1/learning/patterns/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def found(world: World) -> Recurring:
    r = recurring(world)
    patterns_compute()
    return r


def test_the_list_shows_recurring_patterns_and_those_seen_once_apart(
    world: World, found: Recurring
) -> None:
    page = _client(monitor(world.region, "kim")).get(LIST).content.decode()
    recurring_part, once_part = page.split("Eenmalig gezien (2)")
    assert "Terugkerend (1)" in recurring_part
    assert "Het eerste publieksbericht kwam pas na vijftig minuten" in recurring_part
    assert "De woordvoerder was snel ter plaatse" in once_part
    assert "eenmalig gezien" in once_part


def test_the_filters_narrow_the_list_and_a_bad_value_is_named(
    world: World, found: Recurring
) -> None:
    client = _client(monitor(world.region, "kim"))
    well = client.get(LIST, {"soort": "well"}).content.decode()
    assert "De woordvoerder" in well and "publieksbericht kwam" not in well
    twice = client.get(LIST, {"minimaal": "3"}).content.decode()
    assert "publieksbericht kwam" in twice and "De woordvoerder" not in twice
    bad = client.get(LIST, {"minimaal": "nul", "proces": "x"})
    assert bad.status_code == 400
    assert "Voer een geheel getal in." in bad.content.decode()


def test_a_pattern_names_where_it_was_found_and_links_only_readable_evaluations(
    world: World, found: Recurring
) -> None:
    late = Pattern.objects.get(findings=found.late[0])
    page = _client(monitor(world.region, "kim")).get(f"{LIST}{late.pk}/").content.decode()
    assert "Gezien bij 3 incidenten in 2 regio" in page
    assert "Kennemerland" in page and "Utrecht" in page
    assert "OEFENING" in page and "Brand Haarlem" in page
    assert "Stroomstoring Utrecht" in page and "niet voor u open" in page
    api = _client(world.outsider).get(f"{API}{late.pk}/").json()
    by_region = {f["occasion"]: f["evaluation"] for f in api["findings"]}
    assert by_region["Stroomstoring Utrecht"] == found.there.pk
    assert by_region["Gasstoring Velsen-Noord"] is None


def test_a_pattern_of_one_says_seen_once(world: World, found: Recurring) -> None:
    once = Pattern.objects.get(findings=found.once[0])
    page = _client(world.coordinator).get(f"{LIST}{once.pk}/").content.decode()
    assert "Eenmalig gezien" in page


def test_group_again_regroups_and_says_so(world: World, found: Recurring) -> None:
    Pattern.objects.all().delete()
    response = _client(world.coordinator).post(f"{LIST}opnieuw/", follow=True)
    assert "Bevindingen opnieuw gegroepeerd: 3 patronen." in response.content.decode()
    assert Pattern.objects.count() == 3


def test_who_does_not_evaluate_gets_403(world: World, found: Recurring) -> None:
    client = _client(world.viewer)
    assert client.get(LIST).status_code == 403
    assert client.get(API).status_code == 403
    assert client.post(f"{LIST}opnieuw/").status_code == 403


def test_the_api_lists_with_filters_and_names_a_bad_field(world: World, found: Recurring) -> None:
    client = _client(world.coordinator)
    rows = client.get(API, {"seen_once": "false"}).json()["results"]
    assert [r["finding_count"] for r in rows] == [3]
    assert rows[0]["reach"] == "Gezien bij 3 incidenten in 2 regio's"
    bad = client.get(API, {"process": "weer", "min_incidents": "-1"})
    assert bad.status_code == 400 and {"process", "min_incidents"} <= set(bad.json())
    assert client.get(f"{API}999999/").status_code == 404


def test_a_pattern_linked_by_its_norm_across_processes_names_both(world: World) -> None:
    norm = norm_sets(world).national
    a = finding(
        evaluation(world.region, "Gasstoring Velsen-Noord"),
        "De CPG kwam niet binnen het uur op de oproep af.",
        process="organisation",
        norm=norm,
    )
    b = finding(
        evaluation(world.other_region, "Stroomstoring Utrecht"),
        "Oproep van de CPG: pas na twee uur ter plaatse.",
        process="readiness",
        norm=norm,
    )
    patterns_compute()
    pattern = Pattern.objects.get(findings=a)
    assert set(pattern.findings.all()) == {a, b}
    assert (pattern.process, pattern.norm_code, pattern.incident_count) == (
        "organisation",
        "ORG-CPG",
        2,
    )
    client = _client(monitor(world.region, "kim"))
    page = client.get(f"{LIST}{pattern.pk}/").content.decode()
    facts = page.split('class="facts"', 1)[1].split("</dl>", 1)[0]
    assert "Organisatie en piket" in facts and "Vakbekwaamheid en oefenen" in facts
    assert "verbonden door dezelfde norm" in facts
    # The filter by either process finds it.
    for process in ("organisation", "readiness"):
        listing = client.get(LIST, {"proces": process}).content.decode()
        assert f'href="{LIST}{pattern.pk}/"' in listing, process
    assert (
        f'href="{LIST}{pattern.pk}/"'
        not in client.get(LIST, {"proces": "shelter"}).content.decode()
    )
