"""Full-text search indexes: FTS5 on SQLite, a GIN expression index on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE marketplace_opportunity_fts USING fts5(
        search_text, content='marketplace_opportunity', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'")""",
    """CREATE TRIGGER marketplace_opportunity_fts_ai AFTER INSERT ON marketplace_opportunity BEGIN
        INSERT INTO marketplace_opportunity_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER marketplace_opportunity_fts_ad AFTER DELETE ON marketplace_opportunity BEGIN
        INSERT INTO marketplace_opportunity_fts(marketplace_opportunity_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER marketplace_opportunity_fts_au AFTER UPDATE OF search_text ON marketplace_opportunity BEGIN
        INSERT INTO marketplace_opportunity_fts(marketplace_opportunity_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO marketplace_opportunity_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS marketplace_opportunity_fts_au",
    "DROP TRIGGER IF EXISTS marketplace_opportunity_fts_ad",
    "DROP TRIGGER IF EXISTS marketplace_opportunity_fts_ai",
    "DROP TABLE IF EXISTS marketplace_opportunity_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX marketplace_opportunity_fts ON marketplace_opportunity "
    "USING GIN (to_tsvector('simple', search_text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS marketplace_opportunity_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
            elidable=False,
        )
    ]
