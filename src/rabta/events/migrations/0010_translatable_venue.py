"""An event's venue and city become translatable: existing text moves into the "en" key."""

from django.db import migrations

import rabta.core.fields


def to_translations(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.all().only("pk", "venue_text", "city_text"):
        event.venue = {"en": event.venue_text} if event.venue_text else {}
        event.city = {"en": event.city_text} if event.city_text else {}
        event.save(update_fields=["venue", "city"])


def to_text(apps, schema_editor):
    Event = apps.get_model("events", "Event")

    def first(value):
        value = value or {}
        return value.get("en") or next((text for text in value.values() if text), "")

    for event in Event.objects.all().only("pk", "venue", "city"):
        event.venue_text = first(event.venue)[:200]
        event.city_text = first(event.city)[:100]
        event.save(update_fields=["venue_text", "city_text"])


class Migration(migrations.Migration):
    dependencies = [("events", "0009_event_invitation")]

    operations = [
        migrations.RenameField("event", "venue", "venue_text"),
        migrations.RenameField("event", "city", "city_text"),
        migrations.AddField(
            model_name="event",
            name="venue",
            field=rabta.core.fields.TranslatedField(
                default=dict, max_length=200, verbose_name="venue"
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="city",
            field=rabta.core.fields.TranslatedField(
                blank=True, default=dict, max_length=100, verbose_name="city"
            ),
        ),
        migrations.RunPython(to_translations, to_text),
        migrations.RemoveField("event", "venue_text"),
        migrations.RemoveField("event", "city_text"),
    ]
