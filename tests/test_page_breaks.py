"""Sentences that run over a page break: the passage they start in records every page it touches."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from legalassist.domain import Page
from legalassist.index.catalog import Catalog
from legalassist.ingest.chunker import CONTINUATION_MAX, Span, continuation
from legalassist.ingest.passages import cut_passages
from legalassist.ingest.pdf import extract_pdf

KEMP = CORPUS / "scotus" / "596US528_Kemp_v_United_States_prelim_print.pdf"
TRUMP = CORPUS / "scotus" / "23-939_Trump_v_United_States_slip_2024.pdf"
BNSF = CORPUS / "scotus_ot2016" / "16-405_BNSF_R_Co_v_Tyrrell.pdf"


@pytest.mark.parametrize("path", [KEMP, TRUMP, BNSF], ids=lambda p: p.name)
def test_a_passage_records_where_its_sentence_ends_on_the_next_page(path: Path) -> None:
    pages = {p.number: p for p in extract_pdf(path, "").pages}
    cuts = cut_passages(list(pages.values()), "opinion", "", 900)
    continued = [c for c in cuts if c.continued]
    assert len(continued) >= 5
    for c in cuts:
        assert pages[c.page].text[c.start : c.end] == c.text
        if c.continued is None:
            continue
        nxt = c.continued
        assert nxt.page == c.page + 1
        assert pages[nxt.page].text[nxt.start : nxt.end] == nxt.text
        assert not c.text.rstrip().endswith((".", "?", "!"))
        assert 0 < len(nxt.text) <= CONTINUATION_MAX
        # It is the opening of the next page's first running-text passage, which keeps it too.
        first = next(f for f in cuts if f.page == nxt.page and not f.footnote)
        assert first.start <= nxt.start < nxt.end <= first.end
        assert "Cite as" not in nxt.text and "Page Proof" not in nxt.text
        # The last passage of its page (footnotes aside).
        assert c is [f for f in cuts if f.page == c.page and not f.footnote][-1]


@pytest.mark.parametrize(
    ("last", "opening", "expected"),
    [
        ("The court held that the statute of", "limitations had run. The next sentence.", "limitations had run."),
        ("The court held that the statute had run.", "A new sentence begins here.", None),
        ("as the Court explained in", "II\nThe second part of the opinion begins.", None),  # a heading
        ("which the parties signed,", "and the court enforced it. Then more.", "and the court enforced it."),
        ("the arbi-", "tration clause applies. More.", "tration clause applies."),
        ("Conclusion", "The end of it. More.", None),  # a heading at the page's foot: not running on
    ],
)
def test_continuation(last: str, opening: str, expected: str | None) -> None:
    span = continuation(last, opening, Span(0, len(opening)))
    assert (opening[span.start : span.end] if span else None) == expected


def test_a_continuation_stops_within_its_limit_at_a_word() -> None:
    opening = "word " * 200
    span = continuation("the rule of", opening, Span(0, len(opening)))
    assert span is not None and span.end - span.start <= CONTINUATION_MAX and opening[span.end - 1] != " "


sentences = st.lists(
    st.text(alphabet=st.sampled_from(list("abcde fgh")), min_size=1, max_size=60).map(str.strip).filter(bool),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(pages=st.lists(st.tuples(sentences, st.booleans()), min_size=1, max_size=5), target=st.integers(60, 600))
def test_every_passage_and_continuation_is_a_verbatim_slice_of_its_page(
    pages: list[tuple[list[str], bool]], target: int
) -> None:
    """For any pages of sentences (each page ending mid-sentence or not), every passage is a slice of its
    page and every continuation a slice of the next page inside that page's first passage."""
    made = []
    for number, (parts, finished) in enumerate(pages, start=1):
        text = ". ".join(parts) + ("." if finished else "")
        made.append(Page(number, text))
    cuts = cut_passages(made, "other", "", target)
    by_number = {p.number: p for p in made}
    for c in cuts:
        assert by_number[c.page].text[c.start : c.end] == c.text
        if c.continued:
            nxt = c.continued
            assert nxt.page == c.page + 1
            assert by_number[nxt.page].text[nxt.start : nxt.end] == nxt.text
            first = next(f for f in cuts if f.page == nxt.page)
            assert first.start <= nxt.start < nxt.end <= first.end


