"""Fine-tuning all-MiniLM-L6-v2 on legal question-to-passage pairs (``legalassist finetune embedder``).

Needs the ``[finetune]`` extra (PyTorch, transformers, sentence-transformers); nothing else in the app
imports this module. The base is the same ``model.zip`` the default embedder is converted from. Training
is contrastive: each question against its passage, the other passages of the batch (in-batch negatives)
and a hard negative from the same document (``pairs``), with a scaled cosine and cross-entropy, as
sentence-transformers' MultipleNegativesRankingLoss. Seeded and single-order.

The result is written as a ``model.zip`` of the same shape as the base, converted to GGUF by the app's
own converter (``legalassist.convert``), and checked: llama.cpp's vectors from the GGUF against
sentence-transformers' from the fine-tuned weights, cosine >= 0.999 on every check text.
"""

from __future__ import annotations

import json
import random
import time
import zipfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

from legalassist.errors import LegalAssistError
from legalassist.finetune.cpu import use_bf16
from legalassist.finetune.train import provenance
from legalassist.ingest.files import file_sha256
from legalassist.modelfiles import MIN_COSINE, reference_path, reference_vectors
from legalassist.progress import NullProgress, Progress

WEIGHTS = "model.safetensors"


@dataclass
class EmbedHyper:
    """What an embedder training run is made of; recorded in the manifest."""

    seed: int = 1234
    learning_rate: float = 3e-5
    epochs: int = 2
    batch: int = 32  # questions per step; each brings its passage and one hard negative
    warmup_share: float = 0.1
    scale: float = 20.0  # cosine similarities are multiplied by this before the softmax
    max_query_tokens: int = 64
    max_passage_tokens: int = 256  # the app's embedder truncates at 256 tokens too
    max_pairs: int | None = None  # the first this many training pairs (after the seeded shuffle)
    bf16: bool | None = None  # bfloat16 autocast; None: where the CPU computes it natively (finetune.cpu)
    threads: int = 2


def unpack(model_zip: Path, folder: Path) -> Path:
    """The base model.zip, extracted (a sentence-transformers folder)."""
    if not model_zip.is_file():
        raise LegalAssistError(f"Base embedder not found: {model_zip}. Run `make models` first.")
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(model_zip) as archive:
        archive.extractall(folder)
    return folder


def _encode(model: Any, tokenizer: Any, texts: list[str], max_tokens: int) -> torch.Tensor:
    """Mean-pooled, L2-normalised vectors, as sentence-transformers and the app's embedder make them."""
    batch = tokenizer(texts, padding=True, truncation=True, max_length=max_tokens, return_tensors="pt")
    hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled.float(), dim=-1)


def _batches(
    pairs: list[dict[str, Any]], size: int, rng: random.Random, epoch: int
) -> list[list[tuple[str, str, str]]]:
    """Seeded batches of (question, passage, hard negative) with no text twice in one batch (a passage
    twice would be a false in-batch negative). A pair uses its hard negatives in turn, one per epoch."""
    pending = pairs[:]
    rng.shuffle(pending)
    batches: list[list[tuple[str, str, str]]] = []
    while pending:
        batch: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        later = []
        for p in pending:
            negative = p["negatives"][epoch % len(p["negatives"])] if p["negatives"] else ""
            texts = {p["query"], p["positive"], negative} - {""}
            if len(batch) == size or texts & seen:
                later.append(p)
                continue
            batch.append((p["query"], p["positive"], negative))
            seen |= texts
        if len(batch) < 2:
            break
        batches.append(batch)
        pending = later
    return batches


def _dev_scores(model: Any, tokenizer: Any, dev: list[dict[str, Any]], hyper: EmbedHyper) -> dict[str, float]:
    """Over the development pairs: how often the question's own passage ranks first among all the dev
    passages (positives and hard negatives) of its document, and its mean reciprocal rank."""
    if not dev:
        return {}
    model.eval()
    with torch.no_grad():
        pool = sorted({t for p in dev for t in (p["positive"], *p["negatives"])})
        index = {t: i for i, t in enumerate(pool)}
        vectors = torch.cat(
            [_encode(model, tokenizer, pool[i : i + 64], hyper.max_passage_tokens) for i in range(0, len(pool), 64)]
        )
        queries = [p["query"] for p in dev]
        qv = torch.cat(
            [_encode(model, tokenizer, queries[i : i + 64], hyper.max_query_tokens) for i in range(0, len(queries), 64)]
        )
    by_doc: dict[str, set[int]] = {}
    for p in dev:
        by_doc.setdefault(p["document"], set()).update(index[t] for t in (p["positive"], *p["negatives"]))
    top1 = rr = 0.0
    for q, p in zip(qv, dev, strict=True):
        candidates = sorted(by_doc[p["document"]])
        scores = vectors[candidates] @ q
        rank = int((scores > scores[candidates.index(index[p["positive"]])]).sum()) + 1
        top1 += rank == 1
        rr += 1 / rank
    model.train()
    return {"top1": round(top1 / len(dev), 4), "mrr": round(rr / len(dev), 4), "pairs": len(dev)}


