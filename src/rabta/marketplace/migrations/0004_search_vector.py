"""PostgreSQL: a stored tsvector column (no per-row to_tsvector on recheck); SQLite: the FTS5
triggers again (0003 rebuilt the table, which drops triggers); the listing backfill."""

from django.db import migrations

from rabta.marketplace import fts

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS marketplace_opportunity_fts",
    "ALTER TABLE marketplace_opportunity ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX marketplace_opportunity_search_vector ON marketplace_opportunity USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS marketplace_opportunity_search_vector",
    "ALTER TABLE marketplace_opportunity DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX marketplace_opportunity_fts ON marketplace_opportunity "
    "USING GIN (to_tsvector('simple', search_text))",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    Opportunity = apps.get_model("marketplace", "Opportunity")
    Opportunity.objects.filter(
        status="published", is_hidden=False, organisation__validation="approved"
    ).update(is_listed=True)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0003_listed")]

    operations = [
        migrations.RunPython(fts.reinstall_sqlite, fts.noop, elidable=False),
        migrations.RunPython(forward, backward, elidable=False),
    ]
