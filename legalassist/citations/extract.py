"""Legal citations in a document's text: where each one is, and which authority it names.

eyecite (Free Law Project) finds case, short-form, Id., supra and statute citations and resolves the
short forms to their antecedents. A few shapes common in U.S. opinions are outside what it parses, and
are added here with the same output: constitutional provisions ("U. S. Const., Art. II, § 1", "Fourth
Amendment"), U.S. Code citations written without "§" ("9 U.S.C. 2", "42 USC 1983"), bare section
references that lean on the last title cited ("§56", "§§ 51–60"), section lists ("17 U.S.C. §§101, 102,
113"), and docket numbers ("No. 16-405").

Every citation gets a *key*, the authority in one canonical form ("347 U.S. 483", "45 U.S.C. § 56",
"U.S. Const. amend. IV"), and *targets*: the strings a library document can be known by, used to link
the citation to a document in the library (parallel reporter citations, the case name, the docket).
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

CONSTITUTION = "U.S. Const."
# Raised whenever extraction finds more: a library found with an older version scans its documents again on open.
# 2: letter suffixes, Internal Revenue Code sections, state codes' short forms, neutral citations, soft hyphens.
# 3: "Section 1983" in words, a document's own code for bare sections, titled state codes and their lists,
#    "Id. § N", T.C. Memo. keys, short citations eyecite misreads beside a T.C. Memo.
SHAPES = 3
MAX_RANGE = 60  # "§§ 51–60" lists each section; longer ranges ("§§ 1–1000") name the first only
_NAME_STOP = {
    *("the", "of", "in", "re", "ex", "parte", "a", "an", "and", "for", "on", "matter", "estate"),
    # signals and connectives that eyecite can leave at the front of a case name
    *("see", "cf", "accord", "also", "but", "compare", "with", "e.g", "contra", "and", "quoting", "citing"),
}
# Clauses lawyers name instead of citing: "the Commerce Clause" is U.S. Const. art. I, § 8, cl. 3.
_CLAUSES = {
    "Appointments": "art. II, § 2",
    "Commerce": "art. I, § 8",
    "Compact": "art. I, § 10",
    "Confrontation": "amend. VI",
    "Contract": "art. I, § 10",
    "Contracts": "art. I, § 10",
    "Cruel and Unusual Punishments": "amend. VIII",
    "Double Jeopardy": "amend. V",
    "Due Process": "amend. XIV",
    "Emoluments": "art. I, § 9",
    "Equal Protection": "amend. XIV",
    "Establishment": "amend. I",
    "Excessive Fines": "amend. VIII",
    "Exceptions": "art. III, § 2",
    "Ex Post Facto": "art. I, § 9",
    "Free Exercise": "amend. I",
    "Free Speech": "amend. I",
    "Full Faith and Credit": "art. IV, § 1",
    "Guarantee": "art. IV, § 4",
    "Necessary and Proper": "art. I, § 8",
    "Privileges and Immunities": "art. IV, § 2",
    "Privileges or Immunities": "amend. XIV",
    "Recess Appointments": "art. II, § 2",
    "Self-Incrimination": "amend. V",
    "Spending": "art. I, § 8",
    "Supremacy": "art. VI",
    "Suspension": "art. I, § 9",
    "Takings": "amend. V",
}
_CLAUSE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(c) for c in _CLAUSES), key=len, reverse=True)) + r")\s+Clauses?\b"
)
# "Article III of the Constitution", "the Constitution", "the United States Constitution": references to
# the Constitution as a whole or a part, without a formal citation. "The Kentucky Constitution" is not one.
_CONST_WORDS = re.compile(
    r"\bArt(?:icle|\.)\s+(?P<art>[IVX]+)(?:,\s*§\s*(?P<sec>\d+))?(?:,\s*cl\.\s*\d+)?\s+of\s+the\s+"
    r"(?:United\s+States\s+|U\.\s?S\.\s|Federal\s+)?Constitu-?\s*tion"
    r"|\b(?:the|our|federal|Federal)\s+Constitu-?\s*tion\b(?!\s+of\s+(?!the\s+United\s+States))"
    r"|\b(?:United\s+States|U\.\s?S\.)\s+Constitution\b|\bConstitution\s+of\s+the\s+United\s+States\b"
)
# "Buck v. Davis" (up to a few capitalised words a side); "Buck v. Davis, ante, at 22" is a case decided the
# same Term, cited by name alone.
_PARTIES = (
    r"\b(?P<p>[A-Z][\w.'’&\-]*(?:\s+(?:[A-Z][\w.'’&\-]*|of|the|and|&)){0,6})\s+v\.{dot}\s+"
    r"(?P<d>[A-Z][\w.'’&\-]*(?:\s+(?:[A-Z][\w.'’&\-]*|of|the|and|&|de)){0,8})"
)
_CASE_NAME = re.compile(_PARTIES.replace("{dot}", "?"))
_ANTE = re.compile(_PARTIES.replace("{dot}", "") + r",\s+(?:ante|post)\b")

# Words near a citing passage that say how the citing court treated the authority.
_TREATMENT = re.compile(
    r"\b(overrul(?:ed|ing)|abrogat(?:ed|ing)|distinguish(?:ed|ing|able)|supersed(?:ed|ing)|"
    r"questioned|called into question|disapprov(?:ed|ing)|criticiz(?:ed|ing)|limited to its facts|followed)\b",
    re.IGNORECASE,
)
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
ROMAN = tuple(f"{t}{u}" for t in ("", "X", "XX") for u in ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"))[
    1:28
]
_ROMAN_VALUE = {r: i + 1 for i, r in enumerate(ROMAN)}
_AMENDMENT_WORD = re.compile(
    # "Twenty-first" as the Court writes it, or "Twenty-First"
    r"\b((?:Twenty-(?i:" + "|".join(_ORDINALS) + r"))|(?:" + "|".join(o.capitalize() for o in _ORDINALS) + r"))"
    r"\s+Amendments?\b"
    r"(?!\s+(?:to|To|TO|and\s+Restated|of\s+(?:the\s+)?(?:Agreement|Lease|Credit|Loan|Note)))"  # a contract's
)
_CONST = re.compile(
    r"\bU\.\s?S\.\s?Const(?:itution)?\.?"
    r"(?:,?\s*(?P<kind>Art(?:icle|\.)?|Amdts?\.|amend\.|Amend(?:ment)?\.?)\s*(?P<num>[IVX]+|\d+)\b)?"
    r"(?:,?\s*§\s*(?P<sec>\d+))?(?:,\s*cl\.\s*(?P<cl>\d+))?",
)
_USC_LOOSE = re.compile(
    r"\b(?P<title>\d{1,2})\s*U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?\s*(?:§§?\s*)?(?P<sec>\d{1,5}[a-zA-Z]{0,2}(?:-\d+)?)\b(?!\.\d)"
)
_SECTION_REF = re.compile(r"§§?\s*(?P<sec>\d{1,5}[a-zA-Z]?)\b(?![.:]\d|\[)")
_SECTION_MORE = re.compile(
    r"(?:\s*\([a-zA-Z0-9]{1,4}\))*(?:(?P<range>\s*[–—-]\s*)|,?\s*(?:and|or|,)\s*)(?:§\s*)?(?P<sec>\d{1,5}[a-zA-Z]?)\b"
    r"(?![.:]\d|\s*(?:Stat\.|U\.\s?S|F\.|S\.\s?Ct))"  # not "924.2", "3:151" or the volume of "25 Stat. 434"
)
_DOCKET = re.compile(r"\bNos?\.\s+(?P<num>\d{1,2}[-–]\d{1,5})\b")
# The Internal Revenue Code is title 26: "I.R.C. § 61", "section 61 of the Internal Revenue Code", and, in a
# document that names the Internal Revenue Code, "section 61 of the Code" / "Code section 61".
_IRC = re.compile(
    r"\bI\.\s?R\.\s?C\.\s*(?:§§?\s*)?(?P<sec>\d{1,4}[A-Za-z]?)\b"
    r"|\b[Ss]ection\s+(?P<sec2>\d{1,4}[A-Za-z]?)(?:\([a-zA-Z0-9]{1,4}\))*\s+of\s+the\s+Internal\s+Revenue\s+Code\b"
)
_IRC_SHORT = re.compile(
    r"\b[Ss]ection\s+(?P<sec>\d{1,4}[A-Za-z]?)(?:\([a-zA-Z0-9]{1,4}\))*\s+of\s+the\s+Code\b"
    r"|\bCode\s+(?:[Ss]ection|§)\s*(?P<sec2>\d{1,4}[A-Za-z]?)\b"
)
# State codes in the short forms practitioners write (eyecite reads the long ones, "N.C. Gen. Stat. § 14-306.4"),
# keyed as the long form.
_STATE_CODES = {
    re.compile(r"\bN\.\s?C\.\s?G\.\s?S\.\s*(?:§§?\s*)?(?P<sec>\d{1,3}[A-Z]?-\d+(?:\.\d+)*)"): "N.C. Gen. Stat. § {}",
    re.compile(
        r"\bN\.\s?J\.\s?(?:S\.\s?A\.|Stat\.\s?Ann\.)\s*(?:§§?\s*)?"
        r"(?P<sec>\d{1,3}[A-Z]{0,2}:\d+[A-Z]?(?:-\d+(?:\.\d+)*)?)"
    ): "N.J. Stat. Ann. § {}",
}
# A state code cited by title and section: "Okla. Stat. Ann. tit. 22, § 991a", "Okla. Stat. tit.10, § 7306-2.9"
# (eyecite reads these only with a space after "tit." and a section without a letter).
_TITLED_CODE = re.compile(
    r"\b(?P<code>(?:[A-Z][a-z]{1,5}\.\s?){1,2}Stat\.(?:\s?Ann\.)?)\s*tit\.\s*(?P<title>\d{1,3}[A-Z]?),?\s*§§?\s*"
    r"(?P<sec>\d{1,5}[A-Za-z]{0,2}(?:[-.:]\d+[A-Za-z]{0,2})*)"
)
# Later sections of a list after a code's section with its own punctuation ("§§ 7301-1.3(4), 7303-4.3(A)"):
# each must be shaped like the first (same separators), so a year or page number is not taken.
_CODE_MORE = re.compile(
    r"(?:\s*\([a-zA-Z0-9]{1,4}\)(?:\s*[-–]\s*\([a-zA-Z0-9]{1,4}\))?)*(?:\s*,\s*\([a-zA-Z0-9]{1,4}\))*"
    r",?\s*(?:and|or|,)\s*(?:§\s*)?(?P<sec>\d{1,5}[A-Za-z]{0,2}(?:[-.:]\d+[A-Za-z]{0,2})+)"
)
# "Id. § 7303-4.6(A)": the code of the citation before, another section of it.
_ID_SECTION = re.compile(r"\s*(?:§|[Ss]ec(?:tion|\.))\s*(?P<sec>\d{1,5}[A-Za-z]{0,2}(?:[-.:]\d+[A-Za-z]{0,2})*)")
# A document that says which code its bare section numbers belong to: "Unless otherwise indicated, all section
# references are to the Internal Revenue Code"; "section references are to title 11 of the United States Code".
_SECTION_HOME = re.compile(
    r"section\s+references\s+(?:herein\s+)?are\s+to\s+(?:the\s+)?"
    r"(?:(?P<irc>Internal\s+Revenue\s+Code)|(?P<bankruptcy>Bankruptcy\s+Code)"
    r"|title\s+(?P<title>\d{1,2}),?\s+(?:of\s+the\s+)?(?:United\s+States|U\.\s?S\.)\s+Code)",
    re.IGNORECASE,
)
_BARE_SECTION = re.compile(
    r"\b(?:[Ss]ections?|[Ss]ecs?\.|§§?)\s*(?P<sec>\d{1,5}[A-Za-z]{0,2})(?=\(|\b)(?![.:]\d|\s+of\s+(?:the|this)\s+(?!Code\b))"
)
# Neutral (public-domain) citations: "2021-NCSC-57", "2010-Ohio-1234", "2019 ND 12", "2020 IL App (1st) 190345".
_NEUTRAL = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})-(?P<court>[A-Z][A-Za-z]{1,7})-(?P<num>\d{1,6})\b"
    r"|\b(?P<year2>(?:19|20)\d{2})\s(?P<court2>IL(?:\sApp(?:\s\((?:1st|2d|3d|4th|5th)\))?)?|ND|SD|WI|WY|OK|MT|UT|VT|ME|NM)"
    r"\s(?P<num2>\d{1,6})\b"
)


@dataclass(frozen=True)
class FoundCitation:
    """One citation as written on one page."""

    page: int
    start: int  # span in the page text
    end: int
    kind: str  # case, statute, constitution, docket, journal, short, id, supra
    text: str  # the page text of the span
    key: str  # the authority, canonical: "347 U.S. 483", "45 U.S.C. § 56", "U.S. Const. amend. IV"
    targets: tuple[str, ...]  # names a library document may be known by (see document_targets)
    pin: str = ""
    name: str = ""  # the case name, when written
    treatment: str = ""  # a treatment word near the citation ("overruled"), from this text only


@dataclass
class _Authority:
    key: str
    targets: tuple[str, ...]
    name: str = ""


@dataclass
class _Text:
    """Pages joined into one string, with the way back to (page, offset)."""

    pages: Sequence[tuple[int, str]]
    starts: list[int] = field(default_factory=list)
    text: str = ""

    def __post_init__(self) -> None:
        parts, pos = [], 0
        for _, page_text in self.pages:
            self.starts.append(pos)
            parts.append(page_text)
            pos += len(page_text) + 1
        self.text = "\n".join(parts)
        # eyecite reads "581 U. S. 116" but not "581 \nU. S. 116" as laid out on a page: it gets the text
        # with each run of whitespace made one space, and its spans are mapped back. Where a run was
        # shortened, the clean text's offsets shift: ``_at`` holds the clean offsets where the shift
        # changes and ``_shift`` the shift from there on.
        pieces: list[str] = []
        self._at, self._shift = [0], [0]
        removed = last = 0
        # A soft hyphen (and a line break after it) is dropped: "Cal\xadder" is "Calder".
        for m in re.finditer(r"\xad\s*|\s+", self.text):
            s, e = m.span()
            if e - s == 1 and self.text[s] == " ":
                continue
            replacement = "" if self.text[s] == "\xad" else " "
            pieces += (self.text[last:s], replacement)
            last = e
            self._at.append(s - removed + len(replacement))  # the clean offset just after this run
            removed += e - s - len(replacement)
            self._shift.append(removed)
        pieces.append(self.text[last:])
        self.clean = "".join(pieces)

    def _original(self, clean_pos: int) -> int:
        return clean_pos + self._shift[bisect.bisect_right(self._at, clean_pos) - 1]

    def span(self, clean_span: tuple[int, int]) -> tuple[int, int]:
        """The span in ``text`` of a span in ``clean``."""
        s, e = clean_span
        return self._original(s), (self._original(e - 1) + 1 if e > s else self._original(s))

    def locate(self, start: int, end: int) -> tuple[int, int, int, str] | None:
        """(page number, start, end, page text slice) of a span, clipped to the page it starts on."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        number, page_text = self.pages[i]
        s = start - self.starts[i]
        e = min(end - self.starts[i], len(page_text))
        if e <= s:
            return None
        return number, s, e, page_text[s:e]


