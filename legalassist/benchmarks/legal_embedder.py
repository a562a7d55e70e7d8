"""The base embedder against the fine-tuned legal one, side by side.

    python -m legalassist.benchmarks.legal_embedder --bench BENCH_DIR --legal GGUF [--work DIR]
        [--legal-vector-weight W] [--json]

For each embedder (all-MiniLM-L6-v2's GGUF, and a GGUF from ``legalassist finetune embedder``, such as the
default ``models/adapters/legal-minilm.f16.gguf``):
- retrieval on the **validation part** of the LegalBench-RAG slice (``legalassist eval --part valid``: split by
  document, with only that part's documents in the library; the embedder never trained on them), vector-only
  and hybrid, per subset;
- on the sample corpus (statutes, opinions, the Constitution: kinds of text the bench lacks), for each
  answerable question of the answer benchmark, whether an expected document is among the 6 passages an
  answer is given (``top_k``), per half. The embedder's pairs include the tune half's questions and the
  corpus's own headings outside the report half, so the report half is the clean figure;
- embedding speed: the same 300 passages, one call per model, warm.

Libraries are kept in DIR (``valid-<name>``, ``corpus-<name>``) and reused by the next run.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

from legalassist.config import Settings

SUBSET_METRICS = (("recall", "1"), ("recall", "16"), ("recall", "64"), ("precision", "1"), ("doc_hit", "1"))
TOP = 6


def corpus_hits(settings: Settings, corpus: Path) -> dict[str, Any]:
    """Share of answerable questions with an expected document in the top 6, per half and mode."""
    from legalassist.evaluate_answers import HALVES, load_questions
    from legalassist.finetune.data import holds
    from legalassist.service import Library

    questions = [q for q in load_questions(corpus / "questions.json") if q.documents]
    out: dict[str, Any] = {}

    def figure(n: int, of: int) -> dict[str, Any]:
        return {"n": n, "of": of, "rate": round(n / of, 4) if of else 0.0}

    with Library(settings) as lib:
        lib.import_paths([corpus])
        for half in HALVES:
            asked = [q for q in questions if q.half == half]
            with_evidence = [q for q in asked if q.evidence]
            for mode in ("vector", "hybrid"):
                document = evidence = 0
                for q in asked:
                    expected = {str((corpus / d).resolve()) for d in q.documents}
                    hits = lib.search(q.text, TOP, mode)
                    mine = [h for h in hits if str(Path(h.document.path).resolve()) in expected]
                    document += bool(mine)
                    evidence += bool(q.evidence) and any(holds(h.passage.whole_text, (q.evidence,)) for h in mine)
                out[f"{half}/{mode}"] = figure(document, len(asked))
                out[f"{half}/{mode}/evidence"] = figure(evidence, len(with_evidence))
    return out


def speed(model: Path, texts: list[str], threads: int) -> dict[str, float]:
    from legalassist.generate.embedder import Embedder

    embedder = Embedder(model, threads=threads)
    embedder.embed(texts[:8])
    started = time.perf_counter()
    embedder.embed(texts)
    seconds = time.perf_counter() - started
    return {"passages": len(texts), "seconds": round(seconds, 2), "passages_per_s": round(len(texts) / seconds, 1)}


def sample_texts(library: Path, count: int) -> list[str]:
    from legalassist.ingest.chunker import embedding_input
    from legalassist.service import Library

    with Library(Settings(library_dir=library)) as lib:
        texts: list[str] = []
        for doc in lib.documents():
            texts += [embedding_input(doc.header(), p) for p in lib.catalog.passages_of(doc.id)]
            if len(texts) >= count:
                break
    return texts[:count]


def run(bench: Path, legal: Path, work: Path, corpus: Path, legal_weight: float | None = None) -> dict[str, Any]:
    """``legal_weight``: the fusion's vector weight for the legal embedder (default: the one its manifest
    records, chosen for it on the training part); the base embedder is fused at its own (1)."""
    from legalassist import evaluate
    from legalassist.config import EMBED_MODEL_FILE, embedder_vector_weight

    base_settings = Settings()
    models = {"base": base_settings.models_dir / EMBED_MODEL_FILE, "legal": legal}
    weights = {
        "base": embedder_vector_weight(models["base"]),
        "legal": embedder_vector_weight(legal) if legal_weight is None else legal_weight,
    }
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "host": platform.node(),
        "models": {k: str(v) for k, v in models.items()},
        "vector_weights": weights,
    }
    for name, model in models.items():
        settings = Settings(library_dir=work / f"valid-{name}", embed_model=model, vector_weight=weights[name])
        bench_report = evaluate.run(bench, settings, part="valid")
        report[name] = {
            "queries": bench_report["queries"],
            "documents": bench_report["documents"],
            "passages": bench_report["passages"],
            "subsets": {
                s: {mode: modes[mode] for mode in ("keyword", "vector", "hybrid")}
                for s, modes in bench_report["subsets"].items()
            },
            "overall": bench_report["overall"],
            "corpus": corpus_hits(
                Settings(library_dir=work / f"corpus-{name}", embed_model=model, vector_weight=weights[name]), corpus
            ),
        }
    texts = sample_texts(work / "valid-base", 300)
    for name, model in models.items():
        report[name]["speed"] = speed(model, texts, base_settings.threads)
    return report


def _row(label: str, figures: dict[str, Any]) -> str:
    return f"| {label} | " + " | ".join(f"{figures[m][k]:.3f}" for m, k in SUBSET_METRICS) + " |"


def to_markdown(report: dict[str, Any]) -> str:
    base, legal = report["base"], report["legal"]
    lines = [
        f"*Run {report['date']} on host `{report['host']}`.* Validation part: {base['queries']} queries over "
        f"{base['documents']} documents ({base['passages']} passages). Vector weight in fusion: "
        + ", ".join(f"{k} {w:g}" for k, w in report.get("vector_weights", {}).items()),
        "",
        "| subset · mode · embedder | R@1 | R@16 | R@64 | P@1 | doc hit@1 |",
        "|---|---|---|---|---|---|",
    ]
    for subset in [*base["subsets"], "OVERALL"]:
        for mode in ("vector", "hybrid"):
            for name, r in (("base", base), ("legal", legal)):
                figures = r["overall"][mode] if subset == "OVERALL" else r["subsets"][subset][mode]
                lines.append(_row(f"{subset} · {mode} · {name}", figures))
    keyword = ", ".join(f"{s} {r['keyword']['recall']['64']:.3f}" for s, r in base["subsets"].items())
    lines += ["", f"Keyword only (no embedder), R@64: {keyword}."]
    lines += [
        "",
        "Sample corpus: an expected document (and /evidence: the passage holding the question's evidence)",
        "",
    ]
    lines[-1] += "among the 6 passages an answer gets:"
    lines.append("")
    lines += ["| half · mode | base | legal |", "|---|---|---|"]
    for key in base["corpus"]:
        b, g = base["corpus"][key], legal["corpus"][key]
        lines.append(f"| {key} | {b['rate']:.1%} ({b['n']} of {b['of']}) | {g['rate']:.1%} ({g['n']} of {g['of']}) |")
    lines += [
        "",
        f"Embedding speed, {base['speed']['passages']} passages: base {base['speed']['passages_per_s']}/s, "
        f"legal {legal['speed']['passages_per_s']}/s.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, type=Path)
    parser.add_argument("--legal", required=True, type=Path, help="the fine-tuned embedder's GGUF")
    parser.add_argument("--work", type=Path, default=Path("build/bench/legal-embedder"))
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "corpus")
    parser.add_argument(
        "--legal-vector-weight",
        type=float,
        help="fusion's vector weight for the legal embedder (default: its manifest's)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = run(args.bench, args.legal, args.work, args.corpus, args.legal_vector_weight)
    (args.work / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2) if args.json else to_markdown(report))


if __name__ == "__main__":
    main()
