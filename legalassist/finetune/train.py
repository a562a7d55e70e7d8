"""LoRA training of the answer adapter on the CPU (``legalassist finetune train``), and the check that
llama.cpp applying the exported adapter chooses the tokens PyTorch does (``finetune compare``).

Needs the ``[finetune]`` extra (PyTorch, transformers, peft); nothing else in the app imports this module.
The base is the default chat model's own GGUF, dequantized by transformers, so the adapter is trained on
the weights llama.cpp runs. Training is seeded and single-order: the same data, settings and thread count
give the same adapter and validation loss.
"""

from __future__ import annotations

import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import torch
from peft import LoraConfig, PeftModel, get_peft_model
from safetensors.torch import save_model
from transformers import AutoModelForCausalLM, AutoTokenizer

from legalassist.errors import LegalAssistError
from legalassist.finetune.cpu import use_bf16
from legalassist.ingest.files import file_sha256
from legalassist.progress import eta

TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
END = "<|im_end|>"


@dataclass
class Hyper:
    """What a training run is made of; recorded in the manifest."""

    seed: int = 1234
    rank: int = 16
    alpha: int = 32
    layers: int = 10  # the top this many transformer blocks carry the adapter
    learning_rate: float = 2e-4
    warmup: int = 20  # optimizer updates
    accumulate: int = 4  # examples per optimizer update
    epochs: int = 1
    max_tokens: int = 1024  # longer examples are left out (the app's prompts are ~600-900 tokens)
    max_examples: int | None = None  # the first this many training examples (after the seeded shuffle)
    # No-answer examples outnumber answers in the data (a bench question's evidence is often not among the
    # passages retrieved). At most this share of the examples trained on are no-answer ones (a seeded
    # sample). At 0.35 (two epochs) the adapter declined every question it was asked: an answer's first
    # token is split between '"', "Yes" and "No", the no-answer's is always "The", and greedy decoding
    # takes the single likeliest token.
    abstain_share: float = 0.2
    valid_examples: int = 96  # validation examples scored at each evaluation
    eval_every: int = 60  # optimizer updates between validation losses
    bf16: bool | None = None  # bfloat16 autocast; None: where the CPU computes it natively (finetune.cpu)
    threads: int = 2
    extra: dict[str, Any] = field(default_factory=dict)


def provenance() -> dict[str, str]:
    """Where and when a training run was made, for its manifest: PyTorch's version, the host, the commit, the time."""
    return {
        "torch": torch.__version__,
        "host": platform.node(),
        "commit": commit_of(Path(__file__).resolve().parents[2]),
        "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def commit_of(root: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return out.stdout.strip() + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def dequantized_dir(model_path: Path) -> Path:
    """Where the float32 copy of a GGUF is kept: the user's cache, by the file's content and the transformers
    version that read it."""
    import transformers
    from platformdirs import user_cache_dir

    key = f"{file_sha256(model_path)[:16]}-transformers-{transformers.__version__}"
    return Path(user_cache_dir("legalassist", appauthor=False)) / "dequantized" / key


def load_base(model_path: Path) -> tuple[Any, Any]:
    """The GGUF chat model dequantized to float32, and its tokenizer (with its chat template).

    transformers takes about half a minute to read a GGUF on a laptop CPU, most of it parsing the file rather
    than dequantizing it, and every command (train, compare) needs the model. The first read is therefore kept
    as a float32 checkpoint in the user's cache (``dequantized_dir``; about 4 bytes a weight), which later
    commands load in a second or two. A damaged copy is read from the GGUF again; a cache that cannot be
    written is only a slower start."""
    if not model_path.is_file():
        raise LegalAssistError(f"Chat model not found: {model_path}. Run `make models` first.")
    kept = dequantized_dir(model_path)
    if (kept / DONE).is_file():
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(kept))
            model = AutoModelForCausalLM.from_pretrained(str(kept), dtype=torch.float32)
            return model, tokenizer
        except (OSError, ValueError) as exc:
            print(
                f"The cached copy of {model_path.name} is unreadable ({exc}); reading the GGUF again.", file=sys.stderr
            )
            shutil.rmtree(kept, ignore_errors=True)
    tokenizer = AutoTokenizer.from_pretrained(str(model_path.parent), gguf_file=model_path.name)
    model = AutoModelForCausalLM.from_pretrained(str(model_path.parent), gguf_file=model_path.name, dtype=torch.float32)
    _keep(kept, model, tokenizer)
    return model, tokenizer


DONE = "complete"  # written last: a copy without it was cut short


