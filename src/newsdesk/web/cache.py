"""Two small caches that keep pages fast without ever showing wrong data.

* `LRU`: for values derived from immutable inputs — an article revision never changes, so its
  rendered body keyed by (id, revision) is valid forever; a story's analysis keyed by its articles'
  (id, revision) pairs is recomputed as soon as an article joins, leaves or is revised.
* `TTLCache`: small listings that may be a few seconds old (the "Explore more in this category"
  box under an article), keyed by their parameters.
* `Refreshing`: for corpus-wide aggregates (most mentioned entities, categories) that are costly
  to compute and fine a minute old. Readers get the last value at once while one background
  thread recomputes it; only the very first read waits.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable, Generic, Hashable, TypeVar

T = TypeVar("T")


class LRU(Generic[T]):
    def __init__(self, size: int = 1024):
        self.size = size
        self._data: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()          # outside the lock: two threads may compute the same value once each
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: T) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


class TTLCache(Generic[T]):
    def __init__(self, ttl: float = 30.0, size: int = 256):
        self.ttl = ttl
        self._lru: LRU[tuple[float, T]] = LRU(size)

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        made_at, value = self._lru.get_or_make(key, lambda: (time.monotonic(), make()))
        if time.monotonic() - made_at > self.ttl:
            value = make()
            self._lru.put(key, (time.monotonic(), value))
        return value

    def clear(self) -> None:
        self._lru.clear()


class Refreshing(Generic[T]):
    def __init__(self, compute: Callable[[], T], ttl: float = 60.0):
        self._compute = compute
        self.ttl = ttl
        self._value: T | None = None
        self._at = float("-inf")
        self._lock = threading.Lock()
        self._refreshing = False
        self.generation = 0         # counts the values computed (pages made from an older one are stale)

    def get(self) -> T:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._compute()
                    self._at = time.monotonic()
                    self.generation += 1
            return self._value
        if time.monotonic() - self._at > self.ttl and not self._refreshing:
            self._refreshing = True
            threading.Thread(target=self._refresh, daemon=True, name="newsdesk-cache-refresh").start()
        return self._value

    def _refresh(self) -> None:
        try:
            value = self._compute()
            with self._lock:
                if value != self._value:    # an unchanged aggregate keeps the pages made with it valid
                    self._value = value
                    self.generation += 1
                self._at = time.monotonic()
        except Exception:       # keep serving the last good value; try again after the next ttl
            self._at = time.monotonic()
        finally:
            self._refreshing = False

    def invalidate(self) -> None:
        """Recompute on the next read (in the background when a value exists)."""
        self._at = float("-inf")