def _tune_eyecite() -> None:
    """eyecite as used here: quiet, with the three shortcuts below in place (each installed once)."""
    # eyecite reports parsing oddities ("Unknown overlap case ...") as warnings; they are not the user's.
    logging.getLogger("eyecite").setLevel(logging.ERROR)
    _remember_courts()
    _skip_reference_citations()
    _hash_extractors_once()


def _skip_reference_citations() -> None:
    """eyecite looks, after each full case citation, for later mentions of the case by name with a pin
    ("Brown, at 495"), compiling a regular expression for each citation: a fifth of citation extraction on
    the sample corpus. Those references are not used here (short forms, Id. and supra are), so the search
    is skipped. An "Id." after such a mention now resolves to the last citation proper before it: over the
    sample corpus that changed 3 of 7,438 citations, each an Id. of a non-case source (a treatise, an
    address) that had resolved to a wrong case through a reference."""
    from eyecite import find

    if getattr(find.extract_reference_citations, "__name__", "") != "_no_references":

        def _no_references(citation: Any, document: Any) -> list[Any]:
            return []

        find.extract_reference_citations = _no_references


def _hash_extractors_once() -> None:
    """eyecite puts the extractors that may match a text in a set, hashing each by its ``repr`` (its whole
    regular expression) on every insertion, thousands of times per document; the hash is kept instead."""
    from eyecite.models import TokenExtractor

    if getattr(TokenExtractor.__hash__, "__name__", "") != "_kept_hash":
        by_repr = TokenExtractor.__hash__

        def _kept_hash(self: Any) -> int:
            try:
                return int(self.__dict__["_legalassist_hash"])
            except KeyError:
                value = self.__dict__["_legalassist_hash"] = by_repr(self)
                return int(value)

        TokenExtractor.__hash__ = _kept_hash  # type: ignore[method-assign]


