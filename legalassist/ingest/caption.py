"""The court and the case name, read from a court paper's first page.

Courts come from courts-db (the court table eyecite ships with, about 2,800 federal and state courts): each of
its patterns is tried on the heading lines of page 1. A court named after "Appeal from", "Certiorari to" or
"The Honorable …" is the court below or a judge's own court, so those lines are passed over.

The case name comes from the caption: the parties either side of "v." (or "versus", "vs.", "against"), or
"In re …". Captions are printed in columns, split by ")" or "]" or "*", with the docket number and the court
below in the right-hand column; the text is cut into segments at those marks and at line ends, and segments
that are docket numbers, role labels ("Plaintiff-Appellant"), judges or courts are passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_COURT_WORD = re.compile(r"\b(?:court|circuit|board|commission|tribunal|panel)\b", re.IGNORECASE)
_COURT_HEADING = re.compile(r"\b(?:court|board|commission|tribunal)\b", re.IGNORECASE)
_BELOW = re.compile(
    r"\b(?:appeal(?:ed)?\s+from|on\s+appeal|certiorari|petition\s+for\s+review|on\s+review|review\s+of|"
    r"sitting\s+by\s+designation|honorable|judge|transferred\s+from|removed\s+from|originating|"
    r"DC\s+Court|judicial\s+conference)\b",
    re.IGNORECASE,
)
_USCOURTS = re.compile(r"\b(?:www\.)?([a-z]{2,6}\d{0,2}[a-z]{0,3})\.uscourts\.gov\b|\bgov\.uscourts\.([a-z0-9]+)\.")
_DISTRICT_WORDS = {
    "N.D.": "Northern District of",
    "S.D.": "Southern District of",
    "E.D.": "Eastern District of",
    "W.D.": "Western District of",
    "C.D.": "Central District of",
    "M.D.": "Middle District of",
    "D.": "District of",
}
_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|"
    "North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|"
    "Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
_STATE = re.compile(rf"\b({_STATES})\b", re.IGNORECASE)
_SMALL = {"of", "the", "for", "and", "at", "in", "on", "to", "a", "an", "by", "ex", "rel.", "v.", "de", "la"}
# Abbreviated words written in title case: "CORP." -> "Corp.", "ST. PATRICK" -> "St. Patrick".
_SUFFIX_WORDS = {"Inc", "Co", "Corp", "Ltd", "Jr", "Sr", "Bros", "Assn", "St", "Mt", "Ft"}
_KEEP_UPPER = {
    "LLC", "LLP", "LP", "L.P.", "N.A.", "P.C.", "II", "III", "IV", "USA", "U.S.", "AG", "SE", "S.A.", "N.V.", "B.V.",
}  # fmt: skip


# A caption's column mark: ")" "]" or "*" standing apart ("JAGELS, ) No. ED108783 )"), not a bracket in prose.
_COLUMN = re.compile(r"(?:^|\s)[)\]*]+(?=\s|$)")


@dataclass(frozen=True)
class Found:
    value: str
    how: str  # what it was read from, for the document's details
    confidence: float


def title_case(text: str) -> str:
    """ "STEVEN MONTRAIL TRIPLET" -> "Steven Montrail Triplet"; text already in mixed case is kept."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    words = []
    for i, word in enumerate(text.split()):
        bare = word.strip(",;:()")
        if word.startswith("(") and bare.isalpha() and bare.isupper() and len(bare) <= 5:  # "(NDA)"
            words.append(word)
            continue
        if bare.rstrip(".").title() in _SUFFIX_WORDS:
            words.append(word.replace(bare.rstrip("."), bare.rstrip(".").title()))
        elif (
            bare in _KEEP_UPPER
            or (bare.isalpha() and not re.search(r"[AEIOUY]", bare))
            or (len(bare) <= 4 and "." in bare and bare.replace(".", "").isalpha())
            or re.fullmatch(r"[A-Z]{1,2}&[A-Z]{1,2}", bare)  # "T&M", "AT&T"
        ):
            words.append(word)
        elif i and word.lower() in _SMALL:
            words.append(word.lower())
        else:
            words.append(
                "-".join(re.sub(r"[A-Za-z]", lambda m: m.group(0).upper(), p.lower(), count=1) for p in word.split("-"))
            )
    return " ".join(words)