def _keep(kept: Path, model: Any, tokenizer: Any) -> None:
    partial = kept.with_name(f"{kept.name}.partial-{os.getpid()}")
    try:
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        # transformers will not save a model it read from a GGUF (it counts as quantized); its float32
        # weights and its configuration, without the GGUF marks, are an ordinary checkpoint.
        config = model.config.to_dict()
        config.pop("quantization_config", None)
        (partial / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        save_model(model, str(partial / "model.safetensors"))  # keeps the tied embedding once
        tokenizer.save_pretrained(str(partial))
        (partial / DONE).write_text("", encoding="utf-8")
        if kept.exists():  # another command kept it meanwhile
            shutil.rmtree(partial, ignore_errors=True)
        else:
            os.replace(partial, kept)
    except OSError as exc:  # a full or read-only disk: the next command reads the GGUF again
        print(f"Could not keep a float32 copy of the model in {kept.parent} ({exc}).", file=sys.stderr)
        shutil.rmtree(partial, ignore_errors=True)


def prompt_text(tokenizer: Any, messages: list[dict[str, str]]) -> str:
    """The prompt as the chat template lays it out, ready for the assistant's turn (as llama.cpp does)."""
    return str(tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False))


def encode(tokenizer: Any, example: dict[str, Any]) -> tuple[list[int], int]:
    """Token ids of prompt + target answer + end of turn, and where the answer starts."""
    prompt = tokenizer(prompt_text(tokenizer, example["messages"]), add_special_tokens=False)["input_ids"]
    answer = tokenizer(example["target"] + END, add_special_tokens=False)["input_ids"]
    return list(prompt) + list(answer), len(prompt)


