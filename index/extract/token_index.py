"""Token look-ups for the quote layer: character offsets, the quoted-text mask, paragraphs,
sentence bounds."""
from __future__ import annotations

import bisect
from typing import Any, Sequence

from index.extract.quote_marks import QuoteSpan


class TokenIndex:
    """Token lookups over the TokenTable: char offsets, quoted-text mask, paragraph ids."""

    def __init__(self, doc: Any, spans: Sequence[QuoteSpan], paras: list[tuple[int, int]]):
        self.doc = doc
        self.idx: list[int] = doc.idxs
        self.para_starts = [a for a, _ in paras]
        self.blocked = [((q.open_at if q.open_at is not None else q.start),
                         (q.close_at + 1 if q.close_at is not None else q.end)) for q in spans]
        self._bstarts = [a for a, _ in self.blocked]

    def tok_at(self, char: int) -> int:
        """Index of the token holding `char`."""
        return min(max(0, bisect.bisect_right(self.idx, char) - 1), len(self.doc) - 1)

    def tok_from(self, char: int) -> int:
        """Index of the first token starting at or after `char`."""
        return bisect.bisect_left(self.idx, char)

    def quoted(self, tok: int) -> bool:
        c = self.idx[tok]
        k = bisect.bisect_right(self._bstarts, c) - 1
        return k >= 0 and self.blocked[k][0] <= c < self.blocked[k][1]

    def para_of(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1


def sentence_chars(doc: Any, i: int) -> tuple[int, int]:
    """(start, end) characters of the sentence holding token i of the TokenTable `doc`."""
    k = bisect.bisect_right(doc.sent_starts, i) - 1
    s, e = doc.sent_starts[k], doc.sent_ends[k]
    return doc.idxs[s], doc.idxs[e - 1] + len(doc.texts[e - 1])
