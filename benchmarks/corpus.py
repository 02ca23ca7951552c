"""Deterministic benchmark corpus: N news-like articles of ~600 words, as JSONL in a cache dir.

Text comes from the real Wikinews sentences in ../shared/corpus/wikinews.jsonl (falling back to
the shipped seeds/wikinews.jsonl) and the seed article, split into sentences. On top of that,
template sentences inject generated people, places, organisations, figures and rare words drawn
from Zipf distributions over unbounded coined vocabularies, so the number of distinct terms keeps
growing with corpus size (Heaps' law) the way a real archive's does: ~90k distinct terms at
10k articles, ~400k at 100k (`python -m benchmarks.corpus N` prints the figures). Dates span 2004-2023;
sources and tags are skewed like a real feed mix.

Same (size, seed) -> byte-identical files. Generation is sequential from one RNG, so a smaller
corpus is a prefix of a larger one with the same seed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

GEN_VERSION = 1
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
WORDS_PER_ARTICLE = 600

SOURCES = [("Wikinews", 30), ("Northern Ledger", 20), ("Harbor Times", 15), ("Metro Wire", 12),
           ("Valley Courier", 10), ("Global Dispatch", 8), ("City Bulletin", 5)]
TOPICS = ["politics", "economy", "sport", "science", "health", "technology", "environment",
          "crime", "culture", "education", "transport", "energy", "weather", "business",
          "elections", "courts", "aviation", "space", "agriculture", "military", "housing",
          "media", "religion", "labour", "trade", "finance", "disaster", "migration", "tourism",
          "water", "climate", "diplomacy", "security", "music", "film", "football", "tennis",
          "markets", "banking", "automotive"]
FIRST_NAMES = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William "
               "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Ahmed Fatima "
               "Wei Mei Hiroshi Yuki Olga Ivan Pierre Amelie Hans Greta Carlos Lucia Kwame Amara "
               "Raj Priya Omar Leila Sven Ingrid Pablo Sofia Nikos Eleni Tomasz Agnieszka Dmitri "
               "Anya Kofi Zanele Mateo Valentina Arjun Ananya Youssef Nadia Lars Freja").split()
ROLES = ["a spokesperson", "the director", "a senior adviser", "the chair", "a researcher",
         "the minister", "a member", "the head of communications", "an analyst", "the treasurer"]
ORG_KINDS = ["Institute", "Council", "Group", "Party", "Foundation", "Authority", "Bank",
             "Union", "Agency", "Holdings", "Commission", "University"]
PLACE_SUFFIX = ["", "", "", "ville", "burg", "ford", " Province", " Valley", "stad", "ia"]
UNITS = ["tonnes", "kilometres", "homes", "jobs", "vehicles", "patients", "flights", "schools"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SYL_LOWER = ("ka ro vel mi tan sor bel du fen gra li mon pa quis ren sta tor vi zan hol ber cor "
             "da el fi go ha is jo ku la me no or pe ri sa te u ve wa xi yo zu").split()
SYL_NAME = ("al ba bro ca dor en fal gar hen ir jas kel lor mar nor os pra quen ros sel thor "
            "ul var wen yar zel dre kov ski ner tas bal ric").split()

_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


def coin(k: int, syllables: list[str], min_syl: int = 2) -> str:
    """The k-th word of an unbounded coined vocabulary (distinct k -> distinct word)."""
    parts = []
    k += len(syllables) ** (min_syl - 1)  # every word has at least min_syl syllables
    while k:
        k, r = divmod(k, len(syllables))
        parts.append(syllables[r])
    return "".join(reversed(parts))


def person_name(k: int) -> str:
    return f"{FIRST_NAMES[(k * 7919) % len(FIRST_NAMES)]} {coin(k, SYL_NAME).capitalize()}"


def place_name(k: int) -> str:
    return coin(k, SYL_NAME).capitalize() + PLACE_SUFFIX[(k * 31) % len(PLACE_SUFFIX)]


def org_name(k: int) -> str:
    return f"{coin(k + 7, SYL_NAME).capitalize()} {ORG_KINDS[(k * 13) % len(ORG_KINDS)]}"


def rare_word(k: int) -> str:
    return coin(k, SYL_LOWER)


def shared_corpus_path() -> Path | None:
    for p in (SHARED / "corpus" / "wikinews.jsonl", ROOT / "seeds" / "wikinews.jsonl"):
        if p.is_file():
            return p
    return None


@lru_cache(maxsize=1)
def source_text() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sentences, titles) from the real Wikinews articles and the seed article."""
    path = shared_corpus_path()
    if path is None:
        raise FileNotFoundError("no Wikinews corpus: ../shared/corpus/wikinews.jsonl is missing")
    bodies, titles = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            titles.append(rec["title"].strip())
            bodies.append(rec["body"])
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        bodies.append(seed.read_text(encoding="utf-8", errors="replace"))
    sentences = []
    for body in bodies:
        for para in body.split("\n"):
            for s in _SENT_SPLIT.split(para.strip()):
                s = " ".join(s.split())
                if 6 <= len(s.split()) <= 60 and s[-1:] in '.!?"':
                    sentences.append(s)
    return tuple(sentences), tuple(titles)


