"""Gives every region the default alert rules (data/default_rules.csv)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from oranje.alerting.defaults import load_default_rules

    load_default_rules(
        apps.get_model("alerting", "AlertRule"),
        apps.get_model("core", "Region"),
        apps.get_model("organisation", "Function"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("alerting", "0001_initial"),
        ("organisation", "0002_load_catalogue"),
        ("core", "0002_load_reference"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
