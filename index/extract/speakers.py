"""Who said it: subjects of reporting verbs, split into a name and a role.

Works on the TokenTable (POS tags) and entity spans only (no dependency parse). A subject is the noun
phrase next to a reporting verb: "coalition spokesman Sean Ryan told", "said Ambassador
Mohib", "Paul Bradley, from the Free Burma Rangers volunteer group, said". Pronouns and
generic nouns ("the charity") resolve to the last named mention of a compatible type.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any, Sequence

from index.extract.described_speakers import descriptor_gender, gendered_subjects
from index.extract.descriptors import Roles, acting_descriptors, definite_head
from index.extract.gender import compatible, mention_gender, name_gender
from index.extract.mentions import (  # noqa: F401 (TITLES, DOCUMENT_NOUNS re-exported)
    DOCUMENT_NOUNS, NAME_LABELS, ORG_NOUNS, ORG_PRONOUNS, PERSON_PRONOUNS, TITLES, Mentions, Speaker, clean,
    person_name)
from index.extract.reporting import INVERTIBLE, is_reporting, is_weak  # noqa: F401 (re-exported)
from index.extract.org_speakers import OrgSpeakers
from index.extract.group_speakers import GroupSpeakers
from index.extract.token_index import sentence_chars
from index.extract.subject_phrases import ADVERBS, CONNECTORS, NOT_NAME_POS, NP_ADP, SubjectPhrases

HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx sir dame".split())
_OWNER_PRONOUNS = {"his": "he", "her": "she"}
# 'her office said', 'his message was simple: "..."': the person whose office or words they are
_OWN_STAFF = frozenset("office department ministry team campaign message reply answer response verdict view "
                       "advice warning".split())
_STAFF = frozenset("office department ministry team campaign".split())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # the Token.is_stop list

    return frozenset(STOP_WORDS)


def _ent_index(entities: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((e for e in entities if e["label"] in NAME_LABELS), key=lambda e: e["start"])


class SubjectFinder(SubjectPhrases, OrgSpeakers, GroupSpeakers):
    """Noun phrases beside reporting verbs (SubjectPhrases), resolved to speakers."""

    def __init__(self, doc: Any, entities: Sequence[dict[str, Any]], blocked: Sequence[tuple[int, int]],
                 text: str | None = None, starts: list[int] | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self._starts = [t.idx for t in doc] if starts is None else starts  # char offset of each token
        self.ents = _ent_index(entities)
        self._ent_starts = [e["start"] for e in self.ents]
        self._lower_vocab: set[str] | None = None
        self._org_names: set[str] | None = None
        self._blocked = sorted(blocked)
        self._bstarts = [x for x, _ in self._blocked]
        self._roles: Roles | None = None  # built for the first role descriptor
        self._learned_roles: list[tuple[int, str, str]] = []  # speakers' roles until then
        self._acting: list[tuple[int, int, int]] | None = None
        self._unnamed: list[tuple[int, str, str]] | None = None  # 'a 79-year-old widow ... told'
        names = list(entities) + self._surnames(entities)
        self.mentions = Mentions.build(names, blocked)
        # names that act in their sentence ('Rathbun requested'), for pronouns
        self.actors = Mentions.build([e for e in names if self._acts(e)], blocked)
        # names owning something in their sentence ("Thomas' sister"), for a pronoun in that sentence
        self.owners = Mentions.build([e for e in names if self._owns(e)], blocked)
        self.said = Mentions()  # named subjects of reporting verbs, in text order
        self.genders: dict[str, str] = {}
        for e in names:
            if e["label"] == "PERSON":
                self._learn_gender(e)

    def _learn_gender(self, e: dict[str, Any]) -> None:
        a, b = self._tok_after(e["start"]), self._tok_after(e["end"])
        g = mention_gender(self.doc, a, b) if b > a else None
        if g:
            name = clean(e["text"])
            for key in (name, self.mentions.canonical(name, e["start"])):
                self.genders.setdefault(key, g)

    def gender(self, name: str, at: int) -> str | None:
        return self.genders.get(name) or self.genders.get(self.mentions.canonical(name, at))

    def learn(self, at: int, speaker: "Speaker | None") -> None:
        """Remember a named speaker for later pronouns ('he said', 'the charity said')."""
        if speaker is not None and speaker.name and speaker.label:
            if speaker.label == "PERSON" and speaker.name[:1].islower():  # 'his daughter': she
                g = descriptor_gender(speaker.name)
                if g:
                    self.genders.setdefault(speaker.name, g)
            self.said.add(at, speaker.name, speaker.label, speaker.role)
            if speaker.role and speaker.label == "PERSON":  # 'the chief executive' may mean them later
                if self._roles is None:
                    self._learned_roles.append((at, speaker.name, speaker.role))
                else:
                    self._roles.add_role(at, speaker.name, speaker.role)

    def last(self, label: str, at: int, pronoun: str | None = None) -> Speaker | None:
        """The most recent speaker or named mention of `label` before char `at`.

        For 'he' / 'she' only people of a compatible gender count, and a person acting or
        owning something earlier in the pronoun's own sentence comes first.
        """
        ok = None
        if pronoun is not None:
            def ok(name: str) -> bool:
                return compatible(self.gender(name, at), pronoun)
            sent_lo = sentence_chars(self.doc, self._tok_after(at))[0] if at < len(self.text) else at
            near = [m.last(label, at, with_pos=True, ok=ok) for m in (self.actors, self.owners)]
            near = [h for h in near if h and h[2] >= sent_lo]
            if near:
                hit = max(near, key=lambda h: h[2])
                return Speaker(hit[0], hit[1], label)
        said = self.said.last(label, at, with_pos=True, ok=ok)
        seen = self.actors.last(label, at, with_pos=True, ok=ok)
        if said and seen and seen[2] > said[2]:
            said = None if seen[0] != said[0] else said
        hit = said or seen
        if pronoun is not None:
            unnamed = self._unnamed_before(at, pronoun, hit[2] if hit else -1)
            if unnamed is not None:
                return unnamed
        if pronoun is not None and (hit is None or self.gender(hit[0], at) is None):
            named = self._gendered_in_previous_sentence(at, pronoun, hit[2] if hit else -1)
            if named is not None:
                return Speaker(named[0], named[1], label)
        if hit is None and pronoun is not None:
            return self._last_descriptor(at)
        return Speaker(hit[0], hit[1], label) if hit else None

    def _unnamed_before(self, at: int, pronoun: str, after: int) -> Speaker | None:
        """An unnamed person ('a neighbour, who asked not to be named, said') acting after the
        last speaker and the last named person the pronoun fits (`after`: the speaker's place)."""
        if self._unnamed is None:
            self._unnamed = gendered_subjects(self.doc, self._in_entity, self._quoted_char)
        if not self._unnamed:
            return None
        named = self.mentions.last("PERSON", at, with_pos=True,
                                   ok=lambda name: compatible(self.gender(name, at), pronoun))
        for pos, words, g in reversed(self._unnamed):
            if pos >= at:
                continue
            last = max((p for p in (after, named[2] if named else -1)
                        if not pos <= p < pos + len(words)), default=-1)  # not 'Stockton' in 'a widow from Stockton'
            if pos > last and compatible(g or None, pronoun):
                return Speaker(words, None, "PERSON")
            return None
        return None

    def _gendered_in_previous_sentence(self, at: int, pronoun: str, after: int) -> Any:
        """'For Kevin Allton, a USI instructor, Warhol was a legend. He said, "..."': a person
        of the pronoun's known gender named in the sentence before, over a speaker whose
        gender is unknown (named before position `after`)."""
        if at >= len(self.text):
            return None
        tok = self._tok_after(at)
        lo = sentence_chars(self.doc, tok)[0]
        if lo == 0:
            return None
        prev_lo = max(sentence_chars(self.doc, self._tok_after(lo) - 1)[0], after + 1)

        def ok(name: str) -> bool:
            g = self.gender(name, at)
            return g is not None and compatible(g, pronoun)
        hit = self.mentions.last("PERSON", lo, with_pos=True, ok=ok)
        return hit if hit and hit[2] >= prev_lo else None

    # -- role descriptors ('the chairman added') -----------------------------------------------

    def _descriptor(self, a: int, b: int, head: int) -> Speaker:
        """'the bank chief': the person introduced with that role before it, else the words."""
        doc = self.doc
        words = clean(doc.span_text(a, b))
        mods = [doc[k].lower_ for k in range(a + 1, b) if k != head]
        name = self._role_table().holder(doc[head].lower_, doc[a].idx, mods, self.mentions.last_seen)
        return Speaker(name, words, "PERSON") if name else Speaker(words, None, "PERSON")

    def _role_table(self) -> Roles:
        if self._roles is None:
            persons = [e for e in self.ents if e["label"] == "PERSON" or e["label"] == "ORG"
                       and 2 <= len(e["text"].split()) <= 3 and name_gender(e["text"])]  # 'Linda Ortiz, the
            # president of the union,' taken for an organisation: a first name says it is a person
            self._roles = Roles(self.doc, persons, self._tok_after, self.mentions.canonical)
            for at, name, role in self._learned_roles:
                self._roles.add_role(at, name, role)
        return self._roles

    def _last_descriptor(self, at: int) -> Speaker | None:
        """The last descriptor acting as a subject before char `at` ('The premier of the
        German state of Saxony visited ...'), for a pronoun no named person fits."""
        if self._acting is None:
            self._acting = acting_descriptors(self.doc, self._in_entity,
                                              lambda i: self._quoted_char(self.doc[i].idx))
        for a, b, head in reversed(self._acting):
            if self.doc[a].idx < at:
                return self._descriptor(a, b, head)
        return None

    def _surnames(self, entities: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Surnames of known people that the NER missed later on ('Rathbun requested')."""
        known = {e["text"].split()[-1] for e in entities if e["label"] == "PERSON" and len(e["text"].split()) > 1}
        extra: list[dict[str, Any]] = []
        if not known or len(self.doc) == 0:
            return extra
        for i in [i for i, w in enumerate(self.doc.texts) if w in known]:
            tok = self.doc[i]
            if tok.text[:1].isupper() and tok.pos_ not in NOT_NAME_POS and not self._in_entity(tok.idx):
                extra.append({"text": tok.text, "label": "PERSON", "start": tok.idx, "end": tok.idx + len(tok.text)})
        return extra

    def _owns(self, ent: dict[str, Any]) -> bool:
        i = self._tok_after(ent["end"])
        return i < len(self.doc) and self.doc[i].text in ("'s", "\u2019s", "'", "\u2019")

    def _acts(self, ent: dict[str, Any]) -> bool:
        """The entity is the subject of a verb: 'Thomas Sam, a homeopath, decided'."""
        doc = self.doc
        i = self._tok_after(ent["end"])
        if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].pos_ in ("VERB", "AUX") \
                and doc[i + 1].tag_ in ("VBD", "VBZ", "VBP"):
            if doc[i + 1].pos_ == "VERB":
                return True  # 'Tunely's chief executive, Oscar Lindqvist, welcomed the ruling'
            i += 1  # 'His neighbour, Pat Evans, is less philosophical'
        elif i < len(doc) and doc[i].text == ",":
            j = i + 1
            while j < len(doc) and j - i < 14 and doc[j].text not in (",", ".", ";"):
                j += 1
            if j < len(doc) and doc[j].text == ",":
                i = j + 1
        copula = False
        while i < len(doc) and (doc[i].lower_ in ADVERBS or doc[i].pos_ == "ADV"):
            copula = copula or doc[i].pos_ == "AUX"
            i += 1
        if copula and i < len(doc) and (doc[i].pos_ == "ADJ" or doc[i].tag_ == "NN" and i + 1 < len(doc)
                                        and doc[i + 1].text in (".", ",", ";")):
            return True  # 'Bob Corker was also unhappy', 'Feld was blunter.' (not 'Warhol was a legend')
        return i < len(doc) and doc[i].pos_ in ("VERB", "AUX") and doc[i].tag_ != "VBG"

    # -- naming the speaker ----------------------------------------------------------------

    def resolve(self, a: int, b: int) -> Speaker | None:
        """Speaker and role for the subject tokens doc[a:b]."""
        doc = self.doc
        span = doc[a:b]
        text = doc.span_text(a, b)
        first = doc[a].lower_
        at = doc[a].idx
        if b - a == 1 and doc[a].pos_ == "PRON":
            if first in PERSON_PRONOUNS:
                return self.last("PERSON", at, pronoun=first)
            if first == "they":  # 'Ms Kearney and Mr Furlong tabled a motion. "...," they said'
                group = self.group_before(a)
                if group is not None:
                    return group
            if first in ORG_PRONOUNS:  # 'An email from Burkhardt ...: "...," it said': Burkhardt
                return (first == "it" and self._paper_owner(None, a, near=30)) or self.last("ORG", at)
            return None
        if b - a == 2 and first in _OWNER_PRONOUNS and doc[a + 1].lower_ in _OWN_STAFF:
            person = self.last("PERSON", at, pronoun=_OWNER_PRONOUNS[first])  # 'her office said'
            role = doc[a + 1].lower_ if doc[a + 1].lower_ in _STAFF else None
            return Speaker(person.name, role, "PERSON") if person and person.name else None
        for k in range(a + 1, b - 1):
            if doc[k].lower_ in ("by", "from") and doc[k - 1].lower_ in DOCUMENT_NOUNS:
                return self.resolve(k + 1, b)  # 'a statement by the ministry': the ministry
        if doc[b - 1].lower_ in DOCUMENT_NOUNS and b - a <= 6:
            for k in range(b - 3, a - 1, -1):  # "Kleinveldt's Instagram post": Kleinveldt
                if doc[k + 1].text in ("'s", "\u2019s") and k + 2 < b:
                    return self.resolve(a, k + 1)
        if self.group_phrase(a, b):  # 'the two men said': the group named just before
            group = self.group_before(a)
            if group is not None:
                return group
        lo, hi = doc[a].idx, doc[a].idx + len(text)
        inside = [e for e in self.ents if lo <= e["start"] and e["end"] <= hi + 2]
        persons = [e for e in inside if e["label"] == "PERSON"]
        head = definite_head(doc, a, b) if not persons else None
        if head is not None:  # 'the chairman', 'the premier of the German state of Saxony'
            return self._descriptor(a, b, head)
        pick = persons[-1] if persons else (inside[-1] if inside else None)
        if pick is not None:
            name = clean(pick["text"])
            name = self.mentions.canonical(person_name(name) if pick["label"] == "PERSON" else name, at)
            head = doc[b - 1].lower_
            if pick["label"] == "PERSON" and pick["end"] < hi - 3 and doc[b - 1].pos_ == "NOUN" \
                    and head not in DOCUMENT_NOUNS and head not in _OWN_STAFF:  # not "Doe's verdict"
                return Speaker(clean(text), None, None)  # "Smith's lawyer": not Smith
            org = self._company_short_name(pick, name) if pick["label"] == "PERSON" else None
            if org is not None:  # 'Brenner said' after 'Brenner Auto': the company
                return org
            return Speaker(name, self._role(lo, pick["start"]), pick["label"])
        org = self._named_org(a, b)
        if org is not None:  # 'the statistics office' after 'the Office for National Statistics'
            return org
        owner = self.paper_speaker(a, b)
        if owner is not None:  # '"...," the statement said': whoever issued it
            return owner
        words = [t for t in span if t.pos_ not in ("DET",)]
        if first in ("the", "this") and words and all(t.pos_ in ("NOUN", "ADJ") for t in words) \
                and words[-1].lower_ in ORG_NOUNS:
            org = self._document_owner(a) or self.last("ORG", at)
            if org:
                return org
        # a capitalised run at the end, after any titles: "Ambassador Mohib", "Save the Children"
        k = b
        while k > a and (doc[k - 1].text[:1].isupper() and doc[k - 1].pos_ not in NOT_NAME_POS
                         or k < b and doc[k - 1].lower_ in CONNECTORS and k - 1 > a
                         and doc[k - 2].text[:1].isupper()):
            k -= 1
        n = k
        if self._org_names is None:
            self._org_names = {clean(e["text"]) for e in self.ents if e["label"] == "ORG"}
        known_org = clean(doc.span_text(k, b)) in self._org_names
        while n < b and doc[n].lower_.rstrip(".") in TITLES and not known_org:
            n += 1
        run = doc[n:b]
        caps = sum(1 for t in run if t.text[:1].isupper())
        if n < b and k < b and doc[n].text[:1].isupper() and (
                caps > 1 or any(t.pos_ == "PROPN" for t in run) or self._unknown_word(run)):
            org = known_org or any(t.lower_ in CONNECTORS for t in run) or run[-1].lower_ in ORG_NOUNS
            label = "ORG" if org else "PERSON"
            name = clean(doc.span_text(n, b))
            name = self.mentions.canonical(name, at) if label == "PERSON" else name
            if name in self._org_names:  # 'Summit said' after 'Summit Air'
                label = "ORG"
            return Speaker(name, self._role(lo, doc[n].idx), label)
        head = doc[b - 1].lower_
        words = clean(text) or None
        if words and head not in ORG_NOUNS and descriptor_gender(words):
            return Speaker(words, None, "PERSON")  # 'his daughter', a later 'she'
        return Speaker(words, None, "ORG" if head in ORG_NOUNS else None)

    def _quoted_char(self, c: int) -> bool:
        k = bisect.bisect_right(self._bstarts, c) - 1
        return k >= 0 and self._blocked[k][0] <= c < self._blocked[k][1]

    def appositive(self, lo: int, verb: int) -> tuple[int, Speaker] | None:
        """(first token, speaker) for 'Ashford's chief executive, Graham Whitby, said'."""
        found = self.role_then_name(lo, verb)
        if found is None:
            return None
        a, n, e = found
        doc = self.doc
        name = self.mentions.canonical(clean(doc.span_text(n, e)), doc[n].idx)
        return a, Speaker(name, clean(doc.span_text(a, n - 1)), "PERSON")

    def _unknown_word(self, run: Any) -> bool:
        """A lone capitalised word the text never writes in lower case: a name ('Rathbun said')."""
        if len(run) != 1 or not run[0].is_alpha or run[0].lower_ in _stop_words() or run[0].tag_ == "NNS":
            return False  # 'Analysts said' is a group, not a Mr Analysts
        if self._lower_vocab is None:
            self._lower_vocab = {low for low, w in zip(self.doc.lows, self.doc.texts) if w[:1].islower()}
        return run[0].lower_ not in self._lower_vocab

    def _role(self, lo: int, name_start: int) -> str | None:
        role = clean(self.text[lo:name_start])
        words = role.split()
        while words and words[0].lower() in ("a", "an", "the"):
            words.pop(0)
        while words and words[-1].lower() in NP_ADP | {"with", "to", "by", "a", "an", "the"}:
            words.pop()  # 'a spokesperson for the ministry' -> role 'spokesperson'
        role = " ".join(words)
        if role.lower() in ("the", "a", "an"):
            return None
        if not role or role.lower() in HONORIFICS:
            return None
        return role
