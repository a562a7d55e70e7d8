"""The answer adapter's pipeline: training data made from the app's own prompt, quick LoRA training,
GGUF export, and llama.cpp applying the adapter as PyTorch does. The training tests need the
``[finetune]`` extra (installed by `make test`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, MODELS, run_cli

from legalassist.finetune.data import (
    Item,
    build,
    examples_for,
    holds,
    quote,
    report_documents,
    split_of,
)
from legalassist.generate.prompt import NO_ANSWER, build_messages

CHAT = MODELS / "SmolLM2-135M-Instruct.Q4_1.gguf"
FELA_56 = str((CORPUS / "us_code" / "45_USC_56.pdf").resolve())
THREE_YEARS = "No action shall be maintained under this chapter unless commenced within three years from the day the cause of action accrued."


def test_quote_takes_the_evidence_sentences_verbatim() -> None:
    text = "Heading. The court shall stay the trial of the action until arbitration is had. Costs follow."
    evidence = ("The court shall dismiss the action for want of jurisdiction over the parties.",)
    # A line-end hyphen or a gold span cut inside the sentence is still the evidence.
    assert holds(text, ("court shall stay the trial of the ac- tion until arbitration",))
    assert holds(text, ("The court shall stay the trial of the action until arbitration is had.",))
    assert quote(text, ("The court shall stay the trial of the action until arbitration is had.",)) == (
        "The court shall stay the trial of the action until arbitration is had."
    )
    assert not holds(text, evidence)  # other words: not the same evidence
    assert quote(text, ("Nothing of the sort is said here at all.",)) == ""


def test_split_is_by_document_and_stable(tmp_path: Path) -> None:
    docs = [tmp_path / f"doc{i}.txt" for i in range(200)]
    splits = [split_of(str(d), tmp_path) for d in docs]
    assert splits == [split_of(str(d), tmp_path) for d in docs]
    assert 5 < splits.count("valid") < 50  # about 12 percent


def test_report_half_documents_are_excluded() -> None:
    excluded = report_documents(CORPUS / "questions.json", CORPUS)
    assert FELA_56 in excluded  # 45 U.S.C. § 56 answers report-half questions
    raw = json.loads((CORPUS / "questions.json").read_text(encoding="utf-8"))["questions"]
    tune_docs = {str((CORPUS / d).resolve()) for q in raw if q["half"] == "tune" for d in q["documents"]}
    assert not excluded & tune_docs


def test_examples_use_the_apps_exact_prompt_and_quote_the_shown_passage(sample_library) -> None:
    item = Item(
        "Within what time must an action under the Federal Employers' Liability Act be commenced?",
        FELA_56,
        (THREE_YEARS,),
        "test",
    )
    examples = examples_for(sample_library, item, with_abstention=True)
    kinds = [e["kind"] for e in examples]
    assert kinds == ["answer", "abstain"], kinds
    answer, abstain = examples
    hits = sample_library.search(item.question, sample_library.settings.top_k)
    messages, used, _ = build_messages(sample_library.answers, item.question, hits)
    assert answer["messages"] == messages  # exactly what the app sends
    n = next(i + 1 for i, h in enumerate(used) if str(Path(h.document.path).resolve()) == FELA_56)
    # The sentence as the excerpt holds it (the section's heading runs into it there), verbatim, with its [n].
    assert answer["target"].startswith('"') and answer["target"].endswith(f'{THREE_YEARS}" [{n}]'), answer["target"]
    assert answer["target"][1:].split('" [')[0] in " ".join(messages[1]["content"].split())
    assert abstain["target"] == NO_ANSWER
    assert "three years" not in abstain["messages"][1]["content"]  # the evidence is taken out


def test_build_writes_split_data_with_a_hash(sample_library, tmp_path: Path) -> None:
    manifest = build(sample_library, None, CORPUS, CORPUS / "questions.json", None, tmp_path, limit=8)
    train = [json.loads(x) for x in (tmp_path / "train.jsonl").read_text().splitlines()]
    valid = [json.loads(x) for x in (tmp_path / "valid.jsonl").read_text().splitlines()]
    assert manifest["examples"] == {"train": len(train), "valid": len(valid)}
    assert len(manifest["data_sha256"]) == 64
    excluded = report_documents(CORPUS / "questions.json", CORPUS)
    assert not {e["document"] for e in train + valid} & excluded
    assert not {e["document"] for e in train} & {e["document"] for e in valid}
    again = build(sample_library, None, CORPUS, CORPUS / "questions.json", None, tmp_path / "again", limit=8)
    assert again["data_sha256"] == manifest["data_sha256"]  # the same library and code: the same data


# -- training, export and loading (the finetune extra) -------------------------------------------------
def _torch() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("peft")


@pytest.mark.models
def test_random_adapter_exported_to_gguf_is_applied_by_llama_cpp_as_pytorch_applies_it(tmp_path: Path) -> None:
    """A large random LoRA on every projection (query and key included, whose rows llama.cpp permutes):
    llama.cpp with the exported GGUF must choose the next tokens PyTorch does, and not the base's."""
    _torch()
    import llama_cpp
    import torch
    from peft import LoraConfig, get_peft_model

    from legalassist.finetune.export import export
    from legalassist.finetune.train import DONE, TARGET_MODULES, dequantized_dir, load_base
    from legalassist.generate.embedder import plain_cpu_buffers

    torch.manual_seed(0)
    model, tokenizer = load_base(CHAT)
    # The float32 copy later commands load (the pipeline test below runs `finetune compare` from it).
    assert (dequantized_dir(CHAT) / DONE).is_file()
    config = LoraConfig(r=4, lora_alpha=8, target_modules=list(TARGET_MODULES), layers_to_transform=[26, 27, 28, 29])
    model = get_peft_model(model, config)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:  # large on query and key: attention itself changes
                p.normal_(0, 2.0 if ("q_proj" in name or "k_proj" in name) else 0.05)
    model.save_pretrained(str(tmp_path / "run"))
    info = export(CHAT, tmp_path / "run", tmp_path / "random.gguf")
    assert info["tensors"] == 2 * 7 * 4
    text = (
        "The Federal Arbitration Act makes written agreements to arbitrate valid, irrevocable and enforceable, "
        "save upon such grounds as exist at law or in equity for the revocation of any contract."
    )
    with plain_cpu_buffers():
        llm = llama_cpp.Llama(
            str(CHAT), n_ctx=256, n_threads=2, lora_path=str(tmp_path / "random.gguf"), logits_all=True, verbose=False
        )
    ids = llm.tokenize(text.encode(), add_bos=False)
    llm.reset()
    llm.eval(ids)
    scores = llm.scores[: len(ids)]
    cpp = [int(row.argmax()) for row in scores]
    with torch.no_grad():
        tuned_logits = model(input_ids=torch.tensor([ids])).logits[0]
        with model.disable_adapter():
            base_logits = model(input_ids=torch.tensor([ids])).logits[0]
    tuned, base = tuned_logits.argmax(-1).tolist(), base_logits.argmax(-1).tolist()
    agree = sum(a == b for a, b in zip(cpp, tuned, strict=True)) / len(ids)
    like_base = sum(a == b for a, b in zip(cpp, base, strict=True)) / len(ids)
    assert agree >= 0.9, (agree, like_base)
    assert like_base <= agree - 0.1  # the adapter is really applied
    # Logits too: llama.cpp with the adapter is far nearer PyTorch with it than the base is.
    to_tuned = float((torch.tensor(scores) - tuned_logits).abs().mean())
    to_base = float((torch.tensor(scores) - base_logits).abs().mean())
    assert to_tuned < to_base / 3, (to_tuned, to_base)


