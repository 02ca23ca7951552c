"""Exact match counts without re-running the query through Whoosh's matchers.

A top-20 search with block-max skipping does not visit every match, so Whoosh's
`len(results)` runs the whole query again through `docs_for_query`: a Python call chain
per matching document (is_active / id / next through every union and intersection
matcher), a third of all search time in the profile. Here terms are read a posting block
at a time into sets and combined with set operations (C speed): OR is a union, AND an
intersection, AND NOT a difference. Any other query type (phrases, ranges, ...) falls back
to Whoosh's own `docs()` for that sub-query only. Date ranges read the sorted date column
(`index.datefilter`).

Phrases are the AND of their words plus a position check per candidate. `count_matches`
checks every candidate (exact); `estimate_matches` checks them all only when there are
at most VERIFY_ALL, otherwise counts the query with each such phrase as its candidates,
then checks an evenly spaced sample of SAMPLE of those documents exactly and scales the
count by the share that really matches ("about N"). Phrases under NOT are always exact,
so the candidate count is an upper bound and the sample ratio an unbiased correction.
"""
from __future__ import annotations

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound

from index.datefilter import ColumnDateRange, date_docs
from index.phrase import FastPhrase, verified
from index.query import CappedFuzzy, _Capped

VERIFY_ALL = 1000  # phrase candidates checked one by one before estimating instead
SAMPLE = 300  # documents checked exactly to scale an estimate
RUNS = 6  # ... taken as this many runs of consecutive candidates


class _Count:
    """How phrases are resolved in one pass: exactly, as candidates, or within `restrict`."""

    def __init__(self, exact: bool, restrict: set[int] | None = None) -> None:
        self.exact = exact
        self.restrict = restrict
        self.approx = False  # a phrase was counted as its candidates


def _term_ids(reader, fieldname: str, text) -> set[int]:
    try:
        matcher = reader.postings(fieldname, text)
    except (TermNotFound, KeyError):
        return set()
    if type(matcher) is not W3LeafMatcher:  # e.g. FilterMatcher hiding deleted documents
        return set(matcher.all_ids())
    ids: set[int] = set()
    # Whoosh 2.7's W3LeafMatcher reads one block of ids at a time (_read_ids); take each
    # block whole instead of stepping through it posting by posting.
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids.update(matcher._ids[matcher._i :])
        matcher._next_block()
    return ids


def _phrase_ids(reader, q: FastPhrase, ctx: _Count) -> set[int]:
    btexts = q.btexts(reader)
    if btexts is None:
        return set()
    sets = sorted((_term_ids(reader, q.fieldname, b) for b in dict.fromkeys(btexts)), key=len)
    candidates = sets[0].intersection(*sets[1:])
    if len(btexts) == 1:
        return candidates  # one word (after stop words): every posting has a position
    if ctx.restrict is not None:
        return verified(reader, q, candidates & ctx.restrict)
    if ctx.exact or len(candidates) <= VERIFY_ALL:
        return verified(reader, q, candidates)
    ctx.approx = True
    return candidates


def _ids(searcher, q: wq.Query, ctx: _Count | None = None) -> set[int]:
    """Segment-local document numbers matching q (searcher is one segment's searcher)."""
    ctx = ctx or _Count(exact=True)
    if isinstance(q, FastPhrase):
        if q.fieldname not in searcher.schema:
            return set()
        return _phrase_ids(searcher.reader(), q, ctx)
    if isinstance(q, ColumnDateRange) and searcher.reader().has_column(q.fieldname):
        return set(date_docs(searcher.reader(), q))
    if isinstance(q, wq.Term):
        field = searcher.schema[q.fieldname] if q.fieldname in searcher.schema else None
        if field is None:
            return set()
        return _term_ids(searcher.reader(), q.fieldname, field.to_bytes(q.text))
    if isinstance(q, (_Capped, CappedFuzzy)):  # its remembered expansion, as one union
        found = set()
        for btext in q._btexts(searcher.reader()):
            found |= _term_ids(searcher.reader(), q.fieldname, btext)
        return found
    if type(q) in (wq.Or, wq.DisjunctionMax, wq.And, wq.AndNot) and not getattr(q, "minmatch", 0):
        if isinstance(q, wq.AndNot):
            return _ids(searcher, q.a, ctx) - _ids(searcher, q.b, _Count(exact=True))
        if isinstance(q, wq.And):
            positive = [s for s in q.subqueries if not isinstance(s, wq.Not)]
            negative = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
            if not positive:
                return set(q.docs(searcher))
            sets = sorted((_ids(searcher, s, ctx) for s in positive), key=len)
            found = sets[0].intersection(*sets[1:])
            for s in negative:
                if not found:
                    break
                found -= _ids(searcher, s, _Count(exact=True))
            return found
        found = set()
        for s in q.subqueries:
            found |= _ids(searcher, s, ctx)
        return found
    return set(q.docs(searcher))


def count_matches(searcher, q: wq.Query) -> int:
    """Number of live documents matching q, over every segment of the searcher."""
    return sum(len(_ids(sub, q)) for sub, _offset in searcher.leaf_searchers())


def _sample(ordered: list[int]) -> set[int]:
    """SAMPLE documents in RUNS runs of consecutive matches spread evenly over the list:
    consecutive documents share posting blocks, so checking them reads few blocks."""
    if len(ordered) <= SAMPLE:
        return set(ordered)
    run = SAMPLE // RUNS
    gap = (len(ordered) - run) / (RUNS - 1)
    out: set[int] = set()
    for i in range(RUNS):
        start = int(i * gap)
        out.update(ordered[start : start + run])
    return out


def estimate_matches(searcher, q: wq.Query) -> tuple[int, bool]:
    """(number of live documents matching q, whether that number is an estimate)."""
    total, estimated = 0, False
    for sub, _offset in searcher.leaf_searchers():
        ctx = _Count(exact=False)
        found = _ids(sub, q, ctx)
        if not ctx.approx:
            total += len(found)
            continue
        sample = _sample(sorted(found))
        exact = _ids(sub, q, _Count(exact=False, restrict=sample)) & sample
        total += round(len(found) * len(exact) / len(sample))
        estimated = estimated or len(sample) < len(found)
    return total, estimated