# -- courts ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _court_table() -> tuple[list[tuple[Any, str, str]], dict[str, dict[str, Any]]]:
    """(compiled pattern, court id, court name) for every courts-db pattern, and the courts by id."""
    try:
        from courts_db import courts, regexes
    except ImportError:  # eyecite's dependency; without it no court is named
        return [], {}
    by_id = {c["id"]: c for c in courts}
    return [(r[0], r[1], r[2]) for r in regexes], by_id


def display_court(name: str) -> str:
    """courts-db's name as the app shows it: "Court of Appeals for the Sixth Circuit" -> "U.S. Court of
    Appeals for the Sixth Circuit"; "United States Bankruptcy Court, D. Alaska" -> "U.S. Bankruptcy Court for
    the District of Alaska"; "District Court, S.D. New York" -> "U.S. District Court for the Southern District of
    New York"."""
    name = " ".join(name.split())
    name = name.replace("D.C. Circuit", "District of Columbia Circuit")
    if name.startswith("Court of Appeals for the"):
        return "U.S. " + name
    if name.startswith("United States Court of Appeals"):
        return "U.S." + name[len("United States") :]
    m = re.match(r"(?:United States )?(District|Bankruptcy) Court, ([NSEWCM]?\.?D\.) (.+)$", name)
    if m:  # courts-db names most federal districts "District Court, S.D. New York"
        return f"U.S. {m.group(1)} Court for the {_DISTRICT_WORDS.get(m.group(2), 'District of')} {m.group(3)}"
    if name == "District Court, District of Columbia":
        return "U.S. District Court for the District of Columbia"
    state = re.fullmatch(r"(.+) Supreme Court", name)
    if state and re.fullmatch(_STATES, state.group(1)):
        return f"Supreme Court of {state.group(1)}"  # as the court styles itself, and courts-db's other 24
    return re.sub(r"^United States (District|Bankruptcy) Court", r"U.S. \1 Court", name)


def _heading_segments(text: str, limit: int = 60) -> list[str]:
    """Page 1's first lines that can name a court, each with the two after it (court names are printed over
    two: "UNITED STATES COURT OF APPEALS / FOR THE SIXTH CIRCUIT")."""
    lines = _segments(text)[:limit]
    return [
        " ".join(lines[i : i + 3])
        for i, line in enumerate(lines)
        if _COURT_WORD.search(" ".join(lines[i : i + 3])) and not _BELOW.search(line)
    ]


def _best_match(segment: str) -> tuple[int, str, str] | None:
    """(length, court id, matched text) of the longest courts-db pattern that matches at the segment's
    start, or None. A bankruptcy court wins a tie only when the segment says "bankruptcy"."""
    patterns, by_id = _court_table()
    bankruptcy = "bankruptcy" in segment.lower()
    best: tuple[int, int, int, str, str] | None = None
    for pattern, court_id, _name in patterns:
        m = pattern.search(segment)
        # The match must begin in the segment's first line, so a court is found once, where it starts, and
        # at a word: "PUBLISHED California" holds no "ED California" (the Eastern District's bankruptcy court).
        if not m or m.start() >= 60 or len(m.group(0)) < 12 or not _heading_like(m.group(0)):
            continue
        begins = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        if begins and segment[begins - 1].isalnum():
            continue
        court = by_id.get(court_id, {})
        fits = int((court.get("type") == "bankruptcy") == bankruptcy)
        # Of equal matches, the court whose name is nearest the text's length: "Foreign Intelligence
        # Surveillance Court" is not its "Court of Review".
        near = -abs(len(str(court.get("name", ""))) - len(m.group(0).strip()))
        key = (len(m.group(0).strip()), fits, near, court_id, m.group(0).strip())
        if best is None or key[:3] > best[:3]:
            best = key
    return (best[0], best[3], best[4]) if best else None


def _address_court(text: str, path_name: str) -> Found | None:
    _patterns, by_id = _court_table()
    for source in (text[:3000], path_name):
        m = _USCOURTS.search(source)
        court_id = m and (m.group(1) or m.group(2))
        if court_id and court_id in by_id:
            return Found(display_court(str(by_id[court_id]["name"])), "court's web address", 0.6)
    return None


