"""Groups as speakers: '"...," they said' after 'Ms Kearney and Mr Furlong tabled a motion',
'"...," the two men said' after 'Two former Redbank executives, speaking anonymously, said',
'they said' after 'Several parents who spoke at the hearing said'. The group is the plural
subject of the sentence that holds the pronoun or of the sentence before it: two named people
joined by 'and' (named together), or a plural noun phrase ('Several parents').

A mixin of speakers.SubjectFinder: it reads the finder's doc, entity index and mentions.
"""
from __future__ import annotations

import bisect
from typing import Any

from index.extract.mentions import ORG_NOUNS, TITLES, Speaker, clean
from index.extract.reporting import is_reporting
from index.extract.token_index import sentence_chars

_GROUP_WORDS = frozenset("both pair two three four couple".split())  # 'the two men', 'both men', 'the pair'
# plural nouns for people: a group that may speak even when the sentence has no reporting verb
PEOPLE = frozenset("""
people men women officials leaders members executives residents parents families staff workers police
campaigners activists critics experts analysts economists investors shareholders lawmakers legislators
senators ministers unions protesters fans players doctors nurses teachers students employees pilots
drivers owners farmers directors managers sources colleagues neighbours neighbors locals voters
customers passengers engineers scientists researchers negotiators authorities regulators executives
prosecutors lawyers diplomats organisers organizers volunteers bosses traders economists strategists
""".split())
_LEADS = frozenset("later also then separately together jointly meanwhile".split())


