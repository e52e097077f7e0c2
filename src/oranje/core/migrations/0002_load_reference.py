"""Loads the 25 safety regions and the 342 municipalities (CBS, 1-1-2024)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from oranje.core.reference import load_division, load_regions

    region = apps.get_model("core", "Region")
    municipality = apps.get_model("core", "Municipality")
    load_regions(region)
    report = load_division(region, municipality)
    if report.errors:
        raise RuntimeError("\n".join(report.errors))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
