"""A local GGUF chat model through llama.cpp. Any chat GGUF works: its template comes from its metadata."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from legalassist.errors import ModelError
from legalassist.generate.embedder import plain_cpu_buffers, quiet_stderr, set_threads
from legalassist.scheduler import ModelScheduler, ThreadFit, model_thread, scheduler

Message = dict[str, str]
# Greedy decoding of a small model loops without some penalty on repeated tokens; a light one, since
# a heavier one pushes it off the sources' own words (1.15 vs 1.05 on 17 hard questions of
# corpus/questions.json: 6 vs 12 answered from the expected document).
REPEAT_PENALTY = 1.05


class LocalLLM:
    """Loads on first use; generation is serialised (a llama.cpp context serves one caller at a time)."""

    def __init__(
        self,
        model_path: Path,
        threads: int = 2,
        context_size: int = 2048,
        lora_path: Path | None = None,
        adaptive_threads: bool = True,
        model_scheduler: ModelScheduler | None = None,
    ) -> None:
        self.model_path = model_path
        self.lora_path = lora_path  # a LoRA adapter in GGUF applied on top of the model, or None
        self.threads = threads
        self._fit = ThreadFit(threads, adaptive_threads)
        self._scheduler = model_scheduler or scheduler()
        self.requested_context = context_size
        self._llm: Any = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.model_path.name + (f" + {self.lora_path.name}" if self.lora_path is not None else "")

    @property
    def is_loaded(self) -> bool:
        return self._llm is not None

    def load(self) -> Any:
        with self._load_lock:
            if self._llm is None:
                self._llm = self._open()
            return self._llm

    def _open(self) -> Any:
        if not self.model_path.is_file():
            raise ModelError(
                f"Chat model not found: {self.model_path}. Run `make models` to fetch the default model, "
                "or pass --model with a .gguf file."
            )
        with self.model_path.open("rb") as fh:
            if fh.read(4) != b"GGUF":
                raise ModelError(f"{self.model_path} is not a GGUF model file. Choose a .gguf chat model.")
        if self.lora_path is not None:
            _check_adapter(self.lora_path)
        import llama_cpp

        def open_at(n_ctx: int) -> Any:
            return llama_cpp.Llama(
                model_path=str(self.model_path),
                n_ctx=n_ctx,
                n_threads=self.threads,
                n_threads_batch=self.threads,
                n_batch=512,
                # Flash attention: prompt processing ~15% faster on a 2-core CPU, and the prompt is most of
                # the wait for the first token. Decoding after an 800-token prompt is slower with it (about
                # 46 against 69 tokens/s); a quote-first answer takes as long either way (docs/BENCHMARKS.md,
                # "Flash attention: the first token against decoding speed").
                flash_attn=True,
                lora_path=str(self.lora_path) if self.lora_path is not None else None,
                verbose=False,
                seed=42,
            )

        try:
            with quiet_stderr(), plain_cpu_buffers():
                llm = open_at(self.requested_context)
                arch = llm.metadata.get("general.architecture", "")
                trained = int(llm.metadata.get(f"{arch}.context_length", 0) or 0)
                if trained and trained < self.requested_context:
                    # Never run a model past the context it was trained for: reopen at its size.
                    del llm
                    llm = open_at(trained)
                return llm
        except Exception as exc:
            if self.lora_path is not None:
                raise ModelError(
                    f"Chat model {self.model_path} with the LoRA adapter {self.lora_path} could not be loaded "
                    f"({exc}). The adapter must be a GGUF LoRA made for this model; remove --lora or choose "
                    "the adapter's own base model."
                ) from exc
            raise ModelError(
                f"Chat model {self.model_path} could not be loaded ({exc}). It may be damaged or of an "
                "architecture this llama.cpp does not support; run `make models` or choose another .gguf."
            ) from exc

    @property
    def context_size(self) -> int:
        return int(self.load().n_ctx())

    def count_tokens(self, text: str) -> int:
        return len(self.load().tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def stream_chat(
        self,
        messages: list[Message],
        max_tokens: int,
        cancelled: Callable[[], bool] = lambda: False,
        stop: tuple[str, ...] = (),
        gate: tuple[str, float] | None = None,
        grammar: str | None = None,
    ) -> Iterator[str]:
        """Yield text pieces as they are generated; stops early when ``cancelled()`` turns true.

        ``gate`` = (text, floor): the answer may open with ``text``'s first token only when the model gives
        that token at least ``floor`` probability (greedy decoding otherwise takes a token the model is
        unsure of as its decision). ``grammar``: GBNF the answer must follow (``legalassist.generate.held``)."""
        llm = self.load()
        with self._scheduler.compute(), self._run_lock:
            self._fit.apply(lambda n: set_threads(llm, n))
            processors = None
            if gate is not None:
                import llama_cpp

                processors = llama_cpp.LogitsProcessorList(
                    [_FirstTokenGate(llm.tokenize(gate[0].encode(), add_bos=False)[0], gate[1])]
                )
            rules = None
            if grammar is not None:
                import llama_cpp

                rules = llama_cpp.LlamaGrammar.from_string(grammar, verbose=False)
            stream = llm.create_chat_completion(
                messages=messages,
                max_tokens=max_tokens,
                temperature=0.0,
                repeat_penalty=REPEAT_PENALTY,
                stream=True,
                stop=list(stop),
                logits_processor=processors,
                grammar=rules,
            )
            # Each step of the stream computes, so each runs on the process's model thread (legalassist.scheduler).
            runner = model_thread()
            try:
                while not cancelled():
                    chunk = runner.run(next, stream, None)
                    if chunk is None:
                        break
                    self._fit.apply(lambda n: set_threads(llm, n))  # other programs may have started or stopped
                    piece = chunk["choices"][0]["delta"].get("content")
                    if piece:
                        yield piece
            finally:
                close = getattr(stream, "close", None)
                if close:
                    runner.run(close)

    def prime(self, messages: list[Message]) -> None:
        """Read how every prompt begins into the model's cache, and run the model once. llama.cpp keeps the
        longest common start of the last prompt, so each answer's prompt then starts after it, and the first
        answer does not pay for the model's first run. Background work: a question asked meanwhile goes first."""
        for _ in self.stream_chat(messages, max_tokens=1):
            pass


