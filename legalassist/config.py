"""Typed settings. Every field can be set by an environment variable ``LEGALASSIST_<NAME>``.

Settings are passed into the service; nothing reads globals, so tests run in temporary libraries.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "legalassist"
CHAT_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBED_MODEL_FILE = "all-MiniLM-L6-v2.f16.gguf"


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
    embed_model: Path | None = Field(None, description="GGUF embedding model; default: all-MiniLM-L6-v2 in models_dir.")
    threads: int = Field(default_factory=default_threads, description="CPU threads for llama.cpp.")
    context_size: int = Field(2048, description="Context window for the chat model, in tokens.")
    max_answer_tokens: int = Field(256, description="Upper bound on generated tokens per answer.")
    top_k: int = Field(6, description="Passages given to the model for one answer.")
    search_k: int = Field(10, description="Hits returned by a search when not told otherwise.")
    candidates: int = Field(50, description="Candidates each retriever contributes before fusion.")
    keyword_weight: float = Field(1.0, description="Weight of the keyword list in fusion.")
    vector_weight: float = Field(1.0, description="Weight of the vector list in fusion.")
    chunk_chars: int = Field(900, description="Target passage length in characters.")
    route_documents: bool = Field(
        True, description="Search within the document a question names, when one clearly matches."
    )
    show_unsupported: bool = Field(
        True, description="Show answer sentences no passage supports (flagged as such); false hides them."
    )
    min_support: float = Field(0.35, description="Least attribution score for a claim to count as supported.")

    @property
    def chat_model_path(self) -> Path:
        return self.chat_model or self.models_dir / CHAT_MODEL_FILE

    @property
    def embed_model_path(self) -> Path:
        return self.embed_model or self.models_dir / EMBED_MODEL_FILE