def _remember_courts() -> None:
    """eyecite finds the court of a parenthetical ("CA7 2013") by normalising the name of each of its
    ~3,000 courts with a regular expression, every time: over a quarter of citation extraction on the
    sample corpus. The names are normalised once here and the same search (first exact match, else the
    last prefix match) runs over them; each answer is also remembered, as it depends on the string alone."""
    from eyecite import helpers

    global eyecite_court_by_paren
    if not hasattr(helpers.get_court_by_paren, "cache_info"):
        eyecite_court_by_paren = helpers.get_court_by_paren
        helpers.get_court_by_paren = functools.lru_cache(maxsize=4096)(court_by_paren)


eyecite_court_by_paren: Any = None  # eyecite's own lookup, replaced by the one below (kept for comparison)


@functools.cache
def _court_names() -> tuple[tuple[str, str], ...]:
    import regex  # eyecite's regular expressions: their word characters differ slightly from re's
    from courts_db import courts

    return tuple((regex.sub(r"[^\w]", "", c["citation_string"]).lower(), c["id"]) for c in courts)


def court_by_paren(paren: str) -> str | None:
    """eyecite's ``get_court_by_paren``, answer for answer, with the court names normalised once."""
    import regex

    wanted = regex.sub(r"[^\w]", "", paren).lower()
    if not wanted:
        return None
    found = None
    for name, court_id in _court_names():
        if name == wanted:
            return str(court_id)
        if name.startswith(wanted):
            found = court_id
    return found


