"""What is not a quantity (dates, names, model numbers, pronoun "one") and bare ages."""
from __future__ import annotations

from typing import Any

from index.extract.numcontext import NOUN_TAGS, Context, glued, is_month_or_day, near_month, year_like
from index.extract.numforms import Quantity
from index.extract.numwords import SMALL_WORDS

# Entities whose digits are names, not quantities: "Apollo 11", "Article 50", "Boeing 737".
NAME_LABELS = {"ORG", "PRODUCT", "WORK", "EVENT", "LAW", "FAC", "PERSON", "PLACE", "NORP"}
AGE_VERBS = {"was", "is", "were", "are", "be", "been", "turned", "turns", "turning", "aged"}
AGE_SUBJECTS = {"he", "she", "i", "you", "they", "we"}
_ONE_BLOCKERS = {"the", "this", "that", "no", "any", "every", "each", "which", "some",
                 "another", "someone", "anyone", "current", "new", "old", "last", "only"}

def age_of(doc: Any, q: Quantity, ctx: Context) -> bool:
    """Bare ages: 'Shamima Begum, 19,', 'Smith (42)', 'aged 15', 'she was just 15'."""
    if q.kind not in ("count", "duration") or q.counted or q.value != int(q.value) or not 0 < q.value < 125:
        return False
    n = len(doc)
    i, j = q.first(), q.last()
    prev = doc[i - 1] if i > 0 else None
    after = doc[j] if j < n else None
    if q.kind == "duration":
        if prev is not None and (prev.lower_ == "aged" or prev.lower_ == "of" and i > 1 and doc[i - 2].lower_ == "age"):
            q.kind = "age"
            return True
        return False
    if prev is None:
        return False
    if prev.text in (",", "(") and i > 1:
        name = doc[i - 2]
        closes = after is None or after.text in (",", ".", ")", ";", "and") or after.is_space
        if (prev.text == "(") != (after is not None and after.text == ")") and prev.text == "(":
            return False
        if closes and (ctx.person_ends_at(name.idx + len(name.text)) or name.tag_ == "NNP" and name.text[:1].isupper()):
            q.kind, q.unit = "age", "years"
            return True
        return False
    k = i - 1
    if prev.lower_ in ("just", "only", "now", "then", "barely", "nearly", "almost"):
        k -= 1
    verb = doc[k] if k >= 0 else None
    if verb is not None and verb.lower_ in ("aged", "age") or verb is not None and verb.lower_ == "of" and k > 0 and doc[k - 1].lower_ == "age":
        q.kind, q.unit = "age", "years"
        return True
    if verb is not None and verb.lower_ in AGE_VERBS and k > 0:
        subj = doc[k - 1]
        nxt_ok = after is None or after.tag_ not in NOUN_TAGS | {"CD", "NNP", "NNPS"} and after.lower_ not in ("%", "percent", "of", "to", "-", "or")
        if nxt_ok and (subj.lower_ in AGE_SUBJECTS or ctx.person_ends_at(subj.idx + len(subj.text))):
            q.kind, q.unit = "age", "years"
            return True
    return False


