"""A contract's title as lawyers write it: the agreement's own heading and the parties it names.

"Non-Disclosure Agreement" alone names ten documents in a library of ten NDAs; "Non-Disclosure Agreement
between Excelerate, Inc. and Burton Technical Group" names one. The heading is the first short line that
reads like a heading (capitals or title case) and names a kind of agreement. The parties are read from the
heading block ("AGREEMENT AND PLAN OF MERGER / among / X, / Y / and / Z") or from the preamble ("is entered
into by and between X, a Delaware corporation (“X”), and Y"). Blanks left for a party to fill in
("__________", "[Company Name]", "(Recipient)") and bare roles ("the Recipient", "You") are not names.
"""

from __future__ import annotations

import re

from legalassist.ingest.caption import Found, title_case

AGREEMENT_WORDS = r"\b(?:AGREE?EMENTS?|CONTRACT|LEASE|LICEN[CS]E|UNDERTAKING|TERMS\s+OF\s+(?:USE|SERVICE))\b"
_AGREEMENT = re.compile(AGREEMENT_WORDS, re.IGNORECASE)
# A layout break: a line end, or the run of spaces a text export leaves between the lines of a heading.
_BREAK = re.compile(r"\n|[ \t\u00a0]{3,}")
_NOISE = re.compile(
    r"^(?:[-–—_=*.\s]+|EX-[\d.]+\s+|(?:EXHIBIT|Exhibit)\s+[\dA-Z][\w.-]*\s*(?:[-–—:]\s*)?|"
    r"(?:EXECUTION|Execution)\s+(?:COPY|VERSION|Copy|Version)\s*|CONFIDENTIAL\s+|Confidential\s+)+"
)
_SMALL = {"of", "and", "the", "to", "for", "in", "on", "with", "between", "among", "by", "a", "an", "or", "&", "de"}

