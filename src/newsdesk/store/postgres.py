"""The shared store: PostgreSQL through psycopg 3, for many users on one server and for batch jobs.

Selected by a `postgresql://` URL (`--db` or NEWSDESK_DB). An optional `schema=NAME` query parameter
keeps the tables in their own schema (created if absent), e.g.
`postgresql://user:pw@host:5432/news?schema=newsdesk`; without it they live in the user's default
search_path (usually `public`).

It behaves as the SQLite store does (see base.py): `add()` writes an article, its revision, its
entities, quotes, full-text row, story and copy links in ONE transaction; the same key with the same
content adds nothing. Writers are serialised by a transaction-level advisory lock (one writer at a
time, as with SQLite), readers never wait. Search is a GIN-indexed tsvector with `ts_rank` and
`ts_headline` snippets, matches wrapped in [ ].
"""
from __future__ import annotations

import json
import threading
import zlib
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsdesk.errors import NotFound, StoreError
from newsdesk.model import Article, Quote, Span
from newsdesk.store.base import (AddResult, ArticleSummary, CorpusRow, EntityCount, EntityPage, Ingest, Known,
                                 QuoteRef, Revision, SearchFilters, SearchHit, StoredArticle, StoryDigest, StoryView,
                                 describe_change, signature_of)
from newsdesk.store.rows import SUMMARY_COLS, body_snippets, merge_variants, story_views
from newsdesk.store.rows import now as _now, summary as _summary
from newsdesk.store.postgres_schema import SCHEMA_VERSION, migrate, ts_query

_CHUNK = 5000       # corpus_rows pages through the table this many rows at a time
_HEADLINE = 'StartSel="[", StopSel="]", MinWords=12, MaxWords=30, MaxFragments=2, FragmentDelimiter=" … "'




