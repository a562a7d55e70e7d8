"""Document metadata read from the document itself: title, type, court, date and its own citation.

Every field records where it came from and how sure the reader is (``sources``), shown in the document's
details, so a lawyer can tell a title read from the caption from one that is only the file's name.
The PDF's own metadata is used only where the page gives nothing and it looks like a title, never a file
path, a temporary name or a word processor's "Microsoft Word - draft.docx".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

from legalassist.citations.popular_names import popular_name
from legalassist.domain import DocType, Page
from legalassist.ingest.caption import Found, find_case_name, find_court, title_case
from legalassist.ingest.chunker import runs_on
from legalassist.ingest.contract import UNNAMED, contract_title, heading
from legalassist.ingest.dates import find_date, find_issue_date, find_signed_date, unspace

_USC = re.compile(r"\b(\d+)\s+U\.\s?S\.\s?C\.\s+§+\s*([\w.-]+)")
_REPORTER = re.compile(r"\b(\d{1,4})\s+U\.\s?S\.\s+(\d{1,4})\b")
_PRELIM = re.compile(r"\bVolume\s+(\d{1,4})\s+U\.\s?S\.[^\n]*\n\s*Pages\s+(\d{1,4})")
_NEUTRAL = re.compile(r"\b(\d{4}-[A-Z]{2,6}-\d{1,5})\b")
_TC_MEMO = re.compile(r"\bT\.\s?C\.\s+Memo\.\s+(\d{4}-\d+)")
_SECTION_HEADING = re.compile(r"^\s*§+\s*[\w.-]+\.\s+\S.*$", re.MULTILINE)
_FILE_NAMEY = re.compile(
    r"\\|^/|[A-Za-z_]/[A-Za-z_]|^[A-Za-z]:|\.(?:tmp|exe|txt|wpd|docx?|rtf|cef|pdf|png|jpe?g|tiff?|html?)\b|^microsoft\s+word|"
    r"^untitled|^document\d*$|^[\w-]*\d{4,}[\w-]*$",
    re.IGNORECASE,
)

# Kinds of document. Each is told by features that hold for any court or author, not by words of one corpus.
# The judge's name over the text ("PAUL A. ENGELMAYER, District Judge:"): opinions and orders both print it.
_AUTHOR = (
    r"[A-Z][A-Za-z.'’ -]{1,40},[ \t]+(?:Chief[ \t]+|Senior[ \t]+|Circuit[ \t]+|District[ \t]+|Associate[ \t]+)?"
    r"(?:Judge|Justice)[.:]"
)
_OPINION = re.compile(
    r"\bPER\s+CURIAM\b|Per\s+Curiam|\bOPINION\b|\bOpinion\s+of\s+the\s+Court\b|delivered\s+the\s+opinion|"
    r"^\s*Syllabus\s*$|\bMemorandum\s+Opinion\b|\bT\.\s?C\.\s+Memo\.|"
    r"^\s*(?:NOT\s+)?(?:FOR\s+)?(?:PUBLICATION|PUBLISHED|UNPUBLISHED|PRECEDENTIAL|\[PUBLISH\])\s*$|"
    r"RECOMMENDED\s+FOR\s+(?:FULL-TEXT\s+)?PUBLICATION|"
    rf"^[ \t]*{_AUTHOR}|"
    r"\b(?:Affirmed|Reversed|Vacated)(?:\s+and\s+Remanded)?\s*$|^\s*Cite\s+as:|"
    r"\b(?:JUSTICE|Justice|Judge|JUDGE)\s+[A-Z][A-Za-z’'-]+,?\s+(?:dissenting|concurring)\b",
    re.MULTILINE,
)
_AUTHOR_LINE = re.compile(_AUTHOR)
_PANEL = re.compile(r"\bBefore:?\s.{0,120}?\b(?:Circuit\s+)?Judges\b", re.DOTALL | re.IGNORECASE)
# A heading line in capitals may carry numbers, brackets, colons, dashes and quotes: "REDACTED ORDER (1) GRANTING
# ...", "ORDER RE: ATTORNEY-CLIENT PRIVILEGE DISPUTE", "CRIMINAL MINUTES – GENERAL ‘O’".
_CAPS_LINE = r"[A-Z0-9 ,'’‘“”\"&()\[\]:;./–—-]"
_ORDER_HEADING = (
    rf"^\s*(?:[A-Z(\[]{_CAPS_LINE}{{0,60}}\s)?(?:ORDER|JUDGMENT|MINUTES|WARRANT)(?:\s{_CAPS_LINE}{{0,120}})?\s*\*?$"
)
_ORDER_HEADING_LINE = re.compile(_ORDER_HEADING, re.MULTILINE)
_ORDER = re.compile(
    rf"{_ORDER_HEADING}|"
    r"\bIT\s+IS\s+(?:HEREBY\s+|FURTHER\s+)?ORDERED\b|\bORDERED\s+and\s+ADJUDGED\b|\bORDERS\s+the\s+parties\b|"
    r"FINDINGS\s+OF\s+FACT\s+AND\s+CONCLUSIONS\s+OF\s+LAW|^\s*By\s+the\s+Court:",
    re.MULTILINE,
)
# A court's list of the decisions it released on a day: many cases, none of them the document's own.
_DECISION_LIST = re.compile(r"^\s*(?:LIST\s+OF\s+DECISIONS|DECISIONS?\s+LIST|LIST\s+OF\s+OPINIONS)\b", re.MULTILINE)
_CORRESPONDENCE = re.compile(
    r"\bDear\s+(?:Counsel|Mr\.|Ms\.|Mrs\.|Judge|Sir)|^\s*(?:[A-Z]+\s+)?NOTICE\s*$|\bDOCKETING\s+NOTICE\b|"
    r"^\s*FORM\s+\d|\bOFFICE\s+OF\s+THE\s+CLERK\b|^\s*To\s+All\s+Parties|"
    r"^\s*R[Ee]:\s|\bSincerely\b|\bVery\s+truly\s+yours\b",
    re.MULTILINE,
)
_BRIEF = re.compile(
    r"^\s*(?!ON\s)(?:[A-Z][A-Z ,'’&-]{0,60}\s)?(?:COMPLAINT|BRIEF|MOTION|PETITION|OPPOSITION|REPLY|ANSWER|"
    r"MEMORANDUM\s+OF\s+POINTS|MEMORANDUM\s+IN\s+(?:SUPPORT|OPPOSITION))\b[A-Z ,'’&-]*$|"
    r"\bJURY\s+TRIAL\s+DEMANDED\b|\bDEMAND\s+FOR\s+JURY\s+TRIAL\b|\bAttorneys?\s+for\s+(?:Plaintiff|Defendant|"
    r"Petitioner|Respondent|Appellant|Appellee|Debtor)|\bCounsel\s+for\s+(?:Plaintiff|Defendant|Petitioner|"
    r"Appellant)|\brespectfully\s+(?:submits|moves|requests)\b|\bCOMES\s+NOW\b",
    re.MULTILINE,
)
_TRANSCRIPT = re.compile(
    r"\bTRANSCRIPT\s+OF\s+(?:PROCEEDINGS|HEARING|TRIAL)|REPORTER'?S?\s+TRANSCRIPT|\bDEPOSITION\s+OF\b|"
    r"\b(?:CSR|RMR|CRR)\b|^\s*THE\s+COURT:",
    re.MULTILINE,
)
# A rule's marks; a CFR section is also cited by documents that are not rules (an agency's NDA form).
_CFR_CITATION = re.compile(r"\b\d+\s+CFR\s+(?:Parts?\s+)?\d")
_REGULATION = re.compile(
    r"\bCODE\s+OF\s+FEDERAL\s+REGULATIONS\b|\bFederal\s+Register\b|\bRULES\s+AND\s+REGULATIONS\b|"
    r"^\s*AGENCY:|^\s*ACTION:\s|" + _CFR_CITATION.pattern,
    re.MULTILINE,
)
_STATUTE = re.compile(
    r"UNITED\s+STATES\s+CODE|United\s+States\s+Code,\s+Title|\bBe\s+it\s+enacted\b|\bThis\s+Act\s+may\s+be\s+cited\b|"
    r"^\s*PUBLIC\s+LAW\s+\d|^\s*(?:AN\s+ACT|An\s+Act)\s*$",
    re.MULTILINE,
)
# A journal's marks and an author's; an author's title is also a signer's (a licence signed by a professor).
_AUTHOR_MARK = re.compile(r"\b(?:Assistant\s+|Associate\s+)?Professor\s+of\b|\bJ\.D\.\s+Candidate\b", re.IGNORECASE)
_ARTICLE = re.compile(
    r"\bLaw\s+Review\b|\bL\.\s?Rev\.|\bLaw\s+Journal\b|\bL\.\s?J\.|^\s*Abstract\b|^\s*ABSTRACT\b|"
    + _AUTHOR_MARK.pattern,
    re.MULTILINE | re.IGNORECASE,
)
_CONTRACT = re.compile(
    r"^\s*(?:[A-Z][A-Z ,'’&-]{0,60}\s)?(?:AGREEMENT|CONTRACT|LEASE|LICEN[CS]E|TERMS\s+OF\s+(?:USE|SERVICE))\b"
    r"[A-Z ,'’&-]*$|\bWHEREAS\b|\bNOW,?\s+THEREFORE\b|\bIN\s+WITNESS\s+WHEREOF\b|\bthe\s+parties\s+(?:hereto\s+)?"
    r"agree\b|\(the\s+[“\"](?:Agreement|Company|Licensee|Licensor)[”\"]\)",
    re.MULTILINE,
)


# The version of what ``guess_metadata`` reads. Raise it when a change reads some document's fields differently:
# a library's documents read by an older version are then read again from their stored pages when it is opened
# (legalassist.index.migrations, "metadata read again"), keeping every field the user set.
READER = 7  # 2: a statute's heading wrapped onto a second line is read whole; 3: signature dates,
# minutes' Title field, courts-db's "District Court, S.D. New York" names, order headings with numbers;
# 4: a caption whose "v." OCR lost, warrants, lists of decisions, a letter's RE: line, short orders;
# 5: a report form named by its person reporting, a "Date of Report"; 6: "ST." in a caption is "St.";
# 7: a state appellate court's district, "Supreme Court of <State>", "Estate of …" captions, a Federal
# Register rule's subject and issue date
# The fields read, as the catalog stores them.
FIELDS = ("title", "doc_type", "court", "date", "citation", "known_as")


def _source(how: str, confidence: float) -> dict[str, object]:
    return {"from": how, "confidence": round(confidence, 2)}


def looks_like_title(title: str) -> bool:
    """A PDF's own title field worth showing: not a file path, a temporary or executable name, a word
    processor's placeholder or a bare number."""
    low = " ".join(title.split())
    if len(low) < 4 or not re.search(r"[A-Za-z]{3}", low) or _FILE_NAMEY.search(low):
        return False
    return len(low.split()) >= 2 and low.lower() not in {"untitled", "document", "microsoft word"}


