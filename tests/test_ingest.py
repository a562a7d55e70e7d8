"""Extraction and chunking on real corpus PDFs, and clear failures on bad files."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from legalassist.domain import Page
from legalassist.errors import ImportFailed
from legalassist.ingest.chunker import chunk_page, headed_sentences, sentence_spans, sentences_under_headings
from legalassist.ingest.metadata import guess_metadata
from legalassist.ingest.pdf import BLANK_NOTE, NO_TEXT_NO_OCR, OCR_NOTE, extract_pdf, tessdata_dir

REAL_PDFS = [
    CORPUS / "scotus" / "596US528_Kemp_v_United_States_prelim_print.pdf",
    CORPUS / "other_courts" / "CA5_21-50498_St_Pierre_v_Standard_Insurance.pdf",
    CORPUS / "other_courts" / "NC_2022-NCSC-1_Gift_Surplus_v_State_ex_rel_Cooper.pdf",  # CRLF before %PDF-
    CORPUS / "us_code" / "9_USC_2.pdf",
]


@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
def test_page_text_is_exactly_what_pymupdf_extracts_and_word_boxes_line_up(path: Path) -> None:
    extracted = extract_pdf(path)
    with pymupdf.open(path) as doc:
        assert len(extracted.pages) == doc.page_count
        for page, pdf_page in zip(extracted.pages, doc, strict=True):
            assert page.text == pdf_page.get_text()
            words = pdf_page.get_text("words")
            assert len(page.words) == len(words)
            for box, word in zip(page.words, words, strict=True):
                assert page.text[box.start : box.end] == word[4]
                assert (box.x0, box.y0) == pytest.approx((word[0], word[1]), abs=0.01)


@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
def test_every_chunk_is_a_verbatim_slice_of_its_page_with_boxes_to_highlight(path: Path) -> None:
    for page in extract_pdf(path).pages:
        for span in chunk_page(page):
            text = page.text[span.start : span.end]
            assert text == text.strip() and text
            assert page.boxes_for(span.start, span.end), f"page {page.number}: no word boxes for a chunk"


SCAN = CORPUS / "scanned" / "scanned_Tarrant_v_Herrmann_first_2_pages.pdf"
NEEDS_TESSERACT = "Tesseract's English data is not installed: run `make ocr` (the README's set-up does)"


@pytest.mark.parametrize("language", ["", "zzz"], ids=["ocr-off", "language-not-installed"])
def test_scanned_pages_without_ocr_are_kept_and_reported(language: str) -> None:
    extracted = extract_pdf(SCAN, language)
    assert [p.note for p in extracted.pages] == [NO_TEXT_NO_OCR] * 2
    assert [p.text for p in extracted.pages] == ["", ""]
    assert "scanned" in extracted.metadata["warning"]


def test_scanned_pages_are_read_by_ocr_with_word_boxes_on_the_page() -> None:
    assert tessdata_dir("eng"), NEEDS_TESSERACT
    extracted = extract_pdf(SCAN, "eng")
    assert [p.note for p in extracted.pages] == [OCR_NOTE] * 2
    assert "warning" not in extracted.metadata
    first, second = extracted.pages
    assert "The Red River Compact (or Compact) is a congressionally sanctioned" in first.text
    assert "TARRANT REGIONAL WATER DIST. v. HERRMANN" in second.text
    with pymupdf.open(SCAN) as doc:
        rect = doc[0].rect
    for page in extracted.pages:
        assert len(page.words) > 300
        for box in page.words:
            word = page.text[box.start : box.end]
            assert word and not word.isspace()
            assert rect.x0 - 1 <= box.x0 < box.x1 <= rect.x1 + 1 and rect.y0 - 1 <= box.y0 < box.y1 <= rect.y1 + 1
    # The quoted sentence is highlightable: its words have boxes.
    start = first.text.index("The Red River Compact")
    assert len(first.boxes_for(start, start + 60)) >= 8


def test_a_scan_with_a_stamped_bates_number_is_still_read_by_ocr(tmp_path: Path) -> None:
    assert tessdata_dir("eng"), NEEDS_TESSERACT
    path = tmp_path / "stamped.pdf"
    with pymupdf.open(SCAN) as scan, pymupdf.open() as doc:
        image = scan[0].get_pixmap(dpi=200).tobytes("png")
        page = doc.new_page(width=scan[0].rect.width, height=scan[0].rect.height)
        page.insert_image(page.rect, stream=image)
        page.insert_text((400, 780), "ABC-000123", fontsize=8)  # a text layer of one stamp
        doc.save(path)
    [page] = extract_pdf(path, "eng").pages
    assert page.note == OCR_NOTE
    assert "congressionally sanctioned" in page.text and "000123" in page.text


def test_a_text_layer_that_reads_as_no_words_is_read_by_ocr_instead() -> None:
    """A real S.D.N.Y. order whose font has no usable character map: its text layer is symbols
    ("$#"##""#!#$!#"), apart from the docket's filing stamp. OCR reads the page."""
    from legalassist.ingest.pdf import OCR_UNREADABLE_NOTE, UNREADABLE_NO_OCR_NOTE, word_share

    assert tessdata_dir("eng"), NEEDS_TESSERACT
    path = Path(__file__).parent / "data" / "real_pdfs" / "doctor-gov.uscourts.nysd.413994.212.0.pdf"
    with pymupdf.open(path) as doc:
        layer = doc[0].get_text()
    assert word_share(layer) < 0.1
    # No OCR: the layer is kept as it is, and each page says why its words will not be found.
    assert [p.note for p in extract_pdf(path, "").pages] == [UNREADABLE_NO_OCR_NOTE] * 2
    extracted = extract_pdf(path, "eng")
    assert [p.note for p in extracted.pages] == [OCR_UNREADABLE_NOTE] * 2
    first = extracted.pages[0]
    assert "T&M PROTECTION RESOURCES" in first.text and "Rule 60(b)" in first.text
    assert word_share(first.text) > 0.6 and len(first.words) > 100


@pytest.mark.parametrize(
    ("text", "unreadable"),
    [
        ("81,7('67$7(6',675,&7&2857 &(175$/',675,&72)&$/,)251,$ 5('$&7(' " * 6, True),
        ('$#"##""#!#$!#\n"$#!"#!#%&!\n 3(05:0--\n<\n# !##!"$!",:(3\n,-,5+(5:9\n' * 6, True),
        ("The Court has received pro se plaintiff Otis Daniel's motion for relief under Rule 60(b). " * 4, False),
        # A statute's amendment table: numbers and citations, with enough words among them.
        (
            "Pub. L. 104-295, § 20(b)(1), Oct. 20, 1996, 110 Stat. 3528; Pub. L. 106-113, div. B, § 1000(a)(9) " * 4,
            False,
        ),
        ("$1,234.00 $5.00 " * 5, False),  # too short to judge
    ],
)
def test_what_counts_as_an_unreadable_text_layer(text: str, unreadable: bool) -> None:
    from legalassist.ingest.pdf import _unreadable

    assert _unreadable(text) is unreadable


def test_a_blank_page_is_not_sent_to_ocr(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "A page with words.")
        doc.new_page()
        doc.save(path)
    pages = extract_pdf(path, "eng").pages
    assert [p.note for p in pages] == ["", BLANK_NOTE]


page_text = st.text(alphabet=st.sampled_from(list('abc XYZ.,;§!?\n"”’0123')), max_size=3000)


@settings(max_examples=300, deadline=None)
@given(text=page_text, target=st.integers(min_value=40, max_value=1200))
def test_chunks_are_ordered_disjoint_trimmed_slices_within_size(text: str, target: int) -> None:
    chunks = chunk_page(Page(1, text), target)
    last_end = 0
    for c in chunks:
        assert last_end <= c.start < c.end <= len(text)
        piece = text[c.start : c.end]
        assert piece == piece.strip()
        assert c.end - c.start <= target + target // 4 + 1
        last_end = c.end


@settings(max_examples=200, deadline=None)
@given(text=page_text)
def test_chunks_lose_no_sentence_with_words(text: str) -> None:
    """Every word character of the page lies in some chunk, unless its whole chunk was too small to keep."""
    chunks = chunk_page(Page(1, text), 300)
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    dropped = [i for i, ch in enumerate(text) if ch.isalnum() and i not in covered]
    if dropped:
        # Only tiny fragments (fewer than three word characters in total) may be dropped.
        assert sum(ch.isalnum() for ch in text) < 3 or len(dropped) < 3 * (len(text) // 40 + 1)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Kindred Nursing Centers L. P. v. Clark, 581 U. S. 246. Next one.", 2),
        ("See id. at 5. The Court agreed.", 2),
        ("THOMAS, J., dissenting. It is so ordered.", 2),
        ("Smith Co. Inc. sued. Jones won!", 2),
        ("Cf. Brown v. Board, 347 U.S. 483 (1954). Then.", 2),
        ("One. Two? Three!", 3),
        ("No period at the end", 1),
    ],
)
def test_sentences_do_not_break_at_legal_abbreviations(text: str, sentences: int) -> None:
    assert len(sentence_spans(text)) == sentences


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _encrypted_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "privileged")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="secret")
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "missing.pdf", "no such file"),
        (lambda d: _write(d / "empty.pdf", b""), "empty"),
        (lambda d: _write(d / "notes.pdf", b"just some text, not a PDF"), "not a PDF"),
        (lambda d: _write(d / "random.pdf", bytes(range(256)) * 40), "not a PDF"),
        (
            lambda d: _write(d / "cut.pdf", (CORPUS / "us_code" / "9_USC_2.pdf").read_bytes()[:700]),
            "damaged|no pages|truncated",
        ),
        (lambda d: _encrypted_pdf(d / "locked.pdf"), "password"),
    ],
    ids=["missing", "empty", "text", "random-bytes", "truncated", "encrypted"],
)
def test_bad_files_fail_with_a_reason_naming_the_file(tmp_path: Path, make, reason: str) -> None:
    path = make(tmp_path)
    with pytest.raises(ImportFailed, match=reason) as err:
        extract_pdf(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (CORPUS / "us_code" / "9_USC_2.pdf", {"doc_type": "statute", "citation": "9 U.S.C. § 2", "court": ""}),
        (
            CORPUS / "scotus_ot2016" / "16-32_Kindred_Nursing_Centers_L_P_v_Clark.pdf",
            {"doc_type": "opinion", "court": "Supreme Court of the United States", "date": "2017-05-15"},
        ),
        (CORPUS / "constitution" / "us_constitution.pdf", {"doc_type": "constitution"}),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else "",
)
def test_metadata_comes_from_the_document(path: Path, expected: dict[str, str]) -> None:
    extracted = extract_pdf(path)
    meta = guess_metadata(path, extracted.pages, extracted.metadata)
    for key, value in expected.items():
        assert meta[key] == value, key


