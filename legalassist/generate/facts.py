"""What a legal text states as numbers: number words as digits, dates, and quantities with their unit.

Pure helpers of the grounding judge (legalassist.generate.grounding) and the answer benchmark: "three
years" and "3 years" are the same quantity; "Apr. 5, 1910" states the year 1910 and a date, not a 5.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_NUMBER_WORD = re.compile(
    r"\b(?:("
    + "|".join(_TENS)
    + r")(?:[\s-]*("
    + "|".join(k for k in _UNITS if _UNITS[k] < 10 and k != "zero")
    + r"))?"
    r"|(" + "|".join(_UNITS) + r")|(" + "|".join(_ORDINALS) + r"))\b",
    re.IGNORECASE,
)


def is_number(token: str) -> bool:
    """Whether one word is a number, written in digits ("4", "14th") or in words ("four", "thirtyfive" with
    its hyphen dropped, "fourteenth")."""
    return bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", token, re.IGNORECASE) or _NUMBER_WORD.fullmatch(token))


MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# "Apr. 5, 1910", "July 30, 1947", "5 April 1910", "the 6th day of January": the day is not a quantity.
_DATE = re.compile(
    # "November 17, 2015"; "17 November 2015", and a contract's "17th day of November, 2015"; a typed "June 20 , 2020"
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s?,)?\s+(\d{{4}})\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?{MONTH}(?:\s?,)?\s+(\d{{4}})\b",
)
# not a digit printed against a letter: "(a)(l2)" is a scan's "(a)(12)", "Q4" names no number
_ISO_DATE = re.compile(r"\b(\d{4})-\d\d-\d\d\b")
_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?")
# A number and the word it counts ("3 years", "1 vote", "$150000"); "of", "an" and the like are no unit.
_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)(?:\s+|-)([a-z]{3,})\b(?:\s+of\s+([a-z]{3,}))?|\$\s?(\d+(?:\.\d+)?)")
_NOT_UNITS = frozenset(
    [
        "the",
        "and",
        "for",
        "from",
        "that",
        "this",
        "with",
        "stat",
        "ch",
        "pub",
        "section",
        "sections",
        "title",
        "chapter",
        # a verb after a number ("AD 2018-23-51 was issued") counts nothing
        "was",
        "were",
        "are",
        "has",
        "had",
        "have",
        "will",
        "would",
        "shall",
        "may",
    ]
)


# "one of the conditions", "other than one for attorney's fees", "the one that", "deploy one without that approval",
# "for one the Carrier does not issue": a member or a thing, not a count ("every one hundred-eighty" is a count)
_ONE_OF = re.compile(r"\s+(?:of|for|that|which|who|whose|without|unless|the)\b", re.IGNORECASE)
_SCALE_AFTER = re.compile(r"[\s-]+(?:hundred|thousand|million)\b", re.IGNORECASE)
_THE_ONE = re.compile(r"\b(?:no|the|any|each|every|this|that)\s+$", re.IGNORECASE)


def _number_words(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        if (
            (m.group(3) or "").lower() == "one"
            and (_ONE_OF.match(m.string, m.end()) or _THE_ONE.search(m.string, 0, m.start()))
            and not _SCALE_AFTER.match(m.string, m.end())  # "every one hundred-eighty (180) days" is a count
        ):
            return m.group(0)  # "one of the conditions", "no one": a member or a person, not a count
        if m.group(1):
            return str(_TENS[m.group(1).lower()] + (_UNITS[m.group(2).lower()] if m.group(2) else 0))
        if m.group(3):
            return str(_UNITS[m.group(3).lower()])
        return f"{_ORDINALS[m.group(4).lower()]}th"

    return _NUMBER_WORD.sub(swap, text)


_TIMES = re.compile(r"\b(twice|thrice)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def normalise(text: str) -> str:
    """Lower case, straight quotes, number words as digits ("three" -> "3", "twenty five" -> "25",
    "sixth" -> "6th"), thousands separators dropped ("$150,000" -> "$150000"), whitespace collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("\u00ad", "")
    text = _TIMES.sub(lambda m: "2 times" if m.group(1).lower() == "twice" else "3 times", text)
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", _number_words(text))
    text = _SCALED.sub(_scaled, text)  # "five thousand" is 5000, "seven hundred fifty thousand" 750000
    text = _RESTATED.sub(r"\1", text)  # "two (2) weeks": one number written twice
    # "$1,000,000.00" is "$1,000,000"; a mixed fraction, "one and one-half percent (1-1/2%)", is 1.5
    text = _CENTS.sub(lambda m: m.group(1) or "", text)
    text = _MIXED.sub(lambda m: f"{int(m.group(1)) + int(m.group(2)) / int(m.group(3)):g}", text)
    return " ".join(text.split()).lower()


