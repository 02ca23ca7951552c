"""The attribute ruler's token rules as table look-ups: same attributes, a tenth of the time.

spaCy's AttributeRuler (in en_core_web_sm: 179 rules mapping a tag, or a tag and a word, to
POS, MORPH and LEMMA) runs a Matcher with every rule over every token, which costs as much as
the tagger's whole network. Nearly all its rules test only the token itself (TAG, LOWER,
IS_SPACE, by value or `IN` list), so `CompiledRules` files them in dicts keyed by
(tag, lower) hashes; the few others (regular expressions, two-token rules, rules on the
dependency label) stay in a small Matcher of their own. Per token, every rule that matches
is applied in the ruler's order, later rules winning, with the ruler's own setter: the
tokens come out exactly as the AttributeRuler leaves them.

Rules on DEP cannot match a Doc without dependency labels (the parser is excluded) unless
their test accepts the empty label; those are skipped for such Docs, as the Matcher would.

The Matcher-held rules (in en_core_web_sm: "gonna", "gotta", "let's", "nothin'", ...) all
start with a token whose LOWER is a given word, list or regular expression; a Doc with no
such word cannot match any of them, so the Matcher (60% of the component's time) runs only
on Docs that have one (`_could_match`, a per-word answer remembered for the process).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

ANY = 0  # hash 0 is the empty string: "no condition on this attribute" in the tables
SIMPLE_KEYS = {"TAG", "LOWER", "IS_SPACE"}


def _values(spec: Any) -> list[str] | None:
    """The strings a TAG/LOWER test accepts, or None for a test the tables cannot hold."""
    if isinstance(spec, str) and spec:
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) and v for v in spec["IN"]):
        return list(spec["IN"])
    return None


def _simple(token_spec: dict[str, Any]) -> tuple[list[str], list[str], bool | None] | None:
    """(tags, lowers, is_space) a one-token rule tests ("" = any); None if not simple."""
    spec = {k.upper(): v for k, v in token_spec.items()}
    if not spec or set(spec) - SIMPLE_KEYS:
        return None
    tags = lowers = [""]
    if "TAG" in spec:
        tags = _values(spec["TAG"])
    if "LOWER" in spec:
        lowers = _values(spec["LOWER"])
    space = spec.get("IS_SPACE")
    if tags is None or lowers is None or space not in (None, True, False):
        return None
    return tags, lowers, space


def _accepts_no_dep(spec: Any) -> bool:
    """Whether a DEP test can match a token with no dependency label ("")."""
    if isinstance(spec, str):
        return spec == ""
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return "" in spec["IN"]
    if isinstance(spec, dict) and set(spec) == {"NOT_IN"}:
        return "" not in spec["NOT_IN"]
    return True  # any other test: let the Matcher decide


def _first_word_test(pattern: list[dict[str, Any]]) -> tuple[list[str], list[str]] | None:
    """(words, regular expressions) one of which the LOWER of a pattern's first token must
    match (the Matcher's REGEX is a `re.search`); None if the first token tests no LOWER
    that way or may be skipped (an operator)."""
    if not pattern:
        return None
    first = {k.upper(): v for k, v in pattern[0].items()}
    if "OP" in first:
        return None
    spec = first.get("LOWER")
    if isinstance(spec, str):
        return [spec], []
    if isinstance(spec, dict) and len(spec) == 1:
        (op, value), = spec.items()
        if op == "IN" and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value), []
        if op == "REGEX" and isinstance(value, str):
            return [], [value]
    return None


def _needs_dep(pattern: list[dict[str, Any]]) -> bool:
    return any(
        k.upper() == "DEP" and not _accepts_no_dep(v) for token in pattern for k, v in token.items()
    )


class CompiledRules:
    """Callable pipeline component equivalent to the AttributeRuler it was built from."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        strings = ruler.vocab.strings
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        # (tag hash | ANY, lower hash | ANY) -> [(rule id, is_space condition)]
        self.table: dict[tuple[int, int], list[tuple[int, bool | None]]] = {}
        self.matcher = Matcher(ruler.vocab, validate=False)  # the rules the tables cannot hold
        self.dep_matcher = Matcher(ruler.vocab, validate=False)  # ... that need a DEP label
        self._merged: dict[tuple[int, int, int], dict[int, Any] | None] = {}
        self.lowers: set[int] = set()  # words some table rule names (bounds the cache)
        # first words of the Matcher-held rules (None: some rule cannot be screened that way)
        self.first_words: set[str] | None = set()
        self.first_regexes: list[re.Pattern[str]] = []
        self._may_start: dict[int, bool] = {}  # lower hash -> is a first word (remembered)
        for rule_id in range(len(self.attrs)):
            key = str(rule_id)
            if key not in ruler.matcher:
                continue
            patterns = ruler.matcher.get(key)[1]
            simple = [_simple(p[0]) if len(p) == 1 else None for p in patterns]
            if all(s is not None for s in simple):
                for tags, lowers, space in simple:  # type: ignore[misc]
                    for tag in tags:
                        for lower in lowers:
                            entry = (strings.add(tag) if tag else ANY, strings.add(lower) if lower else ANY)
                            self.table.setdefault(entry, []).append((rule_id, space))
                            self.lowers.add(entry[1])
            else:
                hard = [p for p in patterns if _needs_dep(p)]
                easy = [p for p in patterns if not _needs_dep(p)]
                if easy:
                    self.matcher.add(key, easy)
                    self._note_first_words(easy)
                if hard:
                    self.dep_matcher.add(key, hard)

    def _note_first_words(self, patterns: list[list[dict[str, Any]]]) -> None:
        for pattern in patterns:
            test = _first_word_test(pattern) if self.first_words is not None else None
            if test is None:
                self.first_words = None
                return
            self.first_words.update(test[0])
            self.first_regexes.extend(re.compile(r) for r in test[1])

    def _could_match(self, strings: Any, lowers: list[int]) -> bool:
        """Whether any of the Doc's words (LOWER hashes) can start a Matcher-held rule."""
        words, regexes, known = self.first_words, self.first_regexes, self._may_start
        if words is None:
            return True
        for lower in set(lowers):
            hit = known.get(lower)
            if hit is None:
                text = strings[lower] if lower else ""
                hit = text in words or any(r.search(text) for r in regexes)
                if len(known) < 200_000:
                    known[lower] = hit
            if hit:
                return True
        return False

    def _rules_for(self, tag: int, lower: int, space: int) -> list[int]:
        found: list[int] = []
        for entry in dict.fromkeys(((tag, lower), (tag, ANY), (ANY, lower), (ANY, ANY))):
            for rule_id, cond in self.table.get(entry, ()):
                if cond is None or cond == bool(space):
                    found.append(rule_id)
        return sorted(found)

    def _merge(self, rule_ids: list[int]) -> dict[int, Any] | None:
        merged: dict[int, Any] = {}
        for rule_id in rule_ids:
            merged.update(self.attrs[rule_id])
        return merged or None

    def _matched(self, doc: "Doc", lowers: list[int]) -> dict[int, list[int]]:
        """token index -> rule ids of the Matcher-held rules that set it."""
        strings = doc.vocab.strings
        found: dict[int, list[int]] = {}
        matchers = [self.matcher] if len(self.matcher) and self._could_match(strings, lowers) else []
        if len(self.dep_matcher) and doc.has_annotation("DEP"):
            matchers.append(self.dep_matcher)
        for matcher in matchers:
            for match_id, start, end in matcher(doc, allow_missing=True):
                rule_id = int(strings[match_id])
                at = range(start, end)[self.indices[rule_id]]  # negative indices count from the end
                found.setdefault(at, []).append(rule_id)
        return found

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.attrs import IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        rows = doc.to_array([TAG, LOWER, IS_SPACE]).tolist()
        extra = self._matched(doc, [row[1] for row in rows])
        cache = self._merged
        for i, (tag, lower, space) in enumerate(rows):
            if lower not in self.lowers:
                lower = ANY  # no table rule names this word
            if i in extra:
                attrs = self._merge(sorted(set(self._rules_for(tag, lower, space) + extra[i])))
            else:
                key = (tag, lower, space)
                if key not in cache:
                    cache[key] = self._merge(self._rules_for(tag, lower, space))
                attrs = cache[key]
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc


FACTORY = "newsdesk_attributes"


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        @Language.factory(FACTORY, default_config={"source": "attribute_ruler"})
        def make(nlp: "Language", name: str, source: str) -> CompiledRules:
            return CompiledRules(nlp.get_pipe(source))


def compile_attribute_ruler(nlp: "Language", name: str = "attribute_ruler") -> bool:
    """Swap the pipeline's AttributeRuler for its compiled rules, in place; False if none."""
    if name not in nlp.pipe_names:
        return False
    _register()
    nlp.add_pipe(FACTORY, after=name, config={"source": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(FACTORY, name + "_compiled")
    return True