def test_word_processor_placeholder_titles_are_not_used() -> None:
    path = CORPUS / "other_courts" / "MoApp_ED108783_Jagels_v_State.pdf"
    extracted = extract_pdf(path)
    assert extracted.metadata["title"].startswith("Microsoft Word")
    assert (
        guess_metadata(path, extracted.pages, extracted.metadata)["title"]
        == "Nichole Marie Jagels v. State of Missouri"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "scotus_ot2016/16-405_BNSF_R_Co_v_Tyrrell.pdf",
            {
                "Syllabus",
                "Opinion of the Court (GINSBURG, J.)",
                "SOTOMAYOR, J., concurring in part and dissenting in part",
            },
        ),
        (
            "scotus/596US528_Kemp_v_United_States_prelim_print.pdf",
            {"Syllabus", "Opinion of the Court (THOMAS, J.)", "SOTOMAYOR, J., concurring", "GORSUCH, J., dissenting"},
        ),
        (
            "scotus_ot2016/15-8049_Buck_v_Davis.pdf",
            {"Syllabus", "Opinion of the Court (ROBERTS, C. J.)", "THOMAS, J., dissenting"},
        ),
        ("scotus/607US11_Doe_v_Dynamic_Physical_Therapy_prelim_print.pdf", {"Per Curiam"}),
        ("us_code/45_USC_56.pdf", {"45 U.S.C. § 56"}),
    ],
)
def test_passages_know_which_opinion_or_section_they_are_in(path: str, expected: set[str]) -> None:
    from legalassist.ingest.structure import Breadcrumbs

    file = CORPUS / path
    extracted = extract_pdf(file)
    meta = guess_metadata(file, extracted.pages, extracted.metadata)
    crumbs = Breadcrumbs(meta["doc_type"], meta.get("citation", ""), extracted.pages)
    found = {crumbs.at(p.number, s.start) for p in extracted.pages for s in chunk_page(p)}
    assert expected <= found, f"missing {expected - found}"
    assert not {f for f in found if f and f not in expected and f != "Opinion of the Court"}, found


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["ARTICLE VII", "TERMINATION", "Section 7.2 Termination for Cause.", "Either party may terminate."],
            "Article VII › Section 7.2 Termination for Cause",
        ),
        (["Article 3. Payment", "3.1 Fees.", "Licensee shall pay the fees."], "Article 3 Payment › Section 3.1 Fees"),
        (["SECTION 5.04 Governing Law.", "This Agreement is governed by Delaware law."], "Section 5.04 Governing Law"),
    ],
)
def test_contract_headings_become_breadcrumbs(lines: list[str], expected: str) -> None:
    from legalassist.ingest.structure import Breadcrumbs

    text = "\n".join(lines)
    assert Breadcrumbs("contract", "", [Page(1, text)]).at(1, text.index(lines[-1])) == expected


