"""Query parsing: the user's query string -> a Whoosh query, never an exception.

Syntax: words are ANDed; OR, NOT, (groups), "phrases"; fields title:, source:, tag:,
person:"Paul Bradley", org:, place:; dates date:2019, date:2019-03, date:[2019-01 to 2019-03];
prefix syr* (3+ characters before the *); fuzzy baghous~ (or ~2 for two edits).
Malformed input falls back to its plain words, with `error` saying what was ignored.
"""
from __future__ import annotations

import heapq
import re
import threading
import weakref
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable

from whoosh import query as wq
from whoosh.qparser import AndGroup, FieldAliasPlugin, FuzzyTermPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin

from index.datefilter import ColumnDateRange
from index.phrase import FastPhrase
from index.schema import DEFAULT_FIELDS, build_schema, text_analyzer

MIN_PREFIX = 3  # characters before a * or ?
MAX_EXPANSION = 64  # terms a prefix/wildcard may expand to (the most frequent ones win)
MAX_SCAN = 20_000  # terms looked at while choosing them
MAX_FUZZY_DIST = 2
FIELD_ALIASES = {"tags": ["tag"], "person": ["people"], "place": ["places"], "org": ["orgs"]}

_DATE_CLAUSE = re.compile(r'(?i)\bdate:(\[[^\]]*\]|"[^"]*"|\S+)')
_ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?\b")
_WORD = re.compile(r"\w+")
_OPERATORS = {"and", "or", "not", "andnot", "andmaybe", "to"}


MAX_FUZZY_EXPANSION = 32  # terms a fuzzy word may expand to (closest, then most frequent)
_MEMO_ENTRIES = 256  # expansions remembered per segment reader


class _Capped:
    """Expands to at most MAX_EXPANSION terms (the most frequent ones) and matches them as
    one preloaded doc list: a binary tree of 64+ union matchers costs seconds on 10k docs,
    the preloaded array a tenth of that. Per-term match info is lost, so the engine
    highlights these terms by re-tokenising the snippet text.

    The expansion is computed once per segment reader and remembered (`_expansion`): the
    matcher, the exact count and the highlighter all ask for it."""

    def _btexts(self, ixreader):
        return _expansion(self, ixreader)

    def _expand(self, ixreader) -> list[bytes]:
        literal = self._find_prefix(self.text)
        if isinstance(self, wq.Prefix):
            match = None
            from index.expansion import prefix_from_lexicon

            fast = prefix_from_lexicon(ixreader, self.fieldname, literal)
            if fast is not None:
                return fast
        else:
            pattern = re.compile(self._get_pattern())
            from_bytes = ixreader.schema[self.fieldname].from_bytes
            match = lambda b: pattern.match(from_bytes(b))  # noqa: E731
        pairs = (
            (ti.doc_frequency(), b)
            for b, ti in islice(ixreader.iter_prefix(self.fieldname, literal), MAX_SCAN)
            if match is None or match(b)
        )
        return sorted(b for _df, b in heapq.nlargest(MAX_EXPANSION, pairs, key=lambda p: p[0]))

    def matcher(self, searcher, context=None):
        from whoosh.matching import NullMatcher
        from whoosh.searching import SearchContext

        subs = [wq.Term(self.fieldname, b) for b in self._btexts(searcher.reader()) if b]
        if not subs:
            return NullMatcher()
        if len(subs) == 1:
            return subs[0].matcher(searcher, context)
        union = wq.Or(subs, boost=self.boost)
        union.matcher_type = wq.Or.ARRAY_MATCHER
        context = context.set(weighting=None) if context else SearchContext(weighting=None)
        return union.matcher(searcher, context)


class CappedPrefix(_Capped, wq.Prefix):
    def _find_prefix(self, text):
        return text


class CappedWildcard(_Capped, wq.Wildcard):
    pass


