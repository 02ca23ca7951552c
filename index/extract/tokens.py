"""One table of an article's tokens, read out of the spaCy Doc once, for every rule layer.

Each `doc[i].lower_` on a spaCy Doc builds a Token object and looks its string up in the
StringStore; the rule layers do that hundreds of thousands of times per corpus. `TokenTable`
reads every attribute the rules use in one `Doc.to_array` call, turns the hashes into strings
through a process-wide cache, and holds plain Python objects (`Tok`, with `__slots__`).

The table is a list of `Tok` (tuples with the Token attribute names listed in `_FIELDS`), so
rule code written against `doc[i].lower_`, `len(doc)`, `for t in doc`, `doc.text`, `doc.sents`
and `doc.has_annotation("SENT_START")` runs unchanged on it, with `table[i]` a plain list
look-up. Slicing gives a plain list of Toks; where a Span's `.text` is needed, use
`table.span_text(i, j)` (or `table.span(i, j).text`):

    table = TokenTable.from_doc(doc)
    table[i].lower_, table[i].tag_, table[i].idx, table.span_text(i, j), table.lows[i]

Columns for loops that need one attribute only: `texts`, `lows`, `tags`, `idxs`, and
`sent_starts` / `sent_ends` (token bounds of each sentence, in order). Building a table costs
about 1.5 ms for a 700-token article. No spaCy import at module level.
"""
from __future__ import annotations

from itertools import repeat
from operator import add, itemgetter
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_STRINGS: dict[int, str] = {}  # hash -> string; hashes are the same in every StringStore
_SPACE = ("", " ")  # SPACY (0/1) -> whitespace_
# SENT_START is 1 (starts), -1 (does not; read back as 2**64 - 1), 0 (unknown)
_SENT_START = {1: True, 2**64 - 1: False, 0: None}


_FIELDS = ("i", "text", "lower_", "tag_", "pos_", "ent_type_", "idx", "whitespace_",
           "is_alpha", "is_punct", "is_digit", "is_space", "like_num", "is_sent_start")


class Tok(tuple):
    """A token's attributes as plain values, named as on spaCy's Token (a tuple: cheap to make)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Tok({self[0]}, {self[1]!r})"


for _k, _name in enumerate(_FIELDS):
    setattr(Tok, _name, property(itemgetter(_k), doc=f"as spaCy's Token.{_name}"))
del _k, _name


class TokSpan:
    """Tokens [start, end) of a table: iterable, with `.text` as on a spaCy Span."""

    __slots__ = ("table", "start", "end")

    def __init__(self, table: "TokenTable", start: int, end: int) -> None:
        self.table, self.start, self.end = table, start, end

    def __iter__(self) -> Iterator[Tok]:
        return iter(list.__getitem__(self.table, slice(self.start, self.end)))

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def text(self) -> str:
        return self.table.span_text(self.start, self.end)


def _strings(strings: Any, hashes: list[int]) -> list[str]:
    """The strings of a column of hashes (0: ""), through the process-wide cache."""
    cache = _STRINGS
    try:
        return [cache[h] for h in hashes]
    except KeyError:
        for h in hashes:
            if h not in cache:
                cache[h] = strings[h] if h else ""
        return [cache[h] for h in hashes]


class TokenTable(list):
    """The Doc's tokens: a list of `Tok` (so `table[i]` is a plain list look-up) with the
    Doc's text, column lists and sentence bounds (see the module docstring).

    Slicing gives a plain list of Toks; `span(i, j)` gives a TokSpan with `.text`.
    """

    def __init__(self, text: str, toks: list[Tok], columns: dict[str, list[Any]],
                 sent_starts: list[int], sent_ends: list[int], sentences: bool) -> None:
        super().__init__(toks)
        self.text = text
        self.texts: list[str] = columns["texts"]
        self.lows: list[str] = columns["lows"]
        self.tags: list[str] = columns["tags"]
        self.idxs: list[int] = columns["idxs"]
        self.sent_starts = sent_starts
        self.sent_ends = sent_ends
        self._sentences = sentences

    @classmethod
    def from_doc(cls, doc: "Doc") -> "TokenTable":
        from spacy.attrs import (
            ENT_TYPE, IDX, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LIKE_NUM, LOWER, ORTH, POS,
            SENT_START, SPACY, TAG,
        )

        n = len(doc)
        sentences = doc.has_annotation("SENT_START")
        if not n:
            return cls(doc.text, [], {"texts": [], "lows": [], "tags": [], "idxs": []}, [], [], sentences)
        table = doc.to_array([ORTH, LOWER, TAG, POS, ENT_TYPE, IDX, SPACY, SENT_START, IS_ALPHA,
                              IS_PUNCT, IS_DIGIT, IS_SPACE, LIKE_NUM])
        orth, lower, tag, pos, ent, idx, space, start = table[:, :8].T.tolist()
        alpha, punct, digit, is_space, num = table[:, 8:].T.astype(bool).tolist()  # Python bools
        strings = doc.vocab.strings
        texts, lows, tags, poses, ents = (_strings(strings, col) for col in (orth, lower, tag, pos, ent))
        starts_at = list(map(_SENT_START.__getitem__, start))
        spaces = list(map(_SPACE.__getitem__, space))
        rows = zip(range(n), texts, lows, tags, poses, ents, idx, spaces, alpha, punct, digit,
                   is_space, num, starts_at)
        toks = list(map(tuple.__new__, repeat(Tok), rows))
        if sentences:
            starts = [i for i, v in enumerate(starts_at) if v or i == 0]
            ends = starts[1:] + [n]
        else:
            starts, ends = [0], [n]
        columns = {"texts": texts, "lows": lows, "tags": tags, "idxs": idx}
        # doc.text joins Token.text_with_ws one Token at a time
        return cls("".join(map(add, texts, spaces)), toks, columns, starts, ends, sentences)

    def span(self, start: int, end: int) -> TokSpan:
        return TokSpan(self, start, end)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), without the last one's trailing whitespace."""
        if end <= start:
            return ""
        return self.text[self.idxs[start]:self.idxs[end - 1] + len(self.texts[end - 1])]

    # --- the rest of the Doc interface the rule layers use ----------------------------------
    def has_annotation(self, attr: str) -> bool:
        if attr in ("SENT_START", "IS_SENT_START"):
            return self._sentences
        raise ValueError(f"TokenTable holds no annotation flag for {attr!r}")

    @property
    def sents(self) -> Iterator[TokSpan]:
        for s, e in zip(self.sent_starts, self.sent_ends):
            yield TokSpan(self, s, e)

    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__


def token_table(doc: Any) -> TokenTable:
    """`doc` itself if it is already a table, else a new table of the spaCy Doc."""
    return doc if isinstance(doc, TokenTable) else TokenTable.from_doc(doc)
