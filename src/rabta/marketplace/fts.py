"""Full-text index plumbing for migrations (SQLite FTS5 triggers; PostgreSQL is in 0004).

On SQLite, a migration that rebuilds ``marketplace_opportunity`` (Django does so for many
column changes) drops the table's triggers: such a migration must end with
``RunPython(fts.reinstall_sqlite, ...)``, which re-creates the triggers and rebuilds the index.
"""

from __future__ import annotations

TABLE = "marketplace_opportunity"
FTS = f"{TABLE}_fts"

SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    f"search_text, content='{TABLE}', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\")"
)
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    f"""CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END""",
    f"""CREATE TRIGGER {FTS}_au AFTER UPDATE OF search_text ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS {FTS}_{suffix}" for suffix in ("ai", "ad", "au")]


def reinstall_sqlite(apps, schema_editor) -> None:
    """Re-create the FTS5 table's triggers and rebuild its index from the content table."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [SQLITE_TABLE, *SQLITE_DROP_TRIGGERS, *SQLITE_TRIGGERS]:
        schema_editor.execute(statement)
    schema_editor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def noop(apps, schema_editor) -> None:
    pass
