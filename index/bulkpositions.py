"""Positions of a term's postings from their stored values, unpickled in bulk.

Whoosh's Positions and Characters formats store each posting's value as a big-endian u32
count, then a protocol-2 pickle of the list of position deltas (Characters: of
(position, start, end) deltas). The search sidecar (`index.sidecar`) needs every posting's
positions of its most frequent terms, ~1M values per 5,000 articles; unpickling them one
`pickle.loads` at a time was most of its cost. Here a term's list bodies are cut out of
the concatenated values (numpy mask), unpickled in one call as a list of lists, and the
deltas summed per posting with a segmented `cumsum`.
"""
from __future__ import annotations

from itertools import chain
from operator import itemgetter
from pickle import loads

from whoosh import formats

from index.lazynp import numpy as _numpy

_head = itemgetter(0)


_LIST_BODY = 6  # a value: big-endian u32 number of positions, b"\x80\x02", the list, b"."


def positions(fmt, values, count: int):
    """(offsets uint32 count + 1, positions) of a term's `count` posting values, or None if
    the format has no positions or the values do not decode to one list each.

    The values are Whoosh's Positions/Characters encodings: a count, then a protocol-2
    pickle of the list of position deltas (Characters: (position, start, end) deltas).
    Their list bodies are unpickled in one `pickle.loads` (MARK, the bodies, LIST: a list
    of the lists; their memo slots are only ever written, never read) and the deltas summed
    per posting in numpy; anything unexpected falls back to decoding value by value, as
    the phrase check does."""
    np = _numpy()
    kind = type(fmt)
    if not fmt.supports("positions"):
        return None
    lists = None
    if kind in (formats.Positions, formats.Characters) and len(values) == count and count:
        lists = _lists(np, values, count)
    if lists is not None:
        lens = np.fromiter(map(len, lists), dtype=np.int64, count=count)
        items = chain.from_iterable(lists)
        total = int(lens.sum())
        deltas = np.fromiter(map(_head, items) if kind is formats.Characters else items,
                             dtype=np.int64, count=total)
        offsets = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(lens, out=offsets[1:])
        flat = np.cumsum(deltas)
        if total:  # each posting's sums start again from 0
            before = np.concatenate(([0], flat))[offsets[:-1]]
            flat -= np.repeat(before, lens)
    else:
        from index.phrase import decoder

        decode = decoder(fmt)
        kept = [decode(v) for v in values if v]  # blocks keep only non-empty values
        if len(kept) != count:
            return None
        offsets = np.zeros(count + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(x) for x in kept])
        flat = np.fromiter((p for x in kept for p in x), dtype=np.int64, count=int(offsets[-1]))
    if offsets[-1] >= 2**32 or (len(flat) and (flat.min() < 0 or flat.max() >= 2**32)):
        return None
    ptype = "<u2" if not len(flat) or flat.max() < 65536 else "<u4"
    return offsets.astype("<u4"), flat.astype(ptype)


def _lists(np, values, count: int):
    """The unpickled delta lists of `values` in one `pickle.loads`, or None when a value
    is not a 4-byte count + protocol-2 list pickle or the counts do not match."""
    lens = np.fromiter(map(len, values), dtype=np.int64, count=count)
    if lens.min() < _LIST_BODY + 2:
        return None
    raw = np.frombuffer(b"".join(values), dtype=np.uint8)
    at = np.cumsum(lens) - lens
    ends = at + lens - 1
    if (raw[at + 4] != 0x80).any() or (raw[at + 5] != 2).any() or (raw[ends] != 0x2E).any():
        return None
    stated = ((raw[at].astype(np.int64) << 24) | (raw[at + 1].astype(np.int64) << 16)
              | (raw[at + 2].astype(np.int64) << 8) | raw[at + 3])
    keep = np.ones(len(raw), dtype=bool)  # each value's list body: all but the header and b"."
    for k in range(_LIST_BODY):
        keep[at + k] = False
    keep[ends] = False
    try:
        lists = loads(b"\x80\x02(" + raw[keep].tobytes() + b"l.")
    except Exception:  # noqa: BLE001 - not the expected pickles: decode one by one
        return None
    if type(lists) is not list or len(lists) != count or set(map(type, lists)) != {list}:
        return None
    if not np.array_equal(np.fromiter(map(len, lists), dtype=np.int64, count=count), stated):
        return None
    return lists
