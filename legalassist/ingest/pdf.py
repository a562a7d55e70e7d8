"""PDF -> pages with text, character offsets and word boxes.

A page's text is exactly what PyMuPDF's ``get_text("text")`` returns, so any quote taken from it
can be checked against the PDF by anyone; the one exception is a two-column page whose text comes out
interleaved line by line, whose lines (each verbatim) are put in reading order (``columns``). Word
boxes are aligned to the page text by position.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalassist.domain import Page, WordBox
from legalassist.errors import ImportFailed
from legalassist.ingest.columns import column_order

log = logging.getLogger(__name__)

# Refuse absurd inputs early rather than spending minutes on them.
MAX_PAGES = 5000
# A page whose drawing instructions exceed this (after decompression) is not read for text: a 40 KB file
# can hold a page that draws millions of words and costs gigabytes to extract. Real pages of text are
# well under 1 MB; the longest in the sample corpus is far below this.
MAX_CONTENT_BYTES = 4 << 20
# And a page's text is indexed up to this many characters (a dense real page holds about 5,000).
MAX_PAGE_CHARS = 200_000

# Scanned pages are read by Tesseract (built into PyMuPDF; its language data comes from a Tesseract
# install) at this resolution, lowered for large pages so that no page costs more than about 12
# megapixels of OCR (a few seconds on one core), whatever its size.
OCR_DPI = 300
OCR_MAX_PIXELS = 12_000_000
NO_TEXT_NO_OCR = "no text layer, OCR unavailable"
NOT_READ_NOTE = "not read (only some pages were asked for)"
OCR_NOTE = "text read by OCR (Tesseract); check quotes against the page image"
# An OCR'd page part of whose text reads as no English (a map, a figure, a stamp): that text is kept on the
# page but out of search (legalassist.ingest.passages).
OCR_FIGURE_NOTE = (
    "text read by OCR (Tesseract); some of it reads as no English words (a map or a figure?) and is left out of search"
)
# A page whose text layer is there but unreadable: a font without a usable character map gives symbols and
# shifted letters ("81,7('67$7(6',675,&7" for "UNITED STATES"). Such a page is read by OCR as a scan is, and
# the OCR text is kept when it reads as words clearly more often than the layer does.
OCR_UNREADABLE_NOTE = (
    "the PDF's text layer is unreadable (a font without a usable character map); text read by OCR (Tesseract); "
    "check quotes against the page image"
)
# The same page with OCR off or not installed: its layer is kept (search will miss its words), and it says so.
UNREADABLE_NO_OCR_NOTE = (
    "the PDF's text layer is unreadable (a font without a usable character map) and OCR is unavailable: "
    "its words cannot be searched; install Tesseract (make ocr) and import the file again"
)
OCR_NOTES = (OCR_NOTE, OCR_FIGURE_NOTE, OCR_UNREADABLE_NOTE)
BLANK_NOTE = "blank page"
_TESSDATA_PLACES = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
    "C:/Program Files/Tesseract-OCR/tessdata",
)


@dataclass
class Extracted:
    pages: list[Page]
    metadata: dict[str, str] = field(default_factory=dict)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _metadata(doc: Any) -> dict[str, str]:
    return {k: (v or "").strip() for k, v in (doc.metadata or {}).items() if isinstance(v, str)}


def pdf_metadata(path: Path) -> dict[str, str]:
    """A PDF's own metadata (title, subject, …) as an import reads it; empty for another kind of file. Raises
    ``ImportFailed`` when the file is gone or cannot be opened."""
    if path.suffix.lower() != ".pdf":
        return {}
    doc = _open(path)
    try:
        return _metadata(doc)
    finally:
        doc.close()


def _open(path: Path) -> Any:
    import pymupdf

    # MuPDF's own complaints about damaged files would go to stderr; the app reports them itself.
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)

    if not path.exists():
        raise ImportFailed(f"{path}: no such file. Check the path and try again.")
    if path.is_dir():
        raise ImportFailed(f"{path}: is a folder, not a PDF.")
    if not os.access(path, os.R_OK):
        raise ImportFailed(f"{path}: cannot be read (permission denied). Check the file's permissions.")
    if path.stat().st_size == 0:
        raise ImportFailed(f"{path}: the file is empty (0 bytes). Re-download or re-export it.")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise ImportFailed(f"{path}: not a PDF (no PDF header). Only PDF files can be imported.")
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for damaged files
        raise ImportFailed(
            f"{path}: the PDF is truncated or damaged and cannot be opened ({exc}). Re-download or re-export it."
        ) from exc
    if doc.needs_pass:
        doc.close()
        raise ImportFailed(f"{path}: the PDF is password-protected. Remove the password and import it again.")
    try:
        count = doc.page_count
    except RuntimeError as exc:  # "Invalid number of pages": a page tree claiming billions of pages
        doc.close()
        raise ImportFailed(f"{path}: the PDF's page list is damaged ({exc}). Re-download or re-export it.") from exc
    if count == 0:
        doc.close()
        raise ImportFailed(f"{path}: the PDF has no pages, or is truncated. Re-download or re-export it.")
    if count > MAX_PAGES:
        doc.close()
        raise ImportFailed(f"{path}: {count} pages is more than the {MAX_PAGES} a document may have. Split it.")
    return doc


def _content_size(doc: Any, page: Any, limit: int) -> int:
    """The size of a page's content streams after decompression, counted only up to just past ``limit``
    (so a decompression bomb is never inflated in full)."""
    import zlib

    total = 0
    try:
        xrefs = page.get_contents()
    except Exception:  # a damaged page object: let MuPDF's own repair have its go at the text
        return 0
    for xref in xrefs:
        try:
            raw = doc.xref_stream_raw(xref) or b""
        except Exception:
            continue
        if "FlateDecode" in (doc.xref_get_key(xref, "Filter")[1] or ""):
            try:
                total += len(zlib.decompressobj().decompress(raw, limit - total + 1))
            except zlib.error:
                total += len(raw)  # MuPDF reads what it can of a broken stream; so do we, by its raw size
        else:
            total += len(raw)
        if total > limit:
            break
    return total


def tessdata_dir(language: str) -> str | None:
    """The folder holding Tesseract's data for every language of ``language`` ("eng", "eng+spa"),
    or None when OCR is off (empty ``language``) or Tesseract is not installed."""
    import glob

    if not language:
        return None
    wanted = [lang for lang in language.split("+") if lang]
    places = [os.environ.get("TESSDATA_PREFIX", "")] + [d for g in _TESSDATA_PLACES for d in sorted(glob.glob(g))]
    for place in places:
        if place and all(os.path.isfile(os.path.join(place, f"{lang}.traineddata")) for lang in wanted):
            return place
    return None


# A page is a scan when its text layer is next to nothing (a Bates number, a "FILED" stamp) and images
# cover most of it; or when an image covers the whole page and the text layer is no more than a court's
# electronic-filing header ("Appeal: 17-2218 Doc: 17 Filed: 10/31/2017 Pg: 1 of 1") stamped on a scan.
SCAN_MAX_TEXT_CHARS = 40
SCAN_MIN_IMAGE_SHARE = 0.5
STAMPED_SCAN_MAX_TEXT_CHARS = 150
STAMPED_SCAN_MIN_IMAGE_SHARE = 0.9


def _is_scan(page: Any, text: str) -> bool:
    chars = len("".join(text.split()))
    if chars > STAMPED_SCAN_MAX_TEXT_CHARS:
        return False
    area = abs(page.rect) or 1.0
    covered = sum(abs(page.rect & info["bbox"]) for info in page.get_image_info()) / area
    if chars <= SCAN_MAX_TEXT_CHARS:
        return covered >= SCAN_MIN_IMAGE_SHARE
    return covered >= STAMPED_SCAN_MIN_IMAGE_SHARE


# A layer is suspect when it has some text and under this share of its tokens read as words (garbled pages
# measured 0.05-0.21; the lowest of 2,200 readable pages of real PDFs, a statute's amendment table, 0.29).
UNREADABLE_MIN_CHARS = 200
UNREADABLE_MAX_WORD_SHARE = 0.25
UNREADABLE_OCR_GAIN = 0.25  # OCR must read this much better to replace the layer
_WORDLIKE = re.compile(r"[(\[\"'\u201c\u2018]*(?:[A-Za-z][a-z]+|[A-Z]{2,})[)\]\"'\u201d\u2019.,;:!?]*")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")


def word_share(text: str) -> float:
    """The share of a text's tokens that look like words: letters with a vowel, in lower, title or upper case,
    with their punctuation. Numbers, symbols and letter soup do not count."""
    tokens = text.split()
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if _WORDLIKE.fullmatch(t) and _VOWEL.search(t)) / len(tokens)


def _unreadable(text: str) -> bool:
    return len("".join(text.split())) >= UNREADABLE_MIN_CHARS and word_share(text) < UNREADABLE_MAX_WORD_SHARE


def _ocr_dpi(page: Any) -> int:
    inches = max(page.rect.width, 1.0) * max(page.rect.height, 1.0) / (72.0 * 72.0)
    return max(72, min(OCR_DPI, int((OCR_MAX_PIXELS / inches) ** 0.5)))


def _ocr(page: Any, where: str, language: str, tessdata: str) -> Any:
    """The page read by Tesseract: a text page as PyMuPDF's own, its messages sent to the log."""
    with ocr_messages_logged(where):
        return page.get_textpage_ocr(language=language, dpi=_ocr_dpi(page), full=True, tessdata=tessdata)


