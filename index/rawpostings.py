"""A term's W3 posting blocks decoded straight from the segment bytes, without Whoosh's
block and matcher objects and, for ids and weights, without decoding the positions.

The W3 format (whoosh/codec/whoosh3.py, `W3PostingsWriter._write_block`): after a 4-byte
magic, each block is a big-endian int32 length (negative for the last block), a protocol-2
pickle of `(count, max id, max weight, compression, min length byte, max length byte)`, then
the data: the pickle of `(id deltas, weights, values)`, zlib-compressed when `compression`
is non-zero. Ids are deltas from 0 within each block (so the first is absolute); weights are
None (all 1.0), one float (all equal) or a tuple of floats; values are per-posting bytes
(the encoded positions and characters: by far the largest part of a block).

Whoosh decompresses and unpickles the whole block. Here only the prefix that holds the ids
and weights is inflated (`zlib.decompressobj().decompress(data, max_length)`: deflate is
sequential, so stopping early saves most of the work), and the common pickle shapes are read
with numpy over all blocks of the term at once: ids that are all `BININT1` (`K` + one byte:
deltas < 256, true of every block of a frequent term), weights `None`, one `BINFLOAT` (`G` +
8 big-endian bytes) or a marked tuple of them. Any other block (short blocks, 2-byte deltas,
anything unexpected) is decoded the way Whoosh does, so the result is always Whoosh's.

Values are decoded only when asked for, one whole block at a time (`LazyValues`).
"""
from __future__ import annotations

import pickle
import zlib
from bisect import bisect_right
from itertools import accumulate
from struct import Struct
from index.lazynp import numpy as _numpy

_HEADER = b"W3Bl"  # whoosh3.WHOOSH3_HEADER_MAGIC
_INT = Struct(">i")
_FLOAT = Struct(">d")
_K, _M, _J, _G, _N = 0x4B, 0x4D, 0x4A, 0x47, 0x4E
_MARK, _TUPLE, _BINPUT = 0x28, 0x74, 0x71
_OPLEN = {_K: 2, _M: 3, _J: 5}
_FEW_BLOCKS = 2  # terms with at most this many blocks are read without numpy's vector path
_NOT_FAST = 4  # blocks with fewer postings are pickled without a MARK: decoded the slow way


class FormatError(Exception):
    """The bytes are not W3 posting blocks as this module knows them."""


def _int_at(b, p: int) -> tuple[int, int]:
    """One pickled non-negative int (K/M/J) at p: (value, next position)."""
    op = b[p]
    if op == _K:
        return b[p + 1], p + 2
    if op == _M:
        return b[p + 1] | (b[p + 2] << 8), p + 3
    if op == _J:
        return int.from_bytes(b[p + 1 : p + 5], "little", signed=True), p + 5
    raise FormatError(f"unexpected pickle opcode {op:#x} in a block header")


def blocks(buf, offset: int, length: int, maxids: list | None = None) -> list[tuple[int, int, object]]:
    """[(posting count, compression, data bytes view)] of the postings at `offset`; each
    block's largest document number is appended to `maxids` when given."""
    view = memoryview(buf)[offset : offset + length]
    if bytes(view[:4]) != _HEADER:
        raise FormatError("no W3 block header")
    out = []
    pos = 4
    end = len(view)
    while pos < end:
        count, maxid, comp, data, pos, last = _block_head(view, pos)
        if maxids is not None:
            maxids.append(maxid)
        out.append((count, comp, data))
        if last:
            break
    return out


def _block_head(view, pos: int) -> tuple[int, int, int, object, int, bool]:
    """(posting count, largest id, compression, data view, next block's position, whether
    it is the last block) of the block at `pos`."""
    size = _INT.unpack_from(view, pos)[0]
    last = size < 0
    size = -size if last else size
    start = pos + 4
    nxt = start + size
    # info: \x80\x02 ( count maxid G<8> comp minlen maxlen t q\x00 .
    if view[start] != 0x80 or view[start + 2] != _MARK:
        raise FormatError("block info is not a protocol-2 tuple")
    count, p = _int_at(view, start + 3)
    maxid, p = _int_at(view, p)
    if view[p] != _G:
        raise FormatError("block info without a float max weight")
    comp, p = _int_at(view, p + 9)
    _mn, p = _int_at(view, p)
    _mx, p = _int_at(view, p)
    if view[p] != _TUPLE or view[p + 1] != _BINPUT or view[p + 3] != 0x2E:
        raise FormatError("block info does not end as expected")
    return count, maxid, comp, view[p + 4 : nxt], nxt, last