def rejected(doc: Any, q: Quantity, ctx: Context) -> bool:
    """Dates, times, names, identifiers and pronoun 'one' are not quantities."""
    n = len(doc)
    num = doc[q.start]
    if q.kind == "date" or ctx.is_blocked(num.idx, num.idx + len(num.text)):
        return True
    if q.kind == "score":  # a heading line ("Group F — Sweden 1 – 0 Korea Republic") has no verb
        s, e = ctx.bounds(q.start)
        return near_month(doc, q.start, q.end) or not any(t.tag_.startswith("VB") for t in doc[s:e])
    prev_num = doc[q.start - 1] if q.start > 0 else None
    if prev_num is not None and glued(prev_num, num) and num.text[:1].isdigit() and not (
            q.kind == "money" and q.first() == q.start - 1):  # "A$1.2 billion": the sign, not a name
        # glued to a name: "B-52", "A330-200", "COVID-19", "G7", "'11"
        if prev_num.text in ("'", "’") or _has_alpha(prev_num) and prev_num.lower_ not in ("no.",):
            return True
        if prev_num.text == "-" and q.start > 1 and glued(doc[q.start - 2], prev_num):
            before = doc[q.start - 2]
            if _has_alpha(before) and before.lower_ not in SMALL_WORDS:
                return True
    nxt = doc[q.end] if q.end < n else None
    if (q.kind in ("count", "range") and nxt is not None and glued(doc[q.end - 1], nxt) and nxt.text[:1].isalpha()
            and doc[q.end - 1].text[-1:].isdigit()):
        return True  # "3G", "4K", "737s"-like tails: names, not counts
    if len(num.text) > 1 and num.text[0] == "0" and num.text[1].isdigit():
        return True  # "007", "001": serials
    if q.kind in ("money", "percent", "measure", "age", "fraction", "multiplier"):
        return False
    labels = ctx.labels_at(num.idx, num.idx + len(num.text))
    plural = counted_is_plural(doc, q)
    if year_like(q.value, num.text) and q.kind in ("count", "range", "ordinal") and (
            not plural or "DATE" in labels or q.counted[:1].isupper() or _year_before_noun(doc, q)):
        return True
    if near_month(doc, q.start, q.end):
        return True
    if q.kind == "duration":
        return False
    # The small model tags many bare numbers DATE ("between 40 and 60", "Begum, 19"); years and
    # calendar dates were caught above, so only clock times are trusted here.
    if "TIME" in labels and not plural:
        return True
    if labels & NAME_LABELS and not plural:
        return True  # "Poor's 500 index": inside a name, a singular noun is part of it
    if q.kind == "count" and q.last() == q.end and _after_sequence_noun(doc, q):
        return True
    if q.kind in ("count", "range") and not q.words and _is_identifier(doc, q, ctx, plural):
        return True
    prev = doc[q.first() - 1] if q.first() > 0 else None
    if (q.words and num.text[:1].isupper() and q.start > ctx.bounds(q.start)[0]
            and all(t.text[:1].isupper() for t in doc[q.start:q.end]) and prev is not None and prev.is_alpha):
        return True  # "the Ford Five Hundred": a name
    if q.words and num.lower_ == "one" and q.value == 1 and q.kind == "count":
        nxt = doc[q.end].lower_ if q.end < n else ""
        if not q.counted or nxt == "of" or (prev is not None and prev.lower_ in _ONE_BLOCKERS):
            return True
    if q.kind == "ordinal" and labels & {"DATE", "TIME"}:
        return True
    return False


_ID_NOUNS = {"version", "flight", "route", "highway", "interstate", "article", "chapter", "section",
             "room", "gate", "platform", "terminal", "channel", "episode", "season", "phase", "model",
             "series", "category", "grade", "stage", "act", "volume", "vol.", "issue", "paragraph",
             "clause", "resolution", "district", "ward", "lot", "apartment", "suite", "bus", "v",
             "v.", "ios", "windows", "mk", "type", "class", "release"}


def _has_alpha(tok: Any) -> bool:
    return any(c.isalpha() for c in tok.text)


