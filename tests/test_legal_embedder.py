"""The legal embedder: the benchmark's split by document, training pairs made from the app's own passages,
and the quick pipeline (pairs, training, conversion by the app's converter, llama.cpp against
sentence-transformers). The training test needs the ``[finetune]`` extra (installed by `make test`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from legalassist.config import EMBED_MODEL_FILE, Settings
from legalassist.evaluate import Query, bench_parts, load_queries, part_of
from legalassist.finetune import pairs as fp
from legalassist.ingest.chunker import embedding_input, sentence_spans
from legalassist.progress import NullProgress
from legalassist.service import Library

DOCS = 7


@pytest.fixture(scope="module")
def tiny_bench(sample_library, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LegalBench-RAG-format folder made of the sample library's statutes: each section's text, asked
    by its heading, with a sentence of the section as the gold span."""
    bench = tmp_path_factory.mktemp("bench")
    (bench / "corpus" / "code").mkdir(parents=True)
    tests = []
    statutes = sorted((d for d in sample_library.documents() if d.doc_type == "statute"), key=lambda d: d.path)
    for doc in statutes[:DOCS]:
        text = "\n".join(sample_library.catalog.page_text(doc.id, n) or "" for n in range(1, doc.pages + 1))
        name = f"code/{Path(doc.path).stem}.txt"
        (bench / "corpus" / name).write_text(text, encoding="utf-8")
        spans = [s for s in sentence_spans(text) if len(text[s.start : s.end].split()) >= 8]
        for k, s in enumerate(spans[1:3]):
            snippet = {"file_path": name, "span": [s.start, s.end], "answer": text[s.start : s.end]}
            query = f"Consider {doc.title}; what does {('its first rule', 'the next rule')[k]} provide?"
            tests.append({"query": query, "snippets": [snippet]})
    (bench / "benchmarks").mkdir()
    (bench / "benchmarks" / "code.json").write_text(json.dumps({"tests": tests}), encoding="utf-8")
    return bench


def test_bench_split_is_by_document_stable_and_per_subset(tiny_bench: Path) -> None:
    parts = bench_parts(tiny_bench)
    assert parts == bench_parts(tiny_bench)
    assert len(parts) == DOCS
    assert list(parts.values()).count("valid") == 3  # 30% of 7, rounded up
    train = load_queries(tiny_bench, part="train")
    valid = load_queries(tiny_bench, part="valid")
    assert len(train) + len(valid) == len(load_queries(tiny_bench))
    assert {g[0] for q in train for g in q.gold}.isdisjoint({g[0] for q in valid for g in q.gold})
    a, b = sorted(parts, key=parts.get)[0], sorted(parts, key=parts.get)[-1]
    assert parts[a] != parts[b]
    straddling = Query("code", "both", [(a, 0, 10), (b, 0, 10)])
    assert part_of(straddling, parts) is None


def test_pairs_pair_each_question_with_the_passage_holding_its_gold_span(tiny_bench: Path, tmp_path: Path) -> None:
    with Library(Settings(library_dir=tmp_path / "lib")) as lib:
        parts = bench_parts(tiny_bench)
        train_files = [tiny_bench / "corpus" / r for r, p in parts.items() if p == "train"]
        lib.import_paths(train_files, embed=False)
        assert len(lib.catalog.documents("indexed")) == len(train_files)  # not embedded: pairs need no embedder
        pairs = fp.bench_pairs(lib, tiny_bench, NullProgress())
        texts = {}
        for d in lib.documents():
            rel = Path(d.path).relative_to((tiny_bench / "corpus").resolve()).as_posix()
            texts[rel] = [embedding_input(d.header(), p) for p in lib.catalog.passages_of(d.id)]
    assert pairs
    answers: dict[str, list[str]] = {}  # a question as trained (two may read alike without their document's name)
    for q in load_queries(tiny_bench, part="train"):
        rel, start, end = q.gold[0]
        text = (tiny_bench / "corpus" / rel).read_text(encoding="utf-8")[start:end]
        answers.setdefault(fp.training_question(q.text), []).append(text)
    for pair in pairs:
        assert parts[pair["document"]] == "train"
        assert pair["positive"] in texts[pair["document"]]
        held = [a for a in answers[pair["query"]] if " ".join(a.split()[:6]) in " ".join(pair["positive"].split())]
        assert held, pair["query"]
        answer = held[0]
        assert pair["positive"] not in pair["negatives"]
        assert pair["negatives"] or len(texts[pair["document"]]) <= fp.MAX_POSITIVES  # none only in a tiny document
        for negative in pair["negatives"]:  # other passages of the same document, without the evidence
            assert negative in texts[pair["document"]]
            assert " ".join(answer.split()) not in " ".join(negative.split())
    made = fp.write(pairs, tmp_path / "pairs", {})
    again, manifest = fp.read(tmp_path / "pairs")
    assert again == pairs and manifest["data_sha256"] == made["data_sha256"]
    dev_docs = {p["document"] for p in pairs if p["split"] == "dev"}
    assert dev_docs.isdisjoint({p["document"] for p in pairs if p["split"] == "train"})


