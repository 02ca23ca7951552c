"""A Whoosh segment writer that keeps a batch's postings in memory and writes them in one pass.

Whoosh's `SegmentWriter` puts every posting as a tuple (field, term, docnum, weight, value)
into a `PostingPool`, which spills sorted runs to temporary files and merges them back at
commit, then `FieldWriter.add_postings` feeds the sorted stream one posting at a time to the
postings writer. Text indexing spent most of its time there. Documents are numbered in the
order they are added, so a term's postings arrive already in document order: this writer
keeps, per field, a dict term -> ([docnums], [weights], [values]) and at commit sorts only
the distinct terms (not every posting) and hands each term's postings to Whoosh's own
W3 postings writer a block at a time (`FastPostingsWriter`, the same bytes as before).

Title/body (`FastText`) are analysed straight into the dict: no token generator, no
per-posting term encoding (terms are str until the commit; UTF-8 keeps their sort order).

What it writes is a standard Whoosh 2.7 W3 segment (stamped `W3Codec`), so `open_dir`
reads it; tests/index/test_writer_segments.py checks identical postings and query answers
against Whoosh's own writer. Merges at commit (`add_reader`) go through the same dict, in
docnum order too (their numbers follow the new documents'); should anything add a term's
postings out of order, that term is sorted before it is written.

Memory: roughly 80 bytes plus the encoded positions per posting (~25 KB per 600-word
article); `memory_estimate()` lets a caller start a new segment before it grows too big.
"""
from __future__ import annotations

from array import array
from operator import sub
from pickle import dumps
from zlib import compress

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from index.codec import SMALL_BLOCK, FastCodec, _length_table
from index.textfield import FastText, term_occurrences

_TERMINFO = W3TermInfo._struct
POSTING_OVERHEAD = 48  # bytes per posting besides its value bytes (array items, bytes header)


class MemoryPostings:
    """The postings of one segment being written, grouped by field and term.

    `add(item)` takes PostingPool's tuples (used by merges and non-fast fields); the fast
    path appends to `terms(fieldname)` directly. Terms of fields registered with
    `str_terms` are str (decoded with surrogateescape, so any bytes round-trip)."""

    def __init__(self) -> None:
        self.fields: dict[str, dict] = {}
        self.str_fields: set[str] = set()
        self.fieldnames: set[str] = set()
        self.unsorted: set[tuple[str, object]] = set()  # (field, term) added out of order
        self.count = 0  # postings
        self.value_bytes = 0

    def terms(self, fieldname: str) -> dict:
        found = self.fields.get(fieldname)
        if found is None:
            found = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return found

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        if not isinstance(tbytes, bytes):
            raise TypeError(f"term must be bytes, not {type(tbytes).__name__}")
        if vbytes is not None and not isinstance(vbytes, bytes):
            raise TypeError(f"value must be bytes, not {type(vbytes).__name__}")
        key = tbytes.decode("utf-8", "surrogateescape") if fieldname in self.str_fields else tbytes
        terms = self.terms(fieldname)
        entry = terms.get(key)
        if entry is None:
            entry = terms[key] = (array("I"), array("d"), [])
        elif entry[0][-1] >= docnum:
            self.unsorted.add((fieldname, key))
        entry[0].append(docnum)
        entry[1].append(weight)
        entry[2].append(vbytes)
        self.count += 1
        if vbytes:
            self.value_bytes += len(vbytes)

    def add_to(self, terms: dict, key, docnum: int, weight: float, vbytes: bytes) -> None:
        """One posting into a field's terms dict (docnums must not decrease per term)."""
        entry = terms.get(key)
        if entry is None:
            terms[key] = (array("I", (docnum,)), array("d", (weight,)), [vbytes])
        else:
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(vbytes)
        self.count += 1
        self.value_bytes += len(vbytes)

    def memory_estimate(self) -> int:
        return self.count * POSTING_OVERHEAD + self.value_bytes

    def sorted_terms(self, fieldname: str):
        """[(term bytes, (ids, weights, values))] in term order, each in docnum order."""
        terms = self.fields.get(fieldname, {})
        if fieldname in self.str_fields:
            items = [(k.encode("utf-8", "surrogateescape"), v) for k, v in terms.items()]
        else:
            items = list(terms.items())
        items.sort(key=lambda kv: kv[0])
        if self.unsorted:
            for i, (btext, entry) in enumerate(items):
                key = btext.decode("utf-8", "surrogateescape") if fieldname in self.str_fields else btext
                if (fieldname, key) in self.unsorted:
                    order = sorted(range(len(entry[0])), key=entry[0].__getitem__)
                    items[i] = (btext, tuple(_pick(part, order) for part in entry))
        return items

    def iter_postings(self):
        """Every posting as PostingPool yields them: sorted by field, term, docnum."""
        for fieldname in sorted(self.fields):
            for btext, (ids, weights, values) in self.sorted_terms(fieldname):
                for i, docnum in enumerate(ids):
                    yield fieldname, btext, docnum, weights[i], values[i]

    def held(self) -> "MemoryPostings":
        """The same postings in a pool of their own, which this one's `cleanup` (run when
        the writer closes its segment) leaves alone: for building the segment's search
        sidecar from memory once it is written (`index.sidecar.write_sidecar_from_pool`)."""
        copy = MemoryPostings()
        copy.fields, copy.str_fields, copy.fieldnames = self.fields, self.str_fields, self.fieldnames
        copy.unsorted, copy.count, copy.value_bytes = self.unsorted, self.count, self.value_bytes
        return copy

    # PostingPool's clean-up interface
    def cleanup(self) -> None:
        self.fields = {}  # a pool from `held()` keeps the postings until it goes


