"""The grounding judge on the labelled (claim, passage, label) set, per half.

    python -m legalassist.benchmarks.grounding [--claims FILE] [--json] [--sweep] [--reader GGUF]

For each half (``tune``: where the thresholds were chosen; ``report``: the half reported) it prints
how each gold label was classified: supported / partial / unsupported as the app would show it, with
the judge's own verdict (supports / contradicts / unrelated). ``--sweep`` tries cover thresholds on the
tuning half only. Needs no model: the judge is pure, over the keyword index's analyzer. ``--reader``: with the
entailment reader (a model) overruling what the judge shows as supported, as the app's answer checks do.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalassist.generate import grounding
from legalassist.generate.grounding import Grounding, support_of

if TYPE_CHECKING:
    from legalassist.generate.reader import EntailmentReader

DEFAULT_CLAIMS = Path(__file__).resolve().parents[2] / "tests" / "data" / "claims.json"


def analyzer_terms() -> Any:
    """The keyword index's body analyzer as a terms function (what the app's judge uses)."""
    from legalassist.index.keyword import body_terms

    return body_terms()


def classify(
    rows: list[dict[str, Any]], judge: Grounding, reader: EntailmentReader | None = None
) -> list[dict[str, Any]]:
    """Each row with the judge's verdict and what the app would show; with ``reader``, a claim shown as
    supported that the entailment reader reads as contradicted is shown unsupported, as the answer checks do."""
    out = []
    for r in rows:
        v = judge.judge(r["claim"], r["passage"], r.get("header", ""))
        row = {**r, "verdict": v.label, "shown": support_of(v), "cover": round(v.cover, 3), "reason": v.reason}
        if reader is not None and row["shown"] == "supported":
            p = reader.contradicts(judge.resting_sentence(r["claim"], r["passage"], v), r["claim"])
            row["reader"] = round(p, 4)
            if p >= reader.threshold:
                row["shown"], row["reason"] = "unsupported", "the entailment reader reads a contradiction"
        out.append(row)
    return out


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Per gold label: how many, and how they were shown; the two target rates."""
    by_label: dict[str, Counter[str]] = {}
    for r in results:
        by_label.setdefault(r["label"], Counter())[r["shown"]] += 1
    contradicts = by_label.get("contradicts", Counter())
    supports = by_label.get("supports", Counter())
    unrelated = by_label.get("unrelated", Counter())
    n_c, n_s, n_u = sum(contradicts.values()), sum(supports.values()), sum(unrelated.values())
    return {
        "triples": len(results),
        "by_label": {k: dict(v) for k, v in sorted(by_label.items())},
        "contradicts_not_supported": [n_c - contradicts["supported"], n_c],
        "contradicts_shown_supported": [contradicts["supported"], n_c],
        "supports_supported": [supports["supported"], n_s],
        "unrelated_not_supported": [n_u - unrelated["supported"], n_u],
    }


def run(path: Path = DEFAULT_CLAIMS, reader: EntailmentReader | None = None) -> dict[str, Any]:
    rows = json.loads(path.read_text(encoding="utf-8"))["claims"]
    judge = Grounding(analyzer_terms())
    results = classify(rows, judge, reader)
    report: dict[str, Any] = {"thresholds": {"cover_supported": grounding.COVER_SUPPORTED}}
    if reader is not None:
        report["reader"] = {"model": reader.model_path.name, "threshold": reader.threshold}
    for half in ("tune", "report"):
        mine = [r for r in results if r["half"] == half]
        report[half] = summarise(mine)
        report[half]["by_origin"] = {
            origin: summarise([r for r in mine if r["origin"] == origin])
            for origin in sorted({r["origin"] for r in mine})
        }
    report["results"] = results
    return report


def sweep(path: Path = DEFAULT_CLAIMS) -> list[tuple[float, float, list[int], list[int]]]:
    """Cover thresholds tried on the tuning half: (supported, partial, supports kept, contradicts held)."""
    rows = [r for r in json.loads(path.read_text(encoding="utf-8"))["claims"] if r["half"] == "tune"]
    judge = Grounding(analyzer_terms())
    saved = grounding.COVER_SUPPORTED, grounding.COVER_PARTIAL
    out = []
    try:
        for sup in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
            for part in (0.3, 0.4, 0.5):
                if part > sup:
                    continue
                grounding.COVER_SUPPORTED, grounding.COVER_PARTIAL = sup, part
                s = summarise(classify(rows, judge))
                out.append((sup, part, s["supports_supported"], s["contradicts_not_supported"]))
    finally:
        grounding.COVER_SUPPORTED, grounding.COVER_PARTIAL = saved
    return out


def _pct(pair: list[int]) -> str:
    return f"{pair[0] / pair[1]:.1%} ({pair[0]} of {pair[1]})" if pair[1] else "n/a (0 of 0)"


def format_report(report: dict[str, Any]) -> str:
    lines = []
    for half in ("tune", "report"):
        s = report[half]
        lines.append(f"{half} half: {s['triples']} triples")
        lines.append(f"  contradicts not shown as supported  {_pct(s['contradicts_not_supported'])}")
        lines.append(f"  supports shown as supported         {_pct(s['supports_supported'])}")
        lines.append(f"  unrelated not shown as supported    {_pct(s['unrelated_not_supported'])}")
        for label, shown in s["by_label"].items():
            lines.append(f"    {label:<12} -> " + ", ".join(f"{k} {v}" for k, v in sorted(shown.items())))
        for origin, o in s["by_origin"].items():
            parts = [
                f"{label} -> {', '.join(f'{k} {v}' for k, v in sorted(sh.items()))}"
                for label, sh in o["by_label"].items()
            ]
            lines.append(f"    [{origin}] " + "; ".join(parts))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=Path, default=DEFAULT_CLAIMS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="try cover thresholds on the tuning half")
    parser.add_argument(
        "--reader", type=Path, help="the entailment reader's GGUF (models/adapters/legal-reader.gguf): judge with it"
    )
    args = parser.parse_args()
    if args.sweep:
        for sup, part, kept, held in sweep(args.claims):
            print(
                f"supported>={sup:.2f} partial>={part:.2f}: supports kept {_pct(kept)}, contradicts held {_pct(held)}"
            )
        return
    reader = None
    if args.reader:
        from legalassist.generate.reader import EntailmentReader

        reader = EntailmentReader(args.reader)
    report = run(args.claims, reader)
    print(json.dumps(report, indent=2) if args.json else format_report(report))


if __name__ == "__main__":
    main()