def test_quick_pipeline_trains_exports_and_loads(sample_library, tmp_path: Path) -> None:
    """The pipeline end to end on tiny data, through the CLI: build-data, train (a few steps), export,
    models check of the manifest, and llama.cpp agreeing with PyTorch on held-out prompts."""
    _torch()
    data, run, adapter = tmp_path / "data", tmp_path / "run", tmp_path / "adapters" / "legal-answer.gguf"
    # The first 14 questions include documents of the validation split (the split is by a hash of the path).
    made = build(sample_library, None, CORPUS, CORPUS / "questions.json", None, data, limit=14)
    assert made["examples"]["valid"] > 0, made
    lib = str(sample_library.root)

    def cli(*args: str) -> str:
        proc = run_cli("finetune", *args, library=lib, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout

    trained = json.loads(cli("train", "--quick", "--steps", "3", "--data", str(data), "--run", str(run)))
    assert 1 <= trained["examples_trained"] <= 3
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["base_sha256"] == "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
    assert manifest["data_sha256"] == json.loads((data / "data.json").read_text())["data_sha256"]
    assert len(manifest["valid_loss_curve"]) >= 2
    cli("export", "--run", str(run), "--adapter", str(adapter))
    exported = json.loads(adapter.with_suffix(".json").read_text())
    assert exported["adapter_sha256"] and exported["final_valid_loss"] == manifest["final_valid_loss"]
    agreement = json.loads(
        cli(
            "compare",
            "--data",
            str(data),
            "--run",
            str(run),
            "--adapter",
            str(adapter),
            "--prompts",
            "1",
            "--tokens",
            "12",
        )
    )
    assert agreement["adapter"]["positions"] > 0
    assert agreement["adapter"]["rate"] >= 0.9, agreement


def test_training_uses_bfloat16_only_where_the_cpu_computes_it(tmp_path: Path) -> None:
    from legalassist.finetune.cpu import native_bf16, use_bf16

    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512bw\nmodel name\t: no bf16 here\n")
    assert not native_bf16(info)  # AVX-512 alone: PyTorch emulates bfloat16, more than twice as slow
    info.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 amx_tile amx_bf16\n")
    assert native_bf16(info)
    info.write_text("processor\t: 0\nmodel name\t: avx512_bf16 in a name, not a flag\nflags\t\t: fpu avx2\n")
    assert not native_bf16(info)
    assert not native_bf16(tmp_path / "absent")  # macOS, Windows: float32
    assert use_bf16(True) and not use_bf16(False)  # as asked, whatever the CPU
