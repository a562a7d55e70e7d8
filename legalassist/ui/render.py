"""HTML for the answer pane: claims coloured by support, citation markers and sources as links."""

from __future__ import annotations

import html

from legalassist.domain import Answer

SUPPORT_STYLE = {"supported": "", "partial": "background:#fff3c4", "unsupported": "background:#ffd6d6"}


def render_answer(answer: Answer, source_links: dict[int, str] | None = None) -> str:
    """The answer as HTML: claims coloured by support, [n] as links, then the sources, each followed by
    ``source_links[n]`` (links to the library documents its passage cites)."""
    if answer.abstained:
        near = "".join(
            f"<li>{html.escape(h.document.title)}, page {h.passage.page}: {html.escape(' '.join(h.passage.text.split())[:200])}</li>"
            for h in answer.hits[:5]
        )
        return f"<p><b>{html.escape(answer.text)}</b></p><ol>{near}</ol>"
    parts = []
    for claim in answer.claims:
        links = "".join(f'<a href="cite:{n}">[{n}]</a>' for n in claim.citations)
        flag = " <i>(not supported by the passages)</i>" if claim.support == "unsupported" else ""
        parts.append(f'<span style="{SUPPORT_STYLE[claim.support]}">{html.escape(claim.text)}</span> {links}{flag}')
    sources = "".join(
        f'<li><a href="cite:{c.n}">[{c.n}] {html.escape(c.document.title)}, page {c.passage.page}</a> — '
        f"{'verified' if c.verified else 'NOT verified'}<br><i>“{html.escape(' '.join(c.quote.split()))}”</i>"
        f"{(source_links or {}).get(c.n, '')}</li>"
        for c in answer.citations
    )
    return f"<p>{' '.join(parts)}</p><h4>Sources</h4><ul>{sources}</ul><p style='color:gray'>Model: {html.escape(answer.model)}</p>"
