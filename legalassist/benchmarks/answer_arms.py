"""The three answer writers side by side on the answer benchmark (``corpus/questions.json``): the chat
model alone, the chat model with the project's answer adapter, and extractive answers (no model).

    python -m legalassist.benchmarks.answer_arms --library DIR [--out FILE.json] [--half tune|report]

DIR is a library holding the sample corpus (``legalassist eval-answers`` makes one). Every question is
asked through ``Library.ask`` as the app asks it, once per writer, one writer after another (nothing
else should run meanwhile: first-token times are part of the result). Prints the Markdown section of
docs/BENCHMARKS.md, each target of the fine-tuning issue met or missed, and writes every record as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from legalassist import evaluate_answers as ea
from legalassist.benchmarks.stamp import host, met
from legalassist.config import Settings

ARMS = ("model", "adapter", "extractive")
NAMES = {"model": "base model", "adapter": "base + adapter", "extractive": "extractive"}


def run_arms(library: Path, corpus: Path, half: str | None, arms: tuple[str, ...] = ARMS) -> dict[str, Any]:
    from legalassist.progress import TerminalProgress
    from legalassist.service import Library

    questions = ea.load_questions(corpus / "questions.json", half=half)
    out: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "host": host(), "questions": len(questions)}
    for arm in arms:
        print(f"{arm} …", file=sys.stderr)
        with Library(Settings(library_dir=library, answer_mode=arm)) as lib:
            out[arm] = ea.evaluate(lib, questions, corpus, TerminalProgress())
    return out


def _r(figure: dict[str, Any]) -> str:
    return ea.rate(figure)


def table(result: dict[str, Any], half: str = "report") -> list[str]:
    arms = [a for a in ARMS if a in result and half in result[a]]
    s = {a: result[a][half] for a in arms}
    rows = [
        ("correct", lambda h: _r(h["correct"])),
        (
            "… states the expected answer / cites the evidence",
            lambda h: f"{_r(h['states_expected'])} / {_r(h['cites_evidence'])}",
        ),
        ("grounded claims (shown as supported)", lambda h: _r(h["grounded_claims"])),
        ("contradicted claims shown as supported", lambda h: _r(h["contradicted_shown"])),
        ("abstained, off-domain", lambda h: _r(h["abstained_off_domain"])),
        ("abstained, near-miss", lambda h: _r(h["abstained_near_miss"])),
        ("abstained, answerable", lambda h: _r(h["abstained_answerable"])),
        ("answers keeping a model-written [n]", lambda h: _r(h["answers_keeping_model_markers"])),
        ("model-written [n] markers kept", lambda h: _r(h["model_markers_kept"])),
        ("quote integrity", lambda h: _r(h["quote_integrity"])),
        (
            "first token (extractive: the whole answer) p50 / p95, from the start of generation",
            lambda h: f"{h['ttft_ms_p50']:.0f} / {h['ttft_ms_p95']:.0f} ms",
        ),
        ("generation speed", lambda h: f"{h['tokens_per_s']:.1f} tokens/s" if h["tokens_per_s"] else "no model"),
    ]
    lines = ["| measure | " + " | ".join(NAMES[a] for a in arms) + " |", "|---|" + "---|" * len(arms)]
    lines += [f"| {name} | " + " | ".join(fmt(s[a]) for a in arms) + " |" for name, fmt in rows]
    return lines


def targets(result: dict[str, Any], half: str = "report") -> list[str]:
    """The fine-tuning issue's targets on ``half``, each met or missed."""
    if not all(a in result and half in result[a] for a in ARMS):
        return []
    base, tuned, ext = (result[a][half] for a in ARMS)
    gain = (tuned["correct"]["rate"] - base["correct"]["rate"]) * 100
    answered = tuned["answers_keeping_model_markers"]
    return [
        f"- adapter beats the base model on correct by ≥ 15 points: {gain:+.1f} points "
        f"({tuned['correct']['n']} against {base['correct']['n']} of {base['correct']['of']}): {met(gain, '>=', 15)}",
        f"- adapter beats extractive on correct: {tuned['correct']['n']} against {ext['correct']['n']}: "
        f"{met(tuned['correct']['n'], '>=', ext['correct']['n'] + 1)}",
        f"- model-written [n] kept in ≥ 80% of answered questions: {_r(answered)}: {met(answered['rate'], '>=', 0.8)}",
        f"- no contradicted claim shown as supported: {_r(tuned['contradicted_shown'])}: "
        f"{met(tuned['contradicted_shown']['n'], '==', 0)}",
        f"- abstention no worse than the base model's: off-domain {_r(tuned['abstained_off_domain'])} against "
        f"{_r(base['abstained_off_domain'])}, near-miss {_r(tuned['abstained_near_miss'])} against "
        f"{_r(base['abstained_near_miss'])}: "
        + met(
            min(
                tuned["abstained_off_domain"]["n"] - base["abstained_off_domain"]["n"],
                tuned["abstained_near_miss"]["n"] - base["abstained_near_miss"]["n"],
            ),
            ">=",
            0,
        ),
        f"- first token within 10% of the base model's (p50): {tuned['ttft_ms_p50']:.0f} against "
        f"{base['ttft_ms_p50']:.0f} ms: {met(tuned['ttft_ms_p50'], '<=', base['ttft_ms_p50'] * 1.1)}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", required=True, type=Path)
    parser.add_argument("--corpus", type=Path, default=ea.DEFAULT_CORPUS)
    parser.add_argument("--half", choices=ea.HALVES)
    parser.add_argument("--arms", default=",".join(ARMS))
    parser.add_argument("--out", type=Path, default=Path("build/answer_arms.json"))
    parser.add_argument("--from-json", type=Path, help="print the section from an earlier run's JSON")
    args = parser.parse_args(argv)
    if args.from_json:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        result = run_arms(args.library, args.corpus, args.half, tuple(args.arms.split(",")))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"*Run {result['date']} on {result['host']}.*\n")
    for half in ea.HALVES:
        if any(half in result.get(a, {}) for a in ARMS):
            print(f"{half} half:\n")
            print("\n".join(table(result, half)) + "\n")
    print("\n".join(targets(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
