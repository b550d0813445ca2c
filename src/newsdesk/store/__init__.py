"""Where the corpus lives. `open_store(db)` gives a `Store` (see base.py for the contract)."""
from newsdesk.store.base import (AddResult, ArticleSummary, CorpusRow, EntityCount, EntityPage, Ingest, Known,
                                 QuoteRef, Revision, SearchFilters, SearchHit, Store, StoredArticle, StoryDigest, StoryView,
                                 default_db_path, digest_signature, open_store, resolve_db)

__all__ = ["AddResult", "ArticleSummary", "CorpusRow", "EntityCount", "EntityPage", "Ingest", "Known", "QuoteRef",
           "Revision", "SearchFilters", "SearchHit", "Store", "StoredArticle", "StoryDigest", "StoryView",
           "default_db_path", "digest_signature", "open_store", "resolve_db"]