def find_court(text: str, path_name: str = "") -> Found | None:
    """The court whose paper this is, from page 1's text (and a RECAP file name such as
    "gov.uscourts.cand.203070.27.0.pdf" or a court's web address on a letterhead)."""
    _patterns, by_id = _court_table()
    segments = _heading_segments(text)
    for k, segment in enumerate(segments):
        best = _best_match(segment)
        if best is None:
            continue
        # A court's name can run on into the next lines ("UNITED STATES DISTRICT COURT / CENTRAL DISTRICT
        # OF CALIFORNIA"): the windows that follow may match more of it.
        for later in segments[k + 1 : k + 3]:
            more = _best_match(later)
            if more and more[0] > best[0] and best[2] in later:
                best, segment = more, later
        start = segment.find(best[2])
        if _BELOW.search(segment[max(0, start - 40) : start]):
            continue
        court = by_id.get(best[1], {})
        name = display_court(str(court.get("name", best[2])))
        if name in _GENERIC and re.match(r"\s+[a-z]", segment[start + len(best[2]) :]):
            continue  # a sentence about a court ("The District Court denied …"), not a heading
        if name in _GENERIC:  # "United States Court of Appeals" without its circuit
            return _address_court(text, path_name) or Found(name, "page 1: court heading (courts-db)", 0.5)
        rest = segment[start + len(best[2]) : start + len(best[2]) + 40]
        # The district is often the next line, beyond this window: read on from the court's name in the page.
        flat = " ".join(text.split())
        at = flat.find(best[2])
        district = _district_court(court, flat[at + len(best[2]) : at + len(best[2]) + 40] if at >= 0 else rest)
        if district:
            return Found(display_court(district), "page 1: court heading (courts-db)", 0.9)
        part = re.match(r"[\s,]*((?:Eastern|Western|Southern|Northern|Central|Middle)\s+District)\b", rest, re.I)
        if part and "District" not in name:
            name += ", " + title_case(part.group(1)).title()
        return Found(name, "page 1: court heading (courts-db)", 0.9)
    return _reports_page(text) or _own_heading(text) or _address_court(text, path_name)


_DISTRICT_NAME = re.compile(
    r"\b(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|"
    r"Eastern|Western|Southern|Northern|Central|Middle)\s+(?:Appellate\s+)?District\b",
    re.IGNORECASE,
)


def _district_court(court: dict[str, Any], rest: str) -> str:
    """The one district of a state's intermediate appellate courts that the heading goes on to name ("COURT OF
    APPEAL OF THE STATE OF CALIFORNIA / THIRD APPELLATE DISTRICT" -> "California Court of Appeal, Third
    Appellate District"), from courts-db's courts under the one matched; "" when there is none."""
    m = _DISTRICT_NAME.match(rest.strip(" ,"))
    if not m or court.get("level") != "iac":
        return ""
    _patterns, by_id = _court_table()
    word = m.group(1).lower()
    state = str(court.get("name", "")).split()[0]
    names = [
        str(c["name"])
        for cid, c in by_id.items()
        if cid != court.get("id")
        and cid.startswith(str(court.get("id")))
        and str(c["name"]).split()[0] == state
        and re.search(rf"\b{word}\s+(?:Appellate\s+)?District\b", str(c["name"]), re.IGNORECASE)
    ]
    return names[0] if len(names) == 1 else ""


# A page of the United States Reports: the Court's term over the syllabus and the writ it granted, with no
# heading naming the Court ("OCTOBER TERM, 2008 / Syllabus / … certiorari to the united states court of appeals").
_TERM_LINE = re.compile(r"^\s*(?:\d{1,4}\s+)?OCTOBER\s+TERM,\s+\d{4}\s*$", re.MULTILINE)
_CERTIORARI_TO = re.compile(r"\bcertiorari\s+to\s+the\b", re.IGNORECASE)


def _reports_page(text: str) -> Found | None:
    head = text[:2500]
    if _TERM_LINE.search(head) and _CERTIORARI_TO.search(head):
        return Found("Supreme Court of the United States", "page 1: the Court's term and the writ of certiorari", 0.8)
    return None


_GENERIC = {
    "U.S. Court of Appeals",
    "U.S. District Court",
    "U.S. Bankruptcy Court",
    "United States Court of Appeals",
    "United States District Court",
    "United States Bankruptcy Court",
}


