"""National checklists for every function of the catalogue, the questions for
administrators, and the national instruction for the coordinating municipal secretary."""

from django.db import migrations


def forwards(apps, schema_editor):
    from oranje.incidents.checklists import load_national_checklists, load_national_instructions

    function = apps.get_model("organisation", "Function")
    load_national_checklists(apps.get_model("incidents", "ChecklistItem"), function)
    load_national_instructions(apps.get_model("incidents", "FunctionInstruction"), function)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0007_checklist_kind_instruction")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