class CappedFuzzy(wq.FuzzyTerm):
    """A fuzzy term whose expansion is the MAX_FUZZY_EXPANSION closest index terms (most
    frequent first among equally close), found by one pass over the terms sharing its
    prefix with a length filter before any edit distance, and remembered per reader.
    Whoosh's own expansion runs a Levenshtein automaton over every such term, twice per
    query (matcher, then highlighting).

    Ranking (defined here, because Whoosh's is not one ranking): Whoosh's `FuzzyTerm`
    (constantscore=True) asks its `Or` for unscored matching, but that only takes effect
    in a preloaded OR, which Whoosh picks for segments of <= 5,000 documents with 3+
    expanded terms (every match then scores 1.0, boost ignored); with 2 terms or a larger
    segment the same query is a BM25F-scored union, and a single expanded term drops the
    boost. The score of a document thus depended on which segment held it. Here a fuzzy
    term always scores as the OR of its expanded terms, each a BM25F term, summed in
    Whoosh's weighted union tree, times the boost: Whoosh's own choice for large segments,
    so a typo ranks like the words it stands for (the bulk scorer reproduces it exactly)."""

    def _btexts(self, ixreader):
        return _expansion(self, ixreader)

    def union(self, ixreader) -> wq.Query:
        """The scored query this fuzzy term stands for in one segment."""
        terms = [wq.Term(self.fieldname, b) for b in self._btexts(ixreader) if b]
        if not terms:
            return wq.NullQuery
        if len(terms) == 1:
            return wq.Term(self.fieldname, terms[0].text, boost=self.boost)
        union = wq.Or(terms, boost=self.boost)
        union.matcher_type = wq.Or.DEFAULT_MATCHER
        return union

    def matcher(self, searcher, context=None):
        return self.union(searcher.reader()).matcher(searcher, context)

    def _expand(self, ixreader) -> list[bytes]:
        text, maxdist = self.text, int(self.maxdist)
        from_bytes = ixreader.schema[self.fieldname].from_bytes
        from index.expansion import fuzzy_from_lexicon

        fast = fuzzy_from_lexicon(ixreader, self.fieldname, text, maxdist, self.prefixlength, from_bytes)
        if fast is not None:
            return fast
        found = []
        # Keys only: decoding every term's info costs more than the edit distances; only the
        # close words are looked up for their frequency.
        for b in islice(ixreader.expand_prefix(self.fieldname, text[: self.prefixlength]), MAX_SCAN):
            word = from_bytes(b)
            if abs(len(word) - len(text)) > maxdist:
                continue
            dist = edit_distance(text, word, maxdist)
            if dist <= maxdist:
                found.append((dist, -ixreader.doc_frequency(self.fieldname, b), b))
        return sorted(b for *_rank, b in heapq.nsmallest(MAX_FUZZY_EXPANSION, found))


_MEMO: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _expansion(q, ixreader) -> list[bytes]:
    if not ixreader.is_atomic():
        # A multi-segment reader (highlighting asks with one): the union of the segments'
        # own remembered expansions. Expanding over the merged lexicon instead asked every
        # segment about every term: seconds for a fuzzy term at 100k articles.
        merged: set[bytes] = set()
        for leaf, _offset in ixreader.leaf_readers():
            merged.update(_expansion(q, leaf))
        return sorted(merged)
    key = (type(q).__name__, q.fieldname, q.text, getattr(q, "maxdist", 0), getattr(q, "prefixlength", 0))
    try:
        memo = _MEMO.setdefault(ixreader, {})
    except TypeError:  # a reader type without weak references: no memo
        return q._expand(ixreader)
    found = memo.get(key)
    if found is None:
        if len(memo) >= _MEMO_ENTRIES:
            memo.clear()
        found = memo[key] = q._expand(ixreader)
    return found


def edit_distance(a: str, b: str, bound: int | None = None) -> int:
    """Optimal-string-alignment distance (insertions, deletions, substitutions, swaps).

    With `bound`, stops as soon as every alignment exceeds it and returns bound + 1."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ca == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if bound is not None and min(cur) > bound:
            return bound + 1
        prev2, prev = prev, cur
    return prev[len(b)] if bound is None else min(prev[len(b)], bound + 1)


@dataclass
class ParsedQuery:
    query: wq.Query
    error: str | None = None
    words: list[str] = field(default_factory=list)  # the plain words of the query text


def _normalise_dates(text: str) -> str:
    """Whoosh's date parser reads 201903 but not 2019-03: drop the separators in date: clauses."""

    def fix_date(m: re.Match[str]) -> str:
        year, month, day = m.group(1), m.group(2), m.group(3)
        return year + month.zfill(2) + (day.zfill(2) if day else "")

    return _DATE_CLAUSE.sub(lambda m: "date:" + _ISO_DATE.sub(fix_date, m.group(1)), text)


def plain_words(text: str) -> list[str]:
    """The searchable words of a query string, without operators and field names."""
    text = _DATE_CLAUSE.sub(" ", text)
    text = re.sub(r"\b\w+:", " ", text)
    return [w for w in _WORD.findall(text) if w.lower() not in _OPERATORS]