def _own_heading(text: str) -> Found | None:
    """A court or board courts-db lacks ("WORKERS' COMPENSATION APPEALS BOARD"), named by its heading line,
    with the state from the lines around it ("TENNESSEE BUREAU OF WORKERS' COMPENSATION"). Of several
    (a filing stamp repeats the name, broken over lines), the fullest."""
    lines = _segments(text[:2500])
    best: tuple[int, str] | None = None
    for i, line in enumerate(lines[:40]):
        bare = re.sub(r"^(?:IN\s+THE|In\s+the|BEFORE\s+THE)\s+", "", line)
        if not (_COURT_WORD.search(bare) and bare.upper() == bare and 2 <= len(bare.split()) <= 9):
            continue
        if _BELOW.search(line) or re.search(r"\d", bare):
            continue
        bare = re.sub(r"\s+AT\s+[A-Z]+$", "", bare)  # "... CLAIMS AT NASHVILLE"
        name = title_case(bare)
        if not _STATE.search(name):
            state = _STATE.search(" ".join(lines[max(0, i - 2) : i + 2]))
            if state:
                name = f"{state.group(1).title()} {name}"
        if best is None or len(name.split()) > best[0]:
            best = (len(name.split()), name)
    if best is None or best[1].lower() in {g.lower() for g in _GENERIC}:
        return None
    return Found(best[1], "page 1: heading", 0.6)


# -- the case name -----------------------------------------------------------------------------------------

_VERSUS = re.compile(r"^(?:[-–—]\s*)?(?:v\.?|vs\.?|versus|against)(?:\s*[-–—])?$", re.IGNORECASE)
_INLINE_VERSUS = re.compile(r"\s(?:v\.|vs\.|versus|[-–—]v\.[-–—])\s")
# OCR runs "of the" together ("In the Matter ofthe Search of").
_IN_RE = re.compile(
    r"^(?:IN\s+RE|In\s+[Rr]e|IN\s+THE\s+MATTER\s+OF|In\s+the\s+Matter\s+of|Matter\s+of)(?:\b|(?=the\b))[:.,]?\s*"
)
# A caption naming what a state court's case is about rather than two parties ("Conservatorship of the Person
# and Estate of ANNE S.", "Estate of EDEN AHBEZ, Deceased.").
_MATTER = re.compile(r"^(?:Conservatorship|Guardianship|Estate|Adoption)\s+of\b\s*", re.IGNORECASE)
_WARD = re.compile(r",?\s+(?:a\s+minor|a\s+person\s+coming\s+under.*|deceased|an?\s+incompetent.*)\.?$", re.IGNORECASE)
_DOCKET_ONLY = re.compile(r"^(?:[A-Z]{1,3}\d{5,}|\d{2,4}-\d{3,}[\w-]*)$")
# A name's line that ends a sentence ("In re DOMINIC H., a Minor."), not with an initial or an abbreviation.
_NAME_ENDS = re.compile(r"[a-z]{2}\.$|\b(?:MINOR|DECEASED)\.$")


def _caps_runs(text: str) -> str:
    """Runs of capitalised words in title case, the rest kept: "DREXEL BRADSHAW on Discipline" -> "Drexel
    Bradshaw on Discipline"."""
    return re.sub(r"\b[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]*)+\b\.?", lambda m: title_case(m.group(0)), text)


_ROLE = (
    r"(?:cross[- ])?(?:plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?|employees?|"
    r"employers?|carriers?|debtors?|movants?|intervenors?|claimants?|relators?|third[- ]party)"
)
_ROLE_ONLY = re.compile(rf"^(?:{_ROLE}(?:\s*(?:[-–—,/]|and)\s*|\s+))+[.,;:]*$", re.IGNORECASE)
_ROLE_TAIL = re.compile(rf"[,;]?\s*(?:{_ROLE})(?:\s*[-–—,/]\s*{_ROLE})*[.,;:]*\s*$", re.IGNORECASE)
_SKIP = re.compile(
    r"\bNos?\.|\bdocket\b|\bcase\b|\bfile\s+no|\bappeal|\bcourt\b|\bcircuit\b|\bdistrict\b|\bjudges?\b|"
    r"\bjustices?\b|\bhonorable|^chapter\s+\d+$|\bdivision\b|\bcounty\b|\bterm\b|\bsyllabus\b|\bpublish|"
    r"\bprecedential|\bopinion\b|\bbefore\b|\bargued|\bsubmitted|\bfiled\b|\bdecided|\bcertiorari|"
    r"\bclerk\b|\bpage\s+\d|\bon\s+(?:petition|writ|review)|\bhearing\b|\bpresiding|\bmemorandum\b|"
    r"^\W*$|^[\d\s.,:;/-]+$|^\d{1,2}[-:]\d[\w:-]*$|_{3,}|\bcounsel\b|\bORDER\b|\bJUDGMENT\b|\bCOMPLAINT\b|\bMOTION\b|"
    r"^AT\s+[A-Z]+$|\bday\s+of\b|\bfile\s+name\b|\brule\s+\d|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\bcourthouse\b|\bsuite\s+\d|\bheld\s+at\b|\bstated\s+term\b|"
    r"\b\d+\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|Square|Avenue|Boulevard|Road|Plaza)\b",
    re.IGNORECASE,
)
_CUT = re.compile(
    r"\s*(?:;|,\s*(?:individually|in\s+(?:his|her|its|their)\s+official|as\s+|et\s+al|and\s+|on\s+behalf)|"
    r"\s+et\s+al\b|,?\s+f/?k/?a\s|\s+also\s+known|\s+a/k/a\s|\s+dba\s+|\s+d/b/a\s+)",
    re.IGNORECASE,
)
# A second party joined by "and": after a company's suffix ("K2 INC. and K-2 CORPORATION") or in capitals
# ("ROCK BORDELON AND TORIE BORDELON"); a name such as "Create and Construct, LLC" keeps its "and".
_AND = re.compile(r"(?:\b(?:Inc|INC|Co|CO|Corp|CORP|LLC|Ltd|LTD)\.?\s+and\s+|\s+AND\s+)")
_COMPANY_AFTER = re.compile(
    r"^(?:[A-Z][A-Z&'’.-]*\s+){0,4}[A-Z][A-Z&'’.-]*,?\s+(?:INC|LLC|L\.L\.C|CORP|CORPORATION|CO|LTD|L\.P|LP)\b"
)
_SUFFIX = re.compile(
    r"^\s*(?:Inc|Incorporated|LLC|L\.L\.C|Co|Corp|Corporation|Ltd|L\.P|LP|N\.A|P\.C|Jr|Sr|II|III)\b\.?", re.I
)


