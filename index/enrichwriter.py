"""Enriched articles into Whoosh and the docstore, committed every ENRICH_COMMIT_SECONDS.

Enrichment re-adds each article's Whoosh document (title and body analysed again, plus the
person/org/place fields from its extraction) and stores the extraction in the docstore. The
indexer's main process does this while the extraction workers keep both CPUs busy, so it
must stay cheap per article: a FastSegmentWriter kept open across many articles, old
documents found through the id term's term info (not a searcher per article), and one
commit per ENRICH_COMMIT_SECONDS rather than per few dozen articles.
"""
from __future__ import annotations

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

    def __init__(self, ix, docs: DocStore) -> None:
        self.ix = ix
        self.docs = docs
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

    def due(self) -> bool:
        return (
            time.monotonic() - self.opened >= ENRICH_COMMIT_SECONDS
            or len(self.held) >= ENRICH_COMMIT_MAX
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
        return len(held)

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