def _only(marks: re.Pattern[str], weak: re.Pattern[str], text: str) -> bool:
    """Whether every match of ``marks`` in ``text`` is one of the ``weak`` kind."""
    return all(weak.fullmatch(m.group(0).strip()) for m in marks.finditer(text))


def _doc_type(head: str, court: Found | None, pages: int) -> tuple[str, str, float]:
    """(type, what told it, confidence) from the first pages' text."""
    top = head[:2500]
    upper_top = top.upper()
    if "CONSTITUTION OF THE UNITED STATES" in upper_top[:600]:
        return DocType.CONSTITUTION, "page 1: the Constitution's title", 0.95
    if _STATUTE.search(top) and not court:
        return DocType.STATUTE, "page 1: a code's or an act's heading", 0.9
    # An agreement's heading outweighs a rule's marks that an agreement also carries: a CFR section it cites
    # ("… regulations thereto (6 CFR Part 29)"), or a signer's title ("Professor of Otolaryngology").
    if (
        _REGULATION.search(top)
        and not _ORDER.search(top)
        and not (_only(_REGULATION, _CFR_CITATION, top) and heading(top[:1200]))
    ):
        return DocType.REGULATION, "page 1: a rule's heading (Federal Register, CFR)", 0.8
    if len(_TRANSCRIPT.findall(head)) >= 1 and not _OPINION.search(top):
        return DocType.TRANSCRIPT, "page 1: a reporter's transcript", 0.7
    opinion = len(_OPINION.findall(head)) + (1 if _PANEL.search(top) else 0)
    order = len(_ORDER.findall(top))
    if court and _DECISION_LIST.search(top[:400]):
        return DocType.OTHER, "page 1: a court's list of decisions", 0.7
    if court:
        # A court's own heading ("ORDER RE: …", then "Re: Dkt. Nos. 626, 627") is not a letter's "Re:".
        if _CORRESPONDENCE.search(top) and not opinion and not order:
            return DocType.OTHER, "page 1: a court's letter, notice or form", 0.6
        if _BRIEF.search(top) and not opinion and not order:
            return DocType.BRIEF, "page 1: a party's filing (complaint, motion, brief)", 0.7
        short_order = (
            pages <= 3
            and _ORDER_HEADING_LINE.search(top) is not None
            and not _PANEL.search(top)
            and _only(_OPINION, _AUTHOR_LINE, head)
        )
        if order and (
            not opinion or short_order or (pages <= 2 and re.search(r"ORDERED\s+and\s+ADJUDGED|JUDGMENT", top))
        ):
            return DocType.ORDER, "page 1: an order's heading or 'IT IS ORDERED'", 0.75
        if opinion or pages >= 4:
            return DocType.OPINION, "page 1: an opinion's caption, author or panel", 0.8 if opinion else 0.5
        return DocType.ORDER, "page 1: a court's short paper", 0.5
    if _BRIEF.search(top):
        return DocType.BRIEF, "page 1: a party's filing (complaint, motion, brief)", 0.6
    if _ARTICLE.search(head) and not (_only(_ARTICLE, _AUTHOR_MARK, head) and heading(top[:1200])):
        return DocType.ARTICLE, "page 1: a journal's or author's marks", 0.6
    if _CONTRACT.search(top) or heading(top[:1200]):
        return DocType.CONTRACT, "page 1: an agreement's heading or recitals", 0.7
    return DocType.OTHER, "nothing on page 1 told the kind", 0.3


