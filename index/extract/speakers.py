"""Who said it: subjects of reporting verbs, split into a name and a role.

Works on POS tags and entity spans only (no dependency parse). A subject is the noun
phrase next to a reporting verb: "coalition spokesman Sean Ryan told", "said Ambassador
Mohib", "Paul Bradley, from the Free Burma Rangers volunteer group, said". Pronouns and
generic nouns ("the charity") resolve to the last named mention of a compatible type.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Sequence

REPORTING = frozenset("""
say says said saying tell tells told add adds added write writes wrote written state states stated
explain explains explained warn warns warned urge urges urged insist insists insisted claim claims
claimed announce announces announced tweet tweets tweeted ask asks asked note notes noted comment
comments commented remark remarks remarked reply replies replied respond responds responded argue
argues argued observe observes observed acknowledge acknowledges acknowledged admit admits admitted
declare declares declared recall recalls recalled speak speaks spoke assert asserts asserted allege alleges alleged contend contends contended
predict predicts predicted post posts posted
testify testifies testified promise promises promised vow vows vowed pledge pledges pledged
continue continues continued concede concedes conceded describe describes described characterize
characterizes characterized characterise characterises characterised dub dubs dubbed call calls called
confirm confirms confirmed report reports reported complain complains complained suggest suggests
suggested joke jokes joked stress stresses stressed emphasise emphasised emphasize emphasized saying telling adding writing stating explaining warning
urging insisting claiming announcing tweeting asking noting commenting remarking replying responding
arguing observing acknowledging admitting declaring recalling predicting posting testifying
promising vowing pledging describing characterizing characterising dubbing calling confirming
reporting complaining suggesting joking stressing
""".split())
# forms that are verbs only when tagged so ("the claims", "United States", "his notes")
_NEEDS_VERB_TAG = frozenset("""
states notes comments claims remarks reports posts tweets calls promises vows pledges jokes stresses
continue continues call called report post tweet note comment claim remark promise vow pledge joke
stress posting reporting calling warning writing
""".split())
# verbs that report words only with a quote right beside them, never from afar
_WEAK = frozenset("continue continues continued call calls called describe describes described "
                  "describing calling report reports reported reporting post posts posted posting "
                  "confirm confirms confirmed dub dubs dubbed".split())
# verbs whose subject may follow them: 'said Jones: "..."' (not 'told the police')
INVERTIBLE = frozenset("say says said add adds added write writes wrote continued continues".split())

TITLES = frozenset("""
president vice ambassador professor prof minister prime secretary senator sen rep representative
governor gov mayor judge justice general gen colonel col captain capt major lieutenant lt sergeant
sgt chief director spokesman spokeswoman spokesperson chairman chairwoman chair ceo king queen prince
princess pope father rev reverend bishop cardinal archbishop dr mr mrs ms miss sir dame lord lady
commander officer detective inspector superintendent constable sheriff deputy councillor councilman
councilwoman coach manager editor member emeritus chancellor premier envoy attorney counsel agent
analyst spokesmen president-elect founder co-founder chief-executive executive
""".split())
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx sir dame".split())
ORG_NOUNS = frozenset("""
charity company firm group organisation organization agency ministry department body foundation
church union newspaper paper network party bank university institute council committee commission
board government monitor observatory website site station broadcaster channel club team airline
association society federation league court police army military navy authority authorities
""".split())
PERSON_PRONOUNS = frozenset({"he", "she"})
ORG_PRONOUNS = frozenset({"it", "they"})
_ADVERBS = frozenset("also later previously then further again once recently reportedly publicly "
                     "had has have was were is are would will could may might has'nt earlier "
                     "repeatedly separately simply just only first initially".split())
_NP_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})
_NP_ADP = frozenset({"of", "for", "at", "from", "against", "on", "in"})
_NAME_LABELS = ("PERSON", "ORG")
_NOT_NAME_POS = frozenset({"PRON", "AUX", "SCONJ", "CCONJ", "PUNCT", "ADP", "DET", "NUM", "SYM"})
_CONNECTORS = frozenset({"the", "of", "for", "and", "&", "de", "du", "al", "bin", "van", "von", "der"})


def is_reporting(tok: Any) -> bool:
    low = tok.lower_
    if low not in REPORTING:
        return False
    if low in _NEEDS_VERB_TAG:
        return tok.pos_ == "VERB"
    return tok.pos_ in ("VERB", "AUX") or low in ("said", "says", "told")


def is_weak(tok: Any) -> bool:
    return tok.lower_ in _WEAK


def _clean(text: str) -> str:
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

    @classmethod
    def build(cls, entities: Sequence[dict[str, Any]], blocked: Sequence[tuple[int, int]]) -> "Mentions":
        m = cls()
        for e in sorted(entities, key=lambda e: e["start"]):
            if e["label"] not in _NAME_LABELS:
                continue
            if any(a <= e["start"] < b for a, b in blocked):
                continue  # words inside quotes do not introduce speakers
            name = _clean(e["text"])
            if name and name.lower() not in PERSON_PRONOUNS | ORG_PRONOUNS:
                m.add(e["start"], name, e["label"])
        return m

    def add(self, start: int, name: str, label: str | None, role: str | None = None) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.items.insert(i, (self.canonical(name, start), label, role))

    def canonical(self, name: str, before: int) -> str:
        """A lone surname or short form becomes the full name mentioned earlier."""
        words = name.split()
        hi = bisect.bisect_left(self.starts, before)
        for full, _, _ in reversed(self.items[:hi]):
            fw = full.split()
            if len(fw) > len(words) and fw[-len(words):] == words:
                return full
        return name

    def last(self, label: str, before: int, with_pos: bool = False) -> Any:
        """(name, role[, position]) of the last mention of `label` before char `before`."""
        hi = bisect.bisect_left(self.starts, before)
        for k in range(hi - 1, -1, -1):
            name, lab, role = self.items[k]
            if lab == label:
                return (name, role, self.starts[k]) if with_pos else (name, role)
        return None


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None = None
    label: str | None = None  # PERSON / ORG when known


def _ent_index(entities: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((e for e in entities if e["label"] in _NAME_LABELS), key=lambda e: e["start"])


class SubjectFinder:
    """Noun phrases beside reporting verbs, resolved to speakers."""

    def __init__(self, doc: Any, entities: Sequence[dict[str, Any]], blocked: Sequence[tuple[int, int]],
                 text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self._starts = [t.idx for t in doc]
        self.ents = _ent_index(entities)
        names = list(entities) + self._surnames(entities)
        self.mentions = Mentions.build(names, blocked)
        # names that act in their sentence ('Rathbun requested'), for pronouns
        self.actors = Mentions.build([e for e in names if self._acts(e)], blocked)
        self.said = Mentions()  # named subjects of reporting verbs, in text order

    def learn(self, at: int, speaker: "Speaker | None") -> None:
        """Remember a named speaker for later pronouns ('he said', 'the charity said')."""
        if speaker is not None and speaker.name and speaker.label:
            self.said.add(at, speaker.name, speaker.label, speaker.role)

    def last(self, label: str, at: int) -> Speaker | None:
        """The most recent speaker or named mention of `label` before char `at`."""
        said = self.said.last(label, at, with_pos=True)
        seen = self.actors.last(label, at, with_pos=True)
        if said and seen and seen[2] > said[2]:
            said = None if seen[0] != said[0] else said
        hit = said or seen
        return Speaker(hit[0], hit[1], label) if hit else None

    def _surnames(self, entities: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Surnames of known people that the NER missed later on ('Rathbun requested')."""
        known = {e["text"].split()[-1] for e in entities if e["label"] == "PERSON" and len(e["text"].split()) > 1}
        extra = []
        for tok in self.doc:
            if tok.pos_ == "PROPN" and tok.text in known and not self._in_entity(tok.idx):
                extra.append({"text": tok.text, "label": "PERSON", "start": tok.idx, "end": tok.idx + len(tok)})
        return extra

    def _acts(self, ent: dict[str, Any]) -> bool:
        """The entity is the subject of a verb: 'Thomas Sam, a homeopath, decided'."""
        doc = self.doc
        i = self._tok_after(ent["end"])
        if i < len(doc) and doc[i].text == ",":
            j = i + 1
            while j < len(doc) and j - i < 14 and doc[j].text not in (",", ".", ";"):
                j += 1
            if j < len(doc) and doc[j].text == ",":
                i = j + 1
        while i < len(doc) and (doc[i].lower_ in _ADVERBS or doc[i].pos_ == "ADV"):
            i += 1
        return i < len(doc) and doc[i].pos_ in ("VERB", "AUX") and doc[i].tag_ != "VBG"

    def _tok_after(self, char: int) -> int:
        return bisect.bisect_left(self._starts, char)

    # -- locating the phrase -------------------------------------------------------------

    def before(self, verb: int, floor: int) -> tuple[int, int] | None:
        """Token range of the subject ending just before token `verb` (not before `floor`)."""
        doc = self.doc
        i = verb - 1
        while i >= floor and (doc[i].lower_ in _ADVERBS or doc[i].pos_ == "ADV"):
            i -= 1
        if i >= floor and doc[i].text == ",":
            # skip an appositive: "Paul Bradley, from the ... group, said"
            j = i - 1
            while j >= floor and j > i - 16 and doc[j].text not in ",;:" and doc[j].pos_ != "VERB" or (
                j >= floor and j > i - 16 and doc[j].pos_ == "VERB" and doc[j].tag_ in ("VBN", "VBG")
            ):
                j -= 1
            if j >= floor and doc[j].text == "," and j - 1 >= floor and doc[j - 1].pos_ in ("PROPN", "NOUN"):
                i = j - 1
            else:
                return None
        end = i + 1
        while i >= floor and self._np_token(i, end):
            i -= 1
        start = i + 1
        while start < end and (doc[start].pos_ in ("ADP", "PART") or doc[start].text in "-."):
            start += 1
        if start < end:
            return start, end
        if i >= floor and i == end - 1 and doc[i].pos_ == "PRON":
            return i, end
        return None

    def _np_token(self, i: int, end: int) -> bool:
        tok = self.doc[i]
        if end - i > 12:
            return False
        if tok.pos_ in _NP_POS:
            if tok.pos_ == "DET" and tok.lower_ in ("that", "which", "this", "these", "those") and i == end - 1:
                return False
            return tok.lower_ not in ("that", "which")
        if tok.pos_ == "ADP" and tok.lower_ in _NP_ADP and i < end - 1:
            return True
        if tok.text in ("-", ".", "&") and i < end - 1:
            return True
        if tok.pos_ == "PRON" and i == end - 1 and tok.lower_ not in ("that", "which", "who", "what"):
            return True
        if self._in_entity(tok.idx):
            return True
        # a capitalised word leading into a name: "Save the Children", "Reporters Without Borders"
        if tok.text[:1].isupper() and tok.pos_ not in _NOT_NAME_POS and i + 1 < end:
            nxt = self.doc[i + 1]
            return nxt.text[:1].isupper() or (nxt.lower_ in _CONNECTORS and i + 2 < end
                                              and self.doc[i + 2].text[:1].isupper())
        return False

    def _in_entity(self, char: int) -> bool:
        starts = [e["start"] for e in self.ents]
        k = bisect.bisect_right(starts, char) - 1
        return k >= 0 and self.ents[k]["start"] <= char < self.ents[k]["end"]

    def after(self, start: int, limit: int) -> tuple[int, int] | None:
        """Token range of a subject that follows a verb: 'said Ambassador Mohib,'."""
        doc = self.doc
        i = start
        while i < limit and (doc[i].pos_ in _NP_POS or doc[i].pos_ == "PRON" and i == start
                             or self._in_entity(doc[i].idx) or doc[i].text in ("-", ".") and i > start):
            if doc[i].pos_ == "NUM" or doc[i].pos_ == "PRON" and i > start:
                break
            i += 1
            if doc[i - 1].pos_ == "PRON":
                break
        return (start, i) if i > start else None

    # -- naming the speaker ----------------------------------------------------------------

    def resolve(self, a: int, b: int) -> Speaker | None:
        """Speaker and role for the subject tokens doc[a:b]."""
        doc = self.doc
        span = doc[a:b]
        text = span.text
        first = doc[a].lower_
        at = doc[a].idx
        if b - a == 1 and doc[a].pos_ == "PRON":
            if first in PERSON_PRONOUNS:
                return self.last("PERSON", at)
            if first in ORG_PRONOUNS:
                return self.last("ORG", at)
            return None
        lo, hi = span.start_char, span.end_char
        inside = [e for e in self.ents if lo <= e["start"] and e["end"] <= hi + 2]
        persons = [e for e in inside if e["label"] == "PERSON"]
        pick = persons[-1] if persons else (inside[-1] if inside else None)
        if pick is not None:
            name = self.mentions.canonical(_clean(pick["text"]), at)
            return Speaker(name, self._role(lo, pick["start"]), pick["label"])
        words = [t for t in span if t.pos_ not in ("DET",)]
        if first in ("the", "this") and words and all(t.pos_ in ("NOUN", "ADJ") for t in words) \
                and words[-1].lower_ in ORG_NOUNS:
            org = self.last("ORG", at)
            if org:
                return org
        # a capitalised run at the end, after any titles: "Ambassador Mohib", "Save the Children"
        k = b
        while k > a and (doc[k - 1].text[:1].isupper() and doc[k - 1].pos_ not in _NOT_NAME_POS
                         or k < b and doc[k - 1].lower_ in _CONNECTORS and k - 1 > a
                         and doc[k - 2].text[:1].isupper()):
            k -= 1
        n = k
        known_org = any(e["label"] == "ORG" and _clean(e["text"]) == _clean(doc[k:b].text) for e in self.ents)
        while n < b and doc[n].lower_.rstrip(".") in TITLES and not known_org:
            n += 1
        run = doc[n:b]
        caps = sum(1 for t in run if t.text[:1].isupper())
        if n < b and k < b and doc[n].text[:1].isupper() and (
                caps > 1 or any(t.pos_ == "PROPN" for t in run)):
            org = known_org or any(t.lower_ in _CONNECTORS for t in run) or run[-1].lower_ in ORG_NOUNS
            label = "ORG" if org else "PERSON"
            name = _clean(run.text)
            name = self.mentions.canonical(name, at) if label == "PERSON" else name
            return Speaker(name, self._role(lo, doc[n].idx), label)
        head = doc[b - 1].lower_
        return Speaker(_clean(text) or None, None, "ORG" if head in ORG_NOUNS else None)

    def _role(self, lo: int, name_start: int) -> str | None:
        role = _clean(self.text[lo:name_start])
        if role.lower() in ("the", "a", "an"):
            return None
        if not role or role.lower() in HONORIFICS:
            return None
        return role
