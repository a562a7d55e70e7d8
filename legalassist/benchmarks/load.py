"""Answers and embedding when the machine is busy: alone, during an import's embedding, beside a busy core.

    python -m legalassist.benchmarks.load [--work DIR] [--json FILE]

Everything is measured side by side in one run, with the default chat model writing the answers (answer mode
"model": the extractive writer generates nothing):

- the library: the sample corpus's statutes and Constitution (corpus/us_code, corpus/constitution), embedded;
- the import: corpus/scotus (8 opinions) read into a copy of it, keyword-only, so that the scenarios below
  run exactly its embedding stage (``Library.embed_pending``, as an import's second stage does);
- the first question in a freshly opened library, with and without the warm-up a window runs when it opens;
- answers alone, and alone with the model's cache emptied before each (no reuse of the prompt's fixed start);
  answers while the import embeds in the same process, as the desktop app does it (an import
  worker and an ask worker), with the scheduler and without it (``legalassist.scheduler``); answers beside one
  external busy core (a CPU-bound loop in another process), with threads that adapt to the load and without;
- embedding alone and during the answers: the import's embedding time grows by at most the time spent
  answering, plus 10%;
- the models' raw speed at 1 and 2 threads, alone and beside a busy core (llama-bench style for the chat
  model; passages per second for the embedder).

Each answer's first token is timed from the question (retrieval, the question's embedding and the prompt
included), and decoding speed from the first token to the last.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from legalassist import scheduler as scheduling
from legalassist.config import Settings
from legalassist.progress import PAUSED, NullProgress
from legalassist.service import Library

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
# Statute and Constitution questions of the tuning half of corpus/questions.json: all answered from the
# base library (none declined before generation).
QUESTIONS = [
    "What factors decide whether a use of a copyrighted work is a fair use?",
    "What kinds of inventions are patentable?",
    "How long after an arbitration award is made may a party apply to the court to confirm it?",
    "Does an employee's contributory negligence bar recovery under the Federal Employers' Liability Act?",
    "What does the Fourth Amendment protect people against?",
]
MAX_TOKENS = 128


class Unscheduled:
    """The scheduler's interface with no waiting: how the app ran before ``legalassist.scheduler``."""

    @contextlib.contextmanager
    def interactive(self) -> Iterator[None]:
        yield

    @contextlib.contextmanager
    def compute(self, on_pause: Callable[[], None] | None = None) -> Iterator[None]:
        yield

    def interactive_pending(self) -> bool:
        return False


@contextlib.contextmanager
def busy_core() -> Iterator[None]:
    """One CPU-bound loop in another process, as a browser tab or a video call would keep a core busy."""
    proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    time.sleep(0.5)
    try:
        yield
    finally:
        proc.kill()
        proc.wait()


def settings_for(library: Path, **kw: Any) -> Settings:
    kw.setdefault("answer_mode", "model")
    return Settings(library_dir=library, max_answer_tokens=MAX_TOKENS, **kw)


def prepare(work: Path) -> tuple[Path, Path]:
    """The embedded base library, and a copy of it holding the import's documents, keyword-only."""
    base, staged = work / "base", work / "staged"
    if not (base / "library.json").exists():
        shutil.rmtree(base, ignore_errors=True)
        with Library(settings_for(base)) as lib:
            lib.import_paths([CORPUS / "us_code", CORPUS / "constitution"])
    if not (staged / "staged.done").exists():
        shutil.rmtree(staged, ignore_errors=True)
        shutil.copytree(base, staged)
        with Library(settings_for(staged)) as lib:
            lib.import_paths([CORPUS / "scotus"], embed=False)
        (staged / "staged.done").write_text("")
    return base, staged


def copy_of(library: Path, work: Path, name: str) -> Path:
    target = work / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(library, target)
    return target


def _timestamper(marks: list[float]) -> Callable[[str], None]:
    return lambda _piece: marks.append(time.perf_counter())


def ask_all(lib: Library, questions: list[str], reuse_prefix: bool = True) -> list[dict[str, Any]]:
    rows = []
    for question in questions:
        if not reuse_prefix:
            lib.llm.load().reset()  # the model's cache forgets the last prompt: this one is read from its start
        marks: list[float] = []
        started = time.perf_counter()
        answer = lib.ask(question, on_token=_timestamper(marks))
        ended = time.perf_counter()
        generated = answer.tokens
        decode = (generated - 1) / (marks[-1] - marks[0]) if generated > 1 and len(marks) > 1 else None
        rows.append(
            {
                "question": question,
                "first_token_s": round(marks[0] - started, 3) if marks else None,
                "decode_tokens_per_s": round(decode, 1) if decode else None,
                "tokens": generated,
                "seconds": round(ended - started, 3),
                "abstained": answer.abstained,
            }
        )
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    firsts = [r["first_token_s"] for r in rows if r["first_token_s"] is not None]
    decodes = [r["decode_tokens_per_s"] for r in rows if r["decode_tokens_per_s"]]
    return {
        "answers": len(rows),
        "first_token_s_median": round(statistics.median(firsts), 3) if firsts else None,
        "decode_tokens_per_s_median": round(statistics.median(decodes), 1) if decodes else None,
        "answering_s": round(sum(r["seconds"] for r in rows), 2),
        "rows": rows,
    }


