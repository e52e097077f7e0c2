"""The region's alert rules tie teams to GRIP levels: the scaling page pre-ticks them."""

import json
import re

from django.test import Client
from django.urls import reverse

from oranje.alerting.models import AlertRule
from oranje.incidents import selectors
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.models import Function
from oranje.organisation.tests.factories import World


def test_levels_are_tied_to_the_teams_whose_every_function_they_alert(world: World) -> None:
    AlertRule.objects.filter(region=world.region).delete()
    cpg = Function.objects.get(code="CPG")

    def rule(function: Function, level: int | None = None, team: str = "") -> None:
        AlertRule.objects.create(
            region=world.region, function=function, grip_level=level, team=team
        )

    rule(world.ovd, level=1)
    rule(cpg, level=2)
    rule(world.ovd, team="copi")
    rule(world.ovd, team="rot")
    rule(cpg, team="rot")
    tied = selectors.teams_per_level(world.region)
    assert tied[0] == []
    assert tied[1] == ["copi"]
    assert tied[2] == ["copi", "rot"]  # and every level above
    assert tied[5] == ["copi", "rot"]


def test_the_level_field_carries_the_ties_for_the_script(world: World) -> None:
    incident = start_incident(world)
    scale(world, incident, level=1, teams=("copi",))
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("incidents:incident_scale", args=[incident.pk])).content.decode()
    assert "oranje/scaling.js" in page and "<script>" not in page
    attribute = page.split('data-level-teams="', 1)[1].split('"', 1)[0]
    ties = json.loads(attribute.replace("&quot;", '"'))
    assert ties["1"] == selectors.teams_per_level(world.region)[1]
    assert 'data-current-level="1"' in page
    # The form starts from the teams active now: unticking one is scaling down.
    assert re.search(r'value="copi"[^>]*checked', page)
    assert not re.search(r'value="rot"[^>]*checked', page)