def read_examples(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise LegalAssistError(f"Training data not found: {path}. Run `legalassist finetune build-data` first.")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _batch_loss(model: Any, ids: list[int], start: int, bf16: bool) -> Any:
    x = torch.tensor([ids])
    labels = x.clone()
    labels[0, :start] = -100  # the loss is on the answer only
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        return model(input_ids=x, labels=labels).loss


def validation_loss(model: Any, encoded: list[tuple[list[int], int]], bf16: bool) -> float:
    model.eval()
    total = 0.0
    with torch.no_grad():
        for ids, start in encoded:
            total += float(_batch_loss(model, ids, start, bf16))
    model.train()
    return total / max(1, len(encoded))


def train(
    model_path: Path,
    data: Path,
    out: Path,
    hyper: Hyper,
    log: Any = sys.stderr,
) -> dict[str, Any]:
    """Train the adapter on ``data``/train.jsonl, validate on ``data``/valid.jsonl, save it to ``out``
    (peft's adapter files and manifest.json); returns the manifest."""
    started = time.monotonic()
    bf16 = use_bf16(hyper.bf16)
    hyper = replace(hyper, bf16=bf16)  # the manifest records the format used
    random.seed(hyper.seed)
    torch.manual_seed(hyper.seed)
    torch.set_num_threads(hyper.threads)
    data_manifest = (
        json.loads((data / "data.json").read_text(encoding="utf-8")) if (data / "data.json").is_file() else {}
    )
    model, tokenizer = load_base(model_path)
    n_layers = int(model.config.num_hidden_layers)
    layers = list(range(max(0, n_layers - hyper.layers), n_layers))
    config = LoraConfig(
        r=hyper.rank,
        lora_alpha=hyper.alpha,
        target_modules=list(TARGET_MODULES),
        layers_to_transform=layers,
        lora_dropout=0.0,
        bias="none",
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, config)
    model.train()

    train_rows = read_examples(data / "train.jsonl")
    valid_rows = read_examples(data / "valid.jsonl")
    rng = random.Random(hyper.seed)
    answers = [r for r in train_rows if r["kind"] == "answer"]
    declines = [r for r in train_rows if r["kind"] != "answer"]
    rng.shuffle(declines)
    declines = declines[: int(len(answers) * hyper.abstain_share / (1 - hyper.abstain_share))]
    train_rows = answers + declines
    rng.shuffle(train_rows)
    encoded = [encode(tokenizer, e) for e in train_rows]
    fits = [e for e in encoded if len(e[0]) <= hyper.max_tokens]
    kept = fits
    if hyper.max_examples is not None:
        kept = kept[: hyper.max_examples]
    # Validation: a fixed, seeded sample of the held-out documents' examples.
    valid_enc = [e for e in (encode(tokenizer, r) for r in valid_rows) if len(e[0]) <= hyper.max_tokens]
    valid_enc = random.Random(hyper.seed + 1).sample(valid_enc, min(hyper.valid_examples, len(valid_enc)))
    if not kept or not valid_enc:
        raise LegalAssistError(f"No training or validation examples of at most {hyper.max_tokens} tokens in {data}.")

    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=hyper.learning_rate, weight_decay=0.0)
    updates = math.ceil(len(kept) * hyper.epochs / hyper.accumulate)

    def schedule(step: int) -> float:
        if step < hyper.warmup:
            return (step + 1) / hyper.warmup
        progress = (step - hyper.warmup) / max(1, updates - hyper.warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    curve = [{"update": 0, "valid_loss": round(validation_loss(model, valid_enc, bf16), 5)}]
    print(
        f"{len(kept)} training examples, {len(valid_enc)} validation; {updates} updates; "
        f"validation loss before training {curve[0]['valid_loss']}",
        file=log,
        flush=True,
    )
    train_losses: list[float] = []
    step_start = time.monotonic()
    update = 0
    running = 0.0
    order = [i for _ in range(hyper.epochs) for i in range(len(kept))]
    for k, i in enumerate(order):
        ids, start = kept[i]
        loss = _batch_loss(model, ids, start, bf16) / hyper.accumulate
        loss.backward()
        running += float(loss.detach())
        if (k + 1) % hyper.accumulate == 0 or k + 1 == len(order):
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            update += 1
            train_losses.append(round(running, 5))
            running = 0.0
            # Every eval_every updates and at the end, but not twice close together at the end: a check
            # fewer than half an interval before the last one costs a validation pass and says nothing new.
            if update == updates or (update % hyper.eval_every == 0 and updates - update >= hyper.eval_every // 2):
                curve.append({"update": update, "valid_loss": round(validation_loss(model, valid_enc, bf16), 5)})
            if update % 5 == 0 or update == updates:
                recent = sum(train_losses[-20:]) / len(train_losses[-20:])
                print(
                    f"update {update}/{updates} train loss {recent:.4f} valid {curve[-1]['valid_loss']:.4f}"
                    f"{eta(step_start, update, updates)}",
                    file=log,
                    flush=True,
                )
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    manifest = {
        "base_model": model_path.name,
        "base_sha256": file_sha256(model_path),
        "data_sha256": data_manifest.get("data_sha256", ""),
        "data_examples": data_manifest.get("examples", {}),
        "examples_trained": len(kept),
        "examples_left_out_too_long": len(encoded) - len(fits),
        "hyperparameters": {
            **asdict(hyper),
            "layers_adapted": [layers[0], layers[-1]],
            "target_modules": TARGET_MODULES,
        },
        "updates": updates,
        "valid_loss_curve": curve,
        "final_valid_loss": curve[-1]["valid_loss"],
        "train_loss": train_losses,
        "commit": commit_of(Path(__file__).resolve().parent.parent.parent),
        "torch": torch.__version__,
        "host": platform.node(),
        "date": time.strftime("%Y-%m-%d"),
        "seconds": round(time.monotonic() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def compare(
    model_path: Path, run: Path, adapter_gguf: Path, data: Path, prompts: int = 12, tokens: int = 24, threads: int = 2
) -> dict[str, Any]:
    """On held-out prompts, llama.cpp (the Q4_1 base with the GGUF adapter) generates greedily; PyTorch
    (the dequantized base with the peft adapter) reads the same tokens; the share of positions where
    both choose the same next token. The base alone is compared the same way, for reference."""
    from legalassist.generate.llm import LocalLLM

    torch.set_num_threads(threads)
    # Held-out prompts whose target is an answer first (they run longest), then no-answer ones.
    valid = read_examples(data / "valid.jsonl")
    rng = random.Random(7)
    answers = [r for r in valid if r["kind"] == "answer"]
    others = [r for r in valid if r["kind"] != "answer"]
    rows = rng.sample(answers, min(prompts, len(answers)))
    rows += rng.sample(others, min(prompts - len(rows), len(others)))
    base, tokenizer = load_base(model_path)
    tuned = PeftModel.from_pretrained(base, str(run))
    tuned.eval()
    result: dict[str, Any] = {}
    for name, lora in (("adapter", adapter_gguf), ("base", None)):
        llm = LocalLLM(model_path, threads, 2048, lora).load()
        same = total = 0
        for row in rows:
            prompt = prompt_text(tokenizer, row["messages"])
            ids = llm.tokenize(prompt.encode(), add_bos=False, special=True)
            llm.reset()
            generated: list[int] = []
            for tok in llm.generate(ids, top_k=1, top_p=1.0, temp=0.0, repeat_penalty=1.0, reset=True):
                if tok == llm.token_eos() or len(generated) >= tokens:
                    break
                generated.append(int(tok))
            if not generated:
                continue
            seq = torch.tensor([ids + generated])
            with torch.no_grad():
                if lora is None:
                    with tuned.disable_adapter():
                        logits = tuned(input_ids=seq).logits[0]
                else:
                    logits = tuned(input_ids=seq).logits[0]
            chosen = logits[len(ids) - 1 : len(ids) - 1 + len(generated)].argmax(-1).tolist()
            same += sum(int(a == b) for a, b in zip(chosen, generated, strict=True))
            total += len(generated)
        result[name] = {"agree": same, "positions": total, "rate": round(same / total, 4) if total else 0.0}
        del llm
    return result