def _statute_title(head: str, citation: str) -> str:
    """The citation and the section's heading, whole: a long heading wraps ("… for injuries to" / "employees
    from negligence; employee defined")."""
    heading = _SECTION_HEADING.search(head[:1500])
    if not (heading and citation):
        return citation
    text = heading.group(0).strip()
    below = head[heading.end() :].split("\n")[1:4]
    while below and runs_on(text) and below[0].strip():
        text += " " + below.pop(0).strip()
    return f"{citation}. {text.split('.', 1)[1].strip()}"


# The lines a Federal Register document prints above its subject: agency, CFR part, docket and RIN.
_RULE_PREAMBLE = re.compile(r"^\s*(?:RIN\b|\[|.*\]\s*$|\d+\s+CFR\b|.*\bDocket\b|[A-Z][A-Z ,.&'’-]+$)")


def _rule_title(head: str) -> str:
    """A Federal Register rule's subject: the lines above "AGENCY:", after its docket and RIN ("Airworthiness
    Directives; The Boeing / Company Airplanes")."""
    lines = head[:4000].splitlines()
    at = next((i for i, line in enumerate(lines) if re.match(r"\s*AGENCY:", line)), None)
    if at is None:
        return ""
    subject: list[str] = []
    for line in reversed(lines[max(0, at - 6) : at]):
        if not line.strip() or _RULE_PREAMBLE.match(line):
            break
        subject.insert(0, line.strip())
    text = " ".join(" ".join(subject).split())
    return text if 2 <= len(text.split()) <= 30 else ""


