"""Unit tables for the numbers layer: currencies, percent, measures, durations, per-units.

Canonical unit names are short: ISO 4217 codes for money, "%", SI-like symbols for measures
("km", "km2", "mi2", "kg"), plural English words for durations ("weeks", "years").
"""
from __future__ import annotations

import re
from typing import Any

CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₩": "KRW",
                    "₽": "RUB", "₦": "NGN", "₺": "TRY", "₱": "PHP", "฿": "THB"}
# "US$", "NZ$" as one token, or "NZ" "$" as two.
DOLLAR_PREFIXES = {"us": "USD", "nz": "NZD", "a": "AUD", "au": "AUD", "aus": "AUD", "c": "CAD",
                   "ca": "CAD", "can": "CAD", "hk": "HKD", "s": "SGD", "sg": "SGD", "nt": "TWD",
                   "r": "BRL", "mex": "MXN", "z": "ZWD", "j": "JMD", "fj": "FJD"}
ISO_CODES = {"USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "AUD", "NZD", "CAD", "CHF", "HKD",
             "SGD", "SEK", "NOK", "DKK", "RUB", "BRL", "ZAR", "KRW", "MXN", "TRY", "NGN", "KES",
             "PKR", "IDR", "THB", "MYR", "PHP", "AED", "SAR", "ILS", "EGP", "PLN", "BDT", "LKR",
             "NPR", "VND", "QAR", "KWD", "TWD", "CZK", "HUF", "ARS", "CLP", "COP", "UAH", "GHS",
             "TZS", "UGX", "ETB", "ISK"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "sterling": "GBP",
    "pound": "GBP", "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "peso": "MXN", "pesos": "MXN", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "franc": "CHF", "francs": "CHF",
    "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "rand": "ZAR",
    "naira": "NGN", "shilling": "KES", "shillings": "KES", "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED", "lira": "TRY", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "shekel": "ILS", "shekels": "ILS", "zloty": "PLN", "cents": "USD",
    "cent": "USD", "pence": "GBP", "p": "GBP", "kr": "SEK", "kr.": "SEK",
}
# "Australian dollars", "Hong Kong dollars": the word before "dollars" names the currency.
DOLLAR_NATIONS = {"us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
                  "zealand": "NZD", "kong": "HKD", "singapore": "SGD", "taiwan": "TWD",
                  "jamaican": "JMD", "zimbabwean": "ZWD", "fijian": "FJD"}
# Letters written before an amount, alone ("Rs 300", "Rp 10,000") or glued to it ("Rs1,200").
PREFIX_CODES = {"Rs": "INR", "Rs.": "INR", "Rp": "IDR", "Rp.": "IDR", "KSh": "KES", "Ksh": "KES",
                "Sh": "KES", "RM": "MYR", "Dh": "AED", "Dhs": "AED", "Tk": "BDT", "Php": "PHP"}
# A sign glued to the amount in one token: "NZ$45", "HK$52.30", "R2.5" (rand), "Rs1,200".
_GLUED_MONEY = re.compile(r"^(?:([A-Za-z]{1,3})\$|(Rs\.?|Rp\.?|KSh|Ksh|Sh|RM|Dhs?|Tk|Php|R))(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}|\d+(?:\.\d+)?)"
                          r"(bn|m|mn|k|tn)?$")
SUBUNITS = {"cents": 0.01, "cent": 0.01, "pence": 0.01, "p": 0.01}

PERCENT_WORDS = {"%": "%", "percent": "%", "pct": "%"}

