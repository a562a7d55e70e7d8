"""Sentence embeddings from a BERT GGUF (all-MiniLM-L6-v2 by default) through llama.cpp.

Vectors match sentence-transformers: mean pooling (done by llama.cpp), L2 normalisation, and
truncation at the model's max sequence length *in tokens*, keeping the final [SEP] token.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from legalassist.errors import ModelError
from legalassist.scheduler import ModelScheduler, ThreadFit, model_thread, scheduler

DEFAULT_MAX_TOKENS = 256


def model_fingerprint(model_path: Path) -> str:
    """An embedding model's identity (its first megabyte and size), read without loading it."""
    h = hashlib.sha256()
    with model_path.open("rb") as fh:
        h.update(fh.read(1 << 20))
    h.update(str(model_path.stat().st_size).encode())
    return h.hexdigest()[:16]


_QUIET_LOCK = threading.Lock()
_quiet: dict[str, int] = {"depth": 0, "saved": -1}


@contextlib.contextmanager
def quiet_stderr() -> Any:
    """llama.cpp logs through C stdio; silence fd 2 while a model loads. Models may load on two threads at
    once (a window's warm-up and an import): the first to enter silences, the last to leave restores."""
    with _QUIET_LOCK:
        if _quiet["depth"] == 0:
            try:
                saved = os.dup(2)
                devnull = os.open(os.devnull, os.O_WRONLY)
            except OSError:
                saved = -1
            else:
                os.dup2(devnull, 2)
                os.close(devnull)
            _quiet["saved"] = saved
        _quiet["depth"] += 1
    try:
        yield
    finally:
        with _QUIET_LOCK:
            _quiet["depth"] -= 1
            if _quiet["depth"] == 0 and _quiet["saved"] >= 0:
                os.dup2(_quiet["saved"], 2)
                os.close(_quiet["saved"])
                _quiet["saved"] = -1


_SWAP_LOCK = threading.Lock()


def _has_amx() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            return " amx_int8" in fh.read()
    except OSError:
        return False


@contextlib.contextmanager
def plain_cpu_buffers() -> Any:
    """On CPUs with AMX, load a model without llama.cpp's extra CPU buffer types (the AMX and
    repacked-weight layouts): with them, llama-cpp-python 0.3.36 crashes (SIGSEGV) on the first batch of
    more than one token of an AMX-capable quantisation: the default Q4_1 chat model, a Q8_0 embedder
    (seen on a Xeon with AMX; single-token decoding worked). Elsewhere nothing changes."""
    if not _has_amx():
        yield
        return
    from llama_cpp import llama as llama_module

    low = llama_module.llama_cpp
    default = low.llama_model_default_params

    def without_extra_buffers() -> Any:
        params = default()
        params.use_extra_bufts = False
        return params

    with _SWAP_LOCK:  # two models loading at once (the GUI's ask and import workers) swap in turn
        low.llama_model_default_params = without_extra_buffers
        try:
            yield
        finally:
            low.llama_model_default_params = default


def set_threads(llama: Any, threads: int) -> None:
    """Change a loaded model's thread count (for single tokens and for batches) between computations."""
    import llama_cpp

    llama_cpp.llama_set_n_threads(llama._ctx.ctx, threads, threads)


def _truncating_llama_class() -> type:
    import llama_cpp

    class TruncatingLlama(llama_cpp.Llama):
        """Cuts every tokenised input to ``max_tokens``, keeping the closing [SEP] as BERT expects."""

        max_tokens = DEFAULT_MAX_TOKENS

        def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
            tokens: list[int] = super().tokenize(text, add_bos, special)
            if len(tokens) > self.max_tokens:
                tokens = tokens[: self.max_tokens - 1] + tokens[-1:]
            return tokens

    return TruncatingLlama


def load_bert(cls: type, model_path: Path, threads: int, **extra: Any) -> Any:
    """A BERT GGUF loaded by ``cls`` (a ``llama_cpp.Llama`` class) for pooled vectors, quietly and without the
    CPU buffer types that crash (``plain_cpu_buffers``); ``extra``: more of Llama's arguments."""
    with quiet_stderr(), plain_cpu_buffers():
        return cls(
            model_path=str(model_path),
            embedding=True,
            n_ctx=512,
            n_batch=512,
            n_ubatch=512,
            n_threads=threads,
            n_threads_batch=threads,
            verbose=False,
            **extra,
        )


class Embedder:
    """Thread-safe: llama.cpp contexts are not, so calls are serialised."""

    def __init__(
        self,
        model_path: Path,
        threads: int = 2,
        adaptive_threads: bool = True,
        model_scheduler: ModelScheduler | None = None,
    ) -> None:
        if not model_path.is_file():
            raise ModelError(
                f"Embedding model not found: {model_path}. Run `make models` (or `python models/fetch.py`) to fetch it."
            )
        self.model_path = model_path
        self._lock = threading.Lock()
        self._scheduler = model_scheduler or scheduler()
        self._fit = ThreadFit(threads, adaptive_threads)
        cls = _truncating_llama_class()
        try:
            self._llm = load_bert(cls, model_path, threads)
        except Exception as exc:
            raise ModelError(
                f"Embedding model {model_path} could not be loaded ({exc}). It may be damaged: "
                "run `make models` to fetch it again."
            ) from exc
        max_len = self._llm.metadata.get("legalassist.max_seq_length")
        self._llm.max_tokens = int(max_len) if max_len else DEFAULT_MAX_TOKENS
        self.dim = int(self._llm.n_embd())
        self.name = model_path.name

    @property
    def max_tokens(self) -> int:
        return int(self._llm.max_tokens)

    def count_tokens(self, text: str) -> int:
        with self._lock:
            return len(self._llm.tokenize(text.encode("utf-8")))

    def embed(self, texts: Sequence[str], on_pause: Callable[[], None] | None = None) -> np.ndarray:
        """Unit-length vectors, one row per text. Texts are run one at a time: on CPU, batching
        several sequences through llama.cpp's BERT graph measured slower (see MODELS notes). Each text is
        one computation for the scheduler, so background embedding makes way for a question within one
        passage; ``on_pause`` is called when it does."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            with self._scheduler.compute(on_pause), self._lock:
                self._fit.apply(lambda n: set_threads(self._llm, n))
                vec = np.asarray(model_thread().run(self._llm.embed, text), dtype=np.float32)
            norm = float(np.linalg.norm(vec))
            out[i] = vec / norm if norm > 0 else vec
        return out

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def fingerprint(self) -> str:
        """Identifies the model so vectors from another embedder are never mixed in one index."""
        return model_fingerprint(self.model_path)
