"""Full-text search of the living dossier, by database.

PostgreSQL: a stored generated column `search_vector` (`to_tsvector('dutch', search_text)`)
with a GIN index; queries use `websearch_to_tsquery('dutch', …)` and rank with `ts_rank`.
SQLite: an FTS5 table `learning_entry_fts` with external content on `learning_entry`
(`unicode61 remove_diacritics 2`, prefix indexes), kept by triggers; ranked by bm25.

Neither is known to the models: `learning.search` writes the queries. The model keeps
`search_text` (title, text, comments, theme and kind) in the services."""

from __future__ import annotations

from django.db import migrations

PG_FORWARD = [
    "ALTER TABLE learning_entry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, search_text)) STORED",
    "CREATE INDEX learning_entry_search ON learning_entry USING gin (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS learning_entry_search",
    "ALTER TABLE learning_entry DROP COLUMN IF EXISTS search_vector",
]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE learning_entry_fts USING fts5(search_text, "
    "content='learning_entry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    "CREATE TRIGGER learning_entry_fts_ai AFTER INSERT ON learning_entry BEGIN "
    "INSERT INTO learning_entry_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER learning_entry_fts_ad AFTER DELETE ON learning_entry BEGIN "
    "INSERT INTO learning_entry_fts(learning_entry_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER learning_entry_fts_au AFTER UPDATE ON learning_entry BEGIN "
    "INSERT INTO learning_entry_fts(learning_entry_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO learning_entry_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO learning_entry_fts(learning_entry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS learning_entry_fts_ai",
    "DROP TRIGGER IF EXISTS learning_entry_fts_ad",
    "DROP TRIGGER IF EXISTS learning_entry_fts_au",
    "DROP TABLE IF EXISTS learning_entry_fts",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def forward(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    _run(schema_editor, {"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    _run(schema_editor, {"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_standard_questions")]

    operations = [migrations.RunPython(forward, backward)]