# Where the parties begin: "by and between", "between:", "among", "The parties to this Agreement are".
_CONNECTOR = re.compile(
    r"\b(?:by\s+and\s+)?(?:between|among)(?![A-Za-z])\s*:?\s*|\bThe\s+parties\s+to\s+this\s+Agreement\s+are\s+|"
    r"\b(?:entered\s+into|made|executed)\s+by\s+(?!and\b)|\bon\s+behalf\s+of\s+",
    re.IGNORECASE,
)
_BLOCK_CONNECTOR = re.compile(r"(?:by\s+and\s+)?(?:between|among)\s*:?", re.IGNORECASE)
_PREAMBLE_VERB = re.compile(AGREEMENT_WORDS + r"|\b(?:made|entered|effective|dated|executed|concluded)\b", re.I)
# What ends a party's name in a preamble: its description, address, defined term or the next party.
_NAME_END = re.compile(
    r"\s*(?:[,;“\"\n]|\((?![A-Z][A-Za-z]{1,15}\))|\s(?:a|an|with|having|whose|located|registered|represented|acting|which|who|"
    r"hereinafter|hereafter|herein|together|trading|incorporated|organi[sz]ed|doing|dba|d/b/a|on\s+behalf|its|each|"
    r"wish|agree|is|are)\s|\s(?:and|AND|And)\s|$)"
)
# In a heading block a line is one party; only its description ends it ("MORPHOSYS AG, a German …").
_LINE_NAME_END = re.compile(r"\s*(?:[,;“\"]|\((?![A-Z][A-Za-z]{1,15}\))|\s(?:a|an)\s|$)")
_ADDRESS = re.compile(r"\d{3,}|^\d+\s|\b(?:Street|Road|Avenue|Drive|Suite|Floor|P\.?\s?O\.?\s+Box)\b", re.IGNORECASE)
_SUFFIX = re.compile(
    r",?\s*(?:Inc|INC|Corp|CORP|Co|CO|Ltd|LTD|LLC|L\.L\.C|LLP|L\.P|LP|N\.A|S\.A|AG|SE|plc|PLC|B\.V|N\.V|GmbH|"
    r"Limited|LIMITED|Incorporated|INCORPORATED|S\.à\s+r\.l|Sp\.\s+z\s+o\.o)\b\.?"
)
_ABBREVIATED = re.compile(r"\b(?:Inc|Corp|Co|Ltd|L\.L\.C|L\.P|N\.A|S\.A|B\.V|N\.V|r\.l|o\.o)\.?$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"_{2,}|…|\.{3,}|^\[|^\(|\binsert\b|\bname\s+of\b|\bcompany\s+name\b|:", re.IGNORECASE)
_NOT_A_NAME = re.compile(
    AGREEMENT_WORDS + r"|^(?:This|THIS|These|Unless|Hereinafter|HEREINAFTER|Whereas|WHEREAS|Each|Both|Now|NOW)\b"
)
# Words that make a role or a form's blank, not a name, when a "name" holds nothing else.
_ROLES = {
    "party", "parties", "recipient", "receiving", "disclosing", "discloser", "company", "buyer", "seller", "vendor",
    "customer", "you", "mentor", "participant", "participants", "licensor", "licensee", "business", "partner",
    "inventor", "entrusting", "the", "other", "supplier", "contractor", "consultant", "employee", "member",
    "individual", "entity", "bidder", "writer", "undersigned", "following", "and", "its", "affiliates",
    "subsidiaries", "such", "said", "both", "all", "any", "each", "one", "two", "or", "full", "name", "person",
    "address", "signature", "title", "date", "print", "of", "named", "below", "above", "hereto", "telephone",
    "phone", "fax", "number", "email"
}  # fmt: skip
# What ends a heading block: the date line, the contents, the recitals or the first clause.
_STOP = re.compile(
    r"(?:dated|DATED|Dated|TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents|WHEREAS|RECITALS|BACKGROUND|"
    r"Hereinafter|HEREINAFTER|This|THIS)\b|\d+\.\s"
)
# A merger's acquisition vehicles, left out when a deal names more than three parties.
_VEHICLE = re.compile(r"\bMerger\s+Sub\b|\bAcquisition\s+(?:Corp|Inc|Co|LLC|Sub|Company)\b|\bHoldCo\b", re.I)
MAX_PARTIES = 4
UNNAMED = "page 1: the agreement's heading (it names no party)"


def _is_heading(line: str) -> bool:
    """Capitals, or title case for every longer word: a heading, not a sentence that mentions an agreement."""
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if not 1 <= len(words) <= 14 or line.rstrip().endswith((":", ",", ";")):
        return False
    letters = [c for c in line if c.isalpha()]
    if sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return True
    long_words = [w for w in words if w.lower() not in _SMALL]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


# A heading in capitals at the start of a line or sentence: "CONSULTING AGREEMENT THIS AGREEMENT is dated …",
# "AGREEMENT AND PLAN OF MERGER DATED AS OF … AMONG …", "FORM OF FRANCHISE AGREEMENT Location of …".
_CAPS_HEADING = re.compile(
    r"(?:THIS\s+)?(?P<h>[A-Z0-9][A-Z0-9 ,.'’&/()#-]*?)"
    r"(?=\s+(?:DATED|AMONG|BETWEEN|BY\s+AND|THIS|MADE|ENTERED|IS)\b|\s+[A-Z]?[a-z]|\s+\(|\s*$)"
)


def _segments(text: str) -> list[tuple[int, str]]:
    """The text's lines (split at line ends and at wide runs of spaces), each with where it ends."""
    out, pos = [], 0
    for brk in [*_BREAK.finditer(text), None]:
        stop = brk.start() if brk else len(text)
        out.append((stop, " ".join(text[pos:stop].split())))
        pos = brk.end() if brk else stop
    return out


def _heading(head: str) -> tuple[str, int]:
    """(the heading, where its line ends in ``head``); ("", 0) when there is none."""
    for end, raw in _segments(head[:2500])[:60]:
        line = _NOISE.sub("", raw).strip(" -–—")
        line = re.sub(r"\s*\b(?:EXECUTION|Execution)\s+(?:COPY|VERSION|Copy|Version)\b", "", line)
        if not _AGREEMENT.search(line) or re.match(r"(?:[IVXLC]+|\d+|[A-Za-z])[.)]\s", line):
            continue  # "II. Agreements" heads a section of a report, not a contract
        starts = [0] + [m.end() for m in re.finditer(r"[.:;]\s+(?=[A-Z]{2})", line)][:8]
        for start in starts:
            caps = _CAPS_HEADING.match(line, start)
            if not caps or re.match(r"\s+(?:No|NO)\.?\s*\w*\d", line[caps.end() :]):
                continue  # "CONTRACT No. 076C/01" is a file number, not a heading
            # The last sentence of a run of capitals: "… IF PUBLICLY DISCLOSED. SPONSORED RESEARCH AGREEMENT".
            text = re.split(r"(?<=[A-Za-z]{3})\.\s+", caps.group("h"))[-1].strip(" ,/:-–—")
            if _AGREEMENT.search(text) and _is_heading(text):
                return title_case(text), end
        if _is_heading(line) and not re.search(r"\d{3,}|[“”\"]|\bthis\b", line):
            return title_case(line.rstrip(" /:-–—")), end
    return "", 0


def heading(head: str) -> str:
    """The agreement's own heading: the first heading-like line near the top that names a kind of
    agreement, without exhibit numbers or "EXECUTION COPY"; "" when there is none."""
    return _heading(head)[0]


def _clean(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;:-–—")
    name = re.sub(r"^(?:\(\w{1,3}\)|\w{1,2}\))\s*", "", name)  # "(1) NSK Europe Limited"
    if name.endswith(".") and not _ABBREVIATED.search(name):
        name = name[:-1]
    return re.sub(r"^the\s+(?=[A-Z])", "", name)  # "the First Nations Health Authority"; "The Knights of Unity" stays


def _is_name(name: str) -> bool:
    if not name or len(name) > 90 or _PLACEHOLDER.search(name) or _NOT_A_NAME.search(name):
        return False
    if not re.match(r"[A-Z0-9]|[a-z]+\.[a-z]{2,4}\b", name):  # a name, or a web address ("ebix.com, Inc.")
        return False
    words = re.findall(r"[A-Za-z]+", name)
    starts = re.findall(r"(?:^|(?<=\s))[A-Za-z][\w'’-]*(?![\w.]*\.[a-z]{2,4}\b)", name)
    if any(len(w) >= 3 and w.lower() not in _SMALL and w[0].islower() for w in starts):
        return False  # "Participant wish to exchange …", "Unless the context requires"
    return bool(words) and not all(w.lower() in _ROLES for w in words)


def _name_at(text: str, end_pattern: re.Pattern[str]) -> str:
    """The name at the start of ``text``: up to what ends it, keeping a company suffix after a comma
    ("Excelerate, Inc.") and ending right after one ("Glacier Bancorp, Inc. Glacier Bank")."""
    pos = 0
    while True:
        end = end_pattern.search(text, pos)
        stop = end.start() if end else len(text)
        suffix = _SUFFIX.match(text, stop)
        if suffix and suffix.end() > stop and (suffix.end() == len(text) or not text[suffix.end()].isalnum()):
            pos = suffix.end()
            continue
        name = text[:stop]
        inner = [m for m in _SUFFIX.finditer(name) if m.end() < len(name) and name[m.end()] == " "]
        if inner and inner[0].group(0).endswith(".") and re.match(r"\s+[A-Z]", name[inner[0].end() :]):
            name = name[: inner[0].end()]
        return name


def _block_parties(lines: list[str]) -> list[str]:
    """Parties set out a line each under the heading ("among", "X,", "Y", "and", "Z"), with their
    descriptions ("a Delaware corporation;") and addresses on lines of their own."""
    found: list[str] = []
    for line in lines[:30]:
        if not line or re.fullmatch(r"(?:and|AND|And|&)[;,]?", line):
            continue
        if _STOP.match(line):
            break
        if re.match(r"[a-z(]", line) or _ADDRESS.search(line.split(",")[0]):
            continue  # "a Delaware corporation;", "(“Seeed”)", "34 Astoria Cct, Maroubra"
        name = _clean(_name_at(re.sub(r"^(?:and|AND)\s+", "", line), _LINE_NAME_END))
        if _is_name(name):
            found.append(name)
        elif len(line.split()) > 14:
            break
    return found


# "and" that joins two parties; not "England and Wales", "and its affiliates", "and together …".
_JOINED = re.compile(
    r"(?<!England)(?P<lead>[,;)”\"\n\d_]\s*|\s)(?:-\s*)?(?:and|AND|And)\s*[:\-–]?\s+(?!its\b|their\b|the\s+other\b|"
    r"each\b|all\b|associated\b|subsidiar|affiliat|together\b|collectively\b)"
)
_LISTED = re.compile(r",\s+(?=[A-Z])")  # "A CORP., B MERGER SUB, INC. AND C, INC."


def _introduced(text: str) -> bool:
    """A party introduced as one: a name followed by its description or defined term ("Jeffrey Hanuscin,
    (hereinafter …)"), not "Companies Register" in an address."""
    name = _name_at(text, _NAME_END)
    return _is_name(_clean(name)) and bool(re.match(r"\s*[,(]", text[len(name) :]))


def _next_and(text: str, start: int) -> int | None:
    """Where the next party begins, looking on from ``start`` (the end of the last name): after an "and"
    outside brackets that follows a comma, a bracket, a line end, a blank or a postcode, that follows the
    last name at once, or that introduces a name with its description; or after the comma of a list of
    names. None when the sentence ends first."""
    depth = 0
    for i in range(start, min(len(text), start + 600)):
        ch = text[i]
        if ch in "(“":
            depth += 1
        elif ch in ")”":
            depth = max(0, depth - 1)
        if depth:
            continue
        if text.startswith(";", i) and re.match(r";\s*(?!and\b)[A-Z]", text[i : i + 8]):
            return None
        if (
            ch == "."
            and re.match(r"\.\s+[A-Z]", text[i : i + 4])
            and not _ABBREVIATED.search(text[max(0, i - 8) : i + 1])
        ):
            return None
        joined = _JOINED.match(text, i, i + 40)
        if joined and (joined.group("lead").strip() or i - start < 3 or _introduced(text[joined.end() :])):
            return joined.end()
        listed = _LISTED.match(text, i) if i - start < 3 else None
        if listed:  # "AMONG MERCK SHARP & DOHME CORP., PANAMA MERGER SUB, INC. AND PANDION …"
            name = _name_at(text[listed.end() :], _NAME_END)
            rest = text[listed.end() + len(name) :]
            if _is_name(_clean(name)) and re.match(r"\s*(?:,\s*[A-Z]|\s(?:and|AND)\s)", rest):
                return listed.end()
    return None


def _prose_parties(text: str) -> list[str]:
    """Parties named in a preamble sentence ("by and between X, a … (“X”), and Y (“Y”)")."""
    found: list[str] = []
    pos = 0
    for _ in range(6):
        lead = re.match(r"[\s,:]*(?:(?:and|AND)\s+)?(?:\(\w{1,3}\)|\w{1,2}\))?\s*", text[pos:])
        pos += lead.end() if lead else 0
        raw = _name_at(text[pos:], _NAME_END)
        name = _clean(raw)
        if _is_name(name) and pos + len(raw) < len(text):
            found.append(name)
        nxt = _next_and(text, pos + len(raw))
        if nxt is None:
            break
        pos = nxt
    return found


def _opening_parties(head: str, after: int) -> list[str]:
    """Parties named at the start of the paragraph after the heading, with no "between" before them
    ("Aduro Biotech, Inc., with a place of business at … and IREYA B.V …"): a name only when its
    description or defined term follows."""
    lines = [line for _, line in _segments(head[after : after + 2000]) if line][:3]
    for line in lines:
        first = _name_at(line, _NAME_END)
        if _is_name(_clean(first)) and re.match(r"\s*(?:\(|,?\s*(?:a|an|with|having|located)\s)", line[len(first) :]):
            return _prose_parties(line[:1200])
    return []


def parties(head: str, after: int = 0) -> list[str]:
    """The contract's parties, in the order it names them; [] when it names none (a blank form).
    ``after``: where the heading's line ends, for a preamble that opens with the first party's name."""
    segments = [line for _, line in _segments(head[:3000])]
    for i, segment in enumerate(segments[:40]):
        if _BLOCK_CONNECTOR.fullmatch(segment):
            found = _block_parties(segments[i + 1 :])
            if found:
                return found
            break
    flat = re.sub(r"[ \t\u00a0]+", " ", re.sub(r"\s*(?:\n|[ \t\u00a0]{3,})\s*", "\n", head[:5000]))
    for connector in _CONNECTOR.finditer(flat, 0, 2500):
        clause = re.split(r"[.;]\s", flat[max(0, connector.start() - 100) : connector.start()])[-1]
        word = connector.group(0).strip().lower()
        if (
            word.startswith(("by", "the parties", "entered", "made", "executed", "on behalf"))
            or word.endswith(":")
            or _PREAMBLE_VERB.search(clause)
        ):
            found = _prose_parties(flat[connector.end() : connector.end() + 1200])
            if found:
                return found
    return _opening_parties(head, after) if after else []


def contract_title(head: str) -> Found | None:
    """The agreement's heading and the parties it names: "Agreement and Plan of Merger among Eli Lilly and
    Company and Prevail Therapeutics Inc."; None when the page shows no agreement heading."""
    title, after = _heading(head)
    if not title:
        return None
    if re.search(r"\b(?:between|among|by\s+and)\b", title, re.IGNORECASE):
        return Found(title, "page 1: the agreement's heading, which names its parties", 0.75)
    names: list[str] = []
    for name in parties(head, after):
        name = title_case(name)
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if len(names) > 3:
        names = [n for n in names if not _VEHICLE.search(n)] or names
    if len(names) > MAX_PARTIES:
        names = names[:3] + ["others"]
    if not names:
        return Found(title, UNNAMED, 0.6)
    if len(names) == 1:
        return Found(f"{title} ({names[0]})", "page 1: the agreement's heading and its named party", 0.7)
    listed = f"{', '.join(names[:-1])} and {names[-1]}"
    word = "among" if len(names) > 2 else "between"
    return Found(f"{title} {word} {listed}", "page 1: the agreement's heading and parties", 0.75)