MAP_OCR = (
    "psone agmew peetle Rvr Brzos dscfe lkwn Trnty Sbbsn qvrt Rhrr nmth Wcht Frks Lmpss Ckv Grsn Pcs\n"
    "Lttl Wchta Rd Rvr Sulphr Cdr Crk Rsrvr Dnsn Nvrr Mllr Cnty Hndrsn Krn Rvrsd Smrvl Lvngstn\n"
)
OPINION_OCR = (
    "The Red River Compact allocates the waters of the Red River basin among the four signatory States.\n"
    "Tarrant Regional Water District sought a permit to take water from the portion of the basin that lies\n"
    "in Oklahoma, and the Court held that the Compact does not preempt the Oklahoma water statutes.\n"
)


def test_ocr_of_a_map_is_kept_out_of_search_and_the_page_says_so() -> None:
    """A scanned opinion's appendix maps OCR to letters that are no words; they are left out of the passages,
    the page keeps its text and notes it. A scanned page of English is kept whole."""
    from legalassist.ingest.passages import cut_passages, reads_as_english
    from legalassist.ingest.pdf import OCR_FIGURE_NOTE

    assert reads_as_english(OPINION_OCR) and not reads_as_english(MAP_OCR)
    assert reads_as_english("Rvr Brzos")  # too little to judge
    pages = [Page(1, OPINION_OCR, note=OCR_NOTE), Page(2, MAP_OCR, note=OCR_NOTE)]
    cuts = cut_passages(pages, "opinion", "", 900)
    assert {c.page for c in cuts} == {1}
    assert pages[0].note == OCR_NOTE and pages[1].note == OCR_FIGURE_NOTE
    assert pages[1].text == MAP_OCR  # the page still shows what the scan read


