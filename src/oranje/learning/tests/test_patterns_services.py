"""patterns_compute: findings grouped and counted across incidents and regions, the rows
rewritten with stable keys (and addresses) on a rebuild, patterns no longer found removed,
the button's run audited and refused to someone who does not evaluate; the command and the
worker's upkeep."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from oranje.core.models import AuditEntry
from oranje.core.worker import _upkeep
from oranje.learning.models import Finding, Pattern
from oranje.learning.services.patterns import patterns_compute
from oranje.learning.tests.patterns_world import evaluation, finding, monitor, recurring
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_recurring_findings_are_counted_across_incidents_and_regions(world: World) -> None:
    r = recurring(world)
    assert patterns_compute() == 3
    late = Pattern.objects.get(findings=r.late[0])
    assert set(late.findings.all()) == set(r.late)
    assert (late.finding_count, late.incident_count, late.region_count) == (3, 3, 2)
    assert late.process == "communication" and late.kind == "improve"
    once = Finding.objects.get(pk=r.once[0].pk).pattern
    assert once is not None and once.finding_count == 1 and once.incident_count == 1


def test_a_rebuild_keeps_the_rows_and_drops_what_is_gone(world: World) -> None:
    r = recurring(world)
    patterns_compute()
    late = Pattern.objects.get(findings=r.late[0])
    alone = Pattern.objects.get(findings=r.once[1])
    r.once[1].delete()
    extra = finding(r.there, "Het eerste publieksbericht kwam pas na een uur.")
    patterns_compute()
    again = Pattern.objects.get(findings=r.late[0])
    assert again.pk == late.pk and again.key == late.key and again.finding_count == 4
    assert Finding.objects.get(pk=extra.pk).pattern_id == late.pk
    assert not Pattern.objects.filter(pk=alone.pk).exists()
    assert Pattern.objects.count() == 2


def test_a_leading_finding_removed_gives_the_pattern_a_new_key(world: World) -> None:
    r = recurring(world)
    patterns_compute()
    first = Pattern.objects.get(findings=r.late[0]).key
    r.late[0].delete()
    patterns_compute()
    assert Pattern.objects.get(findings=r.late[1]).key != first


def test_the_button_is_audited_and_refused_to_who_does_not_evaluate(world: World) -> None:
    recurring(world)
    qm = monitor(world.region, "kim")
    patterns_compute(actor=qm)
    entry = AuditEntry.objects.get(action="patterns.compute")
    assert entry.actor == qm and entry.changes == {"findings": 5, "patterns": 3}
    with pytest.raises(PermissionDenied):
        patterns_compute(actor=world.viewer)


def test_the_command_and_the_hourly_upkeep_group_the_findings(world: World) -> None:
    ev = evaluation(world.region, "Overstroming")
    finding(ev, "Opvanglocatie was pas na drie uur open.", process="shelter")
    out = StringIO()
    call_command("learning_patterns", stdout=out)
    assert "1 patronen uit 1 bevindingen (1 bevindingen eenmalig gezien)" in out.getvalue()
    assert _upkeep["learning.patterns"].every == 3600
    Pattern.objects.all().delete()
    _upkeep["learning.patterns"].run()
    assert Pattern.objects.count() == 1