# Number words with "hundred" and "thousand", once each word is a digit: "7 hundred 50 thousand" (millions stay
# as they are written: "$4.3 million" is a quantity of millions).
_SCALED = re.compile(
    r"\b\d+(?:[\s-]+(?:hundred|thousand)(?:[\s-]+(?:and\s+)?\d+(?![\d.,]))?)+\b(?!\.\d)", re.IGNORECASE
)


def _scaled(m: re.Match[str]) -> str:
    total = current = 0
    for word in re.findall(r"\d+|[a-z]+", m.group(0).lower()):
        if word.isdigit():
            current += int(word)
        elif word == "hundred":
            current *= 100
        elif word == "thousand":
            total, current = total + current * 1000, 0
    return str(total + current)


_RESTATED = re.compile(r"\b(\d+(?:\.\d+)?)\s*\(\1\)")
_CENTS = re.compile(r"(?<=\$)(\s?\d+)\.00\b|(?<=\d{4})()\.00\b")
_MIXED = re.compile(r"\b(\d+)[-\s]([1-7])/([248])\b")


def _undated(text: str) -> str:
    """``text`` with every full date reduced to its year (the header's "2019-10-02" too)."""
    return _ISO_DATE.sub(r"\1", _DATE.sub(lambda m: m.group(1) or m.group(2), text))


def dates(text: str) -> set[str]:
    """The full dates ``text`` states, as "month day year" ("apr 5 1910")."""
    found = set()
    for m in _DATE.finditer(text):
        words = re.findall(r"[A-Za-z]+|\d+", m.group(0))
        month = next(w for w in words if w.isalpha() and w.lower() not in ("st", "nd", "rd", "th", "day", "of"))
        month = month[:3].lower()
        day, year = (w for w in words if w.isdigit())
        found.add(f"{month} {int(day)} {year}")
    return found


# "December 20 18": a scan's year read in two pieces is still one year
_MONTH_YEAR = re.compile(rf"\b({MONTH})\s+(?:of\s+)?((?:1[6-9]|20)\s?\d\d)\b")


def month_years(text: str) -> set[tuple[str, str]]:
    """The months ``text`` names with a year and no day, as (month, year): "in May 2025" -> ("may", "2025")."""
    return {(m.group(1)[:3].lower(), m.group(2).replace(" ", "")) for m in _MONTH_YEAR.finditer(" ".join(text.split()))}


def months_held(text: str) -> set[tuple[str, str]]:
    """Every (month, year) ``text`` gives: named with a year, in a full date, or in an ISO date ("2019-10-02")."""
    held = month_years(text) | {(d.split()[0], d.split()[2]) for d in dates(text)}
    names = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    held |= {(names[int(m) - 1], y) for y, m in re.findall(r"\b(\d{4})-(\d\d)-\d\d\b", text) if 1 <= int(m) <= 12}
    return held


_MONTH_DAY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d:])")


def month_days(text: str) -> set[tuple[str, str]]:
    """The days ``text`` names by month, with a year or without: "on August 3" -> ("aug", "3")."""
    return {(m.group(1)[:3].lower(), str(int(m.group(2)))) for m in _MONTH_DAY.finditer(" ".join(text.split()))}


