"""Page furniture, footnotes and hyphenation: kept out of passages (or labelled), offsets untouched."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from conftest import CORPUS, _require_models, make_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from legalassist.domain import Page
from legalassist.ingest.chunker import Span, chunk_page, index_text
from legalassist.ingest.layout import PageLayout, page_layouts
from legalassist.ingest.pdf import extract_pdf

KEMP = CORPUS / "scotus" / "596US528_Kemp_v_United_States_prelim_print.pdf"
TRUMP = CORPUS / "scotus" / "23-939_Trump_v_United_States_slip_2024.pdf"
BNSF = CORPUS / "scotus_ot2016" / "16-405_BNSF_R_Co_v_Tyrrell.pdf"


def chunks_of(path: Path) -> list[tuple[Page, Span, str, PageLayout]]:
    pages = extract_pdf(path, "").pages
    layouts = page_layouts(pages)
    out = []
    for page in pages:
        layout = layouts[page.number]
        for span in chunk_page(page, 900, layout.furniture, layout.breaks()):
            out.append((page, span, layout.footnote_at(span.start), layout))
    return out


@pytest.mark.parametrize(
    ("path", "heads"),
    [
        (KEMP, ["KEMP v. UNITED STATES", "Page Proof Pending Publication", "Cite as: 596 U. S. 528 (2022)"]),
        (BNSF, ["BNSF R. CO. v. TYRRELL", "Cite as: 581 U. S. ____ (2017)"]),
        (TRUMP, ["TRUMP v. UNITED STATES", "Cite as: 603 U. S. ____ (2024)"]),
    ],
)
def test_running_heads_and_page_numbers_stay_out_of_passages(path: Path, heads: list[str]) -> None:
    chunks = chunks_of(path)
    assert chunks
    for page, span, _, layout in chunks:
        text = page.text[span.start : span.end]
        assert text == page.text[span.start : span.end].strip()  # verbatim, trimmed
        for head in heads[1:] if page.number <= 2 else heads:  # a caption on the first pages is content
            assert head not in text, (page.number, text[:80])
        for f in layout.furniture:  # page numbers and heads are in no passage
            assert not span.start <= f.start < span.end, (page.number, page.text[f.start : f.end])
    # The heads are still on the page, at their offsets: only the passages leave them out.
    assert any(heads[-1] in page.text for page, _, _, _ in chunks)


def test_footnotes_are_passages_of_their_own_labelled_with_their_number() -> None:
    chunks = chunks_of(TRUMP)
    notes = [(page, span, mark) for page, span, mark, _ in chunks if mark]
    assert len({(p.number, m) for p, _, m in notes}) >= 10
    assert any(
        mark == "2" and page.text[span.start : span.end].startswith("2Our decision in Clinton")
        for page, span, mark in notes
        if page.number == 23
    )
    # A footnote passage holds footnote text only: the body passage before it ends where the note begins.
    for page, span, _mark in notes:
        body = [s for p, s, m, _ in chunks if p.number == page.number and not m]
        assert all(s.end <= span.start or s.start >= span.end for s in body)


def test_a_library_labels_footnote_passages(tmp_library) -> None:
    result = tmp_library.import_paths([KEMP], embed=False)[0]
    assert result.ok
    crumbs = {p.breadcrumb for p in tmp_library.catalog.passages_of(result.doc_id)}
    assert any(c.endswith("› Footnote 1") or c == "Footnote 1" for c in crumbs), crumbs
    for p in tmp_library.catalog.passages_of(result.doc_id):
        assert "Page Proof Pending Publication" not in p.text


def _pleading(path: Path) -> None:
    """A page of pleading paper: line numbers 1-28 beside the lines, a word hyphenated across two."""
    lines = [
        "UNITED STATES DISTRICT COURT",
        "Plaintiff moves for summary judgment on the",
        "claim that the defendant breached the arbi-",
        "tration agreement signed by both parties",
        "in the presence of counsel on March 3.",
    ] + [f"Line {i} of the argument continues with more words here." for i in range(6, 29)]
    with pymupdf.open() as doc:
        page = doc.new_page()
        for i, text in enumerate(lines, start=1):
            page.insert_text((40, 72 + i * 24), str(i), fontsize=10)
            page.insert_text((90, 72 + i * 24), text, fontsize=11)
        doc.save(path)


def test_line_number_gutters_and_hyphenation_are_left_out_of_what_is_searched(tmp_path: Path, tmp_library) -> None:
    path = tmp_path / "motion.pdf"
    _pleading(path)
    pages = extract_pdf(path, "").pages
    layout = page_layouts(pages)[1]
    assert len(layout.furniture) == 28  # every gutter number, nothing else
    text = pages[0].text
    assert all(text[s.start : s.end].isdigit() for s in layout.furniture)
    for span in chunk_page(pages[0], 900, layout.furniture, layout.breaks()):
        indexed = index_text(text[span.start : span.end])
        assert not any(line.strip().isdigit() for line in indexed.split("\n"))
    # Through a library: the hyphenated word and a phrase across the gutter are found; the passage and
    # its offsets stay verbatim.
    assert tmp_library.import_paths([path], embed=False)[0].ok
    for query in ("arbitration", '"breached the arbitration agreement"'):
        hits = tmp_library.search(query, 5, mode="keyword")
        assert hits, query
        hit = hits[0]
        assert "arbi-\n4\ntration" in hit.passage.text
        page = tmp_library.page(hit.passage.doc_id, hit.passage.page)
        assert page.text[hit.passage.start : hit.passage.end] == hit.passage.text


@pytest.mark.parametrize(
    ("text", "indexed"),
    [
        ("an arbi-\ntration clause", "an arbitration clause"),
        ("crim\xad\ninal law", "criminal law"),  # a soft hyphen, as typeset opinions have it
        ("the well-\nKnown rule", "the well-\nKnown rule"),  # a capital after the break: a name, kept
        ("see 42 U.S.C.\n1983\nand more", "see 42 U.S.C.\nand more"),  # a lone number line (a gutter) goes
        ("pre- and post-\ntrial", "pre- and posttrial"),
        ("no change here", "no change here"),
        # footnote numbers printed against a word (a Tax Court opinion's "the debt.8"), and opening a note
        ("liability for the debt.8  See Melvin", "liability for the debt. 8  See Melvin"),
        ("“damages.”12 The", "“damages.” 12 The"),
        ("the debt8 See", "the debt 8 See"),
        ("text\n8The “ultimate liability” analysis", "text\n8 The “ultimate liability” analysis"),
        # what is not a footnote number: citations, decimals, a query's fields and operators
        ("Rule 12(b)(6), 28 U.S.C. § 1331, F.3d 1.5", "Rule 12(b)(6), 28 U.S.C. § 1331, F.3d 1.5"),
        ("date:2010 w/3 pre/5 sha256", "date:2010 w/3 pre/5 sha256"),
        # function words OCR ran together; real words made of two are kept
        ("Ofthe people, tothe State", "of the people, to the State"),
        ("a bean fora and onto into", "a bean fora and onto into"),
        # longer words a scan or an export ran together, split by the English word list (real PDFs: an
        # immigration court's OCR'd forms, a privacy policy's text)
        ("Cover sheetfor the filing, $200 permonth", "Cover sheet for the filing, $200 per month"),
        ("as stated inthe policyand thewritten notice", "as stated in the policy and the written notice"),
        # real words, their inflections and names are kept: "withholdings" is no "with holdings"
        (
            "withholdings, in forma pauperis, the payor, tippee, Tarrant",
            "withholdings, in forma pauperis, the payor, tippee, Tarrant",
        ),
        ("a subbasin of the river; courtclerk", "a subbasin of the river; courtclerk"),  # no short word in it
    ],
)
def test_index_text(text: str, indexed: str) -> None:
    assert index_text(text) == indexed


spans = st.lists(st.tuples(st.integers(0, 2000), st.integers(1, 40)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("abc XYZ.,;\n0123")), max_size=2000),
    skip=spans,
    breaks=st.lists(st.integers(0, 2000), max_size=6),
    target=st.integers(min_value=60, max_value=900),
)
def test_chunks_avoid_furniture_and_never_cross_a_break(
    text: str, skip: list[tuple[int, int]], breaks: list[int], target: int
) -> None:
    furniture = sorted({Span(a, min(a + n, len(text))) for a, n in skip if a < len(text)}, key=lambda s: s.start)
    # Furniture spans do not overlap (layout finds whole lines).
    furniture = [s for i, s in enumerate(furniture) if all(s.start >= f.end for f in furniture[:i])]
    chunks = chunk_page(Page(1, text), target, furniture, breaks)
    last_end = 0
    for c in chunks:
        assert last_end <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == text[c.start : c.end].strip()
        for f in furniture:
            assert not f.start <= c.start < f.end and not f.start < c.end <= f.end  # neither starts nor ends in it
        assert not any(c.start < b < c.end and text[b : c.end].strip() and text[c.start : b].strip() for b in breaks)
        last_end = c.end


def _tax_page(path: Path) -> None:
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 100), "a guarantor's liability turns on whether the guarantor", fontsize=11)
        page.insert_text(
            (72, 116), "has the ultimate liability for the debt.8  See Melvin v. Commissioner.", fontsize=11
        )
        page.insert_text((72, 400), "8The ultimate liability analysis is distinct from the loss analysis.", fontsize=9)
        doc.save(path)


def test_a_phrase_is_found_past_a_footnote_number_printed_against_its_last_word(tmp_path: Path, tmp_library) -> None:
    path = tmp_path / "opinion.pdf"
    _tax_page(path)
    assert tmp_library.import_paths([path], embed=False)[0].ok
    for query in (
        '"has the ultimate liability for the debt"',  # as read, without the note's number
        "has the ultimate liability for the debt.8 See Melvin",  # pasted with it
        '"The ultimate liability analysis is distinct"',  # the note's own first words
    ):
        hits = tmp_library.search(query, 5, mode="keyword")
        assert hits and "the debt.8" in hits[0].passage.text + tmp_library.page(hits[0].passage.doc_id, 1).text, query
    hit = tmp_library.search('"liability for the debt"', 5, mode="keyword")[0]
    page = tmp_library.page(hit.passage.doc_id, hit.passage.page)
    assert page.text[hit.passage.start : hit.passage.end] == hit.passage.text  # the passage stays verbatim


@pytest.mark.models
def test_a_keyword_index_made_with_the_older_text_is_rebuilt_when_the_library_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library indexed before footnote numbers were set apart finds the phrase after it is opened once."""
    from legalassist import service
    from legalassist.index import writer
    from legalassist.index.keyword import TEXT_VERSION, VERSION_FILE

    _require_models()
    path = tmp_path / "opinion.pdf"
    _tax_page(path)
    settings = make_settings(tmp_path / "library")
    with monkeypatch.context() as m:
        m.setattr(writer, "index_text", lambda text: text)  # what an older version indexed
        lib = service.Library(settings)
        assert lib.import_paths([path], embed=False)[0].ok
        assert not lib.search('"has the ultimate liability for the debt"', 5, mode="keyword")
        lib.close()
    (tmp_path / "library" / "keyword" / VERSION_FILE).unlink()  # as an older version left it
    lib = service.Library(settings)
    try:
        assert lib.migrate() == ["keyword index rebuilt"]
        assert lib.search('"has the ultimate liability for the debt"', 5, mode="keyword")
        assert (tmp_path / "library" / "keyword" / VERSION_FILE).read_text() == str(TEXT_VERSION)
    finally:
        lib.close()


def test_a_phrase_is_found_in_words_a_scan_ran_together(tmp_path: Path) -> None:
    """An OCR'd form reads "Cover sheetfor" and "$200 permonth"; the phrases a lawyer types find it, and the
    page keeps what the scan read."""
    from legalassist.service import Library

    path = tmp_path / "form.txt"
    path.write_text("Attach the Cover sheetfor each filing. The fee is $200 permonth until paid.\n", encoding="utf-8")
    with Library(make_settings(tmp_path / "lib")) as lib:
        assert lib.import_paths([path], embed=False)[0].ok
        for query in ('"cover sheet for each filing"', '"200 per month"'):
            hits = lib.search(query, 3, mode="keyword")
            assert hits and hits[0].passage.doc_id == lib.documents()[0].id, query
        assert "sheetfor" in hits[0].passage.text  # the passage is what the page says