def normalise_section(section: str) -> str:
    return re.sub(r"\(.*", "", section).strip().rstrip(".,;")


def usc_key(title: str, section: str) -> str:
    return f"{int(title)} U.S.C. § {normalise_section(section)}"


def _first_word(party: str) -> str:
    """A party's first significant word, lowercased: what a case name is matched by."""
    for word in re.findall(r"[\w'’\-]+", party):
        if any(ch.isdigit() for ch in word):
            continue  # a docket or court code in a title made from a file name
        w = word.lower().replace("’", "'")
        if w not in _NAME_STOP and len(w) > 1:
            return w
    return ""


def name_target(plaintiff: str, defendant: str) -> str:
    """'name:buck v davis' from the parties: the first significant word of each, lowercased."""
    p, d = _first_word(plaintiff), _first_word(defendant)
    return f"name:{p} v {d}" if p and d else ""


def case_name_target(title: str) -> str:
    """The name target of a case title such as "Kemp v. United States"."""
    parts = re.split(r"\s+v\.?\s+", title, maxsplit=1)
    return name_target(parts[0], parts[1]) if len(parts) == 2 else ""


_NOT_A_PERSON = re.compile(
    r"\b(?:Inc|Co|Corp|Company|Corporation|LLC|L\.\s?L\.\s?C|Ltd|Bank|Board|Department|Dept|Commission|"
    r"Authority|District|Dist|County|City|State|States|Association|University|Services|Group|Trust|Union|"
    r"Regional|Railway|Railroad|Resources|Products|Brands|Schools?|Centers?|Holdings|Partners)\b"
)


