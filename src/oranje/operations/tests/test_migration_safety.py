"""The migration-safety checker: the real graph passes, and each unsafe kind of migration added
after the baseline is caught (so the check in CI can fail)."""

from pathlib import Path

import pytest
from django.contrib.postgres.operations import AddConstraintNotValid, AddIndexConcurrently
from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader

from oranje.operations.migration_safety import allow_list_problems, check_graph, read_baseline

CHANGELOG = Path(__file__).resolve().parents[4] / "CHANGELOG.md"
NEW = "9999_synthetic"


def graph_with(*operations: object, app: str = "readiness") -> MigrationLoader:
    """The real migration graph with one new migration of `operations` on top of `app`."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    (parent,) = loader.graph.leaf_nodes(app)
    migration = migrations.Migration(NEW, app)
    migration.dependencies = [parent]
    migration.operations = list(operations)
    loader.graph.add_node((app, NEW), migration)
    loader.graph.add_dependency(migration, (app, NEW), parent)
    return loader


def reasons(loader: MigrationLoader, **kwargs: object) -> list[str]:
    return [f.reason for f in check_graph(loader, **kwargs) if f.migration.endswith(NEW)]  # type: ignore[arg-type]


def test_every_migration_of_the_real_graph_is_safe_or_from_before_the_first_release() -> None:
    assert check_graph() == []


def test_the_baseline_holds_only_migrations_that_exist() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    present = {f"{app}.{name}" for app, name in loader.graph.nodes}
    ours = {m for m in read_baseline() if m.split(".")[0] in {"core", "readiness", "registry"}}
    assert ours and ours <= present
    assert f"readiness.{NEW}" not in read_baseline()


UNSAFE = {
    "remove field": (
        [migrations.RemoveField("requirement", "valid_months")],
        "removes a column",
    ),
    "delete model": ([migrations.DeleteModel("learningpoint")], "drops a table"),
    "rename field": (
        [migrations.RenameField("requirement", "valid_months", "months")],
        "renames a column",
    ),
    "rename model": ([migrations.RenameModel("learningpoint", "lesson")], "renames a table"),
    "rename table": (
        [migrations.AlterModelTable("learningpoint", "readiness_lesson")],
        "renames a table",
    ),
    "rename column through db_column": (
        [
            migrations.AlterField(
                "requirement",
                "valid_months",
                models.PositiveSmallIntegerField(null=True, db_column="months"),
            )
        ],
        "renames a column",
    ),
    "alter field to not null": (
        [migrations.AlterField("requirement", "valid_months", models.PositiveSmallIntegerField())],
        "makes a column NOT NULL without db_default",
    ),
    "add not-null field with a python default only": (
        [migrations.AddField("requirement", "note", models.CharField(max_length=20, default=""))],
        "adds a NOT NULL column without db_default",
    ),
    "run sql drop": ([migrations.RunSQL("DROP TABLE readiness_learningpoint")], "DROP"),
    "run sql rename": (
        [migrations.RunSQL(["ALTER TABLE readiness_activity RENAME COLUMN code TO c"])],
        "RENAME",
    ),
    "index on a large table": (
        [migrations.AddIndex("activity", models.Index(fields=["code"], name="act_code"))],
        "builds an index on a large table",
    ),
    "constraint on a large table": (
        [
            migrations.AddConstraint(
                "activity",
                models.CheckConstraint(condition=models.Q(hours__gte=0), name="act_hours"),
            )
        ],
        "adds a constraint to a large table",
    ),
    "indexed column on a large table": (
        [
            migrations.AddField(
                "activity", "batch", models.CharField(max_length=9, null=True, db_index=True)
            )
        ],
        "adds an indexed column to a large table",
    ),
    "type change on a large table": (
        [
            migrations.AlterField(
                "activity", "hours", models.DecimalField(max_digits=7, decimal_places=2, default=0)
            )
        ],
        "changes a column's type on a large table",
    ),
    "unsafe operation inside SeparateDatabaseAndState": (
        [
            migrations.SeparateDatabaseAndState(
                database_operations=[migrations.RunSQL("DROP INDEX act_code")]
            )
        ],
        "DROP",
    ),
}


@pytest.mark.parametrize("name", list(UNSAFE))
def test_an_unsafe_new_migration_is_refused(name: str) -> None:
    operations, reason = UNSAFE[name]
    found = reasons(graph_with(*operations))
    assert len(found) == 1, found
    assert reason in found[0]


SAFE = {
    "nullable field": [
        migrations.AddField("activity", "batch", models.CharField(max_length=9, null=True))
    ],
    "not-null field with db_default": [
        migrations.AddField(
            "activity", "origin", models.CharField(max_length=9, default="", db_default="")
        )
    ],
    "not null with db_default": [
        migrations.AlterField(
            "requirement", "valid_months", models.PositiveSmallIntegerField(db_default=12)
        )
    ],
    "new table with its indexes and a not-null field": [
        migrations.CreateModel("Batch", [("id", models.BigAutoField(primary_key=True))]),
        migrations.AddField("batch", "label", models.CharField(max_length=9)),
        migrations.AddIndex("batch", models.Index(fields=["label"], name="batch_label")),
    ],
    "index on a small table": [
        migrations.AddIndex("requirement", models.Index(fields=["code"], name="req_code"))
    ],
    "concurrent index on a large table": [
        AddIndexConcurrently("activity", models.Index(fields=["code"], name="act_code"))
    ],
    "not-valid constraint on a large table": [
        AddConstraintNotValid(
            "activity", models.CheckConstraint(condition=models.Q(hours__gte=0), name="ah")
        )
    ],
    "wider varchar on a large table": [
        migrations.AlterField("activity", "code", models.CharField(max_length=80, blank=True))
    ],
    "field removed from the state only (its column stays for the old release)": [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField("requirement", "valid_months")]
        )
    ],
    "run sql that creates": [migrations.RunSQL("CREATE INDEX x ON readiness_requirement (code)")],
}


@pytest.mark.parametrize("name", list(SAFE))
def test_a_safe_new_migration_passes(name: str) -> None:
    assert reasons(graph_with(*SAFE[name])) == []


def test_a_migration_on_the_allow_list_is_not_refused() -> None:
    loader = graph_with(migrations.RemoveField("requirement", "valid_months"))
    assert reasons(loader) != []
    assert reasons(loader, allowed={f"readiness.{NEW}": "2.0.0"}) == []


def test_a_migration_of_a_library_is_checked_too() -> None:
    loader = graph_with(migrations.RemoveField("accessattempt", "username"), app="axes")
    assert check_graph(loader)[0].migration == f"axes.{NEW}"


def test_the_allow_list_must_be_explained_in_that_releases_upgrade_notes() -> None:
    changelog = (
        "## [Unreleased]\n\n## [2.0.0] - 2027-03-01\n\n### Removed\n\n- the old field\n\n"
        "### Upgrade notes\n\n- `readiness.0009_drop_old` removes `Activity.old`, unused "
        "since 1.4.0 (step two of two).\n\n## [1.4.0] - 2027-01-01\n"
    )
    assert allow_list_problems(changelog, {"readiness.0009_drop_old": "2.0.0"}) == []
    assert (
        "no release [2.1.0]"
        in allow_list_problems(changelog, {"readiness.0009_drop_old": "2.1.0"})[0]
    )
    assert "do not name it" in allow_list_problems(changelog, {"readiness.0010_other": "2.0.0"})[0]
    assert (
        "do not name it" in allow_list_problems(changelog, {"readiness.0009_drop_old": "1.4.0"})[0]
    )


def test_the_real_allow_list_is_explained_in_the_changelog() -> None:
    assert allow_list_problems(CHANGELOG.read_text(encoding="utf-8")) == []