# Heaps' law V(T) = K * T^beta for the coined vocabulary: ~100k coined terms at 10k articles
# (6.4M words) and ~400k at 100k articles, on top of the ~10k words of the real sentences.
HEAPS_K, HEAPS_BETA = 8.3, 0.6
LEXICON_SHARE = {"rare": 0.6, "person": 0.2, "place": 0.12, "org": 0.08}


class Lexicon:
    """An unbounded vocabulary whose size follows Heaps' law in the tokens generated so far.

    draw() returns a new rank while the vocabulary is below K * T^beta, else an existing rank
    drawn log-uniformly (Zipf, s = 1), so a few coined words are common and most are rare.
    """

    def __init__(self, rng: random.Random, k: float) -> None:
        self.rng, self.k, self.size = rng, k, 0

    def draw(self, tokens: int) -> int:
        if self.size == 0 or self.size < self.k * tokens**HEAPS_BETA:
            self.size += 1
            return self.size - 1
        return int(self.size ** self.rng.random()) - 1


class _Gen:
    def __init__(self, seed: int, start: int) -> None:
        self.rng = random.Random(f"newsdesk-bench/{GEN_VERSION}/{seed}/{start}")
        self.sentences, self.titles = source_text()
        self.sources = [s for s, _ in SOURCES]
        self.source_w = [w for _, w in SOURCES]
        self.day0 = dt.date(2004, 1, 1).toordinal()
        self.days = dt.date(2023, 12, 31).toordinal() - self.day0 + 1
        self.tokens = 0  # words generated so far: the Heaps' law clock
        self.lex = {kind: Lexicon(self.rng, HEAPS_K * share) for kind, share in LEXICON_SHARE.items()}

    def person(self) -> str:
        return person_name(self.lex["person"].draw(self.tokens))

    def place(self) -> str:
        return place_name(self.lex["place"].draw(self.tokens))

    def org(self) -> str:
        return org_name(self.lex["org"].draw(self.tokens))

    def rare(self) -> str:
        return rare_word(self.lex["rare"].draw(self.tokens))

    def sentence(self) -> str:
        """A real sentence; sometimes one longer word swapped for a rare coined word."""
        s = self.rng.choice(self.sentences)
        if self.rng.random() < 0.3:
            words = s.split(" ")
            i = self.rng.randrange(len(words))
            if words[i].isalpha() and words[i].islower() and len(words[i]) > 5:
                words[i] = self.rare()
                s = " ".join(words)
        return s

    def figure(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            return f"${self.rng.randint(1, 999)}.{self.rng.randint(0, 9)} million"
        if r < 0.5:
            return f"{self.rng.randint(1, 99)}%"
        if r < 0.75:
            return f"{self.rng.randint(2, 98_000):,} {self.rng.choice(UNITS)}"
        return str(self.rng.randint(2, 500))

    def injected(self, people: list[str], places: list[str], orgs: list[str]) -> str:
        rng = self.rng
        person, place, org = rng.choice(people), rng.choice(places), rng.choice(orgs)
        quote = rng.choice(self.sentences).strip('"').rstrip(".")
        pick = rng.randrange(7)
        if pick == 0:
            return f'"{quote}," said {person}, {rng.choice(ROLES)} of the {org}.'
        if pick == 1:
            return f"{person} told reporters in {place} that the {self.rare()} {self.rare()} would continue."
        if pick == 2:
            return f"According to the {org}, {self.figure()} were affected in {place}."
        if pick == 3:
            return (f"The {self.rare()} programme will cost {self.figure()}, officials in {place} "
                    f"said on {rng.choice(WEEKDAYS)}.")
        if pick == 4:
            return f"About {rng.randint(2, 97)}% of residents of {place} reported {self.rare()} {self.rare()} last year."
        if pick == 5:
            return f'{person} said: "{quote}."'
        return f"The {org} and {person} disagreed over the {self.rare()} near {place}."

    def title(self, people: list[str], places: list[str], orgs: list[str]) -> str:
        rng = self.rng
        pick = rng.randrange(5)
        if pick == 0:
            return rng.choice(self.titles)
        if pick == 1:
            return f"{people[0]} warns of {self.rare()} crisis in {places[0]}"
        if pick == 2:
            return f"{orgs[0]} reports {self.figure()} in {places[0]}"
        if pick == 3:
            return f"{places[0]} {rng.choice(TOPICS)} talks stall over {self.rare()}"
        return f"{rng.choice(self.titles)} ({places[0]})"

    def article(self, i: int) -> dict:
        rng = self.rng
        date = dt.date.fromordinal(self.day0 + rng.randrange(self.days))
        people = [self.person() for _ in range(rng.randint(1, 4))]
        places = [self.place() for _ in range(rng.randint(1, 3))]
        orgs = [self.org() for _ in range(rng.randint(1, 2))]
        target = max(150, int(rng.gauss(WORDS_PER_ARTICLE, 120)))
        paras, para, words = [], [], 0
        while words < target:
            if rng.random() < 0.25:
                s = self.injected(people, places, orgs)
            else:
                s = self.sentence()
            para.append(s)
            n_words = s.count(" ") + 1
            words += n_words
            self.tokens += n_words
            if len(para) >= rng.randint(2, 5):
                paras.append(" ".join(para))
                para = []
        if para:
            paras.append(" ".join(para))
        dateline = f"{WEEKDAYS[date.weekday()]}, {date:%B} {date.day}, {date.year}"
        tags = rng.sample(TOPICS, rng.randint(1, 3))
        if rng.random() < 0.3:
            tags.append(places[0].lower())
        source = rng.choices(self.sources, self.source_w)[0]
        return {
            "id": f"bench-{i:07d}",
            "title": self.title(people, places, orgs),
            "body": dateline + "\n\n" + "\n\n".join(paras),
            "date": date.isoformat(),
            "source": source,
            "url": f"https://example.org/{source.lower().replace(' ', '-')}/{i}",
            "tags": tags,
            "bench_entities": {"PERSON": sorted(set(people)), "PLACE": sorted(set(places)),
                               "ORG": sorted(set(orgs))},
        }


def generate(n: int, seed: int = 1, start: int = 0) -> Iterator[dict]:
    """n article dicts, numbered from `start`; deterministic for (seed, start)."""
    gen = _Gen(seed, start)
    for i in range(start, start + n):
        yield gen.article(i)


SHARD = 1000  # articles per JSONL file (~4 MB; the product refuses files over 20 MB)


def cache_dir() -> Path:
    env = os.environ.get("NEWSDESK_BENCH_CACHE")
    return Path(env) if env else ROOT / "benchmarks" / ".cache"


def _write_jsonl(path: Path, records) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def corpus_dir(n: int, seed: int = 1) -> Path:
    """A folder of JSONL shards holding the n-article corpus; generated once, then reused."""
    d = cache_dir() / f"corpus-v{GEN_VERSION}-n{n}-s{seed}"
    if (d / "COMPLETE").is_file():
        return d
    d.mkdir(parents=True, exist_ok=True)
    gen = generate(n, seed)
    for part, first in enumerate(range(0, n, SHARD)):
        count = min(SHARD, n - first)
        _write_jsonl(d / f"part-{part:05d}.jsonl", (next(gen) for _ in range(count)))
    (d / "COMPLETE").write_text(f"{n}\n")
    return d


def extra_file(n_existing: int, count: int, seed: int = 1) -> Path:
    """`count` more articles numbered after an n_existing corpus (the incremental benchmark)."""
    path = cache_dir() / f"extra-v{GEN_VERSION}-from{n_existing}-n{count}-s{seed}.jsonl"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_jsonl(path, generate(count, seed, start=n_existing))
    return path


def subset_file(directory: Path, k: int) -> Path:
    """The first k articles of a corpus folder as one file beside it."""
    path = directory.with_name(f"{directory.name}.first{k}.jsonl")
    if not path.is_file():
        recs = read(directory)
        _write_jsonl(path, (rec for _, rec in zip(range(k), recs)))
    return path


def files(path: Path) -> list[Path]:
    path = Path(path)
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def read(path: Path) -> Iterator[dict]:
    """Records of a JSONL file or of every shard of a corpus folder, in order."""
    for f in files(path):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)


def vocabulary_size(path: Path) -> tuple[int, int]:
    """(tokens, distinct lower-cased word tokens) of a corpus file: the Heaps' law check."""
    words: set[str] = set()
    tokens = 0
    tok = re.compile(r"\w+")
    for rec in read(path):
        for text in (rec["title"], rec["body"]):
            found = tok.findall(text.lower())
            tokens += len(found)
            words.update(found)
    return tokens, len(words)


if __name__ == "__main__":  # python -m benchmarks.corpus N: generate and print the Heaps figures
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    p = corpus_dir(n)
    t, v = vocabulary_size(p)
    print(f"{p}: {n} articles, {t} tokens, {v} distinct terms, {t / n:.0f} tokens/article")