def case_name_targets(title: str) -> set[str]:
    """The names a case is cited by, from its caption's title: "Ray White v. Daniel T. Pauly" is cited as
    "White v. Pauly", "National Labor Relations Board v. SW General" as "NLRB v. SW General"."""

    def forms(party: str) -> set[str]:
        words = re.findall(r"[A-Za-z][\w'’\-]*", party)
        out = {_first_word(party)}
        person = 2 <= len(words) <= 3 and all(w[0].isupper() for w in words) and not party.rstrip().endswith(".")
        if person and not _NOT_A_PERSON.search(party):
            out.add(words[-1].lower().replace("’", "'"))  # a person: cited by the surname
        else:
            capitals = [w for w in words if w[0].isupper() and w.lower() not in _NAME_STOP]
            if len(capitals) >= 3:
                out.add("".join(w[0] for w in capitals).lower())  # an agency: cited by its initials
        return {f for f in out if f}

    parts = re.split(r"\s+v\.?\s+", title, maxsplit=1)
    if len(parts) != 2:
        return set()
    return {f"name:{p} v {d}" for p in forms(parts[0]) for d in forms(parts[1])}


def token(target: str) -> str:
    """A target as one keyword-index token: lowercase letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", target.lower().replace("§", "s"))


def _constitution_key(kind: str | None, num: str | None, sec: str | None) -> str:
    if not kind or not num:
        return CONSTITUTION
    n = _ROMAN_VALUE.get(num.upper(), 0) if not num.isdigit() else int(num)
    roman = ROMAN[n - 1] if 0 < n <= 27 else num
    part = "art." if kind.lower().startswith("art") else "amend."
    key = f"{CONSTITUTION} {part} {roman}"
    return f"{key}, § {sec}" if sec and part == "art." else key


def _amendment_key(words: str) -> str:
    """ "Fourth" -> U.S. Const. amend. IV; "Twenty-Fifth" -> amend. XXV."""
    ordinal = words.lower().removeprefix("twenty-")
    n = _ORDINALS.index(ordinal) + 1 + (20 if ordinal != words.lower() else 0)
    return f"{CONSTITUTION} amend. {ROMAN[n - 1]}" if n <= len(ROMAN) else CONSTITUTION


def _more_sections(text: str, pos: int, first: str) -> tuple[list[str], int]:
    """Sections listed after a first one ("§§101, 102(a), 113", "§§ 51–60"): the extra ones and where
    the list ends."""
    found: list[str] = []
    last = first
    while True:
        m = _SECTION_MORE.match(text, pos)
        if not m:
            break
        sec = m.group("sec")
        if m.group("range") is not None and last.isdigit() and sec.isdigit():
            lo, hi = int(last), int(sec)
            if lo < hi <= lo + MAX_RANGE:
                found += [str(n) for n in range(lo + 1, hi + 1)]
            else:
                found.append(sec)
        else:
            found.append(sec)
        last, pos = sec, m.end()
    return found, pos


def _with_section(key: str, section: str) -> str:
    """A code citation's key for another section of the same code: "Okla. Stat. Ann. tit. 10, § 7303-4.6"."""
    code, _, _ = key.rpartition("§")
    return f"{code}§ {normalise_section(section)}"


def _section_shape(section: str) -> str:
    return re.sub(r"[A-Za-z]", "", re.sub(r"\d+", "9", normalise_section(section)))


def _code_sections(text: str, pos: int, key: str) -> list[tuple[str, int]]:
    """Sections listed after a state code's first ("§§ 7301-1.3(4), 7303-4.3(A)"), with where each ends;
    each is shaped like the first (one separator pattern), so a year or a page is not taken for one."""
    first = key.rpartition("§")[2].strip()
    shape = _section_shape(first)
    if not re.search(r"[-.:]", shape):
        return []
    out: list[tuple[str, int]] = []
    while (m := _CODE_MORE.match(text, pos)) and _section_shape(m.group("sec")) == shape:
        out.append((m.group("sec"), m.end()))
        pos = m.end()
    return out


def _page_before(key: str, pin: str) -> bool:
    """Whether a pin page can fall inside the case a citation key ("81 T.C. 821") starts."""
    page = key.rsplit(" ", 1)[-1]
    return page.isdigit() and pin.isdigit() and int(page) <= int(pin)


def _treatment(text: str, start: int, end: int) -> str:
    window = text[max(0, start - 200) : end + 120]
    best = ""
    best_dist = 10**9
    centre = min(start, 200)
    for m in _TREATMENT.finditer(window):
        dist = abs(m.start() - centre)
        if dist < best_dist:
            best, best_dist = m.group(1).lower(), dist
    return best


