"""Enriched articles into Whoosh and the docstore, committed every ENRICH_COMMIT_SECONDS.

Enrichment re-adds each article's Whoosh document (title and body analysed again, plus the
person/org/place fields from its extraction) and stores the extraction in the docstore. The
indexer's main process does this while the extraction workers keep both CPUs busy, so it
must stay cheap per article: a FastSegmentWriter kept open across many articles, old
documents found through the id term's term info (not a searcher per article), and one
commit per ENRICH_COMMIT_SECONDS rather than per few dozen articles.

The last commit of a run is paid after the workers are done: knowing how many articles the
run will add (`expected`; by default the articles pending when the writer is made) it also commits whenever what it holds reaches what is still to
come (at least TAIL_MIN articles), so the commits halve towards the end and the final one
holds a few dozen articles instead of a whole ENRICH_COMMIT_SECONDS' worth; the others are
written while the workers still extract. Each commit's segment gets its search files
(sidecar, prefix unions) right after it, also while the workers extract, instead of all of
them in the indexer's pass after the last commit (which then finds them written).
"""
from __future__ import annotations

import logging
import time
from functools import partial

from whoosh.reading import SegmentReader, TermNotFound

from index.docstore import DocStore
from index.models import Article
from index.schema import to_document
from index.segwriter import FastSegmentWriter, merge_run_segments

ENRICH_COMMIT_SECONDS = 20.0  # enrichment commits at most this often (what a kill -9 can lose)
ENRICH_COMMIT_MAX = 2048  # articles per commit at most
ENRICH_MEMORY_MAX = 96 * 1024 * 1024  # estimated postings bytes per commit at most
WRITER_TIMEOUT = 10.0  # seconds to wait for Whoosh's own write lock
TAIL_MIN = 32  # articles held from which a commit is brought forward for the run's tail


class EnrichWriter:
    """Enriched articles into Whoosh and the docstore, a commit every ENRICH_COMMIT_SECONDS.

    Each commit writes one new segment with FastSegmentWriter (the articles' old documents
    are deleted by id, found through the id term's term info, not a search per article),
    then stores the extraction results in one docstore transaction. A kill -9 loses at most
    the work since the last commit: Whoosh and the docstore still agree that those articles
    are pending, and a later run extracts them again. Whoosh first: should the docstore
    write not happen, the re-run replaces the documents Whoosh already has.
    The run's segments are merged once MERGE_FANOUT of them pile up (`merge_run_segments`);
    a text segment the run replaces is dropped once all its documents are deleted."""

    def __init__(self, ix, docs: DocStore, expected: int | None | str = "pending") -> None:
        self.ix = ix
        self.docs = docs
        # articles this run will add, if known (None: not known; see the module doc)
        self.expected = len(docs.pending_ids()) if expected == "pending" else expected
        self.added = 0
        self.writer: FastSegmentWriter | None = None
        self.readers: list = []
        self.held: list[tuple[str, dict]] = []
        self.opened = 0.0
        self.run: set[str] = set()  # ids of the segments this run wrote
        self.broken = False

    def __len__(self) -> int:
        return len(self.held)

    def add(self, article: Article, extraction: dict) -> None:
        if self.writer is None:
            self._open()
        try:
            for segment, reader in self.readers:
                for docnum in _docnums_of(reader, article.id):
                    segment.delete_document(docnum)
            article.extraction = extraction
            self.writer.add_document(**to_document(article))
        except BaseException:
            self.broken = True  # a half-added document: commit() cancels instead
            raise
        self.held.append((article.id, extraction))
        self.added += 1

    def due(self) -> bool:
        held = len(self.held)
        if self.expected is not None and held >= TAIL_MIN and held >= self.expected - self.added > 0:
            return True  # the tail: commit now, while the workers are still busy
        return (
            time.monotonic() - self.opened >= ENRICH_COMMIT_SECONDS
            or held >= ENRICH_COMMIT_MAX
            or self.writer.memory_estimate() >= ENRICH_MEMORY_MAX
        )

    def commit(self) -> int:
        """Commits what was added; returns how many articles that was."""
        writer = self.writer
        if writer is None:
            return 0
        if self.broken:
            self.cancel()
            return 0
        self._close_readers()
        self.run.add(writer.get_segment().segment_id())
        try:
            writer.commit(mergetype=partial(merge_run_segments, run=self.run))
        except BaseException:
            self.cancel()
            raise
        self.writer = None
        held, self.held = self.held, []
        self.docs.set_extraction(held)
        self._write_search_files(writer.get_segment().segment_id())
        return len(held)

    def _write_search_files(self, segment_id: str) -> None:
        """The new segment's sidecar and prefix unions (each skipped if it exists); they
        only make searches faster, so a failure is logged and enrichment goes on."""
        from index.prefixunions import write_unions
        from index.sidecar import write_sidecar

        try:
            for segment in self.ix._segments():
                if segment.segment_id() == segment_id:
                    reader = SegmentReader(self.ix.storage, self.ix.schema, segment)
                    try:
                        write_sidecar(reader)
                        write_unions(reader)
                    finally:
                        reader.close()
        except Exception as exc:  # noqa: BLE001 - an optimisation must never fail a run
            logging.getLogger(__name__).warning("search files of segment %s not written (%s)", segment_id, exc)

    def cancel(self) -> None:
        self._close_readers()
        if self.writer is not None and not self.writer.is_closed:
            self.writer.cancel()
        self.writer = None
        self.held = []
        self.broken = False

    def _open(self) -> None:
        self.writer = writer = FastSegmentWriter(self.ix, timeout=WRITER_TIMEOUT)
        self.readers = [(seg, SegmentReader(writer.storage, writer.schema, seg)) for seg in writer.segments]
        self.opened = time.monotonic()

    def _close_readers(self) -> None:
        for _, reader in self.readers:
            reader.close()
        self.readers = []


def _docnums_of(reader, article_id: str) -> list[int]:
    """Segment-local numbers of the article's documents. Ids are unique, so the id term
    usually has one posting, given by its term info without reading the postings (should
    that document be deleted already, deleting it again does no harm)."""
    try:
        info = reader.term_info("id", article_id)
    except TermNotFound:
        return []
    if info.doc_frequency() == 1:
        return [info.min_id()]
    return list(reader.postings("id", article_id).all_ids())
