"""Text cleaning applied to every article's title and body, whatever its format.

Two layers:

- `sanitize(text)`: makes any string safe to show in a terminal and stable to hash:
  whole escape sequences (CSI, OSC, DCS/APC/PM/SOS, two-byte ESC forms and their 8-bit C1
  forms) are removed, then any remaining C0 control (except newline and tab), DEL and C1
  control; bidi override/isolate characters (U+202A-202E, U+2066-2069) go too; line ends
  become "\\n"; the result is Unicode NFC. Quotes and other punctuation are left as they are.
  Titles, CLI output and the reader use it as well.

- `clean_body(text)`: `sanitize`, then paragraph layout (trailing spaces trimmed, one blank
  line between paragraphs), then scraped-page debris removed and kept aside:
  related-link and promo lines ("SEE ALSO :", "Read more:", "Follow us on ...", photo
  credits...) go to `boilerplate`; a final run-together tag line
  ("Islamic StateSyrian Democratic ForcesSyria") becomes `tags`.
  Subheadings and every other line stay in the body.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# --- sanitize -------------------------------------------------------------------------------

# Escape sequences, removed whole (ECMA-48). Order matters: string-type sequences first.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\]|\x9d) [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?          # OSC ... BEL/ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]) [^\x1b\x9c]* (?:\x1b\\|\x9c)? # DCS/SOS/PM/APC ... ST
    | (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?          # CSI params final
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                  # other ESC forms
    """,
    re.VERBOSE,
)
# Any control left over: C0 but tab/newline, DEL, C1; plus bidi overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


# Every character any of the three patterns above starts a match with: escape sequences
# begin with ESC or a C1 control, line ends other than "\n" are C0/C1 controls or U+2028/9.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def sanitize(text: str) -> str:
    """Control characters, escape sequences and bidi overrides removed; "\\n" line ends; NFC."""
    if _SUSPECT.search(text) is None:  # the usual case: one scan instead of three
        return unicodedata.normalize("NFC", text)
    text = _LINE_ENDS.sub("\n", text)
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def inert(text: str) -> str:
    """Every control or bidi character shown as U+FFFD, one for one.

    Defence in depth for text read back from an index (an older or foreign writer may have
    skipped `sanitize`): the length is kept, so extraction offsets stay valid.
    """
    return _CONTROLS.sub("\ufffd", text) if _CONTROLS.search(text) else text


def inert_data(value: object) -> object:
    """`inert` applied to every string inside decoded JSON (dicts, lists, strings)."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [inert_data(v) for v in value]
    if isinstance(value, dict):
        return {k: inert_data(v) for k, v in value.items()}
    return value


_SPACES = re.compile(r"\s+")


def clean_title(title: str) -> str:
    """A one-line title: sanitized, whitespace (newlines, tabs) collapsed to single spaces."""
    return _SPACES.sub(" ", sanitize(title)).strip()


# --- paragraphs -----------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Paragraphs of sanitized text: blank-line separated blocks, lines trimmed.

    A text without any blank line but with several lines (one paragraph per line, as many
    scrapes are) is read as one paragraph per line.
    """
    lines = [line.strip() for line in text.split("\n")]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) == 1:
        return blocks[0]
    return ["\n".join(b) for b in blocks]


# --- boilerplate ----------------------------------------------------------------------------

MAX_BOILERPLATE_CHARS = 300  # longer paragraphs are article text, whatever they start with