def _authority_of(cite: Any) -> _Authority | None:
    """The authority a full citation (eyecite object) names."""
    from eyecite.models import FullCaseCitation, FullJournalCitation, FullLawCitation

    if isinstance(cite, FullLawCitation):
        reporter = cite.corrected_reporter()
        title, section = cite.groups.get("title"), cite.groups.get("section")
        if reporter in ("U.S.C.", "U.S.C.A.") and title and section:
            key = usc_key(title, section)
            return _Authority(key, (key,))
        key = cite.corrected_citation().replace("§§", "§")
        return _Authority(key, (key,))
    if isinstance(cite, FullCaseCitation):
        g = cite.groups
        reporter = cite.corrected_reporter()
        md = cite.metadata
        name = name_target(md.plaintiff or "", md.defendant or "")
        if g.get("page") and re.search(rf"\b{re.escape(g['volume'])}-{re.escape(g['page'])}\b", cite.matched_text()):
            key = f"{reporter} {g['volume']}-{g['page']}"  # a year-numbered reporter: "T.C. Memo. 2006-125"
            targets: tuple[str, ...] = (key,)
        elif g.get("page"):
            key = f"{g['volume']} {reporter} {g['page']}"
            targets = (key, name) if name else (key,)
        elif name:  # "Buck v. Davis, 580 U. S. ___": a slip opinion's blank page; only its name can link it
            key = f"{g['volume']} {reporter} ___"
            targets = (name,)
        else:  # "Cite as: 581 U. S. ____ (2017)": a running head, the document's own, naming nothing
            return None
        label = " ".join(f"{md.plaintiff} v. {md.defendant}".split()) if md.plaintiff and md.defendant else ""
        return _Authority(key, targets, label)
    if isinstance(cite, FullJournalCitation):
        key = cite.corrected_citation()
        return _Authority(key, ())
    return None


