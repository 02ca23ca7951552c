"""Query results remembered across searches, per top-level searcher.

A search-as-you-type session repeats itself: the same words come back in every query
typed after them (`market`, `market s`, `market sh`, ...), and the same query comes back
(typing back, refreshing, paging). `index.topn` remembers, per segment reader and
subquery, the matches and scores of phrase-free subqueries, and the whole ranking of a
query (phrases included: given the same searcher, it is fully determined by the query,
the limit and the sort). Scores use the top searcher's global statistics (idf, average
field lengths), so everything is kept per top searcher (weakly: a refreshed searcher
starts afresh, even where it shares segment readers with the old one). A subquery is known
by its type and attributes, not by where it stood in the query string.
"""
from __future__ import annotations

import weakref
from collections import OrderedDict

from index.phrase import FastPhrase
from index.scoredsets import _Result

_NOT_IN_KEY = frozenset(("subqueries", "query", "a", "b", "startchar", "endchar", "minquality", "error"))


def node_key(q, keys: dict | None, whole: bool = False):
    """What determines a phrase-free query node's result in a segment (its type and
    attributes, its children's keys; not where it was in the query string), or None
    (a phrase inside: its result depends on what was checked). With `whole`, phrases are
    keyed too (for a whole query's ranking, which is fully determined by it). `keys`
    memoises it by node identity for one search."""
    if keys is None:
        return None
    found = keys.get((id(q), whole))
    if found is not None and found[0] is q:
        return found[1]
    key = None
    if whole or type(q) is not FastPhrase:
        kids = [node_key(c, keys, whole) for c in q.children()]
        if all(k is not None for k in kids):
            attrs = tuple(sorted((k, repr(v)) for k, v in vars(q).items() if k not in _NOT_IN_KEY))
            key = (type(q).__name__, attrs, tuple(kids))
    keys[(id(q), whole)] = (q, key)
    return key


KEEP_REMEMBERED = 1_000_000  # document numbers kept in remembered results per searcher (~16 MB)


class Remembered:
    """Subquery results of one top-level searcher (scores use its global statistics, so a
    refreshed searcher starts afresh even where it reuses a segment reader), by segment
    reader and node key, least recently used dropped past `KEEP_REMEMBERED` documents."""

    def __init__(self) -> None:
        self.items: OrderedDict = OrderedDict()
        self.size = 0

    def get(self, reader, key):
        k = (id(reader), key)
        found = self.items.get(k)
        if found is None or found[0] is not reader:
            return None
        self.items.move_to_end(k)
        return found[1]

    def put(self, reader, key, r: _Result) -> None:
        k = (id(reader), key)
        old = self.items.pop(k, None)
        if old is not None:
            self.size -= _size(old[1])
        self.items[k] = (reader, r)
        self.size += _size(r)
        while self.size > KEEP_REMEMBERED and len(self.items) > 1:
            _k, (_reader, dropped) = self.items.popitem(last=False)
            self.size -= _size(dropped)


def _size(r) -> int:
    return len(r.ids) if isinstance(r, _Result) else len(r.hits) + 1


_REMEMBERED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def remembered(searcher) -> Remembered:
    parent = searcher.get_parent()
    try:
        found = _REMEMBERED.get(parent)
        if found is None:
            found = _REMEMBERED[parent] = Remembered()
        return found
    except TypeError:  # not weakly referenceable: remember for this search only
        return Remembered()


def forget_all() -> None:
    """Drop every remembered result (benchmarks time computed searches, not recalled ones)."""
    _REMEMBERED.clear()