class BlockIndex:
    """A term's blocks found by their lengths alone (one `>i` per block), each block's
    header parsed the first time it is asked for: `index.places` looks up a few hits in
    terms of up to hundreds of blocks, and parsing every header (`blocks`) cost ~5 us a
    block in Python. `maxid(b)` and `block(b)` give what `blocks` gives for block b."""

    __slots__ = ("_view", "_starts", "_heads")

    def __init__(self, buf, offset: int, length: int) -> None:
        view = memoryview(buf)[offset : offset + length]
        if bytes(view[:4]) != _HEADER:
            raise FormatError("no W3 block header")
        starts = []
        pos, end = 4, len(view)
        unpack = _INT.unpack_from
        while pos < end:
            size = unpack(view, pos)[0]
            starts.append(pos)
            if size < 0:
                break
            pos += 4 + size
        self._view, self._starts, self._heads = view, starts, {}

    def __len__(self) -> int:
        return len(self._starts)

    def _head(self, b: int) -> tuple[int, int, int, object]:
        found = self._heads.get(b)
        if found is None:
            found = self._heads[b] = _block_head(self._view, self._starts[b])[:4]
        return found

    def maxid(self, b: int) -> int:
        return self._head(b)[1]

    def block(self, b: int) -> tuple[int, int, object]:
        """(posting count, compression, data bytes) of block b, as `blocks` lists it."""
        count, _maxid, comp, data = self._head(b)
        return count, comp, data


def block_postings(comp: int, data) -> tuple[list[int], tuple]:
    """(absolute ids, values) of one whole block."""
    deltas, _w, values = _full(comp, data)
    return list(accumulate(deltas)), values


def _full(comp: int, data) -> tuple:
    """The whole (deltas, weights, values) tuple of one block, as Whoosh reads it."""
    raw = zlib.decompress(data) if comp else bytes(data)
    return unpickle_block(raw)


_CODECS_ENCODE = b"c_codecs\nencode\n"  # GLOBAL _codecs.encode, protocol 2
_STR_ENCODE = b"cbuiltins\nstr.encode\n"  # GLOBAL str.encode (a dotted name: protocol 4)


def unpickle_block(raw: bytes):
    """`pickle.loads(raw)`, faster for Whoosh's blocks. Whoosh pickles them with protocol 2,
    where each posting value (bytes) becomes a call `_codecs.encode(text, "latin1")`: its
    codec registry lookup (~0.6 us a value) is most of the time a block with 128 values
    takes to unpickle (~110 us). Read as protocol 4 with that global replaced by
    `str.encode`, the same values come out (`str.encode(text, "latin1")`, ~0.15 us). Only
    when the stream starts as protocol 2 and names `_codecs.encode` exactly once (the
    global is memoised after its first use); any error, e.g. a non-text codec or a Python 2
    name that protocol 2's import mapping would have fixed, falls back to `pickle.loads`."""
    if raw[:2] == b"\x80\x02" and raw.count(_CODECS_ENCODE) == 1:
        try:
            return pickle.loads(b"\x80\x04" + raw[2:].replace(_CODECS_ENCODE, _STR_ENCODE, 1))
        except Exception:
            pass
    return pickle.loads(raw)


def _prefix(comp: int, data, need: int) -> bytes:
    if comp:
        return zlib.decompressobj().decompress(data, need)
    return bytes(data[:need])


def block_info(buf, offset: int, length: int):
    """The block list and first posting of each block (what `LazyValues` needs), without
    decoding any block."""
    np = _numpy()
    blist = blocks(buf, offset, length)
    starts = np.zeros(len(blist), dtype=np.int64)
    if len(blist) > 1:
        starts[1:] = np.cumsum([b[0] for b in blist[:-1]])
    return blist, starts


