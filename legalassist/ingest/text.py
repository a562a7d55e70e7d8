"""Plain-text documents (.txt): one page per form-feed-separated part, offsets kept.

A page's text is a verbatim slice of the file's text, and ``page_offsets`` tells where each page
starts in the file, so a passage's span maps back to file offsets exactly (the benchmark's gold
spans are file offsets).
"""

from __future__ import annotations

from pathlib import Path

from legalassist.domain import Page
from legalassist.errors import ImportFailed
from legalassist.ingest.pdf import Extracted

MAX_BYTES = 200 * 1024 * 1024


def read_text(path: Path) -> str:
    if not path.exists():
        raise ImportFailed(f"{path}: no such file. Check the path and try again.")
    size = path.stat().st_size
    if size == 0:
        raise ImportFailed(f"{path}: the file is empty (0 bytes).")
    if size > MAX_BYTES:
        raise ImportFailed(f"{path}: {size / 1e6:.0f} MB is more than a text document may hold; split it.")
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ImportFailed(f"{path}: binary data, not text. Only PDF and plain-text files can be imported.")
    try:
        # Newlines are kept exactly as stored (no universal-newline translation) so offsets match the file.
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def extract_text(path: Path) -> Extracted:
    text = read_text(path)
    pages = [Page(number=n, text=part) for n, part in enumerate(text.split("\f"), start=1)]
    return Extracted(pages=pages, metadata={})


def page_offsets(pages: list[str]) -> list[int]:
    """Where each page starts in the file: pages are joined by one form feed each."""
    offsets, start = [], 0
    for text in pages:
        offsets.append(start)
        start += len(text) + 1
    return offsets