def _text(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters; a stray one from a bad page becomes a space."""
    return value.replace("\x00", " ") if value and "\x00" in value else value


def split_url(url: str) -> tuple[str, str | None, str]:
    """postgresql://...?schema=X -> (conninfo for libpq, schema or None, URL without password for messages)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None) or None
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    conninfo = urlunsplit((parts.scheme, parts.netloc, parts.path, rest, parts.fragment))
    host = parts.hostname or "localhost"
    shown = f"{parts.scheme}://{parts.username + '@' if parts.username else ''}{host}" \
            f"{':' + str(parts.port) if parts.port else ''}{parts.path}" + (f"?schema={schema}" if schema else "")
    return conninfo, schema, shown


class PostgresStore:
    """`Store` over a PostgreSQL database. Safe to share between threads (calls are serialised)."""

    def __init__(self, url: str, *, readonly: bool = False, connect_timeout: int = 10):
        import psycopg
        from psycopg import sql

        conninfo, schema, self.url = split_url(url)
        self._lock = threading.RLock()
        try:
            self._db = psycopg.connect(conninfo, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.url}: {_first_line(exc)}") from None
        try:
            if schema:
                if not readonly:
                    self._db.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
                self._db.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
            where = self._db.execute("SELECT current_database() || '.' || current_schema()").fetchone()[0]
            # one writer at a time per store: an advisory lock keyed by database + schema
            self._write_key = zlib.crc32(f"newsdesk:{where}".encode())
            if readonly:
                self._db.execute("SET default_transaction_read_only = on")
                if self.schema_version() > SCHEMA_VERSION:
                    raise StoreError(f"{self.url} was written by a newer newsdesk (schema {self.schema_version()})")
            else:
                migrate(self._db, self._write_key)
        except psycopg.Error as exc:
            self._db.close()
            raise StoreError(f"cannot open store {self.url}: {_first_line(exc)}") from None

    # ---- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def schema_version(self) -> int:
        rows = self._q("SELECT value FROM meta WHERE key='schema_version'") if self._has_meta() else []
        return int(rows[0][0]) if rows else 0

    def _has_meta(self) -> bool:
        return self._q("SELECT to_regclass('meta') IS NOT NULL")[0][0]

    @contextmanager
    def _tx(self):
        """One write transaction, holding the store's writer lock until it commits or rolls back."""
        import psycopg

        with self._lock:
            try:
                with self._db.transaction():
                    self._db.execute("SELECT pg_advisory_xact_lock(%s)", (self._write_key,))
                    yield self._db
            except psycopg.Error as exc:
                raise StoreError(f"store write failed: {_first_line(exc)}") from None

    def _q(self, query: str, params: tuple | list = ()) -> list[tuple]:
        import psycopg

        with self._lock:
            try:
                return self._db.execute(query, params).fetchall()
            except psycopg.Error as exc:
                raise StoreError(f"store query failed: {_first_line(exc)}") from None

    # ---- writing --------------------------------------------------------------------------------
    def lookup(self, key: str) -> Known | None:
        rows = self._q("SELECT id, revision, content_hash, source_hash, story_id FROM articles WHERE key=%s", (key,))
        return Known(*rows[0]) if rows else None

    def add(self, item: Ingest) -> AddResult:
        from psycopg.types.json import Jsonb

        art = item.article
        now = _now()
        with self._tx() as db:
            old = db.execute("SELECT id, revision, content_hash, story_id FROM articles WHERE key=%s FOR UPDATE",
                             (item.key,)).fetchone()
            if old and old[2] == item.content_hash:
                if item.source_hash:
                    db.execute("UPDATE articles SET source_hash=%s WHERE id=%s", (item.source_hash, old[0]))
                return AddResult("unchanged", old[0], old[1], old[3])
            story_id = self._story_for(db, item.story_id, item.story_title, now)
            cols = dict(input=_text(art.input), url=_text(art.url), title=_text(art.title),
                        published=_text(art.published), publisher=_text(art.publisher), agency=_text(art.agency),
                        category=_text(art.category), language=art.language, summary=_text(art.summary),
                        story_id=story_id, origin_id=item.origin_id, content_hash=item.content_hash,
                        source_hash=item.source_hash, features=Jsonb(dict(item.features)), updated_at=now)
            if old:
                article_id, revision = old[0], old[1] + 1
                prev = Article.from_dict(json.loads(db.execute(
                    "SELECT data FROM revisions WHERE article_id=%s AND revision=%s", (article_id, old[1])
                ).fetchone()[0]))
                change = describe_change(prev, art)
                db.execute(f"UPDATE articles SET {', '.join(k + '=%s' for k in cols)}, revision=%s WHERE id=%s",
                           (*cols.values(), revision, article_id))
                db.execute("UPDATE revisions SET current=false WHERE article_id=%s", (article_id,))
                for table in ("entities", "quotes", "fts"):
                    db.execute(f"DELETE FROM {table} WHERE article_id=%s", (article_id,))
                status = "revised"
            else:
                revision, change = 1, {}
                article_id = db.execute(
                    f"INSERT INTO articles (key, ingested_at, revision, {', '.join(cols)}) "
                    f"VALUES (%s, %s, 1, {', '.join(['%s'] * len(cols))}) RETURNING id",
                    (item.key, now, *cols.values())).fetchone()[0]
                status = "new"
            # the revision keeps the article as JSON text: exact round trip, NULs escaped as \u0000
            db.execute("INSERT INTO revisions (article_id, revision, current, content_hash, ingested_at, title, data,"
                       " change) VALUES (%s, %s, true, %s, %s, %s, %s, %s)",
                       (article_id, revision, item.content_hash, now, _text(art.title),
                        json.dumps(art.to_dict(), ensure_ascii=False), Jsonb(change)))
            self._index(db, article_id, art)
            changed = {story_id, old[3] if old else None}
            if item.adopt_copies:
                changed.update(r[0] for r in db.execute("SELECT story_id FROM articles WHERE id = ANY(%s)",
                                                        (list(item.adopt_copies),)).fetchall())
                db.execute("UPDATE articles SET origin_id=%s WHERE id = ANY(%s) AND id<>%s",
                           (article_id, list(item.adopt_copies), article_id))
            self._drop_digests(db, changed)
            if old and old[3] != story_id:
                self._drop_empty_stories(db, [old[3]])
        return AddResult(status, article_id, revision, story_id)

    def _story_for(self, db, story_id: int | None, title: str | None, now: str) -> int:
        title = _text(title)
        if story_id is not None and db.execute("SELECT 1 FROM stories WHERE id=%s", (story_id,)).fetchone():
            db.execute("UPDATE stories SET title=COALESCE(%s, title), updated_at=%s WHERE id=%s",
                       (title, now, story_id))
            return story_id
        if story_id is not None:
            db.execute("INSERT INTO stories (id, title, created_at, updated_at) VALUES (%s, %s, %s, %s)",
                       (story_id, title, now, now))
            # an explicit id does not advance the identity sequence: move it past the largest id
            db.execute("SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT MAX(id) FROM stories))")
            return story_id
        return db.execute("INSERT INTO stories (title, created_at, updated_at) VALUES (%s, %s, %s) RETURNING id",
                          (title, now, now)).fetchone()[0]

    def _index(self, db, article_id: int, art: Article) -> None:
        from psycopg.types.json import Jsonb

        with db.cursor() as cur:
            cur.executemany("INSERT INTO entities (article_id, name, type, mentions, titles) VALUES (%s, %s, %s, %s, %s)",
                            [(article_id, _text(e.name), e.type, len(e.mentions), Jsonb([_text(t) for t in e.titles]))
                             for e in {e.name: e for e in art.entities}.values()])
            cur.executemany("INSERT INTO quotes (article_id, seq, speaker, cue, content, kind, start_, end_)"
                            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                            [(article_id, i, _text(q.speaker), _text(q.cue), _text(q.content), q.kind,
                              q.content_span.start, q.content_span.end) for i, q in enumerate(art.quotes)])
        db.execute("INSERT INTO fts (article_id, title, body) VALUES (%s, %s, %s)",
                   (article_id, _text(art.title) or "", _text(art.text) or ""))

    def _drop_digests(self, db, story_ids: set[int | None]) -> None:
        """These stories' articles changed: their digests are out of date (timeline.refresh_story_digests)."""
        ids = [s for s in story_ids if s is not None]
        if ids:
            db.execute("DELETE FROM story_digests WHERE story_id = ANY(%s)", (ids,))

    def _drop_empty_stories(self, db, ids: list[int | None]) -> None:
        for sid in ids:
            if sid is not None and not db.execute("SELECT 1 FROM articles WHERE story_id=%s LIMIT 1",
                                                  (sid,)).fetchone():
                db.execute("DELETE FROM stories WHERE id=%s", (sid,))

    def move_articles(self, story_of: Mapping[int, int], titles: Mapping[int, str | None]) -> dict[int, int]:
        now = _now()
        created: dict[int, int] = {}
        with self._tx() as db:
            old = {r[0] for r in db.execute("SELECT DISTINCT story_id FROM articles WHERE id = ANY(%s)",
                                            (list(story_of),)).fetchall()} if story_of else set()
            for sid in sorted(set(story_of.values()) | set(titles)):
                if sid < 0:
                    created[sid] = self._story_for(db, None, titles.get(sid), now)
                else:
                    self._story_for(db, sid, titles.get(sid), now)
            with db.cursor() as cur:
                cur.executemany("UPDATE articles SET story_id=%s WHERE id=%s",
                                [(created.get(s, s), a) for a, s in story_of.items()])
            self._drop_digests(db, old | {created.get(s, s) for s in story_of.values()})
            self._drop_empty_stories(db, sorted(s for s in old if s is not None))
        return created

    def meta(self, key: str) -> str | None:
        rows = self._q("SELECT value FROM meta WHERE key=%s", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (%s, %s) "
                       "ON CONFLICT (key) DO UPDATE SET value=EXCLUDED.value", (key, value))

    def corpus_rows(self) -> Iterator[CorpusRow]:
        last = 0
        while True:     # keyset pages: memory stays flat however large the corpus
            rows = self._q("SELECT id, story_id, origin_id, published, title, features FROM articles "
                           "WHERE id > %s ORDER BY id LIMIT %s", (last, _CHUNK))
            for r in rows:
                yield CorpusRow(r[0], r[1], r[2], r[3], r[4], r[5] or {})
            if len(rows) < _CHUNK:
                return
            last = rows[-1][0]

    # ---- reading --------------------------------------------------------------------------------
    def article(self, article_id: int, revision: int | None = None) -> StoredArticle:
        rows = self._q(f"SELECT {SUMMARY_COLS}, r.data FROM articles a JOIN revisions r ON r.article_id=a.id "
                       "AND r.revision=COALESCE(%s, a.revision) WHERE a.id=%s", (revision, article_id))
        if not rows:
            raise NotFound(f"no article {article_id}" + (f" revision {revision}" if revision else ""))
        summary = _summary(rows[0])
        if revision is not None and revision != summary.revision:
            summary = ArticleSummary(**{**summary.__dict__, "revision": revision})
        return StoredArticle(summary, Article.from_dict(json.loads(rows[0][14])))

    def articles(self, ids: list[int]) -> list[StoredArticle]:
        rows = self._q(f"SELECT {SUMMARY_COLS}, r.data FROM articles a JOIN revisions r ON r.article_id=a.id"
                       " AND r.revision=a.revision WHERE a.id = ANY(%s)", (list(ids),))
        found = {r[0]: StoredArticle(_summary(r), Article.from_dict(json.loads(r[14]))) for r in rows}
        return [found[i] for i in ids if i in found]

    def recent(self, limit: int = 50, offset: int = 0, *, category: str | None = None,
               publisher: str | None = None) -> list[ArticleSummary]:
        where, params = ["true"], []
        if category:
            where.append("a.category=%s")
            params.append(category)
        if publisher:
            where.append("a.publisher=%s")
            params.append(publisher)
        rows = self._q(f"SELECT {SUMMARY_COLS} FROM articles a WHERE {' AND '.join(where)} "
                       "ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT %s OFFSET %s",
                       (*params, limit, offset))
        return [_summary(r) for r in rows]

    def _story_views(self, story_rows: list[tuple]) -> list[StoryView]:
        if not story_rows:
            return []
        ids = [r[0] for r in story_rows]
        return story_views(story_rows, self._q(f"SELECT {SUMMARY_COLS} FROM articles a WHERE a.story_id = ANY(%s) "
                                               "ORDER BY COALESCE(a.published, '9999'), a.id", (ids,)))

    def stories(self, limit: int | None = None, offset: int = 0) -> list[StoryView]:
        rows = self._q("SELECT id, title FROM stories ORDER BY updated_at DESC, id DESC LIMIT %s OFFSET %s",
                       (limit, offset))
        return self._story_views(rows)

    def story(self, story_id: int, *, entities: bool = True) -> StoryView:
        """`entities=False` skips the story's entity counts (a story link or listing needs no counts)."""
        rows = self._q("SELECT id, title FROM stories WHERE id=%s", (story_id,))
        if not rows:
            raise NotFound(f"no story {story_id}")
        view = self._story_views(rows)[0]
        if not entities:
            return view
        # COUNT(*) counts articles: `_index` stores one row per (article, name)
        ents = self._q("SELECT e.name, mode() WITHIN GROUP (ORDER BY e.type), COUNT(*) n "
                       "FROM entities e JOIN articles a ON a.id=e.article_id "
                       "WHERE a.story_id=%s AND a.origin_id IS NULL "
                       "GROUP BY e.name ORDER BY n DESC, SUM(e.mentions) DESC, e.name LIMIT 12", (story_id,))
        return StoryView(view.id, view.title, view.articles, tuple(EntityCount(*e) for e in ents),
                         view.first_published, view.last_published)

    def entity(self, name: str) -> EntityPage:
        # one row per distinct (name, type, titles) in order of first appearance: few, however big the name
        variants = ("SELECT name, type, titles::text, COUNT(*), MIN(article_id) first FROM entities WHERE {} "
                    "GROUP BY name, type, titles::text ORDER BY first")
        rows = self._q(variants.format("name=%s"), (name,))
        if not rows:
            rows = self._q(variants.format("lower(name)=lower(%s)"), (name,))
        if not rows:
            raise NotFound(f"no entity named {name!r}")
        name = rows[0][0]
        type_, titles = merge_variants(rows)
        arts = self._q(f"SELECT {SUMMARY_COLS} FROM articles a WHERE a.id IN "
                       "(SELECT article_id FROM entities WHERE name=%s) "
                       "ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT 200", (name,))
        quotes = self._q(f"SELECT {SUMMARY_COLS}, q.speaker, q.cue, q.content, q.kind, q.start_, q.end_ "
                         "FROM quotes q JOIN articles a ON a.id=q.article_id WHERE q.speaker=%s "
                         "ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC, q.seq LIMIT 200", (name,))
        # co-occurring entities among those newest articles (as the SQLite store does)
        related = self._q("SELECT name, mode() WITHIN GROUP (ORDER BY type), COUNT(*) n FROM entities "
                          "WHERE article_id = ANY(%s) AND name<>%s GROUP BY name ORDER BY n DESC, name LIMIT 12",
                          ([r[0] for r in arts], name)) if arts else []
        return EntityPage(
            name=name, type=type_, titles=titles,
            articles=tuple(_summary(r) for r in arts),
            quotes=tuple(QuoteRef(_summary(r), Quote(r[14], None, r[15], None, r[16], Span(r[18], r[19]), r[17]))
                         for r in quotes),
            related=tuple(EntityCount(*r) for r in related))

    def top_entities(self, limit: int = 50, type: str | None = None) -> list[EntityCount]:
        rows = self._q("SELECT name, mode() WITHIN GROUP (ORDER BY type), COUNT(*) n "
                       "FROM entities " + ("WHERE type=%s " if type else "") +
                       "GROUP BY name ORDER BY n DESC, name LIMIT %s", (type, limit) if type else (limit,))
        return [EntityCount(*r) for r in rows]

    def search(self, query: str, filters: SearchFilters = SearchFilters()) -> list[SearchHit]:
        parsed = ts_query(query)
        if parsed is None:
            return []
        tsq, params = parsed
        ts_params = list(params)            # (`params` grows with the filters below)
        where: list[str] = ["f.tsv @@ q.q"]
        if filters.since:
            where.append("a.published >= %s")
            params.append(filters.since)
        if filters.until:
            where.append("substr(a.published, 1, 10) <= %s")
            params.append(filters.until)
        if filters.publisher:
            where.append("lower(a.publisher) = lower(%s)")
            params.append(filters.publisher)
        if filters.story_id is not None:
            where.append("a.story_id = %s")
            params.append(filters.story_id)
        if filters.entity:
            where.append("a.id IN (SELECT article_id FROM entities WHERE lower(name) = lower(%s))")
            params.append(filters.entity)
        # rank first, then cut snippets for the page of hits only; weights {D, C, B, A}: the headline (A)
        # weighs 5x the body (D), as in the SQLite store. Snippets are cut in Python as the SQLite store
        # does (snippets.py; ts_headline re-parses each hit's body); ts_headline cuts the few it cannot.
        rows = self._q(
            f"WITH q AS (SELECT {tsq} AS q), hits AS MATERIALIZED ("
            "  SELECT f.article_id, ts_rank('{0.2, 0.2, 0.4, 1.0}', f.tsv, q.q, 1) AS rank"
            f"  FROM fts f JOIN articles a ON a.id=f.article_id, q WHERE {' AND '.join(where)}"
            "  ORDER BY rank DESC, f.article_id LIMIT %s OFFSET %s) "
            f"SELECT {SUMMARY_COLS}, h.rank, f.title, f.body "
            "FROM hits h JOIN articles a ON a.id=h.article_id JOIN fts f ON f.article_id=h.article_id "
            "ORDER BY h.rank DESC, h.article_id",
            (*params, filters.limit, filters.offset))
        cuts, missing = body_snippets(rows, query)
        if missing:
            # from the body when the body matches, else from the headline
            cuts.update(self._q(
                f"WITH q AS (SELECT {tsq} AS q) SELECT f.article_id, CASE WHEN ts_filter(f.tsv, '{{d}}') @@ q.q "
                "THEN ts_headline('english', f.body, q.q, %s) ELSE ts_headline('english', f.title, q.q, %s) END "
                "FROM fts f, q WHERE f.article_id = ANY(%s)", (*ts_params, _HEADLINE, _HEADLINE, missing)))
        return [SearchHit(_summary(r), float(r[14]), cuts[r[0]] or "") for r in rows]

    def copies(self, article_id: int) -> list[ArticleSummary]:
        rows = self._q("SELECT COALESCE(origin_id, id) FROM articles WHERE id=%s", (article_id,))
        if not rows:
            raise NotFound(f"no article {article_id}")
        origin = rows[0][0]
        group = self._q(f"SELECT {SUMMARY_COLS} FROM articles a WHERE a.id=%s OR a.origin_id=%s "
                        "ORDER BY a.id<>%s, COALESCE(a.published, '9999'), a.id", (origin, origin, origin))
        return [_summary(r) for r in group]

    def revisions(self, article_id: int) -> list[Revision]:
        rows = self._q("SELECT article_id, revision, current, content_hash, ingested_at, title, change "
                       "FROM revisions WHERE article_id=%s ORDER BY revision DESC", (article_id,))
        if not rows:
            raise NotFound(f"no article {article_id}")
        return [Revision(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6] or {}) for r in rows]

    def story_digest(self, story_id: int) -> StoryDigest | None:
        rows = self._q("SELECT signature, data FROM story_digests WHERE story_id=%s", (story_id,))
        return StoryDigest(story_id, rows[0][0], json.loads(rows[0][1])) if rows else None

    def put_story_digests(self, digests: Iterable[StoryDigest]) -> int:
        kept = 0
        with self._tx() as db:
            for d in digests:
                now = signature_of(db.execute("SELECT id, revision, origin_id FROM articles WHERE story_id=%s",
                                              (d.story_id,)).fetchall())
                if now == d.signature:
                    # JSON text as the revisions keep articles: exact round trip, NULs escaped as \u0000
                    db.execute("INSERT INTO story_digests (story_id, signature, data) VALUES (%s, %s, %s) "
                               "ON CONFLICT (story_id) DO UPDATE SET signature=EXCLUDED.signature, "
                               "data=EXCLUDED.data",
                               (d.story_id, d.signature, json.dumps(d.data, ensure_ascii=False, separators=(",", ":"))))
                    kept += 1
        return kept

    def stories_without_digest(self) -> list[int]:
        rows = self._q("SELECT s.id FROM stories s LEFT JOIN story_digests d ON d.story_id=s.id "
                       "WHERE d.story_id IS NULL ORDER BY s.id")
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        row = self._q("SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM revisions), "
                      "(SELECT COUNT(*) FROM stories), (SELECT COUNT(*) FROM articles WHERE origin_id IS NOT NULL), "
                      "(SELECT COUNT(DISTINCT name) FROM entities), (SELECT COUNT(*) FROM quotes)")[0]
        return dict(zip(("articles", "revisions", "stories", "copies", "entities", "quotes"), map(int, row)))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
