"""Top-N by BM25F in bulk: posting blocks into arrays, Whoosh's scores computed per array.

Whoosh scores a query through a tree of Python matchers, one call chain per matching
document, so frequent words across title+body (`market shares`, `police OR government OR
market`, `mar*`) cost time linear in their postings at Python speed. For the common shapes
this module reads each term's posting blocks whole (ids + weights, the same data Whoosh's
`W3LeafMatcher` decodes), looks the field lengths up in one array per segment, computes
BM25F with Whoosh's own formula and statistics (idf, average length, B, K1 from its scorer),
combines the children the way Whoosh's matchers do and takes the top N by a partial sort.

Same documents, same order, same scores (bit for bit where the sums are grouped as Whoosh
groups them: a union or an intersection adds its two children; a wider OR/AND is the
huffman-like tree `make_weighted_tree` builds from `estimate_size`, or the left-to-right
sum of Whoosh's preloaded OR on small segments). Ties rank by document number, as Whoosh's
collector does. The exact number of matches comes for free.

Shapes handled: terms, OR, AND (with NOT children), AND NOT, capped prefixes/wildcards, date
ranges over the sort column. Anything else (phrases, fuzzy terms, ranges, ...) raises
`Unsupported` and the caller uses Whoosh's matchers. numpy (~60 ms to import) is imported
only when the query's postings are large enough to be worth it (`MIN_POSTINGS`).

Posting arrays are remembered per segment reader (weak-keyed, so a refreshed searcher
forgets them), up to `CACHE_POSTINGS` postings in all.
"""
from __future__ import annotations

from itertools import count

from whoosh import query as wq
from whoosh.scoring import BM25FScorer

from index import postarrays
from index.postarrays import Unsupported, _norm, _numpy, _read_postings

from index.datefilter import ColumnDateRange, date_docs
from index.phrase import FastPhrase, verified
from index.query import _Capped

MIN_POSTINGS = 3000  # below this many postings Whoosh's matchers are fast enough
TOO_MANY_CLAUSES = 1024  # Whoosh's Or.TOO_MANY_CLAUSES
PRELOAD_DOCS = 5000  # Whoosh's Or preloads (ArrayUnionMatcher) at or below this doc count


# -- evaluation -------------------------------------------------------------------------------


class _Result:
    """Sorted unique document numbers and their scores (None for a NOT: ids to exclude,
    each kept document gaining the inverse matcher's constant score of 1.0)."""

    __slots__ = ("ids", "scores", "negated")

    def __init__(self, ids, scores, negated: bool = False) -> None:
        self.ids, self.scores, self.negated = ids, scores, negated


