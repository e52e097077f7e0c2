"""A region's own group for a function (issue 17, part "people")."""

import pytest
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.organisation import services
from oranje.organisation.constants import FunctionGroup
from oranje.organisation.groups import effective_group, effective_groups
from oranje.organisation.models import RegionFunction

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_without_override_the_national_group_holds(world):
    assert effective_group(world.region, world.cpg) == world.cpg.group


def test_an_override_holds_in_its_region_only(world):
    other = next(g for g in FunctionGroup.values if g != world.cpg.group)
    services.region_function_update(
        actor=world.coordinator,
        region=world.region,
        function=world.cpg,
        local_name="",
        coverage_unit="municipality",
        min_hard_on_call=0,
        group_override=other,
    )
    assert effective_group(world.region, world.cpg) == other
    assert effective_groups(world.region)[world.cpg.pk] == other
    assert effective_group(world.other_region, world.cpg) == world.cpg.group
    entry = AuditEntry.objects.filter(action="region_function.update").latest("pk")
    assert entry.changes["group_override"] == ["", other]


def test_choosing_the_national_group_stores_no_override(world):
    services.region_function_update(
        actor=world.coordinator,
        region=world.region,
        function=world.cpg,
        local_name="",
        coverage_unit="municipality",
        min_hard_on_call=0,
        group_override=world.cpg.group,
    )
    setting = RegionFunction.objects.get(region=world.region, function=world.cpg)
    assert setting.group_override == ""


def test_the_settings_page_regroups_and_the_pages_show_it(world):
    other = next(g for g in FunctionGroup.values if g != world.cpg.group)
    client = client_for(world.coordinator)
    response = client.post(
        reverse("organisation:function_edit", args=["CPG"]),
        {
            "local_name": "",
            "group_override": other,
            "coverage_unit": "municipality",
            "min_hard_on_call": 0,
            "min_qualified": 0,
        },
    )
    assert response.status_code == 302
    label = str(FunctionGroup(other).label)
    functions = client.get(reverse("organisation:functions")).content.decode()
    assert label.capitalize() in functions
    pools = client.get(reverse("organisation:pools") + f"?groep={other}")
    assert [p.name for p in pools.context["pools"]] == ["CPG Haarlem"]
    national = client.get(reverse("organisation:pools") + f"?groep={world.cpg.group}")
    assert "CPG Haarlem" not in [p.name for p in national.context["pools"]]


def test_an_unknown_group_is_refused_by_the_form(world):
    response = client_for(world.coordinator).post(
        reverse("organisation:function_edit", args=["CPG"]),
        {
            "group_override": "nonsense",
            "coverage_unit": "municipality",
            "min_hard_on_call": 0,
            "min_qualified": 0,
        },
    )
    assert response.status_code == 200
    assert not RegionFunction.objects.filter(group_override="nonsense").exists()


def test_the_functions_api_gives_a_regions_group_when_asked(world):
    other = next(g for g in FunctionGroup.values if g != world.cpg.group)
    RegionFunction.objects.update_or_create(
        region=world.region, function=world.cpg, defaults={"group_override": other}
    )
    client = client_for(world.coordinator)

    def cpg(url: str) -> dict:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        return body if isinstance(body, dict) else next(f for f in body if f["code"] == "CPG")

    national = cpg("/api/v1/functions/")
    assert (national["group"], national["national_group"], national["group_is_regional"]) == (
        world.cpg.group,
        world.cpg.group,
        False,
    )
    for url in ("/api/v1/functions/?region=VR12", "/api/v1/functions/CPG/?region=vr12"):
        regional = cpg(url)
        assert (regional["group"], regional["national_group"]) == (other, world.cpg.group)
        assert regional["group_is_regional"] is True
    ovd = next(
        f for f in client.get("/api/v1/functions/?region=VR12").json() if f["code"] == "OVD-BZ"
    )
    assert ovd["group"] == world.ovd.group and ovd["group_is_regional"] is False
    # Another region's group is its own; a region the user may not see is 404.
    assert client_for(world.outsider).get("/api/v1/functions/CPG/?region=VR09").json()["group"] == (
        world.cpg.group
    )
    assert client.get("/api/v1/functions/?region=VR09").status_code == 404
    assert client.get("/api/v1/functions/?region=XX99").status_code == 404