def train_embedder(
    model_zip: Path, pairs: list[dict[str, Any]], run: Path, hyper: EmbedHyper, progress: Progress | None = None
) -> dict[str, Any]:
    """Fine-tune the base on the pairs' training split; write ``run/model.zip`` and ``run/manifest.json``."""
    progress = progress or NullProgress()
    bf16 = use_bf16(hyper.bf16)
    hyper = replace(hyper, bf16=bf16)  # the manifest records the format used
    torch.manual_seed(hyper.seed)
    torch.set_num_threads(hyper.threads)
    rng = random.Random(hyper.seed)
    base = unpack(model_zip, run / "base")
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = AutoModel.from_pretrained(str(base), dtype=torch.float32)
    model.train()
    train = [p for p in pairs if p["split"] == "train"]
    dev = [p for p in pairs if p["split"] == "dev"]
    rng.shuffle(train)
    if hyper.max_pairs:
        train = train[: hyper.max_pairs]
    if len(train) < 2:
        raise LegalAssistError("Too few training pairs to train the embedder (need at least 2).")
    plan = [_batches(train, hyper.batch, rng, epoch) for epoch in range(hyper.epochs)]
    steps = sum(len(b) for b in plan)
    optimizer = torch.optim.AdamW(model.parameters(), lr=hyper.learning_rate, weight_decay=0.01)
    warmup = max(1, int(steps * hyper.warmup_share))

    def rate(step: int) -> float:  # linear warm-up, then linear decay to zero
        return (step + 1) / warmup if step < warmup else max(0.0, (steps - step) / max(1, steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, rate)
    dev_before = _dev_scores(model, tokenizer, dev, hyper)
    losses: list[float] = []
    started = time.perf_counter()
    progress.start(steps, "training the embedder")
    step = 0
    for batches in plan:
        for batch in batches:
            if progress.cancelled:
                raise LegalAssistError("Embedder training cancelled; nothing was written.")
            queries = [b[0] for b in batch]
            passages = [b[1] for b in batch] + [b[2] for b in batch if b[2]]
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                qv = _encode(model, tokenizer, queries, hyper.max_query_tokens)
                pv = _encode(model, tokenizer, passages, hyper.max_passage_tokens)
            scores = qv @ pv.T * hyper.scale
            loss = torch.nn.functional.cross_entropy(scores, torch.arange(len(queries)))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(round(float(loss.detach()), 4))
            step += 1
            progress.advance(1, f"loss {sum(losses[-20:]) / len(losses[-20:]):.3f}")
    progress.finish()
    seconds = round(time.perf_counter() - started, 1)
    dev_after = _dev_scores(model, tokenizer, dev, hyper)
    _save_zip(model, model_zip, run / "model.zip")
    manifest = {
        "base": model_zip.name,
        "base_sha256": file_sha256(model_zip),
        "hyperparameters": asdict(hyper),
        "pairs_trained": len(train),
        "steps": steps,
        "seconds": seconds,
        "train_loss_first_20": round(sum(losses[:20]) / max(1, len(losses[:20])), 4),
        "train_loss_last_20": round(sum(losses[-20:]) / max(1, len(losses[-20:])), 4),
        "dev_before": dev_before,
        "dev_after": dev_after,
        **provenance(),
    }
    (run / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _save_zip(model: Any, base_zip: Path, out: Path) -> None:
    """A model.zip of the base's shape (configs, tokenizer, pooling) with the fine-tuned weights."""
    from safetensors.numpy import load as load_safetensors
    from safetensors.torch import save

    with zipfile.ZipFile(base_zip) as archive:
        names = load_safetensors(archive.read(WEIGHTS)).keys()
        state = model.state_dict()
        missing = [n for n in names if n not in state and n != "embeddings.position_ids"]
        if missing:
            raise LegalAssistError(f"Fine-tuned weights lack {missing[:3]}; the base checkpoint has another shape.")
        weights = save({n: state[n].detach().contiguous().float() for n in names if n in state})
        tmp = out.with_suffix(".part")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                target.writestr(info, weights if info.filename == WEIGHTS else archive.read(info))
    tmp.replace(out)


def check_texts(pairs: list[dict[str, Any]], count: int = 24) -> list[str]:
    """The texts the GGUF is checked on (and its reference is made of): the base's reference texts, and legal
    questions and passages, from the public-domain sample corpus where there are pairs from it."""
    texts, _ = reference_vectors()
    chosen = [p for p in pairs if p["source"].startswith("corpus/")][:count] or pairs[:count]
    return [*texts, *(t for p in chosen for t in (p["query"], p["positive"]))]


def compare_gguf(fine_zip: Path, gguf_path: Path, texts: list[str], threads: int = 2) -> dict[str, Any]:
    """llama.cpp's vectors from the GGUF against sentence-transformers' from the fine-tuned weights."""
    from sentence_transformers import SentenceTransformer

    from legalassist.generate.embedder import Embedder

    folder = unpack(fine_zip, fine_zip.parent / "fine")
    expected = SentenceTransformer(str(folder), device="cpu").encode(texts, normalize_embeddings=True)
    ours = Embedder(gguf_path, threads=threads).embed(texts)
    cosines = [
        float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))) for a, b in zip(ours, expected, strict=True)
    ]
    low = min(cosines)
    if not low >= MIN_COSINE:
        raise LegalAssistError(
            f"{gguf_path}: llama.cpp's vectors differ from sentence-transformers' (lowest cosine {low:.4f})."
        )
    # The reference `legalassist models check` holds the GGUF to, as the base MiniLM has its own.
    np.savez(reference_path(gguf_path), texts=np.array(texts), vectors=np.asarray(expected, dtype=np.float32))
    return {"texts": len(texts), "lowest_cosine": round(low, 6), "mean_cosine": round(float(np.mean(cosines)), 6)}