def _heading_title(head: str, words: str) -> str:
    """The first short heading line that holds one of ``words`` ("AGREEMENT", "REPORT")."""
    for line in head[:2000].splitlines():
        line = " ".join(line.split())
        if 2 <= len(line.split()) <= 16 and re.search(words, line, re.IGNORECASE) and not re.search(r"\d{3,}", line):
            return title_case(line)
    return ""


# "This Act may be cited as the “Federal Vacancies Reform Act of 1998”", "This chapter may be cited as the
# 'Lanham Act'", "popularly known as the ‘Federal Employers’ Liability Act’". A closing quote is one that
# ends the name: followed by punctuation, the end, or a lower-case word (not "Employers’ Liability").
_SHORT_TITLE = re.compile(
    r"\b(?:(?:[Tt]his|[Tt]he|[Ss]uch)\s+(?:Act|[Tt]itle|[Cc]hapter|[Ss]ubchapter|[Pp]art|[Ss]ubtitle|[Dd]ivision)"
    r"(?:\s*,[^.;]{1,80},)?\s+may\s+be\s+cited\s+as|popularly\s+known\s+as)"
    r"\s+(?:the\s+)?[“\"‘'](?P<name>[A-Z][^“”\"\n]{2,150}?)[”\"’'](?=\s*(?:[.,;:)\]”\"’']|$|\s+[a-z(]))"
)