# Lower-case unit words -> canonical unit.
MEASURES = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm",
    "millimeters": "mm", "mile": "mi", "miles": "mi", "mi": "mi", "foot": "ft", "feet": "ft",
    "ft": "ft", "inch": "in", "inches": "in", "yard": "yd", "yards": "yd",
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilogramme": "kg", "kilogrammes": "kg", "g": "g", "gram": "g", "grams": "g",
    "gramme": "g", "grammes": "g", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
    "lb": "lb", "lbs": "lb", "ounce": "oz", "ounces": "oz", "oz": "oz",
    "litre": "L", "litres": "L", "liter": "L", "liters": "L", "gallon": "gal", "gallons": "gal",
    "barrel": "bbl", "barrels": "bbl", "hectare": "ha", "hectares": "ha", "ha": "ha",
    "acre": "acre", "acres": "acre", "km2": "km2", "km²": "km2", "m2": "m2", "m²": "m2",
    "mph": "mph", "kph": "km/h", "km/h": "km/h", "knots": "kn", "knot": "kn",
    "degrees": "deg", "degree": "deg", "deg": "deg", "°c": "degC", "°f": "degF", "celsius": "degC",
    "fahrenheit": "degF", "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "megawatts": "MW",
    "gigawatts": "GW", "kilowatts": "kW", "volts": "V", "gb": "GB", "mb": "MB", "tb": "TB",
    "gigabytes": "GB", "megabytes": "MB", "terabytes": "TB", "mhz": "MHz", "ghz": "GHz",
    "magnitude": "magnitude", "calories": "kcal", "db": "dB", "decibels": "dB",
    "megapixels": "MP", "mbps": "Mbit/s", "gbps": "Gbit/s",
}
# "square kilometre" -> km2; "cubic metres" -> m3.
AREA_PREFIX = {"square": "2", "sq": "2", "cubic": "3"}
DURATIONS = {
    "second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes",
    "hour": "hours", "hours": "hours", "hrs": "hours", "mins": "minutes", "secs": "seconds", "day": "days", "days": "days",
    "week": "weeks", "weeks": "weeks", "fortnight": "fortnights", "fortnights": "fortnights",
    "month": "months", "months": "months", "year": "years", "years": "years", "yrs": "years",
    "decade": "decades", "decades": "decades", "century": "centuries",
    "centuries": "centuries", "millennia": "millennia", "millennium": "millennia",
}
# Words after "a"/"an" that make a money amount a price per unit: "$16 a kilo".
PER_UNITS = {"kilo", "kg", "kilogram", "litre", "liter", "gallon", "barrel", "tonne", "ton",
             "pound", "ounce", "hour", "day", "week", "month", "year", "night", "head",
             "person", "share", "piece", "unit", "metre", "meter", "mile", "minute", "dose",
             "ticket", "seat", "pack", "bag", "bottle", "kwh", "square"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def measure_unit(word: str) -> str | None:
    return MEASURES.get(word.lower())


def duration_unit(word: str) -> str | None:
    return DURATIONS.get(word.lower())


def per_unit_name(word: str) -> str:
    """Canonical short name of the thing priced: 'kilo' -> 'kg', 'songs' -> 'song'."""
    low = word.lower()
    unit = MEASURES.get(low) or DURATIONS.get(low)
    if unit in DURATIONS.values():
        return unit.rstrip("s")  # "hours" -> "hour"
    if unit:
        return unit
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


# --- token readers (work on spaCy tokens; no spaCy import) -------------------------------

_DOLLAR_TOKEN = re.compile(r"^([A-Za-z]{1,3})\$$")


def _glued(a: Any, b: Any) -> bool:
    return a.whitespace_ == "" and b.i == a.i + 1


def _has_digit(tok: Any) -> bool:
    return any(c.isdigit() for c in tok.text)


def read_currency_prefix(doc: Any, i: int) -> tuple[str, int] | None:
    """(currency code, index of the number token) when a currency sign starts at token i.

    Handles "$", "£", "US$", "NZ $", "GB #" and a bare "#" used for "£" by old encodings
    ("#13 billion", "#0.79"), and ISO codes before the amount ("USD 20").
    """
    n = len(doc)
    tok = doc[i]
    text = tok.text
    if i + 1 >= n:
        return None
    nxt = doc[i + 1]
    if text in CURRENCY_SYMBOLS and _has_digit(nxt):
        return CURRENCY_SYMBOLS[text], i + 1
    m = _DOLLAR_TOKEN.match(text)
    if m and m.group(1).lower() in DOLLAR_PREFIXES and _has_digit(nxt):
        return DOLLAR_PREFIXES[m.group(1).lower()], i + 1
    if text.isupper() and i + 2 < n and _has_digit(doc[i + 2]):
        if nxt.text == "$" and text.lower() in DOLLAR_PREFIXES:
            return DOLLAR_PREFIXES[text.lower()], i + 2
        if nxt.text in ("#", "£") and text in ("GB", "UK"):
            return "GBP", i + 2
    if text == "#" and _has_digit(nxt) and (i == 0 or doc[i - 1].text not in ("GB", "UK")):
        after = doc[i + 2].lower_ if i + 2 < n else ""
        if "." in nxt.text or after in ("million", "billion", "bn", "m", "trillion") or nxt.text.lower().endswith(("bn", "m")):
            return "GBP", i + 1
        return None
    if text in ISO_CODES and _has_digit(nxt):
        return ("CNY" if text == "RMB" else text), i + 1
    if text in PREFIX_CODES:
        if _has_digit(nxt):
            return PREFIX_CODES[text], i + 1
        if nxt.text == "." and _glued(tok, nxt) and i + 2 < n and _has_digit(doc[i + 2]):
            return PREFIX_CODES[text], i + 2  # "Rs. 1.85 crore" split as "Rs" "."
    return None


def glued_money(text: str) -> tuple[str, float, str | None] | None:
    """(code, amount, scale suffix) of a token holding sign and amount: 'NZ$45' -> ('NZD', 45.0,
    None), 'R2.5bn' -> ('ZAR', 2.5, 'bn'); None for anything else ('R2-D2' never gets here)."""
    m = _GLUED_MONEY.match(text)
    if m is None:
        return None
    if m.group(1) is not None:
        code = DOLLAR_PREFIXES.get(m.group(1).lower())
    else:
        code = "ZAR" if m.group(2) == "R" else PREFIX_CODES[m.group(2)]
    if code is None:
        return None
    return code, float(m.group(3).replace(",", "")), m.group(4)


def read_currency_after(doc: Any, j: int) -> tuple[str, float, int] | None:
    """(code, multiplier, index after) for "dollars", "US dollars", "Australian dollars",
    "euros", "cents", "USD" right after a number ending at token j."""
    n = len(doc)
    if j >= n:
        return None
    tok = doc[j]
    low = tok.lower_
    if tok.text in ISO_CODES:
        return ("CNY" if tok.text == "RMB" else tok.text), 1.0, j + 1
    # up to two capitalised words naming the dollar: "New Zealand dollars"
    for k in range(j, min(j + 3, n)):
        if doc[k].lower_ in ("dollar", "dollars"):
            between = doc[j:k]
            if all(t.text[:1].isupper() for t in between):
                code = DOLLAR_NATIONS.get(doc[k - 1].lower_, "USD") if k > j else "USD"
                return code, 1.0, k + 1
            break
        if not doc[k].text[:1].isupper():
            break
    if low in CURRENCY_WORDS and low not in ("dollar", "dollars"):
        if low == "p" and not _glued(doc[j - 1], tok):
            return None
        if low in ("pound", "pounds") and j + 1 < n and doc[j + 1].lower_ == "of":
            return None  # weight: "5 pounds of flour"
        end = j + 1
        if low in ("pound", "pounds") and end < n and doc[end].lower_ == "sterling":
            end += 1
        return CURRENCY_WORDS[low], SUBUNITS.get(low, 1.0), end
    return None


def read_unit(doc: Any, j: int) -> tuple[str, str, int] | None:
    """(kind, unit, index after) for a percent, measure or duration unit at token j."""
    n = len(doc)
    if j >= n:
        return None
    tok = doc[j]
    low = tok.lower_
    if low in PERCENT_WORDS:
        return "percent", "%", j + 1
    if low == "per" and j + 1 < n and doc[j + 1].lower_ == "cent":
        return "percent", "%", j + 2
    if low == "percentage" and j + 1 < n and doc[j + 1].lower_ in ("point", "points"):
        return "percent", "percentage points", j + 2
    if low in AREA_PREFIX and j + 1 < n:
        base = MEASURES.get(doc[j + 1].lower_)
        if base in ("km", "m", "mi", "ft", "cm", "yd"):
            return "measure", base + AREA_PREFIX[low], j + 2
    if tok.text == "°" and _glued(doc[j - 1], tok):  # "212°F", "28°C", "28°"
        if j + 1 < n and doc[j + 1].text in ("C", "F") and _glued(tok, doc[j + 1]):
            return "measure", "deg" + doc[j + 1].text, j + 2
        return "measure", "deg", j + 1
    if len(low) == 1 and not (tok.text.islower() and _glued(doc[j - 1], tok)):
        return None  # "5 m" (metres or million?), "3G" (a network generation)
    if low in MEASURES and (tok.text.islower() or tok.text.isupper() or low in ("km2",)):
        unit = MEASURES[low]
        end = j + 1
        if unit == "deg" and end < n and doc[end].lower_ in ("celsius", "c", "fahrenheit", "f"):
            unit = "degC" if doc[end].lower_ in ("celsius", "c") else "degF"
            end += 1
        return "measure", unit, end
    if low in DURATIONS:
        return "duration", DURATIONS[low], j + 1
    return None