class QueryParser:
    """Thread-safe after construction (parse() keeps no state between calls; each thread
    has its own Whoosh parser, built once: building one costs ~0.3 ms, mostly the date
    plugin's grammar, and the reader parses every keystroke)."""

    def __init__(self, schema=None) -> None:
        self.schema = schema or build_schema()
        self._local = threading.local()

    def _parser(self, date_errors: list[str]) -> MultifieldParser:
        """This thread's parser, its date plugin reporting to `date_errors` for this parse."""
        local = self._local
        parser = getattr(local, "parser", None)
        if parser is None:
            parser = MultifieldParser(list(DEFAULT_FIELDS), self.schema, group=AndGroup)
            parser.add_plugin(DateParserPlugin(callback=lambda e: local.errors.append(e), free=False))
            parser.add_plugin(FuzzyTermPlugin())
            parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
            local.parser = parser
        local.errors = date_errors
        return parser

    def parse(self, text: str) -> ParsedQuery:
        words = plain_words(text)
        date_errors: list[str] = []
        try:
            q = self._parser(date_errors).parse(_normalise_dates(text))
        except Exception as exc:  # Whoosh raises bare Exception for e.g. date:[foo to bar]
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return self.parse_plain(words, f"could not read the query ({reason}); searched for its words")
        notes: list[str] = []
        if date_errors:
            bad = ", ".join(repr(d) for d in date_errors)
            notes.append(
                f"ignored date {bad}: use date:2019, date:2019-03 or date:[2019-01 to 2019-03]"
            )
        q = _drop_nulls(q.accept(lambda node: self._bound(node, notes)))
        q = q.normalize()
        return ParsedQuery(q, "; ".join(notes) or None, words)

    def parse_plain(self, words: list[str], error: str | None = None) -> ParsedQuery:
        """Fallback: every word must match (in the default fields), nothing else."""
        cleaned = " ".join(w for w in words if w.lower() not in _OPERATORS)
        try:
            q = MultifieldParser(list(DEFAULT_FIELDS), self.schema, group=AndGroup).parse(cleaned)
        except Exception:  # pragma: no cover - words only, nothing left to fail on
            q = wq.NullQuery
        return ParsedQuery(q, error, words)

    @staticmethod
    def _bound(node: wq.Query, notes: list[str]) -> wq.Query:
        """Cap the costly query types (prefixes, wildcards, fuzzy terms) and swap in the
        faster equivalents of phrases and date ranges (same matches, same scores)."""
        if type(node) is wq.Phrase and node.slop == 1:
            return FastPhrase(node.fieldname, node.words, boost=node.boost, char_ranges=node.char_ranges)
        if type(node) is wq.DateRange and node.constantscore:
            return ColumnDateRange.of(node)
        if isinstance(node, wq.Every):  # `*`: all documents, not every term of a field
            return wq.Every(boost=node.boost)
        if isinstance(node, (wq.Prefix, wq.Wildcard)) and not isinstance(node, wq.FuzzyTerm):
            literal = re.split(r"[*?]", node.text, maxsplit=1)[0]
            if len(literal) < MIN_PREFIX:
                note = f"'{node.text}*' is too short a prefix (needs {MIN_PREFIX} letters before *); searched for '{literal}'"
                if note not in notes:
                    notes.append(note)
                return wq.Term(node.fieldname, literal, boost=node.boost) if literal else wq.NullQuery
            if isinstance(node, wq.Prefix):
                return CappedPrefix(node.fieldname, node.text, boost=node.boost)
            return CappedWildcard(node.fieldname, node.text, boost=node.boost)
        if isinstance(node, wq.FuzzyTerm):
            return CappedFuzzy(
                node.fieldname, node.text, boost=node.boost,
                maxdist=max(1, min(int(node.maxdist), MAX_FUZZY_DIST)),
                prefixlength=max(1, int(node.prefixlength)), constantscore=node.constantscore,
            )
        return node


def _drop_nulls(q: wq.Query) -> wq.Query:
    """Remove the null queries Whoosh leaves for unreadable parts (e.g. a bad date), so
    `date:nonsense syria` still searches for syria instead of matching nothing."""
    null = type(wq.NullQuery)
    if isinstance(q, wq.CompoundQuery):
        subs = [_drop_nulls(c) for c in q.subqueries]
        kept = [c for c in subs if not isinstance(c, null)]
        if not kept:
            return wq.NullQuery
        if len(kept) == len(q.subqueries) and all(a is b for a, b in zip(kept, q.subqueries)):
            return q  # nothing dropped below: no copy (a deep copy per keystroke, ~0.3 ms)
        clone = q.copy()
        clone.subqueries = kept
        return clone
    if isinstance(q, wq.Not):
        inner = _drop_nulls(q.query)
        if isinstance(inner, null):
            return wq.NullQuery
        return q if inner is q.query else wq.Not(inner, boost=q.boost)
    return q.apply(_drop_nulls)


def positive_terms(q: wq.Query, reader=None) -> list[tuple[str, str]]:
    """(field, text) of the terms that make a document match (terms under NOT excluded).

    With a reader, prefix/wildcard/fuzzy terms are expanded to the index terms they match.
    """
    out: list[tuple[str, str]] = []

    def walk(node: wq.Query) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if isinstance(node, wq.MultiTerm) and reader is not None:
            fieldobj = reader.schema[node.fieldname]
            out.extend(
                (node.fieldname, b if isinstance(b, str) else fieldobj.from_bytes(b))
                for b in node._btexts(reader)
            )
            return
        if node.is_leaf():
            out.extend((f, t) for f, t in node.terms(phrases=True) if isinstance(t, str))
            return
        for child in node.children():
            walk(child)

    walk(q)
    return out


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` that matches one of `terms` after stemming.

    For the reader: `SearchResult.terms` holds words; this finds them and their inflections
    ("seekers" finds "seeker") in an article body, the way the index matched them.
    """
    analyzer = text_analyzer()
    wanted = {t.text for term in terms for t in analyzer(term)}
    if not wanted:
        return []
    return [
        (t.startchar, t.endchar)
        for t in analyzer(text, chars=True, removestops=False)
        if t.text in wanted
    ]
