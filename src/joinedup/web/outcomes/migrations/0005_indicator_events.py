"""Indicator events replace rebase dates (ADR 1302): each rebase date becomes
a rebase event with the same date and text and no reason, which the chart
shows as "reason not recorded"."""

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def dates_to_events(apps: Any, schema_editor: Any) -> None:
    RebaseDate = apps.get_model("outcomes", "RebaseDate")
    IndicatorEvent = apps.get_model("outcomes", "IndicatorEvent")
    IndicatorEvent.objects.bulk_create(
        IndicatorEvent(indicator_id=old.indicator_id, date=old.date, kind="rebase", text=old.label)
        for old in RebaseDate.objects.order_by("pk")
    )


def events_to_dates(apps: Any, schema_editor: Any) -> None:
    RebaseDate = apps.get_model("outcomes", "RebaseDate")
    IndicatorEvent = apps.get_model("outcomes", "IndicatorEvent")
    RebaseDate.objects.bulk_create(
        RebaseDate(indicator_id=event.indicator_id, date=event.date, label=event.text)
        for event in IndicatorEvent.objects.filter(kind="rebase").order_by("pk")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0004_upload"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IndicatorEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("intervention", "Intervention"),
                            ("rebase", "Rebase"),
                            ("data_change", "Data change"),
                            ("note", "Note"),
                        ],
                        max_length=12,
                    ),
                ),
                ("text", models.CharField(max_length=200)),
                ("reason", models.TextField(blank=True)),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="outcomes.indicator",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["date", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "rebase")),
                        fields=("indicator", "date"),
                        name="one_rebase_event_per_date",
                    )
                ],
            },
        ),
        migrations.RunPython(dates_to_events, events_to_dates),
        migrations.DeleteModel(name="RebaseDate"),
    ]