def _is_identifier(doc: Any, q: Quantity, ctx: Context, plural: bool) -> bool:
    """'Boeing 787', 'iPhone 4', 'iOS 5', 'version 5', '(2)' list markers, and every later bare
    mention of a 3+ digit model number the article introduced after a name ('the 787')."""
    num = doc[q.start]
    prev = doc[q.start - 1] if q.start > 0 else None
    if num.text in ctx.model_numbers and not plural:
        return True
    if prev is None:
        return False
    if prev.lower_ in _ID_NOUNS:
        return True
    if (prev.tag_ == "POS" and q.start > 1 and doc[q.start - 2].tag_ == "NNP" and not plural
            and num.text.isdigit() and not is_month_or_day(doc[q.start - 2])):
        return True  # "Standard & Poor's 500 index", "Moody's 100 list"
    if prev.text == "(" and q.end < len(doc) and doc[q.end].text == ")" and q.unit is None and q.value_high is None:
        return True  # enumeration "(1)"
    # "Boeing 787", "FTSE 100"; "S&P 500" even when the tagger calls "S&P" a common noun
    named = prev.tag_ in ("NNP", "NNPS") or "&" in prev.text
    if named and any(c.isupper() for c in prev.text) and "," not in num.text:
        place = bool(ctx.labels_at(prev.idx, prev.idx + 1) & {"PLACE", "NORP"})
        return not (plural and place)
    return False


def counted_is_plural(doc: Any, q: Quantity) -> bool:
    """Is the counted noun plural, by its POS tag ('crisis' is singular, 'aircraft' may be)?"""
    if not q.counted:
        return False
    if q.span_end is not None and q.span_end > q.end:
        head = doc[q.span_end - 1]
        return head.tag_ in ("NNS", "NNPS") or head.tag_ not in ("NN", "NNP") and head.lower_.endswith("s")
    return q.counted.lower().endswith("s")


# Plural nouns a year modifies ("the 2014 protests", "a run of 2007 models", "2000 levels").
YEAR_NOUNS = {"protests", "elections", "levels", "models", "riots", "floods", "attacks", "bombings",
              "games", "olympics", "championships", "playoffs", "finals", "figures", "results",
              "prices", "rates", "standards", "reforms", "polls", "events", "celebrations",
              "negotiations", "talks", "summits", "earnings", "accounts", "budgets", "statistics",
              "earthquakes", "fires", "wildfires", "storms", "hurricanes", "killings", "shootings",
              "uprisings", "demonstrations", "sanctions", "amendments", "rules", "regulations",
              "season", "seasons", "editions", "versions", "rankings", "estimates", "forecasts"}
_YEAR_DETERMINERS = {"the", "its", "their", "his", "her", "our", "this", "these", "those", "'s", "’s"}


def _year_before_noun(doc: Any, q: Quantity) -> bool:
    """A year modifying a plural noun: after a determiner or before an event-like noun."""
    if not 1900 <= q.value <= 2035:
        return False
    prev = doc[q.first() - 1].lower_ if q.first() > 0 else ""
    head = doc[q.last() - 1].lower_ if q.last() > q.end else (q.counted or "").split()[-1].lower()
    return prev in _YEAR_DETERMINERS or head in YEAR_NOUNS


# Nouns that a bare number labels rather than counts: "day five", "round 2", "Group 3".
SEQUENCE_NOUNS = {"day", "week", "round", "game", "match", "leg", "lap", "heat", "group", "pool",
                  "stage", "phase", "level", "grade", "year", "part", "step", "exhibit", "figure",
                  "table", "page", "line", "row", "seat", "post", "posts", "gate", "bay", "pier"}


def _after_sequence_noun(doc: Any, q: Quantity) -> bool:
    """'day five', 'Game 7', 'police posts 542 and 543': a label, not a count."""
    i = q.first()
    if i == 0:
        return False
    prev = doc[i - 1]
    if prev.lower_ == "and" and i > 1 and doc[i - 2].like_num:
        j = i - 2  # "posts 542 and 543"
        while j > 0 and (doc[j].like_num or doc[j].lower_ in (",", "and")):
            j -= 1
        prev = doc[j]
    if prev.lower_ not in SEQUENCE_NOUNS or prev.tag_ not in ("NN", "NNS", "NNP"):
        return False
    nxt = doc[q.last()] if q.last() < len(doc) else None
    return nxt is None or nxt.tag_ not in ("NN", "NNS", "JJ") or nxt.lower_ in ("of",)