def _page_from(number: int, text: str, words: list[tuple]) -> Page:
    """Align PyMuPDF's words to the page text; both come from one text page, in the same order."""
    boxes: list[WordBox] = []
    pos = 0
    for x0, y0, x1, y1, word, *_ in words:
        at = text.find(word, pos)
        if at < 0:
            continue  # never seen on real files; keep the text, lose only this box
        boxes.append(WordBox(at, at + len(word), x0, y0, x1, y1))
        pos = at + len(word)
    return Page(number=number, text=text, words=boxes)


@contextmanager
def ocr_messages_logged(where: str) -> Iterator[None]:
    """Tesseract prints its complaints ("Line cannot be recognized!!") to the process's stderr from C, where
    they reach the user's terminal during an import. They are sent to the app's log instead, named by
    ``where``. The process's stderr is redirected only where no other thread may be writing to it: an import
    worker (its one other thread watches the parent) or a process with one thread."""
    if multiprocessing.parent_process() is None and threading.active_count() > 1:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            held.seek(0)
            for line in held.read().decode("utf-8", "replace").splitlines():
                if line.strip():
                    log.info("OCR of %s: %s", where, line.strip())


def extract_pdf(path: Path, ocr_language: str = "", read: Callable[[int, int], bool] | None = None) -> Extracted:
    """Read every page of ``path`` (or those for which ``read(index, page_count)`` is true; the others are
    kept empty, with a note). Pages with no text layer but an image (scans) are read by OCR in
    ``ocr_language`` when Tesseract's data for it is installed. Raises ImportFailed with a reason a
    person can act on."""
    doc = _open(path)
    tessdata = tessdata_dir(ocr_language)
    try:
        pages: list[Page] = []
        for index in range(doc.page_count):
            if read is not None and not read(index, doc.page_count):
                pages.append(Page(number=index + 1, text="", note=NOT_READ_NOTE))
                continue
            try:
                page = doc.load_page(index)
                size = _content_size(doc, page, MAX_CONTENT_BYTES)
                if size > MAX_CONTENT_BYTES:
                    pages.append(
                        Page(
                            number=index + 1,
                            text="",
                            note=f"page content is over {MAX_CONTENT_BYTES >> 20} MB; its text was not read",
                        )
                    )
                    continue
                textpage = page.get_textpage()
                raw = textpage.extractText()
                note = ""
                where = f"{path.name}, page {index + 1}"
                if _is_scan(page, raw):
                    if tessdata is None:
                        note = NO_TEXT_NO_OCR
                    else:
                        textpage = _ocr(page, where, ocr_language, tessdata)
                        raw = textpage.extractText()
                        note = OCR_NOTE
                elif _unreadable(raw):
                    if tessdata is None:
                        note = UNREADABLE_NO_OCR_NOTE
                    else:
                        ocr_page = _ocr(page, where, ocr_language, tessdata)
                        read_text = ocr_page.extractText()
                        if word_share(read_text) >= word_share(raw) + UNREADABLE_OCR_GAIN:
                            textpage, raw, note = ocr_page, read_text, OCR_UNREADABLE_NOTE
                # A broken ToUnicode map can yield lone surrogates, which no file or database can store;
                # each becomes U+FFFD, one character for one, so offsets still match the page.
                text = _SURROGATE.sub("\ufffd", raw)
                words = textpage.extractWORDS()
                ordered = column_order(text, words)
                if ordered is not None:
                    text, words = ordered
                if len(text) > MAX_PAGE_CHARS:
                    # The kept text is still the page's own from offset 0, so quotes and offsets hold.
                    note = f"page holds {len(text):,} characters; the first {MAX_PAGE_CHARS:,} are indexed"
                    text = text[:MAX_PAGE_CHARS]
                result = _page_from(index + 1, text, words)
                result.note = note
            except Exception as exc:  # one bad page must not lose the document
                result = Page(number=index + 1, text="", note=f"page could not be read: {exc}")
            if not result.text.strip() and not result.note:
                result.note = BLANK_NOTE
            pages.append(result)
        metadata = _metadata(doc)
        has_text = any(p.text.strip() for p in pages)
        if doc.is_repaired and not has_text:
            raise ImportFailed(
                f"{path}: the PDF is truncated or damaged and no text could be recovered from it. "
                "Re-download or re-export it."
            )
        if doc.is_repaired:
            metadata["warning"] = (
                "the PDF was damaged (perhaps truncated) and was repaired; some pages may be incomplete"
            )
        elif not has_text and any(p.note == NO_TEXT_NO_OCR for p in pages):
            metadata["warning"] = "no page has a text layer (scanned document); OCR unavailable"
        elif not has_text:
            metadata["warning"] = "no text could be read from any page"
        return Extracted(pages=pages, metadata=metadata)
    except Exception as exc:
        if isinstance(exc, ImportFailed):
            raise
        raise ImportFailed(f"{path}: the PDF could not be read ({exc}).") from exc
    finally:
        doc.close()


def render_page(path: Path, page_number: int, zoom: float = 1.5) -> tuple[bytes, float, float]:
    """Render one page as PNG bytes; returns (png, page width, page height) in PDF points."""
    import pymupdf

    with pymupdf.open(path) as doc:
        page = doc.load_page(page_number - 1)
        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return pix.tobytes("png"), page.rect.width, page.rect.height


def page_size(path: Path, page_number: int) -> tuple[float, float]:
    """Width and height of one page in PDF points."""
    import pymupdf

    with pymupdf.open(path) as doc:
        rect = doc.load_page(page_number - 1).rect
        return float(rect.width), float(rect.height)


def page_count(path: Path) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return int(doc.page_count)