def decode(buf, offset: int, length: int):
    """(ids int64 absolute, weights float64, block list) of the postings at `offset`."""
    np = _numpy()
    blist = blocks(buf, offset, length)
    if len(blist) == 1:  # most terms: one short block, no vector work worth its set-up
        n, comp, data = blist[0]
        parsed = _parse_prefix(n, comp, data) or _full(comp, data)[:2]
        if len(parsed[0]) != n:
            raise FormatError("block count does not match its ids")
        ids = np.cumsum(np.array(parsed[0], dtype=np.int64))
        w_t = parsed[1]
        if w_t is None or isinstance(w_t, float):
            w = np.full(n, 1.0 if w_t is None else w_t, dtype=np.float64)
        else:
            w = np.array(w_t, dtype=np.float64)
        return ids, w, (blist, np.zeros(1, dtype=np.int64))
    counts = np.array([b[0] for b in blist], dtype=np.int64)
    total = int(counts.sum())
    deltas = np.empty(total, dtype=np.int64)
    weights = np.empty(total, dtype=np.float64)
    starts = np.zeros(len(blist), dtype=np.int64)
    if len(blist) > 1:
        starts[1:] = np.cumsum(counts[:-1])

    fast: list[int] = []
    parts: list[bytes] = []
    firsts: list[int] = []
    skips: list[int] = []
    for i, (n, comp, data) in enumerate(blist):
        if n < _NOT_FAST or len(blist) <= _FEW_BLOCKS:  # numpy's per-call cost would dominate
            continue
        # \x80\x02( first-id<2..5> K<1>*(n-1) t q\x00 then ( G<8>*n t
        need = 11 * n + 12
        pre = _prefix(comp, data, need)
        pre += bytes(need - len(pre))  # zero padding fails every check below
        if pre[3] not in _OPLEN:
            continue
        first, p = _int_at(pre, 3)
        parts.append(pre)
        firsts.append(first)
        skips.append(p - 3)
        fast.append(i)
    slow = set(range(len(blist))) - set(fast)
    if fast:
        fi = np.array(fast, dtype=np.int64)
        n = counts[fi]
        need = 11 * n + 12
        base = np.zeros(len(fi), dtype=np.int64)
        base[1:] = np.cumsum(need[:-1])
        a = np.frombuffer(b"".join(parts), dtype=np.uint8)
        nf = int(n.sum())
        heads = np.cumsum(n) - n  # each block's first posting among the fast ones
        k = np.arange(nf, dtype=np.int64) - np.repeat(heads, n)
        rest = np.repeat(base + 3 + np.array(skips, dtype=np.int64) - 2, n) + 2 * k  # k >= 1
        idpos = rest.copy()
        idpos[heads] = base  # placeholder for the first ids (read in Python above)
        ok_post = a[idpos] == _K
        ok_post[heads] = True
        after = rest[heads + n - 1] + 2
        w0 = after + 3
        wop = a[w0]
        ok = (a[base] == 0x80) & (a[base + 2] == _MARK) & (a[after] == _TUPLE) & (a[after + 1] == _BINPUT) & (a[after + 2] == 0)
        ok &= (wop == _N) | (wop == _G) | (wop == _MARK)
        tup = np.repeat(wop == _MARK, n)
        wpos = np.repeat(w0 + 1, n) + 9 * k
        ok_post &= ~tup | (a[wpos] == _G)
        ok &= np.logical_and.reduceat(ok_post, heads)  # a block is fast only if all of it parsed
        wtup = np.where(tup, wpos + 1, np.repeat(w0 + 1, n))
        raw = a[wtup[:, None] + np.arange(8)].copy().view(">f8").ravel().astype(np.float64)
        w = np.where(np.repeat(wop == _N, n), 1.0, raw)
        d = a[idpos + 1].astype(np.int64)
        d[heads] = firsts
        dest = np.repeat(starts[fi], n) + k
        good = np.repeat(ok, n)
        deltas[dest[good]] = d[good]
        weights[dest[good]] = w[good]
        slow.update(int(x) for x in fi[~ok])
    for i in sorted(slow):
        n, comp, data = blist[i]
        s = int(starts[i])
        parsed = _parse_prefix(n, comp, data)
        if parsed is None:  # anything unusual: the whole block, as Whoosh reads it
            ids_t, w_t, _v = _full(comp, data)
        else:
            ids_t, w_t = parsed
        if len(ids_t) != n:
            raise FormatError("block count does not match its ids")
        deltas[s : s + n] = ids_t
        if w_t is None:
            weights[s : s + n] = 1.0
        else:  # one float for all, or one per posting
            weights[s : s + n] = w_t
    ids = np.cumsum(deltas)
    if len(blist) > 1:  # each block's deltas start from 0: subtract the blocks before it
        before = np.zeros(len(blist), dtype=np.int64)
        before[1:] = ids[starts[1:] - 1]
        ids -= np.repeat(before, counts)
    return ids, weights, (blist, starts)