def short_title(text: str) -> tuple[str, int] | None:
    """A statute's own short title and where it is in ``text``; an amendment's short title ("... Amendments
    Act of 2010") only when the statute names no other."""
    found = [(" ".join(m.group("name").split()).rstrip(".,"), m.start()) for m in _SHORT_TITLE.finditer(text or "")]
    if not found:
        return None
    own = [f for f in found if not re.search(r"\bAmendments?\b", f[0])]
    return (own or found)[0]


def _head(pages: list[Page]) -> tuple[list[tuple[int, str]], str]:
    """The first pages with text (up to three), and the first two's text joined: what fields are read from."""
    first = [(p.number, p.text) for p in pages[:3] if p.text.strip()]
    return first, unspace("\n".join(text for _, text in first[:2]))


def _contract_title(path: Path, head: str) -> Found | None:
    title = contract_title(head)
    if title is not None and title.how == UNNAMED:  # ten NDAs, one heading: the file's name tells them apart
        stem = " ".join(unquote(path.stem).replace("_", " ").split())
        if set(re.findall(r"[a-z]{3,}", stem.lower())) - set(re.findall(r"[a-z]{3,}", title.value.lower())):
            title = Found(f"{title.value} ({stem})", f"{title.how}, and the file's name", 0.5)
    return title


# A report form one person files (a judge's financial disclosure report, AO 10) is named by the form's heading
# and the person: its "Court or Organization" field is where the filer works, not a court's decision. The
# field's number may be OCR's "l." for "1.".
_PERSON_FIELD = re.compile(
    r"^[^\S\n]*(?:[\dlI]\.\s*)?(?:Person\s+Reporting|Filer'?s\s+Information|Reporting\s+Individual'?s\s+Name)\b[^\n]*\n"
    r"[^\S\n]*(?P<name>[A-Za-z][A-Za-z.'’-]*(?:[ .]+[A-Za-z.'’-]+)*,\s*[A-Za-z][A-Za-z. '’-]{0,40}?)[^\S\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_REPORT_HEADING = re.compile(
    r"^[^\S\n]*(?P<name>[A-Za-z][A-Za-z ]{2,60}?\bREPORT)\b[^\n]{0,30}$", re.IGNORECASE | re.MULTILINE
)
_REPORT_YEAR = re.compile(r"\b(?:Calendar|Report)\s+Year:?\s*(\d{4})\b", re.IGNORECASE)