# Paragraphs that are links to other stories, calls to action or sharing prompts.
_PROMO_START = re.compile(
    r"""^(?:
        (?:see\ also|read\ more|read\ also|also\ read|more\ on\ this(?:\ story)?|related
           (?:\ (?:stories|articles|coverage|content|links|news|reading))?|recommended
           (?:\ for\ you)?|you\ (?:may|might)\ also\ like|don't\ miss|trending|watch|listen)
        \s*[:\-\u2013\u2014>|]
      | (?:follow|like|join|find)\ us\ on\b
      | (?:sign\ up|subscribe)\ (?:for|to)\ (?:our|the)\b.*\b(?:newsletter|alerts|updates|channel)\b
      | (?:click|tap)\ here\b
      | download\ (?:our|the)\ .*\bapp\b
      | share\ this\ (?:article|story)\b
      | (?:advertisement|sponsored(?:\ content)?|advert)$
      | (?:\u00a9|\(c\)|copyright)\s*(?:\d{4}|[A-Z])
      | all\ rights\ reserved\b
      | for\ (?:the\ latest|more)\ (?:news|updates|stories|coverage)\b.*\b(?:check\ out|visit|follow|go\ to)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Anywhere in a short paragraph: a "check out ... visit ..." promotion.
_PROMO_ANYWHERE = re.compile(r"\bcheck\s+out\b.*\bvisit\b", re.IGNORECASE)
# A photo caption with its credit: "... Washington D.C. Image: United States Navy."
_CAPTION = re.compile(
    r"(?:^|\s)(?:Image|Photo|Photograph|Picture|Credit|IMAGE|PHOTO)s?\s*:\s*[^.:!?\n]{1,80}\.?$"
)


def is_boilerplate(paragraph: str) -> bool:
    """True for a related-link, promo, sharing, copyright or photo-credit paragraph."""
    if len(paragraph) > MAX_BOILERPLATE_CHARS:
        return False
    return bool(
        _PROMO_START.search(paragraph)
        or _PROMO_ANYWHERE.search(paragraph)
        or _CAPTION.search(paragraph)
    )


# --- tag line -------------------------------------------------------------------------------

_SENTENCE_PUNCT = re.compile(r"[,;:!?\"\u201c\u201d()\[\]]|[.!?]$")
_CONNECTORS = {"of", "and", "the", "for", "in", "on", "at", "to", "de", "du", "la", "le",
               "al", "el", "van", "von", "der", "da", "&", "-", "y"}
_CAMEL_PREFIXES = ("Mc", "Mac", "De", "Di", "La", "Le", "O'", "O\u2019")
MAX_TAG_LINE_CHARS = 250
_WORD = re.compile(r"\w+")


def _glued_boundaries(word: str) -> list[int]:
    return [i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()]


def split_tag_line(line: str, context: str = "") -> list[str] | None:
    """Tags of a run-together tag line, or None if `line` is not one.

    A tag line is a single line without sentence punctuation, made of capitalised words
    (plus connectors like "of"), where at least one word glues two tags together at a
    lowercase->Uppercase boundary ("StateSyrian"). A glued word that also appears in
    `context` (the article text) or starts with a name prefix ("McDonald") is not split.
    """
    if "\n" in line or not line or len(line) > MAX_TAG_LINE_CHARS or _SENTENCE_PUNCT.search(line):
        return None
    words = line.split()
    # Camel-case names the article itself spells ("YouTube", "iPhone") are never cut.
    known = {w for w in _WORD.findall(context) if _glued_boundaries(w)}
    cuts: set[int] = set()  # character offsets in `line` to split at
    pos = 0
    for word in words:
        start = line.index(word, pos)
        pos = start + len(word)
        if word.lower() in _CONNECTORS:
            continue
        if not (word[0].isupper() or word[0].isdigit()):
            return None
        protected = {
            m.start() + b
            for name in known
            for m in re.finditer(re.escape(name), word)
            for b in _glued_boundaries(name)
        }
        for i in _glued_boundaries(word):
            if i in protected or word[:i] in _CAMEL_PREFIXES:
                continue
            cuts.add(start + i)
    if not cuts:
        return None
    tags, last = [], 0
    for cut in sorted(cuts):
        tags.append(line[last:cut].strip())
        last = cut
    tags.append(line[last:].strip())
    return [t for t in tags if t]


# --- the body -------------------------------------------------------------------------------


@dataclass
class CleanText:
    body: str
    boilerplate: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def clean_body(text: str) -> CleanText:
    """The article body as the reader shows it, with removed lines and found tags."""
    paras = paragraphs(sanitize(text))
    tags: list[str] = []
    # The tag line sits at the very end, possibly after promo lines.
    for i in range(len(paras) - 1, 0, -1):
        if is_boilerplate(paras[i]):
            continue
        found = split_tag_line(paras[i], "\n".join(paras[:i]))
        if found:
            tags = found
            del paras[i]
        break
    kept: list[str] = []
    boilerplate: list[str] = []
    for para in paras:
        (boilerplate if is_boilerplate(para) else kept).append(para)
    if not kept:  # never empty an article: a body that is all "boilerplate" is the article
        kept, boilerplate = boilerplate, []
    return CleanText("\n\n".join(kept), boilerplate, tags)


def merge_tags(*groups: list[str]) -> list[str]:
    """Tags from several places, cleaned, first spelling kept, case-insensitive de-duplication."""
    seen: set[str] = set()
    out: list[str] = []
    for group in groups:
        for tag in group:
            tag = clean_title(str(tag))
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                out.append(tag)
    return out
