"""Migrations that are safe to run while the previous release still serves.

An upgrade runs `oranje migrate` first and restarts the web and worker processes after it
(docs/operations.md, "Upgrades"), so for a while the *old* code runs against the *new* schema.
A migration is safe when that old code keeps working and no request waits long on a lock:

- nothing the old code reads or writes disappears or changes name: no RemoveField, DeleteModel,
  RenameField, RenameModel, AlterModelTable, no AlterField that changes a column's name, no
  RunSQL that says DROP or RENAME. Remove in two releases instead: release N stops using the
  column (and makes it nullable or gives it a `db_default`), release N+1 removes it;
- a column the old code does not know gets its value from the database: an AddField that is
  NOT NULL on an existing table needs a `db_default` (Django's `default` is Python-side: the
  old code's INSERTs would fail); AlterField to NOT NULL needs one too, and the release before
  must already write a value on every save;
- on the large tables (`LARGE_TABLES`) no index or constraint is built under a lock that
  stops writes: AddIndex, AddConstraint, AlterUniqueTogether/AlterIndexTogether, an AddField
  or AlterField that brings an index, and an AlterField that rewrites the table (another type,
  a shorter varchar, other decimal digits) are refused there. Use
  `django.contrib.postgres.operations.AddIndexConcurrently` (in a migration with
  `atomic = False`) or `AddConstraintNotValid` followed by `ValidateConstraint`.

The migrations that existed before the first release (1.0.0) are listed in
`migration_baseline.txt` and not checked: nobody served from them while they ran. Every other
migration in the graph — Oranje's and those of the libraries it installs — is checked, unless
it is on `ALLOWED_UNSAFE` with the release whose CHANGELOG upgrade notes explain its two-step
plan (`allow_list_problems` holds the CHANGELOG to that). `oranje/operations/tests/
test_migration_safety.py` runs the checker over the real graph in CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.postgres.operations import AddConstraintNotValid, AddIndexConcurrently
from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.migration import Migration
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState
from django.db.models import NOT_PROVIDED, Field

BASELINE_PATH = Path(__file__).with_name("migration_baseline.txt")

# The tables that grow with a region's size and history (the national benchmark dataset has
# 20,000 people, a year of rosters, 500,000 activities, 100,000 registry persons): an index
# built on them under a write lock stops on-call lookups, alerting and the registry for
# seconds to minutes. (app label, model name in lower case), as in Django's migration state.
LARGE_TABLES: frozenset[tuple[str, str]] = frozenset(
    {
        ("readiness", "activity"),
        ("readiness", "personqualification"),
        ("organisation", "oncallshift"),
        ("organisation", "person"),
        ("organisation", "person_functions"),
        ("organisation", "unavailability"),
        ("registry", "person"),
        ("registry", "statusentry"),
        ("registry", "readlog"),
        ("registry", "inquiry"),
        ("core", "auditentry"),
        ("alerting", "alert"),
        ("alerting", "delivery"),
        ("communication", "mailingitem"),
        ("communication", "signal"),
        ("incidents", "logentry"),
        ("django_tasks_database", "dbtaskresult"),
        ("sessions", "session"),
        ("axes", "accessattempt"),
    }
)

# Migrations allowed to do one of the refused things, each with the release whose CHANGELOG
# "Upgrade notes" name it and explain the two-step plan: {"app_label.migration_name": "1.2.0"}.
ALLOWED_UNSAFE: dict[str, str] = {}

_RUNSQL_REFUSED = re.compile(r"\b(DROP|RENAME)\b", re.IGNORECASE)
_VARCHAR = "CharField"
_TEXTLIKE = {"CharField", "TextField"}


@dataclass(frozen=True)
class Finding:
    """One refused operation: in which migration, what it is, and why it is unsafe."""

    migration: str
    operation: str
    reason: str

    def __str__(self) -> str:
        return f"{self.migration}: {self.operation}: {self.reason}"


def read_baseline(path: Path = BASELINE_PATH) -> frozenset[str]:
    """The migrations ("app_label.name") that predate the first release and are not checked."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def baseline_text(loader: MigrationLoader) -> str:
    """The baseline file's contents for every migration in `loader`'s graph (used once, for the
    first release; a later migration never joins it)."""
    keys = sorted(f"{app}.{name}" for app, name in loader.graph.nodes)
    header = (
        "# Migrations from before the first release (1.0.0): not checked by\n"
        "# oranje.operations.migration_safety. Never add to this list.\n"
    )
    return header + "\n".join(keys) + "\n"