class Stages(NullProgress):
    """Records when the embedding stage starts and every time it says it paused."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = threading.Event()
        self.pauses = 0

    def start(self, total: int, label: str = "") -> None:
        if label == "embedding":
            self.embedding.set()

    def advance(self, n: int = 1, label: str = "") -> None:
        if label == PAUSED:
            self.pauses += 1


def embed_alone(staged: Path, work: Path) -> dict[str, Any]:
    with Library(settings_for(copy_of(staged, work, "embed-alone"))) as lib:
        _ = lib.embedder
        started = time.perf_counter()
        done = lib.embed_pending()
        seconds = time.perf_counter() - started
    return {"passages": done, "seconds": round(seconds, 2), "passages_per_min": round(done / seconds * 60)}


def answers_during_embedding(staged: Path, work: Path, questions: list[str], name: str) -> dict[str, Any]:
    """An import's embedding on one thread and questions on another, in one process and one library."""
    with Library(settings_for(copy_of(staged, work, name))) as lib:
        _ = lib.embedder, lib.llm.load()
        stages = Stages()
        result: dict[str, Any] = {}

        def embed() -> None:
            started = time.perf_counter()
            result["passages"] = lib.embed_pending(stages)
            result["seconds"] = time.perf_counter() - started

        worker = threading.Thread(target=embed)
        worker.start()
        stages.embedding.wait()
        time.sleep(2.0)
        rows = ask_all(lib, questions)
        answered_while_embedding = worker.is_alive()
        worker.join()
    out = summary(rows)
    out.update(
        {
            "embedding_passages": result["passages"],
            "embedding_s": round(result["seconds"], 2),
            "embedding_still_running_after_answers": answered_while_embedding,
            "embedding_pauses": stages.pauses,
        }
    )
    return out


def raw_speeds(settings: Settings, texts: list[str]) -> list[dict[str, Any]]:
    """The models at a fixed thread count (adaptation off), alone and beside a busy core."""
    from legalassist.generate.embedder import Embedder
    from legalassist.generate.llm import LocalLLM, measure_speed

    rows = []
    for busy in (False, True):
        for threads in (1, 2):
            with busy_core() if busy else contextlib.nullcontext():
                llm = LocalLLM(settings.chat_model_path, threads, adaptive_threads=False)
                speed = measure_speed(llm, 512, 64, 2)
                embedder = Embedder(settings.embed_model_path, threads, adaptive_threads=False)
                embedder.embed(texts[:5])
                started = time.perf_counter()
                embedder.embed(texts)
                per_s = len(texts) / (time.perf_counter() - started)
            rows.append(
                {
                    "busy_core": busy,
                    "threads": threads,
                    "prompt_tokens_per_s": round(speed["pp_tokens_per_s"], 1),
                    "decode_tokens_per_s": round(speed["tg_tokens_per_s"], 1),
                    "embed_passages_per_s": round(per_s, 1),
                }
            )
    return rows


def run(work: Path) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    base, staged = prepare(work)
    report: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "host": platform.node(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "questions": len(QUESTIONS),
        "max_answer_tokens": MAX_TOKENS,
    }
    first: dict[str, list[float]] = {"cold": [], "warmed": []}
    for question in QUESTIONS[:3]:
        for kind in first:
            with Library(settings_for(base)) as lib:
                if kind == "warmed":
                    lib.warm_up()  # what a window does in the background once it opens
                first[kind].append(ask_all(lib, [question])[0]["first_token_s"])
    report["first_question"] = {k: round(statistics.median(v), 3) for k, v in first.items()}
    with Library(settings_for(base)) as lib:
        lib.warm_up()
        report["alone"] = summary(ask_all(lib, QUESTIONS))
        report["alone_no_prefix_reuse"] = summary(ask_all(lib, QUESTIONS, reuse_prefix=False))
        with busy_core():
            report["busy_core_adaptive"] = summary(ask_all(lib, QUESTIONS))
    with Library(settings_for(base, adaptive_threads=False)) as lib:
        lib.warm_up()
        with busy_core():
            report["busy_core_fixed_threads"] = summary(ask_all(lib, QUESTIONS))
    report["embedding_alone"] = embed_alone(staged, work)
    report["during_embedding_scheduled"] = answers_during_embedding(staged, work, QUESTIONS, "during-scheduled")
    saved = scheduling._SCHEDULER
    scheduling._SCHEDULER = Unscheduled()  # type: ignore[assignment]
    try:
        # Two questions only: unscheduled, each answer takes minutes.
        report["during_embedding_unscheduled"] = answers_during_embedding(
            staged, work, QUESTIONS[:2], "during-unscheduled"
        )
    finally:
        scheduling._SCHEDULER = saved
    with Library(settings_for(staged)) as lib:
        texts = [p.text for p in list(lib.catalog.passages(list(range(1, 400))).values())[:60]]
    report["raw_speeds"] = raw_speeds(settings_for(base), texts)
    return report


