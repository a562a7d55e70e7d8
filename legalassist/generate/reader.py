"""The entailment reader: a second reader of a claim the grounding judge shows as supported.

The judge (``legalassist.generate.grounding``) reads words: negations, numbers, parties, opposites. What it
cannot see is meaning ("fired" against "asked to leave"; "unreliable" against "sensitive"). The reader is a
sequence classifier for that: all-MiniLM-L6-v2 trained as a three-label cross-encoder on SNLI pairs and then on
the labelled legal rows of ``tests/data`` (``make finetune-reader``; ``legalassist.finetune.reader``), reading
the sentence the judge rests a claim on against the claim. Where it reads a contradiction with at least the
probability chosen on rows it was not trained on (the GGUF records it), the claim is not shown as supported.

It runs through llama.cpp like the embedder: the GGUF's encoder pools the [CLS] vector, and the classifier's
head (the pooler and the label layer, kept in the GGUF as ``cls.*`` tensors) is applied here with numpy. The
two texts go in as BERT reads a pair, ``[CLS] sentence [SEP] claim [SEP]``, cut longest first to the length it
was trained on. No PyTorch."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from legalassist.errors import ModelError
from legalassist.generate.embedder import load_bert, set_threads
from legalassist.scheduler import ModelScheduler, ThreadFit, model_thread, scheduler

# The label layer's order: SNLI's contradiction, entailment, neutral.
CONTRADICTS, SUPPORTS, UNRELATED = 0, 1, 2
_PAIR = "\x1f"  # joins the two texts in the one string llama-cpp-python's embed() takes


def _pair_llama_class() -> type:
    import llama_cpp

    class PairLlama(llama_cpp.Llama):
        """Tokenises "sentence<US>claim" as BERT reads a pair, cut longest first to ``max_tokens``."""

        max_tokens = 160

        def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
            first, _, second = text.decode("utf-8").partition(_PAIR)
            a = super().tokenize(first.encode("utf-8"), False, False)
            b = super().tokenize(second.encode("utf-8"), False, False)
            while len(a) + len(b) + 3 > self.max_tokens and (a or b):
                if len(a) > len(b):
                    a.pop()
                else:
                    b.pop()
            cls, sep = self.token_bos(), self.token_eos()
            return [cls, *a, sep, *b, sep]

    return PairLlama


def _head(model_path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The classifier head's tensors and the reader's recorded values (threshold, length) from the GGUF."""
    import gguf

    reader = gguf.GGUFReader(str(model_path))
    tensors = {
        t.name: np.array(t.data, dtype=np.float32).reshape(tuple(int(d) for d in reversed(t.shape)))
        for t in reader.tensors
        if t.name.startswith("cls.")
    }
    values: dict[str, Any] = {}
    for key, field in reader.fields.items():
        if key.startswith("legalassist.reader."):
            part = field.parts[field.data[0]]
            values[key.removeprefix("legalassist.reader.")] = (
                bytes(part).decode("utf-8") if field.types[0] == gguf.GGUFValueType.STRING else part.tolist()[0]
            )
    return tensors, values


class EntailmentReader:
    """Thread-safe, as the embedder: calls into the llama.cpp context are serialised."""

    def __init__(self, model_path: Path, threads: int = 2, model_scheduler: ModelScheduler | None = None) -> None:
        if not model_path.is_file():
            raise ModelError(f"Entailment reader not found: {model_path}. Run `make finetune-reader` to build it.")
        try:
            head, values = _head(model_path)
            self._pool_w, self._pool_b = head["cls.weight"], head["cls.bias"]
            self._out_w, self._out_b = head["cls.output.weight"], head["cls.output.bias"]
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(
                f"{model_path} is not an entailment reader (no classifier head: {exc}). "
                "Run `make finetune-reader` to rebuild it."
            ) from exc
        self.threshold = float(values.get("threshold", 1.0))
        self.model_path = model_path
        self._lock = threading.Lock()
        self._scheduler = model_scheduler or scheduler()
        self._fit = ThreadFit(threads, True)
        import llama_cpp

        cls = _pair_llama_class()
        try:
            self._llm = load_bert(cls, model_path, threads, pooling_type=llama_cpp.LLAMA_POOLING_TYPE_CLS)
        except Exception as exc:
            raise ModelError(
                f"Entailment reader {model_path} could not be loaded ({exc}). Run `make finetune-reader` to rebuild it."
            ) from exc
        self._llm.max_tokens = int(values.get("max_tokens", 160))

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """For each (sentence, claim): the probabilities of contradicts, supports and unrelated."""
        out = np.empty((len(pairs), 3), dtype=np.float32)
        for i, (sentence, claim) in enumerate(pairs):
            text = " ".join(sentence.replace(_PAIR, " ").split()) + _PAIR + " ".join(claim.replace(_PAIR, " ").split())
            with self._scheduler.compute(None), self._lock:
                self._fit.apply(lambda n: set_threads(self._llm, n))
                first = np.asarray(model_thread().run(self._llm.embed, text), dtype=np.float32)
            pooled = np.tanh(self._pool_w @ first + self._pool_b)
            logits = self._out_w @ pooled + self._out_b
            e = np.exp(logits - logits.max())
            out[i] = e / e.sum()
        return out

    def contradicts(self, sentence: str, claim: str) -> float:
        """The probability that ``sentence`` contradicts ``claim``."""
        return float(self.probabilities([(sentence, claim)])[0, CONTRADICTS])
