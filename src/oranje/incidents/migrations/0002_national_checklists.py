"""Seeds the national checklists for OvD-BZ, AC-BZ, the HTOs and IC-BZ."""

from django.db import migrations


def forwards(apps, schema_editor):
    from oranje.incidents.checklists import load_national_checklists

    load_national_checklists(
        apps.get_model("incidents", "ChecklistItem"), apps.get_model("organisation", "Function")
    )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial"), ("organisation", "0002_load_catalogue")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
