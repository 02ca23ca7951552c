"""Whoosh's W3 codec with a faster write path; what it writes is plain W3, read by Whoosh.

Profiling text indexing showed about half the time in `FieldWriter.add_postings`, the
commit step that turns the sorted posting pool into posting blocks. Per posting it asked
the per-document reader for the document's field length (a seek and read in a temporary
column file, then a table lookup) and went through `W3PostingsWriter.add_posting`, whose
type assertions run for every posting. This codec:

- loads each field's length column once into a list (lengths are the same numbers the
  reader would return, byte-approximated exactly as Whoosh does);
- adds postings without the per-posting assertions (the pool only ever holds ints, floats
  and bytes: `PostingPool.add` asserts the types when they go in);
- stores blocks of fewer than SMALL_BLOCK postings uncompressed (each block records its
  own compression level, so readers handle both).

New segments are stamped with a plain `W3Codec`, so the index's table of contents refers
to Whoosh classes only and any Whoosh 2.7 can read the index.
"""
from __future__ import annotations

from whoosh.codec import whoosh3
from whoosh.codec.base import OutOfOrderError
from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length

_LENGTH_OF_BYTE = [None] + [byte_to_length(b) for b in range(1, 256)]


SMALL_BLOCK = 4  # blocks with fewer postings are stored uncompressed


class FastPostingsWriter(whoosh3.W3PostingsWriter):
    def _write_block(self, last=False):
        """Whoosh meant to skip compressing tiny blocks but a bug compresses them all; most
        terms have one or two postings, and zlib only makes those slower and no smaller."""
        if len(self._ids) >= SMALL_BLOCK:
            return super()._write_block(last)
        level = self._compression
        self._compression = 0
        try:
            return super()._write_block(last)
        finally:
            self._compression = level

    def add_posting(self, id_, weight, vbytes, length=None):
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length


def _length_table(lengths, fieldname: str):
    """doc number -> field length (None for 0/unknown), or None to ask `lengths` each time."""
    if not isinstance(lengths, whoosh3.W3PerDocReader):
        return None
    reader = lengths._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if reader is None:
        return []
    raw = reader._dbfile.get(reader._basepos, reader._count) if reader._count else b""
    table = _LENGTH_OF_BYTE
    return [table[b] for b in raw]


class FastFieldWriter(whoosh3.W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        """base.FieldWriter.add_postings with preloaded lengths and fewer calls per posting."""
        lastfn = None
        lasttext = None
        table: list | None = None
        dfl = lengths.doc_field_length if lengths else None
        add = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn = fieldname
                lasttext = None
                table = _length_table(lengths, fieldname) if lengths else []
            if docnum == -1:  # Whoosh's marker for spelling-only words: not postings
                continue
            if btext != lasttext:
                if lasttext is not None:
                    if btext < lasttext:
                        raise OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {btext!r}")
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
                add = self._postwriter.add_posting
            if table is None:
                length = dfl(docnum, fieldname)
            else:
                length = table[docnum] if docnum < len(table) else None
            add(docnum, weight, value if value is not None else emptybytes, length)
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()


class FastCodec(whoosh3.W3Codec):
    def field_writer(self, storage, segment):
        return FastFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return FastPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def new_segment(self, storage, indexname):
        return whoosh3.W3Segment(whoosh3.W3Codec(), indexname)
