"""Benchmarks on this machine; rewrites docs/BENCHMARKS.md with the machine, the command and the numbers.

    python -m legalassist.benchmarks.suite [--corpus DIR] [--out docs/BENCHMARKS.md]

Measures, over the sample corpus: extraction against plain PyMuPDF, keyword-searchable and fully
embedded ingestion, embedding throughput, warm search latency per mode, and grounded answers to the
`corpus/questions.json` set (as `legalassist eval-answers`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from legalassist.benchmarks import answer_arms
from legalassist.benchmarks.answer_arms import NAMES
from legalassist.benchmarks.queries import QUERIES
from legalassist.benchmarks.stamp import cpu_name, host, met
from legalassist.domain import ImportStatus
from legalassist.evaluate_answers import percentile

ROOT = Path(__file__).resolve().parent.parent.parent

KEEP_MARK = "## Recorded by other commands"


def machine() -> str:
    cpu = cpu_name()
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} CPU cores ({cpu}), {mem}, no GPU; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; llama-cpp-python {version('llama-cpp-python')}"
    )


def _rate(figure: dict) -> str:
    return f"{figure['rate']:.1%} ({figure['n']} of {figure['of']})" if figure["of"] else "– (0 of 0)"


def _cell(figure: dict, op: str, target: float) -> str:
    return f"{_rate(figure)}: {met(figure['rate'], op, target)}" if figure["of"] else _rate(figure)


def halves_of(arms: dict, half: str) -> dict[str, dict]:
    """Each writer's summary of ``half``, from what ``answer_arms.run_arms`` returns (which also holds the
    run's date, host and question count)."""
    return {w: arms[w][half] for w in NAMES if isinstance(arms.get(w), dict) and half in arms[w]}


def answers_table(writers: dict[str, dict], default: str) -> list[str]:
    """The answer benchmark's targets on one half, a column per answer writer (``writers`` maps
    extractive / model / adapter to that writer's summary of the half), each target met or missed."""
    order = [w for w in (default, *NAMES) if w in writers]
    order = list(dict.fromkeys(order))
    head = [NAMES[w] + (" (the default)" if w == default else "") for w in order]

    def first_token(h: dict) -> str:
        return f"{h['ttft_ms_p50']:.0f} / {h['ttft_ms_p95']:.0f} ms: {met(h['ttft_ms_p50'], '<=', 2500)}"

    def speed(h: dict) -> str:
        return (
            f"{h['tokens_per_s']:.1f} tokens/s: {met(h['tokens_per_s'], '>=', 60)}" if h["tokens_per_s"] else "no model"
        )

    rows: list[tuple[str, str, Callable[[dict], str]]] = [
        (
            "correct: states the expected facts or yes/no and cites the evidence",
            "reported",
            lambda h: _rate(h["correct"]),
        ),
        (
            "… states the expected answer / cites a passage holding the evidence",
            "–",
            lambda h: f"{_rate(h['states_expected'])} / {_rate(h['cites_evidence'])}",
        ),
        (
            "grounded claims (shown as supported, of the claims in answers given)",
            "reported",
            lambda h: _rate(h["grounded_claims"]),
        ),
        (
            "contradicted claims shown as supported",
            "0",
            lambda h: f"{_rate(h['contradicted_shown'])}: {met(h['contradicted_shown']['n'], '==', 0)}",
        ),
        ("abstained, off-domain questions", "≥ 90%", lambda h: _cell(h["abstained_off_domain"], ">=", 0.9)),
        ("abstained, near-miss questions", "≥ 80%", lambda h: _cell(h["abstained_near_miss"], ">=", 0.8)),
        ("abstained, answerable questions", "≤ 15%", lambda h: _cell(h["abstained_answerable"], "<=", 0.15)),
        (
            "model-written [n] markers kept / answers keeping one",
            "reported",
            lambda h: f"{_rate(h['model_markers_kept'])} / {_rate(h['answers_keeping_model_markers'])}",
        ),
        (
            "quote integrity (the cited page's text at the quote's offsets)",
            "100%",
            lambda h: _cell(h["quote_integrity"], "==", 1.0),
        ),
        ("quotes inside the text the model was shown", "100%", lambda h: _cell(h["quotes_inside_seen"], "==", 1.0)),
        (
            "sources listed (retrieval) p50 / p95",
            "≤ 200 ms",
            lambda h: (
                f"{h['sources_ms_p50']:.0f} / {h['sources_ms_p95']:.0f} ms: {met(h['sources_ms_p50'], '<=', 200)}"
            ),
        ),
        (
            "first token p50 / p95 from the start of generation (extractive: the whole answer)",
            "≤ 2,500 ms",
            first_token,
        ),
        ("first token p50, from the question", "–", lambda h: f"{h['question_to_first_token_ms_p50']:.0f} ms"),
        ("generation speed", "≥ 60 tokens/s", speed),
    ]
    lines = ["| measure | target | " + " | ".join(head) + " |", "|---|---|" + "---|" * len(order)]
    lines += [
        f"| {name} | {target} | " + " | ".join(fmt(writers[w]) for w in order) + " |" for name, target, fmt in rows
    ]
    return lines


