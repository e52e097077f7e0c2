"""A new version of a dossier entry may name the work session it was refined at, so that
session's page and impression report show the entry too. A nullable column: the old release
keeps writing versions without it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("learning", "0005_dossier_list_index")]

    operations = [
        migrations.AddField(
            model_name="entryversion",
            name="work_session",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="entry_versions",
                to="learning.worksession",
                verbose_name="work session",
            ),
        ),
    ]
