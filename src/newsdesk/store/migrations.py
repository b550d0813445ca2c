"""The SQLite schema, versioned. Each migration is applied once, in order, inside one transaction;
`meta.schema_version` records the last one applied. Add a migration; never edit a released one."""
from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: articles (current revision's columns), revisions (every version as JSON), stories, and the
    #    derived tables of the current revision: entities, quotes, full-text index.
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY, title TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, input TEXT NOT NULL, url TEXT, title TEXT,
        published TEXT, publisher TEXT, agency TEXT, category TEXT, language TEXT, summary TEXT,
        story_id INTEGER REFERENCES stories(id), origin_id INTEGER REFERENCES articles(id),
        revision INTEGER NOT NULL, content_hash TEXT NOT NULL, source_hash TEXT, features TEXT,
        ingested_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_origin ON articles(origin_id);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_publisher ON articles(publisher);
    CREATE INDEX articles_category ON articles(category);
    CREATE TABLE revisions (
        article_id INTEGER NOT NULL REFERENCES articles(id), revision INTEGER NOT NULL,
        current INTEGER NOT NULL, content_hash TEXT NOT NULL, ingested_at TEXT NOT NULL, title TEXT,
        data TEXT NOT NULL, change TEXT, PRIMARY KEY (article_id, revision));
    CREATE TABLE entities (
        article_id INTEGER NOT NULL REFERENCES articles(id), name TEXT NOT NULL, type TEXT,
        mentions INTEGER NOT NULL, titles TEXT);
    CREATE INDEX entities_name ON entities(name);
    CREATE INDEX entities_article ON entities(article_id);
    CREATE TABLE quotes (
        article_id INTEGER NOT NULL REFERENCES articles(id), seq INTEGER NOT NULL, speaker TEXT, cue TEXT,
        content TEXT NOT NULL, kind TEXT, start INTEGER, end_ INTEGER);
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2');
    """,
    # 2: indexes for the reading site. Newest-first listings (overall and per category) read an index on
    #    the sort key instead of sorting the corpus; the entity indexes cover the entity-page and
    #    top-entity queries (name -> articles with type and titles, article -> names with type) and
    #    replace the one-column ones; case-insensitive entity lookups (search filter, hand-typed URLs) get their own.
    """
    CREATE INDEX articles_recent ON articles(COALESCE(published, ingested_at), id);
    CREATE INDEX articles_category_recent ON articles(category, COALESCE(published, ingested_at), id);
    DROP INDEX articles_category;
    CREATE INDEX stories_updated ON stories(updated_at, id);
    CREATE INDEX entities_name_article ON entities(name, article_id, type, titles);
    CREATE INDEX entities_article_name ON entities(article_id, name, type);
    CREATE INDEX entities_name_nocase ON entities(name COLLATE NOCASE);
    DROP INDEX entities_name;
    DROP INDEX entities_article;
    """,
    # 3: story digests (corpus/timeline.py): each story's page data, computed when ingest writes the
    #    story; writes that change a story's articles delete its row in the same transaction.
    """
    CREATE TABLE story_digests (story_id INTEGER PRIMARY KEY, signature TEXT NOT NULL, data TEXT NOT NULL);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION; returns the version found before."""
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    found = int(row[0]) if row else 0
    if found > SCHEMA_VERSION:
        from newsdesk.errors import StoreError

        raise StoreError(f"the store was written by a newer newsdesk (schema {found} > {SCHEMA_VERSION})")
    for version in range(found + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # re-check inside the write lock: another process may have migrated meanwhile
            row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row and int(row[0]) >= version:
                db.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[version - 1].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return found