def _pick(part, order):
    picked = [part[i] for i in order]
    return array(part.typecode, picked) if isinstance(part, array) else picked


def _fast_fields(schema) -> dict[str, object]:
    """Fields indexed by FastText's loop: name -> value encoder."""
    found = {}
    for name, field in schema.items():
        if isinstance(field, FastText) and field._encoder() is not None:
            found[name] = field._encoder()
    return found


class FastSegmentWriter(SegmentWriter):
    """SegmentWriter with in-memory postings (see the module docstring). Same arguments;
    `limitmb` is ignored (callers watch `memory_estimate()`), the codec is FastCodec."""

    def __init__(self, ix, **kwargs) -> None:
        kwargs["codec"] = FastCodec()
        super().__init__(ix, **kwargs)
        schema = self.schema
        for name, field in schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"FastSegmentWriter: field {name!r} has term vectors or spelling")
        self.pool = MemoryPostings()
        self._fast = _fast_fields(schema)
        self.pool.str_fields.update(self._fast)

    def memory_estimate(self) -> int:
        return self.pool.memory_estimate()

    def add_document(self, **fields) -> None:
        """SegmentWriter.add_document, with FastText fields analysed straight into the pool."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        fast = self._fast

        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields.keys() if not name.startswith("_")])
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                encode = fast.get(fieldname)
                if encode is not None and isinstance(value, str):
                    length = self._add_fast(fieldname, value, encode, docnum,
                                            field.format.field_boost, fieldboost)
                    if not field.scorable:
                        length = 0
                else:
                    scorable = field.scorable
                    add = pool.add
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if scorable:
                            length += freq
                        add((fieldname, tbytes, docnum, weight * fieldboost, vbytes))

            customval = fields.get("_stored_%s" % fieldname, value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))

        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_fast(self, fieldname: str, text: str, encode, docnum: int, boost: float,
                  fieldboost: float) -> int:
        """Postings of one FastText value; returns the field length (sum of frequencies).
        Weight = freq * format boost, then * the document's field boost, in the order
        TEXT.index and add_document multiply them."""
        pool = self.pool
        terms = pool.terms(fieldname)
        length = 0
        nbytes = 0
        occurrences = term_occurrences(text)
        if fieldboost != 1.0:
            return self._add_boosted(terms, occurrences, encode, docnum, boost, fieldboost)
        for term, places in occurrences.items():
            freq = len(places)
            length += freq
            vbytes = encode(places)
            nbytes += len(vbytes)
            entry = terms.get(term)
            if entry is None:
                terms[term] = (array("I", (docnum,)), array("d", (freq * boost,)), [vbytes])
            else:
                entry[0].append(docnum)
                entry[1].append(freq * boost)
                entry[2].append(vbytes)
        pool.count += len(occurrences)
        pool.value_bytes += nbytes
        return length

    def _add_boosted(self, terms, occurrences, encode, docnum, boost, fieldboost) -> int:
        length = 0
        for term, places in occurrences.items():
            freq = len(places)
            length += freq
            self.pool.add_to(terms, term, docnum, float(freq) * boost * fieldboost, encode(places))
        return length

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_postings(self.fieldwriter, self.schema, pdr, self.pool)
        finally:
            self.fieldwriter.close()
            if pdr:
                pdr.close()


def write_postings(fieldwriter, schema, lengths, pool: MemoryPostings) -> None:
    """Write every field's terms into `fieldwriter` (a W3FieldWriter): the posting blocks,
    term infos and term table byte for byte as W3FieldWriter.add_postings with
    FastPostingsWriter writes them, built a block at a time instead of a posting at a time."""
    postfile = fieldwriter._postfile
    tindex = fieldwriter._tindex
    codec = fieldwriter._codec
    limit = codec._blocklimit
    level = codec._compression
    for fieldname in sorted(pool.fields):
        if fieldname not in schema:
            continue
        fieldobj = schema[fieldname]
        table = _length_table(lengths, fieldname) if lengths else []
        if table is None:  # a reader without a plain length column: ask it
            table = [lengths.doc_field_length(d, fieldname) for d in range(lengths.doc_count_all())]
        fieldwriter.start_field(fieldname, fieldobj)
        prefix = pack_ushort(fieldwriter._fieldid)
        fixedsize = fieldobj.format.fixed_value_size()
        offset = postfile.tell()
        for btext, (ids, weights, values) in pool.sorted_terms(fieldname):
            data, info = _term_postings(ids, weights, values, table, limit, level, fixedsize)
            postfile.write(data)
            tindex.add(prefix + btext, info + pack_long(offset) + pack_int(len(data)))
            offset += len(data)
        fieldwriter.finish_field()


_LENGTH_BYTES: dict = {}


def _length_byte(length) -> int:
    """whoosh.util.numeric.length_to_byte, memoised (field lengths repeat a lot)."""
    found = _LENGTH_BYTES.get(length)
    if found is None:
        found = _LENGTH_BYTES[length] = length_to_byte(length)
    return found


def _term_postings(ids, weights, values, table, limit, level, fixedsize) -> tuple[bytes, bytes]:
    """(posting bytes, term info without its extent) for one term, as W3PostingsWriter and
    W3TermInfo make them: blocks of `limit` postings, each a pickled (delta ids, weights,
    values) tuple, zlib-compressed from SMALL_BLOCK postings up, behind a pickled header
    (count, last id, max weight, compression, min/max length byte); the last block's
    length is negative."""
    parts = [WHOOSH3_HEADER_MAGIC]
    total = len(ids)
    ntable = len(table)
    t_weight = 0
    t_minlength = None
    t_maxlength = 0
    t_maxweight = 0
    for start in range(0, total, limit):
        end = start + limit
        block_ids = ids[start:end]
        count = len(block_ids)
        raw_weights = weights[start:end]
        f_weights = array("f", raw_weights)
        top = max(raw_weights)
        maxweight = top if top > 0 else 0
        if block_ids[-1] < ntable:  # ids ascend: every posting has a table entry
            lengths = list(filter(None, map(table.__getitem__, block_ids)))
        else:
            lengths = [table[d] for d in block_ids if d < ntable and table[d]]
        minlength = min(lengths) if lengths else None
        maxlength = max(lengths) if lengths else 0
        # W3TermInfo.add_block
        t_weight += sum(f_weights)
        t_minlength = minlength if t_minlength is None else min(t_minlength, minlength)
        t_maxlength = max(t_maxlength, maxlength)
        t_maxweight = max(t_maxweight, maxweight)
        # W3PostingsWriter._write_block
        last_id = block_ids[-1]
        if count == 1:
            deltas = (last_id,)
        else:
            deltas = (block_ids[0], *map(sub, block_ids[1:], block_ids))
        first = f_weights[0]
        if first == 1.0 and f_weights.count(first) == count:
            mini_weights = None
        elif f_weights.count(first) == count:
            mini_weights = first
        else:
            mini_weights = tuple(f_weights)
        if fixedsize is None or fixedsize < 0:
            mini_values = tuple(filter(None, values[start:end]))
        elif fixedsize == 0:
            mini_values = None
        else:
            mini_values = b"".join(filter(None, values[start:end]))
        data = dumps((deltas, mini_weights, mini_values), 2)
        comp = level if count >= SMALL_BLOCK else 0
        if comp:
            data = compress(data, comp)
        info = dumps((count, last_id, maxweight, comp, _length_byte(minlength),
                      _length_byte(maxlength)), 2)
        size = len(info) + len(data)
        parts.append(pack_int(-size if end >= total else size))
        parts.append(info)
        parts.append(data)
    terminfo = _TERMINFO.pack(
        False, t_weight, total,
        0 if t_minlength is None else _length_byte(t_minlength),
        _length_byte(t_maxlength), t_maxweight, ids[0], ids[-1],
    )
    return b"".join(parts), terminfo


# -- merge policy for writers that commit often ------------------------------------------------

MERGE_FANOUT = 8  # a run's small segments are merged once there are this many
MERGE_MAX_DOCS = 4096  # merged segments stay below this (the merge is done in memory)


def merge_run_segments(writer, segments, *, run: set[str]) -> list:
    """A Whoosh merge policy (`commit(mergetype=...)`) for a run of frequent commits, such
    as enrichment: segments whose documents are all deleted are dropped (enrichment re-adds
    every document of the text segment it replaces), and once the run has written
    MERGE_FANOUT segments (`run`: their ids, updated by the caller with each new one) they
    are merged, smallest first, into the new segment, up to MERGE_MAX_DOCS documents in all.
    Merging copies every posting through Python, so it is kept for when segments pile up;
    older segments are left to the text phase's merges."""
    kept = [s for s in segments if s.doc_count() > 0]
    mine = sorted((s for s in kept if s.segment_id() in run), key=lambda s: s.doc_count())
    if len(mine) < MERGE_FANOUT:
        return kept
    picked = []
    total = writer.docnum - writer.docbase  # documents in the new segment
    for seg in mine:
        if total + seg.doc_count() > MERGE_MAX_DOCS:
            break
        picked.append(seg)
        total += seg.doc_count()
    for seg in picked:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    gone = {id(s) for s in picked}
    return [s for s in kept if id(s) not in gone]