def test_a_phrase_across_a_page_break_is_found_and_both_pages_are_recorded(tmp_library) -> None:
    result = tmp_library.import_paths([KEMP], embed=False)[0]
    passages = tmp_library.catalog.passages_of(result.doc_id)

    def across(p) -> str:  # the last three words of a page and the first three of the next
        return " ".join(p.text.split()[-3:] + p.continued.text.split()[:3])

    # A phrase of plain words across a page break that no single page's passage holds.
    flat = [" ".join(q.text.split()) for q in passages]
    passages = [q for q in passages if q.continued and re.fullmatch(r"[A-Za-z ,]+", across(q))]
    runs_on = [
        p
        for p in passages
        if p.continued and len(p.continued.text.split()) >= 3 and not any(across(p) in f for f in flat)
    ]
    assert runs_on
    p = runs_on[0]
    hits = tmp_library.search(f'"{across(p)}"', 5, mode="keyword")
    assert [h.passage.id for h in hits] == [p.id], across(p)
    hit = hits[0]
    assert hit.passage.pages == (p.page, p.page + 1)
    assert hit.to_json()["pages"] == [p.page, p.page + 1]
    assert hit.passage.page_label() == f"pages {p.page}–{p.page + 1}"
    nxt = tmp_library.page(result.doc_id, p.continued.page)
    assert nxt.text[p.continued.start : p.continued.end] == p.continued.text
    assert tmp_library.highlight_boxes(result.doc_id, p.continued.page, p.continued.start, p.continued.end)


def test_a_citation_in_the_sentence_run_on_over_a_page_break_counts_for_the_passage_it_ends(tmp_library) -> None:
    """Bank of America v. Miami, page 5 runs on to page 6 with "… v. Camp, 397 U.S. 150, 153 (1970)": a cites:
    search for that case finds the page-5 passage as well as the page-6 one that holds the citation."""
    result = tmp_library.import_paths(
        [CORPUS / "scotus_ot2016" / "15-1111_Bank_of_America_Corp_v_Miami.pdf"], embed=False
    )[0]
    runs_on = [p for p in tmp_library.catalog.passages_of(result.doc_id) if p.continued and p.page == 5]
    assert len(runs_on) == 1 and "397 U.S. 150" in runs_on[0].continued.text
    assert "397 U.S. 150" not in runs_on[0].text
    hits = tmp_library.search('cites:"397 U.S. 150"', 10, mode="keyword")
    assert {(h.passage.page, h.passage.id == runs_on[0].id) for h in hits} >= {(5, True), (6, False)}


def test_a_catalog_from_before_continuations_opens_and_keeps_its_passages(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL DEFAULT '', doc_type TEXT NOT NULL DEFAULT 'other',
            court TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '', citation TEXT NOT NULL DEFAULT '',
            pages INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'new', error TEXT NOT NULL DEFAULT '',
            added_at REAL NOT NULL);
        CREATE TABLE passages (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, page INTEGER NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, breadcrumb TEXT NOT NULL DEFAULT '',
            vector_row INTEGER);
        INSERT INTO documents (id, path, sha256, title, added_at) VALUES (1, '/a.pdf', 'x', 'A', 0);
        INSERT INTO passages (doc_id, page, start, end, text) VALUES (1, 1, 0, 5, 'Hello');
        """
    )
    db.close()
    catalog = Catalog(path)
    try:
        (passage,) = catalog.passages_of(1)
        assert (passage.text, passage.continued, passage.pages) == ("Hello", None, (1,))
    finally:
        catalog.close()
