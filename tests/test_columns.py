"""Two-column pages: text interleaved line by line is put in reading order; other pages stay verbatim."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pymupdf
import pytest
from conftest import CORPUS

from legalassist.ingest.columns import column_order
from legalassist.ingest.pdf import extract_pdf

LEFT = (
    "The district court granted summary judgment for the seller on the warranty claim. We review that "
    "ruling de novo and view the record in the light most favorable to the buyer, who contends that the "
    "disclaimer of implied warranties was not conspicuous within the meaning of the statute and so could "
    "not bind a purchaser who never read the reverse side of the form."
)
RIGHT = (
    "The seller answers that the buyer, a merchant dealing in grain elevators for two decades, knew the "
    "terms of the trade and had signed the same printed form on eleven earlier orders. Course of dealing, "
    "it argues, supplies the notice the typeface did not. We agree with the buyer and reverse the judgment "
    "of the district court on this claim."
)
CAPTION = "IN THE COURT OF APPEALS FOR THE TWELFTH CIRCUIT: GRAIN CO. v. ELEVATOR WORKS"
CLOSING = "It is so ordered. The case is remanded for further proceedings consistent with this opinion."


def _two_columns(path: Path, *, interleaved: bool, left: str = LEFT, right: str = RIGHT, width: int = 42) -> None:
    """A page with a caption across it, two columns of running text, and a closing line across it. Drawn
    row by row (left line, then the right line beside it) when ``interleaved``, else column by column."""
    left_lines, right_lines = textwrap.wrap(left, width), textwrap.wrap(right, width)
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 72), CAPTION, fontsize=10)
        rows = max(len(left_lines), len(right_lines))
        draws = []
        for i in range(rows):
            y = 100 + i * 13
            if i < len(left_lines):
                draws.append(((72, y), left_lines[i]))
            if i < len(right_lines):
                draws.append(((320, y), right_lines[i]))
        if not interleaved:
            draws.sort(key=lambda d: d[0][0])  # the whole left column first
        for point, line in draws:
            page.insert_text(point, line, fontsize=10)
        page.insert_text((72, 110 + rows * 13), CLOSING, fontsize=10)
        doc.save(path)


def _raw(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return str(doc[0].get_text())


def test_interleaved_columns_are_read_left_column_first(tmp_path: Path) -> None:
    path = tmp_path / "appeal.pdf"
    _two_columns(path, interleaved=True)
    raw = _raw(path)
    assert textwrap.wrap(LEFT, 42)[0] + "\n" + textwrap.wrap(RIGHT, 42)[0] in raw  # the problem, as extracted
    page = extract_pdf(path, "").pages[0]
    flat = " ".join(page.text.split())
    assert flat == " ".join(f"{CAPTION} {LEFT} {RIGHT} {CLOSING}".split())
    # Every line is PyMuPDF's own, and every word box still covers its word.
    assert sorted(page.text.splitlines()) == sorted(line for line in raw.splitlines() if line.strip())
    with pymupdf.open(path) as doc:
        drawn = {(round(w[0]), round(w[1])): w[4] for w in doc[0].get_text("words")}
    assert len(page.words) == len(drawn)
    for box in page.words:
        assert page.text[box.start : box.end] == drawn[(round(box.x0), round(box.y0))]


def test_columns_already_in_reading_order_and_single_column_pages_stay_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "ordered.pdf"
    _two_columns(path, interleaved=False)
    assert extract_pdf(path, "").pages[0].text == _raw(path)
    for pdf in (CORPUS / "scotus" / "596US528_Kemp_v_United_States_prelim_print.pdf",):
        with pymupdf.open(pdf) as doc:
            for page in doc:
                tp = page.get_textpage()
                assert column_order(tp.extractText(), tp.extractWORDS()) is None, page.number


def test_a_side_by_side_table_is_not_taken_for_columns(tmp_path: Path) -> None:
    """Short terms on the left, their definitions on the right, row by row: rows must stay together."""
    path = tmp_path / "definitions.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        for i, (term, meaning) in enumerate(
            [
                ("Buyer", "the person who orders the goods and pays the price"),
                ("Seller", "the person who sells and delivers the goods ordered"),
                ("Goods", "the grain elevators described in the schedule attached"),
                ("Price", "the sum stated in the order, with any agreed changes"),
                ("Term", "the period from the order date to final acceptance"),
            ]
        ):
            page.insert_text((72, 100 + i * 13), term, fontsize=10)
            page.insert_text((200, 100 + i * 13), meaning, fontsize=10)
        doc.save(path)
    assert extract_pdf(path, "").pages[0].text == _raw(path)


def test_a_library_searches_and_highlights_an_interleaved_page_in_reading_order(tmp_path: Path, tmp_library) -> None:
    path = tmp_path / "appeal.pdf"
    _two_columns(path, interleaved=True)
    assert tmp_library.import_paths([path], embed=False)[0].ok
    # A phrase that runs from one line of the left column to the next: split by a right-column line in
    # the text as drawn, whole in reading order.
    left = textwrap.wrap(LEFT, 42)
    phrase = " ".join(left[0].split()[-2:] + left[1].split()[:2])
    hits = tmp_library.search(f'"{phrase}"', 5, mode="keyword")
    assert hits, phrase
    passage = hits[0].passage
    page = tmp_library.page(passage.doc_id, passage.page)
    assert page.text[passage.start : passage.end] == passage.text
    start = page.text.index(left[0].split()[-2])
    boxes = tmp_library.highlight_boxes(passage.doc_id, passage.page, start, start + len(phrase) + 1)
    assert boxes and all(b.x1 < 300 for b in boxes)  # the highlight stays in the left column


@pytest.mark.parametrize("width", [30, 42])
def test_column_order_keeps_every_word_once(tmp_path: Path, width: int) -> None:
    path = tmp_path / f"w{width}.pdf"
    _two_columns(path, interleaved=True, width=width)
    page = extract_pdf(path, "").pages[0]
    assert sorted(page.text.split()) == sorted(_raw(path).split())
    assert len(page.words) == len(page.text.split())
