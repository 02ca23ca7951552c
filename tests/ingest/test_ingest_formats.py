"""Each input format, from small real-looking files written to tmp_path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.ingest import load
from index.models import article_id

from ingest_paths import SEED_JSONL

STORY = [
    "A powerful storm swept across the coast on Tuesday, leaving more than 40,000 homes "
    "without electricity, officials said.",
    "\u201cWe have never seen winds like this,\u201d said Mayor Tom Smith, who declared a state of emergency.",
    "Police closed three main roads after trees fell across them.",
]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_plain_text(tmp_path):
    path = write(tmp_path / "herald" / "storm.txt", "\n\nStorm batters coast\n\n" + "\n\n".join(STORY) + "\n")
    [article] = load(path).articles
    assert article.title == "Storm batters coast"
    assert article.body == "\n\n".join(STORY)
    assert (article.date, article.source, article.path) == (None, "herald", str(path))
    assert article.id == article_id("herald", "Storm batters coast", article.body)


def test_markdown_front_matter(tmp_path):
    text = (
        "---\ntitle: \"Storm batters coast\"\ndate: 2024-03-05\nsource: Coastal Herald\n"
        "tags: [weather, storms]\nauthor: Jane Roe\n---\n\n"
        f"{STORY[0]} See the **latest** [map](https://herald.example/map_(1)).\n\n"
        "## Roads closed\n\n"
        "- Main Street\n- *Harbour* Road\n\n"
        f"> {STORY[1]}\n\n"
        "![radar](radar.png)\n\n---\n\n[1]: https://herald.example/ref\n"
    )
    [article] = load(write(tmp_path / "storm.md", text)).articles
    assert article.title == "Storm batters coast"
    assert article.date == "2024-03-05"
    assert article.source == "Coastal Herald"
    assert article.tags == ["weather", "storms"]
    assert article.extra == {"author": "Jane Roe"}
    assert article.body.split("\n\n") == [
        f"{STORY[0]} See the latest map.",
        "Roads closed",
        "\u2022 Main Street\n\u2022 Harbour Road",
        STORY[1],
    ]


def test_markdown_heading_title_and_tag_list(tmp_path):
    text = "---\ndate: March 5, 2024\ntags:\n  - weather\n  - coast\n---\n# Storm batters coast\n\n" + STORY[0]
    [article] = load(write(tmp_path / "notes" / "a.markdown", text)).articles
    assert article.title == "Storm batters coast"
    assert article.date == "2024-03-05"
    assert article.tags == ["weather", "coast"]
    assert article.body == STORY[0]
    assert article.source == "notes"


def test_markdown_detected_by_content_in_txt(tmp_path):
    [article] = load(write(tmp_path / "a.txt", "# Storm batters coast\n\n" + STORY[0])).articles
    assert article.title == "Storm batters coast"


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Storm batters coast, thousands without power | Coastal Herald</title>
<meta property="og:site_name" content="Coastal Herald">
<meta property="og:title" content="Storm batters coast, thousands without power">
<meta name="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://herald.example/news/storm">
<script>document.write("tracking")</script><style>body{color:red}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Storm batters coast, thousands without power</h1>
<p>A powerful storm swept across the coast on Tuesday, leaving more than 40,000 homes without
electricity, officials said.</p>
<p>"We have never seen winds like this," said Mayor Tom Smith, who declared a state of emergency.</p>
<h2>Roads closed</h2>
<p>Police closed three main roads after trees fell across them. Crews expect to restore power by Thursday.</p>
<p>Read more: How to prepare for a storm</p>
</article>
<footer>&copy; 2024 Coastal Herald</footer><script>alert("x")</script>
</body></html>"""


def test_html_with_trafilatura_metadata(tmp_path):
    [article] = load(write(tmp_path / "storm.html", HTML_PAGE)).articles
    assert article.title == "Storm batters coast, thousands without power"
    assert article.date == "2024-03-05"
    assert article.source == "Coastal Herald"
    assert article.url == "https://herald.example/news/storm"
    assert article.body.startswith("A powerful storm swept across the coast")
    assert "Roads closed" in article.body.split("\n\n")
    for chrome in ("tracking", "alert", "color:red", "Home", "Sport"):
        assert chrome not in article.body
    assert article.boilerplate == ["Read more: How to prepare for a storm"]


def test_html_fallback_strips_tags_when_nesting_is_too_deep(tmp_path):
    depth = 50_000  # lxml refuses this depth; the stripper takes over
    page = ("<html><head><title>Deep page</title><script>evil()</script></head><body>"
            + "<div>" * depth + f"<p>{STORY[0]}</p><script>alert(1)</script><p>{STORY[2]}</p>"
            + "</div>" * depth + "</body></html>")
    [article] = load(write(tmp_path / "deep.html", page)).articles
    assert article.title == "Deep page"
    assert article.body == f"{STORY[0]}\n\n{STORY[2]}"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Coastal Herald</title><link>https://herald.example/</link><description>News</description>
