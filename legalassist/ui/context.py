"""What a panel may use of the app, and nothing more: the open library, the settings, work on a worker thread,
status messages and links to the documents a passage cites. Panels get this, not the main window."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legalassist.config import Settings
from legalassist.domain import Answer, Passage
from legalassist.ui.workers import Worker

if TYPE_CHECKING:
    from legalassist.service import Library


@dataclass
class AppContext:
    library: Callable[[], Library | None]  # None until the library is open (it opens on a worker)
    settings: Callable[[], Settings]
    run: Callable[..., Worker]  # run(fn(worker), on_result, on_progress=None): ``WorkerPool.start``
    status: Callable[[str, int], None]  # a status-bar message, shown for that many ms (0: until replaced)


def link_html(library: Library | None, passage: Passage) -> str:
    """Links to the library documents a passage cites, for a search hit or an answer's source (reads the
    catalog's citations: no extraction)."""
    links = library.passage_links(passage) if library is not None else []
    seen: dict[int, str] = {}
    for record, doc, page in links:
        seen.setdefault(doc.id, f'<a href="doc:{doc.id}:{page}">{html.escape(record.key)}</a>')
    return f'<br><span style="color:gray">cites:</span> {" · ".join(seen.values())}' if seen else ""


def answer_links(library: Library, answer: Answer) -> tuple[dict[int, str], dict[int, list[tuple[int, int, int, int]]]]:
    """An answer's links, worked out on a worker (citation extraction runs per sentence): each source's
    cited documents, and for each claim the citations in it that name a library document."""
    sources = {c.n: link_html(library, c.passage) for c in answer.citations}
    claims = {
        i: [(s, e, doc.id, page) for s, e, doc, page in library.citations_linked(claim.text)]
        for i, claim in enumerate(answer.claims)
    }
    return sources, claims
