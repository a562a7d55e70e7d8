"""A document's own date read from its first pages, by the label printed before it.

Court papers print several dates near the top: argued, submitted, decided, filed, a stamp, the docket header.
The decision date is the one a lawyer means, so each date is ranked by its label ("Decided" first, then
"Filed", "Entered", "Dated"); argued and submitted dates are never taken. Dates in the body (the facts, other
cases' decisions) are taken only when nothing labelled is found, and only from the top of page 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_FORMS = (
    # February 5, 2010 · FEBRUARY 5, 2010 · Feb. 5, 2010 · Sep 13, 2019
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})\b",
    # 11 February 2022 · 15th day of July, 2025
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:day\s+of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b",
    # 02/05/2010 · 08/05/16 (United States order: month first)
    r"(?<![\d/])(?P<nmonth>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])",
    # 2010-02-05
    r"\b(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})\b",
)
# Python's re does not allow one group name twice, so each form is searched on its own.
_DATES = [re.compile(f, re.IGNORECASE) for f in _FORMS]

# Labels, strongest first. Hearing dates (argued, submitted, heard) are recognised only to be refused.
_LABELS: tuple[tuple[str, str, float], ...] = (
    ("decided", r"decided(?:\s+and\s+filed)?|opinion\s+(?:filed|issued)", 1.0),
    ("filed", r"(?:date\s+)?filed|entered|judgment\s+entered|date\s+of\s+(?:report|filing|entry|judgment|order)", 0.85),
    ("dated", r"dated|signed(?:\s+on)?|issued|date", 0.7),
    ("hearing", r"argued(?:\s+and\s+submitted)?|submitted|heard|received|docketed", 0.0),
)
_WEIGHTS = {name: weight for name, _, weight in _LABELS}
_LABEL = re.compile(
    r"(?P<label>" + "|".join(f"(?:{p})" for _, p, _ in _LABELS) + r")\s*[:.]?\s*(?:on\s+)?$", re.IGNORECASE
)
# Between a stamp's label and its date may stand the court's name ("FILED / United States Court of Appeals /
# Tenth Circuit / February 5, 2010"), never digits or another sentence.
_STAMP_GAP = re.compile(r"[A-Za-z.,'’&\s-]{0,70}$")
_ECF = re.compile(r"^\s*(?:Case|Appeal)[:\s].{0,80}?(?:Document|Doc|DktEntry)\b", re.IGNORECASE)
_SPACED = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")  # "F I L E D", "O R D E R"


@dataclass(frozen=True)
class FoundDate:
    iso: str
    label: str  # decided | filed | dated | own line | top of page 1 | docket header | signature
    confidence: float
    page: int


def _iso(m: re.Match[str]) -> str:
    groups = m.groupdict()
    month = _MONTHS.index(groups["month"][:3].lower()) + 1 if groups.get("month") else int(groups["nmonth"])
    day, year = int(groups["day"]), int(groups["year"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1700 <= year <= 2100):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def unspace(text: str) -> str:
    """ "F I L E D" -> "FILED": letter-spaced headings read as words (same length is not kept)."""
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def _label_before(text: str, at: int) -> tuple[str, float] | None:
    """The label printed just before a date at ``at``: on the same line, or a stamp's label a few short
    lines above it."""
    before = text[max(0, at - 120) : at]
    m = _LABEL.search(before)
    # A label in running text ("the plan was filed January 26, 2010") is lower case; only the top of
    # page 1 is trusted with those ("electronically signed on 05/15/2019").
    if m and (m.group("label")[0].isupper() or at < 700):
        name, weight = next((n, w) for n, p, w in _LABELS if re.fullmatch(p, m.group("label"), re.IGNORECASE))
        # In a sentence it may be another paper's date ("the Turnover Order dated June 30, 2025"): it
        # yields to a docket header's.
        return name, weight if m.group("label")[0].isupper() else weight * 0.6
    for m in re.finditer(r"\b(FILED|ENTERED|DECIDED)\b", before):
        if _STAMP_GAP.fullmatch(before[m.end() :]):
            name = "decided" if m.group(1) == "DECIDED" else "filed"
            return name, _WEIGHTS[name]
    return None


# The docket's header as OCR splits it, one field a line: "Case 2:17-cv-00308-JAK-AFM" / "Document 129" /
# "Filed 09/18/19" / "Page1of25".
_ECF_FIELD = re.compile(r"^\s*(?:(?:Document|Doc\.?|DktEntry)[:#\s]*\d+[-\d]*|(?:Case|Appeal)[:\s]+\d[\w:.-]*)\s*$")


def _split_ecf(text: str, start: int) -> bool:
    """Whether the line at ``start`` follows a docket header's own fields, printed one a line."""
    end = text.rfind("\n", 0, start)  # the end of the line before
    for _ in range(2):
        if end < 0:
            return False
        begin = text.rfind("\n", 0, end) + 1
        if _ECF_FIELD.match(text[begin:end]):
            return True
        end = begin - 1
    return False


