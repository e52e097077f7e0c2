"""Norm sets: drafts copied from the adopted set, norms saved only in a draft, a regional norm
never weaker than the national one (messages naming the field and both numbers), in-growth
paths, adopting (history kept, refused while weaker than the current national set) and what
changed nationally for a region."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.quality import selectors
from oranje.quality import selectors_norms as sn
from oranje.quality.constants import SetStatus
from oranje.quality.models import GrowthStep, Norm
from oranje.quality.services import norms as service
from oranje.quality.services.norms import StepInput
from oranje.quality.tests.norms_helpers import (
    adopt_national_v2,
    monitor,
    national_norm,
    norm_input,
)

pytestmark = pytest.mark.django_db


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " | ".join(exc.value.messages)


def test_a_regional_draft_starts_empty_based_on_the_national_set(world: World) -> None:
    user = monitor(world.region)
    draft, created = service.norm_set_draft_create(actor=user, region=world.region)
    assert created and draft.status == SetStatus.DRAFT and draft.version == 1
    assert draft.based_on == selectors.current_set(None)
    assert draft.title == "Normen Kennemerland" or "Kennemerland" in draft.title
    again, created = service.norm_set_draft_create(actor=user, region=world.region)
    assert again == draft and not created
    assert AuditEntry.objects.filter(action="norm_set.save", object_id=str(draft.pk)).count() == 1


def test_a_national_draft_copies_every_norm_and_step_and_only_national_staff_make_it(
    world: World,
) -> None:
    with pytest.raises(PermissionDenied):
        service.norm_set_draft_create(actor=monitor(world.region), region=None)
    with pytest.raises(PermissionDenied):
        service.norm_set_draft_create(actor=world.coordinator, region=world.other_region)
    current = selectors.current_set(None)
    assert current is not None
    draft, _created = service.norm_set_draft_create(actor=world.admin, region=None)
    assert draft.version == current.version + 1 and draft.based_on == current
    assert (
        Norm.objects.filter(norm_set=draft).count() == Norm.objects.filter(norm_set=current).count()
    )
    assert (
        GrowthStep.objects.filter(norm__norm_set=draft).count()
        == GrowthStep.objects.filter(norm__norm_set=current).count()
    )


def test_a_regional_norm_weaker_than_the_national_one_is_refused_naming_both_numbers(
    world: World,
) -> None:
    user = monitor(world.region)
    draft, _created = service.norm_set_draft_create(actor=user, region=world.region)
    cpg = national_norm("ORG-CPG")  # 95 / 5
    with pytest.raises(ValidationError) as exc:
        service.norm_save(
            actor=user,
            norm_set=draft,
            data=norm_input(
                cpg, national_norm_id=cpg.pk, waterlijn=Decimal(90), bandbreedte=Decimal(10)
            ),
        )
    errors = exc.value.message_dict
    assert "90%" in errors["waterlijn"][0] and "95%" in errors["waterlijn"][0]
    assert errors["waterlijn"][0].startswith("waterlijn: ")
    assert "nooit soepeler" in errors["waterlijn"][0]
    assert "10" in errors["bandbreedte"][0] and "(5)" in errors["bandbreedte"][0]
    stricter = service.norm_save(
        actor=user,
        norm_set=draft,
        data=norm_input(cpg, national_norm_id=cpg.pk, waterlijn=Decimal(98), bandbreedte=2),
    )
    assert stricter.national_norm == cpg
    # An own norm may not take a national norm's code.
    with pytest.raises(ValidationError) as exc:
        service.norm_save(
            actor=user, norm_set=draft, data=norm_input(national_norm("OPV-CAP"), code="opv-cap")
        )
    assert "OPV-CAP is een landelijke norm" in _messages(exc)


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"bandbreedte": Decimal(-1)}, "bandbreedte", "bandbreedte: -1 is lager dan nul"),
        ({"bandbreedte": Decimal(101)}, "bandbreedte", "bandbreedte: 101 is meer dan 100"),
        ({"waterlijn": Decimal(120)}, "waterlijn", "waterlijn: 120% ligt buiten 0–100%"),
        ({"waterlijn": Decimal(-5)}, "waterlijn", "waterlijn: -5% ligt buiten 0–100%"),
        ({"waterlijn": Decimal("90.25")}, "waterlijn", "hoogstens één decimaal"),
        ({"waterlijn": Decimal("NaN")}, "waterlijn", "waterlijn: vul een getal in"),
        (
            {"measure": "indicator", "indicator": ""},
            "indicator",
            "indicator: een norm die met een indicator wordt gemeten",
        ),
        ({"question": "  "}, "question", "vraag voor de zelfevaluatie: een norm"),
        ({"code": ""}, "code", "code: vul een code in"),
        (
            {"valid_until": dt.date(2013, 1, 1)},
            "valid_until",
            "geldt tot en met: 1-1-2013 ligt vóór",
        ),
        ({"valid_from": dt.date(1990, 1, 1)}, "valid_from", "geldt vanaf: kies een datum"),
    ],
)
def test_bad_input_gets_a_dutch_message_naming_the_field(
    world: World, changes: dict[str, object], field: str, text: str
) -> None:
    draft, _created = service.norm_set_draft_create(actor=world.admin, region=None)
    with pytest.raises(ValidationError) as exc:
        service.norm_save(actor=world.admin, norm_set=draft, data=norm_input(**changes))
    assert any(text in m for m in exc.value.message_dict[field]), exc.value.message_dict


def test_a_duplicate_code_is_refused(world: World) -> None:
    draft, _created = service.norm_set_draft_create(actor=world.admin, region=None)
    with pytest.raises(ValidationError) as exc:
        service.norm_save(actor=world.admin, norm_set=draft, data=norm_input(code="cc-30"))
    assert exc.value.message_dict["code"] == ["code: CC-30 staat al in deze set."]


def test_only_a_draft_changes(world: World) -> None:
    current = selectors.current_set(None)
    assert current is not None
    norm = Norm.objects.get(norm_set=current, code="CC-30")
    with pytest.raises(ValidationError) as exc:
        service.norm_save(actor=world.admin, norm_set=current, norm=norm, data=norm_input(norm))
    assert "is vastgesteld en kan niet meer veranderen" in _messages(exc)
    with pytest.raises(ValidationError):
        service.norm_delete(actor=world.admin, norm=norm)
    with pytest.raises(ValidationError):
        service.growth_steps_save(actor=world.admin, norm=norm, steps=[])


def test_in_growth_steps_rise_stay_below_the_waterlijn_and_end_with_the_norm(
    world: World,
) -> None:
    draft, _created = service.norm_set_draft_create(actor=world.admin, region=None)
    norm = Norm.objects.get(norm_set=draft, code="VB-OEF")  # waterlijn 80
    norm.valid_until = dt.date(2027, 12, 31)
    norm.save()
    with pytest.raises(ValidationError) as exc:
        service.growth_steps_save(
            actor=world.admin,
            norm=norm,
            steps=[StepInput(dt.date(2028, 1, 1), Decimal(70))],
        )
    assert "geldt tot: de stap tot 1-1-2028 ligt na het einde van de norm (31-12-2027)" in (
        _messages(exc)
    )
    with pytest.raises(ValidationError) as exc:
        service.growth_steps_save(
            actor=world.admin,
            norm=norm,
            steps=[
                StepInput(dt.date(2025, 1, 1), Decimal(70)),
                StepInput(dt.date(2026, 1, 1), Decimal(60)),
            ],
        )
    assert "de stappen moeten stijgen: 70% tot 1-1-2025, daarna 60% tot 1-1-2026" in (
        _messages(exc)
    )
    with pytest.raises(ValidationError) as exc:
        service.growth_steps_save(
            actor=world.admin, norm=norm, steps=[StepInput(dt.date(2025, 1, 1), Decimal(85))]
        )
    assert "moet onder de waterlijn van de norm blijven (80%)" in _messages(exc)
    saved = service.growth_steps_save(
        actor=world.admin,
        norm=norm,
        steps=[
            StepInput(dt.date(2026, 1, 1), Decimal(70)),
            StepInput(dt.date(2025, 1, 1), Decimal("62.5")),
        ],
    )
    assert [s.waterlijn for s in saved] == [Decimal("62.5"), Decimal(70)]
    assert sn.path_words(norm) == "tot 1-1-2025: 62,5%, tot 1-1-2026: 70%, daarna 80%"
    # The norm's waterlijn may not drop below a step, nor its end before one.
    with pytest.raises(ValidationError) as exc:
        service.norm_save(
            actor=world.admin, norm_set=draft, norm=norm, data=norm_input(norm, waterlijn=65)
        )
    assert "pas eerst het ingroeipad aan" in _messages(exc)


def test_adopting_keeps_history_and_a_weaker_regional_set_is_refused_with_the_list(
    world: World,
) -> None:
    user = monitor(world.region)
    v1 = selectors.current_set(None)
    assert v1 is not None
    draft, _created = service.norm_set_draft_create(actor=user, region=world.region)
    cpg = national_norm("ORG-CPG")
    service.norm_save(
        actor=user,
        norm_set=draft,
        data=norm_input(cpg, national_norm_id=cpg.pk, waterlijn=Decimal(96), bandbreedte=5),
    )
    with pytest.raises(ValidationError) as exc:
        service.norm_set_adopt(actor=user, norm_set=draft, body=" ", adopted_on=None)
    assert set(exc.value.message_dict) == {"adopted_by_body", "adopted_on"}
    regional = service.norm_set_adopt(
        actor=user, norm_set=draft, body="Algemeen bestuur", adopted_on=dt.date(2025, 1, 1)
    )
    assert regional.status == SetStatus.ADOPTED and regional.based_on == v1
    assert sn.national_changes(world.region) is None

    v2 = adopt_national_v2(world.admin, cpg_waterlijn=98)
    assert selectors.current_set(None) == v2
    assert sn.versions(None).history == [v1]

    changes = sn.national_changes(world.region)
    assert changes is not None
    assert [n.code for n in changes.diff.added] == ["CC-OGA"]
    assert [n.code for n in changes.diff.removed] == ["OPK-OEF"]
    changed = {c.code: c for c in changes.diff.changed}
    fields = {f.label: (f.old, f.new) for f in changed["ORG-CPG"].changes}
    assert fields["waterlijn"] == ("95%", "98%")
    assert fields["bandbreedte"] == ("5", "2")
    assert fields["ingroeipad"][1] == "—"
    [adapt] = changes.must_adapt
    assert adapt.norm.code == "ORG-CPG"
    assert any("96%" in r and "98%" in r for r in adapt.reasons)
    assert any("5" in r and "(2)" in r for r in adapt.reasons)

    draft2, _created = service.norm_set_draft_create(actor=user, region=world.region)
    assert draft2.version == 2 and draft2.based_on == v2
    with pytest.raises(ValidationError) as exc:
        service.norm_set_adopt(
            actor=user, norm_set=draft2, body="Algemeen bestuur", adopted_on=dt.date(2026, 7, 1)
        )
    assert "ORG-CPG: waterlijn: 96% is lager dan de landelijke norm ORG-CPG (98%)" in (
        _messages(exc)
    )
    mine = Norm.objects.get(norm_set=draft2, code="ORG-CPG")
    assert mine.national_norm is not None and mine.national_norm.norm_set == v2
    service.norm_save(
        actor=user,
        norm_set=draft2,
        norm=mine,
        data=norm_input(mine, waterlijn=Decimal(99), bandbreedte=Decimal(1)),
    )
    with pytest.raises(ValidationError) as exc:
        service.norm_set_adopt(
            actor=user, norm_set=draft2, body="AB", adopted_on=dt.date(2024, 1, 1)
        )
    assert "ligt vóór de vaststelling van versie 1" in _messages(exc)
    service.norm_set_adopt(actor=user, norm_set=draft2, body="AB", adopted_on=dt.date(2026, 7, 1))
    assert sn.national_changes(world.region) is None
    effective = {n.code: n for n in selectors.effective_norms(world.region)}
    assert effective["ORG-CPG"].waterlijn == Decimal(99)
    assert "CC-OGA" in effective and "OPK-OEF" not in effective
    assert AuditEntry.objects.filter(action="norm_set.adopt").count() == 3


def test_a_regional_in_growth_path_is_never_below_the_national_level_of_the_day(
    world: World,
) -> None:
    user = monitor(world.region)
    draft, _created = service.norm_set_draft_create(actor=user, region=world.region)
    cpg = national_norm("ORG-CPG")  # 95, until 1-1-2025 85, until 1-1-2026 90
    mine = service.norm_save(
        actor=user,
        norm_set=draft,
        data=norm_input(cpg, national_norm_id=cpg.pk, waterlijn=Decimal(98), bandbreedte=2),
    )
    with pytest.raises(ValidationError) as exc:
        service.growth_steps_save(
            actor=user, norm=mine, steps=[StepInput(dt.date(2025, 1, 1), Decimal(80))]
        )
    assert exc.value.message_dict["waterlijn"] == [
        "waterlijn: op 1-4-2014 geeft het ingroeipad 80%, lager dan de landelijke norm ORG-CPG "
        "op die dag (85%); een regio mag strenger zijn, nooit soepeler."
    ]
    saved = service.growth_steps_save(
        actor=user,
        norm=mine,
        steps=[
            StepInput(dt.date(2025, 1, 1), Decimal(86)),
            StepInput(dt.date(2026, 1, 1), Decimal(92)),
        ],
    )
    assert len(saved) == 2
