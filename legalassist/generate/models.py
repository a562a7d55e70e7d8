"""A library's models, each loaded on first use: the embedder that makes its vectors, the embedder the answer
checks compare sentences with, and the chat model. Loading llama.cpp waits until one is needed, so a window
can appear before it is imported."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from legalassist.config import Settings

if TYPE_CHECKING:
    from legalassist.generate.embedder import Embedder
    from legalassist.generate.llm import LocalLLM
    from legalassist.generate.reader import EntailmentReader

# Settings whose change means the chat model is loaded afresh on next use.
CHAT_FIELDS = ("chat_model", "chat_lora", "answer_mode", "threads", "adaptive_threads", "context_size", "models_dir")
# ... and the entailment reader.
READER_FIELDS = ("entailment_reader", "models_dir", "threads")


class Models:
    def __init__(self, settings: Settings, on_embedder: Callable[[Embedder], None] = lambda _e: None) -> None:
        """``on_embedder`` sees the embedder once, when it loads (the library checks that its vectors came
        from the same model)."""
        self.settings = settings
        self._on_embedder = on_embedder
        self._embedder: Embedder | None = None
        self._judge: Embedder | None = None
        self._llm: LocalLLM | None = None
        self._reader: EntailmentReader | None = None
        self._reader_path: Path | None = None
        self._lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from legalassist.generate.embedder import Embedder

                s = self.settings
                embedder = Embedder(s.embed_model_path, s.threads, s.adaptive_threads)
                self._on_embedder(embedder)
                self._embedder = embedder
            return self._embedder

    @property
    def judge_embedder(self) -> Embedder:
        """The embedder the answer checks compare sentences with (claims against passages, a question against
        its passages, extractive sentence choice): all-MiniLM-L6-v2, whose cosines their thresholds were
        chosen on. The same object as ``embedder`` when that is the model in use."""
        s = self.settings
        if s.judge_embed_model_path == s.embed_model_path:
            return self.embedder
        with self._lock:
            if self._judge is None:
                from legalassist.generate.embedder import Embedder

                self._judge = Embedder(s.judge_embed_model_path, s.threads, s.adaptive_threads)
            return self._judge

    @property
    def reader(self) -> EntailmentReader | None:
        """The entailment reader the answer checks use (``legalassist.generate.reader``), or None where it is
        not installed or turned off."""
        path = self.settings.reader_path
        if path is None:
            return None
        with self._lock:
            if self._reader is None or self._reader_path != path:
                from legalassist.generate.reader import EntailmentReader

                self._reader, self._reader_path = EntailmentReader(path, self.settings.threads), path
            return self._reader

    @property
    def llm(self) -> LocalLLM:
        with self._lock:
            if self._llm is None:
                from legalassist.generate.llm import LocalLLM

                s = self.settings
                self._llm = LocalLLM(s.chat_model_path, s.threads, s.context_size, s.lora_path, s.adaptive_threads)
            return self._llm

    @property
    def loaded(self) -> tuple[bool, bool]:
        """Whether the embedder and the chat model's weights are loaded."""
        return self._embedder is not None, self._llm is not None and self._llm.is_loaded

    def apply(self, settings: Settings) -> None:
        """Use new settings from the next answer on: a changed chat model, adapter, thread count or context
        size is loaded afresh on next use (the embedding model is fixed for an open library)."""
        with self._lock:
            if any(getattr(settings, f) != getattr(self.settings, f) for f in CHAT_FIELDS):
                self._llm = None
            if any(getattr(settings, f) != getattr(self.settings, f) for f in READER_FIELDS):
                self._reader = None
            self.settings = settings

    def warm_up(self) -> None:
        """Load the models and run each once, so the first question pays for neither."""
        self.embedder.embed(["legalassist"])
        if self.judge_embedder is not self.embedder:
            self.judge_embedder.embed(["legalassist"])
        reader = self.reader
        if reader is not None:
            reader.contradicts("legalassist", "legalassist")
        if self.settings.answer_mode != "extractive":
            from legalassist.generate.prompt import prompt_start

            self.llm.prime(prompt_start())
