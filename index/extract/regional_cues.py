"""Cues from the house styles of news outside the US and UK, and of wire copy:

- a dateline opening the body ("WINNIPEG, Manitoba (AP) —", "MUMBAI:", "SINGAPORE -") is a
  place, whatever spaCy read it as;
- Irish-language bodies spaCy does not know: "An" + a body word ("An Bord Pleanála", "An
  Garda Síochána", "An Post") and a body word + "na" + a name ("Údarás na Gaeltachta");
- a one-word name only ever written as where something is posted or listed ("posted on
  Bluesky", "listed on Kijiji", "via Tixora") or as an app ("the Tixora app") is a platform,
  an organisation;
- an agency named by a public function and its country or province ("Elections Manitoba",
  "Statistics Canada", "Tourism Australia") is an organisation, never a person.
"""
from __future__ import annotations

from typing import Any, Callable

from index.extract.acronyms import acronym_letters
from index.extract.text_index import TextIndex

_DATELINE_ENDS = frozenset({",", ":", "-", "—", "–", "("})
_DASHES = frozenset({":", "-", "—", "–"})

# Words that name an Irish-language public body ("An Bord Pleanála", "Foras na Gaeilge").
IRISH_BODY_WORDS = frozenset("""
bord garda post taisce chomhairle údarás coimisiún roinn foras conradh oifig seirbhís
""".split())

# Words before the platform's name ("posted on Bluesky", "listed on Kijiji").
_PLATFORM_VERBS = frozenset("""
posted wrote shared listed advertised announced streamed published sold said trending posting
writing sharing available live posts videos comments messages
""".split())
_PLATFORM_NOUNS = frozenset({"app", "platform", "account", "feed", "post", "posts", "page", "website"})

# Public functions that, before a country or province, name its agency ("Elections Manitoba").
AGENCY_OPENERS = frozenset("""
elections statistics parks transport tourism sport fisheries infrastructure enterprise heritage
""".split())


# One-word party adjectives: a stray "Liberal" or "Conservative" is an affiliation, not a name.
PARTY_ADJECTIVES = frozenset("""
liberal liberals conservative conservatives republican republicans democrat democrats progressive
socialist socialists nationalist nationalists unionist unionists
""".split())
# Words that introduce a slogan or a title, not a name ("the slogan Future of Manitoba").
_SLOGAN_WORDS = frozenset({"slogan", "motto", "theme", "titled", "entitled", "hashtag", "banner"})


def slogan(doc: Any, start: int) -> bool:
    """The name follows a slogan word or 'billed as', perhaps inside quotation marks."""
    i = start - 1
    while i >= 0 and doc[i].is_punct and doc[i].text in "\"'“‘":
        i -= 1
    if i < 0:
        return False
    return doc[i].lower_ in _SLOGAN_WORDS or (doc[i].lower_ == "as" and i > 0 and doc[i - 1].lower_ == "billed")


def bracket_cut(doc: Any, start: int, end: int) -> int | None:
    """Index of the '(' in 'Long Name (ACRONYM' or 'Long Name (ACRONYM)' that spaCy swallowed
    into one span, when an acronym follows the bracket."""
    for i in range(start + 1, end - 1):
        if doc[i].text == "(":
            return i if acronym_letters(doc[i + 1].text) and (i + 2 == end or doc[i + 2].text == ")") else None
    return None


def dateline_prefix(doc: Any, start: int, end: int) -> bool:
    """'KALBARRA Luke Dimarco': a dateline's capitals (four letters or more) run into the name
    after them at the start of the body or of a line."""
    if end - start < 2 or not (start == 0 or "\n" in doc[start - 1].whitespace_ or "\n" in doc[start - 1].text):
        return False
    first, second = doc[start].text, doc[start + 1].text
    return len(first) >= 4 and first.isalpha() and first.isupper() and second[:1].isupper() and not second.isupper()


def agency_name(doc: Any, start: int, end: int) -> bool:
    """'Elections Manitoba', 'Statistics Canada': a function word then one capitalised name."""
    return end - start == 2 and doc[start].lower_ in AGENCY_OPENERS and doc[start + 1].text[:1].isupper() \
        and doc[start + 1].is_alpha


def dateline_end(doc: Any, start: int, end: int) -> bool:
    """The span is a dateline's place: capitals at the start of the body or of a line, then a
    comma, colon, dash or bracket, with a dash or colon within the next few words."""
    if not (start == 0 or "\n" in doc[start - 1].whitespace_ or "\n" in doc[start - 1].text):
        return False
    words = [doc[i].text for i in range(start, end)]
    if not all(w.isupper() and w.replace(".", "").isalpha() for w in words) or len("".join(words)) < 4:
        return False
    if end >= len(doc) or doc[end].text not in _DATELINE_ENDS:
        return False
    return any(doc[i].text in _DASHES for i in range(end, min(len(doc), end + 8)))


def irish_body(doc: Any, start: int, end: int) -> bool:
    """The span is an Irish-language body's name (spaCy reads some as works of art)."""
    if end - start < 2:
        return False
    first, second = doc[start].text, doc[start + 1].text
    return (first == "An" and second.lower() in IRISH_BODY_WORDS) or (
        first.lower() in IRISH_BODY_WORDS and first[:1].isupper() and second == "na" and end - start >= 3)


def irish_bodies(index: TextIndex, taken: set[int], make: Callable[[int, int, str], Any]) -> list[Any]:
    """Irish-language bodies no name covers: 'An Bord Pleanála', 'Údarás na Gaeltachta'."""
    texts, n = index.texts, len(index.texts)
    out = []
    i = 0
    while i < n - 1:
        low = texts[i].lower()
        start = None
        if texts[i] == "An" and texts[i + 1].lower() in IRISH_BODY_WORDS:
            start = i  # "An Bord Pleanála"
        elif low in IRISH_BODY_WORDS and texts[i][:1].isupper() and i + 2 < n and texts[i + 1] == "na" \
                and texts[i + 2][:1].isupper():
            start = i  # "Údarás na Gaeltachta"
        if start is None or any(j in taken for j in range(start, start + 2)):
            i += 1
            continue
        j = start + 2
        while j < n and j not in taken and (texts[j][:1].isupper() and texts[j].isalpha() or (
                texts[j] == "na" and j + 1 < n and texts[j + 1][:1].isupper())):
            j += 1
        out.append(make(start, j, "ORG"))
        i = j
    return out


def platform_labels(index: TextIndex, labels: dict[str, str], parts: set[str]) -> None:
    """A one-word 'person' or 'place', never part of a person's full name, written only where
    posts and listings go ('posted on Bluesky') or as an app, is an organisation."""
    texts, n = index.texts, len(index.texts)
    keys = [k for k, lab in labels.items() if lab in ("PERSON", "PLACE") and " " not in k and k not in parts]
    by_key: dict[str, list[bool]] = {}
    for k, s, e in _occurrences(index, keys):
        before = texts[s - 1].lower() if s > 0 else ""
        platform = (before in ("on", "via") and s > 1 and texts[s - 2].lower() in _PLATFORM_VERBS) or (
            e < n and texts[e].lower() in _PLATFORM_NOUNS and before == "the")
        by_key.setdefault(k, []).append(platform)
    for k, seen in by_key.items():
        if any(seen) and sum(seen) * 2 >= len(seen):
            labels[k] = "ORG"


def _occurrences(index: TextIndex, keys: list[str]) -> list[tuple[str, int, int]]:
    return list(index.find(keys)) if keys else []