def test_only_english_ocr_is_judged_by_the_english_word_list() -> None:
    """Text read by OCR in another language, or a page with a text layer, is never dropped by the list."""
    from legalassist.ingest.passages import cut_passages

    assert {c.page for c in cut_passages([Page(1, MAP_OCR, note=OCR_NOTE)], "opinion", "", 900, "spa")} == {1}
    assert {c.page for c in cut_passages([Page(1, MAP_OCR)], "opinion", "", 900)} == {1}


def test_a_real_scanned_appendix_of_maps_is_kept_out_of_search() -> None:
    """Tarrant Regional Water Dist. v. Herrmann's slip opinion ends with two scanned maps (pages 29-30); their
    OCR is letters that are no words. The opinion's 28 typeset pages keep all their passages."""
    from legalassist.ingest.pdf import OCR_FIGURE_NOTE
    from legalassist.ingest.prepare import prepare

    if tessdata_dir("eng") is None:
        pytest.skip("Tesseract's English data is not installed (make ocr)")
    prepared = prepare(CORPUS / "scotus" / "11-889_Tarrant_Regional_Water_Dist_v_Herrmann_slip_2013.pdf", "eng", 900)
    notes = {p.number: p.note for p in prepared.pages if p.note}
    assert notes == {29: OCR_FIGURE_NOTE, 30: OCR_FIGURE_NOTE}
    assert {c.page for c in prepared.cuts} == set(range(1, 29))


