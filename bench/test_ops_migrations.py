"""The migrations benchmark's rule for what it may take off a full database."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from bench.ops_migrations import applied_leaf, blocker


@pytest.mark.django_db
def test_a_migration_goes_back_only_when_no_benchmark_data_is_lost() -> None:
    from oranje.core.models import WorkerBeat

    loader = MigrationLoader(connection)
    assert blocker(loader, ("readiness", "0001_initial")) == "the app's first migration"
    assert blocker(loader, ("core", "0002_load_reference")) == "a data migration"
    assert blocker(loader, ("registry", "0007_person_email_person_updates_consent")) is None
    assert blocker(loader, ("core", "0003_worker_beat")) is None
    WorkerBeat.objects.create(worker_id="bench-test")
    assert "holds data" in str(blocker(loader, ("core", "0003_worker_beat")))


@pytest.mark.django_db
def test_the_newest_applied_migration_of_an_app_is_its_leaf_when_all_are_applied() -> None:
    loader = MigrationLoader(connection)
    assert [applied_leaf(loader, "registry")] == loader.graph.leaf_nodes("registry")
