"""Phrase positions checked over cached posting arrays, for the bulk scorer (`index.topn`).

The bulk scorer treats a phrase as the AND of its words (an upper bound: a failed phrase
only drops a summand or the document). Here the phrase is checked where it matters:

- `phrase_docs`: which candidate documents really contain the phrase. Each word's posting
  values (its encoded positions, kept beside the cached id array) are looked up by
  `searchsorted` and decoded with one `pickle.loads`; no posting blocks are re-read per
  document, which is what made Whoosh's and `phrase.verified`'s checks slow (a block read
  and decompression for every candidate in a different block).
- `checked_ranking`: the candidates in ranking order (score or date), checked in doubling
  batches until the N best are certain; then the total: exact when the unchecked rest has
  at most `counting.VERIFY_ALL` candidates, else the checked part exactly plus the rest
  scaled by an evenly spaced sample of `counting.SAMPLE` of them ("about N", unbiased:
  a phrase under NOT is checked exactly by `index.topn` and never reaches here, so a
  candidate outside the sample matches with the sample's rate in expectation).
"""
from __future__ import annotations

from index import counting
from index.phrase import _phrase_at, decoder
from index.postarrays import _cache, _contained, _numpy, _read_postings
from index.sidecar import SidecarPositions

KEEP_PHRASES = 64  # phrases whose checked documents a segment reader remembers


def phrase_docs(reader, q, docs, btexts=None):
    """The documents of `docs` (sorted unique int64 array) that contain phrase `q`
    (`btexts`: its words as index terms, when the caller has them). What was checked is
    remembered per segment reader (`KEEP_PHRASES` phrases), so a repeated search checks
    only documents it has not checked before."""
    np = _numpy()
    btexts = btexts or q.btexts(reader)
    if btexts is None or not len(docs):
        return np.zeros(0, dtype=np.int64)
    memo = _cache(reader).phrases
    key = (q.fieldname, tuple(btexts))
    checked, verified = memo.get(key) or (docs[:0], docs[:0])
    todo = docs[~_contained(docs, checked)[0]] if len(checked) else docs
    if len(todo):
        found = _check(reader, q, todo, btexts)
        if len(memo) >= KEEP_PHRASES and key not in memo:
            memo.clear()
        checked, verified = _union(checked, todo), _union(verified, found)
        memo[key] = (checked, verified)
    return docs[_contained(docs, verified)[0]]


def _distinct(a):
    """np.unique of a sorted (or any) int array without np.unique, whose first call
    imports numpy.ma (20-80 ms, paid by the first phrase search of a process)."""
    np = _numpy()
    a = np.sort(a)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def _union(a, b):
    """np.union1d of two int arrays (see `_distinct`)."""
    return _distinct(_numpy().concatenate((a, b)))


def _check(reader, q, docs, btexts):
    np = _numpy()
    present = np.ones(len(docs), dtype=bool)
    found = {}
    for b in dict.fromkeys(btexts):
        ids, _w, vals = _read_postings(reader, q.fieldname, b, values=True)
        if not len(ids):
            return np.zeros(0, dtype=np.int64)
        here, at = _contained(docs, ids)
        present &= here
        found[b] = (at, vals)
    if len(btexts) == 1:  # one word left (stop words): every posting has a position
        return docs[present]
    decode = decoder(reader.schema[q.fieldname].format)
    rows = np.nonzero(present)[0]
    if all(type(found[b][1]) is SidecarPositions for b in btexts):
        return docs[rows[_adjacent(len(rows), [(found[b][0][rows], found[b][1]) for b in btexts])]]
    words = [(found[b][0][rows].tolist(), found[b][1]) for b in btexts]
    keep = [
        j for j in range(len(rows))
        if _phrase_at([_positions(vals, at[j], decode) for at, vals in words])
    ]
    return docs[rows[keep]] if keep else np.zeros(0, dtype=np.int64)


def _positions(vals, i: int, decode) -> list[int]:
    return vals.positions(i) if type(vals) is SidecarPositions else decode(vals[i])


def _adjacent(n: int, words):
    """Which of `n` candidates (rows) have word i at start + i for every i, all at once:
    `words` = [(each candidate's posting in the word's arrays, its SidecarPositions)]. Every
    (candidate, position - i) of each word becomes one int64 key; the phrase starts where
    a key is in every word's set (`_phrase_at`, vectorised)."""
    np = _numpy()
    common = None
    for i, (at, sp) in enumerate(words):
        raw = sp.raw(at)
        starts = sp.offsets[raw].astype(np.int64)
        counts = sp.offsets[raw + 1].astype(np.int64) - starts
        total = int(counts.sum())
        idx = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total, dtype=np.int64)
        pos = sp.flat[idx].astype(np.int64) + (len(words) - i)  # >= 1: no negative keys
        keys = (np.repeat(np.arange(n, dtype=np.int64), counts) << 33) | pos
        common = keys if common is None else np.intersect1d(common, keys, assume_unique=True)
        if not len(common):
            break
    return _distinct(common >> 33)


