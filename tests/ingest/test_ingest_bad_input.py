"""Every bad input gives a one-line IngestError naming the file and the reason."""
from __future__ import annotations

import builtins
import codecs
import json
from pathlib import Path

import pytest

from index.errors import IngestError
from index.ingest import MAX_BYTES, load

ARTICLE = "Storm batters coast\n\nA powerful storm swept across the coast on Tuesday, officials said.\n"


def fails(path: Path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as info:
        load(path, **kwargs)
    err = info.value
    assert err.path == str(path)
    assert "\n" not in str(err) and str(err).startswith(str(path) + ": ")
    return err


def test_binary_with_txt_name(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert fails(path).reason == "not text (binary or unknown encoding)"


def test_known_binary_format_is_named(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert fails(path).reason == "not text (a PDF document)"


def test_invalid_utf8_legacy_text_is_decoded(tmp_path):
    path = tmp_path / "latin1.txt"
    text = ("Caf\u00e9 owners protest\n\nThe caf\u00e9 owners of the r\u00e9gion met on Tuesday to protest "
            "against the new tax, which they said would cost them \u00a3200 a month.\n")
    path.write_bytes(text.encode("cp1252"))
    [article] = load(path).articles
    assert article.title == "Caf\u00e9 owners protest"
    assert "r\u00e9gion" in article.body and "\u00a3200" in article.body


def test_invalid_utf8_garbage_is_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03]) * 500)
    assert fails(path).reason == "not text (binary or unknown encoding)"


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                          ("utf-8", codecs.BOM_UTF8)])
def test_bom_encodings(tmp_path, encoding, bom):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + ARTICLE.replace("coast", "c\u00f4te").encode(encoding))
    [article] = load(path).articles
    assert article.title == "Storm batters c\u00f4te"
    assert not article.title.startswith("\ufeff")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le")])
def test_empty_and_whitespace_only(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert fails(path).reason == "empty file"


def test_size_limit(tmp_path):
    assert MAX_BYTES == 20 * 1024 * 1024
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100)
    size_kb = round(path.stat().st_size / 1024, 1)
    assert fails(path, max_bytes=2048).reason == f"too large ({size_kb} KB > 2 KB limit)"
    assert load(path, max_bytes=len(ARTICLE) * 100).articles


def test_missing_file(tmp_path):
    assert fails(tmp_path / "gone.txt").reason == "file not found (deleted or moved while indexing?)"


def test_directory_given_to_load(tmp_path):
    assert fails(tmp_path).reason == "is a directory"


def test_permission_denied_via_mocked_open(tmp_path, monkeypatch):
    # We run as root, where chmod 000 does not stop reads; simulate the kernel's answer.
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    assert fails(path).reason == "permission denied"


def test_broken_jsonl_line_among_good_ones(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"title": "Storm", "body": "A storm hit the coast."})
    lines = [good, '{"title": "Cut off", "body": "half', json.dumps([1, 2]),
             json.dumps({"title": "No body"}), json.dumps({"title": "Budget", "body": "The council met."})]
    path.write_text("\n".join(lines) + "\n")
    result = load(path)
    assert [a.title for a in result.articles] == ["Storm", "Budget"]
    assert [str(e) for e in result.errors] == [
        f"{path}:2: invalid JSON at column 30: unterminated string",
        f"{path}:3: expected a JSON object, got list",
        f"{path}:4: no 'body' text",
    ]
    assert [e.path for e in result.errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_invalid_json_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"title": "x",\n "body": }')
    assert fails(path).reason == "invalid JSON at line 2 column 10: expecting value"


TRUNCATED_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Coastal Herald</title>
<item><title>Storm batters coast</title><description>A powerful storm swept across the coast.</description></item>
<item><title>Budget passes</title><description>The council approved the budget.</description></item>
<item><title>Third story</title><descrip"""


def test_truncated_rss_yields_entries_and_an_error(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text(TRUNCATED_RSS)
    result = load(path)
    assert [a.title for a in result.articles] == ["Storm batters coast", "Budget passes"]
    assert result.errors, "the truncation must be reported"
    assert str(result.errors[-1]).startswith(f"{path}: malformed feed: ")
    assert "(2 entries read)" in str(result.errors[-1])


def test_malformed_feed_without_entries(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><title>x</title></chan')
    assert fails(path).reason.startswith("malformed feed: ")


def test_html_scripts_and_ten_thousand_nested_divs(tmp_path):
    path = tmp_path / "bomb.html"
    depth = 200_000  # about 2 MB of nested divs
    path.write_text("<html><head><title>Bomb</title><script>while(1){}</script></head><body>"
                    + "<div>" * depth + "<p>Deep text survives.</p><script>alert('x')</script>"
                    + "</div>" * depth + "<script>unclosed")
    [article] = load(path).articles
    assert article.title == "Bomb"
    assert article.body == "Deep text survives."


def test_html_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><div></div></body></html>")
    assert fails(path).reason == "no article text found in the HTML"


def test_title_only_plain_text(tmp_path):
    path = tmp_path / "title.txt"
    path.write_text("Just a headline\n")
    assert fails(path).reason == "no article text"


def test_terminal_escapes_in_every_field_are_removed(tmp_path):
    path = tmp_path / "evil.jsonl"
    record = {"title": "Hi\x1b]52;c;cm0gLXJmIH4=\x07 there\x1b[2J", "body": "Text\u202e with \x9b31mcontrol\x00s.",
              "source": "Wire\x1b[5m", "tags": ["a\x1b[1mb"]}
    path.write_text(json.dumps(record))
    [article] = load(path).articles
    assert (article.title, article.body, article.source, article.tags) == (
        "Hi there", "Text with controls.", "Wire", ["ab"])