def extract_citations(pages: Sequence[tuple[int, str]]) -> list[FoundCitation]:
    """Every citation in a document, given as (page number, page text) pairs, in reading order."""
    from eyecite import get_citations, resolve_citations
    from eyecite.models import (
        FullCaseCitation,
        FullCitation,
        FullLawCitation,
        IdCitation,
        ShortCaseCitation,
        SupraCitation,
        UnknownCitation,
    )

    _tune_eyecite()
    doc = _Text(pages)
    text = doc.text
    if not text.strip():
        return []  # a scanned document with no text layer
    cites = get_citations(doc.clean)
    found: list[tuple[int, int, str, _Authority, str]] = []  # (start, end, kind, authority, pin)
    taken: list[tuple[int, int]] = []

    # Full citations; parallel case citations (one shared full span) are one authority.
    by_cite: dict[int, _Authority] = {}
    group_of_span: dict[tuple[int, int], _Authority] = {}
    misread_short: list[Any] = []
    for c in cites:
        if not isinstance(c, FullCitation):
            continue
        if isinstance(c, FullCaseCitation) and str(c.groups.get("reporter", "")).endswith(" at"):
            misread_short.append(c)  # "81 T.C. at 828", taken for a reporter "T.C. at" (eyecite, beside a T.C. Memo.)
            continue
        auth = _authority_of(c)
        if auth is None:
            continue
        start, end = doc.span(c.span())
        if isinstance(c, FullCaseCitation):
            full = doc.span(c.full_span())
            lead = group_of_span.get(full)
            if lead is not None:
                # A parallel citation: fold its targets into the first, prefer the U.S. Reports key.
                lead.targets = tuple(dict.fromkeys(lead.targets + auth.targets))
                if " U.S. " in auth.key and " U.S. " not in lead.key and "___" not in auth.key:
                    lead.key = auth.key
                by_cite[id(c)] = lead
                taken.append((start, end))
                continue
            group_of_span[full] = auth
            start = max(full[0], start - 150)
            end = max(end, min(full[1], end + 40))
        by_cite[id(c)] = auth
        kind = "case" if isinstance(c, FullCaseCitation) else "statute" if isinstance(c, FullLawCitation) else "journal"
        pin = str(c.metadata.pin_cite or "")
        found.append((start, end, kind, auth, pin))
        taken.append((start, end))
        if isinstance(c, FullLawCitation) and " U.S.C. § " in auth.key:
            title, _, first = auth.key.partition(" U.S.C. § ")
            extra, list_end = _more_sections(text, end, first)
            for sec in extra:
                k = usc_key(title, sec)
                found.append((start, list_end, "statute", _Authority(k, (k,)), ""))
        elif isinstance(c, FullLawCitation) and "§" in auth.key:
            for sec, list_end in _code_sections(text, end, auth.key):
                k = _with_section(auth.key, sec)
                found.append((start, list_end, "statute", _Authority(k, (k,)), ""))
    for c in misread_short:
        volume, reporter = c.groups.get("volume", ""), c.groups["reporter"].removesuffix(" at")
        pin = c.groups.get("page", "")
        s, e = doc.span(c.span())
        leads = [
            a
            for (fs, _), a in group_of_span.items()
            if fs < s and a.key.startswith(f"{volume} {reporter} ") and _page_before(a.key, pin)
        ]
        if leads:
            found.append((s, e, "short", leads[-1], pin))
            taken.append((s, e))

    # Short forms, Id. and supra: the authority of their antecedent.
    try:
        resolutions = resolve_citations(cites)
    except Exception:  # eyecite's resolver is best effort; an odd document keeps its full citations
        resolutions = {}
    for resource, members in resolutions.items():
        auth = by_cite.get(id(getattr(resource, "citation", None)))
        if auth is None:
            continue
        for c in members:
            kind = (
                "short"
                if isinstance(c, ShortCaseCitation)
                else "id"
                if isinstance(c, IdCitation)
                else "supra"
                if isinstance(c, SupraCitation)
                else ""
            )
            if kind:
                s, e = doc.span(c.span())
                named = auth
                after = _ID_SECTION.match(text, e) if kind == "id" and "§" in auth.key else None
                if after:  # "Id. § 7303-4.6(A)": another section of the code cited before
                    k = _with_section(auth.key, after.group("sec"))
                    named, e = _Authority(k, (k,)), after.end()
                found.append((s, e, kind, named, str(c.metadata.pin_cite or "")))
                taken.append((s, e))

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    def claim(s: int, e: int, kind: str, auth: _Authority) -> None:
        """Keep a citation found by the added shapes unless eyecite (or an earlier shape) has the span."""
        if free(s, e):
            found.append((s, e, kind, auth, ""))
            taken.append((s, e))

    # Shapes eyecite leaves out, in text order so a bare "§56" takes the title cited before it.
    extras: list[tuple[int, int, str, Any]] = []
    extras += [(m.start(), m.end(), "const", m) for m in _CONST.finditer(text)]
    extras += [(m.start(), m.end(), "amend", m) for m in _AMENDMENT_WORD.finditer(text)]
    extras += [(m.start(), m.end(), "usc", m) for m in _USC_LOOSE.finditer(text)]
    extras += [(m.start(), m.end(), "docket", m) for m in _DOCKET.finditer(text)]
    extras += [(m.start(), m.end(), "irc", m) for m in _IRC.finditer(text)]
    if re.search(r"Internal\s+Revenue\s+Code|\bI\.\s?R\.\s?C\.", text):
        extras += [(m.start(), m.end(), "irc", m) for m in _IRC_SHORT.finditer(text)]
    for pattern in _STATE_CODES:
        extras += [(m.start(), m.end(), "state", m) for m in pattern.finditer(text)]
    extras += [(m.start(), m.end(), "titled", m) for m in _TITLED_CODE.finditer(text)]
    extras += [(m.start(), m.end(), "neutral", m) for m in _NEUTRAL.finditer(text)]
    home = _SECTION_HOME.search(text)
    home_title = (
        "" if home is None else "26" if home.group("irc") else "11" if home.group("bankruptcy") else home.group("title")
    )
    extras += [(m.start(), m.end(), "bare", m) for m in _BARE_SECTION.finditer(text)]
    extras += [(m.start(), m.end(), "clause", m) for m in _CLAUSE.finditer(text)]
    extras += [(m.start(), m.end(), "words", m) for m in _CONST_WORDS.finditer(text)]
    extras += [(m.start(), m.end(), "ante", m) for m in _ANTE.finditer(text)]
    extras += [(*doc.span(c.span()), "section", c) for c in cites if isinstance(c, UnknownCitation)]
    # A bare "§56" names a section cited in full somewhere in the document ("45 U.S.C. §56"); when the
    # section was never cited with its title, it is more likely a treatise's or an Act's section than the
    # Code's, and is left alone.
    full_sections: dict[str, list[tuple[int, str]]] = {}
    for s, e, what, m in extras:
        if what == "usc" and free(s, e):
            full_sections.setdefault(normalise_section(m.group("sec")), []).append((s, m.group("title")))
    for s, _, kind, a, _ in found:
        if kind == "statute" and " U.S.C. § " in a.key:
            title, _, sec = a.key.partition(" U.S.C. § ")
            full_sections.setdefault(sec, []).append((s, title))

    def title_for(section: str, pos: int) -> str:
        places = full_sections.get(section, [])
        before = [t for p, t in places if p < pos]
        return before[-1] if before else (places[0][1] if places else "")

    for s, e, what, m in sorted(extras, key=lambda x: x[0]):
        if what in ("const", "amend", "clause", "words"):
            if what == "const":
                key = _constitution_key(m.group("kind"), m.group("num"), m.group("sec"))
            elif what == "amend":
                key = _amendment_key(m.group(1))
            else:
                part = _CLAUSES[m.group(1)] if what == "clause" else ""
                if what == "words" and m.group("art"):
                    part = f"art. {m.group('art')}" + (f", § {m.group('sec')}" if m.group("sec") else "")
                key = f"{CONSTITUTION} {part}" if part else CONSTITUTION
            claim(s, e, "constitution", _Authority(key, (CONSTITUTION,)))
        elif what == "usc":
            key = usc_key(m.group("title"), m.group("sec"))
            claim(s, e, "statute", _Authority(key, (key,)))
        elif what == "irc":
            key = usc_key("26", m.group("sec") or m.group("sec2"))
            claim(s, e, "statute", _Authority(key, (key,)))
        elif what == "neutral":
            if m.group("year"):
                key = f"{m.group('year')}-{m.group('court')}-{m.group('num')}"
            else:
                key = " ".join(f"{m.group('year2')} {m.group('court2')} {m.group('num2')}".split())
            claim(s, e, "case", _Authority(key, (key,)))
        elif what == "titled":
            key = f"{' '.join(m.group('code').split())} tit. {m.group('title')}, § {normalise_section(m.group('sec'))}"
            if free(s, e):
                claim(s, e, "statute", _Authority(key, (key,)))
                for sec, list_end in _code_sections(text, e, key):
                    k = _with_section(key, sec)
                    found.append((s, list_end, "statute", _Authority(k, (k,)), ""))
                    taken.append((s, list_end))
        elif what == "bare":  # "section 465(b)(2)(A)", "sec. 7482(b)", "Section 1635(a)"
            title = home_title or title_for(m.group("sec"), s)
            if title and free(s, e):
                key = usc_key(title, m.group("sec"))
                claim(s, e, "statute", _Authority(key, (key,)))
        elif what == "state":  # a state code's short form
            key = _STATE_CODES[m.re].format(m.group("sec"))
            claim(s, e, "statute", _Authority(key, (key,)))
        elif what == "ante":
            name = name_target(m.group("p"), m.group("d"))
            if name:
                plaintiff = re.sub(r"^(?:See|Cf\.|Accord|But|Compare|And|In)\s+", "", m.group("p"))
                label = " ".join(f"{plaintiff} v. {m.group('d')}".split())
                claim(s, e, "case", _Authority(label, (name,), label))
        elif what == "docket":
            if re.search(r"(?:Rep|Doc|Res|Pub|Sess)\.\s*$", text[max(0, s - 12) : s]):
                continue  # "H. R. Rep. No. 94–1476": a congressional report, not a docket
            num = m.group("num").replace("–", "-")
            found.append((s, e, "docket", _Authority(f"No. {num}", (f"docket:{num}",)), ""))
        elif what == "section":
            ref = _SECTION_REF.match(text, s)
            if ref is None or not free(s, ref.end()):
                continue
            title = home_title or title_for(ref.group("sec"), s)
            if not title:
                continue
            more, end = _more_sections(text, ref.end(), ref.group("sec"))
            end = max(end, ref.end())
            for sec in [ref.group("sec"), *more]:
                k = usc_key(title, sec)
                found.append((s, end, "statute", _Authority(k, (k,)), ""))
            taken.append((s, end))

    # "Id. § 7306-2.6" that eyecite left unresolved (the "§" between breaks its chain): another section of the
    # code cited just before.
    resolved = {id(c) for members in resolutions.values() for c in members}
    for c in cites:
        if isinstance(c, IdCitation) and id(c) not in resolved:
            s, e = doc.span(c.span())
            after = _ID_SECTION.match(text, e)
            before = [f for f in found if f[0] < s]
            if after and before and free(s, after.end()):
                last = max(before, key=lambda f: f[0])[3]
                if "§" in last.key:
                    k = _with_section(last.key, after.group("sec"))
                    found.append((s, after.end(), "id", _Authority(k, (k,)), ""))
                    taken.append((s, after.end()))

    out: list[FoundCitation] = []
    seen: set[tuple[int, int, str]] = set()
    for s, e, kind, auth, pin in sorted(found, key=lambda f: (f[0], f[1])):
        if (s, e, auth.key) in seen:
            continue
        seen.add((s, e, auth.key))
        where = doc.locate(s, e)
        if where is None:
            continue
        number, ps, pe, snippet = where
        out.append(
            FoundCitation(
                number,
                ps,
                pe,
                kind,
                snippet,
                auth.key,
                tuple(t for t in auth.targets if t),
                pin,
                auth.name,
                _treatment(text, s, e) if kind in ("case", "short", "id", "supra") else "",
            )
        )
    return out