@settings(max_examples=200, deadline=None)
@given(text=page_text)
def test_sentences_cut_under_headings_are_ordered_slices_that_keep_every_word(text: str) -> None:
    """Kept, the headings' pieces and the sentences cover every word character ``sentence_spans`` covers."""
    spans = sentences_under_headings(text, keep_headings=True)
    last_end = 0
    for s in spans:
        assert last_end <= s.start < s.end <= len(text) and text[s.start : s.end] == text[s.start : s.end].strip()
        last_end = s.end
    words = lambda ss: {i for s in ss for i in range(s.start, s.end) if text[i].isalnum()}  # noqa: E731
    assert words(spans) == words(sentence_spans(text))
    assert words(sentences_under_headings(text)) <= words(spans)


def _sentences(text: str) -> list[str]:
    return [" ".join(text[s.start : s.end].split()) for s in sentences_under_headings(text)]


def test_a_heading_line_is_cut_off_the_sentence_below_it_and_prose_is_not() -> None:
    fela = pymupdf.open(CORPUS / "us_code" / "45_USC_56.pdf")[0].get_text()
    assert _sentences(fela)[1].startswith("No action shall be maintained under this chapter unless commenced")
    assert "Actions; limitation" not in " ".join(_sentences(fela))
    kept = [" ".join(fela[x.start : x.end].split()) for x in sentences_under_headings(fela, keep_headings=True)]
    assert "Actions; limitation; concurrent jurisdiction of courts" in kept
    sentence, headed = headed_sentences(fela)[1]  # quoted without its heading, read with it
    assert fela[headed.start : sentence.start].strip() == "Actions; limitation; concurrent jurisdiction of courts"
    assert headed.end == sentence.end
    prose = (
        "The court of appeals held that the statute reaches the conduct of the\n"
        "Department, and we granted certiorari to decide whether it does. The court\n"
        "reached our review.18\n"
        "But even assuming that the recollection is right, the argument fails on its terms.\n"
    )
    # A wrapped line ending on "the" or on a capitalised name, and a sentence whose footnote number is glued
    # to its full stop, are not headings.
    assert _sentences(prose) == [
        "The court of appeals held that the statute reaches the conduct of the Department, and we granted "
        "certiorari to decide whether it does.",
        "The court reached our review.18 But even assuming that the recollection is right, the argument fails on "
        "its terms.",
    ]
    opinion = "II\nThe Ninth Circuit's provocation rule permits an excessive force claim under the Fourth Amendment.\n"
    assert _sentences(opinion) == [opinion.split("\n")[1]]


def test_a_sections_heading_line_is_cut_over_a_short_subsection_line_and_when_it_ends_on_a_quoted_term() -> None:
    """A section's heading line ("§ 102. …") is a heading even above a shorter "(a) Novelty; Prior Art.—" line, or
    when it ends on a quoted term; also when the excerpt starts after the section's number, in its passage."""
    patents = pymupdf.open(CORPUS / "us_code" / "35_USC_102.pdf")[0].get_text()
    assert _sentences(patents)[1].startswith("(a) Novelty; Prior Art.— A person shall be entitled to a patent unless")
    carriers = pymupdf.open(CORPUS / "us_code" / "45_USC_57.pdf")[0].get_text()
    assert _sentences(carriers)[1].startswith("The term “common carrier” as used in this chapter shall include")
    at = patents.index("Conditions for patentability")
    excerpt = patents[at:]
    assert " ".join(excerpt[s.start : s.end] for s in sentences_under_headings(excerpt, lead=patents[:at])).startswith(
        "(a) Novelty"
    )


def test_a_statutes_heading_wrapped_over_two_lines_is_its_title_whole() -> None:
    pages = extract_pdf(CORPUS / "us_code" / "45_USC_51.pdf", "eng").pages
    title = guess_metadata(CORPUS / "us_code" / "45_USC_51.pdf", pages, {})["title"]
    assert title == (
        "45 U.S.C. § 51. Liability of common carriers by railroad, in interstate or foreign commerce, for injuries "
        "to employees from negligence; employee defined"
    )
