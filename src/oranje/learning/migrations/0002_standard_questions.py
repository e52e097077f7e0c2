"""The national standard questions of the public survey (learning/data)."""

from django.db import migrations


def load(apps, schema_editor):
    from oranje.learning.data import standard_questions

    StandardQuestion = apps.get_model("learning", "StandardQuestion")
    for position, row in enumerate(standard_questions(), start=1):
        StandardQuestion.objects.update_or_create(
            region=None,
            code=row["code"],
            defaults={
                "position": position * 10,
                "text": row["text"],
                "help_text": row["help_text"],
                "kind": row["kind"],
                "options": row["options"],
                "required": row["required"],
                "active": True,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("learning", "StandardQuestion").objects.filter(region=None).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
