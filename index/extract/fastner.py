"""spaCy's greedy NER, stepped from Python with the GIL held: the same entities, ~40% less CPU.

spaCy 3.8's `Parser.greedy_parse` releases the GIL (`with nogil`) for its whole transition
loop, but the compiled StateC helpers that loop calls for every candidate move of every
token (`B_`, `safe_get`, `buffer_length`, ... about 50,000 calls per 600-word article)
were built by Cython with a `PyGILState_Ensure`/`Release` pair inside. Without the GIL
held, each pair takes and drops it (mutexes, thread-local look-ups): `perf` put about half
of NER's time there, in a single-threaded process too (extra threads make no difference).

`HeldGilNER` runs the same loop the way spaCy's own training step does, from Python:
`model.predict(states)` (the same precomputed features summed in the same order, the same
maxout, the output layer through BLIS as in the compiled loop) and
`Parser.transition_states` (the compiled `c_transition_batch`, now with the GIL held, so
each Ensure/Release is a counter increment). Each batch is parsed in sub-batches of
documents sorted by length, as `Parser.pipe` does, but of SUB_BATCH documents rather than a
quarter of the batch (fewer steps per document for the per-step Python cost).
tests/extract/test_pipeline_fastner.py checks the entities against spaCy's own component.

`use_held_gil_ner(nlp)` swaps the pipeline's "ner" for the wrapper under the same name; it
changes nothing (and returns False) when the component is not a greedy spaCy parser with
the methods this relies on (another spaCy version, a beam model).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

SUB_BATCH = 16  # documents parsed together (spaCy: batch_size // 4)
FACTORY = "newsdesk_held_gil_ner"
_NEEDS = ("_ensure_labels_are_added", "transition_states", "set_annotations", "moves", "model", "cfg")


class HeldGilNER:
    """A spaCy EntityRecognizer run step by step with the GIL held (see the module docstring).

    Everything but `__call__` and `pipe` is the wrapped component's (`ner.source` is it)."""

    def __init__(self, source: Any, sub_batch: int = SUB_BATCH) -> None:
        self.source = source
        self.sub_batch = max(1, sub_batch)
        _blis_output_layer(source.model)

    def __getattr__(self, name: str) -> Any:
        try:
            source = self.__dict__["source"]
        except KeyError:
            raise AttributeError(name) from None
        return getattr(source, name)

    def __call__(self, doc: "Doc") -> "Doc":
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable["Doc"], *, batch_size: int = 256) -> Iterator["Doc"]:
        from spacy import util

        for batch in util.minibatch(docs, size=batch_size):
            batch = list(batch)
            by_length = sorted(batch, key=len)
            for i in range(0, len(by_length), self.sub_batch):
                self._annotate(by_length[i:i + self.sub_batch])
            yield from batch

    def _annotate(self, docs: list["Doc"]) -> None:
        self.source.set_annotations(docs, self.predict(docs))

    def predict(self, docs: list["Doc"]) -> list[Any]:
        """The final parse states of docs, as `Parser.predict` (greedy) gives them."""
        from thinc.api import set_dropout_rate

        ner = self.source
        if not any(len(doc) for doc in docs):
            return ner.moves.init_batch(docs)
        ner._ensure_labels_are_added(docs)
        set_dropout_rate(ner.model, 0.0)
        batch = ner.moves.init_batch(docs)
        model = ner.model.predict(docs)  # tok2vec + the precomputed lower layer
        states = [state for state in batch if not state.is_final()]
        while states:
            states = ner.transition_states(states, model.predict(states))
        model.clear_memory()
        return batch


def _blis_output_layer(model: Any) -> None:
    """The compiled loop multiplies by the output layer through BLIS (thinc's CBlas), whatever
    the model's ops say: make the Python step use BLIS there too."""
    from thinc.api import NumpyOps

    if not model.has_ref("upper"):
        return
    upper = model.get_ref("upper")
    if type(upper.ops).__name__ == "NumpyOps" and not getattr(upper.ops, "use_blis", True):
        ops = NumpyOps(use_blis=True)
        for layer in upper.walk():
            layer.ops = ops


def _usable(component: Any) -> bool:
    from spacy.pipeline.transition_parser import Parser

    return (
        isinstance(component, Parser)
        and all(hasattr(component, name) for name in _NEEDS)
        and component.cfg.get("beam_width", 1) == 1
        and component.model.has_ref("upper")
        and type(component.model.ops).__name__ == "NumpyOps"
    )


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        @Language.factory(FACTORY, default_config={"source": "ner"})
        def make(nlp: "Language", name: str, source: str) -> HeldGilNER:
            return HeldGilNER(nlp.get_pipe(source))


def use_held_gil_ner(nlp: "Language", name: str = "ner") -> bool:
    """Swap the pipeline's NER for HeldGilNER, keeping its name and place; False if not."""
    if name not in nlp.pipe_names or not _usable(nlp.get_pipe(name)):
        return False
    _register()
    temporary = name + "_held_gil"
    nlp.add_pipe(FACTORY, name=temporary, after=name, config={"source": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(temporary, name)
    return True
