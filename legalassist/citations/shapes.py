"""The citation shapes eyecite leaves out, as regular expressions, and the keys they give.

Constitutional provisions ("U. S. Const., Art. II, § 1", "Fourth Amendment", "the Commerce Clause"), U.S.
Code citations without "§" ("9 U.S.C. 2"), bare section references and lists ("§56", "§§ 51–60"), Internal
Revenue Code and state code forms, neutral citations and docket numbers. ``legalassist.citations.extract``
runs them beside eyecite; each key is the authority in its canonical form ("45 U.S.C. § 56").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CONSTITUTION = "U.S. Const."
MAX_RANGE = 60  # "§§ 51–60" lists each section; longer ranges ("§§ 1–1000") name the first only
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
# Words near a citing passage that say how the citing court treated the authority.
_TREATMENT = re.compile(
    r"\b(overrul(?:ed|ing)|abrogat(?:ed|ing)|distinguish(?:ed|ing|able)|supersed(?:ed|ing)|"
    r"questioned|called into question|disapprov(?:ed|ing)|criticiz(?:ed|ing)|limited to its facts|followed)\b",
    re.IGNORECASE,
)
ORDINALS = [
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
    r"\b((?:Twenty-(?i:" + "|".join(ORDINALS) + r"))|(?:" + "|".join(o.capitalize() for o in ORDINALS) + r"))"
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
    r"\b(?P<code>(?:[A-Z][a-z]{1,5}\.\s{0,2}){1,2}Stat\.(?:\s?Ann\.)?),?\s*[Tt]it\.\s*(?P<title>\d{1,3}(?:[-–]?[A-Z])?),?\s*§§?\s*"
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
# A state's constitution by article and section: "Colo. Const., Art. XXVIII, §3(1)(b)", "Mont. Const. art. II, § 10".
_STATE_CONST = re.compile(
    r"\b(?P<state>(?:[A-Z][a-z]{1,5}\.\s{0,2}){1,2})Const\.,?\s*[Aa]rt\.\s*(?P<art>[IVXL]+|\d+),?\s*§\s*(?P<sec>\d+)"
)
# The federal rules named in words: "Federal Rule of Bankruptcy Procedure 8002(a)", "Federal Rule of Evidence 702".
_FED_RULE_WORDS = re.compile(
    r"\bFederal\s+Rules?\s+of\s+(?P<set>Civil|Criminal|Appellate|Bank\xad?\s*ruptcy|Evidence)\s+(?:Procedure\s+)?"
    r"(?P<rule>\d{1,4}(?:\.\d{1,2})?)(?![\d.]\d)"
)
_RULE_WORDS = {"civi": "Civ", "crim": "Crim", "appe": "App", "bank": "Bankr", "evid": "Evid"}  # by first letters
# The federal rules of procedure and evidence: "Fed. R. Civ. P. 12(b)(6)", "Fed.R.Evid. 702".
_FED_RULE = re.compile(
    r"\bFed\.\s?R\.\s?(?P<set>Civ|Crim|App|Bankr|Evid)\.\s?(?:P\.?\s?)?(?P<rule>\d{1,4}(?:\.\d{1,2})?)(?![\d.]\d)"
)
_RULE_SETS = {"Evid": "Fed. R. Evid."} | {s: f"Fed. R. {s}. P." for s in ("Civ", "Crim", "App", "Bankr")}
# Neutral (public-domain) citations: "2021-NCSC-57", "2010-Ohio-1234", "2019 ND 12", "2020 IL App (1st) 190345".
_NEUTRAL = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})-(?P<court>[A-Z][A-Za-z]{1,7})-(?P<num>\d{1,6})\b"
    r"|\b(?P<year2>(?:19|20)\d{2})\s(?P<court2>IL(?:\sApp(?:\s\((?:1st|2d|3d|4th|5th)\))?)?|ND|SD|WI|WY|OK|MT|UT|VT|ME|NM)"
    r"\s(?P<num2>\d{1,6})\b"
)


def normalise_section(section: str) -> str:
    return re.sub(r"\(.*", "", section).strip().rstrip(".,;")


def usc_key(title: str, section: str) -> str:
    return f"{int(title)} U.S.C. § {normalise_section(section)}"


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
    n = ORDINALS.index(ordinal) + 1 + (20 if ordinal != words.lower() else 0)
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


# "Buck v. Davis" (up to a few capitalised words a side); "Buck v. Davis, ante, at 22" is a case decided the
# same Term, cited by name alone.
_PARTIES = (
    r"\b(?P<p>[A-Z][\w.'’&\-]*(?:\s+(?:[A-Z][\w.'’&\-]*|of|the|and|&)){0,6})\s+v\.{dot}\s+"
    r"(?P<d>[A-Z][\w.'’&\-]*(?:\s+(?:[A-Z][\w.'’&\-]*|of|the|and|&|de)){0,8})"
)
_CASE_NAME = re.compile(_PARTIES.replace("{dot}", "?"))
_ANTE = re.compile(_PARTIES.replace("{dot}", "") + r",\s+(?:ante|post)\b")

_NAME_STOP = {
    *("the", "of", "in", "re", "ex", "parte", "a", "an", "and", "for", "on", "matter", "estate"),
    # signals and connectives that eyecite can leave at the front of a case name
    *("see", "cf", "accord", "also", "but", "compare", "with", "e.g", "contra", "and", "quoting", "citing"),
}


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


@dataclass(frozen=True)
class Shape:
    """One citation shape eyecite leaves out: its pattern, the kind of citation it is, and the authority a
    match names (``key``: None when the match is no citation after all). Shapes whose authority depends on
    the rest of the document (``key`` None here) are placed by the extraction itself."""

    name: str
    pattern: re.Pattern[str]
    kind: str  # case, statute (codes and court rules), constitution, docket
    key: Callable[[re.Match[str]], str | None] | None = None
    targets: Callable[[str, re.Match[str]], tuple[str, ...]] = lambda key, m: (key,)
    labelled: bool = False  # the key is the case's name as written ("Buck v. Davis"), shown as such
    beside_others: bool = False  # kept even where another citation covers the text (a docket number)
    only_if: re.Pattern[str] | None = None  # looked for only in a document this matches


def _words_key(m: re.Match[str]) -> str:
    part = f"art. {m.group('art')}" + (f", § {m.group('sec')}" if m.group("sec") else "") if m.group("art") else ""
    return f"{CONSTITUTION} {part}" if part else CONSTITUTION


def _clause_key(m: re.Match[str]) -> str:
    part = _CLAUSES[m.group(1)]
    return f"{CONSTITUTION} {part}" if part else CONSTITUTION


def _docket_key(m: re.Match[str]) -> str | None:
    if re.search(r"(?:Rep|Doc|Res|Pub|Sess)\.\s*$", m.string[max(0, m.start() - 12) : m.start()]):
        return None  # "H. R. Rep. No. 94–1476": a congressional report, not a docket
    return "No. " + m.group("num").replace("–", "-")


def _neutral_key(m: re.Match[str]) -> str:
    if m.group("year"):
        return f"{m.group('year')}-{m.group('court')}-{m.group('num')}"
    return " ".join(f"{m.group('year2')} {m.group('court2')} {m.group('num2')}".split())


def _ante_key(m: re.Match[str]) -> str | None:
    if not name_target(m.group("p"), m.group("d")):
        return None
    plaintiff = re.sub(r"^(?:See|Cf\.|Accord|But|Compare|And|In)\s+", "", m.group("p"))
    return " ".join(f"{plaintiff} v. {m.group('d')}".split())


def _ante_targets(key: str, m: re.Match[str]) -> tuple[str, ...]:
    return (name_target(m.group("p"), m.group("d")),)


def _state_shape(pattern: re.Pattern[str], form: str) -> Shape:
    return Shape("state", pattern, "statute", lambda m: form.format(m.group("sec")))


def _constitution(key: str, m: re.Match[str]) -> tuple[str, ...]:
    return (CONSTITUTION,)


def _rule_words_key(m: re.Match[str]) -> str:
    return f"{_RULE_SETS[_RULE_WORDS[m.group('set')[:4].lower()]]} {m.group('rule')}"


def _state_const_key(m: re.Match[str]) -> str:
    return f"{' '.join(m.group('state').split())} Const. art. {m.group('art')}, § {m.group('sec')}"


def _irc_key(m: re.Match[str]) -> str:
    return usc_key("26", m.group("sec") or m.group("sec2"))


# Every added shape, in the order a tie (two shapes starting at one place) is settled: the first listed wins.
SHAPE_TABLE: tuple[Shape, ...] = (
    Shape("stateconst", _STATE_CONST, "constitution", _state_const_key),
    Shape(
        "const",
        _CONST,
        "constitution",
        lambda m: _constitution_key(m.group("kind"), m.group("num"), m.group("sec")),
        _constitution,
    ),
    Shape("amend", _AMENDMENT_WORD, "constitution", lambda m: _amendment_key(m.group(1)), _constitution),
    Shape("usc", _USC_LOOSE, "statute", lambda m: usc_key(m.group("title"), m.group("sec"))),
    Shape("docket", _DOCKET, "docket", _docket_key, lambda key, m: ("docket:" + key[4:],), beside_others=True),
    Shape("irc", _IRC, "statute", _irc_key),
    Shape("irc", _IRC_SHORT, "statute", _irc_key, only_if=re.compile(r"Internal\s+Revenue\s+Code|\bI\.\s?R\.\s?C\.")),
    *(_state_shape(pattern, form) for pattern, form in _STATE_CODES.items()),
    Shape("titled", _TITLED_CODE, "statute"),  # with the later sections of its list
    Shape("neutral", _NEUTRAL, "case", _neutral_key),
    Shape("rule", _FED_RULE, "statute", lambda m: f"{_RULE_SETS[m.group('set')]} {m.group('rule')}"),
    Shape("rule", _FED_RULE_WORDS, "statute", _rule_words_key),
    Shape("bare", _BARE_SECTION, "statute"),  # the title it was cited with, or the document's own code
    Shape("clause", _CLAUSE, "constitution", _clause_key, _constitution),
    Shape("words", _CONST_WORDS, "constitution", _words_key, _constitution),
    Shape("ante", _ANTE, "case", _ante_key, _ante_targets, labelled=True),
)
