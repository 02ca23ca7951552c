"""Direct quotes with their speakers (owner: extraction/quotes).

`find_quotes(doc, entities)` pairs quotation marks in the article body (quote_marks),
finds the reporting verb beside each quote on either side and names its subject
(attribution, speakers), and lets an unattributed quote inherit the speaker of the quote
right before it, or a quote paragraph with no attribution the speaker of the paragraph of
reported speech before it (neighbours). In a text that quotes with single marks
(single_style), single-quoted stretches are quotes like double-quoted ones elsewhere.
Quoted words that are not someone's words are dropped (quote_terms): short fragments with
no reporting verb and no speaker near them, names and titles ('named "X"', 'the "X"
programme', 'said "The Last Harbour" would'), terms after a possessive ('the company’s
‘strategic review’'), and the next items of a list of such names.
"""
from __future__ import annotations

from typing import Any

from index.extract.described_speakers import SpeakerNames
from index.extract.attribution import LEFT, NONE, PREVIOUS, RIGHT, Attributor, TokenIndex
from index.extract.quote_marks import QuoteSpan, find_quote_spans, paragraphs, single_style
from index.extract.quote_terms import QuotedTerms
from index.extract.speakers import Speaker, sentence_chars
from index.extract.tokens import TokenTable, token_table

LONG = 6  # words: an unattributed quote this long is still a quote (speaker unknown)
INHERITED = 4


def _partial(body: str, q: QuoteSpan, para_lo: int) -> bool:
    """Embedded in the reporter's sentence rather than a full quoted statement."""
    if q.open_at is None or q.continues:
        return False
    text = body[q.start:q.end]
    if text[:1].isupper() or text[:1].isdigit():
        return False
    before = body[para_lo:q.open_at].rstrip()
    return bool(before) and before[-1] not in ",:\u2014-"


def _cited_title(body: str, q: QuoteSpan) -> bool:
    """A headline in a source list: '"Document found on street" — The Canadian Press, ...'."""
    if q.close_at is None or body[q.end - 1] in ".!?,;:…":
        return False
    rest = body[q.close_at + 1:q.close_at + 4].lstrip(" ")
    return rest[:1] in ("—", "–", "-")


def _sentence(t: TokenIndex, body: str, q: QuoteSpan, para: tuple[int, int]) -> str:
    a = sentence_chars(t.doc, t.tok_at(q.start))[0]
    b = sentence_chars(t.doc, t.tok_at(max(q.end - 1, q.start)))[1]
    if q.close_at is not None:
        b = max(b, q.close_at + 1)
    a, b = max(a, para[0]), min(b, para[1])
    return body[a:b].strip()


def _follows(prev: QuoteSpan | None, q: QuoteSpan, paras: list[tuple[int, int]]) -> bool:
    """q continues the quote before it: same paragraph, or opens the next paragraph."""
    if prev is None:
        return False
    if prev.para == q.para:
        return True
    if prev.para != q.para - 1:
        return False
    return q.continues or (q.open_at is not None and q.open_at == paras[q.para][0])


def _not_a_quote(q: QuoteSpan, how: int, words: int, terms: QuotedTerms, body: str, minor: bool) -> bool:
    """Quoted words that are a name, title, term or scare quote rather than someone's words.
    `minor`: single marks in a text that quotes with double ones (a scare quote, a title)."""
    if how == NONE and (q.missing_open or minor or words < LONG):
        return True  # short, with no reporting verb and no speaker near it
    if (how in (NONE, LEFT) or words <= 3) and terms.named_term(q):
        return True
    if how in (NONE, LEFT, INHERITED) and terms.owned_term(q):
        return True
    if how in (NONE, LEFT) and terms.titled(q):
        return True
    if minor and how in (NONE, INHERITED) and not q.continues:
        return True
    if how in (NONE, INHERITED) and terms.signs_byline(q):
        return True
    return how == NONE and _cited_title(body, q)


def find_quotes(doc: Any, entities: list[dict[str, Any]],
                tokens: TokenTable | None = None) -> list[dict[str, Any]]:
    """Quotes in the body of `doc` with their speakers, ordered by start offset.

    `tokens`: the article's shared TokenTable (pipeline.analyse builds it once for every
    layer); built here from `doc` when not given. The rules read only the table.
    """
    doc = token_table(doc) if tokens is None else tokens
    body = doc.text
    if len(doc) == 0:
        return []
    paras = paragraphs(body)
    spans = find_quote_spans(body, paras)
    if not spans:
        return []
    att = Attributor(doc, entities, spans, paras, body)
    singles = single_style(spans)  # the house style quotes with single marks
    att.learn_reported()
    terms = QuotedTerms(att.t, att.text)
    names = SpeakerNames(body, entities)
    out: list[dict[str, Any]] = []
    prev: QuoteSpan | None = None
    prev_speaker: Speaker | None = None
    dropped: QuoteSpan | None = None  # the last quoted stretch found not to be a quote
    for q in spans:
        text = body[q.start:q.end]
        words = len(text.split())
        speaker, how = att.right(q)
        if how == NONE:
            speaker, how = att.left(q, words)
        if how == NONE and q.open_at is not None and q.open_at == paras[q.para][0]:
            found = att.previous_paragraph(q)
            if found is not None:
                speaker, how = found, PREVIOUS
        if how == NONE:
            found = att.previous_sentence(q)
            if found is not None:
                speaker, how = found, PREVIOUS
        if how == NONE and _follows(prev, q, paras) and (q.continues or att.starts_sentence(q)):
            speaker, how = prev_speaker, INHERITED
        if how == NONE:
            found = att.paragraph_speaker(q)
            if found is not None:
                speaker, how = found, PREVIOUS
        if _not_a_quote(q, how, words, terms, body, q.single and not singles) or (
                how in (NONE, LEFT) and terms.listed_after(dropped, q)):
            dropped = q
            continue
        out.append({
            "text": text,
            "speaker": names.name(speaker.name, q.start) if speaker else None,
            "speaker_role": speaker.role if speaker else None,
            "partial": _partial(body, q, paras[q.para][0]),
            "start": q.start,
            "end": q.end,
            "sentence": _sentence(att.t, body, q, paras[q.para]),
        })
        prev, prev_speaker = q, speaker
        if how in (LEFT, RIGHT, PREVIOUS):
            att.subjects.learn(q.start, speaker)
    return out
