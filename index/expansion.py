"""Prefix and fuzzy expansion over a segment's term table in bulk (`index.lexicon`).

`CappedPrefix` / `CappedFuzzy` (`index.query`) expanded term by term through Whoosh's
iterators (~30 us a term, thousands of terms per segment and field for a fuzzy word); these
give the same expansions from numpy arrays of the term table: the same first
`query.MAX_SCAN` terms with the prefix, the same choice and order. They return None when
the segment cannot be read that way or numpy is not loaded yet (a fresh process's small
queries do not import it), and the callers fall back to the iterators.
"""
from __future__ import annotations

import heapq

from index import lazynp, query
from index.lexicon import prefix_range


def _scan(ixreader, fieldname: str, prefix: str):
    """The first `MAX_SCAN` terms of the field starting with `prefix`, from the segment's
    term table in bulk; None when numpy is not loaded yet, the reader is not one segment's,
    or the table cannot be read (the callers then use Whoosh's iterator)."""
    if not lazynp.loaded() or not ixreader.is_atomic():
        return None
    try:
        bprefix = ixreader.schema[fieldname].to_bytes(prefix)
    except Exception:
        return None
    return prefix_range(ixreader, fieldname, bprefix, query.MAX_SCAN)


def prefix_from_lexicon(ixreader, fieldname, literal):
    """`_Capped._expand` of a prefix: of the first `MAX_SCAN` terms with the prefix, the
    `MAX_EXPANSION` most frequent (the earlier term wins a tie, as `heapq.nlargest` keeps
    it), in term order. None: use Whoosh's iterator."""
    terms = _scan(ixreader, fieldname, literal)
    if terms is None:
        return None
    np = lazynp.numpy()
    if terms.count <= query.MAX_EXPANSION:
        chosen = np.arange(terms.count)
    else:
        freqs = terms.doc_frequencies(np.arange(terms.count))
        chosen = np.sort(np.lexsort((np.arange(terms.count), -freqs))[:query.MAX_EXPANSION])
    found = terms.term_bytes(chosen)
    terms.remember_infos(ixreader, fieldname, chosen, found)
    return found


def fuzzy_from_lexicon(ixreader, fieldname, text, maxdist, prefixlength, from_bytes):
    """`CappedFuzzy._expand`: of the first `MAX_SCAN` terms with the prefix, those within
    `maxdist` edits, filtered in numpy by character length and by foreign characters (a
    lower bound of the distance) before any edit distance; the same ranking (distance, then
    most frequent, then term). None: use Whoosh's iterator."""
    terms = _scan(ixreader, fieldname, text[:prefixlength])
    if terms is None:
        return None
    np = lazynp.numpy()
    near = np.flatnonzero(np.abs(terms.char_lengths() - len(text)) <= maxdist)
    near = near[terms.foreign_chars(near, text.encode("utf-8")) <= maxdist]
    found = []
    for i, b in zip(near.tolist(), terms.term_bytes(near)):
        dist = distance_within(text, from_bytes(b), maxdist)
        if dist <= maxdist:
            found.append((dist, i, b))
    if not found:
        return []
    freqs = terms.doc_frequencies(np.array([i for _d, i, _b in found], dtype=np.int64)).tolist()
    ranked = [(dist, -df, b) for (dist, _i, b), df in zip(found, freqs)]
    chosen = heapq.nsmallest(query.MAX_FUZZY_EXPANSION, ranked)
    terms.remember_infos(ixreader, fieldname, [i for _d, i, _b in found], [b for _d, _i, b in found])
    return sorted(b for *_rank, b in chosen)


def distance_within(a: str, b: str, bound: int) -> int:
    """`edit_distance(a, b, bound)`, with a quick answer for the common bound of 1: strip
    the common prefix and suffix; what is left must be one insertion, deletion,
    substitution or swap of two neighbours."""
    if bound != 1:
        return query.edit_distance(a, b, bound)
    if a == b:
        return 0
    n, m = len(a), len(b)
    if abs(n - m) > 1:
        return 2
    i = 0
    while i < n and i < m and a[i] == b[i]:
        i += 1
    j = 0
    while j < n - i and j < m - i and a[n - 1 - j] == b[m - 1 - j]:
        j += 1
    ra, rb = a[i : n - j], b[i : m - j]
    if len(ra) <= 1 and len(rb) <= 1:
        return 1
    if len(ra) == len(rb) == 2 and ra[0] == rb[1] and ra[1] == rb[0]:
        return 1
    return 2