_WEIGHTS: dict[int, Struct] = {}


def _parse_prefix(n: int, comp: int, data):
    """(id deltas, weights) of a block the vectorised path did not take (ids not all one
    byte, or fewer than 4 postings: tuples of 1-3 items are pickled without a MARK, closed by
    TUPLE1-3): ids read one opcode at a time (K/M/J), tuple weights with one struct call;
    None if the bytes are not that shape (the caller then unpickles the whole block)."""
    pre = _prefix(comp, data, 14 * n + 12)
    short = n < _NOT_FAST
    close = 0x84 + n if short else _TUPLE  # TUPLE1..3 are 0x85..0x87
    if len(pre) < 4 or pre[0] != 0x80 or (not short and pre[2] != _MARK):
        return None
    ids = []
    p = 2 if short else 3
    try:
        for _ in range(n):
            op = pre[p]
            if op == _K:
                ids.append(pre[p + 1])
                p += 2
            elif op == _M:
                ids.append(pre[p + 1] | (pre[p + 2] << 8))
                p += 3
            elif op == _J:
                ids.append(int.from_bytes(pre[p + 1 : p + 5], "little", signed=True))
                p += 5
            else:
                return None
        if pre[p] != close or pre[p + 1] != _BINPUT or pre[p + 2] != 0:
            return None
        p += 3
        op = pre[p]
        if op == _N:
            return ids, None
        if op == _G and not (short and n > 1 and pre[p + 9] == _G):
            return ids, _FLOAT.unpack_from(pre, p + 1)[0]  # one float: all weights equal
        if short and op == _G:
            first = p  # G<8> * n then TUPLEn
        elif not short and op == _MARK:
            first = p + 1
        else:
            return None
        st = _WEIGHTS.get(n)
        if st is None:
            st = _WEIGHTS[n] = Struct(">" + "xd" * n)
        if len(pre) < first + st.size + 1 or pre[first + st.size] != close:
            return None
        if any(pre[first + 9 * k] != _G for k in range(n)):
            return None
        return ids, st.unpack_from(pre, first)
    except IndexError:
        return None


class LazyValues:
    """The per-posting value bytes of a decoded term, aligned with its (possibly filtered)
    ids; a block is inflated and unpickled the first time one of its values is asked for."""

    __slots__ = ("_blist", "_starts", "_rows", "_done", "_n", "_fixed")

    def __init__(self, blockinfo, rows=None, n: int | None = None, fixedsize: int | None = None) -> None:
        self._fixed = fixedsize  # the format's fixed value size (None or < 0: variable)
        self._blist, starts = blockinfo
        self._starts = starts.tolist()
        self._rows = rows  # positions among all postings of the kept ones (None: all kept)
        self._done: dict[int, tuple] = {}
        self._n = n if n is not None else sum(b[0] for b in self._blist)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> bytes:
        i = int(i)
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        j = int(self._rows[i]) if self._rows is not None else i
        b = bisect_right(self._starts, j) - 1
        vals = self._done.get(b)
        if vals is None:
            n, comp, data = self._blist[b]
            vals = _full(comp, data)[2]
            size = self._fixed
            if size == 0:  # de-minified as W3LeafMatcher._read_values does
                vals = (None,) * n
            elif size is not None and size > 0:
                vals = tuple(vals[k : k + size] for k in range(0, len(vals), size))
            self._done[b] = vals
        return vals[j - self._starts[b]]

    def decoded_blocks(self) -> int:
        return len(self._done)
