"""A generated set of broken and hostile PDFs, and of awkward file names, for the import robustness test.

Deterministic for a seed. Families (each file's name starts with its family):
truncated, bitflip, random, xref (broken cross-reference tables), pagecount (an absurd /Count), pagesize
(enormous MediaBox), nested (deeply nested arrays), active (JavaScript and embedded files), image (a huge
declared image), invisible (zero-size and invisible text, zero-width characters), textbomb (a page whose
content draws hundreds of thousands of glyphs), manypages (more pages than the app indexes), encrypted,
notpdf (empty, PNG, ZIP, HTML named .pdf), names (odd file names around valid PDFs), and symlink loops.
"""

from __future__ import annotations

import os
import random
import zlib
from pathlib import Path

import pymupdf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BASES = [CORPUS / "us_code" / f"9_USC_{n}.pdf" for n in (1, 2, 3, 4)]


def _raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF file from object bodies (numbered from 1), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _page_pdf(
    content: bytes,
    media: bytes = b"[0 0 612 792]",
    extra_resources: bytes = b"",
    extra_objects: list[bytes] | None = None,
) -> bytes:
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media + b" /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> " + extra_resources + b">> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra_objects or []),
    ]
    return _raw_pdf(objects)


def _text_pdf(text: str, **kw: object) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), text, **kw)  # type: ignore[arg-type]
    data = doc.tobytes()
    doc.close()
    return data


