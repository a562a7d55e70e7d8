"""The chat model through llama-cpp-python against llama.cpp's own llama-bench, same model and machine.

    python -m legalassist.benchmarks.llamacpp --llama-bench PATH [--model GGUF] [--threads N]

PATH is a llama-bench binary built from the llama.cpp sources vendored in the same llama-cpp-python
release (its sdist's vendor/llama.cpp: ``cmake -B build && cmake --build build --target llama-bench``),
so both sides run the same llama.cpp code. Both measure pp512 (a 512-token prompt in one batch) and
tg128 (128 tokens decoded one by one) with flash attention, as the app runs the model.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from legalassist.config import Settings


def llama_bench(binary: Path, model: Path, threads: int) -> dict[str, float]:
    out = subprocess.run(
        [
            str(binary),
            "-m",
            str(model),
            "-t",
            str(threads),
            "-p",
            "512",
            "-n",
            "128",
            "-fa",
            "1",
            "-r",
            "3",
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = json.loads(out)
    pp = next(r for r in rows if r["n_prompt"] and not r["n_gen"])
    tg = next(r for r in rows if r["n_gen"] and not r["n_prompt"])
    return {"pp_tokens_per_s": float(pp["avg_ts"]), "tg_tokens_per_s": float(tg["avg_ts"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llama-bench", type=Path, required=True)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args(argv)
    settings = Settings()
    model = args.model or settings.chat_model_path
    threads = args.threads or settings.threads

    from legalassist.generate.llm import LocalLLM, measure_speed

    native = llama_bench(args.llama_bench, model, threads)
    python = measure_speed(LocalLLM(model, threads=threads, context_size=2048))
    print(f"model {model.name}, {threads} threads, flash attention on")
    print("| test | llama.cpp llama-bench (tokens/s) | llama-cpp-python (tokens/s) | python / native |")
    print("|---|---|---|---|")
    for key, name in (("pp_tokens_per_s", "pp512"), ("tg_tokens_per_s", "tg128")):
        print(f"| {name} | {native[key]:.1f} | {python[key]:.1f} | {python[key] / native[key]:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
