"""The default store: one SQLite file, WAL (readers keep working while one writer ingests), FTS5 for
search, a versioned schema upgraded by `migrations.py` when opened.

Each article keeps every revision as `Article.to_dict()` JSON (table `revisions`); the `articles`
row holds the current revision's indexed columns, and `entities`, `quotes` and the FTS index hold
the current revision only. `add()` writes all of it inside one `BEGIN IMMEDIATE` transaction.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from newsdesk.errors import NotFound, StoreError
from newsdesk.model import Article, Quote, Span
from newsdesk.store.base import (AddResult, ArticleSummary, CorpusRow, EntityCount, EntityPage, Ingest, Known,
                                 QuoteRef, Revision, SearchFilters, SearchHit, StoredArticle, StoryDigest, StoryView,
                                 describe_change, signature_of)
from newsdesk.store.migrations import SCHEMA_VERSION, migrate
from newsdesk.store.rows import SUMMARY_COLS, body_snippets, merge_variants, story_views
from newsdesk.store.rows import now as _now, summary as _summary
from newsdesk.store.query import fts_query





class SQLiteStore:
    """`Store` over one SQLite file. Safe to share between threads (calls are serialised)."""

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0):
        self.url = str(path)
        self._lock = threading.RLock()
        p = Path(path)
        try:
            if readonly:
                if not p.exists():
                    raise StoreError(f"no store at {path}")
                self._db = sqlite3.connect(f"file:{p}?mode=ro", uri=True, timeout=timeout,
                                           check_same_thread=False, isolation_level=None)
            else:
                p.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(str(p), timeout=timeout, check_same_thread=False,
                                           isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across a killed process
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            if not readonly:
                migrate(self._db)
            elif self.schema_version() > SCHEMA_VERSION:
                raise StoreError(f"{path} was written by a newer newsdesk (schema {self.schema_version()})")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from None

    # ---- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"store {self.url} is busy or read-only: {exc}") from None
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")

    def _q(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"store query failed: {exc}") from None

    # ---- writing --------------------------------------------------------------------------------
    def lookup(self, key: str) -> Known | None:
        rows = self._q("SELECT id, revision, content_hash, source_hash, story_id FROM articles WHERE key=?", (key,))
        return Known(*rows[0]) if rows else None

    def add(self, item: Ingest) -> AddResult:
        art = item.article
        now = _now()
        with self._tx() as db:
            old = db.execute("SELECT id, revision, content_hash, story_id FROM articles WHERE key=?",
                             (item.key,)).fetchone()
            if old and old[2] == item.content_hash:
                if item.source_hash:
                    db.execute("UPDATE articles SET source_hash=? WHERE id=?", (item.source_hash, old[0]))
                return AddResult("unchanged", old[0], old[1], old[3])
            story_id = self._story_for(db, item.story_id, item.story_title, now)
            cols = dict(input=art.input, url=art.url, title=art.title, published=art.published,
                        publisher=art.publisher, agency=art.agency, category=art.category,
                        language=art.language, summary=art.summary, story_id=story_id,
                        origin_id=item.origin_id, content_hash=item.content_hash, source_hash=item.source_hash,
                        features=json.dumps(item.features, separators=(",", ":")), updated_at=now)
            if old:
                article_id, revision = old[0], old[1] + 1
                prev = Article.from_dict(json.loads(db.execute(
                    "SELECT data FROM revisions WHERE article_id=? AND revision=?", (article_id, old[1])).fetchone()[0]))
                change = describe_change(prev, art)
                db.execute(f"UPDATE articles SET {', '.join(k + '=?' for k in cols)}, revision=? WHERE id=?",
                           (*cols.values(), revision, article_id))
                db.execute("UPDATE revisions SET current=0 WHERE article_id=?", (article_id,))
                for table in ("entities", "quotes"):
                    db.execute(f"DELETE FROM {table} WHERE article_id=?", (article_id,))
                db.execute("DELETE FROM fts WHERE rowid=?", (article_id,))
                status = "revised"
            else:
                revision, change = 1, {}
                cur = db.execute(f"INSERT INTO articles (key, ingested_at, revision, {', '.join(cols)}) "
                                 f"VALUES (?, ?, 1, {', '.join('?' * len(cols))})",
                                 (item.key, now, *cols.values()))
                article_id = cur.lastrowid
                status = "new"
            db.execute("INSERT INTO revisions (article_id, revision, current, content_hash, ingested_at, title, data,"
                       " change) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
                       (article_id, revision, item.content_hash, now, art.title,
                        json.dumps(art.to_dict(), ensure_ascii=False), json.dumps(change, ensure_ascii=False)))
            self._index(db, article_id, art)
            changed = {story_id, old[3] if old else None}
            if item.adopt_copies:
                marks = ",".join("?" * len(item.adopt_copies))
                changed.update(r[0] for r in db.execute(f"SELECT story_id FROM articles WHERE id IN ({marks})",
                                                        item.adopt_copies))
                db.execute(f"UPDATE articles SET origin_id=? WHERE id IN ({marks}) AND id<>?",
                           (article_id, *item.adopt_copies, article_id))
            self._drop_digests(db, changed)
            if old and old[3] != story_id:
                self._drop_empty_stories(db, [old[3]])
        return AddResult(status, article_id, revision, story_id)

    def _story_for(self, db: sqlite3.Connection, story_id: int | None, title: str | None, now: str) -> int:
        if story_id is not None and db.execute("SELECT 1 FROM stories WHERE id=?", (story_id,)).fetchone():
            db.execute("UPDATE stories SET title=COALESCE(?, title), updated_at=? WHERE id=?", (title, now, story_id))
            return story_id
        if story_id is not None:
            db.execute("INSERT INTO stories (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                       (story_id, title, now, now))
            return story_id
        return db.execute("INSERT INTO stories (title, created_at, updated_at) VALUES (?, ?, ?)",
                          (title, now, now)).lastrowid

    def _index(self, db: sqlite3.Connection, article_id: int, art: Article) -> None:
        db.executemany("INSERT INTO entities (article_id, name, type, mentions, titles) VALUES (?, ?, ?, ?, ?)",
                       [(article_id, e.name, e.type, len(e.mentions), json.dumps(list(e.titles)))
                        for e in {e.name: e for e in art.entities}.values()])
        db.executemany("INSERT INTO quotes (article_id, seq, speaker, cue, content, kind, start, end_)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [(article_id, i, q.speaker, q.cue, q.content, q.kind, q.content_span.start,
                         q.content_span.end) for i, q in enumerate(art.quotes)])
        db.execute("INSERT INTO fts (rowid, title, text) VALUES (?, ?, ?)", (article_id, art.title or "", art.text))

    def _drop_digests(self, db: sqlite3.Connection, story_ids: set[int | None]) -> None:
        """These stories' articles changed: their digests are out of date (timeline.refresh_story_digests)."""
        db.executemany("DELETE FROM story_digests WHERE story_id=?", [(s,) for s in story_ids if s is not None])

    def _drop_empty_stories(self, db: sqlite3.Connection, ids: list[int | None]) -> None:
        for sid in ids:
            if sid is not None and not db.execute("SELECT 1 FROM articles WHERE story_id=? LIMIT 1",
                                                  (sid,)).fetchone():
                db.execute("DELETE FROM stories WHERE id=?", (sid,))

    def move_articles(self, story_of: Mapping[int, int], titles: Mapping[int, str | None]) -> dict[int, int]:
        now = _now()
        created: dict[int, int] = {}
        with self._tx() as db:
            old = {r[0] for r in db.execute("SELECT DISTINCT story_id FROM articles WHERE id IN (%s)"
                                            % ",".join("?" * len(story_of)), list(story_of))} if story_of else set()
            for sid in sorted(set(story_of.values()) | set(titles)):
                if sid < 0:
                    created[sid] = self._story_for(db, None, titles.get(sid), now)
                else:
                    self._story_for(db, sid, titles.get(sid), now)
            db.executemany("UPDATE articles SET story_id=? WHERE id=?",
                           [(created.get(s, s), a) for a, s in story_of.items()])
            self._drop_digests(db, old | {created.get(s, s) for s in story_of.values()})
            self._drop_empty_stories(db, sorted(old))
        return created

    def meta(self, key: str) -> str | None:
        rows = self._q("SELECT value FROM meta WHERE key=?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def corpus_rows(self) -> Iterator[CorpusRow]:
        rows = self._q("SELECT id, story_id, origin_id, published, title, features FROM articles ORDER BY id")
        for r in rows:
            yield CorpusRow(r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "{}"))

    # ---- reading --------------------------------------------------------------------------------
    def article(self, article_id: int, revision: int | None = None) -> StoredArticle:
        rows = self._q(f"SELECT {SUMMARY_COLS}, r.data FROM articles a JOIN revisions r ON r.article_id=a.id "
                       "AND r.revision=COALESCE(?, a.revision) WHERE a.id=?", (revision, article_id))
        if not rows:
            raise NotFound(f"no article {article_id}" + (f" revision {revision}" if revision else ""))
        summary = _summary(rows[0])
        if revision is not None and revision != summary.revision:
            summary = ArticleSummary(**{**summary.__dict__, "revision": revision})
        return StoredArticle(summary, Article.from_dict(json.loads(rows[0][14])))

    def articles(self, ids: list[int]) -> list[StoredArticle]:
        out = []
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            rows = self._q(f"SELECT {SUMMARY_COLS}, r.data FROM articles a JOIN revisions r ON r.article_id=a.id"
                           f" AND r.revision=a.revision WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            found = {r[0]: StoredArticle(_summary(r), Article.from_dict(json.loads(r[14]))) for r in rows}
            out.extend(found[i] for i in chunk if i in found)
        return out

    def recent(self, limit: int = 50, offset: int = 0, *, category: str | None = None,
               publisher: str | None = None) -> list[ArticleSummary]:
        where, params = ["1=1"], []
        if category:
            where.append("a.category=?")
            params.append(category)
        if publisher:
            where.append("a.publisher=?")
            params.append(publisher)
        rows = self._q(f"SELECT {SUMMARY_COLS} FROM articles a WHERE {' AND '.join(where)} "
                       "ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT ? OFFSET ?",
                       (*params, limit, offset))
        return [_summary(r) for r in rows]

    def _story_views(self, story_rows: list[sqlite3.Row]) -> list[StoryView]:
        if not story_rows:
            return []
        ids = [r[0] for r in story_rows]
        chunks = (ids[i:i + 500] for i in range(0, len(ids), 500))
        return story_views(story_rows, (
            r for chunk in chunks
            for r in self._q(f"SELECT {SUMMARY_COLS} FROM articles a WHERE a.story_id IN "
                             f"({','.join('?' * len(chunk))}) ORDER BY COALESCE(a.published, '9999'), a.id", chunk)))

    def stories(self, limit: int | None = None, offset: int = 0) -> list[StoryView]:
        rows = self._q("SELECT id, title FROM stories ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
                       (-1 if limit is None else limit, offset))
        return self._story_views(rows)

    def story(self, story_id: int, *, entities: bool = True) -> StoryView:
        """`entities=False` skips the story's entity counts (a story link or listing needs no counts)."""
        rows = self._q("SELECT id, title FROM stories WHERE id=?", (story_id,))
        if not rows:
            raise NotFound(f"no story {story_id}")
        view = self._story_views(rows)[0]
        if not entities:
            return view
        # COUNT(*) counts articles: `_index` stores one row per (article, name)
        ents = self._q("SELECT e.name, e.type, COUNT(*) n FROM entities e JOIN articles a "
                       "ON a.id=e.article_id WHERE a.story_id=? AND a.origin_id IS NULL "
                       "GROUP BY e.name ORDER BY n DESC, SUM(e.mentions) DESC LIMIT 12", (story_id,))
        return StoryView(view.id, view.title, view.articles, tuple(EntityCount(*e) for e in ents),
                         view.first_published, view.last_published)

    def entity(self, name: str) -> EntityPage:
        # one row per distinct (name, type, titles), in order of first appearance: a name in thousands
        # of articles has few variants, so this reads the rows once and hands Python a handful
        variants = ("SELECT name, type, titles, COUNT(*), MIN(rowid) first FROM entities WHERE name=?{} "
                    "GROUP BY name, type, titles ORDER BY first")
        rows = self._q(variants.format(""), (name,))
        if not rows:
            rows = self._q(variants.format(" COLLATE NOCASE"), (name,))
        if not rows:
            raise NotFound(f"no entity named {name!r}")
        name = rows[0][0]
        type_, titles = merge_variants(rows)
        # newest 200 articles (one entities row per article and name): sort the ids on the index, then
        # read the summaries of those 200 only
        arts = self._q(f"SELECT {SUMMARY_COLS} FROM (SELECT e.article_id id FROM entities e "
                       "JOIN articles a ON a.id=e.article_id WHERE e.name=? "
                       "ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT 200) top "
                       "JOIN articles a ON a.id=top.id ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC",
                       (name,))
        quotes = self._q(f"SELECT {SUMMARY_COLS}, q.speaker, q.cue, q.content, q.kind, q.start, q.end_ "
                         "FROM (SELECT q.rowid qid FROM quotes q JOIN articles a ON a.id=q.article_id "
                         "WHERE q.speaker=? ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC, q.seq "
                         "LIMIT 200) top JOIN quotes q ON q.rowid=top.qid JOIN articles a ON a.id=q.article_id "
                         "ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC, q.seq", (name,))
        # co-occurring entities among those newest articles (all of them would cost a scan of every
        # article of a big name; the page lists the same newest articles)
        marks = ",".join("?" * len(arts))
        related = self._q("SELECT name, type, COUNT(*) n FROM entities "
                          f"WHERE article_id IN ({marks}) AND name<>? GROUP BY name ORDER BY n DESC LIMIT 12",
                          (*(r[0] for r in arts), name)) if arts else []
        return EntityPage(
            name=name, type=type_, titles=titles,
            articles=tuple(_summary(r) for r in arts),
            quotes=tuple(QuoteRef(_summary(r), Quote(r[14], None, r[15], None, r[16], Span(r[18], r[19]), r[17]))
                         for r in quotes),
            related=tuple(EntityCount(*r) for r in related))

    def top_entities(self, limit: int = 50, type: str | None = None) -> list[EntityCount]:
        # COUNT(*) counts articles: `_index` stores one row per (article, name)
        rows = self._q("SELECT name, type, COUNT(*) n FROM entities "
                       + ("WHERE type=? " if type else "") + "GROUP BY name ORDER BY n DESC, name LIMIT ?",
                       (type, limit) if type else (limit,))
        return [EntityCount(*r) for r in rows]

    def search(self, query: str, filters: SearchFilters = SearchFilters()) -> list[SearchHit]:
        match = fts_query(query)
        if not match:
            return []
        where, params = ["fts MATCH ?"], [match]
        if filters.since:
            where.append("a.published >= ?")
            params.append(filters.since)
        if filters.until:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(filters.until)
        if filters.publisher:
            where.append("a.publisher = ? COLLATE NOCASE")
            params.append(filters.publisher)
        if filters.story_id is not None:
            where.append("a.story_id = ?")
            params.append(filters.story_id)
        if filters.entity:
            where.append("a.id IN (SELECT article_id FROM entities WHERE name = ? COLLATE NOCASE)")
            params.append(filters.entity)
        # bm25: lower is better; the title weighs 5x the body. Rank every match, then cut snippets for
        # the page of hits only. Every fts row has its article: the ranking joins articles only when a
        # filter reads it (the join doubles its cost). CROSS JOIN keeps the page of hits as the outer
        # loop, so fts is read by rowid. Snippets are cut in Python (snippets.py: FTS5's snippet()
        # tokenizes every hit's whole text, up to 20 ms a page); FTS5 cuts the few it cannot.
        rows = self._q(f"SELECT {SUMMARY_COLS}, top.rank, fts.title, fts.text "
                       "FROM (SELECT fts.rowid id, bm25(fts, 5.0, 1.0) rank FROM fts "
                       + ("JOIN articles a ON a.id=fts.rowid " if len(where) > 1 else "") +
                       f"WHERE {' AND '.join(where)} ORDER BY rank, fts.rowid LIMIT ? OFFSET ?) top "
                       "CROSS JOIN fts ON fts.rowid=top.id JOIN articles a ON a.id=top.id "
                       "ORDER BY top.rank, top.id",
                       (*params, filters.limit, filters.offset))
        cuts, missing = body_snippets(rows, query)
        if missing:
            cuts.update(self._q("SELECT rowid, snippet(fts, -1, '[', ']', '…', 24) FROM fts WHERE fts MATCH ? "
                                f"AND rowid IN ({','.join('?' * len(missing))})", (match, *missing)))
        return [SearchHit(_summary(r), -float(r[14]), cuts[r[0]] or "") for r in rows]

    def copies(self, article_id: int) -> list[ArticleSummary]:
        rows = self._q("SELECT COALESCE(origin_id, id) FROM articles WHERE id=?", (article_id,))
        if not rows:
            raise NotFound(f"no article {article_id}")
        origin = rows[0][0]
        group = self._q(f"SELECT {SUMMARY_COLS} FROM articles a WHERE a.id=? OR a.origin_id=? "
                        "ORDER BY a.id<>?, COALESCE(a.published, '9999'), a.id", (origin, origin, origin))
        return [_summary(r) for r in group]

    def revisions(self, article_id: int) -> list[Revision]:
        rows = self._q("SELECT article_id, revision, current, content_hash, ingested_at, title, change "
                       "FROM revisions WHERE article_id=? ORDER BY revision DESC", (article_id,))
        if not rows:
            raise NotFound(f"no article {article_id}")
        return [Revision(r[0], r[1], bool(r[2]), r[3], r[4], r[5], json.loads(r[6] or "{}")) for r in rows]

    def story_digest(self, story_id: int) -> StoryDigest | None:
        rows = self._q("SELECT signature, data FROM story_digests WHERE story_id=?", (story_id,))
        return StoryDigest(story_id, rows[0][0], json.loads(rows[0][1])) if rows else None

    def put_story_digests(self, digests: Iterable[StoryDigest]) -> int:
        kept = 0
        with self._tx() as db:
            for d in digests:
                now = signature_of(db.execute("SELECT id, revision, origin_id FROM articles WHERE story_id=?",
                                              (d.story_id,)).fetchall())
                if now == d.signature:
                    db.execute("INSERT OR REPLACE INTO story_digests (story_id, signature, data) VALUES (?, ?, ?)",
                               (d.story_id, d.signature, json.dumps(d.data, ensure_ascii=False, separators=(",", ":"))))
                    kept += 1
        return kept

    def stories_without_digest(self) -> list[int]:
        rows = self._q("SELECT s.id FROM stories s LEFT JOIN story_digests d ON d.story_id=s.id "
                       "WHERE d.story_id IS NULL ORDER BY s.id")
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        one = lambda sql: self._q(sql)[0][0]  # noqa: E731
        return {"articles": one("SELECT COUNT(*) FROM articles"),
                "revisions": one("SELECT COUNT(*) FROM revisions"),
                "stories": one("SELECT COUNT(*) FROM stories"),
                "copies": one("SELECT COUNT(*) FROM articles WHERE origin_id IS NOT NULL"),
                "entities": one("SELECT COUNT(DISTINCT name) FROM entities"),
                "quotes": one("SELECT COUNT(*) FROM quotes")}
