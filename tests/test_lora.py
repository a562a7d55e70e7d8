"""A LoRA adapter in GGUF applied on top of the chat model: it is really applied, and a wrong file is
refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest
from conftest import MODELS

from legalassist.errors import ModelError
from legalassist.generate.llm import LocalLLM

BASE = MODELS / "SmolLM2-135M-Instruct.Q4_1.gguf"
PROMPT = "The Federal Arbitration Act makes written agreements to arbitrate"


pytestmark = pytest.mark.models  # loads the real model files


def write_adapter(path: Path, scale: float) -> Path:
    """A rank-8 LoRA over every layer's query and output projections of the base model; lora_b scaled
    by ``scale`` (0: an adapter that changes nothing)."""
    reader = gguf.GGUFReader(str(BASE))
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_type("adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", 8.0)
    rng = np.random.default_rng(0)
    for t in reader.tensors:
        if t.name.endswith(("attn_q.weight", "attn_output.weight")):
            n_in, n_out = int(t.shape[0]), int(t.shape[1])  # ggml order: input first
            writer.add_tensor(f"{t.name}.lora_a", (rng.standard_normal((8, n_in)) * 0.1).astype(np.float32))
            writer.add_tensor(f"{t.name}.lora_b", (rng.standard_normal((n_out, 8)) * scale).astype(np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def complete(lora: Path | None) -> str:
    llm = LocalLLM(BASE, threads=2, context_size=256, lora_path=lora).load()
    return llm.create_completion(PROMPT, max_tokens=12, temperature=0.0)["choices"][0]["text"]


def test_an_adapter_is_applied_on_top_of_the_model(tmp_path: Path) -> None:
    base = complete(None)
    assert complete(write_adapter(tmp_path / "zero.gguf", 0.0)) == base, "a zero adapter must change nothing"
    assert complete(write_adapter(tmp_path / "strong.gguf", 3.0)) != base, "a real adapter changes the output"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.gguf", "not found"),
        (lambda d: (d / "text.gguf").write_text("not a model") and d / "text.gguf", "not a GGUF"),
        (lambda d: MODELS / "all-MiniLM-L6-v2.f16.gguf", "not a LoRA adapter"),
    ],
)
def test_a_file_that_is_not_an_adapter_is_refused_clearly(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(ModelError, match=message) as err:
        LocalLLM(BASE, lora_path=path).load()
    assert str(path) in str(err.value)