_ADDRESS = re.compile(r"^[A-Z][A-Za-z. ]+,\s+[A-Z]{2}\s+\d{5}")  # "Pittsburgh, PA 15222"


def _skippable(seg: str) -> bool:
    """Not a party's name: a docket number, a court, a judge, a date, an address... Only the part before
    the first comma is judged, so "ANDREA QUARANTILLO, District Director" is still a name."""
    return bool(_SKIP.search(seg.split(",")[0]) or _ADDRESS.match(seg))


def _segments(text: str) -> list[str]:
    out = []
    for raw in text.split("\n"):
        for part in _COLUMN.split(raw):
            part = " ".join(part.split())
            if part:
                out.append(part)
    return out


def _party(text: str) -> str:
    """One party's name from its caption text: the first party listed, without role, capacity or "et al."."""
    text = re.sub(r"^(?:Title|Short\s+Title|RE|Re)\s*:?\s+", "", text.strip())
    text = re.sub(r"^Case\s+No\.?\s*[\w:.-]+,?\s*", "", text)
    text = _ROLE_TAIL.sub("", text).strip()
    m = _CUT.search(text)
    if m:
        text = text[: m.start()]
    m = _AND.search(text)
    if m and "AND" in m.group(0) and _COMPANY_AFTER.match(text[m.end() :]):
        m = None  # one company's name: "MANUFACTURING AUTOMATION AND SOFTWARE SYSTEMS, INC."
    if m:
        text = text[: m.end()].rsplit(" ", 2)[0] if "AND" not in m.group(0) else text[: m.start()]
    # Cut at the first comma unless what follows is a suffix of the name ("Quicken Loans, Inc.").
    out = ""
    for i, piece in enumerate(text.split(",")):
        if i and not _SUFFIX.match(piece):
            break
        out = f"{out},{piece}" if i else piece
    out = re.sub(r"(?<=[A-Za-z.])\d+$", "", out.strip(" ,;:")).strip()  # footnote mark: "BORDELON,1"
    if out.endswith(".") and not _SUFFIX.search(out.rsplit(" ", 1)[-1].rsplit(",", 1)[-1]):
        out = out[:-1]  # a sentence's stop, not "Inc." or "Jr."
    words = out.split()
    if all(w.lower() in _SMALL for w in words) or len(words) > 10 or not re.search(r"[A-Za-z]{2}", out):
        return ""
    return title_case(out).strip(" ,")


def _start_after_court(segments: list[str]) -> int:
    """Index after the first court heading: the caption follows it. Running heads printed above it
    ("08-6301-cv Gildernew v. Gantner") and footnotes are passed over this way."""
    for i, seg in enumerate(segments[:60]):
        if _COURT_HEADING.search(seg) and not _BELOW.search(seg) and _heading_like(seg, strict=True):
            return i + 1
    return 0


