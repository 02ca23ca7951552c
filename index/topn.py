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

Shapes handled: terms, OR, AND (with NOT children), AND NOT, capped prefixes/wildcards,
fuzzy terms (`CappedFuzzy`'s defined ranking: the BM25F union of its expansion), date
ranges over the sort column, and phrases (scored as the AND of their words, then checked by
`index.phrasecheck` only where they could rank; the total is exact or "about N" from a
sample; under a NOT a phrase is checked exactly, on the documents the positive side keeps).
Anything else (a top-level NOT, ranges, minmatch ORs, ...) raises `Unsupported` and the
caller uses Whoosh's matchers. `rank(sort="date")` orders the same matches as
Whoosh's `sortedby="date", reverse=True` (date column desc, then document number desc).
numpy (~60 ms to import) is imported only when the query's postings are large enough to
be worth it (`MIN_POSTINGS`) or by `WhooshEngine.warm()`.

Posting arrays are remembered per segment reader (weak-keyed, so a refreshed searcher
forgets them), up to `CACHE_POSTINGS` postings in all.
"""
from __future__ import annotations

import weakref

from whoosh import query as wq
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F

from index import lazynp, postarrays
from index.postarrays import Unsupported, _contained, _norm, _numpy, _read_postings
from index.scoredsets import _best, _boosted, _empty, _floor, _intersect, _latest, _preloaded, _Result, _tree, _union

from index.datefilter import ColumnDateRange
from index.phrase import FastPhrase
from index.phrasecheck import checked_ranking, phrase_docs
from index.prefixunions import union_ids
from index.query import CappedFuzzy, _Capped
from index.remembered import node_key, remembered

MIN_POSTINGS = 3000  # below this many postings Whoosh's matchers are fast enough
TOO_MANY_CLAUSES = 1024  # Whoosh's Or.TOO_MANY_CLAUSES
PRELOAD_DOCS = 5000  # Whoosh's Or preloads (ArrayUnionMatcher) at or below this doc count


# -- evaluation -------------------------------------------------------------------------------


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
    try:  # cached arrays first: no term lookup for a term searched before
        ids, w = _read_postings(reader, fieldname, btext)
    except TermNotFound:
        return _empty()
    idf, B, K1, avgfl = _bm25f(searcher, fieldname, btext)
    norm = _norm(reader, fieldname, B, K1, avgfl)
    scores = idf * ((w * (K1 + 1)) / (w + norm[ids]))
    if boost != 1.0:
        scores = scores * boost
    return _Result(ids, scores)


_AVGFL: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _bm25f(searcher, fieldname: str, btext: bytes) -> tuple[float, float, float, float]:
    """(idf, B, K1, average field length) of Whoosh's `BM25FScorer` for the term: global
    statistics from the top searcher (its idf cache; the average length remembered per top
    searcher: Whoosh sums it over every segment for every scorer, once per segment and term)."""
    found = length_params(searcher, fieldname)
    if found is None:
        scorer = searcher.weighting.scorer(searcher, fieldname, btext)
        raise Unsupported(f"scorer {type(scorer).__name__}")
    B, K1, avgfl = found
    return searcher.get_parent().idf(fieldname, btext), B, K1, avgfl


def length_params(searcher, fieldname: str) -> tuple[float, float, float] | None:
    """(B, K1, average field length) of Whoosh's `BM25FScorer` for `fieldname`, or None
    when the searcher's weighting is not BM25F or the field is not scored."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or fieldname not in searcher.schema or not searcher.schema[fieldname].scorable:
        return None
    parent = searcher.get_parent()
    try:
        lengths = _AVGFL.setdefault(parent, {})
    except TypeError:
        lengths = {}
    avgfl = lengths.get(fieldname)
    if avgfl is None:
        avgfl = lengths[fieldname] = parent.avg_field_length(fieldname) or 1
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1, avgfl


def _phrase(searcher, q, phrases: dict | None) -> _Result:
    """A phrase as the AND of its words, scored as Whoosh's phrase matcher scores (its
    words' intersection, times the boost). Unverified: `phrases` collects the node so the
    caller can check positions; once checked, only its verified documents remain."""
    if phrases is None:
        raise Unsupported("phrase under NOT")
    memo = phrases.get("memo")
    found = memo.get(("upper", id(q))) if memo is not None else None
    if found is not None and found[0] is q:
        btexts, out = found[1]
    else:
        if q.fieldname not in searcher.schema:
            return _empty()
        btexts = q.btexts(searcher.reader())
        if btexts is None:
            return _empty()
        out = _tree(_intersect, [_term(searcher, q.fieldname, b, 1.0) for b in btexts], None)
        out = _boosted(out, q.boost)
        if memo is not None:
            memo[("upper", id(q))] = (q, (btexts, out))
    if len(btexts) > 1 and "exact" in phrases:  # under a NOT: checked where it could exclude
        within = out.ids[_contained(out.ids, phrases["exact"])[0]]
        keep = _contained(out.ids, phrase_docs(searcher.reader(), q, within, btexts))[0]
        out = _Result(out.ids[keep], out.scores[keep])
    elif len(btexts) > 1:
        checked = phrases.get(id(q))
        if checked is None:
            phrases.setdefault("nodes", []).append(q)
        else:
            keep = _contained(out.ids, checked)[0]
            out = _Result(out.ids[keep], out.scores[keep])
    return out


def _eval(searcher, q, phrases: dict | None = None) -> _Result:
    """q's matches in one segment. `phrases` (None under a NOT) collects the phrase nodes,
    holds their checked documents once known, and a memo of the phrase-free subqueries'
    results (keyed by node identity) so re-scoring after a check redoes only the phrases.
    Phrase-free subqueries' results are also remembered across searches (`index.remembered`)."""
    memo = phrases.get("memo") if phrases is not None else None
    if memo is None:
        return _eval_node(searcher, q, phrases)
    found = memo.get(id(q))
    if found is not None and found[0] is q:
        return found[1]
    key = node_key(q, phrases.get("keys"))
    if key is not None:
        store = remembered(searcher)
        r = store.get(searcher.reader(), key)
        if r is None:
            r = _eval_node(searcher, q, phrases)
            store.put(searcher.reader(), key, r)
        memo[id(q)] = (q, r)
        return r
    r = _eval_node(searcher, q, phrases)
    if all(type(leaf) is not FastPhrase for leaf in q.leaves()):
        memo[id(q)] = (q, r)  # q kept alive: its id cannot be reused while memoised
    return r


def _eval_node(searcher, q, phrases: dict | None) -> _Result:
    kind = type(q)
    if kind is FastPhrase:
        return _phrase(searcher, q, phrases)
    if kind is wq.Term:
        return _term(searcher, q.fieldname, q.text, q.boost)
    if isinstance(q, _Capped):
        return _capped(searcher, q)
    if kind is CappedFuzzy:  # its defined ranking: a BM25F union of the expansion
        union = q.union(searcher.reader())
        return _empty() if union is wq.NullQuery else _eval(searcher, union, phrases)
    if kind is ColumnDateRange:
        reader = searcher.reader()
        if q.fieldname not in searcher.schema or not reader.has_column(q.fieldname):
            raise Unsupported("date range without a column")
        np = _numpy()
        ids = postarrays._date_ids(reader, q)
        return _Result(ids, np.full(len(ids), float(q.boost)))
    if kind is wq.Not:
        inner = _eval(searcher, q.query, phrases if phrases is not None and "exact" in phrases else None)
        if inner.negated:
            raise Unsupported("NOT NOT")
        return _Result(inner.ids, None, negated=True)
    if kind is wq.AndNot:
        a = _eval(searcher, q.a, phrases)
        b = _negated(searcher, q.b, phrases, None if a.negated else a.ids)
        if a.negated or b.negated:
            raise Unsupported("NOT under AND NOT")
        keep = ~_contained(a.ids, b.ids)[0]
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
        kept = {i: _eval(searcher, s, phrases) for i, s in enumerate(subs) if type(s) is not wq.Not}
        restrict = None  # the documents the positive children keep: where a NOT matters
        for r in kept.values():
            if not r.negated:
                restrict = r.ids if restrict is None else restrict[_contained(restrict, r.ids)[0]]
        results = [kept[i] if i in kept else _negated(searcher, s, phrases, restrict) for i, s in enumerate(subs)]
        weights = [0 - s.estimate_size(reader) for s in subs] if len(subs) > 2 else None
        out = _tree(_intersect, results, weights)
        if out.negated:
            raise Unsupported("AND of NOTs only")
        return _boosted(out, q.boost)
    raise Unsupported(kind.__name__)


def _negated(searcher, q, phrases: dict | None, restrict) -> _Result:
    """q as the excluded side of a NOT: its phrases checked exactly, but only on `restrict`
    (sorted ids the positive side keeps; None: nowhere to check, so phrases are
    unsupported). Remembered across re-scorings: a later pass restricts to a subset."""
    if restrict is None:
        return _eval(searcher, q, None)
    memo = phrases.get("memo") if phrases is not None else None
    found = memo.get(("not", id(q))) if memo is not None else None
    if found is not None and found[0] is q:
        return found[1]
    r = _eval(searcher, q, {"exact": restrict})
    if memo is not None:
        memo[("not", id(q))] = (q, r)
    return r


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
    unions = postarrays._cache(reader).unions
    key = (q.fieldname, tuple(btexts))
    ids = unions.get(key)
    if ids is None:
        ids = union_ids(reader, q.fieldname, btexts)  # written at index time
        if ids is not None:
            if len(unions) >= postarrays.KEEP_UNIONS:
                unions.clear()
            unions[key] = ids
    if ids is not None:
        return _Result(ids, np.ones(len(ids), dtype=np.float64)) if len(ids) else _empty()
    parts = []
    for b in btexts:  # from this segment's term table: present (no lookup first)
        try:
            parts.append(_read_postings(reader, q.fieldname, b)[0])
        except TermNotFound:
            continue
    parts = [ids for ids in parts if len(ids)]
    if not parts:
        return _empty()
    present = np.zeros(max(int(ids[-1]) for ids in parts) + 1, dtype=bool)
    for ids in parts:
        present[ids] = True
    ids = np.flatnonzero(present)
    if len(unions) >= postarrays.KEEP_UNIONS:
        unions.clear()
    unions[key] = ids
    return _Result(ids, np.ones(len(ids), dtype=np.float64))


# -- entry point ------------------------------------------------------------------------------


def _postings_estimate(q, reader) -> int:
    """Postings the query would read in one segment (to decide whether numpy pays off)."""
    if isinstance(q, wq.Term):
        try:
            return reader.doc_frequency(q.fieldname, q.text)
        except Exception:
            return 0
    if isinstance(q, (_Capped, CappedFuzzy)):
        return sum(reader.doc_frequency(q.fieldname, b) for b in q._btexts(reader))
    if isinstance(q, FastPhrase):
        return sum(reader.doc_frequency(q.fieldname, b) for b in q.btexts(reader) or ())
    if isinstance(q, (wq.Not, wq.AndNot, wq.Or, wq.And)):
        return sum(_postings_estimate(s, reader) for s in q.children())
    return 0


class Ranked:
    """The first hits of a query: `hits` [(global docnum, score)] best first (score 0.0
    when sorted by date), the number of matches and whether that number is an estimate."""

    __slots__ = ("hits", "total", "estimated")

    def __init__(self, hits, total: int, estimated: bool) -> None:
        self.hits, self.total, self.estimated = hits, total, estimated


def rank(searcher, q, limit: int, sort: str = "score", min_postings: int = MIN_POSTINGS) -> Ranked | None:
    """The query's top `limit` by score (Whoosh's full ranking: score desc, document asc) or
    by date (Whoosh's `sortedby="date", reverse=True`: date desc, document desc, undated
    last), or None when the query's shape is not handled here or too small to be worth it
    (use Whoosh then)."""
    leaves = searcher.leaf_searchers()
    if min_postings and not lazynp.loaded():
        if sum(_postings_estimate(q, sub.reader()) for sub, _o in leaves) < min_postings:
            return None
    by_date = sort == "date"
    best: list[tuple[float, int]] = []
    total = 0
    estimated = False
    keys: dict = {}  # node keys, computed once for all segments
    store = remembered(searcher)
    whole = ("rank", node_key(q, keys, whole=True), limit, by_date)
    if whole[1] is not None:  # the same query again on the same searcher: the same answer
        found = store.get(searcher, whole)
        if found is not None:
            return Ranked(list(found.hits), found.total, found.estimated)
    try:
        segments = []
        for sub, offset in leaves:
            phrases: dict = {"memo": {}, "keys": keys}
            r = _eval(sub, q, phrases)
            if r.negated:
                raise Unsupported("top-level NOT")
            segments.append((sub, offset, r, phrases))
        unchecked = sum(len(r.ids) for _s, _o, r, ph in segments if "nodes" in ph)
        for sub, offset, r, phrases in segments:
            dates = _dates(sub.reader()) if by_date else None
            if "nodes" in phrases:
                found = checked_ranking(sub, q, r, phrases, limit, _eval, dates=dates,
                                        floor=_floor(best, limit, by_date), share=len(r.ids) / max(1, unchecked))
                r, n, approx = found
                estimated = estimated or approx
                total += n
            else:
                total += len(r.ids)
            best.extend(_best(r, limit, offset) if dates is None else _latest(r, limit, offset, dates))
            best.sort(key=(lambda p: (-p[0], -p[1])) if by_date else (lambda p: (-p[0], p[1])))
            del best[limit:]
    except Unsupported:
        return None
    if by_date:
        found = Ranked([(doc, 0.0) for _key, doc in best], total, estimated)
    else:
        found = Ranked([(doc, score) for score, doc in best], total, estimated)
    if whole[1] is not None:
        store.put(searcher, whole, found)
    return Ranked(list(found.hits), total, estimated)


def top_n(searcher, q, limit: int, min_postings: int = MIN_POSTINGS):
    """([(global docnum, score)] best first, exact number of matches or None when phrases
    were checked only where they could rank), or None (see `rank`)."""
    found = rank(searcher, q, limit, min_postings=min_postings)
    if found is None:
        return None
    return found.hits, None if found.estimated else found.total


def _dates(reader):
    if "date" not in reader.schema:
        raise Unsupported("no date field")
    return postarrays._dates(reader, "date")
