"""HTML for the answer pane: claims coloured by support, citation markers and sources as links."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from legalassist.domain import LEAD_NOTE, NEAREST, Answer, Hit

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
    show_model_text: bool = False,
) -> str:
    """The answer as HTML: claims coloured by support, [n] as links, then the sources, each followed by
    ``source_links[n]`` (links to the library documents its passage cites). ``claim_links[i]`` are the
    citations written in claim i that name library documents, as (start, end, doc id, page).
    ``show_model_text`` adds the model's raw output, to compare with what the app shows."""
    raw = model_text_html(answer) if show_model_text else ""
    if answer.abstained:
        near = "".join(
            f"<li>{html.escape(h.document.title)}, {h.passage.page_label()}: {html.escape(' '.join(h.passage.text.split())[:200])}</li>"
            for h in answer.hits[:NEAREST]
        )
        return f"<p><b>{html.escape(answer.text)}</b></p><ol>{near}</ol>{raw}"
    parts = []
    hidden = 0
    for i, claim in enumerate(answer.claims):
        if claim.support == "unsupported" and not show_unsupported:
            hidden += 1
            continue
        links = "".join(f'<a href="cite:{n}">[{n}]</a>' for n in claim.citations)
        flag = (
            f" <i>(not supported: {html.escape(claim.reason or 'no passage states it')})</i>"
            if claim.support == "unsupported"
            else ""
        )
        if any(not q.verified for q in claim.quotes):
            flag = " <i>(quotation not found in the sources)</i>"
        text = linked_text(claim.text, (claim_links or {}).get(i, []))
        parts.append(f'<span style="{SUPPORT_STYLE[claim.support]}">{text}</span> {links}{flag}')
    sources = "".join(
        f'<li><a href="cite:{c.n}">[{c.n}] {html.escape(c.document.title)}, page {c.passage.page}</a>'
        f"{html.escape(', ' + c.passage.breadcrumb) if c.passage.breadcrumb else ''} — "
        f"{f'verified ({c.verified_how})' if c.verified else 'NOT verified'}<br><i>“{html.escape(' '.join(c.quote.split()))}”</i>"
        f"{(source_links or {}).get(c.n, '')}</li>"
        for c in answer.citations
    )
    note = (
        f"<p style='color:gray'><i>{hidden} sentence{'s' if hidden != 1 else ''} no passage supports hidden.</i></p>"
        if hidden
        else ""
    )
    lead = f"<p><b>{answer.lead}.</b> <span style='color:gray'><i>({LEAD_NOTE})</i></span></p>" if answer.lead else ""
    return (
        f"{lead}<p>{' '.join(parts)}</p>{note}<h4>Sources</h4><ul>{sources}</ul>"
        f"<p style='color:gray'>Model: {html.escape(answer.model)}</p>{raw}"
    )


def model_text_html(answer: Answer) -> str:
    """The model's own output, verbatim, under its own heading."""
    if not answer.model_text:
        return (
            "<h4>What the model wrote</h4><p style='color:gray'><i>Nothing: the app answered without the model.</i></p>"
        )
    return f"<h4>What the model wrote</h4><pre style='white-space:pre-wrap'>{html.escape(answer.model_text)}</pre>"


_WORD = re.compile(r"\w+")
SNIPPET_CHARS = 400

SYNTAX_HELP = """<h3>Search syntax</h3>
<p>Plain questions work as they are. Connectors and fields, as on the research services:</p>
<table cellpadding=3>
<tr><td><code>"valid, irrevocable, and enforceable"</code></td><td>the exact words in that order</td></tr>
<tr><td><code>arbitration AND NOT employment</code>, <code>a OR b</code>, <code>-word</code>, <code>( … )</code></td>
<td>boolean combinations (connectors in capitals)</td></tr>
<tr><td><code>carrier w/5 negligence</code>, <code>a pre/3 b</code></td><td>within 5 words (<code>pre/</code>: in that order)</td></tr>
<tr><td><code>writing /s arbitration</code>, <code>a /p b</code></td><td>the same sentence / the same passage</td></tr>
<tr><td><code>negligen!</code></td><td>any word starting so</td></tr>
<tr><td><code>type:statute</code>, <code>court:"supreme court"</code>, <code>title:arbitration</code>,
<code>date:2015..2020</code>, <code>date:&gt;=2017</code>, <code>doc:12</code></td><td>filters</td></tr>
<tr><td><code>cites:"45 U.S.C. § 56"</code>, <code>cites:"Buck v. Davis"</code></td><td>passages citing that authority</td></tr>
</table>
<p>A query that is a citation (<code>347 U.S. 483</code>, <code>42 U.S.C. § 1983</code>, <code>Fourth Amendment</code>)
finds the authority itself first, then the passages that cite it.</p>"""


def snippet(text: str, matches: Callable[[str], bool], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """The stretch of ``text`` (whitespace collapsed) of about ``width`` characters holding the most
    matching words, and the spans of those words within it."""
    flat = " ".join(text.split())
    words = [(m.start(), m.end()) for m in _WORD.finditer(flat) if matches(m.group(0))]
    if len(flat) <= width or not words:
        start = 0
    else:
        # The window starting at a matching word that covers the most matching words.
        best = max(range(len(words)), key=lambda i: sum(1 for w in words[i:] if w[1] <= words[i][0] + width))
        start = max(0, flat.rfind(" ", 0, max(0, words[best][0] - 40)) + 1)
    end = min(len(flat), start + width)
    if end < len(flat):
        end = flat.rfind(" ", start, end) if flat.rfind(" ", start, end) > start else end
    spans = [(a - start, b - start) for a, b in words if a >= start and b <= end]
    return flat[start:end], spans


def render_hits(hits: list[Hit], matches: Callable[[str], bool], links: Callable[[Hit], str]) -> str:
    """Search results as HTML: each hit's document and page as a link (``hit:i``), then the part of the
    passage that best matches the query, its matching words marked, then ``links(hit)``."""
    if not hits:
        return "<p>No passages match.</p>"
    parts = []
    for i, h in enumerate(hits):
        text, spans = snippet(h.passage.text, matches)
        out, cursor = [], 0
        for a, b in spans:
            out.append(html.escape(text[cursor:a]))
            out.append(f'<span style="background:#ffe27a;color:#000">{html.escape(text[a:b])}</span>')
            cursor = b
        out.append(html.escape(text[cursor:]))
        where = f", {html.escape(h.passage.breadcrumb)}" if h.passage.breadcrumb else ""
        parts.append(
            f'<p><a href="hit:{i}"><b>{html.escape(h.document.title)}</b>, {h.passage.page_label()}</a>{where}'
            f"<br>{''.join(out)}{links(h)}</p>"
        )
    return "".join(parts)