def _heading_like(text: str, strict: bool = False) -> bool:
    """Most words capitalised, as in a heading ("United States Court of Appeals For the First Circuit"),
    unlike a sentence ("provides that a district court may reduce"); ``strict``: every word, at most 12."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", text) if w.lower() not in _SMALL]
    if strict:
        return 0 < len(words) <= 12 and all(w[0].isupper() for w in words)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def find_case_name(text: str) -> Found | None:
    """ "Robinson v. Tyson Foods, Inc." or "In re Richard P. Liebowitz" from a caption, or None."""
    segments = _segments(text[:4000])
    labelled = _title_field(segments[:60]) or _criminal_minutes(segments[:60])
    if labelled:
        return labelled
    start = _start_after_court(segments)
    found = _caption(segments[start : start + 40])
    if found is None and start:
        found = _caption(segments[:40])
    return found


_TITLE_FIELD = re.compile(r"^Title\s*:?\s*(?P<rest>.*)$")
_FORM_LABEL = re.compile(r"^(?:Present|Page|Case|Date|Proceedings|CV-|CR-|Attorneys)\b|^[A-Z]{2}-\d")
_FIELD_VERSUS = re.compile(r"\s(?:v|vs|V|VS)\.?\s")


def _title_field(segments: list[str]) -> Found | None:
    """The case named in a form's "Title" field, as a court's minutes print it ("Title: JUAN FRIAS V CITY OF
    LOS ANGELES ET AL", "Title / MANUFACTURING AUTOMATION AND SOFTWARE SYSTEMS, / INC. V. KRISTOPHER HUGHES")."""
    for i, seg in enumerate(segments):
        m = _TITLE_FIELD.match(seg)
        if not m:
            continue
        parts = [m.group("rest")] if m.group("rest") else []
        for nxt in segments[i + 1 : i + 3]:
            if _FORM_LABEL.match(nxt) or _TITLE_FIELD.match(nxt):
                break
            parts.append(nxt)
        field = " ".join(parts)
        versus = _FIELD_VERSUS.search(field)
        if versus:
            a, b = _party(field[: versus.start()]), _party(field[versus.end() :])
            if a and b:
                return Found(f"{a} v. {b}", "page 1: the form's Title field", 0.8)
        return None
    return None


_USA_V_DEFENDANTS = re.compile(r"^U\.\s?S\.\s?A\.\s+v\.\s+Defendants?(?:\(s\))?:", re.IGNORECASE)
_FORM_WORDS = {
    "present",
    "not",
    "cust",
    "bond",
    "attorneys",
    "attorney",
    "for",
    "defendants",
    "defendant",
    "app",
    "appt",
    "ret",
    "retd",
    "counsel",
    "interpreter",
    "deputy",
    "clerk",
    "court",
    "reporter",
}
_PERSON = re.compile(
    r"^[A-Z][a-z’'-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z’'-]+)){1,3}$|^[A-Z][A-Z’'-]+(?:\s+(?:[A-Z]\.|[A-Z][A-Z’'-]+)){1,3}$"
)


def _criminal_minutes(segments: list[str]) -> Found | None:
    """A court's criminal minutes form, whose caption is a table: "U.S.A. v. Defendant(s):" and, a few cells on,
    the defendant's name ("Oscar Flores"), between the form's column heads."""
    for i, seg in enumerate(segments):
        if not _USA_V_DEFENDANTS.match(seg):
            continue
        for cell in segments[i + 1 : i + 14]:  # OCR gives each column head a line of its own
            words = {w.lower().strip(".:") for w in cell.split()}
            if _PERSON.match(cell) and not words & _FORM_WORDS:
                return Found(f"United States v. {title_case(cell)}", "page 1: the criminal minutes' defendant", 0.6)
        return None
    return None


# The body has begun: a sentence ("an interim basis from ...") or the paper's own heading.
_BODY = re.compile(r"^[a-z]|^(?:ORDER|OPINION|JUDGMENT|MEMORANDUM)\b")
# "Haywood v. Drown, 556 U. S. 729": a case cited, not the caption.
_CITED = re.compile(r"^[^,;]{1,80},\s*\d{1,4}\s+[A-Z]")


# Which side of the "v." a role names: the first party's or the second's.
_SIDE_A = re.compile(r"^(?:plaintiffs?|petitioners?|claimants?|relators?|movants?|appellants?)\b", re.IGNORECASE)
_SIDE_B = re.compile(r"^(?:defendants?|respondents?|appellees?)\b", re.IGNORECASE)
_VERSUS_START = re.compile(r"^(?:[-–—]\s*)?(?:v\.?|vs\.?|versus|against)(?:\s|[-–—]|$)", re.IGNORECASE)


def _caption(window: list[str]) -> Found | None:
    party_a = ""
    a_role = False  # the first party's role line has been read ("Plaintiff,")
    for i, seg in enumerate(window):
        if party_a and not a_role and _ROLE_ONLY.match(seg) and _SIDE_A.match(seg):
            a_role = True
            continue
        versus = _VERSUS_START.match(seg) or _INLINE_VERSUS.search(f" {seg} ")
        if a_role and not (versus or _skippable(seg) or _ROLE_ONLY.match(seg)):
            # OCR often loses a "-v-" printed alone ("~"): a second party whose own role line follows
            # ("T&M PROTECTION RESOURCES LLC, et al.," / "Defendants.") is read without it.
            run = _leading_run(window, i)
            ahead = window[i + 1 : i + 5]
            at = next((k for k, r in enumerate(ahead) if _SIDE_A.match(r) or _SIDE_B.match(r)), None)
            printed_v = at is not None and any(_VERSUS.match(r) for r in ahead[:at])  # read the usual way
            b = _party(run) if run and at is not None and _SIDE_B.match(ahead[at]) and not printed_v else ""
            if b:
                return Found(f"{party_a} v. {b}", "page 1: caption (its 'v.' not read)", 0.6)
        if not party_a:
            named = _named_matter(window, i)
            if named:
                return named
        inline = _INLINE_VERSUS.search(f" {seg} ")
        if inline and _heading_like(seg) and not _CITED.search(f" {seg} "[inline.end() :]):
            left, right = f" {seg} "[: inline.start()], f" {seg} "[inline.end() :]
            label = _LABELLED.search(left)
            if label:
                left = left[label.end() :]  # "Re: Case No. 17-3994, Island Creek Coal Company"
            else:
                prev = window[i - 1] if i else ""
                if prev and not _skippable(prev) and not re.search(r"[.,;:\d]$", prev) and prev.isupper():
                    left = f"{prev} {left}"  # a first party's name printed over two lines
            a = (_party(left) if label else "") or party_a or _party(left)
            nxt = window[i + 1] if i + 1 < len(window) else ""
            if (
                _INLINE_VERSUS.sub(" V ", f" {seg} ").isupper()
                and nxt.isupper()
                and not re.search(r"[.,;:]\s*$", right)
                and _continues(nxt)
            ):
                right = f"{right.rstrip()} {nxt}"  # the second party's name printed over two lines
            b = _party(right) or _party_after(window, i)
            if a and b:
                return Found(f"{a} v. {b}", "page 1: caption", 0.8)
            continue
        if _VERSUS.match(seg):
            b = _party_after(window, i)
            if party_a and b:
                return Found(f"{party_a} v. {b}", "page 1: caption", 0.8)
            continue
        heading = _STATE_HEADING.match(seg) and not any(
            _ROLE_ONLY.match(n) or _VERSUS.match(n) for n in window[i + 1 : i + 2]
        )  # "STATE OF CALIFORNIA" under the court's name, unless the State is a party ("…, / Plaintiff,")
        if not party_a and not _skippable(seg) and not _ROLE_ONLY.match(seg) and not heading:
            run = _leading_run(window, i)
            if run:
                party_a = _party(run)
    return None


def _named_matter(window: list[str], i: int) -> Found | None:
    """The case named at segment ``i`` by what it is about rather than by two parties: "In re Richard P.
    Liebowitz", "In the Matter of the Search of 295 Canyon Drive", "Conservatorship of the Person and Estate of
    Anne S."; else None."""
    seg = window[i]
    in_re = _IN_RE.match(seg)
    matter = None if in_re else _MATTER.match(seg)
    opening = in_re or matter
    if opening is None:
        return None
    names = [seg[opening.end() :]] if seg[opening.end() :].strip() else []
    after = ""
    for nxt in window[i + 1 : i + 8]:
        # A docket number ends an estate's or a conservatorship's name (its parties follow); an "In re" name
        # printed in a column goes on past it ("In the Matter of the Search of" / "Case No." / …).
        if (names and _NAME_ENDS.search(names[-1])) or (matter and _DOCKET_ONLY.match(nxt)):
            break
        if len(names) >= 3 or _VERSUS.match(nxt) or _ROLE_ONLY.match(nxt) or _BODY.match(nxt):
            after = nxt
            break
        if not _skippable(nxt) and not _STATE_LINE.match(nxt):
            names.append(nxt)
    # each line in its own case: "the Search of" / "295 CANYON"
    joined = " ".join(_caps_runs(title_case(n)) for n in names)
    name = re.split(r",\s*(?:No\.|Case)|\s+No\.\s", joined)[0].strip(" ,")
    name = re.sub(r"\s+(?:Debtors?|Chapter\s+\d+)\.?$", "", name)
    name = re.sub(r"[,\s]+(?:and|&)$", "", name, flags=re.IGNORECASE)  # a name continued on a later line
    name = _WARD.sub("", name).strip(" ,")
    if not re.search(r"\b[A-Z]\.$", name):
        name = name.rstrip(".")  # the sentence's stop ("… on Discipline."), not an initial's ("Anne S.")
    if not name or len(name.split()) > 14:
        return None
    if in_re:
        return Found(f"In re {title_case(name)}", "page 1: caption", 0.8)
    # "Estate of X" heads a caption of its own only when no role or "v." follows the name at once: in "ESTATE OF
    # JOHN DOE, / Plaintiff, / v. …" the estate is a party.
    if _ROLE_ONLY.match(after) or _VERSUS.match(after):
        return None
    return Found(f"{' '.join(opening.group(0).split()).capitalize()} {title_case(name)}", "page 1: caption", 0.8)


def _continues(seg: str) -> bool:
    """Whether a caption line can carry on the party name of the line before."""
    return not (
        _skippable(seg) or _ROLE_ONLY.match(seg) or _BODY.match(seg) or _VERSUS.match(seg) or _COURT_HEADING.search(seg)
    )


_LABELLED = re.compile(r"\b(?:RE|Re|Short\s+Title|Title|Caption)\s*:\s*", re.IGNORECASE)


def _party_after(window: list[str], i: int) -> str:
    """The first party named after a "v." at segment ``i``: the run of name segments that follows."""
    for j in range(i + 1, min(i + 8, len(window))):
        if _skippable(window[j]) or _ROLE_ONLY.match(window[j]):
            continue
        run = [window[j]]
        for nxt in window[j + 1 : j + 3]:
            if _skippable(nxt) or _ROLE_ONLY.match(nxt) or re.search(r"[,;]$", run[-1]):
                break
            run.append(nxt)
        name = _party(" ".join(run))
        if name:
            return name
    return ""


_JUDGE_TITLE = re.compile(r"^(?:(?:Chief|Senior|Circuit|District|Associate|Presiding)\s+)*(?:Judges?|Justices?)\b")


def _leading_run(window: list[str], i: int) -> str:
    """The first party's name if segment ``i`` begins one in the caption: it and the name segments after it
    (a name printed over lines: "CONSUMERINFO.COM, INC. dba / EXPERIAN CONSUMER / SERVICES,"), when they end
    as a party does ("BRENDA ROBINSON,") or are followed by a role ("Plaintiff-Appellant") or "v.", past
    docket numbers. A clerk's name in a stamp or a judge's in "Before:" is neither."""
    nxt = window[i + 1] if i + 1 < len(window) else ""
    if (i and re.match(r"^Before\b", window[i - 1])) or _JUDGE_TITLE.match(nxt):
        return ""
    run = [window[i]]
    j = i + 1
    while j < len(window) and len(run) < 4 and not re.search(r"[,;]\s*$", run[-1]):
        seg = window[j]
        if _skippable(seg) or _ROLE_ONLY.match(seg) or _VERSUS.match(seg) or _BODY.match(seg):
            break
        if _INLINE_VERSUS.search(f" {seg} ") or _LABELLED.search(seg):
            break
        run.append(seg)
        j += 1
    text = " ".join(run)
    if re.search(r"[,;]\s*$", text) or _ROLE_TAIL.search(text) or _CUT.search(text):
        return text
    for seg in window[j : j + 7]:
        if _VERSUS.match(seg) or _ROLE_ONLY.match(seg):
            return text
        if not _skippable(seg):
            return ""
    return ""


_STATE_HEADING = re.compile(rf"^(?:THE\s+)?STATE\s+OF\s+(?:{_STATES.upper()})$")
_STATE_LINE = re.compile(rf"^(?:[\w.' ]+,\s*)?(?:{_STATES})$", re.IGNORECASE)