def generate(folder: Path, seed: int = 7, scale: int = 1) -> list[Path]:
    """Write the set into ``folder``; ``scale`` multiplies the randomised families. Returns the files
    (symlinks included) a folder import will meet."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    bases = [p.read_bytes() for p in BASES]
    files: list[Path] = []

    def put(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        files.append(path)

    for i in range(180 * scale):
        base = rng.choice(bases)
        put(f"truncated_{i:04d}.pdf", base[: rng.randrange(0, len(base))])
    for i in range(180 * scale):
        data = bytearray(rng.choice(bases))
        for _ in range(rng.choice((1, 4, 32, 256))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        put(f"bitflip_{i:04d}.pdf", bytes(data))
    for i in range(50 * scale):
        put(f"random_{i:04d}.pdf", b"%PDF-1.4\n" + rng.randbytes(rng.choice((10, 1000, 100_000))))
    for i in range(48 * scale):
        data = rng.choice(bases)
        at = data.rfind(b"startxref")
        how = i % 4
        if how == 0:
            data = data[:at]  # no startxref at all
        elif how == 1:
            data = data[:at] + b"startxref\n999999999\n%%EOF\n"  # points past the end
        elif how == 2:
            data = data.replace(b"xref", b"xre\x00", 1)
        else:
            data = data[:at] + b"startxref\n0\n%%EOF\n"
        put(f"xref_{i:04d}.pdf", data)
    for i, count in enumerate((0, -1, 2_000_000_000, 10**12, 6000)):
        pages = b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            pages,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
        put(f"pagecount_{i:04d}.pdf", _raw_pdf(objects))
    for i, box in enumerate(
        (b"[0 0 1e9 1e9]", b"[0 0 0 0]", b"[0 0 -500 -500]", b"[1e30 1e30 -1e30 -1e30]", b"[0 0 14400 14400]")
    ):
        put(f"pagesize_{i:04d}.pdf", _page_pdf(b"BT /F1 12 Tf 72 720 Td (Enormous page) Tj ET", media=box))
    for i, depth in enumerate((1_000, 10_000, 100_000, 300_000)):
        nested = b"[" * depth + b"]" * depth
        put(f"nested_{i:04d}.pdf", _page_pdf(b"BT /F1 12 Tf 72 720 Td (Nested) Tj ET", extra_resources=b"/X " + nested))
        nested_dict = b"<< /A " * depth + b"1" + b" >>" * depth
        put(
            f"nesteddict_{i:04d}.pdf",
            _page_pdf(b"BT /F1 12 Tf 72 720 Td (Nested) Tj ET", extra_resources=b"/Y " + nested_dict),
        )
    for i in range(20):
        doc = pymupdf.open(stream=rng.choice(bases), filetype="pdf")
        doc.embfile_add(f"payload{i}.exe", rng.randbytes(2000), filename=f"payload{i}.exe")
        cat = doc.pdf_catalog()
        doc.xref_set_key(
            cat, "OpenAction", "<</S/JavaScript/JS(app.alert('hello'); this.exportDataObject({cName:'x'});)>>"
        )
        put(f"active_{i:04d}.pdf", doc.tobytes())
        doc.close()
    for i, (w, h) in enumerate(((100_000, 100_000), (2**31 - 1, 1), (1, 2**31 - 1), (65_536, 65_536))):
        image = (
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 10 >>\nstream\n0123456789\nendstream"
            % (w, h)
        )
        put(
            f"image_{i:04d}.pdf",
            _page_pdf(
                b"q 500 0 0 500 0 0 cm /Im1 Do Q BT /F1 12 Tf 72 720 Td (Image) Tj ET",
                extra_resources=b"/XObject << /Im1 6 0 R >>",
                extra_objects=[image],
            ),
        )
    invisible = [
        _text_pdf("Tiny text the reader cannot see", fontsize=0.01),
        _text_pdf("Invisible text layer", render_mode=3),
        _text_pdf("zero\u200bwidth\u200bspaces\u200b\u200b\u200beverywhere\ufeff"),
        _page_pdf(b"BT /F1 0 Tf 72 720 Td (Zero size font) Tj ET"),
        _page_pdf(b"BT /F1 12 Tf 0 Tz 72 720 Td (Zero horizontal scale) Tj ET"),
    ]
    for i in range(20):
        put(f"invisible_{i:04d}.pdf", invisible[i % len(invisible)])
    for i, glyphs in enumerate((50_000, 300_000)):
        ops = b"BT /F1 1 Tf 0 0 Td " + b"(ab ) Tj " * glyphs + b"ET"
        put(f"textbomb_{i:04d}.pdf", _page_pdf(ops))
    # Millions of words from a few kilobytes: lines drawn a hair apart (8 MB of text from a 44 KB file) ...
    lines = b"BT /F1 1 Tf 0 700 Td " + b"(word more text here) Tj 0 -0.001 Td " * 400_000 + b"ET"
    put("textbomb_0002.pdf", _page_pdf(lines))
    # ... a content stream that inflates to 200 MB ...
    put("textbomb_0003.pdf", _page_pdf(b"BT /F1 12 Tf 72 720 Td (Bomb) Tj ET" + b" " * 200_000_000))
    # ... and the same words hidden in a form XObject the page draws once.
    form = zlib.compress(b"BT /F1 1 Tf 0 700 Td " + b"(word more text here) Tj 0 -0.001 Td " * 150_000 + b"ET")
    form_object = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Length %d /Filter /FlateDecode >>\nstream\n" % len(form) + form + b"\nendstream"
    )
    put(
        "textbomb_0004.pdf",
        _page_pdf(b"q /Fm1 Do Q", extra_resources=b"/XObject << /Fm1 6 0 R >>", extra_objects=[form_object]),
    )
    doc = pymupdf.open()
    for _ in range(5200):
        doc.new_page(width=200, height=200)
    put("manypages_0000.pdf", doc.tobytes(garbage=1))
    doc.close()
    for i in range(5):
        doc = pymupdf.open(stream=bases[i % len(bases)], filetype="pdf")
        put(
            f"encrypted_{i:04d}.pdf",
            doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=f"secret{i}", owner_pw="owner"),
        )
        doc.close()
    for i, data in enumerate(
        (
            b"",
            b"\x89PNG\r\n\x1a\n" + rng.randbytes(500),
            b"PK\x03\x04" + rng.randbytes(500),
            b"<html><body>not a pdf</body></html>",
            b"%PDF-",
        )
    ):
        put(f"notpdf_{i:04d}.pdf", data)

    # Odd names, each around a valid PDF that must import.
    names: list[bytes] = [
        b"caf\xe9 latin-1.pdf",  # not UTF-8
        b"\xff\xfe\xfd.pdf",
        b"-rf.pdf",
        b"--help.pdf",
        b"-- .pdf",
        b"name with\nnewline.pdf",
        b"tab\there.pdf",
        "\u05e9\u05dc\u05d5\u05dd \u202eRTL.pdf".encode(),
        "\U0001f4bc briefcase.pdf".encode(),
        b"a" * 251 + b".pdf",  # the longest name most filesystems allow
        b" leading and trailing space .pdf",
        b"UPPER.PDF",
        b"$(touch pwned).pdf",
        b"semi;colon&amp.pdf",
        b"..dots...pdf",
    ]
    for i, raw in enumerate(names):
        path = folder / os.fsdecode(raw)
        path.write_bytes(bases[i % len(bases)])
        files.append(path)
    # Symlinks: a loop back to the folder, a link to itself, a dangling link, a link to a real file.
    loops = folder / "loops"
    loops.mkdir()
    (loops / "back").symlink_to(folder, target_is_directory=True)
    (loops / "self.pdf").symlink_to(loops / "self.pdf")
    (loops / "dangling.pdf").symlink_to(folder / "missing-target.pdf")
    (loops / "alias.pdf").symlink_to(folder / "UPPER.PDF")
    files += [loops / "self.pdf", loops / "dangling.pdf", loops / "alias.pdf"]
    return files