def test_about_half_the_benchmark_questions_are_trained_without_naming_their_document() -> None:
    named = [
        f"Consider the Non-Disclosure Agreement between Party {i} and Party {i + 1}; Does the document allow copies?"
        for i in range(200)
    ]
    trained = [fp.training_question(q) for q in named]
    nameless = [t for t in trained if t == "Does the document allow copies?"]
    assert 70 <= len(nameless) <= 130  # NAMELESS_SHARE, by a hash of the question
    assert all(t == q for t, q in zip(trained, named, strict=True) if t not in nameless)
    assert fp.training_question("Does the document allow copies?") == "Does the document allow copies?"
    assert fp.training_question("Consider this; ") == "Consider this; "  # nothing after the clause: kept


def test_batches_never_hold_a_text_twice() -> None:
    pytest.importorskip("torch")
    import random

    from legalassist.finetune.embedder import _batches

    pairs = [{"query": f"q{i}", "positive": f"p{i % 5}", "negatives": [f"p{(i + 1) % 5}", f"n{i}"]} for i in range(40)]
    for epoch in (0, 1):
        batches = _batches(pairs, 4, random.Random(1), epoch)
        assert batches
        for batch in batches:
            texts = [t for q, p, n in batch for t in (q, p, n) if t]
            assert len(texts) == len(set(texts)), batch


def test_quick_embedder_pipeline_trains_converts_and_matches_sentence_transformers(
    tiny_bench: Path, sample_library_dir: Path, tmp_path: Path
) -> None:
    """Pairs, a few training steps, the app's converter, and llama.cpp's vectors against
    sentence-transformers' from the fine-tuned weights (cosine >= 0.999), through the CLI."""
    pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")
    out = tmp_path / "legal.gguf"
    proc = run_cli(
        "finetune",
        "embedder",
        "--quick",
        "--bench",
        tiny_bench,
        "--work",
        tmp_path / "work",
        "--adapter",
        out,
        library=tmp_path / "unused",
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    record = json.loads(out.with_suffix(".json").read_text())
    assert record["check"]["lowest_cosine"] >= 0.999
    assert record["steps"] >= 1 and record["pairs"]["train"] >= 2
    assert record["base_sha256"] and record["data_sha256"] and record["hyperparameters"]["seed"] == 1234
    from legalassist.generate.embedder import Embedder

    base, fine = Settings().models_dir / EMBED_MODEL_FILE, out
    texts = ["The time limit for an action under the Federal Employers' Liability Act."]
    assert Embedder(fine).dim == Embedder(base).dim == 384
    assert (Embedder(fine).embed(texts) != Embedder(base).embed(texts)).any()  # training changed the weights

    # `models check` holds the built embedder to its own reference; a copy without it, to MiniLM's, fails.
    def check(model: Path) -> subprocess.CompletedProcess[str]:
        return run_cli("models", "check", "--embed-model", model)

    own = check(out)
    assert own.returncode == 0 and f"{out}: {record['check']['texts']} reference texts" in own.stdout, own.stderr
    alone = tmp_path / "copy.gguf"
    shutil.copyfile(out, alone)
    other = check(alone)
    assert other.returncode == 1 and "does not match the reference" in other.stderr

    # A library built with the default embedder, opened with this one: every passage is embedded again by the
    # next import (the desktop app starts one when it opens such a library), and vectors are never mixed.
    library = tmp_path / "library"
    shutil.copytree(sample_library_dir, library, ignore=shutil.ignore_patterns("writer.lock"))
    with Library(Settings(library_dir=library, embed_model=fine)) as lib:
        assert lib.vectors_stale()
        passages = lib.catalog.counts()["passages"]
        lib.import_paths([])
        assert not lib.vectors_stale()
        assert len(lib.catalog.documents("embedded")) == len(lib.documents())
        assert len(lib.vectors) == passages
        assert lib.search("time limit for an action for injury to a railroad employee", 5, "vector")
