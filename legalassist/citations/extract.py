"""Legal citations in a document's text: where each one is, and which authority it names.

eyecite (Free Law Project) finds case, short-form, Id., supra and statute citations and resolves the
short forms to their antecedents. Shapes common in U.S. opinions that it does not parse are added with the
same output (``legalassist.citations.shapes``), and a few of its misreadings are corrected here.

Every citation gets a *key*, the authority in one canonical form ("347 U.S. 483", "45 U.S.C. § 56",
"U.S. Const. amend. IV"), and *targets*: the strings a library document can be known by, used to link
the citation to a document in the library (parallel reporter citations, the case name, the docket;
``legalassist.citations.names``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from legalassist.citations.eyecite_tuning import tune_eyecite
from legalassist.citations.names import case_name_targets
from legalassist.citations.shapes import (
    _CASE_NAME,
    _DOCKET,
    _ID_SECTION,
    _SECTION_HOME,
    _SECTION_REF,
    CONSTITUTION,
    SHAPE_TABLE,
    Shape,
    _code_sections,
    _more_sections,
    _page_before,
    _treatment,
    _with_section,
    name_target,
    normalise_section,
    usc_key,
)
from legalassist.domain import COURT_PAPERS, DocType

# Raised whenever extraction finds more: a library found with an older version scans its documents again on open.
# 2: letter suffixes, Internal Revenue Code sections, state codes' short forms, neutral citations, soft hyphens.
# 3: "Section 1983" in words, a document's own code for bare sections, titled state codes and their lists,
#    "Id. § N", T.C. Memo. keys, short citations eyecite misreads beside a T.C. Memo.
# 4: the federal rules of procedure and evidence ("Fed. R. Civ. P. 12(b)(6)").
# 5: a case citation eyecite reads with no volume is skipped; before, it ended the document's scan, so a
#    document holding one (a contract's "approval of Chase.   10. Chase Customers") showed no citations at all.
# 6: an en dash inside a section number ("Conn. Gen. Stat. §9–611") is read as a hyphen.
# 7: a state section's key is written with one space after "§" however it was printed ("Conn. Gen. Stat. § 9-611"),
#    so the same section printed two ways is one authority.
SHAPES = 7


# The text just before a dash that is part of a code's section number: "§9", "§§13–37", "§ 25"; and of a state
# code's ("Conn. Gen. Stat. §9").
_SECTION_SO_FAR = r"§§?\s*[\w.–-]*\d$"
_IN_SECTION = re.compile(_SECTION_SO_FAR)
_IN_STATE_SECTION = re.compile(
    r"(?:[A-Z][a-z]{1,5}\.\s?(?:Gen\.\s?)?(?:Stat|Code|Laws)\.?(?:\s?Ann\.)?|Code),?\s*" + _SECTION_SO_FAR
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
        # A soft hyphen (and a line break after it) is dropped: "Cal\xadder" is "Calder"; a dash ending a line
        # inside a code's section number keeps no space after it: "§§9–\n611(a)" is "§§9–611(a)".
        for m in re.finditer(r"\xad\s*|(?<=\d)[-–]\s+(?=\d)|\s+", self.text):
            s, e = m.span()
            if e - s == 1 and self.text[s] == " ":
                continue
            ch = self.text[s]
            if ch == "\xad":
                replacement = ""
            elif ch in "-–":  # a section's dash keeps no space; a range or a word broken over a line keeps one
                replacement = ch if _IN_SECTION.search(self.text, max(0, s - 40), s) else ch + " "
            else:
                replacement = " "
            pieces += (self.text[last:s], replacement)
            last = e
            self._at.append(s - removed + len(replacement))  # the clean offset just after this run
            removed += e - s - len(replacement)
            self._shift.append(removed)
        pieces.append(self.text[last:])
        # An en dash inside a state code's section number ("Conn. Gen. Stat. §9–611(a)(5)", as the Supreme Court
        # prints them) is a hyphen to eyecite, which otherwise stops at it ("§9"). One character for one, so the
        # offsets hold. A range ("§§ 701–704"), a public law ("Pub. L. 94–553") and the U.S. Code keep theirs.
        clean = "".join(pieces)
        self.clean = re.sub(
            r"(?<=\d)–",
            lambda m: "-" if _IN_STATE_SECTION.search(clean, max(0, m.start() - 40), m.start()) else "–",
            clean,
        )

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


def _authority_of(cite: Any) -> _Authority | None:
    """The authority a full citation (eyecite object) names."""
    from eyecite.models import FullCaseCitation, FullJournalCitation, FullLawCitation

    if isinstance(cite, FullLawCitation):
        reporter = cite.corrected_reporter()
        title, section = cite.groups.get("title"), cite.groups.get("section")
        if reporter in ("U.S.C.", "U.S.C.A.") and title and section:
            key = usc_key(title, section)
            return _Authority(key, (key,))
        key = re.sub(r"§+\s*", "§ ", cite.corrected_citation())
        return _Authority(key, (key,))
    if isinstance(cite, FullCaseCitation):
        g = cite.groups
        if not g.get("volume"):  # "… approval of Chase.   10. Chase Customers": a sentence, then a clause number
            return None
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

    tune_eyecite()
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
    extras: list[tuple[int, int, Shape | str, Any]] = []
    for shape in SHAPE_TABLE:
        if shape.only_if is None or shape.only_if.search(text):
            extras += [(m.start(), m.end(), shape, m) for m in shape.pattern.finditer(text)]
    home = _SECTION_HOME.search(text)
    home_title = (
        "" if home is None else "26" if home.group("irc") else "11" if home.group("bankruptcy") else home.group("title")
    )
    extras += [(*doc.span(c.span()), "section", c) for c in cites if isinstance(c, UnknownCitation)]
    # A bare "§56" names a section cited in full somewhere in the document ("45 U.S.C. §56"); when the
    # section was never cited with its title, it is more likely a treatise's or an Act's section than the
    # Code's, and is left alone.
    full_sections: dict[str, list[tuple[int, str]]] = {}
    for s, e, what, m in extras:
        if isinstance(what, Shape) and what.name == "usc" and free(s, e):
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
        if isinstance(what, Shape) and what.key is not None:
            key = what.key(m)
            if key is None:
                continue
            auth = _Authority(key, what.targets(key, m), key if what.labelled else "")
            if what.beside_others:
                found.append((s, e, what.kind, auth, ""))
            else:
                claim(s, e, what.kind, auth)
        elif isinstance(what, Shape) and what.name == "titled":  # with the later sections of its list
            title = m.group("title").replace("–", "-")
            key = f"{' '.join(m.group('code').split())} tit. {title}, § {normalise_section(m.group('sec'))}"
            if free(s, e):
                claim(s, e, "statute", _Authority(key, (key,)))
                for sec, list_end in _code_sections(text, e, key):
                    k = _with_section(key, sec)
                    found.append((s, list_end, "statute", _Authority(k, (k,)), ""))
                    taken.append((s, list_end))
        elif isinstance(what, Shape) and what.name == "bare":  # "section 465(b)(2)(A)", "sec. 7482(b)"
            title = home_title or title_for(m.group("sec"), s)
            if title and free(s, e):
                key = usc_key(title, m.group("sec"))
                claim(s, e, "statute", _Authority(key, (key,)))
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
            last = max((f for f in found if f[0] < s), key=lambda f: f[0], default=None)
            if after and last and free(s, after.end()) and "§" in last[3].key:
                k = _with_section(last[3].key, after.group("sec"))
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


def document_targets(doc_type: str, title: str, citation: str, head: str) -> set[str]:
    """What a library document can be cited as: its reporter or code citation, its case name, its
    docket number, or the Constitution."""
    targets: set[str] = set()
    if doc_type == DocType.CONSTITUTION:
        targets.add(CONSTITUTION)
    if citation:
        targets |= {c.key for c in extract_citations([(1, citation)]) if c.kind in ("case", "statute")}
    if doc_type in COURT_PAPERS:
        targets |= case_name_targets(title)
        m = _DOCKET.search(head[:1500])
        if m:
            targets.add("docket:" + m.group("num").replace("–", "-"))
    return {t for t in targets if t and "___" not in t}