def _empty():
    np = _numpy()
    return _Result(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def _term(searcher, fieldname: str, text, boost: float) -> _Result:
    schema = searcher.schema
    if fieldname not in schema:
        return _empty()
    field = schema[fieldname]
    try:
        btext = field.to_bytes(text)
    except ValueError:
        return _empty()
    reader = searcher.reader()
    if (fieldname, btext) not in reader:
        return _empty()
    scorer = searcher.weighting.scorer(searcher, fieldname, btext)
    if type(scorer) is not BM25FScorer:
        raise Unsupported(f"scorer {type(scorer).__name__}")
    ids, w = _read_postings(reader, fieldname, btext)
    norm = _norm(reader, fieldname, scorer.B, scorer.K1, scorer.avgfl)
    scores = scorer.idf * ((w * (scorer.K1 + 1)) / (w + norm[ids]))
    if boost != 1.0:
        scores = scores * boost
    return _Result(ids, scores)


def _union(a: _Result, b: _Result) -> _Result:
    np = _numpy()
    if a.negated or b.negated:
        raise Unsupported("NOT inside OR")
    ids = np.union1d(a.ids, b.ids)
    scores = np.zeros(len(ids), dtype=np.float64)
    scores[np.searchsorted(ids, a.ids)] += a.scores
    scores[np.searchsorted(ids, b.ids)] += b.scores
    return _Result(ids, scores)


def _intersect(a: _Result, b: _Result) -> _Result:
    np = _numpy()
    if a.negated and b.negated:
        raise Unsupported("NOT AND NOT")
    if a.negated or b.negated:
        pos, neg = (b, a) if a.negated else (a, b)
        keep = ~np.isin(pos.ids, neg.ids, assume_unique=True)
        kept = pos.scores[keep]
        # Whoosh's InverseMatcher scores 1.0; the intersection adds both sides
        scores = kept + 1.0 if pos is a else 1.0 + kept
        return _Result(pos.ids[keep], scores)
    ids, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return _Result(ids, a.scores[ia] + b.scores[ib])


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


def _phrase(searcher, q, phrases: dict | None) -> _Result:
    """A phrase as the AND of its words, scored as Whoosh's phrase matcher scores (its
    words' intersection, times the boost). Unverified: `phrases` collects the node so the
    caller can check positions; once checked, only its verified documents remain."""
    np = _numpy()
    if phrases is None:
        raise Unsupported("phrase under NOT")
    if q.fieldname not in searcher.schema:
        return _empty()
    btexts = q.btexts(searcher.reader())
    if btexts is None:
        return _empty()
    out = _tree(_intersect, [_term(searcher, q.fieldname, b, 1.0) for b in btexts], None)
    out = _boosted(out, q.boost)
    if len(btexts) > 1:
        checked = phrases.get(id(q))
        if checked is None:
            phrases.setdefault("nodes", []).append(q)
        else:
            keep = np.isin(out.ids, checked, assume_unique=True)
            out = _Result(out.ids[keep], out.scores[keep])
    return out


def _eval(searcher, q, phrases: dict | None = None) -> _Result:
    kind = type(q)
    if kind is FastPhrase:
        return _phrase(searcher, q, phrases)
    if kind is wq.Term:
        return _term(searcher, q.fieldname, q.text, q.boost)
    if isinstance(q, _Capped):
        return _capped(searcher, q)
    if kind is ColumnDateRange:
        reader = searcher.reader()
        if q.fieldname not in searcher.schema or not reader.has_column(q.fieldname):
            raise Unsupported("date range without a column")
        np = _numpy()
        ids = np.array(date_docs(reader, q), dtype=np.int64)
        return _Result(ids, np.full(len(ids), float(q.boost)))
    if kind is wq.Not:
        inner = _eval(searcher, q.query, None)
        if inner.negated:
            raise Unsupported("NOT NOT")
        return _Result(inner.ids, None, negated=True)
    if kind is wq.AndNot:
        a = _eval(searcher, q.a, phrases)
        b = _eval(searcher, q.b, None)
        if a.negated or b.negated:
            raise Unsupported("NOT under AND NOT")
        np = _numpy()
        keep = ~np.isin(a.ids, b.ids, assume_unique=True)
        return _Result(a.ids[keep], a.scores[keep])
    if kind in (wq.Or, wq.And):
        subs = q.subqueries
        if not subs:
            return _empty()
        if kind is wq.Or and (getattr(q, "minmatch", 0) or getattr(q, "scale", None)):
            raise Unsupported("OR with minmatch/scale")
        if len(subs) == 1:
            return _eval(searcher, subs[0], phrases)
        reader = searcher.reader()
        if kind is wq.Or:
            if len(subs) >= TOO_MANY_CLAUSES:
                raise Unsupported("too many clauses")
            results = [_eval(searcher, s, phrases) for s in subs]
            mtype = q.matcher_type
            if mtype == wq.Or.AUTO_MATCHER:  # Whoosh's choice (the collector needs no current)
                big = len(subs) == 2 or searcher.doc_count_all() > PRELOAD_DOCS
                mtype = wq.Or.DEFAULT_MATCHER if big else wq.Or.ARRAY_MATCHER
            if mtype == wq.Or.DEFAULT_MATCHER:
                weights = [s.estimate_size(reader) for s in subs] if len(subs) > 2 else None
                return _boosted(_tree(_union, results, weights), q.boost)
            if mtype == wq.Or.ARRAY_MATCHER:
                return _preloaded(results, q.boost)
            raise Unsupported("split OR")
        results = [_eval(searcher, s, phrases) for s in subs]
        weights = [0 - s.estimate_size(reader) for s in subs] if len(subs) > 2 else None
        out = _tree(_intersect, results, weights)
        if out.negated:
            raise Unsupported("AND of NOTs only")
        return _boosted(out, q.boost)
    raise Unsupported(kind.__name__)


def _preloaded(results: list[_Result], boost: float) -> _Result:
    """Whoosh's ArrayUnionMatcher: scores added child by child, each times the boost."""
    np = _numpy()
    for r in results:
        if r.negated:
            raise Unsupported("NOT inside OR")
    ids = np.unique(np.concatenate([r.ids for r in results]))
    scores = np.zeros(len(ids), dtype=np.float64)
    for r in results:
        scores[np.searchsorted(ids, r.ids)] += r.scores * boost
    return _Result(ids, scores)


def _capped(searcher, q) -> _Result:
    """A capped prefix/wildcard: one term scored as a term, several as an unscored
    preloaded union (every match scores 1.0), as `_Capped.matcher` builds it."""
    np = _numpy()
    btexts = [b for b in q._btexts(searcher.reader()) if b]
    if not btexts:
        return _empty()
    if len(btexts) == 1:
        return _term(searcher, q.fieldname, btexts[0], 1.0)
    if q.fieldname not in searcher.schema:
        return _empty()
    reader = searcher.reader()
    parts = [_read_postings(reader, q.fieldname, b)[0] for b in btexts if (q.fieldname, b) in reader]
    ids = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
    return _Result(ids, np.ones(len(ids), dtype=np.float64))


# -- entry point ------------------------------------------------------------------------------


def _postings_estimate(q, reader) -> int:
    """Postings the query would read in one segment (to decide whether numpy pays off)."""
    if isinstance(q, wq.Term):
        try:
            return reader.doc_frequency(q.fieldname, q.text)
        except Exception:
            return 0
    if isinstance(q, _Capped):
        return sum(reader.doc_frequency(q.fieldname, b) for b in q._btexts(reader))
    if isinstance(q, FastPhrase):
        return sum(reader.doc_frequency(q.fieldname, b) for b in q.btexts(reader) or ())
    if isinstance(q, (wq.Not, wq.AndNot, wq.Or, wq.And)):
        return sum(_postings_estimate(s, reader) for s in q.children())
    return 0


def top_n(searcher, q, limit: int, min_postings: int = MIN_POSTINGS):
    """([(global docnum, score)] best first, exact number of matches or None when phrases
    were checked only where they could rank), or None when the query's shape is not handled
    here or too small to be worth it (use Whoosh then)."""
    leaves = searcher.leaf_searchers()
    if min_postings and postarrays._np is None:
        if sum(_postings_estimate(q, sub.reader()) for sub, _o in leaves) < min_postings:
            return None
    np = _numpy()
    best: list[tuple[float, int]] = []
    total = 0
    approx = False
    try:
        for sub, offset in leaves:
            phrases: dict = {}
            r = _eval(sub, q, phrases)
            if r.negated:
                raise Unsupported("top-level NOT")
            if phrases:
                r, n = _checked(sub, q, r, phrases["nodes"], limit)
                approx = approx or n is None
                total += len(r.ids) if n is None else n
            else:
                total += len(r.ids)
            best.extend(_best(r, limit, offset))
    except Unsupported:
        return None
    best.sort(key=lambda p: (-p[0], p[1]))
    if approx:
        total = None  # phrases were not checked everywhere: the caller counts
    return [(doc, score) for score, doc in best[:limit]], total


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


def _checked(searcher, q, upper: _Result, nodes: list, limit: int):
    """(exact result for the documents that can rank, exact count or None) for a query with
    phrases. `upper` scores every candidate as if its phrases matched: an upper bound, as a
    failed phrase only removes a term of a sum or the document. Positions are checked in
    batches of the best remaining candidates until the N-th exact score beats every
    unchecked bound."""
    np = _numpy()
    reader = searcher.reader()
    order = np.lexsort((upper.ids, -upper.scores))
    checked = {id(node): np.zeros(0, dtype=np.int64) for node in nodes}
    done = 0
    batch = max(2 * limit, 32)
    while True:
        chunk = upper.ids[order[done : done + batch]]
        for node in nodes:
            ok = verified(reader, node, set(chunk.tolist()))
            found = np.array(sorted(ok), dtype=np.int64)
            checked[id(node)] = np.union1d(checked[id(node)], found)
        done += len(chunk)
        exact = _eval(searcher, q, checked)
        seen = np.isin(exact.ids, upper.ids[order[:done]], assume_unique=True)
        exact = _Result(exact.ids[seen], exact.scores[seen])
        if done >= len(order):
            return exact, len(exact.ids)
        if len(exact.ids) >= limit:
            kth = np.partition(exact.scores, len(exact.ids) - limit)[len(exact.ids) - limit]
            if kth > upper.scores[order[done]]:
                return exact, None
        batch *= 2

