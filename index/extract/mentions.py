"""Named people and organisations mentioned in an article, in text order.

Used to turn a short form into the full name mentioned earlier ('Rathbun' -> 'Mark Rathbun',
'Thomas' -> 'Thomas Sam', a misspelt 'Bauchtman' -> 'Lydia Buchtmann') and to find the last
mention of a kind before a pronoun.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Sequence

TITLES = frozenset("""
president vice ambassador professor prof minister prime secretary senator sen rep representative
governor gov mayor judge justice general gen colonel col captain capt major lieutenant lt sergeant
sgt chief director spokesman spokeswoman spokesperson chairman chairwoman chair ceo king queen prince
princess pope father rev reverend bishop cardinal archbishop dr mr mrs ms miss sir dame lord lady
commander officer detective inspector superintendent constable sheriff deputy councillor councilman
councilwoman coach manager editor member emeritus chancellor premier envoy attorney counsel agent
analyst spokesmen president-elect founder co-founder chief-executive executive
""".split())
PERSON_PRONOUNS = frozenset({"he", "she"})
ORG_PRONOUNS = frozenset({"it", "they"})
NAME_LABELS = ("PERSON", "ORG")
ORG_NOUNS = frozenset("""
charity company firm group organisation organization agency ministry department body foundation
church union newspaper paper network party bank university institute council committee commission
board government monitor observatory website site station broadcaster channel club team airline
city town municipality county province state
association society federation league court police army military navy authority authorities
fund lender insurer retailer carmaker automaker drugmaker chipmaker manufacturer producer supplier
operator carrier miner brewer conglomerate chain
""".split())
# what a person writes or issues: 'Rathbun's blog post says' is Rathbun speaking
DOCUMENT_NOUNS = frozenset("""
statement letter blog post report analysis study website site account tweet message article column
book memo email note paper filing release speech testimony interview essay editorial survey review
lawsuit complaint submission
""".split())
# 'a letter seen by Sky News': the agent of these handled the words, it did not say them
SEEN_BY = frozenset("seen obtained received viewed reviewed leaked quoted cited published reported "
                    "shared read".split())


@dataclass(frozen=True)
class Speaker:
    """Who said a quote: a name (or the words standing for one), a role, PERSON / ORG."""

    name: str | None
    role: str | None = None
    label: str | None = None  # PERSON / ORG when known


def person_name(text: str) -> str:
    """A person's name without an owner the NER took in: 'Labour’s Jo Platt' -> 'Jo Platt'."""
    for mark in ("'s ", "\u2019s "):
        if mark in text:
            text = text.rsplit(mark, 1)[1]
    return text


def clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:-\u2014\u2013")
    for det in ("the ", "The "):
        if text.startswith(det):
            text = text[len(det):]
    if text.endswith("'s") or text.endswith("\u2019s"):
        text = text[:-2]
    return text


@dataclass
class Mentions:
    """Named PERSON/ORG mentions in text order, for pronouns and surname aliases."""

    starts: list[int] = field(default_factory=list)
    items: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (name, label, role)
    multi_starts: list[int] = field(default_factory=list)  # names of two words or more, for aliases
    multi: list[str] = field(default_factory=list)
    _memo: dict[tuple[str, int], str] = field(default_factory=dict)  # (name, len of multi prefix) -> full

    @classmethod
    def build(cls, entities: Sequence[dict[str, Any]], blocked: Sequence[tuple[int, int]]) -> "Mentions":
        m = cls()
        for e in sorted(entities, key=lambda e: e["start"]):
            if e["label"] not in NAME_LABELS:
                continue
            if any(a <= e["start"] < b for a, b in blocked):
                continue  # words inside quotes do not introduce speakers
            name = clean(e["text"])
            if e["label"] == "PERSON":  # 'Spokeswoman Sandy Angers' is Sandy Angers
                words = person_name(name).split()
                while len(words) > 2 and words[0].lower().rstrip(".") in TITLES:
                    words.pop(0)
                name = " ".join(words)
            if name and name.lower() not in PERSON_PRONOUNS | ORG_PRONOUNS:
                m.add(e["start"], name, e["label"])
        return m

    def add(self, start: int, name: str, label: str | None, role: str | None = None) -> None:
        i = bisect.bisect_right(self.starts, start)
        full = self.canonical(name, start)
        self.starts.insert(i, start)
        self.items.insert(i, (full, label, role))
        if " " in full:
            j = bisect.bisect_right(self.multi_starts, start)
            if j < len(self.multi):
                self._memo.clear()  # an earlier prefix changed (appending leaves every prefix as it was)
            self.multi_starts.insert(j, start)
            self.multi.insert(j, full)

    def canonical(self, name: str, before: int) -> str:
        """A lone surname, short form, unique first name or misspelt surname becomes the full name."""
        key = (name, bisect.bisect_left(self.multi_starts, before))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._canonical(name, key[1])
        return found

    def _canonical(self, name: str, k: int) -> str:
        words = name.split()
        earlier: dict[str, None] = {}  # distinct full names, most recent first
        for full in reversed(self.multi[:k]):
            if full in earlier:
                continue
            earlier[full] = None
            fw = full.split()
            if len(fw) > len(words) and fw[-len(words):] == words:
                return full
        if len(words) != 1 or not earlier:
            return name
        firsts = {full for full in earlier if full.split()[0] == name}
        if len(firsts) == 1:  # 'Thomas' after 'Thomas Sam'
            return firsts.pop()
        close = {full for full in earlier if _misspelt(name, full.split()[-1])}
        return close.pop() if len(close) == 1 else name  # 'Ms Bauchtman' after 'Lydia Buchtmann'

    def last_seen(self, name: str, before: int) -> int:
        """Char offset of the last mention of `name` (its full form) before `before`, or -1."""
        for k in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            if self.items[k][0] == name:
                return self.starts[k]
        return -1

    def last(self, label: str, before: int, with_pos: bool = False, ok: Any = None) -> Any:
        """(name, role[, position]) of the last mention of `label` before char `before` that `ok` accepts."""
        hi = bisect.bisect_left(self.starts, before)
        for k in range(hi - 1, -1, -1):
            name, lab, role = self.items[k]
            if lab == label and (ok is None or ok(name)):
                return (name, role, self.starts[k]) if with_pos else (name, role)
        return None


def _misspelt(a: str, b: str) -> bool:
    """Two surnames at most two edits apart, same initial, long enough to be distinctive."""
    if a == b or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 2 or a[0] != b[0]:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2
