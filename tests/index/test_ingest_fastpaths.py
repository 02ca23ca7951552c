"""Shortcuts on the ingest path give exactly what the long way gives.

- `sanitize` skips its three regex passes when no character could start a match;
- the docstore encodes an Article's JSON without `to_dict`'s deep copy.
"""
from __future__ import annotations

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from index import cleaning
from index.docstore import DocStore, _encode
from index.models import Article


def _sanitize_long_way(text: str) -> str:
    text = cleaning._LINE_ENDS.sub("\n", text)
    text = cleaning._ESCAPES.sub("", text)
    text = cleaning._CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


# Mostly plain text, with every kind of character the patterns care about mixed in.
_SPECIAL = "\x1b\x07\x9b\x9c\x9d\x90\x85\r\n\t\x0b\x0c\x00\x7f\u2028\u2029\u202e\u2066[]\\;0mP_^X"
_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_SPECIAL)), max_size=80)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_sanitize_equals_the_three_passes(text):
    assert cleaning.sanitize(text) == _sanitize_long_way(text)


def test_sanitize_cases_both_paths():
    for text in ("plain text, ‘quoted’ — café", "e\u0301", "a\r\nb", "x\x1b[31mred\x1b[0m",
                 "\x9b2Jclear", "title\u202eevil", "line\u2028sep", "tab\tand\nnewline"):
        assert cleaning.sanitize(text) == _sanitize_long_way(text), repr(text)
    assert cleaning.sanitize("e\u0301") == "\u00e9"  # NFC on the short path too
    assert cleaning.sanitize("tab\tand\nnewline") == "tab\tand\nnewline"


def test_docstore_json_equals_to_dict_without_body(tmp_path):
    article = Article(
        title="T", body="B ody", date="2020-01-02", source="Wire", url="u", tags=["a", "b"],
        path="/x.jsonl", boilerplate=["Read more: x"], extra={"k": [1, {"n": "é"}]},
        extraction={"entities": [{"text": "Ann", "label": "PERSON", "start": 0, "end": 3}],
                    "numbers": [], "quotes": []},
    )
    expected = article.to_dict()
    del expected["body"]
    assert _encode(article) == json.dumps(expected, ensure_ascii=False)
    store = DocStore(tmp_path / "d.sqlite3")
    try:
        store.put_many([article])
        assert store.get(article.id) == article
    finally:
        store.close()