def numbers(text: str) -> set[str]:
    """The numbers ``text`` states, days of dates left out; a range of years written short ("2008-11") states
    its last year whole."""
    flat = normalise(_undated(text))
    found = set(_NUMBER.findall(flat))
    found.update(m.group(1)[:2] + m.group(2) for m in _YEAR_RANGE.finditer(flat))
    found.update(year for _, year in month_years(text))  # a scan's "December 20 18"
    return found


# "2008-11", "2008–2011" (the second kept as it is)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*(\d\d)\b(?![\d-])")
# A provision's number with its subdivisions: "704(d)", "6651(a)(1)", "59(e)".
_PROVISION = re.compile(r"\b(\d+[A-Za-z]?)((?:\([a-z0-9]{1,4}\))+)")


def provisions(text: str) -> set[str]:
    """The provisions ``text`` names with their subdivisions, each with every shorter form: "6651(a)(1)" ->
    "6651(a)", "6651(a)(1)"."""
    found: set[str] = set()
    for m in _PROVISION.finditer(" ".join(text.split())):
        parts = re.findall(r"\([a-z0-9]{1,4}\)", m.group(2))
        found.update(m.group(1) + "".join(parts[: k + 1]) for k in range(len(parts)))
    return found


def numbered(text: str) -> tuple[str, list[re.Match[str]]]:
    """``text`` as ``numbers`` reads it (normalised, days of dates left out), with each number found in it."""
    flat = normalise(_undated(text))
    return flat, list(_NUMBER.finditer(flat))


# A year as a year, not a code section or a page ("42 U.S.C. § 1983", "909 F. 3d, at 1037", "No. 1999").
_YEAR = re.compile(r"(?<![§\d.,])(?<!§ )(?<!at )(?<!No\. )(?<!C\. )(?<!C\.)\b(1[6-9]\d\d|20\d\d)\b(?![\d(])")


def years(text: str) -> set[str]:
    """The years ``text`` states ("in 1833", "Apr. 5, 1910", "the 2015 exception")."""
    return set(_YEAR.findall(" ".join(text.split())))


def quantities(text: str) -> set[tuple[str, str]]:
    """(number, unit) pairs: "three years" -> ("3", "year"), "$150,000" -> ("150000", "dollar"); a unit of
    something is also counted with what it counts: "two counts of assault" -> ("2", "count") and
    ("2", "count of assault")."""
    found = set()
    for m in _QUANTITY.finditer(normalise(_undated(text))):
        if m.group(4):
            found.add((m.group(4), "dollar"))
        elif m.group(2) not in _NOT_UNITS:
            unit = m.group(2) if m.group(2) in ("times", "percent") else m.group(2).removesuffix("s")
            found.add((m.group(1), unit))
            if m.group(3) and m.group(3) not in _NOT_UNITS:
                found.add((m.group(1), f"{unit} of {m.group(3)}"))
    return found


# A sum or a rate with the period it is paid for: "$40,000 per month", "$5,000 a year", "$1,200 annually", "one percent
# (1%) per month".
_RATE = re.compile(
    r"(\$\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:%|percent)(?:\s*\([^()]{1,8}\))?)\s+"
    r"(?:(?:per|a|an|each|every)\s+(day|week|month|quarter|year|annum)\b|(daily|weekly|monthly|quarterly|annually|yearly)\b)"
)
_PERIOD = {"annum": "year", "daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
           "annually": "year", "yearly": "year"}  # fmt: skip


def rates(text: str) -> set[tuple[str, str]]:
    """(sum or rate, period) pairs: "$40,000 per month" -> ("$40000", "month"), "1% per month" -> ("1%", "month")."""
    found = set()
    for m in _RATE.finditer(normalise(text)):
        period = m.group(2) or m.group(3)
        amount = m.group(1).replace(" ", "")
        if not amount.startswith("$"):
            amount = re.sub(r"[^\d.].*", "", amount) + "%"  # "1 percent (i%)" is 1%
        found.add((amount, _PERIOD.get(period, period)))
    return found
