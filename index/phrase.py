"""Phrase queries with the position check applied lazily, only to documents that can rank.

Whoosh's `Phrase` becomes a `SpanNear2` matcher: for every document of the words'
intersection it builds `Span` objects for every position of every word and pairs them up
in Python, and its `skip_to_quality` lands on documents without the phrase. `FastPhrase`
(same fields, words, slop 1, boost; the parser uses it for every plain phrase) matches
the same documents with the same scores:

- the AND of the words (Whoosh's scored intersection, so block-max skipping works: the
  collector only reaches documents whose blocks could still enter the top N);
- the phrase check on the current document only: word i must sit at position start + i,
  one set intersection per word over positions decoded from the current posting.

Exact totals would still need the check on every candidate; `verified()` does it for a
given set of candidates (the counter samples them when there are many, see
`index.counting`).
"""
from __future__ import annotations

from itertools import accumulate
from operator import itemgetter
from pickle import loads

from whoosh import formats
from whoosh import query as wq
from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.matching.binary import IntersectionMatcher
from whoosh.util import make_binary_tree


_first = itemgetter(0)


def decoder(fmt):
    """A function from a posting's stored value to its positions: Whoosh's own decoding
    (pickled deltas) without the per-position Python loop for the two formats in use."""
    kind = type(fmt)
    if kind is formats.Characters:  # pickled (position, start, end) deltas
        return lambda v: list(accumulate(map(_first, loads(v[4:] if v.endswith(b".") else v[4:] + b"."))))
    if kind is formats.Positions:  # pickled position deltas
        return lambda v: list(accumulate(loads(v[4:] if v.endswith(b".") else v[4:] + b".")))
    return fmt.decode_positions


def _phrase_at(positions: list[list[int]]) -> bool:
    """True if some start has word i at start + i for every i (Whoosh's slop-1 phrase)."""
    starts = set(positions[0])
    for i in range(1, len(positions)):
        if not starts:
            return False
        starts.intersection_update(p - i for p in positions[i])
    return bool(starts)


class FastPhraseMatcher(WrappingMatcher):
    """The intersection `child` of the word matchers `ms`, stopping only on documents
    where the words are adjacent and in order."""

    def __init__(self, child, ms, boost: float = 1.0, decode=None) -> None:
        super().__init__(child, boost=boost)
        self._ms = ms
        self._decode = decode
        self._find()

    def _ok(self) -> bool:
        ms, decode = self._ms, self._decode
        if len(ms) == 1:
            return True  # a positions field: every posting of the word has a position
        return _phrase_at([decode(m.value()) for m in ms])

    def _find(self) -> bool:
        """Move to the first document at or after the current one with the phrase;
        True if the intersection entered a new block on the way."""
        child = self.child
        moved = False
        while child.is_active() and not self._ok():
            moved = child.next() or moved
        return moved

    def copy(self):
        return FastPhraseMatcher(self.child.copy(), self._ms, self.boost, self._decode)

    def replace(self, minquality=0):
        return self if self.is_active() else NullMatcher()

    def next(self):
        moved = self.child.next()
        return self._find() or moved

    def skip_to(self, id):
        moved = self.child.skip_to(id)
        return self._find() or moved

    def skip_to_quality(self, minquality):
        skipped = self.child.skip_to_quality(minquality / self.boost)
        self._find()
        return skipped

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()

    def supports(self, astype):
        return False  # no per-phrase value: this matcher is for scoring and matching only


class FastPhrase(wq.Phrase):
    """A `Phrase` (slop 1) whose matcher checks positions only where the collector looks."""

    def matcher(self, searcher, context=None):
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            raise wq.QueryError(f"Phrase search: {fieldname!r} field has no positions")
        btexts = self.btexts(searcher.reader())
        if btexts is None:
            return NullMatcher()
        ms = [wq.Term(fieldname, b).matcher(searcher, context) for b in btexts]
        if any(not m.is_active() for m in ms):
            return NullMatcher()
        child = make_binary_tree(IntersectionMatcher, ms)
        m = FastPhraseMatcher(child, ms, boost=self.boost, decode=decoder(field.format))
        return m if m.is_active() else NullMatcher()

    def btexts(self, reader) -> list[bytes] | None:
        """The words as index terms; None when one is not in this segment (no match)."""
        field = reader.schema[self.fieldname]
        out = []
        for word in self.words:
            try:
                b = field.to_bytes(word)
            except ValueError:
                return None
            if (self.fieldname, b) not in reader:
                return None
            out.append(b)
        return out


def _positions_for(reader, fieldname: str, btext: bytes, docs: list[int]) -> dict[int, list[int]]:
    """Positions of one term in each of the sorted `docs` that contain it."""
    m = reader.postings(fieldname, btext)
    decode = decoder(reader.schema[fieldname].format)
    found: dict[int, list[int]] = {}
    for doc in docs:
        if not m.is_active():
            break
        if m.id() < doc:
            m.skip_to(doc)
            if not m.is_active():
                break
        if m.id() == doc:
            found[doc] = decode(m.value())
    return found


def verified(reader, q: FastPhrase, candidates: set[int]) -> set[int]:
    """The candidates (documents containing every word) that contain the phrase."""
    btexts = q.btexts(reader)
    if btexts is None or not candidates:
        return set()
    docs = sorted(candidates)
    per_word = []
    for b in dict.fromkeys(btexts):
        per_word.append((b, _positions_for(reader, q.fieldname, b, docs)))
    table = dict(per_word)
    if len(btexts) == 1:
        return {d for d in docs if table[btexts[0]].get(d)}
    out = set()
    for doc in docs:
        lists = [table[b].get(doc) for b in btexts]
        if all(lists) and _phrase_at(lists):
            out.add(doc)
    return out
