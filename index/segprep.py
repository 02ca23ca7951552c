"""Per-segment tables every search needs, loaded for all segments at once.

The bulk scorer (`index.topn`) and the hit list read, per segment, arrays that are built on
first use and then kept with the segment reader (`index.postarrays`' cache): the BM25F
length part of each default field (`_norm`: the `_<field>_len` column mapped through
Whoosh's byte table), the stored fields' offsets (`index.storedfields`), the live mask and
the date column. Built lazily they land on whichever search first touches a field or a
segment: at 100k articles the reader's warm-up search (`said`, body only, one hit) left
the title norms of 9 segments and 8 segments' stored-field tables to the first query
typed, ~7 ms of its ~20 (half of it page faults on arrays and mapped pages touched for the
first time). `prepare(searcher)` builds them all once per searcher (~4 ms at 9 segments);
`WhooshEngine` calls it after its first search, i.e. inside the reader's warm-up.

Nothing here changes a result: the same functions fill the same caches the searches would
have filled themselves. Readers a refresh kept have their tables already (no work).
"""
from __future__ import annotations

from index import lazynp, postarrays
from index.schema import DEFAULT_FIELDS
from index.storedfields import stored_table


def prepare(searcher, fields=DEFAULT_FIELDS) -> int:
    """Load the per-segment tables of `searcher`'s segments; returns how many segments.
    Does nothing before numpy is loaded (a process that only ran small queries through
    Whoosh's matchers) or for a scoring other than BM25F (the bulk scorer does not run)."""
    if not lazynp.loaded():
        return 0
    from index.topn import length_params

    # Only a head start: whatever fails here (an unusual or damaged segment) is left to the
    # searches, which load the same tables lazily and report their own errors.
    params = {}
    for fieldname in fields:
        try:
            found = length_params(searcher, fieldname)
        except Exception:
            found = None
        if found is not None:
            params[fieldname] = found
    done = 0
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        try:
            postarrays._live(reader)
            for fieldname, (B, K1, avgfl) in params.items():
                postarrays._norm(reader, fieldname, B, K1, avgfl)
            stored_table(reader)
            if "date" in reader.schema and reader.has_column("date"):
                postarrays._dates(reader, "date")
        except Exception:
            continue
        done += 1
    return done
