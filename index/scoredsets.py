"""Scored document sets of one segment and Whoosh's arithmetic on them, as numpy arrays.

For `index.topn`: a `_Result` is sorted unique document numbers with their scores. A
union adds the two sides where both match (UnionMatcher), an intersection adds them
(IntersectionMatcher), a NOT side removes its documents and adds the inverse matcher's
1.0, a wider OR/AND is combined in the tree Whoosh's `make_binary_tree` /
`make_weighted_tree` would build, and a preloaded OR (ArrayUnionMatcher) adds its children
left to right. Same operands in the same order as Whoosh, so the sums are bit-equal.
Unions are dense scatters over the document numbers and intersections gathers
(`postarrays._contained`): no sorting. `_best` / `_latest` take a segment's top N by score
or date (a partition, then a sort of those only), `_floor` what a later segment must beat.
"""
from __future__ import annotations

from itertools import count

from index.postarrays import Unsupported, _contained, _numpy


class _Result:
    """Sorted unique document numbers and their scores (None for a NOT: ids to exclude,
    each kept document gaining the inverse matcher's constant score of 1.0)."""

    __slots__ = ("ids", "scores", "negated")

    def __init__(self, ids, scores, negated: bool = False) -> None:
        self.ids, self.scores, self.negated = ids, scores, negated


def _empty():
    np = _numpy()
    return _Result(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def _union(a: _Result, b: _Result) -> _Result:
    """Every document of either side; the sum a + b where both match (UnionMatcher)."""
    np = _numpy()
    if a.negated or b.negated:
        raise Unsupported("NOT inside OR")
    if not len(a.ids) or not len(b.ids):
        return a if len(a.ids) else b
    # Dense over the document numbers (no sort): ids are segment-local, at most doc_count.
    top = int(max(a.ids[-1], b.ids[-1])) + 1
    scores = np.zeros(top, dtype=np.float64)
    scores[a.ids] = a.scores
    scores[b.ids] += b.scores
    present = np.zeros(top, dtype=bool)
    present[a.ids] = True
    present[b.ids] = True
    ids = np.flatnonzero(present)
    return _Result(ids, scores[ids])


def _intersect(a: _Result, b: _Result) -> _Result:
    """Documents of both sides, scored a + b (IntersectionMatcher); a NOT side removes its
    documents and adds the inverse matcher's 1.0."""
    if a.negated and b.negated:
        raise Unsupported("NOT AND NOT")
    if a.negated or b.negated:
        pos, neg = (b, a) if a.negated else (a, b)
        found, _at = _contained(pos.ids, neg.ids)
        keep = ~found
        kept = pos.scores[keep]
        # Whoosh's InverseMatcher scores 1.0; the intersection adds both sides
        scores = kept + 1.0 if pos is a else 1.0 + kept
        return _Result(pos.ids[keep], scores)
    if len(a.ids) <= len(b.ids):
        found, at = _contained(a.ids, b.ids)
        return _Result(a.ids[found], a.scores[found] + b.scores[at[found]])
    found, at = _contained(b.ids, a.ids)
    return _Result(b.ids[found], a.scores[at[found]] + b.scores[found])


def _tree(combine, items: list, weights: list | None) -> _Result:
    """Combine as Whoosh's matcher tree does: binary halves (make_binary_tree) without
    weights, otherwise make_weighted_tree's lightest-pair-first merging."""
    if weights is None:
        if len(items) == 1:
            return items[0]
        half = len(items) // 2
        return combine(_tree(combine, items[:half], None), _tree(combine, items[half:], None))
    tie = count()
    ls = sorted((w, next(tie), item) for w, item in zip(weights, items))
    while len(ls) > 1:
        wa, _ta, a = ls.pop(0)
        wb, _tb, b = ls.pop(0)
        entry = (wa + wb, next(tie), combine(a, b))
        lo = 0
        while lo < len(ls) and ls[lo][0] <= entry[0]:  # insort after equal weights
            lo += 1
        ls.insert(lo, entry)
    return ls[0][2]


def _boosted(r: _Result, boost: float) -> _Result:
    return r if boost == 1.0 else _Result(r.ids, r.scores * boost, r.negated)


def _preloaded(results: list[_Result], boost: float) -> _Result:
    """Whoosh's ArrayUnionMatcher: scores added child by child, each times the boost."""
    np = _numpy()
    for r in results:
        if r.negated:
            raise Unsupported("NOT inside OR")
    results = [r for r in results if len(r.ids)]
    if not results:
        return _empty()
    top = max(int(r.ids[-1]) for r in results) + 1
    scores = np.zeros(top, dtype=np.float64)
    present = np.zeros(top, dtype=bool)
    for r in results:
        scores[r.ids] += r.scores * boost
        present[r.ids] = True
    ids = np.flatnonzero(present)
    return _Result(ids, scores[ids])


def _floor(best: list, limit: int, by_date: bool):
    """What a later segment's document must beat to enter the top `limit` found so far:
    (key, strict) - by score it must score above the N-th (equal scores rank by the lower
    document number, an earlier segment's); by date a tie is enough (the higher document
    number wins a tie). None while fewer than `limit` were found."""
    if len(best) < limit:
        return None
    return best[limit - 1][0], not by_date


def _latest(r: _Result, limit: int, offset: int, dates) -> list[tuple[int, int]]:
    """The top `limit` of one segment by date as (date key, global docnum): date desc,
    then document desc (Whoosh's reversed sort of (key, docnum) pairs)."""
    np = _numpy()
    if not len(r.ids):
        return []
    keys = dates[r.ids]
    n = len(keys)
    pick = np.nonzero(keys >= np.partition(keys, n - limit)[n - limit])[0] if n > limit else np.arange(n)
    chosen = pick[np.lexsort((-r.ids[pick], -keys[pick]))[:limit]]
    return list(zip(keys[chosen].tolist(), (r.ids[chosen] + offset).tolist()))


def _best(r: _Result, limit: int, offset: int) -> list[tuple[float, int]]:
    """The top `limit` of one segment as (score, global docnum), score desc, docnum asc."""
    np = _numpy()
    n = len(r.ids)
    if not n:
        return []
    scores = r.scores
    if n > limit:
        kth = np.partition(scores, n - limit)[n - limit]
        pick = np.nonzero(scores >= kth)[0]
    else:
        pick = np.arange(n)
    chosen = pick[np.lexsort((r.ids[pick], -scores[pick]))[:limit]]
    return list(zip(scores[chosen].tolist(), (r.ids[chosen] + offset).tolist()))