def _person_report(head: str) -> Found | None:
    """ "Financial Disclosure Report, 2018: Nancy V. Alquist" from a form's heading, year and person field."""
    top = head[:2500]
    person = _PERSON_FIELD.search(top)
    # The fullest report name on the page names the form ("Annual" and "Final" are its checkboxes).
    names = sorted((m.group("name") for m in _REPORT_HEADING.finditer(top)), key=lambda n: -len(n.split()))
    if person is None or not names or len(names[0].split()) < 2:
        return None
    last, first = (" ".join(part.split()) for part in person.group("name").split(",", 1))
    last = re.sub(r"\.(?=(?:JR|SR)\b)", " ", last, flags=re.IGNORECASE)  # OCR's "LITTLE.JR."
    year = _REPORT_YEAR.search(top)
    form = title_case(" ".join(names[0].split()).upper())
    return Found(
        f"{form}{', ' + year.group(1) if year else ''}: {title_case(f'{first} {last}'.upper())}",
        "page 1: the report's heading and the person reporting",
        0.7,
    )


_RE_LINE = re.compile(r"^\s*R[Ee]\s*:\s*\S.*\sv\.?\s.*$", re.MULTILINE)


def _re_line_case(pages: list[Page]) -> Found | None:
    """The case a court's letter is about, from its "RE: City of Hoboken v. Chevron Corp, et al" line, which
    may come pages into the letter (after the addresses of every counsel)."""
    for page in pages[:10]:
        for line in _RE_LINE.finditer(page.text):
            found = find_case_name(line.group(0).strip())
            if found:
                return Found(found.value, f"page {page.number}: the letter's RE: line", 0.7)
    return None


def read_contract_title(path: Path, pages: list[Page]) -> Found | None:
    """A contract's title read from its pages as on import (for a library imported by an older reader)."""
    return _contract_title(path, _head(pages)[1])


