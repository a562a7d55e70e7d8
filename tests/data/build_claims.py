"""Build tests/data/claims.json: (claim, passage, label) triples for the grounding judge.

    python tests/data/build_claims.py

Two kinds of triple, each marked by ``origin``:

- ``hand``: written by hand in tests/data/claims_hand.json, from real answers of the default model
  and real passages of the sample corpus (the failures reported against the app among them);
- generated, from each answerable question of corpus/questions.json, on the page holding its evidence
  (the passage is the evidence's sentence with one sentence either side):
  - ``evidence``: the sentence holding the evidence, as the claim: supports;
  - ``negated``: that sentence with its polarity flipped ("does not X" -> "does X", "is" -> "is not"):
    contradicts;
  - ``renumbered``: that sentence with its first number changed (where it has one): contradicts;
  - ``elsewhere``: another document's evidence sentence against this passage: unrelated.

Each triple takes the tuning or report half of its document in corpus/questions.json, so thresholds
chosen on one half are reported on the other.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pymupdf

from legalassist.generate.quotes import verify_quote
from legalassist.ingest.chunker import sentence_spans

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT / "corpus"

_AUX = re.compile(
    r"\b(is|are|was|were|shall|may|must|can|does|do|did|has|have|will|would|should|could|requires|includes|"
    r"applies|covers|exhausts|protects|prohibits|authorizes|allows)\b"
)
_NEG = [
    (re.compile(r"\b(does|do|did|shall|may|must|can|is|are|was|were|will|would|should|could) not\b"), r"\1"),
    (re.compile(r"\bcannot\b"), "can"),
    (re.compile(r"\bhas no\b"), "has the"),
    (re.compile(r"\bis no\b"), "is"),
    (re.compile(r"\bno\b"), "a"),
    (re.compile(r"\bnot\b\s*"), ""),
    (re.compile(r"\bnothing\b"), "everything"),
]
_VERB_BASE = {"requires": "require", "includes": "include", "applies": "apply", "covers": "cover"}
_VERB_BASE |= {"exhausts": "exhaust", "protects": "protect", "prohibits": "prohibit"}
_VERB_BASE |= {"authorizes": "authorize", "allows": "allow"}
_NUMBER_SWAP = {
    "one": "two", "two": "four", "three": "five", "four": "six", "five": "seven", "six": "four",
    "twenty": "thirty", "thirty": "forty", "eighteen": "twenty-one", "sixth": "ninth",
}  # fmt: skip


def clean(sentence: str) -> str:
    text = " ".join(sentence.replace("\u00ad", "").split())
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)  # a word hyphenated over a line end
    text = re.sub(r"^(?:Held|Syllabus)\s*:\s*", "", text)
    text = re.sub(r"\s*Pp?\.\s*[\d–-]+(?:,\s*[\d–-]+)*\.?$", "", text)
    return text


def negate(claim: str) -> str | None:
    for pattern, repl in _NEG:
        if pattern.search(claim):
            return pattern.sub(repl, claim, count=1)
    m = _AUX.search(claim)
    if not m:
        return None
    word = m.group(1)
    if word in _VERB_BASE:
        return claim[: m.start()] + "does not " + _VERB_BASE[word] + claim[m.end() :]
    return claim[: m.end()] + " not" + claim[m.end() :]


def renumber(claim: str) -> str | None:
    m = re.search(r"\b(\d+)\b", claim)
    if m:
        n = int(m.group(1))
        return claim[: m.start()] + str(n + 2 if n < 1000 else n + 10) + claim[m.end() :]
    for word, other in _NUMBER_SWAP.items():
        m = re.search(rf"\b{word}\b", claim, re.IGNORECASE)
        if m:
            return claim[: m.start()] + other + claim[m.end() :]
    return None


def evidence_window(question: dict) -> tuple[str, str] | None:
    """(the evidence's sentence, the passage: that sentence with one either side)."""
    with pymupdf.open(CORPUS / question["documents"][0]) as doc:
        text = doc[question["pages"][0] - 1].get_text()
    found = verify_quote(question["evidence"], text)
    if not found.verified:
        return None
    spans = sentence_spans(text)
    hit = [i for i, s in enumerate(spans) if s.start < found.end and s.end > found.start]
    if not hit:
        return None
    first, last = hit[0], hit[-1]
    sentence = text[spans[first].start : spans[last].end]
    window = text[spans[max(0, first - 1)].start : spans[min(len(spans) - 1, last + 1)].end]
    return clean(sentence), " ".join(window.split())


def build() -> dict:
    questions = json.loads((CORPUS / "questions.json").read_text(encoding="utf-8"))["questions"]
    answerable = [q for q in questions if q["documents"]]
    half_of = {q["documents"][0]: q["half"] for q in answerable}
    rows: list[dict] = []
    base: list[tuple[dict, str, str]] = []
    for q in answerable:
        got = evidence_window(q)
        if got:
            base.append((q, *got))
    for i, (q, claim, passage) in enumerate(base):
        doc, half = q["documents"][0], q["half"]
        made = [
            ("evidence", claim, "supports"),
            ("negated", negate(claim), "contradicts"),
            ("renumbered", renumber(claim), "contradicts"),
        ]
        # Another document's statement, from the same half so no claim crosses halves.
        others = [b for b in base[i + 1 :] + base[:i] if b[0]["documents"][0] != doc and b[0]["half"] == half]
        if others:
            made.append(("elsewhere", others[len(others) // 2][1], "unrelated"))
        for origin, text, label in made:
            if text and (text != claim or origin == "evidence"):
                rows.append(
                    {
                        "id": f"{q['id']}-{origin}",
                        "claim": text,
                        "passage": passage,
                        "label": label,
                        "origin": origin,
                        "document": doc,
                        "half": half,
                    }
                )
    for row in json.loads((HERE / "claims_hand.json").read_text(encoding="utf-8"))["claims"]:
        rows.append({**row, "origin": "hand", "half": half_of.get(row["document"], row.get("half", "report"))})
    return {
        "about": (
            "Labelled (claim, passage, label) triples for the grounding judge (legalassist.generate.grounding), "
            "built by tests/data/build_claims.py; labels: supports | contradicts | unrelated. Thresholds are "
            "chosen on half 'tune' and reported on half 'report'."
        ),
        "claims": rows,
    }


if __name__ == "__main__":
    out = build()
    (HERE / "claims.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for r in out["claims"]:
        counts[f"{r['half']}/{r['label']}"] = counts.get(f"{r['half']}/{r['label']}", 0) + 1
    print(len(out["claims"]), "triples:", counts)
