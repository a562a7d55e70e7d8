"""Document metadata read from the document itself: title, type, court, date, reporter citation."""

from __future__ import annotations

import re
from pathlib import Path

from legalassist.domain import Page

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}}),\s+(\d{{4}})\b")
_DECIDED = re.compile(rf"Decided\s+({_MONTHS})\s+(\d{{1,2}}),\s+(\d{{4}})")
_USC = re.compile(r"\b(\d+)\s+U\.\s?S\.\s?C\.\s+§+\s*([\w.-]+)")
_REPORTER = re.compile(r"\b(\d{1,4})\s+U\.\s?S\.\s+(\d{1,4})\b")
_PRELIM = re.compile(r"\bVolume\s+(\d{1,4})\s+U\.\s?S\.[^\n]*\n\s*Pages\s+(\d{1,4})")
_COURTS = [
    ("SUPREME COURT OF THE UNITED STATES", "Supreme Court of the United States"),
    ("UNITED STATES COURT OF APPEALS", "U.S. Court of Appeals"),
    ("UNITED STATES DISTRICT COURT", "U.S. District Court"),
    ("SUPREME COURT OF NORTH CAROLINA", "Supreme Court of North Carolina"),
    ("MISSOURI COURT OF APPEALS", "Missouri Court of Appeals"),
]


def _iso(match: re.Match[str]) -> str:
    month = _MONTHS.split("|").index(match.group(1)) + 1
    return f"{int(match.group(3)):04d}-{month:02d}-{int(match.group(2)):02d}"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 3 and re.search(r"[A-Za-z]{3}", line):
            return line[:200]
    return ""


def _is_placeholder_title(title: str) -> bool:
    """Titles that word processors and scanners write on their own say nothing about the document."""
    low = title.strip().lower()
    return (
        len(low) < 4
        or low in {"untitled", "document", "microsoft word"}
        or low.startswith(("microsoft word -", "untitled"))
        or low.endswith((".doc", ".docx", ".pdf", ".png", ".jpg", ".tif", ".tiff", ".wpd"))
    )


def guess_metadata(path: Path, pages: list[Page], pdf_meta: dict[str, str]) -> dict[str, str]:
    """Best-effort fields; anything not found stays empty for the user to fill in."""
    head = "\n".join(p.text for p in pages[:2])
    upper = head.upper()
    meta: dict[str, str] = {}

    title = pdf_meta.get("title", "")
    if _is_placeholder_title(title):
        title = path.stem.replace("_", " ")
    meta["title"] = title

    court = pdf_meta.get("subject", "") if pdf_meta.get("subject", "").lower().find("court") >= 0 else ""
    statute = "UNITED STATES CODE" in upper[:400]
    if not court and not statute:  # a statute that mentions a court is not from one
        court = next((name for key, name in _COURTS if key in upper), "")
    meta["court"] = court

    decided = _DECIDED.search(head) or _DATE.search(head)
    meta["date"] = _iso(decided) if decided else ""

    usc = _USC.search(head[:400])
    # The document's own reporter citation is at its top ("Cite as: 580 U. S. 288", a preliminary print's
    # "Volume 596 U. S. ... Pages 528–542"); further down, U.S. citations are cases it cites.
    reporter = _PRELIM.search(head[:400]) or _REPORTER.search(head[:300])
    if "CONSTITUTION OF THE UNITED STATES" in upper[:2000]:
        meta["doc_type"] = "constitution"
    elif usc and "UNITED STATES CODE" in upper[:400]:
        meta["doc_type"] = "statute"
        meta["citation"] = f"{usc.group(1)} U.S.C. § {usc.group(2)}"
    elif re.search(r"\bAGREEMENT\b|\bCONTRACT\b", upper[:1500]) and not court:
        meta["doc_type"] = "contract"
    elif re.search(r"\bORDER\b", upper[:1500]) and "OPINION" not in upper[:1500]:
        meta["doc_type"] = "order"
    elif court or "OPINION" in upper or " v. " in head[:1500]:
        meta["doc_type"] = "opinion"
    else:
        meta["doc_type"] = "other"
    if "citation" not in meta and reporter and meta["doc_type"] == "opinion":
        meta["citation"] = f"{reporter.group(1)} U.S. {reporter.group(2)}"
    keywords = pdf_meta.get("keywords", "")
    # Documents exported by legalassist's corpus builder carry "key: value" keywords; honour them.
    for part in keywords.split(";"):
        key, _, value = part.partition(":")
        if key.strip() in {"doc_type", "court", "date", "citation"} and value.strip():
            meta[key.strip()] = value.strip()
    return meta
