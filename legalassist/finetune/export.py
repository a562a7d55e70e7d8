"""The trained adapter as a GGUF LoRA that llama.cpp applies (``legalassist finetune export``), written
with the ``gguf`` library as the project's MiniLM converter writes its model. No PyTorch: peft's
safetensors are read with NumPy.

llama.cpp stores a Llama model's query and key weights with their rows permuted (rotary halves
interleaved per head); transformers undoes that when it reads the GGUF, so the adapter is trained on
unpermuted rows. The B matrices of q_proj and k_proj (whose rows are the output rows) are permuted
back here, exactly as llama.cpp's own converter permutes the base weights.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import gguf
import numpy as np
from safetensors.numpy import load_file

from legalassist.errors import LegalAssistError

_KEY = re.compile(r"(?:.*\.)?model\.layers\.(\d+)\.(self_attn|mlp)\.(\w+)\.lora_([AB])\.weight$")


def _base_facts(model_path: Path) -> dict[str, Any]:
    reader = gguf.GGUFReader(str(model_path))

    def value(key: str) -> Any:
        f = reader.fields[key]
        return f.parts[f.data[0]][0] if f.types[0] != gguf.GGUFValueType.STRING else bytes(f.parts[f.data[0]]).decode()

    arch = value("general.architecture")
    return {
        "arch": arch,
        "blocks": int(value(f"{arch}.block_count")),
        "heads": int(value(f"{arch}.attention.head_count")),
        "kv_heads": int(value(f"{arch}.attention.head_count_kv")),
    }


def permute(weights: np.ndarray, n_head: int) -> np.ndarray:
    """llama.cpp's row order for a Llama query/key weight (its converter's ``permute``), on the rows."""
    rows = weights.shape[0]
    return weights.reshape(n_head, 2, rows // n_head // 2, *weights.shape[1:]).swapaxes(1, 2).reshape(weights.shape)


def export(model_path: Path, run: Path, out: Path) -> dict[str, Any]:
    """Write ``run``'s adapter (peft's adapter_model.safetensors and adapter_config.json) to ``out`` as GGUF."""
    weights_file, config_file = run / "adapter_model.safetensors", run / "adapter_config.json"
    if not weights_file.is_file() or not config_file.is_file():
        raise LegalAssistError(f"No trained adapter in {run}. Run `legalassist finetune train` first.")
    config = json.loads(config_file.read_text(encoding="utf-8"))
    facts = _base_facts(model_path)
    if facts["arch"] != "llama":
        raise LegalAssistError(
            f"{model_path.name} is a {facts['arch']} model; the adapter export handles llama models."
        )
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, facts["blocks"])
    tensors = load_file(str(weights_file))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".part")
    writer = gguf.GGUFWriter(str(tmp), "llama")
    writer.add_string("general.type", "adapter")
    writer.add_string("general.name", out.stem)
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", float(config["lora_alpha"]))
    count = 0
    for key in sorted(tensors, key=_order):
        m = _KEY.match(key)
        if m is None:
            raise LegalAssistError(f"Unexpected tensor {key} in {weights_file}: not a LoRA weight of a Llama layer.")
        layer, group, proj, ab = m.groups()
        hf_name = f"model.layers.{layer}.{group}.{proj}.weight"
        base = names.get_name(hf_name, try_suffixes=(".weight",))
        if base is None:
            raise LegalAssistError(f"No GGUF name for {hf_name}.")
        data = tensors[key].astype(np.float32)
        if ab == "B" and proj == "q_proj":
            data = permute(data, facts["heads"])
        elif ab == "B" and proj == "k_proj":
            data = permute(data, facts["kv_heads"])
        writer.add_tensor(f"{base}.lora_{ab.lower()}", np.ascontiguousarray(data.astype(np.float16)))
        count += 1
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    tmp.replace(out)
    return {"tensors": count, "alpha": config["lora_alpha"], "rank": config["r"], "bytes": out.stat().st_size}


def _order(key: str) -> tuple[int, str]:
    m = re.search(r"layers\.(\d+)\.", key)
    return (int(m.group(1)) if m else -1, key)
