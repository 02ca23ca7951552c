"""Where a hit's matched words are: {docnum: {term: [(pos, startchar, endchar), ...]}} for
the hits being shown, read segment by segment from the posting arrays the ranking cached.

Whoosh's way (`snippets.load_places`) asks the multi-segment reader for each query term's
posting matcher (a hash lookup in every segment, a matcher per segment) and skips it block
by block through the hits: ~10 ms for one frequent word at 100k articles, ~200 ms for a
prefix whose segments' expansions add up to ~200 terms. Here, per segment holding hits:
the query's terms *in that segment* (a prefix or fuzzy word expands per segment, as it
matched; Whoosh's `hit.matched_terms()` gives the same set), presence from the term's
cached id array (one `searchsorted` for all the segment's hits), and only for the present
(hit, term) pairs the block that holds the hit is found by its largest id (a binary search
over the term's blocks, `rawpostings.BlockIndex`: a few headers parsed, remembered) and
decoded (remembered too, a bounded number).
"""
from __future__ import annotations

from bisect import bisect_left
from whoosh.reading import TermNotFound

from index import lazynp, postarrays, rawpostings
from index.query import positive_terms

Places = dict[int, dict[str, list[tuple[int, int, int]]]]

KEEP_BLOCKS = 64  # decoded blocks remembered per segment (~8 KB each)
KEEP_TERMS = 512  # terms whose block headers are remembered per segment


def load_places_bulk(searcher, fieldname: str, q, docnums) -> Places | None:
    """The places of q's `fieldname` terms in the documents `docnums` (global numbers), or
    None when a segment cannot be read this way or numpy is not loaded yet (small queries
    on a fresh process: then use `snippets.load_places`)."""
    if not lazynp.loaded():
        return None
    places: Places = {d: {} for d in docnums}
    if not places or fieldname not in searcher.schema:
        return places
    np = postarrays._numpy()
    field = searcher.schema[fieldname]
    if not field.format.supports("characters"):
        return None
    wanted = sorted(places)
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        lo = bisect_left(wanted, offset)
        hi = bisect_left(wanted, offset + reader.doc_count_all())
        if lo == hi:
            continue
        local = np.array(wanted[lo:hi], dtype=np.int64) - offset
        terms = sorted({t for f, t in positive_terms(q, reader) if f == fieldname})
        for term in terms:
            btext = field.to_bytes(term)
            try:
                ids = postarrays._read_postings(reader, fieldname, btext)[0]
            except (TermNotFound, KeyError):
                continue
            except postarrays.Unsupported:
                return None
            if not len(ids):
                continue
            at = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
            present = local[ids[at] == local]
            if not len(present):
                continue
            found = _values(reader, fieldname, btext, present.tolist())
            if found is None:
                return None
            for doc, value in found.items():
                places[doc + offset][term] = field.format.decode_characters(value)
    return places


def _values(reader, fieldname: str, btext: bytes, docs: list[int]) -> dict[int, bytes] | None:
    """{doc: the posting's stored value} for documents known to hold the term."""
    cache = postarrays._cache(reader)  # forgotten with the reader (a refresh)
    _headers, _blocks = cache.headers, cache.blocks
    key = (fieldname, btext)
    index = _headers.get(key)
    if index is None:
        ext = postarrays._term_extent(reader, fieldname, btext)
        if ext is None:
            return None
        try:
            index = rawpostings.BlockIndex(*ext)
        except (rawpostings.FormatError, IndexError, ValueError):
            return None
        _headers[key] = index
        if len(_headers) > KEEP_TERMS:
            _headers.popitem(last=False)
    else:
        _headers.move_to_end(key)
    out: dict[int, bytes] = {}
    blocks = range(len(index))
    try:
        for doc in docs:
            # the first block whose largest id is >= doc: log2(blocks) headers parsed
            b = bisect_left(blocks, doc, key=index.maxid)
            if b == len(blocks):
                continue
            bkey = (key, b)
            block = _blocks.get(bkey)
            if block is None:
                _n, comp, data = index.block(b)
                block = _blocks[bkey] = rawpostings.block_postings(comp, data)
                if len(_blocks) > KEEP_BLOCKS:
                    _blocks.popitem(last=False)
            else:
                _blocks.move_to_end(bkey)
            ids, values = block
            k = bisect_left(ids, doc)
            if k < len(ids) and ids[k] == doc:
                out[doc] = values[k]
    except (rawpostings.FormatError, IndexError):  # a damaged block: Whoosh's way then
        return None
    return out
