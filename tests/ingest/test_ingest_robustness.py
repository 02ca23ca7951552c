"""Whatever the bytes, load() returns a LoadResult or raises IngestError, never anything else."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.cleaning import sanitize
from index.errors import IngestError
from index.ingest import LoadResult, load

PIECES = st.sampled_from([
    "<html>", "<div>", "</div>", "<p>", "<script>", "</script>", "<title>", "<?xml version='1.0'?>",
    "<rss>", "<item>", "<title>T</title>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>",
    "---\n", "title: x\n", "# Head\n", "{", "}", '"title": "t"', '"body": "b"', "[", "]", ",", "\n",
    "\n\n", "Word ", "SEE ALSO :", "StateSyria", "\x1b[2J", "\x00", "\ufeff", "\u202e", "\xe9", "&amp;",
])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(PIECES, max_size=30), suffix=st.sampled_from([".txt", ".md", ".html", ".rss", ".xml", ".json", ".jsonl", ""]),
       encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_load_never_raises_anything_but_ingest_error(tmp_path, parts, suffix, encoding):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes("".join(parts).encode(encoding, "replace"))
    try:
        result = load(path)
    except IngestError as err:
        assert "\n" not in str(err)
        return
    assert isinstance(result, LoadResult)
    for article in result.articles:
        for text in (article.title, article.body, article.source, *article.tags):
            assert text == sanitize(text)
            assert "\x1b" not in text and "\u202e" not in text


@given(st.text())
def test_sanitize_is_idempotent_and_leaves_no_controls(text):
    once = sanitize(text)
    assert sanitize(once) == once
    assert not any(ord(c) < 32 and c not in "\n\t" for c in once)
    assert not any(0x7F <= ord(c) <= 0x9F for c in once)
