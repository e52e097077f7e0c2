"""Loads the national function catalogue and a setting per region and function."""

from django.db import migrations


def forwards(apps, schema_editor):
    from oranje.organisation.catalogue import load_catalogue

    load_catalogue(
        apps.get_model("organisation", "Function"),
        apps.get_model("core", "Region"),
        apps.get_model("organisation", "RegionFunction"),
    )


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial"), ("core", "0002_load_reference")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
