"""Build the sample library in this folder from shared/data/corpus_src (a set-up step for maintainers).

Real PDFs are copied byte for byte (the two scanned ones too). Opinion texts, U.S. Code sections
and the Constitution are rendered to paginated PDFs with PyMuPDF: opinions keep their original
line layout and page breaks (form feeds); statutes are wrapped and paginated. Each rendered PDF
carries its title, court, date, type and citation in its document information.

    python corpus/build.py [SOURCE_DIR]        # default: ../shared/data/corpus_src

Needs `pymupdf-fonts` (dev extra) for a Unicode monospace font (Space Mono, which subsets small).
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data" / "corpus_src"

PAGE_W, PAGE_H = 612, 792  # US Letter
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 48, 54, 54
FONT_SIZE, LEADING = 8.4, 10.2
COLUMNS = 100  # characters of Space Mono (0.612 em) at 8.4 pt across the text width
LINES_PER_PAGE = int((PAGE_H - MARGIN_TOP - MARGIN_BOTTOM) / LEADING)

FOLDERS = {
    "pdf/scotus": "scotus",
    "pdf/other_courts": "other_courts",
    "pdf/image_only": "scanned",
    "text/scotus_ot2016": "scotus_ot2016",
    "text/uscode": "us_code",
    "text/constitution": "constitution",
}


# Characters Space Mono cannot draw, mapped to what a reader sees: a soft hyphen is invisible,
# a narrow no-break space is a space, and the two bullet forms are bullets.
_SUBSTITUTES = str.maketrans({"\u00ad": None, "\u202f": " ", "\u25cf": "\u2022", "\uf0b7": "\u2022"})


def _wrap(line: str) -> list[str]:
    if len(line) <= COLUMNS:
        return [line]
    indent = len(line) - len(line.lstrip())
    return textwrap.wrap(line, COLUMNS, subsequent_indent=" " * min(indent, 8), break_on_hyphens=False) or [""]


def layout_pages(text: str) -> list[list[str]]:
    """Pages of lines: form feeds start a page; long lines wrap; full pages spill over."""
    pages: list[list[str]] = []
    for raw_page in text.replace("\r\n", "\n").translate(_SUBSTITUTES).split("\f"):
        lines = [w for line in raw_page.split("\n") for w in _wrap(line.rstrip())]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            continue
        for i in range(0, len(lines), LINES_PER_PAGE):
            pages.append(lines[i : i + LINES_PER_PAGE])
    return pages or [[""]]


def render_text_pdf(text: str, out: Path, meta: dict[str, str]) -> int:
    font = pymupdf.Font("spacemo")
    missing = sorted({c for c in text.translate(_SUBSTITUTES) if c not in "\n\f\r\t" and not font.has_glyph(ord(c))})
    if missing:
        raise SystemExit(f"{out.name}: the font has no glyph for {missing}; add them to _SUBSTITUTES")
    doc = pymupdf.open()
    for lines in layout_pages(text):
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        page.insert_font(fontname="F0", fontbuffer=font.buffer)
        y = MARGIN_TOP + FONT_SIZE
        for line in lines:
            if line.strip():
                page.insert_text((MARGIN_X, y), line, fontname="F0", fontsize=FONT_SIZE)
            y += LEADING
    doc.set_metadata(meta)
    doc.subset_fonts()
    count = doc.page_count
    doc.save(out, garbage=4, deflate=True)
    doc.close()
    return count


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    manifest = json.loads((source / "manifest.json").read_text())
    records = []
    for rec in manifest:
        src = source / rec["path"]
        folder = FOLDERS[str(Path(rec["path"]).parent)]
        if rec["format"] == "json":
            continue  # the Constitution's upstream JSON; its text rendering is imported instead
        out_dir = HERE / folder
        out_dir.mkdir(exist_ok=True)
        out = out_dir / (src.stem + ".pdf")
        if rec["format"] == "pdf":
            shutil.copyfile(src, out)
            with pymupdf.open(out) as d:
                pages = d.page_count
        else:
            keywords = "; ".join(
                f"{k}: {rec[k]}" for k in ("doc_type", "date", "citation") if rec.get(k) and "___" not in rec[k]
            )
            meta = {
                "title": rec["title"],
                "subject": rec.get("court", ""),
                "keywords": keywords,
                "creator": "legalassist corpus builder",
                "producer": "PyMuPDF",
            }
            pages = render_text_pdf(src.read_text(encoding="utf-8"), out, meta)
        records.append({**rec, "corpus_path": str(out.relative_to(HERE)), "pages": pages, "source_path": rec["path"]})
        print(f"{out.relative_to(HERE)}  ({pages} pages)")
    by_source = {r["source_path"]: r["corpus_path"] for r in records}
    for r in records:
        r["cites_in_corpus"] = [by_source[c] for c in r.get("cites_in_corpus", []) if c in by_source]
    (HERE / "manifest.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
    write_readme(records)


def write_readme(records: list[dict]) -> None:
    lines = [
        "# The sample library",
        "",
        f"{len(records)} real, public-domain US legal documents, as PDFs, for trying legalassist and for its tests.",
        "`python corpus/build.py` rebuilds this folder from the maintainers' copy of the sources; `manifest.json`",
        "holds every record below with its metadata and the other documents here that it cites.",
        "",
        "| folder | what |",
        "|---|---|",
        "| `scotus/` | U.S. Supreme Court slip opinions and preliminary prints, real PDFs |",
        "| `other_courts/` | Opinions and orders of other federal and state courts, real PDFs |",
        "| `scanned/` | Two scanned PDFs with no text layer (OCR test cases) |",
        "| `scotus_ot2016/` | 50 Supreme Court opinions of October Term 2016, rendered from their text with page breaks kept |",
        "| `us_code/` | 53 sections of the U.S. Code (titles 1, 3, 9, 17, 35, 44, 45), rendered from the official XML text |",
        "| `constitution/` | The U.S. Constitution, rendered from Cornell LII's text |",
        "",
        "Every text is a work of a US government or court (federal opinions and orders, the U.S. Code, the",
        "Constitution) or a state-court or state-agency decision, none of which can be copyrighted: all are in",
        "the public domain. Rendered PDFs are produced with PyMuPDF in Fira Mono; the real PDFs are unchanged.",
        "",
        "| file | title | court | date | source | status |",
        "|---|---|---|---|---|---|",
    ]
    for r in records:
        src = r["source"]
        origin = f"{src['repo']} `{src['path']}` @ `{src['commit'][:10]}`"
        lines.append(
            f"| `{r['corpus_path']}` | {r['title']} | {r.get('court', '')} | {r.get('date', '')} | {origin} | {r['license']} |"
        )
    (HERE / "README.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