def check_graph(
    loader: MigrationLoader | None = None,
    *,
    baseline: Iterable[str] | None = None,
    allowed: Mapping[str, str] | None = None,
    large_tables: frozenset[tuple[str, str]] = LARGE_TABLES,
) -> list[Finding]:
    """Every refused operation of the graph's migrations outside the baseline and the
    allow-list, in the order `migrate` would apply them."""
    loader = loader if loader is not None else MigrationLoader(None, ignore_no_migrations=True)
    skip = set(read_baseline() if baseline is None else baseline)
    skip |= set(ALLOWED_UNSAFE if allowed is None else allowed)
    findings: list[Finding] = []
    for key in _plan(loader):
        if f"{key[0]}.{key[1]}" in skip:
            continue
        state = loader.project_state(key, at_end=False)
        findings += check_migration(loader.graph.nodes[key], state, large_tables=large_tables)
    return findings


def _plan(loader: MigrationLoader) -> list[tuple[str, str]]:
    """Every migration of the graph in an order `migrate` could apply them."""
    plan: dict[tuple[str, str], None] = {}
    for leaf in sorted(loader.graph.leaf_nodes()):
        plan.update(dict.fromkeys(loader.graph.forwards_plan(leaf)))
    return list(plan)


def check_migration(
    migration: Migration,
    state: ProjectState,
    *,
    large_tables: frozenset[tuple[str, str]] = LARGE_TABLES,
) -> list[Finding]:
    """The refused operations of one migration, given the project state before it."""
    app = migration.app_label
    existing = set(state.models)  # tables that hold rows the old release reads and writes
    return _check_operations(
        f"{app}.{migration.name}", app, migration.operations, state.clone(), existing, large_tables
    )


def _check_operations(
    name: str,
    app: str,
    operations: Iterable[Operation],
    state: ProjectState,
    existing: set[tuple[str, str]],
    large_tables: frozenset[tuple[str, str]],
) -> list[Finding]:
    """The refused operations among `operations`, moving `state` along as they do."""
    findings: list[Finding] = []
    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            # Only its database side touches tables; only its state side moves the state.
            findings += _check_operations(
                name, app, operation.database_operations, state.clone(), existing, large_tables
            )
        else:
            findings += [
                Finding(name, operation.describe(), reason)
                for reason in _refusals(app, operation, state, existing, large_tables)
            ]
        operation.state_forwards(app, state)
    return findings


def allow_list_problems(changelog: str, allowed: Mapping[str, str] | None = None) -> list[str]:
    """What is wrong with the allow-list against the CHANGELOG: each allowed migration must be
    named in the "Upgrade notes" of the release it is listed with."""
    allowed = ALLOWED_UNSAFE if allowed is None else allowed
    problems = []
    for migration, release in sorted(allowed.items()):
        section = _release_section(changelog, release)
        if section is None:
            problems.append(f"{migration}: CHANGELOG.md has no release [{release}]")
            continue
        notes = section.partition("### Upgrade notes")[2].split("\n### ")[0]
        if migration not in notes and migration.split(".", 1)[1] not in notes:
            problems.append(
                f"{migration}: the upgrade notes of [{release}] do not name it "
                "or explain its two-step plan"
            )
    return problems


def _release_section(changelog: str, release: str) -> str | None:
    match = re.search(
        rf"^## \[{re.escape(release)}\].*?$(.*?)(?=^## \[|\Z)", changelog, re.M | re.S
    )
    return match.group(1) if match else None


