"""Photos are re-encoded by the worker: a state with a claim and lease (`core.outbox`), and
the storage name of the upload until then. Photos stored before were re-encoded on upload:
they are ready."""

from django.db import migrations, models
import django.utils.timezone

import oranje.damage.models


class Migration(migrations.Migration):

    dependencies = [
        ("damage", "0002_rate"),
    ]

    operations = [
        migrations.AddField(
            model_name="damagephoto",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "being processed"),
                    ("processing", "being processed (claimed)"),
                    ("ready", "ready"),
                    ("failed", "could not be processed"),
                ],
                default="ready",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="damagephoto",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "being processed"),
                    ("processing", "being processed (claimed)"),
                    ("ready", "ready"),
                    ("failed", "could not be processed"),
                ],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="damagephoto",
            name="original",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="damagephoto",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="damagephoto",
            name="due_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="damagephoto",
            name="claimed_by",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="damagephoto",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="damagephoto",
            name="last_error",
            field=models.CharField(blank=True, max_length=255, verbose_name="error"),
        ),
        migrations.AlterField(
            model_name="damagephoto",
            name="file",
            field=models.FileField(
                blank=True, max_length=200, upload_to=oranje.damage.models._photo_path
            ),
        ),
        migrations.AddIndex(
            model_name="damagephoto",
            index=models.Index(fields=["status", "due_at"], name="damage_photo_due"),
        ),
    ]
