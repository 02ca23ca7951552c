"""A TEXT field that indexes without Whoosh's token pipeline, producing the same postings.

Whoosh indexes a field by running its analyzer as a chain of generators over one mutable
Token (tokenizer -> lower-case -> stop words -> stemmer behind an LFU cache), then groups
the tokens per term in `Format.word_values`. For ~700 tokens an article that pipeline was
about a third of text-indexing time. `FastText.index` does the same work in one loop: the
StemmingAnalyzer's own regular expression, `str.lower`, the same stop list and minimum
length, Porter stems memoised in a plain dict, and the Positions/Characters encodings
byte for byte. Queries, highlighting and `tokenize()` still use the real analyzer, so the
terms a query looks up are the ones indexed here (tests/index/test_index_textfield.py
checks the two paths give identical postings).

Only the default StemmingAnalyzer with a Positions or Characters format takes the fast
path; anything else (a list value, another analyzer) falls back to `TEXT.index`.
"""
from __future__ import annotations

from pickle import dumps
from typing import Iterator

from whoosh import formats
from whoosh.analysis import STOP_WORDS, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
from whoosh.lang.porter import stem
from whoosh.system import pack_uint

STOP_MIN = 2  # StemmingAnalyzer's minsize: shorter words are dropped like stop words
_STOPS = frozenset(STOP_WORDS)
_FIND = default_pattern.finditer
STEM_CACHE_MAX = 400_000  # distinct words memoised (~60 MB at most); cleared when full
# lower-cased word -> its stem, or "" for a word the StopFilter drops
_stems: dict[str, str] = {}


def stem_word(word: str) -> str:
    """Porter stem of a lower-cased word ("" if it is a stop word or too short), memoised:
    news vocabulary repeats a lot."""
    found = _stems.get(word)
    if found is None:
        if len(_stems) >= STEM_CACHE_MAX:
            _stems.clear()
        found = "" if len(word) < STOP_MIN or word in _STOPS else stem(word)
        _stems[word] = found
    return found


def term_occurrences(text: str) -> dict[str, list[tuple[int, int, int]]]:
    """{stem: [(position, startchar, endchar), ...]} in text order, as StemmingAnalyzer
    tokenises with positions and chars. Its StopFilter renumbers: the first kept word keeps
    its token number, the following kept words count on from it (stop words leave no gap)."""
    seen: dict[str, list[tuple[int, int, int]]] = {}
    stems = _stems
    pos = -1
    for index, match in enumerate(_FIND(text)):
        word = match.group().lower()
        term = stems.get(word)
        if term is None:
            term = stem_word(word)
        if not term:
            continue
        pos = index if pos < 0 else pos + 1
        places = seen.get(term)
        if places is None:
            seen[term] = places = []
        places.append((pos, match.start(), match.end()))
    return seen


def _encode_characters(places: list[tuple[int, int, int]]) -> bytes:
    """formats.Characters.encode"""
    deltas = []
    posbase = charbase = 0
    for pos, start, end in places:
        deltas.append((pos - posbase, start - charbase, end - start))
        posbase = pos
        charbase = end
    return pack_uint(len(deltas)) + dumps(deltas, 2)


def _encode_positions(places: list[tuple[int, int, int]]) -> bytes:
    """formats.Positions.encode"""
    deltas = []
    base = 0
    for pos, _, _ in places:
        deltas.append(pos - base)
        base = pos
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class FastText(TEXT):
    """TEXT with the StemmingAnalyzer and a fast `index()`; same arguments as TEXT except
    `analyzer` (always the default StemmingAnalyzer)."""

    def __init__(self, **kwargs) -> None:
        if "analyzer" in kwargs:
            raise TypeError("FastText always uses the default StemmingAnalyzer")
        super().__init__(analyzer=StemmingAnalyzer(), **kwargs)

    def _encoder(self):
        kind = type(self.format)
        if kind is formats.Characters:
            return _encode_characters
        if kind is formats.Positions:
            return _encode_positions
        return None

    def index(self, value, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        encode = self._encoder()
        if encode is None or not isinstance(value, str) or kwargs.get("mode", "index") != "index":
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for term, places in term_occurrences(value).items():
            freq = len(places)
            yield term.encode("utf-8"), freq, float(freq) * boost, encode(places)
