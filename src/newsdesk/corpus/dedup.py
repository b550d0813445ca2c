"""Syndicated copies: the same wire story republished by many sites, each with its own furniture,
headline and trims, is recognised and pointed at one origin.

Near-duplicates are found with MinHash LSH (datasketch) over word 5-gram shingles of the *body*
(the headline is left out, so a new headline changes nothing). Jaccard similarity falls when a copy
is trimmed or padded with furniture, so LSH only proposes candidates at a low Jaccard and the decision
uses *containment* (the share of the smaller text found in the larger), estimated from the MinHash
Jaccard and the two shingle counts: trimming and extra paragraphs keep containment high, while two
different articles on the same event share few 5-word runs.

The origin of a group is the wire agency's own page (publisher == agency) when present, else the
earliest published article (ties: the first ingested); every other member points to it.
"""
from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

import numpy as np

NUM_PERM = 128
SCHEME = "affine32"         # datasketch 2 hashing scheme; 32-bit values, stored as uint32
SHINGLE = 5                 # words per shingle
LSH_THRESHOLD = 0.2         # Jaccard at which LSH proposes a candidate (recall first)
MIN_CONTAINMENT = 0.6       # share of the smaller text that must appear in the larger
MIN_SHINGLES = 15           # shorter bodies are too short to call copies reliably
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> tuple[str, int]:
    """(base64 MinHash signature, number of shingles) of a body, for storage in features."""
    from datasketch import MinHash

    sh = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch(list(sh))
    return base64.b64encode(mh.hashvalues.astype(np.uint32).tobytes()).decode("ascii"), len(sh)


def _minhash(encoded: str):
    from datasketch import LeanMinHash

    values = np.frombuffer(base64.b64decode(encoded), dtype=np.uint32)
    return LeanMinHash(seed=1, hashvalues=values, scheme=SCHEME)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|) from the Jaccard index and the two set sizes."""
    if jaccard <= 0 or not size_a or not size_b:
        return 0.0
    inter = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, inter / min(size_a, size_b))


@dataclass
class Member:
    article_id: int
    date: str | None
    agency: str | None
    publisher: str | None
    size: int
    minhash: object


@dataclass(frozen=True)
class CopyDecision:
    origin_id: int | None            # the origin this article copies (None: it is an origin)
    adopt: tuple[int, ...] = ()      # existing articles that become copies of this one
    similarity: float = 0.0


def _is_wire_page(m: Member) -> bool:
    return bool(m.agency and m.publisher and m.agency.lower() in m.publisher.lower())


def _better_origin(a: Member, b: Member) -> bool:
    """True when `a` should be the origin rather than `b` (b was ingested first)."""
    if _is_wire_page(a) != _is_wire_page(b):
        return _is_wire_page(a)
    if a.date and b.date and a.date != b.date:
        return a.date < b.date
    return bool(a.date and not b.date)


@dataclass
class CopyIndex:
    """The in-memory LSH index of every current article, rebuilt from stored features."""

    lsh: object = None
    members: dict[int, Member] = field(default_factory=dict)
    origin_of: dict[int, int] = field(default_factory=dict)       # copy -> origin
    copies_of: dict[int, set[int]] = field(default_factory=dict)  # origin -> copies

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)

    def origin(self, article_id: int) -> int:
        return self.origin_of.get(article_id, article_id)

    def find(self, features: dict, *, exclude: int | None = None) -> CopyDecision:
        """Is an article with these features a copy of one already indexed?"""
        if not features.get("mh") or features.get("shingles", 0) < MIN_SHINGLES:
            return CopyDecision(None)
        mh = _minhash(features["mh"])
        best, best_c = None, 0.0
        for key in self.lsh.query(mh):
            if key == exclude:
                continue
            other = self.members[key]
            if other.size < MIN_SHINGLES:
                continue
            c = containment(mh.jaccard(other.minhash), features["shingles"], other.size)
            if c > best_c or (c == best_c and best is not None and key < best):
                best, best_c = key, c
        if best is None or best_c < MIN_CONTAINMENT:
            return CopyDecision(None)
        origin = self.origin(best)
        new = Member(-1, features.get("date"), features.get("agency"), features.get("publisher"),
                     features["shingles"], mh)
        if _better_origin(new, self.members[origin]):
            return CopyDecision(None, adopt=(origin, *sorted(self.copies_of.get(origin, ()))), similarity=best_c)
        return CopyDecision(origin, similarity=best_c)

    def add(self, article_id: int, features: dict, origin_id: int | None, adopt: tuple[int, ...] = ()) -> None:
        self.remove(article_id)
        if features.get("mh"):
            mh = _minhash(features["mh"])
            self.members[article_id] = Member(article_id, features.get("date"), features.get("agency"),
                                              features.get("publisher"), int(features.get("shingles", 0)), mh)
            self.lsh.insert(article_id, mh)
        for copy in adopt:
            self._link(copy, article_id)
        if origin_id is not None:
            self._link(article_id, origin_id)

    def _link(self, copy: int, origin: int) -> None:
        old = self.origin_of.pop(copy, None)
        if old is not None:
            self.copies_of.get(old, set()).discard(copy)
        for grandchild in self.copies_of.pop(copy, set()):
            self.origin_of[grandchild] = origin
            self.copies_of.setdefault(origin, set()).add(grandchild)
        self.origin_of[copy] = origin
        self.copies_of.setdefault(origin, set()).add(copy)

    def remove(self, article_id: int) -> None:
        """Forget an article (before re-adding a new revision of it)."""
        if article_id in self.members:
            self.lsh.remove(article_id)
            del self.members[article_id]
        old = self.origin_of.pop(article_id, None)
        if old is not None:
            self.copies_of.get(old, set()).discard(article_id)
