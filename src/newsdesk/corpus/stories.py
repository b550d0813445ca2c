"""Stories: articles about the same real-world event, clustered online and then consolidated.

Online (`StoryIndex.assign`): a new article joins the existing story it is most similar to on average
(cosine of the rarity-weighted term vectors of features.py, shrunk by distance in time), or opens one.
Candidates come from an inverted index over each article's strongest terms, so assignment costs
about the same at 1k or 1M articles.

Consolidation (`StoryIndex.consolidate`, at the end of each ingest run) makes the result independent
of ingest order: it takes the stories touched by the run and their neighbours, and re-clusters them
in two levels:
  1. *topics*: average-linkage over the same global similarity with a loose cut (the articles share a
     subject: two earthquakes, two rehab stays);
  2. *events* inside each topic: TF-IDF fitted on the topic's own articles (words and bigrams of the
     whole text, the same of the headline and lead alone, and entity names), so the words every
     article of the topic shares weigh little and what tells the events apart — who, where, which
     numbers, which day — weighs most; average-linkage again, with pairs far apart in time pulled
     apart. The lead gets its own share because it states the event itself, while the body also
     recalls earlier look-alike events (the previous fight, arrest or quake), which blurs the two.
Syndicated copies count once: only origins are clustered; copies follow their origin.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import numpy as np

from newsdesk.corpus.features import days_between

ONLINE_MIN_SIM = 0.2        # average similarity to join a story online
TOPIC_MIN_SIM = 0.1         # level 1 cut (average linkage): same subject
EVENT_MIN_SIM = 0.15        # level 2 cut (average linkage, topic-local TF-IDF): same event
NAME_WEIGHT = 0.35          # share of entity-name similarity in the event level
LEAD_WEIGHT = 0.3           # share of headline + lead similarity in the event level (the rest: whole text)
LEAD_BLOCKS = 4             # headline and first three paragraphs: who, where, when of the event
POSTING_TERMS = 12          # strongest terms of an article indexed for candidate search
QUERY_TERMS = 16            # strongest terms of a new article looked up
RECENT_POSTINGS = 400       # per term, only the most recently ingested articles are candidates
MAX_BLOCK = 1500            # largest group clustered densely at once
SAME_TIME_DAYS = 365        # within a year: no time penalty (trials, follow-ups: coverage spreads)
TIME_SCALE_DAYS = 365.0     # beyond it, similarity shrinks by 1 / (1 + extra_days / scale)


def time_factor(a: str | None, b: str | None) -> float:
    gap = days_between(a, b)
    if gap is None or gap <= SAME_TIME_DAYS:
        return 1.0
    return 1.0 / (1.0 + (gap - SAME_TIME_DAYS) / TIME_SCALE_DAYS)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@dataclass
class Doc:
    terms: dict[str, float]
    date: str | None
    title: str | None
    idx: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))      # term ids, sorted
    val: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))    # their weights
    day: int = -1                                                                # date as an ordinal


def _ordinal(value: str | None) -> int:
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).toordinal() if value else -1
    except ValueError:
        return -1


@dataclass
class StoryIndex:
    docs: dict[int, Doc] = field(default_factory=dict)               # origins only
    story_of: dict[int, int] = field(default_factory=dict)           # every article (copies too)
    members: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # story -> origins
    postings: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # term id -> ids
    vocab: dict[str, int] = field(default_factory=dict)
    copies: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))   # origin -> copies
    origin_of: dict[int, int] = field(default_factory=dict)                        # copy -> origin

    # ---- bookkeeping ----------------------------------------------------------------------------
    def add(self, article_id: int, story_id: int, features: Mapping, title: str | None, *,
            origin_id: int | None = None) -> None:
        """Index an article; a syndicated copy (origin_id set) is kept out of the similarity index."""
        self.remove(article_id)
        self.story_of[article_id] = story_id
        if origin_id is not None:
            self.origin_of[article_id] = origin_id
            self.copies[origin_id].add(article_id)
            return
        terms = dict(features.get("terms") or {})
        ids = np.array([self.vocab.setdefault(t, len(self.vocab)) for t in terms], dtype=np.int32)
        order = np.argsort(ids)
        doc = Doc(terms, features.get("date"), title, ids[order],
                  np.array(list(terms.values()), dtype=np.float32)[order], _ordinal(features.get("date")))
        self.docs[article_id] = doc
        self.members[story_id].add(article_id)
        for t, _ in sorted(terms.items(), key=lambda kv: -kv[1])[:POSTING_TERMS]:
            self.postings[self.vocab[t]].append(article_id)   # stale entries are skipped on lookup

    def remove(self, article_id: int) -> None:
        origin = self.origin_of.pop(article_id, None)
        if origin is not None:
            self.copies[origin].discard(article_id)
        story = self.story_of.pop(article_id, None)
        self.docs.pop(article_id, None)
        if story is not None and story in self.members:
            self.members[story].discard(article_id)
            if not self.members[story]:
                del self.members[story]

    def move(self, article_id: int, story_id: int) -> None:
        old = self.story_of.get(article_id)
        self.story_of[article_id] = story_id
        if article_id in self.docs:
            if old is not None:
                self.members[old].discard(article_id)
                if not self.members[old]:
                    del self.members[old]
            self.members[story_id].add(article_id)

    def rename(self, new_ids: Mapping[int, int]) -> None:
        """Placeholder story ids (< 0) got their real ids from the store."""
        if not new_ids:
            return
        for a, s in self.story_of.items():
            if s in new_ids:
                self.story_of[a] = new_ids[s]
        for old, new in new_ids.items():
            if old in self.members:
                self.members[new] = self.members.pop(old)

    # ---- online ---------------------------------------------------------------------------------
    def neighbours(self, terms: Mapping[str, float], date: str | None, exclude: int | None = None,
                   min_sim: float = 0.0) -> dict[int, float]:
        """Recent origins sharing a strong term, with their (time-shrunk) cosine similarity."""
        strongest = sorted(terms.items(), key=lambda kv: -kv[1])[:QUERY_TERMS]
        pools = [self.postings[self.vocab[t]][-RECENT_POSTINGS:] for t, _ in strongest if t in self.vocab]
        if not pools:
            return {}
        found = [a for a in set().union(*pools) if a != exclude and a in self.docs]
        if not found:
            return {}
        q = sorted((self.vocab[t], w) for t, w in terms.items() if t in self.vocab)
        q_idx = np.array([i for i, _ in q], dtype=np.int32)
        q_val = np.array([w for _, w in q], dtype=np.float32)
        docs = [self.docs[a] for a in found]
        lengths = np.array([len(d.idx) for d in docs])
        all_idx = np.concatenate([d.idx for d in docs])
        all_val = np.concatenate([d.val for d in docs])
        pos = np.clip(np.searchsorted(q_idx, all_idx), 0, len(q_idx) - 1)
        contrib = np.where(q_idx[pos] == all_idx, q_val[pos] * all_val, 0.0)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sims = np.add.reduceat(contrib, starts) if len(contrib) else np.zeros(len(docs))
        sims[lengths == 0] = 0.0
        day = _ordinal(date)
        if day >= 0:
            days = np.array([d.day for d in docs])
            gap = np.where(days >= 0, np.abs(days - day), 0)
            sims = sims / (1.0 + np.maximum(0, gap - SAME_TIME_DAYS) / TIME_SCALE_DAYS)
        keep = sims >= min_sim
        return {a: float(x) for a, x, k in zip(found, sims, keep) if k}

    def assign(self, features: Mapping) -> int | None:
        """The story a new article joins, or None to open one."""
        terms, date = features.get("terms") or {}, features.get("date")
        near = self.neighbours(terms, date)
        totals: dict[int, float] = defaultdict(float)
        for a, s in near.items():
            totals[self.story_of[a]] += s
        best, best_score = None, ONLINE_MIN_SIM
        for story, total in totals.items():
            score = total / len(self.members[story])        # average linkage (absent members count 0)
            if score > best_score or (score == best_score and best is not None and story < best):
                best, best_score = story, score
        return best

    # ---- consolidation --------------------------------------------------------------------------
    def consolidate(self, touched: Iterable[int], load_texts: Callable[[list[int]], dict[int, tuple[str, list[str]]]],
                    ) -> tuple[dict[int, int], dict[int, str | None]]:
        """Re-cluster the neighbourhood of `touched` articles.

        `load_texts(ids)` gives {id: (headline + body, entity names)}. Returns ({article: story}, {story:
        title}) for the articles whose story changed and every story whose title may have changed;
        story ids < 0 stand for new stories. The index is updated to match.
        """
        seeds = {self._origin_in_index(a) for a in touched} - {None}
        if not seeds:
            return {}, {}
        block: set[int] = set(seeds)
        near: dict[int, dict[int, float]] = {}
        for a in seeds:
            block |= self.members.get(self.story_of[a], set())
            near[a] = self.neighbours(self.docs[a].terms, self.docs[a].date, exclude=a, min_sim=TOPIC_MIN_SIM)
            for b in near[a]:
                block |= self.members.get(self.story_of[b], set())
        for a in block - near.keys():
            near[a] = self.neighbours(self.docs[a].terms, self.docs[a].date, exclude=a, min_sim=TOPIC_MIN_SIM)
        clusters: list[list[int]] = []
        for group in self._split_blocks(sorted(block), TOPIC_MIN_SIM, near):
            for topic in self._average_linkage(group, self._global_sim(group), TOPIC_MIN_SIM):
                clusters.extend(self._events(topic, load_texts))
        return self._apply(clusters)

    def _origin_in_index(self, article_id: int) -> int | None:
        if article_id in self.docs:
            return article_id
        origin = self.origin_of.get(article_id)   # a copy: re-cluster its origin's story
        return origin if origin in self.docs else None

    def _global_sim(self, ids: list[int]) -> np.ndarray:
        from scipy import sparse

        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, a in enumerate(ids):
            for t, w in self.docs[a].terms.items():
                rows.append(i)
                cols.append(vocab.setdefault(t, len(vocab)))
                vals.append(w)
        x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(ids), max(1, len(vocab))))
        sim = (x @ x.T).toarray()
        return sim * self._time_matrix(ids)

    def _time_matrix(self, ids: list[int]) -> np.ndarray:
        dates = [self.docs[a].date for a in ids]
        m = np.ones((len(ids), len(ids)))
        dated = [i for i, d in enumerate(dates) if d]
        for x, i in enumerate(dated):
            for j in dated[x + 1:]:
                m[i, j] = m[j, i] = time_factor(dates[i], dates[j])
        return m

    def _split_blocks(self, ids: list[int], min_sim: float, near: dict[int, dict[int, float]]) -> list[list[int]]:
        """Connected components of the similarity graph, split further while larger than MAX_BLOCK."""
        index = {a: i for i, a in enumerate(ids)}
        parent = list(range(len(ids)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a in ids:
            for b, sim in near[a].items():
                if sim >= min_sim and b in index:
                    ra, rb = find(index[a]), find(index[b])
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
        groups: dict[int, list[int]] = defaultdict(list)
        for a in ids:
            groups[find(index[a])].append(a)
        out = []
        for g in groups.values():
            if len(g) > MAX_BLOCK and min_sim < 0.9:
                out.extend(self._split_blocks(g, min_sim + 0.05, near))
            else:
                out.append(g)
        return out

    @staticmethod
    def _average_linkage(ids: list[int], sim: np.ndarray, min_sim: float) -> list[list[int]]:
        if len(ids) <= 1:
            return [ids]
        from sklearn.cluster import AgglomerativeClustering

        dist = np.clip(1.0 - sim, 0.0, None)
        np.fill_diagonal(dist, 0.0)
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=1.0 - min_sim).fit_predict(dist)
        groups: dict[int, list[int]] = defaultdict(list)
        for a, label in zip(ids, labels):
            groups[int(label)].append(a)
        return list(groups.values())

    def _events(self, topic: list[int], load_texts) -> list[list[int]]:
        """Level 2: split a topic into events with TF-IDF fitted on the topic itself."""
        if len(topic) < 4:
            return [topic]
        texts = load_texts(topic)
        docs = [texts.get(a, ("", []))[0] for a in topic]
        names = [texts.get(a, ("", []))[1] for a in topic]
        word_weight = 1 - NAME_WEIGHT - LEAD_WEIGHT
        try:
            sim = word_weight * _tfidf_sim(docs)
        except ValueError:          # nothing shared by two articles: the topic is as good as it gets
            return [topic]
        parts = [(LEAD_WEIGHT, lambda: _tfidf_sim([lead(d) for d in docs])),
                 (NAME_WEIGHT, lambda: _tfidf_sim(names, analyzer=_identity, lowercase=False, stop_words=None,
                                                  ngram_range=(1, 1)))]
        total = word_weight
        for weight, part in parts:
            try:
                sim += weight * part()
                total += weight
            except ValueError:      # no lead word / name shared by two articles: the other parts decide
                pass
        sim /= total
        sim *= self._time_matrix(topic)
        return self._average_linkage(topic, sim, EVENT_MIN_SIM)

    def _apply(self, clusters: list[list[int]]) -> tuple[dict[int, int], dict[int, str | None]]:
        """Give each cluster the old story id it overlaps most (largest clusters first), or a new one."""
        taken: set[int] = set()
        moves: dict[int, int] = {}
        titles: dict[int, str | None] = {}
        next_new = -1
        for cluster in sorted(clusters, key=lambda c: (-len(c), min(c))):
            overlap = Counter(self.story_of[a] for a in cluster)
            choice = next((s for s, _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0]))
                           if s not in taken), None)
            if choice is None:
                choice, next_new = next_new, next_new - 1
            taken.add(choice)
            for a in cluster:
                for member in (a, *sorted(self.copies.get(a, ()))):   # copies follow their origin
                    if self.story_of.get(member) != choice:
                        moves[member] = choice
            titles[choice] = self.central_title(cluster)
        for a, story in moves.items():
            self.move(a, story)
        return moves, titles

    def central_title(self, cluster: list[int]) -> str | None:
        """The headline of the article most similar, on average, to the rest of its story."""
        titled = [a for a in cluster if self.docs[a].title]
        if not titled:
            return None
        total: dict[str, float] = defaultdict(float)     # sum of unit vectors: a.total - 1 = sum of a.others
        for a in cluster:
            for t, w in self.docs[a].terms.items():
                total[t] += w
        best = max(titled, key=lambda a: (cosine(self.docs[a].terms, total), -a))
        return self.docs[best].title

    def story_title(self, story_id: int) -> str | None:
        return self.central_title(sorted(self.members.get(story_id, ())))


def _identity(x):
    return x


def lead(text: str) -> str:
    """Headline and first paragraphs of a story text (headline + body, paragraphs split by blank lines)."""
    return "\n\n".join(text.split("\n\n", LEAD_BLOCKS)[:LEAD_BLOCKS])


def _tfidf_sim(texts: list, **options) -> np.ndarray:
    """Cosine similarities of TF-IDF vectors fitted on these texts only (terms shared by two or more)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    settings = {"sublinear_tf": True, "stop_words": "english", "ngram_range": (1, 2), "min_df": 2, **options}
    x = TfidfVectorizer(**settings).fit_transform(texts)
    return (x @ x.T).toarray()
