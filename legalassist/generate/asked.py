"""What kind of answer a question asks for, and whether an answer gives that kind.

"How long …" (or "What is the … term", "within what time"), "How many …", "What fee …" (or "What amount …",
"What percentage …") and "By what date …" ask for a period, a count, an amount or share, and a date (a day of
the calendar, or a time counted from an event); other questions ask for no kind. "How many days …" asks for a count
of days: a number in the answer counts only when it counts what was asked ("within 90 days"), not when it is
a page or a year in a citation ("493 U.S. 182, 190 (1990)"). An answer whose supported sentences state none
of the kind asked does not answer the question, however many of its words they share: "What is the copyright
term for a work made for hire?" answered with the definition of a work made for hire, or "How many justices sit
on the Supreme Court?" answered with an opinion's caption. Such answers are declined.

So is an answer about the other kind of case than the question names: a criminal case's rule quoted for a
question about a civil case; and one about the other side of a case: a defendant's time to appeal quoted for
a question about the government's.

And so is an answer whose cited passages hold none of the words the question names its subject by, when the
library rarely uses them: "Within how many years of a patent's grant must a reissue application that enlarges
the claims be filed?" answered with a patent term's 3-year guarantee, which shares "patent", "years" and
"application" but says nothing of a reissue.

And so is an answer whose cited passages never name the provision the question names: "What must a complaint
contain under Rule 8 of the Federal Rules of Civil Procedure?" answered with the Arbitration Act's "in the
manner provided by the Federal Rules of Civil Procedure". A rule, section, article, title or amendment named
by its number must be named by its number in what the answer cites (its document's header line counts).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from legalassist.citations.shapes import ORDINALS, ROMAN
from legalassist.domain import Claim
from legalassist.generate.facts import MONTH, normalise, numbers, quantities

if TYPE_CHECKING:
    from legalassist.generate.grounding import Grounding

PERIOD, COUNT, AMOUNT, DATE = "period", "count", "amount", "date"
_KINDS = [
    (PERIOD, re.compile(
        r"^\s*how\s+long\b|\bwithin\s+what\s+(?:time|period)\b|^\s*what\s+is\s+the\s+(?:\w+\s+){0,2}term\b", re.I
    )),
    (COUNT, re.compile(r"^\s*(?:within\s+)?how\s+many\b", re.I)),
    (AMOUNT, re.compile(
        r"^\s*what\s+(?:is\s+the\s+)?(?:\w+\s+)?(?:royalty|fee|salary|fine|rate|amount|percentage|share|proportion)\b",
        re.I,
    )),
    (DATE, re.compile(r"^\s*(?:by|on|before|until)\s+what\s+(?:date|day)\b|^\s*what\s+is\s+the\s+(?:deadline|due\s+date)\b", re.I)),
]  # fmt: skip
_PERIOD_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute"})
# A period stated without a number: "during good Behaviour", "for life".
_PERIOD_WORDS = re.compile(r"\b(?:life|lifetime|good\s+behaviou?r)\b", re.I)
# A count stated without a number: "a Number of Electors, equal to the whole Number of Senators and
# Representatives", "a majority". The majority or plurality of a court ("the majority's rule", "the plurality
# opinion") counts nothing.
_COUNT_WORDS = re.compile(
    r"\b(?:unanimous|unanimity|half|number\s+of|equal\s+to)\b|\ba\s+(?:majority|plurality)\b|\b(?:majority|plurality)\s+of\b",
    re.I,
)
# An amount or a share: "$150,000", "25 percent", "one-third", "two thirds".
_AMOUNT_WORDS = re.compile(
    r"\$|%|\b(?:dollars?|cents?|percent|per\s+centum|half|(?:one|two|three)[\s-]+(?:thirds?|fourths?|quarters?|fifths?))\b",
    re.I,
)
# A day of the calendar: "January 1", "Apr. 5", "the sixth day of January", "the first Tuesday after the first
# Monday", "12/31/2024", "the end of the calendar year". A time counted from an event ("within 70 days after the
# petition") answers a date question too.
_DATE_WORDS = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}\b|\bday\s+of\s+{MONTH}|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bend\s+of\s+the\s+(?:calendar\s+)?year\b"
)
# Numbers that count nothing: a docket number ("No. 24–5438"), a section or rule ("§ 271(f)(1)", "Rule
# 4(b)(1)(A)(i)", "9 U.S.C. § 4"), a list item ("(2)").
_NOT_COUNTS = re.compile(
    r"\bNo\.\s*[\d–-]+|§+\s*[\w().–-]+|\bRule\s+[\w().]+|\(\w{1,4}\)|\b\d+\s*U\.\s?S\.\s?C\.?", re.IGNORECASE
)

# "How many consecutive hours …": the thing counted is the first of the next two words that is a plural
# ("hours", "days'", "witnesses"), else the next word.
_HOW_MANY = re.compile(r"\bhow\s+many\s+([a-z]+'?)(?:[\s-]+([a-z]+'?))?", re.I)
# What gives a count before the thing counted: a number (number words are read as digits first) or "a single
# arbitrator", "both Houses", "no person"; "twice" is checked apart, for times.
_COUNT_OF = r"(?:\d+(?:\.\d+)?|single|sole|both|no)"


# A word of the question found in some but fewer than RARE_SHARE of the library's passages names what the
# question is about ("reissue", "circumvention"). When RARE_UNHELD or more such words appear in none of the
# passages an answer cites, the answer is about something else that shares the question's commoner words. One
# word alone is often a paraphrase ("buyer" for the opinion's "purchaser"). A word the library never uses says
# nothing of the kind (an abbreviation, the asker's own wording), and in a library of fewer than 1 / RARE_SHARE
# passages no word is rare. Both chosen on the tuning half (docs/BENCHMARKS.md, "Answers whose passages miss
# the question's subject").
RARE_SHARE = 0.01
RARE_UNHELD = 2

# Kinds of case or proceeding a question may limit itself to, against the kind it excludes: a criminal
# case's rule is no answer to a question about a civil case. So are the two sides of a criminal case: the
# time a defendant has to appeal is no answer to the time the government has (Rule 4(b)'s 14 days against 30).
_OPPOSED = [("civil", "criminal"), ("government", "defendant")]


# The Amendments' ordinals, first to twenty-seventh, and their Roman numerals (the citation reader's).
_ORDINALS = [*ORDINALS, *(f"twenty-{o}" for o in ORDINALS[:7])]
# A provision named by its number: "Rule 8", "section 3", "§ 271(f)(1)", "35 U.S.C. 271", "Article III",
# "Title VII", "the Fourth Amendment". The number ends where a digit or letter of it ends ("271" of "271(f)").
_PROVISION = re.compile(
    r"\b(?P<kind>Rule|Article|Art\.|Title)\s+(?P<n>\d+|[IVX]+)(?![\w])"
    r"|(?:§+|\bsections?\b|\bsec\.|\bU\.\s?S\.\s?C\.\s*§*)\s*(?P<section>\d+[A-Za-z]?)(?![\d])"
    rf"|\b(?P<ordinal>{'|'.join(_ORDINALS)})\s+Amendment\b",
    re.IGNORECASE,
)


def _number_forms(n: str) -> str:
    """A pattern for ``n`` as written either way ("3" or "III", "IV" or "4")."""
    if n.upper() in ROMAN:
        return rf"(?:{n}|{ROMAN.index(n.upper()) + 1})"
    if n.isdigit() and 0 < int(n) <= len(ROMAN):
        return rf"(?:{n}|{ROMAN[int(n) - 1]})"
    return re.escape(n)


def named_provisions(question: str) -> list[tuple[str, re.Pattern[str]]]:
    """The provisions ``question`` names by number, each with a pattern that finds it named in a text: "Rule 8"
    as "Rule 8(a)" or "Federal Rule of Civil Procedure 8"; "section 3" as "§ 3" or "§3"; the Fourth Amendment as
    "Fourth Amendment" or "AMENDMENT 4"."""
    found: list[tuple[str, re.Pattern[str]]] = []
    for m in _PROVISION.finditer(question):
        if m.group("ordinal"):
            k = _ORDINALS.index(m.group("ordinal").lower()) + 1
            pattern = rf"(?<![\w-]){m.group('ordinal')}\s+Amendment\b|\bAmendments?\s+{_number_forms(str(k))}(?![\w])"
        elif m.group("section"):
            pattern = rf"(?:§+|\bsections?\b|\bsec\.)\s*{re.escape(m.group('section'))}(?![\d])"
        else:
            kind, n = m.group("kind").lower(), _number_forms(m.group("n"))
            word = {"rule": r"Rules?\b[^.;\d§]{0,40}?\b", "title": r"Title\s+"}.get(kind, r"Art(?:icle|\.)\s+")
            pattern = rf"\b{word}{n}(?![\w])"
            if kind == "title" and m.group("n").isdigit():  # "title 9" of the Code: "9 U.S.C."
                pattern += rf"|\b{m.group('n')}\s+U\.\s?S\.\s?C\."
        found.append((m.group(0), re.compile(pattern, re.IGNORECASE)))
    return found


def unheld_provision(question: str, sources: Iterable[str]) -> str:
    """The first provision the question names by number ("Rule 8") that none of ``sources`` (the cited
    passages, each with its document's header) names; "" when each is named, or none is asked of."""
    text = "\n".join(sources)
    return next((name for name, pattern in named_provisions(question) if not pattern.search(text)), "")


def asked_kind(question: str) -> str:
    """ "period", "count", "amount", "date", or "" when the question asks for none of these."""
    return next((kind for kind, pattern in _KINDS if pattern.search(question)), "")


def counted(question: str) -> str:
    """What a "how many" question counts, singular and lower case ("hour", "witnesse", "time"); "" for none."""
    m = _HOW_MANY.search(question)
    if not m:
        return ""
    first, second = (w.rstrip("'").lower() if w else "" for w in m.groups())
    word = first if first.endswith("s") or not second.endswith("s") else second
    return word.removesuffix("s")


def _counts(thing: str, text: str) -> bool:
    """Whether ``text`` gives a number of ``thing`` ("90 days", "a single arbitrator", "two consecutive
    terms"; "twice" for times)."""
    plain = normalise(text)
    if thing == "time" and re.search(r"\b(?:once|twice|thrice)\b", plain):
        return True
    return bool(re.search(rf"\b{_COUNT_OF}(?:\s+|-)(?:[a-z-]+\s+){{0,2}}?{re.escape(thing)}s?\b", plain))


def states_kind(kind: str, text: str, thing: str = "") -> bool:
    """Whether ``text`` states something of ``kind`` (any text does for no kind); for a count, of ``thing``
    when the question names what it counts."""
    text = _NOT_COUNTS.sub(" ", text)
    if kind == PERIOD:
        return any(unit in _PERIOD_UNITS for _, unit in quantities(text)) or bool(_PERIOD_WORDS.search(text))
    if kind == COUNT:
        if _COUNT_WORDS.search(text):
            return True
        return _counts(thing, text) if thing else bool(numbers(text))
    if kind == AMOUNT:
        return bool(_AMOUNT_WORDS.search(text))
    if kind == DATE:
        return bool(_DATE_WORDS.search(text)) or states_kind(PERIOD, text)
    return True


def _supported(claims: Sequence[Claim]) -> str:
    return " ".join(c.text for c in claims if c.support == "supported")


def misses_asked_kind(question: str, claims: Sequence[Claim]) -> bool:
    """Whether the question asks for a period, count or amount that no supported claim states."""
    kind = asked_kind(question)
    return bool(kind) and not states_kind(kind, _supported(claims), counted(question))


def other_kind_of_case(question: str, claims: Sequence[Claim]) -> str:
    """The kind of case the supported claims speak of ("criminal") when the question asks about the
    opposite one ("civil") and they never name it; "" otherwise."""
    said = _supported(claims).lower()
    asked = question.lower()
    for a, b in _OPPOSED:
        for mine, other in ((a, b), (b, a)):
            if (
                re.search(rf"\b{mine}\b", asked)
                and re.search(rf"\b{other}\b", said)
                and not re.search(rf"\b{mine}\b", said)
            ):
                return other
    return ""


def off_target(question: str, claims: Sequence[Claim]) -> bool:
    """Whether the supported claims miss the kind of answer asked for, or speak of the other kind of case."""
    return misses_asked_kind(question, claims) or bool(other_kind_of_case(question, claims))


def unheld_subject(
    judge: Grounding, share: Callable[[str], float] | None, question: str, sources: Iterable[str]
) -> list[str]:
    """The question's rare words (analysed; in some of the library's passages, but fewer than RARE_SHARE of
    them) that none of ``sources`` (the cited passages, each with its document's header) holds, when there
    are at least RARE_UNHELD of them; [] otherwise, and when the library's word shares are unknown."""
    if share is None:
        return []
    held: set[str] = set()
    for source in sources:
        held |= judge.content(source)
    unheld = sorted(t for t in judge.content(question) - held if not t.startswith("#") and 0 < share(t) < RARE_SHARE)
    return unheld if len(unheld) >= RARE_UNHELD else []
