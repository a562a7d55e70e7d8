"""Where a passage sits in its document: which opinion (and whose), which statute subsection, which
contract article and section. Read from the text itself, page by page, in document order.

    opinion   "Syllabus", "Opinion of the Court (GINSBURG, J.)", "SOTOMAYOR, J., dissenting", "Per Curiam"
    statute   "9 U.S.C. § 2", "45 U.S.C. § 56(a)"
    contract  "Article VII › Section 7.2 Termination"
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from legalassist.domain import COURT_PAPERS, DocType, Page

# Running heads of slip opinions and U.S. Reports prints: the part of the opinion this page belongs to.
_RUNNING_HEAD = re.compile(
    r"^\s*(Syllabus|Opinion of the Court|Per Curiam|PER CURIAM"
    r"|(?:[A-Z][A-Za-z'\-]+|[A-Z]+), (?:C\. )?J\., (?:concurring|dissenting)[a-z ,]*)\s*$"
)
# First sentence of each opinion, often over two lines: "JUSTICE GINSBURG delivered the opinion of the
# Court." / "JUSTICE THOMAS, with whom JUSTICE ALITO joins, dissenting." / "PER CURIAM."
_AUTHOR_START = re.compile(
    r"^\s*(?:(CHIEF JUSTICE|JUSTICE|Chief Justice|Justice) ([A-Z][A-Za-z'\-]+)\b|(PER CURIAM)\.?\s*$)"
)
_AUTHOR_SENTENCE = re.compile(r"^[^.]*?(?:(delivered the opinion[^.]*)|((?:concurring|dissenting)[a-z ,]*?))\s*\.")
_STATUTE_SUB = re.compile(r"^\s*\(([a-z]|\d+)\)\s")
_ARTICLE = re.compile(r"^\s*(?:ARTICLE|Article)\s+([IVXLC]+|\d+)\b[.:]?\s*([A-Z][^\n]{0,70})?$")
_SECTION = re.compile(r"^\s*(?:SECTION|Section)\s+(\d+(?:\.\d+)*)\.?\s+([A-Z][^\n]{0,70}?)\.?\s*$")
_NUMBERED = re.compile(r"^\s*(\d+\.\d+(?:\.\d+)*)\.?\s+([A-Z][A-Za-z ,;'&\-]{2,60}?)\.?\s*$")


def is_running_head(line: str) -> bool:
    """A line naming the part of an opinion its page belongs to ("Syllabus", "GINSBURG, J., dissenting")."""
    return bool(_RUNNING_HEAD.match(line))


@dataclass(frozen=True)
class Marker:
    page: int
    offset: int
    kind: str  # "part" | "author" | "article" | "section" | "sub"
    label: str


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _judge(title: str, name: str) -> str:
    """ "GINSBURG, J." / "ROBERTS, C. J.", as opinions style their authors."""
    return f"{name.upper()}, {'C. ' if title.upper().startswith('CHIEF') else ''}J."


def find_markers(doc_type: str, pages: list[Page]) -> list[Marker]:
    markers: list[Marker] = []
    for page in pages:
        lines = _lines(page.text)
        if doc_type in COURT_PAPERS:
            for _offset, line in lines[:6]:
                m = _RUNNING_HEAD.match(line)
                if m:
                    # "Gorsuch, J., dissenting" in a print's running head is "GORSUCH, J., dissenting" elsewhere.
                    label = re.sub(r"^([A-Za-z'\-]+),", lambda n: n.group(1).upper() + ",", m.group(1).strip())
                    markers.append(
                        Marker(page.number, 0, "part", "Per Curiam" if label.upper() == "PER CURIAM" else label)
                    )
                    break
            for offset, line in lines:
                m = _AUTHOR_START.match(line)
                if not m:
                    continue
                if m.group(3):
                    label = "Per Curiam"
                else:
                    sentence = " ".join(page.text[offset : offset + 240].split())
                    kind = _AUTHOR_SENTENCE.match(sentence)
                    # The sentence must end in what the opinion is; body text that mentions a dissent does not.
                    if not kind or not (
                        kind.group(1) or sentence[: kind.end()].rstrip(". ").endswith(kind.group(2).strip(" ,"))
                    ):
                        continue
                    judge = _judge(m.group(1), m.group(2))
                    label = (
                        f"Opinion of the Court ({judge})" if kind.group(1) else f"{judge}, {kind.group(2).strip(' ,')}"
                    )
                markers.append(Marker(page.number, offset, "part", label))
                if label.startswith("Opinion of the Court ("):
                    markers.append(Marker(page.number, offset, "author", label))
        elif doc_type == DocType.STATUTE:
            for offset, line in lines:
                m = _STATUTE_SUB.match(line)
                if m:
                    markers.append(Marker(page.number, offset, "sub", f"({m.group(1)})"))
        else:
            for offset, line in lines:
                if m := _ARTICLE.match(line):
                    title = f" {m.group(2).strip()}" if m.group(2) else ""
                    markers.append(Marker(page.number, offset, "article", f"Article {m.group(1)}{title}"))
                elif m := _SECTION.match(line) or _NUMBERED.match(line):
                    markers.append(Marker(page.number, offset, "section", f"Section {m.group(1)} {m.group(2).strip()}"))
    return markers


class Breadcrumbs:
    """Answers "where is (page, offset)?" from the markers before it."""

    def __init__(self, doc_type: str, citation: str, pages: list[Page]) -> None:
        self.doc_type = doc_type
        self.citation = citation
        self.markers = find_markers(doc_type, pages)
        self._keys = [(m.page, m.offset) for m in self.markers]
        self._opinion_part: str | None = None

    def _last(self, page: int, offset: int, kinds: tuple[str, ...], same_page: bool = False) -> Marker | None:
        i = bisect.bisect_right(self._keys, (page, offset)) - 1
        while i >= 0:
            m = self.markers[i]
            if same_page and m.page != page:
                return None
            if m.kind in kinds:
                return m
            i -= 1
        return None

    def at(self, page: int, offset: int) -> str:
        if self.doc_type in COURT_PAPERS:
            m = self._last(page, offset, ("part",))
            if m is None:
                return ""
            if m.label == "Opinion of the Court":  # a running head: the author comes from the opinion's first line
                author = self._last(m.page, m.offset, ("author",))
                return author.label if author else m.label
            return m.label
        if self.doc_type == DocType.STATUTE:
            sub = self._last(page, offset, ("sub",), same_page=True)
            return f"{self.citation}{sub.label if sub else ''}" if self.citation else ""
        article = self._last(page, offset, ("article",))
        section = self._last(page, offset, ("section",))
        parts = [m.label for m in (article, section) if m is not None]
        if article and section and (section.page, section.offset) < (article.page, article.offset):
            parts = [article.label]  # the section belongs to an earlier article
        return " › ".join(parts)
