import uuid

import django.utils.timezone
from django.db import migrations, models


def give_keys(apps, schema_editor):
    Delivery = apps.get_model("alerting", "Delivery")
    for pk in Delivery.objects.values_list("pk", flat=True):
        Delivery.objects.filter(pk=pk).update(key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("alerting", "0002_default_rules"),
    ]

    operations = [
        migrations.AlterField(
            model_name="delivery",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "queued"),
                    ("sending", "sending"),
                    ("sent", "sent"),
                    ("failed", "failed"),
                ],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="delivery",
            name="key",
            field=models.UUIDField(editable=False, null=True, verbose_name="message key"),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="delivery",
            name="key",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="message key"
            ),
        ),
        migrations.AddField(
            model_name="delivery",
            name="due_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="due"),
        ),
        migrations.AddField(
            model_name="delivery",
            name="claimed_by",
            field=models.CharField(blank=True, max_length=80, verbose_name="sending by"),
        ),
        migrations.AddField(
            model_name="delivery",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="claimed until"),
        ),
        migrations.AddConstraint(
            model_name="delivery",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "sending"), _negated=True)
                | models.Q(("claimed_until__isnull", False)),
                name="delivery_sending_is_claimed",
            ),
        ),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(fields=["status", "due_at"], name="delivery_due"),
        ),
    ]
