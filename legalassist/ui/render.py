"""HTML for the answer pane: claims coloured by support, citation markers and sources as links."""

from __future__ import annotations

import html

from legalassist.domain import Answer

# Text colour set with the background, so a tinted claim stays readable under a dark system palette.
SUPPORT_STYLE = {
    "supported": "",
    "partial": "background:#fff3c4;color:#000",
    "unsupported": "background:#ffd6d6;color:#000",
}


def linked_text(text: str, links: list[tuple[int, int, int, int]]) -> str:
    """``text`` as HTML with each (start, end, doc id, page) span a ``doc:ID:PAGE`` link."""
    out, pos = [], 0
    for start, end, doc_id, page in sorted(links):
        if start < pos:
            continue
        out += [html.escape(text[pos:start]), f'<a href="doc:{doc_id}:{page}">{html.escape(text[start:end])}</a>']
        pos = end
    return "".join(out) + html.escape(text[pos:])


def render_answer(
    answer: Answer,
    source_links: dict[int, str] | None = None,
    claim_links: dict[int, list[tuple[int, int, int, int]]] | None = None,
    show_unsupported: bool = True,
) -> str:
    """The answer as HTML: claims coloured by support, [n] as links, then the sources, each followed by
    ``source_links[n]`` (links to the library documents its passage cites). ``claim_links[i]`` are the
    citations written in claim i that name library documents, as (start, end, doc id, page)."""
    if answer.abstained:
        near = "".join(
            f"<li>{html.escape(h.document.title)}, page {h.passage.page}: {html.escape(' '.join(h.passage.text.split())[:200])}</li>"
            for h in answer.hits[:5]
        )
        return f"<p><b>{html.escape(answer.text)}</b></p><ol>{near}</ol>"
    parts = []
    hidden = 0
    for i, claim in enumerate(answer.claims):
        if claim.support == "unsupported" and not show_unsupported:
            hidden += 1
            continue
        links = "".join(f'<a href="cite:{n}">[{n}]</a>' for n in claim.citations)
        flag = " <i>(not supported by the passages)</i>" if claim.support == "unsupported" else ""
        if any(not q.verified for q in claim.quotes):
            flag = " <i>(quotation not found in the sources)</i>"
        text = linked_text(claim.text, (claim_links or {}).get(i, []))
        parts.append(f'<span style="{SUPPORT_STYLE[claim.support]}">{text}</span> {links}{flag}')
    sources = "".join(
        f'<li><a href="cite:{c.n}">[{c.n}] {html.escape(c.document.title)}, page {c.passage.page}</a> — '
        f"{f'verified ({c.verified_how})' if c.verified else 'NOT verified'}<br><i>“{html.escape(' '.join(c.quote.split()))}”</i>"
        f"{(source_links or {}).get(c.n, '')}</li>"
        for c in answer.citations
    )
    note = (
        f"<p style='color:gray'><i>{hidden} sentence{'s' if hidden != 1 else ''} no passage supports hidden.</i></p>"
        if hidden
        else ""
    )
    return f"<p>{' '.join(parts)}</p>{note}<h4>Sources</h4><ul>{sources}</ul><p style='color:gray'>Model: {html.escape(answer.model)}</p>"
