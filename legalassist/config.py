"""Typed settings. Every field can be set by an environment variable ``LEGALASSIST_<NAME>``, or in the
user's settings file (``settings.json`` in the user config folder, written by the app's Settings dialog).
Precedence: values passed in, then the environment, then the file, then the defaults.

Settings are passed into the service; nothing reads globals, so tests run in temporary libraries.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

log = logging.getLogger(__name__)

APP_NAME = "legalassist"
CHAT_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBED_MODEL_FILE = "all-MiniLM-L6-v2.f16.gguf"
# The project's own answer adapter (a LoRA for the default chat model, built by `make finetune`).
ADAPTER_FILE = "adapters/legal-answer.gguf"
# The project's own legal embedder (all-MiniLM-L6-v2 fine-tuned by `make finetune-embedder`), the default
# embedding model where it is installed (docs/BENCHMARKS.md, "Legal embedder").
LEGAL_EMBED_FILE = "adapters/legal-minilm.f16.gguf"
# The project's own entailment reader (all-MiniLM-L6-v2 trained on SNLI and the labelled legal rows by `make
# finetune-reader`): a second reader of the claims the grounding judge shows as supported.
READER_FILE = "adapters/legal-reader.gguf"
# The vector list's fusion weight chosen for the legal embedder on the bench's training part (for the committed
# build, weights 1, 2, 3, 5, 8 gave hybrid P@1 0.228, 0.246, 0.271, 0.288, 0.292; 8 lost R@1, so 5 was kept;
# docs/BENCHMARKS.md). Its manifest carries it as ``fusion_vector_weight``; an embedder without one is fused at 1.
LEGAL_EMBED_VECTOR_WEIGHT = 5.0


def _user_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_library_dir() -> Path:
    return _user_data_dir() / "library"


def default_models_dir() -> Path:
    """The checkout's ``models/`` when running from source, else the user's models folder."""
    source_models = Path(__file__).resolve().parent.parent / "models"
    if (source_models / "README.md").exists():
        return source_models
    return _user_data_dir() / "models"


def default_threads() -> int:
    # llama.cpp is fastest with one thread per physical core; leave nothing idle on a 2-core laptop.
    return max(1, min(8, os.cpu_count() or 1))


def settings_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def read_settings_file(path: Path | None = None) -> dict[str, Any]:
    """What the user saved; an unreadable or damaged file counts as empty (the app still starts, with
    the defaults, and saving again replaces it)."""
    path = path or settings_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(changes: dict[str, Any], path: Path | None = None) -> Path:
    """Merge ``changes`` into the settings file (paths stored as text), written atomically."""
    path = path or settings_file()
    data = read_settings_file(path)
    data.update({k: str(v) if isinstance(v, Path) else v for k, v in changes.items()})
    data = {k: v for k, v in data.items() if v is not None and k in Settings.model_fields}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
    return path


class _FileSource(PydanticBaseSettingsSource):
    """The settings file, value by value: one that no longer fits its field (an edit by hand, an older
    version) is left out with a warning, so a bad value never stops the app from starting."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return read_settings_file().get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        from pydantic import TypeAdapter, ValidationError

        good = {}
        for name, value in read_settings_file().items():
            field = self.settings_cls.model_fields.get(name)
            if field is None or field.annotation is None:
                continue
            try:
                TypeAdapter(field.annotation).validate_python(value)
            except ValidationError:
                log.warning("ignoring %s=%r in %s: not a valid value", name, value, settings_file())
                continue
            good[name] = value
        return good


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEGALASSIST_", extra="ignore")

    library_dir: Path = Field(
        default_factory=default_library_dir, description="Folder holding the catalog and indexes."
    )
    models_dir: Path = Field(default_factory=default_models_dir, description="Folder holding the GGUF model files.")
    chat_model: Path | None = Field(None, description="GGUF chat model; default: SmolLM2-135M-Instruct in models_dir.")
    chat_lora: Path | None = Field(
        None, description="LoRA adapter (GGUF) applied on top of the chat model; none by default."
    )
    # The default is the writer best on the answer benchmark's correct answers with no loss in grounding
    # (docs/BENCHMARKS.md, "Answer writers").
    answer_mode: Literal["adapter", "model", "extractive"] = Field(
        "extractive",
        description="Who writes answers: 'adapter' (the chat model with the project's legal answer adapter), "
        "'model' (the chat model alone) or 'extractive' (the best sentences of the sources, quoted; no chat model).",
    )
    held_quotes: bool = Field(
        True,
        description="Hold the chat model's answer to the sources' own words: it may write only the no-answer "
        "sentence or the passages' best sentence for the question, verbatim, with its [n].",
    )
    # On by default since the reader of 2026-12-07 09:19: it reads the FELA statute's "No action shall be maintained
    # … unless commenced within three years" as no contradiction of "must be commenced within three years" (0.40,
    # threshold 0.85), which the one before did not (docs/BENCHMARKS.md, "… the entailment reader retrained and on
    # by default").
    entailment_reader: bool = Field(
        True,
        description="Read each claim the grounding checks show as supported with the project's entailment reader "
        "(models/adapters/legal-reader.gguf, where it is installed) too, and show it unsupported where the reader "
        "reads the passage as saying otherwise. It also overrules a few right sentences.",
    )
    embed_model: Path | None = Field(
        None,
        description="GGUF embedding model; default: the project's legal embedder in models_dir "
        "(adapters/legal-minilm.f16.gguf), else all-MiniLM-L6-v2 when that is not installed.",
    )
    threads: int = Field(default_factory=default_threads, ge=1, description="CPU threads for llama.cpp.")
    # Measured in docs/BENCHMARKS.md ("Model work under load"): with another program keeping one of two cores
    # busy, two threads decode at ~0.1x their speed alone and one thread at ~0.55x.
    adaptive_threads: bool = Field(
        True,
        description="Use fewer threads than 'threads' while other programs keep cores busy (read from /proc/stat).",
    )
    context_size: int = Field(2048, description="Context window for the chat model, in tokens.")
    max_answer_tokens: int = Field(256, description="Upper bound on generated tokens per answer.")
    top_k: int = Field(6, description="Passages given to the model for one answer.")
    excerpt_chars: int = Field(
        300,
        ge=80,
        description="Characters of each passage the chat model is shown: its sentences nearest the question.",
    )
    search_k: int = Field(10, description="Hits returned by a search when not told otherwise.")
    candidates: int = Field(50, description="Candidates each retriever contributes before fusion.")
    keyword_weight: float = Field(1.0, description="Weight of the keyword list in fusion.")
    vector_weight: float | None = Field(
        None,
        ge=0.0,
        description="Weight of the vector list in fusion; default: the weight chosen for the embedding model in "
        "use (its manifest's fusion_vector_weight: 5 for the legal embedder), else 1.",
    )
    chunk_chars: int = Field(900, description="Target passage length in characters.")
    import_workers: int = Field(
        2,
        ge=0,
        description="Processes reading files (text, passages, citations) during a large import, beside the one "
        "writing the indexes; 0 reads every file in the app's own process.",
    )
    route_documents: bool = Field(
        True, description="Search within the document a question names, when one clearly matches."
    )
    watched_folder: Path | None = Field(
        None, description="A folder the desktop app keeps the library in step with while it runs."
    )
    show_unsupported: bool = Field(
        True, description="Show answer sentences no passage supports (flagged as such); false hides them."
    )
    index_backend: Literal["embedded", "postgres"] = Field(
        "embedded",
        description="Where the keyword and vector indexes live: 'embedded' (in the library folder, offline) or "
        "'postgres' (a shared PostgreSQL server with pgvector, for a firm's library; see docs/SCALING.md).",
    )
    postgres_url: str | None = Field(
        None,
        description="PostgreSQL connection URL when index_backend is 'postgres', e.g. postgresql://user@dbhost/db.",
    )
    postgres_schema: str = Field(
        "legalassist", description="The PostgreSQL schema holding this library's indexes (one schema per library)."
    )
    ocr_language: str = Field(
        "eng",
        description="Tesseract language(s) for scanned pages, e.g. 'eng' or 'eng+spa'; empty turns OCR off.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, _FileSource(settings_cls)

    @property
    def chat_model_path(self) -> Path:
        return self.chat_model or self.models_dir / CHAT_MODEL_FILE

    @property
    def lora_path(self) -> Path | None:
        """The LoRA adapter applied to the chat model: the one chosen, else the project's own in 'adapter' mode."""
        if self.chat_lora is not None:
            return self.chat_lora
        return self.models_dir / ADAPTER_FILE if self.answer_mode == "adapter" else None

    @property
    def reader_path(self) -> Path | None:
        """The entailment reader the answer checks use: the project's own where it is installed and not turned
        off, else none."""
        path = self.models_dir / READER_FILE
        return path if self.entailment_reader and path.is_file() else None

    @property
    def embed_model_path(self) -> Path:
        """The embedding model: the one chosen, else the project's legal embedder, else all-MiniLM-L6-v2 (a
        models folder set up before the legal embedder existed, or a bundle's folder without it)."""
        if self.embed_model is not None:
            return self.embed_model
        legal = self.models_dir / LEGAL_EMBED_FILE
        return legal if legal.is_file() else self.models_dir / EMBED_MODEL_FILE

    @property
    def fusion_vector_weight(self) -> float:
        """The vector list's weight in fusion: the one set, else the embedding model's own (see
        ``embedder_vector_weight``)."""
        if self.vector_weight is not None:
            return self.vector_weight
        return embedder_vector_weight(self.embed_model_path)

    @property
    def judge_embed_model_path(self) -> Path:
        """The embedder of the answer checks (see ``Models.judge_embedder``): all-MiniLM-L6-v2 where it is
        installed, else the embedding model in use."""
        base = self.models_dir / EMBED_MODEL_FILE
        return base if base.is_file() else self.embed_model_path


def embedder_vector_weight(model: Path) -> float:
    """The fusion weight an embedding model's manifest (``<name>.json`` beside it, written by `legalassist
    finetune embedder`) records as ``fusion_vector_weight``; 1 when it has none or it cannot be read. Every
    search asks, so the manifest is read again only when it changes."""
    manifest = model.with_suffix(".json")
    try:
        stat = manifest.stat()
    except OSError:
        return 1.0
    return _manifest_weight(manifest, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _manifest_weight(manifest: Path, _mtime_ns: int, _size: int) -> float:
    try:
        weight = float(json.loads(manifest.read_text(encoding="utf-8"))["fusion_vector_weight"])
    except (OSError, ValueError, KeyError, TypeError):
        return 1.0
    return weight if weight >= 0 else 1.0