def _refusals(
    app: str,
    operation: Operation,
    state: ProjectState,
    existing: set[tuple[str, str]],
    large_tables: frozenset[tuple[str, str]],
) -> list[str]:
    if isinstance(operation, migrations.RemoveField):
        return ["removes a column the previous release still reads (remove it a release later)"]
    if isinstance(operation, migrations.DeleteModel):
        if _has_table(state, app, operation.name_lower):
            return ["drops a table the previous release still uses (drop it a release later)"]
        return []
    if isinstance(operation, migrations.RenameField):
        return ["renames a column the previous release still uses (add, copy, remove instead)"]
    if isinstance(operation, migrations.RenameModel | migrations.AlterModelTable):
        if _has_table(state, app, operation.name_lower):
            return ["renames a table the previous release still uses (add, copy, remove instead)"]
        return []
    if isinstance(operation, migrations.RunSQL):
        return _runsql_refusals(operation)
    model = (app, _model_of(operation))
    if model not in existing:
        return []  # the table is made in this migration: no old rows, no old code using it
    large = model in large_tables
    if isinstance(operation, migrations.AddField):
        return _addfield_refusals(operation, large)
    if isinstance(operation, migrations.AlterField):
        return _alterfield_refusals(app, operation, state, large)
    if isinstance(operation, AddIndexConcurrently | AddConstraintNotValid):
        return []
    if large and isinstance(operation, migrations.AddIndex):
        return ["builds an index on a large table under a write lock (use AddIndexConcurrently)"]
    if large and isinstance(operation, migrations.AddConstraint):
        return [
            "adds a constraint to a large table under a write lock "
            "(use AddConstraintNotValid, then ValidateConstraint)"
        ]
    if large and isinstance(
        operation, migrations.AlterUniqueTogether | migrations.AlterIndexTogether
    ):
        return ["builds an index on a large table under a write lock (use AddIndexConcurrently)"]
    return []


def _model_of(operation: Operation) -> str:
    name = getattr(operation, "model_name", None) or getattr(operation, "name", "")
    return str(name).lower()


def _has_table(state: ProjectState, app: str, model: str) -> bool:
    model_state = state.models.get((app, model))
    if model_state is None:
        return True  # unknown to the state: assume the worst
    options = model_state.options
    return not options.get("proxy", False) and options.get("managed", True)


def _runsql_refusals(operation: migrations.RunSQL) -> list[str]:
    sql = operation.sql
    statements: list[Any] = [sql] if isinstance(sql, str) else list(sql)
    texts = [s if isinstance(s, str) else str(s[0]) for s in statements]
    words = sorted({m.group(1).upper() for text in texts for m in _RUNSQL_REFUSED.finditer(text)})
    if not words:
        return []
    return [
        f"runs SQL with {' and '.join(words)}: the previous release may still use what it drops"
    ]


def _indexed(field: Field) -> bool:
    return bool(getattr(field, "db_index", False) or field.unique)


def _addfield_refusals(operation: migrations.AddField, large: bool) -> list[str]:
    field = operation.field
    if field.many_to_many:
        return []  # a new table of its own
    refusals = []
    if not field.null and field.db_default is NOT_PROVIDED and not field.generated:
        refusals.append(
            "adds a NOT NULL column without db_default: the previous release's inserts fail "
            "(give it a db_default, or make it nullable)"
        )
    if large and _indexed(field):
        refusals.append(
            "adds an indexed column to a large table, building the index under a write lock "
            "(add it with db_index=False, then AddIndexConcurrently)"
        )
    return refusals


def _alterfield_refusals(
    app: str, operation: migrations.AlterField, state: ProjectState, large: bool
) -> list[str]:
    model_state = state.models.get((app, operation.model_name_lower))
    if model_state is None or operation.name not in model_state.fields:
        return []
    old = model_state.fields[operation.name]
    new = operation.field
    refusals = []
    if old.null and not new.null and new.db_default is NOT_PROVIDED:
        refusals.append(
            "makes a column NOT NULL without db_default: the previous release may still "
            "write NULL (give it a db_default a release after the code always writes a value)"
        )
    if (old.db_column or operation.name) != (new.db_column or operation.name):
        refusals.append("renames a column the previous release still uses (db_column changed)")
    if large and _indexed(new) and not _indexed(old):
        refusals.append(
            "adds an index to a large table under a write lock (use AddIndexConcurrently)"
        )
    if large and _rewrites(old, new):
        refusals.append(
            "changes a column's type on a large table, which rewrites the table under a lock "
            "(add a new column, copy in batches, switch over a release later)"
        )
    return refusals


def _rewrites(old: Field, new: Field) -> bool:
    """Whether PostgreSQL rewrites the table for this change of column type. Widening a varchar
    or turning it into text is a change of the catalogue only."""
    old_type, new_type = old.get_internal_type(), new.get_internal_type()
    if old_type != new_type:
        return not (old_type == _VARCHAR and new_type in _TEXTLIKE)
    if old_type == _VARCHAR:
        if new.max_length is None:
            return False  # unbounded varchar
        return old.max_length is None or old.max_length > new.max_length
    if old_type == "DecimalField":
        digits = ("max_digits", "decimal_places")
        return [getattr(old, a) for a in digits] != [getattr(new, a) for a in digits]
    return False