def query_citations(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Authorities named in a search query, as (key, targets): "45 U.S.C. 56", "§ 56 of title 45",
    "347 U.S. 483", "Fourth Amendment" ..."""
    m = re.search(r"§+\s*(\d{1,5}[a-z]?)\s+of\s+title\s+(\d{1,2})\b", text, re.IGNORECASE)
    if m:
        text = text[: m.start()] + f"{m.group(2)} U.S.C. § {m.group(1)}" + text[m.end() :]
    seen: dict[str, tuple[str, ...]] = {}
    found = extract_citations([(1, text)])
    for c in found:
        if c.kind in ("case", "statute", "constitution") and c.targets:
            seen.setdefault(c.key, c.targets if c.kind != "constitution" else (c.key, CONSTITUTION))
    # A case named without a reporter ("Buck v. Davis"): its name is the citation.
    for m in _CASE_NAME.finditer(text):
        name = name_target(m.group("p"), m.group("d"))
        if name and not any(c.start < m.end() and m.start() < c.end for c in found if c.kind == "case"):
            seen.setdefault(" ".join(m.group(0).split()), (name,))
    return list(seen.items())


def match_targets(key: str, targets: Sequence[str]) -> list[str]:
    """What a named authority matches in other documents' citations: a constitutional provision ("U.S.
    Const. amend. IV") only citations of that provision, not of the whole; anything else, all its names."""
    return [key] if key.startswith(CONSTITUTION) and key != CONSTITUTION else list(dict.fromkeys((key, *targets)))


def document_targets(doc_type: str, title: str, citation: str, head: str) -> set[str]:
    """What a library document can be cited as: its reporter or code citation, its case name, its
    docket number, or the Constitution."""
    targets: set[str] = set()
    if doc_type == "constitution":
        targets.add(CONSTITUTION)
    if citation:
        targets |= {c.key for c in extract_citations([(1, citation)]) if c.kind in ("case", "statute")}
    if doc_type in ("opinion", "order"):
        targets |= case_name_targets(title)
        m = _DOCKET.search(head[:1500])
        if m:
            targets.add("docket:" + m.group("num").replace("–", "-"))
    return {t for t in targets if t and "___" not in t}
