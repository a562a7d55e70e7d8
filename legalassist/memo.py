"""An answer as a research memo in Markdown: the question, the answer with its [n] markers and support
labels, and every source with its document, page, place in the document, verified quote and file."""

from __future__ import annotations

import time

from legalassist.domain import LEAD_NOTE, Answer, Citation

_LABEL = {"supported": "", "partial": " *(partly supported)*", "unsupported": " **(not supported by the sources)**"}


def _escape(text: str) -> str:
    # One line, and the law's own asterisks and underscores shown as written, not as Markdown emphasis.
    return " ".join(text.split()).replace("*", r"\*").replace("_", r"\_")


def _source(c: Citation) -> list[str]:
    doc, p = c.document, c.passage
    where = ", ".join(x for x in (doc.court, doc.date) if x)
    place = f"page {p.page}" + (f", {p.breadcrumb}" if p.breadcrumb else "")
    state = (
        f"verified ({c.verified_how}) on page {p.page}, characters {c.start}–{c.end} of the page text"
        if c.verified
        else "NOT verified: check the page before relying on it"
    )
    return [
        f"{c.n}. **{_escape(doc.title)}**" + (f" ({_escape(where)})" if where else "") + f", {place}",
        f"   > {_escape(c.quote)}",
        f"   Quote {state}. File: `{doc.path}`",
        "",
    ]


def answer_memo(answer: Answer, when: float | None = None) -> str:
    """The memo's Markdown. Nothing the answer flags is hidden: unsupported sentences stay, labelled."""
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(when if when is not None else time.time()))
    lines = [
        "# Research memo",
        "",
        f"**Question.** {_escape(answer.question)}",
        "",
        f"*Prepared {stamp} by legalassist from the documents in the library, with the local model "
        f"{answer.model}. Every source below is a passage of a library document; check it before relying on it.*",
        "",
    ]
    if answer.abstained:
        lines += ["## Answer", "", "No support for an answer was found in the library.", "", "## Nearest passages", ""]
        for i, h in enumerate(answer.hits[:5], 1):
            lines += [
                f"{i}. **{_escape(h.document.title)}**, {h.passage.page_label()}",
                f"   > {_escape(h.passage.text[:400])}",
                f"   File: `{h.document.path}`",
                "",
            ]
        return "\n".join(lines)
    lines += ["## Answer", ""]
    if answer.lead:
        lines += [f"**{answer.lead}.** *({LEAD_NOTE})*", ""]
    for claim in answer.claims:
        marks = "".join(f"[{n}]" for n in claim.citations)
        quotes = "".join(
            f" *(quotation not found in the sources: “{_escape(q.text)}”)*" for q in claim.quotes if not q.verified
        )
        lines.append("- " + " ".join(x for x in (_escape(claim.text), marks) if x) + _LABEL[claim.support] + quotes)
    lines += ["", "## Sources", ""]
    for c in answer.citations:
        lines += _source(c)
    return "\n".join(lines)