def guess_metadata(path: Path, pages: list[Page], pdf_meta: dict[str, str]) -> dict[str, str]:
    """Best-effort fields read from the document; anything not found stays empty for the user to fill in.
    ``sources`` (JSON) tells, for each field, where it was read and with what confidence. PDF keywords are
    not read: the sample corpus's builder writes its truth there, and the corpus is read like any other
    document."""
    first, head = _head(pages)
    page1 = first[0][1] if first else ""
    meta: dict[str, str] = {"court": "", "date": "", "citation": ""}
    sources: dict[str, dict[str, object]] = {}

    report = _person_report(head)
    court = find_court(unspace(page1), path.name) if page1 and report is None else None
    statute_head = bool(_STATUTE.search(unspace(page1)[:600]))  # page 1's heading, not a clause quoted later
    if court and not statute_head:  # a statute that names a court is not from one
        meta["court"], sources["court"] = court.value, _source(court.how, court.confidence)
    else:
        court = None
        subject = pdf_meta.get("subject", "")
        if "court" in subject.lower() and looks_like_title(subject):
            meta["court"], sources["court"] = subject, _source("PDF metadata (subject)", 0.5)

    kind, why, sure = (
        (DocType.OTHER, "page 1: a report form and the person filing it", 0.7)
        if report is not None
        else _doc_type(head, court, len(pages))
    )
    meta["doc_type"], sources["doc_type"] = kind, _source(why, sure)

    if kind == DocType.REGULATION:
        issue = find_issue_date(first)
        if issue:
            meta["date"] = issue.iso
            sources["date"] = _source(f"page {issue.page}: {issue.label} date", issue.confidence)
    elif kind not in (DocType.STATUTE, DocType.CONSTITUTION):
        date = find_date(first)
        if (date is None or date.label in ("docket header", "top of page 1")) and len(pages) > len(first):
            # Nothing labelled on the first pages, or only the docket's filed date: the judge's signature
            # on the last page dates the order or opinion.
            signed = find_signed_date(pages[-1].number, pages[-1].text)
            date = signed or date
        if date:
            meta["date"] = date.iso
            sources["date"] = _source(f"page {date.page}: {date.label} date", date.confidence)

    usc = _USC.search(head[:400])
    reporter = _PRELIM.search(head[:400]) or _REPORTER.search(head[:300])
    if kind == DocType.STATUTE and usc:
        meta["citation"] = f"{usc.group(1)} U.S.C. § {usc.group(2)}"
    elif kind == DocType.CONSTITUTION:
        meta["citation"] = "U.S. Const."
    elif kind == DocType.OPINION:
        neutral = _NEUTRAL.search(head[:400])
        memo = _TC_MEMO.search(head[:400])
        if reporter:
            meta["citation"] = f"{reporter.group(1)} U.S. {reporter.group(2)}"
        elif memo:
            meta["citation"] = f"T.C. Memo. {memo.group(1)}"
        elif neutral:
            meta["citation"] = neutral.group(1)
    if meta.get("citation"):
        sources["citation"] = _source("page 1: the document's own citation", 0.8)

    title: Found | None = None
    listing = kind == DocType.OTHER and _DECISION_LIST.search(head[:400]) is not None
    if report is not None:
        title = report
    elif listing:
        value = re.sub(r"\s+(?:by|of|on|for)$", "", _heading_title(head, _DECISION_LIST.pattern), flags=re.IGNORECASE)
        title = Found(value, "page 1: the list's heading", 0.6) if value else None
    elif kind in (DocType.OPINION, DocType.ORDER, DocType.BRIEF, DocType.TRANSCRIPT, DocType.OTHER) and (
        court or kind != DocType.OTHER
    ):
        for number, text in first:
            title = find_case_name(unspace(text))
            if title:
                if number != first[0][0]:
                    title = Found(title.value, title.how.replace("page 1", f"page {number}"), title.confidence)
                break
        if title is None and kind == DocType.OTHER:
            title = _re_line_case(pages)
    elif kind == DocType.CONSTITUTION:
        title = Found("Constitution of the United States", "page 1: the Constitution's title", 0.95)
    elif kind == DocType.STATUTE:
        value = _statute_title(head, meta.get("citation", ""))
        title = Found(value, "page 1: the section's heading", 0.85) if value else None
    elif kind == DocType.CONTRACT:
        title = _contract_title(path, head)
    elif kind == DocType.REGULATION:
        value = _rule_title(head)
        title = Found(value, "page 1: the rule's subject, above AGENCY:", 0.8) if value else None
    pdf_title = pdf_meta.get("title", "").strip()
    if title is not None and " v. " in title.value and looks_like_title(pdf_title):
        # A publisher's short case name in the PDF's own title ("BNSF R. Co. v. Tyrrell") that agrees with
        # the caption ("BNSF Railway Co. v. Tyrrell") is the form lawyers cite.
        short = re.sub(r"\s*\(\d{1,2}/\d{1,2}/\d{2,4}\)$", "", re.sub(r"^\d[\d-]*\s+", "", " ".join(pdf_title.split())))
        party_a, party_b = title.value.split(" v. ", 1)
        names = re.findall(r"[A-Za-z]{3,}", party_a)[:1] + re.findall(r"[A-Za-z]{3,}", party_b)[-1:]
        if " v. " in short and len(names) == 2 and all(w.lower() in short.lower() for w in names):
            title = Found(short, "PDF metadata (title), agreeing with the caption on page 1", 0.85)
    if title is None and looks_like_title(pdf_title):
        title = Found(" ".join(pdf_title.split()), "PDF metadata (title)", 0.5)
    if title is None:
        value = _heading_title(head, r"\b(?:REPORT|ORDER|NOTICE|OPINION|MEMORANDUM|ACT|RULE|FORM)\b")
        if value:
            title = Found(value, "page 1: heading", 0.4)
    if title is None:
        title = Found(path.stem.replace("_", " "), "file name", 0.2)
    meta["title"], sources["title"] = title.value, _source(title.how, title.confidence)

    if kind == DocType.STATUTE:  # its own short-title clause, else the table: the name lawyers call it by
        for page in pages:
            named = short_title(page.text)
            if named:
                meta["known_as"] = named[0]
                sources["known_as"] = _source(f"page {page.number}: short-title clause", 0.9)
                break
        else:
            listed = popular_name(meta.get("citation", ""))
            if listed:
                meta["known_as"] = listed
                sources["known_as"] = _source("the Popular Names Table, by its U.S. Code section", 0.7)

    meta["sources"] = json.dumps(sources, sort_keys=True)
    meta["reader"] = str(READER)
    return meta