def ratio(part: float | None, whole: float | None) -> float | None:
    return round(part / whole, 2) if part and whole else None


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def to_markdown(r: dict[str, Any]) -> str:
    alone = r["alone"]
    first, decode = alone["first_token_s_median"], alone["decode_tokens_per_s_median"]
    lines = [
        f"Measured {r['date']} on host `{r['host']}` ({r['machine']}), `python -m legalassist.benchmarks.load`; "
        f"{r['questions']} questions (medians), answers of at most {r['max_answer_tokens']} tokens by the default "
        "chat model.",
        "",
        "| scenario | first token from the question | × alone | decoding | × alone | answers |",
        "|---|---|---|---|---|---|",
    ]
    names = {
        "alone": "alone",
        "alone_no_prefix_reuse": "alone, the cache's prompt start not reused",
        "during_embedding_scheduled": "during an import's embedding, same process (scheduler)",
        "during_embedding_unscheduled": "during an import's embedding, same process, no scheduler (before)",
        "busy_core_adaptive": "one external busy core, adaptive threads (default)",
        "busy_core_fixed_threads": "one external busy core, 2 threads fixed (before)",
    }
    for key, name in names.items():
        s = r[key]
        lines.append(
            f"| {name} | {s['first_token_s_median']:.2f} s | {ratio(s['first_token_s_median'], first)} | "
            f"{s['decode_tokens_per_s_median']} tokens/s | {ratio(s['decode_tokens_per_s_median'], decode)} | "
            f"{s['answers']} |"
        )
    fq = r["first_question"]
    lines += [
        "",
        f"The first question after the library opens (median of 3 questions, each in a freshly opened library): "
        f"first token after {fq['cold']:.2f} s when it loads the models itself, {fq['warmed']:.2f} s after the "
        "background warm-up a window runs when it opens (`Library.warm_up`).",
    ]
    emb, sched = r["embedding_alone"], r["during_embedding_scheduled"]
    unsched = r["during_embedding_unscheduled"]
    allowed = emb["seconds"] + sched["answering_s"] + 0.1 * emb["seconds"]
    lines += [
        "",
        f"Embedding the import ({emb['passages']} passages): alone {emb['seconds']:.1f} s ({emb['passages_per_min']} "
        f"passages a minute); while {sched['answers']} questions were answered ({sched['answering_s']:.1f} s of "
        f"answering) {sched['embedding_s']:.1f} s, paused {sched['embedding_pauses']} times; without the "
        f"scheduler, while {unsched['answers']} questions were answered ({unsched['answering_s']:.1f} s), "
        f"{unsched['embedding_s']:.1f} s.",
        "",
        "Targets:",
        "",
    ]
    s_first = ratio(sched["first_token_s_median"], first) or 99
    s_decode = ratio(sched["decode_tokens_per_s_median"], decode) or 0
    b_decode = ratio(r["busy_core_adaptive"]["decode_tokens_per_s_median"], decode) or 0
    lines += [
        f"- answer during an import, first token ≤ 1.3× alone: {s_first}×: {verdict(s_first <= 1.3)}",
        f"- answer during an import, decoding ≥ 0.8× alone: {s_decode}×: {verdict(s_decode >= 0.8)}",
        f"- one external busy core, decoding ≥ 0.5× alone: {b_decode}×: {verdict(b_decode >= 0.5)}",
        f"- the import's embedding grows by at most the answering time plus 10%: {sched['embedding_s']:.1f} s "
        f"against {allowed:.1f} s allowed: {verdict(sched['embedding_s'] <= allowed)}",
        "",
        "The models' raw speed (fixed threads; chat model: a 512-token prompt and 64 tokens decoded from an empty "
        "context, as llama-bench does; embedder: 60 passages of the import one at a time):",
        "",
        "| external busy core | threads | prompt tokens/s | decoding tokens/s | passages embedded/s |",
        "|---|---|---|---|---|",
    ]
    for row in r["raw_speeds"]:
        lines.append(
            f"| {'yes' if row['busy_core'] else 'no'} | {row['threads']} | {row['prompt_tokens_per_s']} | "
            f"{row['decode_tokens_per_s']} | {row['embed_passages_per_s']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench-load")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    report = run(args.work)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    print(to_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
