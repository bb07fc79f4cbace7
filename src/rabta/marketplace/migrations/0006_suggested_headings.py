"""Opportunity.suggested_headings: the HS headings its text proposes, filled in for existing rows."""

from django.db import migrations, models

from rabta.marketplace import fts


def fill(apps, schema_editor):
    from rabta.marketplace.suggestions import suggest

    Opportunity = apps.get_model("marketplace", "Opportunity")
    batch = []
    goods = Opportunity.objects.exclude(kind__in=["education", "culture"])
    for opportunity in goods.only("id", "title", "description", "details").iterator(chunk_size=500):
        headings = [
            s.heading
            for s in suggest(
                title=opportunity.title,
                description=opportunity.description,
                details=opportunity.details,
            )
        ]
        if headings:
            opportunity.suggested_headings = headings
            batch.append(opportunity)
        if len(batch) >= 500:
            Opportunity.objects.bulk_update(batch, ["suggested_headings"])
            batch = []
    Opportunity.objects.bulk_update(batch, ["suggested_headings"])


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0005_private_attachments"),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="suggested_headings",
            field=models.JSONField(
                blank=True, default=list, editable=False, verbose_name="suggested HS headings"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        # Adding a column rebuilds the table on SQLite, which drops the full-text triggers.
        migrations.RunPython(fts.reinstall_sqlite, fts.noop),
    ]
