"""The national norm set seeded by migration 0002 (data/national_norms_2014.json)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from oranje.quality import selectors
from oranje.quality.constants import Indicator, Measure, Process, SetStatus
from oranje.quality.models import Norm

pytestmark = pytest.mark.django_db


def test_the_2014_national_set_is_adopted_with_its_norms() -> None:
    national = selectors.current_set(None)
    assert national is not None
    assert national.title == "Prestatie-eisen bevolkingszorg (2014)"
    assert national.status == SetStatus.ADOPTED
    assert national.adopted_on == dt.date(2014, 4, 1)
    assert national.adopted_by_body == "Veiligheidsberaad"
    norms = {n.code: n for n in Norm.objects.filter(norm_set=national)}
    assert len(norms) >= 18
    assert norms["CC-30"].indicator == Indicator.FIRST_MESSAGE
    assert norms["CC-ZELF"].measure == Measure.SELF_ASSESSMENT
    assert norms["OPV-CAP"].question
    assert norms["ORG-OVD"].function is not None and norms["ORG-OVD"].function.code == "OVD-BZ"
    assert norms["ORG-CPG"].function is not None and norms["ORG-CPG"].function.code == "CPG"
    assert norms["ORG-PIKET"].function is None
    assert norms["ALARM-TIJD"].indicator == Indicator.ALARM_IN_TIME
    assert norms["OPK-OEF"].indicator == Indicator.ARRIVAL_EXERCISE
    processes = {n.process for n in norms.values()}
    assert processes == set(Process.values)
    for norm in norms.values():
        assert norm.source
        assert (norm.measure == Measure.INDICATOR) == bool(norm.indicator)
        assert (norm.measure == Measure.SELF_ASSESSMENT) == bool(norm.question)


def test_in_growth_paths_rise_to_the_waterlijn() -> None:
    national = selectors.current_set(None)
    with_steps = [n for n in Norm.objects.filter(norm_set=national) if n.growth_steps.exists()]
    assert 2 <= len(with_steps) <= 3
    for norm in with_steps:
        levels = [s.waterlijn for s in norm.growth_steps.order_by("due_on")]
        assert levels == sorted(levels)
        assert levels[-1] < norm.waterlijn
    cpg = Norm.objects.get(norm_set=national, code="ORG-CPG")
    assert selectors.waterlijn_on(cpg, dt.date(2024, 6, 1)) == Decimal(85)
    assert selectors.waterlijn_on(cpg, dt.date(2026, 6, 1)) == cpg.waterlijn
