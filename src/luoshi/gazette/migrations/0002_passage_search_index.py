"""Full-text index over Passage.tokens (检索索引), one per database vendor.

SQLite: a contentless FTS5 table whose rowid encodes (document_id, seq) as
``document_id * 2**20 + seq``, so a lookup yields documents without touching
gazette_passage. The ``ascii`` tokenizer splits only on ASCII non-alphanumerics:
our tokens contain none, so every stored token (bigram, word) stays one FTS token.
Triggers keep it in step with gazette_passage inside the writer's transaction
(bulk_create, cascade deletes and updates included).

PostgreSQL: a GIN index on ``array_to_tsvector(string_to_array(tokens, ' '))``:
a ``simple`` tsvector built without the text-search parser, so the lexemes are
exactly our tokens whatever the server locale.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE gazette_passage_fts USING fts5(
        tokens, content='', detail='none', columnsize=0, tokenize='ascii'
    )
    """,
    """
    CREATE TRIGGER gazette_passage_fts_insert AFTER INSERT ON gazette_passage BEGIN
        INSERT INTO gazette_passage_fts(rowid, tokens)
        VALUES (new.document_id * 1048576 + new.seq, new.tokens);
    END
    """,
    """
    CREATE TRIGGER gazette_passage_fts_delete AFTER DELETE ON gazette_passage BEGIN
        INSERT INTO gazette_passage_fts(gazette_passage_fts, rowid, tokens)
        VALUES ('delete', old.document_id * 1048576 + old.seq, old.tokens);
    END
    """,
    """
    CREATE TRIGGER gazette_passage_fts_update AFTER UPDATE ON gazette_passage BEGIN
        INSERT INTO gazette_passage_fts(gazette_passage_fts, rowid, tokens)
        VALUES ('delete', old.document_id * 1048576 + old.seq, old.tokens);
        INSERT INTO gazette_passage_fts(rowid, tokens)
        VALUES (new.document_id * 1048576 + new.seq, new.tokens);
    END
    """,
    """
    INSERT INTO gazette_passage_fts(rowid, tokens)
    SELECT document_id * 1048576 + seq, tokens FROM gazette_passage
    """,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS gazette_passage_fts_update",
    "DROP TRIGGER IF EXISTS gazette_passage_fts_delete",
    "DROP TRIGGER IF EXISTS gazette_passage_fts_insert",
    "DROP TABLE IF EXISTS gazette_passage_fts",
]

POSTGRES_FORWARD = [
    """
    CREATE INDEX gazette_passage_tokens_gin ON gazette_passage
    USING gin (array_to_tsvector(string_to_array(tokens, ' ')))
    """,
]

POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS gazette_passage_tokens_gin"]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [
        ("gazette", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