class _Order:
    """Candidate positions best first: score desc then document asc (Whoosh's collector),
    or date desc then document desc (Whoosh's reversed sorted collector). Only the prefix
    asked for is sorted (a partition first): the checks rarely go past a few hundred."""

    def __init__(self, upper, dates) -> None:
        np = _numpy()
        self.ids = upper.ids
        self.keys = upper.scores if dates is None else dates[upper.ids]
        self.ties = upper.ids if dates is None else -upper.ids
        self.prefix = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.ids)

    def first(self, m: int):
        """The positions of the best `m` candidates, best first."""
        np = _numpy()
        n = len(self.ids)
        m = min(m, n)
        if len(self.prefix) < m:
            if 4 * m >= n:
                pick = np.arange(n)
            else:
                pick = np.nonzero(self.keys >= np.partition(self.keys, n - m)[n - m])[0]
            self.prefix = pick[np.lexsort((self.ties[pick], -self.keys[pick]))]
        return self.prefix[:m]

    def key(self, i: int):
        return self.keys[self.first(i + 1)[i]]

    def rest(self, done: int):
        """The ids of every candidate after the best `done`, ascending."""
        np = _numpy()
        keep = np.ones(len(self.ids), dtype=bool)
        keep[self.first(done)] = False
        return self.ids[keep]


def checked_ranking(searcher, q, upper, phrases: dict, limit: int, evaluate, dates=None,
                    floor=None, share: float = 1.0):
    """(exact result over the checked candidates, total, whether the total is estimated)
    for a query whose phrase nodes (`phrases["nodes"]`) were scored unchecked into `upper`.
    `evaluate(searcher, q, checked)` re-scores the query with each phrase restricted to its
    checked documents. Ranked by score, or by `dates` (the segment's date column) when
    given. `floor` = (key, strict): candidates ranked at or below it (below when not
    strict) cannot enter the top N (earlier segments filled it); `share` is this segment's
    part of all unchecked candidates, and so of the sample."""
    np = _numpy()
    reader = searcher.reader()
    nodes = phrases["nodes"]
    order = _Order(upper, dates)
    checked = {id(node): np.zeros(0, dtype=np.int64) for node in nodes}
    checked["memo"] = phrases.get("memo", {})
    checked["keys"] = phrases.get("keys")
    words = {id(node): node.btexts(reader) for node in nodes}

    def check(docs) -> None:
        docs = np.sort(docs)
        for node in nodes:
            checked[id(node)] = _union(checked[id(node)], phrase_docs(reader, node, docs, words[id(node)]))

    def exact_within(docs):
        exact = evaluate(searcher, q, checked)
        seen = _contained(exact.ids, np.sort(docs))[0]
        return type(exact)(exact.ids[seen], exact.scores[seen])

    def beaten(i: int) -> bool:  # the i-th candidate cannot enter the top N
        if floor is None:
            return False
        key, strict = floor
        return order.key(i) <= key if strict else order.key(i) < key

    done = 0
    batch = max(2 * limit, 32)
    reach = len(order)  # the candidates not beaten by the floor come first: check no further
    if floor is not None:
        reach = int(np.count_nonzero(order.keys > floor[0] if floor[1] else order.keys >= floor[0]))
    exact = exact_within(upper.ids[:0])
    while done < len(order) and not beaten(done):
        step = min(batch, reach - done)
        check(upper.ids[order.first(done + step)[done:]])
        done = min(len(order), done + step)
        exact = exact_within(upper.ids[order.first(done)])
        if done >= len(order):
            return exact, len(exact.ids), False
        if len(exact.ids) >= limit:
            if dates is not None:  # every candidate before the cut is checked
                break
            kth = np.partition(exact.scores, len(exact.ids) - limit)[len(exact.ids) - limit]
            if kth > order.key(done):
                break
        batch *= 2
    rest = order.rest(done)
    if len(rest) <= counting.VERIFY_ALL * share:
        check(rest)
        return exact, len(exact_within(upper.ids).ids), False
    size = min(len(rest), max(30, round(counting.SAMPLE * share)))
    sample = rest[_distinct(np.linspace(0, len(rest) - 1, size).astype(np.int64))]
    check(sample)
    hits = len(exact_within(sample).ids)
    return exact, len(exact.ids) + round(len(rest) * hits / len(sample)), True