class _FirstTokenGate:
    """A llama.cpp logits processor: at the first generated position, ``token`` is ruled out unless its
    probability is at least ``floor``."""

    def __init__(self, token: int, floor: float) -> None:
        self.token, self.floor, self.first = token, floor, True

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        if self.first:
            self.first = False
            shifted = np.exp(scores - scores.max())
            if shifted[self.token] / shifted.sum() < self.floor:
                scores[self.token] = -np.inf
        return scores


def _check_adapter(path: Path) -> None:
    """A LoRA adapter must be a GGUF file whose metadata says it is one (llama.cpp aborts on some
    mismatches instead of reporting them, so the plain cases are caught here first)."""
    if not path.is_file():
        raise ModelError(
            f"LoRA adapter not found: {path}. Pass --lora with a GGUF adapter file; the project's own answer "
            "adapter is rebuilt by `make finetune`, or choose another answer mode (Settings, --answer-mode model)."
        )
    from gguf import GGUFReader

    try:
        reader = GGUFReader(str(path))
    except Exception as exc:
        raise ModelError(f"{path} is not a GGUF file ({exc}). Convert the adapter to GGUF first.") from exc
    field = reader.get_field("general.type")
    kind = bytes(field.parts[field.data[0]]).decode() if field is not None else ""
    if kind != "adapter":
        raise ModelError(f"{path} is a GGUF {kind or 'file'} but not a LoRA adapter (general.type is not 'adapter').")


def measure_speed(llm: LocalLLM, prompt_tokens: int = 512, gen_tokens: int = 128, repeats: int = 3) -> dict[str, float]:
    """Prompt processing and generation speed in tokens/s, measured the way llama.cpp's llama-bench
    does (pp: one batch of random tokens into an empty context; tg: tokens decoded one at a time from an
    empty context), so the two can be compared on the same model and machine."""
    import random
    import time

    model = llm.load()
    rng = random.Random(0)
    vocab = model.n_vocab()
    pp: list[float] = []
    tg: list[float] = []

    def rounds() -> None:
        for _ in range(repeats + 1):  # the first round warms up and is not counted
            tokens = [rng.randrange(vocab) for _ in range(prompt_tokens)]
            model.reset()
            started = time.perf_counter()
            model.eval(tokens)
            pp.append(prompt_tokens / (time.perf_counter() - started))
            model.reset()
            started = time.perf_counter()
            for _ in range(gen_tokens):
                model.eval([rng.randrange(vocab)])
            tg.append(gen_tokens / (time.perf_counter() - started))
        model.reset()

    with llm._scheduler.compute(), llm._run_lock:
        model_thread().run(rounds)  # where the app's own computations run
    return {"pp_tokens_per_s": sum(pp[1:]) / repeats, "tg_tokens_per_s": sum(tg[1:]) / repeats}