def labelled_table(labelled: dict) -> list[str]:
    """The grounding judge on one half of its labelled set, each target met or missed."""
    c, s = labelled["contradicts_not_supported"], labelled["supports_supported"]
    return [
        "| labelled set | result | target |",
        "|---|---|---|",
        f"| contradicts not shown as supported | {c[0] / c[1]:.1%} ({c[0]} of {c[1]}) | ≥ 90%: "
        f"{met(c[0] / c[1], '>=', 0.9)} |",
        f"| supports shown as supported | {s[0] / s[1]:.1%} ({s[0]} of {s[1]}) | ≥ 85%: "
        f"{met(s[0] / s[1], '>=', 0.85)} |",
    ]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def bench_extraction(pdfs: list[Path]) -> dict[str, float]:
    import pymupdf

    from legalassist.ingest.pdf import extract_pdf

    start = time.perf_counter()
    pages = 0
    for p in pdfs:
        with pymupdf.open(p) as doc:
            pages += sum(1 for page in doc if page.get_text() is not None)
    plain = time.perf_counter() - start
    start = time.perf_counter()
    for p in pdfs:
        try:
            extract_pdf(p)
        except Exception:
            pass
    ours = time.perf_counter() - start
    return {"pages": pages, "plain_pps": pages / plain, "app_pps": pages / ours}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    args = parser.parse_args(argv)

    from legalassist.config import ADAPTER_FILE, Settings
    from legalassist.service import Library

    pdfs = sorted(args.corpus.rglob("*.pdf"))
    lines: list[str] = []
    print("extraction …", file=sys.stderr)
    ex = bench_extraction(pdfs)

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(library_dir=Path(tmp) / "lib")
        lib = Library(settings)
        print("keyword ingestion …", file=sys.stderr)
        start = time.perf_counter()
        own_before, workers_before = _cpu_seconds(resource.RUSAGE_SELF), _cpu_seconds(resource.RUSAGE_CHILDREN)
        results = lib.import_paths(pdfs, embed=False)
        keyword_s = time.perf_counter() - start
        own_cpu = _cpu_seconds(resource.RUSAGE_SELF) - own_before
        workers_cpu = _cpu_seconds(resource.RUSAGE_CHILDREN) - workers_before
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest worker's peak
        pages = sum(r.pages for r in results if r.status == ImportStatus.IMPORTED)
        from legalassist.ingest.pdf import OCR_NOTES

        ocr_pages = sum(note in OCR_NOTES for d in lib.documents() for _, note in lib.catalog.page_notes(d.id))
        passages = lib.catalog.counts()["passages"]
        print("embedding …", file=sys.stderr)
        embedder = lib.embedder
        start = time.perf_counter()
        lib.embed_pending()
        embed_s = time.perf_counter() - start
        texts = [p.text for d in lib.documents()[:10] for p in lib.catalog.passages_of(d.id)][:200]
        tokens = sum(embedder.count_tokens(t) for t in texts)
        start = time.perf_counter()
        embedder.embed(texts)
        tok_s = tokens / (time.perf_counter() - start)

        print("search …", file=sys.stderr)
        latency: dict[str, list[float]] = {}
        for mode in ("keyword", "vector", "hybrid"):
            lib.search(QUERIES[0], 10, mode)  # warm
            times = []
            for _ in range(3):
                for q in QUERIES:
                    t = time.perf_counter()
                    lib.search(q, 10, mode)
                    times.append((time.perf_counter() - t) * 1000)
            latency[mode] = times

        print("answers (eval-answers question set) …", file=sys.stderr)
        from legalassist import evaluate_answers

        questions = evaluate_answers.load_questions(args.corpus / "questions.json")
        answers = evaluate_answers.evaluate(lib, questions, args.corpus)
        from legalassist.benchmarks import grounding

        labelled = grounding.run()
        rss = peak_rss_mb()
        lib.close()

        default = settings.answer_mode
        others = tuple(a for a in answer_arms.ARMS if a != default)
        if not (settings.models_dir / ADAPTER_FILE).is_file():
            others = tuple(a for a in others if a != "adapter")
        print(f"answers by the other writers ({', '.join(others)}), report half …", file=sys.stderr)
        arms = answer_arms.run_arms(settings.library_dir, args.corpus, "report", others)
        arms[default] = {"report": answers["report"]}
        saved = ROOT / "build" / "bench_answers.json"  # every answer's record, kept should a later part fail
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps({"default": answers, **arms}, indent=1) + "\n", encoding="utf-8")

        print("index backends …", file=sys.stderr)
        from legalassist.benchmarks import backends

        backend_result = backends.run(settings.library_dir, QUERIES, None, lambda m: print(m, file=sys.stderr))

        print("keyword engines …", file=sys.stderr)
        from legalassist.benchmarks import keyword_engines

        engine_rows = keyword_engines.run(
            keyword_engines.load_passages(settings.library_dir),
            [q.text for q in questions],
            [1],
            lambda m: print(m, file=sys.stderr),
        )

    cmd = "make bench  (python -m legalassist.benchmarks.suite)"
    stamp = f"*Run {time.strftime('%Y-%m-%d')} on {host()}, by `{cmd}`.*"
    report, tune = answers["report"], answers["tune"]
    lines += [
        "# Benchmarks",
        "",
        'The sections down to "Recorded by other commands" come from one `make bench` run on the machine named',
        "below; the script rewrites them. Targets are from the issues; each is marked met or **missed**.",
        "",
        f"- Machine: {machine()}",
        f"- Command: `{cmd}`",
        f"- Date: {time.strftime('%Y-%m-%d')}",
        f"- Corpus: the sample library, {len(pdfs)} PDFs, {pages} pages with text, {passages} passages",
        "",
        "## Ingestion",
        "",
        stamp,
        "",
        "| stage | time | pages/s | target |",
        "|---|---|---|---|",
        f"| PyMuPDF `get_text` alone | – | {ex['plain_pps']:.0f} | – |",
        f"| app extraction (text + word boxes, checks) | – | {ex['app_pps']:.0f} | – |",
        f"| keyword-searchable (extract, OCR, chunk, citations, catalog, Whoosh) | {keyword_s:.1f} s "
        f"| {pages / keyword_s:.1f} | ≥ 100: {met(pages / keyword_s, '>=', 100)} |",
        f"| embedding all passages | {embed_s:.1f} s | {pages / embed_s:.1f} | – |",
        f"| fully embedded (both) | {keyword_s + embed_s:.1f} s | {pages / (keyword_s + embed_s):.1f} | ≥ 6: "
        f"{met(pages / (keyword_s + embed_s), '>=', 6)} |",
        "",
        f"Keyword-searchable time includes OCR of {ocr_pages} scanned pages (Tesseract, up to 300 dpi). The files "
        f"are read (text, OCR, passages, citations) by {settings.import_workers} worker processes while the app's "
        f"process writes the catalog and keyword index: CPU time {workers_cpu:.1f} s in the workers, {own_cpu:.1f} s "
        f"in the app's process, {(workers_cpu + own_cpu) / keyword_s:.2f} cores busy on average; the largest "
        f"worker's peak resident memory {worker_rss:.0f} MB.",
        "",
        f"Embedding throughput ({settings.embed_model_path.name}, the default embedding model, through llama.cpp, "
        f"one text at a time; fusion weight vector {settings.fusion_vector_weight:g} against keyword "
        f"{settings.keyword_weight:g}): "
        f"{tok_s:,.0f} tokens/s over {len(texts)} passages ({tokens:,} tokens).",
        "",
        "## Search latency (warm, 10 queries × 3, k = 10)",
        "",
        stamp,
        "",
        "| mode | p50 ms | p95 ms |",
        "|---|---|---|",
        *(f"| {m} | {statistics.median(v):.1f} | {percentile(v, 0.95):.1f} |" for m, v in latency.items()),
        "",
        f"## Answers: report half (`corpus/questions.json`, {report['answerable']} answerable and "
        f"{report['unanswerable']} unanswerable questions; 6 passages, each writer in turn)",
        "",
        stamp,
        "",
        "The same figures as `legalassist eval-answers --half report --answer-mode MODE`, on this benchmark's "
        f"library. The writers: extractive (the app's best sentences, quoted; no chat model), the base model "
        f"({settings.chat_model_path.name}) and the base model with the project's answer adapter "
        f"({ADAPTER_FILE}); the chat writers' quotes are held to the passages' own words. The question set is split "
        "by document; thresholds, prompts and the default writer were chosen on the tuning half, and only the "
        "report half is reported here.",
        "",
        *answers_table(halves_of(arms, "report"), default),
        "",
        "The fine-tuning issue's targets, adapter against base model and extractive:",
        "",
        *(answer_arms.targets(arms) or ["- not measured: the adapter or the chat model is not installed"]),
        "",
        f"For reference, the tuning half ({tune['answerable']} answerable, {tune['unanswerable']} unanswerable), "
        f"the default writer ({default}): correct {_rate(tune['correct'])}, contradicted claims shown as supported "
        f"{_rate(tune['contradicted_shown'])}, abstained off-domain {_rate(tune['abstained_off_domain'])}, "
        f"near-miss {_rate(tune['abstained_near_miss'])}, answerable {_rate(tune['abstained_answerable'])}.",
        "",
        "The grounding judge on the report half of its labelled set (`python -m legalassist.benchmarks.grounding`, "
        "tests/data/claims.json):",
        "",
        *labelled_table(labelled["report"]),
        "",
        f"Peak resident memory of the benchmark process over the run so far (import with OCR, both models loaded): "
        f"{rss:.0f} MB.",
        "",
        "## Index backends: embedded against PostgreSQL (`legalassist.benchmarks.backends`)",
        "",
        stamp,
        "",
        "The same library on the PostgreSQL backend (full-text search and pgvector on PostgreSQL 18, started by the "
        "benchmark on a local socket), the search-latency queries above, warm, k = 10.",
        "",
        backends.markdown(backend_result),
        "",
        "## Keyword engines on the same passages (`legalassist.benchmarks.keyword_engines`)",
        "",
        stamp,
        "",
        f"The library's {passages} passages and the {len(questions)} questions above as bags of words, top 64, warm. "
        "The app's row includes its posting-list cache, filled as the questions run; agreement is the share of the app's top 10 "
        "each engine also returns. tantivy and bm25s rows need `pip install -e '.[bench]'` (`make bench` does it).",
        "",
        keyword_engines.markdown(engine_rows),
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    kept = ""
    if args.out.exists():  # sections other commands recorded (eval, vector indexes) stay
        previous = args.out.read_text()
        if KEEP_MARK in previous:
            kept = previous[previous.index(KEEP_MARK) :]
    args.out.write_text("\n".join(lines) + ("\n" + kept if kept else ""))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
