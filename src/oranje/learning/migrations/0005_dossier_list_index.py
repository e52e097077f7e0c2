"""The dossier's list without search words, last changed first, reads an index instead of
sorting every entry (50,000 entries: 400 ms → under 10 ms). Plain SQL on both databases, as
the search index of 0003: the models do not know it."""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("learning", "0004_standard_question_codes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX learning_entry_updated ON learning_entry (updated_at DESC, id DESC)",
            "DROP INDEX learning_entry_updated",
        )
    ]