class GroupSpeakers:
    doc: Any
    mentions: Any
    said: Any
    ents: list[dict[str, Any]]
    # also uses SubjectFinder's entity_at, _tok_after and _quoted_char

    def group_phrase(self, a: int, b: int) -> bool:
        """doc[a:b] names a group by number rather than by name: 'the two men', 'both men', 'the pair'."""
        doc = self.doc
        words = [doc[k].lower_ for k in range(a, b)]
        if words in (["both"], ["the", "two"], ["the", "three"], ["the", "pair"], ["the", "couple"]):
            return True  # '"...," the two said'
        if not words or words[0] not in ("the", "both", "all"):
            return False
        return (doc[b - 1].tag_ == "NNS" or words[-1] == "pair") and any(w in _GROUP_WORDS for w in words)

    def group_before(self, a: int) -> Speaker | None:
        """The plural subject of the sentence holding token a (before a) or of the one before
        it (sentences inside quotes do not count)."""
        doc = self.doc
        hi = a
        lo = self._tok_after(sentence_chars(doc, a)[0])
        for _ in range(4):
            unquoted = any(not self._quoted_char(doc[k].idx) and not doc[k].is_punct for k in range(lo, hi))
            if unquoted and hi < a:
                return self._group_subject(lo, hi)
            found = self._group_subject(lo, hi) if unquoted else None
            if found is not None or lo == 0:
                return found
            hi, lo = lo, self._tok_after(sentence_chars(doc, lo - 1)[0])
        return None

    def _group_subject(self, lo: int, hi: int) -> Speaker | None:
        doc = self.doc
        k = lo
        while k < hi and (self._quoted_char(doc[k].idx) or doc[k].is_punct):
            k += 1
        if k < hi and doc[k].lower_ in _LEADS:
            k += 1
        if k >= hi:
            return None
        pair = self._two_names(k, hi)
        if pair is not None:
            return pair[0]
        end = k
        while end < hi and end - k < 6 and doc[end].pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN") \
                and doc[end].text != ",":
            end += 1
        head = doc[end - 1] if end > k else None
        if head is None or head.tag_ != "NNS" or head.pos_ != "NOUN" or end >= hi:
            return None
        known = self._known_group(k, end)
        if known is not None:
            return known
        if head.lower_ not in PEOPLE and not any(is_reporting(doc, v) for v in range(end, min(hi, end + 14))):
            return None  # 'Shares fell 5%': not who 'they' are
        if end + 1 < hi and doc[end].text == ",":  # 'Two council members, Patricia Holmes and Gloria Banks,'
            pair = self._two_names(end + 1, hi)
            if pair is not None:
                return pair[0]
        if doc[end].lower_ in ("at", "of", "from", "in", "for") and end + 1 < hi:  # 'Officials at the port'
            pp = self._np_end(end + 1, hi)
            if pp > end + 1 and pp < hi and doc[pp].pos_ in ("VERB", "AUX"):
                return Speaker(clean(doc.span_text(k, pp)), None, None)
        nxt = doc[end]
        if nxt.lower_ in ("who", "that"):  # 'Two members who voted no, Patricia Holmes and Gloria Banks,'
            comma = next((c for c in range(end, min(hi, end + 12)) if doc[c].text == ","), None)
            pair = self._two_names(comma + 1, hi) if comma is not None and comma + 1 < hi else None
            if pair is not None:
                return pair[0]
        if nxt.lower_ in ("who", "that") or nxt.text == "," or nxt.pos_ in ("VERB", "AUX", "ADV"):
            return Speaker(clean(doc.span_text(k, end)), None, None)  # 'Several parents who spoke ...'
        return None

    def _np_end(self, k: int, hi: int) -> int:
        doc = self.doc
        while k < hi and doc[k].pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN"):
            k += 1
        return k

    def _known_group(self, a: int, b: int) -> Speaker | None:
        """'The companies', 'both companies': the two organisations the story is about (the two
        named most often, each at least twice); 'both executives', 'the two executives': the last
        two people quoted, in the order the story introduced them."""
        doc = self.doc
        words = [doc[k].lower_ for k in range(a, b)]
        head = words[-1]
        single = head[:-3] + "y" if head.endswith("ies") else head[:-1]
        at = doc[a].idx
        if words[0] in ("the", "both") and single in ORG_NOUNS:
            counts: dict[str, list[Any]] = {}
            named = [(e["start"], clean(e["text"])) for e in self.ents if e["label"] == "ORG"]
            said = [(s, item[0]) for s, item in zip(self.said.starts, self.said.items) if item[1] == "ORG"]
            for start, name in sorted(named + said):  # named or quoted: 'Summit said' counts for Summit Air
                if start < at and name:
                    c = counts.setdefault(name.split()[0], [0, start, name])
                    c[0] += 1
                    if len(name) > len(c[2]):
                        c[2] = name
            top = sorted(counts.values(), key=lambda c: -c[0])[:2]
            if len(top) == 2 and top[1][0] >= 2:
                first, second = sorted(top, key=lambda c: c[1])
                return Speaker(f"{first[2]} and {second[2]}", None, "ORG")
            return None
        if not (words[0] == "both" or words[:2] == ["the", "two"]) or single in ORG_NOUNS:
            return None
        seen: list[str] = []
        for name, label, _ in reversed(self.said.items[:bisect.bisect_left(self.said.starts, at)]):
            if label == "PERSON" and name not in seen:
                seen.append(name)
                if len(seen) == 2:
                    break
        if len(seen) < 2:
            return None
        first, second = sorted(seen, key=lambda n: next(
            s for s, item in zip(self.said.starts, self.said.items) if item[0] == n))
        return Speaker(f"{first} and {second}", None, "PERSON")

    def _person_at(self, k: int, hi: int) -> tuple[str, int] | None:
        """(full name, token after it) of a person named at token k, past a title ('Ms Kearney')."""
        doc = self.doc
        while k < hi and doc[k].lower_.rstrip(".") in TITLES:
            k += 1
        ent = self.entity_at(doc[k].idx) if k < hi else None
        if ent is None or ent["label"] != "PERSON":
            return None
        return self.mentions.canonical(clean(ent["text"]), ent["start"]), self._tok_after(ent["end"])

    def _two_names(self, k: int, hi: int) -> tuple[Speaker, int] | None:
        """'Ms Kearney and Mr Furlong', 'Patricia Holmes and Gloria Banks' at token k."""
        first = self._person_at(k, hi)
        if first is None or first[1] >= hi or self.doc[first[1]].lower_ != "and":
            return None
        second = self._person_at(first[1] + 1, hi)
        if second is None:
            return None
        return Speaker(f"{first[0]} and {second[0]}", None, "PERSON"), second[1]
