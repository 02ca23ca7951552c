"""Snippets: the best passages of an article body for a hit, as plain text with the
(start, end) offsets of the matched words.

Pinpoint highlighting: the index stores each body term's character offsets (TEXT with
chars=True), so the matched words of the top hits are read from their posting lists, one
pass per query term over the sorted hit numbers, and the body is never re-tokenised.
Only the hits being shown get snippets. Whoosh's own `highlight_hit` needs `terms=True`,
which records the matched terms of *every* matching document while searching (a Python
loop over all term matchers per match) and turns off block-max skipping.
"""
from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from itertools import groupby

from whoosh import highlight
from whoosh.analysis import Token
from whoosh.reading import TermNotFound

from index.query import positive_terms

SNIPPET_FRAGMENTS = 2
FRAGMENT_CHARS = 180
FRAGMENT_SURROUND = 60
LEAD_CHARS = 200
ELLIPSIS = " … "
_WS = re.compile(r"\s+")


class SnippetFormatter(highlight.Formatter):
    """Turns fragments into (plain text, [(start, end) of matched words]), whitespace collapsed."""

    def format(self, fragments, replace=False):  # noqa: ARG002 - Whoosh's signature
        fragments = sorted(fragments, key=lambda f: f.startchar)
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        surfaces: dict[str, str] = {}
        pos = 0
        for n, frag in enumerate(fragments):
            if n:
                parts.append(ELLIPSIS)
                pos += len(ELLIPSIS)
            piece, piece_spans = _collapse(frag.text, frag.startchar, frag.endchar, frag.matches)
            parts.append(piece)
            spans.extend((pos + s, pos + e) for s, e in piece_spans)
            pos += len(piece)
            for tok in frag.matches:
                surfaces.setdefault(tok.text, frag.text[tok.startchar : tok.endchar].lower())
        return "".join(parts), spans, surfaces


def _collapse(text: str, start: int, end: int, tokens) -> tuple[str, list[tuple[int, int]]]:
    """text[start:end] with whitespace runs as one space; token offsets mapped to match."""
    out: list[str] = []
    mapping: dict[int, int] = {}
    length = 0
    boundaries = {t.startchar for t in tokens} | {t.endchar for t in tokens}
    i = start
    for m in _WS.finditer(text, start, end):
        chunk = text[i : m.start()]
        for b in boundaries:
            if i <= b <= m.start():
                mapping[b] = length + (b - i)
        out.append(chunk)
        length += len(chunk)
        if length:  # no leading space
            out.append(" ")
            length += 1
        i = m.end()
    chunk = text[i:end]
    for b in boundaries:
        if i <= b <= end:
            mapping[b] = length + (b - i)
    out.append(chunk)
    piece = "".join(out)
    stripped = piece.rstrip()
    spans = [
        (mapping[t.startchar], min(mapping[t.endchar], len(stripped)))
        for t in tokens
        if t.startchar in mapping and t.endchar in mapping
    ]
    return stripped, spans


def lead_snippet(body: str, limit: int = LEAD_CHARS) -> str:
    """The article's opening words, whitespace collapsed, cut at a word boundary."""
    flat = _WS.sub(" ", body).strip()
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip() + " …"


def new_highlighter() -> highlight.Highlighter:
    return highlight.Highlighter(
        fragmenter=highlight.PinpointFragmenter(
            maxchars=FRAGMENT_CHARS, surround=FRAGMENT_SURROUND, autotrim=True
        ),
        formatter=SnippetFormatter(),
        order=highlight.FIRST,
    )


Places = dict[int, dict[str, list[tuple[int, int, int]]]]


def load_places(searcher, fieldname: str, terms, docnums) -> Places:
    """{docnum: {term: [(pos, startchar, endchar), ...]}} for the given documents and terms
    (a term missing from a document is missing from its dict)."""
    places: Places = {d: {} for d in docnums}
    wanted = sorted(places)
    if not wanted:
        return places
    field = searcher.schema[fieldname]
    for term in terms:
        try:
            matcher = searcher.reader().postings(fieldname, field.to_bytes(term))
        except TermNotFound:
            continue
        for docnum in wanted:
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    break
            if matcher.id() == docnum:
                places[docnum][term] = matcher.value_as("characters")
    return places


def pinpoint_snippet(highlighter: highlight.Highlighter, text: str, found: dict, top: int = SNIPPET_FRAGMENTS):
    """(snippet, spans, {term: surface}) from one document's term places, as Whoosh's
    `highlight_hit` builds them, or None when no matched word is within reach."""
    charlimit = highlighter.fragmenter.charlimit
    tokens = []
    for term, chars in found.items():
        for pos, startchar, endchar in chars:
            if charlimit and endchar > charlimit:
                break
            tokens.append(Token(text=term, pos=pos, startchar=startchar, endchar=endchar))
    if not tokens:
        return None
    tokens.sort(key=lambda t: t.startchar)
    tokens = [
        max(group, key=lambda t: t.endchar - t.startchar)
        for _, group in groupby(tokens, lambda t: t.startchar)
    ]
    fragments = highlighter.fragmenter.fragment_matches(text, tokens)
    # Whoosh's top_fragments breaks score ties by comparing Fragment objects (arbitrary);
    # a stable sort keeps the earliest of equally good passages.
    scorer = highlighter.scorer
    scored = sorted(((scorer(f), f) for f in fragments), key=lambda sf: -sf[0])[:top]
    best = sorted((f for score, f in scored if score >= 1), key=highlighter.order)
    return highlighter.formatter.format(best)


class SnippetState:
    """What a search result's later snippets need: the searcher that ranked it, the query
    that ran, each hit's document number (None once deleted), the matched stems, and the
    surfaces {stem: word as written} each snippet made so far showed (by hit index)."""

    def __init__(self, searcher, query, docnums: list[int | None] | None) -> None:
        self.searcher = searcher
        self.query = query
        self.docnums = docnums
        self.seen: dict[int, dict[str, str]] = {}
        self._terms(searcher)

    def _terms(self, searcher) -> None:
        matched = positive_terms(self.query, searcher.reader())
        self.stems = {t for f, t in matched if f in ("title", "body")}
        self.body_stems = sorted({t for f, t in matched if f == "body"})

    def rebind(self, searcher, ids: list[str]) -> None:
        """Document numbers (and expanded terms) in a newer searcher, found by article id."""
        self.searcher = searcher
        self.docnums = [searcher.document_number(id=i) for i in ids]
        self._terms(searcher)


class ResultStates:
    """The SnippetState of the most recent results, by result identity (bounded)."""

    KEEP = 64

    def __init__(self) -> None:
        self._items: OrderedDict[int, tuple[weakref.ref, SnippetState]] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, result, state: SnippetState) -> None:
        with self._lock:
            self._items[id(result)] = (weakref.ref(result), state)
            self._items.move_to_end(id(result))
            while len(self._items) > self.KEEP:
                self._items.popitem(last=False)

    def get(self, result) -> SnippetState | None:
        with self._lock:
            entry = self._items.get(id(result))
            if entry is None or entry[0]() is not result:
                return None
            return entry[1]