def _line_of(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end >= 0 else len(text)]


# A judge's signature line: "Dated: October 8, 2019", "DATED: New York, New York April 19, 2021", "Date: March 9,
# 2020"; a place may stand between the label and the date.
_SIGNED = re.compile(
    r"\b(?:Dated|DATED|Date|DATE|Signed|SIGNED)\s*[:.]?\s*(?:on\s+)?(?:[A-Z][A-Za-z.]+(?:,?\s+[A-Z][A-Za-z.]+){0,3},?\s+)?$"
)


def find_signed_date(number: int, raw: str) -> FoundDate | None:
    """The date by the signature at the end of a document's last page (``number``, ``raw``): a court's order
    or opinion is dated where the judge signs, which is often after the docket's header and its filed date."""
    text = unspace(raw)
    signed: list[tuple[int, str]] = []
    for pattern in _DATES:
        for m in pattern.finditer(text, max(0, len(text) - 2500)):
            iso = _iso(m)
            if not iso or _ECF.search(_line_of(text, m.start(), m.end())) or _split_ecf(text, m.start()):
                continue
            if _SIGNED.search(text[max(0, m.start() - 60) : m.start()]):
                signed.append((m.start(), iso))
    if not signed:
        return None
    return FoundDate(max(signed)[1], "signature", 0.75, number)


# A Federal Register page's running head: "Vol. 85, No. 152 / Thursday, August 6, 2020", the issue's date.
_ISSUE = re.compile(
    r"\bVol\.\s*\d+,\s*No\.\s*\d+\s*/?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s*"
)


def find_issue_date(pages: list[tuple[int, str]]) -> FoundDate | None:
    """The date of the Federal Register issue a rule is printed in, from its running head, or None."""
    for number, raw in pages:
        text = unspace(raw)
        for head in _ISSUE.finditer(text):
            for pattern in _DATES:
                m = pattern.match(text, head.end())
                iso = _iso(m) if m else ""
                if iso:
                    return FoundDate(iso, "Federal Register issue", 0.85, number)
    return None


def find_date(pages: list[tuple[int, str]]) -> FoundDate | None:
    """The document's own date from its first pages (``(number, text)``), or None."""
    found: list[tuple[float, int, FoundDate]] = []
    for index, (number, raw) in enumerate(pages):
        text = unspace(raw)
        for pattern in _DATES:
            for m in pattern.finditer(text):
                iso = _iso(m)
                if not iso:
                    continue
                order = index * 1_000_000 + m.start()
                line = _line_of(text, m.start(), m.end())
                label = _label_before(text, m.start())
                bare_line = line.strip().strip("()").strip(" .")
                if _ECF.search(line) or _split_ecf(text, m.start()):
                    kind, weight = "docket header", 0.55
                elif label is not None:
                    kind, weight = label
                    if weight == 0.0:
                        continue  # argued / submitted: not the document's date
                    paren = line.rfind("(", 0, m.start() - (text.rfind("\n", 0, m.start()) + 1))
                    if paren > 0 and line[:paren].strip():
                        continue  # "MEDIATION REPORT (Filed 10/11/17)": another paper's date
                    if paren == 0 and kind == "filed" and len(line) < 30 and not line.startswith("(Filed:"):
                        # "(Filed 06/12/2019)" alone under a list of motions in a court's minutes: the motions'
                        # date, below the form's own "Date" (a court's "(Filed: February 5, 2010)" is its own)
                        weight *= 0.6
                elif (
                    index == 0
                    and m.start() < 2000
                    and (
                        bare_line == m.group(0).strip()
                        or (bare_line.endswith(m.group(0).strip()) and len(bare_line) < 40)
                    )
                ):
                    kind, weight = "own line", 0.65  # a date alone on its line, as a decision date is printed
                elif index == 0 and m.start() < 700 and "(" not in text[max(0, m.start() - 25) : m.start()]:
                    kind, weight = "top of page 1", 0.4
                else:
                    continue
                # Page 1 outranks page 2 for equal labels; earlier outranks later.
                found.append((weight - 0.01 * index, -order, FoundDate(iso, kind, weight, number)))
    if not found:
        return None
    return max(found)[2]