<item><title>Storm batters coast</title><link>https://herald.example/storm</link>
<guid>herald-storm-1</guid><pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate>
<category>Weather</category><author>jane@herald.example (Jane Roe)</author>
<description><![CDATA[<p>A powerful storm swept across the coast.</p><p>&ldquo;Never seen winds like this,&rdquo; said the mayor.</p><script>alert(1)</script>]]></description>
</item>
<item><title>Council approves budget &amp; new park</title><link>https://herald.example/budget</link>
<pubDate>Wed, 06 Mar 2024 09:30:00 +0000</pubDate>
<description>The council approved a $12 million budget on Wednesday.</description>
</item>
</channel></rss>
"""


def test_rss_one_article_per_entry(tmp_path):
    result = load(write(tmp_path / "herald.rss", RSS))
    assert result.errors == []
    storm, budget = result.articles
    assert storm.title == "Storm batters coast"
    assert storm.body == "A powerful storm swept across the coast.\n\n\u201cNever seen winds like this,\u201d said the mayor."
    assert (storm.date, storm.source, storm.url) == ("2024-03-05", "Coastal Herald", "https://herald.example/storm")
    assert storm.tags == ["Weather"]
    assert storm.extra["source_id"] == "herald-storm-1"
    assert budget.title == "Council approves budget & new park"
    assert budget.date == "2024-03-06"


def test_atom_feed_detected_in_xml(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2024-03-05T10:00:00Z</updated>
<entry><title type="html">Storm &lt;b&gt;batters&lt;/b&gt; coast</title><id>urn:wire:1</id>
<updated>2024-03-05T10:00:00Z</updated><link href="https://wire.example/1"/>
<content type="html">&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</content></entry>
</feed>"""
    [article] = load(write(tmp_path / "wire.xml", atom)).articles
    assert article.title == "Storm batters coast"
    assert article.body == "First paragraph.\n\nSecond paragraph."
    assert (article.source, article.date, article.url) == ("Wire", "2024-03-05", "https://wire.example/1")


def test_jsonl_fields_extra_and_source_id(tmp_path):
    lines = [
        {"id": "w-1", "title": "Storm batters coast", "body": "\n\n".join(STORY), "date": "2024-03-05",
         "source": "Coastal Herald", "url": "https://herald.example/storm", "tags": ["weather"],
         "licence": "CC BY 2.5", "words": 52},
        {"title": "Budget passes", "body": "The council approved the budget.", "tags": "politics, council"},
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    storm, budget = load(path).articles
    assert storm.extra == {"licence": "CC BY 2.5", "words": 52, "source_id": "w-1"}
    assert storm.id == article_id("Coastal Herald", "Storm batters coast", storm.body)
    assert (storm.date, storm.url, storm.tags) == ("2024-03-05", "https://herald.example/storm", ["weather"])
    assert budget.tags == ["politics", "council"]
    assert budget.source == tmp_path.name  # no source field: the folder name


def test_json_object_and_list(tmp_path):
    one = write(tmp_path / "one.json", json.dumps({"title": "Storm", "body": STORY[0]}))
    assert [a.title for a in load(one).articles] == ["Storm"]
    many = write(tmp_path / "many.json", json.dumps([{"title": "A", "body": STORY[0]}, {"title": "B", "body": STORY[2]}, 5]))
    result = load(many)
    assert [a.title for a in result.articles] == ["A", "B"]
    assert [str(e) for e in result.errors] == [f"{many}: item 3: expected a JSON object, got int"]


def test_shipped_wikinews_seed_loads_completely():
    result = load(SEED_JSONL)
    assert result.errors == []
    assert len(result.articles) == 144
    assert len({a.id for a in result.articles}) == 144
    first = result.articles[0]
    assert first.extra["source_id"] == "wikinews-gum-afghan"
    assert first.date == "2017-07-21"
    assert all(a.date and len(a.date) == 10 for a in result.articles)


@pytest.mark.parametrize("name", ["storm.txt", "storm.md", "storm.html", "herald.rss", "a.jsonl"])
def test_ids_are_stable_across_loads(tmp_path, name):
    content = {
        "storm.txt": "Storm\n\n" + STORY[0],
        "storm.md": "# Storm\n\n" + STORY[0],
        "storm.html": HTML_PAGE,
        "herald.rss": RSS,
        "a.jsonl": json.dumps({"title": "Storm", "body": STORY[0]}),
    }[name]
    path = write(tmp_path / name, content)
    first = [a.id for a in load(path).articles]
    second = [a.id for a in load(path).articles]
    assert first and first == second
    assert all(len(i) == 16 for i in first)


def test_jsonl_decodes_html_character_references(tmp_path):
    record = {"title": "Stocks &amp; bonds slide", "body": "The S&amp;P 500 fell 3%. Caf&eacute; owners said &quot;no&quot;."}
    [article] = load(write(tmp_path / "feed.jsonl", json.dumps(record) + "\n")).articles
    assert article.title == "Stocks & bonds slide"
    assert article.body == 'The S&P 500 fell 3%. Café owners said "no".'
