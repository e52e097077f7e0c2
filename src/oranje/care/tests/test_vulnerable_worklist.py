"""The incident's worklist of people with reduced self-reliance: made from the residents in
the affected area, made again without losing anything, each step with who and when, and the
counts in the situation report."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from oranje.care.constants import CaseState
from oranje.care.hooks import vulnerable_figures
from oranje.care.models import Case, CaseEntry, Resident, Supplier
from oranje.care.services import vulnerable as services
from oranje.care.tests.factories import location, open_shelter, start_incident
from oranje.care.tests.vulnerable_factories import INSIDE, OUTSIDE, build_vulnerable, deliver, row
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.incidents.hooks import registry as incident_hooks
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

EDGE = (52.47, 4.63)  # on the area's southern edge


def _list(vw: object) -> None:
    deliver(
        vw,  # type: ignore[arg-type]
        [
            row("C1", "Truus de Wit", INSIDE),
            row("C2", "Henk Bos", OUTSIDE),
            row("C3", "Els Kok", EDGE, need="dementie"),
            row("C4", "Piet Zonder Plek", None),
        ],
    )


def test_the_worklist_holds_who_lives_in_the_area(world: World) -> None:
    vw = build_vulnerable(world)
    _list(vw)
    # A resident of another region's list at the same spot is not on Kennemerland's worklist.
    utrecht = Supplier.objects.create(region=world.other_region, name="Zorg Utrecht")
    Resident.objects.create(
        supplier=utrecht, name="Elders", latitude=INSIDE[0], longitude=INSIDE[1]
    )
    result = services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)
    assert (result.added, result.total) == (2, 2)
    cases = {c.name: c for c in Case.objects.filter(incident=vw.cw.incident)}
    assert set(cases) == {"Truus de Wit", "Els Kok"}
    els = cases["Els Kok"]
    assert els.address == "Wijkerstraatweg 12, 1951AB Velsen-Noord"
    assert els.needs == "dementie"
    assert els.phone == "+31612345678"
    assert els.state == CaseState.TO_CONTACT


def test_making_the_worklist_again_adds_newcomers_and_keeps_every_case(world: World) -> None:
    vw = build_vulnerable(world)
    _list(vw)
    incident = vw.cw.incident
    services.worklist_refresh(incident=incident, actor=vw.coordinator)
    truus = Case.objects.get(name="Truus de Wit")
    services.case_update(case=truus, actor=vw.registry, state=CaseState.CONTACTED, note="Bel terug")
    again = services.worklist_refresh(incident=incident, actor=vw.coordinator)
    assert (again.added, again.total) == (0, 2)
    # A new delivery: Els leaves the list, Kees moves into the area.
    deliver(vw, [row("C1", "Truus de Wit", INSIDE), row("C5", "Kees Nieuw", INSIDE)])
    third = services.worklist_refresh(incident=incident, actor=vw.coordinator)
    assert (third.added, third.total) == (1, 3)
    truus.refresh_from_db()
    assert truus.state == CaseState.CONTACTED and truus.resident is not None
    els = Case.objects.get(name="Els Kok")
    assert els.resident is None and els.address
    assert Case.objects.filter(incident=incident, name="Truus de Wit").count() == 1


def test_an_incident_without_an_area_says_so(world: World) -> None:
    vw = build_vulnerable(world, area=None)
    _list(vw)
    with pytest.raises(ValidationError) as caught:
        services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)
    assert "geen getroffen gebied" in caught.value.messages[0]
    assert not Case.objects.exists()


def test_each_step_says_who_when_and_what_and_evacuation_names_a_shelter(world: World) -> None:
    vw = build_vulnerable(world)
    _list(vw)
    incident = vw.cw.incident
    services.worklist_refresh(incident=incident, actor=vw.coordinator)
    case = Case.objects.get(name="Truus de Wit")
    shelter = open_shelter(incident, location(world.velsen, "Sporthal Velsen"))
    other_incident = start_incident(world, title="Ander incident")
    elsewhere = open_shelter(other_incident, location(world.haarlem, "Sporthal Haarlem"))
    services.case_update(
        case=case, actor=vw.coordinator, state=CaseState.CONTACTED, note="Aan de deur"
    )
    with pytest.raises(ValidationError) as caught:
        services.case_update(case=case, actor=vw.coordinator, state=CaseState.EVACUATED)
    assert caught.value.message_dict["shelter"] == [
        "opvanglocatie: zeg naar welke opvanglocatie de bewoner is gegaan."
    ]
    with pytest.raises(ValidationError) as caught:
        services.case_update(
            case=case, actor=vw.coordinator, state=CaseState.EVACUATED, shelter=elsewhere
        )
    assert "shelter" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.case_update(case=case, actor=vw.coordinator, state=CaseState.FINE, shelter=shelter)
    with pytest.raises(ValidationError):
        services.case_update(case=case, actor=vw.coordinator, state="gone")
    services.case_update(case=case, actor=vw.registry, state=CaseState.EVACUATED, shelter=shelter)
    case.refresh_from_db()
    assert (case.state, case.shelter, case.updated_by) == (
        CaseState.EVACUATED,
        shelter,
        vw.registry,
    )
    steps = list(CaseEntry.objects.filter(case=case).values_list("state", "by_name", "note"))
    assert steps == [
        (CaseState.CONTACTED, "care_coord", "Aan de deur"),
        (CaseState.EVACUATED, "reg_vera", ""),
    ]
    audit = AuditEntry.objects.filter(action=AuditAction.CASE_UPDATE, object_type="case")
    assert audit.count() == 2
    assert all("Truus" not in str(e.changes) + e.object_repr for e in audit)


def test_a_closed_incident_keeps_its_worklist_as_it_was(world: World) -> None:
    vw = build_vulnerable(world)
    _list(vw)
    services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)
    vw.cw.incident.closed_at = timezone.now()
    vw.cw.incident.save(update_fields=["closed_at"])
    case = Case.objects.select_related("incident").first()
    assert case is not None
    with pytest.raises(ValidationError):
        services.case_update(case=case, actor=vw.coordinator, state=CaseState.FINE)
    with pytest.raises(ValidationError):
        services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)


def test_only_the_care_coordinator_and_the_registry_roles_work_the_list(world: World) -> None:
    vw = build_vulnerable(world)
    _list(vw)
    for user in (vw.cw.desk, world.coordinator, vw.cw.outsider):
        with pytest.raises(Http404):
            services.worklist_refresh(incident=vw.cw.incident, actor=user)
    services.worklist_refresh(incident=vw.cw.incident, actor=vw.registry)
    case = Case.objects.first()
    assert case is not None
    with pytest.raises(Http404):
        services.case_update(case=case, actor=vw.cw.desk, state=CaseState.FINE)


def test_the_situation_report_counts_the_worklist_without_names(world: World) -> None:
    vw = build_vulnerable(world)
    incident = vw.cw.incident
    assert vulnerable_figures(incident) == []
    shelter = open_shelter(incident, location(world.velsen, "Sporthal Velsen"))
    rows = [row(f"C{i}", f"Bewoner {i}", INSIDE, number=str(i + 1)) for i in range(18)]
    deliver(vw, rows)
    services.worklist_refresh(incident=incident, actor=vw.coordinator)
    cases = list(Case.objects.filter(incident=incident).order_by("pk"))
    plan = [CaseState.CONTACTED] * 4 + [CaseState.FINE] * 3 + [CaseState.NEEDS_HELP] * 2
    for case, state in zip(cases, plan, strict=False):
        services.case_update(case=case, actor=vw.coordinator, state=state)
    for case in cases[9:12]:
        services.case_update(
            case=case, actor=vw.coordinator, state=CaseState.EVACUATED, shelter=shelter
        )
    [figure] = vulnerable_figures(incident)
    assert figure.label == "verminderd zelfredzamen in het gebied"
    assert figure.value == ("18 (benaderd 7, hulp nodig 2, geëvacueerd 3, nog te benaderen 6)")
    assert vulnerable_figures in incident_hooks.figures
