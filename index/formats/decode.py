"""Bytes to text: BOMs, UTF-8, detected legacy encodings, and refusing binaries.

`decode(data)` returns the text or raises `NotText(reason)`; the caller adds the file name.
"""
from __future__ import annotations

import codecs
import re

NOT_TEXT = "not text (binary or unknown encoding)"
SNIFF_BYTES = 8192

# Well-known binary formats, named in the error so the user knows what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text (tab, newline, CR, form feed and ESC excluded).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


class NotText(ValueError):
    """The bytes are not text we can read; str() is the reason."""


def _declared_encoding(head: bytes) -> str | None:
    """An encoding declared in an XML prolog or an HTML <meta>, if Python knows it."""
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(text: str) -> bool:
    """Decoded text with many control characters is a binary file in disguise."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\x1b") or 0x7F <= ord(ch) < 0xA0)
    return controls / len(sample) > 0.01 or "\x00" in sample


def decode(data: bytes) -> str:
    """The text of `data`; raises NotText for binaries and hopeless encodings."""
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise NotText(f"not text ({what})")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"invalid {encoding.upper()} at byte {exc.start}") from None
    if b"\x00" in head or len(_BINARY_BYTES.findall(head)) > max(2, len(head) // 100):
        raise NotText(NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(head[:2048])
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # imported only for the rare non-UTF-8 file

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise NotText(NOT_TEXT)
    # On short texts several single-byte code pages tie; Windows-1252 is by far the most
    # common one in the wild (HTML5 reads "latin-1" as it too), so it wins a tie.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.01:
            best = match
            break
    text = str(best)
    if _looks_binary(text):
        raise NotText(NOT_TEXT)
    return text
