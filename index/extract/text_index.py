"""The article's text, token texts and token boundaries, with whole-word name look-up: one
TextIndex per article, shared by every entity rule."""
from __future__ import annotations

from collections import defaultdict
from operator import add
from typing import Any, Iterable

from index.extract.acronyms import acronym_letters
from index.extract.tokens import TokenTable, token_table


class TextIndex:
    """The article's text, token texts and token boundaries, computed once per article from its
    TokenTable (tokens.py; built here when given a spaCy Doc)."""

    def __init__(self, doc: Any) -> None:
        table = token_table(doc)
        self.tokens: TokenTable = table  # the article's token table, shared by the rules
        self.text: str = table.text
        texts = self.texts = table.texts  # token texts
        idx = self.idx = table.idxs  # token start offsets
        n = len(texts)
        self.starts: dict[int, int] = dict(zip(idx, range(n)))
        self.ends: dict[int, int] = dict(zip(map(add, idx, map(len, texts)), range(1, n + 1)))
        self.lower_words: set[str] = {t for t in texts if t.islower()}  # words the text writes in lower case
        # (token index, text) of acronym-like tokens
        self.acronyms: list[tuple[int, str]] = [
            (i, t) for i, t in enumerate(texts)
            if t[:1].isupper() and not t[1:].islower() and acronym_letters(t)]  # "Ford": one capital
        self._keys: dict[tuple[int, int], str] = {}

    def char_end(self, end: int) -> int:
        """Character offset where token range [.., end) stops."""
        return self.idx[end - 1] + len(self.texts[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text, without building the Span."""
        return self.text[self.idx[start]:self.char_end(end)] if start < end else ""

    def key(self, start: int, end: int) -> str:
        """The name of tokens [start, end) with its spacing normalised (memoised)."""
        k = self._keys.get((start, end))
        if k is None:
            k = self._keys[(start, end)] = " ".join(self.span_text(start, end).split())
        return k

    def mention_key(self, m: Any) -> str:
        return self.key(m.start, m.end)

    def find(self, names: Iterable[str]) -> list[tuple[str, int, int]]:
        """(name, token start, token end) of each whole-word, case-sensitive occurrence;
        at one position the longest name wins; matches off token boundaries are skipped.

        Scans as `re.finditer` over the alternation of the names, longest first, would (a
        match off token boundaries still consumes its text), without compiling a pattern per
        article: only the offsets where some name occurs (str.find) are tried."""
        ordered = sorted({n for n in names if n}, key=len, reverse=True)
        if not ordered:
            return []
        text, size = self.text, len(self.text)
        at: dict[int, list[str]] = defaultdict(list)  # offset -> names found there, longest first
        for name in ordered:
            p = text.find(name)
            while p >= 0:
                at[p].append(name)
                p = text.find(name, p + 1)
        out = []
        cur = 0
        for p in sorted(at):
            if p < cur or (p > 0 and _is_word_char(text[p - 1])):
                continue
            for name in at[p]:
                e = p + len(name)
                if e >= size or not _is_word_char(text[e]):
                    s, t = self.starts.get(p), self.ends.get(e)
                    if s is not None and t is not None and s < t:
                        out.append((name, s, t))
                    cur = e
                    break
        return out


def _is_word_char(c: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return c.isalnum() or c == "_"
