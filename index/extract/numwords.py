"""Reading numbers written as digits or words: "2,500", "1.5 million", "twenty-five", "a fifth".

Pure string tables and helpers; the token scan that uses them lives in `numbers.py`.
"""
from __future__ import annotations

import re

UNITS_WORDS = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SMALL_WORDS = {**UNITS_WORDS, **TENS_WORDS}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    # South Asian scales: "95 lakh shares" (9.5 million), "Rs 300 crore", "1.5 lakh crore"
    "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000,
}
# Abbreviated scales; "m" is only a scale after a currency (otherwise it is metres).
SCALE_ABBREV = {"bn": 1_000_000_000, "b": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000,
                "m": 1_000_000, "k": 1_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000}
DOZEN = {"dozen": 12}
# "hundreds of", "thousands of", "dozens of": an order of magnitude, read as "at least <scale>".
PLURAL_SCALES = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
                 "billions": 1_000_000_000, "tens": 10, "lakhs": 100_000, "crores": 10_000_000}

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100, "thousandth": 1000, "millionth": 1_000_000,
}
# Denominators of fractions: "a fifth", "two-thirds", "three quarters".
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}

# Plain, Western-grouped ("2,500,000") and South Asian-grouped ("25,00,000", "1,50,000") numerals.
DIGITS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$|^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$")
DIGITS_SUFFIX_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)([A-Za-z]+)$")
ORDINAL_DIGITS_RE = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)


def clean_number(value: float) -> int | float:
    """Integral values (up to float noise: 16.6e9) become int; others keep 6 decimals."""
    if abs(value - round(value)) <= 1e-9 * max(1.0, abs(value)):
        return int(round(value))
    return round(value, 6)


def parse_digits(text: str) -> float | None:
    """'2,500' -> 2500.0, '3.5' -> 3.5; None if `text` is not a plain decimal numeral."""
    if not DIGITS_RE.match(text):
        return None
    return float(text.replace(",", ""))


def split_suffix(text: str) -> tuple[float, str] | None:
    """'96bn' -> (96.0, 'bn'), '800km' -> (800.0, 'km'); None if not digits + letters."""
    m = DIGITS_SUFFIX_RE.match(text)
    if not m:
        return None
    value = parse_digits(m.group(1))
    if value is None:
        return None
    return value, m.group(2)


def word_value(word: str) -> int | None:
    """Cardinal value of one number word (no scales), e.g. 'seventeen' -> 17."""
    return SMALL_WORDS.get(word.lower())


def ordinal_value(word: str) -> int | None:
    """'third' -> 3, '33rd' -> 33."""
    low = word.lower()
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    m = ORDINAL_DIGITS_RE.match(low)
    return int(m.group(1)) if m else None


def is_number_word(word: str) -> bool:
    low = word.lower()
    return low in SMALL_WORDS or low in SCALES


class WordNumber:
    """Accumulates a number written in words: 'two hundred and fifty thousand'."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current = 0.0
        self.last_kind = ""  # "unit" | "tens" | "scale" | "digits"

    def can_take(self, word: str) -> bool:
        low = word.lower()
        if low in SCALES or low in SCALE_ABBREV:
            return self.last_kind != "" and (
                self.last_kind != "scale" or SCALES.get(low, 0) > 100 or low in SCALE_ABBREV
            )
        if self.last_kind == "digits":
            return False
        if low in UNITS_WORDS:
            return self.last_kind in ("", "tens", "scale")
        if low in TENS_WORDS:
            return self.last_kind in ("", "scale")
        return False

    def take(self, word: str) -> None:
        low = word.lower()
        if low in SCALES or low in SCALE_ABBREV:
            scale = SCALES.get(low) or SCALE_ABBREV[low]
            if scale == 100:
                self.current = (self.current or 1) * 100
            elif self.last_kind == "scale" and not self.current and self.total:
                self.total *= scale  # "1.5 lakh crore", "a thousand million": scales multiply
            else:
                self.total += (self.current or 1) * scale
                self.current = 0
            self.last_kind = "scale"
        elif low in UNITS_WORDS:
            self.current += UNITS_WORDS[low]
            self.last_kind = "unit"
        else:
            self.current += TENS_WORDS[low]
            self.last_kind = "tens"

    def take_digits(self, value: float) -> None:
        self.current = value
        self.last_kind = "digits"

    @property
    def value(self) -> float:
        return self.total + self.current
